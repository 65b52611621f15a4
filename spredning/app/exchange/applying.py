"""Applying an import: the plan written into the project file, with the local state noted.

An answer saved meanwhile is merged again rather than overwritten; a conflict the user decided
while importing is settled at once, unless it changed while the choice was asked (then the choice,
made against a version no longer saved, is not used); a text of ours the import replaces is first
kept in a copy of the project file. A new project a file brings is made here.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from spredning.app import partner_drafts
from spredning.app.exchange.conflicts import leaves_behind
from spredning.app.exchange.import_plan import ImportPlan, Planned, incoming_source
from spredning.app.exchange.noting import no_longer_news, remember
from spredning.app.partner_drafts import Returned
from spredning.app.workspace import Workspace
from spredning.core import history, local
from spredning.core.errors import Message, SpredningError
from spredning.core.history import Outcome
from spredning.core.local import LocalState, slot_key
from spredning.core.model import Answer, Entry, Partner, Project, Slot, longest_of


class ImportResult(NamedTuple):
    """What an import did."""

    plan: ImportPlan
    path: Path
    open_conflicts: int  # conflicts left for later (in the imported dialogues)
    settled: int
    backup: Path | None = None  # the project file as it was, kept when something of ours was replaced
    chosen_over: int = 0  # conflicts where the version chosen left the text that stood here behind
    meanwhile: tuple[Slot, ...] = ()  # decisions not used: their answer changed while the choice was asked
    decided: frozenset[Slot] = frozenset()  # the conflicts settled by the user's choice
    returned: tuple[Returned, ...] = ()  # drafts taken back: organisations removed before, back with the file


def apply_import(
    ws: Workspace, plan: ImportPlan, decisions: Mapping[Slot, Answer], own: Collection[str] | None = None
) -> ImportResult:
    """Write an import: each answer as planned unless it changed meanwhile (then merged again).

    `decisions` settle some of the new conflicts now: the content the user chose for each, used
    only when the conflict is still the one shown (the plan's); one changed meanwhile (another
    window saved the answer while the list was open) is brought in as any answer saved meanwhile,
    and its choice named in ImportResult.meanwhile: a choice made against a text the user never
    saw would replace it. When the import changes or empties our own saved answers or follow-up
    records (keeps_copy), the project file as it was is first kept as a copy beside it
    (ImportResult.backup), so their old text is not lost. `own`: the copies whose versions come in
    as this computer's own (`projekt flet`: project_merge.apply_merge), noted in the state
    (LocalState.merged).
    """
    store = ws.store
    if plan.creates:
        with _said_as_import(store, plan):
            _create(store, plan)

    def bring_in(project: Project, state: LocalState):
        back = _back(project, plan)
        project = project._replace(partners=with_partners(project.partners, plan.new_partners))
        state, returned = partner_drafts.returning(store.home, plan.project.slug, state, back)
        if plan.adopts:  # one project with the sharing side's from now on: its identity
            # and the sharing organisation's name as it writes it (the same name, told apart here
            # only by case or spacing: see planning._started_here)
            sharing_org = plan.incoming.project.sharing_org or project.sharing_org
            project = project._replace(id=plan.incoming.project.id, sharing_org=sharing_org)
        if plan.becomes and state.me is None:
            state = state._replace(side=plan.becomes[0], organisation=plan.becomes[1])
        news, used = [], {}  # used: whether the user's choice for an answer was (None: none made)
        strays = {item.slot for item in plan.strays(ws.layout)}  # shown nowhere: nothing to read
        for item in plan.items:
            fresh = project.entry(item.slot)
            after, used[item.slot] = _brought_in(item, fresh, plan, decisions, state)
            if after != fresh:
                project = project.with_entry(item.slot, after)
            if (
                not used[item.slot]  # the partner's version read to decide: it is no news later
                and item.slot not in strays  # shown nowhere: nothing to read
                and item.outcome in (Outcome.ADDED, Outcome.UPDATED, Outcome.RESOLVED, Outcome.CONFLICT)
                and not plan.from_own_sheet(item)
            ):  # what we wrote ourselves in a worksheet (kept beside ours, too) is no news from the sender
                news.append(slot_key(item.slot))
        project = _bring_in_records(project, plan)
        decided = frozenset(slot for slot, choice in used.items() if choice)
        state = no_longer_news(remember(state, plan, news), {slot_key(slot) for slot in decided})
        if own is not None:
            state = local.with_merged(state, own)
        open_conflicts = sum(1 for slot, e in project.entries() if e.in_conflict)
        meanwhile = tuple(slot for slot, choice in used.items() if choice is False)
        return project, state, (open_conflicts, decided, meanwhile, returned)

    leaving = _leaving(plan, decisions)
    keep = plan.keeps_copy() or bool(leaving)  # a copy only when a text of ours is replaced
    open_conflicts, decided, meanwhile, returned = _transact_import(store, plan, bring_in, keep)
    if not store.not_remembered:  # the texts are in the state file now: their own file can go
        partner_drafts.forget(returned)
    backup = store.last_backup if keep else None
    path = store.path_for(plan.project.slug)
    chosen_over = len(leaving & decided)  # a choice not used left nothing behind
    return ImportResult(
        plan, path, open_conflicts, len(decided), backup, chosen_over, meanwhile, decided, returned
    )


def _brought_in(
    item: Planned, fresh: Entry | None, plan: ImportPlan, decisions: Mapping[Slot, Answer], state: LocalState
) -> tuple[Entry, bool | None]:
    """An answer as the import leaves it, and whether the user's choice for it was used (None: none made).

    Saved meanwhile, it is brought in again (_again). A choice settles it only when the conflict
    is still the one it was made in (the plan's): else it is not used (False), so a text saved in
    another window while the list was open is not replaced by a choice made without seeing it.
    """
    after = item.after if fresh == item.before else _again(fresh, item, plan, state.copy)
    if item.slot not in decisions:
        return after, None
    if after != item.after:  # not the versions the choice was made among
        return after, False
    if not after.in_conflict:  # nothing to settle (the plan's conflict always is one)
        return after, None
    given = local.given_count(state, item.slot)
    return history.resolved(after, decisions[item.slot], state.copy, given), True


def _leaving(plan: ImportPlan, decisions: Mapping[Slot, Answer]) -> set[Slot]:
    """The conflicts whose chosen version drops the text that stood here: kept in a copy first."""
    return {
        item.slot
        for item in plan.items
        if item.slot in decisions
        and item.before is not None
        and leaves_behind(item.before.answer, decisions[item.slot])
    }


def _create(store, plan: ImportPlan) -> None:
    """The new project a file brings; active, unless a project of its name is in use (see in_use)."""
    in_use_now = in_use(store) if plan.namesakes else None
    state = local.load(store.home, plan.project.slug)._replace(fresh=False)
    if plan.becomes:
        state = state._replace(side=plan.becomes[0], organisation=plan.becomes[1])
    store.create(plan.project._replace(partners=(*plan.project.partners, *plan.new_partners)), state)
    if in_use_now is None:
        store.set_active_after(plan.project.slug)
    elif store.active() != in_use_now:  # it was the only one: named now, or commands would not know
        store.set_active_after(in_use_now)


def in_use(store) -> str | None:
    """The project commands without --projekt work in now: the active one, else the only one.

    A file started apart from a project of the same name here becomes a second project of that
    name; made active, it would hide the one in use (on the sharing side, the one with every
    other dialogue) from each following command. So the one in use stays active.
    """
    active = store.active()
    if active is not None:
        return active
    slugs = store.project_slugs()
    return slugs[0] if len(slugs) == 1 else None


def drafts_returning(ws: Workspace, plan: ImportPlan) -> tuple[Returned, ...]:
    """For the dry run: the drafts the import would take back (organisations removed here, back with it)."""
    if plan.creates:
        return ()
    state = ws.store.open(plan.project.slug).local
    return partner_drafts.returning(ws.store.home, plan.project.slug, state, _back(plan.project, plan))[1]


def _back(project: Project, plan: ImportPlan) -> list[Partner]:
    """The organisations the file brings that the project does not have: removed before, maybe."""
    return [p for p in plan.new_partners if project.partner(p.key) is None]


def check_fits(ws: Workspace, plan: ImportPlan) -> None:
    """Refuse, as the import would, a plan that leaves the project too large for its file.

    For the dry run: the project as the plan leaves it, every conflict kept open (the import
    without questions). Nothing is written.
    """
    project = plan.project._replace(partners=with_partners(plan.project.partners, plan.new_partners))
    for item in plan.items:
        project = project.with_entry(item.slot, item.after)
    for item in plan.records:
        project = project.with_record(item.slot, item.after)
    with _said_as_import(ws.store, plan):
        ws.store.check_fits(project)


def _transact_import(store, plan: ImportPlan, bring_in, keep_backup: bool):
    """store.transact for an import: a project grown too large is the partner's answers to shorten."""
    with _said_as_import(store, plan):
        return store.transact(plan.project.slug, bring_in, keep_backup=keep_backup)


@contextmanager
def _said_as_import(store, plan: ImportPlan):
    """A project too large for its file is refused naming the longest answers the file brings.

    Those are what the sender can shorten; the longest in the project may be ours or another
    partner's, whom the refusal would send the user to ask.
    """
    try:
        yield
    except SpredningError as exc:
        if not exc.key.startswith("store.too-large"):
            raise
        hint = Message("importer.too-large.hint", exc.params)
        longest = _longest_brought(plan)
        if not longest:
            exc.hint = hint
            raise
        ids = [store.name_answer(plan.project, slot) for slot in longest]
        refused = SpredningError.of(Message("importer.too-large", exc.params), ids=ids, n=len(ids))
        refused.hint = hint
        raise refused from exc


def _longest_brought(plan: ImportPlan, most: int = 3) -> list[Slot]:
    """The answers and records the file brings that take up the most room, longest first.

    As Project.longest (model.longest_of): at most `most`, and only those at least a tenth of the longest.
    """
    sizes = {
        item.slot: len(item.incoming.text)
        for item in (*plan.items, *plan.records)
        if item.outcome in (Outcome.ADDED, Outcome.UPDATED, Outcome.CONFLICT, Outcome.RESOLVED)
    }
    return longest_of(sizes, most)


def _bring_in_records(project: Project, plan: ImportPlan) -> Project:
    """The follow-up records as planned; one changed during the import is brought in again."""
    for item in plan.records:
        fresh = project.record(item.slot)
        after = item.after
        if fresh != item.before:
            source = incoming_source(plan.incoming, fresh, item.incoming, plan.project.id, plan.me)
            after = history.integrate(fresh, item.incoming._replace(source=source))[0]
        if after != fresh:
            project = project.with_record(item.slot, after)
    return project


def _again(fresh: Entry | None, item: Planned, plan: ImportPlan, copy: str) -> Entry:
    """Someone saved this answer during the import: bring the incoming version in again."""
    if plan.incoming.legacy:
        base = (plan.incoming.legacy_base or {}).get(item.slot[1])
        return history.integrate_legacy(fresh, item.incoming, base, copy)[0]
    source = incoming_source(plan.incoming, fresh, item.incoming, plan.project.id, plan.me)
    return history.integrate(fresh, item.incoming._replace(source=source))[0]


def with_partners(partners: tuple[Partner, ...], new: tuple[Partner, ...]) -> tuple[Partner, ...]:
    """The project's partners, then those of `new` it does not know yet (by key), in their order."""
    known = {p.key for p in partners}
    return (*partners, *(p for p in new if p.key not in known))
