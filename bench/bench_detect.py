"""Detection throughput: every rule over one account's stored history, and the text checks per text.

Run: .venv/bin/python bench/bench_detect.py [--items 20000] [--texts 2000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpus_gen import near_copy, post  # noqa: E402
from connectors.base import Batch, FetchedItem, ProfileSnapshot  # noqa: E402
from monitor.detectors.context import Context  # noqa: E402
from monitor.detectors.registry import registry  # noqa: E402
from monitor.settings import load_settings  # noqa: E402
from monitor.store import open_database  # noqa: E402
from monitor.store.repo import ensure_account, save_batch  # noqa: E402

NOW = datetime(2026, 11, 20, 18, tzinfo=timezone.utc)
BRAND = "1001"


def history(rng: random.Random, count: int) -> list[FetchedItem]:
    """count items over 30 days: 10% own posts (some repeated), 60% mentions, 30% own replies."""
    items: list[FetchedItem] = []
    posts: list[str] = []
    for i in range(count):
        created = NOW - timedelta(seconds=rng.randrange(30 * 86400))
        roll = rng.random()
        if roll < 0.1:
            text = near_copy(rng, rng.choice(posts)) if posts and rng.random() < 0.1 else post(rng)
            posts.append(text)
            items.append(FetchedItem(str(10**6 + i), "post", BRAND, "northwindcoffee", created, text))
        elif roll < 0.7:
            items.append(FetchedItem(str(10**6 + i), "mention", str(5000 + i % 900), f"user{i % 900}", created,
                                     "@northwindcoffee " + post(rng, 10), conversation_id=str(10**6 + i)))
        else:
            target = items[rng.randrange(len(items))] if items else None
            items.append(FetchedItem(str(10**6 + i), "reply", BRAND, "northwindcoffee", created, "Thank you! " + post(rng, 6),
                                     reply_to_id=target.external_id if target else None,
                                     reply_to_author_id=target.author_id if target else None,
                                     conversation_id=target.conversation_id if target else None))
    return items


def main() -> None:
    """Store a synthetic history, time two full detection runs (cold, then with stored analyses), then the pure text checks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--texts", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "monitor.toml"
        config.write_text('[[accounts]]\nname = "bench"\nplatform = "x"\nhandle = "northwindcoffee"\n')
        settings = load_settings(config)
        sessions = open_database(settings.database_url())
        items = history(rng, args.items)
        with sessions() as session, session.begin():
            account = ensure_account(session, "bench", "x", "northwindcoffee", NOW)
            started = time.perf_counter()
            save_batch(session, account, "x", Batch(items=items, snapshot=ProfileSnapshot(BRAND, "northwindcoffee", 1000)),
                       NOW - timedelta(hours=1))
            store_seconds = time.perf_counter() - started
        seconds = []
        # 1: the first sweep's audit analyses every text; 2: a full pass from the stored analyses (as after a change of
        # settings); 3: a sweep after the first, which judges only what is new and the findings that stand.
        for last_sweep in (None, None, NOW - timedelta(minutes=15)):
            with sessions() as session, session.begin():
                account = ensure_account(session, "bench", "x", "northwindcoffee", NOW)
                started = time.perf_counter()
                found, ran = registry().run(Context(session, account, settings.accounts[0], NOW, last_sweep=last_sweep))
                seconds.append(time.perf_counter() - started)
    texts = [post(rng) for _ in range(args.texts)]
    rules = settings.accounts[0].effective_rules
    started = time.perf_counter()
    for text in texts:
        for check in [r.check for r in registry().rules.values() if r.check]:
            check(text, rules)
    text_seconds = time.perf_counter() - started
    checks = sum(1 for r in registry().rules.values() if r.check)
    print(f"| stored items | store (items/s) | all {len(ran)} rules: first sweep | full pass, stored analyses | later sweep "
          f"(items/s) | findings | text checks ({checks}) texts/s |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {args.items} | {args.items / store_seconds:,.0f} | {args.items / seconds[0]:,.0f} | {args.items / seconds[1]:,.0f} "
          f"| {args.items / seconds[2]:,.0f} | {len(found)} | {args.texts / text_seconds:,.0f} |")


if __name__ == "__main__":
    main()
