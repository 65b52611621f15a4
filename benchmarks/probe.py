"""Run the spredning command in this process with clocks around named functions (for profiling.py).

``python probe.py OUT TARGETS ARGS...``: TARGETS is a comma-separated list of ``module:function``
or ``module:Class.method``. Each is wrapped before the command runs (references bound elsewhere
with ``from module import function`` are replaced too), and when the command ends one JSON line is
appended to OUT: the seconds since this script started, the seconds spent importing the targets'
modules (most of the program's imports), and per target its inclusive seconds and number of calls.
With ``PROBE_EVENTS=1`` every call's start and end (monotonic clock, shared with other processes)
and every garbage collection of the oldest generation are written too. Wrapping a function that
Typer inspects (a command function) breaks the command: wrap what it calls instead.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import gc  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

calls: dict[str, list[float]] = {}
events: list[tuple[float, str]] = []
RECORD = os.environ.get("PROBE_EVENTS") == "1"


def wrap(target: str) -> None:
    """Replace the named function by one that adds up its time (and notes its calls)."""
    module_name, _, attribute = target.partition(":")
    owner = importlib.import_module(module_name)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    total = calls.setdefault(target, [0.0, 0])

    def timed(*args, **kwargs):
        start = time.perf_counter()
        if RECORD:
            events.append((time.monotonic(), target + " start"))
        try:
            return original(*args, **kwargs)
        finally:
            total[0] += time.perf_counter() - start
            total[1] += 1
            if RECORD:
                events.append((time.monotonic(), target + " end"))

    setattr(owner, name, timed)
    if not path:  # `from module import function` elsewhere: those names too
        for module in list(sys.modules.values()):
            namespace = getattr(module, "__dict__", None) or {}
            for key, value in list(namespace.items()):
                if value is original:
                    namespace[key] = timed


def collected(phase: str, info: dict) -> None:
    """Note collections of the oldest generation (the long pauses)."""
    if RECORD and info.get("generation") == 2:
        events.append((time.monotonic(), "gc2 " + ("start" if phase == "start" else "end")))


def main() -> None:
    """Wrap the targets, run the command, write what was measured when it ends."""
    out, targets, args = sys.argv[1], [t for t in sys.argv[2].split(",") if t], sys.argv[3:]
    start = time.perf_counter()
    for target in targets:
        wrap(target)
    imports = time.perf_counter() - start
    gc.callbacks.append(collected)
    real_exit = os._exit

    def finish(code: int = 0) -> None:
        result = {
            "total": time.perf_counter() - STARTED,
            "imports": imports,
            "calls": calls,
            "events": events,
        }
        with open(out, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")
        real_exit(code)

    os._exit = finish  # the installed command ends with os._exit (cli.run)
    sys.argv = ["spredning", *args]
    from spredning.cli.main import run

    try:
        run()
    except SystemExit as end:
        finish(end.code if isinstance(end.code, int) else 1)


if __name__ == "__main__":
    main()
