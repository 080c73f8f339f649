"""The short scale-out test under faults (``make test-scale``; ``make prod-test`` is the full one).

2 Rasa servers, 2 action servers, 2 recommenders and the console behind HAProxy on the local
PostgreSQL, Redis and RabbitMQ; 20 locust shoppers for a minute while one replica of each
tier is killed with ``kill -9`` and started again and the run's database is taken away for
a few seconds. Nothing may be lost or duplicated, and every replica must be healthy after.

The shoppers wait up to 120 s for a reply (``make prod-test``: 60 s). A shopper whose turn was
on the killed Rasa server waits about a minute for that conversation's lock; one that gave up
at 60 s and sent its next message could run two turns of one conversation at once, through a
known race in Rasa's ticket lock that is not fixed yet (docs/SCALE.md). ``make prod-test``
keeps showing it; this test guards everything else without failing on it by chance.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PORTS = {5432: "PostgreSQL", 6379: "Redis", 5672: "RabbitMQ"}


def missing() -> list[str]:
    out = [] if shutil.which("haproxy") else ["haproxy (apt-get install -y haproxy)"]
    if not (REPO / ".venv-load" / "bin" / "locust").exists():
        out.append("locust (make load-venv)")
    for port, name in PORTS.items():
        with socket.socket() as s:
            s.settimeout(2)
            if s.connect_ex(("127.0.0.1", port)) != 0:
                out.append(f"{name} on :{port} (scripts/ensure_services.sh)")
    return out


@pytest.mark.slow
def test_nothing_lost_or_duplicated_when_replicas_and_the_database_fail(tmp_path: Path) -> None:
    if absent := missing():
        pytest.skip("needs " + ", ".join(absent))
    out = tmp_path / "result.json"
    done = subprocess.run(
        [
            *(sys.executable, str(REPO / "scripts" / "prod_test.py")),
            *("--shoppers", "20", "--duration", "60", "--pg-fault", "outage"),
            *("--turn-timeout-s", "120", "--json", str(out)),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert out.exists(), done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text())
    checks = result["checks"]
    assert [f["name"] for f in result["faults"]] == [
        "kill -9 actions2",
        "kill -9 recommender2",
        "PostgreSQL outage 8 s",
        "kill -9 rasa2",
    ]
    assert checks["turns_acked"] > 0 and checks["events_acked"] > 0
    assert checks["turns_lost"] == []
    assert checks["events_lost"] == [] and checks["events_duplicated"] == []
    assert checks["unhealthy"] == []
    assert done.returncode == 0, done.stdout[-3000:]
