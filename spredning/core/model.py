"""Plain, frozen model objects: the guide, its phases, tools and questions, and a project.

No I/O and no terminal here: content.py and store.py build these objects, the interview walks
them, and render.py and the reports turn them into output.

They are NamedTuples rather than frozen dataclasses because every command imports this module:
Python 3.11 compiles six methods for each frozen dataclass at import, about 10 ms for these seven,
which every ``spredning status`` paid (issue 6); the NamedTuples take about a third of that.
Copies with a change are made with ``_replace``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

ROLES = ("dele", "genbruge")
ROLE_TITLES = {"dele": "Vi vil dele", "genbruge": "Vi vil genbruge"}
ROLE_DESCRIPTIONS = {"dele": "den side, der deler", "genbruge": "den side, der genbruger"}
QUESTION_KINDS = ("tekst",)
NOTHING: Mapping = MappingProxyType({})  # the default for mapping fields: empty and read-only


def other_role(role: str) -> str:
    """Return the other side of the dialogue."""
    return "genbruge" if role == "dele" else "dele"


def fold_name(name: str) -> str:
    """Fold a phase name so "Høst", "HØST", "hoest" and "host" all compare equal."""
    text = name.strip().casefold()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


class Question(NamedTuple):
    """One question on a worksheet, for one side."""

    id: str
    text: str
    hints: tuple[str, ...] = ()
    group: str | None = None
    kind: str = "tekst"


class Side(NamedTuple):
    """One side's part of a tool: guidance lines and questions."""

    role: str
    guidance: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()


class Tool(NamedTuple):
    """A worksheet tool (værktøj) belonging to one phase."""

    id: str
    title: str
    introduction: str
    sides: Mapping[str, Side] = NOTHING

    def side(self, role: str) -> Side | None:
        """Return this tool's part for one side, or None when that side has nothing here."""
        return self.sides.get(role)

    def questions(self, role: str) -> tuple[Question, ...]:
        """Return the questions for one side (empty when the side has none)."""
        side = self.sides.get(role)
        return side.questions if side else ()


class Phase(NamedTuple):
    """One of the guide's six phases, with its purpose, goals per side and tools."""

    id: str
    number: int
    name: str
    purpose: str
    goals: Mapping[str, tuple[str, ...]]
    tools: tuple[Tool, ...]

    def questions(self, role: str) -> tuple[Question, ...]:
        """Return all of one side's questions in this phase, in guide order."""
        return tuple(q for tool in self.tools for q in tool.questions(role))


class Guide(NamedTuple):
    """The whole guide: introduction, phases in order, and a closing line."""

    title: str
    edition: str
    publisher: str
    introduction: tuple[str, ...]
    closing: str
    phases: tuple[Phase, ...]
    subtitle: str | None = None

    def find_phase(self, name: str) -> Phase | None:
        """Find a phase by id or name, in any case, with or without Danish letters."""
        wanted = fold_name(name)
        for phase in self.phases:
            if wanted in (fold_name(phase.id), fold_name(phase.name), str(phase.number)):
                return phase
        return None

    def questions(self, role: str | None = None) -> tuple[Question, ...]:
        """Return every question (for one side, or both) in guide order."""
        roles = (role,) if role else ROLES
        return tuple(
            q
            for phase in self.phases
            for tool in phase.tools
            for r in ROLES
            if r in roles
            for q in tool.questions(r)
        )

    def question_ids(self) -> tuple[str, ...]:
        """Return every question id in guide order, both sides, tool by tool."""
        return tuple(q.id for q in self.questions())


class Project(NamedTuple):
    """A spreading project: its facts and the answers given so far, keyed by question id."""

    slug: str
    name: str
    description: str = ""
    sharing_org: str = ""
    reusing_orgs: tuple[str, ...] = ()
    role: str | None = None
    example: bool = False
    guide_edition: str = ""
    answers: Mapping[str, str] = NOTHING
    conflicts: Mapping[str, str] = NOTHING  # id → the partner's other version

    def answer(self, question_id: str) -> str | None:
        """Return the saved answer to a question, or None when it is unanswered."""
        return self.answers.get(question_id)

    def with_answer(self, question_id: str, text: str | None) -> Project:
        """Return a copy with one answer set, or removed when text is None."""
        answers = dict(self.answers)
        if text is None:
            answers.pop(question_id, None)
        else:
            answers[question_id] = text
        return self._replace(answers=answers)


class Progress(NamedTuple):
    """How many of a set of questions are answered."""

    answered: int
    total: int

    @property
    def complete(self) -> bool:
        """Return True when every question is answered (and there is at least one)."""
        return self.total > 0 and self.answered >= self.total


def progress(project: Project, questions: tuple[Question, ...]) -> Progress:
    """Count how many of the given questions the project has answered."""
    answered = sum(1 for q in questions if q.id in project.answers)
    return Progress(answered, len(questions))
