"""The flow of an interview through one phase for one side: order, resume, back, review.

No terminal code: every question to the user goes through a Prompter (prompter.py has the
questionary one and a scripted one for tests), and every answer goes to the store the moment it is
given. An interrupt (Ctrl-C, Ctrl-D) simply propagates: nothing is held back unsaved.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from spredning.core.errors import SpredningError
from spredning.core.exchange import combine
from spredning.core.model import ROLES, Guide, Phase, Project, Question, Tool, other_role, progress
from spredning.core.store import SaveConflict, Store

ALSO_SAVED = "Også gemt (to udgaver af svaret)"


class Nav(enum.Enum):
    """Navigation instead of an answer."""

    BACK = "tilbage"


class Review(enum.Enum):
    """What to do after a tool's review."""

    NEXT = "videre"
    EDIT = "ret"
    PREVIOUS = "forrige"
    STOP = "stop"


class Resume(enum.Enum):
    """How to open a phase that already has answers."""

    CONTINUE = "fortsæt"
    REVIEW_ALL = "gennemgå"
    PICK_TOOL = "vælg"
    STOP = "stop"


class Keep(enum.Enum):
    """Which answer to keep when someone else changed it meanwhile."""

    MINE = "mit"
    THEIRS = "deres"
    BOTH = "begge"


@dataclass(frozen=True)
class Step:
    """One question as asked: its tool, its position in the phase for this side."""

    tool: Tool
    question: Question
    position: int
    total: int


class Prompter(Protocol):
    """Everything the interview asks of the user or shows them."""

    def phase_intro(self, phase: Phase, role: str) -> None: ...
    def tool_intro(self, tool: Tool, role: str, partner: Sequence[tuple[Question, str]]) -> None: ...
    def tool_without_questions(self, tool: Tool, role: str) -> None: ...
    def ask(self, step: Step, current: str | None, first: bool) -> str | Nav: ...
    def confirm_delete(self, question: Question) -> bool: ...
    def review(self, tool: Tool, role: str, project: Project, first: bool) -> Review: ...
    def pick_question(self, tool: Tool, role: str, project: Project) -> Question | None: ...
    def resume(self, phase: Phase, role: str, project: Project) -> Resume: ...
    def pick_tool(self, phase: Phase, role: str, project: Project) -> Tool | None: ...
    def resolve_conflict(self, question: Question, mine: str | None, theirs: str | None) -> Keep: ...
    def phase_done(self, phase: Phase, role: str, project: Project) -> None: ...


class ProjectSession:
    """One project being answered: the current state, and saving that re-reads under the lock."""

    def __init__(self, store: Store, slug: str, order: Sequence[str]):
        self.store = store
        self.slug = slug
        self.order = tuple(order)
        self.project = store.load(slug)

    def save(self, changes: Mapping[str, str | None],
             expected: Mapping[str, str | None]) -> list[SaveConflict]:
        """Save changed answers; keep the local copy in step with what was written."""
        conflicts = self.store.save_answers(self.slug, changes, expected, self.order)
        refused = {c.question_id for c in conflicts}
        for qid, text in changes.items():
            if qid not in refused:
                self.project = self.project.with_answer(qid, text)
        for conflict in conflicts:
            self.project = self.project.with_answer(conflict.question_id, conflict.on_disk)
        return conflicts


def normalise(text: str) -> str:
    """Trim surrounding blank space of a typed answer, and spaces at line ends; plain line breaks.

    Spaces at the end of a line cannot be seen, and would make the YAML writer put the whole
    answer on one escaped line in the file instead of a readable block.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip(" \t") for line in lines).strip()


class Interview:
    """Walk one side through one phase, tool by tool, saving every answer at once."""

    def __init__(self, guide: Guide, phase: Phase, role: str, session: ProjectSession,
                 prompter: Prompter):
        self.guide = guide
        self.phase = phase
        self.role = role
        self.session = session
        self.prompter = prompter
        self.steps = self._steps()

    def _steps(self) -> list[Step]:
        questions = [(t, q) for t in self.phase.tools for q in t.questions(self.role)]
        return [Step(t, q, n, len(questions)) for n, (t, q) in enumerate(questions, start=1)]

    # -- positions -----------------------------------------------------------------
    def _tools_with_questions(self) -> list[int]:
        return [i for i, t in enumerate(self.phase.tools) if t.questions(self.role)]

    def _first_open(self) -> tuple[int, int]:
        answers = self.session.project.answers
        for t, tool in enumerate(self.phase.tools):
            for q, question in enumerate(tool.questions(self.role)):
                if question.id not in answers:
                    return t, q
        return 0, 0

    def _start(self) -> tuple[int, int] | None:
        """Where to begin: at the start, or as the user chooses when there are answers already."""
        questions = self.phase.questions(self.role)
        if not questions or progress(self.session.project, questions).answered == 0:
            return 0, 0
        choice = self.prompter.resume(self.phase, self.role, self.session.project)
        if choice is Resume.CONTINUE:
            return self._first_open()
        if choice is Resume.PICK_TOOL:
            tool = self.prompter.pick_tool(self.phase, self.role, self.session.project)
            return (self.phase.tools.index(tool), 0) if tool else None
        if choice is Resume.REVIEW_ALL:
            return 0, 0
        return None

    # -- the loop -----------------------------------------------------------------
    def run(self) -> None:
        """Run the interview until the phase is done or the user stops."""
        self.prompter.phase_intro(self.phase, self.role)
        start = self._start()
        if start is None:
            return
        self.tool_index, self.question_index = start
        self.introduced: int | None = None
        self.editing = False
        while self.tool_index < len(self.phase.tools):
            tool = self.phase.tools[self.tool_index]
            questions = tool.questions(self.role)
            if not questions:
                self.prompter.tool_without_questions(tool, self.role)
                self.tool_index, self.question_index = self.tool_index + 1, 0
            elif self.question_index < len(questions):
                self._question_step(tool, questions)
            elif not self._review_step(tool, questions):
                return
        self.prompter.phase_done(self.phase, self.role, self.session.project)

    def _question_step(self, tool: Tool, questions: tuple[Question, ...]) -> None:
        """Introduce the tool when entering it, ask the current question, move on or back."""
        if self.introduced != self.tool_index:
            self.prompter.tool_intro(tool, self.role, self._partner_answers(tool))
            self.introduced = self.tool_index
        result = self._ask(tool, questions[self.question_index])
        if result is Nav.BACK:
            self.tool_index, self.question_index = self._back(self.tool_index, self.question_index)
            self.editing = False
        elif self.editing:  # one answer changed from the review: straight back to the review
            self.question_index, self.editing = len(questions), False
        else:
            self.question_index += 1

    def _review_step(self, tool: Tool, questions: tuple[Question, ...]) -> bool:
        """Show the tool's answers and act on the choice; False when the user stops."""
        first = self.tool_index == self._tools_with_questions()[0]
        choice = self.prompter.review(tool, self.role, self.session.project, first)
        if choice is Review.STOP:
            return False
        if choice is Review.EDIT:
            picked = self.prompter.pick_question(tool, self.role, self.session.project)
            if picked is not None:
                self.question_index, self.editing = questions.index(picked), True
        elif choice is Review.PREVIOUS:
            self.tool_index, self.question_index = self._previous_tool(self.tool_index), 0
        else:
            self.tool_index, self.question_index = self.tool_index + 1, 0
        return True

    def _back(self, tool_index: int, question_index: int) -> tuple[int, int]:
        """One question back, into the previous tool's last question when at a tool's start."""
        if question_index > 0:
            return tool_index, question_index - 1
        earlier = [i for i in self._tools_with_questions() if i < tool_index]
        if not earlier:
            return tool_index, 0
        previous = earlier[-1]
        return previous, len(self.phase.tools[previous].questions(self.role)) - 1

    def _previous_tool(self, tool_index: int) -> int:
        earlier = [i for i in self._tools_with_questions() if i < tool_index]
        return earlier[-1] if earlier else tool_index

    def _partner_answers(self, tool: Tool) -> list[tuple[Question, str]]:
        answers = self.session.project.answers
        partner = tool.questions(other_role(self.role))
        return [(q, answers[q.id]) for q in partner if q.id in answers]

    def _ask(self, tool: Tool, question: Question) -> str | Nav | None:
        step = next(s for s in self.steps if s.question.id == question.id)
        current = self.session.project.answer(question.id)
        result = self.prompter.ask(step, current, step.position == 1)
        if isinstance(result, Nav):
            return result
        self.record(question, normalise(result), current)
        return result

    def record(self, question: Question, text: str, current: str | None) -> None:
        """Save one answer: empty skips (or, confirmed, deletes), unchanged does nothing."""
        if not text:
            if current is None or not self.prompter.confirm_delete(question):
                return
            new: str | None = None
        elif text == current:
            return
        else:
            new = text
        conflicts = self.session.save({question.id: new}, {question.id: current})
        for conflict in conflicts:
            self._resolve(question, new, conflict)

    def _resolve(self, question: Question, mine: str | None, conflict: SaveConflict) -> None:
        keep = self.prompter.resolve_conflict(question, mine, conflict.on_disk)
        if keep is Keep.THEIRS:
            return
        text = mine if keep is Keep.MINE else combine(conflict.on_disk, mine, ALSO_SAVED)
        again = self.session.save({question.id: text}, {question.id: conflict.on_disk})
        for later in again:
            self._resolve(question, mine, later)


def answers_from_file(guide: Guide, data: object, phase: Phase | None,
                      role: str | None) -> dict[str, str]:
    """Validate a non-interactive answer file (question id → text); nothing partial passes."""
    if not isinstance(data, dict) or not data:
        raise SpredningError("Svarfilen skal være en samling af spørgsmål-id'er og svar.",
                             "Fx:  tjek.beskriv-innovationen.dele.formaal: Vores formål er ...")
    if phase is not None:
        roles = (role,) if role else ROLES
        allowed = {q.id for r in roles for q in phase.questions(r)}
    else:
        allowed = {q.id for q in guide.questions(role)}
    problems = []
    for qid, text in data.items():
        if qid not in allowed:
            where = f" i fasen {phase.name}" if phase else ""
            side = f" for siden '{role}'" if role else ""
            problems.append(f"'{qid}' er ikke et spørgsmål{where}{side}")
        elif not isinstance(text, str):
            problems.append(f"svaret på '{qid}' skal være en tekst")
        elif not normalise(text):
            problems.append(f"svaret på '{qid}' er tomt")
    if problems:
        raise SpredningError("Svarfilen har fejl, så intet er gemt:\n" +
                             "\n".join(f"  • {p}" for p in problems),
                             "Se spørgsmålenes id'er med 'spredning guide --ider'.")
    return {qid: normalise(text) for qid, text in data.items()}


def save_answer_file(session: ProjectSession, answers: Mapping[str, str]) -> list[str]:
    """Save validated answers in one write; an answer changed meanwhile keeps both versions."""
    current = dict(session.project.answers)
    changes = {qid: text for qid, text in answers.items() if current.get(qid) != text}
    conflicts = session.save(changes, {qid: current.get(qid) for qid in changes})
    for conflict in conflicts:
        mine = changes[conflict.question_id]
        session.save({conflict.question_id: combine(conflict.on_disk, mine, ALSO_SAVED)},
                     {conflict.question_id: conflict.on_disk})
    return list(changes)
