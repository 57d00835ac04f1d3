"""Typed models of the Graph API JSON we read: the Page, posts, comments, conversations and messages."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints

from connectors.payload import AwareTime, Count, Droppable, Payload

GraphId = Annotated[str, StringConstraints(min_length=1)]  # "2002", "2002_5001", "t_1": never a JSON number


class Author(Payload):
    """Who wrote a comment or message (`from`)."""

    id: GraphId
    name: str | None = None


class Parent(Payload):
    """The comment a reply answers."""

    id: GraphId
    author: Author | None = Field(None, alias="from")


class Cursors(Payload):
    """The cursors of one page of a connection."""

    before: str | None = None
    after: str | None = None


class Paging(Payload):
    """Where a connection goes on: `next` is there only when there is more."""

    cursors: Cursors | None = None
    next: str | None = None


class Comment(Payload):
    """A comment or reply; `message` is absent on a photo or sticker, `from` when the user hides it."""

    id: GraphId
    message: str = ""
    created_time: AwareTime
    author: Author | None = Field(None, alias="from")
    parent: Parent | None = None
    permalink_url: str | None = None


class Comments(Payload):
    """A post's comments connection; each comment is validated on its own."""

    data: list[Any] | None = None
    paging: Droppable[Paging] = None


class Post(Payload):
    """A Page post with its first page of comments (dropped, not the post, when malformed)."""

    id: GraphId
    message: str = ""
    created_time: AwareTime
    permalink_url: str | None = None
    comments: Droppable[Comments] = None


class Message(Payload):
    """One Messenger message."""

    id: GraphId
    message: str = ""
    author: Author | None = Field(None, alias="from")
    created_time: AwareTime


class Messages(Payload):
    """A conversation's last messages; each message is validated on its own."""

    data: list[Any] | None = None


class Conversation(Payload):
    """A Messenger conversation; what is malformed in it besides the id is dropped."""

    id: GraphId
    updated_time: Droppable[AwareTime] = None
    link: Droppable[str] = None
    messages: Droppable[Messages] = None


class Page(Payload):
    """The Page's profile: every field is dropped alone when malformed (a count of "lots" is not stored)."""

    id: Droppable[GraphId] = None
    name: Droppable[str] = None
    username: Droppable[str] = None
    followers_count: Droppable[Count] = None
    fan_count: Droppable[Count] = None
    link: Droppable[str] = None
