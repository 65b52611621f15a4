"""A terminal set to Latin-1 sends æ, ø and å as bytes that are no UTF-8: typed in an option's text
(a plan's action, a project's name), they cannot be saved. The installed command, given such
bytes, says what happened and how to put it right (the terminal's encoding), and changes nothing;
it said "the character U+DCF8", which no user can act on.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from exchange_kit import flat
from terminal import COMMAND


def run(home: Path, *args: str | bytes) -> tuple[int, str]:
    """The installed command with `args` as bytes on its command line; (exit code, what it said)."""
    env = {
        **os.environ,
        "SPREDNING_HJEM": str(home),
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "SPREDNING_SPROG": "da",
    }
    argv = [os.fsencode(COMMAND), *(a if isinstance(a, bytes) else a.encode() for a in args)]
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    return done.returncode, (done.stdout + done.stderr).decode("utf-8")


SAID = "teksten har et tegn, der ikke kom som UTF-8 (byten 0xF8)"
HOW = "sæt terminalens tegnkodning til UTF-8, og skriv teksten igen"


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "tilføj", "--hvad", b"M\xf8de p\xe5 r\xe5dhuset", "--hvem", "Eva"),
        ("godkend", "tjek", "--af", b"S\xf8ren Holm", "--rolle", "dele"),
    ],
)
def test_a_latin1_byte_in_an_options_text_is_said_so_and_changes_nothing(tmp_path, args):
    home = tmp_path / "hjem"
    assert run(home, "start", "--eksempel")[0] == 0
    [path] = home.glob("*.yaml")
    before = path.read_bytes()

    code, said = run(home, *args)

    assert code == 1, said
    assert SAID in flat(said) and HOW in flat(said) and "U+DC" not in said
    assert path.read_bytes() == before


def test_a_latin1_byte_in_a_new_projects_name_creates_nothing(tmp_path):
    home = tmp_path / "hjem"
    code, said = run(
        home, "start", "--navn", b"K\xf8benhavn", "--beskrivelse", "x", "--deler", "y", "--rolle", "dele"
    )

    assert code == 1, said
    assert SAID in flat(said) and HOW in flat(said)
    assert not list(home.glob("*.yaml"))
