"""Import faults from issue 12's table: a year-1 date, `entities` of the wrong type, a quoted boolean.

Each bad file is refused whole with its line and the fix (exit 2), never a traceback, and nothing stored changes.
"""

from __future__ import annotations

import json

import pytest

from tests.test_import import SPRING, monitor, stored_items, tweets_js  # noqa: F401 - the fixture

ITEM = {"id": "1", "kind": "post", "author_id": "1001", "created_at": "2026-11-19T10:00:00Z", "text": "Opening on Monday!"}


def _tweet(**fields: object) -> str:
    tweet = {"id_str": "9", "full_text": "Cupping on Friday", "created_at": "Tue Nov 10 10:00:00 +0000 2026", **fields}
    return "window.YTD.tweets.part0 = [\n" + json.dumps({"tweet": tweet}) + "\n]\n"


BAD_FILES = [
    ("export.jsonl", json.dumps({**ITEM, "created_at": "0001-01-01T00:00:00+03:00"}), "line 1: created_at"),
    ("export.jsonl", json.dumps({**ITEM, "created_at": "9999-12-31T23:59:59-05:00"}), "line 1: created_at"),
    ("export.jsonl", json.dumps({**ITEM, "is_share": "false"}), "line 1: 'is_share' must be true or false"),
    ("export.jsonl", json.dumps({**ITEM, "is_share": 1}), "line 1: 'is_share' must be true or false"),
    ("tweets.js", _tweet(entities="x"), "'entities' must be an object"),
    ("tweets.js", _tweet(entities={"urls": "x"}), "'entities.urls' must be a list"),
    ("tweets.js", _tweet(created_at="Mon Jan 01 00:00:00 +0300 0001"), "created_at"),
    ("tweets.js", _tweet(in_reply_to_status_id_str=5), "in_reply_to_status_id_str"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES,
                         ids=["year-1", "year-9999", "is-share-string", "is-share-number", "entities-string",
                              "urls-string", "x-year-1", "reply-to-number"])
def test_a_malformed_export_is_refused_with_its_line_not_a_traceback(tmp_path, monitor, name, content, message):  # noqa: F811
    good = tweets_js(tmp_path / "good", SPRING)
    assert monitor("import", "--account", "northwind-x", str(good)).exit_code == 0
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")

    result = monitor("import", "--account", "northwind-x", "--user-id", "1001", "--now", "2026-11-20T18:00:00Z", str(bad))

    assert result.exit_code == 2, result.output
    assert message in result.output and "nothing was imported" in result.output, result.output
    assert "Traceback" not in result.output
    assert stored_items(tmp_path) == 3


def test_is_share_false_is_read_as_false(tmp_path, monitor) -> None:  # noqa: F811
    """A repost is not a repeat, an original is: `"is_share": false` must keep the second post a repeat."""
    path = tmp_path / "export.jsonl"
    lines = [{"type": "profile", "id": "1001", "handle": "northwindcoffee"},
             {**ITEM, "id": "1", "text": "Big news: our spring blend is here, come and taste it"},
             {**ITEM, "id": "2", "created_at": "2026-11-19T12:00:00Z", "is_share": False,
              "text": "Big news: our spring blend is here, come and taste it"}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")

    result = monitor("import", "--account", "northwind-x", "--now", "2026-11-20T18:00:00Z", str(path))

    assert result.exit_code == 0, result.output
    rows = json.loads(monitor("findings", "--format", "json").output)
    assert [r["rule"] for r in rows] == ["repeated_update"]
