"""planning as timelines: silences (posting_gap), bursts after silence (irregular_cadence), the weekly plan."""

from __future__ import annotations

import math
import statistics
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from connectors.base import FetchedItem
from monitor.detectors.context import Context
from monitor.detectors.registry import registry
from monitor.reconcile import reconcile
from monitor.store.repo import ensure_account
from tests.detectors.helpers import ACCOUNT, ALICE, BRAND, NOW, Brand, ago, brand_reply, make_brand, mention, tweet
from tests.detectors.test_response import fb_post, make_page


@pytest.fixture
def brand(tmp_path: Path) -> Brand:
    """The X brand with the default planning rules."""
    return make_brand(tmp_path)


def post(external_id: str, created_at: datetime, **fields: object) -> FetchedItem:
    """A brand post with a text of its own."""
    return tweet(external_id, created_at, f"Northwind news number {external_id}", **fields)


def posts(first_id: int, times: list[datetime]) -> list[FetchedItem]:
    """Brand posts at the given times, ids counting up from first_id."""
    return [post(str(first_id + n), at) for n, at in enumerate(times)]


def keys(brand: Brand, rule: str, now: datetime = NOW) -> list[str]:
    """The keys of rule's findings at now."""
    return [f.key for f in brand.run(now, rule)]


def sweep(brand: Brand, now: datetime, rule: str) -> dict[str, list[str]]:
    """Detect and reconcile as one sweep does; the item_ids of rule's findings opened and resolved."""
    with brand.sessions() as session, session.begin():
        account = ensure_account(session, ACCOUNT, "x", BRAND, now)
        found, ran = registry().run(Context(session, account, brand.settings, now))
        result = reconcile(session, account, found, ran, now, "en")
        return {
            "opened": [f.item_ids[0] for f in result.opened if f.rule == rule],
            "resolved": [f.item_ids[0] for f in result.resolved if f.rule == rule],
        }


# posting_gap

@pytest.mark.parametrize(
    ("silence", "reported"),
    [
        (timedelta(days=2, hours=23, minutes=59), False),
        (timedelta(days=3), False),  # exactly the limit: not yet longer than it
        (timedelta(days=3, minutes=1), True),
    ],
)
def test_x_account_silent_for_more_than_three_days(brand: Brand, silence: timedelta, reported: bool) -> None:
    brand.save(post("1101", NOW - silence))

    assert keys(brand, "posting_gap") == (["1101"] if reported else [])


def test_posting_gap_finding_names_the_silence_and_shows_the_last_post(brand: Brand) -> None:
    brand.save(post("1100", ago(days=9)), post("1101", ago(days=4, hours=5)))

    [finding] = brand.run(NOW, "posting_gap")

    assert (finding.mistake, finding.severity) == ("planning", "warning")
    assert finding.summary["en"] == "northwind-x has published nothing for 4d 5h; on X the limit is 3d"
    assert finding.summary["ru"] == "northwind-x ничего не публикует уже 4 д 5 ч; для X допустимо не больше 3 д"
    assert finding.item_ids == ["1101"]
    assert finding.evidence[0]["url"] == f"https://x.com/{BRAND}/status/1101"


def test_silence_twice_the_limit_is_critical(brand: Brand) -> None:
    brand.save(post("1101", ago(days=6)))

    [finding] = brand.run(NOW, "posting_gap")

    assert finding.severity == "critical"


@pytest.mark.parametrize(("silence_days", "reported"), [(6.9, False), (7.1, True)])
def test_facebook_page_default_limit_is_seven_days(tmp_path: Path, silence_days: float, reported: bool) -> None:
    page = make_page(tmp_path)
    page.save(fb_post("2002_1", ago(days=silence_days)))

    findings = page.run(NOW, "posting_gap")

    assert [f.key for f in findings] == (["2002_1"] if reported else [])
    if reported:
        assert findings[0].summary["en"].endswith("on Facebook the limit is 7d")


def test_replies_retweets_and_other_peoples_posts_do_not_end_a_silence(brand: Brand) -> None:
    question = mention("3001", ago(hours=3))
    brand.save(
        post("1101", ago(days=5)),
        post("1102", ago(hours=2), is_share=True),
        question,
        brand_reply("1103", ago(hours=1), to=question),
        tweet("3002", ago(hours=1), "Alice's own post", author=ALICE),
    )

    assert keys(brand, "posting_gap") == ["1101"]


def test_account_that_never_posted_has_no_gap(brand: Brand) -> None:
    # Maybe it was only just connected: a mention is stored, no history of its own yet.
    brand.save(mention("3001", ago(days=10)))

    assert keys(brand, "posting_gap") == []


def test_a_new_post_resolves_the_gap_and_the_next_silence_is_a_new_finding(brand: Brand) -> None:
    brand.save(post("1101", ago(days=4)))
    assert sweep(brand, NOW, "posting_gap") == {"opened": ["1101"], "resolved": []}

    brand.save(post("1102", NOW + timedelta(hours=1)))
    assert sweep(brand, NOW + timedelta(hours=2), "posting_gap") == {"opened": [], "resolved": ["1101"]}
    assert sweep(brand, NOW + timedelta(days=3, hours=2), "posting_gap") == {"opened": ["1102"], "resolved": []}


@pytest.mark.parametrize(
    ("account_rules", "reported"),
    [
        ("", False),  # two days is within the X default of three
        ('[accounts.rules.planning]\nmax_gap = "1d"', True),
        ('[accounts.rules.planning]\nmax_gap = "1d"\ndisable = ["posting_gap"]', False),
        ('[accounts.rules.planning]\nmax_gap = "1d"\nenabled = false', False),
    ],
)
def test_max_gap_per_account_and_disable(tmp_path: Path, account_rules: str, reported: bool) -> None:
    brand = make_brand(tmp_path, account_rules=account_rules)
    brand.save(post("1101", ago(days=2)))

    assert len(brand.run(NOW, "posting_gap")) == (1 if reported else 0)


# irregular_cadence

def kim_jo(gaps: list[float]) -> float:
    """The expected score, written out from Kim & Jo (2016), eq. for A_n(r) with n gaps."""
    n, r = len(gaps), statistics.pstdev(gaps) / statistics.fmean(gaps)
    return (math.sqrt(n + 1) * r - math.sqrt(n - 1)) / ((math.sqrt(n + 1) - 2) * r + math.sqrt(n - 1))


def burst_after_silence(count: int) -> list[FetchedItem]:
    """A post 45 days ago, a month of nothing, then count posts within the last two days."""
    return [post("1100", ago(days=45)), *posts(1101, [ago(days=2) + n * timedelta(hours=8) for n in range(count)])]


def test_burst_after_a_month_of_silence_is_irregular_cadence(brand: Brand) -> None:
    brand.save(*burst_after_silence(6))

    [finding] = brand.run(NOW, "irregular_cadence")

    # The silence counts from the window's start (30 days ago) to the first post of the burst.
    expected = kim_jo([timedelta(days=28).total_seconds()] + [timedelta(hours=8).total_seconds()] * 5)
    assert (finding.mistake, finding.key, finding.severity) == ("planning", "cadence", "warning")
    assert finding.details["burstiness"] == pytest.approx(expected, abs=1e-3)
    assert finding.details["burstiness"] > 0.8
    assert finding.summary["en"] == (
        f"northwind-x posts in bursts and silences: 6 posts in the last 30d, gaps from 8h to 28d "
        f"(burstiness {expected:.2f}, the limit is 0.50)"
    )
    assert finding.summary["ru"].startswith("northwind-x публикует рывками: 6 постов за последние 30 д")
    # The evidence is the last post before the silence, then the burst.
    assert finding.item_ids == ["1100", "1101", "1102", "1103", "1104", "1105"]


@pytest.mark.parametrize(("count", "reported"), [(5, False), (6, True)])
def test_needs_min_posts_in_the_window(brand: Brand, count: int, reported: bool) -> None:
    brand.save(*burst_after_silence(count))

    assert keys(brand, "irregular_cadence") == (["cadence"] if reported else [])


def test_daily_posting_is_regular(brand: Brand) -> None:
    brand.save(post("1100", ago(days=31)), *posts(1101, [ago(days=30 - n, hours=n % 3) for n in range(30)]))

    assert keys(brand, "irregular_cadence") == []


def test_history_that_starts_with_the_burst_is_not_judged_by_a_silence_it_does_not_show(brand: Brand) -> None:
    # Nothing stored before the burst: the account may just have been connected.
    brand.save(*posts(1101, [ago(days=2) + n * timedelta(hours=8) for n in range(6)]))

    assert keys(brand, "irregular_cadence") == []


@pytest.mark.parametrize(("offset", "reported"), [(-0.01, True), (0.01, False)])
def test_max_burstiness_is_the_threshold(tmp_path: Path, offset: float, reported: bool) -> None:
    score = kim_jo([timedelta(days=28).total_seconds()] + [timedelta(hours=8).total_seconds()] * 5)
    brand = make_brand(tmp_path, account_rules=f"[accounts.rules.planning]\nmax_burstiness = {score + offset:.4f}")
    brand.save(*burst_after_silence(6))

    assert keys(brand, "irregular_cadence") == (["cadence"] if reported else [])


def test_cadence_finding_resolves_when_the_rhythm_evens_out(brand: Brand) -> None:
    brand.save(*burst_after_silence(6))
    assert sweep(brand, NOW, "irregular_cadence") == {"opened": ["1100"], "resolved": []}

    # A month of one post a day: the burst leaves the window, the rhythm is steady.
    brand.save(*posts(1201, [NOW + timedelta(days=n) for n in range(1, 31)]))

    assert sweep(brand, NOW + timedelta(days=30, hours=1), "irregular_cadence") == {"opened": [], "resolved": ["1100"]}


@pytest.mark.parametrize(
    ("account_rules", "reported"),
    [
        ('[accounts.rules.planning]\nmin_posts = 7', False),
        ('[accounts.rules.planning]\ndisable = ["irregular_cadence"]', False),
        ('[accounts.rules.planning]\ndisable = ["posting_gap"]', True),
    ],
)
def test_cadence_per_account_settings(tmp_path: Path, account_rules: str, reported: bool) -> None:
    brand = make_brand(tmp_path, account_rules=account_rules)
    brand.save(*burst_after_silence(6))

    assert keys(brand, "irregular_cadence") == (["cadence"] if reported else [])


# posting_plan

PLAN = '[accounts.rules.planning]\nposts_per_week = 7'


def week_of(count: int) -> list[FetchedItem]:
    """count brand posts spread over the last six days, plus one from last month."""
    return [post("1100", ago(days=20)), *posts(1101, [ago(days=6) + n * timedelta(hours=12) for n in range(count)])]


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, ["under"]), (4, ["under"]), (5, []), (7, []), (9, []), (10, ["over"])],
)
def test_plan_of_seven_a_week_with_the_default_thirty_percent_tolerance(tmp_path: Path, count: int, expected: list[str]) -> None:
    brand = make_brand(tmp_path, account_rules=PLAN)
    brand.save(*week_of(count))

    assert keys(brand, "posting_plan") == expected


def test_under_posting_summary_and_evidence(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules=PLAN)
    brand.save(*week_of(3))

    [finding] = brand.run(NOW, "posting_plan")

    assert finding.summary["en"] == (
        "northwind-x published 3 posts in the last 7 days; the plan is 7 a week (at least 5 with the 30% tolerance)"
    )
    assert finding.summary["ru"] == (
        "Аккаунт northwind-x опубликовал 3 поста за последние 7 дней; по плану 7 в неделю (не меньше 5 с учётом допуска 30%)"
    )
    assert finding.item_ids == ["1101", "1102", "1103"]


def test_a_silent_week_shows_the_last_post_as_evidence(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules=PLAN)
    brand.save(*week_of(0))

    [finding] = brand.run(NOW, "posting_plan")

    assert finding.item_ids == ["1100"]
    assert finding.summary["en"].startswith("northwind-x published 0 posts in the last 7 days")


def test_over_posting_summary(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules=PLAN)
    brand.save(*week_of(12))

    [finding] = brand.run(NOW, "posting_plan")

    assert finding.summary["en"].endswith("the plan is 7 a week (at most 9 with the 30% tolerance)")
    assert len(finding.evidence) == 10


def test_no_plan_no_finding(brand: Brand) -> None:
    brand.save(*week_of(20))

    assert keys(brand, "posting_plan") == []


def test_the_week_is_counted_back_from_now(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules='[accounts.rules.planning]\nposts_per_week = 3\nplan_tolerance = 0')
    brand.save(*posts(1101, [ago(days=7, minutes=1), ago(days=6, hours=23, minutes=59), ago(days=3), ago(days=1)]))

    assert keys(brand, "posting_plan") == []  # three posts in the last seven days, the fourth is older
    assert keys(brand, "posting_plan", now=NOW + timedelta(minutes=2)) == ["under"]


def test_plan_set_globally_and_an_account_without_history(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules='[rules.planning]\nposts_per_week = 5')
    brand.save(mention("3001", ago(days=1)))

    assert keys(brand, "posting_plan") == []  # nothing of its own stored yet: not judged


def test_going_from_under_to_over_changes_the_finding(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules=PLAN)
    brand.save(*week_of(2))
    assert sweep(brand, NOW, "posting_plan")["opened"] == ["1101"]

    brand.save(*posts(1201, [NOW + timedelta(hours=n) for n in range(1, 11)]))
    later = sweep(brand, NOW + timedelta(hours=12), "posting_plan")

    assert later["resolved"] == ["1101"] and len(later["opened"]) == 1
    assert keys(brand, "posting_plan", now=NOW + timedelta(hours=12)) == ["over"]
