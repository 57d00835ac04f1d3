"""Chat routes through Apprise to a local webhook server: the same pipeline, retries and dead letters as email."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from alerts.channels import AppriseChannel, Notification
from alerts.render import Digest
from alerts.transports import DeliveryError
from tests.alerts.test_timeline import Timeline
from tests.conftest import iso
from tests.fakes.smtp import SmtpServer, free_port
from tests.fakes.webhook import WebhookServer

T0 = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
HOOK_SECRET = "hook-secret-0123456789"


@pytest.fixture
def webhook() -> Iterator[WebhookServer]:
    server = WebhookServer().start()
    yield server
    server.stop()


def notification() -> Notification:
    digest = Digest(subject="[smm-monitor] brand: 1 new finding", text="t", html="<p>t</p>", chat="• [CRITICAL] an insult")
    return Notification(digest, "monitor@brand.example", [], "brand", T0, "<1@brand.example>")


@pytest.mark.parametrize(("status", "transient"), [(500, True), (503, True), (429, True), (400, False), (404, False), (401, False)])
def test_webhook_answers_are_typed(webhook: WebhookServer, status: int, transient: bool) -> None:
    webhook.status = status

    with pytest.raises(DeliveryError) as caught:
        AppriseChannel([webhook.url], "team-chat").send(notification())

    assert caught.value.transient is transient and "team-chat" in str(caught.value)


def test_an_unreachable_webhook_is_transient_and_a_bad_url_permanent() -> None:
    with pytest.raises(DeliveryError) as unreachable:
        AppriseChannel([f"json://127.0.0.1:{free_port()}/hook"], "team-chat").send(notification())
    with pytest.raises(DeliveryError) as bad:
        AppriseChannel([f"nosuchservice://{HOOK_SECRET}"], "team-chat").send(notification())

    assert unreachable.value.transient is True
    assert bad.value.transient is False and HOOK_SECRET not in str(bad.value)


def test_critical_findings_go_to_chat_the_rest_by_email_and_a_failing_chat_blocks_nothing(
        tmp_path: Path, smtp: SmtpServer, webhook: WebhookServer) -> None:
    timeline = Timeline(tmp_path, smtp)
    config = timeline.monitor.config
    config.write_text(config.read_text() + '\n[[routes]]\nname = "team-chat"\nseverities = ["critical"]\napprise_env = "SMM_CHAT_URL"\n')
    timeline.monitor.env = {"SMM_CHAT_URL": f"{webhook.url}?token={HOOK_SECRET}"}
    webhook.status = 503

    out = timeline.sweep(T0)

    assert "sent (1 finding); retrying (1 finding) via team-chat" in out or \
           "retrying (1 finding) via team-chat; sent (1 finding)" in out
    assert HOOK_SECRET not in out
    assert "error: brand: email not delivered (retrying (route team-chat)" in out  # and so `once` exited 1
    [email] = smtp.messages  # the mention went out by email although the chat route failed
    assert "where is my order?" in email.get_body(("plain",)).get_content() and "you idiot" not in email.as_string()
    assert webhook.received == []

    webhook.status = 200
    again = timeline.sweep(T0 + timedelta(minutes=5))

    assert "sent (1 finding) via team-chat" in again
    [posted] = webhook.received
    assert posted["title"] == "[smm-monitor] brand: 1 new finding — Vulgar, nasty or confrontational"
    assert "[CRITICAL]" in posted["message"] and "you idiot" in posted["message"]
    history = json.loads(timeline.monitor("findings show", str(timeline.finding("insult")["id"]), "--json").output)
    assert [r["route"] for r in history["routes"]] == ["team-chat"]
    assert [a["outcome"] for a in history["deliveries"][0]["attempts"]] == ["transient"] * 3 + ["sent"]
    assert "email: none" in timeline.sweep(T0 + timedelta(minutes=10))


def test_a_chat_route_whose_secret_is_missing_is_a_configuration_error(tmp_path: Path, smtp: SmtpServer) -> None:
    timeline = Timeline(tmp_path, smtp)
    config = timeline.monitor.config
    config.write_text(config.read_text() + '\n[[routes]]\nname = "team-chat"\napprise_env = "SMM_CHAT_URL"\n')

    result = timeline.monitor("once", "--now", iso(T0))

    assert result.exit_code == 2 and "SMM_CHAT_URL" in result.output and "routes[0]" in result.output
    assert smtp.messages == []
