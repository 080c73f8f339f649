"""Access over the running stack: the recommender's service token, the page's signed session,
and every process listening on loopback only."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from scripts.stack import StackConfig

pytestmark = pytest.mark.e2e


def call(url: str, body: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def listeners(port: int) -> set[str]:
    """Local addresses (hex, as in /proc/net/tcp*) listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


def test_every_process_listens_on_loopback_only(stack: StackConfig) -> None:
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1
    for port in (stack.recommender_port, stack.actions_port, stack.rasa_port, stack.console_port):
        found = listeners(port)
        assert found and found <= loopback, f"port {port} listens on {found}"


def test_recommender_needs_the_service_token(stack: StackConfig) -> None:
    base = stack.recommender_url
    turn = {"user_id": "e2e-outsider", "message": "headphones"}
    click = {"event_id": f"e2e-{time.time()}", "user_id": "e2e-victim", "type": "purchase",
             "product_id": "x", "ts": time.time()}  # fmt: skip
    for path, body in (("/recommend", turn), ("/events", click), ("/users/someone/profile", None)):
        status, answer = call(base + path, body)
        assert status == 401 and "service token" in answer["error"], path
        assert call(base + path, body, {"Authorization": "Bearer guess"})[0] == 401
    auth = {"Authorization": f"Bearer {stack.service_token}"}
    assert call(base + "/recommend", turn, auth)[0] == 200
    assert call(base + "/products?limit=1")[0] == 200  # the public catalog listing
    assert call(base + "/health")[0] == 200


def test_a_page_writes_only_into_its_own_session(stack: StackConfig) -> None:
    base = stack.recommender_url
    mine, theirs = call(base + "/web/session", {})[1], call(base + "/web/session", {})[1]
    product = call(base + "/products?limit=1")[1]["products"][0]["id"]

    def cart(user: str) -> dict[str, Any]:
        return {"event_id": f"e2e-{time.time_ns()}", "user_id": user, "type": "add_to_cart",
                "product_id": product, "ts": time.time()}  # fmt: skip

    page = {"X-Page-Token": mine["token"]}
    assert call(base + "/web/events", cart(theirs["session_id"]), page)[0] == 403
    assert (
        call(base + "/web/events", cart(mine["session_id"]), {"X-Page-Token": "v1.a.b.c"})[0] == 401
    )
    status, answer = call(base + "/web/events", cart(mine["session_id"]), page)
    assert (status, answer["accepted"]) == (200, 1)
    auth = {"Authorization": f"Bearer {stack.service_token}"}
    assert call(f"{base}/users/{theirs['session_id']}/profile", None, auth)[1]["events"] == 0
    assert call(f"{base}/users/{mine['session_id']}/profile", None, auth)[1]["events"] == 1
