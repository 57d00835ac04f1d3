"""`monitor import`: X archives (tweets.js) and JSON Lines stored, checked, and bad files rejected whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from monitor.store.models import Item
from tests.conftest import Monitor

CONFIG = """
[database]
url = "sqlite:///monitor.db"
[email]
transport = "file"
[email.file]
dir = "outbox"
[[accounts]]
name = "northwind-x"
platform = "x"
handle = "northwindcoffee"
[[accounts]]
name = "northwind-fb"
platform = "facebook"
page_id = "2002"
"""

TWEET = """  {{
    "tweet" : {{
      "id_str" : "{id}",
      "full_text" : "{text}",
      "created_at" : "{created}",
      "entities" : {{ "urls" : [ {{ "url" : "https://t.co/{id}", "expanded_url" : "https://shop.example/spring?utm_source=tw{id}" }} ] }}
    }}
  }}"""


def tweets_js(folder: Path, tweets: list[tuple[str, str, str]], account: bool = True) -> Path:
    """An X archive's data/tweets.js (and account.js) in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    body = ",\n".join(TWEET.format(id=i, text=t, created=c) for i, t, c in tweets)
    path = folder / "tweets.js"
    path.write_text(f"window.YTD.tweets.part0 = [\n{body}\n]\n", encoding="utf-8")
    if account:
        (folder / "account.js").write_text(
            'window.YTD.account.part0 = [ { "account" : { "accountId" : "1001", "username" : "northwindcoffee" } } ]\n'
        )
    return path


SPRING = [
    ("1500", "Big news: our spring blend https://t.co/1500 is here", "Tue Nov 10 10:00:00 +0000 2026"),
    ("1501", "Big news: our spring blend https://t.co/1501 is here!", "Wed Nov 18 10:00:00 +0000 2026"),
    ("1502", "Cupping session on Friday, everyone is welcome", "Thu Nov 19 10:00:00 +0000 2026"),
]


@pytest.fixture
def monitor(tmp_path: Path) -> Monitor:
    """The CLI on a config with an X and a Facebook account, both never swept."""
    config = tmp_path / "monitor.toml"
    config.write_text(CONFIG)
    return Monitor(config, {})


def stored_items(tmp_path: Path) -> int:
    """How many items the store holds."""
    engine = create_engine(f"sqlite:///{tmp_path / 'monitor.db'}")
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Item)).scalar_one()


def test_x_archive_is_stored_and_checked_for_repeats(tmp_path, monitor):
    path = tweets_js(tmp_path / "archive" / "data", SPRING)

    result = monitor("import", "--account", "northwind-x", "--now", "2026-11-20T18:00:00Z", str(path))

    assert result.exit_code == 0, result.output
    assert "imported 3 items, 3 new; findings: 1 new" in result.output
    rows = json.loads(monitor("findings", "--format", "json").output)
    assert [(r["rule"], r["item_ids"]) for r in rows] == [("repeated_update", ["1500", "1501"])]
    assert rows[0]["evidence"][1]["url"] == "https://x.com/northwindcoffee/status/1501"
    assert "shop.example/spring" in rows[0]["evidence"][1]["excerpt"]  # t.co expanded

    again = monitor("import", "--account", "northwind-x", "--now", "2026-11-20T18:00:00Z", str(path))
    assert "imported 3 items, 0 new; findings: 0 new, 1 open" in again.output


def test_x_archive_without_account_js_needs_the_user_id(tmp_path, monitor):
    path = tweets_js(tmp_path / "data", SPRING, account=False)

    refused = monitor("import", "--account", "northwind-x", str(path))
    accepted = monitor("import", "--account", "northwind-x", "--user-id", "1001", str(path))

    assert refused.exit_code == 2 and "--user-id" in refused.output
    assert accepted.exit_code == 0 and "imported 3 items" in accepted.output


def test_jsonl_import_for_a_facebook_page(tmp_path, monitor):
    path = tmp_path / "page.jsonl"
    lines = [
        {"type": "profile", "id": "2002", "handle": "Northwind Coffee"},
        {"id": "2002_1", "kind": "post", "author_id": "2002", "created_at": "2026-11-19T10:00:00Z", "text": "Opening on Monday!"},
        {"id": "2002_1_1", "kind": "comment", "author_id": "3001", "author": "Maria", "created_at": "2026-11-20T09:00:00Z",
         "text": "Will you have oat milk?", "conversation_id": "2002_1"},
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines))

    result = monitor("import", "--account", "northwind-fb", "--now", "2026-11-20T18:00:00Z", str(path))

    assert result.exit_code == 0, result.output
    rows = json.loads(monitor("findings", "--format", "json").output)
    assert [(r["rule"], r["account"], r["item_ids"]) for r in rows] == [("unanswered_comment", "northwind-fb", ["2002_1_1"])]


BAD_FILES = [
    ("tweets.js", "window.YTD.tweets.part0 = [\n  {\n    \"tweet\" : {\n      \"id_str\" : \"9\",,\n  }\n]\n", "line 4"),
    ("tweets.js", "window.YTD.tweets.part0 = [\n { \"tweet\" : {\n \"id_str\" : \"9\", \"created_at\" : \"Tue Nov 10 10:00:00 +0000 2026\" } }\n]\n", "line 3: tweet 9 has no full_text"),
    ("tweets.js", "window.YTD.tweets.part0 = [\n { \"tweet\" : { \"id_str\" : \"9\", \"full_text\" : \"x\", \"created_at\" : \"yesterday\" } }\n]\n", "expected e.g."),
    ("export.jsonl", '{"id": "1", "kind": "post", "created_at": "2026-11-19T10:00:00Z", "text": "ok"}\n{"id": "2", "kind": "post"\n', "line 2: not valid JSON"),
    ("export.jsonl", '{"id": "1", "kind": "tweet", "created_at": "2026-11-19T10:00:00Z", "text": "ok"}\n', "line 1: kind must be one of"),
    ("export.jsonl", '{"id": "1", "kind": "post", "created_at": "2026-11-19 10:00", "text": "ok"}\n', "line 1: created_at '2026-11-19 10:00' has no time zone"),
    ("export.jsonl", '{"id": "1", "kind": "post", "created_at": "2026-11-19T10:00:00Z"}\n', "line 1: 'text' must be a string"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[m for _, _, m in BAD_FILES])
def test_a_bad_file_is_refused_with_its_line_and_nothing_stored_is_touched(tmp_path, monitor, name, content, message):
    good = tweets_js(tmp_path / "good", SPRING)
    assert monitor("import", "--account", "northwind-x", str(good)).exit_code == 0
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")

    result = monitor("import", "--account", "northwind-x", "--user-id", "1001", str(bad))

    assert result.exit_code == 2
    assert message in result.output and str(bad) in result.output and "nothing was imported" in result.output
    assert stored_items(tmp_path) == 3


def test_an_x_archive_cannot_go_into_a_facebook_account(tmp_path, monitor):
    path = tweets_js(tmp_path / "data", SPRING)

    result = monitor("import", "--account", "northwind-fb", str(path))

    assert result.exit_code == 2 and "is an X archive but account 'northwind-fb' is a Facebook account" in result.output


def test_an_export_of_another_account_is_refused_and_touches_nothing(tmp_path, monitor):
    good = tweets_js(tmp_path / "good", SPRING)
    assert monitor("import", "--account", "northwind-x", str(good)).exit_code == 0
    other = tmp_path / "other.jsonl"
    other.write_text('{"type": "profile", "id": "9999", "followers": 5}\n'
                     '{"id": "77", "kind": "post", "author_id": "9999", "created_at": "2026-11-19T10:00:00Z", "text": "hi"}\n')

    result = monitor("import", "--account", "northwind-x", str(other))

    assert result.exit_code == 2 and "belongs to id 9999" in result.output
    assert stored_items(tmp_path) == 3


def test_an_import_as_of_the_past_never_resolves_live_findings(tmp_path, monitor):
    path = tweets_js(tmp_path / "data", SPRING)
    monitor("import", "--account", "northwind-x", "--now", "2026-11-20T18:00:00Z", str(path))
    old = tweets_js(tmp_path / "old", [("900", "Summer menu is here, come and try it", "Mon Jun 01 10:00:00 +0000 2026")])

    monitor("import", "--account", "northwind-x", "--now", "2026-06-02T10:00:00Z", str(old))

    rows = json.loads(monitor("findings", "--format", "json", "--status", "all").output)
    assert [(r["rule"], r["status"]) for r in rows] == [("repeated_update", "open")]


VK_CONFIG = """
[database]
url = "sqlite:///monitor.db"
[email]
transport = "file"
[email.file]
dir = "outbox"
[[accounts]]
name = "severny-veter-vk"
platform = "vk"
group_id = "3003"
"""
VK_EXPORT = [
    {"type": "profile", "id": "-3003", "handle": "severnyveter", "followers": 4210},
    {"id": "-3003_5001", "kind": "post", "author_id": "-3003", "created_at": "2026-11-19T10:00:00Z",
     "text": "Зимняя коллекция уже в магазинах!", "url": "https://vk.com/wall-3003_5001", "conversation_id": "-3003_5001"},
    {"id": "-3003_5001_7001", "kind": "comment", "author_id": "2001", "author": "Анна Смирнова", "created_at": "2026-11-20T09:00:00Z",
     "text": "Когда привезут размер M?", "url": "https://vk.com/wall-3003_5001?reply=7001", "conversation_id": "-3003_5001"},
    {"id": "-3003_5001_7002", "kind": "comment", "author_id": "2002", "author": "Олег Петров", "created_at": "2026-11-20T09:10:00Z",
     "text": "А доставка в Казань есть?", "conversation_id": "-3003_5001"},
    {"id": "-3003_5001_7003", "kind": "reply", "author_id": "-3003", "created_at": "2026-11-20T09:30:00Z", "text": "Олег, да!",
     "reply_to_id": "-3003_5001_7002", "reply_to_author_id": "2002", "conversation_id": "-3003_5001"},
]


def test_jsonl_import_for_a_vk_community(tmp_path):
    config = tmp_path / "monitor.toml"
    config.write_text(VK_CONFIG)
    monitor = Monitor(config, {})
    path = tmp_path / "community.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in VK_EXPORT), encoding="utf-8")

    result = monitor("import", "--account", "severny-veter-vk", "--now", "2026-11-20T18:00:00Z", str(path))

    assert result.exit_code == 0, result.output
    assert "imported 4 items, 4 new" in result.output
    rows = json.loads(monitor("findings", "--format", "json").output)
    assert [(r["rule"], r["platform"], r["item_ids"]) for r in rows] == [("unanswered_comment", "vk", ["-3003_5001_7001"])]
    assert rows[0]["evidence"][0]["url"] == "https://vk.com/wall-3003_5001?reply=7001"


def test_a_vk_export_with_the_group_id_without_its_minus_is_refused_after_the_first(tmp_path):
    config = tmp_path / "monitor.toml"
    config.write_text(VK_CONFIG)
    monitor = Monitor(config, {})
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in VK_EXPORT), encoding="utf-8")
    bad.write_text('{"type": "profile", "id": "3003"}\n{"id": "-3003_5009", "kind": "post", "author_id": "3003", '
                   '"created_at": "2026-11-19T12:00:00Z", "text": "Пост"}\n', encoding="utf-8")
    assert monitor("import", "--account", "severny-veter-vk", str(good)).exit_code == 0

    result = monitor("import", "--account", "severny-veter-vk", str(bad))

    assert result.exit_code == 2 and "belongs to id 3003, but 'severny-veter-vk' is id -3003" in result.output
    assert stored_items(tmp_path) == 4
