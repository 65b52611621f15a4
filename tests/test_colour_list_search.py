"""Typing in the list of readiness colours finds a colour by its word in either language: 'rød' finds
Red in English, 'red' finds Rød in Danish, as the command line takes both (grøn, gul and rød work in
English). Before, the English list found nothing for 'rød', and Enter then picked nothing.

The list of 'spredning klarhed VÆRKTØJ' and the interview's mark after a tool ('spredning fase'),
through their real prompts by keystrokes.
"""

from __future__ import annotations

import pytest
from projectkit import new_project

from spredning.core import followup

ENTER = "\r"
ESC_ENTER = "\x1b\r"
TOOL = "tjek.beskriv-innovationen"


def mark(ws, slug: str, tool: str = TOOL):
    project = ws.store.load(slug)
    return followup.readiness(project, project.partners[0], tool, "genbruge")


@pytest.mark.parametrize(
    ("language", "typed", "colour", "echoed"),
    [
        ("en", "rød", "rød", "Red – we are not ready"),
        ("en", "gul", "gul", "Yellow – something needs to be clarified"),
        ("en", "gron", "grøn", "Green – we are ready"),
        ("da", "red", "rød", "Rød – vi er ikke klar"),
        ("da", "yellow", "gul", "Gul – noget skal afklares"),
    ],
)
def test_klarhed_finds_the_colour_typed_in_either_language(
    on_screen, ws, reusing, language, typed, colour, echoed
):
    run = on_screen(
        typed + ENTER + "Vi mangler tal" + ENTER, "--sprog", language, "klarhed", "beskriv-innovationen"
    )

    assert run.code == 0, run.err
    assert echoed in run.screen  # the choice echoed under the question
    assert (mark(ws, reusing).colour, mark(ws, reusing).reason) == (colour, "Vi mangler tal")


def test_the_interviews_mark_after_a_tool_finds_a_danish_colour_in_english(fase_in_terminal, ws):
    slug = new_project(ws)
    answers = "".join(f"answer {n}" + ESC_ENTER for n in range(1, 6))
    # the review: go on; the offer of an action: go on; then 'gul' typed at the readiness list
    keys = answers + ENTER + ENTER + "gul" + ENTER + "We lack figures" + ENTER

    code, _, err = fase_in_terminal(keys, "fjern", "--sprog", "en")

    assert code == 0, err
    found = mark(ws, slug, "fjern.fjern-forhindringer")
    assert (found.colour, found.reason) == ("gul", "We lack figures")
