"""Tone rules on stored timelines: the brand's own posts and replies are checked, customers' texts never."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from monitor.detectors.registry import registry
from monitor.settings import RulesSettings
from tests.detectors.helpers import (
    ALICE,
    NOW,
    Brand,
    ago,
    brand_reply,
    make_brand,
    mention,
    tweet,
)


@pytest.fixture
def brand(tmp_path: Path) -> Brand:
    """The brand with default tone rules (no competitors configured)."""
    return make_brand(tmp_path)


def found(brand: Brand, rule: str) -> list[tuple[str, list[str]]]:
    """(severity, item_ids) of every finding of rule at NOW."""
    return [(f.severity, f.item_ids) for f in brand.run(NOW, rule)]


# The word rules alone, for tests of their logic: the trained register model beside them is tested on its own.
WORD_RULES_ONLY = "[rules.tone]\nregister_model = false\n"


def check(rule: str, text: str, rules: RulesSettings | None = None, model: bool = False) -> list:
    """The pure text check of a tone rule, as `monitor check` runs it on a draft; the word rules alone unless model
    (the trained register model beside them is tested on its own)."""
    rules = rules or RulesSettings()
    rules = rules.model_copy(update={"tone": rules.tone.model_copy(update={"register_model": model})})
    return registry().get("tone", rule).check(text, rules)


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
def test_an_insult_needs_someone_it_is_aimed_at(tmp_path: Path, text: str, insulting: bool) -> None:
    """The word rules (the register model would warn on "You're not stupid for asking": it does not read negation)."""
    brand = make_brand(tmp_path, global_rules=WORD_RULES_ONLY)
    brand.save(tweet("1101", ago(hours=1), text))

    assert found(brand, "insult") == ([("critical", ["1101"])] if insulting else [])


def test_competitor_attacks_need_the_configured_competitor_and_a_negative_word(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules=WORD_RULES_ONLY + 'competitors = ["Шоколадница", "@coffeehouse_ru"]')
    brand.save(
        tweet("1101", ago(hours=5), "В Шоколаднице вас разводят на деньги, у нас честные цены"),
        tweet("1102", ago(hours=4), "Рядом открылась Шоколадница — добро пожаловать, соседи!"),
        tweet("1103", ago(hours=3), "Ужасный ливень, но курьеры уже в пути"),
        tweet("1104", ago(hours=2), "Coffeehouse_ru sells fake beans. Terrible stuff"),
        # Not configured, and a capitalised first word before "is" reads as any sentence start, not as a business.
        tweet("1105", ago(hours=1), "Starbucks is a scam"),
    )

    findings = brand.run(NOW, "attacks_competitor")

    assert [(f.severity, f.item_ids, f.details["competitor"]) for f in findings] == [
        ("warning", ["1101"], "Шоколадница"),
        ("warning", ["1104"], "@coffeehouse_ru"),
    ]
    assert findings[0].summary["ru"] == "Текст бренда нападает на конкурента Шоколадница (разводят): «В Шоколаднице вас разводят на деньги, у нас честные цены»"
    assert findings[1].details["negative_words"] == ["fake"]


def test_without_competitors_configured_a_name_written_like_a_business_is_guessed(brand: Brand) -> None:
    brand.save(
        tweet("1101", ago(hours=2), "Starbucks coffee tastes like burnt dishwater"),
        tweet("1102", ago(hours=1), "Monday traffic is terrible, our couriers are on the way"),
    )

    [finding] = brand.run(NOW, "attacks_competitor")

    assert (finding.severity, finding.item_ids) == ("warning", ["1101"])
    assert finding.details["competitor"] == "Starbucks" and finding.details["guessed"] is True
    assert finding.summary["en"].startswith("The brand's text runs down Starbucks, which reads as another business")


def test_guessing_competitors_can_be_switched_off(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules=WORD_RULES_ONLY + "guess_competitors = false")
    brand.save(tweet("1101", ago(hours=1), "Starbucks coffee tastes like burnt dishwater"))

    assert found(brand, "attacks_competitor") == []


def test_beside_the_word_rules_the_register_model_still_reads_an_unnamed_rival_run_down(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules="[rules.tone]\nguess_competitors = false")
    brand.save(tweet("1101", ago(hours=1), "Starbucks coffee tastes like burnt dishwater"))

    [finding] = brand.run(NOW, "attacks_competitor")

    assert (finding.severity, finding.item_ids) == ("warning", ["1101"]) and "tone model" in finding.summary["en"]


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
        ("Шоколадница — oтстой", ["отстой"]),  # the Latin o read as the Cyrillic one it disguises
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


# Talking down to a customer: repetition ("a hundred times"), sarcasm about reading, patronising address,
# "it's not rocket science" said to someone. English, Russian and mixed.
@pytest.mark.parametrize(
    "text",
    [
        "It's not rocket science, folks",
        "@dan_k it isn't rocket science: the button says Order",
        "As we've explained a hundred times, refunds take five days",
        "Like I said a million times, we don't deliver after 10",
        "For the hundredth time: the terrace is closed in winter",
        "How many times do we have to say it? No dogs inside",
        "Reading is hard, apparently",
        "Apparently some people can't read the sign on the door",
        "Did you even read the post? The price is right there",
        "Again, slowly: we open at eight",
        "@mia ok sweetie, the shop opens at 9",
        "How hard is it to read a menu board?",
        "Для особо одарённых повторяем ещё раз: мы закрыты",
        "Читать вы, видимо, не умеете",
        "Ещё раз, медленно: доставки ночью нет",
        "Сколько можно повторять: по понедельникам выходной",
        "Мы уже сто раз писали, что оплата только картой",
        "В сотый раз объясняем: бронь только по телефону",
        "Для тех, кто в танке: акция закончилась",
        "Это не бином Ньютона, друзья",
        "Неужели так сложно прочитать описание?",
        "Даже ребёнок поймёт, как работает наша кофемашина",
        "Русским языком написано: вход с собаками запрещён",
        "@olga deal with it, мы не работаем в праздники",
        "Lol, читать вы, видимо, не умеете: it's in the bio",
    ],
)
def test_condescension_and_sarcasm_at_a_customer_are_insults(text: str) -> None:
    assert check("insult", text)


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, we explained it badly — here it is again",
        "As we said yesterday, the Arbat café opens at 8",
        "We've been asked a hundred times, so here is an FAQ!",
        "Cold brew at home isn't rocket science: here's how",
        "Latte art is not rocket science, join our Saturday class",
        "Maths is hard, apparently: we charged you twice, sorry!",
        "@olga we'll deal with it, sorry",
        "Open for the last time this season!",
        "Okay, honey lovers: our honey latte is back",
        "Once again, thank you for 10,000 orders!",
        "Даже ребёнок справится с этим рецептом",
        "Не умеете читать ноты? Научим за месяц!",
        "В очередной раз напоминаем: скидка действует до пятницы",
        "Повторяем акцию ещё раз: второй кофе в подарок",
        "Мы плохо объяснили, простите: вот ещё раз условия",
        "Приготовить раф дома — не бином Ньютона: рецепт внутри",
        "Для самых внимательных: промокод спрятан в сторис",
        "«Читать вы не умеете» — так нам ответил курьер. Мы сменили службу доставки",  # quoting someone else
        "Reading is hard to fit into a busy week — our book club helps",
        "Thanks for your patience, folks, here's the new schedule",
    ],
)
def test_explaining_again_politely_encouraging_or_self_mockery_is_no_insult(text: str) -> None:
    assert check("insult", text) == []


@pytest.mark.parametrize(
    "text",
    [
        # A mocking emoji at someone, or a wry one after "Oh sure,".
        "Oh sure, because waiting 5 minutes is the end of the world for you 🙄",
        "Ну конечно, курьер виноват, что вы указали не тот адрес 🙃",
        "Ещё один «эксперт» учит нас варить кофе 🤡",
        # Scare quotes around a reader's words or a self-styled expert; a patronising name.
        "Thanks for your \"feedback\", we'll treat it with the attention it deserves.",
        "Another \"coffee expert\" in our DMs this morning.",
        "Nice try, genius.",
        "Hard pass, sweetie 💅",
        "Спасибо, кэп.",
        # Mock sympathy and contempt for a group.
        "Five minutes in a queue? How did you ever survive?",
        "People who order decaf shouldn't be allowed in a coffee shop.",
        "Ох уж эти блогеры, которые хотят всё бесплатно.",
        "Интернет-эксперты опять знают, как нам варить кофе.",
        "Some people really need to be told that ice melts.",
        # Telling a customer off, blaming them, sending them away.
        "Please stop spreading lies about our café.",
        "Хватит ныть, цены везде выросли.",
        "Лицо попроще сделайте, когда заходите.",
        "Значит, вы что-то напутали с адресом, у нас всё верно.",
        "Сами виноваты, надо было читать условия.",
        "It's your own fault for not reading the menu.",
        "@dan enjoy your overpriced chain coffee then ✌️",
        "If our prices are too steep for you, there's always the vending machine downstairs.",
        "Если тебе не по карману — иди в «Пятёрочку».",
        "Ну и пейте дальше свой растворимый.",
        "Sorry not sorry, if you want syrup in everything you're in the wrong place.",
        "Sorry you didn't like it. Maybe real coffee just isn't for everyone 🤷",
        "Ты ещё один мудак, который паркуется у входа.",
        "Made for people who can't tell a flat white from a latte, apparently.",
        "Вам не угодишь, честное слово.",
        "Надо было читать внимательнее, там всё написано.",
        "You should have read the description more carefully.",
        "Thanks for the TED talk on foam, Mark.",
        "You queued for 3 minutes? *rolls eyes*",
        # Mixed English and Russian.
        "Спасибо, Sherlock 🕵️",
        "Thanks for your «отзыв» 🙄",
        "Ну конечно, it's always the barista's fault 🙃 Вы серьёзно?",
        "Хватит ныть about prices, seriously.",
        "Bro, if it's too expensive for you, go to Пятёрочка.",
    ],
)
def test_sarcasm_telling_off_blaming_and_sending_away_are_insults(text: str) -> None:
    assert check("insult", text)


@pytest.mark.parametrize(
    "text",
    [
        "Enjoy your weekend then! See you Monday ☕",
        "Enjoy your sugar-free vanilla latte!",
        "How did you survive the heatwave? Cold brew helps.",
        "Monday again 🙄 Who's with us?",
        "We forgot to restock oat milk again 🙄 sorry!",
        "Pumpkin spice is back, sorry not sorry 🎃",
        "Tap 'Feedback' in the app to tell us more.",
        "Our 'expert' Anna will host the cupping on Friday.",
        "Flavours this week: vanilla, lavender, honey.",
        "Хватит жаловаться на погоду — приходите за какао!",
        "Мы сами виноваты, исправимся.",
        "Если вам дорого, загляните в наш happy hour с 15 до 17.",
        "If the 1kg bag is too much for you, try our 250g pack.",
        "Как вы пережили эту зиму? Согрейтесь нашим какао.",
        "Ну и пейте на здоровье!",
        "Maybe our ghost pepper latte just isn't for everyone 😅 but you should try it.",
        "Stop spreading the word: our loyalty card now works in all cafés!",
        "Анна, наш бариста — настоящий гений латте-арта!",
        "Some people need coffee before they can talk. We get it ☕",
        "*rolls eyes* at Monday. Who needs coffee?",
        "Thanks for the essay contest entries, everyone! Winners on Friday.",
        "If you can't tell our decaf from regular, that's the point 😉",
        "Happy Pi Day and happy birthday, Einstein! 🥧",
        "Ну конечно, we'll bring the pumpkin latte back 🙃 See you in September!",
        "Stuck in the snow for 5 hours? How did you survive?! Come warm up with us.",
        "Calling all wannabe baristas: join our Saturday class!",
        "A blind test: people who can't tell the difference between decaf and regular get a free cookie.",
        # Denied name-calling, and a customer's insult quoted in an apology.
        "We'd never call a customer stupid, and we're sorry it came across that way.",
        "Мы никогда не назовём гостя глупым, это недопустимо.",
        "\"Your staff are idiots and the coffee is cold\" — Masha, we're so sorry. DM us please.",
        "Спасибо за отзыв: «бариста хамло, кофе холодный». Нам очень жаль, разберёмся.",
    ],
)
def test_banter_our_own_products_denials_and_quoted_complaints_are_no_insult(text: str) -> None:
    assert check("insult", text) == []


def test_a_quoted_complaint_is_not_read_by_the_model_as_the_brands_words() -> None:
    text = "\"Your coffee tastes like burnt socks and your staff are idiots\" — Sergey, we hear you, and we're sorry."

    assert check("insult", text, model=True) == []
    assert check("attacks_competitor", text, model=True) == []


# Dismissing a customer: "shop elsewhere", "nobody forces you", "your problem", «дверь там», «ваши проблемы».
@pytest.mark.parametrize(
    "text",
    [
        "If you don't like it, shop elsewhere",
        "Don't like it? Don't buy it.",
        "Nobody forces you to buy our coffee",
        "No one is making you come here",
        "Not happy? There's the door.",
        "Cry more",
        "That's a you problem",
        "Take your business elsewhere then",
        "We don't need customers like you",
        "Boo hoo, the latte was 3 degrees too cold",
        "Кому не нравится — дверь там",
        "Не нравится — не покупайте",
        "Не устраивают цены? Ходите в другие кофейни",
        "Ваши проблемы",
        "Это ваши проблемы, а не наши",
        "Никто вас не заставляет у нас покупать",
        "Скатертью дорога",
        "Мы без таких клиентов проживём",
        "Нам плевать на ваше мнение",
        "@kate_p не нравится — отписывайтесь, nobody is forcing you",
    ],
)
def test_dismissing_a_customer_is_an_insult(text: str) -> None:
    [hit] = check("insult", text)

    assert hit.severity == "critical"


def test_a_dismissal_over_two_sentences_is_quoted_as_one_remark() -> None:
    [hit] = check("insult", "Don't like it? Shop elsewhere. We open at 8")

    assert hit.fragments == ["Don't like it? Shop elsewhere"]


@pytest.mark.parametrize(
    "text",
    [
        "If you don't like it, tell us and we'll remake it",
        "Don't like oat milk? Try our almond latte!",
        "If you don't like the new cups, leave a comment!",
        "Not happy? Leave us a message and we'll fix it",
        "Not happy with it? Feel free to take it back for a refund",
        "No one forces you to choose: take both!",
        "If you don't like spicy, don't order the chilli mocha",
        "It's not your problem, it's our mistake — refund is on the way",
        "Кому не нравится кинза — закажите без неё!",
        "Не понравится напиток — вернём деньги",
        "Ваши проблемы — наша забота!",
        "Решим ваши проблемы с доставкой за пять минут",
        "Никто не заставляет вас выбирать: берите оба десерта",
        "«Ваши проблемы» — так нам ответили в доставке. Больше с ними не работаем",
        "Нам не всё равно, что вы думаете",
        "Don't like the rain? Come in and warm up — у нас тепло",
    ],
)
def test_helpful_alternatives_and_quoted_rudeness_are_no_dismissal(text: str) -> None:
    assert check("insult", text) == []


# A plural insult calls a group names, whoever the text is addressed to; every case form counts.
@pytest.mark.parametrize(
    "text",
    [
        "Кругом одни идиоты",
        "Опять какие-то придурки перегородили вход",
        "Для идиотов повторяем: мы закрыты",
        "Дураки, читайте правила",
        "Таких дураков ещё поискать",
        "Опять эти дебилы паркуются на тротуаре",
        "Хватит кормить троллей-неудачников и лузеров",
        "Some idiots parked across our entrance again",
        "Morons keep tagging us in their spam",
    ],
)
def test_plural_insults_in_any_case_are_insults(text: str) -> None:
    assert check("insult", text)


@pytest.mark.parametrize(
    "text",
    [
        "We laughed like idiots at the staff party",
        "Мы как дураки ждали поставку до полуночи",
        "Дураков нет — цены у нас честные",
        "Idiots guide to pour-over: step one, boil water",
        "Dumbass move by us: we forgot to restock",
        "Рубрика «Вопросы для чайников»: как выбрать турку",
    ],
)
def test_similes_titles_idioms_and_ourselves_are_no_name_calling(text: str) -> None:
    assert check("insult", text) == []


# Competitors nobody configured: an @handle, a quoted «Name», a CamelCase brand, or a capitalised name where
# a business stands ("unlike X", "X's coffee", "the latte at X", "X charges"), next to a run-down.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("@rivalcafe serves mud and calls it coffee", "@rivalcafe"),
        ("в „Пекарне №1“ вас обсчитают", "Пекарне №1"),
        ("Unlike BeanBarn, we don't water down our espresso", "BeanBarn"),
        ("Starbucks coffee tastes like burnt dishwater", "Starbucks"),
        ("Greggs' sausage rolls are stale by noon", "Greggs"),
        ("The coffee at Joe's is overpriced", "Joe"),
        ("Compared to Pret, our sandwiches are never soggy", "Pret"),
        ("Dunkin charges twice as much for a smaller cup", "Dunkin"),
        ("BeanBarn's espresso: burnt, bitter and overpriced", "BeanBarn"),
        ("@beanbarn? Their lattes taste like dishwater", "@beanbarn"),
        ("Tim Hortons coffee is watery", "Tim Hortons"),
        ("В отличие от Кофемании, у нас не бывает горького эспрессо", "Кофемании"),
        ("Кофе в Кофемании — помои", "Кофемании"),
        ("У Кофемании цены грабительские", "Кофемании"),
        ("Кофемания обсчитывает гостей", "Кофемания"),
        ("«Кофемания» — обдираловка", "Кофемания"),
        ("@rivalcafe разбавляет молоко водой, sorry not sorry", "@rivalcafe"),
        # Where it stands between the name and its verb; a rival named by where it is.
        ("Friendly reminder that Bean There on 5th Street reheats yesterday's espresso", "Bean There"),
        ("Кофемания на Тверской обсчитывает гостей", "Кофемания"),
        ("That place on the corner, you know the one with the red sign, microwaves its croissants", "That place on the corner"),
        ("Кофейня напротив опять разбавляет молоко водой", "Кофейня напротив"),
        ("A certain coffee chain with a green logo burns its beans", "A certain coffee chain"),
        ("Одна известная сеть опять разбавляет молоко", "Одна известная сеть"),
    ],
)
def test_an_unlisted_name_that_reads_as_a_business_is_an_attack(text: str, name: str) -> None:
    [hit] = check("attacks_competitor", text)

    assert (hit.severity, hit.details["competitor"], hit.details["guessed"]) == ("warning", name, True)


@pytest.mark.parametrize(
    "text",
    [
        "Congrats to @rivalcafe on the new shop",
        "Спасибо «Пекарне №1» за совместный фестиваль",
        "@alice sorry your latte was cold and bitter, we'll remake it",  # the person answered, and our latte
        "Thanks @bob for the feedback on our bitter espresso",
        "Hi @bob, the croissant was stale? We'll replace it",
        "@alice? Are you there? We can't find your order",
        "Iced coffee is watery when the ice melts, so we freeze coffee cubes",
        "Moscow traffic is terrible, but our couriers are on the way",
        "В Москве ужасные пробки, но курьеры уже едут",
        "Our DeLonghi broke again, terrible timing",
        "YouTube is awful today, sorry for the stream lag",
        "#MondayBlues are terrible, coffee helps",
        "Compared to Brazil, Kenya is more sour",
        "Masha's latte art today was a disaster 😂 practice makes perfect",
        "Наш бленд «Утро» совсем не горький",
        "Фильм «Горько» в пятницу в нашем кинозале",
        "“Terrible coffee” — said no one ever about our espresso",
        "In Soviet Russia coffee drinks you: bad joke, good beans",
        "Маша сегодня пролила ужасно много молока 😅",
    ],
)
def test_neutral_mentions_people_places_platforms_and_our_own_things_are_no_attack(text: str) -> None:
    assert check("attacks_competitor", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "⚠️ There's a fake 'Northwind Giveaway' page asking for card details. That is NOT us.",
        "Scam alert: Coffee Rewards Club is not affiliated with us, never pay a fee to join.",
        "Осторожно, мошенники пишут от имени «Северного Кофе» и просят данные карты.",
        "The café across the street is closed today, so our queue is terrible, sorry!",
        "That bakery next to the station has lovely bread, we buy ours there.",
        "The café on the corner had a terrible leak yesterday, so it's closed.",
        "We opened one more café on Arbat, no more terrible queues!",
        "Мы открыли ещё одну кофейню, чтобы не было ужасных очередей.",
    ],
)
def test_scam_warnings_and_places_we_speak_well_of_are_no_attack(text: str) -> None:
    assert check("attacks_competitor", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Honestly, Costa's flat white is pretty good too. We're all just trying to get people decent coffee ☕",
        "Да, «Шоколадница» рядом, и там тоже есть что поесть — мы не против, конкуренция это нормально 🙂",
    ],
)
def test_speaking_well_of_a_rival_is_no_attack_even_to_the_model(text: str) -> None:
    assert check("attacks_competitor", text, model=True) == []


def test_the_brands_own_name_is_never_a_competitor() -> None:
    own = RulesSettings.model_validate({"tone": {"own_names": ["BeanBarn", "@beanbarn"]}})
    text = "BeanBarn's espresso used to be bitter; @beanbarn fixed it"

    assert check("attacks_competitor", text) != []
    assert check("attacks_competitor", text, own) == []
    assert check("attacks_competitor", "Here at Northwind we never serve stale bread") == []


def test_a_configured_competitor_keeps_its_configured_name_beside_a_guessed_one() -> None:
    hits = check("attacks_competitor", "Starbucks and BeanBarn both sell stale muffins", COMPETITORS)

    assert [(h.details["competitor"], h.details["guessed"]) for h in hits] == [("Starbucks", False), ("BeanBarn", True)]
    assert hits[0].summary["en"].startswith("The brand's text runs down competitor Starbucks (stale)")
    hits = check("attacks_competitor", "Шоколадница обманывает. Unlike BeanBarn, we never reheat croissants", COMPETITORS)
    assert [(h.details["competitor"], h.details["guessed"]) for h in hits] == [("Шоколадница", False), ("BeanBarn", True)]


# Mild expletives: a warning, not obscenity. Strong obscenity stays critical, however it is disguised.
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Bloody hell, the queue this morning!", ["b***", "h***"]),
        ("This is crap, the oven died again", ["c***"]),
        ("Damn, we're out of oat milk", ["d***"]),
        ("Damn good coffee and a slice of pie", ["d***"]),
        ("What the hell happened to spring?", ["h***"]),
        ("Hot as hell on the terrace today", ["h***"]),
        ("Goddamn printer jammed again", ["g***"]),
        ("Bugger, the courier is late", ["b***"]),
        ("Our barista is pissed about the new schedule", ["p***"]),
        ("Хрен с ним, с дождём: в кофейне тепло", ["х***"]),
        ("Ни хрена себе очередь!", ["х***"]),
        ("Хреново у нас сегодня с Wi-Fi", ["х***"]),
        ("Чёрт, опять дождь", ["ч***"]),
        ("Чёрт возьми, уже пятница", ["ч***"]),
        ("Охренеть, какая пена", ["о***"]),
        ("Friday mood: чёрт возьми, again no sun", ["ч***"]),
    ],
)
def test_mild_expletives_are_a_warning(text: str, words: list[str]) -> None:
    [hit] = check("profanity", text)

    assert (hit.severity, hit.fragments, hit.details["mild"]) == ("warning", words, words)
    assert hit.masked_text is None


def test_obscene_and_mild_words_together_are_critical_and_both_listed() -> None:
    [hit] = check("profanity", "Fucking hell, the grinder broke")

    assert (hit.severity, hit.fragments, hit.details["words"], hit.details["mild"]) == ("critical", ["f***", "h***"], ["f***"], ["h***"])
    assert hit.summary["en"] == "Obscene language in the brand's text: f***; also mild: h***"


@pytest.mark.parametrize(
    "text",
    [
        "A Bloody Mary and a flat white, please",
        "Hell's Kitchen night at our café",
        "Hello everyone, we're open",
        "Damn Good Coffee opened across the street, welcome!",  # a name
        "We're freaking out about the new roast",  # euphemisms are brand voice
        "Heck, what a week",
        "Ну и погода, блин! Заходите греться",  # блин: a euphemism most brands use (and a pancake)
        "Блины с вареньем по вторникам",
        "Холодец с хреном на новогоднем столе",  # horseradish
        "Хреновуха и сало на дегустации",
        "Чёртово колесо в парке рядом с кофейней",
        "Много общих черт у наших бариста",
        "Офигенный раф на кокосовом",
        "Ёшкин кот, опять дождь",
        "Ёлки-палки, уже пятница",
        "Ё-моё, три года кофейне!",
        "Ёпрст, кофемашина сломалась",
    ],
)
def test_euphemisms_names_and_food_are_not_profanity(text: str) -> None:
    assert check("profanity", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "пиzдец какой снег",  # a Latin z typed for з
        "хуйnя с терминалом",
        "bлять, опять пробки",
        "fuсk this rain",  # a Cyrillic с inside an English word
        "Ёпт, опять дождь",  # mat inside an interjection
        "Ёпта, ну и погода",
        "Ёп твою мать, опять пробки",
        "П и з д е ц какой ливень",
        "Пи3дец",
        "Пииииздец",
        "fu\u200bck this",  # a zero-width space inside
        "f\u0336u\u0336c\u0336k\u0336 Mondays",  # strikethrough marks
        "Ну и ху*ню вы написали в отзыве",  # a masked inflected form
        "Ох*еть, нас уже 50 тысяч",
    ],
)
def test_disguised_obscenity_stays_critical(text: str) -> None:
    [hit] = check("profanity", text)

    assert hit.severity == "critical"
    assert hit.masked_text is not None


BAD_INPUT = {
    "empty": "",
    "blank": " \n\t ",
    "emoji only": "☕🔥🎉❤️✨" * 40,
    "emoji with joiners": "👨‍👩‍👧‍👦" * 100,
    "arabic": "مرحبا بكم في مقهانا، القهوة لذيذة جدا! " * 20,
    "hebrew": "שלום, הקפה שלנו טעים מאוד " * 20,
    "bidi overrides": "\u202efuck\u202c and \u202eхуй\u202c",
    "zero-width only": "\u200b\u200c\u200d\ufeff" * 500,
    "mixed scripts in a word": "пиzдецfuckхуйnя" * 50,
    "10,000 letters": "a" * 10_000,
    "10,000 masks": "*" * 10_000,
    "10,000 masked letters": "f*" * 5_000,
    "10,000 characters of insults": ("you idiot, nobody forces you to buy " * 300)[:10_000],
    "10,000 characters in Russian": ("вы дураки, не нравится — не покупайте. " * 300)[:10_000],
    "10,000 characters of names": ("Unlike BeanBarn Costa Coffee Starbucks, «Пекарня» is never bitter " * 200)[:10_000],
    "10,000 characters of handles": ("@rival serves mud " * 600)[:10_000],
    "control characters": "\x00\x01\x7f fuck\x00 you",
    "lone surrogate": "fuck \ud800 you",
    "5,000 combining marks": "f" + "\u0336" * 5_000 + "uck",
    "punctuation only": "?!.…;«»\"“”„@#" * 500,
    "one long Cyrillic word": "ё" * 10_000,
}


@pytest.mark.parametrize("rule", ["profanity", "insult", "attacks_competitor"])
@pytest.mark.parametrize("text", list(BAD_INPUT.values()), ids=list(BAD_INPUT))
def test_bad_input_never_crashes_a_rule(rule: str, text: str) -> None:
    rules = RulesSettings.model_validate({"tone": {"competitors": ["Starbucks", "Шоколадница"], "own_names": ["Northwind"]}})
    started = time.perf_counter()

    hits = check(rule, text, rules)

    assert isinstance(hits, list)
    assert time.perf_counter() - started < 5  # no pattern backtracks for ever on a long text


def test_invisible_characters_hide_no_word_and_bidi_text_stays_as_written() -> None:
    [hit] = check("profanity", "What the fu\u200bck")

    assert hit.fragments == ["f***"] and hit.masked_text == "What the f***"
    assert check("insult", "\u200fYou\u200b idiot\u200d") != []


def test_masking_shows_innocent_text_exactly_as_written() -> None:
    from monitor.text.obscenity import mask_obscene

    assert mask_obscene("Family day 👨‍👩‍👧 ❤️ at the café") == "Family day 👨‍👩‍👧 ❤️ at the café"
    assert mask_obscene("What the fu\u200bck, Monday") == "What the f***, Monday"
