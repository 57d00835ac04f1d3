"""Internal business figures in a text: margins, revenue, purchase prices, what things cost the company, pay, headcount.

Every pattern needs a figure (an amount of money, a percentage, a head count) bound to a business word in the
same clause: the words alone ("our margin", «выручка») are everyday speech, and an amount alone is a price.
Patterns run on fold()ed text (lower case, ё as е, same length), so spans are offsets into the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.text.amounts import FIGURE, MONEY, PERCENT, is_big, mark_amounts

# Up to ~6 words inside one clause: no sentence end, comma or line break in between.
_GAP = r"[^.!?\n;,]{0,45}?"

_MARGIN_WORD = r"(?:(?:gross|net|profit|operating)\s+)?(?:margins?|mark-?ups?)\b|марж[аиеуо]\w*|наценк\w*|рентабельн\w*"
# After the margin word, the figure ends its phrase: "margin under 80%, so", not "margin — notes of 70% dark chocolate".
_ENDS = (
    r"(?=\s*(?:$|[^\w\s]|(?:on|for|in|at|and|but|so|which|this|that|we|it|of|lol|tbh|на|в|и|а|но|так|что|по|у|с|это"
    r"|из|от|для|мы|там|тут|уже|или|or)\b))"
)
_MARGIN = re.compile(
    rf"{PERCENT}\s+(?:[^\W\d_]+\s+){{0,2}}?(?:{_MARGIN_WORD})"
    rf"|(?:{_MARGIN_WORD}){_GAP}(?:{FIGURE}{_ENDS}|(?<![^\W\d_])x\s?\d|\d\s?x\b|в\s\d+(?:[.,]\d+)?\s?раз\w*)"
    # What the brand makes on one item: "we only make 20 ₽ on each cappuccino", «с каждой чашки зарабатываем 120 ₽».
    rf"|(?:make|earn|net|clear|зарабатываем|получаем)\s+(?:only\s+|just\s+|всего\s+|лишь\s+)?{MONEY}\s+"
    r"(?:on|per|from|с|на)\s+(?:each|every|a|one|кажд\w+|одн\w+|чашк\w*|cup)"
    rf"|(?:с|на) кажд\w+ [^\W\d_]+ (?:мы )?(?:зарабатываем|получаем|имеем)\s+(?:всего\s+|лишь\s+)?{MONEY}"
    rf"|\bwe (?:only )?(?:make|net|clear|earn)\s+(?:about\s+|around\s+|only\s+)?{PERCENT}\s+(?:on|from)\b"
)
_NO_MARGIN = re.compile(r"(?:\bno|\bzero|\bwithout|\bбез|нулев\w*)\s+$|[\"'«“‘]\s*$")
# A guess about the brand's margin is a customer's complaint, not the brand's figure.
_GUESS = re.compile(r"must be|probably|i bet|surely|наверн\w*|небось|видимо|поди\b|of error")
# Figures of the market or the industry are news, not the brand's own.
_MARKET = re.compile(r"industry|\bmarket\b|рын(?:ок|ка|ке|ку)\b|рыночн\w*|отрасл\w*|nationwide|по стране|across the country")

_REVENUE_WORD = (
    r"revenues?\b|turnover\b|(?<!non-)(?<!non )profits?\b|net income|ebitda|losses\b|\bsales\b|\bgmv\b"
    r"|(?:average|avg\.?) (?:check|ticket|order value|bill|basket)|\baov\b|footfall|выручк\w*|оборот\w*|прибыл\w*"
    r"|убыт(?:ок|ки|ков|ка|ку|ком)|продаж\w*|доход(?!н)\w*|средн\w+ чек\w*|посещаемост\w*|в минус\w*|\bloss\b"
)
_EARNS = (
    r"(?:pulls?(?: in)?|brings? in|earns?|makes?|does|did|generates?|grosses|nets|turns? over|приносит|приносят"
    r"|приносил\w*|зарабатыва\w+|делает|делаем)"
)
_ABOUT = r"(?:~|about|around|almost|over|nearly|roughly|около|почти|под|более|больше|свыше|порядка)?\s*~?"
_PERIOD = r"(?:a|per|/|в|за)\s?(?:month|week|day|year|quarter|месяц|мес\.?|неделю|день|сутки|год|квартал)\b"
_PER_MONTH = r"(?:a|per|/|в|за)\s?(?:month|year|месяц|мес\.?|год)\b"
_REVENUE = re.compile(
    rf"(?:{_REVENUE_WORD}){_GAP}(?:{FIGURE}|в\s\d+(?:[.,]\d+)?\s?раз\w*|(?<![^\W\d_])x\s?\d|\d(?:[.,]\d+)?\s?x\b)"
    rf"|{MONEY}\s+(?:short of|below|under|behind|не хватило до|ниже) (?:our |the )?(?:target|plan|forecast|плана|цели)"
    rf"|{MONEY}\s+(?:(?:in|of|от|с)\s+)?(?:[^\W\d_]+\s+)?(?:{_REVENUE_WORD})"
    rf"|{PERCENT}\s+(?:of|от|с)\s+(?:[^\W\d_]+\s+)?(?:{_REVENUE_WORD})"
    rf"|\b{_EARNS}\s+{_ABOUT}{MONEY}\s*{_PERIOD}"
    rf"|(?<!you )(?<!вы )(?:\blost|\bwe lose|\bloses|потерял\w*|теря\w+)\s+{_ABOUT}{MONEY}"
    rf"|(?:brought in|pulled in|raked in|grossed|netted|generated|заработал\w*|принесл[аио]?)\s+(?:нам\s+|us\s+)?"
    rf"{_ABOUT}{MONEY}"
)
# A share of sales pledged to a cause, a sale with discounts, an investment's yield, a published report.
_NOT_REVENUE = re.compile(
    r"donat\w*|charit\w*|foundation|\bfund\b|shelter|food bank|благотвор\w*|фонд\w*|приют\w*|пожертв\w*|перечисл\w*"
    r"|передад\w*|отдад\w*|отда[её]м|goes? to\b|go to\b|will go|пойд[уе]т|направ\w+ на|\boff\b|discount\w*|скидк\w*"
    r"|\bsale\b|распродаж\w*|промокод\w*|promo\s?code|cash\s?back|кэшб\w*|кешб\w*|хит\w* продаж|best-?sell\w*"
    r"|special offer|только сегодня|today only|\bup to \d|black friday|cyber monday|черн\w+ пятниц\w*|sitewide"
    r"|годовых|per annum|доходност\w*|annual report|годов\w+ отчет\w*"
    r"|press release|investors?\b|\bipo\b"
)
# Letting a hall to guests: the rent is a price, not the company's cost.
_LETTING = re.compile(
    r"сда[её]м|сда[её]тся|for rent|rent (?:our|the|a) (?:hall|space|room|venue)|аренд\w* (?:зала|пространства)|арендовать"
)
# A franchise offer publishes a cafe's revenue, investment and payback to sell the franchise.
_FRANCHISE = re.compile(
    r"окупаемост\w*|окупил\w*|payback|паушальн\w*|роялти|royalt\w*|become a franchisee|станьте (?:нашим )?(?:партнером|франчайзи)"
)

# Per-unit prices of raw goods: 380 р/кг, $3.10/lb, 6,8 $ за кг.
_PER_UNIT = (
    rf"{MONEY}\s?(?:/|per\s|a\s|за\s|в\s)?\s?(?:kg|кг|kilo\w*|килограмм\w*|lbs?|pound|фунт\w*|тонн\w*|tonnes?|tons?)\b"
)
_PURCHASE_CUE = (
    r"себес\b|supplier\w*|поставщик\w*|importer\w*|импортер\w*|закупа\w*|закупк\w*|charges? us|\bwe pay\b|\bwe're paying"
    r"|\bwe are paying|платим|берем|we buy|buying (?:it )?at|покупаем|cost price|себестоимост\w*|purchase price"
)
_PURCHASE = re.compile(
    rf"(?:{_PURCHASE_CUE})[^.!?\n;]{{0,60}}?(?:{_PER_UNIT})|(?:{_PER_UNIT})[^.!?\n;]{{0,60}}?(?:{_PURCHASE_CUE})"
    rf"|(?:закупочн\w*|себестоимост\w*|себес\b|cost price|purchase price|cost per (?:cup|drink|unit|portion|serving)"
    rf"|unit cost|charges? us){_GAP}{MONEY}"
    rf"|(?:supplier\w*|поставщик\w*|importer\w*|импортер\w*)[^.!?\n;]{{0,40}}?(?:price|цен\w*|raised|поднял\w*|подорож\w*)"
    rf"{_GAP}{FIGURE}"
)
# Commodity prices on the exchange are news, a direct-trade report is published on purpose, and a price rise announced
# to customers explains itself; a price we sell at (between the cue and the figure) is public.
_PUBLIC_PRICE = re.compile(
    r"exchange|futures|\bice\b|бирж\w*|фьючерс\w*|котировк\w*|fair ?trade|direct trade|transparen\w*"
    r"|above (?:the )?(?:market|c price|fair)|выше рыночн\w*|прозрачн\w*|raising (?:our |menu )?prices"
    r"|prices? (?:will )?(?:go up|rise)|цены (?:вырастут|поднимутся|повысятся|изменятся)|повышаем цены"
)
_SELLING = re.compile(r"\bsell\w*|\bsold\b|прода[её]м|продаж\w*|в магазине|on the site|на сайте")

# What something costs the company: any amount after "costs us" / «обошлась нам».
_COST = re.compile(
    r"(?:(?:cost|costs|costing) (?:us|the company)|set us back|обош[её]?л\w* нам|обойд\w+ нам|обход\w+ нам"
    r"|нам (?:обход|обош|обойд|стоил|стоит)\w*"
    r"|стоил\w* нам|стоит нам|стоят нам|(?:our|the) rent (?:is|was|went up to|of)|аренд\w* (?:нам )?обход\w*)"
    rf"{_GAP}{MONEY}"
    rf"|{PERCENT}\s+(?:of|от|наших)\s+(?:our\s+|all\s+)?(?:costs|expenses|spend(?:ing)?|opex|расход\w*|затрат\w*)"
)
# Spending, debts and budgets count when the amount is company-sized (not "we spent 500 ₽ on flowers").
_SPENT = re.compile(
    r"(?:(?<!you )(?<!вы )(?:we(?: have|'ve)? spent|we(?: have|'ve)? invested|we paid|мы потратили|потратили|мы вложили"
    r"|вложил\w*|инвестировали|мы заплатили|платим (?:за )?аренд\w*|we owe|мы должны|задолженност\w*"
    r"|(?:our|the|marketing|ad|ads|advertising|наш\w*|рекламн\w*|маркетингов\w*) budget|(?:наш\w*|рекламн\w*"
    r"|маркетингов\w*) бюджет\w*))"
    rf"{_GAP}{MONEY}"
    rf"|(?<!you )(?:\bwe pay|(?<!вы )платим)\b[^.!?\n;,]{{0,30}}?{MONEY}\s*{_PERIOD}"
    rf"|\brent\b[^.!?\n;,]{{0,30}}?{MONEY}\s*{_PER_MONTH}|аренд\w*[^.!?\n;,]{{0,30}}?{MONEY}\s*{_PER_MONTH}"
    rf"|{MONEY}\s+(?:spent|went|потрачен\w*|ушл\w+|ушел) (?:on|into|на)\b"
    rf"|(?:ушл[оиа]|ушел|потратили|спустили|слили)\s+{MONEY}\s+на\b"
    rf"|(?:на (?:рекламу|ремонт|маркетинг|блогеров|продвижение|зарплаты|аренду))\s+(?:[^\W\d_]+\s+){{0,3}}?"
    rf"(?:ушл\w+|ушел|потратили|спустили|слили)\s+{_ABOUT}{MONEY}"
    r"|(?:(?:our|наш\w*) (?:bank )?(?:loan|debt|кредит\w*|долг\w*)|(?:we took|we've taken|мы взяли|взяли) (?:out )?(?:a )?"
    rf"(?:loan|кредит\w*)){_GAP}{MONEY}"
    rf"|(?:raised|hiked|подня\w+|повысил\w*)\s+(?:the |our |нам )?(?:rent|аренд\w*)\s+(?:by |на )?{PERCENT}"
    rf"|(?:rent|аренд\w*)\s+(?:went up|rose|has gone up|выросл\w*|подорожал\w*)\s+(?:by |на )?{PERCENT}"
    # Without "us": a past cost ("the campaign cost 2M", «ремонт обошёлся в 3 млн»).
    rf"|(?<![\w])(?:cost|обош[её]?л\w*|обойд[её]т\w*)\s+(?:в\s+|about\s+|around\s+|almost\s+|около\s+|почти\s+)?{MONEY}"
)

_STAFF = (
    r"barista\w*|staff\b|employees?|workers?|roasters?|managers?|cooks?|couriers?|бариста|сотрудник\w*|персонал\w*"
    r"|работник\w*|ребят\w*|курьер\w*|повар\w*|обжарщик\w*|менеджер\w*|управляющ\w*|кассир\w*|\bceo\b|founders?"
    r"|directors?|директор\w*|основател\w*"
)
_SALARY = r"(?:salar\w*|wages?|зарплат\w*|з/п|\bзп\b|оклад\w*)"
# Staff bonuses, not the loyalty bonuses of customers: a bonus next to a word for staff.
_BONUS_WORD = r"(?:bonus\w*|бонус\w*|преми[йиюяе]\w*)"
_BONUS = rf"(?:{_BONUS_WORD}\s+(?:{_STAFF})|(?:{_STAFF})\s+{_BONUS_WORD})"
_PAY_CUT = (
    r"\bcut\w*|slash\w*|reduc\w*|lower\w*|freez\w*|frozen|delay\w*|урез\w*|сниж\w*|сократ\w*|сокращ\w*|заморо\w*"
    r"|задерж\w*|понизи\w*|понижа\w*"
)
_PAY = re.compile(
    rf"(?:\bwe pay|\bwe're paying|\bwe are paying|платим)\s+(?:our\s+|нашим\s+)?(?:{_STAFF}){_GAP}{FIGURE}"
    rf"|(?:{_STAFF})\s+(?:[^\W\d_]+\s+){{0,2}}?(?:earns?|makes?|gets?|takes? home|получают|получает|зарабатыва\w+)\s+"
    rf"(?:only\s+|just\s+|about\s+|a\s+|всего\s+|около\s+|по\s+)?{MONEY}"
    rf"|(?:{_SALARY}|{_BONUS})[^.!?\n;]{{0,45}}?(?:{_PAY_CUT}){_GAP}{FIGURE}"
    rf"|(?:{_PAY_CUT})[^.!?\n;]{{0,30}}?(?:{_SALARY}|{_BONUS}){_GAP}{FIGURE}"
)
# The whole payroll or bonus pool is internal whoever's it is.
_PAYROLL = re.compile(
    rf"(?:payroll|bonus pool|wage bill|фонд оплаты труда|\bфот\b|зарплатн\w* фонд\w*|премиальн\w* фонд\w*){_GAP}{MONEY}"
)
# Any pay amount, when the sentence says it is ours ("ЗП бариста у нас 40 тыс").
_PAY_OURS = re.compile(rf"{_SALARY}{_GAP}{MONEY}")
# "Our" pay, not the market's; an amount "from"/"up to" is what an employer offers in public.
_OURS = re.compile(r"\b(?:we|our|us)\b|(?<!\w)(?:мы|наш\w*|у нас|нам)(?!\w)")
_OFFERED = re.compile(r"(?:\bfrom|\bup to|\bat least|\bminimum|(?<!\w)от|(?<!\w)до|не менее|минимальн\w*)\s*$")
# A job ad names the pay it offers: that is public on purpose.
_JOB_AD = re.compile(
    r"hiring|vacanc\w*|вакан\w*|\bищем\b|\bapply\b|резюме|\bcv\b|career\w*|join (?:our|the) team|присоединя\w*"
    r"|отклик\w*|hr@|/jobs|собеседован\w*|we're looking for|we are looking for|come work|work with us|join us\b"
    r"|приходите (?:к нам )?работать|работа у нас"
)

_HEADCOUNT = re.compile(
    rf"(?:staff turnover|employee turnover|текучк\w*|текучест\w* (?:кадров|персонала)){_GAP}{PERCENT}"
    rf"|(?:head ?count|\bfte\b|численност\w* (?:персонала|сотрудников|штата)){_GAP}(?<!\w)\d+"
    r"|(?<!\w)штат\w*[^.!?\n;,]{0,20}?(?:(?<!\w)\d+\s+(?:человек|сотрудник\w*|бариста)|с\s\d+\s(?:до|на)\s\d+)"
    r"|(?:\bcut\w*|lay(?:ing)? off|laid off|let(?:ting)? go(?: of)?|\bfir(?:e|ing|ed)\b|dismiss\w*|сокра\w*|уволи\w*"
    r"|увольня\w*)\s+(?:~|about|around|almost|over|another|около|почти|еще\s+)?\s*"
    r"(?:(?<!\w)\d+|half|a third|a quarter|all|a dozen|половин\w*|треть|четверть|всех|двух|трех|пятерых|десят\w*)"
    rf"\s+(?:of\s+)?(?:our\s+|the\s+|наших\s+)?(?:{_STAFF}|people|jobs|positions|человек|ставок|ставки|рабочих мест)"
    r"|(?:\bcut\w*|reduc\w*|сокра\w*|урез\w*)\s+(?:the\s+|our\s+)?(?:staff|team|workforce|штат|персонал)\w*\s+"
    rf"(?:by\s+|на\s+)?(?:{PERCENT}|(?<!\w)\d+|half|a third|вдвое|половин\w*|треть)"
)
# The customer's side: "your markup", "you buy beans for …", «у вас наценка» — a complaint, not a leak.
_THEIRS = re.compile(
    r"\byour\s+(?:\w+\s+)?(?:margin|markup|mark-up|revenue|profit|sales|supplier|cost)"
    r"|ваш\w*\s+(?:\w+\s+)?(?:марж|наценк|выручк|прибыл|продаж|поставщик|себестоимост)"
    r"|у вас\s+(?:\w+\s+)?(?:марж|наценк|выручк|прибыл|себестоимост)|(?:марж|наценк)\w*\s+(?:у вас|ваш)"
)
# "You buy beans for $3/kg": the customer's guess, unless the sentence also speaks for the brand ("when you buy, we …").
_YOU_DO = re.compile(
    r"\byou(?:'re| are)?\s+(?:buy|pay|make|earn|get|paying|making|buying|charge)\b"
    r"|(?<!\w)вы\s+(?:\w+\s+)?(?:берете|покупаете|закупаете|платите|зарабатываете|накручиваете)"
)
# Event headcounts and staff discounts are not about the staff's numbers or pay.
_NOT_STAFF = re.compile(r"guests?\b|attendees|visitors|participants|гост\w*|участник\w*|посетител\w*")
_DISCOUNT = re.compile(r"(?<!laying )(?<!laid )(?<!lay )\boff\b|discount\w*|скидк\w*")

# A theft, shortfall or fine with its amount: the figure of an incident.
_SHORTFALL = re.compile(
    r"(?:недостач\w*|shortfall|write off|wrote off|written off|write-off|списал\w*|списани\w*|кража|краж[иу]|украл\w*"
    rf"|\bstole\b|\btheft\b|штраф\w*|\bfined\b|a fine of){_GAP}{MONEY}"
)

KINDS = {
    "margin": ("a margin or markup", "маржа или наценка"),
    "revenue": ("revenue or sales figures", "выручка или продажи"),
    "purchase_price": ("a purchase price or cost price", "закупочная цена или себестоимость"),
    "cost": ("what something cost the company", "затраты компании"),
    "pay": ("staff pay", "зарплаты сотрудников"),
    "headcount": ("headcount or layoffs", "численность штата или сокращения"),
    "shortfall": ("a theft, shortfall or fine", "недостача, кража или штраф"),
}
_REPORTED = {"pay_ours": "pay", "spent": "cost"}  # patterns with their own exclusions, reported as one kind
_PATTERNS = [("margin", _MARGIN), ("pay", _PAY), ("pay", _PAYROLL), ("pay_ours", _PAY_OURS), ("purchase_price", _PURCHASE),
             ("cost", _COST), ("spent", _SPENT), ("headcount", _HEADCOUNT), ("revenue", _REVENUE), ("shortfall", _SHORTFALL)]


@dataclass(frozen=True)
class Figure:
    """One internal figure found in a text: its kind and where it is."""

    kind: str
    start: int
    end: int
    raw: str


def _clause(folded: str, start: int, end: int) -> str:
    """The sentence around [start, end) (at most 200 characters either side): exclusions are judged there."""
    floor, ceiling = max(0, start - 200), min(len(folded), end + 200)
    left = max(folded.rfind(c, floor, start) for c in ".!?\n") + 1
    left = max(left, floor)
    ends = [i for i in (folded.find(c, end, ceiling) for c in "!?\n") if i >= 0]
    dot = re.search(r"\.(?!\d)", folded[end:ceiling])
    if dot:
        ends.append(end + dot.start())
    return folded[left : min(ends) if ends else ceiling]


def _kept(kind: str, m: re.Match[str], folded: str) -> bool:
    """Whether a match (on the marked text) is an internal figure once its sentence is read: its kind's exclusions."""
    clause, fragment = _clause(folded, m.start(), m.end()), folded[m.start() : m.end()]
    # "0% markup", "a budget of 0 rubles": a promise to customers, not a figure.
    if _THEIRS.search(clause) or set(re.findall(r"\d", fragment)) == {"0"}:
        return False
    if _YOU_DO.search(clause) and not _OURS.search(clause):
        return False
    if kind in ("pay", "pay_ours", "headcount") and _NOT_STAFF.search(clause):
        return False
    if kind in ("pay", "pay_ours") and _DISCOUNT.search(clause):
        return False
    if kind == "margin":
        before = folded[max(0, m.start() - 8) : m.start()]
        return not (_NO_MARGIN.search(before) or _GUESS.search(clause) or _MARKET.search(clause))
    if kind == "shortfall":
        return is_big(fragment) and not _MARKET.search(clause)
    if kind == "revenue":
        return is_big(fragment) and not (_NOT_REVENUE.search(clause) or _MARKET.search(clause) or _FRANCHISE.search(clause))
    if kind == "cost":
        return not _FRANCHISE.search(clause)
    if kind == "spent":
        return is_big(fragment) and not (_FRANCHISE.search(clause) or _LETTING.search(clause) or _PUBLIC_PRICE.search(clause))
    if kind == "purchase_price":
        return not _SELLING.search(fragment) and not _PUBLIC_PRICE.search(clause)
    if kind == "pay_ours":
        amount = m.start() + m[0].find("\x01")
        return bool(_OURS.search(clause)) and not _OFFERED.search(folded[max(0, amount - 12) : amount])
    return True


# Literal stems of every pattern's business word: a fast scan that most texts fail.
_HINT = re.compile(
    "margin|mark|марж|наценк|рентаб|revenue|turnover|profit|income|ebitda|loss|sales|gmv|average|avg|aov|footfall"
    "|выручк|оборот|прибыл|убыт|продаж|доход|чек|посещаем|pull|bring|earn|make|does|did|generat|gross|nets|turn|принос"
    "|зарабат|дела|net|lost|lose|потер|теря|supplier|поставщик|import|закуп|charge|pay|плат|берем|buy|покупа|cost|себес"
    "|purchase|unit|обош|обойд|обход|стоил|стоит|стоят|set us|rent|аренд|spent|invest|потрат|влож|инвест|заплат|owe"
    "|должны|задолж|budget|бюджет|salar|wage|зарплат|з/п|зп|оклад|bonus|бонус|преми|get|получ|take|head|fte|численн|штат"
    "|cut|lay|laid|let|fir|dismiss|сокра|увол|reduc|урез|текуч|clear|expens|spend|opex|расход|затрат|кажд|минус|brought|raked"
    "|payroll|фонд|\\bфот|write|wrote|written|списа|loan|debt|кредит|долг|ушл|ушел|спустили|слили|raised|hiked|подня"
    "|повыс|недостач|shortfall|краж|украл|stole|theft|штраф|fine"
)


def find_figures(text: str, folded: str) -> list[Figure]:
    """Every internal business figure in text (folded is fold(text)), the first kind kept where two overlap."""
    if not any(c.isdigit() for c in folded) or not _HINT.search(folded) or _JOB_AD.search(folded):
        return []
    found: list[Figure] = []
    marked = mark_amounts(folded)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(marked):
            start, end = m.span()
            if not any(f.start < end and start < f.end for f in found) and _kept(kind, m, folded):
                found.append(Figure(_REPORTED.get(kind, kind), start, end, text[start:end].strip()))
    return sorted(found, key=lambda f: f.start)
