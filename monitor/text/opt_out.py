"""Whether a message asks the brand to stop writing (English and Russian)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A clear request to stop, word for word (contractions are expanded: "don't" is "do not").
OPT_OUT_PHRASES = (
    "unsubscribe", "opt out", "opt-out", "do not message me", "stop messaging me", "leave me alone",
    "stop sending", "stop texting", "stop spamming", "do not contact me", "do not text me", "do not write to me",
    "отписаться", "отпишите меня", "не пишите мне", "хватит писать", "больше не пишите", "не пишите больше",
    "хватит спамить", "перестаньте писать", "перестаньте мне писать", "не присылайте мне",
)
# "stop" counts only as a sentence of its own ("STOP", "Stop it, please"), never in "bus stop" or "non-stop".
_STOP_ALONE = {"stop", "стоп"}
_CLAUSE_ENDS = ",.!?;\n…"
SHORT_TAIL = 4
_FILLER = {"please", "pls", "plz", "just", "now", "it", "that", "this", "all", "ok", "okay", "already", "thanks",
           "пожалуйста", "плиз", "уже", "все", "сейчас", "это", "ну", "так", "немедленно", "спасибо"}
_NEGATIONS = {"not", "never", "не", "никогда"}
_SENTENCES = re.compile(r"[^.!?;\n…]+[.!?;\n…]*")  # each sentence with its closing punctuation
# Questions about opting out ("How do I unsubscribe?"), unlike polite requests («Можно без рассылок?»).
_QUESTION = re.compile(
    r"(?i)(how|what|where|when|why|which|can i|could i|may i|do i|is it|is there|как|где|когда|почему|зачем|что|можно ли|могу ли)\b"
)
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def _words(text: str) -> list[str]:
    """Lower-case words, ё as е, contractions expanded ("don't" → "do not")."""
    words: list[str] = []
    for word in _WORD.findall(text.lower().replace("ё", "е").replace("’", "'")):
        if word.endswith("n't"):
            words += [word[:-3] or "do", "not"]
        elif word in ("dont", "cannot"):
            words += ["do" if word == "dont" else "can", "not"]
        else:
            words.append(word)
    return words


_BUILT_IN = [tuple(_words(phrase)) for phrase in OPT_OUT_PHRASES]


def is_opt_out(text: str, extra_phrases: Iterable[str] = ()) -> bool:
    """Whether a message asks the brand to stop writing (en/ru, word-level, case-insensitive).

    A lone "stop"/«стоп» counts only as the whole message ("STOP", "stop please"), never as
    the start of a complaint ("Stop, you charged me twice"); a question ("How do I
    unsubscribe?", «Можно ли отписаться…?») asks about opting out rather than doing it.
    """
    first, _, rest = text.strip().partition(next((c for c in text if c in _CLAUSE_ENDS), "\0"))
    first_core = [w for w in _words(first) if w not in _FILLER]
    rest_core = [w for w in _words(rest) if w not in _FILLER]
    # "STOP", "Stop, I'm not interested": a stop with at most a short tail; "Stop, you charged me twice…" is a complaint.
    if first_core and all(w in _STOP_ALONE for w in first_core) and len(rest_core) <= SHORT_TAIL:
        return True
    phrases = _BUILT_IN + [tuple(_words(phrase)) for phrase in extra_phrases]
    for sentence in _SENTENCES.findall(text):
        if sentence.rstrip().endswith("?") and _QUESTION.match(sentence.strip()):
            continue
        words = _words(sentence)
        for phrase in phrases:
            size = len(phrase)
            for start in range(len(words) - size + 1):
                if size and tuple(words[start : start + size]) == phrase and not _negated(words[:start]):
                    return True
    return False


def _negated(before: list[str]) -> bool:
    """Whether the two words before a phrase negate it ("do not want to unsubscribe", «не хочу отписаться»)."""
    return bool(_NEGATIONS & set([w for w in before if w != "to"][-2:]))
