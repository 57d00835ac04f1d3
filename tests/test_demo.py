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
