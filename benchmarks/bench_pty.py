"""The installed command in a pseudo-terminal, driven by keystrokes, timed to the moment a prompt is drawn.

A person's terminal answers prompt_toolkit's cursor position requests (``ESC [6n``); a bare
pseudo-terminal does not, and prompt_toolkit then waits up to two seconds before it draws, and a
second before it ends a prompt. So the terminal here answers them, as a terminal that has scrolled
to its last line would. A prompt counts as drawn when the prompt application has started
(``ESC [?2004h``, bracketed paste on, written with its first drawing) and then written nothing
more for a short while. The time is that of the last output that draws something, so neither the
quiet wait nor output that changes nothing on the screen is counted (when the cursor position
report arrives, prompt_toolkit draws the prompt again, and all that reaches the screen is codes
that hide and show the cursor).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path
from typing import NamedTuple

from bench_proc import Launch, Sample

ROWS, COLUMNS = 40, 100
QUIET = 0.15  # seconds without output after which a drawn prompt is taken to be complete
TIMEOUT = 30.0
CPR_REQUEST = b"\x1b[6n"
APP_START = b"\x1b[?2004h"
ANSWER_MARK = "›".encode()  # the answer field's prompt mark; menus have '?'
# Codes that change nothing on the screen: private modes (cursor shown or hidden, line wrapping,
# bracketed paste), attributes reset, the cursor position request.
INVISIBLE = re.compile(rb"\x1b\[\?[0-9;]*[hl]|\x1b\[0?m|\x1b\[6n")
POSITION = re.compile(rb"\[(\d+)/(\d+)\]")  # the question's "[3/20]"


class Drawn(NamedTuple):
    """A prompt on the screen: when its last byte came, what kind it is, and the question's number."""

    at: float
    answer_field: bool
    position: int | None
    output: bytes


class Ended(Exception):
    """The program ended (or stopped answering) before the prompt that was waited for."""


class Terminal:
    """One run of a command in a pseudo-terminal of ROWS x COLUMNS, in colour (TERM=xterm-256color)."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {**env, "TERM": "xterm-256color", "LINES": str(ROWS), "COLUMNS": str(COLUMNS)}
        env.pop("NO_COLOR", None)  # a person's terminal shows colours
        self.launch = Launch(argv, None, quiet=False)
        self.process = subprocess.Popen(
            self.launch.spawn, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.pending = b""  # output not yet consumed by a wait
        self.ended = False
        self.result: Sample | None = None

    @property
    def started(self) -> float:
        """When the command started (the monotonic clock, as spawn.py read it)."""
        return self.launch.started()

    def cpu(self) -> float | None:
        """CPU seconds the command has used so far (all its threads; Linux only, else None)."""
        total = 0
        try:
            tasks = Path(f"/proc/{self.launch.pid()}/task")
            for task in tasks.iterdir():
                total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return total / 1e9

    def send(self, keys: str | bytes) -> float:
        """Type keys (in one write, as a paste or a fast typist would); return when they were sent."""
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        return time.monotonic()

    def _read(self, timeout: float) -> tuple[float, bytes] | None:
        """The next chunk of output and when it came; None after `timeout` without any."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return None
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the program closed the terminal
            chunk = b""
        if not chunk:
            self.ended = True
            raise Ended(self.pending[-2000:].decode(errors="replace"))
        now = time.monotonic()
        for _ in range(chunk.count(CPR_REQUEST)):
            os.write(self.master, f"\x1b[{ROWS};1R".encode())
        return now, chunk

    def prompt(self, timeout: float = TIMEOUT) -> Drawn:
        """Wait for the next prompt to be drawn completely; return it (output since the last one)."""
        deadline = time.monotonic() + timeout
        output = self.pending
        self.pending = b""
        last = time.monotonic()
        while True:
            drawn = APP_START in output
            left = deadline - time.monotonic()
            if left <= 0:
                raise Ended("no prompt within the time limit: " + output[-2000:].decode(errors="replace"))
            chunk = self._read(QUIET if drawn else left)
            if chunk is None:
                if drawn:
                    break
                continue
            at, data = chunk
            output += data
            if INVISIBLE.sub(b"", data):
                last = at
        start = output.rfind(APP_START)
        screen = output[start:]
        numbers = POSITION.findall(output[:start])
        position = int(numbers[-1][0]) if numbers else None
        return Drawn(last, ANSWER_MARK in screen, position, output)

    def settle(self) -> None:
        """Let the program finish drawing after keys that change the field (typing echoes, redraws)."""
        while (chunk := self._read(QUIET)) is not None:
            self.pending += chunk[1]

    def close(self) -> Sample | None:
        """End the program if it still runs (Ctrl+C, as a person would) and return what it cost.

        None when it had to be killed (its launcher with it, so nothing was written down).
        """
        if self.process.returncode is None:
            if not self.ended:
                with contextlib.suppress(OSError, Ended):
                    self.send("\x03")
                    self.wait_end(5.0)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                if self.process.poll() is None and not self.ended:
                    os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            os.close(self.master)
            with contextlib.suppress(OSError, ValueError, IndexError):
                self.result = self.launch.sample()[0]
        return self.result

    def wait_end(self, timeout: float = TIMEOUT) -> None:
        """Read until the program closes the terminal (its normal end)."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                self._read(max(0.0, deadline - time.monotonic()))
        except Ended:
            return
        raise Ended("the program did not end")


def launch_until_prompt(argv: list[str], env: dict[str, str]) -> Sample:
    """Seconds from starting the command to its first prompt drawn, and its peak memory.

    (Its CPU time is not given: it includes ending the program after the prompt.)
    """
    terminal = Terminal(argv, env)
    try:
        drawn = terminal.prompt()
        started = terminal.started
    finally:
        usage = terminal.close()
    return Sample(drawn.at - started, float("nan"), usage.rss_kib if usage else 0)


def run_until_end(argv: list[str], env: dict[str, str]) -> Sample:
    """A command in the terminal from its start to its end (for a reference)."""
    terminal = Terminal(argv, env)
    try:
        terminal.wait_end()
    finally:
        usage = terminal.close()
    if usage is None:
        raise Ended("no result from " + " ".join(argv))
    return usage._replace(cpu=float("nan"))


class Steps(NamedTuple):
    """Times from the save keys to the next question drawn, and the CPU time each step used."""

    times: list[float]
    cpu: list[float]  # from the keys until the program is quiet again (a redraw after drawing too)
    usage: Sample | None


def answer_steps(argv: list[str], env: dict[str, str], change: bool, limit: int) -> Steps:
    """Go through a phase from its first question, saving every answer (changed or as it is).

    The phase is fully answered, so the command first asks how to go on: the first choice,
    reviewing every question from the start. Each answer field is then saved with Esc Enter (after
    typing a few words at its end when `change`); when the next prompt is the next question's
    answer field, the time from the keys to its drawing is one step. A tool's review menu is
    answered with Enter (its first choice: on to the next tool) and not timed.
    """
    times: list[float] = []
    cpu: list[float] = []
    terminal = Terminal(argv, env)
    try:
        drawn = terminal.prompt()
        while len(times) < limit:
            if not drawn.answer_field:
                terminal.send("\r")
                try:
                    drawn = terminal.prompt()
                except Ended:
                    break
                continue
            if change:
                terminal.send(" Rettet.")
                terminal.settle()
            before = terminal.cpu()
            sent = terminal.send("\x1b\r")
            previous = drawn.position
            try:
                drawn = terminal.prompt()
            except Ended:
                break
            after = terminal.cpu()
            if drawn.answer_field and previous is not None and drawn.position == previous + 1:
                times.append(drawn.at - sent)
                if before is not None and after is not None:
                    cpu.append(after - before)
    finally:
        usage = terminal.close()
    return Steps(times, cpu, usage)
