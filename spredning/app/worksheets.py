"""Worksheets: a Word document for a partner without the program, and reading it back in.

``make_worksheet`` writes one dialogue's questions (some phases, one side or both) with the current
answers in Word content controls, and records in the document the project's identity, who made it
(this computer's organisation) and for whom, and the version of each answer a field was made from.

A worksheet is read only where it was made: the maker's computer alone gives its changes their
counts, so the same text is the same version everywhere. The organisation that filled it in is
told to send it back, and gets its answers with the maker's next export. A sheet of only the
maker's own side's questions (made for its own workshop) is the maker's own: read with the maker
as its filler (own_sheet), so its changes are ours, not the partner's.

``read_worksheet`` turns a returned worksheet into the same ``Incoming`` an exchange file gives, so
planning, dry runs, conflicts and the history work unchanged. Each field becomes one version:

- a field as it was sent (its text's checksum is the one recorded) is the recorded version, so it
  is "unchanged";
- an edited field is a new version by the organisation that filled it in, descending from the
  recorded one: the recorded vector with a count for a copy id that stands for "this worksheet,
  filled in by that organisation" (derived from the project, that organisation and the worksheet's
  own random id, so every copy of one worksheet shares it, and two worksheets never share one;
  its first characters name that organisation, so the filler knows its own words when the
  maker's export brings them: app/exchange/import_plan.py, from_own_sheet).
  Each text a worksheet brought in is remembered with its count in this computer's state, so the
  same text from the same worksheet is the same version whenever it comes back, and a new text
  counts one more: a worksheet sent back again with further edits is newer than its first import;
- a field as it was sent never changes anything, also after another copy of the worksheet was
  imported (the price: putting back exactly the sent text is not heard; worksheet/returned.py);
- an emptied field is a deletion; a field left empty in a worksheet made without answers (--tom)
  says nothing, and a field filled in there is an answer written without seeing ours.

Text outside the fields, tables and pictures in them, comments and deleted fields are not answers;
they are returned as notes, so the user hears about each of them.

The readiness marks and the actions a worksheet shows in fields come back by the same rules, as
follow-up records (app/worksheet_followup.py says which it shows and how their values are read).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from spredning.app import files, worksheet_followup
from spredning.app.dialogue import org_named, partner_for
from spredning.app.workspace import Workspace
from spredning.core import fileio, history, local
from spredning.core.errors import Message, SpredningError, UsageProblem, message
from spredning.core.local import LocalState, slot_key
from spredning.core.model import (
    ROLES,
    SHARING,
    Answer,
    Dialogue,
    Entry,
    Partner,
    Phase,
    Project,
    Question,
    project_slug,
    side_of,
)
from spredning.worksheet import answers
from spredning.worksheet.package import MAX_FILE, is_word_file
from spredning.worksheet.record import FieldRecord, SheetProblem, SheetRecord, checksum

if TYPE_CHECKING:
    from spredning.app.exchange.incoming import Incoming

__all__ = ["MAX_FILE", "Worksheet", "is_word_file", "make_worksheet", "read_worksheet", "write_worksheet"]


class Worksheet(NamedTuple):
    """A worksheet made: the file's bytes, its default name, and what it holds."""

    content: bytes
    default_name: str
    slug: str
    receiver: str  # 'dele' or the partner's key: who fills it in
    receiver_name: str
    fields: int
    answered: int
    empty: bool
    sent: Mapping[
        str, str
    ]  # slot key → the version each field shows (what the receiver will have: write_worksheet)
    marks: int = 0  # readiness fields (pairs of colour and reason)
    actions: int = 0  # actions of the plan shown in fields (empty rows for new ones not counted)


def make_worksheet(
    ws: Workspace,
    *,
    phases: tuple[Phase, ...] | None = None,
    role: str | None = None,
    partner: Partner | None = None,
    empty: bool = False,
    today: datetime.date,
    sheet_id: str | None = None,
) -> Worksheet:
    """Make the worksheet of one dialogue, for the organisation on its other side."""
    from spredning.worksheet import compose, writer

    opened = ws.open_to_send()
    project, state = opened.project, opened.local
    me = state.me
    if me is None:
        raise UsageProblem("exchange.who-are-you")
    chosen = partner or partner_for(project, state, None)
    if chosen is None:
        raise UsageProblem("exchange.no-partner")
    if me != SHARING and chosen.key != me:
        raise UsageProblem("worksheet.not-your-dialogue", org=chosen.name or chosen.key)
    roles = (role,) if role else ROLES
    sheet = sheet_id or os.urandom(8).hex()
    parts, fields = _parts(ws, project, chosen, roles, phases, empty)
    if not fields:
        raise UsageProblem("worksheet.no-questions")
    scope = worksheet_followup.Scope(project, chosen, roles, empty, sheet)
    follow, records = worksheet_followup.follow_up(ws.guide, parts, scope, first=len(fields) + 1)
    filler = chosen.key if me == SHARING else SHARING
    sheet_record = SheetRecord(
        sheet,
        project.id,
        project.name,
        project.sharing_org,
        me,
        filler,
        chosen,
        today.isoformat(),
        tuple(item.field for item in fields),
        follow=records,
    )
    content = compose.Content(
        ws.guide, project.name, project.description, project.sharing_org, chosen, me, roles,
        parts, empty, today, sheet_record, follow,
    )  # fmt: skip
    several = len(project.partners) > 1 and me == SHARING
    sent = {slot_key(i.field.slot): i.field.version for i in fields if _has_history(i.field.version)}
    sent |= {slot_key(r.slot): r.version for r in records if _has_history(r.version)}
    if own_sheet(sheet_record, me):  # for our own workshop: nothing in it reaches the partner
        sent = {}
    return Worksheet(
        writer.render(compose.compose(content)),
        default_name(project.slug, chosen if several else None, phases, role, empty),
        project.slug,
        filler,
        (chosen.name or chosen.key) if filler != SHARING else project.sharing_org,
        len(fields),
        sum(1 for item in fields if item.shown),
        empty,
        {} if empty else sent,
        marks=sum(len(f.marks) for f in follow.values()),
        actions=sum(1 for f in follow.values() for a in f.actions if not a.new),
    )


def _parts(ws: Workspace, project: Project, partner: Partner, roles, phases, empty: bool):
    """The phases, tools and sides the worksheet shows, and its fields numbered in page order."""
    from spredning.worksheet.compose import ToolPart

    view = project.dialogue(partner)
    items: list = []

    def numbered(question: Question):
        items.append(_item(project, view, question, len(items) + 1, empty))
        return items[-1]

    parts = []
    for phase in phases if phases is not None else ws.guide.phases:
        tools = []
        for tool in phase.tools:
            sides = tuple(
                (role, tuple(numbered(question) for question in tool.questions(role)))
                for role in ROLES
                if role in roles and tool.questions(role)
            )
            if sides:
                tools.append(ToolPart(tool, sides))
        if tools:
            parts.append((phase, tuple(tools)))
    return tuple(parts), items


def _item(project: Project, view: Dialogue, question: Question, number: int, empty: bool):
    """One question's field: the answer it shows and the version that answer has."""
    from spredning.worksheet.compose import Item

    slot = view.slot(question.id)
    entry = project.entry(slot)
    given = entry.answer if entry is not None and not entry.answer.empty else None
    shown = "" if empty else answers.shown(given)
    version = None if empty else history.written(entry.answer if entry else Answer())
    field = FieldRecord(number, slot, version, checksum(answers.normalise(shown)))
    return Item(question, field, shown, bool(view.waiting(question.id)), view.is_variant(question.id))


def _has_history(version: str | None) -> bool:
    parsed = history.parse(version) if version else None
    return parsed is not None and bool(parsed[1])


def default_name(
    slug: str, partner: Partner | None, phases: tuple[Phase, ...] | None, role: str | None, empty: bool
) -> str:
    """The worksheet's file name: the project, the partner when there are several, the scope.

    "aeroe-arbejdsark.docx", "aeroe-arbejdsark-fanoe-kommune-tjek-genbruge.docx".
    """
    parts = [slug, "arbejdsark"]
    if partner is not None:
        parts.append(partner.key)
    if phases is not None:
        parts += [p.id for p in phases]
    if role:
        parts.append(role)
    if empty:
        parts.append("tom")
    return "-".join(parts) + ".docx"


class Written(NamedTuple):
    """A worksheet written to a file."""

    path: Path
    replaced: bool
    copy: Path | None = None  # the file replaced, kept beside it, unless it was the program's own


def write_worksheet(ws: Workspace, sheet: Worksheet, path: Path, *, overwrite: bool = False) -> Written:
    """Write a worksheet; the program's own earlier worksheet of that name may be replaced.

    What the sheet shows is then what its receiver is known to have (status counts nothing of it as
    unsent), unless an exchange file went to or came from the receiver (local.takes_files): its
    program cannot read our worksheet, and gets those answers only from our next export. A sheet of
    our own side's questions only (own_sheet) is for our own workshop: it gives the partner nothing.
    """
    key = fileio.path_text(path.absolute())  # the program's own output, known by it
    state = ws.store.local(sheet.slug)
    replaced = os.path.exists(path)  # a file not to be seen (no access) is said by write_output

    def remember(current: LocalState) -> LocalState:
        exports = {**current.exports, key: fileio.checksum(sheet.content)}
        if local.takes_files(current, sheet.receiver):  # their program has only what our files brought
            return current._replace(exports=exports)
        known = {**current.known.get(sheet.receiver, {}), **sheet.sent}
        return current._replace(exports=exports, known={**current.known, sheet.receiver: known})

    copies: list[Path] = []
    ws.store.write_and_remember(  # not remembered: the front end warns, the sheet is written
        sheet.slug,
        lambda: files.kept_in(
            copies,
            files.write_output(
                ws, path, sheet.content, overwrite=overwrite, replaceable=state.exports.get(key)
            ),
        ),
        remember,
    )
    return Written(path, replaced, next(iter(copies), None))


# -- reading a returned worksheet -----------------------------------------------------------------


def read_worksheet(ws: Workspace, path: Path, raw: bytes) -> Incoming:
    """A returned worksheet as an exchange file's Incoming; a file that is not one says why in Danish.

    The worksheet must belong to a project in this folder: it goes back to whoever made it.
    """
    from spredning.app.exchange.incoming import Incoming
    from spredning.worksheet import package, reader, record
    from spredning.worksheet.returned import brought_in, returned, returned_follow, sheet_copy

    try:
        parts = package.open_package(raw)
        sheet = record.from_xml(parts.record)
    except SheetProblem as problem:
        raise SpredningError.of(Message(problem.key, problem.params), path=path) from None
    found = ws.store.find_by_id(sheet.project, prefer=ws.store.chosen(ws.settings.project))
    if found is None:
        from spredning.app.project_restore import same_identity

        removed = same_identity(ws, sheet.project)
        if removed:  # removed here: brought back, it takes the sheet (not 'another folder')
            raise SpredningError(
                "worksheet.removed-project", path=path, name=sheet.name, folder=removed[0].folder.name
            )
        # a project here of the same name is another project (started apart, or a copy made anew)
        named = [ws.store.path_for(slug).name for slug in ws.store.namesakes(sheet.name)]
        raise SpredningError(
            "worksheet.unknown-project-namesake" if named else "worksheet.unknown-project",
            path=path,
            name=sheet.name,
            home=ws.store.shown_home,
            org=_org_name(None, sheet, sheet.maker),
            files=named,
        )
    opened = ws.store.open(found.slug)
    _check_ours(opened.project, opened.local.me, sheet, path)
    own = own_sheet(sheet, opened.local.me)
    if own:  # our own side's questions: filled in by us, whoever the sheet was addressed to
        sheet = sheet._replace(filler=sheet.maker)
    keys = sheet.keys()
    try:
        body = reader.read_body(parts.document, parts.styles, keys, parts.numbering)
        remarks = reader.comments(parts.comments)
    except SheetProblem as problem:
        raise SpredningError.of(Message(problem.key, problem.params), path=path) from None
    if keys and not body.fields:
        unnamed = reader.has_unnamed_controls(parts.document)
        raise SpredningError("worksheet.fields-unnamed" if unnamed else "worksheet.no-fields", path=path)
    project = opened.project
    known = opened.local.known.get(sheet.filler, {})
    entries = {field.slot: project.entry(field.slot) for field in sheet.fields}
    records = {item.slot: project.record(item.slot) for item in sheet.follow}
    versions = [a.version for e in (*entries.values(), *records.values()) if e for a in (e.answer, *e.others)]
    copy = sheet_copy(
        sheet, lambda old: old in opened.local.worksheets or any(old in dict(v) for v in versions)
    )
    given = opened.local.worksheets.get(copy, {})
    result = returned(sheet, body, remarks, entries, known, ws.guide, given, copy)
    follow = returned_follow(sheet, body, records, known, ws.guide, worksheet_followup.parse, given, copy)
    if follow.problems:  # nothing is half read: the whole worksheet waits until the values are right
        raise SpredningError(
            "worksheet.bad-values",
            path=path,
            n=len(follow.problems),
            problems=list(follow.problems),
            org=_org_name(project, sheet, sheet.filler),
        )
    brought = brought_in(copy, {**result.answers, **follow.records})
    # a sheet with no field changed since it was made was filled in by nobody: not said to be
    key = "worksheet.note.read" if brought else "worksheet.note.read-untouched"
    key = "worksheet.note.read-own" if own else key
    intro = message(
        key,
        org=_org_name(project, sheet, sheet.filler),
        day=_day(sheet.day),
        n=sum(1 for field in sheet.fields if field.number in body.fields),
    )
    return Incoming(
        _incoming_project(sheet, result.answers, follow.records),
        path,
        sheet.filler,
        sheet.filler if own else sheet.maker,
        notes=(intro, *result.notes, *follow.notes),
        sheet_versions=(copy, brought),
    )


def own_sheet(sheet: SheetRecord, me: str | None) -> bool:
    """True when every question on a worksheet is one of our own side's: its answers are ours.

    'arbejdsark --rolle' with our own side makes such a sheet for our own workshop; whoever it was
    addressed to, nobody but us answers our own side's questions in it. Its changes are then our
    own (read with us as its filler: its copy id names us, core/copies.py), never the partner's.
    A sheet with the partner's questions too is the partner's to fill in, as before.
    """
    if me is None or me != sheet.maker or not sheet.fields:
        return False
    side = "dele" if me == SHARING else "genbruge"
    return all(side_of(field.slot[1]) == side for field in sheet.fields)


def _incoming_project(sheet: SheetRecord, found: Mapping, records: Mapping) -> Project:
    shared = {qid: Entry(answer) for (key, qid), answer in found.items() if not key}
    mine = {qid: Entry(answer) for (key, qid), answer in found.items() if key}
    follow: dict[str, dict[str, Entry]] = {}
    for (where, key), answer in records.items():
        follow.setdefault(where, {})[key] = Entry(answer)
    return Project(
        id=sheet.project,
        slug=project_slug(sheet.name),
        name=sheet.name,
        sharing_org=sheet.sharing_org,
        partners=(sheet.partner,),
        shared=shared,
        dialogues={sheet.partner.key: mine} if mine else {},
        records=follow,
    )


def _check_ours(project: Project, me: str | None, sheet: SheetRecord, path: Path) -> None:
    """A worksheet is read where it was made; another reusing organisation's is not ours (confidentiality).

    Only the maker's computer reads a sheet back: it alone gives the sheet's changes their counts
    (worksheet/returned.py), so the same text is the same version wherever it goes next. The
    organisation that filled it in gets its answers with the maker's next export; reading the sheet
    there too would count its changes a second time, and could reopen a conflict the maker settled.
    """
    if me is None or me == sheet.maker:
        return
    if me == sheet.filler:
        maker = _org_name(project, sheet, sheet.maker)
        raise SpredningError("worksheet.filled-here", path=path, org=maker)
    # as for an exchange file: ours is on its way, or this computer is set to the wrong organisation
    # (then a sheet that organisation made is read here; one the sharing side made goes back to it)
    raise SpredningError(
        "worksheet.not-for-us" if sheet.maker == SHARING else "worksheet.not-for-us-from",
        hint="worksheet.not-for-us.hint-back" if sheet.maker == SHARING else None,
        path=path,
        org=_org_name(project, sheet, sheet.partner.key),
        own=_org_name(project, sheet, me),
        sharing=_org_name(project, sheet, SHARING),
    )


def _org_name(project: Project | None, sheet: SheetRecord, key: str) -> str | Message:
    """The organisation a worksheet names by key, by its name (this project's, else the sheet's)."""
    if project is None:
        return org_named(key, (sheet.sharing_org,), (sheet.partner,))
    return org_named(key, (project.sharing_org, sheet.sharing_org), (*project.partners, sheet.partner))


def _day(text: str) -> datetime.date | str:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text
