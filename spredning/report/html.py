"""The report as one self-contained HTML page: inline CSS, no scripts, no external resources.

Every text is escaped with ``html.escape`` after ``clean()`` (done in the outline), so an answer
holding ``<script>`` shows the tag as text. Answers keep their line breaks and paragraphs through
``white-space: pre-wrap``, and long words wrap instead of being cut off, on screen and on paper.
"""

from __future__ import annotations

from html import escape

from spredning.i18n import t
from spredning.report import common
from spredning.report.common import Outline, PhaseBlock, SideBlock, ToolBlock

CSS = """
body { font-family: system-ui, "Segoe UI", Helvetica, Arial, sans-serif; line-height: 1.5;
       color: #1a1a1a; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; overflow-wrap: anywhere; }
h2 { border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; margin-top: 2.5rem; }
h4 { color: #1f4e79; }
h5, h6 { font-size: 1rem; margin: 1rem 0 .3rem; }
h5.group { text-transform: uppercase; letter-spacing: .04em; font-size: .85rem; color: #555; }
.kind { color: #555; font-style: italic; }
.example { border: 2px solid #b00020; color: #b00020; padding: .5rem .75rem; font-weight: bold; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0 0 .5rem 0; }
table { border-collapse: collapse; }
th, td { border: 1px solid #aaa; padding: .25rem .6rem; text-align: left; }
.text, dd, td { white-space: pre-wrap; overflow-wrap: anywhere; }
.answer { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 1rem 0;
          border-left: 4px solid #1f4e79; background: #f4f7fa; padding: .4rem .75rem; }
.open { color: #555; font-style: italic; }
@media print {
  body { max-width: none; margin: 0; }
  section.phase { page-break-before: always; break-before: page; }
  .answer, tr { page-break-inside: avoid; break-inside: avoid; }
  h2, h3, h4, h5, h6 { page-break-after: avoid; break-after: avoid; }
  .answer { background: none; }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _tag(name: str, text: str, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<{name}{attribute}>{_e(text)}</{name}>"


def _progress(outline: Outline) -> list[str]:
    head = "".join(f'<th scope="col">{_e(side)}</th>' for side in outline.side_titles)
    rows = [
        f'<tr><th scope="row">{_e(row.label)}</th>'
        + "".join(f"<td>{common.progress_text(count)}</td>" for count in row.counts)
        + "</tr>"
        for row in outline.progress
    ]
    return [
        _tag("h2", t("report.progress")),
        "<table>",
        f'<thead><tr><th scope="col">{t("report.phase-column")}</th>{head}</tr></thead>',
        "<tbody>",
        *rows,
        "</tbody>",
        "</table>",
    ]


def _front(outline: Outline) -> list[str]:
    lines = ['<header class="front">', _tag("h1", outline.title)]
    if outline.example:
        lines.append(f'<p class="example">{t("report.example-label")}: {_e(t("report.example-note"))}</p>')
    lines += [_tag("p", t("report.kind"), "kind"), '<dl class="facts">']
    for label, value in outline.facts:
        lines += [_tag("dt", label), _tag("dd", value)]
    return [*lines, "</dl>", *_progress(outline), "</header>"]


def _side(side: SideBlock) -> list[str]:
    lines = ['<section class="side">', _tag("h4", side.title)]
    group = None
    for item in side.items:
        if item.group and item.group != group:
            lines.append(_tag("h5", item.group, "group"))
        group = item.group
        lines.append(_tag("h6" if item.group else "h5", f"{item.number}. {item.text}"))
        if item.answer is None:
            lines.append(_tag("p", t("report.unanswered"), "open"))
        else:
            lines.append(_tag("div", item.answer, "answer"))
    return [*lines, "</section>"]


def _tool(tool: ToolBlock) -> list[str]:
    lines = ['<section class="tool">', _tag("h3", tool.title), _tag("p", tool.introduction, "text")]
    for side in tool.sides:
        if side.items:
            lines += _side(side)
    return [*lines, "</section>"]


def _phase(phase: PhaseBlock) -> list[str]:
    lines = ['<section class="phase">', _tag("h2", phase.heading), _tag("p", phase.purpose, "text")]
    for tool in phase.tools:
        lines += _tool(tool)
    lines += ['<section class="open-points">', _tag("h3", t("report.open-heading"))]
    if phase.open_items:
        lines.append("<ul>")
        lines += [f"<li>{_e(i.side)} · {_e(i.tool)}: {_e(i.question)}</li>" for i in phase.open_items]
        lines.append("</ul>")
    else:
        lines.append(_tag("p", t("report.no-open-points")))
    return [*lines, "</section>", "</section>"]


def render(outline: Outline) -> str:
    """Write the whole report as one HTML document with inline CSS and Danish language."""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="da">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="author" content="{_e(outline.author)}">',
        f"<title>{_e(outline.title)} – {t('report.kind')}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *_front(outline),
        "<main>",
    ]
    for phase in outline.phases:
        lines += _phase(phase)
    lines += [
        "</main>",
        '<footer class="source">',
        _tag("h2", t("report.source-heading")),
        _tag("p", outline.source, "text"),
        _tag("p", outline.closing, "text"),
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
