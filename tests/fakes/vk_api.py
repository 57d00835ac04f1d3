"""A fake VK API server for tests.

Real HTTP on 127.0.0.1 (``LocalHttpFake``), answering like ``https://api.vk.ru``:
``POST`` (or ``GET``) ``/method/NAME`` with form (or query) parameters, including
``access_token`` and ``v``; every answer is HTTP 200 with ``{"response": ...}`` or
``{"error": {"error_code", "error_msg", "request_params": [{"key", "value"}, ...]}}``.

Methods: ``groups.getById`` (``group_id``/``group_ids``, ``fields=members_count``;
from v5.194 ``{"groups": [...], "profiles": []}``, before it a bare list),
``wall.get`` (``owner_id`` negative, ``offset``, ``count`` ≤ 100, ``filter``,
``extended``; the pinned post first, then newest first), ``wall.getComments``
(``owner_id``, ``post_id``, ``comment_id`` for one thread, ``thread_items_count`` ≤ 10
inline replies, oldest first, ``count`` ≤ 100, ``offset``, ``sort`` asc|desc,
``extended`` → ``profiles``/``groups``; ``count`` counts every comment of the level and
below, ``current_level_count`` the level; a deleted comment with replies stays as
``{"id", "deleted": true, "thread"}``), ``messages.getConversations`` (newest first,
``count`` ≤ 200, ``can_write``), ``messages.getHistory`` (``peer_id``, newest first) and
``messages.isMessagesFromGroupAllowed``, ``wall.getById`` (``posts=-3003_5001,...``; extended:
``{"items", "profiles", "groups"}``, else a bare list; deleted posts are left out).

Keys have kinds: the service key (wall, comments, groups), the community key
(messages, groups; error 27 on wall methods), a service key on messages gets 28; a
community key without the ``messages`` scope gets 15. Errors on demand:
:meth:`FakeVkApi.api_error` (any code, real messages) and :meth:`FakeVkApi.fail_next`
(any HTTP status and body); malformed items through :meth:`FakeVkApi.serve`.
"""

from __future__ import annotations

import copy
import json
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.server import LocalHttpFake

__all__ = ["ABSENT", "FakeVkApi"]



class _Absent:
    """The value of a served field that is left out of the JSON (it survives deepcopy as itself)."""

    def __deepcopy__(self, memo: dict) -> _Absent:
        return self

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()
ERRORS = {
    1: "Unknown error occurred", 3: "Unknown method passed", 5: "User authorization failed: invalid access_token (4).",
    6: "Too many requests per second", 8: "Invalid request: v (version) is required", 9: "Flood control",
    10: "Internal server error", 14: "Captcha needed", 15: "Access denied: no access to call this method",
    18: "User was deleted or banned", 27: "Group authorization failed: method is unavailable with group auth.",
    28: "Application authorization failed: method is unavailable with service token.", 29: "Rate limit reached",
    30: "This profile is private", 100: "One of the parameters specified was missing or invalid",
    212: "Access to post comments denied", 917: "You don't have access to this chat",
}
WALL = ("wall.get", "wall.getComments", "wall.getById")
MESSAGES = ("messages.getConversations", "messages.getHistory", "messages.isMessagesFromGroupAllowed")


class _Error(Exception):
    def __init__(self, code: int, message: str | None = None, **extra: Any):
        super().__init__(code)
        self.code, self.message, self.extra = code, message or ERRORS.get(code, f"Error {code}"), extra


@dataclass
class _Group:
    id: int
    name: str
    screen_name: str
    members: int
    is_closed: int
    deactivated: str | None


@dataclass
class _Post:
    owner: int
    id: int
    from_id: int
    text: str
    date: int
    pinned: bool = False
    copy_of: tuple[int, int] | None = None


@dataclass
class _Comment:
    owner: int
    post: int
    id: int
    from_id: int
    text: str
    date: int
    parent: int | None  # the thread's top-level comment
    reply_to_comment: int | None
    reply_to_user: int | None
    deleted: bool = False


@dataclass
class _Message:
    id: int
    cmid: int
    peer: int
    from_id: int
    text: str
    date: int
    out: int


@dataclass
class _Failure:
    method: str
    remaining: int
    status: int = 200
    body: Any = None
    content_type: str | None = "application/json; charset=utf-8"


@dataclass
class _State:
    groups: dict[int, _Group] = field(default_factory=dict)
    users: dict[int, tuple[str, str]] = field(default_factory=dict)
    posts: dict[tuple[int, int], _Post] = field(default_factory=dict)
    comments: dict[tuple[int, int], _Comment] = field(default_factory=dict)
    messages: dict[tuple[int, int], list[_Message]] = field(default_factory=dict)  # (group, peer) -> oldest first
    allowed: dict[tuple[int, int], int] = field(default_factory=dict)
    served: dict[tuple, dict[str, Any]] = field(default_factory=dict)
    failures: list[_Failure] = field(default_factory=list)


def _unix(moment: datetime | int) -> int:
    if isinstance(moment, datetime):
        return int((moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp())
    return int(moment)


def _int(params: dict[str, str], name: str, default: int | None = None) -> int:
    value = params.get(name)
    if value is None or value == "":
        if default is None:
            raise _Error(100, f"One of the parameters specified was missing or invalid: {name} is undefined")
        return default
    try:
        return int(value)
    except ValueError:
        raise _Error(100, f"One of the parameters specified was missing or invalid: {name} not integer") from None


class FakeVkApi(LocalHttpFake):
    """In-process fake of the VK API methods the monitor calls."""

    def __init__(self, service_token: str = "test-vk-service-key-0123456789",
                 community_token: str = "test-vk-community-key-0123456789"):
        self.service_token, self.community_token = service_token, community_token
        self.community_scopes = {"messages"}
        self.can_write_in_conversations = True
        self.echo_token_in_errors = False  # VK leaves access_token out of request_params; a proxy might not
        self.requests: list[dict[str, Any]] = []
        self._state = _State()
        self._lock = threading.RLock()
        self._next_message = 100

    def handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class bound to this fake."""
        return _make_handler(self)

    # ------------------------------------------------------------------ state
    def add_group(self, group_id: int, name: str, *, screen_name: str | None = None, members: int = 100,
                  is_closed: int = 0, deactivated: str | None = None) -> None:
        with self._lock:
            self._state.groups[group_id] = _Group(group_id, name, screen_name or f"club{group_id}", members, is_closed, deactivated)

    def set_members(self, group_id: int, members: int) -> None:
        with self._lock:
            self._state.groups[group_id].members = members

    def set_closed(self, group_id: int, is_closed: int) -> None:
        with self._lock:
            self._state.groups[group_id].is_closed = is_closed

    def add_user(self, user_id: int, first_name: str, last_name: str = "") -> None:
        with self._lock:
            self._state.users[user_id] = (first_name, last_name)

    def add_post(self, group_id: int, post_id: int, text: str, created: datetime | int, *, from_id: int | None = None,
                 pinned: bool = False, copy_of: tuple[int, int] | None = None) -> None:
        """A post on the community's wall (by the community unless from_id); copy_of=(owner_id, post_id) reposts."""
        with self._lock:
            self._state.posts[(-group_id, post_id)] = _Post(-group_id, post_id, -group_id if from_id is None else from_id,
                                                            text, _unix(created), pinned, copy_of)

    def remove_post(self, group_id: int, post_id: int) -> None:
        with self._lock:
            del self._state.posts[(-group_id, post_id)]

    def add_comment(self, group_id: int, post_id: int, comment_id: int, from_id: int, text: str, created: datetime | int,
                    *, reply_to: int | None = None, thread: int | None = None, reply_to_user: int | None = None) -> None:
        """A comment; reply_to names the comment it answers (its thread follows), thread puts it in one unaddressed."""
        with self._lock:
            owner = -group_id
            if (owner, post_id) not in self._state.posts:
                raise KeyError(f"no post {post_id}")
            parent = thread
            if reply_to is not None:
                target = self._state.comments[(owner, reply_to)]
                parent = target.parent or target.id
                reply_to_user = target.from_id if reply_to_user is None else reply_to_user
            self._state.comments[(owner, comment_id)] = _Comment(owner, post_id, comment_id, from_id, text, _unix(created),
                                                                 parent, reply_to, reply_to_user)

    def remove_comment(self, group_id: int, comment_id: int) -> None:
        """Delete a comment: one with replies stays as a deleted placeholder, as VK shows it."""
        with self._lock:
            key = (-group_id, comment_id)
            if any(c.parent == comment_id and not c.deleted for c in self._state.comments.values() if c.owner == -group_id):
                self._state.comments[key].deleted = True
            else:
                del self._state.comments[key]

    def add_message(self, group_id: int, peer_id: int, from_id: int, text: str, created: datetime | int) -> int:
        """A message in the community's conversation with peer_id (from_id = -group_id: the community's); its cmid."""
        with self._lock:
            conversation = self._state.messages.setdefault((group_id, peer_id), [])
            self._next_message += 1
            cmid = len(conversation) + 1
            conversation.append(_Message(self._next_message, cmid, peer_id, from_id, text, _unix(created),
                                         1 if from_id == -group_id else 0))
            return cmid

    def set_messages_allowed(self, group_id: int, user_id: int, allowed: bool) -> None:
        with self._lock:
            self._state.allowed[(group_id, user_id)] = int(allowed)

    def serve(self, what: str, object_id: Any, fields: dict[str, Any]) -> None:
        """Serve fields of an object as given (ABSENT leaves one out): what is group, post, comment or message.

        Ids: a group id; (group_id, post_id); (group_id, comment_id); (group_id, peer_id, cmid).
        """
        with self._lock:
            self._state.served.setdefault((what, object_id), {}).update(copy.deepcopy(fields))

    def api_error(self, method: str, code: int, *, times: int = 1, message: str | None = None, **extra: Any) -> None:
        """The next `times` calls of method (or of any method containing it) answer VK error `code`."""
        body = {"error": {"error_code": code, "error_msg": message or ERRORS.get(code, f"Error {code}"), **extra}}
        self.fail_next(method, 200, times, body=body)

    def fail_next(self, method: str, status: int, times: int = 1, *, body: Any = None,
                  content_type: str | None = "application/json; charset=utf-8") -> None:
        """The next `times` calls of method answer HTTP status with body (a dict as JSON, a str as is, None empty)."""
        with self._lock:
            self._state.failures.append(_Failure(method, times, status, copy.deepcopy(body), content_type))

    def clear_failures(self) -> None:
        """Forget the failures still queued: the outage is over."""
        with self._lock:
            self._state.failures.clear()

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """The logged requests (of one method)."""
        with self._lock:
            return [r for r in self.requests if method is None or r["method"] == method]

    # ------------------------------------------------------------------ serving
    def _handle(self, http_method: str, path: str, body: bytes) -> tuple[int, str | None, bytes]:
        split = urlsplit(path)
        params = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        params.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()})
        if not split.path.startswith("/method/"):
            return 404, "text/html; charset=utf-8", b"<html><body>404 Not Found</body></html>"
        method = split.path[len("/method/"):]
        token = params.pop("access_token", None)
        kind = {self.service_token: "service", self.community_token: "community"}.get(token or "")
        with self._lock:
            self.requests.append({"method": method, "http": http_method, "params": dict(params), "token": kind,
                                  "had_token": token is not None})
            failure = next((f for f in self._state.failures if f.method in method), None)
            if failure is not None:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._state.failures.remove(failure)
                return self._failure(failure, method, params, token)
            try:
                if "v" not in params:
                    raise _Error(8)
                if kind is None:
                    raise _Error(5, "User authorization failed: no access_token passed." if token is None else None)
                answer = self._route(method, params, kind)
            except _Error as err:
                return 200, "application/json; charset=utf-8", self._error(err, method, params, token)
        return 200, "application/json; charset=utf-8", _dump({"response": answer})

    def _failure(self, failure: _Failure, method: str, params: dict[str, str], token: str | None) -> tuple[int, str | None, bytes]:
        body = failure.body
        if isinstance(body, dict) and "error" in body and "request_params" not in body["error"]:
            body = copy.deepcopy(body)
            body["error"]["request_params"] = self._request_params(method, params, token)
        payload = b"" if body is None else body.encode() if isinstance(body, str) else _dump(body)
        return failure.status, failure.content_type, payload

    def _request_params(self, method: str, params: dict[str, str], token: str | None) -> list[dict[str, str]]:
        shown = [{"key": "method", "value": method}, {"key": "oauth", "value": "1"}]
        shown += [{"key": k, "value": v} for k, v in params.items()]
        if self.echo_token_in_errors and token:
            shown.append({"key": "access_token", "value": token})
        return shown

    def _error(self, err: _Error, method: str, params: dict[str, str], token: str | None) -> bytes:
        return _dump({"error": {"error_code": err.code, "error_msg": err.message,
                                "request_params": self._request_params(method, params, token), **err.extra}})

    def _route(self, method: str, params: dict[str, str], kind: str) -> Any:
        if method in WALL and kind == "community":
            raise _Error(27)
        if method in MESSAGES:
            if kind == "service":
                raise _Error(28)
            if "messages" not in self.community_scopes:
                raise _Error(15)
        handler = {
            "groups.getById": self._groups_get_by_id, "wall.get": self._wall_get, "wall.getComments": self._get_comments,
            "wall.getById": self._wall_get_by_id,
            "messages.getConversations": self._conversations, "messages.getHistory": self._history,
            "messages.isMessagesFromGroupAllowed": self._is_allowed,
        }.get(method)
        if handler is None:
            raise _Error(3)
        return handler(params)

    def _served(self, what: str, object_id: Any, rendered: dict[str, Any]) -> dict[str, Any]:
        for key, value in self._state.served.get((what, object_id), {}).items():
            if value is ABSENT:
                rendered.pop(key, None)
            else:
                rendered[key] = copy.deepcopy(value)
        return rendered

    def _group(self, group_id: int, fields: str) -> dict[str, Any]:
        group = self._state.groups.get(group_id)
        if group is None:
            raise _Error(100, "Invalid group id")
        out: dict[str, Any] = {"id": group.id, "name": group.name, "screen_name": group.screen_name,
                               "is_closed": group.is_closed, "type": "page", "photo_50": "https://sun.userapi.com/c.jpg"}
        if group.deactivated:
            out["deactivated"] = group.deactivated
        if "members_count" in fields.split(","):
            out["members_count"] = group.members
        return self._served("group", group.id, out)

    def _groups_get_by_id(self, params: dict[str, str]) -> Any:
        ids = (params.get("group_ids") or params.get("group_id") or "").split(",")
        try:
            groups = [self._group(int(i), params.get("fields", "")) for i in ids if i]
        except ValueError:
            raise _Error(100, "Invalid group id") from None
        version = tuple(int(p) for p in params["v"].split(".")[:2])
        return {"groups": groups, "profiles": []} if version >= (5, 194) else groups

    def _wall_owner(self, params: dict[str, str]) -> _Group:
        owner = _int(params, "owner_id")
        group = self._state.groups.get(-owner)
        if group is None:
            raise _Error(100, "Invalid owner id")
        if group.deactivated:
            raise _Error(18)
        if group.is_closed == 1:
            raise _Error(15, "Access denied: this wall available only for community members")
        if group.is_closed == 2:
            raise _Error(30)
        return group

    def _extended(self, authors: set[int]) -> dict[str, Any]:
        profiles = [{"id": a, "first_name": self._state.users[a][0], "last_name": self._state.users[a][1],
                     "can_access_closed": True, "is_closed": False} for a in sorted(authors) if a in self._state.users]
        groups = [{"id": -a, "name": self._state.groups[-a].name, "screen_name": self._state.groups[-a].screen_name,
                   "is_closed": 0, "type": "page"} for a in sorted(authors) if -a in self._state.groups]
        return {"profiles": profiles, "groups": groups}

    def _post(self, post: _Post) -> dict[str, Any]:
        comments = sum(1 for c in self._state.comments.values() if (c.owner, c.post) == (post.owner, post.id) and not c.deleted)
        out: dict[str, Any] = {
            "id": post.id, "owner_id": post.owner, "from_id": post.from_id, "date": post.date, "marked_as_ads": 0,
            "post_type": "post", "text": post.text, "comments": {"can_post": 1, "count": comments, "groups_can_post": True},
            "likes": {"can_like": 1, "count": 3, "user_likes": 0}, "reposts": {"count": 0}, "views": {"count": 120},
        }
        if post.pinned:
            out["is_pinned"] = 1
        if post.copy_of is not None:
            original = self._state.posts.get(post.copy_of)
            out["copy_history"] = [{"id": post.copy_of[1], "owner_id": post.copy_of[0], "from_id": post.copy_of[0],
                                    "date": original.date if original else post.date, "post_type": "post",
                                    "text": original.text if original else ""}]
        return self._served("post", (-post.owner, post.id), out)

    def _wall_get(self, params: dict[str, str]) -> Any:
        group = self._wall_owner(params)
        offset, count = _int(params, "offset", 0), min(_int(params, "count", 20), 100)
        posts = [p for p in self._state.posts.values() if p.owner == -group.id]
        wanted = params.get("filter", "all")
        if wanted == "owner":
            posts = [p for p in posts if p.from_id == p.owner]
        elif wanted == "others":
            posts = [p for p in posts if p.from_id != p.owner]
        posts.sort(key=lambda p: (not p.pinned, -p.id))
        page = posts[offset: offset + count]
        answer: dict[str, Any] = {"count": len(posts), "items": [self._post(p) for p in page]}
        if params.get("extended") == "1":
            answer.update(self._extended({p.from_id for p in page}))
        return answer

    def _wall_get_by_id(self, params: dict[str, str]) -> Any:
        found = []
        for ident in (params.get("posts") or "").split(","):
            owner, _, post = ident.partition("_")
            try:
                key = (int(owner), int(post))
            except ValueError:
                raise _Error(100, "One of the parameters specified was missing or invalid: posts is invalid") from None
            if key in self._state.posts:
                found.append(self._state.posts[key])
        items = [self._post(p) for p in found]
        if params.get("extended") == "1":
            return {"items": items, **self._extended({p.from_id for p in found})}
        return items

    def _comment(self, comment: _Comment, inline: int, sort_desc: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"id": comment.id, "from_id": comment.from_id, "date": comment.date, "text": comment.text,
                               "post_id": comment.post, "owner_id": comment.owner,
                               "parents_stack": [comment.parent] if comment.parent else []}
        if comment.deleted:
            out.update(deleted=True, text="", from_id=0)
        if comment.reply_to_user is not None:
            out["reply_to_user"] = comment.reply_to_user
        if comment.reply_to_comment is not None:
            out["reply_to_comment"] = comment.reply_to_comment
        if comment.parent is None:
            replies = self._replies(comment.owner, comment.id)
            out["thread"] = {"count": len(replies), "items": [self._comment(r, 0, sort_desc) for r in replies[:inline]],
                             "can_post": True, "show_reply_button": True, "groups_can_post": True}
        return self._served("comment", (-comment.owner, comment.id), out)

    def _replies(self, owner: int, parent: int) -> list[_Comment]:
        return sorted((c for c in self._state.comments.values() if c.owner == owner and c.parent == parent and not c.deleted),
                      key=lambda c: c.id)

    def _get_comments(self, params: dict[str, str]) -> Any:
        group = self._wall_owner(params)
        owner, post_id = -group.id, _int(params, "post_id")
        if (owner, post_id) not in self._state.posts:
            raise _Error(100, "One of the parameters specified was missing or invalid: post_id is undefined")
        offset, count = _int(params, "offset", 0), min(_int(params, "count", 10), 100)
        inline = max(0, min(_int(params, "thread_items_count", 0), 10))
        desc = params.get("sort", "asc") == "desc"
        parent = params.get("comment_id")
        on_post = [c for c in self._state.comments.values() if (c.owner, c.post) == (owner, post_id)]
        if parent:
            level = self._replies(owner, int(parent))
            total = len(level)
        else:
            level = sorted((c for c in on_post if c.parent is None and (not c.deleted or self._replies(owner, c.id))),
                           key=lambda c: c.id)
            total = sum(1 for c in on_post if not c.deleted)
        if desc:
            level.reverse()
        page = level[offset: offset + count]
        answer: dict[str, Any] = {"count": total, "current_level_count": len(level), "can_post": True,
                                  "show_reply_button": True, "groups_can_post": True,
                                  "items": [self._comment(c, inline, desc) for c in page]}
        if params.get("extended") == "1":
            authors = {c.from_id for c in page} | {r.from_id for c in page for r in self._replies(owner, c.id)[:inline]}
            answer.update(self._extended(authors))
        return answer

    def _message(self, group_id: int, message: _Message) -> dict[str, Any]:
        out = {"date": message.date, "from_id": message.from_id, "id": message.id, "out": message.out,
               "version": 10_000 + message.id, "attachments": [], "conversation_message_id": message.cmid,
               "fwd_messages": [], "important": False, "is_hidden": False, "peer_id": message.peer,
               "random_id": 0, "text": message.text}
        return self._served("message", (group_id, message.peer, message.cmid), out)

    def _community(self, params: dict[str, str]) -> int:
        group_id = _int(params, "group_id", next(iter(self._state.groups), 0))
        if group_id not in self._state.groups:
            raise _Error(100, "Invalid group id")
        return group_id

    def _conversations(self, params: dict[str, str]) -> Any:
        group_id = self._community(params)
        offset, count = _int(params, "offset", 0), min(_int(params, "count", 20), 200)
        mine = sorted(((peer, msgs) for (g, peer), msgs in self._state.messages.items() if g == group_id and msgs),
                      key=lambda pm: -pm[1][-1].date)
        items = []
        for peer, messages in mine[offset: offset + count]:
            conversation: dict[str, Any] = {
                "peer": {"id": peer, "type": "chat" if peer > 2_000_000_000 else "user" if peer > 0 else "group",
                         "local_id": peer},
                "last_message_id": messages[-1].id, "in_read": messages[-1].id, "out_read": messages[-1].id,
                "last_conversation_message_id": messages[-1].cmid, "is_marked_unread": False, "important": False,
            }
            if self.can_write_in_conversations:
                allowed = self._state.allowed.get((group_id, peer), 1)
                conversation["can_write"] = {"allowed": bool(allowed)} if allowed else {"allowed": False, "reason": 901}
            items.append({"conversation": conversation, "last_message": self._message(group_id, messages[-1])})
        answer: dict[str, Any] = {"count": len(mine), "items": items}
        if params.get("extended") == "1":
            answer.update(self._extended({m[-1].from_id for _, m in mine[offset: offset + count]} | {p for p, _ in mine}))
        return answer

    def _history(self, params: dict[str, str]) -> Any:
        group_id = self._community(params)
        peer = _int(params, "peer_id")
        messages = list(reversed(self._state.messages.get((group_id, peer), [])))
        if not messages:
            raise _Error(917)
        offset, count = _int(params, "offset", 0), min(_int(params, "count", 20), 200)
        page = messages[offset: offset + count]
        answer: dict[str, Any] = {"count": len(messages), "items": [self._message(group_id, m) for m in page]}
        if params.get("extended") == "1":
            answer.update(self._extended({m.from_id for m in page} | {peer}))
        return answer

    def _is_allowed(self, params: dict[str, str]) -> Any:
        group_id, user_id = self._community(params), _int(params, "user_id")
        return {"is_allowed": self._state.allowed.get((group_id, user_id), 1)}


def _dump(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _make_handler(api: FakeVkApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            try:
                status, content_type, payload = api._handle(self.command, self.path, body)
            except Exception as exc:  # pragma: no cover - a bug of the fake, surfaced to the client
                status, content_type = 500, "application/json"
                payload = _dump({"error": {"error_code": 1, "error_msg": f"FakeVkApi bug: {exc!r}"}})
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Server", "kittenx")
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler
