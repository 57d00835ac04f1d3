"""An HTTP server that answers a byte at a time (a slow proxy, an attack), counting what it got out."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler

from tests.fakes.server import LocalHttpFake


class TrickleServer(LocalHttpFake):
    """Answers every GET or POST with `body` as JSON, one byte every `pause` seconds (headers first, or trickled too)."""

    def __init__(self, body: bytes = b'{"data": {"id": "1001", "username": "northwindcoffee"}}' + b" " * 200,
                 pause: float = 0.1, trickle_headers: bool = False) -> None:
        self.body, self.pause, self.trickle_headers = body, pause, trickle_headers
        self.sent = 0  # body bytes written before the client hung up
        self.finished = 0  # answers written whole
        self.lock = threading.Lock()

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(fake.body)}\r\n"
                        "Connection: close\r\n\r\n").encode()
                try:
                    if fake.trickle_headers:
                        for index in range(len(head)):
                            self.wfile.write(head[index:index + 1])
                            self.wfile.flush()
                            time.sleep(fake.pause)
                    else:
                        self.wfile.write(head)
                    for index in range(len(fake.body)):
                        self.wfile.write(fake.body[index:index + 1])
                        self.wfile.flush()
                        with fake.lock:
                            fake.sent += 1
                        time.sleep(fake.pause)
                    with fake.lock:
                        fake.finished += 1
                except OSError:
                    pass  # the client gave up: what this test wants to see

            do_GET = do_POST = _answer

        return Handler
