"""What a worksheet carries besides its page: identity, sender, receiver and each field's origin.

The record is a custom XML part (``customXml/itemN.xml``, root ``arbejdsark`` in the namespace
below). Word keeps custom XML parts when it saves a document, and so does LibreOffice (tested in
tests/test_worksheet_libreoffice.py); neither shows them, so nobody edits them by accident.

Each answer field is a content control (``w:sdt``) numbered 1, 2, 3 ... in page order:

- its tag is ``N|SLOT`` (SLOT as local.slot_key writes it: 'QUESTION' or 'PARTNER/QUESTION'),
  or just ``N`` when that would pass Word's 64 characters;
- its title (alias) is "Svar N": LibreOffice 7.4 drops tags when it saves but keeps titles, so the
  number is read from the title when the tag is gone;
- the record's ``felt`` element for N names the slot again and holds the version of the answer
  the field was made from (as history.written writes it: checksum and version vector), and a
  checksum of the text shown in the field, so an untouched field is recognised as unchanged.

A field written empty on purpose (``--tom``, for print and workshops) has no version: an empty
field then says nothing, and a filled one is an answer written without seeing ours.

Follow-up fields (format 2) show a readiness mark (colour and reason) or an action of the plan
(what, who, deadline, status), each value in a field of its own; their numbers follow the answers'.
The record's ``punkt`` element for one mark or action names its record slot (as slot_key writes it:
'PARTNER/klarhed:FASE.VÆRKTØJ.SIDE', '/plan:ID' ...) and the version the fields were made from
(none for a new action's empty row), the phase or tool an action comes from (``kilde``, not shown),
and a ``punktfelt`` for each field: its number, the record value it shows and a checksum of its
text. Their tags are 'N|SLOT#NAME' (or 'N'), their titles end in the number ("Klarhed 35").
A format 1 worksheet (made before follow-up fields) is read as before.

The record also lists a checksum of every paragraph the program wrote outside the fields, in
order, so text a partner typed outside the fields can be found and reported.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zlib
from typing import NamedTuple

from spredning.core import followup, history
from spredning.core.errors import SpredningError
from spredning.core.local import key_slot, slot_key
from spredning.core.model import SHARING, Partner, Slot, side_of
from spredning.core.projectfile import ID_PATTERN, KEY_PATTERN, QUESTION_ID
from spredning.core.textsafe import xml_safe

NAMESPACE = "urn:spredning:arbejdsark:1"
ROOT = f"{{{NAMESPACE}}}arbejdsark"
FORMAT = "2"
FORMATS = ("1", "2")  # 1: answers only; 2: follow-up fields too
MAX_FIELDS = 1000  # the whole guide has fewer than 100 questions a side
MAX_NUMBER = 9999  # a field's number (a title ends in at most four digits)
MAX_FOLLOW = 4000  # follow-up fields: a readiness pair a tool and side, four a plan's action
# The follow-up values a worksheet shows in fields, by kind of record, in page order.
EDITABLE = {"klarhed": ("farve", "begrundelse"), "plan": ("hvad", "hvem", "frist", "status")}
MAX_PARAGRAPHS = 20000
MAX_NAME = 500
TAG_LIMIT = 64  # Word keeps at most 64 characters of a content control's tag
_SHEET_ID = re.compile(r"^[0-9a-f]{16}$")
_CHECK = re.compile(r"^[0-9a-f]{8}$")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TAG = re.compile(r"^([0-9]{1,4})(?:\|(.*))?$", re.DOTALL)
ET.register_namespace("", NAMESPACE)  # the record's elements unprefixed, as a person would write them


class SheetProblem(SpredningError):
    """A worksheet that cannot be read; the app layer names the file (`path`) in the message."""


class FieldRecord(NamedTuple):
    """One answer field: its number, the slot it answers, and what it was made from."""

    number: int
    slot: Slot
    version: str | None  # the answer's version as written; None for a field left empty on purpose
    shown: str  # checksum of the text shown in the field (see checksum())


class FollowField(NamedTuple):
    """One follow-up field: its number and the record value it shows."""

    number: int
    name: str  # 'farve', 'begrundelse', 'hvad', 'hvem', 'frist' or 'status'
    shown: str  # checksum of the text shown in the field


class FollowRecord(NamedTuple):
    """A readiness mark or an action on the worksheet: its record slot, version and fields."""

    slot: Slot  # ('' or a partner's key, 'klarhed:FASE.VÆRKTØJ.SIDE' or 'plan:ID')
    version: str | None  # the record's version as written; None for a new action's empty row
    fields: tuple[FollowField, ...]
    source: str = ""  # an action's phase or tool ('værktøj'), kept as it was: no field shows it

    @property
    def kind(self) -> str:
        """'klarhed' or 'plan'."""
        return followup.split_key(self.slot[1])[0]


class SheetRecord(NamedTuple):
    """The document-level record of a worksheet."""

    sheet: str  # the worksheet's own random id
    project: str  # the project's identity (Project.id)
    name: str  # the project's name, for messages
    sharing_org: str
    maker: str  # who made it: 'dele' or a partner's key (Opened.local.me)
    filler: str  # who fills it in and sends it back: the other side of the dialogue
    partner: Partner  # the dialogue's reusing organisation
    day: str  # the date it was made, ISO
    fields: tuple[FieldRecord, ...]
    paragraphs: tuple[str, ...] = ()  # checksums of the text outside the fields, in page order
    follow: tuple[FollowRecord, ...] = ()  # the readiness marks and actions in fields (format 2)

    def field(self, number: int) -> FieldRecord | None:
        """The field with this number, or None."""
        return next((f for f in self.fields if f.number == number), None)

    def follow_field(self, number: int) -> tuple[FollowRecord, FollowField] | None:
        """The follow-up field with this number and its record, or None."""
        return next(((r, f) for r in self.follow for f in r.fields if f.number == number), None)

    def keys(self) -> dict[int, str]:
        """Every field's number with the key its tag names: 'SLOT' for an answer, 'SLOT#NAME' else."""
        keys = {field.number: slot_key(field.slot) for field in self.fields}
        for item in self.follow:
            keys.update((f.number, follow_key(item, f)) for f in item.fields)
        return keys


def checksum(text: str) -> str:
    """A short checksum of a text, to recognise it again."""
    return f"{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"


def follow_key(item: FollowRecord, field: FollowField) -> str:
    """The key a follow-up field's tag names: 'SLOT#NAME'."""
    return f"{slot_key(item.slot)}#{field.name}"


def tag(number: int, key: str) -> str:
    """A field's content control tag: 'N|KEY', or 'N' when that is too long for Word."""
    full = f"{number}|{key}"
    return full if len(full) <= TAG_LIMIT else str(number)


def number_in_tag(value: str) -> tuple[int, str | None] | None:
    """The field number (and slot key, if any) a tag names, or None when it is not one of ours."""
    match = _TAG.match(value)
    return (int(match.group(1)), match.group(2)) if match else None


# -- writing ---------------------------------------------------------------------------------------


def to_xml(record: SheetRecord) -> bytes:
    """The record as the bytes of a custom XML part (names XML-safe: a name may hold any character)."""
    root = ET.Element(
        ROOT,
        {
            "format": FORMAT,
            "ark": record.sheet,
            "projekt": record.project,
            "navn": xml_safe(record.name),
            "deler": xml_safe(record.sharing_org),
            "fra": record.maker,
            "til": record.filler,
            "partner": record.partner.key,
            "partnernavn": xml_safe(record.partner.name),
            "dato": record.day,
        },
    )
    for field in record.fields:
        attributes = {"nr": str(field.number), "plads": slot_key(field.slot), "vist": field.shown}
        if field.version is not None:
            attributes["version"] = field.version
        ET.SubElement(root, f"{{{NAMESPACE}}}felt", attributes)
    for item in record.follow:
        attributes = {"plads": slot_key(item.slot)}
        if item.version is not None:
            attributes["version"] = item.version
        if item.source:
            attributes["kilde"] = item.source
        element = ET.SubElement(root, f"{{{NAMESPACE}}}punkt", attributes)
        for value in item.fields:
            values = {"nr": str(value.number), "navn": value.name, "vist": value.shown}
            ET.SubElement(element, f"{{{NAMESPACE}}}punktfelt", values)
    ET.SubElement(root, f"{{{NAMESPACE}}}tekst").text = " ".join(record.paragraphs)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# -- reading ---------------------------------------------------------------------------------------


def from_xml(root: ET.Element) -> SheetRecord:
    """Validate a record read from a document; anything unexpected is a damaged worksheet."""
    get = root.attrib.get
    if root.tag != ROOT or get("format") not in FORMATS:
        raise SheetProblem("worksheet.newer" if get("format", "").isdigit() else "worksheet.bad-record")
    sheet, project, maker, filler, key = (
        get(name, "") for name in ("ark", "projekt", "fra", "til", "partner")
    )
    names = [get(name, "") for name in ("navn", "deler", "partnernavn")]
    if (
        not _SHEET_ID.match(sheet)
        or not ID_PATTERN.match(project)
        or not KEY_PATTERN.match(key)
        or key == SHARING
        or {maker, filler} != {SHARING, key}
        or not _DAY.match(get("dato", ""))
        or any(len(name) > MAX_NAME or "\n" in name for name in names)
        or not names[0].strip()
    ):
        raise SheetProblem("worksheet.bad-record")
    fields = tuple(_field(item, key) for item in root.findall(f"{{{NAMESPACE}}}felt"))
    if len(fields) > MAX_FIELDS or len({f.number for f in fields}) != len(fields):
        raise SheetProblem("worksheet.bad-record")
    if len({f.slot for f in fields}) != len(fields):
        raise SheetProblem("worksheet.bad-record")
    follow = _follow(root, key, {f.number for f in fields}) if get("format") != "1" else ()
    text = root.find(f"{{{NAMESPACE}}}tekst")
    paragraphs = tuple((text.text or "").split()) if text is not None else ()
    if len(paragraphs) > MAX_PARAGRAPHS or not all(_CHECK.match(p) for p in paragraphs):
        raise SheetProblem("worksheet.bad-record")
    return SheetRecord(
        sheet,
        project,
        names[0].strip(),
        names[1].strip(),
        maker,
        filler,
        Partner(key, names[2].strip()),
        get("dato", ""),
        fields,
        paragraphs,
        follow,
    )


def _field(item: ET.Element, partner: str) -> FieldRecord:
    get = item.attrib.get
    number, place, shown, version = get("nr", ""), get("plads", ""), get("vist", ""), get("version")
    if not number.isascii() or not number.isdigit() or not 1 <= int(number) <= MAX_FIELDS:
        raise SheetProblem("worksheet.bad-record")
    where, question_id = key_slot(place)
    side = side_of(question_id)
    if (
        not QUESTION_ID.match(question_id)
        or side is None
        or where not in ("", partner)
        or (side == "genbruge" and where != partner)
        or not _CHECK.match(shown)
        or (version is not None and history.parse(version) is None)
    ):
        raise SheetProblem("worksheet.bad-record")
    return FieldRecord(int(number), (where, question_id), version, shown)


def _follow(root: ET.Element, partner: str, answers: set[int]) -> tuple[FollowRecord, ...]:
    """The follow-up records of a format 2 worksheet, checked like the answer fields."""
    items = tuple(_follow_record(item, partner) for item in root.findall(f"{{{NAMESPACE}}}punkt"))
    numbers = [f.number for item in items for f in item.fields]
    if len(numbers) > MAX_FOLLOW or len(set(numbers)) != len(numbers) or answers & set(numbers):
        raise SheetProblem("worksheet.bad-record")
    if len({item.slot for item in items}) != len(items):
        raise SheetProblem("worksheet.bad-record")
    return items


def _follow_record(item: ET.Element, partner: str) -> FollowRecord:
    get = item.attrib.get
    where, key = key_slot(get("plads", ""))
    kind, rest = followup.split_key(key)
    version, source = get("version"), get("kilde", "")
    if (
        kind not in EDITABLE
        or not followup.KINDS[kind].key.match(rest)
        or where not in ("", partner)
        or (kind == "klarhed" and rest.endswith(".genbruge") and where != partner)
        or (version is not None and history.parse(version) is None)
        or (source and (kind != "plan" or not followup.SOURCE.match(source) or len(source) > 200))
    ):
        raise SheetProblem("worksheet.bad-record")
    fields = tuple(_follow_field(element) for element in item.findall(f"{{{NAMESPACE}}}punktfelt"))
    if tuple(f.name for f in fields) != EDITABLE[kind]:
        raise SheetProblem("worksheet.bad-record")
    return FollowRecord((where, key), version, fields, source)


def _follow_field(element: ET.Element) -> FollowField:
    get = element.attrib.get
    number, name, shown = get("nr", ""), get("navn", ""), get("vist", "")
    if not number.isascii() or not number.isdigit() or not 1 <= int(number) <= MAX_NUMBER:
        raise SheetProblem("worksheet.bad-record")
    if not _CHECK.match(shown):
        raise SheetProblem("worksheet.bad-record")
    return FollowField(int(number), name, shown)
