"""Command line: ``python -m recommender <command>``.

Each command lives in its own module exposing ``register(subparsers)``, which adds a
sub-parser whose ``func(args) -> int`` runs it. This module only collects them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from genrec_core import redacting_log

COMMAND_MODULES: tuple[str, ...] = (
    "recommender.api.cmd_serve",
    "recommender.api.cmd_catalog",
    "recommender.api.cmd_generation",
    "recommender.api.cmd_evaluate",
    "recommender.api.cmd_train",
    "recommender.api.cmd_events",
    "recommender.api.cmd_privacy",
)


def build_parser() -> argparse.ArgumentParser:
    """Parser with every registered sub-command."""
    parser = argparse.ArgumentParser(prog="python -m recommender", description=__doc__)
    parser.add_argument("--config", help="YAML configuration file (see docs/CONFIG.md)")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING, ERROR")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run one command; returns the process exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redacting_log.install()  # no e-mail, phone, card... reaches a log line in clear
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
