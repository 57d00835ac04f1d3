"""follower_spike on stored follower timelines, and absolute_claims on stored posts and single texts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from connectors.base import Batch, FetchedItem, ProfileSnapshot
from monitor.config_errors import ConfigError
from monitor.detectors.registry import registry
from monitor.settings import RulesSettings
from monitor.store.repo import ensure_account, save_batch
from tests.detectors.helpers import ACCOUNT, ALICE, BOB, BRAND, BRAND_ID, NOW, Brand, ago, brand_reply, make_brand, mention, tweet

SPIKE = "follower_spike"
CLAIMS = "absolute_claims"
SPIKE_DAY = datetime(2026, 11, 18, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def brand(tmp_path: Path) -> Brand:
    """The brand with the default misleading rules (z 3.5, 500 followers, 7 baseline days, 30-day window)."""
    return make_brand(tmp_path)


def sweep(brand: Brand, when: datetime, followers: int, *items: FetchedItem) -> None:
    """One sweep at `when` that saw the brand with `followers` followers (and items, if any)."""
    with brand.sessions() as session, session.begin():
        account = ensure_account(session, ACCOUNT, "x", BRAND, NOW - timedelta(days=60))
        snapshot = ProfileSnapshot(external_id=BRAND_ID, handle=BRAND, followers=followers)
        save_batch(session, account, "x", Batch(items=list(items), snapshot=snapshot), when)


def daily_history(brand: Brand, gains: list[int], start: int = 10_000, last_day: datetime = SPIKE_DAY) -> int:
    """One noon sweep a day ending on last_day, the follower count growing by `gains`; returns the last count."""
    count = start
    first = last_day - timedelta(days=len(gains))
    sweep(brand, first, count)
    for offset, gain in enumerate(gains, start=1):
        count += gain
        sweep(brand, first + timedelta(days=offset), count)
    return count


STEADY = [110, 95, 120, 100, 90, 130, 105, 115, 98, 102, 125, 93, 108, 97]


def test_steady_organic_growth_is_not_reported(brand: Brand) -> None:
    daily_history(brand, [20 * gain for gain in STEADY + [118, 101, 131]], last_day=NOW)  # about 2,000 a day

    assert brand.run(NOW, SPIKE) == []


def test_bought_followers_spike_is_reported_with_the_counts_as_evidence(brand: Brand) -> None:
    before = daily_history(brand, STEADY, start=10_912, last_day=SPIKE_DAY - timedelta(days=1))
    assert before == 12_400
    sweep(brand, SPIKE_DAY, 18_900)
    sweep(brand, SPIKE_DAY + timedelta(days=1), 19_010)

    [finding] = brand.run(NOW, SPIKE)

    assert (finding.mistake, finding.rule, finding.severity) == ("misleading", SPIKE, "warning")
    assert finding.key == "2026-11-18"
    assert finding.item_ids == []
    assert finding.summary["en"] == (
        "northwind-x gained 6,500 followers on 2026-11-18, against a usual 104 a day, "
        "with no rise in mentions or comments: followers may have been bought"
    )
    [evidence] = finding.evidence
    assert evidence["url"] is None
    assert evidence["excerpt"] == "12,400 → 18,900 followers on 2026-11-18"
    assert finding.details["gain"] == 6500 and finding.details["baseline_days"] == len(STEADY)
    assert finding.summary["ru"].startswith("Аккаунт northwind-x получил 6\u00a0500 подписчиков за 18.11.2026 при обычных 104 в день")


def test_spike_seen_by_several_sweeps_a_day_is_one_finding_keyed_by_the_day(brand: Brand) -> None:
    count = 10_000
    for day in range(14, 0, -1):
        for hour in (0, 6, 12, 18):
            count += 25
            sweep(brand, SPIKE_DAY.replace(hour=hour) - timedelta(days=day), count)
    for hour, jump in ((0, 30), (6, 2_000), (12, 3_000), (18, 40)):
        count += jump
        sweep(brand, SPIKE_DAY.replace(hour=hour), count)

    first = brand.run(NOW, SPIKE)
    later = brand.run(NOW + timedelta(hours=5), SPIKE)

    assert [f.key for f in first] == ["2026-11-18"]
    assert first[0].fingerprint(1) == later[0].fingerprint(1)
    assert first[0].details["gain"] == 5_070


def test_spike_on_a_viral_day_is_only_info_and_says_why(brand: Brand) -> None:
    usual = [mention(f"30{d}", SPIKE_DAY - timedelta(days=d), author=BOB) for d in range(1, 12)]
    viral = [mention(f"31{n:02d}", SPIKE_DAY + timedelta(minutes=n), author=ALICE) for n in range(40)]
    daily_history(brand, STEADY, start=10_912, last_day=SPIKE_DAY - timedelta(days=1))
    sweep(brand, SPIKE_DAY - timedelta(hours=1), 12_400, *usual)
    sweep(brand, SPIKE_DAY + timedelta(hours=2), 18_900, *viral)

    [finding] = brand.run(NOW, SPIKE)

    assert finding.severity == "info"
    assert "mentions and comments rose the same day (40 against a usual 1)" in finding.summary["en"]
    assert "viral post rather than bought followers" in finding.summary["en"]
    assert "вирусный пост" in finding.summary["ru"]


def test_brand_own_posts_do_not_count_as_engagement(brand: Brand) -> None:
    own = [tweet(f"11{n:02d}", SPIKE_DAY + timedelta(minutes=n), f"Update number {n}") for n in range(40)]
    daily_history(brand, STEADY, start=10_912, last_day=SPIKE_DAY - timedelta(days=1))
    sweep(brand, SPIKE_DAY, 18_900, *own)

    [finding] = brand.run(NOW, SPIKE)

    assert finding.severity == "warning"


def test_days_are_the_brand_s_local_days(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, account_rules='timezone = "Asia/Vladivostok"')  # UTC+10
    before = daily_history(brand, STEADY)  # 12:00 UTC is 22:00 in Vladivostok
    sweep(brand, SPIKE_DAY + timedelta(hours=3), before + 6_500)  # 01:00 on the 19th there

    [finding] = brand.run(NOW, SPIKE)

    assert finding.key == "2026-11-19"
    assert finding.summary["en"].startswith("northwind-x gained 6,500 followers on 2026-11-19,")


def test_gain_after_missed_sweeps_is_spread_over_the_days(brand: Brand) -> None:
    before = daily_history(brand, STEADY, last_day=SPIKE_DAY - timedelta(days=2))
    sweep(brand, SPIKE_DAY, before + 13_000)  # no sweep on the 17th

    [finding] = brand.run(NOW, SPIKE)

    assert finding.summary["en"].startswith(
        "northwind-x gained 13,000 followers between 2026-11-16 and 2026-11-18 (6,500 a day), against a usual 104 a day"
    )
    assert finding.evidence[0]["excerpt"] == f"{before:,} → {before + 13_000:,} followers between 2026-11-16 and 2026-11-18"


def test_too_little_history_is_not_judged_by_the_baseline(brand: Brand) -> None:
    daily_history(brand, [100, 110, 90, 105, 95, 900])  # five baseline days, seven needed; +9% is no jump

    assert brand.run(NOW, SPIKE) == []


@pytest.mark.parametrize(
    ("before", "after", "mentions", "expected"),
    [
        (1_200, 9_600, 0, "warning"),  # eightfold between the first two sweeps
        (4_000, 6_100, 0, "warning"),  # +52%, +2,100
        (4_000, 6_100, 40, "info"),  # the same with a burst of mentions: maybe a viral post
        (100_000, 110_000, 0, None),  # +10,000 is only +10% of a large account
        (300, 1_000, 0, None),  # more than threefold, but +700 is below jump_min_gain
    ],
)
def test_a_jump_between_the_first_two_snapshots_is_judged_without_a_baseline(
    brand: Brand, before: int, after: int, mentions: int, expected: str | None
) -> None:
    sweep(brand, NOW - timedelta(hours=2), before)
    said = [mention(str(2000 + n), NOW - timedelta(minutes=50 + n), "@northwindcoffee wow") for n in range(mentions)]
    sweep(brand, NOW - timedelta(hours=1), after, *said)

    found = brand.run(NOW, SPIKE)

    assert [f.severity for f in found] == ([expected] if expected else [])
    if expected:
        assert f"{before:,} → {after:,} followers" in found[0].evidence[0]["excerpt"]


def test_outlier_smaller_than_the_minimum_gain_is_not_reported(brand: Brand) -> None:
    daily_history(brand, [10, 12, 9, 11, 10, 8, 12, 11, 10, 450])  # z is huge, but 450 < 500

    assert brand.run(NOW, SPIKE) == []


def test_spike_older_than_lookback_is_no_longer_reported(brand: Brand) -> None:
    last = daily_history(brand, STEADY + [6_500], last_day=NOW - timedelta(days=9))
    for day in range(8, -1, -1):
        last += 100
        sweep(brand, NOW - timedelta(days=day), last)

    assert brand.run(NOW, SPIKE) == []
    assert [f.key for f in brand.run(NOW - timedelta(days=5), SPIKE)] == [(NOW - timedelta(days=9)).date().isoformat()]


def test_configured_thresholds_are_used(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules="[rules.misleading]\nspike_min_gain = 300\nspike_min_baseline = 5")
    daily_history(brand, [10, 12, 9, 11, 10, 8, 450])

    [finding] = brand.run(NOW, SPIKE)

    assert finding.details["gain"] == 450


# absolute_claims


def test_brand_post_with_an_absolute_claim_is_reported_with_the_claim(brand: Brand) -> None:
    brand.save(tweet("1101", ago(hours=3), "Our new cold brew is 100% guaranteed to wake you up. The best espresso in the world!"))

    [finding] = brand.run(NOW, CLAIMS)

    assert (finding.mistake, finding.severity, finding.item_ids) == ("misleading", "warning", ["1101"])
    assert finding.details["matched"] == ["100% guaranteed", "best espresso in the world"]
    assert finding.summary["en"] == "The post makes an absolute claim: “100% guaranteed”, “best espresso in the world”"
    assert finding.evidence[0]["url"] == "https://x.com/northwindcoffee/status/1101"


def test_health_claim_in_a_brand_reply_is_critical(brand: Brand) -> None:
    question = mention("3001", ago(hours=5), "@northwindcoffee does ginger latte help with a cold?")
    brand.save(question, brand_reply("1101", ago(hours=4), to=question, text="@alice Имбирный латте вылечит простуду за два дня!"))

    [finding] = brand.run(NOW, CLAIMS)

    assert (finding.severity, finding.item_ids) == ("critical", ["1101"])
    assert finding.summary["ru"].startswith("В посте обещание лечебного эффекта")


def test_customer_claims_are_never_the_brand_s_mistake(brand: Brand) -> None:
    brand.save(
        mention("3001", ago(hours=2), "@northwindcoffee you are the best coffee in the world, 100% guaranteed!"),
        mention("3002", ago(hours=1), "@northwindcoffee ваш кофе — самый лучший, он вылечит кого угодно", author=BOB),
    )

    assert brand.run(NOW, CLAIMS) == []


def test_claims_stand_while_public_and_the_audit_reaches_90_days(brand: Brand) -> None:
    """A claim is content: a month-old post is reported; one older than the first audit's 90 days is not."""
    brand.save(tweet("1101", ago(days=100), "Northwind is the #1 coffee in the world"), tweet("1102", ago(days=30), "Лучший кофе в Москве"))

    assert [f.item_ids for f in brand.run(NOW, CLAIMS)] == [["1102"]]


def test_configured_extra_claims_are_reported(tmp_path: Path) -> None:
    brand = make_brand(tmp_path, global_rules='[rules.misleading]\nextra_claims = ["волшебный эффект", "instant energy"]')
    brand.save(tweet("1101", ago(hours=1), "Новый купаж: Волшебный  эффект с первого глотка"), tweet("1102", ago(hours=1), "Instant energy!"))

    assert sorted(m for f in brand.run(NOW, CLAIMS) for m in f.details["matched"]) == ["Instant energy", "Волшебный  эффект"]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("100% arabica, roasted on Tuesday", []),
        ("100% гарантия результата", ["100% гарантия"]),
        ("Order #1 of the day went to Maria", []),
        ("№1 в заказе — капучино", []),
        ("Northwind — кофе №1 в России", ["№1 в России"]),
        ("This is the best coffee we've ever roasted", []),  # compared with itself: an opinion
        ("The best coffee in town", ["best coffee in town"]),  # compared with the market: a claim
        ("Satisfaction guaranteed or your money back", []),  # a policy with a remedy
        ("Try it risk-free", ["risk-free"]),
        ("Гарантия 100% или вернём деньги", []),
        ("Coffee won't cure a cold, but it helps", []),
        ("Our ginger shot cures colds", ["cures"]),
        ("A Christmas miracle: the cafe reopened", []),
        ("Наш цикорий — чудо-средство от усталости", ["чудо-средство"]),
        ("Сaмый лучший раф", ["Сaмый лучший"]),  # a Latin "a" inside the Russian word
        ("Пейте на ходу без риска облиться", []),
        ("Reopening on 2026-11-20, order #4471 ready at 7:00", []),
    ],
)
def test_absolute_claim_decisions(text: str, claims: list[str]) -> None:
    hits = registry().get("misleading", CLAIMS).check(text, RulesSettings())

    assert [f for hit in hits for f in hit.fragments] == claims


def test_extra_claim_without_words_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        make_brand(tmp_path, global_rules='[rules.misleading]\nextra_claims = ["!!!"]')

    assert "rules.misleading.extra_claims: '!!!' has no words" in str(error.value)


# absolute_claims by family: what a careful reader flags, and the look-alikes that stay clean.
CLAIM_FAMILIES = [
    # superlatives with a scope (en, ru, mixed)
    ("superlative", "The fastest delivery in the city, straight to your door", True),
    ("superlative", "The cheapest beans in Moscow, roasted this week", True),
    ("superlative", "Our prices are the lowest in the region", True),
    ("superlative", "The freshest croissants in Kazan", True),
    ("superlative", "Самая низкая цена в регионе на зерновой кофе", True),
    ("superlative", "Самая быстрая доставка в городе — 30 минут", True),
    ("superlative", "Свежайшая обжарка в Петербурге", True),
    ("superlative", "Cold brew Northwind — самый вкусный в Казани", True),
    ("superlative", "Our best-selling blend is back", False),
    ("superlative", "The best part of my day is the first cup", False),
    ("superlative", "The fastest way to brew at home: a moka pot", False),
    ("superlative", "“The best coffee in town!” — thanks for the kind words, Anna", False),
    ("superlative", "«Самый вкусный раф в городе!» — пишет нам Анна", False),
    ("superlative", "Anna says we make the best flat white in town", False),
    ("superlative", "Самый холодный день в Москве — согрейтесь какао", False),
    ("superlative", "Our busiest day in December was the 24th", False),
    # universal promises
    ("promise", "Your parcel will always arrive on time", True),
    ("promise", "We never make mistakes with your order", True),
    ("promise", "Мы никогда не ошибаемся с заказами", True),
    ("promise", "Доставка всегда вовремя", True),
    ("promise", "Курьеры Northwind никогда не опаздывают", True),
    ("promise", "On time, every time", True),
    ("promise", "We always love seeing you", False),
    ("promise", "Never say never", False),
    ("promise", "Всегда рады вам!", False),
    ("promise", "Never leave beans in the sun", False),
    ("promise", "Никогда не храните зерно в холодильнике", False),
    ("promise", "Sorry, we are not always on time this week", False),
    # 100% of safety, security or efficacy
    ("safety", "Our cups are 100% safe for kids", True),
    ("safety", "100% натурально и безопасно", True),
    ("safety", "Payments in the app are 100% secure", True),
    ("safety", "Ginger shot: 100% эффективно против усталости", True),
    ("safety", "The new descaler is completely harmless", True),
    ("safety", "100% arabica, roasted on Tuesday", False),
    ("safety", "100% арабика из Эфиопии", False),
    ("safety", "100% of the tips go to the baristas", False),
    ("safety", "Cups are 100% recycled paper", False),
    # comparisons against everyone
    ("comparison", "Cheaper than anyone else in town", True),
    ("comparison", "Дешевле, чем у всех конкурентов", True),
    ("comparison", "No one roasts fresher", True),
    ("comparison", "Nobody brews better coffee than us", True),
    ("comparison", "Никто в городе не обжаривает свежее", True),
    ("comparison", "Наш латте вкуснее, чем у конкурентов", True),
    ("comparison", "The queue was longer than anyone expected", False),
    ("comparison", "This roast is better than anything we've ever made", False),
    ("comparison", "Пуровер лучше для светлой обжарки", False),
    ("comparison", "We were not cheaper than everyone, and that's fine", False),
    # guaranteed returns or results
    ("health", "Our green coffee lowers blood pressure", True),
    ("health", "Снижает давление и холестерин", True),
    ("returns", "Invest in our roastery: guaranteed 20% return", True),
    ("returns", "Гарантированный доход от 15% в месяц", True),
    ("returns", "Guaranteed income from day one of your franchise", True),
    ("returns", "Франшиза Northwind: прибыль гарантирована", True),
    ("returns", "Мы гарантируем доходность 30% годовых", True),
    ("returns", "Money back within 14 days if you don't like it", False),
    ("returns", "Вернём деньги в течение 14 дней", False),
    ("returns", "Free, guaranteed returns within 30 days", False),
    ("returns", "Guaranteed 10% off for loyalty card holders", False),
    # the only one in a market
    ("only", "We're the only roastery in the country that buys straight from farms", True),
    ("only", "Единственный в мире кофе, который не горчит", True),
    ("only", "Мы единственные в Russia, кто обжаривает на дровах", True),
    ("only", "Nobody else in town roasts on wood", True),
    ("only", "Никто больше в городе не обжаривает сам", True),
    ("only", "The only specialty roaster in all of Russia with a zero-waste certificate", True),
    ("only", "The one and only café in town roasting on wood", True),
    ("only", "Nowhere else in Moscow will you find this blend", True),
    ("only", "Только мы в городе обжариваем на дровах", True),
    ("only", "Такого рафа больше нигде нет", True),
    ("only", "Вашего заказа нигде нет, проверили дважды", False),
    ("only", "Kestrel: the only honest bank", True),
    ("only", "Единственная честная кофейня на районе", True),
    ("only", "The only real coffee is the one you share with friends", False),
    ("only", "We are the only café in Petersburg with a roastery inside", True),
    ("only", "Мы — единственная кофейня в Казани со своей обжаркой", True),
    ("only", "Единственная кофейня сети в Казани переезжает на Баумана", False),
    ("only", "The only day in December we close is the 31st", False),
    ("only", "The only way to know is to try it", False),
    ("only", "Our only official accounts are linked on northwind.example", False),
    ("only", "Arbat is the only one of our cafés in Moscow open on 1 January", False),
    ("only", "We're not the only café in town that roasts in-house", False),
    ("only", "Мы не единственные в городе, кто обжаривает сам", False),
    # a superlative put in other words
    ("superlative", "You could search the whole world and not find a smoother cold brew", True),
    ("superlative", "You will never find cheaper beans in Moscow", True),
    ("superlative", "There's no better espresso in town", True),
    ("superlative", "Дешевле, чем у нас, не бывает", True),
    ("superlative", "Нигде не найдёте раф вкуснее!", True),
    ("superlative", "Best flat white в городе, без вариантов", True),
    ("superlative", "Самый вкусный раф in town", True),
    ("superlative", "Nothing on earth beats our morning croissant", True),
    ("superlative", "Good luck finding a cheaper latte in this city", True),
    ("superlative", "A cold brew this smooth you won't find anywhere else in the world", True),
    ("superlative", "Лучше нашего латте не бывает", True),
    ("superlative", "The #1 café in St Petersburg", True),
    ("superlative", "The best-rated café in Russia", True),
    ("superlative", "The best espresso you'll ever taste", True),
    ("superlative", "Лучший раф, который вы когда-либо пробовали", True),
    ("superlative", "Нам нет равных в городе", True),
    ("superlative", "Our cold brew is unparalleled", True),
    ("superlative", "Equal pay: нет равных условий — нет работы", False),
    ("superlative", "Лучший кофе в Казани", True),
    ("superlative", "The city's favourite bakery", True),
    ("superlative", "Лучшие фото Марии — в карусели", False),
    ("superlative", "Лучший подарок в Новый год — пачка кофе", False),
    ("superlative", "We couldn't find a better way to say thank you", False),
    ("superlative", "You won't find better weather for an iced latte than today", False),
    ("superlative", "If you can't find a cheaper price on the site, check the app", False),
    ("superlative", "No one in town has seen snow like this in years!", False),
    ("superlative", "Our customers are the best in the world ❤️", False),
    ("superlative", "Вы — лучшие гости в мире!", False),
    ("superlative", "Nothing in the world makes us happier than your photos", False),
    ("superlative", "Если не найдёте свой заказ, лучше напишите нам", False),
    ("superlative", "The best before date is on the bottom of the bag", False),
    # a time promise made universal
    ("promise", "Delivered within 30 minutes — every single time", True),
    ("promise", "Доставим за 40 минут в любую точку города. Всегда.", True),
    ("promise", "Всегда за 30 минут, в любой район", True),
    ("promise", "Ваш заказ будет у вас через 30 минут. Всегда.", True),
    ("promise", "100% on-time delivery across the city", True),
    ("promise", "Hot coffee at your door. Always. No exceptions.", True),
    ("promise", "Ships within 24 hours. Always happy to help!", False),
    ("promise", "Оскорбления — бан. Без исключений.", False),
    ("promise", "Every time you order within 30 minutes of opening, the cookie is on us", False),
    ("promise", "Pickup in 10 minutes, we always text you when it's ready", False),
    ("promise", "Заказы доставляем в течение 2 часов. Всегда рады вашим вопросам!", False),
    ("promise", "Delivery usually takes 30 to 60 minutes", False),
    # a promised result, with or without a refund beside it
    ("result", "Guaranteed energy all day or your money back", True),
    ("result", "Guaranteed to keep you focused through any deadline", True),
    ("result", "We guarantee you'll feel the difference from the first sip", True),
    ("result", "Гарантируем: после курса вы точно найдёте работу", True),
    ("result", "С нашим кофе вы гарантированно проснётесь", True),
    ("result", "Бодрит на 100% с первой чашки", True),
    ("result", "Improves your concentration by 25%", True),
    ("result", "Гарантируем бодрость на весь день", True),
    ("result", "Повышает продуктивность на 40%", True),
    ("result", "Гарантируем возврат денег, если вы передумаете", False),
    ("result", "We guarantee you'll get a full refund within 14 days", False),
    ("result", "We guarantee you'll hear from us within one working day", False),
    ("result", "Гарантированно доставим до 31 декабря", False),
    ("result", "Каждый покупатель гарантированно получит подарок", False),
    ("result", "Сайт снова работает на 100%", False),
    # 100% safe, short Russian forms too
    ("safety", "Наш кофе на 100% безопасен для людей с гастритом", True),
    ("safety", "Декаф безопасен на 100% для беременных", True),
    ("safety", "Zero side effects, even at night", True),
    ("safety", "Никаких побочных эффектов, пейте сколько хотите", True),
    ("safety", "We can't promise no side effects: ask your doctor", False),
    # popularity nobody counted
    ("social_proof", "Half a million happy customers can't be wrong", True),
    ("social_proof", "9 out of 10 baristas drink our beans at home", True),
    ("social_proof", "8 из 10 бариста выбирают наше зерно", True),
    ("social_proof", "Уже больше миллиона довольных гостей!", True),
    ("social_proof", "Trusted by millions of coffee lovers", True),
    ("social_proof", "Любимый кофе москвичей", True),
    ("social_proof", "Thousands of guests every day can't be wrong", True),
    ("social_proof", "Нам доверяют более миллиона покупателей", True),
    ("social_proof", "Миллионы людей доверяют нашему кофе", True),
    ("social_proof", "About 1 in 10 people can't digest lactose", False),
    ("social_proof", "The tasting panel gave it 9 out of 10", False),
    ("social_proof", "Спасибо, нас уже 50 тысяч подписчиков!", False),
    # against every business of a kind
    ("comparison", "More five-star reviews than any coffee chain in Russia", True),
    ("comparison", "Our beans are fresher than any supermarket brand", True),
    ("comparison", "Дешевле, чем в любой сетевой кофейне", True),
    ("comparison", "Cheaper than anywhere else in town", True),
    ("comparison", "Beats any chain on price", True),
    ("comparison", "Ни одна кофейня города не сравнится с нами", True),
    ("comparison", "We love you more than any words can say", False),
    ("comparison", "Мы любим вас больше, чем любой кофе", False),
    ("comparison", "Сегодня народу больше, чем в любой другой понедельник", False),
    ("comparison", "No one в городе не делает cold brew лучше нас", True),
    # a claim the brand repeats in order to correct it
    ("corrected", "A guest wrote that we're the only café in the city that roasts in-house. Sadly, that's not true", False),
    ("corrected", "Someone asked if our coffee is 100% safe for people with gastritis. We can't promise that", False),
    ("corrected", "Нам пишут, что мы самые дешёвые в городе. Это не так, но спасибо!", False),
    ("corrected", "Говорят, кофе лечит мигрень. К сожалению, нет", False),
    ("corrected", "Is it true that coffee cures hangovers? No, it doesn't — drink water", False),
    ("corrected", "Миф: кофе лечит простуду. Правда: не лечит", False),
    ("superlative", "Best coffee in town. No, really!", True),  # an emphatic "no", not a correction
    ("corrected", "Is it the best coffee in town? You tell us 👇", False),
    ("corrected", "Лучший кофе в городе? Решать вам 👇", False),
    ("superlative", "Looking for the best coffee in town? Come to Pokrovka 3", True),
    ("corrected", "We won't claim we're the best in Moscow, but come and taste", False),
    ("corrected", "Мы не утверждаем, что мы лучшие в Москве, просто приходите", False),
    ("corrected", "Наша единственная кофейня в Москве — на Покровке", False),
    ("corrected", "7 out of 10 guests in our poll picked pumpkin spice. Thanks for voting!", False),
    ("corrected", "Голосование: 7 из 10 гостей выбрали тыкву!", False),
]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "☕🔥" * 3000,
        "гарантируем " + "слово " * 2000,
        "the only " * 1200,
        "in 30 minutes " * 700,
        "\u202eمرحبا\u202c the best coffee in the world",
        "самыйbest вкусныйcoffee в городе",
    ],
)
def test_absolute_claims_take_any_text(text: str) -> None:
    hits = registry().get("misleading", CLAIMS).check(text[:10_000], RulesSettings())

    assert all(hit.fragments for hit in hits)


def test_a_claim_split_by_zero_width_characters_is_still_found() -> None:
    hits = registry().get("misleading", CLAIMS).check("Единствен\u200bная в городе кофейня с обжаркой", RulesSettings())

    assert [hit.details["kinds"] for hit in hits] == [["only"]]


@pytest.mark.parametrize(("family", "text", "flagged"), CLAIM_FAMILIES)
def test_absolute_claims_by_family(family: str, text: str, flagged: bool) -> None:
    hits = registry().get("misleading", CLAIMS).check(text, RulesSettings())

    assert bool(hits) is flagged, (family, [f for hit in hits for f in hit.fragments])
    if flagged:
        assert family in hits[0].details["kinds"]
