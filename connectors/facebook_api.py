"""The Graph API transport: facebook-sdk's GraphAPI made safe (status checks, timeouts, typed errors)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import facebook
import requests

from connectors.base import AuthError, ConnectorError, PermanentError, RateLimited
from connectors.http import routed_session, with_retries
from monitor.redact import install_redaction, redact

OFFICIAL = "https://graph.facebook.com"
RATE_LIMIT_CODES = {4, 17, 32, 613}
TRANSIENT_CODES = {1, 2}  # "unknown error" and "service temporarily unavailable": retry
DEFAULT_BACKOFF = timedelta(minutes=15)
_UNKNOWN_FIELD = re.compile(r"nonexisting field \((\w+)\) on node type \((\w+)\)")
log = logging.getLogger(__name__)


class BadResponse(Exception):
    """The server answered with something facebook-sdk would misread (5xx, HTML, no Content-Type)."""


class PermissionMissing(PermanentError):
    """The token lacks a permission this request needs (codes 10, 200-299)."""


class ObjectMissing(PermanentError):
    """An object the request names does not exist, or no longer can be loaded (code 100/33, or 803 for ?ids=)."""


class Listing:
    """The items of a connection, read page by page as they are iterated; `complete` once its last page was read."""

    def __init__(self, pages: Callable[[Listing], Iterator[dict[str, Any]]]):
        self.complete = False
        self._pages = pages

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._pages(self)


def _usage(response: requests.Response) -> dict[str, Any]:
    usage: dict[str, Any] = {}
    for header in ("X-App-Usage", "X-Page-Usage", "X-Business-Use-Case-Usage"):
        value = response.headers.get(header)
        if value:
            try:
                usage[header] = json.loads(value)
            except ValueError:
                log.warning("ignoring an unreadable %s header", header)
    return usage


def regain_time(usage: dict[str, Any], now: datetime) -> datetime:
    """When the rate limit lifts: estimated_time_to_regain_access (minutes) if given, else 15 minutes."""
    minutes = 0
    for entries in (usage.get("X-Business-Use-Case-Usage") or {}).values():
        for entry in entries if isinstance(entries, list) else []:
            value = entry.get("estimated_time_to_regain_access") if isinstance(entry, dict) else None
            if isinstance(value, (int, float)):
                minutes = max(minutes, value)
    return now + (timedelta(minutes=minutes) if minutes else DEFAULT_BACKOFF)


def busiest_usage(usage: dict[str, Any]) -> float:
    """The highest percentage among the usage headers (0 when none were sent)."""
    values: list[float] = []
    for key in ("X-App-Usage", "X-Page-Usage"):
        values += [v for v in (usage.get(key) or {}).values() if isinstance(v, (int, float))]
    for entries in (usage.get("X-Business-Use-Case-Usage") or {}).values():
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                values += [entry.get(k) for k in ("call_count", "total_cputime", "total_time") if isinstance(entry.get(k), (int, float))]
    return max(values, default=0.0)


class GraphApi:
    """Calls facebook-sdk with our session; every failure becomes a connector error, token redacted."""

    def __init__(
        self,
        access_token: str,
        *,
        token_source: str,
        app_secret: str | None = None,
        api_base_url: str = OFFICIAL,
        graph_version: str = "v25.0",
        timeout: float = 20.0,
        max_retries: int = 3,
        retry_backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] | None = None,
    ):
        install_redaction()
        session = routed_session(requests.Session(), OFFICIAL, api_base_url, timeout)
        session.hooks["response"].append(self._check)
        if app_secret:
            proof = hmac.new(app_secret.encode(), access_token.encode(), hashlib.sha256).hexdigest()
            session.params = {"appsecret_proof": proof}
        self.graph = facebook.GraphAPI(access_token=access_token, timeout=timeout, session=session)
        # facebook-sdk 3.1.0 validates versions only in its constructor (<= 3.1); paths read this attribute.
        self.graph.version = graph_version
        self.token_source = token_source
        self.max_retries, self.retry_backoff = max_retries, retry_backoff
        self.sleep, self.clock = sleep, clock
        self.usage: dict[str, Any] = {}
        self.requests = 0
        self._sweep_now: datetime | None = None

    def begin(self, now: datetime) -> None:
        """Start a sweep at `now`: counters reset, and rate-limit waits count from `now` unless a clock was given."""
        self.requests, self.usage, self._sweep_now = 0, {}, now

    def now(self) -> datetime:
        """The time a rate-limit wait counts from: the injected clock, else the sweep's `now`."""
        if self.clock is not None:
            return self.clock()
        return self._sweep_now or datetime.now(timezone.utc)

    def _check(self, response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        """Stop what facebook-sdk would misread: it never checks the status or a missing Content-Type."""
        self.requests += 1
        self.usage = _usage(response) or self.usage
        content_type = response.headers.get("Content-Type", "")
        is_json = "json" in content_type
        has_error = False
        if is_json:
            try:
                body = response.json()
            except ValueError:
                raise BadResponse(f"HTTP {response.status_code} with a body that is not JSON") from None
            has_error = isinstance(body, dict) and "error" in body
        if response.status_code >= 500 and not has_error:
            raise BadResponse(f"HTTP {response.status_code} {response.reason} without a Graph error body")
        if not content_type:
            raise BadResponse(f"HTTP {response.status_code} without a Content-Type header")
        if not is_json:
            raise BadResponse(f"HTTP {response.status_code} with {content_type.split(';')[0]} instead of JSON")
        if response.status_code >= 300 and not has_error:
            raise BadResponse(f"HTTP {response.status_code} without a Graph error body")
        return response

    def _is_transient(self, exc: Exception) -> bool:
        if isinstance(exc, facebook.GraphAPIError):
            return exc.code in TRANSIENT_CODES
        return isinstance(exc, (BadResponse, requests.Timeout, requests.ConnectionError))

    def get(self, what: str, path: str, **args: Any) -> dict[str, Any]:
        """GET {version}/{path} with bounded retries; Graph errors become typed connector errors."""
        route = f"{self.graph.version}/{path}"
        try:
            result = with_retries(
                lambda: self.graph.request(route, dict(args)),
                retries=self.max_retries,
                is_transient=self._is_transient,
                what=f"Facebook {what}",
                sleep=self.sleep,
                base_delay=self.retry_backoff,
            )
        except facebook.GraphAPIError as exc:
            raise self._translate(what, exc) from None
        if not isinstance(result, dict):
            raise ConnectorError(f"Facebook {what}: the answer is not a JSON object")
        return result

    def _translate(self, what: str, exc: facebook.GraphAPIError) -> ConnectorError:
        message = redact(str(exc.message))
        code = exc.code
        if code == 190:
            return AuthError(
                f"Facebook refused the Page access token while {what} (code 190: {message}); "
                f"get a new Page token and put it in {self.token_source}"
            )
        if code in RATE_LIMIT_CODES:
            retry_at = regain_time(self.usage, self.now())
            return RateLimited(
                f"Facebook rate limit (code {code}) while {what}: {message}; retrying after {retry_at:%Y-%m-%d %H:%M} UTC",
                retry_at,
            )
        if code == 803:
            return ObjectMissing(f"Facebook has no such object while {what} (code 803): {message}")
        if code == 100 and self._subcode(exc) == 33:
            return ObjectMissing(self._bad_request(what, exc, message))
        if code == 100:
            return PermanentError(self._bad_request(what, exc, message))
        if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
            return PermissionMissing(f"the Page token lacks a permission for {what} (code {code}): {message}")
        return PermanentError(f"Facebook error while {what} (code {code}): {message}")

    @staticmethod
    def _subcode(exc: facebook.GraphAPIError) -> Any:
        error = exc.result.get("error") if isinstance(exc.result, dict) else None
        return error.get("error_subcode") if isinstance(error, dict) else None

    def _bad_request(self, what: str, exc: facebook.GraphAPIError, message: str) -> str:
        """Code 100 in words: which field, object or parameter Facebook did not accept, and what to check."""
        subcode = self._subcode(exc)
        unknown = _UNKNOWN_FIELD.search(message)
        if unknown:
            return (
                f"Facebook has no field '{unknown[1]}' on a {unknown[2]} in Graph API {self.graph.version} "
                f"(code 100, while {what}): check [connectors.facebook] graph_version"
            )
        if subcode == 33:
            return f"Facebook has no object for this request while {what} (code 100/33): check page_id; {message}"
        if "appsecret_proof" in message:
            return f"Facebook refused the appsecret_proof while {what} (code 100): check the app secret; {message}"
        return f"Facebook rejected the request while {what} (code 100): {message}"

    def paged(self, what: str, path: str, max_pages: int, notices: list[str], **args: Any) -> Listing:
        """Items of a connection, following cursors.after while `next` exists, at most max_pages pages.

        Used instead of facebook-sdk's get_all_connections, which pages without limit and fails
        with KeyError when a `next` link carries no access_token. Stopping at the cap adds a notice.
        """

        def pages(listing: Listing) -> Iterator[dict[str, Any]]:
            for _ in range(max_pages):
                page = self.get(what, path, **args)
                yield from (item for item in page.get("data") or [] if isinstance(item, dict))
                paging = page.get("paging") or {}
                after = (paging.get("cursors") or {}).get("after")
                if not paging.get("next") or not after:
                    listing.complete = not paging.get("next")  # a `next` without a cursor cannot be followed
                    return
                args["after"] = after
            notices.append(f"{what}: stopped after {max_pages} page(s) (max_pages); older items were not read")

        return Listing(pages)

    def objects(self, what: str, ids: list[str], fields: str) -> tuple[dict[str, Any], list[str]]:
        """Read several objects at once (GET /?ids=); (found by id, the ids that no longer exist).

        One missing object fails the whole multi-id read, so then each is read alone to tell which.
        """
        try:
            found = self.get(what, "", ids=",".join(ids), fields=fields)
            return {i: found[i] for i in ids if isinstance(found.get(i), dict)}, []
        except ObjectMissing:
            if len(ids) == 1:
                return {}, list(ids)
        found, missing = {}, []
        for object_id in ids:
            try:
                found[object_id] = self.get(what, object_id, fields=fields)
            except ObjectMissing:
                missing.append(object_id)
        return found, missing
