"""The `monitor` command line: config check, once (dry run, errors, --account), findings and db upgrade."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import NOW, TOKEN, Monitor, at, iso
from tests.fakes.smtp import SmtpServer

REPO = Path(__file__).resolve().parents[1]
DEMO_ARCHIVE = REPO / "config" / "demo" / "northwind-x.jsonl"
# What the demo X archive holds at 2026-11-20 18:00: 2 unanswered mentions, 2 repeats, the response
# rate they cause, an absolute claim and an insult in a reply.
DEMO_X_FINDINGS = 8  # seven, and the first audit's past silence
ANNA_MENTION = "1860000000000000010"
MISTAKES = {"planning", "misleading", "ignoring", "spam", "tone", "oversharing", "self_promotion"}
CONTRACT_KEYS = {"id", "mistake", "rule", "account", "platform", "item_ids", "severity", "status",
                 "first_seen", "last_seen", "summary", "evidence"}


def archive_config(tmp_path: Path, smtp: SmtpServer | None = None, extra: str = "") -> Path:
    """The demo's archive account in tmp_path, emailing through smtp (or into tmp_path/outbox)."""
    shutil.copy(DEMO_ARCHIVE, tmp_path / "northwind-x.jsonl")
    if smtp is not None:
        email = f"""
[email]
transport = "smtp"
from = "monitor@brand.example"
to = ["smm@brand.example"]
[email.smtp]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
timeout = "5s"
"""
    else:
        email = '[email]\ntransport = "file"\nfrom = "monitor@brand.example"\nto = ["smm@brand.example"]\n'
    path = tmp_path / "monitor.toml"
    path.write_text(f"""
[database]
url = "sqlite:///monitor.db"
{email}
[[accounts]]
name = "northwind-x"
platform = "x"
handle = "northwindcoffee"
timezone = "Europe/Moscow"
source = "archive"
archive = "northwind-x.jsonl"
{extra}
[rules.ignoring]
reply_within = "2h"
""", encoding="utf-8")
    return path


def add_brand_reply_to_anna(tmp_path: Path, when: datetime) -> None:
    """Append the brand's reply to @anna_k's mention to the archive."""
    reply = {
        "id": "1860000000000000020", "kind": "reply", "author_id": "1001", "author": "northwindcoffee",
        "created_at": iso(when), "text": "@anna_k so sorry! It ships today.", "reply_to_id": ANNA_MENTION,
        "reply_to_author_id": "2001", "conversation_id": ANNA_MENTION,
        "url": "https://x.com/northwindcoffee/status/1860000000000000020",
    }
    with (tmp_path / "northwind-x.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(reply) + "\n")


@pytest.fixture
def archive_monitor(tmp_path: Path) -> Monitor:
    """The CLI on the demo archive, alerts written as .eml files."""
    return Monitor(archive_config(tmp_path), {})


# --- config check ---------------------------------------------------------------------------------


def test_config_check_lists_accounts_and_masks_the_token(monitor_x: Monitor) -> None:
    result = monitor_x("config check")

    assert result.exit_code == 0, result.output
    assert "northwind-x" in result.stdout and "@northwindcoffee" in result.stdout
    assert "Europe/Moscow" in result.stdout and "reply_within 2h" in result.stdout
    assert "bearer_token" in result.stdout and "$X_BEARER_TOKEN" in result.stdout and "******" in result.stdout
    assert TOKEN not in result.output
    assert TOKEN[:8] not in result.output and TOKEN[-8:] not in result.output


def test_config_check_exits_2_when_the_token_variable_is_missing(monitor_x: Monitor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("X_BEARER_TOKEN", raising=False)

    result = Monitor(monitor_x.config, {})("config check")

    assert result.exit_code == 2
    assert "X_BEARER_TOKEN" in result.stderr and "export X_BEARER_TOKEN=" in result.stderr
    assert str(monitor_x.config) in result.stderr


def test_config_check_with_a_problem_does_not_call_the_config_valid(monitor_x: Monitor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("X_BEARER_TOKEN", raising=False)

    result = Monitor(monitor_x.config, {})("config check")

    assert result.exit_code == 2
    assert "valid" not in result.stdout.lower().replace("invalid", "")  # a failing check must not also say "valid"


# --- once: configuration errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[email.smtp]\nprot = 25\n', ["email.smtp.prot", "did you mean 'port'?"]),
        ('[rules.ignoring]\nreply_within = "2 hours"\n', ["rules.ignoring.reply_within", '"2h"']),
        ('[database]\nurl = "nosuchdb://x"\n', ["[database] url", "sqlite:///monitor.db"]),
    ],
    ids=["unknown-key", "bad-duration", "bad-database-url"],
)
def test_once_config_error_exits_2_with_the_message_on_stderr(tmp_path: Path, text: str, expected: list[str]) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(text + '[[accounts]]\nname = "northwind-x"\nplatform = "x"\nhandle = "northwindcoffee"\n', encoding="utf-8")

    result = Monitor(config, {})("once")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(config) in result.stderr
    for part in expected:
        assert part in result.stderr
    assert "Traceback" not in result.output


def test_once_with_missing_config_file_exits_2(tmp_path: Path) -> None:
    result = Monitor(tmp_path / "absent.toml", {})("once")

    assert result.exit_code == 2
    assert "absent.toml" in result.stderr and "not found" in result.stderr


def test_once_unknown_account_exits_2_listing_the_accounts(tmp_path: Path) -> None:
    extra = '\n[[accounts]]\nname = "northwind-fb"\nplatform = "facebook"\npage_id = "2002"\nsource = "archive"\narchive = "northwind-x.jsonl"\n'
    monitor = Monitor(archive_config(tmp_path, extra=extra), {})

    result = monitor("once", "--account", "nosuch", "--now", iso(NOW))

    assert result.exit_code == 2
    assert "'nosuch'" in result.stderr and "northwind-x" in result.stderr and "northwind-fb" in result.stderr
    assert not (tmp_path / "outbox").exists()


# --- once --dry-run ---------------------------------------------------------------------------------


def test_dry_run_prints_the_email_and_sends_nothing_then_a_real_run_sends_it(tmp_path: Path, smtp: SmtpServer) -> None:
    monitor = Monitor(archive_config(tmp_path, smtp), {})

    dry = monitor("once", "--dry-run", "--now", iso(NOW))

    assert dry.exit_code == 0, dry.output
    assert "email: dry-run" in dry.stdout
    assert f"Subject: [smm-monitor] northwind-x: first audit — {DEMO_X_FINDINGS} findings in the last 90 days" in dry.stdout
    assert "@anna_k" in dry.stdout and "my order #4471 still hasn't arrived" in dry.stdout
    assert "Why it matters" in dry.stdout
    assert smtp.messages == []

    real = monitor("once", "--now", iso(at(18, 15)))

    assert real.exit_code == 0, real.output
    assert f"email: sent ({DEMO_X_FINDINGS} findings)" in real.stdout
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["Subject"].startswith(f"[smm-monitor] northwind-x: first audit — {DEMO_X_FINDINGS} findings")
    assert "my order #4471 still hasn't arrived" in message.get_body(("plain",)).get_content()


# --- findings ---------------------------------------------------------------------------------------


def test_findings_json_matches_the_contract(archive_monitor: Monitor) -> None:
    assert archive_monitor("once", "--now", iso(NOW)).exit_code == 0

    result = archive_monitor("findings", "--format", "json")

    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == DEMO_X_FINDINGS
    for row in rows:
        assert CONTRACT_KEYS <= row.keys()
        assert row["mistake"] in MISTAKES and row["account"] == "northwind-x" and row["platform"] == "x"
        assert row["status"] == "open" and row["severity"] in {"critical", "warning", "info"}
        assert isinstance(row["id"], int) and row["summary"]
        assert row["item_ids"] and all(isinstance(i, str) for i in row["item_ids"])
        assert datetime.fromisoformat(row["first_seen"]).tzinfo is not None
        assert datetime.fromisoformat(row["last_seen"]) >= datetime.fromisoformat(row["first_seen"])
        assert row["evidence"]
        for evidence in row["evidence"]:
            assert set(evidence) >= {"item_id", "url", "excerpt"}
            assert isinstance(evidence["item_id"], str) and evidence["item_id"] in row["item_ids"]
    anna = next(r for r in rows if r["item_ids"] == [ANNA_MENTION])
    assert (anna["mistake"], anna["rule"]) == ("ignoring", "unanswered_mention")
    assert anna["evidence"][0]["url"] == f"https://x.com/anna_k/status/{ANNA_MENTION}"
    assert "my order #4471" in anna["evidence"][0]["excerpt"]
    repeats = [r for r in rows if r["rule"] == "repeated_update"]
    assert {tuple(r["item_ids"]) for r in repeats} == {
        ("1860000000000000001", "1860000000000000004"), ("1860000000000000002", "1860000000000000006")}


def test_findings_json_is_an_empty_list_before_any_sweep(archive_monitor: Monitor) -> None:
    result = archive_monitor("findings", "--format", "json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_findings_table_has_a_row_per_finding(archive_monitor: Monitor) -> None:
    archive_monitor("once", "--now", iso(NOW))

    result = archive_monitor("findings", "--format", "table")

    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].split()[:6] == ["ID", "STATUS", "SEVERITY", "FIRST", "SEEN", "ACCOUNT"]
    assert len(lines) == 1 + DEMO_X_FINDINGS
    assert all(re.search(r"  20\d\d-\d\d-\d\d \d\d:\d\d  ", line) for line in lines[1:])  # first seen
    assert sum("ignoring/unanswered_mention" in line for line in lines) == 2
    assert sum("spam/repeated_update" in line for line in lines) == 2
    assert any("@anna_k" in line for line in lines)


def test_findings_status_filters_resolved_and_all(tmp_path: Path, archive_monitor: Monitor) -> None:
    archive_monitor("once", "--now", iso(NOW))
    add_brand_reply_to_anna(tmp_path, at(18, 10))
    swept = archive_monitor("once", "--now", iso(at(18, 15)))
    assert "1 resolved" in swept.stdout

    resolved = json.loads(archive_monitor("findings", "--format", "json", "--status", "resolved").stdout)
    everything = json.loads(archive_monitor("findings", "--format", "json", "--status", "all").stdout)
    still_open = json.loads(archive_monitor("findings", "--format", "json").stdout)

    assert [(r["rule"], r["item_ids"], r["status"]) for r in resolved] == [("unanswered_mention", [ANNA_MENTION], "resolved")]
    # The first audit's past silence is reported once, then expires; the answered mention is resolved.
    assert len(everything) == DEMO_X_FINDINGS and {r["status"] for r in everything} == {"open", "resolved", "expired"}
    assert len(still_open) == DEMO_X_FINDINGS - 2
    assert ANNA_MENTION not in {i for r in still_open if r["rule"] == "unanswered_mention" for i in r["item_ids"]}
    table = archive_monitor("findings", "--format", "table", "--status", "resolved").stdout
    assert "resolved" in table and "@anna_k" in table and "@ivan_petrov" not in table


def test_findings_table_says_when_there_are_none(archive_monitor: Monitor) -> None:
    archive_monitor("once", "--now", iso(NOW))

    result = archive_monitor("findings", "--format", "table", "--status", "resolved")

    assert result.exit_code == 0
    assert result.stdout.strip() == "no resolved findings"


# --- db upgrade -------------------------------------------------------------------------------------


def test_db_upgrade_twice_says_already_at_revision(archive_monitor: Monitor, tmp_path: Path) -> None:
    first = archive_monitor("db upgrade")
    second = archive_monitor("db upgrade")

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "upgraded to revision" in first.stdout
    revision = first.stdout.split("revision")[-1].strip()
    assert revision and revision != "None"
    assert second.stdout.strip() == f"database schema already at revision {revision}"
    assert (tmp_path / "monitor.db").is_file()  # relative to the config's folder


def test_once_without_the_token_is_a_configuration_error(tmp_path: Path, fake_x) -> None:
    from tests.conftest import x_config

    monitor = Monitor(x_config(tmp_path, fake_x, None), {})

    result = monitor("once")

    assert result.exit_code == 2 and "X_BEARER_TOKEN" in result.stderr
    assert fake_x.requests == []


def test_dry_run_needs_no_smtp_credentials(tmp_path: Path) -> None:
    smtp_with_login = '[email.smtp]\nhost = "mail.example"\nusername_env = "SMTP_USER"\npassword_env = "SMTP_PASSWORD"\n'
    config = archive_config(tmp_path, extra="")
    text = config.read_text().replace('transport = "file"', 'transport = "smtp"') + smtp_with_login
    config.write_text(text)

    result = Monitor(config, {})("once", "--dry-run", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert "--- would send to" in result.stdout and "alert emails" not in result.stdout


def test_a_draft_starting_with_a_dash_is_text_not_an_option(archive_monitor: Monitor) -> None:
    result = archive_monitor("check", "--account", "northwind-x", "-50%", "на", "всё,", "закажите", "сегодня")

    assert result.exit_code in (0, 3), result.output
    assert "No such option" not in result.output


def test_findings_on_a_new_database_say_no_sweep_has_run(archive_monitor: Monitor) -> None:
    result = archive_monitor("findings")

    assert result.exit_code == 0 and "no sweep has run yet" in result.stdout


def test_findings_speak_the_language_of_the_config_that_asks(tmp_path: Path, archive_monitor: Monitor) -> None:
    archive_monitor("once", "--now", iso(NOW))
    english = json.loads(archive_monitor("findings", "--format", "json").stdout)
    config = archive_monitor.config
    config.write_text(config.read_text().replace("[email]", '[email]\nlanguage = "ru"', 1))

    russian = json.loads(archive_monitor("findings", "--format", "json").stdout)
    table = archive_monitor("findings").stdout

    assert [f["id"] for f in russian] == [f["id"] for f in english]
    # The wording around the quotes: stored in English, shown in Russian.
    assert all(re.match("[А-ЯЁ]", f["summary"]) for f in russian), [f["summary"] for f in russian]
    assert all(re.match("[A-Za-z@]", f["summary"]) for f in english), [f["summary"] for f in english]
    assert russian[0]["summary"] in table
