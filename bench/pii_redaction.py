"""PII redaction benchmark: recall per kind on texts with PII, false positives on product texts.

``python bench/pii_redaction.py [--split dev|dev2|dev3|dev4|dev5|fresh|heldout|heldout2|heldout3]
[--presidio]``. The sets are
``bench/pii/{dev,dev2,dev3,dev4,dev5,fresh,heldout,heldout2,heldout3}.jsonl`` (how they were
made: ``bench/pii/make_sets.py``, ``make_dev2.py``, ``make_dev3.py``, ``make_dev4.py``,
``make_dev5.py``, ``make_fresh.py``, ``make_heldout2.py`` and ``HELDOUT3.md``). dev, dev2,
dev3, dev4, dev5 and fresh are tuning sets, heldout, heldout2 and heldout3 are never tuned on.
``--split dev`` scores ``dev.jsonl`` and ``dev2.jsonl``, one table each. A personal value
counts as found when one finding of the same kind covers all of it; a product text is a false
positive when anything in it is redacted. ``--presidio`` also scores Presidio's pattern recognizers
(``presidio-analyzer`` must be installed; no NLP model is loaded).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from genrec_core.pii import KINDS, Redactor, Span  # noqa: E402

Finder = Callable[[str], list[Span]]


def load(split: str) -> list[dict]:
    path = REPO / "bench" / "pii" / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def score(rows: list[dict], find: Finder) -> dict:
    """Recall per kind, product-text false-positive rate, and what was missed or flagged."""
    found, total = Counter(), Counter()
    missed, flagged = [], []
    products = fp = 0
    start = time.perf_counter()
    for row in rows:
        spans = find(row["text"])
        if row["kind"] == "product":
            products += 1
            if spans:
                fp += 1
                flagged.append(
                    (row["id"], row["text"], [row["text"][s.start : s.end] for s in spans])
                )
            continue
        for item in row["pii"]:
            kind, value = item["type"], item["value"]
            at = row["text"].index(value)
            total[kind] += 1
            if any(s.kind == kind and s.start <= at and s.end >= at + len(value) for s in spans):
                found[kind] += 1
            else:
                missed.append((row["id"], kind, value))
    elapsed = time.perf_counter() - start
    return {
        "recall": {k: found[k] / total[k] for k in KINDS if total[k]},
        "counts": {k: (found[k], total[k]) for k in KINDS if total[k]},
        "fp_rate": fp / products if products else 0.0,
        "fp": (fp, products),
        "missed": missed,
        "flagged": flagged,
        "ms_per_text": elapsed * 1000 / len(rows),
    }


def presidio_finder() -> Finder:
    """Presidio's predefined pattern recognizers, called directly (no NLP engine)."""
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        PhoneRecognizer,
    )

    kinds = {
        "CREDIT_CARD": "CARD", "EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE",
        "IBAN_CODE": "IBAN",
    }  # fmt: skip
    recognizers = [
        CreditCardRecognizer(),
        EmailRecognizer(),
        IbanRecognizer(),
        PhoneRecognizer(supported_regions=("US", "GB", "DE", "FR", "IN", "AU", "ES", "NL")),
    ]

    def find(text: str) -> list[Span]:
        spans = []
        for rec in recognizers:
            for r in rec.analyze(text, entities=rec.supported_entities, nlp_artifacts=None):
                if r.score >= 0.4 and r.entity_type in kinds:
                    spans.append(Span(r.start, r.end, kinds[r.entity_type]))
        return spans

    return find


def table(name: str, result: dict) -> str:
    cells = []
    for kind in KINDS:
        if kind in result["counts"]:
            ok, n = result["counts"][kind]
            cells.append(f"{100 * ok / n:.1f}% ({ok}/{n})")
        else:
            cells.append("n/a")
    fp, n = result["fp"]
    return (
        f"| {name} | "
        + " | ".join(cells)
        + f" | {100 * fp / n:.1f}% ({fp}/{n}) | {result['ms_per_text']:.2f} |"
    )


SPLITS = {"dev": ("dev", "dev2")}  # a split that names several files


def report(split: str, systems: dict[str, Finder], show: bool) -> None:
    """Print one split's table (and with ``show`` its misses and flagged texts)."""
    rows = load(split)
    n_pii = sum(r["kind"] == "pii" for r in rows)
    print(f"{split}: {len(rows)} texts, {n_pii} with PII, {len(rows) - n_pii} product texts")
    print(
        "| recognizers | "
        + " | ".join(f"{k.lower()} recall" for k in KINDS)
        + " | product texts flagged | ms/text |"
    )
    print("|---" * (len(KINDS) + 3) + "|")
    results = {name: score(rows, find) for name, find in systems.items()}
    for name, result in results.items():
        print(table(name, result))
    if show:
        for name, result in results.items():
            print(f"\n{name}: missed")
            for item in result["missed"]:
                print("  ", item)
            print(f"{name}: product texts flagged")
            for item in result["flagged"]:
                print("  ", item)
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--split",
        default="heldout",
        choices=["dev", "dev2", "dev3", "dev4", "dev5", "fresh", "heldout", "heldout2", "heldout3"],
    )
    parser.add_argument("--presidio", action="store_true", help="also score Presidio's recognizers")
    parser.add_argument("--show", action="store_true", help="print misses and false positives")
    args = parser.parse_args()
    systems = {"genrec_core.pii": Redactor().find}
    if args.presidio:
        systems["presidio pattern recognizers"] = presidio_finder()
    for split in SPLITS.get(args.split, (args.split,)):
        report(split, systems, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
