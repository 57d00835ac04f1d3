"""The one normaliser of text for the rules: what a reader sees, folded for matching, positions kept."""

from __future__ import annotations

import re
import unicodedata

from monitor.text.lang import is_cyrillic, is_latin
from monitor.text.lookalikes import TO_CYRILLIC, TO_LATIN

# Invisible characters that split or disguise a word: zero-width spaces and joiners, bidi controls, soft hyphens,
# variation selectors; and combining marks piled on a Latin or Cyrillic letter ("f̶u̶c̶k̶").
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff]"
)
_STACKED_MARKS = re.compile(
    "(?<=[A-Za-z\u00c0-\u024f\u0400-\u04ff])[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)
_JUNCTION = re.compile(r"[a-z][а-яё]|[а-яё][a-z]", re.IGNORECASE)


def _composed(text: str) -> tuple[str, list[int]]:
    """NFC of text ("е" + combining diaeresis as "ё", as macOS keyboards send it), and where each character came from."""
    composed = unicodedata.normalize("NFC", text)
    if len(composed) == len(text):
        return composed, list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    start = 0
    while start < len(text):
        end = start + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        cluster = unicodedata.normalize("NFC", text[start:end])
        out.append(cluster)
        index += [min(start + k, end - 1) for k in range(len(cluster))]
        start = end
    return "".join(out), index


def visible(text: str) -> tuple[str, list[int]]:
    """The text as a reader sees it (composed, no invisible characters or stacked marks), and where each of its
    characters was in text ([] when every character is where it was)."""
    if text.isascii():
        return text, []
    composed, index = _composed(text)
    gone = {i for pattern in (_INVISIBLE, _STACKED_MARKS) for m in pattern.finditer(composed) for i in range(m.start(), m.end())}
    if gone:
        keep = [i for i in range(len(composed)) if i not in gone]
        composed, index = "".join(composed[i] for i in keep), [index[i] for i in keep]
    return composed, ([] if index == list(range(len(text))) else index)


def clean(text: str) -> str:
    """The text as a reader sees it: composed (NFC), without invisible characters or marks stacked on letters."""
    return visible(text)[0]


def _char(char: str) -> str:
    """One character folded: compatibility form (full-width "Ａ"), lower case, ё as е; itself where that changes length."""
    if char.isascii():
        return char.lower()
    folded = unicodedata.normalize("NFKC", char).lower()
    if len(folded) != 1:
        folded = char.lower() if len(char.lower()) == 1 else char
    return "е" if folded == "ё" else folded


def _unmix(text: str) -> str:
    """Every word mixing the two scripts with its look-alike letters swapped to the word's main script."""
    done, out = 0, []
    for junction in _JUNCTION.finditer(text):
        start = junction.start()
        if start < done:
            continue
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        end = junction.end()
        while end < len(text) and text[end].isalpha():
            end += 1
        word = text[start:end]
        cyrillic, latin = sum(map(is_cyrillic, word)), sum(map(is_latin, word))
        out += [text[done:start], word.translate(TO_CYRILLIC if cyrillic >= latin else TO_LATIN)]
        done = end
    return "".join(out) + text[done:] if out else text


def fold(text: str) -> str:
    """Text for matching, same length as text: lower case, ё as е, full-width forms unified, and look-alike letters
    inside a word of the other script swapped ("pаssword" with a Cyrillic а, «гарaнтия» with a Latin a)."""
    if text.isascii():
        return text.lower()
    if _JUNCTION.search(text):
        text = _unmix(text)
    if unicodedata.is_normalized("NFKC", text):
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered.replace("ё", "е")
    return "".join(map(_char, text))
