"""A local HTTP webhook receiver for Apprise's json:// URLs: keeps what it is sent, answers errors on demand."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class WebhookServer:
    """POSTed JSON bodies in `received`; `status` (200 by default) is what it answers."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.status = 200
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if owner.status < 300:
                    owner.received.append(json.loads(body or b"{}"))
                self.send_response(owner.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The Apprise URL that posts JSON here."""
        return f"json://127.0.0.1:{self.port}/hook"

    def start(self) -> "WebhookServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
