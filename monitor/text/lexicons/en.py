"""English word lists: obscene words, insults and who they address, negative words, promotion signals.

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
    r"idiots?|idiotic|morons?|moronic|imbeciles?|cretins?|retards?|retarded",
    r"stupid|dumb|dumbass(?:es)?|jackass(?:es)?|brainless|clueless|dimwits?|halfwits?|nitwits?|numpty|dummies|dummy",
    r"losers?|clowns?|jerks?|fools?|pathetic|ignorant|incompetent|useless|worthless",
    r"scum|scumbags?|assholes?|dickheads?|pricks?|bastards?|liars?|lunatics?|psychos?|hypocrites?|crybab(?:y|ies)|twits?|prats?",
]
SECOND_PERSON = [r"you|ya|u|ur|your|yours|youre|yourself|yourselves|thou"]
# "you think we're idiots": a "we" between "you" and the insult turns it on the brand itself.
FIRST_PERSON = [r"we|us|our|ours|ourselves|i|me|my"]
PERSON_NOUNS = [
    r"customers?|clients?|guests?|people|person|folks|followers?|haters?|users?|buyers?|shoppers?|commenters?|reviewers?|guys?",
]
# "what an idiot", "such idiots": exclamations at someone.
EXCLAMATION = r"(?:what|such)\s+(?:an?\s+)?(?:\w+\s+)?$"
# Rude phrases aimed at the reader by their nature.
RUDE_PHRASES = [
    r"\bshut\s+up\b(?!\s+and\s+take)",
    r"\bget\s+lost\b",
    r"\bnobody\s+asked\s+you\b",
    r"\blearn\s+(?:how\s+)?to\s+read\b",
    r"\bgo\s+(?:cry|whine)\s+(?:somewhere|elsewhere|about)\b",
]
# "you're not stupid", "no question is dumb"; but "don't be stupid" is still aimed at the reader.
NEGATION = r"(?:\bnot|n['’]t|\bnever|\bno|\bnobody|\bnone)\s+(?!be\b)(?:[\w'’]+\s+){0,2}$"

# Negative words about a competitor, searched in the sentence that names it.
NEGATIVE = [
    r"terrible|awful|horrible|horrid|dreadful|disgusting|revolting|vile|gross|nasty|foul",
    r"worst|worse|lousy|mediocre|inferior|pathetic|bland|tasteless|undrinkable|burnt|stale|swill|dishwater",
    r"rip[\s-]?offs?|ripping\s+(?:you|people|customers)\s+off|scam(?:s|mers?|my)?|frauds?|fraudulent|cheats?|cheating",
    r"overpriced|garbage|trash|trashy|rubbish|crap|crappy|sucks?|sucked|ugly|hideous",
    r"dirty|filthy|rude|fake|liars?|lie|lies|lying|poison(?:ous)?|greedy|shady|dishonest|don['’]?t\s+trust",
    r"watered[\s-]down|never\s+again|stay\s+away|avoid(?:ed)?|a\s+joke|joke\s+of",
]
NEGATED = r"(?:\bnot|n['’]t|\bnever|\bno)\s+(?:\w+\s+)?$"
# "we don't do discounts", "no sale here": a promotion word that is denied.
PROMO_NEGATED = r"(?:\bno|\bnot|n['’]t|\bwithout|\bnever)\s+(?:\w+\s+)?$"

# Promotion signals by kind; self_promotion weighs the kinds.
PROMO = {
    "ad_label": [r"#ad\b", r"#sponsored\b", r"\bsponsored\b", r"\bpaid\s+partnership\b", r"\badvertisement\b"],
    "promo_code": [
        r"\b(?:promo|discount|coupon|voucher)\s*codes?\b",
        r"\b(?:use|enter|apply)\s+(?:the\s+|my\s+|our\s+)?code\b",
        r"\bcode\s*:?\s+[a-z]+\d+\b",
    ],
    "discount": [
        r"\d+\s?%\s*off\b", r"(?<![\w.])-\s?\d{1,2}\s?%", r"\b(?:on\s+)?sale\b(?!\s+(?:of|to)\b)",
        r"\bdiscount(?:s|ed)?\b", r"\bfree\s+(?:shipping|delivery)\b", r"\bbogo\b", r"\bbuy\s+one,?\s+get\s+one\b",
        r"\b2\s?for\s?1\b", r"\bhalf[\s-]price\b", r"\bspecial\s+offer\b", r"\bcashback\b", r"\bclearance\b",
        r"\bblack\s+friday\b", r"\bsave\s+(?:up\s+to\s+)?\d+", r"\bhappy\s+hour\b", r"\bdeals?\s+of\s+the\b",
        r"\bfree\s+(?:coffees?|drinks?|lattes?|cappuccinos?|pastr(?:y|ies)|croissants?|refills?|cups?|desserts?|cookies?)\b",
        r"\bevery\s+\d+(?:st|nd|rd|th)\s+\w+\s+(?:is\s+)?(?:free|on\s+us)\b", r"\b\d+\s+(?:bonus\s+)?points\b",
    ],
    "cta_strong": [
        r"\bbuy\s+(?:now|today|online|it|yours|one|two|a|the|our|some|\d)\b", r"\border\s+(?:now|today|online|yours|ahead|here|via|at|from|on|your|a|some|our)\b",
        r"\bpre-?order\b", r"\bshop\s+(?:now|online|today|the|our|it)\b", r"\badd\s+(?:it\s+)?to\s+(?:your\s+)?(?:cart|basket)\b",
        r"\bbook\s+(?:now|today|your|a\s+table)\b", r"\bget\s+(?:yours|it\s+now|\d+\s?%)\b", r"\bgrab\s+(?:yours|one|a|some)\b",
        r"\bsign\s+up\b", r"\bsubscribe\b", r"\bfollow\s+us\b", r"\bclaim\s+your\b", r"\bdon['’]?t\s+miss\b",
    ],
    "cta_soft": [
        r"\btry\s+(?:it|them|our|the|one|a)\b", r"\bvisit\s+(?:us|our)\b", r"\bcome\s+(?:in|by|and\s+try|grab)\b",
        r"\blink\s+in\s+(?:bio|profile)\b", r"\b(?:click|tap)\s+(?:the\s+)?link\b", r"\bjoin\s+us\b", r"\bcheck\s+(?:it\s+)?out\b",
        r"\bin\s+(?:our|the)\s+app\b",
    ],
    # A price put as a bargain: "from 990 ₽", "only $2", "your first order".
    "offer": [r"\b(?:from|only|just)\s+[$€£₽]?\s?\d", r"\bfirst\s+(?:order|purchase|cup)\b", r"\bgift\s+(?:sets?|boxes|box|cards?)\b"],
    "launch": [
        r"\bavailable\s+(?:now|today|in|at|online|on|from)\b", r"\bin\s+stock\b", r"\bnow\s+(?:available|on\s+sale|in\s+stock|open\s+for\s+orders)\b",
        r"\bnew\s+\w+(?:\s+\w+){0,2}\s+(?:is|are)\s+(?:here|back|out|in)\b", r"\bjust\s+(?:launched|dropped|landed)\b", r"\bback\s+in\s+stock\b",
    ],
    "urgency": [
        r"\blimited\s+(?:time|edition|offer|stock)\b", r"\bonly\s+(?:today|tonight|this\s+week(?:end)?|until|till|\d+\s+left)\b", r"\blast\s+chance\b",
        r"\bends?\s+(?:today|tonight|soon|on|this|sunday|monday|friday|saturday)\b", r"\bwhile\s+(?:stocks?|supplies)\s+last\b",
        r"\bhurry\b", r"\btoday\s+only\b",
    ],
    "campaign": [r"\bgiveaway\b", r"\bgive\s+away\b", r"\bcontest\b", r"\bsweepstakes\b", r"\bloyalty\s+(?:card|program|points)\b"],
    "service": [
        r"\bsorry\b", r"\bapolog\w*", r"\brefund\w*", r"\byour\s+order\b", r"\border\s+(?:number|#|no\b)", r"\bdm\s+us\b",
        r"\bwe\s+(?:charged|overcharged)\b",
    ],
}
