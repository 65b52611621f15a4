"""Hints that say which reusing organisation we are: a command to copy with a real name from the
project (the others named), never '--organisation NAVN', which copied would name an organisation NAVN;
in a terminal, 'projekt side genbruge' asks which of them instead.
"""

from __future__ import annotations

import shlex

from exchange_kit import flat
from homekit import DOWN, ENTER

TWO = ("--genbruger", "Ærø Kommune", "--genbruger", "Fanø Kommune")
START = ("start", "--navn", "Fælles", "--rolle", "genbruge", "--beskrivelse", "x", "--deler", "Odense", *TWO)


def example(err: str) -> list[str]:
    """The command the hint shows, after the program's name (run in-process)."""
    said = flat(err)
    return shlex.split(said[said.rindex("spredning ") + len("spredning ") :])


def test_start_with_several_reusing_and_none_ours_shows_the_command_with_one_of_them(run_cli):
    code, _, err = run_cli(*START)

    assert code == 2
    assert "Hvilken af de genbrugende organisationer er I? (Ærø Kommune eller Fanø Kommune)" in flat(err)
    assert "NAVN" not in err
    assert example(err) == [*START, "--organisation", "Ærø Kommune"]
    code, _, err = run_cli(*example(err))  # copied, it starts the project
    assert code == 0, err


def test_removing_ourselves_names_the_other_organisation_in_a_command_that_runs(run_cli):
    assert run_cli(*START, "--organisation", "Fanø Kommune")[0] == 0

    code, _, err = run_cli("projekt", "fjern-genbruger", "Fanø Kommune")

    assert code == 2
    said = flat(err)
    assert "Er I en anden af projektets genbrugende organisationer (Ærø Kommune)" in said
    assert "NAVN" not in said
    assert example(err) == ["projekt", "side", "genbruge", "--organisation", "Ærø Kommune"]
    code, _, err = run_cli(*example(err))
    assert code == 0, err
    code, _, err = run_cli("projekt", "fjern-genbruger", "Fanø Kommune")  # as the hint said
    assert code == 0, err


def test_side_without_organisation_among_several_shows_a_command_with_a_real_name(run_cli):
    assert run_cli(*START, "--organisation", "Fanø Kommune")[0] == 0

    code, _, err = run_cli("projekt", "side", "genbruge")

    assert code == 2
    assert "NAVN" not in err
    assert example(err) == ["projekt", "side", "genbruge", "--organisation", "Ærø Kommune"]


def test_in_english_too_the_hint_has_no_placeholder(run_cli):
    code, _, err = run_cli("--sprog", "en", *START)

    assert code == 2
    assert "Say it with --organisation, e.g.:" in flat(err)
    assert "NAME" not in err


def test_in_a_terminal_side_asks_which_of_the_organisations_we_are(on_screen):
    assert on_screen("", *START, "--organisation", "Ærø Kommune").code == 0

    run = on_screen(DOWN + ENTER, "projekt", "side", "genbruge")

    assert run.code == 0, run.err
    assert "Hvilken af de genbrugende organisationer er I på denne computer?" in flat(run.screen)
    assert "Fanø Kommune" in flat(run.out)
