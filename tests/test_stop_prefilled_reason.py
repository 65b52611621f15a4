"""Ctrl+C (or Esc) in the reason field of 'klarhed' when the field holds the mark's saved reason, unchanged.

Nothing typed is lost, and the mark saved is still the one there: only 'Stoppet. Markeringen er
ikke ændret.' is said, no command that would save the same mark again. A reason changed is said
as before, with the command that saves it.
"""

from __future__ import annotations

import pytest
from exchange_kit import flat

ENTER = "\r"
UP = "\x1b[A"
CTRL_C = "\x03"
ESC = "\x1b"  # followed by Enter, which reaches no field: a lone Esc at the end of the input is lost
RED = ("klarhed", "beskriv-innovationen", "rød", "--begrundelse", "Kom ikke i mål")


def _marked_red(run_cli, ws, reusing) -> bytes:
    assert run_cli(*RED)[0] == 0
    return ws.store.path_for(reusing).read_bytes()


@pytest.mark.parametrize("stop", [CTRL_C, ESC + ENTER], ids=["ctrl-c", "esc"])  # Esc in a field stops too
def test_stop_in_the_saved_reason_unchanged_says_only_that_the_mark_is_unchanged(
    on_screen, run_cli, ws, reusing, stop
):
    before = _marked_red(run_cli, ws, reusing)

    run = on_screen(ENTER + stop, "klarhed", "Beskriv innovationen")  # Rød chosen already, its reason shown

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Markeringen er ikke ændret."
    assert ws.store.path_for(reusing).read_bytes() == before


def test_in_english_the_saved_reason_unchanged_is_not_said_to_be_typed(on_screen, run_cli, ws, reusing):
    _marked_red(run_cli, ws, reusing)

    run = on_screen(ENTER + CTRL_C, "--sprog", "en", "klarhed", "Beskriv innovationen")

    assert run.code == 130
    assert flat(run.err) == "Stopped. The mark has not changed."


def test_stop_after_the_saved_reason_was_changed_gives_the_command_that_saves_it(
    on_screen, run_cli, ws, reusing
):
    before = _marked_red(run_cli, ws, reusing)

    run = on_screen(ENTER + " endnu" + CTRL_C, "klarhed", "Beskriv innovationen")

    assert run.code == 130
    assert flat(run.err) == (
        "Stoppet. Markeringen er ikke ændret. Begrundelsen, du skrev, er heller ikke gemt; "
        "gem markeringen med den: "
        "spredning klarhed beskriv-innovationen rød --begrundelse 'Kom ikke i mål endnu'"
    )
    assert ws.store.path_for(reusing).read_bytes() == before


def test_stop_with_another_colour_gives_the_command_with_the_colour_alone(on_screen, run_cli, ws, reusing):
    """Gul chosen: the red mark's reason is said above the field, not put in it (it says why the mark
    was red), so the stop's command saves gul alone."""
    _marked_red(run_cli, ws, reusing)

    run = on_screen(UP + ENTER + CTRL_C, "klarhed", "Beskriv innovationen")  # from Rød up to Gul

    assert run.code == 130
    assert "Begrundelsen ved den tidligere markering (rød) var: »Kom ikke i mål«." in flat(run.out)
    assert flat(run.err) == (
        "Stoppet. Markeringen er ikke ændret. Gem den med den farve, du valgte: "
        "spredning klarhed beskriv-innovationen gul"
    )


def test_stop_in_an_empty_field_of_a_mark_saved_without_a_reason_says_only_that_it_is_unchanged(
    on_screen, run_cli, ws, reusing
):
    assert run_cli("klarhed", "beskriv-innovationen", "rød")[0] == 0

    run = on_screen(ENTER + CTRL_C, "klarhed", "Beskriv innovationen")

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Markeringen er ikke ændret."


def test_a_reason_given_that_differs_from_the_saved_one_only_in_spaces_is_the_saved_one(
    on_screen, run_cli, ws, reusing
):
    """Saved on one line with single spaces, 'Kom  ikke i mål' is the mark's reason: Enter changes nothing."""
    before = _marked_red(run_cli, ws, reusing)

    run = on_screen(ENTER + CTRL_C, "klarhed", "Beskriv innovationen", "--begrundelse", "Kom  ikke i  mål ")

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Markeringen er ikke ændret."
    assert ws.store.path_for(reusing).read_bytes() == before
