"""Phrase patterns: the shipped table of needed words, and the same matches as running every pattern."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from monitor.text import phrases
from monitor.text.phrases import Phrases, fresh_table

DATA = Path(__file__).resolve().parent.parent / "data"


def test_the_shipped_table_lists_every_phrase_pattern_with_what_parsing_says() -> None:
    shipped = json.loads(phrases.TABLE.read_text(encoding="utf-8"))
    fresh = fresh_table()

    missing = sorted(set(fresh) - set(shipped))
    wrong = sorted(p for p in fresh if p in shipped and shipped[p] != fresh[p])
    assert not missing and not wrong, (
        f"{len(missing)} phrase patterns missing from and {len(wrong)} out of date in {phrases.TABLE.name} "
        f"(first: {(missing + wrong)[0]!r}); refresh it with: python -m monitor.text.phrases"
    )


def test_a_pattern_the_table_does_not_list_is_parsed() -> None:
    found = Phrases([r"\bunlisted\s+pattern\s+(?:one|two)\b"])

    assert found.search("an unlisted pattern two here") is not None
    assert found.search("nothing of the kind") is None


def test_phrases_find_what_every_pattern_run_on_its_own_finds() -> None:
    """The needed-word filter only skips patterns that cannot match: the CI corpus gets the same matches."""
    texts = [json.loads(line)["text"].lower() for path in sorted(DATA.glob("corpus_*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    patterns = sorted(fresh_table())
    filtered = Phrases(patterns)
    compiled = [re.compile(p) for p in patterns]

    for text in texts:
        expected = [m.span() for pattern in compiled for m in pattern.finditer(text)]
        assert [m.span() for m in filtered.finditer(text)] == expected, text


@pytest.mark.parametrize("text", ["", "☕" * 5_000, "\u200b" * 1_000, "а" * 10_000])
def test_odd_texts_match_nothing_and_do_not_crash(text: str) -> None:
    assert Phrases([r"\bgo\s+away\b", r"(?<!\w)дверь\s+там"]).search(text) is None
