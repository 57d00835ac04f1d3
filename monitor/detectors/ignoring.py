"""Mistake 3, ignoring everyone else: mentions, comments and messages left without an answer."""

from __future__ import annotations

from datetime import timedelta

from monitor.detectors import Detected, rule
from monitor.detectors.answers import Answers, reply_clock
from monitor.detectors.context import Context
from monitor.store.models import Item
from monitor.text.ages import human_age
from monitor.text.opt_out import is_opt_out
from monitor.text.plural import ru_plural

QUESTION_KINDS = ("mention", "comment")
ANSWER_KINDS = ("reply", "post")  # what the brand answers with: replies (and posts, were a platform to count them)
EVIDENCE_LIMIT = 5


def _severity(age: timedelta) -> str:
    # Wall-clock on purpose: the customer has waited that long, whatever the team's hours.
    return "critical" if age.total_seconds() >= 86400 else "warning"


def _question_summary(kind: str, author: str, brand: str, age: timedelta) -> dict[str, str]:
    en, ru = human_age(age, "en"), human_age(age, "ru")
    if kind == "comment":
        return {
            "en": f"{author} commented on a post of {brand} {en} ago and has had no reply",
            "ru": f"Комментарий {author} под постом {brand} ждёт ответа уже {ru}",
        }
    return {
        "en": f"{author} wrote to {brand} {en} ago and has had no reply",
        "ru": f"Сообщение {author} для {brand} ждёт ответа уже {ru}",
    }


def unanswered(ctx: Context, kind: str, rule_name: str) -> list[Detected]:
    """Items of `kind` by others whose reply clock has passed reply_within without an answer by the account."""
    settings = ctx.rules.ignoring
    if not ctx.account.external_id:
        return []
    since = ctx.now - settings.max_age
    clock = reply_clock(ctx)
    answers = Answers(ctx.own_items(since, ANSWER_KINDS))
    found = []
    for item in ctx.questions([kind], since):
        waited = clock.elapsed(item.created_at, ctx.now)
        if waited < settings.reply_within or answers.first(item) is not None:
            continue
        age = ctx.now - item.created_at
        summary = _question_summary(kind, ctx.author(item), ctx.brand, age)
        note = clock.note(item.created_at, ctx.now)
        found.append(
            Detected(
                key=item.external_id,
                severity=_severity(age),
                summary={lang: text + note[lang] for lang, text in summary.items()},
                item_ids=[item.external_id],
                evidence=[ctx.evidence(item)],
                details={
                    "age_seconds": int(age.total_seconds()),
                    "waited_seconds": int(waited.total_seconds()),
                    "reply_within_seconds": int(settings.reply_within.total_seconds()),
                },
            )
        )
    return found


@rule(
    "ignoring",
    "unanswered_mention",
    window=lambda r: r.ignoring.max_age,
    reads=("mention", "reply", "post"),
    why={
        "en": "People who mention the brand expect an answer; silence reads as indifference and is seen by everyone who follows the thread.",
        "ru": "Тот, кто упоминает бренд, ждёт ответа; молчание выглядит как равнодушие, и его видят все, кто читает ветку.",
    },
    todo={
        "en": "Reply to the mention (even a short acknowledgement), or hand it to support and say so in the reply.",
        "ru": "Ответьте на упоминание (хотя бы коротко) или передайте вопрос поддержке и напишите об этом в ответе.",
    },
)
def unanswered_mention(ctx: Context) -> list[Detected]:
    """A mention by someone else, not a retweet, unanswered after reply_within."""
    return unanswered(ctx, "mention", "unanswered_mention")


@rule(
    "ignoring",
    "unanswered_comment",
    window=lambda r: r.ignoring.max_age,
    reads=("comment", "reply", "post"),
    why={
        "en": "A comment left without an answer under the brand's own post tells every reader that nobody is listening.",
        "ru": "Комментарий без ответа под постом бренда показывает всем читателям, что их никто не слушает.",
    },
    todo={
        "en": "Reply to the comment as the brand (a reply to the comment itself, so the author is notified).",
        "ru": "Ответьте на комментарий от имени страницы (ответом на сам комментарий, чтобы автор получил уведомление).",
    },
)
def unanswered_comment(ctx: Context) -> list[Detected]:
    """A comment by someone else, unanswered by the account after reply_within."""
    return unanswered(ctx, "comment", "unanswered_comment")


@rule(
    "ignoring",
    "unanswered_message",
    window=lambda r: r.ignoring.max_age,
    reads=("message",),
    why={
        "en": "A private message is a customer asking for help directly; platforms show everyone how fast a brand answers its messages.",
        "ru": "Личное сообщение — это прямая просьба о помощи; площадки показывают всем, как быстро бренд отвечает на сообщения.",
    },
    todo={
        "en": "Answer the conversation in the brand's inbox, or send a short holding reply and follow up.",
        "ru": "Ответьте в диалоге во входящих страницы или пришлите короткий ответ «занимаемся» и вернитесь с решением.",
    },
)
def unanswered_message(ctx: Context) -> list[Detected]:
    """A conversation whose latest message is not from the account, its reply clock past reply_within."""
    settings = ctx.rules.ignoring
    own_id = ctx.account.external_id
    if not own_id:
        return []
    clock = reply_clock(ctx)
    latest: dict[str, Item] = {}
    for conversation, messages in ctx.conversations(ctx.now - settings.max_age).items():
        latest[conversation] = messages[-1]
    found = []
    for conversation, item in latest.items():
        if item.author_id == own_id or clock.elapsed(item.created_at, ctx.now) < settings.reply_within:
            continue
        if is_opt_out(item.text, ctx.rules.spam.opt_out_phrases):
            continue  # "stop messaging me" is not waiting for an answer; writing back is message_after_opt_out's business
        age = ctx.now - item.created_at
        author = ctx.author(item)
        note = clock.note(item.created_at, ctx.now)
        found.append(
            Detected(
                key=conversation,
                severity=_severity(age),
                summary={
                    "en": f"{author} messaged {ctx.account.name} {human_age(age, 'en')} ago and is waiting for an answer" + note["en"],
                    "ru": f"Личное сообщение {author} аккаунту {ctx.account.name} ждёт ответа уже {human_age(age, 'ru')}"
                    + note["ru"],
                },
                item_ids=[item.external_id],
                evidence=[ctx.evidence(item)],
                details={"age_seconds": int(age.total_seconds()), "conversation_id": conversation},
            )
        )
    return found


def _nouns(ctx: Context, count: int) -> dict[str, str]:
    """What the questions are called on the platform; after «из N» Russian takes the genitive, agreeing with count."""
    nouns = ctx.platform.questions
    return {"en": nouns.en, "ru": ru_plural(count, nouns.ru_one, nouns.ru_many, nouns.ru_many)}


@rule(
    "ignoring",
    "response_rate",
    window=lambda r: r.ignoring.response_window,
    reads=("mention", "comment", "reply", "post"),
    why={
        "en": "How many people get an answer in time is what followers judge a brand by; Facebook gives the \"very responsive\" badge only to Pages that answer 90% of messages within 15 minutes.",
        "ru": "По тому, скольким людям бренд отвечает вовремя, о нём и судят; Facebook даёт значок «очень быстро отвечает» только страницам, которые отвечают на 90% сообщений за 15 минут.",
    },
    todo={
        "en": "Look at the slowest questions in the evidence, set up a duty rota or alerts for the busy hours, and keep canned first replies at hand.",
        "ru": "Посмотрите на самые долгие вопросы из примеров, назначьте дежурства или уведомления на часы пик и держите под рукой шаблоны первых ответов.",
    },
)
def response_rate(ctx: Context) -> list[Detected]:
    """The share of mentions and comments in response_window answered within reply_within, below response_target."""
    settings = ctx.rules.ignoring
    if not ctx.account.external_id:
        return []
    since = ctx.now - settings.response_window
    clock = reply_clock(ctx)
    answers = Answers(ctx.own_items(since, ANSWER_KINDS))
    late: list[tuple[Item, timedelta, bool]] = []  # (question, reply time, answered at all)
    counted = 0
    for item in ctx.questions(QUESTION_KINDS, since):
        if clock.elapsed(item.created_at, ctx.now) < settings.reply_within:
            continue  # its reply window is still open: neither on time nor late yet
        counted += 1
        answer = answers.first(item)
        end = answer.created_at if answer is not None else ctx.now
        waited = clock.elapsed(item.created_at, end)
        if answer is None or waited > settings.reply_within:
            late.append((item, waited, answer is not None))
    if counted < settings.response_min_questions:
        return []
    on_time = counted - len(late)
    rate = on_time / counted
    if rate >= settings.response_target:
        return []
    late.sort(key=lambda entry: (entry[2], -entry[1], entry[0].created_at))  # unanswered first, then the slowest
    worst = late[:EVIDENCE_LIMIT]
    evidence = [
        {**ctx.evidence(item), "answered": answered, "waited_seconds": int(waited.total_seconds())}
        for item, waited, answered in worst
    ]
    nouns = _nouns(ctx, counted)
    hours = {"en": " of business hours", "ru": " рабочего времени"} if clock.business_hours else {"en": "", "ru": ""}
    window, within = settings.response_window, settings.reply_within
    return [
        Detected(
            key="rate",
            severity="critical" if rate < 0.5 else "warning",
            summary={
                "en": f"{ctx.brand} answered {on_time} of {counted} {nouns['en']} of the last {human_age(window, 'en')} "
                f"within {human_age(within, 'en')}{hours['en']} ({rate:.0%}); the target is {settings.response_target:.0%}",
                "ru": f"Аккаунт {ctx.brand} ответил за {human_age(within, 'ru')}{hours['ru']} на {on_time} из {counted} {nouns['ru']} "
                f"за последние {human_age(window, 'ru')} ({rate:.0%}); цель — {settings.response_target:.0%}",
            },
            item_ids=[item.external_id for item, _, _ in worst],
            evidence=evidence,
            details={
                "questions": counted,
                "answered_in_time": on_time,
                "unanswered": sum(1 for _, _, answered in late if not answered),
                "rate": round(rate, 4),
                "target": settings.response_target,
            },
        )
    ]
