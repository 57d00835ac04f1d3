"""SMTP faults from issue 12's table, against a real aiosmtpd server: what was accepted is sent once, what was
refused is retried (and only to whom it was refused), and `monitor once` exits 1 while an email is undelivered."""

from __future__ import annotations

import json

import pytest

from alerts.transports import SmtpTransport
from tests.alerts.test_transports import message
from tests.conftest import NOW, at, iso
from tests.test_e2e_x import seed

TEAM = 'to = ["smm@brand.example", "lead@brand.example"]'


def two_recipients(monitor_x) -> None:  # type: ignore[no-untyped-def]
    """The config's [email] sends to two people."""
    text = monitor_x.config.read_text(encoding="utf-8").replace('to = ["smm@brand.example"]', TEAM, 1)
    monitor_x.config.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("reply", ["421 4.4.2 Closing connection", "554 5.3.0 Transaction failed"])
def test_a_refused_quit_after_an_accepted_message_is_a_sent_message(smtp, reply: str) -> None:
    smtp.refuse_quit(reply)

    answer = SmtpTransport("127.0.0.1", smtp.port, "none", timeout=5).send_with_answer(message())

    assert "250" in answer
    assert len(smtp.messages) == 1


def test_a_refused_quit_is_not_sent_again_by_the_next_sweep(monitor_x, fake_x, smtp) -> None:
    seed(fake_x)
    smtp.refuse_quit("421 4.4.2 Closing connection")

    first = monitor_x("once", "--now", iso(NOW))
    second = monitor_x("once", "--now", iso(at(18, 15)))

    assert first.exit_code == 0, first.output
    assert "email: sent" in first.output and "email: none" in second.output, second.output
    assert len(smtp.messages) == 1


def test_one_recipient_refused_451_is_retried_to_that_recipient_only(monitor_x, fake_x, smtp) -> None:
    two_recipients(monitor_x)
    seed(fake_x)
    smtp.refuse_recipient("lead@brand.example", "451 4.2.1 Mailbox temporarily unavailable")

    first = monitor_x("once", "--now", iso(NOW))

    assert first.exit_code == 1, first.output
    assert "lead@brand.example" in first.output and "451" in first.output
    assert [rcpts for _, rcpts in smtp.recorder.envelopes] == [["smm@brand.example"]]
    status = json.loads(monitor_x("status", "--json").output)
    assert status["outbox"]["retrying"] == 1

    smtp.refuse_recipient("lead@brand.example", None)
    second = monitor_x("once", "--now", iso(at(18, 15)))
    third = monitor_x("once", "--now", iso(at(18, 30)))

    assert second.exit_code == 0 and "email: sent" in second.output, second.output
    assert [rcpts for _, rcpts in smtp.recorder.envelopes] == [["smm@brand.example"], ["lead@brand.example"]]
    assert third.exit_code == 0 and "email: none" in third.output, third.output
    assert json.loads(monitor_x("status", "--json").output)["outbox"]["retrying"] == 0


def test_one_recipient_refused_550_is_a_dead_letter_for_that_recipient(monitor_x, fake_x, smtp) -> None:
    two_recipients(monitor_x)
    seed(fake_x)
    smtp.refuse_recipient("lead@brand.example", "550 5.1.1 No such user")

    first = monitor_x("once", "--now", iso(NOW))
    second = monitor_x("once", "--now", iso(at(18, 15)))

    assert first.exit_code == 1 and "lead@brand.example" in first.output and "550" in first.output, first.output
    digests = [m for m in smtp.messages if "northwind-x" in m["Subject"] and "not delivered" not in m["Subject"].lower()]
    assert [rcpts for _, rcpts in smtp.recorder.envelopes][0] == ["smm@brand.example"]
    assert len(digests) >= 1 and "email: none" in second.output, second.output


@pytest.mark.parametrize("reply", ["451 4.3.0 Try again later", "550 5.7.1 Rejected"])
def test_monitor_once_exits_1_when_an_email_is_not_delivered(monitor_x, fake_x, smtp, reply: str) -> None:
    seed(fake_x)
    smtp.refuse_all(reply)

    result = monitor_x("once", "--now", iso(NOW))

    assert result.exit_code == 1, result.output
    assert "northwind-x" in result.stderr and reply.split()[0] in result.stderr
    assert "email" in result.stderr and "not delivered" in result.stderr


def test_monitor_once_exits_1_when_the_smtp_server_is_down(monitor_x, fake_x, smtp) -> None:
    seed(fake_x)
    smtp.stop()

    result = monitor_x("once", "--now", iso(NOW))

    assert result.exit_code == 1, result.output
    assert "not delivered" in result.stderr
