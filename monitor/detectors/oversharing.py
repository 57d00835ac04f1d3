"""Mistake 6, oversharing: personal data, credentials and internal documents in public posts.

Russian names and addresses by natasha/slovnet were evaluated and are not a dependency. natasha 1.6.0 pins
pymorphy2 0.9.1, which calls inspect.getargspec (removed in Python 3.11). In a throwaway venv on Python 3.11.7
natasha installs, imports and runs (Segmenter, NewsNERTagger, MorphVocab.parse, AddrExtractor, lemmatize): the
removed function is only reached through repr() of pymorphy2's parses and units, which raises AttributeError,
so it works by luck of the call path and breaks on any debug print. It is also ~55 MB (numpy, the
pymorphy2 dictionaries, navec embeddings), 10–100 ms a text, and its AddrExtractor misses «Тверская 7-15».
The patterns below (monitor/text/addresses.py) cover the street-house-flat shapes instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import phonenumbers
from stdnum.ru import inn as ru_inn

from monitor.detectors import TextHit, text_rule
from monitor.settings import OversharingRules, RulesSettings
from monitor.text.addresses import find_home_addresses
from monitor.text.folding import fold
from monitor.text.internal import KINDS as INTERNAL_KINDS
from monitor.text.internal import find_internal
from monitor.text.secrets import KINDS as SECRET_KINDS
from monitor.text.secrets import Secret, find_secrets

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# "ivan [at] gmail [dot] com", «ivan собака mail.ru»: addresses written to dodge scrapers are still addresses.
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])([\w.+-]+)\s*(?:[\[({]\s*(?:at|собака)\s*[\])}]|\sсобака\s|\s@\s)\s*([\w-]+)"
    r"\s*(?:\.|[\[({]\s*(?:dot|точка)\s*[\])}]|\sточка\s)\s*([^\W\d_]{2,})(?![\w-])",
    re.IGNORECASE,
)
_CARD = re.compile(r"(?<![\d.,])(?:\d[ -]?){12,18}\d(?![\d.,]\d)")
# Sixteen digits in fours right after the word "card" are a card number whatever their checksum: a mistyped or
# invented one is still read as a customer's card.
_CARD_GROUPED = re.compile(r"^[2-6]\d{3}([ -]?)\d{4}\1\d{4}\1\d{4}$")
_CARD_CUE = re.compile(r"(?:\bcard|карт[аеуыо]\w*|\bvisa|mastercard|\bмир\b)\W+(?:[^\W\d]+\W+){0,4}$")
_SNILS = [
    re.compile(r"(?<![\d-])(\d{3}[- ]\d{3}[- ]\d{3}[- ]\d{2})(?![\d-])"),
    re.compile(r"снилс\D{0,20}?(?<!\d)(\d{11})(?!\d)"),
]
# Series (4 digits, often split 2+2) and number (6 digits) right after the word: «паспорт 4510 123456»,
# «серия 4510 номер 654321», "passport 45 06 123456". Between them only a space, "№", «номер», "no." or a comma.
_PASSPORT = re.compile(
    r"(?:паспорт\w*|серия|серии|passport)\D{0,20}?(?<!\d)"
    r"(\d{2}\s?\d{2}\s*(?:,|№|#|номер|number|no\.?)?\s*(?<!\d)\d{6})(?!\d)"
)
# A foreign passport: 9 digits («загранпаспорт 75 1234567», "passport no. 533401372") or a letter and 8 digits.
_PASSPORT_FOREIGN = re.compile(
    r"(?:загранпаспорт\w*|заграничн\w+ паспорт\w*|passport)\s*(?:number|no\.?|№|#|номер)?\s*(?:is\s+)?[:#№-]?\s*"
    r"(?<![\w])(\d{2}\s?\d{7}|[a-z]\d{8})(?![\w])"
)
# US Social Security numbers: the exact 3-2-4 shape, or 9 digits after "SSN" / "social security".
_SSN_SHAPE = re.compile(r"(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])")
_SSN_CUE = re.compile(
    r"(?:\bssn|social security(?:\s+(?:number|no\.?|#))?|soc\.?\s?sec\.?)(?:\s*(?:is|was|:|#|-|—|–))*\s*"
    r"(?<!\d)(\d{3})[\s-]?(\d{2})[\s-]?(\d{4})(?!\d)"
)
# UK National Insurance numbers: two letters (not D F I Q U V; O not second; not BG GB KN NK NT TN ZZ), six digits, A–D.
_NINO = re.compile(
    r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])(?![A-Za-z0-9])"
)
_NINO_CUE = re.compile(r"national insurance|\bni\s?(?:number|no\.?)|\bnino\b")
_NINO_BAD = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_INN = re.compile(r"(?<![\d-])\d{12}(?![\d-])")
# A number right after "order", "#", "tracking" or a company requisite (ИНН, ОГРН) is a reference,
# whatever it parses as: «ИНН 7707083893» is also a valid Kazakh phone number.
_REFERENCE = re.compile(
    r"(?:#|№|\b(?:order|заказ\w*|tracking|трек\w*|ref|id|артикул\w*|ticket|тикет\w*|накладн\w*|отправлени\w*|sku|model|модел\w*"
    r"|batch|lot|партия|партии|лот|invoice|счет\w*"
    r"|инн|inn|огрн\w*|кпп|бик|окпо|р/с|к/с))\s*[:#№-]?\s*$"
)
_HOTLINE_TYPES = {
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.SHARED_COST,
    phonenumbers.PhoneNumberType.UAN,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
}
_INN_WORD = re.compile(r"\b(?:инн|inn)\b")
# Russian ad marking («Реклама. ИП …, ИНН …, erid: …») must show the advertiser's INN by law.
_AD_MARKING = re.compile(r"\berid\b")

KINDS = {
    "card": ("a bank card number", "номер банковской карты", "critical", 4),
    "passport": ("passport details", "паспортные данные", "critical", 2),
    "snils": ("a SNILS number", "СНИЛС", "critical", 2),
    "inn": ("a personal INN", "ИНН физического лица", "critical", 2),
    "ssn": ("a US Social Security number", "номер социального страхования США (SSN)", "critical", 2),
    "nino": ("a UK National Insurance number", "номер National Insurance (Великобритания)", "critical", 0),
    "address": ("a home address", "домашний адрес", "critical", 0),
    "birthdate": ("a date of birth", "дата рождения", "warning", 0),
    "phone": ("a phone number", "номер телефона", "warning", 2),
    "email": ("an e-mail address", "адрес электронной почты", "warning", 0),
}
# Kinds masked word by word: every word holding a digit (a house, a flat, a postcode, a date) and month names.
_WORDWISE = {"address", "birthdate", "nino"}
_MONTH_WORD = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр"
    r"|ноябр|декабр)", re.IGNORECASE
)


@dataclass(frozen=True)
class Personal:
    """One piece of personal data found in a text: its kind, where it is, and the text itself."""

    kind: str
    start: int
    end: int
    raw: str
    address: str = ""  # e-mails only: the address, however it was spelled out

    def masked(self) -> str:
        """The fragment with all but its last few digits (or an e-mail's local part) hidden."""
        if self.kind == "email":
            local, _, domain = self.address.partition("@")
            return f"{local[:1]}•••@{domain}"
        if self.kind in _WORDWISE:
            return re.sub(
                r"[^\W_]+",
                lambda m: "•" * len(m[0]) if any(c.isdigit() for c in m[0]) or _MONTH_WORD.match(m[0]) else m[0],
                self.raw,
            )
        keep = KINDS[self.kind][3]
        total = sum(c.isdigit() for c in self.raw)
        seen, out = 0, []
        for char in self.raw:
            if char.isdigit():
                seen += 1
                char = char if seen > total - keep else "•"
            out.append(char)
        return "".join(out)


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum every payment card number carries."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def is_card_number(number: str) -> bool:
    """13–19 digits from a card network (2–6 first: Mir, Visa, Mastercard, Amex, UnionPay…) passing Luhn."""
    digits = _digits(number)
    # 13 digits in one run is an EAN-13 barcode (46… in Russia), not one of the rare 13-digit Visa cards.
    if len(digits) == 13 and number.isdigit():
        return False
    return 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn_valid(digits)


def _named_card(number: str, before: str) -> bool:
    """Sixteen digits in fours after "card" or «карта» (not a placeholder of zeros or one digit)."""
    digits = _digits(number)
    return bool(_CARD_GROUPED.match(number) and _CARD_CUE.search(before)) and digits.count("0") < 8 and len(set(digits)) > 2


def snils_valid(digits: str) -> bool:
    """The Pension Fund's published SNILS checksum (weights 9..1, modulo 101, 100 counts as 00)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    body, check = digits[:9], int(digits[9:])
    if int(body) <= 1001998:  # the checksum only applies above 001-001-998
        return True
    total = sum(int(d) * w for d, w in zip(body, range(9, 0, -1))) % 101
    return (0 if total == 100 else total) == check


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@dataclass(frozen=True)
class Allowed:
    """The brand's own public contacts, normalised: phones in E.164, e-mails lower-case, digits."""

    phones: frozenset[str]
    emails: frozenset[str]
    domains: frozenset[str]
    numbers: frozenset[str]


def allowed_contacts(settings: OversharingRules) -> Allowed:
    """Normalise the allow list; "@brand.example" allows every address of that domain."""
    phones, emails, domains, numbers = set(), set(), set(), set()
    for entry in (e.strip() for e in settings.allow):
        if "@" in entry:
            target = domains if entry.startswith("@") else emails
            target.add(entry.lstrip("@").lower())
            continue
        numbers.add(_digits(entry))
        for region in settings.phone_regions:
            try:
                phones.add(phonenumbers.format_number(phonenumbers.parse(entry, region), phonenumbers.PhoneNumberFormat.E164))
            except phonenumbers.NumberParseException:
                continue
    return Allowed(frozenset(phones), frozenset(emails), frozenset(domains), frozenset(numbers))


# Role mailboxes: at a domain the brand's allow list names (by an address or "@domain"), they are the brand's own.
ROLE_MAILBOXES = frozenset(
    "info press hr support hello contact contacts pr media office sales team jobs careers career help care feedback "
    "marketing partners partner noreply no-reply welcome orders order shop store booking reservations events".split()
)
# Documentation placeholders: RFC 2606 domains and the usual "test.com"; reserved test TLDs.
_EXAMPLE_DOMAINS = frozenset(
    "example.com example.org example.net example.edu example.ru test.com test.ru test.org test.net domain.com "
    "domain.ru yourdomain.com yoursite.com yourcompany.com company.com".split()
)
_EXAMPLE_TLDS = (".test", ".invalid", ".localhost")
_EXAMPLE_LOCALS = frozenset(
    "name yourname your.name your_name you user username email youremail your.email your_email example test "
    "ivanov.ivan имя".split()
)


def _brand_or_example(address: str, allowed: Allowed) -> bool:
    """The brand's own address (listed, at an allowed domain, a role mailbox at an allowed address's domain) or a placeholder."""
    local, _, domain = address.rpartition("@")
    if address in allowed.emails or _within(domain, allowed.domains):
        return True
    if local in ROLE_MAILBOXES and _within(domain, allowed.domains | {e.rpartition("@")[2] for e in allowed.emails}):
        return True
    return _within(domain, _EXAMPLE_DOMAINS) or domain.endswith(_EXAMPLE_TLDS) or local in _EXAMPLE_LOCALS


# Words of a shared work account's name: "smm.northwind@gmail.com", "admin@brand.example" (not "ivan.petrov@gmail.com").
_TEAM_WORDS = ROLE_MAILBOXES | frozenset("smm admin administrator manager owner promo ads ad reklama account accounts".split())


def _team_account(address: str) -> bool:
    """An e-mail login of the brand's team (a role word in its name), not a person's (ivan.petrov@brand.example)."""
    return any(word in _TEAM_WORDS for word in re.split(r"[._+\d-]+", address.rpartition("@")[0]))


def _within(domain: str, domains: frozenset[str] | set[str]) -> bool:
    """The domain or one of its subdomains (press.brand.example is within brand.example)."""
    return any(domain == d or domain.endswith("." + d) for d in domains)


# A shop's phone given with its opening hours is its public contact («Кофейня на Арбате: +7 495 …, с 8 до 22»).
_HOURS = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2}\b|\b(?:с|from)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:до|to|till|until|[-–—])\s*\d{1,2}\b"
    r"|\b(?:open(?:ing)? hours|opening times|open daily|open \d|daily|24/7|mon(?:day)?\s*[-–—]|weekdays|часы работы|режим работы"
    r"|работаем|ежедневно|круглосуточно|без выходных|пн\s*[-–—]|будни)"
)
_SHOP = re.compile(
    r"\b(?:shop|store|cafe|café|coffee house|branch|office|bakery|restaurant|bar|roastery|reception|front desk|boutique"
    r"|showroom|pick-?up point|kiosk)\b|кофейн|магазин|филиал|офис|точк[аеи]|ресторан|пекарн|салон|ресепшн|шоурум"
    r"|пункт\w* выдачи|пвз|\bбар\b|обжарочн|кафе|киоск"
)
_PERSONAL_PHONE = re.compile(
    r"\b(?:he|she|his|her|him|courier|driver|mobile|cell|personal|private|manager)\b|курьер|водител|мобильн|личн\w+"
    r"|\bего\b|\bее\b|\bеё\b|\bон\b|\bона\b|менеджер|директор"
)


# What stands between an e-mail used as a login and its password: "a@b.example / pass", "a@b.example, пароль: pass".
_LOGIN_TO_PASSWORD = re.compile(r"\s*(?:[/|:]|[,;]?\s*(?:password|passwd|pwd|pw|pass|пароль)\s*[:=—–-]?)\s*", re.IGNORECASE)
# "+7 900 000-00-00", "555-0000": a form's sample number, no one's phone.
_SAMPLE_PHONE = re.compile(r"(\d)\1{6}$")


def _shop_phone(folded: str, start: int, end: int) -> bool:
    """The phone sits in a sentence about a shop with its opening hours, and about no person."""
    left = max(0, start - 100)
    stops = [m.end() for m in re.finditer(r"[!?\n]|(?<=[^\W\d_]{3})\.\s", folded[left:start])]
    begin = left + stops[-1] if stops else left
    after = re.search(r"[!?\n]|(?<=[^\W\d_]{3})\.\s", folded[end : end + 100])
    sentence = folded[begin : end + (after.start() if after else min(100, len(folded) - end))]
    return bool(_HOURS.search(sentence) and _SHOP.search(sentence) and not _PERSONAL_PHONE.search(sentence))


# Dates of birth: a full date (day, month, year) right after a birth cue, or before «г.р.».
_MONTHS = {
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)},
    **{m: i for i, m in enumerate("янв фев мар апр мая июн июл авг сен окт ноя дек".split(), start=1)},
    "май": 5,
}
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"|(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
)
_DATE = (
    r"(?P<d1>\d{1,2})[./-](?P<m1>\d{1,2})[./-](?P<y1>\d{4})(?![\d./-])"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})(?![\d-])"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th|-?го)?\s+(?:of\s+)?(?P<m3>{_MONTH})\s*,?\s*(?P<y3>\d{{4}})(?!\d)"
    rf"|(?P<m4>{_MONTH})\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y4>\d{{4}})(?!\d)"
)
_BIRTH_CUE = (
    r"(?:date of birth|birth\s?date|\bdob\b|d\.o\.b\.?|\bborn(?:\s+on)?|birthday(?:\s+is)?|дата рождения|даты рождения"
    r"|д\.\s?р\.|\bд/р|родил(?:ся|ась|ись)|рожден\w*|(?:день|дн[её]м|дня)\s+рождения)"
)
# Up to two words between the cue and the date: «дата рождения победителя: 15 апреля 1988».
_DOB = re.compile(
    rf"{_BIRTH_CUE}(?:\s+[^\W\d_]+){{0,2}}?[^\w]{{0,8}}(?:(?:is|was|on|в)\s+)?[^\w]{{0,3}}(?:(?<!\w)(?:{_DATE}))"
)
_DOB_AFTER = re.compile(rf"(?<![\d.])(?:{_DATE})\s*(?:г\.?\s?р\.?|года рождения|year of birth)")
# A birthday greeting and the date on file a sentence on: "Your birthday drink is waiting — we have you down as
# 12.04.1991", «С днём рождения! У нас в системе 03.07.1995». Only years a customer is born in, not this year's party.
_DOB_NEAR = re.compile(rf"{_BIRTH_CUE}[^\n]{{0,80}}?(?<![\d.])(?:{_DATE})")
_LATEST_BIRTH_YEAR = 2012
_PARTY = re.compile(r"part(?:y|ies)|celebrat|event|вечеринк|праздн|отмеча|мероприяти|\bbook|брон")
# The brand's own birthdays: a cafe, a company, a project "was born" too.
_NOT_A_PERSON = re.compile(
    r"\b(?:cafe|café|coffee shop|shop|store|brand|company|business|roastery|bakery|restaurant|branch|project|app|website"
    r"|blog|channel|community|club)\b|кофейн|магазин|компани|бренд|проект|обжарочн|пекарн|ресторан|филиал"
    r"|сайт|блог|канал|клуб|сообществ|заведени"
)


def _date_of(m: re.Match[str]) -> date | None:
    """The date a _DATE match spells, if it is one."""
    for n in "1234":
        year = m.group(f"y{n}")
        if year is None:
            continue
        day, month = m.group(f"d{n}"), m.group(f"m{n}")
        month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower()[:3], 0)
        try:
            return date(int(year), month_number, int(day))
        except ValueError:
            return None
    return None


def _birthdates(folded: str) -> list[tuple[int, int]]:
    """[start, end) of every date of birth: a real past date after a birth cue, not a cafe's birthday."""
    spans = []
    for pattern in (_DOB, _DOB_AFTER, _DOB_NEAR):
        for m in pattern.finditer(folded):
            born = _date_of(m)
            # Whose birthday: the words around the cue (a date a sentence on has other words after it: "show the app").
            around = folded[max(0, m.start() - 50) : (m.start() + 40 if pattern is _DOB_NEAR else m.end() + 30)]
            # No clock here (same text, same finding): a year past 1900 and before 2100, not the forms' 01.01.1900.
            if born is None or not 1900 < born.year < 2100 or _NOT_A_PERSON.search(around):
                continue
            if born.year > _LATEST_BIRTH_YEAR and (pattern is _DOB_NEAR or _PARTY.search(folded, m.start(), m.end() + 40)):
                continue  # a birthday party's date, not a birth
            n = next(n for n in "1234" if m.group(f"y{n}") is not None)
            spans.append((min(m.start(f"{k}{n}") for k in "dmy"), max(m.end(f"{k}{n}") for k in "dmy")))
    return spans


def _ssn_valid(area: str, group: str, serial: str) -> bool:
    """The SSA's rules: no 000, 666 or 9xx area, no 00 group, no 0000 serial."""
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


# Personal data needs 7 digits, an e-mail's @ (or a spelled-out one), a passport word, a flat («кв. 12», «7-15»), a
# postcode, ZIP or NI number, or a birth word with a year; most texts have none. Two patterns that start on a literal
# or a digit (fast to scan, no IGNORECASE) on the lower-cased and the written text: 5–6 µs a post.
_MAYBE_LOWER = re.compile(
    r"@[\w-]+\.\w|@\s|собака|[\[({]\s*at\b|\d(?:\D{0,3}\d){6}|\d[а-я]?-\d|кв\.|кв\s?\d|квартир|insurance|ssn"
    r"|social sec|паспорт|passport|серия|серии|домофон|(?:apt|apartment|flat)\.?\s?#?\d"
)
_MAYBE_CASED = re.compile(r"\d(?:[A-Z]{2}(?!\w)|\d{4}(?!\d)|\d\s?\d{2}\s?\d{2}\s?[A-D]\b)")
_MAYBE_BIRTH = re.compile(r"born|birth|dob|d\.o\.b|рожден|родил|д\.\s?р|д/р|г\.\s?р")
_YEAR_HINT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def maybe_personal(text: str) -> bool:
    """A cheap test: False means find_personal_data surely finds nothing in text (with RU, US and GB phones)."""
    low = text.lower()
    if _MAYBE_LOWER.search(low) or _MAYBE_CASED.search(text):
        return True
    return bool(_MAYBE_BIRTH.search(low) and _YEAR_HINT.search(text))


def find_personal_data(text: str, settings: OversharingRules) -> list[Personal]:
    """Every phone, e-mail, card, government id, home address and birth date in text, minus the brand's own contacts."""
    allowed = allowed_contacts(settings)
    # Blank out links and credentials (keeping offsets): ids in URLs and digits in tokens are not numbers to read.
    scan = _URL.sub(lambda m: " " * len(m[0]), text)
    secrets = find_secrets(text)  # same offsets in scan; remembered for the secrets rule and the masking
    for secret in secrets:
        scan = scan[: secret.start] + " " * (secret.end - secret.start) + scan[secret.end :]
    logins = {s.start for s in secrets}
    folded = fold(scan)
    found: list[Personal] = []

    def free(start: int, end: int) -> bool:
        return not any(p.start < end and start < p.end for p in found)

    def add(kind: str, start: int, end: int, address: str = "") -> None:
        if free(start, end):
            found.append(Personal(kind, start, end, text[start:end], address))

    for m in _PASSPORT.finditer(folded):
        add("passport", m.start(1), m.end(1))
    for m in _PASSPORT_FOREIGN.finditer(folded):
        add("passport", m.start(1), m.end(1))
    for m in [*_SSN_CUE.finditer(folded), *_SSN_SHAPE.finditer(folded)]:
        before = folded[max(0, m.start() - 25) : m.start()]
        if _ssn_valid(m[1], m[2], m[3]) and (m.re is _SSN_CUE or not _REFERENCE.search(before)):
            add("ssn", m.start(1), m.end(3))
    nino_cue = _NINO_CUE.search(folded)
    upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in scan) if nino_cue else scan
    for m in _NINO.finditer(upper):
        before = folded[max(0, m.start() - 25) : m.start()]
        if m[1] not in _NINO_BAD and (nino_cue or not _REFERENCE.search(before)):
            add("nino", m.start(), m.end())
    for start, end in _birthdates(folded):
        add("birthdate", start, end)
    for start, end in find_home_addresses(scan, folded):
        add("address", start, end)
    for pattern in _SNILS:
        for m in pattern.finditer(folded):
            if snils_valid(_digits(m[1])) and _digits(m[1]) not in allowed.numbers:
                add("snils", m.start(1), m.end(1))
    for m in _CARD.finditer(scan):
        if _digits(m[0]) in allowed.numbers:
            continue
        if is_card_number(m[0]) or _named_card(m[0], folded[max(0, m.start() - 40) : m.start()]):
            add("card", m.start(), m.end())
    if not _AD_MARKING.search(folded):
        for m in _INN.finditer(scan):
            before = folded[max(0, m.start() - 25) : m.start()]
            keyword = _INN_WORD.search(before)
            # «ИНН: …» right before twelve digits names a person's INN even when its checksum is mistyped.
            if m[0] not in allowed.numbers and (keyword or (ru_inn.is_valid(m[0]) and not _REFERENCE.search(before))):
                add("inn", m.start(), m.end())
    readings = [
        (m.start, m.end, phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164), m.raw_string,
         phonenumbers.number_type(m.number))
        for region in settings.phone_regions
        for m in phonenumbers.PhoneNumberMatcher(scan, region, leniency=phonenumbers.Leniency.VALID)
    ]
    # One allowed reading of a span ("8 800 …" in RU, "800 …" in US) clears every reading of it;
    # toll-free, shared-cost and universal numbers are companies' hotlines, never a person's.
    cleared = [
        (start, end)
        for start, end, e164, raw, kind in readings
        if e164 in allowed.phones
        or kind in _HOTLINE_TYPES
        or (not raw.startswith("+") and _REFERENCE.search(folded[max(0, start - 25) : start]))
        or _shop_phone(folded, start, end)
        or _SAMPLE_PHONE.search(e164)
    ]
    for start, end, *_ in sorted(readings, key=lambda r: (r[0], r[0] - r[1])):
        if not any(s < end and start < e for s, e in cleared):
            add("phone", start, end)
    for m in _EMAIL.finditer(scan):
        address = m[0].lower()
        login = _LOGIN_TO_PASSWORD.match(text, m.end())
        if login and login.end() in logins and _team_account(address):
            continue  # "smm@brand.example / Kofe_2024!": the team's login, reported with its password by secrets
        if not _brand_or_example(address, allowed):
            add("email", m.start(), m.end(), address)
    for m in _EMAIL_SPELLED.finditer(scan):
        address = f"{m[1]}@{m[2]}.{m[3]}".lower()
        if not _brand_or_example(address, allowed):
            add("email", m.start(), m.end(), address)
    return sorted(found, key=lambda p: p.start)


def mask_found(text: str, pieces: list[Personal | Secret]) -> str:
    """The text with every piece (personal data, credentials) replaced by its mask; overlaps keep the first."""
    kept: list[Personal | Secret] = []
    for piece in sorted(pieces, key=lambda p: (p.start, p.start - p.end)):
        if not any(k.start < piece.end and piece.start < k.end for k in kept):
            kept.append(piece)
    for piece in reversed(kept):
        text = text[: piece.start] + piece.masked() + text[piece.end :]
    return text


def mask_personal_data(text: str, found: list[Personal]) -> str:
    """The text with every piece of personal data masked, for evidence in emails and the store."""
    return mask_found(text, list(found))


@text_rule(
    "oversharing",
    "personal_data",
    window=lambda r: r.oversharing.lookback,
    why={
        "en": "A phone number, card or passport in a public post exposes a customer or an employee to fraud and calls; "
        "it is also a personal-data breach the company answers for (GDPR, 152-FZ).",
        "ru": "Телефон, карта или паспорт в публичном посте открывают клиента или сотрудника мошенникам и звонкам; "
        "это ещё и утечка персональных данных, за которую отвечает компания (152-ФЗ, GDPR).",
    },
    todo={
        "en": "Delete or edit the post now, continue the conversation in private messages, and tell the person whose data it was.",
        "ru": "Удалите или отредактируйте пост сейчас, продолжите разговор в личных сообщениях и предупредите человека, чьи это данные.",
    },
)
def personal_data(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit listing every piece of personal data in the text, masked."""
    found = find_personal_data(text, rules.oversharing)
    if not found:
        return []
    kinds = list(dict.fromkeys(p.kind for p in found))
    severity = "critical" if any(KINDS[k][2] == "critical" for k in kinds) else "warning"
    fragments = [p.masked() for p in found]
    listed = {
        "en": ", ".join(f"{KINDS[p.kind][0]} ({p.masked()})" for p in found[:4]),
        "ru": ", ".join(f"{KINDS[p.kind][1]} ({p.masked()})" for p in found[:4]),
    }
    return [
        TextHit(
            severity=severity,
            fragments=fragments,
            summary={
                "en": f"The post shows personal data: {listed['en']}",
                "ru": f"В посте видны персональные данные: {listed['ru']}",
            },
            details={"kinds": kinds},
            masked_text=mask_personal_data(text, found),
        )
    ]


def mask_secrets(text: str, found: list[Secret]) -> str:
    """The text with every credential's value masked (first and last character shown)."""
    return mask_found(text, list(found))


@text_rule(
    "oversharing",
    "secrets",
    window=lambda r: r.oversharing.lookback,
    why={
        "en": "A password, PIN, API key or token in a public post hands the account, the till, the Wi-Fi or the "
        "company's systems to anyone who reads it — bots scrape new posts for credentials within minutes.",
        "ru": "Пароль, PIN-код, API-ключ или токен в публичном посте открывают аккаунт, кассу, Wi-Fi или системы "
        "компании любому читателю — боты собирают такие данные из новых постов за считаные минуты.",
    },
    todo={
        "en": "Delete the post now, then change the password or revoke the key at once: deleting does not undo a copy "
        "already taken. Check the system's logs for logins since the post went out.",
        "ru": "Сразу удалите пост, затем немедленно смените пароль или отзовите ключ: удаление не отменяет уже "
        "сделанную копию. Проверьте журнал входов в систему с момента публикации.",
    },
)
def secrets(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit listing every credential in the text, masked."""
    found = find_secrets(text)
    if not found:
        return []
    kinds = list(dict.fromkeys(s.kind for s in found))
    severity = "critical" if any(SECRET_KINDS[k][2] == "critical" for k in kinds) else "warning"

    def named(secret: Secret, language: int) -> str:
        label = SECRET_KINDS[secret.kind][language]
        service = f"{secret.service}: " if secret.kind == "token" and secret.service else ""
        return f"{label} ({service}{secret.masked()})"

    return [
        TextHit(
            severity=severity,
            fragments=[s.masked() for s in found],
            summary={
                "en": "The post publishes credentials: " + ", ".join(named(s, 0) for s in found[:4]),
                "ru": "В посте опубликованы учётные данные: " + ", ".join(named(s, 1) for s in found[:4]),
            },
            details={"kinds": kinds},
            masked_text=mask_secrets(text, found),
        )
    ]


@text_rule(
    "oversharing",
    "internal_terms",
    window=lambda r: r.oversharing.lookback,
    why={
        "en": "Margins, revenue, purchase prices, pay, headcount or an unannounced closure in a public post hand "
        "suppliers, rivals and staff what the company keeps to itself; a marker such as \"internal use only\" or a "
        "\"between us\" means an internal document, chat or unapproved draft went out.",
        "ru": "Маржа, выручка, закупочные цены, зарплаты, численность штата или необъявленное закрытие в публичном посте "
        "раскрывают поставщикам, конкурентам и сотрудникам то, что компания держит при себе; пометка вроде «для "
        "служебного пользования» или «между нами» значит, что наружу ушёл внутренний документ, переписка или черновик.",
    },
    todo={
        "en": "Hide or delete the post at once, check with its owner what was exposed, and publish only the approved version. "
        "A figure the company did decide to publish (a report, a pledge) needs no action.",
        "ru": "Сразу скройте или удалите пост, выясните у владельца информации, что попало наружу, и публикуйте только "
        "согласованную версию. Цифра, которую компания решила опубликовать (отчёт, обещание), действий не требует.",
    },
)
def internal_terms(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit listing the internal markers, business figures and internal news (with a secrecy cue) in the text.

    Critical when the text says it is internal (a marker or a cue such as "between us"); a figure alone is a warning:
    it may have been published on purpose.
    """
    found = find_internal(text, rules.oversharing.internal_terms)
    if not found.found:
        return []
    marked = ", ".join(f"“{t}”" for t in found.markers[:3])
    pieces = found.figures + found.news
    if not pieces:
        summary = {
            "en": f"The post carries an internal marker {marked}: an internal document or a draft may have been published",
            "ru": f"В посте служебная пометка {marked}: возможно, опубликован внутренний документ или черновик",
        }
    else:
        cued = {"en": ", ".join(f"“{t}”" for t in found.cues[:2]), "ru": ", ".join(f"«{t}»" for t in found.cues[:2])}
        first = list({k: f for k, f in reversed(pieces)}.items())[::-1][:3]  # the first fragment of each kind
        summary = {
            "en": "The post reveals internal information: " + ", ".join(f"{INTERNAL_KINDS[k][0]} (“{f}”)" for k, f in first),
            "ru": "В посте раскрыта внутренняя информация: " + ", ".join(f"{INTERNAL_KINDS[k][1]} («{f}»)" for k, f in first),
        }
        if found.markers:
            summary = {"en": summary["en"] + f"; it carries an internal marker {marked}",
                       "ru": summary["ru"] + f"; в нём служебная пометка {marked}"}
        elif found.cues:
            summary = {"en": summary["en"] + f"; the post itself says it is not for the public ({cued['en']})",
                       "ru": summary["ru"] + f"; сам пост говорит, что это не для публики ({cued['ru']})"}
    return [
        TextHit(
            severity="critical" if found.secret else "warning",
            fragments=found.markers + (found.cues + [f for _, f in pieces] if pieces else []),
            summary=summary,
            details={"kinds": list(dict.fromkeys(k for k, _ in pieces))} if pieces else {},
        )
    ]
