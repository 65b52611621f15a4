"""prompter.py: the real questionary prompts, driven with keystrokes through a pipe input."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from rich.console import Console

from spredning.cli.prompter import QuestionaryPrompter
from spredning.core.interview import Interview, Keep, Nav, ProjectSession, Resume, Review, Step

ESC_ENTER = "\x1b\r"  # submits a multi-line answer (Alt+Enter sends the same)
ENTER = "\r"
DOWN = "\x1b[B"
PGUP = "\x1b[5~"
CTRL_B = "\x02"
CTRL_C = "\x03"
CTRL_D = "\x04"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # a bracketed paste, as terminals send it

Q1 = "tjek.beskriv-innovationen.genbruge.interessant"
Q2 = "tjek.beskriv-innovationen.genbruge.samme-behov"
Q3 = "tjek.fortael-den-gode-historie.genbruge.begejstrer"
Q4 = "tjek.fortael-den-gode-historie.genbruge.mangler-at-vide"
FORMAAL = "tjek.beskriv-innovationen.dele.formaal"
CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x08")


@dataclass
class Terminal:
    """A pipe to type into, the console the prompter prints on, and the prompter itself."""

    keys: object
    console: Console
    prompter: QuestionaryPrompter
    screen: io.StringIO | None = None

    def type(self, *keys: str) -> None:
        """Type every keystroke for the test at once, then end the input: a prompt that finds
        no more keys raises EOFError instead of waiting for ever."""
        self.keys.send_text("".join(keys))
        self.keys.close()

    @property
    def printed(self) -> str:
        return self.console.file.getvalue()

    @property
    def prompts(self) -> str:
        """What the prompts drew at 80 columns, with cursor and colour codes removed."""
        return CSI.sub("", self.screen.getvalue())


def open_terminal(output):
    pipe = create_pipe_input()
    keys = pipe.__enter__()
    session = create_app_session(input=keys, output=output)
    session.__enter__()
    console = Console(file=io.StringIO(), width=80)
    prompter = QuestionaryPrompter(console, input=keys, output=output)

    def close():
        session.__exit__(None, None, None)
        pipe.__exit__(None, None, None)

    return Terminal(keys, console, prompter), close


@pytest.fixture
def term():
    """Prompts reading from a pipe and drawing nowhere (DummyOutput)."""
    terminal, close = open_terminal(DummyOutput())
    yield terminal
    close()


@pytest.fixture
def screen_term():
    """Prompts reading from a pipe and drawing as a real 80x40 xterm would, into a buffer."""
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=80), term="xterm")
    terminal, close = open_terminal(output)
    terminal.screen = screen
    yield terminal
    close()


@pytest.fixture
def tjek(guide):
    return guide.find_phase("tjek")


def step(tjek, number: int) -> Step:
    """The genbruge side's question `number` (from 1) in tjek, as the interview would ask it."""
    questions = [(t, q) for t in tjek.tools for q in t.questions("genbruge")]
    tool, question = questions[number - 1]
    return Step(tool, question, number, len(questions))


def saved_answers(store, slug) -> dict:
    data = yaml.safe_load(store.path_for(slug).read_text(encoding="utf-8"))
    return data.get("svar") or {}


# --- text answers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        ("svar 1" + ESC_ENTER, "svar 1"),
        ("linje 1" + ENTER + "linje 2" + ESC_ENTER, "linje 1\nlinje 2"),
        ("Ærø æøå ÆØÅ" + ESC_ENTER, "Ærø æøå ÆØÅ"),
        (ESC_ENTER, ""),
        (PASTE_START + "indsat\r\ntekst" + PASTE_END + ESC_ENTER, "indsat\ntekst"),
    ],
)
def test_text_answers(term, tjek, keys, answer):
    term.type(keys)

    assert term.prompter.ask(step(tjek, 1), None, True) == answer


@pytest.mark.parametrize("keys", [PGUP, CTRL_B, "halvt skrevet" + PGUP, "halvt" + CTRL_B])
def test_pgup_and_ctrl_b_go_back(term, tjek, keys):
    term.type(keys)

    assert term.prompter.ask(step(tjek, 2), None, False) is Nav.BACK


def test_ctrl_c_interrupts(term, tjek):
    term.type("halvt skrevet" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.ask(step(tjek, 1), None, True)


def test_ctrl_d_on_an_empty_answer_ends_input(term, tjek):
    term.type(CTRL_D)

    with pytest.raises(EOFError):
        term.prompter.ask(step(tjek, 1), None, True)


def test_the_saved_answer_is_ready_to_edit(term, tjek):
    term.type(" og mere" + ESC_ENTER)

    assert term.prompter.ask(step(tjek, 1), "gemt svar", False) == "gemt svar og mere"


def test_the_question_is_printed_with_its_position_and_hints(term, tjek):
    term.type(ESC_ENTER)

    term.prompter.ask(step(tjek, 3), None, False)

    assert "[3/14] Hvad begejstrer dig mest ved innovationen?" in term.printed


def test_hints_are_printed_under_the_question(term, tjek):
    term.type(ESC_ENTER)

    term.prompter.ask(step(tjek, 7), None, False)

    assert "[7/14] Hvordan passer innovationen med:" in term.printed
    assert "• De politiske visioner for området?" in term.printed


def test_the_danish_instruction_is_shown_whole_at_80_columns(screen_term, tjek):
    screen_term.type(ESC_ENTER, ESC_ENTER)
    screen_term.prompter.ask(step(tjek, 1), None, True)
    screen_term.prompter.ask(step(tjek, 2), "gemt svar", False)

    shown = screen_term.prompts
    assert "[1/14] Svar:" in shown and "[2/14] Svar:" in shown
    for part in (
        "Alt+Enter (eller Esc, Enter) gemmer",
        "Enter: ny linje",
        "tomt svar: spring over",
        "PgUp eller Ctrl+B: forrige spørgsmål",
        "Ctrl+C: stop (det gemte er gemt))",
        "PgUp: tilbage",
        "dit gemte svar står klar til at blive rettet)",
    ):
        assert part in shown, f"{part!r} is cut off or missing"


def test_the_full_help_is_shown_once_then_a_short_one(screen_term, tjek):
    screen_term.type(ESC_ENTER, ESC_ENTER)
    for number in (1, 2):
        screen_term.prompter.ask(step(tjek, number), None, number == 1)

    first, second = screen_term.prompts.split("[2/14] Svar:", 1)
    assert "Ctrl+C: stop" in first
    assert "Ctrl+C: stop" not in second
    assert "PgUp: tilbage" in second


# --- confirmations and menus -----------------------------------------------------------------------


@pytest.mark.parametrize(("keys", "answer"), [(ENTER, False), (DOWN + ENTER, True)])
def test_confirm_delete_keeps_the_answer_unless_chosen(term, tjek, keys, answer):
    term.type(keys)

    assert term.prompter.confirm_delete(step(tjek, 1).question) is answer


def test_confirm_delete_is_asked_in_danish(screen_term, tjek):
    screen_term.type(DOWN + ENTER)

    screen_term.prompter.confirm_delete(step(tjek, 1).question)

    shown = screen_term.prompts
    assert "Svaret er tomt. Skal det gemte svar slettes?" in shown
    assert "Nej, behold det gemte svar" in shown and "Ja, slet det" in shown
    assert "(y/N)" not in shown and "Yes" not in shown


@pytest.mark.parametrize(
    ("downs", "first", "choice"),
    [
        (0, True, Review.NEXT),
        (1, True, Review.EDIT),
        (2, True, Review.STOP),
        (2, False, Review.PREVIOUS),
        (3, False, Review.STOP),
    ],
)
def test_review_choices(term, tjek, store, make_project, downs, first, choice):
    project = store.load(make_project(answers={Q1: "Mit svar"}))
    term.type(DOWN * downs + ENTER)

    assert term.prompter.review(tjek.tools[0], "genbruge", project, first) is choice
    assert "Dine svar i Beskriv innovationen (1/2 besvaret)" in term.printed
    assert "Mit svar" in term.printed
    assert "(ikke besvaret)" in term.printed


def test_ctrl_c_in_a_menu_interrupts(term, tjek, store, make_project):
    project = store.load(make_project())
    term.type(CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        term.prompter.review(tjek.tools[0], "genbruge", project, True)


@pytest.mark.parametrize(("downs", "picked"), [(0, Q1), (1, Q2), (2, None)])
def test_pick_question(term, tjek, store, make_project, downs, picked):
    project = store.load(make_project())
    term.type(DOWN * downs + ENTER)

    question = term.prompter.pick_question(tjek.tools[0], "genbruge", project)

    assert (question.id if question else None) == picked


def test_resume_offers_continue_first(term, tjek, store, make_project):
    project = store.load(make_project(answers={Q1: "A"}))
    term.type(ENTER)

    assert term.prompter.resume(tjek, "genbruge", project) is Resume.CONTINUE
    assert "I har besvaret 1 af 14 spørgsmål i fasen Tjek." in term.printed


@pytest.mark.parametrize(
    ("downs", "choice"), [(0, Resume.REVIEW_ALL), (1, Resume.PICK_TOOL), (2, Resume.STOP)]
)
def test_resume_of_a_complete_phase_has_no_continue(term, tjek, store, make_project, downs, choice):
    answers = {q.id: "svar" for q in tjek.questions("genbruge")}
    project = store.load(make_project(answers=answers))
    term.type(DOWN * downs + ENTER)

    assert term.prompter.resume(tjek, "genbruge", project) is choice


def test_pick_tool_lists_only_tools_with_questions_for_the_side(term, tjek, store, make_project):
    project = store.load(make_project(role="dele"))
    term.type(DOWN * 3 + ENTER)  # dele has no questions in "Tjek relevans og timing"

    assert term.prompter.pick_tool(tjek, "dele", project).title == "Afstem forventninger"


def test_pick_tool_can_be_cancelled(term, tjek, store, make_project):
    project = store.load(make_project())
    term.type(DOWN * 5 + ENTER)

    assert term.prompter.pick_tool(tjek, "genbruge", project) is None


@pytest.mark.parametrize(("downs", "keep"), [(0, Keep.MINE), (1, Keep.THEIRS), (2, Keep.BOTH)])
def test_resolve_conflict(term, tjek, downs, keep):
    term.type(DOWN * downs + ENTER)

    assert term.prompter.resolve_conflict(step(tjek, 1).question, "Mit", "Deres") is keep
    assert "Svaret er blevet ændret et andet sted" in term.printed
    assert "Mit" in term.printed and "Deres" in term.printed


# --- what is printed ---------------------------------------------------------------------------------


def test_tool_intro_shows_partner_answers(term, tjek):
    formaal = tjek.tools[0].questions("dele")[0]

    term.prompter.tool_intro(tjek.tools[0], "genbruge", [(formaal, "Bedre genoptræning")])

    assert "Værktøj: Beskriv innovationen" in term.printed
    assert "Den anden side (Vi vil dele) har svaret:" in term.printed
    assert "Bedre genoptræning" in term.printed
    assert "Vi vil genbruge" in term.printed


def test_tool_intro_hides_partner_answers_when_asked(tjek):
    console = Console(file=io.StringIO(), width=80)
    formaal = tjek.tools[0].questions("dele")[0]

    QuestionaryPrompter(console, show_partner=False).tool_intro(
        tjek.tools[0], "genbruge", [(formaal, "Bedre genoptræning")]
    )

    assert "Bedre genoptræning" not in console.file.getvalue()


def test_tool_without_questions_is_said_in_danish(term, tjek):
    term.prompter.tool_without_questions(tjek.tools[3], "dele")

    assert " ".join(term.printed.split()) == (
        "Værktøjet Tjek relevans og timing har ingen spørgsmål for jer (vi vil dele); vi går videre."
    )


def test_phase_intro_and_done(term, tjek, store, make_project):
    project = store.load(make_project(answers={Q1: "A", Q2: "B", Q3: "C"}))

    term.prompter.phase_intro(tjek, "genbruge")
    term.prompter.phase_done(tjek, "genbruge", project)

    assert "Fase 1: Tjek" in term.printed
    assert "Vi vil genbruge – mål:" in term.printed
    assert "Fasen Tjek er gennemgået: 3 af 14 spørgsmål besvaret." in term.printed


# --- a whole interview by keystrokes ------------------------------------------------------------------


def run_interview(term, guide, store, slug):
    session = ProjectSession(store, slug, guide.question_ids())
    Interview(guide, guide.find_phase("tjek"), "genbruge", session, term.prompter).run()
    return session


def test_a_whole_interview_by_keystrokes(term, guide, store, make_project):
    slug = make_project()
    term.type(
        "svar 1" + ESC_ENTER,  # [1/14] answered
        ESC_ENTER,  # [2/14] skipped
        ENTER,  # review: Gå videre
        "svar 3" + ESC_ENTER,  # [3/14] answered
        PGUP,  # [4/14] back to [3/14]
        " rettet" + ESC_ENTER,  # [3/14] changed
        "linje 1" + ENTER + "linje 2" + ESC_ENTER,  # [4/14] two lines
        DOWN * 3 + ENTER,  # review: Stop her
    )

    run_interview(term, guide, store, slug)

    assert saved_answers(store, slug) == {Q1: "svar 1", Q3: "svar 3 rettet", Q4: "linje 1\nlinje 2"}
    text = store.path_for(slug).read_text(encoding="utf-8")
    assert f"  {Q4}: |-\n    linje 1\n    linje 2\n" in text
    assert term.printed.count("[3/14] Hvad begejstrer dig mest") == 2
    assert "Dine svar i Fortæl den gode historie (2/2 besvaret)" in term.printed
    assert "svar 3 rettet" in term.printed
    assert "Fasen Tjek er gennemgået" not in term.printed


def test_ctrl_c_mid_tool_keeps_the_earlier_answers(term, guide, store, make_project):
    slug = make_project()
    term.type("svar 1" + ESC_ENTER + "halvt svar" + CTRL_C)

    with pytest.raises(KeyboardInterrupt):
        run_interview(term, guide, store, slug)

    assert saved_answers(store, slug) == {Q1: "svar 1"}


def test_resume_by_keystrokes_continues_at_the_first_unanswered(term, guide, store, make_project):
    slug = make_project(answers={Q1: "svar 1", Q3: "svar 3"})
    term.type(
        ENTER,  # Fortsæt ved første ubesvarede
        "svar 2" + ESC_ENTER,  # [2/14]
        DOWN * 2 + ENTER,  # review (first tool): Stop her
    )

    run_interview(term, guide, store, slug)

    assert "[1/14]" not in term.printed
    assert "[2/14] Har I de samme behov?" in term.printed
    assert saved_answers(store, slug) == {Q1: "svar 1", Q2: "svar 2", Q3: "svar 3"}


def test_markup_and_escape_codes_in_an_answer_are_saved_and_shown_as_typed(term, guide, store, make_project):
    slug = make_project()
    answer = "[bold]x[/] :warning: \x1b[31m"
    term.type(
        PASTE_START + answer + PASTE_END + ESC_ENTER,  # pasted, as a user would
        ESC_ENTER,
        DOWN * 2 + ENTER,  # review: Stop her
    )

    run_interview(term, guide, store, slug)

    assert saved_answers(store, slug) == {Q1: answer}
    review = term.printed.split("Dine svar i Beskriv innovationen", 1)[1]
    assert "[bold]x[/] :warning: ␛[31m" in review
    assert "\x1b" not in term.printed
    assert "⚠" not in term.printed


def test_partner_answers_and_markup_are_shown_literally_in_the_tool_intro(term, guide, store, make_project):
    slug = make_project(answers={FORMAAL: "[red]rød[/red] \x1b]0;titel\x07 :smile:"})
    term.type(ESC_ENTER + ESC_ENTER + DOWN * 2 + ENTER)

    run_interview(term, guide, store, slug)

    assert "[red]rød[/red] ␛]0;titel␇ :smile:" in term.printed
    assert "\x1b" not in term.printed and "\x07" not in term.printed


def test_cancelling_an_edit_returns_to_the_review(term, guide, store, make_project):
    slug = make_project()
    term.type(
        "svar 1" + ESC_ENTER + ESC_ENTER,  # [1/14] answered, [2/14] skipped
        DOWN + ENTER,  # review: Ret et svar
        DOWN * 2 + ENTER,  # which answer: Fortryd
        DOWN * 2 + ENTER,  # review again: Stop her
    )

    run_interview(term, guide, store, slug)

    assert term.printed.count("Dine svar i Beskriv innovationen") == 2
    assert saved_answers(store, slug) == {Q1: "svar 1"}


def test_cancelling_the_tool_choice_on_resume_stops(term, guide, store, make_project):
    slug = make_project(answers={Q1: "svar 1"})
    term.type(
        DOWN * 2 + ENTER,  # resume: Vælg et værktøj
        DOWN * 5 + ENTER,  # which tool: Fortryd
    )

    run_interview(term, guide, store, slug)

    assert "[1/14]" not in term.printed and "[2/14]" not in term.printed
    assert saved_answers(store, slug) == {Q1: "svar 1"}


def test_deleting_a_saved_answer_by_keystrokes(term, guide, store, make_project):
    slug = make_project(answers={Q1: "svar 1", Q2: "svar 2"})
    term.type(
        DOWN + ENTER,  # resume: Gennemgå alle spørgsmål
        "\x15" + ESC_ENTER,  # [1/14] Ctrl-U empties it, then submit
        ENTER,  # slet? Nej, behold det gemte svar
        "\x15" + ESC_ENTER,  # [2/14] emptied as well
        DOWN + ENTER,  # slet? Ja, slet det
        DOWN * 2 + ENTER,  # review: Stop her
    )

    run_interview(term, guide, store, slug)

    assert saved_answers(store, slug) == {Q1: "svar 1"}
