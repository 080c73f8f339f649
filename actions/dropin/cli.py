"""``genrec-rasa``: ``init PATH`` merges the shopping assistant, ``doctor PATH`` checks it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import doctor, init
from .errors import MergeConflict


def run_init(project: Path, dry_run: bool) -> int:
    """Merge (or, with ``dry_run``, list) the changes; 2 on a conflict."""
    try:
        planned = init.plan(project)
    except MergeConflict as error:
        print(f"genrec-rasa init: conflict, nothing changed: {error}", file=sys.stderr)
        return 2
    for note in planned.notes:
        print(f"  note: {note}")
    if not planned.changes:
        print(f"{project}: the shopping assistant is merged; nothing to change")
        return 0
    for change in planned.changes:
        print(("would " if dry_run else "") + change.summary)
    if not dry_run:
        init.apply(planned.changes)
        print("next: `genrec-rasa doctor .`, then `rasa data validate` and `rasa train`")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``genrec-rasa`` console script."""
    parser = argparse.ArgumentParser(prog="genrec-rasa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    merge = commands.add_parser("init", help="merge the shopping assistant into a Rasa project")
    merge.add_argument("path", type=Path, nargs="?", default=Path("."))
    merge.add_argument("--dry-run", action="store_true", help="print what would change")
    check = commands.add_parser("doctor", help="check the project and the running services")
    check.add_argument("path", type=Path, nargs="?", default=Path("."))
    check.add_argument("--timeout", type=float, default=3.0, help="seconds per service check")
    args = parser.parse_args(argv)
    if args.command == "init":
        return run_init(args.path, args.dry_run)
    return doctor.run(args.path, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
