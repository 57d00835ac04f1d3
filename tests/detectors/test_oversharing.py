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
    assert kinds(f"Refund sent: {number}") == (["card"] if valid else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Dan, the refund went to your card 5469 3800 4417 2291 on Tuesday", ["card"]),
        ("Вернули деньги на карту 2202 2063 1947 5581, Ольга", ["card"]),
        ("Full card on file is 5536-9137-2041-4472, exp 09/27", ["card"]),
        ("Номер карты лояльности: 2000 0000 0000 0001", []),  # a sample of zeros
        ("Order 5469 3800 4417 2291 is paid", []),  # no card word: the checksum decides
    ],
)
def test_sixteen_digits_named_a_card_are_one_whatever_their_checksum(text: str, found: list[str]) -> None:
    assert kinds(text) == found


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
        ("ИНН покупателя 500100732258", ["inn"]),  # checksum fails, but the word names it
        ("Сверка 500100732258 прошла", []),  # no word, checksum fails
        ("@ivan вот ваш ИНН из анкеты: 772814563920, проверьте", ["inn"]),
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


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Honestly, the seasonal drinks run at a 65% margin", ["margin"]),
        ("Наценка на выпечку у нас в 3 раза, вот и весь секрет", ["margin"]),
        ("We only net 15 ₽ on every filter coffee", ["margin"]),
        ("Q2 turnover was 18M, 9% below plan", ["revenue"]),
        ("Выручка Арбата за октябрь — 3,1 млн", ["revenue"]),
        ("Sales at the mall kiosk fell 30% after the renovation", ["revenue"]),
        ("Доставка приносит около 600 тыс в месяц", ["revenue"]),
        ("We pay 5.20 $/kg FOB for the Kenya lot from our importer", ["purchase_price"]),
        ("Берём молоко у поставщика по 78 ₽ за литр, а зерно по 1 100 ₽/кг", ["purchase_price"]),
        ("The new espresso machine cost us 1.4M", ["cost"]),
        ("Переезд склада обошёлся нам в 700 тысяч", ["cost"]),
        ("We pay our baristas 52k after tax", ["pay"]),
        ("Бонусы управляющих с января урезаем на 20%", ["pay"]),
        ("Headcount goes from 64 to 50 in spring", ["headcount"]),
        ("Уволим 8 курьеров до конца месяца", ["headcount"]),
        ("When you buy a 250 g bag, our margin is about 35%", ["margin"]),
        ("We spent 4.5M on the new roastery fit-out", ["cost"]),
        ("Our margins went from 30 to 22 percent this year", ["margin"]),
        ("Loyalty app: 3.2M spent on development, 800 active users", ["cost"]),
        ("The health inspection fined us 150k for the fridge temperature", ["shortfall"]),
        ("Итоги месяца 📊\nВыручка: 4,2 млн\nСредний чек: 520 ₽", ["revenue"]),
        ("Our sales grew by 1.5x since we opened the second roastery", ["revenue"]),
        ("We're 2M short of our target this quarter", ["revenue"]),
        ("Маржа 60+%, так что скидку на день рождения можем себе позволить", ["margin"]),
    ],
)
def test_internal_figures_are_warnings(text: str, kinds: list[str]) -> None:
    [hit] = check("internal_terms", text)

    assert (hit.severity, hit.details["kinds"]) == ("warning", kinds)


@pytest.mark.parametrize(
    ("text", "kinds", "cue"),
    [
        ("Between us, the Mira café closes for good in June", ["closure"], "Between us"),
        ("По секрету: с марта закрываем точку в Туле", ["closure"], "По секрету"),
        ("Keep it quiet: two roasters are being let go, staff don't know yet", ["layoffs"], "Keep it quiet"),
        ("Не для паблика: премии за квартал отменили", ["pay_decision"], "Не для паблика"),
        ("oops wrong chat — the Lenina fridge died and we wrote off 40 kg of milk", ["incident"], "oops wrong chat"),
        ("Между нами: нас покупает крупная сеть, сделка в мае", ["deal"], "Между нами"),
        ("Margins on oat milk drinks are 70% 🤫", ["margin"], "🤫"),
        ("Не для паблика: урезаем смены бариста на Ленина", ["pay_decision"], "Не для паблика"),
    ],
)
def test_internal_news_with_a_secrecy_cue_is_critical(text: str, kinds: list[str], cue: str) -> None:
    [hit] = check("internal_terms", text)

    assert (hit.severity, hit.details["kinds"]) == ("critical", kinds)
    assert cue in hit.fragments and cue in hit.summary["en"]


@pytest.mark.parametrize(
    "text",
    [
        "We're hiring baristas in Kazan: 60 000–75 000 ₽ a month + tips. CV to hr@northwind.example",
        "Ищем управляющего: оклад 120 000 ₽ + премия. Резюме — в директ",
        "15% of all sales this weekend go to the children's hospital",
        "С каждой покупки 10% от выручки перечислим в фонд «Вера»",
        "Summer sales: 30% off all brewing gear",
        "Сезонный раф — хит продаж: 10 000 чашек за месяц!",
        "The house blend is 100% arabica",
        "A 250 g bag of Kenya is 990 ₽, 1 kg is 3 400 ₽",
        "Кофейня на Пушкина закрывается на ремонт с 1 по 10 марта",
        "We're closing the Arbat café on 31 August after nine years. Thank you!",
        "Notes of plum and cocoa, and a gross margin of joy",
        "Your markup must be 400%, a latte can't cost that much",
        "Вы наверняка берёте зерно по 300 рублей за кило, а продаёте за 2000",
        "Our results for 2025 are in the annual report: revenue 2.1 billion rubles",
        "Arabica futures hit $4/lb on the exchange this week",
        "Between us, the pistachio latte is the best thing we've made 🤫",
        "По секрету: в пятницу новое меню!",
        "We cut the wait for delivery by 10 minutes",
        "0% markup on home brewing kits this week",
        "Sales up to 70% on brewing gear this weekend",
        "Наш партнёр в Туле вложил 3 млн и окупил за год — станьте партнёром!",
        "Don't tell anyone, but the pumpkin latte is back early 🎃",
        "Oops, wrong photo! Here's the real new menu 🙈",
        "We raised 150k for the Red Cross — thank you!",
        "Event headcount: 40 guests, thank you all for coming!",
        "Staff get 200 ₽ off any drink on their day off",
        "We spent 500 ₽ on flowers for the terrace and it was worth it 🌸",
        "Between us, the best spot is close to the window ☀️",
        "По секрету: выгодная сделка — 2 по цене 1 до воскресенья",
        "Between us, we're cutting our Sunday opening hours to 10–18 from next week",
        "Rent our space for your event: from 50k a month for regular bookings",
        "Earn 10% back on every order with the app",
        "Кредит на кофемашину для дома — 0% на 12 месяцев",
        "Up to 3x faster delivery with our new courier partner",
    ],
)
def test_public_figures_are_not_internal(text: str) -> None:
    assert check("internal_terms", text) == []


def test_an_internal_figure_on_a_brand_post_is_reported_and_a_customer_s_is_not(tmp_path: Path) -> None:
    brand = make_brand(tmp_path)
    brand.save(
        tweet("1101", ago(hours=2), "Fun stat: the Arbat café alone turns over 2.4M a month 👀"),
        tweet("1102", ago(hours=1), "Между нами: весной закрываем две кофейни в Казани, персоналу ещё не сказали"),
        mention("3001", ago(hours=1), "@northwindcoffee your revenue must be 50M a month with these prices", author=BOB),
    )

    findings = {f.item_ids[0]: f for f in brand.run(NOW, "internal_terms")}

    assert sorted(findings) == ["1101", "1102"]
    assert findings["1101"].severity == "warning"
    assert findings["1101"].summary["en"] == (
        "The post reveals internal information: revenue or sales figures (“turns over 2.4M a month”)"
    )
    assert findings["1102"].severity == "critical"
    assert findings["1102"].summary["ru"].startswith(
        "В посте раскрыта внутренняя информация: закрытие, о котором ещё не объявляли"
    )


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


# ---- secrets: passwords, PINs, keys and tokens --------------------------------------------------------------------


def secrets_found(text: str, rules: RulesSettings = BRAND_RULES) -> list[str]:
    """Kinds of credentials the secrets rule finds in text."""
    return [k for hit in check("secrets", text, rules) for k in hit.details["kinds"]]


@pytest.mark.parametrize(
    ("text", "kinds_found"),
    [
        ("Login: admin / password: Qwerty123", ["password"]),
        ("@alice логин manager, пароль 12345 — заходите в кабинет", ["password"]),
        ("Reminder for the team: the staff Wi-Fi password is coffee2026", ["password"]),
        ("Пароль от кассы 4471, не забудьте сменить", ["password"]),
        ("пароль от кассы — Kassa_2026", ["password"]),
        ("The password to our Instagram is Northwind2026!", ["password"]),
        ("Пароль администратора: Adm1n!2026", ["password"]),
        ("Пароль от вайфая для сотрудников: капучино", ["password"]),  # a plain word, given with the system and ":"
        ("login: barista / password: latte", ["password"]),  # a plain word, given with a login
        ("Анна, ваш новый пароль: Tmp4471x", ["password"]),
        ("Логин: ivan.petrov@gmail.com, пароль: Ivan1990", ["password"]),
        ("Staff PIN: 4471", ["pin"]),
        ("пин-код от сейфа 1234", ["pin"]),
        ("ПИН кассира 5521, смена с 9:00", ["pin"]),
        ("The alarm code for the roastery is 2580", ["pin"]),
        ("Код от подсобки 7319", ["pin"]),
        ("Courier: door code 4471#, third floor", ["pin"]),
        ("API key: q8Zr3LwP0xYv7TnK2sJd", ["token"]),
        ("Токен для интеграции: 9f8a7d6c5b4e3f2a1b0c9d8e7f6a5b4c", ["token"]),
        ("DB: postgres://admin:S3cr3tPass@db.northwind.example:5432/orders", ["connection"]),
        ("mongodb+srv://app:Pa55w0rd!@cluster0.mongodb.net/shop", ["connection"]),
        ("mysql://root:r00tPw@10.0.0.5:3306/loyalty", ["connection"]),
        ("Server=db1;Database=shop;User Id=sa;Password=S3cr3t;", ["connection"]),
        ("jdbc:mysql://db:3306/shop?user=app&password=Shop2026x", ["connection"]),
        # A login and its password side by side, after a key word or in their own shapes.
        ("Логин от CRM: barista_01 / Kofe!2027 — не теряйте", ["password"]),
        ("new login for the POS: shift3 / 5521", ["password"]),
        ("staff wifi is NW-Team / moka_pot_42", ["password"]),
        ("Пароль от почты: office / Zerno#88", ["password"]),
        ("here you go: anna.k@northwind.example / Moka_2027!", ["password"]),
        ("the new dashboard — smm_lead : Pa55word!x", ["password"]),
        ("admin for the site: user barista7 pw Latte!77", ["password"]),
        ("Instagram: northwind_smm / Kofe!2027", ["password"]),
        ("Вход в iiko: manager / Zerno2027", ["password"]),
        # A staff network's "key" is its password.
        ("Office network: NW-Back, key Moka#2027", ["password"]),
        ("Сеть для сотрудников: NW_Team, ключ Zerno-88x", ["password"]),
        # Door and room codes, also "changed to" and in the next sentence.
        ("the storeroom code changed to 1739#", ["pin"]),
        ("Сменили код на двери склада. Теперь 4826", ["pin"]),
        ("the back door code is now 9031", ["pin"]),
        ("Код двери служебного входа — 4471", ["pin"]),  # a name of the door, then a dash
        # Keys after a colon further on, and a service's live key by its prefix.
        ("Ключ API для карт, на всякий случай: mpk_live_9sKd02LmQx7ZpW3nVb", ["token"]),
        ("try this one: pay_live_8sKd02LmQx7ZpW3nVb", ["token"]),
        # Mixed scripts: a Latin "a" in «пaроль», a Cyrillic «а» in "pаssword", English and Russian in one line.
        ("пaроль: 12345678", ["password"]),
        ("Login: admin, pаssword: Latte2026", ["password"]),
        ("Wi-Fi пароль: Latte2026 (для бариста)", ["password"]),
        ("Пароль: Qwerty123, login: manager", ["password"]),
    ],
)
def test_credentials_are_found(text: str, kinds_found: list[str]) -> None:
    assert secrets_found(text) == kinds_found


@pytest.mark.parametrize(
    "text",
    [
        "Our guest Wi-Fi is Northwind_Guest, ask the barista for the password",
        # A guest network's password is announced to guests on purpose.
        "Guest Wi-Fi: Northwind_Guest, password latte2026",
        "Пароль от Wi-Fi для гостей: latte2026",
        "Гостевая сеть: NW_Guest / kofe2027, пароль также на чеке",
        "Free Wi-Fi for customers in every cafe: network NW_Free, key Latte2027",
        # Slashes and colons that pair no login with a password.
        "Wi-Fi: 2.4 / 5 GHz in every cafe",
        "Sizes S / M / L, prices 250 / 300 / 350 ₽",
        "Вход: 500 / 700 ₽, для студентов скидка",
        "Logo files for the Instagram: brand_v2.zip / brand_v3_final.zip",
        "Инструкция: логин / пароль выдаёт администратор",
        "Write to events@northwind.example / @northwind_events",
        "Admin panel build v2.10.3 / v2.11.0-beta is out",
        "Wi-Fi key features: fast, free, everywhere",
        "Сеть: NW_Guest. Пароль: latte2024. Приятного отдыха!",  # the guest network named a sentence before
        "Free Wi-Fi! Network: Northwind, password: coffee2027",
        "Wi-Fi: Northwind, пароль kofe2027 — он также на чеке",  # printed on the receipt: the customers' network
        "PIN 2580 is the most common PIN in the world",
        "Ключевые партнёры сезона: OOO_Romashka_2024_Moscow7x",  # «ключевые» is "main", not a key
        "The door code changed to a 6-digit one",
        "Код от двери теперь приходит в SMS",
        "API key для доставки выдаём по запросу: напишите партнёрскому менеджеру",
        "Free Wi-Fi in every cafe!",
        "Гостевой Wi-Fi: Northwind_Guest, без пароля",
        "Never share your password with anyone, we will never ask for it",
        "Никогда не сообщайте никому пароль из SMS",
        "Reset your password on the site: https://northwind.example/reset",
        "Forgot your password? Tap \"Reset\" in the app",
        "Your password must contain at least 8 characters",
        "Пароль должен содержать не менее 8 символов",
        "Never use passwords like 123456 or qwerty",
        "The Wi-Fi password is on your receipt",
        "Пароль от Wi-Fi — на чеке",
        "Change your app password: Settings → Security",
        "Password managers are great, we use one",
        "password: ******",
        "Пароль: ••••••••",
        "API token: <your-token>",
        "token: xxxx-xxxx-xxxx",
        "postgres://user:password@localhost/db is the format to use",
        "Use promo code WINTER2026 for 20% off",
        "Промокод: КОФЕ2026 — скидка 20%",
        "Order #4471 is on its way, tracking 1Z999AA10123456784",
        "Заказ №84712093 передан курьеру",
        "Ваш ПИН-код придёт в SMS в течение 24 часов",
        "Never tell anyone your PIN",
        "PIN-up party this Friday!",
        "We pinned the menu to the top of the page",
        "4-digit PIN codes are safer than none",
        "PIN 1234 is just an example",
        "PIN codes since 2019 — contactless payments for everyone",
        "Код подтверждения придёт по SMS",
        "Our secret: we roast twice",
        "The secret ingredient of our raf? It's a trade secret 😉",
        "As a token of thanks, a free cookie",
        "Ключ к успеху — свежая обжарка",
        "Your access token expires in 24 hours",
        "Key features: 12 origins, 3 roasts",
        "Commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed the app",
        "Server 185.12.44.7 is back online",
        "-----BEGIN RSA PRIVATE KEY----- lines must never be posted",
        "Join the webinar: https://zoom.us/j/123456789?pwd=abcDEF123",
        "Звоните, пароль от домофона скажем по телефону",
    ],
)
def test_credential_traps_are_not_secrets(text: str) -> None:
    assert secrets_found(text) == []


def _tokens() -> list[tuple[str, str]]:
    """Service tokens in their published formats, assembled here so the source holds no token-shaped literal."""
    return [
        ("AWS Access Key", "AKIA" + "Q3EGRVX5L7ZDW4MN"),
        ("Slack Token", "xox" + "b-123456789012-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx"),
        ("Stripe Access Key", "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc"),
        ("GitHub Token", "gh" + "p_" + "16C7e42F292c6912E7710c838347Ae178B4a"),
        ("GitLab Token", "gl" + "pat-" + "x9Yb7Qw3Er5Ty1Ui2Op4"),
        ("Telegram Bot Token", "123456789" + ":" + "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw3"),
        ("SendGrid API Key", "SG" + ".ngeVfQFYQlKU0ufo8x5d1A." + "TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr"),
        ("JSON Web Token", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0." + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        ("Twilio API Key", "AC" + "a1b2c3d4e5f60718293a4b5c6d7e8f901"[:32]),
    ]


@pytest.mark.parametrize(("service", "token"), _tokens())
def test_service_tokens_by_the_detect_secrets_plugins(service: str, token: str) -> None:
    [hit] = check("secrets", f"Bot config for the promo: {token} (do not lose it)")

    assert hit.details["kinds"] == ["token"] and hit.severity == "critical"
    assert service in hit.summary["en"]
    assert token not in hit.masked_text and token[:6] not in hit.summary["en"]
    assert hit.fragments == [token[0] + "•" * 12 + token[-1]]


def test_a_private_key_body_is_masked_whole() -> None:
    body = "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\nqZ1xT4bWm8sK0LrUe7Yp2NcVd5Hg\n"
    text = f"Deploy key:\n-----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----"

    [hit] = check("secrets", text)

    assert hit.details["kinds"] == ["private_key"]
    assert "MIIEpAIBAAK" not in hit.masked_text and "qZ1xT4" not in hit.masked_text
    assert hit.masked_text.startswith("Deploy key:\n-----BEGIN RSA PRIVATE KEY-----")


@pytest.mark.parametrize(
    "token",
    ["AKIA" + "IOSFODNN7EXAMPLE", "xox" + "b-xxxxxxxxxxxx-xxxxxxxxxxxx", "sk_" + "live_" + "x" * 24],
)
def test_documentation_placeholders_of_tokens_are_not_secrets(token: str) -> None:
    assert secrets_found(f"Put your key here: {token}") == []


def test_secrets_are_masked_in_fragments_summary_and_masked_text() -> None:
    text = "Login: admin / password: Qwerty123, staff PIN 4471, DB postgres://app:S3cr3tPass@db.local/orders"

    [hit] = check("secrets", text)

    assert hit.severity == "critical"
    assert hit.details["kinds"] == ["password", "pin", "connection"]
    assert hit.fragments == ["Q•••••••3", "••••", "S••••••••s"]
    assert hit.summary["en"] == (
        "The post publishes credentials: a password (Q•••••••3), a PIN or door code (••••), "
        "a password in a connection string (S••••••••s)"
    )
    assert hit.summary["ru"].startswith("В посте опубликованы учётные данные: пароль (Q•••••••3)")
    assert hit.masked_text == "Login: admin / password: Q•••••••3, staff PIN ••••, DB postgres://app:S••••••••s@db.local/orders"
    for secret in ("Qwerty123", "4471", "S3cr3tPass"):
        assert all(secret not in shown for shown in (hit.masked_text, hit.summary["en"], hit.summary["ru"], *hit.fragments))


@pytest.mark.parametrize(
    "text",
    [
        "Staff Wi-Fi: NW_Team, password Latte2027. Не давайте гостям!",
        "Wi-Fi password is Kofe!2027 — don't tell the guests",
        "Staff network is NW-Back, key Moka#2027. Guests use the other one",
        "Пароль от кассы: 4471, не путать с паролем гостевого вайфая",  # the till's password, beside the guests' Wi-Fi
        "The till password is Kassa2027 — not the guest Wi-Fi one",
        "email: smm@northwind.example pass: Kofe2027",  # "example" in a domain is no example
    ],
)
def test_a_staff_network_is_not_made_a_guest_one_by_a_warning_about_guests(text: str) -> None:
    assert secrets_found(text) == ["password"]


def test_the_password_of_a_pair_is_masked_not_its_login() -> None:
    [hit] = check("secrets", "Пароль от админки: admin / Sever_Veter#2027")

    assert hit.fragments == ["S••••••••••••7"] and "admin /" in hit.masked_text


def test_every_excerpt_is_masked_of_secrets_and_personal_data() -> None:
    from monitor.detectors.masking import mask_sensitive

    shown = mask_sensitive("Logins for the new barista: login anna, password Latte2026!, card 4111 1111 1111 1111", BRAND_RULES)

    assert shown == "Logins for the new barista: login anna, password L••••••••!, card •••• •••• •••• 1111"


def test_a_brand_post_with_a_password_is_reported_and_its_evidence_masked(tmp_path: Path) -> None:
    brand = make_brand(tmp_path)
    brand.save(
        tweet("1101", ago(hours=2), "Team: the staff Wi-Fi password is coffee2026, the till PIN is 4471"),
        tweet("1102", ago(hours=1), "Free Wi-Fi for guests in every cafe, just ask the barista"),
        mention("3001", ago(hours=1), "@northwindcoffee my password is Qwerty123, help me log in"),
    )

    [finding] = brand.run(NOW, "secrets")
    every = [f for f in brand.run(NOW) if f.item_ids == ["1101"]]

    assert (finding.mistake, finding.severity, finding.item_ids) == ("oversharing", "critical", ["1101"])
    assert finding.details["matched"] == ["c••••••••6", "••••"]
    for found in every:  # no rule's evidence or summary repeats the secret
        shown = " ".join([*found.summary.values(), *(e["excerpt"] for e in found.evidence)])
        assert "coffee2026" not in shown and "4471" not in shown


def test_the_secret_detectors_run_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the secrets rule tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from monitor.text.secrets import find_secrets

    assert [s.kind for s in find_secrets(" ".join(token for _, token in _tokens()))] == ["token"] * len(_tokens())


def test_secrets_precision_and_recall_on_the_corpus() -> None:
    """tests/test_corpus.py scores a fixed list of rules; the secrets rule is held to the same bar here."""
    from tests.test_corpus import MIN_PRECISION, MIN_RECALL, corpus, predictions, score

    rows = corpus()
    tp, false_alarms, misses = score(rows, predictions()["secrets"], "secrets")
    assert tp + len(misses) >= 10, "fewer than 10 secrets rows in the corpus"
    assert tp / (tp + len(false_alarms)) >= MIN_PRECISION, [row["text"] for row in false_alarms]
    assert tp / (tp + len(misses)) >= MIN_RECALL, [row["text"] for row in misses]


# ---- personal data: government ids --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("паспорт 4510 123456", ["passport"]),
        ("Гость оставил паспорт 4510 № 123456 на кассе", ["passport"]),
        ("Passport 4510 123456 of our guest was found", ["passport"]),
        ("Загранпаспорт 75 1234567 забыли в кофейне", ["passport"]),
        ("SSN 123-45-6789 on the form is wrong", ["ssn"]),
        ("Her social security number is 123 45 6789", ["ssn"]),
        ("Tom's SSN: 078051120", ["ssn"]),
        ("@bob we have 123-45-6789 on file for you", ["ssn"]),  # the exact 3-2-4 shape
        ("NI number AB123456C", ["nino"]),
        ("Kate's National Insurance: ab 12 34 56 c", ["nino"]),
        ("Payroll: JG 10 37 54 A", ["nino"]),
        # traps
        ("Паспорт продлили в 2026, заявка 123456", []),
        ("Passport photos are taken in 10 minutes at our kiosk", []),
        ("Call 212-555-0182 for wholesale", ["phone"]),  # a phone, not an SSN
        ("Order 123-45-6789 shipped today", []),
        ("SSN 000-12-3456 is not a valid number", []),
        ("Reopening on 2026-11-20", []),
        ("Kate's NINO is QQ123456C", []),  # HMRC's documentation prefix
        ("Flight BA1234 lands at 9:40", []),
        ("SKU AB123456C is back in stock", []),
        ("Model GB123456A grinder", []),  # GB is never a NINO prefix
    ],
)
def test_government_ids(text: str, found: list[str]) -> None:
    assert kinds(text) == found


# ---- personal data: home addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Курьер доставит Ивану Петрову на ул. Ленина, д. 5, кв. 12.", ["address"]),
        ("Марина живёт на Тверской 7-15, заберите у неё ключи.", ["address"]),
        ("Адрес победителя: Тверская ул., д. 12, кв. 5", ["address"]),
        ("Отвезли заказ Ольге: Садовая улица, дом 3, квартира 41", ["address"]),
        ("Победитель конкурса — Анна Смирнова, пр-т Мира, 15, кв. 7", ["address"]),
        ("Доставьте по адресу: ул. 8 Марта, д. 10/2, корп. 1, кв. 56", ["address"]),
        ("Deliver it to John Smith, 1600 Pennsylvania Ave NW, Washington, DC 20500", ["address"]),
        ("Tom lives at 12 Oak Street, Austin TX 78701", ["address"]),
        ("Send the gift to Mary at 221 Baker St, Apt 4B, Boston, MA 02116", ["address"]),
        ("Winner Anna Lee, 350 Fifth Avenue, New York, NY 10118-0110", ["address"]),
        ("Sarah's flat: Flat 3, 12 Baker Street, London NW1 6XE", ["address"]),
        ("Courier: drop it at James Brown's, 27 Mill Road, Cambridge CB1 2AD", ["address"]),
        # No postcode: a flat and its street, an intercom, a Russian address in Latin letters.
        ("Big thanks to Pavel from flat 22 on Sadovaya 4, our most loyal regular", ["address"]),
        ("Оставили заказ соседке Ирины из квартиры 7 на Лесной 12", ["address"]),
        ("Send it to Kate, 14 Elm Road, Apt 5, she's back on Monday", ["address"]),
        ("Курьер у подъезда: ул. Мира, дом 5, корп. 2, домофон 47", ["address"]),
        ("We'll resend to Oleg Ivanov, ul. Lenina 12-45, Kazan", ["address"]),
        # traps: the brand's own places, dates, prices and areas
        ("Наш новый адрес: Москва, 125009, Тверская ул., д. 12.", []),
        ("Кофейня на Тверской, 12, стр. 3 откроется 01.12.2026 в 08:00.", []),
        ("Наша кофейня: ул. Ленина, д. 5, кв. 12 (вход со двора)", []),
        ("Площадь зала 120 кв. м, ул. Ленина, д. 5", []),
        ("Скидка 15% на Тверской 7-15 декабря", []),
        ("Латте 150-200 ₽ на Тверской", []),
        ("Работаем на Ленина 5-7 с 8 до 22", []),
        ("Our new cafe opens at 350 Fifth Avenue, New York, NY 10118 on Monday", []),
        ("Visit Northwind Coffee, 12 Oak Street, Austin TX 78701", []),
        ("Our roastery: 27 Mill Road, Cambridge CB1 2AD", []),
        ("Event venue: 10 Downing Street, London SW1A 2AA", []),
        ("Join us at 7 pm on Main Street for the tasting", []),
        ("Flat white 3 for 2 on Mondays at Tverskaya 9", []),
        ("Площадь 120 кв. м на Тверской 9 — наша новая кофейня", []),
        ("Our new office: 15 Mill Road, Unit 4", []),
        ("Coworking space, 40 Oak Street, Suite 200", []),
        ("Наш офис: ул. Мира, дом 5, домофон 47 — заходите на дегустацию", []),
    ],
)
def test_home_addresses(text: str, found: list[str]) -> None:
    assert kinds(text) == found


def test_an_address_shows_its_street_but_not_its_numbers() -> None:
    [hit] = check("personal_data", "Курьер доставит Ивану на ул. Ленина, д. 5, кв. 12. Tom lives at 12 Oak Street, Austin TX 78701")

    assert hit.fragments == ["ул. Ленина, д. •, кв. ••", "•• Oak Street, Austin TX •••••"]
    assert hit.severity == "critical"


# ---- personal data: dates of birth --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Дата рождения 12.03.1990 — проверьте анкету", ["birthdate"]),
        ("Our winner Kate was born on 3 May 1987", ["birthdate"]),
        ("DOB: 1990-03-12", ["birthdate"]),
        ("Анна родилась 12 марта 1990 года", ["birthdate"]),
        ("Иван Петров, 12.03.1990 г.р., выиграл конкурс", ["birthdate"]),
        ("Happy birthday to our barista Kate, born 14/02/1995!", ["birthdate"]),
        ("Tom's date of birth: March 3, 1985", ["birthdate"]),
        ("Д.р. 01.02.2001, Мария Соколова", ["birthdate"]),
        ("Birthday: 12.03.1990 (Anna)", ["birthdate"]),
        ("Дата рожденiя 12.03.1990", ["birthdate"]),  # a Latin «i» inside the Russian word
        # A birthday greeting and the customer's date on file a sentence on.
        ("@kate Happy birthday! Our records say 21.06.1993, so the cake is on us", ["birthdate"]),
        ("@olya С днём рождения! По анкете у вас 03.07.1995 — десерт в подарок", ["birthdate"]),
        ("Birthday party for the kids on 12.04.2026 — book a table!", []),  # this year's event, not a birth
        ("Our barista Kate's birthday party is on 12.04.2026, the whole team is invited", []),
        ("Our barista's daughter was born on 3 May 2025!", ["birthdate"]),
        # traps: the brand's own birthdays, placeholders, bare years
        ("Happy 10th birthday to our first cafe, opened on 20.11.2016!", []),
        ("Our cafe was born on 20.11.2016", []),
        ("День рождения кофейни — 12.03.2016", []),
        ("Date of birth is required at signup", []),
        ("Enter your date of birth as DD.MM.YYYY", []),
        ("Born in 1990, Anna loves espresso", []),
        ("Happy birthday, Anna! 🎂", []),
        ("Our brand was born on 3 May 2016 in a garage", []),
        ("Дата рождения 31.02.1990", []),  # no such day
        ("Дата рождения: 01.01.1900", []),  # the form's default
    ],
)
def test_dates_of_birth(text: str, found: list[str]) -> None:
    assert kinds(text) == found


# ---- the brand's own contacts and placeholders --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Press: press@northwind.example, jobs: hr@northwind.example",  # role mailboxes at the allowed address's domain
        "Пример заполнения формы: Иванов Иван, ivan@example.com, +7 900 000-00-00",  # a form's sample number
        # An e-mail that is an account's login: the secrets rule reports it with its password.
        "it's smm.team@gmail.com / Kofe_2027!! — 2FA goes to my phone",
        "Логин: smm.team@mail.ru, пароль: Zerno#2027",
        "Write to support@help.northwind.example",  # a subdomain of it
        "info@northwind.example answers within a day",
        "Example: ivan@example.com or you@test.com",
        "Write to name@example.org and we reply",
        "yourname@gmail.com — put your own address here",
        "Кофейня на Арбате: +7 495 123-45-67, ежедневно с 8 до 22",
        "Our Arbat shop: +7 495 123-45-67, open 8:00–22:00",
        "Магазин на Тверской, телефон 8 (495) 765-43-21, работаем без выходных",
    ],
)
def test_brand_role_addresses_example_addresses_and_shop_phones_pass(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ivan.petrov@northwind.example will call you", ["email"]),  # a person at the brand's domain
        ("info@gmail.com is not ours", ["email"]),  # a role name at someone else's domain
        ("Логин: ivan.petrov@gmail.com / Kofe!2027", ["email"]),  # a person's own e-mail as a login is still theirs
        ("Call Anna on +7 916 123-45-67 from 9:00 to 18:00, she runs our shop", ["phone"]),  # a person's phone
        ("Курьер Алексей будет у вас в 15:00, его телефон 8 (916) 123-45-67.", ["phone"]),
    ],
)
def test_people_at_or_near_the_brand_are_still_personal(text: str, found: list[str]) -> None:
    assert kinds(text) == found


def test_role_addresses_pass_at_every_allowed_domain() -> None:
    rules = RulesSettings.model_validate({"oversharing": {"allow": ["@brand.example", "owner@shop.example"]}})

    assert kinds("press@brand.example, hello@shop.example, anna@brand.example, anna@shop.example", rules) == ["email"]


# ---- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "🙂🔥☕" * 50,
        "مرحبا بكم في مقهى نورثويند، كلمة المرور 1234",
        "ברוכים הבאים! הסיסמה היא Qwerty123",
        "pass\u200bword: Qwerty123",
        "\u200b\u200c\u200d\ufeff" * 100,
        "x" * 10_000,
        ("password: " + "A1" * 5_000),
        ("паспорт 45 06 " * 800),
        ("ул. Ленина, д. 5, кв. 12 " * 400),
        "\x00\x01\ud7ff\ue000",
        ("@" * 3000) + ("1" * 3000) + ("-" * 3000),
        "margin 5% " * 1000,
        "между нами закрываем кофейню, выручка 5 млн " * 200,
        "1 " * 5000,
        "мaржа​ 70%",
    ],
)
def test_bad_input_never_crashes(text: str) -> None:
    from monitor.detectors.masking import mask_sensitive

    for rule in ("personal_data", "secrets", "internal_terms"):
        for hit in check(rule, text):
            assert hit.fragments
    assert isinstance(mask_sensitive(text, BRAND_RULES), str)


def test_a_zero_width_space_does_not_hide_a_password() -> None:
    [hit] = check("secrets", "pass\u200bword: Qwerty123")

    assert hit.fragments == ["Q•••••••3"] and "Qwerty123" not in hit.masked_text


def test_the_cheap_pre_filters_never_skip_a_finding() -> None:
    """maybe_secret and maybe_personal may pass clean texts, but never one the finders would report."""
    from monitor.detectors.oversharing import find_personal_data, maybe_personal
    from monitor.text.secrets import find_secrets, maybe_secret
    from tests.test_corpus import corpus

    module = __import__(__name__, fromlist=["*"])
    tables = [
        value
        for test in vars(module).values()
        for mark in getattr(test, "pytestmark", [])
        if mark.name == "parametrize"
        for value in mark.args[1]
    ]
    texts = [row["text"] for row in corpus()] + [v if isinstance(v, str) else v[0] for v in tables]
    texts += [token for _, token in _tokens()]
    for text in (t for t in texts if isinstance(t, str)):
        if find_secrets(text):
            assert maybe_secret(text), text
        if find_personal_data(text, BRAND_RULES.oversharing):
            assert maybe_personal(text), text
