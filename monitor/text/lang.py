"""Language of a post: en, ru, mixed or other, by a language model (lingua) restricted to English and Russian."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from monitor.text.libraries import TextLibraryMissing

Language = Literal["en", "ru", "mixed", "other"]

# Links, @handles and #hashtags are names, not the language the post is written in.
_NOT_PROSE = re.compile(r"(?:https?://|www\.)\S+|[@#][\w.]+|\S+@\S+\.\w+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# The minority language must hold this share of the words, and at least two of them, for a text to be mixed:
# one brand name ("новый латте в Northwind") does not make a Russian post bilingual.
MIXED_SHARE = 0.2
MIXED_WORDS = 2


def is_cyrillic(char: str) -> bool:
    """A letter of the Cyrillic block (Russian, Ukrainian, …)."""
    return "\u0400" <= char <= "\u04ff"


def is_latin(char: str) -> bool:
    """A Latin letter, ASCII or accented."""
    return char.isalpha() and (char.isascii() or "\u00c0" <= char <= "\u024f")


def script_counts(text: str) -> tuple[int, int, int]:
    """(Cyrillic, Latin, other) letters in text."""
    cyr = lat = other = 0
    for char in text:
        if not char.isalpha():
            continue
        if is_cyrillic(char):
            cyr += 1
        elif is_latin(char):
            lat += 1
        else:
            other += 1
    return cyr, lat, other


@lru_cache(maxsize=1)
def _detector():
    """lingua's detector for the two languages we support (its models load on first use, a few ms)."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError as exc:
        raise TextLibraryMissing(
            f"language identification needs lingua ({exc}); install it with: pip install 'lingua-language-detector>=2.0'"
        ) from exc
    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.RUSSIAN).build()


def check_available() -> None:
    """Build the detector now, so a missing library is a start-up error."""
    _detector()


@lru_cache(maxsize=4096)
def detect_language(text: str) -> Language:
    """"en", "ru", "mixed" (both in earnest) or "other" (no letters, or mostly another script)."""
    prose = _NOT_PROSE.sub(" ", text)
    cyr, lat, other = script_counts(prose)
    if cyr + lat == 0 or other > cyr + lat:
        return "other"
    if not (cyr and lat):  # one script: the model restricted to en and ru can only name that script's language
        return "ru" if cyr else "en"
    words = {"en": 0, "ru": 0}
    for part in _detector().detect_multiple_languages_of(prose):
        words["ru" if part.language.name == "RUSSIAN" else "en"] += part.word_count
    total, minority = sum(words.values()), min(words.values())
    if total and minority >= MIXED_WORDS and minority / total >= MIXED_SHARE:
        return "mixed"
    return "ru" if words["ru"] > words["en"] or (words["ru"] == words["en"] and cyr > lat) else "en"


def has_latin(text: str) -> bool:
    """Whether the text holds any Latin prose (English models are worth running)."""
    return detect_language(text) in ("en", "mixed")
