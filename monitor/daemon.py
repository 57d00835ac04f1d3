"""The daemon: one APScheduler job per account, each sweep claimed with a lease; SIGHUP reloads, SIGTERM/SIGINT stop."""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from alerts.transports import Transport
from monitor.leases import Leases
from monitor.metrics import Metrics, serve
from monitor.settings import AccountSettings, Settings
from monitor.store.models import Account, Finding
from monitor.sweep import SweepReport, sweep_account

log = logging.getLogger(__name__)
# What a reload gives: the new settings and their transport; it raises ConfigError when the file is invalid.
Loader = Callable[[], tuple[Settings, Transport]]


def utcnow() -> datetime:
    """The wall clock, read only at the edge (jobs), never inside logic."""
    return datetime.now(timezone.utc)


def _log_report(account: AccountSettings, report: SweepReport) -> None:
    if report.status == "ok":
        log.info("%s: swept: %d fetched (%d new), %d opened, %d resolved, %d expired, email %s",
                 account.name, report.fetched, report.new, report.opened, report.resolved, report.expired, report.email)
    elif report.status == "deferred":
        log.info("%s: deferred (rate limited); email %s", account.name, report.email)
    elif report.status == "busy":
        log.debug("%s: skipped: %s", account.name, report.error)
    elif report.status == "refused":
        log.error("%s: not swept: %s", account.name, report.error)
    elif report.status != "not-due":
        log.error("%s: sweep failed: %s", account.name, report.error)
    for notice in report.notices:
        log.warning("%s: %s", account.name, notice)


class Daemon:
    """The scheduler, the settings it runs on (replaced on SIGHUP), the leases it takes and its metrics."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session], transport: Transport, *,
                 leases: Leases | None = None, clock: Callable[[], datetime] = utcnow, metrics: Metrics | None = None):
        self.settings, self.sessions, self.transport, self.clock = settings, sessions, transport, clock
        self.leases = leases or Leases(duration=settings.daemon.lease)
        self.metrics = metrics
        self._running: set[str] = set()  # accounts this process is sweeping (a reload must not start a second sweep)
        self._lock = threading.Lock()
        daemon = settings.daemon
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(daemon.workers)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": int(daemon.misfire_grace.total_seconds())},
            timezone=timezone.utc,
        )
        self.schedule(settings, transport)

    def schedule(self, settings: Settings, transport: Transport) -> None:
        """One job per enabled account, checking its slot every `poll` (or its interval when shorter); first at once."""
        self.settings, self.transport = settings, transport
        self.scheduler.remove_all_jobs()
        daemon = settings.daemon
        for account in settings.accounts:
            if not account.enabled:
                continue
            interval = account.interval or daemon.interval
            every = min(interval, daemon.poll).total_seconds()
            self.scheduler.add_job(
                self.job, IntervalTrigger(seconds=every, jitter=min(daemon.jitter.total_seconds(), every / 2) or None),
                args=(settings, account, transport), id=f"sweep:{account.name}", name=f"sweep {account.name}",
                next_run_time=self.clock(),
            )

    def job(self, settings: Settings, account: AccountSettings, transport: Transport) -> None:
        """Sweep the account if its slot is due and no other worker holds it; never raises."""
        with self._lock:
            if account.name in self._running:
                return
            self._running.add(account.name)
        try:
            report = sweep_account(settings, account, self.sessions, transport, self.clock(), leases=self.leases,
                                   interval=account.interval or settings.daemon.interval)
            _log_report(account, report)
            if self.metrics is not None and report.status not in ("busy", "not-due"):
                self.metrics.observe(report, self._open_by_mistake(account.name), time.time())
        except Exception:  # noqa: BLE001 - a failed sweep is logged and never stops the daemon
            log.exception("%s: sweep crashed", account.name)
        finally:
            with self._lock:
                self._running.discard(account.name)

    def _open_by_mistake(self, name: str) -> dict[str, int]:
        with self.sessions() as session:
            query = (select(Finding.mistake, func.count()).join(Account, Account.id == Finding.account_id)
                     .where(Account.name == name, Finding.status == "open").group_by(Finding.mistake))
            return dict(session.execute(query).all())

    def healthy(self) -> tuple[bool, str]:
        """For /healthz: the scheduler runs and the database answers."""
        if not self.scheduler.running:
            return False, "scheduler not running"
        try:
            with self.sessions() as session:
                session.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any database failure makes the daemon unhealthy
            return False, f"database not answering: {type(exc).__name__}"
        return True, "ok"

    def reload(self, load: Loader) -> bool:
        """Apply a new config; an invalid one (or a changed database) is logged and the running one kept."""
        from monitor.config_errors import ConfigError

        try:
            settings, transport = load()
        except ConfigError as exc:
            log.error("SIGHUP: the new config is invalid, keeping the running one: %s", exc)
            return False
        except Exception as exc:  # noqa: BLE001 - a reload must never take the daemon down
            log.error("SIGHUP: the new config could not be loaded, keeping the running one: %s: %s", type(exc).__name__, exc)
            return False
        if settings.database_url() != self.settings.database_url():
            log.error("SIGHUP: [database] url changed; keeping the running config: restart the daemon to change the database")
            return False
        self.schedule(settings, transport)
        log.info("SIGHUP: config reloaded: %s", ", ".join(a.name for a in settings.accounts if a.enabled))
        return True


def build_scheduler(settings: Settings, sessions: sessionmaker[Session], transport: Transport,
                    clock: Callable[[], datetime] = utcnow) -> BackgroundScheduler:
    """A scheduler with one coalescing, single-instance job per enabled account, first run at once."""
    return Daemon(settings, sessions, transport, clock=clock).scheduler


def run_daemon(settings: Settings, sessions: sessionmaker[Session], transport: Transport,
               stop: threading.Event | None = None, *, load: Loader | None = None, leases: Leases | None = None) -> None:
    """Run until SIGTERM/SIGINT (or `stop` is set), then wait for running sweeps and return; SIGHUP calls load()."""
    stop = stop or threading.Event()
    wake = threading.Event()
    hangups: list[int] = []

    def _signal(signum: int, _frame: object) -> None:
        if signum == signal.SIGHUP:
            hangups.append(signum)
        else:
            stop.set()
        wake.set()

    handled = [signal.SIGTERM, signal.SIGINT] + ([signal.SIGHUP] if load is not None else [])
    previous = {sig: signal.signal(sig, _signal) for sig in handled}
    metrics = Metrics() if settings.daemon.metrics_port else None
    daemon = Daemon(settings, sessions, transport, leases=leases, metrics=metrics)
    server = serve(metrics, settings.daemon.metrics_address, settings.daemon.metrics_port, daemon.healthy) if metrics else None
    daemon.scheduler.start()
    names = ", ".join(a.name for a in settings.accounts if a.enabled)
    log.info("monitor daemon started for %s (worker %s)", names, daemon.leases.worker)
    try:
        while not stop.is_set():
            wake.wait(1.0)
            wake.clear()
            if stop.is_set():
                log.info("stopping after the running sweeps")
            while hangups and load is not None:
                hangups.pop()
                log.info("SIGHUP: reloading %s", settings.path)
                daemon.reload(load)
    finally:
        daemon.scheduler.shutdown(wait=True)
        if server is not None:
            server.shutdown()
            server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.info("monitor daemon stopped")
