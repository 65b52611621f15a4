"""`projekt flet`: this side's own answers from another project on this computer, into the one in use.

A partner who started a project on its own before the sharing side's file came has its answers
there, and the shared project (imported from that file) beside it. The answers are brought over as
an exchange file from ourselves would bring them: our side's answers and follow-up from the other
project, under this project's keys, go through the import's own rules (app/exchange/,
core/history.py). A text already here is no change; one that differs is kept beside ours as a
conflict to settle with `konflikter`; nothing is overwritten. Since the version is ours, it is no
news to read, and nothing is marked as sent or received.
"""

from __future__ import annotations

from typing import NamedTuple

from spredning.app.exchange.exporting import outgoing_project
from spredning.app.exchange.import_plan import ImportPlan
from spredning.app.exchange.incoming import Incoming
from spredning.app.exchange.planning import plan_into_own
from spredning.app.projects import same_organisation
from spredning.app.workspace import Workspace
from spredning.core.errors import SpredningError, UsageProblem
from spredning.core.history import Outcome
from spredning.core.model import SHARING, Entry, Project


class Merge(NamedTuple):
    """What `projekt flet` would do: the import plan, and the project the answers come from."""

    plan: ImportPlan
    source: str  # the other project's slug
    source_name: str


def plan_merge(ws: Workspace, source_name: str, project_option: str | None) -> Merge:
    """Plan bringing our side's answers from the project `source_name` into the one in use.

    Refused, with nothing changed, when the two are one, when this computer's side is not known
    in either or differs, when the other project has open conflicts of ours (only one version
    could come), or when it has a dialogue with an organisation this project does not have.
    """
    store = ws.store
    target_slug = store.resolve(project_option)
    source_slug = store.find(source_name)
    if source_slug == target_slug:
        raise UsageProblem("merge.same-project", name=source_name.strip())
    target, source = store.open(target_slug), store.open(source_slug)
    me, theirs = target.local.me, source.local.me
    if me is None:
        raise UsageProblem("merge.no-side", name=target.project.name, slug=target_slug)
    if theirs is None or (theirs == SHARING) != (me == SHARING):
        raise UsageProblem(
            "merge.other-side", name=source.project.name, slug=source_slug, side=target.local.side
        )
    side = target.local.side
    outgoing = outgoing_project(source.project, theirs, None, include_all=me == SHARING, role=side)
    keys = _dialogue_keys(source.project, target.project, outgoing, theirs, me)
    open_here = [slot for slot, entry in source.project.entries() if entry.in_conflict and _ours(slot, keys)]
    if open_here:
        raise UsageProblem(
            "merge.source-conflicts", name=source.project.name, slug=source_slug, n=len(open_here)
        )
    carried = _carried(outgoing, keys, target.project)
    incoming = Incoming(carried, source.path, me, me)
    plan = plan_into_own(ws, target_slug, incoming)
    return Merge(plan, source_slug, source.project.name)


class Elsewhere(NamedTuple):
    """Another project here with answers of ours that `projekt flet` would bring into one."""

    slug: str
    name: str
    answers: int  # the answers that would come: new, newer or beside ours as a conflict


def answers_elsewhere(ws: Workspace, slug: str, leave_out: tuple[str, ...] = ()) -> list[Elsewhere]:
    """The other projects whose answers of ours `projekt flet` would bring into `slug`, and how many.

    Not an example, not those in `leave_out`; only read, nothing written. A partner that started a
    project of its own before the partner's file came (by another name) has its answers there, and
    none in the project the file made: said, they are not retyped.
    """
    from spredning.core.store import state_notes

    others = [other for other in ws.store.slugs() if other != slug and other not in leave_out]
    try:  # cached: a long list is not read file by file
        notes = state_notes.read(ws.store.home, [slug, *others])
    except SpredningError:  # the helper folder cannot be read: nothing is offered, the import stands
        return []
    me = notes[slug].me
    found: list[Elsewhere] = []
    for other in others:
        theirs = notes[other].me
        if me is None or theirs is None or (theirs == SHARING) != (me == SHARING):
            continue  # another side there (or none known): no answers of ours to bring
        try:
            if ws.store.load(other).example:
                continue
            merge = plan_merge(ws, other, slug)
        except SpredningError:  # refused (another side, conflicts there) or unreadable: nothing to offer
            continue
        answers = len(merge.plan.listed(Outcome.ADDED, Outcome.UPDATED, Outcome.CONFLICT))
        if answers:
            found.append(Elsewhere(other, merge.source_name, answers))
    return found


def _dialogue_keys(
    source: Project, target: Project, outgoing: Project, theirs: str, me: str
) -> dict[str, str]:
    """Each dialogue key in the other project → this project's key for the same organisation.

    On the reusing side that is our own organisation; on the sharing side each partner, found by
    name. A partner this project does not have is refused, with how to add it first.
    """
    if me != SHARING:
        return {theirs: me}
    keys = {}
    for key in outgoing.dialogues:
        partner = source.partner(key)
        name = partner.name if partner is not None else key
        found = next((p for p in target.partners if same_organisation(name, p.name or p.key)), None)
        if found is None:
            raise UsageProblem("merge.partner-missing", name=name, project=target.name)
        keys[key] = found.key
    return keys


def _ours(slot: tuple[str, str], keys: dict[str, str]) -> bool:
    return not slot[0] or slot[0] in keys


def _carried(outgoing: Project, keys: dict[str, str], target: Project) -> Project:
    """The answers and follow-up to bring, under this project's identity and keys; nothing empty.

    An answer never given, or emptied there, brings nothing: an emptied one would be a conflict
    with the text here (a deletion in a project that is going away).
    """

    def given(entries) -> dict[str, Entry]:
        return {k: e for k, e in entries.items() if not e.answer.empty}

    dialogues = {keys[k]: given(v) for k, v in outgoing.dialogues.items() if k in keys}
    records = {
        ("" if not k else keys.get(k, "")): given(v)
        for k, v in outgoing.records.items()
        if not k or k in keys
    }
    return outgoing._replace(
        id=target.id,
        slug=target.slug,
        partners=tuple(p for p in target.partners if p.key in dialogues),
        shared=given(outgoing.shared),
        dialogues={k: v for k, v in dialogues.items() if v},
        records={k: v for k, v in records.items() if v},
    )
