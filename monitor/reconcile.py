"""Reconcile detected findings with stored ones: open new, refresh seen, resolve gone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from monitor.detectors import Detected, rule_enabled
from monitor.settings import RulesSettings
from monitor.store.models import Account, Finding
from monitor.store.repo import open_findings


@dataclass
class Reconciled:
    """What one reconciliation changed."""

    opened: list[Finding] = field(default_factory=list)
    refreshed: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    expired: list[Finding] = field(default_factory=list)


def _aged_out(row: Finding, rules: RulesSettings, now: datetime) -> bool:
    """Whether all of a finding's evidence is older than its mistake's window (no longer checked, not fixed)."""
    section = getattr(rules, row.mistake, None)
    horizon = next((getattr(section, a) for a in ("lookback", "max_age", "window") if hasattr(section, a)), None)
    times = []
    for evidence in row.evidence or []:
        try:
            times.append(datetime.fromisoformat(evidence["created_at"]))
        except (KeyError, TypeError, ValueError):
            continue
    return horizon is not None and bool(times) and max(times) < now - horizon


def reconcile(
    session: Session,
    account: Account,
    detected: list[Detected],
    ran: set[tuple[str, str]],
    now: datetime,
    language: str,
    rules: RulesSettings | None = None,
) -> Reconciled:
    """Apply this sweep's findings: open new, refresh seen, close gone.

    A finding of a rule that ran and no longer reports it is resolved, or expired when its
    evidence has left the rule's window (not fixed, just no longer checked). With `rules`,
    findings of rules switched off are expired too; without, rules that did not run keep theirs.
    """
    result = Reconciled()
    stored = {f.fingerprint: f for f in open_findings(session, account.id)}
    seen: set[str] = set()
    for found in detected:
        fingerprint = found.fingerprint(account.id)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        summary = found.summary.get(language) or found.summary["en"]
        details = {**found.details, "summary": found.summary}
        row = stored.get(fingerprint)
        if row is None:
            row = Finding(
                fingerprint=fingerprint,
                account_id=account.id,
                mistake=found.mistake,
                rule=found.rule,
                status="open",
                first_seen=now,
                last_seen=now,
                severity=found.severity,
                summary=summary,
                item_ids=found.item_ids,
                evidence=found.evidence,
                details=details,
            )
            session.add(row)
            result.opened.append(row)
        else:
            row.last_seen, row.severity, row.summary = now, found.severity, summary
            row.item_ids, row.evidence, row.details = found.item_ids, found.evidence, details
            result.refreshed.append(row)
    for fingerprint, row in stored.items():
        if fingerprint in seen:
            continue
        if (row.mistake, row.rule) in ran:
            expired = rules is not None and _aged_out(row, rules, now)
        elif rules is not None and not rule_enabled(rules, row.mistake, row.rule):
            expired = True
        else:
            continue
        row.status, row.resolved_at = ("expired" if expired else "resolved"), now
        (result.expired if expired else result.resolved).append(row)
    session.flush()
    return result
