"""English words and phrases that run a competitor down, grouped by what they attack.

NEGATIVE_WORDS are whole-word patterns over a word's readings (so "tr4sh", "baaad" and
"$cam" match too); NEGATIVE_PHRASES span several words or a hyphen and are searched in the
lower-cased sentence. Either counts only in a sentence that names a competitor.
"""

from __future__ import annotations

NEGATIVE_WORDS = {
    # A verdict on the whole place or product.
    "quality": [
        r"terrible|awful|horrible|horrid|dreadful|atrocious|abysmal|appalling|lousy|mediocre|inferior|subpar|shoddy",
        r"bad|worse|worst|sucks?|sucked|sucky|crap|crappy|garbage|trash|trashy|rubbish|junk|junky|naff|meh",
        r"pathetic|laughable|ridiculous|pitiful|overrated|overhyped|disappointing|disappointment|underwhelming|ugly|hideous|tacky",
        r"disgusting|revolting|vile|gross|nasty|foul|sickening|horrendous|disgrace(?:ful)?|shameful|nightmare|abomination|travesty",
        r"boring|forgettable|soulless|pretentious|cringe|cringey|yikes|badly|unhealthy|stinks|stinky|smelly",
    ],
    # What it tastes or looks like.
    "taste": [
        r"bland|tasteless|flavou?rless|insipid|watery|weak|sour|bitter|burnt|burned|burns?|scorched|charred|overroasted|overextracted",
        r"stale|soggy|greasy|rancid|mou?ldy|rotten|lukewarm|tepid|undrinkable|inedible|unpalatable",
        r"swill|sludge|slop|dishwater|muck|bilge|gunk|reheat(?:s|ed|ing)?|microwav(?:e|es|ed|ing)",
    ],
    # What it costs.
    "price": [r"overpriced|overcharg\w*|extortionate|exorbitant|ripoffs?|gouging|gouges?|pricey|expensive|robbery"],
    # Whether it is safe and clean.
    "hygiene": [
        r"dirty|filthy|grimy|grubby|unhygienic|unsanitary|insanitary|poison(?:s|ed|ing|ous)?|salmonella",
        r"cockroach(?:es)?|roach(?:es)?|rats|rodents?|mice|vermin",
    ],
    # How they treat people.
    "service": [r"rude|rudest|rudely|unfriendly|incompetent|clueless|careless|arrogant|snobb(?:y|ish)|useless|sloppy|unprofessional"],
    # Honesty: lying, cheating, copying, stealing.
    "honesty": [
        r"liars?|lie|lies|lied|lying|cheat(?:s|ed|ing|ers?)?|scam(?:s|mers?|my|med)?|frauds?|fraudulent|fraudsters?",
        r"fake|fakes|faked|phony|phoney|bogus|dishonest|shady|sketchy|deceptive|deceitful|misleading|misleads?|misled|greedy",
        r"copycats?|copied|copying|plagiari[sz]\w*|steal(?:s|ing)?|stole|stolen|knockoffs?|thie(?:f|ves)|crooks?|crooked|conned",
        r"unethical|exploit(?:s|ed|ing|ative)|underpa(?:y|ys|id|ying)",
        r"shortchang\w*|skimp(?:s|ed|ing)?|dilut(?:e|es|ed|ing)|swindl\w*",
    ],
}

NEGATIVE_PHRASES = [
    r"rip[\s-]offs?|ripping\s+(?:you|people|customers|us)\s+off|ripped\s+(?:us|you|people|customers)\s+off|ripped\s+off",
    r"knock[\s-]offs?|second[\s-]rate|third[\s-]rate|low[\s-]quality|sub[\s-]par|watered[\s-]down|over[\s-](?:roasted|extracted|priced)",
    r"poor(?:ly)?\s+(?:quality|made|roasted|brewed|run|managed|trained|service)",
    r"tastes?\s+like\s+(?:\w+\s+)?(?:dishwater|cardboard|ash(?:es|tray)?|mud|dirt|dust|sawdust|soap|feet|socks|water|bleach|tar|rubber|plastic|nothing(?!\s+else))",
    # Price jabs: "charges twice what we do", "double the price".
    r"daylight\s+robbery|pay\s+through\s+the\s+nose|waste\s+of\s+(?:money|time)|(?:twice|double)\s+the\s+price",
    r"(?:charges?|charging|costs?|asks?)\s+(?:you\s+)?(?:twice|double|three\s+times|\d+\s*(?:x|times))",
    r"twice\s+as\s+(?:much|expensive)|(?:two|three|\d)\s*(?:x|times)\s+(?:the\s+price|as\s+expensive|more\s+expensive)",
    r"food\s+poisoning|got\s+sick|hairs?\s+in\s+(?:the|my|your|our)",
    r"copied\s+(?:us|our)|copies\s+(?:us|our|everything)|stole\s+(?:our|from)|fake\s+reviews|bought\s+(?:followers|reviews)",
    # Telling people to keep away: "avoid" as an advice, not "we both avoided price rises".
    r"^\s*avoid|(?:best|better|should|must)\s+(?:be\s+)?(?:to\s+)?avoid(?:ed)?|avoid\s+(?:it|them|at\s+all\s+costs|like\s+the\s+plague)",
    r"friends\s+don['’]?t\s+let\s+friends|never\s+again|stay\s+away|steer\s+clear|don['’]?t\s+(?:trust|go|waste|bother|buy)|a\s+joke|joke\s+of|sorry\s+excuse",
    r"what\s+a\s+(?:mess|disaster|shame)|(?:a|total|complete|utter)\s+(?:mess|disaster|failure)|shame\s+on",
    r"not\s+worth\s+(?:it|the|a|your|their)|cut(?:s|ting)?\s+corners|brown\s+water|mass[\s-]produced|copy[\s-]?past(?:e|ed|ing)",
    r"(?:sad|poor)\s+excuse|crime\s+against|(?:an\s+)?insult\s+to|cheap\s+(?:robusta|plastic|imitation|knock|tricks?|stunts?)",
    # Claims about what they serve: "serves mud and calls it coffee", "waters down the espresso", "passes off instant as filter".
    r"water(?:s|ed|ing)?\s+(?:\w+\s+)?down|(?:serves?|serving|sells?|selling|brews?|pours?)\s+(?:you\s+)?(?:mud|dishwater|swill|sludge|garbage|trash|junk|poison|slop|brown\s+water)",
    r"(?:and|then)\s+calls?\s+it\s+(?:\w+\s+)?(?:coffee|espresso|latte|bread|food|pizza|a\s+\w+)|so[\s-]called|pass(?:es|ed|ing)?\s+(?:it\s+|them\s+)?off\s+as",
    r"(?:uses?|using|used)\s+(?:the\s+)?(?:cheapest|cheap|frozen|instant|powdered|expired|low[\s-]grade|old|stale)\s+\w+|tastes?\s+of\s+(?:mud|dirt|soap|ash|cardboard|nothing)|is\s+(?:pure\s+)?mud",
]
# A negative word that names a flavour, a drink or a figure: "bitter chocolate", "burnt caramel", "dirty chai", "gross margin".
# Matched where the word starts (a fixed-width look-behind may look before it).
NOT_NEGATIVE = [
    r"bitter\s+(?:chocolate|orange|lemon|almonds?|melon|gourd)",
    r"burn(?:t|ed)\s+(?:caramel|sugar|basque|cheesecake|orange|toffee|butter|honey|ends)",
    r"dirty\s+(?:chai|martini|latte|matcha)|sour\s+(?:cream|cherr(?:y|ies)|dough|beer|ale)",
    r"gross\s+(?:margin|profit|revenue|income|sales)|cheat\s+(?:day|meal|sheet)",
]
# "Starbucks is not terrible", "never stale": a denied negative word is no attack ...
NEGATED = r"(?:\bnot|n['’]t|\bnever|\bno|\bwithout)\s+(?:\w+\s+)?$"
# ... unless the sentence sets the brand against the competitor: "unlike Starbucks, we never burn our beans".
CONTRAST = (
    r"\bunlike\b|\bcompared\s+(?:to|with)\b|\bin\s+contrast\s+(?:to|with)\b|\bnot\s+like\b|\binstead\s+of\b"
    r"|\brather\s+than\b|\bas\s+opposed\s+to\b|\bwhereas\b"
)
# "Starbucks? Their coffee is burnt": the next sentence may point back at the competitor.
THEY = r"\b(?:they|their|theirs)\b"

# Guessing a competitor nobody configured. A capitalised word is a business when a frame says so: set against
# us ("unlike Costa"), with what it sells ("Greggs' sausage rolls", "the coffee at Joe's"), or doing what a
# business does ("Pret charges", "BeanBarn waters down"). Patterns over the lower-cased sentence.
BUSINESS_NOUNS = (
    r"coffees?|instant|espresso(?:s|es)?|lattes?|cappuccinos?|flat\s+whites?|americanos?|mochas?|macchiatos?|cortados?|cold\s+brews?|brews?|beans"
    r"|roasts?|blends?|teas?|drinks?|cups?|pastr(?:y|ies)|croissants?|muffins?|cakes?|bread|buns?|cookies?|donuts?|doughnuts?|bagels?"
    r"|sandwich(?:es)?|burgers?|pizzas?|food|menus?|prices?|service|staff|baristas?|waiters?|waitress(?:es)?|portions?|shops?|caf[eé]s?"
    r"|stores?|branch(?:es)?|delivery|deliveries|products?|quality|milk|foam|crema|breakfasts?|brunch(?:es)?|lunch(?:es)?|meals?|dishes"
    r"|goods|app|queues?|lines?|interior|toilets?|restrooms?|smoothies?|juices?|salads?|syrups?|chai|matcha|cocoa|hot\s+chocolate"
    r"|sausage\s+rolls?|pies?|fries|chips|nuggets|chicken|wings|tacos|noodles|sushi|ramen|waffles?|pancakes?|shakes?|milkshakes?|ice\s+cream|"
    r"loyalty\s+(?:cards?|program(?:me)?s?)|reviews?|ads?|adverts?|advertising|marketing|logo|branding|cups?|lids?"
)
BUSINESS_VERBS = (
    r"serves?|served|sells?|sold|charges?|charged|brews?|brewed|roasts?|roasted|bakes?|baked|waters?|watered|overcharges?|overcharged"
    r"|rips?|ripped|cheats?|cheated|scams?|scammed|lies|lied|copies|copied|stole|steals?|burns?|burnt|burned|reheats?|reheated"
    r"|microwaves?|microwaved|dilutes?|diluted|fakes?|faked|poisons?|poisoned|underpays?|underpaid|exploits?|exploited|skimps?"
    r"|uses?|used|pours?|poured|calls?|pretends?|advertises?|claims?|passes|shortchanges?|treats?|makes?|made|puts?|adds?|cuts?|gives?"
)
# A verb a business name may stand before at a sentence start, where any capitalised word stands: "Pret charges …".
BUSINESS_VERBS_AT_START = (
    r"serves?|served|sells?|sold|charges?|charged|overcharges?|overcharged|brews?|brewed|roasts?|roasted|bakes?|baked|waters?|watered"
    r"|rips?|cheats?|cheated|scams?|scammed|copies|copied|stole|steals?|burns?|reheats?|reheated|microwaves?|dilutes?|diluted"
    r"|underpays?|underpaid|exploits?|exploited|skimps?|shortchanges?|uses?|used"
)
# Right before a name: a comparison that sets it against us.
CONTRAST_BEFORE = (
    r"(?:\bunlike|\bcompared\s+(?:to|with)|\bin\s+contrast\s+(?:to|with)|\bas\s+opposed\s+to|\binstead\s+of|\brather\s+than|\bthan"
    r"|\bnot\s+like|\bover\s+at|\bthe\s+(?:folks|guys|people|ones|clowns|crooks)\s+(?:at|from))\s+(?:(?:at|in|from)\s+)?(?:the\s+)?$"
)
# Right before a name: where something is bought ("at", "from"); counts with a business word near it.
PLACE_BEFORE = r"(?:\bat|\bfrom|\bin|\binside|\bto|\bof)\s+(?:the\s+)?$"
# Right before a name: the brand itself ("our DeLonghi", "here at Northwind", "we at Northwind").
OWN_BEFORE = r"(?:\bour|\bmy|\bwe\s+at|\bhere\s+at|\bus\s+at|\bteam|\bwe['’]re)\s+(?:\w+\s+){0,2}$"
# Right before a word: ours or the reader's ("our bitter espresso", "your cold latte"): not said of the name.
OWNED_BEFORE = r"(?:\bour|\bmy|\byour|\bur)\s+(?:[\w-]+\s+)?$"
# A sentence that thanks, greets, congratulates or apologises is no attack on a name it guesses.
FRIENDLY = (
    r"\b(?:thanks?|thank\s+you|thx|congrat\w*|kudos|welcome|cheers|(?<!not\s)sorry(?!\s+not\s+sorry)|apolog\w*|hi|hey|hello|dear|props|respect|good\s+luck"
    r"|happy\s+birthday|shout[\s-]?out\s+to\s+(?:our|the\s+team)|partner(?:s|ed|ing|ship)?|together\s+with|collab\w*)\b"
)
# A quoted text that names a work or a product of ours, not another business.
TITLE_BEFORE = (
    r"(?:\bbook|\bfilm|\bmovie|\bsong|\balbum|\bnovel|\bplay|\bshow|\bseries|\bgame|\bpodcast|\bblend|\bflavou?r|\bdessert|\bdrink"
    r"|\bcake|\bcampaign|\bcollection|\bedition|\bour|\bmy|\bread|\breading|\bwatch|\bwatching|\bnight|\bclub|\bcalled|\bnamed"
    r"|\bmall|\bcentre|\bcenter|\bpark|\bstation|\bstreet|\bhotel|\bmuseum|\btheatre|\btheater|\bcinema|\bairport|\bgallery)\W+(?:\w+\W+)?$"
)
# Speaking well of a rival: "Costa's flat white is pretty good too", "healthy competition", "room for everyone".
GOOD_SPORT = (
    r"\b(?:is|are|['’]s|['’]re|was|were)\s+(?:\w+\s+)?(?:good|great|nice|tasty|lovely|decent|solid|delicious|excellent)\s+(?:too|as\s+well)\b"
    r"|\b(?:nothing|no\s+shade|no\s+hate)\s+against\b|\bwe['’]?re\s+not\s+against\b|\b(?:healthy|friendly|fair)\s+competition\b"
    r"|\b(?:room|space|enough\s+coffee)\s+for\s+(?:everyone|everybody|all\s+of\s+us|both\s+of\s+us)\b|\bwe['’]?re\s+all\s+(?:just\s+)?trying\b"
)
# A warning about a fake page or a scam in the brand's name: the names in it are fakes of us, not rivals.
SCAM_WARNING = (
    r"\bscam\s+(?:alert|warning)\b|\bscammers\b|\bphishing\b|\bimpersonat\w*|\bfake\s+(?:\S+\s+){0,4}?(?:page|account|profile|site|website|giveaway|group|link|app)s?\b"
    r"|\b(?:that|this|it)\s+(?:is|['’]s)\s+not\s+us\b|\bnot\s+affiliated\b|\bbeware\s+of\b"
)
# A rival named by where it is rather than by its name: "that place on the corner", "the café across the street".
_PLACE = r"(?:place|caf[eé]|coffee\s+(?:shop|place|bar)|shop|bakery|spot|joint|chain|bar)"
DESCRIBED_RIVAL = (
    r"\b(?:that|those)\s+(?:other\s+|new\s+|fancy\s+|chain\s+)?" + _PLACE + r"s?\s+(?:on|at|across|down|up|next\s+to|around|opposite|near|by)\s+(?:the\s+|from\s+)?[\w-]+"
    r"|\b(?:the|a)\s+(?:other\s+|new\s+)?" + _PLACE + r"\s+(?:across\s+the\s+(?:street|road)|next\s+door|down\s+the\s+(?:street|road|block)|over\s+the\s+road|opposite\s+us|across\s+from\s+us)\b"
    r"|\ba\s+certain\s+(?:[\w-]+\s+){0,3}?(?:chain|caf[eé]|brand|coffee\s+(?:shop|chain|place)|place|bakery)\b"
)
