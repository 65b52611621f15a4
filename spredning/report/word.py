"""The report as a Word document, built with python-docx (imported only when a report is made).

A4 with Danish margins (3 cm top and bottom, 2 cm at the sides), the project in a running header
and "Side X af Y" in the footer, a table of contents, and Word's own heading styles (Heading 1 for
phases, Heading 2 for tools), so the navigation pane works. The two sides of a tool stand in the
guide's two-column table, "Vi vil dele" beside "Vi vil genbruge", with shaded header cells that
repeat on each page. The guide's help is small and grey, answers are set off by a rule at their
left. The document is marked with the report's language (da-DK or en-GB); its properties name the
writing organisation and `spredning`, not the template's origin. The page, the styles and the
properties are set up in wordkit.py, which the worksheets (spredning/worksheet/) share.
"""

from __future__ import annotations

import io
import re

from docx import Document as NewDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from spredning.core.textsafe import xml_safe
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
from spredning.report.wordkit import (
    TEXT_WIDTH,
    fill,
    keep_only_styles,
    lines,
    name_styles,
    new_table,
    page,
    properties,
    repeat_header,
    shade,
    styles,
)


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
            lines(paragraph, text)
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
        lines(paragraph, item.text)
        paragraph._p.append(end)

    def facts(self, item: Facts) -> None:
        table = self.new_table(len(item.rows), 2, (Cm(4.6), TEXT_WIDTH - Cm(4.6)))
        for row, (label, value) in zip(table.rows, item.rows, strict=True):
            shade(row.cells[0])
            fill(row.cells[0], label, bold=True)
            cell = row.cells[1]
            first = cell.paragraphs[0]
            for number, part in enumerate(_paragraphs(value)):
                paragraph = first if number == 0 else cell.add_paragraph(style="Tabeltekst")
                paragraph.style = self.document.styles["Tabeltekst"]
                lines(paragraph, part)
        self.spacer()

    def table(self, item: Table) -> None:
        first = Cm(5.2) if len(item.header) > 2 else Cm(8)
        rest = (TEXT_WIDTH - first) / max(1, len(item.header) - 1)
        widths = (first, *([int(rest)] * (len(item.header) - 1)))
        table = self.new_table(len(item.rows) + 1, len(item.header), widths)
        repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, item.header, strict=True):
            shade(cell)
            fill(cell, text, bold=True)
        for row, values in zip(table.rows[1:], item.rows, strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                fill(cell, text)
        self.spacer()

    def new_table(self, rows: int, columns: int, widths):
        if self.break_next:  # a table cannot carry "page break before": an empty paragraph does
            self.paragraph(self.document, "", "Tabeltekst")
        return new_table(self.document, rows, columns, widths)

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
        repeat_header(table.rows[0])
        for header, cell, column in zip(table.rows[0].cells, table.rows[1].cells, item.columns, strict=True):
            shade(header)
            fill(header, column.title, bold=True)
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
        paragraph = self.paragraph(self.document, "", "toc 1")
        _field_begin(paragraph, ' TOC \\o "1-2" \\h \\z \\u ')
        for number, entry in enumerate(entries):
            if number == 0:
                paragraph.style = self.document.styles[f"toc {entry.level}"]
            else:
                paragraph = self.paragraph(self.document, "", f"toc {entry.level}")
            _link(paragraph, _bookmark(entry.anchor), entry.text)
        # the field ends in the last entry's paragraph: a paragraph of its own would be an empty
        # entry at the end of the list (under the last heading, "Kilde")
        _field_end(paragraph)

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


# The template's styles the report uses, those they are based on or linked to (Word's "X Char"), each
# kind's default, and the list styles the template's numbering names; the report adds its own.
_TEMPLATE_STYLES = frozenset(
    {
        "Normal",
        "Default Paragraph Font",
        "Normal Table",
        "No List",
        "Table Grid",
        "Header",
        "Header Char",
        "Footer",
        "Footer Char",
        "Title",
        "Title Char",
        "Subtitle",
        "Subtitle Char",
        "Heading 1",
        "Heading 1 Char",
        "Heading 2",
        "Heading 2 Char",
        "Heading 3",
        "Heading 3 Char",
        "List Bullet",
        "List Bullet 2",
        "List Bullet 3",
        "List Number",
        "List Number 2",
        "List Number 3",
    }
)


def _bookmark(anchor: str) -> str:
    """A Word bookmark name for an anchor: letters, digits and '_', at most 40 characters."""
    return ("_Toc_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor))[:40]


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


def _link(paragraph, bookmark: str, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.text = xml_safe(text)  # a heading's own words, as lines() writes them in the heading
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(element)
    link.append(run)
    paragraph._p.append(link)


def render(doc: Document) -> bytes:
    """Write the whole report as the bytes of a .docx file."""
    document = NewDocument()
    keep_only_styles(document, _TEMPLATE_STYLES)
    page(document, doc)
    styles(document, doc.language)
    properties(document, doc)
    writer = _Writer(document)
    writer.document_blocks = doc.blocks
    writer.paragraph(document, doc.title, "Title")
    for item in doc.blocks:
        writer.block(document, item)
    name_styles(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
