"""response_rate as a timeline: how many questions of the last week got an answer within reply_within."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from connectors.base import Batch, FetchedItem, ProfileSnapshot
from monitor.detectors.context import Context
from monitor.detectors.registry import registry
from monitor.reconcile import reconcile
from monitor.settings import load_settings
from monitor.store import open_database
from monitor.store.models import Account
from monitor.store.repo import ensure_account, save_batch
from tests.detectors.helpers import ACCOUNT, BRAND, NOW, Brand, ago, brand_reply, make_brand, mention

RULE = "response_rate"
PAGE = "northwind-fb"
PAGE_ID = "2002"
CUSTOMER = ("3101", "Alice Smith")
MOSCOW = ZoneInfo("Europe/Moscow")


class Page(Brand):
    """The brand's Facebook Page on a fresh database (the X Brand helper, pointed at Facebook)."""

    def _account(self, session: Session) -> Account:
        return ensure_account(session, PAGE, "facebook", None, NOW - timedelta(days=60))

    def save(self, *items: FetchedItem, now: datetime = NOW) -> None:
        with self.sessions() as session, session.begin():
            batch = Batch(items=list(items), snapshot=ProfileSnapshot(external_id=PAGE_ID, handle="Northwind Coffee"))
            save_batch(session, self._account(session), "facebook", batch, now)


def make_page(tmp_path: Path, account_rules: str = "", global_rules: str = "") -> Page:
    """A Page whose settings come from a real config file and whose store is real SQLite."""
    path = tmp_path / "monitor.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///monitor.db"\n\n[[accounts]]\nname = "{PAGE}"\nplatform = "facebook"\n'
        f'page_id = "{PAGE_ID}"\n{account_rules}\n\n{global_rules}\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    return Page(open_database(settings.database_url()), settings.account(PAGE))


def fb_post(external_id: str, created_at: datetime, text: str = "Our winter menu is here") -> FetchedItem:
    """A post by the Page, as the Facebook connector maps it."""
    return FetchedItem(external_id, "post", PAGE_ID, None, created_at, text,
                       url=f"https://www.facebook.com/{external_id}", conversation_id=external_id)


def comment(external_id: str, created_at: datetime, post: str = "2002_1", text: str = "Do you have oat milk?",
            author: tuple[str, str] = CUSTOMER) -> FetchedItem:
    """A top-level comment by someone else under a Page post."""
    return FetchedItem(external_id, "comment", author[0], author[1], created_at, text,
                       url=f"https://www.facebook.com/{external_id}", conversation_id=post)


def page_reply(external_id: str, created_at: datetime, to: FetchedItem, text: str = "Yes, we do!") -> FetchedItem:
    """The Page's reply to a comment (its parent), as the connector maps it."""
    return FetchedItem(external_id, "reply", PAGE_ID, None, created_at, text,
                       url=f"https://www.facebook.com/{external_id}", reply_to_id=to.external_id,
                       reply_to_author_id=to.author_id, conversation_id=to.conversation_id)


def asked(delays: list[float | None], first: datetime = ago(days=3), every: timedelta = timedelta(hours=3)) -> list[FetchedItem]:
    """Mentions `every` apart from `first`, each answered after delays[i] minutes (None: never)."""
    items: list[FetchedItem] = []
    for number, delay in enumerate(delays):
        question = mention(f"30{number:02d}", first + number * every, conversation_id=f"30{number:02d}")
        items.append(question)
        if delay is not None:
            items.append(brand_reply(f"11{number:02d}", question.created_at + timedelta(minutes=delay), to=question))
    return items


@pytest.fixture
def brand(tmp_path: Path) -> Brand:
    """The X brand with the defaults: reply_within 2h, target 90%, a 7-day window, at least 5 questions."""
    return make_brand(tmp_path)


def test_rate_below_target_is_reported_with_the_worst_questions_as_evidence(brand: Brand) -> None:
    # Eight answered in 20 minutes, one after 5 hours, one never.
    brand.save(*asked([20, 20, 300, 20, 20, None, 20, 20, 20, 20]))

    [finding] = brand.run(NOW, RULE)

    assert (finding.mistake, finding.key, finding.severity) == ("ignoring", "rate", "warning")
    assert finding.summary["en"] == (
        f"@{BRAND} answered 8 of 10 mentions of the last 7d within 2h (80%); the target is 90%"
    )
    assert finding.summary["ru"] == (
        f"Аккаунт @{BRAND} ответил за 2 ч на 8 из 10 упоминаний за последние 7 д (80%); цель — 90%"
    )
    assert finding.item_ids == ["3005", "3002"]  # the unanswered one first, then the slow one
    assert [e["answered"] for e in finding.evidence] == [False, True]
    assert finding.evidence[1]["waited_seconds"] == 5 * 3600
    assert finding.evidence[0]["url"] == "https://x.com/alice/status/3005"
    assert finding.details["questions"] == 10 and finding.details["unanswered"] == 1


def test_rate_at_the_target_is_not_reported(brand: Brand) -> None:
    brand.save(*asked([20] * 9 + [None]))

    assert brand.run(NOW, RULE) == []


@pytest.mark.parametrize(("delay", "reported"), [(119, False), (120, False), (121, True)])
def test_answer_counts_as_in_time_up_to_reply_within(brand: Brand, delay: int, reported: bool) -> None:
    brand.save(*asked([delay] * 5))

    findings = brand.run(NOW, RULE)

    assert [f.details["answered_in_time"] for f in findings] == ([0] if reported else [])


def test_fewer_than_half_answered_in_time_is_critical(brand: Brand) -> None:
    brand.save(*asked([20, 20, None, None, None]))

    [finding] = brand.run(NOW, RULE)

    assert finding.severity == "critical"
    assert "2 of 5 mentions" in finding.summary["en"]
    assert len(finding.evidence) == 3


@pytest.mark.parametrize(("questions", "reported"), [(4, False), (5, True)])
def test_needs_response_min_questions(brand: Brand, questions: int, reported: bool) -> None:
    brand.save(*asked([None] * questions))

    assert len(brand.run(NOW, RULE)) == (1 if reported else 0)


@pytest.mark.parametrize(("newest_minutes_ago", "reported"), [(119, False), (120, True)])
def test_questions_younger_than_reply_within_are_not_counted_yet(brand: Brand, newest_minutes_ago: int, reported: bool) -> None:
    # Four unanswered from yesterday, and a fifth whose reply window may still be open.
    brand.save(*asked([None] * 4, first=ago(days=1)), mention("3099", ago(minutes=newest_minutes_ago), conversation_id="3099"))

    assert len(brand.run(NOW, RULE)) == (1 if reported else 0)


def test_questions_before_the_response_window_are_not_counted(brand: Brand) -> None:
    brand.save(*asked([None] * 5, first=ago(days=8)), *asked([20] * 5, first=ago(days=2)))

    assert brand.run(NOW, RULE) == []


def test_retweets_and_the_brands_own_mentions_are_not_questions(brand: Brand) -> None:
    brand.save(
        *asked([20] * 5),
        *[mention(f"40{n}", ago(days=1, hours=n), "RT @northwindcoffee: new blend", is_share=True) for n in range(5)],
        *[mention(f"12{n}", ago(days=1, hours=n), "@northwindcoffee team meetup", author=("1001", BRAND)) for n in range(5)],
    )

    assert brand.run(NOW, RULE) == []


def test_facebook_comments_answered_by_page_replies(tmp_path: Path) -> None:
    page = make_page(tmp_path)
    post = fb_post("2002_1", ago(days=3))
    questions = [comment(f"2002_1_{n}", ago(days=2, hours=n), author=(f"310{n}", f"Customer {n}")) for n in range(5)]
    answers = [page_reply(f"2002_1_9{n}", q.created_at + timedelta(minutes=10), to=q) for n, q in enumerate(questions[:3])]
    page.save(post, *questions, *answers)

    [finding] = page.run(NOW, RULE)

    assert finding.summary["en"] == "northwind-fb answered 3 of 5 comments of the last 7d within 2h (60%); the target is 90%"
    assert "на 3 из 5 комментариев" in finding.summary["ru"]
    assert finding.item_ids == ["2002_1_4", "2002_1_3"]  # the longest waiting first


@pytest.mark.parametrize(
    ("account_rules", "reported"),
    [
        ("", True),
        ('[accounts.rules.ignoring]\nresponse_target = 0.8', False),
        ('[accounts.rules.ignoring]\nreply_within = "6h"', False),
        ('[accounts.rules.ignoring]\ndisable = ["response_rate"]', False),
    ],
)
def test_per_account_target_window_and_disable(tmp_path: Path, account_rules: str, reported: bool) -> None:
    brand = make_brand(tmp_path, account_rules=account_rules)
    brand.save(*asked([20, 20, 20, 300, 20]))

    assert len(brand.run(NOW, RULE)) == (1 if reported else 0)
    assert brand.run(NOW, "unanswered_mention") == []  # the other ignoring rules keep running


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November 2026 on a Moscow clock (the 20th is a Friday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MOSCOW)


@pytest.mark.parametrize(("hours", "reported"), [("", True), ('business_hours = "Mon-Fri 09:00-18:00"', False)])
def test_business_hours_stop_the_clock_over_the_weekend(tmp_path: Path, hours: str, reported: bool) -> None:
    # Five questions on Friday evening after closing, all answered at 09:30 on Monday.
    brand = make_brand(tmp_path, account_rules=f'timezone = "Europe/Moscow"\n[accounts.rules.ignoring]\n{hours}')
    questions = [mention(f"30{n}", msk(20, 19, 5 * n), conversation_id=f"30{n}") for n in range(5)]
    brand.save(*questions, *[brand_reply(f"11{n}", msk(23, 9, 30), to=q) for n, q in enumerate(questions)])

    findings = brand.run(msk(23, 12), RULE)

    assert [f.details["answered_in_time"] for f in findings] == ([0] if reported else [])


def test_rate_finding_resolves_once_the_brand_answers_in_time_again(brand: Brand) -> None:
    brand.save(*asked([None] * 5, first=ago(days=6)))
    assert sweep(brand, NOW) == {"opened": [RULE], "resolved": []}

    # Two days on: the ignored questions have left the 7-day window; the new ones were answered in minutes.
    later = NOW + timedelta(days=2)
    brand.save(*asked([10] * 5, first=later - timedelta(days=1)))

    assert sweep(brand, later) == {"opened": [], "resolved": [RULE]}


def sweep(brand: Brand, now: datetime) -> dict[str, list[str]]:
    """Detect and reconcile as one sweep does; the response_rate findings it opened and resolved."""
    with brand.sessions() as session, session.begin():
        account = ensure_account(session, ACCOUNT, "x", BRAND, now)
        found, ran = registry().run(Context(session, account, brand.settings, now))
        result = reconcile(session, account, found, ran, now, "en")
        return {
            "opened": [f.rule for f in result.opened if f.rule == RULE],
            "resolved": [f.rule for f in result.resolved if f.rule == RULE],
        }
