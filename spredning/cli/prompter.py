"""The questionary Prompter: the interview's questions in a terminal.

QuestionaryPrompter shows guide text and answers with rich (through render.py) and asks with
questionary. It is imported only by interactive commands, so status, vis and --help never pay for
prompt_toolkit.
"""

from __future__ import annotations

from collections.abc import Sequence

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from questionary import Choice, Style
from rich.console import Console
from rich.text import Text

from spredning.cli import render, render_project
from spredning.core.interview import Keep, Nav, Resume, Review, Step
from spredning.core.model import ROLE_TITLES, Phase, Project, Question, Tool, progress

SUBMIT_HELP = "Alt+Enter (eller Esc, Enter) gemmer"
ANSWER_HELP = (SUBMIT_HELP, "Enter: ny linje", "tomt svar: spring over",
               "PgUp eller Ctrl+B: forrige spørgsmål", "Ctrl+C: stop (det gemte er gemt)")
SELECT_HELP = "(vælg med piletasterne og Enter)"
CANCEL = object()  # the "Fortryd" choice: questionary replaces a None value with the title
STYLE = Style([("qmark", "fg:ansicyan bold"), ("question", "bold"),
               ("instruction", "fg:ansibrightblack"), ("answer", "")])


def _eof_keys() -> KeyBindings:
    """Ctrl+D at a menu ends the program like Ctrl+D at a text prompt (questionary has no binding)."""
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _eof(event) -> None:
        event.app.exit(exception=EOFError())

    return bindings


def select(message: str, choices: list[Choice], default=None, **io):
    """A Danish menu (arrow keys and Enter) where Ctrl+C and Ctrl+D both stop, as at text prompts."""
    question = questionary.select(message, choices=choices, default=default, style=STYLE,
                                  qmark="?", instruction=SELECT_HELP, **io)
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, _eof_keys()])
    return question.unsafe_ask()


def _back_keys() -> KeyBindings:
    """PgUp and Ctrl+B end the prompt with Nav.BACK instead of an answer."""
    bindings = KeyBindings()

    @bindings.add("pageup", eager=True)
    @bindings.add("c-b", eager=True)
    def _back(event) -> None:
        event.app.exit(result=Nav.BACK)

    return bindings


def _instruction(parts: Sequence[str], width: int) -> str:
    """Join instruction parts with ' · ' in lines that fit the terminal, breaking between parts."""
    lines: list[str] = []
    for part in parts:
        # each line is indented by "  (" or "   ", and the last one ends in ")"
        if lines and len(lines[-1]) + len(" · ") + len(part) + 4 <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "\n  (" + "\n   ".join(lines) + ")\n"


class QuestionaryPrompter:
    """Asks in the terminal with questionary, shows guide text and answers with rich."""

    def __init__(self, console: Console, input=None, output=None, show_partner: bool = True):
        self.console = console
        self.show_partner = show_partner
        self.helped = False
        self.io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}

    def _select(self, message: str, choices: list[Choice], default=None):
        return select(message, choices, default, **self.io)

    def phase_intro(self, phase: Phase, role: str) -> None:
        self.console.print(render.phase_overview(phase, (role,)))

    def tool_intro(self, tool: Tool, role: str, partner: Sequence[tuple[Question, str]]) -> None:
        self.console.print()
        self.console.print(render.tool_intro(tool))
        if partner and self.show_partner:
            self.console.print(render_project.partner_answers(partner, role))
        self.console.print(render.side_guidance(tool, role, indent=0))

    def tool_without_questions(self, tool: Tool, role: str) -> None:
        self.console.print(Text.assemble(
            ("Værktøjet ", "dim"), (tool.title, "dim bold"),
            (f" har ingen spørgsmål for jer ({ROLE_TITLES[role].lower()}); vi går videre.", "dim")))

    def ask(self, step: Step, current: str | None, first: bool) -> str | Nav:
        self.console.print()
        self.console.print(render.question_block(step.position, step.question, indent=0,
                                                 total=step.total))
        message = f"[{step.position}/{step.total}] Svar:"
        parts = [SUBMIT_HELP, "PgUp: tilbage"] if self.helped else list(ANSWER_HELP)
        self.helped = True
        if current:
            parts.append("dit gemte svar står klar til at blive rettet")
        return questionary.text(message, default=current or "", multiline=True, qmark="›",
                                style=STYLE, instruction=_instruction(parts, self.console.width),
                                key_bindings=_back_keys(), **self.io).unsafe_ask()

    def confirm_delete(self, question: Question) -> bool:
        # a select, not questionary.confirm: that one shows "(y/N)" and answers "Yes"/"No"
        return self._select("Svaret er tomt. Skal det gemte svar slettes?", [
            Choice("Nej, behold det gemte svar", False), Choice("Ja, slet det", True)])

    def review(self, tool: Tool, role: str, project: Project, first: bool) -> Review:
        self.console.print()
        self.console.print(render_project.tool_answers(tool, role, project))
        choices = [Choice("Gå videre", Review.NEXT), Choice("Ret et svar", Review.EDIT)]
        if not first:
            choices.append(Choice("Tilbage til forrige værktøj", Review.PREVIOUS))
        choices.append(Choice("Stop her (alt er gemt)", Review.STOP))
        return self._select("Hvad vil du nu?", choices)

    def pick_question(self, tool: Tool, role: str, project: Project) -> Question | None:
        choices = [Choice(f"{n}. {q.text}", q) for n, q in enumerate(tool.questions(role), 1)]
        choices.append(Choice("Fortryd", CANCEL))
        picked = self._select("Hvilket svar vil du rette?", choices)
        return None if picked is CANCEL else picked

    def resume(self, phase: Phase, role: str, project: Project) -> Resume:
        done = progress(project, phase.questions(role))
        self.console.print()
        self.console.print(Text(f"I har besvaret {done.answered} af {done.total} spørgsmål i "
                                f"fasen {phase.name}.", style="bold"))
        choices = []
        if not done.complete:
            choices.append(Choice("Fortsæt ved første ubesvarede spørgsmål", Resume.CONTINUE))
        choices += [Choice("Gennemgå alle spørgsmål fra start", Resume.REVIEW_ALL),
                    Choice("Vælg et værktøj", Resume.PICK_TOOL), Choice("Stop", Resume.STOP)]
        return self._select("Hvordan vil du fortsætte?", choices)

    def pick_tool(self, phase: Phase, role: str, project: Project) -> Tool | None:
        choices = []
        for tool in phase.tools:
            questions = tool.questions(role)
            if questions:
                done = progress(project, questions)
                choices.append(Choice(f"{tool.title} ({done.answered}/{done.total})", tool))
        choices.append(Choice("Fortryd", CANCEL))
        picked = self._select("Hvilket værktøj?", choices)
        return None if picked is CANCEL else picked

    def resolve_conflict(self, question: Question, mine: str | None, theirs: str | None) -> Keep:
        self.console.print(render_project.conflict(question, mine, theirs))
        return self._select("Hvilket svar skal gemmes?", [
            Choice("Mit svar", Keep.MINE), Choice("Det andet svar (fra filen)", Keep.THEIRS),
            Choice("Begge, efter hinanden", Keep.BOTH)])

    def phase_done(self, phase: Phase, role: str, project: Project) -> None:
        done = progress(project, phase.questions(role))
        self.console.print()
        self.console.print(Text(f"Fasen {phase.name} er gennemgået: {done.answered} af "
                                f"{done.total} spørgsmål besvaret.", style="bold green"))
