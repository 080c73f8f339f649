"""Street addresses: a street with its house number, and the unit, town and postcode after it.

Streets are recognised in four word orders:

- number first, street word last (US/UK/Canada ``12 Oak St``, ``221B Baker Street``);
- a street-word suffix, number after (German/Dutch/Nordic ``Hauptstraße 5``,
  ``Kalverstraat 92``);
- street word first, number after (``rue de Rivoli 10``, ``Calle Mayor 12``,
  ``Via Roma 10``), or number first (``8 rue de Rivoli``);
- any capitalised name and a house number when a postcode and town follow
  (``1 Infinite Loop, Cupertino, CA 95014``, ``Unter den Linden 77, 10117 Berlin``);

and ``PO Box 123``. A tail is then taken with the street: a unit (``Apt 4B``), a direction,
and a town with a US/Canadian/Australian/UK/continental postcode. Street names are
capitalised unless an address word (``ship to``, ``my address is``...) comes before or a
town and postcode follow. A street with neither, followed by a product word (``21 Jump
Street Blu-ray``), is a title.
"""

from __future__ import annotations

import re

from genrec_core.pii_base import Span

_STREET_WORDS = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way"
    r"|terrace|ter|parkway|pkwy|highway|hwy|circle|cir|crescent|close|square|sq|row|mews"
    r"|gardens|grove|hill|walk|alley|plaza|trail|trl|loop|pike|cove|landing|ridge|crossing"
    r"|commons|bend|glen|heights|hollow|xing|estates|knoll|manor|broadway"
)
_CAP_WORD = r"(?:[A-Z][A-Za-z'\u00c0-\u017f-]*\.?|Jr\.?|\d{1,3}(?:st|nd|rd|th))"
_UNIT_PREFIX = r"(?:(?:Flat|Apt|Apartment|Unit|Suite|Ste)\b\.?\s*#?\s*\w{1,4},?\s*)"
_NUMBER = r"\d{1,5}[A-Za-z]?(?:-\d{1,5}[A-Za-z]?)?"
# A house number after the street name: "5", "12a", "235 c", "10/12", "3-5".
_NUMBER_AFTER = r"\d{1,4}(?:\s?[A-Za-z]\b)?(?:\s?[-/]\s?\d{1,4}[a-z]?\b)?"
_ANGLO = re.compile(
    r"(?<![\w-])" + _UNIT_PREFIX + r"?" + _NUMBER + r"\s+"
    r"(?P<name>(?:" + _CAP_WORD + r"\s+){1,4})(?:" + _STREET_WORDS + r")\b\.?",
    re.IGNORECASE,
)  # fmt: skip
_ANGLO_CASE = re.compile(r"(?i:" + _UNIT_PREFIX + r")?" + _NUMBER + r"\s+[A-Z0-9]")
_SUFFIX_STREET = re.compile(
    r"(?<![\w-])(?:[A-ZÄÖÜ][\wäöüß.-]*\s+){0,3}[\wäöüß-]*"
    r"(?i:straße|strasse|str\.|weg|allee|platz|gasse|ufer|damm|chaussee|steig|straat|laan"
    r"|gracht|plein|kade|singel|dijk|steeg|gatan|vägen|gata)"
    r"\s*" + _NUMBER_AFTER,
)
_NAME_WORD = (
    r"(?:(?:de|du|des|la|le|les|del|dels|las|los|di|da|dei|della|delle|degli|dos|das"
    r"|d'|l'|of|the|and)\b\s*|[A-Z\u00c0-\u00dd][\w'\u00c0-\u017f.-]*\s*)"
)
_ROMANCE_WORDS = (
    r"rue|avenue|av\.|avda\.?|avenida|boulevard|boul\.?|bd|chemin|allée|impasse|quai|place"
    r"|cours|route|passage|promenade|esplanade|faubourg|ruelle|calle|c/|carrer|passeig|paseo"
    r"|plaza|plaça|ronda|camino|travesía|glorieta|carretera|callejón|rambla|alameda|vía|via"
    r"|viale|corso|piazza|piazzale|largo|vicolo|strada|rua|travessa|praça|estrada|ul\.|ulica"
)
# English words too: lower case, they need an address word or a town after them.
_AMBIGUOUS_ROMANCE = {
    "avenue", "av.", "place", "plaza", "via", "corso", "largo", "route", "passage", "promenade",
    "esplanade", "ronda", "camino",
}  # fmt: skip
_ROMANCE = re.compile(
    r"(?<![\w-])(?P<word>(?i:" + _ROMANCE_WORDS + r"))(?:\s+|(?<=/)\s*)"
    r"(?P<name>" + _NAME_WORD + r"{0,5}[A-Za-z\u00c0-\u00dd][\w'\u00c0-\u017f-]*),?\s+"
    r"(?:n[º°o]\.?\s*)?(?:\d{1,4}\s?(?:bis|ter)\b|" + _NUMBER_AFTER + r")(?![.,]\d)"
)  # fmt: skip
_NUMBER_ROMANCE = re.compile(
    r"(?<![\w-])(?i:" + _UNIT_PREFIX + r")?\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?P<word>(?i:" + _ROMANCE_WORDS + r"))\s+"
    r"(?P<name>" + _NAME_WORD + r"{0,5}[A-Za-z\u00c0-\u00dd][\w'\u00c0-\u017f-]*)",
)  # fmt: skip
_PO_BOX = re.compile(
    r"(?<![\w-])(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|Postfach|Apartado(?:\s+de\s+Correos)?"
    r"|Bo[iî]te\s+postale)\s*#?\s*\d{1,7}(?:\s\d{2,3}){0,3}\b",
    re.IGNORECASE,
)
# A name without a street word ("1 Infinite Loop", "Am Sonnenhang 3"): only with a town.
_NAMED_FIRST = re.compile(
    r"(?<![\w-])(?i:"
    + _UNIT_PREFIX
    + r")?"
    + _NUMBER
    + r"(?P<words>(?:\s+"
    + _CAP_WORD
    + r"){1,5})"
)
_NAMED_AFTER = re.compile(
    r"(?<![\w-])(?:[A-ZÄÖÜ\u00c0-\u00dd][\w'\u00c0-\u017f.-]*\s+(?:(?:den|der|dem|am|an|im|zum"
    r"|zur|auf|von|van|de|la|del|di|des|du|le)\s+)*){1,4}" + _NUMBER_AFTER
)  # fmt: skip

# ------------------------------------------------------------------ what follows a street
_DIRECTION = re.compile(r",?\s+(?:N|S|E|W|NE|NW|SE|SW|O|Ouest|Est|Nord|Sud)\b\.?")
_UNIT = re.compile(
    r",?\s+(?:Apt|Apartment|Appartement|App|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building"
    r"|Bât|Bat|Étage|Etage|Piso|Planta|Puerta|Pta|Esc|Escalera|Wohnung|Whg)\b\.?\s*#?\s*\w{1,5}\b"
    r"|,?\s*#\s?\d{1,5}\b|,?\s+\d{1,3}(?:st|nd|rd|th)\s+(?:Floor|Fl)\b\.?"
    r"|,?\s+\d{1,2}\s?[º°ª](?:\s?[A-Za-z0-9]{1,2}\b|\s?\d{1,2}\s?[º°ª])?"  # Spanish "3º B"
    r"|,?\s+(?:bajo|izq(?:da)?|dcha|der)\b\.?",
    re.IGNORECASE,
)
_TOWN_WORD = r"[A-Za-z\u00c0-\u017f][A-Za-z\u00c0-\u017f.'-]*"
_TOWN = _TOWN_WORD + r"(?:\s+" + _TOWN_WORD + r"){0,3}?"
_STATE_NAMES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
    "Ontario", "Quebec", "Québec", "Alberta", "Manitoba", "Saskatchewan", "British Columbia",
    "Nova Scotia", "New Brunswick", "Prince Edward Island", "Newfoundland and Labrador", "Yukon",
)  # fmt: skip
_STATE_CODES = (
    "al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh"
    " nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy pr"
    " on qc bc ab mb sk ns nb nl pe yt nt nu"
).split()
_US_STATES = sorted(_STATE_CODES + [n.lower() for n in _STATE_NAMES], key=len, reverse=True)
_STATE = r"\(?(?i:" + "|".join(_US_STATES) + r")\b\)?"
_US_TOWN = re.compile(
    r",?\s*"
    + _TOWN
    + r",?\s+"
    + _STATE
    + r"\.?,?\s+(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"
)
# Australia: "Sydney NSW 2000", "Carlton, VIC 3053".
_AU_TOWN = re.compile(
    r",?\s*" + _TOWN + r",?\s+(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\.?,?\s+\d{4}\b(?![.,]?\d)"
)
_UK_TOWN = re.compile(
    r"(?:,?\s*[A-Z][A-Za-z'-]*(?:\s+(?:(?:upon|on|in|under|by|le|la|de|sur|en|am|an|der)\s+)?"
    r"[A-Z][A-Za-z'-]*){0,3}){1,3},?\s+"
    r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b",
    re.IGNORECASE,
)
# Measures and counts after a number: "8000 dpi", "2 nights" are no postcode or house number.
_MEASURE = (
    r"(?:dpi|mah|ah|rpm|mm|cm|m|km|kg|g|mg|gb|tb|mb|hz|khz|mhz|ghz|w|kw|lm|lumens|pcs|pieces"
    r"|units|items|pack|packs|euros?|dollars?|eur|usd|gbp|chf|kr|yen|px|pixels|ppi|nits|lux"
    r"|mbps|kbps|gbps|kcal|ml|l|ft|inch|inches|lbs?|oz|v|mph|nights?|days?|weeks?|months?"
    r"|years?|hours?|hrs?|min|mins|minutes|people|persons|guests|rooms?|seats?|players?|x)\b"
)
_MEASURE_AFTER = re.compile(r"\s*" + _MEASURE, re.IGNORECASE)
_CONTINENTAL_TOWN = re.compile(
    r",?\s*(?:[A-Z]{1,2}-)?(?:\d{4,5}|\d{2}-\d{3}|\d{4}-\d{3})(?:\s?[A-Z]{2})?\s+(?!(?i:"
    + _MEASURE
    + r"))"
    r"[A-Za-zÄÖÜ\u00c0-\u00dd][a-z\u00df-\u017f]{2}[\w\u00c0-\u017f'-]*"
    r"(?:[ -](?:am|an|der|sur|en|de)?\s?[A-Z][\w'-]+)?(?:\s+Cedex(?:\s+\d{1,2})?)?"
)
# A town alone, closing the sentence or before a country: taken, but not evidence.
_TOWN_ONLY = re.compile(
    r",\s*[A-Z][a-z\u00df-\u017f'-]+(?:[ -][A-Z][a-z\u00df-\u017f'-]+){0,2}"
    r"(?=\s*(?:$|[.!?;)\n]|,\s*(?:USA|US|UK|United|Germany|Deutschland|France|Spain|España"
    r"|Canada|Italy|Italia|Austria|Österreich|Switzerland|Schweiz|Netherlands|Belgium)\b))"
)
_CUE = re.compile(
    r"(?:\b(?:address|addr|lieferadresse|adresse|dirección|direccion|indirizzo|adres|billing"
    r"|shipping)(?:\s+is)?\s*[:-]?"
    r"|\b(?:ship|deliver|send|sent|post|mail|bring|move|moved|return|forward|drop)\b"
    r"[\w' ]{0,20}?\b(?:to|at)\s*:?"
    r"|\b(?:live|lives|living|located|stay|staying|reside)\s+(?:at|on|in))\s*$",
    re.IGNORECASE,
)
_STOPWORDS = re.compile(
    r"\b(?:of|the|and|or|for|to|with|a|an|in|on|my|your|x|more|some|from)\b", re.IGNORECASE
)
_PRODUCT_NAME = re.compile(
    r"\b(?:pack|packs|piece|pcs|way|series|gen|collection|edition|model|set|seater|shoes"
    r"|lamp|light|speaker|system|bike|ssd|gb|tb|inch|mm|cm|kg|watt|men's|women's|mens|womens"
    r"|unisex|kids|kids'|boys|girls|junior|gtx|pro|max|ultra|plus|mini)\b",
    re.IGNORECASE,
)
# A product noun right after a street (up to two capitalised words between): a title, such
# as "21 Jump Street Blu-ray" or "42 Wallaby Way Sydney Nemo poster".
_PRODUCT_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'-]*){0,2}\s*(?:[-:(]\s*)?(?:the\s+)?(?:blu-?ray|dvd|cd|lp|ep|vinyl|single"
    r"|record|album|soundtrack|cast|lego|set|box|poster|print|edition|game|board|toy|playset"
    r"|figure|book|novel|film|movie|season|puzzle|jigsaw|mug|cup|glass|t-shirt|shirt|tee"
    r"|jacket|hoodie|cap|hat|bag|tote|wallet|perfume|fragrance|eau|candle|collection|range"
    r"|series|model|sofa|chair|bench|bed|mattress|lamp|light|chandelier|pendant|table|desk"
    r"|dresser|cabinet|shelf|rug|towels?|kit|bundle|pack|mouse|pad|tickets?|running|runner"
    r"|shoes?|sneakers?|trainers?|boots?|bike|bicycle|tyres?|tires?|cycling|tent|backpack"
    r"|kayak|charger|bucket|hammock|\d{4}\s+(?:edition|film|movie))\b",
    re.IGNORECASE,
)
_PARTICLES = frozenset(
    "de du des la le les del dels las los di da dei della delle degli dos das d' l' of the"
    " and".split()
)
_TECH = re.compile(r"^(?:USB|HDMI|Bluetooth|Wi-?Fi|DHL|UPS|FedEx|DPD|GLS|PayPal|Apple|App)\b")


def _tail(text: str, end: int) -> tuple[int, bool]:
    """Where the address that ends a street at ``end`` ends, and whether a town with a
    postcode followed."""
    for pattern in (_DIRECTION, _UNIT, _UNIT):
        m = pattern.match(text, end)
        if m:
            end = m.end()
    for pattern in (_US_TOWN, _AU_TOWN, _UK_TOWN, _CONTINENTAL_TOWN):
        m = pattern.match(text, end)
        if m:
            return m.end(), True
    m = _TOWN_ONLY.match(text, end)
    return (m.end() if m else end), False


def _cue_before(text: str, start: int) -> bool:
    return bool(_CUE.search(text[max(0, start - 40) : start]))


def _candidates(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, capitalised)`` of streets in every word order."""
    out = []
    for m in _ANGLO.finditer(text):
        if _PRODUCT_NAME.search(m.group("name")):
            continue
        names = m.group("name").split()  # "1 Free on the Park Ave" is no street name
        capitalised = bool(_ANGLO_CASE.match(m.group())) and all(
            w[0].isupper() or w[0].isdigit() for w in names
        )
        out.append((m.start(), m.end(), capitalised))
    for m in _SUFFIX_STREET.finditer(text):
        out.append((m.start(), m.end(), m.group()[0].isupper()))
    for pattern in (_ROMANCE, _NUMBER_ROMANCE):
        for m in pattern.finditer(text):
            if _TECH.match(m.group("name")):
                continue
            word, name = m.group("word"), m.group("name")
            # "Via Roma 10", not "place your order 2", "Place Setting for 4" nor "Boulevard
            # poster 50 x 70 cm"
            if word.lower() in _AMBIGUOUS_ROMANCE:
                words = [w for w in name.split() if w.lower() not in _PARTICLES]
                plain = word[0].isupper() and all(w[0].isupper() for w in words)
            else:
                plain = any(ch.isupper() for ch in name)
            out.append((m.start(), m.end(), plain))
    for m in _PO_BOX.finditer(text):
        out.append((m.start(), m.end(), True))
    for m in _NAMED_FIRST.finditer(text):  # the longest name that a town follows
        ends = [m.start("words") + w.end() for w in re.finditer(r"\S+", m.group("words"))]
        for end in reversed(ends):
            if _tail(text, end)[1]:
                out.append((m.start(), end, True))
                break
    for m in _NAMED_AFTER.finditer(text):
        if _tail(text, m.end())[1]:
            out.append((m.start(), m.end(), True))
    return out


def find_addresses(text: str) -> list[Span]:
    """Street addresses in the word orders of the module doc, with their tails."""
    out = []
    for start, end, capitalised in _candidates(text):
        if _MEASURE_AFTER.match(text, end):  # "Plaza Hotel 2 nights", "Hauptstraße 5 kg"
            continue
        end, town = _tail(text, end)
        cue = _cue_before(text, start)
        if not (capitalised or town) and (not cue or _STOPWORDS.search(text[start:end])):
            continue
        if not (town or cue) and _PRODUCT_AFTER.match(text, end):
            continue
        out.append(Span(start, end, "ADDRESS"))
    return out
