"""What an import does to the answers, in words: counts, a dry run's lists, our own answers changed.

A partner may rewrite or empty the answers of our own side (a worksheet's frames can be edited, a
file by hand), and such a change travels on to the other partners with the next export. So an
answer the import empties is named as removed, never counted as an update, and every change to our
own answers is listed by question after the import too, with who made it and how to see it. What
we wrote ourselves in a worksheet the partner made comes back with the partner's export: it is
listed as ours, from that worksheet, not as the partner's change; so is all a worksheet of our own
side's questions brings (read here: app/worksheets.py, own_sheet).

The follow-up records a file adds or changes (actions, readiness, approvals, meetings) are listed
last (follow_up_news, follow_up_list), after an import and in its dry run, and by 'projekt flet'.
"""

from __future__ import annotations

from rich.text import Text

from spredning.app.exchange.import_plan import ImportPlan, Planned
from spredning.app.exchange.planning import sender_name
from spredning.app.views import Stray
from spredning.cli.console import say
from spredning.cli.render import bullets
from spredning.cli.render_project import org_name
from spredning.cli.render_status import stray_list, where
from spredning.cli.render_text import answer_pair, print_said, print_whole
from spredning.core import followup, history
from spredning.core.history import Outcome
from spredning.core.model import SHARING, Answer, Guide, Layout, Project, Slot
from spredning.i18n import date, t

# What a dry run lists, in this order: each kind of change with its heading.
REMOVED, PARTLY = "removed", "partly"  # the answers the file empties; conflicts it settles in part
RENEWED = "renewed"  # a conflict open here, which the file brings a newer version into
DRY_RUN_LISTS = (
    (Outcome.ADDED, "importer.would-add"),
    (Outcome.UPDATED, "importer.would-update"),
    (REMOVED, "importer.would-remove"),
    (Outcome.RESOLVED, "importer.would-resolve"),
    (PARTLY, "importer.would-resolve-partly"),
    (Outcome.CONFLICT, "importer.would-conflict"),
    (RENEWED, "importer.would-renew"),
)


def _items(plan: ImportPlan, kind: Outcome | str) -> list[Planned]:
    """The answers a dry run lists under one heading (DRY_RUN_LISTS).

    A conflict the file settles only in part (versions from another partner, which its sender never
    saw, still wait) is not closed: it is listed and counted apart from the ones it closes. So is a
    conflict open here that the file brings a newer version into: no new conflict.
    """
    if kind == REMOVED:
        return plan.removed()
    if kind == PARTLY:
        return [item for item in plan.listed(Outcome.RESOLVED) if item.settles_part]
    if kind == RENEWED:
        return [item for item in plan.listed(Outcome.CONFLICT) if _renews(item)]
    assert isinstance(kind, Outcome)
    return [item for item in plan.listed(kind) if not item.settles_part and not _renews(item)]


def _renews(item: Planned) -> bool:
    """A conflict open here already, with the file's newer version: not a new conflict."""
    return item.outcome is Outcome.CONFLICT and item.before is not None and item.before.in_conflict


def summary(plan: ImportPlan, settled: int = 0) -> str:
    """The counts of what the file does, in one line (see counts)."""
    return t("list.separator").join(counts(plan, settled))


def print_counted(console, text: Text, plan: ImportPlan, settled: int = 0) -> None:
    """A message with the counts in it (`summary`), each count kept whole: "0⏎konflikter" is never shown."""
    print_said(console, text, tuple(counts(plan, settled)))


def counts(plan: ImportPlan, settled: int = 0) -> list[str]:
    """The counts of what the file does, each with its noun.

    Conflicts settled during the import are counted apart, and so are those the file settles only
    in part.
    """
    parts = [
        t("importer.count.added", n=plan.count(Outcome.ADDED)),
        t("importer.count.updated", n=plan.count(Outcome.UPDATED)),
    ]
    if plan.removed():
        parts.append(t("importer.count.removed", n=len(plan.removed())))
    behind = len(plan.behind())  # the file was written before its sender had ours: nothing to skip
    # brought again, an answer whose conflict is still open here is not "unchanged" in the user's eyes
    still = sum(1 for item in plan.listed(Outcome.UNCHANGED) if item.after.in_conflict)
    # nor is a new version in a conflict open here a new conflict (none settled now: which is unknown)
    renewed = 0 if settled else len(_items(plan, RENEWED))
    parts += [
        t("importer.count.unchanged", n=plan.count(Outcome.UNCHANGED) - still + behind),
        t("importer.count.conflicts", n=plan.count(Outcome.CONFLICT) - settled - renewed),
    ]
    if renewed:
        parts.append(t("importer.count.renewed", n=renewed))
    if still:
        parts.append(t("importer.count.still-open", n=still))
    if settled:
        parts.append(t("importer.count.settled", n=settled))
    resolved, partly = len(_items(plan, Outcome.RESOLVED)), len(_items(plan, PARTLY))
    if resolved:
        parts.append(t("importer.count.resolved", n=resolved))
    if partly:
        parts.append(t("importer.count.resolved-partly", n=partly))
    if plan.count(Outcome.OLDER) > behind:
        parts.append(t("importer.count.older", n=plan.count(Outcome.OLDER) - behind))
    return parts


def with_new_partners(plan: ImportPlan) -> Project:
    """The project with the organisations the file brings, so each is named (not "from git")."""
    return plan.project._replace(partners=(*plan.project.partners, *plan.new_partners))


def print_dry_run(console, guide: Guide, plan: ImportPlan, name: str) -> None:
    """Each answer the file would add, update, remove, close a conflict on or conflict with; the counts.

    When it would change or empty our own saved answers, that the import keeps a copy of the
    project file (`name`, its file name) first. Of our follow-up records, print_dry_follow_up_backup
    says it, after their list.
    """
    for kind, key in DRY_RUN_LISTS:
        items = _items(plan, kind)
        if items:
            console.print(say(key, style="bold", n=len(items)))
            console.print(_lines(guide, plan, items))
    own, written = plan.own_replaced(), plan.written_here()
    if own or written:  # texts of ours in the other side's answers are not called our own answers
        key = "importer.backup-dry" if own else "importer.backup-dry-written"
        console.print(say(key, style="yellow", n=len(own) + len(written), name=name))
    elif again := plan.sheet_replaced():  # a text another copy of this worksheet brought: kept all the same
        console.print(say("importer.backup-dry-sheet", style="yellow", n=len(again), name=name))
    print_older(console, guide, plan, dry=True)
    print_counted(console, say("importer.dry-run", summary=summary(plan)), plan)


def print_dry_follow_up_backup(console, plan: ImportPlan, name: str) -> None:
    """After the follow-up records listed: that the import keeps a copy first, if it changes ours.

    Said on its own too (the copy keeps our follow-up as it was as well), after the list it refers to.
    """
    records = plan.own_records_replaced()
    if records:
        console.print(say("importer.backup-dry-follow-up", style="yellow", n=len(records), name=name))


def print_older(console, guide: Guide, plan: ImportPlan, dry: bool = False) -> None:
    """The answers skipped as older than ours: whose file, which (and its date), each with both texts.

    A count alone ("1 ældre udgave sprunget over") leaves the user to guess what was not brought in;
    the file is named as given, and each answer with a line of the file's text and of ours, kept.
    """
    org = sender_name(plan.incoming, with_new_partners(plan))
    behind = plan.behind()
    if behind:  # the usual course of a dialogue: said calmly, by question
        key = "importer.behind-dry" if dry else "importer.behind"
        console.print(say(key, n=len(behind), org=org))
        console.print(_lines(guide, plan, behind))
    older = [item for item in plan.listed(Outcome.OLDER) if item not in behind]
    if not older:
        return
    heading = "importer.older-dry" if dry else "importer.older"
    if plan.own_sheet:  # our own worksheet: from no organisation but ours
        heading = "importer.older-own-sheet-dry" if dry else "importer.older-own-sheet"
    merged = _from_other_project(plan)
    if merged:  # 'projekt flet': our own other project's file, no partner's
        heading = "importer.older-merged-dry" if dry else "importer.older-merged"
    elif plan.incoming.sender is None and not plan.own_sheet:  # a project file: no one's, by name
        heading = "importer.older-unknown-dry" if dry else "importer.older-unknown"
    file = plan.incoming.path.name  # the name the user gave; whole on a line
    day = date(plan.incoming.day) if plan.incoming.day is not None else ""
    console.print(say(heading, style="yellow", n=len(older), org=org, file=file, day=day))
    questions = {q.id: q.text for q in guide.questions()}
    project = with_new_partners(plan)
    lines = []
    for item in older:
        theirs, ours = answer_pair(item.incoming, _newer_here(item))
        place, question = where(guide, project, item.slot), questions.get(item.slot[1], item.slot[1])
        item_key = "importer.item-older-merged" if merged else "importer.item-older"
        lines.append(t(item_key, where=place, question=question, theirs=theirs, ours=ours))
    console.print(bullets(lines, 2))


def _newer_here(item: Planned) -> Answer:
    """The version here that the file's is older than: the answer, or one kept beside it in a conflict.

    Another version may have come since into a conflict still open (the sender's own, newer): that
    is the one the file's is older than, not the answer shown first.
    """
    if item.before is None:
        return Answer()
    kept = (item.before.answer, *item.before.others)
    newer = (a for a in kept if history.compare(item.incoming.version, a.version) is history.Order.BEFORE)
    return next(newer, item.before.answer)


def _from_other_project(plan: ImportPlan) -> bool:
    """True for `projekt flet`: answers from our own other project, sent by and to ourselves.

    app/project_merge.py reads them as a file from this computer's organisation to itself, no
    worksheet; an exchange file always comes from the other side.
    """
    incoming = plan.incoming
    return incoming.sheet_versions is None and plan.me is not None and incoming.sender == plan.me


def print_changed_here(console, guide: Guide, plan: ImportPlan, see: str, backup: str | None = None) -> None:
    """After an import: our own answers it changed or removed, and any other answer it removed.

    Ours are listed by question, each with a line of what it was and what it is now, who changed
    them and how to see them (`see`, a command); `backup` is where the copy of the project file
    kept before (apply_import) is, in full: the old texts are whole in it.
    """
    own = plan.own_changes()
    if own:
        console.print(_own_heading(plan, len(own)))
        console.print(_lines(guide, plan, own, marked=True))
        print_said(console, say("importer.own-see", command=see), see)
    home = plan.own_from_sheet()  # what we wrote in a worksheet, brought by the maker's export
    if home:  # or read here, from our own side's worksheet: then each with what it was
        key = "importer.own-sheet-changed" if plan.own_sheet else "importer.own-from-sheet"
        console.print(say(key, n=len(home)))
        console.print(_lines(guide, plan, home, marked=True))
    theirs = plan.theirs_from_sheet()  # what we wrote in the other side's questions of their worksheet
    if theirs:
        console.print(say("importer.theirs-from-sheet", n=len(theirs)))
        console.print(_lines(guide, plan, theirs, marked=True))
    written = [item for item in plan.written_here() if item not in theirs]  # a text of ours in theirs
    if written:
        console.print(_own_heading(plan, len(written), written_here=True))
        console.print(_lines(guide, plan, written, marked=True))
    told = [*own, *home, *theirs, *written]
    again = [item for item in plan.sheet_replaced() if item not in told]  # another copy's text before
    if again:
        console.print(say("importer.sheet-replaced", style="yellow", n=len(again)))
        console.print(_lines(guide, plan, again, marked=True))
    if backup is not None:
        print_backup(console, plan, backup)
    print_older(console, guide, plan)
    both = plan.own_sheet_conflicts()  # our worksheet's text beside what we typed here meanwhile
    if both:  # our own side's worksheet: the text here need not be newer than the sheet's
        key = "importer.own-sheet-conflicts-here" if plan.own_sheet else "importer.own-sheet-conflicts"
        console.print(say(key, n=len(both)))
        console.print(_lines(guide, plan, both))
    own = [*told, *again]
    others = [item for item in plan.removed() if item not in own]
    if others:
        key = "importer.removed-also" if any(item.removes for item in own) else "importer.removed"
        console.print(say(key, style="yellow", n=len(others)))
        console.print(_lines(guide, plan, others))


def print_backup(console, plan: ImportPlan, backup: str) -> None:
    """Where the copy of the project file is (whole, to copy), and what of ours is whole in it."""
    replaced = [*plan.own_replaced(), *plan.written_here()]
    replaced += [item for item in plan.sheet_replaced() if item not in replaced]
    answers, records = len(replaced), len(plan.own_records_replaced())
    if answers and records:
        said = say("importer.own-backup-both", path=backup)
    elif records:
        said = say("importer.own-backup-follow-up", n=records, path=backup)
    else:
        said = say("importer.own-backup", n=answers, path=backup)
    print_said(console, said, backup)


def print_strays(console, layout: Layout, plan: ImportPlan, path: str | None = None) -> None:
    """The answers the file brings under ids this guide has no place for: kept, shown nowhere, no news.

    `path` is the project file they are kept in (None in a dry run: nothing is written).
    """
    strays = plan.strays(layout)
    if not strays:
        return
    org = sender_name(plan.incoming, plan.project)
    # a file of this guide's own edition has the same questions: an id unknown was changed by hand
    same = bool(layout.edition) and plan.incoming.project.guide_edition == layout.edition
    key = "importer.strays.same-edition" if same else "importer.strays"
    console.print(say(key, style="bold yellow", n=len(strays), org=org))
    console.print(stray_list(with_new_partners(plan), [Stray(item.slot, ()) for item in strays]))
    if path is None:
        console.print(say("importer.strays.kept-dry", n=len(strays)))
    else:
        console.print(say("importer.strays.kept", n=len(strays), path=path))


def _own_heading(plan: ImportPlan, n: int, written_here: bool = False):
    """Who changed our answers (or, `written_here`, texts of ours in theirs): the sender, or the file."""
    sender = plan.incoming.sender
    project = with_new_partners(plan)
    if sender == SHARING or (sender and project.partner(sender) is not None):
        key = "importer.written-here-changed" if written_here else "importer.own-changed"
        return say(key, style="yellow", org=org_name(project, sender), n=n)
    key = "importer.written-here-changed-file" if written_here else "importer.own-changed-file"
    return say(key, style="yellow", n=n)


def _lines(guide: Guide, plan: ImportPlan, items: list[Planned], marked: bool = False):
    """The answers as a list: each where it is and its question (its id when the guide lacks it).

    `marked` (our own answers, changed) names a removed answer as removed and an added one as new
    (in a list that also has changed ones), and gives a line of what each was and is now, both
    showing where the two differ (answer_pair, as fase --svar does).
    """
    questions = {q.id: q.text for q in guide.questions()}
    project = with_new_partners(plan)
    lines = []
    for item in items:
        was, now = answer_pair(item.before.answer if item.before is not None else Answer(), item.after.answer)
        key = (
            "importer.item-removed"
            if marked and item.removes
            else "importer.item-added"
            if marked and (item.before is None or item.before.answer.empty)
            else "importer.item-changed"
            if marked
            else "importer.item"
        )
        lines.append(
            t(
                key,
                where=where(guide, project, item.slot),
                question=questions.get(item.slot[1], item.slot[1]),
                was=was,
                now=now,
            )
        )
    return bullets(lines, 2)


def follow_up_news(console, plan: ImportPlan) -> None:
    """What the file changes in the follow-up (plan, readiness, approvals, meetings), if anything."""
    changed = plan.records_changed()
    if changed:
        kinds = [item.slot[1].partition(":")[0] for item in plan.records if item.outcome is Outcome.CONFLICT]
        # actions in versions are shown by 'plan'; marks, approvals (and actions with them) by 'status'
        only_plan = all(kind == "plan" for kind in kinds)
        conflicts, records = (len(kinds), 0) if only_plan else (0, len(kinds))
        print_whole(console, say("importer.follow-up", n=changed, conflicts=conflicts, records=records))


# What an import does to a follow-up record, as a dry run lists it.
RECORD_OUTCOMES = {
    Outcome.ADDED: "importer.record-added",
    Outcome.UPDATED: "importer.record-updated",
    Outcome.RESOLVED: "importer.record-resolved",
    Outcome.CONFLICT: "importer.record-conflict",
}


def follow_up_list(console, guide: Guide, plan: ImportPlan) -> None:
    """The follow-up records the file adds or changes (would, in a dry run), each with what it says."""
    from spredning.cli.render_plan import record_line

    everyone = with_new_partners(plan)
    sender = plan.incoming.sender
    ours = [item for item in plan.own_records_replaced() if not plan.from_own_sheet(item)]
    lines = [
        _own_record(guide, plan, everyone, item)
        if item in ours
        else t(
            "importer.record-from-sheet"
            if item.outcome is not Outcome.CONFLICT and plan.from_own_sheet(item)
            # a version both changed: the file's is said to be the file's (its sender may have had it
            # from another partner), not a change made "on both sides"
            else "importer.record-conflict-from"
            if item.outcome is Outcome.CONFLICT and sender is not None
            # the file settled only the versions its sender knew: the others still wait
            else "importer.record-resolved-partly"
            if item.outcome is Outcome.RESOLVED and item.after.others
            else RECORD_OUTCOMES[item.outcome],
            record=record_line(
                guide,
                item.slot[1],
                item.incoming,
                org_name(everyone, item.slot[0]) if item.slot[0] else "",
                _noted(plan, everyone, item.slot, item.incoming),
            ),
            org=sender_name(plan.incoming, everyone),
            n=len(item.after.others),
        )
        for item in plan.records
        if item.outcome in RECORD_OUTCOMES
    ]
    if lines:
        console.print(bullets(lines, 2))


def _own_record(guide: Guide, plan: ImportPlan, everyone: Project, item: Planned) -> str:
    """One of our own follow-up records the file changes or removes: what it was and is now.

    A record is one short line (its texts are single lines, of at most followup.MAX_TEXT
    characters): both are shown whole, so every difference is seen, and what the record is too.
    Versions the file did not settle (its sender did not know them) are said to wait still.
    """
    from spredning.cli.render_plan import record_line

    org = org_name(everyone, item.slot[0]) if item.slot[0] else ""
    before = item.before.answer if item.before is not None else Answer()
    was, now = (
        record_line(guide, item.slot[1], answer, org, _noted(plan, everyone, item.slot, answer, here))
        for answer, here in ((before, True), (item.after.answer, False))
    )
    said = t("importer.record-own", org=sender_name(plan.incoming, everyone), was=was, now=now)
    if item.outcome is Outcome.RESOLVED and item.after.others:  # the file settled only the versions it knew
        said += "\n" + t("importer.record-own-waits", n=len(item.after.others))
    return said


def _noted(plan: ImportPlan, everyone: Project, slot: Slot, answer: Answer, here: bool = False) -> str:
    """Who noted a meeting in a version the import lists ('jer', or the organisation); '' for others."""
    if followup.split_key(slot[1])[0] != "moede":
        return ""
    by = plan.meeting_noter(slot[0], answer, here)
    if by is None:  # an old file that does not say whom it is from
        return ""
    return t("importer.record.by-you") if by == plan.us else org_name(everyone, by)
