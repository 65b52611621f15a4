"""How the prompts look: their style, and their text laid out to the terminal's width.

prompt_toolkit breaks a long line anywhere, inside a word, and cuts the lines above a field at the
edge; so questions, help, key hints and answers echoed are broken between words here. A control
character in a field is shown as its picture (␁, ␛), and why a text was refused is said under it.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Sequence
from typing import Any

from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.shortcuts import print_formatted_text
from questionary import Style
from questionary.styles import merge_styles_default

from spredning.core.textsafe import clean

STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("instruction", "fg:ansibrightblack"),
        ("answer", ""),
        ("notice", "fg:ansiyellow"),
        ("refused", "fg:ansiyellow"),
    ]
)


def echo_lines(message: str, answer: str, width: int) -> tuple[str, str]:
    """The question as question_lines laid it out, and its answer after it, to echo once answered.

    The answer follows the question on its last line when it is one line that fits there whole,
    else it starts a line of its own, indented as the question's later lines, broken between
    words. An answer of several lines (pasted) keeps its line breaks, as it is saved; a blank line
    in it stays blank. The help is left out: it was for choosing or typing.
    """
    limit = max(20, width - 2)  # '? ' or an indent of two before every line (printed: no cursor after it)
    text = message.rstrip()  # a help on a line of its own left a line break at the end
    last = text.rsplit("\n", 1)[-1].strip()
    if not answer or ("\n" not in answer and len(last) + 1 + len(answer) <= limit):
        return text, f" {answer}" if answer else ""
    lines = [
        wrapped
        for line in answer.split("\n")
        for wrapped in textwrap.wrap(line, limit, break_long_words=False, break_on_hyphens=False) or [""]
    ]
    return text, "".join(f"\n  {line}" if line else "\n" for line in lines)


_PICTURED = re.compile("[\x00-\x09\x0b-\x1f\x7f]")  # what prompt_toolkit would show as ^A, ^I, ^[ ...


class ControlPictures(Processor):
    """A control character in a field shown as its picture (␁, ␛), as everywhere else, not as ^A.

    One character for one, so the cursor's place needs no mapping; the text itself is unchanged.
    """

    def apply_transformation(self, transformation_input: TransformationInput) -> Transformation:
        fragments = [
            (style, _PICTURED.sub(_picture, text), *rest) if _PICTURED.search(text) else (style, text, *rest)
            for style, text, *rest in transformation_input.fragments
        ]
        return Transformation(fragments)  # type: ignore[arg-type]


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def _say_refused(problem: str, output) -> None:
    """Why a text was refused, on the lines right under it, broken between words.

    Not prompt_toolkit's validation line: in a terminal that reports where the cursor is, the
    prompt fills the screen down to its last row, and the line went there, far from the text.
    """
    from rich.text import Text

    from spredning.cli.render_text import commands_whole
    from spredning.i18n import bare_program

    # a command in it stays one line, copied whole ('… add it with 'spredning … --ny'' was broken)
    width = max(22, output.get_size().columns)
    text = commands_whole(Text("  " + clean(problem)), width, bare_program(), fold=True).plain
    print_formatted_text(
        FormattedText([("class:refused", text)]), style=merge_styles_default([STYLE]), output=output
    )


def _width(io: dict[str, Any]) -> int:
    """The columns a prompt has: its output's (a test's, or the terminal's)."""
    output = io.get("output")
    return output.get_size().columns if output is not None else shutil.get_terminal_size().columns


def question_lines(
    message: str, instruction: str | None, width: int, room: int, spaced: bool, cut: bool = False
) -> tuple[str, str]:
    """A prompt's question and its help broken between words to the terminal's width.

    prompt_toolkit breaks a long line anywhere, inside a word; so the question is broken here,
    its later lines indented under its first. The help follows the question on its last line when
    it fits there with `room` columns left for typing, else it starts a line of its own. `spaced`:
    the prompt puts a space before the help (questionary's text prompt does, its menu does not).
    `cut`: the prompt cuts a line at the edge (a menu's question does): a word longer than a line
    (a file's path) is broken there, so none of it is hidden; else it is left whole to be folded.
    Every line leaves the last column free: the cursor waits after the last line (a list's help),
    and after a line as wide as the terminal it went on to the next, a blank line under the help.
    """
    limit = max(20, width - 3)  # '? ' before the question, two spaces before its later lines; the cursor
    lines: list[str] = []
    for paragraph in message.split("\n"):
        lines += textwrap.wrap(paragraph, limit, break_long_words=cut, break_on_hyphens=False) or [""]
    help_lines = _help_lines(instruction or "", limit)
    text = "\n  ".join(lines)
    if help_lines and len(lines[-1]) + 2 + len(instruction or "") + room > limit:
        text += "\n" if spaced else "\n "  # the help on a line of its own, indented as the question
        instruction = "\n  ".join(help_lines)
    return text, instruction or ""


def _help_lines(instruction: str, limit: int) -> list[str]:
    """A help broken between its parts ('…; Esc eller Ctrl+C stopper)') where it can, else between words.

    'Esc' at the end of one line and 'eller Ctrl+C stopper)' on the next read as two keys apart.
    """
    lines: list[str] = []
    for part in _HELP_PARTS.split(instruction):
        if lines and len(lines[-1]) + 1 + len(part) <= limit:
            lines[-1] += " " + part
        else:
            lines += textwrap.wrap(part, limit, break_long_words=False, break_on_hyphens=False)
    return lines


_HELP_PARTS = re.compile(r"(?<=;) |(?<= ·) ")  # after '; ' and ' · ', the marks staying at the line's end


def hint_lines(parts: Sequence[str], width: int) -> str:
    """Key hints joined with ' · ' in indented lines that fit the terminal, breaking only between words."""
    limit = max(20, width - 4)
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= limit:
            lines[-1] += " · " + part
        else:
            lines.extend(textwrap.wrap(part, limit, break_long_words=False, break_on_hyphens=False))
    return "\n".join("  " + line for line in lines)


def styled_lines(parts: Sequence[tuple[str, str]], width: int) -> StyleAndTextTuples:
    """Styled words in lines that fit the terminal, broken only between words.

    For the lines above a field: prompt_toolkit cuts them at the edge instead of wrapping them.
    """
    limit = max(20, width - 2)
    lines: list[StyleAndTextTuples] = [[]]
    used = 0
    for style, text in parts:
        for word in text.split():
            if used and used + 1 + len(word) > limit:
                lines.append([])
                used = 0
            if used:
                lines[-1].append((style, " "))
                used += 1
            lines[-1].append((style, word))
            used += len(word)
    result: StyleAndTextTuples = []
    for number, line in enumerate(lines):
        result += [("", "\n")] if number else []
        result += line
    return result
