"""English promotion signals by kind, searched in the lower-cased text; self_promotion weighs the kinds.

A kind counts once however often it occurs, so the weights (not the number of patterns) decide
how much a post sells: one call to action or one price stays low, two kinds together do not.
"""

from __future__ import annotations

# "we don't do discounts", "no sale here": a promotion word that is denied.
PROMO_NEGATED = r"(?:\bno|\bnot|n['’]t|\bwithout|\bnever)\s+(?:\w+\s+)?$"

# Verbs that ask the reader to buy or try, for "… today" / "… now".
_BUY_VERBS = r"(?:try|taste|grab|get|order|buy|book|reserve|snag|shop|treat\s+yourself|pick\s+(?:up|one|it|them))"
_NOW = r"(?:today|now|tonight|this\s+(?:week(?:end)?|morning|afternoon|evening))"

PROMO = {
    "ad_label": [
        r"#ad\b", r"#sponsored\b", r"\bsponsored\b", r"\bpaid\s+partnership\b", r"\badvertisement\b", r"#advert\b", r"#paid\b",
        # "Ad | …", "Ad: …", "… | Ad", "[ad]", "(ad)" — a label, not the word "ad-free"
        r"(?:^|\n)\s*ad\s*(?:\||:|\s[—–-]\s)", r"\|\s*ad\s*(?:$|\n|\|)", r"[\[(]ad[\])]", r"\bpromoted\s+post\b",
    ],
    "promo_code": [
        r"\b(?:promo|discount|coupon|voucher)\s*codes?\b",
        r"\b(?:use|enter|apply)\s+(?:the\s+|my\s+|our\s+)?code\b",
        r"\bcode\s*:?\s+[a-z]+\d+\b",
    ],
    "discount": [
        r"\d+\s?%\s*off\b", r"(?<![\w.])-\s?\d{1,2}\s?%", r"\b(?:on\s+)?sale\b(?!\s+(?:of|to)\b)",
        r"\bdiscount(?:s|ed)?\b", r"\bfree\s+(?:shipping|delivery)\b",
        r"\b(?:delivery|shipping)\s+(?:is\s+)?(?:free|on\s+us)\b(?!\s+(?:over|from|above|for|on\s+orders))", r"\bbogo\b",
        r"\bbuy\s+one,?\s+get\s+one\b",
        r"\b2\s?for\s?1\b", r"\bhalf[\s-]price\b", r"\bspecial\s+offer\b", r"\bcashback\b", r"\bclearance\b",
        r"\bblack\s+friday\b", r"\bsave\s+(?:up\s+to\s+)?[$€£₽]?\d+", r"\btwo\s+for\s+one\b", r"\b\d+\s?%\s+cheaper\b", r"\bhappy\s+hour\b", r"\bdeals?\s+of\s+the\b",
        r"\bfree\s+(?:coffees?|drinks?|lattes?|cappuccinos?|pastr(?:y|ies)|croissants?|refills?|cups?|desserts?|cookies?)\b",
        r"\bevery\s+\d+(?:st|nd|rd|th)\s+\w+\s+(?:is\s+)?(?:free|on\s+us)\b", r"\b\d+\s+(?:bonus\s+)?points\b",
    ],
    "cta_strong": [
        r"\bbuy\s+(?:now|today|online|it|yours|one|two|a|the|our|some|\d)\b",
        r"\border\s+(?:now|today|online|yours|ahead|here|via|at|from|on|your|a|some|our)\b",
        r"\bpre-?orders?\b", r"\bshop\s+(?:now|online|today|the|our|it)\b", r"\badd\s+(?:it\s+)?to\s+(?:your\s+)?(?:cart|basket)\b",
        r"\bbook\s+(?:now|today|your|a\s+table|a\s+spot|a\s+seat)\b", r"\breserve\s+(?:now|today|your|a\s+table|a\s+spot|a\s+seat)\b",
        r"\bget\s+(?:yours|it\s+now|\d+\s?%)\b", r"\bgrab\s+(?:yours|one|a|some)\b", r"\bsnag\s+(?:yours|one|a)\b",
        r"\b(?:tap|click)\s+to\s+(?:order|buy|shop|book)\b", r"\bsign\s+up\b", r"\bsubscribe\b", r"\bfollow\s+us\b", r"\bclaim\s+your\b", r"\bdon['’]?t\s+miss\b",
    ],
    "cta_soft": [
        r"\btry\s+(?:it|them|our|the|one|a|an|this|these|some|out|yours)\b", r"\bgive\s+(?:it|them|us)\s+a\s+try\b",
        r"\btaste\s+(?:it|them|our|the\s+new)\b", r"\bvisit\s+(?:us|our)\b", r"\bcome\s+(?:in|by|and\s+try|grab|taste)\b",
        r"\b(?:swing|stop|drop|pop)\s+(?:by|in)\b", r"\btreat\s+yourself\b", r"\bdiscover\s+(?:our|the\s+new)\b",
        r"\blink\s+in\s+(?:bio|profile)\b", r"\b(?:click|tap)\s+(?:the\s+)?link\b", r"\bjoin\s+us\b", r"\bcheck\s+(?:it\s+)?out\b",
        r"\bin\s+(?:our|the)\s+app\b", r"\bswipe\s+up\b", r"\bstock\s+up\b", r"\b(?:open|download)\s+(?:the|our)\s+app\b",
        r"\bopen\s+(?:an?|your)\s+(?:account|card|deposit)\b|\bopen\s+(?:it\s+)?online\b", r"\bregister\s+(?:now|today|here|at)\b",
        # an invitation to come and check a claim: "come to us for the real thing", "come see why"
        r"\bcome\s+(?:over|to\s+us|(?:and\s+)?see)\b", r"\bsee\s+for\s+yourself\b",
        r"\bask\s+(?:for\s+(?:it|them|one)|your\s+barista\s+for)\b",
        r"\b(?:registration|enrol+ment|bookings?|sign-?ups?)\s+(?:is\s+|are\s+)?(?:now\s+)?open\b",
    ],
    # A call to buy or try with a time hook: "try it today", "grab one now".
    "cta_now": [rf"\b{_BUY_VERBS}\b[^.!?\n]{{0,40}}?\b{_NOW}\b", rf"\b(?:today|now|tonight)\b[\s,:—–-]{{1,4}}{_BUY_VERBS}\b"],
    # A price put as a bargain: "from 990 ₽", "only $2", "your first order".
    "offer": [
        # "from 990 ₽", "only $2" — not "from 2019" or "from 9 am"
        r"\b(?:from|only|just|starting\s+at|as\s+low\s+as)\s+(?:[$€£₽]\s?\d|\d[\d\s.,]*\s?(?:[$€£₽]|rub|руб|dollars?\b|euros?\b|bucks\b))", r"\bfirst\s+(?:order|purchase|cup)\b",
        r"\bgift\s+(?:sets?|boxes|box|cards?)\b", r"\bprice\s*[:—–-]\s*[$€£₽]?\s?\d", r"\btickets?\s*(?:[:—–-]\s*[$€£₽]?\d|from\s|on\s+sale)",
    ],
    # Money products: "% a year", instalments.
    "finance": [
        r"\d+(?:[.,]\d+)?\s?%\s*(?:a|per|each)\s+(?:year|annum)\b", r"\b\d+(?:[.,]\d+)?\s?%\s*(?:apr|apy|p\.a\.)",
        r"\b0\s?%\s+(?:interest|apr)\b", r"\binterest[\s-]free\b", r"\binstal+ments?\b", r"\bpay\s+in\s+\d\b",
        r"\bbuy\s+now,?\s+pay\s+later\b",
    ],
    # Where or since when it can be had: "available now", "in stock", "now on the site", "at all our cafés".
    "launch": [
        r"\bavailable\s+(?:now|today|in|at|online|on|from)\b", r"\bin\s+stock\b", r"\bnow\s+(?:available|on\s+sale|in\s+stock|open\s+for\s+orders)\b",
        r"\bback\s+in\s+stock\b", r"\bgrand\s+opening\b", r"\bnow\s+serving\b", 
        r"\bavailable\s+for\s+(?:delivery|pre-?order|pickup)\b",
        r"\bnow\s+(?:on|in)\s+(?:the\s+|our\s+)?(?:site|website|shelves|menu|stores)\b",
        r"(?<!than\s)\b(?:in|at)\s+(?:all|every|any)\s+(?:of\s+)?(?:our\s+)?(?!other)(?:\w+\s+)?"
        r"(?:caf[eé]s?|stores?|shops?|locations?|branches|bars?|restaurants?|bakeries)\b",
        # "at the Patriarshiye bar", "at our Arbat café"; not "at the bar"
        r"\bat\s+(?:the|our)\s+\w+\s+bar\b", r"\bat\s+our\s+(?:\w+\s+)?(?:caf[eé]|bar|roastery|bakery|store|shop)s?\b",
    ],
    # Only here: "only at Northwind", "exclusively in our app".
    "exclusive": [r"\bonly\s+(?:here|with\s+us|at\s+ours)\b", r"\bexclusively\s+(?:at|in|on)\b", r"\bnowhere\s+else\b"],
    # Time pressure.
    "urgency": [
        r"\bonly\s+(?:today|tonight|this\s+week(?:end)?|until|till)\b", r"\blast\s+chance\b", r"\bhurry\b", r"\b(?:today|tonight|tomorrow)(?:\s+and\s+(?:tonight|tomorrow))?\s+only\b",
        r"\bends?\s+(?:today|tonight|soon|on|this|sunday|monday|tuesday|wednesday|thursday|friday|saturday|at\s+midnight)\b",
        r"\bdon['’]?t\s+wait\b", r"\bact\s+(?:fast|now|quickly)\b", r"\b(?:offer|sale|deal|promo(?:tion)?|discount)s?\s+(?:ends|valid|runs|lasts)\b",
        r"\b(?:this|next)\s+(?:week(?:end)?|month)\s+only\b", r"\bfor\s+(?:one|two|three|\d+)\s+days?\s+only\b", r"\buntil\s+midnight\b",
        r"\blast\s+day\s+(?:to|of\s+the\s+(?:sale|offer|promo))\b",
    ],
    # Scarcity: "limited", "only 12 left", "once they're gone".
    "scarcity": [
        r"\blimited\b(?!\s+liability)", r"\b\d+\s+(?:\w+\s+){0,2}left\b", r"\bonly\s+\d+\s+(?:bags?|cups?|boxes|jars|seats?|spots?|tickets?|pieces|units|bottles)\b",
        r"\bonce\s+(?:they['’]?re|it['’]?s|they\s+are|it\s+is)\s+gone\b", r"\bbefore\s+(?:they['’]?re|it['’]?s|they\s+are|it\s+is)\s+(?:gone|sold\s+out)\b",
        r"\bbefore\s+(?:they|it)\s+(?:go|sell\s+out)\b", r"\bwhile\s+(?:they|it|stocks?|supplies|quantities)\s+lasts?\b", r"\bwon['’]?t\s+last\b",
        r"\bselling\s+(?:out\s+)?fast\b", r"\b(?:almost|nearly)\s+(?:sold\s+out|gone)\b", r"\bfirst\s+come,?\s+first\s+served?\b",
        r"\blast\s+(?:few\s+|\d+\s+)?(?:bags?|boxes|jars|seats?|spots?|places|tickets?|pieces|units|bottles|batch)\b",
        r"\bfew\s+(?:left|remaining|spots|seats|places|tickets)\b",
    ],
    "campaign": [
        r"\bgiveaway\b", r"\bgive\s+away\b", r"\bcontest\b", r"\bsweepstakes\b", r"\bloyalty\s+(?:card|program)\b",
        r"\btag\s+(?:a|two|three|\d)\s+friends?\b", r"\brepost\b",
    ],
    # The call to take part: "win a bag" (not "congrats to the winners").
    "prize": [r"\bwin\s+(?:a|an|one|two|free|\d)\b"],
    "service": [
        r"\bsorry\b", r"\bapolog\w*", r"\brefund\w*", r"\byour\s+order\b", r"\border\s+(?:number|#|no\b)", r"\bdm\s+us\b(?!\s+(?:to\s+(?:order|book|reserve|buy|get)|for\s+(?:prices|orders|details)))",
        r"\bwe\s+(?:charged|overcharged)\b", r"\bas\s+(?:a\s+)?compensation\b",
        r"\bto\s+make\s+(?:it\s+)?up\s+(?:to\s+you|for)\b",
        # a bug fix ("Fixed! The coupon code field should work now"): the promo words name the thing fixed
        r"\b(?:we['’]?ve\s+|we\s+)?fixed\b(?!\s+(?:price|menu|rate|fee|term|income|cost|schedule))",
        r"\b(?:should\s+)?works?\s+(?:now|again)\b|\bworking\s+again\b",
    ],
    # Birthday wishes, which self_promotion reads only in a text addressed to one person: a gift to them is not an offer.
    "birthday": [r"\bhappy\s+birthday\b", r"\byour\s+birthday\b"],
    # Our own figures in passing: a margin or a purchase price is an internal number, not a price on offer.
    "ctx_internal": [
        r"\b(?:\d+\s?%\s+)?(?:margins?|mark-?ups?)\b", r"\bpurchase\s+prices?\b", r"\bcosts?\s+us\b",
        r"\b(?:supplier|importer|wholesaler|roaster)s?\s+(?:\w+\s+){0,3}(?:charges?|charged|gave|gives|raised|sells)\s+(?:us|it\s+to\s+us)\b",
    ],
    # Contexts in which promotion words are not selling (self_promotion decides which kinds they explain).
    # A scam warning quotes the bait: "we never ask for your card details", "fake giveaway".
    "ctx_warning": [
        r"\b(?:scam(?:mers?|s)?|fraud\w*|phishing|impostors?|impersonat\w*|fake\s+(?:accounts?|pages?|giveaways?|profiles?|sites?|links?))\b",
        r"\bbeware\b", r"\bwe\s+(?:will\s+)?never\s+(?:ask|request|send|dm|message|call)\b",
    ],
    # A job offer: the salary is not a price and "apply now" is not "buy now".
    "ctx_hiring": [
        r"\b(?:we['’]?re|we\s+are|now)\s+hiring\b", r"\bjob\s+(?:opening|offer|vacancy)\b", r"\bvacanc(?:y|ies)\b",
        r"\bsend\s+(?:us\s+)?your\s+(?:cv|resume|résumé)\b", r"\bjoin\s+our\s+team\b", r"\bsalary\b",
        r"\b(?:looking\s+for|hiring)\s+(?:an?\s+|two\s+|\d+\s+)?(?:\w+\s+)?(?:baristas?|roasters?|bakers?|cooks?|chefs?|couriers?|managers?|waiters?|staff)\b",
    ],
    # The end of a giveaway: "congrats to the winner", "and the winner is".
    "ctx_winners": [
        r"\bwinners?\s+(?:of\s+[^.!?\n]{0,50}?\s)?(?:is|are)\s*(?:[.…:!—–-]+\s*)?@\w", r"\bcongrat\w*\s+(?:to\s+)?(?:our\s+|the\s+)?(?:winners?|@)",
        r"\b(?:giveaway|contest)\s+results\s*[:!—–-]", r"\b(?:has|have)\s+won\s+(?:our|the)\b",
    ],
}
