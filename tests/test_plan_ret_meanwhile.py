"""'plan ret' in a terminal while another window changes the same part: the installed command, end to end.

The part is named as a field, quoted as names are (»Hvem«), not bare at the start of the line,
where 'Hvad er ændret …' read as a question. A stop (Esc or Ctrl+C) at which text to keep gives
the command that saves what was typed once, in the stop's own words: no failing save is said.
"""

from __future__ import annotations

import pytest
from terminal import CTRL_C, DOWN, ENTER
from test_e2e import env, finish, plain, run, spawn  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e

ESC = "\x1b"


@pytest.fixture
def action(run):  # noqa: F811
    """A project on the sharing side with one action ('Book et lokale', Eva); its id."""
    started = run(
        "start", "--navn", "Genoptræning", "--beskrivelse", "Digital genoptræning",
        "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune", "--rolle", "dele",
        "--organisation", "Odense Kommune",
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    added = run("plan", "tilføj", "--hvad", "Book et lokale", "--hvem", "Eva")
    assert added.returncode == 0, added.stderr
    return added.stdout.split("(id ")[1].split(")")[0]


def _at_which_to_keep(spawn, run, ident: str, *sprog: str):  # noqa: F811
    """'plan ret ID' asked, Mette typed for who; another window saves Ole meanwhile: the choice shown."""
    english = bool(sprog)
    child = spawn(*sprog, "plan", "ret", ident)
    child.expect_exact("What is to be done?" if english else "Hvad skal gøres?")
    child.send(ENTER)
    child.expect_exact("Enter")
    child.send("\x15" + "Mette Ø" + ENTER)  # Ctrl+U empties the field first
    child.expect_exact("Deadline?" if english else "Frist?")
    assert run("plan", "ret", ident, "--hvem", "Ole").returncode == 0  # the other window
    child.send(ENTER)
    child.expect_exact("Status?")
    child.send(ENTER)
    child.expect_exact("Which text should be saved?" if english else "Hvilken tekst skal gemmes?")
    child.expect_exact("Ole")  # the choices drawn: a key before them would be taken by no list
    return child


@pytest.mark.parametrize("stop", [ESC, CTRL_C], ids=["esc", "ctrl-c"])
def test_a_stop_at_which_text_to_keep_gives_the_command_once(spawn, run, action, stop):  # noqa: F811
    child = _at_which_to_keep(spawn, run, action)
    child.send(stop)
    code, said = finish(child)

    assert code == 130
    said = " ".join(said.split())
    command = f"spredning plan ret {action} --hvem 'Mette Ø'"
    assert said.endswith(f"Stoppet. Handlingen er ikke ændret. Gem ændringen med det, du skrev: {command}"), (
        said
    )
    assert said.count(command) == 1, said
    assert "når problemet er løst" not in said
    assert "Ole" in plain(run("plan").stdout)  # nothing saved


def test_the_part_changed_meanwhile_is_named_as_a_field(spawn, run, action):  # noqa: F811
    child = _at_which_to_keep(spawn, run, action)
    child.send(DOWN + ENTER)  # theirs kept
    code, said = finish(child)

    assert code == 0, said
    said = " ".join(said.split())
    assert (
        "Feltet »Hvem« er ændret et andet sted, mens du rettede: der står nu »Ole«; du skrev »Mette Ø«."
        in said
    )


def test_in_english_the_field_is_named_and_the_command_given_once(spawn, run, action):  # noqa: F811
    child = _at_which_to_keep(spawn, run, action, "--sprog", "en")
    child.send(CTRL_C)
    code, said = finish(child)

    assert code == 130
    said = " ".join(said.split())
    assert "The field “Who” was changed elsewhere while you were changing it: it now says “Ole”" in said
    assert said.count(f"plan ret {action} --hvem 'Mette Ø'") == 1, said
    assert "once the problem is solved" not in said


def test_a_stop_after_keeping_their_text_for_one_part_leaves_that_part_out_of_the_command(
    spawn,  # noqa: F811
    run,  # noqa: F811
    action,
):
    child = spawn("plan", "ret", action)
    child.expect_exact("Hvad skal gøres?")
    child.send("\x15" + "Book et større lokale" + ENTER)
    child.expect_exact("Enter")
    child.send("\x15" + "Mette Ø" + ENTER)
    child.expect_exact("Frist?")
    assert (
        run("plan", "ret", action, "--hvad", "Book salen", "--hvem", "Ole").returncode == 0
    )  # another window
    child.send(ENTER)
    child.expect_exact("Status?")
    child.send(ENTER)
    child.expect_exact("Hvilken tekst skal gemmes?")
    child.expect_exact("Book salen")
    child.send(DOWN + ENTER)  # for what: the text that stands now, 'Book salen', is kept
    child.expect_exact("Feltet »Hvem«")
    child.expect_exact("Ole")
    child.send(CTRL_C)
    code, said = finish(child)

    assert code == 130
    said = " ".join(said.split())
    assert said.endswith(f"Gem ændringen med det, du skrev: spredning plan ret {action} --hvem 'Mette Ø'"), (
        said
    )
    assert "--hvad" not in said.split("Stoppet.")[-1]  # running it would undo the choice just made
