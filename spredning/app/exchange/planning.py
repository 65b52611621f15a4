"""Planning an import: the project a file belongs to, and what it does there, answer by answer.

An import brings each answer in by the rules in core/history.py, into the project with the same
identity, wherever it is and whichever project is active; a file with no project here becomes a
new one. The follow-up records (core/followup.py) are merged by the same rules. A file meant for
another organisation, or one this organisation sent itself that brings nothing, is refused before
anything is written.
"""

from __future__ import annotations

from spredning.app.dialogue import org_named
from spredning.app.exchange.import_plan import ImportPlan, Planned, incoming_source
from spredning.app.exchange.incoming import Incoming
from spredning.app.exchange.noting import writer
from spredning.app.workspace import Workspace
from spredning.core import history
from spredning.core.errors import Message, SpredningError, UsageProblem
from spredning.core.local import LocalState, with_sheet_versions
from spredning.core.model import SHARING, Entry, Partner, Project, Slot, fold_name, free_slug
from spredning.core.store import Found


def plan_import(ws: Workspace, incoming: Incoming, project_option: str | None) -> ImportPlan:
    """Find the project the file belongs to (or plan a new one) and decide answer by answer."""
    store = ws.store
    named = store.find(project_option) if project_option is not None else None
    if named is not None and incoming.legacy:
        found: Found | None = Found(named)  # an old file names no identity: it goes where it is told
    else:  # a copy of the project kept beside it: the chosen (or active) file is the project
        found = store.find_by_id(incoming.project.id, prefer=named if named is not None else store.active())
        started = _started_here(ws, incoming, named) if found is None else None
        if started is not None:
            return _plan_adopting(ws, incoming, started)
        if named is not None and (found is None or found.slug != named):
            project = store.load(named)
            if fold_name(project.name) == fold_name(incoming.project.name):  # one name, started apart
                raise UsageProblem(
                    "exchange.other-project-namesake",
                    path=incoming.path,
                    name=project.name,
                    org=sender_name(incoming, project),
                )
            raise UsageProblem(
                "exchange.other-project", path=incoming.path, theirs=incoming.project.name, ours=project.name
            )
    if found is None:
        return _plan_new(ws, incoming)
    opened = store.open(found.slug)
    _check_receiver(incoming, opened.project, opened.local)
    becomes = None if opened.local.me else _identity(incoming)
    plan = _plan_into(opened.project, opened.local, incoming, becomes)
    _check_own_file(plan, opened.local)
    return plan._replace(copies=tuple(store.path_for(slug) for slug in found.copies))


def plan_into_own(project: Project, state: LocalState, incoming: Incoming) -> ImportPlan:
    """Plan bringing in a file of our own answers (`projekt flet`: from another project here).

    The same rules as a partner's file, into `project` as this computer holds it (`state`); its
    sender is this computer's organisation, so what it brings is no news, and nothing is
    remembered as sent or received.
    """
    return _plan_into(project, state, incoming, None)


def _started_here(ws: Workspace, incoming: Incoming, named: str | None) -> str | None:
    """The project a reusing organisation started here that a sharing side's file clearly belongs to.

    'start --rolle genbruge' makes a project with an identity of its own; the sharing side's first
    file then has another, and would become a second project of the same name. It is clearly the
    same project when it is the only one here of that name (or the one --projekt names), started on
    the reusing side as the organisation the file is written to, with the same sharing
    organisation, and has never had a file in or out (no one else knows its identity yet). Else
    None: the file is imported as before (a project beside, said plainly), nothing guessed.
    """
    store = ws.store
    if incoming.legacy or incoming.sender != SHARING or incoming.receiver in (None, SHARING):
        return None
    slugs = (named,) if named is not None else _namesakes(ws, incoming.project)
    if len(slugs) != 1:
        return None
    try:
        opened = store.open(slugs[0])
    except SpredningError:  # unreadable: left to the commands that read it
        return None
    project, state = opened.project, opened.local
    if (
        fold_name(project.name) != fold_name(incoming.project.name)
        or fold_name(project.sharing_org) != fold_name(incoming.project.sharing_org)
        or project.example
        or state.side != "genbruge"
        or state.me != incoming.receiver
        or project.partner(incoming.receiver or "") is None
        or state.known
        or state.brought
        or state.exports
        or state.worksheets
    ):
        return None
    return slugs[0]


def _plan_adopting(ws: Workspace, incoming: Incoming, slug: str) -> ImportPlan:
    """An import into the project the reusing organisation started here, which takes the file's identity."""
    opened = ws.store.open(slug)
    plan = _plan_into(opened.project, opened.local, incoming, None)
    return plan._replace(adopts=True)


def _check_own_file(plan: ImportPlan, state: LocalState) -> None:
    """A file this organisation exported itself, that brings nothing: the partner's was meant.

    Refused with how the partner's export ends (see exporting.export), and nothing is written. Its start is
    the partner's file name for the project, which need not be ours ('...-2' where they have two of
    that name), so it is not guessed. Our own file that does bring something (the project here
    put back to an older copy) is imported.
    """
    incoming, me = plan.incoming, state.me
    if me is None or incoming.sender != me or incoming.receiver in (None, me) or not plan.brings_nothing():
        return
    project = plan.project
    partners = (*project.partners, *incoming.project.partners)
    receiver = org_named(incoming.receiver, (project.sharing_org, incoming.project.sharing_org), partners)
    ending = f"-til-{me}.yaml" if incoming.receiver == SHARING else f"-fra-{incoming.receiver}.yaml"
    raise SpredningError("exchange.own-file", path=incoming.path, receiver=receiver, ending=ending)


def _identity(incoming: Incoming) -> tuple[str, str | None] | None:
    """The side a file's receiver is: this computer's side when it does not know its own yet."""
    if incoming.receiver is None:
        return None
    if incoming.receiver == SHARING:
        return "dele", None
    return "genbruge", incoming.receiver


def _check_receiver(incoming: Incoming, project: Project, state: LocalState) -> None:
    """A file addressed to another organisation is not ours to read (confidentiality)."""
    me = state.me
    if me is None or incoming.receiver is None or incoming.receiver == me or incoming.sender == me:
        return
    if me == SHARING and incoming.receiver != SHARING:  # the sharing side sees every dialogue
        return
    sharing = (project.sharing_org, incoming.project.sharing_org)
    partners = (*project.partners, *incoming.project.partners)
    receiver = org_named(incoming.receiver, sharing, partners)
    if incoming.receiver == SHARING:
        raise SpredningError("exchange.not-for-us", path=incoming.path, receiver=receiver)
    # another reusing organisation's file: ours is on its way, or this computer is set wrongly
    # (say, by the first file imported here, meant for someone else); both ways out are said
    raise SpredningError(
        "exchange.for-other-reuser",
        path=incoming.path,
        receiver=receiver,
        own=org_named(me, sharing, partners),
        sharing=org_named(SHARING, sharing, partners),
    )


def _plan_new(ws: Workspace, incoming: Incoming) -> ImportPlan:
    slug = free_slug(incoming.project.slug, ws.store.slugs())
    empty = incoming.project._replace(slug=slug, shared={}, dialogues={}, records={}, example=False)
    becomes = _identity(incoming)
    if becomes is None and incoming.sender is not None:  # an old file: we are the other side
        becomes = ("genbruge", _first_key(incoming.project)) if incoming.sender == SHARING else ("dele", None)
    plan = _plan_into(empty, LocalState(copy="00000000"), incoming, becomes, creates=True)
    return plan._replace(namesakes=_namesakes(ws, incoming.project))


def _namesakes(ws: Workspace, project: Project) -> tuple[str, ...]:
    """The projects here with the name of a file's project but another identity (started apart).

    Names are compared folded (case, Danish letters' spellings and spacing aside), as a user reads
    them; a partner's export kept in the folder is no project of ours, and an unreadable file is
    left to the commands that read it.
    """
    wanted = fold_name(project.name)
    return tuple(
        slug
        for slug, summary in ws.store.summaries(ws.store.slugs())
        if not isinstance(summary, SpredningError)
        and not summary.exchange
        and summary.id != project.id
        and fold_name(summary.name) == wanted
    )


def sender_name(incoming: Incoming, project: Project) -> str | Message:
    """The organisation a file comes from, by name (as the file names it), for messages."""
    if incoming.sender is None:
        return Message("importer.sender-unknown")
    return org_named(
        incoming.sender,
        (incoming.project.sharing_org, project.sharing_org),
        (*incoming.project.partners, *project.partners),
    )


def _first_key(project: Project) -> str | None:
    return project.partners[0].key if project.partners else None


def _plan_into(
    project: Project,
    state: LocalState,
    incoming: Incoming,
    becomes: tuple[str, str | None] | None,
    creates: bool = False,
) -> ImportPlan:
    me = state.me or (becomes and (SHARING if becomes[0] == "dele" else becomes[1]))
    answers = _incoming_slots(project, incoming, me)
    records = _incoming_slots(project, incoming, me, records=True)
    new_partners: list[Partner] = []
    for key in dict.fromkeys(slot[0] for slot, _ in (*answers, *records)):
        if key and project.partner(key) is None:
            new_partners.append(incoming.project.partner(key) or Partner(key, ""))
    items = []
    for slot, entry in answers:
        before = project.entry(slot)
        if incoming.legacy:
            base = (incoming.legacy_base or {}).get(slot[1])
            after, outcome = history.integrate_legacy(before, entry.answer, base, state.copy)
        else:
            source = incoming_source(incoming, before, entry.answer, project.id, me or None)
            after, outcome = history.integrate(before, entry.answer._replace(source=source))
            after = _sheet_stands(state, incoming, slot, before, after)
        items.append(Planned(slot, outcome, before, after, entry.answer))
    planned_records = []
    for slot, entry in records:
        before = project.record(slot)
        source = incoming_source(incoming, before, entry.answer, project.id, me or None)
        after, outcome = history.integrate(before, entry.answer._replace(source=source))
        planned_records.append(Planned(slot, outcome, before, after, entry.answer))
    return ImportPlan(
        incoming,
        project,
        creates,
        tuple(items),
        tuple(new_partners),
        becomes,
        tuple(planned_records),
        me=me or None,
        copy=state.copy,
        brought=state.brought.get(incoming.sender or "", {}),
        came_in=frozenset((key, version) for each in state.brought.values() for key, version in each.items()),
        sheet_known=incoming.sheet_versions is not None
        and with_sheet_versions(state, *incoming.sheet_versions) == state,
    )


def _sheet_stands(
    state: LocalState, incoming: Incoming, slot: Slot, before: Entry | None, after: Entry
) -> Entry:
    """The entry with a partner's worksheet text standing, its program's beside: both its own.

    A partner may fill in our worksheet and type another text in its program meanwhile. Its program
    has the one it typed, never the sheet's, and an export carries only the version that stands
    (exporting.outgoing_project). The sheet's text stands, then, whichever came in first, so our
    export gives the partner both versions to settle (model.writer_settles), and its decision comes back.
    """
    sender = incoming.sender
    if (
        incoming.sheet_versions is None
        or state.me != SHARING
        or sender in (None, SHARING)
        or before is None
        or before.others
        or len(after.others) != 1
        or after.answer != before.answer
        or writer(state, slot, before.answer) != sender
    ):
        return after
    return Entry(after.others[0]._replace(source=""), (before.answer._replace(source=sender or ""),))


def _incoming_slots(
    project: Project, incoming: Incoming, me: str | None, records: bool = False
) -> list[tuple[Slot, Entry]]:
    """The answers (or records) an import may bring in: from a partner only its own dialogue's."""
    sender = incoming.sender
    slots: list[tuple[Slot, Entry]] = []
    found = incoming.project.record_entries() if records else incoming.project.entries()
    for (key, qid), entry in found:
        if key:
            key = _local_key(project, incoming, key, me)
            if sender not in (None, SHARING, me) and key != sender:
                continue  # a partner's file changes only that partner's dialogue
        slots.append(((key, qid), entry))
    return slots


def _local_key(project: Project, incoming: Incoming, key: str, me: str | None) -> str:
    """An old file's one dialogue belongs to its sender (or to us); new files name theirs."""
    if not incoming.legacy or project.partner(key) is not None:
        return key
    if incoming.sender not in (None, SHARING):
        return incoming.sender
    if me not in (None, SHARING):
        return me
    return project.partners[0].key if project.partners else key
