"""The report as CommonMark: readable as plain text, and every answer shown exactly as typed.

User text is escaped so no answer can become markup: ASCII punctuation that can open inline markup
is backslash-escaped everywhere (``*``, ``_``, `````, ``[``, ``<``, ``&`` ...), and characters that
only start blocks (``-``, ``+``, ``=``, ``1.``) at the start of a line. Leading indentation becomes
no-break spaces, so it is kept without turning a line into a code block. Line breaks inside an
answer become hard breaks (a trailing backslash) and blank lines separate paragraphs.
"""

from __future__ import annotations

import re

from spredning.i18n import t
from spredning.report import common
from spredning.report.common import Outline, PhaseBlock, SideBlock, ToolBlock

_INLINE = re.compile(r"([\\`*_\[\]<>&#~|])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_BLOCK_START = re.compile(r"^([-+=])")
_INDENT = re.compile(r"^[ \t]+")
_NBSP = "\u00a0"


def escape(line: str, line_start: bool = True) -> str:
    """Escape one line of text so a CommonMark reader shows it literally, never as markup.

    With `line_start` False the text follows other text on its line, so block markers such as
    "1." or "-" cannot start a list there and are left alone.
    """
    line = _INLINE.sub(r"\\\1", line)
    if not line_start:
        return line
    line = _ORDERED.sub(r"\1\\\2", line)
    return _BLOCK_START.sub(r"\\\1", line)


def _escape_indented(line: str, line_start: bool = True) -> str:
    indent = _INDENT.match(line)
    if not indent:
        return escape(line, line_start)
    width = len(indent.group().expandtabs(4))
    return _NBSP * width + escape(line[indent.end() :])


def block(text: str, after_text: bool = False) -> list[str]:
    """Markdown lines for a multi-line text: hard breaks within paragraphs, blank lines between.

    `after_text` says the first line will follow a label on its line ("**Dato:** ...").
    """
    lines: list[str] = []
    for paragraph in common.paragraphs(text):
        escaped = [
            _escape_indented(line, not (after_text and not lines and number == 0))
            for number, line in enumerate(paragraph)
        ]
        if lines:
            lines.append("")
        lines += [line + "\\" for line in escaped[:-1]]
        lines.append(escaped[-1])
    return lines


def _quote(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def _heading(level: int, text: str) -> list[str]:
    return ["#" * level + " " + escape(text), ""]


def _front(outline: Outline) -> list[str]:
    lines = _heading(1, outline.title)
    if outline.example:
        lines += [f"> **{t('report.example-label')}:** {escape(t('report.example-note'))}", ""]
    lines += [f"*{escape(t('report.kind'))}*", ""]
    for label, value in outline.facts:
        fact = block(value, after_text=True) or [""]
        lines += [f"**{escape(label)}:** {fact[0]}", *fact[1:], ""]
    lines += _heading(2, t("report.progress"))
    for row in outline.progress:
        counts = " · ".join(
            f"{escape(side)}: {common.progress_text(count)}"
            for side, count in zip(outline.side_titles, row.counts, strict=True)
        )
        lines.append(f"- **{escape(row.label)}**: {counts}")
    return [*lines, ""]


def _side(side: SideBlock) -> list[str]:
    lines = _heading(4, side.title)
    group = None
    for item in side.items:
        if item.group and item.group != group:
            lines += _heading(5, item.group)
        group = item.group
        lines += [f"{'#' * (6 if item.group else 5)} {item.number}. {escape(item.text)}", ""]
        if item.answer is None:
            lines += [f"*{escape(t('report.unanswered'))}*", ""]
        else:
            lines += [*_quote(block(item.answer)), ""]
    return lines


def _tool(tool: ToolBlock) -> list[str]:
    lines = [*_heading(3, tool.title), *block(tool.introduction), ""]
    for side in tool.sides:
        if side.items:
            lines += _side(side)
    return lines


def _phase(phase: PhaseBlock) -> list[str]:
    lines = [*_heading(2, phase.heading), *block(phase.purpose), ""]
    for tool in phase.tools:
        lines += _tool(tool)
    lines += _heading(3, t("report.open-heading"))
    if not phase.open_items:
        return [*lines, escape(t("report.no-open-points")), ""]
    for item in phase.open_items:
        lines.append(f"- {escape(item.side)} · {escape(item.tool)}: {escape(item.question)}")
    return [*lines, ""]


def render(outline: Outline) -> str:
    """Write the whole report as one CommonMark document, ending in a single newline."""
    lines = _front(outline)
    for phase in outline.phases:
        lines += _phase(phase)
    lines += [*_heading(2, t("report.source-heading")), *block(outline.source), ""]
    lines += block(outline.closing)
    return "\n".join(lines).rstrip("\n") + "\n"
