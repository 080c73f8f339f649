"""Write catalogs as normalized JSON Lines or CSV, atomically (temporary file, then rename)."""

from __future__ import annotations

import csv
import json
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from recommender.data.catalog import Product
from recommender.data.loaders.fields import ATTR_PREFIX, FIELDS


def _write_atomic(
    path: str | os.PathLike[str], write: Callable[[IO[str]], None], newline: str | None = None
) -> None:
    """Write through a temporary file in the target folder, then rename it into place."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with tmp.open("x", encoding="utf-8", newline=newline) as out:
            write(out)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def dump_jsonl(products: Iterable[Product], path: str | os.PathLike[str]) -> int:
    """Write products as normalized JSON Lines (atomically); returns how many were written."""
    count = 0

    def write(out: IO[str]) -> None:
        nonlocal count
        for product in products:
            out.write(json.dumps(product.to_dict(), ensure_ascii=False) + "\n")
            count += 1

    _write_atomic(path, write)
    return count


def dump_csv(products: Iterable[Product], path: str | os.PathLike[str]) -> int:
    """Write products as CSV with one ``attr_<name>`` column per attribute; returns the count."""
    items = list(products)
    attr_names = sorted({name for p in items for name in p.attributes})
    header = [f for f in FIELDS if f != "attributes"] + [ATTR_PREFIX + n for n in attr_names]

    def write(out: IO[str]) -> None:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for p in items:
            writer.writerow(
                [
                    p.id,
                    p.title,
                    p.brand,
                    p.category,
                    f"{p.price:.2f}",
                    p.currency,
                    p.description,
                    p.url,
                    p.image,
                    "|".join(p.tags),
                    "true" if p.in_stock else "false",
                ]
                + [p.attributes.get(n, "") for n in attr_names]
            )

    _write_atomic(path, write, newline="")
    return len(items)
