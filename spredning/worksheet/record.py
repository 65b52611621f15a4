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

The record also lists a checksum of every paragraph the program wrote outside the fields, in
order, so text a partner typed outside the fields can be found and reported.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zlib
from typing import NamedTuple

from spredning.core import history
from spredning.core.errors import SpredningError
from spredning.core.local import key_slot, slot_key
from spredning.core.model import SHARING, Partner, Slot, side_of
from spredning.core.projectfile import ID_PATTERN, KEY_PATTERN, QUESTION_ID

NAMESPACE = "urn:spredning:arbejdsark:1"
ROOT = f"{{{NAMESPACE}}}arbejdsark"
FORMAT = "1"
MAX_FIELDS = 1000  # the whole guide has fewer than 100 questions a side
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

    def field(self, number: int) -> FieldRecord | None:
        """The field with this number, or None."""
        return next((f for f in self.fields if f.number == number), None)


def checksum(text: str) -> str:
    """A short checksum of a text, to recognise it again."""
    return f"{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"


def tag(field: FieldRecord) -> str:
    """A field's content control tag: 'N|SLOT', or 'N' when that is too long for Word."""
    full = f"{field.number}|{slot_key(field.slot)}"
    return full if len(full) <= TAG_LIMIT else str(field.number)


def number_in_tag(value: str) -> tuple[int, str | None] | None:
    """The field number (and slot key, if any) a tag names, or None when it is not one of ours."""
    match = _TAG.match(value)
    return (int(match.group(1)), match.group(2)) if match else None


# -- writing ---------------------------------------------------------------------------------------


def to_xml(record: SheetRecord) -> bytes:
    """The record as the bytes of a custom XML part."""
    root = ET.Element(
        ROOT,
        {
            "format": FORMAT,
            "ark": record.sheet,
            "projekt": record.project,
            "navn": record.name,
            "deler": record.sharing_org,
            "fra": record.maker,
            "til": record.filler,
            "partner": record.partner.key,
            "partnernavn": record.partner.name,
            "dato": record.day,
        },
    )
    for field in record.fields:
        attributes = {"nr": str(field.number), "plads": slot_key(field.slot), "vist": field.shown}
        if field.version is not None:
            attributes["version"] = field.version
        ET.SubElement(root, f"{{{NAMESPACE}}}felt", attributes)
    ET.SubElement(root, f"{{{NAMESPACE}}}tekst").text = " ".join(record.paragraphs)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# -- reading ---------------------------------------------------------------------------------------


def from_xml(root: ET.Element) -> SheetRecord:
    """Validate a record read from a document; anything unexpected is a damaged worksheet."""
    get = root.attrib.get
    if root.tag != ROOT or get("format") != FORMAT:
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
    fields = tuple(_field(item, key) for item in root.iter(f"{{{NAMESPACE}}}felt"))
    if len(fields) > MAX_FIELDS or len({f.number for f in fields}) != len(fields):
        raise SheetProblem("worksheet.bad-record")
    if len({f.slot for f in fields}) != len(fields):
        raise SheetProblem("worksheet.bad-record")
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
