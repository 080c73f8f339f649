"""Simulated shoppers for ``make prod-test`` (locust, in its own venv ``.venv-load``).

Each shopper plays conversations (recommendation, FAQ and chit-chat turns) over Rasa's REST
webhook, about one second between its messages, and after each recommendation turn sends a
``view`` behaviour event for a product it was shown. Every turn carries an id in its
metadata (``load_turn``) and every event an ``event_id``, so ``scripts/prod_test.py`` can
find them in PostgreSQL afterwards. An event is resent with the same id until the
recommender accepts it (idempotent), as a shop's backend would.

Environment: ``LOAD_RASA_URL``, ``LOAD_RECOMMENDER_URL``, ``LOAD_SERVICE_TOKEN``,
``LOAD_RUN_ID``, ``LOAD_RECORDS`` (JSONL written here: one line per request),
``LOAD_CATALOG`` (JSONL catalog: product ids for events when a reply shows none),
``LOAD_TURN_TIMEOUT_S`` (how long a shopper waits for a reply, default 60).
"""

from __future__ import annotations

import json
import os
import random
import string
import time
import uuid
from typing import Any

from locust import HttpUser, between, events, task

RASA_URL = os.environ.get("LOAD_RASA_URL", "http://127.0.0.1:19005")
REC_URL = os.environ.get("LOAD_RECOMMENDER_URL", "http://127.0.0.1:19080")
TOKEN = os.environ.get("LOAD_SERVICE_TOKEN", "")
RUN_ID = os.environ.get("LOAD_RUN_ID", "load")
EVENT_RETRIES = 30
TURN_TIMEOUT_S = float(os.environ.get("LOAD_TURN_TIMEOUT_S", "60"))

# (kind, text). "rec": search actions (action server + recommender); "faq": the help texts
# (action server + recommender /faq); "chat": Rasa's own responses or a small action.
CONVERSATIONS: list[list[tuple[str, str]]] = [
    [
        ("chat", "hi"),
        ("rec", "I'm looking for wireless headphones under 150 dollars"),
        ("rec", "any brand is fine"),
        ("faq", "what is your return policy?"),
        ("chat", "thanks"),
    ],
    [
        ("rec", "I want running shoes"),
        ("rec", "under 100"),
        ("rec", "show me something else"),
        ("chat", "bye"),
    ],
    [
        ("chat", "hello"),
        ("faq", "how long does shipping take?"),
        ("rec", "a present for my sister who loves music"),
        ("chat", "thank you"),
    ],
    [
        ("rec", "I need a laptop for university"),
        ("rec", "cheaper"),
        ("faq", "do you ship internationally?"),
        ("chat", "great, bye"),
    ],
]


def _letters(n: int) -> str:
    """Random letters: ids without digit runs, which the PII redactor could take for a number."""
    return "".join(random.choice(string.ascii_lowercase) for _ in range(n))


def _catalog_ids() -> list[str]:
    path = os.environ.get("LOAD_CATALOG", "")
    if not path:
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["id"] for line in f if line.strip()][:200]


CATALOG_IDS = _catalog_ids()
_records = open(os.environ.get("LOAD_RECORDS", os.devnull), "a", buffering=1, encoding="utf-8")  # noqa: SIM115


def record(**fields: Any) -> None:
    """One request, as a JSON line (gevent: one writer at a time)."""
    _records.write(json.dumps(fields) + "\n")


@events.quitting.add_listener
def _close(environment: Any, **kwargs: Any) -> None:
    _records.flush()


def shown_ids(messages: Any) -> list[str]:
    """Product ids in a turn's product-list payloads."""
    out: list[str] = []
    for m in messages if isinstance(messages, list) else []:
        custom = (m or {}).get("custom") or {}
        if custom.get("type") == "product_list":
            out += [str(p.get("id")) for p in custom.get("products", []) if p.get("id")]
    return out


class Shopper(HttpUser):
    """One shopper: conversation after conversation, ~1 s between messages."""

    host = RASA_URL
    wait_time = between(0.8, 1.2)

    def on_start(self) -> None:
        self.sender = f"{RUN_ID}-{_letters(12)}"
        self.script: list[tuple[str, str]] = []
        self.turn_no = 0

    @task
    def say(self) -> None:
        if not self.script:
            self.script = list(random.choice(CONVERSATIONS))
        kind, text = self.script.pop(0)
        self.turn_no += 1
        turn_id = f"{self.sender}-t{self.turn_no}"
        t0 = time.time()
        status, replies, error = 0, None, ""
        with self.client.post(
            f"{RASA_URL}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": text, "metadata": {"load_turn": turn_id}},
            name=f"turn:{kind}",
            timeout=TURN_TIMEOUT_S,
            catch_response=True,
        ) as resp:
            status = resp.status_code
            error = str(resp.error or "")[:200]
            try:
                replies = resp.json() if status == 200 else None
            except ValueError:
                replies = None
            ok = status == 200 and isinstance(replies, list) and len(replies) > 0
            if ok:
                resp.success()
            else:
                resp.failure(f"status {status}, replies {replies!r}"[:200])
        record(
            what="turn",
            kind=kind,
            id=turn_id,
            sender=self.sender,
            t=t0,
            latency=time.time() - t0,
            status=status,
            ok=ok,
            error=error,
        )
        if kind == "rec" and ok:
            shown = shown_ids(replies)
            pool = shown or CATALOG_IDS
            if pool:
                self.send_event(random.choice(pool))

    def send_event(self, product_id: str) -> None:
        """A ``view`` event, resent with the same id until it is accepted."""
        event_id = f"{RUN_ID}-ev-{uuid.uuid4().hex}"
        body = {
            "events": [
                {
                    "event_id": event_id,
                    "user_id": self.sender,
                    "type": "view",
                    "product_id": product_id,
                    "ts": time.time(),
                }
            ]
        }
        headers = {"Authorization": f"Bearer {TOKEN}"}
        for attempt in range(1, EVENT_RETRIES + 1):
            t0 = time.time()
            with self.client.post(
                f"{REC_URL}/events",
                json=body,
                headers=headers,
                name="event:view",
                timeout=30,
                catch_response=True,
            ) as resp:
                status = resp.status_code
                ok = 200 <= status < 300
                if ok:
                    resp.success()
                else:
                    resp.failure(f"status {status}: {resp.text[:120]!r}")
            record(
                what="event",
                id=event_id,
                sender=self.sender,
                t=t0,
                latency=time.time() - t0,
                status=status,
                ok=ok,
                attempt=attempt,
            )
            if ok:
                return
            time.sleep(1.0)
