"""An older copy of the project file put in its place while a phase is answered: nothing saved is lost.

Found in stop 49's trial: an answer saved in the interview, then an older copy of the file put back
(as OneDrive's "restore previous version" does, or a text editor that had the file open saving it
again); the next save wrote over the older copy, and the answer saved a moment before was gone.
The window had it, and showed it; only when it stopped did it warn, and of a backup that did not
exist. Now the save writes in again what this window saved, says so at once, and the warning at
the end names only what the window could not put back. The installed command in a terminal.
"""

from __future__ import annotations

import shutil

import pytest
from exchange_kit import D1, D2, D3, Org, start_sharing
from terminal import CTRL_C, DOWN, ENTER, ESC_ENTER
from test_exchange_e2e import finish, spawn

pytestmark = pytest.mark.e2e

PUT_BACK = "Projektfilen var skiftet ud med en ældre kopi af sig selv"
WARNED = "ser ud til at være skiftet ud med en ældre kopi"


def put_back_between_two_saves(tmp_path, meanwhile=lambda org: None) -> tuple[Org, int, str]:
    """Save P, put back the file as it was before (after `meanwhile`), save Q, stop: the organisation,
    the exit code and what was shown."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path))
    older = tmp_path / "ældre.yaml"
    child = spawn(odense, "fase", "tjek", "--rolle", "dele")
    child.expect_exact("Hvad er formålet?")
    shutil.copy(odense.path, older)  # the file as it is before anything is saved
    child.send("Svar P" + ESC_ENTER)
    child.expect_exact("Hvad går løsningen ud på?")
    assert odense.texts()[D1] == "Svar P"
    meanwhile(odense)
    shutil.copy(older, odense.path)  # put back: without Svar P
    child.send("Svar Q" + ESC_ENTER)
    child.expect_exact("Det er skrevet i den igen.")
    child.expect_exact("Hvordan forløb processen?")
    child.send(CTRL_C)
    code, shown = finish(child)
    return odense, code, shown


def test_an_answer_saved_here_is_written_in_again_and_said_at_once(tmp_path):
    odense, code, shown = put_back_between_two_saves(tmp_path)

    assert code == 130, shown
    assert odense.texts()[D1] == "Svar P" and odense.texts()[D2] == "Svar Q"
    assert "og dit svar på »Hvad er formålet?«, som du gemte i dette vindue, manglede i den" in shown
    assert WARNED not in shown  # nothing is missing any more


def test_what_the_window_did_not_save_is_still_warned_of(tmp_path):
    def elsewhere(org: Org) -> None:
        org.answer({D3: "Gemt i et andet vindue"})  # this window never had it

    odense, code, shown = put_back_between_two_saves(tmp_path, elsewhere)

    assert code == 130, shown
    assert odense.texts()[D1] == "Svar P" and odense.texts()[D2] == "Svar Q"
    assert D3 not in odense.texts()
    assert WARNED in shown
    warning = shown.split(WARNED)[1].split("Den nyere udgave kan findes")[0]  # its list, said at the save
    assert "Hvordan forløb processen?" in warning and "Hvad er formålet?" not in warning, warning


def test_an_answer_changed_since_in_another_window_is_not_written_over(tmp_path):
    """Only what the file holds older than this window's save comes back: a newer text stays."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path))
    child = spawn(odense, "fase", "tjek", "--rolle", "dele")
    child.expect_exact("Hvad er formålet?")
    child.send("Svar P" + ESC_ENTER)
    child.expect_exact("Hvad går løsningen ud på?")
    odense.answer({D1: "Rettet i et andet vindue"})
    child.send("Svar Q" + ESC_ENTER)
    child.expect_exact("Hvordan forløb processen?")
    child.send(CTRL_C)
    code, shown = finish(child)

    assert code == 130, shown
    assert odense.texts()[D1] == "Rettet i et andet vindue"
    assert PUT_BACK not in shown


@pytest.mark.parametrize(
    ("keys", "code"), [(DOWN + DOWN + ENTER, 0), (CTRL_C, 130)], ids=["stop-here", "ctrl-c"]
)
def test_an_older_copy_put_back_after_the_last_save_is_mended_when_the_interview_ends(tmp_path, keys, code):
    """Found in the trial of this: put back at the menu after a tool, then "Stop her (alt er gemt)";
    no save followed to write the answers in again, and they were gone (said only in the warning)."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path))
    older = tmp_path / "ældre.yaml"
    shutil.copy(odense.path, older)
    child = spawn(odense, "fase", "tjek", "--rolle", "dele")
    for question, text in (("Hvad er formålet?", "Et"), ("Hvad går løsningen ud på?", "To")):
        child.expect_exact(question)
        child.send(text + ESC_ENTER)
    child.expect_exact("Hvordan forløb processen?")
    child.send("Tre" + ESC_ENTER)
    child.expect_exact("Hvad vil du nu?")
    child.expect_exact("Stop her (alt er gemt)")
    shutil.copy(older, odense.path)  # put back: none of the three
    child.send(keys)
    status, shown = finish(child)

    assert status == code, shown
    assert [odense.texts().get(q) for q in (D1, D2, D3)] == ["Et", "To", "Tre"]
    assert "og 3 svar, du gemte i dette vindue, manglede i den" in shown, shown
    assert "De er skrevet i den igen." in shown
    assert "3 af 20 spørgsmål i fasen Tjek er besvaret" in shown
    assert WARNED not in shown
