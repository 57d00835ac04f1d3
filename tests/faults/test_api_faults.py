"""API faults from issue 12's table: 429 with an unreadable reset, and a server that trickles its answer.

The real tweepy, facebook-sdk and vk_api clients talk to fakes on 127.0.0.1; sleeps run on a fake clock.
"""

from __future__ import annotations

import pytest

from connectors.base import RateLimited, TransientError
from connectors.facebook_api import GraphApi
from connectors.vk_client import VkClient
from connectors.x_api import XApi
from tests.conftest import FB_TOKEN, NOW, TOKEN
from tests.connectors.test_x import HANDLE, LOOKUP, FakeTime, connector
from tests.fakes.trickle import TrickleServer
from tests.fakes.x_api import FakeXApi

T0 = NOW.timestamp()


@pytest.mark.parametrize("reset", ["", "soon", "1.5e9", "-", "99999999999999999", "-99999999999"],
                         ids=["empty", "word", "float", "dash", "far-future", "far-past"])
def test_x_429_with_an_unreadable_reset_is_a_rate_limit_not_an_internal_error(fake_x: FakeXApi, reset: str) -> None:
    fake_x.fail_next(LOOKUP, 429, times=3, headers={"x-rate-limit-reset": reset})
    fake_time = FakeTime()

    with pytest.raises(RateLimited) as caught:
        connector(fake_x, fake_time, max_rate_limit_wait=60).fetch({}, NOW)

    assert "rate limit" in str(caught.value)
    assert caught.value.retry_at is None or NOW.year - 1 <= caught.value.retry_at.year <= NOW.year + 1
    assert sum(fake_time.sleeps) <= 61  # never an unbounded wait on a nonsense reset


def test_x_429_without_a_reset_header_is_a_rate_limit(fake_x: FakeXApi) -> None:
    fake_x.fail_next(LOOKUP, 429, headers={"x-rate-limit-reset": ""})

    with pytest.raises(RateLimited, match="the next sweep tries again"):
        connector(fake_x, max_rate_limit_wait=0).fetch({}, NOW)


# A trickle of one byte every 0.1 s: the 250-byte answer would take 25 s; the deadline is 1 s.
def _x(base_url: str) -> XApi:
    return XApi(TOKEN, token_source="X_BEARER_TOKEN", api_base_url=base_url, timeout=1.0, max_retries=0)


def _graph(base_url: str) -> GraphApi:
    return GraphApi(FB_TOKEN, token_source="FB_PAGE_TOKEN", api_base_url=base_url, timeout=1.0, max_retries=0)


def _vk(base_url: str) -> VkClient:
    return VkClient({"service_token": "vk-service-key-0123456789"}, {"service_token": "VK_SERVICE_TOKEN"},
                    api_base_url=base_url, timeout=1.0, max_retries=0, min_interval=0)


CALLS = {
    "x": lambda base: _x(base).call("looking up the account", _x(base).client.get_user, username=HANDLE),
    "facebook": lambda base: _graph(base).get("reading the Page", "2002", fields="id,name"),
    "vk": lambda base: _vk(base).call("service_token", "groups.getById", "reading the community", group_id=3003),
}


@pytest.mark.parametrize("trickle_headers", [False, True], ids=["body", "headers"])
@pytest.mark.parametrize("platform", sorted(CALLS))
def test_a_trickling_server_is_cut_off_at_the_timeout(platform: str, trickle_headers: bool) -> None:
    with TrickleServer(pause=0.1, trickle_headers=trickle_headers) as server:
        with pytest.raises(TransientError) as caught:
            CALLS[platform](server.base_url)

        assert server.finished == 0
        assert server.sent < 40  # about 10 bytes in the 1 s deadline, not the 250 of the whole answer
    assert "within 1s" in str(caught.value) or "timed out" in str(caught.value)


def test_the_same_mention_on_two_pages_is_stored_and_alerted_once(tmp_path, fake_x: FakeXApi, smtp) -> None:
    """Every mentions page serves the same two tweets (a timeline that shifted between pages): one item each."""
    import json as _json

    from tests.conftest import BRAND_ID, Monitor, iso, x_config
    from tests.faults.harness import stored_ids

    fake_x.add_user("2001", "anna_k")
    for index in range(12):  # enough mentions for two pages of five
        fake_x.add_tweet(str(300 + index), "2001", f"@northwindcoffee question {index}?", NOW.replace(hour=9, minute=index),
                         mentions=["northwindcoffee"])
    same = [{"id": "300", "text": "@northwindcoffee question 0?", "author_id": "2001", "conversation_id": "300",
             "created_at": "2026-11-20T09:00:00.000Z"},
            {"id": "301", "text": "@northwindcoffee question 1?", "author_id": "2001", "conversation_id": "301",
             "created_at": "2026-11-20T09:01:00.000Z"}]
    fake_x.serve_page(f"/2/users/{BRAND_ID}/mentions", {"data": same})
    config = x_config(tmp_path, fake_x, smtp, extra="")
    config.write_text(config.read_text().replace('max_rate_limit_wait = "0s"', 'max_rate_limit_wait = "0s"\npage_size = 5'))
    monitor = Monitor(config, {"X_BEARER_TOKEN": TOKEN})

    result = monitor("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert len(fake_x.requests_to("/mentions")) >= 2  # both pages were read
    assert {"300", "301"} <= stored_ids(tmp_path)
    findings = _json.loads(monitor("findings", "--format", "json").output)
    mentions = [f["item_ids"] for f in findings if f["rule"] == "unanswered_mention"]
    assert sorted(mentions) == [["300"], ["301"]]
    [message] = smtp.messages
    assert message.get_body(("plain",)).get_content().count("question 0?") == 1
