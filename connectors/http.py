"""HTTP policy shared by connectors: base-URL routing, a total deadline per request, bounded retries with backoff."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from connectors.base import TransientError
from monitor.redact import redact

log = logging.getLogger(__name__)
T = TypeVar("T")


_in_flight = threading.local()  # the request this thread is sending: its connection, for the deadline's watchdog


class _Watched:
    """One request's socket, and whether its deadline cut it off."""

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.expired = False

    def cut(self) -> None:
        """The deadline passed: shut the socket, which wakes the thread blocked reading it."""
        self.expired = True
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed: the request is over anyway


class _Tracked:
    """A connection that tells the watchdog of the request in flight on this thread which socket it reads."""

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        watched = getattr(_in_flight, "watched", None)
        if watched is not None:
            watched.sock = self.sock  # kept: http.client lets go of it when the answer says "Connection: close"
            if watched.expired:
                watched.cut()
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _HttpConnection(_Tracked, HTTPConnection):
    pass


class _HttpsConnection(_Tracked, HTTPSConnection):
    pass


class _HttpPool(HTTPConnectionPool):
    ConnectionCls = _HttpConnection


class _HttpsPool(HTTPSConnectionPool):
    ConnectionCls = _HttpsConnection


class RoutingAdapter(HTTPAdapter):
    """Sends requests meant for `official` to `base_url` instead, each within a total deadline.

    requests' timeout bounds each read, so a server trickling a byte a second holds a request for as long as it
    likes; here the whole exchange, headers and body, gets `timeout` seconds, then its socket is shut.
    """

    def __init__(self, official: str, base_url: str, timeout: float):
        super().__init__(max_retries=0)
        self.official = official.rstrip("/")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HttpPool, "https": _HttpsPool}

    def send(self, request: requests.PreparedRequest, **kwargs):  # type: ignore[no-untyped-def]
        if request.url and self.base_url != self.official and request.url.startswith(self.official):
            request.url = self.base_url + request.url[len(self.official) :]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        deadline = kwargs["timeout"] if isinstance(kwargs["timeout"], (int, float)) else self.timeout
        watched = _Watched()
        watchdog = threading.Timer(deadline, watched.cut)
        watchdog.daemon = True
        _in_flight.watched = watched
        watchdog.start()
        try:
            response = super().send(request, **{**kwargs, "stream": True})
            response.content  # read the body inside the deadline too
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError, requests.Timeout) as exc:
            if watched.expired:
                raise requests.Timeout(f"no complete answer from {self.base_url} within {deadline:g}s") from None
            raise exc
        finally:
            watchdog.cancel()
            _in_flight.watched = None
        if watched.expired:  # cut off between two reads: what arrived is not the whole answer
            raise requests.Timeout(f"no complete answer from {self.base_url} within {deadline:g}s")
        return response


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
