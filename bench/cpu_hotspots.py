"""CPU of the hot spots ``bench/cpu_breakdown.py`` found, old way vs new way, in one process.

Stack-level CPU per turn moves by 10-20 % between runs on the shared machine; these pieces,
repeated in one process, show each change on its own. Two parts, each in its own venv:

    # Rasa's per-turn work on a stored conversation (a tracker.db the CPU benchmark left,
    # e.g. /tmp/genrec-bench-cpu-*/tracker.db, and one of its senders):
    PYTHONPATH=$PWD .venv-rasa/bin/python bench/cpu_hotspots.py rasa TRACKER_DB SENDER
    # The student generator's reply: transformers' forward vs the fast decode step:
    .venv/bin/python bench/cpu_hotspots.py generation
    # One full garbage collection with the models loaded, before and after gc.freeze():
    cd rasa_project && PYTHONPATH=.. ../.venv-rasa/bin/python ../bench/cpu_hotspots.py \
        heap --rasa-model models/genrec-<hash>.tar.gz
    .venv/bin/python bench/cpu_hotspots.py heap
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def cpu_ms(fn: Callable[[], Any], repeat: int = 20) -> float:
    """Mean process CPU ms of ``fn()`` (one untimed call first)."""
    fn()
    gc.collect()
    start = time.process_time()
    for _ in range(repeat):
        fn()
    return (time.process_time() - start) / repeat * 1000


def rasa(db: str, sender: str) -> list[tuple[str, float, float]]:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from genrec_rasa import action_validation, event_lookup
    from genrec_rasa import redacting_tracker_store as store_module

    domain = Domain.load(str(REPO / "rasa_project" / "domain"))
    store = SQLTrackerStore(domain, dialect="sqlite", db=db)
    loop = asyncio.new_event_loop()
    tracker = loop.run_until_complete(store.retrieve(sender))
    assert tracker is not None, f"no conversation {sender!r} in {db}"
    response = {
        "events": [{"event": "slot", "name": "genrec_asked", "value": "budget"}] * 8,
        "responses": [{"text": "Here are some headphones", "buttons": []}] * 2,
    }
    action = RemoteAction("action_genrec_recommend", None)

    def retrieve() -> Any:
        return loop.run_until_complete(store.retrieve(sender))

    def old_copy() -> Any:  # the redacted copy every save rebuilt before
        events = [store_module.redact_event(e.as_dict()) for e in tracker.events]
        return DialogueStateTracker.from_dict(sender, events, domain.slots)

    old = {
        "save: redacted copy": cpu_ms(old_copy),
        "retrieve: SQL read + replay": cpu_ms(retrieve),
        "one action server response checked": cpu_ms(
            lambda: action_validation._RASA_VALIDATE(action, response)
        ),
    }
    event_lookup.install()
    new = {
        "save: redacted copy": cpu_ms(lambda: store_module.redact_tracker(tracker, domain)),
        "retrieve: SQL read + replay": cpu_ms(retrieve),
        "one action server response checked": cpu_ms(
            lambda: action_validation.validate_action_result(action, response)
        ),
    }
    print(f"conversation {sender}: {len(tracker.events)} events")
    return [(name, old[name], new[name]) for name in old]


def generation(rounds: int = 3) -> list[tuple[str, float, float]]:
    import torch

    from recommender.config import PACKAGE_DIR
    from recommender.models.generation.config import DEFAULT_STUDENT_DIR
    from recommender.models.generation.dataset import load_catalog, synthetic_examples
    from recommender.models.generation.generator import Generator
    from recommender.models.generation.prompt import build_prompt

    torch.set_num_threads(1)  # the service's setting (generation.threads)
    fast = Generator.from_pretrained(DEFAULT_STUDENT_DIR, max_new_tokens=64)
    slow = Generator(fast.model, fast.tokenizer, max_new_tokens=64, fast_decode=False)
    catalog = load_catalog(PACKAGE_DIR / "data" / "demo" / "catalog.jsonl")
    prompts = [
        build_prompt(e.context, fast.tokenizer) for e in synthetic_examples(catalog, 12, seed=3)
    ]
    old, new = [], []
    for _ in range(rounds):  # alternated, so both see the same machine
        old.append(cpu_ms(lambda: [slow.generate([p]) for p in prompts], 1) / len(prompts))
        new.append(cpu_ms(lambda: [fast.generate([p]) for p in prompts], 1) / len(prompts))
    return [("one reply (up to 64 tokens), median of rounds", sorted(old)[1], sorted(new)[1])]


def heap(rasa_model: str | None) -> list[tuple[str, float, float]]:
    """A full collection with the models loaded; then after ``gc.freeze()``."""
    if rasa_model:
        from rasa.core.agent import load_agent

        loaded: Any = asyncio.new_event_loop().run_until_complete(load_agent(model_path=rasa_model))
        what = "Rasa server"
    else:
        from recommender.config import Config
        from recommender.faq.routes import build_retriever
        from recommender.pipeline.service import RecommenderService

        service = RecommenderService.open(Config())
        service.warm_up()
        loaded = (service, build_retriever(service.config.faq, service.encoder))
        what = "recommender"
    objects = len(gc.get_objects())
    before = cpu_ms(lambda: gc.collect(2), 3)
    gc.freeze()
    after = cpu_ms(lambda: gc.collect(2), 3)
    del loaded
    return [(f"one full garbage collection, {what} ({objects} objects)", before, after)]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="part", required=True)
    r = sub.add_parser("rasa")
    r.add_argument("db")
    r.add_argument("sender")
    sub.add_parser("generation")
    h = sub.add_parser("heap")
    h.add_argument("--rasa-model", help="a trained Rasa model (.tar.gz); else the recommender")
    args = parser.parse_args()
    if args.part == "rasa":
        rows = rasa(args.db, args.sender)
    elif args.part == "heap":
        rows = heap(args.rasa_model)
    else:
        rows = generation()
    print("| CPU ms | before | after | after / before |\n|---|---|---|---|")
    for name, before, after in rows:
        print(f"| {name} | {before:.1f} | {after:.1f} | {after / before:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
