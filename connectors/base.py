"""The small interface every connector implements, and the errors it raises."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Protocol
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, Field, field_validator

from monitor.config_model import StrictModel
from monitor.durations import Duration, Timeout, bounded

ITEM_KINDS = ("post", "reply", "mention", "comment", "message")
# Social platforms' times fall in here; outside it a time is a broken export or payload (year 1 cannot even move to UTC).
EARLIEST, LATEST = datetime(1970, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc)


def plausible_time(moment: datetime) -> datetime | None:
    """The aware time in UTC when it lies between 1970 and 2100, else None."""
    try:
        utc = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None
    return utc if EARLIEST <= utc < LATEST else None


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
    deletions: list[str] = field(default_factory=list)  # watched items the platform no longer shows (deleted, hidden)


class Connector(Protocol):
    """Fetches one account's new data; maps it; nothing more (no database, no detection)."""

    platform: str

    def fetch(self, cursors: Mapping[str, str], now: datetime, watch: Sequence[str] = ()) -> Batch:
        """Fetch what is new since cursors; raise a ConnectorError subclass on failure.

        `watch` names stored items that still have open findings: a connector that can tells,
        sparingly, which of them are gone (Batch.deletions) and returns edited ones as items.
        """
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


def _sparing(value: timedelta) -> timedelta:
    if not timedelta(minutes=15) <= value <= timedelta(days=30):
        raise ValueError('write a duration from "15m" to "30d": each look-up of the watched items costs requests')
    return value


# How often the items with open findings that a sweep did not read anyway are looked up (deleted? edited?).
SparingInterval = Annotated[Duration, AfterValidator(_sparing)]


class HttpSettings(StrictModel):
    """The HTTP policy every [connectors.<name>] table takes (each platform sets its own api_base_url)."""

    api_base_url: str
    timeout: Timeout = timedelta(seconds=20)  # per request, from the first byte sent to the last one read
    max_retries: int = Field(3, ge=0, le=10)
    retry_backoff: Annotated[Duration, bounded("0s", "5m", "a sweep waits this long before a retry")] = timedelta(seconds=1)

    @field_validator("api_base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        official = cls.model_fields["api_base_url"].default
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or " " in value:
            raise ValueError(f"{value!r} is not an http:// or https:// URL with a host; write e.g. \"{official}\"")
        return value.strip().rstrip("/")

    def http(self) -> dict[str, Any]:
        """The policy as the platforms' API clients take it (seconds as floats)."""
        return {
            "api_base_url": self.api_base_url,
            "timeout": self.timeout.total_seconds(),
            "max_retries": self.max_retries,
            "retry_backoff": self.retry_backoff.total_seconds(),
        }


@dataclass(frozen=True)
class Secret:
    """A credential a platform reads from `<key>_env` or `<key>_file` in its [connectors.<name>] table."""

    key: str
    required: bool = True


@dataclass(frozen=True)
class BuildRequest:
    """What building one account's connector may use: its tables, resolved secrets and the history wanted."""

    name: str  # the account's config name
    settings: Any  # the platform's [connectors.<name>] table (its `settings` model)
    target: Any  # the account's platform keys (its `target` model), e.g. the handle
    secrets: Mapping[str, str]  # resolved secret values by Secret.key (missing optional ones absent)
    sources: Mapping[str, str]  # where each secret came from, for error messages ("the environment variable X")
    history: timedelta  # how far back a first fetch should read: the longest window any enabled rule needs
    recheck: timedelta  # how long others' comments and messages on an item still matter (late replies)


@dataclass(frozen=True)
class Nouns:
    """What the people who write to the brand produce on a platform: "mentions", «упоминания» (en, ru one, ru many)."""

    en: str
    ru_one: str
    ru_many: str


@dataclass(frozen=True)
class ExportRequest:
    """An export file to read for one account, with the ids the store already knows (target None: only recognise it)."""

    path: Path
    target: Any
    stored_id: str | None
    user_id: str | None


@dataclass(frozen=True)
class Platform:
    """Everything the core knows about a platform, declared by its connector module as PLATFORM."""

    name: str  # the id used in config (`platform = "x"`) and in the store
    title: str  # as people write it: "X", "Facebook"
    settings: type[BaseModel]  # the [connectors.<name>] table
    target: type[BaseModel]  # the per-account keys naming the account there (handle, page_id, ...)
    secrets: tuple[Secret, ...]
    build: Callable[[BuildRequest], Connector]
    describe: Callable[[Any], str]  # the target as config check shows it: "@brand", "page 2002"
    max_gap: timedelta  # how long a silence is a posting gap there by default
    questions: Nouns  # what others' items that wait for an answer are called
    handle_prefix: str = ""  # how an author's handle is shown: "@" on X
    loggers: tuple[str, ...] = ()  # library loggers that may see tokens: redacted
    read_export: Callable[[ExportRequest], tuple[Batch, str | None] | None] | None = None  # its own export format

    def author(self, handle: str | None, author_id: str | None) -> str:
        """An author as the platform shows them: @handle on X, the name elsewhere."""
        if handle:
            return f"{self.handle_prefix}{handle}"
        return author_id or "?"


@lru_cache(maxsize=1)
def platforms() -> dict[str, Platform]:
    """Every platform in this package: each one-word module of connectors/ that declares PLATFORM."""
    import connectors

    found: dict[str, Platform] = {}
    for module in pkgutil.iter_modules(connectors.__path__):
        # Platform modules are named by their platform; helpers are <platform>_<what> and not scanned.
        if "_" in module.name or module.name in ("base", "http"):
            continue
        declared = getattr(importlib.import_module(f"connectors.{module.name}"), "PLATFORM", None)
        if isinstance(declared, Platform):
            found[declared.name] = declared
    return dict(sorted(found.items()))


def platform(name: str) -> Platform:
    """The platform called name; KeyError naming the ones there are."""
    try:
        return platforms()[name]
    except KeyError:
        raise KeyError(f"no platform {name!r}; there are: {', '.join(platforms())}") from None
