"""Turn latency over Rasa's REST webhook: recommendation turns, plain turns, and Rasa alone.

Starts the real stack (recommender, action server, Rasa) on bench ports plus a second,
bare Rasa server with the same model and no action server, then plays a scripted set of
conversations (100 turns by default) against both. Writes p50/p95 per turn kind and the
ratios to ``docs/BENCHMARKS.md`` (section "Turn latency").

    .venv/bin/python bench/turn_latency.py --write docs/BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.rasa_model import ensure_model  # noqa: E402
from scripts.stack import (  # noqa: E402
    FACEBOOK_VARS,
    PROJECT,
    RASA,
    Process,
    StackConfig,
    running_stack,
    wait_healthy,
)

# (kind, text): "rec" turns run the search actions (action server + recommender), "action"
# turns other custom actions (welcome, help texts), "plain" turns Rasa's responses alone.
SCRIPT: list[tuple[str, str]] = [
    ("action", "hi"),
    ("rec", "I'm looking for wireless headphones under 150 dollars"),
    ("rec", "any brand is fine"),
    ("rec", "show me something else"),
    ("plain", "thanks"),
    ("rec", "I want running shoes"),
    ("rec", "under 100"),
    ("rec", "no preference"),
    ("action", "what is your return policy?"),
    ("plain", "bye"),
]


def post(url: str, payload: dict) -> tuple[float, list]:
    body = json.dumps(payload).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        data = json.loads(resp.read() or b"[]")
    return (time.perf_counter() - start) * 1000, data


def p95(values: list[float]) -> float:
    """95th percentile (inclusive method, so small samples stay inside their range)."""
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def play(
    rasa_url: str, bare_url: str, script: list[tuple[str, str]], turns: int
) -> dict[str, list[float]]:
    """Replay the script in fresh conversations until ``turns`` turns were sent.

    Each plain turn is sent right after to the bare Rasa server too (its own sender), so both
    samples see the same machine load.
    """
    out: dict[str, list[float]] = {}
    sent = 0
    while sent < turns:
        sender = f"bench-{uuid.uuid4().hex[:10]}"
        for kind, text in script:
            if sent >= turns:
                break
            ms, _ = post(f"{rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": text})
            out.setdefault(kind, []).append(ms)
            if kind == "plain":
                ms, _ = post(
                    f"{bare_url}/webhooks/rest/webhook", {"sender": sender, "message": text}
                )
                out.setdefault("rasa_alone_plain", []).append(ms)
            sent += 1
    return out


def summarize(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {
        kind: {"n": len(v), "p50": statistics.median(v), "p95": p95(v)}
        for kind, v in samples.items()
    }


def render(results: dict[str, dict[str, float]], turns: int, command: str) -> str:
    alone = results["rasa_alone_plain"]
    lines = [
        "## Turn latency (REST webhook)",
        "",
        f"Command: `{command}`  ",
        f"Machine: {platform.machine()}, {platform.system()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{turns} scripted turns against the full stack, warm-up excluded.",
        "",
        "| turn kind | n | p50 ms | p95 ms | p50 / Rasa alone | p95 / Rasa alone |",
        "|---|---|---|---|---|---|",
    ]
    for kind in ("rec", "action", "plain", "rasa_alone_plain"):
        r = results[kind]
        lines.append(
            f"| {kind} | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p50'] / alone['p50']:.2f}x | {r['p95'] / alone['p95']:.2f}x |"
        )
    lines += [
        "",
        "`rec`: search turns (action server + recommender: understanding, retrieval, ranking, "
        "reply, question).  ",
        "`action`: other custom actions (the welcome, a store question answered from the help "
        "texts).  ",
        "`plain`: turns Rasa answers with a response in the full stack.  ",
        "`rasa_alone_plain`: the same plain messages to a bare Rasa server with the same model "
        "and no action server, in the same run.",
        "",
    ]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replace (or append) the '## Turn latency' section of a Markdown file."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    head = "## Turn latency"
    start = text.find(head)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(head))
        rest = "\n" + text[end + 1 :] if end != -1 else ""
        text = text[:start] + section.rstrip("\n") + "\n" + rest
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--write", type=Path, help="Markdown file to update")
    args = parser.parse_args()
    model = ensure_model(quiet=True)
    state = Path(tempfile.mkdtemp(prefix="genrec-bench-"))
    cfg = StackConfig(
        28000,
        25055,
        25005,
        28001,
        state_dir=state,
        rasa_token=uuid.uuid4().hex,
        extra_env=(("GENREC_STORE__URL", str(state / "rec.db")),),
    )
    bare_port = 25006
    bare_endpoints = state / "bare-endpoints.yml"
    bare_endpoints.write_text("lock_store:\n  type: in_memory\n", encoding="utf-8")
    bare = Process(
        "rasa-alone",
        [
            str(RASA),
            "run",
            "--interface",
            "127.0.0.1",
            "--port",
            str(bare_port),
            "--model",
            str(model),
            "--endpoints",
            str(bare_endpoints),
            "--credentials",
            "credentials.yml",
        ],
        PROJECT,
        f"http://127.0.0.1:{bare_port}/",
        {
            **os.environ,
            **{v: uuid.uuid4().hex for v in FACEBOOK_VARS},
            # the project's channels (genrec_rasa) and their session secret, as in the stack
            "PYTHONPATH": str(REPO),
            "GENREC_WEB__SESSION_SECRET": cfg.session_secret,
        },
        state / "logs" / "rasa-alone.log",
    )
    with running_stack(cfg, model, timeout_s=420):
        bare.start()
        try:
            wait_healthy([bare], 300)
            bare_url = f"http://127.0.0.1:{bare_port}"
            play(cfg.rasa_url, bare_url, SCRIPT, len(SCRIPT))  # warm-up
            samples = play(cfg.rasa_url, bare_url, SCRIPT, args.turns)
        finally:
            bare.stop()
    results = summarize(samples)
    command = "make bench  # = .venv/bin/python bench/turn_latency.py --write docs/BENCHMARKS.md"
    section = render(results, args.turns, command)
    print(section)
    if args.write:
        write_section(args.write, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
