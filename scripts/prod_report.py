"""Figures of a ``make prod-test`` run: checks, throughput, latency over time, an SVG plot.

Pure functions over the load generator's records (one dict per request: ``what`` turn or
event, ``t`` start in epoch seconds, ``latency``, ``status``, ``ok``) and the faults
(``name``, ``start``, ``end`` in epoch seconds). No plotting library: the SVG is written by
hand so the report needs nothing beyond the standard library.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Fault:
    """One injected fault: from the kill (or stop) to the replica answering its health check."""

    name: str
    start: float
    end: float


@dataclass
class Checks:
    """The pass criteria of a run."""

    turns_acked: int = 0
    turns_lost: list[str] = field(default_factory=list)
    events_acked: int = 0
    events_lost: list[str] = field(default_factory=list)
    events_duplicated: list[str] = field(default_factory=list)
    events_given_up: int = 0
    unhealthy: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not (
            self.turns_lost
            or self.events_lost
            or self.events_duplicated
            or self.unhealthy
            or self.turns_acked == 0
            or self.events_acked == 0
        )


def answered_turns(rows: Iterable[tuple[str, str, str]]) -> set[str]:
    """Turn ids (``metadata.load_turn``) whose user event is followed by a bot event.

    Args:
        rows: ``(sender_id, type_name, data)`` of Rasa's ``events`` table, ordered by id.
    """
    answered: set[str] = set()
    pending: dict[str, str | None] = {}
    for sender, type_name, data in rows:
        if type_name == "user":
            try:
                meta = json.loads(data).get("metadata") or {}
            except ValueError:
                meta = {}
            turn = meta.get("load_turn") if isinstance(meta, dict) else None
            pending[sender] = turn if isinstance(turn, str) else None
        elif type_name == "bot":
            turn = pending.get(sender)
            if turn:
                answered.add(turn)
    return answered


def check(
    records: Sequence[Mapping[str, Any]],
    answered: set[str],
    stored_event_counts: Mapping[str, int],
    unhealthy: Sequence[str],
) -> Checks:
    """Lost turns and events, duplicated events, unhealthy replicas.

    Args:
        records: the load generator's requests.
        answered: turn ids with their bot reply in the tracker store (:func:`answered_turns`).
        stored_event_counts: rows per ``event_id`` in the event store, for this run's ids.
        unhealthy: processes that failed their health check after the run.
    """
    turns_ok = {r["id"] for r in records if r["what"] == "turn" and r["ok"]}
    sent = {r["id"] for r in records if r["what"] == "event"}
    events_ok = {r["id"] for r in records if r["what"] == "event" and r["ok"]}
    return Checks(
        turns_acked=len(turns_ok),
        turns_lost=sorted(turns_ok - answered),
        events_acked=len(events_ok),
        events_lost=sorted(events_ok - set(stored_event_counts)),
        events_duplicated=sorted(
            e for e, n in stored_event_counts.items() if n > 1 or e not in sent
        ),
        events_given_up=len(sent - events_ok),
        unhealthy=list(unhealthy),
    )


def _pct(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def buckets(
    records: Sequence[Mapping[str, Any]], t0: float, width_s: float = 10.0
) -> list[dict[str, float]]:
    """Turns per window of ``width_s`` seconds: start, turns/s, errors, p50 and p95."""
    turns = [r for r in records if r["what"] == "turn"]
    if not turns:
        return []
    end = max(r["t"] for r in turns)
    out = []
    k = 0
    while t0 + k * width_s <= end:
        lo = t0 + k * width_s
        inside = [r for r in turns if lo <= r["t"] < lo + width_s]
        lat = sorted(r["latency"] for r in inside if r["ok"])
        out.append(
            {
                "t": k * width_s,
                "rate": len(inside) / width_s,
                "errors": float(sum(1 for r in inside if not r["ok"])),
                "p50": _pct(lat, 50),
                "p95": _pct(lat, 95),
            }
        )
        k += 1
    return out


def summary(
    records: Sequence[Mapping[str, Any]], faults: Sequence[Fault], t0: float, t1: float
) -> dict[str, Any]:
    """Throughput, latency and errors overall, outside the faults, and during each fault."""
    turns = [r for r in records if r["what"] == "turn"]

    def stats(rs: Sequence[Mapping[str, Any]], span: float) -> dict[str, float]:
        lat = sorted(r["latency"] for r in rs if r["ok"])
        return {
            "turns": float(len(rs)),
            "turns_per_s": len(rs) / span if span > 0 else 0.0,
            "errors": float(sum(1 for r in rs if not r["ok"])),
            "p50": _pct(lat, 50),
            "p95": _pct(lat, 95),
        }

    def during(f: Fault) -> list[Mapping[str, Any]]:
        return [r for r in turns if f.start <= r["t"] <= f.end]

    calm = [r for r in turns if not any(f.start <= r["t"] <= f.end for f in faults)]
    calm_span = (t1 - t0) - sum(max(0.0, min(f.end, t1) - max(f.start, t0)) for f in faults)
    events = [r for r in records if r["what"] == "event"]
    return {
        "all": stats(turns, t1 - t0),
        "calm": stats(calm, calm_span),
        "faults": {
            f.name: {**stats(during(f), f.end - f.start), "seconds": f.end - f.start}
            for f in faults
        },
        "event_requests": len(events),
        "event_errors": sum(1 for r in events if not r["ok"]),
    }


def latency_svg(
    series: Sequence[Mapping[str, float]], faults: Sequence[Fault], t0: float, title: str
) -> str:
    """Latency over time (p50, p95 per window; errors as bars) with the faults shaded."""
    w, h, left, right, top, bottom = 900, 360, 60, 20, 40, 50
    pw, ph = w - left - right, h - top - bottom
    span = max([s["t"] for s in series] + [max((f.end - t0 for f in faults), default=0.0)] + [1.0])
    span += series[1]["t"] - series[0]["t"] if len(series) > 1 else 10.0
    finite = [v for s in series for v in (s["p50"], s["p95"]) if v == v]
    ymax = max([*finite, 0.5]) * 1.1
    emax = max([s["errors"] for s in series] + [1.0])

    def x(t: float) -> float:
        return left + pw * t / span

    def y(v: float) -> float:
        return top + ph * (1 - v / ymax)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14">{escape(title)}</text>',
    ]
    colours = ["#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6"]
    for i, f in enumerate(faults):
        x0, x1 = x(f.start - t0), x(f.end - t0)
        parts.append(
            f'<rect x="{x0:.1f}" y="{top}" width="{max(x1 - x0, 2):.1f}" height="{ph}" '
            f'fill="{colours[i % len(colours)]}" opacity="0.6"/>'
        )
        parts.append(
            f'<text x="{x0 + 2:.1f}" y="{top + 12 + 13 * (i % 3)}" font-size="11">'
            f"{escape(f.name)}</text>"
        )
    width = pw * (series[1]["t"] - series[0]["t"]) / span if len(series) > 1 else 4.0
    for s in series:  # errors: grey bars on their own scale (top quarter)
        if s["errors"]:
            bh = ph * 0.25 * s["errors"] / emax
            parts.append(
                f'<rect x="{x(s["t"]):.1f}" y="{top + ph - bh:.1f}" width="{width * 0.8:.1f}" '
                f'height="{bh:.1f}" fill="#888" opacity="0.7"/>'
            )
    for key, colour in (("p50", "#1f77b4"), ("p95", "#d62728")):
        pts = [
            f"{x(s['t'] + (series[1]['t'] if len(series) > 1 else 0) / 2):.1f},{y(s[key]):.1f}"
            for s in series
            if s[key] == s[key]
        ]
        if pts:
            parts.append(
                f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
    parts.append(
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="black"/>'
    )
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="black"/>')
    for i in range(6):
        v = ymax * i / 5
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.1f}</text>')
    step = 30 if span > 120 else 10
    t = 0
    while t <= span:
        parts.append(
            f'<text x="{x(t):.1f}" y="{top + ph + 16}" text-anchor="middle">{t:.0f}</text>'
        )
        t += step
    parts.append(
        f'<text x="{left + pw / 2}" y="{h - 12}" text-anchor="middle">seconds since the load '
        "started (10 s windows); shaded: kill or outage until healthy again</text>"
    )
    parts.append(
        f'<text x="14" y="{top + ph / 2}" transform="rotate(-90 14 {top + ph / 2})" '
        'text-anchor="middle">turn latency (s)</text>'
    )
    lx = left + pw - 250
    parts.append(
        f'<line x1="{lx}" y1="{top - 14}" x2="{lx + 20}" y2="{top - 14}" stroke="#1f77b4" stroke-width="2"/>'
    )
    parts.append(f'<text x="{lx + 24}" y="{top - 10}">p50</text>')
    parts.append(
        f'<line x1="{lx + 60}" y1="{top - 14}" x2="{lx + 80}" y2="{top - 14}" stroke="#d62728" stroke-width="2"/>'
    )
    parts.append(f'<text x="{lx + 84}" y="{top - 10}">p95</text>')
    parts.append(f'<rect x="{lx + 120}" y="{top - 20}" width="12" height="10" fill="#888"/>')
    parts.append(f'<text x="{lx + 136}" y="{top - 10}">errors (max {emax:.0f}/window)</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _ms(v: float) -> str:
    return "n/a" if v != v else f"{v * 1000:.0f} ms"


def markdown(
    result: Mapping[str, Any], checks: Checks, faults: Sequence[Fault], meta: Mapping[str, str]
) -> str:
    """The ``docs/BENCHMARKS.md`` section of a run."""
    a, c = result["all"], result["calm"]
    lines = [
        "## Scale-out under faults (`make prod-test`)",
        "",
        f"Command: `{meta['command']}` ({meta['when']}; {meta['machine']}).",
        "",
        meta["shape"],
        "",
        f"**{'PASS' if checks.passed else 'FAIL'}**: turns answered 200 with a reply: "
        f"{checks.turns_acked}, missing their bot reply in the tracker store: "
        f"{len(checks.turns_lost)}; behaviour events accepted: {checks.events_acked}, lost: "
        f"{len(checks.events_lost)}, duplicated: {len(checks.events_duplicated)} (given up "
        f"after retries: {checks.events_given_up}); unhealthy after the run: "
        f"{', '.join(checks.unhealthy) or 'none'}.",
        "",
        "| window | turns | turns/s | errors | p50 | p95 |",
        "|---|---|---|---|---|---|",
        f"| whole run | {a['turns']:.0f} | {a['turns_per_s']:.1f} | {a['errors']:.0f} | "
        f"{_ms(a['p50'])} | {_ms(a['p95'])} |",
        f"| outside faults | {c['turns']:.0f} | {c['turns_per_s']:.1f} | {c['errors']:.0f} | "
        f"{_ms(c['p50'])} | {_ms(c['p95'])} |",
    ]
    for f in faults:
        s = result["faults"][f.name]
        lines.append(
            f"| {f.name} ({s['seconds']:.0f} s) | {s['turns']:.0f} | {s['turns_per_s']:.1f} | "
            f"{s['errors']:.0f} | {_ms(s['p50'])} | {_ms(s['p95'])} |"
        )
    lines += [
        "",
        f"Behaviour-event requests: {result['event_requests']} "
        f"({result['event_errors']} answered with an error and resent with the same id).",
        "",
        f"![turn latency over time, faults shaded]({meta['plot']})",
        "",
        "The set-up, the faults, the pass criteria and what the runs found: `docs/SCALE.md`.",
        "",
    ]
    return "\n".join(lines)


def replace_section(doc: str, section: str) -> str:
    """``doc`` with its "Scale-out under faults" section replaced (or appended)."""
    head = section.splitlines()[0]
    if head not in doc:
        return doc.rstrip("\n") + "\n\n" + section
    before, rest = doc.split(head, 1)
    nxt = rest.find("\n## ")
    after = rest[nxt + 1 :] if nxt >= 0 else ""
    return before + section + ("\n" + after if after else "")
