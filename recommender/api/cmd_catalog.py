"""``import-catalog``: validate a shop's catalog file and write it as normalized JSON Lines."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from recommender.config import REPO_DIR
from recommender.data.catalog import Catalog
from recommender.data.loaders import FORMATS, detect_format, dump_jsonl, load_catalog
from recommender.errors import CatalogError

DEFAULT_OUTPUT = REPO_DIR / "var" / "catalog.jsonl"
EXIT_BAD_INPUT = 2
EXIT_WRITE_FAILED = 1


def register(subparsers: Any) -> None:
    """Add the ``import-catalog`` sub-command to the CLI's sub-parsers."""
    parser = subparsers.add_parser(
        "import-catalog",
        help="validate a catalog file (JSONL, CSV, Merchant Center TSV/XML) and normalize it",
        description=(
            "Validate and load a catalog file, print a summary and write it as normalized "
            "JSON Lines. Point the service at the output with GENREC_CATALOG__PATH=<output> "
            "or catalog.path in the YAML config (see docs/CATALOG.md)."
        ),
    )
    parser.add_argument("file", type=Path, help="catalog file: .jsonl, .csv, .tsv/.txt or .xml")
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"normalized JSON Lines to write (default: {DEFAULT_OUTPUT})",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=FORMATS,
        default=None,
        help="input format; default: from the file extension",
    )
    parser.add_argument(
        "--check", action="store_true", help="validate and summarize only; write nothing"
    )
    parser.set_defaults(func=run)


def _money(value: float, currency: str) -> str:
    return f"{value:,.2f} {currency}"


def summarize(catalog: Catalog) -> list[str]:
    """Human-readable summary lines: counts, per-category prices, brands, stock."""
    products = list(catalog)
    currency = products[0].currency
    prices = [p.price for p in products]
    per_category = Counter(p.category for p in products)
    width = max(len(c) for c in catalog.categories)
    lines = [
        f"products:   {len(products)}",
        f"price:      {_money(min(prices), currency)} - {_money(max(prices), currency)}",
        f"in stock:   {sum(p.in_stock for p in products)} of {len(products)}",
        f"categories: {len(catalog.categories)}",
    ]
    for category in catalog.categories:
        cat_prices = [p.price for p in products if p.category == category]
        lines.append(
            f"  {category:<{width}}  {per_category[category]:>5}  "
            f"{_money(min(cat_prices), currency)} - {_money(max(cat_prices), currency)}"
        )
    top = Counter(p.brand for p in products).most_common(15)
    brands = ", ".join(f"{brand} ({count})" for brand, count in top)
    more = (
        f", ... (+{len(catalog.brands) - len(top)} more)" if len(catalog.brands) > len(top) else ""
    )
    lines.append(f"brands:     {len(catalog.brands)}: {brands}{more}")
    return lines


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Load ``args.file``, print its summary, write ``args.output``; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        fmt = args.fmt or detect_format(args.file)
        catalog = load_catalog(args.file, fmt)
    except CatalogError as exc:
        print(f"error: {args.file}: {exc}", file=err)
        return EXIT_BAD_INPUT
    print(f"{args.file} ({fmt}) is valid", file=out)
    for line in summarize(catalog):
        print(line, file=out)
    if args.check:
        return 0
    try:
        count = dump_jsonl(catalog, args.output)
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=err)
        return EXIT_WRITE_FAILED
    output = Path(args.output).resolve()
    print(f"wrote {count} products to {output}", file=out)
    print(f"serve it with: GENREC_CATALOG__PATH={output}", file=out)
    return 0
