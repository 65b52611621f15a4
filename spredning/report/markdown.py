"""The report as CommonMark (with GitHub's tables): readable as plain text, every answer as typed.

Answers are block quotes, so they stand out from the guide's help, which is in italics. User text
goes through mdtext.py, which escapes only what would otherwise become markup.
"""

from __future__ import annotations

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
from spredning.report.mdtext import block, inline_text, paragraph_lines

_SIDE_HEADING = 4  # a side's title under a tool (level 3 in the document's terms is the tool)


def _quote(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def _styled(text: str, style: str) -> list[str]:
    """A paragraph of guide or program text; quiet help and notes in italics, warnings in a quote."""
    lines = block(text)
    if (
        style in ("quiet", "note", "lead")
        and lines
        and all(line and not line.startswith(" ") for line in lines)
    ):
        lines = _italic(lines)
    if style == "warning":
        lines = _quote(lines)
    return lines


def _italic(lines: list[str]) -> list[str]:
    """Italics around each line when that cannot change what the line says; else left as it is."""
    result = []
    for line in lines:
        body, hard = (line[:-1], "\\") if line.endswith("\\") and not line.endswith("\\\\") else (line, "")
        safe = body and body[0] not in "*_-+>#|" and body[-1] not in "*_\\ " and not body[0].isdigit()
        result.append(f"*{body}*{hard}" if safe else line)
    return result


def _bullets(items: tuple[str, ...], style: str) -> list[str]:
    lines = []
    for item in items:
        text = inline_text(item)
        if style == "quiet" and text and text[0] not in "*_" and text[-1] not in "*_\\":
            text = f"*{text}*"
        lines.append(f"- {text}")
    return lines


def _facts(facts: Facts) -> list[str]:
    lines: list[str] = []
    for label, value in facts.rows:
        parts = block(value, after_text=True) or [""]
        first = parts[0]
        lines += [f"**{inline_text(label)}:** {first}".rstrip(), *parts[1:], ""]
    return lines


def _cell(text: str) -> str:
    return inline_text(text).replace("|", "\\|")


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in table.header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in table.header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return lines


def _answer(answer: AnswerBox) -> list[str]:
    if answer.kind == "open":
        lines = [f"*{inline_text(answer.heading)}*"]
    elif answer.kind == "answer":
        lines = _quote(block(answer.parts[0].text) or [""])
    else:
        inner = [f"**{inline_text(answer.heading)}**"]
        for part in answer.parts:
            inner += ["", f"*{inline_text(part.label)}*"] if part.label else []
            inner += ["", *_quote(block(part.text) or [""])]  # the user's text in a quote of its own
        lines = _quote(inner)
    for note in answer.notes:
        lines += ["", *_styled(note, "note")]
    return lines


def _question(item: QuestionItem) -> list[str]:
    lines = [f"**{inline_text(item.text)}**", ""]
    if item.hints:
        lines += [*_bullets(item.hints, "quiet"), ""]
    return [*lines, *_answer(item.answer)]


def _heading(level: int, text: str) -> list[str]:
    return ["#" * level + " " + inline_text(text)]


def _columns(columns: Columns, level: int) -> list[str]:
    lines: list[str] = []
    for column in columns.columns:
        if lines:
            lines.append("")
        if columns.kind == "goals":
            lines.append(f"**{inline_text(column.title)}**")
        else:
            lines += _heading(min(level + 1, 6), column.title)
        for item in column.blocks:
            lines += ["", *_block(item, level + 1)]
    return lines


def _block(item: Block, level: int) -> list[str]:
    if isinstance(item, Heading):
        return _heading(item.level + 1, item.text)
    if isinstance(item, Paragraph):
        return _styled(item.text, item.style)
    if isinstance(item, Bullets):
        return _bullets(item.items, item.style)
    if isinstance(item, Facts):
        return _facts(item)[:-1]
    if isinstance(item, Table):
        return _table(item)
    if isinstance(item, QuestionItem):
        return _question(item)
    if isinstance(item, Columns):
        return _columns(item, level)
    if isinstance(item, Group):
        return [f"**{inline_text(item.text.upper())}**"]
    return []  # Contents and PageBreak: a Markdown file is one long page


def render(document: Document) -> str:
    """Write the whole report as one Markdown document, ending in a single newline."""
    lines = [*_heading(1, document.title), ""]
    level = 2
    for item in document.blocks:
        if isinstance(item, Contents | PageBreak):
            continue
        if isinstance(item, Heading):
            level = item.level + 1
        rendered = _block(item, level)
        if rendered:
            lines += [*rendered, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


__all__ = ["paragraph_lines", "render"]
