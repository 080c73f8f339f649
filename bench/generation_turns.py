"""Replies of whole service turns: generated share, need coverage, repetition, grounding, speed.

Runs need-stating requests (``bench/generation/*_turns.jsonl``) and, with ``--scenarios``,
multi-turn cases (refinement, show more, more like this, popular picks, relaxed constraints)
through ``RecommenderService.recommend`` with the default config (demo catalog, student
writer), and reports the issue-10 figures:

* generated share: recommendation turns (products returned) whose ``reply_source`` is
  ``generated``;
* need coverage: of turns whose message states a need an attribute answers, the share of
  replies naming it (the attribute's value for a shown product, its name for yes/no
  attributes, the tag for ``tag:`` needs);
* repetition: replies saying one clause twice (clauses: text between sentence ends, ``;``,
  ``:``, brackets and ", and"/", but", of four words or more; titles, prices, digits
  normalised);
* distinct-2 over the replies; unsupported facts (``generation_common.Audit``);
* unsaid claims: "your $X budget" / "you mentioned $X" where X is no number of the message;
* writer-path latency p50/p95 (the service's call into its reply writer, each turn).

Runs against whatever ``recommender`` is first on ``sys.path`` (``PYTHONPATH=<old tree>``
measures older code with the same script).

    nice .venv/bin/python bench/generation_turns.py --turns bench/generation/dev_turns.jsonl \
        --scenarios --out bench/results/generation_turns_dev.json
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generation_common import Audit, distinct_n

from recommender.config import Config
from recommender.models.generation.types import ChosenProduct, ProfileFacts
from recommender.models.generation.types import ReplyContext as GenContext
from recommender.pipeline.schemas import RecommendRequest, Slots
from recommender.pipeline.service import RecommenderService

WRITER_MS: list[float] = []
SIMILAR_TO = "similar_to" in RecommendRequest.__dataclass_fields__
LAST_CONTEXT: list[Any] = [None]


def deterministic_text(pctx: Any) -> str:
    """The deterministic reply the code under test serves for this pipeline context."""
    try:
        from recommender.pipeline.reply import template_reply  # one reply path

        return str(template_reply(pctx))
    except ImportError:  # older code: the template writer is called directly
        from recommender.pipeline.reply import TemplateReplyWriter

        return str(TemplateReplyWriter()(pctx))  # type: ignore[operator]


class TimedWriter:
    """Delegates to the service's writer, times every call into it, keeps its context."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def _timed(self, fn: Any) -> Any:
        def call(*a: Any, **k: Any) -> Any:
            LAST_CONTEXT[0] = a[0] if a else None
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                WRITER_MS.append(1000 * (time.perf_counter() - t0))

        return call

    def __call__(self, *a: Any, **k: Any) -> Any:
        return self._timed(self._inner)(*a, **k)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        return self._timed(attr) if name in ("write", "__call__") and callable(attr) else attr


YES_NO = {"yes", "no"}
_MONEY = re.compile(r"[$€£]\s?([\d,]+(?:\.\d+)?)")


def names_need(reply: str, attribute: str, products: list[Any]) -> bool:
    """The reply names the attribute that answers the need, for at least one shown product."""
    low = reply.lower()
    if attribute.startswith("tag:"):
        return attribute[4:].lower() in low
    label = attribute.replace("_", " ").lower()
    for p in products:
        value = str(p.attributes.get(attribute, "")).lower()
        if not value:
            continue
        if value in YES_NO:
            if label in low or label.replace(" ", "-") in low:
                return True
        elif re.search(rf"(?<!\w){re.escape(value)}(?!\w)", low):
            return True
    return False


def clauses(reply: str, titles: list[str]) -> list[str]:
    text = reply.lower()
    for t in sorted(titles, key=len, reverse=True):
        text = text.replace(t.lower(), " P ")
    text = re.sub(r"[$€£]\s?[\d,]+(?:\.\d+)?", "$", text)
    text = re.sub(r"\d+", "#", text)
    parts = re.split(r"[.;:!?\n]|,\s+(?=and\b|but\b)|\(|\)", text)
    return [re.sub(r"\s+", " ", p).strip() for p in parts if len(p.split()) >= 4]


def repeats(reply: str, titles: list[str]) -> bool:
    cs = clauses(reply, titles)
    return len(cs) != len(set(cs))


def unsaid_claim(reply: str, message: str) -> bool:
    said = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", message)}
    for m in _MONEY.finditer(reply):
        before = reply[max(0, m.start() - 40) : m.start()].lower()
        after = reply[m.end() : m.end() + 12].lower()
        claims = (
            "you mentioned" in before
            or "you said" in before
            or (before.rstrip().endswith("your") and re.match(r"\s*(budget|limit|max)", after))
        )
        if claims and float(m.group(1).replace(",", "")) not in said:
            return True
    return False


def scenario_turns(svc: RecommenderService) -> list[dict[str, Any]]:
    """Multi-turn cases as (request, follow-up builder) pairs run in order."""
    return [
        {"kind": "cold_start", "message": "what do you recommend for a runner?"},
        {"kind": "cold_start", "message": "gift for my mum who loves running"},
        {"kind": "cold_start", "message": "coffee machine for espresso"},
        {"kind": "cold_start", "message": "waterproof smartwatch for swimming"},
        {"kind": "cold_start", "message": "a camera for travel vlogging"},
        {"kind": "relaxed", "message": "Sony laptop under $100"},
        {"kind": "relaxed", "message": "noise cancelling headphones under 10 dollars"},
        {"kind": "relaxed", "message": "espresso machine with a grinder under $50"},
        {"kind": "popular", "message": "", "slots": {"category": "headphones"}},
        {"kind": "popular", "message": "", "slots": {"category": "backpacks"}},
        {"kind": "refine", "message": "headphones under $200", "then": "cheaper please"},
        {"kind": "refine", "message": "a laptop for work", "then": "with 16 GB of RAM"},
        {"kind": "refine", "message": "running shoes for trail", "then": "in black"},
        {"kind": "show_more", "message": "a backpack for hiking", "then": "show me more"},
        {"kind": "more_like", "message": "a smartwatch with GPS", "then": "<similar>"},
        {"kind": "more_like", "message": "an espresso machine", "then": "<similar>"},
    ]


def run_turn(svc: RecommenderService, user: str, message: str, **kw: Any) -> dict[str, Any]:
    LAST_CONTEXT[0] = None
    req = RecommendRequest(user_id=user, message=message, **kw)
    return svc.recommend(req)


def slots_of(resp: dict[str, Any]) -> Slots:
    p = resp.get("preferences") or {}
    return Slots(
        category=p.get("category"),
        brand=p.get("brand"),
        budget_min=p.get("budget_min"),
        budget_max=p.get("budget_max"),
        attributes=dict(p.get("attributes") or {}),
        price_tier=p.get("price_tier"),
    )


def record(
    svc: RecommenderService,
    kind: str,
    message: str,
    resp: dict[str, Any],
    needs: list[dict[str, str]],
    audit: Audit,
    anchor: str = "",
) -> dict[str, Any] | None:
    """One turn's row; ``anchor`` is the title a "more like this" turn started from (the
    shopper is looking at it: a fact of the turn for the audit)."""
    cards = resp.get("products") or []
    if not cards:
        return None
    products = [svc.catalog.get(c["id"]) for c in cards]
    prefs = resp.get("preferences") or {}
    budget = prefs.get("budget_max")
    relax = resp.get("relaxation") or {}
    ctx = GenContext(
        user_message=message + " " + str(relax.get("message", "")),
        profile=ProfileFacts(
            budget=budget,
            category=prefs.get("category"),
            brands=(prefs["brand"],) if prefs.get("brand") else (),
            viewed=(anchor,) if anchor else (),
        ),
        products=tuple(ChosenProduct(p) for p in products),
    )
    reply = resp["reply"]
    titles = [p.title for p in products]
    problems = [x for x in audit(reply, ctx) if not _relaxation_fact(x, relax)]
    return {
        "kind": kind,
        "message": message,
        "reply": reply,
        "source": resp.get("reply_source"),
        "relaxed": bool(relax),
        "needs": [n["attribute"] for n in needs],
        "named": [names_need(reply, n["attribute"], products) for n in needs],
        "repeats": repeats(reply, titles),
        "unsaid": unsaid_claim(reply, message),
        "unsupported": problems,
        "deterministic": deterministic_text(LAST_CONTEXT[0]) if LAST_CONTEXT[0] else "",
    }


def _relaxation_fact(problem: str, relax: dict[str, Any]) -> bool:
    """Numbers quoted from the service's own relaxation notice are facts of the turn."""
    msg = str(relax.get("message", ""))
    token = problem.rsplit(" ", 1)[-1].strip()  # "model number 4k" -> "4k"
    return bool(msg) and token.lstrip("$€£") in msg


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--turns", default="bench/generation/dev_turns.jsonl")
    ap.add_argument("--scenarios", action="store_true", help="add the multi-turn cases")
    ap.add_argument("--limit", type=int, default=0, help="first N need turns only")
    ap.add_argument("--out", default="")
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    svc = RecommenderService.open(Config())
    svc.warm_up()
    svc.writer = TimedWriter(svc.writer)
    audit = Audit(list(svc.catalog))
    rows: list[dict[str, Any]] = []
    lines = Path(args.turns).read_text(encoding="utf-8").splitlines()
    turns = [json.loads(x) for x in lines if x.strip()]
    if args.limit:
        turns = turns[: args.limit]
    for t in turns:
        resp = run_turn(svc, uuid.uuid4().hex, t["message"])
        row = record(svc, "need", t["message"], resp, t["needs"], audit)
        if row:
            rows.append(row)
    if args.scenarios:
        for sc in scenario_turns(svc):
            user = uuid.uuid4().hex
            kw: dict[str, Any] = {}
            if "slots" in sc:
                kw["slots"] = Slots(**sc["slots"])
            resp = run_turn(svc, user, sc["message"], **kw)
            if "then" not in sc:
                row = record(svc, sc["kind"], sc["message"], resp, [], audit)
                rows += [row] if row else []
                continue
            shown = tuple(c["id"] for c in resp.get("products") or [])
            anchor = ""
            if sc["then"] == "<similar>" and shown:
                first = svc.catalog.get(shown[0])
                anchor = first.title
                like = {"similar_to": first.id} if SIMILAR_TO else {}  # older code: no field
                resp2 = run_turn(
                    svc,
                    user,
                    "",
                    slots=Slots(category=first.category),
                    context=first.title,
                    exclude_ids=shown,
                    **like,
                )
            else:
                resp2 = run_turn(
                    svc,
                    user,
                    sc["then"],
                    slots=slots_of(resp),
                    context=sc["message"],
                    seen_ids=shown,
                    exclude_ids=shown if sc["kind"] == "show_more" else (),
                )
            row = record(svc, sc["kind"], sc["then"], resp2, [], audit, anchor)
            rows += [row] if row else []
    print(json.dumps(summary(rows, args.label), indent=1))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(
            json.dumps({"summary": summary(rows, args.label), "rows": rows}, indent=1),
            encoding="utf-8",
        )


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, round(q * (len(xs) - 1)))], 1) if xs else 0.0


def summary(rows: list[dict[str, Any]], label: str = "") -> dict[str, Any]:
    n = len(rows)
    need_rows = [r for r in rows if r["needs"]]
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r["source"] == "generated")
    replies = [r["reply"] for r in rows]
    d2_det = distinct_n([r["deterministic"] for r in rows if r["deterministic"]], 2)
    return {
        "label": label,
        "turns": n,
        "generated_share": round(sum(r["source"] == "generated" for r in rows) / max(1, n), 3),
        "generated_by_kind": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())},
        "need_coverage": round(sum(all(r["named"]) for r in need_rows) / max(1, len(need_rows)), 3),
        "need_turns": len(need_rows),
        "repetition": round(sum(r["repeats"] for r in rows) / max(1, n), 3),
        "unsaid_claims": sum(r["unsaid"] for r in rows),
        "distinct_2": round(distinct_n(replies, 2), 3),
        "distinct_2_deterministic": round(d2_det, 3),
        "distinct_2_ratio": round(distinct_n(replies, 2) / max(d2_det, 1e-9), 2),
        "distinct_replies": round(len(set(replies)) / max(1, n), 3),
        "unsupported_facts": sum(len(r["unsupported"]) for r in rows),
        "writer_ms_p50": pct(WRITER_MS, 0.5),
        "writer_ms_p95": pct(WRITER_MS, 0.95),
        "writer_calls": len(WRITER_MS),
    }


if __name__ == "__main__":
    main()
