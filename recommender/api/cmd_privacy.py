"""``forget USER_ID`` and ``purge --older-than DAYS``: delete personal data in every store.

Both delete the recommender's rows directly (``store.url``) and ask the agent console
(``privacy.console_url``) to delete tickets, reviews and Rasa conversations. Exit status 0
when every part succeeded, 1 when a part failed (run it again: it is idempotent).
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``forget`` and ``purge`` sub-commands."""
    forget = subparsers.add_parser(
        "forget",
        help="delete a user's events, profile, dialogue state, tickets and conversations",
    )
    forget.add_argument("user_id", help="the user / Rasa sender id")
    forget.set_defaults(func=run_forget)
    purge = subparsers.add_parser(
        "purge", help="forget every user inactive for longer than the retention period"
    )
    purge.add_argument(
        "--older-than",
        type=float,
        metavar="DAYS",
        help="days without activity (default privacy.retention_days, 365)",
    )
    purge.set_defaults(func=run_purge)


def _report(payload: dict[str, Any]) -> int:
    print(json.dumps(payload, indent=2, sort_keys=True))
    return 0 if payload["complete"] else 1


def run_forget(args: argparse.Namespace) -> int:
    from recommender.config import load_config
    from recommender.data.erasure import ConsoleEraser, forget_user
    from recommender.data.stores import open_store

    config = load_config(args.config)
    user_id = args.user_id.strip()
    if not user_id or len(user_id) > config.server.max_user_id_chars:
        print(f"user id must be 1 to {config.server.max_user_id_chars} characters")
        return 2
    with open_store(config.store.url) as store:
        report = forget_user(store, ConsoleEraser.from_config(config.privacy), user_id)
    return _report({"user_id": user_id, **report.to_dict()})


def run_purge(args: argparse.Namespace) -> int:
    from recommender.config import load_config
    from recommender.data.erasure import ConsoleEraser, purge_inactive
    from recommender.data.stores import open_store

    config = load_config(args.config)
    days = config.privacy.retention_days if args.older_than is None else args.older_than
    if not days > 0:
        print("--older-than must be a number of days > 0")
        return 2
    with open_store(config.store.url) as store:
        report = purge_inactive(store, ConsoleEraser.from_config(config.privacy), days)
    return _report({"older_than_days": days, **report.to_dict()})
