"""The store on real SQLite: upserts, links to accounts, cursors in the batch's transaction, findings, migrations, the time index."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session, sessionmaker

from connectors.base import Batch, FetchedItem, ProfileSnapshot
from monitor.store import open_database, upgrade_database
from monitor.store.database import current_revision, make_engine
from monitor.store.models import Account, AccountItem, Finding, Item, Snapshot
from monitor.store.repo import (
    SaveResult,
    account_items,
    account_links,
    account_rows,
    ensure_account,
    latest_posts,
    load_cursors,
    open_findings,
    save_batch,
)

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
COFFEE = ("northwind-x", "northwindcoffee", "1001")
TEA = ("northwind-tea", "northwindtea", "1002")


@pytest.fixture
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    """A fresh, migrated SQLite database in tmp_path."""
    return open_database(f"sqlite:///{tmp_path / 'monitor.db'}")


def tweet(external_id: str, text: str = "@northwindcoffee hello", *, kind: str = "mention", author_id: str = "2001",
          created_at: datetime | None = None, raw: dict | None = None) -> FetchedItem:
    """A tweet created an hour before NOW unless told otherwise."""
    return FetchedItem(
        external_id=external_id,
        kind=kind,
        author_id=author_id,
        author_handle="alice" if author_id == "2001" else None,
        created_at=created_at or NOW - timedelta(hours=1),
        text=text,
        url=f"https://x.com/i/web/status/{external_id}",
        raw=raw or {},
    )


def save(
    sessions: sessionmaker[Session],
    items: Iterable[FetchedItem],
    cursors: dict[str, str] | None = None,
    account: tuple[str, str, str] = COFFEE,
    now: datetime = NOW,
) -> SaveResult:
    """Save one batch for an account in one transaction, as the sweep does."""
    name, handle, external_id = account
    with sessions() as session, session.begin():
        stored = ensure_account(session, name, "x", handle, now)
        batch = Batch(items=list(items), snapshot=ProfileSnapshot(external_id, handle, followers=100), cursors=cursors or {})
        return save_batch(session, stored, "x", batch, now)


def count(sessions: sessionmaker[Session], model: type) -> int:
    """Rows of one table."""
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def texts(sessions: sessionmaker[Session], account: tuple[str, str, str] = COFFEE, kinds: list[str] | None = None) -> dict[str, str]:
    """external_id -> text of an account's stored items."""
    with sessions() as session:
        stored = ensure_account(session, account[0], "x", account[1], NOW)
        return {i.external_id: i.text for i in account_items(session, stored.id, kinds=kinds)}


def cursors_of(sessions: sessionmaker[Session], account: tuple[str, str, str] = COFFEE) -> dict[str, str]:
    """The account's stored cursors."""
    with sessions() as session:
        return load_cursors(session, ensure_account(session, account[0], "x", account[1], NOW).id)


def test_saving_an_item_again_keeps_one_row_and_updates_its_text(sessions: sessionmaker[Session]) -> None:
    first = save(sessions, [tweet("3001", "@northwindcoffee wher is my order")])
    again = save(sessions, [tweet("3001", "@northwindcoffee where is my order?"), tweet("3002")], now=NOW + timedelta(minutes=15))

    assert (first.new, again.new, again.fetched) == (1, 1, 2)
    assert count(sessions, Item) == 2
    assert texts(sessions)["3001"] == "@northwindcoffee where is my order?"
    with sessions() as session:
        row = session.scalar(select(Item).where(Item.external_id == "3001"))
        assert row is not None and row.fetched_at == NOW + timedelta(minutes=15)


def test_same_item_twice_in_one_batch_is_stored_once(sessions: sessionmaker[Session]) -> None:
    result = save(sessions, [tweet("3001", "old"), tweet("3001", "new")])

    assert (result.new, count(sessions, Item)) == (1, 1)
    assert texts(sessions) == {"3001": "new"}


def test_same_tweet_for_two_accounts_is_one_item_linked_to_both(sessions: sessionmaker[Session]) -> None:
    both = tweet("3001", "@northwindcoffee @northwindtea which one has oat milk?")
    save(sessions, [both], account=COFFEE)
    save(sessions, [both, tweet("3002", "@northwindtea hi")], account=TEA)

    assert count(sessions, Item) == 2
    assert count(sessions, AccountItem) == 3
    assert list(texts(sessions, COFFEE)) == ["3001"]
    assert sorted(texts(sessions, TEA)) == ["3001", "3002"]


def test_one_brands_post_is_the_other_watched_brands_mention(sessions: sessionmaker[Session]) -> None:
    # @northwindcoffee's own post tags @northwindtea: a post for one account, a mention for the other.
    save(sessions, [tweet("1101", "Collab with @northwindtea this weekend!", kind="post", author_id="1001")], account=COFFEE)
    save(sessions, [tweet("1101", "Collab with @northwindtea this weekend!", kind="mention", author_id="1001")], account=TEA)

    assert list(texts(sessions, COFFEE, kinds=["post"])) == ["1101"]
    assert list(texts(sessions, TEA, kinds=["mention"])) == ["1101"]


def links(sessions: sessionmaker[Session]) -> dict[tuple[str, str], datetime]:
    """(account name, external_id) -> the link row's time, for every link."""
    with sessions() as session:
        rows = session.execute(select(Account.name, Item.external_id, AccountItem.created_at).join(AccountItem.item).join(Account))
        return {(name, ext): created_at for name, ext, created_at in rows}


def fetched_at(sessions: sessionmaker[Session], external_id: str) -> datetime:
    """When the stored row of one item was last written."""
    with sessions() as session:
        return session.scalars(select(Item.fetched_at).where(Item.external_id == external_id)).one()


def test_the_link_row_carries_the_items_own_time(sessions: sessionmaker[Session]) -> None:
    save(sessions, [tweet("3001", created_at=NOW - timedelta(days=3)), tweet("3002")])

    assert links(sessions) == {(COFFEE[0], "3001"): NOW - timedelta(days=3), (COFFEE[0], "3002"): NOW - timedelta(hours=1)}


def test_an_unchanged_item_is_not_rewritten_and_a_changed_one_is_counted(sessions: sessionmaker[Session]) -> None:
    first = save(sessions, [tweet("3001", raw={"lang": "en", "metrics": {"likes": 1}}), tweet("3002")])
    again = save(sessions, [tweet("3001", raw={"lang": "en", "metrics": {"likes": 1}}), tweet("3002")], now=NOW + timedelta(minutes=15))

    assert (first.fetched, first.new, first.changed) == (2, 2, 0)
    assert (again.fetched, again.new, again.changed) == (2, 0, 0)
    assert fetched_at(sessions, "3001") == fetched_at(sessions, "3002") == NOW

    edited = save(
        sessions,
        [tweet("3001", raw={"lang": "en", "metrics": {"likes": 2}}), tweet("3002", "@northwindcoffee hello?"), tweet("3003")],
        now=NOW + timedelta(minutes=30),
    )

    assert (edited.fetched, edited.new, edited.changed) == (3, 1, 2)
    assert fetched_at(sessions, "3001") == fetched_at(sessions, "3002") == NOW + timedelta(minutes=30)
    assert texts(sessions)["3002"] == "@northwindcoffee hello?"
    with sessions() as session:
        assert session.scalars(select(Item.raw).where(Item.external_id == "3001")).one() == {"lang": "en", "metrics": {"likes": 2}}


def test_an_unchanged_item_is_still_linked_to_a_second_account(sessions: sessionmaker[Session]) -> None:
    both = [tweet(str(3000 + n), f"@northwindcoffee @northwindtea {n}", created_at=NOW - timedelta(hours=n)) for n in range(1, 4)]
    save(sessions, both, account=COFFEE)
    # More than a chunk: the ids of unchanged items are looked up chunk by chunk.
    many = [tweet(str(5000 + n)) for n in range(600)]
    save(sessions, many, account=COFFEE)
    result = save(sessions, [*both, *many, tweet("3009", "@northwindtea hi")], account=TEA, now=NOW + timedelta(minutes=15))

    assert (result.new, result.changed) == (1, 0)
    assert sorted(texts(sessions, TEA)) == sorted(["3001", "3002", "3003", "3009", *(i.external_id for i in many)])
    assert links(sessions)[(TEA[0], "3003")] == NOW - timedelta(hours=3)
    assert fetched_at(sessions, "3001") == NOW


def test_an_item_that_moved_in_time_moves_in_every_account(sessions: sessionmaker[Session]) -> None:
    save(sessions, [tweet("3001", created_at=NOW - timedelta(hours=2))], account=COFFEE)
    save(sessions, [tweet("3001", created_at=NOW - timedelta(hours=2))], account=TEA)

    result = save(sessions, [tweet("3001", created_at=NOW - timedelta(hours=3))], account=TEA, now=NOW + timedelta(minutes=15))

    assert result.changed == 1
    assert links(sessions) == {(COFFEE[0], "3001"): NOW - timedelta(hours=3), (TEA[0], "3001"): NOW - timedelta(hours=3)}


def test_account_items_window_is_inclusive_and_ordered_by_the_items_time(sessions: sessionmaker[Session]) -> None:
    save(sessions, [tweet(str(3000 + n), created_at=NOW - timedelta(days=n), kind="post" if n % 2 else "mention") for n in range(10)])

    with sessions() as session:
        account_id = ensure_account(session, COFFEE[0], "x", COFFEE[1], NOW).id
        window = account_items(session, account_id, since=NOW - timedelta(days=6), until=NOW - timedelta(days=2))
        posts = account_items(session, account_id, until=NOW - timedelta(days=3), kinds=["post"])
        every = account_items(session, account_id)
        kinds = account_links(session, account_id, since=NOW - timedelta(days=1))

    assert [(i.external_id, kind) for i, kind in kinds] == [("3001", "post"), ("3000", "mention")]
    assert [i.external_id for i in window] == ["3006", "3005", "3004", "3003", "3002"]
    assert [i.external_id for i in posts] == ["3009", "3007", "3005", "3003"]
    assert [i.external_id for i in every] == [str(3000 + n) for n in range(9, -1, -1)]


def _planned(sessions: sessionmaker[Session], read: Callable[[Session, int], object]) -> str:
    """SQLite's plan of the statement that `read` sends about account_items."""
    engine = sessions.kw["bind"]
    sent: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "account_items" in statement:
            sent.append((statement, parameters))

    with sessions() as session:
        account_id = ensure_account(session, COFFEE[0], "x", COFFEE[1], NOW).id
        event.listen(engine, "before_cursor_execute", capture)
        try:
            read(session, account_id)
        finally:
            event.remove(engine, "before_cursor_execute", capture)
    [(statement, parameters)] = sent
    with engine.connect() as connection:
        return " / ".join(row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))


@pytest.mark.parametrize(
    "read",
    [
        lambda session, account: account_items(session, account, since=NOW - timedelta(days=7), kinds=["mention", "comment"]),
        lambda session, account: account_items(session, account, since=NOW - timedelta(days=7), until=NOW),
        lambda session, account: account_items(session, account, kinds=["message"]),
        lambda session, account: latest_posts(session, account, "1001", 5, until=NOW),
        lambda session, account: account_links(session, account, since=NOW - timedelta(days=2), until=NOW),
        lambda session, account: account_rows(session, account, NOW - timedelta(days=60), NOW),
    ],
    ids=["since-kinds", "since-until-every-kind", "one-kind", "latest-posts", "links", "detector-rows"],
)
def test_windowed_reads_use_the_account_kind_time_index(sessions: sessionmaker[Session], read: Callable[[Session, int], object]) -> None:
    save(sessions, [tweet(str(3000 + n), created_at=NOW - timedelta(hours=n), kind=("post", "mention", "reply")[n % 3]) for n in range(300)])

    plan = _planned(sessions, read)

    assert "ix_account_items_account_kind_time" in plan, plan
    assert "SCAN account_items" not in plan, plan


def test_cursors_are_saved_with_the_batch_and_advance_per_stream(sessions: sessionmaker[Session]) -> None:
    save(sessions, [tweet("3001")], cursors={"mentions": "3001", "timeline": "1101"})
    assert cursors_of(sessions) == {"mentions": "3001", "timeline": "1101"}

    save(sessions, [tweet("3005")], cursors={"mentions": "3005"}, now=NOW + timedelta(minutes=15))

    assert cursors_of(sessions) == {"mentions": "3005", "timeline": "1101"}
    assert cursors_of(sessions, TEA) == {}


@pytest.mark.parametrize("bad_position", [0, 599], ids=["first-chunk", "second-chunk"])
def test_batch_failing_midway_rolls_back_items_snapshot_and_cursors(sessions: sessionmaker[Session], bad_position: int) -> None:
    save(sessions, [tweet("3000")], cursors={"mentions": "3000"})
    items = [tweet(str(4000 + n)) for n in range(600)]
    # A connector bug: one item with a naive datetime. The store refuses it...
    items[bad_position] = tweet(str(4000 + bad_position), created_at=datetime(2026, 11, 20, 17, 0))

    with pytest.raises(StatementError, match="naive datetime"):
        save(sessions, items, cursors={"mentions": "4599"}, now=NOW + timedelta(minutes=15))

    # ...and nothing of the batch is kept: the next sweep fetches it all again.
    assert count(sessions, Item) == 1
    assert count(sessions, Snapshot) == 1
    assert cursors_of(sessions) == {"mentions": "3000"}


def finding(account_id: int, fingerprint: str, status: str) -> Finding:
    """A stored finding row with the given fingerprint and status."""
    return Finding(
        fingerprint=fingerprint,
        account_id=account_id,
        mistake="ignoring",
        rule="unanswered_mention",
        severity="warning",
        status=status,
        first_seen=NOW,
        last_seen=NOW,
        resolved_at=NOW if status == "resolved" else None,
        summary="@alice wrote to @northwindcoffee 3h ago and has had no reply",
        item_ids=["3001"],
        evidence=[],
    )


@pytest.mark.parametrize(
    ("statuses", "allowed"),
    [
        (("open", "open"), False),
        (("resolved", "open"), True),
        (("resolved", "resolved"), True),
    ],
)
def test_at_most_one_open_finding_per_fingerprint(sessions: sessionmaker[Session], statuses: tuple[str, str], allowed: bool) -> None:
    with sessions() as session, session.begin():
        account_id = ensure_account(session, COFFEE[0], "x", COFFEE[1], NOW).id

    with sessions() as session:
        session.add_all([finding(account_id, "f" * 64, status) for status in statuses])
        if allowed:
            session.commit()
        else:
            with pytest.raises(IntegrityError):
                session.commit()

    with sessions() as session:
        stored = [f.status for f in session.scalars(select(Finding).order_by(Finding.id))]
        assert stored == (list(statuses) if allowed else [])
        assert len(open_findings(session, account_id)) == (statuses.count("open") if allowed else 0)


def test_upgrade_database_is_idempotent_and_keeps_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    engine = make_engine(url)

    assert current_revision(engine) is None
    assert upgrade_database(engine) is True
    head = current_revision(engine)
    assert head is not None
    assert upgrade_database(engine) is False
    assert current_revision(engine) == head

    sessions = open_database(url)
    save(sessions, [tweet("3001")], cursors={"mentions": "3001"})
    reopened = open_database(url)
    assert texts(reopened) == {"3001": "@northwindcoffee hello"}
    assert cursors_of(reopened) == {"mentions": "3001"}
