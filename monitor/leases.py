"""Row leases that let several daemons share one database: who sweeps an account, who sends a delivery.

A lease is an owner (host:pid) and an expiry on the wall clock, taken with SELECT … FOR UPDATE SKIP LOCKED
and renewed while the work runs; an expired one is a dead worker's and is taken over. On SQLite the writer
lock (monitor/writer_lock.py) already proves no other writer lives, so a lease left there is always stale.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """The wall clock (leases measure real time, not the sweep's `now`)."""
    return datetime.now(timezone.utc)


def worker_id() -> str:
    """This process as lease owner: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Leases:
    """How this process takes leases: its name, how long a lease lasts, the clock, and whether it is the only writer."""

    worker: str = field(default_factory=worker_id)
    duration: timedelta = timedelta(minutes=2)
    clock: Callable[[], datetime] = utcnow
    exclusive: bool = False

    def expiry(self) -> datetime:
        """When a lease taken or renewed now runs out."""
        return self.clock() + self.duration

    def held_by_other(self, owner: str | None, expires: datetime | None) -> bool:
        """A live lease of another worker (not expired, and not a dead process's on an exclusive database)."""
        if owner is None or owner == self.worker or self.exclusive:
            return False
        return expires is not None and expires > self.clock()


class Renewer:
    """Extends a lease every third of its duration until stopped (a thread with its own session)."""

    def __init__(self, sessions: sessionmaker[Session], model: type, row_id: int, leases: Leases):
        self.sessions, self.model, self.row_id, self.leases = sessions, model, row_id, leases
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{model.__tablename__}-{row_id}", daemon=True)

    def __enter__(self) -> "Renewer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        interval = max(self.leases.duration.total_seconds() / 3, 0.05)
        while not self._stop.wait(interval):
            try:
                with self.sessions() as session, session.begin():
                    renewed = session.execute(
                        update(self.model).where(self.model.id == self.row_id, self.model.lease_owner == self.leases.worker)
                        .values(lease_expires_at=self.leases.expiry()),
                        execution_options={"synchronize_session": False},
                    ).rowcount
                if not renewed:
                    log.warning("lease on %s %s was taken over by another worker", self.model.__tablename__, self.row_id)
                    return
            except Exception:  # noqa: BLE001 - a failed renewal is retried; the lease may lapse, never the sweep
                log.warning("renewing the lease on %s %s failed", self.model.__tablename__, self.row_id, exc_info=True)


def next_slot(due: datetime | None, now: datetime, interval: timedelta) -> datetime:
    """The first interval slot after now, counted from the slot that was due (so workers keep one cadence)."""
    start = due if due is not None and due <= now else now
    steps = int((now - start) / interval) + 1
    return start + steps * interval
