"""One sweep of one account as explicit stages: claim, fetch, save, detect, reconcile, deliver, record."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from alerts.outbox import Outcome, deliver, notify_failure
from alerts.retry import RetryPolicy
from alerts.transports import Transport
from connectors.base import AuthError, Batch, Connector, ConnectorError
from monitor import alerting
from monitor.config_errors import ConfigError
from monitor.connect import build_connector
from monitor.detectors.context import Context
from monitor.detectors.registry import registry
from monitor.leases import Leases, Renewer, next_slot
from monitor.reconcile import reconcile
from monitor.logs import sweep_context
from monitor.redact import redact
from monitor.settings import AccountSettings, Settings
from monitor.text.plural import counted
from monitor.store.models import Account, SweepRun
from monitor.store.repo import ensure_account, load_cursors, open_finding_items, save_batch

log = logging.getLogger(__name__)


@dataclass
class SweepReport:
    """The outcome of one account's sweep, as the summary line and exit code need it."""

    account: str
    platform: str
    status: str = "ok"
    fetched: int = 0
    new: int = 0
    changed: int = 0  # stored items whose content the platform changed (edits)
    deleted: int = 0  # stored items the platform no longer shows
    audit: bool = False  # the first sweep: findings cover the audit window of history
    opened: int = 0
    resolved: int = 0
    expired: int = 0
    open_total: int = 0
    requests: int = 0
    email: str = "none"
    undelivered: list[str] = field(default_factory=list)  # emails that did not reach everyone: `once` exits 1
    error: str | None = None
    notices: list[str] = field(default_factory=list)
    run_id: int | None = None
    deliveries: list[str] = field(default_factory=list)  # each route's outcome status (for the metrics)


@dataclass
class Sweep:
    """What the stages of one sweep share: the account, the store, the channel and the time."""

    settings: Settings
    config: AccountSettings
    session: Session
    channel: Transport
    now: datetime
    report: SweepReport
    account: Account | None = None
    run: SweepRun | None = None
    cursors: dict[str, str] = field(default_factory=dict)
    watch: list[str] = field(default_factory=list)  # items with open content findings: the connector says if they are gone
    first: bool = False  # the account's first successful sweep: an audit of its history
    last_sweep: datetime | None = None  # when the previous sweep that detected started
    deferred: datetime | None = None
    retry_after: datetime | None = None
    auth_error: str | None = None
    policy: RetryPolicy | None = None  # None: [email]'s; tests inject one with a fake sleep
    leases: Leases = field(default_factory=Leases)
    interval: timedelta | None = None  # the daemon's cadence: the sweep runs only when its slot is due
    due: datetime | None = None  # the slot this sweep takes


class Skipped(Exception):
    """The sweep did not start: another worker holds the account, its slot is not due, or time went back."""

    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status = status


def last_started(session: Session, account_id: int) -> datetime | None:
    """When the account's latest sweep started (any outcome)."""
    return session.scalar(select(func.max(SweepRun.started_at)).where(SweepRun.account_id == account_id))


def _take_lease(sweep: Sweep, account: Account) -> None:
    """Lock the account's row (skipping it when another worker has it locked) and take its lease, or raise Skipped."""
    session, leases = sweep.session, sweep.leases
    # populate_existing: the lease columns as they are now that the row is locked, not as first read.
    locked = session.scalar(select(Account).where(Account.id == account.id).with_for_update(skip_locked=True)
                            .execution_options(populate_existing=True))
    if locked is None:
        raise Skipped("busy", "another worker is claiming it right now")
    account = locked
    if leases.held_by_other(account.lease_owner, account.lease_expires_at):
        raise Skipped("busy", f"being swept by {account.lease_owner} (lease until {account.lease_expires_at:%H:%M:%S} UTC)")
    if sweep.interval is not None and account.next_sweep_at is not None and account.next_sweep_at > sweep.now:
        raise Skipped("not-due", f"next slot at {account.next_sweep_at:%Y-%m-%d %H:%M:%S} UTC")
    last = last_started(session, account.id)
    if last is not None and last > sweep.now:
        raise Skipped("refused", f"time went back: the last sweep started at {last.isoformat()}, later than {sweep.now.isoformat()}")
    # Whoever held the account before us is gone (its lease ran out): its sweep never finished.
    previous = account.lease_owner if account.lease_owner != leases.worker else None
    stale = session.execute(
        update(SweepRun).where(SweepRun.account_id == account.id, SweepRun.status == "running")
        .values(status="abandoned", finished_at=sweep.now,
                error=f"the worker {previous or 'that ran it'} stopped before the sweep finished; swept again by {leases.worker}"),
        execution_options={"synchronize_session": False},
    ).rowcount
    if stale:
        log.warning("%s: took over from %s: %s marked abandoned", account.name, previous or "a stopped worker",
                    counted(stale, "unfinished sweep"))
    sweep.due = account.next_sweep_at
    account.lease_owner, account.lease_expires_at = leases.worker, leases.expiry()


def _claim(sweep: Sweep) -> None:
    """Stage 1: the account's row, its lease and a running sweep run, committed before anything is fetched."""
    with sweep.session.begin():
        config = sweep.config
        account = ensure_account(sweep.session, config.name, config.platform, None, sweep.now)
        _take_lease(sweep, account)
        last = sweep.session.scalar(
            select(SweepRun.retry_after).where(SweepRun.account_id == account.id).order_by(SweepRun.id.desc()).limit(1)
        )
        sweep.deferred = last if last is not None and last > sweep.now else None
        sweep.run = SweepRun(account_id=account.id, started_at=sweep.now, status="running", notices=[], worker=sweep.leases.worker)
        sweep.session.add(sweep.run)
        sweep.session.flush()
        sweep.cursors = load_cursors(sweep.session, account.id)
        content = {(r.mistake, r.name) for r in registry().rules.values() if r.content}
        sweep.watch = sorted({i for key, ids in open_finding_items(sweep.session, account.id).items() if key in content for i in ids})
        sweep.first = sweep.session.scalar(
            select(SweepRun.id).where(SweepRun.account_id == account.id, SweepRun.status == "ok").limit(1)
        ) is None
        sweep.last_sweep = sweep.session.scalar(
            select(func.max(SweepRun.started_at)).where(SweepRun.account_id == account.id, SweepRun.status.in_(("ok", "dry-run")))
        )
        sweep.account = account


def _fetch(sweep: Sweep, connector: Connector) -> Batch:
    """Stage 2: what is new since the cursors (no transaction is open while the network is used)."""
    batch = connector.fetch(sweep.cursors, sweep.now, sweep.watch)
    sweep.report.requests = batch.requests
    sweep.report.notices.extend(batch.notices)
    sweep.retry_after = batch.defer_until
    return batch


def _save(sweep: Sweep, batch: Batch, platform: str) -> None:
    """Stage 3: items, snapshot and cursors in one transaction."""
    with sweep.session.begin():
        saved = save_batch(sweep.session, sweep.account, platform, batch, sweep.now)
    sweep.report.fetched, sweep.report.new, sweep.report.changed = saved.fetched, saved.new, saved.changed
    sweep.report.deleted = saved.deleted


def _detect_and_reconcile(sweep: Sweep) -> None:
    """Stages 4 and 5: run the rules and apply their findings, in one transaction."""
    with sweep.session.begin():
        context = Context(sweep.session, sweep.account, sweep.config, sweep.now, first=sweep.first, last_sweep=sweep.last_sweep)
        detected, ran = registry().run(context)
        changes = reconcile(sweep.session, sweep.account, detected, ran, sweep.now, sweep.settings.email.language,
                            sweep.config.effective_rules)
    report = sweep.report
    report.opened, report.resolved, report.expired = len(changes.opened), len(changes.resolved), len(changes.expired)
    report.open_total = changes.open_total


def _email_summary(outcomes: list[Outcome]) -> str:
    """The sweep line's `email:` part: what each route did."""
    shown = [o for o in outcomes if o.status != "none"]
    if not shown:
        return "none"
    if all(o.status == "dry-run" for o in shown):
        return "dry-run"
    return "; ".join(f"{o.status} ({counted(o.findings, 'finding')})" + ("" if o.route == "default" else f" via {o.route}") for o in shown)


def _deliver(sweep: Sweep) -> None:
    """Stage 6: every route's digest (what earlier sweeps could not send too), and a credentials notice."""
    report, session, settings = sweep.report, sweep.session, sweep.settings
    try:
        info = alerting.account_info(settings, sweep.config, sweep.account)
        pipeline = alerting.pipeline(settings, sweep.channel, sweep.policy, sweep.leases)
        audit = sweep.config.effective_rules.audit_window if sweep.first and report.status == "ok" else None
        outcomes = deliver(session, info, alerting.routes(settings, sweep.config), alerting.default_route(settings, sweep.config),
                           alerting.silences(settings), pipeline, sweep.now, sweep.run.id, audit=audit)
        report.email = _email_summary(outcomes)
        report.deliveries = [o.status for o in outcomes]
        for outcome in outcomes:
            where = "" if outcome.route == "default" else f" (route {outcome.route})"
            if outcome.status in ("failed", "retrying", "dead"):
                report.notices.append(f"email not sent{where}: {outcome.detail}")
                report.undelivered.append(f"{outcome.status}{where}: {outcome.detail}")
            elif outcome.status in ("held", "waiting"):
                report.notices.append(f"email held{where}: {outcome.detail}")
                if outcome.status == "waiting":  # an earlier failure, not yet retried
                    report.undelivered.append(f"waiting{where}: {outcome.detail}")
        if sweep.auth_error:
            told = notify_failure(session, info, pipeline, sweep.now, sweep.run.id, sweep.auth_error)
            if told.status != "none":
                report.notices.append(f"credentials-failure email: {told.status}")
            if told.status in ("dead", "failed"):
                report.undelivered.append(f"credentials-failure email {told.status}: {told.detail}")
    except Exception as exc:  # noqa: BLE001 - the sweep's record must still be written
        session.rollback()
        report.email = "failed"
        report.notices.append(redact(f"email not sent: internal error: {type(exc).__name__}: {exc}"))
        report.undelivered.append(redact(f"internal error: {type(exc).__name__}: {exc}"))
        log.exception("%s: delivering the digest failed", sweep.config.name)


def _record(sweep: Sweep) -> None:
    """Stage 7: the sweep run's outcome."""
    report = sweep.report
    run = sweep.session.merge(sweep.run)
    run.finished_at = sweep.now
    # A dry run shows what would be sent; the first real sweep after it is still the account's audit.
    run.status = "dry-run" if report.status == "ok" and not sweep.channel.records else report.status
    run.retry_after = sweep.retry_after
    run.items_fetched, run.items_new = report.fetched, report.new
    run.findings_opened, run.findings_resolved = report.opened, report.resolved
    run.error, run.notices = report.error, list(report.notices)
    values: dict[str, object] = {"lease_owner": None, "lease_expires_at": None}
    if sweep.interval is not None:
        values["next_sweep_at"] = next_slot(sweep.due, sweep.now, sweep.interval)
    sweep.session.execute(
        update(Account).where(Account.id == sweep.account.id, Account.lease_owner == sweep.leases.worker).values(**values),
        execution_options={"synchronize_session": False},
    )
    sweep.session.commit()


def _collect(sweep: Sweep, connector: Connector | None) -> None:
    """Stages 2 to 5, unless a rate limit asked to wait; a failure is recorded, never raised."""
    report = sweep.report
    if sweep.deferred is not None:
        report.status, sweep.retry_after = "deferred", sweep.deferred
        report.notices.append(f"rate limited: not fetched until {sweep.deferred:%Y-%m-%d %H:%M} UTC")
        return
    try:
        connector = connector or build_connector(sweep.settings, sweep.config)
        batch = _fetch(sweep, connector)
        _save(sweep, batch, connector.platform)
        _detect_and_reconcile(sweep)
    except (ConnectorError, ConfigError) as exc:
        sweep.session.rollback()
        report.status, report.error = "failed", redact(str(exc))
        sweep.retry_after = getattr(exc, "retry_at", None)
        sweep.auth_error = report.error if isinstance(exc, AuthError) else None
        log.error("%s: sweep failed: %s", sweep.config.name, report.error)
    except Exception as exc:  # noqa: BLE001 - one account's bug must not stop the others
        sweep.session.rollback()
        report.status, report.error = "failed", redact(f"internal error: {type(exc).__name__}: {exc}")
        log.exception("%s: sweep failed with an internal error", sweep.config.name)


def sweep_account(
    settings: Settings,
    account: AccountSettings,
    sessions: sessionmaker[Session],
    channel: Transport,
    now: datetime,
    *,
    connector: Connector | None = None,
    policy: RetryPolicy | None = None,
    leases: Leases | None = None,
    interval: timedelta | None = None,
) -> SweepReport:
    """Sweep one account through its stages; every failure is recorded on its run and reported, never raised.

    With an interval (the daemon) the sweep runs only when the account's slot is due; a live lease of another
    worker, or a `now` before the last sweep, skips it (report.status busy, not-due or refused).
    """
    report = SweepReport(account=account.name, platform=account.platform)
    with sessions() as session:
        sweep = Sweep(settings, account, session, channel, now, report, policy=policy, leases=leases or Leases(), interval=interval)
        try:
            _claim(sweep)
        except Skipped as skipped:
            session.rollback()
            report.status, report.error = skipped.status, str(skipped)
            return report
        except Exception as exc:  # noqa: BLE001 - nothing is recorded yet, but the other accounts go on
            session.rollback()
            report.status, report.error = "failed", redact(str(exc) if isinstance(exc, ConfigError) else f"internal error: {exc}")
            log.error("%s: sweep could not start: %s", account.name, report.error)
            return report
        report.run_id = sweep.run.id
        with sweep_context(account.name, sweep.run.id), Renewer(sessions, Account, sweep.account.id, sweep.leases):
            _collect(sweep, connector)
            _deliver(sweep)
            _record(sweep)
    return report
