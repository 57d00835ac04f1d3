"""Mistake 6, oversharing: personal data and internal documents in public posts."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from stdnum.ru import inn as ru_inn

from monitor.detectors import TextHit, text_rule
from monitor.settings import OversharingRules, RulesSettings
from monitor.text.folding import fold

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# "ivan [at] gmail [dot] com", «ivan собака mail.ru»: addresses written to dodge scrapers are still addresses.
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])([\w.+-]+)\s*(?:[\[({]\s*(?:at|собака)\s*[\])}]|\sсобака\s|\s@\s)\s*([\w-]+)"
    r"\s*(?:\.|[\[({]\s*(?:dot|точка)\s*[\])}]|\sточка\s)\s*([^\W\d_]{2,})(?![\w-])",
    re.IGNORECASE,
)
_CARD = re.compile(r"(?<![\d.,])(?:\d[ -]?){12,18}\d(?![\d.,]\d)")
_SNILS = [
    re.compile(r"(?<![\d-])(\d{3}[- ]\d{3}[- ]\d{3}[- ]\d{2})(?![\d-])"),
    re.compile(r"снилс\D{0,20}?(?<!\d)(\d{11})(?!\d)"),
]
_PASSPORT = re.compile(
    r"(?:паспорт\w*|серия|серии|passport)\D{0,20}?(?<!\d)(\d{2}\s?\d{2}\D{0,12}?(?<!\d)\d{6})(?!\d)"
)
_INN = re.compile(r"(?<![\d-])\d{12}(?![\d-])")
# A number right after "order", "#", "tracking" or a company requisite (ИНН, ОГРН) is a reference,
# whatever it parses as: «ИНН 7707083893» is also a valid Kazakh phone number.
_REFERENCE = re.compile(
    r"(?:#|№|\b(?:order|заказ\w*|tracking|трек\w*|ref|id|артикул\w*|ticket|тикет\w*|накладн\w*|отправлени\w*"
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
    "phone": ("a phone number", "номер телефона", "warning", 2),
    "email": ("an e-mail address", "адрес электронной почты", "warning", 0),
}


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


def find_personal_data(text: str, settings: OversharingRules) -> list[Personal]:
    """Every phone, e-mail, card, INN, SNILS and passport number in text, minus the brand's own contacts."""
    allowed = allowed_contacts(settings)
    # Blank out links (keeping offsets) so that ids in URLs are not read as numbers.
    scan = _URL.sub(lambda m: " " * len(m[0]), text)
    folded = fold(scan)
    found: list[Personal] = []

    def free(start: int, end: int) -> bool:
        return not any(p.start < end and start < p.end for p in found)

    def add(kind: str, start: int, end: int, address: str = "") -> None:
        if free(start, end):
            found.append(Personal(kind, start, end, text[start:end], address))

    for m in _PASSPORT.finditer(folded):
        add("passport", m.start(1), m.end(1))
    for pattern in _SNILS:
        for m in pattern.finditer(folded):
            if snils_valid(_digits(m[1])) and _digits(m[1]) not in allowed.numbers:
                add("snils", m.start(1), m.end(1))
    for m in _CARD.finditer(scan):
        if is_card_number(m[0]) and _digits(m[0]) not in allowed.numbers:
            add("card", m.start(), m.end())
    if not _AD_MARKING.search(folded):
        for m in _INN.finditer(scan):
            before = folded[max(0, m.start() - 25) : m.start()]
            keyword = _INN_WORD.search(before)
            if ru_inn.is_valid(m[0]) and m[0] not in allowed.numbers and (keyword or not _REFERENCE.search(before)):
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
    ]
    for start, end, *_ in sorted(readings, key=lambda r: (r[0], r[0] - r[1])):
        if not any(s < end and start < e for s, e in cleared):
            add("phone", start, end)
    for m in _EMAIL.finditer(scan):
        address = m[0].lower()
        if address not in allowed.emails and address.rpartition("@")[2] not in allowed.domains:
            add("email", m.start(), m.end(), address)
    for m in _EMAIL_SPELLED.finditer(scan):
        address = f"{m[1]}@{m[2]}.{m[3]}".lower()
        if address not in allowed.emails and address.rpartition("@")[2] not in allowed.domains:
            add("email", m.start(), m.end(), address)
    return sorted(found, key=lambda p: p.start)


def mask_personal_data(text: str, found: list[Personal]) -> str:
    """The text with every piece of personal data masked, for evidence in emails and the store."""
    for piece in sorted(found, key=lambda p: p.start, reverse=True):
        text = text[: piece.start] + piece.masked() + text[piece.end :]
    return text


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


INTERNAL_TERMS = [
    "internal only", "internal use only", "for internal use", "internal document", "internal memo",
    "not for publication", "not for distribution", "not for public release", "not to be published",
    "do not distribute", "do not forward", "do not publish", "draft - do not post", "strictly confidential",
    "embargoed until", "off the record", "under nda",
    "для служебного пользования", "для внутреннего использования", "только для внутреннего", "внутренний документ",
    "внутренняя переписка", "служебная записка", "не для публикации", "не для распространения", "не для печати",
    "не для прессы", "не публиковать", "не распространять", "не пересылать", "строго конфиденциально", "под nda",
]
# "Do not share your SMS code" or "don't post photos of guests" is advice to customers; "do not share"
# with nothing after it, or "outside the team", is a marker on a document.
_SHARE = re.compile(
    r"\b(?:do\s+not|don'?t|don’t)\s+(?:share|post)\b(?=\s*(?:[:.!,;)\]—–-]|$|(?:yet|until|before|outside|externally|publicly)\b))"
)
_LABELS = [
    re.compile(r"(?:^|\n)[ \t]*[\[(]?(?:confidential|конфиденциально)\b[ \t]*(?:[:\])—–-]|$)", re.MULTILINE),
    re.compile(r"[\[(]\s*(?:confidential|конфиденциально)\s*[\])]"),
    re.compile(r"\bconfidential\s+(?:memo|document|draft|report|deck|presentation|plan|figures|numbers)\b"),
    re.compile(r"\bконфиденциальн\w*\s+(?:документ|записк|отчет|план|презентаци|цифр)\w*"),
    _SHARE,
]
# Upper-case markers, matched on the original text: "NDA", «ДСП», "CONFIDENTIAL".
_UPPER = re.compile(
    r"(?<![\w-])(?:NDA|CONFIDENTIAL|КОНФИДЕНЦИАЛЬНО)(?![\w-])|\b(?:Confidential|Конфиденциально)\s*:"
    r"|(?:^|\n)[ \t]*(?:Internal|INTERNAL|Внутреннее|ВНУТРЕННЕЕ)[ \t]*:"
)
_DSP = re.compile(r"(?<![\w-])ДСП(?![\w-])")
# ДСП is also chipboard (древесно-стружечная плита): in a text about furniture it is not a stamp.
_FURNITURE = re.compile(r"плит|мебел|ламинир|шкаф|столешниц|стеллаж|\d\s?мм\b")


def _phrase(term: str) -> re.Pattern[str]:
    """A marker as a pattern: whole words, any spacing or dash between them."""
    words = fold(term).replace("—", "-").replace("–", "-").split()
    return re.compile(r"(?<!\w)" + r"[\s,:—–-]+".join(re.escape(w) for w in words if w != "-") + r"(?!\w)")


_BUILT_IN = [_phrase(t) for t in INTERNAL_TERMS]


def find_internal_terms(text: str, extra: list[str]) -> list[str]:
    """Every internal marker in text, as written there."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    patterns = _BUILT_IN + _LABELS + [_phrase(t) for t in extra if t.strip()]
    matches = [m.span() for p in patterns for m in p.finditer(folded)]
    matches += [m.span() for m in _UPPER.finditer(text)]
    if not _FURNITURE.search(folded):
        matches += [m.span() for m in _DSP.finditer(text)]
    for start, end in sorted(matches):
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))
    return [text[s:e].strip(" \t\n:—–-") for s, e in spans]


@text_rule(
    "oversharing",
    "internal_terms",
    window=lambda r: r.oversharing.lookback,
    why={
        "en": "A marker such as \"internal use only\" or \"NDA\" in a public post means an internal document or an "
        "unapproved draft went out: it can leak plans, prices or partners' data.",
        "ru": "Пометка вроде «для служебного пользования» или «NDA» в публичном посте значит, что наружу ушёл внутренний "
        "документ или несогласованный черновик: так утекают планы, цены и данные партнёров.",
    },
    todo={
        "en": "Hide or delete the post at once, check with its owner what was exposed, and publish only the approved version.",
        "ru": "Сразу скройте или удалите пост, выясните у владельца документа, что попало наружу, и публикуйте только согласованную версию.",
    },
)
def internal_terms(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit listing the internal markers (built-in and configured) in the text."""
    terms = find_internal_terms(text, rules.oversharing.internal_terms)
    if not terms:
        return []
    quoted = ", ".join(f"“{t}”" for t in terms[:3])
    return [
        TextHit(
            severity="critical",
            fragments=terms,
            summary={
                "en": f"The post carries an internal marker {quoted}: an internal document or a draft may have been published",
                "ru": f"В посте служебная пометка {quoted}: возможно, опубликован внутренний документ или черновик",
            },
        )
    ]
