"""personal_data and internal_terms: tables of single texts, and stored posts of the brand and its customers."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config_errors import ConfigError
from monitor.detectors import TextHit
from monitor.detectors.registry import registry
from monitor.detectors.oversharing import luhn_valid, snils_valid
from monitor.settings import RulesSettings
from tests.detectors.helpers import BOB, NOW, ago, brand_reply, make_brand, mention, tweet

HOTLINE, CONTACT = "+7 800 555-35-35", "hello@northwind.example"
BRAND_RULES = RulesSettings.model_validate({"oversharing": {"allow": [HOTLINE, CONTACT]}})


def check(rule: str, text: str, rules: RulesSettings = BRAND_RULES) -> list[TextHit]:
    """The registered text check `rule` applied to one text."""
    return registry().get("oversharing", rule).check(text, rules)


def kinds(text: str, rules: RulesSettings = BRAND_RULES) -> list[str]:
    """Kinds of personal data found in text."""
    return [k for hit in check("personal_data", text, rules) for k in hit.details["kinds"]]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Курьер Алексей: 8 (916) 123-45-67", ["phone"]),
        ("Курьер: +7 903 765-43-21", ["phone"]),
        ("Курьеру: 89161234567", ["phone"]),
        ("Maria is on 212-555-0182", ["phone"]),
        ("Call Sarah at (415) 555-2671", ["phone"]),
        ("Kate's UK mobile: +44 7911 123456", ["phone"]),
        ("Order #4471 is on its way", []),
        ("Заказ №84712093 в пути", []),
        ("Ticket 2125550182 is closed", []),  # parses as a US number, but it is a ticket
        ("Трек-номер 80085367123456", []),
        ("Reopening on 2026-11-20 at 07:30", []),
        ("Возврат 1 000 ₽ отправлен", []),
        ("Postcode 125009, Moscow", []),
        ("Dial 112 in an emergency", []),
        ("Реквизиты: ИНН 7707083893, ОГРН 1027700132195", []),  # a company's public INN, not a Kazakh phone
    ],
)
def test_phone_numbers_are_found_and_references_are_not(text: str, found: list[str]) -> None:
    assert kinds(text) == found


def test_phone_regions_are_configurable() -> None:
    ru_only = RulesSettings.model_validate({"oversharing": {"phone_regions": ["RU"]}})

    assert kinds("Maria is on 212-555-0182", ru_only) == []
    assert kinds("Maria is on +1 212-555-0182", ru_only) == ["phone"]  # an international number needs no region


@pytest.mark.parametrize(
    ("number", "valid"),
    [("4111 1111 1111 1111", True), ("4111 1111 1111 1112", False), ("2200 1234 5678 9019", True), ("5469-3800-1234-5673", True)],
)
def test_card_numbers_must_pass_luhn(number: str, valid: bool) -> None:
    assert luhn_valid(number.replace(" ", "").replace("-", "")) is valid
    assert kinds(f"Refund sent to card {number}") == (["card"] if valid else [])


@pytest.mark.parametrize(
    "text",
    [
        "Barcode 4607001771234 on the pack",  # EAN-13 in one run
        "Parcel 8008536712345678 left Moscow",  # no card network starts with 8
        "Order 4000 0000 0000 0003 is paid",  # card-shaped, fails Luhn
    ],
)
def test_long_numbers_that_are_not_cards(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ИНН покупателя 500100732259", ["inn"]),
        ("ИНН покупателя 500100732258", []),  # checksum fails
        ("СНИЛС 987-654-321 83", ["snils"]),
        ("СНИЛС 987-654-321 84", []),
        ("СНИЛС 14567891208", ["snils"]),
        ("Паспорт 45 06 123456 выдан ОВД Арбат", ["passport"]),
        ("Серия 4510 номер 654321", ["passport"]),
        ("Столик 45 06, заказ 123456", []),  # the same digits without the word паспорт
        ("Реклама. ИП Иванов, ИНН 500100732259, erid: 2VtzqvX", []),  # ad marking the law requires
    ],
)
def test_russian_documents_need_their_checksum_or_keyword(text: str, found: list[str]) -> None:
    assert kinds(text) == found


@pytest.mark.parametrize(("digits", "valid"), [("11223344595", True), ("11223344596", False), ("00100199800", True), ("12345678964", True)])
def test_snils_checksum(digits: str, valid: bool) -> None:
    assert snils_valid(digits) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Write to ivan.petrov@gmail.com", ["email"]),
        ("Anton: anton.k [at] gmail [dot] com", ["email"]),
        ("Пишите: lena.v собака mail.ru", ["email"]),
        ("Follow @northwind_ru for updates", []),
        ("В нашей кофейне собака — желанный гость", []),
    ],
)
def test_email_addresses_also_when_spelled_out(text: str, found: list[str]) -> None:
    assert kinds(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Our hotline: +7 800 555-35-35",
        "Горячая линия 8 800 555 35 35",
        "Звоните: +7 (800) 555-35-35",
        "Questions? HELLO@Northwind.example",
        "Пишите hello@northwind.example или звоните 88005553535",
    ],
)
def test_the_brand_s_own_contacts_are_never_flagged(text: str) -> None:
    assert kinds(text) == []


def test_allowing_a_domain_allows_all_its_addresses() -> None:
    rules = RulesSettings.model_validate({"oversharing": {"allow": ["@northwind.example"]}})

    assert kinds("press@northwind.example or ivan@gmail.com", rules) == ["email"]


def test_fragments_and_summary_are_masked() -> None:
    [hit] = check("personal_data", "Anna: +7 912 345-67-89, card 4111 1111 1111 1111, anna.smirnova@gmail.com")

    assert hit.severity == "critical"
    assert hit.fragments == ["+• ••• •••-••-89", "•••• •••• •••• 1111", "a•••@gmail.com"]
    for secret in ("345-67", "4111 1111", "anna.smirnova"):
        assert secret not in hit.summary["en"] and secret not in hit.summary["ru"]
    assert hit.summary["en"] == (
        "The post shows personal data: a phone number (+• ••• •••-••-89), "
        "a bank card number (•••• •••• •••• 1111), an e-mail address (a•••@gmail.com)"
    )


def test_brand_reply_with_a_customer_phone_is_reported(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules=f'[rules.oversharing]\nallow = ["{HOTLINE}"]')
    question = mention("3001", ago(hours=3), "@northwindcoffee where is my courier?")
    brand.save(
        question,
        brand_reply("1101", ago(hours=2), to=question, text="@alice courier Dmitry is on +7 (903) 765-43-21"),
        tweet("1102", ago(hours=1), "Hotline for everyone: 8 800 555-35-35"),
    )

    [finding] = brand.run(NOW, "personal_data")

    assert (finding.mistake, finding.severity, finding.item_ids) == ("oversharing", "warning", ["1101"])
    assert finding.details["matched"] == ["+• (•••) •••-••-21"]


def test_customers_sharing_their_own_data_is_not_the_brand_s_mistake(tmp_path: Path) -> None:
    brand = make_brand(tmp_path)
    brand.save(mention("3001", ago(hours=1), "@northwindcoffee call me back on +7 916 123-45-67, card 4111 1111 1111 1111", author=BOB))

    assert brand.run(NOW, "personal_data") == []


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("INTERNAL ONLY: holiday menu moves to 12/01", ["INTERNAL ONLY"]),
        ("Draft — do not post: winter line-up", ["Draft — do not post"]),
        ("Confidential: Q4 volumes by cafe", ["Confidential"]),
        ("Under NDA until the announcement", ["Under NDA"]),
        ("Для служебного пользования. График смен", ["Для служебного пользования"]),
        ("ДСП: план открытий на 2027 год", ["ДСП"]),
        ("Не для публикации! Поставщик меняется", ["Не для публикации"]),
        ("Кoнфиденциально: цены поставщика", ["Кoнфиденциально"]),  # a Latin "o" inside the Russian word
        ("Your data stays confidential: we never pass it on", []),
        ("Все обращения конфиденциальны.", []),
        ("Do not share your SMS code with anyone", []),
        ("Стол из ЛДСП 16 мм", []),
        ("Полки из ДСП-плиты заменили на дубовые", []),
        ("Мебель из ДСП и массива", []),  # chipboard, not a stamp
        ("Our Honda scooters and today's agenda", []),
        ("Мы не публикуем отзывы с персональными данными", []),
    ],
)
def test_internal_markers(text: str, terms: list[str]) -> None:
    assert [t for hit in check("internal_terms", text) for t in hit.fragments] == terms


def test_configured_internal_term_is_reported_on_a_brand_post(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules='[rules.oversharing]\ninternal_terms = ["Project Falcon", "проект «Сокол»"]')
    brand.save(
        tweet("1101", ago(hours=2), "Sneak peek: project falcon launches in spring!"),
        tweet("1102", ago(hours=1), "Проект «Сокол» — первые фото"),
        tweet("1103", ago(hours=1), "A falcon visited our terrace today"),
        mention("3001", ago(hours=1), "@northwindcoffee is Project Falcon real?"),
    )

    findings = brand.run(NOW, "internal_terms")

    assert sorted(f.item_ids[0] for f in findings) == ["1101", "1102"]
    assert all(f.severity == "critical" for f in findings)
    assert findings[0].summary["en"].startswith("The post carries an internal marker “project falcon”")


def test_allowed_hotline_is_clear_whatever_the_region_order() -> None:
    us_first = RulesSettings.model_validate({"oversharing": {"allow": [HOTLINE], "phone_regions": ["US", "RU"]}})

    assert kinds("Горячая линия 8 800 555 35 35", us_first) == []
    assert kinds("Hotline 800 555 35 35", us_first) == []


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ('phone_regions = ["RUS"]', "rules.oversharing.phone_regions: 'RUS' is not a two-letter region code"),
        ('allow = ["hotline"]', "rules.oversharing.allow: 'hotline' is neither an e-mail address nor a phone number"),
        ('internal_terms = ["—"]', "rules.oversharing.internal_terms: '—' has no words"),
    ],
)
def test_bad_oversharing_settings_are_config_errors(tmp_path: Path, rules: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        make_brand(tmp_path, global_rules=f"[rules.oversharing]\n{rules}")

    assert message in str(error.value)


@pytest.mark.parametrize("text", ["Горячая линия 8 800 555-35-35, звонок бесплатный", "Call us toll-free: 1-800-555-0199",
                                  "Freephone 0800 123 4567 (UK)"])
def test_hotlines_are_not_personal_data_even_without_the_allowlist(text):
    from monitor.detectors.oversharing import find_personal_data
    from monitor.settings import OversharingRules

    assert find_personal_data(text, OversharingRules()) == []
