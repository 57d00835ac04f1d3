"""Absolute claims in a text: the pattern families, minus quotes, denials, refund policies and self-comparisons."""

from __future__ import annotations

import re

from monitor.detectors.claim_patterns import FAMILIES, GUARANTEE_RE, NOT_PLACES, RESULT_RE, SCOPE_PLACE
from monitor.text.folding import clean, fold

# Praise the brand quotes or reports ("“Best coffee in town!” — Anna", «пишет Анна») is the customer's, not a claim.
# "12,000+ reviews" counts reviews; it quotes none.
_REPORTED = re.compile(
    r"\b(?:says|said|writes|wrote|calls|called|thinks|tells\s+us|told\s+us|claims|claimed)\b"
    r"|\b(?:you|people|some|they|many|guests|customers|folks)\s+(?:often\s+|keep\s+|always\s+)?(?:say|tell\s+us|claim|think)\b"
    r"|\bask(?:s|ed)?\s+(?:us\s+)?(?:if|whether)\b"
    r"|(?<![\d+]\s)(?<![\d+])\breview\w*"
    r"|(?<!\w)(?:пишет|написал\w*|говорит|сказал\w*|считает|назвал\w*|по\s+словам)(?!\w)"
    r"|(?<!\w)(?:спрашива|спросил)\w*,?\s+(?:[\w-]+\s+){0,2}?(?:правда\s+ли|действительно\s+ли|ли)(?!\w)"
    r"|(?<![\d+]\s)(?<![\d+])(?<!\w)отзыв\w*"
)
# "Myth: coffee cures a cold", «миф, что кофе лечит»: the brand names the claim to debunk it.
_MYTH = re.compile(r"\bmyths?\b|(?<!\w)миф\w*")
# A sentence ends at . ! ? or a line break, but not at the point of "4.9".
_SENTENCE_END = re.compile(r"[!?\n]|\.(?!\d)")
# The brand's correction right after a claim it repeats: "… — that's not true", «… Это не так».
_CORRECTION = re.compile(
    r"\b(?:that|this|it)(?:'s|’s|\s+is)\s+(?:not|n[o']t)\s+(?:true|the\s+case|quite\s+(?:true|right))|\bnot\s+true\b"
    r"|\bisn'?t\s+true\b|^\W*no\b[,.!](?!\s*(?:really|seriously|honestly|for\s+real))"
    r"|\bno,\s+it\s+(?:doesn'?t|does\s+not|isn'?t|won'?t)\b|\bwe\s+(?:can'?t|cannot|won'?t|don'?t)\s+(?:promise|claim|say|guarantee)\b"
    r"|(?<!\w)(?:это\s+не\s+так|неправда|^\W*нет\b[,.!]|нет,\s+не|правда:\s*нет|не\s+совсем\s+так|увы,?\s+нет|к\s+сожалению,?\s+нет"
    r"|мы\s+не\s+(?:можем\s+)?(?:обеща|гарантир|утвержда)\w*)(?!\w)"
)


def _quoted(text: str, start: int, end: int) -> bool:
    """Is text[start:end] inside quotation marks (« », “ ”, „ “ or straight quotes)?"""
    before, after = text[:start], text[end:]
    for opener, closer in (("«", "»"), ("“", "”"), ("„", "“")):
        if before.rfind(opener) > before.rfind(closer) and closer in after:
            return True
    return before.count('"') % 2 == 1 and '"' in after


def _sentence_head(folded: str, start: int) -> str:
    """The sentence before start (at most 400 characters of it, so that a long text costs no more per claim)."""
    window = max(0, start - 400)
    cut = max((m.end() for m in _SENTENCE_END.finditer(folded, window, start)), default=window)
    return folded[cut:start]


def _reported(folded: str, start: int, end: int) -> bool:
    """Is the claim inside a quote or reported speech of the same sentence?"""
    return bool(_REPORTED.search(_sentence_head(folded, start)) or _REPORTED.search(_sentence_rest(folded, end)))


def _corrected(folded: str, end: int) -> bool:
    """Does the brand deny the claim in the rest of its sentence or in the next one?"""
    rest = _sentence_rest(folded, end)
    after = end + len(rest) + 1
    return bool(_CORRECTION.search(rest) or _CORRECTION.search(_sentence_rest(folded, after)))


_REMEDY = re.compile(
    r"money[\s-]?back|refund|your\s+money|верн[её]м\s+(?:вам\s+)?(?:деньги|стоимость)|возврат\w*\s+(?:денег|средств)|деньги\s+назад",
)
# "The best blend we've ever roasted" compares the brand with itself: an opinion, not a market claim.
# "The only café of ours in the city open late" speaks of the brand's own chain.
_OWN_COMPARISON = re.compile(
    r"we(?:'ve|’ve|\s+have)?\s+ever|of\s+ours|on\s+our\s+menu|of\s+our\s+(?:caf|shop|store|location|branch)"
    r"|of\s+the\s+chain|мы\s+когда-(?:либо|нибудь)|из\s+наших|в\s+нашем\s+меню|в\s+нашей\s+(?:линейке|сети)|нашей\s+сети"
    r"|(?:кофейн|точк)\w*\s+сети"
)
# Kinds that rank the brand against others: a self-comparison or a quoted customer is not such a claim.
_RANKING = frozenset({"superlative", "comparison", "only", "social_proof"})
# "You are the best guests in the world" is a compliment to the audience, not a claim about a product.
_AUDIENCE = re.compile(r"\b(?:customers?|guests?|friends|fans|followers|community|гост|клиент|друз|подписчик|покупател)")
# "Our customers are the best in the world", «вы — лучшие в мире»: the audience is the subject of the praise.
_AUDIENCE_SUBJECT = re.compile(
    r"(?:\b(?:customers|guests|friends|fans|followers|community|you)\s+(?:are|—|-|:)|(?<!\w)(?:гости|клиенты|друзья|подписчики"
    r"|покупатели|вы)(?:\s*[—:-])?)\s+(?:simply\s+|truly\s+|просто\s+)?(?:the\s+)?$"
)

# "Coffee won't cure a cold" or «мы не лучшие в мире» denies the claim.
_NEGATION = re.compile(r"(?:\bnot|n't|n’t|\bnever|\bне|\bни)\s+(?:[\w'’]+\s+)?$")
# "We won't claim we're the best in Moscow", «мы не утверждаем, что мы лучшие»: disowned before it is said.
_DISCLAIMER = re.compile(
    r"\b(?:won'?t|won’t|don'?t|don’t|do\s+not|never|wouldn'?t)\s+(?:claim|say|pretend|promise)\b"
    r"|(?<!\w)не\s+(?:утвержда|говор|скаж|претенду|обеща|будем\s+(?:говорить|утверждать))\w*"
)
# "Our only café in Moscow", «наша единственная кофейня в городе»: the brand's own chain, not a market.
_OWN_CHAIN = re.compile(r"(?:\bour|(?<!\w)наш\w*|(?<!\w)у\s+нас(?:\s+есть)?)\s+$")
# "7 out of 10 guests in our poll picked pumpkin": a counted vote, not invented popularity.
_POLL = re.compile(r"\b(?:polls?|vot(?:e|es|ed|ing)|survey\w*)\b|(?<!\w)(?:опрос\w*|голосовани\w*|проголосова\w*)")
# "Is it the best coffee in town? You tell us": a question the audience is asked to judge.
_YOU_JUDGE = re.compile(
    r"\byou\s+(?:tell\s+us|decide|be\s+the\s+judge)\b|\btell\s+us\b|\bwhat\s+do\s+you\s+think\b|\blet\s+us\s+know\b"
    r"|(?<!\w)(?:решать\s+вам|вам\s+решать|судить\s+вам|как\s+(?:вы\s+)?думаете|пишите\s+в\s+комментари\w*|расскажите)(?!\w)"
)


def _phrase(term: str) -> re.Pattern[str]:
    """A configured phrase as a pattern: whole words, any spacing."""
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, fold(term).split())) + r"(?!\w)")


def _put_to_the_audience(folded: str, end: int) -> bool:
    """Does the claim's sentence end in a question that the next words hand to the reader to judge?"""
    stop = end + len(_sentence_rest(folded, end))
    return folded[stop : stop + 1] == "?" and bool(_YOU_JUDGE.search(folded, stop, stop + 120))


def _not_a_claim(kind: str, m: re.Match[str], text: str, folded: str) -> bool:
    """Is this match not the brand's own claim: a quote, a denial, a question to the reader, its own chain or menu …?"""
    start, end = m.start(), m.end()
    if "place" in m.re.groupindex and (
        not text[m.start("place")].isupper() or NOT_PLACES.match(m["place"]) or SCOPE_PLACE.match(m["place"])
    ):
        return True
    if kind == "extra":
        return False
    if kind in _RANKING and (
        _OWN_COMPARISON.search(m[0] + " " + _sentence_rest(folded, end))
        or (kind != "social_proof" and _AUDIENCE.search(m[0]))
        or (kind == "superlative" and _AUDIENCE_SUBJECT.search(folded, max(0, start - 40), start))
        or (kind == "only" and _OWN_CHAIN.search(folded, max(0, start - 20), start))
        or (kind == "social_proof" and _POLL.search(folded))
        or _reported(folded, start, end)
    ):
        return True
    head = _sentence_head(folded, start)
    return bool(
        _NEGATION.search(folded, max(0, start - 20), start)
        or _quoted(text, start, end)
        or _corrected(folded, end)
        or _MYTH.search(head)
        or _DISCLAIMER.search(head)
        or _put_to_the_audience(folded, end)
    )


def _sentence_rest(folded: str, end: int) -> str:
    """The rest of the sentence after end (at most 400 characters of it)."""
    limit = min(len(folded), end + 400)
    stop = _SENTENCE_END.search(folded, end, limit)
    return folded[end : stop.start() if stop else limit]


def find_claims(text: str, extra: list[str]) -> list[tuple[str, str]]:
    """(kind, fragment) for every absolute claim in text; kind is health, miracle, superlative, only, comparison,
    promise, returns, result, safety, social_proof, guarantee or extra."""
    text = clean(text)  # a claim split by zero-width characters reads as one
    folded = fold(text)
    found: list[tuple[int, int, str]] = []
    groups = [(kind, phrases.finditer(folded)) for kind, phrases in FAMILIES]
    if not _REMEDY.search(folded):
        groups.append(("guarantee", GUARANTEE_RE.finditer(folded)))
    groups.append(("result", RESULT_RE.finditer(folded)))
    groups.append(("extra", (m for term in extra if term.strip() for m in _phrase(term).finditer(folded))))
    for kind, matches in groups:
        for m in matches:
            if _not_a_claim(kind, m, text, folded):
                continue
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), kind))
    return [(kind, text[s:e].strip()) for s, e, kind in sorted(found)]
