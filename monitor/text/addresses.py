"""Home addresses in a post: Russian street addresses with a flat, UK and US street addresses with a postcode or ZIP.

A shop's or a venue's address is public; a person's is not. So an address counts only when it reads as a home:
a Russian one names a flat («ул. Ленина, д. 5, кв. 12», «Тверская 7-15» beside «живёт», «курьер», «адрес»…),
an English one has a house number, a street and a postcode or ZIP and is about someone (a name before it, "lives",
"deliver to", a flat or apartment) — and never one the brand calls its own ("our new cafe", «наш офис»).

usaddress (a CRF address parser) was tried for the US ones and left out: on whole posts `tag()` raised
RepeatedLabelError for 3 of 5 addresses inside a sentence and labelled 5 of 10 non-addresses ("Join us at 7 pm on
Main Street", "We roasted 12 400 kg of coffee") "Street Address"; only its token labels with a strict set
(number, street, state, ZIP) were precise, and then the state and ZIP anchor below does all the work.
natasha's AddrExtractor (Russian) finds street, house and flat parts but not «Тверская 7-15», and costs 10–100 ms
a text with a 50 MB install (see oversharing.py for why it is not a dependency).
"""

from __future__ import annotations

import re

# Russian: street type, street name (1–3 words), house (д. 5, 5а, 5/2, корп. 1, стр. 3), flat (кв. 12).
_RU_TYPE = (
    r"(?:ул\.?|улиц[аеыу]|пр-т|пр-кт|просп\.?|проспект\w*|пер\.?|переул\w+|б-р|бул\.?|бульвар\w*|ш\.|шоссе|наб\.?"
    r"|набережн\w+|пл\.?|площад[ьи]|проезд\w*|пр-д|мкр\.?|микрорайон\w*|тупик\w*|аллея|аллее|линия|линии)(?![а-я])"
)
_RU_NAME = r"(?:\d{1,2}(?:-?(?:я|й|го|ой))?\s+)?[^\W\d_][\w.-]*(?:\s+[^\W\d_][\w-]*){0,2}"
_RU_HOUSE = (
    r"(?:(?:д\.|дом)\s*)?\d{1,4}\s?[а-я]?(?:/\d{1,3})?(?:\s*,?\s*(?:к\.|корп\.?|корпус|стр\.?|строение)\s*\d{1,3})?"
)
# Not «120 кв. м» (square metres) nor «во 2 кв. 2026 г.» (a quarter). An intercom number («домофон 47») is a flat's too.
_RU_FLAT = r"(?:кв\.|кв(?=\s*\d)|квартира|кв-ра|домофон)\s*\d{1,4}(?!\d)(?!\s*(?:м\b|м²|метр|г\.|год))"
_RU_STREET_FIRST = re.compile(rf"(?<![\w-]){_RU_TYPE}\s*{_RU_NAME}\s*,?\s*{_RU_HOUSE}\s*,?\s*{_RU_FLAT}")
_RU_NAME_FIRST = re.compile(rf"(?<![\w-]){_RU_NAME}\s+{_RU_TYPE}\s*,?\s*{_RU_HOUSE}\s*,?\s*{_RU_FLAT}")
_RU_HOUSE_FLAT = re.compile(rf"(?<![\w-])(?:д\.|дом)\s*\d{{1,4}}\s?[а-я]?(?:/\d{{1,3}})?\s*,?\s*{_RU_FLAT}")
# «на Садовой, 5, кв. 17»: a capitalised street name without its type, a house and a flat (matched on the text as written).
_RU_BARE_NAME = re.compile(rf"(?<![\w-])[А-ЯЁ][а-яё-]+,?\s+\d{{1,4}}\s?[а-я]?(?:/\d{{1,3}})?\s*,\s*{_RU_FLAT}")
# «Тверская 7-15», «на Ленина 5-12»: a capitalised street name, house-flat. Only beside a cue that it is someone's.
_RU_SHORT_TYPE = r"(?:ул\.|улица|пр-т|просп\.|проспект|пер\.|переулок|б-р|бульвар|наб\.|набережная|ш\.|шоссе)"
_RU_DASHED = re.compile(
    rf"(?<![\w-])(?:{_RU_SHORT_TYPE}\s*)?([А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?)(?:\s+{_RU_SHORT_TYPE})?,?\s+(\d{{1,3}}[а-я]?)-(\d{{1,4}})"
    r"(?![\d%-]|[.,:]\d)(?!\s*(?:₽|руб|р\.|%|час|мин|лет|года?|шт|кг|г\b|мл|л\b|см|м\b|января|февраля|марта|апреля|мая"
    r"|июня|июля|августа|сентября|октября|ноября|декабря))"
)
_RU_CUE = re.compile(
    r"живет|живут|живу\b|проживает|прописан|прописк|зарегистрирован|адрес|домой|доставк|доставим|доставили|курьер|привез"
    r"|отвез|отправ|забер|заберите|по адресу|квартир|у него|у нее|его дом|ее дом"
)
# A Russian address in Latin letters with its flat: "ul. Pushkina 10-34", "pr-t Mira 5, kv. 12".
_RU_LATIN = re.compile(
    r"(?<![\w-])(?:ul\.|ulitsa|ulica|pr-t|prosp\.|prospekt|per\.|pereulok|bul\.|bulvar|sh\.|shosse|nab\.)\s*"
    r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,?\s+(?:d\.\s*)?\d{1,4}[a-z]?(?:/\d{1,3})?(?:-|,?\s*(?:kv\.?|apt\.?|flat)\s*)\d{1,4}(?![\d%])"
)
_MONTHS_RU = re.compile(r"^(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)")
# The brand's own places: their addresses are public.
_BUSINESS = re.compile(
    r"\b(?:we're|we are|we've|we moved|visit|find us|come to|join us|cafe|café|coffee shop|coffee house|shop|store|office"
    r"|branch|roastery|bakery|restaurant|venue|event|pop-up|popup|opening|opens|opened|located|hq|headquarters|warehouse"
    r"|market|festival|studio|showroom|gallery|hall|pick-?up point|workshop|meetup|lecture)\b"
    r"|наш\w* (?:нов\w+ )?(?:адрес|кофейн|магазин|офис|филиал|точк|студи|салон|пекарн|ресторан|склад|шоурум|обжарочн)"
    r"|мы переехали|мы открыл|кофейн\w*|магазин\w*|офис\w*|филиал\w*|ресторан\w*|пекарн\w*|обжарочн\w*|шоурум\w*"
    r"|пункт\w* выдачи|пвз|склад\w*|студи\w+|салон\w*|открыл\w*|открыти\w*|откроется|ждем вас|ждём вас|приходите"
    r"|мероприяти\w*|лекци\w*|мастер-класс\w*|встреч\w*|коворкинг\w*"
)

# English: number, street (1–3 words), type, optional unit, then a UK postcode or a US city, state and ZIP.
_EN_TYPE = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Av|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Ter"
    r"|Way|Close|Crescent|Cres|Gardens|Gdns|Grove|Hill|Mews|Row|Walk|Parade|Highway|Hwy|Parkway|Pkwy|Circle|Cir"
    r"|Trail|Trl|Loop|Alley|Plaza|Green|Rise|View|Vale|Park)\.?"
)
_EN_STREET = (
    rf"(?<![\w-])(?P<number>\d{{1,5}}[A-Za-z]?)\s+(?:(?:N|S|E|W|NE|NW|SE|SW)\.?\s+)?"
    rf"(?:[A-Z0-9][\w'’-]*\s+){{0,2}}[A-Z0-9][\w'’-]*\s+{_EN_TYPE}(?![\w-])"
    rf"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    rf"(?P<unit>\s*,?\s*(?:Apt|Apartment|Flat|Unit|Suite|Ste|#)\.?\s*#?\s*\w{{1,5}})?"
)
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})"
_US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR "
    "PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
).split()
_EN_PLACE = r"(?:\s*,?\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}){0,2}"
_UK_ADDRESS = re.compile(rf"{_EN_STREET}{_EN_PLACE}\s*,?\s*(?P<code>{_UK_POSTCODE})(?![\w-])")
_US_ADDRESS = re.compile(
    rf"{_EN_STREET}{_EN_PLACE}\s*,?\s*(?P<state>{'|'.join(_US_STATES)})\s*,?\s*(?P<code>\d{{5}}(?:-\d{{4}})?)(?![\w-])"
)
# Cheap tests run first: no address without one of these.
_CODE_HINT = re.compile(rf"\d[A-Z]{{2}}(?![\w-])|\b(?:{'|'.join(_US_STATES)})\s*,?\s*\d{{5}}")
_UK_FLAT_FIRST = re.compile(r"(?<![\w-])(?:Flat|Apartment|Apt|Unit)\.?\s*\d{1,4}[A-Za-z]?\s*,\s*$")
_EN_CUE = re.compile(
    r"\b(?:lives?|living|flat|apartment|his|her|their|address(?:es)?|deliver\w*|ship\w*|send|sent|sending"
    r"|mail\w*|post(?:ed)? to|drop\w*|courier|driver|winner|customer|guest|client|neighbou?r|mr|mrs|ms|miss|dr)\b"
    r"|'s (?:place|home|house|flat)"
)
# A flat, then its street and house: «Павлу из кв. 22 на Садовой 4», "Alexey from apt 14 on Lesnaya 9", "Flat 3, 12 Baker Street".
_RU_FLAT_FIRST = re.compile(
    r"(?<![\w-])(?:кв\.|квартир[аыеу])\s*\d{1,4}\s*(?:,\s*|\s+(?:на|по)\s+)(?:(?:ул\.|улиц[аеы])\s*)?[А-ЯЁ][а-яё-]+"
    r"(?:\s+(?:ул\.|улиц[аеы]))?,?\s+(?:д\.\s*|дом\s*)?\d{1,4}[а-я]?(?![\w%-])"
)
_EN_FLAT_FIRST = re.compile(
    rf"(?<![\w-])(?i:apt|apartment|flat)\.?\s*#?\d{{1,4}}[A-Za-z]?\s*(?:,\s*|\s+(?:on|at|in)\s+)"
    rf"(?:\d{{1,5}}[A-Za-z]?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}(?:\s+{_EN_TYPE})?"
    rf"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}(?:\s+{_EN_TYPE})?\s*,?\s+\d{{1,5}}[A-Za-z]?)(?![\w%-])"
)
# A street address with a flat, no postcode: "12 Baker Street, Apt 3" (a suite or a unit is a business's).
_EN_WITH_UNIT = re.compile(_EN_STREET)
_OFFICE_UNIT = re.compile(r"suite|ste\b|unit|#", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:^|[\s(])[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+)+\s*[,(:]?\s*(?:at\s+|lives at\s+)?$")


_STOP = re.compile(r"[!?\n]|(?:(?<=[^\W\d_]{4})|(?<=\d))\.(?:\s|$)")  # not the period of "ул." or "St."


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), at most 160 characters before it."""
    left = max(0, start - 160)
    stops = [m.end() for m in _STOP.finditer(text, left, start)]
    after = _STOP.search(text, end)
    return (stops[-1] if stops else left), (after.start() if after else len(text))


def find_home_addresses(text: str, folded: str) -> list[tuple[int, int]]:
    """[start, end) of every home address in text; folded is fold(text) (same length)."""
    found: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        if not any(s < end and start < e for s, e in found):
            found.append((start, end))

    def brand_place(start: int, end: int) -> bool:
        begin, finish = _sentence(text, start, end)
        return bool(_BUSINESS.search(folded[begin:start]) or _BUSINESS.search(folded[end:finish]))

    flats = "кв" in folded or "домофон" in folded
    for pattern in (_RU_NAME_FIRST, _RU_STREET_FIRST, _RU_HOUSE_FLAT) if flats else ():
        for m in pattern.finditer(folded):
            if not brand_place(m.start(), m.end()):
                add(m.start(), m.end())
    for m in _RU_BARE_NAME.finditer(text) if flats else ():
        if not _MONTHS_RU.match(folded[m.start() : m.end()]) and not brand_place(m.start(), m.end()):
            add(m.start(), m.end())
    for m in _RU_DASHED.finditer(text):
        if _MONTHS_RU.match(folded[m.start(1) : m.end(1)]):
            continue
        begin, finish = _sentence(text, m.start(), m.end())
        if _RU_CUE.search(folded[begin:finish]) and not brand_place(m.start(), m.end()):
            add(m.start(), m.end())
    codes = _CODE_HINT.search(text)
    for pattern in (_UK_ADDRESS, _US_ADDRESS) if codes else ():
        for m in pattern.finditer(text):
            start = m.start()
            flat = _UK_FLAT_FIRST.search(text[max(0, start - 20) : start])
            if flat:
                start = max(0, start - 20) + flat.start()
            begin, finish = _sentence(text, start, m.end())
            before = text[max(begin, start - 60) : start]
            personal = bool(m.group("unit") or flat or _EN_CUE.search(folded[begin:start]) or _NAME_BEFORE.search(before))
            if personal and not brand_place(start, m.end()):
                add(start, m.end())
    # Without a postcode: in Latin letters, or with a flat (after the full addresses above, so they keep their length).
    for pattern in (_RU_LATIN, _RU_FLAT_FIRST, _EN_FLAT_FIRST):
        for m in pattern.finditer(text):
            if not brand_place(m.start(), m.end()):
                add(m.start(), m.end())
    for m in _EN_WITH_UNIT.finditer(text):
        if m.group("unit") and not _OFFICE_UNIT.search(m.group("unit")) and not brand_place(m.start(), m.end()):
            add(m.start(), m.end())
    return sorted(found)
