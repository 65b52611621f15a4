"""Reading a returned worksheet's body: its fields, and every paragraph outside them.

The body is walked once. A field is a content control we numbered (record.py); its text is the
text of the table cell that frames it, because LibreOffice 7.4 keeps only the first paragraph
inside the control when it saves and leaves the rest in the cell; a field it split into several
controls in one paragraph (text in mixed scripts) is read once, or refused (_one_text).
Paragraphs and line breaks become lines, Word's list paragraphs become "- " lines ("1. " in a
numbered list), tracked insertions count and deletions do not, and tables, images and other
objects in a field are noted as left out. Every paragraph outside the fields is collected with
the number of the field before it, so text typed there can be reported with where it was. The
XML comes from package.py, already parsed with DTDs refused.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from typing import NamedTuple

from spredning.worksheet.record import SheetProblem, number_in_tag

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_DEPTH = 60  # tables in tables in content controls ...
MAX_TEXT = 5 * 1024 * 1024  # characters in all fields together (a project file's limit)
MAX_CONTROLS = 4000
_ALIAS_NUMBER = re.compile(r"([0-9]{1,4})\s*$")


# -- the body ----------------------------------------------------------------------------------------


class Outside(NamedTuple):
    """A paragraph outside the fields, and the number of the field before it (None: before the first)."""

    text: str
    after: int | None
    copy_of: int | None = None  # the text of a second field with the same number (a copied field)
    objects: frozenset[str] = frozenset()  # pictures and the like in the paragraph


class Field(NamedTuple):
    """What one field holds: its lines, and what could not be taken along."""

    lines: tuple[str, ...]
    left_out: frozenset[str]  # 'table', 'image', 'note', 'formula'
    tracked: bool  # it has tracked changes (read as if accepted)


class Body(NamedTuple):
    """The fields found, by number, and every paragraph outside them in page order."""

    fields: dict[int, Field]
    outside: tuple[Outside, ...]


def read_body(
    document: ET.Element,
    styles: ET.Element | None,
    slots: dict[int, str],
    numbering: ET.Element | None = None,
) -> Body:
    """Walk the body: the fields (numbers with their slot keys in `slots`) and the text around them."""
    body = document.find(f"{W}body")
    walk = _Walk(slots, _Lists(list_styles(styles), numbered_levels(numbering)))
    if body is not None:
        walk.blocks(body, 0)
    return Body(walk.fields, tuple(walk.outside))


def list_styles(styles: ET.Element | None) -> dict[str, tuple[str, int]]:
    """The paragraph styles that make a list (their own numbering, or their base style's).

    Style id -> (the list's numId, level).
    """
    if styles is None:
        return {}
    numbered: dict[str, tuple[str, int]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(f"{W}style"):
        name = style.attrib.get(f"{W}styleId", "")
        numbering = style.find(f"{W}pPr/{W}numPr")
        if numbering is not None and (number := _value(numbering.find(f"{W}numId"), "0")) != "0":
            numbered[name] = (number, _level(numbering))
        base = style.find(f"{W}basedOn")
        if base is not None:
            based[name] = base.attrib.get(f"{W}val", "")
    result = {}
    for name in {*numbered, *based}:
        seen, current = set(), name
        while current and current not in numbered and current not in seen:
            seen.add(current)
            current = based.get(current, "")
        if current in numbered:
            result[name] = numbered[current]
    return result


def numbered_levels(numbering: ET.Element | None) -> dict[str, dict[int, int]]:
    """The lists Word numbers 1, 2, 3 ...: numId -> {level: first number} for their decimal levels.

    Only a list whose first level is decimal counts (Word's numbering button); a bulleted list stays
    bulleted at every level, also where LibreOffice has filled its unused levels with decimal ones.
    A list defined through a numbering style (numStyleLink) is not followed: it reads as bullets.
    """
    if numbering is None:
        return {}
    abstract = {
        item.attrib.get(f"{W}abstractNumId", ""): _formats(item) for item in numbering.iter(f"{W}abstractNum")
    }
    found: dict[str, dict[int, int]] = {}
    for item in numbering.iter(f"{W}num"):
        levels = dict(abstract.get(_value(item.find(f"{W}abstractNumId")), {}))
        for override in item.iter(f"{W}lvlOverride"):
            level = _number(override.attrib.get(f"{W}ilvl", ""), -1)
            own = override.find(f"{W}lvl")
            kind, start = _formats_of(own) if own is not None else levels.get(level, ("", 1))
            start_override = override.find(f"{W}startOverride")
            if start_override is not None:
                start = _number(_value(start_override), 1)
            levels[level] = (kind, start)
        if levels.get(0, ("",))[0] == "decimal":
            found[item.attrib.get(f"{W}numId", "")] = {
                level: start for level, (kind, start) in levels.items() if kind == "decimal"
            }
    return found


def _formats(abstract: ET.Element) -> dict[int, tuple[str, int]]:
    """An abstract list's levels: level -> (number format, first number)."""
    return {_number(lvl.attrib.get(f"{W}ilvl", ""), -1): _formats_of(lvl) for lvl in abstract.iter(f"{W}lvl")}


def _formats_of(lvl: ET.Element) -> tuple[str, int]:
    return _value(lvl.find(f"{W}numFmt")), _number(_value(lvl.find(f"{W}start"), "1"), 1)


def _number(text: str, default: int) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else default


class _Lists(NamedTuple):
    """What makes a paragraph a list item: its style's list, and which lists are numbered."""

    styles: dict[str, tuple[str, int]]
    numbered: dict[str, dict[int, int]]


def _value(element: ET.Element | None, default: str = "") -> str:
    return element.attrib.get(f"{W}val", default) if element is not None else default


def _level(numbering: ET.Element) -> int:
    level = _value(numbering.find(f"{W}ilvl"), "0")
    return min(int(level), 8) if level.isascii() and level.isdigit() else 0


_CONTAINERS = (f"{W}hyperlink", f"{W}smartTag", f"{W}customXml", f"{W}fldSimple", f"{W}dir", f"{W}bdo")
_TEXT = {
    f"{W}tab": "\t",
    f"{W}ptab": "\t",
    f"{W}br": "\n",
    f"{W}cr": "\n",
    f"{W}noBreakHyphen": "\u2011",  # LibreOffice writes these two characters so outside a control
    f"{W}softHyphen": "\u00ad",
}
_OBJECTS = {
    f"{W}drawing": "image",
    f"{W}pict": "image",
    f"{W}object": "image",
    f"{MC}AlternateContent": "image",
    f"{W}footnoteReference": "note",
    f"{W}endnoteReference": "note",
    f"{M}oMath": "formula",
    f"{M}oMathPara": "formula",
}
_BLOCK_CONTAINERS = (f"{W}customXml", f"{W}smartTag", f"{W}sdtContent", f"{W}ins", f"{W}moveTo")


class _Collecting:
    """The lines of one field while it is read."""

    def __init__(self):
        self.lines: list[str] = []
        self.left_out: set[str] = set()
        self.tracked = False
        self.counts: dict[str, dict[int, int]] = {}  # a numbered list's last number at each level

    def count(self, list_id: str, level: int, start: int) -> int:
        """The next number at a level of a list; its deeper levels start again (as Word counts)."""
        counts = self.counts.setdefault(list_id, {})
        for deeper in [known for known in counts if known > level]:
            del counts[deeper]
        counts[level] = counts.get(level, start - 1) + 1
        return counts[level]

    def done(self) -> Field:
        return Field(tuple(self.lines), frozenset(self.left_out), self.tracked)


class _Walk:
    """One pass over the body, keeping the fields and the text outside them apart."""

    def __init__(self, slots: dict[int, str], lists: _Lists):
        self.slots = slots
        self.lists = lists
        self.fields: dict[int, Field] = {}
        self.outside: list[Outside] = []
        self.last: int | None = None
        self.found = 0
        self.size = 0

    def number(self, control: ET.Element) -> int | None:
        """The number of one of our fields, or None for any other content control."""
        properties = control.find(f"{W}sdtPr")
        if properties is None:
            return None
        tag = properties.find(f"{W}tag")
        if tag is not None:
            found = number_in_tag(_value(tag))
            if found is None or found[0] not in self.slots:
                return None
            return found[0] if found[1] in (None, self.slots[found[0]]) else None
        match = _ALIAS_NUMBER.search(_value(properties.find(f"{W}alias")))
        return int(match.group(1)) if match and int(match.group(1)) in self.slots else None

    def blocks(self, container: ET.Element, depth: int, field: _Collecting | None = None) -> None:
        """Paragraphs, tables and block content controls, in order."""
        if depth > MAX_DEPTH:
            raise SheetProblem("worksheet.damaged")
        for child in container:
            if child.tag == f"{W}p":
                self.paragraph(child, depth, field)
            elif child.tag == f"{W}tbl":
                if field is not None:
                    field.left_out.add("table")
                else:
                    self.table(child, depth)
            elif child.tag == f"{W}sdt":
                self.block_control(child, depth, field)
            elif child.tag in _BLOCK_CONTAINERS:
                self.blocks(child, depth + 1, field)

    def block_control(self, control: ET.Element, depth: int, field: _Collecting | None) -> None:
        content = control.find(f"{W}sdtContent")
        if content is None or _showing_placeholder(control):
            return
        number = self.number(control) if field is None else None
        if number is None:
            self.blocks(content, depth + 1, field)
            return
        collecting = _Collecting()
        self.blocks(content, depth + 1, collecting)
        self.finish(number, collecting)

    def table(self, table: ET.Element, depth: int) -> None:
        """A cell that frames exactly one of our fields is that field; other cells are walked on."""
        for cell in _cells(table):
            numbers = {n for control in _controls(cell) if (n := self.number(control)) is not None}
            if len(numbers) == 1:
                collecting = _Collecting()
                self.blocks(cell, depth + 1, collecting)
                self.finish(numbers.pop(), collecting)
            else:
                self.blocks(cell, depth + 1)

    def finish(self, number: int, collecting: _Collecting) -> None:
        field = collecting.done()
        self.found += 1
        if self.found > MAX_CONTROLS:
            raise SheetProblem("worksheet.too-many-fields", limit=MAX_CONTROLS)
        self.size += sum(len(line) + 1 for line in field.lines)
        if self.size > MAX_TEXT:
            raise SheetProblem("worksheet.too-much-text", limit=MAX_TEXT)
        if number in self.fields:  # a copied field: its text is reported, not taken as the answer
            text = "\n".join(field.lines).strip()
            if text:
                self.outside.append(Outside(text, self.last, copy_of=number))
        else:
            self.fields[number] = field
        self.last = number

    def paragraph(self, paragraph: ET.Element, depth: int, field: _Collecting | None) -> None:
        reading = _Inline(self, field)
        reading.children(paragraph, depth)
        text = reading.text()
        if field is None:
            self.outside.append(Outside(text, self.last, objects=frozenset(reading.objects)))
            return
        field.lines.append(self.list_prefix(paragraph, field) + text)
        field.left_out |= reading.objects

    def list_prefix(self, paragraph: ET.Element, field: _Collecting) -> str:
        """'1. ' for an item of a numbered list in a field, '- ' for another list item (indented by level).

        Numbers are counted within the field, from the list's first number: what the item says, not
        where Word's page would continue a list from another field.
        """
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return ""
        style = self.lists.styles.get(_value(properties.find(f"{W}pStyle")))
        numbering = properties.find(f"{W}numPr")
        if numbering is not None:
            list_id = _value(numbering.find(f"{W}numId")) or (style[0] if style else "1")
            if list_id == "0":
                return ""
            has_level = numbering.find(f"{W}ilvl") is not None
            level = _level(numbering) if has_level or style is None else style[1]
        elif style is not None:
            list_id, level = style
        else:
            return ""
        indent = "  " * level
        starts = self.lists.numbered.get(list_id, {})
        if level in starts:
            return f"{indent}{field.count(list_id, level, starts[level])}. "
        return indent + "- "


class _Inline:
    """The text of one paragraph: runs, links, fields' results, tracked insertions; objects noted."""

    def __init__(self, walk: _Walk, field: _Collecting | None):
        self.walk = walk
        self.field = field
        self.parts: list[str] = []
        self.objects: set[str] = set()
        self.pieces: list[_Piece] = []  # our fields' controls met inside a field's paragraph

    def children(self, element: ET.Element, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise SheetProblem("worksheet.damaged")
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                self.run(child)
            elif tag in _CONTAINERS:
                self.children(child, depth + 1)
            elif tag in (f"{W}ins", f"{W}moveTo"):
                self.tracked()
                self.children(child, depth + 1)
            elif tag in (f"{W}del", f"{W}moveFrom"):
                self.tracked()
            elif tag == f"{W}sdt":
                self.control(child, depth)
            elif tag in _OBJECTS:
                self.objects.add(_OBJECTS[tag])

    def tracked(self) -> None:
        if self.field is not None:
            self.field.tracked = True

    def text(self) -> str:
        """The paragraph's text; a field LibreOffice wrote as several controls counts once (see _one_text)."""
        if len(self.pieces) < 2:
            return "".join(self.parts)
        pieces = sorted(self.pieces, key=lambda piece: piece.start)
        number = pieces[0].number
        gaps = ["".join(self.parts[a.end : b.start]) for a, b in itertools.pairwise(pieces)]
        if (
            any(piece.tagged or piece.number != number for piece in pieces)
            or any(a.end > b.start for a, b in itertools.pairwise(pieces))  # one inside another
            or any(gaps)  # text between them
        ):
            raise SheetProblem("worksheet.split-field", number=number)
        whole = _one_text(number, ["".join(self.parts[piece.start : piece.end]) for piece in pieces])
        return "".join(self.parts[: pieces[0].start]) + whole + "".join(self.parts[pieces[-1].end :])

    def control(self, control: ET.Element, depth: int) -> None:
        content = control.find(f"{W}sdtContent")
        if content is None or _showing_placeholder(control):
            return
        number = self.walk.number(control)
        if number is not None and self.field is not None:  # the field's own control, in its frame
            start = len(self.parts)
            self.children(content, depth + 1)
            self.pieces.append(_Piece(number, start, len(self.parts), _has_tag(control)))
            return
        if number is None:
            self.children(content, depth + 1)
            return
        collecting = _Collecting()
        inner = _Inline(self.walk, collecting)  # a field inside a paragraph (LibreOffice's way)
        inner.children(content, depth + 1)
        collecting.lines.append(inner.text())
        collecting.left_out |= inner.objects
        self.walk.finish(number, collecting)

    def run(self, run: ET.Element) -> None:
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                self.parts.append(child.text or "")
            elif tag == f"{W}br" and child.attrib.get(f"{W}type", "textWrapping") != "textWrapping":
                continue  # a page or column break is layout, not a line (LibreOffice writes them so)
            elif tag in _TEXT:
                self.parts.append(_TEXT[tag])
            elif tag in _OBJECTS:
                self.objects.add(_OBJECTS[tag])


class _Piece(NamedTuple):
    """One of our controls inside a field's paragraph: its number, where its text is, whether it has a tag."""

    number: int
    start: int
    end: int
    tagged: bool


def _one_text(number: int, texts: list[str]) -> str:
    """The text of a field that LibreOffice 7.4 saved as several controls in one paragraph.

    LibreOffice splits a field whose text mixes scripts (Latin with Hebrew, Arabic or Chinese,
    right-to-left marks, some control pictures) into one control per stretch of one script, all
    with the field's title and no tag, and writes into each the field's whole text, after that
    stretch for all but the first: "abc עברית def" becomes "abc עברית def", "עברית" + "abc עברית
    def", " " + "abc עברית def", "def" + "abc עברית def". The first control then holds the whole
    text and every other one ends with it. Exactly that pattern reads as the first control's text;
    anything else cannot be read without guessing, and the whole worksheet is refused.
    """
    whole = texts[0]
    if not whole.strip() or not all(text.endswith(whole) for text in texts[1:]):
        raise SheetProblem("worksheet.split-field", number=number)
    return whole


def _has_tag(control: ET.Element) -> bool:
    return control.find(f"{W}sdtPr/{W}tag") is not None


def _showing_placeholder(control: ET.Element) -> bool:
    """Word shows its placeholder text in an emptied field: that text is not the partner's."""
    return control.find(f"{W}sdtPr/{W}showingPlcHdr") is not None


def _controls(cell: ET.Element):
    """The content controls in a cell, but not those in tables inside it (those cells count alone)."""
    for child in cell:
        if child.tag == f"{W}sdt":
            yield child
        if child.tag != f"{W}tbl":
            yield from _controls(child)


def _cells(table: ET.Element):
    """A table's cells in order, also rows and cells wrapped in content controls."""
    for row in _unwrapped(table, f"{W}tr"):
        yield from _unwrapped(row, f"{W}tc")


def _unwrapped(parent: ET.Element, tag: str):
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _unwrapped(content, tag)


def has_unnamed_controls(document: ET.Element) -> bool:
    """True when a content control has neither tag nor title.

    LibreOffice 7.4 leaves our fields so when it opens and saves again a worksheet it saved before.
    """
    return any(
        control.find(f"{W}sdtPr/{W}tag") is None and control.find(f"{W}sdtPr/{W}alias") is None
        for control in document.iter(f"{W}sdt")
    )


def comments(root: ET.Element | None, limit: int = 100) -> list[tuple[str, str]]:
    """The document's comments (author, text), at most `limit`: they are reported, never imported."""
    if root is None:
        return []
    found = []
    for comment in root.iter(f"{W}comment"):
        reading = _Inline(_Walk({}, _Lists({}, {})), None)
        lines = []
        for paragraph in comment.iter(f"{W}p"):
            reading.parts = []
            reading.children(paragraph, 0)
            lines.append("".join(reading.parts))
        text = "\n".join(lines).strip()
        if text:
            found.append((comment.attrib.get(f"{W}author", ""), text))
        if len(found) >= limit:
            break
    return found
