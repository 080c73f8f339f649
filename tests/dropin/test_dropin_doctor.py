"""``genrec-rasa doctor``: what is missing, and exit code 1 when anything is."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from actions.dropin import bundle, doctor
from actions.dropin.cli import main


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unmerged_project_is_reported_with_the_fix(starter: Path) -> None:
    findings = doctor.project_findings(starter)
    merged = findings[0]
    assert not merged.ok and "genrec-rasa init" in merged.fix
    assert not next(f for f in findings if f.what.startswith("action endpoint")).ok


def test_a_merged_project_passes_its_file_checks(starter: Path) -> None:
    assert main(["init", str(starter)]) == 0
    assert all(f.ok for f in doctor.project_findings(starter))


def test_an_unreachable_recommender_and_no_token_fail(
    starter: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {"RECOMMENDER_URL": f"http://127.0.0.1:{closed_port()}"}
    findings = doctor.service_findings(1.0, env)
    assert [f.ok for f in findings] == [False, False]
    assert "RECOMMENDER_URL" in findings[0].fix and "RECOMMENDER_TOKEN" in findings[1].fix
    assert main(["init", str(starter)]) == 0
    monkeypatch.setenv("RECOMMENDER_URL", env["RECOMMENDER_URL"])
    monkeypatch.delenv("RECOMMENDER_TOKEN", raising=False)
    assert main(["doctor", str(starter), "--timeout", "1"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] recommender" in out and "check(s) failed" in out


class _Services(BaseHTTPRequestHandler):
    """The three answers doctor reads: action list, recommender health, a token-guarded call."""

    actions: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        if self.path == "/actions":
            body: object = [{"name": name} for name in self.actions]
        elif self.path == "/health":
            body = {"status": "ok", "products": 3}
        elif self.headers.get("Authorization") == "Bearer right":
            body = {"categories": []}
        else:
            self.send_response(401)
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def services() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Services)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_everything_in_place_passes_and_a_missing_action_or_wrong_token_fails(
    starter: Path,
    services: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["init", str(starter)]) == 0
    endpoints = starter / "endpoints.yml"
    endpoints.write_text(endpoints.read_text().replace("http://localhost:5055", services))
    monkeypatch.setenv("RECOMMENDER_URL", services)
    monkeypatch.setenv("RECOMMENDER_TOKEN", "right")
    monkeypatch.setattr(_Services, "actions", sorted(bundle.domain()["actions"]))
    assert main(["doctor", str(starter)]) == 0, capsys.readouterr().out
    assert "all checks passed" in capsys.readouterr().out

    monkeypatch.setattr(_Services, "actions", ["action_genrec_greet"])
    monkeypatch.setenv("RECOMMENDER_TOKEN", "wrong")
    assert main(["doctor", str(starter)]) == 1
    out = capsys.readouterr().out
    assert "import genrec_actions" in out and "HTTP 401" in out
