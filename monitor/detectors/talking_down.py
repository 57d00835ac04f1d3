"""Sarcasm aimed at a reader that no phrase list spells: mocking emoji, scare quotes, "sorry not sorry" (for tone.insult)."""

from __future__ import annotations

import re
from collections.abc import Callable

from monitor.text.folding import fold
from monitor.text.lexicons import sarcasm

_MOCKING = re.compile(sarcasm.MOCKING_EMOJI)
_WRY = re.compile(sarcasm.WRY_EMOJI)
_OPENER = re.compile(sarcasm.SARCASTIC_OPENER)
_SORRY_NOT_SORRY = re.compile(sarcasm.SORRY_NOT_SORRY)
_SCARE_QUOTED = re.compile("|".join(f"(?:{p})" for p in sarcasm.SCARE_QUOTED))
_OWN_BEFORE = re.compile(sarcasm.OWN_BEFORE)
_NOT_FOR_YOU = re.compile(sarcasm.NOT_FOR_YOU)
_SOMEONE = re.compile(sarcasm.SOMEONE)
_MARKERS = "🙄🤡🤦🥱🙃😒😏🤷'\"“‘«„*"

Spans = list[tuple[int, int]]


def _at(spans: Spans, position: int) -> int | None:
    """The index of the sentence holding position."""
    return next((i for i, (s, e) in enumerate(spans) if s <= position < e), None)


def sarcastic_remarks(
    text: str,
    spans: Spans,
    quotations: Spans,
    spoken_to: Callable[[str], bool],
    second_person: Callable[[str], bool],
    first_person: Callable[[str], bool],
    mocking_self: Callable[[str], bool],
) -> list[tuple[int, int]]:
    """Sentences (first, last index) of sarcasm at a reader: a mocking emoji or a wry one after "Oh sure," said to
    someone, a reader's "feedback" or a self-styled «эксперт» in scare quotes, "sorry not sorry" said to "you",
    "maybe it just isn't for you" after a complaint.

    `spoken_to(sentence)`: someone is addressed; `second_person`, `first_person`: "you"/«вы», "we"/«мы» in it;
    `mocking_self`: the brand laughs at itself there. `quotations`: spans of quoted words, which are someone else's."""
    lower = fold(text)
    found: list[tuple[int, int]] = []
    if not any(c in text for c in _MARKERS) and "sorry" not in lower and "сорян" not in lower and _NOT_FOR_YOU.search(lower) is None:
        return found

    def quoted(position: int) -> bool:
        return any(s <= position < e for s, e in quotations)

    def addressed(first: int, last: int) -> bool:
        part = text[spans[first][0] : spans[last][1]]
        return spoken_to(part) or _SOMEONE.search(fold(part)) is not None

    for m in _SCARE_QUOTED.finditer(text):
        at = _at(spans, m.start())
        if at is not None and not quoted(m.start()) and not _OWN_BEFORE.search(lower[max(m.start() - 20, 0) : m.start()]):
            found.append((at, at))
    for m in _MOCKING.finditer(text):
        at = _at(spans, m.start())
        if at is None:
            continue
        first = max(at - 1, 0) if m.start() - spans[at][0] < 3 else at  # an emoji opening a sentence ends the one before
        if addressed(first, at) and not mocking_self(text[spans[first][0] : spans[at][1]]):
            found.append((first, at))
    wry = [_at(spans, m.start()) for m in _WRY.finditer(text)]
    for m in _OPENER.finditer(lower):
        at = _at(spans, m.end() - 1)
        later = [w for w in wry if w is not None and at is not None and w >= at]
        # "Ну конечно, we'll bring it back 🙃" agrees about ourselves; the sarcasm speaks of the reader.
        if later and addressed(0, len(spans) - 1) and not first_person(text[spans[at][0] : spans[later[0]][1]]):
            found.append((at, later[0]))
    for m in _SORRY_NOT_SORRY.finditer(lower):
        at = _at(spans, m.start())
        if at is not None and second_person(text[spans[at][0] : spans[at][1]]) and not mocking_self(text[spans[at][0] : spans[at][1]]):
            found.append((at, at))
    for m in _NOT_FOR_YOU.finditer(lower):
        at = _at(spans, m.start())
        # "Maybe our ghost-pepper latte just isn't for everyone": of our own product, it is a warning.
        if at is not None and not quoted(m.start()) and addressed(max(at - 1, 0), at) and not first_person(text[spans[at][0] : spans[at][1]]):
            found.append((at, at))
    return found
