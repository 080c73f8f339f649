"""Scale-out test on real infrastructure under faults (``make prod-test``).

Starts :mod:`scripts.scale_stack` (2 Rasa servers, 2 action servers, 2 recommenders, the
console, HAProxy; PostgreSQL, Redis, RabbitMQ), runs locust shoppers against it
(``bench/load/locustfile.py``), and mid-run ``kill -9``s one replica of each tier and starts
it again, then takes PostgreSQL away once. Afterwards it checks that every turn answered 200
has its bot reply in the tracker store, that every accepted behaviour event is stored
exactly once, and that every process is healthy; writes the figures and a latency plot.

    .venv/bin/python scripts/prod_test.py --shoppers 50 --duration 180 \\
        --write docs/BENCHMARKS.md --plot docs/img/prod_test_latency.svg

``--pg-fault restart`` restarts the PostgreSQL cluster (``pg_ctlcluster``: every database
on the machine is cut); ``outage`` cuts only the run's database (connections refused and
every open connection ended, for ``--pg-outage-s``), safe while other tests use the server.
Exit status 0 when every check passes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts import prod_report  # noqa: E402
from scripts.prod_report import Fault  # noqa: E402
from scripts.rasa_model import ensure_model  # noqa: E402
from scripts.scale_stack import (  # noqa: E402
    ADMIN_PG_URL,
    ScaleConfig,
    ScaleStack,
    running_scale_stack,
)
from scripts.stack import wait_healthy  # noqa: E402

LOCUST = REPO / ".venv-load" / "bin" / "locust"
LOCUSTFILE = REPO / "bench" / "load" / "locustfile.py"
CATALOG = REPO / "recommender" / "data" / "demo" / "catalog.jsonl"
# When each fault may start, as a share of the load's duration; one after the other, each at
# least FAULT_GAP_S after the previous one is over. The Rasa server is last: it takes longest
# to come back (its model loads in a minute or more on two busy cores).
SCHEDULE = (("actions2", 0.10), ("recommender2", 0.25), ("postgresql", 0.45), ("rasa2", 0.60))
FAULT_GAP_S = 5.0
# Load goes on at least this long after the last fault is over.
TAIL_S = 20.0


def kill_and_restart(stack: ScaleStack, name: str) -> Fault:
    """``kill -9`` the process (its whole group) and start it again; the fault lasts until
    it is healthy."""
    proc = stack.processes[name]
    assert proc.popen is not None
    start = time.time()
    os.killpg(proc.popen.pid, signal.SIGKILL)
    proc.popen.wait(timeout=10)
    stack.restart(name)
    return Fault(f"kill -9 {name}", start, time.time())


def _pg_cluster() -> tuple[str, str]:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    return version, "main"


def restart_postgresql(stack: ScaleStack) -> Fault:
    """Restart the PostgreSQL cluster; the fault lasts until every replica is healthy."""
    version, cluster = _pg_cluster()
    start = time.time()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
        check=True,
        timeout=120,
    )
    _wait_all_healthy(stack)
    return Fault("PostgreSQL restart", start, time.time())


def outage_postgresql(stack: ScaleStack, seconds: float) -> Fault:
    """The run's database refuses connections and loses every open one for ``seconds``."""
    import psycopg

    db = stack.cfg.database
    start = time.time()
    with psycopg.connect(ADMIN_PG_URL, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'ALTER DATABASE "{db}" WITH ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (db,)
        )
        time.sleep(seconds)
        admin.execute(f'ALTER DATABASE "{db}" WITH ALLOW_CONNECTIONS true')
    _wait_all_healthy(stack)
    return Fault(f"PostgreSQL outage {seconds:.0f} s", start, time.time())


def _wait_all_healthy(stack: ScaleStack, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while stack.unhealthy() and time.monotonic() < deadline:
        time.sleep(0.5)


def inject_faults(
    stack: ScaleStack, t0: float, duration: float, pg_fault: str, outage_s: float
) -> list[Fault]:
    """The fault schedule, each at its share of the run (in this thread)."""
    faults: list[Fault] = []
    for name, share in SCHEDULE:
        if name == "postgresql" and pg_fault == "none":
            continue
        not_before = faults[-1].end + FAULT_GAP_S if faults else 0.0
        delay = max(t0 + share * duration, not_before) - time.time()
        if delay > 0:
            time.sleep(delay)
        print(f"[{time.time() - t0:5.0f}s] fault: {name}", flush=True)
        if name == "postgresql":
            fault = (
                restart_postgresql(stack)
                if pg_fault == "restart"
                else outage_postgresql(stack, outage_s)
            )
        else:
            fault = kill_and_restart(stack, name)
        print(
            f"[{time.time() - t0:5.0f}s] healthy again after {fault.end - fault.start:.0f}s",
            flush=True,
        )
        faults.append(fault)
    return faults


def run_locust(
    stack: ScaleStack,
    records: Path,
    shoppers: int,
    until: threading.Event,
    limit_s: int,
    turn_timeout_s: float = 60.0,
) -> int:
    """Shoppers until ``until`` is set (or ``limit_s`` passed); returns locust's exit status."""
    env = dict(
        os.environ,
        LOAD_RASA_URL=stack.cfg.front_url("rasa"),
        LOAD_RECOMMENDER_URL=stack.cfg.front_url("recommender"),
        LOAD_SERVICE_TOKEN=stack.tokens.service_token,
        LOAD_RUN_ID=stack.cfg.run_id,
        LOAD_RECORDS=str(records),
        LOAD_CATALOG=str(CATALOG),
        LOAD_TURN_TIMEOUT_S=str(turn_timeout_s),
    )
    spawn_rate = max(1, shoppers // 10)
    cmd = [
        *(str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "--only-summary"),
        *("-u", str(shoppers), "-r", str(spawn_rate), "-t", f"{limit_s}s"),
        *("--stop-timeout", "90", "--loglevel", "WARNING"),
    ]
    log = (stack.cfg.state_dir / "logs" / "locust.log").open("ab")
    try:
        locust = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        while locust.poll() is None and not until.wait(1.0):
            pass
        if locust.poll() is None:
            locust.send_signal(signal.SIGTERM)  # stops the users, prints the summary
        return locust.wait(timeout=180)
    finally:
        log.close()


def stored_state(stack: ScaleStack) -> tuple[set[str], dict[str, int]]:
    """Answered turn ids (tracker store) and rows per behaviour-event id (event store)."""
    import psycopg

    run = stack.cfg.run_id
    with psycopg.connect(stack.cfg.pg_url, connect_timeout=10) as conn:
        rows = conn.execute(
            "SELECT sender_id, type_name, data FROM events "
            "WHERE sender_id LIKE %s AND type_name IN ('user', 'bot') ORDER BY id",
            (f"{run}-%",),
        ).fetchall()
        counts = conn.execute(
            "SELECT event_id, count(*) FROM genrec_events WHERE event_id LIKE %s GROUP BY event_id",
            (f"{run}-ev-%",),
        ).fetchall()
    return prod_report.answered_turns(rows), {str(e): int(n) for e, n in counts}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shoppers", type=int, default=50)
    parser.add_argument("--duration", type=int, default=180, help="seconds of load")
    parser.add_argument("--pg-fault", choices=("restart", "outage", "none"), default="restart")
    parser.add_argument("--pg-outage-s", type=float, default=8.0)
    parser.add_argument("--write", type=Path, help="replace the section in this Markdown file")
    parser.add_argument("--plot", type=Path, help="write the latency plot (SVG) here")
    parser.add_argument(
        "--turn-timeout-s",
        type=float,
        default=60.0,
        help="how long a shopper waits for a reply before it gives up and sends its next message",
    )
    parser.add_argument("--json", type=Path, help="write the figures and checks as JSON here")
    args = parser.parse_args()
    if not LOCUST.exists():
        print(f"{LOCUST} missing: make load-venv", file=sys.stderr)
        return 2
    model = ensure_model(quiet=True)
    state = Path(tempfile.mkdtemp(prefix="genrec-prod-test-"))
    cfg = ScaleConfig(state_dir=state)
    print(f"prod-test {cfg.run_id}: state and logs in {state}", flush=True)
    records_path = state / "records.jsonl"
    t_up = time.time()
    with running_scale_stack(cfg, model) as stack:
        print(f"stack healthy after {time.time() - t_up:.0f}s; load starts", flush=True)
        faults: list[Fault] = []
        done = threading.Event()
        t0 = time.time()

        def injector() -> None:
            try:
                faults.extend(
                    inject_faults(stack, t0, args.duration, args.pg_fault, args.pg_outage_s)
                )
            finally:
                time.sleep(max(TAIL_S, t0 + args.duration - time.time()))
                done.set()

        thread = threading.Thread(target=injector, daemon=True)
        thread.start()
        rc = run_locust(
            stack, records_path, args.shoppers, done, args.duration + 900, args.turn_timeout_s
        )
        t1 = time.time()
        thread.join()
        print(f"load done (locust exit {rc}) after {t1 - t0:.0f}s", flush=True)
        _wait_all_healthy(stack, 60)
        wait_healthy(list(stack.processes.values()), 60)
        time.sleep(3)  # the action servers' background event sends
        unhealthy = stack.unhealthy()
        answered, counts = stored_state(stack)
    records = [json.loads(line) for line in records_path.read_text().splitlines() if line]
    checks = prod_report.check(records, answered, counts, unhealthy)
    result = prod_report.summary(records, faults, t0, t1)
    series = prod_report.buckets(records, t0)
    print(json.dumps(result["all"]), flush=True)
    for f in faults:
        print(f"{f.name}: {json.dumps(result['faults'][f.name])}", flush=True)
    print(
        f"checks: {'PASS' if checks.passed else 'FAIL'}  turns acked {checks.turns_acked}, "
        f"lost {len(checks.turns_lost)} {checks.turns_lost[:5]}; events acked "
        f"{checks.events_acked}, lost {len(checks.events_lost)}, duplicated "
        f"{len(checks.events_duplicated)}, given up {checks.events_given_up}; "
        f"unhealthy {checks.unhealthy}",
        flush=True,
    )
    if args.plot:
        args.plot.parent.mkdir(parents=True, exist_ok=True)
        title = f"{args.shoppers} shoppers, 2 replicas per tier behind HAProxy ({platform.node() or 'local'})"
        args.plot.write_text(prod_report.latency_svg(series, faults, t0, title), encoding="utf-8")
    if args.json:
        payload: dict[str, Any] = {
            "result": result,
            "checks": asdict(checks),
            "faults": [asdict(f) for f in faults],
            "series": series,
        }
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    if args.write:
        plot = os.path.relpath(args.plot, args.write.parent) if args.plot else ""
        cmd = "make prod-test" if _from_make() else _command_line(sys.argv[1:])
        meta = {
            "command": cmd,
            "when": time.strftime("%Y-%m-%d", time.gmtime()),
            "machine": f"{os.cpu_count()} cores, {platform.machine()}, HAProxy, PostgreSQL, Redis, RabbitMQ on the same machine",
            "shape": (
                f"{args.shoppers} locust shoppers for {t1 - t0:.0f} s (at least {args.duration} s "
                "and 20 s past the last fault; recommendation, FAQ and "
                "chit-chat turns over the REST webhook, 0.8-1.2 s between a shopper's messages, "
                "a `view` event after each recommendation turn); 2 Rasa servers (PostgreSQL "
                "tracker store, Redis lock store, RabbitMQ broker), 2 action servers, 2 "
                "recommenders, the console, all behind HAProxy. Faults: "
                + ", ".join(f"{f.name} at {f.start - t0:.0f} s" for f in faults)
                + " (each shaded until the replica, or every replica, answers its health check)."
            ),
            "plot": plot,
        }
        doc = args.write.read_text(encoding="utf-8") if args.write.exists() else "# Benchmarks\n"
        section = prod_report.markdown(result, checks, faults, meta)
        args.write.write_text(prod_report.replace_section(doc, section), encoding="utf-8")
    return 0 if checks.passed else 1


def _command_line(argv: list[str]) -> str:
    """How this run was started, without ``--json FILE`` (a scratch path of the run's own)."""
    kept = [a for i, a in enumerate(argv) if a != "--json" and (i == 0 or argv[i - 1] != "--json")]
    return " ".join([".venv/bin/python scripts/prod_test.py", *kept])


def _from_make() -> bool:
    return bool(os.environ.get("MAKELEVEL"))


if __name__ == "__main__":
    sys.exit(main())
