"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives and can refuse on demand."""

from __future__ import annotations

import email
import email.policy
import logging
import socket
import threading
from email.message import EmailMessage

from aiosmtpd.controller import Controller

# The fake server's own log (a refused STARTTLS handshake, a dropped client) is not the monitor's output: tests that run
# the CLI in-process read that output, so the server's records stay out of the root logger's handlers.
logging.getLogger("mail.log").propagate = False


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """aiosmtpd handler: stores parsed messages; answers with queued error replies first."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.replies: list[str] = []
        self.always: str | None = None  # answer every message with this until cleared (an outage)
        self.quit_reply: str | None = None  # answer QUIT with this instead of 221 (after accepting the message)
        self.rcpt_replies: dict[str, str] = {}  # recipient -> the reply refusing it
        self.lock = threading.Lock()
        self.hold: tuple[threading.Event, threading.Event] | None = None  # (arrived, released)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        with self.lock:
            refusal = self.rcpt_replies.get(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):  # type: ignore[no-untyped-def]
        return self.quit_reply or "221 Bye"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.hold is not None:
            import asyncio

            arrived, released = self.hold
            self.hold = None
            arrived.set()
            await asyncio.get_running_loop().run_in_executor(None, released.wait, 60)
            return "421 4.3.0 Connection lost"  # the sender is gone: nothing was delivered
        with self.lock:
            if self.replies:
                return self.replies.pop(0)
            if self.always:
                return self.always
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK: queued"


class SmtpServer:
    """A started aiosmtpd Controller with a Recorder."""

    def __init__(self, **server_options: object) -> None:
        self.recorder = Recorder()
        self.port = free_port()
        # server_options go to aiosmtpd's SMTP: tls_context, require_starttls, authenticator, auth_required …
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port, **server_options)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.recorder.messages

    def refuse_next(self, reply: str = "451 4.3.0 Try again later", times: int = 1) -> None:
        """Answer the next `times` messages with reply instead of accepting them."""
        self.recorder.replies.extend([reply] * times)

    def refuse_all(self, reply: str | None) -> None:
        """Answer every message with reply from now on (None: accept again)."""
        self.recorder.always = reply

    def hold_next(self) -> tuple[threading.Event, threading.Event]:
        """Keep the next message's DATA waiting: (arrived, released); released, it is refused, never stored."""
        self.recorder.hold = (threading.Event(), threading.Event())
        return self.recorder.hold

    def refuse_quit(self, reply: str | None) -> None:
        """Answer QUIT with reply (e.g. "421 4.4.2 Timeout") after having accepted the message; None: 221."""
        self.recorder.quit_reply = reply

    def refuse_recipient(self, address: str, reply: str | None) -> None:
        """Refuse RCPT TO for this address with reply (None: accept it again)."""
        with self.recorder.lock:
            if reply is None:
                self.recorder.rcpt_replies.pop(address, None)
            else:
                self.recorder.rcpt_replies[address] = reply

    def start(self) -> "SmtpServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        """Stop serving (an outage, or the end of a test); safe to call twice."""
        if self.controller.loop.is_running():
            self.controller.stop()
