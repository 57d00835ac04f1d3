"""flooding as a timeline: more than flood_max_posts own posts within any flood_window."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from connectors.base import FetchedItem
from monitor.detectors.context import Context
from monitor.detectors.registry import registry
from monitor.reconcile import reconcile
from monitor.store.repo import ensure_account
from tests.detectors.helpers import ACCOUNT, BRAND, NOW, Brand, ago, brand_reply, make_brand, mention, tweet

RULE = "flooding"


@pytest.fixture
def brand(tmp_path: Path) -> Brand:
    """The brand with the defaults: more than 5 posts within 1h is a flood, looked for over the last day."""
    return make_brand(tmp_path)


def burst(first_id: int, start: datetime, count: int, every: timedelta, **fields: object) -> list[FetchedItem]:
    """count brand posts from start, every apart, with ids first_id, first_id + 1, …"""
    return [
        tweet(str(first_id + n), start + n * every, f"Autumn menu, part {n + 1}: pumpkin latte and more", **fields)
        for n in range(count)
    ]


def floods(brand: Brand, now: datetime = NOW) -> list[list[str]]:
    """item_ids of every flooding finding at now."""
    return [f.item_ids for f in brand.run(now, RULE)]


def test_six_posts_in_an_hour_are_a_flood_with_every_post_as_evidence(brand: Brand) -> None:
    brand.save(*burst(1101, ago(hours=4), 6, timedelta(minutes=10)))

    [finding] = brand.run(NOW, RULE)

    assert (finding.mistake, finding.rule, finding.key, finding.severity) == ("spam", RULE, "1101", "warning")
    assert finding.item_ids == ["1101", "1102", "1103", "1104", "1105", "1106"]
    assert finding.evidence[0]["url"] == f"https://x.com/{BRAND}/status/1101"
    assert finding.summary["en"] == "northwind-x published 6 posts in 50m (from 20 Nov 14:00, UTC); the limit is 5 per 1h"
    assert finding.summary["ru"] == "Аккаунт northwind-x опубликовал 6 постов за 50 мин (с 20.11 14:00, UTC); допустимо не больше 5 за 1 ч"


@pytest.mark.parametrize(
    ("count", "every", "reported"),
    [
        (5, timedelta(minutes=1), False),  # at the limit, however close together
        (6, timedelta(minutes=12), True),  # six posts spanning exactly one hour
        (6, timedelta(minutes=12, seconds=1), False),  # one second more: no hour holds six
    ],
)
def test_flood_starts_above_flood_max_posts_within_flood_window(brand: Brand, count: int, every: timedelta, reported: bool) -> None:
    brand.save(*burst(1101, ago(hours=5), count, every))

    assert len(floods(brand)) == (1 if reported else 0)


def test_a_steady_day_of_posting_is_not_a_flood(brand: Brand) -> None:
    brand.save(*burst(1101, ago(hours=23), 12, timedelta(hours=2)))

    assert floods(brand) == []


def test_replies_to_customers_are_not_a_flood(brand: Brand) -> None:
    questions = [mention(f"30{n:02d}", ago(hours=3, minutes=n)) for n in range(10)]
    brand.save(*questions, *[brand_reply(f"11{n:02d}", ago(hours=2, minutes=n), to=q) for n, q in enumerate(questions)])

    assert floods(brand) == []


def test_retweets_flood_the_feed_too(brand: Brand) -> None:
    brand.save(*burst(1101, ago(hours=3), 6, timedelta(minutes=5), is_share=True))

    assert floods(brand) == [["1101", "1102", "1103", "1104", "1105", "1106"]]


def test_other_authors_posts_do_not_count(brand: Brand) -> None:
    brand.save(*burst(3101, ago(hours=3), 8, timedelta(minutes=5), author=("2001", "alice")))

    assert floods(brand) == []


def test_two_separate_floods_are_two_findings(brand: Brand) -> None:
    brand.save(*burst(1101, ago(hours=20), 6, timedelta(minutes=5)), *burst(1201, ago(hours=6), 7, timedelta(minutes=5)))

    findings = brand.run(NOW, RULE)

    assert [(f.key, len(f.item_ids)) for f in findings] == [("1101", 6), ("1201", 7)]


def test_a_growing_flood_keeps_its_key_and_evidence_is_capped_at_ten(brand: Brand) -> None:
    brand.save(*burst(1101, ago(hours=3), 6, timedelta(minutes=5)))
    [first] = brand.run(ago(hours=2), RULE)

    brand.save(*burst(1107, ago(hours=3) + 6 * timedelta(minutes=5), 8, timedelta(minutes=5)))
    [grown] = brand.run(NOW, RULE)

    assert first.key == grown.key == "1101"
    assert grown.fingerprint(1) == first.fingerprint(1)
    assert grown.details["posts"] == 14
    assert len(grown.evidence) == 10 and grown.item_ids[0] == "1101"
    assert grown.summary["en"].startswith("northwind-x published 14 posts in 1h 5m")


@pytest.mark.parametrize(("last_post_hours_ago", "reported"), [(23, True), (25, False)])
def test_a_flood_stays_a_finding_for_flood_lookback_after_its_last_post(brand: Brand, last_post_hours_ago: int, reported: bool) -> None:
    brand.save(*burst(1101, ago(hours=last_post_hours_ago, minutes=25), 6, timedelta(minutes=5)))

    assert len(floods(brand)) == (1 if reported else 0)


def test_the_flood_finding_resolves_a_day_after_the_flood(brand: Brand) -> None:
    brand.save(*burst(1101, ago(hours=3), 6, timedelta(minutes=5)))

    assert sweep(brand, NOW) == {"opened": ["1101"], "resolved": []}
    assert sweep(brand, NOW + timedelta(hours=12)) == {"opened": [], "resolved": []}
    assert sweep(brand, NOW + timedelta(hours=23)) == {"opened": [], "resolved": ["1101"]}


@pytest.mark.parametrize(
    ("account_rules", "reported"),
    [
        ("", True),
        ('[accounts.rules.spam]\nflood_max_posts = 6', False),
        ('[accounts.rules.spam]\nflood_window = "30m"', False),
        ('[accounts.rules.spam]\ndisable = ["flooding"]', False),
        ('[accounts.rules.spam]\nenabled = false', False),
    ],
)
def test_per_account_limits_and_disable(tmp_path: Path, account_rules: str, reported: bool) -> None:
    brand = make_brand(tmp_path, account_rules=account_rules)
    brand.save(*burst(1101, ago(hours=3), 6, timedelta(minutes=10)))

    assert len(brand.run(NOW, RULE)) == (1 if reported else 0)


def test_summary_shows_the_time_on_the_accounts_clock(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules='timezone = "Europe/Moscow"')
    brand.save(*burst(1101, ago(hours=4), 6, timedelta(minutes=10)))

    [finding] = brand.run(NOW, RULE)

    assert "(from 20 Nov 17:00, Europe/Moscow)" in finding.summary["en"]


def sweep(brand: Brand, now: datetime) -> dict[str, list[str]]:
    """Detect and reconcile as one sweep does; the keys of the flooding findings opened and resolved."""
    with brand.sessions() as session, session.begin():
        account = ensure_account(session, ACCOUNT, "x", BRAND, now)
        found, ran = registry().run(Context(session, account, brand.settings, now))
        result = reconcile(session, account, found, ran, now, "en")
        return {
            "opened": [f.item_ids[0] for f in result.opened if f.rule == RULE],
            "resolved": [f.item_ids[0] for f in result.resolved if f.rule == RULE],
        }
