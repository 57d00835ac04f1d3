"""Mistake 5, tone: obscene words, insults and attacks on competitors in the brand's own posts and replies."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import lru_cache

from monitor.detectors import TextHit, text_rule
from monitor.settings import RulesSettings, ToneRules
from monitor.text.lang import has_latin, is_cyrillic, is_latin, script_counts
from monitor.text.lexicons import en, en_negative, ru, ru_negative
from monitor.text.words import Token, WordList, WordMatch, aligned_lower, fold, masked, name_pattern, sentences, tokens

EN_OBSCENE = WordList(en.OBSCENE, en.MASKED_FORMS)
RU_OBSCENE = WordList(ru.OBSCENE, ru.MASKED_FORMS)
EN_CONTEXTUAL = WordList(en.CONTEXTUAL)
INSULTS = WordList(en.INSULTS + ru.INSULTS)
SECOND_PERSON = WordList(en.SECOND_PERSON + ru.SECOND_PERSON)
FIRST_PERSON = WordList(en.FIRST_PERSON + ru.FIRST_PERSON)
PERSON_NOUNS = WordList(en.PERSON_NOUNS + ru.PERSON_NOUNS)
LITERAL_INSULTS = WordList(en.LITERAL_INSULTS + ru.LITERAL_INSULTS)
THINGS = WordList(en.THINGS + ru.THINGS)
NEGATIVE_WORDS = WordList(w for lexicon in (en_negative, ru_negative) for group in lexicon.NEGATIVE_WORDS.values() for w in group)

_RUDE = [re.compile(p) for p in en.RUDE_PHRASES + ru.RUDE_PHRASES]
_DISMISSALS = [re.compile(p) for p in en.DISMISSALS + ru.DISMISSALS]
_STUPIDITY = [re.compile(p) for p in en.STUPIDITY + ru.STUPIDITY]
_NEGATION = [re.compile(en.NEGATION), re.compile(ru.NEGATION)]
_EXCLAMATION = [re.compile(en.EXCLAMATION), re.compile(ru.EXCLAMATION)]
_NEGATIVE_PHRASES = re.compile(r"(?<!\w)(?:" + "|".join(en_negative.NEGATIVE_PHRASES + ru_negative.NEGATIVE_PHRASES) + r")(?!\w)")
_NOT_NEGATIVE = re.compile("(?:" + "|".join(en_negative.NOT_NEGATIVE + ru_negative.NOT_NEGATIVE) + r")(?!\w)")
_NEGATED = [re.compile(en_negative.NEGATED), re.compile(ru_negative.NEGATED)]
_CONTRAST = re.compile(en_negative.CONTRAST + "|" + ru_negative.CONTRAST)
_THEY = re.compile(en_negative.THEY + "|" + ru_negative.THEY)
_HANDLE = re.compile(r"(?<![\w@])@\w")
_DISGUISE = re.compile(r"[\W\d_]|(\w)\1\1")  # a mask, a digit or a letter thrice: a word that may hide another
_QUOTES = "«\"“„'‘‹"
# How many words before an insult "you" / «ты» may stand and still be one remark.
PRONOUN_WINDOW = 4
# A sentence of this many words or fewer after one naming a competitor is a verdict on it ("Awful.", «Отстой.»).
VERDICT_WORDS = 3
FRAGMENT_CHARS = 120


def mask_obscene(text: str, found: list[WordMatch] | None = None) -> str:
    """The text with its obscene words (or the `found` ones) shown as first letter + ***."""
    if found is None:
        found = EN_OBSCENE.find(text) + RU_OBSCENE.find(text)
    for match in sorted(found, key=lambda m: -m.token.start):
        text = text[: match.token.start] + masked(match.form) + text[match.token.end :]
    return text


def _fragment(text: str) -> str:
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


def _readable(text: str, found: list[WordMatch]) -> str:
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
    found: dict[Token, WordMatch] = {}
    # The scripts in the text pick the lexicons: a mixed text, or one Russian word in an English post, uses both.
    cyrillic, latin, _ = script_counts(text)
    lexicons = [lexicon for lexicon, present in ((EN_OBSCENE, latin), (RU_OBSCENE, cyrillic)) if present]
    for lexicon in lexicons:
        for match in lexicon.find(text, allow):
            found.setdefault(match.token, match)
    contextual = [m for m in EN_CONTEXTUAL.find(text, allow) if m.token not in found and not _name_like(text, m.token)]
    if contextual and has_latin(text):
        if profanity_probability(_readable(text, [*found.values(), *contextual])) >= threshold:
            found.update((m.token, m) for m in contextual)
    return sorted(found.values(), key=lambda m: m.token.start)


@text_rule(
    "tone",
    "profanity",
    window=lambda r: r.tone.lookback,
    why={
        "en": "Swearing from the brand's account gets screenshotted and shared far beyond the followers who saw it; "
        "platforms cut the reach of such posts or remove them, and disguised spellings (f*ck, l33t, look-alike letters) fool no one.",
        "ru": "Мат от имени бренда скриншотят и разносят далеко за пределы подписчиков; площадки урезают охват таких "
        "постов или удаляют их, а замаскированное написание (х*й, б л я, латинские буквы) никого не обманывает.",
    },
    todo={
        "en": "Delete or edit the post or reply now; if people already reacted, post a short apology. "
        "If the word is part of a name you use on purpose, add it to [rules.tone] allow_words.",
        "ru": "Удалите или отредактируйте пост или ответ сейчас; если на него уже отреагировали, коротко извинитесь. "
        "Если слово — часть названия, которое вы используете намеренно, добавьте его в [rules.tone] allow_words.",
    },
)
def profanity(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit listing the obscene words of the text, masked."""
    settings = rules.tone
    found = find_profanity(text, settings.allow_words, settings.profanity_threshold)
    if not found:
        return []
    words = list(dict.fromkeys(masked(m.form) for m in found))
    disguised = any(m.how != "plain" for m in found)
    listed = ", ".join(words)
    return [
        TextHit(
            severity="critical",
            fragments=words,
            summary={
                "en": f"Obscene language in the brand's text: {listed}"
                + (" (disguised with symbols or look-alike letters, still readable)" if disguised else ""),
                "ru": f"Нецензурная лексика в тексте бренда: {listed}"
                + (" (замаскирована символами или похожими буквами, но читается)" if disguised else ""),
            },
            details={"words": words, "disguised": disguised, "count": len(found)},
            masked_text=mask_obscene(text, found),  # the alert quotes the post without repeating the words
        )
    ]


def _titled(sentence: str, token: Token, index: int) -> bool:
    """A title or a name rather than name-calling: «Идиот» in quotes, "the film Idiot" capitalised mid-sentence."""
    # A quote right before the word, or an opening one a space before; not the apostrophe of "Starbucks' burnt beans".
    if sentence[token.start - 1 : token.start] in tuple(_QUOTES) or sentence[: token.start].rstrip()[-1:] in ("«", "“", "„", "‹"):
        return True
    return index > 0 and token.text[:1].isupper() and not token.text.isupper()


def _compound(sentence: str, token: Token) -> str | None:
    """Where a word stands in a hyphenated one: "modifier" before the hyphen ("idiot-proof", «клоун-шоу»),
    "head" after it («эксперт-дебил»), None when it stands alone."""
    after, before = sentence[token.end : token.end + 2], sentence[max(token.start - 2, 0) : token.start]
    if len(after) == 2 and after[0] in "-‐" and after[1].isalpha():
        return "modifier"
    if len(before) == 2 and before[1] in "-‐" and before[0].isalpha():
        return "head"
    return None


def _epithet(words: list[Token], index: int) -> bool:
    """«эксперт-дебил», «диванный эксперт-идиот»: a Russian insult after a hyphen names whoever the first part is;
    after a name inside a sentence («про Ивана-дурака») it is a fairy-tale character."""
    if index == 0 or not is_cyrillic(words[index].text[0]):
        return False
    return index == 1 or not words[index - 1].text[:1].isupper()


def _addressed(words: list[Token], index: int, lower: str, sentence: str, reply: bool) -> bool:
    """Whether the insult at words[index] is aimed at someone: you/ты near it, a person noun, an @handle, "what an …"."""
    for word in reversed(words[max(index - PRONOUN_WINDOW, 0) : index]):
        if FIRST_PERSON.match_word(word.text):
            break
        if SECOND_PERSON.match_word(word.text):
            return True
    # After the insult only right next to it («клоун ты», "idiots, you"): "a stupid mistake with your order" is an apology.
    if index + 1 < len(words) and SECOND_PERSON.match_word(words[index + 1].text):
        return True
    if any(PERSON_NOUNS.match_word(w.text) for w in words[max(index - 1, 0) : index + 3] if w is not words[index]):
        return True
    if reply or _HANDLE.search(sentence):
        return True
    return any(p.search(lower[: words[index].start]) for p in _EXCLAMATION)


def _said_to_thing(words: list[Token], start: int, end: int) -> bool:
    """A dismissal said to a thing, the word right before or after it: "f*** off, Monday", «пошёл вон, дождь»."""
    return any(THINGS.match_word(w.text) for w in [w for w in words if w.end <= start][-1:] + [w for w in words if w.start >= end][:1])


def _spoken_to(words: list[Token], sentence: str, reply: bool) -> bool:
    """Someone is spoken to in the sentence (you/вы, a person noun, a reply or @handle) and it is not about ourselves."""
    if any(SECOND_PERSON.match_word(w.text) or PERSON_NOUNS.match_word(w.text) for w in words):
        return True
    return bool(reply or _HANDLE.search(sentence)) and not any(FIRST_PERSON.match_word(w.text) for w in words)


def _rude(sentence: str, words: list[Token], reply: bool) -> bool:
    """Rude phrases, dismissals said to a person («идите на х*й», "get lost") and remarks on someone's mind said to them.

    Disguised obscene words are read out first, so "go f*** yourself" reads as what it says."""
    suspect = [w for w in words if _DISGUISE.search(w.text) or not w.text.isascii() and any(map(is_latin, w.text))]
    disguised = [WordMatch(w, *hit) for w in suspect for hit in [EN_OBSCENE.match_word(w.text) or RU_OBSCENE.match_word(w.text)] if hit]
    readable = aligned_lower(_readable(sentence, disguised))
    if any(p.search(readable) for p in _RUDE):
        return True
    if disguised:
        words = tokens(readable)
    if any(not _said_to_thing(words, *m.span()) for p in _DISMISSALS for m in p.finditer(readable)):
        return True
    return any(p.search(readable) for p in _STUPIDITY) and _spoken_to(words, readable, reply)


def find_insults(text: str) -> list[str]:
    """Sentences of text that insult someone, as fragments (obscene words masked)."""
    reply = text.lstrip().startswith("@")
    found = []
    for start, end in sentences(text):
        sentence = text[start:end]
        lower = aligned_lower(sentence)
        words = tokens(sentence)
        hit = _rude(sentence, words, reply)
        for index, word in enumerate(words):
            if hit:
                break
            if INSULTS.match_word(word.text) is None or _titled(sentence, word, index):
                continue
            part = _compound(sentence, word)
            if part == "modifier" or any(p.search(lower[: word.start]) for p in _NEGATION):
                continue
            hit = (part == "head" and _epithet(words, index)) or _addressed(words, index, lower, sentence, reply)
        if hit:
            found.append(_fragment(sentence))
    return found


@text_rule(
    "tone",
    "insult",
    window=lambda r: r.tone.lookback,
    why={
        "en": "An insult from the brand, even to a rude customer, is the part everyone remembers and reposts: "
        "it turns one complaint into a public conflict and tells every reader how they would be treated.",
        "ru": "Оскорбление от бренда, даже в ответ грубому клиенту, запоминают и репостят: одна жалоба превращается "
        "в публичный конфликт, а каждый читатель видит, как с ним могут обойтись.",
    },
    todo={
        "en": "Delete the reply or post, apologise to the person (publicly where the insult was seen), "
        "and answer the substance of their message calmly.",
        "ru": "Удалите ответ или пост, извинитесь перед человеком (публично, там же, где было оскорбление) "
        "и спокойно ответьте по существу.",
    },
)
def insult(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit quoting every sentence that calls someone names or tells them off."""
    fragments = find_insults(text)
    if not fragments:
        return []
    quoted = "; ".join(f"“{f}”" for f in fragments[:3])
    shown = mask_obscene(text)
    return [
        TextHit(
            severity="critical",
            fragments=fragments,
            summary={
                "en": f"The brand's text insults someone: {quoted}",
                "ru": f"В тексте бренда оскорбление: {quoted.replace('“', '«').replace('”', '»')}",
            },
            details={"sentences": len(fragments)},
            masked_text=shown if shown != text else None,
        )
    ]


@lru_cache(maxsize=64)
def _competitors(names: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    """(name as configured, its pattern) for every configured competitor."""
    return [(name.strip(), re.compile(name_pattern(name))) for name in names if name.strip(" @")]


def _run_down(sentence: str, lower: str, span: tuple[int, int], skip: list[tuple[int, int]], settings: ToneRules) -> list[str]:
    """The words of sentence[span] that run someone down: negative words and phrases, insults, obscene words (masked).

    Denied ones ("not terrible", «не обманывает») do not count unless the sentence sets the brand against
    someone ("unlike X, we never …", «в отличие от X, у нас не …»); words inside the competitor's name never do."""
    found = [(m.start(), m.end(), sentence[m.start() : m.end()]) for m in _NEGATIVE_PHRASES.finditer(lower)]
    words = tokens(sentence)
    for index, word in enumerate(words):
        if any(start <= word.start < end for start, end, _ in found):
            continue
        insult = INSULTS.match_word(word.text) and not LITERAL_INSULTS.match_word(word.text) and _compound(sentence, word) != "modifier"
        # A title or a name is not a complaint: «Горький» in «парк Горького», "«Bitter Truth»".
        if (insult or NEGATIVE_WORDS.match_word(word.text)) and not _titled(sentence, word, index):
            found.append((word.start, word.end, word.text))
    obscene = find_profanity(sentence, settings.allow_words, settings.profanity_threshold)
    found += [(m.token.start, m.token.end, masked(m.form)) for m in obscene]
    contrast = _CONTRAST.search(lower) is not None
    kept: dict[int, str] = {}
    for start, end, word in sorted(found):
        if not span[0] <= start < span[1] or any(s < end and start < e for s, e in skip) or _NOT_NEGATIVE.match(lower, start):
            continue
        if contrast or not any(p.search(lower[:start]) for p in _NEGATED):
            kept.setdefault(start, word)
    return list(kept.values())


def _pointing_back(sentence: str, lower: str) -> tuple[int, int] | None:
    """The part of a sentence that speaks of "them" (they/their, они/их) before any "we": "Their coffee is burnt";
    or a whole verdict of a few words with no "we" in it: "Went to Starbucks. Never again."."""
    words = tokens(sentence)
    if len(words) <= VERDICT_WORDS and not any(FIRST_PERSON.match_word(w.text) for w in words):
        return 0, len(sentence)
    they = _THEY.search(lower)
    if they is None:
        return None
    we = [w.start for w in words if w.start > they.start() and FIRST_PERSON.match_word(w.text)]
    return they.start(), min(we, default=len(sentence))


def find_attacks(text: str, competitors: list[str], settings: ToneRules | None = None) -> list[tuple[str, list[str], str]]:
    """(competitor, negative words, sentence) for every sentence that names a competitor and runs it down,
    or that points back at the competitor named just before ("Starbucks? Their lattes taste burnt")."""
    patterns = _competitors(tuple(competitors))
    if not patterns:
        return []
    settings = settings or ToneRules()
    found, previous = [], None
    for start, end in sentences(text):
        sentence = text[start:end]
        lower = aligned_lower(sentence)
        spans = {name: [m.span() for m in pattern.finditer(lower)] for name, pattern in patterns}
        named = [name for name, found_at in spans.items() if found_at]
        span, quoted = (0, len(sentence)), sentence
        if not named and previous is not None:
            span = _pointing_back(sentence, lower)
            named, quoted = (previous[0], text[previous[1] : end]) if span else ([], sentence)
        previous = (named, start) if any(spans.values()) else None
        if not named:
            continue
        negative = _run_down(sentence, lower, span, [s for name in named for s in spans[name]], settings)
        if negative:
            found.append((named[0], negative, _fragment(quoted)))
    return found


@text_rule(
    "tone",
    "attacks_competitor",
    window=lambda r: r.tone.lookback,
    why={
        "en": "Running down a competitor looks petty, pulls their fans into a fight under the brand's post, "
        "and disparaging claims about another company can break advertising and fair-competition law.",
        "ru": "Нападки на конкурента выглядят мелко, приводят его поклонников спорить под постом бренда, "
        "а порочащие утверждения о другой компании могут нарушать закон о рекламе и о защите конкуренции.",
    },
    todo={
        "en": "Edit the post to talk about your own product and its facts; delete it if it names the competitor only to run it down.",
        "ru": "Отредактируйте пост: говорите о своём продукте и его фактах; удалите его, если конкурент упомянут только ради критики.",
    },
)
def attacks_competitor(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit per competitor run down in the text, quoting the sentence."""
    hits: dict[str, TextHit] = {}
    for name, negative, sentence in find_attacks(text, rules.tone.competitors, rules.tone):
        if name in hits:
            hits[name].fragments.append(sentence)
            continue
        words = ", ".join(dict.fromkeys(fold(w) for w in negative))
        hits[name] = TextHit(
            severity="warning",
            fragments=[sentence],
            summary={
                "en": f"The brand's text runs down competitor {name} ({words}): “{sentence}”",
                "ru": f"Текст бренда нападает на конкурента {name} ({words}): «{sentence}»",
            },
            details={"competitor": name, "negative_words": list(dict.fromkeys(fold(w) for w in negative))},
        )
    return list(hits.values())
