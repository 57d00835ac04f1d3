"""`monitor check`: a draft post checked before publishing, in its account's context."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from monitor.detectors import DRAFT_ID, TextHit
from monitor.detectors.context import Context
from monitor.detectors.masking import mask_sensitive
from monitor.detectors.registry import registry
from monitor.settings import AccountSettings, Settings
from monitor.store.models import Account


def _result(account: AccountSettings, mistake: str, rule: str, hit: TextHit, now: datetime, language: str,
            evidence: list[dict[str, Any]], why: dict[str, str], todo: dict[str, str]) -> dict[str, Any]:
    """One problem of the draft in the shape of DESIGN.md's findings JSON (status "draft")."""
    return {
        "id": None,
        "mistake": mistake,
        "rule": rule,
        "account": account.name,
        "platform": account.platform,
        "item_ids": [str(e["item_id"]) for e in evidence if e.get("item_id") not in (None, DRAFT_ID)],
        "severity": hit.severity,
        "status": "draft",
        "first_seen": now.isoformat(),
        "last_seen": now.isoformat(),
        "summary": hit.summary.get(language) or hit.summary["en"],
        "evidence": evidence,
        "why": why.get(language, ""),
        "todo": todo.get(language, ""),
    }


def _account(session: Session, account: AccountSettings) -> Account:
    """The account's stored row, or an empty stand-in before its first sweep (no history to compare with)."""
    stored = session.scalar(select(Account).where(Account.name == account.name))
    return stored if stored is not None else Account(id=0, name=account.name, platform=account.platform)


def check_draft(settings: Settings, account: AccountSettings, sessions: sessionmaker[Session], text: str,
                now: datetime) -> list[dict[str, Any]]:
    """Every enabled rule that judges drafts, run on the draft in the account's context."""
    rules = account.effective_rules
    language = settings.email.language
    results = []
    with sessions() as session:
        ctx = Context(session, _account(session, account), account, now)
        for declared in registry().drafts(rules):
            for hit, evidence in declared.draft(ctx, text):
                for entry in evidence:
                    if entry.get("item_id") != DRAFT_ID:  # stored posts quoted as evidence are masked as in findings
                        entry["excerpt"] = mask_sensitive(entry["excerpt"], rules)
                results.append(_result(account, declared.mistake, declared.name, hit, now, language, evidence,
                                       declared.why, declared.todo))
    return results
