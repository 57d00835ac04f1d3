"""Plan and deliver one digest per account per sweep, recording every attempt in the outbox."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from alerts.transports import DeliveryError, Transport
from monitor.store.models import Account, Delivery, Finding, SweepRun

if TYPE_CHECKING:
    from alerts.render import Digest

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What happened to this sweep's digest: none, sent, failed or dry-run."""

    status: str
    findings: int = 0
    detail: str = ""


def pending_findings(session: Session, account_id: int, now: datetime | None = None,
                     renotify_after: timedelta = timedelta(0)) -> list[Finding]:
    """Open findings not yet emailed (a failed send leaves them here for the next sweep).

    A finding that came back (same fingerprint) within renotify_after of its last email waits:
    a problem flapping around a threshold is not emailed every time it reopens.
    """
    query = select(Finding).where(
        Finding.account_id == account_id, Finding.status == "open", Finding.notified_at.is_(None)
    )
    pending = list(session.scalars(query.order_by(Finding.id)))
    if not pending or now is None or renotify_after <= timedelta(0):
        return pending
    earlier = aliased(Finding)
    recent = set(
        session.scalars(
            select(earlier.fingerprint).where(
                earlier.account_id == account_id,
                earlier.fingerprint.in_([f.fingerprint for f in pending]),
                earlier.notified_at > now - renotify_after,
            )
        )
    )
    return [f for f in pending if f.fingerprint not in recent]


def _send(
    session: Session,
    account: Account,
    settings: Any,
    transport: Transport,
    now: datetime,
    run_id: int | None,
    kind: str,
    render: Callable[[], Digest],
    findings: list[Finding],
) -> Outcome:
    """Render and send one email; commit the attempt before and its result after sending."""
    from alerts.render import RenderError, build_message  # Jinja2 only when there is something to send

    email = settings.email
    configured = next((a for a in settings.accounts if a.name == account.name), None)
    recipients = list(configured.email_to if configured and configured.email_to else email.to)
    delivery = Delivery(
        account_id=account.id,
        sweep_run_id=run_id,
        kind=kind,
        transport=transport.name,
        recipients=recipients,
        subject="",
        status="sending",
        created_at=now,
        finding_ids=[f.id for f in findings],
    )
    try:
        digest = render()
    except RenderError as exc:
        log.error("%s: %s", account.name, exc)
        delivery.status, delivery.error = "failed", str(exc)
        if transport.records:
            session.add(delivery)
            session.commit()
        return Outcome("failed", len(findings), str(exc))
    message = build_message(digest, email.from_, recipients, now, account.name)
    if not transport.records:  # a dry run: shown, never recorded, nothing marked sent
        transport.send(message)
        return Outcome("dry-run", len(findings), digest.subject)
    delivery.subject, delivery.message_id = digest.subject, message["Message-ID"]
    session.add(delivery)
    session.commit()  # The attempt is on record before anything leaves.
    try:
        where = transport.send(message)
    except DeliveryError as exc:
        delivery.status, delivery.error = "failed", str(exc)
        session.commit()
        what = "will retry next sweep" if exc.transient else "permanent; fix the email settings"
        log.error("%s: %s email not sent (%s): %s", account.name, kind, what, exc)
        return Outcome("failed", len(findings), str(exc))
    delivery.status, delivery.sent_at = "sent", now
    for finding in findings:
        finding.notified_at = now
    session.commit()
    return Outcome("sent", len(findings), where)


def deliver_digest(
    session: Session,
    account: Account,
    settings: Any,
    transport: Transport,
    now: datetime,
    run_id: int | None,
    audit: timedelta | None = None,
) -> Outcome:
    """Email the account's pending findings once, as one digest (`audit`: the first sweep's window of history)."""
    email = settings.email
    findings = [
        f for f in pending_findings(session, account.id, now, email.renotify_after)
        if not any(s.matches(account.name, f.mistake, f.rule, now) for s in settings.silences)
    ]
    if not findings:
        return Outcome("none")

    def render() -> Digest:
        from alerts.render import render_digest

        return render_digest(account, findings, email.language, email.subject_prefix, now, audit)

    return _send(session, account, settings, transport, now, run_id, "digest", render, findings)


def notify_failure(
    session: Session,
    account: Account,
    settings: Any,
    transport: Transport,
    now: datetime,
    run_id: int | None,
    error: str,
) -> Outcome:
    """Tell the admin once that an account's credentials were refused (again only after it worked)."""
    last_ok = session.scalar(
        select(func.max(SweepRun.started_at)).where(SweepRun.account_id == account.id, SweepRun.status == "ok")
    )
    told = select(Delivery.id).where(
        Delivery.account_id == account.id, Delivery.kind == "account_failure", Delivery.status == "sent"
    )
    if last_ok is not None:
        told = told.where(Delivery.created_at >= last_ok)
    if session.scalar(told.limit(1)) is not None:
        return Outcome("none")
    email = settings.email

    def render() -> Digest:
        from alerts.render import render_failure

        return render_failure(account, error, email.language, email.subject_prefix, now)

    return _send(session, account, settings, transport, now, run_id, "account_failure", render, [])
