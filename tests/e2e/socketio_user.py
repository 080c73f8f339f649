"""A web-chat user over Rasa's socket.io channel, driven by the end-to-end tests.

Runs in the Rasa venv (it has python-socketio; the test venv does not):
``.venv-rasa/bin/python tests/e2e/socketio_user.py RASA_URL SENDER``. Each line on stdin is
sent as a user message; every ``bot_uttered`` event is printed as one JSON line on stdout.
"""

from __future__ import annotations

import asyncio
import json
import sys

import socketio


async def main(url: str, sender: str) -> None:
    client = socketio.AsyncClient()
    confirmed = asyncio.Event()

    @client.on("session_confirm")
    async def on_confirm(data: object) -> None:
        confirmed.set()

    @client.on("bot_uttered")
    async def on_bot(data: object) -> None:
        print(json.dumps(data), flush=True)

    # Long polling: engineio 4.15's websocket transport needs a newer aiohttp than Rasa 3.6 pins.
    await client.connect(url, socketio_path="/socket.io", transports=["polling"])
    await client.emit("session_request", {"session_id": sender})
    await asyncio.wait_for(confirmed.wait(), timeout=30)
    print(json.dumps({"ready": True}), flush=True)
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        await client.emit("user_uttered", {"message": line.rstrip("\n"), "session_id": sender})
    await asyncio.sleep(1)
    await client.disconnect()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
