"""X (Twitter) connector: the brand's tweets and mentions via API v2, fetched incrementally."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, ValidationError, field_validator

from connectors.base import (
    Batch,
    BuildRequest,
    ConnectorError,
    ExportRequest,
    FetchedItem,
    HttpSettings,
    Nouns,
    PermanentError,
    Platform,
    ProfileSnapshot,
    Secret,
    SparingInterval,
)
from connectors.x_payload import (
    Meta,
    PublicMetrics,
    Skips,
    TimelinePage,
    Tweet,
    User,
    parse,
    problem,
    read_usernames,
)
from monitor.config_model import StrictModel
from monitor.durations import Duration, bounded

if TYPE_CHECKING:
    from connectors.x_api import XApi

TWEET_FIELDS = ["created_at", "author_id", "conversation_id", "in_reply_to_user_id", "referenced_tweets", "entities"]
USER_FIELDS = ["username", "public_metrics"]
# Streams to fetch: (cursor name, tweepy method name).
STREAMS = (("tweets", "get_users_tweets"), ("mentions", "get_users_mentions"))
PAGE_CAP = 100
LOOKUP_BATCH = 100  # GET /2/tweets takes at most 100 ids
TWEET_ID = re.compile(r"[0-9]{1,19}")
# How X answers a looked-up tweet that is no longer public: deleted, or its author protected or suspended.
GONE_TITLES = {"Not Found Error", "Authorization Error", "Forbidden"}
GONE_TYPES = ("/resource-not-found", "/not-authorized-for-resource")
log = logging.getLogger(__name__)


class XSettings(HttpSettings):
    """[connectors.x]: the app's bearer token and the HTTP policy."""

    bearer_token_env: str | None = None
    bearer_token_file: str | None = None
    api_base_url: str = "https://api.twitter.com"
    max_rate_limit_wait: Annotated[Duration, bounded("0s", "15m")] = timedelta(seconds=60)
    page_size: int = Field(100, ge=5, le=100)
    max_pages: int = Field(5, ge=1, le=100)
    # The profile (follower count) is read at most this often: daily follower figures need no more.
    profile_interval: Duration = timedelta(hours=1)
    # Watched tweets (open findings) the timelines did not return are looked up at most this often: X bills each one.
    deletion_check_interval: SparingInterval = timedelta(hours=6)


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


def expand_urls(tweet: Tweet) -> str:
    """The text with its t.co links replaced by the URLs they stand for, as the reader sees them."""
    text = tweet.text
    for entity in (tweet.entities.urls if tweet.entities else None) or []:
        if entity.expanded_url:
            text = text.replace(entity.url, entity.expanded_url)
    return text


def elapsed(stamp: str | None, now: datetime, interval: timedelta) -> bool:
    """Whether interval has passed since the ISO time stamp (or it is missing or unreadable)."""
    try:
        return now - datetime.fromisoformat(stamp or "") >= interval
    except (TypeError, ValueError):
        return True


def gone_ids(errors: Any, asked: set[str]) -> set[str]:
    """The asked tweet ids X's errors call deleted, protected or suspended (no longer public)."""
    gone = set()
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, dict) or error.get("section") == "includes" or error.get("resource_type", "tweet") != "tweet":
            continue
        value = error.get("resource_id", error.get("value"))
        kind = error.get("type")
        if f"{value}" in asked and (error.get("title") in GONE_TITLES or isinstance(kind, str) and kind.endswith(GONE_TYPES)):
            gone.add(f"{value}")
    return gone


def edited_away(raw: Any) -> set[str]:
    """The ids of a tweet's versions older than the one X shows: each edit is a new tweet id (edit_history_tweet_ids)."""
    history = raw.get("edit_history_tweet_ids") if isinstance(raw, dict) else None
    return {f"{i}" for i in history[:-1]} if isinstance(history, list) else set()


def map_tweet(raw: Any, usernames: Mapping[str, str], own_id: str) -> FetchedItem | str:
    """A tweet as a FetchedItem, or the reason it cannot be read ("entities: Input should be ...")."""
    try:
        tweet = Tweet.model_validate(raw)
    except ValidationError as exc:
        return problem(exc)
    refs = {ref.type: ref.id for ref in tweet.referenced_tweets or []}
    reply_to = refs.get("replied_to")
    if tweet.author_id == own_id:
        kind = "reply" if reply_to or tweet.in_reply_to_user_id else "post"
    else:
        kind = "mention"
    username = usernames.get(tweet.author_id) if tweet.author_id else None
    url = f"https://x.com/{username}/status/{tweet.id}" if username else f"https://x.com/i/web/status/{tweet.id}"
    return FetchedItem(
        external_id=tweet.id,
        kind=kind,
        author_id=tweet.author_id,
        author_handle=username,
        created_at=tweet.created_at,
        text=expand_urls(tweet),
        url=url,
        reply_to_id=reply_to,
        reply_to_author_id=tweet.in_reply_to_user_id,
        conversation_id=tweet.conversation_id,
        is_share="retweeted" in refs,
        raw=dict(raw),
    )


class XConnector:
    """Fetches the profile, own tweets (replies included) and mentions since the cursors."""

    platform = "x"

    def __init__(self, api: XApi, handle: str, *, page_size: int = 100, max_pages: int = 5,
                 profile_interval: timedelta = timedelta(hours=1), deletion_check_interval: timedelta = timedelta(hours=6)):
        self.api = api
        self.handle = handle
        self.page_size = page_size
        self.max_pages = max_pages
        self.profile_interval = profile_interval
        self.deletion_check_interval = deletion_check_interval

    def _profile(self, batch: Batch) -> ProfileSnapshot:
        payload = self.api.call(f"looking up @{self.handle}", self.api.client.get_user, username=self.handle, user_fields=USER_FIELDS)
        data = payload.get("data")
        if not isinstance(data, dict):
            errors = payload.get("errors") if isinstance(payload.get("errors"), list) else []
            detail = "; ".join(str(e.get("detail") if isinstance(e, dict) else e) for e in errors) or "no user data"
            raise PermanentError(f"X has no user @{self.handle} ({detail}): check handle in the account's config")
        try:
            user, dropped = parse(User, data)
        except ValidationError as exc:
            raise PermanentError(f"X answered the lookup of @{self.handle} without a usable user id ({problem(exc)})") from None
        for why in dropped.values():
            batch.notices.append(f"profile of @{self.handle}: {why}; the value is not stored")
            log.warning(batch.notices[-1])
        metrics = user.public_metrics or PublicMetrics()
        raw = {key: value for key, value in data.items() if key not in dropped}
        if isinstance(raw.get("public_metrics"), dict):
            raw["public_metrics"] = {k: v for k, v in raw["public_metrics"].items() if k not in dropped}
        return ProfileSnapshot(
            external_id=user.id,
            handle=user.username or self.handle,
            followers=metrics.followers_count,
            following=metrics.following_count,
            posts=metrics.tweet_count,
            raw=raw,
        )

    def _page(self, payload: dict[str, Any], own_id: str, batch: Batch, skips: Skips) -> tuple[Meta, bool]:
        """Map one page's tweets into the batch; its ids and paging (from the tweets when meta is unreadable)."""
        page, dropped = parse(TimelinePage, payload)
        for part, why in dropped.items():
            skips.partly("page", f"{why}; no page after it is read" if part == "meta" else why)
        names = read_usernames(page.includes.users if page.includes else None, skips)
        for raw in page.data or []:
            item = map_tweet(raw, names, own_id)
            if isinstance(item, str):
                skips.add("tweet", raw, item)
            else:
                batch.items.append(item)
        meta = page.meta or Meta()
        if meta.newest_id is None:
            # Without meta the page's own ids (a malformed tweet's too) move the cursor, or the page is read every sweep.
            ids = sorted((int(r["id"]) for r in page.data or [] if isinstance(r, dict) and str(r.get("id")).isdigit()))
            if ids:
                meta = Meta(newest_id=str(ids[-1]), oldest_id=str(ids[0]), next_token=meta.next_token)
        return meta, not meta.next_token

    def _read(self, stream: str, method_name: str, own_id: str, since: str | None, until: str | None,
              max_pages: int, batch: Batch, skips: Skips) -> tuple[str | None, str | None, bool]:
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
            payload = self.api.call(f"fetching {stream} of @{self.handle}", method, id=own_id, **params)
            meta, last = self._page(payload, own_id, batch, skips)
            if meta.newest_id and (newest is None or int(meta.newest_id) > int(newest)):
                newest = meta.newest_id
            if meta.oldest_id and (oldest is None or int(meta.oldest_id) < int(oldest)):
                oldest = meta.oldest_id
            token = meta.next_token
            if last:
                return newest, oldest, True
        return newest, oldest, False

    def _stream(self, stream: str, method_name: str, own_id: str, cursors: Mapping[str, str], batch: Batch,
                skips: Skips) -> None:
        """One stream: first close an unread gap left by a flood, then read what is new since the cursor."""
        gap_key = f"{stream}_gap"
        if cursors.get(gap_key):
            gap_since, gap_until = cursors[gap_key].split(":")
            _, oldest, complete = self._read(stream, method_name, own_id, gap_since, gap_until, PAGE_CAP, batch, skips)
            batch.cursors[gap_key] = "" if complete else f"{gap_since}:{oldest or gap_until}"
            if not complete:
                batch.notices.append(f"{stream}: still catching up after a flood; the rest is fetched next sweep")
                return  # One gap at a time: the main cursor waits.
        since = cursors.get(stream)
        pages = PAGE_CAP if since else self.max_pages
        newest, oldest, complete = self._read(stream, method_name, own_id, since, None, pages, batch, skips)
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
        return elapsed(cursors.get("profile_at"), now, self.profile_interval)

    def _lookup(self, ids: list[str], own_id: str, batch: Batch, skips: Skips) -> None:
        """Look up to 100 watched tweets: the ones X calls gone are deletions, the others items (with edited text)."""
        payload = self.api.call(f"checking {len(ids)} watched tweet(s) of @{self.handle}", self.api.client.get_tweets,
                                ids=ids, tweet_fields=TWEET_FIELDS, expansions=["author_id"], user_fields=["username"])
        asked = set(ids)
        gone = gone_ids(payload.get("errors"), asked)
        page, dropped = parse(TimelinePage, payload)
        for why in dropped.values():
            skips.partly("answer", why)
        names = read_usernames(page.includes.users if page.includes else None, skips)
        # The version with the finding is no longer the one X shows; the newer one is a tweet of its own.
        gone |= asked & set().union(*(edited_away(raw) for raw in page.data or []))
        for raw in page.data or []:
            tweet_id = raw.get("id") if isinstance(raw, dict) else None
            if tweet_id not in asked or tweet_id in gone:
                continue
            item = map_tweet(raw, names, own_id)
            if isinstance(item, str):
                skips.add("tweet", raw, item)
            else:
                batch.items.append(item)
        batch.deletions += [i for i in ids if i in gone]

    def _check_watched(self, watch: Sequence[str], own_id: str, cursors: Mapping[str, str], now: datetime,
                       batch: Batch) -> None:
        """Look up the watched tweets this sweep did not read, at most once per deletion_check_interval."""
        read = {item.external_id for item in batch.items}
        ids = [i for i in dict.fromkeys(watch) if isinstance(i, str) and TWEET_ID.fullmatch(i) and i not in read]
        if not ids or not elapsed(cursors.get("watch_checked_at"), now, self.deletion_check_interval):
            return
        skips, checked = Skips("in watched tweets"), True
        try:
            for start in range(0, len(ids), LOOKUP_BATCH):
                self._lookup(ids[start:start + LOOKUP_BATCH], own_id, batch, skips)
        except ConnectorError as exc:
            # The timelines are read: a failed check does not fail the sweep. A passing failure is retried next sweep.
            checked = not exc.retryable
            when = "after deletion_check_interval" if checked else "next sweep"
            batch.notices.append(f"watched tweets not checked for deletion ({exc}); tried again {when}")
            log.warning(batch.notices[-1])
        skips.report(batch.notices, log)
        if checked:
            batch.cursors["watch_checked_at"] = now.isoformat()

    def fetch(self, cursors: Mapping[str, str], now: datetime, watch: Sequence[str] = ()) -> Batch:
        """Profile snapshot when due, each stream since its cursor (newest first), then the watched tweets when due."""
        batch = Batch()
        requests_before = self.api.requests
        own_id = cursors.get("user_id", "")
        if self._profile_due(cursors, now):
            batch.snapshot = self._profile(batch)
            own_id = batch.snapshot.external_id
            batch.cursors.update(user_id=own_id, user_handle=self.handle, profile_at=now.isoformat())
        for stream, method_name in STREAMS:
            skips = Skips(f"in {stream}")
            self._stream(stream, method_name, own_id, cursors, batch, skips)
            skips.report(batch.notices, log)
        self._check_watched(watch, own_id, cursors, now, batch)
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
        **cfg.http(),
        max_rate_limit_wait=cfg.max_rate_limit_wait.total_seconds(),
    )
    return XConnector(api, request.target.handle, page_size=cfg.page_size, max_pages=cfg.max_pages,
                      profile_interval=cfg.profile_interval, deletion_check_interval=cfg.deletion_check_interval)


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
