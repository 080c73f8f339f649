"""More ways to name the catalog's attribute values, derived from the catalog itself.

Run by :func:`recommender.pipeline.vocabulary.build_vocabulary` after the plain value
tables exist. It adds, per scope (``*`` or a category):

* written variants of values and yes/no names (:mod:`value_forms`: "gray", "overear",
  "xl", "ladies") and members of a synonym group ("waterproof" where a category only has
  "water_resistant");
* a value said without its category's word, read next to that word ("travel" for "travel
  mug" in "travel mugs"), and a value said by its last word when no other value of the
  category has that word ("yellow" for "mango yellow", "steel" for "stainless steel");
* the one telling word of a yes/no name ("dishwasher" for "dishwasher_safe");
* a model value without its maker's words ("m3" for "apple m3");
* stemmed keys ("noise canceling", "wheeled", "max cushion");
* values a category's shopper word carries ("espresso machine" -> type "espresso",
  "earbuds" -> type "in-ear" when every product called so is in-ear);
* the words of all values (for typo correction) and of the catalog's texts (words that are
  no typo).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from recommender.pipeline.schemas import canonical_value
from recommender.pipeline.value_forms import (
    GENERIC_NAME_WORDS,
    SYNONYM_GROUPS,
    compact,
    singular,
    stem_key,
    variants,
)

if TYPE_CHECKING:
    from recommender.pipeline.vocabulary import Vocabulary

#: Products a shopper word must cover, all with one value, to imply that value.
IMPLY_SUPPORT = 3
#: Share of the category that may have that value already (else the word says nothing).
IMPLY_MAX_SHARE = 0.5


def add_attribute_forms(vocab: Vocabulary, products: list[Any], stop_words: set[str]) -> None:
    """Extend ``vocab``'s value and yes/no tables in place (see the module docstring)."""
    taken = {k for k, (_, prio) in vocab.category_phrases.items() if prio == 0}
    taken |= set(vocab.brand_phrases)
    _add_residuals(vocab, taken, stop_words)
    _add_last_words(vocab, products, taken, stop_words)
    _add_model_suffixes(vocab, taken)
    for table in vocab.attribute_phrases.values():
        for key, hit in list(table.items()):
            for form in variants(key, joined=key == vocab.phrase(hit.value)):
                if form not in taken:
                    table.setdefault(form, hit)
        _add_value_synonyms(table, taken)
    for scope, bools in vocab.boolean_phrases.items():
        values = vocab.attribute_phrases.get(scope, {})
        for key, name in list(bools.items()):
            forms = variants(key, joined=key == _label(name))
            if key == _label(name) and key.count(" ") == 1:  # "height adjustable"
                forms.append(" ".join(reversed(key.split(" "))))
            for form in forms:
                if form not in taken and form not in values:
                    bools.setdefault(form, name)
        _add_boolean_synonyms(bools, values, taken)
        _add_telling_words(bools, values, taken, vocab.attribute_values)
    for key, (category, priority) in list(vocab.category_phrases.items()):
        form = compact(key)
        if form and form not in vocab.brand_phrases:
            vocab.category_phrases.setdefault(form, (category, priority))
    vocab.attribute_stems = {
        scope: _stems(table) for scope, table in vocab.attribute_phrases.items()
    }
    from recommender.pipeline.vocabulary import BOOLEAN_WORDS  # carry their own value

    vocab.boolean_stems = {
        scope: _stems({k: v for k, v in bools.items() if k not in BOOLEAN_WORDS})
        for scope, bools in vocab.boolean_phrases.items()
    }
    vocab.implied = _implied(vocab, products)
    words = {w for t in vocab.attribute_phrases.values() for k in t for w in k.split(" ")}
    words |= {w for t in vocab.boolean_phrases.values() for k in t for w in k.split(" ")}
    vocab.value_words = frozenset(w for w in words if len(w) >= 4 and w.isalpha())
    text: set[str] = set()
    for p in products:
        for part in (p.title, p.description, " ".join(p.tags)):
            text.update(vocab.phrase(part).split(" "))
    vocab.catalog_words = frozenset(text)


def _stems(table: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, hit in table.items():
        out.setdefault(stem_key(key), hit)
    return out


def _add_residuals(vocab: Vocabulary, taken: set[str], stop_words: set[str]) -> None:
    """ "travel" for the value "travel mug" of mugs: the value less its category's words."""
    from recommender.pipeline.vocabulary import AttributeValue

    cat_words: dict[str, set[str]] = defaultdict(set)
    for key, (category, priority) in vocab.category_phrases.items():
        if priority == 0:
            cat_words[category].update(w for k in key.split(" ") for w in (k, singular(k)))
    for category, table in vocab.attribute_phrases.items():
        if category == "*":
            continue
        own = vocab.residuals.setdefault(category, {})
        found: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for key, hit in table.items():
            words = key.split(" ")
            rest = [w for w in words if w not in cat_words[category]]
            if rest and len(rest) < len(words):
                found[" ".join(rest)].add((hit.name, hit.value))
        for phrase, owners in found.items():
            if (
                len(owners) == 1
                and phrase not in table
                and phrase not in taken
                and phrase not in stop_words
                and len(phrase) >= 3
                and not phrase.isdigit()
            ):
                name, value = next(iter(owners))
                own[phrase] = AttributeValue(name=name, value=value, count=1)


def _add_last_words(
    vocab: Vocabulary, products: list[Any], taken: set[str], stop_words: set[str]
) -> None:
    """ "yellow" for "mango yellow" (or "stainless" for "stainless steel": a first word of
    six letters or more) where no other value of the category has that word and no title of
    a product without that value does ("lamp" of "floor lamp" names any lamp)."""
    from recommender.pipeline.vocabulary import AttributeValue

    named = set(vocab.category_phrases)
    titled: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for p in products:
        for w in set(vocab.phrase(p.title).split(" ")):
            titled[(p.category, w)].append(p)
    for category, table in vocab.attribute_phrases.items():
        if category == "*":
            continue
        values = {k: h for k, h in table.items() if k == vocab.phrase(h.value)}
        words = Counter(w for k in values for w in set(k.split(" ")))
        found: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for key, hit in values.items():
            if " " in key:
                first, last = key.split(" ")[0], key.rsplit(" ", 1)[1]
                found[last].add((hit.name, hit.value))
                # not "spring" for "spring green", nor a tag ("fitness" tracker)
                if len(first) >= 6 and "colo" not in hit.name and first not in named:
                    found[first].add((hit.name, hit.value))
        own = vocab.residuals.setdefault(category, {})
        for word, owners in found.items():
            if len(owners) != 1:
                continue
            name, value = next(iter(owners))
            others = [
                p
                for p in titled.get((category, word), [])
                if canonical_value(p.attributes.get(name, "")) != value
            ]
            if (
                not others
                and words[word] == 1
                and len(word) >= 5
                and word.isalpha()
                and word not in table
                and word not in taken
                and word not in stop_words
                and word not in own
            ):
                vocab.partials.setdefault(category, {})[word] = AttributeValue(name, value, 1)


def _add_model_suffixes(vocab: Vocabulary, taken: set[str]) -> None:
    """A model value said without its maker's words ("m3" for "apple m3", "rtx 4070" for
    "nvidia geforce rtx 4070"): a tail of the value's words that holds a digit, ends it, and
    ends no other value of the category ("m3" does not end "apple m3 pro")."""
    for category, table in vocab.attribute_phrases.items():
        if category == "*":
            continue
        values = {k: h for k, h in table.items() if k == vocab.phrase(h.value)}
        tails: dict[str, dict[tuple[str, str], Any]] = defaultdict(dict)
        for key, hit in values.items():
            words = key.split(" ")
            for start in range(1, len(words)):
                tail = " ".join(words[start:])
                if any(c.isdigit() for c in tail) and any(c.isalpha() for c in tail):
                    tails[tail][(hit.name, hit.value)] = hit
        for tail, owners in tails.items():
            if len(owners) == 1 and tail not in table and tail not in taken:
                table[tail] = next(iter(owners.values()))


def _add_value_synonyms(table: dict[str, Any], taken: set[str]) -> None:
    for group in SYNONYM_GROUPS:
        hits = {(table[m].name, table[m].value) for m in group if m in table}
        if len(hits) != 1:
            continue
        hit = next(table[m] for m in group if m in table)
        for member in group:
            if member not in taken:
                table.setdefault(member, hit)


def _add_boolean_synonyms(bools: dict[str, str], values: dict[str, Any], taken: set[str]) -> None:
    from recommender.pipeline.vocabulary import BOOLEAN_WORDS  # these carry their own value

    for group in SYNONYM_GROUPS:
        names = {bools[m] for m in group if m in bools and m not in BOOLEAN_WORDS}
        if len(names) != 1:
            continue
        name = names.pop()
        for member in group:
            if member not in taken and member not in values:
                bools.setdefault(member, name)


def _add_telling_words(
    bools: dict[str, str], values: dict[str, Any], taken: set[str], names: Iterable[str]
) -> None:
    """The word of a yes/no name that says what it is, alone: "dishwasher" for
    "dishwasher_safe", "frother" for "milk_frother", "lid" for "has_lid"; never a word of
    another attribute's name ("slots" of "wide_slots" is also the count "slots")."""
    labels = {key: name for key, name in bools.items() if key == _label(name)}
    counts = Counter(w for n in names for w in set(_label(n).split(" ")))
    for key, name in labels.items():
        words = key.split(" ")
        rest = [w for w in words if w not in GENERIC_NAME_WORDS]
        if len(words) < 2 or not rest:
            continue
        word = rest[-1]
        short_ok = words[0] in ("has", "is", "with", "includes") and len(rest) == 1
        if (
            (len(word) >= 6 or (short_ok and len(word) >= 3))
            and counts[word] == 1
            and word not in values
            and word not in taken
        ):
            bools.setdefault(word, name)


def _label(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("-", " ").lower().split())


def _implied(vocab: Vocabulary, products: list[Any]) -> dict[str, dict[str, str]]:
    """Values that a category's shopper word names ("espresso machine" -> espresso)."""
    out: dict[str, dict[str, str]] = {}
    by_category: dict[str, list[Any]] = defaultdict(list)
    for p in products:
        by_category[p.category].append(p)
    for key, (category, priority) in vocab.category_phrases.items():
        own = vocab.phrase(category)
        if priority != 0 or key in (own, " ".join(singular(w) for w in own.split(" "))):
            continue
        found = _contained(vocab, key, by_category.get(category, []))
        for name, value in _evidence(vocab, key, by_category.get(category, [])).items():
            found.setdefault(name, value)
        if found:
            out[key] = found
    return out


def _contained(vocab: Vocabulary, key: str, products: list[Any]) -> dict[str, str]:
    """Values and yes/no names of the category's products written inside the phrase."""
    values: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for p in products:
        for name, raw in p.attributes.items():
            value = canonical_value(raw)
            if value in ("yes", "no"):
                values[_label(name)].add((name, "yes"))
            elif not value.replace(".", "").isdigit():
                values[vocab.phrase(value)].add((name, value))
    words = key.split(" ")
    out: dict[str, str] = {}
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            owners = values.get(" ".join(words[i : i + n]), set())
            if len(owners) == 1:
                name, value = next(iter(owners))
                out.setdefault(name, value)
    return out


def _evidence(vocab: Vocabulary, key: str, products: list[Any]) -> dict[str, str]:
    """A value every product called ``key`` (title or tag) has, that most of its category
    has not, and that shares a word beginning with the phrase ("earbuds" -> "in-ear")."""
    called = [
        p
        for p in products
        if f" {key} " in f" {vocab.phrase(p.title)} " or key in {vocab.phrase(t) for t in p.tags}
    ]
    if len(called) < IMPLY_SUPPORT:
        return {}
    out: dict[str, str] = {}
    for name in sorted({n for p in called for n in p.attributes}):
        values = {canonical_value(p.attributes.get(name, "")) for p in called}
        if len(values) != 1:
            continue
        value = values.pop()
        share = sum(canonical_value(p.attributes.get(name, "")) == value for p in products)
        if value and share / len(products) < IMPLY_MAX_SHARE and _alike(key, vocab.phrase(value)):
            out[name] = value
    return out


def _alike(a: str, b: str) -> bool:
    """Some word of ``a`` and some word of ``b`` begin alike (the shorter one whole, or at
    least four letters): "earbuds" / "in ear", "chromebook" / "chromeos"."""
    for x in a.split(" "):
        for y in b.split(" "):
            if len(x) < 3 or len(y) < 3:
                continue
            common = 0
            for cx, cy in zip(x, y, strict=False):
                if cx != cy:
                    break
                common += 1
            if common >= min(4, len(x), len(y)):
                return True
    return False
