"""Plain, frozen model objects: the guide, its phases, tools and questions, and a project.

No I/O and no terminal here: content.py and store.py build these objects, the interview walks
them, and render.py and the reports turn them into output.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

ROLES = ("dele", "genbruge")
ROLE_TITLES = {"dele": "Vi vil dele", "genbruge": "Vi vil genbruge"}
ROLE_DESCRIPTIONS = {"dele": "den side, der deler", "genbruge": "den side, der genbruger"}
QUESTION_KINDS = ("tekst",)


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


@dataclass(frozen=True)
class Question:
    """One question on a worksheet, for one side."""

    id: str
    text: str
    hints: tuple[str, ...] = ()
    group: str | None = None
    kind: str = "tekst"


@dataclass(frozen=True)
class Side:
    """One side's part of a tool: guidance lines and questions."""

    role: str
    guidance: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Tool:
    """A worksheet tool (værktøj) belonging to one phase."""

    id: str
    title: str
    introduction: str
    sides: Mapping[str, Side] = field(default_factory=dict)

    def side(self, role: str) -> Side | None:
        """Return this tool's part for one side, or None when that side has nothing here."""
        return self.sides.get(role)

    def questions(self, role: str) -> tuple[Question, ...]:
        """Return the questions for one side (empty when the side has none)."""
        side = self.sides.get(role)
        return side.questions if side else ()


@dataclass(frozen=True)
class Phase:
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


@dataclass(frozen=True)
class Guide:
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


@dataclass(frozen=True)
class Project:
    """A spreading project: its facts and the answers given so far, keyed by question id."""

    slug: str
    name: str
    description: str = ""
    sharing_org: str = ""
    reusing_orgs: tuple[str, ...] = ()
    role: str | None = None
    example: bool = False
    guide_edition: str = ""
    answers: Mapping[str, str] = field(default_factory=dict)
    conflicts: Mapping[str, str] = field(default_factory=dict)  # id → the partner's other version

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
        return replace(self, answers=answers)


@dataclass(frozen=True)
class Progress:
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
