"""A stop from outside (SIGTERM: `kill`, a logout; SIGHUP: a closed window) outside a prompt.

Ctrl+C said 'Stoppet. Intet er gået tabt …' and ended with 130, and a stop at a prompt said what
became of the text; but a command stopped from outside while it worked (reading an answers file,
waiting for the project, saving) ended without a word: a script's log or the terminal showed
nothing, or only the shell's 'Terminated'. It now says so in the same words, with the exit code
README names (143, 129). A stop the caller ignores (`nohup`) is still ignored, and the project
file is never half written (fileio.uninterrupted holds a stop back while it is written).

The installed command reads its answers from a named pipe: the test's open of the pipe returns
once the command has opened it to read, so the stop comes while the command works, not earlier.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import answers_of
from terminal import default_stops

from spredning.core.store import Store

SPREDNING = Path(sys.executable).parent / "spredning"
TIMEOUT = 60
QUESTION = "tjek.beskriv-innovationen.genbruge.interessant"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX"),
    pytest.mark.skipif(not SPREDNING.exists(), reason="spredning is not installed"),
]


@pytest.fixture
def project(store: Store, make_project) -> Path:
    slug = make_project(role="genbruge")
    store.set_active(slug)
    return store.path_for(slug)


def ignore_hang_up() -> None:
    """As `nohup` starts a command."""
    default_stops()
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


def reading_answers(tmp_path: Path, *options: str, start=default_stops):
    """The installed command reading answers from a pipe, part of a file written and the pipe held open."""
    pipe = tmp_path / "svar.yaml"
    os.mkfifo(pipe)
    child = subprocess.Popen(
        [str(SPREDNING), *options, "fase", "tjek", "--svar", str(pipe)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"},
        preexec_fn=start,
    )
    writer = open(pipe, "w", encoding="utf-8")  # returns once the command has the pipe open  # noqa: SIM115
    writer.write(f"{QUESTION}: Ja, ")
    writer.flush()
    return child, writer


@pytest.mark.parametrize(
    ("stop", "code", "options", "said"),
    [
        (signal.SIGTERM, 143, (), "Stoppet udefra. Intet er gået tabt af det, der allerede var gemt."),
        (signal.SIGHUP, 129, (), "Stoppet udefra."),
        (signal.SIGTERM, 143, ("--sprog", "en"), "Stopped from outside. Nothing that was already saved"),
    ],
)
def test_a_stop_while_a_command_works_is_said_in_words(project, tmp_path, stop, code, options, said):
    before = project.read_bytes()
    child, writer = reading_answers(tmp_path, *options)
    try:
        child.send_signal(stop)
        _out, err = child.communicate(timeout=TIMEOUT)
    finally:
        writer.close()
    assert child.returncode == code, (child.returncode, err)
    assert err.startswith(said), err
    assert "Traceback" not in err
    assert project.read_bytes() == before


def test_a_hang_up_ignored_by_nohup_stays_ignored(project, tmp_path, store):
    child, writer = reading_answers(tmp_path, start=ignore_hang_up)
    child.send_signal(signal.SIGHUP)
    writer.write("meget\n")
    writer.close()
    _out, err = child.communicate(timeout=TIMEOUT)
    assert child.returncode == 0, err
    assert answers_of(store, project.stem)[QUESTION] == "Ja, meget"


STOP_WHILE_LOADING = """
import os
import signal
import sys


class Stopped:
    '''A stop from outside while the program's modules load: SIGTERM as PyYAML is being imported.'''

    def find_spec(self, name, path=None, target=None):
        if name == "yaml.error":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGTERM)
        return None


sys.meta_path.insert(0, Stopped())
sys.argv = ["spredning", *sys.argv[1:]]
exec(open(sys.argv.pop(1), encoding="utf-8").read())
"""


def test_a_stop_from_outside_while_the_program_loads_is_said_too(tmp_path):
    script = tmp_path / "stoppet.py"
    script.write_text(STOP_WHILE_LOADING, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(SPREDNING), "status"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=default_stops,
        env={**os.environ, "SPREDNING_HJEM": str(tmp_path / "hjem")},
    )
    assert result.returncode == 143, result.stderr
    assert result.stderr.startswith("Stoppet udefra."), result.stderr
