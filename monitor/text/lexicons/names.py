"""Capitalised words that are not another business: what a guessed competitor name can never be.

attacks_competitor guesses a competitor nobody configured from how a name is written (an @handle, a quoted
«Name», BeanBarn) or where a capitalised word stands ("unlike Costa", "Greggs' sausage rolls"). These words
are capitalised for other reasons: they start a sentence, name a day, a place, a language or a platform the
brand posts on. Whole-word patterns over the lower-cased word (ё read as е); Russian ones with case endings.
"""

from __future__ import annotations

# Words that name a business when they are part of a name of two or more words: "Black Sheep Coffee", «Кофейня «Зерно»».
BUSINESS_WORDS = [
    r"coffee|caf[eé]|caffe|caff[eè]|kaffee|espresso|roasters?|roastery|bakery|bakehouse|patisserie|boulangerie|kitchen|bistro|brasserie|diner",
    r"deli|eatery|grill|burgers?|pizza|pizzeria|donuts?|doughnuts?|bagels?|tea|teahouse|juice|brew|brewing|brewery|bar|pub|coffeehouse|house",
    r"кофе|кофейн\w*|кафе|пекарн\w*|булочн\w*|кондитерск\w*|обжарщик\w*|ростер\w*|бистро|бургерн\w*|пиццери\w*|чайн\w*|бар|паб",
]
# Words that start English sentences, address people or shout ("NEW", "FYI").
EN_FUNCTION = [
    r"i|i['’]m|i['’]ve|i['’]ll|i['’]d|me|my|we|us|our|ours|you|your|yours|they|them|their|he|him|his|she|her|it|its|this|that|these|those",
    r"the|a|an|some|any|all|every|each|no|none|most|many|much|few|both|either|neither|other|another|such|own|same",
    r"everyone|everybody|everything|nobody|noone|nothing|someone|somebody|something|anyone|anybody|anything|people|folks|guys|team|friends",
    r"who|what|which|when|where|why|how|if|but|and|or|so|then|than|just|only|also|even|still|yes|not|never|always|ever|again|now|today",
    r"tonight|tomorrow|yesterday|here|there|ok|okay|hi|hey|hello|dear|thanks|thank|sorry|please|wow|oh|ah|aw|lol|lmao|omg|btw|ps|fyi|asap|rip",
    r"new|sale|free|open|closed|update|news|note|reminder|warning|attention|breaking|important|psa|tip|faq|menu|mr|mrs|ms|dr|sir|madam|miss",
    r"unlike|compared|instead|rather|like|as|at|in|on|from|to|for|with|without|by|about|after|before|while|because|since|although|though",
    r"however|meanwhile|also|plus|well|sure|great|good|bad|best|worst|nice|cool|love|happy|merry|congrats|congratulations|welcome|cheers",
    r"am|pm|utc|gmt|msk|dm|pm|tv|ceo|cto|pr|smm|ux|ui|ai|api|faq|diy|vip|pov|tl|dr|eta|irl|imo|imho|tbh|idk|nvm|lmk|ty|np|gg|ggwp",
]
# Modifiers that stand before a food word at a sentence start: "Iced coffee is watery", "Instant coffee tastes of dust".
EN_MODIFIERS = [
    r"iced|hot|cold|warm|fresh|morning|evening|filter|drip|instant|decaf|regular|specialty|speciality|house|black|white|green|dark|light",
    r"cheap|fancy|premium|organic|local|supermarket|office|airport|hotel|station|gas|vending|chain|street|home|homemade|frozen|canned",
    r"bottled|boxed|pod|capsule|flat|oat|soy|almond|whole|skim|plain|classic|traditional|italian|french|turkish|greek|vienna|irish",
    r"yesterday['’]?s|today['’]?s|last|next|first|second|third|this|that|most|some|many|any|cafe|café|coffee|tea|bakery|restaurant|diner|pub|bar",
    r"downtown|uptown|midtown|central|city|town|village|campus|north|south|east|west|northern|southern|upper|lower|old|big|small|mini|little",
    r"seasonal|weekly|daily|monthly|annual|holiday|summer|winter|spring|autumn|christmas|kids|family|vegan|gluten|sugar|dairy|breakfast|lunch",
]
# Days, months, holidays.
EN_CALENDAR = [
    r"mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|january|february|march|april|may|june|july|august",
    r"september|october|november|december|christmas|xmas|easter|halloween|thanksgiving|valentine['’]?s?|ramadan|diwali|hanukkah|eve",
    r"black\s+friday|cyber\s+monday|boxing\s+day|new\s+year['’]?s?(?:\s+eve)?|st\s+patrick['’]?s|saint\s+patrick['’]?s|mother['’]?s|father['’]?s",
    r"day|week|weekend|spring|summer|autumn|fall|winter",
]
# Places, peoples and languages a coffee brand names, and the platforms and tools it posts with.
EN_PLACES = [
    r"ethiopia|ethiopian|kenya|kenyan|colombia|colombian|brazil|brazilian|guatemala|guatemalan|honduras|costa\s+rica|panama|peru|peruvian",
    r"rwanda|burundi|uganda|tanzania|yemen|sumatra|java|bali|sulawesi|india|indian|vietnam|vietnamese|mexico|mexican|nicaragua|salvador",
    r"jamaica|hawaii|kona|papua|china|chinese|japan|japanese|korea|korean|thailand|thai|italy|italian|france|french|spain|spanish|germany|german",
    r"uk|britain|british|england|english|scotland|scottish|ireland|irish|wales|welsh|europe|european|asia|asian|africa|african|america|american",
    r"usa|us|canada|canadian|australia|australian|russia|russian|ukraine|georgia|turkey|turkish|greece|greek|portugal|dutch|swiss|vienna|viennese",
    r"london|paris|berlin|rome|milan|madrid|lisbon|amsterdam|prague|vienna|istanbul|dubai|tokyo|seoul|new\s+york|nyc|la|sf|moscow|arbat",
    r"tverskaya|petersburg|st\s+petersburg|kazan|sochi|manchester|liverpool|bristol|leeds|brooklyn|manhattan|soho|camden|shoreditch|high\s+street",
    r"heathrow|gatwick|stansted|jfk|sheremetyevo|domodedovo|vnukovo|pulkovo|airport|terminal|station|mall|centre|center|park|square|street|avenue|road",
    r"god|jesus|christ|lord|santa|mum|mom|dad|grandma|grandpa|granny|chef|barista|baristas",
    r"google|facebook|instagram|insta|twitter|x|tiktok|youtube|whatsapp|telegram|vk|vkontakte|linkedin|pinterest|reddit|threads|snapchat",
    r"apple|iphone|ipad|android|ios|windows|microsoft|mac|macbook|paypal|visa|mastercard|wi-?fi|bluetooth|zoom|teams|slack|gmail|chatgpt|openai",
    r"uber|ubereats|deliveroo|glovo|doordash|grubhub|justeat|wolt|bolt|lyft|airbnb|netflix|spotify|tripadvisor|yelp|maps|gps|covid",
]
# Russian: cities, countries, regions, holidays and platforms (capitalised words mid-sentence are names in Russian).
RU_PLACES = [
    r"москв\w*|петербург\w*|питер\w*|санкт|казан\w*|сочи|екатеринбург\w*|новосибирск\w*|нижн\w*|новгород\w*|самар\w*|краснодар\w*|ростов\w*",
    r"владивосток\w*|калининград\w*|воронеж\w*|пермь|перми|уф[аеуы]|тул[аеуы]|ярославл\w*|росси\w*|рф|сша|европ\w*|ази[яию]|африк\w*|америк\w*",
    r"эфиопи\w*|кени\w*|колумби\w*|бразили\w*|гватемал\w*|гондурас\w*|коста-рик\w*|перу|руанд\w*|йемен\w*|индонези\w*|суматр\w*|инди[яиюей]",
    r"вьетнам\w*|мексик\w*|китай|китая|китае|япони\w*|итали\w*|франци\w*|испани\w*|германи\w*|англи\w*|британи\w*|турци\w*|грузи\w*|арбат\w*",
    r"шереметьев\w*|домодедов\w*|внуков\w*|пулков\w*|аэропорт\w*|вокзал\w*|тц|трц|бц|парк\w*|площад\w*|улиц\w*|проспект\w*",
    r"тверск\w*|садов\w*|кремл\w*|невск\w*|подмосков\w*|бог|бога|богу|господ\w*|новый|нового|новым|рождеств\w*|пасх\w*|маслениц\w*",
    r"яндекс\w*|гугл\w*|вконтакте|вк|телеграм\w*|телеграмм\w*|инстаграм\w*|инст\w*|ютуб\w*|тикток\w*|ватсап\w*|вотсап\w*|макс|озон\w*|вайлдберриз",
    r"сбер\w*|тинькофф\w*|т-банк\w*|альфа|госуслуг\w*|ковид\w*|дед|мороз\w*|снегурочк\w*|мам[аеуы]|пап[аеуы]|бабушк\w*|дедушк\w*",
]
# Russian words that start sentences and are no names when capitalised there.
RU_FUNCTION = [
    r"я|мы|вы|ты|он|она|оно|они|наш\w*|ваш\w*|тво\w*|мо[йяеи]|мое|его|ее|их|это|этот|эта|эти|тот|та|те|то|все|вс[её]|весь|вся|каждый|любой",
    r"кто|что|где|когда|почему|зачем|как|какой|какая|какие|если|но|а|и|или|да|нет|не|ну|вот|уже|еще|только|даже|тоже|также|сегодня|завтра",
    r"вчера|сейчас|здесь|тут|там|привет|здравствуйте|спасибо|пожалуйста|ура|ой|ах|эх|новинка|новое|важно|внимание|итак|кстати|кроме|вместо",
    r"в|во|на|у|из|от|до|по|за|с|со|к|ко|о|об|при|про|для|без|через|после|перед|пока|хотя|зато|однако|поэтому|потому|друзья|гости|коллеги",
]
# First names, in English and Russian (Russian ones with their case endings): "Masha's latte art was a disaster 😂" is
# about a barista. Names that are also common business names (Joe's, Paul, Gail's) are left out.
FIRST_NAMES = [
    r"james|john|robert|michael|mike|william|will|david|dave|richard|rick|thomas|tom|charles|charlie|chris|christopher|daniel|dan|danny",
    r"matthew|matt|anthony|tony|mark|steven|steve|andrew|andy|josh|joshua|kevin|brian|george|edward|ed|ryan|jacob|jake|gary|tim|ben|sam",
    r"jack|harry|oliver|ollie|nick|max|alex|mary|patricia|jennifer|jen|linda|elizabeth|liz|barbara|susan|sue|jessica|jess|sarah|karen",
    r"nancy|lisa|betty|margaret|sandra|ashley|emily|emma|olivia|sophia|sophie|anna|hannah|kate|katie|alice|amy|laura|rachel|rebecca|lucy",
    r"chloe|grace|ella|jane|julia|helen|masha|maria|ivan|anton|sergey|sergei|serezha|olga|lena|elena|natasha|dima|dmitry|sasha|alexey",
    r"andrey|andrei|pavel|misha|mikhail|katya|nastya|anastasia|tanya|tatiana|yulia|vika|oleg|igor|nikita|artem|denis|kirill|vova|petya",
    r"маш[аиуеой]|мари[яиюей]|иван\w*|антон\w*|серге[йяюем]|сер[её]ж[аиуеой]|олег\w*|ольг[аиуеой]|ол[яиюеей]|лен[аыуеой]|елен[аыуеой]",
    r"наташ[аиуеой]|дим[аыуеой]|дмитри[йяюем]|саш[аиуеой]|александр\w*|алекс(?:|а|у|ом|е)|андре[йяюем]|павл(?:а|у|ом|е)|павел|паш[аиуеой]",
    r"миш[аиуеой]|михаил\w*|кат[яиюеей]|екатерин[аыуеой]|наст[яиюеей]|анастаси[яиюей]|тан[яиюеей]|татьян[аыуеой]|юл[яиюеей]|юли[яиюей]",
    r"вик[аиуеой]|виктори[яиюей]|игор[ьяюем]|никит[аыуеой]|арт[её]м\w*|денис\w*|кирилл\w*|вов[аыуеой]|владимир\w*|пет[яиюеей]|светлан[аыуеой]",
    r"свет[аыуеой]|анн[аыуеой]|ан[яиюеей]|дарь?[яиюей]|даш[аиуеой]|ксени[яиюей]|ксюш[аиуеой]|женя|жени|жене|евгени[йяюем]|роман(?:|а|у|ом|е)",
]
