"""CPU milliseconds per turn, per process and per turn kind, on the real stack.

Wall-clock timings on a shared machine are noisy; the CPU seconds each process spends are
not. This starts the stack (recommender, action server, Rasa, console; ``scripts/stack.py``)
on free ports, plays the load test's conversation mix (``bench/load/locustfile.py``:
recommendation, FAQ and chit-chat turns, a ``view`` event after each recommendation turn)
one turn at a time over the REST webhook, and reads each process tree's CPU time
(``/proc/PID/stat``: utime + stime, children included) before and after every request.

It then sends the same texts to Rasa's ``POST /model/parse`` (the NLU pipeline alone), and
reads the recommender's per-stage CPU from its turn log (``stage_cpu_ms``). Results go to a
JSON file; ``--write`` puts the table into ``docs/BENCHMARKS.md`` ("CPU per turn"), with
``--before`` naming an earlier run's JSON for a before/after column.

    .venv/bin/python bench/cpu_breakdown.py --out bench/results/cpu_breakdown.json
    .venv/bin/python bench/cpu_breakdown.py --before bench/results/cpu_before.json \\
        --out bench/results/cpu_after.json --write docs/BENCHMARKS.md

``--profile DIR`` runs Rasa, the action server and the recommender under cProfile (slower;
for finding where the CPU goes, not for the figures).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import socket
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.shoppers import shown_products  # noqa: E402

LOCUSTFILE = REPO / "bench" / "load" / "locustfile.py"
PROCESSES = ("rasa", "actions", "recommender", "console")
KINDS = ("rec", "faq", "chat", "event")
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
MARK_BEGIN = "<!-- cpu-breakdown:begin -->"
MARK_END = "<!-- cpu-breakdown:end -->"
COMMAND = (
    "make bench-cpu  # = .venv/bin/python bench/cpu_breakdown.py "
    "--out bench/results/cpu_breakdown.json --write docs/BENCHMARKS.md"
)


# -- the mix -----------------------------------------------------------------------------------
def load_mix(path: Path = LOCUSTFILE) -> list[list[tuple[str, str]]]:
    """The locustfile's ``CONVERSATIONS`` (read from its source: locust is not in .venv)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "CONVERSATIONS" and node.value:
            return [[(str(k), str(t)) for k, t in conv] for conv in ast.literal_eval(node.value)]
    raise ValueError(f"no CONVERSATIONS in {path}")


def schedule(
    mix: list[list[tuple[str, str]]], shoppers: int, rounds: int
) -> list[tuple[str, str, str]]:
    """(sender, kind, text) in play order: each shopper plays every conversation ``rounds``
    times under one sender id (as a locust shopper does), shoppers taking turns by
    conversation so trackers grow as under load."""
    senders = [f"cpu-{uuid.uuid4().hex[:10]}" for _ in range(shoppers)]
    out: list[tuple[str, str, str]] = []
    for r in range(rounds):
        for c in range(len(mix)):
            for s, sender in enumerate(senders):
                conv = mix[(c + s + r) % len(mix)]
                out += [(sender, kind, text) for kind, text in conv]
    return out


# -- CPU time of process trees -----------------------------------------------------------------
def parse_stat(line: str) -> tuple[int, int]:
    """(session id, utime + stime + cutime + cstime in clock ticks) from a /proc/PID/stat line."""
    rest = line[line.rindex(")") + 2 :].split()
    session = int(rest[3])
    ticks = sum(int(v) for v in rest[11:15])
    return session, ticks


def session_ticks(sessions: Iterable[int], proc: Path = Path("/proc")) -> dict[int, int]:
    """CPU clock ticks of every live process of each session (children that ended included:
    their time is in their parent's cutime/cstime)."""
    wanted = set(sessions)
    out = dict.fromkeys(wanted, 0)
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            session, ticks = parse_stat((entry / "stat").read_text())
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile
        if session in wanted:
            out[session] += ticks
    return out


@dataclass
class CpuMeter:
    """CPU ms per process tree between two readings (``name -> session leader pid``)."""

    leaders: Mapping[str, int]
    proc: Path = Path("/proc")

    def read(self) -> dict[str, float]:
        ticks = session_ticks(self.leaders.values(), self.proc)
        return {name: ticks[pid] * 1000.0 / CLK_TCK for name, pid in self.leaders.items()}


@dataclass
class Tally:
    """CPU ms per (kind, process), and how many requests of each kind."""

    ms: dict[str, dict[str, float]] = field(default_factory=dict)
    n: dict[str, int] = field(default_factory=dict)
    #: one row per request: kind, the sender's turn number, CPU ms per process
    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self, kind: str, before: Mapping[str, float], after: Mapping[str, float], turn: int = 0
    ) -> None:
        row = self.ms.setdefault(kind, {})
        delta = {name: after[name] - before[name] for name in after}
        for name, ms in delta.items():
            row[name] = row.get(name, 0.0) + ms
        self.n[kind] = self.n.get(kind, 0) + 1
        self.rows.append({"kind": kind, "turn": turn, **delta})

    def per_request(self) -> dict[str, dict[str, float]]:
        return {
            kind: {name: ms / self.n[kind] for name, ms in row.items()}
            for kind, row in self.ms.items()
        }


# -- HTTP ----------------------------------------------------------------------------------------
def post(url: str, payload: Any, headers: Mapping[str, str] | None = None) -> Any:
    req = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read() or b"null")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the run -------------------------------------------------------------------------------------
SETTLE_S = 0.05  # after a reply: background work of the turn (events posted) lands in it


def play(cfg: Any, meter: CpuMeter, turns: list[tuple[str, str, str]]) -> Tally:
    """Every turn over the REST webhook, and a ``view`` event after each recommendation
    turn that showed products; CPU per request attributed to its kind."""
    tally = Tally()
    webhook = f"{cfg.rasa_url}/webhooks/rest/webhook"
    auth = {"Authorization": f"Bearer {cfg.service_token}"}
    count: dict[str, int] = {}
    for sender, kind, text in turns:
        count[sender] = turn = count.get(sender, 0) + 1
        before = meter.read()
        replies = post(webhook, {"sender": sender, "message": text})
        time.sleep(SETTLE_S)
        tally.add(kind, before, meter.read(), turn)
        if not replies:
            raise RuntimeError(f"no reply to {text!r} ({sender})")
        shown = [str(p.get("id")) for p in shown_products(replies)] if kind == "rec" else []
        if shown:
            event = {
                "event_id": f"cpu-ev-{uuid.uuid4().hex}",
                "user_id": sender,
                "type": "view",
                "product_id": shown[0],
                "ts": time.time(),
            }
            before = meter.read()
            post(f"{cfg.recommender_url}/events", {"events": [event]}, auth)
            time.sleep(SETTLE_S)
            tally.add("event", before, meter.read(), turn)
    return tally


def parse_only(cfg: Any, meter: CpuMeter, turns: list[tuple[str, str, str]]) -> Tally:
    """The same texts through Rasa's ``POST /model/parse``: the NLU pipeline without the
    dialogue (policies, tracker store, actions)."""
    tally = Tally()
    url = f"{cfg.rasa_url}/model/parse?token={cfg.rasa_token}"
    for _, kind, text in turns:
        before = meter.read()
        post(url, {"text": text})
        time.sleep(SETTLE_S)
        tally.add(kind, before, meter.read())
    return tally


def idle_rate(meter: CpuMeter, seconds: float) -> dict[str, float]:
    """CPU ms per second of each process while no request is sent."""
    before = meter.read()
    time.sleep(seconds)
    after = meter.read()
    return {name: (after[name] - before[name]) / seconds for name in after}


def stage_cpu(log_path: Path, since: int) -> tuple[dict[str, float], int]:
    """Summed ``stage_cpu_ms`` of the recommender's turn-log lines after byte ``since``, and
    how many lines (``/recommend`` calls that got to a search) there were."""
    totals: dict[str, float] = {}
    n = 0
    with log_path.open("rb") as f:
        f.seek(since)
        for raw in f:
            line = raw.decode("utf-8", "replace")
            at = line.find("recommend ")
            brace = line.find("{", at)
            if at == -1 or brace == -1 or "stage_cpu_ms" not in line:
                continue
            try:
                record = json.loads(line[brace:])
            except ValueError:
                continue
            for stage, ms in (record.get("stage_cpu_ms") or {}).items():
                totals[stage] = totals.get(stage, 0.0) + float(ms)
            n += 1
    return totals, n


@contextmanager
def bench_stack(profile_dir: Path | None) -> Iterator[tuple[Any, list[Any]]]:
    from scripts.rasa_model import ensure_model
    from scripts.stack import StackConfig, running_stack

    state = Path(tempfile.mkdtemp(prefix="genrec-bench-cpu-"))
    cfg = StackConfig(
        free_port(),
        free_port(),
        free_port(),
        free_port(),
        state_dir=state,
        rasa_token=uuid.uuid4().hex,
        extra_env=(("GENREC_STORE__URL", str(state / "recommender.db")),),
    )
    model = ensure_model(quiet=True)
    if profile_dir is None:
        with running_stack(cfg, model, timeout_s=600) as processes:
            yield cfg, processes
        return
    from scripts import stack

    build = stack.build_processes

    def profiled(c: Any, m: Path) -> list[Any]:
        procs = build(c, m)
        for p in procs:
            if p.name == "console":
                continue
            wrap = [str(REPO / "bench" / "cpu_profile.py"), str(profile_dir / f"{p.name}.prof")]
            if Path(p.cmd[0]).name == "rasa":  # a console script: run it as a file
                p.cmd = [str(stack.RASA.parent / "python"), *wrap, *p.cmd]
            else:  # python -m recommender ...
                p.cmd = [p.cmd[0], *wrap, *p.cmd[1:]]
        return procs

    profile_dir.mkdir(parents=True, exist_ok=True)
    stack.build_processes = profiled
    try:
        with running_stack(cfg, model, timeout_s=900) as processes:
            yield cfg, processes
    finally:
        stack.build_processes = build


def measure(
    shoppers: int, rounds: int, profile_dir: Path | None, label: str = ""
) -> dict[str, Any]:
    mix = load_mix()
    turns = schedule(mix, shoppers, rounds)
    warm = schedule(mix, 1, 1)
    with bench_stack(profile_dir) as (cfg, processes):
        meter = CpuMeter({p.name: p.popen.pid for p in processes})
        play(cfg, meter, warm)  # first turns load lazy parts; not counted
        parse_only(cfg, meter, warm)
        idle = idle_rate(meter, 10.0)
        log = cfg.log_dir / "recommender.log"
        since = log.stat().st_size
        started = time.monotonic()
        turns_tally = play(cfg, meter, turns)
        wall_s = time.monotonic() - started
        stages, searches = stage_cpu(log, since)
        nlu = parse_only(cfg, meter, turns)
    return {
        "shoppers": shoppers,
        "rounds": rounds,
        "turns": len(turns),
        "wall_s": round(wall_s, 1),
        "per_request_ms": turns_tally.per_request(),
        "requests": turns_tally.n,
        "by_turn": turns_tally.rows,
        "nlu_parse_ms": {k: v.get("rasa", 0.0) for k, v in nlu.per_request().items()},
        "idle_ms_per_s": idle,
        # per recommendation turn of the mix (a turn may search once, twice or not at all)
        "recommender_stage_ms": {
            k: v / max(1, turns_tally.n.get("rec", 0)) for k, v in stages.items()
        },
        "searches": searches,
        "loadavg": os.getloadavg(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "time": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": _commit(),
        "label": label or _commit(),
    }


def _commit() -> str:
    import subprocess

    done = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


# -- summary -------------------------------------------------------------------------------------
def mix_weights(mix: list[list[tuple[str, str]]]) -> dict[str, float]:
    """Share of each turn kind in the mix (conversations equally likely, as in locust)."""
    counts: dict[str, int] = {}
    for conv in mix:
        for kind, _ in conv:
            counts[kind] = counts.get(kind, 0) + 1
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()}


def per_turn(result: Mapping[str, Any], weights: Mapping[str, float]) -> dict[str, float]:
    """CPU ms per process for one turn of the mix (a recommendation turn's event counted
    with it, as a shopper sends one after each)."""
    req = result["per_request_ms"]
    n = result["requests"]
    events_per_rec = n.get("event", 0) / n["rec"] if n.get("rec") else 0.0
    out = dict.fromkeys(PROCESSES, 0.0)
    for kind, share in weights.items():
        for name in PROCESSES:
            ms = req.get(kind, {}).get(name, 0.0)
            if kind == "rec":
                ms += events_per_rec * req.get("event", {}).get(name, 0.0)
            out[name] += share * ms
    return out


def turns_per_core(ms_per_turn: float) -> float:
    """Turns a second one fully busy core can serve at ``ms_per_turn`` CPU ms a turn."""
    return 1000.0 / ms_per_turn if ms_per_turn > 0 else float("inf")


def _row(result: Mapping[str, Any], weights: Mapping[str, float]) -> list[float]:
    req = result["per_request_ms"]
    cells = [sum(req[k].values()) for k in ("rec", "faq", "chat") if k in req]
    mix = per_turn(result, weights)
    return [*cells, sum(mix.values())]


def render(
    after: Mapping[str, Any],
    before: Mapping[str, Any] | None,
    weights: Mapping[str, float],
    command: str = COMMAND,
) -> str:
    """The "CPU per turn" section of docs/BENCHMARKS.md."""

    def table(result: Mapping[str, Any], title: str) -> list[str]:
        req, nlu = result["per_request_ms"], result["nlu_parse_ms"]
        mix = per_turn(result, weights)
        lines = [
            f"{title} ({result.get('label') or result['commit']}, {result['time']}, "
            + (f"medians of {result['runs']} runs, " if result.get("runs", 1) > 1 else "")
            + f"{result['turns']} turns, "
            f"{result['shoppers']} shoppers x {result['rounds']} rounds; load average at the "
            f"end {result['loadavg'][0]:.2f}):",
            "",
            "| CPU ms per request | Rasa | of which NLU (`/model/parse`) | actions | "
            "recommender | console | total |",
            "|---|---|---|---|---|---|---|",
        ]
        for kind in ("rec", "faq", "chat", "event"):
            if kind not in req:
                continue
            r = req[kind]
            nlu_cell = f"{nlu[kind]:.1f}" if kind in nlu else "-"
            lines.append(
                f"| {kind} (n={result['requests'][kind]}) | {r['rasa']:.1f} | {nlu_cell} | "
                f"{r['actions']:.1f} | {r['recommender']:.1f} | {r['console']:.1f} | "
                f"{sum(r.values()):.1f} |"
            )
        total = sum(mix.values())
        lines += [
            f"| **one turn of the mix** | {mix['rasa']:.1f} | | {mix['actions']:.1f} | "
            f"{mix['recommender']:.1f} | {mix['console']:.1f} | **{total:.1f}** |",
            f"| turns/s per core (1000 / ms) | {turns_per_core(mix['rasa']):.1f} | | "
            f"{turns_per_core(mix['actions']):.0f} | {turns_per_core(mix['recommender']):.1f} | | "
            f"**{turns_per_core(total):.1f}** |",
        ]

        stages = result.get("recommender_stage_ms") or {}
        if stages:
            lines += [
                "",
                "Recommender stages per recommendation turn (process CPU ms, from its turn log's "
                f"`stage_cpu_ms`; {result.get('searches', '?')} searches in "
                f"{result['requests']['rec']} turns): "
                + ", ".join(
                    f"{s} {ms:.1f}" for s, ms in sorted(stages.items(), key=lambda x: -x[1])
                )
                + f"; sum {sum(stages.values()):.1f} of its {req['rec']['recommender']:.1f} ms "
                "(the rest: HTTP, JSON, the turn log).",
            ]
        idle = result["idle_ms_per_s"]
        lines += [
            "",
            "Idle CPU (no requests), ms per second: "
            + ", ".join(f"{k} {v:.1f}" for k, v in idle.items())
            + ".",
            "",
        ]
        return lines

    mix_shares = ", ".join(f"{k} {v:.0%}" for k, v in weights.items())
    lines = [
        MARK_BEGIN,
        "## CPU per turn (where the CPU goes)",
        "",
        f"Command: `{command}`  ",
        f"Machine: {after['machine']}. The load test's mix (`bench/load/locustfile.py`: "
        f"{mix_shares} of turns, a `view` event after each recommendation turn), played one "
        "request at a time over the REST webhook; CPU time of each process tree read from "
        "`/proc/PID/stat` (utime + stime, children included, 10 ms ticks summed over every "
        "request) before and after each request. CPU seconds do not depend on what else the "
        "shared machine runs, unlike wall-clock latency. NLU: the same texts sent to Rasa's "
        "`POST /model/parse`; the rest of Rasa's time is the dialogue (policies, tracker "
        "store, action calls, channel).",
        "",
    ]
    if before is not None:
        lines += table(before, "Before")
    lines += table(after, "After" if before is not None else "Run")
    if before is not None:
        b, a = _row(before, weights), _row(after, weights)
        lines += [
            "| CPU ms | rec turn | faq turn | chat turn | one turn of the mix |",
            "|---|---|---|---|---|",
            "| before | " + " | ".join(f"{v:.1f}" for v in b) + " |",
            "| after | " + " | ".join(f"{v:.1f}" for v in a) + " |",
            "| after / before | "
            + " | ".join(f"{y / x:.2f}x" for x, y in zip(b, a, strict=True))
            + " |",
            "",
        ]
    lines.append(MARK_END)
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replace the marked section of a Markdown file, or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start, end = text.find(MARK_BEGIN), text.find(MARK_END)
    if start != -1 and end != -1:
        text = text[:start] + section + text[end + len(MARK_END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def median_result(results: list[Mapping[str, Any]]) -> dict[str, Any]:
    """Several runs as one: the median of every per-request figure, the first run's meta."""
    out = dict(results[0])

    def med(get: Any) -> float:
        return statistics.median(get(r) for r in results)

    out["per_request_ms"] = {
        kind: {n: med(lambda r, k=kind, n=n: r["per_request_ms"][k][n]) for n in row}
        for kind, row in results[0]["per_request_ms"].items()
    }
    out["nlu_parse_ms"] = {
        k: med(lambda r, k=k: r["nlu_parse_ms"][k]) for k in results[0]["nlu_parse_ms"]
    }
    out["recommender_stage_ms"] = {
        s: med(lambda r, s=s: r["recommender_stage_ms"].get(s, 0.0))
        for s in results[0]["recommender_stage_ms"]
    }
    out["runs"] = len(results)
    return out


def load_results(paths: list[Path]) -> dict[str, Any]:
    """One result from one or more JSON files (medians when several)."""
    results = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    return results[0] if len(results) == 1 else median_result(results)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shoppers", type=int, default=3, help="senders played in turn")
    parser.add_argument("--rounds", type=int, default=2, help="times each plays every conversation")
    parser.add_argument("--out", type=Path, help="JSON result file")
    parser.add_argument(
        "--before", type=Path, nargs="+", help="earlier runs' JSON (medians), for before/after"
    )
    parser.add_argument(
        "--after", type=Path, nargs="+", help="render these runs' JSON (medians) instead of running"
    )
    parser.add_argument("--write", type=Path, help="Markdown file to update")
    parser.add_argument("--profile", type=Path, help="write cProfile files here (diagnosis)")
    parser.add_argument("--label", default="", help="what this run measures (default: commit)")
    args = parser.parse_args()
    if args.after:
        result = load_results(args.after)
    else:
        result = measure(args.shoppers, args.rounds, args.profile, args.label)
    if args.out and not args.after:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    before = load_results(args.before) if args.before else None
    section = render(result, before, mix_weights(load_mix()))
    print(section)
    if args.write:
        write_section(args.write, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
