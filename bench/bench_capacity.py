"""Capacity on PostgreSQL: N accounts on the fake X and Graph servers, 1 and 3 `monitor run` workers.

Per worker count: the first round (every account's first sweep, an audit of its history) and a quiet round
(the slots made due again, nothing new), as wall time and sweeps per second; the database's growth per sweep
and per stored item, from which the size per account-month follows.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from tests.fakes.graph_api import FakeGraphApi  # noqa: E402
from tests.fakes.postgres import PostgresServer  # noqa: E402
from tests.fakes.smtp import SmtpServer  # noqa: E402
from tests.fakes.x_api import FakeXApi  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
X_TOKEN, FB_TOKEN = "bench-bearer-token-0123456789", "bench-page-token-0123456789abcdef"
POSTS = 10  # per account: brand posts and customers' mentions or comments, over the last 10 days


def seed(fake_x: FakeXApi, fake_graph: FakeGraphApi, accounts: int, now: datetime) -> list[str]:
    """Half X, half Facebook; each with POSTS items, one unanswered question among them."""
    lines = []
    fake_x.add_user("2001", "anna_k")
    for n in range(accounts // 2):
        uid, handle = str(10_000 + n), f"brand{n}"
        fake_x.add_user(uid, handle)
        for k in range(POSTS - 1):
            fake_x.add_tweet(f"{n}{k:03d}1", uid, f"Roast {k} of brand {n} is in the shop", now - timedelta(days=k + 1))
        fake_x.add_tweet(f"{n}0002", "2001", f"@{handle} where is my order?", now - timedelta(hours=5), mentions=[handle])
        lines.append(f'[[accounts]]\nname = "x-{n}"\nplatform = "x"\nhandle = "{handle}"\n')
    for n in range(accounts - accounts // 2):
        page = str(30_000 + n)
        fake_graph.add_page(page, f"Brand {n}", followers=500, fans=450)
        for k in range(POSTS - 1):
            fake_graph.add_post(page, f"{page}_{k}", f"Menu {k} of brand {n}", now - timedelta(days=k + 1))
        fake_graph.add_comment(f"{page}_0", f"{page}_0_9", "42", "Anna K", "where is my order?", now - timedelta(hours=5))
        lines.append(f'[[accounts]]\nname = "fb-{n}"\nplatform = "facebook"\npage_id = "{page}"\n')
    return lines


def config(folder: Path, url: str, fake_x: FakeXApi, fake_graph: FakeGraphApi, smtp: SmtpServer, accounts: list[str]) -> Path:
    path = folder / "monitor.toml"
    path.write_text(f"""
[database]
url = "{url}"
[email]
transport = "smtp"
from = "monitor@brand.example"
to = ["smm@brand.example"]
[email.smtp]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
[connectors.x]
bearer_token_env = "X_BEARER_TOKEN"
api_base_url = "{fake_x.base_url}"
max_rate_limit_wait = "0s"
[connectors.facebook]
access_token_env = "FB_PAGE_TOKEN"
api_base_url = "{fake_graph.base_url}"
[daemon]
interval = "1d"
poll = "1s"
jitter = "0s"
workers = 2
{chr(10).join(accounts)}
""", encoding="utf-8")
    return path


def count_ok(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        done = connection.execute(text("SELECT count(*) FROM sweep_runs WHERE status = 'ok'")).scalar()
    engine.dispose()
    return int(done or 0)


def wait_until(condition, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the round did not finish")
        time.sleep(0.5)


def sizes(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        total = connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
        items = connection.execute(text("SELECT count(*) FROM items")).scalar()
    engine.dispose()
    return {"bytes": int(total), "items": int(items)}


def row_bytes(url: str) -> dict[str, float]:
    """Average stored bytes of one row (pg_column_size of the whole row) of the tables that grow."""
    engine = create_engine(url)
    found = {}
    with engine.connect() as connection:
        for table in ("sweep_runs", "snapshots", "items", "account_items", "item_analyses", "findings"):
            found[table] = float(connection.execute(text(f"SELECT coalesce(avg(pg_column_size(t.*)), 0) FROM {table} t")).scalar())
    engine.dispose()
    return found


def measure(server: PostgresServer, accounts: int, workers: int) -> dict[str, float]:
    admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
    name = f"bench_{workers}"
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    url = server.url.rsplit("/", 1)[0] + f"/{name}"
    now = datetime.now(timezone.utc)
    with FakeXApi(bearer_token=X_TOKEN) as fake_x, FakeGraphApi(access_token=FB_TOKEN) as fake_graph, \
            tempfile.TemporaryDirectory() as tmp:
        smtp = SmtpServer().start()
        path = config(Path(tmp), url, fake_x, fake_graph, smtp, seed(fake_x, fake_graph, accounts, now))
        subprocess.run([sys.executable, "-m", "monitor.cli", "db", "upgrade", "--config", str(path)], check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
        empty = sizes(url)
        env = {**os.environ, "X_BEARER_TOKEN": X_TOKEN, "FB_PAGE_TOKEN": FB_TOKEN, "PYTHONPATH": str(ROOT)}
        started = time.monotonic()
        procs = [subprocess.Popen([sys.executable, "-m", "monitor.cli", "--log-level", "error", "run", "--config", str(path)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        try:
            wait_until(lambda: count_ok(url) >= accounts, 3600)
            first = time.monotonic() - started
            after_first = sizes(url)
            engine = create_engine(url)
            with engine.begin() as connection:  # every slot due again: a quiet round (nothing new to fetch)
                connection.execute(text("UPDATE accounts SET next_sweep_at = now()"))
            engine.dispose()
            started = time.monotonic()
            wait_until(lambda: count_ok(url) >= 2 * accounts, 3600)
            quiet = time.monotonic() - started
            after_quiet = sizes(url)
            rows = row_bytes(url)
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                proc.wait(300)
            smtp.stop()
    per_sweep = (after_quiet["bytes"] - after_first["bytes"]) / accounts
    per_item = max(after_first["bytes"] - empty["bytes"] - per_sweep * accounts, 0) / max(after_first["items"], 1)
    return {"workers": workers, "first": first, "quiet": quiet, "per_sweep": per_sweep, "per_item": per_item, "rows": rows,
            "items": after_first["items"] / accounts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 3])
    args = parser.parse_args()
    server = PostgresServer().start()
    try:
        print("| workers | accounts | first round (audits) | sweeps/s | quiet round | sweeps/s | DB bytes per quiet sweep | per item |")
        print("|---|---|---|---|---|---|---|---|")
        for workers in args.workers:
            m = measure(server, args.accounts, workers)
            print(f"| {workers} | {args.accounts} | {m['first']:.1f} s | {args.accounts / m['first']:.1f} | {m['quiet']:.1f} s | "
                  f"{args.accounts / m['quiet']:.1f} | {m['per_sweep']:.0f} | {m['per_item']:.0f} |", flush=True)
            print("  average row bytes: " + ", ".join(f"{t} {b:.0f}" for t, b in m["rows"].items())
                  + f"; items per account {m['items']:.1f}", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
