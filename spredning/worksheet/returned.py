"""A returned worksheet's fields as answer versions, and a note on everything that is not an answer.

The rules (see also spredning/app/worksheets.py):

- A field whose text is the one it was sent with (the recorded checksum) is the recorded version,
  always: whatever this worksheet (or another copy of it) brought in before is newer, so a field
  left as it was never changes anything. The price: a partner who deliberately puts back exactly
  the text the worksheet was sent with, after an earlier import of the same worksheet brought in
  an edit, is not heard; a new worksheet (or a change in the program) does that.
- An edited field is a new version descending from the recorded one, counted for the copy id that
  stands for "this worksheet, filled in by this organisation" (``sheet_copy``; every copy of one
  worksheet file shares it, and ``filled_by`` tells that organisation its own words by it).
- Each version an import brought in is remembered, by text, in this computer's state
  (core/local.py, ``worksheets``: sheet copy id → slot → text checksum → count). A text this
  worksheet brought in before gets that same version again, whatever happened since (a conflict
  settled, rounds of exchange files, more copies imported), so the same file imported again
  changes nothing: its versions are the same, or older than what followed them. A new text gets a
  count above every earlier one, so a worksheet sent back a second time with more edits is newer
  than its first import. Worksheets imported before the program remembered them are looked up as
  before: in the project's entry and in what the filler is known to have.
- A field shows a control character Word cannot hold as its picture (␇ for BEL, textsafe.xml_safe).
  Read back, each picture that still stands where the field showed one becomes the character again
  (against the version the field was made from, or the project's current one when that is gone), so
  an edit elsewhere in the field leaves the rest of the text exactly as it was.
- A field emptied is a deletion; in a worksheet made empty on purpose (no recorded version) an
  empty field says nothing.

A readiness mark or an action (follow-up fields, format 2) is one record shown in several fields;
it follows the same rules as one answer: its fields as sent (or values that say the same) are the
recorded version, any change is a new version, emptied fields are a deletion, and an empty row for
a new action says nothing until something is written in it. The values are read by the program's
own parsers (spredning/app), so a field says "gul" the way 'spredning klarhed' takes it.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
from collections.abc import Callable, Mapping
from typing import NamedTuple

from spredning.core import history
from spredning.core.copies import filler_tag
from spredning.core.errors import Message, message
from spredning.core.local import slot_key
from spredning.core.model import NOTHING, Answer, Entry, Guide, Slot, Version
from spredning.core.textsafe import restore_pictures
from spredning.worksheet import answers, followup
from spredning.worksheet.reader import Body, Field
from spredning.worksheet.record import FieldRecord, FollowRecord, SheetRecord, checksum

SHOWN_IN_NOTE = 400  # characters of a partner's text quoted in a note; the rest stays in the document
MAX_COMMENTS = 20
LEFT_OUT = ("table", "image", "note", "formula")  # what a field can hold that an answer cannot, as named


class Returned(NamedTuple):
    """The answers a worksheet brings, by slot, and the notes for the user."""

    answers: dict[Slot, Answer]
    notes: tuple[Message, ...]


class FollowReturned(NamedTuple):
    """The follow-up records a worksheet brings, by slot, notes, and values that cannot be read."""

    records: dict[Slot, Answer]
    notes: tuple[Message, ...]
    problems: tuple[Message, ...]  # any problem refuses the whole worksheet: nothing is half read


# Reads one mark's or action's field texts (by value name) into the record's content, or says which
# values cannot be read: {name: problem}. Given by the app, which has the commands' parsers.
Parse = Callable[[FollowRecord, Mapping[str, str]], Answer | Mapping[str, Message]]
# What one worksheet brought in before, as this computer remembers it: slot key → checksum → count.
Given = Mapping[str, Mapping[str, int]]


def sheet_copy(record: SheetRecord, remembered: Callable[[str], bool] = lambda copy: False) -> str:
    """The copy id of changes made in one worksheet by the organisation that filled it in.

    'w', four characters that name the filler in this project (copies.py, ``filled_by``), and eleven for the
    sheet. A sheet imported before the filler was named keeps its old id ('w' and the eleven),
    when `remembered` says that one is in this computer's memory or the project's versions.
    """
    seed = f"{record.project}\n{record.filler}\n{record.sheet}".encode()
    old = "w" + hashlib.sha256(seed).hexdigest()[:11]
    return old if remembered(old) else "w" + filler_tag(record.project, record.filler) + old[1:]


def returned(
    record: SheetRecord,
    body: Body,
    comments: list[tuple[str, str]],
    entries: Mapping[Slot, Entry | None],
    known: Mapping[str, str],
    guide: Guide,
    given: Given = NOTHING,
    copy: str | None = None,
) -> Returned:
    """Each field's answer version, and notes on missing fields, left-out content, outside text, comments.

    `copy` is the sheet's copy id (``sheet_copy``; by default a sheet never imported here before).
    """
    copy = copy or sheet_copy(record)
    found: dict[Slot, Answer] = {}
    notes: list[Message] = []
    tracked = False
    for field in record.fields:
        content = body.fields.get(field.number)
        if content is None:
            notes.append(
                message("worksheet.note.missing", number=field.number, question=_question(guide, field))
            )
            continue
        if content.left_out:
            notes.append(
                message(
                    "worksheet.note.left-out",
                    number=field.number,
                    question=_question(guide, field),
                    kinds=_kinds(content),
                )
            )
        tracked = tracked or content.tracked
        text = "\n".join(content.lines)
        key = slot_key(field.slot)
        earlier = Earlier(entries.get(field.slot), known.get(key), given.get(key, NOTHING))
        answer = field_answer(field, text, earlier, copy)
        if answer is not None and not history.writable(answer.version):
            # A project file cannot hold a history of that many copies: say so, and keep the file readable.
            notes.append(
                message(
                    "worksheet.note.too-many-copies", number=field.number, question=_question(guide, field)
                )
            )
        elif answer is not None:
            found[field.slot] = answer
    if tracked:
        notes.append(Message("worksheet.note.tracked"))
    notes += outside_notes(record, body, guide)
    notes += [
        message("worksheet.note.comment", author=author or "?", text=quote(text))
        for author, text in comments[:MAX_COMMENTS]
    ]
    if len(comments) > MAX_COMMENTS:
        notes.append(message("worksheet.note.more-comments", n=len(comments) - MAX_COMMENTS))
    return Returned(found, tuple(notes))


def _kinds(content: Field) -> list[Message]:
    return [Message(f"worksheet.left-out.{kind}") for kind in LEFT_OUT if kind in content.left_out]


class Earlier(NamedTuple):
    """Where a field's earlier versions from this worksheet may be.

    The project's entry, the version the filler is known to have (as written), and what this
    computer remembers of this worksheet for this answer (from Given).
    """

    entry: Entry | None = None
    known: str | None = None
    given: Mapping[str, int] = NOTHING  # text checksum → count


def field_answer(field: FieldRecord, text: str, earlier: Earlier, copy: str) -> Answer | None:
    """The version one field gives (None: the field says nothing).

    Control characters the field showed as pictures (␇ for BEL) are put back where the field still
    has them, so a part of an answer left as it was stays exactly the text that was sent.
    """
    as_sent = checksum(answers.normalise(text)) == field.shown
    content = answers.to_answer(text)
    sent = _sent(field.version, earlier.entry)
    if sent is not None:
        content = content._replace(text=restore_pictures(content.text, sent.text))
    return versioned(content, field.version, as_sent, earlier, copy)


def _sent(version: str | None, entry: Entry | None) -> Answer | None:
    """The version a field (or a record's fields) was made from, as the project still has it.

    When the project no longer has it (changed here since), its current version: the nearest text.
    """
    recorded = history.parse(version) if version is not None else None
    if entry is None or recorded is None:
        return None
    for candidate in (entry.answer, *entry.others):
        if history.checksum(candidate) == recorded[0] and candidate.version == recorded[1]:
            return candidate
    return entry.answer


def versioned(content: Answer, sent: str | None, as_sent: bool, earlier: Earlier, copy: str) -> Answer | None:
    """The version a field (or a record's fields) gives; None when it says nothing.

    `content` is what the field says now, `sent` the version written when the worksheet was made
    (None: made empty on purpose), `as_sent` true when the field still says what it was made with.
    """
    check: str | None = None
    base: Version = ()
    if sent is None:  # made empty on purpose
        if content.empty:
            return None
    else:
        check, base = history.parse(sent) or (None, ())
    if as_sent and check is not None:  # never a change, whatever this worksheet brought in before
        if content.empty and not base:
            return None  # never answered, and still not: nothing to bring in (an export would not carry it)
        here = earlier.entry.answer.version if earlier.entry is not None else None
        if here is not None and history.compare(base, here) is history.Order.BEFORE:
            return None  # changed here since the sheet was made: a field left as it was says nothing
        return _recorded(content, check, base, earlier.entry)
    counts, highest = _from_this_sheet(earlier, copy, base)
    count = counts.get(history.checksum(content), highest + 1)
    return content._replace(version=tuple(sorted({**dict(base), copy: count}.items())))


def _from_this_sheet(earlier: Earlier, copy: str, base: Version) -> tuple[dict[str, int], int]:
    """The counts this worksheet gave this answer's texts before, and its highest count seen.

    The first is {text checksum: count}; the second counts versions since joined into a decision.
    What this computer remembers decides; a worksheet imported before it remembered is found
    where its versions still are, as this worksheet's count on the recorded version.
    """
    found: dict[str, int] = {}
    highest = max(earlier.given.values(), default=0)
    parsed = history.parse(earlier.known) if earlier.known else None
    candidates = [parsed] if parsed is not None else []
    for answer in (earlier.entry.answer, *earlier.entry.others) if earlier.entry else ():
        candidates.append((history.checksum(answer), answer.version))
    for check, version in candidates:
        count = dict(version).get(copy, 0)
        highest = max(highest, count)
        if count and check is not None and _without(version, copy) == base:
            found[check] = max(found.get(check, 0), count)
    return {**found, **earlier.given}, highest


def brought_in(copy: str, found: Mapping[Slot, Answer]) -> dict[str, dict[str, int]]:
    """What to remember of the versions a worksheet gives (its own counts): slot key → checksum → n."""
    return {
        slot_key(slot): {history.checksum(answer): dict(answer.version)[copy]}
        for slot, answer in found.items()
        if copy in dict(answer.version)
    }


def _without(version: Version, copy: str) -> Version:
    return tuple((c, n) for c, n in version if c != copy)


def _recorded(content: Answer, check: str, base: Version, entry: Entry | None) -> Answer:
    """The recorded version, with its exact text (a field may show it slightly differently)."""
    if history.checksum(content) == check:
        return content._replace(version=base)
    for version in (entry.answer, *entry.others) if entry else ():
        if history.checksum(version) == check and version.version == base:
            return Answer(version.text, version.not_relevant, base, fields=version.fields)  # a record's too
    return content._replace(version=base)


def returned_follow(
    record: SheetRecord,
    body: Body,
    entries: Mapping[Slot, Entry | None],
    known: Mapping[str, str],
    guide: Guide,
    parse: Parse,
    given: Given = NOTHING,
    copy: str | None = None,
) -> FollowReturned:
    """Each readiness mark's and action's version, notes on deleted fields, and unreadable values."""
    copy = copy or sheet_copy(record)
    found: dict[Slot, Answer] = {}
    notes: list[Message] = []
    problems: list[Message] = []
    for item in record.follow:
        entry = entries.get(item.slot)
        contents = {f.name: body.fields.get(f.number) for f in item.fields}
        label = functools.partial(followup.label, guide, item, what=_what(entry, contents.get("hvad")))
        gone = [f for f in item.fields if contents[f.name] is None]
        if gone:  # a deleted field: its mark or action stays as it is
            written = any(content.lines and any(content.lines) for content in contents.values() if content)
            if item.version is not None or written:  # an empty row for a new action deleted: nothing lost
                notes.append(message(_MISSING_FOLLOW[_follow_kind(item)], field=label(gone[0])))
            continue
        present = {name: content for name, content in contents.items() if content is not None}
        notes += [
            message("worksheet.note.left-out-follow", field=label(f), kinds=_kinds(present[f.name]))
            for f in item.fields
            if present[f.name].left_out
        ]
        texts = {name: "\n".join(content.lines) for name, content in present.items()}
        made_from = _sent(item.version, entry)
        sent = dict(made_from.fields) if made_from is not None else {}
        parsed = parse(item, restored(texts, sent))
        if not isinstance(parsed, Answer):
            problems += [
                message("worksheet.bad-field", field=label(f), problem=parsed[f.name])
                for f in item.fields
                if f.name in parsed
            ]
            continue
        as_sent = _as_sent(item, texts, parsed)
        key = slot_key(item.slot)
        answer = versioned(
            parsed, item.version, as_sent, Earlier(entry, known.get(key), given.get(key, NOTHING)), copy
        )
        if answer is not None and not history.writable(answer.version):  # as for an answer
            notes.append(message("worksheet.note.too-many-copies-follow", field=label(item.fields[0])))
        elif answer is not None:
            found[item.slot] = answer
    return FollowReturned(found, tuple(notes), tuple(problems))


# What a deleted field of a mark, an action, or a new action's row means for it
_MISSING_FOLLOW = {
    "klarhed": "worksheet.note.missing-mark",
    "plan": "worksheet.note.missing-action",
    "new": "worksheet.note.missing-new-action",
}


def restored(texts: Mapping[str, str], sent: Mapping[str, str]) -> dict[str, str]:
    """A record's field texts with the control characters its values showed as pictures put back."""
    return {name: restore_pictures(text, sent.get(name, "")) for name, text in texts.items()}


def _follow_kind(item: FollowRecord) -> str:
    return "new" if item.version is None and item.kind == "plan" else item.kind


def _as_sent(item: FollowRecord, texts: Mapping[str, str], content: Answer) -> bool:
    """True when the fields show what they were made with, or values that say the same ("GUL." for gul)."""
    if all(checksum(answers.normalise(texts[f.name])) == f.shown for f in item.fields):
        return True
    recorded = history.parse(item.version) if item.version is not None else None
    return recorded is not None and recorded[0] == history.checksum(content)


def _what(entry: Entry | None, field: Field | None) -> str:
    """What an action says, to name it: as the project has it, else as its field does."""
    values = dict(entry.answer.fields) if entry is not None else {}
    return values.get("hvad") or (" ".join(" ".join(field.lines).split()) if field is not None else "")


def outside_notes(record: SheetRecord, body: Body, guide: Guide) -> list[Message]:
    """Text that is not the program's own outside the fields, and copied fields, in page order."""
    candidates = [item for item in body.outside if item.text.strip() and item.copy_of is None]
    matcher = difflib.SequenceMatcher(
        None, list(record.paragraphs), [checksum(item.text.strip()) for item in candidates], autojunk=False
    )
    new = {
        id(candidates[position])
        for kind, _, _, start, end in matcher.get_opcodes()
        if kind in ("replace", "insert")
        for position in range(start, end)
    }
    notes = []
    for item in body.outside:
        where = _where(record, item.after, guide)
        if item.copy_of is not None:
            notes.append(
                message("worksheet.note.copy", number=item.copy_of, where=where, text=quote(item.text))
            )
        elif id(item) in new:
            notes.append(message("worksheet.note.outside", where=where, text=quote(item.text.strip())))
        if item.objects:  # the program writes no pictures: any there are the partner's
            kinds = [Message(f"worksheet.left-out.{kind}") for kind in LEFT_OUT if kind in item.objects]
            notes.append(message("worksheet.note.outside-objects", where=where, kinds=kinds))
    return notes


def quote(text: str) -> Message:
    """A partner's text for a note: all of it, or its beginning and how long it is."""
    if len(text) <= SHOWN_IN_NOTE:
        return message("worksheet.quote", text=text)
    return message("worksheet.quote-long", text=text[:SHOWN_IN_NOTE].rstrip(), n=len(text))


def _where(record: SheetRecord, after: int | None, guide: Guide) -> Message:
    field = record.field(after) if after is not None else None
    if field is not None:
        return message("worksheet.where.after", number=field.number, question=_question(guide, field))
    follow = record.follow_field(after) if after is not None else None
    if follow is not None:
        return message("worksheet.where.after-follow", field=followup.label(guide, *follow))
    return Message("worksheet.where.first")


def _question(guide: Guide, field: FieldRecord) -> str:
    found = guide.locate(field.slot[1])
    return found[2].text if found else field.slot[1]
