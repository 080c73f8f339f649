"""Markdown tables from the generation benchmark results (for docs/BENCHMARKS.md).

.venv/bin/python bench/generation_report.py
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def quality(
    names: tuple[str, ...] = ("generation_quality.json", "generation_quality_base.json"),
) -> str:
    rows = []
    for name in names:
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


def speed_runs() -> str:
    """Baseline vs default student over repeated ``--core`` runs, with medians of the ratios."""
    runs = sorted(RESULTS.glob("generation_speed_core_*.json"))
    if not runs:
        return ""
    out = [
        "| run | load avg 1 min (start / end) | baseline p50 / p95 ms | student p50 / p95 ms | "
        "p95 ratio | writer e2e p50 / p95 ms | baseline 8-conc. replies/s | student writer "
        "8-conc. replies/s | throughput ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    ratios: dict[str, list[float]] = {"p95": [], "thr": [], "st95": [], "st50": [], "w95": []}
    for path in runs:
        data = json.loads(path.read_text())
        rows = {r["variant"]: r for r in data["rows"]}
        b = rows["SmolLM2 fp32 model.generate (baseline)"]
        st = rows["student fp32 KV + prefix cache (default)"]
        w = rows["student writer end to end (generate+fill+verify), 1 request"]
        bc = rows["baseline: SmolLM2 fp32 model.generate, 8 concurrent"]
        sc = rows["student writer, 8 concurrent (micro-batched)"]
        meta = data["meta"]
        ratios["p95"].append(b["p95_ms"] / st["p95_ms"])
        ratios["thr"].append(sc["replies_per_s"] / bc["replies_per_s"])
        ratios["st95"].append(st["p95_ms"])
        ratios["st50"].append(st["p50_ms"])
        ratios["w95"].append(w["p95_ms"])
        out.append(
            f"| {path.stem.rsplit('_', 1)[-1]} | {meta['loadavg_start'][0]:.2f} / "
            f"{meta['loadavg_end'][0]:.2f} | {b['p50_ms']} / {b['p95_ms']} | {st['p50_ms']} / "
            f"{st['p95_ms']} | {ratios['p95'][-1]:.1f}x | {w['p50_ms']} / {w['p95_ms']} | "
            f"{bc['replies_per_s']} | {sc['replies_per_s']} | {ratios['thr'][-1]:.1f}x |"
        )
    med = {k: statistics.median(v) for k, v in ratios.items()}
    out += [
        "",
        f"Medians over {len(runs)} runs: student 40-token reply p50 {med['st50']:.0f} ms, "
        f"p95 {med['st95']:.0f} ms ({med['p95']:.1f}x faster than the baseline's p95); "
        f"writer end to end p95 {med['w95']:.0f} ms; 8 concurrent: {med['thr']:.1f}x the "
        "baseline's replies/s.",
    ]
    return "\n".join(out)


def same_turns(n: int) -> str:
    """Every system's saved replies on the same first ``n`` held-out turns, re-audited."""
    import sys

    sys.path.insert(0, str(RESULTS.parent))
    sys.path.insert(0, str(RESULTS.parent.parent))
    from generation_common import (
        Audit,
        all_products,
        distinct_n,
        held_out_contexts,
        ties_to_profile,
    )

    rows = []
    for name in (
        "generation_quality.json",
        "generation_quality_base.json",
        "generation_quality_teacher.json",
    ):
        path = RESULTS / name
        if path.is_file():
            rows += [r for r in json.loads(path.read_text())["rows"] if len(r["replies"]) >= n]
    contexts, _ = held_out_contexts(1000)
    ctxs = contexts[:n]
    audit = Audit(all_products())
    personal = [i for i, c in enumerate(ctxs) if not c.profile.is_empty()]
    out = [
        f"| system (first {n} held-out turns) | unsupported before verification | after | "
        "fallback used | reason tied to profile % (final / draft) | distinct-2 (final / draft) "
        "| mean words (final / draft) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        reps = r["replies"][:n]
        finals = [x["final"] for x in reps]
        drafts = [x["draft"] or x["final"] for x in reps]
        before = sum(bool(audit(d, c)) for d, c in zip(drafts, ctxs, strict=True))
        after = sum(bool(audit(f, c)) for f, c in zip(finals, ctxs, strict=True))
        tied = [
            100 * sum(ties_to_profile(t[i], ctxs[i].profile) for i in personal) / len(personal)
            for t in (finals, drafts)
        ]
        words = [sum(len(t.split()) for t in ts) / n for ts in (finals, drafts)]
        out.append(
            f"| {r['system']} | {before} | {after} | {sum(x['fallback'] for x in reps)} | "
            f"{tied[0]:.1f} / {tied[1]:.1f} | {distinct_n(finals):.3f} / {distinct_n(drafts):.3f} "
            f"| {words[0]:.1f} / {words[1]:.1f} |"
        )
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--same-turns":
        print(same_turns(int(sys.argv[2])))
        raise SystemExit(0)
    print(quality())
    if (RESULTS / "generation_quality_teacher.json").is_file():
        print()
        print(quality(("generation_quality_teacher.json",)))
    print()
    print(speed_runs())
    print()
    if (RESULTS / "generation_speed.json").is_file():
        print(speed())
