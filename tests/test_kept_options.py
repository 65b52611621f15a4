"""Every value given as an option is kept or refused in words, never dropped: a command that asks
for what its options left out offers the rest as the fields' text, and an option nothing would use
is refused with what to do (exit 2, the project file as it was).
"""

from __future__ import annotations

import datetime

import pytest
from exchange_kit import flat

from spredning.core import followup

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"


def items(ws, slug):
    project = ws.store.load(slug)
    return followup.plan_items(project, project.partners[0])


# --- plan tilføj --------------------------------------------------------------------------------------


def test_plan_add_without_hvad_keeps_who_and_deadline_given_as_the_fields_text(on_screen, ws, reusing):
    run = on_screen(
        "Book et lokale" + ENTER + ENTER + ENTER, "plan", "tilføj", "--hvem", "Bo", "--frist", "01-05-2031"
    )

    assert run.code == 0, run.err
    [item] = items(ws, reusing)
    assert (item.what, item.who, item.due) == ("Book et lokale", "Bo", datetime.date(2031, 5, 1))
    assert "Hvem gør det? " in run.screen and "Bo" in run.screen.split("Hvem gør det?")[1]


def test_a_stop_at_what_offers_the_command_with_who_and_deadline_given(on_screen, ws, reusing):
    run = on_screen("Book" + CTRL_C, "plan", "tilføj", "--hvem", "Bo", "--frist", "01-05-2031")

    assert run.code == 130
    assert flat(run.err).endswith("spredning plan tilføj --hvad Book --hvem Bo --frist 01-05-2031")
    assert items(ws, reusing) == []


def test_without_a_terminal_the_command_shown_keeps_the_options_given(run_cli, reusing):
    code, _, err = run_cli("plan", "tilføj", "--hvem", "Bo", "--frist", "01-05-2031", "--status", "i gang")

    assert code == 2
    assert "plan tilføj --hvem Bo --frist 01-05-2031 --status 'i gang'" in flat(err)


# --- klarhed ------------------------------------------------------------------------------------------


def test_klarhed_without_a_colour_keeps_the_reason_given_as_the_fields_text(on_screen, ws, reusing):
    run = on_screen(
        DOWN + ENTER + ENTER, "klarhed", "beskriv-innovationen", "--begrundelse", "Vi mangler tal"
    )

    assert run.code == 0, run.err
    mark = followup.readiness(
        ws.store.load(reusing), ws.store.load(reusing).partners[0], "tjek.beskriv-innovationen", "genbruge"
    )
    assert (mark.colour, mark.reason) == ("gul", "Vi mangler tal")


def test_klarhed_cancelled_at_the_colour_says_the_reason_given_is_not_saved(on_screen, ws, reusing):
    before = ws.store.path_for(reusing).read_bytes()

    run = on_screen(DOWN * 3 + ENTER, "klarhed", "beskriv-innovationen", "--begrundelse", "Vi mangler tal")

    assert run.code == 0, run.err
    assert "Begrundelsen, du gav med --begrundelse, er ikke gemt." in flat(run.out)
    assert ws.store.path_for(reusing).read_bytes() == before


def test_without_a_terminal_klarheds_command_shown_has_the_reason_given(run_cli, reusing):
    code, _, err = run_cli("klarhed", "beskriv-innovationen", "--begrundelse", "Vi mangler tal")

    assert code == 2, err
    assert "--begrundelse 'Vi mangler tal'" in flat(err) and "TEKST" not in err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("klarhed", "beskriv-innovationen", "--fjern", "--begrundelse", "x"),
            "En begrundelse og --fjern kan ikke gives sammen",
        ),
        (("klarhed", "--begrundelse", "x"), "En begrundelse hører til en markering efter et værktøj"),
        (("klarhed", "--fjern"), "--fjern fjerner markeringen efter et værktøj"),
        (("godkend", "tjek", "--fortryd", "--af", "Eva"), "så --af kan ikke gives sammen med den"),
        (("godkend", "tjek", "--fortryd", "--dato", "01-01-2026"), "så --dato kan ikke gives sammen med den"),
        (("start", "--eksempel", "--navn", "Mit"), "så --navn kan ikke gives sammen med --eksempel"),
    ],
)
def test_an_option_nothing_would_use_is_refused_in_words(run_cli, ws, reusing, args, said):
    before = ws.store.path_for(reusing).read_bytes()

    code, out, err = run_cli(*args)

    assert code == 2, (out, err)
    assert said in flat(err)
    assert ws.store.path_for(reusing).read_bytes() == before
    assert len(list(ws.store.home.glob("*.yaml"))) == 1  # no example project made


# --- godkend ------------------------------------------------------------------------------------------


def test_without_a_terminal_godkends_command_shown_has_the_day_given(run_cli, reusing):
    code, _, err = run_cli("godkend", "tjek", "--dato", "02-01-2026")

    assert code == 2, err
    assert flat(err).endswith("godkend tjek --dato 02-01-2026")
