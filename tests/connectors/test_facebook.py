"""The Facebook connector against the fake Graph API: the real facebook-sdk over real HTTP on 127.0.0.1.

Nothing of ours is mocked. GraphApi gets a FakeTime whose sleep() records the delay and moves
its clock on instantly, so retries are asserted, never waited for.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime, timedelta

import pytest

from connectors.base import AuthError, Batch, ConnectorError, FetchedItem, PermanentError, RateLimited, TransientError
from connectors.facebook import FacebookConnector, graph_time
from connectors.facebook_api import GraphApi, PermissionMissing
from tests.conftest import FB_TOKEN, NOW, PAGE_ID, at
from tests.fakes.graph_api import ABSENT, FakeGraphApi
from tests.fakes.smtp import free_port

TOKEN_SOURCE = "the environment variable FB_PAGE_TOKEN"
PAGE, POSTS, CONVERSATIONS = f"/v25.0/{PAGE_ID}", f"/v25.0/{PAGE_ID}/posts", f"/v25.0/{PAGE_ID}/conversations"
SEEDED = {"2002_5001", "5001_7001", "5001_7002", "5001_7003", "2002_5002", "5002_7004", "2002_4001", "m_1", "m_2", "m_3", "m_4"}


class FakeTime:
    """GraphApi's clock and sleep: sleeping records the delay and advances the clock, instantly."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def clock(self) -> datetime:
        """The current fake time."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Record the delay and move the clock forward by it."""
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)



def connector(fake: FakeGraphApi, fake_time: FakeTime | None = None, *, token: str = FB_TOKEN, page_size: int = 25,
              max_pages: int = 10, base_url: str | None = None, **options: object) -> FacebookConnector:
    """A FacebookConnector for the Page whose GraphApi talks to the fake on fake time."""
    fake_time = fake_time or FakeTime()
    api = GraphApi(token, token_source=TOKEN_SOURCE, api_base_url=base_url or fake.base_url,
                   sleep=fake_time.sleep, **options)  # type: ignore[arg-type]
    return FacebookConnector(api, PAGE_ID, comment_window=timedelta(days=7), history=timedelta(days=30),
                             page_size=page_size, max_pages=max_pages)


def by_id(batch: Batch) -> dict[str, FetchedItem]:
    """The batch's items keyed by their Graph id."""
    return {item.external_id: item for item in batch.items}


def paths(fake: FakeGraphApi) -> list[str]:
    """The paths the fake was asked for, in order."""
    return [request["path"] for request in fake.requests]


def seed_page(fake: FakeGraphApi) -> None:
    """Posts with an answered and an unanswered comment, an older post, two conversations."""
    fake.add_post(PAGE_ID, "2002_5001", "Our Winter Blend is back!", at(9, day=18))
    fake.add_comment("2002_5001", "5001_7001", "42", "Anna K", "where is my order?", at(10))
    fake.add_comment("2002_5001", "5001_7002", PAGE_ID, "Northwind Coffee", "Anna, it ships today!", at(10, 30),
                     parent_id="5001_7001")
    fake.add_comment("2002_5001", "5001_7003", "43", "Lena", "do you have decaf?", at(11))
    fake.add_post(PAGE_ID, "2002_5002", "Opening at 8 tomorrow", at(12, day=19))
    fake.add_comment("2002_5002", "5002_7004", "42", "Anna K", "see you there", at(13, day=19))
    fake.add_post(PAGE_ID, "2002_4001", "November menu", at(9, day=2))
    fake.add_conversation(PAGE_ID, "t_1", [
        {"id": "m_1", "from_id": "44", "from_name": "Ivan", "message": "hello?", "created": at(8)},
        {"id": "m_2", "from_id": "44", "from_name": "Ivan", "message": "anyone there?", "created": at(9)},
    ])
    fake.add_conversation(PAGE_ID, "t_2", [
        {"id": "m_3", "from_id": "45", "from_name": "Olga", "message": "open on Sunday?", "created": at(7)},
        {"id": "m_4", "from_id": PAGE_ID, "from_name": "Northwind Coffee", "message": "yes, 9 to 5", "created": at(7, 20)},
    ])


def seed_posts(fake: FakeGraphApi, count: int, comments: int = 3) -> None:
    """`count` posts an hour apart before NOW, each with `comments` comments by Anna."""
    for n in range(count):
        post = f"{PAGE_ID}_{6000 + n}"
        fake.add_post(PAGE_ID, post, f"update number {n}", NOW - timedelta(hours=n + 1))
        for c in range(comments):
            fake.add_comment(post, f"{6000 + n}_{c}", "42", "Anna K", f"comment {c}", NOW - timedelta(hours=n, minutes=50 - c))


# --------------------------------------------------------------------------- mapping and the request count


def test_first_fetch_maps_profile_posts_comments_replies_and_messages(fake_graph):
    seed_page(fake_graph)

    batch = connector(fake_graph).fetch({}, NOW)

    snap = batch.snapshot
    assert (snap.external_id, snap.handle, snap.followers, snap.raw["fan_count"]) == (PAGE_ID, "northwindcoffee", 5120, 4980)
    items = by_id(batch)
    assert set(items) == SEEDED  # the last messages of each conversation are read
    assert {i: item.kind for i, item in items.items() if item.kind != "post"} == {
        "5001_7001": "comment", "5001_7002": "reply", "5001_7003": "comment", "5002_7004": "comment",
        "m_1": "message", "m_2": "message", "m_3": "message", "m_4": "message",
    }
    reply = items["5001_7002"]
    assert (reply.reply_to_id, reply.reply_to_author_id, reply.conversation_id) == ("5001_7001", "42", "2002_5001")
    question = items["5001_7001"]
    assert (question.author_id, question.author_handle, question.text) == ("42", "Anna K", "where is my order?")
    assert question.url == "https://www.facebook.com/2002/posts/5001?comment_id=7001"
    assert question.created_at == at(10) and question.reply_to_id is None
    assert items["2002_5001"].url == "https://www.facebook.com/2002/posts/5001" and items["2002_5001"].author_id == PAGE_ID
    assert (items["m_2"].author_id, items["m_2"].conversation_id) == ("44", "t_1")
    assert items["m_2"].url == "https://www.facebook.com/2002/inbox/?selected_item_id=t_1"
    assert items["m_4"].author_id == PAGE_ID
    assert batch.cursors == {"posts": at(12, day=19).isoformat(), "comments": at(11).isoformat()}
    assert batch.notices == []


def test_a_sweep_of_20_posts_with_comments_makes_three_requests(fake_graph):
    """Measured: profile, posts with their comments nested, conversations (see the report in the PR)."""
    seed_posts(fake_graph, 20, comments=3)

    batch = connector(fake_graph).fetch({}, NOW)

    assert len([i for i in batch.items if i.kind == "post"]) == 20 and len(batch.items) == 80
    assert paths(fake_graph) == [PAGE, POSTS, CONVERSATIONS] and batch.requests == 3
    assert "comments.filter(stream)" in fake_graph.requests[1]["query"]["fields"]
    assert all(r["query"]["access_token"] == FB_TOKEN for r in fake_graph.requests)


# --------------------------------------------------------------------------- incremental reading


def test_next_sweep_rereads_the_comment_window_and_finds_new_comments_on_older_posts(fake_graph):
    seed_page(fake_graph)
    first = connector(fake_graph).fetch({}, NOW)
    fake_graph.add_comment("2002_5002", "5002_7005", "46", "Petr", "still open?", at(17, day=20))
    fake_graph.add_post(PAGE_ID, "2002_5003", "Hot chocolate today", at(17, 30))
    fake_graph.clear_requests()

    second = connector(fake_graph).fetch(first.cursors, NOW)

    since = int(fake_graph.requests_to(POSTS)[0]["query"]["since"])
    assert since == int((NOW - timedelta(days=7)).timestamp())  # not the cursor: older posts get comments too
    assert {"5002_7005", "2002_5003", "2002_5001"} <= set(by_id(second))  # the boundary is read again
    assert "2002_4001" not in by_id(second)  # outside the comment window
    assert second.cursors == {"posts": at(17, 30).isoformat(), "comments": at(17).isoformat()}


def test_a_cursor_older_than_the_window_is_read_from_so_nothing_is_skipped(fake_graph):
    seed_page(fake_graph)

    batch = connector(fake_graph).fetch({"posts": at(9, day=2).isoformat()}, NOW)

    assert int(fake_graph.requests_to(POSTS)[0]["query"]["since"]) == int(at(9, day=2).timestamp())
    assert "2002_4001" in by_id(batch)


def test_busy_post_pages_its_comments_once_then_only_as_far_as_the_new_ones(fake_graph):
    fake_graph.add_post(PAGE_ID, "2002_5001", "Giveaway!", at(9, day=19))
    for n in range(250):
        fake_graph.add_comment("2002_5001", f"5001_{n}", "42", "Anna K", f"me {n}", at(10, day=19) + timedelta(minutes=n))
    first = connector(fake_graph).fetch({}, NOW)
    for n in range(250, 253):
        fake_graph.add_comment("2002_5001", f"5001_{n}", "43", "Lena", f"me too {n}", at(17))
    fake_graph.clear_requests()

    second = connector(fake_graph).fetch(first.cursors, NOW)

    assert len([i for i in first.items if i.kind == "comment"]) == 250 and first.requests == 5  # 100 nested + 2 pages
    assert {f"5001_{n}" for n in range(250, 253)} <= set(by_id(second))
    assert paths(fake_graph) == [PAGE, POSTS, CONVERSATIONS]  # the 250 old comments are not paged again


def test_paging_is_bounded_and_ignores_next_links_without_a_token(fake_graph):
    """facebook-sdk's get_all_connections fails on such links and pages without end; ours stops with a notice."""
    seed_posts(fake_graph, 30, comments=0)
    fake_graph.next_links_without_token = True
    api = connector(fake_graph).api
    with pytest.raises(KeyError):
        list(api.graph.get_all_connections(PAGE_ID, "posts", limit=5))
    fake_graph.clear_requests()

    batch = connector(fake_graph, page_size=5, max_pages=2).fetch({}, NOW)

    assert {i.external_id for i in batch.items} == {f"{PAGE_ID}_{6000 + n}" for n in range(10)}  # the newest ten
    assert len(fake_graph.requests_to(POSTS)) == 2
    assert batch.notices == ["reading posts: stopped after 2 page(s) (max_pages); older items were not read"]


# --------------------------------------------------------------------------- Messenger


def test_without_the_messaging_permission_one_notice_and_the_rest_is_read(fake_graph):
    seed_page(fake_graph)
    fake_graph.messaging_permission = False

    batch = connector(fake_graph).fetch({}, NOW)

    assert set(by_id(batch)) == SEEDED - {"m_1", "m_2", "m_3", "m_4"}
    assert len(batch.notices) == 1 and "pages_messaging" in batch.notices[0]


# --------------------------------------------------------------------------- what facebook-sdk would misread

HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
MISREAD = [  # (status, body, content_type, why it fails after the retries)
    (500, None, "application/json", "not JSON"),  # an empty 5xx body
    (503, {"data": []}, "application/json", "503 Service Unavailable without a Graph error body"),  # "no posts"
    (200, '{"data": []}', None, "without a Content-Type header"),  # KeyError in facebook-sdk
    (502, HTML_502, "text/html", "502 Bad Gateway without a Graph error body"),
    (200, "<html>captive portal</html>", "text/html", "text/html instead of JSON"),
]
MISREAD_IDS = ["500-empty", "503-data", "no-content-type", "502-html", "200-html"]


@pytest.mark.parametrize(("status", "body", "content_type", "says"), MISREAD, ids=MISREAD_IDS)
def test_bad_answers_are_retried_with_backoff_never_taken_as_data(fake_graph, status, body, content_type, says):
    seed_page(fake_graph)
    fake_time = FakeTime()
    fake_graph.fail_next("/posts", status, times=2, body=body, content_type=content_type)

    batch = connector(fake_graph, fake_time, retry_backoff=1.0).fetch({}, NOW)

    assert fake_time.sleeps == [1.0, 2.0] and len(fake_graph.requests_to(POSTS)) == 3
    assert set(by_id(batch)) == SEEDED


@pytest.mark.parametrize(("status", "body", "content_type", "says"), MISREAD, ids=MISREAD_IDS)
def test_lasting_bad_answers_are_a_transient_error_saying_what_came_back(fake_graph, status, body, content_type, says):
    fake_graph.fail_next("/posts", status, times=9, body=body, content_type=content_type)

    with pytest.raises(TransientError) as caught:
        connector(fake_graph, max_retries=2, retry_backoff=0).fetch({}, NOW)

    assert "Facebook reading posts failed after 3 attempt(s)" in str(caught.value) and says in str(caught.value)


# --------------------------------------------------------------------------- Graph errors

USAGE_42 = json.dumps({PAGE_ID: [{"type": "pages", "call_count": 100, "total_cputime": 12, "total_time": 30,
                                  "estimated_time_to_regain_access": 42}]})


@pytest.mark.parametrize(
    ("path", "code", "headers", "error", "says"),
    [
        (PAGE, 190, {}, AuthError, "code 190: Error validating access token: Session has expired"),
        (POSTS, 4, {}, RateLimited, "Facebook rate limit (code 4) while reading posts"),
        (POSTS, 17, {"X-Business-Use-Case-Usage": USAGE_42}, RateLimited, "retrying after 2026-11-20 18:42 UTC"),
        (CONVERSATIONS, 32, {}, RateLimited, "retrying after 2026-11-20 18:15 UTC"),
        (POSTS, 613, {}, RateLimited, "(code 613) while reading posts"),
        (POSTS, 10, {}, PermissionMissing, "lacks a permission for reading posts (code 10)"),
        (POSTS, 368, {}, PermanentError, "Facebook error while reading posts (code 368)"),
    ],
    ids=["190", "4", "17-usage-header", "32", "613", "10", "368"],
)
def test_graph_errors_are_typed_and_not_retried(fake_graph, path, code, headers, error, says):
    seed_page(fake_graph)
    fake_graph.graph_error(path, code, headers=headers)

    with pytest.raises(ConnectorError) as caught:
        connector(fake_graph).fetch({}, NOW)

    assert type(caught.value) is error and says in str(caught.value)
    assert len(fake_graph.requests_to(path)) == 1
    if error is RateLimited:
        minutes = 42 if headers else 15
        assert caught.value.retry_at == NOW + timedelta(minutes=minutes)  # counted from the sweep's now
    if error is AuthError:
        assert TOKEN_SOURCE in str(caught.value) and not caught.value.retryable


def test_rate_limit_wait_counts_from_the_injected_clock(fake_graph):
    fake_time = FakeTime()
    fake_graph.graph_error("/posts", 2)  # one retry: the clock moves on by the backoff
    fake_graph.graph_error("/posts", 4)

    with pytest.raises(RateLimited) as caught:
        connector(fake_graph, fake_time, clock=fake_time.clock, retry_backoff=30.0).fetch({}, NOW)

    assert fake_time.sleeps == [30.0] and caught.value.retry_at == NOW + timedelta(minutes=15, seconds=30)


@pytest.mark.parametrize(
    ("subcode", "message", "says"),
    [
        (None, None, "Facebook has no field 'bogus' on a Page in Graph API v25.0 (code 100, while reading posts): "
                     "check [connectors.facebook] graph_version"),
        (33, None, "(code 100/33): check page_id"),
        (None, "(#100) The parameter since must be a valid unix timestamp", "parameter since must be"),
    ],
    ids=["unknown-field", "unknown-object", "other"],
)
def test_code_100_says_what_facebook_did_not_accept(fake_graph, subcode, message, says):
    fake_graph.graph_error("/posts", 100, subcode=subcode, message=message)

    with pytest.raises(PermanentError) as caught:
        connector(fake_graph).fetch({}, NOW)

    assert says in str(caught.value) and not caught.value.retryable


def test_high_api_usage_is_a_notice(fake_graph):
    fake_graph.usage_headers = {"X-App-Usage": json.dumps({"call_count": 85, "total_time": 10, "total_cputime": 5})}

    batch = connector(fake_graph).fetch({}, NOW)

    assert batch.notices == ["Facebook API usage is at 85% of the limit; consider a longer interval"]


def test_malformed_post_and_comment_are_skipped_with_notices(fake_graph):
    good = {"id": "2002_5001", "message": "ok", "created_time": "2026-11-20T09:00:00+0000",
            "comments": {"data": [{"id": "5001_1", "message": "?"}]}}
    fake_graph.fail_next("/posts", 200, body={"data": [{"id": "2002_5000", "message": "no time"}, good]})

    batch = connector(fake_graph).fetch({}, NOW)

    assert set(by_id(batch)) == {"2002_5001"}
    assert batch.notices == ["skipped a malformed post (id 2002_5000): created_time: Field required",
                             "skipped a malformed comment on post 2002_5001 (id 5001_1): created_time: Field required"]


# --------------------------------------------------------------------------- secrets stay out of logs and errors


def test_access_token_never_reaches_a_log_line_or_an_error(fake_graph, caplog):
    token = f"fresh-page-token-{uuid.uuid4().hex}"  # not registered as a secret: the URL patterns must hide it
    caplog.set_level(logging.DEBUG)
    fake_graph.access_token = token
    seed_page(fake_graph)
    fake_graph.fail_next("/posts", 502, body=HTML_502)
    fake_graph.graph_error("/conversations", 190)
    errors: list[Exception] = []
    with pytest.raises(AuthError) as caught:
        connector(fake_graph, token=token, retry_backoff=0).fetch({}, NOW)
    errors.append(caught.value)
    with pytest.raises(TransientError) as caught:
        connector(fake_graph, token=token, base_url=f"http://127.0.0.1:{free_port()}", max_retries=1).fetch({}, NOW)
    errors.append(caught.value)

    assert "access_token=***" in caplog.text  # urllib3 did log the URLs
    assert "Connection refused" in str(errors[1]) and "access_token=***" in str(errors[1])
    assert token not in caplog.text and all(token not in r.getMessage() for r in caplog.records)
    assert all(token not in str(e) and token not in repr(e.args) for e in errors)


def test_a_page_username_as_page_id_still_marks_the_pages_own_posts_and_replies(fake_graph):
    seed_page(fake_graph)
    api = GraphApi(FB_TOKEN, token_source=TOKEN_SOURCE, api_base_url=fake_graph.base_url, sleep=FakeTime().sleep)
    by_name = FacebookConnector(api, "northwindcoffee", comment_window=timedelta(days=7), history=timedelta(days=30))

    items = by_id(by_name.fetch({}, NOW))

    assert items["2002_5001"].author_id == PAGE_ID  # the numeric id, which the detectors compare with
    assert (items["5001_7002"].kind, items["5001_7001"].kind) == ("reply", "comment")


def test_usage_near_the_limit_pauses_the_account_before_facebook_throttles_it(fake_graph):
    fake_graph.usage_headers = {"X-Business-Use-Case-Usage": USAGE_42}

    batch = connector(fake_graph).fetch({}, NOW)

    assert batch.defer_until == NOW + timedelta(minutes=42)
    assert any("pausing this account until 2026-11-20 18:42 UTC" in n for n in batch.notices)


# --------------------------------------------------------------------------- malformed payloads, field by field

COMMENT_TIMES = {"5001_7001": at(10), "5001_7002": at(10, 30), "5001_7003": at(11), "5002_7004": at(13, day=19)}


@pytest.mark.parametrize(
    ("object_id", "fields", "missing", "says"),
    [
        ("5001_7003", {"from": "Lena"}, {"5001_7003"},
         "skipped a malformed comment on post 2002_5001 (id 5001_7003): from: Input should be a valid dictionary (got 'Lena')"),
        ("5001_7003", {"from": {"id": 43, "name": "Lena"}}, {"5001_7003"},
         "skipped a malformed comment on post 2002_5001 (id 5001_7003): from.id: Input should be a valid string (got 43)"),
        ("5001_7002", {"parent": ["5001_7001"]}, {"5001_7002"},
         "skipped a malformed comment on post 2002_5001 (id 5001_7002): parent: Input should be a valid dictionary"),
        ("5001_7003", {"id": 7003}, {"5001_7003"},
         "skipped a malformed comment on post 2002_5001 (id 7003): id: Input should be a valid string (got 7003)"),
        ("5001_7003", {"created_time": "2026-11-20T11:00:00"}, {"5001_7003"},
         "skipped a malformed comment on post 2002_5001 (id 5001_7003): created_time: Input should be a time with a timezone"),
        ("5001_7003", {"message": 42}, {"5001_7003"},
         "skipped a malformed comment on post 2002_5001 (id 5001_7003): message: Input should be a valid string (got 42)"),
        ("m_2", {"created_time": "garbage"}, {"m_2"},
         "skipped a malformed message in conversation t_1 (id m_2): created_time: Input should be an ISO 8601 time (got 'garbage')"),
        ("m_3", {"from": "Olga"}, {"m_3"},
         "skipped a malformed message in conversation t_2 (id m_3): from: Input should be a valid dictionary (got 'Olga')"),
        ("2002_5002", {"created_time": 1763647200}, {"2002_5002", "5002_7004"},
         "skipped a malformed post (id 2002_5002): created_time: Input should be a time as a string (got 1763647200)"),
        ("2002_5002", {"comments": "oops"}, {"5002_7004"},
         "post 2002_5002: its comments are partly unreadable (comments: Input should be a valid dictionary (got 'oops'))"),
        ("t_2", {"messages": ["m_3"]}, {"m_3", "m_4"},
         "conversation t_2: messages: Input should be a valid dictionary; the rest of it is read"),
    ],
    ids=["from-str", "from-id-int", "parent-list", "id-int", "naive-time", "message-int", "message-garbage-time",
         "message-from-str", "post-time-number", "comments-str", "messages-list"],
)
def test_a_malformed_item_is_skipped_with_a_notice_naming_it_and_the_rest_is_read(fake_graph, object_id, fields, missing, says):
    seed_page(fake_graph)
    fake_graph.serve(object_id, fields)

    batch = connector(fake_graph).fetch({}, NOW)

    assert set(by_id(batch)) == SEEDED - missing
    assert len(batch.notices) == 1 and batch.notices[0].startswith(says)
    newest_comment = max(t for c, t in COMMENT_TIMES.items() if c not in missing)
    assert batch.cursors == {"posts": at(12, day=19).isoformat() if "2002_5002" not in missing else at(9, day=18).isoformat(),
                             "comments": newest_comment.isoformat()}


@pytest.mark.parametrize(
    ("fields", "followers", "fans", "says"),
    [
        ({"followers_count": "lots"}, None, 4980, "followers_count: Input should be a valid integer (got 'lots')"),
        ({"followers_count": -5}, None, 4980, "followers_count: Input should be greater than or equal to 0 (got -5)"),
        ({"followers_count": True}, None, 4980, "followers_count: Input should be a valid integer (got True)"),
        ({"followers_count": 5120.0}, None, 4980, "followers_count: Input should be a valid integer (got 5120.0)"),
        ({"fan_count": "many"}, 5120, None, "fan_count: Input should be a valid integer (got 'many')"),
        ({"followers_count": ABSENT}, None, 4980, None),  # not granted: unknown, not malformed
    ],
    ids=["lots", "negative", "bool", "float", "fans-str", "absent"],
)
def test_a_wrong_typed_page_counter_is_none_in_the_snapshot_never_stored(fake_graph, fields, followers, fans, says):
    seed_page(fake_graph)
    fake_graph.serve(PAGE_ID, fields)

    batch = connector(fake_graph).fetch({}, NOW)

    snap = batch.snapshot
    assert (snap.external_id, snap.handle, snap.followers, snap.raw["fan_count"]) == (PAGE_ID, "northwindcoffee", followers, fans)
    assert all(value in (None, followers, fans) for key, value in snap.raw.items() if key.endswith("_count"))
    assert batch.notices == ([f"profile of Page {PAGE_ID}: {says}; the value is not stored"] if says else [])
    assert set(by_id(batch)) == SEEDED


def test_a_page_id_of_the_wrong_type_falls_back_to_the_configured_page_id(fake_graph):
    seed_page(fake_graph)
    fake_graph.serve(PAGE_ID, {"id": 2002, "username": ["northwindcoffee"]})

    batch = connector(fake_graph).fetch({}, NOW)

    assert (batch.snapshot.external_id, batch.snapshot.handle) == (PAGE_ID, "Northwind Coffee")
    assert [n.split(":")[1].strip() for n in batch.notices] == ["id", "username"]
    assert by_id(batch)["5001_7002"].kind == "reply"


def test_more_than_ten_malformed_comments_are_summed_up_in_one_notice(fake_graph):
    seed_posts(fake_graph, 1, comments=37)
    for c in range(37):
        fake_graph.serve(f"6000_{c}", {"from": "Anna K"} if c % 4 else {"created_time": "soon"})

    batch = connector(fake_graph).fetch({}, NOW)

    assert [i.external_id for i in batch.items] == [f"{PAGE_ID}_6000"]
    assert len(batch.notices) == 1
    notice = batch.notices[0]
    assert notice.startswith("skipped 37 malformed comments on post 2002_6000 (ids 6000_36, 6000_35, 6000_34 and 34 more): ")
    assert "27 × from: Input should be a valid dictionary (got 'Anna K')" in notice
    assert "10 × created_time: Input should be an ISO 8601 time (got 'soon')" in notice


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20T10:00:00+0000", at(10)),
        ("2026-11-20T13:00:00+0300", at(10)),
        ("2026-11-20T10:00:00+00:00", at(10)),
        ("2026-11-20T10:00:00.250000+00:00", at(10) + timedelta(milliseconds=250)),
        ("2026-11-20T10:00:00Z", at(10)),
        ("2026-11-20T10:00:00", None),  # naive: which timezone?
        ("2026-11-20", None),
        ("garbage", None),
        (1763632800, None),
        (None, None),
    ],
)
def test_graph_time_accepts_graph_and_iso_times_with_an_offset_only(value, expected):
    parsed = graph_time(value)

    assert parsed == expected
    assert parsed is None or parsed.utcoffset() is not None


# --------------------------------------------------------------------------- watched items: deletions and edits

LATER = NOW + timedelta(minutes=15)
IN_WINDOW = ["2002_5001", "5001_7001", "5001_7002", "2002_5002"]  # posts and comments of seed_page() the re-read covers
SWEPT = {"posts": NOW.isoformat(), "comments": NOW.isoformat()}  # cursors after a sweep at NOW: the re-read starts a week back


def lookups(fake: FakeGraphApi) -> list[list[str]]:
    """The ids of each multi-id read (GET /?ids=), in order."""
    return [r["query"]["ids"].split(",") for r in fake.requests if "ids" in r["query"]]


def single_reads(fake: FakeGraphApi) -> list[str]:
    """The objects read one by one (GET /{id}) besides the Page itself."""
    return [r["path"].rsplit("/", 1)[1] for r in fake.requests
            if "ids" not in r["query"] and r["path"] not in (PAGE, POSTS, CONVERSATIONS) and r["path"].count("/") == 2]


def seed_old(fake: FakeGraphApi, count: int, comments: int = 0) -> list[str]:
    """`count` posts ten days old (outside the comment window) with `comments` comments each; the post ids."""
    made = []
    for n in range(count):
        post = f"{PAGE_ID}_{8000 + n}"
        fake.add_post(PAGE_ID, post, f"old update {n}", NOW - timedelta(days=10, minutes=n))
        for c in range(comments):
            fake.add_comment(post, f"{8000 + n}_{c}", "42", "Anna K", f"old comment {c}", NOW - timedelta(days=10, minutes=n - 5))
        made.append(post)
    return made


@pytest.mark.parametrize(
    ("change", "gone", "texts"),
    [
        (lambda fake: None, [], {"2002_5001": "Our Winter Blend is back!"}),
        (lambda fake: fake.remove_post("2002_5001"), ["2002_5001", "5001_7001", "5001_7002"], {}),
        (lambda fake: fake.remove_comment("5001_7001"), ["5001_7001", "5001_7002"], {}),  # its reply goes with it
        (lambda fake: fake.remove_comment("5001_7002"), ["5001_7002"], {"5001_7001": "where is my order?"}),
        (lambda fake: fake.remove_post("2002_5002"), ["2002_5002"], {}),
        (lambda fake: fake.remove_comment("5001_7003"), [], {}),  # not watched
        (lambda fake: fake.edit_post("2002_5001", "Winter Blend: call us"), [], {"2002_5001": "Winter Blend: call us"}),
        (lambda fake: fake.edit_comment("5001_7001", "found it"), [], {"5001_7001": "found it"}),
        (lambda fake: fake.serve("2002_5001", {"created_time": 5}), [], {}),  # listed, though unreadable: not gone
    ],
    ids=["unchanged", "post-removed", "comment-removed", "reply-removed", "other-post-removed", "unwatched-removed",
         "post-edited", "comment-edited", "post-malformed"],
)
def test_a_watched_item_gone_inside_the_comment_window_is_seen_without_a_request(fake_graph, change, gone, texts):
    seed_page(fake_graph)
    first = connector(fake_graph).fetch({}, NOW, IN_WINDOW)
    assert paths(fake_graph) == [PAGE, POSTS, CONVERSATIONS] and first.deletions == []  # all of them were listed
    change(fake_graph)
    fake_graph.clear_requests()

    batch = connector(fake_graph).fetch({**first.cursors, "watch_checked_at": NOW.isoformat()}, LATER, IN_WINDOW)

    assert paths(fake_graph) == [PAGE, POSTS, CONVERSATIONS]
    assert batch.deletions == gone
    assert {i: by_id(batch)[i].text for i in texts} == texts


def test_a_watched_post_that_left_the_window_is_looked_up_not_called_gone(fake_graph):
    seed_page(fake_graph)
    first = connector(fake_graph).fetch({}, NOW, ["2002_5001"])
    fake_graph.clear_requests()

    kept = connector(fake_graph).fetch(first.cursors, NOW + timedelta(days=7), ["2002_5001"])  # 5001 is now 9 days old
    fake_graph.remove_post("2002_5001")
    fake_graph.clear_requests()
    later = connector(fake_graph).fetch({**first.cursors, **kept.cursors}, NOW + timedelta(days=7, hours=6), ["2002_5001"])

    assert kept.deletions == [] and by_id(kept)["2002_5001"].text == "Our Winter Blend is back!"
    assert lookups(fake_graph) == [["2002_5001"]] and later.deletions == ["2002_5001"]


def test_old_watched_items_are_looked_up_at_most_once_per_deletion_check_interval(fake_graph):
    seed_page(fake_graph)
    watch = ["2002_4001"]  # 18 days old: outside the comment window

    first = connector(fake_graph).fetch(SWEPT, LATER, watch)
    fake_graph.remove_post("2002_4001")
    soon = connector(fake_graph).fetch({**SWEPT, **first.cursors}, LATER + timedelta(hours=5, minutes=59), watch)
    later = connector(fake_graph).fetch({**SWEPT, **first.cursors}, LATER + timedelta(hours=6), watch)

    assert lookups(fake_graph) == [["2002_4001"], ["2002_4001"]]  # the first and the last sweep
    assert first.deletions == [] and by_id(first)["2002_4001"].kind == "post"
    assert first.cursors["watch_checked_at"] == LATER.isoformat()
    assert soon.deletions == [] and "watch_checked_at" not in soon.cursors
    assert later.deletions == ["2002_4001"] and later.cursors["watch_checked_at"] == (LATER + timedelta(hours=6)).isoformat()
    assert single_reads(fake_graph) == []  # a read of one id needs no fallback: its 100/33 names it


def test_250_watched_old_posts_take_five_reads_of_50_and_the_fallback_finds_exactly_the_missing(fake_graph):
    watch = seed_old(fake_graph, 250)
    first = connector(fake_graph).fetch(SWEPT, LATER, watch)
    for post in ("2002_8010", "2002_8160", "2002_8170"):
        fake_graph.remove_post(post)
    fake_graph.clear_requests()

    batch = connector(fake_graph).fetch({**SWEPT, **first.cursors}, LATER + timedelta(hours=6), watch)

    assert [len(ids) for ids in lookups(fake_graph)] == [50] * 5
    assert sorted(single_reads(fake_graph)) == sorted(watch[0:50] + watch[150:200])  # the two batches that failed
    assert sorted(batch.deletions) == ["2002_8010", "2002_8160", "2002_8170"]
    assert len(batch.items) == 247 and batch.requests == 3 + 5 + 100
    assert len(first.items) == 250 and first.requests == 3 + 5 and first.deletions == []


def test_old_posts_and_comments_are_read_apart_and_edits_come_back(fake_graph):
    posts = seed_old(fake_graph, 2, comments=2)
    fake_graph.add_comment(posts[0], "8000_9", PAGE_ID, "Northwind Coffee", "we are on it", NOW - timedelta(days=9),
                           parent_id="8000_0")
    fake_graph.remove_comment("8001_1")
    fake_graph.remove_post("2002_8001")  # with its comments, none of them watched but 8001_1, gone already
    fake_graph.edit_comment("8000_1", "edited: no phone number now")
    watch = [*posts, "8000_0", "8000_1", "8000_9", "8001_1"]

    batch = connector(fake_graph).fetch(SWEPT, LATER, watch)

    assert lookups(fake_graph) == [posts, ["8000_0", "8000_1", "8000_9", "8001_1"]]
    assert sorted(single_reads(fake_graph)) == sorted(watch)  # both reads named a missing object
    assert sorted(batch.deletions) == ["2002_8001", "8001_1"]
    items = by_id(batch)
    assert {i: item.kind for i, item in items.items()} == {"2002_8000": "post", "8000_0": "comment", "8000_1": "comment",
                                                          "8000_9": "reply"}
    assert items["8000_1"].text == "edited: no phone number now" and items["8000_1"].conversation_id == "2002_8000"
    assert items["8000_9"].reply_to_id == "8000_0"


def test_a_watched_comment_on_a_post_not_read_whole_is_not_called_gone_without_a_lookup(fake_graph):
    fake_graph.add_post(PAGE_ID, "2002_5001", "Giveaway!", at(9, day=19))
    for n in range(250):
        fake_graph.add_comment("2002_5001", f"5001_{n}", "42", "Anna K", f"me {n}", at(10, day=19) + timedelta(minutes=n))
    first = connector(fake_graph).fetch({}, NOW, ["5001_0"])  # every comment paged: 5001_0 is listed
    fake_graph.remove_comment("5001_0")
    fake_graph.clear_requests()

    quiet = connector(fake_graph).fetch({**first.cursors, "watch_checked_at": NOW.isoformat()}, LATER, ["5001_0"])
    due = connector(fake_graph).fetch(first.cursors, LATER, ["5001_0"])

    assert quiet.deletions == [] and lookups(fake_graph) == [["5001_0"]]  # only newer comments were read again
    assert due.deletions == ["5001_0"]


def test_a_listing_stopped_at_max_pages_calls_nothing_gone(fake_graph):
    seed_posts(fake_graph, 30, comments=0)
    first = connector(fake_graph, page_size=5, max_pages=2).fetch({}, NOW, ["2002_6003"])
    fake_graph.remove_post("2002_6003")
    fake_graph.add_post(PAGE_ID, "2002_7000", "busy day", NOW + timedelta(minutes=5))
    recent = {**first.cursors, "watch_checked_at": NOW.isoformat()}

    batch = connector(fake_graph, page_size=5, max_pages=2).fetch(recent, LATER, ["2002_6003"])

    assert "2002_6003" in by_id(first) and first.notices  # the first listing stopped at max_pages too
    assert batch.deletions == [] and lookups(fake_graph) == []
    assert any("max_pages" in n for n in batch.notices)


def test_without_watched_items_nothing_is_looked_up(fake_graph):
    seed_page(fake_graph)

    batch = connector(fake_graph).fetch(SWEPT, LATER, ["m_1", "t_2"])  # Messenger ids are never looked up

    assert paths(fake_graph) == [PAGE, POSTS, CONVERSATIONS] and batch.deletions == []
    assert not {"watch_checked_at", "watch_window"} & set(batch.cursors)


@pytest.mark.parametrize(
    ("code", "status", "advanced", "says"),
    [
        (2, None, False, "failed after 4 attempt(s)"),
        (None, 502, False, "502 Bad Gateway"),
        (4, None, False, "rate limit (code 4)"),
        (10, None, True, "lacks a permission"),  # will not pass by itself: not retried every sweep
    ],
    ids=["transient-code-2", "502", "rate-limit", "permission"],
)
def test_a_failed_lookup_is_a_notice_and_the_sweep_goes_on(fake_graph, code, status, advanced, says):
    seed_page(fake_graph)
    fake_graph.remove_post("2002_4001")
    if code is not None:
        fake_graph.graph_error("/v25.0/", code, times=9, query_has="ids")
    else:
        fake_graph.fail_next("/v25.0/", status, times=9, body=HTML_502, query_has="ids")

    batch = connector(fake_graph, retry_backoff=0).fetch(SWEPT, LATER, ["2002_4001"])

    assert set(by_id(batch)) == SEEDED - {"2002_4001"}  # what is new is read all the same
    assert batch.deletions == []
    assert ("watch_checked_at" in batch.cursors) is advanced
    notices = [n for n in batch.notices if n.startswith("watched items not checked for deletion")]
    assert len(notices) == 1 and says in notices[0]
    assert notices[0].endswith("after deletion_check_interval" if advanced else "next sweep")
    assert (batch.defer_until == LATER + timedelta(minutes=15)) is (code == 4)  # the app is throttled: the account waits


def test_deletions_name_only_watched_items_whatever_graph_answers(fake_graph):
    posts = seed_old(fake_graph, 3)
    fake_graph.fail_next("/v25.0/", 200, query_has="ids", body={
        posts[1]: {"id": posts[1], "message": "old update 1", "created_time": "2026-11-10T17:59:00+0000"},
        "2002_9999": {"id": "2002_9999", "message": "never asked for", "created_time": "2026-11-10T17:00:00+0000"},
    })

    batch = connector(fake_graph).fetch(SWEPT, LATER, posts[:2])

    assert batch.deletions == [] and set(by_id(batch)) == {posts[1]}  # posts[0] left out of the answer: not known gone


@pytest.mark.parametrize(("value", "ok"), [("15m", True), ("6h", True), ("30d", True), ("10m", False), ("60d", False)])
def test_deletion_check_interval_is_kept_sparing(value, ok):
    from pydantic import ValidationError

    from connectors.facebook import FacebookSettings

    if ok:
        assert FacebookSettings(deletion_check_interval=value).deletion_check_interval.total_seconds() > 0
    else:
        with pytest.raises(ValidationError, match="15m"):
            FacebookSettings(deletion_check_interval=value)
    assert FacebookSettings().deletion_check_interval == timedelta(hours=6)


def test_the_window_cursor_holds_what_a_cursor_can_and_keeps_the_newest_posts():
    from connectors.facebook import digest, read_window, write_window

    entries = {digest(f"2002_{n}"): ("p", 490_000 + n) for n in range(40)}

    text = write_window(entries)
    kept = read_window(text)

    assert len(text) <= 255 and 10 <= len(kept) < 40
    assert sorted(hour for _, hour in kept.values()) == list(range(490_040 - len(kept), 490_040))
    assert read_window("garbage,,p12") == {} and read_window(None) == {}
