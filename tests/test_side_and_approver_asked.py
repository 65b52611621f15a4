"""In a terminal, what a command can know is offered, not asked blank: the approver's name, the side.

godkend's name field holds the name this side approved with before; møde and fase on a copy with
no side on this computer (the example project) offer the two sides, as klarhed and godkend do.
Without a terminal each is refused before anything is asked, with a command to run.
"""

from __future__ import annotations

import datetime
import re
import shlex

import pytest
from exchange_kit import Org, flat
from homekit import CTRL_C, DOWN, ENTER

from spredning.core import followup

BACK = "\x7f"


@pytest.fixture
def approved(no_side) -> Org:
    """The example project, where the sharing side approved 'tjek' as Eva Jensen (no terminal)."""
    no_side.ok("projekt", "side", "dele")
    no_side.ok("godkend", "tjek", "--af", "Eva Jensen", "--partner", no_side.project().partners[0].key)
    return no_side


# --- godkend: the name approved with before, in the field ------------------------------------------


def test_godkend_in_a_terminal_holds_the_name_this_side_approved_with_before(approved, typing):
    partner = approved.project().partners[0]
    run = typing(approved, ENTER, "godkend", "tilpas", "--partner", partner.key)

    assert run.code == 0, run.err
    assert "Hvem godkender fasen? (navn) Eva Jensen" in flat(run.screen)
    assert followup.approval(approved.project(), partner, "tilpas", "dele").by == "Eva Jensen"


def test_godkends_name_held_can_be_edited(approved, typing):
    partner = approved.project().partners[0]
    keys = BACK * len("Jensen") + "Hansen" + ENTER
    run = typing(approved, keys, "--sprog", "en", "godkend", "tilpas", "--partner", partner.key)

    assert run.code == 0, run.err
    assert "Who approves the phase? (name) Eva Hansen" in flat(run.screen)
    assert followup.approval(approved.project(), partner, "tilpas", "dele").by == "Eva Hansen"


@pytest.mark.parametrize(
    ("keys", "said"),
    [(CTRL_C, "med navnet, der stod i feltet:"), (BACK * 6 + "Hansen" + CTRL_C, "med det, du skrev:")],
)
def test_a_stop_at_the_name_held_says_whether_it_was_typed(approved, typing, keys, said):
    """From a trial: a stop at the name held, untouched, said "Godkend den med det, du skrev"."""
    partner = approved.project().partners[0]
    run = typing(approved, keys, "godkend", "tilpas", "--partner", partner.key)

    assert run.code == 130, run.screen
    assert f"Godkend den {said} spredning " in flat(run.err), run.err
    assert f"godkend tilpas --af 'Eva {'Hansen' if 'Hansen' in keys else 'Jensen'}'" in flat(run.err)


def test_a_long_name_held_in_godkends_field_is_not_broken_inside_a_word_at_80_columns(no_side, typing):
    """From a check at 80 columns: the example's approver followed the question and its help on their
    line, and the terminal broke it mid-word ('Sundhed o' / 'g Omsorg'). A long text held in a field
    starts a line of its own, as at 60 columns."""
    run = typing(no_side, ENTER + CTRL_C, "godkend", "tjek")  # dele; its earlier approver in the field

    assert "\n  Direktør for Sundhed og Omsorg, Eksempel Kommune Nord" in run.screen


# --- møde on a copy with no side: the side asked first, or refused with the command ------------------


def test_moede_asks_the_side_on_a_copy_with_no_side_and_notes_the_meeting_as_that_sides(no_side, typing):
    partner = no_side.project().partners[0]
    run = typing(no_side, DOWN + ENTER, "møde", "--partner", partner.key)  # genbruge

    assert run.code == 0, run.err
    assert "Hvilken side gælder det?" in flat(run.screen)
    meeting = followup.last_meeting(no_side.project(), partner)
    assert meeting.day == datetime.date.today()
    assert followup.noter(meeting.by, meeting.where) == partner.key


def test_moede_on_a_copy_with_no_side_without_a_terminal_is_refused_with_the_command(no_side):
    partner = no_side.project().partners[0]
    before = no_side.path.read_bytes()

    code, _, err = no_side("møde", "--partner", partner.key)

    assert code == 2
    said = flat(err)
    assert "Vælg hvilken side, mødet noteres for." in said
    assert f"spredning møde --rolle dele --partner {partner.key}" in said
    assert no_side.path.read_bytes() == before


def test_moede_rolle_notes_the_meeting_as_the_sharing_sides(no_side):
    partner = no_side.project().partners[0]

    no_side.ok("møde", "--rolle", "dele", "--partner", partner.key)

    meeting = followup.last_meeting(no_side.project(), partner)
    assert (meeting.day, meeting.by) == (datetime.date.today(), "dele")


def test_ctrl_c_at_moedes_side_notes_nothing(no_side, typing):
    before = no_side.path.read_bytes()
    run = typing(no_side, CTRL_C, "møde", "--partner", no_side.project().partners[0].key)

    assert run.code == 130
    assert no_side.path.read_bytes() == before


# --- fase on a copy with no side: the sides offered in a terminal ------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_fase_offers_the_sides_on_a_copy_with_no_side_and_answers_for_the_one_chosen(
    no_side, typing, language
):
    run = typing(no_side, ENTER + CTRL_C, "--sprog", language, "fase", "tjek")  # dele, then stop

    assert run.code == 130, run.err
    question = "Hvilken side svarer du for?" if language == "da" else "Which side are you answering for?"
    assert question in flat(run.screen)
    assert no_side.store.local(no_side.slug).side == "dele"  # as --rolle dele: remembered on this copy


def test_a_stop_at_fases_sides_saves_nothing_and_says_the_command(no_side, typing):
    before = no_side.path.read_bytes()
    run = typing(no_side, CTRL_C, "fase", "tjek")

    assert run.code == 130
    assert flat(run.err).startswith("Stoppet. Intet er gemt.")
    assert "Giv siden i kommandoen, fx:" in flat(run.err) and "fase tjek --rolle genbruge" in flat(run.err)
    assert no_side.path.read_bytes() == before and no_side.store.local(no_side.slug).side is None


def test_fase_without_a_terminal_on_a_copy_with_no_side_is_still_refused(no_side):
    code, _, err = no_side("fase", "tjek")

    assert code == 2
    assert "Vælg hvilken side du svarer for." in flat(err) and "--rolle genbruge" in flat(err)


def test_fase_refused_for_its_side_keeps_erstat_in_the_command_it_gives(no_side):
    """Found (trial): 'fase tjek --svar f.yaml --erstat' on a copy with no side gave a command without
    --erstat, which was refused in turn for the answer the file replaces."""
    answers = no_side.files / "svar fil.yaml"
    answers.write_text('tjek.beskriv-innovationen.genbruge.interessant: "Ja, det er det"\n', encoding="utf-8")
    code, _, err = no_side("fase", "tjek", "--svar", str(answers), "--erstat")

    assert code == 2
    given = re.search(r"Fx: spredning (.*)$", flat(err))
    assert given, err
    code, _, err = no_side(*shlex.split(given.group(1)))
    assert code == 0, err
    assert "Ja, det er det" in no_side.path.read_text(encoding="utf-8")


# --- godkend and klarhed on a copy with no side, without a terminal: one refusal says all ---------------


@pytest.mark.parametrize(
    ("argv", "lacks", "example"),
    [
        (
            ("godkend", "tjek"),
            'også skrives efter --af, i anførselstegn (fx --af "Eva Jensen")',
            "godkend tjek",
        ),
        (("klarhed", "Beskriv innovationen"), "skal farven (grøn, gul eller rød) også stå", "gul"),
    ],
)
def test_a_refusal_for_want_of_a_side_also_says_what_else_a_command_without_a_terminal_lacks(
    no_side, argv, lacks, example
):
    """Found in a trial: the refusal's command (with --rolle dele) was refused again at once, for want of
    the name (godkend) or the colour (klarhed): a script's user failed twice."""
    before = no_side.path.read_bytes()

    code, _, err = no_side(*argv)

    assert code == 2
    said = flat(err)
    assert lacks in said and example in said and "--rolle dele" in said, said
    assert no_side.path.read_bytes() == before


def test_the_colour_given_in_the_refusals_command_is_taken_as_it_stands(no_side):
    _, _, err = no_side("klarhed", "Beskriv innovationen")
    shown = flat(err).split("fx: ")[-1].split(" ", 1)[1]  # the command after the program's name

    assert no_side(*shlex.split(shown))[0] == 0
