"""The patterns of absolute claims, family by family (en and ru, matched on folded text)."""

from __future__ import annotations

import re

from monitor.text.phrases import Phrases

_PCT = r"(?<![\d.,])100\s?%"
_SCOPE_EN = (
    r"(?:the\s+(?:whole\s+|entire\s+)?|all\s+(?:of\s+)?(?:the\s+)?)?(?:world|country|town|city|market|planet|universe|galaxy|industry|business"
    r"|region|area|neighbou?rhood|district|state|nation|earth"
    r"|russia|moscow|europe|america|usa|us|uk|london)\b"
)
_SCOPE_RU_WORDS = (
    "мире|мира|стране|городе|россии|москве|европе|рынке|вселенной|галактике|отрасли"
    "|регионе|области|районе|округе|питере|петербурге|спб|свете|земле"
)
_SCOPE_RU = rf"(?:{_SCOPE_RU_WORDS})\b"
# A Russian preposition before an English scope, or the other way round: «лучший в Russia», "the best coffee в городе".
_SCOPE_AFTER_RU = r"(?:всем\s+|всей\s+|целом\s+|целой\s+)?(?:" + _SCOPE_RU_WORDS + r"|russia|moscow|europe|the\s+world|world|town|city)\b"
# "No. 1" or "no1", but not "no one".
_NUMBER_ONE = r"(?:#\s?|№\s?|(?<!\w)no\.\s?|(?<!\w)no\s?(?=1)|(?<!\w)number\s+|(?<!\w)номер\s+)(?:1|one|один)\b"
# Up to two words between a superlative and its scope, but not "best wishes to everyone in town".
_GAP_EN = r"(?:(?!wishes|regards|to\b|for\b|of\b|with\b)[\w'’-]+\s+){0,2}"

# A guarantee or "no risk" next to a stated remedy is a refund policy, not a promise of results.
GUARANTEES = [
    _PCT + r"\s*(?:guarantee[sd]?|effective|results?|success|safe|proven)\b",
    r"\bguarantee[sd]?\s*100\s?%",
    r"\bguaranteed\s+(?:results?|success|effect|to\s+(?:work|cure|heal|fix|boost|change))\b",
    r"\b(?:results?|success)\s+(?:are\s+|is\s+)?guaranteed\b",
    r"\bzero[\s-]+risk\b",
    r"\brisk[\s-]?free\b",
    r"\bnever\s+fails?\b|\bnever\s+lets?\s+you\s+down\b",
    r"\b(?:guaranteed|гарантированно)\b[^.!?\n]{0,40}(?:на\s+)?100\s?%",
    r"\b(?:can'?t|cannot|can\s+not)\s+fail\b",
    r"\bworks?\s+every\s+(?:single\s+)?time\b",
    _PCT + r"\s*(?:гаранти\w*|результат\w*|эффект\w*|успех\w*|безопасн\w*)",
    r"\bгаранти\w*\s*(?:на\s*)?100\s?%",
    r"\bстопроцентн\w*\s+(?:гаранти\w*|результат\w*|эффект\w*)",
    r"\bгарантированн\w*\s+(?:результат\w*|эффект\w*|успех\w*)",
    r"\b(?:результат|успех|эффект)\w*\s+гарантир\w*",
    r"\bгарантируем\s+(?:результат|успех|эффект)\w*",
    # "без риска облиться" is about spilling, not a promise: an infinitive after it is left alone.
    r"\bбез\s+(?:всякого\s+|какого-?либо\s+)?риска\b(?!\s+[а-я]+(?:ть|ться|ти)\b)",
    r"\b(?:нулев\w*|никакого)\s+риск\w*",
    r"\bникогда\s+не\s+подвед\w*|\bникогда\s+не\s+подвод\w*",
]
SUPERLATIVES = [
    _NUMBER_ONE + r"\s+(?:[\w'’-]+\s+){0,2}(?:in|on|across)\s+" + _SCOPE_EN,
    r"\b(?:world|country|america|russia|europe|nation|planet|city|town|moscow|london)(?:'s|’s|s)\s+"
    r"(?:#\s?1|no\.?\s?1|number\s+one|best|greatest|finest|tastiest|favou?rite|most\s+loved)\b",
    _NUMBER_ONE + r"[\s-]+(?:brand|choice|rated|seller|selling)\b",
    r"\b(?:best|finest|tastiest|greatest)\s+" + _GAP_EN + r"(?:in|on)\s+" + _SCOPE_EN,
    r"\b(?:unbeatable|unrivall?ed|unparall?ell?ed|second\s+to\s+none|beyond\s+compare)\b",
    # «нам нет равных в городе», but not «нет равных условий»
    r"(?<!\w)(?:вне\s+конкуренции|(?:(?:нам\s+)?нет|не\s+име\w+)\s+равных(?=\s*(?:$|[^\w\s]|(?:в|во|среди|по|на)\s))"
    r"|равных\s+(?:нам\s+)?нет)(?!\w)",
    # "the best cup you'll ever have", «лучший кофе, который вы когда-либо пробовали»: ranked against everything.
    r"\b(?:best|finest|tastiest|smoothest|richest)\s+(?:[\w-]+\s+){0,2}you(?:'ll|’ll|\s+will)?\s+ever\s+"
    r"(?:taste|tasted|have|had|try|tried|drink|sip)\b",
    r"(?<!\w)лучш\w+\s+(?:[\w-]+,?\s+){0,2}(?:который|которое|которую|что)\s+вы\s+(?:когда-либо|когда-нибудь)\s+пробовал\w*",
    _NUMBER_ONE + r"\s*(?:в|во|на|среди|по)\s+(?:" + _SCOPE_RU_WORDS + r"|продажам)\b",
    r"\b(?:бренд|марка|кофе|выбор|производитель|обжарщик)\s*(?:№|#|номер\s+)\s?(?:1|один)\b",
    _NUMBER_ONE + r"\s+(?:бренд|марка|выбор|производитель|обжарщик)\w*",
    r"\bлучш\w*\s+(?:[\w-]+\s+){0,2}(?:мира|россии|москвы|страны|города|европы)\b",
    r"\b(?:лучш\w*|(?:сам\w+|наиболее)\s+(?:вкусн|популярн|любим|качественн|свеж)\w*)\s+"
    r"(?:[\w-]+\s+){0,3}(?:в|во|на)\s+" + _SCOPE_RU,
    r"\bсам(?:ый|ая|ое|ые|ого|ой|ую|ых)\s+лучш\w*",
    r"\bлучше\s+всех\b",
    r"\b(?:нет|не\s+имеет|не\s+имеющ\w*|без)\s+аналогов\b|\bаналогов\s+нет\b",
    r"\bнепревзойденн\w*",
]
HEALTH = [
    # "cures the Monday blues" is a joke about a mood, not a medical promise.
    r"\bcures?\b(?!\s+(?:for\s+)?(?:the\s+|your\s+)?(?:monday|mondays|blues|boredom)\b)",
    r"\bheals\b",
    r"\b(?:clinically|scientifically)\s+proven\b",
    r"\b(?:клинически|научно)\s+доказан\w*",
    r"\bburns?\s+fat\b",
    r"\bprevents?\s+(?:cancer|disease|diabetes|colds?|flu|covid)\b",
    r"\b(?:вылеч|излеч|исцел)\w*\b(?!\s+(?:от\s+)?(?:хандр|скук|понедельник)\w*)",
    r"\bлечит\b(?!\s+(?:от\s+)?(?:хандр|скук|понедельник)\w*)",
    r"\bукрепля\w*\s+иммунитет\w*",
    r"\b(?:boosts?|strengthens?)\s+(?:your\s+)?immun(?:ity|e\s+system)\b",
    r"\blowers?\s+(?:your\s+)?(?:blood\s+pressure|cholesterol|blood\s+sugar)\b",
    r"(?<!\w)снижа\w*\s+(?:артериальное\s+)?(?:давлени|холестерин|сахар\s+в\s+крови)\w*",
    r"\bсжига\w*\s+жир\w*",
]
# "A Christmas miracle" or «новогоднее чудо» is a mood; a miracle *product* is a claim.
MIRACLES = [
    r"\bmiracle\s+(?:cure|drink|product|remedy|formula|pill|beans?|elixir|potion|tea|coffee|effect)\b",
    r"\bworks?\s+miracles\b",
    r"\bmiraculous\w*",
    r"\bчудо-?\s?(?:средство|напиток|кофе|чай|эликсир|таблетк\w*|продукт|зерн\w*)",
    r"\bчудодейственн\w*",
    r"\bтворит\s+чудеса\b",
]
_COMPARATIVE_EN = (
    r"(?:better|cheaper|faster|quicker|fresher|tastier|stronger|smoother|safer|finer|lower\s+prices?"
    r"|more\s+(?:reliable|affordable|delicious|convenient|effective))"
)
_COMPARATIVE_RU = r"(?:дешевле|лучше|быстрее|свежее|вкуснее|выгоднее|надежнее|качественнее|безопаснее|ниже|доступнее)"
# A superlative that ranks the brand against a market: "the fastest delivery in the city", «самая низкая цена в регионе».
_SUPER_EN = (
    r"(?:best|finest|tastiest|greatest|fastest|quickest|cheapest|lowest|freshest|strongest|smoothest|safest|tastiest"
    r"|most\s+(?:delicious|popular|reliable|affordable|trusted|loved|convenient|comfortable|advanced|effective|secure)"
    r"|(?:highest|best|top)[\s-]+rated|highest[\s-]+quality|most[\s-]+awarded|(?:largest|biggest|widest)\s+(?:selection|choice|range))"
)
_SUPER_RU = (
    r"(?:(?:сам(?:ый|ая|ое|ые|ого|ой|ую|ых|ым|ыми|ом)|наиболее)\s+(?:низк|быстр|дешев|свеж|вкусн|качественн|выгодн|надежн"
    r"|популярн|любим|доступн|широк|удобн|безопасн|ароматн|полезн|натуральн|современн|большой\s+ассортимент)\w*"
    r"|(?:свеж|вкусн|быстр|низк|дешев|выгодн|качественн|надежн|ароматн)(?:ейш|айш)\w*)"
)
SCOPED = [
    r"\b" + _SUPER_EN + r"\s+" + _GAP_EN + r"(?:in|on|across)\s+" + _SCOPE_EN,
    # "in Kazan", "in Berlin": a capitalised place (checked on the original text).
    r"\b" + _SUPER_EN + r"\s+" + _GAP_EN + r"in\s+(?P<place>[a-z][a-z-]+)\b",
    r"(?:#\s?|№\s?|(?<!\w)number\s+)(?:1|one)\s+(?:[\w'’-]+\s+){0,2}in\s+(?P<place>[a-z][a-z-]+)\b",
    r"(?<!\w)" + _SUPER_RU + r"\s+(?:[\w-]+\s+){0,3}(?:в|во|на|среди)\s+(?:всем\s+|всей\s+)?" + _SCOPE_RU,
    r"(?<!\w)(?:" + _SUPER_RU + r"|лучш(?!е\b)\w+)\s+(?:[\w-]+\s+){0,3}(?:в|во)\s+(?P<place>[а-я][а-я-]+)(?!\w)",
    r"\b" + _SUPER_EN + r"\s+" + _GAP_EN + r"(?:в|во|на)\s+" + _SCOPE_AFTER_RU,
    r"(?<!\w)" + _SUPER_RU + r"\s+(?:[\w-]+\s+){0,3}(?:in|on|across)\s+" + _SCOPE_EN,
    # "you won't find a smoother espresso", «дешевле, чем у нас, не найдёте»: a superlative put as a search in vain.
    # not "if you can't find a cheaper price on the site, check the app"
    r"(?<!\bif\s)(?<!\bif\syou\s)(?<!\bif\swe\s)"
    r"\b(?:won'?t|won’t|will\s+not|can'?t|can’t|cannot|couldn'?t|couldn’t|could\s+not|not|never|good\s+luck)\s+(?:ever\s+)?find(?:ing)?\s+"
    r"(?:a\s+|an\s+|any\s+)?(?:[\w-]+,?\s+)?(?:" + _COMPARATIVE_EN + r"|creamier|richer|nicer|friendlier|cos[iy]er|juicier)"
    r"\b(?!\s+(?:way|time|moment|excuse|reason|words?|name|gift|team|weather|day)\b)",
    r"\b(?:won'?t|won’t|will\s+not|can'?t|can’t|cannot|never)\s+(?:ever\s+)?find\s+(?:[\w'’-]+\s+){0,4}?anywhere\s+else\s+(?:in|on)\s+"
    + _SCOPE_EN,
    # "Nothing on the planet beats it"; not "nothing in the world makes us happier than your photos".
    r"\bnothing\s+(?:else\s+)?(?:on|in)\s+(?:the\s+)?(?:whole\s+)?(?:planet|world|earth|universe)"
    r"(?:(?=\s*[.!])|\s+(?:beats|compares|comes\s+close|tastes\s+(?:better|like))\b)",
    r"\bthere(?:'s|’s|\s+is)\s+no\s+" + _COMPARATIVE_EN + r"\s+(?:[\w-]+\s+){0,2}?(?:anywhere|in\s+" + _SCOPE_EN + r")",
    r"(?<!\w)" + _COMPARATIVE_RU + r",?\s+чем\s+у\s+нас,?\s+(?:[\w-]+\s+){0,4}?"
    r"(?:нет|не\s+найд(?:ете|ешь)|не\s+найти|не\s+бывает|не\s+существует)(?!\w)",
    r"(?<!\w)" + _COMPARATIVE_RU + r"\s+наш\w*\s+(?:[\w-]+\s+)?(?:нет|не\s+найти|не\s+бывает|не\s+существует)(?!\w)",
    r"(?<!\w)" + _COMPARATIVE_RU + r"\s+(?:[\w-]+\s+){0,2}?(?:в|во|на)\s+" + _SCOPE_AFTER_RU + r"\s+(?:нет|не\s+бывает)(?!\w)",
    r"(?<!\w)(?:нигде|вы\s+не|не)\s+(?:больше\s+)?найд(?:ете|ешь)\s+(?:[\w-]+\s+){0,2}?(?:" + _COMPARATIVE_RU + r"|лучш\w*)(?!\w)",
    r"(?<!\w)(?:" + _COMPARATIVE_RU + r")\s+(?:[\w-]+\s+){0,3}?(?:нигде\s+)?не\s+(?:найти|найдете|найдешь)(?!\w)",
]
# "The only café in the city that …", «единственные в стране»: uniqueness against a whole market.
ONLY = [
    r"\bthe\s+(?:one\s+and\s+)?only\s+(?!(?:thing|things|way|ways|time|one\s+of)\b)(?:[\w'’-]+\s+){0,4}?(?:in|on|across)\s+" + _SCOPE_EN,
    r"\b(?:(?:no\s*one|nobody)\s+else|no\s+other\s+[\w-]+|nowhere\s+else|only\s+we)\s+(?:in|on|across)\s+" + _SCOPE_EN,
    r"(?<!\w)только\s+мы\s+(?:[\w-]+\s+)?(?:в|во|на)\s+" + _SCOPE_AFTER_RU,
    # «такого кофе больше нигде нет»; not «вашего заказа нигде нет»
    r"(?<!\w)(?:такого|такой|такое|таких|подобного)\s+(?:[\w-]+\s+){0,2}?(?:больше\s+)?нигде\s+(?:больше\s+)?(?:нет|не\s+найд\w+)(?!\w)",
    r"(?<!\w)единственн\w*\s+(?:[\w-]+\s+){0,3}?(?:в|во|на)\s+" + _SCOPE_AFTER_RU,
    # "in Kazan", «в Казани»: a capitalised place (checked on the original text).
    r"\bthe\s+(?:one\s+and\s+)?only\s+(?!(?:thing|things|way|ways|time|one\s+of)\b)(?:[\w'’-]+\s+){0,3}?in\s+(?P<place>[a-z][a-z-]+)\b",
    r"(?<!\w)единственн\w*\s+(?:[\w-]+\s+){0,3}?(?:в|во)\s+(?P<place>[а-я][а-я-]+)(?!\w)",
    # "the only honest bank", «единственная настоящая кофейня»: every other one is not.
    r"\bthe\s+only\s+(?:truly\s+|really\s+)?(?:honest|real|true|genuine|trustworthy|reliable|natural|proper|authentic)\s+(?:[\w-]+\s+)?"
    r"(?:bank|caf[eé]|coffee\s+shop|roaster[y]?|shop|store|brand|company|bakery|service)s?\b",
    r"(?<!\w)единственн\w*\s+(?:по-настоящему\s+)?(?:честн|настоящ|надежн|натуральн|правильн)\w*\s+(?:[\w-]+\s+)?"
    r"(?:кофе[ейяюн]\w*|банк\w*|магазин\w*|бренд\w*|компани\w*|пекарн\w*|обжарщик\w*|сервис\w*|доставк\w*)(?!\w)",
    r"(?<!\w)никто\s+(?:больше|кроме\s+нас)\s+(?:в|во|на)\s+" + _SCOPE_AFTER_RU,
    r"(?<!\w)никто\s+(?:в|во|на)\s+" + _SCOPE_AFTER_RU + r",?\s+кроме\s+нас(?!\w)",
]
# Months and days are scopes of time, not of a market: "our busiest day in December".
NOT_PLACES = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday|northwind|нордвинд\w*|[а-я]+(?:ое|ый|ий|ая|ые|их|ом)"
    r"|январ\w*|феврал\w*|март\w*|апрел\w*|ма[ея]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)$"
)
_BUSINESS_RU = (
    r"(?:кофе[ейяюн]\w*|сет[еиь]\w*|сетев\w*|магазин\w*|ресторан\w*|бренд\w*|марк[аиу]\w*|компани\w*|конкурент\w*|банк\w*"
    r"|пекарн\w*|обжарщик\w*|сервис\w*|заведени\w*|супермаркет\w*|кафе|производител\w*|доставк\w*)(?!\w)"
)
# "Cheaper than anyone else in town", «дешевле, чем у всех конкурентов», "no one roasts fresher".
COMPARISONS = [
    r"\b" + _COMPARATIVE_EN + r"(?:\s+[\w'’-]+){0,2}\s+than\s+(?:anyone|anybody|everyone|everybody|any\s+other|all\s+(?:the\s+)?"
    r"(?:others|rest|competitors)|the\s+(?:competition|rest)|(?:our\s+|the\s+)?competitors)\b"
    r"(?!\s+(?:else\s+)?(?:expected|thought|imagined|predicted|hoped|knew|could|would))",
    r"\b(?:no\s*one|nobody|no\s+other\s+\w+)\s+(?:else\s+)?(?:[\w'’-]+\s+){0,3}?(?:" + _COMPARATIVE_EN
    + r"|beats?|can\s+beat|comes?\s+close|compares?)\b",
    r"(?<!\w)" + _COMPARATIVE_RU + r",?\s+(?:чем\s+(?:у\s+|в\s+)?)?(?:всех|любых\s+\w+|конкурент\w*|других\s+(?:кофеен|магазинов|брендов"
    r"|производителей|банков|компаний|сервисов|конкурент\w*)|остальных)(?!\w)",
    r"(?<!\w)(?:никто|no\s*one|nobody)\s+(?:\w+\s+){0,2}не\s+(?:[\w-]+\s+){0,3}?(?:" + _COMPARATIVE_RU + r"|" + _COMPARATIVE_EN + r")(?!\w)",
    # "more reviews than any coffee chain", «дешевле, чем в любой сетевой кофейне»: against every business of a kind.
    r"\b(?:more|" + _COMPARATIVE_EN + r")\s+(?:[\w'’+,.-]+\s+){0,3}?than\s+(?:any|every)\s+(?:other\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:chains?|caf[eé]s?|coffee\s*shops?|shops?|stores?|brands?|roasters?|roasteries|bakery|bakeries|banks?|compan(?:y|ies)"
    r"|competitors?|places?|restaurants?|services?|supermarkets?)\b",
    r"\b" + _COMPARATIVE_EN + r"\s+(?:[\w'’-]+\s+){0,2}?than\s+anywhere(?:\s+else)?\b",
    r"(?<!\w)(?:" + _COMPARATIVE_RU + r"|больше|чаще),?\s+чем\s+(?:у\s+|в\s+|во\s+)?(?:любо(?:й|го|м)|любых)\s+(?:[\w-]+\s+){0,2}?"
    + _BUSINESS_RU,
    r"(?<!\w)" + _COMPARATIVE_RU + r",?\s+чем\s+(?:где-(?:либо|нибудь)|где\s+бы\s+то\s+ни\s+было)(?!\w)",
    r"\bbeats?\s+(?:any|every|all)\s+(?:other\s+)?(?:[\w-]+\s+)?(?:chains?|caf[eé]s?|coffee\s*shops?|shops?|stores?|brands?|roasters?"
    r"|competitors?|restaurants?|supermarkets?)\b",
    r"(?<!\w)ни\s+одн\w+\s+(?:[\w-]+\s+){0,2}?не\s+(?:сравнится|сравнятся|может\s+сравниться|сравнима|сравним)(?!\w)",
]
_WITHIN = r"(?<!\w)(?:за|через|в\s+течение|within|in|under)\s+\d+\s*(?:минут\w*|мин\b|час\w*|minutes?|mins?\b|hours?)"
_ALWAYS = r"(?:always|every\s+(?:single\s+)?time|всегда|каждый\s+раз|без\s+исключений|no\s+exceptions)"
_NOT_CHEER = r"(?!\s+(?:happy|glad|here|ready|welcome|open|рады|рад|готовы|на\s+связи|открыты|ждем|ждут))"
# "Always" standing on its own ("— always.", "always, anywhere", «всегда и в любую точку»), not "we always text you".
_ALONE = r"(?=\s*(?:[^\w\s]|$)|\s+(?:and|or|anywhere|everywhere|и|или|в\s+любую|в\s+любой|в\s+любом|без)\b)"
# A promise that service never slips: "your parcel will always arrive on time", «мы никогда не ошибаемся».
PROMISES = [
    r"\b(?:always|every\s+single\s+time|without\s+exception)\b[^.!?\n]{0,30}?\b(?:on\s+time|in\s+time|flawless\w*|perfect(?:ly)?)\b",
    r"\bon\s+time,?\s+every\s+time\b",
    r"(?<!\w)(?:always|всегда|every\s+(?:single\s+)?time|каждый\s+раз)[.!,—–-]*\s+(?:без\s+исключений|no\s+exceptions|without\s+exception)(?!\w)",
    r"(?<![\d.,])100\s?%\s+on[\s-]time\b",
    r"\bnever\s+(?:[\w'’]+\s+){0,2}?(?:late|delayed|mistakes?|errors?|wrong|disappoints?|breaks?\s+down|miss(?:es)?\s+a\s+(?:delivery|deadline))\b",
    r"(?<!\w)всегда\s+(?:[\w-]+\s+){0,3}?(?:вовремя|в\s+срок|идеальн\w*|безупречн\w*|без\s+(?:ошибок|опозданий|задержек))(?!\w)",
    r"(?<!\w)никогда\s+(?:[\w-]+\s+){0,2}?не\s+(?:ошиба\w*|опаздыва\w*|задержива\w*|ломает\w*|разочару\w*|подвед\w*|подвод\w*)",
    # "Delivery in 30 minutes — always", «за 30 минут в любую точку города. Всегда.»; not "always happy to help".
    _WITHIN + r"[^.!?\n]{0,50}?(?:[.!?]\s+)?(?<!\w)" + _ALWAYS + r"(?!\w)" + _ALONE,
    # "always within 2 hours"; not "every time you order within 30 minutes of opening"
    r"(?<!\w)(?:always|всегда)(?!\w)" + _NOT_CHEER + r"\s+(?:[\w-]+\s+){0,3}?" + _WITHIN,
]
# Guaranteed money or results: "guaranteed 20% return", «гарантированный доход».
RETURNS = [
    r"\bguaranteed\s+(?:\+?\d+(?:[.,]\d+)?\s?%\s+)?(?:income|profits?|yields?|payouts?|earnings|interest|weight\s+loss|growth)\b",
    r"\bguaranteed\s+\+?\d+(?:[.,]\d+)?\s?%\s+(?:returns?|a\s+(?:year|month)|per\s+(?:year|annum|month)|annually|monthly)\b",
    r"\bguaranteed\s+returns?\s+(?:on|of)\b",
    r"\b\d+(?:[.,]\d+)?\s?%\s+(?:guaranteed|assured)\s+(?:returns?|income|yield|profit)\b",
    r"\b(?:returns?|income|profits?|yields?)\s+(?:of\s+\d+(?:[.,]\d+)?\s?%\s+)?(?:are\s+|is\s+)?guaranteed\b",
    r"(?<!\w)гарантированн\w*\s+(?:\+?\d+\s?%\s+)?(?:доход\w*|прибыл\w*|заработ\w*|выплат\w*|процент\w*|похудени\w*)",
    r"(?<!\w)(?:доход\w*|прибыл\w*|доходност\w*)\s+(?:[\w%-]+\s+){0,2}?гарантир\w*",
    r"(?<!\w)гарантиру(?:ем|ет)\s+(?:вам\s+)?(?:\d+\s?%\s+)?(?:доход\w*|прибыл\w*|доходност\w*|заработ\w*)",
    r"(?<!\w)гарантированно\s+(?:заработа\w*|получит\w*\s+(?:доход|прибыл|\+?\d)|похуде\w*|окуп\w*)",
]
_PEOPLE_EN = (
    r"(?:baristas?|customers?|guests?|people|experts?|doctors?|dentists?|nutritionists?|chefs?|users?|clients?|parents|mums"
    r"|moms|lovers|drinkers|fans|regulars|students|muscovites|russians)"
)
_PEOPLE_RU = r"(?:бариста|гост\w*|клиент\w*|покупател\w*|эксперт\w*|врач\w*|стоматолог\w*|диетолог\w*|люд\w*|человек|пользовател\w*|мам)"
# A result promised to the reader ("guaranteed energy all day", «гарантируем: вы найдёте работу»): a refund offered
# beside it does not make it true, so these are tried even where the text offers money back.
RESULTS = [
    r"\bguaranteed\s+(?:energy|focus|productivity|alertness|concentration|performance|weight\s+loss|boost|wake[\s-]?up)\b",
    r"\bguaranteed\s+to\s+(?:boost|improve|increase|raise|double|wake|energi[sz]e|cure|heal|burn|melt|sharpen"
    r"|(?:keep|make|help)\s+you\s+(?:awake|alert|focused|going|energi[sz]ed|productive|lose|slim|sleep|focus|concentrate)"
    r"|give\s+you\s+(?:energy|focus|a\s+boost|more\s+energy))\b",
    # not a service promise: "we guarantee you'll get a replacement", "… you'll hear from us within a day"
    r"\bwe\s+guarantee\s+(?:that\s+)?you(?:'ll|’ll|\s+will)\s+"
    r"(?!love|like|enjoy|get|receive|hear|have\s+(?:your|a)\b|be\s+(?:refunded|reimbursed|contacted|notified|called))[\w-]+",
    r"\b(?:boosts?|increases?|improves?|raises?|enhances?|doubles?|sharpens?)\s+(?:your\s+)?(?:[\w-]+\s+)?(?:productivity|focus"
    r"|energy|concentration|memory|metabolism|performance|alertness|immunity)\s+by\s+(?:up\s+to\s+)?\d+\s?(?:%|percent|times)",
    r"(?<!\w)(?:повыша|увеличива|улучша|ускоря)\w*\s+(?:ваш\w*\s+)?(?:продуктивност|концентраци|внимани|работоспособност|памят"
    r"|энерги|метаболизм|иммунитет)\w*\s+на\s+\d+\s?%",
    # «гарантируем: после курса вы точно найдёте работу»; not «гарантируем возврат, если вы передумаете».
    r"(?<!\w)гарантиру(?:ем|ет|ю)\s*[:,—–-]?\s*(?:что\s+)?(?:(?!если|когда|возврат|верн|деньг)[\w-]+,?\s+){0,5}?(?:вы|ты)\s+"
    r"(?:[\w-]+\s+){0,2}?(?!получ|верн|смож)[\w-]+(?:ете|ите|ешь|ишь|етесь|итесь)(?!\w)",
    r"(?<!\w)гарантированно\s+(?:[\w-]+\s+)?(?!получ|достав|привез|отправ|верн)[\w-]+(?:ете|ите|ешь|ишь|етесь|итесь)(?!\w)",
    r"(?<!\w)гарантированно\s+(?:[\w-]+\s+)?(?:подним|взбодр|заряд|разбуд|улучш|повыс|избав|сниз|сожж|помож|ускор)\w*",
    r"(?<!\w)(?:гарантированн\w*\s+|гарантиру(?:ем|ет)\s+(?:вам\s+)?)(?:энерги|бодрост|заряд|концентрац|трудоустройств|похудени)\w*",
    r"(?<!\w)(?:бодрит|взбадривает|заряжает|будит|помогает|действует)\s+на\s+100\s?%",
    r"(?<!\w)на\s+100\s?%\s+(?:бодрит|взбадривает|заряжает|будит|помогает|действует)(?!\w)",
]
# Popularity nobody counted: "half a million happy customers can't be wrong", "9 out of 10 baristas", «миллион довольных гостей».
SOCIAL_PROOF = [
    # A majority only: "1 in 10 people is lactose intolerant" is a statistic, not praise.
    r"\b(?:[6-9]\s+(?:out\s+of|of\s+every|in)\s+(?:10|ten)|(?:six|seven|eight|nine)\s+(?:out\s+of|of\s+every|in)\s+(?:10|ten)"
    r"|[6-9]\d\s+(?:out\s+of|of\s+every|in)\s+100)\s+(?:[\w-]+\s+)?" + _PEOPLE_EN + r"\b",
    r"(?<!\w)(?:[6-9]\s+из\s+(?:10|десяти)|[6-9]\d\s+из\s+(?:100|ста))\s+(?:[\w-]+\s+)?" + _PEOPLE_RU + r"(?!\w)",
    r"\b(?:[\w-]+s|people|millions?|thousands?|\d[\d,.]*\+?k?)\s+(?:[\w'’-]+\s+){0,3}?(?:can'?t|can’t|cannot)\s+be\s+wrong\b",
    r"(?<!\w)(?:гост|клиент|покупател|люд|человек|фанат|любител|тысяч|миллион|сотн|\d)\w*\s+(?:[\w-]+\s+){0,3}?"
    r"не\s+(?:могут|может)\s+ошибаться",
    r"\b(?:millions|(?:half\s+a|a|one|over\s+a|\d+(?:[.,]\d+)?)\s+million|\d{3}[,\s]?\d{3}\+?)\s+(?:of\s+)?(?:happy|satisfied|delighted)\s+"
    r"(?:customers|guests|clients|fans|coffee\s+lovers)\b",
    r"(?<!\w)(?:миллион\w*|млн|полмиллиона|сот(?:ни|ен)\s+тысяч|\d{3}\s?(?:\d{3}|тыс\w*))\s+(?:[\w-]+\s+)?довольн\w+\s+"
    r"(?:гост|клиент|покупател|люд|человек)\w*",
    r"\b(?:trusted|loved|chosen|approved)\s+by\s+(?:millions|(?:over\s+|more\s+than\s+)?(?:a|one|\d+(?:[.,]\d+)?)\s+million)\b",
    r"(?<!\w)(?:проверен|одобрен|рекомендован)\w*\s+(?:тысячами|миллионами)(?!\w)",
    r"(?<!\w)миллионы\s+(?:[\w-]+\s+)?(?:доверяют|выбирают|любят)(?!\w)",
    r"(?<!\w)любим\w+\s+(?:[\w-]+\s+)?(?:москвичей|петербуржцев|россиян|горожан|всей\s+страны|всего\s+города)(?!\w)",
    r"(?<!\w)(?:доверяют|выбирают|любят)\s+(?:уже\s+)?(?:более\s+|больше\s+|свыше\s+)?(?:миллион\w*|миллионы|\d+\s*млн|сотни\s+тысяч)(?!\w)",
]
# "100% safe", «100% натурально и безопасно», "completely secure": an unprovable safety or efficacy claim.
_SAFE_EN = r"(?:safe(?:ty)?|secure|security|harmless|effective|efficacy|protected|reliable|hypoallergenic|non[\s-]?toxic)"
# Short forms too: «безопасен», «эффективна».
_SAFE_RU = r"(?:безопас(?:ен|н\w*)|безвред(?:ен|н\w*)|эффектив(?:ен|н\w*)|надеж(?:ен|н\w*)|защищен\w*|гипоаллерген(?:ен|н\w*))"
SAFETY = [
    _PCT + r"\s*(?:[\w-]+\s*(?:,|\band\b|&|\bи\b)\s*){0,2}(?:" + _SAFE_EN + r"|" + _SAFE_RU + r")",
    r"\b(?:completely|absolutely|totally|perfectly|entirely)\s+(?:safe|harmless|secure|risk[\s-]?free)\b",
    r"(?<!\w)" + _SAFE_RU + r"\s+на\s+100\s?%",
    r"\b(?:no|zero|without\s+(?:any\s+)?)\s*side[\s-]effects\b",
    r"(?<!\w)(?:без|никаких|ноль)\s+(?:каких-либо\s+)?побочн\w*(?:\s+(?:эффект|действи)\w*)?",
    r"(?<!\w)(?:абсолютно|полностью|совершенно|стопроцентно)\s+(?:" + _SAFE_RU + r")",
]

# (kind, patterns) in the order they are tried: an earlier family's match wins a shared span.
FAMILIES: list[tuple[str, Phrases]] = [
    (kind, Phrases(patterns))
    for kind, patterns in (
        ("health", HEALTH), ("miracle", MIRACLES), ("superlative", SUPERLATIVES), ("superlative", SCOPED),
        ("comparison", COMPARISONS), ("only", ONLY), ("promise", PROMISES), ("returns", RETURNS), ("safety", SAFETY),
        ("social_proof", SOCIAL_PROOF),
    )
]
# Guarantees and "no risk": tried only when the text offers no refund (beside a remedy they are a refund policy).
GUARANTEE_RE = Phrases(GUARANTEES)
# Promised results: tried after the guarantees, and whether or not the text offers a refund.
RESULT_RE = Phrases(RESULTS)
# A place the scope patterns already cover is matched by them, not twice.
SCOPE_PLACE = re.compile(r"(?:" + _SCOPE_EN + r"|" + _SCOPE_RU + r")$")
