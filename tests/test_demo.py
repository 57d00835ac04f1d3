"""The bundled demo (README's first command) finds what it promises, in all three archives."""

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
    assert "severny-veter-vk: ok — 19 items fetched, 19 new; findings: 5 new" in result.output
    outbox = sorted((tmp_path / "demo-output" / "outbox").glob("*.eml"))
    assert len(outbox) == 3
    messages = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in outbox]
    subjects = sorted(m["Subject"] for m in messages)
    assert "northwind-fb: first audit — 4 findings in the last 90 days" in subjects[0] and "northwind-x: first audit — 8 findings in the last 90 days" in subjects[1]
    assert "severny-veter-vk: first audit — 5 findings in the last 90 days" in subjects[2]
    rules = sorted((r["account"], r["rule"]) for r in json.loads(monitor("findings", "--format", "json").output))
    assert rules == [
        ("northwind-fb", "personal_data"),
        ("northwind-fb", "posting_gap"),
        ("northwind-fb", "unanswered_comment"),
        ("northwind-fb", "unanswered_message"),
        ("northwind-x", "absolute_claims"),
        ("northwind-x", "insult"),
        ("northwind-x", "posting_gap"),
        ("northwind-x", "repeated_update"),
        ("northwind-x", "repeated_update"),
        ("northwind-x", "response_rate"),
        ("northwind-x", "unanswered_mention"),
        ("northwind-x", "unanswered_mention"),
        ("severny-veter-vk", "insult"),
        ("severny-veter-vk", "message_after_opt_out"),
        ("severny-veter-vk", "personal_data"),
        ("severny-veter-vk", "repeated_update"),
        ("severny-veter-vk", "unanswered_comment"),
    ]
    fb = next(m for m in messages if "northwind-fb" in m["Subject"])
    assert "916 123-45-67" not in fb.as_string()  # personal data is masked in the alert


def test_the_vk_demo_links_to_vk_and_a_repost_is_not_a_repeat(tmp_path):
    shutil.copytree(ROOT / "config", tmp_path / "config")
    monitor = Monitor(tmp_path / "config" / "demo.toml", {})
    assert monitor("once", "--now", "2026-11-20T18:00:00Z", "--account", "severny-veter-vk").exit_code == 0

    rows = {r["rule"]: r for r in json.loads(monitor("findings", "--format", "json").output)}

    assert rows["repeated_update"]["item_ids"] == ["-3003_4990", "-3003_5004"]  # the repost -3003_5000 is a share
    assert rows["unanswered_comment"]["evidence"][0]["url"] == "https://vk.com/wall-3003_5001?reply=7001"
    assert rows["insult"]["evidence"][0]["url"] == "https://vk.com/wall-3003_5003?reply=7011&thread=7010"
    assert rows["message_after_opt_out"]["item_ids"] == ["msg-3003_2005_1", "msg-3003_2005_3"]
    [vk] = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in (tmp_path / "demo-output" / "outbox").glob("*severny-veter-vk*.eml")]
    assert "921 555-12-34" not in vk.as_string() and "Анна Смирнова" in vk.get_body(("plain",)).get_content()


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
