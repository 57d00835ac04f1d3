"""Fixed wording of the digest email in English and Russian."""

from __future__ import annotations

MISTAKE_TITLES = {
    "en": {
        "planning": "Skipping planning",
        "misleading": "Lying or misleading",
        "ignoring": "Ignoring everyone else",
        "spam": "Spamming",
        "tone": "Vulgar, nasty or confrontational",
        "oversharing": "Oversharing",
        "self_promotion": "Constant self-promotion",
    },
    "ru": {
        "planning": "Нет плана публикаций",
        "misleading": "Ложь и введение в заблуждение",
        "ignoring": "Игнорирование аудитории",
        "spam": "Спам",
        "tone": "Грубость и конфронтация",
        "oversharing": "Раскрытие лишнего",
        "self_promotion": "Постоянная самореклама",
    },
}

LABELS = {
    "en": {
        "subject": "{account}: {count} new finding(s) — {mistakes}",
        "intro": "The monitor found {count} new problem(s) on {account} ({platform}) in the sweep at {when}.",
        "audit_subject": "{account}: first audit — {count} finding(s) in the last {window} — {mistakes}",
        "audit_intro": "First audit of {account} ({platform}): the monitor read the last {window} of the account's history in the "
        "sweep at {when} and found {count} problem(s) that are still there or happened in that time. From now on you get only what is new.",
        "why": "Why it matters",
        "todo": "What to do",
        "evidence": "Evidence",
        "open": "open",
        "by": "by",
        "ago": "ago",
        "severity": {"critical": "critical", "warning": "warning", "info": "info"},
        "footer": "You get this email once per finding. Findings resolve by themselves when the problem is fixed.",
    },
    "ru": {
        "subject": "{account}: новых замечаний — {count} ({mistakes})",
        "intro": "Монитор нашёл новые проблемы ({count}) в аккаунте {account} ({platform}) при проверке {when}.",
        "audit_subject": "{account}: первый аудит — замечаний за последние {window}: {count} ({mistakes})",
        "audit_intro": "Первый аудит аккаунта {account} ({platform}): монитор прочитал историю аккаунта за последние {window} "
        "при проверке {when} и нашёл проблемы ({count}), которые всё ещё видны или случились за это время. Дальше будут приходить только новые.",
        "why": "Почему это важно",
        "todo": "Что сделать",
        "evidence": "Доказательства",
        "open": "открыть",
        "by": "автор",
        "ago": "назад",
        "severity": {"critical": "критично", "warning": "внимание", "info": "к сведению"},
        "footer": "Письмо о каждом замечании приходит один раз. Замечание закрывается само, когда проблема устранена.",
    },
}

FAILURE = {
    "en": {
        "subject": "{account}: monitoring stopped — the platform refused the credentials",
        "intro": "The monitor could not read {account} ({platform}) in the sweep at {when}. Until this is fixed, nothing on this account is checked.",
        "error": "Error",
        "todo": "What to do: renew or replace the token named in the error, then run `monitor config check`. You get this email once; the next one comes only if the account fails again after working.",
    },
    "ru": {
        "subject": "{account}: мониторинг остановлен — площадка не принимает ключ доступа",
        "intro": "Монитор не смог прочитать аккаунт {account} ({platform}) при проверке {when}. Пока это не исправлено, аккаунт не проверяется.",
        "error": "Ошибка",
        "todo": "Что сделать: обновите или замените токен, названный в ошибке, затем запустите `monitor config check`. Это письмо приходит один раз; следующее — только если аккаунт снова сломается после восстановления.",
    },
}
