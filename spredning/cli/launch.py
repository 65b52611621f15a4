"""The installed command's entry point: Ctrl+C while the program is still loading ends in words too.

Loading Typer, rich and the program's modules takes about a tenth of a second. An interrupt in
that time came before main.py's own handling existed: Python printed a traceback and died from
the signal. Here Ctrl+C during loading is only noted, and acted on the moment loading is done
(the message's words need the catalogue, and so the modules being loaded): 'Stoppet.' and the
interrupt's exit code. This module imports nothing heavy itself, so it is in place almost at once.

A stop from outside (SIGTERM: `kill`, a logout; SIGHUP: the window closed) ended a command that
was not at a prompt without a word, though Ctrl+C said 'Stoppet.'. Once loaded, each of them ends
in words as well, with its own exit code (143, 129); a prompt and the interview put their own
handling in its place while they wait (prompts/stops.py). A stop the caller ignores (`nohup`)
stays ignored. A save holds a stop back until its files are written (fileio.uninterrupted).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys


def run() -> None:
    """Load the program and run the command line; an interrupt while loading ends as any other."""
    held: list[int] = []
    previous = {
        signum: signal.signal(signum, lambda signum, frame: held.append(signum)) for signum in _stops()
    }
    try:
        from spredning.cli import main
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if signal.SIGINT in held:
        _interrupted()
    if held:
        with contextlib.suppress(Exception):  # the words in Danish, then
            _set_language()
        _stopped(held[0], None)
    _say_stops()
    try:
        main.run()
    except KeyboardInterrupt:  # before main's own handling begins (it reads the command line first)
        _interrupted()


def _stops() -> list[int]:
    """Ctrl+C and the stops from outside that are not ignored (`nohup` ignores SIGHUP, `&` SIGINT)."""
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    stops = [getattr(signal, name) for name in names if hasattr(signal, name)]
    return [signum for signum in stops if signal.getsignal(signum) is not signal.SIG_IGN]


def _say_stops() -> None:
    """A stop from outside (SIGTERM, SIGHUP) ends in words, unless the caller has it ignored."""
    for signum in _stops():
        if signum != signal.SIGINT:  # Ctrl+C is main's: KeyboardInterrupt, then 'Stoppet.'
            signal.signal(signum, _stopped)


def _stopped(signum: int, frame: object) -> None:
    """Say that the program was stopped from outside and end with 128 + the signal at once.

    Only stderr, and in one write: stdout may be a pipe nobody reads, and a flush could wait
    for ever. After a hang-up the terminal is gone, and the write fails quietly.
    """
    from spredning import i18n

    with contextlib.suppress(Exception):  # no words can be written: the exit code says it
        os.write(sys.stderr.fileno(), (i18n.t("error.stopped-from-outside") + "\n").encode(errors="replace"))
    os._exit(128 + signum)


def _interrupted() -> None:
    """Say 'Stoppet.' (nothing had been done yet) and end with the interrupt's exit code."""
    from spredning import i18n
    from spredning.core.errors import EXIT_INTERRUPTED

    try:
        _set_language()
        sys.stderr.write(i18n.t("error.interrupted") + "\n")
        sys.stderr.flush()
    except (KeyboardInterrupt, OSError):  # pressed again, or stderr closed: the code says it
        pass
    os._exit(EXIT_INTERRUPTED)


def _set_language() -> None:
    """The language the command line asks for, before main has read it (a stop while loading)."""
    from spredning import i18n

    i18n.set_language(i18n.language_from(i18n.language_option(sys.argv[1:])))
