"""The follow-up as reports and the agenda show it: typed rows with cleaned texts, no words.

Built from a dialogue's records (followup.py, readiness.py) with the guide's names for phases,
tools and questions, so a writer only has to put words around them (report/compose.py,
report/agenda.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import NamedTuple

from spredning.core import followup, readiness
from spredning.core.followup import PlanItem
from spredning.core.model import ROLES, Guide, Partner, Project
from spredning.core.outline import line


class ActionRow(NamedTuple):
    """One action of the plan."""

    id: str
    what: str
    who: str
    due: datetime.date | None
    status: str
    phase: str  # the phase's name ('' when the action names none)
    tool: str  # the tool's title ('')
    overdue: bool
    owner: str  # '' general, or the partner's key
    disputed: bool


class MarkRow(NamedTuple):
    """One readiness mark."""

    phase_number: int
    phase: str
    tool: str
    role: str
    colour: str
    reason: str
    disputed: bool
    owner: str = ""  # '' general, or the partner's key (as for actions)


class PhaseReadiness(NamedTuple):
    """A phase's marks on each side, in tool order."""

    number: int
    name: str
    sides: tuple[tuple[str, tuple[MarkRow, ...]], ...]


class ApprovalRow(NamedTuple):
    """A phase approved for a side, and the questions changed since (their texts)."""

    phase_number: int
    phase: str
    role: str
    by: str
    day: datetime.date
    changed: tuple[str, ...]
    disputed: bool
    owner: str = ""  # '' general, or the partner's key


class MeetingRow(NamedTuple):
    """A meeting held in the dialogue, and the organisation that noted it."""

    day: datetime.date
    by: str  # 'dele' or a partner's key; '' when not known


class FollowUpOutline(NamedTuple):
    """What a dialogue report shows of the follow-up."""

    actions: tuple[ActionRow, ...]
    readiness: tuple[PhaseReadiness, ...]
    act_first: tuple[MarkRow, ...]
    approvals: tuple[ApprovalRow, ...]
    # whose note a meeting is may rest on this computer's memory (app/views.held_meetings): the
    # use case that knows it fills this in
    meetings: tuple[MeetingRow, ...] = ()
    # the general actions ('' owner) are said to be common to all dialogues when there are several,
    # as 'spredning plan' says it
    common: bool = False

    @property
    def empty(self) -> bool:
        """True when there is no action, mark, approval or meeting at all."""
        return not (self.actions or self.readiness or self.approvals or self.meetings)


class Names:
    """The guide's phase names, tool titles and question texts by id, cleaned."""

    def __init__(self, guide: Guide):
        self.phases = {p.id: (p.number, line(p.name)) for p in guide.phases}
        self.tools = {t.id: line(t.title) for p in guide.phases for t in p.tools}
        self.questions = {q.id: line(q.text) for q in guide.questions()}

    def phase(self, phase_id: str | None) -> tuple[int, str]:
        """A phase's number and name (0 and the id when the guide does not have it)."""
        return self.phases.get(phase_id or "", (0, line(phase_id or "")))


def action_row(item: PlanItem, names: Names, today: datetime.date) -> ActionRow:
    """An action as a report shows it."""
    _, phase = names.phase(item.phase) if item.phase else (0, "")
    tool = names.tools.get(item.source, "") if "." in item.source else ""
    return ActionRow(
        item.id,
        line(item.what),
        line(item.who),
        item.due,
        item.status,
        phase,
        tool,
        item.overdue(today),
        item.where,
        bool(item.others),
    )


def mark_row(mark: followup.Mark, names: Names) -> MarkRow:
    """A readiness mark as a report shows it."""
    number, phase = names.phase(mark.phase)
    tool = names.tools.get(f"{mark.phase}.{mark.tool}", line(mark.tool))
    return MarkRow(number, phase, tool, mark.side, mark.colour, line(mark.reason), mark.disputed, mark.where)


def build(
    guide: Guide,
    project: Project,
    partner: Partner | None,
    today: datetime.date,
    *,
    phases: Collection[str] | None = None,
    roles: Collection[str] = ROLES,
) -> FollowUpOutline:
    """The follow-up of one dialogue: its plan, readiness picture, where to act first, approvals.

    `phases` and `roles` narrow it to a report's scope (an action that names no phase stays).
    """
    if phases is not None or set(roles) != set(ROLES):
        full = build(guide, project, partner, today)
        chosen = {p.number for p in guide.phases if phases is None or p.id in phases}
        phase_names = {line(p.name) for p in guide.phases if p.number in chosen}
        return FollowUpOutline(
            tuple(a for a in full.actions if not a.phase or a.phase in phase_names),
            tuple(
                r._replace(sides=tuple((role, marks) for role, marks in r.sides if role in roles))
                for r in full.readiness
                if r.number in chosen
            ),
            tuple(m for m in full.act_first if m.phase_number in chosen and m.role in roles),
            tuple(a for a in full.approvals if a.phase_number in chosen and a.role in roles),
        )
    names = Names(guide)
    actions = tuple(
        action_row(i, names, today) for i in followup.ordered(followup.plan_items(project, partner), today)
    )
    picture = tuple(
        PhaseReadiness(
            p.number, line(p.name), tuple((r, tuple(mark_row(m, names) for m in ms)) for r, ms in p.sides)
        )
        for p in readiness.picture(guide, project, partner)
    )
    first = tuple(mark_row(m, names) for m in readiness.act_first(guide, project, partner))
    approvals = tuple(
        ApprovalRow(
            s.number,
            line(s.name),
            s.approval.side,
            line(s.approval.by),
            s.approval.day,
            tuple(names.questions.get(q, q) for q in s.changed),
            s.approval.disputed,
            s.approval.where,
        )
        for s in readiness.approval_states(guide, project, partner)
    )
    return FollowUpOutline(actions, picture, first, approvals)
