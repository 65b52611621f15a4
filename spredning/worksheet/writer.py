"""The worksheet as a Word document, built with python-docx and styled like the reports.

The page, the styles and the properties are the reports' (report/wordkit.py). Each answer field is
a one-cell table framed in the guide's blue, holding a rich text content control (``w:sdt``) that
Word shows with the title "Svar N"; the control may not be deleted (its contents may), so a partner
cannot remove a field by accident. Follow-up fields (readiness, the plan's actions) are the same
controls, one in each framed cell of a table whose first row names the columns. A field has no
placeholder text: LibreOffice would save a placeholder as if it were the partner's text. The record
(record.py) is added as a custom XML part once the body is written, with a checksum of every
paragraph outside the fields, read back from the body by the same reader that reads a returned
worksheet, so the two can never disagree.
"""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET

from docx import Document as NewDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from spredning.report import wordkit
from spredning.report.document import Bullets, Facts, Group, Heading, PageBreak, Paragraph
from spredning.worksheet import reader, record
from spredning.worksheet.compose import FieldBlock, Sheet, Steps
from spredning.worksheet.followup import FieldTable

_PARAGRAPH_STYLE = {
    "body": "Normal",
    "quiet": "Hjælpetekst",
    "note": "Note",
    "lead": "Subtitle",
    "mark": "Spørgsmål",  # the readiness question after a side's questions
}
_FRAME = "1F4E79"


def render(sheet: Sheet) -> bytes:
    """Write the worksheet as the bytes of a .docx file, with its record."""
    document = NewDocument()
    wordkit.page(document, sheet.meta)
    wordkit.styles(document, sheet.meta.language)
    wordkit.properties(document, sheet.meta)
    _field_style(document)
    writer = _Writer(document, sheet.field_id)
    writer.paragraph(sheet.meta.title, "Title")
    for block in sheet.blocks:
        writer.block(block)
    wordkit.name_styles(document)
    finished = sheet.record._replace(paragraphs=_outside_checksums(document, sheet.record))
    _add_record(document, finished)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _field_style(document) -> None:
    style = document.styles.add_style("Svarfelt", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(0), Pt(2)


class _Writer:
    def __init__(self, document, first_id: int):
        self.document = document
        self.next_id = first_id
        self.break_next = False

    def paragraph(self, text: str = "", style: str | None = None):
        paragraph = self.document.add_paragraph(style=style)
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False
        if text:
            wordkit.lines(paragraph, text)
        return paragraph

    def block(self, item) -> None:  # noqa: C901 - one branch per kind of block
        if isinstance(item, Heading):
            self.paragraph(item.text, f"Heading {item.level}")
        elif isinstance(item, Paragraph):
            for part in item.text.split("\n\n"):
                self.paragraph(part, _PARAGRAPH_STYLE.get(item.style, "Normal"))
        elif isinstance(item, Bullets):
            for entry in item.items:
                self.paragraph(entry, "Hjælp, punkt" if item.style == "quiet" else "List Bullet")
        elif isinstance(item, Steps):
            for entry in item.items:
                self.paragraph(entry, "List Number")
        elif isinstance(item, Group):
            self.paragraph(item.text.upper(), "Gruppe")
        elif isinstance(item, Facts):
            self.facts(item)
        elif isinstance(item, FieldBlock):
            self.field(item)
        elif isinstance(item, FieldTable):
            self.field_table(item)
        elif isinstance(item, PageBreak):
            self.break_next = True

    def facts(self, item: Facts) -> None:
        table = wordkit.new_table(self.document, len(item.rows), 2, (Cm(4.6), wordkit.TEXT_WIDTH - Cm(4.6)))
        for row, (label, value) in zip(table.rows, item.rows, strict=True):
            wordkit.shade(row.cells[0])
            wordkit.fill(row.cells[0], label, bold=True)
            wordkit.fill(row.cells[1], value)
        self.paragraph("", "Tabeltekst").paragraph_format.space_after = Pt(6)

    def field(self, item: FieldBlock) -> None:
        question = self.paragraph(item.text, "Spørgsmål")
        question.paragraph_format.keep_with_next = True
        for hint in item.hints:
            self.paragraph(hint, "Hjælp, punkt").paragraph_format.keep_with_next = True
        for note in item.notes:
            self.paragraph(note, "Note").paragraph_format.keep_with_next = True
        table = wordkit.new_table(self.document, 1, 1, (wordkit.TEXT_WIDTH,))
        _least_height(table.rows[0], item.room)
        cell = table.rows[0].cells[0]
        _frame(cell)
        for line in item.shown.split("\n"):
            wordkit.lines(cell.add_paragraph(style="Svarfelt"), line)
        self.next_id += 1
        _into_control(cell, item.title, item.tag, self.next_id)
        self.paragraph("", "Tabeltekst").paragraph_format.space_after = Pt(2)

    def field_table(self, item: FieldTable) -> None:
        """A header row naming the columns, then a row of framed fields for each mark or action."""
        widths = tuple(Cm(width) for width in item.widths)
        table = wordkit.new_table(self.document, len(item.rows) + 1, len(widths), widths)
        for cell, text in zip(table.rows[0].cells, item.header, strict=True):
            wordkit.shade(cell)
            wordkit.fill(cell, text, bold=True)
            cell.paragraphs[0].paragraph_format.keep_with_next = True  # never a header alone on a page
        wordkit.repeat_header(table.rows[0])
        for row, fields in zip(table.rows[1:], item.rows, strict=True):
            _least_height(row, item.room)
            for cell, field in zip(row.cells, fields, strict=True):
                _frame(cell)
                for line in field.shown.split("\n"):
                    wordkit.lines(cell.add_paragraph(style="Svarfelt"), line)
                self.next_id += 1
                _into_control(cell, field.title, field.tag, self.next_id)
        self.paragraph("", "Tabeltekst").paragraph_format.space_after = Pt(2)


def _least_height(row, centimetres: float) -> None:
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(centimetres * 567)))
    height.set(qn("w:hRule"), "atLeast")
    row._tr.get_or_add_trPr().append(height)


def _frame(cell) -> None:
    """A blue frame around the field, so it is plain where to write, on screen and on paper."""
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{side}")
        for name, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "0"), ("w:color", _FRAME)):
            line.set(qn(name), value)
        borders.append(line)
    cell._tc.get_or_add_tcPr().append(borders)


def _into_control(cell, title: str, tag: str, control_id: int) -> None:
    """Move the cell's paragraphs (but the first, empty one) into a rich text content control."""
    tc = cell._tc
    paragraphs = tc.findall(qn("w:p"))
    tc.remove(paragraphs[0])
    control = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    for name, value in (("w:alias", title), ("w:tag", tag), ("w:id", str(control_id))):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        properties.append(element)
    lock = OxmlElement("w:lock")
    lock.set(qn("w:val"), "sdtLocked")  # the field cannot be deleted; its text can
    properties.append(lock)
    content = OxmlElement("w:sdtContent")
    for paragraph in paragraphs[1:]:
        content.append(paragraph)
    control.append(properties)
    control.append(content)
    tc.append(control)


def _outside_checksums(document, sheet_record: record.SheetRecord) -> tuple[str, ...]:
    """Checksums of the text outside the fields, as the reader will find it."""
    root = ET.fromstring(etree.tostring(document.element))  # our own XML: no stranger's input here
    body = reader.read_body(root, None, sheet_record.keys())
    return tuple(record.checksum(item.text.strip()) for item in body.outside if item.text.strip())


def _add_record(document, sheet_record: record.SheetRecord) -> None:
    """The record as a custom XML part of the main document, with its properties part."""
    package = document.part.package
    name = package.next_partname("/customXml/item%d.xml")
    data = Part(name, "application/xml", record.to_xml(sheet_record), package)
    item_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{record.NAMESPACE}:{sheet_record.sheet}")
    properties = Part(
        PackURI(str(name).replace("/item", "/itemProps")),
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
            f'<ds:datastoreItem ds:itemID="{{{str(item_id).upper()}}}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{record.NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
        ).encode(),
        package,
    )
    data.relate_to(properties, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(data, RT.CUSTOM_XML)
