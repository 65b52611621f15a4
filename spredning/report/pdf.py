"""The report as a PDF, made directly with fpdf2 (pure Python; imported only when a PDF is made).

The same layout rules as the Word report: A4 with 3 cm at top and bottom and 2 cm at the sides,
the project in a running header, "Side X af Y" in the footer, a table of contents, each phase on
a new page and bookmarked (its tools under it), headings kept with what follows them, long answers
running on to the next page. The fonts are DejaVu Sans Condensed, embedded (only the glyphs used),
so æ ø å and the guide's punctuation (– “ ” ‘ ’ •) print on any computer. A character the font
does not have is written as its code point, ``<U+4E2D>``, so nothing an answer holds disappears; a
tab (between the columns of a table pasted from Excel or Word) is a gap of spaces, and a Unicode line
or paragraph separator a line break. Zero-width characters and the soft hyphen are in the font and
stay invisible, as they are meant to be.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.util import Padding

from spredning.report.document import (
    AnswerBox,
    Block,
    Bullets,
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

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "dejavu"
_FILES = {
    "": "DejaVuSansCondensed.ttf",
    "B": "DejaVuSansCondensed-Bold.ttf",
    "I": "DejaVuSansCondensed-Oblique.ttf",
}
ACCENT = (31, 78, 121)
INK = (26, 26, 26)
QUIET = (90, 90, 90)
WARN = (156, 42, 0)
SHADE = (221, 231, 242)
RULE = (154, 169, 184)
TOP, BOTTOM, SIDE = 30.0, 30.0, 20.0  # margins in mm, as in the Word report
# Where the footer holds the page count: fpdf2 writes the count in when the last page is done, at
# the right of the room that as many "0"s as the alias has characters take. The alias is made of a
# character the fonts lack, so no text can hold it (printable() shows one as <U+E000>).
_COUNT = "\ue000"

# style: (font style, size in pt, colour, line height in mm, space after in mm)
_TEXT = {
    "body": ("", 10, INK, 4.8, 1.8),
    "quiet": ("", 8.8, QUIET, 4.1, 1.5),
    "note": ("I", 8.8, QUIET, 4.1, 1.8),
    "warning": ("B", 10, WARN, 4.8, 2),
    "lead": ("", 13, QUIET, 6.2, 4),
}
_HEADING = {1: (17, 8.0, 3), 2: (13, 6.4, 1.5), 3: (11, 5.4, 1)}  # size, line height, space after
KEEP = 18.0  # how much of what follows a heading must fit under it on its page, at most (mm)
CELL_PADDING = (0.9, 1.8)  # a table cell's padding, above and below / at the sides (mm)


@lru_cache(maxsize=4)
def _glyphs(style: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(FONTS / _FILES[style]).getBestCmap())


TAB = "    "  # a tab in pasted text is a gap between columns; the font has no glyph for it
_SPACING = re.compile("[\t\u2028\u2029]")
_SPACED = {"\t": TAB, "\u2028": "\n", "\u2029": "\n"}  # the separators are in the font, but blank


def printable(text: str, style: str = "") -> str:
    """Text the font can print: a tab as spaces, a line separator as a break, any other lack as <U+XXXX>."""
    glyphs = _glyphs(style)
    if _SPACING.search(text):
        text = _SPACING.sub(lambda found: _SPACED[found.group()], text)
    if all(ord(c) in glyphs or c == "\n" for c in text):
        return text
    return "".join(c if ord(c) in glyphs or c == "\n" else f"<U+{ord(c):04X}>" for c in text)


class _Pdf(FPDF):
    """An FPDF with the report's running header and footer."""

    def __init__(self, document: Document, digits: int):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = document
        self.count = _COUNT * digits
        self.alias_nb_pages(self.count, align=Align.R)  # so "{nb}" in an answer stays as typed, too
        for style, name in _FILES.items():
            self.add_font(FAMILY, style, str(FONTS / name))
        self.set_margins(SIDE, TOP, SIDE)
        self.set_auto_page_break(True, BOTTOM)

    def header(self) -> None:
        self.set_xy(SIDE, 13)
        self.style("", 7.5, QUIET)
        self.cell(0, 4, printable(self.report.header), align=Align.R)
        self.set_xy(SIDE, TOP)

    def footer(self) -> None:
        self.set_xy(SIDE, 297 - 17)
        self.style("", 7.5, QUIET)
        label = printable(self.report.page_label).replace("{page}", str(self.page_no()))
        self.cell(0, 4, label.replace("{pages}", self.count), align=Align.R)

    def style(self, font: str, size: float, colour: tuple[int, int, int]) -> None:
        self.set_font(FAMILY, font, size)
        self.set_text_color(*colour)


class _Writer:
    """Lays out the blocks, one after the other, at the page's full width or indented."""

    def __init__(self, pdf: _Pdf, document: Document):
        self.pdf = pdf
        self.document = document
        self.width = 210 - 2 * SIDE
        self.new_page_next = False
        self.following: Block | None = None  # the block after the one being laid out, if known

    def blocks(self, items: tuple[Block, ...]) -> None:
        """Lay out blocks one after the other, each knowing the next (a heading keeps its start)."""
        for number, item in enumerate(items):
            self.following = items[number + 1] if number + 1 < len(items) else None
            self.block(item)

    # -- text ------------------------------------------------------------------------------
    def write(self, text: str, style: str = "body", indent: float = 0, bold: bool = False) -> None:
        font, size, colour, line, after = _TEXT[style]
        self.pdf.style("B" if bold else font, size, colour)
        self.pdf.set_x(SIDE + indent)
        self.pdf.multi_cell(
            self.width - indent,
            line,
            printable(text, "B" if bold else font),
            align=Align.L,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.pdf.ln(after)

    def height(self, text: str, style: str, indent: float = 0, bold: bool = False) -> float:
        font, size, _, line, after = _TEXT[style]
        self.pdf.set_font(FAMILY, "B" if bold else font, size)
        measured = self.pdf.multi_cell(
            self.width - indent,
            line,
            printable(text, "B" if bold else font),
            dry_run=True,
            output=MethodReturnValue.HEIGHT,
        )
        return float(measured) + after  # type: ignore[arg-type]  # HEIGHT makes fpdf2 return a float

    def room_for(self, height: float) -> None:
        """Start a new page unless `height` fits (keeps a heading with what follows it)."""
        if self.pdf.will_page_break(height):
            self.pdf.add_page()

    def start(self) -> None:
        if self.new_page_next and self.pdf.get_y() > TOP + 0.5:  # not when the page is still empty
            self.pdf.add_page()
        self.new_page_next = False

    # -- blocks ----------------------------------------------------------------------------
    def block(self, item: Block, indent: float = 0) -> None:  # noqa: C901 - one branch per kind
        if isinstance(item, PageBreak):
            self.new_page_next = True
            return
        self.start()
        if isinstance(item, Heading):
            self.heading(item)
        elif isinstance(item, Paragraph):
            for part in item.text.split("\n\n"):
                self.write(part, item.style, indent)
        elif isinstance(item, Bullets):
            self.bullets(item.items, item.style, indent)
        elif isinstance(item, Facts):
            labels = self.label_width(row[0] for row in item.rows)
            self.table((), item.rows, (labels, self.width - labels), shade_first=True)
        elif isinstance(item, Table):
            first = 55 if len(item.header) > 2 else 90
            rest = (self.width - first) / max(1, len(item.header) - 1)
            self.table(item.header, item.rows, (first, *([rest] * (len(item.header) - 1))))
        elif isinstance(item, QuestionItem):
            self.question(item, indent)
        elif isinstance(item, Columns):
            self.columns(item)
        elif isinstance(item, Group):
            self.room_for(16)
            self.pdf.ln(1.5)
            self.write(item.text.upper(), "quiet", indent, bold=True)
        elif isinstance(item, Contents):
            self.contents(item)

    def heading(self, item: Heading) -> None:
        size, line, after = _HEADING.get(item.level, _HEADING[3])
        self.pdf.set_font(FAMILY, "B", size)
        text = printable(item.text, "B")
        lines = self.pdf.multi_cell(self.width, line, text, dry_run=True, output=MethodReturnValue.HEIGHT)
        needed = float(lines) + after + self.start_of(self.following)  # type: ignore[arg-type]
        if self.pdf.get_y() > TOP + 1:
            before = 4 if item.level == 1 else 3
            self.room_for(needed + before)
            self.pdf.ln(before)
        if item.contents and item.level <= 2:
            self.pdf.start_section(printable(item.text, "B"), level=item.level - 1)
        self.pdf.style("B", size, ACCENT)
        self.pdf.multi_cell(self.width, line, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if item.level == 1:
            self.pdf.set_draw_color(*ACCENT)
            self.pdf.set_line_width(0.4)
            self.pdf.line(SIDE, self.pdf.get_y() + 0.6, SIDE + self.width, self.pdf.get_y() + 0.6)
            self.pdf.ln(1.5)
        self.pdf.ln(after)

    def start_of(self, item: Block | None) -> float:
        """The height of a block's first lines, which must stay with the heading before it."""
        if isinstance(item, Paragraph):
            return min(KEEP, self.height(item.text.split("\n\n")[0], item.style))
        if isinstance(item, Bullets) and item.items:
            return min(KEEP, self.height(item.items[0], item.style, 5.5))
        return KEEP

    def label_width(self, labels) -> float:
        """A label column wide enough for each label on one line, between 45 and 60 mm."""
        self.pdf.set_font(FAMILY, "B", 9)
        widest = max((self.pdf.get_string_width(printable(label, "B")) for label in labels), default=0)
        return min(60.0, max(45.0, widest + 2 * CELL_PADDING[1] + 1))

    def bullets(self, items: tuple[str, ...], style: str, indent: float = 0) -> None:
        font, size, colour, line, after = _TEXT[style]
        for item in items:
            self.pdf.style(font, size, colour)
            self.pdf.set_x(SIDE + indent + 1.5)
            self.pdf.cell(4, line, "•")
            self.pdf.multi_cell(
                self.width - indent - 5.5,
                line,
                printable(item, font),
                align=Align.L,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            self.pdf.ln(0.4)
        self.pdf.ln(after)

    def table(self, header: tuple[str, ...], rows, widths, shade_first: bool = False) -> None:
        self.pdf.style("", 9, INK)
        self.pdf.set_draw_color(*RULE)
        self.pdf.set_line_width(0.2)
        heading = FontFace(emphasis="BOLD", color=INK, fill_color=SHADE)
        with self.pdf.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align="LEFT",
            line_height=4.4,
            padding=Padding.new(CELL_PADDING),
            first_row_as_headings=bool(header),
            headings_style=heading,
            repeat_headings=1,
        ) as table:
            if header:
                table.row([printable(h, "B") for h in header])
            for values in rows:
                row = table.row()
                for number, value in enumerate(values):
                    style = heading if shade_first and number == 0 else None
                    row.cell(printable(value, "B" if style else ""), style=style)
        self.pdf.ln(2)  # a heading after the table adds its own space

    def columns(self, item: Columns) -> None:
        for column in item.columns:
            self.room_for(30)
            self.pdf.ln(1)
            self.pdf.set_fill_color(*SHADE)
            self.pdf.style("B", 10, (16, 48, 79))
            self.pdf.multi_cell(
                self.width,
                6,
                printable(column.title, "B"),
                align=Align.L,
                fill=True,
                padding=Padding.new((0.5, 2)),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            self.pdf.ln(2)
            self.following = None  # not known inside a column: a heading keeps the most it may need
            for block in column.blocks:
                self.block(block, indent=0)
            self.pdf.ln(1)

    def question(self, item: QuestionItem, indent: float) -> None:
        first = item.answer.parts[0].text.split("\n")[0] if item.answer.parts else item.answer.heading
        needed = self.height(item.text, "body", indent, bold=True) + self.height(first, "body", indent + 4)
        needed += sum(self.height(h, "quiet", indent + 5.5) for h in item.hints)
        self.room_for(min(needed + 3, 120))
        self.pdf.ln(1.5)
        self.write(item.text, "body", indent, bold=True)
        if item.hints:
            self.bullets(item.hints, "quiet", indent)
        self.answer(item.answer, indent)

    def answer(self, answer: AnswerBox, indent: float) -> None:
        if answer.kind == "open":
            self.write(answer.heading, "note", indent)
        elif answer.kind == "answer":
            self.ruled(answer.parts[0].text, ACCENT, indent)
        else:
            colour = WARN if answer.kind == "conflict" else QUIET
            self.write(answer.heading, "warning" if answer.kind == "conflict" else "body", indent, bold=True)
            for part in answer.parts:
                if part.label:
                    self.write(part.label, "note", indent)
                if part.text or answer.kind == "conflict":
                    self.ruled(part.text, colour, indent)
        for note in answer.notes:
            self.write(note, "note", indent)
        self.pdf.ln(1.5)

    def ruled(self, text: str, colour: tuple[int, int, int], indent: float) -> None:
        """A user's text with a line at its left; the line follows the text on to the next page."""
        font, size, _, line, _ = _TEXT["body"]
        self.pdf.style(font, size, INK)
        self.pdf.set_draw_color(*colour)
        self.pdf.set_line_width(0.8)
        self.pdf.set_x(SIDE + indent + 0.5)
        self.pdf.multi_cell(
            self.width - indent - 0.5,
            line,
            printable(text) or " ",
            border="L",
            align=Align.L,
            padding=Padding.new((0.3, 0, 0.3, 3)),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.pdf.ln(2)

    def contents(self, item: Contents) -> None:
        entries = [b for b in self.document.blocks if isinstance(b, Heading) and b.contents and b.level <= 2]
        lines = len(entries) + sum(1 for e in entries if e.level == 1)
        title = printable(item.title, "B")

        def render(pdf: FPDF, sections) -> None:
            pdf.set_font(FAMILY, "B", _HEADING[2][0])
            pdf.set_text_color(*ACCENT)
            pdf.set_x(SIDE)
            pdf.multi_cell(
                self.width, _HEADING[2][1], title, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.ln(3)
            for section in sections:
                top = section.level == 0
                if top:
                    pdf.ln(1.5)
                pdf.set_font(FAMILY, "B" if top else "", 10 if top else 9.5)
                pdf.set_text_color(*INK)
                link = pdf.add_link(page=section.page_number)
                pdf.set_x(SIDE + (0 if top else 6))
                name = section.name
                pdf.cell(self.width - (0 if top else 6) - 12, 5.2, name, link=link)
                pdf.cell(
                    12,
                    5.2,
                    str(section.page_number),
                    align=Align.R,
                    link=link,
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                )

        self.pdf.insert_toc_placeholder(render, pages=max(1, -(-lines * 6 // 220)))


def render(document: Document) -> bytes:
    """Write the whole report as the bytes of a PDF file.

    The footer's page count gets room for as many digits as it has, so "Side 3 af 12" ends at
    the margin as right-aligned text does. The digits are guessed from the length of the text
    (a page holds about 2,500 characters); a wrong guess costs a second layout, never a wrong footer.
    """
    digits = len(str(max(1, _characters(document.blocks) // 2500)))
    with _fpdf_log_silenced():
        pdf = _layout(document, digits)
        if len(str(pdf.pages_count)) != digits:
            pdf = _layout(document, len(str(pdf.pages_count)))
        return bytes(pdf.output())


@contextlib.contextmanager
def _fpdf_log_silenced() -> Iterator[None]:
    """While a PDF is made, the log records of fpdf2 and of fontTools (which it embeds fonts with) go nowhere.

    fpdf2 reports problems such as "Font ... is missing the following glyphs" through `logging`, not
    `warnings`, and with no handler set up, Python's last-resort handler prints them, in English, on
    the user's terminal. printable() leaves no character the fonts lack, so such a record would be a
    bug of ours, which a user can do nothing about; the PDF is made all the same.
    """
    loggers = [logging.getLogger(name) for name in ("fpdf", "fontTools")]
    handler = logging.NullHandler()
    before = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        yield
    finally:
        for logger, propagate in zip(loggers, before, strict=True):
            logger.removeHandler(handler)
            logger.propagate = propagate


def _characters(value) -> int:
    """How many characters the texts in a block (or blocks) hold, all their fields together."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, tuple):
        return sum(_characters(part) for part in value)
    return 0


def _layout(document: Document, digits: int) -> _Pdf:
    pdf = _Pdf(document, digits)
    pdf.set_title(printable(document.title))
    pdf.set_author(printable(document.author))
    pdf.set_subject(printable(document.subject))
    pdf.set_keywords("spredning")
    pdf.set_creator("spredning")
    pdf.set_lang(document.language)
    pdf.set_creation_date(datetime.datetime.combine(document.day, datetime.time(), datetime.UTC))
    pdf.add_page()
    writer = _Writer(pdf, document)
    pdf.style("B", 22, ACCENT)
    pdf.multi_cell(
        writer.width, 9.5, printable(document.title, "B"), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    pdf.line(SIDE, pdf.get_y() + 1, SIDE + writer.width, pdf.get_y() + 1)
    pdf.ln(3)
    writer.blocks(document.blocks)
    return pdf
