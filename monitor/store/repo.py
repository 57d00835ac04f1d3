"""Queries and writes the sweep needs: accounts, batches with their cursors, findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.base import Batch, FetchedItem
from monitor.config_errors import ConfigError
from monitor.store.models import Account, AccountItem, Cursor, Finding, Item, Snapshot

_CHUNK = 500


def _insert(session: Session, model: type) -> Any:
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
        account = Account(name=name, platform=platform, handle=handle, created_at=now)
        session.add(account)
        session.flush()
    elif account.platform != platform:
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
    """How many items a batch held and how many of them were new to the store."""

    fetched: int
    new: int


def save_batch(session: Session, account: Account, platform: str, batch: Batch, now: datetime) -> SaveResult:
    """Upsert a batch's items, snapshot and cursors in the caller's transaction."""
    unique = {item.external_id: item for item in batch.items}
    items = list(unique.values())
    new = 0
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        ids = [i.external_id for i in chunk]
        existing = set(
            session.scalars(select(Item.external_id).where(Item.platform == platform, Item.external_id.in_(ids)))
        )
        new += len(set(ids) - existing)
        stmt = _insert(session, Item).values([_item_row(platform, i, now) for i in chunk])
        stmt = stmt.on_conflict_do_update(
            index_elements=["platform", "external_id"],
            set_={
                key: stmt.excluded[key]
                for key in ("text", "author_handle", "url", "raw", "fetched_at", "is_share")
            },
        ).returning(Item.id, Item.external_id)
        kinds = {i.external_id: i.kind for i in chunk}
        rows = [{"account_id": account.id, "item_id": item_id, "kind": kinds[ext]} for item_id, ext in session.execute(stmt)]
        link = _insert(session, AccountItem).values(rows)
        session.execute(
            link.on_conflict_do_update(index_elements=["account_id", "item_id"], set_={"kind": link.excluded.kind})
        )
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
    for stream, value in batch.cursors.items():
        cursor = session.get(Cursor, (account.id, stream))
        if cursor is None:
            session.add(Cursor(account_id=account.id, stream=stream, value=value, updated_at=now))
        else:
            cursor.value, cursor.updated_at = value, now
    return SaveResult(fetched=len(batch.items), new=new)


def account_items(session: Session, account_id: int, since: datetime | None = None, kinds: Iterable[str] | None = None) -> list[Item]:
    """An account's stored items, oldest first, optionally since a time and of some kinds."""
    query = select(Item).join(AccountItem, AccountItem.item_id == Item.id).where(AccountItem.account_id == account_id)
    if since is not None:
        query = query.where(Item.created_at >= since)
    if kinds is not None:
        query = query.where(AccountItem.kind.in_(list(kinds)))
    return list(session.scalars(query.order_by(Item.created_at, Item.id)))


def latest_posts(session: Session, account_id: int, author_id: str, limit: int, until: datetime | None = None) -> list[Item]:
    """The account's own latest `limit` posts (not shares), oldest first."""
    query = (
        select(Item)
        .join(AccountItem, AccountItem.item_id == Item.id)
        .where(AccountItem.account_id == account_id, AccountItem.kind == "post", Item.author_id == author_id, Item.is_share.is_(False))
    )
    if until is not None:
        query = query.where(Item.created_at <= until)
    rows = list(session.scalars(query.order_by(Item.created_at.desc(), Item.id.desc()).limit(limit)))
    return rows[::-1]


def open_findings(session: Session, account_id: int) -> list[Finding]:
    """An account's open findings."""
    return list(
        session.scalars(select(Finding).where(Finding.account_id == account_id, Finding.status == "open").order_by(Finding.id))
    )
