"""User text as CommonMark that shows exactly what was typed, escaping only what would be markup.

Plain text stays plain: ``Nord & Co <A/S>``, ``Øst_Kommune`` and ``2 * 3`` need no backslash, and a
URL is written as an autolink, ``<https://…>``, so no backslash lands inside it. A character is
escaped only where CommonMark (or GitHub's tables and strikethrough) would read it as markup:
emphasis that could open or close, a code span, a link, an HTML tag or entity, or a block marker at
the start of a line (a heading, a quote, a numbered list, a rule, an underline). Lines typed as
``- punkt`` or ``* punkt`` become real list items.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_NBSP = "\u00a0"

# CommonMark's raw HTML and autolinks, as the spec defines them (matched where a '<' stands).
_ATTRIBUTE = r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
_HTML = re.compile(
    rf"<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>"
    r"|<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->"
    r"|<\?[\s\S]*?\?>"
    r"|<![A-Za-z][^>]*>"
    r"|<!\[CDATA\[[\s\S]*?\]\]>"
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*>"
    r"|<[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>"
)
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|"
    "dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|"
    "hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|"
    "section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_HTML_BLOCK = re.compile(
    rf"<(?:script|pre|style|textarea)(?:\s|>|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|</?(?:{_BLOCK_TAGS})(?:\s|/?>|$)",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]{1,31}://[^\s<>]+")
_URL_TRAILING = ".,:;!?'\""
# The only characters _escape_char can escape; a line without them (and without a URL) stays as it is.
_MARKUP_CHARS = re.compile(r"[\\`*_\[<&~|]")

# Block markers at the start of a line (after the indentation has become no-break spaces).
_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_BULLET_LIKE = re.compile(r"^[-+*](?=[ \t]|$)")
_RULE = re.compile(r"^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){2,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_FENCE = re.compile(r"^(?:~~~|```)")
_TABLE_DELIMITER = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$")
_LIST_ITEM = re.compile(r"^([ \t]*)([-*])[ \t]+(\S.*)$")


class _Context(NamedTuple):
    """What the whole paragraph holds, since some markup needs a partner somewhere else in it."""

    closing_bracket: bool
    tildes: bool
    pipes: bool


def _context(text: str) -> _Context:
    lines = text.split("\n")
    return _Context(
        closing_bracket="]" in text,
        tildes=text.count("~") >= 2,
        pipes=any("|" in line and _TABLE_DELIMITER.match(line.strip()) for line in lines),
    )


def _urls(line: str) -> list[tuple[int, int]]:
    """Where the URLs in a line are, without trailing punctuation (as GitHub links them)."""
    spans = []
    for match in _URL.finditer(line):
        url = _before_unopened_bracket(match.group())
        while url and (url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))):
            url = url[:-1]
        if "%" not in url and "://" in url and not url.endswith("://"):
            spans.append((match.start(), match.start() + len(url)))
    return spans


def _before_unopened_bracket(url: str) -> str:
    """A URL up to a ']' it did not open: "[se https://a.dk]" and "[link=https://a.dk]tekst" end there."""
    depth = 0
    for at, char in enumerate(url):
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return url[:at]
            depth -= 1
    return url


def _flanked(before: str, after: str) -> bool:
    """True when an emphasis character between these two can neither open nor close emphasis."""
    return before.isspace() and after.isspace()


def _escape_char(char: str, line: str, at: int, paragraph: str, offset: int, ctx: _Context) -> bool:
    before = line[at - 1] if at else " "
    after = line[at + 1] if at + 1 < len(line) else " "
    if char == "\\":
        return after in _ASCII_PUNCT or at + 1 == len(line)
    if char == "`":
        return True
    if char == "*":
        return not _flanked(before, after)
    if char == "_":
        return not (_flanked(before, after) or (before.isalnum() and after.isalnum()))
    if char == "[":  # after ␛ always: a pasted colour code (␛[31m) reads the same everywhere
        return ctx.closing_bracket or before == "\u241b"
    if char == "<":
        return bool(_HTML.match(paragraph, offset + at))
    if char == "&":
        return bool(_ENTITY.match(line, at))
    if char == "~":
        return ctx.tildes
    if char == "|":
        return ctx.pipes
    return False


def _inline(line: str, paragraph: str, offset: int, ctx: _Context) -> str:
    """Escape the inline markup in one line; URLs become autolinks."""
    if "://" not in line and not _MARKUP_CHARS.search(line):
        return line  # most lines of prose: nothing to escape, so no need to look at each character
    out = []
    urls = dict(_urls(line))  # start -> end
    at = 0
    while at < len(line):
        end = urls.get(at)
        if end is not None:
            out.append(f"<{line[at:end]}>")
            at = end
            continue
        char = line[at]
        before_url = char == "\\" and at + 1 in urls  # "\<" would escape it
        escape = before_url or _escape_char(char, line, at, paragraph, offset, ctx)
        out.append("\\" + char if escape else char)
        at += 1
    return "".join(out)


def _line_start(line: str, escaped: str) -> str:
    """Escape a block marker that the line (already escaped inline) would start with."""
    if _ORDERED.match(escaped):
        return _ORDERED.sub(r"\1\\\2", escaped, count=1)
    if _HTML_BLOCK.match(line) and not escaped.startswith("\\"):
        return "\\" + escaped
    if escaped.startswith(("\\", "<")):
        return escaped  # already escaped, or an autolink
    if (
        _HEADING.match(escaped)
        or escaped.startswith(">")
        or _BULLET_LIKE.match(escaped)
        or _RULE.match(escaped)
        or _FENCE.match(escaped)
    ):
        return "\\" + escaped
    return escaped


def _indent(line: str) -> tuple[str, str]:
    """Leading spaces and tabs become no-break spaces: kept visible, never a code block."""
    stripped = line.lstrip(" \t")
    width = len(line[: len(line) - len(stripped)].expandtabs(4))
    return _NBSP * width, stripped


def inline_text(text: str) -> str:
    """Escape a one-line text that follows other text on its line (a label, a table cell)."""
    flat = " ".join(text.split())
    return _inline(flat, flat, 0, _context(flat))


def paragraph_lines(lines: list[str], start_of_line: bool = True) -> list[str]:
    """One paragraph's lines, escaped, with hard line breaks between them."""
    paragraph = "\n".join(lines)
    ctx = _context(paragraph)
    result = []
    offset = 0
    for number, line in enumerate(lines):
        indent, content = _indent(line)
        escaped = _inline(content, paragraph, offset + len(line) - len(content), ctx)
        if not indent and (start_of_line or number):
            escaped = _line_start(content, escaped)
        if indent and number == 0:  # a reader strips a paragraph's leading (no-break) spaces, not this
            indent = "&#160;" + indent[1:]
        result.append(indent + escaped)
        offset += len(line) + 1
    return [line + "\\" for line in result[:-1]] + result[-1:]


class _Block(NamedTuple):
    kind: str  # 'p' or 'li'
    lines: list[str]
    level: int = 0
    marker: str = "-"


def _level(indents: list[int], indent: int) -> int:
    """A list item's depth: that of the item above it indented alike, one deeper under a smaller indent.

    `indents` holds the indentation of each depth open so far (changed here). An item indented by
    less than two more than the one above stays beside it, as a reader sees it.
    """
    while indents and indent < indents[-1]:
        indents.pop()
    if not indents or indent >= indents[-1] + 2:
        indents.append(indent)
    return len(indents) - 1


def _blocks(text: str) -> list[_Block]:
    """Split a text into paragraphs and list items ("- " or "* " lines), in order."""
    blocks: list[_Block] = []
    indents: list[int] = []  # of the list the items above belong to (see _level)
    for raw in text.split("\n"):
        line = raw.rstrip()
        item = _LIST_ITEM.match(line)
        last = blocks[-1] if blocks else None
        if not line.strip():
            blocks.append(_Block("gap", []))
        elif item:
            if last is None or last.kind != "li":
                indents = []
            indent = len(item.group(1).expandtabs(4))
            blocks.append(_Block("li", [item.group(3)], _level(indents, indent), item.group(2)))
        elif last is not None and last.kind == "li" and line[:1] in (" ", "\t"):
            last.lines.append(line.strip())  # an indented line continues the list item above
        elif last is not None and last.kind == "p":
            last.lines.append(line)
        else:
            blocks.append(_Block("p", [line]))
    return [b for b in blocks if b.kind != "gap"]


def block(text: str, after_text: bool = False) -> list[str]:
    """Markdown lines for a multi-line user text: paragraphs, real lists, line breaks kept.

    `after_text` says the first line follows a label on its line ("**Dato:** ..."), where no block
    marker can start; a list there starts on the next line instead.
    """
    lines: list[str] = [""] if after_text else []
    previous: _Block | None = None
    for number, item in enumerate(_blocks(text)):
        if previous is not None and not (previous.kind == item.kind == "li"):
            lines.append("")
        if item.kind == "p":
            lines += paragraph_lines(item.lines, start_of_line=not (after_text and number == 0))
        else:
            pad = "  " * item.level
            content = paragraph_lines(item.lines)
            lines.append(f"{pad}{item.marker} {content[0]}")
            lines += [f"{pad}  {line}" for line in content[1:]]
        previous = item
    if after_text and len(lines) > 1 and lines[1] and not lines[1].startswith(("- ", "* ")):
        lines.pop(0)  # the first paragraph goes on the label's line
    return lines
