"""Interrupts and environments: the INSTALLED ``spredning`` run as a user's shell would run it.

Every run has a timeout. Without a terminal, ``fase`` must stop with exit code 2 and point at
``--svar``; read-only commands must work with any stdin, with stdout piped, ``TERM=dumb``,
``NO_COLOR`` and a 20-column terminal. In a pseudo-terminal, Ctrl-C and Ctrl-D at a text prompt and
at a select prompt end with exit code 130 and a message, and the project file stays whole.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import answers_of

from spredning.core.store import Store

pexpect = pytest.importorskip("pexpect")

SPREDNING = Path(sys.executable).parent / "spredning"
TIMEOUT = 60
ANSWERED = "tjek.beskriv-innovationen.genbruge.interessant"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not SPREDNING.exists(), reason="spredning is not installed"),
]


def child_env(**changes: str) -> dict[str, str]:
    """The test's environment (home in tmp_path, no colour, 80 columns) with changes."""
    env = dict(os.environ)
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(changes)
    return env


def run(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    if "input" not in kwargs:
        kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(
        [str(SPREDNING), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env or child_env(),
        check=False,
        **kwargs,
    )


@pytest.fixture
def project(store: Store, make_project) -> Path:
    """An active project with no answers yet; returns its file."""
    slug = make_project(role="genbruge")
    store.set_active(slug)
    return store.path_for(slug)


@pytest.fixture
def started_project(save_answer, project: Path) -> Path:
    """An active project with one answer in the tjek phase, so fase opens with the resume menu."""
    save_answer(project.stem, ANSWERED, "Ja, meget")
    return project


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as one space.

    Messages name the command as the user typed it, so where a line wraps depends on that path's
    length (and so on the folder pytest was started from); the words must not.
    """
    return " ".join(text.split())


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr
    assert "Error" not in result.stderr


# --- no terminal: fase refuses, and says how to script it ---------------------------------------


def assert_needs_a_terminal(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert "kræver derfor en terminal" in flat(result.stderr)
    assert "--svar" in result.stderr
    assert_no_traceback(result)


def test_fase_with_stdin_from_dev_null(project):
    before = project.read_bytes()
    assert_needs_a_terminal(run("fase", "tjek", "--rolle", "genbruge", stdin=subprocess.DEVNULL))
    assert project.read_bytes() == before


def test_fase_with_stdin_closed_at_once(project):
    before = project.read_bytes()
    reader, writer = os.pipe()
    os.close(writer)  # the other end is gone before the command starts: stdin is at EOF
    try:
        result = run("fase", "tjek", "--rolle", "genbruge", stdin=reader)
    finally:
        os.close(reader)
    assert_needs_a_terminal(result)
    assert project.read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
def test_fase_with_no_stdin_at_all(project):
    """File descriptor 0 closed: Python starts with sys.stdin set to None."""
    result = run("fase", "tjek", "--rolle", "genbruge", stdin=None, preexec_fn=lambda: os.close(0))
    assert_needs_a_terminal(result)


def test_fase_with_piped_stdin(project):
    before = project.read_bytes()
    assert_needs_a_terminal(run("fase", "tjek", "--rolle", "genbruge", input="Ja\nNej\n"))
    assert project.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_fase_with_a_terminal_for_stdin_but_stdout_piped(project):
    main, secondary = os.openpty()
    try:
        result = run("fase", "tjek", "--rolle", "genbruge", stdin=secondary)
    finally:
        os.close(main)
        os.close(secondary)
    assert_needs_a_terminal(result)


def test_start_without_a_terminal_asks_for_the_options(tmp_path):
    result = run("start")
    assert result.returncode == 2
    assert "--navn" in result.stderr
    assert_no_traceback(result)
    assert not (tmp_path / "hjem").exists() or list((tmp_path / "hjem").glob("*.yaml")) == []


@pytest.mark.parametrize("args", [(), ("status",), ("rapport",), ("--help",)], ids=" ".join)
def test_a_working_folder_deleted_under_the_terminal_is_said_in_danish(project, tmp_path, args):
    gone = tmp_path / "slettet"
    gone.mkdir()
    before = project.read_bytes()
    # the shell stands in the folder, which is then deleted; the program starts there
    script = f'cd "{gone}" && rmdir "{gone}" && exec "{SPREDNING}" "$@"'

    result = subprocess.run(
        ["sh", "-c", script, "sh", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        check=False,
    )

    assert result.returncode == 1
    said = " ".join(result.stderr.split())
    assert said.startswith("Fejl: Den mappe, terminalen står i, findes ikke længere")
    assert "Gå til en anden mappe" in said
    assert_no_traceback(result)
    assert project.read_bytes() == before


def test_answers_piped_to_svar_dev_stdin_are_saved(project, store):
    result = run(
        "fase", "tjek", "--rolle", "genbruge", "--svar", "/dev/stdin", input=f"{ANSWERED}: |\n  Ja\n  no\n"
    )
    assert result.returncode == 0, result.stderr
    assert answers_of(store, project.stem)[ANSWERED] == "Ja\nno"


# --- read-only commands in odd environments -------------------------------------------------------

ENVIRONMENTS = {
    "term-dumb": {"TERM": "dumb"},
    "no-color": {"NO_COLOR": "1", "TERM": "xterm-256color"},
    "20-kolonner": {"COLUMNS": "20"},
    "alt-paa-en-gang": {"TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "20", "LINES": "5"},
    "ugyldig-columns": {"COLUMNS": "abc"},
    "force-color": {"FORCE_COLOR": "1", "COLUMNS": "20"},
}
COMMANDS = [("status",), ("vis",), ("guide",), ("projekter",), ("status", "--json")]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("changes", ENVIRONMENTS.values(), ids=ENVIRONMENTS.keys())
def test_read_only_commands_work_anywhere(started_project, command, changes):
    before = started_project.read_bytes()
    env = child_env(**changes)
    if "NO_COLOR" not in changes:
        env.pop("NO_COLOR", None)
    result = run(*command, env=env, input="")  # stdin piped and empty
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert_no_traceback(result)
    if "FORCE_COLOR" not in changes:
        assert "\x1b" not in result.stdout  # stdout is piped: no colour codes in it
    assert started_project.read_bytes() == before


@pytest.mark.parametrize("columns", [None, "50"], ids=["vinduets-bredde", "COLUMNS"])
def test_a_dumb_terminal_is_laid_out_to_its_own_width(columns):
    """TERM=dumb (Emacs' shell, some editors' terminals): rich lays a dumb terminal out for 80 columns
    whatever its size, so in a window of 60 the terminal broke every longer line in the middle of a word."""
    env = child_env(TERM="dumb")
    env.pop("COLUMNS", None)
    if columns:
        env["COLUMNS"] = columns
    child = pexpect.spawn(
        str(SPREDNING), ["guide", "--ingen-pager"], env=env, encoding="utf-8", timeout=30, dimensions=(40, 60)
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    width = int(columns or 60)
    lines = child.before.replace("\r\n", "\n").splitlines()
    assert max(len(line) for line in lines) <= width
    assert max(len(line) for line in lines) > width - 10  # laid out to the width, not to a narrower one


@pytest.mark.parametrize("command", [("guide", "--ider"), ("vis",), ("status", "--json")], ids=" ".join)
def test_the_installed_command_writes_all_its_output_before_it_ends(started_project, run_cli, command):
    # The command ends the process without Python's teardown (cli.run); what was still in the
    # output buffer must have been written first. Output to a pipe is buffered, unless
    # PYTHONUNBUFFERED is set (as it may be where the tests run), so it is removed here.
    env = child_env()
    env.pop("PYTHONUNBUFFERED", None)
    installed = run(*command, env=env)
    code, out, err = run_cli(*command)
    assert (installed.returncode, err) == (code, "")
    assert installed.stdout == out
    assert len(out) > 8192 or command[0] == "status"  # more than one buffer's worth


def test_python_dash_m_spredning_runs_the_command(started_project):
    result = subprocess.run(
        [sys.executable, "-m", "spredning", "status", "--json"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"besvaret": 1' in result.stdout


def test_stdout_closed_early_by_the_reader(started_project):
    """``spredning guide | head -1``: the reader goes away; no traceback, no damage."""
    proc = subprocess.Popen(
        [str(SPREDNING), "guide"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
    )
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=TIMEOUT)
    assert "Traceback" not in err
    assert proc.returncode in (0, 1, 141, -13)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_to_a_full_disk(started_project):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [str(SPREDNING), "status"],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT,
            env=child_env(),
            check=False,
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Fejl:")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [("status",), ("status", "--json")], ids=" ".join)
def test_stdout_to_a_full_disk_says_so_in_danish(started_project, command):
    env = child_env()
    env.pop("PYTHONUNBUFFERED", None)  # buffered: --json's output fails only at the last flush
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [str(SPREDNING), *command],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    assert result.returncode == 1
    assert "uventet" not in result.stderr
    assert "disken er fuld" in result.stderr


# --- Ctrl-C and Ctrl-D in a pseudo-terminal ----------------------------------------------------

CTRL_C, CTRL_D = "\x03", "\x04"


def spawn_fase(columns: int = 100, **changes: str):
    env = child_env(**{"COLUMNS": str(columns), "TERM": "xterm", **changes})
    return pexpect.spawn(
        str(SPREDNING),
        ["fase", "tjek", "--rolle", "genbruge"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, columns),
    )


def interrupt(child, prompt: str, keys: str, typed: str = "") -> str:
    """Wait for a prompt, type, press the keys; return everything printed after them, flattened."""
    try:
        child.expect(prompt)
        if typed:
            child.send(typed)
        child.send(keys)
        child.expect(pexpect.EOF, timeout=15)
        return flat(child.before)
    finally:
        child.close(force=True)


def assert_interrupted(child, output: str, path: Path, before: bytes, store: Store) -> None:
    assert child.exitstatus == 130, output
    assert "Stoppet" in output
    assert "Fortsæt senere med" in output
    assert "Traceback" not in output
    assert path.read_bytes() == before
    store.load(path.stem)  # still loads


@pytest.mark.parametrize("keys", [CTRL_C, CTRL_D], ids=["ctrl-c", "ctrl-d"])
def test_interrupt_at_a_text_prompt(project, store, keys):
    before = project.read_bytes()
    child = spawn_fase()
    output = interrupt(child, "Svar:", keys)
    assert_interrupted(child, output, project, before, store)
    assert "0 af 14" in output


def test_ctrl_c_after_typing_saves_nothing_half_typed(project, store):
    before = project.read_bytes()
    child = spawn_fase()
    output = interrupt(child, "Svar:", CTRL_C, typed="et halvt svar")
    assert_interrupted(child, output, project, before, store)
    assert "halvt" not in project.read_text(encoding="utf-8")


@pytest.mark.parametrize("keys", [CTRL_C, CTRL_D], ids=["ctrl-c", "ctrl-d"])
def test_interrupt_at_the_resume_menu(started_project, store, keys):
    before = started_project.read_bytes()
    child = spawn_fase()
    output = interrupt(child, "Hvordan vil du", keys)
    assert_interrupted(child, output, started_project, before, store)
    assert "1 af 14" in output


@pytest.mark.parametrize("changes", [{"TERM": "dumb"}, {"NO_COLOR": "1"}], ids=["dumb", "no-color"])
def test_ctrl_c_in_a_narrow_or_plain_terminal(started_project, store, changes):
    before = started_project.read_bytes()
    child = spawn_fase(columns=20, **changes)
    output = interrupt(child, "Hvordan", CTRL_C)
    assert_interrupted(child, output, started_project, before, store)


INTERRUPT_WHILE_LOADING = """
import os
import signal
import sys


class Interrupted:
    '''Ctrl+C pressed while the program's modules load: SIGINT arrives as PyYAML is being imported.'''

    def find_spec(self, name, path=None, target=None):
        if name == "yaml.error":
            os.kill(os.getpid(), signal.SIGINT)
        return None


sys.meta_path.insert(0, Interrupted())
sys.argv = ["spredning", *sys.argv[1:]]
exec(open(sys.argv.pop(1), encoding="utf-8").read())
"""


@pytest.mark.parametrize(("options", "said"), [((), "Stoppet."), (("--sprog", "en"), "Stopped.")])
def test_ctrl_c_while_the_program_loads_ends_in_words_not_a_traceback(tmp_path, options, said):
    """The installed script itself runs, with Ctrl+C arriving at the import of the program's main module."""
    script = tmp_path / "afbrudt.py"
    script.write_text(INTERRUPT_WHILE_LOADING, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(SPREDNING), *options, "status"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=child_env(SPREDNING_HJEM=str(tmp_path / "hjem")),
    )
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(said), result.stderr
