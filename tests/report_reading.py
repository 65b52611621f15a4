"""Reading reports back as a person's tools would: the answers a file shows, per format."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import NamedTuple

NBSP = "\u00a0"


# -- Markdown ---------------------------------------------------------------------------------------


def markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def _inline(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("html_inline",):
            raise AssertionError(f"raw HTML in a report: {child.content!r}")
    return "".join(parts).replace(NBSP, " ")


def markdown_quotes(text: str) -> list[list[tuple[str, str]]]:
    """Each block quote's own paragraphs and list items, as (kind, text), in document order."""
    tokens = markdown_parser().parse(text)
    assert not [t for t in tokens if t.type == "html_block"], "raw HTML block in a report"
    quotes: list[list[tuple[str, str]]] = []
    stack: list[int] = []
    in_item = 0
    for token in tokens:
        if token.type == "blockquote_open":
            quotes.append([])
            stack.append(len(quotes) - 1)
        elif token.type == "blockquote_close":
            stack.pop()
        elif token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "inline" and stack:
            quotes[stack[-1]].append(("li" if in_item else "p", _inline(token)))
    return quotes


_ITEM = re.compile(r"^([ \t]*)([-*])[ \t]+(\S.*)$")


def expected_markdown(text: str) -> list[tuple[str, str]]:
    """What a CommonMark reader should show for an answer: its paragraphs and "- "/"* " items."""
    blocks: list[list] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        item = _ITEM.match(line)
        last = blocks[-1] if blocks else None
        if not line.strip():
            blocks.append(["gap", []])
        elif item:
            blocks.append(["li", [item.group(3)]])
        elif last and last[0] == "li" and line[:1] in (" ", "\t"):
            last[1].append(line.strip())
        elif last and last[0] == "p":
            last[1].append(line)
        else:
            blocks.append(["p", [line]])
    result = []
    for kind, lines in blocks:
        if kind != "gap":
            shown = [_indented(line) for line in lines]
            result.append((kind, "\n".join(shown)))
    return result


def _indented(line: str) -> str:
    """Leading spaces and tabs show as spaces (tabs at stops of four); the rest as typed."""
    rest = line.lstrip(" \t")
    return " " * len(line[: len(line) - len(rest)].expandtabs(4)) + rest


# -- HTML -------------------------------------------------------------------------------------------


def html_tree(raw: bytes) -> ET.Element:
    """Parse a report strictly (as XML: every element closed, no stray entity)."""
    return ET.fromstring(raw.decode("utf-8").replace("<!DOCTYPE html>", "", 1))


def html_texts(root: ET.Element) -> list[str]:
    """Every user text the page shows in an answer box (answers, reasons, versions)."""
    return ["".join(div.itertext()) for div in html_answer_texts(root)]


def html_answer_texts(root: ET.Element) -> list[ET.Element]:
    """The elements holding the texts of answer boxes."""
    return [
        div
        for div in root.iter("div")
        if "text" in (div.get("class") or "").split() and _inside_answer(root, div)
    ]


def _inside_answer(root: ET.Element, target: ET.Element) -> bool:
    parents = {child: parent for parent in root.iter() for child in parent}
    node = parents.get(target)
    while node is not None:
        if "answer" in (node.get("class") or "").split():
            return True
        node = parents.get(node)
    return False


# -- HTML's style sheet: which rules apply to an element when the page is printed -------------------


class CssRule(NamedTuple):
    selector: str  # one selector of a comma-separated list
    media: str  # "" for every medium, else the @media's condition ("print")
    declarations: dict[str, str]


def css_rules(style: str, media: str = "") -> list[CssRule]:
    """The rules of a style sheet, each selector on its own; @media blocks read, @page left out.

    Enough for the report's own CSS (no braces inside strings or comments), not a general parser.
    """
    rules = []
    position = 0
    while (opening := style.find("{", position)) != -1:
        prelude, depth, end = style[position:opening].strip(), 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(style[end], 0)
            end += 1
        body = style[opening + 1 : end - 1]
        if prelude.startswith("@media"):
            rules += css_rules(body, prelude.removeprefix("@media").strip())
        elif not prelude.startswith("@"):
            declarations = dict(
                (name.strip(), value.strip())
                for name, _, value in (d.partition(":") for d in body.split(";") if d.strip())
            )
            rules += [CssRule(s.strip(), media, declarations) for s in prelude.split(",")]
        position = end
    return rules


COMPOUND = re.compile(r"([a-z0-9*]*)((?:\.[\w-]+)*)")


def _compound_matches(compound: str, element: ET.Element) -> bool:
    if compound == ":root":
        return element.tag == "html"
    found = COMPOUND.fullmatch(compound)
    assert found, f"a selector this reader does not know: {compound!r}"
    tag, classes = found.group(1), set(found.group(2).split(".")[1:])
    return tag in ("", "*", element.tag) and classes <= set((element.get("class") or "").split())


def selects(selector: str, element: ET.Element, parents: dict[ET.Element, ET.Element]) -> bool:
    """Whether a selector of type, class and descendant parts selects the element."""
    *ancestors, subject = selector.split()
    if not _compound_matches(subject, element):
        return False
    node = parents.get(element)
    for compound in reversed(ancestors):
        while node is not None and not _compound_matches(compound, node):
            node = parents.get(node)
        if node is None:
            return False
        node = parents.get(node)
    return True


def printed_values(rules: list[CssRule], element: ET.Element, parents, *properties: str) -> set[str]:
    """Every value the rules for print (and for every medium) give one of the properties on an element."""
    return {
        rule.declarations[name]
        for rule in rules
        if rule.media in ("", "print") and selects(rule.selector, element, parents)
        for name in properties
        if name in rule.declarations
    }


# -- Word -------------------------------------------------------------------------------------------

ANSWER_STYLES = ("Svar", "Svar, uafklaret")


def docx_paragraphs(document) -> list[tuple[str, str]]:
    """Every paragraph (body and table cells) in document order, as (style name, text)."""
    from docx.text.paragraph import Paragraph

    body = document.element.body
    return [
        (Paragraph(p, document).style.name, Paragraph(p, document).text)
        for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
    ]


def docx_answers(document) -> list[str]:
    """Each run of answer-styled paragraphs, joined as the text was typed (blank line between)."""
    answers: list[str] = []
    current: list[str] = []
    for style, text in [*docx_paragraphs(document), ("", "")]:
        if style in ANSWER_STYLES:
            current.append(text)
        elif current:
            answers.append("\n\n".join(current))
            current = []
    return answers


def open_docx(raw: bytes):
    import docx

    return docx.Document(io.BytesIO(raw))


# -- PDF --------------------------------------------------------------------------------------------


def pdf_reader(raw: bytes):
    import pypdf

    return pypdf.PdfReader(io.BytesIO(raw))


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (a PDF's lines wrap where the page ends)."""
    return " ".join(text.split())


def pdf_text(reader, header: str = "") -> str:
    """The text of every page; with `header`, without the running header and footer.

    An answer that runs on to the next page is then one text again, as a reader reads it.
    """
    pages = []
    for page in reader.pages:
        text = flat(page.extract_text())
        if header:
            assert text.startswith(flat(header)), text[:80]
            text = re.sub(r" ?Side \d+ af \d+$", "", text[len(flat(header)) :]).strip()
        pages.append(text)
    return " ".join(pages)
