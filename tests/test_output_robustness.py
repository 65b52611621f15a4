"""Output that cannot be written as usual: a closed stdout or a full disk, an encoding without 'ø',
a reader that stops early, a width of 0 columns, a pager that fails or is told (by $LESS) not to
show colours.

Each case runs the installed command, as a user's shell or script would. A command whose work
is done (a project made, answers saved, a file written) ends with 0 and says so on stderr when
its output then fails; one that only shows something fails (1). Every command is in one of the
two lists below, so a new one must be sorted (and, if it does work, tested) to pass.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pexpect
import pytest
import yaml
from exchange_kit import G1
from terminal import COMMAND, TIMEOUT
from test_i18n import command_paths

from spredning.i18n import t

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.usefixtures("work_in_tmp"),  # a report without --ud is written in the current folder
]

NAME = "Grøn omstilling"  # a Danish letter in what status and vis show


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


CLOSED, FULL = "lukket", "fuld"  # stdout closed ('>&-', EBADF) or a full disk ('> /dev/full', ENOSPC)
REDIRECTS = {CLOSED: '"$@" >&-', FULL: '"$@" > /dev/full'}
FAILING = [
    CLOSED,
    pytest.param(FULL, marks=pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")),
]


def run(*args: str, env: dict[str, str] | None = None, stdout: str | None = None, **kwargs):
    """Run the installed command; with stdout CLOSED or FULL its output cannot be written.

    The redirection is the shell's, as in a user's script.
    """
    argv = [str(COMMAND), *args]
    if stdout is not None:
        argv = ["sh", "-c", REDIRECTS[stdout], "sh", *argv]
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


# --- 1. stdout closed or a full disk ------------------------------------------------------------

SLUG = "groen-omstilling"
NEW_PROJECT = ("--beskrivelse", "x", "--deler", "A", "--genbruger", "B", "--rolle", "dele")
ANSWER = "Vi har samme behov som Grøn by"  # the reusing side's answer to G1 in the answers file


def ok(*args: str) -> None:
    """Run a command that prepares a case (its output written as usual)."""
    result = run(*args)
    assert result.returncode == 0, result.stderr


def saved(home: Path, slug: str = SLUG) -> dict:
    """The project file as saved."""
    return yaml.safe_load((home / f"{slug}.yaml").read_text(encoding="utf-8"))


def follow_up(home: Path) -> dict:
    """The reusing organisation's follow-up as saved: plan, readiness marks, approvals, meetings."""
    return saved(home)["opfølgning"]["genbruge"]["b"]


def local_state(home: Path) -> dict:
    """This computer's state for the project (its side and organisation)."""
    return yaml.safe_load((home / ".spredning" / f"{SLUG}.yaml").read_text(encoding="utf-8"))


def active(home: Path) -> str:
    return (home / ".spredning" / "aktivt-projekt").read_text(encoding="utf-8").strip()


def answers_file(folder: Path) -> Path:
    path = folder / "svar.yaml"
    path.write_text(yaml.safe_dump({G1: ANSWER}, allow_unicode=True), encoding="utf-8")
    return path


def added_action(home: Path) -> str:
    ok("plan", "tilføj", "--hvad", "Ring til Ærø")
    (action_id,) = follow_up(home)["plan"]
    return action_id


class Work(NamedTuple):
    """A command that changes something: its words, and what is on disk once it has."""

    words: list[str]
    observed: Callable[[], object]
    expected: object


# Each case prepares a command that changes something (`home` holds the reusing side's project, see
# the fixture; `folder` is the current folder) and says where its change is seen.


def start(home, folder):
    words = ["start", "--navn", "Ny by", *NEW_PROJECT]
    return Work(words, lambda: (saved(home, "ny-by")["projekt"]["navn"], active(home)), ("Ny by", "ny-by"))


def start_example(home, folder):
    return Work(["start", "--eksempel"], lambda: len(list(home.glob("eksempel-*.yaml"))), 1)


def use_project(home, folder):
    ok("start", "--navn", "Andet", *NEW_PROJECT)  # the active project now
    return Work(["projekt", "brug", SLUG], lambda: active(home), SLUG)


def set_side(home, folder):
    # a computer set to the reusing side is made the sharing one only with a yes (--ja in a script)
    return Work(["projekt", "side", "dele", "--ja"], lambda: local_state(home)["side"], "dele")


def set_sharer(home, folder):
    name = "Nyborg Kommune"
    return Work(["projekt", "deler", name], lambda: saved(home)["projekt"]["deler"], name)


def add_partner(home, folder):
    words = ["projekt", "genbruger", "Ærø Kommune"]
    return Work(
        words, lambda: saved(home)["projekt"]["genbrugere"], {"b": "B", "aeroe-kommune": "Ærø Kommune"}
    )


def remove_partner(home, folder):
    assert run("projekt", "genbruger", "Ærø Kommune").returncode == 0
    words = ["projekt", "fjern-genbruger", "Ærø Kommune"]
    return Work(words, lambda: saved(home)["projekt"]["genbrugere"], {"b": "B"})


def remove_project(home, folder):
    assert run("start", "--navn", "Prøve", *NEW_PROJECT).returncode == 0
    return Work(
        ["projekt", "fjern", "Prøve"], lambda: sorted(p.name for p in home.glob("*.yaml")), [f"{SLUG}.yaml"]
    )


def restore_project(home, folder):
    assert run("start", "--navn", "Prøve", *NEW_PROJECT).returncode == 0
    assert run("projekt", "fjern", "Prøve", "--ja").returncode == 0
    return Work(
        ["projekt", "gendan", "Prøve"],
        lambda: sorted(p.name for p in home.glob("*.yaml")),
        sorted(["proeve.yaml", f"{SLUG}.yaml"]),
    )


def restore_project_renamed(home, folder):
    assert run("start", "--navn", "Prøve", *NEW_PROJECT).returncode == 0
    assert run("projekt", "fjern", "Prøve", "--ja").returncode == 0
    assert run("start", "--navn", "Prøve", *NEW_PROJECT).returncode == 0  # its file name taken
    return Work(
        ["projekt", "gendan", "Prøve", "--navn", "Prøve (2)"],
        lambda: sorted(p.name for p in home.glob("*.yaml")),
        sorted(["proeve.yaml", "proeve-2.yaml", f"{SLUG}.yaml"]),
    )


def merge_project(home, folder):
    ok("fase", "tjek", "--svar", str(answers_file(folder)))  # in the project started first
    made = run(
        "start",
        "--navn",
        "Delt",
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
    return Work(
        ["projekt", "flet", SLUG], lambda: ANSWER in (home / "delt.yaml").read_text(encoding="utf-8"), True
    )


def answer_from_file(home, folder):
    words = ["fase", "tjek", "--svar", str(answers_file(folder))]
    return Work(words, lambda: ANSWER in (home / f"{SLUG}.yaml").read_text(encoding="utf-8"), True)


def import_new_project(home, folder):
    ok("eksport", "--ud", str(folder / "til-a.yaml"))
    other = folder / "andet-hjem"  # the sharing organisation's, without the project yet
    words = ["--hjem", str(other), "importer", str(folder / "til-a.yaml")]
    return Work(words, lambda: saved(other)["projekt"]["navn"], NAME)


def import_into_project(home, folder):
    other = folder / "andet-hjem"
    ok("eksport", "--ud", str(folder / "til-a.yaml"))
    ok("--hjem", str(other), "importer", str(folder / "til-a.yaml"))
    ok("fase", "tjek", "--svar", str(answers_file(folder)))
    ok("eksport", "--ud", str(folder / "til-a-igen.yaml"))
    words = ["--hjem", str(other), "importer", str(folder / "til-a-igen.yaml")]
    return Work(words, lambda: ANSWER in (other / f"{SLUG}.yaml").read_text(encoding="utf-8"), True)


def repair_git_markers(home, folder):
    path = home / f"{SLUG}.yaml"
    line = "  beskrivelse: y\n"  # git marked a line that both sides have
    path.write_text(path.read_text().replace(line, f"<<<<<<< HEAD\n{line}=======\n{line}>>>>>>> andet\n"))
    return Work(
        ["konflikter"], lambda: ("<<<<<<<" in path.read_text(), len(list(home.glob("*.bak-*")))), (False, 1)
    )


def add_action(home, folder):
    words = ["plan", "tilføj", "--hvad", "Ring til Ærø"]
    return Work(
        words, lambda: [action["hvad"] for action in follow_up(home)["plan"].values()], ["Ring til Ærø"]
    )


def change_action(home, folder):
    action = added_action(home)
    words = ["plan", "ret", action, "--status", "i gang"]
    return Work(words, lambda: follow_up(home)["plan"][action]["status"], "i-gang")


def close_action(home, folder):
    action = added_action(home)
    return Work(["plan", "luk", action], lambda: follow_up(home)["plan"][action]["status"], "færdig")


def plan_file(home, folder):
    ok("plan", "tilføj", "--hvad", "Ring til Ærø")
    path = folder / "plan.csv"
    words = ["plan", "--format", "csv", "--ud", str(path)]
    return Work(words, lambda: "Ring til Ærø" in path.read_text(encoding="utf-8-sig"), True)


def rate(home, folder):
    mark = "tjek.beskriv-innovationen.genbruge"
    return Work(
        ["klarhed", "beskriv-innovationen", "gul"], lambda: follow_up(home)["klarhed"][mark]["farve"], "gul"
    )


def approve(home, folder):
    words = ["godkend", "tjek", "--af", "Ida"]
    return Work(words, lambda: follow_up(home)["godkendelser"]["tjek.genbruge"]["af"], "Ida")


def meeting(home, folder):
    words = ["møde", "--dato", "02-01-2025"]
    return Work(words, lambda: [held["dato"] for held in follow_up(home)["møder"].values()], ["2025-01-02"])


def agenda(home, folder):
    path = folder / "dagsorden.md"
    return Work(["dagsorden", "--ud", str(path)], lambda: NAME in path.read_text(encoding="utf-8"), True)


def report(home, folder):
    path = folder / "rapport.md"
    return Work(["rapport", "--ud", str(path)], lambda: NAME in path.read_text(encoding="utf-8"), True)


def export(home, folder):
    path = folder / "til-a.yaml"
    return Work(["eksport", "--ud", str(path)], lambda: NAME in path.read_text(encoding="utf-8"), True)


def worksheet(home, folder):
    path = folder / "arbejdsark.docx"
    return Work(["arbejdsark", "--ud", str(path)], lambda: path.read_bytes()[:2], b"PK")  # a zip: Word's


# Every command that changes something, with a case for each way it does (see spredning --help).
WORK = {
    "start": [start, start_example],
    "projekt brug": [use_project],
    "projekt side": [set_side],
    "projekt genbruger": [add_partner],
    "projekt fjern-genbruger": [remove_partner],
    "projekt fjern": [remove_project],
    "projekt flet": [merge_project],
    "projekt gendan": [restore_project, restore_project_renamed],
    "projekt deler": [set_sharer],
    "fase": [answer_from_file],
    "importer": [import_new_project, import_into_project],
    "konflikter": [repair_git_markers],
    "plan": [plan_file],
    "plan tilføj": [add_action],
    "plan ret": [change_action],
    "plan luk": [close_action],
    "klarhed": [rate],
    "godkend": [approve],
    "møde": [meeting],
    "dagsorden": [agenda],
    "rapport": [report],
    "eksport": [export],
    "arbejdsark": [worksheet],
}
# Commands that only show something: their output is their work, so a failed output fails them.
SHOWING = {"projekter", "status", "vis", "guide", "valider", "projekt"}
CASES = [pytest.param(case, id=case.__name__) for cases in WORK.values() for case in cases]


def test_every_command_either_does_work_tested_below_or_only_shows():
    commands = {" ".join(words) for words in command_paths()}
    assert set(WORK) | SHOWING == commands
    assert not set(WORK) & SHOWING


@pytest.mark.parametrize("stdout", FAILING)
@pytest.mark.parametrize("case", CASES)
def test_work_done_stands_when_its_output_fails_and_stderr_says_so(home, tmp_path, case, stdout):
    work = case(home, tmp_path)
    result = run(*work.words, stdout=stdout)
    assert result.returncode == 0, result.stderr
    assert " ".join(result.stderr.split()) == t("error.done-but-not-shown")  # said once
    assert work.observed() == work.expected


@pytest.mark.parametrize("stdout", FAILING)
@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["status", "--json"],
        ["vis"],
        ["projekter"],
        ["guide"],
        ["valider"],
        ["plan"],  # the list; --format csv writes a file
        ["klarhed"],  # the picture; with a tool and a colour it saves a mark
        ["konflikter"],  # none to show, and no git markers to repair
    ],
)
def test_a_command_that_only_shows_fails_when_its_output_does(home, command, stdout):
    result = run(*command, stdout=stdout)
    assert result.returncode == 1
    error = " ".join(result.stderr.split())
    if stdout == CLOSED:
        assert t("error.output-closed") in error
    else:  # the output could not be written, not "could not write or read"
        assert t("error.output-full", reason=t("reason.full")) in error
        assert t("error.output-full.hint") in error
    assert t("error.done-but-not-shown") not in error and "AttributeError" not in error


@pytest.mark.parametrize("stdout", FAILING)
def test_a_dry_run_import_that_cannot_be_shown_fails_and_imports_nothing(home, tmp_path, stdout):
    ok("eksport", "--ud", str(tmp_path / "til-a.yaml"))
    other = tmp_path / "andet-hjem"
    result = run("--hjem", str(other), "importer", str(tmp_path / "til-a.yaml"), "--tør", stdout=stdout)
    assert result.returncode == 1
    assert t("error.done-but-not-shown") not in " ".join(result.stderr.split())
    assert not list(other.glob("*.yaml"))


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


@pytest.mark.parametrize("case", CASES)
def test_the_work_is_done_without_a_word_when_the_reader_stops_early(home, tmp_path, case):
    work = case(home, tmp_path)
    assert reader_gone(*work.words) == (0, "")
    assert work.observed() == work.expected


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
