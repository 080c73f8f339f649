"""Markdown tables from the generation benchmark results (for docs/BENCHMARKS.md).

.venv/bin/python bench/generation_report.py
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def quality() -> str:
    rows = []
    for name in ("generation_quality.json", "generation_quality_base.json"):
        path = RESULTS / name
        if path.is_file():
            rows += json.loads(path.read_text())["rows"]
    out = [
        "| system | turns | unsupported before verification | unsupported after | first draft "
        "rejected | fallback used | reason tied to profile % (final / draft) | distinct-2 "
        "(final / draft) | mean words (final / draft) | s per reply |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['system']} | {r['n']} | {r['unsupported_before_verification']} | "
            f"{r['unsupported_after_verification']} | {r['first_draft_rejected']} | "
            f"{r['fallback_used']} | {r['reason_tied_to_profile_pct']} / "
            f"{r['draft_reason_tied_pct']} | {r['distinct_2']} / {r['draft_distinct_2']} | "
            f"{r['mean_words']} / {r['draft_mean_words']} | {r['seconds_per_reply']} |"
        )
    return "\n".join(out)


def speed() -> str:
    data = json.loads((RESULTS / "generation_speed.json").read_text())
    single = [r for r in data["rows"] if "p95_ms" in r]
    conc = [r for r in data["rows"] if "replies_per_s" in r]
    base = single[0]["ms_per_token"]
    out = [
        "| variant | tokens | p50 ms | p95 ms | ms/token | speed-up per token | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in single:
        out.append(
            f"| {r['variant']} | {r['tokens']} | {r['p50_ms']} | {r['p95_ms']} | "
            f"{r['ms_per_token']} | {base / r['ms_per_token']:.1f}x | {r['note']} |"
        )
    out += [
        "",
        "| concurrent clients | replies | seconds | replies/s | vs baseline |",
        "|---|---|---|---|---|",
    ]
    b = conc[0]["replies_per_s"] if conc else 1.0
    for r in conc:
        out.append(
            f"| {r['variant']} | {r['replies']} | {r['seconds']} | {r['replies_per_s']} | "
            f"{r['replies_per_s'] / b:.1f}x |"
        )
    for r in data["rows"]:
        if "slots_mean" in r:
            out += [
                "",
                f"Reply length in SmolLM2 tokens over 200 held-out reference replies: "
                f"{r['slots_mean']} with slots vs {r['filled_mean']} filled in.",
            ]
    out += ["", f"Run meta: {json.dumps(data['meta'])}"]
    return "\n".join(out)


if __name__ == "__main__":
    print(quality())
    print()
    if (RESULTS / "generation_speed.json").is_file():
        print(speed())
