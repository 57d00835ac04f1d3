"""A fake Facebook Graph API server for tests.

Real HTTP on 127.0.0.1 (stdlib ``ThreadingHTTPServer`` on an ephemeral port,
served from a background thread), answering with the JSON shapes of the real
Graph API so that the real ``facebook.GraphAPI`` (facebook-sdk) can talk to it
once its requests for ``https://graph.facebook.com/`` are routed to
:attr:`FakeGraphApi.base_url` (path and query unchanged).

Paths may carry any version prefix ``/v<major>.<minor>/`` (recorded in the
request log as ``version``) or none at all.

Supported endpoints (GET only):

* ``/{page_id}`` (or the page's username, or ``me`` for the first page added)
  with ``fields`` among ``id,name,username,followers_count,fan_count,link``
* ``/{page_id}/posts``, ``/{page_id}/feed``, ``/{page_id}/published_posts``
  -- newest first; ``limit`` (default 25, clamped to 100), ``after``,
  ``before``, ``since``/``until`` (unix timestamp or ISO date/datetime, both
  inclusive, compared to ``created_time``) and ``fields`` with nested field
  expansion, e.g.
  ``comments.filter(stream).limit(100){id,message,from,parent{id,from}}``
* ``/{post_id}`` and ``/{comment_id}`` objects
* ``/{post_id}/comments`` and ``/{comment_id}/comments`` -- chronological
  (``order=reverse_chronological`` reverses); ``filter=stream`` returns every
  comment below the node including replies, otherwise only direct children;
  ``summary=true`` adds ``summary.total_count``
* ``/{page_id}/conversations`` -- newest ``updated_time`` first, nested
  ``messages`` newest first; ``/{conversation_id}`` and
  ``/{conversation_id}/messages``; permission error (#230, 403) while
  :attr:`FakeGraphApi.messaging_permission` is False
* ``/?ids=a,b`` (``GraphAPI.get_objects``): an object keyed by id; one unknown (or removed) id
  fails the whole request with #100/33, as Graph does

Nested connections are rendered like the real API: ``{"data": [...],
"paging": {"cursors": {"before", "after"}, "next": <absolute URL>}}``; the
``comments`` key is omitted from a post/comment without comments (unless
``.summary(true)`` was asked for). ``next`` is only present when there are
more items, ``previous`` when the page did not start at the beginning.

Errors use real Graph error bodies (``{"error": {"message", "type", "code",
["error_subcode",] "fbtrace_id"}}``; like the real API ``error_subcode`` is
omitted when there is none): unknown object (#100/33), unknown field (#100),
unknown edge (#2500), bad field syntax (#2500), bad token (#190), bad
``appsecret_proof`` (#100).

Deletions and edits: :meth:`FakeGraphApi.remove_post`, :meth:`FakeGraphApi.remove_comment`,
:meth:`FakeGraphApi.edit_post` and :meth:`FakeGraphApi.edit_comment`.

Malformed payloads: :meth:`FakeGraphApi.serve` serves fields of an object as
given (``ABSENT`` leaves one out).

Typical use::

    with FakeGraphApi() as fake:
        fake.add_page("2002", "Acme", username="acme", followers=120)
        fake.add_post("2002", "2002_5001", "hello", datetime(2026, 11, 20, 10, tzinfo=timezone.utc))
        fake.add_comment("2002_5001", "5001_7001", "42", "Bob", "hi!", ...)
        ...  # point facebook.GraphAPI's session at fake.base_url
        fake.graph_error("/posts", 4)            # (#4) Application request limit reached
        fake.fail_next("/posts", 502, body="<html>502</html>", content_type="text/html")
        assert fake.requests[-1]["path"] == "/v25.0/2002/posts"
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import hmac
import json
import re
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from itertools import count
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.fakes.server import LocalHttpFake

__all__ = ["ABSENT", "FakeGraphApi"]

JSON_CONTENT_TYPE = "application/json; charset=UTF-8"


class _Absent:
    """The value of a served field that is left out of the JSON (it survives deepcopy as itself)."""

    def __deepcopy__(self, memo: dict) -> "_Absent":
        return self

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()
DEFAULT_LIMIT = 25
MAX_LIMIT = 100
DEFAULT_VERSION = "v25.0"

_VERSION_RE = re.compile(r"^v\d+\.\d+$")


class _DefaultContentType(str):
    """Marks "content_type left at its default" (compares equal to the JSON type)."""


_DEFAULT_CONTENT_TYPE = _DefaultContentType(JSON_CONTENT_TYPE)

# Default (message, type, status, subcode, is_transient) per Graph error code.
_GRAPH_ERRORS: dict[int, tuple[str, str, int, int | None, bool]] = {
    1: ("An unknown error occurred", "OAuthException", 500, None, True),
    2: ("An unexpected error has occurred. Please retry your request later.",
        "OAuthException", 500, None, True),
    4: ("(#4) Application request limit reached", "OAuthException", 400, None, True),
    10: ("(#10) This endpoint requires the 'pages_read_engagement' permission or the "
         "'Page Public Content Access' feature.", "OAuthException", 403, None, False),
    17: ("(#17) User request limit reached", "OAuthException", 400, None, True),
    32: ("(#32) Page request limit reached", "OAuthException", 400, None, True),
    100: ("(#100) Tried accessing nonexisting field (bogus) on node type (Page)",
          "OAuthException", 400, None, False),
    190: ("Error validating access token: Session has expired on Thursday, 19-Nov-26 "
          "10:00:00 PST. The current time is Friday, 20-Nov-26 10:00:00 PST.",
          "OAuthException", 400, 463, False),
    200: ("(#200) Permissions error", "OAuthException", 403, None, False),
    230: ("(#230) Requires pages_messaging permission to manage the object",
          "OAuthException", 403, None, False),
    368: ("The action attempted has been deemed abusive or is otherwise disallowed",
          "OAuthException", 400, None, False),
    613: ("(#613) Calls to this api have exceeded the rate limit.", "OAuthException",
          400, None, True),
    80001: ("(#80001) There have been too many calls to this Page account. Wait a bit "
            "and try again. For more info, please refer to "
            "https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
            "OAuthException", 400, None, True),
}
_UNSUPPORTED_GET = (
    "Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded "
    "due to missing permissions, or does not support this operation. Please read the "
    "Graph API documentation at https://developers.facebook.com/docs/graph-api"
)


# ---------------------------------------------------------------------- time helpers
def _as_utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _format_time(dt: datetime) -> str:
    """Format like the real API: ``2026-11-20T10:00:00+0000``."""
    return _as_utc(dt).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _micros(dt: datetime) -> int:
    delta = _as_utc(dt) - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def _parse_time_param(name: str, value: str) -> datetime:
    text = value.strip()
    try:
        if re.fullmatch(r"-?\d+", text):
            return datetime.fromtimestamp(int(text), tz=timezone.utc)
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        match = re.search(r"([+-])(\d{2})(\d{2})$", text)
        if match and "T" in text:
            text = text[: match.start()] + f"{match[1]}{match[2]}:{match[3]}"
        return _as_utc(datetime.fromisoformat(text))
    except (ValueError, OverflowError, OSError):
        raise _GraphError(
            400, 100, f"(#100) The parameter {name} must be a valid unix timestamp or "
            "strtotime-compatible date", "OAuthException",
        ) from None


# ---------------------------------------------------------------------- errors
class _GraphError(Exception):
    """Raised inside request handling to produce a Graph error response."""

    def __init__(self, status: int, code: int, message: str, type_: str,
                 subcode: int | None = None, is_transient: bool | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.type = type_
        self.subcode = subcode
        self.is_transient = is_transient

    def body(self, trace_id: str) -> dict[str, Any]:
        return _error_body(self.message, self.type, self.code, self.subcode,
                           trace_id, self.is_transient)


def _error_body(message: str, type_: str, code: int, subcode: int | None, trace_id: str,
                is_transient: bool | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"message": message, "type": type_}
    if is_transient is not None:
        err["is_transient"] = is_transient
    err["code"] = code
    if subcode is not None:
        err["error_subcode"] = subcode
    err["fbtrace_id"] = trace_id
    return {"error": err}


def _nonexisting_field(name: str, node_type: str) -> _GraphError:
    return _GraphError(
        400, 100, f"(#100) Tried accessing nonexisting field ({name}) on node type ({node_type})",
        "OAuthException",
    )


def _unsupported(method: str, obj_id: str) -> _GraphError:
    return _GraphError(
        400, 100, _UNSUPPORTED_GET.format(method=method.lower(), id=obj_id),
        "GraphMethodException", 33,
    )


# ---------------------------------------------------------------------- fields syntax
@dataclass
class _Field:
    name: str
    modifiers: dict[str, str] = field(default_factory=dict)
    children: list["_Field"] | None = None

    @property
    def key(self) -> str:
        return self.modifiers.get("as", self.name)


class _FieldsParser:
    """Recursive-descent parser for ``fields=a,b.limit(5).filter(stream){c,d{e}}``."""

    _NAME = re.compile(r"[A-Za-z0-9_]+")

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def parse(self) -> list[_Field]:
        fields = self._list()
        self._ws()
        if self.pos < len(self.text):
            raise self._error(f'Expected end of string instead of "{self.text[self.pos]}".')
        return fields

    def _error(self, what: str) -> _GraphError:
        return _GraphError(
            400, 2500, f'Syntax error "{what}" at character {self.pos}: {self.text}',
            "OAuthException",
        )

    def _ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def _peek(self) -> str:
        self._ws()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _list(self) -> list[_Field]:
        fields: list[_Field] = []
        while True:
            ch = self._peek()
            if ch == ",":
                self.pos += 1
                continue
            if not ch or ch == "}":
                return fields
            fields.append(self._field())
            ch = self._peek()
            if ch == ",":
                self.pos += 1
            elif ch and ch != "}":
                raise self._error(f'Expected end of string instead of "{ch}".')

    def _name(self) -> str:
        self._ws()
        match = self._NAME.match(self.text, self.pos)
        if not match:
            if self.pos >= len(self.text):
                raise self._error("Expected field name instead of end of string.")
            raise self._error(f'Expected field name instead of "{self.text[self.pos]}".')
        self.pos = match.end()
        return match.group()

    def _field(self) -> _Field:
        result = _Field(self._name())
        while self._peek() == ".":
            self.pos += 1
            modifier = self._name()
            if self._peek() != "(":
                raise self._error(f'Expected "(" after modifier "{modifier}".')
            self.pos += 1
            depth, start = 1, self.pos
            while self.pos < len(self.text) and depth:
                if self.text[self.pos] == "(":
                    depth += 1
                elif self.text[self.pos] == ")":
                    depth -= 1
                self.pos += 1
            if depth:
                raise self._error('Expected ")" instead of end of string.')
            result.modifiers[modifier] = self.text[start:self.pos - 1].strip()
        if self._peek() == "{":
            self.pos += 1
            result.children = self._list()
            if self._peek() != "}":
                raise self._error('Expected "}" instead of end of string.')
            self.pos += 1
        return result


def _parse_fields(text: str | None) -> list[_Field] | None:
    if text is None or not text.strip():
        return None
    return _FieldsParser(text).parse()


def _serialize_fields(fields: list[_Field]) -> str:
    parts = []
    for f in fields:
        text = f.name + "".join(f".{k}({v})" for k, v in f.modifiers.items())
        if f.children is not None:
            text += "{" + _serialize_fields(f.children) + "}"
        parts.append(text)
    return ",".join(parts)


# Node schemas: field name -> None (scalar), ("node", type) or ("edge", type).
_SCHEMAS: dict[str, dict[str, Any]] = {
    "Page": {
        "id": None, "name": None, "username": None, "followers_count": None,
        "fan_count": None, "link": None,
    },
    "Post": {
        "id": None, "message": None, "created_time": None, "updated_time": None,
        "permalink_url": None, "from": ("node", "User"), "comments": ("edge", "Comment"),
    },
    "Comment": {
        "id": None, "message": None, "created_time": None, "from": ("node", "User"),
        "parent": ("node", "Comment"), "permalink_url": None, "comment_count": None,
        "like_count": None, "comments": ("edge", "Comment"),
    },
    "User": {"id": None, "name": None},
    "UnifiedThread": {
        "id": None, "updated_time": None, "link": None, "message_count": None,
        "unread_count": None, "participants": None, "senders": None, "can_reply": None,
        "messages": ("edge", "Message"),
    },
    "Message": {
        "id": None, "message": None, "created_time": None, "from": None, "to": None,
    },
}
_DEFAULT_FIELDS = {
    "Page": "name,id",
    "Post": "created_time,message,id",
    "Comment": "created_time,from,message,id",
    "User": "name,id",
    "UnifiedThread": "id,link,updated_time",
    "Message": "id,created_time",
}


def _validate(fields: list[_Field], node_type: str) -> None:
    schema = _SCHEMAS[node_type]
    for f in fields:
        if f.name not in schema:
            raise _nonexisting_field(f.name, node_type)
        kind = schema[f.name]
        if f.children is not None and kind is not None:
            _validate(f.children, kind[1])


def _fields_for(node_type: str, fields: list[_Field] | None) -> list[_Field]:
    if fields is None:
        fields = _FieldsParser(_DEFAULT_FIELDS[node_type]).parse()
    _validate(fields, node_type)
    return fields


# ---------------------------------------------------------------------- state
@dataclass
class _Page:
    id: str
    name: str
    username: str | None
    followers: int
    fans: int


@dataclass
class _Post:
    id: str
    page_id: str
    message: str | None
    created: datetime
    seq: int


@dataclass
class _Comment:
    id: str
    post_id: str
    author_id: str
    author_name: str
    message: str
    created: datetime
    parent_id: str | None
    seq: int


@dataclass
class _Message:
    id: str
    conversation_id: str
    from_id: str
    from_name: str
    message: str
    created: datetime
    seq: int


@dataclass
class _Conversation:
    id: str
    page_id: str
    messages: list[_Message]
    seq: int

    @property
    def updated(self) -> datetime:
        if not self.messages:
            return datetime(1970, 1, 1, tzinfo=timezone.utc)
        return max(m.created for m in self.messages)


@dataclass
class _Failure:
    path_contains: str
    status: int
    remaining: int
    headers: dict[str, str]
    body: dict | str | None
    content_type: str | None
    query_has: str | None = None


@dataclass
class _Ctx:
    """Per-request rendering context."""

    version: str | None
    query: dict[str, str]


class FakeGraphApi(LocalHttpFake):
    """In-process fake of the Facebook Graph API subset used by the monitor."""

    def __init__(self, access_token: str = "test-page-token", app_secret: str | None = None):
        self.access_token = access_token
        self.app_secret = app_secret
        self.base_url: str = ""
        self.requests: list[dict] = []
        self.messaging_permission: bool = True
        self.usage_headers: dict[str, str] = {}
        self.next_links_without_token: bool = False
        self._lock = threading.RLock()
        self._seq = count(1)
        self._pages: dict[str, _Page] = {}
        self._posts: dict[str, _Post] = {}
        self._comments: dict[str, _Comment] = {}
        self._conversations: dict[str, _Conversation] = {}
        self._messages: dict[str, _Message] = {}
        self._failures: list[_Failure] = []
        self._served: dict[str, dict[str, Any]] = {}  # object id -> fields served as given

    def handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class bound to this fake."""
        return _make_handler(self)

    # ------------------------------------------------------------------ state setup
    def add_page(self, page_id: str, name: str, username: str | None = None,
                 followers: int = 100, fans: int = 90) -> None:
        with self._lock:
            self._pages[str(page_id)] = _Page(
                id=str(page_id), name=name, username=username,
                followers=int(followers), fans=int(fans),
            )

    def set_followers(self, page_id: str, followers: int, fans: int | None = None) -> None:
        with self._lock:
            page = self._page(str(page_id))
            page.followers = int(followers)
            if fans is not None:
                page.fans = int(fans)

    def add_post(self, page_id: str, post_id: str, message: str | None,
                 created: datetime) -> None:
        with self._lock:
            self._page(str(page_id))
            self._posts[str(post_id)] = _Post(
                id=str(post_id), page_id=str(page_id), message=message,
                created=_as_utc(created), seq=next(self._seq),
            )

    def remove_post(self, post_id: str) -> None:
        with self._lock:
            self._posts.pop(str(post_id))
            for cid in [c.id for c in self._comments.values() if c.post_id == str(post_id)]:
                del self._comments[cid]

    def add_comment(self, post_id: str, comment_id: str, author_id: str, author_name: str,
                    message: str, created: datetime, parent_id: str | None = None) -> None:
        with self._lock:
            if str(post_id) not in self._posts:
                raise KeyError(f"unknown post id {post_id!r}")
            if parent_id is not None:
                parent = self._comments.get(str(parent_id))
                if parent is None or parent.post_id != str(post_id):
                    raise KeyError(f"unknown parent comment {parent_id!r} on post {post_id!r}")
            self._comments[str(comment_id)] = _Comment(
                id=str(comment_id), post_id=str(post_id), author_id=str(author_id),
                author_name=author_name, message=message, created=_as_utc(created),
                parent_id=None if parent_id is None else str(parent_id), seq=next(self._seq),
            )

    def remove_comment(self, comment_id: str) -> None:
        """Delete a comment and its replies (as Facebook does)."""
        with self._lock:
            doomed = {str(comment_id)}
            self._comments[str(comment_id)]  # KeyError when unknown
            changed = True
            while changed:
                changed = False
                for c in self._comments.values():
                    if c.parent_id in doomed and c.id not in doomed:
                        doomed.add(c.id)
                        changed = True
            for cid in doomed:
                del self._comments[cid]

    def edit_post(self, post_id: str, message: str | None) -> None:
        """Change a post's message (as the Page editing it)."""
        with self._lock:
            self._posts[str(post_id)].message = message

    def edit_comment(self, comment_id: str, message: str) -> None:
        """Change a comment's message (as its author editing it)."""
        with self._lock:
            self._comments[str(comment_id)].message = message

    def add_conversation(self, page_id: str, conversation_id: str,
                         messages: list[dict]) -> None:
        """``messages``: ``[{"id", "from_id", "from_name", "message", "created"}]``, any order."""
        with self._lock:
            self._page(str(page_id))
            conv_id = str(conversation_id)
            old = self._conversations.get(conv_id)
            if old is not None:
                for m in old.messages:
                    self._messages.pop(m.id, None)
            msgs = [
                _Message(
                    id=str(m["id"]), conversation_id=conv_id, from_id=str(m["from_id"]),
                    from_name=m.get("from_name") or str(m["from_id"]),
                    message=m.get("message", ""), created=_as_utc(m["created"]),
                    seq=next(self._seq),
                )
                for m in messages
            ]
            self._conversations[conv_id] = _Conversation(
                id=conv_id, page_id=str(page_id), messages=msgs, seq=next(self._seq),
            )
            for m in msgs:
                self._messages[m.id] = m

    def fail_next(self, path_contains: str, status: int, times: int = 1, *,
                  body: dict | str | None = None, headers: dict | None = None,
                  content_type: str | None = _DEFAULT_CONTENT_TYPE, query_has: str | None = None) -> None:
        """Make the next ``times`` requests whose path contains ``path_contains`` fail.

        ``query_has`` narrows it to requests with that query parameter (``"ids"``: the multi-id reads).

        Failures are consumed in the order they were queued, before any auth
        check. ``body``: a dict is sent as JSON, a str raw; ``None`` means an
        empty body for status >= 500 and a generic Graph error otherwise.
        ``content_type=None`` sends no Content-Type header at all; left at its
        default, a str body that does not look like JSON is sent as
        ``text/html; charset=utf-8``. ``headers`` override the default headers.
        """
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._lock:
            self._failures.append(_Failure(
                path_contains=path_contains, status=int(status), remaining=int(times),
                headers={str(k): str(v) for k, v in (headers or {}).items()},
                body=copy.deepcopy(body), content_type=content_type, query_has=query_has,
            ))

    def graph_error(self, path_contains: str, code: int, *, times: int = 1,
                    subcode: int | None = None, message: str | None = None,
                    status: int | None = None, headers: dict | None = None,
                    query_has: str | None = None) -> None:
        """Queue a real Graph error body (right HTTP status, type and message for ``code``).

        Known codes: 1, 2, 4, 10, 17, 32, 100, 190 (subcode 463 by default),
        200, 230, 368, 613, 80001; others get a generic ``(#code)`` message.
        ``code=100, subcode=33`` gives the "Unsupported get request" error.
        OAuth errors (190) also carry a ``WWW-Authenticate`` header.
        """
        default_msg, type_, default_status, default_sub, transient = _GRAPH_ERRORS.get(
            int(code), (f"(#{code}) An error occurred", "OAuthException", 400, None, False),
        )
        if int(code) == 100 and subcode == 33:
            default_msg = _UNSUPPORTED_GET.format(method="get", id="x")
            type_ = "GraphMethodException"
        sub = subcode if subcode is not None else default_sub
        msg = message if message is not None else default_msg
        body = _error_body(msg, type_, int(code), sub, "__TRACE__",
                           True if transient else None)
        all_headers = {}
        if int(code) == 190:
            all_headers["WWW-Authenticate"] = (
                f'OAuth "Facebook Platform" "invalid_token" "{msg}"'
            )
        all_headers.update(headers or {})
        self.fail_next(path_contains, status if status is not None else default_status,
                       times, body=body, headers=all_headers, query_has=query_has)

    def serve(self, object_id: str, fields: dict[str, Any]) -> None:
        """Serve these fields of a Page, post, comment, conversation or message as given (malformed payloads).

        A field is replaced only where it is asked for; ``ABSENT`` leaves it out. E.g.
        ``serve("2002", {"followers_count": "lots"})``, ``serve("5001_7001", {"from": "Anna"})``.
        """
        with self._lock:
            self._served.setdefault(str(object_id), {}).update(copy.deepcopy(fields))

    # ------------------------------------------------------------------ conveniences
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

    def _page(self, page_id: str) -> _Page:
        try:
            return self._pages[page_id]
        except KeyError:
            raise KeyError(f"unknown page id {page_id!r}") from None

    # ------------------------------------------------------------------ request handling
    def _base_headers(self, version: str | None, trace_id: str) -> dict[str, str]:
        headers = {
            "Content-Type": JSON_CONTENT_TYPE,
            "x-fb-trace-id": trace_id,
            "x-fb-rev": "1018273645",
            "x-fb-request-id": secrets.token_urlsafe(9),
            "facebook-api-version": version or DEFAULT_VERSION,
            "Access-Control-Allow-Origin": "*",
            "Cache-Control": "private, no-cache, no-store, must-revalidate",
            "Pragma": "no-cache",
            "Expires": "Sat, 01 Jan 2000 00:00:00 GMT",
        }
        headers.update({str(k): str(v) for k, v in self.usage_headers.items()})
        return headers

    def _handle(self, method: str, raw_path: str) -> tuple[int, dict[str, str], bytes]:
        """Return (status, headers, body) for one request. Thread-safe."""
        split = urlsplit(raw_path)
        path = split.path
        parsed = parse_qs(split.query, keep_blank_values=True)
        query = {k: v[-1] for k, v in parsed.items()}
        parts = [p for p in path.split("/") if p]
        version = parts[0] if parts and _VERSION_RE.match(parts[0]) else None
        if version is not None:
            parts = parts[1:]
        trace_id = "A" + secrets.token_urlsafe(16)[:22]

        with self._lock:
            self.requests.append(
                {"method": method, "path": path, "query": dict(query), "version": version}
            )
            headers = self._base_headers(version, trace_id)

            failure = self._take_failure(path, query)
            if failure is not None:
                return self._failure_response(failure, headers, trace_id)

            try:
                self._check_auth(query)
                if method != "GET":
                    raise _unsupported(method, parts[0] if parts else "")
                body = self._route(parts, _Ctx(version=version, query=query))
            except _GraphError as err:
                if err.code == 190:
                    headers["WWW-Authenticate"] = (
                        f'OAuth "Facebook Platform" "invalid_token" "{err.message}"'
                    )
                return err.status, headers, _dump(err.body(trace_id))
            return 200, headers, _dump(body)

    def _check_auth(self, query: dict[str, str]) -> None:
        if query.get("access_token") != self.access_token:
            raise _GraphError(400, 190, "Invalid OAuth access token - Cannot parse access token",
                              "OAuthException")
        if self.app_secret is not None:
            proof = query.get("appsecret_proof")
            expected = hmac.new(self.app_secret.encode(), self.access_token.encode(),
                                hashlib.sha256).hexdigest()
            if proof is None:
                raise _GraphError(400, 100, "API calls from the server require an "
                                  "appsecret_proof argument", "GraphMethodException")
            if not hmac.compare_digest(proof, expected):
                raise _GraphError(400, 100, "Invalid appsecret_proof provided in the API "
                                  "argument", "GraphMethodException")

    def _take_failure(self, path: str, query: dict[str, str]) -> _Failure | None:
        for failure in self._failures:
            if failure.path_contains in path and (failure.query_has is None or failure.query_has in query):
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._failures.remove(failure)
                return failure
        return None

    @staticmethod
    def _failure_response(failure: _Failure, headers: dict[str, str],
                          trace_id: str) -> tuple[int, dict[str, str], bytes]:
        headers = dict(headers)
        body = failure.body
        if body is None:
            if failure.status >= 500:
                payload = b""
            else:
                payload = _dump(_error_body("An unknown error occurred", "OAuthException",
                                            1, None, trace_id, True))
        elif isinstance(body, str):
            payload = body.encode("utf-8")
        else:
            payload = _dump(body).replace(b"__TRACE__", trace_id.encode())
        content_type = failure.content_type
        if (content_type is _DEFAULT_CONTENT_TYPE and isinstance(body, str)
                and not body.lstrip().startswith(("{", "["))):
            content_type = "text/html; charset=utf-8"
        if content_type is None:
            headers.pop("Content-Type", None)
        else:
            headers["Content-Type"] = str(content_type)
        # Caller-provided headers win (case-insensitively).
        for key, value in failure.headers.items():
            for existing in [k for k in headers if k.lower() == key.lower()]:
                del headers[existing]
            headers[key] = value
        return failure.status, headers, payload

    # ------------------------------------------------------------------ routing
    def _route(self, parts: list[str], ctx: _Ctx) -> Any:
        q = ctx.query
        fields = _parse_fields(q.get("fields"))
        if not parts:
            if "ids" in q:
                ids = [i.strip() for i in q["ids"].split(",") if i.strip()]
                return {i: self._render_object(i, fields, ctx) for i in ids}
            raise _GraphError(400, 100, "(#100) Missing 'id' parameter", "OAuthException")
        if len(parts) == 1:
            return self._render_object(parts[0], fields, ctx)
        if len(parts) == 2:
            return self._render_edge(parts[0], parts[1], fields, ctx)
        raise _GraphError(400, 2500, "Unknown path components: /" + "/".join(parts[2:]),
                          "OAuthException")

    def _resolve(self, obj_id: str) -> tuple[str, Any]:
        if obj_id == "me" and self._pages:
            return "Page", next(iter(self._pages.values()))
        if obj_id in self._pages:
            return "Page", self._pages[obj_id]
        for page in self._pages.values():
            if page.username and page.username.lower() == obj_id.lower():
                return "Page", page
        if obj_id in self._posts:
            return "Post", self._posts[obj_id]
        if obj_id in self._comments:
            return "Comment", self._comments[obj_id]
        if obj_id in self._conversations:
            self._check_messaging()
            return "UnifiedThread", self._conversations[obj_id]
        if obj_id in self._messages:
            self._check_messaging()
            return "Message", self._messages[obj_id]
        raise _unsupported("GET", obj_id)

    def _check_messaging(self) -> None:
        if not self.messaging_permission:
            raise _GraphError(403, 230, _GRAPH_ERRORS[230][0], "OAuthException")

    def _render_object(self, obj_id: str, fields: list[_Field] | None, ctx: _Ctx) -> dict:
        node_type, obj = self._resolve(obj_id)
        return self._render(node_type, obj, _fields_for(node_type, fields), ctx)

    def _render_edge(self, obj_id: str, edge: str, fields: list[_Field] | None,
                     ctx: _Ctx) -> dict:
        node_type, obj = self._resolve(obj_id)
        q = ctx.query
        limit = _limit(q.get("limit"))
        if node_type == "Page" and edge in ("posts", "feed", "published_posts"):
            child_type = "Post"
            items = self._page_posts(obj.id, q.get("since"), q.get("until"))
            key, descending = _post_key, True
        elif node_type == "Page" and edge == "conversations":
            self._check_messaging()
            child_type = "UnifiedThread"
            items = [c for c in self._conversations.values() if c.page_id == obj.id]
            key, descending = _conversation_key, True
        elif node_type in ("Post", "Comment") and edge == "comments":
            child_type = "Comment"
            items = self._comments_below(node_type, obj.id, q.get("filter") == "stream")
            key = _comment_key
            descending = q.get("order") == "reverse_chronological"
        elif node_type == "UnifiedThread" and edge == "messages":
            child_type = "Message"
            items = list(obj.messages)
            key, descending = _message_key, True
        else:
            raise _GraphError(400, 2500, f"Unknown path components: /{edge}", "OAuthException")
        child_fields = _fields_for(child_type, fields)
        result = self._connection(
            child_type, items, key, descending, child_fields, limit,
            after=q.get("after"), before=q.get("before"), ctx=ctx,
            next_path=f"{obj_id}/{edge}", next_params=dict(q),
        )
        if child_type == "Comment" and q.get("summary", "").lower() in ("true", "1"):
            result["summary"] = _comment_summary(len(items), descending)
        return result

    def _page_posts(self, page_id: str, since: str | None, until: str | None) -> list[_Post]:
        posts = [p for p in self._posts.values() if p.page_id == page_id]
        if since is not None and since.strip():
            lo = _parse_time_param("since", since)
            posts = [p for p in posts if p.created >= lo]
        if until is not None and until.strip():
            hi = _parse_time_param("until", until)
            posts = [p for p in posts if p.created <= hi]
        return posts

    def _comments_below(self, node_type: str, obj_id: str, stream: bool) -> list[_Comment]:
        if node_type == "Post":
            if stream:
                return [c for c in self._comments.values() if c.post_id == obj_id]
            return [c for c in self._comments.values()
                    if c.post_id == obj_id and c.parent_id is None]
        children = [c for c in self._comments.values() if c.parent_id == obj_id]
        if not stream:
            return children
        result, frontier = [], children
        while frontier:
            result.extend(frontier)
            ids = {c.id for c in frontier}
            frontier = [c for c in self._comments.values() if c.parent_id in ids]
        return result

    def _connection(self, child_type: str, items: list, key: Callable[[Any], tuple],
                    descending: bool, fields: list[_Field], limit: int, *,
                    after: str | None, before: str | None, ctx: _Ctx, next_path: str,
                    next_params: dict[str, str]) -> dict:
        ordered = sorted(items, key=key, reverse=descending)

        def comes_after(item: Any, cursor: tuple) -> bool:
            return key(item) < cursor if descending else key(item) > cursor

        if after:
            cur = _decode_cursor(after, "after")
            rest = [i for i in ordered if comes_after(i, cur)]
            page, more, started_mid = rest[:limit], len(rest) > limit, True
        elif before:
            cur = _decode_cursor(before, "before")
            preceding = [i for i in ordered if not comes_after(i, cur) and key(i) != cur]
            page = preceding[-limit:] if limit else []
            more, started_mid = len(ordered) > len(preceding), len(preceding) > limit
        else:
            page, more, started_mid = ordered[:limit], len(ordered) > limit, False
        data = [self._render(child_type, item, fields, ctx) for item in page]
        if not data:
            return {"data": []}
        first, last = _encode_cursor(key(page[0])), _encode_cursor(key(page[-1]))
        paging: dict[str, Any] = {"cursors": {"before": first, "after": last}}
        if started_mid:
            paging["previous"] = self._link(ctx, next_path, next_params, limit, "before", first)
        if more:
            paging["next"] = self._link(ctx, next_path, next_params, limit, "after", last)
        return {"data": data, "paging": paging}

    def _link(self, ctx: _Ctx, path: str, params: dict[str, str], limit: int,
              cursor_name: str, cursor: str) -> str:
        params = {k: v for k, v in params.items() if k not in ("after", "before", "limit")}
        params.pop("access_token", None)
        ordered: dict[str, str] = {}
        if not self.next_links_without_token:
            ordered["access_token"] = ctx.query.get("access_token", "")
        ordered.update(params)
        ordered["limit"] = str(limit)
        ordered[cursor_name] = cursor
        prefix = f"/{ctx.version}" if ctx.version else ""
        return f"{self.base_url}{prefix}/{path}?{urlencode(ordered)}"

    # ------------------------------------------------------------------ rendering
    def _render(self, node_type: str, obj: Any, fields: list[_Field], ctx: _Ctx) -> dict:
        out: dict[str, Any] = {}
        served = self._served.get(obj.id, {}) if node_type != "User" else {}
        for f in fields:
            if f.key in served:
                value = copy.deepcopy(served[f.key])
            else:
                value = getattr(self, f"_field_{node_type}")(obj, f, ctx)
            if value is not _OMIT and value is not ABSENT:
                out[f.key] = value
        if "id" not in out and served.get("id") is not ABSENT:
            out["id"] = obj.id
        return out

    def _nested(self, node_type: str, obj: Any, f: _Field, ctx: _Ctx) -> dict:
        return self._render(node_type, obj, _fields_for(node_type, f.children), ctx)

    def _user(self, user_id: str, name: str, f: _Field, ctx: _Ctx) -> dict:
        user = _UserRef(user_id, name)
        return self._nested("User", user, f, ctx)

    def _field_User(self, obj: "_UserRef", f: _Field, ctx: _Ctx) -> Any:
        return obj.id if f.name == "id" else obj.name

    def _field_Page(self, page: _Page, f: _Field, ctx: _Ctx) -> Any:
        name = f.name
        if name == "id":
            return page.id
        if name == "name":
            return page.name
        if name == "username":
            return page.username if page.username is not None else _OMIT
        if name == "followers_count":
            return page.followers
        if name == "fan_count":
            return page.fans
        if name == "link":
            return f"https://www.facebook.com/{page.username or page.id}"
        return _OMIT

    def _field_Post(self, post: _Post, f: _Field, ctx: _Ctx) -> Any:
        name = f.name
        if name == "id":
            return post.id
        if name == "message":
            return post.message if post.message is not None else _OMIT
        if name in ("created_time", "updated_time"):
            return _format_time(post.created)
        if name == "permalink_url":
            return _post_permalink(post)
        if name == "from":
            page = self._pages.get(post.page_id)
            return self._user(post.page_id, page.name if page else post.page_id, f, ctx)
        if name == "comments":
            return self._nested_comments("Post", post.id, f, ctx)
        return _OMIT

    def _field_Comment(self, comment: _Comment, f: _Field, ctx: _Ctx) -> Any:
        name = f.name
        if name == "id":
            return comment.id
        if name == "message":
            return comment.message
        if name == "created_time":
            return _format_time(comment.created)
        if name == "from":
            return self._user(comment.author_id, comment.author_name, f, ctx)
        if name == "parent":
            parent = self._comments.get(comment.parent_id) if comment.parent_id else None
            return self._nested("Comment", parent, f, ctx) if parent else _OMIT
        if name == "permalink_url":
            post = self._posts.get(comment.post_id)
            base = _post_permalink(post) if post else f"https://www.facebook.com/{comment.post_id}"
            if comment.parent_id:
                return (f"{base}?comment_id={_suffix(comment.parent_id)}"
                        f"&reply_comment_id={_suffix(comment.id)}")
            return f"{base}?comment_id={_suffix(comment.id)}"
        if name == "comment_count":
            return sum(1 for c in self._comments.values() if c.parent_id == comment.id)
        if name == "like_count":
            return 0
        if name == "comments":
            return self._nested_comments("Comment", comment.id, f, ctx)
        return _OMIT

    def _field_UnifiedThread(self, conv: _Conversation, f: _Field, ctx: _Ctx) -> Any:
        name = f.name
        if name == "id":
            return conv.id
        if name == "updated_time":
            return _format_time(conv.updated)
        if name == "link":
            return f"/{conv.page_id}/inbox/?selected_item_id={conv.id}"
        if name == "message_count":
            return len(conv.messages)
        if name == "unread_count":
            return 0
        if name == "can_reply":
            return True
        if name in ("participants", "senders"):
            return {"data": [_participant(i, n) for i, n in _participants(conv).items()]}
        if name == "messages":
            limit = _limit(f.modifiers.get("limit"))
            child_fields = _fields_for("Message", f.children)
            params = {"fields": _serialize_fields(child_fields)}
            return self._connection(
                "Message", conv.messages, _message_key, True, child_fields, limit,
                after=None, before=None, ctx=ctx, next_path=f"{conv.id}/messages",
                next_params=params,
            )
        return _OMIT

    def _field_Message(self, msg: _Message, f: _Field, ctx: _Ctx) -> Any:
        name = f.name
        if name == "id":
            return msg.id
        if name == "message":
            return msg.message
        if name == "created_time":
            return _format_time(msg.created)
        if name == "from":
            return _participant(msg.from_id, msg.from_name)
        if name == "to":
            conv = self._conversations.get(msg.conversation_id)
            others = _participants(conv) if conv else {}
            return {"data": [_participant(i, n) for i, n in others.items() if i != msg.from_id]}
        return _OMIT

    def _nested_comments(self, node_type: str, obj_id: str, f: _Field, ctx: _Ctx) -> Any:
        stream = f.modifiers.get("filter") == "stream"
        descending = f.modifiers.get("order") == "reverse_chronological"
        summary = f.modifiers.get("summary", "").lower() in ("true", "1")
        items = self._comments_below(node_type, obj_id, stream)
        if not items and not summary:
            return _OMIT
        limit = _limit(f.modifiers.get("limit"))
        child_fields = _fields_for("Comment", f.children)
        params = {"fields": _serialize_fields(child_fields)}
        if stream:
            params["filter"] = "stream"
        if descending:
            params["order"] = "reverse_chronological"
        if summary:
            params["summary"] = "true"
        result = self._connection(
            "Comment", items, _comment_key, descending, child_fields, limit,
            after=None, before=None, ctx=ctx, next_path=f"{obj_id}/comments",
            next_params=params,
        )
        if summary:
            result["summary"] = _comment_summary(len(items), descending)
        return result


# ---------------------------------------------------------------------- helpers
class _Omit:
    pass


_OMIT = _Omit()


@dataclass
class _UserRef:
    id: str
    name: str


def _post_key(p: _Post) -> tuple:
    return (_micros(p.created), p.seq)


def _comment_key(c: _Comment) -> tuple:
    return (_micros(c.created), c.seq)


def _message_key(m: _Message) -> tuple:
    return (_micros(m.created), m.seq)


def _conversation_key(c: _Conversation) -> tuple:
    return (_micros(c.updated), c.seq)


def _encode_cursor(key: tuple) -> str:
    raw = "fakegraph:" + ":".join(str(k) for k in key)
    return base64.urlsafe_b64encode(raw.encode("ascii")).decode("ascii").rstrip("=")


def _decode_cursor(cursor: str, name: str) -> tuple:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        prefix, *parts = raw.split(":")
        if prefix != "fakegraph" or len(parts) != 2:
            raise ValueError(raw)
        return tuple(int(p) for p in parts)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise _GraphError(400, 100, f"(#100) The {name} parameter is not a valid cursor",
                          "OAuthException") from None


def _limit(value: str | None) -> int:
    if value is None or not str(value).strip():
        return DEFAULT_LIMIT
    try:
        limit = int(str(value).strip())
    except ValueError:
        raise _GraphError(400, 100, "(#100) Param limit must be a number",
                          "OAuthException") from None
    return max(0, min(limit, MAX_LIMIT))


def _suffix(obj_id: str) -> str:
    return obj_id.rsplit("_", 1)[-1]


def _post_permalink(post: _Post) -> str:
    prefix = post.page_id + "_"
    suffix = post.id[len(prefix):] if post.id.startswith(prefix) else post.id
    return f"https://www.facebook.com/{post.page_id}/posts/{suffix}"


def _participants(conv: _Conversation) -> dict[str, str]:
    seen: dict[str, str] = {}
    for m in sorted(conv.messages, key=_message_key):
        seen.setdefault(m.from_id, m.from_name)
    return seen


def _participant(user_id: str, name: str) -> dict[str, str]:
    return {"name": name, "email": f"{user_id}@facebook.com", "id": user_id}


def _comment_summary(total: int, descending: bool) -> dict[str, Any]:
    return {
        "order": "reverse_chronological" if descending else "chronological",
        "total_count": total,
        "can_comment": True,
    }


def _dump(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _make_handler(api: FakeGraphApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "proxygen-bolt"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            try:
                status, headers, body = api._handle(self.command, self.path)
            except Exception as exc:  # pragma: no cover - surfaced to the client
                status, headers = 500, {"Content-Type": JSON_CONTENT_TYPE}
                body = _dump(_error_body(f"FakeGraphApi error: {exc!r}", "FakeGraphApiBug",
                                         1, None, "fake"))
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
