"""A report as a short list of typed blocks with their words in place, for the four writers.

compose.py turns an outline (core/outline.py) into a Document, choosing every word from the
catalogue; markdown.py, html.py, word.py and pdf.py only decide how each kind of block looks in
their format. So the four formats say the same things in the same order, and a new format is one
small writer.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple, Union

# Paragraph styles every writer knows:
#   body: ordinary text; quiet: the guide's help (smaller, grey); note: a remark about the report
#   itself (a scope, what was left out); warning: something a reader must not miss (an example
#   project, an open conflict); lead: the subtitle under the title.
STYLES = ("body", "quiet", "note", "warning", "lead")


class Heading(NamedTuple):
    """A heading. Level 1 starts a section (a phase); `anchor` names it for links and bookmarks."""

    level: int
    text: str
    anchor: str = ""
    contents: bool = True  # listed in the table of contents (and a PDF bookmark at level 1)


class Paragraph(NamedTuple):
    """A text of one or more paragraphs (blank lines separate them, line breaks are kept)."""

    text: str
    style: str = "body"


class Bullets(NamedTuple):
    """A bullet list; each item is one line of text."""

    items: tuple[str, ...]
    style: str = "body"


class Facts(NamedTuple):
    """Label and value pairs (the first page's facts)."""

    rows: tuple[tuple[str, str], ...]


class Table(NamedTuple):
    """A small table of words and counts; the first column heads its row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class Part(NamedTuple):
    """One labelled text in an answer: the answer itself, a reason, or one version in a conflict."""

    label: str  # empty for a plain answer
    text: str  # the user's text exactly as saved (cleaned of control characters); may be empty
    source: str = ""  # for a version in a conflict: the organisation's name


class AnswerBox(NamedTuple):
    """A question's answer. kind: 'answer', 'not-relevant', 'open' or 'conflict'.

    `parts` hold the user's texts (one, or one per version in a conflict); `notes` are the
    program's remarks about them (how to settle a conflict, an unsaved draft, a partner variant).
    """

    kind: str
    parts: tuple[Part, ...] = ()
    notes: tuple[str, ...] = ()
    heading: str = ""  # the state's words ("Ikke relevant", "Uafklaret konflikt ...")


class QuestionItem(NamedTuple):
    """One question: its numbered text, the guide's help points and the answer."""

    id: str
    text: str
    hints: tuple[str, ...]
    answer: AnswerBox


class Column(NamedTuple):
    """One side's column: its title and blocks (guidance, questions)."""

    title: str
    blocks: tuple[Block, ...]


class Columns(NamedTuple):
    """The two sides of a tool (or of a phase's goals) next to each other where the page allows.

    Word keeps the guide's two-column table; the other formats put one side after the other.
    """

    columns: tuple[Column, ...]
    kind: str = "sides"  # 'sides' (questions) or 'goals'


class Group(NamedTuple):
    """A group heading over some questions ("Det har vi gjort")."""

    text: str


class Contents(NamedTuple):
    """The table of contents: its heading; the entries are the headings marked `contents`."""

    title: str


class PageBreak(NamedTuple):
    """Start a new page (paper formats only)."""


Block = Union[  # noqa: UP007 - a runtime alias of a union of NamedTuples
    Heading, Paragraph, Bullets, Facts, Table, QuestionItem, Columns, Group, Contents, PageBreak
]


class Document(NamedTuple):
    """A whole report: its metadata and blocks."""

    title: str
    subtitle: str
    author: str  # the organisation writing the report
    subject: str
    date: str  # written out in words
    day: datetime.date  # for file metadata
    header: str  # the running header on paper
    page_label: str  # "Side {page} af {pages}" with those two fields left for the writer
    language: str  # "da-DK"
    blocks: tuple[Block, ...]
