"""Understanding benchmark: budgets, extraction, scope, uses, FAQ and simulated shoppers.

    .venv/bin/python bench/understanding_report.py --split heldout [--write docs/BENCHMARKS.md]

Offline parts call the code directly (the shared budget grammar; the recommender's parser
over the catalog); the conversation parts talk to the real stack over Rasa's REST channel
(recommender, action server, Rasa; started here on bench ports, once per catalog). Data sets:
bench/understanding/{dev,heldout}/ (README there says how they were made). The second catalog
(home_goods) runs with the same code and the same Rasa model, trained on none of its words.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from shoppers import Shopper, shown_products  # noqa: E402

from genrec_core.budget import read_budget  # noqa: E402

CATALOGS = {
    "demo": REPO / "recommender" / "data" / "demo" / "catalog.jsonl",
    "home_goods": REPO / "recommender" / "data" / "samples" / "home_goods.jsonl",
}
#: Catalogs to tune against, run with ``--split dev`` only (the held-out run stays as it is).
DEV_CATALOGS = {
    "outdoor": REPO / "recommender" / "data" / "samples" / "outdoor.jsonl",
    "kitchen": REPO / "recommender" / "data" / "samples" / "kitchen.jsonl",
}


def catalogs(split: str) -> dict[str, Path]:
    """The catalogs a split runs over: the dev split adds the tuning catalogs."""
    return {**CATALOGS, **DEV_CATALOGS} if split == "dev" else dict(CATALOGS)


def catalog_path(name: str) -> Path:
    return {**CATALOGS, **DEV_CATALOGS}[name]


DATA = REPO / "bench" / "understanding"
# GENREC_BENCH_PORT_OFFSET shifts every port, so that two benchmark stacks can run at once.
_OFFSET = int(os.environ.get("GENREC_BENCH_PORT_OFFSET", "0"))
PORTS = {
    "recommender_port": 18700 + _OFFSET,
    "actions_port": 18755 + _OFFSET,
    "rasa_port": 18705 + _OFFSET,
    "console_port": 18701 + _OFFSET,
}
MARK_BEGIN = "<!-- understanding:begin -->"
MARK_END = "<!-- understanding:end -->"
FAQ_PREFIX = {
    "shipping:": "shipping", "returns:": "returns", "payment:": "payment",
    "order status:": "orders", "warranty:": "warranty", "privacy:": "privacy",
    "contact:": "contact", "sizes:": "sizes",
}  # fmt: skip


def rows(split: str, name: str, catalog: str | None = None) -> list[dict[str, Any]]:
    path = DATA / split / f"{name}.jsonl"
    if not path.exists():
        return []
    out = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [r for r in out if catalog is None or r.get("catalog", catalog) == catalog]


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "n/a"


# -- offline ---------------------------------------------------------------------------------------


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 0.01)


def budgets(split: str, catalog: str) -> dict[str, Any]:
    data = rows(split, "budgets", catalog)
    exact = invented = 0
    by_tag: Counter[str] = Counter()
    ok_tag: Counter[str] = Counter()
    misses: list[str] = []
    for r in data:
        got = read_budget(r["text"], expect_budget="bare" in r.get("tags", []))
        want_none = r["budget_min"] is None and r["budget_max"] is None
        ok = _close(got.budget_min, r["budget_min"]) and _close(got.budget_max, r["budget_max"])
        if ok and want_none:
            ok = (got.tier or None) == (r.get("tier") or None)
        if want_none and got.stated:
            invented += 1
        exact += ok
        for tag in r.get("tags", []):
            by_tag[tag] += 1
            ok_tag[tag] += ok
        if not ok:
            misses.append(r["text"])
    return {
        "n": len(data), "exact": exact, "invented": invented,
        "no_budget": sum(1 for r in data if r["budget_min"] is None and r["budget_max"] is None),
        "tags": {t: (ok_tag[t], by_tag[t]) for t in sorted(by_tag)}, "misses": misses,
    }  # fmt: skip


def extraction(split: str, catalog: str) -> dict[str, Any]:
    """What the service understands from each message (its parser and, for a category named
    only by a use, the catalog match), compared with the labels."""
    from recommender.config import load_config
    from recommender.pipeline.schemas import RecommendRequest
    from recommender.pipeline.service import RecommenderService

    data = rows(split, "extraction", catalog)
    if not data:
        return {"n": 0}
    config = load_config(env={"GENREC_CATALOG__PATH": str(catalog_path(catalog))})
    service = RecommenderService.open(config)
    right: Counter[str] = Counter()
    misses: list[str] = []
    for r in data:
        _, merged, _ = service.understand(RecommendRequest(user_id="bench", message=r["text"]))
        c = merged.constraints
        got_attrs = {k: v.lower() for k, v in c.attributes.items()}
        want_attrs = {k: str(v).lower() for k, v in (r.get("attributes") or {}).items()}
        checks = {
            "category": c.category == r.get("category"),
            "brand": (c.brand or "").lower() == (r.get("brand") or "").lower(),
            "attributes": got_attrs == want_attrs,
        }
        right.update(k for k, v in checks.items() if v)
        right["all"] += all(checks.values())
        if not all(checks.values()):
            misses.append(f"{r['text']} -> {c.category} {c.brand} {got_attrs}")
    return {"n": len(data), **{k: right[k] for k in ("category", "brand", "attributes", "all")},
            "misses": misses}  # fmt: skip


# -- conversations ---------------------------------------------------------------------------------


def _post(url: str, payload: Any) -> Any:
    req = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read() or b"null")


@contextmanager
def stack_for(catalog: str) -> Iterator[Any]:
    from scripts.rasa_model import ensure_model
    from scripts.stack import StackConfig, running_stack

    state = Path("/tmp") / f"genrec-bench-understanding-{catalog}-{uuid.uuid4().hex[:6]}"
    cfg = StackConfig(
        **PORTS,
        state_dir=state,
        rasa_token=uuid.uuid4().hex,
        extra_env=(
            ("GENREC_STORE__URL", str(state / "recommender.db")),
            ("GENREC_CATALOG__PATH", str(catalog_path(catalog))),
        ),
    )
    with running_stack(cfg, ensure_model(quiet=True), timeout_s=600):
        yield cfg


def sayer(cfg: Any) -> Callable[[], Callable[[str], list[dict[str, Any]]]]:
    def new_conversation() -> Callable[[str], list[dict[str, Any]]]:
        sender = f"bench-{uuid.uuid4().hex[:12]}"

        def say(text: str) -> list[dict[str, Any]]:
            return (
                _post(f"{cfg.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": text})
                or []
            )

        return say

    return new_conversation


def _texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def _handed_over(messages: list[dict[str, Any]]) -> bool:
    text = _texts(messages).lower()
    return (
        "connect you with a person" in text
        or "colleague will" in text
        or "handing you over" in text
    )


def scope(new: Callable[..., Any], split: str) -> dict[str, Any]:
    data = rows(split, "out_of_scope")
    admitted = handoffs = 0
    misses = []
    for r in data:
        messages = new()(r["text"])
        ok = bool(messages) and not shown_products(messages) and not _handed_over(messages)
        admitted += ok
        handoffs += _handed_over(messages)
        if not ok:
            misses.append(r["text"])
    return {"n": len(data), "admitted": admitted, "handoffs": handoffs, "misses": misses}


def uses(new: Callable[..., Any], split: str, catalog: str) -> dict[str, Any]:
    data = rows(split, "uses", catalog)
    turn1 = turn2 = 0
    misses = []
    for r in data:
        say = new()
        want = set(r["categories"])
        messages = say(r["text"])
        cats = {p.get("category") for p in shown_products(messages)}
        if cats & want:
            turn1 += 1
            turn2 += 1
            continue
        buttons = [b["payload"] for m in messages for b in (m.get("buttons") or [])]
        pick = next((b for b in buttons for c in want if f'"category": "{c}"' in b), None)
        if pick is not None:
            cats = {p.get("category") for p in shown_products(say(pick))}
            if cats & want:
                turn2 += 1
                continue
        misses.append(r["text"])
    return {"n": len(data), "turn1": turn1, "turn2": turn2, "misses": misses}


def faq_topic(messages: list[dict[str, Any]]) -> str | None:
    text = _texts(messages)
    for line in text.splitlines():
        if "(Source:" in line and "/help/" in line:
            return line.split("/help/", 1)[1].split(")")[0].split("#")[0].strip("/")
    low = text.lower().lstrip()
    return next((t for p, t in FAQ_PREFIX.items() if low.startswith(p)), None)


def faq(new: Callable[..., Any], split: str) -> dict[str, Any]:
    data = rows(split, "faq")
    right = 0
    misses = []
    for r in data:
        topic = faq_topic(new()(r["text"]))
        topic = "orders" if topic == "order-status" else topic
        right += topic == r["topic"]
        if topic != r["topic"]:
            misses.append(f"{r['text']} -> {topic}")
    return {"n": len(data), "right": right, "misses": misses}


def requests(new: Callable[..., Any], split: str, catalog: str) -> dict[str, Any]:
    data = rows(split, "product_requests", catalog)
    got = right = 0
    misses = []
    for r in data:
        shown = shown_products(new()(r["text"]))
        got += bool(shown)
        right += any(p.get("category") == r["category"] for p in shown)
        if not shown:
            misses.append(r["text"])
    return {"n": len(data), "products": got, "right_category": right, "misses": misses}


def shoppers(
    new: Callable[..., Any], split: str, catalog: str, n: int, seed: int
) -> dict[str, Any]:
    from recommender.data.loaders import load_catalog

    products = list(load_catalog(catalog_path(catalog)))
    openings = rows(split, "openings", catalog)
    answers = rows(split, "answers")
    rng = random.Random(seed)
    pool = [
        p for p in products if p.in_stock and any(o["category"] == p.category for o in openings)
    ]
    outcomes = []
    for _ in range(n):
        shopper = Shopper(
            rng.choice(pool), products, openings, answers, random.Random(rng.random())
        )
        outcomes.append(shopper.run(new()))
    found = [o.found_at for o in outcomes if o.found_at is not None]
    first = [o.first_products_at or 99 for o in outcomes]
    return {
        "n": n,
        "within3": sum(1 for f in found if f <= 3),
        "within5": sum(1 for f in found if f <= 5),
        "median_first_products": statistics.median(first) if first else None,
        "by_kind": Counter(o.kind for o in outcomes),
        "misses": [f"{o.opening} -> {o.target}: {o.turns}" for o in outcomes if o.found_at is None][
            :20
        ],
    }


# -- report ----------------------------------------------------------------------------------------


def run(split: str, parts: set[str], n_shoppers: int, seed: int) -> dict[str, Any]:
    out: dict[str, Any] = {"split": split}
    for catalog in catalogs(split):
        res: dict[str, Any] = {}
        if "offline" in parts:
            res["budgets"] = budgets(split, catalog)
            res["extraction"] = extraction(split, catalog)
        if "bot" in parts and (catalog == "demo" or rows(split, "openings", catalog)):
            started = time.time()
            with stack_for(catalog) as cfg:
                new = sayer(cfg)
                if catalog == "demo":
                    res["scope"] = scope(new, split)
                    res["faq"] = faq(new, split)
                res["uses"] = uses(new, split, catalog)
                res["requests"] = requests(new, split, catalog)
                res["shoppers"] = shoppers(new, split, catalog, n_shoppers, seed)
            res["bot_seconds"] = round(time.time() - started)
        out[catalog] = res
    return out


def markdown(result: dict[str, Any], command: str) -> str:
    split = result["split"]
    lines = [
        MARK_BEGIN,
        f"### Understanding shoppers ({split} sets)",
        "",
        f"Command: `{command}`. Data: `bench/understanding/{split}/` "
        + (
            "(written by a writer who had not seen the parser, the NLU data or the dev set; "
            "never used to tune). "
            if split == "heldout"
            else "(written to tune against; see bench/understanding/README.md). "
        )
        + "The home_goods catalog runs the same code and Rasa model, trained on none of its "
        "words.",
        "",
        "| measure | demo | home_goods | target |",
        "|---|---|---|---|",
    ]

    def cell(cat: str, fn: Callable[[dict[str, Any]], str]) -> str:
        try:
            return fn(result[cat])
        except (KeyError, TypeError, ZeroDivisionError):
            return "n/a"

    def row(name: str, fn: Callable[[dict[str, Any]], str], target: str) -> None:
        lines.append(f"| {name} | {cell('demo', fn)} | {cell('home_goods', fn)} | {target} |")

    row(
        "budget phrasings: exact bounds",
        lambda r: f"{pct(r['budgets']['exact'], r['budgets']['n'])} of {r['budgets']['n']}",
        ">= 98%",
    )
    row(
        "budget: invented (of texts with no budget)",
        lambda r: (
            f"{pct(r['budgets']['invented'], r['budgets']['no_budget'])} ({r['budgets']['invented']})"
        ),
        "<= 1%",
    )
    for tag in ("negation", "words", "not_budget"):
        row(
            f"budget: {tag}",
            lambda r, t=tag: "{} of {}".format(
                pct(*r["budgets"]["tags"][t]), r["budgets"]["tags"][t][1]
            ),
            "",
        )
    row(
        "extraction: category / brand / attributes",
        lambda r: (
            f"{pct(r['extraction']['category'], r['extraction']['n'])} / {pct(r['extraction']['brand'], r['extraction']['n'])} / {pct(r['extraction']['attributes'], r['extraction']['n'])}"
        ),
        ">= 95%",
    )
    row(
        "extraction: every field right",
        lambda r: f"{pct(r['extraction']['all'], r['extraction']['n'])} of {r['extraction']['n']}",
        "",
    )
    row(
        "shoppers: target within 3 turns",
        lambda r: f"{pct(r['shoppers']['within3'], r['shoppers']['n'])} of {r['shoppers']['n']}",
        ">= 80%",
    )
    row(
        "shoppers: target within 5 turns",
        lambda r: pct(r["shoppers"]["within5"], r["shoppers"]["n"]),
        ">= 95%",
    )
    row(
        "shoppers: median turns to first products",
        lambda r: str(r["shoppers"]["median_first_products"]),
        "1",
    )
    row(
        "uses and recipients: products within 2 turns",
        lambda r: (
            f"{pct(r['uses']['turn2'], r['uses']['n'])} of {r['uses']['n']} (turn 1: {pct(r['uses']['turn1'], r['uses']['n'])})"
        ),
        ">= 90%",
    )
    row(
        "in-scope requests: products",
        lambda r: (
            f"{pct(r['requests']['products'], r['requests']['n'])} of {r['requests']['n']} (right category {pct(r['requests']['right_category'], r['requests']['n'])})"
        ),
        ">= 98%",
    )
    row(
        "out of scope: admitted, no products",
        lambda r: f"{pct(r['scope']['admitted'], r['scope']['n'])} of {r['scope']['n']}",
        ">= 95%",
    )
    row("out of scope: handoffs", lambda r: str(r["scope"]["handoffs"]), "0")
    row(
        "FAQ through the bot: right help text",
        lambda r: f"{pct(r['faq']['right'], r['faq']['n'])} of {r['faq']['n']}",
        ">= 90%",
    )
    lines += ["", MARK_END]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8")
    if MARK_BEGIN in text:
        head, rest = text.split(MARK_BEGIN, 1)
        tail = rest.split(MARK_END, 1)[1]
        text = head + section + tail
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "heldout"), default="dev")
    ap.add_argument("--parts", default="offline,bot", help="offline and/or bot")
    ap.add_argument("--shoppers", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--write", type=Path, help="update this markdown file's section")
    ap.add_argument("--json", type=Path, help="write the full result (misses included) here")
    args = ap.parse_args()
    result = run(args.split, set(args.parts.split(",")), args.shoppers, args.seed)
    shown = [a for a in sys.argv[1:] if a != "--json" and not a.endswith(".json")]
    command = ".venv/bin/python bench/understanding_report.py " + " ".join(shown)
    section = markdown(result, command)
    print(section)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    if args.write:
        write_section(args.write, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
