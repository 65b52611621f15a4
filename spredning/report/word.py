"""The report as a Word document, built with python-docx (imported only when a report is made).

Built-in styles carry the structure (Title, Heading 1 for phases, Heading 2 for tools, Heading 3
for a side), so Word's navigation pane and table of contents work. With both sides chosen, each
tool is a two-column table: "Vi vil dele" beside "Vi vil genbruge". The document, its Normal style
and its core properties are marked Danish (da-DK), so Word spell-checks in Danish. Text arrives
from the outline already cleaned, so no control character can reach (and break) the XML.
"""

from __future__ import annotations

import datetime
import io

from spredning.i18n import t
from spredning.report import common
from spredning.report.common import Outline, PhaseBlock, SideBlock, ToolBlock

LANGUAGE = "da-DK"
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _add_lines(paragraph, lines: list[str], bold: bool = False, italic: bool = False) -> None:
    """Add lines to a paragraph as one run with real line breaks (and real tabs) between them."""
    run = paragraph.add_run()
    run.bold, run.italic = bold or None, italic or None
    for number, line in enumerate(lines):
        if number:
            run.add_break()
        for position, part in enumerate(line.split("\t")):
            if position:
                run.add_tab()
            if part:
                run.add_text(part)


def _add_text(
    container, text: str, bold: bool = False, italic: bool = False, style: str | None = None
) -> None:
    """Add a multi-line text to a document or table cell: one paragraph per paragraph of text."""
    for lines in common.paragraphs(text) or [[""]]:
        _add_lines(container.add_paragraph(style=style), lines, bold, italic)


def _set_lang(rpr) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_RPR_AFTER_LANG)
    lang.set(qn("w:val"), LANGUAGE)


def _set_language(document) -> None:
    """Mark the document Danish: in the style defaults and on the Normal style."""
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
    if rpr is not None:
        _set_lang(rpr)
    _set_lang(document.styles["Normal"].element.get_or_add_rPr())


def _set_properties(document, outline: Outline) -> None:
    properties = document.core_properties
    properties.title = outline.title
    properties.author = properties.last_modified_by = outline.author
    properties.subject = "Spredningsguiden"
    properties.language = LANGUAGE
    properties.comments = t("report.kind")
    properties.keywords = "spredning"
    properties.created = properties.modified = datetime.datetime.combine(outline.day, datetime.time())
    properties.revision = 1


def _table(document, rows: int, columns: int):
    table = document.add_table(rows=rows, cols=columns)
    table.style = "Table Grid"
    return table


def _fill_cell(cell, text: str, bold: bool = False) -> None:
    _add_lines(cell.paragraphs[0], [text], bold=bold)


def _progress(document, outline: Outline) -> None:
    document.add_heading(t("report.progress"), level=1)
    table = _table(document, len(outline.progress) + 1, len(outline.side_titles) + 1)
    for cell, text in zip(table.rows[0].cells, (t("report.phase-column"), *outline.side_titles), strict=True):
        _fill_cell(cell, text, bold=True)
    for row, line in zip(table.rows[1:], outline.progress, strict=True):
        _fill_cell(row.cells[0], line.label)
        for cell, count in zip(row.cells[1:], line.counts, strict=True):
            _fill_cell(cell, common.progress_text(count))


def _front(document, outline: Outline) -> None:
    document.add_heading(outline.title, level=0)
    if outline.example:
        _add_text(document, f"{t('report.example-label').upper()}: {t('report.example-note')}", bold=True)
    _add_text(document, t("report.kind"), style="Subtitle")
    for label, value in outline.facts:
        paragraph = document.add_paragraph()
        _add_lines(paragraph, [f"{label}:"], bold=True)
        for number, lines in enumerate(common.paragraphs(value)):
            _add_lines(paragraph, ["", "", *lines] if number else ["", *lines])
    _progress(document, outline)


def _side(container, side: SideBlock, in_table: bool = False) -> None:
    """Add one side's questions and answers to the document or to a table cell.

    In the body a question is kept on the page of its answer; in a table cell it is not, since
    LibreOffice then moves a whole long row to the next page and leaves the page above empty.
    """
    if not side.items:
        _add_text(container, t("report.no-questions"), italic=True)
    group = None
    for item in side.items:
        if item.group and item.group != group:
            _add_text(container, item.group.upper(), bold=True)
        group = item.group
        question = container.add_paragraph()
        question.paragraph_format.keep_with_next = not in_table
        _add_lines(question, [f"{item.number}. {item.text}"], bold=True)
        if item.answer is None:
            _add_text(container, t("report.unanswered"), italic=True)
        else:
            _add_text(container, item.answer)


def _mark_header_row(row) -> None:
    """Repeat the side titles at the top of every page the table runs over."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _tool(document, tool: ToolBlock) -> None:
    document.add_heading(tool.title, level=2)
    _add_text(document, tool.introduction)
    if len(tool.sides) == 1:
        document.add_heading(tool.sides[0].title, level=3)
        _side(document, tool.sides[0])
        return
    table = _table(document, 2, len(tool.sides))
    _mark_header_row(table.rows[0])
    for header, cell, side in zip(table.rows[0].cells, table.rows[1].cells, tool.sides, strict=True):
        _fill_cell(header, side.title, bold=True)
        empty = cell.paragraphs[0]
        _side(cell, side, in_table=True)
        empty._element.getparent().remove(empty._element)


def _phase(document, phase: PhaseBlock) -> None:
    heading = document.add_heading(phase.heading, level=1)
    heading.paragraph_format.page_break_before = True
    _add_text(document, phase.purpose)
    for tool in phase.tools:
        _tool(document, tool)
    document.add_heading(t("report.open-heading"), level=2)
    if not phase.open_items:
        _add_text(document, t("report.no-open-points"))
    for item in phase.open_items:
        _add_text(document, f"{item.side} · {item.tool}: {item.question}", style="List Bullet")


def render(outline: Outline) -> bytes:
    """Write the whole report as the bytes of a .docx file."""
    from docx import Document

    document = Document()
    _set_language(document)
    _set_properties(document, outline)
    _front(document, outline)
    for phase in outline.phases:
        _phase(document, phase)
    document.add_heading(t("report.source-heading"), level=1)
    _add_text(document, outline.source)
    _add_text(document, outline.closing)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
