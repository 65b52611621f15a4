"""Rich renderables from model objects: the guide, phases and tools.

Every piece of text from the guide or from a user goes through ``_t`` (rich Text, cleaned of control
characters), never through rich's markup parser, so ``[bold]`` or ``:warning:`` in an answer shows as
typed. Consoles are made by ``make_console`` and passed in; there is no module-level console.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from spredning.core.model import ROLE_TITLES, Guide, Phase, Question, Tool
from spredning.core.textsafe import clean


def make_console(stderr: bool = False) -> Console:
    """Make a console that never interprets markup, emoji codes or highlights in plain strings."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def _t(text: str, style: str = "") -> Text:
    """Wrap guide or user text as plain rich Text, with control characters made visible."""
    return Text(clean(text), style=style)


def line(*parts, style: str = "") -> Text:
    """A line of output built from plain strings or (string, style) pairs, all cleaned.

    For command messages that mix fixed words with a project name, a path or other user text.
    """
    pieces = [(clean(p), "") if isinstance(p, str) else (clean(p[0]), p[1]) for p in parts]
    return Text.assemble(*pieces, style=style)


def indented(renderable: RenderableType, indent: int) -> RenderableType:
    """Indent a renderable without padding lines out to the terminal width."""
    return Padding(renderable, (0, 0, 0, indent), expand=False)


def hanging(prefix: str, text: str, indent: int, style: str = "") -> RenderableType:
    """A line with a prefix such as '3.' or '•' whose wrapped lines align under the text."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(prefix, style="bold" if prefix != "•" else "dim"), _t(text, style))
    return indented(grid, indent)


def bullets(items, indent: int = 2, style: str = "") -> RenderableType:
    """A list of texts as bullet lines, wrapped with a hanging indent (one grid for all rows)."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(Text("•", style="dim"), _t(item, style))
    return indented(grid, indent)


def phase_heading(phase: Phase) -> RenderableType:
    """The rule that opens a phase: its number and name."""
    return Rule(Text(f"Fase {phase.number}: {clean(phase.name)}", style="bold"), align="left")


def phase_overview(phase: Phase, roles: tuple[str, ...]) -> RenderableType:
    """The phase's purpose and each chosen side's goals (the guide's "faseoverblik")."""
    parts: list[RenderableType] = [phase_heading(phase), _t(phase.purpose, "italic"), Text()]
    for role in roles:
        parts.append(Text(f"{ROLE_TITLES[role]} – mål:", style="bold"))
        parts.append(bullets(phase.goals.get(role, ())))
    return Group(*parts)


def question_block(number: int, question: Question, indent: int = 4, total: int | None = None,
                   show_id: bool = False) -> RenderableType:
    """One question with its group heading (if any) and its hint bullets."""
    parts: list[RenderableType] = []
    if question.group:
        parts.append(indented(_t(question.group + ":", "bold underline"), indent))
    prefix = f"[{number}/{total}]" if total else f"{number}."
    parts.append(hanging(prefix, question.text, indent, "bold"))
    if show_id:
        parts.append(indented(Text(f"id: {question.id}", style="dim"), indent + len(prefix) + 1))
    if question.hints:
        parts.append(bullets(question.hints, indent + len(prefix) + 1, "dim"))
    return Group(*parts)


def tool_intro(tool: Tool) -> RenderableType:
    """A tool's title and introduction."""
    return Group(Text.assemble(("Værktøj: ", "bold cyan"), _t(tool.title, "bold cyan")),
                 _t(tool.introduction))


def side_guidance(tool: Tool, role: str, indent: int = 2) -> RenderableType:
    """One side's heading and guidance lines for a tool."""
    side = tool.side(role)
    parts: list[RenderableType] = [indented(Text(ROLE_TITLES[role], style="bold magenta"),
                                            indent)]
    if side and side.guidance:
        parts.append(bullets(side.guidance, indent + 2, "italic"))
    return Group(*parts)


def tool_view(tool: Tool, roles: tuple[str, ...], show_ids: bool = False) -> RenderableType:
    """A whole tool for the guide view: intro, then each side's guidance and questions."""
    parts: list[RenderableType] = [Text(), tool_intro(tool)]
    for role in roles:
        parts.append(Text())
        parts.append(side_guidance(tool, role))
        questions = tool.questions(role)
        if not questions:
            parts.append(indented(Text("Ingen spørgsmål for denne side.", style="dim"), 4))
        for number, question in enumerate(questions, start=1):
            parts.append(question_block(number, question, show_id=show_ids))
    return Group(*parts)


def guide_intro(guide: Guide) -> RenderableType:
    """The guide's title, edition and introduction."""
    title = f"{clean(guide.title)} ({clean(guide.publisher)}, {clean(guide.edition)})"
    parts: list[RenderableType] = [Rule(Text(title, style="bold"), align="left")]
    for paragraph in guide.introduction:
        parts.extend([_t(paragraph), Text()])
    return Group(*parts)


def phase_view(phase: Phase, roles: tuple[str, ...], show_ids: bool = False) -> RenderableType:
    """A phase for the guide view: overview, then every tool."""
    return Group(phase_overview(phase, roles),
                 *(tool_view(t, roles, show_ids) for t in phase.tools), Text())


def guide_closing(guide: Guide) -> RenderableType:
    """The guide's closing line."""
    return Group(Rule(style="dim"), _t(guide.closing, "bold"))
