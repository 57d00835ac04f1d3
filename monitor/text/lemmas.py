"""Russian lemmas through pymorphy3 and its dictionaries: every case and number of a word read as that word."""

from __future__ import annotations

from functools import lru_cache

from monitor.text.libraries import TextLibraryMissing


@lru_cache(maxsize=1)
def _analyzer():
    """The morphological analyser, loaded once (about 80 ms) when the first Russian word is read."""
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang="ru")
    except (ImportError, OSError, ValueError) as exc:
        raise TextLibraryMissing(
            f"the Russian text rules need pymorphy3 with its Russian dictionaries ({exc}); "
            "install them with: pip install 'pymorphy3>=2.0' 'pymorphy3-dicts-ru'"
        ) from exc


def check_available() -> None:
    """Load the analyser now, so a missing dictionary is a start-up error, not a failure in the middle of a sweep."""
    _analyzer()


@lru_cache(maxsize=65536)
def lemmas(word: str, plural_noun: bool = False) -> frozenset[str]:
    """Every dictionary form the word may be (ё as е); with plural_noun only those of its plural-noun readings."""
    found = set()
    for parse in _analyzer().parse(word):
        if {"ADJS", "neut"} <= parse.tag.grammemes:
            continue  # «жалко», «недалеко», «тупо» are adverbs far more often than short adjectives
        if plural_noun and not ({"NOUN", "plur"} <= parse.tag.grammemes or "Coll" in parse.tag.grammemes):
            continue
        found.add(parse.normal_form.replace("ё", "е"))
    return frozenset(found)
