"""End to end: the installed `spredning` alone in a pseudo-terminal of 80 x 24, as a person uses it.

The first run, each kind of action's way back to the menu, Esc, Ctrl+C and Ctrl+D; the help when
stdin or stdout is no terminal; and how hints name the command, with and without `spredning` on
the PATH, started by its path, or as `python -m spredning`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from homekit import go
from projectkit import workspace
from terminal import ANSI, COMMAND, CTRL_C, CTRL_D, DOWN, ENTER, TIMEOUT, person

pytestmark = pytest.mark.e2e

UP = "\x1b[A"
ESC = "\x1b"
BIN = COMMAND.parent  # the venv's bin folder: spredning, python, activate


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", ANSI.sub("", text))


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """A person's environment at 80 x 24, without `spredning` on the PATH (tests add it)."""
    (tmp_path / "arbejde").mkdir()
    return {
        **person(tmp_path, lines=24),
        "PATH": "/usr/bin:/bin",
        "PAGER": "",  # long output is printed, not paged (the pager has its own tests)
    }


@pytest.fixture
def on_path(env) -> dict[str, str]:
    return {**env, "PATH": f"{BIN}{os.pathsep}{env['PATH']}"}


@pytest.fixture
def spawn(tmp_path, pseudo_terminal):
    """Start a program (`spredning` unless told) in a pseudo-terminal of 80 x 24, in tmp_path/arbejde
    unless told otherwise."""

    def start(env: dict, *args: str, program: str = str(COMMAND), cwd: Path | None = None) -> pexpect.spawn:
        return pseudo_terminal(program, args, env=env, rows=24, cwd=cwd or tmp_path / "arbejde")

    return start


def finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, plain(child.logfile_read.getvalue())


def menu(child) -> None:
    """Wait until the menu is drawn and ready for keys."""
    child.expect_exact("Hvad vil du gøre?")
    child.expect_exact("Afslut")


def back_to_menu(child) -> None:
    child.expect_exact("Tilbage til menuen?")
    child.expect_exact("Ja, vis menuen")
    child.send(ENTER)
    menu(child)


def run(env: dict, *args: str, program: list[str] | None = None, cwd: Path | None = None):
    """Run without a terminal, in the working folder (tmp_path/arbejde) unless told otherwise."""
    return subprocess.run(
        [*(program or [str(COMMAND)]), *args],
        env=env,
        cwd=cwd or Path(env["HOME"]).parent / "arbejde",
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT * 3,
        check=False,
    )


# --- the home screen in a terminal -------------------------------------------------------------------


def test_first_run_example_status_guide_esc_and_ctrl_c(spawn, on_path, tmp_path):
    child = spawn(on_path)
    child.expect_exact("Velkommen til spredning")
    child.expect_exact("6. Høst")
    menu(child)
    child.send(DOWN + ENTER)  # Prøv eksempelprojektet
    child.expect_exact("Samme som: spredning start --eksempel")
    child.expect_exact("Projektet er oprettet")
    back_to_menu(child)
    child.send(go(workspace(tmp_path / "hjem"), "status"))  # after the side, the overdue actions, ...
    child.expect_exact("Samme som: spredning status")
    child.expect_exact("Næste skridt:")
    back_to_menu(child)
    child.send(UP * 2 + ENTER)  # Læs guiden … (the line above Afslut)
    child.expect_exact("Hvad vil du læse?")
    child.expect_exact("Hele guiden")
    child.send(ESC)
    menu(child)
    child.send(CTRL_C)

    status, output = finish(child)

    assert status == 130
    assert "Stoppet. Intet er gået tabt af det, der allerede var gemt." in output
    assert "Tip:" not in output  # spredning is a plain word here
    assert output.count("Samme som:") == 2
    assert (tmp_path / "hjem" / "eksempel-digitalt-genoptraeningsforloeb.yaml").is_file()


def test_ctrl_c_in_an_answer_comes_back_to_the_menu_and_ctrl_d_leaves(spawn, on_path, tmp_path):
    created = run(on_path, "start", "--navn", "Ærø Kommune", "--rolle", "genbruge", "--genbruger", "Ærø")
    assert created.returncode == 0, created.stderr
    child = spawn(on_path)
    menu(child)
    child.send(ENTER)  # Fortsæt i fasen Tjek: ...
    child.expect_exact("Samme som: spredning fase tjek --rolle genbruge")
    child.expect_exact("[1/14]")
    child.expect_exact("Svar:")
    child.send("halvt skrevet")
    child.expect_exact("halvt skrevet")
    child.send(CTRL_C)
    child.expect(r"gemt\s+som\s+kladde")  # after the project file's path, which may move the line break
    back_to_menu(child)
    child.send(CTRL_D)

    status, output = finish(child)

    assert status == 130
    assert "Gør kladden færdig i fasen Tjek" in output
    assert "Fortsæt senere med: spredning fase tjek --rolle genbruge" in output
    state = (tmp_path / "hjem" / ".spredning" / "aeroe-kommune.yaml").read_text(encoding="utf-8")
    assert "halvt skrevet" in state


def test_esc_at_the_menu_asks_and_quitting_ends_with_0(spawn, on_path):
    child = spawn(on_path)
    menu(child)
    child.send(ESC)
    child.expect_exact("Vil du afslutte spredning?")
    child.expect_exact("Ja, afslut")
    child.send(DOWN + ENTER)

    status, output = finish(child)

    assert status == 0, output
    assert "Stoppet" not in output


# --- without a terminal: the help ----------------------------------------------------------------


def test_without_a_terminal_the_help_exit_0(on_path):
    result = run(on_path)

    assert result.returncode == 0
    assert result.stdout.startswith("Anvendelse: spredning [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert result.stderr == ""


@pytest.mark.parametrize("redirect", ["</dev/null", "| cat"])
def test_stdin_or_stdout_not_a_terminal_gives_the_help(spawn, on_path, redirect):
    child = spawn(on_path, "-c", f"{COMMAND} {redirect}", program="/bin/sh")

    status, output = finish(child)

    assert status == 0
    assert "Anvendelse:" in output and "Hvad vil du gøre?" not in output


# --- hints name the command as this user can type it ------------------------------------------------


def start_reusing(name: str) -> tuple[str, ...]:
    """The words of 'start' for a project on the reusing side, of organisation `name` and named so."""
    return ("start", "--navn", name, "--rolle", "genbruge", "--genbruger", name)


def test_on_the_path_hints_say_spredning(on_path, tmp_path):
    result = run(on_path, *start_reusing("Ærø"))

    assert result.returncode == 0, result.stderr
    assert "Næste skridt: spredning fase tjek --rolle genbruge" in plain(result.stdout)


def test_not_on_the_path_hints_name_the_path_it_was_started_by(env, tmp_path):
    result = run(env, *start_reusing("Ærø"))

    assert result.returncode == 0, result.stderr
    assert f"Næste skridt: {COMMAND} fase tjek --rolle genbruge" in plain(result.stdout)
    wrong = run(env, "statsu")
    assert f"Se '{COMMAND} --help' for at få hjælp." in plain(wrong.stderr)


@pytest.mark.parametrize("relative", ["bin/spredning", "./bin/spredning"])
def test_started_by_a_relative_path_hints_name_that_path(env, relative):
    venv = BIN.parent
    result = run(env, *start_reusing("Ærø"), program=[relative], cwd=venv)

    assert result.returncode == 0, result.stderr
    assert "Næste skridt: bin/spredning fase tjek --rolle genbruge" in plain(result.stdout)


def test_python_m_hints_name_the_interpreter(env, on_path, tmp_path):
    python = [sys.executable, "-m", "spredning"]

    away = run(env, *start_reusing("Ærø"), program=python, cwd=tmp_path)
    assert away.returncode == 0, away.stderr
    assert f"Næste skridt: {sys.executable} -m spredning fase tjek" in plain(away.stdout)

    near = run(on_path, *start_reusing("Fanø"), program=python, cwd=tmp_path)
    assert near.returncode == 0, near.stderr
    assert f"Næste skridt: {Path(sys.executable).name} -m spredning fase tjek" in plain(near.stdout)


def test_the_home_screen_started_by_path_tells_how_to_make_spredning_a_plain_word(spawn, env):
    child = spawn(env)
    menu(child)
    child.send(DOWN + ENTER)  # the example
    child.expect_exact("Samme som:")
    back_to_menu(child)
    child.send(UP + ENTER)  # Afslut

    status, output = finish(child)

    assert status == 0, output
    first_screen = ANSI.sub("", child.logfile_read.getvalue()).split("? Hvad vil du gøre?")[0]
    assert first_screen.count("\n") + 1 + 5 <= 24  # welcome, phases, tip, then the question and 5 lines
    assert f"Tip: Skriv source {BIN / 'activate'} én gang i hvert nyt terminalvindue" in output
    assert f"så kan du skrive spredning i stedet for {COMMAND}." in output
    assert output.count("Tip:") == 1  # once, not at every return to the menu
    assert f"Samme som: {COMMAND} start --eksempel" in output


def test_the_tip_is_short_when_started_from_the_project_folder(spawn, env):
    venv = BIN.parent
    child = spawn(env, "-c", "exec bin/spredning", program="/bin/sh", cwd=venv)  # as typed in that folder
    menu(child)
    child.send(UP + ENTER)

    status, output = finish(child)

    assert status == 0, output
    assert "Tip: Skriv source bin/activate én gang" in output
