"""Opening a returned worksheet: a .docx is a zip of XML parts that anyone may have made.

The package is opened with limits before anything is inflated: the file's size, the number of
parts, each part's unpacked size and that of all the parts read together (checked against the
zip's directory, then again while reading, so a zip bomb costs nothing). Only the parts needed are
read: the content types, the package relations, the main document, its styles and numbering (to
recognise lists, numbered or not), its comments (to report them) and the custom XML part that is
the worksheet's record. Macros and other embedded programs are never opened; a file that has them
is refused. XML is parsed with defusedxml with DTDs refused, so entity expansion (the "billion
laughs") and external entities cannot happen: Word documents never have a DTD, and the standard
library's parser alone would expand internal entities. defusedxml is already installed with fpdf2,
which the PDF reports use.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from typing import BinaryIO, NamedTuple

from spredning.core.errors import Message
from spredning.worksheet.record import ROOT, SheetProblem

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

MAX_FILE = 25 * 1024 * 1024  # pasted pictures make a returned worksheet larger than the one sent
MAX_PARTS = 2000
MAX_XML = 12 * 1024 * 1024  # the main document, unpacked
MAX_SMALL = 2 * 1024 * 1024  # content types, relations, styles, comments, the record
MAX_UNPACKED = 24 * 1024 * 1024  # all the parts read, together (a zip bomb may have many of them)
_WORD_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_ODF = b"application/vnd.oasis.opendocument"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc files, and password-protected .docx
_ITEM = re.compile(r"^customxml/item[0-9]{1,4}\.xml$")
_PROGRAMS = ("vbaproject", "vbadata", "activex", "macroenabled", "ms-office.vba")


class Package(NamedTuple):
    """The parts of a .docx that a worksheet import reads."""

    document: ET.Element
    record: ET.Element
    styles: ET.Element | None
    comments: ET.Element | None
    numbering: ET.Element | None = None


def is_word_file(raw: bytes) -> bool:
    """True for a zip (a .docx, .odt, or another zip) or an OLE file (.doc, a password-protected .docx)."""
    return raw.startswith((b"PK\x03\x04", b"PK\x05\x06", _OLE))


RECORD_GLANCE = 256 * 1024  # a record part larger than this is no worksheet's to recognise in a list


def sheet_project(stream: BinaryIO) -> str | None:
    """The project a worksheet belongs to, from its record alone; None for any other file.

    For recognising a worksheet under any name (the import list): only the zip's directory and the
    small custom XML parts are read, never the document. A file too large to be a returned
    worksheet, or with more parts, is passed by unopened; a damaged one too, without a word.
    """
    stream.seek(0, io.SEEK_END)
    if stream.tell() > MAX_FILE:
        return None
    stream.seek(0)
    if not stream.read(4).startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                return None
            for info in infos:
                if _ITEM.match(info.filename.lstrip("/").casefold()) and info.file_size <= RECORD_GLANCE:
                    with archive.open(info) as part:
                        data = part.read(RECORD_GLANCE + 1)
                    if b"urn:spredning:arbejdsark" in data and len(data) <= RECORD_GLANCE:
                        root = parse(data)
                        if root.tag == ROOT:
                            return root.attrib.get("projekt") or None
    except (SheetProblem, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError):
        return None
    except (EOFError, zlib.error, ValueError):
        return None
    return None


def parse(data: bytes) -> ET.Element:
    """Parse XML from a stranger: no DTD, so no entities; damaged XML is a damaged worksheet."""
    import defusedxml
    import defusedxml.ElementTree as SafeET

    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException:
        raise SheetProblem("worksheet.hostile-xml") from None
    except (ET.ParseError, ValueError, UnicodeError):
        raise SheetProblem("worksheet.damaged") from None


def open_package(raw: bytes) -> Package:
    """Open a returned worksheet's parts, or say in Danish what the file is instead."""
    if raw.startswith(_OLE):
        raise SheetProblem("worksheet.old-word")
    if not raw.startswith(b"PK"):
        raise SheetProblem("worksheet.not-docx")
    if len(raw) > MAX_FILE:
        raise SheetProblem("worksheet.too-large", limit=MAX_FILE)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return _parts(_Archive(archive))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError):
        raise SheetProblem("worksheet.damaged") from None
    except (zlib.error, OSError, ValueError):
        raise SheetProblem("worksheet.damaged") from None


def _parts(archive: _Archive) -> Package:
    infos = archive.zip.infolist()
    if len(infos) > MAX_PARTS:
        raise SheetProblem("worksheet.too-many-parts", limit=MAX_PARTS)
    names = {info.filename.lstrip("/").casefold(): info for info in infos}
    if "mimetype" in names and archive.read(names["mimetype"], MAX_SMALL).startswith(_ODF):
        raise SheetProblem("worksheet.odf")
    if "[content_types].xml" not in names:
        raise SheetProblem("worksheet.not-docx")
    types = _content_types(parse(archive.read(names["[content_types].xml"], MAX_SMALL)))
    if any(word in name for name in names for word in _PROGRAMS) or any(
        word in kind.casefold() for kind in types.values() for word in _PROGRAMS
    ):
        raise SheetProblem("worksheet.macros")
    main = _main_part(archive, names)
    if types.get(main) not in _WORD_MAIN or main not in names:
        raise SheetProblem("worksheet.not-word")
    document = parse(archive.read(names[main], MAX_XML, Message("worksheet.part.document")))
    record = _record(archive, names)
    styles = _typed(archive, names, types, _STYLES)
    comments = _typed(archive, names, types, _COMMENTS)
    numbering = _typed(archive, names, types, _NUMBERING)
    return Package(document, record, styles, comments, numbering)


class _Archive:
    """The zip, and how much of it has been unpacked: each part and all of them together are capped."""

    def __init__(self, archive: zipfile.ZipFile):
        self.zip = archive
        self.unpacked = 0

    def read(self, info: zipfile.ZipInfo, limit: int, part: Message | None = None) -> bytes:
        """A part's bytes, refused when its unpacked size passes the limit (checked before inflating).

        The zip's directory may understate a size: at most limit + 1 bytes are inflated all the same.
        `part` names the part for a user when it is too large (the main document's text, say).
        """
        left = MAX_UNPACKED - self.unpacked
        if limit <= left:
            refusal = SheetProblem(
                "worksheet.too-large-unpacked", part=part or Message("worksheet.part.other"), limit=limit
            )
        else:  # all the parts read together would pass their limit
            refusal = SheetProblem(
                "worksheet.too-large-unpacked", part=Message("worksheet.part.all"), limit=MAX_UNPACKED
            )
            limit = left
        if info.file_size > limit:
            raise refusal
        with self.zip.open(info) as stream:
            data = stream.read(limit + 1)
        if len(data) > limit:
            raise refusal
        self.unpacked += len(data)
        return data


def _content_types(root: ET.Element) -> dict[str, str]:
    """Each part's content type (by name, lower case); parts with only a default type are left out."""
    return {
        item.attrib.get("PartName", "").lstrip("/").casefold(): item.attrib.get("ContentType", "")
        for item in root.iter(f"{_CT}Override")
    } | {
        f"*.{item.attrib.get('Extension', '').casefold()}": item.attrib.get("ContentType", "")
        for item in root.iter(f"{_CT}Default")
    }


def _main_part(archive: _Archive, names: dict) -> str:
    """The main document's name, from the package relations (word/document.xml when they are absent)."""
    if "_rels/.rels" in names:
        relations = parse(archive.read(names["_rels/.rels"], MAX_SMALL))
        for item in relations.iter(f"{_REL}Relationship"):
            if item.attrib.get("Type", "").endswith("/officeDocument"):
                return item.attrib.get("Target", "").lstrip("/").casefold()
    return "word/document.xml"


def _typed(archive: _Archive, names: dict, types: dict, kind: str) -> ET.Element | None:
    name = next((name for name, value in types.items() if value == kind and name in names), None)
    return parse(archive.read(names[name], MAX_SMALL)) if name else None


def _record(archive: _Archive, names: dict) -> ET.Element:
    """The worksheet's record: the one custom XML part in our namespace (other parts are not parsed)."""
    found = []
    for name, info in names.items():
        if _ITEM.match(name):
            data = archive.read(info, MAX_SMALL)
            if b"urn:spredning:arbejdsark" in data:
                root = parse(data)
                if root.tag == ROOT:
                    found.append((data, root))
    if not found:
        raise SheetProblem("worksheet.not-a-worksheet")
    if len({data for data, _ in found}) > 1:
        raise SheetProblem("worksheet.bad-record")
    return found[0][1]
