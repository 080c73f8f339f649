"""``import-events``: load behaviour events from a JSON Lines file into the event store.

Each line is one event in our shape (docs/EVENTS.md), a GA4 payload or a Segment call
(``--format``). Lines are validated against the configured catalog like ``POST /events``;
event ids make a rerun harmless. The demo histories: ``recommender/data/demo/events.jsonl``.
``--skip-unknown`` leaves out events whose product is not in the catalog and counts them
(``make run`` seeds the demo histories this way, so a shop's own catalog starts without them).
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recommender.config import PACKAGE_DIR

logger = logging.getLogger(__name__)
EXIT_BAD_INPUT = 2
DEMO_EVENTS = PACKAGE_DIR / "data" / "demo" / "events.jsonl"


def register(subparsers: Any) -> None:
    """Add the ``import-events`` sub-command."""
    parser = subparsers.add_parser(
        "import-events",
        help="validate behaviour events (JSONL) and add them to the event store (store.url)",
    )
    parser.add_argument(
        "file", type=Path, nargs="?", default=DEMO_EVENTS, help="JSONL file (default: demo)"
    )
    parser.add_argument("--format", choices=["events", "ga4", "segment"], default="events")
    parser.add_argument(
        "--skip-unknown",
        action="store_true",
        help="leave out events whose product_id is not in the catalog (and count them)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from recommender.config import load_config
    from recommender.data.analytics import from_ga4, from_segment
    from recommender.data.events import parse_events
    from recommender.data.loaders import load_catalog
    from recommender.data.stores import open_store
    from recommender.errors import ValidationError

    config = load_config(args.config)
    catalog = load_catalog(config.catalog.path)
    raw: list[Any] = []
    skipped = 0
    try:
        with args.file.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    logger.error("%s line %d: invalid JSON: %s", args.file, lineno, exc.msg)
                    return EXIT_BAD_INPUT
                if args.format == "ga4":
                    raw.extend(from_ga4(obj)[0])
                elif args.format == "segment":
                    raw.extend(from_segment(obj)[0])
                else:
                    raw.append(obj)
        if args.skip_unknown:
            raw, skipped = known_products_only(raw, catalog.__contains__)
        if skipped and not raw:
            print(f"no events to import{_skipped_note(skipped)}")
            return 0
        events = parse_events(
            {"events": raw},
            has_product=catalog.__contains__,
            max_batch=max(1, len(raw)),
            max_future_s=config.events.max_future_s,
        )
    except OSError as exc:
        logger.error("cannot read %s: %s", args.file, exc)
        return EXIT_BAD_INPUT
    except ValidationError as exc:
        logger.error("%s: %s (fields count the file's events from 0)", args.file, exc)
        return EXIT_BAD_INPUT
    with open_store(config.store.url) as store:
        accepted, duplicates = store.add(events)
    print(
        f"{accepted} accepted, {duplicates} duplicates into {config.store.url}"
        f"{_skipped_note(skipped)}"
    )
    return 0


def known_products_only(
    raw: list[Any], has_product: Callable[[str], bool]
) -> tuple[list[Any], int]:
    """The events whose ``product_id`` is absent or in the catalog, and how many were left out.

    Anything else (a malformed event, a product id of the wrong type) is kept, so that the
    validation that follows still reports it.
    """
    kept = [
        obj
        for obj in raw
        if not (
            isinstance(obj, dict)
            and isinstance(obj.get("product_id"), str)
            and not has_product(obj["product_id"])
        )
    ]
    return kept, len(raw) - len(kept)


def _skipped_note(skipped: int) -> str:
    return f"; {skipped} skipped (product not in the catalog)" if skipped else ""
