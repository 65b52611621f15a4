"""A file to read ('importer FIL', 'fase --svar FIL') that is no ordinary file is said to be none (exit 2).

A named pipe no program writes to read as nothing, so 'importer FIFO' said "Filen fifo er tom"
and asked for the partner's file again; a socket was "enheden findes ikke", /dev/null and a folder
"kan ikke læses" with exit 1, as if the file were damaged. Each is now called what it is, with
the exit code of a command given the wrong thing (2). A pipe a program writes to is still read
(tests/test_stop_from_outside.py answers through one).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from spredning.core.store import Store

SPREDNING = Path(sys.executable).parent / "spredning"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX"),
    pytest.mark.skipif(not SPREDNING.exists(), reason="spredning is not installed"),
]

KINDS = {
    "fifo": "en navngiven pipe (FIFO), som intet program skriver til",
    "mappe": "en mappe",
    "null": "en enhed",
    "socket": "en socket",
}


@pytest.fixture
def project(store: Store, make_project) -> Path:
    slug = make_project(role="genbruge")
    store.set_active(slug)
    return store.path_for(slug)


@pytest.fixture
def special(tmp_path):
    """A file of the kind asked for (a FIFO no program writes to, a folder, /dev/null, a socket)."""
    made = []

    def make(kind: str) -> Path:
        path = tmp_path / kind
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "mappe":
            path.mkdir()
        elif kind == "null":
            path = Path(os.devnull)
        else:
            listening = socket.socket(socket.AF_UNIX)
            listening.bind(str(path))
            made.append(listening)
        return path

    yield make
    for listening in made:
        listening.close()


def squashed(text: str) -> str:
    """Text without blanks: a long path may be cut across lines."""
    return "".join(text.split())


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SPREDNING), *argv],
        capture_output=True,
        text=True,
        timeout=60,  # a read waiting for a writer that never comes fails here, not for ever
        stdin=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"},
    )


COMMANDS = {
    "importer": (
        ("importer",),
        "Fejl: {path} er ikke en almindelig fil, men {kind}, så der er intet at importere. "
        "Intet er ændret. Giv 'importer' navnet på den fil, partneren sendte",
    ),
    "svar": (
        ("fase", "tjek", "--svar"),
        "Fejl: Svarfilen {path} er ikke en almindelig fil, men {kind}, så der er "
        "ingen svar at læse. Intet er gemt. Giv --svar navnet på en tekstfil",
    ),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", KINDS)
def test_something_that_is_no_file_is_said_to_be_none(project, special, command, kind):
    path = special(kind)
    before = project.read_bytes()
    words, said = COMMANDS[command]

    result = run(*words, str(path))

    assert result.returncode == 2, result.stderr
    assert squashed(result.stderr).startswith(squashed(said.format(path=path, kind=KINDS[kind]))), (
        result.stderr
    )
    assert "tom" not in result.stderr
    assert project.read_bytes() == before


def test_in_english_too(project, special):
    path = special("fifo")

    result = run("--sprog", "en", "importer", str(path))

    assert result.returncode == 2, result.stderr
    assert squashed(result.stderr).startswith(
        squashed(
            f"Error: {path} is not an ordinary file but a named pipe (FIFO) no program writes to, "
            "so there is nothing to import."
        )
    ), result.stderr
