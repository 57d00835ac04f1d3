"""Scale-out on a real PostgreSQL: three `monitor run` workers, 50 accounts, leases, and a kill -9 mid-sweep."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.conftest import FB_TOKEN, TOKEN
from tests.test_daemon import wait_for

ROOT = Path(__file__).resolve().parent.parent
X_ACCOUNTS, FB_ACCOUNTS = 25, 25
INTERVAL, POLL, LEASE = 6.0, 0.5, 3.0  # seconds: a fast schedule of the real daemon
ROUNDS = 3  # ok sweeps every account must reach


def _seed(fake_x, fake_graph, now: datetime) -> list[str]:
    """50 brands, each with one unanswered question from a customer: one digest each."""
    names = []
    fake_x.add_user("2001", "anna_k")
    for n in range(X_ACCOUNTS):
        uid, handle = str(10_000 + n), f"brand{n:02d}"
        fake_x.add_user(uid, handle)
        fake_x.add_tweet(str(1_000_000 + n), BRAND_POST := uid, f"Fresh roast number {n} is in the shop", now - timedelta(days=1))
        fake_x.add_tweet(str(2_000_000 + n), "2001", f"@{handle} where is my order {n}?", now - timedelta(hours=5), mentions=[handle])
        names.append(f"x-{n:02d}")
        del BRAND_POST
    for n in range(FB_ACCOUNTS):
        page = str(30_000 + n)
        fake_graph.add_page(page, f"Brand {n}", followers=500, fans=450)
        fake_graph.add_post(page, f"{page}_1", f"Our new menu {n} is out", now - timedelta(days=1))
        fake_graph.add_comment(f"{page}_1", f"{page}_1_9", "42", "Anna K", f"where is my order {n}?", now - timedelta(hours=5))
        names.append(f"fb-{n:02d}")
    return names


def _config(tmp_path: Path, url: str, fake_x, fake_graph, smtp) -> Path:
    accounts = [f'[[accounts]]\nname = "x-{n:02d}"\nplatform = "x"\nhandle = "brand{n:02d}"\n' for n in range(X_ACCOUNTS)]
    accounts += [f'[[accounts]]\nname = "fb-{n:02d}"\nplatform = "facebook"\npage_id = "{30_000 + n}"\n' for n in range(FB_ACCOUNTS)]
    path = tmp_path / "monitor.toml"
    path.write_text(f"""
[database]
url = "{url}"

[email]
transport = "smtp"
from = "monitor@brand.example"
to = ["smm@brand.example"]
retry_delay = "0s"
[email.smtp]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
timeout = "5s"

[connectors.x]
bearer_token_env = "X_BEARER_TOKEN"
api_base_url = "{fake_x.base_url}"
timeout = "120s"
retry_backoff = "0s"
max_rate_limit_wait = "0s"

[connectors.facebook]
access_token_env = "FB_PAGE_TOKEN"
api_base_url = "{fake_graph.base_url}"
timeout = "10s"
retry_backoff = "0s"

[daemon]
interval = "{INTERVAL}s"
poll = "{POLL}s"
lease = "{LEASE}s"
jitter = "0s"
workers = 2

{chr(10).join(accounts)}
""", encoding="utf-8")
    return path


def _runs(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT a.name, r.status, r.worker, r.started_at FROM sweep_runs r JOIN accounts a ON a.id = r.account_id ORDER BY r.id"
        )).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def _scalar(url: str, sql: str, **params: object) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def test_three_workers_sweep_each_account_once_per_interval_and_take_over_a_killed_one(tmp_path, fake_x, fake_graph, smtp, pg_url):
    now = datetime.now(timezone.utc)  # the daemons read the wall clock: the data is placed relative to it
    names = _seed(fake_x, fake_graph, now)
    config = _config(tmp_path, pg_url, fake_x, fake_graph, smtp)
    victim = fake_x.hold("/2/users/10000/mentions")  # x-00's first sweep waits here, mid-fetch, until released
    env = {**os.environ, "X_BEARER_TOKEN": TOKEN, "FB_PAGE_TOKEN": FB_TOKEN, "PYTHONPATH": str(ROOT)}
    logs = [tmp_path / f"worker{i}.log" for i in range(3)]
    workers = [subprocess.Popen([sys.executable, "-m", "monitor.cli", "run", "--config", str(config)], env=env,
                                stdout=subprocess.DEVNULL, stderr=log.open("w")) for log in logs]
    try:
        assert victim.arrived.wait(90), "no worker started sweeping x-00"
        # The first round of the 49 others ends first: the kill catches x-00 mid-fetch while the survivors are free.
        assert wait_for(lambda: {n for n, status, *_ in _runs(pg_url) if status == "ok"} >= set(names[1:]), timeout=120)
        owner = _scalar(pg_url, "SELECT lease_owner FROM accounts WHERE name = 'x-00'")
        killed = next(w for w in workers if str(owner).endswith(f":{w.pid}"))
        killed.send_signal(signal.SIGKILL)
        killed.wait(30)
        killed_at = datetime.now(timezone.utc)
        expires = _scalar(pg_url, "SELECT lease_expires_at FROM accounts WHERE name = 'x-00'")
        victim.release()

        def done() -> bool:
            ok = Counter(name for name, status, *_ in _runs(pg_url) if status == "ok")
            return all(ok[name] >= ROUNDS for name in names)

        assert wait_for(done, timeout=240), f"not every account reached {ROUNDS} sweeps: " + \
            "".join(log.read_text()[-2000:] for log in logs)
        survivors = [w for w in workers if w is not killed]
        for worker in survivors:
            worker.send_signal(signal.SIGTERM)
        for worker in survivors:
            assert worker.wait(120) == 0, "a worker did not stop cleanly on SIGTERM"
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    runs = _runs(pg_url)
    ok = [r for r in runs if r[1] == "ok"]
    first: dict[str, datetime] = {}
    slots: dict[str, list[int]] = defaultdict(list)
    for name, _status, _worker, started in ok:
        first.setdefault(name, started)
        slots[name].append(int((started - first[name]).total_seconds() // INTERVAL))  # the slots are counted from the first sweep
    # Exactly one worker swept each account in each interval, and no interval of it was skipped.
    duplicates = sum(len(s) - len(set(s)) for s in slots.values())
    assert duplicates == 0, {n: s for n, s in slots.items() if len(s) != len(set(s))}
    assert all(s == list(range(len(s))) for s in slots.values()), {n: s for n, s in slots.items() if s != list(range(len(s)))}
    assert len({w for *_, w, _ in [(r[0], r[1], r[2], r[3]) for r in ok]}) >= 2, "the load was not shared"
    # The killed worker's sweep of x-00 was abandoned and taken over by another within one lease (plus one poll).
    killed_name = next(r[2] for r in runs if r[0] == "x-00" and r[1] == "abandoned")
    assert killed_name.endswith(f":{killed.pid}")
    takeover = next(r for r in ok if r[0] == "x-00")
    assert takeover[2] != killed_name
    took = (takeover[3] - killed_at).total_seconds()
    after_expiry = (takeover[3] - expires).total_seconds()
    assert 0 <= after_expiry <= LEASE, f"taken over {after_expiry:.1f}s after the lease ran out ({took:.1f}s after the kill)"
    assert not any(r[1] == "running" for r in runs)
    assert _scalar(pg_url, "SELECT count(*) FROM accounts WHERE lease_owner IS NOT NULL") == 0
    # Every brand's digest went out exactly once, x-00's too.
    per_account = Counter(next(n for n in names if m["Subject"].split(":")[0].endswith(n)) for m in smtp.messages)
    assert per_account == Counter({n: 1 for n in names}), per_account
    assert _scalar(pg_url, "SELECT count(*) FROM deliveries WHERE status <> 'sent'") == 0
    print(f"\nscale-out: {len(names)} accounts, 3 workers (1 killed), interval {INTERVAL}s, lease {LEASE}s; "
          f"sweeps per account {min(len(s) for s in slots.values())}..{max(len(s) for s in slots.values())}, "
          f"duplicates {duplicates}, digests {len(smtp.messages)} for {len(names)} accounts, takeover {took:.2f}s after the kill ({after_expiry:.2f}s after the lease ran out), "
          f"sweeps by worker {dict(Counter(r[2] for r in ok))}")


def test_monitor_once_next_to_a_daemon_skips_the_account_it_is_sweeping(tmp_path, fake_x, fake_graph, smtp, pg_url):
    from tests.conftest import Monitor

    now = datetime.now(timezone.utc)
    names = _seed(fake_x, fake_graph, now)
    config = _config(tmp_path, pg_url, fake_x, fake_graph, smtp)
    held = fake_x.hold("/2/users/10000/mentions")
    env = {**os.environ, "X_BEARER_TOKEN": TOKEN, "FB_PAGE_TOKEN": FB_TOKEN, "PYTHONPATH": str(ROOT)}
    daemon = subprocess.Popen([sys.executable, "-m", "monitor.cli", "run", "--config", str(config)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert held.arrived.wait(90), "the daemon did not start sweeping x-00"
        once = Monitor(config, {"X_BEARER_TOKEN": TOKEN, "FB_PAGE_TOKEN": FB_TOKEN})("once", "--account", "x-00")
        held.release()
        assert wait_for(lambda: any(n == "x-00" and s == "ok" for n, s, *_ in _runs(pg_url)), timeout=60)
    finally:
        held.release()
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(120) == 0
    assert once.exit_code == 1
    assert f"x-00: SKIPPED — being swept by {os.uname().nodename}:{daemon.pid}" in once.output
    x00 = [(s, w) for n, s, w, _ in _runs(pg_url) if n == "x-00"]
    assert x00 and all(r == ("ok", f"{os.uname().nodename}:{daemon.pid}") for r in x00), x00  # none by `monitor once`
    assert sum(names[0] in m["Subject"].split(":")[0] for m in smtp.messages) == 1
