"""Run a script or module under cProfile with a CPU clock (``time.process_time``).

``python -m cProfile`` times with the wall clock, so a coroutine waiting on another process
looks expensive; this counts CPU instead (every thread's, so work a call hands to native
threads counts too). Only the main thread's Python calls are profiled. The profile is written
when the program exits, SIGTERM included.

    python bench/cpu_profile.py OUT.prof path/to/script [args...]
    python bench/cpu_profile.py OUT.prof -m module [args...]
"""

from __future__ import annotations

import cProfile
import runpy
import signal
import sys
import time


def main() -> None:
    out, rest = sys.argv[1], sys.argv[2:]
    profile = cProfile.Profile(time.process_time)

    def dump(*_: object) -> None:
        profile.disable()
        profile.dump_stats(out)

    def on_term(signum: int, frame: object) -> None:
        dump()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_term)  # the program may install its own; then see finally
    profile.enable()
    try:
        if rest[0] == "-m":
            sys.argv = [rest[1], *rest[2:]]
            runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = rest
            runpy.run_path(rest[0], run_name="__main__")
    finally:
        dump()


if __name__ == "__main__":
    main()
