"""The one table of letters that look alike in the Latin and Cyrillic alphabets, used by every text rule."""

from __future__ import annotations

# Latin letters read as Cyrillic ones. Capitals first: B and H look like В and Н, while b and n look like ь and п.
LATIN_UPPER_AS_CYRILLIC = {
    "A": "а", "B": "в", "C": "с", "E": "е", "H": "н", "K": "к", "M": "м", "O": "о", "P": "р", "T": "т", "X": "х", "Y": "у",
}
LATIN_LOWER_AS_CYRILLIC = {
    "a": "а", "b": "ь", "c": "с", "e": "е", "k": "к", "m": "м", "n": "п", "o": "о", "p": "р", "r": "г", "t": "т",
    "u": "и", "x": "х", "y": "у",
}
# Cyrillic letters (Russian and Ukrainian/Serbian ones used as disguises) read as Latin ones.
CYRILLIC_AS_LATIN = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ь": "b", "п": "n", "г": "r", "и": "u",
}

# Lower-case results, for text that is lower-cased after the swap (case kept where the table knows the capital).
TO_CYRILLIC = str.maketrans({**LATIN_LOWER_AS_CYRILLIC, **LATIN_UPPER_AS_CYRILLIC})
TO_LATIN = str.maketrans({**CYRILLIC_AS_LATIN, **{k.upper(): v for k, v in CYRILLIC_AS_LATIN.items() if k.upper() != k}})


def looks_cyrillic(char: str) -> bool:
    """A Latin letter that a reader may take for a Cyrillic one."""
    return char in LATIN_UPPER_AS_CYRILLIC or char.lower() in LATIN_LOWER_AS_CYRILLIC


def as_cyrillic(char: str) -> str:
    """The Cyrillic letter a Latin one looks like (lower case), or the letter lower-cased."""
    return LATIN_UPPER_AS_CYRILLIC.get(char) or LATIN_LOWER_AS_CYRILLIC.get(char.lower(), char.lower())
