"""Absolute claims in a text: the pattern families, minus quotes, denials, refund policies and self-comparisons."""

from __future__ import annotations

import re

from monitor.detectors.claim_patterns import FAMILIES, GUARANTEE_RE, NOT_PLACES, SCOPE_PLACE
from monitor.text.folding import fold

# Praise the brand quotes or reports ("“Best coffee in town!” — Anna", «пишет Анна») is the customer's, not a claim.
_REPORTED = re.compile(
    r"\b(?:says|said|writes|wrote|calls|called|thinks|tells\s+us|told\s+us|review\w*)\b"
    r"|(?<!\w)(?:пишет|написал\w*|говорит|сказал\w*|считает|назвал\w*|по\s+словам|отзыв\w*)(?!\w)"
)


def _quoted(text: str, start: int, end: int) -> bool:
    """Is text[start:end] inside quotation marks (« », “ ”, „ “ or straight quotes)?"""
    before, after = text[:start], text[end:]
    for opener, closer in (("«", "»"), ("“", "”"), ("„", "“")):
        if before.rfind(opener) > before.rfind(closer) and closer in after:
            return True
    return before.count('"') % 2 == 1 and '"' in after


def _reported(folded: str, start: int, end: int) -> bool:
    """Is the claim inside a quote or reported speech of the same sentence?"""
    head = folded[:start]
    cut = max(head.rfind(c) for c in ".!?\n")
    return bool(_REPORTED.search(folded[cut + 1 : start]) or _REPORTED.search(_sentence_rest(folded, end)))


_REMEDY = re.compile(
    r"money[\s-]?back|refund|your\s+money|верн[её]м\s+(?:вам\s+)?(?:деньги|стоимость)|возврат\w*\s+(?:денег|средств)|деньги\s+назад",
)
# "The best blend we've ever roasted" compares the brand with itself: an opinion, not a market claim.
_OWN_COMPARISON = re.compile(
    r"we(?:'ve|’ve|\s+have)?\s+ever|of\s+ours|on\s+our\s+menu"
    r"|мы\s+когда-(?:либо|нибудь)|из\s+наших|в\s+нашем\s+меню|в\s+нашей\s+линейке"
)
# "You are the best guests in the world" is a compliment to the audience, not a claim about a product.
_AUDIENCE = re.compile(r"\b(?:customers?|guests?|friends|fans|followers|community|гост|клиент|друз|подписчик|покупател)")

# "Coffee won't cure a cold" or «мы не лучшие в мире» denies the claim.
_NEGATION = re.compile(r"(?:\bnot|n't|n’t|\bnever|\bне|\bни)\s+(?:[\w'’]+\s+)?$")


def _phrase(term: str) -> re.Pattern[str]:
    """A configured phrase as a pattern: whole words, any spacing."""
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, fold(term).split())) + r"(?!\w)")


def _sentence_rest(folded: str, end: int) -> str:
    """The rest of the sentence after end."""
    stop = re.search(r"[.!?\n]", folded[end:])
    return folded[end : end + stop.start()] if stop else folded[end:]


def find_claims(text: str, extra: list[str]) -> list[tuple[str, str]]:
    """(kind, fragment) for every absolute claim in text; kind is health, miracle, superlative, comparison,
    promise, returns, safety, guarantee or extra."""
    folded = fold(text)
    found: list[tuple[int, int, str]] = []
    groups = list(FAMILIES)
    if not _REMEDY.search(folded):
        groups.append(("guarantee", GUARANTEE_RE))
    groups.append(("extra", [_phrase(term) for term in extra if term.strip()]))
    for kind, patterns in groups:
        for pattern in patterns:
            for m in pattern.finditer(folded):
                if kind in ("superlative", "comparison") and (
                    _OWN_COMPARISON.search(_sentence_rest(folded, m.end())) or _AUDIENCE.search(m[0])
                ):
                    continue
                if "place" in pattern.groupindex and (
                    not text[m.start("place")].isupper() or NOT_PLACES.match(m["place"]) or SCOPE_PLACE.match(m["place"])
                ):
                    continue
                if kind != "extra" and (
                    _NEGATION.search(folded[max(0, m.start() - 20) : m.start()])
                    or _quoted(text, m.start(), m.end())
                    or (kind in ("superlative", "comparison") and _reported(folded, m.start(), m.end()))
                ):
                    continue
                if not any(s < m.end() and m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), kind))
    return [(kind, text[s:e].strip()) for s, e, kind in sorted(found)]
