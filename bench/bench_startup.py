"""`monitor once` on a quiet X account (wall time with imports, requests made) and `monitor check` with 2,000 posts."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes.x_api import FakeXApi  # noqa: E402

MONITOR = str(Path(sys.executable).with_name("monitor"))
NOW = datetime(2026, 11, 20, 18, tzinfo=timezone.utc)
TOKEN = "bench-bearer-token-0123456789"
CONFIG = """
[database]
url = "sqlite:///monitor.db"
[email]
transport = "file"
from = "monitor@brand.example"
to = ["smm@brand.example"]
[connectors.x]
bearer_token_env = "X_BEARER_TOKEN"
api_base_url = "{base}"
retry_backoff = "0s"
[[accounts]]
name = "brand"
platform = "x"
handle = "northwindcoffee"
"""


def run(*args: str, folder: Path) -> float:
    """Wall seconds of one `monitor` process."""
    started = time.perf_counter()
    done = subprocess.run([MONITOR, *args, "--config", str(folder / "monitor.toml")], capture_output=True, text=True,
                          env={**os.environ, "X_BEARER_TOKEN": TOKEN}, check=False)
    if done.returncode not in (0, 3):
        raise SystemExit(f"monitor {' '.join(args)} failed: {done.stderr}")
    return time.perf_counter() - started


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def main() -> None:
    """Print the figures as Markdown table rows."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--posts", type=int, default=2000)
    args = parser.parse_args()
    fake = FakeXApi(bearer_token=TOKEN).start()
    try:
        fake.add_user("1001", "northwindcoffee", "Northwind Coffee", followers=18420)
        for i in range(20):
            fake.add_tweet(str(100 + i), "1001", f"Post number {i} about our winter blend", NOW - timedelta(hours=30 - i))
        folder = Path(tempfile.mkdtemp())
        (folder / "monitor.toml").write_text(CONFIG.format(base=fake.base_url))
        run("once", "--now", iso(NOW), folder=folder)  # the first sweep: user id stored, history analysed
        quiet, requests = [], []
        for n in range(args.runs):
            fake.clear_requests()
            quiet.append(run("once", "--now", iso(NOW + timedelta(minutes=5 * (n + 1))), folder=folder))
            requests.append(len(fake.requests))
        baseline = statistics.median(_help() for _ in range(args.runs))
    finally:
        fake.stop()
    print("| figure | median of runs | runs |")
    print("|---|---|---|")
    print(f"| `monitor once`, quiet X account, wall incl. imports | {statistics.median(quiet):.2f} s | {args.runs} |")
    print(f"| X requests per quiet sweep (user id stored) | {statistics.median(requests):.0f} | {args.runs} |")
    print(f"| `monitor --version`-like start-up (python -c 'import monitor.cli') | {baseline:.2f} s | {args.runs} |")
    check(folder, args.posts, args.runs)


def _help() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import monitor.cli"], check=True)
    return time.perf_counter() - started


def check(folder: Path, posts: int, runs: int) -> None:
    """Time `monitor check` of one draft on an account with `posts` stored posts: process and in-process call."""
    export = folder / "posts.jsonl"
    with export.open("w", encoding="utf-8") as handle:
        for i in range(posts):
            created = NOW - timedelta(minutes=20 * (i + 1))
            handle.write(json.dumps({"id": str(10**6 + i), "kind": "post", "author_id": "1001", "text": f"Post {i}: our roastery news, episode {i}",
                                     "created_at": iso(created)}) + "\n")
    subprocess.run([MONITOR, "import", "--config", str(folder / "monitor.toml"), "--account", "brand", "--now", iso(NOW), str(export)],
                   check=True, capture_output=True)
    draft = "Лучший кофе в мире — гарантия 100%! Звоните +7 916 123-45-67"
    walls = [run("check", "--account", "brand", "--now", iso(NOW), draft, folder=folder) for _ in range(runs)]
    code = f"""
import time, sys
from datetime import datetime, timezone
from monitor.settings import load_settings
from monitor.store import open_database
from monitor.draft import check_draft
from monitor.detectors.registry import registry
settings = load_settings({str(folder / 'monitor.toml')!r}); account = settings.account("brand")
sessions = open_database(settings.database_url()); registry()
times = []
for _ in range({runs}):
    started = time.perf_counter(); check_draft(settings, account, sessions, {draft!r}, datetime(2026, 11, 20, 18, tzinfo=timezone.utc)); times.append(time.perf_counter() - started)
print(times[0], sorted(times[1:])[len(times[1:]) // 2])
"""
    first, later = map(float, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    print(f"| `monitor check`, {posts} stored posts, whole process | {statistics.median(walls):.2f} s | {runs} |")
    print(f"| `monitor check`, {posts} stored posts, the check itself: first call of a process (loads the profanity model) | {first:.3f} s | 1 |")
    print(f"| `monitor check`, {posts} stored posts, the check itself: later calls | {later:.3f} s | {runs - 1} |")


if __name__ == "__main__":
    main()
