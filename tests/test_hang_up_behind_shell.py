"""A window closed while a command's field waits, with a shell between the window and the command.

Found in a trial (tmux, a window killed while a readiness reason was typed): now and then the text
was neither printed nor kept in a file, and the words said "Intet er gået tabt". The shell, not the
command, is the terminal's session leader: the closed terminal first reaches the command as the end
of its input, and the hang-up (SIGHUP) only comes when the shell passes it on, if at all. The end of
input was taken as Ctrl+D (a stop in words, to a terminal no longer there); the text went nowhere.

Here the shell passes no hang-up on (it traps it and waits for the command), so the command sees
only the end of its input, as it did in the lost cases.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from terminal import COMMAND, DOWN, ENTER, TIMEOUT, person

pytestmark = pytest.mark.e2e

START = ["start", "--navn", "Ærø Kommune", "--rolle", "genbruge", "--deler", "Odense Kommune"]
START += ["--genbruger", "Ærø Kommune", "--organisation", "Ærø Kommune"]


def exit_code(written: Path) -> int:
    """The exit code the shell wrote once the command ended; fails after TIMEOUT."""
    deadline = time.monotonic() + TIMEOUT
    while not written.exists() or not written.read_text().strip():
        if time.monotonic() > deadline:
            pytest.fail("the command did not end after its terminal closed")
        time.sleep(0.05)
    return int(written.read_text())


@pytest.mark.parametrize(
    ("command", "keys"),
    [
        (["klarhed", "Beskriv innovationen"], DOWN + ENTER),  # yellow; then the reason field
        (["plan", "tilføj"], ""),  # what to do
    ],
)
def test_a_closed_window_keeps_the_text_when_only_the_input_ends(tmp_path, pseudo_terminal, command, keys):
    env = person(tmp_path, lines=40)
    subprocess.run([str(COMMAND), *START], env=env, stdin=subprocess.DEVNULL, capture_output=True, check=True)
    code = tmp_path / "kode"
    script = f'trap ":" HUP; "$0" "$@"; echo $? > {code}'
    child = pseudo_terminal("bash", ["-c", script, str(COMMAND), *command], env=env, rows=40)
    child.expect_exact("?")
    child.send(keys)
    child.expect_exact("(Esc eller Ctrl+C stopper)" if not keys else "Esc eller Ctrl+C stopper)")
    child.send("Vi mangler tal fra økonomi")
    child.expect_exact("fra økonomi")

    child.ptyproc.fileobj.close()  # the window closes

    assert exit_code(code) == 129
    [kept] = Path(env["HOME"]).glob("spredning-tekst-*.txt")
    assert kept.read_text(encoding="utf-8") == "Vi mangler tal fra økonomi\n"
