"""The value after a credential's key word: read from the words that follow, judged as a secret or not.

Not a placeholder, a word of the sentence, a date, an amount or a release; not a guest network's password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from monitor.text.folding import fold

# ---- what a value must not be -------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(
    r"^[<\[{(]|[>\]})]$|\$\{|x{4}|X{4}|[*•●·#_.]{3}|…|\.\.\."
    r"|example|sample|dummy|placeholder|your|yours|redacted|hidden|changeme|пример|ваш|скрыт",
    re.IGNORECASE,
)
_PLACEHOLDER_WORDS = {
    "password", "passwd", "pass", "pwd", "secret", "token", "key", "apikey", "api_key", "pin", "code", "login",
    "user", "username", "admin:admin", "пароль", "логин", "токен", "ключ", "код", "none", "null", "empty", "n/a",
}
NOT_VALUES = re.compile(
    r"^(?:https?://|www\.)|@[\w-]+\.\w|^\d{1,2}[.:/]\d{2}(?:[.:/]\d{2,4})?$|^\d{4}-\d{2}-\d{2}$|%$|^[+-]?\d+[.,]\d+$"
    r"|^\d+(?:₽|\$|€|£|р\.?|руб\w*|k|к)$|^\d+(?:[.,]\d+)?\s?(?:g|ghz|mhz|mb|gb|kb|mbps|гб|мб|ггц)$"
    r"|\.(?:zip|rar|7z|pdf|png|jpe?g|gif|svg|webp|heic|docx?|xlsx?|pptx?|csv|txt|mp[34]|mov|psd)$",  # a file's name
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:19|20)\d{2}$")
EXAMPLE_AFTER = re.compile(
    r"^\W{0,3}(?:is (?:just |only )?(?:an |a )?(?:example|placeholder|sample)|(?:for|as an?) example|e\.g\.|для примера"
    r"|например|это пример|(?:—|-) пример|is (?:a |the )?(?:most )?(?:weak|bad|common|popular|used)\b)"
)
# Advice about passwords quotes bad ones: "never use passwords like 123456", «пароли вроде qwerty».
EXAMPLE = re.compile(
    r"(?<![\w.@])(?:e\.g\.|for example|for instance|example|such as|like|most common|most popular|weak\w*|worst|avoid|never use"
    r"|например|пример\w*|вроде|типа|самы\w+ (?:популярн|частн|распространенн)\w*|простые|слаб\w+|ненадежн\w+"
    r"|не используйте|избегайте)\W{0,12}$"
)
# Words that end the search for a value: a value is never one of them.
_STOP = set(
    """
    a an the and or but if then than so as at by in into on onto of off for from with without within to up down out
    over under about after before again is are was were be been being am do does did done has have had having will
    would shall should can could may might must not no never nor only own same such too very just also ever yet
    it its it's this that these those there here where when what which who whom whose why how all any both each
    few more most other some you your yours we our ours us they their them he his she her i me my mine one ones
    new old same reset change changed forgot forgotten forget required require requires protected incorrect wrong
    expired expires expire strong weak secure safe unique private sent send sending share sharing shared ask see
    check call contact write dm message request get find visit scan enter type use used using set created create
    updated update stays remains printed available provided given below above via inside near next please thanks
    manager field box screen page link form hint recovery length characters digits letters symbols like unlike
    settings security profile menu tap click go open follow instructions sms email e-mail receipt request
    here below above same again
    и или а но не ни да нет это этот эта эти тот та те то там тут здесь где когда как так также тоже уже еще
    ещё только лишь же ли бы в во на с со к ко у о об от до по при про для из за над под без через между
    мы вы они он она оно я ты наш наша наше наши нашего нашей ваш ваша ваше ваши вашего вашей их его ее её
    свой свою свои всем всех все всё никому никогда нельзя можно нужно надо должен должна должно должны
    быть будет был была было были есть сменить смените сменили сбросить сбросьте восстановить изменить
    измените забыли забыл забыла спросите уточните узнайте смотрите см напишите звоните пишите введите
    используйте получите найдете найдёте найти придет придёт пришлем пришлём отправим отправили
    приходит указан указанный такой такая такое какой какая сложный сложная надежный надёжный простой
    символов символа цифр букв знаков менее более минимум максимум настройках настройки профиле профиль меню
    нажмите перейдите откройте смс sms почту почте чеке чек кассе стойке вывеске такой же
    """.split()
)
_ARTICLES = {
    "the", "our", "your", "my", "a", "an", "this", "that", "current", "new", "temporary", "temp", "one-time",
    "default", "master", "main", "shared", "common", "наш", "наша", "нашего", "нашей", "нашему", "ваш", "вашего",
    "вашей", "новый", "новая", "временный", "временного", "текущий", "общий", "общего", "главный", "главного",
}
_CONNECTORS = {"is", "are", "was", "now", "will", "be", "stays", "remains", "это", "будет", "теперь", "сейчас", "всё", "все",
               "ещё", "еще"}
_CHANGED = {
    "changed", "updated", "reset", "switched", "set", "поменяли", "поменял", "поменяла", "сменили", "сменил", "сменила",
    "изменили", "изменился", "поменялся", "сменился", "стал", "стала",
}
_NOW = re.compile(r"\s*(?:теперь|сейчас|now|it'?s now|it is now)(?![\w-])")
_PREPS = {"for", "to", "of", "on", "at", "from", "in", "with", "via", "от", "к", "ко", "для", "на", "в", "во", "у", "с", "со",
          "по", "при"}
# Words naming the system a password opens: "the staff Wi-Fi password", «пароль администратора».
SYSTEM = re.compile(
    r"^(?:wi-?fi\w*|wlan|вай-?фа\w*|роутер\w*|router|admin\w*|админ\w*|administrator|администратор\w*|касс\w*"
    r"|cashier|till|pos|terminal\w*|терминал\w*|сейф\w*|safe|сигнализац\w*|alarm|door|двер\w*|gate|ворот\w*|server\w*"
    r"|сервер\w*|database|db|баз\w*|crm|cms|1c|1с|iiko|erp|email|e-mail|mail\w*|почт\w*|ящик\w*|account\w*"
    r"|аккаунт\w*|учетк\w*|учетн\w*|кабинет\w*|panel|панел\w*|site|сайт\w*|instagram|инстаграм\w*|vk|вк"
    r"|вконтакте|telegram|телеграм\w*|tiktok|facebook|twitter|ftp|ssh|vpn|laptop|ноутбук\w*|computer|компьютер\w*"
    r"|пк|pc|staff|сотрудник\w*|персонал\w*|служебн\w*|office|офис\w*|back|manager|менеджер\w*|директор\w*|director"
    r"|склад\w*|warehouse|network|сет[ьи]|app|приложени\w*|bank\w*|банк\w*|shop|store|магазин\w*|phone|телефон\w*"
    r"|kitchen|кухн\w*|bar|бар\w*|roastery|обжарочн\w*|locker|шкафчик\w*|backoffice|подсобк\w*|wordpress|tilda"
    r"|bitrix|битрикс\w*|guest|гостев\w*|visitors?|посетител\w*|customers?|клиент\w*|free|бесплатн\w*|public"
    r"|публичн\w*)$"
)
# Also where a guest finds it: on the receipt, on the board by the till («висит у кассы», «на чеке»).
_GUEST = re.compile(
    r"guest|гост|visitor|посетител|customer|клиент|free wi|бесплатн|public|публичн|open wi|для всех"
    r"|receipt|on the board|by the till|at the counter|на чеке|в чеке|на доске|у кассы|на стойке|напечатан|printed"
)
WIFI = re.compile(r"wi-?fi|wifi|wlan|вай-?фа|вайфа|сет[ьи]\b|network")
_STAFF = re.compile(
    r"staff|employee|сотрудник|персонал|служебн|office|офис|admin|админ|back office|internal|внутренн|рабоч"
    r"|(?:for|для)\s+(?:the\s+)?(?:team|crew|baristas?|бариста|команды|своих)"
)
# "Гостям не давать!", "don't tell guests", "guests use the other one": the network is not the guests' one.
_NOT_GUEST = re.compile(
    r"гост\w*\s+не\s+\w+|не\s+(?:\w+\s+)?(?:дава\w*|давай\w*|говор\w*|сообща\w*|показыва\w*|разда\w*)\s+(?:\w+\s+)?гост\w*"
    r"|не для (?:гостей|посетителей|клиентов)|not for (?:the )?(?:guests|customers|visitors)"
    r"|(?:don'?t|don’t|do not|never)\s+(?:tell|give|share)\s+(?:\w+\s+){0,2}(?:(?:with|to)\s+)?(?:the\s+)?(?:guests|customers|visitors)"
    r"|(?:guests|customers|visitors)\s+(?:use|get|have)\s+(?:the\s+)?(?:other|another|a separate|separate)"
)

# One step of the words after a key word: a separator, an opening quote, a word, the clause's end, or a value.
_UNIT = re.compile(
    r"\s*(?:(?P<sep>[:=]|->|=>|[—–]|-(?=\s))|(?P<quote>[\"'«“„`‘])"
    r"|(?P<word>[^\W\d_][^\W_]*(?:[-'’][^\W\d_]+)*(?=[\s,.;:!?)\]»”\"']|$))"
    r"|(?P<end>[,.;!?()\[\]/|](?=\s|$)|\n|$)|(?P<value>\S))"
)
_NAME_BEFORE_SEP = re.compile(r"(?:\s+[^\W\d_][\w-]*){0,2}\s*(?::(?!//)|[—–](?=\s)|\s-\s)")
_VALUE = re.compile(r"[^\s\"'«»“”„`,;&<>]+")
_CLOSE = {'"': '"', "'": "'", "«": "»", "“": "”", "„": "“", "`": "`", "‘": "’"}


@dataclass
class Reading:
    """What follows a key word: where the value is and the words met on the way."""

    start: int = -1
    end: int = -1
    quoted: bool = False
    sep: bool = False  # ":" or "=" (or a dash) right before the value
    connector: bool = False  # "is", «это»
    system: bool = False  # a named system: "for the CRM", «от кассы», «администратора»
    words: tuple[str, ...] = ()


def read_value(
    view: str, folded: str, pos: int, limit: int, names: bool = True, across: bool = False
) -> Reading | None:
    """The value after a key word at pos: skips articles, connectors and (names) a system's name; None when there is none."""
    # across: the value may open the next sentence with "now" («…поменял код на двери? Теперь 2580*»).
    reading = Reading()
    after_prep = 0  # words still allowed after a preposition
    changed = False  # "changed to", «поменяли на»: the "to" is no preposition of a name
    units = 0
    while pos < limit and units < 9:
        m = _UNIT.match(folded, pos, limit)
        if m and m.group("end") is not None and across and m.end() < limit:
            now = _NOW.match(folded, m.end(), limit)
            if now:
                reading.connector, across = True, False
                pos = now.end()
                continue
        if not m or m.group("end") is not None:
            return None
        units += 1
        if m.group("sep"):
            if reading.sep:
                return None
            reading.sep = True
            pos = m.end()
            continue
        if m.group("quote"):
            opening = m.group("quote")
            start = m.end()
            close = view.find(_CLOSE[opening], start, min(limit, start + 80))
            if close <= start:
                return None
            reading.start, reading.end, reading.quoted = start, close, True
            return reading
        if m.group("word"):
            word = m.group("word")
            # Before ":" or "is", a mixed-case word is a name (iPhone, WhatsApp); after it, a value (NorthWind).
            value_like = any(c.isdigit() for c in word) or (
                (reading.sep or reading.connector) and mixed_case(view[m.start("word") : m.end("word")])
            )
            if not value_like:
                if reading.sep:  # after ":" the next word is the value itself
                    return value_at(view, m.start("word"), limit, reading)
                if word in _CHANGED:
                    reading.connector = changed = True
                elif changed and word in ("to", "на"):
                    changed = False
                elif word in _CONNECTORS:
                    reading.connector = True
                elif word in _ARTICLES:
                    pass
                elif not names:
                    return value_at(view, m.start("word"), limit, reading)
                elif word in _PREPS and not reading.connector:
                    after_prep = 3
                elif SYSTEM.match(word) and not reading.connector:
                    reading.system = True
                elif after_prep > 0 and word not in _STOP and not reading.connector:
                    reading.system = True
                    after_prep -= 1
                elif _NAME_BEFORE_SEP.match(folded, m.end("word"), limit):
                    reading.system = True  # «ключ API карт: …», "password of the Lisbon shop: …": a name, then ":"
                else:
                    return value_at(view, m.start("word"), limit, reading)
                reading.words += (word,)
                pos = m.end()
                continue
        start = m.start("word") if m.group("word") else m.start("value")
        token = _VALUE.match(view, start, limit)
        if names and not reading.sep and token and (token[0].endswith(":") or "@" in token[0]):
            # «пароль от 1С: …», «пароль от почты info@: …»: a name before the separator, not the value
            reading.system = True
            reading.sep = token[0].endswith(":")
            pos = token.end()
            continue
        return value_at(view, start, limit, reading)
    return None


def value_at(view: str, start: int, limit: int, reading: Reading) -> Reading | None:
    """The value token starting at start (up to a space, a quote, ",", ";" or "&"), trailing punctuation off."""
    v = _VALUE.match(view, start, limit)
    if not v:
        return None
    end = v.end()
    while end > start and view[end - 1] in ".:)]!?":
        end -= 1
    if end < v.end() and view[end] == "!" and any(c.isalnum() for c in view[start:end]):
        end += 1  # "Qwerty123!" keeps its "!"
    reading.start, reading.end = start, end
    return reading if end > start else None


def mixed_case(word: str) -> bool:
    """An upper-case letter right after a lower-case one: "NorthWind", "qWerty" (not "Latte", "NDA" or "Wi-Fi")."""
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


def strong(value: str) -> bool:
    """Reads as a chosen secret: letters with digits or symbols, mixed case, or at least 4 digits."""
    letters = any(c.isalpha() for c in value)
    digits = sum(c.isdigit() for c in value)
    symbols = any(not c.isalnum() for c in value)
    return (letters and (digits or symbols)) or mixed_case(value) or (not letters and digits >= 4)


def bad_value(value: str) -> bool:
    """A placeholder, a word of the sentence, a link, a date, a time or an amount: not a secret."""
    low = fold(value)
    if not value or low in _STOP or low in _PLACEHOLDER_WORDS or PLACEHOLDER.search(value) or NOT_VALUES.search(value):
        return True
    return len(set(low)) == 1  # "0000", "aaaa"


_EXAMPLE_DOMAIN = re.compile(r"(?:example|test|domain|your\w*)\.\w+$|\w+\.(?:test|invalid|localhost)$", re.IGNORECASE)
_VERSION = re.compile(r"^v?\d+(?:\.\d+)+(?:[-+.]\w+)*$", re.IGNORECASE)  # "v2.11.0-beta": a release, not a password


def guest_network(window: str) -> bool:
    """The text around a password is about the guests' Wi-Fi (and not the staff's, nor "don't tell guests")."""
    if not WIFI.search(window):
        return False
    window = _NOT_GUEST.sub(" ", window)
    return bool(_GUEST.search(window)) and not _STAFF.search(window)


def trim(value: str) -> str:
    """A value without the sentence's punctuation after it ("Nw!2024." → "Nw!2024", "Qwerty1!" stays)."""
    return value.rstrip(".,:;?)»\"'”")


def bad_login(login: str) -> bool:
    """A pair's first half that is no login: a placeholder, a link, a date or an amount (an e-mail is a login)."""
    local, at, domain = login.rpartition("@")
    if at:  # the brand's own domain may well be brand.example: only a documentation domain is a placeholder
        return bool(PLACEHOLDER.search(local) or _EXAMPLE_DOMAIN.match(domain))
    return bool(PLACEHOLDER.search(login) or NOT_VALUES.search(login) or "://" in login)


def password_like(value: str) -> bool:
    """Reads as a password with no key word before it: 6+ characters, letters, a digit, and a symbol or mixed case."""
    if len(value) < 6 or value[0] in "@#" or "@" in value or _VERSION.match(value) or bad_value(value):
        return False
    letters = sum(c.isalpha() for c in value)
    symbols = any(not c.isalnum() for c in value)
    return letters >= 2 and any(c.isdigit() for c in value) and (symbols or mixed_case(value))


def names_other_system(reading: Reading, word_before: str = "") -> bool:
    """The name next to the key word is a system but no network: «пароль от кассы», "the till password"."""
    if word_before and _other_system(word_before):
        return True
    for word in reading.words:
        if word in _PREPS or word in _ARTICLES or word in _CONNECTORS:
            continue
        return _other_system(word)
    return False


def _other_system(word: str) -> bool:
    return bool(SYSTEM.match(word)) and not (WIFI.search(word) or _GUEST.search(word))
