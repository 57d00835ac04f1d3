"""Reconcile detected findings with stored ones: open new, refresh seen, resolve gone, expire what left its window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from monitor.detectors import Detected
from monitor.detectors.registry import registry
from monitor.settings import RulesSettings
from monitor.store.models import Account, Finding
from monitor.store.repo import open_findings


@dataclass
class Reconciled:
    """What one reconciliation changed, and how many findings are open after it."""

    opened: list[Finding] = field(default_factory=list)
    refreshed: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    expired: list[Finding] = field(default_factory=list)
    open_total: int = 0


def _aged_out(row: Finding, rules: RulesSettings, now: datetime) -> bool:
    """Whether all of a finding's evidence is older than its rule's declared window (no longer checked, not fixed)."""
    declared = registry().get(row.mistake, row.rule)
    if declared is None or not declared.expires:
        return False
    times = []
    for evidence in row.evidence or []:
        try:
            times.append(datetime.fromisoformat(evidence["created_at"]))
        except (KeyError, TypeError, ValueError):
            continue
    return bool(times) and max(times) < now - declared.window(rules)


def _switched_off(row: Finding, rules: RulesSettings) -> bool:
    """Whether the finding's rule is switched off in [rules.*] (or no longer exists)."""
    declared = registry().get(row.mistake, row.rule)
    return declared is None or not declared.enabled(rules)


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

    Open findings are loaded once; a refreshed finding is rewritten only when what it shows
    changed, the others get their last_seen in one statement. A finding of a rule that ran and
    no longer reports it is resolved, or expired when its evidence has left the rule's window.
    With `rules`, findings of rules switched off are expired too; without, rules that did not
    run keep theirs.
    """
    result = Reconciled()
    stored = {f.fingerprint: f for f in open_findings(session, account.id)}
    seen: set[str] = set()
    unchanged: list[Finding] = []
    for found in detected:
        fingerprint = found.fingerprint(account.id)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        summary = found.summary.get(language) or found.summary["en"]
        # The finding carries what an alert shows: its summaries, and its rule's why and what to do.
        details = {**found.details, "summary": found.summary, "why": found.why, "todo": found.todo}
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
            continue
        shown = (found.severity, summary, found.item_ids, found.evidence, details)
        if shown != (row.severity, row.summary, row.item_ids, row.evidence, row.details):
            row.last_seen, row.severity, row.summary = now, found.severity, summary
            row.item_ids, row.evidence, row.details = found.item_ids, found.evidence, details
        else:
            unchanged.append(row)
        result.refreshed.append(row)
    if unchanged:
        session.execute(update(Finding).where(Finding.id.in_([r.id for r in unchanged])).values(last_seen=now),
                        execution_options={"synchronize_session": False})
        for row in unchanged:
            set_committed_value(row, "last_seen", now)  # already written by the statement above
    for fingerprint, row in stored.items():
        if fingerprint in seen:
            continue
        if (row.mistake, row.rule) in ran:
            # A first sweep's audit reports past events once; no longer reported, they expire, they were not fixed.
            expired = (row.details or {}).get("audit") is True or (rules is not None and _aged_out(row, rules, now))
        elif rules is not None and _switched_off(row, rules):
            expired = True
        else:
            continue
        row.status, row.resolved_at = ("expired" if expired else "resolved"), now
        (result.expired if expired else result.resolved).append(row)
    session.flush()
    result.open_total = len(stored) + len(result.opened) - len(result.resolved) - len(result.expired)
    return result
