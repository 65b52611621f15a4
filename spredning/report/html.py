"""The report as one self-contained HTML page: inline CSS, no scripts, no external resources.

The markup is well-formed XML as well as HTML (every element closed, only XML's own entities), so
any strict parser reads it. Every text is escaped; answers keep their line breaks and paragraphs
through ``white-space: pre-wrap`` and long words wrap instead of being cut off. In print the page
is A4 with the project in the header and "Side X af Y" in the footer; each phase starts a page,
headings stay with what follows, and long answers may run on to the next page.
"""

from __future__ import annotations

import re
from html import escape

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

FONT = '"Segoe UI", Calibri, Helvetica, Arial, sans-serif'
CSS = """
:root { --accent: #1f4e79; --quiet: #5a5a5a; --warn: #9c2a00; }
body { font-family: "Segoe UI", Calibri, Helvetica, Arial, sans-serif; line-height: 1.45; color: #1a1a1a;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; font-size: 11pt; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; overflow-wrap: anywhere; color: var(--accent); }
h1 { font-size: 1.9rem; margin-bottom: .2rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.2rem; margin-top: 1.8rem; }
h4 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; padding: .3rem .5rem; background: #dde7f2; color: #10304f; }
p, li, dd, td, th { overflow-wrap: anywhere; }
.lead { font-size: 1.15rem; color: var(--quiet); margin-top: 0; }
.quiet { color: var(--quiet); font-size: .92em; }
.note { font-style: italic; color: var(--quiet); }
.warning { border-left: 4px solid var(--warn); padding: .3rem .7rem; color: var(--warn); font-weight: 600; }
.text { white-space: pre-wrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; white-space: pre-wrap; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #9aa9b8; padding: .3rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #dde7f2; }
tbody th { font-weight: normal; }
.columns.goals { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.columns.goals h4 { background: none; padding: 0; }
.group { text-transform: uppercase; letter-spacing: .04em; font-size: .85rem; color: var(--quiet);
         margin: 1.2rem 0 .2rem; }
.question { margin: 1rem 0 1.2rem; }
.question h5 { font-size: 1rem; margin: 0 0 .2rem; color: #1a1a1a; }
ul.hints { margin: .1rem 0 .4rem; }
.answer { border-left: 4px solid var(--accent); background: #f3f6f9; padding: .4rem .8rem; margin: .3rem 0; }
.answer .text { margin: 0; }
.answer .label { font-weight: bold; margin: .4rem 0 .1rem; }
.answer.not-relevant { border-left-color: #8a8a8a; background: #f4f4f4; }
.answer.conflict { border-left-color: var(--warn); background: #fff4ee; }
.answer.conflict .state { color: var(--warn); font-weight: bold; margin: 0 0 .3rem; }
.answer.conflict .version { border-left: 2px solid #d9a58a; padding-left: .6rem; margin: .2rem 0 .6rem; }
.open { color: var(--quiet); font-style: italic; }
nav.contents ol { list-style: none; padding-left: 0; }
nav.contents ol ol { padding-left: 1.4rem; }
nav.contents a { color: var(--accent); text-decoration: none; }
hr.page-break { border: 0; border-top: 1px solid #ccd; margin: 2.5rem 0; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  hr.page-break { break-after: page; border: 0; margin: 0; }
  h1, h2, h3, h4, h5, .group, .label, .state, ul.hints { break-after: avoid; }
  .question h5, ul.hints { break-inside: avoid; }
  tr, .version .label { break-inside: avoid; }
  .answer { background: none; }
  .text { orphans: 3; widows: 3; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _css_string(text: str) -> str:
    """A CSS string that no text can break out of (not even with '</style>')."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _page_rules(document: Document) -> str:
    parts = re.split(r"(\{page\}|\{pages\})", document.page_label)
    counter = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    content = " ".join(counter.get(part) or _css_string(part) for part in parts if part)
    header = _css_string(document.header)
    return (
        "@page { size: A4; margin: 25mm 20mm 22mm 20mm;\n"
        f"  @top-center {{ content: {header}; font: 8.5pt {FONT}; color: #5a5a5a; }}\n"
        f"  @bottom-right {{ content: {content}; font: 8.5pt {FONT}; color: #5a5a5a; }} }}\n"
    )


def _tag(name: str, text: str, css_class: str = "", attributes: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<{name}{attribute}{attributes}>{_e(text)}</{name}>"


def _text(text: str, css_class: str = "text") -> str:
    return _tag("div", text, css_class)


def _paragraph(item: Paragraph) -> list[str]:
    return [_tag("p", item.text, f"text {item.style}")]


def _bullets(item: Bullets) -> list[str]:
    return [f'<ul class="{item.style}">', *(_tag("li", i) for i in item.items), "</ul>"]


def _facts(item: Facts) -> list[str]:
    rows = [f"{_tag('dt', label)}{_tag('dd', value)}" for label, value in item.rows]
    return ['<dl class="facts">', *rows, "</dl>"]


def _table(item: Table) -> list[str]:
    head = "".join(_tag("th", h, attributes=' scope="col"') for h in item.header)
    rows = [
        "<tr>"
        + _tag("th", row[0], attributes=' scope="row"')
        + "".join(_tag("td", c) for c in row[1:])
        + "</tr>"
        for row in item.rows
    ]
    return ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]


def _answer(answer: AnswerBox) -> list[str]:
    if answer.kind == "open":
        lines = [_tag("p", answer.heading, "open")]
    elif answer.kind == "answer":
        lines = ['<div class="answer">', _text(answer.parts[0].text), "</div>"]
    else:
        lines = [f'<div class="answer {answer.kind}">', _tag("p", answer.heading, "state")]
        for part in answer.parts:
            inner = [_tag("p", part.label, "label")] if part.label else []
            inner.append(_text(part.text))
            lines += ['<div class="version">', *inner, "</div>"] if answer.kind == "conflict" else inner
        lines.append("</div>")
    return lines + [_tag("p", note, "note") for note in answer.notes]


def _question(item: QuestionItem) -> list[str]:
    lines = ['<div class="question">', _tag("h5", item.text)]
    if item.hints:
        lines += ['<ul class="hints quiet">', *(_tag("li", h) for h in item.hints), "</ul>"]
    return [*lines, *_answer(item.answer), "</div>"]


def _columns(item: Columns) -> list[str]:
    lines = [f'<div class="columns {item.kind}">']
    for column in item.columns:
        lines += ['<section class="column">', _tag("h4", column.title)]
        for block in column.blocks:
            lines += _block(block)
        lines.append("</section>")
    return [*lines, "</div>"]


def _heading(item: Heading) -> list[str]:
    anchor = f' id="{_e(item.anchor)}"' if item.anchor else ""
    return [_tag(f"h{item.level + 1}", item.text, attributes=anchor)]


def _block(item: Block) -> list[str]:
    if isinstance(item, Heading):
        return _heading(item)
    if isinstance(item, Paragraph):
        return _paragraph(item)
    if isinstance(item, Bullets):
        return _bullets(item)
    if isinstance(item, Facts):
        return _facts(item)
    if isinstance(item, Table):
        return _table(item)
    if isinstance(item, QuestionItem):
        return _question(item)
    if isinstance(item, Columns):
        return _columns(item)
    if isinstance(item, Group):
        return [_tag("p", item.text, "group")]
    if isinstance(item, PageBreak):
        return ['<hr class="page-break"/>']
    return []


def _contents(document: Document, title: str) -> list[str]:
    """The table of contents: level 1 headings, each with its level 2 headings under it."""
    entries: list[tuple[Heading, list[Heading]]] = []
    for item in document.blocks:
        if isinstance(item, Heading) and item.contents and item.anchor:
            if item.level == 1 or not entries:
                entries.append((item, []))
            elif item.level == 2:
                entries[-1][1].append(item)
    lines = ['<nav class="contents">', _tag("h2", title), "<ol>"]
    for top, subs in entries:
        lines.append(f"<li>{_link(top)}")
        if subs:
            lines += ["<ol>", *(f"<li>{_link(sub)}</li>" for sub in subs), "</ol>"]
        lines.append("</li>")
    return [*lines, "</ol>", "</nav>"]


def _link(item: Heading) -> str:
    return f'<a href="#{_e(item.anchor)}">{_e(item.text)}</a>'


def render(document: Document) -> str:
    """Write the whole report as one HTML document."""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(document.language[:2])}">',
        "<head>",
        '<meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f'<meta name="author" content="{_e(document.author)}"/>',
        '<meta name="generator" content="spredning"/>',
        f'<meta name="dcterms.created" content="{document.day.isoformat()}"/>',
        f"<title>{_e(document.title)} – {_e(document.subtitle)}</title>",
        f"<style>{CSS}{_page_rules(document)}</style>",
        "</head>",
        "<body>",
        "<header>",
        _tag("h1", document.title),
    ]
    body: list[str] = []
    in_header = True
    for item in document.blocks:
        if isinstance(item, Contents):
            body += _contents(document, item.title)
            continue
        if in_header and isinstance(item, PageBreak):
            body += ["</header>", *_block(item), "<main>"]
            in_header = False
            continue
        body += _block(item)
    if in_header:
        body += ["</header>", "<main>"]
    return "\n".join([*lines, *body, "</main>", "</body>", "</html>"]) + "\n"
