"""Detectors: one module per mistake, each rule a function of stored data and `now`."""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from monitor.settings import AccountSettings, RulesSettings
from monitor.store.models import Account, Item

MISTAKES = ("planning", "misleading", "ignoring", "spam", "tone", "oversharing", "self_promotion")
EXCERPT_CHARS = 280
log = logging.getLogger(__name__)


@dataclass
class Context:
    """What a rule may read: the store, the account, its effective rules and the time."""

    session: Session
    account: Account
    settings: AccountSettings
    now: datetime

    @property
    def rules(self) -> RulesSettings:
        return self.settings.effective_rules


@dataclass
class Detected:
    """A finding as a rule reports it; `key` makes its fingerprint unique within the rule."""

    mistake: str
    rule: str
    key: str
    severity: str
    summary: dict[str, str]
    item_ids: list[str]
    evidence: list[dict[str, Any]]
    details: dict[str, Any] = field(default_factory=dict)

    def fingerprint(self, account_id: int) -> str:
        """Deterministic: the same account, rule and key give the same fingerprint."""
        raw = f"{account_id}|{self.mistake}|{self.rule}|{self.key}"
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class Rule:
    """A registered rule: its ids, its function, and why it matters / what to do (en, ru)."""

    mistake: str
    name: str
    func: Callable[[Context], list[Detected]]
    why: dict[str, str]
    todo: dict[str, str]

    def enabled(self, rules: RulesSettings) -> bool:
        return rule_enabled(rules, self.mistake, self.name)


def rule_enabled(rules: RulesSettings, mistake: str, name: str) -> bool:
    """Whether [rules.<mistake>] leaves this rule switched on."""
    section = getattr(rules, mistake, None)
    return section is not None and section.enabled and name not in section.disable


RULES: dict[tuple[str, str], Rule] = {}


@dataclass
class TextHit:
    """What a text check found in one text (a stored post or a draft)."""

    severity: str
    fragments: list[str]
    summary: dict[str, str]
    details: dict[str, Any] = field(default_factory=dict)
    masked_text: str | None = None  # the text as it may be shown, when it holds something to hide


TextCheck = Callable[[str, RulesSettings], list[TextHit]]
TEXT_CHECKS: dict[tuple[str, str], TextCheck] = {}


def rule(mistake: str, name: str, *, why: dict[str, str], todo: dict[str, str]) -> Callable:
    """Register a rule function under (mistake, name)."""
    if mistake not in MISTAKES:
        raise ValueError(f"unknown mistake {mistake!r}")

    def register(func: Callable[[Context], list[Detected]]) -> Callable[[Context], list[Detected]]:
        RULES[(mistake, name)] = Rule(mistake, name, func, why, todo)
        return func

    return register


def load_rules() -> None:
    """Import every mistake module so that RULES and TEXT_CHECKS are complete."""
    for mistake in MISTAKES:
        try:
            importlib.import_module(f"monitor.detectors.{mistake}")
        except ModuleNotFoundError as exc:
            if exc.name != f"monitor.detectors.{mistake}":
                raise


def text_rule(mistake: str, name: str, *, why: dict[str, str], todo: dict[str, str],
              kinds: tuple[str, ...] = ("post", "reply")) -> Callable[[TextCheck], TextCheck]:
    """Register a pure text check, and a rule applying it to the account's own items within `lookback`."""

    def register(check: TextCheck) -> TextCheck:
        TEXT_CHECKS[(mistake, name)] = check

        def stored(ctx: Context) -> list[Detected]:
            from monitor.store.repo import account_items

            own_id = ctx.account.external_id
            if not own_id:
                return []
            since = ctx.now - getattr(ctx.rules, mistake).lookback
            found = []
            for item in account_items(ctx.session, ctx.account.id, since=since, kinds=kinds):
                if item.author_id != own_id or item.is_share:
                    continue
                for hit in check(item.text, ctx.rules):
                    evidence = evidence_of(item)
                    if hit.masked_text is not None:
                        evidence["excerpt"] = excerpt(hit.masked_text)
                    found.append(
                        Detected(
                            mistake=mistake,
                            rule=name,
                            key=item.external_id,
                            severity=hit.severity,
                            summary=hit.summary,
                            item_ids=[item.external_id],
                            evidence=[evidence],
                            details={"matched": hit.fragments, **hit.details},
                        )
                    )
            return found

        rule(mistake, name, why=why, todo=todo)(stored)
        return check

    return register


def run_detectors(ctx: Context) -> tuple[list[Detected], set[tuple[str, str]]]:
    """Run every enabled rule; return the findings and the rules that ran to completion."""
    load_rules()
    found: list[Detected] = []
    ran: set[tuple[str, str]] = set()
    for key, registered in sorted(RULES.items()):
        if not registered.enabled(ctx.rules):
            continue
        found.extend(registered.func(ctx))
        ran.add(key)
    from monitor.detectors.masking import mask_finding

    for detected in found:
        mask_finding(detected, ctx.rules)
    return found, ran


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Text cut to limit characters on a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def display_author(item: Item) -> str:
    """The author as the platform shows them: @handle on X, the name elsewhere."""
    if item.author_handle:
        return f"@{item.author_handle}" if item.platform == "x" else item.author_handle
    return item.author_id or "?"


def evidence_of(item: Item) -> dict[str, Any]:
    """The evidence entry for one stored item."""
    return {
        "item_id": item.external_id,
        "url": item.url,
        "excerpt": excerpt(item.text),
        "author": display_author(item),
        "created_at": item.created_at.isoformat(),
    }
