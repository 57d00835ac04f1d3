"""One sweep of one account: fetch, store, detect, reconcile, alert."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.outbox import deliver_digest, notify_failure
from alerts.transports import Transport
from connectors.base import AuthError, Connector, ConnectorError
from monitor.config_errors import ConfigError
from monitor.detectors import Context, run_detectors
from monitor.reconcile import reconcile
from monitor.redact import redact
from monitor.settings import AccountSettings, Settings
from monitor.store.models import Account, SweepRun
from monitor.store.repo import ensure_account, load_cursors, open_findings, save_batch

log = logging.getLogger(__name__)


@dataclass
class SweepReport:
    """The outcome of one account's sweep, as the summary line and exit code need it."""

    account: str
    platform: str
    status: str = "ok"
    fetched: int = 0
    new: int = 0
    opened: int = 0
    resolved: int = 0
    expired: int = 0
    open_total: int = 0
    requests: int = 0
    email: str = "none"
    error: str | None = None
    notices: list[str] = field(default_factory=list)


def build_connector(settings: Settings, account: AccountSettings) -> Connector:
    """The connector module for the account's source: connectors/archive.py or connectors/<platform>.py."""
    module_name = "archive" if account.source == "archive" else account.platform
    try:
        module = importlib.import_module(f"connectors.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"connectors.{module_name}":
            raise
        raise ConfigError(
            f"{settings.path}: account {account.name!r}: this version has no {account.platform} connector; "
            'set enabled = false for it, or use source = "archive"'
        ) from None
    return module.build(settings, account)


def _deferred_until(session: Session, account_id: int, now: datetime) -> datetime | None:
    """The time a rate limit told us to wait until, if it is still ahead."""
    retry_after = session.scalar(
        select(SweepRun.retry_after).where(SweepRun.account_id == account_id).order_by(SweepRun.id.desc()).limit(1)
    )
    return retry_after if retry_after is not None and retry_after > now else None


def _collect(session: Session, settings: Settings, account_settings: AccountSettings, account: Account,
             connector: Connector | None, cursors: dict[str, str], now: datetime, report: SweepReport) -> datetime | None:
    """Fetch, store (with the cursors), detect and reconcile; return when the platform asks to pause until."""
    connector = connector or build_connector(settings, account_settings)
    batch = connector.fetch(cursors, now)
    report.requests = batch.requests
    report.notices.extend(batch.notices)
    with session.begin():
        saved = save_batch(session, account, connector.platform, batch, now)
        report.fetched, report.new = saved.fetched, saved.new
    with session.begin():
        detected, ran = run_detectors(Context(session, account, account_settings, now))
        changes = reconcile(session, account, detected, ran, now, settings.email.language, account_settings.effective_rules)
        report.opened, report.resolved, report.expired = len(changes.opened), len(changes.resolved), len(changes.expired)
        report.open_total = len(open_findings(session, account.id))
    return batch.defer_until


def sweep_account(
    settings: Settings,
    account_settings: AccountSettings,
    sessions: sessionmaker[Session],
    transport: Transport,
    now: datetime,
    *,
    dry_run: bool = False,
    connector: Connector | None = None,
    preview: Callable[[EmailMessage], None] | None = None,
) -> SweepReport:
    """Sweep one account; every failure is recorded on its run and reported, never raised."""
    report = SweepReport(account=account_settings.name, platform=account_settings.platform)
    retry_after = None
    with sessions() as session:
        try:
            with session.begin():
                account = ensure_account(session, account_settings.name, account_settings.platform, account_settings.handle, now)
                deferred = _deferred_until(session, account.id, now)
                run = SweepRun(account_id=account.id, started_at=now, status="running", notices=[])
                session.add(run)
                session.flush()
                cursors = load_cursors(session, account.id)
        except Exception as exc:  # noqa: BLE001 - nothing is recorded yet, but the other accounts go on
            report.status, report.error = "failed", redact(str(exc) if isinstance(exc, ConfigError) else f"internal error: {exc}")
            log.error("%s: sweep could not start: %s", account_settings.name, report.error)
            return report
        auth_error = None
        try:
            if deferred is not None:
                report.status, retry_after = "deferred", deferred
                report.notices.append(f"rate limited: not fetched until {deferred:%Y-%m-%d %H:%M} UTC")
            else:
                retry_after = _collect(session, settings, account_settings, account, connector, cursors, now, report)
        except (ConnectorError, ConfigError) as exc:
            session.rollback()
            report.status, report.error = "failed", redact(str(exc))
            retry_after = getattr(exc, "retry_at", None)
            auth_error = report.error if isinstance(exc, AuthError) else None
            log.error("%s: sweep failed: %s", account_settings.name, report.error)
        except Exception as exc:  # noqa: BLE001 - one account's bug must not stop the others
            session.rollback()
            report.status, report.error = "failed", redact(f"internal error: {type(exc).__name__}: {exc}")
            log.exception("%s: sweep failed with an internal error", account_settings.name)
        # Findings of earlier sweeps whose email failed go out even when this fetch failed.
        try:
            outcome = deliver_digest(session, account, settings, transport, now, run.id, dry_run=dry_run, preview=preview)
            report.email = outcome.status if outcome.status in ("none", "dry-run") else f"{outcome.status} ({outcome.findings} finding(s))"
            if outcome.status == "failed":
                report.notices.append(f"email not sent: {outcome.detail}")
            if auth_error:
                told = notify_failure(session, account, settings, transport, now, run.id, auth_error, dry_run=dry_run, preview=preview)
                if told.status != "none":
                    report.notices.append(f"credentials-failure email: {told.status}")
        except Exception as exc:  # noqa: BLE001
            session.rollback()
            report.email = "failed"
            report.notices.append(redact(f"email not sent: internal error: {type(exc).__name__}: {exc}"))
            log.exception("%s: delivering the digest failed", account_settings.name)
        run = session.merge(run)
        run.finished_at = now
        run.status = report.status
        run.retry_after = retry_after
        run.items_fetched, run.items_new = report.fetched, report.new
        run.findings_opened, run.findings_resolved = report.opened, report.resolved
        run.error, run.notices = report.error, list(report.notices)
        session.commit()
    return report
