"""``python -m console``: run the agent console (settings: docs/CONFIG.md; handoff: docs/HANDOFF.md).

``python -m console replay-dead-letters`` sends the webhook's dead letters again and exits:
0 all sent, 1 some kept in the dead letter, 2 not configured or already running.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import sys
from dataclasses import replace

from aiohttp import web

from console.app import create_app
from console.config import ConsoleConfig, load_console_config
from console.replay import ReplayBusyError, replay_dead_letters
from genrec_core import redacting_log


def _token_from_file(config: ConsoleConfig) -> str:
    """The token in ``<state_dir>/console_token``, created (mode 600) if missing."""
    path = config.token_path
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(token)
    return token


def _replay(config: ConsoleConfig) -> int:
    try:
        result = asyncio.run(replay_dead_letters(config))
    except (ValueError, ReplayBusyError) as exc:
        print(f"console: {exc}", file=sys.stderr)
        return 2
    print(f"dead letters: {len(result.sent)} sent, {len(result.kept)} kept")
    return 1 if result.kept else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m console",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="serve",
        choices=["serve", "replay-dead-letters"],
        help="serve (default): run the console; replay-dead-letters: resend and exit",
    )
    parser.add_argument("--config", help="YAML configuration file (see docs/CONFIG.md)")
    parser.add_argument("--host", help="interface (default CONSOLE_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default CONSOLE_PORT or 8001)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redacting_log.install()  # no e-mail, phone, card... reaches a log line in clear
    try:
        config = load_console_config(args.config)
    except (OSError, ValueError) as exc:
        print(f"console: {exc}", file=sys.stderr)
        return 2
    if args.command == "replay-dead-letters":
        return _replay(config)
    server = config.server
    server = replace(server, host=args.host or server.host, port=args.port or server.port)
    if not server.token:
        server = replace(server, token=_token_from_file(config))
        logging.info("CONSOLE_TOKEN is not set; using the token in %s", config.token_path)
    config = replace(config, server=server)
    web.run_app(create_app(config), host=server.host, port=server.port, print=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
