"""Near-duplicate look-up of new posts against 100k stored posts: rapidfuzz batch vs a naive pairwise scan.

Run: .venv/bin/python bench/bench_near_duplicates.py [--stored 100000] [--queries 200] [--naive-queries 20]
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpus_gen import near_copy, post  # noqa: E402
from monitor.text.normalize import normalize_post  # noqa: E402

THRESHOLD = 90.0


def indexed_lookup(query: str, exact: dict[str, int], stored: list[str]) -> int | None:
    """What repeated_update does: a dictionary for exact repeats, then rapidfuzz's extractOne with a cutoff."""
    if query in exact:
        return exact[query]
    match = process.extractOne(query, stored, scorer=fuzz.ratio, score_cutoff=THRESHOLD)
    return match[2] if match else None


def naive_lookup(query: str, stored: list[str]) -> int | None:
    """Pairwise: score the query against every stored post in a Python loop, keep the best."""
    best, best_index = THRESHOLD, None
    for index, text in enumerate(stored):
        score = fuzz.ratio(query, text)
        if score >= best and (best_index is None or score > best):
            best, best_index = score, index
    return best_index


def difflib_lookup(query: str, stored: list[str]) -> int | None:
    """The plainest pairwise scan: the standard library's SequenceMatcher on every pair."""
    best, best_index = THRESHOLD / 100, None
    for index, text in enumerate(stored):
        matcher = difflib.SequenceMatcher(None, query, text)
        if matcher.real_quick_ratio() >= best and matcher.quick_ratio() >= best:
            score = matcher.ratio()
            if score >= best:
                best, best_index = score, index
    return best_index


def main() -> None:
    """Build the stored set, run both look-ups on the same queries, print a table row."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--naive-queries", type=int, default=20)
    parser.add_argument("--difflib-queries", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    started = time.perf_counter()
    stored_raw = [post(rng) for _ in range(args.stored)]
    stored = [normalize_post(t) for t in stored_raw]
    exact = {}
    for index, text in enumerate(stored):
        exact.setdefault(text, index)
    normalise_seconds = time.perf_counter() - started

    queries = []
    for i in range(args.queries):
        source = rng.randrange(args.stored)
        raw = near_copy(rng, stored_raw[source]) if i % 2 == 0 else post(rng)
        queries.append(normalize_post(raw))

    started = time.perf_counter()
    indexed = [indexed_lookup(q, exact, stored) for q in queries]
    indexed_seconds = time.perf_counter() - started

    naive_n = min(args.naive_queries, len(queries))
    started = time.perf_counter()
    naive = [naive_lookup(q, stored) for q in queries[:naive_n]]
    naive_seconds = time.perf_counter() - started

    difflib_n = min(args.difflib_queries, len(queries))
    started = time.perf_counter()
    for q in queries[:difflib_n]:
        difflib_lookup(q, stored)
    difflib_seconds = time.perf_counter() - started

    found = sum(r is not None for r in indexed)
    agree = sum(1 for a, b in zip(indexed[:naive_n], naive) if (a is None) == (b is None))
    per_indexed = indexed_seconds / len(queries) * 1000
    per_naive = naive_seconds / naive_n * 1000
    print(f"stored posts: {args.stored}, normalised in {normalise_seconds:.1f}s")
    print(f"queries: {len(queries)} (half near-copies), near-duplicates found: {found}")
    print("| method | ms per query | queries/s |")
    print("|---|---|---|")
    print(f"| dict + rapidfuzz extractOne (score_cutoff) | {per_indexed:.1f} | {1000 / per_indexed:.1f} |")
    print(f"| naive pairwise loop (fuzz.ratio per pair), {naive_n} queries | {per_naive:.1f} | {1000 / per_naive:.2f} |")
    if difflib_n:
        per_difflib = difflib_seconds / difflib_n * 1000
        print(f"| naive pairwise loop (difflib.SequenceMatcher), {difflib_n} queries | {per_difflib:.0f} | {1000 / per_difflib:.3f} |")
    print(f"speed-up: {per_naive / per_indexed:.1f}x; the two agree on {agree}/{naive_n} queries")


if __name__ == "__main__":
    main()
