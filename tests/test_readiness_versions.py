"""Settling a readiness mark kept in two versions keeps the reason of the version chosen.

Found in a trial: the sharing side marked Ærø's readiness rød ("Odense mener rød"), Ærø marked it gul
("Vi mangler [b]tal[/b]"). After the import the mark waited in both versions. Settling it with gul,
Ærø's colour, saved gul with no reason: Ærø's reason was gone without a word, and the colour list
had Grøn chosen, a colour neither version had.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, flat, start_sharing
from homekit import ENTER, UP

from spredning.core import followup

pytestmark = pytest.mark.usefixtures("work_in_tmp")

TOOL = "tjek.beskriv-innovationen"
THEIRS = "Vi mangler [b]tal[/b]"  # markup: shown and kept as typed
OURS = "Odense mener rød"
WHERE = ("--rolle", "genbruge", "--partner", "aeroe-kommune")


@pytest.fixture
def disputed(tmp_path, run_cli):
    """Odense (sharing) with Ærø's mark for the tool in two versions: Odense's rød, Ærø's gul."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Vi deler"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0
    aeroe.ok("klarhed", "Beskriv innovationen", "gul", "--begrundelse", THEIRS)
    sharing.ok("klarhed", "Beskriv innovationen", "rød", "--begrundelse", OURS, *WHERE)
    assert sharing.import_(aeroe.export())[0] == 0
    assert mark(sharing).disputed
    return sharing


def mark(org: Org):
    project = org.project()
    return followup.readiness(project, project.partners[0], TOOL, "genbruge")


@pytest.mark.parametrize(
    ("colour", "kept", "said"),
    [("gul", THEIRS, [OURS]), ("rød", OURS, [THEIRS]), ("grøn", "", [OURS, THEIRS])],
)
def test_a_colour_given_alone_keeps_the_reason_of_its_version_and_says_the_others(
    disputed, colour, kept, said
):
    code, out, err = disputed("klarhed", "beskriv-innovationen", colour, *WHERE)

    assert code == 0, err
    settled = mark(disputed)
    assert (settled.colour, settled.reason, settled.disputed) == (colour, kept, False)
    for reason in said:  # the reason settled away is said, to give again
        assert f"»{reason}«" in flat(out)
        assert "Giv den med --begrundelse, hvis den stadig gælder." in flat(out)
    if kept:
        assert f"er ikke med i den nye: »{kept}«" not in flat(out)


def test_in_a_terminal_the_colour_now_is_chosen_and_its_reason_is_in_the_field(disputed, typing):
    run = typing(disputed, ENTER + ENTER, "klarhed", "beskriv-innovationen", *WHERE)

    assert run.code == 0, run.err
    assert "findes i 2 udgaver" in flat(run.out)  # the versions are shown first
    assert f"Kort begrundelse? {OURS}" in flat(run.screen)  # in the field, to keep or change
    assert f"var: »{THEIRS}«" in flat(run.out)  # the other version's reason, above the field
    settled = mark(disputed)
    assert (settled.colour, settled.reason, settled.disputed) == ("rød", OURS, False)


def test_in_a_terminal_choosing_the_partners_colour_puts_their_reason_in_the_field(disputed, typing):
    run = typing(disputed, UP + ENTER + ENTER, "klarhed", "beskriv-innovationen", *WHERE)

    assert run.code == 0, run.err
    assert f"Kort begrundelse? {THEIRS}" in flat(run.screen)
    assert f"var: »{OURS}«" in flat(run.out)  # ours, left: said above the field
    settled = mark(disputed)
    assert (settled.colour, settled.reason, settled.disputed) == ("gul", THEIRS, False)
