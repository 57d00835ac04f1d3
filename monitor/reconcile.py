"""Reconcile detected findings with stored ones: open new, refresh seen, resolve gone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from monitor.detectors import Detected
from monitor.store.models import Account, Finding
from monitor.store.repo import open_findings


@dataclass
class Reconciled:
    """What one reconciliation changed."""

    opened: list[Finding] = field(default_factory=list)
    refreshed: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)


def reconcile(
    session: Session,
    account: Account,
    detected: list[Detected],
    ran: set[tuple[str, str]],
    now: datetime,
    language: str,
) -> Reconciled:
    """Apply this sweep's findings; only rules that ran can resolve their findings."""
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
        if fingerprint not in seen and (row.mistake, row.rule) in ran:
            row.status, row.resolved_at = "resolved", now
            result.resolved.append(row)
    session.flush()
    return result
