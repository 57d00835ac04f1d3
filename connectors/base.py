"""The small interface every connector implements, and the errors it raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

ITEM_KINDS = ("post", "reply", "mention", "comment", "message")


@dataclass(frozen=True)
class FetchedItem:
    """One post, reply, mention, comment or message as the platform gave it."""

    external_id: str
    kind: str
    author_id: str | None
    author_handle: str | None
    created_at: datetime
    text: str
    url: str | None = None
    reply_to_id: str | None = None
    reply_to_author_id: str | None = None
    conversation_id: str | None = None
    is_share: bool = False
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProfileSnapshot:
    """The account's own profile and counters at fetch time."""

    external_id: str
    handle: str | None
    followers: int | None = None
    following: int | None = None
    posts: int | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Batch:
    """What one fetch returned: items, the profile, the cursors that cover them, and notices."""

    items: list[FetchedItem] = field(default_factory=list)
    snapshot: ProfileSnapshot | None = None
    cursors: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    requests: int = 0
    defer_until: datetime | None = None  # the platform asks for a pause: the next sweeps wait until then


class Connector(Protocol):
    """Fetches one account's new data; maps it; nothing more (no database, no detection)."""

    platform: str

    def fetch(self, cursors: Mapping[str, str], now: datetime) -> Batch:
        """Fetch what is new since cursors; raise a ConnectorError subclass on failure."""
        ...


class ConnectorError(Exception):
    """A fetch failed; the account's sweep is marked failed and the others go on."""

    retryable = True


class AuthError(ConnectorError):
    """The platform refused the credentials (401/403, expired token)."""

    retryable = False


class RateLimited(ConnectorError):
    """The platform's rate limit is exhausted until retry_at."""

    def __init__(self, message: str, retry_at: datetime | None = None):
        super().__init__(message)
        self.retry_at = retry_at


class TransientError(ConnectorError):
    """A server error or timeout that outlasted the retries."""


class PermanentError(ConnectorError):
    """A request the platform will never accept as sent (bad field, unknown account)."""

    retryable = False
