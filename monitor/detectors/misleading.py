"""Mistake 2, misleading: absolute claims in posts and follower counts that jump without a reason."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from monitor.detectors import Detected, TextHit, rule, text_rule
from monitor.detectors.context import Context
from monitor.settings import RulesSettings
from monitor.text.folding import fold
from monitor.text.plural import ru_plural
from monitor.store.models import Snapshot

_PCT = r"(?<![\d.,])100\s?%"
_SCOPE_EN = (
    r"(?:the\s+(?:whole\s+|entire\s+)?)?(?:world|country|town|city|market|planet|universe|galaxy|industry|business"
    r"|region|area|neighbou?rhood|district|state|nation|earth"
    r"|russia|moscow|europe|america|usa|us|uk|london)\b"
)
_SCOPE_RU_WORDS = (
    "мире|мира|стране|городе|россии|москве|европе|рынке|вселенной|галактике|отрасли"
    "|регионе|области|районе|округе|питере|петербурге|спб|свете|земле"
)
_SCOPE_RU = rf"(?:{_SCOPE_RU_WORDS})\b"
_NUMBER_ONE = r"(?:#\s?|№\s?|(?<!\w)no\.?\s?|(?<!\w)number\s+|(?<!\w)номер\s+)(?:1|one|один)\b"
# Up to two words between a superlative and its scope, but not "best wishes to everyone in town".
_GAP_EN = r"(?:(?!wishes|regards|to\b|for\b|of\b|with\b)[\w'’-]+\s+){0,2}"

# A guarantee or "no risk" next to a stated remedy is a refund policy, not a promise of results.
GUARANTEES = [
    _PCT + r"\s*(?:guarantee[sd]?|effective|results?|success|safe|proven)\b",
    r"\bguarantee[sd]?\s*100\s?%",
    r"\bguaranteed\s+(?:results?|success|effect|to\s+(?:work|cure|heal|fix|boost|change))\b",
    r"\b(?:results?|success)\s+(?:are\s+|is\s+)?guaranteed\b",
    r"\bzero[\s-]+risk\b",
    r"\brisk[\s-]?free\b",
    r"\bnever\s+fails?\b|\bnever\s+lets?\s+you\s+down\b",
    r"\b(?:guaranteed|гарантированно)\b[^.!?\n]{0,40}(?:на\s+)?100\s?%",
    r"\b(?:can'?t|cannot|can\s+not)\s+fail\b",
    r"\bworks?\s+every\s+(?:single\s+)?time\b",
    _PCT + r"\s*(?:гаранти\w*|результат\w*|эффект\w*|успех\w*|безопасн\w*)",
    r"\bгаранти\w*\s*(?:на\s*)?100\s?%",
    r"\bстопроцентн\w*\s+(?:гаранти\w*|результат\w*|эффект\w*)",
    r"\bгарантированн\w*\s+(?:результат\w*|эффект\w*|успех\w*)",
    r"\b(?:результат|успех|эффект)\w*\s+гарантир\w*",
    r"\bгарантируем\s+(?:результат|успех|эффект)\w*",
    # "без риска облиться" is about spilling, not a promise: an infinitive after it is left alone.
    r"\bбез\s+(?:всякого\s+|какого-?либо\s+)?риска\b(?!\s+[а-я]+(?:ть|ться|ти)\b)",
    r"\b(?:нулев\w*|никакого)\s+риск\w*",
    r"\bникогда\s+не\s+подвед\w*|\bникогда\s+не\s+подвод\w*",
]
SUPERLATIVES = [
    _NUMBER_ONE + r"\s+(?:[\w'’-]+\s+){0,2}(?:in|on|across)\s+" + _SCOPE_EN,
    r"\b(?:world|country|america|russia|europe|nation|planet)(?:'s|’s|s)\s+"
    r"(?:#\s?1|no\.?\s?1|number\s+one|best|greatest|finest|tastiest|favou?rite|most\s+loved)\b",
    _NUMBER_ONE + r"[\s-]+(?:brand|choice|rated|seller|selling)\b",
    r"\b(?:best|finest|tastiest|greatest)\s+" + _GAP_EN + r"(?:in|on)\s+" + _SCOPE_EN,
    r"\b(?:unbeatable|unrivall?ed|second\s+to\s+none)\b",
    _NUMBER_ONE + r"\s*(?:в|во|на|среди|по)\s+(?:" + _SCOPE_RU_WORDS + r"|продажам)\b",
    r"\b(?:бренд|марка|кофе|выбор|производитель|обжарщик)\s*(?:№|#|номер\s+)\s?(?:1|один)\b",
    _NUMBER_ONE + r"\s+(?:бренд|марка|выбор|производитель|обжарщик)\w*",
    r"\bлучш\w*\s+(?:[\w-]+\s+){0,2}(?:мира|россии|москвы|страны|города|европы)\b",
    r"\b(?:лучш\w*|(?:сам\w+|наиболее)\s+(?:вкусн|популярн|любим|качественн|свеж)\w*)\s+"
    r"(?:[\w-]+\s+){0,3}(?:в|во|на)\s+" + _SCOPE_RU,
    r"\bсам(?:ый|ая|ое|ые|ого|ой|ую|ых)\s+лучш\w*",
    r"\bлучше\s+всех\b",
    r"\b(?:нет|не\s+имеет|не\s+имеющ\w*|без)\s+аналогов\b|\bаналогов\s+нет\b",
    r"\bнепревзойденн\w*",
]
HEALTH = [
    # "cures the Monday blues" is a joke about a mood, not a medical promise.
    r"\bcures?\b(?!\s+(?:for\s+)?(?:the\s+|your\s+)?(?:monday|mondays|blues|boredom)\b)",
    r"\bheals\b",
    r"\b(?:clinically|scientifically)\s+proven\b",
    r"\b(?:клинически|научно)\s+доказан\w*",
    r"\bburns?\s+fat\b",
    r"\bprevents?\s+(?:cancer|disease|diabetes|colds?|flu|covid)\b",
    r"\b(?:вылеч|излеч|исцел)\w*\b(?!\s+(?:от\s+)?(?:хандр|скук|понедельник)\w*)",
    r"\bлечит\b(?!\s+(?:от\s+)?(?:хандр|скук|понедельник)\w*)",
    r"\bукрепля\w*\s+иммунитет\w*",
    r"\bсжига\w*\s+жир\w*",
]
# "A Christmas miracle" or «новогоднее чудо» is a mood; a miracle *product* is a claim.
MIRACLES = [
    r"\bmiracle\s+(?:cure|drink|product|remedy|formula|pill|beans?|elixir|potion|tea|coffee|effect)\b",
    r"\bworks?\s+miracles\b",
    r"\bmiraculous\w*",
    r"\bчудо-?\s?(?:средство|напиток|кофе|чай|эликсир|таблетк\w*|продукт|зерн\w*)",
    r"\bчудодейственн\w*",
    r"\bтворит\s+чудеса\b",
]
# A superlative that ranks the brand against a market: "the fastest delivery in the city", «самая низкая цена в регионе».
_SUPER_EN = (
    r"(?:best|finest|tastiest|greatest|fastest|quickest|cheapest|lowest|freshest|strongest|smoothest|safest|tastiest"
    r"|most\s+(?:delicious|popular|reliable|affordable|trusted|loved|convenient|comfortable|advanced|effective|secure)"
    r"|highest[\s-]+(?:quality|rated)|(?:largest|biggest|widest)\s+(?:selection|choice|range))"
)
_SUPER_RU = (
    r"(?:(?:сам(?:ый|ая|ое|ые|ого|ой|ую|ых|ым|ыми|ом)|наиболее)\s+(?:низк|быстр|дешев|свеж|вкусн|качественн|выгодн|надежн"
    r"|популярн|любим|доступн|широк|удобн|безопасн|ароматн|полезн|натуральн|современн|большой\s+ассортимент)\w*"
    r"|(?:свеж|вкусн|быстр|низк|дешев|выгодн|качественн|надежн|ароматн)(?:ейш|айш)\w*)"
)
SCOPED = [
    r"\b" + _SUPER_EN + r"\s+" + _GAP_EN + r"(?:in|on|across)\s+" + _SCOPE_EN,
    # "in Kazan", "in Berlin": a capitalised place (checked on the original text).
    r"\b" + _SUPER_EN + r"\s+" + _GAP_EN + r"in\s+(?P<place>[a-z][a-z-]+)\b",
    r"(?<!\w)" + _SUPER_RU + r"\s+(?:[\w-]+\s+){0,3}(?:в|во|на|среди)\s+(?:всем\s+|всей\s+)?" + _SCOPE_RU,
    r"(?<!\w)" + _SUPER_RU + r"\s+(?:[\w-]+\s+){0,3}(?:в|во)\s+(?P<place>[а-я][а-я-]+)(?!\w)",
]
# Months and days are scopes of time, not of a market: "our busiest day in December".
_NOT_PLACES = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday|northwind|нордвинд\w*|[а-я]+(?:ое|ый|ий|ая|ые|их|ом)"
    r"|январ\w*|феврал\w*|март\w*|апрел\w*|ма[ея]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)$"
)
_COMPARATIVE_EN = (
    r"(?:better|cheaper|faster|quicker|fresher|tastier|stronger|smoother|safer|finer|lower\s+prices?"
    r"|more\s+(?:reliable|affordable|delicious|convenient|effective))"
)
_COMPARATIVE_RU = r"(?:дешевле|лучше|быстрее|свежее|вкуснее|выгоднее|надежнее|качественнее|безопаснее|ниже|доступнее)"
# "Cheaper than anyone else in town", «дешевле, чем у всех конкурентов», "no one roasts fresher".
COMPARISONS = [
    r"\b" + _COMPARATIVE_EN + r"(?:\s+[\w'’-]+){0,2}\s+than\s+(?:anyone|anybody|everyone|everybody|any\s+other|all\s+(?:the\s+)?"
    r"(?:others|rest|competitors)|the\s+(?:competition|rest)|(?:our\s+|the\s+)?competitors)\b"
    r"(?!\s+(?:else\s+)?(?:expected|thought|imagined|predicted|hoped|knew|could|would))",
    r"\b(?:no\s*one|nobody|no\s+other\s+\w+)\s+(?:else\s+)?(?:[\w'’-]+\s+){0,3}?(?:" + _COMPARATIVE_EN
    + r"|beats?|can\s+beat|comes?\s+close|compares?)\b",
    r"(?<!\w)" + _COMPARATIVE_RU + r",?\s+(?:чем\s+(?:у\s+|в\s+)?)?(?:всех|любых\s+\w+|конкурент\w*|других\s+(?:кофеен|магазинов|брендов"
    r"|производителей|банков|компаний|сервисов|конкурент\w*)|остальных)(?!\w)",
    r"(?<!\w)никто\s+(?:\w+\s+){0,2}не\s+(?:[\w-]+\s+){0,2}" + _COMPARATIVE_RU + r"(?!\w)",
]
# A promise that service never slips: "your parcel will always arrive on time", «мы никогда не ошибаемся».
PROMISES = [
    r"\b(?:always|every\s+single\s+time|without\s+exception)\b[^.!?\n]{0,30}?\b(?:on\s+time|in\s+time|flawless\w*|perfect(?:ly)?)\b",
    r"\bon\s+time,?\s+every\s+time\b",
    r"\bnever\s+(?:[\w'’]+\s+){0,2}?(?:late|delayed|mistakes?|errors?|wrong|disappoints?|breaks?\s+down|miss(?:es)?\s+a\s+(?:delivery|deadline))\b",
    r"(?<!\w)всегда\s+(?:[\w-]+\s+){0,3}?(?:вовремя|в\s+срок|идеальн\w*|безупречн\w*|без\s+(?:ошибок|опозданий|задержек))(?!\w)",
    r"(?<!\w)никогда\s+(?:[\w-]+\s+){0,2}?не\s+(?:ошиба\w*|опаздыва\w*|задержива\w*|ломает\w*|разочару\w*|подвед\w*|подвод\w*)",
]
# Guaranteed money or results: "guaranteed 20% return", «гарантированный доход».
RETURNS = [
    r"\bguaranteed\s+(?:\+?\d+(?:[.,]\d+)?\s?%\s+)?(?:income|profits?|yields?|payouts?|earnings|interest|weight\s+loss|growth)\b",
    r"\bguaranteed\s+\+?\d+(?:[.,]\d+)?\s?%\s+(?:returns?|a\s+(?:year|month)|per\s+(?:year|annum|month)|annually|monthly)\b",
    r"\bguaranteed\s+returns?\s+(?:on|of)\b",
    r"\b\d+(?:[.,]\d+)?\s?%\s+(?:guaranteed|assured)\s+(?:returns?|income|yield|profit)\b",
    r"\b(?:returns?|income|profits?|yields?)\s+(?:of\s+\d+(?:[.,]\d+)?\s?%\s+)?(?:are\s+|is\s+)?guaranteed\b",
    r"(?<!\w)гарантированн\w*\s+(?:\+?\d+\s?%\s+)?(?:доход\w*|прибыл\w*|заработ\w*|выплат\w*|процент\w*|похудени\w*)",
    r"(?<!\w)(?:доход\w*|прибыл\w*|доходност\w*)\s+(?:[\w%-]+\s+){0,2}?гарантир\w*",
    r"(?<!\w)гарантиру(?:ем|ет)\s+(?:вам\s+)?(?:\d+\s?%\s+)?(?:доход\w*|прибыл\w*|доходност\w*|заработ\w*)",
    r"(?<!\w)гарантированно\s+(?:заработа\w*|получит\w*|похуде\w*|окуп\w*)",
]
# "100% safe", «100% натурально и безопасно», "completely secure": an unprovable safety or efficacy claim.
_SAFE_EN = r"(?:safe(?:ty)?|secure|security|harmless|effective|efficacy|protected|reliable|hypoallergenic|non[\s-]?toxic)"
_SAFE_RU = r"(?:безопасн\w*|безвредн\w*|эффективн\w*|надежн\w*|защищен\w*|гипоаллергенн\w*)"
SAFETY = [
    _PCT + r"\s*(?:[\w-]+\s*(?:,|\band\b|&|\bи\b)\s*){0,2}(?:" + _SAFE_EN + r"|" + _SAFE_RU + r")",
    r"\b(?:completely|absolutely|totally|perfectly|entirely)\s+(?:safe|harmless|secure|risk[\s-]?free)\b",
    r"(?<!\w)(?:абсолютно|полностью|совершенно|стопроцентно)\s+(?:" + _SAFE_RU + r")",
]
_SCOPED_RE = [re.compile(p) for p in SCOPED]
# A place the scope patterns already cover is matched by them, not twice.
_SCOPE_PLACE = re.compile(r"(?:" + _SCOPE_EN + r"|" + _SCOPE_RU + r")$")
_COMPARISON_RE = [re.compile(p) for p in COMPARISONS]
_PROMISE_RE = [re.compile(p) for p in PROMISES]
_RETURNS_RE = [re.compile(p) for p in RETURNS]
_SAFETY_RE = [re.compile(p) for p in SAFETY]
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

_GUARANTEE_RE = [re.compile(p) for p in GUARANTEES]
_SUPERLATIVE_RE = [re.compile(p) for p in SUPERLATIVES]
_HEALTH_RE = [re.compile(p) for p in HEALTH]
_MIRACLE_RE = [re.compile(p) for p in MIRACLES]


def _phrase(term: str) -> re.Pattern[str]:
    """A configured phrase as a pattern: whole words, any spacing."""
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, fold(term).split())) + r"(?!\w)")


def _sentence_rest(folded: str, end: int) -> str:
    stop = re.search(r"[.!?\n]", folded[end:])
    return folded[end : end + stop.start()] if stop else folded[end:]


def find_claims(text: str, extra: list[str]) -> list[tuple[str, str]]:
    """(kind, fragment) for every absolute claim in text; kind is health, miracle, superlative, comparison,
    promise, returns, safety, guarantee or extra."""
    folded = fold(text)
    found: list[tuple[int, int, str]] = []
    groups = [
        ("health", _HEALTH_RE), ("miracle", _MIRACLE_RE), ("superlative", _SUPERLATIVE_RE), ("superlative", _SCOPED_RE),
        ("comparison", _COMPARISON_RE), ("promise", _PROMISE_RE), ("returns", _RETURNS_RE), ("safety", _SAFETY_RE),
    ]
    if not _REMEDY.search(folded):
        groups.append(("guarantee", _GUARANTEE_RE))
    groups.append(("extra", [_phrase(term) for term in extra if term.strip()]))
    for kind, patterns in groups:
        for pattern in patterns:
            for m in pattern.finditer(folded):
                if kind in ("superlative", "comparison") and (
                    _OWN_COMPARISON.search(_sentence_rest(folded, m.end())) or _AUDIENCE.search(m[0])
                ):
                    continue
                if "place" in pattern.groupindex and (
                    not text[m.start("place")].isupper() or _NOT_PLACES.match(m["place"]) or _SCOPE_PLACE.match(m["place"])
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


@text_rule(
    "misleading",
    "absolute_claims",
    window=lambda r: r.misleading.lookback,
    why={
        "en": "Absolute promises (\"100% guaranteed\", \"#1 in the world\", \"cures\") cannot be proven; they invite complaints, "
        "platform penalties and regulator fines, and readers trust the brand less.",
        "ru": "Абсолютные обещания («гарантия 100%», «№1 в мире», «вылечит») нельзя доказать; за них жалуются, их штрафует ФАС "
        "и наказывают площадки, а читатели меньше доверяют бренду.",
    },
    todo={
        "en": "Edit the post: replace the absolute with a fact you can show (a test, an award, a customer quote) or remove it.",
        "ru": "Отредактируйте пост: замените абсолютное утверждение фактом, который можно показать (исследование, награда, отзыв), или уберите его.",
    },
)
def absolute_claims(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit listing every absolute claim in the text; health claims are critical."""
    claims = find_claims(text, rules.misleading.extra_claims)
    if not claims:
        return []
    quoted = ", ".join(f"“{fragment}”" for _, fragment in claims[:3])
    health = any(kind == "health" for kind, _ in claims)
    return [
        TextHit(
            severity="critical" if health else "warning",
            fragments=[fragment for _, fragment in claims],
            summary={
                "en": ("The post makes a health claim it cannot prove: " if health else "The post makes an absolute claim: ") + quoted,
                "ru": ("В посте обещание лечебного эффекта, которое нельзя доказать: " if health else "В посте абсолютное утверждение: ") + quoted,
            },
            details={"kinds": sorted({kind for kind, _ in claims})},
        )
    ]


# A day counts as "viral" when mentions and comments are well above their usual daily count.
ENGAGEMENT_RATIO = 3
ENGAGEMENT_MIN = 10


def daily_followers(snapshots: list[Snapshot], tz: ZoneInfo) -> list[tuple[date, int]]:
    """The last follower count of each local day, oldest first."""
    last: dict[date, int] = {}
    for snap in sorted(snapshots, key=lambda s: s.taken_at):
        if snap.followers is not None:
            last[snap.taken_at.astimezone(tz).date()] = snap.followers
    return sorted(last.items())


def _num(value: float, language: str) -> str:
    """A whole number with thousands separated as the language writes them."""
    text = f"{value:,.0f}"
    return text.replace(",", "\u00a0") if language == "ru" else text


@dataclass(frozen=True)
class Gain:
    """Followers gained by the end of `day` since the previous day with a count (a gap is spread evenly)."""

    since: date
    day: date
    before: int
    after: int

    @property
    def per_day(self) -> float:
        """Followers gained per day over the span."""
        return (self.after - self.before) / max((self.day - self.since).days, 1)  # a jump within one day is that day's

    def when(self, language: str) -> str:
        """The span as a phrase: on 2026-11-18, or between 2026-11-15 and 2026-11-18 after a gap in the counts."""
        gap = (self.day - self.since).days > 1
        if language == "ru":
            day = self.day.strftime("%d.%m.%Y")
            return f"за {self.since.strftime('%d.%m.%Y')}–{day}" if gap else f"за {day}"
        return f"between {self.since.isoformat()} and {self.day.isoformat()}" if gap else f"on {self.day.isoformat()}"


def daily_gains(days: list[tuple[date, int]]) -> list[Gain]:
    """The gain of every day with a count over the previous day with one."""
    return [Gain(since, day, before, after) for (since, before), (day, after) in zip(days, days[1:])]


def robust_z(value: float, baseline: list[float]) -> float:
    """Modified z-score (Iglewicz–Hoaglin) of value against the baseline's median and MAD."""
    median = statistics.median(baseline)
    mad = statistics.median(abs(b - median) for b in baseline)
    if mad:
        return 0.6745 * (value - median) / mad
    # Perfectly steady baselines have MAD 0: fall back to the mean absolute deviation.
    mean_ad = statistics.fmean(abs(b - median) for b in baseline)
    if mean_ad:
        return (value - median) / (1.253314 * mean_ad)
    return float("inf") if value > median else 0.0


def _engagement_by_day(ctx: Context, since: datetime, tz: ZoneInfo) -> Counter[date]:
    items = ctx.questions(("mention", "comment"), since)
    return Counter(i.created_at.astimezone(tz).date() for i in items)


def _spike_summary(name: str, gain: Gain, usual: float | None, engaged: tuple[int, float] | None) -> dict[str, str]:
    """What the spike was and against what; `usual` None: a jump with no history to compare with."""
    total, gap = gain.after - gain.before, (gain.day - gain.since).days > 1
    en = f"{name} gained {_num(total, 'en')} followers {gain.when('en')}"
    ru = f"Аккаунт {name} получил {_num(total, 'ru')} {ru_plural(total, 'подписчика', 'подписчика', 'подписчиков')} {gain.when('ru')}"
    if usual is None:
        en += f" ({gain.after / max(gain.before, 1):.1f}× between two checks, from {_num(gain.before, 'en')} to {_num(gain.after, 'en')})"
        ru += f" (в {gain.after / max(gain.before, 1):.1f} раза между двумя проверками: с {_num(gain.before, 'ru')} до {_num(gain.after, 'ru')})"
    else:
        en += (f" ({_num(gain.per_day, 'en')} a day)" if gap else "") + f", against a usual {_num(usual, 'en')} a day"
        ru += (f" ({_num(gain.per_day, 'ru')} в день)" if gap else "") + f" при обычных {_num(usual, 'ru')} в день"
    if engaged:
        count, median = engaged
        en += (f"; mentions and comments rose the same day ({count} against a usual {median:g}), "
               "so it may be a viral post rather than bought followers")
        ru += (f"; в тот же день выросло число упоминаний и комментариев ({count} при обычных {median:g}), "
               "так что это может быть вирусный пост, а не купленные подписчики")
    else:
        en += ", with no rise in mentions or comments: followers may have been bought"
        ru += ", а упоминаний и комментариев больше не стало: подписчиков могли купить"
    return {"en": en, "ru": ru}


def jumps(snapshots: list[Snapshot], tz: ZoneInfo, ratio: float, min_gain: int) -> dict[date, Gain]:
    """Per local day, the largest jump between two consecutive counts that is at least ratio-fold and min_gain."""
    counts = [(s.taken_at.astimezone(tz).date(), s.followers) for s in sorted(snapshots, key=lambda s: s.taken_at)
              if s.followers is not None]
    found: dict[date, Gain] = {}
    for (since, before), (day, after) in zip(counts, counts[1:]):
        if after - before >= min_gain and after >= ratio * max(before, 1):
            if day not in found or after - before > found[day].after - found[day].before:
                found[day] = Gain(since, day, before, after)
    return found


@rule(
    "misleading",
    "follower_spike",
    window=lambda r: r.misleading.lookback,
    reach=lambda r: r.misleading.spike_window,
    reads=("snapshot", "mention", "comment"),
    why={
        "en": "A jump in followers that nothing explains looks like bought followers: platforms purge them, "
        "engagement rates collapse, and partners who notice stop trusting the numbers.",
        "ru": "Резкий прирост подписчиков без видимой причины похож на накрутку: площадки чистят ботов, "
        "вовлечённость падает, а партнёры перестают верить цифрам.",
    },
    todo={
        "en": "Check what happened that day (a giveaway, a paid campaign, a mention by a big account); "
        "if nobody on the team knows, ask the platform support and stop any follower-buying service.",
        "ru": "Выясните, что было в тот день (розыгрыш, платная кампания, упоминание крупным аккаунтом); "
        "если никто в команде не знает, обратитесь в поддержку площадки и отключите сервисы накрутки.",
    },
)
def follower_spike(ctx: Context) -> list[Detected]:
    """Days in lookback whose follower gain is a robust outlier against the days before them, or a jump without a baseline."""
    settings = ctx.rules.misleading
    tz = ZoneInfo(ctx.settings.timezone)
    since = ctx.now - settings.spike_window
    snapshots = ctx.snapshots(since)
    gains = daily_gains(daily_followers(snapshots, tz))
    engagement = _engagement_by_day(ctx, since, tz)
    first_day = (ctx.now - settings.lookback).astimezone(tz).date()
    sudden = jumps(snapshots, tz, settings.jump_ratio, settings.jump_min_gain)
    by_day = {g.day: g for g in gains}
    found = []
    for index, gain in enumerate([*gains, *(g for d, g in sudden.items() if d not in by_day)]):
        day, baseline = gain.day, [g.per_day for g in gains[:index] if g.day < gain.day]
        if day < first_day:
            continue
        if len(baseline) >= settings.spike_min_baseline and gain.per_day >= settings.spike_min_gain:
            z = robust_z(gain.per_day, baseline)
        elif day in sudden:
            gain, z = sudden[day], float("inf")  # no baseline to compare with, but a jump no growth explains
        else:
            continue
        if z < settings.spike_z:
            continue
        usual = statistics.median([engagement.get(g.day, 0) for g in gains if g.day < day] or [0])
        count = engagement.get(day, 0)
        engaged = count >= ENGAGEMENT_MIN and count >= ENGAGEMENT_RATIO * max(usual, 1)
        median = statistics.median(baseline) if baseline else 0
        found.append(
            Detected(
                key=day.isoformat(),
                severity="info" if engaged else "warning",
                summary=_spike_summary(ctx.account.name, gain, median if baseline else None, (count, usual) if engaged else None),
                item_ids=[],
                evidence=[
                    {
                        "item_id": None,
                        "url": None,
                        "excerpt": f"{gain.before:,} → {gain.after:,} followers {gain.when('en')}",
                        "author": ctx.account.name,
                        "created_at": datetime.combine(day, datetime.min.time(), tz).isoformat(),
                    }
                ],
                details={
                    "day": day.isoformat(),
                    "gain": gain.after - gain.before,
                    "gain_per_day": round(gain.per_day),
                    "baseline_median": median,
                    "baseline_days": len(baseline),
                    "z": round(z, 2) if z != float("inf") else None,
                    "mentions_and_comments": count,
                    "usual_mentions_and_comments": usual,
                    "viral": engaged,
                },
            )
        )
    return found
