"""reconcile over several sweeps: open new findings, refresh seen ones, resolve gone ones, reopen returners."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from monitor.detectors import Detected
from monitor.reconcile import Reconciled, reconcile
from monitor.store import open_database
from monitor.store.models import Finding
from monitor.store.repo import ensure_account

T0 = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
MENTION = ("ignoring", "unanswered_mention")
REPEAT = ("spam", "repeated_update")
ALL_RULES = {MENTION, REPEAT}


def detected(key: str = "3001", rule: tuple[str, str] = MENTION, severity: str = "warning", age: str = "3h") -> Detected:
    """A finding as a rule would report it."""
    mistake, name = rule
    return Detected(
        mistake=mistake,
        rule=name,
        key=key,
        severity=severity,
        summary={
            "en": f"@alice wrote to @northwindcoffee {age} ago and has had no reply",
            "ru": f"Сообщение @alice для @northwindcoffee ждёт ответа уже {age}",
        },
        item_ids=[key],
        evidence=[{"item_id": key, "url": f"https://x.com/alice/status/{key}", "excerpt": "where is my order?"}],
        details={"age": age},
    )


@pytest.fixture
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    """A fresh, migrated SQLite database with the account northwind-x."""
    sessions = open_database(f"sqlite:///{tmp_path / 'monitor.db'}")
    with sessions() as session, session.begin():
        ensure_account(session, "northwind-x", "x", "northwindcoffee", T0 - timedelta(days=30))
    return sessions


def sweep(
    sessions: sessionmaker[Session],
    found: list[Detected],
    now: datetime,
    ran: set[tuple[str, str]] = ALL_RULES,
    language: str = "en",
) -> Reconciled:
    """Reconcile one sweep's detections in one transaction, as sweep_account does."""
    with sessions() as session, session.begin():
        account = ensure_account(session, "northwind-x", "x", "northwindcoffee", now)
        return reconcile(session, account, found, ran, now, language)


def stored(sessions: sessionmaker[Session]) -> list[Finding]:
    """Every finding row, oldest first."""
    with sessions() as session:
        return list(session.scalars(select(Finding).order_by(Finding.id)))


def test_new_detection_opens_a_finding(sessions: sessionmaker[Session]) -> None:
    result = sweep(sessions, [detected("3001")], T0)

    assert len(result.opened) == 1 and not result.refreshed and not result.resolved
    [row] = stored(sessions)
    assert (row.mistake, row.rule, row.status, row.severity) == ("ignoring", "unanswered_mention", "open", "warning")
    assert (row.first_seen, row.last_seen, row.resolved_at) == (T0, T0, None)
    assert row.summary == "@alice wrote to @northwindcoffee 3h ago and has had no reply"
    assert row.item_ids == ["3001"]
    assert row.evidence[0]["url"] == "https://x.com/alice/status/3001"


def test_summary_is_stored_in_the_email_language(sessions: sessionmaker[Session]) -> None:
    sweep(sessions, [detected("3001")], T0, language="ru")

    [row] = stored(sessions)
    assert row.summary == "Сообщение @alice для @northwindcoffee ждёт ответа уже 3h"
    assert row.details["summary"]["en"].startswith("@alice wrote to")


def test_same_detection_again_refreshes_the_same_row(sessions: sessionmaker[Session]) -> None:
    first = sweep(sessions, [detected("3001")], T0)
    later = T0 + timedelta(minutes=15)

    again = sweep(sessions, [detected("3001", age="3h 15m")], later)

    assert (len(again.opened), len(again.refreshed), len(again.resolved)) == (0, 1, 0)
    [row] = stored(sessions)
    assert row.id == first.opened[0].id
    assert (row.status, row.first_seen, row.last_seen) == ("open", T0, later)
    assert row.summary == "@alice wrote to @northwindcoffee 3h 15m ago and has had no reply"


def test_severity_escalates_on_the_same_row(sessions: sessionmaker[Session]) -> None:
    sweep(sessions, [detected("3001")], T0)

    sweep(sessions, [detected("3001", severity="critical", age="1d")], T0 + timedelta(hours=21))

    [row] = stored(sessions)
    assert (row.severity, row.status) == ("critical", "open")


def test_duplicate_detections_in_one_sweep_open_one_finding(sessions: sessionmaker[Session]) -> None:
    result = sweep(sessions, [detected("3001"), detected("3001")], T0)

    assert len(result.opened) == 1
    assert len(stored(sessions)) == 1


def test_gone_detection_is_resolved_when_its_rule_ran(sessions: sessionmaker[Session]) -> None:
    sweep(sessions, [detected("3001"), detected("3002")], T0)
    later = T0 + timedelta(minutes=15)

    result = sweep(sessions, [detected("3002")], later)

    assert [r.item_ids for r in result.resolved] == [["3001"]]
    assert [(r.item_ids, r.status, r.resolved_at) for r in stored(sessions)] == [
        (["3001"], "resolved", later),
        (["3002"], "open", None),
    ]


@pytest.mark.parametrize(
    ("ran", "mention_status", "repeat_status"),
    [
        (ALL_RULES, "resolved", "resolved"),
        ({REPEAT}, "open", "resolved"),  # unanswered_mention failed or was disabled this sweep
        (set(), "open", "open"),
    ],
)
def test_only_rules_that_ran_resolve_their_findings(
    sessions: sessionmaker[Session], ran: set[tuple[str, str]], mention_status: str, repeat_status: str
) -> None:
    sweep(sessions, [detected("3001", MENTION), detected("1102", REPEAT)], T0)

    sweep(sessions, [], T0 + timedelta(minutes=15), ran=ran)

    assert {r.rule: r.status for r in stored(sessions)} == {
        "unanswered_mention": mention_status,
        "repeated_update": repeat_status,
    }


def test_reappearing_after_resolve_opens_a_new_finding(sessions: sessionmaker[Session]) -> None:
    sweep(sessions, [detected("3001")], T0)
    sweep(sessions, [], T0 + timedelta(minutes=15))
    back = T0 + timedelta(minutes=30)

    result = sweep(sessions, [detected("3001")], back)

    assert len(result.opened) == 1
    first, second = stored(sessions)
    assert first.fingerprint == second.fingerprint
    assert (first.status, second.status) == ("resolved", "open")
    assert (second.first_seen, second.last_seen) == (back, back)
    assert first.id != second.id


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ((detected("3001"), 1), (detected("3001"), 1), True),
        ((detected("3001"), 1), (detected("3001", severity="critical", age="2d"), 1), True),  # wording is not identity
        ((detected("3001"), 1), (detected("3002"), 1), False),
        ((detected("3001"), 1), (detected("3001"), 2), False),  # another account
        ((detected("3001", MENTION), 1), (detected("3001", REPEAT), 1), False),
    ],
    ids=["same", "same-key-new-wording", "other-key", "other-account", "other-rule"],
)
def test_fingerprint_is_deterministic(left: tuple[Detected, int], right: tuple[Detected, int], same: bool) -> None:
    left_fp, right_fp = left[0].fingerprint(left[1]), right[0].fingerprint(right[1])

    assert (left_fp == right_fp) is same
    assert left_fp == left[0].fingerprint(left[1])
    assert len(left_fp) == 64
