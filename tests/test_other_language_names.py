"""A phase, readiness colour or status written in the other edition's language: in Danish 'fase
check', 'vis harvest', 'klarhed … green', '--status "in progress"'; in English 'grønt' for green.

Refused as before (exit 2, nothing saved), now with the name this edition takes suggested ("Mente du
'høst'?") and the user's whole command put right, as a misspelt name is; each test runs that
command as shown, and it does what was meant. In a terminal the list offered has the name meant
chosen already (Enter takes it). The installed command, and the real prompts by keystrokes.
"""

from __future__ import annotations

import shlex

import projectkit
import pytest
from exchange_kit import flat, installed
from projectkit import new_project

from spredning.core import followup

ENTER = "\r"
TOOL = "tjek.beskriv-innovationen"


@pytest.fixture
def run(tmp_path):
    """A project on the reusing side; `run(*args, language=...)` runs the installed command."""
    home = tmp_path / "hjem"

    def command(*args: str, language: str = "da") -> tuple[int, str, str]:
        return installed(*args, home=home, cwd=tmp_path, env={"SPREDNING_SPROG": language})

    code, _, err = command(
        "start", "--navn", "Test", "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune",
        "--rolle", "genbruge", "--organisation", "Ærø Kommune",
    )  # fmt: skip
    assert code == 0, err
    return command


def put_right(run, tmp_path, said: str, *args: str, language: str = "da") -> list[str]:
    """Refused (exit 2, the project unchanged), saying `said`: the command shown, as its words."""
    project = tmp_path / "hjem" / "test.yaml"
    before = project.read_bytes()
    code, out, err = run(*args, language=language)
    assert code == 2, (out, err)
    assert project.read_bytes() == before
    assert said in flat(err), err
    words = shlex.split(err.strip().splitlines()[-1])  # the command, whole on its line
    if words[0] in ("Fx:", "E.g.:"):  # after the hint's words, when there is room
        words = words[1:]
    assert words[0] == "spredning", err
    return words[1:]


def saved(tmp_path):
    """The project as saved, and its only partner."""
    project = projectkit.workspace(tmp_path / "hjem").store.load("test")
    return project, project.partners[0]


# --- without a terminal: refused, the command put right, which runs --------------------------------


@pytest.mark.parametrize(
    ("english", "danish", "shown"),
    [
        ("harvest", "høst", "Fase 6: Høst"),
        ("check", "tjek", "Fase 1: Tjek"),
        ("remove", "fjern", "Fase 4: Fjern"),
    ],
)
def test_vis_with_an_english_phase_suggests_the_danish_one_and_that_command_runs(
    run, tmp_path, english, danish, shown
):
    words = put_right(run, tmp_path, f"Ukendt fase: '{english}'. Mente du '{danish}'?", "vis", english)

    assert words == ["vis", danish]
    code, out, err = run(*words)
    assert code == 0, err
    assert shown in out


def test_godkend_with_an_english_phase_approves_the_danish_one_by_the_command_shown(run, tmp_path):
    words = put_right(run, tmp_path, "Mente du 'brug'?", "godkend", "implement", "--af", "Eva Holm")

    assert words == ["godkend", "brug", "--af", "Eva Holm"]
    assert run(*words)[0] == 0
    project, partner = saved(tmp_path)
    assert followup.approval(project, partner, "brug", "genbruge").by == "Eva Holm"


def test_plan_tilfoej_with_an_english_phase_and_status_saves_them_by_the_command_shown(run, tmp_path):
    args = ("plan", "tilføj", "--hvad", "Book et møde", "--fase", "adapt", "--status", "in progress")

    words = put_right(run, tmp_path, "'adapt' er ikke en fase eller et værktøj. Mente du 'tilpas'?", *args)

    assert "'in progress' er ikke en status. Mente du 'i gang'?" in flat(run(*args)[2])
    assert words == ["plan", "tilføj", "--hvad", "Book et møde", "--status", "i gang", "--fase", "tilpas"]
    code, _, err = run(*words)
    assert code == 0, err
    [item] = followup.plan_items(*saved(tmp_path))
    assert (item.what, item.source, item.status) == ("Book et møde", "tilpas", "i-gang")


@pytest.mark.parametrize(("english", "danish"), [("green", "grøn"), ("red", "rød"), ("yellow", "gul")])
def test_klarhed_with_an_english_colour_suggests_the_danish_one_and_that_command_saves_it(
    run, tmp_path, english, danish
):
    args = ("klarhed", "Beskriv innovationen", english, "--begrundelse", "Vi mangler tal")

    words = put_right(run, tmp_path, f"'{english}' er ikke en klarhed. Mente du '{danish}'?", *args)

    assert words == ["klarhed", "Beskriv innovationen", danish, "--begrundelse", "Vi mangler tal"]
    code, _, err = run(*words)
    assert code == 0, err
    mark = followup.readiness(*saved(tmp_path), TOOL, "genbruge")
    assert (mark.colour, mark.reason) == (danish, "Vi mangler tal")


def test_klarhed_with_an_english_tool_and_colour_puts_both_right_in_one_command_that_saves_it(run, tmp_path):
    """Found in stop 42's trial: a command saved from the English interview ('Describe the innovation'
    red), run in Danish, was put right in its tool only; that command was refused again for 'red'."""
    args = ("klarhed", "Describe the innovation", "red", "--begrundelse", "Vi mangler tal")

    words = put_right(run, tmp_path, "'Describe the innovation' er ikke et værktøj i guiden.", *args)

    assert words == ["klarhed", "Beskriv innovationen", "rød", "--begrundelse", "Vi mangler tal"]
    code, _, err = run(*words)
    assert code == 0, err
    mark = followup.readiness(*saved(tmp_path), TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("rød", "Vi mangler tal")


def test_in_english_a_danish_colour_misspelt_suggests_the_english_one_and_that_command_saves_it(
    run, tmp_path
):
    said = "'grønt' is not one of the readiness colours. Did you mean 'green'?"

    words = put_right(run, tmp_path, said, "klarhed", "Describe the innovation", "grønt", language="en")

    assert words == ["klarhed", "Describe the innovation", "green"]
    code, _, err = run(*words, language="en")
    assert code == 0, err
    assert followup.readiness(*saved(tmp_path), TOOL, "genbruge").colour == "grøn"


# --- in a terminal: the name meant chosen already in the list offered --------------------------------


def test_in_a_terminal_vis_with_an_english_phase_offers_the_phases_the_danish_one_chosen(on_screen, ws):
    new_project(ws)

    run = on_screen(ENTER, "vis", "harvest")

    assert run.code == 0, run.err
    assert "Ukendt fase: 'harvest'. Mente du 'høst'?" in flat(run.out)
    assert "Fase 6: Høst" in run.out and "Fase 1: Tjek" not in run.out


def test_in_a_terminal_klarhed_with_an_english_colour_offers_the_colours_the_danish_one_chosen(
    on_screen, ws, reusing
):
    run = on_screen(ENTER + "Vi mangler tal" + ENTER, "klarhed", "beskriv-innovationen", "red")

    assert run.code == 0, run.err
    assert "'red' er ikke en klarhed. Mente du 'rød'? Vælg en af klarhederne herunder." in flat(run.out)
    project = ws.store.load(reusing)
    mark = followup.readiness(project, project.partners[0], TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("rød", "Vi mangler tal")
