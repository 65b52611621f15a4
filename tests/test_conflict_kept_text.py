"""A combined text written at a conflict and not saved (the user stopped) is kept; the next
'konflikter' offers to go on writing from it, for that conflict, and the kept file goes only once
the text is saved. The installed command in a terminal, a stub editor, real files."""

from __future__ import annotations

import os

import pytest
from exchange_kit import D1, D2, G1, Org, flat, start_sharing
from terminal import CTRL_C, DOWN, ENTER, rendered, stub_editor
from test_exchange_e2e import crossing_twice, finish, kept_texts, spawn, write_then_stop

from spredning.core.store import WRITE_LIMIT

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script"),
]


@pytest.fixture
def stopped(tmp_path) -> Org:
    """Two conflicts; a combined text written for the first, then Ctrl+C at the second."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path))
    reusing = Org(tmp_path / "aeroe", tmp_path)
    sharing.answer({D1: "Færre genindlæggelser", D2: "Træning hjemme"})
    assert reusing.import_(sharing.export())[0] == 0
    crossing_twice(sharing, reusing)
    code, shown = write_then_stop(reusing, tmp_path)
    assert code == 130, shown
    return reusing


def test_the_next_run_goes_on_from_the_kept_text_and_saving_it_removes_the_file(stopped, tmp_path):
    [kept] = kept_texts(stopped)
    editor = stub_editor(
        tmp_path, "cp \"$1\" '%s'\nprintf '\\nog videre\\n' >> \"$1\"\n" % (tmp_path / "seen")
    )

    child = spawn(stopped, "konflikter", env={"EDITOR": editor})
    child.expect_exact("Konflikt 1 af 2")
    child.expect_exact("Afgør senere")
    child.send(ENTER)  # the kept text is chosen at first: go on writing it
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    child.expect_exact("Konflikt 2 af 2")
    child.expect_exact("Afgør senere")
    child.send(ENTER)  # keep ours
    code, shown = finish(child)

    assert code == 0, shown
    assert (
        "Du har skrevet en samlet tekst til denne konflikt, som ikke er gemt endnu. Den ligger i denne fil:"
        in shown
    )
    assert str(kept) in shown.replace(" ", "")  # named (the test's long path is broken at the edge)
    assert "Skriv videre på den samlede tekst, du skrev sidst" in shown
    assert (tmp_path / "seen").read_text(encoding="utf-8").strip() == "Samlet tekst"  # not the versions
    assert stopped.texts()[D1] == "Samlet tekst\n\nog videre"
    assert kept_texts(stopped) == []  # saved in the project: the kept file is gone


def test_a_conflict_left_for_later_keeps_its_text_for_the_run_after(stopped, tmp_path):
    editor = stub_editor(tmp_path, "exit 1\n")  # never opened: the kept text is only offered

    child = spawn(stopped, "konflikter", env={"EDITOR": editor})
    child.expect_exact("Konflikt 1 af 2")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 2 + ENTER)  # from the kept text (chosen at first) down to 'later'
    child.expect_exact("Konflikt 2 af 2")
    child.expect_exact("Afgør senere")
    child.send(ENTER)  # keep ours: settled and saved
    code, shown = finish(child)

    assert code == 0, shown
    assert set(stopped.others()) == {D1}
    [kept] = kept_texts(stopped)
    raw = kept.read_text(encoding="utf-8")
    assert raw.startswith("Konflikt 1 af 2: Tjek · Beskriv innovationen") and f"[{D1}]" in raw
    assert "\n    Samlet tekst\n" in raw  # readable: the text under its conflict's heading

    child = spawn(stopped, "konflikter", env={"EDITOR": editor})
    child.expect_exact("Konflikt 1 af 1")
    child.expect_exact("Skriv videre på den samlede tekst, du skrev sidst")
    child.send(CTRL_C)
    assert finish(child)[0] == 130


def test_the_kept_texts_are_found_again_for_their_own_conflicts(stopped, tmp_path):
    [kept] = kept_texts(stopped)
    raw = kept.read_text(encoding="utf-8")  # a text for the second conflict too, above the first
    kept.write_text(
        f"Konflikt 2 af 2: Tjek · Beskriv innovationen [{D2}]\n\n    Til løsningen\n\n    [{D1}]\n\n\n" + raw,
        encoding="utf-8",
    )
    editor = stub_editor(tmp_path, "printf '\\nrettet\\n' >> \"$1\"\n")

    child = spawn(stopped, "konflikter", env={"EDITOR": editor})
    for _ in range(2):
        child.expect_exact("Skriv videre på den samlede tekst, du skrev sidst")
        child.send(ENTER)
        child.expect_exact("Ja, brug denne tekst")
        child.send(ENTER)
    code, shown = finish(child)

    assert code == 0, shown
    assert stopped.texts()[D1] == "Samlet tekst\n\nrettet"
    assert stopped.texts()[D2] == f"Til løsningen\n\n[{D1}]\n\nrettet"
    assert kept_texts(stopped) == []


def settled_by_import(stopped: Org, tmp_path, *, kept_after: bool = True) -> str:
    """Odense brings in Ærø's versions, keeps its own in both conflicts, and Ærø imports that decision:
    the conflicts the kept text was written for are settled, not by Ærø's 'konflikter'. The import's output.

    `kept_after`: the text is kept by a 'konflikter' still open in another window during the import,
    which writes its kept file when it is stopped after it (the import finds none to set aside).
    """
    [kept] = kept_texts(stopped)
    raw = kept.read_bytes()
    if kept_after:
        kept.unlink()
    sharing = Org(tmp_path / "odense", tmp_path)
    assert sharing.import_(stopped.export())[0] == 0
    child = spawn(sharing, "konflikter")
    for number in (1, 2):
        child.expect_exact(f"Konflikt {number} af 2")
        child.expect_exact("Afgør senere")
        child.send(ENTER)  # keep Odense's
    assert finish(child)[0] == 0
    code, out, err = stopped.import_(sharing.export())
    assert code == 0, err
    assert stopped.others() == {}
    if kept_after:
        kept.write_bytes(raw)
    return out


def test_a_text_kept_for_a_conflict_settled_elsewhere_is_set_aside_once_and_said_where(stopped, tmp_path):
    settled_by_import(stopped, tmp_path)
    [kept] = kept_texts(stopped)
    raw = kept.read_text(encoding="utf-8")

    out = flat(stopped.ok("konflikter"))

    aside = stopped.home / ".spredning" / "genoptraening-aeroe-samlede-tekster-uden-konflikt.txt"
    assert (
        "Du skrev en samlet tekst til en konflikt, der ikke længere er åben (den er afgjort et andet sted,"
        " fx ved en import eller i et andet vindue). Teksten er ikke slettet: den ligger nu i"
        f" {aside}, hvor du kan kopiere fra den. Spørgsmålet: Hvad er formålet?"
    ) in out
    assert "Der er ingen uafklarede konflikter." in out
    assert not kept.exists()  # not offered for a conflict that is not there
    assert aside.read_text(encoding="utf-8") == raw  # the text whole, under its conflict's heading
    assert "samlet tekst" not in flat(stopped.ok("konflikter"))  # said once
    assert aside.read_text(encoding="utf-8") == raw
    # the project's own file: 'projekt fjern' takes it along with the project's other helper files
    stopped.ok("projekt", "fjern", "genoptraening-aeroe", "--ja")
    assert not aside.exists()
    [moved] = (stopped.home / "fjernede").glob(f"*/denne-computer/{aside.name}")
    assert moved.read_text(encoding="utf-8") == raw


def test_the_import_that_settles_a_conflict_with_a_kept_text_says_where_the_text_is(stopped, tmp_path):
    """The import leaves no conflict open, so no one runs 'konflikter' after it: the combined text kept
    for a conflict it settled is set aside and named by the import itself (it stayed unnamed)."""
    [kept] = kept_texts(stopped)
    raw = kept.read_text(encoding="utf-8")

    out = flat(settled_by_import(stopped, tmp_path, kept_after=False))

    aside = stopped.home / ".spredning" / "genoptraening-aeroe-samlede-tekster-uden-konflikt.txt"
    assert (
        "Du skrev en samlet tekst til en konflikt, der ikke længere er åben (den er afgjort et andet sted,"
        f" fx ved en import eller i et andet vindue). Teksten er ikke slettet: den ligger nu i {aside},"
    ) in out
    assert not kept.exists()
    assert aside.read_text(encoding="utf-8") == raw


def test_a_kept_file_from_an_older_program_is_named_and_left_as_it_is(stopped, tmp_path):
    [kept] = kept_texts(stopped)
    kept.write_text("Min tekst fra før, uden overskrift\n", encoding="utf-8")  # no conflict to find it by

    for _ in range(2):  # every run: the file stays, and so does what it holds
        out = flat(stopped.ok("konflikter"))
        assert (
            f"Samlede tekster fra en ældre udgave af programmet ligger i {kept}. Programmet kan ikke se,"
            " hvilken konflikt de hører til, så de tilbydes ikke her; filen er, som den var, og du kan"
            " kopiere fra den."
        ) in out
        assert kept.read_text(encoding="utf-8") == "Min tekst fra før, uden overskrift\n"
    assert "older version of the program are kept in" in flat(stopped.ok("--sprog", "en", "konflikter"))


def editor_open_at_a_conflict(tmp_path):
    """Ærø at the first of two conflicts, its editor open for a combined text it has saved
    ("Samlet i editoren"): (Ærø, the 'konflikter' running, the file naming the editor's file)."""
    from test_e2e_drafts import editor_left_open, editor_opened

    sharing = start_sharing(Org(tmp_path / "odense", tmp_path))
    reusing = Org(tmp_path / "aeroe", tmp_path)
    sharing.answer({D1: "Færre genindlæggelser", D2: "Træning hjemme"})
    assert reusing.import_(sharing.export())[0] == 0
    crossing_twice(sharing, reusing)
    editor, opened, named = editor_left_open(tmp_path, "Samlet i editoren")
    child = spawn(reusing, "konflikter", env={"EDITOR": editor})
    child.expect_exact("Konflikt 1 af 2")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)  # Skriv en samlet tekst i editoren
    editor_opened(child, opened)
    return reusing, child, named


def test_the_editor_file_a_stop_leaves_at_a_conflict_is_the_projects_and_named_next_time(tmp_path):
    """Stopped from outside while the editor was open for a combined text: its file was
    'spredning-svar-RANDOM.txt', tied to no project. It is named after the project now, and the
    next 'konflikter' says where it is."""
    import signal

    from test_e2e_drafts import wait_for_exit

    reusing, child, named = editor_open_at_a_conflict(tmp_path)
    os.kill(child.pid, signal.SIGTERM)
    wait_for_exit(child)
    kept = reusing.home / ".spredning" / "genoptraening-aeroe-tekst-fra-editoren.txt"
    assert named.read_text() == str(kept)
    assert kept.read_text(encoding="utf-8") == "Samlet i editoren\n"

    out = flat(reusing.ok("konflikter"))

    assert (
        "Tekst fra editoren, som programmet ikke fik hentet ind (det blev stoppet, mens editoren var"
        " åben, editoren gav en fejl, eller teksten var for stor eller i et tegnsæt, programmet ikke"
        f" kender), ligger i {kept}."
    ) in out
    assert kept.read_text(encoding="utf-8") == "Samlet i editoren\n"  # named, never changed


def test_ctrl_c_while_the_editor_is_open_at_a_conflict_keeps_what_the_editor_saved(tmp_path):
    """An editor that leaves the terminal as it is (VS Code with 'code --wait'): Ctrl+C in the terminal
    stops the program and the editor together. What the editor had saved is the user's writing: its
    file stays and the stop names it, as a stop from outside does (it was deleted, and not said)."""
    reusing, child, _named = editor_open_at_a_conflict(tmp_path)
    child.send(CTRL_C)  # the terminal sends it to the program and the editor alike
    code, shown = finish(child)

    assert code == 130, shown
    kept = reusing.home / ".spredning" / "genoptraening-aeroe-tekst-fra-editoren.txt"
    assert kept.read_text(encoding="utf-8") == "Samlet i editoren\n"
    assert "Stoppet. Intet er ændret i projektet. Det, editoren havde gemt, ligger i" in shown
    assert str(kept) in shown.replace(" ", "")  # named (the test's long path is broken at the edge)
    assert set(reusing.others()) == {D1, D2}
    assert f"ligger i {kept}" in flat(reusing.ok("konflikter"))  # and named by the next run


# --- a version picked over the kept text: asked first, as the text goes once the choices are saved ---

DROP_QUESTION = (
    "Den samlede tekst, du skrev sidst, er ikke gemt: »Samlet tekst«. Vælger du »Jeres (Ærø Kommune)«,"
    " slettes teksten, når dine valg gemmes. Skal den slettes?"
)


def wrapped_to_ours(
    stopped: Org, tmp_path, *options: str, words=("Konflikt 1 af 2", "Afgør senere"), size=(40, 100)
):
    """'konflikter' at the first conflict, Down three times from the kept text (chosen at first): the
    list wraps around to our version, as it did for a trial user. The editor is never to open."""
    editor = stub_editor(tmp_path, "exit 1\n")
    child = spawn(stopped, *options, "konflikter", env={"EDITOR": editor}, size=size)
    for said in words:
        child.expect_exact(said)
    child.send(DOWN * 3 + ENTER)
    return child


def test_a_version_picked_over_the_kept_text_asks_first_and_no_goes_back_to_the_choices(stopped, tmp_path):
    [kept] = kept_texts(stopped)
    raw = kept.read_text(encoding="utf-8")

    child = wrapped_to_ours(stopped, tmp_path)
    child.expect_exact("Ja, brug »Jeres (Ærø Kommune)« og slet teksten")
    child.send(ENTER)  # Nej is chosen at first: back to the choices, the kept text chosen again
    child.expect_exact("Skriv videre på den samlede tekst, du skrev sidst")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 2 + ENTER)  # later: it keeps the text, and asks nothing
    child.expect_exact("Konflikt 2 af 2")
    child.expect_exact("Afgør senere")
    child.send(ENTER)  # ours, no text kept for it: nothing asked
    code, shown = finish(child)

    assert code == 0, shown
    assert DROP_QUESTION in shown
    assert "Skal den slettes? Nej, tilbage til valgene" in shown  # the answer, echoed
    assert shown.count("Skal den slettes? Nej") == 1  # neither 'later' nor a conflict without a text asks
    assert set(stopped.others()) == {D1}
    assert kept.read_text(encoding="utf-8") == raw


def test_yes_uses_the_version_and_the_text_goes_when_the_choices_are_saved(stopped, tmp_path):
    child = wrapped_to_ours(stopped, tmp_path)
    child.expect_exact("Ja, brug »Jeres (Ærø Kommune)« og slet teksten")
    child.send(DOWN + ENTER)
    child.expect_exact("Konflikt 2 af 2")
    child.expect_exact("Afgør senere")
    child.send(ENTER)
    code, shown = finish(child)

    assert code == 0, shown
    assert stopped.others() == {}
    assert stopped.texts()[D1] == "Ærøs formål"
    assert kept_texts(stopped) == []


def test_ctrl_c_at_the_question_saves_nothing_and_keeps_the_text(stopped, tmp_path):
    [kept] = kept_texts(stopped)
    raw = kept.read_text(encoding="utf-8")

    child = wrapped_to_ours(stopped, tmp_path)
    child.expect_exact("Ja, brug »Jeres (Ærø Kommune)« og slet teksten")
    child.send(CTRL_C)
    code, shown = finish(child)

    assert code == 130, shown
    assert "Stoppet. Intet er ændret i projektet. Det, du skrev i editoren, er gemt i" in shown
    assert str(kept) in shown.replace(" ", "")
    assert set(stopped.others()) == {D1, D2}
    assert kept.read_text(encoding="utf-8") == raw


def test_the_question_is_broken_between_words_in_60_columns(stopped, tmp_path):
    child = wrapped_to_ours(stopped, tmp_path, size=(40, 60))
    child.expect_exact("og slet teksten")
    screen = rendered(child.logfile_read.getvalue(), 60, 40)  # the question as it is asked
    child.send(CTRL_C)
    assert finish(child)[0] == 130

    start = screen.index("? Hvilket svar skal gemmes? Jeres (Ærø Kommune)") + 1
    asked = screen[start : screen.index(" » Nej, tilbage til valgene") + 2]
    assert flat("\n".join(asked)).startswith(f"? {DROP_QUESTION} (Ctrl+C stopper uden at gemme dine valg)")
    assert asked[-1] == "   Ja, brug »Jeres (Ærø Kommune)« og slet teksten"
    assert all(len(line) < 60 for line in asked)


def test_the_question_in_english(stopped, tmp_path):
    child = wrapped_to_ours(stopped, tmp_path, "--sprog", "en", words=("Conflict 1 of 2", "Resolve later"))
    child.expect_exact("Yes, use “Yours (Ærø Kommune)” and delete the text")
    child.send(CTRL_C)
    code, shown = finish(child)

    assert code == 130, shown
    assert (
        "The combined text you wrote last time is not saved: “Samlet tekst”. If you choose"
        " “Yours (Ærø Kommune)”, the text is deleted when your choices are saved. Should it be deleted?"
    ) in shown
    assert "No, back to the choices" in shown


def import_asks(stopped: Org, tmp_path, keys: str, yes: str, question: str) -> None:
    """The same list, reached from 'importer' (Odense has changed its answer again): `keys` pick a
    choice over the kept text, the question (`question`, its yes `yes`) is asked, and Ctrl+C there
    leaves the kept text as it was."""
    sharing = Org(tmp_path / "odense", tmp_path)
    sharing.answer({D1: "Odenses nye formål"})
    [kept] = kept_texts(stopped)
    raw = kept.read_text(encoding="utf-8")
    editor = stub_editor(tmp_path, "exit 1\n")  # never opened

    child = spawn(stopped, "importer", str(sharing.export()), env={"EDITOR": editor})
    child.expect_exact("Konflikt 1 af 1")
    child.expect_exact("Afgør senere")
    child.send(keys + ENTER)
    child.expect_exact(yes)
    child.send(CTRL_C)
    code, shown = finish(child)

    assert code == 130, shown
    assert question in shown
    assert kept.read_text(encoding="utf-8") == raw


def test_the_import_asks_too_before_a_version_replaces_the_kept_text(stopped, tmp_path):
    import_asks(stopped, tmp_path, DOWN * 3, "Ja, brug »Jeres (Ærø Kommune)« og slet teksten", DROP_QUESTION)


def test_choices_refused_for_a_project_grown_too_large_say_where_the_combined_text_is_kept(stopped, tmp_path):
    """Found in a review: the refusal said only that nothing was saved and what to shorten; the
    combined text written in the editor was kept (and offered again), but nothing said so."""
    stopped.answer({G1: "Ord " * (4_720_000 // 4)}, "--rolle", "genbruge")
    room = WRITE_LIMIT - stopped.path.stat().st_size  # the file just under 5 MiB
    assert 0 < room < 100_000
    [kept] = kept_texts(stopped)
    added = f'yes xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | head -c {room + 20_000} >> "$1"\n'
    editor = stub_editor(tmp_path, added)
    before = stopped.path.read_bytes()

    child = spawn(stopped, "konflikter", env={"EDITOR": editor})
    child.expect_exact("Konflikt 1 af 2")
    child.expect_exact("Afgør senere")
    child.send(ENTER)  # go on writing the kept text: the editor adds more than there is room for
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    child.expect_exact("Konflikt 2 af 2")
    child.expect_exact("Afgør senere")
    child.send(ENTER)  # keep ours
    code, shown = finish(child)

    assert code == 1, shown
    said = flat(shown).replace(" ", "")  # the test's long path is broken at the edge
    assert "MiB,såintetergemt." in said and "Filenerikkeændret." in said  # the refusal, whole
    assert f"Densamledetekst,duskrevieditoren,erikkegemtiprojektet,menliggeri{kept}" in said
    assert "tilbydesigen,næstegangdukører'konflikter'" in said
    assert stopped.path.read_bytes() == before
    assert kept_texts(stopped) == [kept] and "xxxx" in kept.read_text(encoding="utf-8")
