"""What the home screen offers: the active project in one line and the actions that make sense now.

A front end (the terminal menu today, a web page later) shows these in the order given and runs
each action as the command of the same name would. The first actions are the next steps status
puts on top (status.next_steps: say which side you are, settle conflicts, finish drafts, read the
partner's news, answer the next open question, send your answers), followed by what is always
there: answer or revise a phase, status, the answers, a report, the exchange with the partner,
the projects, the guide.
No words here: an action is a kind and its data; the front end words it from the catalogue.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from spredning.app.dialogue import several_dialogues
from spredning.app.exchange.noting import (
    IMPORT_COMPARED,
    content_digest,
    file_stamp,
    note_digest,
    note_stamp,
)
from spredning.app.exchange.recognise import addressing, exchange_head, worksheet_project
from spredning.app.status import RANK as RANK  # the order of the first actions (re-exported)
from spredning.app.status import Status, Step, my_roles, next_steps, status_of
from spredning.app.workspace import Workspace
from spredning.core import fileio, followup, index, yamlio
from spredning.core.errors import SpredningError
from spredning.core.filehead import Addressing
from spredning.core.followup import Approval, Mark
from spredning.core.model import SHARING, Layout, Partner, Phase, Progress, Project, Question, slugify
from spredning.core.store import Summary, state_notes

if TYPE_CHECKING:
    from spredning.app.project_restore import Kept
    from spredning.app.projects import OddRow

ALWAYS = (
    "phase",
    "status",
    "answers",
    "report",
    "exchange",
    "plan",
    "followup",
    "agenda",
    "projects",
    "guide",
    "quit",
)
# import: a partner's file starts one too; restore: only when a removed project can come back
FIRST_RUN = ("start", "example", "import", "restore", "guide", "quit")
WITHOUT_PROJECT = ("projects", "start", "guide", "quit")
REPORT_FORMATS = ("docx", "pdf", "html", "md")
EXCHANGE = ("export", "worksheet", "import")  # the exchange's list: a file, a Word worksheet, or read one
# the follow-up's list: mark readiness after a tool, see the marks, approve a phase, note a meeting
# (today, or on a day typed), add an action to the plan
FOLLOWUP = ("mark", "readiness", "approve", "meeting", "meeting-day", "plan-add")


class Action(NamedTuple):
    """One thing the user can do from the home screen, with what it needs to be worded and run.

    Kinds and their commands: 'side' (projekt side), 'conflicts' (konflikter), 'versions' (plan ret
    ID, or plan when there are several: actions in two versions), 'marks' (status: readiness marks
    and approvals in two versions), 'drafts' and
    'answer' (fase), 'news' (vis --nye), 'overdue' and 'plan' (plan), 'agenda' (dagsorden),
    'worksheet' (arbejdsark), 'send' and 'export' (eksport), 'done' and 'report'
    (rapport), 'status', 'answers' (vis), 'import' (importer), 'use' (projekt brug), 'start',
    'remove' with a project (projekt fjern), 'restore' with a kept folder (projekt gendan), 'merge'
    with a project (projekt flet),
    'example' (start --eksempel), 'guide-overview', 'guide-phase', 'guide-all' (guide), 'quit';
    and the kinds that open a list of further actions: 'phase', 'report', 'exchange',
    'projects', 'guide', 'side', 'import', 'remove', 'restore', 'merge' (without a value).
    """

    kind: str
    n: int = 0  # how many (conflicts, drafts, ...)
    phase: Phase | None = None
    role: str | None = None
    question: Question | None = None
    partner: Partner | None = None
    done: Progress | None = None
    value: str | None = None  # a project's slug, a report format, a file's path
    name: str | None = None  # a project's or an organisation's name, a file's name
    active: bool = False  # the active project, this side, ...
    copy: bool = False  # named by its file too: a copy in another file, or another project of its name
    each: tuple[tuple[Partner, int], ...] = ()  # news or unsent of several partners: each, how many
    # a file to import: 'us', 'brought', 'own', 'other' (see import_actions), 'broken' (importable.offered)
    whose: str | None = None
    orgs: tuple[str, str] | None = None  # a file to import: its sender's and receiver's names
    # 'send': the receiver has had only worksheets, so it gets one (Step.sheet); of several, those
    sheet: bool = False
    sheets: frozenset[str] = frozenset()
    into: str | None = None  # a file to import into another project than the active one: its name
    kept: Kept | None = None  # a removed project to bring back: its name, when, what it holds
    # a tool's readiness marks or a phase's approvals on this side, said in the follow-up's lists:
    # each with the partner whose dialogue it is in ('' for the one there is, or for every dialogue)
    followed: tuple[tuple[str, Mark | Approval], ...] = ()


class Overview(NamedTuple):
    """The active project in one line: its name, this computer's side and how far it has come."""

    project: Project
    side: str | None
    organisation: str | None  # this computer's organisation key ('dele' or a partner's key)
    done: Progress  # this user's side(s), every phase
    phase: Phase | None  # the earliest phase with open questions for this side
    everyone: Progress = Progress(0, 0)  # the whole project, counted as the project list counts it
    namesake: bool = False  # another project here has its name: the front end names its file too


class Home(NamedTuple):
    """Everything the home screen shows."""

    overview: Overview | None  # None: no project to show (first run, or it cannot be opened)
    actions: tuple[Action, ...]
    problem: SpredningError | None = None  # why the active project cannot be shown
    first_run: bool = False  # no project in the folder: none yet, or the last one removed
    removed: bool = False  # with first_run: a removed project can come back (projekt gendan)
    several: bool = False  # several reusing organisations: commands name --partner
    odd: tuple[OddRow, ...] = ()  # project files under names the program does not use (sync copies)


def home(ws: Workspace) -> Home:
    """The home screen for the projects folder: a first run, a project, or a problem with it.

    Project files under names the program does not use (a sync service's conflict copy, a renamed
    file) are told on every screen, a first run too: they may hold answers no project here has.
    """
    from spredning.app.projects import odd_rows

    odd = tuple(odd_rows(ws.store))
    if not ws.store.slugs():  # none yet, or the last one removed: it can come back from here too
        removed = any_kept(ws)
        offered = [kind for kind in FIRST_RUN if kind != "restore" or removed]
        return Home(None, tuple(Action(kind) for kind in offered), first_run=True, odd=odd, removed=removed)
    try:
        found = status_of(ws)
    except SpredningError as problem:
        return Home(None, tuple(Action(kind) for kind in WITHOUT_PROJECT), problem, odd=odd)
    steps = next_steps(found)  # the same steps, in the same order, as on top of status
    # a wait is nothing to do, so it is offered only when nothing else is: first, as 'see the status'
    waits = ("theirs-wait", "wait")
    alone = all(step.kind in waits for step in steps)
    actions = [_action(step) for step in steps if alone or step.kind not in waits]
    shown = {a.kind for a in actions}
    kinds = {followup.split_key(key)[0] for section in found.project.records.values() for key in section}
    for kind in ALWAYS:
        if kind == "report" and "done" in shown:
            continue  # the 'done' step is the report already
        if kind == "status" and shown & {"wait", "theirs-wait"}:
            continue  # the wait on top opens the status already
        if kind == "plan" and ("plan" not in kinds or "overdue" in shown):
            continue  # the plan when there is one (and not twice: 'overdue' opens it)
        if kind == "agenda" and not kinds:
            continue  # the agenda once the follow-up has begun (an action, a mark, a meeting)
        actions.append(Action(kind))
    several = several_dialogues(found.project, found.local)
    line = overview(found, ws.layout)._replace(namesake=_namesake(ws, found.project))
    return Home(line, tuple(actions), several=several, odd=odd)


def _namesake(ws: Workspace, project: Project) -> bool:
    """Whether another project in the folder has this project's name (read from the index)."""
    name = _same_name(project.name)
    return any(
        isinstance(summary, Summary)
        and not summary.exchange
        and slug != project.slug
        and _same_name(summary.name) == name
        for slug, summary in ws.store.summaries(ws.store.slugs())
    )


def overview(found: Status, layout: Layout | None = None) -> Overview:
    """The one-line summary of a status: progress over this side's questions in every phase.

    With the guide's layout also the whole project's progress, counted as the project list
    counts it (index.answered), so the line and the list show the same number for it.
    """
    state = found.local
    roles = my_roles(state)
    phases = found.dialogues[0].phases
    answered = sum(p.sides[r].answered for p in phases for r in roles)
    total = sum(p.sides[r].total for p in phases for r in roles)
    current = next(
        (p.phase for p in phases if any(p.sides[r].total and not p.sides[r].complete for r in roles)), None
    )
    everyone = Progress(0, 0)
    if layout is not None:
        every = index.questions(layout, len(found.project.partners))
        everyone = Progress(min(index.answered(found.project, layout), every), every)
    return Overview(found.project, state.side, state.me, Progress(answered, total), current, everyone)


def _action(step: Step) -> Action:
    return Action(
        step.kind,
        step.n,
        step.phase,
        step.role,
        step.question,
        step.partner,
        done=step.done,
        each=step.each,
        value=step.record,
        sheet=step.sheet,
        sheets=step.sheets,
    )


def partner_actions(action: Action) -> tuple[Action, ...]:
    """The news or unsent answers of several partners, one action per partner (its command names it)."""
    return tuple(
        action._replace(n=n, partner=partner, each=(), sheet=partner.key in action.sheets)
        for partner, n in action.each
    )


# -- the lists behind the actions that open one ------------------------------------------------


def phase_actions(ws: Workspace) -> tuple[Action, ...]:
    """Each phase to answer or revise, with this side's progress (both sides while it is unknown)."""
    found = status_of(ws)
    roles = my_roles(found.local)
    current = overview(found).phase
    return tuple(
        Action("answer", phase=p.phase, role=role, done=p.sides[role], active=p.phase == current)
        for p in found.dialogues[0].phases
        for role in roles
        if p.sides[role].total
    )


def side_actions(ws: Workspace) -> tuple[Action, ...]:
    """The sides this computer can be on: sharing, or one of the reusing organisations."""
    opened = ws.open()
    project, state = opened.project, opened.local
    sides = [Action("set-side", role="dele", name=project.sharing_org, active=state.me == SHARING)]
    sides += [
        Action("set-side", role="genbruge", partner=p, name=p.name or p.key, active=state.me == p.key)
        for p in project.partners
    ]
    return tuple(sides)


def report_actions(ws: Workspace) -> tuple[Action, ...]:
    """The report formats, and the overview across partners for the sharing side with several."""
    actions = [Action("report", value=fmt) for fmt in REPORT_FORMATS]
    opened = ws.open()
    if len(opened.project.partners) > 1 and opened.local.side != "genbruge":
        actions.append(Action("report-overview", value="docx"))
    return tuple(actions)


def exchange_actions(ws: Workspace) -> tuple[Action, ...]:
    """Send our answers (a file, or a Word worksheet for a partner without the program), or read one."""
    return tuple(Action(kind) for kind in EXCHANGE)


def worksheet_actions(ws: Workspace) -> tuple[Action, ...]:
    """A worksheet of the whole guide, or of one phase (arbejdsark, arbejdsark --fase)."""
    return (Action("worksheet-all"), *(Action("worksheet-phase", phase=p) for p in ws.guide.phases))


def followup_actions(ws: Workspace) -> tuple[Action, ...]:
    """The follow-up (FOLLOWUP): each runs its command (klarhed, godkend, møde, plan tilføj)."""
    return tuple(Action(kind) for kind in FOLLOWUP)


def tool_actions(ws: Workspace) -> tuple[Action, ...]:
    """Every tool to mark readiness after (klarhed), in the guide's order, with this side's marks."""
    opened = ws.open()
    return tuple(
        Action(
            "mark-tool",
            phase=phase,
            value=tool.id,
            name=tool.title,
            followed=_followed(
                opened, lambda p, side, tool=tool: followup.readiness(opened.project, p, tool.id, side)
            ),
        )
        for phase in ws.guide.phases
        for tool in phase.tools
    )


def approve_actions(ws: Workspace) -> tuple[Action, ...]:
    """Every phase to approve (godkend), with this side's approvals."""
    opened = ws.open()
    return tuple(
        Action(
            "approve-phase",
            phase=phase,
            value=phase.id,
            followed=_followed(
                opened, lambda p, side, phase=phase: followup.approval(opened.project, p, phase.id, side)
            ),
        )
        for phase in ws.guide.phases
    )


def _followed(opened, read) -> tuple[tuple[str, Any], ...]:
    """The marks or approvals of the side here (`read(partner, side)`), each with whose dialogue it is in.

    ('', record) for the one dialogue there is, or for the sharing side's record for every dialogue
    when it has several; (the partner's name, record) for a dialogue's own. () when the side is
    not known (the command asks it first).
    """
    project, state = opened.project, opened.local
    if state.side == "genbruge":
        found = read(next((p for p in project.partners if p.key == state.me), None), "genbruge")
        return (("", found),) if found is not None else ()
    if state.side != SHARING:
        return ()
    if len(project.partners) <= 1:
        found = read(project.partners[0] if project.partners else None, SHARING)
        return (("", found),) if found is not None else ()
    common = read(None, SHARING)
    own = ((p.name or p.key, read(p, SHARING)) for p in project.partners)
    mine = tuple((name, r) for name, r in own if r is not None and r.where != "")
    return ((("", common),) if common is not None else ()) + mine


def agenda_actions(ws: Workspace) -> tuple[Action, ...]:
    """The formats the next meeting's agenda can be written in."""
    return tuple(Action("agenda", value=fmt) for fmt in REPORT_FORMATS)


def import_actions(ws: Workspace, *folders: Path) -> tuple[Action, ...]:
    """Files in `folders` that look like a partner's export or a returned worksheet.

    An export is named '...-til-...' or '...-fra-...', or known by its head under another name
    (a .yaml file of a project here); a worksheet is named '...-arbejdsark....docx'. Each export is
    judged for the project here it belongs to, active or not (an import finds that project itself):
    a file this computer wrote for it and nobody has changed since is left out; the front end also
    offers typing a path. The files addressed to this side of the active project come first, newest
    first; our own exports and files meant for another organisation next, and those already
    imported here (unchanged since: importing again brings nothing) last, each said as such
    (whose) in `whose` and `orgs` (see _addressed), and a file of another project than the active
    one names that project (`into`).
    """
    here = _projects_here(ws)
    active = here.by_id.get(here.active_id or "")
    slug = active.slug if active is not None else None
    found = []
    entries = []
    for folder in _each_once([*folders, *_arrived_in(here.imported)]):
        with contextlib.suppress(OSError):
            entries += sorted(folder.iterdir())
    for path in _each_once([*entries, *(Path(p) for p in here.imported)]):
        name = path.name
        # a file imported here is one under any name (renamed, or in another folder), while it is there
        noted = str(path.resolve()) in here.imported
        docx = name.endswith(".docx")  # a worksheet noted is known by its record, as any
        export = not docx and (noted or (name.endswith(".yaml") and ("-til-" in name or "-fra-" in name)))
        sheet = docx and "-arbejdsark" in name
        head = None if export or sheet else _renamed_export(path, here)
        renamed = None if export or sheet or head else _renamed_sheet(path, here)
        if not (export or sheet or head or renamed) or not path.is_file():
            continue
        if _ours_unchanged(path, here.ours.get(str(path.resolve()))):
            continue
        action = Action("import", value=str(path), name=name)
        # the active project's file: by its name, or a renamed worksheet by the project its record names
        mine = renamed == here.active_id if renamed else slug is not None and name.startswith(slug + "-")
        if export or head:
            action = _addressed(action, path, here, head)
            if action.whose == "us" and _brought(path, here.imported):
                action = action._replace(whose="brought")  # imported already (or a copy of one)
        elif _brought(path, here.imported):
            action = action._replace(whose="brought")  # a worksheet imported already (or a copy of one)
        elif mine:
            action = action._replace(whose="us")  # a worksheet of ours, come back
        others = not mine
        found.append(
            ((WHOSE_ORDER[action.whose], action.into is not None, others, -_modified(path), name), action)
        )
    return tuple(action for _, action in sorted(found, key=lambda pair: pair[0]))


def _arrived_in(imported: dict[str, str]) -> list[Path]:
    """The folders files were imported from here: a partner's next file lands where the last did.

    Typed once as a path (a Downloads folder), the next round's file beside it ('svar (1).yaml') is
    offered too; the folders that are no longer there are left out.
    """
    return [folder for folder in sorted({Path(path).parent for path in imported}) if folder.is_dir()]


class _Here(NamedTuple):
    """A project in the folder, as the import list judges a file for it."""

    slug: str
    name: str
    me: str | None  # this computer's organisation in it


class _Folder(NamedTuple):
    """Every project in the folder by identity, and what this computer wrote and imported for any."""

    by_id: dict[str, _Here]
    active_id: str | None
    ours: dict[str, str]  # a file this computer exported (resolved path) -> its checksum then
    imported: dict[str, str]  # a file imported here (path) -> its size and time then


def _projects_here(ws: Workspace) -> _Folder:
    """Each project here (the active one for an identity two files share), read only: no state written."""
    try:
        active_slug: str | None = ws.slug()
    except SpredningError:
        active_slug = None
    by_id: dict[str, _Here] = {}
    active_id = None
    ours: dict[str, str] = {}
    imported: dict[str, str] = {}
    resolved = _Resolver()
    projects = {
        slug: summary
        for slug, summary in ws.store.summaries(ws.store.slugs())
        if isinstance(summary, Summary) and not summary.exchange
    }
    for slug, notes in state_notes.read(ws.store.home, list(projects)).items():
        summary = projects[slug]
        ours.update((resolved(p), digest) for p, digest in notes.exports.items())
        imported.update(notes.imported)
        if slug == active_slug:
            active_id = summary.id
        if summary.id not in by_id or slug == active_slug:
            by_id[summary.id] = _Here(slug, summary.name, notes.me)
    return _Folder(by_id, active_id, ours, imported)


class _Resolver:
    """A file's full path with every link followed, as the import list compares them.

    Exports go to a few folders, so each folder is resolved once: thousands of projects' notes
    resolved one by one took a second. A file we exported is a regular file, not a link, so its
    folder's path and its name are its path. A folder that cannot be resolved (a loop of links)
    is taken as written: no file listed there is one of ours.
    """

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        if folder not in self.folders:
            try:
                self.folders[folder] = str(Path(folder).resolve())
            except (OSError, RuntimeError):
                self.folders[folder] = folder
        return os.path.join(self.folders[folder], name)


WHOSE_ORDER = {"us": 0, None: 1, "own": 2, "other": 3, "brought": 4}


def _each_once(paths: list[Path]) -> list[Path]:
    """Each file once, however it is named (a note holds the resolved path, a folder's listing not)."""
    seen: dict[str, Path] = {}
    for path in paths:
        with contextlib.suppress(OSError, RuntimeError):  # a loop of links: never offered
            seen.setdefault(str(path.resolve()), path)
    return list(seen.values())


def _renamed_export(path: Path, here: _Folder) -> Addressing | None:
    """An export not named as one ('fil (1).yaml', renamed), known by its head: a project's here only.

    Before there is a project (a first run starts one from a partner's file) any export is one.
    """
    head = exchange_head(path)
    return head if head is not None and (not here.by_id or head.id in here.by_id) else None


def _renamed_sheet(path: Path, here: _Folder) -> str | None:
    """A worksheet not named as one ('svar fra Ærø.docx'), known by its record: a project's here only.

    The project's identity (a worksheet is imported only where it was made), or None.
    """
    project = worksheet_project(path)
    return project if project is not None and project in here.by_id else None


def _addressed(action: Action, path: Path, here: _Folder, head: Addressing | None = None) -> Action:
    """An export's sender and receiver by name, and whose it is (head: its addressing, read already).

    Judged for the project here with the file's identity: 'us' (addressed to this side there), 'own'
    (this side's own export), 'other' (meant for another organisation) or None (no project here,
    or this computer's side there not known: the names say it). A project other than the active
    one is named in `into`: the file goes there.
    """
    try:
        head = head or addressing(path)
    except OSError:
        return action
    if head is None:
        return action
    names = {SHARING: head.sharing_org, **head.partners}
    orgs = (names.get(head.sender, head.sender), names.get(head.receiver, head.receiver))
    whose = None
    project = here.by_id.get(head.id)
    me = project.me if project is not None else None
    if me is not None:
        whose = "own" if head.sender == me else "us" if head.receiver == me else "other"
    into = project.name if project is not None and head.id != here.active_id else None
    return action._replace(whose=whose, orgs=orgs, into=into)


def _brought(path: Path, imported: dict[str, str]) -> bool:
    """True for a file imported here and unchanged since, or a byte-for-byte copy of one.

    A mail's attachment saved twice is 'svar (1).yaml' beside 'svar.yaml', or the file imported
    is moved or renamed: importing it again brings nothing new. Known by the checksum noted at
    the import; a note from before checksums, by comparing with its file while that is unchanged.
    """
    resolved = str(path.resolve())
    note = imported.get(resolved)
    if note is not None and note_stamp(note) == file_stamp(path):
        return True
    size = _size(path)
    # of the same size: by checksum any (itself too, changed and changed back), by stamp another one
    same = {other: was for other, was in imported.items() if was.split(":")[0] == str(size)}
    if size is None or not same:
        return False
    digests = {note_digest(was) for was in same.values()}
    if digests - {None} and content_digest(path) in digests:
        return True
    unchanged = [
        Path(other) for other, was in same.items() if other != resolved and file_stamp(Path(other)) == was
    ]
    return _same_as_unchanged(path, unchanged)


def _same_as_unchanged(path: Path, others: list[Path]) -> bool:
    """True when `path` has the bytes of one of `others` (files imported, noted before checksums)."""
    if not others:
        return False
    try:
        data = fileio.read_regular(path, IMPORT_COMPARED)
        return any(fileio.read_regular(other, IMPORT_COMPARED) == data for other in others)
    except OSError:
        return False


def _size(path: Path) -> int | None:
    with contextlib.suppress(OSError):
        return path.stat().st_size
    return None


def _modified(path: Path) -> float:
    with contextlib.suppress(OSError):
        return path.stat().st_mtime
    return 0.0


def _ours_unchanged(path: Path, digest: str | None) -> bool:
    """True for a file this computer wrote that still holds what it wrote (not a partner's reply)."""
    if digest is None:
        return False
    try:
        return fileio.checksum(fileio.read_regular(path, 64 * 1024 * 1024)) == digest
    except OSError:
        return False


def project_actions(ws: Workspace) -> tuple[Action, ...]:
    """Every project to switch to (the active one marked), then start one, then the example."""
    from spredning.app.projects import project_rows

    rows, active = project_rows(ws)
    named = Counter(
        _same_name(row.summary.name)
        for row in rows
        if isinstance(row.summary, Summary) and not row.summary.exchange
    )
    actions = []
    for row in rows:
        summary = row.summary
        if isinstance(summary, Summary) and summary.exchange:
            continue  # a partner's exchange file: to import, never to work in
        if isinstance(summary, Summary):
            done = Progress(min(summary.answered, row.total), row.total)
            chosen = row.slug == active
            by_file = bool(row.copies) or named[_same_name(summary.name)] > 1  # told apart by the file
            use = Action("use", value=row.slug, name=summary.name, done=done, active=chosen, copy=by_file)
            actions.append(use)
        else:
            actions.append(Action("use", value=row.slug, name=row.slug, active=row.slug == active))
    actions.append(Action("start"))
    example = example_slug(ws)
    if example is None or example not in {row.slug for row in rows}:
        actions.append(Action("example"))
    if _merge_from(ws, actions):  # answers started apart, to bring into this one (projekt flet)
        actions.append(Action("merge"))
    if any(action.kind == "use" for action in actions):  # a project no longer wanted (projekt fjern)
        actions.append(Action("remove"))
    if any_kept(ws):  # one removed, maybe by mistake (projekt gendan)
        actions.append(Action("restore"))
    return tuple(actions)


def remove_actions(ws: Workspace) -> tuple[Action, ...]:
    """Every project to remove (projekt fjern), named and marked as in the list to switch to."""
    return tuple(action._replace(kind="remove") for action in project_actions(ws) if action.kind == "use")


def restore_actions(ws: Workspace) -> tuple[Action, ...]:
    """Every removed project to bring back (projekt gendan), newest first, named by its kept folder."""
    from spredning.app.project_restore import kept

    return tuple(Action("restore", value=k.folder.name, name=k.name, kept=k) for k in kept(ws))


def merge_actions(ws: Workspace) -> tuple[Action, ...]:
    """The other projects whose answers this side can bring into the one in use (projekt flet)."""
    uses = [action for action in project_actions(ws) if action.kind == "use"]
    return tuple(action._replace(kind="merge", active=False) for action in _merge_from(ws, uses))


def _merge_from(ws: Workspace, uses: list[Action]) -> list[Action]:
    """Of the projects to switch to, the others where this computer is on the same side as here.

    'projekt flet' brings only this side's own answers, so a project where the side is not known
    (here or there) or differs has none to bring: it is not offered. Only read: no state is written.
    """
    try:
        here = ws.slug()
    except SpredningError:
        return []
    others = [
        action
        for action in uses
        if action.kind == "use"
        and action.value != here
        and action.done is not None  # a file that cannot be read has no answers to bring
    ]
    notes = state_notes.read(ws.store.home, [here, *(action.value or "" for action in others)])
    me = notes[here].me
    if me is None:
        return []
    return [action for action in others if _same_side(notes[action.value or ""].me, me)]


def _same_side(theirs: str | None, me: str) -> bool:
    return theirs is not None and (theirs == SHARING) == (me == SHARING)


def any_kept(ws: Workspace) -> bool:
    """Whether a removed project can be brought back (projekt gendan)."""
    from spredning.app.project_restore import any_kept as kept_any

    return kept_any(ws)


def _same_name(name: str) -> str:
    """A project's name as the eye reads it: two names equal here cannot be told apart in a list."""
    return " ".join(name.split()).casefold()


def example_slug(ws: Workspace) -> str | None:
    """The slug the example project gets (None if its file cannot be read)."""
    try:
        data: Any = yamlio.loads(yamlio.decode(ws.example_file().read_bytes()))
        name = data["projekt"]["navn"]
    except (OSError, yamlio.YamlProblem, KeyError, TypeError):
        return None
    return slugify(name) if isinstance(name, str) else None


def guide_actions(ws: Workspace) -> tuple[Action, ...]:
    """The six phases on one screen, one phase in full, or the whole guide."""
    phases = tuple(Action("guide-phase", phase=p) for p in ws.guide.phases)
    return (Action("guide-overview"), *phases, Action("guide-all"))
