"""Keys that must never lose or replace the text of an answer field, nor the draft it was offered.

The real prompts, driven by keystrokes through a pipe (see test_prompter.py, whose fixtures
these tests use); what counts is the draft in the state file (.spredning/SLUG.yaml), the
answers in the project file and what the screen says.
"""

from __future__ import annotations

import io
import threading
import time

import pytest
import yaml
from projectkit import draft_key, drafts, saved, session
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from test_prompter import (
    CTRL_B,
    CTRL_C,
    CTRL_N,
    CTRL_P,
    CTRL_S,
    ENTER,
    ESC_ENTER,
    PARTNER,
    PASTE_END,
    PASTE_START,
    PGUP,
    Q1,
    Q2,
    SYNC_SECONDS,
    WHO,
    Terminal,
    asking,
    one_line,
    partner_answers,
    run_interview,
    term,
    terminal,
)

from spredning.cli.prompter import InterviewPrompter
from spredning.cli.prompts.simple import ask_text
from spredning.core.interview import Back, NotRelevant, Save
from spredning.i18n import t

__all__ = ["term", "terminal"]  # fixtures, used by name

CTRL_R = "\x12"
EARLIER = "Kladde fra en tidligere gang. " * 160  # about 5,000 characters, untouched this time


def with_draft(term, number: int, text: str):
    """The Ask step for question `number` with `text` as the draft an earlier run left."""
    question = asking(term, number).question
    term.session.keep_draft(question, text)
    return asking(term, number)


def draft_in_file(term, question_id: str) -> str | None:
    return drafts(term.session.ws, term.slug).get(draft_key(term.session.ws, term.slug, question_id))


# --- 1. Ctrl+R (prompt_toolkit's search) does nothing; no other buffer stands in for the field ----------


@pytest.mark.parametrize("keys", [CTRL_R + CTRL_C, CTRL_R + "q" + CTRL_C])
def test_ctrl_c_after_ctrl_r_leaves_an_untouched_draft_as_it_was(term, keys):
    step = with_draft(term, 2, EARLIER)
    term.type(keys)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(step)

    expected = EARLIER + "q" if "q" in keys else EARLIER  # a key typed goes to the field
    assert draft_in_file(term, Q2) == expected


def test_pgup_after_ctrl_r_goes_back_with_the_draft_kept_and_said(terminal):
    term = terminal(emulated=True)
    step = with_draft(term, 2, "min kladde")
    term.type(CTRL_R + PGUP)

    assert term.prompter.ask(step) == Back("min kladde")
    assert draft_in_file(term, Q2) == "min kladde"
    assert "› (kladde – ikke gemt som svar) min kladde" in term.shown


def test_ctrl_r_puts_no_search_line_under_the_field_and_the_next_keys_go_to_the_field(terminal):
    term = terminal(screen=True)
    term.type("første" + CTRL_R + " og anden" + CTRL_S)

    assert term.prompter.ask(asking(term, 1)) == Save("første og anden")
    assert "search" not in term.prompts.lower()


def test_ctrl_r_in_the_reason_field_does_nothing(term):
    term.type(CTRL_N + "grund" + CTRL_R + " mere" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))

    assert term.prompter.typed() == "grund mere"


@pytest.mark.parametrize("key", [CTRL_R, CTRL_S])
def test_a_text_prompt_has_no_search_and_keeps_what_is_typed(term, key):
    term.type("Ærø" + key + " Kommune" + ENTER)

    typed = ask_text(t("start.ask-own-org"), **term.prompter.io)

    assert typed == "Ærø Kommune"


@pytest.mark.parametrize("key", [CTRL_R, CTRL_S])
def test_ctrl_c_in_a_text_prompt_after_a_search_key_hands_over_the_fields_text(term, key):
    term.type("Ærø" + key + "x" + CTRL_C)
    given = []

    with pytest.raises(KeyboardInterrupt):
        ask_text(t("plan.ask-what"), interrupted=given.append, **term.prompter.io)

    assert given == ["Ærøx"]


# --- 2. a key that shows a message and stays in the field keeps the pending autosave ----------------


def reopened_with(term, keys: str, then: str) -> tuple[dict[str, str | None], threading.Thread]:
    """Type `keys` in the field; once the field is open again, read the state file's draft; type `then`.

    The draft is read before any other key: a crash (kill -9) at that moment leaves the file as
    it is read here.
    """
    seen: dict[str, str | None] = {}

    def field_open(other_than=None):
        deadline = time.monotonic() + SYNC_SECONDS
        while time.monotonic() < deadline:
            app = term.prompter.app
            if app is not None and app is not other_than and app.is_running:
                return app
            time.sleep(0.01)
        return None

    def wait() -> None:
        first = field_open()
        term.keys.send_text(keys)
        if first is not None and field_open(other_than=first) is not None:
            seen["draft"] = draft_in_file(term, Q1)
        term.type(then)

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    return seen, thread


@pytest.mark.parametrize("key", [PGUP, CTRL_B])
def test_going_back_at_the_first_question_keeps_all_typed_at_once(term, key):
    seen, thread = reopened_with(term, "Første linje" + key, ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("Første linje")
    thread.join(SYNC_SECONDS)
    assert seen["draft"] == "Første linje"  # not "F": the save waiting for a pause is done at once


def test_the_partners_answers_in_full_keep_all_typed_at_once(terminal):
    term = terminal(answers=PARTNER)
    step = asking(term, 1, partner_answers=partner_answers(term))
    seen, thread = reopened_with(term, "Første linje" + CTRL_P, ESC_ENTER)

    assert term.prompter.ask(step) == Save("Første linje")
    thread.join(SYNC_SECONDS)
    assert seen["draft"] == "Første linje"


def test_no_to_the_mark_keeps_all_typed_at_once(terminal):
    term = terminal(answers={Q1: "gemt svar"})
    seen, thread = reopened_with(term, ", rettet" + CTRL_N + ENTER, ESC_ENTER)

    assert term.prompter.ask(asking(term, 1)) == Save("gemt svar, rettet")
    thread.join(SYNC_SECONDS)
    assert seen["draft"] == "gemt svar, rettet"


# --- 3. Ctrl+C at a question asked while the field is open keeps the field's text ---------------------


def test_ctrl_c_at_the_question_before_a_mark_keeps_the_text_as_the_draft_and_says_so(terminal):
    term = terminal(answers={Q1: "gemt svar"}, emulated=True)
    term.type(", rettet" + CTRL_N + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 1))

    assert draft_in_file(term, Q1) == "gemt svar, rettet"
    assert saved(term.session.ws, term.slug)[Q1] == "gemt svar"
    assert "› (kladde – ikke gemt som svar) gemt svar, rettet" in term.shown
    assert term.prompter.left is not None  # 'spredning fase' says the draft is kept (see fase.interrupted)


def test_the_interview_keeps_going_after_ctrl_r(terminal):
    term = terminal()
    term.type(CTRL_R + "svar" + ESC_ENTER + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        run_interview(term)

    assert saved(term.session.ws, term.slug)[Q1] == "svar"


# --- 5. a draft beside a different saved answer: no guess that a partner wrote it ------------------------


def test_a_stopped_edit_of_the_own_answer_is_offered_next_time_without_naming_a_partner(terminal):
    term = terminal(answers={Q1: "gemt svar"})
    term.type(", rettet" + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 1))
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        console = Console(file=io.StringIO(), width=80)
        later = session(term.session.ws, term.slug)
        prompter = InterviewPrompter(console, later, WHO, input=keys, output=DummyOutput())
        again = Terminal(keys, console, prompter, later, term.slug)
        again.type(ESC_ENTER)

        assert prompter.ask(asking(again, 1)) == Save("gemt svar, rettet")

    shown = one_line(console.file.getvalue())
    assert "Spørgsmålet har også et gemt svar, som er anderledes end kladden." in shown
    assert "Gemmer du feltet, erstatter teksten i feltet det gemte svar." in shown  # not "det det"
    assert "partner" not in shown


# --- 4. a reason for "not relevant" left unsaved stays a reason, never silently an answer ------------------


def next_run(term, keys: str, number: int):
    """A new run on the same project (a new session and prompter), answering question `number`."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        console = Console(file=io.StringIO(), width=80)
        later = session(term.session.ws, term.slug)
        prompter = InterviewPrompter(console, later, WHO, input=pipe, output=DummyOutput())
        again = Terminal(pipe, console, prompter, later, term.slug)
        again.type(keys)
        reply = prompter.ask(asking(again, number))
    return reply, one_line(console.file.getvalue())


def test_a_reason_left_with_ctrl_c_comes_back_said_to_be_a_reason_and_ctrl_n_marks_with_it(term):
    term.type(CTRL_N + "Ikke aktuelt for os" + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(asking(term, 2))
    assert draft_in_file(term, Q2) == "Ikke aktuelt for os"
    key = draft_key(term.session.ws, term.slug, Q2)
    state = yaml.safe_load((term.session.ws.store.home / ".spredning" / f"{term.slug}.yaml").read_text())
    assert state["begrundelse-kladder"] == [key]  # the state file says the draft is a reason

    reply, shown = next_run(term, CTRL_N + ENTER, 2)

    assert "Kladden er en begrundelse for, at spørgsmålet ikke er relevant" in shown
    assert reply == NotRelevant("Ikke aktuelt for os")


def test_a_reason_typed_is_kept_as_a_draft_while_the_reason_field_is_open(term):
    seen: dict[str, str | None] = {}

    def kept() -> bool:
        app = term.prompter.app
        if app is not None and app.is_running and draft_in_file(term, Q2):
            seen["draft"] = draft_in_file(term, Q2)
            return True
        return False

    term.keys.send_text(CTRL_N + PASTE_START + "Ikke aktuelt for os" + PASTE_END)
    thread = term.type_when(kept, ENTER)

    assert term.prompter.ask(asking(term, 2)) == NotRelevant("Ikke aktuelt for os")
    thread.join(SYNC_SECONDS)
    assert seen == {"draft": "Ikke aktuelt for os"}  # a crash while the field was open would have lost none
