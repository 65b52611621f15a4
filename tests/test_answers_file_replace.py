"""'fase FASE --svar FIL' never replaces a saved answer with other text unbeknown to the user.

A file of answers run over a project whose answers were edited since would otherwise put the
file's older text over the edits without a word. Saved answers (or "not relevant" marks, or their
reasons) the file would change are listed; a terminal asks (No first: nothing is saved), a script
is refused with the command that allows it (--erstat). Replaced, they are named, and the project
file as it was is kept as a copy beside it: the only place the replaced text is kept (a version's
history keeps no text).
"""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
import yaml
from exchange_kit import D1, D2, D3, Org, asking_in, flat, start_sharing, tree
from homekit import CTRL_C, DOWN, ENTER
from terminal import ANSI, COMMAND, person

from spredning.app.workspace import Settings, Workspace
from spredning.core.local import slot_key
from spredning.core.model import Answer

pytestmark = pytest.mark.usefixtures("work_in_tmp")

EDITED = "Rettet efter mødet med Ærø"  # the consultant's edit, made after the file was written


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    """Odense, with D1 answered (and edited since the file below was written) and D2 marked."""
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: EDITED})
    org.answer({D2: {"ikke-relevant": "ja", "begrundelse": "Ikke hos os"}})
    return org


def answers_file(org: Org, answers: dict) -> Path:
    path = org.files / "svar.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def saved_text(org: Org, qid: str) -> tuple[str, bool]:
    answer = org.project().shared[qid].answer
    return answer.text, answer.not_relevant


OLD_FILE = {D1: "Den gamle tekst fra filen", D2: "Et svar i stedet for markeringen", D3: "Nyt svar"}


@pytest.fixture
def asking(monkeypatch):
    """Run an organisation's command with its prompt reading `keys`, as in a terminal."""
    return asking_in(monkeypatch, "fase")


def test_without_a_terminal_nothing_is_saved_and_each_replaced_answer_is_listed(sharing):
    before = tree(sharing.home)
    source = answers_file(sharing, OLD_FILE)

    code, out, err = sharing("fase", "tjek", "--svar", str(source))

    assert code == 2, out + err
    said = flat(err)
    assert said.startswith(
        "Fejl: Svarfilen ville erstatte 2 gemte svar med en anden tekst, og der er ingen terminal at spørge i"
    )
    assert (
        f"• Tjek · Beskriv innovationen · Vi vil dele id: {D1} gemt nu: {EDITED} "
        "i filen: Den gamle tekst fra filen"
    ) in said
    assert f"id: {D2} gemt nu: Ikke relevant: Ikke hos os i filen: Et svar i stedet for markeringen" in said
    assert D3 not in said  # a new answer replaces nothing
    assert f"skriv 'spredning fase tjek --rolle dele --svar {source} --erstat'" in said
    assert "projektfilen gemmes først som en kopi ved siden af" in said
    assert tree(sharing.home) == before  # not even the new answer: nothing partial
    assert saved_text(sharing, D1) == (EDITED, False)


def test_erstat_replaces_names_them_and_keeps_the_file_as_it_was(sharing):
    before = sharing.path.read_bytes()
    source = answers_file(sharing, OLD_FILE)

    out = flat(sharing.ok("fase", "tjek", "--svar", str(source), "--erstat"))

    assert "3 svar gemt i" in out
    assert (
        "2 gemte svar er erstattet med filens tekst: • Tjek · Beskriv innovationen · Vi vil dele "
        f"id: {D1} var: {EDITED} nu: Den gamle tekst fra filen"
    ) in out
    assert f"id: {D2} var: Ikke relevant: Ikke hos os nu: Et svar i stedet for markeringen" in out
    [backup] = sharing.home.glob(f"{sharing.path.name}.bak-*")
    assert f"Projektfilen, som den var før, er gemt som {backup}" in out
    assert backup.read_bytes() == before  # the edit can be found again
    assert EDITED in backup.read_text(encoding="utf-8")
    assert saved_text(sharing, D1) == ("Den gamle tekst fra filen", False)
    assert saved_text(sharing, D2) == ("Et svar i stedet for markeringen", False)
    assert saved_text(sharing, D3) == ("Nyt svar", False)


def test_a_changed_reason_or_a_mark_over_an_answer_is_a_replacement_too(sharing):
    source = answers_file(
        sharing, {D1: {"ikke-relevant": "ja"}, D2: {"ikke-relevant": "ja", "begrundelse": "Anden grund"}}
    )

    code, _, err = sharing("fase", "tjek", "--svar", str(source))

    assert code == 2
    said = flat(err)
    assert f"id: {D1} gemt nu: {EDITED} i filen: Ikke relevant" in said
    assert f"id: {D2} gemt nu: Ikke relevant: Ikke hos os i filen: Ikke relevant: Anden grund" in said
    assert saved_text(sharing, D2) == ("Ikke hos os", True)


def test_new_and_identical_answers_are_saved_as_before_without_asking_or_a_copy(sharing):
    source = answers_file(
        sharing, {D1: EDITED, D2: {"ikke-relevant": "ja", "begrundelse": "Ikke hos os"}, D3: "Nyt svar"}
    )

    out = flat(sharing.ok("fase", "tjek", "--svar", str(source)))

    assert "1 svar gemt i" in out and "(2 var uændrede)" in out
    assert "erstattet" not in out
    assert not list(sharing.home.glob("*.bak-*"))
    assert saved_text(sharing, D3) == ("Nyt svar", False)


def test_the_english_edition_refuses_and_replaces_in_its_own_words(sharing):
    source = answers_file(sharing, {D1: "Old text"})

    code, _, err = sharing("--sprog", "en", "fase", "tjek", "--svar", str(source))

    assert code == 2
    said = flat(err)
    assert said.startswith(
        "Error: The answers file would replace a saved answer with other text, and there is no terminal"
    )
    assert f"• Check · Describe the innovation · We want to share id: {D1} saved now: {EDITED}" in said
    assert "the file: Old text" in said
    assert f"write 'spredning --sprog en fase check --rolle dele --svar {source} --erstat'" in said
    assert saved_text(sharing, D1) == (EDITED, False)

    out = flat(sharing.ok("--sprog", "en", "fase", "tjek", "--svar", str(source), "--erstat"))

    assert "A saved answer has been replaced with the file's text: • Check · Describe the innovation" in out
    assert f"id: {D1} was: {EDITED} now: Old text" in out
    assert "The project file as it was before is kept as" in out
    assert saved_text(sharing, D1) == ("Old text", False)


def test_saved_text_is_shown_as_data_on_one_line(sharing):
    """Markup stays text, an escape code is made visible, a long or multi-line answer is one cut line."""
    hostile = "[bold red]Vigtigt[/] \x1b[2J" + " ord" * 40 + "\nanden linje"
    sharing.answer({D1: hostile})
    source = answers_file(sharing, {D1: "Ny"})

    code, _, err = sharing("fase", "tjek", "--svar", str(source))

    assert code == 2
    assert "\x1b" not in err
    line = next(row for row in err.splitlines() if "gemt nu:" in row)
    assert line.strip().startswith("gemt nu: [bold red]Vigtigt[/] ␛[2J ord ord")
    assert line.rstrip().endswith("…") and "anden linje" not in err


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_at_the_question_saves_nothing_from_the_file(sharing, asking, language):
    before = tree(sharing.home)
    source = answers_file(sharing, OLD_FILE)

    run = asking(sharing, ENTER, "--sprog", language, "fase", "tjek", "--svar", str(source))

    assert run.code == 0, run.err
    out, screen = flat(run.out), flat(run.screen)
    if language == "da":
        assert "Svarfilen ville erstatte 2 gemte svar med en anden tekst: • Tjek" in out
        assert f"id: {D1} gemt nu: {EDITED} i filen: Den gamle tekst fra filen" in out
        assert "Erstat 2 gemte svar med filens tekst?" in screen
        assert "» Nej, gem intet fra filen" in screen  # No is chosen first
        assert "Intet er gemt fra filen; de 2 gemte svar er, som de var." in out
    else:
        assert f"id: {D1} saved now: {EDITED} the file: Den gamle tekst fra filen" in out
        assert "Replace 2 saved answers with the file's text?" in screen
        assert "» No, save nothing from the file" in screen
        assert "Nothing has been saved from the file; the 2 saved answers are as they were." in out
    assert tree(sharing.home) == before


@pytest.mark.parametrize("language", ["da", "en"])
def test_yes_at_the_question_replaces_them_with_a_copy(sharing, asking, language):
    before = sharing.path.read_bytes()
    source = answers_file(sharing, OLD_FILE)

    run = asking(sharing, DOWN + ENTER, "--sprog", language, "fase", "tjek", "--svar", str(source))

    assert run.code == 0, run.err
    out = flat(run.out)
    if language == "da":
        assert "Ja, erstat de 2 svar (projektfilen gemmes først som en kopi)" in flat(run.screen)
        assert "2 gemte svar er erstattet med filens tekst: • Tjek" in out
        assert f"id: {D1} var: {EDITED} nu: Den gamle tekst fra filen" in out
    else:
        assert "Yes, replace the 2 answers (the project file is first kept as a copy)" in flat(run.screen)
        assert f"id: {D1} was: {EDITED} now: Den gamle tekst fra filen" in out
    [backup] = sharing.home.glob(f"{sharing.path.name}.bak-*")
    assert backup.read_bytes() == before
    assert saved_text(sharing, D1) == ("Den gamle tekst fra filen", False)
    assert saved_text(sharing, D3) == ("Nyt svar", False)


def test_ctrl_c_at_the_question_saves_nothing(sharing, asking):
    before = tree(sharing.home)
    source = answers_file(sharing, OLD_FILE)

    run = asking(sharing, CTRL_C, "fase", "tjek", "--svar", str(source))

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Intet er gemt fra filen."
    assert tree(sharing.home) == before


def test_a_draft_of_a_replaced_question_stays(sharing):
    ws = Workspace(Settings(home=str(sharing.home)))
    key = slot_key(("", D1))
    ws.store.update_local(ws.slug(), lambda s: s._replace(drafts={**s.drafts, key: "halvt skrevet"}))
    source = answers_file(sharing, {D1: "Fra filen"})

    out = flat(sharing.ok("fase", "tjek", "--svar", str(source), "--erstat"))

    assert "Et af spørgsmålene har også en kladde på denne computer; den er bevaret" in out
    assert ws.store.open(ws.slug()).local.drafts[key] == "halvt skrevet"


def test_an_answer_changed_after_it_was_agreed_to_is_not_replaced(sharing):
    """Between the question and the save another window saves: what the user did not see stays."""
    from spredning.app.answering import NotAgreed, Session, replacements, save_answers

    with sharing.at_home():
        ws = Workspace(Settings(home=str(sharing.home)))
        given = {D1: Answer("Fra filen"), D3: Answer("Nyt svar")}
        agreed = replacements(Session(ws, ws.slug(), "dele", None), given)
        assert [r.question for r in agreed] == [D1]
        sharing.answer({D1: "Skrevet i et andet vindue imens"})
        before = tree(sharing.home)

        with pytest.raises(NotAgreed) as refused:
            save_answers(Session(ws, ws.slug(), "dele", None), given, agreed=agreed)

    assert [r.saved.text for r in refused.value.replacing] == ["Skrevet i et andet vindue imens"]
    assert tree(sharing.home) == before
    assert saved_text(sharing, D1) == ("Skrevet i et andet vindue imens", False)


def test_the_installed_command_in_a_terminal_asks_and_no_keeps_the_edit(tmp_path, pseudo_terminal):
    env = person(tmp_path, lines=40)
    org = start_sharing(Org(Path(env["SPREDNING_HJEM"]), tmp_path), answers={D1: EDITED})
    before = tree(org.home)
    source = answers_file(org, {D1: "Den gamle tekst fra filen"})

    child = pseudo_terminal(COMMAND, ["fase", "tjek", "--svar", str(source)], env=env, rows=40)
    child.expect_exact("Erstat det gemte svar med filens tekst?")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()

    said = flat(ANSI.sub("", child.logfile_read.getvalue()))
    assert f"gemt nu: {EDITED}" in said
    assert "Intet er gemt fra filen; det gemte svar er, som det var." in said
    assert child.exitstatus == 0
    assert tree(org.home) == before


def test_erstat_without_an_answers_file_is_refused_not_ignored(sharing):
    before = tree(sharing.home)

    code, _, err = sharing("fase", "tjek", "--erstat")

    assert code == 2
    assert flat(err) == (
        "Fejl: --erstat gælder kun sammen med --svar FIL: det er filens tekst, der kan erstatte gemte svar. "
        "Intet er ændret."
    )
    assert tree(sharing.home) == before


def test_a_long_list_without_a_terminal_shows_the_first_ones_and_counts_the_rest(sharing, monkeypatch):
    monkeypatch.setattr("spredning.cli.commands.fase.SHOWN_PROBLEMS", 1)  # the guide has 20 at most
    source = answers_file(sharing, OLD_FILE)

    code, _, err = sharing("fase", "tjek", "--svar", str(source))

    assert code == 2
    said = flat(err)
    assert f"id: {D1} gemt nu: {EDITED}" in said and f"id: {D2}" not in said
    assert "… og 1 mere Intet er gemt." in said


def test_an_answer_saved_in_another_window_after_the_yes_stops_the_command_and_is_named(
    sharing, asking, monkeypatch
):
    from spredning.app import answering
    from spredning.cli.commands import fase

    def seen_then_saved_elsewhere(session, answers):
        found = answering.replacements(session, answers)
        other = answering.Session(session.ws, session.slug, "dele", None)
        answering.save_answers(other, {D1: Answer("Skrevet imens")}, replace_any=True)
        return found

    monkeypatch.setattr(fase, "replacements", seen_then_saved_elsewhere)
    source = answers_file(sharing, OLD_FILE)

    run = asking(sharing, DOWN + ENTER, "fase", "tjek", "--svar", str(source))

    assert run.code == 1
    said = flat(run.err)
    assert said.startswith(
        "Fejl: Et svar, som filen ville erstatte, er gemt eller ændret imens (fx i et andet vindue), "
        "så intet er gemt fra filen: • Tjek · Beskriv innovationen · Vi vil dele "
        f"id: {D1} gemt nu: Skrevet imens"
    )
    assert "Kør kommandoen igen for at se svarene, som de er nu." in said
    assert saved_text(sharing, D1) == ("Skrevet imens", False)
    assert D3 not in sharing.project().shared  # nothing from the file, not even the new answer
    assert saved_text(sharing, D2) == ("Ikke hos os", True)


LONG = "Vi samarbejder med de tre skoler om forløbet, og lærerne er med fra start"


def test_long_texts_that_differ_late_show_where_they_differ_not_the_same_line(sharing):
    """Cut from the start, both lines read the same; shown is the part around the difference."""
    sharing.answer({D1: f"{LONG}\nlinje 2 med fejl\nlinje 3", D2: LONG + " i foråret"})
    source = answers_file(sharing, {D1: f"{LONG}\nlinje 2 rettet\nlinje 3", D2: LONG + " i efteråret"})

    code, _, err = sharing("fase", "tjek", "--svar", str(source))

    assert code == 2
    rows = [row.strip() for row in err.splitlines() if "gemt nu:" in row or "i filen:" in row]
    assert rows == [
        "gemt nu: … fra start ¶ linje 2 med fejl ¶ linje 3",
        "i filen: … fra start ¶ linje 2 rettet ¶ linje 3",
        "gemt nu: … er med fra start i foråret",
        "i filen: … er med fra start i efteråret",
    ]


def test_a_text_longer_only_at_its_end_shows_the_added_part(sharing, asking):
    sharing.answer({D1: LONG})
    source = answers_file(sharing, {D1: LONG + ". Det aftalte vi den 3. juni"})

    run = asking(sharing, ENTER, "fase", "tjek", "--svar", str(source))

    assert run.code == 0, run.err
    out = flat(run.out)
    assert "gemt nu: … lærerne er med fra start i filen: … lærerne er med fra start. Det aftalte" in out
    assert saved_text(sharing, D1) == (LONG, False)


def test_a_short_line_break_is_shown_not_hidden(sharing):
    sharing.answer({D1: "Første linje\nanden linje"})
    source = answers_file(sharing, {D1: "Første linje anden linje"})

    code, _, err = sharing("fase", "tjek", "--svar", str(source))

    assert code == 2
    said = flat(err)
    assert "gemt nu: Første linje ¶ anden linje i filen: Første linje anden linje" in said


def test_the_replaced_answers_wrap_under_their_bullet_at_40_columns(sharing, monkeypatch):
    """The bullet's later lines began at the margin, and the id was cut in two mid-word."""
    source = answers_file(sharing, OLD_FILE)
    monkeypatch.setenv("COLUMNS", "40")
    out = sharing.ok("fase", "tjek", "--svar", str(source), "--erstat")
    lines = out.splitlines()
    assert str(sharing.path) in lines  # the project file's path whole on its line
    listed = lines[lines.index(next(line for line in lines if line.startswith("  • "))) :]
    listed = listed[: listed.index(next(line for line in listed if line.startswith("Projektfilen")))]
    assert all(line.startswith(("  • ", "    ")) for line in listed), out
    assert f"    {D1}" in listed and f"    {D2}" in listed  # each id whole on a line
