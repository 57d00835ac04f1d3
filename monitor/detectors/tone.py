"""Mistake 5, tone: obscene words, insults and attacks on competitors in the brand's own posts and replies."""

from __future__ import annotations

import re
from collections.abc import Callable

from monitor.detectors import TextHit, text_rule
from monitor.detectors.rivals import GOOD_SPORT, find_attacks
from monitor.detectors.talking_down import sarcastic_remarks
from monitor.detectors.tone_words import FIRST_PERSON, INSULTS, QUOTED, QUOTES, compound, titled
from monitor.settings import RulesSettings, ToneRules
from monitor.text.folding import clean, fold
from monitor.text.lang import is_cyrillic, is_latin
from monitor.text.lexicons import en, ru
from monitor.text.obscenity import EN_OBSCENE, RU_OBSCENE, find_mild, find_profanity, fragment, mask_obscene, read_out
from monitor.text.phrases import Phrases
from monitor.text.register import model as register
from monitor.text.words import (
    Token,
    WordList,
    WordMatch,
    masked,
    sentences,
    tokens,
)

_lower = fold


PLURAL_INSULTS = WordList(en.PLURAL_INSULTS + ru.COLLECTIVE_INSULTS, lemmas=ru.GROUP_INSULT_LEMMAS, plural_nouns=True)
SECOND_PERSON = WordList(en.SECOND_PERSON + ru.SECOND_PERSON)
PERSON_NOUNS = WordList(en.PERSON_NOUNS + ru.PERSON_NOUNS, lemmas=ru.PERSON_LEMMAS)
THINGS = WordList(en.THINGS + ru.THINGS)

_RUDE = Phrases(en.RUDE_PHRASES + ru.RUDE_PHRASES)
_DISMISSALS = Phrases(en.DISMISSALS + ru.DISMISSALS)
_STUPIDITY = Phrases(en.STUPIDITY + ru.STUPIDITY)
_NEGATION = [re.compile(en.NEGATION), re.compile(ru.NEGATION), re.compile(en.NEGATED_CALLING), re.compile(ru.NEGATED_CALLING)]
_EXCLAMATION = [re.compile(en.EXCLAMATION), re.compile(ru.EXCLAMATION)]
_HANDLE = re.compile(r"(?<![\w@])@\w")
_CONDESCENSION = Phrases(en.CONDESCENSION + ru.CONDESCENSION + en.DISMISSIVE + ru.DISMISSIVE)
_SELF_MOCKABLE = Phrases(en.SELF_MOCKABLE + ru.SELF_MOCKABLE)
_ADDRESSED = Phrases(en.CONDESCENSION_ADDRESSED + ru.CONDESCENSION_ADDRESSED)
_INVITING = re.compile(en.INVITING + "|" + ru.INVITING)
_APOLOGY = re.compile(en.APOLOGY + "|" + ru.APOLOGY)
_SIMILE = [re.compile(en.NOT_NAME_CALLING_BEFORE), re.compile(ru.NOT_NAME_CALLING)]
_NOT_NAME_CALLING_AT = re.compile(en.NOT_NAME_CALLING_AT)
_NOT_NAME_CALLING_AFTER = re.compile(ru.NOT_NAME_CALLING_AFTER)
_DISGUISE = re.compile(r"[\W\d_]|(\w)\1\1")  # a mask, a digit or a letter thrice: a word that may hide another
# How many words before an insult "you" / «ты» may stand and still be one remark.
PRONOUN_WINDOW = 4


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
    """One hit listing the obscene words of the text, masked: critical; or its mild expletives only: a warning."""
    settings = rules.tone
    text = clean(text)
    found = find_profanity(text, settings.allow_words, settings.profanity_threshold)
    mild = find_mild(text, settings.allow_words, found)
    if not found and not mild:
        return []
    words = list(dict.fromkeys(masked(m.form) for m in found))
    softer = [w for w in dict.fromkeys(masked(m.form) for m in mild) if w not in words]
    disguised = any(m.how != "plain" for m in found)
    details = {"words": words, "disguised": disguised, "count": len(found) + len(mild), "mild": softer}
    if not found:
        listed = ", ".join(softer)
        return [
            TextHit(
                severity="warning",
                fragments=softer,
                summary={
                    "en": f"Mild expletive in the brand's text: {listed} (not obscene, but rude for many audiences; check it fits the account's voice)",
                    "ru": f"Грубоватое слово в тексте бренда: {listed} (не мат, но многих коробит; проверьте, подходит ли оно тону аккаунта)",
                },
                details=details,
            )
        ]
    listed = ", ".join(words)
    also = {"en": f"; also mild: {', '.join(softer)}", "ru": f"; а также грубоватое: {', '.join(softer)}"} if softer else {"en": "", "ru": ""}
    return [
        TextHit(
            severity="critical",
            fragments=words + softer,
            summary={
                "en": f"Obscene language in the brand's text: {listed}"
                + (" (disguised with symbols or look-alike letters, still readable)" if disguised else "") + also["en"],
                "ru": f"Нецензурная лексика в тексте бренда: {listed}"
                + (" (замаскирована символами или похожими буквами, но читается)" if disguised else "") + also["ru"],
            },
            details=details,
            masked_text=mask_obscene(text, found),  # the alert quotes the post without repeating the words
        )
    ]


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
    readable = _lower(read_out(sentence, disguised))
    if _RUDE.search(readable):
        return True
    if disguised:
        words = tokens(readable)
    if any(not _said_to_thing(words, *m.span()) for m in _DISMISSALS.finditer(readable)):
        return True
    return _STUPIDITY.search(readable) is not None and _spoken_to(words, readable, reply)


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text: words the brand quotes («"Ваши проблемы" — так ответили нам в доставке») are not its own."""
    return [m.span() for m in QUOTED.finditer(text)] if any(q in text for q in QUOTES) else []


# In single quotes too ('the staff were rude'), an apostrophe inside a word ("weren't") not ending the quotation.
_SINGLEQUOTED = re.compile(r"(?<!\w)'(?=\w)(?:[^'\n]|(?<=\w)'(?=\w)){1,200}(?<=[\w.!?…,])'(?!\w)")
QUOTATION_WORDS = 3


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quotations, QUOTATION_WORDS words or more: someone else's words («кофе горький, бариста хамло»),
    unlike one word in scare quotes (вы «эксперт»), which is the brand's own sarcasm."""
    spans = _quoted(text) + ([m.span() for m in _SINGLEQUOTED.finditer(text)] if "'" in text else [])
    return [(s, e) for s, e in spans if len(tokens(text[s + 1 : e - 1])) >= QUOTATION_WORDS]


def unquoted(text: str) -> str:
    """The text with its quotations blanked (same length): what the brand says in its own words."""
    for start, end in quotations(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _self_mockery(sentence: str) -> bool:
    """The brand laughs at itself: "we" and no "you", or "we" and an apology ("maths is hard, apparently: we charged you twice, sorry")."""
    words = tokens(sentence)
    if not any(FIRST_PERSON.match_word(w.text) for w in words):
        return False
    return not any(SECOND_PERSON.match_word(w.text) for w in words) or _APOLOGY.search(_lower(sentence)) is not None


def _talking_down(text: str, spans: list[tuple[int, int]], reply: bool) -> list[tuple[int, int]]:
    """Sentences (first, last index) that talk down to or dismiss the reader: condescension, sarcasm, "shop elsewhere".

    Searched over the whole text, so a remark may run over two sentences ("Don't like it? Shop elsewhere")."""
    lower = _lower(text)
    quoted = _quoted(text)
    found = []

    def where(match: re.Match[str]) -> tuple[int, int] | None:
        start, end = match.start(), match.end()
        while start < end and not lower[start].isalnum():
            start += 1
        if any(s <= start and end <= e for s, e in quoted):
            return None
        first = next((i for i, (s, e) in enumerate(spans) if start < e), None)
        last = next((i for i in range(len(spans) - 1, -1, -1) if spans[i][0] < max(end, start + 1)), None)
        return None if first is None or last is None or last < first else (first, last)

    # Said to a thing, it is no dismissal of anyone: "that's on you, Monday".
    found += [at for m in _CONDESCENSION.finditer(lower) if (at := where(m)) and not _said_to_thing(tokens(text), *m.span())]
    for m in _SELF_MOCKABLE.finditer(lower):
        at = where(m)
        if at and not _self_mockery(text[spans[at[0]][0] : spans[min(at[1] + 1, len(spans) - 1)][1]]):
            found.append(at)
    for m in _ADDRESSED.finditer(lower):
        at = where(m)
        if at is None:
            continue
        sentence = text[spans[at[0]][0] : spans[at[1]][1]]
        words = tokens(sentence)
        spoken_to = reply or _HANDLE.search(sentence) or any(SECOND_PERSON.match_word(w.text) or PERSON_NOUNS.match_word(w.text) for w in words)
        if spoken_to and not _INVITING.search(_lower(sentence)) and not _APOLOGY.search(_lower(sentence)):
            found.append(at)
    return found


def _group_called_names(words: list[Token], index: int, lower: str) -> bool:
    """A plural insult noun ("idiots", «дураков») calls a group names unless it is about ourselves («мы как дураки»),
    a simile ("laughed like idiots"), a title ("Idiots guide") or an idiom («дураков нет»)."""
    word = words[index]
    for before in reversed(words[max(index - PRONOUN_WINDOW, 0) : index]):
        if SECOND_PERSON.match_word(before.text):
            break
        if FIRST_PERSON.match_word(before.text):
            return False
    if any(p.search(lower[max(word.start - 40, 0) : word.start]) for p in _SIMILE):
        return False
    return not (_NOT_NAME_CALLING_AT.match(lower, word.start) or _NOT_NAME_CALLING_AFTER.match(lower[word.end :]))


def _spoken_to_in(reply: bool) -> Callable[[str], bool]:
    """Whether someone is spoken to in a part of a text (a reply speaks to whoever it answers)."""
    return lambda part: _spoken_to(tokens(part), part, reply)


def _second_person(part: str) -> bool:
    """"you" / «вы» in a part of a text."""
    return any(SECOND_PERSON.match_word(w.text) for w in tokens(part))


def _first_person(part: str) -> bool:
    """"we" / «мы» in a part of a text."""
    return any(FIRST_PERSON.match_word(w.text) for w in tokens(part))


def find_insults(text: str) -> list[str]:
    """Sentences of text that insult, talk down to or dismiss someone, as fragments (obscene words masked).

    Quotations are someone else's words: a customer's insult quoted in an apology is not the brand's."""
    text = clean(text)
    reply = text.lstrip().startswith("@")
    spans = sentences(text)
    quoted = quotations(text)
    own = unquoted(text) if quoted else text
    hits = set(_talking_down(own, spans, reply))
    hits.update(sarcastic_remarks(text, spans, quoted, _spoken_to_in(reply), _second_person, _first_person, _self_mockery))
    for number, (start, end) in enumerate(spans):
        sentence = own[start:end]
        lower = _lower(sentence)
        words = tokens(sentence)
        hit = _rude(sentence, words, reply)
        for index, word in enumerate(words):
            if hit:
                break
            plural = PLURAL_INSULTS.match_word(word.text) is not None
            if (not plural and INSULTS.match_word(word.text) is None) or titled(sentence, word, index):
                continue
            part = compound(sentence, word)
            if part == "modifier" or any(p.search(lower[: word.start]) for p in _NEGATION):
                continue
            hit = (
                (part == "head" and _epithet(words, index))
                or (plural and _group_called_names(words, index, lower))
                or _addressed(words, index, lower, sentence, reply)
            )
        if hit:
            hits.add((number, number))
    # One fragment per remark: a sentence inside a longer remark is not quoted twice.
    kept = [h for h in hits if not any(o != h and o[0] <= h[0] and h[1] <= o[1] for o in hits)]
    return list(dict.fromkeys(fragment(text[spans[a][0] : spans[b][1]]) for a, b in sorted(kept)))


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
    text = clean(text)
    fragments = find_insults(text)
    if not fragments:
        return _register_hit(text, "insult", rules.tone, {
            "en": "The brand's text reads as talking down to or dismissing someone",
            "ru": "Текст бренда звучит свысока или пренебрежительно к человеку",
        })
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


def _register_hit(text: str, label: str, settings: ToneRules, reads_as: dict[str, str]) -> list[TextHit]:
    """A warning where the register model (trained, beside the rules) judges what no rule names; [] otherwise.

    It judges the brand's own words: quotations are blanked first (a customer's complaint quoted in an apology)."""
    if not settings.register_model or not text.strip():
        return []
    own = unquoted(text)
    if not own.strip() or not register.flags(own, label):
        return []
    if label == "attacks_competitor" and GOOD_SPORT.search(_lower(own)):
        return []  # "Costa's flat white is pretty good too", «мы не против конкуренции»
    sentence = fragment(register.best_sentence(own, label, sentences(own)))
    chance = min(register.probability(own, label), 0.99)  # a model is never certain
    return [
        TextHit(
            severity="warning",
            fragments=[sentence],
            summary={
                "en": f"{reads_as['en']} (judged by the tone model, {chance:.0%} sure; no word list names it): “{sentence}”",
                "ru": f"{reads_as['ru']} (оценка модели тона, уверенность {chance:.0%}; в словарях такого нет): «{sentence}»",
            },
            details={"model": round(chance, 2)},
        )
    ]


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
    for name, negative, sentence, guessed in find_attacks(text, rules.tone.competitors, rules.tone):
        key = fold(name).lstrip("@") if guessed else name
        if key in hits:
            if sentence not in hits[key].fragments:
                hits[key].fragments.append(sentence)
            continue
        words = ", ".join(dict.fromkeys(fold(w) for w in negative))
        if guessed:
            summary = {
                "en": f"The brand's text runs down {name}, which reads as another business ({words}): “{sentence}”",
                "ru": f"Текст бренда нападает на {name} — похоже, другую компанию ({words}): «{sentence}»",
            }
        else:
            summary = {
                "en": f"The brand's text runs down competitor {name} ({words}): “{sentence}”",
                "ru": f"Текст бренда нападает на конкурента {name} ({words}): «{sentence}»",
            }
        hits[key] = TextHit(
            severity="warning",
            fragments=[sentence],
            summary=summary,
            details={"competitor": name, "negative_words": list(dict.fromkeys(fold(w) for w in negative)), "guessed": guessed},
        )
    if not hits:
        return _register_hit(clean(text), "attacks_competitor", rules.tone, {
            "en": "The brand's text reads as running down another business",
            "ru": "Текст бренда звучит как нападка на другую компанию",
        })
    return list(hits.values())
