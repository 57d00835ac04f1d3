"""The word layer: words with positions, what obfuscated words read as, and innocent words that must stay innocent."""

from __future__ import annotations

import re

import pytest

from monitor.detectors.rivals import NEGATIVE_WORDS as NEGATIVE

# The real word lists, English and Russian, as the tone rules use them.
from monitor.detectors.tone import INSULTS, PLURAL_INSULTS
from monitor.text.folding import fold
from monitor.text.obscenity import EN_OBSCENE, RU_OBSCENE
from monitor.text.words import (
    masked,
    name_pattern,
    readings,
    sentences,
    tokens,
)


def read_as(word: str) -> tuple[str, str] | None:
    """(form, how) when either obscene list holds the word, else None."""
    return EN_OBSCENE.match_word(word) or RU_OBSCENE.match_word(word)


@pytest.mark.parametrize(
    ("written", "form", "how"),
    [
        ("fuck", "fuck", "plain"),
        ("FUCKING", "fucking", "plain"),
        ("fuckmondays", "fuckmondays", "plain"),
        # l33t
        ("sh1t", "shit", "obfuscated"),
        ("$h!t", "shit", "obfuscated"),
        ("bullsh1t", "bullshit", "obfuscated"),
        ("b1tch", "bitch", "obfuscated"),
        ("fvck", None, None),  # v is not a l33t letter: an honest miss beats guessing
        ("пи3дец", "пиздец", "obfuscated"),
        ("3аебал", "заебал", "obfuscated"),
        ("6ля", "бля", "obfuscated"),
        ("бл9дь", "блядь", "obfuscated"),
        ("п0хуй", "похуй", "obfuscated"),
        # repeated letters
        ("fuuuuck", "fuck", "obfuscated"),
        ("shiiiit", "shit", "obfuscated"),
        ("бляяяя", "бля", "obfuscated"),
        ("сссука", "ссука", "obfuscated"),
        # Latin look-alikes inside Cyrillic words, and a Russian word typed all in Latin look-alikes
        ("xуй", "хуй", "obfuscated"),
        ("пиздeц", "пиздец", "obfuscated"),
        ("XУЙНЯ", "хуйня", "obfuscated"),
        ("cyka", "сука", "obfuscated"),
        ("БЛЯДb", "блядь", "obfuscated"),
        # masks: * or other symbols for one or more letters
        ("f**k", "fuck", "masked"),
        ("f*ck", "fuck", "masked"),
        ("f***", "fuck", "masked"),
        ("f*k", "fuck", "masked"),
        ("sh*t", "shit", "masked"),
        ("a**hole", "asshole", "masked"),
        ("х*й", "хуй", "masked"),
        ("бл@", "бля", "masked"),
        ("бл*дь", "блядь", "masked"),
        ("п***ц", "пиздец", "masked"),
        ("с*ка", "сука", "masked"),
        ("е**ть", "ебать", "masked"),
        # Russian roots with prefixes and endings
        ("нахуй", "нахуй", "plain"),
        ("охуенный", "охуенный", "plain"),
        ("съебались", "съебались", "plain"),
        ("отъебись", "отъебись", "plain"),
        ("уёбок", "уебок", "plain"),
        ("ёб", "еб", "plain"),
        ("распиздяй", "распиздяй", "plain"),
        ("выблядок", "выблядок", "plain"),
        ("мудаки", "мудаки", "plain"),
        ("похер", "похер", "plain"),
        ("blyat", "blyat", "plain"),
    ],
)
def test_obfuscated_words_read_as_what_they_hide(written: str, form: str | None, how: str | None) -> None:
    assert read_as(written) == ((form, how) if form else None)


@pytest.mark.parametrize(
    "word",
    [
        # English words that contain a bad word, or become one if letters are added
        "Scunthorpe", "assistant", "cocktail", "classic", "class", "passion", "bass", "glass", "assess", "as", "Dickens",
        "Hancock", "peacock", "shiitake", "shitake", "Sussex", "therapist", "cumulative", "title", "analysis", "Fukuoka",
        "hello", "h3ll0", "2nd", "A1234", "PROMO2026", "C++", "C#", "sh", "a", "u",
        # Russian words that contain an obscene root, or a look-alike of one
        "рубля", "употреблять", "корабля", "оскорблять", "хлеб", "хлебнуть", "сабля", "психология", "бляха", "бляшка",
        "себе", "себя", "тебе", "себестоимость", "колебаться", "колеблется", "дебаты", "ребята", "небо", "небу", "обед",
        "страхуй", "застрахуем", "похудеть", "похуже", "ухудшение", "захудалый", "херес", "Херсон", "херувим",
        "команда", "мандарин", "мандат", "мудрый", "сукно", "сучок", "трахея", "страна", "сравни", "гондола",
        "говядина", "блин", "хрен", "фиг", "Дуров", "сухую", "сучья",
    ],
)
def test_innocent_words_are_not_read_as_obscene(word: str) -> None:
    # Also checked once against every word of Debian's wamerican and every form hunspell-ru expands to.
    assert read_as(word) is None


def test_collapsing_repeats_never_adds_a_letter() -> None:
    assert "ass" not in readings("as").plain
    assert "ass" in readings("asssss").plain
    assert {"fuck"} <= readings("fuuuck").plain


def test_words_carry_their_positions_and_skip_links_handles_and_emails() -> None:
    text = "@shitposter see https://fuck.example/shit or mail shit@example.com — #Бля, f**k it!"

    found = tokens(text)

    assert [t.text for t in found] == ["see", "or", "mail", "Бля", "f**k", "it"]
    assert all(text[t.start : t.end] == t.text for t in found)


def test_footnote_stars_and_emphasis_are_not_masks() -> None:
    assert [t.text for t in tokens("Free shipping* and *really* fresh")] == ["Free", "shipping", "and", "really", "fresh"]
    assert read_as("shipping*") is None


@pytest.mark.parametrize(("text", "joined"), [("f u c k this", "fuck"), ("х.у.й знает", "хуй"), ("s-h-i-t", "shit")])
def test_spelled_out_letters_are_one_word(text: str, joined: str) -> None:
    assert read_as(tokens(text)[0].text) is not None
    assert tokens(text)[0].text == joined


def test_allowed_words_are_exempt_as_written_and_as_read() -> None:
    text = "Bitchin' Sauce is back, and so is the b1tchin salsa"

    assert [m.form for m in EN_OBSCENE.find(text)] == ["bitchin", "bitchin"]
    assert EN_OBSCENE.find(text, allow=["Bitchin"]) == []


def test_sentences_split_on_ends_and_line_breaks_not_on_decimals_or_links() -> None:
    text = "Espresso is 3.5 € today. Menu: northwind.example/menu!\nСпасибо… Ждём вас"

    assert [text[s:e] for s, e in sentences(text)] == ["Espresso is 3.5 € today", "Menu: northwind.example/menu", "Спасибо", "Ждём вас"]


@pytest.mark.parametrize(("word", "shown"), [("fuck", "f***"), ("хуй", "х***"), ("#бля", "б***")])
def test_summaries_show_a_bad_word_masked(word: str, shown: str) -> None:
    assert masked(word) == shown


def test_lower_case_keeps_every_position_for_quoting_the_original() -> None:
    text = "İstanbul Ёжик SALE"

    lower = fold(text)

    assert len(lower) == len(text) and lower.endswith("ежик sale")
    assert text[lower.index("sale") :] == "SALE"


@pytest.mark.parametrize(
    "word",
    [
        "idiot", "idiots", "buffoons", "blockhead", "дебил", "дегенераты", "идиотов", "сволочи", "подонок", "недалёкий", "хамло",
        "бездарь", "идиииот", "дeбил", "1diot",
    ],
)
def test_insults_are_read_with_endings_and_disguises(word: str) -> None:
    assert INSULTS.match_word(word) is not None


@pytest.mark.parametrize(
    "word",
    ["идиот", "идиотами", "идиоту", "уродов", "уродами", "мразей", "тварями", "тупого", "тупым", "лохам", "хамами", "козлы", "гадов",
     "дурой", "дурами", "свиньями", "подонками", "падлы", "отбросам", "убогих", "жалкими"],
)
def test_russian_insults_are_read_by_lemma_in_every_case_and_number(word: str) -> None:
    assert INSULTS.match_word(word) is not None


@pytest.mark.parametrize(
    ("word", "group"),
    [("идиоты", True), ("идиотам", True), ("лохов", True), ("уродами", True), ("быдло", True), ("дурачьё", True),
     ("идиот", False), ("тупые", False), ("жалкие", False), ("гадать", False)],
)
def test_a_group_is_called_names_by_plural_or_collective_insult_nouns_only(word: str, group: bool) -> None:
    """«тупые вопросы» are not people called names; «идиоты» are."""
    assert (PLURAL_INSULTS.match_word(word) is not None) is group


@pytest.mark.parametrize(
    "word",
    [
        "stale", "watery", "b1tter", "overpriced", "ripoff", "copycats", "несвежий", "несвежих", "водянистый", "жжёный", "горечью",
        "горчит", "безвкусная", "переплата", "переплачивать", "отравление", "обдираловка", "скопировали", "воруют", "врут", "нeсвeжий",
    ],
)
def test_negative_words_are_read_with_endings_and_disguises(word: str) -> None:
    assert NEGATIVE.match_word(word) is not None


@pytest.mark.parametrize(
    "word",
    [
        # insult lists: innocent words sharing a stem
        "психология", "психолог", "дурман", "хамон", "хамса", "лохань", "неучтённый", "гадать", "недалеко", "скот", "idiom", "clownfish",
        # negative lists
        "горчица", "жалко", "ворота", "украшение", "дерево", "грабли", "badge", "source", "sourdough", "stalemate", "scampi", "village",
        "crude", "weekend", "bitters", "ratatouille",
    ],
)
def test_innocent_words_are_not_insults_or_negative_words(word: str) -> None:
    assert INSULTS.match_word(word) is None and NEGATIVE.match_word(word) is None


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Шоколадница", "кофе в шоколаднице", True),
        ("Costa Coffee", "@costacoffee and #costa_coffee", True),
        ("Starbucks", "@starbucks_ru", True),
        ("Starbucks", "@starbucksfan", False),
        ("@coffeehouse_ru", "coffeehouse_ru's menu", True),
        ("Starbucks", "starbucksy vibes", False),
    ],
)
def test_a_name_matches_its_inflections_handles_and_hashtags(name: str, text: str, found: bool) -> None:
    assert bool(re.search(name_pattern(name), fold(text))) is found
