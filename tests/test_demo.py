"""The bundled demo (README's first command) finds what it promises, in both archives."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from pathlib import Path

from tests.conftest import Monitor

ROOT = Path(__file__).resolve().parent.parent


def test_demo_sweep_writes_one_digest_per_account(tmp_path):
    shutil.copytree(ROOT / "config", tmp_path / "config")
    monitor = Monitor(tmp_path / "config" / "demo.toml", {})

    result = monitor("once", "--now", "2026-11-20T18:00:00Z")

    assert result.exit_code == 0, result.output
    assert "northwind-x: ok" in result.output and "northwind-fb: ok" in result.output
    outbox = sorted((tmp_path / "demo-output" / "outbox").glob("*.eml"))
    assert len(outbox) == 2
    messages = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in outbox]
    subjects = sorted(m["Subject"] for m in messages)
    assert "northwind-fb: 3 new finding(s)" in subjects[0] and "northwind-x: 7 new finding(s)" in subjects[1]
    rules = sorted((r["account"], r["rule"]) for r in json.loads(monitor("findings", "--format", "json").output))
    assert rules == [
        ("northwind-fb", "personal_data"),
        ("northwind-fb", "unanswered_comment"),
        ("northwind-fb", "unanswered_message"),
        ("northwind-x", "absolute_claims"),
        ("northwind-x", "insult"),
        ("northwind-x", "repeated_update"),
        ("northwind-x", "repeated_update"),
        ("northwind-x", "response_rate"),
        ("northwind-x", "unanswered_mention"),
        ("northwind-x", "unanswered_mention"),
    ]
    fb = next(m for m in messages if "northwind-fb" in m["Subject"])
    assert "916 123-45-67" not in fb.as_string()  # personal data is masked in the alert


def test_personal_data_and_swearing_are_masked_in_every_finding_of_a_post(tmp_path):
    archive = tmp_path / "x.jsonl"
    archive.write_text(
        '{"type": "profile", "id": "1001"}\n'
        '{"id": "1", "kind": "post", "author_id": "1001", "created_at": "2026-11-19T10:00:00Z", "text": '
        '"Лучший кофе в мире, гарантия 100%! Звоните Даше +7 916 123-45-67, карта 4111 1111 1111 1111, охуенно"}\n'
        '{"id": "2", "kind": "mention", "author_id": "7", "author": "anna", "created_at": "2026-11-20T10:00:00Z", '
        '"text": "@brand my card 5500 0000 0000 0004 was charged twice"}\n'
    )
    config = tmp_path / "monitor.toml"
    config.write_text('[email]\ntransport = "file"\n[email.file]\ndir = "outbox"\n[[accounts]]\nname = "brand"\n'
                      f'platform = "x"\nhandle = "brand"\nsource = "archive"\narchive = "{archive}"\n')
    monitor = Monitor(config, {})

    assert monitor("once", "--now", "2026-11-20T18:00:00Z").exit_code == 0

    rules = {r["rule"] for r in json.loads(monitor("findings", "--format", "json").output)}
    assert {"absolute_claims", "personal_data", "profanity", "unanswered_mention"} <= rules
    emails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in (tmp_path / "outbox").glob("*.eml")]
    bodies = [m.get_body((kind,)).get_content() for m in emails for kind in ("plain", "html")]
    assert len(emails) == 1 and "Лучший кофе" in bodies[0]
    shown = monitor("findings", "--format", "json").output + "".join(bodies)
    for secret in ("916 123-45-67", "4111 1111 1111 1111", "5500 0000 0000 0004", "охуенно"):
        assert secret not in shown
