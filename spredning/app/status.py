"""What `status` knows: progress per dialogue, open conflicts, drafts, news, and the next step.

The next step is ranked as a person would work: settle open conflicts first, then finish drafts,
then read what the partner sent since the last look, then follow up on actions past their deadline,
then answer the first open question of the earliest phase this side is working on, and finally send
the answers (and follow-up) the partner has not received. Beside progress, status shows the
follow-up: overdue and next-due actions, the readiness picture and the approvals (with the answers
changed since).
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from spredning.app import exchange
from spredning.app.dialogue import partner_for
from spredning.app.exchange import OpenConflict, open_conflicts
from spredning.app.views import Stray, strays_in
from spredning.app.workspace import Workspace
from spredning.core import followup, followup_outline
from spredning.core.followup import PlanItem
from spredning.core.followup_outline import FollowUpOutline
from spredning.core.local import LocalState, key_slot
from spredning.core.model import (
    ROLES,
    SHARING,
    Dialogue,
    Guide,
    Partner,
    Phase,
    Progress,
    Project,
    Question,
    Tool,
    progress,
    side_of,
)
from spredning.core.store import Opened


class PhaseProgress(NamedTuple):
    """One phase's progress for each side of a dialogue."""

    phase: Phase
    sides: dict[str, Progress]


class OpenTool(NamedTuple):
    """A tool of the current phase that is not complete for a side."""

    phase: Phase
    tool: Tool
    role: str
    done: Progress


class Step(NamedTuple):
    """One suggested next step, and what the front end needs to word it and name the command.

    Kinds: 'side', 'conflicts', 'drafts', 'news', 'overdue', 'answer', 'send', 'done'.
    """

    kind: str
    n: int = 0  # how many (conflicts, drafts, ...)
    phase: Phase | None = None
    role: str | None = None
    question: Question | None = None
    partner: Partner | None = None


class DialogueStatus(NamedTuple):
    """Everything status shows about one dialogue."""

    dialogue: Dialogue
    phases: tuple[PhaseProgress, ...]
    open_tools: tuple[OpenTool, ...]
    later_phases: tuple[Phase, ...]  # phases after the current one with open questions
    conflicts: tuple[OpenConflict, ...]
    drafts: tuple[tuple[str, Question], ...]  # (slot key, question)
    news: tuple[Question, ...]
    unsent: int
    steps: tuple[Step, ...]
    follow_up: FollowUpStatus | None = None
    strays: tuple[Stray, ...] = ()  # answers under ids the guide does not have (shown nowhere else)


class FollowUpStatus(NamedTuple):
    """A dialogue's follow-up as status shows it."""

    overdue: tuple[PlanItem, ...]
    next_due: tuple[PlanItem, ...]
    open_actions: int
    outline: FollowUpOutline  # the readiness picture, where to act first, the approvals


class FollowUpSummary(NamedTuple):
    """One side's follow-up in a few counts, for the portfolio's line per organisation."""

    overdue: int
    colours: tuple[tuple[str, int], ...]  # readiness marks per colour, red first; only those given
    approvals: tuple[tuple[str, int], ...]  # (phase name, answers changed since) per approval

    @property
    def empty(self) -> bool:
        """True when there is nothing to show."""
        return not (self.overdue or self.colours or self.approvals)


def follow_up_summary(follow: FollowUpStatus, where: str, role: str) -> FollowUpSummary:
    """What one side has in a dialogue's follow-up: overdue actions, readiness marks, approvals.

    `where` chooses the records: '' the general ones (common to every dialogue), else those kept
    in the partner's dialogue only.
    """
    marks = [
        m
        for phase in follow.outline.readiness
        for r, ms in phase.sides
        if r == role
        for m in ms
        if m.owner == where
    ]
    colours = tuple(
        (colour, n) for colour in ("rød", "gul", "grøn") if (n := sum(m.colour == colour for m in marks))
    )
    approvals = tuple(
        (a.phase, len(a.changed)) for a in follow.outline.approvals if a.role == role and a.owner == where
    )
    return FollowUpSummary(sum(1 for i in follow.overdue if i.where == where), colours, approvals)


def follow_up_status(
    guide: Guide, project: Project, partner: Partner | None, today: datetime.date
) -> FollowUpStatus:
    """Overdue and next-due actions, the readiness picture and the approvals of one dialogue."""
    items = followup.plan_items(project, partner)
    return FollowUpStatus(
        tuple(followup.overdue(items, today)),
        tuple(followup.next_due(items, today)),
        sum(1 for i in items if i.open),
        followup_outline.build(guide, project, partner, today),
    )


class Status(NamedTuple):
    """The project's status: one dialogue, or every partner's (the portfolio on the sharing side)."""

    project: Project
    local: LocalState
    path: str
    changed: datetime.datetime | None
    dialogues: tuple[DialogueStatus, ...]
    portfolio: bool
    common: FollowUpStatus | None = None  # the portfolio's general records, common to every dialogue


def status(
    ws: Workspace,
    opened: Opened,
    partner: Partner | None,
    portfolio: bool,
    today: datetime.date | None = None,
) -> Status:
    """The status of one dialogue, or of all of them (`today` decides what is overdue)."""
    project = opened.project
    partners = (partner,) if not portfolio else (project.partners or (None,))
    dialogues = tuple(dialogue_status(ws, opened, p, today) for p in partners)
    # a dialogue's own record replaces the general one there, so what is common is read on its own
    common = follow_up_status(ws.guide, project, None, today or datetime.date.today()) if portfolio else None
    return Status(project, opened.local, str(opened.path), _changed(opened), dialogues, portfolio, common)


def status_of(ws: Workspace, partner_option: str | None = None) -> Status:
    """What `status` shows: the named partner's dialogue, this organisation's, or the portfolio.

    The sharing side with several reusing organisations (or none yet) sees the portfolio; the
    reusing side and a project with one partner see their one dialogue.
    """
    opened = ws.open()
    project, state = opened.project, opened.local
    chosen = partner_for(project, state, partner_option) if partner_option else None
    portfolio = chosen is None and (
        (len(project.partners) > 1 and state.side != "genbruge") or not project.partners
    )
    if chosen is None and not portfolio:
        chosen = partner_for(project, state, None, required=False)
    return status(ws, opened, chosen, portfolio)


def _changed(opened: Opened) -> datetime.datetime | None:
    try:
        stamp = opened.path.stat().st_mtime
        return datetime.datetime.fromtimestamp(max(0.0, min(stamp, 253_402_300_799.0)))
    except (OSError, OverflowError, ValueError):
        return None


def my_roles(state: LocalState) -> tuple[str, ...]:
    """The sides this user answers: their own, or both when this computer does not know yet."""
    return (state.side,) if state.side else ROLES


def dialogue_status(
    ws: Workspace, opened: Opened, partner: Partner | None, today: datetime.date | None = None
) -> DialogueStatus:
    """Progress, open work, the follow-up and the ranked next steps of one dialogue."""
    guide = ws.guide
    follow = follow_up_status(guide, opened.project, partner, today or datetime.date.today())
    view = opened.project.dialogue(partner)
    state = opened.local
    phases = tuple(PhaseProgress(p, {r: progress(view, p.questions(r)) for r in ROLES}) for p in guide.phases)
    roles = my_roles(state)
    current = _current_phase(phases, roles)
    open_tools = (
        tuple(
            OpenTool(current, tool, role, done)
            for tool in current.tools
            for role in roles
            if (done := progress(view, tool.questions(role))).total and not done.complete
        )
        if current is not None
        else ()
    )
    later = tuple(
        p.phase
        for p in phases
        if current
        and p.phase.number > current.number
        and any(p.sides[r].total and not p.sides[r].complete for r in roles)
    )
    questions = {q.id: q for q in guide.questions()}
    conflicts = tuple(
        open_conflicts(opened.project, partner)
        if partner
        else [c for c in open_conflicts(opened.project) if not c.slot[0]]
    )
    drafts = tuple(
        (key, questions[key_slot(key)[1]])
        for key in state.drafts
        if key_slot(key)[1] in questions and _in_dialogue(key_slot(key)[0], partner)
    )
    news = tuple(
        questions[key_slot(k)[1]]
        for sender, keys in state.news.items()
        for k in keys
        if key_slot(k)[1] in questions
        and _in_dialogue(key_slot(k)[0], partner)
        and (partner is None or sender in (SHARING, partner.key))
    )
    unsent = exchange.unsent(opened.project, state, partner)
    steps = _steps(guide.phases, state, partner, current, roles, view, conflicts, drafts, news, unsent)
    if follow.overdue:  # after the partner's news, before the next question
        at = next((n for n, s in enumerate(steps) if s.kind in ("answer", "send", "done")), len(steps))
        late = Step("overdue", len(follow.overdue), partner=partner)
        steps = (*steps[:at], late, *(s for s in steps[at:] if s.kind != "done"))
    strays = strays_in(opened.project, ws.layout, partner)
    return DialogueStatus(
        view, phases, open_tools, later, conflicts, drafts, news, unsent, steps, follow, strays
    )


def _in_dialogue(where: str, partner: Partner | None) -> bool:
    return where == "" or (partner is not None and where == partner.key)


def _current_phase(phases: tuple[PhaseProgress, ...], roles: tuple[str, ...]) -> Phase | None:
    """The earliest phase with open questions for this user's side."""
    for item in phases:
        if any(item.sides[r].total and not item.sides[r].complete for r in roles):
            return item.phase
    return None


def _first_open(view: Dialogue, phase: Phase, role: str) -> Question | None:
    return next((q for q in phase.questions(role) if view.answer(q.id) is None), None)


def _steps(
    guide_phases: tuple[Phase, ...],
    state: LocalState,
    partner: Partner | None,
    current: Phase | None,
    roles: tuple[str, ...],
    view: Dialogue,
    conflicts,
    drafts,
    news,
    unsent: int,
) -> tuple[Step, ...]:
    steps = []
    if state.side is None:
        steps.append(Step("side"))
    if conflicts:
        steps.append(Step("conflicts", len(conflicts), partner=partner))
    if drafts:
        question = drafts[0][1]
        phase = next((p for p in guide_phases if question.id.startswith(p.id + ".")), None)
        steps.append(
            Step(
                "drafts",
                len(drafts),
                phase=phase,
                role=side_of(question.id),
                question=question,
                partner=partner,
            )
        )
    if news:
        steps.append(Step("news", len(news), partner=partner))
    drafted = {(s.phase.id, s.role) for s in steps if s.kind == "drafts" and s.phase}
    if current is not None:
        role = next(r for r in roles if _first_open(view, current, r) is not None)
    if current is not None and (current.id, role) not in drafted:  # the drafts' step opens it already
        steps.append(
            Step(
                "answer", phase=current, role=role, question=_first_open(view, current, role), partner=partner
            )
        )
    if unsent:
        steps.append(Step("send", unsent, partner=partner))
    if not steps:
        steps.append(Step("done", partner=partner))
    return tuple(steps)
