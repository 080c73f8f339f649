"""Defaults that more than one process needs, written once (docs/CONFIG.md).

The recommender, the agent console and the action server each take these as the defaults of
their own settings, so a stack started with no settings at all finds its parts.
"""

from __future__ import annotations

#: Where each service listens by default (loopback; ``make run`` uses these ports).
RECOMMENDER_URL = "http://127.0.0.1:8000"
CONSOLE_URL = "http://127.0.0.1:8001"
RASA_URL = "http://127.0.0.1:5005"

#: The state directory of a checkout (relative to the working directory).
STATE_DIR = "var"
#: The file, in the state directory, where the action server leaves handoff tickets the
#: console could not take, and from which the console imports them.
HANDOFF_SPOOL_NAME = "handoff_spool.jsonl"
HANDOFF_SPOOL = f"{STATE_DIR}/{HANDOFF_SPOOL_NAME}"
#: The console's Bearer token file in the state directory (created by the console, read by
#: the recommender to forget users there).
CONSOLE_TOKEN_NAME = "console_token"
