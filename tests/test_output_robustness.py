"""Output that cannot be written as usual: a closed stdout, an encoding without 'ø', a reader that
stops early, a width of 0 columns, a pager that fails or is told (by $LESS) not to show colours.

Each case runs the installed command, as a user's shell or script would.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from terminal import COMMAND, TIMEOUT

from spredning.i18n import t

pytestmark = pytest.mark.e2e

NAME = "Grøn omstilling"  # a Danish letter in what status and vis show


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a report without --ud is written in the current folder


@pytest.fixture
def home() -> Path:
    """A home with one project (the reusing side), made by the installed command."""
    folder = Path(os.environ["SPREDNING_HJEM"])
    made = run(
        "start",
        "--navn",
        NAME,
        "--beskrivelse",
        "y",
        "--deler",
        "A",
        "--genbruger",
        "B",
        "--rolle",
        "genbruge",
    )
    assert made.returncode == 0, made.stderr
    return folder


def run(*args: str, env: dict[str, str] | None = None, closed_stdout: bool = False, **kwargs):
    """Run the installed command; with closed_stdout it starts without a stdout (as '>&-' does)."""
    argv = [str(COMMAND), *args]
    if closed_stdout:
        argv = ["sh", "-c", '"$@" >&-', "sh", *argv]
    return subprocess.run(
        argv, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=60, **kwargs
    )


def reader_gone(*args: str) -> tuple[int, str]:
    """Run with stdout a pipe whose reader has stopped before the first line ('| head -0')."""
    process = subprocess.Popen(
        [str(COMMAND), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    error = process.stderr.read()
    return process.wait(timeout=60), error


# --- 1. stdout closed --------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["status"], ["vis"], ["projekter"], ["status", "--json"]])
def test_a_closed_stdout_is_reported_like_a_full_disk(home, command):
    result = run(*command, closed_stdout=True)
    assert result.returncode == 1
    assert t("error.output-closed") in result.stderr.replace("\n", " ")
    assert "AttributeError" not in result.stderr


def test_a_report_written_with_stdout_closed_is_done_and_says_so(home, tmp_path):
    report = tmp_path / "rapport.md"
    result = run("rapport", "--ud", str(report), closed_stdout=True)
    assert result.returncode == 0, result.stderr
    assert NAME in report.read_text(encoding="utf-8")
    assert " ".join(result.stderr.split()) == t("error.done-but-not-shown")


# --- 2. an encoding that cannot hold every character --------------------------------------------


def test_an_ascii_output_gets_question_marks_not_an_error(home):
    result = run("status", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Gr?n omstilling" in result.stdout
    assert result.stderr == ""


def test_an_error_on_an_ascii_stderr_is_readable(home):
    result = run("vis", "ingen-fase", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 2
    assert "H?st" in result.stderr  # the phase list names Høst
    assert "\\x" not in result.stderr and "UnicodeEncodeError" not in result.stderr


# --- 3. a reader that stops early ----------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["status"], ["status", "--json"], ["vis"], ["guide"], ["projekter"], ["rapport"], ["--help"]],
)
def test_a_reader_that_stops_early_is_no_error(home, command):
    code, error = reader_gone(*command)
    assert (code, error) == (0, "")


def test_the_work_is_done_when_the_reader_stops_early(home, tmp_path):
    report = tmp_path / "rapport.md"
    code, error = reader_gone("rapport", "--ud", str(report))
    assert (code, error) == (0, "")
    assert NAME in report.read_text(encoding="utf-8")


# --- 5. a width of 0 columns ---------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["0", "3"])
@pytest.mark.parametrize("command", ["status", "vis"])
def test_a_width_of_almost_nothing_still_shows_the_text(home, command, columns):
    result = run(command, env={"COLUMNS": columns})
    assert result.returncode == 0, result.stderr
    assert "Grøn" in result.stdout  # laid out for 80 columns (0) or 20 (3), not for none


# --- 6. the pager --------------------------------------------------------------------------------


def paged(env: dict[str, str], keys: str = "") -> tuple[int, str]:
    """Run 'vis' in a 24-line terminal with colours and a pager; return exit status and raw output."""
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment.update(TERM="xterm", **env)
    child = pexpect.spawn(
        str(COMMAND), ["vis"], env=environment, encoding="utf-8", dimensions=(24, 80), timeout=TIMEOUT
    )
    child.logfile_read = io.StringIO()
    if keys:
        child.expect(r"\(END\)|:|lines")  # less waits for a key at the end of the first screen
        child.send(keys)
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.logfile_read.getvalue()


def test_a_pager_that_fails_leaves_the_text_printed(home):
    code, output = paged({"PAGER": "false"})
    assert code == 0
    assert "omstilling" in output
    assert "Tjek" in output  # the first phase's title


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_less_shows_colours_whatever_the_users_less_setting(home):
    code, output = paged({"PAGER": "less", "LESS": "-FX"}, keys="q")
    assert code == 0
    assert "\x1b[1m" in output  # the colour codes reach the terminal ...
    assert "ESC[" not in output  # ... and less does not show them as text


if sys.platform == "win32":  # pragma: no cover - the pseudo-terminal tests need a POSIX system
    pytest.skip("POSIX only", allow_module_level=True)
