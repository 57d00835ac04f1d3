"""Folding for pattern matching: lower case, ё as е, Latin look-alikes inside Cyrillic words swapped back."""

from __future__ import annotations

import re

# Latin letters that look like Cyrillic ones, swapped back inside words that hold Cyrillic.
_LOOKALIKES = str.maketrans("aeopcyxkmtbh", "аеорсухкмтвн")
_CYRILLIC = re.compile(r"[а-я]")
_WORD = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """Lower-case, ё→е and Latin look-alikes inside Cyrillic words; same length as text."""
    text = "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("ё", "е")
    return _WORD.sub(lambda m: m[0].translate(_LOOKALIKES) if _CYRILLIC.search(m[0]) else m[0], text)
