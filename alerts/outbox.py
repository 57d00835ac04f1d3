"""Deliver planned digests per (account, route): dedup (the plan) → send with retry → record, as in Alertmanager.

A delivery row is committed before anything leaves and the notification log is written only after a send
succeeded: a crash in between repeats a message, never loses one. Transient failures are retried briefly
within the sweep and then across sweeps with backoff until retry_for; permanent ones are dead-lettered at
once, with one notice to the admin.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import make_msgid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerts.channels import Channel, Notification
from alerts.plan import Planned, plan
from alerts.render import Digest, DigestRequest, RenderError, fit, render_notice
from alerts.retry import RetryPolicy
from alerts.routes import AccountInfo, Route
from alerts.silences import Matcher
from alerts.transports import DeliveryError, PartlyRefused
from monitor.leases import Leases
from monitor.store.models import Delivery, DeliveryAttempt, Finding, Notified, SweepRun

log = logging.getLogger(__name__)
MAX_BYTES = 100_000  # Gmail clips messages from about 102 KB


@dataclass
class Outcome:
    """What happened on one route: none, held, waiting, sent, retrying, dead, failed or dry-run."""

    status: str
    findings: int = 0
    detail: str = ""
    route: str = "default"


@dataclass
class Pipeline:
    """What delivering needs besides the store: channels per route, the retry policy, sender, wording defaults."""

    channel: Callable[[Route], Channel]
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sender: str = "monitor@localhost"
    prefix: str = "[smm-monitor]"
    language: str = "en"
    admin: Route | None = None  # dead letters and credential failures go here
    more_command: Callable[[str], str] = lambda account: f"monitor findings --account {account}"
    max_bytes: int = MAX_BYTES
    leases: Leases = field(default_factory=Leases)  # a "sending" row is this worker's while its lease lasts


def _lease(delivery: Delivery, leases: Leases) -> None:
    delivery.lease_owner, delivery.lease_expires_at = leases.worker, leases.expiry()


def _release(delivery: Delivery) -> None:
    delivery.lease_owner = delivery.lease_expires_at = None


def _attempt(session: Session, delivery: Delivery, now: datetime, outcome: str, answer: str | None = None,
             error: str | None = None) -> None:
    delivery.attempts += 1
    session.add(DeliveryAttempt(delivery_id=delivery.id, attempted_at=now, outcome=outcome, answer=answer, error=error))
    session.commit()


def _send(session: Session, channel: Channel, delivery: Delivery, notification: Notification, policy: RetryPolicy,
          now: datetime) -> str:
    """A few tries within the sweep (backoff with jitter between them); every try recorded; raises the last error."""
    for attempt in range(policy.attempts):
        try:
            answer = channel.send(notification)
        except PartlyRefused as exc:  # the others have it: trying again now would send it to them twice
            _attempt(session, delivery, now, "partial", answer=exc.answer, error=str(exc))
            raise
        except DeliveryError as exc:
            _attempt(session, delivery, now, "transient" if exc.transient else "permanent", error=str(exc))
            if not exc.transient or attempt == policy.attempts - 1:
                raise
            policy.sleep(policy.pause(attempt, delivery.id))
            continue
        _attempt(session, delivery, now, "sent", answer=answer)
        return answer
    raise AssertionError("unreachable")  # pragma: no cover


def _last_outcome(session: Session, delivery: Delivery) -> str | None:
    """How the delivery's latest attempt ended (sent, transient, permanent, partial)."""
    if delivery.id is None:
        return None
    return session.scalar(select(DeliveryAttempt.outcome).where(DeliveryAttempt.delivery_id == delivery.id)
                          .order_by(DeliveryAttempt.id.desc()).limit(1))


def _log(session: Session, account: AccountInfo, entry: Planned, now: datetime, outcome: str, message_id: str | None = None) -> None:
    """The route's notification log, one row per (route, fingerprint): "sent" after a successful send, "dead" when
    given up (the findings then wait a repeat interval before this route tries them again)."""
    logs = {n.fingerprint: n for n in session.scalars(
        select(Notified).where(Notified.account_id == account.id, Notified.route == entry.route.name))}
    for finding in entry.findings:
        row = logs.get(finding.fingerprint)
        if row is None:
            row = Notified(route=entry.route.name, account_id=account.id, fingerprint=finding.fingerprint, first_sent_at=now)
            session.add(row)
            logs[finding.fingerprint] = row
        row.finding_id, row.last_sent_at, row.outcome = finding.id, now, outcome
        if outcome == "sent":
            row.first_message_id = row.first_message_id or message_id
            row.resolved_sent_at = None
            finding.notified_at = finding.notified_at or now
    for finding in entry.resolved:
        row = logs.get(finding.fingerprint)
        if row is not None:
            row.resolved_sent_at = now


def compose(session: Session, account: AccountInfo, entry: Planned, pipeline: Pipeline, channel: Channel, now: datetime,
            audit: timedelta | None = None) -> Digest:
    """The route's digest, fitted under the size cap (fewer findings listed, the rest counted)."""
    route = entry.route
    thread_subject = None
    if entry.repeats and not entry.new and entry.threads:
        thread_subject = session.scalar(select(Delivery.subject).where(Delivery.message_id == entry.threads[0]).limit(1))
    request = DigestRequest(
        account=account, findings=entry.findings, language=route.language_for(account, pipeline.language),
        prefix=pipeline.prefix, now=now, audit=audit, repeated={f.id for f in entry.repeats}, resolved=entry.resolved,
        held=entry.held, limit=route.max_findings, more_command=pipeline.more_command(account.name),
        repeat_interval=route.repeat_interval, thread_subject=thread_subject,
    )
    return fit(request, channel.size, pipeline.max_bytes)


def _dead_letter(session: Session, account: AccountInfo, delivery: Delivery, pipeline: Pipeline, now: datetime,
                 run_id: int | None) -> None:
    """One notice to the admin about a delivery given up (never for the admin's own notices)."""
    if pipeline.admin is None or delivery.route == pipeline.admin.name:
        return
    values = {"account": account.name, "route": delivery.route, "recipients": ", ".join(delivery.recipients) or delivery.transport,
              "attempts": delivery.attempts, "error": delivery.error or "", "command": pipeline.more_command(account.name)}
    notify(session, account, pipeline, "dead_letter", values, now, run_id)


def notify(session: Session, account: AccountInfo, pipeline: Pipeline, kind: str, values: dict[str, object],
           now: datetime, run_id: int | None) -> Outcome:
    """Send a notice to the admin route (a dead letter, credentials refused), with the in-sweep retries only."""
    route = pipeline.admin
    if route is None:
        return Outcome("none", route="admin")
    channel = pipeline.channel(route)
    try:
        template = {"account_failure": "failure"}.get(kind, kind)
        digest = render_notice(template, route.language_for(account, pipeline.language), pipeline.prefix, values)
    except RenderError as exc:
        log.error("%s: the %s notice cannot be rendered: %s", account.name, kind, exc)
        return Outcome("failed", detail=str(exc), route=route.name)
    notification = Notification(digest, pipeline.sender, list(route.recipients), account.name, now, _message_id(pipeline))
    if not channel.records:
        channel.send(notification)
        return Outcome("dry-run", route=route.name)
    delivery = Delivery(account_id=account.id, sweep_run_id=run_id, kind=kind, route=route.name, transport=channel.name,
                        recipients=list(route.recipients), subject=digest.subject, status="sending", created_at=now,
                        message_id=notification.message_id, finding_ids=[], attempts=0)
    _lease(delivery, pipeline.leases)
    session.add(delivery)
    session.commit()
    try:
        answer = _send(session, channel, delivery, notification, pipeline.policy, now)
    except DeliveryError as exc:
        delivery.status, delivery.error = "dead", str(exc)
        _release(delivery)
        session.commit()
        log.error("%s: the %s notice to the admin was not delivered: %s", account.name, kind, exc)
        return Outcome("dead", detail=str(exc), route=route.name)
    delivery.status, delivery.sent_at = "sent", now
    _release(delivery)
    session.commit()
    return Outcome("sent", detail=answer, route=route.name)


def _message_id(pipeline: Pipeline) -> str:
    return make_msgid(domain=pipeline.sender.rsplit("@", 1)[-1])


def _drop_stale(session: Session, account: AccountInfo, route: str) -> None:
    """A digest still retrying whose findings have all resolved or been silenced has nothing left to say."""
    stale = list(session.scalars(select(Delivery).where(Delivery.account_id == account.id, Delivery.route == route,
                                                        Delivery.kind == "digest", Delivery.status == "retrying")))
    for delivery in stale:
        delivery.status, delivery.next_attempt_at = "superseded", None
    if stale:
        session.commit()


def deliver_route(session: Session, account: AccountInfo, entry: Planned, pipeline: Pipeline, now: datetime,
                  run_id: int | None, audit: timedelta | None = None) -> Outcome:
    """Send one route's digest through its pipeline: wait out a backoff, render, send with retry, record."""
    route = entry.route
    count = len(entry.findings)
    if entry.empty:
        _drop_stale(session, account, route.name)
        return Outcome("none", route=route.name)
    if entry.held.quiet_until is not None:
        return Outcome("held", count, f"quiet hours until {entry.held.quiet_until:%Y-%m-%d %H:%M} UTC", route.name)
    channel = pipeline.channel(route)
    pending = session.scalar(
        select(Delivery).where(Delivery.account_id == account.id, Delivery.route == route.name, Delivery.kind == "digest",
                               Delivery.status.in_(("retrying", "sending"))).order_by(Delivery.id.desc()).limit(1)
        .with_for_update()  # a worker about to send it goes first; we then see its lease
    ) if channel.records else None
    if pending is not None and pending.status == "retrying" and pending.next_attempt_at and pending.next_attempt_at > now:
        return Outcome("waiting", count, f"next try at {pending.next_attempt_at:%Y-%m-%d %H:%M} UTC", route.name)
    if pending is not None and pending.status == "sending":
        if pipeline.leases.held_by_other(pending.lease_owner, pending.lease_expires_at):
            session.rollback()
            return Outcome("waiting", count, f"being sent by {pending.lease_owner}", route.name)
        # A "sending" row nobody holds is a stopped worker's: send it again (a duplicate rather than a miss).
        log.warning("%s: route %s: delivery %d was left sending by %s; sending it again", account.name, route.name,
                    pending.id, pending.lease_owner or "a stopped process")
    # A digest some recipients already have goes again only to those who refused it.
    recipients = list(pending.recipients) if pending is not None and _last_outcome(session, pending) == "partial" else list(route.recipients)
    delivery = pending or Delivery(account_id=account.id, kind="digest", route=route.name, created_at=now, attempts=0,
                                   expires_at=now + pipeline.policy.retry_for, subject="", status="sending")
    delivery.sweep_run_id, delivery.transport, delivery.recipients = run_id, channel.name, recipients
    delivery.finding_ids = [f.id for f in entry.findings] + [f.id for f in entry.resolved]
    try:
        digest = compose(session, account, entry, pipeline, channel, now, audit)
    except RenderError as exc:
        if not channel.records:
            return Outcome("failed", count, str(exc), route.name)
        delivery.status, delivery.error, delivery.subject = "dead", str(exc), ""
        _release(delivery)
        session.add(delivery)
        session.commit()
        _attempt(session, delivery, now, "permanent", error=str(exc))
        _log(session, account, entry, now, "dead")
        session.commit()
        log.error("%s: route %s: the digest cannot be rendered (permanent): %s", account.name, route.name, exc)
        _dead_letter(session, account, delivery, pipeline, now, run_id)
        return Outcome("dead", count, str(exc), route.name)
    notification = Notification(digest, pipeline.sender, recipients, account.name, now, _message_id(pipeline),
                                in_reply_to=entry.threads[0] if entry.threads else None, references=entry.threads)
    if not channel.records:  # a dry run: shown, never recorded, nothing marked sent
        channel.send(notification)
        return Outcome("dry-run", count, digest.subject, route.name)
    delivery.subject, delivery.message_id, delivery.in_reply_to = digest.subject, notification.message_id, notification.in_reply_to
    delivery.status, delivery.next_attempt_at = "sending", None
    _lease(delivery, pipeline.leases)
    session.add(delivery)
    session.commit()  # The attempt is on record before anything leaves.
    try:
        answer = _send(session, channel, delivery, notification, pipeline.policy, now)
    except DeliveryError as exc:
        delivery.error = str(exc)
        partly = isinstance(exc, PartlyRefused)
        if partly:
            delivery.recipients = [r for r in recipients if r in exc.refused] or list(exc.refused)
        failed_sweeps = session.scalar(select(func.count(func.distinct(DeliveryAttempt.attempted_at)))
                                       .where(DeliveryAttempt.delivery_id == delivery.id)) or 1
        _release(delivery)
        if exc.transient and delivery.expires_at is not None and now < delivery.expires_at:
            delivery.status = "retrying"
            delivery.next_attempt_at = pipeline.policy.next_attempt(now, failed_sweeps, delivery.id)
            session.commit()
            log.error("%s: route %s: not sent, will retry at %s: %s", account.name, route.name, delivery.next_attempt_at, exc)
            return Outcome("retrying", count, str(exc), route.name)
        delivery.status = "dead"
        if partly:  # the others received it: it is sent for this route, and the admin hears about the refused
            _log(session, account, entry, now, "sent", notification.message_id)
        else:
            _log(session, account, entry, now, "dead")
        session.commit()
        why = "permanent" if not exc.transient else f"still failing after {pipeline.policy.retry_for}"
        log.error("%s: route %s: given up (%s): %s", account.name, route.name, why, exc)
        _dead_letter(session, account, delivery, pipeline, now, run_id)
        return Outcome("dead", count, str(exc), route.name)
    delivery.status, delivery.sent_at, delivery.error = "sent", now, None
    _release(delivery)
    _log(session, account, entry, now, "sent", notification.message_id)
    session.commit()
    return Outcome("sent", count, answer, route.name)


def deliver(session: Session, account: AccountInfo, routes: list[Route], default: Route, silenced: list[Matcher],
            pipeline: Pipeline, now: datetime, run_id: int | None, audit: timedelta | None = None) -> list[Outcome]:
    """Plan and deliver every route's digest for one account; one failing route never blocks another."""
    outcomes = []
    for entry in plan(session, account, routes, default, silenced, now):
        try:
            outcomes.append(deliver_route(session, account, entry, pipeline, now, run_id, audit))
        except Exception as exc:  # noqa: BLE001 - the next route still goes out
            session.rollback()
            log.exception("%s: route %s: delivery failed", account.name, entry.route.name)
            outcomes.append(Outcome("failed", len(entry.findings), f"internal error: {type(exc).__name__}: {exc}", entry.route.name))
    return outcomes


def notify_failure(session: Session, account: AccountInfo, pipeline: Pipeline, now: datetime, run_id: int | None,
                   error: str) -> Outcome:
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
        return Outcome("none", route="admin")
    values = {"account": account.name, "platform": account.platform_title, "error": error, "when": f"{now:%Y-%m-%d %H:%M} UTC"}
    return notify(session, account, pipeline, "account_failure", values, now, run_id)


def outbox_counts(session: Session) -> dict[str, int]:
    """Deliveries waiting to be sent, retrying and given up (for `monitor status`)."""
    counts = dict(session.execute(select(Delivery.status, func.count()).group_by(Delivery.status)).all())
    return {"pending": counts.get("sending", 0), "retrying": counts.get("retrying", 0), "dead": counts.get("dead", 0)}


__all__ = ["Outcome", "Pipeline", "deliver", "deliver_route", "notify", "notify_failure", "outbox_counts", "Finding"]
