"""Agent console: the human-handoff inbox (tickets, replies through Rasa, hand back).

An aiohttp app in its own process (``python -m console``); it owns the ticket store and
talks to Rasa's HTTP API. Never imported by the bot. See docs/HANDOFF.md.
"""

from console.app import create_app
from console.config import ConsoleConfig, WebhookConfig
from console.store import TicketStore, open_ticket_store

__all__ = ["ConsoleConfig", "TicketStore", "WebhookConfig", "create_app", "open_ticket_store"]
