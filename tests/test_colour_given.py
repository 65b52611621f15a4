"""klarhed with a colour that is none of grøn, gul, rød: refused without a terminal (exit 2); in a
terminal the colours are offered to choose from, what was wrong said above them.
"""

from __future__ import annotations

from exchange_kit import flat

from spredning.core import followup

ENTER = "\r"


def test_in_a_terminal_klarhed_with_a_colour_that_is_none_offers_the_colours_saying_why(
    on_screen, ws, reusing
):
    run = on_screen(ENTER + "Vi mangler lokale" + ENTER, "klarhed", "beskriv-innovationen", "blå")

    assert run.code == 0, run.err
    assert "'blå' er ikke en klarhed. Vælg en af klarhederne herunder." in flat(run.out)
    project = ws.store.load(reusing)
    mark = followup.readiness(project, project.partners[0], "tjek.beskriv-innovationen", "genbruge")
    assert (mark.colour, mark.reason) == ("grøn", "Vi mangler lokale")


def test_without_a_terminal_a_colour_that_is_none_is_refused_as_before(run_cli, ws, reusing):
    before = ws.store.path_for(reusing).read_bytes()

    code, _, err = run_cli("klarhed", "beskriv-innovationen", "blå")

    assert code == 2
    assert flat(err) == "Fejl: 'blå' er ikke en klarhed. Brug grøn, gul eller rød."
    assert ws.store.path_for(reusing).read_bytes() == before
