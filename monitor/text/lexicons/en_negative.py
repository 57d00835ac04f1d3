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
        r"bland|tasteless|flavou?rless|insipid|watery|weak|sour|bitter|burnt|burned|scorched|charred|overroasted|overextracted",
        r"stale|soggy|greasy|rancid|mou?ldy|rotten|lukewarm|tepid|undrinkable|inedible|unpalatable",
        r"swill|sludge|slop|dishwater|muck|bilge|gunk|reheat(?:s|ed|ing)?|microwaved",
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
    ],
}

NEGATIVE_PHRASES = [
    r"rip[\s-]offs?|ripping\s+(?:you|people|customers|us)\s+off|ripped\s+(?:us|you|people|customers)\s+off|ripped\s+off",
    r"knock[\s-]offs?|second[\s-]rate|third[\s-]rate|low[\s-]quality|sub[\s-]par|watered[\s-]down|over[\s-](?:roasted|extracted|priced)",
    r"poor(?:ly)?\s+(?:quality|made|roasted|brewed|run|managed|trained|service)",
    r"tastes?\s+like\s+(?:\w+\s+)?(?:dishwater|cardboard|ash(?:es|tray)?|mud|dirt|soap|feet|socks|water|bleach|tar|nothing(?!\s+else))",
    # Price jabs: "charges twice what we do", "double the price".
    r"daylight\s+robbery|pay\s+through\s+the\s+nose|waste\s+of\s+(?:money|time)|(?:twice|double)\s+the\s+price",
    r"(?:charges?|charging|costs?|asks?)\s+(?:you\s+)?(?:twice|double|three\s+times|\d+\s*(?:x|times))",
    r"twice\s+as\s+(?:much|expensive)|(?:two|three|\d)\s*(?:x|times)\s+(?:the\s+price|as\s+expensive|more\s+expensive)",
    r"food\s+poisoning|got\s+sick|hairs?\s+in\s+(?:the|my|your|our)",
    r"copied\s+(?:us|our)|copies\s+(?:us|our|everything)|stole\s+(?:our|from)|fake\s+reviews|bought\s+(?:followers|reviews)",
    # Telling people to keep away: "avoid" as an advice, not "we both avoided price rises".
    r"^\s*avoid|(?:best|better|should|must)\s+(?:be\s+)?(?:to\s+)?avoid(?:ed)?|avoid\s+(?:it|them|at\s+all\s+costs|like\s+the\s+plague)",
    r"never\s+again|stay\s+away|steer\s+clear|don['’]?t\s+(?:trust|go|waste|bother|buy)|a\s+joke|joke\s+of|sorry\s+excuse",
    r"what\s+a\s+(?:mess|disaster|shame)|(?:a|total|complete|utter)\s+(?:mess|disaster|failure)|shame\s+on",
    r"not\s+worth\s+(?:it|the|a|your|their)|cut(?:s|ting)?\s+corners|brown\s+water|mass[\s-]produced|copy[\s-]?past(?:e|ed|ing)",
    r"(?:sad|poor)\s+excuse|crime\s+against|(?:an\s+)?insult\s+to|cheap\s+(?:robusta|plastic|imitation|knock|tricks?|stunts?)",
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
