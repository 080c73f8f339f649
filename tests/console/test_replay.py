"""Replaying the webhook dead letter against a real local helpdesk server."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from console_support import Helpdesk, ticket_json

from console.config import ConsoleConfig, ServerConfig, WebhookConfig
from console.deadletter import append_records
from console.replay import replay_dead_letters
from console.tickets import parse_ticket
from console.webhook import SIGNATURE_HEADER, WebhookSender, verify

SECRET = "replay-secret"
REPO = Path(__file__).resolve().parents[2]


def _config(tmp_path: Path, helpdesk: Helpdesk, **webhook: Any) -> ConsoleConfig:
    hook = WebhookConfig(url=helpdesk.url, secret=SECRET, attempts=1, backoff_s=0.01)
    return ConsoleConfig(server=ServerConfig(state_dir=tmp_path), webhook=replace(hook, **webhook))


async def _dead_letter(config: ConsoleConfig, n: int) -> list[str]:
    """Dead-letter ``n`` tickets the way the console does (an unreachable helpdesk)."""
    down = replace(config.webhook, url="http://127.0.0.1:9/hook")
    sender = WebhookSender(down, config.dead_letter_path)
    ids = []
    for _ in range(n):
        ticket = parse_ticket(ticket_json())
        assert await sender.deliver(ticket) is False
        ids.append(ticket["ticket_id"])
    await sender.close()
    return ids


def _dead(config: ConsoleConfig) -> list[dict[str, Any]]:
    path = config.dead_letter_path
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


async def test_replay_sends_what_the_helpdesk_takes_and_keeps_the_rest(
    helpdesk: Helpdesk, tmp_path: Path
) -> None:
    config = _config(tmp_path, helpdesk)
    a, b, c = await _dead_letter(config, 3)
    old = _dead(config)
    helpdesk.statuses = [200, 422, 200]
    result = await replay_dead_letters(config)
    assert (result.sent, result.kept) == ([a, c], [b])
    [kept] = _dead(config)
    assert kept["ticket_id"] == b and kept["attempts"] == 2 and kept["url"] == helpdesk.url
    assert kept["error"].startswith("HTTP 422")
    assert kept["payload"]["ticket"] == old[1]["payload"]["ticket"]
    for (raw, headers), before in zip(helpdesk.received, old, strict=True):
        assert verify(raw, SECRET, headers[SIGNATURE_HEADER])
        body = json.loads(raw)
        assert body["ticket"] == before["payload"]["ticket"]
        assert body["delivery_id"] != before["payload"]["delivery_id"]
        assert body["sent_at"] > before["payload"]["sent_at"]
    assert sorted(p.name for p in tmp_path.iterdir() if "dead" in p.name) == [
        "webhook_dead_letter.jsonl",
        "webhook_dead_letter.jsonl.replay-lock",
    ]
    helpdesk.received.clear()
    assert (await replay_dead_letters(config)).sent == [b]
    assert _dead(config) == []


async def test_a_ticket_dead_lettered_during_the_replay_is_not_lost(
    helpdesk: Helpdesk, tmp_path: Path
) -> None:
    config = _config(tmp_path, helpdesk)
    [a] = await _dead_letter(config, 1)
    helpdesk.delay_s = 0.3
    replaying = asyncio.create_task(replay_dead_letters(config))
    await asyncio.sleep(0.1)  # the replay has taken the file and is posting ``a``
    [late] = await _dead_letter(config, 1)
    assert (await replaying).sent == [a]
    assert [r["ticket_id"] for r in _dead(config)] == [late]


async def test_an_interrupted_replay_is_taken_up_again(helpdesk: Helpdesk, tmp_path: Path) -> None:
    config = _config(tmp_path, helpdesk)
    a, b = await _dead_letter(config, 2)
    path = config.dead_letter_path
    path.rename(path.with_name(path.name + ".replaying"))  # as a killed replay leaves it
    append_records(path, [{"ticket_id": "broken"}])  # no payload: skipped
    path.write_text(path.read_text() + "not json\n")
    assert sorted((await replay_dead_letters(config)).sent) == sorted([a, b])
    assert not path.with_name(path.name + ".replaying").exists()


async def test_replay_needs_a_webhook_url(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="CONSOLE_WEBHOOK_URL"):
        await replay_dead_letters(ConsoleConfig(server=ServerConfig(state_dir=tmp_path)))


async def _run_cli(env: dict[str, str]) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console", "replay-dead-letters",
        cwd=REPO, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    return int(proc.returncode or 0), out.decode()


async def test_the_command_replays_and_exits_1_while_some_are_kept(
    helpdesk: Helpdesk, tmp_path: Path
) -> None:
    config = _config(tmp_path, helpdesk)
    await _dead_letter(config, 2)
    env = {
        "CONSOLE_STATE_DIR": str(tmp_path),
        "CONSOLE_WEBHOOK_URL": helpdesk.url,
        "CONSOLE_WEBHOOK_SECRET": SECRET,
        "CONSOLE_WEBHOOK_ATTEMPTS": "2",
        "CONSOLE_WEBHOOK_BACKOFF_S": "0.01",
    }
    helpdesk.statuses = [503, 503, 200]  # the first ticket fails twice, the second passes
    rc, out = await _run_cli(env)
    assert (rc, out.strip().splitlines()[-1]) == (1, "dead letters: 1 sent, 1 kept"), out
    assert len(helpdesk.received) == 3 and len(_dead(config)) == 1
    rc, out = await _run_cli(env)
    assert (rc, out.strip().splitlines()[-1]) == (0, "dead letters: 1 sent, 0 kept"), out
    assert _dead(config) == []
    rc, out = await _run_cli({**env, "CONSOLE_WEBHOOK_URL": ""})
    assert rc == 2 and "CONSOLE_WEBHOOK_URL is not set" in out
