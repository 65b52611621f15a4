"""Keeping every version of a conflict keeps a "not relevant" mark (model.joined).

Found in a trial: both organisations marked a question "not relevant", each with its reason, and
"Begge, efter hinanden" in `konflikter` saved the two reasons as an ordinary answer, the mark gone.
With one version marked and the other an answer, the reason was put before the answer and read as
part of it. Now: every version marked stays marked, the reasons one after the other; a mark beside
an answer is not joined (a question is either not relevant or answered): "Begge" is not offered,
and a line says why. In the editor a marked version's heading says so; the text written there is
the reason when every version is marked, and the answer otherwise (said before it is used).
"""

from __future__ import annotations

import os

import pexpect
import pytest
from exchange_kit import D1, KEYS, PARTNERS, Org, flat, start_sharing
from terminal import COMMAND, DOWN, ENTER, person, rendered, stub_editor

from spredning.core.model import Answer, joined

# --- the join itself --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("versions", "expected"),
    [
        ([Answer("A"), Answer("B")], Answer("A\n\nB")),
        ([Answer("A"), Answer("B"), Answer("C")], Answer("A\n\nB\n\nC")),
        ([Answer("A", True), Answer("B", True)], Answer("A\n\nB", True)),
        ([Answer("A", True), Answer("B", True), Answer("C", True)], Answer("A\n\nB\n\nC", True)),
        ([Answer("", True), Answer("B", True)], Answer("B", True)),  # a mark without a reason adds none
        ([Answer("", True), Answer("", True)], Answer("", True)),
        ([Answer(), Answer("B", True)], Answer("B", True)),  # a deleted version adds nothing
        ([Answer("A", True), Answer("B")], None),  # a mark beside an answer: not joined
        ([Answer("A"), Answer("", True)], None),
        ([Answer("A", True), Answer("B", True), Answer("C")], None),
    ],
)
def test_joined_keeps_the_mark_only_when_every_version_has_it(versions, expected):
    assert joined(versions) == expected


# --- konflikter in a terminal, two and three versions --------------------------------------------------


def marked(reason: str) -> dict:
    return {"ikke-relevant": "ja", "begrundelse": reason}


def answer_of(org: Org, partner: str | None = None) -> Answer:
    project = org.project()
    chosen = project.partner(partner) if partner else project.partners[0]
    found = project.dialogue(chosen).answer(D1)
    assert found is not None
    return Answer(found.text, found.not_relevant)


def two_versions(tmp_path, run_cli, ours, theirs) -> Org:
    """Odense and Ærø each save D1 at the same time; Ærø (the person's folder) imports Odense's."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Formål"})
    reusing = Org(tmp_path / "hjem", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    sharing.answer({D1: theirs})
    reusing.answer({D1: ours}, "--rolle", "dele")
    assert "1 konflikt" in flat(reusing.import_(sharing.export())[1])
    return reusing


def settle(tmp_path, pseudo_terminal, keys: list[str], editor: str | None = None) -> str:
    """Run konflikter at 80 columns, sending each of `keys` after the menu (or the editor's question)."""
    env = person(tmp_path, lines=40)
    if editor is not None:
        env["EDITOR"] = editor
    child = pseudo_terminal(COMMAND, ["konflikter"], env=env, rows=40, cwd=tmp_path)
    for key in keys:
        child.expect_exact(["Afgør senere", "Ja, brug denne tekst"])
        child.send(key)
    child.expect(pexpect.EOF)
    return "\n".join(rendered(child.logfile_read.getvalue(), 80, 40))


@pytest.mark.e2e
def test_both_of_two_not_relevant_versions_stay_not_relevant(tmp_path, run_cli, pseudo_terminal):
    reusing = two_versions(tmp_path, run_cli, marked("Grund fra Ærø"), marked("Grund fra Odense"))

    shown = settle(tmp_path, pseudo_terminal, [DOWN * 2 + ENTER])  # Jeres, Odenses, Begge

    assert "Begge, efter hinanden" in shown and "1 konflikt afgjort." in flat(shown)
    assert answer_of(reusing) == Answer("Grund fra Ærø\n\nGrund fra Odense", True)
    assert reusing.others() == {}


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(marked("Grund fra Ærø"), "Odenses formål"), ("Ærøs formål", marked("Grund fra Odense"))],
)
def test_a_mark_beside_an_answer_is_not_offered_as_both(tmp_path, run_cli, pseudo_terminal, ours, theirs):
    reusing = two_versions(tmp_path, run_cli, ours, theirs)

    shown = settle(tmp_path, pseudo_terminal, [DOWN * 3 + ENTER])  # Jeres, Odenses, editor, Afgør senere

    said = flat(shown)
    assert "Begge, efter hinanden« kan ikke vælges her" in said
    assert "Vælg den, der skal gælde, eller skriv en samlet tekst i editoren." in said
    menu = shown[shown.index("Hvilket svar skal gemmes?") :]
    assert "Begge, efter hinanden\n" not in menu and "  Begge" not in menu
    assert "Ingen konflikt er afgjort" in said
    assert len(reusing.others()) == 1  # settled later: both versions kept, the mark with its own


@pytest.mark.e2e
@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_in_the_editor_a_marked_version_says_so_and_the_text_becomes_the_answer(
    tmp_path, run_cli, pseudo_terminal
):
    reusing = two_versions(tmp_path, run_cli, marked("Grund fra Ærø"), "Odenses formål")
    seen = tmp_path / "set-i-editoren.txt"
    editor = stub_editor(tmp_path, f"cp \"$1\" '{seen}'\nprintf '\\nVores svar\\n' >> \"$1\"\n")

    shown = settle(tmp_path, pseudo_terminal, [DOWN * 2 + ENTER, ENTER], editor)

    assert seen.read_text(encoding="utf-8") == (
        "--- Ærø Kommunes udgave – ikke relevant, begrundelse ---\n\nGrund fra Ærø\n\n"
        "--- Odense Kommunes udgave ---\n\nOdenses formål\n"
    )
    assert "Den samlede tekst (den gemmes som svar, så markeringen 'ikke relevant' forsvinder):" in flat(
        shown
    )
    assert answer_of(reusing) == Answer("Grund fra Ærø\n\nOdenses formål\n\nVores svar")


@pytest.mark.e2e
@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_in_the_editor_the_text_for_marked_versions_is_the_reason(tmp_path, run_cli, pseudo_terminal):
    reusing = two_versions(tmp_path, run_cli, marked("Grund fra Ærø"), marked("Grund fra Odense"))
    editor = stub_editor(tmp_path, "printf 'Samlet grund\\n' > \"$1\"\n")

    shown = settle(tmp_path, pseudo_terminal, [DOWN * 3 + ENTER, ENTER], editor)

    said = flat(shown)
    assert "Den samlede begrundelse (spørgsmålet forbliver markeret som ikke relevant):" in said
    assert "Skal denne tekst være begrundelsen?" in said
    assert answer_of(reusing) == Answer("Samlet grund", True)


def three_versions(tmp_path, run_cli, texts: dict) -> Org:
    """Odense (the person's folder) and two partners each save D1: two versions wait beside Odense's."""
    sharing = start_sharing(
        Org(tmp_path / "hjem", tmp_path, run_cli), reusers=PARTNERS, answers={D1: "Formål"}
    )
    partners = {key: Org(tmp_path / key, tmp_path, run_cli) for key in KEYS[:2]}
    for key, org in partners.items():
        assert org.import_(sharing.export("--partner", key))[0] == 0
    sharing.answer({D1: texts[""]})
    for key, org in partners.items():
        org.answer({D1: texts[key]}, "--rolle", "dele")
        assert sharing.import_(org.export())[0] == 0
    assert len(sharing.others()[D1]) == 2
    return sharing


@pytest.mark.e2e
def test_all_three_not_relevant_versions_stay_not_relevant(tmp_path, run_cli, pseudo_terminal):
    texts = {"": marked("Odenses grund"), KEYS[0]: marked("Ærøs grund"), KEYS[1]: marked("Fanøs grund")}
    sharing = three_versions(tmp_path, run_cli, texts)

    shown = settle(tmp_path, pseudo_terminal, [DOWN * 3 + ENTER])  # Jeres, Ærøs, Fanøs, Alle 3

    assert "Alle 3 udgaver, efter hinanden" in shown
    assert answer_of(sharing, KEYS[0]) == Answer("Odenses grund\n\nÆrøs grund\n\nFanøs grund", True)
    assert sharing.others() == {}


@pytest.mark.e2e
def test_three_versions_with_a_mark_and_answers_are_not_offered_as_all(tmp_path, run_cli, pseudo_terminal):
    texts = {"": "Odenses formål", KEYS[0]: marked("Ærøs grund"), KEYS[1]: "Fanøs formål"}
    sharing = three_versions(tmp_path, run_cli, texts)

    shown = settle(tmp_path, pseudo_terminal, [DOWN * 4 + ENTER])  # Jeres, Ærøs, Fanøs, editor, later

    said = flat(shown)
    assert "»Alle 3 udgaver, efter hinanden« kan ikke vælges her" in said
    assert "  Alle 3 udgaver" not in shown[shown.index("Hvilket svar skal gemmes?") :]
    assert len(sharing.others()[D1]) == 2  # settled later: all three kept as they were


# --- an empty version: "both" would keep just the other -----------------------------------------------


UP = "\x1b[A"


def emptied(org: Org, role: str) -> None:
    """The answer to D1 deleted on `org`'s computer, as the interview deletes one (a field emptied)."""
    from spredning.app.answering import Session, save_answers
    from spredning.app.workspace import Settings, Workspace

    ws = Workspace(Settings(home=str(org.home)))
    partner = ws.store.load(ws.slug()).partners[0]
    save_answers(Session(ws, ws.slug(), role, partner), {D1: Answer()}, replace_any=True)


@pytest.mark.e2e
@pytest.mark.parametrize("deleted", ["ours", "theirs", "blank"])
def test_an_empty_version_is_not_offered_as_both(tmp_path, run_cli, pseudo_terminal, deleted):
    """Found in a trial: one side had emptied its answer; "Begge, efter hinanden" kept only the other."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Formål"})
    reusing = Org(tmp_path / "hjem", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    if deleted == "theirs":
        emptied(sharing, "dele")
    else:  # a mark with no reason, beside one with a reason: "both" is the one with the reason
        sharing.answer({D1: marked("Grund fra Odense") if deleted == "blank" else "Odenses formål"})
    if deleted == "ours":
        emptied(reusing, "dele")
    else:
        reusing.answer({D1: marked("") if deleted == "blank" else "Ærøs formål"}, "--rolle", "dele")
    assert "1 konflikt" in flat(reusing.import_(sharing.export())[1])

    child = pseudo_terminal(COMMAND, ["konflikter"], env=person(tmp_path, lines=40), rows=40, cwd=tmp_path)
    child.expect_exact("Afgør senere (begge udgaver gemmes)")  # the menu's last line: drawn whole
    screen = "\n".join(rendered(child.logfile_read.getvalue(), 80, 40))
    child.send(UP + ENTER)  # the menu wraps round: Afgør senere, its last choice
    child.expect(pexpect.EOF)

    menu = screen[screen.index("Hvilket svar skal gemmes?") :]
    assert "Skriv en samlet tekst i editoren" in menu and "Begge" not in menu
    assert "kan ikke vælges her" not in flat(screen)  # the note on marks beside answers: not why here
    assert "Ingen konflikt er afgjort" in flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 40)))
    assert len(reusing.others()) == 1
