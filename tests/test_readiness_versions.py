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
    whose = {OURS: "Jeres udgave (rød)", THEIRS: "Ærø Kommunes udgave (gul)"}
    for reason in said:  # the reason settled away is said, by whose version it was, to give again
        left = f"{whose[reason]} havde begrundelsen »{reason}«, som ikke er med i den nye."
        assert left in flat(out)
        assert "Giv den med --begrundelse, hvis den stadig gælder." in flat(out)
    if kept:
        assert f"begrundelsen »{kept}«, som ikke er med" not in flat(out)


def test_two_versions_of_one_colour_are_told_apart_by_whose_they_are(tmp_path, run_cli):
    """Found in a trial: both sides marked red with different reasons; "Begrundelsen i udgaven med
    rød" did not say which of the two red versions was meant."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Vi deler"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0
    aeroe.ok("klarhed", "Beskriv innovationen", "rød", "--begrundelse", "Valg i november")
    sharing.ok("klarhed", "Beskriv innovationen", "rød", "--begrundelse", OURS, *WHERE)
    assert sharing.import_(aeroe.export())[0] == 0

    said = flat(sharing.ok("klarhed", "beskriv-innovationen", "grøn", *WHERE))

    assert f"Jeres udgave (rød) havde begrundelsen »{OURS}«" in said
    assert "Ærø Kommunes udgave (rød) havde begrundelsen »Valg i november«" in said


def test_in_a_terminal_the_colour_now_is_chosen_and_its_reason_is_in_the_field(disputed, typing):
    run = typing(disputed, ENTER + ENTER, "klarhed", "beskriv-innovationen", *WHERE)

    assert run.code == 0, run.err
    assert "findes i 2 udgaver" in flat(run.out)  # the versions are shown first
    assert f"Kort begrundelse? {OURS}" in flat(run.screen)  # in the field, to keep or change
    # the other version's reason, above the field, by whose version it is
    assert f"Ærø Kommunes udgave (gul) havde begrundelsen »{THEIRS}«" in flat(run.out)
    settled = mark(disputed)
    assert (settled.colour, settled.reason, settled.disputed) == ("rød", OURS, False)


def test_in_a_terminal_choosing_the_partners_colour_puts_their_reason_in_the_field(disputed, typing):
    run = typing(disputed, UP + ENTER + ENTER, "klarhed", "beskriv-innovationen", *WHERE)

    assert run.code == 0, run.err
    assert f"Kort begrundelse? {THEIRS}" in flat(run.screen)
    assert f"Jeres udgave (rød) havde begrundelsen »{OURS}«" in flat(run.out)  # ours, left: said
    settled = mark(disputed)
    assert (settled.colour, settled.reason, settled.disputed) == ("gul", THEIRS, False)


def test_the_interview_shows_the_versions_and_whose_before_it_asks(disputed, tmp_path, pseudo_terminal):
    """Found in a trial: 'fase' asked the readiness of a mark kept in two versions with no word of
    them, and called the partner's version "den tidligere markering": settled with Enter, Ærø's
    version was gone unseen. Now each version and whose it is comes first, as in 'klarhed'."""
    import pexpect
    from terminal import COMMAND, ENTER, ESC_ENTER, person, rendered

    env = {**person(tmp_path, lines=40), "SPREDNING_HJEM": str(disputed.home)}
    child = pseudo_terminal(COMMAND, ["fase", "tjek", *WHERE], env=env, rows=40, cwd=tmp_path)
    while child.expect_exact(["Svar:", "Gå videre"]) == 0:  # Ærø's questions of the first tool
        child.send("ja" + ESC_ENTER)
    child.send(ENTER)
    child.expect_exact("Hvor klar er Ærø Kommune efter »Beskriv innovationen«?")
    child.send(ENTER)  # the colour now: rød, Odense's version
    child.expect_exact("begrundelse")
    child.send(ENTER)
    child.expect_exact("Svar:")  # on to the next tool
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    screen = flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 40)))

    assert "Klarheden er ændret flere steder, så den findes i 2 udgaver." in screen
    assert f"Ærø Kommunes udgave: gul – {THEIRS}" in screen, screen
    assert f"Ærø Kommunes udgave (gul) havde begrundelsen »{THEIRS}«" in screen
    assert "tidligere markering" not in screen
    settled = mark(disputed)
    assert (settled.colour, settled.reason, settled.disputed) == ("rød", OURS, False)


def test_a_colour_and_a_reason_given_on_the_command_line_show_the_versions_they_settle(disputed):
    """Found in a trial: 'klarhed VÆRKTØJ rød --begrundelse …' replaced Ærø's version without a word."""
    code, out, err = disputed(
        "klarhed", "beskriv-innovationen", "grøn", "--begrundelse", "Nu går det", *WHERE
    )

    assert code == 0, err
    said = flat(out)
    assert "Klarheden er ændret flere steder, så den findes i 2 udgaver." in said
    assert f"Ærø Kommunes udgave: gul – {THEIRS}" in said and f"rød – {OURS}" in said
    settled = mark(disputed)
    assert (settled.colour, settled.reason, settled.disputed) == ("grøn", "Nu går det", False)
