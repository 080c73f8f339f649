"""``web.AppKey`` constants for what the console keeps on its application."""

from __future__ import annotations

import asyncio

from aiohttp import web

from console.config import ConsoleConfig
from console.rasa import RasaClient
from console.review import SummaryCache
from console.reviews import ReviewStore
from console.store import TicketStore
from console.trackers import TrackerStoreReader
from console.webhook import WebhookSender

CONFIG = web.AppKey("config", ConsoleConfig)
STORE = web.AppKey("store", TicketStore)
RASA = web.AppKey("rasa", RasaClient)
WEBHOOK = web.AppKey("webhook", WebhookSender)
SPOOL_LOCK = web.AppKey("spool_lock", asyncio.Lock)
TRACKERS = web.AppKey("trackers", TrackerStoreReader)
SUMMARIES = web.AppKey("summaries", SummaryCache)
REVIEWS = web.AppKey("reviews", ReviewStore)
DOMAIN_CACHE = web.AppKey("domain_cache", dict)  # Rasa's intents/entities and when read
