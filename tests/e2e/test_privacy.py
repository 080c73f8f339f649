"""Privacy through the real stack: a conversation with PII and a handoff leaves the raw
strings in no file or table, and forgetting a user removes them from every store.

No mocks: Rasa (with the redacting tracker store), the action server, the recommender and
the console run as processes; the checks read every file of the stack's state directory.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from scripts.stack import REPO, StackConfig
from tests.e2e.conftest import Conversation, texts

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EMAIL = "jo.e2e-privacy@example.org"
PHONE = "+44 20 7946 0958"
CARD = "4539 1488 0343 6467"
IBAN = "DE89 3704 0044 0532 0130 00"
RAW = [EMAIL, PHONE, CARD, IBAN, "4539148803436467", "7946 0958", "DE89370400440532013000"]


def call(url: str, method: str = "GET", token: str = "", body: Any = None) -> tuple[int, Any]:
    req = urllib.request.Request(
        url,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def stored_bytes(stack: StackConfig) -> dict[str, bytes]:
    """Every file the stack wrote (databases, WAL and journal files, spool, dead letters,
    logs), plus the recommender's cache folder."""
    roots = [stack.state_dir, REPO / "var" / "cache"]
    return {
        str(p): p.read_bytes()
        for root in roots
        if root.exists()
        for p in root.rglob("*")
        if p.is_file()
    }


def leaks(stack: StackConfig, needles: list[str]) -> list[tuple[str, str]]:
    files = stored_bytes(stack)
    return [(n, name) for n in needles for name, data in files.items() if n.encode() in data]


def wait_for_ticket(stack: StackConfig, sender: str) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        _status, data = call(f"{stack.console_url}/api/tickets", token=stack.console_token)
        mine = [t for t in data["tickets"] if t["sender_id"] == sender]
        if mine:
            return mine[0]
        time.sleep(0.5)
    raise AssertionError("no ticket")


def test_pii_and_a_handoff_leave_no_raw_string_anywhere(
    chat: Conversation, stack: StackConfig
) -> None:
    chat.say("I'm looking for headphones")
    chat.say(f"my email is {EMAIL} and my phone is {PHONE}")
    chat.say(f"my card {CARD} was charged twice for my last order")
    assert "customer service team" in texts(chat.say("I want to talk to a human"))
    assert chat.say(f"please refund to {IBAN}") == []  # paused: stored, not answered
    listed = wait_for_ticket(stack, chat.sender)
    ticket = call(
        f"{stack.console_url}/api/tickets/{listed['ticket_id']}", token=stack.console_token
    )[1]
    said = " ".join(m["text"] for m in ticket["transcript"])
    assert "<EMAIL>" in said and "<PHONE>" in said and "<CARD>" in said
    status, view = call(
        f"{stack.console_url}/api/conversations/{chat.sender}", token=stack.console_token
    )
    assert status == 200
    users = [t["text"] for t in view["turns"] if t["text"]]
    assert "my email is <EMAIL> and my phone is <PHONE>" in users
    assert "please refund to <IBAN>" in users
    time.sleep(2)  # background event posts and log flushes
    assert leaks(stack, RAW) == []
    assert any(name.endswith("tracker.db") for name in stored_bytes(stack))  # the store was written


def test_forget_removes_the_user_from_every_store(chat: Conversation, stack: StackConfig) -> None:
    marker = f"zebrakumquat{uuid.uuid4().hex[:8]}"
    chat.say(f"I need headphones for {marker} trips")
    chat.say("I want to talk to a human")
    wait_for_ticket(stack, chat.sender)
    call(
        f"{stack.recommender_url}/events",
        "POST",
        token=stack.service_token,
        body={"event_id": f"e2e-{marker}", "user_id": chat.sender, "type": "feedback",
              "context": {"value": "down", "note": marker}, "ts": time.time()},
    )  # fmt: skip
    assert leaks(stack, [marker])  # stored before the request to forget
    assert call(f"{stack.recommender_url}/users/{chat.sender}", "DELETE")[0] == 401
    service = stack.service_token  # a service, but not an admin
    assert call(f"{stack.recommender_url}/users/{chat.sender}", "DELETE", token=service)[0] == 403
    status, report = call(
        f"{stack.recommender_url}/users/{chat.sender}", "DELETE", token=stack.admin_token
    )
    assert status == 200, report
    assert report["complete"] is True
    assert report["deleted"]["console"]["tickets"] == 1
    assert report["deleted"]["console"]["conversation_events"] > 0
    assert report["deleted"]["recommender"]["events"] >= 1
    assert [n for n, name in leaks(stack, [marker]) if "/logs/" not in name] == []
    status, _ = call(
        f"{stack.console_url}/api/conversations/{chat.sender}", token=stack.console_token
    )
    assert status == 404
    tickets = call(
        f"{stack.console_url}/api/tickets?status=waiting,claimed,closed,expired",
        token=stack.console_token,
    )[1]
    assert [t for t in tickets["tickets"] if t["sender_id"] == chat.sender] == []
    profile = call(f"{stack.recommender_url}/users/{chat.sender}/profile", token=service)[1]
    assert profile["cold_start"] is True


def test_stop_personalising_in_the_chat(chat: Conversation, stack: StackConfig) -> None:
    reply = texts(chat.say("please stop personalising"))
    assert "stopped personalising" in reply, reply
    assert (
        call(
            f"{stack.recommender_url}/users/{chat.sender}/personalisation",
            token=stack.service_token,
        )[1]["personalised"]
        is False
    )
    event = {"event_id": f"e2e-{uuid.uuid4().hex}", "user_id": chat.sender, "type": "click",
             "product_id": _any_product(stack), "ts": time.time()}  # fmt: skip
    status, result = call(
        f"{stack.recommender_url}/events", "POST", token=stack.service_token, body=event
    )
    assert status == 200 and result.get("ignored") == 1
    assert "back on" in texts(chat.say("personalise my recommendations again"))
    assert (
        call(
            f"{stack.recommender_url}/users/{chat.sender}/personalisation",
            token=stack.service_token,
        )[1]["personalised"]
        is True
    )


def _any_product(stack: StackConfig) -> str:
    url = f"{stack.recommender_url}/products/popular?limit=1"
    return call(url, token=stack.service_token)[1]["products"][0]["id"]


def test_the_cli_forgets_too(chat: Conversation, stack: StackConfig, tmp_path: Path) -> None:
    import subprocess
    import sys

    chat.say("show me laptops")
    config = tmp_path / "recommender.yml"
    config.write_text(
        f"store: {{url: '{stack.state_dir / 'recommender.db'}'}}\n"
        f"privacy: {{console_url: '{stack.console_url}', console_token: '{stack.console_token}'}}\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "recommender", "--config", str(config), "forget", chat.sender],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["deleted"]["console"]["conversation_events"] > 0
    assert (
        call(f"{stack.console_url}/api/conversations/{chat.sender}", token=stack.console_token)[0]
        == 404
    )
