"""Tools for the people who read alerts: preview, test-email, status, findings show, silences and acks from the CLI."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.alerts.test_timeline import T0, Timeline
from tests.conftest import iso
from tests.fakes.smtp import SmtpServer


def test_preview_writes_the_next_digest_and_sends_nothing(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)
    timeline.monitor("once", "--dry-run", "--now", iso(T0))  # stores and detects, sends nothing
    out = tmp_path / "preview"

    result = timeline.monitor("preview", "--account", "brand", "--out", str(out), "--now", iso(T0))

    assert result.exit_code == 0, result.output
    html, text = (out / "brand.html").read_text(encoding="utf-8"), (out / "brand.txt").read_text(encoding="utf-8")
    assert "you idiot" in text and "where is my order?" in text and 'data-finding="' in html
    assert smtp.messages == []
    assert "email: sent (2 findings)" in timeline.sweep(T0 + timedelta(minutes=5))  # the preview marked nothing sent


def test_preview_of_an_account_never_swept_says_what_to_run(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)

    result = timeline.monitor("preview", "--account", "brand", "--out", str(tmp_path / "p"))

    assert result.exit_code == 1 and "monitor once" in result.output


def test_test_email_prints_the_servers_answer_and_exits_1_when_refused(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)

    accepted = timeline.monitor("test-email", "--to", "lead@brand.example")
    smtp.refuse_next("550 5.1.1 no such user")
    refused = timeline.monitor("test-email")

    assert accepted.exit_code == 0 and f"accepted: 127.0.0.1:{smtp.port}: 250 OK: queued" in accepted.output
    [message] = smtp.messages
    assert message["Subject"].startswith("[TEST] [smm-monitor]") and message["To"] == "lead@brand.example"
    assert refused.exit_code == 1 and "550" in refused.output and "refused" in refused.output


def test_status_and_findings_show(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)
    timeline.sweep(T0)

    status = json.loads(timeline.monitor("status", "--json").output)
    insult = timeline.finding("insult")["id"]
    shown = timeline.monitor("findings show", str(insult))

    [account] = status["accounts"]
    assert {k: account[k] for k in ("name", "platform", "open_findings")} == {"name": "brand", "platform": "x", "open_findings": 2}
    assert {k: account["last_sweep"][k] for k in ("started_at", "status", "error")} == {
        "started_at": T0.isoformat(), "status": "ok", "error": None}
    assert account["open_by_severity"] == {"critical": 1, "warning": 1, "info": 0}
    assert account["lease"] is None  # the sweep let go of the account when it finished
    assert status["outbox"] == {"pending": 0, "retrying": 0, "dead": 0}
    assert shown.exit_code == 0, shown.output
    assert "[critical] tone/insult on brand" in shown.output and "@rude you idiot" in shown.output
    assert "default: sent" in shown.output and "sent: 127.0.0.1" in shown.output
    assert timeline.monitor("findings show", "999").exit_code == 1


def test_silence_add_checks_names_and_says_did_you_mean(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)

    typo = timeline.monitor("silence add", "--rule", "insults", "--for", "1d", "--reason", "x")
    mistake = timeline.monitor("silence add", "--mistake", "rudeness", "--for", "1d", "--reason", "x")
    nothing = timeline.monitor("silence add", "--for", "1d", "--reason", "x")
    bad_for = timeline.monitor("silence add", "--rule", "insult", "--for", "tomorrow", "--reason", "x")

    assert typo.exit_code == 2 and "did you mean 'insult'" in typo.output
    assert mistake.exit_code == 2 and "'rudeness' is not a mistake" in mistake.output
    assert nothing.exit_code == 2 and "--account, --mistake, --rule or --finding" in nothing.output
    assert bad_for.exit_code == 2 and '"2h"' in bad_for.output
    assert json.loads(timeline.monitor("silence list", "--json").output) == []


def test_an_expired_config_silence_is_a_warning(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)
    config = timeline.monitor.config
    config.write_text(config.read_text() + '\n[[silences]]\nrule = "insult"\nuntil = 2026-11-01T00:00:00Z\nreason = "old"\n')

    result = timeline.monitor("once", "--now", iso(T0))

    assert result.exit_code == 0 and "warning:" in result.output and "silences[0] ended at 2026-11-01" in result.output
    assert "you idiot" in smtp.messages[0].get_body(("plain",)).get_content()  # it silenced nothing


def test_the_digest_is_in_the_accounts_language(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)
    config = timeline.monitor.config
    config.write_text(config.read_text().replace('handle = "northwindcoffee"',
                                                 'handle = "northwindcoffee"\nlanguage = "ru"\ntimezone = "Europe/Moscow"'))

    timeline.sweep(T0)

    [message] = smtp.messages
    assert "первый аудит — 2 замечания за последние 90 дней" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert "[КРИТИЧНО]" in text and "Почему это важно" in text and "Открыть в X: https://x.com/anna_k/status/200" in text
    assert "20 нояб. 2026 г., 18:30" in text.replace("\u202f", " ")  # the insult at 15:30 UTC, in the account's time zone
    assert "(а)" not in text  # no hand-made forms, in the email or in the detectors' summaries


def test_silence_by_finding_in_the_config_file(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)
    timeline.monitor("once", "--dry-run", "--now", iso(T0))
    insult = timeline.finding("insult")["id"]
    config = timeline.monitor.config
    until = iso(datetime(2026, 12, 31, tzinfo=timezone.utc))
    config.write_text(config.read_text() + f'\n[[silences]]\nfinding = {insult}\nuntil = {until}\nreason = "PR handles it"\n')

    timeline.sweep(T0 + timedelta(minutes=5))

    text = smtp.messages[0].get_body(("plain",)).get_content()
    assert "you idiot" not in text and "1 finding held back by a silence" in text
