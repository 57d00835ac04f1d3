"""Synthetic English/Russian brand posts for the benchmarks (deterministic for a seed)."""

from __future__ import annotations

import random
import re

from monitor.text.normalize import normalize_post

EN_FUNCTION = ("the a an and or but for with to of in on at from by this that our your we you it is are was be "
               "will can all new more now just so not no get").split()
RU_FUNCTION = ("и в на с по для от до из за к о у не но а или это наш ваш мы вы все уже еще как так только "
               "при без под над").split()
EN = """
coffee roast blend winter spring summer autumn cherry chocolate cardamom cupping barista beans farm ethiopia
colombia kenya brazil guatemala morning espresso latte cappuccino flat white filter grinder brew kettle order shop
delivery cafe opening weekend tasting menu pastry croissant cookie cake muffin bagel sandwich breakfast lunch
dinner evening afternoon tonight tomorrow today monday tuesday wednesday thursday friday saturday sunday
discount sale offer price free gift card loyalty points member club subscription box package bag cup mug bottle
glass lid straw sleeve recycle compost green planet local organic fair trade harvest season limited edition
release launch event workshop class course lesson school team staff hiring job career shift manager owner founder
family friends community neighbours city street corner downtown station airport mall market store branch location
address hours open close early late holiday christmas easter valentine birthday anniversary party celebration
music band live concert playlist podcast video photo story review rating feedback survey question answer help
support service customer guest visitor traveller student office remote laptop wifi table seat terrace garden
window view sunshine rain snow cold hot warm iced frozen sweet bitter sour fruity nutty floral smooth rich bold
light dark medium single origin washed natural honey process altitude variety arabica robusta crop lot micro
sample batch fresh daily handmade homemade recipe secret signature classic favourite popular best seller
trending special thanks welcome hello goodbye congratulations winner contest giveaway prize share like follow
comment tag friend link bio app website online checkout cart shipping courier pickup return refund exchange
payment cash contactless voucher coupon code promo flash deal bundle pack pair combo upgrade size large small
regular double triple extra shot syrup vanilla caramel hazelnut cinnamon pumpkin ginger matcha chai tea cocoa
oat almond soy milk cream foam art heart leaf tulip swan pour over aeropress chemex moka french press cold drip
tonic lemonade juice smoothie water sparkling still snack salad soup toast avocado egg cheese jam butter bread
""".split()
RU = """
кофе обжарка бленд зима весна лето осень вишня шоколад кардамон дегустация бариста зерно ферма эфиопия колумбия
кения бразилия гватемала утро эспрессо латте капучино раф фильтр кофемолка заварка чайник заказ магазин доставка
кофейня открытие выходные меню выпечка круассан печенье торт маффин бублик сэндвич завтрак обед ужин вечер
день ночь завтра сегодня понедельник вторник среда четверг пятница суббота воскресенье скидка распродажа
предложение цена бесплатно подарок карта бонусы баллы клуб подписка коробка упаковка пакет стакан кружка
бутылка крышка трубочка переработка зеленый планета местный органический урожай сезон лимитированный выпуск
запуск событие мастер-класс курс урок школа команда сотрудники вакансия работа смена управляющий владелец
основатель семья друзья сообщество соседи город улица угол центр вокзал аэропорт торговый рынок филиал адрес
часы открыто закрыто рано поздно праздник новый год рождество день рождения годовщина вечеринка музыка группа
концерт плейлист подкаст видео фото история отзыв оценка опрос вопрос ответ помощь поддержка сервис клиент
гость посетитель путешественник студент офис ноутбук столик место терраса сад окно вид солнце дождь снег
холодный горячий теплый ледяной сладкий горький кислый фруктовый ореховый цветочный мягкий насыщенный яркий
светлый темный средний моносорт мытый натуральный медовый обработка высота сорт арабика робуста лот партия
образец свежий ежедневно ручной домашний рецепт секрет фирменный классический любимый популярный хит новинка
особый спасибо добро пожаловать привет поздравляем победитель конкурс розыгрыш приз поделитесь подпишитесь
лайк комментарий отметьте друга ссылка приложение сайт онлайн корзина курьер самовывоз возврат обмен оплата
наличные бесконтактно купон промокод акция набор пара комбо размер большой маленький обычный двойной тройной
сироп ваниль карамель фундук корица тыква имбирь матча чай какао овсяное миндальное соевое молоко сливки пенка
рисунок сердце лист тюльпан лебедь пуровер аэропресс кемекс гейзерная френч-пресс колд-брю тоник лимонад
сок смузи вода газированная закуска салат суп тост авокадо яйцо сыр джем масло хлеб пирог сырники блины
""".split()
EMOJI = ("☕", "🔥", "🎉", "❤️", "✨", "🥐", "👉", "🙌")
_LETTERS = {"en": "abcdefghijklmnopqrstuvwxyz", "ru": "абвгдежзийклмнопрстуфхцчшщыьэюя"}


def _number(rng: random.Random, lang: str) -> str:
    """A price, a discount, a time or a count, as brand posts write them."""
    kind = rng.randrange(4)
    if kind == 0:
        return f"${rng.randrange(2, 60)}.{rng.randrange(100):02d}" if lang == "en" else f"{rng.randrange(90, 3000)} ₽"
    if kind == 1:
        return f"{rng.choice((5, 10, 15, 20, 25, 30, 40, 50))}%"
    if kind == 2:
        return f"{rng.randrange(7, 23)}:{rng.choice(('00', '30'))}"
    return str(rng.randrange(2, 500))


def post(rng: random.Random, words: int = 18) -> str:
    """One post of `words` random words in sentences, English or Russian, with numbers, sometimes an emoji or a link."""
    lang = "en" if rng.random() < 0.5 else "ru"
    vocabulary, function = (EN, EN_FUNCTION) if lang == "en" else (RU, RU_FUNCTION)
    tokens = []
    for _ in range(words):
        roll = rng.random()
        tokens.append(_number(rng, lang) if roll < 0.06 else rng.choice(function) if roll < 0.3 else rng.choice(vocabulary))
    sentences, start = [], 0
    while start < len(tokens):
        end = start + rng.randint(4, 9)
        sentence = " ".join(tokens[start:end])
        sentences.append(sentence[:1].upper() + sentence[1:] + rng.choice(".!.?"))
        start = end
    text = " ".join(sentences)
    if rng.random() < 0.2:
        text += " " + rng.choice(EMOJI)
    if rng.random() < 0.3:
        text += f" https://shop.northwind.example/p/{rng.randrange(10_000)}?utm_source=x"
    return text


def _typo(rng: random.Random, word: str, lang: str) -> str:
    """The word with one slip: two letters swapped, one dropped, doubled or replaced."""
    i = rng.randrange(len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[: i + 1] + word[i:]
    return word[:i] + rng.choice(_LETTERS[lang]) + word[i + 1 :]


def _edit(rng: random.Random, tokens: list[str], lang: str) -> None:
    """One edit made when reposting: a word replaced, inserted or deleted, a typo, a number changed, two words swapped."""
    vocabulary = EN if lang == "en" else RU
    editable = [i for i, t in enumerate(tokens) if "://" not in t]
    i = rng.choice(editable)
    kind = rng.randrange(6)
    numbers = [j for j in editable if any(c.isdigit() for c in tokens[j])]
    if kind == 0:
        tokens[i] = rng.choice(vocabulary)
    elif kind == 1:
        tokens.insert(i, rng.choice(vocabulary))
    elif kind == 2 and len(editable) > 4:
        del tokens[i]
    elif kind == 3 and sum(c.isalpha() for c in tokens[i]) >= 4:
        tokens[i] = _typo(rng, tokens[i], lang)
    elif kind == 4 and numbers:
        j = rng.choice(numbers)
        tokens[j] = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), tokens[j], count=1)
    elif kind == 5 and i + 1 < len(tokens) and "://" not in tokens[i + 1]:
        tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    else:
        tokens[i] = rng.choice(vocabulary)


def near_copy(rng: random.Random, text: str) -> str:
    """The same post reposted with one or two real edits that survive normalisation, and sometimes cosmetic ones that do not."""
    lang = "ru" if re.search("[а-яё]", text, re.IGNORECASE) else "en"
    while True:
        tokens = text.split()
        for _ in range(rng.randint(1, 2)):
            _edit(rng, tokens, lang)
        if rng.random() < 0.5:  # what normalisation removes: case, punctuation, an emoji
            j = rng.choice([k for k, t in enumerate(tokens) if "://" not in t])
            tokens[j] = tokens[j].upper() + "!"
            tokens.append(rng.choice(EMOJI))
        copy = " ".join(tokens)
        if normalize_post(copy) != normalize_post(text):
            return copy
