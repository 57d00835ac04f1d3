"""Obscene and mild words in a text, written plainly or disguised (masks, digits, look-alike letters, spacing)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import lru_cache

from monitor.text.folding import clean, fold
from monitor.text.lang import has_latin, is_cyrillic, script_counts
from monitor.text.lexicons import en, ru
from monitor.text.lookalikes import TO_LATIN
from monitor.text.phrases import MIN_NEED, Phrases, needed_words
from monitor.text.words import Token, WordList, WordMatch, masked, tokens

_lower = fold

EN_OBSCENE = WordList(en.OBSCENE, en.MASKED_FORMS)
RU_OBSCENE = WordList(ru.OBSCENE, ru.MASKED_FORMS)
EN_CONTEXTUAL = WordList(en.CONTEXTUAL)
MILD = WordList(en.MILD + ru.MILD)
_REPEATS = re.compile(r"(.)\1+")
_MASKS_OR_DIGITS = re.compile(r"[^\W\d_][\d*#%@$!?•●·|]|[\d*#%@$!?•●·|][^\W\d_]")  # inside a word: "h3ll", "d*mn"


def _literal_needs(patterns: list[str]) -> tuple[str, ...] | None:
    """The words one of which a text must hold (repeats collapsed) to match any of patterns; None: any text may."""
    needs: set[str] = set()
    for pattern in patterns:
        need = needed_words(pattern)
        if not need or min(map(len, need)) < MIN_NEED:
            return None
        needs |= {_REPEATS.sub(r"\1", n) for n in need}
    return tuple(sorted(needs))


_MILD_NEEDS = _literal_needs(en.MILD + ru.MILD)
_MILD_NOT = re.compile(en.MILD_NOT + "|" + ru.MILD_NOT)
_MILD_PHRASES = Phrases(ru.MILD_PHRASES)
_OBSCENE_PHRASES = Phrases(ru.OBSCENE_PHRASES)
FRAGMENT_CHARS = 120


# A word mixing Latin and Cyrillic letters may be typed phonetically («пиzдец», «bля», «хуйnя») or hide an English
# word behind Cyrillic look-alikes ("fuсk" with a Cyrillic с): read it both ways.
_LATIN_SOUNDS = [("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("ch", "ч"), ("sh", "ш"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ts", "ц"), ("kh", "х")]
_LATIN_LETTERS = str.maketrans("abvgdezijklmnoprstufhcyxwq", "абвгдезийклмнопрстуфхсухвк")


def _mixed(word: str) -> bool:
    """Latin and Cyrillic letters in one word."""
    return any(is_cyrillic(c) for c in word) and any(c.isascii() and c.isalpha() for c in word)


def _mixed_reading(word: str) -> tuple[str, str] | None:
    """What a mixed-script word hides, read phonetically in Russian or by look-alikes in English; None if nothing."""
    lower = word.lower()
    russian = lower
    for latin, cyrillic in _LATIN_SOUNDS:
        russian = russian.replace(latin, cyrillic)
    hit = RU_OBSCENE.match_word(russian.translate(_LATIN_LETTERS))
    if hit is None:
        hit = EN_OBSCENE.match_word(word.translate(TO_LATIN))
    return (hit[0], "obfuscated") if hit else None


def _allowed(word: str, form: str, allow: list[str]) -> bool:
    return bool(allow) and bool({fold(word), form} & {fold(a) for a in allow})


def _obscene_words(text: str, allow: list[str] = ()) -> list[WordMatch]:
    """Words that are obscene in any context: plain, disguised, in mixed scripts, or in a phrase («ёп твою мать»)."""
    found: dict[Token, WordMatch] = {}
    # The scripts in the text pick the lexicons: a mixed text, or one Russian word in an English post, uses both.
    cyrillic, latin, _ = script_counts(text)
    for lexicon, present in ((EN_OBSCENE, latin), (RU_OBSCENE, cyrillic)):
        if present:
            for match in lexicon.find(text, allow):
                found.setdefault(match.token, match)
    if cyrillic and latin:
        for token in tokens(text):
            if token not in found and _mixed(token.text):
                hit = _mixed_reading(token.text)
                if hit and not _allowed(token.text, hit[0], list(allow)):
                    found[token] = WordMatch(token, *hit)
    if cyrillic:
        lower = _lower(text)
        for m in _OBSCENE_PHRASES.finditer(lower):
            token = Token(text[m.start("w") : m.end("w")], m.start("w"), m.end("w"))
            if not any(t.start < token.end and token.start < t.end for t in found):
                found[token] = WordMatch(token, lower[m.start() : m.end()], "plain")
    return list(found.values())


def mask_obscene(text: str, found: list[WordMatch] | None = None) -> str:
    """The text with its obscene words (or the `found` ones) shown as first letter + ***."""
    if found is None:
        found = _obscene_words(text)
        cleaned = clean(text)
        # Shown as written (emoji joiners and all) unless invisible characters hid a word ("fu\u200bck").
        if cleaned != text and len(hidden := _obscene_words(cleaned)) > len(found):
            text, found = cleaned, hidden
    for match in sorted(found, key=lambda m: -m.token.start):
        text = text[: match.token.start] + masked(match.form) + text[match.token.end :]
    return text


def fragment(text: str) -> str:
    """A sentence as evidence: obscene words masked, cut to FRAGMENT_CHARS."""
    text = " ".join(mask_obscene(text).split())
    return text if len(text) <= FRAGMENT_CHARS else text[: FRAGMENT_CHARS - 1].rstrip() + "…"


@lru_cache(maxsize=1)
def _model() -> Callable:
    """alt-profanity-check's predict_prob, loaded once (it ships its model; nothing is downloaded)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-learn warns about the pickled model's version
        from profanity_check import predict_prob
    return predict_prob


def profanity_probability(text: str) -> float:
    """The English profanity model's probability that the text is profane."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(_model()([text])[0])


def read_out(text: str, found: list[WordMatch]) -> str:
    """The text with disguised words replaced by what they read as ("a$$" → "ass"), for the model."""
    for match in sorted(found, key=lambda m: -m.token.start):
        text = text[: match.token.start] + match.form + text[match.token.end :]
    return text


def _name_like(text: str, token: Token) -> bool:
    """A capitalised word inside a sentence, or one before another capitalised word: "Moby Dick", "Dick Smith"."""
    if not token.text[:1].isupper() or token.text.isupper():
        return False
    before = text[: token.start].rstrip()
    if before and before[-1] not in ".!?…\n:;«\"“(":
        return True
    return text[token.end :].lstrip()[:1].isupper()


def find_profanity(text: str, allow: list[str], threshold: float) -> list[WordMatch]:
    """Obscene words in text; words obscene only in context ("ass", "tits") count when the model agrees."""
    found = {m.token: m for m in _obscene_words(text, allow)}
    contextual = [m for m in EN_CONTEXTUAL.find(text, allow) if m.token not in found and not _name_like(text, m.token)]
    if contextual and has_latin(text):
        if profanity_probability(read_out(text, [*found.values(), *contextual])) >= threshold:
            found.update((m.token, m) for m in contextual)
    return sorted(found.values(), key=lambda m: m.token.start)


def find_mild(text: str, allow: list[str], taken: list[WordMatch] = ()) -> list[WordMatch]:
    """Mild expletives ("damn", "bloody hell", «хрен с ним», «чёрт возьми») outside the `taken` obscene words.

    Not a name ("Hell's Kitchen", "Damn Good Coffee" mid-sentence) nor an innocent phrase ("Bloody Mary", «чёртово колесо»)."""
    lower = _lower(text)
    found: list[WordMatch] = []
    collapsed = _REPEATS.sub(r"\1", lower)
    # Most texts hold no mild word, not even disguised: skip reading every word of them.
    if _MILD_NEEDS is None or any(n in collapsed for n in _MILD_NEEDS) or _MASKS_OR_DIGITS.search(text):
        found = [m for m in MILD.find(text, allow) if not _MILD_NOT.match(lower, m.token.start) and not _name_like(text, m.token)]
    for m in _MILD_PHRASES.finditer(lower):
        token = Token(text[m.start("w") : m.end("w")], m.start("w"), m.end("w"))
        if not _allowed(token.text, fold(token.text), allow):
            found.append(WordMatch(token, fold(token.text), "plain"))
    spans = [m.token for m in taken]
    kept: dict[int, WordMatch] = {}
    for match in found:
        if not any(t.start < match.token.end and match.token.start < t.end for t in spans):
            kept.setdefault(match.token.start, match)
    return sorted(kept.values(), key=lambda m: m.token.start)
