"""`monitor check`: a draft post checked before publishing, in its account's context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from monitor.detectors import RULES, TEXT_CHECKS, TextHit, excerpt, load_rules
from monitor.detectors.spam import find_repeats
from monitor.settings import AccountSettings, Settings
from monitor.store.models import Account
from monitor.store.repo import account_items, latest_posts

DRAFT_ID = "draft"


@dataclass
class Draft:
    """The draft, shaped like a stored post for the comparisons."""

    text: str
    created_at: datetime
    external_id: str = DRAFT_ID
    url: str | None = None


def _result(account: AccountSettings, mistake: str, rule: str, hit: TextHit, now: datetime, language: str,
            item_ids: list[str], evidence: list[dict[str, Any]]) -> dict[str, Any]:
    """One problem of the draft in the shape of DESIGN.md's findings JSON (status "draft")."""
    return {
        "id": None,
        "mistake": mistake,
        "rule": rule,
        "account": account.name,
        "platform": account.platform,
        "item_ids": item_ids,
        "severity": hit.severity,
        "status": "draft",
        "first_seen": now.isoformat(),
        "last_seen": now.isoformat(),
        "summary": hit.summary.get(language) or hit.summary["en"],
        "evidence": evidence,
        "why": RULES[(mistake, rule)].why[language] if (mistake, rule) in RULES else "",
        "todo": RULES[(mistake, rule)].todo[language] if (mistake, rule) in RULES else "",
    }


def _stored(session: Session, account: AccountSettings) -> Account | None:
    """The account's row once it has been swept (its platform id known)."""
    stored = session.scalar(select(Account).where(Account.name == account.name))
    return stored if stored is not None and stored.external_id else None


def _recent(session: Session, stored: Account | None, now: datetime, since: datetime) -> list[Any]:
    """The account's own stored posts between since and now, oldest first."""
    if stored is None:
        return []
    return [
        p for p in account_items(session, stored.id, since=since, kinds=["post"])
        if p.author_id == stored.external_id and not p.is_share and p.created_at <= now
    ]


def check_draft(settings: Settings, account: AccountSettings, sessions: sessionmaker[Session], text: str,
                now: datetime) -> list[dict[str, Any]]:
    """Every text rule on the draft, plus repeats of recent posts and the promotion share it would cause."""
    load_rules()
    from monitor.detectors.self_promotion import promo_score, share_if_posted

    rules = account.effective_rules
    language = settings.email.language
    draft_evidence = [{"item_id": DRAFT_ID, "url": None, "excerpt": excerpt(text)}]  # the author's own draft: shown as written
    results = []
    for (mistake, name), check in sorted(TEXT_CHECKS.items()):
        if not RULES[(mistake, name)].enabled(rules):
            continue
        for hit in check(text, rules):
            evidence = [{**draft_evidence[0], "excerpt": ", ".join(hit.fragments) or draft_evidence[0]["excerpt"]}]
            results.append(_result(account, mistake, name, hit, now, language, [], evidence))
    spam, promo = rules.spam, rules.self_promotion
    with sessions() as session:
        stored = _stored(session, account)
        recent = _recent(session, stored, now, now - spam.window)
        if RULES[("spam", "repeated_update")].enabled(rules):
            draft = Draft(text, now)
            for original, repeat, score in find_repeats([*recent, draft], spam.window.total_seconds(), spam.similarity, spam.min_length):
                if repeat is not draft:
                    continue
                hit = TextHit(
                    severity="warning",
                    fragments=[],
                    summary={
                        "en": f"the draft repeats a post from {original.created_at:%Y-%m-%d} ({score:.0%} similar)",
                        "ru": f"черновик повторяет публикацию от {original.created_at:%Y-%m-%d} (сходство {score:.0%})",
                    },
                )
                evidence = [{"item_id": original.external_id, "url": original.url, "excerpt": excerpt(original.text)}]
                results.append(_result(account, "spam", "repeated_update", hit, now, language, [original.external_id], evidence))
        if RULES[("self_promotion", "promo_share")].enabled(rules):
            last = latest_posts(session, stored.id, stored.external_id, promo.last_posts - 1, until=now) if stored else []
            hit = share_if_posted(promo_score(text, promo), [promo_score(p.text, promo) for p in last], promo)
            if hit is not None:
                results.append(_result(account, "self_promotion", "promo_share", hit, now, language, [], draft_evidence))
    return results
