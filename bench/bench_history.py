"""History that stays cheap: one sweep over 10k and over 1M stored items whose recent days are the same.

Run: .venv/bin/python bench/bench_history.py [--sizes 10000 1000000] [--recent 8000] [--recent-days 60]

Each size is one SQLite database of one X-like account: the same `--recent` items over the last
`--recent-days` days (own posts, replies, mentions; seed 7) and N minus that of older history spread
over the three years before. 60 days is how far back the default rules read (spam.repeated_update
compares posts up to its 30-day window apart, so it reads 2 x 30 days); with 30, the 1M database
puts some 27k more items than the 10k one inside what detection legitimately reads.

The databases are cached under /tmp, keyed by N, the recent layout, the schema revision and the
data version, so a re-run does not rebuild them. For each size a copy is primed (one sweep run, its
digest sent), then swept once more with 8 new items, `--runs` times on fresh copies of the primed
file, each in a fresh subprocess that reports the sweep's wall time and its peak RSS (ru_maxrss;
imports and the rules are loaded before the clock starts). The median and the fastest run are printed.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpus_gen import near_copy, post  # noqa: E402
from connectors.base import Batch, FetchedItem, ProfileSnapshot  # noqa: E402

NOW = datetime(2026, 11, 20, 18, tzinfo=timezone.utc)
PRIME_AT = NOW - timedelta(minutes=15)
BRAND, HANDLE, ACCOUNT = "1001", "northwindcoffee", "bench-x"
HISTORY_DAYS = 3 * 365
CHUNK = 10_000
DATA_VERSION = 1  # bump when the generated data changes
CACHE = Path(tempfile.gettempdir()) / "smm-bench-history"


# --- the data -----------------------------------------------------------------------------------


def _item(rng: random.Random, ext: str, created: datetime, roll: float, posts: list[str], targets: list[FetchedItem]) -> FetchedItem:
    """10% own posts (some near-copies), 60% mentions, 30% own replies to an earlier mention."""
    if roll < 0.1:
        text = near_copy(rng, rng.choice(posts)) if posts and rng.random() < 0.1 else post(rng)
        posts.append(text)
        del posts[:-200]
        return FetchedItem(ext, "post", BRAND, HANDLE, created, text, url=f"https://x.com/{HANDLE}/status/{ext}")
    if roll < 0.7:
        user = int(ext) % 900
        mention = FetchedItem(ext, "mention", str(5000 + user), f"user{user}", created, "@northwindcoffee " + post(rng, 10),
                              url=f"https://x.com/user{user}/status/{ext}", conversation_id=ext)
        targets.append(mention)
        del targets[:-200]
        return mention
    target = rng.choice(targets) if targets else None
    return FetchedItem(ext, "reply", BRAND, HANDLE, created, "Thank you! " + post(rng, 6),
                       url=f"https://x.com/{HANDLE}/status/{ext}",
                       reply_to_id=target.external_id if target else None,
                       reply_to_author_id=target.author_id if target else None,
                       conversation_id=target.conversation_id if target else None)


def _spread(rng: random.Random, count: int, start: datetime, end: datetime, first_id: int) -> Iterator[FetchedItem]:
    """count items evenly over [start, end), oldest first, with increasing ids (as X's are)."""
    span = (end - start).total_seconds()
    posts: list[str] = []
    targets: list[FetchedItem] = []
    for i in range(count):
        created = start + timedelta(seconds=int((i + rng.random()) * span / count))
        yield _item(rng, str(first_id + i), created, rng.random(), posts, targets)


def history(n: int, recent: int, recent_days: int) -> Iterator[FetchedItem]:
    """The whole stored history, oldest first: N - recent old items, then the same `recent` items of the last recent_days."""
    recent_start = PRIME_AT - timedelta(days=recent_days)
    yield from _spread(random.Random(8), n - recent, recent_start - timedelta(days=HISTORY_DAYS), recent_start, 10**9)
    yield from _spread(random.Random(7), recent, recent_start, PRIME_AT - timedelta(minutes=1), 2 * 10**9)


def new_items() -> list[FetchedItem]:
    """The 8 items the measured sweep fetches: mentions, replies and posts of the last 15 minutes."""
    rng = random.Random(9)
    posts: list[str] = []
    targets: list[FetchedItem] = []
    rolls = (0.3, 0.4, 0.5, 0.6, 0.8, 0.9, 0.05, 0.07)  # 4 mentions, 2 replies, 2 posts
    return [_item(rng, str(3 * 10**9 + i), PRIME_AT + timedelta(minutes=1 + i), roll, posts, targets) for i, roll in enumerate(rolls)]


# --- building the cached database ---------------------------------------------------------------


def schema_version() -> str:
    """The migrations' head revision: a new schema means a new cached database."""
    from alembic.script import ScriptDirectory

    from monitor.store.database import _alembic_config, make_engine

    return ScriptDirectory.from_config(_alembic_config(make_engine("sqlite://"))).get_current_head() or "none"


def cached_database(n: int, recent: int, recent_days: int) -> Path:
    """The cached database for N items, built with Core bulk inserts when missing."""
    from sqlalchemy import insert

    from monitor.store.database import make_engine, upgrade_database
    from monitor.store.models import Account, AccountItem, Item

    path = CACHE / f"history-s{schema_version()}-d{DATA_VERSION}-r{recent}x{recent_days}d-n{n}.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building")
    for leftover in CACHE.glob(building.name + "*"):
        leftover.unlink()
    engine = make_engine(f"sqlite:///{building}")
    upgrade_database(engine)
    link_time = "created_at" in AccountItem.__table__.c  # the schema of this checkout
    started = time.perf_counter()
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA synchronous=OFF")
        connection.commit()
        with connection.begin():
            connection.execute(insert(Account.__table__), [{"id": 1, "name": ACCOUNT, "platform": "x", "handle": HANDLE,
                                                            "external_id": BRAND, "created_at": NOW - timedelta(days=HISTORY_DAYS + 60)}])
        items: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        for item_id, item in enumerate(history(n, recent, recent_days), start=1):
            items.append(_row(item_id, item))
            link = {"account_id": 1, "item_id": item_id, "kind": item.kind}
            if link_time:
                link["created_at"] = item.created_at
            links.append(link)
            if len(items) == CHUNK:
                _flush(connection, Item, AccountItem, items, links)
        _flush(connection, Item, AccountItem, items, links)
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    building.rename(path)
    print(f"built {path} ({n:,} items) in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def _row(item_id: int, item: FetchedItem) -> dict[str, Any]:
    return {
        "id": item_id, "platform": "x", "external_id": item.external_id, "author_id": item.author_id,
        "author_handle": item.author_handle, "created_at": item.created_at, "text": item.text,
        "reply_to_id": item.reply_to_id, "reply_to_author_id": item.reply_to_author_id,
        "conversation_id": item.conversation_id, "is_share": False, "url": item.url,
        "raw": {"lang": "en"}, "fetched_at": item.created_at + timedelta(minutes=7),
    }


def _flush(connection: Any, item: type, link: type, items: list[dict[str, Any]], links: list[dict[str, Any]]) -> None:
    """One chunk, one transaction: executemany of dict rows."""
    from sqlalchemy import insert

    if items:
        with connection.begin():
            connection.execute(insert(item.__table__), items)
            connection.execute(insert(link.__table__), links)
    items.clear()
    links.clear()


# --- the sweep ----------------------------------------------------------------------------------


class BenchConnector:
    """An in-process X connector: returns the given items and the brand's snapshot."""

    platform = "x"

    def __init__(self, items: list[FetchedItem]):
        self.items = items

    def fetch(self, cursors: Any, now: datetime, watch: Any = ()) -> Batch:
        cursors = {"mentions": self.items[-1].external_id, "timeline": self.items[-1].external_id} if self.items else {}
        return Batch(items=list(self.items), snapshot=ProfileSnapshot(BRAND, HANDLE, followers=18_420, following=300, posts=5_000),
                     cursors=cursors, requests=2)


def load_rules() -> None:
    """Import the rules before the clock starts, as a long-running daemon has them."""
    from monitor.detectors.registry import registry

    registry()


def run_sweep(folder: Path, items: list[FetchedItem], now: datetime) -> dict[str, Any]:
    """One sweep of the bench account on folder/monitor.db, through the public sweep function; its wall time."""
    from alerts.transports import ConsoleTransport
    from monitor.settings import load_settings
    from monitor.store import open_database
    from monitor.sweep import sweep_account

    config = folder / "monitor.toml"
    config.write_text(
        '[database]\nurl = "sqlite:///monitor.db"\n\n[email]\ntransport = "console"\nto = ["smm@brand.example"]\n\n'
        f'[[accounts]]\nname = "{ACCOUNT}"\nplatform = "x"\nhandle = "{HANDLE}"\ntimezone = "Europe/Moscow"\n',
        encoding="utf-8",
    )
    settings = load_settings(config)
    account = settings.accounts[0]
    sessions = open_database(settings.database_url())
    out = io.StringIO()
    started = time.perf_counter()
    report = sweep_account(settings, account, sessions, ConsoleTransport(out), now, connector=BenchConnector(items))
    seconds = time.perf_counter() - started
    sessions.kw["bind"].dispose()
    return {"seconds": seconds, "status": report.status, "error": report.error, "new": report.new, "opened": report.opened,
            "resolved": report.resolved, "open_total": report.open_total, "email": report.email, "digest_chars": len(out.getvalue())}


def _child(mode: str, folder: Path) -> dict[str, Any]:
    """Run one sweep in a fresh interpreter; its report, time and peak RSS."""
    output = subprocess.run([sys.executable, __file__, f"--{mode}", str(folder)], capture_output=True, text=True)
    if output.returncode != 0:
        raise SystemExit(f"the {mode} sweep of {folder.name} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def _in_child(mode: str, folder: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if mode == "prime":
        result = run_sweep(folder, [], PRIME_AT)
    else:
        load_rules()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        result = run_sweep(folder, new_items(), NOW)
    result["rss_before_mb"] = before / 1024
    result["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(n: int, recent: int, recent_days: int, runs: int, work: Path) -> dict[str, Any]:
    """Copy the cached database, prime it with one sweep, then measure the sweep of 8 new items `runs` times."""
    folder = work / f"n{n}"
    folder.mkdir()
    shutil.copyfile(cached_database(n, recent, recent_days), folder / "monitor.db")
    prime = _child("prime", folder)
    shutil.copyfile(folder / "monitor.db", work / f"primed-{n}.db")
    results = []
    for _ in range(runs):
        shutil.copyfile(work / f"primed-{n}.db", folder / "monitor.db")
        results.append(_child("sweep", folder))
    result = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]  # the median run
    result["min_seconds"] = min(r["seconds"] for r in results)
    result["rss_peak_mb"] = max(r["rss_peak_mb"] for r in results)
    result["prime_seconds"] = prime["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--recent", type=int, default=8_000, help="items in the recent days, the same for every size")
    parser.add_argument("--recent-days", type=int, default=60, help="days of identical recent history (the rules read 60)")
    parser.add_argument("--runs", type=int, default=3, help="measured sweeps per size, each on a fresh copy of the primed database")
    parser.add_argument("--prime", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sweep", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prime or args.sweep:
        _in_child("prime" if args.prime else "sweep", args.prime or args.sweep)
        return
    with tempfile.TemporaryDirectory(prefix="smm-bench-sweep-") as folder:
        results = {n: measure(max(n, args.recent), args.recent, args.recent_days, args.runs, Path(folder)) for n in args.sizes}
    first = results[args.sizes[0]]
    print(f"schema {schema_version()}, the same {args.recent:,} items in the last {args.recent_days} days, 8 new items per sweep, "
          f"median of {args.runs} sweep(s)\n")
    print("| stored items | sweep (s) | ratio | fastest (s) | ratio | status | new | opened | open findings "
          "| peak RSS (MB) | RSS before sweep (MB) | priming sweep (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n, r in results.items():
        status = r["status"] if r["status"] == "ok" else f"{r['status']}: {r['error']}"
        print(f"| {n:,} | {r['seconds']:.2f} | {r['seconds'] / first['seconds']:.2f} | {r['min_seconds']:.2f} "
              f"| {r['min_seconds'] / first['min_seconds']:.2f} | {status} | {r['new']} | {r['opened']} | {r['open_total']} "
              f"| {r['rss_peak_mb']:.0f} | {r['rss_before_mb']:.0f} | {r['prime_seconds']:.1f} |")


if __name__ == "__main__":
    main()
