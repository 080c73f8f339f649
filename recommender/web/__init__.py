"""The demo shop page: product grid, chat widget and behaviour tracking (docs/WEB.md).

Served by the recommender at ``/`` with its assets under ``/web/static/``; the page learns
where Rasa is from ``GET /web/config.json``. Only static files: no HTML is built here.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from recommender.config import WebConfig

__all__ = ["STATIC_DIR", "content_security_policy", "setup_web"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
WEB_CONFIG = web.AppKey("web_config", WebConfig)


def content_security_policy(config: WebConfig) -> str:
    """Scripts and styles from this origin only; the socket.io connection to Rasa allowed."""
    rasa = config.rasa_url.rstrip("/")
    rasa_ws = "ws" + rasa[len("http") :]
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' https: http: data:",
            f"connect-src 'self' {rasa} {rasa_ws}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


async def index(request: web.Request) -> web.FileResponse:
    """``GET /``: the shop page, with a strict Content-Security-Policy."""
    headers = {
        "Content-Security-Policy": content_security_policy(request.app[WEB_CONFIG]),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cache-Control": "no-cache",
    }
    return web.FileResponse(STATIC_DIR / "index.html", headers=headers)


async def web_config(request: web.Request) -> web.Response:
    """``GET /web/config.json``: what the page needs to reach Rasa."""
    config = request.app[WEB_CONFIG]
    return web.json_response(
        {"rasa_url": config.rasa_url.rstrip("/"), "socketio_path": config.socketio_path}
    )


def setup_web(app: web.Application, config: WebConfig) -> None:
    """Add the page, its configuration and its static assets to ``app``."""
    app[WEB_CONFIG] = config
    app.router.add_get("/", index)
    app.router.add_get("/web/config.json", web_config)
    app.router.add_static("/web/static/", STATIC_DIR, follow_symlinks=False)
