"""Builds the NLU lookup tables and synonyms (data/nlu/lookups.yml) from the demo catalog.

Categories, brands, colors and yes/no features come from the catalog the recommender serves
(``recommender/data/demo/catalog.jsonl``); shopper words for categories come from the
recommender's own table (``BUILTIN_CATEGORY_SYNONYMS``, read from its source without
importing it), so the bot and the service share one vocabulary.

Standard library only, any Python >= 3.10::

    python3 rasa_project/scripts/build_lookups.py           # rewrite data/nlu/lookups.yml
    python3 rasa_project/scripts/build_lookups.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
REPO = PROJECT.parent
CATALOG = REPO / "recommender" / "data" / "demo" / "catalog.jsonl"
VOCABULARY_SOURCE = REPO / "recommender" / "pipeline" / "vocabulary.py"
OUTPUT = PROJECT / "data" / "nlu" / "lookups.yml"

#: Brands that are everyday words; a lookup entry would fire on "on sale" or "nothing else".
AMBIGUOUS_BRANDS = frozenset({"on", "nothing"})
#: Plain color words users say; catalog color names ending in one ("sky blue") are kept too.
BASIC_COLORS = frozenset({
    "black", "white", "silver", "grey", "gray", "blue", "navy", "red", "pink", "green", "gold",
    "purple", "yellow", "orange", "beige", "brown", "teal", "graphite",
})  # fmt: skip


def read_catalog(path: Path) -> list[dict]:
    """Catalog rows (one JSON object per line)."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def recommender_table(name: str, source: Path = VOCABULARY_SOURCE) -> dict:
    """A literal dict assigned to ``name`` in the recommender's source; {} if absent."""
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return {}
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target = node.target.id
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = getattr(node.targets[0], "id", None)
        if target == name and node.value is not None:
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return {}
            return value if isinstance(value, dict) else {}
    return {}


def display(category: str) -> str:
    return category.replace("-", " ").replace("_", " ")


def singular(phrase: str) -> str:
    words = phrase.split(" ")
    last = words[-1]
    if last.endswith("ches") or last.endswith("shes"):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def spelling_variants(label: str) -> set[str]:
    """``noise cancelling`` -> also ``noise canceling``, ``noise-cancelling``."""
    variants = {label, label.replace(" ", "-")}
    for v in list(variants):
        variants.add(v.replace("cancelling", "canceling"))
    return variants


def build(rows: list[dict]) -> dict[str, dict[str, set[str]]]:
    """Lookup tables and synonyms: ``{"lookup": {name: values}, "synonym": {value: texts}}``."""
    categories = sorted({r["category"] for r in rows})
    brands = sorted({r["brand"] for r in rows if r.get("brand")})
    lookup: dict[str, set[str]] = defaultdict(set)
    synonym: dict[str, set[str]] = defaultdict(set)

    shopper_words = recommender_table("BUILTIN_CATEGORY_SYNONYMS")
    for cat in categories:
        words = {display(cat), singular(display(cat))}
        words |= {w.lower() for w in shopper_words.get(cat, ())}
        lookup["category"] |= words
        synonym[cat] |= {w for w in words if w != cat}

    for brand in brands:
        plain = re.sub(r"[^\w ]+", "", brand.lower().replace("&", " and ")).strip()
        plain = re.sub(r"\s+", " ", plain)
        if brand.lower() not in AMBIGUOUS_BRANDS:
            lookup["brand"].add(brand)
            if plain and plain != brand.lower():
                lookup["brand"].add(plain)  # lookups match case-insensitively
        variants = {plain, plain.replace(" ", ""), brand.lower().replace("'", "")}
        synonym[brand] |= {v for v in variants if v and v != brand.lower()}

    boolean_words = recommender_table("BOOLEAN_WORDS")
    booleans: set[str] = set()
    for row in rows:
        for name, value in (row.get("attributes") or {}).items():
            text = str(value).strip()
            if text.lower() in ("yes", "no"):
                booleans.add(name.replace("_", " ").lower())
            elif name == "color":
                for part in text.lower().split("/"):
                    words = part.split()
                    if words and words[-1] in BASIC_COLORS:  # "sky blue", "black"; not "Oasis"
                        lookup["color"] |= {part.strip(), words[-1]}
            elif name == "type" and row["category"] == "headphones":
                lookup["feature"].add(text.lower())
    for label in booleans:
        variants = spelling_variants(label)
        lookup["feature"] |= variants
        synonym[label] |= variants - {label}
    lookup["feature"] |= {w.lower() for w in boolean_words}
    return {"lookup": lookup, "synonym": synonym}


def render(tables: dict[str, dict[str, set[str]]]) -> str:
    """The YAML text (stable order, one example per line)."""
    out = [
        "# Generated by rasa_project/scripts/build_lookups.py from the demo catalog. Do not edit;",
        "# rerun the script after the catalog changes.",
        'version: "3.1"',
        "nlu:",
    ]
    for kind in ("lookup", "synonym"):
        for name, values in sorted(tables[kind].items()):
            if not values:
                continue
            out.append(f"- {kind}: {json.dumps(name, ensure_ascii=False)}")
            out.append("  examples: |")
            out.extend(f"    - {v}" for v in sorted(values, key=str.lower))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, default=CATALOG)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the file is outdated")
    args = parser.parse_args(argv)
    text = render(build(read_catalog(args.catalog)))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
