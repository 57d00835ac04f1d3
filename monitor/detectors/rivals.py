"""Attacks on competitors: configured rivals, and names written like a business next to a run-down (for tone)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.detectors.tone_words import FIRST_PERSON, INSULTS, QUOTED, QUOTES, compound, titled
from monitor.settings import ToneRules
from monitor.text.folding import clean, fold
from monitor.text.lang import is_cyrillic, script_counts
from monitor.text.lexicons import en, en_negative, names, ru, ru_negative
from monitor.text.obscenity import find_profanity, fragment
from monitor.text.words import Token, WordList, masked, name_pattern, sentences, tokens

_lower = fold

LITERAL_INSULTS = WordList(en.LITERAL_INSULTS, lemmas=ru.LITERAL_INSULT_LEMMAS)
NEGATIVE_WORDS = WordList(
    (w for lexicon in (en_negative, ru_negative) for group in lexicon.NEGATIVE_WORDS.values() for w in group),
    lemmas=ru_negative.NEGATIVE_LEMMAS,
)
# A sentence of this many words or fewer after one naming a competitor is a verdict on it ("Awful.", «Отстой.»).
VERDICT_WORDS = 3
_CONTRAST = re.compile(en_negative.CONTRAST + "|" + ru_negative.CONTRAST)
_NEGATED = [re.compile(en_negative.NEGATED), re.compile(ru_negative.NEGATED)]
_NEGATIVE_PHRASES = re.compile(r"(?<!\w)(?:" + "|".join(en_negative.NEGATIVE_PHRASES + ru_negative.NEGATIVE_PHRASES) + r")(?!\w)")
_NOT_NEGATIVE = re.compile("(?:" + "|".join(en_negative.NOT_NEGATIVE + ru_negative.NOT_NEGATIVE) + r")(?!\w)")
_THEY = re.compile(en_negative.THEY + "|" + ru_negative.THEY)


@lru_cache(maxsize=64)
def _competitors(names: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    """(name as configured, its pattern) for every configured competitor."""
    return [(name.strip(), re.compile(name_pattern(name))) for name in names if name.strip(" @")]


@lru_cache(maxsize=16)
def _negatives(sentence: str, lower: str, allow: tuple[str, ...], threshold: float) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) of every negative phrase, word, insult and obscene word of a sentence, once per sentence
    (a sentence naming many guessed names is asked about each)."""
    found = [(m.start(), m.end(), sentence[m.start() : m.end()]) for m in _NEGATIVE_PHRASES.finditer(lower)]
    covered = [False] * (len(sentence) + 1)
    for start, end, _ in found:
        covered[start:end] = [True] * (end - start)
    for index, word in enumerate(tokens(sentence)):
        if covered[word.start]:
            continue
        insult = INSULTS.match_word(word.text) and not LITERAL_INSULTS.match_word(word.text) and compound(sentence, word) != "modifier"
        # A title or a name is not a complaint: «Горький» in «парк Горького», "«Bitter Truth»".
        if (insult or NEGATIVE_WORDS.match_word(word.text)) and not titled(sentence, word, index):
            found.append((word.start, word.end, word.text))
    found += [(m.token.start, m.token.end, masked(m.form)) for m in find_profanity(sentence, list(allow), threshold)]
    return tuple(found)


def _run_down(sentence: str, lower: str, span: tuple[int, int], skip: list[tuple[int, int]], settings: ToneRules,
              guessed: bool = False, contrast: bool | None = None) -> list[str]:
    """The words of sentence[span] that run someone down: negative words and phrases, insults, obscene words (masked).

    Denied ones ("not terrible", «не обманывает») do not count unless the sentence sets the brand against
    someone ("unlike X, we never …", «в отличие от X, у нас не …»); words inside the competitor's name never do."""
    found = _negatives(sentence, lower, tuple(settings.allow_words), settings.profanity_threshold)
    if contrast is None:
        contrast = _CONTRAST.search(lower) is not None
    kept: dict[int, str] = {}
    for start, end, word in sorted(found):
        if not span[0] <= start < span[1] or any(s < end and start < e for s, e in skip) or _NOT_NEGATIVE.match(lower, start):
            continue
        # Next to a guessed name, "our bitter espresso" or "your cold latte" speaks of ours or the reader's.
        if guessed and not contrast and _OWNED_BEFORE.search(lower[max(start - 40, 0) : start]):
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


_PLACES = names.EN_CALENDAR + names.EN_PLACES + names.RU_PLACES
_FUNCTION_WORDS = re.compile("(?:" + "|".join(names.EN_FUNCTION + names.RU_FUNCTION) + ")")
_PLACE_NAMES = re.compile("(?:" + "|".join(_PLACES) + ")")
_FIRST_NAMES = re.compile("(?:" + "|".join(names.FIRST_NAMES) + ")")
_BUSINESS_WORD = re.compile("(?:" + "|".join(names.BUSINESS_WORDS) + ")")
_EN_MODIFIERS = re.compile("(?:" + "|".join(names.EN_MODIFIERS) + ")")
# Endings of English adjectives and participles that start a sentence before a food word ("Creamy latte", "Burnt toast").
_ADJECTIVE_ENDING = re.compile(r"(?:ed|ing|ly|y|al|ful|ous|ive|ic|ish|less|able|ible|er|est|ian|ese)$")
_BUSINESS_NOUN = re.compile(r"(?<!\w)(?:" + en_negative.BUSINESS_NOUNS + "|" + ru_negative.BUSINESS_NOUNS + r")(?!\w)")
_BUSINESS_VERB = re.compile(r"(?:" + en_negative.BUSINESS_VERBS + "|" + ru_negative.BUSINESS_VERBS + r")(?!\w)")
_BUSINESS_VERB_AT_START = re.compile(r"(?:" + en_negative.BUSINESS_VERBS_AT_START + "|" + ru_negative.BUSINESS_VERBS_AT_START + r")(?!\w)")
_CONTRAST_BEFORE = re.compile(en_negative.CONTRAST_BEFORE + "|" + ru_negative.CONTRAST_BEFORE)
_PLACE_BEFORE = re.compile(en_negative.PLACE_BEFORE + "|" + ru_negative.PLACE_BEFORE)
_OWN_BEFORE = re.compile(en_negative.OWN_BEFORE + "|" + ru_negative.OWN_BEFORE)
_OWNED_BEFORE = re.compile(en_negative.OWNED_BEFORE + "|" + ru_negative.OWNED_BEFORE)
_FRIENDLY = re.compile(en_negative.FRIENDLY + "|" + ru_negative.FRIENDLY)
_DESCRIBED_RIVAL = re.compile(en_negative.DESCRIBED_RIVAL + "|" + ru_negative.DESCRIBED_RIVAL)
GOOD_SPORT = re.compile(en_negative.GOOD_SPORT + "|" + ru_negative.GOOD_SPORT)
_SCAM_WARNING = re.compile(en_negative.SCAM_WARNING + "|" + ru_negative.SCAM_WARNING)
_TITLE_BEFORE = re.compile(en_negative.TITLE_BEFORE + "|" + ru_negative.TITLE_BEFORE)
_NAME_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.]{1,49})")
_VK_REFERENCE = re.compile(r"(?:id|club|public|event)\d+$")
_CAMEL = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]+(?:[A-ZА-ЯЁ][a-zа-яё]*)+|[A-ZА-ЯЁ][a-zа-яё]+\d+")
# Where a remark about a name ends: the clause, cut at punctuation and at "but", «а», «но».
_CLAUSE_END = re.compile(r"[,;:()]|\s[—–-]\s|(?<!\w)(?:but|while|whereas|although|though|however|yet|а|но|зато|хотя|однако)(?!\w)")
_OWN_WORDS = re.compile(r"(?<!\w)(?:we|us|i|мы|нас|нам|я)(?!\w)")
_SECOND_WORDS = re.compile(r"(?<!\w)(?:you|your|u|ur|вы|вас|вам|ваш\w*|ты|тебя|тебе|тво\w*)(?!\w)")
_AFTER_NAME = re.compile(r"\s*(?:['’]s?\s+|\s+)(?:(?:new|own|latest|famous|so-called|overpriced|\w+)\s+)?")
_ADVERB = r"(?:still|always|never|just|now|again|also|apparently|clearly|basically|literally|опять|снова|всегда|до\s+сих\s+пор|теперь|вечно|реально|просто)\s+"
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_CAPITAL = re.compile(r"[A-ZА-ЯЁ]")
_WORD = re.compile(r"[^\W_]+")
# Capitalised words in most of a sentence make it a headline, where capitals say nothing about names.
HEADLINE_SHARE = 0.6


@dataclass(frozen=True)
class _Guess:
    """A name nobody configured that reads as another business, where it stands in its sentence."""

    name: str
    span: tuple[int, int]
    strong: bool  # written like a business: an @handle, a quoted «Name», BeanBarn; not merely capitalised
    contrast: bool  # set against the brand ("unlike X", «в отличие от X»): the whole sentence is about it
    tight: bool = False  # only its own clause speaks of it ("@x is a rip-off", not "@alice is right, the latte was cold")
    described: bool = False  # named by where it is ("that place across the street"): the rest of the sentence is about it


def _breaks_name(word: str) -> bool:
    """A word that is no part of a business name: a function word, a day, a place, a platform."""
    folded = fold(word)
    return _FUNCTION_WORDS.fullmatch(folded) is not None or _PLACE_NAMES.fullmatch(folded) is not None


def _not_name(phrase: str) -> bool:
    """A capitalised word or words that name a day, a place, a platform or start a sentence, not a business."""
    words = " ".join(fold(phrase).split())
    return _breaks_name(words) or _FIRST_NAMES.fullmatch(words) is not None  # a first name does not break a name


def _clause(lower: str, span: tuple[int, int], contrast: bool, tight: bool = False) -> tuple[int, int]:
    """What is said of the name at span: its clause and the next one unless that one speaks of us; the sentence if contrasted."""
    if contrast:
        return 0, len(lower)
    before = [m.end() for m in _CLAUSE_END.finditer(lower, 0, span[0])]
    start = before[-1] if before else 0
    after = [m.start() for m in _CLAUSE_END.finditer(lower, span[1])]
    end = after[0] if after else len(lower)
    if after and not tight:
        following = after[1] if len(after) > 1 else len(lower)
        if not _OWN_WORDS.search(lower, end, following) and not _SECOND_WORDS.search(lower, end, following):
            end = following
    return start, end


# Where a name stands may come between it and its verb: "Bean There on 5th Street reheats …", «Кофемания на Тверской обсчитывает».
_LOCATED = (
    r"(?:(?:on|at|in|near|by|across\s+from|next\s+to|opposite)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:street|st|avenue|ave|road|rd|square|sq|lane|boulevard|blvd|corner|mall|station)\.?,?\s+"
    r"|(?:на|возле|около|напротив)\s+[\w-]+(?:\s+(?:улице|площади|проспекте))?,?\s+)?"
)
_SPACE_ADVERB = re.compile(r"\s+(?i:" + _LOCATED + r")(?:" + _ADVERB + r")?")


def _frame(lower: str, start: int, end: int) -> str | None:
    """How lower[start:end] stands as a business: "contrast" ("unlike X"), "possessive" ("X's coffee"), "subject"
    ("X charges"), "subject_at_start" (a verb a sentence may start a name with), "place" ("the latte at X"), "noun"
    ("X coffee"); None when it stands as no business."""
    before, after = lower[max(start - 60, 0) : start], lower[end : end + 80]
    if _CONTRAST_BEFORE.search(before):
        return "contrast"
    possessive = re.match(r"['’]s?\s+(?:[\w-]+\s+){0,2}?", after)
    if possessive and after[:1] in "'’" and _BUSINESS_NOUN.match(after, possessive.end()):
        return "possessive"
    verb = _SPACE_ADVERB.match(after)
    if verb and _BUSINESS_VERB.match(after, verb.end()):
        return "subject_at_start" if _BUSINESS_VERB_AT_START.match(after, verb.end()) else "subject"
    if _PLACE_BEFORE.search(before):
        # "the latte at X", "X" after «в» with «кофе», «подают» near: a place where something is sold.
        near = before[-40:] + " " + after[:40]
        return "place" if _BUSINESS_NOUN.search(near) or _BUSINESS_VERB.search(after[:40]) else None
    noun = re.match(r"\s+", after)
    return "noun" if noun and _BUSINESS_NOUN.match(after, noun.end()) else None


def _described_span(lower: str, span: tuple[int, int]) -> tuple[int, int]:
    """What is said of a rival named by where it is: the rest of the sentence, up to where it speaks of us."""
    we = _OWN_WORDS.search(lower, span[1])
    return span[0], we.start() if we else len(lower)


def _guess_names(text: str, sentence: str, offset: int, lower: str, taken: list[tuple[int, int]], own: list[re.Pattern[str]]) -> list[_Guess]:
    """Names in a sentence that read as another business: @handles, quoted «Names», CamelCase, capitalised words in a
    business frame; never the brand's own, a configured competitor (`taken`), the people a reply is addressed to."""
    found: list[_Guess] = []
    first = _FIRST_LETTER.search(sentence)
    if first is None:
        return found
    described = _DESCRIBED_RIVAL.search(lower) is not None
    if not described and "@" not in sentence and not any(q in sentence for q in QUOTES) and not _CAPITAL.search(sentence, first.start() + 1):
        # Most sentences: no handle, no quote, no capital but the first one; only the first word can be a name then.
        word = _WORD.match(sentence, first.start())
        if not word or not word.group()[:1].isupper() or _frame(lower, word.start(), word.end()) is None:
            return found

    def add(name: str, start: int, end: int, strong: bool, contrast: bool, tight: bool = False, described: bool = False) -> None:
        if any(s < end and start < e for s, e in [*taken, *(g.span for g in found)]):
            return
        if any(p.search(lower[start:end]) or p.search(_lower(name)) for p in own):
            return
        if _OWN_BEFORE.search(lower[max(start - 40, 0) : start]):
            return
        found.append(_Guess(name, (start, end), strong, contrast, tight, described))

    for m in _DESCRIBED_RIVAL.finditer(lower) if described else ():
        add(sentence[m.start() : m.end()], m.start(), m.end(), True, False, described=True)

    # @handles; the ones a reply opens with are the people answered, unless the sentence speaks of them ("@x serves mud").
    lead = re.match(r"\s*(?:@[\w.]+[\s,:]*)+", text)
    lead_end = lead.end() if lead else 0
    for m in _NAME_HANDLE.finditer(sentence):
        handle = m.group(1).rstrip(".")
        if _VK_REFERENCE.match(handle):
            continue
        end = m.start() + 1 + len(handle)
        contrast = bool(_CONTRAST_BEFORE.search(lower[max(m.start() - 60, 0) : m.start()]))
        tight = False
        if offset + m.start() < lead_end:
            after = _lower(text[offset + end : offset + end + 80])
            verb = re.match(r"\s+(?:" + _ADVERB + r")?", after)
            subject = (verb and _BUSINESS_VERB.match(after, verb.end())) or re.match(r"['’]s\s|\s*[—–:]\s|\s*\?", after)
            # "@x is a rip-off": a verdict right after the handle, in its own clause.
            tight = not subject and re.match(r"\s+(?:is|are|was|were|это|—)\s", after) is not None
            if not (subject or tight) or _SECOND_WORDS.search(lower):
                continue
        add("@" + handle, m.start(), end, True, contrast, tight)
    # Quoted names: «Пекарня №1», "BeanBarn"; not a quoted remark, a title or one of ours.
    for m in QUOTED.finditer(sentence):
        inner = m.group(0)[1:-1].strip()
        words = tokens(inner)
        if not words or len(words) > 5 or not (inner[:1].isupper() or inner[:1].isdigit()):
            continue
        if _TITLE_BEFORE.search(lower[max(m.start() - 40, 0) : m.start()]):
            continue
        if any(NEGATIVE_WORDS.match_word(w.text) or INSULTS.match_word(w.text) for w in words) or _NEGATIVE_PHRASES.search(_lower(inner)):
            continue
        contrast = bool(_CONTRAST_BEFORE.search(lower[max(m.start() - 60, 0) : m.start()]))
        add(inner, m.start(), m.end(), True, contrast)
    words = tokens(sentence)
    cyrillic_text = _mostly_cyrillic(text)
    letters = [w for w in words if w.text[:1].isalpha()]
    headline = len(letters) >= 4 and sum(w.text[:1].isupper() for w in letters) >= HEADLINE_SHARE * len(letters)
    # Capitalised words, runs of them joined ("Costa Coffee", "Tim Hortons"), with no words that merely start a sentence.
    index = 0
    while index < len(words):
        word = words[index]
        capital = word.text[:1].isupper() and (not word.text.isupper() or 2 <= len(word.text) <= 5) and len(word.text) >= 2
        if not capital or _breaks_name(word.text) or sentence[word.start - 1 : word.start] == "#":
            index += 1
            continue
        run = [word]
        while index + len(run) < len(words):
            following = words[index + len(run)]
            gap = sentence[run[-1].end : following.start]
            # A capitalised function word mid-sentence goes on a name that started there: "Bean There", "Joe And The Juice".
            inside = any(c.isalnum() for c in sentence[: run[0].start]) and not _PLACE_NAMES.fullmatch(fold(following.text))
            if gap not in (" ", "-", " & ") or not following.text[:1].isupper() or (_breaks_name(following.text) and not inside):
                break
            run.append(following)
        start, end = run[0].start, run[-1].end
        name = sentence[start:end]
        index += len(run)
        # "Masha" alone is a barista, "Tim Hortons" a chain.
        if _not_name(name) or _next_to_place(sentence, words, run):
            continue
        # Written like a business: BeanBarn, "Black Sheep Coffee", a Latin name in a Russian post or a Cyrillic one in an English post.
        business_word = len(run) >= 2 and any(_BUSINESS_WORD.fullmatch(fold(w.text)) for w in run)
        if any(_CAMEL.fullmatch(w.text) for w in run) or business_word or _foreign(run, cyrillic_text):
            add(name, start, end, True, bool(_CONTRAST_BEFORE.search(lower[max(start - 60, 0) : start])))
            continue
        if headline or sentence.isupper():
            continue
        frame = _frame(lower, start, end)
        if frame is None:
            continue
        if not any(c.isalnum() for c in sentence[:start]) and len(run) == 1:
            # Any word is capitalised at a sentence start: there a name only before a business verb ("Pret charges"),
            # or before "'s" or a food word, and only if it is no common modifier ("Iced coffee …", "Cold brew …");
            # a Russian sentence starts with a capital whatever the word, so there only before a business verb.
            plain = fold(run[0].text)
            if _EN_MODIFIERS.fullmatch(plain):
                continue
            if frame != "subject_at_start":
                if frame not in ("possessive", "noun") or not plain.isascii():
                    continue
                if _ADJECTIVE_ENDING.search(plain) and not plain.endswith("s"):
                    continue
        add(name, start, end, False, frame == "contrast")
    return found


@lru_cache(maxsize=256)
def _mostly_cyrillic(text: str) -> bool | None:
    """True for a mostly Russian text with some Latin, False for a mostly English one with some Cyrillic, else None."""
    cyrillic, latin, _ = script_counts(text)
    if min(cyrillic, latin) == 0:
        return None
    return True if cyrillic > 2 * latin else False if latin > 2 * cyrillic else None


def _foreign(run: list[Token], cyrillic_text: bool | None) -> bool:
    """A name in the other script: "Drinkit" in a Russian post, «Шоколадница» in an English one."""
    if cyrillic_text is None:
        return False
    script = [is_cyrillic(c) for w in run for c in w.text if c.isalpha()]
    if not script or not (not any(script) if cyrillic_text else all(script)):
        return False
    # "Cold brew", "Flat white" in a Russian post are drinks, not names.
    return not any(_EN_MODIFIERS.fullmatch(fold(w.text)) or _BUSINESS_NOUN.fullmatch(fold(w.text)) for w in run)


def _next_to_place(sentence: str, words: list[Token], run: list[Token]) -> bool:
    """A capitalised word beside a place or a day ("Soviet Russia", "Uber Eats" beside a platform) is part of its name."""
    at = words.index(run[0])
    beside = [words[at - 1]] if at > 0 else []
    if at + len(run) < len(words):
        beside.append(words[at + len(run)])
    return any(
        w.text[:1].isupper() and _PLACE_NAMES.fullmatch(fold(w.text)) is not None
        and sentence[min(w.end, run[-1].end) : max(w.start, run[0].start)].strip(" -") == ""
        for w in beside
    )


@lru_cache(maxsize=64)
def _own_patterns(names: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(name_pattern(name)) for name in names if name.strip(" @")]


def find_attacks(text: str, competitors: list[str], settings: ToneRules | None = None) -> list[tuple[str, list[str], str, bool]]:
    """(competitor, negative words, sentence, guessed) for every sentence that names a competitor and runs it down,
    or that points back at the competitor named just before ("Starbucks? Their lattes taste burnt").

    With `guess_competitors`, names nobody configured count too when they read as another business (_guess_names)
    and the run-down is said of them: in their clause, not of "our" or "your" things, not in thanks or an apology."""
    settings = settings or ToneRules()
    text = clean(text)
    patterns = _competitors(tuple(competitors))
    guess = settings.guess_competitors
    if not patterns and not guess:
        return []
    own = _own_patterns(tuple(settings.own_names))
    scam_warning = guess and _SCAM_WARNING.search(_lower(text)) is not None  # the names it guesses are fakes of us
    found, previous = [], None
    for start, end in sentences(text):
        sentence = text[start:end]
        lower = _lower(sentence)
        spans = {name: [m.span() for m in pattern.finditer(lower)] for name, pattern in patterns}
        named = [name for name, found_at in spans.items() if found_at]
        guesses = []
        if guess and not scam_warning and not (_FRIENDLY.search(lower) and not _CONTRAST.search(lower)):
            guesses = _guess_names(text, sentence, start, lower, [s for at in spans.values() for s in at], own)
        span, quoted = (0, len(sentence)), sentence
        pointed = None
        if not named and not guesses and previous is not None:
            span = _pointing_back(sentence, lower)
            if span and previous[2] and _FRIENDLY.search(lower):
                span = None  # "@alice? Their courier was awful, sorry": an apology to the person answered
            if span:
                pointed = previous
                named, quoted = (previous[0], text[previous[1] : end])
        strong = [g for g in guesses if g.strong]
        previous = (named or [g.name for g in strong], start, not named) if any(spans.values()) or strong else None
        if named:
            skip = [s for name in named for s in spans.get(name, [])]
            negative = _run_down(sentence, lower, span, skip, settings, guessed=bool(pointed and pointed[2]))
            if negative:
                found.append((named[0], negative, fragment(quoted), bool(pointed and pointed[2])))
        taken = [s for at in spans.values() for s in at] + [g.span for g in guesses]
        for g in guesses:
            span = _described_span(lower, g.span) if g.described else _clause(lower, g.span, g.contrast, g.tight)
            negative = _run_down(sentence, lower, span, taken, settings, guessed=True, contrast=g.contrast)
            if negative:
                found.append((g.name, negative, fragment(sentence), True))
                break
    return found
