"""The rule registry, built once and explicitly from the seven mistake modules."""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from connectors.base import ITEM_KINDS
from monitor.detectors import MISTAKES, Detected, Rule

if TYPE_CHECKING:
    from monitor.detectors.context import Context
    from monitor.settings import RulesSettings

# Others' items that wait for an answer under a post: the post is re-read while a rule reads them.
OTHERS_KINDS = frozenset({"mention", "comment"})
# Bump when a text check or the masking changes what it finds: stored analyses are then redone.
ANALYSIS_VERSION = 4


@dataclass(frozen=True)
class Registry:
    """Every rule, keyed by (mistake, name), in a stable order."""

    rules: dict[tuple[str, str], Rule]

    def get(self, mistake: str, name: str) -> Rule | None:
        """The rule (mistake, name), or None when this version has no such rule."""
        return self.rules.get((mistake, name))

    def enabled(self, settings: RulesSettings) -> list[Rule]:
        """The rules [rules.*] leaves switched on."""
        return [r for r in self.rules.values() if r.enabled(settings)]

    def drafts(self, settings: RulesSettings) -> list[Rule]:
        """The enabled rules that judge a draft in `monitor check`."""
        return [r for r in self.enabled(settings) if r.draft is not None]

    def history(self, settings: RulesSettings) -> timedelta:
        """How far back the enabled rules read: what a first fetch must make available."""
        return max((r.window(settings) for r in self.enabled(settings)), default=timedelta(days=7))

    def reach_by_kind(self, settings: RulesSettings, incremental: bool = False) -> dict[str, timedelta]:
        """How far back the enabled rules read each kind of item: what one sweep loads once for all of them.

        `incremental`: a sweep after the first, where content rules judge only new items and standing findings.
        """
        reach: dict[str, timedelta] = {}
        for declared in self.enabled(settings):
            back = declared.steady(settings) if incremental and declared.steady else declared.reads_back(settings)
            for kind in declared.reads:
                if kind in ITEM_KINDS:
                    reach[kind] = max(reach.get(kind, timedelta(0)), back)
        return reach

    def recheck(self, settings: RulesSettings) -> timedelta:
        """How long others' items still matter to a rule: how far back comments and messages are re-read."""
        windows = [r.window(settings) for r in self.enabled(settings) if OTHERS_KINDS & set(r.reads)]
        return max(windows, default=timedelta(0))

    def signature(self, settings: RulesSettings) -> str:
        """What a stored text analysis depends on: the text checks' settings and ANALYSIS_VERSION."""
        # Masking reads [rules.oversharing]; stored repeat answers depend on [rules.spam].
        sections = sorted({r.mistake for r in self.rules.values() if r.check} | {"oversharing", "spam"})
        shown = json.dumps({m: getattr(settings, m).model_dump(mode="json") for m in sections}, sort_keys=True)
        return hashlib.sha256(f"{ANALYSIS_VERSION}|{shown}".encode()).hexdigest()

    def run(self, ctx: Context) -> tuple[list[Detected], set[tuple[str, str]]]:
        """Run every enabled rule; return the findings, stamped with their ids, and the rules that ran."""
        from monitor.detectors.masking import mask_finding

        found: list[Detected] = []
        ran: set[tuple[str, str]] = set()
        for registered in self.enabled(ctx.rules):
            for detected in registered(ctx):
                stamped = replace(detected, mistake=registered.mistake, rule=registered.name,
                                  why=registered.why, todo=registered.todo)
                # A text rule's summary quotes the text; the others are built from masked authors and our own words.
                mask_finding(stamped, ctx.rules, summaries=registered.check is not None)
                found.append(stamped)
            ran.add((registered.mistake, registered.name))
        ctx.save_analyses()
        return found, ran


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry: every Rule each mistake module defines, in the order it defines them."""
    rules: dict[tuple[str, str], Rule] = {}
    for mistake in MISTAKES:
        module = importlib.import_module(f"monitor.detectors.{mistake}")
        for value in vars(module).values():
            if isinstance(value, Rule) and value.mistake == mistake:
                rules[(value.mistake, value.name)] = value
    return Registry(rules)
