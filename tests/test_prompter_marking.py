"""What a new user's trial of the interview found: the "not relevant" mark, its reason and Ctrl+P.

The real prompts, driven by keystrokes through a pipe (see test_prompter.py, whose fixtures these
tests use); what counts is the state file's drafts, the project file's answers and what is shown.

- A question marked "not relevant" shows the reason given when it is asked again.
- Ctrl+N with an answer draft in the field: the draft stays an answer draft, whatever happens in
  the reason field (Enter, Esc/PgUp/Ctrl+B back, Ctrl+C, Ctrl+D); the reason field starts with
  the reason given before (or one typed beside the draft), else empty; nothing typed is lost.
- Ctrl+P when the other side has answered nothing in the tool says so.
"""

from __future__ import annotations

import contextlib
import io

import pytest
import yaml
from projectkit import NOT_RELEVANT, SHARING_ORG, draft_key, drafts, new_project, saved, session
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from test_prompter import (
    CTRL_B,
    CTRL_C,
    CTRL_D,
    CTRL_N,
    CTRL_P,
    CTRL_U,
    DOWN,
    ENTER,
    ESC_ENTER,
    PGUP,
    Q1,
    Q2,
    WHO,
    Terminal,
    after_question,
    asking,
    one_line,
    run_interview,
    term,
    terminal,
)

from spredning.app.answering import Session
from spredning.cli.prompter import InterviewPrompter
from spredning.core.interview import NotRelevant, Save
from spredning.core.model import Answer

__all__ = ["term", "terminal"]  # fixtures, used by name

ESC = "\x1b"
IS_REASON = "Kladden er en begrundelse for, at spørgsmålet ikke er relevant"
BESIDE = "Du har også skrevet en begrundelse for, at spørgsmålet ikke er relevant, som ikke er gemt."


def state_of(term: Terminal) -> dict:
    path = term.session.ws.store.home / ".spredning" / f"{term.slug}.yaml"
    return yaml.safe_load(path.read_text())


def draft_in_file(term: Terminal, question_id: str) -> str | None:
    return drafts(term.session.ws, term.slug).get(draft_key(term.session.ws, term.slug, question_id))


def reason_beside(term: Terminal, question_id: str) -> str | None:
    return state_of(term).get("begrundelser", {}).get(draft_key(term.session.ws, term.slug, question_id))


def next_run(term: Terminal, keys: str, number: int):
    """A new run on the same project (a new session and prompter), asking question `number`."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        console = Console(file=io.StringIO(), width=80)
        later = session(term.session.ws, term.slug)
        prompter = InterviewPrompter(console, later, WHO, input=pipe, output=DummyOutput())
        again = Terminal(pipe, console, prompter, later, term.slug)
        again.type(keys)
        try:
            reply = prompter.ask(asking(again, number))
        except (KeyboardInterrupt, EOFError) as stop:
            reply = stop
    return reply, one_line(console.file.getvalue())


# --- 1. a question marked "not relevant" shows the reason given ----------------------------------------


def test_going_back_to_a_marked_question_shows_the_reason_given(term):
    term.type(CTRL_N + "Vi har ikke behovet" + ENTER, PGUP, CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        run_interview(term)

    again = one_line(term.printed).split("[1/14]")[-1]  # the first question, asked again after PgUp
    assert "Spørgsmålet er markeret som ikke relevant." in again
    assert "Jeres begrundelse: Vi har ikke behovet" in again


def test_the_reason_given_stands_above_the_field_on_its_own_line(terminal):
    term = terminal(answers={Q2: Answer("Vi har det allerede", not_relevant=True)}, emulated=True)
    term.type("nyt svar" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 2)) == Save("nyt svar")
    assert after_question(term.shown, "[2/14]") == [
        "Spørgsmålet er markeret som ikke relevant. Skriv et svar for at ændre det.",
        "Jeres begrundelse: Vi har det allerede",
        "› Svar: nyt svar",
    ]


# --- 2. an answer draft stays an answer draft when the question is marked ---------------------------------


@pytest.mark.parametrize(("key", "stop"), [(CTRL_C, KeyboardInterrupt), (CTRL_D, EOFError)])
def test_a_stop_in_the_reason_field_keeps_the_answer_draft_as_an_answer(term, key, stop):
    term.type("mit svar" + CTRL_N + "passer ikke" + key)

    with pytest.raises(stop):
        term.prompter.ask(asking(term, 2))

    assert draft_in_file(term, Q2) == "mit svar"
    assert reason_beside(term, Q2) == "passer ikke"
    assert "begrundelse-kladder" not in state_of(term)  # the draft is not marked as a reason

    reply, shown = next_run(term, ESC_ENTER, 2)  # the next time: the answer draft, as an answer

    assert reply == Save("mit svar")
    assert IS_REASON not in shown
    assert BESIDE in shown and "Grund: passer ikke" in shown


def test_the_reason_field_starts_empty_beside_an_answer_draft(term):
    term.type("mit svar" + CTRL_N + ENTER)

    assert term.prompter.ask(asking(term, 2)) == NotRelevant("", "mit svar")


def test_a_stop_at_once_in_the_reason_field_leaves_the_answer_draft_as_it_was(term):
    term.type("mit svar" + CTRL_N + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))

    assert draft_in_file(term, Q2) == "mit svar"
    assert reason_beside(term, Q2) is None
    assert term.prompter.left is not None  # 'spredning fase' says the draft is kept
    reply, shown = next_run(term, ESC_ENTER, 2)
    assert reply == Save("mit svar") and IS_REASON not in shown


def test_the_reason_kept_beside_comes_back_in_the_reason_field(term):
    term.type("mit svar" + CTRL_N + "passer ikke" + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))

    reply, _ = next_run(term, CTRL_N + ENTER, 2)

    assert reply == NotRelevant("passer ikke", "mit svar")


@pytest.mark.parametrize("key", [ESC, PGUP, CTRL_B])
def test_leaving_the_reason_field_goes_back_to_the_answer_draft(term, key):
    term.type("mit svar" + CTRL_N + "passer ikke" + key + ", rettet" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 2)) == Save("mit svar, rettet")


def test_leaving_the_reason_field_keeps_the_reason_for_the_next_ctrl_n(term):
    term.type("mit svar" + CTRL_N + "passer ikke" + PGUP + CTRL_N + " hos os" + ENTER)

    assert term.prompter.ask(asking(term, 2)) == NotRelevant("passer ikke hos os", "mit svar")


def test_leaving_the_reason_field_and_stopping_keeps_both_texts(term):
    term.type("mit svar" + CTRL_N + "passer ikke" + PGUP + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))

    assert draft_in_file(term, Q2) == "mit svar"
    assert reason_beside(term, Q2) == "passer ikke"


def test_leaving_the_reason_field_of_an_empty_answer_keeps_the_reason_apart(term):
    term.type(CTRL_N + "passer ikke" + PGUP + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))

    assert draft_in_file(term, Q2) is None  # the answer field is empty, as it was left
    assert reason_beside(term, Q2) == "passer ikke"
    reply, _ = next_run(term, CTRL_N + ENTER, 2)
    assert reply == NotRelevant("passer ikke")


def test_the_mark_saved_keeps_the_answer_draft_and_drops_the_reason_beside(term):
    term.type("mit svar" + CTRL_N + "passer ikke" + ENTER, CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        run_interview(term)

    assert saved(term.session.ws, term.slug)[Q1] == (NOT_RELEVANT, "passer ikke")
    assert draft_in_file(term, Q1) == "mit svar"  # an answer draft, kept
    assert reason_beside(term, Q1) is None
    assert "begrundelse-kladder" not in state_of(term)
    assert "› (kladde – ikke gemt som svar) mit svar" in one_line(term.printed)


def test_the_mark_given_with_the_answer_drafts_text_keeps_no_draft(term):
    term.type("passer ikke" + CTRL_N + "passer ikke" + ENTER, CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        run_interview(term)

    assert saved(term.session.ws, term.slug)[Q1] == (NOT_RELEVANT, "passer ikke")
    assert draft_in_file(term, Q1) is None


def test_the_same_mark_again_keeps_the_answer_draft(terminal):
    term = terminal(answers={Q1: Answer("passer ikke", not_relevant=True)})
    # review all (the phase has an answer), then Ctrl+N: the reason field starts with the reason given
    term.type(DOWN + ENTER, "mit svar" + CTRL_N + ENTER, CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        run_interview(term)

    assert saved(term.session.ws, term.slug)[Q1] == (NOT_RELEVANT, "passer ikke")
    assert draft_in_file(term, Q1) == "mit svar"


# --- 3. Ctrl+P when the other side has answered nothing -------------------------------------------------


def test_ctrl_p_without_the_partners_answers_says_they_have_not_answered(term):
    term.type(CTRL_P + "svar" + ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("svar")
    assert f"{SHARING_ORG} har ikke svaret på spørgsmålene i dette værktøj endnu." in one_line(term.printed)


def test_ctrl_p_on_the_sharing_side_names_the_partner(terminal):
    term = terminal(role="dele")
    term.type(CTRL_P + ESC_ENTER)

    term.prompter.ask(asking(term, 1))

    assert "Ærø Kommune har ikke svaret på spørgsmålene i dette værktøj endnu." in one_line(term.printed)


def test_ctrl_p_answering_for_several_partners_names_them_all(ws):
    slug = new_project(ws, role="dele", partners=("Ærø Kommune", "Samsø Kommune"))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        console = Console(file=io.StringIO(), width=120)
        common = Session(ws, slug, "dele", None)  # answering once for every partner
        prompter = InterviewPrompter(console, common, SHARING_ORG, input=pipe, output=DummyOutput())
        term = Terminal(pipe, console, prompter, common, slug)
        term.type(CTRL_P + ESC_ENTER)

        prompter.ask(asking(term, 1))

    assert (
        "Ingen af de genbrugende organisationer (Ærø Kommune og Samsø Kommune) har svaret på spørgsmålene"
        " i dette værktøj endnu." in one_line(console.file.getvalue())
    )


# --- 4. two windows adding lines under the same saved answer: the answer stands once ---------------------

ORIGINAL = "Borgerne træner selv derhjemme."


def window_at(term: Terminal, pipe, number: int):
    """Another window on the same project (its own session and prompter), with question `number` open."""
    console = Console(file=io.StringIO(), width=80)
    other = session(term.session.ws, term.slug)
    prompter = InterviewPrompter(console, other, WHO, input=pipe, output=DummyOutput())
    window = Terminal(pipe, console, prompter, other, term.slug)
    return window, asking(window, number)  # the field is shown: the saved answer is in it


@pytest.mark.parametrize("key", [CTRL_C, PGUP])
def test_two_windows_adding_lines_under_one_answer_keep_it_once(terminal, key):
    term = terminal(answers={Q2: ORIGINAL})
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        other, step_b = window_at(term, pipe, 2)
        step_a = asking(term, 2)  # both windows show the saved answer
        term.type(ENTER + "Tilføjet i vindue A" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            term.prompter.ask(step_a)
        other.type(ENTER + "Tilføjet i vindue B" + key)
        with pytest.raises(KeyboardInterrupt) if key == CTRL_C else contextlib.nullcontext():
            other.prompter.ask(step_b)

    assert draft_in_file(term, Q2) == ORIGINAL + "\nTilføjet i vindue A\n\nTilføjet i vindue B"
    assert saved(term.session.ws, term.slug)[Q2] == ORIGINAL


def test_two_windows_that_changed_the_answer_itself_keep_both_texts_whole(terminal):
    term = terminal(answers={Q2: ORIGINAL})
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        other, step_b = window_at(term, pipe, 2)
        step_a = asking(term, 2)
        term.type(" Hver uge." + CTRL_C)  # A changed the answer's own line
        with pytest.raises(KeyboardInterrupt):
            term.prompter.ask(step_a)
        other.type(ENTER + "Tilføjet i vindue B" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            other.prompter.ask(step_b)

    # no line-by-line guess: both texts whole, one after the other
    assert draft_in_file(term, Q2) == ORIGINAL + " Hver uge.\n\n" + ORIGINAL + "\nTilføjet i vindue B"


def test_two_windows_texts_joined_in_a_draft_have_exactly_one_empty_line_between(terminal):
    """The draft "D" open in two windows. A adds a line (End, Enter: its first autosave keeps "D" and
    the line break), B changes "D" (Ctrl+Home, "RETTET "): B's part replaced A's, the line break left at
    its end, so A's text joined after it stood two empty lines down, though the words say one. Window
    A1 is A's autosave after Enter, A2 the same window's text at Ctrl+C (each window here runs in turn)."""
    end, ctrl_home = "\x1b[F", "\x1b[1;5H"
    term = terminal()
    term.session.keep_draft(asking(term, 2).question, "D")
    with create_pipe_input() as pipe, create_pipe_input() as pipe2:
        with create_app_session(input=pipe2, output=DummyOutput()):
            later, step_a2 = window_at(term, pipe2, 2)
        with create_app_session(input=pipe, output=DummyOutput()):
            other, step_b = window_at(term, pipe, 2)
            step_a1 = asking(term, 2)  # all show the draft "D"
            term.type(end + ENTER + CTRL_C)
            with pytest.raises(KeyboardInterrupt):
                term.prompter.ask(step_a1)
            other.type(ctrl_home + "RETTET " + CTRL_C)
            with pytest.raises(KeyboardInterrupt):
                other.prompter.ask(step_b)
        with create_app_session(input=pipe2, output=DummyOutput()):
            later.type(end + ENTER + "Fra A" + CTRL_C)
            with pytest.raises(KeyboardInterrupt):
                later.prompter.ask(step_a2)

    assert draft_in_file(term, Q2) == "RETTET D\n\nD\nFra A"


# --- 5. two windows at one question: an answer draft held back is kept when Ctrl+N closes the field ------


def test_an_answer_draft_held_back_while_typing_is_kept_when_ctrl_n_closes_the_field(term):
    """B's answer draft waits while A's is there (held back while typing); Ctrl+N closes B's answer
    field, and a stop in the reason field keeps it, after A's draft."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        other, step_b = window_at(term, pipe, 2)
        step_a = asking(term, 2)
        term.type("svar fra A" + CTRL_N + "grund fra A" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            term.prompter.ask(step_a)
        other.type("svar fra B" + CTRL_N + CTRL_U + "grund fra B" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            other.prompter.ask(step_b)

    assert draft_in_file(term, Q2) == "svar fra A\n\nsvar fra B"
    # B's reason field started with A's reason, kept by then (as a draft is offered): B replaced it
    assert reason_beside(term, Q2) == "grund fra B"
    assert "Kladden rummer tekst fra to vinduer" in next_run(term, CTRL_C, 2)[1]


# --- 6. two windows typing a reason for one question: both windows' reasons are kept ---------------------


def test_a_reason_moved_beside_the_draft_in_another_window_keeps_the_first_windows_reason(term):
    """Both windows have the question open; A keeps an answer draft and a reason beside it. B, which
    has not seen them, marks the question with its own reason and goes back (Esc): the reason moves
    beside the answer draft, after A's."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        other, step_b = window_at(term, pipe, 2)
        step_a = asking(term, 2)  # both windows show the question, without a draft
        term.type("svar fra A" + CTRL_N + "grund fra A" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            term.prompter.ask(step_a)
        other.type(CTRL_N + "grund fra B" + ESC + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            other.prompter.ask(step_b)

    assert reason_beside(term, Q2) == "grund fra A\n\ngrund fra B"
    assert draft_in_file(term, Q2) == "svar fra A"
    assert "begrundelse-kladder" not in state_of(term)  # the answer draft stays an answer draft
    reply, shown = next_run(term, CTRL_N + ENTER, 2)  # the next time: both reasons in the reason field
    assert "Grund: grund fra A grund fra B" in shown
    assert reply == NotRelevant("grund fra A\n\ngrund fra B", "svar fra A")


# --- 7. each text stays its kind: a reason beside another window's answer draft, never inside it ----------


def test_a_reason_typed_beside_another_windows_answer_draft_stays_a_reason(term):
    """Both windows have the question open without a draft; A keeps an answer draft. B marks the
    question and stops in the reason field: B's reason is kept beside A's answer draft, which stays
    A's answer (not a reason, not joined)."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        other, step_b = window_at(term, pipe, 2)
        step_a = asking(term, 2)
        term.type("svar fra A" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            term.prompter.ask(step_a)
        other.type(CTRL_N + "grund fra B" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            other.prompter.ask(step_b)

    assert draft_in_file(term, Q2) == "svar fra A"
    assert reason_beside(term, Q2) == "grund fra B"
    assert "begrundelse-kladder" not in state_of(term) and "samlede-kladder" not in state_of(term)
    assert "› (begrundelse – ikke gemt) grund fra B" in one_line(other.printed)
    reply, shown = next_run(term, CTRL_N + ENTER, 2)  # the next time: A's answer draft, B's reason
    assert IS_REASON not in shown and BESIDE in shown
    assert reply == NotRelevant("grund fra B", "svar fra A")


def test_an_answer_typed_where_another_window_kept_a_reason_draft_keeps_the_reason_a_reason(term):
    """Both windows have the question open without a draft; B stops in the reason field (a reason
    draft). A, which has not seen it, types an answer and stops: the reason is kept beside A's answer
    draft and still said to be a reason."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        other, step_b = window_at(term, pipe, 2)
        step_a = asking(term, 2)
        other.type(CTRL_N + "grund fra B" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            other.prompter.ask(step_b)
        term.type("svar fra A" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            term.prompter.ask(step_a)

    assert draft_in_file(term, Q2) == "svar fra A"
    assert reason_beside(term, Q2) == "grund fra B"
    assert "begrundelse-kladder" not in state_of(term) and "samlede-kladder" not in state_of(term)
    reply, shown = next_run(term, ESC_ENTER, 2)  # the next time: A's answer draft, saved as the answer
    assert IS_REASON not in shown and BESIDE in shown and "Grund: grund fra B" in shown
    assert reply == Save("svar fra A")


def test_a_reason_kept_beside_with_no_answer_draft_is_edited_where_it_is(term):
    """A reason kept beside an answer draft that is gone since (saved as the answer): Ctrl+N starts
    with it, and a stop keeps the reason changed there, not a second copy as a reason draft."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        other, step_b = window_at(term, pipe, 2)
        step_a = asking(term, 2)
        term.type("svar fra A" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            term.prompter.ask(step_a)
        other.type(CTRL_N + "grund fra B" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            other.prompter.ask(step_b)
    a = session(term.session.ws, term.slug)  # A's answer draft saved as the answer: B's reason stays
    question = asking(term, 2).question
    a.draft(question, offered=True)
    assert a.record(question, Answer("svar fra A"), None) is None
    assert (draft_in_file(term, Q2), reason_beside(term, Q2)) == (None, "grund fra B")

    reply, shown = next_run(term, CTRL_N + DOWN + ENTER + " og mere" + CTRL_C, 2)

    assert isinstance(reply, KeyboardInterrupt)
    assert BESIDE in shown  # said above the field, as it was kept
    assert draft_in_file(term, Q2) is None
    assert reason_beside(term, Q2) == "grund fra B og mere"


def test_a_reason_beside_another_windows_answer_draft_left_with_esc_is_kept_there_once(term):
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        other, step_b = window_at(term, pipe, 2)
        step_a = asking(term, 2)
        term.type("svar fra A" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            term.prompter.ask(step_a)
        other.type(CTRL_N + "grund fra B" + ESC + CTRL_N + " og mere" + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            other.prompter.ask(step_b)

    assert draft_in_file(term, Q2) == "svar fra A"
    assert reason_beside(term, Q2) == "grund fra B og mere"  # Ctrl+N started with it again, beside
    assert "begrundelse-kladder" not in state_of(term)


# --- a reason kept beside a saved answer (its answer draft saved since): seen, and let go on purpose ----


def kept_beside_a_saved_answer(terminal):
    """Q1 answered, with a reason typed beside its answer draft before that draft was saved."""
    term = terminal(answers={Q1: "gemt svar"}, screen=True)
    question = term.session.ws.guide.locate(Q1)[2]
    term.session.reason_beside(question, offered=True)
    term.session.keep_reason(question, "passer ikke")
    return term


def test_a_reason_kept_beside_a_saved_answer_can_be_let_go_and_the_answer_stays(terminal):
    term = kept_beside_a_saved_answer(terminal)
    term.type(CTRL_N + DOWN + DOWN + ENTER + ESC_ENTER)  # the third choice: keep the answer, drop the reason

    assert term.prompter.ask(asking(term, 1)) == Save("gemt svar")
    assert "Nej, behold svaret, og slet begrundelsen, der ikke er gemt" in term.prompts
    assert "Begrundelsen, der ikke var gemt, er slettet; svaret er, som det var." in one_line(term.printed)
    assert reason_beside(term, Q1) is None


def test_keeping_the_answer_keeps_the_reason_kept_beside_it(terminal):
    term = kept_beside_a_saved_answer(terminal)
    term.type(CTRL_N + ENTER + ESC_ENTER)  # the first choice: keep the answer (and the reason)

    assert term.prompter.ask(asking(term, 1)) == Save("gemt svar")
    assert reason_beside(term, Q1) == "passer ikke"


def test_without_a_reason_kept_there_is_no_choice_to_drop_one(terminal):
    term = terminal(answers={Q1: "gemt svar"}, screen=True)
    term.type(CTRL_N + ENTER + ESC_ENTER)

    term.prompter.ask(asking(term, 1))

    assert "slet begrundelsen" not in term.prompts
