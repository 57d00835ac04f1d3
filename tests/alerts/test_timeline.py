"""Alert timelines on a simulated clock (`--now`), against a real SMTP server, as Alertmanager's acceptance tests do.

The account is read from an archive: an unanswered mention (warning) and an insult in a brand reply (critical).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import Monitor, iso
from tests.fakes.smtp import SmtpServer

T0 = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
PROFILE = '{"type": "profile", "id": "1001", "handle": "northwindcoffee", "followers": 1000}'
POST = '{"id": "500", "kind": "post", "author_id": "1001", "created_at": "2026-11-20T09:00:00Z", "text": "Good morning from the roastery"}'
MENTION = ('{"id": "200", "kind": "mention", "author_id": "2001", "author": "anna_k", "created_at": "2026-11-20T15:00:00Z", '
           '"text": "@northwindcoffee where is my order?", "url": "https://x.com/anna_k/status/200"}')
INSULT = ('{"id": "201", "kind": "reply", "author_id": "1001", "created_at": "2026-11-20T15:30:00Z", '
          '"text": "@rude you idiot, read the menu", "reply_to_id": "199", "reply_to_author_id": "2009"}')
ANSWER = ('{"id": "202", "kind": "reply", "author_id": "1001", "created_at": "2026-11-20T19:00:00Z", "text": "@anna_k it ships today!", '
          '"reply_to_id": "200", "reply_to_author_id": "2001", "conversation_id": "200"}')


class Timeline:
    """The real CLI on one archive account emailing through the SMTP fixture; the clock is `--now`."""

    def __init__(self, tmp_path: Path, smtp: SmtpServer, extra: str = "") -> None:
        self.tmp_path, self.smtp = tmp_path, smtp
        self.archive(MENTION, INSULT)
        config = tmp_path / "monitor.toml"
        config.write_text(f"""
[database]
url = "sqlite:///monitor.db"
[email]
transport = "smtp"
from = "monitor@brand.example"
to = ["smm@brand.example"]
admin = ["ops@brand.example"]
retry_delay = "0s"
{extra}
[email.smtp]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
timeout = "5s"
[[accounts]]
name = "brand"
platform = "x"
handle = "northwindcoffee"
source = "archive"
archive = "brand.jsonl"
""", encoding="utf-8")
        self.monitor = Monitor(config, {})

    def archive(self, *lines: str) -> None:
        """What the account shows now."""
        (self.tmp_path / "brand.jsonl").write_text("\n".join([PROFILE, POST, *lines]) + "\n", encoding="utf-8")

    def sweep(self, at: datetime) -> str:
        result = self.monitor("once", "--now", iso(at))
        # Issue 12: an email that did not go out (retrying, dead, waiting) makes `once` exit 1, and says so on stderr.
        undelivered = "email not delivered" in result.output
        assert result.exit_code == (1 if undelivered else 0), result.output
        return result.output

    def finding(self, rule: str) -> dict:
        rows = json.loads(self.monitor("findings", "--format", "json", "--status", "all").output)
        return next(r for r in rows if r["rule"] == rule)

    def text(self, index: int) -> str:
        return self.smtp.messages[index].get_body(("plain",)).get_content()


@pytest.fixture
def timeline(tmp_path: Path, smtp: SmtpServer) -> Timeline:
    return Timeline(tmp_path, smtp)


def test_a_finding_is_emailed_at_once_and_repeated_a_day_later_in_the_same_thread(timeline: Timeline) -> None:
    timeline.sweep(T0)
    for hours in (1, 12, 23):
        assert "email: none" in timeline.sweep(T0 + timedelta(hours=hours))
    assert len(timeline.smtp.messages) == 1

    out = timeline.sweep(T0 + timedelta(hours=24))

    assert "email: sent (2 findings)" in out
    first, repeat = timeline.smtp.messages
    assert repeat["In-Reply-To"] == first["Message-ID"] and first["Message-ID"] in repeat["References"]
    assert repeat["Subject"] == f"Re: {first['Subject']}"  # one thread in every mail client
    text = timeline.text(1)
    assert "2 findings still open" in text and "still open, first seen 1 day ago" in text
    first_text = timeline.text(0)
    assert first_text.index("[CRITICAL]") < first_text.index("[WARNING]")  # the insult before the mention
    assert "email: none" in timeline.sweep(T0 + timedelta(hours=25))


def test_an_acknowledged_finding_is_not_repeated_and_still_resolves_by_itself(timeline: Timeline) -> None:
    timeline.sweep(T0)
    insult = timeline.finding("insult")["id"]
    acked = timeline.monitor("ack", str(insult), "--reason", "apologised by phone", "--now", iso(T0 + timedelta(hours=1)))
    assert acked.exit_code == 0, acked.output

    timeline.sweep(T0 + timedelta(hours=24))

    assert len(timeline.smtp.messages) == 2
    text = timeline.text(1)
    assert "you idiot" not in text and "where is my order?" in text
    assert "1 acknowledged finding not repeated" in text
    assert timeline.finding("insult")["status"] == "acknowledged"

    timeline.archive(MENTION)  # the reply with the insult was deleted
    timeline.sweep(T0 + timedelta(hours=25))

    assert timeline.finding("insult")["status"] == "resolved"
    again = timeline.monitor("ack", str(insult))
    assert again.exit_code == 1 and "resolved" in again.output


def test_a_silence_added_while_the_daemon_runs_holds_findings_back_without_a_restart(timeline: Timeline) -> None:
    from monitor.settings import load_settings
    from monitor.store import open_database
    from monitor.sweep import sweep_account
    from alerts.transports import make_transport

    settings = load_settings(timeline.monitor.config)  # loaded once, as `monitor run` does
    sessions = open_database(settings.database_url())
    transport = make_transport(settings)
    sweep_account(settings, settings.accounts[0], sessions, transport, T0)
    added = timeline.monitor("silence add", "--rule", "insult", "--for", "2d", "--reason", "handled by PR",
                             "--now", iso(T0 + timedelta(hours=1)))
    assert added.exit_code == 0, added.output
    silence_id = added.output.strip()

    sweep_account(settings, settings.accounts[0], sessions, transport, T0 + timedelta(hours=24))

    text = timeline.text(1)
    assert "you idiot" not in text and "where is my order?" in text and "1 finding held back by a silence" in text
    listed = json.loads(timeline.monitor("silence list", "--json", "--now", iso(T0 + timedelta(hours=24))).output)
    assert [(s["rule"], s["reason"], s["active"]) for s in listed] == [("insult", "handled by PR", True)]

    assert timeline.monitor("silence expire", silence_id, "--now", iso(T0 + timedelta(hours=25))).exit_code == 0
    report = sweep_account(settings, settings.accounts[0], sessions, transport, T0 + timedelta(hours=25))

    assert report.email.startswith("sent (1 finding")
    assert "you idiot" in timeline.text(2)


def test_a_resolved_finding_gets_a_notice_when_send_resolved_is_on(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp, extra="send_resolved = true")
    timeline.sweep(T0)
    timeline.archive(MENTION, INSULT, ANSWER)

    out = timeline.sweep(T0 + timedelta(hours=2))

    assert "1 resolved" in out and len(smtp.messages) == 2
    assert smtp.messages[1]["Subject"] == "[smm-monitor] brand: 1 finding resolved"
    assert "✓ @anna_k wrote to @northwindcoffee" in timeline.text(1)
    assert "email: none" in timeline.sweep(T0 + timedelta(hours=3))  # said once


def test_451_for_ten_minutes_then_exactly_one_delivery(timeline: Timeline) -> None:
    timeline.smtp.refuse_all("451 4.3.0 Mailbox busy, try later")
    assert "email: retrying (2 findings)" in timeline.sweep(T0)
    assert "email: retrying" in timeline.sweep(T0 + timedelta(minutes=5))
    timeline.smtp.refuse_all(None)  # the server is back after ten minutes

    out = timeline.sweep(T0 + timedelta(minutes=10))
    timeline.sweep(T0 + timedelta(minutes=15))

    assert "email: sent (2 findings)" in out
    assert len(timeline.smtp.messages) == 1
    history = json.loads(timeline.monitor("findings show", str(timeline.finding("insult")["id"]), "--json").output)
    [delivery] = history["deliveries"]
    assert [a["outcome"] for a in delivery["attempts"]] == ["transient"] * 6 + ["sent"]
    assert "451" in delivery["attempts"][0]["error"] and "250" in delivery["attempts"][-1]["answer"]
    assert history["routes"][0]["route"] == "default" and history["routes"][0]["outcome"] == "sent"


def test_550_is_one_attempt_a_dead_letter_and_one_admin_notice(timeline: Timeline) -> None:
    timeline.smtp.refuse_next("550 5.1.1 <smm@brand.example>: mailbox unavailable")

    out = timeline.sweep(T0)
    timeline.sweep(T0 + timedelta(minutes=15))

    assert "email: dead (2 findings)" in out and "550" in out
    [notice] = timeline.smtp.messages  # the digest was refused; the admin notice went through; nothing retried
    assert notice["To"] == "ops@brand.example" and "could not be delivered on route default" in notice["Subject"]
    assert "550" in notice.get_body(("plain",)).get_content() and "after 1 attempt" in notice.get_body(("plain",)).get_content()
    status = json.loads(timeline.monitor("status", "--json").output)
    assert status["outbox"] == {"pending": 0, "retrying": 0, "dead": 1}
    history = json.loads(timeline.monitor("findings show", str(timeline.finding("insult")["id"]), "--json").output)
    assert [a["outcome"] for a in history["deliveries"][0]["attempts"]] == ["permanent"]


def test_quiet_hours_hold_the_digest_until_they_end(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp, extra='quiet_hours = "22:00-08:00"\ntimezone = "Europe/Moscow"')
    night = datetime(2026, 11, 20, 20, 0, tzinfo=timezone.utc)  # 23:00 in Moscow

    held = timeline.sweep(night)
    timeline.sweep(night + timedelta(hours=6))  # 05:00 in Moscow
    assert "email: held (2 findings)" in held and "quiet hours until 2026-11-21 05:00 UTC" in held
    assert smtp.messages == []

    morning = timeline.sweep(datetime(2026, 11, 21, 5, 0, tzinfo=timezone.utc))  # 08:00 in Moscow

    assert "email: sent (2 findings)" in morning and len(smtp.messages) == 1


def test_a_backlog_of_2000_findings_is_one_email_under_100_kb_critical_first(tmp_path: Path, smtp: SmtpServer) -> None:
    """After downtime every due finding goes into one digest; it lists at most max_findings_per_email and counts the rest."""
    from sqlalchemy import select

    from alerts.outbox import deliver
    from alerts.transports import make_transport
    from monitor import alerting
    from monitor.settings import load_settings
    from monitor.store import open_database
    from monitor.store.models import Finding
    from monitor.store.repo import ensure_account

    timeline = Timeline(tmp_path, smtp)
    settings = load_settings(timeline.monitor.config)
    sessions = open_database(settings.database_url())
    long_text = "where is my order? " * 15
    with sessions() as session:
        account = ensure_account(session, "brand", "x", "northwindcoffee", T0)
        for n in range(2000):
            critical = n % 400 == 399  # five critical ones, created last
            session.add(Finding(
                fingerprint=f"{n:064d}", account_id=account.id, mistake="tone" if critical else "ignoring",
                rule="insult" if critical else "unanswered_mention", severity="critical" if critical else "warning",
                status="open", first_seen=T0 - timedelta(hours=2000 - n), last_seen=T0, summary=f"finding number {n}",
                item_ids=[str(n)], details={"summary": {"en": f"finding number {n}"}, "why": {"en": "why " * 50}, "todo": {"en": "todo " * 50}},
                evidence=[{"item_id": str(n), "url": f"https://x.com/u/status/{n}", "excerpt": long_text, "author": "@u",
                           "created_at": (T0 - timedelta(hours=3)).isoformat()}] * 4,
            ))
        session.commit()
        config = settings.accounts[0]
        outcomes = deliver(session, alerting.account_info(settings, config, account), [], alerting.default_route(settings, config),
                           [], alerting.pipeline(settings, make_transport(settings)), T0, None)
        assert session.scalar(select(Finding.notified_at).where(Finding.rule == "insult").limit(1)) == T0

    assert [(o.status, o.findings) for o in outcomes] == [("sent", 2000)]
    [message] = smtp.messages
    assert len(message.as_bytes()) < 100_000
    text = message.get_body(("plain",)).get_content()
    assert text.count("[CRITICAL]") == 5 and text.index("[CRITICAL]") < text.index("[WARNING]")
    assert text.count("[WARNING]") + 5 <= 50
    listed = text.count("[CRITICAL]") + text.count("[WARNING]")
    assert f"+{2000 - listed} more findings are not listed here." in text
    assert f"monitor findings --config {timeline.monitor.config} --account brand" in text
    assert "2000 new findings" in message["Subject"] or "2,000 new findings" in message["Subject"]


def test_a_retrying_digest_whose_findings_all_resolved_is_dropped(timeline: Timeline) -> None:
    timeline.smtp.refuse_all("451 4.3.0 Mailbox busy, try later")
    timeline.sweep(T0)
    assert json.loads(timeline.monitor("status", "--json").output)["outbox"]["retrying"] == 1
    timeline.smtp.refuse_all(None)
    timeline.archive(MENTION, ANSWER)  # the mention answered at 19:00, the insult deleted

    out = timeline.sweep(T0 + timedelta(hours=2))

    assert "2 resolved" in out and "email: none" in out and timeline.smtp.messages == []
    assert json.loads(timeline.monitor("status", "--json").output)["outbox"] == {"pending": 0, "retrying": 0, "dead": 0}
