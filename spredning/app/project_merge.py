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

import functools
from typing import NamedTuple

from spredning.app.exchange.applying import ImportResult, apply_import
from spredning.app.exchange.exporting import merged_copies, outgoing_project
from spredning.app.exchange.import_plan import ImportPlan
from spredning.app.exchange.incoming import Incoming
from spredning.app.exchange.planning import plan_into_own
from spredning.app.projects import same_organisation
from spredning.app.workspace import Workspace
from spredning.core import history
from spredning.core.errors import SpredningError, UsageProblem
from spredning.core.history import Outcome
from spredning.core.local import LocalState, own_copies
from spredning.core.model import SHARING, Answer, Entry, Project, side_of


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
    target = store.open(target_slug)
    return _merge_into(ws, source_slug, target.project, target.local, target_slug)


def _merge_into(ws: Workspace, source_slug: str, project: Project, local: LocalState, slug: str) -> Merge:
    """plan_merge into `project` as this computer holds it (`local`): one here, or one an import makes."""
    source = ws.store.open(source_slug)
    me, theirs = local.me, source.local.me
    if me is None:
        raise UsageProblem("merge.no-side", name=project.name, slug=slug)
    if theirs is None or (theirs == SHARING) != (me == SHARING):
        raise UsageProblem("merge.other-side", name=source.project.name, slug=source_slug, side=local.side)
    side = local.side
    outgoing = outgoing_project(source.project, theirs, None, include_all=me == SHARING, role=side)
    keys = _dialogue_keys(source.project, project, outgoing, theirs, me)
    open_here = [  # ours only: a partner's own conflict (its worksheet against its file) is not brought
        slot
        for slot, entry in source.project.entries()
        if entry.in_conflict and _ours(slot, keys) and side_of(slot[1]) == side
    ]
    if open_here:
        raise UsageProblem(
            "merge.source-conflicts", name=source.project.name, slug=source_slug, n=len(open_here)
        )
    carried = _carried(outgoing, keys, project)
    plan = plan_into_own(project, local, Incoming(carried, source.path, me, me))
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

    try:  # cached: a long list is not read file by file
        me = state_notes.read(ws.store.home, [slug])[slug].me
    except SpredningError:  # the helper folder cannot be read: nothing is offered, the import stands
        return []
    return _elsewhere(ws, me, (slug, *leave_out), lambda other: plan_merge(ws, other, slug))


def answers_elsewhere_planned(ws: Workspace, plan: ImportPlan) -> list[Elsewhere]:
    """answers_elsewhere for the new project an import plans (its dry run): what the import will say.

    The project is as the plan has it, this computer the side and organisation the import makes it.
    """
    from spredning.core.local import new_copy_id

    side, organisation = plan.becomes or (None, None)
    local = LocalState(copy=new_copy_id(), side=side, organisation=organisation)
    slug = plan.project.slug
    merge = functools.partial(_merge_into, ws, project=plan.project, local=local, slug=slug)
    return _elsewhere(ws, local.me, (slug, *plan.namesakes), merge)


def _elsewhere(ws: Workspace, me: str | None, leave_out: tuple[str, ...], merge) -> list[Elsewhere]:
    """The projects here, but those left out, whose answers of ours `merge(slug)` would bring; how many."""
    from spredning.core.store import state_notes

    others = [other for other in ws.store.slugs() if other not in leave_out]
    try:  # cached: a long list is not read file by file
        notes = state_notes.read(ws.store.home, others)
    except SpredningError:  # the helper folder cannot be read: nothing is offered, the import stands
        return []
    found: list[Elsewhere] = []
    for other in others:
        theirs = notes[other].me
        if me is None or theirs is None or (theirs == SHARING) != (me == SHARING):
            continue  # another side there (or none known): no answers of ours to bring
        try:
            if ws.store.load(other).example:
                continue
            merge_plan = merge(other)
        except SpredningError:  # refused (another side, conflicts there) or unreadable: nothing to offer
            continue
        answers = len(merge_plan.plan.listed(Outcome.ADDED, Outcome.UPDATED, Outcome.CONFLICT))
        if answers:
            found.append(Elsewhere(other, merge_plan.source_name, answers))
    return found


def _dialogue_keys(
    source: Project, target: Project, outgoing: Project, theirs: str, me: str
) -> dict[str, str]:
    """Each dialogue key in the other project → this project's key for the same organisation.

    On the reusing side that is our own organisation; on the sharing side each partner, found by
    name. A partner this project does not have is refused, with how to add it first, when the
    dialogue holds answers or follow-up of ours (they would be left behind). One with only the
    partner's answers brings nothing, as no partner's answer ever comes.
    """
    if me != SHARING:
        return {theirs: me}
    keys = {}
    for key in sorted({*outgoing.dialogues, *(k for k in outgoing.records if k)}):
        partner = source.partner(key)
        name = partner.name if partner is not None else key
        found = next((p for p in target.partners if same_organisation(name, p.name or p.key)), None)
        if found is None:
            raise UsageProblem("merge.partner-missing", name=name, project=target.name, source=source.name)
        keys[key] = found.key
    return keys


def apply_merge(ws: Workspace, merge: Merge) -> ImportResult:
    """Write `projekt flet`: the answers brought in, and their copies noted as this computer's own.

    The copies noted (LocalState.merged) are those of the versions brought that were this
    computer's own in the other project (local.own_copies: its copy, those merged into it, its
    worksheets'): so status and eksport still count them as this computer's. A version that came
    into the other project otherwise stays one written elsewhere: a partner's, from its file (what
    the partner has is noted only there), or a colleague's copy's. A state from a program before
    the note gets the copies merged into it before (exporting.merged_copies) noted too.
    """
    source = ws.store.open(merge.source)
    target = ws.store.open(merge.plan.project.slug)
    ours = own_copies(source.local).union(merged_copies(ws, source.project, source.local))
    carried = merge.plan.incoming.project
    written = [e.answer for _, e in [*carried.entries(), *carried.record_entries()]]
    brought = {copy for answer in written for copy, _ in answer.version if copy in ours}
    own = (*merged_copies(ws, target.project, target.local), *sorted(brought))
    return apply_import(ws, merge.plan, {}, own=own)


def left_behind(ws: Workspace, merge: Merge) -> list[tuple[str, int]]:
    """The other organisations' answers in the other project that the one in use lacks: (name, how many).

    `projekt flet` brings only this side's own answers; a partner's (or the sharing side's) that
    came into the other project from their files stay there. Removing it then takes them out of
    sight (to 'fjernede'), so the advice to remove it says so. An answer counts when the project
    in use has neither its content nor a newer version of it in the same place (for the same
    organisation, found by name). In the order the other project has them.
    """
    source = ws.store.load(merge.source)
    target = ws.store.load(merge.plan.project.slug)
    side = ws.store.local(merge.source).side
    left: dict[str, int] = {}
    for (where, question_id), entry in source.entries():
        if entry.answer.empty or side_of(question_id) in (None, side):
            continue  # never answered, or ours (flet brought it, or said why not)
        partner = source.partner(where) if where else None
        name = (partner.name or partner.key) if partner is not None else where
        here = _place_here(target, where, name)
        had = target.entry((here, question_id)) if here is not None else None
        if had is None or not _as_new(had.answer, entry.answer):
            sharers = side_of(question_id) == SHARING  # (also a variant for one partner: the sharer's)
            who = (source.sharing_org or target.sharing_org) if sharers else name
            left[who] = left.get(who, 0) + 1
    return list(left.items())


def _as_new(here: Answer, there: Answer) -> bool:
    """Whether the answer here says what the one there says, or is a newer version of it."""
    newer = history.compare(here.version, there.version) in (history.Order.AFTER, history.Order.SAME)
    return here.same_content(there) or (newer and bool(there.version))


def _place_here(target: Project, where: str, name: str) -> str | None:
    """The key in `target` of the dialogue with the organisation `name` ('' for the shared answers)."""
    if not where:
        return ""
    found = next((p for p in target.partners if same_organisation(name, p.name or p.key)), None)
    return found.key if found is not None else None


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
