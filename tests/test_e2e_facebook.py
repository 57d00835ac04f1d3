"""End to end: a config file, the fake Graph API (and fake X API), a real SMTP server → `monitor once` → what a user sees."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import facebook
import pytest

from connectors.base import AuthError, PermanentError
from monitor.connect import build_connector as build
from connectors.http import RoutingAdapter
from monitor.settings import Settings, load_settings
from tests.conftest import BRAND_ID, FB_TOKEN, NOW, PAGE_ID, TOKEN, Monitor, at, iso
from tests.connectors.test_facebook import PAGE, USAGE_42, paths
from tests.fakes.graph_api import FakeGraphApi
from tests.fakes.smtp import SmtpServer

STOPPED = "monitoring stopped"
APP_SECRET = "app-secret-0123456789"


def fb_config(tmp_path: Path, fake: FakeGraphApi, smtp: SmtpServer | None, x_base_url: str | None = None) -> Path:
    """A config for the Page on the fake Graph API (and @northwindcoffee on a fake X API when given)."""
    email = (f'transport = "smtp"\n[email.smtp]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\ntimeout = "5s"\n'
             if smtp else '[email.file]\ndir = "outbox"\n')
    x = (f'[connectors.x]\nbearer_token_env = "X_BEARER_TOKEN"\napi_base_url = "{x_base_url}"\ntimeout = "5s"\n'
         'retry_backoff = "0s"\nmax_rate_limit_wait = "0s"\n\n[[accounts]]\nname = "northwind-x"\nplatform = "x"\n'
         'handle = "northwindcoffee"\n' if x_base_url else "")
    text = f"""[database]
url = "sqlite:///monitor.db"

[email]
from = "monitor@brand.example"
to = ["smm@brand.example"]
{email}
[connectors.facebook]
access_token_env = "FB_PAGE_TOKEN"
api_base_url = "{fake.base_url}"
timeout = "5s"
retry_backoff = "0s"

{x}
[[accounts]]
name = "northwind-fb"
platform = "facebook"
page_id = "{PAGE_ID}"

[rules.ignoring]
reply_within = "2h"
"""
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def monitor_fb(tmp_path: Path, fake_graph: FakeGraphApi, smtp: SmtpServer) -> Monitor:
    """The CLI on a config that watches the fake Page and emails through the SMTP fixture."""
    return Monitor(fb_config(tmp_path, fake_graph, smtp), {"FB_PAGE_TOKEN": FB_TOKEN})


def seed(fake: FakeGraphApi) -> None:
    """A comment with markup left unanswered, an answered one, and a Messenger question left waiting."""
    fake.add_post(PAGE_ID, "2002_5001", "Our Winter Blend is back!", at(9, day=18))
    fake.add_comment("2002_5001", "5001_7001", "42", "Anna K", "where is my order? <script>alert(1)</script>", at(10))
    fake.add_comment("2002_5001", "5001_7003", "43", "Lena", "do you have decaf?", at(11))
    fake.add_comment("2002_5001", "5001_7004", PAGE_ID, "Northwind Coffee", "Lena, yes!", at(11, 30), parent_id="5001_7003")
    fake.add_conversation(PAGE_ID, "t_1", [
        {"id": "m_1", "from_id": "44", "from_name": "Ivan", "message": "is the cafe open on Sunday?", "created": at(9)},
    ])


def texts(smtp: SmtpServer) -> list[tuple[str, str, str]]:
    """(subject, plain text, html) of every received message."""
    out = []
    for message in smtp.messages:
        html = message.get_body(("html",))
        out.append((message["Subject"], message.get_body(("plain",)).get_content(), html.get_content() if html else ""))
    return out


def test_unanswered_comment_and_message_are_emailed_with_links_and_escaped_markup(monitor_fb, fake_graph, smtp):
    seed(fake_graph)

    result = monitor_fb("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert "northwind-fb: ok" in result.output and "2 new, 0 resolved" in result.output
    [(subject, text, html)] = texts(smtp)
    assert "northwind-fb" in subject and "\n" not in subject
    assert "Anna K" in text and "where is my order?" in text and "unanswered_comment" in text
    assert "https://www.facebook.com/2002/posts/5001?comment_id=7001" in text
    assert 'href="https://www.facebook.com/2002/posts/5001?comment_id=7001"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "Ivan" in text and "unanswered_message" in text and "selected_item_id=t_1" in text
    assert "Lena" not in text  # the Page answered her
    assert FB_TOKEN not in result.output and FB_TOKEN not in smtp.messages[0].as_string()

    again = monitor_fb("once", "--now", iso(NOW + timedelta(minutes=15)))
    assert again.exit_code == 0 and "email: none" in again.output and len(smtp.messages) == 1


def test_answering_on_the_page_resolves_the_findings(monitor_fb, fake_graph, smtp):
    seed(fake_graph)
    monitor_fb("once", "--now", iso(NOW))
    fake_graph.add_comment("2002_5001", "5001_7009", PAGE_ID, "Northwind Coffee", "Anna, it ships today", at(18, 5),
                           parent_id="5001_7001")
    fake_graph.add_conversation(PAGE_ID, "t_1", [
        {"id": "m_1", "from_id": "44", "from_name": "Ivan", "message": "is the cafe open on Sunday?", "created": at(9)},
        {"id": "m_2", "from_id": PAGE_ID, "from_name": "Northwind Coffee", "message": "yes, 9 to 5", "created": at(18, 6)},
    ])

    result = monitor_fb("once", "--now", iso(at(18, 15)))

    assert "0 new, 2 resolved, 0 open" in result.output
    rows = json.loads(monitor_fb("findings", "--format", "json", "--status", "all").output)
    assert {(r["rule"], r["status"], tuple(r["item_ids"])) for r in rows} == {
        ("unanswered_comment", "resolved", ("5001_7001",)), ("unanswered_message", "resolved", ("m_1",)),
    }


def test_without_messaging_permission_one_notice_and_comments_still_alerted(monitor_fb, fake_graph, smtp):
    seed(fake_graph)
    fake_graph.messaging_permission = False

    result = monitor_fb("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert result.output.count("note: Messenger conversations are not readable") == 1
    assert "pages_messaging" in result.output
    [(_, text, _)] = texts(smtp)
    assert "unanswered_comment" in text and "unanswered_message" not in text


def test_expired_token_emails_monitoring_stopped_once_until_it_works_again(tmp_path, fake_graph, fake_x, smtp):
    fake_x.add_user("2001", "anna_k")
    fake_x.add_tweet("200", "2001", "@northwindcoffee where is my order?", at(10), mentions=["northwindcoffee"])
    monitor = Monitor(fb_config(tmp_path, fake_graph, smtp, x_base_url=fake_x.base_url),
                      {"FB_PAGE_TOKEN": FB_TOKEN, "X_BEARER_TOKEN": TOKEN})

    def sweep(minutes: int, expired: bool) -> str:
        if expired:
            fake_graph.graph_error(f"/{PAGE_ID}", 190)
        result = monitor("once", "--now", iso(NOW + timedelta(minutes=minutes)))
        assert result.exit_code == (1 if expired else 0), result.output
        assert "northwind-x: ok" in result.output  # the other account goes on
        return result.output

    first = sweep(0, expired=True)
    sweep(15, expired=True)
    stopped = [s for s, _, _ in texts(smtp) if STOPPED in s]
    sweep(30, expired=False)
    sweep(45, expired=True)

    assert "northwind-fb: FAILED — Facebook refused the Page access token" in first and "FB_PAGE_TOKEN" in first
    assert len(stopped) == 1 and "northwind-fb" in stopped[0]
    emails = texts(smtp)
    assert len([s for s, _, _ in emails if STOPPED in s]) == 2
    assert all("FB_PAGE_TOKEN" in text for s, text, _ in emails if STOPPED in s)
    assert len([s for s, _, _ in emails if "northwind-x" in s]) == 1  # the mention, once


@pytest.mark.parametrize(("code", "headers", "until"), [(4, {}, 15), (613, {}, 15), (17, {"X-Business-Use-Case-Usage": USAGE_42}, 42)])
def test_rate_limit_defers_the_next_sweep_without_a_request(monitor_fb, fake_graph, smtp, code, headers, until):
    seed(fake_graph)
    fake_graph.graph_error("/posts", code, headers=headers)

    limited = monitor_fb("once", "--now", iso(NOW))
    fake_graph.clear_requests()
    deferred = monitor_fb("once", "--now", iso(NOW + timedelta(minutes=until - 1)))
    requests_while_deferred = list(fake_graph.requests)
    resumed = monitor_fb("once", "--now", iso(NOW + timedelta(minutes=until)))

    assert limited.exit_code == 1 and f"Facebook rate limit (code {code}) while reading posts" in limited.output
    assert f"retrying after 2026-11-20 18:{until} UTC" in limited.output
    assert "northwind-fb: deferred (rate limited)" in deferred.output and requests_while_deferred == []
    assert resumed.exit_code == 0 and "northwind-fb: ok" in resumed.output and fake_graph.requests
    assert len(smtp.messages) == 1 and "unanswered_comment" in texts(smtp)[0][1]


def test_unknown_field_fails_the_account_with_a_message_naming_it(monitor_fb, fake_graph, smtp):
    fake_graph.graph_error("/posts", 100, message="(#100) Tried accessing nonexisting field (permalink_url) on node type (Post)")

    result = monitor_fb("once", "--now", iso(NOW))

    assert result.exit_code == 1
    assert "Facebook has no field 'permalink_url' on a Post in Graph API v25.0" in result.output
    assert "graph_version" in result.output and smtp.messages == []  # not a credentials failure


def test_cross_posting_to_x_and_facebook_is_not_a_repeat_but_a_repeat_on_the_page_is(tmp_path, fake_graph, fake_x, smtp):
    news = "Our Winter Blend is back! Dark chocolate and cherry notes, in every cafe from Monday."
    fake_x.add_tweet("100", BRAND_ID, news, at(9, day=18))
    fake_graph.add_post(PAGE_ID, "2002_5001", news, at(9, 5, day=18))
    fake_graph.add_post(PAGE_ID, "2002_5002", "Opening at 8 tomorrow, see you for breakfast!", at(9, day=19))
    fake_graph.add_post(PAGE_ID, "2002_5003", news.upper(), at(12, day=20))
    monitor = Monitor(fb_config(tmp_path, fake_graph, smtp, x_base_url=fake_x.base_url),
                      {"FB_PAGE_TOKEN": FB_TOKEN, "X_BEARER_TOKEN": TOKEN})

    result = monitor("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    rows = json.loads(monitor("findings", "--format", "json").output)
    assert [(r["account"], r["rule"], r["item_ids"]) for r in rows] == [
        ("northwind-fb", "repeated_update", ["2002_5001", "2002_5003"])  # the original is the Page's, not the tweet
    ]
    [(subject, text, _)] = texts(smtp)
    assert "northwind-fb" in subject and "https://www.facebook.com/2002/posts/5003" in text


# --------------------------------------------------------------------------- config: token, app secret, version, base URL


@pytest.mark.parametrize(("source", "names"), [("env", "the environment variable FB_PAGE_TOKEN"), ("file", "fb_token.txt")])
def test_token_comes_from_env_or_file_and_a_refusal_names_it(tmp_path, fake_graph, monkeypatch, source, names):
    path = fb_config(tmp_path, fake_graph, None)
    if source == "file":
        (tmp_path / "fb_token.txt").write_text(FB_TOKEN + "\n", encoding="utf-8")
        path.write_text(path.read_text().replace('access_token_env = "FB_PAGE_TOKEN"', 'access_token_file = "fb_token.txt"'))
    else:
        monkeypatch.setenv("FB_PAGE_TOKEN", FB_TOKEN)
    settings = load_settings(path)
    fb = build(settings, settings.account("northwind-fb"))
    assert fb.fetch({}, NOW).snapshot.followers == 5120
    fake_graph.graph_error(PAGE, 190)

    with pytest.raises(AuthError) as caught:
        fb.fetch({}, NOW)

    assert names in str(caught.value) and FB_TOKEN not in str(caught.value)


def fb_settings(tmp_path: Path, fake: FakeGraphApi, monkeypatch: pytest.MonkeyPatch, *lines: str) -> Settings:
    """Settings for the Page on the fake with more [connectors.facebook] lines, FB_PAGE_TOKEN set."""
    path = fb_config(tmp_path, fake, None)
    path.write_text(path.read_text().replace("[connectors.facebook]", "\n".join(["[connectors.facebook]", *lines])))
    monkeypatch.setenv("FB_PAGE_TOKEN", FB_TOKEN)
    return load_settings(path)


@pytest.fixture
def fake_graph_with_secret() -> Iterator[FakeGraphApi]:
    """A fake Graph API that demands appsecret_proof for APP_SECRET."""
    with FakeGraphApi(access_token=FB_TOKEN, app_secret=APP_SECRET) as fake:
        fake.add_page(PAGE_ID, "Northwind Coffee")
        yield fake


def test_appsecret_proof_is_sent_when_an_app_secret_is_configured(tmp_path, fake_graph_with_secret, monkeypatch):
    monkeypatch.setenv("FB_APP_SECRET", APP_SECRET)
    settings = fb_settings(tmp_path, fake_graph_with_secret, monkeypatch, 'app_secret_env = "FB_APP_SECRET"')

    batch = build(settings, settings.account("northwind-fb")).fetch({}, NOW)

    proof = hmac.new(APP_SECRET.encode(), FB_TOKEN.encode(), hashlib.sha256).hexdigest()
    assert batch.snapshot.external_id == PAGE_ID
    assert [r["query"].get("appsecret_proof") for r in fake_graph_with_secret.requests] == [proof] * 3


@pytest.mark.parametrize("secret", [None, "another-app-secret"], ids=["not-configured", "wrong"])
def test_a_refused_appsecret_proof_says_to_check_the_app_secret(tmp_path, fake_graph_with_secret, monkeypatch, secret):
    lines = []
    if secret:
        monkeypatch.setenv("FB_APP_SECRET", secret)
        lines.append('app_secret_env = "FB_APP_SECRET"')
    settings = fb_settings(tmp_path, fake_graph_with_secret, monkeypatch, *lines)

    with pytest.raises(PermanentError) as caught:
        build(settings, settings.account("northwind-fb")).fetch({}, NOW)

    assert "Facebook refused the appsecret_proof while reading the Page (code 100): check the app secret" in str(caught.value)


def test_requests_go_to_api_base_url_with_the_graph_version_and_timeout(tmp_path, fake_graph, monkeypatch):
    settings = fb_settings(tmp_path, fake_graph, monkeypatch, 'graph_version = "v19.0"')
    with pytest.raises(facebook.GraphAPIError):
        facebook.GraphAPI(FB_TOKEN, version="19.0")  # why the version is set after construction

    fb = build(settings, settings.account("northwind-fb"))
    fb.fetch({}, NOW)

    adapter = fb.api.graph.session.get_adapter("https://graph.facebook.com/v19.0/2002")
    assert isinstance(adapter, RoutingAdapter) and adapter.timeout == 5.0 and adapter.base_url == fake_graph.base_url
    assert paths(fake_graph) == ["/v19.0/2002", "/v19.0/2002/posts", "/v19.0/2002/conversations"]


def test_high_usage_pauses_the_next_sweeps_until_access_is_regained(monitor_fb, fake_graph, smtp):
    seed(fake_graph)
    fake_graph.usage_headers = {"X-Business-Use-Case-Usage": USAGE_42}

    first = monitor_fb("once", "--now", iso(NOW))
    fake_graph.clear_requests()
    paused = monitor_fb("once", "--now", iso(NOW + timedelta(minutes=30)))

    assert first.exit_code == 0 and "pausing this account until 2026-11-20 18:42 UTC" in first.output
    assert "northwind-fb: deferred" in paused.output and fake_graph.requests == []
    assert len(smtp.messages) == 1  # the findings of the sweep that did run were still sent


def test_an_edited_post_is_rewritten_and_counted_and_its_finding_resolves(monitor_fb, fake_graph, smtp):
    """Posts in the comment window are re-read each sweep; only what changed is rewritten, and edits count."""
    fake_graph.add_post(PAGE_ID, "2002_5002", "Questions? Call our manager Olga on +7 916 123-45-67", at(9))
    first = monitor_fb("once", "--now", iso(NOW))
    assert "personal_data" in texts(smtp)[0][1], first.output

    quiet = monitor_fb("once", "--now", iso(NOW + timedelta(minutes=15)))
    fake_graph.add_post(PAGE_ID, "2002_5002", "Questions? Write to us in Messenger", at(9))
    edited = monitor_fb("once", "--now", iso(NOW + timedelta(minutes=30)))

    assert "1 item fetched, 0 new;" in quiet.output
    assert "1 item fetched, 0 new, 1 changed;" in edited.output and "1 resolved" in edited.output
