"""unanswered_mention as a timeline: who wrote when, what the brand answered, and what `now` sees."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    assert "3 ч назад" in finding.summary["ru"]
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
