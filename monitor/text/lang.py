"""Language of a post from its Cyrillic/Latin letter ratio: en, ru, mixed or other (offline, no model)."""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["en", "ru", "mixed", "other"]

# Links, @handles and #hashtags are names, not the language the post is written in.
_NOT_PROSE = re.compile(r"(?:https?://|www\.)\S+|[@#][\w.]+|\S+@\S+\.\w+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# The minority script must hold this share of the letters, in at least two words, for a text to be mixed:
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


def detect_language(text: str) -> Language:
    """"en", "ru", "mixed" (both in earnest) or "other" (no letters, or mostly another script)."""
    prose = _NOT_PROSE.sub(" ", text)
    cyr, lat, other = script_counts(prose)
    if cyr + lat == 0 or other > cyr + lat:
        return "other"
    minority = min(cyr, lat)
    if minority / (cyr + lat) >= MIXED_SHARE:
        minority_is_cyr = cyr <= lat
        words = [w for w in _WORD.findall(prose) if len(w) > 1]
        minority_words = sum(1 for w in words if any(is_cyrillic(c) for c in w) == minority_is_cyr)
        if minority_words >= MIXED_WORDS:
            return "mixed"
    return "ru" if cyr > lat else "en"


def has_latin(text: str) -> bool:
    """Whether the text holds any Latin prose (English models are worth running)."""
    return detect_language(text) in ("en", "mixed")
