"""The daemon: one APScheduler job per account; SIGTERM/SIGINT stop it after the running sweeps."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import datetime, timezone

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session, sessionmaker

from alerts.transports import Transport
from monitor.settings import AccountSettings, Settings
from monitor.sweep import sweep_account

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """The wall clock, read only at the edge (jobs), never inside logic."""
    return datetime.now(timezone.utc)


def _job(settings: Settings, account: AccountSettings, sessions: sessionmaker[Session], transport: Transport,
         clock: Callable[[], datetime]) -> None:
    try:
        report = sweep_account(settings, account, sessions, transport, clock())
    except Exception:  # noqa: BLE001 - a failed sweep is logged and never stops the daemon
        log.exception("%s: sweep crashed", account.name)
        return
    if report.status == "ok":
        log.info("%s: swept: %d fetched (%d new), %d finding(s) opened, %d resolved, %d expired, email %s",
                 account.name, report.fetched, report.new, report.opened, report.resolved, report.expired, report.email)
    elif report.status == "deferred":
        log.info("%s: deferred (rate limited); email %s", account.name, report.email)
    else:
        log.error("%s: sweep failed: %s", account.name, report.error)
    for notice in report.notices:
        log.warning("%s: %s", account.name, notice)


def build_scheduler(settings: Settings, sessions: sessionmaker[Session], transport: Transport,
                    clock: Callable[[], datetime] = utcnow) -> BackgroundScheduler:
    """A scheduler with one coalescing, single-instance job per enabled account, first run at once."""
    daemon = settings.daemon
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(daemon.workers)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": int(daemon.misfire_grace.total_seconds())},
        timezone=timezone.utc,
    )
    for account in settings.accounts:
        if not account.enabled:
            continue
        interval = account.interval or daemon.interval
        scheduler.add_job(
            _job,
            IntervalTrigger(seconds=interval.total_seconds(), jitter=int(daemon.jitter.total_seconds()) or None),
            args=(settings, account, sessions, transport, clock),
            id=f"sweep:{account.name}",
            name=f"sweep {account.name}",
            next_run_time=clock(),
        )
    return scheduler


def run_daemon(settings: Settings, sessions: sessionmaker[Session], transport: Transport,
               stop: threading.Event | None = None) -> None:
    """Run until SIGTERM/SIGINT (or `stop` is set), then wait for running sweeps and return."""
    stop = stop or threading.Event()

    def _signal(signum: int, _frame: object) -> None:
        log.info("received %s; stopping after the running sweeps", signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, _signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    scheduler = build_scheduler(settings, sessions, transport)
    scheduler.start()
    names = ", ".join(a.name for a in settings.accounts if a.enabled)
    log.info("monitor daemon started for %s", names)
    try:
        while not stop.wait(1.0):
            pass
    finally:
        scheduler.shutdown(wait=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.info("monitor daemon stopped")
