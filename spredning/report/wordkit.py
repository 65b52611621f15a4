"""What every Word document the program writes shares: the page, the styles, the properties.

The report (word.py) and the worksheet (spredning/worksheet/) look alike because both set up
their documents here: A4 with Danish margins, a running header and "Side X af Y", one font, the
reports' paragraph styles, Danish as the document language, and properties that name the writing
organisation and `spredning`. Imported only when a Word file is made (python-docx is not cheap).
"""

from __future__ import annotations

import datetime
import re
from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from spredning.core.textsafe import xml_safe
from spredning.i18n import t
from spredning.report.document import Document

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

# The program's own styles, by the Danish name the code finds them by while it writes, and the catalogue
# entry that names them in the document's language: Word lists styles by name, so an English reader
# sees "Question", not "Spørgsmål". Word's built-in styles (Title, Heading 1, toc 1, …) Word names itself.
_STYLE_NAMES = {
    "Hjælpetekst": "report.word-style.help",
    "Hjælp, punkt": "report.word-style.help-bullet",
    "Note": "report.word-style.note",
    "Advarsel": "report.word-style.warning",
    "Spørgsmål": "report.word-style.question",
    "Gruppe": "report.word-style.group",
    "Svar": "report.word-style.answer",
    "Svar, uafklaret": "report.word-style.answer-unsettled",
    "Udgave": "report.word-style.version",
    "Tilstand": "report.word-style.state",
    "Tabeltekst": "report.word-style.table-text",
    "Afsnitsoverskrift": "report.word-style.section-heading",
    "Kolonneoverskrift": "report.word-style.column-heading",
    "Svarfelt": "report.word-style.answer-field",
}


def name_styles(document) -> None:
    """Give the program's own styles their names in the document's language, once the text is written.

    A paragraph names its style by id, which stays as it was, so renaming changes no paragraph.
    """
    present = {style.name: style for style in document.styles}
    for danish, key in _STYLE_NAMES.items():
        if danish in present:
            present[danish].name = t(key)


def lines(paragraph, text: str) -> None:
    """Add a text to a paragraph as one run with real line breaks and tabs (every character kept).

    Characters a Word document cannot hold (control characters typed or pasted into a name or an
    answer) are shown as their pictures, here where every text goes in, so none can stop a document.
    """
    run = paragraph.add_run()
    for number, line in enumerate(xml_safe(text).split("\n")):
        if number:
            run.add_break()
        for position, part in enumerate(line.split("\t")):
            if position:
                run.add_tab()
            if part:
                run.add_text(part)


# -- tables ------------------------------------------------------------------------------------------


def new_table(document, rows: int, columns: int, widths):
    """A table in the reports' look: grid lines, room in the cells, fixed column widths."""
    table = document.add_table(rows=rows, cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    cell_margins(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # the cell widths Word reads
    return table


def fill(cell, text: str, bold: bool = False) -> None:
    """Write a text into a table cell's first paragraph, in the table text style."""
    paragraph = cell.paragraphs[0]
    paragraph.style = paragraph.part.document.styles["Tabeltekst"]
    lines(paragraph, text)
    if bold:
        for run in paragraph.runs:
            run.bold = True


def shade(cell, colour: str = SHADE) -> None:
    """Give a table cell a background colour."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def repeat_header(row) -> None:
    """Repeat a table's first row at the top of each page it runs over."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def cell_margins(table) -> None:
    """Room inside every cell: 0.06 cm above and below, 0.18 cm at the sides."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 34), ("left", 102), ("bottom", 34), ("right", 102)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def simple_field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) with the text shown until Word updates it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# -- the page, the styles, the properties ----------------------------------------------------------


def keep_only_styles(document, names: frozenset[str]) -> None:
    """Delete the template's style definitions not named in `names` (before any paragraph gets a style).

    python-docx's template defines 164 styles, a hundred of them table looks, and python-docx reads
    through every definition each time a paragraph is given a style, so each unused one slows every
    paragraph. Word itself saves only the styles a document uses: its other built-in styles stay
    offered to a reader who edits the file (the template lists them as latent styles).
    """
    for style in list(document.styles):
        if style.name not in names:
            style.delete()


def page(document, doc: Document) -> None:
    """A4 portrait, 3 cm above and below, 2 cm at the sides; the running header and page numbers."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(3)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1.25)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    lines(header, doc.header)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for part in re.split(r"(\{page\}|\{pages\})", doc.page_label):
        if part == "{page}":
            simple_field(footer, "PAGE", "1")
        elif part == "{pages}":
            simple_field(footer, "NUMPAGES", "1")
        elif part:
            lines(footer, part)
    for name in ("Header", "Footer"):
        style = document.styles[name]
        style.font.size, style.font.color.rgb = Pt(8.5), QUIET


def styles(document, language: str) -> None:
    """The reports' styles: sizes, colours and spacing, one font, and the document's language."""
    sheet = document.styles
    normal = sheet["Normal"]
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
        style = sheet[name]
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT if name != "Subtitle" else QUIET
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
        style.paragraph_format.keep_with_next = name != "Subtitle"
    for name, (base, size, bold, italic, colour, before, after, keep) in _STYLES.items():
        style = sheet.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = sheet[base]
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        if colour is not None:
            style.font.color.rgb = colour
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
        style.paragraph_format.keep_with_next = keep
    rule(sheet["Svar"], "1F4E79")
    rule(sheet["Svar, uafklaret"], "9C2A00")
    sheet["toc 2"].paragraph_format.left_indent = Cm(0.6)
    for name in ("toc 1", "toc 2"):
        sheet[name].paragraph_format.tab_stops.add_tab_stop(
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


def rule(style, colour: str) -> None:
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


def properties(document, doc: Document) -> None:
    """Title, author, subject, language and date; 'spredning' as the application, no thumbnail."""
    core = document.core_properties  # a project's name or organisation may hold any character
    core.title = xml_safe(doc.title)
    core.author = core.last_modified_by = xml_safe(doc.author)
    core.subject = xml_safe(doc.subject)
    core.language = doc.language
    core.comments = xml_safe(doc.subtitle)
    core.keywords = "spredning"
    moment = datetime.datetime.combine(doc.day, datetime.time())
    core.created = core.modified = moment
    core.revision = 1
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
        f"<Company>{escape(xml_safe(doc.author))}</Company>"
        "</Properties>"
    )
