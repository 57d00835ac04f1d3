"""Plan one account's alerts: route its live findings, drop what is silenced or acknowledged, dedup against
what each route was sent (repeat_interval), add resolved notices, and hold routes in their quiet hours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.render import Held
from alerts.routes import AccountInfo, Route, by_severity, route_findings
from alerts.silences import Matcher, matchers
from monitor.store.models import Finding, Notified
from monitor.store.repo import LIVE


@dataclass
class Planned:
    """One route's next digest for one account: new findings, repeats, resolved ones, and what was held back."""

    route: Route
    new: list[Finding] = field(default_factory=list)
    repeats: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    held: Held = field(default_factory=Held)
    threads: list[str] = field(default_factory=list)  # the first messages about what this digest repeats

    @property
    def findings(self) -> list[Finding]:
        """What the digest lists, critical first."""
        return by_severity([*self.new, *self.repeats])

    @property
    def empty(self) -> bool:
        """Nothing to say on this route."""
        return not (self.new or self.repeats or self.resolved)


def _due(route: Route, finding: Finding, logged: Notified | None, now: datetime) -> str | None:
    """new, repeat, or None when this route was told recently enough."""
    if logged is None:
        return "new"
    same = logged.finding_id == finding.id
    # The same finding repeats after repeat_interval; one that came back (same fingerprint) waits renotify_after.
    wait = route.repeat_interval if same else route.renotify_after
    if logged.last_sent_at + wait > now:
        return None
    return "repeat" if same and logged.first_message_id else "new"


def plan(session: Session, account: AccountInfo, routes: list[Route], default: Route, silenced: list[Matcher],
         now: datetime, *, quiet: bool = True) -> list[Planned]:
    """The digests each route (the default last) would get now; `quiet=False` ignores quiet hours (a preview).

    `silenced` are the config file's silences; the database's are read here, so a new one counts at the next sweep.
    """
    silenced = matchers(session, silenced, now)
    live = list(session.scalars(select(Finding).where(Finding.account_id == account.id, Finding.status.in_(LIVE)).order_by(Finding.id)))
    routed = route_findings(routes, default, account.name, live)
    logs = {(n.route, n.fingerprint): n for n in session.scalars(select(Notified).where(Notified.account_id == account.id))}
    planned = []
    for route in [*routes, default]:
        entry = Planned(route)
        for finding in routed[route.name]:
            if finding.status == "acknowledged":
                entry.held.acknowledged += 1
                continue
            if any(m.matches(account.name, finding, now) for m in silenced):
                entry.held.silenced += 1
                continue
            logged = logs.get((route.name, finding.fingerprint))
            due = _due(route, finding, logged, now)
            if due is None:
                continue
            (entry.repeats if due == "repeat" else entry.new).append(finding)
            if logged is not None and logged.first_message_id:
                entry.threads.append(logged.first_message_id)
        if route.send_resolved:
            entry.resolved = _resolved(session, account.id, route.name)
        if quiet and route.quiet_hours is not None and route.quiet_hours.contains(now):
            entry.held.quiet_until = route.quiet_hours.ends_after(now)
        entry.threads = list(dict.fromkeys(entry.threads))
        planned.append(entry)
    return planned


def _resolved(session: Session, account_id: int, route: str) -> list[Finding]:
    """Findings this route was told about that resolved since, not yet announced as resolved."""
    query = (
        select(Finding)
        .join(Notified, Notified.finding_id == Finding.id)
        .where(Notified.account_id == account_id, Notified.route == route, Notified.outcome == "sent",
               Notified.resolved_sent_at.is_(None), Finding.status == "resolved", Finding.resolved_at > Notified.last_sent_at)
        .order_by(Finding.resolved_at)
    )
    return list(session.scalars(query))
