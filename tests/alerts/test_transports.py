"""Transports against a real SMTP server (aiosmtpd), a real folder and a stream; the outbox records every attempt."""

from __future__ import annotations

import email
import email.policy
import io
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from alerts.outbox import deliver
from alerts.retry import RetryPolicy
from alerts.transports import ConsoleTransport, DeliveryError, FileTransport, SmtpTransport
from monitor.settings import load_settings
from monitor.store import open_database
from monitor import alerting
from monitor.store.models import Account, Delivery, DeliveryAttempt, Finding, Notified
from tests.fakes.smtp import SmtpServer, free_port

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


def message(subject: str = "[smm-monitor] northwind-x: 1 new finding(s) — Spamming") -> EmailMessage:
    """A small multipart/alternative alert message."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = "monitor@brand.example"
    msg["To"] = "smm@brand.example, lead@brand.example"
    msg["Date"] = format_datetime(NOW)
    msg["Message-ID"] = "<20261120180000.1234.abcdef@brand.example>"
    msg["X-SMM-Monitor-Account"] = "northwind-x"
    msg.set_content("northwind-x posted the same update again — Зимний бленд вернулся!")
    msg.add_alternative("<p>northwind-x posted the same update again</p>", subtype="html")
    return msg


def smtp_transport(port: int, security: str = "none") -> SmtpTransport:
    """An SmtpTransport to 127.0.0.1:port with a short timeout."""
    return SmtpTransport("127.0.0.1", port, security, timeout=5)


def test_smtp_delivers_a_parseable_message(smtp: SmtpServer) -> None:
    where = smtp_transport(smtp.port).send(message())
    answer = smtp_transport(smtp.port).send_with_answer(message())

    assert where == f"127.0.0.1:{smtp.port}"
    assert answer == f"127.0.0.1:{smtp.port}: 250 OK: queued"  # what `monitor test-email` prints
    assert len(smtp.messages) == 2
    received = smtp.messages[0]
    assert received["From"] == "monitor@brand.example"
    assert received["To"] == "smm@brand.example, lead@brand.example"
    assert received["Subject"] == "[smm-monitor] northwind-x: 1 new finding(s) — Spamming"
    assert "Зимний бленд вернулся!" in received.get_body(("plain",)).get_content()
    assert smtp.recorder.envelopes[0] == ("monitor@brand.example", ["smm@brand.example", "lead@brand.example"])


@pytest.mark.parametrize(
    ("reply", "transient"),
    [("451 4.3.0 Mailbox busy, try later", True), ("452 4.3.1 Insufficient storage", True),
     ("550 5.7.1 Message rejected as spam", False), ("554 5.6.0 Transaction failed", False)],
)
def test_smtp_refusals_are_typed(smtp: SmtpServer, reply: str, transient: bool) -> None:
    smtp.refuse_next(reply)

    with pytest.raises(DeliveryError) as caught:
        smtp_transport(smtp.port).send(message())

    assert caught.value.transient is transient
    code = reply.split()[0]
    assert code in str(caught.value) and f"127.0.0.1:{smtp.port}" in str(caught.value)
    assert smtp.messages == []


def test_connection_refused_is_transient() -> None:
    port = free_port()

    with pytest.raises(DeliveryError) as caught:
        smtp_transport(port).send(message())

    assert caught.value.transient is True
    assert f"127.0.0.1:{port}" in str(caught.value)


def test_starttls_required_but_not_offered_is_permanent_and_sends_nothing(smtp: SmtpServer) -> None:
    with pytest.raises(DeliveryError) as caught:
        smtp_transport(smtp.port, security="starttls").send(message())

    assert caught.value.transient is False
    assert "STARTTLS" in str(caught.value) and "security" in str(caught.value)
    assert smtp.messages == [] and smtp.recorder.envelopes == []


def test_file_transport_writes_one_readable_eml(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"

    where = FileTransport(outbox).send(message())

    files = list(outbox.iterdir())
    assert [str(f) for f in files] == [where]
    assert files[0].suffix == ".eml" and "northwind-x" in files[0].name
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "[smm-monitor] northwind-x: 1 new finding(s) — Spamming"
    assert parsed.get_content_type() == "multipart/alternative"
    assert "Зимний бленд вернулся!" in parsed.get_body(("plain",)).get_content()


def test_file_transport_into_an_unwritable_place_is_a_delivery_error(tmp_path: Path) -> None:
    blocker = tmp_path / "outbox"
    blocker.write_text("a file where the folder should be", encoding="utf-8")

    with pytest.raises(DeliveryError) as caught:
        FileTransport(blocker).send(message())

    assert str(blocker) in str(caught.value)


def test_console_transport_writes_to_the_given_stream() -> None:
    stream = io.StringIO()

    ConsoleTransport(stream).send(message())

    out = stream.getvalue()
    assert "Subject: [smm-monitor] northwind-x: 1 new finding(s) — Spamming" in out
    assert "To: smm@brand.example, lead@brand.example" in out
    assert "Зимний бленд вернулся!" in out
    assert "<p>" not in out  # the text part, not the HTML


def outbox_setup(tmp_path: Path, smtp: SmtpServer):  # type: ignore[no-untyped-def]
    """Settings emailing through smtp, a real SQLite store, and one open finding not yet emailed."""
    config = tmp_path / "monitor.toml"
    config.write_text(f"""
[database]
url = "sqlite:///monitor.db"
[email]
transport = "smtp"
from = "monitor@brand.example"
to = ["smm@brand.example"]
[email.smtp]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
[[accounts]]
name = "northwind-x"
platform = "x"
handle = "northwindcoffee"
""", encoding="utf-8")
    settings = load_settings(config)
    sessions = open_database(settings.database_url())
    with sessions() as session:
        account = Account(name="northwind-x", platform="x", handle="northwindcoffee", created_at=NOW)
        session.add(account)
        session.flush()
        session.add(Finding(
            fingerprint="f" * 64, account_id=account.id, mistake="spam", rule="repeated_update", severity="warning",
            status="open", first_seen=NOW, last_seen=NOW, summary="northwind-x posted the same update again after 8 day(s)",
            item_ids=["100", "110"], details={},
            evidence=[{"item_id": "110", "url": "https://x.com/northwindcoffee/status/110", "excerpt": "OUR WINTER BLEND IS BACK",
                       "author": "@northwindcoffee", "created_at": "2026-11-18T09:00:00+00:00"}],
        ))
        session.commit()
    return settings, sessions


def test_outbox_records_every_attempt_and_the_route_it_was_sent_on(tmp_path: Path, smtp: SmtpServer) -> None:
    """Two quick tries in the first sweep (451 both), the next sweep after the backoff sends; the log is per route."""
    settings, sessions = outbox_setup(tmp_path, smtp)
    slept: list[float] = []
    policy = RetryPolicy(attempts=2, delay=timedelta(seconds=2), backoff=timedelta(minutes=1), sleep=slept.append)
    pipeline = alerting.pipeline(settings, smtp_transport(smtp.port), policy)
    smtp.refuse_next("451 4.3.0 Mailbox busy, try later", times=2)
    later = NOW + timedelta(minutes=15)
    config = settings.accounts[0]

    with sessions() as session:
        account = session.scalars(select(Account)).one()
        info = alerting.account_info(settings, config, account)
        route = alerting.default_route(settings, config)
        first = deliver(session, info, [], route, [], pipeline, NOW, None)
        second = deliver(session, info, [], route, [], pipeline, later, None)
        third = deliver(session, info, [], route, [], pipeline, later + timedelta(minutes=15), None)

    assert [o.status for o in first + second + third] == ["retrying", "sent", "none"]
    assert len(smtp.messages) == 1 and len(slept) == 1 and 1.6 <= slept[0] <= 2.4  # one pause, with jitter
    with sessions() as session:
        delivery = session.scalars(select(Delivery)).one()
        attempts = list(session.scalars(select(DeliveryAttempt).order_by(DeliveryAttempt.id)))
        finding = session.scalars(select(Finding)).one()
        logged = session.scalars(select(Notified)).one()
    assert [(a.outcome, a.attempted_at) for a in attempts] == [("transient", NOW), ("transient", NOW), ("sent", later)]
    assert "451" in attempts[0].error and "250" in attempts[2].answer
    assert delivery.status == "sent" and delivery.sent_at == later and delivery.attempts == 3
    assert delivery.message_id == smtp.messages[0]["Message-ID"] and delivery.subject == smtp.messages[0]["Subject"]
    assert delivery.finding_ids == [finding.id] and delivery.recipients == ["smm@brand.example"] and delivery.route == "default"
    assert (logged.route, logged.finding_id, logged.first_message_id, logged.last_sent_at) == ("default", finding.id, delivery.message_id, later)


class Logins:
    """aiosmtpd authenticator that accepts one user and remembers who logged in."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        from aiosmtpd.smtp import AuthResult, LoginPassword

        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"monitor", b"s3cret-pass")
        if ok:
            self.seen.append(auth_data.login.decode())
        return AuthResult(success=ok)


@pytest.fixture
def tls_smtp():
    """A real SMTP server that requires STARTTLS (a throwaway CA's certificate) and a login."""
    import ssl

    import trustme

    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    logins = Logins()
    server = SmtpServer(tls_context=server_context, require_starttls=True, authenticator=logins, auth_required=True).start()
    yield server, client_context, logins
    server.stop()


def test_starttls_with_login_delivers(tls_smtp) -> None:
    server, trusted, logins = tls_smtp
    transport = SmtpTransport("127.0.0.1", server.port, "starttls", 5.0, "monitor", "s3cret-pass", ssl_context=trusted)

    transport.send(message())

    assert logins.seen == ["monitor"]
    assert len(server.messages) == 1 and server.messages[0]["Subject"].endswith("Spamming")


def test_an_untrusted_certificate_is_a_permanent_error(tls_smtp) -> None:
    server, _, _ = tls_smtp
    transport = SmtpTransport("127.0.0.1", server.port, "starttls", 5.0, "monitor", "s3cret-pass")

    with pytest.raises(DeliveryError) as caught:
        transport.send(message())

    assert caught.value.transient is False and "certificate" in str(caught.value)
    assert server.messages == []

