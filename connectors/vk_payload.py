"""Typed models of the VK API JSON we read (the community, wall posts, comments, messages) and the items they become."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Annotated, Any, TypeVar

from pydantic import PlainValidator, ValidationError
from pydantic_core import PydanticCustomError

from connectors.base import FetchedItem
from connectors.payload import Count, Droppable, Payload, Skips, parse, problem

__all__ = ["Comment", "CommentsPage", "Conversation", "ConversationEntry", "Group", "ListPage", "Message", "Post",
           "Skips", "Thread", "UnixTime", "comment_item", "cursor_time", "message_item", "names", "parse",
           "post_item", "problem", "read_counts", "read_page", "thread_of", "unix_time", "write_counts"]

VkId = int  # ids are JSON numbers, strictly (a community is negative as an owner or author)
Flag = int | bool  # VK marks flags 0/1 (sometimes true/false); anything else is malformed
NOT_ALLOWED = 901  # can_write.reason: the person has not allowed messages from the community
COUNTS = "counts"  # the cursor streams holding each recent post's comment count
CURSOR_SIZE = 255  # what one cursor holds (cursors.value)


def unix_time(value: Any) -> datetime:
    """A VK `date` (unix seconds as a JSON number) as an aware UTC datetime."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise PydanticCustomError("unix_time_type", "Input should be a unix time as a whole number")
    if value <= 0 or value > 32503680000:  # before 1970 or after 3000: not a date VK gives
        raise PydanticCustomError("unix_time_range", "Input should be a unix time after 1970")
    return datetime.fromtimestamp(value, timezone.utc)


UnixTime = Annotated[datetime, PlainValidator(unix_time)]


class Counter(Payload):
    """`comments`, `likes`, `views` of a post: its count."""

    count: Count = 0


class Post(Payload):
    """A wall post; `copy_history` makes it a repost of another post."""

    id: VkId
    from_id: VkId
    date: UnixTime
    text: str = ""
    owner_id: Droppable[VkId] = None
    is_pinned: Droppable[Flag] = None
    comments: Droppable[Counter] = None
    copy_history: Droppable[list[Any]] = None


class Thread(Payload):
    """The replies under a comment: how many there are and the first few inline."""

    count: Count = 0
    items: list[Any] | None = None


class Comment(Payload):
    """A wall comment; in a thread, `reply_to_comment` names the comment it answers."""

    id: VkId
    from_id: VkId
    date: UnixTime
    text: str = ""
    reply_to_user: Droppable[VkId] = None
    reply_to_comment: Droppable[VkId] = None
    thread: Droppable[Thread] = None


class Person(Payload):
    """An entry of `profiles` (a person) or `groups` (a community) in an extended answer."""

    id: VkId
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None


class ListPage(Payload):
    """An answer listing items (wall.get, messages.*): each item is validated on its own."""

    count: Droppable[Count] = None
    items: list[Any] = []
    profiles: Droppable[list[Any]] = None
    groups: Droppable[list[Any]] = None


class CommentsPage(ListPage):
    """A wall.getComments answer: `current_level_count` is what offset pages over."""

    current_level_count: Droppable[Count] = None


L = TypeVar("L", bound=ListPage)


class Message(Payload):
    """A message of a community conversation; `out` = 1 when the community sent it."""

    conversation_message_id: VkId
    date: UnixTime
    from_id: VkId
    peer_id: VkId
    text: str = ""
    id: VkId = 0  # the community mailbox's message id (0 in group chats)
    out: Droppable[Flag] = None


class Peer(Payload):
    """Who the conversation is with: a person ("user"), a community ("group") or a chat."""

    id: VkId
    type: str = "user"


class CanWrite(Payload):
    """Whether the community may write to the person; reason 901 means the person has not allowed it."""

    allowed: Flag
    reason: Droppable[VkId] = None


class Conversation(Payload):
    """A conversation's peer and whether the community may write there."""

    peer: Peer
    can_write: Droppable[CanWrite] = None

    def allowed(self) -> int | None:
        """1 or 0: whether the person lets the community write (0 when they have not allowed it); None unknown."""
        if self.can_write is None:
            return None
        return 1 if self.can_write.allowed else (0 if self.can_write.reason == NOT_ALLOWED else None)


class ConversationEntry(Payload):
    """One entry of messages.getConversations: the conversation and its last message (validated apart)."""

    conversation: Conversation
    last_message: Any = None


class Group(Payload):
    """The community: every field is dropped alone when malformed (a members_count of "lots" is not stored)."""

    id: Droppable[VkId] = None
    name: Droppable[str] = None
    screen_name: Droppable[str] = None
    is_closed: Droppable[VkId] = None
    deactivated: Droppable[str] = None
    members_count: Droppable[Count] = None


def thread_of(raw: Any) -> Thread | None:
    """A comment's thread (its reply count and inline replies), None when it has none or it is unreadable."""
    try:
        return Thread.model_validate(raw.get("thread")) if isinstance(raw, dict) and raw.get("thread") else None
    except ValueError:
        return None


def read_counts(cursors: Mapping[str, str]) -> dict[int, int]:
    """The comment count of each recent post at the last sweep, from the counts cursors ("5001:3,5002:0")."""
    found: dict[int, int] = {}
    for stream, value in cursors.items():
        if stream == COUNTS or stream.startswith(f"{COUNTS}_"):
            for entry in value.split(","):
                post, _, count = entry.partition(":")
                if post.isdigit() and count.isdigit():
                    found[int(post)] = int(count)
    return found


def write_counts(counts: Mapping[int, int], cursors: Mapping[str, str]) -> dict[str, str]:
    """The counts cursors: as many streams (counts, counts_1, ...) as CURSOR_SIZE needs; older extra ones emptied."""
    chunks = [""]
    for post, count in counts.items():
        entry = f"{post}:{count}"
        if chunks[-1] and len(chunks[-1]) + 1 + len(entry) > CURSOR_SIZE:
            chunks.append(entry)
        else:
            chunks[-1] = f"{chunks[-1]},{entry}" if chunks[-1] else entry
    out = {COUNTS if n == 0 else f"{COUNTS}_{n}": chunk for n, chunk in enumerate(chunks)}
    out.update({s: "" for s in cursors if s.startswith(f"{COUNTS}_") and s not in out and cursors[s]})
    return out


def cursor_time(text: str | None) -> datetime | None:
    """A cursor holding an ISO time; None when absent or unreadable."""
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_page(model: type[L], answer: Any, noun: str, skips: Skips, shown: dict[int, str]) -> L:
    """An answer listing items; unreadable as a whole it counts as empty (a notice), a bad part is dropped (a notice)."""
    try:
        page, dropped = parse(model, answer)
    except ValidationError as exc:
        skips.partly(f"page of {noun}", f"{problem(exc)}; its items are not read")
        return model()
    for why in dropped.values():
        skips.partly(f"page of {noun}", why)
    shown.update(names(page))
    return page


def names(page: ListPage) -> dict[int, str]:
    """Display names by author id from an extended answer (communities by their negative id); unreadable ones left out."""
    found: dict[int, str] = {}
    for sign, entries in ((1, page.profiles), (-1, page.groups)):
        for raw in entries or []:
            try:
                person = Person.model_validate(raw)
            except ValueError:
                continue
            shown = person.name or " ".join(p for p in (person.first_name, person.last_name) if p)
            if shown:
                found[sign * abs(person.id)] = shown
    return found


def post_item(post: Post, raw: dict[str, Any], gid: int, shown: Mapping[int, str], share: bool = False) -> FetchedItem:
    """A wall post as an item: the community's own is a post (a repost a share), someone else's a mention."""
    own = post.from_id == -gid
    copied = (post.copy_history or [None])[0]
    text = post.text or (copied.get("text") if isinstance(copied, dict) and isinstance(copied.get("text"), str) else "")
    return FetchedItem(
        external_id=f"-{gid}_{post.id}",
        kind="post" if own else "mention",  # someone else's post on an open wall is addressed to the community
        author_id=f"-{gid}" if own else str(post.from_id),
        author_handle=None if own else shown.get(post.from_id),
        created_at=post.date,
        text=text,
        url=f"https://vk.com/wall-{gid}_{post.id}",
        conversation_id=f"-{gid}_{post.id}",
        is_share=bool(post.copy_history) or share,
        raw=dict(raw),
    )


def comment_item(comment: Comment, raw: dict[str, Any], post: Post, parent: int | None, authors: Mapping[int, int],
                 gid: int, shown: Mapping[int, str]) -> FetchedItem:
    """A comment as an item: the community's own is a reply to the comment (or thread, or post) it answers."""
    own = comment.from_id == -gid
    on = f"-{gid}_{post.id}"
    target = comment.reply_to_comment or parent
    reply_to_id = f"{on}_{target}" if target else None
    to_author = comment.reply_to_user if comment.reply_to_user is not None else authors.get(target or 0)
    if own and target is None and post.from_id != -gid:
        reply_to_id, to_author = on, post.from_id  # answering someone's post on the wall
    return FetchedItem(
        external_id=f"{on}_{comment.id}",
        kind="reply" if own else "comment",
        author_id=f"-{gid}" if own else str(comment.from_id),
        author_handle=shown.get(comment.from_id),
        created_at=comment.date,
        text=comment.text,
        url=f"https://vk.com/wall{on}?reply={comment.id}" + (f"&thread={parent}" if parent else ""),
        reply_to_id=reply_to_id,
        reply_to_author_id=None if to_author is None else str(to_author),
        conversation_id=on,
        raw={k: v for k, v in raw.items() if k != "thread"},
    )


def message_item(message: Message, raw: dict[str, Any], gid: int, shown: Mapping[int, str], allowed: int | None) -> FetchedItem:
    """A community message as an item; the community's own (from_id -gid, out 1) carries the community's id."""
    own = message.from_id == -gid or bool(message.out)
    return FetchedItem(
        external_id=f"msg-{gid}_{message.peer_id}_{message.conversation_message_id}",
        kind="message",
        author_id=f"-{gid}" if own else str(message.from_id),
        author_handle=None if own else shown.get(message.from_id),
        created_at=message.date,
        text=message.text,
        url=f"https://vk.com/gim{gid}?sel={message.peer_id}",
        conversation_id=str(message.peer_id),
        raw={**raw, "messages_allowed": allowed} if allowed is not None else dict(raw),
    )
