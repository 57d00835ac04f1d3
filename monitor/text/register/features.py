"""Hashed features of a text for the register model: lemmas, lemma pairs and character n-grams of words."""

from __future__ import annotations

import itertools
import re
import zlib
from functools import lru_cache

from monitor.text.folding import clean, fold
from monitor.text.lemmas import lemmas

BUCKETS = 2**17
_WORD = re.compile(r"[^\W\d_]+|\d+|[!?]")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-я]")


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    """A Russian word's first dictionary form; other words as they are."""
    if not _CYRILLIC.search(word):
        return word
    found = sorted(lemmas(word))
    return found[0] if found else word


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode()) % BUCKETS


@lru_cache(maxsize=65536)
def _word(word: str) -> frozenset[int]:
    """The buckets of one (lemmatised) word: itself and its character 3–5-grams; words repeat across texts."""
    padded = f" {word} "
    grams = {f"c:{padded[i:i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1)}
    return frozenset(_bucket(f) for f in (f"w:{word}", *grams))


@lru_cache(maxsize=1024)
def features(text: str) -> tuple[int, ...]:
    """The distinct feature buckets of a text (a link is one token, "httplink"; a number one token)."""
    text = fold(clean(_LINK.sub(" httplink ", text)))
    words = [_lemma(w) for w in _WORD.findall(text)]
    found = {_bucket(f"b:{a} {b}") for a, b in itertools.pairwise(words)}
    for word in words:
        found |= _word(word)
    return tuple(sorted(found))
