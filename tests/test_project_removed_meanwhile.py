"""A project removed ('projekt fjern') while a window still answers in it: nothing typed is lost.

Found in a trial: the window said only that the project file does not exist, its stop said "Dine
svar er gemt" naming the removed file, its drafts went into a new state file of their own, and
'projekt gendan' then left the project's real state (its side, its counts) behind in fjernede/ as a
file whose name was taken. Now the window says the project was removed and how it comes back, and
'projekt gendan' takes what was typed meanwhile into the project's own state. A project's exact
name or file name that was removed never opens another project whose name begins so.
"""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
import yaml
from exchange_kit import D1, D2, NAME, Org, flat, start_sharing
from homekit import CTRL_C
from terminal import ANSI, COMMAND, ESC_ENTER, person

from spredning.core import drafts
from spredning.core.local import LocalState

pytestmark = pytest.mark.usefixtures("work_in_tmp")

SLUG = "genoptraening-aeroe"


def state_of(org: Org) -> dict:
    return yaml.safe_load((org.home / ".spredning" / f"{SLUG}.yaml").read_text(encoding="utf-8"))


def answering(tmp_path: Path, pseudo_terminal) -> tuple[Org, pexpect.spawn]:
    """Odense on the sharing side, its first question open in a real terminal with text typed."""
    env = person(tmp_path, lines=40)
    org = Org(Path(env["SPREDNING_HJEM"]), tmp_path)  # the installed command, in the terminal's folder
    start_sharing(org)
    child = pseudo_terminal(COMMAND, ["fase", "tjek"], env=env, rows=40)
    child.expect_exact("[1/20]")
    child.expect_exact("Svar:")
    child.send("Skrevet før fjernelsen")
    child.expect_exact("fjernelsen")
    return org, child


@pytest.mark.slow
def test_a_save_and_a_stop_after_the_removal_say_so_and_gendan_brings_the_text_back(
    tmp_path, pseudo_terminal
):
    org, child = answering(tmp_path, pseudo_terminal)
    org.ok("projekt", "fjern", NAME, "--ja")
    child.send(" og efter")
    child.expect_exact("og efter")

    child.send(ESC_ENTER)
    child.expect_exact("Spørgsmålet kommer igen")
    child.expect_exact("Svar:")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()

    said = flat(ANSI.sub("", child.logfile_read.getvalue()))
    assert f"Projektet '{NAME}' er fjernet fra projektmappen" in said
    assert f"projekt gendan {SLUG}" in said
    stop = said.split("Stoppet.")[-1]
    assert (
        "Teksten i feltet er gemt som kladde og står klar i spørgsmålet, når projektet er hentet tilbage"
        in stop
    )
    assert "Dine svar er gemt" not in stop and "Fortsæt senere" not in stop
    assert not (org.home / f"{SLUG}.yaml").exists()  # no project file made again by the window

    back = flat(org.ok("projekt", "gendan", SLUG))

    assert "blev i" not in back  # nothing left behind in fjernede/
    state = state_of(org)
    assert state["side"] == "dele"  # the project's own state, not the window's
    assert state["kladder"][D1] == "Skrevet før fjernelsen og efter"
    assert not list((org.home / "fjernede").glob("*/denne-computer/*"))


@pytest.mark.slow
def test_brought_back_while_the_window_is_open_the_answer_saves_again(tmp_path, pseudo_terminal):
    org, child = answering(tmp_path, pseudo_terminal)
    org.ok("projekt", "fjern", NAME, "--ja")
    child.send(ESC_ENTER)
    child.expect_exact("Spørgsmålet kommer igen")
    child.expect_exact("Svar:")
    org.ok("projekt", "gendan", NAME)

    child.send(ESC_ENTER)  # the same text, saved again
    child.expect_exact("[2/20]")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()

    assert org.project().entry(("", D1)).answer.text == "Skrevet før fjernelsen"
    assert D1 not in state_of(org).get("kladder", {})  # saved: no longer a draft


def test_the_drafts_a_window_kept_meanwhile_join_the_projects_own_on_gendan(tmp_path, run_cli):
    """In-process, with the interview's own session: a draft kept before the removal and one after."""
    from spredning.app.answering import Session
    from spredning.app.workspace import Settings, Workspace

    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    ws = Workspace(Settings(home=str(org.home)))
    session = Session(ws, SLUG, "dele", None)
    [first, second] = [q for q in ws.guide.questions() if q.id in (D1, D2)]
    session.keep_draft(first, "Før")
    org.ok("projekt", "fjern", NAME, "--ja")
    session.keep_draft(first, "Før, og mere")  # typed further in the same field
    session.keep_draft(second, "Et nyt spørgsmål")

    out = flat(org.ok("projekt", "gendan", NAME))

    assert "blev i" not in out
    state = state_of(org)
    assert state["side"] == "dele" and state["kladder"] == {D1: "Før, og mere", D2: "Et nyt spørgsmål"}
    assert "gør de 2 kladder færdige" in flat(org.ok("status"))


def test_a_state_here_with_more_than_typed_texts_is_never_replaced(tmp_path, run_cli):
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    org.ok("projekt", "fjern", NAME, "--ja")
    here = org.home / ".spredning" / f"{SLUG}.yaml"
    here.write_text(f"kopi: 1234abcd\nside: genbruge\nkladder:\n  {D1}: Andet\n", encoding="utf-8")

    out = flat(org.ok("projekt", "gendan", NAME))

    assert here.read_text(encoding="utf-8").startswith("kopi: 1234abcd\nside: genbruge")
    assert "1 fil blev i" in out
    [kept] = (org.home / "fjernede").glob("*/denne-computer/*.yaml")
    assert yaml.safe_load(kept.read_text(encoding="utf-8"))["side"] == "dele"


@pytest.mark.parametrize("typed", [SLUG, NAME, "genoptraening-aeroe.yaml"])
def test_a_removed_projects_name_does_not_open_another_that_begins_so(tmp_path, run_cli, typed):
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    start_sharing(org, name=f"{NAME} 2")
    org.ok("projekt", "fjern", NAME, "--ja")

    code, out, err = org("--projekt", typed, "status")

    said = flat(out + err)
    assert code == 1, said
    if typed.endswith(".yaml"):  # a file name is never a beginning: not found, as before
        assert "findes ikke" in said
        return
    assert "er fjernet fra projektmappen (med 'projekt fjern'), så det kan ikke bruges nu" in said
    assert f"projekt gendan {SLUG}" in said and f"Mente I {SLUG}-2, så skriv hele navnet" in said
    assert f"{NAME} 2" not in out  # nothing of the other project shown


def test_a_removed_projects_name_with_nothing_beginning_so_says_it_was_removed_in_english(tmp_path, run_cli):
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    org.ok("projekt", "fjern", NAME, "--ja")

    code, _, err = org("--sprog", "en", "--projekt", NAME, "status")

    assert code == 1
    said = flat(err)
    assert f"The project '{NAME}' has been removed from the projects folder" in said
    assert f"To bring it back, type 'spredning --sprog en projekt gendan {SLUG}'." in said


def _state(**kw) -> LocalState:
    return LocalState(copy="abcd1234", **kw)


@pytest.mark.parametrize(
    ("kept", "away", "draft", "joined"),
    [
        ("", "Nyt", "Nyt", False),
        ("Før", "Før og mere", "Før og mere", False),  # typed further: the text as it is now
        ("Før", "Før", "Før", False),
        ("Først\n\nAndet", "Andet", "Først\n\nAndet", False),  # nothing new in it
        ("Én tekst", "En anden", "Én tekst\n\nEn anden", True),  # both kept, marked as two windows'
        ("Én tekst", "Foran\n\nÉn tekst", "Foran\n\nÉn tekst", False),  # holds the kept one whole
    ],
)
def test_adopted_keeps_every_text_typed_on_either_side(kept, away, draft, joined):
    state = _state(side="dele", drafts={D1: kept} if kept else {})

    now = drafts.adopted(state, _state(drafts={D1: away}))

    assert now.drafts[D1] == draft
    assert (D1 in now.joined) is joined
    assert now.side == "dele" and now.copy == "abcd1234"


def test_adopted_keeps_each_text_its_kind():
    answer_kept = _state(drafts={D1: "Et svar"})
    reason_away = _state(drafts={D1: "Ikke for os"}, reasons=(D1,))
    now = drafts.adopted(answer_kept, reason_away)
    assert now.drafts[D1] == "Et svar" and now.beside[D1] == "Ikke for os" and D1 not in now.reasons

    reason_kept = _state(drafts={D2: "Ikke for os"}, reasons=(D2,))
    now = drafts.adopted(reason_kept, _state(drafts={D2: "Et svar"}))
    assert now.drafts[D2] == "Et svar" and now.beside[D2] == "Ikke for os" and D2 not in now.reasons

    now = drafts.adopted(_state(), _state(drafts={D2: "Ikke for os"}, reasons=(D2,), beside={D1: "B"}))
    assert now.drafts[D2] == "Ikke for os" and D2 in now.reasons and now.beside == {D1: "B"}
