"""X (Twitter) connector: the brand's tweets and mentions via API v2, fetched incrementally."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from connectors.base import Batch, BuildRequest, ExportRequest, FetchedItem, Nouns, PermanentError, Platform, ProfileSnapshot, Secret
from monitor.config_model import StrictModel
from monitor.durations import Duration

if TYPE_CHECKING:
    from connectors.x_api import XApi

TWEET_FIELDS = ["created_at", "author_id", "conversation_id", "in_reply_to_user_id", "referenced_tweets", "entities"]
USER_FIELDS = ["username", "public_metrics"]
# Streams to fetch: (cursor name, tweepy method name).
STREAMS = (("tweets", "get_users_tweets"), ("mentions", "get_users_mentions"))
PAGE_CAP = 100
log = logging.getLogger(__name__)


class XSettings(StrictModel):
    """[connectors.x]: the app's bearer token and the HTTP policy."""

    bearer_token_env: str | None = None
    bearer_token_file: str | None = None
    api_base_url: str = "https://api.twitter.com"
    timeout: Duration = timedelta(seconds=20)
    max_retries: int = Field(3, ge=0, le=10)
    retry_backoff: Duration = timedelta(seconds=1)
    max_rate_limit_wait: Duration = timedelta(seconds=60)
    page_size: int = Field(100, ge=5, le=100)
    max_pages: int = Field(5, ge=1, le=100)
    # The profile (follower count) is read at most this often: daily follower figures need no more.
    profile_interval: Duration = timedelta(hours=1)


class XTarget(StrictModel):
    """The account's keys on X: its handle."""

    handle: str

    @field_validator("handle")
    @classmethod
    def _strip_at(cls, value: str) -> str:
        value = value.strip().lstrip("@")
        if not value:
            raise ValueError('write the handle without @, e.g. handle = "brandhandle"')
        return value


def expand_urls(text: str, raw: Mapping[str, Any]) -> str:
    """Replace t.co links with the URLs they stand for, as the reader sees them."""
    for entity in (raw.get("entities") or {}).get("urls") or []:
        short, full = entity.get("url"), entity.get("expanded_url")
        if isinstance(short, str) and isinstance(full, str):
            text = text.replace(short, full)
    return text


def map_tweet(raw: Mapping[str, Any], users: Mapping[str, Mapping[str, Any]], own_id: str) -> FetchedItem | None:
    """A tweet as a FetchedItem, or None when it lacks an id, text or time."""
    tweet_id, text, created = raw.get("id"), raw.get("text"), raw.get("created_at")
    if not isinstance(tweet_id, str) or not isinstance(text, str) or not isinstance(created, str):
        return None
    try:
        created_at = datetime.fromisoformat(created)
    except ValueError:
        return None
    refs = {r.get("type"): r.get("id") for r in raw.get("referenced_tweets") or [] if isinstance(r, dict)}
    author_id = raw.get("author_id")
    reply_to = refs.get("replied_to")
    if author_id == own_id:
        kind = "reply" if reply_to or raw.get("in_reply_to_user_id") else "post"
    else:
        kind = "mention"
    username = (users.get(author_id) or {}).get("username") if author_id else None
    url = f"https://x.com/{username}/status/{tweet_id}" if username else f"https://x.com/i/web/status/{tweet_id}"
    return FetchedItem(
        external_id=tweet_id,
        kind=kind,
        author_id=author_id,
        author_handle=username,
        created_at=created_at,
        text=expand_urls(text, raw),
        url=url,
        reply_to_id=reply_to,
        reply_to_author_id=raw.get("in_reply_to_user_id"),
        conversation_id=raw.get("conversation_id"),
        is_share="retweeted" in refs,
        raw=dict(raw),
    )


class XConnector:
    """Fetches the profile, own tweets (replies included) and mentions since the cursors."""

    platform = "x"

    def __init__(self, api: XApi, handle: str, *, page_size: int = 100, max_pages: int = 5,
                 profile_interval: timedelta = timedelta(hours=1)):
        self.api = api
        self.handle = handle
        self.page_size = page_size
        self.max_pages = max_pages
        self.profile_interval = profile_interval

    def _profile(self) -> ProfileSnapshot:
        payload = self.api.call(f"looking up @{self.handle}", self.api.client.get_user, username=self.handle, user_fields=USER_FIELDS)
        data = payload.get("data")
        if not isinstance(data, dict) or "id" not in data:
            detail = "; ".join(str(e.get("detail")) for e in payload.get("errors") or []) or "no user data"
            raise PermanentError(f"X has no user @{self.handle} ({detail}): check handle in the account's config")
        metrics = data.get("public_metrics") or {}
        return ProfileSnapshot(
            external_id=data["id"],
            handle=data.get("username", self.handle),
            followers=metrics.get("followers_count"),
            following=metrics.get("following_count"),
            posts=metrics.get("tweet_count"),
            raw=data,
        )

    def _read(self, stream: str, method_name: str, own_id: str, since: str | None, until: str | None,
              max_pages: int, batch: Batch) -> tuple[str | None, str | None, bool]:
        """Read newest first between since and until; return (newest id, oldest id, read to the end)."""
        method = getattr(self.api.client, method_name)
        newest = oldest = None
        token = None
        for _ in range(max_pages):
            params: dict[str, Any] = {
                "max_results": self.page_size,
                "tweet_fields": TWEET_FIELDS,
                "expansions": ["author_id"],
                "user_fields": ["username"],
            }
            for key, value in (("since_id", since), ("until_id", until), ("pagination_token", token)):
                if value:
                    params[key] = value
            page = self.api.call(f"fetching {stream} of @{self.handle}", method, id=own_id, **params)
            users = {u["id"]: u for u in (page.get("includes") or {}).get("users") or [] if isinstance(u, dict) and "id" in u}
            for raw in page.get("data") or []:
                item = map_tweet(raw, users, own_id) if isinstance(raw, dict) else None
                if item is None:
                    shown = raw.get("id") if isinstance(raw, dict) else "?"
                    batch.notices.append(f"skipped a malformed tweet in {stream} (id {shown}): it lacks id, text or created_at")
                    log.warning(batch.notices[-1])
                    continue
                batch.items.append(item)
            meta = page.get("meta") or {}
            for key in ("newest_id", "oldest_id"):
                value = meta.get(key)
                if isinstance(value, str) and value.isdigit():
                    if key == "newest_id" and (newest is None or int(value) > int(newest)):
                        newest = value
                    if key == "oldest_id" and (oldest is None or int(value) < int(oldest)):
                        oldest = value
            token = meta.get("next_token")
            if not token:
                return newest, oldest, True
        return newest, oldest, False

    def _stream(self, stream: str, method_name: str, own_id: str, cursors: Mapping[str, str], batch: Batch) -> None:
        """One stream: first close an unread gap left by a flood, then read what is new since the cursor."""
        gap_key = f"{stream}_gap"
        if cursors.get(gap_key):
            gap_since, gap_until = cursors[gap_key].split(":")
            _, oldest, complete = self._read(stream, method_name, own_id, gap_since, gap_until, PAGE_CAP, batch)
            batch.cursors[gap_key] = "" if complete else f"{gap_since}:{oldest or gap_until}"
            if not complete:
                batch.notices.append(f"{stream}: still catching up after a flood; the rest is fetched next sweep")
                return  # One gap at a time: the main cursor waits.
        since = cursors.get(stream)
        pages = PAGE_CAP if since else self.max_pages
        newest, oldest, complete = self._read(stream, method_name, own_id, since, None, pages, batch)
        if not complete and since is None:
            batch.notices.append(f"first fetch of {stream} stopped after {pages} pages (max_pages); older history is not read")
        elif not complete:
            batch.cursors[gap_key] = f"{since}:{oldest}"
            batch.notices.append(f"{stream}: stopped after {pages} pages; the rest is fetched next sweep")
        if newest or since:
            batch.cursors[stream] = newest or since

    def _profile_due(self, cursors: Mapping[str, str], now: datetime) -> bool:
        """Whether the user id must be looked up or the follower count is older than profile_interval."""
        if not cursors.get("user_id") or cursors.get("user_handle", "").lower() != self.handle.lower():
            return True
        try:
            return now - datetime.fromisoformat(cursors.get("profile_at", "")) >= self.profile_interval
        except ValueError:
            return True

    def fetch(self, cursors: Mapping[str, str], now: datetime) -> Batch:
        """Profile snapshot when due, then each stream since its cursor, newest first, page by page."""
        batch = Batch()
        requests_before = self.api.requests
        own_id = cursors.get("user_id", "")
        if self._profile_due(cursors, now):
            batch.snapshot = self._profile()
            own_id = batch.snapshot.external_id
            batch.cursors.update(user_id=own_id, user_handle=self.handle, profile_at=now.isoformat())
        for stream, method_name in STREAMS:
            self._stream(stream, method_name, own_id, cursors, batch)
        # A brand tweet that mentions the brand comes in both streams.
        batch.items = list({item.external_id: item for item in batch.items}.values())
        batch.requests = self.api.requests - requests_before
        return batch


def build(request: BuildRequest) -> XConnector:
    """An XConnector for one account, on tweepy's Client routed to api_base_url."""
    from connectors.x_api import XApi

    cfg: XSettings = request.settings
    api = XApi(
        request.secrets["bearer_token"],
        token_source=request.sources["bearer_token"],
        api_base_url=cfg.api_base_url,
        timeout=cfg.timeout.total_seconds(),
        max_retries=cfg.max_retries,
        retry_backoff=cfg.retry_backoff.total_seconds(),
        max_rate_limit_wait=cfg.max_rate_limit_wait.total_seconds(),
    )
    return XConnector(api, request.target.handle, page_size=cfg.page_size, max_pages=cfg.max_pages,
                      profile_interval=cfg.profile_interval)


def read_export(request: ExportRequest) -> tuple[Batch, str | None] | None:
    """An X data archive's data/tweets.js (with account.js beside it), or None for another format."""
    from connectors.archive import ArchiveFormatError
    from connectors.x_archive import is_x_archive, read_tweets_js, read_x_account

    if not is_x_archive(request.path):
        return None
    if request.target is None:
        return Batch(), None  # recognised only: the file is for another account's platform
    profile = read_x_account(request.path)
    uid = request.user_id or (profile.external_id if profile else None) or request.stored_id
    handle = request.target.handle if request.target is not None else None
    if not uid:
        raise ArchiveFormatError(
            f"{request.path}: the account's X user id is unknown (no account.js beside tweets.js and no sweep yet); "
            f"pass --user-id (the numeric id of @{handle or 'handle'})"
        )
    if request.stored_id and uid != request.stored_id:
        raise ArchiveFormatError(
            f"{request.path}: the archive belongs to user id {uid}, but this account is user id {request.stored_id}"
        )
    return read_tweets_js(request.path, uid, (profile.handle if profile else None) or handle), uid


PLATFORM = Platform(
    name="x",
    title="X",
    settings=XSettings,
    target=XTarget,
    secrets=(Secret("bearer_token"),),
    build=build,
    describe=lambda target: f"@{target.handle}",
    max_gap=timedelta(days=3),
    questions=Nouns("mentions", "упоминания", "упоминаний"),
    handle_prefix="@",
    loggers=("tweepy", "tweepy.client"),
    read_export=read_export,
)
