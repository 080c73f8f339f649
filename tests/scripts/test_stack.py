"""``make run``'s stack: every process on loopback, the tokens handed to the right processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.stack import REPO, Process, StackConfig, build_processes


def processes(tmp_path: Path) -> dict[str, Process]:
    cfg = StackConfig(state_dir=tmp_path, service_token="svc-1", session_secret="page-1")
    return {p.name: p for p in build_processes(cfg, tmp_path / "model.tar.gz")}


def option(cmd: list[str], name: str) -> str:
    """The value of ``name`` given as ``name value`` or ``name=value``."""
    for i, arg in enumerate(cmd):
        if arg == name:
            return cmd[i + 1]
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
    raise AssertionError(f"{name} missing from {cmd}")


def test_every_process_binds_loopback(tmp_path: Path) -> None:
    procs = processes(tmp_path)
    assert set(procs) == {"recommender", "actions", "rasa", "console"}
    assert option(procs["recommender"].cmd, "--host") == "127.0.0.1"
    assert option(procs["console"].cmd, "--host") == "127.0.0.1"
    assert option(procs["rasa"].cmd, "--interface") == "127.0.0.1"
    # `rasa run actions` has no host option; rasa-sdk reads SANIC_HOST (default 0.0.0.0)
    assert procs["actions"].cmd[1:3] == ["run", "actions"]
    assert procs["actions"].env["SANIC_HOST"] == "127.0.0.1"


def test_the_installed_rasa_sdk_reads_sanic_host() -> None:
    """The action server's bind rests on this line of rasa-sdk; an upgrade must keep it."""
    found = list((REPO / ".venv-rasa" / "lib").glob("python3*/site-packages/rasa_sdk/endpoint.py"))
    assert found, "rasa-sdk is not installed in .venv-rasa (make install)"
    assert 'os.environ.get("SANIC_HOST", "0.0.0.0")' in found[0].read_text(encoding="utf-8")


def test_service_token_and_page_secret_reach_their_processes(tmp_path: Path) -> None:
    procs = processes(tmp_path)
    rec, act = procs["recommender"].env, procs["actions"].env
    assert rec["GENREC_SERVER__SERVICE_TOKEN"] == act["RECOMMENDER_TOKEN"] == "svc-1"
    # Rasa's socket.io channel checks the page tokens the recommender signs.
    assert rec["GENREC_WEB__SESSION_SECRET"] == procs["rasa"].env["GENREC_WEB__SESSION_SECRET"]
    assert rec["GENREC_WEB__SESSION_SECRET"] == "page-1"


def test_tokens_are_random_per_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GENREC_SERVER__SERVICE_TOKEN", raising=False)
    monkeypatch.delenv("GENREC_WEB__SESSION_SECRET", raising=False)
    a, b = StackConfig(), StackConfig()
    assert a.service_token != b.service_token and len(a.service_token) >= 24
    assert a.session_secret != b.session_secret and len(a.session_secret) >= 32


def test_rasa_takes_the_consoles_jwt_and_no_query_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    cfg = StackConfig(state_dir=tmp_path, rasa_jwt_secret="jwt-1")
    procs = {p.name: p for p in build_processes(cfg, tmp_path / "model.tar.gz")}
    rasa = procs["rasa"].cmd
    assert option(rasa, "--jwt-secret") == "jwt-1" and option(rasa, "--jwt-method") == "HS256"
    assert not any(a.startswith("--auth-token") for a in rasa)
    assert procs["console"].env["RASA_JWT_SECRET"] == "jwt-1"
    assert "RASA_TOKEN" not in procs["console"].env


def test_the_rasa_jwt_secret_is_random_per_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASA_JWT_SECRET", raising=False)
    a, b = StackConfig(), StackConfig()
    assert a.rasa_jwt_secret != b.rasa_jwt_secret and len(a.rasa_jwt_secret) >= 32
    assert a.rasa_jwt_secret not in repr(a)


def test_a_secret_starting_with_a_dash_stays_a_value(tmp_path: Path) -> None:
    cfg = StackConfig(state_dir=tmp_path, rasa_jwt_secret="-abc", rasa_token="-tok")
    rasa = {p.name: p for p in build_processes(cfg, tmp_path / "m.tar.gz")}["rasa"].cmd
    assert "--jwt-secret=-abc" in rasa and "--auth-token=-tok" in rasa
