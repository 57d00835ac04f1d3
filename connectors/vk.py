"""VK community connector: the community and its members, wall posts with comments and threads, community messages."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, ValidationError, field_validator

from connectors.base import (
    Batch,
    BuildRequest,
    ConnectorError,
    HttpSettings,
    Nouns,
    PermanentError,
    Platform,
    ProfileSnapshot,
    RateLimited,
    Secret,
    SparingInterval,
)
from connectors.vk_payload import (
    Comment,
    Conversation,
    ConversationEntry,
    Group,
    ListPage,
    Message,
    Peer,
    Post,
    Skips,
    comment_item,
    cursor_time,
    message_item,
    parse,
    post_item,
    problem,
    read_counts,
    read_page,
    write_counts,
)
from monitor.config_model import StrictModel
from monitor.durations import Duration, bounded

if TYPE_CHECKING:
    from connectors.vk_client import CommentReader, VkClient

PAGE = {"messages.getConversations": 200, "messages.getHistory": 100}
_GROUP_ID = re.compile(r"^(?:club|public|event)?-?([1-9][0-9]{0,11})$")
_WATCHED = re.compile(r"^-(\d+)_(\d+)(?:_(\d+))?$")  # a post -3003_5001 or a comment -3003_5001_7001
log = logging.getLogger(__name__)


def _between(low: timedelta, high: timedelta, why: str) -> Any:
    def check(value: timedelta) -> timedelta:
        if not low <= value <= high:
            raise ValueError(f'write a duration from "{low.total_seconds() / 60:.0f}m" to "{high.days}d" ({why})')
        return value
    return check


class VkSettings(HttpSettings):
    """[connectors.vk]: the app's service key, the optional community key, the API version and the HTTP policy."""

    service_token_env: str | None = None
    service_token_file: str | None = None
    community_token_env: str | None = None
    community_token_file: str | None = None
    api_base_url: str = "https://api.vk.ru"
    api_version: str = Field("5.199", pattern=r"^5\.\d+$")
    page_size: int = Field(100, ge=1, le=100)  # posts per wall.get (VK's maximum is 100)
    max_pages: int = Field(10, ge=1, le=100)  # wall.get, getConversations and getHistory pages per sweep
    max_comment_pages: int = Field(10, ge=1, le=100)  # wall.getComments requests per post per sweep
    # A post is re-read when its comment count moved; every recent post is re-read this often anyway,
    # because a comment deleted and another one added leave the count as it was.
    full_recheck: Duration = timedelta(hours=6)
    deletion_check_interval: SparingInterval = timedelta(hours=6)  # watched items the sweep did not see, looked up this often
    max_rate_limit_wait: Annotated[Duration, bounded("0s", "15m")] = timedelta(seconds=10)
    requests_per_second: float = Field(3, gt=0, le=1000)  # VK allows 3 a second with a service key

    _recheck = field_validator("full_recheck")(_between(timedelta(minutes=15), timedelta(days=7), "each one re-reads every recent post"))


class VkTarget(StrictModel):
    """The account's keys on VK: the community's numeric id."""

    group_id: str

    @field_validator("group_id", mode="before")
    @classmethod
    def _numeric(cls, value: Any) -> str:
        match = _GROUP_ID.match(str(value).strip().lower()) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if not match:
            raise ValueError(
                f'{value!r} is not a community id: write its number, e.g. group_id = "3003" (the address '
                'vk.com/club3003 or vk.com/public3003 shows it; for a short address such as vk.com/brand, '
                'the number is in Управление → Адрес)'
            )
        return match.group(1)


@dataclass
class Wall:
    """What this sweep's reading of the wall saw: the posts listed, and below which id every post was listed."""

    listed: set[int] = field(default_factory=set)
    posts: dict[int, Post] = field(default_factory=dict)
    floor: int | None = None  # a post above this id that was not listed is gone (None: the listing was cut short)
    readers: dict[int, CommentReader] = field(default_factory=dict)
    since_id: int = 0  # the newest comment id earlier sweeps read


class VkConnector:
    """Fetches a community's profile, recent wall posts with their comments, and its conversations when permitted."""

    platform = "vk"

    def __init__(self, api: VkClient, group_id: str, *, recheck: timedelta, history: timedelta, page_size: int = 100,
                 max_pages: int = 10, max_comment_pages: int = 10, full_recheck: timedelta = timedelta(hours=6),
                 deletion_check_interval: timedelta = timedelta(hours=6)):
        self.api = api
        self.gid = int(group_id)
        self.own = f"-{self.gid}"  # the community as author everywhere (VK's from_id), and the account's external id
        self.recheck, self.history = recheck, history
        self.page_size, self.max_pages, self.max_comment_pages = page_size, max_pages, max_comment_pages
        self.full_recheck, self.deletion_check_interval = full_recheck, deletion_check_interval
        self.names: dict[int, str] = {}
        self.closed: int | None = None

    def post_id(self, post: int) -> str:
        """A post's external id: owner and post, as VK writes it in links (-3003_5001)."""
        return f"{self.own}_{post}"

    def refused(self, exc: Any) -> PermanentError:
        """Why the service key may not read the wall, in words."""
        if exc.code == 18:
            return PermanentError(f"{exc}: community {self.gid} is deleted or banned; check group_id")
        state = {1: "closed", 2: "private"}.get(self.closed or 0, "not open to everyone")
        return PermanentError(f"{exc}: community {self.gid} is {state}, and the app's service key reads only open "
                              "communities; open its wall, or put the user key of a member in service_token_env")

    def _profile(self, batch: Batch) -> ProfileSnapshot:
        """The community and its members_count; a malformed field is dropped with a notice, never stored."""
        from connectors.vk_client import VkError

        try:
            answer = self.api.call("service_token", "groups.getById", f"reading community {self.gid}", group_id=self.gid,
                                   fields="members_count")
        except VkError as exc:
            raise PermanentError(f"{exc}: check group_id (the community's number)") if exc.code == 100 else exc from None
        groups = answer.get("groups") if isinstance(answer, dict) else answer  # 5.194+ wraps the list
        raw = groups[0] if isinstance(groups, list) and groups else None
        if not isinstance(raw, dict):
            raise PermanentError(f"VK answered groups.getById without community {self.gid}: check group_id")
        group, dropped = parse(Group, raw)
        for why in dropped.values():
            batch.notices.append(f"profile of community {self.gid}: {why}; the value is not stored")
        if group.deactivated:
            raise PermanentError(f"VK community {self.gid} is {group.deactivated}: check group_id")
        self.closed = group.is_closed
        self.names[-self.gid] = group.name or self.own
        return ProfileSnapshot(external_id=self.own, handle=group.screen_name or group.name,
                               followers=group.members_count, raw={k: v for k, v in raw.items() if k not in dropped})

    def _posts(self, since: datetime, batch: Batch, skips: Skips) -> tuple[list[Post], Wall]:
        """Wall posts newest first back to since (the pinned one whatever its age)."""
        from connectors.vk_client import AccessDenied

        posts, wall = [], Wall()
        listing = self.api.pages("service_token", "wall.get", f"reading the wall of community {self.gid}", self.max_pages,
                                 owner_id=-self.gid, count=self.page_size, filter="all", extended=1)
        try:
            for answer in listing:
                for raw in read_page(ListPage, answer, "posts", skips, self.names).items:
                    if isinstance(raw, dict) and isinstance(raw.get("id"), int):
                        wall.listed.add(raw["id"])
                    try:
                        post, dropped = parse(Post, raw)
                    except ValidationError as exc:
                        skips.add("post", raw, problem(exc))
                        continue
                    wall.posts[post.id] = post
                    batch.items.append(post_item(post, raw, self.gid, self.names, share="copy_history" in dropped))
                    if post.date < since and not post.is_pinned:
                        wall.floor = post.id  # newest first: everything further down is older (this one as it is now)
                        return posts, wall
                    posts.append(post)
        except AccessDenied as exc:
            raise self.refused(exc) from None
        if listing.complete:
            wall.floor = 0
        elif listing.capped:
            batch.notices.append(f"reading the wall of community {self.gid}: stopped after {self.max_pages} page(s) "
                                 "(max_pages); older posts were not read")
        return posts, wall

    def _read(self, post: Post, need: int | None, wall: Wall, batch: Batch, skips: Skips) -> None:
        """Read a post's comments into the batch (the community's own as replies), as far as `need` says."""
        from connectors.vk_client import CommentReader, VkError

        where = self.post_id(post.id)
        reader = wall.readers[post.id] = CommentReader(self.api, -self.gid, post.id, need=need, since_id=wall.since_id,
                                                       budget=self.max_comment_pages, names=self.names,
                                                       what=f"reading comments of post {where}")
        authors: dict[int, int] = {}
        try:
            for raw, parent in reader:
                try:
                    comment, _ = parse(Comment, raw)
                except ValidationError as exc:
                    skips.add("comment", raw, problem(exc), f"on post {where}")
                    continue
                authors[comment.id] = comment.from_id
                batch.items.append(comment_item(comment, raw, post, parent, authors, self.gid, self.names))
        except VkError as exc:
            if exc.code not in (15, 212):
                raise
            reader.broken = True
            batch.notices.append(f"comments of post {where} are not readable: {exc}")
        if reader.capped:
            batch.notices.append(f"post {where}: stopped after {self.max_comment_pages} comment request(s) "
                                 "(max_comment_pages); older comments were not read")
        elif reader.broken and not authors:
            batch.notices.append(f"post {where}: VK answered with an unreadable page of comments; they are read next sweep")

    def _wall_items(self, cursors: Mapping[str, str], now: datetime, batch: Batch, skips: Skips) -> Wall:
        """Posts since the cursor and the whole comment window; comments of posts whose count moved (or is new)."""
        last_post = int(cursors["posts"]) if cursors.get("posts", "").isdigit() else None
        posts_at, full_at = cursor_time(cursors.get("posts_at")), cursor_time(cursors.get("comments_full_at"))
        counts, fresh = read_counts(cursors), {}
        full = full_at is None or now - full_at >= self.full_recheck
        window = now - self.recheck
        posts, wall = self._posts(min(posts_at, window) if posts_at else now - self.history, batch, skips)
        wall.since_id = int(cursors["comments"]) if cursors.get("comments", "").isdigit() else 0
        for post in posts:
            total = post.comments.count if post.comments else None
            recent = post.date >= window or bool(post.is_pinned)
            if not recent and last_post is not None and post.id <= last_post:
                continue  # an older post read before: its comments no longer matter to the rules
            known = counts.get(post.id)
            if recent and total is not None:
                fresh[post.id] = total
            if total == 0 or (total == known and not full):
                continue
            need = total - known if total is not None and known is not None and total > known and not full else None
            self._read(post, need, wall, batch, skips)
        newest = max(posts, key=lambda p: (not p.is_pinned, p.id), default=None)
        if newest is not None and (last_post is None or newest.id >= last_post):
            batch.cursors.update(posts=str(newest.id), posts_at=newest.date.isoformat())
        batch.cursors.update(write_counts(fresh, cursors))
        if full:
            batch.cursors["comments_full_at"] = now.isoformat()
        return wall

    def _messages(self, cursors: Mapping[str, str], now: datetime, batch: Batch, skips: Skips) -> None:
        """The conversations of the window with messages newer than the cursor; a notice when not permitted."""
        from connectors.vk_client import VkError

        if not self.api.has("community_token"):
            batch.notices.append("community messages are not checked: no community key is configured (set "
                                 "community_token_env to the community's key with access to messages)")
            return
        seen = int(cursors["messages"]) if cursors.get("messages", "").isdigit() else None
        start, newest = now - self.recheck, seen or 0
        try:
            for answer in self.api.pages("community_token", "messages.getConversations", "reading community conversations",
                                         self.max_pages, group_id=self.gid, count=PAGE["messages.getConversations"], extended=1):
                entries = read_page(ListPage, answer, "conversations", skips, self.names).items
                if not self._conversations(entries, seen, start, batch, skips):
                    break
        except VkError as exc:
            hint = "; give the community's key access to messages" if exc.code == 15 else ""
            batch.notices.append(f"community messages are not checked: {exc}{hint}")
            return
        ids = [i.raw.get("id") for i in batch.items if i.kind == "message"]
        batch.cursors["messages"] = str(max([newest, *(i for i in ids if isinstance(i, int))]))

    def _conversations(self, entries: list[Any], seen: int | None, start: datetime, batch: Batch, skips: Skips) -> bool:
        """Map one page of conversations' new messages (the last alone when it is the first); False past the window."""
        from connectors.vk_client import VkError

        for raw in entries:
            try:
                entry = ConversationEntry.model_validate(raw)
                last = Message.model_validate(entry.last_message)
            except ValidationError as exc:
                skips.add("conversation", raw, problem(exc))
                continue
            if last.date < start:
                return False
            peer = entry.conversation.peer
            if peer.type == "chat" or (seen is not None and last.id <= seen):
                continue  # group chats are not customer conversations; an unchanged one has nothing new
            allowed = self._allowed(entry.conversation, peer)
            if last.conversation_message_id == 1:
                batch.items.append(message_item(last, raw["last_message"], self.gid, self.names, allowed))
                continue
            try:
                self._history(peer.id, seen, start, allowed, batch, skips)
            except VkError as exc:  # this conversation only (917: no access to it)
                batch.notices.append(f"conversation {peer.id} is not readable: {exc}")
        return True

    def _history(self, peer: int, seen: int | None, start: datetime, allowed: int | None, batch: Batch, skips: Skips) -> None:
        """A conversation's messages newest first, back to the cursor (or the window's start)."""
        for answer in self.api.pages("community_token", "messages.getHistory", f"reading the conversation with {peer}",
                                     self.max_pages, group_id=self.gid, peer_id=peer, count=PAGE["messages.getHistory"],
                                     extended=1):
            for raw in read_page(ListPage, answer, "messages", skips, self.names).items:
                try:
                    message = Message.model_validate(raw)
                except ValidationError as exc:
                    skips.add("message", raw, problem(exc), f"in conversation {peer}")
                    continue
                if (seen is not None and message.id <= seen) or message.date < start:
                    return
                batch.items.append(message_item(message, raw, self.gid, self.names, allowed))

    def _allowed(self, conversation: Conversation, peer: Peer) -> int | None:
        """1 or 0: whether the person allows messages from the community (can_write, else one question); None unknown."""
        if conversation.can_write is not None or peer.type != "user":
            return conversation.allowed()
        return self.api.messages_allowed(self.gid, peer.id)

    def _look_up(self, posts: list[int], batch: Batch, skips: Skips) -> dict[int, Post]:
        """Watched posts the wall listing did not reach, by id: those VK still shows."""
        from connectors.vk_client import AccessDenied

        found: dict[int, Post] = {}
        try:
            listed = self.api.posts_by_id(-self.gid, posts)
        except AccessDenied as exc:
            raise self.refused(exc) from None
        for raw in listed:
            try:
                post, dropped = parse(Post, raw)
            except ValidationError as exc:
                skips.add("post", raw, problem(exc))
                continue
            found[post.id] = post
            batch.items.append(post_item(post, raw, self.gid, self.names, share="copy_history" in dropped))
        return found

    def _watch(self, watch: Iterable[str], wall: Wall, cursors: Mapping[str, str], now: datetime, batch: Batch,
               skips: Skips) -> None:
        """Watched posts and comments this sweep shows gone; the others looked up at most once per deletion_check_interval."""
        wanted = [(int(m[2]), int(m[3]) if m[3] else None) for i in dict.fromkeys(watch)
                  if isinstance(i, str) and (m := _WATCHED.match(i)) and int(m[1]) == self.gid]
        present = dict(wall.posts)
        gone = {p for p, _ in wanted if p not in wall.listed and wall.floor is not None and p > wall.floor}
        unknown = sorted({p for p, _ in wanted if p not in wall.listed and p not in gone})
        pending = [(p, c) for p, c in wanted if c is not None and p not in gone and not self._judged(wall, p, c)]
        stamp = cursor_time(cursors.get("watch_checked_at"))
        due = bool(unknown or pending) and (stamp is None or now - stamp >= self.deletion_check_interval)
        try:
            if due:
                present.update(self._look_up(unknown, batch, skips))
                gone |= set(unknown) - set(present)
                for post in sorted({p for p, _ in pending if p in present}):
                    self._read(present[post], None, wall, batch, skips)
        except ConnectorError as exc:
            # What is new is read: a failed check does not fail the sweep. A passing failure is retried next sweep.
            batch.notices.append(f"watched items not checked for deletion ({exc}); tried again "
                                 f"{'next sweep' if exc.retryable else 'after deletion_check_interval'}")
            if isinstance(exc, RateLimited) and exc.retry_at:
                batch.defer_until = max(exc.retry_at, batch.defer_until or exc.retry_at)
            due = due and not exc.retryable
        for post, comment in wanted:
            if post in gone or (comment is not None and self._judged(wall, post, comment) == "gone"):
                batch.deletions.append(self.post_id(post) + (f"_{comment}" if comment else ""))
        if due:
            batch.cursors["watch_checked_at"] = now.isoformat()

    @staticmethod
    def _judged(wall: Wall, post: int, comment: int) -> str | None:
        """What this sweep's reading of the comment's post tells: "here", "gone", or None (not read far enough)."""
        reader = wall.readers.get(post)
        if reader is not None and comment in reader.listed:
            return "here"
        return "gone" if reader is not None and reader.whole else None

    def fetch(self, cursors: Mapping[str, str], now: datetime, watch: Sequence[str] = ()) -> Batch:
        """Profile, wall posts with the comments that moved, conversations with new messages, watched items."""
        batch = Batch()
        self.api.begin(now)
        skips = Skips()
        batch.snapshot = self._profile(batch)
        wall = self._wall_items(cursors, now, batch, skips)
        self._messages(cursors, now, batch, skips)
        if watch:
            self._watch(watch, wall, cursors, now, batch, skips)
        batch.cursors["comments"] = str(max([wall.since_id, *(max(r.listed, default=0) for r in wall.readers.values())]))
        skips.report(batch.notices, log)
        batch.requests = self.api.requests
        return batch


def build(request: BuildRequest) -> VkConnector:
    """A VkConnector for one account, on vk_api made safe by connectors/vk_client.py."""
    from connectors.vk_client import VkClient

    cfg: VkSettings = request.settings
    api = VkClient(dict(request.secrets), request.sources, api_version=cfg.api_version,
                   max_rate_limit_wait=cfg.max_rate_limit_wait.total_seconds(),
                   min_interval=1 / cfg.requests_per_second, **cfg.http())
    return VkConnector(api, request.target.group_id, recheck=request.recheck, history=request.history,
                       page_size=cfg.page_size, max_pages=cfg.max_pages, max_comment_pages=cfg.max_comment_pages,
                       full_recheck=cfg.full_recheck, deletion_check_interval=cfg.deletion_check_interval)


PLATFORM = Platform(
    name="vk",
    title="VK",
    settings=VkSettings,
    target=VkTarget,
    secrets=(Secret("service_token"), Secret("community_token", required=False)),
    build=build,
    describe=lambda target: f"community {target.group_id}",
    # Communities post daily and VK's feed ranks by freshness: after three silent days the posts fall out of
    # members' feeds, as on X (Facebook Pages, whose followers read less often, get a week).
    max_gap=timedelta(days=3),
    questions=Nouns("comments", "комментария", "комментариев"),
    loggers=("vk_api",),
)
