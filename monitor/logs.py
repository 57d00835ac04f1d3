"""Logging: the level every command honours, text or JSON lines, the account and sweep id on each record, redaction."""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
from collections.abc import Iterator
from datetime import datetime, timezone

_account: contextvars.ContextVar[str | None] = contextvars.ContextVar("account", default=None)
_sweep: contextvars.ContextVar[int | None] = contextvars.ContextVar("sweep_id", default=None)
# Libraries that are chatty at INFO: quiet unless the user asked for DEBUG.
LIBRARIES = ("alembic", "apscheduler", "urllib3", "requests", "tweepy", "vk_api", "apprise", "facebook", "sqlalchemy", "asyncio")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def sweep_context(account: str, sweep_id: int | None) -> Iterator[None]:
    """Tag every record logged inside with the account and the sweep run's id."""
    tokens = _account.set(account), _sweep.set(sweep_id)
    try:
        yield
    finally:
        _account.reset(tokens[0])
        _sweep.reset(tokens[1])


class ContextFilter(logging.Filter):
    """Puts the current account and sweep id on the record (None outside a sweep)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.account = _account.get()
        record.sweep_id = _sweep.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, account, sweep_id (and the traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "account": getattr(record, "account", None),
            "sweep_id": getattr(record, "sweep_id", None),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


class _Libraries(logging.Filter):
    """Library records below `level` are dropped (on our handler only: loggers keep their levels).

    APScheduler's "maximum number of running instances" warning goes too: a job still queued behind busy
    workers is expected when accounts outnumber [daemon] workers, and its slot is taken at the next poll.
    """

    def __init__(self, level: int):
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.split(".", 1)[0] not in LIBRARIES:
            return True
        if record.name.startswith("apscheduler") and "maximum number of running instances" in record.getMessage():
            return False
        return record.levelno >= self.level


class _StderrHandler(logging.StreamHandler):
    """Writes to the sys.stderr of the moment (a test runner may swap it), like logging's last resort."""

    def __init__(self) -> None:
        super().__init__()

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        import sys

        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # type: ignore[no-untyped-def]
        pass


def setup_logging(level: str, fmt: str = "text") -> None:
    """Root handler on stderr at level, in fmt ("text" or "json"); libraries at WARNING unless DEBUG; secrets redacted."""
    from monitor.redact import install_redaction

    numeric = logging.getLevelName(level.upper())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(old)
    handler = _StderrHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(ContextFilter())
    root.addHandler(handler)
    root.setLevel(numeric)
    if numeric > logging.DEBUG:
        handler.addFilter(_Libraries(max(numeric, logging.WARNING)))
    install_redaction()
