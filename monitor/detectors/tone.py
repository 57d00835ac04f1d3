"""Mistake 5, tone: obscene words, insults and attacks on competitors in the brand's own posts and replies."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import lru_cache

from monitor.detectors import TextHit, text_rule
from monitor.settings import RulesSettings
from monitor.text.lang import has_latin, script_counts
from monitor.text.lexicons import en, ru
from monitor.text.words import Token, WordList, WordMatch, aligned_lower, fold, masked, sentences, tokens

EN_OBSCENE = WordList(en.OBSCENE, en.MASKED_FORMS)
RU_OBSCENE = WordList(ru.OBSCENE, ru.MASKED_FORMS)
EN_CONTEXTUAL = WordList(en.CONTEXTUAL)
INSULTS = WordList(en.INSULTS + ru.INSULTS)
SECOND_PERSON = WordList(en.SECOND_PERSON + ru.SECOND_PERSON)
FIRST_PERSON = WordList(en.FIRST_PERSON + ru.FIRST_PERSON)
PERSON_NOUNS = WordList(en.PERSON_NOUNS + ru.PERSON_NOUNS)

_RUDE = [re.compile(p) for p in en.RUDE_PHRASES + ru.RUDE_PHRASES]
_NEGATION = [re.compile(en.NEGATION), re.compile(ru.NEGATION)]
_EXCLAMATION = [re.compile(en.EXCLAMATION), re.compile(ru.EXCLAMATION)]
_NEGATIVE = re.compile(r"(?<!\w)(?:" + "|".join(en.NEGATIVE + ru.NEGATIVE) + r")(?!\w)")
_NEGATED = [re.compile(en.NEGATED), re.compile(ru.NEGATED)]
_HANDLE = re.compile(r"(?<![\w@])@\w")
_QUOTES = "«\"“„'‘‹"
# How many words before an insult "you" / «ты» may stand and still be one remark.
PRONOUN_WINDOW = 4
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
    before = sentence[: token.start].rstrip()
    if before and before[-1] in _QUOTES:
        return True
    return index > 0 and token.text[:1].isupper() and not token.text.isupper()


def _compound(sentence: str, token: Token) -> bool:
    """Part of a hyphenated word: "idiot-proof", «клоун-шоу»."""
    after, before = sentence[token.end : token.end + 2], sentence[max(token.start - 2, 0) : token.start]
    return (len(after) == 2 and after[0] in "-‐" and after[1].isalpha()) or (len(before) == 2 and before[1] in "-‐" and before[0].isalpha())


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


def find_insults(text: str) -> list[str]:
    """Sentences of text that insult someone, as fragments (obscene words masked)."""
    reply = text.lstrip().startswith("@")
    found = []
    for start, end in sentences(text):
        sentence = text[start:end]
        lower = aligned_lower(sentence)
        hit = any(p.search(lower) for p in _RUDE)
        words = tokens(sentence)
        for index, word in enumerate(words):
            if hit:
                break
            if INSULTS.match_word(word.text) is None or _compound(sentence, word) or _titled(sentence, word, index):
                continue
            if any(p.search(lower[: word.start]) for p in _NEGATION):
                continue
            hit = _addressed(words, index, lower, sentence, reply)
        if hit:
            found.append(_fragment(sentence))
    return found


@text_rule(
    "tone",
    "insult",
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


def _name_pattern(name: str) -> str:
    """A competitor name as a pattern: @handle with or without @, Russian names with case endings."""
    name = name.strip()
    if name.startswith("@"):
        return r"(?<![\w@])@?" + re.escape(aligned_lower(name[1:])) + r"(?!\w)"
    parts = []
    for word in aligned_lower(name).split():
        if re.search(r"[а-я]", word):
            # «Шоколадница» → «Шоколадницы», «Шоколаднице», «Шоколадницей»
            stem = word[:-1] if len(word) >= 4 and word[-1] in "аяоеьйыиу" else word
            parts.append(re.escape(stem) + r"[а-я]{0,3}")
        else:
            parts.append(re.escape(word) + r"(?:['’]s?|['’-]?[а-я]{1,3})?")
    return r"(?<![\w@])" + r"[\s-]+".join(parts) + r"(?!\w)"


@lru_cache(maxsize=64)
def _competitors(names: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    """(name as configured, its pattern) for every configured competitor."""
    return [(name.strip(), re.compile(_name_pattern(name))) for name in names if name.strip(" @")]


def find_attacks(text: str, competitors: list[str]) -> list[tuple[str, list[str], str]]:
    """(competitor, negative words, sentence) for every sentence that names a competitor and runs it down."""
    patterns = _competitors(tuple(competitors))
    if not patterns:
        return []
    found = []
    for start, end in sentences(text):
        sentence = text[start:end]
        lower = aligned_lower(sentence)
        named = [name for name, pattern in patterns if pattern.search(lower)]
        if not named:
            continue
        negative = [
            sentence[m.start() : m.end()]
            for m in _NEGATIVE.finditer(lower)
            if not any(p.search(lower[: m.start()]) for p in _NEGATED)
        ]
        if negative:
            found.append((named[0], negative, _fragment(sentence)))
    return found


@text_rule(
    "tone",
    "attacks_competitor",
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
    for name, negative, sentence in find_attacks(text, rules.tone.competitors):
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
