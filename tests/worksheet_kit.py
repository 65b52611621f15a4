"""Editing a worksheet's .docx the way Word stores a partner's edits, and building hostile ones.

A Sheet holds the package's parts; its main document is edited with lxml: the text of a field,
paragraphs and line breaks, list paragraphs (Word's 'List Paragraph' with numbering), a pasted table
or picture, text typed outside the fields, a deleted or copied field, comments, tracked changes.
A field is named by its number ("Svar N", an answer) or by its title ("Klarhed 35", "Status 56");
the follow-up's fields are found as a reader finds them: after a readiness question, in an action's row.
"""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DOCUMENT = "word/document.xml"


def el(tag: str, **attributes: str) -> etree._Element:
    element = etree.Element(f"{W}{tag}")
    for name, value in attributes.items():
        element.set(f"{W}{name}", value)
    return element


def run(text: str) -> etree._Element:
    """A run as Word writes one: line breaks as <w:br/>, text in <w:t xml:space="preserve">."""
    r = el("r")
    for number, line in enumerate(text.split("\n")):
        if number:
            r.append(el("br"))
        t = el("t")
        t.text = line
        t.set(XML_SPACE, "preserve")
        r.append(t)
    return r


def paragraph(text: str = "", style: str | None = None, numbered: int | None = None) -> etree._Element:
    """A paragraph; `numbered` makes it a list item at that level, as Word's bullet button does."""
    p = el("p")
    properties = el("pPr")
    if style or numbered is not None:
        properties.append(el("pStyle", val=style or "ListParagraph"))
    if numbered is not None:
        numbering = el("numPr")
        numbering.append(el("ilvl", val=str(numbered)))
        numbering.append(el("numId", val="1"))
        properties.append(numbering)
    p.append(properties)
    if text:
        p.append(run(text))
    return p


def bullet(text: str, level: int = 0) -> etree._Element:
    return paragraph(text, numbered=level)


def item(text: str, list_id: str, level: int = 0) -> etree._Element:
    """An item of the list numbered `list_id` (see Sheet.numbered_list), as Word writes one."""
    p = paragraph(text, numbered=level)
    p.find(f"{W}pPr/{W}numPr/{W}numId").set(f"{W}val", list_id)
    return p


def table(*rows: tuple[str, ...]) -> etree._Element:
    tbl = el("tbl")
    properties = el("tblPr")
    properties.append(el("tblStyle", val="TableGrid"))
    tbl.append(properties)
    grid = el("tblGrid")
    for _ in rows[0]:
        grid.append(el("gridCol", w="2000"))
    tbl.append(grid)
    for values in rows:
        tr = el("tr")
        for value in values:
            tc = el("tc")
            tc.append(paragraph(value))
            tr.append(tc)
        tbl.append(tr)
    return tbl


def picture() -> etree._Element:
    """A paragraph holding an inline picture (its image part is left out: only the markup matters)."""
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    p = el("p")
    r = el("r")
    drawing = el("drawing")
    inline = etree.SubElement(drawing, f"{{{wp}}}inline")
    etree.SubElement(inline, f"{{{wp}}}extent", cx="990000", cy="792000")
    etree.SubElement(inline, f"{{{wp}}}docPr", id="1", name="Billede 1")
    r.append(drawing)
    p.append(r)
    return p


class Sheet:
    """A worksheet's parts, with its main document open for editing."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.root = etree.fromstring(self.parts[DOCUMENT])

    @classmethod
    def read(cls, path) -> Sheet:
        return cls(path.read_bytes())

    def controls(self) -> list[etree._Element]:
        return list(self.root.iter(f"{W}sdt"))

    def answer_controls(self) -> list[etree._Element]:
        """The answer fields ("Svar N"), not the follow-up's."""
        return [sdt for sdt in self.controls() if title(sdt).startswith("Svar ")]

    def titles(self) -> list[str]:
        return [title(sdt) for sdt in self.controls()]

    def control(self, key: int | str) -> etree._Element:
        """A field by its number ("Svar N") or its title."""
        wanted = f"Svar {key}" if isinstance(key, int) else key
        for sdt in self.controls():
            if title(sdt) == wanted:
                return sdt
        raise KeyError(key)

    def follow_titles(self, question: str) -> list[str]:
        """The titles of the fields in the table after a paragraph (a readiness question)."""
        for p in self.root.iter(f"{W}p"):
            if "".join(t.text or "" for t in p.iter(f"{W}t")) == question:
                table = p.getnext()
                while table is not None and table.tag != f"{W}tbl":
                    table = table.getnext()
                return [title(sdt) for sdt in table.iter(f"{W}sdt")]
        raise KeyError(question)

    def rows(self, header: str = "Hvad") -> list[list[str]]:
        """The titles of the fields in each row of the plan's tables (their first column is `header`)."""
        found = []
        for table in self.root.iter(f"{W}tbl"):
            first = table.find(f"{W}tr")
            if first is None or "".join(t.text or "" for t in first.find(f"{W}tc").iter(f"{W}t")) != header:
                continue
            found += [[title(sdt) for sdt in tr.iter(f"{W}sdt")] for tr in table.findall(f"{W}tr")[1:]]
        return found

    def row_of(self, what: str, header: str = "Hvad") -> list[str]:
        """The titles of an action's fields (what, who, deadline, status) by what it says."""
        return next(row for row in self.rows(header) if self.text(row[0]) == what)

    def empty_rows(self, header: str = "Hvad") -> list[list[str]]:
        """The rows for new actions (every field empty)."""
        return [row for row in self.rows(header) if not any(self.text(name) for name in row)]

    def text(self, number: int | str) -> str:
        content = self.control(number).find(f"{W}sdtContent")
        lines = []
        for p in list(content.iter(f"{W}p")) or [content]:  # LibreOffice's fields hold runs, not paragraphs
            parts = []
            for node in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
                parts.append(
                    node.text or "" if node.tag == f"{W}t" else "\n" if node.tag == f"{W}br" else "\t"
                )
            lines.append("".join(parts))
        return "\n".join(lines)

    def fill(self, number: int | str, *blocks) -> Sheet:
        """Replace a field's content: strings become paragraphs (with line breaks), elements go in as such."""
        content = self.control(number).find(f"{W}sdtContent")
        for child in list(content):
            content.remove(child)
        for block in blocks or ("",):
            content.append(paragraph(block, "Svarfelt") if isinstance(block, str) else block)
        return self

    def add(self, number: int, *blocks) -> Sheet:
        """Add paragraphs or other elements at the end of a field (text typed or pasted after its text)."""
        content = self.control(number).find(f"{W}sdtContent")
        for block in blocks:
            content.append(paragraph(block, "Svarfelt") if isinstance(block, str) else block)
        return self

    def box(self, number: int) -> etree._Element:
        """The one-cell table that frames a field."""
        return self.control(number).getparent().getparent().getparent()

    def type_after(self, number: int, text: str) -> Sheet:
        """Text typed in the body, right after a field's frame."""
        self.box(number).addnext(paragraph(text))
        return self

    def type_before_first(self, text: str) -> Sheet:
        body = self.root.find(f"{W}body")
        body.insert(2, paragraph(text))
        return self

    def remove(self, number: int) -> Sheet:
        """Delete a field's frame and control altogether."""
        box = self.box(number)
        box.getparent().remove(box)
        return self

    def copy(self, number: int, text: str) -> Sheet:
        """Copy a field (frame and all) after itself, and write another text into the copy."""
        box = self.box(number)
        twin = copy.deepcopy(box)
        box.addnext(twin)
        box.addnext(paragraph(""))
        content = next(twin.iter(f"{W}sdtContent"))
        for child in list(content):
            content.remove(child)
        content.append(paragraph(text))
        return self

    def without_tags(self) -> Sheet:
        """Drop every content control's tag (LibreOffice 7.4 does when it saves)."""
        for tag in list(self.root.iter(f"{W}tag")):
            tag.getparent().remove(tag)
        return self

    def part(self, name: str, data: bytes, content_type: str | None = None) -> Sheet:
        self.parts[name] = data
        if content_type:
            types = etree.fromstring(self.parts["[Content_Types].xml"])
            ns = "http://schemas.openxmlformats.org/package/2006/content-types"
            etree.SubElement(types, f"{{{ns}}}Override", PartName=f"/{name}", ContentType=content_type)
            self.parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
        return self

    def comment(self, author: str, text: str) -> Sheet:
        comments = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}">'
            f'<w:comment w:id="0" w:author="{author}" w:initials="X"><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
            "</w:comment></w:comments>"
        ).encode()
        return self.part(
            "word/comments.xml",
            comments,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
        )

    def numbered_list(self, formats: tuple[str, ...] = ("decimal", "lowerLetter"), start: int = 1) -> str:
        """A new list in numbering.xml, as Word adds one for its numbering button: its numId.

        `formats` are its levels' number formats ("decimal", "bullet" ...), from level 0.
        """
        name = "word/numbering.xml"
        root = etree.fromstring(self.parts[name])
        ids = [int(n.get(f"{W}abstractNumId")) for n in root.iter(f"{W}abstractNum")]
        abstract = el("abstractNum", abstractNumId=str(max(ids, default=0) + 1))
        for level, kind in enumerate(formats):
            lvl = el("lvl", ilvl=str(level))
            lvl.append(el("start", val=str(start)))
            lvl.append(el("numFmt", val=kind))
            lvl.append(el("lvlText", val="•" if kind == "bullet" else f"%{level + 1}."))
            abstract.append(lvl)
        nums = list(root.iter(f"{W}num"))
        number = str(max((int(n.get(f"{W}numId")) for n in nums), default=0) + 1)
        (nums[0].addprevious if nums else root.append)(abstract)
        num = el("num", numId=number)
        num.append(el("abstractNumId", val=abstract.get(f"{W}abstractNumId")))
        root.append(num)
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return number

    def bytes(self) -> bytes:
        self.parts[DOCUMENT] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        return zipped(self.parts)

    def save(self, path) -> None:
        path.write_bytes(self.bytes())


def title(sdt: etree._Element) -> str:
    alias = sdt.find(f"{W}sdtPr/{W}alias")
    return alias.get(f"{W}val") if alias is not None else ""


def zipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
