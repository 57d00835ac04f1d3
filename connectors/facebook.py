"""Facebook Page connector: the Page profile, posts with comments and replies, Messenger conversations."""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import Field, TypeAdapter, ValidationError

from connectors.base import (
    Batch,
    BuildRequest,
    ConnectorError,
    FetchedItem,
    HttpSettings,
    Nouns,
    Platform,
    ProfileSnapshot,
    RateLimited,
    Secret,
    SparingInterval,
)
from connectors.facebook_payload import (
    Comment,
    Comments,
    Conversation,
    Message,
    Page,
    Paging,
    Post,
)
from connectors.payload import AwareTime, Skips, parse, problem
from monitor.config_model import StrictModel

if TYPE_CHECKING:
    from connectors.facebook_api import GraphApi

PAGE_FIELDS = "id,name,username,followers_count,fan_count,link"
COMMENT_FIELDS = "id,message,created_time,from,parent{id,from},permalink_url"
COMMENT_PAGE = 100
# A post's own fields; valid on a comment too, so a lookup that takes one for the other still reads.
POST_OWN_FIELDS = "id,message,created_time,permalink_url"
# Newest comments first, so that a busy post is paged only as far back as the last sweep read.
POST_FIELDS = (
    f"{POST_OWN_FIELDS},"
    f"comments.filter(stream).order(reverse_chronological).limit({COMMENT_PAGE}){{{COMMENT_FIELDS}}}"
)
LOOKUP_BATCH = 50  # ids per multi-id read (GET /?ids=)
UNCHECKED = ("m_", "t_")  # Messenger messages and conversations: not looked up
WINDOW_CURSOR = "watch_window"
WINDOW_CURSOR_SIZE = 255  # what a cursor holds (cursors.value)
# The last few messages of each conversation, so a "stop" followed by a Page message is seen.
CONVERSATION_FIELDS = "id,updated_time,link,messages.limit(10){id,message,from,created_time}"
_TIME = TypeAdapter(AwareTime)
PAUSE_USAGE = 95  # percent of any X-App-Usage / X-Business-Use-Case-Usage figure
log = logging.getLogger(__name__)


class FacebookSettings(HttpSettings):
    """[connectors.facebook]: the Page token, the optional app secret and the HTTP policy."""

    access_token_env: str | None = None
    access_token_file: str | None = None
    app_secret_env: str | None = None
    app_secret_file: str | None = None
    api_base_url: str = "https://graph.facebook.com"
    graph_version: str = Field("v25.0", pattern=r"^v\d+\.\d+$")  # v21.0 expires on 2027-01-21, v25.0 in 2028
    page_size: int = Field(100, ge=1, le=100)  # Graph counts calls, not items: full pages
    max_pages: int = Field(10, ge=1, le=100)
    # Watched items (open findings) older than the comment window are looked up at most this often.
    deletion_check_interval: SparingInterval = timedelta(hours=6)


class FacebookTarget(StrictModel):
    """The account's keys on Facebook: the Page's numeric id or username."""

    page_id: str = Field(min_length=1)


def graph_time(value: Any) -> datetime | None:
    """A Graph timestamp ("2026-11-20T10:00:00+0000", or ISO with an offset) as an aware datetime, or None."""
    try:
        return _TIME.validate_python(value)
    except ValidationError:
        return None


def elapsed(stamp: str | None, now: datetime, interval: timedelta) -> bool:
    """Whether interval has passed since the ISO time stamp (or it is missing or unreadable)."""
    try:
        return now - datetime.fromisoformat(stamp or "") >= interval
    except (TypeError, ValueError):
        return True


def post_of(comment_id: str, own_id: str) -> str | None:
    """The post a comment or reply is on, from its id: comment "5001_7001" is on the Page's post "<page>_5001"."""
    head, sep, _ = comment_id.partition("_")
    return f"{own_id}_{head}" if sep and head else None


def digest(item_id: str) -> str:
    """8 characters that stand for an id in the watch_window cursor (48 bits: no two watched ids share one)."""
    return base64.urlsafe_b64encode(hashlib.blake2b(item_id.encode(), digest_size=6).digest()).decode()


def read_window(value: str | None) -> dict[str, tuple[str, int]]:
    """The watch_window cursor: digest -> (kind "p" or "c", hour of the post's created_time)."""
    entries = {}
    for entry in (value or "").split(","):
        try:
            entries[entry[1:9]] = (entry[0], int(entry[9:], 16))
        except (IndexError, ValueError):
            continue
    return entries


def write_window(entries: dict[str, tuple[str, int]]) -> str:
    """The watch_window cursor: the newest posts' entries first, as many as a cursor holds (the rest are looked up)."""
    text = ""
    for key, (kind, hour) in sorted(entries.items(), key=lambda entry: -entry[1][1]):
        entry = f"{kind}{key}{hour:x}"
        if len(text) + len(entry) + 1 > WINDOW_CURSOR_SIZE:
            break
        text = f"{text},{entry}" if text else entry
    return text


@dataclass
class Reread:
    """What this sweep's reading of the posts since `since` saw: every id listed (malformed ones too), posts read whole."""

    since: int  # epoch seconds, as asked for
    complete: bool = False  # the listing reached its last page (not max_pages)
    listed: set[str] = field(default_factory=set)
    whole: set[str] = field(default_factory=set)  # posts whose comments were all read


class FacebookConnector:
    """Fetches a Page's profile, recent posts with their comments, and conversations when permitted."""

    platform = "facebook"

    def __init__(self, api: GraphApi, page_id: str, *, comment_window: timedelta, history: timedelta,
                 page_size: int = 100, max_pages: int = 10, deletion_check_interval: timedelta = timedelta(hours=6)):
        self.api = api
        self.page_id = page_id
        self.own_id = page_id  # the numeric id the profile returns (page_id may be the Page's username)
        self.comment_window = comment_window
        self.history = history
        self.page_size = page_size
        self.max_pages = max_pages
        self.deletion_check_interval = deletion_check_interval

    def _comment(self, raw: Any, post_id: str, batch: Batch, skips: Skips, listed: set[str] | None = None) -> datetime | None:
        """Map one comment (the Page's own as a reply) into the batch; its time, or None when malformed."""
        if listed is not None and isinstance(raw, dict) and isinstance(raw.get("id"), str):
            listed.add(raw["id"])
        try:
            comment = Comment.model_validate(raw)
        except ValidationError as exc:
            skips.add("comment", raw, problem(exc), f"on post {post_id}")
            return None
        author, parent = comment.author, comment.parent
        batch.items.append(
            FetchedItem(
                external_id=comment.id,
                kind="reply" if author and author.id == self.own_id else "comment",
                author_id=author.id if author else None,
                author_handle=author.name if author else None,
                created_at=comment.created_time,
                text=comment.message,
                url=comment.permalink_url or f"https://www.facebook.com/{comment.id}",
                reply_to_id=parent.id if parent else None,
                reply_to_author_id=parent.author.id if parent and parent.author else None,
                conversation_id=post_id,
                raw=dict(raw),
            )
        )
        return comment.created_time

    def _post(self, raw: Any, seen_until: datetime | None, batch: Batch, skips: Skips,
              reread: Reread | None = None) -> datetime | None:
        """Map one post and its comments into the batch; its time, or None when malformed."""
        if reread is not None and isinstance(raw, dict) and isinstance(raw.get("id"), str):
            reread.listed.add(raw["id"])
        try:
            post, dropped = parse(Post, raw)
        except ValidationError as exc:
            skips.add("post", raw, problem(exc))
            return None
        for why in dropped.values():
            batch.notices.append(f"post {post.id}: its comments are partly unreadable ({why}); the rest is read")
        batch.items.append(
            FetchedItem(
                external_id=post.id,
                kind="post",
                author_id=self.own_id,
                author_handle=None,
                created_at=post.created_time,
                text=post.message,
                url=post.permalink_url or f"https://www.facebook.com/{post.id}",
                conversation_id=post.id,
                raw={k: v for k, v in raw.items() if k != "comments"},
            )
        )
        if reread is not None and self._comments(post.comments or Comments(), post.id, seen_until, batch, skips,
                                                 reread.listed) and not dropped:
            reread.whole.add(post.id)
        return post.created_time

    def _comments(self, nested: Comments, post_id: str, seen_until: datetime | None, batch: Batch,
                  skips: Skips, listed: set[str]) -> bool:
        """The post's comments (newest first), paged further only while they are newer than seen_until; all read?"""
        oldest = None
        for comment in nested.data or []:
            oldest = self._comment(comment, post_id, batch, skips, listed) or oldest
        paging = nested.paging or Paging()
        after = paging.cursors.after if paging.cursors else None
        if not paging.next:
            return True
        if not after or (seen_until and oldest and oldest < seen_until):
            return False
        more = self.api.paged(f"reading comments of post {post_id}", f"{post_id}/comments", self.max_pages,
                              batch.notices, filter="stream", order="reverse_chronological", limit=COMMENT_PAGE,
                              fields=COMMENT_FIELDS, after=after)
        for comment in more:
            created = self._comment(comment, post_id, batch, skips, listed)
            if seen_until and created and created < seen_until:
                return False  # everything further back was read by an earlier sweep
        return more.complete

    def _conversations(self, now: datetime, batch: Batch, skips: Skips) -> None:
        """The last messages of each conversation updated inside the window; a notice without permission."""
        from connectors.facebook_api import PermissionMissing

        oldest = now - self.comment_window
        try:
            for raw in self.api.paged("reading Messenger conversations", f"{self.page_id}/conversations",
                                      self.max_pages, batch.notices, fields=CONVERSATION_FIELDS, limit=25):
                try:
                    conversation, dropped = parse(Conversation, raw)
                except ValidationError as exc:
                    skips.add("conversation", raw, problem(exc))
                    continue
                for why in dropped.values():
                    batch.notices.append(f"conversation {conversation.id}: {why}; the rest of it is read")
                if conversation.updated_time is not None and conversation.updated_time < oldest:
                    break
                self._messages(conversation, batch, skips)
        except PermissionMissing:
            batch.notices.append(
                "Messenger conversations are not readable with this token (it needs the pages_messaging "
                "permission); unanswered messages are not checked"
            )

    def _messages(self, conversation: Conversation, batch: Batch, skips: Skips) -> None:
        """Map the last messages of one conversation into the batch."""
        link = conversation.link
        url = f"https://www.facebook.com{link}" if link and link.startswith("/") else None
        for raw in (conversation.messages.data if conversation.messages else None) or []:
            try:
                message = Message.model_validate(raw)
            except ValidationError as exc:
                skips.add("message", raw, problem(exc), f"in conversation {conversation.id}")
                continue
            batch.items.append(
                FetchedItem(
                    external_id=message.id,
                    kind="message",
                    author_id=message.author.id if message.author else None,
                    author_handle=message.author.name if message.author else None,
                    created_at=message.created_time,
                    text=message.message,
                    url=url,
                    conversation_id=conversation.id,
                    raw=dict(raw),
                )
            )

    def _snapshot(self, raw: dict[str, Any], batch: Batch) -> ProfileSnapshot:
        """The Page's profile; a malformed field (followers_count "lots") is dropped with a notice, never stored."""
        page, dropped = parse(Page, raw)
        for why in dropped.values():
            batch.notices.append(f"profile of Page {self.page_id}: {why}; the value is not stored")
        self.own_id = page.id or self.page_id
        kept = {key: value for key, value in raw.items() if key not in dropped}
        return ProfileSnapshot(
            external_id=self.own_id,
            handle=page.username or page.name,
            followers=page.followers_count,
            raw={**kept, "fan_count": page.fan_count},
        )

    def _judge(self, watched: list[str], cursors: Mapping[str, str], reread: Reread, batch: Batch) -> list[str]:
        """Add the watched items the re-read shows gone (no request); return the ones it cannot tell about.

        The re-read lists every post since reread.since, so a watched post it listed last time, still that
        new, is gone when it is missing now; a comment too when its post is missing or was read whole.
        The watch_window cursor remembers which watched items were listed, with their post's hour.
        """
        since_hour = reread.since / 3600
        before, after = read_window(cursors.get(WINDOW_CURSOR)), {}
        items = {item.external_id: item for item in batch.items}
        unknown = []
        for item_id in watched:
            key = digest(item_id)
            if item_id in reread.listed:
                item = items.get(item_id)
                post = items.get(item.conversation_id or "") if item else None
                if item and item.kind == "post":
                    after[key] = ("p", int(item.created_at.timestamp() // 3600))
                elif item and post and post_of(item_id, self.own_id) == post.external_id:
                    after[key] = ("c", int(post.created_at.timestamp() // 3600))
                elif key in before:  # listed but unreadable this time
                    after[key] = before[key]
                continue
            kind, hour = before.get(key, ("", 0))
            if hour <= since_hour:  # not listed last time, or its post is older than what was read now
                unknown.append(item_id)
                continue
            parent = post_of(item_id, self.own_id) or ""
            post_gone_or_whole = kind == "c" and bool(parent) and (parent not in reread.listed or parent in reread.whole)
            if reread.complete and (kind == "p" or post_gone_or_whole):
                batch.deletions.append(item_id)
                continue
            after[key] = (kind, hour)
            unknown.append(item_id)
        window = write_window(after)
        if window != cursors.get(WINDOW_CURSOR, ""):
            batch.cursors[WINDOW_CURSOR] = window
        return unknown

    def _look_up(self, ids: list[str], cursors: Mapping[str, str], now: datetime, batch: Batch, skips: Skips) -> None:
        """Read the watched items the re-read did not cover, 50 at a time, at most once per deletion_check_interval."""
        if not ids or not elapsed(cursors.get("watch_checked_at"), now, self.deletion_check_interval):
            return
        own = f"{self.own_id}_"  # a Page post's id; a comment's starts with its post's number
        groups = (([i for i in ids if i.startswith(own)], POST_OWN_FIELDS),
                  ([i for i in ids if not i.startswith(own)], COMMENT_FIELDS))
        try:
            for group, fields in groups:
                for start in range(0, len(group), LOOKUP_BATCH):
                    chunk = group[start:start + LOOKUP_BATCH]
                    found, missing = self.api.objects(f"checking {len(chunk)} watched item(s)", chunk, fields)
                    for item_id, raw in found.items():
                        if fields == POST_OWN_FIELDS:
                            self._post(raw, None, batch, skips)
                        else:
                            self._comment(raw, post_of(item_id, self.own_id) or item_id, batch, skips)
                    batch.deletions += missing
        except ConnectorError as exc:
            # What is new is read: a failed check does not fail the sweep. A passing failure is retried next sweep.
            when = "next sweep" if exc.retryable else "after deletion_check_interval"
            batch.notices.append(f"watched items not checked for deletion ({exc}); tried again {when}")
            log.warning(batch.notices[-1])
            if isinstance(exc, RateLimited) and exc.retry_at:
                batch.defer_until = max(exc.retry_at, batch.defer_until or exc.retry_at)
            if exc.retryable:
                return
        batch.cursors["watch_checked_at"] = now.isoformat()

    def fetch(self, cursors: Mapping[str, str], now: datetime, watch: Sequence[str] = ()) -> Batch:
        """Profile, posts since the cursor (and all posts still inside the comment window), conversations, watched items."""
        batch = Batch()
        self.api.begin(now)
        skips = Skips()
        batch.snapshot = self._snapshot(self.api.get("reading the Page", self.page_id, fields=PAGE_FIELDS), batch)
        posts_cursor, comments_cursor = graph_time(cursors.get("posts")), graph_time(cursors.get("comments"))
        # Posts inside the comment window are read again every sweep: their new comments come with them.
        since = min(posts_cursor, now - self.comment_window) if posts_cursor else now - self.history
        reread = Reread(int(since.timestamp()))
        posts = self.api.paged("reading posts", f"{self.page_id}/posts", self.max_pages, batch.notices,
                               fields=POST_FIELDS, since=reread.since, limit=self.page_size)
        for raw in posts:
            self._post(raw, comments_cursor, batch, skips, reread)
        reread.complete = posts.complete
        for stream, kinds, old in (("posts", ("post",), posts_cursor), ("comments", ("comment", "reply"), comments_cursor)):
            newest = max((i.created_at for i in batch.items if i.kind in kinds), default=old)
            if newest is not None:
                batch.cursors[stream] = max(newest, old or newest).isoformat()
        self._conversations(now, batch, skips)
        watched = [i for i in dict.fromkeys(watch) if isinstance(i, str) and i and not i.startswith(UNCHECKED)]
        if watched or cursors.get(WINDOW_CURSOR):
            self._look_up(self._judge(watched, cursors, reread, batch), cursors, now, batch, skips)
        skips.report(batch.notices, log)
        from connectors.facebook_api import busiest_usage, regain_time

        usage = busiest_usage(self.api.usage)
        if usage >= PAUSE_USAGE:
            # Back off before Facebook throttles the app: the next sweeps wait until access is regained.
            batch.defer_until = regain_time(self.api.usage, now)
            batch.notices.append(
                f"Facebook API usage is at {usage:.0f}% of the limit; pausing this account until "
                f"{batch.defer_until:%Y-%m-%d %H:%M} UTC"
            )
        elif usage >= 80:
            batch.notices.append(f"Facebook API usage is at {usage:.0f}% of the limit; consider a longer interval")
        batch.requests = self.api.requests
        return batch


def build(request: BuildRequest) -> FacebookConnector:
    """A FacebookConnector for one account, on facebook-sdk made safe by connectors/facebook_api.py."""
    from connectors.facebook_api import GraphApi

    cfg: FacebookSettings = request.settings
    api = GraphApi(
        request.secrets["access_token"],
        token_source=request.sources["access_token"],
        app_secret=request.secrets.get("app_secret"),
        graph_version=cfg.graph_version,
        **cfg.http(),
    )
    return FacebookConnector(api, request.target.page_id, comment_window=request.recheck, history=request.history,
                             page_size=cfg.page_size, max_pages=cfg.max_pages,
                             deletion_check_interval=cfg.deletion_check_interval)


PLATFORM = Platform(
    name="facebook",
    title="Facebook",
    settings=FacebookSettings,
    target=FacebookTarget,
    secrets=(Secret("access_token"), Secret("app_secret", required=False)),
    build=build,
    describe=lambda target: f"page {target.page_id}",
    max_gap=timedelta(days=7),
    questions=Nouns("comments", "комментария", "комментариев"),
    loggers=("facebook",),
)
