"""The scaled-out stack's wiring: shared stores, the balancer in between, one set of secrets."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.scale_stack import ScaleConfig, build_scale_processes, haproxy_config
from scripts.stack import PROJECT


def option(cmd: list[str], name: str) -> str:
    for i, arg in enumerate(cmd):
        if arg == name:
            return cmd[i + 1]
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
    raise AssertionError(f"{name} missing from {cmd}")


def test_two_replicas_per_tier_one_console(tmp_path: Path) -> None:
    procs = build_scale_processes(ScaleConfig(state_dir=tmp_path), tmp_path / "m.tar.gz")
    assert set(procs) == {
        "recommender1",
        "recommender2",
        "actions1",
        "actions2",
        "rasa1",
        "rasa2",
        "console",
    }
    ports = [option(p.cmd, "--port") for p in procs.values()]
    assert len(set(ports)) == len(ports)


def test_replicas_share_the_stores_and_reach_each_other_through_the_balancer(
    tmp_path: Path,
) -> None:
    cfg = ScaleConfig(state_dir=tmp_path)
    procs = build_scale_processes(cfg, tmp_path / "m.tar.gz")
    for i in (1, 2):
        rasa = procs[f"rasa{i}"]
        assert option(rasa.cmd, "--endpoints") == str(PROJECT / "endpoints.production.yml")
        assert rasa.env["POSTGRES_DB"] == cfg.database
        assert rasa.env["RABBITMQ_QUEUE"] == cfg.queue
        assert rasa.env["ACTION_SERVER_URL"] == f"{cfg.front_url('actions')}/webhook"
        assert procs[f"recommender{i}"].env["GENREC_STORE__URL"] == cfg.pg_url
        assert procs[f"actions{i}"].env["RECOMMENDER_URL"] == cfg.front_url("recommender")
    assert cfg.pg_url.endswith(f"/{cfg.database}")
    assert procs["console"].env["CONSOLE_TRACKER_STORE_URL"] == cfg.pg_url
    assert procs["console"].env["RASA_URL"] == cfg.front_url("rasa")
    # One set of secrets: a JWT or a page token from one replica is good at the other.
    for key in ("GENREC_WEB__SESSION_SECRET", "GENREC_SERVER__SERVICE_TOKEN"):
        assert procs["recommender1"].env[key] == procs["recommender2"].env[key]
    assert option(procs["rasa1"].cmd, "--jwt-secret") == option(procs["rasa2"].cmd, "--jwt-secret")
    assert procs["actions1"].env["RECOMMENDER_TOKEN"] == procs["actions2"].env["RECOMMENDER_TOKEN"]


def test_each_run_has_its_own_database_and_queue(tmp_path: Path) -> None:
    a, b = ScaleConfig(state_dir=tmp_path), ScaleConfig(state_dir=tmp_path)
    assert a.database != b.database and a.queue != b.queue
    assert a.run_id.isalpha()  # no digit runs for the PII redactor to take for a number


def test_socketio_is_sticky_and_the_rest_round_robin(tmp_path: Path) -> None:
    cfg = ScaleConfig(state_dir=tmp_path)
    text = haproxy_config(cfg, cfg.replica(1))
    sticky = text.split("backend rasa_sticky", 1)[1].split("\nfrontend", 1)[0]
    assert "cookie GENREC_RASA insert" in sticky
    assert sticky.count("cookie r") == 2
    assert "use_backend rasa_sticky if { path_beg /socket.io }" in text
    plain = text.split("backend rasa\n", 1)[1].split("\nbackend", 1)[0]
    assert "cookie" not in plain
    # Rasa: a TCP check (a busy Rasa answers HTTP only between turns); the others: /health.
    assert "httpchk" not in plain and "httpchk" not in sticky
    actions = text.split("backend actions\n", 1)[1].split("\nfrontend", 1)[0]
    assert "option httpchk GET /health" in actions
    assert "retry-on conn-failure empty-response" in actions


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="haproxy not installed")
def test_haproxy_accepts_the_configuration(tmp_path: Path) -> None:
    cfg = ScaleConfig(state_dir=tmp_path)
    path = tmp_path / "haproxy.cfg"
    path.write_text(haproxy_config(cfg, cfg.replica(1)))
    done = subprocess.run(["haproxy", "-c", "-f", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
