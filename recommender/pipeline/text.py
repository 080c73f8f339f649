"""User text: cleaning/normalization and preference parsing with spaCy and the catalog vocabulary."""

from __future__ import annotations

import functools
import html
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from genrec_core.answers import is_any, is_question
from genrec_core.budget import CUE_PHRASES, CURRENCY_WORDS, TIER_PHRASES, read_budget
from recommender.config import TextConfig
from recommender.errors import ServiceUnavailableError
from recommender.pipeline.attribute_reader import NEGATIONS, is_negated, read_attributes
from recommender.pipeline.brand_words import is_english
from recommender.pipeline.schemas import ParsedPreferences, PriceTier
from recommender.pipeline.vocabulary import (
    NOUN_ONLY,
    Vocabulary,
    fold,
    keep_token,
    singular,
    singular_phrase,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)

_BLOCK_RE = re.compile(
    r"<(script|style|iframe|object|template)\b[^>]*>.*?(</\1\s*>|$)", re.I | re.S
)
_TAG_RE = re.compile(r"</?[A-Za-z!?][^<>]*>|<!--.*?-->", re.S)
_SPACE_RE = re.compile(r"\s+")
_CHATTER_WORDS = (
    "want need looking look buy get find show recommend suggest something anything good "
    "best nice great like love please thanks hi hello hey new one ones thing things "
    "ok okay sure fine cool yes yeah yep nope alright right maybe perhaps"
)
CHATTER = frozenset(_CHATTER_WORDS.split())
_NOT_KEYWORDS = (
    frozenset(CUE_PHRASES) | CURRENCY_WORDS | frozenset(TIER_PHRASES) | NEGATIONS | CHATTER
)


#: Words of presents and the people they are for: general English, not catalog words.
GIFT_WORDS = frozenset(
    [
        "gift",
        "gifts",
        "present",
        "presents",
        "birthday",
        "bday",
        "christmas",
        "xmas",
        "anniversary",
        "valentine",
        "valentines",
        "stocking",
        "filler",
        "fillers",
        "stuffer",
        "secret",
        "santa",
        "housewarming",
        "graduation",
        "retirement",
        "wedding",
        "shower",
        "mum",
        "mom",
        "mother",
        "mothers",
        "dad",
        "father",
        "fathers",
        "parents",
        "sister",
        "brother",
        "sibling",
        "wife",
        "husband",
        "girlfriend",
        "boyfriend",
        "partner",
        "son",
        "daughter",
        "kid",
        "kids",
        "child",
        "children",
        "friend",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "grandad",
        "granddad",
        "grandson",
        "granddaughter",
        "grandkids",
        "grandchildren",
        "granny",
        "gran",
        "nan",
        "aunt",
        "auntie",
        "uncle",
        "niece",
        "nephew",
        "boss",
        "colleague",
        "coworker",
        "co-worker",
        "teacher",
        "neighbour",
        "neighbor",
        "godson",
        "goddaughter",
        "in-laws",
        "teenager",
        "teen",
        "toddler",
        "someone",
        "somebody",
        "loves",
        "love",
        "likes",
        "into",
        "old",
        "year",
    ]
)
_RECIPIENT = (
    r"(?:for|to) (?:my|a|our|his|her) (?:little |"
    r"older |younger |big |best |new )?(?:mum|mom|mother|dad|father|parents|sister|brother|sibling|"
    r"wife|husband|girlfriend|boyfriend|partner|son|daughter|kid|kids|child|children|friend|"
    r"grandma|grandpa|grandmother|grandfather|grandad|granddad|grandson|granddaughter|"
    r"grandkids|grandchildren|granny|gran|nan|aunt|auntie|uncle|niece|nephew|"
    r"boss|colleague|coworker|co-worker|teacher|neighbou?r|godson|goddaughter|in-laws?|"
    r"teenager|teen|toddler)"
)
_GIFT_RE = re.compile(
    r"\b(?:gifts?|present|presents|birthday|bday|christmas|xmas|anniversary|valentine'?s?|"
    r"stocking (?:filler|stuffer)s?|secret santa|mother'?s day|father'?s day|housewarming|"
    r"graduation|retirement|wedding|baby shower|" + _RECIPIENT + r")\b",
    re.I,
)
_RECIPIENT_RE = re.compile(r"\b" + _RECIPIENT + r"\b", re.I)


def names_recipient(text: str) -> bool:
    """True when ``text`` says who the product is for ("for my grandad", "to a teenager")."""
    return _RECIPIENT_RE.search(text) is not None


#: A question rather than a request: "how do I ...", "what's the best way to ...", "who won".
_DECLINE_BEFORE = (
    r"(?:any|whatever|whichever|no particular|no specific|no real|no|"
    r"(?:i )?(?:don'?t|do not) (?:really )?(?:care|mind) (?:about |which |what )?(?:the )?|"
    r"not (?:fussed|bothered) (?:about )?(?:the )?)"
)
_DECLINE_AFTER = r"(?:\s+is)?\s+(?:doesn'?t|does not|don'?t|do not|isn'?t|is not)\s+(?:really\s+)?(?:matter|important)"
_FIELD_WORDS = {
    "brand": "brand",
    "brands": "brand",
    "make": "brand",
    "price": "budget",
    "budget": "budget",
    "cost": "budget",
    "price range": "budget",
}


@dataclass(frozen=True)
class NormalizedText:
    """Cleaned user text (original case, for spaCy) and a case-folded copy for matching."""

    text: str
    lower: str


def _clean_char(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return " "
    return "" if cat[0] == "C" else ch


def normalize_text(text: str, max_chars: int) -> NormalizedText:
    """Clean user text: NFKC, entities decoded, HTML tags and control characters removed,
    whitespace collapsed, cut to ``max_chars`` characters.

    The result never contains an HTML tag, so it is safe to echo in a reply.
    """
    text = unicodedata.normalize("NFKC", text[: max_chars * 4])
    text = html.unescape(text)
    text = _BLOCK_RE.sub(" ", text)
    text = _TAG_RE.sub(" ", text)
    text = "".join(_clean_char(ch) for ch in text)
    text = _SPACE_RE.sub(" ", text).strip()[:max_chars].strip()
    return NormalizedText(text=text, lower=text.casefold())


@functools.lru_cache(maxsize=4)
def load_spacy(name: str) -> Language:
    """Load (once per process) the spaCy pipeline ``name``: an installed package or a path.

    Raises:
        ServiceUnavailableError: the pipeline is not installed.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ServiceUnavailableError(f"spaCy pipeline {name!r} is not installed: {exc}") from exc
    logger.info("spaCy pipeline %s loaded (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def _used_as_verb(token: Token) -> bool:
    """A verb after "to", a pronoun or an auxiliary ("to watch", "I watch", "can watch"), or a
    verb form no product name takes ("for watching netflix", "he watches tv")."""
    if token.pos_ != "VERB":
        return False
    if token.tag_ in ("VBG", "VBD", "VBN"):
        return True
    if token.tag_ == "VBZ" and any(c.dep_ in ("dobj", "nsubj") for c in token.children):
        return True  # "my dad watches tv late"
    return token.i > 0 and token.nbor(-1).pos_ in ("PART", "PRON", "AUX")


_IRREGULAR = {"women": "woman", "men": "man", "children": "child", "feet": "foot"}


def _word_stem(word: str) -> str:
    """Singular of a word for matching answers to values ("women" -> "woman")."""
    return _IRREGULAR.get(word, singular(word))


#: First words that answer a yes/no question ("Do you need GPS?") whatever follows.
_NO_LEADS = frozenset({"no", "nope", "nah", "not", "dont", "don't", "without", "never"})
_YES_LEADS = frozenset({"yes", "yeah", "yep", "yup", "sure", "definitely", "absolutely", "ideally"})
_POSSESSIVES = frozenset({"my", "his", "her", "our", "their", "your"})
#: Words that make "my laptop" the thing to buy again ("replace my laptop", "my phone broke").
_REPLACING = re.compile(
    r"\b(?:replac\w*|upgrad\w*|new|another|broke|broken|died|dead|cracked|stolen|lost|"
    r"old|ancient|slow|dying|second|spare|better)\b",
    re.I,
)


_REPLACING_WORDS = frozenset({"old", "ancient", "current", "slow", "cheap", "basic", "own"})

#: Words that make "my laptop" the thing a product serves ("to carry my laptop", "a case for
#: my phone", "works with my iphone"), not the thing to buy ("my mum loves her coffee").
_SERVES = re.compile(
    r"\b(?:carry\w*|protect\w*|hold\w*|fits?|fitting|case|cover|bag|sleeve|stand|charg\w*|"
    r"mount\w*|connect\w*|pair\w*|sync\w*|works? with|go(?:es)? with|match\w*|clean\w*|"
    r"store|storing|transport\w*|without)\b",
    re.I,
)


def _owned(toks: list[Token], start: int) -> bool:
    """The phrase at ``toks[start]`` follows "my", "his"... in a message about something that
    serves it: a thing the shopper has, not the one to buy."""
    first = toks[start]
    if first.i == 0 or first.doc[first.i - 1].lower_ not in _POSSESSIVES:
        return False
    return first.dep_ != "compound" and _SERVES.search(first.doc.text) is not None


def _served(token: Token) -> bool:
    """The phrase at ``token`` is what a serving word acts on, a few steps up its parse:
    "a bag for carrying camera gear", "a school bag that fits a laptop" (the shopper has it)."""
    node = token
    for _ in range(3):
        if node.dep_ not in _OBJECT_DEPS or node.head is node:
            return False
        node = node.head
        if node.pos_ == "VERB" and _SERVES.fullmatch(node.text):  # not "a camera bag"
            return True
    return False


_OBJECT_DEPS = frozenset({"compound", "dobj", "pobj", "nmod", "poss", "conj", "appos"})


def _compared_with(toks: list[Token], start: int) -> bool:
    """The phrase at ``toks[start]`` is what the need is compared with: "better photos than my
    phone", "lighter than his old laptop" (the shopper has it; something else is wanted)."""
    i = toks[start].i
    doc = toks[start].doc
    j = i - 1
    while j >= 0 and doc[j].lower_ in _REPLACING_WORDS:
        j -= 1  # "than my old phone"
    return j >= 1 and doc[j].lower_ in _POSSESSIVES and doc[j - 1].lower_ == "than"


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < 50:
        token = token.head
        depth += 1
    return depth


@dataclass(frozen=True, order=True)
class _CategoryHit:
    priority: int  # 0: category name or shopper synonym, 1: product tag
    depth: int  # distance to the dependency root
    start: int  # token span [start, end) in the filtered token list
    end: int
    category: str
    key: str = field(default="", compare=False)  # the phrase as found in the vocabulary


def _pick_category(hits: list[_CategoryHit], toks: list[Token]) -> _CategoryHit | None:
    """The category the text is about: longer phrases beat the phrases inside them ("camera
    bag" beats "camera"); a compound modifier loses to its head ("laptop backpack"); then
    priority, closeness to the dependency root, and position decide."""
    inside = {
        h
        for h in hits
        for o in hits
        if o is not h
        and o.start <= h.start
        and h.end <= o.end
        and (o.end - o.start) > (h.end - h.start)
    }
    kept = [h for h in hits if h not in inside]
    token_pos = {t.i: k for k, t in enumerate(toks)}

    def heads(h: _CategoryHit) -> set[int]:  # words of hits as strong as ``h``
        return {j for o in kept if o.priority <= h.priority for j in range(o.start, o.end)}

    modifiers = {
        h
        for h in kept
        if toks[h.end - 1].dep_ == "compound"
        and token_pos.get(toks[h.end - 1].head.i, -1) in heads(h) - set(range(h.start, h.end))
    }
    kept = [h for h in kept if h not in modifiers] or kept
    return min(kept) if kept else None


class PreferenceParser:
    """Turns one user text into :class:`ParsedPreferences` using spaCy and the vocabulary."""

    def __init__(self, vocabulary: Vocabulary, config: TextConfig, nlp: Language) -> None:
        self.vocabulary = vocabulary
        self.config = config
        self.nlp = nlp
        self._last_parse: tuple[str, Doc] | None = None

    def tokenize(self, text: str) -> list[str]:
        """spaCy tokenizer only (no pipeline), as used for vocabulary keys."""
        return [t.text for t in self.nlp.tokenizer(text)]

    def __call__(
        self,
        text: str,
        *,
        expect_budget: bool = False,
        expect_attribute: str | None = None,
        category: str | None = None,
    ) -> ParsedPreferences:
        """Parse ``text`` (already normalized) into preferences; nothing found -> empty fields.

        Args:
            text: one shopper message.
            expect_budget: the message answers "what's your budget?" (a bare "80" is then
                an upper bound).
            expect_attribute: the message answers a question about this attribute, so its
                values win over other readings ("laptop" answers "which use?", it does not
                switch to laptops).
            category: the category of the search under way: an answer to the question
                may name only one word of one of its values ("windows" for "windows 11 home").
        """
        if not text.strip():
            return ParsedPreferences()
        vocab = self.vocabulary
        doc, toks, words, lemmas = self._tokens(text)
        reading = read_budget(
            text, expect_budget=expect_budget, around_band=self.config.around_band
        )
        consumed: set[int] = {
            t.i for t in doc if any(s < t.idx + len(t) and t.idx < e for s, e in reading.spans)
        }
        budget_tokens = set(consumed)
        answered = self._answer_to(expect_attribute, toks, words, lemmas, consumed, category)

        brand: str | None = None
        cat_hits: list[_CategoryHit] = []
        cat_tokens: set[int] = set()  # read as category words (values may reuse them)
        owned: set[str] = set()
        for n in range(min(vocab.max_phrase_tokens, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                span = range(toks[i].i, toks[i + n - 1].i + 1)
                if any(j in consumed for j in span):
                    continue
                surface, lemma = " ".join(words[i : i + n]), " ".join(lemmas[i : i + n])
                if brand is None:
                    found = self._brand_at(toks, i, n, surface)
                    if found is not None:
                        brand = found
                        consumed.update(span)
                        continue
                key = next(
                    (
                        k
                        for k in (
                            surface,
                            lemma,
                            singular_phrase(surface),
                            surface.replace(" ", ""),
                        )
                        if k in vocab.category_phrases
                    ),
                    None,
                )
                hit = vocab.category_phrases[key] if key is not None else None
                if (
                    hit is not None
                    and n == 1
                    and (surface in NOUN_ONLY or lemma in NOUN_ONLY)
                    and _used_as_verb(toks[i])
                ):
                    hit = None
                if hit is not None and (
                    _compared_with(toks, i)
                    or ((_owned(toks, i) or _served(toks[i])) and not _REPLACING.search(text))
                ):
                    owned.add(hit[0])  # "something to carry my laptop": not a laptop
                    continue
                if hit is not None:
                    depth = min(_depth(toks[j]) for j in range(i, i + n))
                    cat_hits.append(_CategoryHit(hit[1], depth, i, i + n, hit[0], key or ""))
                    if hit[1] == 0:
                        consumed.update(span)
                        cat_tokens.update(span)
        if not any(h.priority == 0 for h in cat_hits):
            misspelt = self._misspelt_categories(toks, words, consumed)
            cat_tokens.update(toks[h.start].i for h in misspelt)
            cat_hits += misspelt
        picked = _pick_category(cat_hits, toks)
        category = picked.category if picked else None

        if brand is None:
            brand = self._fuzzy_brand(toks, words, consumed)
        line_category = None
        if brand is None:  # "iphone in pink", "thinkpad"
            brand, line_category = self._line_brand(toks, words, category)
        if (
            picked is not None
            and picked.priority > 0
            and brand is not None
            and vocab.brand_category.get(brand, category) != category
        ):
            category = None  # "garmin with gps for running": Garmin sells no running shoes
        weak_category = category is None and (
            brand in vocab.brand_category or line_category is not None
        )
        if weak_category and line_category is not None:
            category = line_category  # "an iphone with 256 gigs": the line's one category
        elif weak_category and brand is not None:
            category = vocab.brand_category[brand]  # "bose over ears"
        soft: set[int] = set()
        if picked is not None and picked.priority == 0 and category == picked.category:
            soft = {t.i for t in toks[picked.start : picked.end]}
        stated = read_attributes(vocab, toks, words, lemmas, consumed - cat_tokens, soft, category)
        attributes = {**answered, **stated}
        for named in cat_hits:  # "earbuds" are in-ear
            if named.priority == 0 and named.category == category:
                for name, value in vocab.implied.get(named.key, {}).items():
                    attributes.setdefault(name, value)
        for name, value in vocab.measures.find(text, category).items():
            attributes.setdefault(name, value)  # "15.6 inch", "32 gigs of ram"
        if category is None and attributes:
            owners = vocab.categories_with(attributes)
            if len(owners) != 1:
                owners = vocab.categories_offering(attributes)
            if len(owners) == 1:  # "full frame mirrorless": only cameras have these
                category = owners.pop()
                weak_category = True
        rest = [t for t in doc if t.i not in budget_tokens]
        meaningful = any(t.is_alpha and not t.is_stop and t.lower_ not in CUE_PHRASES for t in rest)
        query_text = " ".join(t.text for t in rest) if meaningful else ""
        keywords = tuple(
            dict.fromkeys(
                w
                for t, w in zip(toks, words, strict=True)
                if t.i not in consumed
                and w.isalpha()
                and len(w) > 1
                and not t.is_stop
                and w not in _NOT_KEYWORDS
            )
        )
        tier: PriceTier | None = None
        if reading.tier in ("low", "high"):
            tier = "low" if reading.tier == "low" else "high"
        any_of = frozenset({"*"}) if is_any(text) else self._declined(text)
        return ParsedPreferences(
            category=category,
            brand=brand,
            budget_min=reading.budget_min,
            budget_max=reading.budget_max,
            attributes=attributes,
            price_tier=tier,
            keywords=keywords[:12],
            query_text=query_text,
            category_from_tag=weak_category or (picked is not None and picked.priority > 0),
            any_of=any_of,
            gift=bool(_GIFT_RE.search(text)),
            question=is_question(text),
            owned=frozenset(owned - {category}),
        )

    def _declined(self, text: str) -> frozenset[str]:
        """Fields the text says it does not care about: "any brand", "colour doesn't matter"."""
        fields = dict(_FIELD_WORDS)
        for name in self.vocabulary.attribute_values:
            label = name.replace("_", " ")
            fields[label] = f"attributes.{name}"
            if name == "color":
                fields["colour"] = fields["colours"] = fields["colors"] = "attributes.color"
        words = "|".join(re.escape(w) for w in sorted(fields, key=len, reverse=True))
        lower = text.casefold().replace("’", "'")
        out = set()
        yes_no = {f"attributes.{n}" for n, v in self.vocabulary.attribute_values.items()
                  if set(v) <= {"yes", "no"}}  # fmt: skip
        for m in re.finditer(
            rf"\b{_DECLINE_BEFORE}\s*({words})\b(?!\s*(?:under|over|of|is|from))", lower
        ):
            said_no = m.group(0)[: m.start(1) - m.start()].strip() == "no"
            if not (said_no and fields[m.group(1)] in yes_no):  # "no grinder" is a wish
                out.add(fields[m.group(1)])
        for m in re.finditer(rf"\b(?:the\s+)?({words}){_DECLINE_AFTER}", lower):
            out.add(fields[m.group(1)])
        return frozenset(out)

    def _brand_at(self, toks: list[Token], i: int, n: int, surface: str) -> str | None:
        """Brand written at tokens ``i..i+n``; common-word brands ("On", "Nothing") must be
        written exactly as the shop does, and at the start of the text only before a
        category word ("Nothing phone", but not "Nothing too expensive")."""
        vocab = self.vocabulary
        brand = vocab.brand_phrases.get(surface) or vocab.brand_phrases.get(fold(surface))
        if brand is None or brand not in vocab.ambiguous_brands:
            return brand
        if " ".join(t.text for t in toks[i : i + n]) != brand:
            return None
        if toks[i].i == 0:
            after = [t.lower_ for t in toks[i + n : i + n + 2]]
            follows = (
                {" ".join(after[:k]) for k in (1, 2)} | {toks[i + n].lemma_.lower()}
                if after
                else set()
            )
            if not follows & set(vocab.category_phrases):
                return None
        return brand

    def _answer_to(
        self,
        name: str | None,
        toks: list[Token],
        words: list[str],
        lemmas: list[str],
        consumed: set[int],
        category: str | None = None,
    ) -> dict[str, str]:
        """A value of the attribute the shopper was asked about, read before anything else."""
        if not name:
            return {}
        vocab = self.vocabulary
        if (
            toks
            and set(vocab.attribute_values.get(name, ())) <= {"yes", "no"}
            and not is_any(toks[0].doc.text)
        ):
            lead = toks[0].doc[0].lower_  # "no for the wireless", "yes, gps please"
            value = "no" if lead in _NO_LEADS else "yes" if lead in _YES_LEADS else None
            if value is not None:
                label = set(name.lower().replace("_", " ").replace("-", " ").split())
                consumed.update(t.i for t in toks if t.lower_ in label or t.lemma_ in label)
                return {name: value}
        values = {vocab.phrase(v): v for v in vocab.attribute_values.get(name, ())}
        for key, hit in vocab.attribute_phrases.get("*", {}).items():
            if hit.name == name:
                values.setdefault(key, hit.value)
        longest = max((len(k.split(" ")) for k in values), default=0)
        for n in range(min(longest, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                for key in (" ".join(words[i : i + n]), " ".join(lemmas[i : i + n])):
                    if key in values:  # also values that are other words too ("laptop")
                        consumed.update(range(toks[i].i, toks[i + n - 1].i + 1))
                        return {name: values[key]}
        if category is None:
            return {}
        own = {
            h.value for h in vocab.attribute_phrases.get(category, {}).values() if h.name == name
        }
        return self._partial_answer(
            name, {k: v for k, v in values.items() if v in own}, toks, consumed
        )

    def _partial_answer(
        self, name: str, values: dict[str, str], toks: list[Token], consumed: set[int]
    ) -> dict[str, str]:
        """The value one of whose words the answer says: "windows please" -> "windows 11
        home", "they're for a woman" -> "women"; the value with the most such words wins,
        then the shorter, then the more common one."""
        said: dict[str, int] = {}
        for t in toks:
            for form in (t.lower_, t.lemma_.lower()):
                said.setdefault(_word_stem(form), t.i)
        counts = {h.value: h.count for h in self.vocabulary.attribute_phrases.get("*", {}).values()
                  if h.name == name}  # fmt: skip
        best: tuple[int, int, int, str] | None = None
        for value in values.values():
            stems = {_word_stem(w) for w in re.split(r"[^a-z0-9]+", value.lower())}
            stems = {s for s in stems if len(s) >= 3 and not s.isdigit()}
            hits = stems & set(said)
            if hits:
                rank = (len(hits), -len(stems), counts.get(value, 0), value)
                if best is None or rank > best:
                    best = rank
        if best is None:
            return {}
        value = best[3]
        stems = {_word_stem(w) for w in re.split(r"[^a-z0-9]+", value.lower())}
        consumed.update(i for s, i in said.items() if s in stems)
        return {name: value}

    def _line_brand(
        self, toks: list[Token], words: list[str], category: str | None
    ) -> tuple[str | None, str | None]:
        """The brand a product-line word names, in the line's own categories ("not an
        iphone" names none), and the line's category when it has only one."""
        for i, w in enumerate(words):
            for k in (w, singular(w)):
                hit = self.vocabulary.brand_words.get(k)
                if hit is not None and (category is None or category in hit[1]):
                    if is_negated(toks, words, i):
                        return None, None
                    only = next(iter(hit[1])) if len(hit[1]) == 1 else None
                    return hit[0], only
        return None, None

    def _tokens(self, text: str) -> tuple[Doc, list[Token], list[str], list[str]]:
        """The parse of ``text``, its matching tokens, their (typo-corrected) words and lemmas;
        the last text's parse is kept, so reading it again for a chosen category
        (:meth:`attributes_for`) does not run spaCy twice."""
        last = self._last_parse
        if last is not None and last[0] == text:
            doc = last[1]
        else:
            doc = self.nlp(text)
            self._last_parse = (text, doc)
        toks = [t for t in doc if keep_token(t.lower_)]
        words = [t.lower_ for t in toks]
        lemmas = [t.lemma_.lower() for t in toks]
        self._correct_value_typos(toks, words, lemmas)
        return doc, toks, words, lemmas

    def attributes_for(self, text: str, category: str) -> dict[str, str]:
        """The values ``text`` states for products of ``category``, read as if it named it:
        for a category chosen after parsing, by a use or a product tag ("a pot with a
        drainage hole" reads "pot" as cookware, and its use as a plant pot)."""
        if not text.strip():
            return {}
        vocab = self.vocabulary
        doc, toks, words, lemmas = self._tokens(text)
        reading = read_budget(text, around_band=self.config.around_band)
        budget = {
            t.i for t in doc if any(s < t.idx + len(t) and t.idx < e for s, e in reading.spans)
        }
        own = {
            t.i
            for t, w, lemma in zip(toks, words, lemmas, strict=True)
            if category in {vocab.category_phrases.get(w, ("",))[0],
                            vocab.category_phrases.get(lemma, ("",))[0]}
        }  # fmt: skip
        out = read_attributes(vocab, toks, words, lemmas, budget, own, category)
        for name, value in vocab.measures.find(text, category).items():
            out.setdefault(name, value)
        return out

    def _correct_value_typos(self, toks: list[Token], words: list[str], lemmas: list[str]) -> None:
        """Replace, in place, words one or two typos away from a word of the catalog's
        values ("rechargable", "retractible"); words the catalog writes, category typos and
        common words stay."""
        vocab = self.vocabulary
        for k, t in enumerate(toks):
            w = words[k]
            if (
                len(w) < 6
                or not w.isalpha()
                or t.is_stop
                or w in _NOT_KEYWORDS
                or w in vocab.catalog_words
                or is_english(w, vocab.english)
                or is_english(lemmas[k], vocab.english)
                or vocab.is_known_word(w)
                or vocab.fuzzy_category(w) is not None
            ):
                continue
            close = vocab.fuzzy_value_word(w)
            if close is not None:
                words[k] = lemmas[k] = close

    def _misspelt_categories(
        self, toks: list[Token], words: list[str], consumed: set[int]
    ) -> list[_CategoryHit]:
        """Category names written with a typo ("hedphones", "smartwach")."""
        hits = []
        for k, (t, w) in enumerate(zip(toks, words, strict=True)):
            if t.i in consumed or not w.isalpha() or self.vocabulary.is_known_word(w):
                continue
            category = self.vocabulary.fuzzy_category(w)
            if category is not None:
                hits.append(_CategoryHit(0, _depth(t), k, k + 1, category))
                consumed.add(t.i)
        return hits

    def _fuzzy_brand(self, toks: list[Token], words: list[str], consumed: set[int]) -> str | None:
        for t, w in zip(toks, words, strict=True):
            if t.i in consumed or len(w) < 4 or not w.isalpha() or t.is_stop:
                continue
            if w in _NOT_KEYWORDS or self.vocabulary.is_known_word(w):
                continue
            brand = self.vocabulary.fuzzy_brand(fold(w))
            if brand is not None:
                consumed.add(t.i)
                return brand
        return None


def parse_preferences(
    text: str,
    vocabulary: Vocabulary,
    *,
    nlp: Language | None = None,
    config: TextConfig | None = None,
) -> ParsedPreferences:
    """Normalize ``text`` and parse category, brand, budget and attributes from it.

    Args:
        text: raw user text.
        vocabulary: catalog vocabulary from :func:`build_vocabulary`.
        nlp: spaCy pipeline; defaults to ``config.spacy_model`` loaded once per process.
        config: text settings (around band, quantiles, fuzzy cutoff).
    """
    config = config or TextConfig()
    nlp = nlp or load_spacy(config.spacy_model)
    clean = normalize_text(text, max_chars=10_000)
    return PreferenceParser(vocabulary, config, nlp)(clean.text)
