"""`monitor check`: a draft checked before publishing, in its account's context."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Monitor

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-20T18:00:00Z"


@pytest.fixture
def demo(tmp_path: Path) -> Monitor:
    """The demo config (with competitors configured) after one sweep, so the account has history."""
    shutil.copytree(ROOT / "config", tmp_path / "config")
    config = tmp_path / "config" / "demo.toml"
    config.write_text(config.read_text() + '\n[rules.tone]\ncompetitors = ["Starbucks"]\n')
    monitor = Monitor(config, {})
    assert monitor("once", "--now", NOW).exit_code == 0
    return monitor


def check(monitor: Monitor, *args: str) -> tuple[int, list[dict]]:
    """Run `monitor check --json` and return the exit code and the parsed problems."""
    result = monitor("check", "--account", "northwind-x", "--now", NOW, "--json", *args)
    return result.exit_code, json.loads(result.stdout)


def test_a_clean_draft_passes(demo):
    result = demo("check", "--account", "northwind-x", "--now", NOW, "Good morning! Live music in the café from 6 pm.")

    assert result.exit_code == 0 and "looks fine" in result.stdout


def test_every_text_rule_speaks_about_a_bad_draft(demo):
    code, problems = check(demo, "Какого хуя Starbucks такой отвратительный? Лучший кофе в мире — гарантия 100%! Звоните Даше +7 916 123-45-67")

    assert code == 3
    assert {p["rule"] for p in problems} == {"profanity", "attacks_competitor", "absolute_claims", "personal_data"}
    for problem in problems:
        assert {"id", "mistake", "rule", "account", "platform", "item_ids", "severity", "status", "first_seen",
                "last_seen", "summary", "evidence"} <= problem.keys()
        assert problem["status"] == "draft" and problem["account"] == "northwind-x" and problem["todo"]
    text = json.dumps(problems, ensure_ascii=False)
    assert "916 123-45-67" not in text and "хуя" not in text  # shown masked


def test_a_draft_repeating_a_recent_post_names_it(demo):
    code, problems = check(demo, "our winter blend is back — dark chocolate, cherry and a hint of cardamom! order now https://shop.northwind.example/winter")

    assert code == 3
    assert [(p["rule"], p["item_ids"]) for p in problems] == [("repeated_update", ["1860000000000000001"])]
    assert problems[0]["evidence"][0]["url"] == "https://x.com/northwindcoffee/status/1860000000000000001"


def test_a_draft_that_would_tip_the_promotion_share(tmp_path):
    posts = [
        {"id": str(100 + i), "kind": "post", "author_id": "1001", "created_at": f"2026-11-{i + 1:02d}T10:00:00Z",
         "text": f"Sale! -20% on all beans with code WINTER{i}, order now at https://shop.northwind.example" if i % 4 == 0
         else f"Our roaster tasted batch {i} today: notes of plum and cocoa."}
        for i in range(19)
    ]
    archive = tmp_path / "x.jsonl"
    archive.write_text("\n".join(json.dumps(p) for p in [{"type": "profile", "id": "1001"}, *posts]))
    config = tmp_path / "monitor.toml"
    config.write_text(f'[email]\ntransport = "file"\n[[accounts]]\nname = "northwind-x"\nplatform = "x"\nhandle = "n"\n'
                      f'source = "archive"\narchive = "{archive}"\n')
    monitor = Monitor(config, {})
    monitor("once", "--now", NOW)

    code, problems = check(monitor, "Black Friday: -30% on everything with code FRIDAY30, order now!")
    plain_code, _ = check(monitor, "Meet Dasha, who roasts every batch by hand.")

    assert code == 3 and [p["rule"] for p in problems] == ["promo_share"]
    assert plain_code == 0


def test_the_draft_may_come_from_stdin_and_must_not_be_empty(demo):
    from click.testing import CliRunner

    from monitor.cli import main

    runner = CliRunner()
    piped = runner.invoke(main, ["check", "--config", str(demo.config), "--account", "northwind-x", "--now", NOW, "-"],
                          input="Ты идиот, читай условия\n")
    empty = runner.invoke(main, ["check", "--config", str(demo.config), "--account", "northwind-x", "-"], input="  \n")

    assert piped.exit_code == 3 and "tone/insult" in piped.output
    assert empty.exit_code == 2 and "the draft is empty" in empty.output


def test_russian_email_language_gives_russian_summaries(demo):
    config = demo.config
    config.write_text(config.read_text().replace('language = "en"', 'language = "ru"'))

    code, problems = check(demo, "Лучший кофе в мире!")

    assert code == 3 and problems[0]["rule"] == "absolute_claims"
    assert any("а" <= c <= "я" for c in problems[0]["summary"])
