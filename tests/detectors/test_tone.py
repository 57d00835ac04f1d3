"""Tone rules on stored timelines: the brand's own posts and replies are checked, customers' texts never."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.detectors.registry import registry
from monitor.settings import RulesSettings
from tests.detectors.helpers import ALICE, NOW, Brand, ago, brand_reply, make_brand, mention, tweet


@pytest.fixture
def brand(tmp_path: Path) -> Brand:
    """The brand with default tone rules (no competitors configured)."""
    return make_brand(tmp_path)


def found(brand: Brand, rule: str) -> list[tuple[str, list[str]]]:
    """(severity, item_ids) of every finding of rule at NOW."""
    return [(f.severity, f.item_ids) for f in brand.run(NOW, rule)]


def check(rule: str, text: str, rules: RulesSettings | None = None) -> list:
    """The pure text check of a tone rule, as `monitor check` runs it on a draft."""
    return registry().get("tone", rule).check(text, rules or RulesSettings())


def test_customers_rude_mention_is_never_flagged_the_brands_rude_reply_is(brand: Brand) -> None:
    rude = mention("3001", ago(hours=3), "@northwindcoffee where the f*ck is my order, you idiots")
    brand.save(rude, brand_reply("1101", ago(hours=2), to=rude, text="@alice calm the fuck down, you idiot"))

    [profanity] = brand.run(NOW, "profanity")
    [insult] = brand.run(NOW, "insult")

    assert (profanity.mistake, profanity.severity, profanity.item_ids) == ("tone", "critical", ["1101"])
    assert profanity.summary["en"] == "Obscene language in the brand's text: f***"
    assert profanity.summary["ru"] == "Нецензурная лексика в тексте бренда: f***"
    assert profanity.evidence[0]["url"] == "https://x.com/northwindcoffee/status/1101"
    assert profanity.evidence[0]["excerpt"] == "@alice calm the f*** down, you idiot"  # the email does not repeat it
    assert insult.item_ids == ["1101"]
    assert insult.summary["en"] == "The brand's text insults someone: “@alice calm the f*** down, you idiot”"
    assert "fuck" not in insult.summary["en"]


def test_disguised_obscenity_is_named_as_disguised_and_never_shown_in_full(brand: Brand) -> None:
    brand.save(tweet("1101", ago(hours=5), "Oпять эта xуйня с терминалом, бл@"))

    [finding] = brand.run(NOW, "profanity")

    assert finding.details["matched"] == ["х***", "б***"]
    assert finding.details["disguised"] is True
    assert "замаскирована" in finding.summary["ru"]
    assert "хуйня" not in finding.summary["ru"] and "xуйня" not in finding.summary["ru"]
    assert finding.evidence[0]["excerpt"] == "Oпять эта х*** с терминалом, б***"


def test_each_offending_post_is_its_own_finding_and_clean_posts_none(brand: Brand) -> None:
    brand.save(
        tweet("1101", ago(days=2), "Пиздец какой снег, но кофе горячий"),
        tweet("1102", ago(days=1), "Курс рубля скачет, но цены на кофе мы не меняем"),
        tweet("1103", ago(hours=3), "Monday mornings are shit"),
        tweet("1104", ago(hours=1), "Our assistant made a classic cocktail menu in Scunthorpe"),
    )

    assert found(brand, "profanity") == [("critical", ["1101"]), ("critical", ["1103"])]


def test_retweets_and_posts_older_than_the_audit_window_are_not_checked(brand: Brand) -> None:
    brand.save(
        tweet("1101", ago(days=91), "Holy shit, what a week"),
        tweet("1102", ago(hours=2), "RT @alice: this shit is good", is_share=True),
        tweet("3001", ago(hours=2), "this shit is good", author=ALICE),
    )

    assert found(brand, "profanity") == []


def test_allow_words_exempt_a_name_the_brand_uses_on_purpose(tmp_path: Path) -> None:
    text = "Bitchin' Sauce is back in our fridge, grab a jar with your latte"
    (tmp_path / "strict").mkdir(), (tmp_path / "relaxed").mkdir()
    strict = make_brand(tmp_path / "strict")
    relaxed = make_brand(tmp_path / "relaxed", global_rules='[rules.tone]\nallow_words = ["bitchin"]')
    for brand in (strict, relaxed):
        brand.save(tweet("1101", ago(hours=1), text))

    assert found(strict, "profanity") == [("critical", ["1101"])]
    assert found(relaxed, "profanity") == []


def test_profanity_can_be_switched_off_for_one_account_the_other_tone_rules_stay(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules='[accounts.rules.tone]\ndisable = ["profanity"]')
    brand.save(brand_reply("1101", ago(hours=1), text="@alice you are a fucking idiot"))

    assert found(brand, "profanity") == []
    assert found(brand, "insult") == [("critical", ["1101"])]


@pytest.mark.parametrize(
    ("text", "insulting"),
    [
        ("@alice you are an idiot if you think decaf is coffee", True),
        ("Stupid customers keep asking for oat milk we don't have", True),
        ("@ivan ты дебил? Кофейня закрыта на ремонт", True),
        ("Вы что, совсем тупые? Часы работы на двери", True),
        ("Learn to read, the opening hours are on the door", True),
        ("Our new grinder is idiot-proof", False),
        ("Книжный клуб: читаем «Идиот» Достоевского", False),
        ("Have you read The Idiot? Dostoevsky night on Thursday", False),
        ("You're not stupid for asking, the menu is confusing", False),
        ("Our barista made a stupid mistake with your order, sorry", False),
        ("Клоун на детском празднике в субботу", False),
    ],
)
def test_an_insult_needs_someone_it_is_aimed_at(brand: Brand, text: str, insulting: bool) -> None:
    brand.save(tweet("1101", ago(hours=1), text))

    assert found(brand, "insult") == ([("critical", ["1101"])] if insulting else [])


def test_competitor_attacks_need_the_configured_competitor_and_a_negative_word(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules='[rules.tone]\ncompetitors = ["Шоколадница", "@coffeehouse_ru"]')
    brand.save(
        tweet("1101", ago(hours=5), "В Шоколаднице вас разводят на деньги, у нас честные цены"),
        tweet("1102", ago(hours=4), "Рядом открылась Шоколадница — добро пожаловать, соседи!"),
        tweet("1103", ago(hours=3), "Ужасный ливень, но курьеры уже в пути"),
        tweet("1104", ago(hours=2), "Coffeehouse_ru sells fake beans. Terrible stuff"),
        tweet("1105", ago(hours=1), "Starbucks is a scam"),  # not a configured competitor
    )

    findings = brand.run(NOW, "attacks_competitor")

    assert [(f.severity, f.item_ids, f.details["competitor"]) for f in findings] == [
        ("warning", ["1101"], "Шоколадница"),
        ("warning", ["1104"], "@coffeehouse_ru"),
    ]
    assert findings[0].summary["ru"] == "Текст бренда нападает на конкурента Шоколадница (разводят): «В Шоколаднице вас разводят на деньги, у нас честные цены»"
    assert findings[1].details["negative_words"] == ["fake"]


def test_without_competitors_configured_nothing_is_an_attack(brand: Brand) -> None:
    brand.save(tweet("1101", ago(hours=1), "Starbucks coffee tastes like burnt dishwater"))

    assert found(brand, "attacks_competitor") == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Шоколадница", "Шоколадницей опять разочарованы? Мы вас ждём"),
        ("Шоколадница", "Кофе в Шоколаднице — помои"),
        ("Costa Coffee", "costa coffee is a rip-off"),
        ("Costa Coffee", "Unlike Costa Coffee's stale pastries, ours are baked daily"),
        ("@coffeehouse_ru", "@CoffeeHouse_RU — обман и бурда"),
    ],
)
def test_competitor_names_match_in_any_case_and_russian_inflection(name: str, text: str) -> None:
    rules = RulesSettings.model_validate({"tone": {"competitors": [name]}})

    [hit] = check("attacks_competitor", text, rules)

    assert hit.details["competitor"] == name


def test_draft_check_masks_the_words_it_reports() -> None:
    [hit] = check("profanity", "What the fuck, Costa Coffee? Ебаный снег")

    assert hit.fragments == ["f***", "е***"]
    assert hit.details["count"] == 2


@pytest.mark.parametrize(
    ("text", "obscene"),
    [
        ("Kiss my ass, Monday", True),
        ("Get off your ass and come get a coffee", True),
        ("The blue tits are back at our garden café feeder", False),
        ("Dick Smith from our roasting team explains the cupping score", False),
        ("Moby Dick reading club meets on Thursday", False),
    ],
)
def test_words_obscene_only_in_context_are_judged_by_the_model(text: str, obscene: bool) -> None:
    assert bool(check("profanity", text)) is obscene


def test_a_higher_profanity_threshold_spares_context_words_never_obscene_ones() -> None:
    rules = RulesSettings.model_validate({"tone": {"profanity_threshold": 0.9999}})

    assert check("profanity", "Kiss my ass, Monday", rules) == []
    assert [h.fragments for h in check("profanity", "Fuck Mondays", rules)] == [["f***"]]


COMPETITORS = RulesSettings.model_validate({"tone": {"competitors": ["Starbucks", "Costa Coffee", "Шоколадница", "@coffeehouse_ru"]}})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # quality and taste, English and Russian with endings
        ("Starbucks pastries are stale and the coffee is watery", ["stale", "watery"]),
        ("Costa Coffee's espresso is so bitter you'll need three sugars", ["bitter"]),
        ("В Шоколаднице опять несвежие круассаны", ["несвежие"]),
        ("Капучино в Шоколаднице водянистый и отдаёт горечью", ["водянистый", "горечью"]),
        ("Шоколадница варит жжёное зерно", ["жженое"]),
        # price
        ("At Starbucks you pay for the logo: a rip-off", ["rip-off"]),
        ("Costa Coffee charges double the price for the same flat white", ["charges double"]),
        ("Переплата за бренд — вот что такое Шоколадница", ["переплата"]),
        ("Кофе в Шоколаднице в два раза дороже, а вкус тот же", ["в два раза дороже"]),
        ("@coffeehouse_ru — обдираловка", ["обдираловка"]),
        # health
        ("Two friends got food poisoning after lunch at Costa Coffee", ["food poisoning"]),
        ("После Шоколадницы у гостя было отравление", ["отравление"]),
        # behaviour: copying, lying, stealing
        ("Starbucks copied our seasonal menu again", ["copied our"]),
        ("Шоколадница скопировала наше меню и врёт про обжарку", ["скопировала", "врет"]),
        ("Шоколадница ворует наши рецепты", ["ворует"]),
        # disguised spellings go through the word layer
        ("Starbucks coffee is t3rrible and st4le", ["t3rrible", "st4le"]),
        ("Шоколадница — oтстой", ["oтстой"]),
        # an insult or an obscene word next to a competitor
        ("Starbucks baristas are idiots", ["idiots"]),
        ("Fuck Starbucks, honestly", ["f***"]),
        ("Шоколадница — сборище идиотов", ["идиотов"]),
    ],
)
def test_negative_vocabulary_by_what_it_attacks(text: str, words: list[str]) -> None:
    [hit] = check("attacks_competitor", text, COMPETITORS)

    assert hit.details["negative_words"] == words


@pytest.mark.parametrize(
    "text",
    [
        "Unlike Starbucks, we never serve burnt coffee",
        "Unlike Costa Coffee, our pastries are never stale",
        "В отличие от Шоколадницы, у нас не бывает несвежих круассанов",
        "По сравнению с Шоколадницей мы не обманываем гостей",
    ],
)
def test_comparative_disparagement_counts_a_denied_negative_word(text: str) -> None:
    assert check("attacks_competitor", text, COMPETITORS)


@pytest.mark.parametrize(
    "text",
    [
        "Unlike Starbucks, we roast every batch in Moscow",
        "В отличие от Шоколадницы, мы работаем до полуночи",
        "Starbucks is not terrible at all, we just roast differently",
        "Шоколадница не обманывает гостей, и мы тоже",
    ],
)
def test_without_a_negative_word_or_with_a_denied_one_a_comparison_is_no_attack(text: str) -> None:
    assert check("attacks_competitor", text, COMPETITORS) == []


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("Starbucks? Their lattes taste like dishwater", True),
        ("Шоколадница? У них кофе безвкусный", True),
        ("Спасибо @coffeehouse_ru за молоко. Без них было бы ужасно", False),
        ("Starbucks opened next door. They say our coffee is terrible, we disagree", False),
        ("Congrats to Starbucks on their new roastery! Terrible weather for the opening though", False),
    ],
)
def test_the_next_sentence_may_point_back_at_the_competitor(text: str, attack: bool) -> None:
    hits = check("attacks_competitor", text, COMPETITORS)

    assert bool(hits) is attack
    if attack:
        assert hits[0].fragments == [text]  # the quote names the competitor


@pytest.mark.parametrize(
    "text",
    [
        "Starbucks launched a bitter chocolate mocha this week",
        "Шоколадница выпустила десерт на горьком шоколаде",
        "Costa Coffee has a new dirty chai on the menu",
        "Шоколадница открылась в парке Горького",
        "С горечью узнали, что Шоколадница на Арбате закрывается",
        "Жалко, что Шоколадница на Арбате закрылась",
        "Kids love the clown at Costa Coffee's birthday party",
        "Starbucks and we both avoided price rises this year",
        "Our lease expired and so did Costa Coffee's next door",
    ],
)
def test_flavours_names_sympathy_and_literal_words_are_no_attack(text: str) -> None:
    assert check("attacks_competitor", text, COMPETITORS) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("@Starbucks is overpriced", "Starbucks"),
        ("#CostaCoffee is overpriced", "Costa Coffee"),
        ("@costa_coffee sells stale muffins", "Costa Coffee"),
        ("@starbucks_ru врёт про зерно", "Starbucks"),
    ],
)
def test_a_competitor_written_as_a_handle_or_hashtag_is_named(text: str, name: str) -> None:
    [hit] = check("attacks_competitor", text, COMPETITORS)

    assert hit.details["competitor"] == name


@pytest.mark.parametrize(
    "text",
    [
        "@petrov идите на хуй со своими советами",
        "Иди на х*й, умник",
        "@olga пошла вон отсюда",
        "Пошёл вон, и не возвращайся",
        "Да пошли вы все со своими отзывами",
        "@mike go f*** yourself",
        "@mike fuck off with your complaints",
        "Get lost, Kevin",
        "Диванный эксперт-идиот опять учит нас варить кофе",
        "Очередной эксперт-дебил пишет про обжарку",
        "С такими мозгами вам лучше пить растворимый",
        "You have one brain cell, and it's decaf",
        "Ты полный дегенерат, если пьёшь кофе с кетчупом",
        "You absolute buffoon, the café opens at 8",
        "Вы сволочи, а не клиенты",
        "Stupid bloggers keep tagging us",
    ],
)
def test_dismissals_epithets_and_a_broader_lexicon_are_insults(text: str) -> None:
    assert check("insult", text)


@pytest.mark.parametrize(
    "text",
    [
        "Fuck off, Monday",  # said to a thing: profanity, not an insult
        "Пошёл вон, дождь!",
        "Get lost in our new book corner",
        "Идите вон туда, к окну, там свободный столик",
        "Катитесь с горки и грейтесь у нас какао",
        "Сказка про Ивана-дурака для детей в субботу",
        "I have one brain cell left before my first coffee",
        "@alice haha, I have one brain cell left before coffee",
        "Ты самый умный бариста в Москве, Антон!",
        "Свинью подложил нам поставщик молока",
    ],
)
def test_dismissals_to_things_fairy_tales_and_self_mockery_are_not_insults(text: str) -> None:
    assert check("insult", text) == []
