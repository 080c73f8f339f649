"""Writes the need-stating request sets for bench/generation_turns.py (run once; seeded).

Each line: ``{"message", "category", "needs": [{"phrase", "attribute"}]}`` where ``attribute``
is the catalog attribute key (or ``tag:<tag>``) that answers the need in the demo catalog.
``dev_turns.jsonl`` and ``heldout_turns.jsonl`` use disjoint phrasings (the held-out phrasings
were written before the reply code changed and are run once, at the end).

``--dev N --out FILE`` writes only ``N`` dev-phrased turns (seed 1: the first 64 are
``dev_turns.jsonl``), for figures that need more turns, such as distinct-2 over 1,000 replies.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

# (category word forms, [(need phrase, attribute)])
NEEDS = {
    "headphones": (
        ["headphones", "earbuds", "headset"],
        [
            ("noise cancelling", "noise_cancelling"),
            ("wireless", "wireless"),
            ("long battery life", "battery_hours"),
            ("over-ear", "type"),
            ("battery that lasts all day", "battery_hours"),
            ("bluetooth", "wireless"),
        ],
    ),
    "laptops": (
        ["laptop", "notebook"],
        [
            ("light", "tag:lightweight"),
            ("big screen", "screen_size"),
            ("lots of storage", "storage"),
            ("good graphics card", "gpu"),
            ("plenty of ram", "ram"),
            ("lightweight", "tag:lightweight"),
            ("16 GB of memory", "ram"),
            ("macOS", "os"),
        ],
    ),
    "smartphones": (
        ["phone", "smartphone"],
        [
            ("great camera", "camera"),
            ("long battery", "battery"),
            ("5G", "network"),
            ("big screen", "screen_size"),
            ("lots of storage", "storage"),
            ("small screen", "screen_size"),
        ],
    ),
    "running-shoes": (
        ["running shoes", "trainers", "runners"],
        [
            ("trail", "surface"),
            ("lots of cushioning", "cushioning"),
            ("stability", "support"),
            ("waterproof", "waterproof"),
            ("for flat feet", "support"),
            ("for muddy trails", "surface"),
        ],
    ),
    "coffee-machines": (
        ["coffee machine", "coffee maker"],
        [
            ("espresso", "type"),
            ("milk frother", "milk_frother"),
            ("built-in grinder", "grinder"),
            ("programmable", "programmable"),
            ("for lattes", "milk_frother"),
            ("big capacity", "capacity"),
        ],
    ),
    "backpacks": (
        ["backpack", "rucksack", "bag"],
        [
            ("laptop sleeve", "laptop_sleeve"),
            ("water resistant", "water_resistant"),
            ("large capacity", "capacity"),
            ("for hiking", "use"),
            ("for my 15 inch laptop", "laptop_sleeve"),
            ("for the rain", "water_resistant"),
        ],
    ),
    "smartwatches": (
        ["smartwatch", "watch", "fitness watch"],
        [
            ("for swimming", "water_resistance"),
            ("long battery", "battery_life"),
            ("GPS", "gps"),
            ("works with my iPhone", "compatibility"),
            ("waterproof", "water_resistance"),
            ("battery that lasts a week", "battery_life"),
            ("for android", "compatibility"),
        ],
    ),
    "cameras": (
        ["camera"],
        [
            ("waterproof", "waterproof"),
            ("4K video", "video"),
            ("for underwater shots", "waterproof"),
            ("good zoom lens", "lens"),
            ("high megapixels", "megapixels"),
            ("for vlogging in 4K", "video"),
        ],
    ),
}
BUDGETS = [
    "",
    "",
    " under $300",
    " under 150",
    " below 500 dollars",
    " cheap",
    " around $200",
    " not too expensive",
    " max 1000",
    " for less than 250",
]
DEV = [
    "{thing} with {need}{budget}",
    "I need a {thing}, {need}{budget}",
    "looking for a {need} {thing}{budget}",
    "can you find me a {thing} {need}{budget}?",
    "{need} {thing} please{budget}",
    "show me a {thing} that is {need}{budget}",
]
HELDOUT = [
    "hi! I want a {thing} - {need} is a must{budget}",
    "what {thing} would you suggest if {need} matters most to me{budget}",
    "my sister needs a {thing}; {need}{budget}",
    "recommend a {thing}, ideally {need}{budget}",
    "{thing}{budget}, and it has to be {need}",
    "any {thing} that's {need}?{budget}",
    "gift idea: a {thing} with {need}{budget}",
    "I'm after a {thing}. {need} please{budget}",
]


def turns(templates: list[str], n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out, seen = [], set()
    cats = sorted(NEEDS)
    while len(out) < n:
        cat = cats[len(out) % len(cats)]
        things, needs = NEEDS[cat]
        phrase, attr = rng.choice(needs)
        text = rng.choice(templates).format(
            thing=rng.choice(things), need=phrase, budget=rng.choice(BUDGETS)
        )
        text = text if rng.random() < 0.7 else text.lower()
        if text in seen:
            continue
        seen.add(text)
        out.append(
            {"message": text, "category": cat, "needs": [{"phrase": phrase, "attribute": attr}]}
        )
    return out


def write(path: Path, rows: list[dict[str, object]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for t in rows:
            f.write(json.dumps(t) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", nargs="?", default=str(Path(__file__).parent))
    ap.add_argument("--dev", type=int, default=0, help="write only N dev-phrased turns to --out")
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    if args.dev:
        write(Path(args.out), turns(DEV, args.dev, 1))
        return
    here = Path(args.folder)
    for name, templates, n, seed in (("dev_turns", DEV, 64, 1), ("heldout_turns", HELDOUT, 128, 2)):
        write(here / f"{name}.jsonl", turns(templates, n, seed))


if __name__ == "__main__":
    main()
