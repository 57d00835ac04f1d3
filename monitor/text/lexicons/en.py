"""English word lists: obscene words, insults and who they address (competitor and promotion words: en_negative, en_promo).

Word patterns match a *whole* word (a reading of it, lower case); phrase patterns are searched in
lower-cased sentences. Mild expletives (damn, hell, crap, sucks, bloody, freaking) are not obscene
here: "damn good coffee" is a brand's voice, not a mistake.
"""

from __future__ import annotations

# Obscene in any context, including slurs.
OBSCENE = [
    r"\w*fuck\w*",  # fuck, fucking, motherfucker, clusterfuck, #fuckmondays
    r"fck(?:s|ing|in|ed|er)?|fcuk\w*|fuk(?:ing|in|ed|er|ers|s)?|fuq|phuck\w*|fkn|fking",
    r"(?:bull|horse|dip|bat|ape|chicken|holy)?shit(?:s|ty|tier|ting|ted|head|heads|hole|holes|show|storm|load|face)?",
    r"shite",
    r"cunts?|cunty",
    r"(?:ass|arse)(?:hole|holes|wipe|wipes|hat|clown)",
    r"(?:bad|kick|dumb|jack|smart|lard|fat|lazy|hard|wise)ass(?:es)?",
    r"(?:sonof)?bitch(?:es|y|ing|in)?",
    r"whores?|sluts?|slutty",
    r"twats?|wank(?:er|ers|ing|s)?",
    r"cocksuck\w*|dickheads?|bastards?|bollocks",
    r"wtf|stfu|gtfo|dildos?|jizz",
    r"faggots?|niggers?|niggas?|trann(?:y|ies)",
]
# Obscene or innocent by context ("kiss my ass" or a donkey, "blue tits" or not): the profanity model decides,
# and a capitalised name ("Dick Smith", "Moby Dick") is never one. "cock", "pussy" and "prick" are left out:
# the model cannot tell a rooster, a cat or a verb from the slang, and brands mostly mean the former.
CONTEXTUAL = [
    r"ass(?:es)?|arse",
    r"dicks?",
    r"tits|titties|boobs?",
]
# Forms a masked word ("f**k", "sh*t", "a**hole") is compared with.
MASKED_FORMS = [
    "fuck", "fucks", "fucking", "fucked", "fucker", "motherfucker", "motherfucking", "fuckin",
    "shit", "shits", "shitty", "bullshit", "cunt", "ass", "asshole", "asses",
    "bitch", "bitches", "bastard", "dick", "dickhead", "cock", "whore", "slut", "twat", "wanker", "pussy",
]

# Name-calling; aimed at someone only with "you", an @handle, a person noun or "what an …".
INSULTS = [
    r"idiots?|idiotic|morons?|moronic|imbeciles?|imbecilic|cretins?|cretinous|retards?|retarded|asinine",
    r"stupid|stupider|stupidest|dumb|dumber|dumbest|dumbass(?:es)?|jackass(?:es)?|brainless|clueless|dimwit(?:s|ted)?|halfwits?|nitwits?",
    r"numpty|dummies|dummy|dunces?|dolts?|doofus(?:es)?|nincompoops?|simpletons?|ignoramus(?:es)?|buffoons?|bozos?|muppets?",
    r"(?:air|bone|block|knuckle|meat|pin)heads?|birdbrain(?:s|ed)?|peabrain(?:s|ed)?|dingbats?|plonkers?|pillocks?|tossers?",
    r"losers?|clowns?|jerks?|fools?|pathetic|ignorant|incompetent|useless|worthless|weirdos?|sheeple|neanderthals?|philistines?",
    r"scum|scumbags?|assholes?|dickheads?|pricks?|bastards?|liars?|lunatics?|psychos?|hypocrites?|crybab(?:y|ies)|twits?|prats?",
    r"lowlifes?|degenerates?|subhumans?|parasites?|freeloaders?|deadbeats?|nutjobs?|nutcases?|crackpots?|wackos?|whackjobs?",
]
# Insults that are also plain words (a party clown, jerk chicken, a shop dummy): running down a competitor
# only when aimed at someone, never merely in the same sentence.
LITERAL_INSULTS = [r"clowns?|fools?|jerks?|dumm(?:y|ies)|muppets?|psychos?|lunatics?|parasites?|pricks?"]
SECOND_PERSON = [r"you|ya|u|ur|your|yours|youre|yourself|yourselves|thou"]
# "you think we're idiots": a "we" between "you" and the insult turns it on the brand itself.
FIRST_PERSON = [r"we|us|our|ours|ourselves|i|me|my"]
PERSON_NOUNS = [
    r"customers?|clients?|guests?|people|person|folks|followers?|haters?|users?|buyers?|shoppers?|commenters?|reviewers?|guys?",
    r"experts?|critics?|bloggers?|influencers?|trolls?|neighbou?rs?",
]
# "what an idiot", "such idiots": exclamations at someone.
EXCLAMATION = r"(?:what|such)\s+(?:an?\s+)?(?:\w+\s+)?$"
# Rude phrases aimed at the reader by their nature.
RUDE_PHRASES = [
    r"\bshut\s+up\b(?!\s+and\s+take)",
    r"\bnobody\s+asked\s+you\b",
    r"\blearn\s+(?:how\s+)?to\s+read\b",
    r"\bgo\s+(?:cry|whine)\s+(?:somewhere|elsewhere|about)\b",
    r"\bshut\s+your\s+(?:mouth|face|trap|pie\s*hole)\b|\bstfu\b|\bgtfo\b",
    r"\byou\s+think\s+you['’]?re\s+(?:so\s+)?(?:smart|clever)\b|\bare\s+you\s+(?:blind|deaf)\b|\bok\s+boomer\b|🖕",
    r"\bare\s+you\s+(?:insane|out\s+of\s+your\s+(?:mind|head))\b|\bwhat['’]?s\s+wrong\s+with\s+you\b|\bwhat\s+is\s+wrong\s+with\s+you\b",
    r"\blearn\s+some\s+manners\b|\byou(?:['’]re|\s+are)\s+(?:a|such\s+a)\s+joke\b|\bdo\s+you\s+have\s+(?:a\s+brain|eyes)\b",
    r"\b(?:use|engage)\s+your\s+brain\b|\barmchair\s+(?:experts?|critics?|baristas?)\b|\bstop\s+(?:talking|spouting)\s+(?:nonsense|rubbish|crap|bs)\b",
    r"\bcry\s+(?:more|about\s+it)\b|\bcope\s+harder\b|\bget\s+a\s+(?:brain|life|clue)\b",
    r"\bgo\s+(?:fuck|screw)\s+yourself|\b(?:fuck|screw)\s+(?:yourself|yourselves)\b",
]
# Telling someone off ("get lost", "f*** off"): an insult unless it is said to a thing ("f*** off, Monday").
# Searched in the sentence with disguised obscene words read out ("f*** off" → "fuck off").
DISMISSALS = [
    r"\bget\s+lost\b(?!\s+in\b)|\b(?:fuck|piss|bugger|sod|buzz|shove|naff)\s+off\b|\bgo\s+to\s+hell\b|\bdrop\s+dead\b(?!\s+gorgeous)",
    r"\b(?:fuck|screw)\s+(?:you|u)\b|\bget\s+bent\b|\bbite\s+me\b|\beat\s+shit\b|\bsuck\s+it\b|\btake\s+a\s+hike\b|\bkiss\s+off\b",
]
# What a dismissal may be said to that is not a person.
THINGS = [
    r"mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|mornings?|weekends?|weeks?",
    r"january|february|march|april|june|july|august|september|october|november|december|winter|summer|autumn|fall|spring",
    r"rain|snow|wind|weather|cold|heat|ice|slush|traffic|covid|inflation|taxes|deadlines?|printers?|grinders?|wi-?fi|internet|bugs?",
]
# Remarks on someone's mind ("one brain cell", «с такими мозгами»): insults when said to someone.
STUPIDITY = [
    r"\b(?:room[\s-]temperature|single[\s-]digit|negative)\s+iq\b|\biq\s+of\s+an?\b|\b(?:one|two|a\s+single)\s+brain\s+cells?\b",
    r"\bno\s+brains?\b|\bhalf\s+a\s+brain\b|\bbrain[\s-]?dead\b|\bsmooth[\s-]?brain(?:ed)?\b|\bpea[\s-]brain(?:ed)?\b",
    r"\bdo\s+you\s+even\s+(?:read|think)\b|\bcan['’]?t\s+(?:even\s+)?read\b|\bwere\s+you\s+dropped\b",
]
# "you're not stupid", "no question is dumb"; but "don't be stupid" is still aimed at the reader.
NEGATION = r"(?:\bnot|n['’]t|\bnever|\bno|\bnobody|\bnone)\s+(?!be\b)(?:[\w'’]+\s+){0,2}$"
