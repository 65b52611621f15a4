"""A draft's text read from its lines as they stand, when YAML cannot read its entry (salvage.py).

Each function takes the text as YAML would have read it, as far as it can: a block's lines however
they are indented, a quoted text whose closing quote is missing, a plain text folded over lines.
"""

from __future__ import annotations

from spredning.core import yamlio


def indent(text: str) -> int:
    """How many spaces a line begins with."""
    return len(text) - len(text.lstrip(" "))


def block(body: list[str], indicator: str, head_indent: int) -> str:
    """A literal (or folded) block's text, each line taken as it stands however it is indented."""
    digits = [c for c in indicator if c.isdigit()]
    filled = [line for line in body if line.strip()]
    deeper = [indent(line) for line in filled if indent(line) > head_indent]
    at = head_indent + int(digits[0]) if digits else min(deeper) if deeper else head_indent + 2
    text = "\n".join(line[at:] if indent(line) >= at else line.lstrip(" ") for line in body)
    if "+" in indicator:
        return text + "\n"
    text = text.rstrip("\n")
    return text if "-" in indicator or not text else text + "\n"


def quoted(value: str, body: list[str]) -> str:
    """A quoted text, also one whose closing quote is missing (cut short): its lines folded as YAML does."""
    quote = value[0]
    lines = ["x: " + value, *("  " + line.strip() for line in body)]
    for ending in ("", quote):
        tried = [*lines[:-1], lines[-1] + ending]
        try:
            data = yamlio.loads("\n".join(tried) + "\n")
        except yamlio.YamlProblem:
            continue
        if isinstance(data, dict) and isinstance(data.get("x"), str):
            return str(data["x"])
    inner = folded([value[1:], *(line.strip() for line in body)])
    inner = inner[:-1] if inner.endswith(quote) else inner
    return inner.replace("''", "'") if quote == "'" else inner


def folded(parts: list[str]) -> str:
    """Lines of a plain (or quoted) text joined as YAML folds them: a space, a line break for a blank line."""
    text, pending = "", ""
    for part in parts:
        if not part:
            pending += "\n"
            continue
        text += (pending or (" " if text else "")) + part
        pending = ""
    return text
