"""Rendering the digest: escaped HTML, safe links, single-line subjects, both languages, both parts."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from alerts.render import build_message, clean_header, render_digest
from monitor.store.models import Account, Finding

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parents[2]


def account(name: str = "northwind-x") -> Account:
    """An (unsaved) watched X account."""
    return Account(name=name, platform="x", handle="northwindcoffee")


def mention_finding(text: str = "@northwindcoffee where is my order?", author: str = "@anna_k",
                    url: str | None = "https://x.com/anna_k/status/200") -> Finding:
    """An unanswered-mention finding with one piece of evidence taken from a post, as reconciliation stores it."""
    from monitor.detectors.registry import registry

    declared = registry().get("ignoring", "unanswered_mention")
    return Finding(
        mistake="ignoring", rule="unanswered_mention", severity="warning",
        summary=f"{author} wrote to @northwindcoffee 8h ago and has had no reply",
        details={"summary": {"en": f"{author} wrote to @northwindcoffee 8h ago and has had no reply",
                             "ru": f"Сообщение {author} для @northwindcoffee ждёт ответа уже 8 ч"},
                 "why": declared.why, "todo": declared.todo},
        item_ids=["200"],
        evidence=[{"item_id": "200", "url": url, "excerpt": text, "author": author, "created_at": "2026-11-20T10:00:00+00:00"}],
    )


class Tags(HTMLParser):
    """Collects every start tag and its attributes, as a mail client would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """The start tags of an HTML document."""
    parser = Tags()
    parser.feed(html)
    return parser.tags


MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (f"@northwindcoffee {MARKUP}", "@anna_k"),
        ("@northwindcoffee hello", f"@evil{MARKUP}"),
        ('@northwindcoffee "><a href="javascript:alert(3)">click</a>', '@x"><b>bold</b>'),
    ],
    ids=["excerpt", "author", "attribute-breakout"],
)
def test_html_escapes_markup_from_posts(text: str, author: str) -> None:
    digest = render_digest(account(), [mention_finding(text, author)], "en", "[smm-monitor]", NOW)

    tags = {tag for tag, _ in tags_of(digest.html)}
    assert not tags & {"script", "img", "b"}
    assert all(not name.startswith("on") for _, attrs in tags_of(digest.html) for name in attrs)
    assert "&lt;" in digest.html  # shown as text, not dropped
    assert "<" in digest.text  # the plain-text part shows the post as written


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
     "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "https://x.com/a b"],
)
def test_unsafe_urls_never_become_links(url: str) -> None:
    digest = render_digest(account(), [mention_finding(url=url)], "en", "[smm-monitor]", NOW)

    hrefs = [attrs.get("href") for tag, attrs in tags_of(digest.html) if tag == "a"]
    assert hrefs == []
    assert "script:" not in digest.text and "data:" not in digest.text


def test_http_urls_become_links_with_quotes_escaped() -> None:
    url = 'https://x.com/anna_k/status/200?q="onmouseover=alert(1)'
    digest = render_digest(account(), [mention_finding(url=url)], "en", "[smm-monitor]", NOW)

    links = [attrs for tag, attrs in tags_of(digest.html) if tag == "a"]
    assert [a["href"] for a in links] == [url]  # the quote stayed inside the attribute
    assert all(set(a) <= {"href", "class", "style"} for a in links)  # nothing from the post became an attribute


def test_long_posts_are_capped() -> None:
    digest = render_digest(account(), [mention_finding("word " * 2000)], "en", "[smm-monitor]", NOW)

    assert digest.text.count("word") < 100 and "…" in digest.text


@pytest.mark.parametrize(
    "value",
    ["[smm-monitor]\r\nBcc: x@y", "a\rb", "a\nb", "a\x00b", "a\x1b[31mb", "a\u2028b", "a\u2029b", "a\x85b", "a\u200bb", "a\tb"],
    ids=["crlf-bcc", "cr", "lf", "nul", "escape", "line-sep", "para-sep", "nel", "zero-width", "tab"],
)
def test_clean_header_is_one_printable_line(value: str) -> None:
    cleaned = clean_header(value)

    assert cleaned.isprintable()
    assert "\r" not in cleaned and "\n" not in cleaned


def test_clean_header_caps_the_length() -> None:
    assert len(clean_header("x" * 1000)) <= 200


def test_subject_with_injected_headers_stays_one_header() -> None:
    prefix = "[smm-monitor]\r\nBcc: x@y"
    findings = [mention_finding()]
    digest = render_digest(account("north\r\nCc: z@w"), findings, "en", prefix, NOW)
    message = build_message(digest, "monitor@brand.example", ["smm@brand.example"], NOW, "north\r\nCc: z@w")

    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)

    assert digest.subject.isprintable()
    assert parsed["Bcc"] is None and parsed["Cc"] is None
    assert parsed["To"] == "smm@brand.example"
    assert parsed["Subject"].startswith("[smm-monitor]") and "new finding" in parsed["Subject"]


def test_russian_digest_uses_russian_labels() -> None:
    digest = render_digest(account(), [mention_finding()], "ru", "[smm-monitor]", NOW)

    for part in (digest.text, digest.html):
        assert "Игнорирование аудитории" in part
        assert "Почему это важно" in part and "Что сделать" in part
        assert "ждёт ответа уже 8 ч" in part  # the finding's Russian summary
        assert "Why it matters" not in part
    assert "1 новое замечание" in digest.subject  # Russian plural forms from the catalog: one, few, many
    assert 'lang="ru"' in digest.html
    many = [mention_finding(url=f"https://x.com/a/status/{n}") for n in range(5)]
    for n, finding in enumerate(many):
        finding.id = n + 1
    assert "2 новых замечания" in render_digest(account(), many[:2], "ru", "[smm-monitor]", NOW).subject
    assert "5 новых замечаний" in render_digest(account(), many, "ru", "[smm-monitor]", NOW).subject
    assert "Открыть в X" in digest.text and "(а)" not in digest.subject


def test_message_is_multipart_alternative_with_text_then_html() -> None:
    digest = render_digest(account(), [mention_finding()], "en", "[smm-monitor]", NOW)
    message = build_message(digest, "monitor@brand.example", ["smm@brand.example", "lead@brand.example"], NOW, "northwind-x")

    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)

    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert "where is my order?" in parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert '<a class="sm-link" href="https://x.com/anna_k/status/200"' in html and "Open on X</a>" in html
    assert parsed["From"] == "monitor@brand.example"
    assert parsed["To"] == "smm@brand.example, lead@brand.example"
    assert parsed["Message-ID"].endswith("@brand.example>")


def test_why_and_what_to_do_travel_with_the_finding_into_a_fresh_process() -> None:
    """A digest retried after a failed fetch is rendered from what the stored finding carries, no rule consulted."""
    script = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from tests.alerts.test_render import account, mention_finding, NOW
from alerts.render import render_digest
print(render_digest(account(), [mention_finding()], "en", "[smm-monitor]", NOW).text)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO)

    assert result.returncode == 0, result.stderr
    why = next(line for line in result.stdout.splitlines() if "Why it matters:" in line)
    todo = next(line for line in result.stdout.splitlines() if "What to do:" in line)
    assert why.split("Why it matters:")[1].strip(), "the email explains nothing about why it matters"
    assert todo.split("What to do:")[1].strip()


def test_a_finding_the_templates_cannot_show_is_dead_lettered_at_once_with_an_admin_notice(tmp_path):
    """A render failure is permanent: one attempt on record, never retried, the admin told (issue 9: was "stays pending")."""
    from sqlalchemy import select

    from alerts.outbox import deliver
    from alerts.transports import FileTransport
    from monitor import alerting
    from monitor.settings import load_settings
    from monitor.store import open_database
    from monitor.store.models import Delivery, DeliveryAttempt, Notified
    from monitor.store.repo import ensure_account

    config = tmp_path / "monitor.toml"
    config.write_text('[email]\ntransport = "file"\nto = ["smm@brand.example"]\nadmin = ["ops@brand.example"]\n'
                      '[[accounts]]\nname = "northwind-x"\nplatform = "x"\nhandle = "n"\n')
    settings = load_settings(config)
    sessions = open_database(settings.database_url())
    outbox = tmp_path / "outbox"
    with sessions() as session:
        stored = ensure_account(session, "northwind-x", "x", "n", NOW)
        finding = mention_finding()
        # A severity the templates have no badge for (say, written by a newer version) breaks rendering.
        finding.severity, finding.account_id, finding.fingerprint = "urgent", stored.id, "f" * 64
        finding.status, finding.first_seen, finding.last_seen = "open", NOW, NOW
        session.add(finding)
        session.commit()
        config_account = settings.accounts[0]
        info = alerting.account_info(settings, config_account, stored)
        pipeline = alerting.pipeline(settings, FileTransport(outbox))

        outcomes = deliver(session, info, [], alerting.default_route(settings, config_account), [], pipeline, NOW, None)
        later = deliver(session, info, [], alerting.default_route(settings, config_account), [], pipeline,
                        NOW + timedelta(hours=1), None)

        assert [o.status for o in outcomes] == ["dead"] and "urgent" in outcomes[0].detail
        assert [o.status for o in later] == ["none"]  # never retried
        digest = session.scalars(select(Delivery).where(Delivery.kind == "digest")).one()
        assert digest.status == "dead" and "urgent" in digest.error
        assert [a.outcome for a in session.scalars(select(DeliveryAttempt).where(DeliveryAttempt.delivery_id == digest.id))] == ["permanent"]
        assert session.scalars(select(Notified)).one().outcome == "dead"
    [notice] = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in outbox.glob("*.eml")]
    assert notice["To"] == "ops@brand.example" and "could not be delivered" in notice["Subject"]
    assert "urgent" in notice.get_body(("plain",)).get_content()
