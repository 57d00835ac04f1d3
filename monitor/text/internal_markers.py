"""Markers on internal documents and drafts: "internal only", "NDA", «ДСП», «не для публикации», and the brand's own."""

from __future__ import annotations

import re

from monitor.text.folding import fold

INTERNAL_TERMS = [
    "internal only", "internal use only", "for internal use", "internal document", "internal memo",
    "not for publication", "not for distribution", "not for public release", "not to be published",
    "do not distribute", "do not forward", "do not publish", "draft - do not post", "strictly confidential",
    "embargoed until", "off the record", "under nda",
    "для служебного пользования", "для внутреннего использования", "только для внутреннего", "внутренний документ",
    "внутренняя переписка", "служебная записка", "не для публикации", "не для распространения", "не для печати",
    "не для прессы", "не публиковать", "не распространять", "не пересылать", "строго конфиденциально", "под nda",
]
# "Do not share your SMS code" or "don't post photos of guests" is advice to customers; "do not share"
# with nothing after it, or "outside the team", is a marker on a document.
_SHARE = re.compile(
    r"\b(?:do\s+not|don'?t|don’t)\s+(?:share|post)\b(?=\s*(?:[:.!,;)\]—–-]|$|(?:yet|until|before|outside|externally|publicly)\b))"
)
_LABELS = [
    re.compile(r"(?:^|\n)[ \t]*[\[(]?(?:confidential|конфиденциально)\b[ \t]*(?:[:\])—–-]|$)", re.MULTILINE),
    re.compile(r"[\[(]\s*(?:confidential|конфиденциально)\s*[\])]"),
    re.compile(r"\bconfidential\s+(?:memo|document|draft|report|deck|presentation|plan|figures|numbers)\b"),
    re.compile(r"\bконфиденциальн\w*\s+(?:документ|записк|отчет|план|презентаци|цифр)\w*"),
    _SHARE,
]
# Upper-case markers, matched on the original text: "NDA", «ДСП», "CONFIDENTIAL".
_UPPER = re.compile(
    r"(?<![\w-])(?:NDA|CONFIDENTIAL|КОНФИДЕНЦИАЛЬНО)(?![\w-])|\b(?:Confidential|Конфиденциально)\s*:"
    r"|(?:^|\n)[ \t]*(?:Internal|INTERNAL|Внутреннее|ВНУТРЕННЕЕ)[ \t]*:"
)
_DSP = re.compile(r"(?<![\w-])ДСП(?![\w-])")
# ДСП is also chipboard (древесно-стружечная плита): in a text about furniture it is not a stamp.
_FURNITURE = re.compile(r"плит|мебел|ламинир|шкаф|столешниц|стеллаж|\d\s?мм\b")


def _phrase(term: str) -> re.Pattern[str]:
    """A marker as a pattern: whole words, any spacing or dash between them."""
    words = fold(term).replace("—", "-").replace("–", "-").split()
    return re.compile(r"(?<!\w)" + r"[\s,:—–-]+".join(re.escape(w) for w in words if w != "-") + r"(?!\w)")


_BUILT_IN = [_phrase(t) for t in INTERNAL_TERMS]


def find_internal_markers(text: str, folded: str, extra: list[str]) -> list[tuple[int, int]]:
    """[start, end) of every internal marker in text (folded is fold(text)), built-in and configured."""
    spans: list[tuple[int, int]] = []
    patterns = _BUILT_IN + _LABELS + [_phrase(t) for t in extra if t.strip()]
    matches = [m.span() for p in patterns for m in p.finditer(folded)]
    matches += [m.span() for m in _UPPER.finditer(text)]
    if not _FURNITURE.search(folded):
        matches += [m.span() for m in _DSP.finditer(text)]
    for start, end in sorted(matches):
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))
    return spans


def find_internal_terms(text: str, extra: list[str]) -> list[str]:
    """Every internal marker in text, as written there."""
    return [text[s:e].strip(" \t\n:—–-") for s, e in find_internal_markers(text, fold(text), extra)]
