"""The phrasing table: well-formed, and no word the verifier would take for a fact."""

from __future__ import annotations

import re
import string

from recommender.config import PACKAGE_DIR
from recommender.models.generation.dataset import load_catalog
from recommender.models.generation.synth import build_catalog
from recommender.models.generation.verify import COMMON_CAPITALS, FactVocabulary
from recommender.models.generation.wording import ANSWERS, ASPECTS, WORDING

FIELDS = {
    "notice", "title", "heading", "price", "topic", "all", "they_verb", "verb", "rest",
    "verb_one", "rest_one", "none", "name", "high", "best", "value", "top", "aspect", "things",
}  # fmt: skip
FORBIDDEN = re.compile(
    r"\d|%|\b(?:code|discount|coupon|promo|voucher|free|customers?|address|password|admin"
    r"|instructions?|you said|you mentioned)\b",
    re.I,
)


def _fixed_text(template: str) -> str:
    """The template's own words, fields removed."""
    return re.sub(r"\{[^}]*\}", " ", template)


def _texts() -> list[tuple[str, str]]:
    out = [(kind, t) for kind, ts in WORDING.items() for t in ts]
    out += [("aspect", label) for label in ASPECTS.values()]
    return out


def test_templates_use_known_fields_only() -> None:
    for kind, template in _texts():
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        assert names <= FIELDS, (kind, template)


def test_no_numbers_codes_or_claims_of_their_own() -> None:
    for kind, template in _texts():
        text = _fixed_text(template)
        if kind == "need_lead" and "you mentioned" in text.lower():
            continue  # "Since you mentioned {topic}": the shopper's own words follow
        assert not FORBIDDEN.search(text), (kind, template)


def test_capitals_only_where_a_sentence_starts() -> None:
    for kind, template in _texts():
        for m in re.finditer(r"(?<=\s)[A-Z][\w'’]*", _fixed_text(template)):
            before = template[: template.find(m.group(0))].rstrip()
            if before.endswith((".", "?", "!", ":")) or m.group(0).lower() in COMMON_CAPITALS:
                continue
            raise AssertionError((kind, template, m.group(0)))


def test_no_word_is_a_catalog_name() -> None:
    """ "on" is a brand and "none" a value in the demo catalog: in a template the verifier
    would read them as another product's facts and reject the reply."""
    demo = load_catalog(PACKAGE_DIR / "data" / "demo" / "catalog.jsonl")
    voc = FactVocabulary.from_products([*demo, *build_catalog(0)])
    names = voc.brands | voc.titles | voc.attribute_values | voc.categories
    texts = [(kind, _fixed_text(t).lower()) for kind, t in _texts()]
    for key, ways in ANSWERS.items():
        own = set(key.split("_"))  # "has a 64 MP camera": the attribute's own name
        texts += [(key, " ".join(w for w in " ".join(way).split() if w not in own)) for way in ways]
    for kind, text in texts:
        hits = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        assert not hits, (kind, text, hits)


def test_a_price_of_another_product_comes_before_any_name() -> None:
    """The verifier reads a price as the price of the last title named before it."""
    for kind in ("cheapest", "both", "best", "also"):
        for t in WORDING[kind]:
            if "{high}" in t:
                assert t.index("{high}") < t.index("{name}"), t
