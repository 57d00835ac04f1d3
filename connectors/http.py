"""HTTP policy shared by connectors: base-URL routing, timeouts, bounded retries with backoff."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

import requests
from requests.adapters import HTTPAdapter

from connectors.base import TransientError
from monitor.redact import redact

log = logging.getLogger(__name__)
T = TypeVar("T")


class RoutingAdapter(HTTPAdapter):
    """Sends requests meant for `official` to `base_url` instead, always with a timeout."""

    def __init__(self, official: str, base_url: str, timeout: float):
        super().__init__(max_retries=0)
        self.official = official.rstrip("/")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs):  # type: ignore[no-untyped-def]
        if request.url and self.base_url != self.official and request.url.startswith(self.official):
            request.url = self.base_url + request.url[len(self.official) :]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


def routed_session(session: requests.Session, official: str, base_url: str, timeout: float) -> requests.Session:
    """Mount a RoutingAdapter for `official` (and base_url itself) on a session."""
    adapter = RoutingAdapter(official, base_url, timeout)
    session.mount(official.rstrip("/"), adapter)
    session.mount(base_url.rstrip("/"), adapter)
    return session


def with_retries(
    call: Callable[[], T],
    *,
    retries: int,
    is_transient: Callable[[Exception], bool],
    what: str,
    sleep: Callable[[float], None] = time.sleep,
    base_delay: float = 1.0,
) -> T:
    """Run call; retry transient failures `retries` times with exponential backoff, then raise TransientError."""
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - classified just below
            if not is_transient(exc):
                raise
            if attempt >= retries:
                raise TransientError(f"{what} failed after {attempt + 1} attempt(s): {redact(str(exc))}") from None
            delay = base_delay * (2**attempt)
            log.warning("%s failed (%s); retrying in %.0fs", what, redact(str(exc)), delay)
            sleep(delay)
            attempt += 1
