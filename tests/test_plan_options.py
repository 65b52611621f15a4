"""'plan tilføj' and 'plan ret' say every option they cannot take at once (cli.commands.plan_options).

From a user trial: one wrong option was said at a time, so a script ran the command once for each
of its wrong options; 'start' says them all at once. Now plan does, with one command put right
that runs: a status or phase close to a right one taken, a text too long cut short, an empty
--hvad given the example, and what has no right value (a date that is none) left out, said so.
"""

from __future__ import annotations

import shlex

import pytest
from exchange_kit import flat
from test_plan import items

from spredning.app import plan
from spredning.core import followup

LONG = " ".join(["lokale"] * 80)  # 559 characters: more than an action's text takes


def put_right(err: str, said: str) -> list[str]:
    """The command after `said` at the end of the refusal, as words to run (without 'spredning')."""
    words = shlex.split(flat(err).split(said, 1)[1])
    assert words[0] == "spredning", words
    return words[1:]


def test_add_says_every_wrong_option_at_once_with_one_command_that_runs(run_cli, ws, reusing):
    code, _, err = run_cli(
        "plan", "tilføj", "--hvad", " ", "--status", "igang", "--fase", "fjrn", "--frist", "z"
    )

    assert code == 2
    said = flat(err)
    assert said.startswith("Fejl: 4 af tilvalgene kan ikke bruges, som de står: "), said
    for line in (
        "• --hvad: Skriv, hvad der skal gøres.",
        "• --frist: 'z' er ikke en dato.",
        "• --status: 'igang' er ikke en status. Mente du 'i gang'?",
        "• --fase: 'fjrn' er ikke en fase eller et værktøj. Mente du 'fjern'?",
    ):
        assert line in said, said
    # the example in --hvad is said to be one: run as it is, it adds what the user never wrote
    again = put_right(
        err,
        "Ret dem alle, og kør kommandoen igen, fx sådan, hvor --frist er udeladt, "
        "og --hvad har et eksempel: ",
    )
    assert items(ws, reusing) == []  # nothing added before it is put right

    assert run_cli(*again)[0] == 0
    [item] = items(ws, reusing)
    assert (item.what, item.status, item.due) == ("Fjern kravet om fremmøde", "i-gang", None)
    assert item.source.startswith("fjern")


def test_an_example_in_the_command_is_said_to_be_one_also_with_nothing_left_out(run_cli, ws, reusing):
    code, _, err = run_cli("plan", "tilføj", "--hvad", "", "--status", "igang")

    assert code == 2
    again = put_right(err, "Ret dem alle, og kør kommandoen igen, fx sådan, hvor --hvad har et eksempel: ")
    assert again[again.index("--hvad") + 1] == "Fjern kravet om fremmøde"
    assert items(ws, reusing) == []


def test_change_says_every_wrong_option_at_once_a_text_too_long_cut_in_the_command(run_cli, ws, reusing):
    item = plan.add(ws, plan.Action("Gammel tekst", "Ole"), ws.store.load(reusing).partners[0])

    code, _, err = run_cli("plan", "ret", item.id, "--hvad", LONG, "--hvem", LONG, "--status", "x")

    assert code == 2
    said = flat(err)
    assert said.startswith("Fejl: 3 af tilvalgene kan ikke bruges, som de står: "), said
    too_long = (
        "Teksten må højst være 500 tegn, men har 559: gør den kortere (kommandoen herunder har den afkortet)."
    )
    assert f"• --hvad: {too_long} • --hvem: {too_long} • --status: 'x' er ikke en status." in said, said
    again = put_right(err, "fx sådan, hvor --status er udeladt: ")

    assert run_cli(*again)[0] == 0
    [changed] = items(ws, reusing)
    assert changed.what == changed.who == LONG[: LONG.rindex(" ", 0, 501)]  # cut between words
    assert len(changed.what) <= followup.MAX_TEXT and changed.status == item.status


def test_the_refusal_is_said_in_english_too(run_cli, ws, reusing):
    code, _, err = run_cli(
        "--sprog", "en", "plan", "tilføj", "--hvad", "Book", "--status", "xyz", "--frist", "z"
    )

    assert code == 2
    said = flat(err)
    assert said.startswith("Error: 2 of the options cannot be used as they are: "), said
    again = put_right(
        err,
        "Correct them all and run the command again, for example like this, "
        "with --frist and --status left out: ",
    )
    assert run_cli(*again)[0] == 0


@pytest.mark.parametrize("argv", [("--status", "igang"), ("--frist", "z")])
def test_one_wrong_option_alone_keeps_its_own_refusal(run_cli, reusing, argv):
    code, _, err = run_cli("plan", "tilføj", "--hvad", "Book", *argv)

    assert code == 2 and "af tilvalgene" not in err
