"""Fixtures that train (or reuse) the Rasa model and run the real stack on test ports."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from console.rasa_jwt import bearer_header
from genrec_core.page_token import mint
from scripts.rasa_model import ensure_model
from scripts.stack import StackConfig, running_stack

RASA_PY = Path(__file__).resolve().parents[2] / ".venv-rasa" / "bin" / "python"
# E2E_PORT_OFFSET lets several checkouts run their end-to-end tests side by side.
_OFFSET = int(os.environ.get("E2E_PORT_OFFSET", "0"))
TEST_PORTS = {
    "recommender_port": 18000 + _OFFSET,
    "actions_port": 15055 + _OFFSET,
    "rasa_port": 15005 + _OFFSET,
    "console_port": 18001 + _OFFSET,
}


def _post_json(url: str, payload: Any, timeout: float = 60, token: str = "") -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=json.dumps(payload).encode(), headers=headers)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read() or b"null")


def rasa_api(stack: StackConfig, path: str, payload: Any = None) -> Any:
    """A call to Rasa's HTTP API with a JWT in the header, as the console makes it."""
    headers = {"Content-Type": "application/json", **bearer_header(stack.rasa_jwt_secret)}
    data = None if payload is None else json.dumps(payload).encode()
    req = urllib.request.Request(f"{stack.rasa_url}{path}", data=data, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read() or b"null")


def recommender_json(stack: StackConfig, path: str, payload: Any = None) -> Any:
    """A call to the stack's recommender as a trusted service (its service token)."""
    url = f"{stack.recommender_url}{path}"
    if payload is not None:
        return _post_json(url, payload, token=stack.service_token)
    headers = {"Authorization": f"Bearer {stack.service_token}"}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as resp:
        return json.loads(resp.read())


@dataclass
class Conversation:
    """One user talking to the bot through Rasa's REST webhook."""

    stack: StackConfig
    sender: str

    def say(self, text: str) -> list[dict[str, Any]]:
        """Send one message and return the bot's messages for this turn."""
        url = f"{self.stack.rasa_url}/webhooks/rest/webhook"
        return _post_json(url, {"sender": self.sender, "message": text})

    def tracker(self) -> dict[str, Any]:
        """The conversation's tracker from Rasa's HTTP API."""
        result: dict[str, Any] = rasa_api(self.stack, f"/conversations/{self.sender}/tracker")
        return result

    def slots(self) -> dict[str, Any]:
        return self.tracker()["slots"]


def page_token(stack: StackConfig, session_id: str) -> str:
    """A signed page token for ``session_id``, as the recommender mints for the shop page."""
    return mint(stack.session_secret.encode(), session_id, ttl_s=3600).token


class SocketUser:
    """A socket.io web-chat user in a child process (``socketio_user.py``, Rasa venv).

    By default it proves ``sender`` with a signed page token, as the shop page does; with
    ``token=""`` it brings none (rasa-webchat's default) and Rasa gives it a fresh session.
    Its first line is ``{"ready": true, "session_id": <the session Rasa confirmed>}``.
    """

    def __init__(self, stack: StackConfig, sender: str, token: str | None = None) -> None:
        self.sender = sender
        self.proc = subprocess.Popen(
            [
                str(RASA_PY),
                str(Path(__file__).with_name("socketio_user.py")),
                stack.rasa_url,
                sender,
                page_token(stack, sender) if token is None else token,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def say(self, text: str) -> None:
        """Send one user message."""
        self.send({"message": text})

    def send(self, data: Any) -> None:
        """Emit ``user_uttered`` with ``data`` as it is (its session id added to an object)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(data) + "\n")
        self.proc.stdin.flush()

    def next_message(self, timeout: float = 60) -> dict[str, Any]:
        """The next ``bot_uttered`` (``"_t"``: seconds since the last send).

        Raises:
            queue.Empty: nothing came within ``timeout`` seconds.
        """
        return json.loads(self.lines.get(timeout=timeout))

    def turn(self, timeout: float = 60, quiet_s: float = 2.0) -> list[dict[str, Any]]:
        """Every ``bot_uttered`` of one turn: the first within ``timeout``, then the others
        until none comes for ``quiet_s`` seconds."""
        messages = [self.next_message(timeout)]
        while True:
            try:
                messages.append(self.next_message(quiet_s))
            except queue.Empty:
                return messages

    def silent_for(self, seconds: float) -> bool:
        try:
            self.lines.get(timeout=seconds)
        except queue.Empty:
            return True
        return False

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def texts(messages: list[dict[str, Any]]) -> str:
    """All text the user sees in a turn, joined."""
    return "\n".join(m.get("text", "") for m in messages if m.get("text"))


def products(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Products carried in the turn's custom payloads."""
    found: list[dict[str, Any]] = []
    for m in messages:
        custom = m.get("custom") or {}
        if custom.get("type") == "product_list":
            found.extend(custom.get("products", []))
    return found


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackConfig]:
    """The real recommender, action server and Rasa server, started once per test session."""
    model: Path = ensure_model(quiet=True)
    state = tmp_path_factory.mktemp("stack")
    cfg = StackConfig(
        **TEST_PORTS,
        state_dir=state,
        extra_env=(("GENREC_STORE__URL", str(state / "recommender.db")),),
    )
    with running_stack(cfg, model, timeout_s=420):
        yield cfg


@pytest.fixture
def chat(stack: StackConfig) -> Conversation:
    """A fresh conversation with a new sender id."""
    return Conversation(stack, f"e2e-{uuid.uuid4().hex[:12]}")
