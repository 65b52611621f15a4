"""A combined text kept for a conflict is never lost to one wrong key, and is always the one written last:
'Skriv en samlet tekst' (one key below 'Skriv videre') asks before a new text takes its place; a text
written in this run and left with 'Nej, vælg igen' is offered to go on with and asked for like one
kept from before; 'Skriv videre' opens what the file holds now. The installed command in a terminal,
a stub editor, real files."""

from __future__ import annotations

import os

import pytest
from exchange_kit import D1, D2, Org, flat, start_sharing
from terminal import CTRL_C, DOWN, ENTER, rendered, stub_editor
from test_conflict_kept_text import DROP_QUESTION, import_asks, stopped  # noqa: F401  (a fixture)
from test_exchange_e2e import crossing_twice, finish, kept_texts, spawn

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script"),
]

NEW_QUESTION = (
    "Den samlede tekst, du skrev sidst, er ikke gemt: »Samlet tekst«. Skriver du en ny tekst, starter"
    " editoren med udgaverne, og den nye tekst træder i stedet for den gamle, når du lukker editoren."
    " Skal den gamle slettes?"
)
NEW_YES = "Ja, skriv en ny tekst og slet den gamle"
KEPT_SAID = (
    "Du har skrevet en samlet tekst til denne konflikt, som ikke er gemt endnu. Den ligger i denne fil:"
)


def at_first_conflict(
    org: Org, editor: str, *options: str, words=("Konflikt 1 af 2", "Afgør senere"), size=(40, 100)
):
    child = spawn(org, *options, "konflikter", env={"EDITOR": editor}, size=size)
    for said in words:
        child.expect_exact(said)
    return child


def ours_at_the_second(child) -> tuple[int, str]:
    child.expect_exact("Konflikt 2 af 2")
    child.expect_exact("Afgør senere")
    child.send(ENTER)  # ours: no text kept for it, nothing asked
    return finish(child)


def test_a_new_text_over_the_kept_one_asks_first_and_no_keeps_it(stopped, tmp_path):  # noqa: F811
    """The trial's loss: one Down from 'Skriv videre', the editor opened on the versions, was quit
    unchanged, and the versions had taken the written text's place in the kept file."""
    [kept] = kept_texts(stopped)
    raw = kept.read_text(encoding="utf-8")
    editor = stub_editor(tmp_path, "touch '%s'\n" % (tmp_path / "opened"))  # quits, the file unchanged

    child = at_first_conflict(stopped, editor)
    child.send(DOWN + ENTER)  # one below the kept text (chosen at first): Skriv en samlet tekst
    child.expect_exact(NEW_YES)
    child.send(ENTER)  # Nej is chosen at first: back to the choices
    child.expect_exact("Skriv videre på den samlede tekst, du skrev sidst")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 2 + ENTER)  # later keeps the text
    code, shown = ours_at_the_second(child)

    assert code == 0, shown
    assert NEW_QUESTION in shown
    assert "Skal den gamle slettes? Nej, tilbage til valgene" in shown  # the answer, echoed
    assert not (tmp_path / "opened").exists()
    assert set(stopped.others()) == {D1}
    assert kept.read_text(encoding="utf-8") == raw


def test_yes_opens_the_editor_on_the_versions_and_the_new_text_is_used(stopped, tmp_path):  # noqa: F811
    seen = tmp_path / "seen"
    editor = stub_editor(tmp_path, f"cp \"$1\" '{seen}'\nprintf 'Ny tekst\\n' > \"$1\"\n")

    child = at_first_conflict(stopped, editor)
    child.send(DOWN + ENTER)
    child.expect_exact(NEW_YES)
    child.send(DOWN + ENTER)
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    code, shown = ours_at_the_second(child)

    assert code == 0, shown
    opened = seen.read_text(encoding="utf-8")
    assert "Odenses formål" in opened and "Ærøs formål" in opened and "Samlet tekst" not in opened
    assert stopped.texts()[D1] == "Ny tekst"
    assert kept_texts(stopped) == []


@pytest.fixture
def crossed(tmp_path) -> Org:
    """Two conflicts, no text kept for either."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path))
    reusing = Org(tmp_path / "aeroe", tmp_path)
    sharing.answer({D1: "Færre genindlæggelser", D2: "Træning hjemme"})
    assert reusing.import_(sharing.export())[0] == 0
    crossing_twice(sharing, reusing)
    return reusing


def test_a_text_written_in_this_run_and_left_is_offered_and_asked_for(crossed, tmp_path):
    """Written, then 'Nej, vælg igen mellem udgaverne': the text is in the kept file, so the list offers
    to go on with it and a version picked over it asks first (it was deleted on save, unasked)."""
    editor = stub_editor(tmp_path, "printf 'Samlet tekst\\n' > \"$1\"\n")

    child = at_first_conflict(crossed, editor)
    child.send(DOWN * 3 + ENTER)  # Skriv en samlet tekst i editoren
    child.expect_exact("Nej, vælg igen mellem udgaverne")
    child.send(DOWN * 2 + ENTER)
    child.expect_exact("Skriv videre på den samlede tekst, du skrev sidst")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)  # from the text (chosen at first) around to ours
    child.expect_exact("Ja, brug »Jeres (Ærø Kommune)« og slet teksten")
    child.send(ENTER)  # Nej
    child.expect_exact("Afgør senere")
    child.send(DOWN * 2 + ENTER)  # later keeps the text
    code, shown = ours_at_the_second(child)

    assert code == 0, shown
    assert DROP_QUESTION in shown
    [kept] = kept_texts(crossed)
    assert KEPT_SAID in shown and str(kept) in shown.replace(" ", "")  # where it is, under the text shown
    assert set(crossed.others()) == {D1}
    assert "\n    Samlet tekst\n" in kept.read_text(encoding="utf-8")


def test_going_on_opens_the_text_written_last_in_this_run(stopped, tmp_path):  # noqa: F811
    editor = stub_editor(tmp_path, "printf '\\nog videre\\n' >> \"$1\"\n")

    child = at_first_conflict(stopped, editor)
    child.send(ENTER)  # Skriv videre
    child.expect_exact("Nej, vælg igen mellem udgaverne")
    child.send(DOWN * 2 + ENTER)
    child.expect_exact("Skriv videre på den samlede tekst, du skrev sidst")
    child.expect_exact("Afgør senere")
    child.send(ENTER)  # Skriv videre again: from what the file holds now
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    code, shown = ours_at_the_second(child)

    assert code == 0, shown
    assert stopped.texts()[D1] == "Samlet tekst\n\nog videre\n\nog videre"
    assert kept_texts(stopped) == []


@pytest.mark.parametrize("columns", [80, 60])
def test_where_the_text_is_kept_and_the_question_fit_the_terminal(stopped, tmp_path, columns):  # noqa: F811
    """The path whole on its own line under the words that name it ('ligger i' stood alone on a line at
    80 columns); the new text's question broken between words."""
    [kept] = kept_texts(stopped)
    child = at_first_conflict(stopped, stub_editor(tmp_path, "exit 1\n"), size=(60, columns))
    child.send(DOWN + ENTER)
    child.expect_exact("slet den gamle")
    screen = rendered(child.logfile_read.getvalue(), columns, 60)
    child.send(CTRL_C)
    assert finish(child)[0] == 130

    said = next(n for n, line in enumerate(screen) if line.startswith("Du har skrevet en samlet tekst"))
    told = screen[said : screen.index("  " + str(kept)[: columns - 2])]
    assert flat("\n".join(told)) == KEPT_SAID
    assert all(len(line.split()) > 2 for line in told)
    start = next(n for n, line in enumerate(screen) if line.startswith("? Den samlede tekst, du skrev sidst"))
    asked = screen[start : screen.index(" » Nej, tilbage til valgene") + 2]
    assert flat("\n".join(asked)).startswith(f"? {NEW_QUESTION} (Ctrl+C stopper uden at gemme dine valg)")
    assert asked[-1] == f"   {NEW_YES}"
    assert all(len(line) < columns for line in asked)


def test_the_new_text_question_in_english(stopped, tmp_path):  # noqa: F811
    words = ("Conflict 1 of 2", "Resolve later")
    child = at_first_conflict(stopped, stub_editor(tmp_path, "exit 1\n"), "--sprog", "en", words=words)
    child.send(DOWN + ENTER)
    child.expect_exact("Yes, write a new text and delete the old one")
    child.send(CTRL_C)
    code, shown = finish(child)

    assert code == 130, shown
    assert (
        "You have written a combined text for this conflict that is not saved yet. It is kept in this file:"
        in shown
    )
    assert (
        "The combined text you wrote last time is not saved: “Samlet tekst”. If you write a new text, the"
        " editor starts with the versions, and the new text takes the place of the old one when you close"
        " the editor. Should the old one be deleted?"
    ) in shown
    assert "No, back to the choices" in shown


def test_the_import_asks_too_before_a_new_text_replaces_the_kept_one(stopped, tmp_path):  # noqa: F811
    import_asks(stopped, tmp_path, DOWN, NEW_YES, NEW_QUESTION)
