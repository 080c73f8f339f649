"""``python -m recommender serve``: run the recommender HTTP service."""

from __future__ import annotations

import argparse
import logging
from dataclasses import replace

from aiohttp import web

from recommender.api.server import create_app
from recommender.config import load_config

logger = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve`` sub-command."""
    parser = subparsers.add_parser("serve", help="run the recommender HTTP service")
    parser.add_argument("--host", help="listen address (default: server.host)")
    parser.add_argument("--port", type=int, help="listen port (default: server.port)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load the configuration and serve until interrupted."""
    config = load_config(args.config)
    server = replace(
        config.server,
        host=args.host or config.server.host,
        port=args.port if args.port is not None else config.server.port,
    )
    config = replace(config, server=server)
    web.run_app(
        create_app(config),
        host=server.host,
        port=server.port,
        print=lambda msg: logger.info("%s", msg.strip()),
    )
    return 0
