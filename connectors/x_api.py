"""The X transport: tweepy's Client routed to api_base_url, with timeouts, retries and typed errors."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import requests
import tweepy

from connectors.base import AuthError, PermanentError, RateLimited, TransientError
from connectors.http import routed_session, with_retries
from monitor.redact import install_redaction, redact

OFFICIAL = "https://api.twitter.com"
log = logging.getLogger(__name__)


class NotJson(Exception):
    """A 2xx answer whose body is not JSON."""


def _is_transient(exc: Exception) -> bool:
    return isinstance(exc, (tweepy.TwitterServerError, requests.Timeout, requests.ConnectionError, NotJson))


class XApi:
    """Calls tweepy's Client and turns every failure into a connector error."""

    def __init__(
        self,
        bearer_token: str,
        *,
        token_source: str,
        api_base_url: str = OFFICIAL,
        timeout: float = 20.0,
        max_retries: int = 3,
        retry_backoff: float = 1.0,
        max_rate_limit_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ):
        install_redaction()
        self.client = tweepy.Client(bearer_token=bearer_token, return_type=dict, wait_on_rate_limit=False)
        routed_session(self.client.session, OFFICIAL, api_base_url, timeout)
        self.client.session.hooks["response"].append(self._readable_reset)
        self.token_source = token_source
        self.max_retries = max_retries
        self.retry_backoff = retry_backoff
        self.max_rate_limit_wait = max_rate_limit_wait
        self.sleep = sleep
        self.clock = clock
        self.requests = 0

    def _readable_reset(self, response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        """Drop an x-rate-limit-reset that is not an epoch second within a day of now (tweepy would crash on int())."""
        value = response.headers.get("x-rate-limit-reset")
        if value is not None:
            try:
                readable = abs(int(value) - self.clock()) <= 86400
            except ValueError:
                readable = False
            if not readable:
                log.warning("X sent an unreadable x-rate-limit-reset header (%.20r); the next sweep tries again", value)
                del response.headers["x-rate-limit-reset"]
        return response

    def _once(self, method: Callable[..., Any], params: dict[str, Any]) -> dict[str, Any]:
        self.requests += 1
        try:
            payload = method(**params)
        except requests.JSONDecodeError:
            raise NotJson("X answered with something that is not JSON (an HTML error page from a proxy?)") from None
        if not isinstance(payload, dict):
            raise TransientError(f"X answered with {type(payload).__name__} instead of a JSON object")
        return payload

    def call(self, what: str, method: Callable[..., Any], **params: Any) -> dict[str, Any]:
        """One API call with bounded retries; waits out a short rate limit once, never unbounded."""
        waited = False
        while True:
            try:
                return with_retries(
                    lambda: self._once(method, params),
                    retries=self.max_retries,
                    is_transient=_is_transient,
                    what=f"X {what}",
                    sleep=self.sleep,
                    base_delay=self.retry_backoff,
                )
            except tweepy.TooManyRequests as exc:
                reset = exc.reset_time
                wait = None if reset is None else reset - self.clock()
                if not waited and wait is not None and wait <= self.max_rate_limit_wait:
                    log.warning("X rate limit hit while %s; waiting %.0fs for the reset", what, max(wait, 0))
                    self.sleep(max(wait, 0) + 1)
                    waited = True
                    continue
                retry_at = datetime.fromtimestamp(reset, timezone.utc) if reset else None
                when = f"until {retry_at:%Y-%m-%d %H:%M:%S} UTC" if retry_at else "for now"
                raise RateLimited(f"X rate limit exhausted while {what} {when}; the next sweep tries again", retry_at) from None
            except (tweepy.Unauthorized, tweepy.Forbidden) as exc:
                status = exc.response.status_code
                raise AuthError(
                    f"X refused the bearer token while {what} (HTTP {status}): check {self.token_source} "
                    "holds a valid app bearer token with read access"
                ) from None
            except tweepy.HTTPException as exc:
                detail = "; ".join(exc.api_messages) or str(exc.response.status_code)
                raise PermanentError(f"X rejected {what}: {redact(detail)}") from None
