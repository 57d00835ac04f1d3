"""Property-based tests (hypothesis): no input crashes normalisation, the text rules, rendering, config parsing or a
connector's mapping; a mapping yields a valid item or a counted skip. Bounded: few examples, no deadline, so the
suite stays fast on 2 cores."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from connectors.base import FetchedItem
from connectors.payload import Skips
from monitor.durations import LONGEST, parse_duration

BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
# Text as posts have it: any code point (controls, RTL marks, zero-width, emoji, surrogates excluded) and the hostile ones.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400) | st.sampled_from(
    ["\x1b[2J", "{{ 7*7 }}", "<script>x</script>", "\r\nBcc: x@y", "пиzдец", "x" * 5000, "\u202e\u200b"])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
                    max_leaves=12)


@BOUNDED
@given(TEXT)
def test_normalisation_never_crashes_and_is_idempotent(text: str) -> None:
    from monitor.text.normalize import normalize_post

    once = normalize_post(text)
    assert isinstance(once, str) and normalize_post(once) == once


@BOUNDED
@given(st.text(max_size=30) | st.integers() | st.floats(allow_nan=False) | st.none())
def test_a_duration_is_a_bounded_timedelta_or_a_value_error(value: object) -> None:
    try:
        parsed = parse_duration(value)
    except ValueError as exc:
        assert "duration" in str(exc)
    else:
        assert timedelta(0) <= parsed <= LONGEST


@BOUNDED
@given(st.dictionaries(st.sampled_from(["database", "email", "connectors", "rules", "daemon", "accounts", "routes"]),
                       JSON, max_size=4))
def test_any_config_is_settings_or_a_validation_error(raw: dict) -> None:
    from monitor.settings import Settings

    try:
        Settings.model_validate(raw)
    except ValidationError:
        pass


@BOUNDED
@given(JSON, st.dictionaries(st.text(max_size=5), st.text(max_size=10), max_size=3))
def test_x_mapping_yields_a_valid_item_or_a_skip_reason(raw: object, usernames: dict) -> None:
    from connectors.x import map_tweet

    mapped = map_tweet(raw, usernames, "1001")
    assert isinstance(mapped, (FetchedItem, str))
    if isinstance(mapped, FetchedItem):
        assert mapped.created_at.utcoffset() is not None and isinstance(mapped.text, str) and mapped.external_id
    else:
        assert mapped  # a reason a person can read


TWEETISH = st.fixed_dictionaries({"id": st.text(max_size=5) | st.integers(), "text": TEXT | st.integers(),
                                  "created_at": st.sampled_from(["2026-11-20T10:00:00.000Z", "0001-01-01T00:00:00Z",
                                                                 "yesterday", 5]),
                                  "author_id": st.just("2001") | st.none()},
                                 optional={"entities": JSON, "referenced_tweets": JSON, "conversation_id": JSON})


@BOUNDED
@given(TWEETISH)
def test_x_mapping_of_tweet_shaped_json(raw: dict) -> None:
    from connectors.x import map_tweet

    mapped = map_tweet(raw, {}, "1001")
    assert isinstance(mapped, (FetchedItem, str))


@BOUNDED
@given(JSON | st.fixed_dictionaries({"id": st.text(max_size=8), "message": TEXT, "created_time": st.sampled_from(
    ["2026-11-20T10:00:00+0000", "0001-01-01T00:00:00+0000", ""])}, optional={"from": JSON, "parent": JSON}))
def test_facebook_comment_mapping_yields_an_item_or_a_counted_skip(raw: object) -> None:
    from connectors.base import Batch
    from connectors.facebook import FacebookConnector

    connector = FacebookConnector(None, "2002", comment_window=timedelta(days=7), history=timedelta(days=30))  # type: ignore[arg-type]
    batch, skips = Batch(), Skips()
    connector._comment(raw, "2002_1", batch, skips)
    assert len(batch.items) + len(skips.skipped) == 1


@BOUNDED
@given(JSON | st.fixed_dictionaries({"id": st.integers(), "from_id": st.integers(), "date": st.integers(),
                                     "text": TEXT}, optional={"reply_to_comment": JSON, "thread": JSON}))
def test_vk_comment_payload_is_a_model_or_a_validation_error(raw: object) -> None:
    from connectors.vk_payload import Comment

    try:
        Comment.model_validate(raw)
    except ValidationError:
        pass


@pytest.fixture(scope="module")
def draft_world(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from monitor.settings import load_settings
    from monitor.store import open_database

    folder = tmp_path_factory.mktemp("draft")
    config = folder / "monitor.toml"
    config.write_text('[[accounts]]\nname = "brand"\nplatform = "x"\nhandle = "brand"\n', encoding="utf-8")
    settings_ = load_settings(config)
    return settings_, open_database(settings_.database_url())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_every_text_rule_takes_any_text(draft_world, text: str) -> None:  # type: ignore[no-untyped-def]
    from monitor.draft import check_draft

    settings_, sessions = draft_world
    results = check_draft(settings_, settings_.accounts[0], sessions, text, NOW)
    assert all(r["rule"] and r["mistake"] for r in results)


@BOUNDED
@given(summary=TEXT, excerpt=TEXT, author=TEXT, url=TEXT | st.just("javascript:alert(1)"))
def test_rendering_any_post_keeps_the_subject_one_line_and_the_body_free_of_controls(summary: str, excerpt: str,
                                                                                     author: str, url: str) -> None:
    import re

    from alerts.render import render_digest

    finding = SimpleNamespace(id=1, mistake="tone", rule="insult", severity="warning", summary=summary,
                              details={"summary": {"en": summary}}, first_seen=NOW, item_ids=["1"],
                              evidence=[{"item_id": "1", "url": url, "excerpt": excerpt, "author": author,
                                         "created_at": NOW.isoformat()}])
    account = SimpleNamespace(name="brand", platform="x", platform_title="X", described="@brand", timezone="UTC")

    digest = render_digest(account, [finding], "en", "[smm-monitor]", NOW)

    assert "\n" not in digest.subject and "\r" not in digest.subject
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", digest.text)
    assert "<script" not in digest.html and 'href="javascript:' not in digest.html

