"""The console's client of Rasa's HTTP API (``rasa run --enable-api --jwt-secret``).

Every call carries a short-lived JWT in the ``Authorization`` header (``console.rasa_jwt``),
never a token in the query string.

Agent replies are appended to the conversation as ``bot`` events with
``execute_side_effects=true&output_channel=latest``: Rasa stores them in the tracker (REST
users read them there) and sends them through the user's latest input channel when that
channel can send on its own (socket.io). Appending events works while the conversation is
paused; a ``resume`` event hands it back to the bot with its slots.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import quote

import aiohttp

from console.errors import UpstreamError
from console.rasa_jwt import bearer_header

logger = logging.getLogger(__name__)

BACK_TO_BOT_TEXT = "You're chatting with the shop's assistant again. How can I help?"


def _messages(events: list[dict[str, Any]], since: float) -> list[dict[str, Any]]:
    out = []
    for event in events:
        kind = event.get("event")
        ts = event.get("timestamp") or 0.0
        if kind not in ("user", "bot") or ts < since:
            continue
        role = "user" if kind == "user" else "bot"
        agent = (event.get("metadata") or {}).get("agent")
        if agent:
            role = "agent"
        text = event.get("text") or ("[cards]" if event.get("data") else "")
        if text:
            out.append(
                {"role": role, "text": str(text), "ts": ts, **({"agent": agent} if agent else {})}
            )
    return out


class RasaClient:
    """Appends events to conversations and reads their trackers."""

    def __init__(self, base_url: str, jwt_secret: str, timeout_s: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.jwt_secret = jwt_secret
        self.timeout_s = timeout_s
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _call(
        self, method: str, sender_id: str, path: str, body: Any = None, **query: str
    ) -> Any:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        url = f"{self.base_url}/conversations/{quote(sender_id, safe='')}/{path}"
        headers = bearer_header(self.jwt_secret)
        try:
            async with asyncio.timeout(self.timeout_s):
                async with self._session.request(
                    method, url, json=body, params=query, headers=headers
                ) as resp:
                    if resp.status >= 300:
                        text = (await resp.text(errors="replace"))[:200]
                        raise UpstreamError(f"Rasa answered HTTP {resp.status}: {text}")
                    return await resp.json(content_type=None)
        except TimeoutError:
            raise UpstreamError(f"Rasa did not answer within {self.timeout_s:g}s") from None
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            raise UpstreamError(f"Rasa unreachable: {type(exc).__name__}") from exc

    async def _append(self, sender_id: str, events: list[dict[str, Any]]) -> None:
        await self._call(
            "POST", sender_id, "tracker/events", events,
            execute_side_effects="true", output_channel="latest",
        )  # fmt: skip

    async def send(self, sender_id: str, text: str, agent: str) -> None:
        """Deliver an agent's message to the user (a ``bot`` event marked with the agent)."""
        await self._append(
            sender_id, [{"event": "bot", "text": text, "metadata": {"agent": agent}}]
        )

    async def resume(self, sender_id: str) -> None:
        """Hand the conversation back to the bot and tell the user."""
        # While paused Rasa logs user messages but runs no action, not even action_listen,
        # so the last action is still action_genrec_handoff. Logging action_listen here puts the
        # tracker back in the state rules and policies expect before a user message.
        events = [
            {"event": "resume"},
            {"event": "action", "name": "action_listen"},
            {"event": "bot", "text": BACK_TO_BOT_TEXT},
        ]
        await self._append(sender_id, events)

    async def messages_since(self, sender_id: str, since: float) -> list[dict[str, Any]]:
        """User, bot and agent messages of the conversation from ``since`` on."""
        state = await self._call("GET", sender_id, "tracker", include_events="ALL")
        events = state.get("events") if isinstance(state, dict) else None
        return _messages(events or [], since)

    async def tracker(self, sender_id: str) -> dict[str, Any]:
        """The conversation's tracker with all its events (restarts included)."""
        state = await self._call("GET", sender_id, "tracker", include_events="ALL")
        return state if isinstance(state, dict) else {}

    async def domain(self) -> dict[str, Any]:
        """Rasa's domain (``GET /domain`` as JSON): the intents and entities reviewers may use.

        Raises:
            UpstreamError: Rasa unreachable or refusing.
        """
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        headers = {"Accept": "application/json", **bearer_header(self.jwt_secret)}
        try:
            async with asyncio.timeout(self.timeout_s):
                async with self._session.get(f"{self.base_url}/domain", headers=headers) as resp:
                    if resp.status >= 300:
                        raise UpstreamError(f"Rasa answered HTTP {resp.status} for its domain")
                    data = await resp.json(content_type=None)
        except TimeoutError:
            raise UpstreamError(f"Rasa did not answer within {self.timeout_s:g}s") from None
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            raise UpstreamError(f"Rasa unreachable: {type(exc).__name__}") from exc
        return data if isinstance(data, dict) else {}

    async def is_paused(self, sender_id: str) -> bool:
        """Whether Rasa has the conversation paused."""
        state = await self._call("GET", sender_id, "tracker")
        return bool(isinstance(state, dict) and state.get("paused"))
