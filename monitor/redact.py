"""Keep secrets out of log lines, exception texts and emails."""

from __future__ import annotations

import logging
import re
import threading

_PATTERNS = [
    # A token, not the words "bearer token": real tokens are long.
    (re.compile(r"(Bearer\s+)[A-Za-z0-9\-._~+/%=]{16,}"), r"\1***"),
    (re.compile(r"((?:access_token|appsecret_proof|client_secret|password)=)[^&\s'\"]+", re.IGNORECASE), r"\1***"),
    (re.compile(r"(['\"](?:Authorization|access_token)['\"]:\s*['\"])[^'\"]+", re.IGNORECASE), r"\1***"),
]
_secrets: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str) -> None:
    """Remember a secret so that redact() hides it wherever it appears."""
    if len(value) >= 6:
        with _lock:
            _secrets.add(value)


def mask(value: str | None) -> str:
    """A secret as it may be shown: its length only."""
    return "(not set)" if not value else f"****** ({len(value)} chars)"


def redact(text: str) -> str:
    """Text with bearer tokens, token query parameters and known secrets replaced by ***."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that renders the record and redacts it before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def install_redaction() -> None:
    """Redact the loggers that see tokens (HTTP and every platform's library loggers) and every root handler."""
    from connectors.base import platforms

    flt = RedactingFilter()
    libraries = [name for p in platforms().values() for name in p.loggers]
    for name in ("requests", "urllib3", "urllib3.connectionpool", *libraries):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(flt)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(flt)
