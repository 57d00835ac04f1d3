"""The X connector against the fake X API: the real tweepy client over real HTTP on 127.0.0.1.

Nothing of ours is mocked. XApi gets a FakeTime whose sleep() records the delay and moves
its clock on instantly, so retries and rate-limit waits are asserted, never waited for.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from connectors.base import AuthError, Batch, ConnectorError, FetchedItem, PermanentError, RateLimited, TransientError
from connectors.http import RoutingAdapter
from connectors.x import XConnector
from monitor.connect import build_connector as build
from connectors.x_api import XApi
from monitor.settings import Settings, load_settings
from tests.conftest import BRAND_ID, NOW, TOKEN, Monitor, at, iso, x_config
from tests.fakes.smtp import SmtpServer, free_port
from tests.fakes.x_api import ABSENT, FakeXApi

HANDLE = "northwindcoffee"
TOKEN_SOURCE = "the environment variable X_BEARER_TOKEN"
T0 = NOW.timestamp()
LOOKUP, TWEETS, MENTIONS = f"/2/users/by/username/{HANDLE}", f"/2/users/{BRAND_ID}/tweets", f"/2/users/{BRAND_ID}/mentions"
SEEDED = {"100", "150", "200", "205", "206", "210", "211", "220"}  # the ids seed_timeline() adds


class FakeTime:
    """XApi's clock and sleep: sleeping records the delay and advances the clock, instantly."""

    def __init__(self, now: float = T0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def clock(self) -> float:
        """The current fake time in epoch seconds."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Record the delay and move the clock forward by it."""
        self.sleeps.append(seconds)
        self.now += seconds


def connector(
    fake: FakeXApi,
    fake_time: FakeTime | None = None,
    *,
    token: str = TOKEN,
    page_size: int = 100,
    max_pages: int = 5,
    **api_options: float,
) -> XConnector:
    """An XConnector for @northwindcoffee whose XApi talks to the fake on fake time."""
    fake_time = fake_time or FakeTime()
    api = XApi(
        token,
        token_source=TOKEN_SOURCE,
        api_base_url=fake.base_url,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        **api_options,
    )
    return XConnector(api, HANDLE, page_size=page_size, max_pages=max_pages)


def by_id(batch: Batch) -> dict[str, FetchedItem]:
    """The batch's items keyed by tweet id."""
    return {item.external_id: item for item in batch.items}


def ids(batch: Batch) -> set[str]:
    """The tweet ids in a batch."""
    return {item.external_id for item in batch.items}


def paths(fake: FakeXApi) -> list[str]:
    """The paths the fake was asked for, in order."""
    return [request["path"] for request in fake.requests]


def seed_timeline(fake: FakeXApi) -> None:
    """Posts, a retweet, a reply, a self-mention and mentions by known and unknown users."""
    fake.add_user("2001", "anna_k")
    fake.add_user("2003", "lena")
    fake.add_tweet("100", BRAND_ID, "Our Winter Blend is back!", at(9, day=10))
    fake.add_tweet("150", BRAND_ID, "Follow @northwindcoffee for news", at(9, day=15), mentions=[HANDLE])
    fake.add_tweet("200", "2001", "@northwindcoffee where is my order?", at(10), mentions=[HANDLE])
    fake.add_tweet("205", BRAND_ID, "RT @anna_k: where is my order?", at(10, 30),
                   referenced_tweets=[{"type": "retweeted", "id": "200"}])
    fake.add_tweet("206", "2001", "RT @northwindcoffee: Our Winter Blend is back!", at(10, 40),
                   referenced_tweets=[{"type": "retweeted", "id": "100"}], mentions=[HANDLE])
    fake.add_tweet("210", "2003", "@northwindcoffee do you have decaf?", at(11), mentions=[HANDLE])
    fake.add_tweet("211", BRAND_ID, "@lena yes, since Monday!", at(11, 30), in_reply_to_user_id="2003",
                   conversation_id="210", referenced_tweets=[{"type": "replied_to", "id": "210"}], mentions=["lena"])
    fake.add_tweet("220", "2999", "@northwindcoffee hi from a user X did not include", at(12), mentions=[HANDLE])


def seed_many(fake: FakeXApi, first: int, count: int, *, mentions: bool = False) -> list[str]:
    """`count` consecutive tweets from id `first` on: the brand's own, or mentions of it by @anna_k."""
    fake.add_user("2001", "anna_k")
    made = []
    for n in range(count):
        tweet_id = str(first + n)
        if mentions:
            fake.add_tweet(tweet_id, "2001", f"@northwindcoffee question {n}", at(8, day=19), mentions=[HANDLE])
        else:
            fake.add_tweet(tweet_id, BRAND_ID, f"update number {n}", at(8, day=19))
        made.append(tweet_id)
    return made


@pytest.fixture
def fresh_x() -> Iterator[FakeXApi]:
    """A fake X API with a token no other test has registered as a secret, so redaction is tested alone."""
    fake = FakeXApi(bearer_token=f"fresh-token-{uuid.uuid4().hex}").start()
    fake.add_user(BRAND_ID, HANDLE, followers=18420)
    yield fake
    fake.stop()


# --------------------------------------------------------------------------- first fetch, mapping


def test_first_fetch_maps_profile_posts_replies_mentions_and_shares(fake_x):
    seed_timeline(fake_x)

    batch = connector(fake_x).fetch({}, NOW)

    snap = batch.snapshot
    assert (snap.external_id, snap.handle, snap.followers, snap.posts) == (BRAND_ID, HANDLE, 18420, 4)
    items = by_id(batch)
    assert {i: item.kind for i, item in items.items()} == {
        "100": "post", "150": "post", "205": "post", "211": "reply",
        "200": "mention", "206": "mention", "210": "mention", "220": "mention",
    }
    assert {item.kind for item in batch.items if item.external_id == "150"} == {"post"}  # brand mentioning itself
    assert items["205"].is_share and items["206"].is_share
    assert not any(items[i].is_share for i in ("100", "150", "200", "210", "211", "220"))
    reply = items["211"]
    assert (reply.reply_to_id, reply.reply_to_author_id, reply.conversation_id) == ("210", "2003", "210")
    assert (items["200"].author_handle, items["200"].author_id) == ("anna_k", "2001")
    assert items["210"].author_handle == "lena" and items["100"].author_handle == HANDLE
    assert items["200"].url == "https://x.com/anna_k/status/200"
    assert items["211"].url == "https://x.com/northwindcoffee/status/211"
    assert items["220"].author_handle is None and items["220"].url == "https://x.com/i/web/status/220"
    assert items["200"].text == "@northwindcoffee where is my order?"
    assert items["200"].created_at == at(10)
    assert all(item.created_at.utcoffset() is not None and item.created_at.utcoffset().total_seconds() == 0
               for item in batch.items)
    assert batch.notices == []


# --------------------------------------------------------------------------- pagination and cursors


def test_first_fetch_reads_every_page(fake_x):
    tweets = seed_many(fake_x, 1000, 12)
    mentions = seed_many(fake_x, 2000, 7, mentions=True)

    batch = connector(fake_x, page_size=5).fetch({}, NOW)

    assert ids(batch) == set(tweets) | set(mentions)
    tweet_pages = fake_x.requests_to(TWEETS)
    assert len(tweet_pages) == 3 and len(fake_x.requests_to(MENTIONS)) == 2
    assert "pagination_token" not in tweet_pages[0]["query"]
    assert all(page["query"].get("pagination_token") for page in tweet_pages[1:])
    assert all(page["query"]["max_results"] == "5" for page in tweet_pages)
    assert batch.notices == []


def test_first_fetch_stops_at_max_pages_with_a_notice(fake_x):
    tweets = seed_many(fake_x, 1000, 12)

    batch = connector(fake_x, page_size=5, max_pages=2).fetch({}, NOW)

    assert ids(batch) == set(tweets[-10:])  # the newest two pages
    assert len(fake_x.requests_to(TWEETS)) == 2
    assert len(batch.notices) == 1 and "max_pages" in batch.notices[0] and "tweets" in batch.notices[0]
    assert batch.cursors["tweets"] == "1011"


def test_cursors_are_the_newest_id_of_each_stream(fake_x):
    seed_timeline(fake_x)

    batch = connector(fake_x, page_size=5).fetch({}, NOW)

    assert batch.cursors == {"tweets": "211", "mentions": "220", "user_id": BRAND_ID, "user_handle": HANDLE,
                             "profile_at": NOW.isoformat()}


def test_next_fetch_asks_since_the_cursors_and_returns_only_newer_tweets(fake_x):
    seed_timeline(fake_x)
    first = connector(fake_x, page_size=5).fetch({}, NOW)
    fake_x.add_tweet("300", BRAND_ID, "Opening at 8 tomorrow", at(17))
    fake_x.add_tweet("301", "2003", "@northwindcoffee see you there", at(17, 30), mentions=[HANDLE])
    fake_x.clear_requests()

    second = connector(fake_x, page_size=5).fetch(first.cursors, NOW)

    assert fake_x.requests_to(TWEETS)[0]["query"]["since_id"] == "211"
    assert fake_x.requests_to(MENTIONS)[0]["query"]["since_id"] == "220"
    assert {i: item.kind for i, item in by_id(second).items()} == {"300": "post", "301": "mention"}
    assert second.cursors == {"tweets": "300", "mentions": "301"}


def test_incremental_fetch_reads_past_max_pages(fake_x):
    """A busy day after the first fetch is read whole; max_pages only bounds the history."""
    seed_many(fake_x, 1000, 3)
    first = connector(fake_x, page_size=5, max_pages=2).fetch({}, NOW)
    new = seed_many(fake_x, 1100, 17)

    second = connector(fake_x, page_size=5, max_pages=2).fetch(first.cursors, NOW)

    assert ids(second) == set(new)
    assert second.cursors["tweets"] == new[-1] and second.notices == []


def test_a_flood_beyond_the_page_cap_is_caught_up_next_sweep(fake_x):
    """The notice promises "the rest is fetched next sweep": two sweeps together must read every tweet."""
    flood = seed_many(fake_x, 1001, 505, mentions=True)  # 101 pages of 5 since the cursor
    cursors = {"tweets": "1", "mentions": "1000"}

    first = connector(fake_x, page_size=5).fetch(cursors, NOW)
    assert len(first.items) == 500 and any("stopped after 100 pages" in n for n in first.notices)
    second = connector(fake_x, page_size=5).fetch({**cursors, **first.cursors}, NOW)

    assert ids(first) | ids(second) == set(flood)


# --------------------------------------------------------------------------- requests of a quiet sweep


def test_quiet_sweep_with_a_stored_user_id_makes_two_authorised_requests(fake_x):
    """X bills reads: the user id is stored, so a quiet sweep reads only the timeline and the mentions."""
    seed_timeline(fake_x)
    first = connector(fake_x).fetch({}, NOW)
    fake_x.clear_requests()

    quiet = connector(fake_x).fetch(first.cursors, NOW + timedelta(minutes=15))

    assert quiet.items == [] and quiet.snapshot is None
    assert quiet.cursors == {"tweets": first.cursors["tweets"], "mentions": first.cursors["mentions"]}
    assert paths(fake_x) == [TWEETS, MENTIONS]
    assert all(request["authorization"] == f"Bearer {TOKEN}" for request in fake_x.requests)
    assert [r["query"]["max_results"] for r in fake_x.requests] == ["100", "100"]
    assert quiet.requests == 2


@pytest.mark.parametrize(
    ("later", "cursors", "looked_up"),
    [
        (timedelta(minutes=59), {}, False),
        (timedelta(hours=1), {}, True),  # profile_interval (1h) has passed: the follower count is read again
        (timedelta(minutes=5), {"user_handle": "oldhandle"}, True),  # the configured handle changed
        (timedelta(minutes=5), {"profile_at": "garbage"}, True),
        (timedelta(minutes=5), {"user_id": ""}, True),
    ],
)
def test_the_profile_is_read_at_most_once_per_profile_interval(fake_x, later, cursors, looked_up):
    seed_timeline(fake_x)
    first = connector(fake_x).fetch({}, NOW)
    fake_x.clear_requests()

    batch = connector(fake_x).fetch({**first.cursors, **cursors}, NOW + later)

    assert (LOOKUP in paths(fake_x)) is looked_up
    assert (batch.snapshot is not None) is looked_up
    if looked_up:
        assert batch.snapshot.followers == 18420 and batch.cursors["profile_at"] == (NOW + later).isoformat()


# --------------------------------------------------------------------------- rate limits


@pytest.mark.parametrize("path", [LOOKUP, TWEETS, MENTIONS], ids=["lookup", "tweets", "mentions"])
def test_short_rate_limit_is_waited_out_once_then_the_fetch_succeeds(fake_x, path):
    seed_timeline(fake_x)
    fake_time = FakeTime()
    fake_x.fail_next(path, 429, headers={"x-rate-limit-reset": str(int(T0) + 30)})

    batch = connector(fake_x, fake_time, max_rate_limit_wait=60).fetch({}, NOW)

    assert fake_time.sleeps == [31]  # until the reset, plus a second of slack
    assert len(fake_x.requests_to(path)) == 2
    assert ids(batch) == SEEDED


@pytest.mark.parametrize(
    ("reset_in", "times", "max_wait", "sleeps"),
    [
        (3600, 1, 60, []),  # reset too far away: give up at once, the next sweep tries
        (30, 1, 0, []),  # waiting disabled
        (30, 5, 60, [31]),  # still limited after the wait: no second wait
    ],
    ids=["reset-far-away", "waiting-disabled", "limited-after-wait"],
)
def test_long_rate_limit_raises_rate_limited_with_retry_at(fake_x, reset_in, times, max_wait, sleeps):
    seed_timeline(fake_x)
    fake_time = FakeTime()
    reset = int(T0) + reset_in
    fake_x.fail_next(MENTIONS, 429, times, headers={"x-rate-limit-reset": str(reset)})

    with pytest.raises(RateLimited) as caught:
        connector(fake_x, fake_time, max_rate_limit_wait=max_wait).fetch({}, NOW)

    assert caught.value.retry_at == datetime.fromtimestamp(reset, timezone.utc)
    assert f"{caught.value.retry_at:%Y-%m-%d %H:%M:%S} UTC" in str(caught.value)
    assert "mentions of @northwindcoffee" in str(caught.value)
    assert fake_time.sleeps == sleeps
    assert len(fake_x.requests_to(MENTIONS)) == len(sleeps) + 1


# --------------------------------------------------------------------------- server errors and retries

HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


@pytest.mark.parametrize(
    ("path", "status", "body", "times"),
    [
        (TWEETS, 503, None, 1),
        (TWEETS, 503, None, 3),
        (MENTIONS, 502, HTML_502, 2),
        (LOOKUP, 500, None, 1),
        (MENTIONS, 200, "<html>captive portal</html>", 1),  # a gateway answering 200 with HTML
    ],
    ids=["503-once", "503-thrice", "502-html", "500-lookup", "200-html"],
)
def test_server_errors_are_retried_with_backoff_then_succeed(fake_x, path, status, body, times):
    seed_timeline(fake_x)
    fake_time = FakeTime()
    fake_x.fail_next(path, status, times, body=body)

    batch = connector(fake_x, fake_time, max_retries=3, retry_backoff=1.0).fetch({}, NOW)

    assert fake_time.sleeps == [1.0, 2.0, 4.0][:times]
    assert len(fake_x.requests_to(path)) == times + 1
    assert ids(batch) == SEEDED


@pytest.mark.parametrize("max_retries", [0, 1, 3])
def test_persistent_503_is_a_transient_error_after_max_retries_plus_one_attempts(fake_x, max_retries):
    seed_timeline(fake_x)
    fake_time = FakeTime()
    fake_x.fail_next(TWEETS, 503, times=20)

    with pytest.raises(TransientError) as caught:
        connector(fake_x, fake_time, max_retries=max_retries, retry_backoff=2.0).fetch({}, NOW)

    assert len(fake_x.requests_to(TWEETS)) == max_retries + 1
    assert fake_time.sleeps == [2.0 * 2**n for n in range(max_retries)]
    assert f"after {max_retries + 1} attempt(s)" in str(caught.value) and "503" in str(caught.value)


def test_unreachable_api_is_a_transient_error_after_retries():
    fake_time = FakeTime()
    nobody_listens = f"http://127.0.0.1:{free_port()}"
    api = XApi(TOKEN, token_source=TOKEN_SOURCE, api_base_url=nobody_listens, timeout=5, max_retries=2,
               sleep=fake_time.sleep, clock=fake_time.clock)

    with pytest.raises(TransientError) as caught:
        XConnector(api, HANDLE).fetch({}, NOW)

    assert "after 3 attempt(s)" in str(caught.value) and "@northwindcoffee" in str(caught.value)
    assert fake_time.sleeps == [1.0, 2.0]


# --------------------------------------------------------------------------- typed errors

BAD_REQUEST = {
    "errors": [{"parameters": {"since_id": ["x"]}, "message": "since_id is not valid"}],
    "title": "Invalid Request",
    "detail": "One or more parameters to your request was invalid.",
    "type": "https://api.twitter.com/2/problems/invalid-request",
}


@pytest.mark.parametrize(
    ("path", "status", "body", "times", "error", "says"),
    [
        (LOOKUP, 401, None, 1, AuthError, "HTTP 401"),
        (TWEETS, 403, None, 1, AuthError, "HTTP 403"),
        (MENTIONS, 400, BAD_REQUEST, 1, PermanentError, "since_id is not valid"),
        (TWEETS, 404, None, 1, PermanentError, "Not Found"),
        (MENTIONS, 429, None, 1, RateLimited, "rate limit"),
        (TWEETS, 503, None, 9, TransientError, "503"),
        (MENTIONS, 502, HTML_502, 9, TransientError, "502"),
    ],
    ids=["401", "403", "400", "404", "429", "503", "502-html"],
)
def test_every_failure_is_a_typed_connector_error_naming_the_account(fake_x, path, status, body, times, error, says):
    seed_timeline(fake_x)
    fake_x.fail_next(path, status, times, body=body, headers={"x-rate-limit-reset": str(int(T0) + 3600)})

    with pytest.raises(ConnectorError) as caught:
        connector(fake_x, max_rate_limit_wait=0).fetch({}, NOW)

    assert type(caught.value) is error
    assert says in str(caught.value) and "@northwindcoffee" in str(caught.value)
    assert TOKEN not in str(caught.value)


def test_unknown_handle_is_a_permanent_error_that_says_to_check_the_handle(fake_x):
    api = XApi(TOKEN, token_source=TOKEN_SOURCE, api_base_url=fake_x.base_url)

    with pytest.raises(PermanentError) as caught:
        XConnector(api, "northwindcofee").fetch({}, NOW)

    assert "@northwindcofee" in str(caught.value) and "handle" in str(caught.value)


def settings_with_token(tmp_path: Path, fake: FakeXApi, source: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for the fake whose bearer token comes from the environment ("env") or a file ("file")."""
    path = x_config(tmp_path, fake, None)
    if source == "file":
        (tmp_path / "x_token.txt").write_text(TOKEN + "\n", encoding="utf-8")
        path.write_text(path.read_text().replace('bearer_token_env = "X_BEARER_TOKEN"', 'bearer_token_file = "x_token.txt"'))
        monkeypatch.delenv("X_BEARER_TOKEN", raising=False)
    else:
        monkeypatch.setenv("X_BEARER_TOKEN", TOKEN)
    return load_settings(path)


@pytest.mark.parametrize(
    ("source", "status", "names"),
    [
        ("env", 401, "the environment variable X_BEARER_TOKEN"),
        ("env", 403, "the environment variable X_BEARER_TOKEN"),
        ("file", 401, "x_token.txt"),
    ],
)
def test_refused_token_is_an_auth_error_naming_where_the_token_comes_from(
    tmp_path, fake_x, monkeypatch, source, status, names
):
    settings = settings_with_token(tmp_path, fake_x, source, monkeypatch)
    fake_x.fail_next(LOOKUP, status)

    with pytest.raises(AuthError) as caught:
        build(settings, settings.account("northwind-x")).fetch({}, NOW)

    assert names in str(caught.value) and f"HTTP {status}" in str(caught.value)
    assert not caught.value.retryable
    assert len(fake_x.requests_to(LOOKUP)) == 1  # a refused token is not retried
    assert TOKEN not in str(caught.value)


def two_brands(tmp_path: Path, fake: FakeXApi, smtp: SmtpServer) -> Monitor:
    """The CLI on northwind-x (swept first) and southwind-x, whose mention by @anna_k is unanswered."""
    second = '\n[[accounts]]\nname = "southwind-x"\nplatform = "x"\nhandle = "southwindtea"\ntimezone = "UTC"\n'
    fake.add_user("3001", "southwindtea")
    fake.add_user("2001", "anna_k")
    fake.add_tweet("300", "2001", "@southwindtea is my parcel lost?", at(10), mentions=["southwindtea"])
    return Monitor(x_config(tmp_path, fake, smtp, extra=second), {"X_BEARER_TOKEN": TOKEN})


def test_refused_account_fails_alone_and_the_other_is_still_swept_and_emailed(tmp_path, fake_x, smtp):
    monitor = two_brands(tmp_path, fake_x, smtp)
    fake_x.fail_next(LOOKUP, 401, times=5)

    result = monitor("once", "--now", iso(NOW))

    assert result.exit_code == 1, result.output
    assert "northwind-x: FAILED" in result.output and "X_BEARER_TOKEN" in result.output
    assert "southwind-x: ok" in result.output
    assert fake_x.requests_to("/2/users/3001/mentions")
    emails = {message["Subject"]: message.get_body(("plain",)).get_content() for message in smtp.messages}
    findings = [body for subject, body in emails.items() if "southwind-x" in subject]
    refused = [body for subject, body in emails.items() if "northwind-x" in subject]
    assert len(emails) == 2 and len(findings) == 1 and len(refused) == 1
    assert "@anna_k" in findings[0] and "unanswered_mention" in findings[0]
    assert "X_BEARER_TOKEN" in refused[0]
    assert TOKEN not in result.output and all(TOKEN not in m.as_string() for m in smtp.messages)


def test_refused_token_reads_plainly_in_the_summary_and_the_email(tmp_path, fake_x, smtp):
    """Redaction hides the token itself, not the word after "bearer" in our own advice."""
    monitor = two_brands(tmp_path, fake_x, smtp)
    fake_x.fail_next(LOOKUP, 401, times=5)

    result = monitor("once", "--now", iso(NOW))

    said = "X refused the bearer token while looking up @northwindcoffee (HTTP 401)"
    assert said in result.output
    refused = [m for m in smtp.messages if "northwind-x" in m["Subject"]]
    assert said in refused[0].get_body(("plain",)).get_content()


# --------------------------------------------------------------------------- malformed tweets


def test_malformed_tweet_is_skipped_with_a_notice_and_the_rest_kept(fake_x):
    tweets = seed_many(fake_x, 1000, 12)
    fake_x.add_tweet("1005", BRAND_ID, "no text will be sent", at(8, day=19), omit_text=True)

    batch = connector(fake_x, page_size=5).fetch({}, NOW)

    assert ids(batch) == set(tweets) - {"1005"}
    assert len(batch.notices) == 1 and "malformed" in batch.notices[0] and "1005" in batch.notices[0]
    assert batch.cursors["tweets"] == "1011"


def test_malformed_tweet_is_a_note_in_the_sweep_not_a_failure(monitor_x, fake_x):
    fake_x.add_user("2001", "anna_k")
    fake_x.add_tweet("200", "2001", "@northwindcoffee where is my order?", at(10), mentions=[HANDLE])
    fake_x.add_tweet("201", "2001", "@northwindcoffee ???", at(10, 5), mentions=[HANDLE], omit_text=True)

    result = monitor_x("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert "note: skipped a malformed tweet in mentions (id 201)" in result.output
    assert "1 new" in result.output


# --------------------------------------------------------------------------- secrets stay out of logs


def test_bearer_token_never_reaches_a_log_handler_or_an_error(fresh_x, caplog):
    token = fresh_x.bearer_token
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="tweepy")
    seed_timeline(fresh_x)
    errors: list[Exception] = []
    fresh_x.fail_next(LOOKUP, 401)
    fresh_x.fail_next(MENTIONS, 429, headers={"x-rate-limit-reset": str(int(T0) + 3600)})
    fresh_x.fail_next(TWEETS, 503)
    for _ in range(2):
        with pytest.raises(ConnectorError) as caught:
            connector(fresh_x, token=token, max_rate_limit_wait=60).fetch({}, NOW)
        errors.append(caught.value)

    batch = connector(fresh_x, token=token).fetch({}, NOW)

    assert [type(e) for e in errors] == [AuthError, RateLimited] and ids(batch) == SEEDED
    assert "Making API request" in caplog.text and "Authorization" in caplog.text  # tweepy did log its headers
    assert token not in caplog.text
    assert all(token not in record.getMessage() for record in caplog.records)
    assert all(token not in str(e) and token not in repr(e.args) for e in errors)


# --------------------------------------------------------------------------- api_base_url routing


def test_requests_go_to_api_base_url_with_the_configured_timeout(tmp_path, fake_x, monkeypatch):
    settings = settings_with_token(tmp_path, fake_x, "env", monkeypatch)

    x = build(settings, settings.account("northwind-x"))
    batch = x.fetch({}, NOW)

    adapter = x.api.client.session.get_adapter("https://api.twitter.com/2/users/by/username/northwindcoffee")
    assert isinstance(adapter, RoutingAdapter)
    assert adapter.timeout == 5.0 and adapter.base_url == fake_x.base_url
    assert paths(fake_x) == [LOOKUP, TWEETS, MENTIONS]
    assert batch.snapshot.followers == 18420  # the answer came from the fake


# --------------------------------------------------------------------------- malformed payloads, field by field


def seed_mentions(fake: FakeXApi) -> None:
    """A brand post and three mentions by @anna_k; 202, the newest, is the one the tables below break."""
    fake.add_user("2001", "anna_k")
    fake.add_tweet("100", BRAND_ID, "Our Winter Blend is back!", at(9, day=10))
    for n, minute in ((200, 0), (201, 5), (202, 10)):
        fake.add_tweet(str(n), "2001", f"@northwindcoffee question {n}", at(10, minute), mentions=[HANDLE])


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"entities": "oops"}, "entities: Input should be a valid dictionary"),
        ({"entities": {"urls": [{"url": 5, "expanded_url": "https://shop.example"}]}}, "entities.urls.0.url"),
        ({"referenced_tweets": {"type": "replied_to", "id": "200"}}, "referenced_tweets: Input should be a valid list"),
        ({"referenced_tweets": [{"type": "replied_to", "id": 200}]}, "referenced_tweets.0.id"),
        ({"created_at": "2026-11-20T10:10:00"}, "created_at: Input should be a time with a timezone"),
        ({"created_at": "yesterday"}, "created_at: Input should be an ISO 8601 time"),
        ({"id": 202}, "id: Input should be a valid string"),
        ({"text": ABSENT}, "text: Field required"),
        ({"text": None}, "text: Input should be a valid string"),
        ({"author_id": 2001}, "author_id: Input should be a valid string"),
        ({"in_reply_to_user_id": 1001}, "in_reply_to_user_id: Input should be a valid string"),
    ],
    ids=["entities-str", "url-int", "refs-dict", "ref-id-int", "naive-time", "garbage-time", "id-int",
         "no-text", "text-null", "author-int", "reply-to-int"],
)
def test_a_malformed_tweet_is_skipped_with_a_notice_naming_it_and_the_cursor_moves_past_it(fake_x, fields, says):
    seed_mentions(fake_x)
    fake_x.serve_tweet("202", fields)

    batch = connector(fake_x).fetch({}, NOW)

    assert ids(batch) == {"100", "200", "201"}
    assert by_id(batch)["201"].author_handle == "anna_k"
    assert len(batch.notices) == 1
    assert batch.notices[0].startswith(f"skipped a malformed tweet in mentions (id 202): {says}")
    assert batch.cursors["mentions"] == "202" and batch.cursors["tweets"] == "100"  # meta newest_id, past 202


def test_a_valid_tweet_with_links_and_unknown_fields_is_read_and_its_links_expanded(fake_x):
    seed_mentions(fake_x)
    fake_x.serve_tweet("202", {"text": "@northwindcoffee see https://t.co/abc", "lang": "en", "geo": {"place_id": 1},
                               "entities": {"urls": [{"url": "https://t.co/abc", "expanded_url": "https://shop.example/w",
                                                      "start": 21, "end": 44}], "hashtags": "ignored"}})

    batch = connector(fake_x).fetch({}, NOW)

    assert by_id(batch)["202"].text == "@northwindcoffee see https://shop.example/w" and batch.notices == []


@pytest.mark.parametrize(
    ("served", "says", "handles"),
    [
        ({"includes": {"users": "oops"}}, "includes.users: Input should be a valid list", False),
        ({"includes": "oops"}, "includes: Input should be a valid dictionary", False),
        ({"data": "oops"}, "data: Input should be a valid list", None),
        ({"meta": {"newest_id": 202, "oldest_id": "200"}}, "meta.newest_id: Input should be a valid string", True),
        ({"meta": ABSENT}, None, True),
    ],
    ids=["users-str", "includes-str", "data-str", "meta-int-id", "no-meta"],
)
def test_a_malformed_page_envelope_keeps_what_can_be_read(fake_x, served, says, handles):
    """handles: the mentions keep their @username (True), lose it (False), or are unreadable (None)."""
    seed_mentions(fake_x)
    fake_x.serve_page(MENTIONS, served)

    batch = connector(fake_x).fetch({}, NOW)

    mentions = {"200", "201", "202"}
    assert ids(batch) == {"100"} | (set() if handles is None else mentions)
    if handles is not None:
        assert {by_id(batch)[i].author_handle for i in mentions} == ({"anna_k"} if handles else {None})
        assert by_id(batch)["200"].url == ("https://x.com/anna_k/status/200" if handles else "https://x.com/i/web/status/200")
    if says:
        assert len(batch.notices) == 1 and batch.notices[0].startswith(f"a page in mentions partly unreadable ({says}")
    assert by_id(batch)["100"].author_handle == HANDLE  # the other stream is untouched
    assert batch.cursors["mentions"] == "202"  # from meta, or from the page's own ids when meta is unreadable


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"id": ABSENT}, "(id ?): id: Field required"),
        ({"id": 2001}, "(id 2001): id: Input should be a valid string (got 2001)"),
        ({"username": 42}, "(id 2001): username: Input should be a valid string (got 42)"),
        ({"username": ABSENT}, "(id 2001): username: Field required"),
    ],
    ids=["no-id", "id-int", "username-int", "no-username"],
)
def test_a_malformed_included_user_is_dropped_and_their_tweets_map_without_a_username(fake_x, fields, says):
    seed_mentions(fake_x)
    fake_x.serve_user("2001", fields)

    batch = connector(fake_x).fetch({}, NOW)

    assert ids(batch) == {"100", "200", "201", "202"}
    assert all(by_id(batch)[i].author_handle is None for i in ("200", "201", "202"))
    assert by_id(batch)["202"].url == "https://x.com/i/web/status/202"
    assert batch.notices == [f"skipped a malformed included user in mentions {says}"]


METRICS = {"followers_count": 18420, "following_count": 7, "tweet_count": 1, "listed_count": 3}


@pytest.mark.parametrize(
    ("fields", "counts", "says"),
    [
        ({"public_metrics": "lots"}, (None, None, None), "public_metrics: Input should be a valid dictionary (got 'lots')"),
        ({"public_metrics": {**METRICS, "followers_count": "lots"}}, (None, 7, 1),
         "followers_count: Input should be a valid integer (got 'lots')"),
        ({"public_metrics": {**METRICS, "followers_count": -5}}, (None, 7, 1),
         "followers_count: Input should be greater than or equal to 0 (got -5)"),
        ({"public_metrics": {**METRICS, "followers_count": True}}, (None, 7, 1),
         "followers_count: Input should be a valid integer (got True)"),
        ({"public_metrics": {**METRICS, "tweet_count": 1.5}}, (18420, 7, None), "tweet_count: Input should be a valid integer (got 1.5)"),
        ({"public_metrics": {**METRICS, "followers_count": None}}, (None, 7, 1), None),  # null: unknown, not malformed
    ],
    ids=["metrics-str", "followers-lots", "followers-negative", "followers-bool", "tweets-float", "followers-null"],
)
def test_a_wrong_typed_profile_counter_is_none_in_the_snapshot_never_stored(fake_x, fields, counts, says):
    seed_mentions(fake_x)
    fake_x.serve_user(BRAND_ID, fields)

    batch = connector(fake_x).fetch({}, NOW)

    snap = batch.snapshot
    assert (snap.external_id, snap.handle) == (BRAND_ID, HANDLE)
    assert (snap.followers, snap.following, snap.posts) == counts
    raw_metrics = snap.raw.get("public_metrics")
    assert raw_metrics is None or all(v in (None, 7, 1, 3, 18420) for v in raw_metrics.values())  # the bad value is not kept
    profile_notices = [n for n in batch.notices if n.startswith("profile of")]
    assert profile_notices == ([f"profile of @{HANDLE}: {says}; the value is not stored"] if says else [])
    assert ids(batch) == {"100", "200", "201", "202"}


@pytest.mark.parametrize("fields", [{"id": ABSENT}, {"id": 1001}, {"id": "brand"}], ids=["no-id", "id-int", "id-not-digits"])
def test_a_profile_without_a_usable_id_is_still_a_permanent_error(fake_x, fields):
    fake_x.serve_user(BRAND_ID, fields)

    with pytest.raises(PermanentError) as caught:
        connector(fake_x).fetch({}, NOW)

    assert f"@{HANDLE}" in str(caught.value) and "id" in str(caught.value)


def test_more_than_ten_malformed_tweets_in_a_stream_are_summed_up_in_one_notice(fake_x):
    bad = seed_many(fake_x, 3000, 37, mentions=True)
    for tweet_id in bad:
        fake_x.serve_tweet(tweet_id, {"entities": "oops"} if int(tweet_id) % 5 == 0 else {"text": ABSENT})
    good = seed_many(fake_x, 4000, 3, mentions=True)

    batch = connector(fake_x, page_size=10).fetch({}, NOW)

    assert ids(batch) == set(good)
    assert len(batch.notices) == 1
    notice = batch.notices[0]
    assert notice.startswith("skipped 37 malformed tweets in mentions (ids 3036, 3035, 3034 and 34 more): ")
    assert "29 × text: Field required" in notice and "8 × entities: Input should be a valid dictionary" in notice
    assert batch.cursors["mentions"] == "4002"


def test_ten_malformed_tweets_get_a_notice_each(fake_x):
    bad = seed_many(fake_x, 3000, 10, mentions=True)
    for tweet_id in bad:
        fake_x.serve_tweet(tweet_id, {"text": ABSENT})

    batch = connector(fake_x).fetch({}, NOW)

    assert batch.items == []
    assert batch.notices == [f"skipped a malformed tweet in mentions (id {i}): text: Field required" for i in reversed(bad)]
    assert batch.cursors["mentions"] == "3009"


def test_a_malformed_tweet_left_on_the_timeline_does_not_fail_later_sweeps(monitor_x, fake_x):
    """It used to: entities as a string failed the sweep, the cursor stayed, and every later sweep read it again."""
    fake_x.add_user("2001", "anna_k")
    fake_x.add_tweet("200", "2001", "@northwindcoffee where is my order?", at(10), mentions=[HANDLE])
    fake_x.add_tweet("201", "2001", "@northwindcoffee ???", at(10, 5), mentions=[HANDLE])
    fake_x.add_tweet("202", "2001", "@northwindcoffee hello?", at(10, 10), mentions=[HANDLE])
    fake_x.serve_tweet("201", {"entities": "oops"})
    fake_x.serve_user(BRAND_ID, {"public_metrics": {**METRICS, "followers_count": "lots"}})

    first = monitor_x("once", "--now", iso(NOW))
    fake_x.add_tweet("203", "2001", "@northwindcoffee anyone?", at(18, 10), mentions=[HANDLE])
    fake_x.clear_requests()
    second = monitor_x("once", "--now", iso(at(18, 15)))
    since = fake_x.requests_to(MENTIONS)[0]["query"].get("since_id")
    third = monitor_x("once", "--now", iso(at(20, 30)))  # the profile (followers "lots") is read again

    for result in (first, second, third):
        assert result.exit_code == 0, result.output
        assert "northwind-x: ok" in result.output and "FAILED" not in result.output
    assert "note: skipped a malformed tweet in mentions (id 201): entities: Input should be a valid dictionary" in first.output
    assert "note: profile of @northwindcoffee: followers_count: Input should be a valid integer (got 'lots')" in first.output
    assert "2 items fetched" in first.output  # 200 and 202 (the brand's own tweets: none)
    assert since == "202" and "1 item fetched" in second.output
    assert "followers_count" in third.output and "0 items fetched" in third.output


# --------------------------------------------------------------------------- watched tweets: deletions and edits

LOOKUPS = "/2/tweets"  # GET /2/tweets?ids=: the timelines are /2/users/<id>/tweets


def looked_up(fake: FakeXApi) -> list[list[str]]:
    """The ids of each GET /2/tweets?ids= the fake was asked, in order."""
    return [request["query"]["ids"].split(",") for request in fake.requests if request["path"] == LOOKUPS]


def after_first_sweep(fake: FakeXApi) -> dict[str, str]:
    """Seed the timeline and sweep once: the cursors the next sweep starts from (it reads nothing new)."""
    seed_timeline(fake)
    cursors = connector(fake).fetch({}, NOW).cursors
    fake.clear_requests()
    return cursors


@pytest.mark.parametrize(
    ("change", "gone", "texts"),
    [
        (lambda fake: None, [], {"200": "@northwindcoffee where is my order?"}),
        (lambda fake: fake.delete_tweet("200"), ["200"], {}),
        (lambda fake: fake.edit_tweet("200", "@northwindcoffee found it, thanks"), [], {"200": "@northwindcoffee found it, thanks"}),
        (lambda fake: fake.protect_user("2001"), ["200"], {}),  # protected or suspended: no longer public
        (lambda fake: fake.edit_tweet("200", "@northwindcoffee found it", new_id="230"), ["200"], {}),  # X's edit: a new id
        (lambda fake: fake.delete_tweet("211"), ["211"], {"200": "@northwindcoffee where is my order?"}),
    ],
    ids=["unchanged", "deleted", "edited-in-place", "protected", "edited-new-version", "own-reply-deleted"],
)
def test_watched_tweets_are_looked_up_and_the_gone_ones_reported(fake_x, change, gone, texts):
    cursors = after_first_sweep(fake_x)
    change(fake_x)

    batch = connector(fake_x).fetch(cursors, NOW + timedelta(minutes=15), ["100", "200", "211"])

    assert looked_up(fake_x) == [["100", "200", "211"]]
    assert batch.deletions == gone
    items = by_id(batch)
    assert {i: items[i].text for i in texts} == texts
    expected_kinds = {"100": "post", "200": "mention", "211": "reply"}  # by author, as on the timelines
    assert {i: items[i].kind for i in ("100", "200", "211") if i in items} == {
        i: kind for i, kind in expected_kinds.items() if i not in gone}
    assert items.get("200") is None or items["200"].author_handle == "anna_k"
    assert batch.cursors["watch_checked_at"] == (NOW + timedelta(minutes=15)).isoformat()
    assert batch.requests == 3 and batch.notices == []


def test_an_unchanged_watched_tweet_comes_back_as_the_timeline_gave_it(fake_x):
    """The same fields as the timelines: the store finds nothing changed and rewrites nothing."""
    seed_timeline(fake_x)
    first = connector(fake_x).fetch({}, NOW)

    looked = connector(fake_x).fetch(first.cursors, NOW + timedelta(minutes=15), ["200", "211"])

    assert looked.items == [by_id(first)["200"], by_id(first)["211"]]


def test_without_watched_tweets_nothing_is_looked_up(fake_x):
    cursors = after_first_sweep(fake_x)

    batch = connector(fake_x).fetch(cursors, NOW + timedelta(minutes=15), [])

    assert paths(fake_x) == [TWEETS, MENTIONS] and "watch_checked_at" not in batch.cursors


@pytest.mark.parametrize(
    ("checked", "later", "interval", "looks"),
    [
        (None, timedelta(minutes=15), timedelta(hours=6), True),  # never checked
        (NOW, timedelta(hours=5, minutes=59), timedelta(hours=6), False),
        (NOW, timedelta(hours=6), timedelta(hours=6), True),
        (NOW, timedelta(minutes=30), timedelta(minutes=30), True),
        ("garbage", timedelta(minutes=15), timedelta(hours=6), True),
    ],
    ids=["never", "within-interval", "interval-passed", "short-interval", "unreadable-cursor"],
)
def test_watched_tweets_are_looked_up_at_most_once_per_deletion_check_interval(fake_x, checked, later, interval, looks):
    cursors = after_first_sweep(fake_x)
    if checked is not None:
        cursors["watch_checked_at"] = checked.isoformat() if isinstance(checked, datetime) else checked
    fake_x.delete_tweet("200")
    api = connector(fake_x).api
    x = XConnector(api, HANDLE, deletion_check_interval=interval)

    batch = x.fetch(cursors, NOW + later, ["200"])

    assert bool(looked_up(fake_x)) is looks
    assert batch.deletions == (["200"] if looks else [])
    assert ("watch_checked_at" in batch.cursors) is looks


def test_250_watched_tweets_take_three_lookups_of_at_most_100(fake_x):
    mentions = seed_many(fake_x, 5000, 250, mentions=True)
    cursors = connector(fake_x).fetch({}, NOW).cursors
    for tweet_id in ("5003", "5150", "5249"):
        fake_x.delete_tweet(tweet_id)
    fake_x.clear_requests()

    batch = connector(fake_x).fetch(cursors, NOW + timedelta(minutes=15), mentions)

    assert [len(ids) for ids in looked_up(fake_x)] == [100, 100, 50]
    assert sorted(batch.deletions) == ["5003", "5150", "5249"]
    assert len(batch.items) == 247 and batch.requests == 5  # two timelines, three lookups


def test_watched_tweets_this_sweep_read_are_not_looked_up_again(fake_x):
    seed_timeline(fake_x)

    batch = connector(fake_x).fetch({}, NOW, ["200", "211", "150", "999", "1000"])

    assert looked_up(fake_x) == [["999", "1000"]]  # 200, 211 and 150 came with the timelines
    assert sorted(batch.deletions) == ["1000", "999"]


def test_when_the_timelines_read_every_watched_tweet_there_is_no_lookup(fake_x):
    seed_timeline(fake_x)

    batch = connector(fake_x).fetch({}, NOW, ["200", "211"])

    assert looked_up(fake_x) == [] and batch.deletions == [] and "watch_checked_at" not in batch.cursors


@pytest.mark.parametrize(
    ("status", "body", "advanced", "says"),
    [
        (503, None, False, "after 4 attempt(s)"),
        (429, None, False, "rate limit"),
        (400, BAD_REQUEST, True, "since_id is not valid"),  # will not pass by itself: not retried every sweep
    ],
    ids=["503", "429", "400"],
)
def test_a_failed_lookup_is_a_notice_and_the_sweep_goes_on(fake_x, status, body, advanced, says):
    cursors = after_first_sweep(fake_x)
    fake_x.add_tweet("300", BRAND_ID, "Opening at 8 tomorrow", at(17))
    fake_x.delete_tweet("200")
    fake_x.fail_next(LOOKUPS, status, times=9, body=body, headers={"x-rate-limit-reset": str(int(T0) + 3600)})

    batch = connector(fake_x, max_rate_limit_wait=0, retry_backoff=0).fetch(cursors, NOW + timedelta(minutes=15), ["200"])

    assert ids(batch) == {"300"} and batch.cursors["tweets"] == "300"  # what is new is read all the same
    assert batch.deletions == []
    assert ("watch_checked_at" in batch.cursors) is advanced
    assert len(batch.notices) == 1 and batch.notices[0].startswith("watched tweets not checked for deletion")
    assert says in batch.notices[0]
    assert batch.notices[0].endswith("next sweep" if not advanced else "after deletion_check_interval")


def test_deletions_name_only_watched_tweets_whatever_x_answers(fake_x):
    cursors = after_first_sweep(fake_x)
    not_found = {"title": "Not Found Error", "type": "https://api.twitter.com/2/problems/resource-not-found",
                 "resource_type": "tweet", "parameter": "ids"}
    fake_x.fail_next(LOOKUPS, 200, body={
        "data": [{"id": "777", "text": "not asked for", "created_at": "2026-11-20T10:00:00.000Z", "author_id": "2001"}],
        "errors": [
            {**not_found, "value": "555", "resource_id": "555"},  # not watched
            {**not_found, "value": "100", "resource_id": "100", "section": "includes"},  # about an expansion
            {**not_found, "value": "200", "resource_id": "200", "resource_type": "user"},
            {"value": "211", "title": "Resource Unavailable", "type": "https://api.twitter.com/2/problems/other"},
            {"value": "150", "detail": "Sorry, you are not authorized to see the Tweet with ids: [150].",
             "title": "Authorization Error", "resource_type": "tweet", "section": "data", "parameter": "ids",
             "type": "https://api.twitter.com/2/problems/not-authorized-for-resource"},
        ],
    })

    batch = connector(fake_x).fetch(cursors, NOW + timedelta(minutes=15), ["100", "150", "200", "211", "not-a-tweet-id"])

    assert looked_up(fake_x) == [["100", "150", "200", "211"]]
    assert batch.deletions == ["150"] and batch.items == []


def test_a_watched_tweet_answered_by_its_newer_version_counts_as_edited_away(fake_x):
    """X's docs say a lookup gives the version asked for, and also the most recent one: either way the old id is gone."""
    cursors = after_first_sweep(fake_x)
    fake_x.fail_next(LOOKUPS, 200, body={"data": [
        {"id": "230", "text": "@northwindcoffee found it", "created_at": "2026-11-20T10:01:00.000Z", "author_id": "2001",
         "edit_history_tweet_ids": ["200", "230"]},
        {"id": "211", "text": "@lena yes, since Monday!", "created_at": "2026-11-20T11:30:00.000Z", "author_id": BRAND_ID,
         "edit_history_tweet_ids": ["211"]},
    ]})

    batch = connector(fake_x).fetch(cursors, NOW + timedelta(minutes=15), ["200", "211"])

    assert batch.deletions == ["200"] and ids(batch) == {"211"}


def test_a_malformed_watched_tweet_is_skipped_with_a_notice_never_called_gone(fake_x):
    cursors = after_first_sweep(fake_x)
    fake_x.serve_tweet("200", {"entities": "oops"})

    batch = connector(fake_x).fetch(cursors, NOW + timedelta(minutes=15), ["200"])

    assert batch.deletions == [] and batch.items == []
    assert batch.notices == ["skipped a malformed tweet in watched tweets (id 200): entities: Input should be a valid dictionary (got 'oops')"]


@pytest.mark.parametrize(("value", "ok"), [("15m", True), ("6h", True), ("30d", True), ("14m", False), ("31d", False)])
def test_deletion_check_interval_is_kept_sparing(value, ok):
    from pydantic import ValidationError

    from connectors.x import XSettings

    if ok:
        assert XSettings(deletion_check_interval=value).deletion_check_interval.total_seconds() > 0
    else:
        with pytest.raises(ValidationError, match="15m"):
            XSettings(deletion_check_interval=value)
    assert XSettings().deletion_check_interval == timedelta(hours=6)
