"""Typed models of the X API v2 JSON we read."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import StringConstraints, ValidationError

from connectors.payload import AwareTime, Count, Droppable, Payload, Skips, parse, problem

XId = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,19}$")]


class ReferencedTweet(Payload):
    """A tweet this one retweets, quotes or replies to."""

    type: str
    id: XId


class UrlEntity(Payload):
    """A t.co link in the text and the URL it stands for."""

    url: str
    expanded_url: str | None = None


class Entities(Payload):
    """The parts of the text X recognised; we read only the links."""

    urls: list[UrlEntity] | None = None


class Tweet(Payload):
    """A tweet with the tweet.fields we ask for."""

    id: XId
    text: str
    created_at: AwareTime
    author_id: XId | None = None
    conversation_id: XId | None = None
    in_reply_to_user_id: XId | None = None
    referenced_tweets: list[ReferencedTweet] | None = None
    entities: Entities | None = None


class PublicMetrics(Payload):
    """A user's counters; one of the wrong type is dropped alone."""

    followers_count: Droppable[Count] = None
    following_count: Droppable[Count] = None
    tweet_count: Droppable[Count] = None
    listed_count: Droppable[Count] = None


class User(Payload):
    """A user: the id is required, the rest is dropped when malformed."""

    id: XId
    username: Droppable[str] = None
    public_metrics: Droppable[PublicMetrics] = None


class Includes(Payload):
    """The expanded objects of a page; each user is validated on its own."""

    users: list[Any] | None = None


class Meta(Payload):
    """A timeline page's ids and the token of the next page."""

    newest_id: XId | None = None
    oldest_id: XId | None = None
    next_token: str | None = None


class TimelinePage(Payload):
    """One page of a timeline; a malformed part is dropped, and each tweet is validated on its own."""

    data: Droppable[list[Any]] = None
    includes: Droppable[Includes] = None
    meta: Droppable[Meta] = None


def read_usernames(entries: list[Any] | None, skips: Skips) -> dict[str, str]:
    """The usernames of a page's includes.users by id; a malformed entry is skipped (its tweets show no username)."""
    found: dict[str, str] = {}
    for entry in entries or []:
        try:
            user, dropped = parse(User, entry)
        except ValidationError as exc:
            skips.add("included user", entry, problem(exc))
            continue
        if user.username is None:
            skips.add("included user", entry, dropped.get("username", "username: Field required"))
            continue
        found[user.id] = user.username
    return found
