"""A fake X (Twitter) API v2 server for tests.

Real HTTP on 127.0.0.1 (stdlib ``ThreadingHTTPServer`` on an ephemeral port,
served from a background thread), answering with the JSON shapes of the real
X API v2 so that the real ``tweepy.Client`` can talk to it once its requests
for ``https://api.twitter.com`` are routed to :attr:`FakeXApi.base_url`.

Supported endpoints (GET only):

* ``/2/users/by/username/{username}``
* ``/2/users/by?usernames=a,b``
* ``/2/users/{id}``
* ``/2/users/{id}/tweets``   (authored by the user, replies included)
* ``/2/users/{id}/mentions`` (tweets whose ``mentions`` include the user)
* ``/2/tweets/{id}`` and ``/2/tweets?ids=1,2``

Timelines support ``since_id``, ``until_id``, ``start_time``, ``end_time``,
``max_results`` (5..100, default 10), ``pagination_token``, ``exclude``
(``/tweets`` only), ``tweet.fields``, ``user.fields`` and ``expansions``
(``author_id``, ``in_reply_to_user_id``, ``entities.mentions.username``,
``referenced_tweets.id``, ``referenced_tweets.id.author_id``).

Deletions and edits: :meth:`FakeXApi.delete_tweet` (lookups answer "Not Found Error"),
:meth:`FakeXApi.protect_user` (lookups of the user's tweets answer "Authorization Error", as for
protected and suspended accounts; timelines leave them out) and :meth:`FakeXApi.edit_tweet` (in place,
or X's way: a new version under a new id, the old one kept with ``edit_history_tweet_ids``).

Malformed payloads: :meth:`FakeXApi.serve_tweet`, :meth:`FakeXApi.serve_user` and
:meth:`FakeXApi.serve_page` serve fields as given (``ABSENT`` leaves one out).

Typical use::

    with FakeXApi() as fake:
        fake.add_user("1", "alice", followers=10)
        fake.add_tweet("100", "1", "hello", datetime(2026, 11, 20, 10, tzinfo=timezone.utc))
        ...  # point tweepy at fake.base_url
        fake.fail_next("/mentions", 429)
        assert fake.requests[-1]["path"] == "/2/users/1/mentions"
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.fakes.server import LocalHttpFake

__all__ = ["ABSENT", "FakeXApi"]

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


class _Absent:
    """The value of a served field that is left out of the JSON (it survives deepcopy as itself)."""

    def __deepcopy__(self, memo: dict) -> "_Absent":
        return self

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()
RATE_LIMIT_WINDOW_SECONDS = 15 * 60

# Per-endpoint 15-minute request limits reported in x-rate-limit-limit.
_RATE_LIMITS = {
    "users_by_username": 900,
    "users_by": 900,
    "user_by_id": 900,
    "user_tweets": 1500,
    "user_mentions": 450,
    "tweet_by_id": 900,
    "tweets": 900,
    "other": 900,
}

_INVALID_REQUEST_TYPE = "https://api.twitter.com/2/problems/invalid-request"
_NOT_FOUND_TYPE = "https://api.twitter.com/2/problems/resource-not-found"
_NOT_AUTHORIZED_TYPE = "https://api.twitter.com/2/problems/not-authorized-for-resource"

_TWEET_FIELDS = {
    "attachments", "author_id", "context_annotations", "conversation_id", "created_at",
    "edit_controls", "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id",
    "lang", "non_public_metrics", "note_tweet", "organic_metrics", "possibly_sensitive",
    "promoted_metrics", "public_metrics", "referenced_tweets", "reply_settings", "source",
    "text", "withheld",
}
_USER_FIELDS = {
    "created_at", "description", "entities", "id", "location", "most_recent_tweet_id",
    "name", "pinned_tweet_id", "profile_image_url", "protected", "public_metrics", "url",
    "username", "verified", "verified_type", "withheld",
}
_TWEET_EXPANSIONS = {
    "author_id", "referenced_tweets.id", "referenced_tweets.id.author_id",
    "in_reply_to_user_id", "entities.mentions.username", "attachments.media_keys",
    "attachments.poll_ids", "geo.place_id", "edit_history_tweet_ids",
}
_USER_EXPANSIONS = {"pinned_tweet_id", "most_recent_tweet_id"}

_TIMELINE_PARAMS = {
    "since_id", "until_id", "start_time", "end_time", "max_results", "pagination_token",
    "tweet.fields", "user.fields", "expansions", "media.fields", "place.fields", "poll.fields",
}
_USER_LOOKUP_PARAMS = {"user.fields", "expansions", "tweet.fields"}
_TWEET_LOOKUP_PARAMS = {
    "tweet.fields", "user.fields", "expansions", "media.fields", "place.fields", "poll.fields",
}


def _format_time(dt: datetime) -> str:
    """Format like the real API: ``2026-11-20T10:00:00.000Z``."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def _parse_time(value: str) -> datetime:
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt


def _as_utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt


def _csv(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def _problem(status: int) -> dict[str, Any]:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return {"title": phrase, "detail": phrase, "type": "about:blank", "status": status}


class _ApiError(Exception):
    """Raised inside request handling to produce an error response."""

    def __init__(self, status: int, body: dict[str, Any]):
        super().__init__(status)
        self.status = status
        self.body = body


def _invalid_request(errors: list[dict[str, Any]]) -> _ApiError:
    return _ApiError(
        400,
        {
            "errors": errors,
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": _INVALID_REQUEST_TYPE,
        },
    )


def _invalid_param(name: str, value: str, message: str) -> _ApiError:
    return _invalid_request([{"parameters": {name: [value]}, "message": message}])


@dataclass
class _User:
    id: str
    username: str
    name: str
    followers: int
    following: int = 0
    listed: int = 0
    created_at: datetime = field(
        default_factory=lambda: datetime(2015, 1, 1, 12, 0, tzinfo=timezone.utc)
    )


@dataclass
class _Tweet:
    id: str
    author_id: str
    text: str | None
    created_at: datetime
    conversation_id: str | None = None
    in_reply_to_user_id: str | None = None
    referenced_tweets: list[dict] | None = None
    mentions: list[str] | None = None
    omit_text: bool = False
    edit_history: list[str] | None = None  # every version's id, oldest first; None: never edited


@dataclass
class _Failure:
    path_contains: str
    status: int
    remaining: int
    headers: dict[str, str]
    body: dict | str | None


@dataclass
class Hold:
    """Requests to a path wait here: `arrived` is set when one comes, `released` lets them all go on."""

    path_contains: str
    arrived: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        self.released.set()


class FakeXApi(LocalHttpFake):
    """In-process fake of the X API v2 subset used by the monitor."""

    def __init__(self, bearer_token: str = "test-bearer-token"):
        self.bearer_token = bearer_token
        self.base_url: str = ""
        self.requests: list[dict] = []
        self._lock = threading.RLock()
        self._users: dict[str, _User] = {}
        self._tweets: dict[str, _Tweet] = {}
        self._protected: set[str] = set()  # user ids whose tweets only approved followers see
        self._failures: list[_Failure] = []
        # Malformed payloads: fields served as given, per tweet id, per user id, per timeline path.
        self._served_tweets: dict[str, dict[str, Any]] = {}
        self._served_users: dict[str, dict[str, Any]] = {}
        self._served_pages: list[tuple[str, dict[str, Any]]] = []
        # endpoint key -> [window_reset_epoch, used_count]
        self._rate_windows: dict[str, list[int]] = {}
        self._holds: list[Hold] = []

    def handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class bound to this fake."""
        return _make_handler(self)

    # ------------------------------------------------------------------ state setup
    def add_user(
        self, user_id: str, username: str, name: str | None = None, followers: int = 100
    ) -> None:
        with self._lock:
            self._users[str(user_id)] = _User(
                id=str(user_id),
                username=username,
                name=name if name is not None else username.capitalize(),
                followers=int(followers),
            )

    def set_followers(self, user_id: str, followers: int) -> None:
        with self._lock:
            try:
                self._users[str(user_id)].followers = int(followers)
            except KeyError:
                raise KeyError(f"unknown user id {user_id!r}") from None

    def add_tweet(
        self,
        tweet_id: str,
        author_id: str,
        text: str | None,
        created_at: datetime,
        *,
        conversation_id: str | None = None,
        in_reply_to_user_id: str | None = None,
        referenced_tweets: list[dict] | None = None,
        mentions: list[str] | None = None,
        omit_text: bool = False,
    ) -> None:
        tweet_id = str(tweet_id)
        if not tweet_id.isdigit():
            raise ValueError(f"tweet ids must be numeric strings, got {tweet_id!r}")
        with self._lock:
            self._tweets[tweet_id] = _Tweet(
                id=tweet_id,
                author_id=str(author_id),
                text=text,
                created_at=_as_utc(created_at),
                conversation_id=conversation_id,
                in_reply_to_user_id=in_reply_to_user_id,
                referenced_tweets=copy.deepcopy(referenced_tweets) if referenced_tweets else None,
                mentions=list(mentions) if mentions else None,
                omit_text=omit_text,
            )

    def delete_tweet(self, tweet_id: str) -> None:
        """Delete a tweet: lookups answer a "Not Found Error" for it, timelines leave it out."""
        with self._lock:
            del self._tweets[str(tweet_id)]

    def protect_user(self, user_id: str, protected: bool = True) -> None:
        """Protect (or suspend) a user: lookups of their tweets answer "Authorization Error"."""
        with self._lock:
            (self._protected.add if protected else self._protected.discard)(str(user_id))

    def edit_tweet(self, tweet_id: str, text: str, *, new_id: str | None = None) -> None:
        """Change a tweet's text in place, or (``new_id``) as X does: a new version, the old one kept.

        X gives the edited version a new id; both carry ``edit_history_tweet_ids`` (oldest first),
        lookups of the old id still answer the old text, and timelines show only the newest version.
        """
        with self._lock:
            tweet = self._tweets[str(tweet_id)]
            if new_id is None:
                tweet.text = text
                return
            history = [*(tweet.edit_history or [tweet.id]), str(new_id)]
            newer = copy.deepcopy(tweet)
            newer.id, newer.text = str(new_id), text
            self._tweets[newer.id] = newer
            for version in history:
                if version in self._tweets:
                    self._tweets[version].edit_history = list(history)

    def fail_next(
        self,
        path_contains: str,
        status: int,
        times: int = 1,
        *,
        headers: dict | None = None,
        body: dict | str | None = None,
    ) -> None:
        """Make the next ``times`` requests whose path contains ``path_contains`` fail.

        Failures are consumed in the order they were queued. Default bodies are
        the real API's problem documents (e.g. 429 "Too Many Requests"); a 429
        also reports ``x-rate-limit-remaining: 0``. ``headers`` override the
        default headers (e.g. ``{"x-rate-limit-reset": "..."}``). A ``str`` body
        is sent raw, as ``text/html`` unless it looks like JSON or a
        ``Content-Type`` header is given.
        """
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._lock:
            self._failures.append(
                _Failure(
                    path_contains=path_contains,
                    status=int(status),
                    remaining=int(times),
                    headers={str(k): str(v) for k, v in (headers or {}).items()},
                    body=copy.deepcopy(body),
                )
            )

    def serve_tweet(self, tweet_id: str, fields: dict[str, Any]) -> None:
        """Serve these fields of the tweet as given, wherever it appears (``ABSENT`` leaves one out).

        E.g. ``{"entities": "oops"}``, ``{"id": 205}``, ``{"created_at": "2026-11-20T10:00:00"}``.
        """
        with self._lock:
            self._served_tweets.setdefault(str(tweet_id), {}).update(copy.deepcopy(fields))

    def serve_user(self, user_id: str, fields: dict[str, Any]) -> None:
        """Serve these fields of the user as given, in lookups and includes (``ABSENT`` leaves one out)."""
        with self._lock:
            self._served_users.setdefault(str(user_id), {}).update(copy.deepcopy(fields))

    def serve_page(self, path_contains: str, fields: dict[str, Any]) -> None:
        """Serve these top-level fields of every timeline page whose path contains ``path_contains`` as given.

        E.g. ``{"includes": {"users": "oops"}}`` or ``{"data": "oops"}``; ``ABSENT`` leaves one out.
        """
        with self._lock:
            self._served_pages.append((path_contains, copy.deepcopy(fields)))

    @staticmethod
    def _serve(data: dict[str, Any], served: dict[str, Any] | None) -> dict[str, Any]:
        for key, value in (served or {}).items():
            if value is ABSENT:
                data.pop(key, None)
            else:
                data[key] = copy.deepcopy(value)
        return data

    # ------------------------------------------------------------------ conveniences
    def hold(self, path_contains: str) -> "Hold":
        """Keep requests whose path contains this waiting until released (a sweep caught mid-fetch)."""
        held = Hold(path_contains)
        with self._lock:
            self._holds.append(held)
        return held

    def wait_if_held(self, path: str) -> None:
        with self._lock:
            holds = [h for h in self._holds if h.path_contains in path and not h.released.is_set()]
        for held in holds:
            held.arrived.set()
            held.released.wait(60)

    def clear_failures(self) -> None:
        """Forget the failures still queued: the outage is over."""
        with self._lock:
            self._failures.clear()

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def requests_to(self, path_contains: str) -> list[dict]:
        with self._lock:
            return [r for r in self.requests if path_contains in r["path"]]

    # ------------------------------------------------------------------ request handling
    def _handle(
        self, method: str, raw_path: str, authorization: str | None
    ) -> tuple[int, dict[str, str], bytes]:
        """Return (status, headers, body) for one request. Thread-safe."""
        split = urlsplit(raw_path)
        path = split.path
        parsed = parse_qs(split.query, keep_blank_values=True)
        query = {k: v[-1] for k, v in parsed.items()}

        with self._lock:
            self.requests.append(
                {"method": method, "path": path, "query": dict(query),
                 "authorization": authorization}
            )
            endpoint = self._endpoint_key(path)
            reset, remaining, limit = self._consume_rate_limit(endpoint)
            headers = {
                "Content-Type": JSON_CONTENT_TYPE,
                "x-rate-limit-limit": str(limit),
                "x-rate-limit-remaining": str(remaining),
                "x-rate-limit-reset": str(reset),
            }

            failure = self._take_failure(path)
            if failure is not None:
                return self._failure_response(failure, headers)

            if authorization != f"Bearer {self.bearer_token}":
                return 401, headers, _dump(_problem(401))

            if method != "GET":
                return 405, headers, _dump(_problem(405))

            try:
                body = self._route(path, query)
                if endpoint in ("user_tweets", "user_mentions"):
                    for path_contains, served in self._served_pages:
                        if path_contains in path:
                            self._serve(body, served)
            except _ApiError as err:
                return err.status, headers, _dump(err.body)
            return 200, headers, _dump(body)

    def _consume_rate_limit(self, endpoint: str) -> tuple[int, int, int]:
        limit = _RATE_LIMITS.get(endpoint, _RATE_LIMITS["other"])
        now = int(time.time())
        window = self._rate_windows.get(endpoint)
        if window is None or window[0] <= now:
            window = [now + RATE_LIMIT_WINDOW_SECONDS, 0]
            self._rate_windows[endpoint] = window
        window[1] += 1
        return window[0], max(limit - window[1], 0), limit

    def _take_failure(self, path: str) -> _Failure | None:
        for failure in self._failures:
            if failure.path_contains in path:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._failures.remove(failure)
                return failure
        return None

    @staticmethod
    def _failure_response(
        failure: _Failure, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        headers = dict(headers)
        if failure.status == 429:
            headers["x-rate-limit-remaining"] = "0"
        body = failure.body
        if body is None:
            payload = _dump(_problem(failure.status))
        elif isinstance(body, str):
            payload = body.encode("utf-8")
            if not body.lstrip().startswith(("{", "[")):
                headers["Content-Type"] = "text/html; charset=utf-8"
        else:
            payload = _dump(body)
        # Caller-provided headers win (case-insensitively).
        for key, value in failure.headers.items():
            for existing in [k for k in headers if k.lower() == key.lower()]:
                del headers[existing]
            headers[key] = value
        return failure.status, headers, payload

    @staticmethod
    def _endpoint_key(path: str) -> str:
        parts = [p for p in path.split("/") if p]
        if len(parts) >= 2 and parts[0] == "2":
            rest = parts[1:]
            if rest[0] == "users":
                if len(rest) == 4 and rest[1:3] == ["by", "username"]:
                    return "users_by_username"
                if len(rest) == 2 and rest[1] == "by":
                    return "users_by"
                if len(rest) == 2:
                    return "user_by_id"
                if len(rest) == 3 and rest[2] == "tweets":
                    return "user_tweets"
                if len(rest) == 3 and rest[2] == "mentions":
                    return "user_mentions"
            if rest[0] == "tweets":
                if len(rest) == 1:
                    return "tweets"
                if len(rest) == 2:
                    return "tweet_by_id"
        return "other"

    def _route(self, path: str, query: dict[str, str]) -> dict[str, Any]:
        parts = [unquote(p) for p in path.split("/") if p]
        endpoint = self._endpoint_key(path)
        if endpoint == "users_by_username":
            self._check_params(query, _USER_LOOKUP_PARAMS)
            return self._user_lookup_by_username(parts[4], query)
        if endpoint == "users_by":
            self._check_params(query, _USER_LOOKUP_PARAMS | {"usernames"})
            return self._users_lookup_by_usernames(query)
        if endpoint == "user_by_id":
            self._check_params(query, _USER_LOOKUP_PARAMS)
            return self._user_lookup_by_id(parts[2], query)
        if endpoint == "user_tweets":
            self._check_params(query, _TIMELINE_PARAMS | {"exclude"})
            return self._timeline(parts[2], query, kind="tweets")
        if endpoint == "user_mentions":
            self._check_params(query, _TIMELINE_PARAMS)
            return self._timeline(parts[2], query, kind="mentions")
        if endpoint == "tweet_by_id":
            self._check_params(query, _TWEET_LOOKUP_PARAMS)
            return self._tweet_lookup(parts[2], query)
        if endpoint == "tweets":
            self._check_params(query, _TWEET_LOOKUP_PARAMS | {"ids"})
            return self._tweets_lookup(query)
        raise _ApiError(
            404,
            {
                "errors": [
                    {"parameters": {}, "message": "The requested resource could not be found."}
                ],
                "title": "Not Found Error",
                "detail": "The requested resource could not be found.",
                "type": _NOT_FOUND_TYPE,
            },
        )

    # ------------------------------------------------------------------ validation
    @staticmethod
    def _check_params(query: dict[str, str], allowed: set[str]) -> None:
        errors = []
        for name, value in query.items():
            if name not in allowed:
                errors.append(
                    {
                        "parameters": {name: [value]},
                        "message": f"The query parameter [{name}] is not one of "
                        f"[{','.join(sorted(allowed))}]",
                    }
                )
        if errors:
            raise _invalid_request(errors)

    @staticmethod
    def _check_values(query: dict[str, str], name: str, allowed: set[str]) -> list[str]:
        values = _csv(query.get(name))
        for value in values:
            if value not in allowed:
                raise _invalid_param(
                    name, query[name],
                    f"The `{name}` query parameter value [{value}] is not one of "
                    f"[{','.join(sorted(allowed))}]",
                )
        return values

    def _field_sets(
        self, query: dict[str, str], expansions_allowed: set[str]
    ) -> tuple[set[str], set[str], set[str]]:
        tweet_fields = set(self._check_values(query, "tweet.fields", _TWEET_FIELDS))
        user_fields = set(self._check_values(query, "user.fields", _USER_FIELDS))
        expansions = set(self._check_values(query, "expansions", expansions_allowed))
        return tweet_fields, user_fields, expansions

    @staticmethod
    def _check_id(name: str, value: str) -> None:
        if not value.isdigit() or len(value) > 19:
            raise _invalid_param(
                name, value,
                f"The `{name}` query parameter value [{value}] does not match ^[0-9]{{1,19}}$",
            )

    # ------------------------------------------------------------------ serialisation
    def _user_json(self, user: _User, user_fields: set[str]) -> dict[str, Any]:
        data: dict[str, Any] = {"id": user.id, "name": user.name, "username": user.username}
        if "created_at" in user_fields:
            data["created_at"] = _format_time(user.created_at)
        if "public_metrics" in user_fields:
            data["public_metrics"] = {
                "followers_count": user.followers,
                "following_count": user.following,
                "tweet_count": sum(1 for t in self._tweets.values() if t.author_id == user.id),
                "listed_count": user.listed,
            }
        if "description" in user_fields:
            data["description"] = ""
        if "protected" in user_fields:
            data["protected"] = user.id in self._protected
        if "verified" in user_fields:
            data["verified"] = False
        if "verified_type" in user_fields:
            data["verified_type"] = "none"
        if "profile_image_url" in user_fields:
            data["profile_image_url"] = (
                "https://pbs.twimg.com/profile_images/0/default_normal.png"
            )
        if "url" in user_fields:
            data["url"] = ""
        if "most_recent_tweet_id" in user_fields:
            own = [t.id for t in self._tweets.values() if t.author_id == user.id]
            if own:
                data["most_recent_tweet_id"] = max(own, key=int)
        return self._serve(data, self._served_users.get(user.id))

    def _user_by_username(self, username: str) -> _User | None:
        wanted = username.lower()
        for user in self._users.values():
            if user.username.lower() == wanted:
                return user
        return None

    def _mention_entities(self, tweet: _Tweet) -> list[dict[str, Any]]:
        entities = []
        text = tweet.text or ""
        lowered = text.lower()
        search_from = 0
        for username in tweet.mentions or []:
            handle = "@" + username.lower()
            start = lowered.find(handle, search_from)
            if start < 0:
                start = lowered.find(handle)
            if start >= 0:
                search_from = start + len(handle)
            else:
                start = 0
            entity: dict[str, Any] = {
                "start": start,
                "end": start + len(username) + 1,
                "username": username,
            }
            user = self._user_by_username(username)
            if user is not None:
                entity["id"] = user.id
            entities.append(entity)
        return entities

    def _tweet_json(self, tweet: _Tweet, tweet_fields: set[str]) -> dict[str, Any]:
        data: dict[str, Any] = {"id": tweet.id}
        if not tweet.omit_text and tweet.text is not None:
            data["text"] = tweet.text
        data["edit_history_tweet_ids"] = list(tweet.edit_history or [tweet.id])
        if "created_at" in tweet_fields:
            data["created_at"] = _format_time(tweet.created_at)
        if "author_id" in tweet_fields:
            data["author_id"] = tweet.author_id
        if "conversation_id" in tweet_fields:
            data["conversation_id"] = tweet.conversation_id or tweet.id
        if "in_reply_to_user_id" in tweet_fields and tweet.in_reply_to_user_id:
            data["in_reply_to_user_id"] = tweet.in_reply_to_user_id
        if "referenced_tweets" in tweet_fields and tweet.referenced_tweets:
            data["referenced_tweets"] = copy.deepcopy(tweet.referenced_tweets)
        if "entities" in tweet_fields and tweet.mentions:
            data["entities"] = {"mentions": self._mention_entities(tweet)}
        if "lang" in tweet_fields:
            data["lang"] = "en"
        if "possibly_sensitive" in tweet_fields:
            data["possibly_sensitive"] = False
        if "reply_settings" in tweet_fields:
            data["reply_settings"] = "everyone"
        if "public_metrics" in tweet_fields:
            data["public_metrics"] = {
                "retweet_count": 0, "reply_count": 0, "like_count": 0,
                "quote_count": 0, "bookmark_count": 0, "impression_count": 0,
            }
        return self._serve(data, self._served_tweets.get(tweet.id))

    def _tweets_payload(
        self,
        tweets: list[_Tweet],
        tweet_fields: set[str],
        user_fields: set[str],
        expansions: set[str],
    ) -> dict[str, Any]:
        """Build ``data`` plus ``includes`` for a list of primary tweets."""
        payload: dict[str, Any] = {}
        if tweets:
            payload["data"] = [self._tweet_json(t, tweet_fields) for t in tweets]
        user_ids: list[str] = []

        def want_user(uid: str | None) -> None:
            if uid and uid in self._users and uid not in user_ids:
                user_ids.append(uid)

        included_tweets: list[_Tweet] = []
        for tweet in tweets:
            if "author_id" in expansions:
                want_user(tweet.author_id)
            if "in_reply_to_user_id" in expansions:
                want_user(tweet.in_reply_to_user_id)
            if "entities.mentions.username" in expansions:
                for username in tweet.mentions or []:
                    user = self._user_by_username(username)
                    if user is not None:
                        want_user(user.id)
            if expansions & {"referenced_tweets.id", "referenced_tweets.id.author_id"}:
                for ref in tweet.referenced_tweets or []:
                    ref_tweet = self._tweets.get(str(ref.get("id")))
                    if ref_tweet is None:
                        continue
                    if "referenced_tweets.id" in expansions and ref_tweet not in included_tweets:
                        included_tweets.append(ref_tweet)
                    if "referenced_tweets.id.author_id" in expansions:
                        want_user(ref_tweet.author_id)
        includes: dict[str, Any] = {}
        if user_ids:
            includes["users"] = [self._user_json(self._users[u], user_fields) for u in user_ids]
        if included_tweets:
            includes["tweets"] = [self._tweet_json(t, tweet_fields) for t in included_tweets]
        if includes:
            payload["includes"] = includes
        return payload

    # ------------------------------------------------------------------ endpoints
    @staticmethod
    def _user_not_found(value: str, parameter: str, label: str) -> dict[str, Any]:
        return {
            "value": value,
            "detail": f"Could not find user with {label}: [{value}].",
            "title": "Not Found Error",
            "resource_type": "user",
            "parameter": parameter,
            "resource_id": value,
            "type": _NOT_FOUND_TYPE,
        }

    def _user_lookup_by_username(self, username: str, query: dict[str, str]) -> dict[str, Any]:
        _, user_fields, _ = self._field_sets(query, _USER_EXPANSIONS)
        user = self._user_by_username(username)
        if user is None:
            return {"errors": [self._user_not_found(username, "username", "username")]}
        return {"data": self._user_json(user, user_fields)}

    def _users_lookup_by_usernames(self, query: dict[str, str]) -> dict[str, Any]:
        _, user_fields, _ = self._field_sets(query, _USER_EXPANSIONS)
        usernames = _csv(query.get("usernames"))
        if not usernames:
            raise _invalid_param(
                "usernames", query.get("usernames", ""),
                "The `usernames` query parameter can not be empty",
            )
        data, errors = [], []
        for username in usernames:
            user = self._user_by_username(username)
            if user is None:
                errors.append(self._user_not_found(username, "usernames", "username"))
            else:
                data.append(self._user_json(user, user_fields))
        body: dict[str, Any] = {}
        if data:
            body["data"] = data
        if errors:
            body["errors"] = errors
        return body

    def _user_lookup_by_id(self, user_id: str, query: dict[str, str]) -> dict[str, Any]:
        self._check_id("id", user_id)
        _, user_fields, _ = self._field_sets(query, _USER_EXPANSIONS)
        user = self._users.get(user_id)
        if user is None:
            return {"errors": [self._user_not_found(user_id, "id", "id")]}
        return {"data": self._user_json(user, user_fields)}

    def _tweet_lookup(self, tweet_id: str, query: dict[str, str]) -> dict[str, Any]:
        self._check_id("id", tweet_id)
        tweet_fields, user_fields, expansions = self._field_sets(query, _TWEET_EXPANSIONS)
        tweet = self._tweets.get(tweet_id)
        if tweet is None:
            return {"errors": [self._tweet_not_found(tweet_id, "id")]}
        if not self._visible(tweet_id):
            return {"errors": [self._tweet_not_authorized(tweet_id, "id")]}
        payload = self._tweets_payload([tweet], tweet_fields, user_fields, expansions)
        payload["data"] = payload["data"][0]
        return payload

    def _tweets_lookup(self, query: dict[str, str]) -> dict[str, Any]:
        tweet_fields, user_fields, expansions = self._field_sets(query, _TWEET_EXPANSIONS)
        ids = _csv(query.get("ids"))
        if not ids:
            raise _invalid_param(
                "ids", query.get("ids", ""), "The `ids` query parameter can not be empty"
            )
        for tid in ids:
            self._check_id("ids", tid)
        found = [self._tweets[t] for t in ids if self._visible(t)]
        payload = self._tweets_payload(found, tweet_fields, user_fields, expansions)
        errors = [self._tweet_not_found(t, "ids") if t not in self._tweets else self._tweet_not_authorized(t, "ids")
                  for t in ids if not self._visible(t)]
        if errors:
            payload["errors"] = errors
        return payload

    def _visible(self, tweet_id: str) -> bool:
        tweet = self._tweets.get(tweet_id)
        return tweet is not None and tweet.author_id not in self._protected

    @staticmethod
    def _tweet_not_authorized(tweet_id: str, parameter: str) -> dict[str, Any]:
        # As X answers for a protected or suspended author: no resource_id, a "section".
        return {
            "value": tweet_id,
            "parameter": parameter,
            "resource_type": "tweet",
            "section": "data",
            "title": "Authorization Error",
            "detail": f"Sorry, you are not authorized to see the Tweet with {parameter}: [{tweet_id}].",
            "type": _NOT_AUTHORIZED_TYPE,
        }

    @staticmethod
    def _tweet_not_found(tweet_id: str, parameter: str) -> dict[str, Any]:
        return {
            "value": tweet_id,
            "detail": f"Could not find tweet with {parameter}: [{tweet_id}].",
            "title": "Not Found Error",
            "resource_type": "tweet",
            "parameter": parameter,
            "resource_id": tweet_id,
            "type": _NOT_FOUND_TYPE,
        }

    def _timeline(self, user_id: str, query: dict[str, str], *, kind: str) -> dict[str, Any]:
        self._check_id("id", user_id)
        tweet_fields, user_fields, expansions = self._field_sets(query, _TWEET_EXPANSIONS)

        raw_max = query.get("max_results", "10")
        try:
            max_results = int(raw_max)
        except ValueError:
            raise _invalid_param(
                "max_results", raw_max,
                f"The `max_results` query parameter value [{raw_max}] is not a number",
            ) from None
        if not 5 <= max_results <= 100:
            raise _invalid_param(
                "max_results", raw_max,
                f"The `max_results` query parameter value [{raw_max}] is not between 5 and 100",
            )
        since_id = query.get("since_id")
        until_id = query.get("until_id")
        for name, value in (("since_id", since_id), ("until_id", until_id)):
            if value is not None:
                self._check_id(name, value)
        start_time = end_time = None
        for name in ("start_time", "end_time"):
            if name in query:
                try:
                    parsed = _parse_time(query[name])
                except ValueError:
                    raise _invalid_param(
                        name, query[name],
                        f"Invalid '{name}':'{query[name]}'. '{name}' must be a valid timestamp",
                    ) from None
                if name == "start_time":
                    start_time = parsed
                else:
                    end_time = parsed
        exclude = set(self._check_values(query, "exclude", {"retweets", "replies"}))

        cursor_id: int | None = None
        token = query.get("pagination_token")
        if token is not None:
            cursor_id = self._decode_token(token, kind, user_id)

        user = self._users.get(user_id)
        if user is None:
            return {"errors": [self._user_not_found(user_id, "id", "id")]}

        if kind == "tweets":
            candidates = [t for t in self._tweets.values() if t.author_id == user_id]
        else:
            handle = user.username.lower()
            candidates = [
                t for t in self._tweets.values()
                if any(m.lower() == handle for m in (t.mentions or []))
            ]

        def ref_types(tweet: _Tweet) -> set[str]:
            return {str(r.get("type")) for r in tweet.referenced_tweets or []}

        selected = []
        for tweet in candidates:
            if tweet.author_id in self._protected or (tweet.edit_history and tweet.edit_history[-1] != tweet.id):
                continue  # not shown to the app, or an edited tweet's older version
            tid = int(tweet.id)
            if since_id is not None and tid <= int(since_id):
                continue
            if until_id is not None and tid >= int(until_id):
                continue
            if cursor_id is not None and tid > cursor_id:
                continue
            if start_time is not None and tweet.created_at < start_time:
                continue
            if end_time is not None and tweet.created_at > end_time:
                continue
            if "retweets" in exclude and "retweeted" in ref_types(tweet):
                continue
            if "replies" in exclude and (
                "replied_to" in ref_types(tweet) or tweet.in_reply_to_user_id
            ):
                continue
            selected.append(tweet)
        selected.sort(key=lambda t: int(t.id), reverse=True)

        page, rest = selected[:max_results], selected[max_results:]
        if not page:
            return {"meta": {"result_count": 0}}
        payload = self._tweets_payload(page, tweet_fields, user_fields, expansions)
        meta: dict[str, Any] = {
            "result_count": len(page),
            "newest_id": page[0].id,
            "oldest_id": page[-1].id,
        }
        if rest:
            meta["next_token"] = self._encode_token(kind, user_id, int(rest[0].id))
        payload["meta"] = meta
        return payload

    # ------------------------------------------------------------------ pagination tokens
    @staticmethod
    def _encode_token(kind: str, user_id: str, cursor_id: int) -> str:
        raw = f"{kind}:{user_id}:{cursor_id}".encode("ascii")
        return base64.b32encode(raw).decode("ascii").rstrip("=").lower()

    @staticmethod
    def _decode_token(token: str, kind: str, user_id: str) -> int:
        def bad() -> _ApiError:
            return _invalid_param(
                "pagination_token", token,
                f"The `pagination_token` query parameter value [{token}] is not valid",
            )

        padded = token.upper() + "=" * (-len(token) % 8)
        try:
            raw = base64.b32decode(padded).decode("ascii")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise bad() from None
        parts = raw.split(":")
        if len(parts) != 3 or parts[0] != kind or parts[1] != user_id or not parts[2].isdigit():
            raise bad()
        return int(parts[2])


def _dump(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _make_handler(api: FakeXApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "tsa_b"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            api.wait_if_held(self.path)
            try:
                status, headers, body = api._handle(
                    self.command, self.path, self.headers.get("Authorization")
                )
            except Exception as exc:  # pragma: no cover - surfaced to the client
                status, headers = 500, {"Content-Type": JSON_CONTENT_TYPE}
                body = _dump({**_problem(500), "detail": f"FakeXApi error: {exc!r}"})
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler
