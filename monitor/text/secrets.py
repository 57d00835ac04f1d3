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
from monitor.text.secret_values import (
    EXAMPLE,
    EXAMPLE_AFTER,
    NOT_VALUES,
    PLACEHOLDER,
    Reading,
    SYSTEM,
    WIFI,
    YEAR,
    bad_login,
    bad_value,
    guest_network,
    names_other_system,
    password_like,
    read_value,
    strong,
    trim,
)

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
_KEYWORDS_ASCII = re.compile(r"pass|pwd|pw\b|login|token|key|secret|pin|code|bearer|wi-?fi|access|cred|sign.?in")
_KEYWORDS = re.compile(
    r"[pр][aа][sѕ][sѕ]|pwd|pw\b|п[аa][рp][оo]л|п[аa][сc][сc]|l[oо]gin|л[оo]гин|t[oо]k[eе]n|[тt][оo][кk][еe]н|k[eе]y"
    r"|[кk]люч|s[eе]cr[eе]t|пин|pin|[кk][оo]д|c[oо]d[eе]|b[eе]ar[eе]r|wi-?fi|вай-?фа|д[оo]ступ|[аa][cс][cс][еe]ss|cred"
    r"|данные для вх|вход|sign.?in"
)
_KEYWORDS_CYRILLIC = re.compile(r"парол|пасс|логин|токен|ключ|пин|код|вай-?фа|доступ|вход|wi-?fi")
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
    if ("/" in text or " : " in text) and any(password_like(trim(m["value"])) for m in _BARE_PAIR.finditer(text)):
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


_COUNTED = re.compile(r"\s*(?:digits?|цифр\w*|characters?|символ\w*|знак\w*|раз\w*|times?)\b")


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
    r"|auth[\s_-]?token|bearer|bot[\s_-]?token|tokens?|токен\w*|api[\s-]?ключ\w*|ключ(?!ев)\w*(?:\s+(?:api|доступа))?"
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
    r"(?<![\w-])(?:логин\w*|login\w*|log-in|sign[\s-]?in|username|парол\w*|password\w*|credentials|creds|доступ\w*|вход\w*"
    r"|учетн\w+ (?:данн|запис)\w+|учетк\w*|access|wi-?fi|вай-?фа\w*|network|сеть|wlan)(?![\w-])"
    r"(?:[^\n.!?:]|\.(?!\s)){0,50}?(?:[:=—–]|\s-|\s(?:is|are|это|теперь|now)(?![\w-]))\s*"
    r"([^\s/,;:]+)\s*/\s*([^\s,;]+)"
)
# No key word, but a login's shape and a password's: "it's smm@brand.example / Kofe_2024!!", "promo_admin : Qw3rty!nw".
_BARE_PAIR = re.compile(
    r"(?<![^\s(\[«\"'])(?:(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*/\s*|(?P<name>[^\W\d][\w.-]*[_.\d][\w.-]*)\s+[/:]\s+)"
    r"(?P<value>[^\s,;]+)"
)
_CREDENTIAL_CONTEXT = re.compile(
    r"admin|админ|cabinet|кабинет|panel|панел|account|аккаунт|dashboard|login|логин|доступ|access|wi-?fi|вай-?фа|network"
    r"|сеть|crm|cms|касс|till|учетк|pass|парол|creds|credentials|instagram|инстаграм|telegram|телеграм|facebook|tiktok"
    r"|twitter|\bvk\b|\bвк\b|вконтакте|\bfb\b|почт|e-?mail|\b1[cс]\b|iiko|tilda|wordpress|bitrix|битрикс|shopify"
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
        reading = read_value(view, folded, m.end(), limit)
        if reading and _is_token(view[reading.start : reading.end]):
            add("token", reading.start, reading.end)
            continue
        colon = _COLON_VALUE.match(folded, m.end(), limit)
        if colon and _is_token(view[colon.start(1) : colon.end(1)].rstrip(".)")):
            add("token", colon.start(1), colon.start(1) + len(view[colon.start(1) : colon.end(1)].rstrip(".)")))
            continue
        if reading and m[0] in _WIFI_KEY and _wifi_before(folded, m.start()):
            reading.system = True
            if (reading.quoted or strong(view[reading.start : reading.end])) and _judge_password(
                view, folded, m.start(), reading, logins
            ):
                add("password", reading.start, reading.end)
    pairs = list(_PAIR.finditer(folded))
    for m in _PASSWORD.finditer(folded):
        if in_link(m.start()):
            continue
        reading = read_value(view, folded, m.end(), _line_end(view, m.end()))
        if not reading:
            continue
        if any(p.start() <= reading.start < p.end() for p in pairs):
            continue  # "логин и пароль: buh / 7788aa": the pair below takes the second
        kind = _judge_password(view, folded, m.start(), reading, logins)
        if kind:
            add(kind, reading.start, reading.end)
    for m in pairs:
        value = trim(view[m.start(2) : m.end(2)])
        if in_link(m.start()) or bad_login(view[m.start(1) : m.end(1)]) or bad_value(value) or not strong(value):
            continue
        if (value.isdigit() and YEAR.match(value)) or guest_network(_around(folded, m.start(), m.end())):
            continue
        add("password", m.start(2), m.start(2) + len(value))
    if "/" in view or " : " in view:
        for m in _BARE_PAIR.finditer(view):
            value = trim(m["value"])
            if in_link(m.start()) or bad_login(m["email"] or m["name"]) or not password_like(value):
                continue
            line_start = view.rfind("\n", 0, m.start()) + 1
            before = folded[max(line_start, m.start() - 80) : m.start()]
            if m["name"] and not (_CREDENTIAL_CONTEXT.search(before) or _CREDENTIAL_CONTEXT.search(fold(m["name"]))):
                continue
            if not guest_network(_around(folded, m.start(), m.end())):
                add("password", m.start("value"), m.start("value") + len(value))
    for m in _PIN.finditer(folded):
        if in_link(m.start()):
            continue
        reading = read_value(view, folded, m.end(), _line_end(view, m.end()), across=True)
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
                    if kind == "token" and (not any(c.isdigit() for c in value) or PLACEHOLDER.search(value)):
                        continue  # real keys carry digits; an all-letter match is a word, "xoxb-xxxx" a placeholder
                    if kind == "connection" and bad_value(value):
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
    if any(any(c.isdigit() for c in run) for run in runs) and not PLACEHOLDER.search(body.strip()[:40]):
        add("private_key", m.end(), body_end, "Private Key")


def _url_credentials(view: str, add: Callable[..., None]) -> None:
    """postgres://user:pass@host/db, mongodb+srv://…, jdbc:…?password=…: the password; an API key in a link's query."""
    for m in _URL_CREDENTIALS.finditer(view):
        if not bad_value(m[2]):
            add("connection", m.start(2), m.end(2), "Connection string")
    for link in _URL.finditer(view):
        for m in _QUERY_KEY.finditer(link[0]):
            if _is_token(m[1]):
                add("token", link.start() + m.start(1), link.start() + m.end(1))
        if not link[0].lower().startswith(("http", "www")):
            for m in _QUERY_PASSWORD.finditer(link[0]):
                if not bad_value(m[1]):
                    add("connection", link.start() + m.start(1), link.start() + m.end(1), "Connection string")


def _is_token(value: str) -> bool:
    """A key-like value: 16+ characters, letters and digits, random enough (detect-secrets' entropy)."""
    if not _TOKEN_VALUE.match(value) or bad_value(value) or NOT_VALUES.search(value):
        return False
    if not (any(c.isalpha() for c in value) and any(c.isdigit() for c in value)):
        return False
    base64, hexadecimal = _entropy()
    if re.fullmatch(r"[0-9a-fA-F-]{32,}", value):
        return hexadecimal(value.lower()) >= 3.0
    return base64(value) >= 3.5


def _login_value(view: str, folded: str, pos: int) -> bool:
    """Whether a login word is followed by a login (not "log in with your email")."""
    reading = read_value(view, folded, pos, _line_end(view, pos), names=False)
    if not reading:
        return False
    return not bad_value(view[reading.start : reading.end])


def _clause(view: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last sentence end before to the next one after."""
    before = [m.end() for m in _CLAUSE_END.finditer(view, max(0, start - 160), start)]
    after = _CLAUSE_END.search(view, end)
    return (before[-1] if before else max(0, start - 160)), (after.start() if after else len(view))


def _example(folded: str, keyword: int, reading: Reading) -> bool:
    """The value is quoted as an example or a bad habit: "passwords like 123456", "PIN 1234 is an example"."""
    return bool(
        EXAMPLE.search(folded[max(0, keyword - 40) : keyword])
        or EXAMPLE.search(folded[max(0, reading.start - 30) : reading.start])
        or EXAMPLE_AFTER.search(folded[reading.end : reading.end + 40])
    )


def _judge_password(view: str, folded: str, keyword: int, reading: Reading, logins: list[re.Match[str]]) -> str | None:
    """"password", "connection" or None: a value in the clause of a login, of a system's name, or after ":"."""
    value = view[reading.start : reading.end]
    if bad_value(value) or _example(folded, keyword, reading):
        return None
    if _connection_line(view, keyword):
        return "connection" if (strong(value) or len(value) >= 3) else None
    start, end = _clause(view, keyword, reading.end)
    before = folded[max(start, keyword - 40) : keyword]
    system = reading.system or any(SYSTEM.match(w) for w in re.findall(r"[^\W\d_][\w-]*", before)[-3:])
    login = any(abs(m.start() - keyword) < 100 and start - 40 <= m.start() <= end for m in logins)
    letters_only = value.isalpha()
    if reading.quoted:
        accepted = reading.sep or reading.connector or login or system
    elif strong(value):
        if value.isdigit() and YEAR.match(value) and not reading.sep:
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
    word_before = re.findall(r"[^\W\d_][\w-]*", before)[-1:] or [""]
    if guest_network(_around(folded, keyword, reading.end)) and not names_other_system(reading, word_before[0]):
        return None
    return "password"


def _around(folded: str, start: int, end: int) -> str:
    """The text around a password, the sentences before it too: "Free Wi-Fi! Network: NW, password: coffee2027"."""
    return folded[max(0, start - 120) : end + 60]


def _wifi_before(folded: str, pos: int) -> bool:
    """A Wi-Fi network is named on the line before pos (within 80 characters): its "key" is its password."""
    line_start = folded.rfind("\n", 0, pos) + 1
    return bool(WIFI.search(folded[max(line_start, pos - 80) : pos]))


def _connection_line(view: str, pos: int) -> bool:
    """Server=…;Database=…;Password=…: the key-value pairs of a connection string around pos."""
    start = view.rfind("\n", 0, pos) + 1
    end = view.find("\n", pos)
    line = view[start : end if end >= 0 else len(view)]
    return ";" in line and bool(_CONNECTION.search(line))


def _judge_pin(view: str, folded: str, keyword: int, reading: Reading) -> bool:
    """4–8 digits right after a PIN or door-code word (or its system): not a year, not an example."""
    value = view[reading.start : reading.end]
    if not _PIN_VALUE.match(value) or bad_value(value.rstrip("#*")):
        return False
    if YEAR.match(value) and not (reading.sep or reading.connector or reading.system):
        return False
    if _example(folded, keyword, reading):
        return False
    return not _COUNTED.match(folded, reading.end)  # "PIN 1234 digits long"? a count, not a code
