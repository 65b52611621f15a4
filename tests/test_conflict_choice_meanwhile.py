"""A conflict's choice made while another window saved the same answer is not used: nothing is lost.

Trial 41: Ærø had 'importer' open at a conflict's list ("Hvilket svar skal gemmes?"); another
window saved a new text in the same answer; choosing Aarhus's version then replaced that new
text, which the user never saw, and said the text that stood here (the one shown) was in the copy.
As 'konflikter' does in the same race, the choice is not used: the answer saved meanwhile stands,
the file's version is brought in beside it, and the import says so. A combined text written in
the editor for such a conflict stays kept (cli/merging.py), in 'importer' and in 'konflikter'.
Each end to end: the installed command in a pseudo-terminal, the other window a second process.
"""

from __future__ import annotations

import os

import pytest
from exchange_kit import D1, D3, Org, start_sharing
from terminal import DOWN, ENTER, stub_editor
from test_exchange_e2e import finish, kept_texts, spawn

pytestmark = pytest.mark.e2e


@pytest.fixture
def crossed(tmp_path) -> tuple[Org, Org, object]:
    """Aarhus and Ærø have both changed Aarhus's answer D3; Aarhus's file (v5) is ready for Ærø."""
    aarhus = start_sharing(Org(tmp_path / "aarhus", tmp_path), answers={D3: "Aarhus' første tekst"})
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(aarhus.export())[0] == 0
    aarhus.answer({D3: "AARHUS-V5: processen, som Aarhus ser den"})
    aeroe.answer({D3: "ÆRØ-V5: processen, som Ærø ser den"}, "--rolle", "dele")
    return aarhus, aeroe, aarhus.export()


@pytest.mark.parametrize("keys", [DOWN + ENTER, ENTER], ids=["aarhus-version", "our-version-shown"])
def test_a_choice_made_while_the_answer_was_saved_elsewhere_leaves_that_answer(crossed, keys):
    _, aeroe, v5 = crossed
    child = spawn(aeroe, "importer", str(v5))
    child.expect_exact("Jeres udgave")
    child.expect_exact("Afgør senere")  # the list is open
    aeroe.answer({D3: "ÆRØ-V6: skrevet i et andet vindue"}, "--rolle", "dele")  # "1 svar gemt"
    child.send(keys)
    code, shown = finish(child)

    assert code == 0, shown
    assert aeroe.texts()[D3] == "ÆRØ-V6: skrevet i et andet vindue"  # not replaced by a choice made before it
    assert aeroe.others() == {D3: ["AARHUS-V5: processen, som Aarhus ser den"]}  # the file's, beside it
    flat = " ".join(shown.split())
    assert (  # which answer, named as the dry run names it
        "Dette svar blev ændret et andet sted, mens I valgte; valget er ikke brugt, og svaret står, "
        "som det blev gemt dér: • Tjek · Beskriv innovationen · Vi vil dele: "
        "Hvordan forløb processen?" in flat
    ), flat
    assert "afgjort nu" not in shown
    assert "før I valgte en anden udgave" not in shown  # no text of ours was left behind by a choice
    assert "Der er 1 uafklaret konflikt; se og afgør den med 'spredning konflikter'." in shown


def test_a_choice_on_an_answer_no_one_changed_meanwhile_is_used_as_before(crossed):
    _, aeroe, v5 = crossed
    child = spawn(aeroe, "importer", str(v5))
    child.expect_exact("Afgør senere")
    child.send(DOWN + ENTER)
    code, shown = finish(child)

    assert code == 0, shown
    assert aeroe.texts()[D3] == "AARHUS-V5: processen, som Aarhus ser den"
    assert aeroe.others() == {}
    assert "1 konflikt afgjort nu" in shown and "ændret et andet sted" not in shown
    assert "før I valgte en anden udgave, er gemt i en kopi af projektfilen" in shown


def _saving_editor(tmp_path, org: Org) -> str:
    """An editor writing a combined text while 'another window' saves the answer (once: the first time)."""
    answers = tmp_path / "r9.yaml"
    answers.write_text(f'{D3}: "ÆRØ-V6: skrevet i et andet vindue"\n', encoding="utf-8")
    done = tmp_path / "saved-once"
    save = f"spredning fase tjek --rolle dele --svar '{answers}' --erstat < /dev/null > /dev/null"
    body = f"[ -e '{done}' ] || {{ {save} && touch '{done}'; }}\nprintf 'Vores samlede tekst\\n' > \"$1\"\n"
    return stub_editor(tmp_path, body)


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
@pytest.mark.parametrize("command", ["importer", "konflikter"])
def test_a_combined_text_written_while_the_answer_was_saved_elsewhere_stays_kept(crossed, tmp_path, command):
    _, aeroe, v5 = crossed
    if command == "konflikter":
        assert aeroe.import_(v5)[0] == 0  # no terminal: the conflict waits
    args = ("importer", str(v5)) if command == "importer" else ("konflikter",)
    child = spawn(aeroe, *args, env={"EDITOR": _saving_editor(tmp_path, aeroe)})
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)  # Skriv en samlet tekst i editoren
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    code, shown = finish(child)

    assert code == 0, shown
    assert aeroe.texts()[D3] == "ÆRØ-V6: skrevet i et andet vindue"
    assert aeroe.others() == {D3: ["AARHUS-V5: processen, som Aarhus ser den"]}
    assert "ændret et andet sted" in shown
    kept = "".join(path.read_text(encoding="utf-8") for path in kept_texts(aeroe))
    assert "Vores samlede tekst" in kept  # typed, not saved: still here to use


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_konflikter_says_what_was_not_settled_before_the_next_step(tmp_path):
    """One conflict settled, one changed meanwhile: "not settled, run it again" comes before "send it"."""
    aarhus = start_sharing(
        Org(tmp_path / "aarhus", tmp_path), answers={D1: "Aarhus' formål", D3: "Aarhus' første tekst"}
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(aarhus.export())[0] == 0
    aarhus.answer({D1: "AARHUS-V5: formålet", D3: "AARHUS-V5: processen, som Aarhus ser den"})
    aeroe.answer({D1: "ÆRØ-V5: formålet", D3: "ÆRØ-V5: processen, som Ærø ser den"}, "--rolle", "dele")
    assert aeroe.import_(aarhus.export())[0] == 0  # no terminal: both conflicts wait
    child = spawn(aeroe, "konflikter", env={"EDITOR": _saving_editor(tmp_path, aeroe)})
    child.expect_exact("AARHUS-V5: formålet")
    child.expect_exact("Afgør senere")
    child.send(DOWN + ENTER)  # the purpose: Aarhus's version
    child.expect_exact("AARHUS-V5: processen")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)  # the process: a combined text, while another window saves it
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    code, shown = finish(child)

    assert code == 0, shown
    assert (
        aeroe.texts()[D1] == "AARHUS-V5: formålet"
        and aeroe.texts()[D3] == "ÆRØ-V6: skrevet i et andet vindue"
    )
    flat = " ".join(shown.split())
    meanwhile, send = flat.find("ændret et andet sted undervejs"), flat.find("Næste skridt: send afgørelsen")
    assert 0 <= meanwhile < send, flat
    named = "kør kommandoen igen: • Tjek · Beskriv innovationen · Vi vil dele: Hvordan forløb processen?"
    assert named in flat  # which answer


@pytest.mark.parametrize("keys", [ENTER, DOWN + ENTER], ids=["another-choice", "the-same-choice"])
def test_a_conflict_settled_in_another_window_meanwhile_is_said_so_with_the_answer_now(crossed, keys):
    """Trial (stop 44): two windows settling one conflict; the second said "Ingen konflikt er afgjort;
    den venter, til du kører 'spredning konflikter' igen", though none waited: the first had settled it.
    Now it says the conflict was settled elsewhere, with its choice and the answer saved now."""
    from spredning.app.exchange.conflicts import open_conflicts, settle
    from spredning.app.workspace import Settings, Workspace
    from spredning.core.model import Answer

    _, aeroe, v5 = crossed
    assert aeroe.import_(v5)[0] == 0  # no terminal: the conflict waits
    child = spawn(aeroe, "konflikter")
    child.expect_exact("Afgør senere")  # the list is open in this window
    ws = Workspace(Settings(home=str(aeroe.home)))  # the other window settles it: Aarhus's version
    [conflict] = open_conflicts(ws.store.load(aeroe.slug))
    settled = settle(ws, aeroe.slug, {conflict.slot: (conflict.entry, Answer(text=AARHUS_V5))})
    assert settled.settled == 1
    child.send(keys)  # ours (first), or Aarhus's (the same as the other window's)
    code, shown = finish(child)

    assert code == 0, shown
    assert aeroe.texts()[D3] == AARHUS_V5 and aeroe.others() == {}
    flat = " ".join(shown.split())
    assert "Denne konflikt blev afgjort et andet sted (fx i et andet vindue), mens du valgte" in flat, flat
    chosen = "ÆRØ-V5: processen, som Ærø ser den" if keys == ENTER else AARHUS_V5
    assert f"dit valg: {chosen} gemt nu: {AARHUS_V5}" in flat
    assert "venter" not in flat and "afgjort nu" not in flat and "Næste skridt: send" not in flat


AARHUS_V5 = "AARHUS-V5: processen, som Aarhus ser den"
