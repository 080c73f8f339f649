"""Word lists of the budget grammar (:mod:`genrec_core.budget`): comparators, negators,
currency and unit words, price tiers, common misspellings.

Everything here is general English about prices; nothing depends on a shop's catalog.
"""

from __future__ import annotations

MAX, MIN, APPROX, RANGE = "max", "min", "approx", "range"


def _words(text: str) -> frozenset:
    return frozenset(text.split())


def _phrases(text: str) -> list:
    return [p.strip() for p in text.split("|") if p.strip()]


CURRENCY_PREFIX = _words("$ € £ usd eur gbp us$")
CURRENCY_WORDS = _words(
    "$ € £ usd eur gbp dollar dollars buck bucks euro euros pound pounds quid bux dollarinos "
    "dolars dollers rupee rupees yen yuan peso pesos franc francs krona kronor kroner rand "
    "zloty"
)
#: Nouns that are an amount of money on their own ("a tenner", "under a fiver").
MONEY_NOUNS = {"tenner": 10.0, "fiver": 5.0}

#: Words after a number that make it a measure or a count, not money.
UNIT_WORDS = _words(
    """
    inch inches in " ' cm mm m km meter meters metre metres ft feet foot yd
    gb tb mb kb gig gigs mp megapixel megapixels mah wh kwh v volt volts
    hour hours hr hrs h minute minutes min mins second seconds sec secs s
    day days week weeks month months year years yr yrs yo
    mile miles mi bpm f c ° degrees degree deg fahrenheit celsius
    kg g gram grams gramm lb lbs oz ounce ounces ml l liter liters litre litres cl dl
    quart quarts qt gallon gallons cup cups
    w watt watts hz khz ghz fps p dpi rpm bar psi db
    % percent pct x times
    pack packs pk pcs pc piece pieces set sets pair pairs count ct ply thread threads tc
    people persons person player players seater seats kids children
    core cores gen generation series edition star stars
    colour colours color colors layer layers slot slots speed speeds setting settings
    reviews review ratings rating
    video videos resolution screen screens display displays tv tvs monitor monitors
    run runs race races marathon marathons walk ride km/h mph ultra ultras relay triathlon
    """
)
#: Words before a number that make it part of a name or a measure ("iPhone 15", "size 10").
MODEL_BEFORE = _words(
    """
    size sizes model number no no. # version v gen generation series mark mk edition
    iphone ipad galaxy pixel xbox playstation ps windows level step grade class ip ipx rtx gtx
    """
)

#: Comparators written before an amount, by the bound they set.
CUE_PHRASES = {}
for _kind, _text in (
    (
        MAX,
        """under|below|beneath|less than|lower than|cheaper than|less expensive than|up to|
        at most|max|maximum|within|south of|no more than|tops|<|<=|≤|sub|budget|budget of|
        budget is|budget's|budgets|my budget is|spend|spending|
        to spend|for|for under|for less than|costing under|priced under|cap of|capped at|
        cap|limit of|limit is|limit|my limit is|thinking|was thinking|thinking of|
        thinking about|looking at|looking to spend|ok with|okay with|fine with|happy with|upper limit|upper limit of|ceiling|ceiling of|hard limit|
        at the very most|at the very max|spending cap|
        happy to pay|happy to spend|pay|paying|i'd pay|we'd pay|willing to pay|
        willing to spend|can do|could do|can afford|could afford|afford|the most i'll pay is|
        the most i can spend is|the most i can pay is|most i can do is|max i can do is|
        max i can spend is|max budget|maximum budget|top budget|got|have|i have|i've got|
        say|let's say|lets say|blow|drop|splash out|fork out|shell out|part with|as high as|
        as much as|stretch to|go to|budgeted|set aside|put aside|allocated|earmarked""",
    ),
    (
        MIN,
        """over|above|more than|greater than|higher than|pricier than|more expensive than|
        at least|starting at|starting from|upwards of|north of|from|min|minimum|>|>=|≥|
        in excess of|beyond|exceeding|exceed|past|minimum of|min of|no cheaper than|minimum budget|min budget|
        lower limit|lower limit of|at the very least|""",
    ),
    (
        APPROX,
        """around|about|approximately|approx|roughly|~|near|close to|circa|something like|
        in the region of|in the ballpark of|in the range of|ballpark|ballpark of|
        more or less|somewhere around|give or take|round about|roundabout|
        somewhere near|or so""",
    ),
    (RANGE, "between|from|range is|range of|price range|price range of|somewhere between"),
):
    for _phrase in _phrases(_text):
        CUE_PHRASES[" ".join(_phrase.split())] = _kind

#: Words of the cues that compare ("under", "no more than"), unlike cues that state an amount
#: ("budget", "i can spend"): "under about 100" is under 100, "budget about 100" is about.
COMPARATORS = _words(
    "under below beneath less lower cheaper up most max maximum within sub over above more "
    "greater higher pricier least min minimum beyond exceed exceeding past north south"
)

#: Cues that set a bound only weakly: a year or a small count after them is no budget.
WEAK_CUES = frozenset(
    {"for", "from", "got", "have", "i have", "i've got", "say", "thinking", "pay", "go to"}
)

#: Comparators written after an amount.
POST_CUES = {
    **dict.fromkeys(
        _phrases(
            """or less|or under|or below|or lower|or cheaper|max|maximum|tops|at most|
            at the most|to spend|to play with|budget|limit|max budget|is my limit|is my max|
            is the most|is my budget|is all i have|is the limit|is tops|is my ceiling|
            or thereabouts below|and no more|and not a penny more|not a cent more|
            and nothing more|for a|for an|for the|for my|for one|is what i have|
            is what i've got|is about my limit|would be my max|is the max|absolute max|
            is pushing it|at a push|is my cap|cap|each|apiece|a piece|per piece|per item|
            per person|a head|a pop|on a|on an|on the|on my|on some|on new"""
        ),
        MAX,
    ),
    **dict.fromkeys(
        _phrases(
            """or more|or above|or over|or higher|and up|and upwards|and above|and over|
            plus|+|minimum|at least|or pricier|and beyond|at minimum|is the minimum|
            is my minimum|min"""
        ),
        MIN,
    ),
    **dict.fromkeys(
        _phrases("or so|ish|give or take|more or less|or thereabouts|roughly|approx"), APPROX
    ),
    **dict.fromkeys(_phrases("range|bracket|price range|region|mark"), RANGE),
}

NEGATORS = _words(
    """
    not no nothing nothin never none nobody without refuse refuses won't wont
    cant can't cannot dont don't shouldnt shouldn't wouldnt wouldn't isnt isn't aren't arent
    doesnt doesn't mustn't mustnt aint ain't didnt didn't couldnt couldn't neither nor
    """
)
#: Words that may stand between a negator and the comparator it turns round
#: ("can't GO over", "don't WANT TO SPEND more than", "not A PENNY over", "don't SHOW ME
#: ANYTHING under"). A content word ("fancy") ends the negation's reach.
BRIDGE = _words(
    """
    go going goes gonna spend spending pay paying cost costs costing be been being want wanna
    to afford do does it that which something anything everything much any really more a
    an penny cent dime dollar single one i we you my me us the should would could will can
    like prefer need have has higher lower too way budget price priced show see showing
    bother bothering with stuff things thing items item ones look looking at interested in
    prepared willing able stretch go-over is are am i'm im i'll ill we're were even really
    anywhere remotely circumstances under-no point want wanting recommend suggest give send
    please pls just only that's thats of for
    justify trying try tried hoping hope planning plan intending intend expecting expect
    shell fork splash drop part lay out put blow waste
    """
)
CLAUSE_BREAK = _words(", ; . ! ? but though although however")
RANGE_JOIN = _words("- – — to and till until through thru or n")

#: Qualitative price words: a tier, never an amount.
TIER_PHRASES = {
    **dict.fromkeys(
        _phrases(
            """cheap|cheaper|cheapest|cheapo|affordable|inexpensive|budget|budget friendly|
            budget-friendly|on a budget|low cost|low-cost|low price|low priced|low-priced|
            bargain|economical|entry level|entry-level|not expensive|not too expensive|
            nothing expensive|nothing too expensive|not pricey|not too pricey|nothing pricey|
            nothing fancy|won't break the bank|wont break the bank|doesn't break the bank|
            reasonably priced|cheap and cheerful|value for money|good value|low end|low-end|
            student budget|tight budget|on a tight budget|not a lot of money|
            not much money|don't want to spend much|dont want to spend much|
            don't want to spend a lot|dont want to spend a lot|without spending much|
            wallet friendly|wallet-friendly|not super expensive|nothing too pricey|
            shoestring|on a shoestring|basic|cheapish"""
        ),
        "low",
    ),
    **dict.fromkeys(
        _phrases(
            """premium|high end|high-end|luxury|luxurious|flagship|top end|top-end|
            top of the line|top-of-the-line|top of the range|top-of-the-range|top tier|
            top-tier|best money can buy|money is no object|price is no object|money's no object|
            price's no object|cost is no object|money no object|price no object|splurge|
            no expense spared|not cheap|nothing cheap|upmarket|upscale|pricey|expensive|
            posh|swanky|bougie|
            high quality expensive|professional grade|pro-level|the best|best of the best"""
        ),
        "high",
    ),
}
#: Words that are a tier only when negated: "nothing too fancy", "don't want to spend a ton"
#: are "low"; "i fancy a new mug" or "a ton of storage" say nothing about price.
NEGATED_ONLY_HIGH = frozenset(
    _phrases("fancy|flashy|extravagant|a ton|a fortune|an arm and a leg|the earth|dear|pricy")
)
#: Words between a negator and a one-word tier ("not SUPER expensive", "don't want to SPEND
#: a fortune").
TIER_INTENSIFIERS = _words(
    "too very so super that really overly crazy insanely be anything something looking for "
    "need to want stuff a an spend spending pay paying cost costs costing wanna gonna going "
    "have"
)

UNIT_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS_NUMBERS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
SCALE_WORDS = {"hundred": 100.0, "thousand": 1000.0, "grand": 1000.0, "k": 1000.0}
FUZZY_COUNTS = {"couple": "two", "few": "three"}

#: Misspellings of the grammar's own words, as shoppers type them.
TYPOS = {
    "undr": "under",
    "unde": "under",
    "udner": "under",
    "uner": "under",
    "undder": "under",
    "unter": "under",
    "bellow": "below",
    "belwo": "below",
    "blow": "below",
    "abve": "above",
    "abov": "above",
    "aboce": "above",
    "abouve": "above",
    "ovr": "over",
    "oevr": "over",
    "arond": "around",
    "aroud": "around",
    "arund": "around",
    "aorund": "around",
    "arround": "around",
    "abt": "about",
    "bout": "about",
    "abou": "about",
    "betwen": "between",
    "bewteen": "between",
    "btwn": "between",
    "betweeen": "between",
    "beetween": "between",
    "inbetween": "between",
    "les": "less",
    "lesss": "less",
    "mor": "more",
    "moer": "more",
    "thn": "than",
    "tha": "than",
    "atleast": "at least",
    "atmost": "at most",
    "aprox": "approx",
    "approx.": "approx",
    "aproximately": "approximately",
    "approximatly": "approximately",
    "roughy": "roughly",
    "rougly": "roughly",
    "maxium": "maximum",
    "maximun": "maximum",
    "minimun": "minimum",
    "minium": "minimum",
    "upto": "up to",
    "budjet": "budget",
    "buget": "budget",
    "budgt": "budget",
    "dollers": "dollars",
    "dolars": "dollars",
    "hundrd": "hundred",
    "hundered": "hundred",
    "thousnd": "thousand",
    "fourty": "forty",
    "fity": "fifty",
    "cheep": "cheap",
    "expencive": "expensive",
    "expensve": "expensive",
}
#: "then" is "than" after these words ("no more then 200").
THAN_AFTER = _words("more less higher lower cheaper greater pricier")

#: Nouns that name a bound when a copula joins them to an amount ("my max is 80", "the
#: least i'd pay is 40", "40 would be the absolute max").
BOUND_HEADS = {
    **dict.fromkeys(_words("max maximum limit ceiling cap most budget top"), MAX),
    **dict.fromkeys(_words("min minimum least floor"), MIN),
}
#: Words between an amount and a bound noun after it ("40 WOULD BE THE ABSOLUTE max").
POST_FILLERS = _words("is 's would will be the my our absolute very total hard upper real")

#: Words ending in "s" that are no plural noun after an amount ("80 thanks", "50 tops").
NOT_NOUNS = _words(
    """
    this thus always perhaps sometimes plus tops thanks thx pls plz please yes its his hers
    ours yours theirs is was has does goes gets seems sounds looks works feels costs makes
    fits suits means helps wants needs gives takes stays lasts less unless whereas besides
    afterwards anyways regardless nowadays ish cheers guys folks lads ladies peeps
    """
)
#: Every word the grammar reads: none of them is a modifier of a counted noun.
GRAMMAR_WORDS = (
    frozenset(
        w for phrases in (CUE_PHRASES, POST_CUES, TIER_PHRASES) for p in phrases for w in p.split()
    )
    | NEGATORS
    | BRIDGE
    | CLAUSE_BREAK
    | RANGE_JOIN
    | CURRENCY_WORDS
    | _words("a an the each per total overall all in on at for with and or")
)
