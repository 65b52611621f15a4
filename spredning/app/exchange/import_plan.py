"""What an import would do, before anything is written: ImportPlan, and each answer's Planned.

The plan answers the questions the front end asks before writing: does the file bring anything,
what does it add, change, remove or leave in conflict, which of our own answers does it replace
(then a copy of the project file is kept first), and what of it is our own text coming home from
a worksheet rather than news from the sender.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from spredning.app.exchange.incoming import Incoming
from spredning.core import followup, history
from spredning.core.copies import filled_by
from spredning.core.history import Outcome
from spredning.core.local import slot_key
from spredning.core.model import SHARING, Answer, Entry, Layout, Partner, Project, Slot, side_of


class Planned(NamedTuple):
    """What an import does to one answer."""

    slot: Slot
    outcome: Outcome
    before: Entry | None
    after: Entry
    incoming: Answer

    @property
    def nothing(self) -> bool:
        """A deletion of an answer that is not there (nor kept beside it): nothing to count."""
        before = self.before
        return self.incoming.empty and (before is None or (before.answer.empty and not before.others))

    @property
    def removes(self) -> bool:
        """True when the import empties an answer that says something here (the partner deleted it)."""
        if self.outcome not in (Outcome.UPDATED, Outcome.RESOLVED) or not self.after.answer.empty:
            return False
        return self.before is not None and any(not a.empty for a in (self.before.answer, *self.before.others))

    @property
    def settles_part(self) -> bool:
        """True when the file settles a conflict only in part.

        The sender's decision is newer than the versions the sender knew; the others (another
        partner's) still wait here.
        """
        return self.outcome is Outcome.RESOLVED and bool(self.after.others)

    @property
    def changes_text(self) -> bool:
        """True when the answer here says something else after the import (not only a newer history)."""
        before = self.before.answer if self.before is not None else Answer()
        replaced = self.outcome in (Outcome.ADDED, Outcome.UPDATED, Outcome.RESOLVED)
        return replaced and not before.same_content(self.after.answer)


def _older_than_brought(item: Planned, brought: Mapping[str, str]) -> bool:
    """Whether the file's version is older than one its sender's earlier file brought here.

    The sender had that newer version when it wrote the earlier file: this one was written before
    it, an old file imported late.
    """
    was = history.parse(brought[slot_key(item.slot)]) if slot_key(item.slot) in brought else None
    return was is not None and history.compare(item.incoming.version, was[1]) is history.Order.BEFORE


def _ours_newer(item: Planned) -> bool:
    """Whether our answer is newer than the file's (not older than a version kept beside ours).

    Changes made after the file was written: here, or by another partner, passed on by us.
    """
    return item.before is not None and (
        history.compare(item.before.answer.version, item.incoming.version) is history.Order.AFTER
    )


class ImportPlan(NamedTuple):
    """Everything an import would do, before anything is written."""

    incoming: Incoming
    project: Project  # the project imported into (a new one when `creates`)
    creates: bool
    items: tuple[Planned, ...]
    new_partners: tuple[Partner, ...]
    becomes: tuple[str, str | None] | None  # (side, organisation) this computer takes on, if unknown
    records: tuple[Planned, ...] = ()  # the follow-up records, decided like the answers
    copies: tuple[Path, ...] = ()  # other files here holding the same project (left as they are)
    me: str | None = None  # this computer's side: 'dele' or its partner's key (None when not known)
    # A new project from a file whose name projects here already have, started apart from it (other
    # identities): the slugs of those, left as they are. The user must hear that there are two now.
    namesakes: tuple[str, ...] = ()
    copy: str = ""  # this copy's id: a record whose version it helped write is partly ours
    # The project here the user started on the reusing side before the sharing side's first file
    # came: clearly the same project (see planning._started_here), so the file goes into it, and it takes
    # the file's identity, rather than becoming a second project of the same name.
    adopts: bool = False
    # The versions the sender's earlier files brought here (slot key → version as written): a file
    # older than one of them is an old file imported late, not a reply written before it had ours.
    brought: Mapping[str, str] = MappingProxyType({})
    # Every (slot key, version as written) any partner's file brought here: a text there now that one
    # of them brought was not written here, whoever wrote the texts it grew from.
    came_in: frozenset[tuple[str, str]] = frozenset()
    # A worksheet whose fields' versions this computer remembers already (it, or a copy left as it
    # was sent, was imported before): remembering them again changes nothing here.
    sheet_known: bool = False

    def brings_nothing(self) -> bool:
        """True when the import would change nothing here: every answer and record is had already."""
        moved = (Outcome.UNCHANGED, Outcome.OLDER)
        return (
            not self.new_partners
            and (self.incoming.sheet_versions is None or self.sheet_known)
            and all(item.outcome in moved or item.nothing for item in self.items)
            and not self.records_changed()
        )

    @property
    def us(self) -> str | None:
        """The organisation of this computer: 'dele' or its partner's key, also the one it takes on now."""
        if self.me is not None or self.becomes is None:
            return self.me
        side, organisation = self.becomes
        return SHARING if side == SHARING else organisation

    def meeting_noter(self, where: str, answer: Answer, here: bool = False) -> str | None:
        """The organisation that noted a meeting (a version of a record in dialogue `where`).

        The meeting says so itself (followup.noter); one from a program before that came with
        the file, so it is its sender's, and the version here (`here`) is this side's, as status
        names them (views.held_meetings).
        """
        said = followup.noter(dict(answer.fields).get(followup.NOTED_BY), where)
        return said or (self.us if here else self.incoming.sender)

    def records_changed(self) -> int:
        """How many follow-up records the import adds or changes (conflicts included)."""
        return sum(1 for item in self.records if item.outcome not in (Outcome.UNCHANGED, Outcome.OLDER))

    def count(self, outcome: Outcome) -> int:
        """How many answers have this outcome (the ones the import empties are counted as removed)."""
        return len(self.listed(outcome))

    def listed(self, *outcomes: Outcome) -> list[Planned]:
        """The answers with these outcomes, in file order, but for the ones the import empties."""
        return [
            item for item in self.items if item.outcome in outcomes and not (item.removes or item.nothing)
        ]

    def behind(self) -> list[Planned]:
        """The answers skipped as older that the file's sender had not had newer when it wrote the file.

        Its sender wrote the file before it had the later change (ours, or another partner's that
        came here; not sent yet, or imported after): the usual course of a dialogue, nothing stale
        about the file. A version older than one the sender's own earlier file brought here (an old
        file imported late) is not among them, nor is anything else in such a file: an answer of
        ours in it may have come back newer in the sender's later file, which this computer does
        not remember when it changed nothing here. Nor is anything from our own worksheet or our
        own other project.
        """
        if (
            not self.copy
            or self.incoming.sheet_versions is not None
            or self.incoming.sender in (self.me, None)
        ):
            return []  # (no sender: a project file, an older copy of our own, say: no one lacked our change)
        if any(_older_than_brought(item, self.brought) for item in (*self.items, *self.records)):
            return []
        return [item for item in self.listed(Outcome.OLDER) if _ours_newer(item)]

    def strays(self, layout: Layout) -> list[Planned]:
        """The answers the file brings under question ids this guide has no place for.

        The partner may use another edition of the guide (or an id was edited by hand). They are
        kept in the project file and exported again, but no view shows them: status names them,
        and they are no news to read.
        """
        shared = set(layout.shared)
        dialogue = shared | set(layout.dialogue)
        return [
            item
            for item in self.items
            if not item.incoming.empty and item.slot[1] not in (dialogue if item.slot[0] else shared)
        ]

    def removed(self) -> list[Planned]:
        """The answers the import empties: the partner deleted what they say here."""
        return [item for item in self.items if item.removes]

    def own_changes(self) -> list[Planned]:
        """The answers of this computer's own side whose text the import adds, changes or removes.

        Our side is the sharing organisation's answers (variants for one partner included) when
        we share, and our own dialogue's when we reuse: a partner may edit them in a worksheet or
        a file, and nothing of ours may change without a word.
        """
        return [item for item in self._ours_changed() if not self.from_own_sheet(item)]

    def own_replaced(self) -> list[Planned]:
        """Our own saved answers (or "not relevant" marks) whose text the import changes or empties.

        The text replaced is then only in the project file as it was (a version's history keeps no
        text): apply_import keeps a copy of that first, as saving an answers file does.
        """
        return [
            item for item in self._ours_changed() if item.before is not None and not item.before.answer.empty
        ]

    def written_here(self) -> list[Planned]:
        """The other side's saved answers, written in here, whose text the import changes or empties.

        A reusing organisation may type in the sharing side's answers (`fase --rolle dele`), and the
        sharing side in a partner's; when the other side settles on another text, the text replaced
        was (also) ours: said, and kept in the copy of the project file, as our own answers are. An
        answer is counted when this copy wrote one of the versions it grew from.
        """
        if self.me is None or self.creates or not self.copy:
            return []
        ours = self._ours_changed()
        return [
            item
            for item in self.items
            if item.changes_text
            and item not in ours
            and item.before is not None
            and not item.before.answer.empty
            and not self.from_own_sheet(item)
            and self._written_here(item.slot, item.before.answer)
        ]

    def sheet_replaced(self) -> list[Planned]:
        """Saved answers whose text this worksheet brought before, that a copy of it now replaces.

        Copies of one worksheet are one sheet (worksheet/returned.py): a field filled in one copy
        and then differently in another is the sheet sent back with a new text, so the second
        text replaces the first. Two colleagues' copies can do that to each other: the first
        text is then said, with what it was, and kept in the copy of the project file (found in a
        re-trial: it was gone without a word).
        """
        sheet = self.incoming.sheet_versions
        if sheet is None or self.creates:
            return []
        return [
            item
            for item in self.items
            if item.outcome is Outcome.UPDATED
            and item.changes_text
            and item.before is not None
            and not item.before.answer.empty
            and any(copy == sheet[0] for copy, _ in item.before.answer.version)
        ]

    def _written_here(self, slot: Slot, answer: Answer) -> bool:
        """Whether the text here now was written on this computer: by this copy, and brought by no file.

        Counting every version this copy helped write once, a later text of the partner's on top of
        it was called ours for good (found in a re-trial: a copy kept at every import after).
        """
        if not any(copy == self.copy for copy, _ in answer.version) or not history.writable(answer.version):
            return False
        return (slot_key(slot), history.written(answer)) not in self.came_in

    def own_records_replaced(self) -> list[Planned]:
        """Our own follow-up records (actions, readiness, approvals, meetings) the import changes or removes.

        A record is ours when it is a readiness mark or an approval of our side, or when the version
        replaced was written here (an action, meeting or mark we added or changed; see _written_here).
        As for our answers, its old content is then only in the project file as it was: apply_import
        keeps that.
        """
        if self.me is None or self.creates:
            return []
        return [
            item
            for item in self.records
            if item.changes_text
            and item.before is not None
            and not item.before.answer.empty
            and self._record_ours(item.slot, item.before)
        ]

    def _record_ours(self, slot: Slot, before: Entry) -> bool:
        kind, rest = followup.split_key(slot[1])
        side = "dele" if self.me == SHARING else "genbruge"
        if kind in ("klarhed", "godkendelse") and rest.rsplit(".", 1)[-1] == side:
            return True
        return self._written_here(slot, before.answer)

    def keeps_copy(self) -> bool:
        """True when the import replaces something of ours (an answer or a follow-up record): a copy first."""
        replaced = self.own_replaced() or self.written_here() or self.sheet_replaced()
        return bool(replaced or self.own_records_replaced())

    def own_from_sheet(self) -> list[Planned]:
        """Our own answers the import changes to what we wrote ourselves in a worksheet.

        A worksheet is read where it was made (app/worksheets.py), so what the filler wrote in it
        reaches the filler's program with the maker's export: the filler's own words coming home,
        not a change by the file's sender. A worksheet of our own side's questions read here
        (own_sheet) brings only our own words.
        """
        return [item for item in self._ours_changed() if self.from_own_sheet(item)]

    def theirs_from_sheet(self) -> list[Planned]:
        """The other side's answers the import changes to what we wrote ourselves in their worksheet.

        A worksheet with both sides' questions lets its filler write in the maker's too; those words
        are ours as well (own_from_sheet's rule), but not our own side's answers: said apart.
        """
        if self.own_sheet:  # our own side's worksheet holds nothing of theirs
            return []
        ours = self._ours_changed()
        return [
            item
            for item in self.items
            if item.changes_text and item not in ours and self.from_own_sheet(item)
        ]

    def own_sheet_conflicts(self) -> list[Planned]:
        """The answers whose new conflict is between two texts of ours: a worksheet's and one typed here.

        The version kept beside ours is then named as our own (incoming_source), not the sender's.
        """
        return [item for item in self.listed(Outcome.CONFLICT) if self.from_own_sheet(item)]

    def _ours_changed(self) -> list[Planned]:
        if self.me is None or self.creates:  # a project the import makes had nothing of ours before
            return []
        side = "dele" if self.me == SHARING else "genbruge"
        return [
            item
            for item in self.items
            if item.changes_text
            and side_of(item.slot[1]) == side
            and (self.me == SHARING or item.slot[0] == self.me)
        ]

    @property
    def own_sheet(self) -> bool:
        """True for a worksheet of our own side's questions, read here: all it brings is ours.

        Its sender and receiver are then this computer's organisation (app/worksheets.py, own_sheet).
        """
        incoming = self.incoming
        return incoming.sheet_versions is not None and self.me is not None and incoming.sender == self.me

    def from_own_sheet(self, item: Planned) -> bool:
        """True when all an answer (or record) gains here was written in our own worksheet.

        Every copy the incoming version is ahead of ours by is a worksheet this computer's
        organisation filled in (core/copies.py, filled_by); or the import is such a worksheet
        of our own side's questions itself (own_sheet).
        """
        if self.own_sheet:
            return True
        if self.me is None or self.incoming.sheet_versions is not None:
            return False
        return _own_sheet_ahead(self.incoming, item.before, item.incoming, self.project.id, self.me)


def _own_sheet_ahead(
    incoming: Incoming, before: Entry | None, answer: Answer, project_id: str, me: str | None
) -> bool:
    """True when every copy `answer` is ahead of our version by is a worksheet `me` filled in."""
    if me is None or incoming.sheet_versions is not None:
        return False
    had = dict(before.answer.version) if before is not None else {}
    ahead = [copy for copy, count in answer.version if count > had.get(copy, 0)]
    return bool(ahead) and all(filled_by(copy, project_id, me) for copy in ahead)


def incoming_source(
    incoming: Incoming, before: Entry | None, answer: Answer, project_id: str, me: str | None
) -> str:
    """Whose an incoming version is, as kept beside ours in a conflict: the sender's, or our own.

    What we wrote in a worksheet reaches us with its maker's export. If we typed another text for
    the same question meanwhile, both versions of the conflict are ours: the one from the sheet
    is then named as our own (its source is our key), not as the sender's.
    """
    if _own_sheet_ahead(incoming, before, answer, project_id, me):
        return me or ""
    return incoming.sender or ""
