"""Channels a route delivers to: email (through a transport) and chat through Apprise; failures are typed."""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TextIO

from alerts.render import Digest, build_message
from alerts.transports import DeliveryError, Transport
from monitor.redact import redact, register_secret

log = logging.getLogger(__name__)


@dataclass
class Notification:
    """One alert ready to send: the rendered digest, who it is for and where it sits in a thread."""

    digest: Digest
    sender: str
    recipients: list[str]
    account: str
    date: datetime
    message_id: str
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)


class Channel(Protocol):
    """Sends one notification and returns the receiver's answer, or raises DeliveryError."""

    name: str
    records: bool

    def send(self, notification: Notification) -> str:
        """Send it; return what the receiver answered (a server reply, a file path)."""
        ...

    def size(self, digest: Digest) -> int:
        """How many bytes the digest makes on this channel (the 100 KB cap is measured here)."""
        ...


class EmailChannel:
    """Email through the configured transport (SMTP, .eml files, console)."""

    records = True

    def __init__(self, transport: Transport):
        self.transport = transport
        self.name = transport.name
        self.records = transport.records

    def message(self, notification: Notification):  # type: ignore[no-untyped-def]
        """The EmailMessage of a notification."""
        return build_message(notification.digest, notification.sender, notification.recipients, notification.date,
                             notification.account, message_id=notification.message_id,
                             in_reply_to=notification.in_reply_to, references=notification.references)

    def send(self, notification: Notification) -> str:
        """Send as a multipart/alternative email."""
        message = self.message(notification)
        answer = getattr(self.transport, "send_with_answer", None)
        return answer(message) if answer else self.transport.send(message)

    def size(self, digest: Digest) -> int:
        """The encoded message's size."""
        return len(build_message(digest, "monitor@localhost", ["to@localhost"], datetime(2000, 1, 1), "a").as_bytes())


_STATUS = re.compile(r"error=(\d{3})")


class AppriseChannel:
    """Chat (Telegram, Slack, a webhook …) through Apprise; the URLs hold tokens and are never shown."""

    name = "apprise"
    records = True
    max_chars = 4000  # Telegram's cap is 4096; Slack's is larger

    def __init__(self, urls: list[str], route: str):
        self.urls, self.route = urls, route
        for url in urls:
            register_secret(url)

    def send(self, notification: Notification) -> str:
        """Notify every URL; HTTP 429/5xx and connection errors are transient, other 4xx permanent."""
        import apprise

        client = apprise.Apprise()
        for index, url in enumerate(self.urls):
            if not client.add(url):
                raise DeliveryError(f"route {self.route}: Apprise URL #{index + 1} is not one Apprise understands; "
                                    "check the route's apprise_env / apprise value", transient=False)
        body = notification.digest.chat[: self.max_chars]
        result = client.notify(body=body, title=notification.digest.subject, body_format=apprise.NotifyFormat.TEXT)
        if result:
            return f"apprise: {len(self.urls)} service(s) accepted"
        messages = [entry.message for entry in result.logs() if entry.level in ("WARNING", "ERROR")]
        codes = [int(c) for m in messages for c in _STATUS.findall(m)]
        transient = not codes or any(c == 429 or c >= 500 for c in codes)
        detail = redact("; ".join(messages[-3:]) or "no answer")
        raise DeliveryError(f"route {self.route}: the chat service refused the message: {detail}", transient=transient)

    def size(self, digest: Digest) -> int:
        """The chat text's size."""
        return len(digest.chat.encode())


class DryRunChannel:
    """Prints what would be sent on a route and to whom; records nothing."""

    name = "dry-run"
    records = False

    def __init__(self, route: str, stream: TextIO | None = None):
        self.route, self.stream = route, stream

    def send(self, notification: Notification) -> str:
        """Print the recipients, subject and text body."""
        stream = self.stream or sys.stdout
        who = ", ".join(notification.recipients) or f"route {self.route}"
        stream.write(f"--- would send to {who} (route {self.route})\nSubject: {notification.digest.subject}\n\n")
        stream.write(notification.digest.text + "\n")
        stream.flush()
        return self.name

    def size(self, digest: Digest) -> int:
        """As an email would be."""
        return EmailChannel.size(None, digest)  # type: ignore[arg-type]
