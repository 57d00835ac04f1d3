"""Queries and writes the sweep needs: accounts, batches with their cursors, findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, and_, cast, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from connectors.base import ITEM_KINDS, Batch, FetchedItem
from monitor.config_errors import ConfigError
from monitor.store.models import Account, AccountItem, Cursor, Finding, Item, Snapshot

_CHUNK = 500
# A live finding is open or acknowledged: both are detected again each sweep and resolve by themselves.
LIVE = ("open", "acknowledged")


def upsert(session: Session, model: type) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


def ensure_account(session: Session, name: str, platform: str, handle: str | None, now: datetime) -> Account:
    """The stored account called name, created on first use."""
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        # Another worker may create it at the same moment: the insert then does nothing and the row is read.
        session.execute(upsert(session, Account).values(name=name, platform=platform, handle=handle, created_at=now)
                        .on_conflict_do_nothing(index_elements=["name"]))
        account = session.scalar(select(Account).where(Account.name == name))
    if account.platform != platform:
        # A changed platform under the same name would mix two accounts' history.
        raise ConfigError(
            f"account {name!r} is stored as a {account.platform} account but configured as {platform}; "
            "give the new account another name"
        )
    return account


def load_cursors(session: Session, account_id: int) -> dict[str, str]:
    """Every stream cursor of an account."""
    rows = session.scalars(select(Cursor).where(Cursor.account_id == account_id))
    return {row.stream: row.value for row in rows if row.value}


def _item_row(platform: str, item: FetchedItem, now: datetime) -> dict[str, Any]:
    return {
        "platform": platform,
        "external_id": item.external_id,
        "author_id": item.author_id,
        "author_handle": item.author_handle,
        "created_at": item.created_at,
        "text": item.text,
        "reply_to_id": item.reply_to_id,
        "reply_to_author_id": item.reply_to_author_id,
        "conversation_id": item.conversation_id,
        "is_share": item.is_share,
        "url": item.url,
        "raw": item.raw,
        "fetched_at": now,
    }


@dataclass
class SaveResult:
    """How many items a batch held, how many were new to the store, how many stored ones changed or went."""

    fetched: int
    new: int
    changed: int = 0
    deleted: int = 0  # stored items the platform no longer shows


# What makes a fetched item different from its stored row; fetched_at alone is not a change.
_CONTENT = ("text", "author_handle", "url", "is_share", "raw", "created_at")


def _differs(session: Session, stmt: Any, column: str) -> Any:
    """stored IS DISTINCT FROM excluded for one column; JSON compared as jsonb on PostgreSQL (json has no =)."""
    stored, fetched = Item.__table__.c[column], stmt.excluded[column]
    if column == "raw":
        if session.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            stored, fetched = cast(stored, JSONB), cast(fetched, JSONB)
        else:
            stored, fetched = type_coerce(stored, Text), type_coerce(fetched, Text)
    return stored.is_distinct_from(fetched)


def _upsert_items(session: Session, platform: str, chunk: list[FetchedItem], now: datetime) -> dict[str, int]:
    """Insert new items, rewrite changed ones; external_id -> id of the rows written."""
    stmt = upsert(session, Item).values([_item_row(platform, i, now) for i in chunk])
    stmt = stmt.on_conflict_do_update(
        index_elements=["platform", "external_id"],
        set_={key: stmt.excluded[key] for key in (*_CONTENT, "fetched_at", "deleted_at")},
        # Rewritten when its content changed, or when an item taken for deleted is shown again.
        where=or_(*(_differs(session, stmt, key) for key in _CONTENT), Item.__table__.c.deleted_at.is_not(None)),
    ).returning(Item.id, Item.external_id)
    return {ext: item_id for item_id, ext in session.execute(stmt)}


def _link(session: Session, account_id: int, rows: list[dict[str, Any]], changed_ids: list[int]) -> None:
    """Write the account's links (kind and the item's time) where they differ; re-time other accounts' links to changed items."""
    links = AccountItem.__table__
    stmt = upsert(session, AccountItem).values(rows)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["account_id", "item_id"],
            set_={"kind": stmt.excluded.kind, "created_at": stmt.excluded.created_at},
            where=or_(links.c.kind.is_distinct_from(stmt.excluded.kind), links.c.created_at.is_distinct_from(stmt.excluded.created_at)),
        )
    )
    if changed_ids:
        # An edited item may have moved in time: the same tweet is also linked to the other watched brands.
        item_time = select(Item.created_at).where(Item.id == links.c.item_id).scalar_subquery()
        session.execute(
            update(links)
            .where(links.c.item_id.in_(changed_ids), links.c.account_id != account_id, links.c.created_at != item_time)
            .values(created_at=item_time)
        )


def save_batch(session: Session, account: Account, platform: str, batch: Batch, now: datetime) -> SaveResult:
    """Upsert a batch's items, snapshot and cursors in the caller's transaction.

    An item already stored with the same content is not rewritten (its fetched_at stays);
    its link to the account is written all the same.
    """
    unique = {item.external_id: item for item in batch.items}
    items = list(unique.values())
    new = changed = 0
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        ids = [i.external_id for i in chunk]
        existing = dict(
            session.execute(select(Item.external_id, Item.id).where(Item.platform == platform, Item.external_id.in_(ids))).all()
        )
        written = _upsert_items(session, platform, chunk, now)
        new += sum(1 for ext in written if ext not in existing)
        changed += sum(1 for ext in written if ext in existing)
        # RETURNING gives no row for an unchanged item; one stored meanwhile by another sweep is looked up again.
        item_ids = {**existing, **written}
        if missing := [ext for ext in ids if ext not in item_ids]:
            item_ids.update(
                session.execute(select(Item.external_id, Item.id).where(Item.platform == platform, Item.external_id.in_(missing))).all()
            )
        rows = [{"account_id": account.id, "item_id": item_ids[i.external_id], "kind": i.kind, "created_at": i.created_at} for i in chunk]
        _link(session, account.id, rows, [item_ids[ext] for ext in written if ext in existing])
    if batch.snapshot is not None:
        snap = batch.snapshot
        account.external_id = snap.external_id
        account.handle = snap.handle or account.handle
        session.add(
            Snapshot(
                account_id=account.id,
                taken_at=now,
                followers=snap.followers,
                following=snap.following,
                posts=snap.posts,
                raw=snap.raw,
            )
        )
    deleted = 0
    for start in range(0, len(batch.deletions), _CHUNK):
        gone = batch.deletions[start : start + _CHUNK]
        deleted += session.execute(
            update(Item).where(Item.platform == platform, Item.external_id.in_(gone), Item.deleted_at.is_(None)).values(deleted_at=now),
            execution_options={"synchronize_session": False},
        ).rowcount
    for stream, value in batch.cursors.items():
        cursor = session.get(Cursor, (account.id, stream))
        if cursor is None:
            session.add(Cursor(account_id=account.id, stream=stream, value=value, updated_at=now))
        else:
            cursor.value, cursor.updated_at = value, now
    return SaveResult(fetched=len(batch.items), new=new, changed=changed, deleted=deleted)


# What rules read of an item: not the platform's raw JSON (decoding it for every row of a window is the cost).
READ_COLUMNS = [c for c in Item.__table__.columns if c.name not in ("raw", "fetched_at")]


def _window(account_id: int, kinds: Iterable[str] | None, since: datetime | None, until: datetime | None,
            *columns: Any, rows: bool = False) -> Any:
    """An account's items in [since, until] as one range of ix_account_items_account_kind_time per kind."""
    # None means every kind: named, because the index leads with the kind and only then the time.
    query = (
        select(*(READ_COLUMNS if rows else [Item]), *columns)
        .join(AccountItem, AccountItem.item_id == Item.id)
        .where(AccountItem.account_id == account_id, AccountItem.kind.in_(list(ITEM_KINDS if kinds is None else kinds)),
               Item.deleted_at.is_(None))  # what the platform still shows
    )
    if since is not None:
        query = query.where(AccountItem.created_at >= since)
    if until is not None:
        query = query.where(AccountItem.created_at <= until)
    return query


def account_links(
    session: Session,
    account_id: int,
    since: datetime | None = None,
    kinds: Iterable[str] | None = None,
    until: datetime | None = None,
) -> list[tuple[Item, str]]:
    """(item, kind) of an account's stored items, oldest first, optionally within [since, until] and of some kinds."""
    query = _window(account_id, kinds, since, until, AccountItem.kind).order_by(AccountItem.created_at, AccountItem.item_id)
    return [(item, kind) for item, kind in session.execute(query)]


def account_rows(session: Session, account_id: int, since: datetime, until: datetime,
                 kinds: Iterable[str] | None = None, fetched_since: datetime | None = None) -> list[Any]:
    """An account's items in [since, until] as read-only rows (the item's columns but raw, and `kind`), oldest first.

    With fetched_since, only those stored or rewritten (new, or edited) since then.
    """
    query = _window(account_id, kinds, since, until, AccountItem.kind.label("kind"), rows=True)
    if fetched_since is not None:
        query = query.where(Item.fetched_at >= fetched_since)
    return list(session.execute(query.order_by(AccountItem.created_at, AccountItem.item_id)))


def account_items(
    session: Session,
    account_id: int,
    since: datetime | None = None,
    kinds: Iterable[str] | None = None,
    until: datetime | None = None,
) -> list[Item]:
    """An account's stored items, oldest first, optionally within [since, until] and of some kinds."""
    return [item for item, _ in account_links(session, account_id, since, kinds, until)]


def latest_posts(session: Session, account_id: int, author_id: str, limit: int, until: datetime | None = None) -> list[Item]:
    """The account's own latest `limit` posts (not shares), oldest first."""
    query = _window(account_id, ["post"], None, until).where(Item.author_id == author_id, Item.is_share.is_(False))
    rows = list(session.scalars(query.order_by(AccountItem.created_at.desc(), AccountItem.item_id.desc()).limit(limit)))
    return rows[::-1]


def open_finding_items(session: Session, account_id: int) -> dict[tuple[str, str], set[str]]:
    """The external ids of the items each (mistake, rule) has live (open or acknowledged) findings about."""
    found: dict[tuple[str, str], set[str]] = {}
    query = select(Finding.mistake, Finding.rule, Finding.item_ids).where(Finding.account_id == account_id, Finding.status.in_(LIVE))
    for mistake, rule, item_ids in session.execute(query):
        found.setdefault((mistake, rule), set()).update(str(i) for i in item_ids or [])
    return found


def items_by_id(session: Session, account_id: int, platform: str, external_ids: Iterable[str]) -> list[Any]:
    """The account's public items with these external ids, as read-only rows like account_rows'."""
    wanted, rows = sorted(set(external_ids)), []
    for start in range(0, len(wanted), _CHUNK):
        # Looked up by (platform, external_id), the items' unique index, then checked against the account's links.
        query = (
            select(*READ_COLUMNS, AccountItem.kind.label("kind"))
            .join(AccountItem, and_(AccountItem.item_id == Item.id, AccountItem.account_id == account_id))
            .where(Item.platform == platform, Item.external_id.in_(wanted[start : start + _CHUNK]), Item.deleted_at.is_(None))
        )
        rows += session.execute(query)
    return sorted(rows, key=lambda row: (row.created_at, row.id))


def open_findings(session: Session, account_id: int) -> list[Finding]:
    """An account's live findings: open and acknowledged."""
    return list(
        session.scalars(select(Finding).where(Finding.account_id == account_id, Finding.status.in_(LIVE)).order_by(Finding.id))
    )
