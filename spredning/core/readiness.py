"""The readiness picture and the approvals of a dialogue, as typed data for status and reports.

Readiness is a discussion aid, not a verdict: each side may mark after each tool how ready it is
(grøn, gul, rød) with a reason. The picture is per phase and side; where to act first is every red
mark before every yellow one, the earliest phase (and tool) first. An approval names who approved
a phase for a side and when; an answer changed since then is listed until the phase is approved
again. No words here.
"""

from __future__ import annotations

from typing import NamedTuple

from spredning.core import followup
from spredning.core.followup import Approval, Mark
from spredning.core.model import ROLES, Guide, Partner, Project

RANK = {"rød": 0, "gul": 1, "grøn": 2}


class PhaseMarks(NamedTuple):
    """One phase's readiness marks on each side of a dialogue, in tool order."""

    phase: str  # the phase's id
    number: int
    name: str
    sides: tuple[tuple[str, tuple[Mark, ...]], ...]  # (role, marks) for each side


class ApprovalState(NamedTuple):
    """A phase approved for a side, and the answers changed since (question ids, guide order)."""

    approval: Approval
    number: int  # the phase's number
    name: str  # the phase's name
    changed: tuple[str, ...]

    @property
    def current(self) -> bool:
        """True while nothing has changed since the approval."""
        return not self.changed


def tool_ids(guide: Guide) -> list[str]:
    """Every tool's id ('fase.værktøj') in guide order."""
    return [tool.id for phase in guide.phases for tool in phase.tools]


def picture(guide: Guide, project: Project, partner: Partner | None) -> tuple[PhaseMarks, ...]:
    """The readiness marks of a dialogue per phase and side (phases without any mark left out)."""
    result = []
    for phase in guide.phases:
        sides = tuple(
            (role, tuple(m for t in phase.tools if (m := followup.readiness(project, partner, t.id, role))))
            for role in ROLES
        )
        if any(marks for _, marks in sides):
            result.append(PhaseMarks(phase.id, phase.number, phase.name, sides))
    return tuple(result)


def act_first(guide: Guide, project: Project, partner: Partner | None) -> tuple[Mark, ...]:
    """The red and yellow marks, red before yellow, then the earliest phase and tool first."""
    order = {tool: number for number, tool in enumerate(tool_ids(guide))}
    marks = followup.marks(project, partner, order)
    worrying = [m for m in marks if m.colour in ("rød", "gul")]
    return tuple(sorted(worrying, key=lambda m: (RANK[m.colour], order[f"{m.phase}.{m.tool}"], m.side)))


def approval_states(guide: Guide, project: Project, partner: Partner | None) -> tuple[ApprovalState, ...]:
    """Every approval in a dialogue, phase by phase, with the answers changed since."""
    view = project.dialogue(partner)
    result = []
    for phase in guide.phases:
        for role in ROLES:
            found = followup.approval(project, partner, phase.id, role)
            if found is not None:
                questions = [q.id for q in phase.questions(role)]
                changed = tuple(followup.changed(view, questions, found.prints))
                result.append(ApprovalState(found, phase.number, phase.name, changed))
    return tuple(result)
