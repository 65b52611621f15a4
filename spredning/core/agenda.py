"""The agenda for the next meeting between the two organisations, as typed data without words.

Its points, in the order a meeting takes them:

1. open conflicts: answers that exist in two versions, and the actions, readiness marks and
   approvals kept in several versions (both sides changed them: the meeting agrees which applies);
2. answers received from the partner since the last meeting (every partner answer before the first);
3. questions facing each other on a worksheet (the guide's pairs) where one side has answered and
   the other has not;
4. what each side says it still needs to know (the guide's 'mangler-at-vide' questions);
5. red and yellow readiness marks, where to act first;
6. overdue actions: in any of their versions, so both sides' agendas list an action whose
   versions disagree on the deadline (point 1 names it too).

The partner is the other side than the organisation writing the agenda (both sides when this
computer does not know its side). report/agenda.py puts the words on it.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from spredning.core import followup, readiness
from spredning.core.followup_outline import ActionRow, MarkRow, Names, action_row, mark_row
from spredning.core.model import ROLES, SHARING, Guide, Partner, Project, other_role, side_of
from spredning.core.outline import GuideFacts, Mark, Outline, ProjectFacts, Scope, State, build_outline


class OpenPair(NamedTuple):
    """Two questions facing each other: one answered, the other still open."""

    answered: Mark
    open: Mark


class InVersions(NamedTuple):
    """A readiness mark or an approval kept in several versions: which one, not yet which applies."""

    kind: str  # 'klarhed' or 'godkendelse'
    phase_number: int
    phase: str
    tool: str  # a mark's tool, by its title ('' for an approval)
    role: str
    n: int  # how many versions


class Agenda(NamedTuple):
    """Every point of the agenda for one dialogue."""

    project: ProjectFacts
    guide: GuideFacts
    writer: str | None  # 'dele', a partner's key, or None
    partner_sides: tuple[str, ...]  # the sides whose answers count as "received"
    today: datetime.date
    last_meeting: datetime.date | None
    conflicts: tuple[Mark, ...]
    received: tuple[Mark, ...]
    open_pairs: tuple[OpenPair, ...]
    to_know: tuple[Mark, ...]
    readiness: tuple[MarkRow, ...]
    overdue: tuple[ActionRow, ...]
    disputed: tuple[ActionRow, ...] = ()  # actions kept in several versions (point 1)
    records: tuple[InVersions, ...] = ()  # readiness marks and approvals so (point 1)
    # our own questions' answers the partner wrote since the last meeting (its worksheet, its program)
    rewritten: tuple[Mark, ...] = ()

    @property
    def empty(self) -> bool:
        """True when no point has anything to discuss."""
        return not (
            self.conflicts
            or self.disputed
            or self.records
            or self.received
            or self.rewritten
            or self.open_pairs
            or self.to_know
            or self.readiness
            or self.overdue
        )


def marks_by_id(outline: Outline) -> dict[str, Mark]:
    """Every question of an outline as a summary Mark, by question id."""
    return {
        question.id: Mark(
            phase.name, phase.number, tool.title, side.role, question.number, question.text, question.answer
        )
        for phase in outline.phases
        for tool in phase.tools
        for side in tool.sides
        for question in side.questions
    }


def build_agenda(
    guide: Guide,
    project: Project,
    partner: Partner | None,
    *,
    writer: str | None,
    today: datetime.date,
    theirs_here: frozenset[str] = frozenset(),
) -> Agenda:
    """The agenda of one dialogue as `writer` would take it to the next meeting.

    `theirs_here`: the questions of our own side whose answer the partner wrote (known on the sharing
    side, see app/agenda.py); changed since the last meeting, they are news to discuss too.
    """
    view = project.dialogue(partner)
    outline = build_outline(guide, view, Scope(), writer=writer)
    marks = marks_by_id(outline)
    mine = None if writer is None else ("dele" if writer == SHARING else "genbruge")
    theirs = (other_role(mine),) if mine else ROLES
    meeting = followup.last_meeting(project, partner)
    given = (State.ANSWERED, State.NOT_RELEVANT)  # a conflict is point 1: which text is theirs is open

    def new_since(qid: str, mark: Mark) -> bool:
        return mark.answer.state in given and (
            meeting is None or followup.fingerprint(qid, view.answer(qid)) not in meeting.prints
        )

    received = tuple(mark for qid, mark in marks.items() if side_of(qid) in theirs and new_since(qid, mark))
    rewritten = tuple(
        mark
        for qid, mark in marks.items()
        if side_of(qid) not in theirs and qid in theirs_here and new_since(qid, mark)
    )
    pairs = []
    for first, second in guide.pairs:
        a, b = marks.get(first), marks.get(second)
        if a is None or b is None:
            continue
        if a.answer.state is State.ANSWERED and b.answer.state is State.OPEN:
            pairs.append(OpenPair(a, b))
        elif b.answer.state is State.ANSWERED and a.answer.state is State.OPEN:
            pairs.append(OpenPair(b, a))
    to_know = tuple(
        marks[qid] for qid in guide.to_know if qid in marks and marks[qid].answer.state is State.ANSWERED
    )
    names = Names(guide)
    items = followup.plan_items(project, partner)
    late = [i for i in items if i.overdue(today) or any(other.overdue(today) for other in i.others)]
    return Agenda(
        project=outline.project,
        guide=outline.guide,
        writer=writer,
        partner_sides=theirs,
        today=today,
        last_meeting=meeting.day if meeting else None,
        conflicts=outline.conflicts,
        received=received,
        rewritten=rewritten,
        open_pairs=tuple(pairs),
        to_know=to_know,
        readiness=tuple(mark_row(m, names) for m in readiness.act_first(guide, project, partner)),
        overdue=tuple(action_row(i, names, today) for i in followup.ordered(late, today)),
        disputed=tuple(action_row(i, names, today) for i in items if i.others),
        records=tuple(_in_versions(v, names) for v in followup.in_versions(project, partner)),
    )


def _in_versions(found: followup.Versions, names: Names) -> InVersions:
    number, phase = names.phase(found.subject.partition(".")[0])
    tool = names.tools.get(found.subject, "") if found.kind == "klarhed" else ""
    return InVersions(found.kind, number, phase, tool, found.side, len(found.versions))
