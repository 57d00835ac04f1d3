"""Markers of sarcasm and contempt aimed at a reader, English and Russian: emoji, scare quotes, "sorry not sorry".

Unlike the phrase lists of en.py and ru.py, these say nothing alone: an eye-roll at a Monday or a quoted
«эксперт» of our own is no insult. monitor/detectors/talking_down.py decides when someone is their target.
"""

from __future__ import annotations

# Emoji that roll eyes at, or mock, whoever the sentence (or the one before it) is about: "How did you survive 🙄".
MOCKING_EMOJI = r"🙄|🤡|🤦|🥱|(?i:\*\s*(?:rolls?\s+(?:my\s+|our\s+)?eyes|eye[\s-]?rolls?|закатыва\w*\s+глаза)\s*\*)"
# Emoji that read as sarcasm only after a sarcastic opener ("Ну да, клиент всегда прав … 🙃").
WRY_EMOJI = r"🙃|😒|😏|🤷|🙄|🤡"
# Sarcastic openers of a sentence: "Oh sure,", "Yeah right", «Ну да,», «Ну конечно,», «Ага, конечно».
SARCASTIC_OPENER = (
    r"(?:^|(?<=[.!?…]\s)|(?<=\n))\s*(?:oh\s+sure|oh\s+yeah|yeah\s+right|sure\s+thing|oh\s+wow|wow\s*,|ну\s+да|ну\s+конечно|ага\s*,?\s+конечно"
    r"|ох\s+wow|ах\s+да|ну\s+ещ[её]\s+бы|конечно\s*,\s+конечно)(?!\w)"
)
# "Sorry not sorry" («сорян, не сорян»): contempt when said to "you", banter when said of a new flavour.
SORRY_NOT_SORRY = r"\bsorry\s*,?\s+not\s+sorry\b|(?<!\w)(?:сорян|извините|простите)\s*,?\s+не\s+(?:сорян|извиняемся)(?!\w)"
# Scare quotes: a reader's "feedback" or a self-styled "expert" in quotes, in lower case (a quoted button or a
# title such as 'Feedback' or «Эксперт» is capitalised). Matched in the text as written.
_OPEN, _CLOSE = r"[\"'“‘«„]", r"[\"'”’»“]"
SCARE_QUOTED = [
    r"(?i:\b(?:your|ur|the|this|that|such)\s+|thanks\s+for\s+(?:the|your)\s+)" + _OPEN
    + r"(?:feedback|review|opinion|advice|critique|expertise|complaint|suggestions?|input|concerns?|research|facts)" + _CLOSE,
    r"(?<!\w)(?i:ваш(?:|а|е|и|его|ей|у|им)|тво(?:й|я|е|и|его|ей|ю)|за|такой|такие|этот|эти)\s+" + _OPEN
    + r"(?:отзыв\w*|мнени\w*|совет\w*|критик\w*|экспертиз\w*|аргумент\w*|факт\w*|претензи\w*|жалоб\w*)" + _CLOSE,
    # A person as a self-styled expert: 'another "lifestyle influencer"', «ещё один «знаток»».
    _OPEN + r"(?:[a-z]+\s)?(?:experts?|connoisseurs?|critics?|specialists?|influencers?|foodies?|geniuses|genius|pros?|professionals?|gurus?)" + _CLOSE,
    _OPEN + r"(?:[а-яё]+\s)?(?:эксперт\w*|знато\w*|знаток\w*|ценител\w*|специалист\w*|гурман\w*|профессионал\w*|блогер\w*|блоггер\w*|критик\w*|гени\w*|умник\w*|гуру)" + _CLOSE,
]
# Right before a scare-quoted person: ours ("our 'expert' Anna"), said with a smile about the team.
OWN_BEFORE = r"(?:\bour|\bmy|(?<!\w)наш\w*|(?<!\w)мо[йяеи])\s+$"
# "Maybe specialty coffee just isn't for everyone", «может, это просто не для вас»: after a complaint, it tells the
# reader they cannot appreciate it; needs someone spoken to in the sentence or the one before.
NOT_FOR_YOU = (
    r"\b(?:maybe|perhaps|probably)\s*,?\s+(?:[\w'’-]+\s+){0,4}?(?:just\s+|simply\s+)?(?:isn['’]?t|is\s+not|aren['’]?t|are\s+not)\s+(?:meant\s+)?for\s+(?:you|u|everyone|everybody)\b"
    r"|(?<!\w)(?:может|возможно|наверное|видимо)\s*,?\s+(?:[\w-]+\s+){0,4}?(?:просто\s+)?не\s+для\s+(?:вас|тебя|всех|каждого)(?!\w)"
)
# Someone nobody names: "some people", «кому-то» — as much a target as "you".
SOMEONE = r"\bsome\s+(?:people|folks|of\s+you)\b|\bsome(?:one|body)\b|(?<!\w)(?:кто-то|кому-то|кого-то|некоторы\w*|кое-кто|кое-кому)(?!\w)"
