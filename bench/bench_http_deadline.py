"""The cost of the total deadline per HTTP request (a watchdog timer per request) against a plain adapter, side by side."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402
from requests.adapters import HTTPAdapter  # noqa: E402

from connectors.http import routed_session  # noqa: E402
from tests.fakes.server import LocalHttpFake  # noqa: E402


class Answers(LocalHttpFake):
    """Answers every GET with a small JSON body, keep-alive."""

    def handler(self):  # type: ignore[no-untyped-def]
        from http.server import BaseHTTPRequestHandler

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                body = b'{"data": {"id": "1001", "username": "northwindcoffee"}}'
                head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
                self.wfile.write(head.encode() + body)  # one write: no Nagle delay to drown the figure

        return Handler


def timed(session: requests.Session, url: str, count: int) -> float:
    """Seconds per request over count requests."""
    start = time.perf_counter()
    for _ in range(count):
        session.get(url, timeout=5).content
    return (time.perf_counter() - start) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with Answers() as server:
        plain = requests.Session()
        plain.mount("http://", HTTPAdapter(max_retries=0))
        deadline = routed_session(requests.Session(), "https://api.twitter.com", server.base_url, 5.0)
        ratios, plains, deadlines = [], [], []
        for _ in range(args.rounds):  # alternate, so that drift of a shared VM hits both alike
            a, b = timed(plain, server.base_url + "/x", args.requests), timed(deadline, server.base_url + "/x", args.requests)
            plains.append(a)
            deadlines.append(b)
            ratios.append(b / a)
    print("| plain adapter | with the deadline | ratio (median of rounds) |")
    print("|---|---|---|")
    print(f"| {statistics.median(plains) * 1e3:.2f} ms | {statistics.median(deadlines) * 1e3:.2f} ms | "
          f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) |")


if __name__ == "__main__":
    main()
