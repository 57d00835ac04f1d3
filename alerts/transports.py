"""Email transports: smtp, file (.eml per message) and console; failures are typed."""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import sys
import tempfile
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Protocol, TextIO

from monitor.redact import redact


log = logging.getLogger(__name__)


class DeliveryError(Exception):
    """Sending failed; `transient` says whether a later retry may succeed."""

    def __init__(self, message: str, *, transient: bool):
        super().__init__(redact(message))
        self.transient = transient


class PartlyRefused(DeliveryError):
    """The server took the message for some recipients and refused it for `refused` (address -> reply)."""

    def __init__(self, message: str, *, refused: dict[str, str], answer: str):
        super().__init__(message, transient=all(reply[:1] == "4" for reply in refused.values()))
        self.refused = refused
        self.answer = answer


class Transport(Protocol):
    """Sends one message or raises DeliveryError."""

    name: str
    records: bool  # False for a dry run: what it is given is shown, never recorded as sent

    def send(self, message: EmailMessage) -> str:
        """Send the message; return where it went (a server reply or a file path)."""
        ...


class _Answered:
    """Keeps the server's reply to DATA: the answer `monitor test-email` prints and the outbox records."""

    answer: tuple[int, bytes] | None = None

    def data(self, msg):  # type: ignore[no-untyped-def]
        code, reply = super().data(msg)  # type: ignore[misc]
        self.answer = (code, reply)
        return code, reply


class _Smtp(_Answered, smtplib.SMTP):
    pass


class _SmtpSsl(_Answered, smtplib.SMTP_SSL):
    pass


class SmtpTransport:
    """SMTP with STARTTLS required (never opportunistic), implicit TLS, or plain for local relays."""

    name = "smtp"
    records = True

    def __init__(self, host: str, port: int, security: str, timeout: float, username: str | None = None,
                 password: str | None = None, ssl_context: ssl.SSLContext | None = None):
        self.host, self.port, self.security, self.timeout = host, port, security, timeout
        self.username, self.password = username, password
        self.ssl_context = ssl_context or ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            return _SmtpSsl(self.host, self.port, timeout=self.timeout, context=self.ssl_context)
        client = _Smtp(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            client.ehlo()
            if not client.has_extn("starttls"):
                client.close()
                raise DeliveryError(
                    f"SMTP server {self.host}:{self.port} does not offer STARTTLS; set [email.smtp] security "
                    '= "ssl" or "none" to match the server', transient=False)
            client.starttls(context=self.ssl_context)
            client.ehlo()
        return client

    def send(self, message: EmailMessage) -> str:
        """Send over SMTP; return host:port (send_with_answer adds the server's reply)."""
        self.send_with_answer(message)
        return f"{self.host}:{self.port}"

    def send_with_answer(self, message: EmailMessage) -> str:
        """Send over SMTP; 4xx replies and network errors are transient, 5xx permanent. Returns the server's answer."""
        where = f"{self.host}:{self.port}"
        try:
            client = self._connect()
            try:
                if self.username:
                    client.login(self.username, self.password or "")
                refused = client.send_message(message)
                answer = client.answer
            except BaseException:
                client.close()
                raise
            _hang_up(client)
        except DeliveryError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"SMTP server {where} refused the login ({exc.smtp_code}); check [email.smtp] "
                                "username_env / password_env", transient=False) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = {code for code, _ in exc.recipients.values()}
            raise DeliveryError(f"SMTP server {where} refused every recipient: {exc.recipients}",
                                transient=all(400 <= c < 500 for c in codes)) from None
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise DeliveryError(f"SMTP server {where} answered {exc.smtp_code} {text}",
                                transient=400 <= exc.smtp_code < 500) from None
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(f"SMTP server {where} has a certificate this machine does not trust ({exc.verify_message}); "
                                "fix the server's certificate or [email.smtp] host", transient=False) from None
        except (smtplib.SMTPException, OSError, socket.timeout, ssl.SSLError) as exc:
            raise DeliveryError(f"cannot send through SMTP server {where}: {exc}", transient=True) from None
        reply = f"{answer[0]} {answer[1].decode(errors='replace')}" if answer else "accepted"
        if refused:
            replies = {address: f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                       for address, (code, text) in refused.items()}
            shown = "; ".join(f"{address}: {reply}" for address, reply in replies.items())
            raise PartlyRefused(f"SMTP server {where} accepted the message ({reply}) but refused {shown}",
                                refused=replies, answer=f"{where}: {reply}")
        return f"{where}: {reply}"


def _hang_up(client: smtplib.SMTP) -> None:
    """QUIT after the message was accepted: a 421 or 554 here, or a dropped line, changes nothing about the message."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError) as exc:
        log.info("the SMTP server answered QUIT with an error after accepting the message: %s", redact(str(exc)))
        client.close()


class FileTransport:
    """Writes each message as an .eml file into a folder (written whole, then renamed)."""

    name = "file"
    records = True

    def __init__(self, directory: Path):
        self.directory = directory

    def send(self, message: EmailMessage) -> str:
        """Write the message to <dir>/<date>-<account>-<id>.eml."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            when = parsedate_to_datetime(message["Date"]).strftime("%Y%m%dT%H%M%SZ")
            unique = (message["Message-ID"] or "").strip("<>").split("@")[0].rsplit(".", 1)[-1]
            account = message.get("X-SMM-Monitor-Account", "account")
            target = self.directory / f"{when}-{account}-{unique}.eml"
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(message.as_bytes())
            os.replace(tmp, target)
        except OSError as exc:
            raise DeliveryError(f"cannot write the email into {self.directory}: {exc.strerror}", transient=True) from None
        return str(target)


class ConsoleTransport:
    """Prints the plain-text part of each message to a stream (stdout by default)."""

    name = "console"
    records = True

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream

    def heading(self, message: EmailMessage) -> str:
        """The lines printed before the body."""
        return f"From: {message['From']}\nTo: {message['To']}\nSubject: {message['Subject']}\n\n"

    def send(self, message: EmailMessage) -> str:
        """Print headers and the text body."""
        stream = self.stream or sys.stdout
        body = message.get_body(preferencelist=("plain",))
        stream.write(self.heading(message))
        stream.write((body.get_content() if body else "") + "\n")
        stream.flush()
        return self.name


class DryRun(ConsoleTransport):
    """The dry-run channel: prints what would be sent and to whom; nothing is recorded or marked sent."""

    name = "dry-run"
    records = False

    def heading(self, message: EmailMessage) -> str:
        """The recipients and the subject."""
        return f"--- would send to {message['To']}\nSubject: {message['Subject']}\n\n"


def make_transport(settings: Any) -> Transport:
    """The transport [email] configures, with SMTP credentials read from env vars or files."""
    from monitor.redact import register_secret
    from monitor.settings import resolve_secret

    email = settings.email
    if email.transport == "file":
        return FileTransport(settings.resolve_path(email.file.dir))
    if email.transport == "console":
        return ConsoleTransport()
    smtp = email.smtp
    username = password = None
    if smtp.username_env or smtp.username_file:
        username = resolve_secret(settings, "email.smtp", smtp.username_env, smtp.username_file, "username").get_secret_value()
    if smtp.password_env or smtp.password_file:
        password = resolve_secret(settings, "email.smtp", smtp.password_env, smtp.password_file, "password").get_secret_value()
        register_secret(password)
    if password and smtp.security == "none" and smtp.host not in ("localhost", "127.0.0.1", "::1"):
        log.warning("[email.smtp] security = \"none\" sends the SMTP password to %s unencrypted; use starttls or ssl",
                    smtp.host)
    return SmtpTransport(smtp.host, smtp.port, smtp.security, smtp.timeout.total_seconds(), username, password)
