"""Credentials in a post: passwords given with a login or for a named system, PINs and door codes, API keys and
tokens, connection strings and private keys, in English and Russian.

Service tokens (AWS, Slack, Stripe, GitHub, GitLab, Telegram and Discord bots, JWTs, SendGrid, Twilio, OpenAI…)
and private-key headers are found by the `detect-secrets` plugins (their maintained patterns, run line by line
through the plugins' own `analyze_string`, offline: nothing is verified and no baseline is written). Left out as
too noisy on prose or no credential at all: KeywordDetector (made for code: it reads «Our secret: 'we roast
twice'» as a secret), the high-entropy scanners (they need quoted strings; unquoted, every long word is a
candidate — their entropy measure is used instead on values next to a key word), IPPublicDetector (an address of
a server is no credential), ArtifactoryDetector (any capitalised "AKC…"/"AP…" code matches) and the keyword
assignments of niche clouds (Cloudant, IBM, SoftLayer). Passwords and PINs are read from the words around them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from monitor.text.folding import clean, fold, visible

KINDS = {
    "password": ("a password", "пароль", "critical"),
    "pin": ("a PIN or door code", "PIN-код или код от двери", "critical"),
    "token": ("an API key or token", "API-ключ или токен", "critical"),
    "connection": ("a password in a connection string", "пароль в строке подключения", "critical"),
    "private_key": ("a private key", "закрытый ключ", "critical"),
}
MASK = "•"

# Most texts have none of these: the finder (and the detect-secrets import) runs only on the rest. Matched on the
# lower-cased text without IGNORECASE, look-alike letters only for texts with both scripts: 4–8 µs a post.
_KEYWORDS_ASCII = re.compile(r"pass|pwd|pw\b|login|token|key|secret|pin|code|bearer|wi-?fi|access|cred")
_KEYWORDS = re.compile(
    r"[pр][aа][sѕ][sѕ]|pwd|pw\b|п[аa][рp][оo]л|п[аa][сc][сc]|l[oо]gin|л[оo]гин|t[oо]k[eе]n|[тt][оo][кk][еe]н|k[eе]y"
    r"|[кk]люч|s[eе]cr[eе]t|пин|pin|[кk][оo]д|c[oо]d[eе]|b[eе]ar[eе]r|wi-?fi|вай-?фа|д[оo]ступ|[аa][cс][cс][еe]ss|cred"
    r"|данные для вх"
)
_KEYWORDS_CYRILLIC = re.compile(r"парол|пасс|логин|токен|ключ|пин|код|вай-?фа|доступ|данные для вх|wi-?fi")
_LATIN = re.compile(r"[a-z]")
_TOKEN_HINTS = re.compile(
    r"BEGIN|PuTTY|eyJ|AKIA|ASIA|ABIA|ACCA|A3T|xox|k_live_|gh[pousr]_|gl[a-z]{2,6}-|GR1348941|SG\.|npm_|pypi-|sq0csp-"
    r"|AccountKey=|AC[a-z0-9]{32}|SK[a-z0-9]{32}|-us\d|_live_|_prod_|_secret_"
)
_BOT_TOKEN = re.compile(r"\d{8,10}:[\w-]{35}")
_DISCORD_HINT = re.compile(r"\.[\w-]{6}\.[\w-]{27}")
_URL_LOGIN = re.compile(r"://[^\s/@:]*:[^\s/@]+@")


def maybe_secret(text: str) -> bool:
    """A cheap test: False means the text surely holds no credential the finder would report."""
    if not text.isascii():
        text = clean(text)
    low = text.lower()
    if low.isascii():
        keywords = _KEYWORDS_ASCII
    else:  # look-alike letters only matter when the text holds both scripts
        keywords = _KEYWORDS if _LATIN.search(low) else _KEYWORDS_CYRILLIC
    if keywords.search(low) or _TOKEN_HINTS.search(text):
        return True
    if ":" in text and (_BOT_TOKEN.search(text) or ("@" in text and _URL_LOGIN.search(text))):
        return True
    if ("/" in text or " : " in text) and any(_password_like(_trim(m["value"])) for m in _BARE_PAIR.finditer(text)):
        return True
    return bool(_DISCORD_HINT.search(text))


@dataclass(frozen=True)
class Secret:
    """One credential found in a text: its kind, where the secret value is, and the value as written."""

    kind: str
    start: int
    end: int
    raw: str
    service: str = ""  # tokens: the service detect-secrets names ("Slack Token", "AWS Access Key")

    def masked(self) -> str:
        """The value with only its first and last character shown (nothing of one shorter than 6)."""
        return mask_value(self.raw)


def mask_value(value: str) -> str:
    """First and last character, bullets between (at most 12, so a long key does not show its length)."""
    value = value.strip()
    if len(value) < 6:
        return MASK * max(len(value), 4)
    return value[0] + MASK * min(len(value) - 2, 12) + value[-1]


# detect-secrets plugins kept: each a service's token format (see the module's docstring for those left out).
_PLUGINS = (
    "aws.AWSKeyDetector", "azure_storage_key.AzureStorageKeyDetector", "basic_auth.BasicAuthDetector",
    "discord.DiscordBotTokenDetector", "github_token.GitHubTokenDetector", "gitlab_token.GitLabTokenDetector",
    "jwt.JwtTokenDetector", "mailchimp.MailchimpDetector", "npm.NpmDetector", "openai.OpenAIDetector",
    "private_key.PrivateKeyDetector", "pypi_token.PypiTokenDetector", "sendgrid.SendGridDetector",
    "slack.SlackDetector", "square_oauth.SquareOAuthDetector", "stripe.StripeDetector",
    "telegram_token.TelegramBotTokenDetector", "twilio.TwilioKeyDetector",
)


@lru_cache(maxsize=1)
def _plugins() -> tuple:
    """The plugin instances, imported on first use (detect-secrets: 20 ms to import after requests, 160 ms alone)."""
    import importlib

    found = []
    for path in _PLUGINS:
        module, name = path.split(".")
        found.append(getattr(importlib.import_module(f"detect_secrets.plugins.{module}"), name)())
    return tuple(found)


@lru_cache(maxsize=1)
def _entropy() -> tuple[Callable[[str], float], Callable[[str], float]]:
    """detect-secrets' Shannon entropy over the base64 and the hex alphabets."""
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString, HexHighEntropyString

    return Base64HighEntropyString().calculate_shannon_entropy, HexHighEntropyString().calculate_shannon_entropy


# ---- what a value must not be -------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"^[<\[{(]|[>\]})]$|\$\{|x{4}|X{4}|[*•●·#_.]{3}|…|\.\.\."
    r"|example|sample|dummy|placeholder|your|yours|redacted|hidden|changeme|пример|ваш|скрыт",
    re.IGNORECASE,
)
_PLACEHOLDER_WORDS = {
    "password", "passwd", "pass", "pwd", "secret", "token", "key", "apikey", "api_key", "pin", "code", "login",
    "user", "username", "admin:admin", "пароль", "логин", "токен", "ключ", "код", "none", "null", "empty", "n/a",
}
_NOT_VALUES = re.compile(
    r"^(?:https?://|www\.)|@[\w-]+\.\w|^\d{1,2}[.:/]\d{2}(?:[.:/]\d{2,4})?$|^\d{4}-\d{2}-\d{2}$|%$|^[+-]?\d+[.,]\d+$"
    r"|^\d+(?:₽|\$|€|£|р\.?|руб\w*|k|к)$|^\d+(?:[.,]\d+)?\s?(?:g|ghz|mhz|mb|gb|kb|mbps|гб|мб|ггц)$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_EXAMPLE_AFTER = re.compile(
    r"^\W{0,3}(?:is (?:just |only )?(?:an |a )?(?:example|placeholder|sample)|(?:for|as an?) example|e\.g\.|для примера"
    r"|например|это пример|(?:—|-) пример|is (?:a |the )?(?:weak|bad|common)\b)"
)
# Advice about passwords quotes bad ones: "never use passwords like 123456", «пароли вроде qwerty».
_EXAMPLE = re.compile(
    r"(?:e\.g\.|for example|for instance|example|such as|like|most common|most popular|weak\w*|worst|avoid|never use"
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
_SYSTEM = re.compile(
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
_GUEST = re.compile(r"guest|гост|visitor|посетител|customer|клиент|free wi|бесплатн|public|публичн|open wi|для всех")
_WIFI = re.compile(r"wi-?fi|wifi|wlan|вай-?фа|вайфа|сет[ьи]\b|network")
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
_COUNTED = re.compile(r"\s*(?:digits?|цифр\w*|characters?|символ\w*|знак\w*|раз\w*|times?)\b")

# One step of the words after a key word: a separator, an opening quote, a word, the clause's end, or a value.
_UNIT = re.compile(
    r"\s*(?:(?P<sep>[:=]|->|=>|[—–]|-(?=\s))|(?P<quote>[\"'«“„`‘])"
    r"|(?P<word>[^\W\d_][^\W_]*(?:[-'’][^\W\d_]+)*(?=[\s,.;:!?)\]»”\"']|$))"
    r"|(?P<end>[,.;!?()\[\]/|](?=\s|$)|\n|$)|(?P<value>\S))"
)
_NAME_BEFORE_SEP = re.compile(r"(?:\s+[^\W\d_][\w-]*){0,2}\s*:(?!//)")
_VALUE = re.compile(r"[^\s\"'«»“”„`,;&<>]+")
_CLOSE = {'"': '"', "'": "'", "«": "»", "“": "”", "„": "“", "`": "`", "‘": "’"}


@dataclass
class _Reading:
    """What follows a key word: where the value is and the words met on the way."""

    start: int = -1
    end: int = -1
    quoted: bool = False
    sep: bool = False  # ":" or "=" (or a dash) right before the value
    connector: bool = False  # "is", «это»
    system: bool = False  # a named system: "for the CRM", «от кассы», «администратора»
    words: tuple[str, ...] = ()


def _read_value(
    view: str, folded: str, pos: int, limit: int, names: bool = True, across: bool = False
) -> _Reading | None:
    """The value after a key word at pos: skips articles, connectors and (names) a system's name; None when there is none.

    across: the value may open the next sentence with "now" («…поменял код на двери? Теперь 2580*»)."""
    reading = _Reading()
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
                (reading.sep or reading.connector) and _mixed_case(view[m.start("word") : m.end("word")])
            )
            if not value_like:
                if reading.sep:  # after ":" the next word is the value itself
                    return _value_at(view, m.start("word"), limit, reading)
                if word in _CHANGED:
                    reading.connector = changed = True
                elif changed and word in ("to", "на"):
                    changed = False
                elif word in _CONNECTORS:
                    reading.connector = True
                elif word in _ARTICLES:
                    pass
                elif not names:
                    return _value_at(view, m.start("word"), limit, reading)
                elif word in _PREPS and not reading.connector:
                    after_prep = 3
                elif _SYSTEM.match(word) and not reading.connector:
                    reading.system = True
                elif after_prep > 0 and word not in _STOP and not reading.connector:
                    reading.system = True
                    after_prep -= 1
                elif _NAME_BEFORE_SEP.match(folded, m.end("word"), limit):
                    reading.system = True  # «ключ API карт: …», "password of the Lisbon shop: …": a name, then ":"
                else:
                    return _value_at(view, m.start("word"), limit, reading)
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
        return _value_at(view, start, limit, reading)
    return None


def _value_at(view: str, start: int, limit: int, reading: _Reading) -> _Reading | None:
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


def _mixed_case(word: str) -> bool:
    """An upper-case letter right after a lower-case one: "NorthWind", "qWerty" (not "Latte", "NDA" or "Wi-Fi")."""
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


def _strong(value: str) -> bool:
    """Reads as a chosen secret: letters with digits or symbols, mixed case, or at least 4 digits."""
    letters = any(c.isalpha() for c in value)
    digits = sum(c.isdigit() for c in value)
    symbols = any(not c.isalnum() for c in value)
    return (letters and (digits or symbols)) or _mixed_case(value) or (not letters and digits >= 4)


def _bad_value(value: str) -> bool:
    """A placeholder, a word of the sentence, a link, a date, a time or an amount: not a secret."""
    low = fold(value)
    if not value or low in _STOP or low in _PLACEHOLDER_WORDS or _PLACEHOLDER.search(value) or _NOT_VALUES.search(value):
        return True
    return len(set(low)) == 1  # "0000", "aaaa"


# ---- key words ----------------------------------------------------------------------------------------------------

_PASSWORD = re.compile(
    r"(?<![^\W_])(?<!-)(?:password\w*|passwd|passcode\w*|passphrase|pwd|pass(?=\s*[:=])|pw|парол\w*"
    r"|пасс(?=\s*[:=]))(?![\w-])"
)
_LOGIN = re.compile(
    r"(?<![\w-])(?:login|log-in|username|user\s?name|user\s?id|uid|логин\w*|имя пользователя|учетн\w+ запис\w+|учетк\w*"
    r"|(?:user|пользователь|юзер)(?=\s*[:=]))(?![\w-])"
)
_PIN = re.compile(
    r"(?<![\w-])(?:pin(?:[\s-]?codes?)?|пин(?:[\s-]?код\w*)?|(?:door|safe|alarm|gate|entry|access|lock|keypad|locker"
    r"|intercom|buzzer|building|staff room|back door|storeroom|stock ?room|back ?office|office|kitchen|roastery)\s+codes?"
    r"|codes?(?=\s+(?:to|for|of|on)\s+(?:the\s+|our\s+)?(?:back\s+|front\s+|staff\s+|main\s+|side\s+)?(?:door|room|safe|gate"
    r"|office|alarm|entrance|lock|locker|building|storeroom|stock ?room|warehouse|kitchen|roastery))"
    r"|код\w*\s+(?:от\s+|к\s+|для\s+|на\s+)?(?:двер\w*|сейф\w*"
    r"|сигнализац\w*|домофон\w*|замк\w*|подсобк\w*|склад\w*|ворот\w*|калитк\w*|служебн\w+\s+\w+|шкафчик\w*)"
    r"|код\s+доступа|кодов\w+\s+замк\w*)(?![\w-])"
)
_TOKEN_WORD = re.compile(
    r"(?<![^\W_])(?<!-)(?:keys?|api[\s_-]?(?:key|token|secret)s?|access[\s_-]?(?:key|token)s?|secret[\s_-]?(?:key|token)?"
    r"|client[\s_-]?secret"
    r"|auth[\s_-]?token|bearer|bot[\s_-]?token|tokens?|токен\w*|api[\s-]?ключ\w*|ключ\w*(?:\s+(?:api|доступа))?"
    r"|app[\s_-]?secret|webhook[\s_-]?secret|private[\s_-]?key|signing[\s_-]?key)(?![\w-])"
)
_PIN_VALUE = re.compile(r"^\d{4,8}[#*]?$")
_TOKEN_TAIL = re.compile(r"[\w\-+/=.]*")
_TOKEN_VALUE = re.compile(r"^[A-Za-z0-9_\-+/=.]{16,}$")
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)
# In a web link only an API key is a leak ("?pwd=" of a webinar link is meant for its guests); in jdbc:…, mysql://…
# a password parameter is one too.
_QUERY_KEY = re.compile(
    r"[?&;](?:api[_-]?key|apikey|access[_-]?token|client[_-]?secret|secret[_-]?key|app[_-]?secret)=([^&\s#]+)", re.IGNORECASE
)
_QUERY_PASSWORD = re.compile(r"[?&;](?:password|passwd|pwd|pass)=([^&\s#]+)", re.IGNORECASE)
_URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]*://([^\s:/@]*):([^\s@/]+?)@[\w.-]+", re.IGNORECASE)
# "Доступ в админку: admin / Kofe2026", "new login for the shop admin: manager / Nw!2024", "back office wifi is
# NW-Staff / espresso_99": a key word, ":" or "is", then a login (or a network's name) and its password.
_PAIR = re.compile(
    r"(?<![\w-])(?:логин\w*|login\w*|log-in|username|парол\w*|password\w*|credentials|creds|доступ\w*|данные для входа"
    r"|учетн\w+ (?:данн|запис)\w+|учетк\w*|access|wi-?fi|вай-?фа\w*|network|сеть|wlan)(?![\w-])"
    r"(?:[^\n.!?:]|\.(?!\s)){0,50}?(?:[:=—–]|\s-|\s(?:is|are|это|теперь|now)(?![\w-]))\s*"
    r"([^\s/,;:]+)\s*/\s*([^\s,;]+)"
)
# No key word, but a login's shape and a password's: "it's smm@brand.example / Kofe_2024!!", "promo_admin : Qw3rty!nw".
_BARE_PAIR = re.compile(
    r"(?<![^\s(\[«\"'])(?:(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*/\s*|(?P<name>[^\W\d][\w.-]*[_.\d][\w.-]*)\s+[/:]\s+)"
    r"(?P<value>[^\s,;]+)"
)
_EXAMPLE_DOMAIN = re.compile(r"(?:example|test|domain|your\w*)\.\w+$|\w+\.(?:test|invalid|localhost)$", re.IGNORECASE)
_VERSION = re.compile(r"^v?\d+(?:\.\d+)+(?:[-+.]\w+)*$", re.IGNORECASE)  # "v2.11.0-beta": a release, not a password
_CREDENTIAL_CONTEXT = re.compile(
    r"admin|админ|cabinet|кабинет|panel|панел|account|аккаунт|dashboard|login|логин|доступ|access|wi-?fi|вай-?фа|network"
    r"|сеть|crm|cms|касс|till|учетк|pass|парол|creds|credentials"
)
# A Wi-Fi network's "key" is its password: "staff network is NW-Staff, key Kr0ssant#77", «Вайфай: NW_Office, ключ …».
_WIFI_KEY = {"key", "keys", "ключ", "ключи"}
# «API key для доставки, чтобы не искать: dlv_live_…»: the value after the next ":" of the clause.
_COLON_VALUE = re.compile(r"[^\n.!?:]{0,60}:\s*([^\s\"'«»“”,;]+)")
# A service's live key by its prefix alone: "dlv_live_7f3KqP29xLmZ0aWcR8uT", "shop_prod_…" (Stripe's sk_live_ is a plugin's).
_PREFIXED_TOKEN = re.compile(r"(?<![\w-])[a-z]{2,10}_(?:live|prod|secret)_[A-Za-z0-9]{16,}(?![\w-])")
_CONNECTION = re.compile(
    r"(?:server|data source|host|hostname|user id|uid|database|initial catalog|jdbc:|dsn)\s*[=:]", re.IGNORECASE
)
_KEY_BLOCK = re.compile(r"-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d")
_KEY_END = re.compile(r"-----END[A-Z ]*PRIVATE KEY(?: BLOCK)?-----|Private-MAC")
_LINES = re.compile(r"[^\n]+")
_CLAUSE_END = re.compile(r"[.!?](?:\s|$)|\n")


def find_secrets(text: str) -> list[Secret]:
    """Every credential in text, by its value's position; [] for most texts after a cheap pre-filter."""
    if not text or not maybe_secret(text):
        return []
    return list(_find_secrets(text))


@lru_cache(maxsize=512)
def _find_secrets(text: str) -> tuple[Secret, ...]:
    """find_secrets, remembered: a post's text is read by the rule, by personal_data and by every excerpt's masking."""
    view, index = visible(text)
    folded = fold(view)
    found: list[Secret] = []

    def add(kind: str, start: int, end: int, service: str = "") -> None:
        while start < end and view[start].isspace():
            start += 1
        while end > start and view[end - 1].isspace():
            end -= 1
        if end <= start or any(s.start < end and start < s.end for s in found):
            return
        found.append(Secret(kind, start, end, view[start:end], service))

    if (_TOKEN_HINTS.search(view) or _DISCORD_HINT.search(view) or (":" in view and _BOT_TOKEN.search(view))
            or ("@" in view and _URL_LOGIN.search(view))):
        _service_tokens(view, add)
    if "://" in view:
        _url_credentials(view, add)
    links = [m.span() for m in _URL.finditer(view)]

    def in_link(pos: int) -> bool:
        return any(s <= pos < e for s, e in links)

    if "_" in view:
        for m in _PREFIXED_TOKEN.finditer(view):
            if not in_link(m.start()) and _is_token(m[0]):
                add("token", m.start(), m.end())
    logins = [m for m in _LOGIN.finditer(folded) if _login_value(view, folded, m.end())]
    for m in _TOKEN_WORD.finditer(folded):
        if in_link(m.start()):
            continue
        limit = _line_end(view, m.end())
        reading = _read_value(view, folded, m.end(), limit)
        if reading and _is_token(view[reading.start : reading.end]):
            add("token", reading.start, reading.end)
            continue
        colon = _COLON_VALUE.match(folded, m.end(), limit)
        if colon and _is_token(view[colon.start(1) : colon.end(1)].rstrip(".)")):
            add("token", colon.start(1), colon.start(1) + len(view[colon.start(1) : colon.end(1)].rstrip(".)")))
            continue
        if reading and m[0] in _WIFI_KEY and _wifi_before(folded, m.start()):
            reading.system = True
            if (reading.quoted or _strong(view[reading.start : reading.end])) and _judge_password(
                view, folded, m.start(), reading, logins
            ):
                add("password", reading.start, reading.end)
    pairs = list(_PAIR.finditer(folded))
    for m in _PASSWORD.finditer(folded):
        if in_link(m.start()):
            continue
        reading = _read_value(view, folded, m.end(), _line_end(view, m.end()))
        if not reading:
            continue
        if any(p.start() <= reading.start < p.end() for p in pairs):
            continue  # "логин и пароль: buh / 7788aa": the pair below takes the second
        kind = _judge_password(view, folded, m.start(), reading, logins)
        if kind:
            add(kind, reading.start, reading.end)
    for m in pairs:
        value = _trim(view[m.start(2) : m.end(2)])
        if in_link(m.start()) or _bad_login(view[m.start(1) : m.end(1)]) or _bad_value(value) or not _strong(value):
            continue
        if (value.isdigit() and _YEAR.match(value)) or _guest_network(folded[max(0, m.start() - 40) : m.end() + 40]):
            continue
        add("password", m.start(2), m.start(2) + len(value))
    if "/" in view or " : " in view:
        for m in _BARE_PAIR.finditer(view):
            value = _trim(m["value"])
            if in_link(m.start()) or _bad_login(m["email"] or m["name"]) or not _password_like(value):
                continue
            line_start = view.rfind("\n", 0, m.start()) + 1
            before = folded[max(line_start, m.start() - 80) : m.start()]
            if m["name"] and not (_CREDENTIAL_CONTEXT.search(before) or _CREDENTIAL_CONTEXT.search(fold(m["name"]))):
                continue
            if not _guest_network(folded[max(0, m.start() - 40) : m.end() + 40]):
                add("password", m.start("value"), m.start("value") + len(value))
    for m in _PIN.finditer(folded):
        if in_link(m.start()):
            continue
        reading = _read_value(view, folded, m.end(), _line_end(view, m.end()), across=True)
        if reading and _judge_pin(view, folded, m.start(), reading):
            add("pin", reading.start, reading.end)
    if index:  # back to the positions of the text as written
        found = [Secret(s.kind, index[s.start], index[s.end - 1] + 1, text[index[s.start] : index[s.end - 1] + 1], s.service)
                 for s in found]
    return tuple(sorted(found, key=lambda s: s.start))


def _line_end(view: str, pos: int) -> int:
    end = view.find("\n", pos)
    return min(end if end >= 0 else len(view), pos + 120)


def _service_tokens(view: str, add: Callable[..., None]) -> None:
    """Service tokens and private keys, by the detect-secrets plugins' patterns, line by line."""
    for line in _LINES.finditer(view):
        text = line[0]
        for plugin in _plugins():
            for pattern in plugin.denylist:
                for m in pattern.finditer(text):
                    if not any(True for _ in plugin.analyze_string(m[0])):  # the plugin's own checks (a JWT must decode)
                        continue
                    name = type(plugin).__name__
                    if name == "PrivateKeyDetector":
                        _private_key(view, line.start() + m.start(), add)
                        continue
                    if name == "BasicAuthDetector":
                        start, end = m.span(1)
                        kind = "connection"
                    else:
                        groups = [g for g in range(1, (m.lastindex or 0) + 1) if m[g] and len(m[g]) >= 16]
                        start, end = m.span(max(groups, key=lambda g: len(m[g]))) if groups else m.span()
                        end = _TOKEN_TAIL.match(text, end).end()  # a JWT's pattern stops before its signature
                        while end > start and text[end - 1] in ".-_":
                            end -= 1
                        kind = "token"
                    value = text[start:end]
                    if kind == "token" and (not any(c.isdigit() for c in value) or _PLACEHOLDER.search(value)):
                        continue  # real keys carry digits; an all-letter match is a word, "xoxb-xxxx" a placeholder
                    if kind == "connection" and _bad_value(value):
                        continue
                    add(kind, line.start() + start, line.start() + end, plugin.secret_type)


def _private_key(view: str, header: int, add: Callable[..., None]) -> None:
    """A private key's body: from its BEGIN line to its END line (or the end of the text)."""
    m = _KEY_BLOCK.search(view, max(0, header - 5))
    if not m:
        return
    end = _KEY_END.search(view, m.end())
    body_end = end.start() if end else len(view)
    body = view[m.end() : body_end]
    runs = re.findall(r"[A-Za-z0-9+/=]{24,}", body)  # base64 lines, not words about keys
    if any(any(c.isdigit() for c in run) for run in runs) and not _PLACEHOLDER.search(body.strip()[:40]):
        add("private_key", m.end(), body_end, "Private Key")


def _url_credentials(view: str, add: Callable[..., None]) -> None:
    """postgres://user:pass@host/db, mongodb+srv://…, jdbc:…?password=…: the password; an API key in a link's query."""
    for m in _URL_CREDENTIALS.finditer(view):
        if not _bad_value(m[2]):
            add("connection", m.start(2), m.end(2), "Connection string")
    for link in _URL.finditer(view):
        for m in _QUERY_KEY.finditer(link[0]):
            if _is_token(m[1]):
                add("token", link.start() + m.start(1), link.start() + m.end(1))
        if not link[0].lower().startswith(("http", "www")):
            for m in _QUERY_PASSWORD.finditer(link[0]):
                if not _bad_value(m[1]):
                    add("connection", link.start() + m.start(1), link.start() + m.end(1), "Connection string")


def _is_token(value: str) -> bool:
    """A key-like value: 16+ characters, letters and digits, random enough (detect-secrets' entropy)."""
    if not _TOKEN_VALUE.match(value) or _bad_value(value) or _NOT_VALUES.search(value):
        return False
    if not (any(c.isalpha() for c in value) and any(c.isdigit() for c in value)):
        return False
    base64, hexadecimal = _entropy()
    if re.fullmatch(r"[0-9a-fA-F-]{32,}", value):
        return hexadecimal(value.lower()) >= 3.0
    return base64(value) >= 3.5


def _login_value(view: str, folded: str, pos: int) -> bool:
    """Whether a login word is followed by a login (not "log in with your email")."""
    reading = _read_value(view, folded, pos, _line_end(view, pos), names=False)
    if not reading:
        return False
    return not _bad_value(view[reading.start : reading.end])


def _clause(view: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last sentence end before to the next one after."""
    before = [m.end() for m in _CLAUSE_END.finditer(view, max(0, start - 160), start)]
    after = _CLAUSE_END.search(view, end)
    return (before[-1] if before else max(0, start - 160)), (after.start() if after else len(view))


def _example(folded: str, keyword: int, reading: _Reading) -> bool:
    """The value is quoted as an example or a bad habit: "passwords like 123456", "PIN 1234 is an example"."""
    return bool(
        _EXAMPLE.search(folded[max(0, keyword - 40) : keyword])
        or _EXAMPLE.search(folded[max(0, reading.start - 30) : reading.start])
        or _EXAMPLE_AFTER.search(folded[reading.end : reading.end + 40])
    )


def _judge_password(view: str, folded: str, keyword: int, reading: _Reading, logins: list[re.Match[str]]) -> str | None:
    """"password", "connection" or None: a value in the clause of a login, of a system's name, or after ":"."""
    value = view[reading.start : reading.end]
    if _bad_value(value) or _example(folded, keyword, reading):
        return None
    if _connection_line(view, keyword):
        return "connection" if (_strong(value) or len(value) >= 3) else None
    start, end = _clause(view, keyword, reading.end)
    before = folded[max(start, keyword - 40) : keyword]
    system = reading.system or any(_SYSTEM.match(w) for w in re.findall(r"[^\W\d_][\w-]*", before)[-3:])
    login = any(abs(m.start() - keyword) < 100 and start - 40 <= m.start() <= end for m in logins)
    letters_only = value.isalpha()
    if reading.quoted:
        accepted = reading.sep or reading.connector or login or system
    elif _strong(value):
        if value.isdigit() and _YEAR.match(value) and not reading.sep:
            return None
        accepted = login or system or reading.sep or (
            reading.connector and len(value) >= 6 and any(c.isalpha() for c in value) and any(not c.isalpha() for c in value)
        )
    elif letters_only and len(value) >= 3:
        accepted = login or (system and reading.sep)
    else:
        accepted = False
    if not accepted:
        return None
    # A guest network's password is printed on receipts and announced to guests on purpose: no credential at all.
    return None if _guest_network(folded[start : min(end, reading.end + 40)]) else "password"


def _guest_network(window: str) -> bool:
    """The text around a password is about the guests' Wi-Fi (and not the staff's, nor "don't tell guests")."""
    if not _WIFI.search(window):
        return False
    window = _NOT_GUEST.sub(" ", window)
    return bool(_GUEST.search(window)) and not _STAFF.search(window)


def _wifi_before(folded: str, pos: int) -> bool:
    """A Wi-Fi network is named on the line before pos (within 80 characters): its "key" is its password."""
    line_start = folded.rfind("\n", 0, pos) + 1
    return bool(_WIFI.search(folded[max(line_start, pos - 80) : pos]))


def _trim(value: str) -> str:
    """A value without the sentence's punctuation after it ("Nw!2024." → "Nw!2024", "Qwerty1!" stays)."""
    return value.rstrip(".,:;?)»\"'”")


def _bad_login(login: str) -> bool:
    """A pair's first half that is no login: a placeholder, a link, a date or an amount (an e-mail is a login)."""
    local, at, domain = login.rpartition("@")
    if at:  # the brand's own domain may well be brand.example: only a documentation domain is a placeholder
        return bool(_PLACEHOLDER.search(local) or _EXAMPLE_DOMAIN.match(domain))
    return bool(_PLACEHOLDER.search(login) or _NOT_VALUES.search(login) or "://" in login)


def _password_like(value: str) -> bool:
    """Reads as a password with no key word before it: 6+ characters, letters, a digit, and a symbol or mixed case."""
    if len(value) < 6 or value[0] in "@#" or "@" in value or _VERSION.match(value) or _bad_value(value):
        return False
    letters = sum(c.isalpha() for c in value)
    symbols = any(not c.isalnum() for c in value)
    return letters >= 2 and any(c.isdigit() for c in value) and (symbols or _mixed_case(value))



def _connection_line(view: str, pos: int) -> bool:
    """Server=…;Database=…;Password=…: the key-value pairs of a connection string around pos."""
    start = view.rfind("\n", 0, pos) + 1
    end = view.find("\n", pos)
    line = view[start : end if end >= 0 else len(view)]
    return ";" in line and bool(_CONNECTION.search(line))


def _judge_pin(view: str, folded: str, keyword: int, reading: _Reading) -> bool:
    """4–8 digits right after a PIN or door-code word (or its system): not a year, not an example."""
    value = view[reading.start : reading.end]
    if not _PIN_VALUE.match(value) or _bad_value(value.rstrip("#*")):
        return False
    if _YEAR.match(value) and not (reading.sep or reading.connector or reading.system):
        return False
    if _example(folded, keyword, reading):
        return False
    return not _COUNTED.match(folded, reading.end)  # "PIN 1234 digits long"? a count, not a code
