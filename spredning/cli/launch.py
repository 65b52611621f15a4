"""The installed command's entry point: Ctrl+C while the program is still loading ends in words too.

Loading Typer, rich and the program's modules takes about a tenth of a second. An interrupt in
that time came before main.py's own handling existed, and Python printed a traceback and died
from the signal. This module imports nothing heavy itself, so its handling is in place almost at
once; main.run does the rest (and every later interrupt).
"""

from __future__ import annotations

import os
import sys


def run() -> None:
    """Load the program and run the command line; an interrupt while loading ends as any other."""
    try:
        from spredning.cli import main

        main.run()
    except KeyboardInterrupt:
        _interrupted()


def _interrupted() -> None:
    """Say 'Afbrudt' (nothing had been done yet) and end with the interrupt's exit code."""
    from spredning.core.errors import EXIT_INTERRUPTED

    try:
        from spredning import i18n

        i18n.set_language(i18n.language_from(i18n.language_option(sys.argv[1:])))
        sys.stderr.write(i18n.t("error.interrupted") + "\n")
        sys.stderr.flush()
    except (KeyboardInterrupt, OSError):  # pressed again, or stderr closed: the code says it
        pass
    os._exit(EXIT_INTERRUPTED)
