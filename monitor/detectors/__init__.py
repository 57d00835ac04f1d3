"""Detectors: one module per mistake, each rule a function of stored data and `now` that declares what it needs."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from monitor.text.excerpt import excerpt

if TYPE_CHECKING:
    from monitor.detectors.context import Context
    from monitor.settings import RulesSettings
    from monitor.store.models import Item

MISTAKES = ("planning", "misleading", "ignoring", "spam", "tone", "oversharing", "self_promotion")
OWN_TEXT_KINDS = ("post", "reply")


@dataclass
class Detected:
    """A finding as a rule reports it; `key` makes its fingerprint unique within the rule.

    The registry stamps `mistake`, `rule` and the rule's why/todo on what a rule returns.
    """

    key: str
    severity: str
    summary: dict[str, str]
    item_ids: list[str]
    evidence: list[dict[str, Any]]
    details: dict[str, Any] = field(default_factory=dict)
    mistake: str = ""
    rule: str = ""
    why: dict[str, str] = field(default_factory=dict)
    todo: dict[str, str] = field(default_factory=dict)

    def fingerprint(self, account_id: int) -> str:
        """Deterministic: the same account, rule and key give the same fingerprint."""
        raw = f"{account_id}|{self.mistake}|{self.rule}|{self.key}"
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass
class TextHit:
    """What a check found in one text (a stored post or a draft)."""

    severity: str
    fragments: list[str]
    summary: dict[str, str]
    details: dict[str, Any] = field(default_factory=dict)
    masked_text: str | None = None  # the text as it may be shown, when it holds something to hide


TextCheck = Callable[[str, "RulesSettings"], list[TextHit]]
Window = Callable[["RulesSettings"], timedelta]
DraftCheck = Callable[["Context", str], list[tuple[TextHit, list[dict[str, Any]]]]]


@dataclass(frozen=True)
class Rule:
    """A rule and what it declares: its ids, window, the kinds it reads, drafts, snapshots, why and what to do."""

    mistake: str
    name: str
    func: Callable[[Context], list[Detected]]
    why: dict[str, str]
    todo: dict[str, str]
    window: Window  # how far back it reads, and how long a finding stays checked (older evidence expires)
    reads: tuple[str, ...]  # the item kinds it reads ("snapshot" for follower counts)
    draft: DraftCheck | None = None  # how it judges a draft in `monitor check` (None: it does not)
    check: TextCheck | None = None  # the pure text check of a text rule
    reach: Window | None = None  # how far back it reads when that is further than its window
    expires: bool = True  # False: its findings never age out (about the account as a whole, or standing content)
    content: bool = False  # its findings are about an item's content: they stand while the item is public
    steady: Window | None = None  # how far back it reads on a sweep after the first (content rules: new items only)

    def reads_back(self, rules: RulesSettings) -> timedelta:
        """How far back the rule reads items."""
        return (self.reach or self.window)(rules)

    def __call__(self, ctx: Context) -> list[Detected]:
        return self.func(ctx)

    def enabled(self, rules: RulesSettings) -> bool:
        """Whether [rules.<mistake>] leaves this rule switched on."""
        return rule_enabled(rules, self.mistake, self.name)


def rule_enabled(rules: RulesSettings, mistake: str, name: str) -> bool:
    """Whether [rules.<mistake>] leaves this rule switched on."""
    section = getattr(rules, mistake, None)
    return section is not None and section.enabled and name not in section.disable


def rule(mistake: str, name: str, *, why: dict[str, str], todo: dict[str, str], window: Window,
         reads: tuple[str, ...], draft: DraftCheck | None = None,
         reach: Window | None = None, expires: bool = True, content: bool = False,
         steady: Window | None = None) -> Callable[[Callable[[Context], list[Detected]]], Rule]:
    """Declare a rule: the function becomes a Rule that the registry collects from its mistake's module."""
    if mistake not in MISTAKES:
        raise ValueError(f"unknown mistake {mistake!r}")

    def declare(func: Callable[[Context], list[Detected]]) -> Rule:
        return Rule(mistake, name, func, why, todo, window, reads, draft, reach=reach, expires=expires, content=content,
                    steady=steady)

    return declare


def text_rule(mistake: str, name: str, *, why: dict[str, str], todo: dict[str, str], window: Window,
              kinds: tuple[str, ...] = OWN_TEXT_KINDS) -> Callable[[TextCheck], Rule]:
    """Declare a text check: a Rule applying it to drafts and to the account's own items of `kinds`.

    Its findings are about content: they stand while the item is public, however old. It judges
    the items of its window (at least the audit window) and every older item it has a finding on.
    """

    def reads_back(rules: RulesSettings) -> timedelta:
        return max(rules.audit_window, window(rules))

    def declare(check: TextCheck) -> Rule:
        def stored(ctx: Context) -> list[Detected]:
            found = []
            since = ctx.now - reads_back(ctx.rules)
            # After the first sweep only new or edited items can hold a new problem; the others stand as found.
            judged = ctx.fresh_items(since, kinds) if ctx.incremental else ctx.own_items(since, kinds)
            items = {item.external_id: item for item in [*ctx.standing(mistake, name), *judged]}
            for item in items.values():
                if item.is_share or item.author_id != ctx.own_id:
                    continue
                for hit in ctx.text_hits(name, check, item):
                    evidence = ctx.evidence(item)
                    found.append(
                        Detected(
                            key=item.external_id,
                            severity=hit.severity,
                            summary=hit.summary,
                            item_ids=[item.external_id],
                            evidence=[evidence],
                            details={"matched": hit.fragments, **hit.details},
                        )
                    )
            return found

        def draft(ctx: Context, text: str) -> list[tuple[TextHit, list[dict[str, Any]]]]:
            return [(hit, [draft_evidence(text, ", ".join(hit.fragments))]) for hit in check(text, ctx.rules)]

        stored.__doc__ = check.__doc__
        return Rule(mistake, name, stored, why, todo, reads_back, kinds, draft, check, expires=False, content=True,
                    steady=lambda rules: timedelta(0))

    return declare


DRAFT_ID = "draft"


def draft_evidence(text: str, shown: str = "") -> dict[str, Any]:
    """The evidence entry for a draft: the author's own text, shown as written."""
    return {"item_id": DRAFT_ID, "url": None, "excerpt": shown or excerpt(text)}


def evidence_of(item: Item, author: str) -> dict[str, Any]:
    """The evidence entry for one stored item."""
    return {
        "item_id": item.external_id,
        "url": item.url,
        "excerpt": excerpt(item.text),
        "author": author,
        "created_at": item.created_at.isoformat(),
    }
