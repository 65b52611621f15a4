"""The installed command's entry point: Ctrl+C while the program is still loading ends in words too.

Loading Typer, rich and the program's modules takes about a tenth of a second. An interrupt in
that time came before main.py's own handling existed: Python printed a traceback and died from
the signal. Here Ctrl+C during loading is only noted, and acted on the moment loading is done
(the message's words need the catalogue, and so the modules being loaded): 'Afbrudt.' and the
interrupt's exit code. This module imports nothing heavy itself, so it is in place almost at once.
"""

from __future__ import annotations

import os
import signal
import sys


def run() -> None:
    """Load the program and run the command line; an interrupt while loading ends as any other."""
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        from spredning.cli import main
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        _interrupted()
    try:
        main.run()
    except KeyboardInterrupt:  # before main's own handling begins (it reads the command line first)
        _interrupted()


def _interrupted() -> None:
    """Say 'Afbrudt' (nothing had been done yet) and end with the interrupt's exit code."""
    from spredning import i18n
    from spredning.core.errors import EXIT_INTERRUPTED

    try:
        i18n.set_language(i18n.language_from(i18n.language_option(sys.argv[1:])))
        sys.stderr.write(i18n.t("error.interrupted") + "\n")
        sys.stderr.flush()
    except (KeyboardInterrupt, OSError):  # pressed again, or stderr closed: the code says it
        pass
    os._exit(EXIT_INTERRUPTED)
