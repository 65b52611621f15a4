"""The report as a Word document, built with python-docx (imported only when a report is made).

A4 with Danish margins (3 cm top and bottom, 2 cm at the sides), the project in a running header
and "Side X af Y" in the footer, a table of contents, and Word's own heading styles (Heading 1 for
phases, Heading 2 for tools), so the navigation pane works. The two sides of a tool stand in the
guide's two-column table, "Vi vil dele" beside "Vi vil genbruge", with shaded header cells that
repeat on each page. The guide's help is small and grey, answers are set off by a rule at their
left. The document is marked with the report's language (da-DK or en-GB); its properties name the
writing organisation and `spredning`, not the template's origin.
"""

from __future__ import annotations

import datetime
import io
import re
from xml.sax.saxutils import escape

from docx import Document as NewDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from spredning.report.document import (
    AnswerBox,
    Block,
    Bullets,
    Column,
    Columns,
    Contents,
    Document,
    Facts,
    Group,
    Heading,
    PageBreak,
    Paragraph,
    QuestionItem,
    Table,
)

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
QUIET = RGBColor(0x59, 0x59, 0x59)
WARN = RGBColor(0x9C, 0x2A, 0x00)
SHADE = "DDE7F2"
FONT = "Calibri"
TEXT_WIDTH = Cm(17)  # A4 less 2 cm at each side
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")

# name: (based on, size in points, bold, italic, colour, space before, space after, keep with next)
_STYLES = {
    "Hjælpetekst": ("Normal", 9.5, False, False, QUIET, 0, 3, False),
    "Hjælp, punkt": ("List Bullet", 9.5, False, False, QUIET, 0, 1, False),
    "Note": ("Normal", 9.5, False, True, QUIET, 2, 4, False),
    "Advarsel": ("Normal", 10.5, True, False, WARN, 2, 6, False),
    "Spørgsmål": ("Normal", 10.5, True, False, None, 9, 2, True),
    "Gruppe": ("Normal", 9, True, False, QUIET, 10, 2, True),
    "Svar": ("Normal", 10.5, False, False, None, 0, 5, False),
    "Svar, uafklaret": ("Normal", 10.5, False, False, None, 0, 5, False),
    "Udgave": ("Normal", 9.5, True, False, WARN, 4, 2, True),
    "Tilstand": ("Normal", 9.5, True, False, QUIET, 2, 1, True),
    "Tabeltekst": ("Normal", 10, False, False, None, 0, 1, False),
    "Afsnitsoverskrift": ("Normal", 13, True, False, ACCENT, 14, 4, True),
    "Kolonneoverskrift": ("Normal", 10.5, True, False, RGBColor(0x10, 0x30, 0x4F), 2, 2, True),
    "toc 1": ("Normal", 11, True, False, None, 6, 2, False),
    "toc 2": ("Normal", 10, False, False, None, 0, 1, False),
}


def _lines(paragraph, text: str) -> None:
    """Add a text to a paragraph as one run with real line breaks and tabs (every character kept)."""
    run = paragraph.add_run()
    for number, line in enumerate(text.split("\n")):
        if number:
            run.add_break()
        for position, part in enumerate(line.split("\t")):
            if position:
                run.add_tab()
            if part:
                run.add_text(part)


def _paragraphs(text: str) -> list[str]:
    """A text's paragraphs: split at each blank line, so joining with blank lines gives it back."""
    return text.split("\n\n")


class _Writer:
    """Adds blocks to the document body or to a table cell."""

    def __init__(self, document):
        self.document = document
        self.break_next = False
        self.bookmark = 0

    def paragraph(self, container, text: str = "", style: str | None = None):
        paragraph = container.add_paragraph(style=style)
        if self.break_next and container is self.document:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False
        if text:
            _lines(paragraph, text)
        return paragraph

    def text(self, container, text: str, style: str) -> None:
        for part in _paragraphs(text):
            self.paragraph(container, part, style)

    def block(self, container, item: Block) -> None:  # noqa: C901 - one branch per kind of block
        if isinstance(item, Heading):
            self.heading(container, item)
        elif isinstance(item, Paragraph):
            self.text(container, item.text, _PARAGRAPH_STYLE[item.style])
        elif isinstance(item, Bullets):
            for entry in item.items:
                self.paragraph(container, entry, "Hjælp, punkt" if item.style == "quiet" else "List Bullet")
        elif isinstance(item, Facts):
            self.facts(item)
        elif isinstance(item, Table):
            self.table(item)
        elif isinstance(item, QuestionItem):
            self.question(container, item)
        elif isinstance(item, Columns):
            self.columns(container, item)
        elif isinstance(item, Group):
            self.paragraph(container, item.text.upper(), "Gruppe")
        elif isinstance(item, PageBreak):
            self.break_next = True
        elif isinstance(item, Contents):
            self.contents(item)

    def heading(self, container, item: Heading) -> None:
        if not item.contents or container is not self.document:
            self.paragraph(container, item.text, "Afsnitsoverskrift")
            return
        paragraph = self.paragraph(container, "", f"Heading {item.level}")
        self.bookmark += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark))
        start.set(qn("w:name"), _bookmark(item.anchor))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark))
        paragraph._p.append(start)
        _lines(paragraph, item.text)
        paragraph._p.append(end)

    def facts(self, item: Facts) -> None:
        table = self.new_table(len(item.rows), 2, (Cm(4.6), TEXT_WIDTH - Cm(4.6)))
        for row, (label, value) in zip(table.rows, item.rows, strict=True):
            _shade(row.cells[0])
            _fill(row.cells[0], label, bold=True)
            cell = row.cells[1]
            first = cell.paragraphs[0]
            for number, part in enumerate(_paragraphs(value)):
                paragraph = first if number == 0 else cell.add_paragraph(style="Tabeltekst")
                paragraph.style = self.document.styles["Tabeltekst"]
                _lines(paragraph, part)
        self.spacer()

    def table(self, item: Table) -> None:
        first = Cm(5.2) if len(item.header) > 2 else Cm(8)
        rest = (TEXT_WIDTH - first) / max(1, len(item.header) - 1)
        widths = (first, *([int(rest)] * (len(item.header) - 1)))
        table = self.new_table(len(item.rows) + 1, len(item.header), widths)
        _repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, item.header, strict=True):
            _shade(cell)
            _fill(cell, text, bold=True)
        for row, values in zip(table.rows[1:], item.rows, strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                _fill(cell, text)
        self.spacer()

    def new_table(self, rows: int, columns: int, widths):
        if self.break_next:  # a table cannot carry "page break before": an empty paragraph does
            self.paragraph(self.document, "", "Tabeltekst")
        table = self.document.add_table(rows=rows, cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _cell_margins(table)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid LibreOffice reads
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width  # the cell widths Word reads
        return table

    def spacer(self) -> None:
        """A small gap after a table, so the next heading or text does not touch it."""
        spacer = self.paragraph(self.document, "", "Tabeltekst")
        spacer.paragraph_format.space_after = Pt(0)
        spacer.paragraph_format.line_spacing = Pt(8)

    def columns(self, container, item: Columns) -> None:
        if len(item.columns) == 1 or container is not self.document:
            for column in item.columns:
                self.column_in_body(container, column, item.kind)
            return
        width = int(TEXT_WIDTH / len(item.columns))
        table = self.new_table(2, len(item.columns), [width] * len(item.columns))
        _repeat_header(table.rows[0])
        for header, cell, column in zip(table.rows[0].cells, table.rows[1].cells, item.columns, strict=True):
            _shade(header)
            _fill(header, column.title, bold=True)
            empty = cell.paragraphs[0]
            for block in column.blocks:
                self.block(cell, block)
            empty._element.getparent().remove(empty._element)
        self.spacer()

    def column_in_body(self, container, column: Column, kind: str) -> None:
        if kind == "goals":
            self.paragraph(container, column.title, "Kolonneoverskrift")
        else:
            self.heading(container, Heading(3, column.title, contents=False))
        for block in column.blocks:
            self.block(container, block)

    def question(self, container, item: QuestionItem) -> None:
        question = self.paragraph(container, item.text, "Spørgsmål")
        question.paragraph_format.keep_with_next = container is self.document
        for hint in item.hints:
            self.paragraph(container, hint, "Hjælp, punkt").paragraph_format.keep_with_next = (
                container is self.document
            )
        self.answer(container, item.answer)

    def answer(self, container, answer: AnswerBox) -> None:
        if answer.kind == "open":
            self.paragraph(container, answer.heading, "Note")
        elif answer.kind == "answer":
            self.text(container, answer.parts[0].text, "Svar")
        else:
            style = "Svar, uafklaret" if answer.kind == "conflict" else "Svar"
            self.paragraph(container, answer.heading, "Udgave" if answer.kind == "conflict" else "Tilstand")
            for part in answer.parts:
                if part.label:
                    self.paragraph(container, part.label, "Udgave" if answer.kind == "conflict" else "Note")
                if part.text or answer.kind == "conflict":
                    self.text(container, part.text, style)
        for note in answer.notes:
            self.paragraph(container, note, "Note")

    def contents(self, item: Contents) -> None:
        """Word's table of contents field, with the headings as its first (linked) result.

        Word fills in the page numbers when it updates the field (it is marked for that on opening).
        """
        self.paragraph(self.document, item.title, "Afsnitsoverskrift")
        entries = [b for b in _headings(self.document_blocks) if b.contents and b.anchor and b.level <= 2]
        first = self.paragraph(self.document, "", "toc 1")
        _field_begin(first, ' TOC \\o "1-2" \\h \\z \\u ')
        for number, entry in enumerate(entries):
            paragraph = first if number == 0 else self.paragraph(self.document, "", f"toc {entry.level}")
            if number == 0:
                paragraph.style = self.document.styles[f"toc {entry.level}"]
            _link(paragraph, _bookmark(entry.anchor), entry.text)
        last = self.paragraph(self.document, "", "toc 2") if entries else first
        _field_end(last)

    document_blocks: tuple[Block, ...] = ()


def _headings(blocks: tuple[Block, ...]) -> list[Heading]:
    return [b for b in blocks if isinstance(b, Heading)]


_PARAGRAPH_STYLE = {
    "body": "Normal",
    "quiet": "Hjælpetekst",
    "note": "Note",
    "warning": "Advarsel",
    "lead": "Subtitle",
}


def _bookmark(anchor: str) -> str:
    """A Word bookmark name for an anchor: letters, digits and '_', at most 40 characters."""
    return ("_Toc_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor))[:40]


def _fill(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = paragraph.part.document.styles["Tabeltekst"]
    _lines(paragraph, text)
    if bold:
        for run in paragraph.runs:
            run.bold = True


def _shade(cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), SHADE)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    """Repeat a table's first row at the top of each page it runs over."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _cell_margins(table) -> None:
    """Room inside every cell: 0.06 cm above and below, 0.18 cm at the sides."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 34), ("left", 102), ("bottom", 34), ("right", 102)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _run_with(paragraph, tag: str, **attributes: str):
    run = OxmlElement("w:r")
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    run.append(element)
    paragraph._p.append(run)
    return element


def _field_begin(paragraph, instruction: str) -> None:
    _run_with(paragraph, "w:fldChar", **{"w:fldCharType": "begin", "w:dirty": "true"})
    text = _run_with(paragraph, "w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = instruction
    _run_with(paragraph, "w:fldChar", **{"w:fldCharType": "separate"})


def _field_end(paragraph) -> None:
    _run_with(paragraph, "w:fldChar", **{"w:fldCharType": "end"})


def _simple_field(paragraph, instruction: str, shown: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _link(paragraph, bookmark: str, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(element)
    link.append(run)
    paragraph._p.append(link)


# -- the page, the styles, the properties ----------------------------------------------------------


def _page(document, doc: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(3)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1.25)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _lines(header, doc.header)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for part in re.split(r"(\{page\}|\{pages\})", doc.page_label):
        if part == "{page}":
            _simple_field(footer, "PAGE", "1")
        elif part == "{pages}":
            _simple_field(footer, "NUMPAGES", "1")
        elif part:
            _lines(footer, part)
    for name in ("Header", "Footer"):
        style = document.styles[name]
        style.font.size, style.font.color.rgb = Pt(8.5), QUIET


def _styles(document, language: str) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, before, after in (
        ("Title", 24, 0, 4),
        ("Subtitle", 13, 0, 12),
        ("Heading 1", 17, 0, 8),
        ("Heading 2", 13.5, 16, 4),
        ("Heading 3", 11.5, 10, 4),
    ):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT if name != "Subtitle" else QUIET
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
        style.paragraph_format.keep_with_next = name != "Subtitle"
    for name, (base, size, bold, italic, colour, before, after, keep) in _STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        if colour is not None:
            style.font.color.rgb = colour
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
        style.paragraph_format.keep_with_next = keep
    _rule(styles["Svar"], "1F4E79")
    _rule(styles["Svar, uafklaret"], "9C2A00")
    styles["toc 2"].paragraph_format.left_indent = Cm(0.6)
    for name in ("toc 1", "toc 2"):
        styles[name].paragraph_format.tab_stops.add_tab_stop(
            TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
    _set_fonts(document)
    _set_language(document, language)


def _set_fonts(document) -> None:
    """One font everywhere (Calibri; LibreOffice uses the metric-compatible Carlito), not the theme's."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    elements = list(defaults.iter(qn("w:rFonts"))) if defaults is not None else []
    elements += list(document.styles.element.iter(qn("w:rFonts")))
    for fonts in elements:
        for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(name), None)
        for name in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(name), FONT)


def _rule(style, colour: str) -> None:
    """A line at the left of an answer; Word joins the lines of one answer's paragraphs."""
    style.paragraph_format.left_indent = Cm(0.3)
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for name, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", colour)):
        left.set(qn(name), value)
    borders.append(left)
    style.element.get_or_add_pPr().append(borders)


def _set_lang(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_RPR_AFTER_LANG)
    lang.set(qn("w:val"), language)


def _set_language(document, language: str) -> None:
    """Mark the document's language in the style defaults and on the Normal style."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
    if rpr is not None:
        _set_lang(rpr, language)
    _set_lang(document.styles["Normal"].element.get_or_add_rPr(), language)


def _properties(document, doc: Document) -> None:
    properties = document.core_properties
    properties.title = doc.title
    properties.author = properties.last_modified_by = doc.author
    properties.subject = doc.subject
    properties.language = doc.language
    properties.comments = doc.subtitle
    properties.keywords = "spredning"
    moment = datetime.datetime.combine(doc.day, datetime.time())
    properties.created = properties.modified = moment
    properties.revision = 1
    package = document.part.package
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = _app_xml(doc).encode("utf-8")
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's picture of another document
            del package.rels[rel_id]


def _app_xml(doc: Document) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>spredning</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(doc.author)}</Company>"
        "</Properties>"
    )


def render(doc: Document) -> bytes:
    """Write the whole report as the bytes of a .docx file."""
    document = NewDocument()
    _page(document, doc)
    _styles(document, doc.language)
    _properties(document, doc)
    writer = _Writer(document)
    writer.document_blocks = doc.blocks
    writer.paragraph(document, doc.title, "Title")
    for item in doc.blocks:
        writer.block(document, item)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
