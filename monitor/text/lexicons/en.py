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
    r"experts?|critics?|bloggers?|influencers?|trolls?|neighbou?rs?|friends|y['’]?all|mates|lads|everyone|everybody",
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
# "We'd never call a customer stupid", "we don't think our guests are dumb": a denied verb of calling names.
NEGATED_CALLING = (
    r"(?:\bnot|n['’]t|\bnever)\s+(?:ever\s+)?(?:call|calls|calling|called|name|consider|considers|think|thinks|treat|treats|see)\s+"
    r"(?:[\w'’]+\s+){0,4}$"
)

# Plural insult nouns: a group called names is insulted whoever is addressed ("some idiots parked across our door").
# Only nouns that name people and nothing else; "clowns", "fools", "dummies", "losers" stay with LITERAL_INSULTS.
PLURAL_INSULTS = [
    r"idiots|morons|imbeciles|cretins|retards|dumbasses|jackasses|dimwits|halfwits|nitwits|dunces|dolts|nincompoops",
    r"simpletons|ignoramuses|buffoons|bozos|(?:air|bone|block|knuckle|meat|pin)heads|birdbrains|peabrains|dingbats",
    r"plonkers|pillocks|tossers|scumbags|assholes|dickheads|bastards|lowlifes|degenerates|subhumans|nutjobs|nutcases|wackos|twits|prats|sheeple",
]
# "Idiot's guide" (a title, matched where the word starts) and "laughed like idiots" (a simile, right before it).
NOT_NAME_CALLING_AT = r"(?:idiot|dummie|dummy|moron)['’]?s?\s+guides?"
NOT_NAME_CALLING_BEFORE = r"\b(?:like|as)\s+(?:\w+\s+)?$"

# Condescension said to the reader by its nature: "it's not rocket science" aside (it needs someone spoken to),
# talking down ("as we've explained a hundred times", "again, slowly"), sarcasm about reading and thinking,
# patronising address ("ok sweetie"). Searched in the lower-cased text with obscene words read out.
_TIMES = (
    r"(?:a\s+|like\s+a\s+)?(?:hundred|thousand|million|billion|zillion|gazillion|dozen|\d+|(?:so\s+|too\s+)?many|countless|umpteen|several|numerous|multiple)"
    r"(?:\s+(?:and\s+one|more))?\s+times"
)
_SAID = r"(?:said|explained|told\s+(?:you|u|people|everyone)|written|posted|answered|repeated|stated|mentioned|pointed\s+out)"
CONDESCENSION = [
    rf"\b(?:as|like)\s+(?:we|i)(?:['’]ve|\s+have)?\s+(?:already\s+)?{_SAID}\s+(?:(?:this|it|that)\s+)?(?:already\s+)?(?:here\s+)?{_TIMES}",
    rf"\b(?:we|i)(?:['’]ve|\s+have)\s+(?:already\s+)?(?:explained|told\s+(?:you|u|people|everyone)|answered|repeated|written)\s+(?:this|it|that)?\s*(?:already\s+)?{_TIMES}",
    r"\bfor\s+the\s+(?:hundredth|thousandth|millionth|umpteenth|zillionth|nth|n-th|fiftieth|twentieth|tenth|\d+(?:st|nd|rd|th))\s+time\b",
    r"(?:^|[.!?]\s*|\n)\s*(?:ok(?:ay)?\s*,?\s*)?(?:one\s+more\s+time\s+and\s+)?for\s+the\s+last\s+time\s*[,:—–-]",
    r"\bhow\s+many\s+(?:more\s+)?times\s+(?:do|must|should|will|have|did|does)\s+(?:we|i|one)\s+(?:have\s+to\s+|need\s+to\s+)?(?:say|tell|explain|repeat|write|answer|post)",
    r"\b(?:let\s+me|let\s+us|let['’]s|we['’]ll|i['’]ll|we\s+will|i\s+will)\s+(?:say|explain|spell|type|put|repeat|write)\s+(?:it|this|that)\s+(?:out\s+)?(?:again\s+)?(?:very\s+|really\s+)?(?:slowly|in\s+(?:small|simple|short|little)\s+words|in\s+words\s+of\s+one\s+syllable|for\s+you\s+slowly)",
    r"\b(?:let\s+me|let\s+us)\s+spell\s+it\s+out\s+for\s+(?:you|u)\b",
    r"\b(?:once\s+)?(?:again|more|once\s+more)\s*[,:—–-]*\s*(?:but\s+|very\s+|real\s+|nice\s+and\s+)?(?:slowly|more\s+slowly|s\s*l\s*o\s*w\s*l\s*y)\b",
    r"\b(?:one\s+more\s+time\s+|again\s+|once\s+more\s+)?for\s+(?:the\s+)?(?:slow|dense|dim|thick|hard\s+of\s+(?:thinking|reading|understanding)|reading[\s-]impaired|illiterate)(?:\s+(?:ones|people|folks|among\s+you|in\s+the\s+back))?\b",
    r"\bfor\s+(?:those|people|anyone|the\s+people|the\s+ones)\s+(?:who\s+)?(?:can['’]?t|cannot|don['’]?t|didn['’]?t|won['’]?t)\s+(?:read|understand|scroll|count)\b",
    r"\b(?:apparently|clearly|obviously|evidently)\s*,?\s*(?:some\s+(?:people|folks|of\s+you)|you|u|people)\s+(?:can['’]?t|cannot|don['’]?t|didn['’]?t|never|won['’]?t)\s+(?:read|understand|count|think|scroll|bother)",
    r"\b(?:some\s+people|some\s+folks|some\s+of\s+you|you|u)\s+(?:clearly|obviously|apparently|evidently|just|simply)\s+(?:can['’]?t|cannot|don['’]?t|didn['’]?t|won['’]?t)\s+(?:read|understand|count|think|scroll)\b",
    r"\breading\s+comprehension\b|\b(?:try|consider|maybe\s+try)\s+reading\b|\bif\s+(?:you|u)(?:['’]d|\s+had|\s+would)\s+(?:bothered\s+to\s+|actually\s+|even\s+|just\s+)?read\b",
    r"\bdid\s+(?:you|u)\s+(?:even|actually|bother\s+to)\s+(?:read|look|scroll|check)\b|\b(?:it['’]?s|it\s+is|that['’]?s)\s+literally\s+(?:written|right\s+there|in\s+the)\b",
    r"\bhow\s+(?:hard|difficult)\s+(?:is\s+it|can\s+it\s+be|was\s+it)\s+to\s+(?:read|understand|follow|look|check|scroll|google|see|figure|click|wait|count)\b",
    r"\b(?:is|was)\s+it\s+(?:really\s+)?(?:that|so)\s+(?:hard|difficult)\s+to\s+(?:read|understand|follow|look|check|scroll|google|see|figure|click|wait|count)\b",
    r"\beven\s+a\s+(?:child|kid|toddler|baby|(?:five|5|three|3)[\s-]year[\s-]old|monkey|chimp|goldfish)\s+(?:could|can|would|will)?\s*(?:understand|figure|read|get\s+it|grasp|work\s+(?:it\s+)?out|understands|gets\s+it|knows)\b",
    r"\bgoogle\s+is\s+(?:your\s+friend|free)\b|\blet\s+me\s+google\s+that\b|\beducate\s+yourself\b|\bdo\s+your\s+(?:own\s+)?research\b|\brtfm\b|\bread\s+the\s+(?:fucking\s+|damn\s+|bloody\s+)?manual\b",
    r"\bbless\s+your\s+(?:little\s+)?heart\b|\bwho\s+hurt\s+(?:you|u)\b|\byou\s+must\s+be\s+(?:fun|a\s+joy|a\s+delight)\s+at\s+parties\b|\bspecial\s+snowflakes?\b",
    r"\b(?:ok(?:ay)?|oh|listen|look|calm\s+down|relax|aw+|sure|sorry)\s*,?\s+(?:sweetie|sweetheart|honey|hun|darling|sunshine|princess|champ|buddy|pal|kiddo|snowflake|genius|einstein|sherlock)(?=\s*[,.!?…]|\s*$)",
    r"\bthanks\s*,?\s+(?:captain\s+obvious|einstein|sherlock)\b|\bwell\s+done\s*,?\s+(?:einstein|sherlock|genius)\b",
    # A patronising name at the end of a remark: "Hard pass, sweetie.", "Nice try, Einstein 🙂".
    r"(?<!birthday)(?<!bday),\s*(?:sweetie|sweetheart|darling|hun|kiddo|snowflake|einstein|sherlock|genius|captain\s+obvious|mr\.?\s+know[\s-]it[\s-]all)(?=\s*(?:[^\w\s]|$))",
    # Mock sympathy: "How did you survive?", "must have been so traumatic for you".
    r"\bhow\s+(?:did|do|will|would|could|can)\s+(?:you|u|people|they)\s+(?:ever|even|possibly|ever\s+possibly)\s+(?:survive|cope|go\s+on|bear\s+it)(?=\s*(?:[^\w\s]|$))",
    r"\b(?:must\s+have\s+been|sounds|that['’]?s)\s+(?:so\s+|truly\s+|really\s+)?(?:traumati[sc]\w*|(?:so\s+)?hard\s+for\s+(?:you|u))\b",
    # Contempt for a group: "people who put sugar in it shouldn't be allowed near coffee", "internet experts".
    r"\b(?:people|anyone|anybody|those|folks|customers|guests|someone|somebody)\s+who\s+(?:[\w'’-]+\s+){1,8}?(?:shouldn['’]?t|should\s+not|mustn['’]?t|must\s+not)\s+be\s+allowed\b",
    r"\b(?:internet|keyboard|self[\s-]proclaimed|self[\s-]appointed)\s+(?:experts?|connoisseurs?|critics?|baristas?|sommeliers?|warriors?|geniuses|gurus?)\b",
    r"\b(?:yet\s+)?another\s+(?:so[\s-]called\s+)?(?:genius|einstein|know[\s-]it[\s-]all|smart[\s-]?ass|wise\s+guy)\s+who\b",
    r"\b(?:some\s+(?:people|folks|of\s+you)|do\s+(?:we|i)\s+really|apparently\s+(?:we|i))\s+(?:really\s+|actually\s+|still\s+)?(?:need|needs|have)\s+to\s+(?:explain|be\s+told|spell\s+(?:it|this|that)\s+out|be\s+reminded)",
    # Telling a customer off: "stop spreading lies", "quit whining", "get over yourself", "lose the attitude".
    r"\b(?:stop|quit)\s+(?:spreading|posting|telling|making\s+up)\s+(?:lies|fake\s+news|nonsense|rubbish|misinformation|fairy\s*tales|stories)\b",
    r"\b(?:stop|quit)\s+(?:your\s+)?(?:whining|moaning|bitching|lying|trolling|crying(?!\s+over))\b|\bget\s+over\s+yoursel(?:f|ves)\b",
    r"\blose\s+the\s+attitude\b|\bcheck\s+your\s+attitude\b|\b(?:fix|wipe)\s+(?:your|that)\s+(?:face|attitude|smirk)\b",
    r"\b(?:people|those|anyone|folks|customers|guests)\s+who\s+(?:can['’]?t|cannot|couldn['’]?t)\s+(?:even\s+)?(?:tell|taste)\s+(?:a|an|the)\s+[\w\s-]{1,30}?\s+from\b",
    r"\bthere['’]?s\s+no\s+pleasing\s+(?:you|u|some\s+people)\b|\byou\s+can['’]?t\s+please\s+(?:some\s+people|everyone,?\s+especially\s+you)\b|\bthanks?\s+for\s+the\s+(?:ted\s+talk|essay|novel|sermon|lecture)(?=\s*(?:[^\w\s]|$)|\s+(?:on|about)\b|\s*,)",
    # Blaming the customer: "you must have misread it", "it's your own fault", "you only have yourself to blame".
    r"\byou\s+(?:must|clearly|obviously)\s+(?:have\s+)?(?:misread|misheard|mixed\s+(?:it|them|things|something)\s+up|confused|got\s+(?:it|that)\s+wrong|ordered\s+(?:the\s+)?wrong)\b",
    r"\byou\s+(?:should|could)(?:['’]ve|\s+have)\s+(?:read|checked|looked\s+at)\s+(?:(?:the|our)\s+[\w\s]{1,20}?\s+)?(?:more\s+)?carefully\b",
    r"\b(?:it['’]?s|that['’]?s|it\s+is|that\s+is)\s+(?:your\s+own|all\s+your)\s+fault\b|\byou\s+(?:only\s+)?have\s+(?:only\s+)?yoursel(?:f|ves)\s+to\s+blame\b",
    # Sending a customer away to something lesser: "enjoy your overpriced sugar milk then", "there's always instant".
    r"\benjoy\s+(?:your|ur)\s+(?:[\w'’-]+\s+){0,4}?(?:overpriced\b|(?:instant|cheap|sugary|sugar|burnt|watery|gas[\s-]station|supermarket|vending[\s-]machine|chain)\b(?!-)[\w\s'’-]{0,30}?\bthen\b)",
    r"\bif\s+[^.!?\n]{0,50}?\btoo\s+(?:expensive|pricey|much|steep|rich|fancy)\s+for\s+(?:you|u|your\s+(?:wallet|budget|taste))\b\s*[,—–-]*\s*(?:then\s+)?"
    r"(?:there['’]?s\s+always|go\s+(?:to|back\s+to)|head\s+(?:to|back\s+to)|stick\s+(?:to|with)|try\s+(?:the\s+)?(?:instant|gas|supermarket|vending))(?!\s+(?:our|us)\b)",
]
# Sarcasm that may be self-mockery: "reading is hard, apparently" at a reader, "maths is hard, apparently: we charged twice" at ourselves.
SELF_MOCKABLE = [
    r"\b(?:reading|maths?|thinking|counting|spelling|scrolling|listening|basic\s+\w+|words)\s+(?:is|are)\s+(?:so\s+|really\s+|very\s+)?hard\s*,?\s*(?:apparently|huh|i\s+guess|isn['’]t\s+it|aren['’]t\s+they|eh|innit|for\s+some(?:\s+(?:people|folks|of\s+you))?)\b",
    r"\b(?:apparently|i\s+guess|clearly)\s*,?\s*(?:reading|maths?|thinking|counting|spelling|scrolling)\s+(?:is|are)\s+(?:so\s+|really\s+|very\s+)?hard\b",
]
# Said to someone it belittles; encouraging when it invites ("cold brew at home is not rocket science: join our class").
CONDESCENSION_ADDRESSED = [
    r"\b(?:isn['’]?t|is\s+not|ain['’]?t|not)\s+(?:exactly\s+|really\s+)?(?:rocket\s+science|brain\s+surgery|quantum\s+physics|astrophysics)\b",
    r"\b(?:it['’]?s|it\s+is|this\s+is|that['’]?s)\s+(?:really\s+)?not\s+(?:that\s+|so\s+)?(?:hard|difficult|complicated)\s*[,.!]*\s*(?:people|folks|guys|you\s+know)\b",
    # Not "we'll deal with it", "we need to get over it": said of ourselves.
    (
        r"(?<!ll\s)(?<!will\s)(?<!to\s)(?<!can\s)(?<!me\s)(?<!us\s)(?<!we\s)(?<!i\s)(?<!they\s)"
        r"\b(?:deal\s+with\s+it|get\s+over\s+it|suck\s+it\s+up|tough\s+(?:luck|cookies|titties)|sucks\s+to\s+be\s+(?:you|u)|cope)\b"
    ),
]
# An apology turns sarcasm on ourselves: "maths is hard, apparently: we charged you twice, sorry!".
APOLOGY = r"\b(?:sorry|apolog\w*|my\s+bad|our\s+bad|(?:our|my)\s+(?:fault|mistake)|we\s+(?:messed|screwed)\s+up)\b"
# What turns an addressed remark into an invitation: a class, a recipe, "here's how".
INVITING = r"\b(?:join|learn|workshop|class(?:es)?|course|recipe|guide|here['’]?s\s+how|how\s+to|we['’]ll\s+show|step\s+by\s+step|try\s+it|give\s+it\s+a\s+(?:go|try))\b"

# Dismissing a customer: "if you don't like it, shop elsewhere", "nobody forces you to buy", "cry more".
_DISLIKE = (
    r"(?:\bif\s+(?:you|u)\s+(?:don['’]?t|do\s+not|didn['’]?t|dont)\s+(?:like|love|enjoy|want)|\b(?:you\s+)?(?:don['’]?t|do\s+not|dont)\s+like"
    r"|\b(?:if\s+)?(?:you['’]re|you\s+are|ur)\s+not\s+(?:happy|satisfied|pleased)(?:\s+with\s+(?:it|this|that|us))?|\bnot\s+happy(?:\s+with\s+(?:it|this|that|us))?)"
    r"(?:\s+[\w'’-]+){0,4}?"
    r"\s*[,?!.:;—–-]*\s*(?:then\s+|well\s*,?\s*|so\s+)?"
)
_ELSEWHERE = r"(?:elsewhere|somewhere\s+else|some\s+place\s+else|someplace\s+else|anywhere\s+else)"
DISMISSIVE = [
    _DISLIKE + r"(?:(?:go|shop|buy|drink|eat|look|order|leave|take\s+your\s+(?:money|business|custom|complaints?))\s+(?:\w+\s+)?" + _ELSEWHERE
    + r"|(?:don['’]?t|do\s+not|dont)\s+(?:buy|come|order|eat|drink|visit|shop|read|follow|watch)(?:\s+(?:it|them|here|from\s+us|with\s+us|us|then|anything|again|back|our\s+\w+))*(?=\s*(?:[.!?…;\n]|$))"
    + r"|(?:leave|go\s+away|get\s+out|bye|goodbye|bye[\s-]bye)(?=\s*(?:[.!?…;,\n]|$)|\s+(?:then|now|the\s+(?:page|group|chat)))|unfollow\b"
    + r"|there['’]?s\s+the\s+door|the\s+door\s+is|you\s+know\s+where\s+the\s+door\s+is"
    + r"|(?:nobody|no\s+one|no-one)\s+(?:is\s+|['’]s\s+)?(?:forcing|forces|making|makes|keeping|keeps)\s+you"
    + r"|feel\s+free\s+to\s+(?:(?:leave|go)(?=\s*(?:[.!?…;,\n]|$))|unfollow|go\s+elsewhere|shop\s+elsewhere))",
    (
        r"\b(?:nobody|no\s+one|no-one)(?:\s+is|['’]s)?\s+(?:forcing|forces|forced|makes|making|made|obliges|keeping|keeps)\s+(?:you|u)"
        r"(?:\s+(?:to\s+)?(?:come\s+)?(?:here|in)\b|\s+to\s+(?:buy|come|order|shop|eat|drink|read|follow|stay|use|pay|visit|be\s+here"
        r"|read\s+this|like\s+(?:it|us))|\s+here|(?=\s*(?:[.!?…;\n]|$)))"
    ),
    r"\b(?:shop|go|buy|drink|eat|order|take\s+your\s+(?:business|money|custom|complaints?))\s+" + _ELSEWHERE + r"(?:\s+then)?(?=\s*(?:[.!?…;,\n]|$))",
    r"\bthere['’]?s\s+the\s+door(?=\s*(?:[.!?…;,\n]|$))|\bthe\s+door\s+is\s+(?:right\s+)?(?:there|that\s+way|over\s+there)(?=\s*(?:[.!?…;,\n]|$))|\byou\s+know\s+where\s+the\s+door\s+is\b|\bdon['’]?t\s+let\s+the\s+door\s+hit\s+you\b",
    r"\bbye\s*,?\s+felicia\b|\bgood\s+riddance\b|\bwe\s+won['’]?t\s+miss\s+(?:you|u)\b|\b(?:we|i)\s+(?:don['’]?t|do\s+not)\s+need\s+(?:customers|people|clients|guests|followers)\s+like\s+(?:you|u|that|this)\b",
    r"\b(?:we|i)\s+(?:don['’]?t|do\s+not)\s+need\s+(?:your\s+business|you)(?=\s*(?:[.!?…;,\n]|$))|\byour\s+loss(?=\s*(?:[.!?…;,\n]|$))",
    r"\b(?:that['’]?s|it['’]?s|sounds\s+like|this\s+is|that\s+is|it\s+is)\s+(?:a\s+)?(?:you|your|ur)\s+problem\b|\byour\s+problem\s*,?\s*not\s+ours\b|\bnot\s+our\s+(?:problem|fault)\s+(?:if\s+|that\s+)?(?:you|u)\b|\bthat['’]?s\s+on\s+(?:you|u)\b",
    r"\b(?:cry|whine|complain|moan|weep)\s+(?:more|harder|about\s+it|somewhere\s+else|elsewhere|to\s+someone\s+who\s+cares|me\s+a\s+river)\b|\bboo[\s-]?hoo\b|\bwa+h+\s+wa+h+\b",
    r"\b(?:nobody|no\s+one|no-one|we\s+don['’]?t|i\s+don['’]?t|who)\s+(?:really\s+)?cares?\s+(?:about\s+)?(?:your|what\s+you|what\s+u)\b|\b(?:we|i)\s+couldn['’]?t\s+care\s+less\s+(?:about\s+)?(?:your|what\s+you)\b",
]

# Mild expletives: reported as a warning, not as obscenity. Whole-word readings.
# Euphemisms ("freaking", "frigging", "heck", "darn", "shoot") are brand voice and stay clean.
MILD = [
    r"damn|damned|dammit|damnit|damm|goddamn\w*|goddam|godamn\w*|goddammit",
    r"hell|crap|crappy|crapola|crapper|bugger|buggered|buggering|buggers|piss|pissed|pissing|pisses|pisser|pissy|arsed",
    r"douche|douches|douchebags?|douchey|turds?|bellends?|bloody",
]
# Mild words that are innocent here: "Bloody Mary", "a bloody nose", "Hell's Kitchen". Searched where the word starts.
MILD_NOT = r"bloody\s+(?:mar(?:y|ys|ies)|nose|noses|steak|sunday|valentine|battle|war|orange|massacre)|hell['’]?s\s+kitchen|hell\s+(?:is\s+)?other\s+people"
