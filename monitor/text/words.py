"""Words of a post with their positions, and what an obfuscated word reads as (l33t, repeats, look-alikes, masks).

Matching is by whole word: a word list is asked whether a *whole* reading of a word is
bad, so "Scunthorpe", "assistant" or «рубля» never match "cunt", "ass" or «бля».
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from monitor.text.folding import fold
from monitor.text.lang import is_cyrillic, is_latin
from monitor.text.lemmas import lemmas
from monitor.text.lookalikes import as_cyrillic, looks_cyrillic

WILD = "\x00"  # a masked letter inside a reading
MASKS = frozenset("*#%@$!?•●·")
# Links and e-mail addresses are blanked (same length) before words are cut, so their parts are not words.
_LINKS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
_RAW = re.compile(r"(?:[^\W_]|[*#%@$!?•●·])+")
_SENTENCE_END = re.compile(r"[.!?…;\n]+(?:\s|$)|\n")

# What digits and symbols stand for, per script, most likely first.
_LEET = {
    "en": {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s", "!": "i", "|": "l"},
    "ru": {"0": "о", "3": "з", "4": "ч", "6": "б", "9": "я", "@": "а"},
}
_MAX_READINGS = 64
_RUSSIAN = re.compile(r"[а-яё-]{2,}")
_CYRILLIC = re.compile("[а-яё]")


@dataclass(frozen=True)
class Token:
    """One word as written, with its [start, end) position in the text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Readings:
    """What a word may read as: plain lower-case forms, and patterns for the masked letters."""

    plain: frozenset[str]
    masked: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class WordMatch:
    """A word found in a word list: the token, the form it was read as, and how it was hidden."""

    token: Token
    form: str
    how: str  # "plain", "obfuscated" or "masked"


def _trim(word: str, start: int) -> tuple[str, int] | None:
    """Punctuation around a word removed; None for @handles and words without a letter."""
    if word.startswith("@"):
        return None  # a handle names someone else; it is not the brand's wording
    while word and word[0] in "!?#":
        word, start = word[1:], start + 1
    word = word.rstrip("!?")
    if len(word) > 2 and word[0] == "*" and word[-1] == "*" and "*" not in word[1:-1]:
        word, start = word[1:-1], start + 1  # *emphasis*
    letters = sum(c.isalpha() for c in word)
    if word.endswith(("*", "#")) and word[-2:-1].isalpha() and letters >= 4:
        word = word[:-1]  # a footnote mark: "shipping*"
    if not any(c.isalpha() for c in word):
        return None
    return word, start


def _spelled_out(found: list[Token], text: str) -> list[Token]:
    """Runs of three or more single letters ("f u c k", "х.у.й") joined into one word."""
    merged: list[Token] = []
    run: list[Token] = []

    def flush() -> None:
        if len(run) >= 3:
            merged.append(Token("".join(t.text for t in run), run[0].start, run[-1].end))
        else:
            merged.extend(run)
        run.clear()

    for token in found:
        single = len(token.text) == 1
        gap = text[run[-1].end : token.start] if run else ""
        if single and run and 1 <= len(gap) <= 2 and "\n" not in gap and not any(c.isalnum() for c in gap):
            run.append(token)
            continue
        flush()
        if single:
            run.append(token)
        else:
            merged.append(token)
    flush()
    return merged


def tokens(text: str) -> list[Token]:
    """The words of a text with their positions; links, e-mail addresses and @handles are not words."""
    return list(_tokens(text))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:
    """tokens(), computed once per text and shared by every rule that reads it."""
    blanked = _LINKS.sub(lambda m: " " * len(m[0]), text)
    found = []
    for match in _RAW.finditer(blanked):
        trimmed = _trim(match[0], match.start())
        if trimmed is not None:
            word, start = trimmed
            found.append(Token(word, start, start + len(word)))
    return tuple(_spelled_out(found, text))


def _script(word: str) -> list[str]:
    """The scripts a word may be read in: Cyrillic wins; all-look-alike Latin may be Russian too ("cyka")."""
    if any(is_cyrillic(c) for c in word):
        return ["ru"]
    if not any(is_latin(c) for c in word):
        return []
    lookalike = all(looks_cyrillic(c) or c.isdigit() or c in MASKS for c in word)
    return ["en", "ru"] if lookalike else ["en"]


def _options(char: str, script: str) -> str | list[str]:
    """What one character of a word may stand for in a script."""
    if char.isalpha():
        if script == "ru" and is_latin(char):
            return as_cyrillic(char)
        return fold(char)
    options = list(_LEET[script].get(char, ""))
    if char in MASKS:
        options.append(WILD)
    return options or [char]


def _collapsed(word: str) -> set[str]:
    """The word with every run of a repeated letter cut to one and to two ("fuuuck", "бляяя", "asss")."""
    return {word, re.sub(r"(.)\1+", r"\1", word), re.sub(r"(.)\1{2,}", r"\1\1", word)}


def _mask_pattern(reading: str) -> re.Pattern[str] | None:
    """A reading with masked letters as a pattern; a run of n masks hides n or n+1 letters ("f*k", "п***ц")."""
    letters = sum(c != WILD for c in reading)
    longest = max(len(run) for run in re.findall(f"{WILD}+", reading))
    if len(reading) < 3 or not (letters >= 2 or (letters >= 1 and longest >= 3)) or reading[0] == WILD and letters < 2:
        return None
    parts = []
    for char, group in itertools.groupby(reading):
        size = len(list(group))
        if char == WILD:
            parts.append(rf"\w{{{size},{size + 1}}}")
        else:
            parts.append(re.escape(char * size))
    return re.compile("".join(parts))


@lru_cache(maxsize=8192)
def readings(word: str) -> Readings:
    """Every plain reading of a word (de-obfuscated, repeats collapsed) and patterns for its masked letters."""
    word = unicodedata.normalize("NFKC", word)
    plain: set[str] = set()
    masked: list[re.Pattern[str]] = []
    for script in _script(word):
        choices = [_options(c, script) for c in word]
        for combo in itertools.islice(itertools.product(*choices), _MAX_READINGS):
            reading = "".join(combo).replace("ё", "е")
            if WILD in reading:
                pattern = _mask_pattern(reading)
                if pattern is not None:
                    masked.append(pattern)
            else:
                plain |= _collapsed(reading)
    return Readings(frozenset(plain), tuple(masked))


class WordList:
    """Bad words of one kind: whole-word patterns over readings, Russian words by their lemmas (every case and
    number), and common forms to compare masked words with."""

    def __init__(self, patterns: Iterable[str] = (), forms: Iterable[str] = (), lemmas: Iterable[str] = (),
                 plural_nouns: bool = False) -> None:
        patterns = list(patterns)
        self._regex = re.compile("(?:" + "|".join(patterns) + ")") if patterns else None
        self.forms = tuple(forms)
        self._lemmas = frozenset(fold(lemma) for lemma in lemmas)
        self._plural_nouns = plural_nouns  # lemmas count only where the word is a plural noun ("идиоты", not "тупые")
        # Words repeat across texts far more than texts do: each distinct word is judged once per list.
        self.match_word = lru_cache(maxsize=65536)(self._match_word)  # type: ignore[method-assign]

    def _listed(self, reading: str, russian: bool) -> bool:
        """Whether one reading of a word is in the list, by pattern or (for a Russian word) by lemma."""
        if self._regex is not None and self._regex.fullmatch(reading):
            return True
        return russian and bool(self._lemmas) and _RUSSIAN.fullmatch(reading) is not None and not self._lemmas.isdisjoint(
            lemmas(reading, self._plural_nouns)
        )

    def _match_word(self, word: str) -> tuple[str, str] | None:
        """(form, how) when some whole reading of the word is in the list, else None."""
        as_written = unicodedata.normalize("NFKC", word).lower().replace("ё", "е")  # no letter swapped
        found = readings(word)
        # A word written in Latin letters only is read as Russian by its patterns (mat in look-alikes), not by
        # lemma: "come" read «соме» would load the dictionaries for every English text.
        russian = _CYRILLIC.search(as_written) is not None
        # "пиздeц" with a Latin e matches as written, but it is a disguise: plain only when no letter was swapped.
        if as_written in found.plain and self._listed(as_written, russian):
            return as_written, "plain"
        for reading in sorted(found.plain, key=lambda r: (-len(r), r)):
            if self._listed(reading, russian):
                return reading, "obfuscated"
        for pattern in found.masked:
            for form in self.forms:
                if pattern.fullmatch(form):
                    return form, "masked"
        return None

    def find(self, text: str, allow: Iterable[str] = ()) -> list[WordMatch]:
        """Every word of text in the list, except the allowed words (compared as written and as read)."""
        allowed = {fold(a) for a in allow}
        found = []
        for token in tokens(text):
            hit = self.match_word(token.text)
            if hit is not None and fold(token.text) not in allowed and hit[0] not in allowed:
                found.append(WordMatch(token, *hit))
        return found


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of every sentence: cut at . ! ? … ; and line breaks."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def masked(fragment: str) -> str:
    """A bad word as a summary may show it: its first letter and ***."""
    first = next((c for c in fragment if c.isalpha()), fragment[:1])
    return f"{first}***"


def name_pattern(name: str) -> str:
    """A name (a competitor's) as a pattern over fold text: an @handle with or without @, Russian names
    with case endings, and a name written as a handle or hashtag ("Costa Coffee": @costacoffee, #CostaCoffee, @costa_ru)."""
    name = name.strip()
    if name.startswith("@"):
        return r"(?<![\w@])@?" + re.escape(fold(name[1:])) + r"(?!\w)"
    parts = []
    for word in fold(name).split():
        if re.search(r"[а-я]", word):
            # «Шоколадница» → «Шоколадницы», «Шоколаднице», «Шоколадницей»
            stem = word[:-1] if len(word) >= 4 and word[-1] in "аяоеьйыиу" else word
            parts.append(re.escape(stem) + r"[а-я]{0,3}")
        else:
            parts.append(re.escape(word) + r"(?:['’]s?|['’-]?[а-я]{1,3})?")
    handle = "[_.]?".join(re.escape(word) for word in fold(name).split()) + r"(?:_\w+|ru|uk|us)?"
    return r"(?<![\w@#])(?:[@#]" + handle + "|" + r"[\s-]+".join(parts) + r")(?!\w)"
