"""detect_language: a language model restricted to en and ru, links, handles and hashtags left out."""

from __future__ import annotations

import pytest

from monitor.text.lang import detect_language, has_latin


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Our roaster Dasha tastes every batch before it leaves the roastery", "en"),
        ("Наш обжарщик Даша пробует каждую партию перед отправкой", "ru"),
        ("Скидка 20% на капучино this weekend", "mixed"),
        ("Friday mood: бля, наконец-то выходные!", "mixed"),
        ("Cupping session прошёл отлично, спасибо всем, кто пришёл!", "mixed"),
        # One brand name does not make a Russian post bilingual, nor one Russian word an English one.
        ("Новый осенний купаж уже во всех кофейнях Northwind", "ru"),
        ("Fresh croissants every morning at our Кофейня", "en"),
        # Links, handles and hashtags are names, not the language of the post.
        ("Спасибо @northwindcoffee за кофе https://northwind.example/autumn-blend #coffeelover", "ru"),
        ("Thanks @кофейня_москва for the tip!", "en"),
        # A Russian word typed with a Latin look-alike letter is still Russian.
        ("Пpивет всем, кто читает нас по утрам", "ru"),
        ("☕️🍂 2026", "other"),
        ("", "other"),
        ("@northwindcoffee https://northwind.example/menu", "other"),
        ("東京のコーヒーショップ", "other"),
    ],
)
def test_language_of_a_post(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Our new blend is here", True), ("Скидка 20% this weekend on all beans", True), ("Новый купаж уже в кофейнях", False), ("2026 ☕", False)],
)
def test_english_models_run_only_where_there_is_latin_prose(text: str, expected: bool) -> None:
    assert has_latin(text) is expected
