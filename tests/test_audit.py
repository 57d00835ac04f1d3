"""The first sweep audits the account's history; content findings stand until the post is gone."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.conftest import Monitor, iso

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
PHONE_POST = "Questions about your order? Call our manager Olga directly on +7 916 123-45-67"
ATTACK = "Unlike Starbucks, we never serve burnt swill. Their coffee is garbage"
CONFIG = """
[database]
url = "sqlite:///monitor.db"
[email]
transport = "file"
from = "monitor@brand.example"
to = ["smm@brand.example"]
[email.file]
dir = "outbox"
[rules.tone]
competitors = ["Starbucks"]
[[accounts]]
name = "brand"
platform = "x"
handle = "northwindcoffee"
source = "archive"
archive = "brand.jsonl"
"""


def line(item_id: str, when: datetime, text: str, kind: str = "post") -> str:
    return json.dumps({"id": item_id, "kind": kind, "author_id": "1001", "created_at": iso(when), "text": text})


def archive(tmp_path: Path, *, with_phone_post: bool = True) -> None:
    """A month of history: the phone number a month ago, the attack two weeks ago, a flood last week, quiet days."""
    rows = ['{"type": "profile", "id": "1001", "handle": "northwindcoffee", "followers": 1000}']
    if with_phone_post:
        rows.append(line("100", NOW - timedelta(days=31), PHONE_POST))
    rows.append(line("200", NOW - timedelta(days=14), ATTACK, kind="reply"))
    flood_start = NOW - timedelta(days=7)
    rows += [line(str(300 + n), flood_start + timedelta(minutes=5 * n), f"Winter menu item {n}: {'spiced ' * n}latte") for n in range(8)]
    rows += [line(str(400 + n), NOW - timedelta(days=6 - n, hours=3), f"Good morning from the roastery, day {n}") for n in range(6)]
    (tmp_path / "brand.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")


def digests(tmp_path: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in sorted((tmp_path / "outbox").glob("*.eml"))]


def test_the_first_sweep_audits_history_in_one_digest_and_later_sweeps_add_nothing(tmp_path: Path) -> None:
    (tmp_path / "monitor.toml").write_text(CONFIG, encoding="utf-8")
    archive(tmp_path)
    monitor = Monitor(tmp_path / "monitor.toml", {})

    first = monitor("once", "--now", iso(NOW))

    assert first.exit_code == 0, first.output
    [digest] = digests(tmp_path)
    assert "first audit" in digest["Subject"]
    text = digest.get_body(("plain",)).get_content()
    assert "First audit of brand" in text and "90 days" in text
    rules = {f["rule"]: f for f in json.loads(monitor("findings", "--format", "json").output)}
    assert {"personal_data", "attacks_competitor", "flooding"} <= set(rules)
    assert rules["personal_data"]["item_ids"] == ["100"] and "916 123" not in text

    again = monitor("once", "--now", iso(NOW + timedelta(minutes=15)))
    assert "email: none" in again.output and len(digests(tmp_path)) == 1
    still = {f["rule"] for f in json.loads(monitor("findings", "--format", "json").output)}
    assert {"personal_data", "attacks_competitor"} <= still  # content stands while public, however old
    assert "flooding" not in still  # the audit reported last week's flood once
    expired = {f["rule"] for f in json.loads(monitor("findings", "--format", "json", "--status", "expired").output)}
    assert "flooding" in expired


def test_deleting_the_post_resolves_its_finding(tmp_path: Path) -> None:
    (tmp_path / "monitor.toml").write_text(CONFIG, encoding="utf-8")
    archive(tmp_path)
    monitor = Monitor(tmp_path / "monitor.toml", {})
    monitor("once", "--now", iso(NOW))

    archive(tmp_path, with_phone_post=False)  # the manager deleted the post
    later = monitor("once", "--now", iso(NOW + timedelta(days=40)))  # long after the audit window passed it

    assert later.exit_code == 0, later.output
    resolved = {f["rule"]: f for f in json.loads(monitor("findings", "--format", "json", "--status", "resolved").output)}
    assert resolved["personal_data"]["item_ids"] == ["100"]
    still = {f["rule"] for f in json.loads(monitor("findings", "--format", "json").output)}
    assert "attacks_competitor" in still  # 54 days old now, still public: still a finding


def test_a_finding_on_a_post_older_than_the_audit_window_stays_open_while_public(tmp_path: Path) -> None:
    (tmp_path / "monitor.toml").write_text(CONFIG, encoding="utf-8")
    archive(tmp_path)
    monitor = Monitor(tmp_path / "monitor.toml", {})
    monitor("once", "--now", iso(NOW))

    later = monitor("once", "--now", iso(NOW + timedelta(days=120)))

    assert later.exit_code == 0, later.output
    still = {f["rule"]: f for f in json.loads(monitor("findings", "--format", "json").output)}
    assert still["personal_data"]["item_ids"] == ["100"]  # 151 days old, still public


def test_a_later_sweep_judges_a_new_post_and_an_edit(tmp_path: Path) -> None:
    """After the audit only new and edited items are judged again: both still get their findings."""
    (tmp_path / "monitor.toml").write_text(CONFIG, encoding="utf-8")
    archive(tmp_path)
    monitor = Monitor(tmp_path / "monitor.toml", {})
    monitor("once", "--now", iso(NOW))

    path = tmp_path / "brand.jsonl"
    text = path.read_text(encoding="utf-8").replace("Good morning from the roastery, day 2", "Good morning, you idiots, day 2")
    path.write_text(text + line("500", NOW + timedelta(minutes=5), "Write to Olga at olga.petrova1987@gmail.com") + "\n", encoding="utf-8")
    later = monitor("once", "--now", iso(NOW + timedelta(minutes=15)))

    assert later.exit_code == 0, later.output
    found = {(f["rule"], tuple(f["item_ids"])) for f in json.loads(monitor("findings", "--format", "json").output)}
    assert ("personal_data", ("500",)) in found and ("insult", ("402",)) in found
