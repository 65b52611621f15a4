"""Long output in the user's pager, when it is taller than the terminal (never when piped).

``$PAGER`` chooses the pager (an empty value, or ``--ingen-pager``, turns paging off); without it
``less -R`` is used where it exists (its prompt saying how to read on and close it), else ``more``,
but not in a terminal that says it is dumb (``TERM=dumb``: an editor's shell, a serial console),
where they cannot draw (as systemd does).
Everything still goes through the safe stream. Less is always given ``-R``, so colours show
whatever the user's ``$LESS`` says (``LESS=-FX`` is common); a pager that cannot be started or
fails (exits with an error) leaves the text to be printed as if there were no pager.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator

from rich.console import Console

from spredning.cli.console import SafeStream

STOPS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
PAGER_GRACE_SECONDS = 2.0  # how long a pager asked to end may take before it is ended for good


def pager_command() -> list[str] | None:
    """The pager to use, or None when paging is turned off or no pager exists."""
    chosen = os.environ.get("PAGER")
    if chosen is not None:
        with contextlib.suppress(ValueError):
            words = shlex.split(chosen, posix=os.name != "nt")
            return _with_colours(words) if words and shutil.which(words[0]) else None
        return None
    if os.environ.get("TERM") == "dumb":  # less would stop at "terminal is not fully functional"
        return None
    if shutil.which("less"):
        return ["less", "-R", _less_prompt()]
    return ["more"] if shutil.which("more") else None


def _less_prompt() -> str:
    """The line at the bottom of less: how to read on and close it ('(slut)' at the end), not a bare ':'.

    Only for the less chosen here: a $PAGER the user set keeps its own prompt. The words are plain
    ASCII (the catalogue's pager.*): less shows other characters in its prompt as control codes
    unless its locale says UTF-8.
    """
    from spredning.i18n import t

    def literal(text: str) -> str:  # ? : . % \ are less's prompt syntax
        return "".join("\\" + char if char in "?:.%\\" else char for char in text)

    return f"-Ps?e{literal(t('pager.end'))} .{literal(t('pager.keys'))}"


def _with_colours(words: list[str]) -> list[str]:
    """Less shows colour codes as 'ESC[1m' unless it is given -R; other pagers pass them on."""
    program = os.path.basename(words[0]).lower().removesuffix(".exe")
    return [*words, "-R"] if program == "less" and "-R" not in words else words


@contextlib.contextmanager
def paged(console: Console, allowed: bool = True, spare: int = 0) -> Iterator[Console]:
    """Print into the console; if it came out taller than the terminal, show it in the pager.

    `spare`: the lines drawn after it that must be in sight with it (a question and its field).
    """
    command = pager_command() if allowed and console.is_terminal else None
    if command is None:
        yield console
        return
    with console.capture() as capture:
        yield console
    text = capture.get()
    if text.count("\n") + spare < console.height:
        console.file.write(text)
        return
    with _stops_passed_on() as pager:
        process = pager.start(command)
        if process is None:  # no pager to start: the text is shown here
            console.file.write(text)
            return
        with contextlib.suppress(OSError, KeyboardInterrupt):
            assert process.stdin is not None  # asked for with stdin=PIPE
            SafeStream(process.stdin).write(text)
            process.stdin.close()
        while True:
            try:
                process.wait()
                break
            except KeyboardInterrupt:  # Ctrl+C belongs to the pager (less ignores it)
                continue
    failed = pager.process is not None and (pager.process.returncode or 0) > 0
    if failed:  # PAGER=false, or an option it does not know: the text is shown here, none lost
        console.file.write(text)


class _Stopped(Exception):
    """A stop from outside came while the pager showed the text."""


class _Pager:
    """The pager's process once started, and the stops from outside that came (see _stops_passed_on)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.held: list[int] = []

    def start(self, command: list[str]) -> subprocess.Popen | None:
        """Start the pager (None: it cannot be); a stop that came while it started is passed on now."""
        try:
            started = subprocess.Popen(command, stdin=subprocess.PIPE, encoding="utf-8", errors="replace")
            self.process = started
        except OSError:
            return None
        if self.held:  # the handler left it to this: the process was not known yet
            with contextlib.suppress(OSError):
                self.process.send_signal(self.held[0])
            raise _Stopped
        return self.process


@contextlib.contextmanager
def _stops_passed_on() -> Iterator[_Pager]:
    """A stop from outside (SIGTERM, SIGHUP) while the pager shows: the pager ends first, then the program.

    Ended alone, the program left the pager running on the terminal with the shell: the terminal
    showed nothing typed. The pager is given the same stop (less gives the terminal back as it
    ends) and a moment to end, else it is ended; then the stop goes on to the program's own
    handling (the words, the exit code). A stop the program ignores (`nohup`) is left alone.
    The stops are taken before the pager starts (_Pager.start): one that comes in between is
    passed on as soon as its process is known, so no pager is left running.
    """
    pager = _Pager()
    if threading.current_thread() is not threading.main_thread():
        yield pager
        return
    held = pager.held

    def pass_on(signum: int, frame: object) -> None:
        first = not held
        held.append(signum)
        if pager.process is None:  # not started yet: _Pager.start passes it on
            return
        with contextlib.suppress(OSError):
            pager.process.send_signal(signum)
        if first:
            raise _Stopped

    stops = [signum for signum in STOPS if signal.getsignal(signum) is not signal.SIG_IGN]
    previous = {signum: signal.signal(signum, pass_on) for signum in stops}
    try:
        yield pager
    except _Stopped:
        assert pager.process is not None  # raised only once it is known
        try:
            pager.process.wait(timeout=PAGER_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            pager.process.kill()
            pager.process.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
    if held:
        signal.raise_signal(held[0])
