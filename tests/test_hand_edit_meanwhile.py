"""An answer edited by hand in the project file, while the program has it open or sends it out.

Reading gives such an edit a version of this computer's, above any it gave (projectfile); only a
write keeps that version. Found in stop 49's trial: with the question open in the interview, the
file's text changed by hand (its version line left as it was), "Mit svar" at "Hvilket svar skal
gemmes?" asked the same again, each time with the file's text added once more, for ever: each
read gave the hand edit a newer version than the one just shown. And sent twice (eksport) after
two edits by hand, both versions had the same count, so the partner kept the first edit and
never had the second. The file is now written with the edit's version before a change is saved
on it or it is sent out. Each end to end: the installed command, real files.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, Org, start_sharing
from terminal import CTRL_C, DOWN, ENTER, ESC_ENTER
from test_exchange_e2e import finish, spawn

pytestmark = pytest.mark.e2e


def edit_by_hand(org: Org, old: str, new: str) -> None:
    """Change an answer's text in the project file as a text editor would, its version line as it was."""
    text = org.path.read_text(encoding="utf-8")
    assert f"tekst: {old}\n" in text
    org.path.write_text(text.replace(f"tekst: {old}\n", f"tekst: {new}\n"), encoding="utf-8")


@pytest.mark.parametrize(
    ("choice", "kept"),
    [("Mit svar", "Første MIT"), ("Det andet svar (fra filen)", "Rettet i hånden")],
    ids=["mine", "the-files"],
)
def test_the_answer_chosen_over_a_hand_edit_made_while_i_typed_is_saved_once(tmp_path, choice, kept):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Første"})
    child = spawn(odense, "fase", "tjek", "--rolle", "dele")
    child.expect_exact("Gennemgå alle spørgsmål fra start")
    child.send(DOWN + ENTER)
    child.expect_exact("Hvad er formålet?")
    edit_by_hand(odense, "Første", "Rettet i hånden")
    child.send(" MIT" + ESC_ENTER)
    child.expect_exact("Hvilket svar skal gemmes?")
    child.expect_exact(choice)
    child.send((DOWN if choice != "Mit svar" else "") + ENTER)  # mine is the first choice
    child.expect_exact("Hvad går løsningen ud på?")  # saved, and on to the next question
    child.send(CTRL_C)
    code, shown = finish(child)

    assert code == 130, shown
    assert odense.texts()[D1] == kept, shown
    assert shown.count("Svaret er blevet ændret et andet sted") == 1, shown  # asked once


def test_each_edit_by_hand_sent_reaches_the_partner(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "A0", D2: "Løsning"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0

    for text in ("A1 i hånden", "A2 i hånden", "A3 i hånden"):
        previous = odense.texts()[D1]
        edit_by_hand(odense, previous, text)
        code, out, err = aeroe.import_(odense.export())
        assert code == 0, err
        assert aeroe.texts()[D1] == text, out  # not kept at the first edit as "already had"

    assert aeroe.texts()[D2] == "Løsning"
    backups = sorted(p.name for p in odense.home.iterdir() if ".bak-" in p.name)
    assert len(backups) == 3  # each file edited by hand kept as it was, as any save keeps it
