"""Builders for detector tests: a real SQLite store, stored items, real settings and one detector run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from connectors.base import Batch, FetchedItem, ProfileSnapshot
from monitor.detectors import Detected
from monitor.detectors.context import Context
from monitor.detectors.registry import registry
from monitor.settings import AccountSettings, load_settings
from monitor.store import open_database
from monitor.store.models import Account
from monitor.store.repo import ensure_account, save_batch

BRAND_ID = "1001"
BRAND = "northwindcoffee"
ACCOUNT = "northwind-x"
ALICE = ("2001", "alice")
BOB = ("2002", "bob")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


def ago(hours: float = 0, minutes: float = 0, days: float = 0) -> datetime:
    """A moment before NOW."""
    return NOW - timedelta(days=days, hours=hours, minutes=minutes)


def tweet(
    external_id: str,
    created_at: datetime,
    text: str,
    *,
    kind: str = "post",
    author: tuple[str, str] = (BRAND_ID, BRAND),
    **fields: Any,
) -> FetchedItem:
    """One tweet as the X connector would map it (author = (id, handle))."""
    author_id, handle = author
    return FetchedItem(
        external_id=external_id,
        kind=kind,
        author_id=author_id,
        author_handle=handle,
        created_at=created_at,
        text=text,
        url=f"https://x.com/{handle}/status/{external_id}",
        **fields,
    )


def mention(external_id: str, created_at: datetime, text: str = "", *, author: tuple[str, str] = ALICE, **fields: Any) -> FetchedItem:
    """A tweet by someone else that mentions the brand."""
    text = text or f"@{BRAND} is my order {external_id} on its way?"
    return tweet(external_id, created_at, text, kind="mention", author=author, **fields)


def brand_reply(external_id: str, created_at: datetime, to: FetchedItem | None = None, text: str = "Thanks, looking into it!", **fields: Any) -> FetchedItem:
    """A brand reply; given `to`, it replies directly to that tweet (reply_to_id, its author, its thread)."""
    if to is not None:
        fields.setdefault("reply_to_id", to.external_id)
        fields.setdefault("reply_to_author_id", to.author_id)
        fields.setdefault("conversation_id", to.conversation_id)
    return tweet(external_id, created_at, text, kind="reply", **fields)


def write_config(tmp_path: Path, account_rules: str = "", global_rules: str = "") -> Path:
    """A small config for the X account; account_rules go under it, global_rules at top level."""
    path = tmp_path / "monitor.toml"
    path.write_text(
        f"""
[database]
url = "sqlite:///monitor.db"

[[accounts]]
name = "{ACCOUNT}"
platform = "x"
handle = "{BRAND}"
{account_rules}

{global_rules}
""",
        encoding="utf-8",
    )
    return path


@dataclass
class Brand:
    """One watched brand account on a fresh database, with its effective settings."""

    sessions: sessionmaker[Session]
    settings: AccountSettings

    def _account(self, session: Session) -> Account:
        """The stored account (created on first use)."""
        return ensure_account(session, ACCOUNT, "x", BRAND, NOW - timedelta(days=60))

    def save(self, *items: FetchedItem, now: datetime = NOW) -> None:
        """Store items as one fetched batch of the brand's timeline, in one transaction."""
        with self.sessions() as session, session.begin():
            batch = Batch(items=list(items), snapshot=ProfileSnapshot(external_id=BRAND_ID, handle=BRAND))
            save_batch(session, self._account(session), "x", batch, now)

    def run(self, now: datetime = NOW, rule: str | None = None) -> list[Detected]:
        """Run every enabled detector at `now`; only `rule`'s findings when given."""
        with self.sessions() as session, session.begin():
            found, _ran = registry().run(Context(session, self._account(session), self.settings, now))
        return [f for f in found if rule is None or f.rule == rule]


def make_brand(tmp_path: Path, account_rules: str = "", global_rules: str = "") -> Brand:
    """A Brand whose settings come from a real config file and whose store is real SQLite."""
    settings = load_settings(write_config(tmp_path, account_rules, global_rules))
    sessions = open_database(settings.database_url())
    return Brand(sessions, settings.account(ACCOUNT))
