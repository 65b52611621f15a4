"""What the terminal tests share: the installed command, keystrokes, and ANSI stripping."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pyte

COMMAND = Path(sys.executable).parent / "spredning"  # the installed console script
TIMEOUT = 10  # seconds for every pexpect expect: a missing prompt fails instead of hanging

ENTER = "\r"
ESC_ENTER = "\x1b\r"  # submits a multi-line answer (Alt+Enter sends the same)
DOWN = "\x1b[B"
PGUP = "\x1b[5~"
CTRL_C = "\x03"
CTRL_D = "\x04"
BACKSPACE = "\x7f"  # what a terminal's Backspace key sends

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x08|\r")


def person(tmp_path: Path, lines: int) -> dict[str, str]:
    """A person's environment in a terminal of 80 x `lines`: `spredning` on the PATH, their home in
    tmp_path/home (made here) and their projects in tmp_path/hjem."""
    assert COMMAND.is_file(), f"the installed command is missing: {COMMAND}"
    (tmp_path / "home").mkdir()
    return {
        "PATH": f"{COMMAND.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm",
        "COLUMNS": "80",
        "LINES": str(lines),
        "SPREDNING_HJEM": str(tmp_path / "hjem"),
        # pexpect is no terminal emulator and never answers prompt_toolkit's cursor position
        # request; without this it waits a second for the answer after every prompt
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }


def example_home(tmp_path: Path) -> Path:
    """tmp_path/hjem holding the example project (both sides answered), made by the installed command."""
    home = tmp_path / "hjem"
    home.mkdir(exist_ok=True)
    made = subprocess.run(
        [str(COMMAND), "start", "--eksempel"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SPREDNING_HJEM": str(home)},
    )
    assert made.returncode == 0, made.stderr
    return home


def rendered(stream: str, columns: int, rows: int) -> list[str]:
    """What a terminal of that size shows after `stream`, scrollback first, as lines of text.

    A terminal emulator (pyte) plays the stream, so text a prompt drew and then erased is gone,
    as on a real screen. A line feed also returns the cursor to the line's start, as the
    terminal driver makes it do for programs' output. Trailing spaces and empty lines at the
    end are left out.
    """
    screen = pyte.HistoryScreen(columns, rows, history=100_000)
    screen.set_mode(pyte.modes.LNM)
    pyte.Stream(screen).feed(stream)
    lines = [*screen.history.top, *(screen.buffer[y] for y in range(rows))]
    text = ["".join(line[x].data for x in range(columns)).rstrip() for line in lines]
    while text and not text[-1]:
        text.pop()
    return text


def stub_editor(tmp_path: Path, body: str) -> str:
    """A shell script (tmp_path/editor) that stands in for the user's $EDITOR; its path."""
    editor = tmp_path / "editor"
    editor.write_text(f"#!/bin/sh\n{body}", encoding="utf-8")
    editor.chmod(0o755)
    return str(editor)


def default_stops() -> None:
    """A child's preexec_fn: it starts with the stops a shell gives a command in front (not ignored)."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def on_terminal(env: dict[str, str], *args: str, columns: int = 60, codes=(0, 2)) -> str:
    """What `spredning ARGS` writes to a terminal of `columns` (stdout and stderr), no keys typed."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    try:
        done = subprocess.run(
            [str(COMMAND), *args],
            env={**env, "COLUMNS": str(columns)},
            stdin=subprocess.DEVNULL,
            stdout=side,
            stderr=side,
            timeout=TIMEOUT * 3,
        )
        assert done.returncode in codes, done
        os.close(side)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal's other side is closed: all is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
    return b"".join(chunks).decode("utf-8")


def done_ok(env: dict[str, str], *args: str, cwd: Path | None = None) -> None:
    """Run `spredning ARGS` without a terminal (as a script would), which must succeed."""
    done = subprocess.run(
        [str(COMMAND), *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT * 3,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
