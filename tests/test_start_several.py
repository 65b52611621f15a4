"""start with several option values it cannot take: every one said in one refusal without a terminal
(a user with three bad values needs one run, not three); in a terminal each field opens in turn,
holding the value given, the problem said above it, to correct.
"""

from __future__ import annotations

from pathlib import Path

from exchange_kit import flat
from homekit import ENTER
from projectkit import workspace

LEFT = "\x1b[D"
BACKSPACE = "\x7f"
FIX = LEFT + BACKSPACE + " " + ENTER  # the break before the last letter becomes a space
BAD = ("--navn", "A\nB", "--deler", "X\tY", "--genbruger", "Z\nQ")
START = ("start", "--rolle", "dele", "--beskrivelse", "Prøve", *BAD)


def projects(tmp_path: Path) -> list[Path]:
    home = tmp_path / "hjem"
    return sorted(home.glob("*.yaml")) if home.exists() else []


def test_without_a_terminal_every_bad_value_is_named_in_one_refusal(run_cli, tmp_path):
    code, out, err = run_cli(*START)

    assert code == 2, (out, err)
    said = flat(err)
    assert said.startswith("Fejl: 3 af tilvalgene kan ikke bruges, som de står:")
    assert "• --navn: Projektets navn skal være én linje" in said
    assert "• --deler: Navnet på den organisation, der deler, skal være én linje" in said
    assert "• --genbruger: Navnet på en organisation, der genbruger, skal være én linje" in said
    assert projects(tmp_path) == []


def test_one_bad_value_is_refused_as_before(run_cli):
    code, _, err = run_cli(
        "start", "--rolle", "dele", "--beskrivelse", "Prøve", "--navn", "Ok", "--deler", "X\tY"
    )

    assert code == 2
    assert flat(err).startswith("Fejl: Navnet på den organisation, der deler, skal være én linje")


def test_in_english_the_refusal_names_every_option(run_cli):
    code, _, err = run_cli("--sprog", "en", *START)

    assert code == 2
    assert flat(err).startswith("Error: 3 of the options cannot be used as they are:")


def test_in_a_terminal_each_bad_field_opens_in_turn_holding_the_value_to_correct(on_screen, tmp_path):
    run = on_screen(FIX + FIX + FIX, *START)

    assert run.code == 0, run.err
    screen = flat(run.screen)
    name, sharing = screen.index("Projektets navn:"), screen.index("Jeres organisation:")
    assert screen.index("Projektets navn skal være én linje") < name < sharing
    assert name < screen.index("Navnet på den organisation, der deler, skal være én linje") < sharing
    assert (
        sharing
        < screen.index("Navnet på en organisation, der genbruger")
        < screen.index("Organisationer, der")
    )
    assert "Projektet er oprettet: A B" in flat(run.out)
    [path] = projects(tmp_path)
    project = workspace(tmp_path / "hjem").store.load(path.stem)
    # only the values given, corrected, give these
    assert (project.name, project.sharing_org, [p.name for p in project.partners]) == ("A B", "X Y", ["Z Q"])


def test_a_stop_in_the_first_field_offers_the_command_without_the_values_refused(on_screen, tmp_path):
    run = on_screen("\x03", *START)

    assert run.code == 130, run.err
    said = flat(run.err)
    assert "spredning start --rolle dele --beskrivelse Prøve" in said  # what was taken, kept
    assert "--navn" not in said and "--deler" not in said and "--genbruger" not in said  # refused again
    assert projects(tmp_path) == []


def test_in_a_terminal_a_side_that_is_none_offers_the_sides_saying_why(on_screen, tmp_path):
    given = ("--navn", "Q", "--beskrivelse", "x", "--deler", "Odense", "--genbruger", "Ærø Kommune")

    run = on_screen(ENTER, "start", "--rolle", "deel", *given)  # the first side: dele

    assert run.code == 0, run.err
    assert "Ukendt side: 'deel'. Mente du 'dele'?" in flat(run.out)
    [path] = projects(tmp_path)
    assert workspace(tmp_path / "hjem").store.local(path.stem).side == "dele"


def test_without_a_terminal_a_wrong_side_is_named_with_the_other_wrong_values(run_cli):
    code, _, err = run_cli("start", "--rolle", "deel", "--navn", "A\nB")

    assert code == 2
    said = flat(err)
    assert said.startswith("Fejl: 2 af tilvalgene kan ikke bruges, som de står:")
    assert (
        "• --rolle: Ukendt side: 'deel'." in said and "• --navn: Projektets navn skal være én linje" in said
    )
