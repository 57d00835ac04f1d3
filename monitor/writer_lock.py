"""One writer on a SQLite file: the daemon and `monitor once` never run over each other (PostgreSQL uses leases)."""

from __future__ import annotations

import fcntl
import os
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy.engine import make_url


class WriterBusy(Exception):
    """Another process is writing the same SQLite file; the message names it."""


class WriterLock:
    """An flock on `<database>.lock`, holding the pid and command of its owner while the process lives."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: timedelta, command: str) -> "WriterLock":
        """Take the lock, waiting up to `wait` for the other writer; WriterBusy names it when it does not let go."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + wait.total_seconds()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip() or "another process"
                    os.close(fd)
                    raise WriterBusy(
                        f"the database {self.path.with_suffix('')} is in use by {holder}; "
                        "wait for it to finish, or stop it first (SQLite takes one writer; use PostgreSQL to run several)"
                    ) from None
                time.sleep(0.1)  # polling a lock held by another process: there is no event to wait on
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"`{command}` (pid {os.getpid()}, since {started})\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go (also done by the kernel when the process ends, even on kill -9)."""
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def lock_for(url: str) -> WriterLock | None:
    """The writer lock of a SQLite file URL; None for PostgreSQL and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return WriterLock(Path(parsed.database + ".lock"))


def hold_writer(url: str, wait: timedelta, command: str | None = None) -> WriterLock | None:
    """Take the SQLite writer lock for the rest of this process (None where it does not apply)."""
    lock = lock_for(url)
    if lock is not None:
        lock.acquire(wait, command or " ".join(["monitor", *sys.argv[1:]]))
    return lock
