"""repeated_update on stored timelines, and the text normalisation it compares posts by."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from connectors.base import FetchedItem
from monitor.config_errors import ConfigError
from monitor.text.normalize import canonical_url, normalize_post
from tests.detectors.helpers import ALICE, BOB, BRAND, BRAND_ID, NOW, Brand, ago, brand_reply, make_brand, mention, tweet

RULE = "repeated_update"


@pytest.fixture
def brand(tmp_path: Path) -> Brand:
    """The brand with the default spam rules (30-day window, 0.9 similarity, 20 characters)."""
    return make_brand(tmp_path)


def repeats(brand: Brand) -> list[list[str]]:
    """item_ids (original, repeat) of every repeated_update finding at NOW."""
    return [f.item_ids for f in brand.run(NOW, RULE)]


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ("Our new autumn blend is here! Try it today", "our NEW autumn blend is here — try it today!!! ☕️🍂"),
        (
            "Fresh pastries every morning https://northwind.example/menu?utm_source=x&utm_medium=social",
            "Fresh pastries every morning https://www.northwind.example/menu/",
        ),
        ("Fresh pastries\n\nevery   morning at 7", "  Fresh pastries every morning at 7 "),
        ("Новый осенний купаж уже в кофейнях! Попробуйте сегодня", "НОВЫЙ осенний купаж — уже в кофейнях 🍂 Попробуйте сегодня!!!"),
        ("Ещё горячие круассаны каждое утро", "Еще горячие круассаны, каждое утро..."),
        (
            "Скидка 20% на капучино this weekend https://northwind.example/promo?utm_campaign=fall",
            "скидка 20% на КАПУЧИНО this weekend! 🎉 http://northwind.example/promo",
        ),
    ],
    ids=["case-emoji-punctuation", "utm-params", "whitespace", "ru", "ru-yo", "mixed-ru-en-url"],
)
def test_exact_repeat_after_normalisation_is_reported(brand: Brand, first: str, again: str) -> None:
    brand.save(tweet("1101", ago(days=3), first), tweet("1102", ago(hours=2), again))

    [finding] = brand.run(NOW, RULE)

    assert (finding.mistake, finding.rule) == ("spam", RULE)
    assert finding.item_ids == ["1101", "1102"]
    assert finding.details == {"similarity": 1.0, "exact": True}
    assert finding.summary["en"] == "northwind-x posted the same update again after 2 days"
    assert [e["url"] for e in finding.evidence] == [
        "https://x.com/northwindcoffee/status/1101",
        "https://x.com/northwindcoffee/status/1102",
    ]


@pytest.mark.parametrize(
    ("first", "again", "reported"),
    [
        ("Pumpkin spice latte is back at every Northwind cafe", "Pumpkin spice latte is back at all Northwind cafes", True),
        ("Тыквенный латте вернулся во все кофейни Northwind!", "Тыквенный латте вернулся во всех кофейнях Northwind", True),
        ("Fresh croissants every morning", "Fresh croissants every evening", True),  # exactly 0.90
        ("Fresh croissants every morning!", "Fresh croissants every Monday!", False),  # 0.88
        ("Our new autumn blend is here", "We are hiring baristas in Moscow, apply now", False),
        ("Новый осенний купаж уже в кофейнях", "Мы ищем бариста в Москве, откликайтесь", False),
    ],
)
def test_near_duplicate_is_reported_from_ninety_percent_similarity(brand: Brand, first: str, again: str, reported: bool) -> None:
    brand.save(tweet("1101", ago(days=1), first), tweet("1102", ago(hours=1), again))

    findings = brand.run(NOW, RULE)

    assert [f.item_ids for f in findings] == ([["1101", "1102"]] if reported else [])
    if reported:
        assert findings[0].details["exact"] is False
        assert 0.9 <= findings[0].details["similarity"] < 1.0
        assert "near-duplicate" in findings[0].summary["en"]


def test_brand_replies_with_the_same_text_are_not_repeated_updates(brand: Brand) -> None:
    # Canned answers to different people are replies, not updates to followers.
    brand.save(
        brand_reply("1101", ago(days=1), to=mention("3001", ago(days=1, hours=1)), text="Sorry about that! Please DM us your order number"),
        brand_reply("1102", ago(hours=1), to=mention("3002", ago(hours=2)), text="Sorry about that! Please DM us your order number"),
    )

    assert repeats(brand) == []


def test_first_post_of_a_series_is_not_a_finding_each_repeat_is(brand: Brand) -> None:
    text = "Our new autumn blend is here! Try it today"
    brand.save(tweet("1101", ago(days=6), text), tweet("1102", ago(days=4), text), tweet("1103", ago(days=2), text))

    findings = brand.run(NOW, RULE)

    assert [f.item_ids for f in findings] == [["1101", "1102"], ["1101", "1103"]]
    assert len({f.key for f in findings}) == 2


@pytest.mark.parametrize(
    ("first_days_ago", "again_days_ago"),
    [
        (100, 95),  # the repeat itself is older than the first audit's 90 days
        (40, 1),  # the repeat is recent but the original is 39 days before it
    ],
)
def test_repeat_outside_the_window_is_not_reported(brand: Brand, first_days_ago: int, again_days_ago: int) -> None:
    text = "Our new autumn blend is here! Try it today"
    brand.save(tweet("1101", ago(days=first_days_ago), text), tweet("1102", ago(days=again_days_ago), text))

    assert repeats(brand) == []


def test_repeat_inside_a_shorter_account_window_only(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules='[accounts.rules.spam]\nwindow = "7d"')
    text = "Our new autumn blend is here! Try it today"
    brand.save(tweet("1101", ago(days=10), text), tweet("1102", ago(days=1), text))
    brand.save(tweet("1201", ago(days=5), "Winter menu: gingerbread latte"), tweet("1202", ago(days=2), "Winter menu: gingerbread latte!"))

    assert repeats(brand) == [["1201", "1202"]]


@pytest.mark.parametrize("text", ["Good morning! ☕", "Доброе утро! ☕", "https://northwind.example/"])
def test_texts_shorter_than_min_length_are_not_repeats(brand: Brand, text: str) -> None:
    brand.save(tweet("1101", ago(days=2), text), tweet("1102", ago(days=1), text))

    assert repeats(brand) == []


def test_other_authors_posts_are_ignored(brand: Brand) -> None:
    text = "Our new autumn blend is here! Try it today"
    brand.save(
        tweet("3001", ago(days=2), text, author=ALICE),
        tweet("3002", ago(days=1), text, author=ALICE),
        tweet("1101", ago(hours=5), text),
    )

    assert repeats(brand) == []


def test_retweets_by_the_brand_are_not_repeats(brand: Brand) -> None:
    text = "Our new autumn blend is here! Try it today"
    brand.save(tweet("1101", ago(days=2), text), tweet("1102", ago(days=1), "RT " + text, is_share=True))

    assert repeats(brand) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello,   WORLD!!! 🎉", "hello world"),
        ("Ёлка и ЁЖИК — ура!", "елка и ежик ура"),
        ("ＦＲＥＳＨ coffee", "fresh coffee"),
        ("Скидка 20%!", "скидка 20"),
        ("Menu: https://www.Northwind.example/Menu/?utm_source=x&id=5#top today", "menu today northwind.example/Menu?id=5"),
        ("see (https://northwind.example/a).", "see northwind.example/a"),
        ("Menu https://northwind.example/menu🎉", "menu northwind.example/menu"),  # emoji glued to the link
        ("", ""),
    ],
)
def test_normalize_post(text: str, expected: str) -> None:
    assert normalize_post(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.northwind.example/menu/?utm_source=tw&utm_medium=social", "northwind.example/menu"),
        ("http://northwind.example/menu?id=5&fbclid=abc&gclid=x", "northwind.example/menu?id=5"),
        ("https://x.com/northwindcoffee/status/1?s=20&t=abcdef", "x.com/northwindcoffee/status/1"),
        ("www.northwind.example/a.", "northwind.example/a"),
        ("https://northwind.example/a#reviews", "northwind.example/a"),
        ("HTTPS://NorthWind.Example", "northwind.example"),
        ("https://northwind.example:8443/a?b=1&c=2", "northwind.example:8443/a?b=1&c=2"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


# message_after_opt_out: the brand writing again after someone asked it to stop.

OPT_OUT = "message_after_opt_out"


def dm(external_id: str, created_at: datetime, text: str, *, author: tuple[str, str] = ALICE, conversation: str = "c1") -> FetchedItem:
    """A direct message by a person in a conversation with the brand."""
    return FetchedItem(external_id, "message", author[0], author[1], created_at, text, conversation_id=conversation)


def brand_dm(external_id: str, created_at: datetime, text: str = "Our winter menu is here! 20% off this week", *, conversation: str = "c1") -> FetchedItem:
    """A direct message by the brand."""
    return dm(external_id, created_at, text, author=(BRAND_ID, BRAND), conversation=conversation)


def after_opt_out(brand: Brand, now: datetime = NOW) -> list[list[str]]:
    """item_ids (opt-out, brand message) of every message_after_opt_out finding at now."""
    return [f.item_ids for f in brand.run(now, OPT_OUT)]


def test_brand_message_after_stop_is_reported_with_both_messages(brand: Brand) -> None:
    brand.save(
        dm("9001", ago(days=5), "Hi, do you deliver to Khimki?"),
        brand_dm("9002", ago(days=5) + timedelta(minutes=20), "Yes, we do! Here is our menu"),
        dm("9003", ago(days=4), "STOP"),
        brand_dm("9004", ago(days=1)),
    )

    [finding] = brand.run(NOW, OPT_OUT)

    assert (finding.mistake, finding.key, finding.severity) == ("spam", "9004", "critical")
    assert finding.item_ids == ["9003", "9004"]
    assert [e["excerpt"] for e in finding.evidence] == ["STOP", "Our winter menu is here! 20% off this week"]
    assert finding.summary["en"] == "northwind-x messaged @alice 3d after they asked to stop"
    assert finding.summary["ru"] == "Аккаунт northwind-x написал @alice через 3 д после просьбы больше не писать"


@pytest.mark.parametrize(
    "text",
    [
        "stop", "Stop!", "STOP please", "Please stop.", "Stop, I'm not interested", "unsubscribe",
        "Don't message me again", "Stop messaging me!", "Leave me alone",
        "Стоп", "СТОП!!!", "Хочу отписаться", "Отпишите меня", "Не пишите мне больше", "Хватит писать, пожалуйста",
    ],
)
def test_opt_out_phrases_in_english_and_russian(brand: Brand, text: str) -> None:
    brand.save(dm("9001", ago(days=3), text), brand_dm("9002", ago(days=1)))

    assert after_opt_out(brand) == [["9001", "9002"]]


@pytest.mark.parametrize(
    "text",
    [
        "Which bus stop is closest to your cafe?", "Do you serve coffee non-stop?", "I can't stop drinking your latte",
        "Don't stop sending these, I love them", "I will never unsubscribe", "Остановка «Стоп-кран» рядом?",
        "Не хочу отписаться, просто вопрос", "Stop by tomorrow?",
        # Complaints and questions about opting out are not an opt-out: the brand must still answer them.
        "Stop, you charged me twice for the order!", "Стоп, мне пришёл не тот заказ", "How do I unsubscribe?",
        "Can I opt out of the loyalty program but still order?", "Можно ли отписаться от рассылки, но оставить бонусы?",
    ],
)
def test_words_that_merely_contain_stop_are_not_an_opt_out(brand: Brand, text: str) -> None:
    brand.save(dm("9001", ago(days=3), text), brand_dm("9002", ago(days=1)))

    assert after_opt_out(brand) == []


@pytest.mark.parametrize(("after", "reported"), [(timedelta(minutes=59), False), (timedelta(minutes=61), True)])
def test_one_quick_acknowledgement_is_allowed(brand: Brand, after: timedelta, reported: bool) -> None:
    brand.save(dm("9001", ago(days=3), "stop"), brand_dm("9002", ago(days=3) + after, "Done, you will not hear from us again"))

    assert after_opt_out(brand) == ([["9001", "9002"]] if reported else [])


def test_messages_after_the_acknowledgement_are_reported(brand: Brand) -> None:
    brand.save(
        dm("9001", ago(days=3), "unsubscribe"),
        brand_dm("9002", ago(days=3) + timedelta(minutes=5), "Done!"),
        brand_dm("9003", ago(days=2)),
        brand_dm("9004", ago(days=1)),
    )

    assert after_opt_out(brand) == [["9001", "9003"], ["9001", "9004"]]


def test_no_grace_reports_the_acknowledgement_too(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules='[accounts.rules.spam]\nopt_out_grace = "0s"')
    brand.save(dm("9001", ago(days=3), "stop"), brand_dm("9002", ago(days=3) + timedelta(minutes=1), "Done!"))

    assert after_opt_out(brand) == [["9001", "9002"]]


def test_writing_again_lifts_the_opt_out(brand: Brand) -> None:
    brand.save(
        dm("9001", ago(days=5), "stop"),
        dm("9002", ago(days=2), "Actually, what time do you open on Sunday?"),
        brand_dm("9003", ago(days=2) + timedelta(hours=2), "From 9am!"),
    )

    assert after_opt_out(brand) == []


def test_an_opt_out_holds_only_in_its_own_conversation(brand: Brand) -> None:
    brand.save(
        dm("9001", ago(days=5), "stop", conversation="c1"),
        dm("9002", ago(days=4), "Do you have gift cards?", author=BOB, conversation="c2"),
        brand_dm("9003", ago(days=3), "Yes, in every cafe", conversation="c2"),
    )

    assert after_opt_out(brand) == []


def test_opt_out_is_remembered_beyond_the_window(brand: Brand) -> None:
    # Alice said stop two months ago; a broadcast today still reaches her.
    brand.save(dm("9001", ago(days=60), "Не пишите мне"), brand_dm("9002", ago(hours=3)))

    assert after_opt_out(brand) == [["9001", "9002"]]


def test_brand_messages_before_the_spam_window_are_not_reported_again(brand: Brand) -> None:
    brand.save(dm("9001", ago(days=60), "stop"), brand_dm("9002", ago(days=40)))

    assert after_opt_out(brand) == []


def test_custom_opt_out_phrase(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules='[rules.spam]\nopt_out_phrases = ["no more offers", "без рассылок"]')
    brand.save(
        dm("9001", ago(days=3), "No more offers, thanks"),
        brand_dm("9002", ago(days=1)),
        dm("9003", ago(days=3), "Можно без рассылок?", author=BOB, conversation="c2"),
        brand_dm("9004", ago(days=1), conversation="c2"),
    )

    assert after_opt_out(brand) == [["9001", "9002"], ["9003", "9004"]]


def test_opt_out_phrase_without_words_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="opt_out_phrases"):
        make_brand(tmp_path, global_rules='[rules.spam]\nopt_out_phrases = ["stop", " !! "]')


def test_opt_out_rule_can_be_disabled(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules='[accounts.rules.spam]\ndisable = ["message_after_opt_out"]')
    brand.save(dm("9001", ago(days=3), "stop"), brand_dm("9002", ago(days=1)))

    assert after_opt_out(brand) == []


@pytest.mark.parametrize(
    ("history", "reported"),
    [
        ([dm("9001", ago(days=90), "stop")], True),  # the opt-out is older than the 30-day window: still in force
        ([dm("9001", ago(days=90), "stop"), dm("9003", ago(days=60), "Do you have oat milk?")], False),  # lifted
        ([dm("9001", ago(days=90), "Hi!"), dm("9003", ago(days=60), "Отпишите меня")], True),  # the later one counts
        ([dm("9001", ago(days=90), "stop", conversation="c2")], False),  # another conversation's opt-out
    ],
)
def test_an_opt_out_before_the_window_still_holds_until_the_person_writes_again(brand: Brand, history, reported) -> None:
    brand.save(*history, brand_dm("9002", ago(days=1)))

    assert bool(after_opt_out(brand)) is reported


def test_stored_repeat_answers_are_redone_when_older_history_arrives(brand: Brand) -> None:
    """Each post's answer is stored; an import of an older copy makes a later post a repeat all the same."""
    text = "Our winter blend is back: cardamom, cherry and dark chocolate"
    brand.save(tweet("1102", ago(days=1), text))
    assert repeats(brand) == []
    assert repeats(brand) == []  # answered from the stored analysis

    brand.save(tweet("1101", ago(days=3), text))  # e.g. `monitor import` of older history

    assert repeats(brand) == [["1101", "1102"]]
