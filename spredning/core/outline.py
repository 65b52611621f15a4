"""What a report says, as typed data without words: the outline every report writer reads.

A report is about one dialogue (the sharing organisation and one reusing organisation) within a
scope: the sides, the phases, and whether unanswered questions are left out. The outline follows
the guide's order: each phase with its purpose and each side's goals, each tool with its
introduction and each side's guidance, each question with its help points, and the state of its
answer — given, "not relevant" (with the reason), open, or in conflict (every version, with the
organisation it came from) — plus whether a draft waits on this computer. It also gathers what the
summary page lists: progress per phase and side, open conflicts, drafts and "not relevant" marks.
The follow-up (the plan, readiness marks, approvals) is added by the application as a
FollowUpOutline (followup_outline.py).

The overview outline is the sharing organisation's view across every partner: each dialogue's
progress, where it is, and its open conflicts.

Every text here has been through ``clean()``: control characters and direction overrides are
visible, and code points that neither UTF-8 nor XML can hold are replaced, so a writer only escapes
for its own format. Words (headings, labels, organisation names) are the writers' business.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, NamedTuple

from spredning.core.copies import from_other_project
from spredning.core.model import (
    ROLES,
    SHARING,
    Answer,
    Dialogue,
    Guide,
    Partner,
    Phase,
    Progress,
    Project,
    Question,
    Tool,
    progress,
)
from spredning.core.textsafe import clean

if TYPE_CHECKING:
    from spredning.core.followup_outline import FollowUpOutline

# After clean(), these are the only code points left that UTF-8 cannot encode (lone surrogates) or
# XML cannot hold (U+FFFE, U+FFFF); they become the replacement character, so no writer can fail.
_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


class Scope(NamedTuple):
    """Which part of a dialogue a report shows."""

    roles: tuple[str, ...] = ROLES
    phases: tuple[str, ...] | None = None  # phase ids in guide order; None: every phase
    only_answered: bool = False

    @property
    def partial(self) -> bool:
        """True when the report leaves a side, a phase or the unanswered questions out."""
        return self.phases is not None or tuple(self.roles) != ROLES or self.only_answered


class State(enum.Enum):
    """The state of one answer."""

    ANSWERED = "answered"
    NOT_RELEVANT = "not-relevant"  # the text is the reason, possibly empty
    OPEN = "open"
    CONFLICT = "conflict"  # two or more versions wait for a decision


class Version(NamedTuple):
    """One version of a disputed answer and the organisation it is from ('dele', a partner's key, '').

    `written_by`: the partner whose text the version kept here is, when another organisation wrote
    it (the sharing side holds a partner's text its file brought); else ''.
    """

    text: str
    not_relevant: bool
    source: str
    written_by: str = ""
    merged: bool = False  # a version of our own from another project here (projekt flet), no worksheet


class AnswerBlock(NamedTuple):
    """A question's answer as the report shows it."""

    state: State
    text: str = ""  # the answer, or the reason it is not relevant
    versions: tuple[Version, ...] = ()  # in conflict: the version kept here first, then the others
    draft: bool = False  # this computer keeps an unsaved draft for the question
    variant: bool = False  # the sharing side's answer written for this partner only


class QuestionBlock(NamedTuple):
    """One question with its number on its side of the tool, help points, group and answer."""

    id: str
    number: int
    text: str
    hints: tuple[str, ...]
    group: str | None
    answer: AnswerBlock


class SideBlock(NamedTuple):
    """One side's part of a tool: guidance, the questions shown, and how many were left out."""

    role: str
    guidance: tuple[str, ...]
    questions: tuple[QuestionBlock, ...]
    left_out: int = 0


class ToolBlock(NamedTuple):
    """A worksheet tool with one block per side in scope."""

    id: str
    title: str
    introduction: str
    sides: tuple[SideBlock, ...]


class PhaseBlock(NamedTuple):
    """One phase: number, name, purpose, each side's goals and the tools with questions shown."""

    id: str
    number: int
    name: str
    purpose: str
    goals: tuple[tuple[str, tuple[str, ...]], ...]  # (role, goals) for each side in scope
    tools: tuple[ToolBlock, ...]
    progress: tuple[tuple[str, Progress], ...]  # (role, progress) for each side in scope
    left_out: int = 0


class Mark(NamedTuple):
    """A question the summary points at (a conflict, a draft, a "not relevant" mark)."""

    phase: str  # the phase's name
    phase_number: int
    tool: str
    role: str
    number: int
    question: str
    answer: AnswerBlock


class GuideFacts(NamedTuple):
    """The guide a report quotes: title, edition, publisher and closing line."""

    title: str
    edition: str
    publisher: str
    closing: str


class ProjectFacts(NamedTuple):
    """What the first page says about the project and the dialogue."""

    name: str
    description: str
    sharing_org: str
    partners: tuple[Partner, ...]  # the dialogue's partner, or every partner (overview, none chosen)
    example: bool
    names: tuple[tuple[str, str], ...]  # organisation key -> name as written in the project ('dele' too)


class NextStep(NamedTuple):
    """A suggested next step, as the application's status ranks them (words are the writer's)."""

    kind: str  # 'side', 'conflicts', 'drafts', 'news', 'answer', 'send', 'done'
    n: int = 0  # how many (conflicts, drafts, news ...)
    phase: str | None = None  # the phase's id
    phase_name: str | None = None
    role: str | None = None
    question: str | None = None  # the question's text
    partner: str | None = None  # the partner's key, when the step concerns one dialogue
    sheet: bool = False  # 'send': the receiver has had only worksheets, so it gets one (arbejdsark)


class PhaseCount(NamedTuple):
    """One phase's progress on both sides of a dialogue."""

    phase: str  # the phase's id
    number: int
    name: str
    sides: tuple[tuple[str, Progress], ...]  # (role, progress) for each side counted


class Outline(NamedTuple):
    """Everything a report of one dialogue shows, in order."""

    project: ProjectFacts
    guide: GuideFacts
    writer: str | None  # the organisation writing the report: 'dele', a partner's key, or None
    scope: Scope
    phases: tuple[PhaseBlock, ...]
    conflicts: tuple[Mark, ...]
    drafts: tuple[Mark, ...]
    not_relevant: tuple[Mark, ...]
    left_out: int  # unanswered questions left out (only with scope.only_answered)
    empty_phases: tuple[str, ...]  # phases left out because nothing in them is answered (names)
    progress: tuple[PhaseCount, ...] = ()  # every phase in scope, also those left out, in guide order
    steps: tuple[NextStep, ...] = ()
    follow_up: FollowUpOutline | None = None  # the plan, readiness and approvals (followup_outline.py)


def safe(text: str) -> str:
    """Clean user or guide text for any report: visible control characters, writable code points."""
    return _UNWRITABLE.sub("\ufffd", clean(text))


def line(text: str) -> str:
    """Clean a one-line text (a name, a title, a question) and fold its whitespace to spaces."""
    return " ".join(safe(text).split())


def project_facts(project: Project, partners: tuple[Partner, ...]) -> ProjectFacts:
    """The project's facts for a report, cleaned, with every organisation's name by key."""
    names = ((SHARING, line(project.sharing_org)), *((p.key, line(p.name)) for p in project.partners))
    return ProjectFacts(
        name=line(project.name) or project.slug,
        description=safe(project.description).strip(),
        sharing_org=line(project.sharing_org),
        partners=tuple(p._replace(name=line(p.name)) for p in partners),
        example=project.example,
        names=names,
    )


def guide_facts(guide: Guide) -> GuideFacts:
    """The guide's facts for a report, cleaned."""
    return GuideFacts(line(guide.title), line(guide.edition), line(guide.publisher), safe(guide.closing))


# -- one dialogue ---------------------------------------------------------------------------------


def build_outline(
    guide: Guide,
    dialogue: Dialogue,
    scope: Scope,
    *,
    writer: str | None = None,
    drafts: Collection[str] = (),
    written: Mapping[str, str] | None = None,
) -> Outline:
    """The outline of a report of one dialogue within a scope.

    `writer` is the organisation writing the report (its own version of a disputed answer is the
    one kept here); `drafts` are the ids of questions with an unsaved draft in this dialogue;
    `written`: question id → the partner whose text the disputed answer kept here is, when known.
    """
    chosen = tuple(p for p in guide.phases if scope.phases is None or p.id in scope.phases)
    builder = _Builder(dialogue, scope, writer, frozenset(drafts))
    builder.written = dict(written or {})
    blocks = tuple(builder.phase(phase) for phase in chosen)
    shown = tuple(b for b in blocks if not scope.only_answered or b.tools)
    empty = tuple(b.name for b in blocks if scope.only_answered and not b.tools)
    partners = (dialogue.partner,) if dialogue.partner else ()
    return Outline(
        project=project_facts(dialogue.project, partners),
        guide=guide_facts(guide),
        writer=writer,
        scope=scope,
        phases=shown,
        conflicts=builder.marks(State.CONFLICT),
        drafts=builder.marks(None),
        not_relevant=builder.marks(State.NOT_RELEVANT),
        left_out=sum(b.left_out for b in blocks),
        empty_phases=empty,
        progress=tuple(PhaseCount(b.id, b.number, b.name, b.progress) for b in blocks),
    )


class _Builder:
    """Builds the blocks of one dialogue; remembers every question met, for the summary marks."""

    def __init__(self, dialogue: Dialogue, scope: Scope, writer: str | None, drafts: frozenset[str]):
        self.dialogue = dialogue
        self.scope = scope
        self.writer = writer
        self.drafts = drafts
        self.written: dict[str, str] = {}  # question id → who wrote the disputed text kept here
        self.seen: list[Mark] = []  # every question in scope, shown or left out, in guide order

    def phase(self, phase: Phase) -> PhaseBlock:
        tools = tuple(self.tool(phase, tool) for tool in phase.tools)
        kept = tuple(tool for tool in tools if any(side.questions for side in tool.sides))
        roles = self.scope.roles
        return PhaseBlock(
            id=phase.id,
            number=phase.number,
            name=line(phase.name),
            purpose=safe(phase.purpose).strip(),
            goals=tuple((role, tuple(line(g) for g in phase.goals.get(role, ()))) for role in roles),
            tools=kept,
            progress=tuple((role, progress(self.dialogue, phase.questions(role))) for role in roles),
            left_out=sum(side.left_out for tool in tools for side in tool.sides),
        )

    def tool(self, phase: Phase, tool: Tool) -> ToolBlock:
        sides = []
        for role in self.scope.roles:
            side = tool.side(role)
            if side is None or not side.questions:
                continue
            questions = []
            for number, question in enumerate(side.questions, start=1):
                block = self.question(question, number)
                self.seen.append(
                    Mark(
                        line(phase.name),
                        phase.number,
                        line(tool.title),
                        role,
                        number,
                        block.text,
                        block.answer,
                    )
                )
                if not (self.scope.only_answered and block.answer.state is State.OPEN):
                    questions.append(block)
            guidance = tuple(line(g) for g in side.guidance)
            sides.append(SideBlock(role, guidance, tuple(questions), len(side.questions) - len(questions)))
        return ToolBlock(tool.id, line(tool.title), safe(tool.introduction).strip(), tuple(sides))

    def question(self, question: Question, number: int) -> QuestionBlock:
        return QuestionBlock(
            id=question.id,
            number=number,
            text=line(question.text),
            hints=tuple(line(h) for h in question.hints),
            group=line(question.group) if question.group else None,
            answer=self.answer(question.id),
        )

    def answer(self, question_id: str) -> AnswerBlock:
        entry = self.dialogue.entry(question_id)
        draft = question_id in self.drafts
        variant = self.dialogue.is_variant(question_id)
        waiting = self.dialogue.waiting(question_id)
        if entry is not None and waiting:
            versions = self.versions(entry.answer, waiting, self.written.get(question_id, ""))
            return AnswerBlock(State.CONFLICT, versions=versions, draft=draft, variant=variant)
        given = self.dialogue.answer(question_id)
        if given is None:
            return AnswerBlock(State.OPEN, draft=draft)
        state = State.NOT_RELEVANT if given.not_relevant else State.ANSWERED
        return AnswerBlock(state, _text(given), draft=draft, variant=variant)

    def versions(self, kept: Answer, others: tuple[Answer, ...], by: str = "") -> tuple[Version, ...]:
        ours = Version(_text(kept), kept.not_relevant, self.writer or "", by if by != self.writer else "")
        return (ours, *(Version(_text(o), o.not_relevant, o.source, merged=self._merged(o)) for o in others))

    def _merged(self, other: Answer) -> bool:
        """A version of the writer's own beside theirs, brought from another project (not a worksheet)."""
        if not self.writer or other.source != self.writer:
            return False
        return from_other_project(other, self.dialogue.project.id, self.writer)

    def marks(self, state: State | None) -> tuple[Mark, ...]:
        """The questions met in a state (None: with a draft), in guide order, also those left out."""
        return tuple(m for m in self.seen if (m.answer.draft if state is None else m.answer.state is state))


def _text(answer: Answer) -> str:
    """An answer's text (or reason) for a report: cleaned, without blank lines at either end."""
    return safe(answer.text).strip("\n").rstrip()


# -- the overview across every partner ------------------------------------------------------------


class PartnerRow(NamedTuple):
    """One reusing organisation's dialogue in the overview."""

    partner: Partner | None  # None: a project without partners (the sharing side's answers only)
    phases: tuple[PhaseCount, ...]
    current: str | None  # the name of the earliest phase with open questions for the partner
    conflicts: tuple[Mark, ...]
    drafts: int  # unsaved drafts on this computer in this partner's own answers
    steps: tuple[NextStep, ...] = ()
    sent_nothing: bool = False  # the writer's computer has sent them no file, nor had one (status)


class Overview(NamedTuple):
    """The sharing organisation's overview report: every dialogue's progress and open conflicts."""

    project: ProjectFacts
    guide: GuideFacts
    writer: str | None
    shared: tuple[PhaseCount, ...]  # the sharing side's answers, written once for every partner
    shared_drafts: int
    rows: tuple[PartnerRow, ...]


def build_overview(
    guide: Guide, project: Project, *, writer: str | None = None, drafts: Collection[str] = ()
) -> Overview:
    """The overview of every dialogue in a project; `drafts` are the slot keys with a draft."""
    where = [key.rpartition("/") for key in drafts]
    rows = []
    for partner in project.partners or (None,):
        dialogue = project.dialogue(partner)
        key = partner.key if partner else ""
        mine = {qid for owner, _, qid in where if owner in ("", key)}
        outline = build_outline(guide, dialogue, Scope(), writer=writer, drafts=mine)
        phases = tuple(_count(dialogue, phase, ROLES) for phase in guide.phases)
        current = next((p.name for p in phases if _open(dict(p.sides)["genbruge"])), None)
        named = outline.project.partners[0] if partner else None
        own = sum(1 for owner, _, _ in where if key and owner == key)
        rows.append(PartnerRow(named, phases, current, outline.conflicts, own))
    return Overview(
        project=project_facts(project, project.partners),
        guide=guide_facts(guide),
        writer=writer,
        shared=tuple(_count(project.dialogue(None), phase, ("dele",)) for phase in guide.phases),
        shared_drafts=sum(1 for owner, _, _ in where if not owner),
        rows=tuple(rows),
    )


def _open(done: Progress) -> bool:
    return bool(done.total) and not done.complete


def _count(dialogue: Dialogue, phase: Phase, roles: tuple[str, ...]) -> PhaseCount:
    sides = tuple((role, progress(dialogue, phase.questions(role))) for role in roles)
    return PhaseCount(phase.id, phase.number, line(phase.name), sides)
