"""What a rule may read: the account's stored items through shared, cached accessors, its rules and the time."""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from connectors.base import ITEM_KINDS, Platform, platform
from monitor.detectors import TextCheck, TextHit, evidence_of
from monitor.detectors.masking import mask_sensitive
from monitor.settings import AccountSettings, RulesSettings
from monitor.store.models import Account, AccountItem, Item, Snapshot
from monitor.store.analysis import ItemAnalysis
from monitor.store.repo import account_rows, items_by_id, latest_posts, open_finding_items, upsert
from monitor.text.excerpt import excerpt

# The item's time as the account's link carries it: (account, kind, time) is one index range.
LINK_TIME = AccountItem.created_at


class Context:
    """One sweep's view of an account: every rule reads the store through these accessors.

    Each kind of item is read once, the first time a rule asks, as far back as the enabled rules
    that read that kind declare (posts for 60 days, mentions for 7), and every accessor slices
    what was read; only a rule reaching further back queries again.
    """

    def __init__(self, session: Session, account: Account, settings: AccountSettings, now: datetime, *, first: bool = False,
                 last_sweep: datetime | None = None):
        from monitor.detectors.registry import registry

        self.session = session
        self.account = account
        self.settings = settings
        self.rules: RulesSettings = settings.effective_rules  # read by every rule, often: kept, not looked up each time
        self.now = now
        self.first = first  # the account's first sweep: event rules look back over the whole audit window
        self.last_sweep = last_sweep  # when the previous sweep started: what is stored since then is new
        # After the first sweep, with unchanged checks, content rules judge only new items and their standing findings.
        self.incremental = not first and last_sweep is not None and not self._settings_changed()
        reach = registry().reach_by_kind(settings.effective_rules, self.incremental)
        self.starts = {kind: now - back for kind, back in reach.items()}
        self.start = min(self.starts.values(), default=now)
        self._cache: dict[Any, Any] = {}
        self._changed: set[int] = set()
        self._checked: dict[int, dict[str, Any]] = {}  # analyses whose text hash this sweep has checked


    def since(self, lookback: timedelta) -> datetime:
        """Where an event rule starts looking: its lookback, or the audit window on the first sweep."""
        return self.now - (max(lookback, self.rules.audit_window) if self.first else lookback)

    def audited(self, moment: datetime, lookback: timedelta) -> bool:
        """Whether an event at moment is reported only because the first sweep audits history."""
        return moment < self.now - lookback

    @property
    def own_id(self) -> str | None:
        """The account's own id on its platform (None until its first sweep)."""
        return self.account.external_id

    @cached_property
    def platform(self) -> Platform:
        """The account's platform, as its connector module declares it."""
        return platform(self.account.platform)

    @cached_property
    def _loaded(self) -> tuple[list[Any], list[datetime]]:
        """Every kind's rows from its own start, merged oldest first.

        Rules only read items, so rows (the item's columns and its `kind` for this account) stand
        in for ORM objects: building 20k of them costs a fraction.
        """
        per_kind = [account_rows(self.session, self.account.id, start, self.now, [kind]) for kind, start in self.starts.items()]
        rows = list(heapq.merge(*per_kind, key=lambda row: (row.created_at, row.id)))
        return rows, [row.created_at for row in rows]

    def items(self, since: datetime, kinds: Iterable[str] | None = None) -> list[Item]:
        """Items of kinds (all when None) from since up to now, oldest first."""
        wanted = frozenset(ITEM_KINDS if kinds is None else kinds)
        key = (since, wanted)
        if key not in self._cache:
            if all(kind in self.starts and since >= self.starts[kind] for kind in wanted):
                rows, times = self._loaded
                rows = [row for row in rows[bisect.bisect_left(times, since):] if row.kind in wanted]
            else:
                rows = account_rows(self.session, self.account.id, since, self.now, wanted)
            self._cache[key] = rows
        return self._cache[key]

    def _settings_changed(self) -> bool:
        """Whether some stored analysis of the account was made with other settings (they are then all redone)."""
        if not self.account.id:
            return True
        query = select(ItemAnalysis.item_id).where(ItemAnalysis.account_id == self.account.id,
                                                    ItemAnalysis.signature != self._signature)
        return self.session.scalar(query.limit(1)) is not None

    @cached_property
    def _open_items(self) -> dict[tuple[str, str], set[str]]:
        return open_finding_items(self.session, self.account.id) if self.account.id else {}

    def standing(self, mistake: str, rule: str) -> list[Any]:
        """The public items the rule has open findings about, however old: content findings stand while public."""
        ids = self._open_items.get((mistake, rule), set())
        if not ids:
            return []
        rows = items_by_id(self.session, self.account.id, self.account.platform, ids)
        self._load_analyses([row.id for row in rows if row.id not in self._analyses])
        return rows

    def fresh_items(self, since: datetime, kinds: Iterable[str]) -> list[Any]:
        """The account's own items of kinds from since, stored or edited since the previous sweep, oldest first."""
        key = ("fresh", since, frozenset(kinds))
        if key not in self._cache:
            rows = account_rows(self.session, self.account.id, since, self.now, kinds, fetched_since=self.last_sweep)
            self._cache[key] = [row for row in rows if self.own_id and row.author_id == self.own_id]
        return self._cache[key]

    def own_items(self, since: datetime, kinds: Iterable[str] | None = None) -> list[Item]:
        """The account's own items (shares included) of kinds from since up to now, oldest first."""
        own = self.own_id
        if not own:
            return []
        return [i for i in self.items(since, kinds) if i.author_id == own]

    def own_posts(self, since: datetime, *, shares: bool = False) -> list[Item]:
        """The account's own posts (not replies; shares only when asked) from since up to now, oldest first."""
        return [p for p in self.own_items(since, ("post",)) if shares or not p.is_share]

    def questions(self, kinds: Iterable[str], since: datetime) -> list[Item]:
        """Items of kinds written by others (not shares) from since up to now, oldest first."""
        own = self.own_id
        return [i for i in self.items(since, kinds) if i.author_id != own and not i.is_share]

    def conversations(self, since: datetime) -> dict[str, list[Item]]:
        """Messages from since up to now by conversation, each oldest first."""
        grouped: dict[str, list[Item]] = {}
        for message in self.items(since, ("message",)):
            if message.conversation_id:
                grouped.setdefault(message.conversation_id, []).append(message)
        return grouped

    def last_from_others(self, conversations: Iterable[str], before: datetime) -> dict[str, Any]:
        """Per conversation, the latest message written by others before a moment: its state at that moment."""
        own, found = self.own_id, {}
        wanted = sorted(set(conversations))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            theirs = (
                select(Item.conversation_id, func.max(LINK_TIME).label("at"))
                .join(AccountItem, AccountItem.item_id == Item.id)
                .where(AccountItem.account_id == self.account.id, AccountItem.kind == "message", LINK_TIME < before,
                       Item.conversation_id.in_(chunk), Item.author_id != own, Item.deleted_at.is_(None))
                .group_by(Item.conversation_id)
                .subquery()
            )
            query = (
                select(*Item.__table__.columns)
                .join(AccountItem, AccountItem.item_id == Item.id)
                .join(theirs, and_(Item.conversation_id == theirs.c.conversation_id, LINK_TIME == theirs.c.at))
                .where(AccountItem.account_id == self.account.id, AccountItem.kind == "message", Item.author_id != own)
            )
            found.update({row.conversation_id: row for row in self.session.execute(query)})
        return found

    def latest_posts(self, limit: int, until: datetime | None = None) -> list[Item]:
        """The account's last `limit` own posts up to until (now), not shares, oldest first."""
        if limit <= 0 or not self.own_id:
            return []
        return latest_posts(self.session, self.account.id, self.own_id, limit, until=until or self.now)

    def last_post_before(self, moment: datetime) -> Item | None:
        """The account's latest own post at or before moment."""
        found = self.latest_posts(1, until=moment)
        return found[0] if found else None

    def snapshots(self, since: datetime) -> list[Snapshot]:
        """Follower counts taken from since up to now, oldest first."""
        query = select(Snapshot).where(Snapshot.account_id == self.account.id, Snapshot.taken_at >= since,
                                       Snapshot.taken_at <= self.now)
        return list(self.session.scalars(query.order_by(Snapshot.taken_at)))

    def author(self, item: Item) -> str:
        """An item's author as the platform shows them, masked like any text a finding shows (names are people's own)."""
        shown = self.platform.author(item.author_handle, item.author_id)
        key = ("author", shown)
        if key not in self._cache:
            self._cache[key] = mask_sensitive(shown, self.rules)
        return self._cache[key]

    def evidence(self, item: Item) -> dict[str, Any]:
        """The evidence entry for one stored item, its excerpt masked (personal data, obscene words)."""
        entry = evidence_of(item, self.author(item))
        entry["excerpt"] = self.analysed(item, "excerpt", lambda: excerpt(mask_sensitive(item.text, self.rules)))
        entry["masked"] = True
        return entry

    def text_hits(self, rule: str, check: TextCheck, item: Item) -> list[TextHit]:
        """What a text check finds in an item's text: analysed once, then read from the store."""
        hits = self.analysed(item, rule, lambda: [asdict(h) for h in check(item.text, self.rules)])
        return [TextHit(**hit) for hit in hits]

    @cached_property
    def _signature(self) -> str:
        from monitor.detectors.registry import registry

        return registry().signature(self.rules)

    @cached_property
    def _analyses(self) -> dict[int, tuple[str, dict[str, Any]]]:
        """The stored analyses of the loaded items made with these settings: item id → (text hash, result)."""
        query = (
            select(ItemAnalysis.item_id, ItemAnalysis.text_hash, ItemAnalysis.result)
            .join(AccountItem, and_(AccountItem.account_id == ItemAnalysis.account_id, AccountItem.item_id == ItemAnalysis.item_id))
            .where(ItemAnalysis.account_id == self.account.id, ItemAnalysis.signature == self._signature,
                   AccountItem.kind.in_(ITEM_KINDS), LINK_TIME >= self.start)
        )
        return {row.item_id: (row.text_hash, row.result) for row in self.session.execute(query)}

    def _load_analyses(self, item_ids: list[int]) -> None:
        """Add the stored analyses of items outside the loaded window (standing findings on old posts)."""
        for start in range(0, len(item_ids), 500):
            query = select(ItemAnalysis.item_id, ItemAnalysis.text_hash, ItemAnalysis.result).where(
                ItemAnalysis.account_id == self.account.id, ItemAnalysis.signature == self._signature,
                ItemAnalysis.item_id.in_(item_ids[start : start + 500]))
            self._analyses.update({row.item_id: (row.text_hash, row.result) for row in self.session.execute(query)})

    def _analysis(self, item: Item) -> dict[str, Any]:
        """An item's analysis made with these settings: empty when its text changed since (or never made)."""
        checked = self._checked.get(item.id)
        if checked is not None:
            return checked
        digest = hashlib.sha256(item.text.encode()).hexdigest()
        stored = self._analyses.get(item.id)
        if stored is None or stored[0] != digest:
            stored = self._analyses[item.id] = (digest, {})
        self._checked[item.id] = stored[1]
        return stored[1]

    def stored_analysis(self, item: Item, key: str) -> Any:
        """One part of an item's stored analysis, None when there is none yet."""
        return self._analysis(item).get(key)

    def analysed(self, item: Item, key: str, compute: Callable[[], Any], *, again: bool = False) -> Any:
        """One part of an item's analysis: stored when its text is unchanged, else (or `again`) computed and kept."""
        analysis = self._analysis(item)
        if again or key not in analysis:
            analysis[key] = compute()
            self._changed.add(item.id)
        return analysis[key]

    def save_analyses(self) -> None:
        """Write the analyses made in this sweep, in the caller's transaction."""
        if not self.account.id:
            return
        if not self.incremental:  # a full pass redid what this account needs: analyses made otherwise are dead weight
            self.session.execute(delete(ItemAnalysis).where(ItemAnalysis.account_id == self.account.id,
                                                            ItemAnalysis.signature != self._signature))
        rows = [
            {"account_id": self.account.id, "item_id": item_id, "signature": self._signature,
             "text_hash": self._analyses[item_id][0], "result": self._analyses[item_id][1]}
            for item_id in sorted(self._changed)
        ]
        for start in range(0, len(rows), 500):
            stmt = upsert(self.session, ItemAnalysis).values(rows[start : start + 500])
            self.session.execute(stmt.on_conflict_do_update(
                index_elements=["account_id", "item_id"],
                set_={k: stmt.excluded[k] for k in ("signature", "text_hash", "result")},
            ))
        self._changed.clear()

    @property
    def brand(self) -> str:
        """The account as a summary names it: @handle where the platform has handles, else the config name."""
        if self.platform.handle_prefix and self.account.handle:
            return self.platform.author(self.account.handle, None)
        return self.account.name
