"""unanswered_mention as a timeline: who wrote when, what the brand answered, and what `now` sees."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from connectors.base import FetchedItem
from tests.detectors.helpers import BOB, BRAND, BRAND_ID, NOW, Brand, ago, brand_reply, make_brand, mention, tweet

RULE = "unanswered_mention"


@pytest.fixture
def brand(tmp_path: Path) -> Brand:
    """The brand with the example config's reply_within = 2h."""
    return make_brand(tmp_path, global_rules='[rules.ignoring]\nreply_within = "2h"')


def flagged(brand: Brand) -> list[str]:
    """Ids of the mentions reported as unanswered at NOW."""
    return sorted(i for f in brand.run(NOW, RULE) for i in f.item_ids)


def test_unanswered_mention_past_reply_window_is_reported_with_evidence(brand: Brand) -> None:
    brand.save(mention("3001", ago(hours=3), "@northwindcoffee my latte order never arrived"))

    [finding] = brand.run(NOW, RULE)

    assert (finding.mistake, finding.rule, finding.severity) == ("ignoring", RULE, "warning")
    assert finding.item_ids == ["3001"]
    assert finding.summary["en"] == f"@alice wrote to @{BRAND} 3h ago and has had no reply"
    assert "ждёт ответа уже 3 ч" in finding.summary["ru"]
    [evidence] = finding.evidence
    assert evidence["item_id"] == "3001"
    assert evidence["url"] == "https://x.com/alice/status/3001"
    assert evidence["excerpt"] == "@northwindcoffee my latte order never arrived"
    assert evidence["author"] == "@alice"


@pytest.mark.parametrize(
    ("age_minutes", "reported"),
    [
        (30, False),
        (119, False),
        (120, True),  # reply_within has passed exactly
        (121, True),
    ],
)
def test_mention_is_reported_only_once_reply_within_has_passed(brand: Brand, age_minutes: int, reported: bool) -> None:
    brand.save(mention("3001", ago(minutes=age_minutes)))

    assert flagged(brand) == (["3001"] if reported else [])


def test_direct_reply_answers_the_mention(brand: Brand) -> None:
    question = mention("3001", ago(hours=5), conversation_id="3001")
    brand.save(question, brand_reply("1101", ago(hours=4), to=question))

    assert flagged(brand) == []


def test_later_reply_to_same_author_in_the_thread_answers_the_mention(brand: Brand) -> None:
    # Alice asks twice in one thread; the brand answers her second tweet only.
    first = mention("3001", ago(hours=5), "@northwindcoffee do you have oat milk?", conversation_id="3001")
    second = mention("3002", ago(hours=4, minutes=50), "@northwindcoffee and decaf?", conversation_id="3001", reply_to_id="3001")
    brand.save(first, second, brand_reply("1101", ago(hours=4), to=second))

    assert flagged(brand) == []


def test_brand_reply_in_the_thread_to_a_different_author_does_not_answer(brand: Brand) -> None:
    question = mention("3001", ago(hours=5), conversation_id="3001")
    bob = mention("3002", ago(hours=4, minutes=50), "@northwindcoffee same problem here", author=BOB, conversation_id="3001", reply_to_id="3001")
    brand.save(question, bob, brand_reply("1101", ago(hours=4), to=bob))

    assert flagged(brand) == ["3001"]


def test_brand_reply_before_the_mention_does_not_answer_it(brand: Brand) -> None:
    # The brand answered Alice's first tweet; her follow-up an hour later got nothing.
    earlier = mention("3001", ago(hours=6), conversation_id="3001")
    brand_answer = brand_reply("1101", ago(hours=5, minutes=30), to=earlier)
    follow_up = mention("3002", ago(hours=5), "@northwindcoffee still nothing, hello?", conversation_id="3001", reply_to_id="1101")
    brand.save(earlier, brand_answer, follow_up)

    assert flagged(brand) == ["3002"]


def test_retweet_of_the_brand_is_not_a_question(brand: Brand) -> None:
    brand.save(mention("3001", ago(hours=5), "RT @northwindcoffee: Our new autumn blend is here", is_share=True))

    assert flagged(brand) == []


def test_brand_mentioning_itself_is_not_a_question(brand: Brand) -> None:
    brand.save(mention("1201", ago(hours=5), "@northwindcoffee team, see you at the tasting", author=(BRAND_ID, BRAND)))

    assert flagged(brand) == []


@pytest.mark.parametrize(("age_days", "reported"), [(6, True), (8, False)])
def test_mentions_older_than_max_age_are_not_reported(brand: Brand, age_days: int, reported: bool) -> None:
    brand.save(mention("3001", ago(days=age_days)))

    assert flagged(brand) == (["3001"] if reported else [])


@pytest.mark.parametrize(
    ("account_rules", "reported"),
    [
        ("", False),  # global 2h: 45 minutes is still inside the window
        ('[accounts.rules.ignoring]\nreply_within = "30m"', True),
    ],
)
def test_account_override_of_reply_within_is_honoured(tmp_path: Path, account_rules: str, reported: bool) -> None:
    brand = make_brand(tmp_path, account_rules=account_rules, global_rules='[rules.ignoring]\nreply_within = "2h"')
    brand.save(mention("3001", ago(minutes=45)))

    findings = brand.run(NOW, RULE)

    assert [f.item_ids for f in findings] == ([["3001"]] if reported else [])
    if reported:
        assert findings[0].summary["en"] == f"@alice wrote to @{BRAND} 45m ago and has had no reply"


@pytest.mark.parametrize(
    ("age", "severity"),
    [
        ({"hours": 3}, "warning"),
        ({"hours": 23, "minutes": 59}, "warning"),
        ({"hours": 24}, "critical"),
        ({"days": 3}, "critical"),
    ],
)
def test_mention_unanswered_for_a_day_is_critical(brand: Brand, age: dict[str, float], severity: str) -> None:
    brand.save(mention("3001", ago(**age)))

    [finding] = brand.run(NOW, RULE)

    assert finding.severity == severity


def test_answer_arriving_later_clears_the_finding(brand: Brand) -> None:
    question = mention("3001", ago(hours=5), conversation_id="3001")
    brand.save(question)
    assert flagged(brand) == ["3001"]

    brand.save(brand_reply("1101", ago(minutes=10), to=question))

    assert flagged(brand) == []


def test_only_the_unanswered_of_several_mentions_is_reported(brand: Brand) -> None:
    answered = mention("3001", ago(hours=5), conversation_id="3001")
    ignored = mention("3002", ago(hours=4), "@northwindcoffee where is the nearest cafe?", author=BOB, conversation_id="3002")
    brand.save(
        answered,
        ignored,
        brand_reply("1101", ago(hours=4, minutes=30), to=answered),
        tweet("1102", ago(hours=3), "Our new autumn blend is here!"),
    )

    [finding] = brand.run(NOW, RULE)

    assert finding.item_ids == ["3002"]
    assert finding.evidence[0]["author"] == "@bob"
    assert finding.summary["en"].startswith("@bob wrote to")


def test_the_reply_window_counts_from_the_injected_now(brand: Brand) -> None:
    brand.save(mention("3001", ago(hours=3)))

    assert brand.run(ago(hours=2), RULE) == []  # one hour after the mention
    assert [f.item_ids for f in brand.run(NOW, RULE)] == [["3001"]]


# Business hours: the reply clock runs only inside them, in the account's time zone.

MOSCOW = ZoneInfo("Europe/Moscow")
WEEKDAYS = "Mon-Fri 09:00-18:00"


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November 2026 on a Moscow clock (the 20th is a Friday, the 23rd a Monday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MOSCOW)


def open_hours(tmp_path: Path, hours: str = WEEKDAYS, timezone: str = "Europe/Moscow") -> Brand:
    """The brand in `timezone` with business_hours set for it."""
    return make_brand(tmp_path, account_rules=f'timezone = "{timezone}"\n[accounts.rules.ignoring]\nbusiness_hours = "{hours}"')


def dm(external_id: str, created_at: datetime, text: str, *, author: tuple[str, str] = ("2001", "alice"), conversation: str = "c1") -> FetchedItem:
    """A direct message in a conversation with the brand."""
    return FetchedItem(external_id, "message", author[0], author[1], created_at, text, conversation_id=conversation)


@pytest.mark.parametrize(
    ("now", "reported"),
    [
        (msk(21, 10, 30), False),  # Saturday morning: the office is closed, no time has run
        (msk(23, 10, 59), False),  # Monday: 1h59m of business hours
        (msk(23, 11, 0), True),  # Monday: 2h of business hours, reply_within has passed
    ],
)
def test_friday_evening_mention_is_not_late_until_monday(tmp_path: Path, now: datetime, reported: bool) -> None:
    brand = open_hours(tmp_path)
    brand.save(mention("3001", msk(20, 19), "@northwindcoffee my order never arrived"))

    findings = brand.run(now, RULE)

    assert [f.item_ids for f in findings] == ([["3001"]] if reported else [])
    if reported:
        # The summary still tells how long the customer has waited, and how much of it was working time.
        assert findings[0].summary["en"] == f"@alice wrote to @{BRAND} 2d 16h ago and has had no reply (2h of it in business hours)"
        assert findings[0].summary["ru"].endswith("(из них 2 ч в рабочее время)")
        assert findings[0].severity == "critical"  # the customer has waited well over a day


def test_without_business_hours_the_same_mention_is_late_on_saturday(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules='timezone = "Europe/Moscow"')
    brand.save(mention("3001", msk(20, 19)))

    [finding] = brand.run(msk(21, 10, 30), RULE)

    assert finding.summary["en"] == f"@alice wrote to @{BRAND} 15h 30m ago and has had no reply"


@pytest.mark.parametrize(("now", "reported"), [(msk(21, 11, 59), False), (msk(21, 12, 0), True)])
def test_saturday_hours_count_too(tmp_path: Path, now: datetime, reported: bool) -> None:
    brand = open_hours(tmp_path, hours=f"{WEEKDAYS}; Sat 10:00-14:00")
    brand.save(mention("3001", msk(20, 19)))

    assert len(brand.run(now, RULE)) == (1 if reported else 0)


@pytest.mark.parametrize(("timezone", "reported"), [("UTC", True), ("Europe/Moscow", False)])
def test_business_hours_are_read_in_the_accounts_time_zone(tmp_path: Path, timezone: str, reported: bool) -> None:
    # 16:00 UTC is inside 09:00-18:00 on a UTC clock, but 19:00 in Moscow, after closing.
    brand = open_hours(tmp_path, timezone=timezone)
    brand.save(mention("3001", ago(hours=2)))

    assert len(brand.run(NOW, RULE)) == (1 if reported else 0)


def test_an_answer_on_monday_morning_clears_the_friday_mention(tmp_path: Path) -> None:
    brand = open_hours(tmp_path)
    question = mention("3001", msk(20, 19), conversation_id="3001")
    brand.save(question, brand_reply("1101", msk(23, 9, 15), to=question))

    assert brand.run(msk(23, 12), RULE) == []


@pytest.mark.parametrize(("now", "reported"), [(msk(21, 10), False), (msk(23, 10, 59), False), (msk(23, 11), True)])
def test_unanswered_message_waits_for_business_hours(tmp_path: Path, now: datetime, reported: bool) -> None:
    brand = open_hours(tmp_path)
    brand.save(dm("9001", msk(20, 19), "Hi! Can I book a table for Sunday?"))

    findings = brand.run(now, "unanswered_message")

    assert [f.key for f in findings] == (["c1"] if reported else [])
    if reported:
        assert findings[0].summary["en"].endswith("is waiting for an answer (2h of it in business hours)")


def test_unanswered_comment_uses_business_hours_too(tmp_path: Path) -> None:
    brand = open_hours(tmp_path)
    brand.save(tweet("3001", msk(20, 19), "Is the terrace open?", kind="comment", author=("2001", "alice")))

    assert brand.run(msk(21, 10), "unanswered_comment") == []
    assert [f.key for f in brand.run(msk(23, 11), "unanswered_comment")] == ["3001"]


@pytest.mark.parametrize("text", ["STOP", "Please stop messaging me", "Не пишите мне больше"])
def test_a_request_to_stop_is_not_a_message_waiting_for_an_answer(brand: Brand, text: str) -> None:
    brand.save(dm("9001", ago(days=1), "Is there a discount for students?"), dm("9002", ago(hours=5), text))

    assert brand.run(NOW, "unanswered_message") == []


def test_a_message_waiting_for_an_answer_is_still_reported(brand: Brand) -> None:
    brand.save(dm("9001", ago(hours=5), "Where is the nearest bus stop?"))

    assert [f.key for f in brand.run(NOW, "unanswered_message")] == ["c1"]


@pytest.mark.parametrize(
    ("account_rules", "reported"),
    [
        ('timezone = "Europe/Moscow"', True),
        ('timezone = "Europe/Moscow"\n[accounts.rules.ignoring]\nbusiness_hours = "Mon-Fri 09:00-18:00"', False),
    ],
)
def test_business_hours_set_globally_or_per_account(tmp_path: Path, account_rules: str, reported: bool) -> None:
    # Globally the team works weekends too; this account's team does not.
    brand = make_brand(tmp_path, account_rules=account_rules, global_rules='[rules.ignoring]\nbusiness_hours = "Mon-Sun 09:00-18:00"')
    brand.save(mention("3001", msk(20, 19)))

    assert len(brand.run(msk(21, 12), RULE)) == (1 if reported else 0)


def test_an_author_name_holding_a_phone_number_is_masked_in_the_summary_and_the_evidence(brand) -> None:
    """People's names reach a finding's summary; they are masked like any text a finding shows."""
    brand.save(mention("2101", ago(hours=5), "@northwindcoffee where is my order?", author=("5001", "call me +7 916 123-45-67")))

    [finding] = brand.run(NOW, "unanswered_mention")

    assert "916 123" not in finding.summary["en"] + finding.summary["ru"] + finding.evidence[0]["author"]
    assert "•••-••-67" in finding.summary["en"]
