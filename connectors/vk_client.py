"""The VK transport: vk_api's VkApi routed to api_base_url, paced, with bounded retries, typed errors and paging."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import jconfig
import requests
import vk_api

from connectors.base import AuthError, ConnectorError, PermanentError, RateLimited
from connectors.http import routed_session, with_retries
from connectors.vk_payload import CommentsPage, names, parse, thread_of
from monitor.redact import install_redaction, redact

THREAD_INLINE = 10  # replies that come inline with each comment: VK's maximum for thread_items_count
COMMENT_PAGE = 100  # wall.getComments' maximum
BY_ID = 100  # posts per wall.getById
OFFICIAL = ("https://api.vk.com", "https://api.vk.ru")  # vk_api 11.10 calls api.vk.ru; older releases api.vk.com
TRANSIENT_CODES = {1, 10}  # "unknown error", "internal server error": VK says to try again
# How long the account waits after a rate limit that outlasted the waits: 6 is per second, 9 flood
# control of one kind of request, 29 a method's daily quota, 14 a captcha the monitor cannot solve.
RATE_LIMIT_PAUSE = {6: timedelta(minutes=1), 9: timedelta(minutes=15), 14: timedelta(minutes=15), 29: timedelta(hours=1)}
ACCESS_CODES = {15, 18, 30}  # access denied, deleted or banned, private
KEYS = {
    "service_token": ("the app's service key",
                      "VK ID for developers (id.vk.com/about/business/go) → your app → Ключи доступа → Сервисный ключ"),
    "community_token": ("the community's key",
                        "the community → Управление → Работа с API → Ключи доступа → Создать ключ, with access to "
                        "community messages (Сообщения сообщества)"),
}
log = logging.getLogger(__name__)


class NotJson(Exception):
    """An answer vk_api would misread: not JSON, or JSON without `response` or a well-formed `error`."""


class VkError(PermanentError):
    """VK refused a request for good (the error code says why)."""

    def __init__(self, message: str, code: int | None):
        super().__init__(message)
        self.code = code


class AccessDenied(VkError):
    """Errors 15, 18, 30: the key may not see this (closed or private community, deleted, no scope)."""


class WrongKey(VkError):
    """Errors 27, 28: the method needs the other kind of key; the message names the config key to use."""


def config_key(key: str, source: str) -> str:
    """The config key a secret came from: service_token_env for "the environment variable ...", *_file for a file."""
    return f"{key}_env" if source.startswith("the environment variable") else f"{key}_file"


def _is_transient(exc: Exception) -> bool:
    if isinstance(exc, vk_api.exceptions.ApiError):
        return exc.code in TRANSIENT_CODES
    if isinstance(exc, vk_api.exceptions.ApiHttpError):
        return exc.response.status_code >= 500 or exc.response.status_code == 429
    return isinstance(exc, (NotJson, requests.Timeout, requests.ConnectionError))


class Pages:
    """A listing method's answers page by page (offset); `complete` once its last page came, `capped` at max_pages."""

    def __init__(self, client: VkClient, key: str, method: str, what: str, max_pages: int, params: dict[str, Any]):
        self.client, self.key, self.method, self.what = client, key, method, what
        self.max_pages, self.params = max_pages, params
        self.complete = self.capped = False

    def __iter__(self) -> Iterator[Any]:
        offset = 0
        for _ in range(self.max_pages):
            answer = self.client.call(self.key, self.method, self.what, offset=offset, **self.params)
            yield answer
            items = answer.get("items") if isinstance(answer, dict) else None
            total = answer.get("count") if isinstance(answer, dict) else None
            if not isinstance(items, list):
                return  # unreadable: what follows is unknown
            offset += len(items)
            if not items or not isinstance(total, int) or offset >= total:
                self.complete = True
                return
        self.capped = True


class CommentReader:
    """A post's comments newest first, with their threads, as (comment, thread parent) pairs until `need` new ones came.

    Each top-level comment comes with up to THREAD_INLINE replies; a thread with more is read whole (comment_id),
    newest first, back to since_id. need None reads everything; at most `budget` requests either way.
    """

    def __init__(self, client: VkClient, owner_id: int, post_id: int, *, need: int | None, since_id: int, budget: int,
                 names: dict[int, str], what: str):
        self.client, self.owner_id, self.post_id, self.what = client, owner_id, post_id, what
        self.need, self.since_id, self.budget, self.names = need, since_id, budget, names
        self.found, self.capped, self.broken = 0, False, False
        self.listed: set[int] = set()  # every comment id seen (malformed ones too), deleted ones not

    @property
    def whole(self) -> bool:
        """Whether every comment of the post was read (so one not listed is gone)."""
        return self.need is None and not self.capped and not self.broken

    def _wanted(self) -> bool:
        return self.need is None or self.found < self.need

    def _page(self, offset: int, **params: Any) -> CommentsPage | None:
        if self.budget <= 0 or self.broken:
            self.capped = self.capped or not self.broken
            return None
        self.budget -= 1
        answer = self.client.call("service_token", "wall.getComments", self.what, owner_id=self.owner_id, post_id=self.post_id,
                                  need_likes=0, extended=1, count=COMMENT_PAGE, offset=offset, sort="desc", preview_length=0,
                                  **params)
        try:
            page, _ = parse(CommentsPage, answer)
        except ValueError:
            self.broken = True
            return None
        self.names.update(names(page))
        return page

    def _seen(self, raw: Any) -> bool:
        """Whether raw was given already; a new one counts towards need when newer than since_id."""
        if isinstance(raw, dict) and raw.get("deleted"):
            return True  # deleted, kept by VK while it has replies: nothing to judge
        ident = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(ident, int) or isinstance(ident, bool):
            return False
        if ident in self.listed:
            return True
        self.listed.add(ident)
        self.found += ident > self.since_id
        return False

    def __iter__(self) -> Iterator[tuple[Any, int | None]]:
        offset = 0
        while (page := self._page(offset, thread_items_count=THREAD_INLINE)) is not None:
            for raw in page.items:
                if not self._seen(raw):
                    yield raw, None
                parent, thread = raw.get("id") if isinstance(raw, dict) else None, thread_of(raw)
                if not isinstance(parent, int) or thread is None:
                    continue
                inline = thread.items or []
                yield from ((reply, parent) for reply in inline if not self._seen(reply))
                if thread.count > len(inline) and self._wanted():
                    yield from self._thread(parent)
            offset += len(page.items)
            if not page.items or offset >= (page.current_level_count or page.count or 0) or not self._wanted():
                return

    def _thread(self, parent: int) -> Iterator[tuple[Any, int | None]]:
        offset = 0
        while (page := self._page(offset, comment_id=parent)) is not None:
            yield from ((raw, parent) for raw in page.items if not self._seen(raw))
            ids = [r["id"] for r in page.items if isinstance(r, dict) and isinstance(r.get("id"), int)]
            offset += len(page.items)
            if not page.items or offset >= (page.count or 0):
                return
            if self.need is not None and (not self._wanted() or (ids and min(ids) <= self.since_id)):
                return


class VkClient:
    """Calls VK methods with the service or the community key; every failure becomes a connector error."""

    def __init__(
        self,
        tokens: Mapping[str, str],
        sources: Mapping[str, str],
        *,
        api_base_url: str = "https://api.vk.ru",
        api_version: str = "5.199",
        timeout: float = 20.0,
        max_retries: int = 3,
        retry_backoff: float = 1.0,
        max_rate_limit_wait: float = 10.0,
        min_interval: float = 1 / 3,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        install_redaction()
        session = requests.Session()
        for official in OFFICIAL:  # the last one routed also answers for api_base_url itself
            routed_session(session, official, api_base_url, timeout)
        self.session = session
        self.apis: dict[str, Any] = {}
        for key, token in tokens.items():
            api = vk_api.VkApi(token=token, session=session, api_version=api_version, config=jconfig.MemoryConfig)
            # vk_api's own handlers sleep and retry without a bound (error 6: 0.5 s, then again, recursively),
            # raise a Captcha object or pass silently: every error reaches us as ApiError instead.
            api.error_handlers = {}
            api.RPS_DELAY = 0  # paced below, with a sleep the tests can replace
            self.apis[key] = api
        self.sources = dict(sources)
        self.api_version = api_version
        self.max_retries, self.retry_backoff = max_retries, retry_backoff
        self.max_rate_limit_wait, self.min_interval = max_rate_limit_wait, min_interval
        self.sleep, self.monotonic = sleep, monotonic
        self.requests = 0
        self._last = float("-inf")
        self._now: datetime | None = None

    def pages(self, key: str, method: str, what: str, max_pages: int, **params: Any) -> Pages:
        """The answers of a listing method (wall.get, messages.getConversations ...) page by page."""
        return Pages(self, key, method, what, max_pages, params)

    def posts_by_id(self, owner_id: int, posts: list[int]) -> list[Any]:
        """The posts of owner_id among `posts` that VK still shows (wall.getById, 100 a request); raw, names kept."""
        found: list[Any] = []
        for start in range(0, len(posts), BY_ID):
            chunk = posts[start:start + BY_ID]
            answer = self.call("service_token", "wall.getById", f"checking {len(chunk)} watched post(s)", extended=1,
                               posts=",".join(f"{owner_id}_{p}" for p in chunk))
            items = answer.get("items") if isinstance(answer, dict) else answer  # a bare list without extended
            found += items if isinstance(items, list) else []
        return found

    def messages_allowed(self, group_id: int, user_id: int) -> int | None:
        """1 or 0: whether the person allows messages from the community; None when VK does not say."""
        try:
            answer = self.call("community_token", "messages.isMessagesFromGroupAllowed",
                               f"asking whether {user_id} allows messages", group_id=group_id, user_id=user_id)
        except VkError:
            return None
        value = answer.get("is_allowed") if isinstance(answer, dict) else None
        return value if value in (0, 1) and not isinstance(value, bool) else None

    def has(self, key: str) -> bool:
        """Whether the key (service_token, community_token) is configured."""
        return key in self.apis

    def begin(self, now: datetime) -> None:
        """Start a sweep at `now`: the request count resets and rate-limit pauses count from `now`."""
        self.requests, self._now = 0, now

    def _pace(self) -> None:
        wait = self._last + self.min_interval - self.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last = self.monotonic()

    def _once(self, key: str, method: str, params: dict[str, Any]) -> Any:
        self._pace()
        self.requests += 1
        try:
            answer = self.apis[key].method(method, params, raw=True)
        except (ValueError, TypeError, KeyError) as exc:  # a body that is not JSON, or an error without a code
            raise NotJson(f"VK answered {method} with something that is not a VK answer ({type(exc).__name__})") from None
        if not isinstance(answer, dict) or "response" not in answer:
            raise NotJson(f"VK answered {method} without a response or an error")
        return answer["response"]

    def call(self, key: str, method: str, what: str, **params: Any) -> Any:
        """One method call with `key`: transient failures retried, rate limits waited out within bounds."""
        waited, delay = 0.0, 1.0  # rate-limit waits: 1 s, 2 s, 4 s ... while they fit in max_rate_limit_wait
        while True:
            try:
                return with_retries(
                    lambda: self._once(key, method, dict(params)),
                    retries=self.max_retries,
                    is_transient=_is_transient,
                    what=f"VK {what}",
                    sleep=self.sleep,
                    base_delay=self.retry_backoff,
                )
            except vk_api.exceptions.ApiError as exc:
                if exc.code in RATE_LIMIT_PAUSE and waited + delay <= self.max_rate_limit_wait:
                    log.warning("VK rate limit (error %s) while %s; waiting %.0fs", exc.code, what, delay)
                    self.sleep(delay)
                    waited, delay = waited + delay, delay * 2
                    continue
                raise self._translate(key, method, what, exc) from None
            except vk_api.exceptions.ApiHttpError as exc:
                status = exc.response.status_code
                raise PermanentError(f"VK answered {method} with HTTP {status} while {what}") from None

    def _translate(self, key: str, method: str, what: str, exc: Any) -> ConnectorError:
        """A VK error as a typed connector error; never the request's parameters (they carry the key)."""
        code = exc.code
        error = exc.error if isinstance(exc.error, dict) else {}
        message = redact(str(error.get("error_msg") or "no message"))[:300]
        source = self.sources.get(key, "the configuration")
        name, how = KEYS.get(key, (key, ""))
        where = f"[connectors.vk] {config_key(key, source)}"
        if code == 5:
            return AuthError(
                f"VK refused {name} while {what} (error 5: {message}); put a valid one in {source} ({where}): {how}"
            )
        if code == 17:
            return AuthError(f"VK wants the key's owner to confirm it while {what} (error 17: {message}); "
                             f"issue a new key and put it in {source} ({where})")
        if code in RATE_LIMIT_PAUSE:
            retry_at = (self._now or datetime.now(timezone.utc)) + RATE_LIMIT_PAUSE[code]
            kind = "asks for a captcha" if code == 14 else "rate limit"
            return RateLimited(
                f"VK {kind} (error {code}: {message}) while {what}; the account waits until "
                f"{retry_at:%Y-%m-%d %H:%M} UTC", retry_at)
        if code == 27:
            return WrongKey(f"{method} needs the app's service key in service_token_env; a community key was given "
                            f"(in {source}, error 27: {message})", code)
        if code == 28:
            return WrongKey(f"{method} needs the community's key in community_token_env; an app service key was given "
                            f"(in {source}, error 28: {message})", code)
        if code in ACCESS_CODES:
            return AccessDenied(f"VK denied access while {what} (error {code}: {message})", code)
        if code == 100:
            return VkError(f"VK rejected a parameter while {what} (error 100: {message})", code)
        return VkError(f"VK error while {what} (error {code}: {message})", code)
