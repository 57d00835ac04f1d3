"""repeated_update on stored timelines, and the text normalisation it compares posts by."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.text.normalize import canonical_url, normalize_post
from tests.detectors.helpers import ALICE, NOW, Brand, ago, brand_reply, make_brand, mention, tweet

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
    assert finding.summary["en"] == "northwind-x posted the same update again after 2 day(s)"
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
        (40, 35),  # the repeat itself is older than the window
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
