"""A web-chat user over Rasa's socket.io channel, driven by the end-to-end tests.

Runs in the Rasa venv (it has python-socketio; the test venv does not):
``.venv-rasa/bin/python tests/e2e/socketio_user.py RASA_URL SENDER [PAGE_TOKEN]``. It asks for
session SENDER with the signed page token (none when empty) and prints
``{"ready": true, "session_id": ...}`` with the session Rasa confirmed. Each line on stdin is
one JSON value, sent as the data of a ``user_uttered`` event (an object gets the ``session_id``
SENDER when it has none, so ``{"message": "hi"}`` is a plain user message); every
``bot_uttered`` event is printed as one JSON line on stdout, with ``"_t"``: seconds since the
last send.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import socketio


async def main(url: str, sender: str, token: str) -> None:
    client = socketio.AsyncClient()
    confirmed = asyncio.Event()
    session: list[object] = []
    sent_at = time.monotonic()

    @client.on("session_confirm")
    async def on_confirm(data: object) -> None:
        session.append(data)
        confirmed.set()

    @client.on("bot_uttered")
    async def on_bot(data: object) -> None:
        message = dict(data) if isinstance(data, dict) else {"data": data}
        print(json.dumps({**message, "_t": round(time.monotonic() - sent_at, 3)}), flush=True)

    # Long polling only, as widgets start (rasa-webchat): engineio 4.15's websocket client
    # transport also needs a newer aiohttp than Rasa 3.6 pins.
    await client.connect(url, socketio_path="/socket.io", transports=["polling"])
    request = {"session_id": sender, **({"token": token} if token else {})}
    await client.emit("session_request", request)
    await asyncio.wait_for(confirmed.wait(), timeout=30)
    print(json.dumps({"ready": True, "session_id": session[0]}), flush=True)
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        data = json.loads(line)
        if isinstance(data, dict):
            data.setdefault("session_id", sender)
        sent_at = time.monotonic()
        await client.emit("user_uttered", data)
    await asyncio.sleep(1)
    await client.disconnect()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ""))
