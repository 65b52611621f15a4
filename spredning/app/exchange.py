"""Use cases for the dialogue between organisations: export, import, conflicts, and git's markers.

An export is a project file carrying the sharing side's answers and one partner's dialogue, with
every answer's history; an import brings each answer in by the rules in core/history.py, into the
project with the same identity, wherever it is and whichever project is active. The follow-up
records (core/followup.py: plan, readiness, approvals, meetings) travel the same way: the general
ones and the receiver's dialogue's, merged by the same rules. Nothing is
remembered as "common ground" at export time: the histories alone decide, so files can be sent
again, lost, or imported late and in any order.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from spredning.app import files
from spredning.app.dialogue import org_named, partner_for
from spredning.app.views import answer_place
from spredning.app.workspace import Workspace
from spredning.core import fileio, followup, history, local, projectfile, yamlio
from spredning.core.copies import filled_by
from spredning.core.errors import Message, ProjectFileError, SpredningError, UsageProblem
from spredning.core.history import Outcome
from spredning.core.local import LocalState, key_slot, slot_key
from spredning.core.model import (
    SHARING,
    Answer,
    Entry,
    Layout,
    Partner,
    Project,
    Slot,
    Version,
    fold_name,
    free_slug,
    normalise,
    project_slug,
    side_of,
    writer_settles,
)
from spredning.core.store import Found


class Incoming(NamedTuple):
    """A partner's file, read and validated; nothing written yet."""

    project: Project
    path: Path
    sender: str | None  # 'dele', a partner's key, or None (an old file that does not say)
    receiver: str | None
    legacy_base: Mapping[str, str] | None = None  # an old file's common ground ('fælles')
    # Worksheets (app/worksheets.py): what the reader must hear about that is not an answer
    # (text outside the fields, a pasted table, comments ...).
    notes: tuple[Message, ...] = ()
    # A worksheet's copy id and the versions its fields give (slot key → text checksum → count),
    # remembered when the import is written, so the same text from it is always the same version.
    sheet_versions: tuple[str, Mapping[str, Mapping[str, int]]] | None = None
    day: datetime.date | None = None  # when an export was written (a worksheet's day is in its notes)

    @property
    def legacy(self) -> bool:
        """True for a file from before answers had histories."""
        return self.legacy_base is not None


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


def _ours_since(item: Planned, copy: str) -> bool:
    """Whether our answer is newer than the file's only by changes this copy made."""
    if item.before is None:
        return False
    ours, theirs = item.before.answer.version, item.incoming.version
    if history.compare(ours, theirs) is not history.Order.AFTER:  # older than a version kept beside
        return False
    had = dict(theirs)
    return all(key == copy for key, count in ours if count > had.get(key, 0))


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
    # came: clearly the same project (see _started_here), so the file goes into it, and it takes
    # the file's identity, rather than becoming a second project of the same name.
    adopts: bool = False

    def brings_nothing(self) -> bool:
        """True when the import would change nothing here: every answer and record is had already."""
        moved = (Outcome.UNCHANGED, Outcome.OLDER)
        return (
            not self.new_partners
            and self.incoming.sheet_versions is None
            and all(item.outcome in moved or item.nothing for item in self.items)
            and not self.records_changed()
        )

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
        """The answers skipped as older that the file has as this copy had them before its own later change.

        Its sender wrote the file before it had that change (not sent yet, or imported after): the
        usual course of a dialogue, nothing stale about the file. Ours is newer only by this copy's
        changes; a partner's own later version skipped (an old file imported late) is not among them,
        nor is anything from our own worksheet or our own other project.
        """
        if not self.copy or self.incoming.sheet_versions is not None or self.incoming.sender == self.me:
            return []
        return [item for item in self.listed(Outcome.OLDER) if _ours_since(item, self.copy)]

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

    def own_records_replaced(self) -> list[Planned]:
        """Our own follow-up records (actions, readiness, approvals, meetings) the import changes or removes.

        A record is ours when it is a readiness mark or an approval of our side, or when this copy
        helped write the version replaced (an action or meeting we added or changed). As for our
        answers, its old content is then only in the project file as it was: apply_import keeps that.
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
        return any(copy == self.copy for copy, _ in before.answer.version)

    def keeps_copy(self) -> bool:
        """True when the import replaces something of ours (an answer or a follow-up record): a copy first."""
        return bool(self.own_replaced() or self.own_records_replaced())

    def own_from_sheet(self) -> list[Planned]:
        """Our own answers the import changes to what we wrote ourselves in a worksheet.

        A worksheet is read where it was made (app/worksheets.py), so what the filler wrote in it
        reaches the filler's program with the maker's export: the filler's own words coming home,
        not a change by the file's sender. A worksheet of our own side's questions read here
        (own_sheet) brings only our own words.
        """
        return [item for item in self._ours_changed() if self.from_own_sheet(item)]

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


class ImportResult(NamedTuple):
    """What an import did."""

    plan: ImportPlan
    path: Path
    open_conflicts: int  # conflicts left for later (in the imported dialogues)
    settled: int
    backup: Path | None = None  # the project file as it was, kept when something of ours was replaced
    chosen_over: int = 0  # conflicts where the version chosen left the text that stood here behind


class Settled(NamedTuple):
    """What settling conflicts did."""

    settled: int
    meanwhile: int  # changed since they were shown: left for another time
    backup: Path | None = None  # the project file as it was, when a choice left a text behind
    chosen_over: int = 0


# -- reading a partner's file ----------------------------------------------------------------


PLACEHOLDER_COPY = "00000000"  # marks, in a partner's file, a text that does not match its checksum


def read_incoming(ws: Workspace, path: Path) -> Incoming:
    """Read a partner's file with the hardened rules; it is validated like a project file.

    A Word document (a zip, or Word's old format) is read as a worksheet (app/worksheets.py).
    """
    from spredning.app import worksheets  # worksheets: a .docx comes back from a partner

    try:
        raw = fileio.read_capped(path, max(yamlio.MAX_BYTES, worksheets.MAX_FILE))
    except OSError as exc:
        raise SpredningError("exchange.unreadable", path=path, reason=fileio.reason(exc)) from None
    if worksheets.is_word_file(raw):
        return worksheets.read_worksheet(ws, path, raw)
    if not raw.strip():  # a worksheet comes back from Word: what to do about it is not an export's
        worksheet = path.suffix.lower() in (".docx", ".doc")
        hint = "exchange.empty-worksheet.hint" if worksheet else None
        raise SpredningError("exchange.empty", path=path, hint=hint)
    try:
        data = projectfile.loads(raw, path)
    except ProjectFileError as exc:
        raise _refused(path, raw, exc) from None
    if "konflikter" in data and data.get("format") == "1":
        raise SpredningError("exchange.has-conflicts", path=path)
    name = data.get("projekt", {}).get("navn", "") if isinstance(data.get("projekt"), dict) else ""
    try:
        parsed = projectfile.parse(
            data,
            project_slug(name if isinstance(name, str) else ""),
            path,
            ws.layout,
            PLACEHOLDER_COPY,
            raw,
        )
    except ProjectFileError as exc:
        raise _refused(path, raw, exc) from None
    entries = (*parsed.project.entries(), *parsed.project.record_entries())
    beyond = [
        slot
        for slot, entry in entries
        if not all(history.fits(answer.version) for answer in (entry.answer, *entry.others))
    ]
    if beyond:  # written by hand or by another program: kept, it would leave no room for our changes
        raise SpredningError(
            "exchange.version-beyond",
            path=path,
            n=len(beyond),
            ids=_places(ws, parsed.project, beyond[:3]),
            more=max(0, len(beyond) - 3),
        )
    if parsed.legacy:
        sender = (
            None
            if parsed.legacy_role is None
            else (
                SHARING
                if parsed.legacy_role == "dele"
                else (parsed.project.partners[0].key if parsed.project.partners else None)
            )
        )
        return Incoming(parsed.project, path, sender, None, dict(parsed.legacy_base or {}))
    damaged = [
        slot
        for slot, entry in entries
        if not entry.answer.empty and any(copy == PLACEHOLDER_COPY for copy, _ in entry.answer.version)
    ]
    if damaged:  # a text that no longer matches its checksum: cut short or changed on the way
        raise SpredningError(
            "exchange.damaged",
            path=path,
            n=len(damaged),
            ids=_places(ws, parsed.project, damaged[:3]),
            more=max(0, len(damaged) - 3),
        )
    exchange = parsed.exchange or {}
    day = datetime.date.fromisoformat(exchange["dato"]) if "dato" in exchange else None
    return Incoming(parsed.project, path, exchange.get("fra"), exchange.get("til"), day=day)


def _places(ws: Workspace, project: Project, slots: list[Slot]) -> list[Message]:
    """Answers named for the user as the dry run names them: phase · tool · side (organisation): question."""
    return [answer_place(ws.guide, project, slot) for slot in slots]


def _refused(path: Path, raw: bytes, exc: ProjectFileError) -> SpredningError:
    """Why a partner's file cannot be read, in the words that fit a file that came from a partner.

    An exchange file that lost its end line was cut short on the way; whole answers may be missing,
    so it is said to be cut, even when the cut left YAML that cannot be read (inside a quoted text).
    Text after the end line (a mail signature) is said to be that, not a YAML problem.
    """
    if exc.key == "project.git-conflict":
        return SpredningError("exchange.git-markers", path=path)
    if exc.key == "project.kept-twice":  # merged in git by hand: said as a project file's is, with where
        where, lines = exc.params["where"], (exc.params["first"], exc.params["line"])
        return SpredningError(
            "exchange.kept-twice",
            path=path,
            where=where,
            key=exc.params["key"],
            first=lines[0],
            line=lines[1],
        )
    if exc.key == "project.newer-format":  # the partner's program is newer: ours must be updated
        return SpredningError("exchange.newer-format", path=path, version=exc.params["version"])
    if _unreadable_or_unknown_key(exc) and (after := projectfile.text_after_end(raw)):
        return SpredningError("exchange.text-after-end", path=path, n=after)
    if exc.key == "project.cut-short" or (exc.key == "project.invalid-yaml" and projectfile.cut_short(raw)):
        return SpredningError("exchange.cut-short", path=path)
    if exc.key == "project.too-large" and _begins_as_ours(raw):  # long answers: the partner's to shorten
        return SpredningError(
            "importer.file-too-large", path=path, size=_size(path, raw), limit=exc.params["limit"]
        )
    return _invalid(path, raw, exc)


def _size(path: Path, raw: bytes) -> int:
    """A file's size: as on disk, or what was read of it (a pipe; at most the read's cap and a byte)."""
    try:
        return max(path.stat().st_size, len(raw))
    except OSError:
        return len(raw)


def _unreadable_or_unknown_key(exc: ProjectFileError) -> bool:
    """What text after the end line makes of a file: YAML that cannot be read, or a key not ours."""
    problem = exc.params.get("problem")
    return exc.key == "project.invalid-yaml" or getattr(problem, "key", None) == "project.unknown-key"


def _invalid(path: Path, raw: bytes, exc: ProjectFileError) -> SpredningError:
    """A partner's file that is not a valid project file: the inner problem, not 'Projektfilen ...'.

    A file that does not look like one of ours at all (a report, a note picked by mistake) is
    said to be that, plainly: the YAML detail only helps with a spredning file edited by hand.
    One named .docx is said not to be a Word document (renamed or damaged), not told that a
    worksheet is one.
    """
    if exc.key != "project.empty" and not looks_like_ours(path, raw):
        if path.suffix.lower() in (".docx", ".doc"):  # named as a worksheet, but not a Word file
            return SpredningError("exchange.not-word", path=path, suffix=path.suffix)
        shape = answers_shape(raw)
        if shape is not None:  # written for 'fase --svar': said so, with the command (see cli)
            return SpredningError("exchange.answers-file", path=path, phases=shape[0], role=shape[1])
        return SpredningError("exchange.not-spredning", path=path)
    problem = exc.params.get("problem") or Message(f"exchange.why.{exc.key.split('.')[-1]}", exc.params)
    newer = getattr(problem, "key", None) == "project.unknown-key"  # a newer program may write more
    hint = "exchange.invalid-key.hint" if newer else None
    return SpredningError("exchange.invalid", path=path, problem=problem, hint=hint)


def answers_shape(raw: bytes) -> tuple[list[str], str] | None:
    """The phases (in the file's order) and side of an answers file for 'fase --svar', or None.

    Such a file maps question ids ('fase.værktøj.side.spørgsmål') to answers; the side is '' when
    its ids are of both sides. Read only for a file refused as not ours, so a good import pays nothing.
    """
    try:
        data = yamlio.loads(yamlio.decode(raw, yamlio.MAX_BYTES))
    except (yamlio.YamlProblem, ValueError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    ids = [str(key) for key in data]
    if not all(isinstance(key, str) and side_of(key) is not None for key in data):
        return None
    sides = {side_of(key) or "" for key in ids}
    return list(dict.fromkeys(key.split(".")[0] for key in ids)), sides.pop() if len(sides) == 1 else ""


def addressing(path: Path) -> projectfile.Addressing | None:
    """Who an export is from and to, read from its head only (a list of files to choose from).

    None for a file that does not say (not an export, an old one, a broken head); OSError passes.
    """
    return projectfile.addressing(fileio.read_regular(path, HEAD)[:HEAD])


HEAD = 64 * 1024  # an export's facts and addressing come before its answers, well within this


def looks_like_ours(path: Path, raw: bytes) -> bool:
    """True for a file named .yaml or .yml that begins with 'format:', as every file spredning writes.

    Blank and comment lines before it are allowed (a hand-edited file).
    """
    return path.suffix.lower() in (".yaml", ".yml") and _begins_as_ours(raw)


def _begins_as_ours(raw: bytes) -> bool:
    """True for text whose first line (after blank and comment lines) is 'format:'."""
    for line in projectfile.head_text(raw[:4096]).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.startswith("format:")
    return False


# -- planning an import ----------------------------------------------------------------------


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


def plan_into_own(ws: Workspace, slug: str, incoming: Incoming) -> ImportPlan:
    """Plan bringing in a file of our own answers (`projekt flet`: from another project here).

    The same rules as a partner's file, into the project `slug`; its sender is this computer's
    organisation, so what it brings is no news, and nothing is remembered as sent or received.
    """
    opened = ws.store.open(slug)
    return _plan_into(opened.project, opened.local, incoming, None)


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

    Refused with how the partner's export ends (see export), and nothing is written. Its start is
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
    )


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


# -- applying an import ------------------------------------------------------------------------


def apply_import(ws: Workspace, plan: ImportPlan, decisions: Mapping[Slot, Answer]) -> ImportResult:
    """Write an import: each answer as planned unless it changed meanwhile (then merged again).

    `decisions` settle some of the new conflicts now: the content the user chose for each. When
    the import changes or empties our own saved answers or follow-up records (keeps_copy), the
    project file as it was is first kept as a copy beside it (ImportResult.backup), so their old
    text is not lost.
    """
    store = ws.store
    if plan.creates:
        _create(store, plan)

    def bring_in(project: Project, state: LocalState):
        project = project._replace(partners=_with_partners(project.partners, plan.new_partners))
        if plan.adopts:  # one project with the sharing side's from now on: its identity
            # and the sharing organisation's name as it writes it (the same name, told apart here
            # only by case or spacing: see _started_here)
            sharing_org = plan.incoming.project.sharing_org or project.sharing_org
            project = project._replace(id=plan.incoming.project.id, sharing_org=sharing_org)
        if plan.becomes and state.me is None:
            state = state._replace(side=plan.becomes[0], organisation=plan.becomes[1])
        settled = 0
        news, decided_keys = [], set()
        strays = {item.slot for item in plan.strays(ws.layout)}  # shown nowhere: nothing to read
        for item in plan.items:
            fresh = project.entry(item.slot)
            after = item.after if fresh == item.before else _again(fresh, item, plan, state.copy)
            decided = item.slot in decisions and after.in_conflict
            if decided:  # the user read the partner's version to decide: it is no news later
                after = history.resolved(
                    after, decisions[item.slot], state.copy, local.given_count(state, item.slot)
                )
                settled += 1
                decided_keys.add(slot_key(item.slot))
            if after != fresh:
                project = project.with_entry(item.slot, after)
            if (
                not decided
                and item.slot not in strays  # shown nowhere: nothing to read
                and item.outcome in (Outcome.ADDED, Outcome.UPDATED, Outcome.RESOLVED, Outcome.CONFLICT)
                and not plan.from_own_sheet(item)
            ):  # what we wrote ourselves in a worksheet (kept beside ours, too) is no news from the sender
                news.append(slot_key(item.slot))
        project = _bring_in_records(project, plan)
        state = _no_longer_news(_remember(state, plan, news), decided_keys)
        open_conflicts = sum(1 for slot, e in project.entries() if e.in_conflict)
        return project, state, (open_conflicts, settled)

    chosen_over = sum(
        1
        for item in plan.items
        if item.slot in decisions
        and item.before is not None
        and leaves_behind(item.before.answer, decisions[item.slot])
    )
    keep = plan.keeps_copy() or chosen_over > 0  # a copy only when a text of ours is replaced
    open_conflicts, settled = _transact_import(store, plan.project.slug, bring_in, keep)
    backup = store.last_backup if keep else None
    path = store.path_for(plan.project.slug)
    return ImportResult(plan, path, open_conflicts, settled, backup, chosen_over)


def leaves_behind(here: Answer, chosen: Answer) -> bool:
    """True when the version chosen in a conflict drops the text that stood here (then kept in a copy).

    "Both, one after the other" (or a text written around it) keeps it whole: nothing is replaced.
    """
    if not here.text or here.not_relevant != chosen.not_relevant:
        return bool(here.text)
    paragraphs = f"\n\n{chosen.text}\n\n"  # whole paragraphs: "Ja" is not kept by "Jamen nej"
    return all(f"\n\n{text}\n\n" not in paragraphs for text in {here.text, normalise(here.text)})


def news_from(ws: Workspace, slug: str, sender: str | None) -> int:
    """How many answers from `sender` are new to read in the project (what 'vis --nye' shows).

    Counted as status counts them: only answers to questions this guide has.
    """
    if sender is None:
        return 0
    questions = {q.id for q in ws.guide.questions()}
    return sum(1 for key in ws.store.local(slug).news.get(sender, ()) if key_slot(key)[1] in questions)


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


def _transact_import(store, slug: str, bring_in, keep_backup: bool):
    """store.transact for an import: a project grown too large is the partner's answers to shorten."""
    try:
        return store.transact(slug, bring_in, keep_backup=keep_backup)
    except SpredningError as exc:
        if exc.key.startswith("store.too-large"):
            exc.hint = Message("importer.too-large.hint", exc.params)
        raise


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


def _with_partners(partners: tuple[Partner, ...], new: tuple[Partner, ...]) -> tuple[Partner, ...]:
    known = {p.key for p in partners}
    return (*partners, *(p for p in new if p.key not in known))


def _remember(state: LocalState, plan: ImportPlan, news: list[str]) -> LocalState:
    """What the sender is now known to have, which answers are new to look at, what a worksheet gave.

    A worksheet tells nothing of what its filler's program has: what they wrote in it reaches
    that only with our next export, so the export counts it as news, as their import will.
    """
    if plan.incoming.sheet_versions is not None:
        state = local.with_sheet_versions(state, *plan.incoming.sheet_versions)
    sender = plan.incoming.sender
    if sender is None or sender == state.me:
        return state
    known = dict(state.known.get(sender, {}))
    if plan.incoming.sheet_versions is None:  # a worksheet's texts are not in its filler's program
        known.update(
            (slot_key(item.slot), history.written(item.incoming))
            for item in (*plan.items, *plan.records)
            if item.incoming.version
        )
    fresh_news = dict(state.news)
    fresh_news[sender] = tuple(dict.fromkeys((*state.news.get(sender, ()), *news)))
    brought = dict(state.brought.get(sender, {}))
    brought.update(
        (slot_key(item.slot), history.written(item.incoming))
        for item in (*plan.items, *plan.records)
        if _brought_text(item, state.copy)
    )
    imported = state.imported
    stamp = file_stamp(plan.incoming.path) if plan.incoming.sheet_versions is None else None
    if stamp is not None:  # the home screen offers it as brought in, as long as it is this file
        imported = noted_import(imported, plan.incoming.path, stamp)
    return state._replace(
        known={**state.known, sender: known},
        news=fresh_news,
        brought={**state.brought, sender: brought} if brought else state.brought,
        imported=imported,
    )


IMPORTS_NOTED = 100  # the newest imported files the state notes (see noted_import)


def noted_import(imported: Mapping[str, str], path: Path, stamp: str) -> dict[str, str]:
    """The imported files noted (path → file_stamp) with `path` as the newest, last.

    A note is only of use while its file is there unchanged (the home screen compares the
    stamps), so the files deleted, moved or changed since are forgotten, and beyond the newest
    IMPORTS_NOTED the oldest: the notes do not grow for ever. A file forgotten is only offered as
    not yet imported.
    """
    key = str(path.resolve())
    kept = {p: was for p, was in imported.items() if p != key and file_stamp(Path(p)) == was}
    kept[key] = stamp
    return dict(list(kept.items())[-IMPORTS_NOTED:])


def file_stamp(path: Path) -> str | None:
    """A file's size and modification time: the same file, unchanged since (without reading it)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return f"{found.st_size}:{found.st_mtime_ns}"


def _brought_text(item: Planned, copy: str) -> bool:
    """True when the file's version of an answer replaced the text here, and it was not ours coming back.

    A version newer than ours that only this copy changed is our own text (the project file was put
    back to an older copy); any other copy's change in it was made where the file came from.
    """
    if item.outcome not in (Outcome.ADDED, Outcome.UPDATED, Outcome.RESOLVED) or not item.changes_text:
        return False
    if item.after.answer.version != item.incoming.version:
        return False
    before = dict(item.before.answer.version) if item.before is not None else {}
    return any(n > before.get(other, 0) for other, n in item.incoming.version if other != copy)


def writer(state: LocalState, slot: Slot, answer: Answer) -> str | None:
    """The partner whose file brought the version an answer has here, when that partner wrote it; else None.

    Only the sharing side knows: every partner's file comes to it straight from that partner. A
    reusing organisation's file from the sharing side may carry another partner's text, so there
    the writer is not known, and nothing is said.
    """
    if state.me != SHARING or not answer.version:
        return None
    key = slot_key(slot)
    try:
        version = history.written(answer)
    except SpredningError:
        return None
    return next(
        (
            sender
            for sender, versions in state.brought.items()
            if sender != SHARING and versions.get(key) == version
        ),
        None,
    )


# -- exporting ------------------------------------------------------------------------------


class Exported(NamedTuple):
    """An export written: where, for whom, and what it carries."""

    path: Path
    project: Project
    receiver: str  # 'dele' or a partner's key
    receiver_name: str
    answers: int
    others_included: tuple[str, ...]  # other partners' names included on purpose
    replaced: bool
    changes: int = 0  # answers and records in the file the receiver was not known to have
    beside: bool = False  # without --ud, put beside the projects folder (files.place)


def export(
    ws: Workspace,
    *,
    role: str | None,
    partner_option: str | None,
    include_all: bool,
    out: Path | None,
    overwrite: bool,
    today: datetime.date,
) -> Exported:
    """Write the file for a partner: the sharing side's answers and that partner's dialogue."""
    opened = ws.open()
    project, state = opened.project, opened.local
    me = state.me
    if me is None:
        raise UsageProblem("exchange.who-are-you")
    if me == SHARING:
        receiver = partner_for(project, state, partner_option)
        if receiver is None:
            raise UsageProblem("exchange.no-partner")
        receiver_key, receiver_name = receiver.key, receiver.name or receiver.key
        name = f"{project.slug}-til-{receiver.key}.yaml"
    else:
        if include_all:
            raise UsageProblem("exchange.all-only-sharing")
        if partner_option is not None:  # only this organisation's own name passes (dialogue.not-ours)
            partner_for(project, state, partner_option)
        receiver = None
        receiver_key, receiver_name = SHARING, project.sharing_org
        name = f"{project.slug}-fra-{me}.yaml"
    outgoing = outgoing_project(project, me, receiver, include_all=include_all, role=role)
    content = projectfile.serialise(
        outgoing, ws.layout, opened.path, {"fra": me, "til": receiver_key, "dato": today.isoformat()}
    )
    _check_size(ws, content, outgoing, receiver_name)
    path, beside = files.place(ws, out, name)
    key = str(path.absolute())
    replaced = os.path.exists(path)  # a file not to be seen (no access) is said by write_output
    files.write_output(ws, path, content, overwrite=overwrite, replaceable=state.exports.get(key))
    new = _new_to(outgoing, state.known.get(receiver_key, {}))
    changes = len(new)
    sent = {key: history.written(answer) for key, answer in new}  # an older version is not what they have
    ws.store.remember(  # not written: the front end warns, the export is written
        project.slug,
        lambda s: s._replace(
            exports={**s.exports, key: fileio.checksum(content)},
            known={**s.known, receiver_key: {**s.known.get(receiver_key, {}), **sent}},
        ),
    )
    # only the sharing side can include other partners, and only on purpose (--alle-partnere)
    others = tuple(
        p.name or p.key for p in outgoing.partners if include_all and receiver and p.key != receiver.key
    )
    count = sum(1 for _, e in outgoing.entries() if not e.answer.empty)
    return Exported(path, project, receiver_key, receiver_name, count, others, replaced, changes, beside)


def _check_size(ws: Workspace, content: bytes, outgoing: Project, receiver_name: str) -> None:
    """Refuse an export larger than 'importer' reads, before anything is written or marked as sent.

    The limit is the import's own (projectfile.loads reads at most yamlio.MAX_BYTES), so a file
    that is written can always be read by the partner. The longest answers are named, to shorten.
    """
    if len(content) <= yamlio.MAX_BYTES:
        return
    longest = outgoing.longest()
    raise SpredningError(
        "exchange.too-large",
        size=len(content),
        limit=yamlio.MAX_BYTES,
        receiver=receiver_name,
        ids=_places(ws, outgoing, longest),
        n=len(longest),
    )


def outgoing_project(
    project: Project,
    me: str,
    receiver: Partner | None,
    *,
    include_all: bool = False,
    role: str | None = None,
) -> Project:
    """What a file from `me` carries: the sharing side's answers and one dialogue, with follow-up.

    The dialogue is the receiver's (every one with `include_all`; a reusing organisation's own when
    it sends); each answer and record goes in its current version, without the versions kept
    beside it in a conflict. `export` writes this project and `unsent` counts from it, so the two
    cannot disagree.
    """
    if me != SHARING:
        dialogues = [me]
    elif include_all:
        dialogues = [p.key for p in project.partners]
    else:
        dialogues = [receiver.key] if receiver is not None else []
    shared = _only_side({q: Entry(e.answer) for q, e in project.shared.items()}, role)
    chosen = {
        key: _only_side({q: Entry(e.answer) for q, e in project.dialogues.get(key, {}).items()}, role)
        for key in dialogues
    }
    records = {
        where: {
            k: Entry(e.answer) for k, e in project.records.get(where, {}).items() if _record_side(k, role)
        }
        for where in ("", *dialogues)
    }
    return project._replace(
        partners=tuple(p for p in project.partners if p.key in dialogues),
        shared=shared,
        dialogues={k: v for k, v in chosen.items() if v},
        records={k: v for k, v in records.items() if v},
        example=False,
    )


def not_known(outgoing: Project, known: Mapping[str, str]) -> list[str]:
    """The slot keys of a file's answers and records whose version the receiver is not known to have.

    Not known: never sent to it nor seen in its files, or changed since (a deletion included). A
    version older than the one it is known to have is nothing new to it (a project file put back to
    an older copy, see store.WentBack); the same version with another text is (a count given twice
    by a program from before local.py remembered the counts it gave).
    """
    return [key for key, _ in _new_to(outgoing, known)]


def _new_to(outgoing: Project, known: Mapping[str, str]) -> list[tuple[str, Answer]]:
    """The slot keys and answers of not_known."""
    found = []
    for slot, entry in (*outgoing.entries(), *outgoing.record_entries()):
        answer = entry.answer
        if answer.empty and not answer.version:
            continue  # nothing was ever written here
        seen = history.parse(known.get(slot_key(slot), ""))
        if seen is None or _newer(answer, *seen):
            found.append((slot_key(slot), answer))
    return found


def _newer(answer: Answer, check: str | None, version: Version) -> bool:
    """Whether an answer is new to a receiver known to have `version` (with text checksum `check`)."""
    order = history.compare(answer.version, version)
    if order is history.Order.SAME:
        return check not in (None, history.checksum(answer))
    return order is not history.Order.BEFORE


def unsent(project: Project, state: LocalState, partner: Partner | None) -> int:
    """How many answers and records `eksport` would bring the other side that it does not have yet.

    The file is the sharing side's for `partner`, or a reusing organisation's own.
    """
    me = state.me
    if me is None:
        return 0
    if me != SHARING:
        return len(not_known(outgoing_project(project, me, None), state.known.get(SHARING, {})))
    if partner is None:
        return 0
    return len(not_known(outgoing_project(project, me, partner), state.known.get(partner.key, {})))


def _only_side(entries: dict[str, Entry], role: str | None) -> dict[str, Entry]:
    return {q: e for q, e in entries.items() if role is None or side_of(q) == role}


def _record_side(key: str, role: str | None) -> bool:
    """With --rolle, a readiness mark or an approval goes only with its side's answers."""
    kind, rest = followup.split_key(key)
    if role is None or kind not in ("klarhed", "godkendelse"):
        return True
    return rest.rsplit(".", 1)[-1] == role


# -- conflicts ------------------------------------------------------------------------------


class OpenConflict(NamedTuple):
    """An answer with another version waiting for a decision."""

    slot: Slot
    entry: Entry


def partners_own(state: LocalState, conflict: OpenConflict) -> str | None:
    """The partner whose own conflict this is (every version its text: its to settle), else None."""
    by = writer(state, conflict.slot, conflict.entry.answer)
    return by if by is not None and writer_settles(conflict.entry, by) else None


def open_conflicts(project: Project, partner: Partner | None = None) -> list[OpenConflict]:
    """The conflicts to settle: in one dialogue (as Dialogue.conflicts counts them), or everywhere."""
    if partner is None:
        return [OpenConflict(slot, entry) for slot, entry in project.entries() if entry.in_conflict]
    return [OpenConflict(slot, entry) for slot, entry in project.dialogue(partner).conflicts()]


def settle(ws: Workspace, slug: str, decisions: Mapping[Slot, tuple[Entry, Answer]]) -> Settled:
    """Settle conflicts: each (entry as shown, chosen content).

    A choice that leaves the text that stood here behind (another version, or a text written from
    several) keeps the project file as it was beside it first, so no text is lost by a wrong choice.
    """

    def apply(project: Project, state: LocalState):
        settled = meanwhile = 0
        seen = set()
        for slot, (shown, content) in decisions.items():
            fresh = project.entry(slot)
            if fresh is None or fresh != shown:
                meanwhile += 1
                continue
            project = project.with_entry(
                slot, history.resolved(fresh, content, state.copy, local.given_count(state, slot))
            )
            settled += 1
            seen.add(slot_key(slot))
        return project, _no_longer_news(state, seen), (settled, meanwhile)

    chosen_over = sum(1 for shown, content in decisions.values() if leaves_behind(shown.answer, content))
    settled, meanwhile = ws.store.transact(slug, apply, keep_backup=chosen_over > 0)
    backup = ws.store.last_backup if chosen_over and settled else None
    return Settled(settled, meanwhile, backup, chosen_over if backup is not None else 0)


def _no_longer_news(state: LocalState, keys: set[str]) -> LocalState:
    """Answers the user has read while settling their conflict are no news from the partner anymore."""
    if not keys or not state.news:
        return state
    return state._replace(
        news={sender: tuple(k for k in news if k not in keys) for sender, news in state.news.items()}
    )


def decision_receivers(
    project: Project, me: str | None, settled: Iterable[tuple[Slot, Entry]]
) -> tuple[Partner | None, ...]:
    """Who must get the decisions on these conflicts (as they were shown) to close them there too.

    A reusing organisation sends to the sharing side (None). The sharing side sends to each partner
    whose dialogue a conflict was in; a decision on a shared answer goes to every partner, since
    each of them has that answer (the decision is new to them all, as status counts it).
    """
    if me is None:
        return ()
    if me != SHARING:
        return (None,)
    keys: set[str] = set()
    for (where, _), _entry in settled:
        if not where:
            return project.partners
        keys.add(where)
    return tuple(p for p in project.partners if p.key in keys)


# -- git's conflict markers -------------------------------------------------------------------


class Repaired(NamedTuple):
    """A project file with git's markers turned back into one file with answer conflicts."""

    path: Path
    backup: Path
    conflicts: int


def repair_git_markers(ws: Workspace, slug: str) -> Repaired | None:
    """Merge the two versions git marked in a project file by the history rules; None if unmarked."""
    store = ws.store

    def merge(raw: bytes, path: Path, copy: str) -> Project:
        ours_text, theirs_text = projectfile.split_markers(raw.decode("utf-8-sig", "replace"))
        ours = projectfile.parse(projectfile.loads(ours_text.encode(), path), slug, path, ws.layout, copy)
        theirs = projectfile.parse(projectfile.loads(theirs_text.encode(), path), slug, path, ws.layout, copy)
        project = ours.project._replace(
            partners=_with_partners(ours.project.partners, theirs.project.partners)
        )
        for slot, entry in theirs.project.entries():
            after, _ = history.integrate(project.entry(slot), entry.answer)
            for other in entry.others:
                after, _ = history.integrate(after, other)
            project = project.with_entry(slot, after)
        for slot, entry in theirs.project.record_entries():
            after, _ = history.integrate(project.record(slot), entry.answer)
            for other in entry.others:
                after, _ = history.integrate(after, other)
            project = project.with_record(slot, after)
        return project

    result = store.rewrite_marked(slug, merge)
    if result is None:
        return None
    project, backup = result
    return Repaired(store.path_for(slug), backup, sum(1 for _, e in project.entries() if e.in_conflict))


def slot_of(key: str) -> Slot:
    """The slot a stored key names (for front ends listing news)."""
    return key_slot(key)
