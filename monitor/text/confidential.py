"""Cues that a text was not meant to be public ("between us", «по секрету», "oops, wrong chat"), and the internal news
they give away: closures, layoffs, pay cuts, incidents not yet announced.

A cue alone is no finding ("between us, the cinnamon bun is the best thing on the menu"), and neither is the news
alone: closures are announced in public every day ("closed on Monday for maintenance"). Together they are a leak.
Patterns run on fold()ed text (lower case, ё as е, same length as the original).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STAFF_TOLD = r"(?:staff|team|employees|baristas|people|персонал\w*|сотрудник\w*|команд\w*|бариста|коллектив\w*|ребят\w*)"
_CUES = re.compile(
    # en: between us; not public yet; staff not told; keep it quiet; misposted to the wrong chat
    r"\bbetween (?:us|you and me|ourselves)\b(?!\s+and\b)|\bjust between\b"
    r"|\bnot (?:yet )?(?:public|announced|official)\b|\b(?:isn'?t|is not|aren'?t) (?:public|announced|official) yet\b"
    r"|\b(?:hasn'?t|haven'?t|has not|have not) (?:been )?(?:announced|made public)"
    rf"|\b(?:hasn'?t|haven'?t|has not|have not|didn'?t|did not|not yet) (?:yet )?told (?:the |our )?{_STAFF_TOLD}"
    rf"|\b{_STAFF_TOLD} (?:don'?t|doesn'?t|do not|does not) know(?: yet)?\b"
    r"|\bkeep (?:it|this|that) (?:quiet|secret|between(?: us| ourselves)?|to yourselves|under wraps|on the (?:dl|down-?low)|hush)"
    r"|\b(?:don'?t|do not) (?:share|post|forward) (?:this|that)\b(?!\s+(?:with|code|link|photo))"
    r"|\b(?:for|to) (?:the )?(?:team|staff|managers) only\b|\bnot supposed to (?:say|tell|share|post)"
    r"|\b(?:until|before) the (?:official )?announcement\b|^\W*(?:hi |hey |dear )?(?:team|colleagues|all staff)\s*[,!:]"
    r"|\b(?:don'?t|do not) (?:tell (?:anyone|anybody|the staff|the team)|repost)\b|\bshh+\b|🤫"
    r"|\boops\b\W{0,3}(?:wrong \w+|not for (?:this |the )?\w+)|\bwrong (?:chat|tab|window|account|group|channel|thread)\b"
    r"|\bnot for this (?:chat|channel|page|group|account)\b|\bbefore (?:it'?s|it is) (?:official|announced)\b"
    r"|\bunofficially\b|\bconfidentially\b|\bhush-hush\b|\b(?:nobody|no one) (?:knows|has been told) yet\b"
    r"|\b(?:it'?s|this is|that'?s) (?:still )?(?:a )?secret\b|\btop secret\b"
    r"|\b(?:you )?didn'?t hear (?:it|this|that) from (?:me|us)\b|\bdelete (?:this )?later\b|\bdon'?t quote (?:me|us)\b"
    r"|\bnot for (?:customers'?|guests'?|public) eyes\b|\bkeep mum\b|\bmum'?s the word\b|\binsider\b"
    # ru: между нами; по секрету; не для паблика; персоналу ещё не сказали; не тот чат
    r"|(?<!\w)между нами(?!\s+и\b)|(?<!\w)по секрету(?!\w)|(?<!\w)не для (?:паблика|публики|посторонних|огласки|чужих глаз)"
    r"|(?<!\w)(?:пока )?не (?:распространяемся|афишируем|репост\w*)|(?<!\w)никому не (?:говорите|рассказывайте|пишите)"
    r"|(?<!\w)не (?:говорите|рассказывайте) никому|(?<!\w)не (?:пересылай|делись|делитесь|показывай)\w* (?:это|этим|эту|никому)"
    r"|(?<!\w)только для (?:своих|команды|сотрудников|персонала|менеджеров)|(?<!\w)нам нельзя (?:это )?(?:говорить|рассказывать)"
    r"|(?<!\w)до (?:официального )?(?:анонса|объявления)|^\W*(?:коллеги|всем сотрудникам|команда)\s*[,!:]"
    r"|(?<!\w)никто (?:еще |пока )?не знает|(?<!\w)(?:это )?(?:пока|еще) секрет"
    r"|(?<!\w)пока не (?:объявлял\w*|объявил\w*|анонсир\w*|говорим|говорил\w*|сообщал\w*|сказал\w*|публикуем)"
    r"|(?<!\w)(?:вы этого не слышали|это не от меня|не цитируйте|пока молчим|молчок|инсайд\w*)"
    r"|(?<!\w)(?:удал\w+ потом|потом удал\w+)|(?<!\w)не для (?:глаз )?(?:гостей|клиентов|покупателей)(?!\w)"
    rf"|(?<!\w){_STAFF_TOLD} (?:еще |пока )?не (?:сказали|говорили|сообщили|знают|объявили)"
    rf"|(?<!\w)(?:еще|пока) не (?:сказали|говорили|сообщили|объявили) {_STAFF_TOLD}"
    r"|(?<!\w)(?:не тот|не в тот|не в этот) (?:чат|канал|аккаунт|паблик)|(?<!\w)(?:ой|упс)\W{1,3}не сюда"
    r"|(?<!\w)официально (?:еще |пока )?не (?:объявл\w*|сообщ\w*)|(?<!\w)неофициально(?!\w)|(?<!\w)тс+с(?!\w)|т-с-с"
)

_VENUE = (
    r"caf[eé]s?\b|coffee ?shops?|shops?\b|stores?\b|locations?\b|branch\w*|outlets?\b|roaster(?:y|ies)|offices?\b"
    r"|spots?\b|delivery|franchise\w*|кофейн\w*|точк\w*|филиал\w*|магазин\w*|обжарочн\w*|офис\w*|заведени\w*"
    r"|ресторан\w*|пекарн\w*|доставк\w*|франшиз\w*|направлени\w*"
)
# Losing the premises is a closure too.
_LEASE = r"lease (?:is )?(?:not |isn'?t |won'?t be )renewed|kicking us out|не продл\w+ (?:с нами )?аренд\w*|выгоня\w+ нас"
_CLOSING = (
    r"\bclos(?:e|es|ing)\b(?!\s+(?:to|by)\b)|\bshut(?:ting)?(?: down)?\b(?!\s+up\b)|\bsell(?:ing)? off\b|закрыва\w*"
    r"|закро[ею]\w*|закрыти\w*"
)
_TOPICS = {
    "closure": re.compile(
        rf"(?:{_CLOSING})[^.!?\n;]{{0,50}}?(?:{_VENUE}|\bit\b)|(?:{_VENUE})[^.!?\n;]{{0,50}}?(?:{_CLOSING})|{_LEASE}"
    ),
    "layoffs": re.compile(
        r"\blay-?offs?\b|\blaying off\b|\blet go\b|\blet(?:ting)? (?:\w+ ){1,3}go\b|\bredundanc\w*"
        r"|\bfir(?:e|ing)\s+\w*\s?(?:baristas|staff)"
        r"|сокращени\w+ (?:штата|персонала|сотрудников)|сокраща\w+ (?:штат|персонал|сотрудник|бариста)|увольня\w+|уволи[мт]\w*"
        r"|\bcutting (?:\d+ )?(?:baristas|staff|jobs|people)|оптимизир\w+ (?:штат|персонал)|оптимизаци\w+ (?:штата|персонала)"
        r"|\brestructur\w*|реструктуризац\w*"
    ),
    "pay_decision": re.compile(
        r"(?:bonus\w*|salar\w*|wages?|pay|преми[ийяю]\w*|зарплат\w*|з/п|оклад\w*)\s+(?:\w+\s+){0,2}?(?:(?:are|is|will be|get) )?"
        r"(?:frozen|cut|cancel\w*|delayed|заморож\w*|урез\w*|отмен\w*|задерж\w*|не будет)"
        r"|(?:freez\w*|\bcut\w*|slash\w*|заморо\w*|урез\w*)\s+(?:\w+\s+){0,2}?(?:raises|bonus\w*|salar\w*|wages|pay\b"
        r"|преми\w*|зарплат\w*|ставк\w*)"
        # Staff hours, not opening hours: "cutting barista hours", «урезаем смены бариста».
        r"|(?:\bcut\w*|slash\w*|reduc\w*|урез\w*|сокра\w*)\s+(?:\w+\s+)?(?:barista|staff|employee)s?'? (?:hours|shifts)"
        r"|(?:урез\w*|сокра\w*)\s+(?:часы|смены) (?:бариста|сотрудник\w*|персонал\w*)"
        r"|\bno (?:bonus(?:es)?|raises?|pay rises?)\b|без преми[ий]"
        r"|(?:урез|замороз|отмен|задерж)\w+ (?:\w+ )?(?:преми|зарплат|бонус)"
    ),
    "incident": re.compile(
        r"\bmou?ld\w*|плесен\w*|списал\w*|списани\w*|wrote off|write-?offs?|written off|отравлен\w*|food poisoning"
        r"|\brats?\b|\bmice\b|крыс\w*|таракан\w*|cockroach\w*|пожар\w*|кража|краж[иу]|украл\w*|\bstolen\b|\btheft\b"
        r"|недостач\w*|\bfined\b|штраф\w*|роспотребнадзор\w*|санэпид\w*|health inspect\w*|\binspection\b|\bbreach\b"
        r"|утечк\w*|data leak|просроч\w*|\bsued\b|lawsuit|судимся|(?:подал\w*|пода[её]т) в суд|caught fire"
        r"|\bsteal\w*|затопил\w*|\bflood(?:ed|ing)\b|\bon strike\b|\bwalkout\b|забастов\w*|shortfall"
        r"|\b(?:till|register) was short"
        r"|касс\w* не сош\w*"
    ),
    "supplier": re.compile(
        r"(?:меняем|сменили|смени\w*|уходим от|отказываемся от|drop(?:ping)?|switch(?:ing)?|chang(?:e|ing)|replac\w*)\s+"
        r"(?:\w+\s+)?(?:suppliers?|importers?|roasters?|поставщик\w*|импортер\w*)"
    ),
    "deal": re.compile(
        r"\bmerg(?:e|er|ing)\b|\bacqui(?:re|red|ring|sition)\b|\bbuy(?:ing)? out\b|\bbeing sold\b"
        r"|\bselling the (?:company|business|chain)"
        r"|\binvestment round\b|\bfunding round\b|\bterm sheet\b|слияни\w*|поглощени\w*|продаем (?:бизнес|сеть|компанию)"
        r"|покупаем сеть|раунд инвестиций|инвестраунд\w*|продают (?:бизнес|сеть|компанию)|(?:сеть|бизнес|компанию) прода\w+"
        r"|нас покупа\w+|покупа\w+ нас|\bbeing (?:bought|acquired)\b|(?<!выгодн\w\w )(?<!\w)сделк\w*"
    ),
    "results": re.compile(
        r"\bmissed (?:our |the )?(?:target|plan|forecast)|\bbelow (?:target|plan|forecast)|\btarget was\b"
        r"|план не выполн\w*|не выполнили план|(?<!\w)таргет был|цель была|losing money|bleeding (?:money|cash)"
        r"|in the red\b|unprofitable|bankrupt\w*|insolven\w*|убыточн\w*|в минус\w*|не окупа\w*|банкрот\w*"
    ),
}
KINDS = {
    "closure": ("a closure not yet announced", "закрытие, о котором ещё не объявляли"),
    "layoffs": ("layoffs", "сокращения"),
    "pay_decision": ("a pay or bonus decision", "решение о зарплатах или премиях"),
    "incident": ("an internal incident", "внутреннее происшествие"),
    "results": ("missed targets", "невыполненный план"),
    "deal": ("a deal not yet announced", "необъявленная сделка"),
    "supplier": ("a supplier change", "смена поставщика"),
}


@dataclass(frozen=True)
class Span:
    """A cue or a piece of internal news: its kind and where it is."""

    kind: str
    start: int
    end: int
    raw: str


# Literal stems of every cue: a fast scan (no look-arounds) that most texts fail.
_CUE_HINT = re.compile(
    "between|public|announc|told|know|keep|tell|repost|shh|🤫|oops|wrong|not for|official|confidential|hush|secret"
    "|share|post|forward|only|supposed|team|colleague|staff|nobody|no one|между|секрет|не для|распростран|афиш|репост"
    "|никому|пока|еще не|сказали|говорили|сообщили|знают|не тот|не в тот|сюда|официальн|тсс|т-с|пересыл|дели|показ"
    "|только для|нельзя|анонс|объявлен|коллеги|сотрудникам|команда|никто|hear|delete|quote|eyes|mum|insider"
    "|слышали|не от меня|цитир|молч|инсайд|удал|гостей|клиентов|покупателей"
)


def find_secrecy_cues(text: str, folded: str) -> list[Span]:
    """Every phrase saying the text is not meant for the public (folded is fold(text))."""
    if not _CUE_HINT.search(folded):
        return []
    return [Span("cue", m.start(), m.end(), text[m.start() : m.end()]) for m in _CUES.finditer(folded)]


def find_internal_news(text: str, folded: str) -> list[Span]:
    """Closures, layoffs, pay decisions, incidents and missed targets: internal when a cue says they are."""
    found: list[Span] = []
    for kind, pattern in _TOPICS.items():
        for m in pattern.finditer(folded):
            if not any(s.start < m.end() and m.start() < s.end for s in found):
                found.append(Span(kind, m.start(), m.end(), text[m.start() : m.end()].strip()))
    return sorted(found, key=lambda s: s.start)
