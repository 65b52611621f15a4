"""What `status` knows: progress per dialogue, open conflicts, drafts, news, and the next step.

The next step is ranked as a person would work: settle open conflicts first, then finish drafts,
then read what the partner sent since the last look, then follow up on actions past their deadline,
then answer the first open question of the earliest phase this side is working on, and finally send
the answers (and follow-up) the partner has not received. Beside progress, status shows the
follow-up: overdue and next-due actions, the readiness picture and the approvals (with the answers
changed since).

`next_steps` is the one ranking both `status` (its top block) and the home screen (its menu) show.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple

from spredning.app.dialogue import partner_for
from spredning.app.exchange import exporting
from spredning.app.exchange.conflicts import OpenConflict, open_conflicts, partners_own
from spredning.app.kept_files import EDITOR, SET_ASIDE, kept_files, taken_in
from spredning.app.views import HeldMeeting, Stray, held_meetings, strays_in
from spredning.app.workspace import Workspace
from spredning.core import followup, followup_outline
from spredning.core.errors import Message, SpredningError
from spredning.core.followup import PlanItem
from spredning.core.followup_outline import FollowUpOutline
from spredning.core.local import LocalState, key_slot, sheets_only, takes_files
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

RANK = (
    "side",
    "conflicts",
    "theirs-send",
    "versions",
    "marks",
    "drafts",
    "news",
    "overdue",
    "answer",
    "send",
    "theirs-wait",
    "wait",
    "done",
)  # the README's order


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

    Kinds: 'side', 'conflicts', 'versions' (actions in two versions), 'marks' (readiness marks and
    approvals in two versions), 'drafts', 'news', 'overdue', 'answer', 'send', 'done'; on the
    sharing side, a partner's own conflicts (every version its text: its to settle) are
    'theirs-send' (our file gives them the versions: send it) or 'theirs-wait' (their answer).
    'wait': this side has answered and sent everything, the other side has not answered all yet
    (what is left is their answers: 'done' would say all is answered).
    """

    kind: str
    n: int = 0  # how many (conflicts, drafts, ...)
    phase: Phase | None = None
    role: str | None = None
    question: Question | None = None
    partner: Partner | None = None
    each: tuple[tuple[Partner, int], ...] = ()  # news or unsent of several partners: each and how many
    record: str | None = None  # 'versions': the action's id, when there is one
    done: Progress | None = None  # 'wait': how far the other side has come (one dialogue)
    unsure: bool = False  # 'wait': this computer cannot tell whether all of ours was sent (unsent_unknown)
    # 'drafts': each phase, side and dialogue (its partner) they are in, in the guide's order
    places: tuple[tuple[Phase, str, Partner | None], ...] = ()
    # 'send': the receiver has had only worksheets from here (local.sheets_only), so it is sent a
    # worksheet (arbejdsark), not a file it cannot open; of several (`each`), `sheets` names those
    sheet: bool = False
    sheets: frozenset[str] = frozenset()


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
    answer: Step | None = None  # the first open question, also when a drafts step opens its phase
    # this computer cannot tell what the other side has (exporting.unsent_unknown): `unsent` is what
    # it has not sent, so no step says to send it, and status says so instead of "not had"
    unsent_unknown: bool = False
    # the sharing side, a partner this computer has sent no file (nor a worksheet) and had none from,
    # while it can tell (not unsent_unknown): not yet waiting for their answers, but for our first file
    sent_nothing: bool = False


class FollowUpStatus(NamedTuple):
    """A dialogue's follow-up as status shows it."""

    overdue: tuple[PlanItem, ...]
    next_due: tuple[PlanItem, ...]
    open_actions: int
    outline: FollowUpOutline  # the readiness picture, where to act first, the approvals
    versions: tuple[PlanItem, ...] = ()  # actions kept in two versions (changed on both sides)
    marks_in_versions: tuple[followup.Versions, ...] = ()  # readiness marks and approvals likewise
    meetings: tuple[HeldMeeting, ...] = ()  # the meetings held, the latest last, with whose note each is


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
        tuple(i for i in items if i.others),
        tuple(followup.in_versions(project, partner)),
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
    editor_files: tuple[Path, ...] = ()  # the editor's text left for the project (app/kept_files.py)
    set_aside: tuple[Path, ...] = ()  # combined texts whose conflict was settled elsewhere, kept
    editor_copies: tuple[Path, ...] = ()  # of editor_files, those already in a draft or answer (taken_in)
    # the file is larger than a save may write (store.check_fits): nothing can be saved in it nor
    # exported until it is shorter; its size, what it must lose and its longest answers
    too_large: Message | None = None


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
    home, slug = ws.store.home, project.slug
    editor = tuple(kept_files(home, slug, EDITOR))
    copies = tuple(path for path in editor if taken_in(path, project, opened.local))
    changed = _changed(opened)
    return Status(
        project,
        opened.local,
        str(opened.path),
        changed,
        dialogues,
        portfolio,
        common,
        editor,
        tuple(kept_files(home, slug, SET_ASIDE)),
        copies,
        _too_large(ws, opened),
    )


def _too_large(ws: Workspace, opened: Opened) -> Message | None:
    """A project file too large to be saved again, as a save would measure it (store.check_fits).

    Such a file is still read (to shorten it, to report), but every save and export is refused,
    so status says so before it suggests answering or sending. Only a file larger on disk than a
    save may write is measured: the rest cost no more than a look at its size.
    """
    from spredning.core.store import WRITE_LIMIT

    try:
        if opened.path.stat().st_size <= WRITE_LIMIT:
            return None
        ws.store.check_fits(opened.project)
    except OSError:
        return None
    except SpredningError as exc:
        if exc.key == "store.too-large":
            return Message("status.too-large", exc.params)
        if exc.key == "store.too-large.no-answer":
            return Message("status.too-large.no-answer", exc.params)
    return None


def status_of(ws: Workspace, partner_option: str | None = None) -> Status:
    """What `status` shows: the named partner's dialogue, this organisation's, or the portfolio.

    The sharing side with several reusing organisations (or none yet) sees the portfolio; the
    reusing side and a project with one partner see their one dialogue.
    """
    opened = ws.open()
    project, state = opened.project, opened.local
    chosen = partner_for(project, state, partner_option) if partner_option is not None else None
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
    follow = follow._replace(meetings=held_meetings(opened.project, opened.local, partner))
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
    order = {qid: n for n, qid in enumerate(questions)}
    drafts = tuple(  # in the guide's order: the first draft names the phase the step opens
        sorted(
            (
                (key, questions[key_slot(key)[1]])
                for key in dict.fromkeys((*state.drafts, *state.beside))  # a kept reason is typed text too
                if key_slot(key)[1] in questions and _in_dialogue(key_slot(key)[0], partner)
            ),
            key=lambda item: (order[item[1].id], item[0]),
        )
    )
    news = tuple(
        questions[key_slot(k)[1]]
        for sender, keys in state.news.items()
        for k in keys
        if key_slot(k)[1] in questions
        and _in_dialogue(key_slot(k)[0], partner)
        and (partner is None or sender in (SHARING, partner.key))
    )
    unsent = exporting.unsent(opened.project, state, partner)
    # what they have: not known here
    unknown = exporting.unsent_unknown(opened.project, state, partner, ws)
    answer = _answer_step(view, current, roles, partner)
    owners = [partners_own(state, c) for c in conflicts]  # a partner's own: its to settle
    theirs = sum(1 for o in owners if partner is not None and o == partner.key)
    ours = sum(1 for o in owners if o is None)
    steps = _steps(
        guide.phases, state, partner, answer, ours, drafts, news, (0 if unknown else unsent, theirs)
    )
    steps = _waiting_for_them(steps, phases, state, partner, unknown)
    if follow.overdue:  # after the partner's news, before the next question
        at = next(
            (n for n, s in enumerate(steps) if s.kind in ("answer", "send", "wait", "done")), len(steps)
        )
        late = Step("overdue", len(follow.overdue), partner=partner)
        steps = (*steps[:at], late, *(s for s in steps[at:] if s.kind != "done"))
    strays = strays_in(opened.project, ws.layout, partner)
    sent_nothing = (
        state.me == SHARING
        and partner is not None
        and not unknown
        and partner.key not in state.known
        and not takes_files(state, partner.key)
    )
    return DialogueStatus(
        view,
        phases,
        open_tools,
        later,
        conflicts,
        drafts,
        news,
        unsent,
        steps,
        follow,
        strays,
        answer,
        unknown,
        sent_nothing,
    )


def _waiting_for_them(
    steps: tuple[Step, ...],
    phases: tuple[PhaseProgress, ...],
    state: LocalState,
    partner: Partner | None,
    unknown: bool = False,
) -> tuple[Step, ...]:
    """'done' when the other side of the dialogue still has open questions: wait for their answers.

    Only when this side's part is done and sent ('done' was the step); a side not yet known has
    both sides to answer, and a sharing side without partners nobody, to wait for. `unknown`:
    this computer cannot tell what the other side has had (exporting.unsent_unknown), so not
    whether all was sent: the step says so (unsure).
    """
    other = {"dele": "genbruge", "genbruge": "dele"}.get(state.side or "")
    if other is None or [s.kind for s in steps] != ["done"] or (other == "genbruge" and partner is None):
        return steps  # nothing to wait for, or nobody (the sharing side without a partner yet)
    theirs = _sum([p.sides[other] for p in phases])
    if theirs.complete or not theirs.total:
        return steps
    return (Step("wait", theirs.answered, role=other, partner=partner, done=theirs, unsure=unknown),)


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


def _answer_step(
    view: Dialogue, current: Phase | None, roles: tuple[str, ...], partner: Partner | None
) -> Step | None:
    """Answer the first open question of the current phase, on the first of this user's sides with one."""
    if current is None:
        return None
    role = next(r for r in roles if _first_open(view, current, r) is not None)
    question = _first_open(view, current, role)
    return Step("answer", phase=current, role=role, question=question, partner=partner)


def _drafts_step(
    guide_phases: tuple[Phase, ...],
    drafts: tuple[tuple[str, Question], ...],
    partner: Partner | None,
    partners: tuple[Partner, ...] = (),
) -> Step:
    """Finish the drafts: the step opens the first one's phase and side (in its dialogue).

    `places` holds every phase, side and dialogue the drafts are in, in the guide's order, so a
    command can be given for each (the phase opens at its first draft only). A draft is in the
    dialogue of `partner`, or, with `partners` (the portfolio's drafts of every dialogue), in that
    of the partner its key names (none: a shared answer's).
    """
    places: list[tuple[Phase, str, Partner | None]] = []
    for key, question in drafts:
        phase = next((p for p in guide_phases if question.id.startswith(p.id + ".")), None)
        owner = key_slot(key)[0]
        dialogue = next((p for p in partners if p.key == owner), None) if partners else partner
        role = side_of(question.id)
        if phase is not None and role is not None and (phase, role, dialogue) not in places:
            places.append((phase, role, dialogue))
    question = drafts[0][1]
    phase = next((p for p in guide_phases if question.id.startswith(p.id + ".")), None)
    first = places[0][2] if places else partner
    return Step(
        "drafts",
        len(drafts),
        phase=phase,
        role=side_of(question.id),
        question=question,
        partner=first,
        places=tuple(places),
    )


def _opened_by(drafts: Step | None, answer: Step) -> bool:
    """True when the drafts' step opens the answer's phase and side already (then it continues there)."""
    if drafts is None or drafts.phase is None or answer.phase is None:
        return False
    same_dialogue = answer.role != "genbruge" or drafts.partner == answer.partner
    return (drafts.phase.id, drafts.role) == (answer.phase.id, answer.role) and same_dialogue


def _steps(
    guide_phases: tuple[Phase, ...],
    state: LocalState,
    partner: Partner | None,
    answer: Step | None,
    conflicts: int,
    drafts,
    news,
    waiting: tuple[int, int],
) -> tuple[Step, ...]:
    unsent, theirs = waiting  # theirs: the partner's own conflicts, not ours to settle
    steps = []
    if state.side is None:
        steps.append(Step("side"))
    if conflicts:
        steps.append(Step("conflicts", conflicts, partner=partner))
    if theirs and unsent:  # sending gives the partner every version (and our other changes)
        steps.append(Step("theirs-send", theirs, partner=partner))
    drafted = _drafts_step(guide_phases, drafts, partner) if drafts else None
    if drafted is not None:
        steps.append(drafted)
    if news:
        steps.append(Step("news", len(news), partner=partner))
    # which side's questions is not known until the side is said: no 'fase … --rolle dele' guessed
    if answer is not None and state.side is not None and not _opened_by(drafted, answer):
        steps.append(answer)
    if unsent and not theirs:
        receiver = SHARING if state.me != SHARING else partner.key if partner is not None else ""
        steps.append(Step("send", unsent, partner=partner, sheet=sheets_only(state, receiver)))
    if theirs and not unsent:
        steps.append(Step("theirs-wait", theirs, partner=partner))
    if not steps:
        steps.append(Step("done", partner=partner))
    return tuple(steps)


# -- the next steps of the whole project, for status's top block and the home screen ------------


def gathered(found: Status) -> bool:
    """True for the portfolio of several partners: its next steps gather every dialogue's per kind."""
    return found.portfolio and len(found.project.partners) > 1


def project_phases(found: Status) -> tuple[PhaseProgress, ...]:
    """Each phase's progress for the whole project: one dialogue's, or across every partner's.

    Across partners the sharing side's common answers count once and its answers about each
    partner once per partner; the reusing side's count is every partner's together.
    """
    first = found.dialogues[0]
    if len(found.dialogues) < 2:
        return first.phases
    return tuple(_across(n, found.dialogues) for n in range(len(first.phases)))


def _across(n: int, items: tuple[DialogueStatus, ...]) -> PhaseProgress:
    phase = items[0].phases[n].phase
    common = progress(items[0].dialogue, tuple(q for q in phase.questions("dele") if not q.per_partner))
    each = tuple(q for q in phase.questions("dele") if q.per_partner)
    dele = [common, *(progress(item.dialogue, each) for item in items)]
    genbruge = [item.phases[n].sides["genbruge"] for item in items]
    return PhaseProgress(phase, {"dele": _sum(dele), "genbruge": _sum(genbruge)})


def _sum(parts: list[Progress]) -> Progress:
    return Progress(*(sum(values) for values in zip(*parts, strict=True)))


def all_drafts(found: Status) -> tuple[tuple[str, Question], ...]:
    """Every draft this computer keeps in the dialogues shown, once each, in the guide's order."""
    phases = found.dialogues[0].phases
    order = {q.id: n for n, q in enumerate(_guide_order(phases))}
    kept = {key: question for item in found.dialogues for key, question in item.drafts}
    return tuple(sorted(kept.items(), key=lambda item: (order.get(item[1].id, len(order)), item[0])))


def _guide_order(phases: tuple[PhaseProgress, ...]) -> tuple[Question, ...]:
    """Every question in guide order, tool by tool (as Guide.questions)."""
    return tuple(q for p in phases for tool in p.phase.tools for r in ROLES for q in tool.questions(r))


def next_steps(found: Status) -> tuple[Step, ...]:
    """The next steps, most urgent first (RANK): what status puts on top and the home screen offers first.

    One dialogue: its own steps. The portfolio of several partners gathers each kind once:
    conflicts are settled all together (``konflikter`` lists every dialogue's); the drafts of every
    dialogue count (the step opens the first one, in its dialogue); news and unsent answers name the
    partner when only one has them, else `each` names every partner with how many (news then
    counts the answers, unsent the partners waiting), for a command per partner.
    """
    # an action, a mark or an approval changed on two sides: which version applies
    versions = tuple(s for s in (_versions_step(found), _marks_step(found)) if s is not None)
    if not gathered(found):
        return _with_versions(tuple(s for s in found.dialogues[0].steps if s.kind in RANK), versions)
    project, first = found.project, found.dialogues[0]
    steps = [s for s in first.steps if s.kind == "side"]
    everyone = open_conflicts(project)
    conflicts = sum(1 for c in everyone if partners_own(found.local, c) is None)
    if conflicts:
        steps.append(Step("conflicts", conflicts))
    steps += [s for d in found.dialogues for s in d.steps if s.kind.startswith("theirs-")]
    drafts = all_drafts(found)
    drafted = None
    if drafts:
        phases = tuple(p.phase for p in first.phases)
        drafted = _drafts_step(phases, drafts, None, project.partners)
        steps.append(drafted)
    news = [(d.dialogue.partner, len(d.news)) for d in found.dialogues if d.news]
    if news:
        one = news[0][0] if len(news) == 1 else None
        each = tuple((p, n) for p, n in news if p is not None) if one is None else ()
        steps.append(Step("news", sum(n for _, n in news), partner=one, each=each))
    late = {(i.where, i.id) for d in found.dialogues if d.follow_up for i in d.follow_up.overdue}
    if late:  # a general action is late in every dialogue, but it is one action
        steps.append(Step("overdue", len(late)))
    if first.answer is not None and found.local.side is not None and not _opened_by(drafted, first.answer):
        steps.append(first.answer)  # (not before the side is said, as in _steps)
    # a partner with its own conflicts to settle is sent its file by the 'theirs-send' step
    sending = [s for d in found.dialogues for s in d.steps if s.kind == "send"]
    if len(sending) == 1:
        steps.append(sending[0])
    elif sending:  # the same shared answer counts once per partner: say how many partners wait
        each = tuple((s.partner, s.n) for s in sending if s.partner is not None)
        sheets = frozenset(s.partner.key for s in sending if s.partner is not None and s.sheet)
        steps.append(Step("send", len(sending), each=each, sheets=sheets))
    if not steps:  # every dialogue done here and sent: wait for the partners still answering, or done
        steps.append(_gathered_wait(found) or Step("done"))
    return _with_versions(tuple(sorted(steps, key=lambda s: RANK.index(s.kind))), versions)


def _gathered_wait(found: Status) -> Step | None:
    """Waiting for the partners whose side is not answered yet: the one's step, or all of them."""
    waits = [(d.dialogue.partner, s) for d in found.dialogues for s in d.steps if s.kind == "wait"]
    if len(waits) == 1:
        return waits[0][1]
    if not waits:
        return None
    each = tuple((p, s.n) for p, s in waits if p is not None)
    return Step("wait", len(waits), each=each, unsure=any(s.unsure for _, s in waits))


def _with_versions(steps: tuple[Step, ...], versions: tuple[Step, ...]) -> tuple[Step, ...]:
    """The steps with the records in two versions to settle (then it is not all done)."""
    if not versions:
        return steps
    return tuple(
        sorted((*(s for s in steps if s.kind != "done"), *versions), key=lambda s: RANK.index(s.kind))
    )


def marks_in_versions(found: Status) -> list[followup.Versions]:
    """The readiness marks and approvals kept in several versions in what status shows, each once."""
    follow = [d.follow_up for d in found.dialogues] + [found.common]
    kept = {(i.where, i.kind, i.key): i for f in follow if f is not None for i in f.marks_in_versions}
    return list(kept.values())


def _marks_step(found: Status) -> Step | None:
    """Decide which version of the marks and approvals kept in two versions applies, if there are any.

    Status lists each with its versions and the command that settles it (klarhed or godkend again).
    """
    kept = marks_in_versions(found)
    if not kept:
        return None
    single = found.dialogues[0].dialogue.partner if len(found.dialogues) == 1 else None
    return Step("marks", len(kept), partner=single)


def _versions_step(found: Status) -> Step | None:
    """Decide which version of the actions kept in two versions applies (plan ret), if there are any.

    An action common to every dialogue is one action, however many dialogues list it; the step
    names its id when there is only one, else the plan lists them.
    """
    kept = {
        (item.where, item.id): item
        for d in found.dialogues
        if d.follow_up is not None
        for item in d.follow_up.versions
    }
    if not kept:
        return None
    only = next(iter(kept.values())) if len(kept) == 1 else None
    partner = found.project.partner(only.where) if only is not None and only.where else None
    single = found.dialogues[0].dialogue.partner if len(found.dialogues) == 1 else None
    return Step("versions", len(kept), partner=partner or single, record=only.id if only else None)


def partner_steps(item: DialogueStatus) -> tuple[Step, ...]:
    """A partner's next steps in the portfolio's line for it, in RANK order.

    Its dialogue's conflicts, the drafts kept in its dialogue only (ours are on top), its news,
    its actions past their deadline, and what it has not received.
    """
    partner = item.dialogue.partner
    own = tuple(d for d in item.drafts if partner is not None and key_slot(d[0])[0] == partner.key)
    kinds = ("conflicts", "theirs-send", "news", "overdue", "send", "theirs-wait")
    steps = [s for s in item.steps if s.kind in kinds]
    if own:
        phases = tuple(p.phase for p in item.phases)
        steps.append(_drafts_step(phases, own, partner))
    return tuple(sorted(steps, key=lambda s: RANK.index(s.kind)))
