"""prompter.py and prompts/: the real questionary prompts, driven with keystrokes through a pipe input.

Every test types into prompt_toolkit through a pipe (create_pipe_input) in an app session that
draws nowhere (DummyOutput) or into a buffer as an xterm of a given width would (Vt100_Output),
with the interview's steps coming from a real Interview and answers saved in real files. With
`emulated`, the prompts and the console write into one stream that a terminal emulator plays, so
a test sees the screen (scrollback included) as the user does, erased text gone.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from projectkit import NOT_RELEVANT, SHARING_ORG, draft_key, drafts, new_project, project_text, saved, session
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from questionary import Choice
from rich.console import Console
from terminal import rendered

from spredning.app.answering import Session
from spredning.cli.prompter import InterviewPrompter
from spredning.cli.prompts.answer_field import answer_field
from spredning.cli.prompts.keys import BackToMenu, go_on_undoing, menu_behind, undo_history
from spredning.cli.prompts.layout import hint_lines, question_lines
from spredning.cli.prompts.questions import ask_dialogue, ask_partner
from spredning.cli.prompts.simple import ask_text, select
from spredning.core import interview
from spredning.core.interview import Ask, Back, Done, Interview, NotRelevant, OtherAnswers, Save
from spredning.core.model import Answer, Partner
from spredning.core.store import WRITE_LIMIT
from spredning.i18n import t

ESC_ENTER = "\x1b\r"  # submits a multi-line answer (Alt+Enter sends the same)
ENTER = "\r"
DOWN = "\x1b[B"
PGUP = "\x1b[5~"
CTRL_B = "\x02"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_N = "\x0e"
CTRL_O = "\x0f"
CTRL_P = "\x10"
CTRL_S = "\x13"
CTRL_U = "\x15"  # empties the line before the cursor
CTRL_Y = "\x19"  # redoes what Ctrl+Z undid
CTRL_Z = "\x1a"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # a bracketed paste, as terminals send it

Q1 = "tjek.beskriv-innovationen.genbruge.interessant"
Q2 = "tjek.beskriv-innovationen.genbruge.samme-behov"
Q3 = "tjek.fortael-den-gode-historie.genbruge.begejstrer"
Q4 = "tjek.fortael-den-gode-historie.genbruge.mangler-at-vide"
FORMAAL = "tjek.beskriv-innovationen.dele.formaal"
LOESNINGEN = "tjek.beskriv-innovationen.dele.loesningen"
PROCESSEN = "tjek.beskriv-innovationen.dele.processen"
CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x08")
WHO = "Ærø Kommune"  # the reusing organisation this computer answers for
SYNC_SECONDS = 10  # how long a typing thread waits for the program before it gives up
ROWS = 40  # the screen's height for the prompts that draw


@dataclass
class Terminal:
    """A pipe to type into, the console the prompter prints on, the prompter and its session."""

    keys: object
    console: Console
    prompter: InterviewPrompter
    session: Session
    slug: str
    screen: io.StringIO | None = None
    said: str = ""  # what was printed and what the field's status line said, as edit_and_type_on saw it

    def type(self, *keys: str) -> None:
        """Type every keystroke for the test at once, then end the input: a prompt that finds
        no more keys raises EOFError instead of waiting for ever."""
        self.keys.send_text("".join(keys))
        self.keys.close()

    def type_when(self, ready: Callable[[], bool], *keys: str) -> threading.Thread:
        """Type `keys` (then end the input) from another thread once `ready()` is true.

        For keys that must wait for the program (an editor to finish); if it never gets ready
        the input just ends, so the prompt fails with EOFError instead of hanging.
        """

        def wait() -> None:
            deadline = time.monotonic() + SYNC_SECONDS
            try:
                while not ready() and time.monotonic() < deadline:
                    time.sleep(0.01)
            finally:  # a condition that fails ends the input too: the prompt never waits for ever
                self.type(*keys)

        thread = threading.Thread(target=wait, daemon=True)
        thread.start()
        return thread

    @property
    def printed(self) -> str:
        return self.console.file.getvalue()

    @property
    def prompts(self) -> str:
        """What the prompts drew, with cursor and colour codes removed."""
        return CSI.sub("", self.screen.getvalue())

    @property
    def shown(self) -> list[str]:
        """The lines on the emulated screen now, scrollback first (with `emulated=True`)."""
        return rendered(self.screen.getvalue(), self.console.width, ROWS)


@pytest.fixture
def tjek(ws):
    return ws.guide.find_phase("tjek")


@pytest.fixture
def terminal(ws):
    """Make a project (answers given first) and a prompter on it reading keys from a pipe.

    `width` sets the console's and the screen's columns; `screen=True` draws the prompts into a
    buffer as an xterm would (else they draw nowhere); `emulated=True` draws the console's output
    into the same buffer, in order, for Terminal.shown.
    """
    closers = []

    def make(
        answers=None,
        role: str = "genbruge",
        width: int = 80,
        screen: bool = False,
        show_partner=True,
        emulated: bool = False,
    ) -> Terminal:
        slug = new_project(ws, role=role, answers=answers)
        screen = screen or emulated
        buffer = io.StringIO() if screen else None
        output = (
            Vt100_Output(buffer, lambda: Size(rows=ROWS, columns=width), term="xterm")
            if screen
            else DummyOutput()
        )
        pipe = create_pipe_input()
        keys = pipe.__enter__()
        app_session = create_app_session(input=keys, output=output)
        app_session.__enter__()
        closers.append(lambda: (app_session.__exit__(None, None, None), pipe.__exit__(None, None, None)))
        console = Console(file=buffer if emulated else io.StringIO(), width=width)
        recorder = session(ws, slug, role)
        prompter = InterviewPrompter(console, recorder, WHO, show_partner, input=keys, output=output)
        return Terminal(keys, console, prompter, recorder, slug, buffer)

    yield make
    for close in reversed(closers):
        close()


@pytest.fixture
def term(terminal):
    """A prompter on a project without answers, drawing nowhere."""
    return terminal()


def asking(term: Terminal, number: int, new_tool: bool = False, **fields) -> Ask:
    """The Ask step for the side's question `number` (from 1) in tjek, as the interview makes it."""
    phase = term.session.ws.guide.find_phase("tjek")
    role = term.session.role
    questions = [(tool, q) for tool in phase.tools for q in tool.questions(role)]
    tool, question = questions[number - 1]
    view = term.session.view()
    step = Ask(
        tool,
        question,
        number,
        len(questions),
        view.answer(question.id),
        term.session.draft(question, offered=True),
        new_tool,
        (),
        number == 1,
    )
    return step._replace(**fields)


def run_interview(term: Terminal, phase: str = "tjek") -> Done:
    """The interview loop of 'spredning fase': steps from the Interview, replies from the prompter."""
    found = term.session.ws.guide.find_phase(phase)
    machine = Interview(found, term.session.role, term.session)
    term.prompter.phase_intro(found, term.session.role)
    while not isinstance(step := machine.step(), Done):
        machine.reply(term.prompter.handle(step))
    return step


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- text answers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        ("svar 1" + ESC_ENTER, "svar 1"),
        ("linje 1" + ENTER + "linje 2" + ESC_ENTER, "linje 1\nlinje 2"),
        ("Ærø æøå ÆØÅ" + ESC_ENTER, "Ærø æøå ÆØÅ"),
        (ESC_ENTER, ""),
        (PASTE_START + "indsat\r\ntekst" + PASTE_END + ESC_ENTER, "indsat\ntekst"),
        ("svar 1" + CTRL_S, "svar 1"),  # Ctrl+S saves like Alt+Enter
        ("linje 1" + ENTER + "linje 2" + CTRL_S, "linje 1\nlinje 2"),
        (CTRL_S, ""),
    ],
)
def test_text_answers(term, keys, answer):
    term.type(keys)

    assert term.prompter.ask(asking(term, 1)) == Save(answer)


# Colour codes and mouse-like codes in text pasted by a terminal without bracketed paste: prompt_toolkit
# reads them as mouse events, and its handler failed on them in English, losing the rest of the paste.
PASTED_CODES = "Farve \x1b[31mRØD\x1b[0m slut \x1b[1;2;3M og \x1b[<0;10;10M x"


def test_colour_codes_pasted_without_bracketed_paste_stay_in_the_answer(term):
    term.type(PASTED_CODES + " mere tekst" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save(PASTED_CODES + " mere tekst")


def test_colour_codes_pasted_into_a_one_line_field_stay_in_the_text(term):
    term.type(PASTED_CODES + ENTER)

    typed = ask_text(t("start.ask-own-org"), input=term.keys, output=term.prompter.io["output"])

    assert typed == PASTED_CODES


@pytest.mark.parametrize(
    ("keys", "draft"),
    [
        (PGUP, ""),
        (CTRL_B, ""),
        ("halvt skrevet" + PGUP, "halvt skrevet"),
        ("halvt" + ENTER + "to" + CTRL_B, "halvt\nto"),
    ],
)
def test_pgup_and_ctrl_b_go_back_with_the_typed_text(term, keys, draft):
    term.type(keys)

    assert term.prompter.ask(asking(term, 2)) == Back(draft)


def test_pgup_at_the_first_question_says_so_and_keeps_the_text(term):
    term.type("halvt" + PGUP + " skrevet" + ESC_ENTER)

    reply = term.prompter.ask(asking(term, 1))

    assert reply == Save("halvt skrevet")
    assert "Du er ved første spørgsmål i fasen; der er intet at gå tilbage til." in one_line(term.printed)


def test_pgup_pressed_again_at_the_first_question_does_not_repeat_the_notice(term):
    # the notice stays above the field; a second and third press add no copies of it
    term.type("halvt" + PGUP + PGUP + CTRL_B + " skrevet" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("halvt skrevet")
    assert one_line(term.printed).count("der er intet at gå tilbage til") == 1


@pytest.mark.parametrize(("key", "stop"), [(CTRL_C, KeyboardInterrupt), (CTRL_D, EOFError)])
def test_ctrl_c_and_ctrl_d_stop_with_the_typed_text_still_readable(term, key, stop):
    term.type("to linjer" + ENTER + "skrevet" + key)

    with pytest.raises(stop):
        term.prompter.ask(asking(term, 1))

    assert term.prompter.typed() == "to linjer\nskrevet"


def test_ctrl_d_on_an_empty_answer_ends_input(term):
    term.type(CTRL_D)

    with pytest.raises(EOFError):
        term.prompter.ask(asking(term, 1))

    assert term.prompter.typed() == ""


def test_no_field_no_typed_text(term):
    assert term.prompter.typed() is None
    term.type(ESC_ENTER)
    term.prompter.ask(asking(term, 1))
    assert term.prompter.typed() is None  # the field is gone once answered


def test_the_saved_answer_is_ready_to_edit(terminal):
    term = terminal(answers={Q1: "gemt svar"})
    term.type(" og mere" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("gemt svar og mere")
    assert "kladde" not in term.printed


def test_a_draft_is_offered_in_the_field_and_said_to_be_one(terminal):
    term = terminal(answers={Q1: "gemt svar"})
    term.session.keep_draft(asking(term, 1).question, "min kladde")
    term.type(", færdig" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("min kladde, færdig")
    assert "Du har en kladde til dette spørgsmål (ikke gemt som svar endnu); den står i feltet." in one_line(
        term.printed
    )


def test_a_question_marked_not_relevant_says_so_and_starts_empty(terminal):
    term = terminal(answers={Q1: Answer("ikke for os", not_relevant=True)})
    term.type("nyt svar" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("nyt svar")
    assert "Spørgsmålet er markeret som ikke relevant. Skriv et svar for at ændre det." in one_line(
        term.printed
    )


# --- "ikke relevant" ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "reply"),
    [
        (CTRL_N + ENTER, NotRelevant("")),
        (CTRL_N + "passer ikke" + ENTER, NotRelevant("passer ikke")),
        # an answer typed stays an answer draft beside the mark; the reason field starts empty
        ("det vi skrev" + CTRL_N + "derfor" + ENTER, NotRelevant("derfor", "det vi skrev")),
    ],
)
def test_ctrl_n_marks_not_relevant_with_an_optional_reason(terminal, keys, reply):
    term = terminal(screen=True)
    term.type(keys)

    assert term.prompter.ask(asking(term, 1)) == reply
    assert "Hvorfor er spørgsmålet ikke relevant for jer?" in term.prompts
    assert "(valgfrit; Enter gemmer; Esc:" in term.prompts


def test_marking_again_starts_from_the_reason_given_before(terminal):
    term = terminal(answers={Q1: Answer("Vi har det allerede", not_relevant=True)})
    term.type(CTRL_N + " i dag" + ENTER)

    assert term.prompter.ask(asking(term, 1)) == NotRelevant("Vi har det allerede i dag")


def test_ctrl_c_in_the_reason_keeps_its_text_readable(term):
    term.type("langt svar" + CTRL_N + "og grund" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 1))

    assert term.prompter.typed() == "og grund"  # the reason field's; the answer draft stays apart


def test_ctrl_n_on_a_saved_answer_asks_first_and_no_goes_back_to_the_field(terminal):
    term = terminal(answers={Q1: "gemt svar"}, screen=True)
    term.type(CTRL_N + ENTER + " og mere" + ESC_ENTER)  # Enter: the first choice, keep the answer

    assert term.prompter.ask(asking(term, 1)) == Save("gemt svar og mere")
    assert "Spørgsmålet har et gemt svar. Skal markeringen 'ikke relevant' erstatte det?" in term.prompts
    assert "Nej, behold svaret" in term.prompts


def test_esc_at_the_question_before_a_mark_is_a_no_back_to_the_field(terminal):
    """trial40: one Esc in this yes-or-no list ended the whole interview ('Stoppet'), though the reason
    field it leads to says 'Esc: tilbage til svaret'. It is a no now, and its help says so."""
    term = terminal(answers={Q1: "gemt svar"}, screen=True)
    term.type(CTRL_N + "\x1b" + " og mere" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("gemt svar og mere")
    assert "(piletasterne og Enter; Esc svarer nej)" in term.prompts


def test_ctrl_n_on_a_saved_answer_replaces_it_after_a_yes_with_the_reason_alone(terminal):
    term = terminal(answers={Q1: "gemt svar"})
    term.type(CTRL_N + DOWN + ENTER + "passer ikke" + ENTER)

    assert term.prompter.ask(asking(term, 1)) == NotRelevant("passer ikke")  # not "gemt svarpasser ikke"


def test_ctrl_c_at_the_question_before_a_mark_keeps_the_fields_text_readable(terminal):
    term = terminal(answers={Q1: "gemt svar"})
    term.type(", rettet" + CTRL_N + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 1))

    assert term.prompter.typed() == "gemt svar, rettet"  # 'spredning fase' keeps it as the draft


# --- Ctrl+Z undoes, as in Word and Windows; it never puts a hidden character in the text ---------------


def test_ctrl_z_in_the_answer_field_undoes_the_last_change(terminal):
    term = terminal(answers={Q1: "gemt svar"})
    term.type("!" + CTRL_Z + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("gemt svar")


@pytest.mark.parametrize("key", [PGUP, CTRL_P], ids=["pgup-at-the-first-question", "ctrl-p"])
def test_ctrl_z_still_undoes_what_was_typed_before_a_key_that_keeps_the_field_open(term, key):
    # trial6: PgUp at the first question and Ctrl+P (the partner's answers) open the field again with
    # its text; Ctrl+Z then undid nothing typed before, as if the field were new
    term.type("svar" + key + CTRL_Z + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("sva")


def test_a_buffer_keeping_its_undo_steps_otherwise_reopens_the_field_without_them_and_without_an_error():
    # the undo steps live in prompt_toolkit's private lists; a prompt_toolkit that keeps them under
    # other names must cost only the steps, never the field (an AttributeError would end the interview)
    elsewhere = SimpleNamespace(undo_steps=[("a", 1)], redo_steps=[])

    assert undo_history(elsewhere) == ([], [])
    go_on_undoing(elsewhere, ([("svar", 4)], []))
    assert elsewhere.undo_steps == [("a", 1)]


def test_ctrl_z_in_the_reason_field_undoes_and_inserts_nothing(term):
    term.type(CTRL_N + "grunde" + CTRL_Z + ENTER)

    assert term.prompter.ask(asking(term, 1)) == NotRelevant("grund")


def test_ctrl_z_in_a_text_prompt_undoes_and_inserts_nothing(term):
    term.type("Ærø Kommunen" + CTRL_Z + CTRL_Z + ENTER)  # one typed letter undone at a time

    typed = ask_text(t("start.ask-own-org"), input=term.keys, output=term.prompter.io["output"])

    assert typed == "Ærø Kommun"


def test_ctrl_z_on_an_empty_text_prompt_puts_nothing_in_it(term):
    term.type(CTRL_Z + "Ærø" + ENTER)

    assert ask_text(t("start.ask-own-org"), input=term.keys, output=term.prompter.io["output"]) == "Ærø"


def test_ctrl_y_in_the_answer_field_redoes_what_ctrl_z_undid(term):
    term.type("svar" + CTRL_Z + CTRL_Z + CTRL_Y + CTRL_Y + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("svar")


def test_ctrl_y_in_a_text_prompt_redoes_and_inserts_nothing(term):
    term.type("Ærø Kommune" + CTRL_Z + CTRL_Z + CTRL_Y + ENTER)

    typed = ask_text(t("start.ask-own-org"), input=term.keys, output=term.prompter.io["output"])

    assert typed == "Ærø Kommun"


def test_ctrl_y_after_moving_the_cursor_still_redoes(term):
    # prompt_toolkit forgot the redo steps at an arrow key: "Ctrl+Y brings it back" was then untrue
    LEFT, HOME = "\x1b[D", "\x1b[H"
    term.type("svar" + CTRL_Z + LEFT + HOME + CTRL_Y + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("svar")


def test_ctrl_y_after_new_typing_changes_nothing(term):
    term.type("svar" + CTRL_Z + "!" + CTRL_Y + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("sva!")


def in_stages(term: Terminal, *stages: tuple[Callable[[], bool], str]) -> threading.Thread:
    """Type each stage's keys once its condition holds (or its time is up), then end the input."""

    def run() -> None:
        try:
            for ready, keys in stages:
                deadline = time.monotonic() + SYNC_SECONDS
                while not ready() and time.monotonic() < deadline:
                    time.sleep(0.01)
                term.keys.send_text(keys)
        finally:  # a condition that fails ends the input too: the prompt never waits for ever
            term.keys.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


# --- the editor key ----------------------------------------------------------------------------------


def stub_editor(tmp_path, body: str) -> str:
    """A shell script that stands in for the user's editor; returns its path."""
    path = tmp_path / "stub-editor"
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_writes_the_answer_in_the_editor_and_brings_it_back(term, tmp_path, monkeypatch):
    seen = tmp_path / "editoren-fik.txt"
    editor = stub_editor(
        tmp_path, f"cp \"$1\" '{seen}'\nprintf 'Skrevet i editoren\\nover to linjer\\n' > \"$1\"\n"
    )
    monkeypatch.setenv("VISUAL", editor)
    monkeypatch.setenv("EDITOR", "/does/not/exist")
    term.keys.send_text("halvt skrevet" + CTRL_O)
    typing = term.type_when(lambda: term.prompter.typed() == "Skrevet i editoren\nover to linjer", ESC_ENTER)

    reply = term.prompter.ask(asking(term, 1))
    typing.join()

    assert reply == Save("Skrevet i editoren\nover to linjer")
    assert seen.read_text(encoding="utf-8") == "halvt skrevet\n"


def said_now(term: Terminal) -> str:
    """What is printed above the field and what its status line says under its help, on one line."""
    return one_line(f"{term.printed} {term.prompter.field_notice() or ''}")


def edit_and_type_on(term: Terminal, message: str) -> object:
    """Type "halvt skrevet", Ctrl+O, and once `message` is said (printed above the field or in its
    status line) " videre" and Esc-Enter: the reply. What was said then is in term.said."""
    term.keys.send_text("halvt skrevet" + CTRL_O)

    field_said: list[str] = []  # the status line goes with the field: read while it is open

    def ready() -> bool:
        field_said[:] = [term.prompter.field_notice() or ""]
        return message in said_now(term)

    typing = term.type_when(ready, " videre" + ESC_ENTER)
    reply = term.prompter.ask(asking(term, 1))
    typing.join()
    term.said = one_line(f"{term.printed} {' '.join(field_said)}")  # all printed by now
    return reply


KEPT = "Teksten i feltet er som før."


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_with_an_editor_that_fails_keeps_the_text_and_says_so(term, tmp_path, monkeypatch):
    # vim's :cq, or EDITOR=false: whatever the file holds now is not taken
    monkeypatch.setenv("VISUAL", stub_editor(tmp_path, "printf 'halvt gemt' > \"$1\"\nexit 1\n"))

    reply = edit_and_type_on(term, "Editoren stoppede med en fejl")

    assert reply == Save("halvt skrevet videre")
    said = term.said
    assert "Editoren stoppede med en fejl, så intet er hentet fra den." in said
    kept = re.search(rf"Det, editoren nåede at gemme, ligger i (\S+\.txt) {KEPT}", said)  # it stays
    assert kept is not None, said
    assert Path(kept.group(1)).read_text(encoding="utf-8") == "halvt gemt"
    Path(kept.group(1)).unlink()


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_with_an_editor_that_fails_before_saving_leaves_no_file(term, tmp_path, monkeypatch):
    seen = tmp_path / "editorens-fil"
    monkeypatch.setenv("VISUAL", stub_editor(tmp_path, f"printf '%s' \"$1\" > '{seen}'\nexit 1\n"))

    reply = edit_and_type_on(term, "Editoren stoppede med en fejl")

    assert reply == Save("halvt skrevet videre")
    assert "ligger i" not in term.said
    assert not Path(seen.read_text()).exists()


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_makes_the_editors_file_beside_the_drafts_not_in_the_temporary_folder(
    term, tmp_path, monkeypatch, drafts_folder
):
    # a file kept after a failed editor must outlive a restart, which may clear /tmp
    monkeypatch.setenv("VISUAL", stub_editor(tmp_path, "printf 'halvt gemt' > \"$1\"\nexit 1\n"))

    edit_and_type_on(term, "Editoren stoppede med en fejl")

    kept = re.search(r"ligger i (\S+\.txt)", term.said)
    assert kept is not None
    assert Path(kept.group(1)).parent == drafts_folder
    assert Path(kept.group(1)).read_text(encoding="utf-8") == "halvt gemt"


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
@pytest.mark.parametrize("variable", ["VISUAL", "EDITOR"])
def test_ctrl_o_with_an_editor_that_cannot_start_names_it(term, monkeypatch, variable):
    # EDITOR is set, to a command not on this computer: "no editor was found, set EDITOR" was untrue
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv(variable, "findesikke-editor --vent")

    reply = edit_and_type_on(term, "kunne ikke startes")

    assert reply == Save("halvt skrevet videre")
    said = term.said
    assert f"Editoren 'findesikke-editor' fra miljøvariablen {variable} kunne ikke startes" in said
    assert f"Sæt {variable} til en editor, der findes på computeren" in said
    assert KEPT in said
    assert "Der blev ikke fundet en editor" not in said


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_z_takes_the_editors_text_away_in_one_step_says_so_and_ctrl_y_brings_it_back(
    term, tmp_path, monkeypatch
):
    # one Ctrl+Z too many took a whole editor session away, with no key to get it back
    monkeypatch.setenv(
        "VISUAL", stub_editor(tmp_path, "printf 'halvt skrevet\\nog skrevet færdig i editoren\\n' > \"$1\"\n")
    )
    from_editor = "halvt skrevet\nog skrevet færdig i editoren"
    seen: list[tuple[str | None, str | None]] = []

    def undone() -> bool:
        if term.prompter.typed() == "halvt skrevet" and term.prompter.field_notice():
            seen.append((term.prompter.typed(), term.prompter.field_notice()))
            return True
        return False

    term.keys.send_text("halvt skrevet" + CTRL_O)
    typing = in_stages(
        term,
        (lambda: term.prompter.typed() == from_editor, "XYZ" + CTRL_Z * 4),
        (undone, CTRL_Y),
        (lambda: term.prompter.typed() == from_editor, ESC_ENTER),
    )
    reply = term.prompter.ask(asking(term, 1))
    typing.join()

    assert seen == [("halvt skrevet", t("interview.editor-undone"))]
    assert "Ctrl+Y" in t("interview.editor-undone")
    assert reply == Save(from_editor)
    assert term.prompter.field_notice() is None  # the text is back: the words went with Ctrl+Y


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_an_editors_error_is_gone_from_the_field_once_the_editor_works(term, tmp_path, monkeypatch):
    # vim's :cq, then :wq: the error stayed above the field under the text the editor brought
    runs = tmp_path / "runs"
    body = f"if [ ! -e '{runs}' ]; then : > '{runs}'; exit 1; fi\nprintf 'skrevet i editoren' > \"$1\"\n"
    monkeypatch.setenv("VISUAL", stub_editor(tmp_path, body))
    failed = "Editoren stoppede med en fejl, så intet er hentet fra den."
    seen = []

    def told() -> bool:
        seen.append(term.prompter.field_notice())
        return failed in (seen[-1] or "")

    term.keys.send_text("halvt skrevet" + CTRL_O)
    typing = in_stages(
        term,
        (told, CTRL_O),
        (lambda: term.prompter.typed() == "skrevet i editoren", " og videre" + ESC_ENTER),
    )
    reply = term.prompter.ask(asking(term, 1))
    typing.join()

    assert seen[-1] == f"{failed} {KEPT}"
    assert reply == Save("skrevet i editoren og videre")
    assert term.prompter.field_notice() is None
    assert failed not in term.printed  # said in the field's status line, not printed for good above it


def test_an_editors_error_is_said_in_the_fields_status_line_on_the_screen(terminal, tmp_path, monkeypatch):
    term = terminal(emulated=True)
    monkeypatch.setenv("VISUAL", stub_editor(tmp_path, "exit 1\n"))
    seen: list[list[str]] = []

    def shown() -> bool:
        screen = term.shown
        if any("Editoren stoppede med en fejl" in line for line in screen):
            seen.append(screen)
            return True
        return False

    term.keys.send_text("halvt skrevet" + CTRL_O)
    typing = in_stages(term, (shown, ESC_ENTER))
    term.prompter.ask(asking(term, 1))
    typing.join()

    [screen] = seen
    *above, field = after_question(screen, "[1/14]")
    assert field == "› Svar: halvt skrevet"
    # right over the field, under its help
    assert " ".join(above[-2:]) == f"Editoren stoppede med en fejl, så intet er hentet fra den. {KEPT}"
    assert not any("Editoren stoppede" in line for line in term.shown)  # gone with the field


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
@pytest.mark.parametrize(("found", "suggested"), [(["vi"], ", fx vi."), ([], ".")])
def test_an_editor_that_cannot_start_is_never_suggested_again(term, tmp_path, monkeypatch, found, suggested):
    # EDITOR=nano, and no nano: "Sæt EDITOR til ..., fx nano eller notepad" named the one that failed
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    for name in found:
        stub = bin_folder / name
        stub.write_text("#!/bin/sh\n", encoding="utf-8")
        stub.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_folder))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "nano")

    reply = edit_and_type_on(term, "kunne ikke startes")

    assert reply == Save("halvt skrevet videre")
    assert f"Sæt EDITOR til en editor, der findes på computeren{suggested}" in term.said
    assert "nano eller" not in term.said and "fx nano" not in term.said
    assert "notepad" not in term.said


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_with_no_editor_at_all_says_how_to_set_one(term, tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # neither nano nor vi to fall back on

    reply = edit_and_type_on(term, "Der blev ikke fundet en editor")

    assert reply == Save("halvt skrevet videre")
    assert "Sæt miljøvariablen EDITOR" in term.said


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_when_the_editor_removes_its_file_keeps_the_text_without_a_traceback(
    terminal, tmp_path, monkeypatch
):
    term = terminal(screen=True)
    monkeypatch.setenv("VISUAL", stub_editor(tmp_path, 'rm "$1"\n'))

    reply = edit_and_type_on(term, "Editorens fil var væk")

    assert reply == Save("halvt skrevet videre")
    assert f"Editorens fil var væk, da editoren lukkede, så intet er hentet fra den. {KEPT}" in term.said
    assert "Traceback" not in term.prompts
    assert "Press ENTER" not in term.prompts


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_with_an_editor_that_does_not_wait_says_so_and_keeps_its_file(term, tmp_path, monkeypatch):
    # like `code` without --wait: it hands the file to a window and returns at once; the window
    # writes the file later (here: once the test says go)
    go, written = tmp_path / "go", tmp_path / "written"
    writer = (
        f"while [ ! -e '{go}' ]; do sleep 0.05; done; printf 'Skrevet senere\\n' > \"$1\"; : > '{written}'"
    )
    monkeypatch.setenv("VISUAL", stub_editor(tmp_path, f"( {writer} ) &\nexit 0\n"))

    try:
        reply = edit_and_type_on(term, "kom tilbage med det samme")
    finally:
        go.touch()  # the window writes now (and never waits for ever)

    assert reply == Save("halvt skrevet videre")
    said = term.said
    assert "Editoren skal vente, til du lukker filen: brug fx 'code --wait'" in said
    assert KEPT in said
    kept = re.search(r"Skriver du alligevel i editoren, gemmes det i (\S+\.txt)", said)
    assert kept is not None, said
    deadline = time.monotonic() + SYNC_SECONDS
    while not written.exists() and time.monotonic() < deadline:
        time.sleep(0.02)  # how often to look, not an assertion
    assert Path(kept.group(1)).read_text(encoding="utf-8") == "Skrevet senere\n"  # not deleted under it
    Path(kept.group(1)).unlink()


def editor_writing(tmp_path, raw: bytes) -> str:
    """A stub editor that replaces its file with these bytes, as an editor saving them would."""
    source = tmp_path / "editoren-gemmer.bin"
    source.write_bytes(raw)
    return stub_editor(tmp_path, f"cp '{source}' \"$1\"\n")


@pytest.fixture
def drafts_folder(ws):
    """The folder beside the project's drafts, where the editor's file is made and kept."""
    return ws.store.home / ".spredning"


def kept_file(printed: str, folder) -> Path:
    """The editor's file the message says is kept, checked to be beside the drafts (not in /tmp)."""
    kept = re.search(r"Editorens fil er gemt som (\S+\.txt)", printed)
    assert kept, printed
    path = Path(kept.group(1))
    assert path.parent == folder
    return path


CP1252_NOTICE = "Editoren gemte ikke teksten som UTF-8, så den er læst som Windows-tegnsættet cp1252"


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_reads_a_windows_ansi_file_as_cp1252_and_says_so(term, tmp_path, monkeypatch):
    # Notepad's "ANSI" on a Danish Windows, with its line ends
    raw = "Rødgrød med fløde på\r\n– og æbler “friske”\r\n".encode("cp1252")
    monkeypatch.setenv("VISUAL", editor_writing(tmp_path, raw))

    reply = edit_and_type_on(term, CP1252_NOTICE)

    assert reply == Save("Rødgrød med fløde på\n– og æbler “friske” videre")
    assert "Se efter, at æ, ø og å står rigtigt" in term.said


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_ctrl_o_reads_a_file_marked_as_unicode_without_the_mark(term, tmp_path, monkeypatch, encoding):
    # Notepad's "UTF-8 with BOM" and "Unicode" (UTF-16 with its byte order mark)
    monkeypatch.setenv("VISUAL", editor_writing(tmp_path, "Æblegrød på ø\n".encode(encoding)))
    term.keys.send_text("halvt skrevet" + CTRL_O)
    typing = term.type_when(lambda: term.prompter.typed() == "Æblegrød på ø", " videre" + ESC_ENTER)

    reply = term.prompter.ask(asking(term, 1))
    typing.join()

    assert reply == Save("Æblegrød på ø videre")
    assert "UTF-8" not in term.printed


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_refuses_text_in_no_known_encoding_and_keeps_the_file(
    term, tmp_path, monkeypatch, drafts_folder
):
    # bytes neither UTF-8 nor cp1252 (0x81 is unassigned in cp1252): keep the field, lose nothing
    raw = b"Svar \x81\x8d fra en anden verden"
    monkeypatch.setenv("VISUAL", editor_writing(tmp_path, raw))

    reply = edit_and_type_on(term, "tegnsæt, programmet ikke kender")

    assert reply == Save("halvt skrevet videre")
    printed = term.said
    assert KEPT in printed
    assert kept_file(printed, drafts_folder).read_bytes() == raw


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_ctrl_o_refuses_a_text_larger_than_a_project_file_can_hold(
    term, tmp_path, monkeypatch, drafts_folder
):
    raw = b"x" * (WRITE_LIMIT + 1)
    monkeypatch.setenv("VISUAL", editor_writing(tmp_path, raw))

    reply = edit_and_type_on(term, "mere end et projekt kan rumme")

    assert reply == Save("halvt skrevet videre")
    printed = term.said
    assert "Teksten fra editoren fylder over 5,0 MiB, mere end et projekt kan rumme" in printed
    assert KEPT in printed
    assert kept_file(printed, drafts_folder).stat().st_size == len(raw)


# --- what the question screen shows ------------------------------------------------------------------


def test_the_question_is_printed_once_with_its_position(terminal):
    term = terminal(screen=True)
    term.type(ESC_ENTER)

    term.prompter.ask(asking(term, 3))

    assert "[3/14] Hvad begejstrer dig mest ved innovationen?" in term.printed
    assert (term.printed + term.prompts).count("[3/14]") == 1
    assert "› Svar:" in term.prompts


def test_hints_are_printed_under_the_question(term):
    term.type(ESC_ENTER)

    term.prompter.ask(asking(term, 7))

    assert "[7/14] Hvordan passer innovationen med:" in term.printed
    assert "• De politiske visioner for området?" in term.printed


KEY_PARTS = [
    "Alt+Enter eller Ctrl+S gemmer",
    "Enter: ny linje",
    "PgUp: forrige spørgsmål",
    "Ctrl+O: skriv i din editor",
    "Ctrl+Z: fortryd i dette spørgsmål (Ctrl+Y: gendan)",
    "Ctrl+N: ikke relevant",
    "Ctrl+P: partnerens svar i fuld længde",
    "tomt svar: spring over",
    "Ctrl+C: stop (teksten i feltet gemmes som kladde)",
]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_hint_lines_break_only_between_parts_and_words(width):
    text = hint_lines(KEY_PARTS, width)

    lines = text.strip("\n").split("\n")
    assert all(len(line) <= width - 2 for line in lines), lines
    for part in KEY_PARTS:
        assert any(part in line for line in lines), f"{part!r} is broken at {width} columns"
    assert " · ".join(KEY_PARTS) == " · ".join(line.strip() for line in lines)


def test_hint_lines_wrap_a_part_longer_than_the_line_at_a_space():
    lines = hint_lines(["kort", "et meget langt stykke hjælpetekst der ikke kan stå på én linje"], 30)

    assert lines.split("\n") == [
        "  kort",
        "  et meget langt stykke",
        "  hjælpetekst der ikke kan",
        "  stå på én linje",
    ]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_key_hint_is_shown_whole_at_each_width(terminal, width):
    term = terminal(answers={FORMAAL: "Et formål"}, screen=True, width=width)
    term.type(ESC_ENTER)
    partner = (OtherAnswers("dele", ((asking(term, 1).tool.questions("dele")[0], Answer("Et formål")),)),)

    term.prompter.ask(asking(term, 1, new_tool=True, partner_answers=partner))

    shown = term.prompts
    for part in KEY_PARTS:
        assert part in shown, f"{part!r} is cut off or missing at {width} columns"
    hint = [line for line in shown.splitlines() if "·" in line]
    assert hint and all(len(line) <= width for line in hint)


def test_the_full_help_is_shown_once_then_a_short_one(terminal):
    term = terminal(screen=True)
    term.type(ESC_ENTER, ESC_ENTER)
    term.prompter.ask(asking(term, 1))
    first = term.prompts
    term.prompter.ask(asking(term, 2))
    second = term.prompts[len(first) :]

    assert "Ctrl+C: stop" in first and "tomt svar: spring over" in first
    assert "Ctrl+C: stop" not in second
    assert "Alt+Enter eller Ctrl+S gemmer" in second and "PgUp: forrige spørgsmål" in second


# --- what a closed field leaves on the screen -----------------------------------------------------

LONG_ANSWER = "Borgerne træner selv derhjemme med en app, og terapeuten følger med på afstand hver uge"


def after_question(shown: list[str], position: str) -> list[str]:
    """The screen's lines after the question `position` ('[2/14]'), its wrapped lines and hints."""
    at = next(n for n, line in enumerate(shown) if line.startswith(position))
    rest = shown[at + 1 :]
    while rest and rest[0].startswith(" "):  # indented under the question: its text and hints
        rest = rest[1:]
    return rest


def while_open(
    term: Terminal, label: str, *keys: str, last: str = ""
) -> tuple[list[list[str]], threading.Thread]:
    """Type `keys` once a field starting with `label` is on the screen (and a line ends with
    `last`, the text typed before); the screen then is kept.

    Returns the list that gets that screen (scrollback first) and the typing thread to join.
    """
    seen: list[list[str]] = []

    def drawn() -> bool:
        lines = term.shown
        if any(line.startswith(label) for line in lines) and any(line.endswith(last) for line in lines):
            seen.append(lines)
        return bool(seen)

    return seen, term.type_when(drawn, *keys)


@pytest.mark.parametrize("width", [60, 80])
def test_a_draft_in_the_field_starts_on_the_answer_line_under_the_key_hint(terminal, width):
    term = terminal(answers={Q2: "gemt svar"}, width=width, emulated=True)
    term.session.keep_draft(asking(term, 2).question, "Scanningen af poser")
    seen, typing = while_open(term, "› Svar:", ESC_ENTER)

    assert term.prompter.ask(asking(term, 2)) == Save("Scanningen af poser")
    typing.join()

    [screen] = seen
    *above, field = after_question(screen, "[2/14]")
    assert field == "› Svar: Scanningen af poser"  # the text right after the label, nothing below it
    hint = above[above.index(next(line for line in above if "Alt+Enter" in line)) :]
    assert " · ".join(line.strip() for line in hint) == " · ".join(
        part for part in KEY_PARTS if not part.startswith("Ctrl+P")
    )
    assert all(len(line) <= width for line in hint)


def test_long_text_in_the_field_goes_on_under_itself_not_under_the_label(terminal):
    term = terminal(width=60, emulated=True)
    term.keys.send_text(LONG_ANSWER + ENTER + "Anden linje")
    seen, typing = while_open(term, "› Svar:", ESC_ENTER, last="Anden linje")

    term.prompter.ask(asking(term, 2))
    typing.join()

    field = after_question(seen[0], "[2/14]")
    at = next(n for n, line in enumerate(field) if line.startswith("› Svar: Borgerne"))
    assert field[at + 1 :] and all(line.startswith(" " * 8) for line in field[at + 1 :])
    assert field[-1] == " " * 8 + "Anden linje"


@pytest.mark.parametrize(("width", "lines"), [(80, 2), (60, 2)])
def test_the_reason_starts_on_its_line_under_the_question_and_help(terminal, width, lines):
    term = terminal(width=width, emulated=True)
    term.keys.send_text(CTRL_N + "det vi skrev")
    seen, typing = while_open(term, "› Grund:", ENTER, last="det vi skrev")

    assert term.prompter.ask(asking(term, 2)) == NotRelevant("det vi skrev")
    typing.join()

    *above, field = after_question(seen[0], "[2/14]")
    assert field == "› Grund: det vi skrev"
    assert " ".join(above[-lines:]) == (
        "Hvorfor er spørgsmålet ikke relevant for jer? (valgfrit; Enter gemmer; Esc: tilbage til svaret)"
    )
    assert all(len(line) < width for line in above[-lines:])  # whole words, none cut at the edge
    assert after_question(term.shown, "[2/14]") == ["› Ikke relevant: det vi skrev"]


@pytest.mark.parametrize("width", [60, 80])
def test_a_saved_answer_stays_on_screen_without_the_key_hint(terminal, width):
    term = terminal(width=width, emulated=True)
    term.type(LONG_ANSWER + ENTER + "Anden linje" + ESC_ENTER, "svar 2" + CTRL_S)

    term.prompter.ask(asking(term, 1))
    term.prompter.ask(asking(term, 2))

    shown = term.shown
    first = after_question(shown, "[1/14]")
    assert first[0].startswith("› Svar: Borgerne træner")
    answer = first[: first.index("")]  # the answer, then a blank line before the next question
    assert " ".join(" ".join(answer).split()) == "› Svar: " + LONG_ANSWER + " Anden linje"
    assert all(line.startswith("        ") for line in answer[1:])  # under the text, words whole
    assert after_question(shown, "[2/14]") == ["› Svar: svar 2"]
    hints = ("Alt+Enter", "Ctrl+", "PgUp", "spring over", "·")  # no key hint is left, whole or in part
    assert not [line for line in shown if any(hint in line for hint in hints)]


def test_an_empty_answer_shows_the_question_was_skipped(terminal):
    term = terminal(emulated=True)
    term.type(ESC_ENTER)

    assert term.prompter.ask(asking(term, 2)) == Save("")

    assert after_question(term.shown, "[2/14]") == ["› Svar: (sprunget over)"]


@pytest.mark.parametrize(
    ("keys", "stop"),
    [(PGUP, None), (CTRL_B, None), (CTRL_C, KeyboardInterrupt), (CTRL_D, EOFError)],
)
def test_text_left_unsaved_is_shown_as_a_draft_not_as_an_answer(terminal, keys, stop):
    term = terminal(emulated=True)
    term.type("halvt skrevet" + ENTER + "og mere" + keys)

    if stop is None:
        assert term.prompter.ask(asking(term, 2)) == Back("halvt skrevet\nog mere")
    else:
        with pytest.raises(stop):
            term.prompter.ask(asking(term, 2))

    assert after_question(term.shown, "[2/14]") == ["› (kladde – ikke gemt som svar) halvt skrevet …"]


def test_a_long_draft_is_shown_in_one_line_cut_at_the_edge(terminal):
    term = terminal(width=60, emulated=True)
    term.type(LONG_ANSWER + PGUP)

    term.prompter.ask(asking(term, 2))

    [line] = after_question(term.shown, "[2/14]")
    assert line.startswith("› (kladde – ikke gemt som svar) Borgerne træner selv")
    assert line.endswith("…") and len(line) == 60


@pytest.mark.parametrize("keys", [PGUP, CTRL_C])
def test_leaving_the_saved_answer_unchanged_shows_no_draft(terminal, keys):
    term = terminal(answers={Q2: "det gemte svar"}, emulated=True)
    term.type(keys)

    with pytest.raises(KeyboardInterrupt) if keys == CTRL_C else contextlib.nullcontext():
        term.prompter.ask(asking(term, 2))

    # the field is gone and nothing claims the text as new: it is the saved answer, as it was
    assert after_question(term.shown, "[2/14]") == []


def test_not_relevant_shows_the_mark_and_its_reason_once(terminal):
    term = terminal(emulated=True)
    term.type(CTRL_N + "passer ikke hos os" + ENTER)

    assert term.prompter.ask(asking(term, 2)) == NotRelevant("passer ikke hos os")

    assert after_question(term.shown, "[2/14]") == ["› Ikke relevant: passer ikke hos os"]


def test_ctrl_c_in_the_reason_shows_its_text_as_a_reason_not_saved(terminal):
    """Kept as the question's draft, marked as a reason (or beside another window's answer draft):
    said to be a reason, not an answer's draft."""
    term = terminal(emulated=True)
    term.type(CTRL_N + "eller grund" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))

    assert after_question(term.shown, "[2/14]") == ["› (begrundelse – ikke gemt) eller grund"]


def test_ctrl_c_in_the_reason_beside_an_answer_draft_shows_both_kept(terminal):
    term = terminal(emulated=True)
    term.type("langt svar" + CTRL_N + "eller grund" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))

    assert after_question(term.shown, "[2/14]") == [
        "› (kladde – ikke gemt som svar) langt svar",
        "› (begrundelse – ikke gemt) eller grund",
    ]


def test_pgup_at_the_first_question_leaves_one_field_on_screen(terminal):
    term = terminal(emulated=True)
    term.type("halvt" + PGUP + " skrevet" + ESC_ENTER)

    term.prompter.ask(asking(term, 1))

    assert after_question(term.shown, "[1/14]") == [
        "Du er ved første spørgsmål i fasen; der er intet at gå tilbage til.",
        "› Svar: halvt skrevet",
    ]


# --- the tool's introduction and the partner's answers -----------------------------------------------

LONG = "Borgerne træner selv derhjemme med en app, og terapeuten følger med på afstand hver uge"
PARTNER = {
    FORMAAL: LONG + "\nAnden linje af svaret",
    LOESNINGEN: "En app til genoptræning, som borgerne bruger hjemme, og et overblik for terapeuterne",
    PROCESSEN: Answer("Den kender vi ikke", not_relevant=True),
}


def partner_answers(term):
    tool = asking(term, 1).tool
    view = term.session.view()
    return (OtherAnswers("dele", tuple((q, a) for q in tool.questions("dele") if (a := view.answer(q.id)))),)


def test_the_tool_intro_summarises_the_partners_answers_one_line_each(terminal):
    term = terminal(answers=PARTNER)
    term.type(ESC_ENTER)

    term.prompter.ask(asking(term, 1, new_tool=True, partner_answers=partner_answers(term)))

    lines = term.printed.splitlines()
    assert "Værktøj: Beskriv innovationen" in lines
    heading = lines.index("Odense Kommune har svaret på 3 spørgsmål i dette værktøj:")
    summary = lines[heading + 1 : heading + 4]
    assert summary[0].startswith("  • Hvad er formålet? Borgerne træner selv")
    assert summary[1].startswith("  • Hvad går løsningen ud på? En app til genoptræning")
    assert all(line.rstrip().endswith("…") and len(line) <= 80 for line in summary[:2])
    assert summary[2].rstrip() == "  • Hvordan forløb processen? Ikke relevant: Den kender vi ikke"
    assert lines[heading + 4].startswith("(tryk Ctrl+P i svarfeltet")
    assert "Anden linje af svaret" not in term.printed


def test_the_guidance_for_the_side_follows_the_intro(term):
    term.type(ESC_ENTER)

    term.prompter.ask(asking(term, 3, new_tool=True))

    assert "Værktøj: Fortæl den gode historie" in term.printed
    assert "Vi vil genbruge" in term.printed


def test_ctrl_p_shows_the_partners_answers_in_full_and_keeps_the_text(terminal):
    term = terminal(answers=PARTNER)
    term.type("mit svar" + CTRL_P + " videre" + ESC_ENTER)

    reply = term.prompter.ask(asking(term, 1, new_tool=True, partner_answers=partner_answers(term)))

    assert reply == Save("mit svar videre")
    full = one_line(term.printed.split("(tryk Ctrl+P", 1)[1])
    assert LONG in full and "Anden linje af svaret" in full
    assert "og et overblik for terapeuterne" in full
    assert "Hvordan forløb processen? Ikke relevant: Den kender vi ikke" in full


def test_partner_answers_can_be_left_out(terminal):
    term = terminal(answers=PARTNER, show_partner=False)
    term.type("mit svar" + CTRL_P + ESC_ENTER)

    reply = term.prompter.ask(asking(term, 1, new_tool=True, partner_answers=partner_answers(term)))

    assert reply == Save("mit svar")
    assert "Borgerne" not in term.printed and "Odense Kommune har svaret" not in term.printed


def test_a_tool_without_questions_is_said_in_danish(terminal):
    term = terminal(role="dele")
    tool = term.session.ws.guide.find_phase("tjek").tools[3]

    term.prompter.handle(interview.NoQuestions(tool))

    assert one_line(term.printed) == (
        "Værktøjet Tjek relevans og timing har ingen spørgsmål for jer (vi vil dele); vi går videre."
    )


def test_phase_intro(term, tjek):
    term.prompter.phase_intro(tjek, "genbruge")

    assert "Fase 1: Tjek" in term.printed
    assert "Vi vil genbruge – mål:" in term.printed


# --- confirmations and menus -----------------------------------------------------------------------


@pytest.mark.parametrize(("keys", "answer"), [(ENTER, False), (DOWN + ENTER, True)])
def test_confirm_delete_keeps_the_answer_unless_chosen(term, keys, answer):
    term.type(keys)

    assert term.prompter.handle(interview.ConfirmDelete(asking(term, 1).question)) is answer


@pytest.mark.parametrize("marked", [False, True], ids=["answer", "mark"])
def test_esc_at_confirm_delete_keeps_it_as_no_does(terminal, marked):
    term = terminal(screen=True)
    term.type("\x1b" + ENTER)

    step = interview.ConfirmDelete(asking(term, 1).question, marked=marked)
    assert term.prompter.steps.confirm_delete(step) is False
    assert "(piletasterne og Enter; Esc svarer nej)" in term.prompts


@pytest.mark.parametrize(("keys", "answer"), [(ENTER, False), (DOWN + ENTER, True), ("\x1b" + ENTER, False)])
def test_an_answer_over_a_marks_reason_is_asked_with_the_reason_no_first(terminal, keys, answer):
    term = terminal(screen=True)
    term.type(keys)

    step = interview.ConfirmReplaceMark(asking(term, 1).question, "Vi har [b]ingen[/b] borgere", "Jo")
    assert term.prompter.handle(step) is answer
    shown = " ".join(term.prompts.split())
    assert "markeret som ikke relevant med begrundelsen »Vi har [b]ingen[/b] borgere«" in shown
    assert "Nej, behold markeringen (svaret gemmes som kladde)" in shown


def test_no_at_the_replace_question_says_the_answer_became_a_draft(terminal):
    """Found in a re-trial: after Esc there, "› Svar: …" stood on the screen as if saved."""
    term = terminal(screen=True)
    term.type("\x1b" + ENTER)

    step = interview.ConfirmReplaceMark(asking(term, 1).question, "Ikke nu", "Jo")
    assert term.prompter.handle(step) is False
    assert "Svaret er gemt som kladde; markeringen står, som den stod." in one_line(term.printed)


def test_a_stop_at_the_replace_question_keeps_the_whole_answer_as_the_draft(terminal):
    """Found in a re-trial: Ctrl+C there kept only what the field had saved of itself, a keystroke
    behind: the last words typed before Ctrl+S were lost."""
    term = terminal(screen=True)
    term.type(CTRL_C)

    question = asking(term, 1).question
    with pytest.raises(KeyboardInterrupt):
        term.prompter.handle(interview.ConfirmReplaceMark(question, "Ikke nu", "Jo, og spare tid hver uge"))
    assert term.session.draft(question) == "Jo, og spare tid hver uge"


def test_confirm_delete_is_asked_in_danish(terminal):
    term = terminal(screen=True)
    term.type(DOWN + ENTER)

    term.prompter.steps.confirm_delete(interview.ConfirmDelete(asking(term, 1).question))

    shown = term.prompts
    assert "Svaret er tomt. Skal det gemte svar slettes?" in shown
    assert "Nej, behold det gemte svar" in shown and "Ja, slet det" in shown
    assert "(y/N)" not in shown and "Yes" not in shown


def test_confirm_delete_of_a_mark_asks_about_the_mark(terminal):
    term = terminal(screen=True)
    term.type(DOWN + ENTER)

    assert term.prompter.steps.confirm_delete(interview.ConfirmDelete(asking(term, 1).question, marked=True))

    shown = term.prompts
    assert "Feltet er tomt. Skal markeringen 'ikke relevant' fjernes?" in shown
    assert "Nej, behold markeringen" in shown and "Ja, fjern den" in shown
    assert "svar" not in shown.replace("Esc svarer nej", "")  # the mark, never an answer


@pytest.mark.parametrize(
    ("downs", "first", "choice"),
    [
        (0, True, interview.Review.NEXT),
        (1, True, interview.Review.EDIT),
        (2, True, interview.Review.STOP),
        (2, False, interview.Review.PREVIOUS),
        (3, False, interview.Review.STOP),
    ],
)
def test_review_choices(terminal, tjek, downs, first, choice):
    term = terminal(answers={Q1: "Mit svar"})
    term.type(DOWN * downs + ENTER)

    assert term.prompter.handle(interview.ReviewTool(tjek.tools[0], first)) is choice
    assert "Dine svar i Beskriv innovationen (1/2 besvaret)" in term.printed
    assert "Mit svar" in term.printed
    assert "(ikke besvaret)" in term.printed


def test_the_review_shows_a_not_relevant_mark_with_its_reason(terminal, tjek):
    term = terminal(answers={Q1: Answer("Vi har det allerede", not_relevant=True)})
    term.type(ENTER)

    term.prompter.steps.review(interview.ReviewTool(tjek.tools[0], True))

    assert "Dine svar i Beskriv innovationen (1/2 besvaret)" in term.printed
    assert "Ikke relevant: Vi har det allerede" in term.printed


@pytest.mark.parametrize(("key", "stop"), [(CTRL_C, KeyboardInterrupt), (CTRL_D, EOFError)])
def test_ctrl_c_and_ctrl_d_in_a_menu_stop(term, tjek, key, stop):
    term.type(key)

    with pytest.raises(stop):
        term.prompter.steps.review(interview.ReviewTool(tjek.tools[0], True))

    assert term.prompter.typed() is None


PARTNERS = (Partner("aeroe-kommune", "Ærø Kommune"), Partner("fanoe-kommune", "Fanø Kommune"))


@pytest.mark.parametrize(
    "ask",
    [
        lambda **io: ask_partner(PARTNERS, **io),
        lambda **io: ask_dialogue(PARTNERS, "Hvilken dialog hører handlingen til?", **io),
    ],
)
def test_esc_in_a_list_goes_back_to_the_menu_only_under_the_home_screen(terminal, ask):
    term = terminal(screen=True)
    term.type("\x1b" + DOWN + ENTER)  # Esc, then the second choice

    with menu_behind(), pytest.raises(BackToMenu):
        ask(input=term.keys, output=term.prompter.io["output"])

    assert "(Esc går tilbage til menuen)" in term.prompts


def test_esc_in_a_list_of_a_command_from_the_shell_stops_it_as_ctrl_c_does(terminal):
    # from a user trial: Esc did nothing there, with no hint; now it stops as Ctrl+C does (each
    # command then says "Stoppet" in its own words); the help says so, and names no menu to go back to
    term = terminal(screen=True)
    term.type("\x1b" + DOWN + ENTER)

    with pytest.raises(KeyboardInterrupt):
        ask_dialogue(PARTNERS, "Hvilken dialog?", input=term.keys, output=term.prompter.io["output"])
    assert "Esc eller Ctrl+C stopper)" in " ".join(term.prompts.split())
    assert "menuen" not in term.prompts


def test_esc_in_the_interviews_lists_under_the_home_screen_leaves_with_nothing_kept(term, tjek):
    term.type("\x1b" + ENTER)

    with menu_behind(), pytest.raises(BackToMenu):
        term.prompter.steps.review(interview.ReviewTool(tjek.tools[0], True))

    assert term.prompter.typed() is None  # no field: nothing for the interview to keep as a draft


@pytest.mark.parametrize(("downs", "picked"), [(0, Q1), (1, Q2), (2, None)])
def test_pick_question(term, tjek, downs, picked):
    term.type(DOWN * downs + ENTER)

    question = term.prompter.handle(interview.PickQuestion(tjek.tools[0]))

    assert (question.id if question else None) == picked


@pytest.mark.parametrize(
    ("own", "said"),
    [
        (True, "I har besvaret 2 af 14 spørgsmål i fasen Tjek."),  # a trial: "Ærø Kommune" read oddly
        (False, "Ærø Kommune har besvaret 2 af 14 spørgsmål i fasen Tjek."),  # the other side's: named
    ],
)
def test_resume_offers_continue_first_and_says_how_far_the_side_is(terminal, tjek, own, said):
    term = terminal(answers={Q1: "A", Q2: Answer("", not_relevant=True)})
    term.prompter.steps.own = own
    term.type(ENTER)

    assert term.prompter.handle(interview.ChooseResume(tjek)) is interview.Resume.CONTINUE
    assert said in term.printed


@pytest.mark.parametrize(
    ("downs", "choice"),
    [(0, interview.Resume.REVIEW_ALL), (1, interview.Resume.PICK_TOOL), (2, interview.Resume.STOP)],
)
def test_resume_of_a_complete_phase_has_no_continue(terminal, tjek, downs, choice):
    answers = {q.id: "svar" for q in tjek.questions("genbruge")}
    answers[Q1] = Answer("", not_relevant=True)  # a mark counts as done
    term = terminal(answers=answers)
    term.type(DOWN * downs + ENTER)

    assert term.prompter.steps.resume(interview.ChooseResume(tjek)) is choice
    assert "14 af 14" in term.printed


def test_pick_tool_lists_only_tools_with_questions_for_the_side(terminal, tjek):
    term = terminal(role="dele", screen=True)
    term.type(DOWN * 3 + ENTER)  # dele has no questions in "Tjek relevans og timing"

    assert term.prompter.steps.pick_tool(interview.PickTool(tjek)).title == "Afstem forventninger"
    assert "Beskriv innovationen (0/3)" in term.prompts


def test_a_menu_line_too_long_for_the_terminal_ends_in_an_ellipsis(terminal, tjek):
    # prompt_toolkit cuts a line at the edge without a sign; the menu cuts it first, with '…'
    term = terminal(screen=True, width=50)
    term.type(ENTER)

    question = term.prompter.handle(interview.PickQuestion(tjek.tools[0]))

    assert question == tjek.tools[0].questions("genbruge")[0]
    menu = [line.rstrip() for line in term.prompts.splitlines() if "» 1. " in line]  # the pointer's line
    assert menu and all(line.endswith("…") and len(line) <= 50 for line in menu), menu


def test_pick_tool_can_be_cancelled(term, tjek):
    term.type(DOWN * 5 + ENTER)

    assert term.prompter.steps.pick_tool(interview.PickTool(tjek)) is None


@pytest.mark.parametrize(
    ("downs", "reply"),
    [
        (0, interview.Keep.MINE),
        (1, interview.Keep.THEIRS),
        (2, interview.Keep.BOTH),  # yours first (model.joined), as shown and as konflikter keeps both
    ],
)
def test_saved_meanwhile_asks_which_to_keep(term, downs, reply):
    term.type(DOWN * downs + ENTER)
    step = interview.SavedMeanwhile(asking(term, 1).question, Answer("Mit"), Answer("Deres"))

    assert term.prompter.handle(step) == reply
    assert "Svaret er blevet ændret et andet sted, mens du skrev:" in term.printed
    assert "Mit" in term.printed and "Deres" in term.printed


def test_saved_meanwhile_offers_both_of_two_not_relevant_marks(term):
    term.type(DOWN * 2 + ENTER)
    step = interview.SavedMeanwhile(
        asking(term, 1).question, Answer("Min grund", True), Answer("Deres grund", True)
    )

    assert term.prompter.handle(step) == interview.Keep.BOTH  # joined by the interview (model.joined)


@pytest.mark.parametrize(
    ("mine", "theirs"), [(Answer("Min grund", True), Answer("Deres")), (Answer("Mit"), Answer("", True))]
)
def test_saved_meanwhile_offers_no_both_for_a_mark_beside_an_answer(terminal, mine, theirs):
    term = terminal(screen=True)
    term.type(DOWN + ENTER)
    step = interview.SavedMeanwhile(asking(term, 1).question, mine, theirs)

    assert term.prompter.handle(step) == interview.Keep.THEIRS
    assert "Begge" not in term.prompts.replace("»Begge, efter hinanden« kan ikke", "")
    said = " ".join(term.printed.split())
    assert "»Begge, efter hinanden« kan ikke vælges her: det ene er markeret som ikke relevant" in said


# --- a whole interview by keystrokes ------------------------------------------------------------------


def test_a_whole_interview_by_keystrokes(term, ws):
    term.type(
        "svar 1" + ESC_ENTER,  # [1/14] answered
        ESC_ENTER,  # [2/14] skipped
        ENTER,  # review: Gå videre
        "svar 3" + CTRL_S,  # [3/14] answered with Ctrl+S
        PGUP,  # [4/14] back to [3/14]
        " rettet" + ESC_ENTER,  # [3/14] changed
        "linje 1" + ENTER + "linje 2" + ESC_ENTER,  # [4/14] two lines
        DOWN * 3 + ENTER,  # review: Stop her
    )

    done = run_interview(term)

    assert done.stopped
    assert saved(ws, term.slug) == {Q1: "svar 1", Q3: "svar 3 rettet", Q4: "linje 1\nlinje 2"}
    assert f"{Q4}:\n        tekst: |-\n          linje 1\n          linje 2\n" in project_text(ws, term.slug)
    assert term.printed.count("[3/14] Hvad begejstrer dig mest") == 2
    assert "Dine svar i Fortæl den gode historie (2/2 besvaret)" in term.printed
    assert "svar 3 rettet" in term.printed
    assert drafts(ws, term.slug) == {}


def test_ctrl_c_mid_tool_keeps_the_earlier_answers(term, ws):
    term.type("svar 1" + ESC_ENTER + "halvt svar" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        run_interview(term)

    assert saved(ws, term.slug) == {Q1: "svar 1"}


def test_text_left_with_pgup_comes_back_as_a_draft(term, ws):
    term.type(
        "svar 1" + ESC_ENTER,  # [1/14]
        "halvt" + ENTER + "skrevet" + PGUP,  # [2/14] typed, then back
        ESC_ENTER,  # [1/14] kept as it is
        " og færdigt" + ESC_ENTER,  # [2/14] the draft is in the field; finished and saved
        DOWN * 2 + ENTER,  # review: Stop her
    )

    run_interview(term)

    assert saved(ws, term.slug) == {Q1: "svar 1", Q2: "halvt\nskrevet og færdigt"}
    assert drafts(ws, term.slug) == {}
    assert one_line(term.printed).count("Du har en kladde til dette spørgsmål") == 1


def test_a_draft_survives_until_the_answer_is_saved(term, ws):
    term.type("svar 1" + ESC_ENTER + "halvt skrevet" + PGUP + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        run_interview(term)  # stopped at [1/14], whose field holds its saved answer

    assert drafts(ws, term.slug) == {draft_key(ws, term.slug, Q2): "halvt skrevet"}
    assert saved(ws, term.slug) == {Q1: "svar 1"}


def test_not_relevant_in_a_whole_interview(term, ws):
    term.type(
        CTRL_N + "Vi har ikke behovet" + ENTER,  # [1/14] not relevant, with a reason
        CTRL_N + ENTER,  # [2/14] not relevant
        DOWN * 2 + ENTER,  # review: Stop her
    )

    run_interview(term)

    assert saved(ws, term.slug) == {Q1: (NOT_RELEVANT, "Vi har ikke behovet"), Q2: (NOT_RELEVANT, "")}
    assert "Dine svar i Beskriv innovationen (2/2 besvaret)" in term.printed
    assert "Ikke relevant: Vi har ikke behovet" in term.printed


def test_ctrl_p_works_at_every_question_of_the_tool(terminal, ws):
    term = terminal(answers=PARTNER)
    term.type(
        ESC_ENTER,  # [1/14] skipped
        "x" + CTRL_P + ESC_ENTER,  # [2/14] the partner's answers in full, then saved
        DOWN * 2 + ENTER,  # review: Stop her
    )

    run_interview(term)

    assert "Anden linje af svaret" in term.printed
    assert saved(ws, term.slug)[Q2] == "x"


def test_resume_by_keystrokes_continues_at_the_first_unanswered(terminal, ws):
    term = terminal(answers={Q1: "svar 1", Q3: "svar 3"})
    term.type(
        ENTER,  # Fortsæt ved første ubesvarede
        "svar 2" + ESC_ENTER,  # [2/14]
        DOWN * 2 + ENTER,  # review (first tool): Stop her
    )

    run_interview(term)

    assert "[1/14]" not in term.printed
    assert "[2/14] Har I de samme behov?" in term.printed
    assert saved(ws, term.slug) == {Q1: "svar 1", Q2: "svar 2", Q3: "svar 3"}


def test_markup_and_escape_codes_in_an_answer_are_saved_and_shown_as_typed(term, ws):
    answer = "[bold]x[/] :warning: \x1b[31m"
    term.type(
        PASTE_START + answer + PASTE_END + ESC_ENTER,  # pasted, as a user would
        ESC_ENTER,
        DOWN * 2 + ENTER,  # review: Stop her
    )

    run_interview(term)

    assert saved(ws, term.slug) == {Q1: answer}
    review = term.printed.split("Dine svar i Beskriv innovationen", 1)[1]
    assert "[bold]x[/] :warning: ␛[31m" in review
    assert "\x1b" not in term.printed
    assert "⚠" not in term.printed


def test_partner_answers_and_markup_are_shown_literally_in_the_tool_intro(terminal):
    term = terminal(answers={FORMAAL: "[red]rød[/red] \x1b]0;titel\x07 :smile:"})
    term.type(ESC_ENTER + ESC_ENTER + DOWN * 2 + ENTER)

    run_interview(term)

    assert "[red]rød[/red] ␛]0;titel␇ :smile:" in term.printed
    assert "\x1b" not in term.printed and "\x07" not in term.printed


def test_cancelling_an_edit_returns_to_the_review(term, ws):
    term.type(
        "svar 1" + ESC_ENTER + ESC_ENTER,  # [1/14] answered, [2/14] skipped
        DOWN + ENTER,  # review: Ret et svar
        DOWN * 2 + ENTER,  # which answer: Fortryd
        DOWN * 2 + ENTER,  # review again: Stop her
    )

    run_interview(term)

    assert term.printed.count("Dine svar i Beskriv innovationen") == 2
    assert saved(ws, term.slug) == {Q1: "svar 1"}


def test_cancelling_the_tool_choice_on_resume_stops(terminal, ws):
    term = terminal(answers={Q1: "svar 1"})
    term.type(
        DOWN * 2 + ENTER,  # resume: Vælg et værktøj
        DOWN * 5 + ENTER,  # which tool: Fortryd
    )

    done = run_interview(term)

    assert done.stopped
    assert "[1/14]" not in term.printed and "[2/14]" not in term.printed
    assert saved(ws, term.slug) == {Q1: "svar 1"}


def test_deleting_a_saved_answer_by_keystrokes(terminal, ws):
    term = terminal(answers={Q1: "svar 1", Q2: "svar 2"})
    term.type(
        DOWN + ENTER,  # resume: Gennemgå alle spørgsmål
        CTRL_U + ESC_ENTER,  # [1/14] Ctrl-U empties it, then submit
        ENTER,  # slet? Nej, behold det gemte svar
        CTRL_U + ESC_ENTER,  # [2/14] emptied as well
        DOWN + ENTER,  # slet? Ja, slet det
        DOWN * 2 + ENTER,  # review: Stop her
    )

    run_interview(term)

    assert saved(ws, term.slug) == {Q1: "svar 1"}


@pytest.mark.parametrize(("choice", "kept"), [(ENTER, {Q1: (NOT_RELEVANT, "")}), (DOWN + ENTER, {})])
def test_emptying_a_not_relevant_mark_asks_about_the_mark(terminal, ws, choice, kept):
    term = terminal(screen=True)
    term.type(
        CTRL_N + ENTER,  # [1/14] ikke relevant, no reason
        PGUP,  # [2/14] back to [1/14], its field empty
        ESC_ENTER,  # saved empty
        choice,  # Nej, behold markeringen / Ja, fjern den
        CTRL_C,  # [2/14]
    )

    with pytest.raises(KeyboardInterrupt):
        run_interview(term)

    assert saved(ws, term.slug) == kept
    assert "Feltet er tomt. Skal markeringen 'ikke relevant' fjernes?" in term.prompts
    assert "gemte svar" not in term.prompts


# --- 'spredning fase' in a terminal (in-process): what an interrupt keeps ------------------------------


@pytest.fixture
def fase_on_screen(monkeypatch, run_cli):
    """Like fase_in_terminal, with the prompts drawn into a buffer as an 80-column xterm would."""
    monkeypatch.setattr("spredning.cli.commands.fase.is_interactive", lambda: True)

    def run(keys: str, *argv: str):
        screen = io.StringIO()
        output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
            pipe.send_text(keys)
            pipe.close()
            code, out, err = run_cli("fase", *argv)
        return code, out, err, CSI.sub("", screen.getvalue())

    return run


def test_the_command_status_names_for_a_draft_opens_with_the_draft_in_the_field(fase_on_screen, run_cli, ws):
    slug = new_project(ws, answers={Q1: "svar 1"})
    session(ws, slug).keep_draft(ws.guide.locate(Q3)[2], "halvt skrevet")
    _, status, _ = run_cli("status")
    assert (
        "Næste skridt: gør kladden færdig (fasen åbner ved den): spredning fase tjek --rolle genbruge"
        in one_line(status)
    )

    code, out, _, screen = fase_on_screen(CTRL_C, "tjek", "--rolle", "genbruge")

    assert code == 130
    assert "Hvordan vil du fortsætte?" not in out + screen  # no menu first
    assert "[3/14] Hvad begejstrer dig mest ved innovationen?" in out
    assert "Du har en kladde til dette spørgsmål" in one_line(out)
    assert "halvt skrevet" in screen  # in the field, ready to finish
    assert drafts(ws, slug) == {draft_key(ws, slug, Q3): "halvt skrevet"}


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_fase_stopped_in_the_field_keeps_the_text_as_a_draft_and_says_so(fase_in_terminal, ws, key):
    slug = new_project(ws)

    code, out, err = fase_in_terminal("svar 1" + ESC_ENTER + "to linjer" + ENTER + "skrevet" + key, "tjek")

    assert code == 130
    message = one_line(err)
    assert "Stoppet. Dine svar er gemt: 1 af 14 spørgsmål i fasen Tjek" in message
    assert "Teksten i feltet er gemt som kladde og står klar, næste gang du åbner spørgsmålet." in message
    assert "Fortsæt senere med:" in message and "fase tjek --rolle genbruge" in message
    assert drafts(ws, slug) == {draft_key(ws, slug, Q2): "to linjer\nskrevet"}
    assert saved(ws, slug) == {Q1: "svar 1"}

    # it opens on the draft: save it; the tool's end (review, plan, readiness: Enter goes on);
    # skip the next two, stop at that tool's review
    code, out, err = fase_in_terminal(ESC_ENTER + ENTER * 3 + ESC_ENTER * 2 + DOWN * 3 + ENTER, "tjek")

    assert code == 0, err
    assert "Hvordan vil du fortsætte?" not in out
    assert "Du har en kladde i fasen Tjek; den åbnes først" in one_line(out)
    assert "Du har en kladde til dette spørgsmål" in one_line(out)
    assert "Dine svar i Beskriv innovationen" in one_line(out)  # the tool's end, though a draft ended it
    assert saved(ws, slug) == {Q1: "svar 1", Q2: "to linjer\nskrevet"}
    assert drafts(ws, slug) == {}


def test_fase_stopped_while_giving_a_reason_keeps_that_text_as_the_draft(fase_in_terminal, ws):
    slug = new_project(ws)

    code, _, err = fase_in_terminal("langt svar" + CTRL_N + "eller grund" + CTRL_C, "tjek")

    assert code == 130
    assert (
        "Svaret, du skrev, er gemt som kladde, og begrundelsen i feltet er gemt ved siden af det"
        in one_line(err)
    )
    # the answer draft stays an answer draft; the reason is kept beside it
    assert drafts(ws, slug) == {draft_key(ws, slug, Q1): "langt svar"}
    state = yaml.safe_load((ws.store.home / ".spredning" / f"{slug}.yaml").read_text())
    assert state["begrundelser"] == {draft_key(ws, slug, Q1): "eller grund"}
    assert "begrundelse-kladder" not in state
    assert saved(ws, slug) == {}


def test_fase_stopped_with_nothing_new_in_the_field_keeps_no_draft(fase_in_terminal, ws):
    slug = new_project(ws, answers={Q1: "svar 1"})

    code, _, err = fase_in_terminal(DOWN + ENTER + CTRL_C, "tjek")  # review all; stop at [1/14]

    assert code == 130
    assert "kladde" not in err
    assert drafts(ws, slug) == {}


def test_fase_stopped_in_a_menu_says_nothing_of_a_draft(fase_in_terminal, ws):
    slug = new_project(ws)

    code, _, err = fase_in_terminal("svar 1" + ESC_ENTER + ESC_ENTER + CTRL_C, "tjek")  # at the review

    assert code == 130
    assert "Stoppet. Dine svar er gemt: 1 af 14" in one_line(err)
    assert "kladde" not in err
    assert drafts(ws, slug) == {}


@pytest.mark.parametrize(
    ("answers", "keys"),
    [
        ({Q1: "svar 1"}, DOWN * 3 + ENTER),  # "Stop" in how to go on
        ({}, "svar 1" + ESC_ENTER + ESC_ENTER + DOWN * 2 + ENTER),  # "Stop her" at the review
    ],
)
def test_stopping_names_the_command_to_go_on_once(fase_in_terminal, ws, answers, keys):
    new_project(ws, answers=answers)

    code, out, err = fase_in_terminal(keys, "tjek")

    assert code == 0, err
    assert "Stoppet. Dine svar er gemt: 1 af 14 spørgsmål i fasen Tjek er besvaret." in one_line(out)
    assert "Fortsæt senere med: spredning fase tjek --rolle genbruge" in one_line(out)
    assert one_line(out).count("fase tjek --rolle genbruge") == 1
    assert "Næste skridt" not in out


def test_a_stopped_phase_left_complete_points_to_a_draft_in_another_phase(fase_in_terminal, ws):
    tjek, test = (ws.guide.find_phase(p).questions("genbruge") for p in ("tjek", "test"))
    slug = new_project(ws, answers={q.id: "svar" for q in tjek})
    session(ws, slug).keep_draft(test[0], "en kladde i Test")

    code, out, err = fase_in_terminal(DOWN * 2 + ENTER, "tjek")  # complete: "Stop" is the third

    assert code == 0, err
    assert "Stoppet. Dine svar er gemt: 14 af 14 spørgsmål i fasen Tjek er besvaret." in one_line(out)
    assert "Næste skridt: spredning fase test --rolle genbruge" in one_line(out)
    assert "Alle jeres faser er besvaret" not in out  # they are not: Test has a draft and is open
    assert "Fortsæt senere" not in out


def test_fase_counts_not_relevant_as_done(fase_in_terminal, ws):
    new_project(ws)

    code, out, _ = fase_in_terminal(
        CTRL_N + "ikke her" + ENTER + "svar" + ESC_ENTER + DOWN * 2 + ENTER, "tjek"
    )

    assert code == 0
    assert "Stoppet. Dine svar er gemt: 2 af 14 spørgsmål i fasen Tjek er besvaret." in one_line(out)


def test_keys_catalogue_matches_the_hint_parts():
    # the parts the width tests check are the catalogue's words, so they test what users see
    keys = ["save", "newline", "back", "editor", "undo", "not-relevant", "partner", "skip", "stop"]
    assert [t(f"keys.{key}") for key in keys] == KEY_PARTS


# -- a stop from outside: SIGHUP (the terminal closed) or SIGTERM -----------------------------------


class Ended(BaseException):
    """What os._exit does, made visible to the test."""


@pytest.fixture
def exits(monkeypatch):
    """os._exit raises Ended(code) instead of ending the test run; the stop state is reset after."""
    from spredning.cli.prompts import stops

    def exit_(code):
        raise Ended(code)

    monkeypatch.setattr(stops.os, "_exit", exit_)
    monkeypatch.setattr(stops._Stop, "signum", None)
    monkeypatch.setattr(stops._Stop, "waiting", False)
    return stops


def test_a_stop_between_prompts_lets_the_work_finish_and_ends_before_the_next_prompt(term, exits):
    """While an answer is being saved (no prompt waiting), a hang-up must not end the program."""
    import signal

    with pytest.raises(Ended) as ended, term.prompter.stop_signals_kept():
        term.prompter._stop(signal.SIGHUP, None)  # as the handler is called: nothing waits for keys
        finished = True  # the work in progress goes on
        term.prompter.handle(asking(term, 1))  # the next prompt is not shown: the program ends
    assert finished
    assert ended.value.args == (128 + signal.SIGHUP,)
    assert drafts(term.session.ws, term.slug) == {}


def test_a_stop_at_the_answer_field_keeps_the_typed_text_and_ends(term, exits):
    import signal

    def stop_while_typing():
        while not exits._Stop.waiting:  # the field is shown and waits for keys
            time.sleep(0.01)
        term.keys.send_text("Halvt skrevet svar")
        time.sleep(0.2)  # how long the field has to take the keys, not an assertion
        os.kill(os.getpid(), signal.SIGTERM)

    typing = threading.Thread(target=stop_while_typing)
    with pytest.raises(Ended) as ended, term.prompter.stop_signals_kept():
        typing.start()
        term.prompter.handle(asking(term, 1))
    typing.join()
    assert ended.value.args == (128 + signal.SIGTERM,)
    assert list(drafts(term.session.ws, term.slug).values()) == ["Halvt skrevet svar"]


def test_a_terminal_that_fails_under_the_field_keeps_the_typed_text(term):
    """A closed window often shows as an error reading the terminal (EIO) before any hang-up."""
    import errno

    from spredning.cli.prompts import stops

    def type_then_fail():
        while not stops._Stop.waiting or term.prompter.app is None:
            time.sleep(0.01)
        term.keys.send_text("Skrevet, før vinduet lukkede")
        time.sleep(0.2)  # how long the field has to take the keys, not an assertion
        app = term.prompter.app
        app.loop.call_soon_threadsafe(lambda: app.exit(exception=OSError(errno.EIO, "Input/output error")))

    failing = threading.Thread(target=type_then_fail)
    failing.start()
    with pytest.raises(OSError):
        term.prompter.handle(asking(term, 1))
    failing.join()
    assert list(drafts(term.session.ws, term.slug).values()) == ["Skrevet, før vinduet lukkede"]


def test_text_that_cannot_be_saved_even_as_a_draft_is_shown_whole_and_asked_again(term, monkeypatch):
    """The whole folder is gone or locked: the text stays on the screen to copy, and in the field."""
    from spredning.core.errors import SpredningError

    def fails(*_args, **_kwargs):
        raise SpredningError("store.busy", path="prosjekt.yaml", lock="prosjekt.lock")

    monkeypatch.setattr(term.session, "record", fails)
    monkeypatch.setattr(term.session, "keep_draft", fails)
    machine = Interview(term.session.ws.guide.find_phase("tjek"), term.session.role, term.session)
    first = machine.step()
    term.keys.send_text("Et svar, der ikke må gå tabt" + ESC_ENTER)
    machine.reply(term.prompter.handle(first))

    failed = machine.step()
    assert isinstance(failed, interview.SaveFailed) and not failed.kept
    term.prompter.handle(failed)
    machine.reply(None)
    shown = term.console.file.getvalue()
    assert "Teksten kunne heller ikke gemmes som kladde" in shown
    assert "Et svar, der ikke må gå tabt" in shown
    again = machine.step()
    assert isinstance(again, Ask) and again.question == first.question
    assert again.draft == "Et svar, der ikke må gå tabt"


def test_a_draft_over_a_different_saved_answer_shows_the_saved_answer_too(terminal):
    """A partner's answer arrived after the draft was written: saving must not replace it unseen."""
    term = terminal(answers={Q1: "Fra partneren: ja, meget interessant"})
    step = asking(term, 1, draft="Min gamle kladde")
    term.keys.send_text(CTRL_C)
    with contextlib.suppress(KeyboardInterrupt):
        term.prompter.handle(step)
    shown = " ".join(term.console.file.getvalue().split())
    assert "Spørgsmålet har også et gemt svar, som er anderledes end kladden" in shown
    assert "Fra partneren: ja, meget interessant" in shown


def test_a_draft_equal_to_nothing_saved_says_nothing_more(terminal):
    term = terminal()
    step = asking(term, 1, draft="Min kladde")
    term.keys.send_text(CTRL_C)
    with contextlib.suppress(KeyboardInterrupt):
        term.prompter.handle(step)
    assert "gemt svar, som er anderledes" not in " ".join(term.console.file.getvalue().split())


def test_a_partners_answer_of_several_lines_is_summed_up_on_one_line_with_its_later_lines(terminal):
    term = terminal(screen=True, width=100)
    term.type(ESC_ENTER)
    first = asking(term, 1).tool.questions("dele")[0]
    partner = (OtherAnswers("dele", ((first, Answer("Tablet med video.\n\nTerapeuten ringer op.")),)),)

    term.prompter.ask(asking(term, 1, new_tool=True, partner_answers=partner))

    line = next(line for line in term.printed.splitlines() if first.text in line)
    assert line.endswith("Tablet med video. Terapeuten ringer op."), line


# --- long questions: broken between words, the help on a line of its own when it does not fit --------

LONG_QUESTION = (
    "Filen /tmp/rapporter/en-meget-lang-rapport-til-partneren.md findes allerede, og den er ikke "
    "programmets egen seneste udgave. Vil du erstatte den?"
)


@pytest.mark.parametrize("width", [40, 50, 80, 120])
@pytest.mark.parametrize("spaced", [True, False])
def test_question_lines_fit_the_width_and_keep_every_word_whole(width, spaced):
    help_text = "(piletasterne og Enter · Ctrl+C afslutter)"
    message, shown_help = question_lines(LONG_QUESTION, help_text, width, room=20, spaced=spaced)

    lines = message.split("\n")
    drawn = ["? " + lines[0], *lines[1:]]  # later lines carry their indent; a path stays whole
    assert all(len(line) <= width or len(line.split()) == 1 for line in drawn), drawn
    assert " ".join(message.split()) == LONG_QUESTION
    assert " ".join(shown_help.split()) == help_text
    assert all(len(line) <= width for line in shown_help.split("\n"))


def test_a_short_question_keeps_its_help_on_its_line():
    assert question_lines("Projektets navn:", "(valgfrit)", 80, room=20, spaced=True) == (
        "Projektets navn:",
        "(valgfrit)",
    )


@pytest.mark.parametrize("width", [50, 80])
def test_a_long_menu_question_is_drawn_broken_between_words(terminal, width):
    term = terminal(emulated=True, width=width)
    term.type(DOWN + ENTER)
    choices = [Choice("Ja, erstat filen", True), Choice("Nej, behold den", False)]
    question = LONG_QUESTION.replace("/tmp/rapporter/en-meget-lang-rapport-til-partneren.md", "rapport.md")

    assert select(question, choices, input=term.keys, output=term.prompter.io["output"]) is False

    shown = [line.rstrip() for line in term.shown if line.strip()]
    words = set(question.split())
    helped = t("prompt.refused-select-help").split()  # Esc stops there: the help says so
    for line in shown[: shown.index(next(line for line in shown if "Nej, behold den" in line))]:
        for word in line.replace("?", " ? ").split():
            assert word in words or word in "?()·" or word in helped, (word, shown)


def test_a_text_prompts_help_goes_on_its_own_line_when_typing_would_not_fit(terminal):
    term = terminal(emulated=True, width=80)
    helped = f"  {t('start.ask-reusing-orgs-help')}; {t('prompt.stop-help')}"  # how to stop, after
    seen, typing = while_open(term, helped, "Region Bø Syd, Aarhus" + ENTER)

    typed = ask_text(
        t("start.ask-reusing-orgs"),
        instruction=t("start.ask-reusing-orgs-help"),
        input=term.keys,
        output=term.prompter.io["output"],
    )
    typing.join()

    assert typed == "Region Bø Syd, Aarhus"
    assert seen[0][:2] == [f"? {t('start.ask-reusing-orgs')}", helped]


def test_text_given_to_correct_starts_its_own_line_under_a_help_of_its_own(terminal):
    """Asked again with the refused text, it ran on after the help ('... tilføjes senere Ærø Kommune')."""
    term = terminal(emulated=True, width=80)
    given = "Ærø Kommune, Odence Kommune"
    helped = f"  {t('start.ask-reusing-orgs-help')}; {t('prompt.stop-help')}"
    seen, typing = while_open(term, helped, ENTER, last=given)

    typed = ask_text(
        t("start.ask-reusing-orgs"),
        instruction=t("start.ask-reusing-orgs-help"),
        default=given,
        input=term.keys,
        output=term.prompter.io["output"],
    )
    typing.join()

    assert typed == given
    [screen] = seen
    at = screen.index(f"? {t('start.ask-reusing-orgs')}")
    assert screen[at + 1 : at + 3] == [helped, f"  {given}"]


def test_a_text_prompts_help_follows_its_question_after_one_space(terminal):
    term = terminal(screen=True)
    term.type("12-03-2026" + ENTER)

    ask_text(t("plan.ask-due"), instruction=t("plan.ask-due-help"), **term.prompter.io)

    assert "? Frist? (dd-mm-åååå, valgfrit; Esc eller Ctrl+C stopper)" in term.prompts
    assert "Frist?  (" not in term.prompts


class ReportingTerminal(Vt100_Output):
    """An xterm that answers where its cursor is (as tmux and real terminals do; a pipe does not).

    Told the cursor is on the first row, prompt_toolkit then draws a prompt down to the last row.
    """

    @property
    def responds_to_cpr(self) -> bool:
        return True


CURSOR_AT_TOP = "\x1b[1;1R"  # the terminal's answer to "where is the cursor?": row 1, column 1


def test_why_a_text_is_refused_is_said_right_under_it_not_on_the_last_row():
    stream = io.StringIO()
    output = ReportingTerminal(stream, lambda: Size(rows=24, columns=80), term="xterm")
    seen: list[list[str]] = []

    def when_refused(keys) -> None:
        deadline = time.monotonic() + SYNC_SECONDS
        while time.monotonic() < deadline and not seen:
            screen = rendered(stream.getvalue(), 80, 24)
            if any("er ikke en dato" in line for line in screen):
                seen.append(screen)
            time.sleep(0.01)
        keys.send_text(CURSOR_AT_TOP + CTRL_U + "12-03-2026" + ENTER)  # the answer for the next prompt too
        keys.close()

    with create_pipe_input() as keys, create_app_session(input=keys, output=output):
        keys.send_text(CURSOR_AT_TOP + "31-02-2026" + ENTER)
        typing = threading.Thread(target=when_refused, args=(keys,), daemon=True)
        typing.start()
        due = ask_text(
            t("plan.ask-due"), lambda text: None if text == "12-03-2026" else t("plan.bad-date", value=text)
        )
        typing.join()

    assert due == "12-03-2026"
    [screen] = seen
    at = next(n for n, line in enumerate(screen) if line.startswith("? Frist?"))
    assert "'31-02-2026' er ikke en dato." in screen[at + 1]  # not on the screen's last row


def test_a_text_answer_is_echoed_after_its_question_without_the_help(terminal):
    """The help was for typing: left in the echo, the answer read as part of it ('... senere Ærø')."""
    term = terminal(emulated=True, width=80)
    term.type("Region Bø Syd, Aarhus" + ENTER)

    ask_text(
        t("start.ask-reusing-orgs"),
        instruction=t("start.ask-reusing-orgs-help"),
        input=term.keys,
        output=term.prompter.io["output"],
    )

    shown = [line.rstrip() for line in term.shown if line.strip()]
    assert shown == [f"? {t('start.ask-reusing-orgs')} Region Bø Syd, Aarhus"]


@pytest.mark.parametrize("width", [50, 80])
def test_a_long_chosen_menu_line_is_echoed_broken_between_words(terminal, tjek, width):
    term = terminal(emulated=True, width=width)
    term.type(ENTER)
    title = t("home.action.answer", phase=tjek.name, question=tjek.questions("genbruge")[0].text)
    choices = [Choice(title, "answer"), Choice(t("home.action.quit"), "quit")]

    assert select(t("home.question"), choices, input=term.keys, output=term.prompter.io["output"]) == "answer"

    shown = [line.rstrip() for line in term.shown if line.strip()]
    assert all(len(line) <= width for line in shown), shown
    assert " ".join(shown).split() == f"? {t('home.question')} {title}".split(), shown  # no word cut
    assert shown[0] == f"? {t('home.question')}"  # the answer on lines of its own, under the question


def test_a_short_chosen_menu_line_is_echoed_on_the_questions_line(terminal):
    term = terminal(emulated=True, width=80)
    term.type(DOWN + ENTER)
    choices = [Choice(t("home.quit-no"), False), Choice(t("home.quit-yes"), True)]

    assert select(t("home.quit-question"), choices, input=term.keys, output=term.prompter.io["output"])

    shown = [line.rstrip() for line in term.shown if line.strip()]
    assert shown == [f"? {t('home.quit-question')} {t('home.quit-yes')}"]


def test_a_tab_in_the_field_shows_as_blank_space_and_is_kept():
    """A row pasted from a spreadsheet: on the screen its tabs are room up to the next stop (not '^I');
    the answer keeps them."""
    buffer = io.StringIO()
    output = Vt100_Output(buffer, lambda: Size(rows=ROWS, columns=80), term="xterm")
    screens: list[list[str]] = []
    with create_pipe_input() as keys, create_app_session(input=keys, output=output):
        field = answer_field("Svar:", lambda width: [("class:instruction", "Alt+Enter gemmer")])
        app = field.application

        def drawn(_app):
            if "Antal" in buffer.getvalue() and not screens:
                screens.append(rendered(buffer.getvalue(), 80, ROWS))
                keys.send_text(ESC_ENTER)

        app.after_render += drawn
        keys.send_text(PASTE_START + "Navn\tAntal\r\nHjemmepleje\t12\r\nÆrø\t3" + PASTE_END)
        assert field.unsafe_ask() == "Navn\tAntal\nHjemmepleje\t12\nÆrø\t3"

    screen = "\n".join(screens[0])
    assert "^I" not in screen
    assert "› Svar: Navn    Antal" in screen
    # each tab up to the next stop of 8 in its line of text, as vis and the review show it
    assert "        Hjemmepleje     12" in screen
    assert "        Ærø     3" in screen


def test_a_text_that_could_not_be_saved_is_printed_with_its_tabs_to_copy(term):
    """Pasted back into a spreadsheet, the copied rows must still have their cells."""
    from spredning.core.errors import SpredningError

    problem = SpredningError("store.busy", path="projekt.yaml", lock="projekt.lock")
    text = "Navn\tAntal\nHjemmepleje\t12\t" + "lang " * 30
    term.prompter.steps.save_failed(interview.SaveFailed(asking(term, 1).question, text, problem, False))

    assert f"\n{text}\n" in term.console.file.getvalue()


def test_the_fields_help_is_laid_out_again_when_the_window_gets_narrower():
    """The help above the answer field is asked for at every drawing: a narrower window gets it
    broken between words to its new width, not cut at the edge."""
    columns = [80]
    buffer = io.StringIO()
    output = Vt100_Output(buffer, lambda: Size(rows=ROWS, columns=columns[0]), term="xterm")
    parts = ["Alt+Enter eller Ctrl+S gemmer", "Enter: ny linje", "PgUp: forrige spørgsmål", "Ctrl+C: stop"]
    screens: list[list[str]] = []
    with create_pipe_input() as keys, create_app_session(input=keys, output=output):
        field = answer_field("Svar:", lambda width: [("class:instruction", hint_lines(parts, width))])
        app = field.application

        def narrower_then_type():
            columns[0] = 40
            buffer.seek(0)
            buffer.truncate()  # the screen as a new 40-column window shows it from here on
            keys.send_text("x")  # a keystroke draws the field again, at the new width

        def drawn(_app):
            if columns[0] == 40 and "x" in buffer.getvalue():
                screens.append(rendered(buffer.getvalue(), 40, ROWS))
                keys.send_text(ESC_ENTER)

        app.after_render += drawn
        app.pre_run_callables.append(lambda: app.loop.call_later(0.2, narrower_then_type))
        assert field.unsafe_ask() == "x"

    hint = [line.rstrip() for line in screens[0] if line.strip() and "Svar:" not in line]
    assert hint and all(len(line) <= 40 for line in hint), hint
    assert " · ".join(parts) == " · ".join(line.strip() for line in hint)


@pytest.mark.parametrize(
    "key",
    [CTRL_S, "\x12", CTRL_O, "\x1a", "\x1b[31mRØD\x1b[0m", "\x1b[38;5;208m"],
    ids=["Ctrl+S", "Ctrl+R", "Ctrl+O", "Ctrl+Z", "pasted colour codes", "a pasted 256-colour code"],
)
def test_ctrl_s_ctrl_r_or_ctrl_o_at_a_list_does_nothing(terminal, key):
    term = terminal(screen=True)
    term.type(key + DOWN + ENTER)
    choices = [Choice("Første", 1), Choice("Anden, rød", 2)]  # the text between colour codes searches

    assert select("Hvad vil du nu?", choices, input=term.keys, output=term.prompter.io["output"]) == 2
    assert "search" not in term.prompts
    assert "^Z" not in term.prompts and "\x1a" not in term.prompts  # a trial saw "^Z" after the help


# --- a draft that cannot be written, or that another window wrote ------------------------------------


def full_disk(monkeypatch) -> None:
    """Every file the program writes from now on fails as on a full disk (ENOSPC).

    A text rescued at a stop from outside (stops._rescued) goes in the home folder: the test's own.
    """
    import errno

    from spredning.cli.prompts import stops
    from spredning.core import fileio
    from spredning.core.errors import SpredningError

    def full(path, _content):
        raise SpredningError("files.cannot-save", path=path, reason=fileio.reason(OSError(errno.ENOSPC, "")))

    monkeypatch.setattr(fileio, "atomic_write", full)
    home = Path(os.environ["SPREDNING_HJEM"]).parent / "home"  # in tmp_path, as SPREDNING_HJEM
    home.mkdir(exist_ok=True)
    monkeypatch.setattr(stops, "RESCUE_FOLDERS", (lambda: home,))


LINES = ("Linje et af et langt svar", "linje to", "linje tre")


def test_stopping_on_a_full_disk_prints_a_pasted_table_with_its_tabs(terminal, monkeypatch):
    """The text to copy is printed as typed: pasted back into a spreadsheet, its cells are cells."""
    term = terminal()
    full_disk(monkeypatch)
    term.type(PASTE_START + "\tTom første celle\tC\r\nD\tE\tF" + PASTE_END + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))

    assert "\tTom første celle\tC\nD\tE\tF" in term.console.file.getvalue()


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_stopping_on_a_full_disk_shows_the_whole_text_and_says_it_is_not_saved(terminal, monkeypatch, key):
    term = terminal(emulated=True)
    full_disk(monkeypatch)
    term.type(ENTER.join(LINES) + key)

    with pytest.raises(KeyboardInterrupt if key == CTRL_C else EOFError):
        term.prompter.ask(asking(term, 2))

    left = after_question(term.shown, "[2/14]")
    assert not any("(kladde – ikke gemt som svar)" in line for line in left)  # no draft claimed
    said = one_line(" ".join(left))
    assert "(disken er fuld)" in said and "kunne ikke gemmes som kladde, så den er IKKE gemt" in said
    assert [line for line in left if line in LINES] == list(LINES)  # every line, to copy
    assert drafts(term.session.ws, term.slug) == {}


def test_fase_stopped_on_a_full_disk_prints_the_whole_text_and_says_it_is_not_saved(
    fase_in_terminal, ws, monkeypatch
):
    slug = new_project(ws)
    full_disk(monkeypatch)

    code, out, err = fase_in_terminal(ENTER.join(LINES) + CTRL_C, "tjek")

    assert code == 130
    assert all(line in out.splitlines() for line in LINES)
    # kept in a file of its own (the home folder): said so at the end too, as it is above (a trial
    # read "også gemt i filen …", then "IKKE gemt … den står ovenfor", and the file left unsaid)
    assert "Teksten fra feltet er også gemt i filen" in one_line(out)
    said = one_line(err)
    assert "Teksten i feltet er IKKE gemt i projektet, heller ikke som kladde; den står ovenfor og i" in said
    assert "gemt som kladde og står klar" not in one_line(out + err)
    assert drafts(ws, slug) == {}


def test_a_failing_autosave_is_said_in_the_field_and_typing_goes_on(terminal, monkeypatch):
    term = terminal(screen=True)
    full_disk(monkeypatch)
    said = "Kladden kan ikke gemmes automatisk: Kunne ikke gemme"
    term.keys.send_text("skrevet")
    typing = term.type_when(lambda: said in one_line(term.prompts), " videre" + ESC_ENTER)

    reply = term.prompter.ask(asking(term, 2))
    typing.join()

    assert reply == Save("skrevet videre")  # the field took every key
    drawn = one_line(term.prompts)
    assert said in drawn and "(disken er fuld). Stopper du, vises hele teksten" in drawn


def test_a_failed_save_is_said_again_in_the_field_that_comes_back_with_the_text(terminal, monkeypatch):
    """A tall answer pushes the error printed above out of sight: the field's status line says it too."""
    term = terminal(screen=True)
    machine = Interview(term.session.ws.guide.find_phase("tjek"), term.session.role, term.session)
    first = machine.step()
    full_disk(monkeypatch)
    term.keys.send_text(ENTER.join(f"linje {n}" for n in range(60)) + ESC_ENTER)
    machine.reply(term.prompter.handle(first))
    failed = machine.step()
    assert isinstance(failed, interview.SaveFailed)
    term.prompter.handle(failed)
    machine.reply(None)
    said = "Svaret er ikke gemt: Kunne ikke gemme"
    monkeypatch.undo()  # the problem is solved: saving again works
    typing = term.type_when(lambda: said in one_line(term.prompts), ESC_ENTER)

    reply = term.prompter.handle(machine.step())
    typing.join()
    assert reply == Save(ENTER.join(f"linje {n}" for n in range(60)).replace(ENTER, "\n"))
    drawn = one_line(term.prompts)
    assert "(disken er fuld). Gem igen, når problemet er løst." in drawn
    assert term.prompter.failed_save is None  # said in that field only, not in the next question's


def test_text_neither_saved_nor_kept_is_not_headed_as_a_draft(term, monkeypatch):
    """After a failed save on a full disk the field holds the text; it is said to be unsaved, not a draft."""
    machine = Interview(term.session.ws.guide.find_phase("tjek"), term.session.role, term.session)
    first = machine.step()
    full_disk(monkeypatch)
    term.keys.send_text("Et svar, der ikke må gå tabt" + ESC_ENTER)
    machine.reply(term.prompter.handle(first))
    failed = machine.step()
    assert isinstance(failed, interview.SaveFailed) and not failed.kept
    term.prompter.handle(failed)
    machine.reply(None)
    again = machine.step()
    term.type(ENTER + "og mere" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.handle(again)

    shown = one_line(term.printed.split("[1/14]")[-1])
    assert "Teksten i feltet er ikke gemt, hverken som svar eller som kladde." in shown
    assert "Du har en kladde" not in shown
    assert "IKKE gemt. Her er den hele, så du kan kopiere den: Et svar, der ikke må gå tabt og mere" in shown
    # in a file too (found in stop 49's trial: a window closed after Ctrl+C lost it), said where
    from spredning.cli.prompts import stops

    (home,) = (where() for where in stops.RESCUE_FOLDERS)
    [rescued] = home.glob("spredning-tekst-*.txt")
    assert f"Teksten fra feltet er også gemt i filen {rescued}, så den ikke går tabt." in shown
    content = rescued.read_text(encoding="utf-8")
    assert content.endswith("\n\nEt svar, der ikke må gå tabt\nog mere\n"), content
    assert content.startswith("Teksten, du skrev som svar på »Er løsningen umiddelbart interessant"), content


@pytest.mark.parametrize("home_takes_it", [True, False])
def test_a_stop_from_outside_on_a_full_disk_says_the_text_is_not_kept_and_shows_it(
    term, exits, monkeypatch, capfd, home_takes_it
):
    import signal

    from spredning.cli.prompts import stops

    full_disk(monkeypatch)
    (home,) = (where() for where in stops.RESCUE_FOLDERS)
    if not home_takes_it:  # the home folder (and the temporary folder) cannot take it either
        monkeypatch.setattr(stops, "RESCUE_FOLDERS", (lambda: home / "findes-ikke",))

    def stop_while_typing():
        while not exits._Stop.waiting:
            time.sleep(0.01)
        term.keys.send_text(ENTER.join(LINES))
        time.sleep(0.2)  # how long the field has to take the keys, not an assertion
        os.kill(os.getpid(), signal.SIGTERM)

    typing = threading.Thread(target=stop_while_typing)
    with pytest.raises(Ended), term.prompter.stop_signals_kept():
        typing.start()
        term.prompter.handle(asking(term, 1))
    typing.join()

    err = capfd.readouterr().err
    assert "Intet af det, du har skrevet, er tabt" not in err
    assert "\n".join(LINES) in err  # whole, line by line, to copy (if the terminal is there)
    assert drafts(term.session.ws, term.slug) == {}
    rescued = list(home.glob("spredning-tekst-*.txt"))
    if home_takes_it:
        [content] = [path.read_text(encoding="utf-8") for path in rescued]
        about, text = content.split("\n\n", 1)
        assert text == "\n".join(LINES) + "\n"
        assert about.startswith("Teksten, du skrev som svar på »") and "i projektet '" in about, about
        assert "kunne ikke gemmes som kladde: Kunne ikke gemme" in one_line(err)
        assert f"Den er i stedet gemt i filen {rescued[0]}" in one_line(err)
    else:
        assert rescued == []
        assert "kunne IKKE gemmes, heller ikke som kladde" in one_line(err)


def test_a_draft_another_window_wrote_meanwhile_is_kept_with_this_windows_text(terminal):
    term = terminal(screen=True)
    step = asking(term, 2)  # the field opens with no draft
    other = session(term.session.ws, term.slug)
    other.draft(step.question, offered=True)
    other.keep_draft(step.question, "Det andet vindues tekst")  # then another window keeps one
    said = "Et andet vindue har en anden kladde til dette spørgsmål"
    term.keys.send_text("Dette vindues")
    typing = term.type_when(lambda: said in one_line(term.prompts), " tekst" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(step)
    typing.join()

    assert drafts(term.session.ws, term.slug) == {
        draft_key(term.session.ws, term.slug, Q2): "Det andet vindues tekst\n\nDette vindues tekst"
    }
    assert said in one_line(term.prompts)  # while typing: the field's status line


def test_fase_stopped_at_the_saved_meanwhile_choice_says_the_text_is_kept(fase_in_terminal, ws, monkeypatch):
    slug = new_project(ws)
    record = Session.record

    def saved_elsewhere_first(self, question, content, expected, keep=""):
        monkeypatch.setattr(Session, "record", record)
        session(ws, slug).record(question, Answer("fra et andet vindue"), None)
        return record(self, question, content, expected, keep)

    monkeypatch.setattr(Session, "record", saved_elsewhere_first)

    code, out, err = fase_in_terminal("mit svar" + ESC_ENTER + CTRL_C, "tjek")

    assert code == 130
    assert "Svaret er blevet ændret et andet sted" in one_line(out)
    assert "Teksten i feltet er gemt som kladde" in one_line(err)
    assert drafts(ws, slug) == {draft_key(ws, slug, Q1): "mit svar"}


def test_going_back_on_a_full_disk_keeps_the_text_in_the_field_and_shows_it_whole(terminal, monkeypatch):
    term = terminal(emulated=True)
    full_disk(monkeypatch)
    term.type(ENTER.join(LINES) + PGUP + CTRL_C)

    with pytest.raises(KeyboardInterrupt):  # PgUp did not leave: the field came again, with the text
        term.prompter.ask(asking(term, 2))

    assert term.prompter.typed() == "\n".join(LINES)
    left = after_question(term.shown, "[2/14]")
    assert not any("(kladde – ikke gemt som svar)" in line for line in left)
    assert [line for line in left if line in LINES] == list(LINES) * 2  # after PgUp, and after Ctrl+C
    assert drafts(term.session.ws, term.slug) == {}


def test_the_interview_asks_again_when_text_left_by_going_back_cannot_be_kept(term, monkeypatch):
    from spredning.core.errors import SpredningError

    machine = Interview(term.session.ws.guide.find_phase("tjek"), term.session.role, term.session)
    machine.reply(Save("svar 1"))
    second = machine.step()

    def fails(*_args, **_kwargs):
        raise SpredningError("store.busy", path="projekt.yaml", lock="projekt.lock")

    monkeypatch.setattr(term.session, "keep_draft", fails)
    machine.reply(Back("halvt skrevet"))

    failed = machine.step()
    assert isinstance(failed, interview.SaveFailed) and not failed.kept and failed.text == "halvt skrevet"
    machine.reply(None)
    again = machine.step()
    assert again.question == second.question and again.draft == "halvt skrevet" and again.unsaved


def test_going_back_with_nothing_new_on_a_full_disk_just_goes_back(term, monkeypatch):
    machine = Interview(term.session.ws.guide.find_phase("tjek"), term.session.role, term.session)
    machine.reply(Save("svar 1"))
    second = machine.step()
    term.session.keep_draft(second.question, "gammel kladde")  # kept while typing, then emptied
    full_disk(monkeypatch)

    machine.reply(Back("   "))  # removing the old draft fails: nothing typed is lost by going back

    back = machine.step()
    assert isinstance(back, Ask) and back.question.id == Q1
    assert drafts(term.session.ws, term.slug) == {draft_key(term.session.ws, term.slug, Q2): "gammel kladde"}


def test_fase_stopped_with_another_windows_draft_says_both_texts_are_kept(fase_in_terminal, ws, monkeypatch):
    slug = new_project(ws)
    offer = Session.draft

    def offered_then_written_elsewhere(self, question, offered=False):
        text = offer(self, question, offered)
        if offered:  # the field opens; then another window keeps its own text for the question
            monkeypatch.setattr(Session, "draft", offer)
            elsewhere = session(ws, slug)
            elsewhere.draft(question, offered=True)
            elsewhere.keep_draft(question, "fra det andet vindue")
        return text

    monkeypatch.setattr(Session, "draft", offered_then_written_elsewhere)

    code, _, err = fase_in_terminal("mit svar" + CTRL_C, "tjek", "--fortsæt")

    assert code == 130
    assert "gemt som kladde sammen med en anden kladde til samme spørgsmål" in one_line(err)
    assert drafts(ws, slug) == {draft_key(ws, slug, Q1): "fra det andet vindue\n\nmit svar"}


def test_a_draft_that_holds_two_windows_texts_says_so_when_offered(fase_in_terminal, ws):
    slug = new_project(ws)
    question = ws.guide.locate(Q1)[2]
    one, other = session(ws, slug), session(ws, slug)
    one.keep_draft(question, "fra det ene vindue")
    other.keep_draft(question, "fra det andet vindue")  # joined after it, as when both were open

    code, out, _ = fase_in_terminal(CTRL_C, "tjek", "--fortsæt")

    assert code == 130
    assert "Du har en kladde til dette spørgsmål" in one_line(out)
    assert "Kladden rummer tekst fra to vinduer" in one_line(out)


def test_text_rescued_at_a_stop_goes_in_a_new_file_and_never_over_one(monkeypatch, tmp_path):
    from spredning.cli.prompts import stops

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()

    first, second = stops._rescued("første tekst"), stops._rescued("anden tekst\nlinje to")

    assert first is not None and second is not None and first != second
    assert first.parent == second.parent == tmp_path / "home"
    assert first.name.startswith("spredning-tekst-") and first.suffix == ".txt"
    assert first.read_text(encoding="utf-8") == "første tekst\n"
    assert second.read_text(encoding="utf-8") == "anden tekst\nlinje to\n"
    assert first.stat().st_mode & 0o077 == 0  # only the user reads it


def test_text_rescued_where_the_home_folder_takes_nothing_goes_in_the_next_folder(monkeypatch, tmp_path):
    from spredning.cli.prompts import stops

    monkeypatch.setattr(stops, "RESCUE_FOLDERS", (lambda: tmp_path / "findes-ikke", lambda: tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    kept = stops._rescued("teksten")

    assert kept is not None and kept.parent == tmp_path / "tmp"
    assert kept.read_text(encoding="utf-8") == "teksten\n"


def test_the_terminal_settings_of_a_stdin_that_is_no_terminal_are_none(monkeypatch, tmp_path):
    """A prompt reached with stdin a pipe or a file: tcgetattr raises termios.error, which is no OSError."""
    from spredning.cli.prompts import stops

    with open(tmp_path / "ind.txt", "w+", encoding="utf-8") as not_a_terminal:
        monkeypatch.setattr("sys.stdin", not_a_terminal)
        assert stops._terminal_settings() is None


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="Debian's editor commands")
@pytest.mark.parametrize("selected", [False, True])
def test_without_visual_or_editor_sensible_editor_is_used_only_once_an_editor_is_selected(
    tmp_path, monkeypatch, selected
):
    """Without ~/.selected_editor, sensible-editor first asks in English (select-editor) and offers vim:
    the system's own 'editor' is taken instead. Once the user has chosen, their choice is honoured."""
    from spredning.cli import editor

    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("sensible-editor", "editor", "nano"):
        stub_editor(folder, "exit 0\n")
        (folder / "stub-editor").rename(folder / name)
    home = tmp_path / "brugerens-hjem"
    home.mkdir()
    if selected:
        (home / ".selected_editor").write_text("SELECTED_EDITOR=/bin/nano\n", encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PATH", str(folder))

    assert editor.editor_command() == [str(folder / ("sensible-editor" if selected else "editor"))]


@pytest.mark.parametrize(
    ("language", "said"), [("da", "fortryd i dette spørgsmål"), ("en", "undo in this question")]
)
@pytest.mark.parametrize("width", [60, 80])
def test_the_key_hint_says_undo_ends_with_the_question(terminal, language, said, width):
    """polish8: Ctrl+Z's undo ends when the interview goes to another question; the help now says so."""
    from spredning import i18n

    i18n.set_language(language)  # set back after the test (conftest)
    term = terminal(screen=True, width=width)
    term.type(ESC_ENTER)
    term.prompter.ask(asking(term, 1))

    assert any(f"Ctrl+Z: {said} (Ctrl+Y:" in line for line in term.prompts.splitlines()), term.prompts


def test_the_other_sides_phase_answered_here_points_to_its_next_open_phase(fase_in_terminal, ws):
    new_project(ws)  # this computer reuses; the sharing side's questions answered here (--rolle dele)

    code, out, err = fase_in_terminal(
        "Kommunens netværk" + ESC_ENTER + ENTER + ENTER, "tilpas", "--rolle", "dele"
    )

    assert code == 0, err
    assert "Næste skridt: spredning fase tjek --rolle dele" in one_line(out)  # Tjek is open on their side
    assert "Alle jeres faser er besvaret" not in out  # not ours: not one of them is answered


def test_the_other_sides_last_phase_answered_here_says_their_side_is_done(fase_in_terminal, ws):
    phases = [p for p in ws.guide.phases if p.id != "tilpas"]
    new_project(ws, answers={q.id: "svar" for p in phases for q in p.questions("dele")})

    code, out, err = fase_in_terminal(
        "Kommunens netværk" + ESC_ENTER + ENTER + ENTER, "tilpas", "--rolle", "dele"
    )

    assert code == 0, err
    assert f"Alle faser på {SHARING_ORG}s side er besvaret. Se det hele med 'spredning vis'." in one_line(out)
    assert "Alle jeres faser" not in out and "Næste skridt" not in out


@pytest.mark.parametrize(
    ("marked", "said"),
    [(False, "Det gemte svar står, som det stod."), (True, "Markeringen står, som den stod.")],
)
def test_no_at_confirm_delete_says_what_is_saved_stays(terminal, marked, said):
    """Found in a trial: after Esc at "Svaret er tomt …", the emptied field stood on the screen with
    no word that the saved answer was kept."""
    term = terminal(screen=True)
    term.type("\x1b" + ENTER)

    step = interview.ConfirmDelete(asking(term, 1).question, marked=marked)
    assert term.prompter.steps.confirm_delete(step) is False
    assert said in one_line(term.printed)
