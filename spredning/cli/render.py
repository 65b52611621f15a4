"""Rich renderables for the guide: phases, tools, questions and their help.

Every piece of text from the guide or from a user goes through ``plain`` (rich Text, cleaned of
control characters), never through rich's markup parser, so ``[bold]`` or ``:warning:`` shows as
typed; every fixed word comes from the catalogue. Consoles are made by console.make_console and
passed in; there is no module-level console.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from spredning.cli.render_text import Hanging, Plain, spaced
from spredning.core.model import Guide, Phase, Question, Tool
from spredning.core.textsafe import clean
from spredning.i18n import t


def plain(text: str, style: str = "") -> Text:
    """Guide or user text as plain rich Text, with control characters made visible and tabs widened."""
    return Text(spaced(clean(text)), style=style)


def paragraph(text: str, style: str = "") -> RenderableType:
    """A paragraph of guide text, wrapped to the width (drawn as plain() would be, only faster)."""
    return Plain(clean(text), style)


def role_title(role: str) -> str:
    """The side's title ("Vi vil dele", "Vi vil genbruge") in the current language."""
    return t(f"role.{role}")


def indented(renderable: RenderableType, indent: int) -> RenderableType:
    """Indent a renderable without padding lines out to the terminal width."""
    return Padding(renderable, (0, 0, 0, indent), expand=False)


def hanging(prefix: str, text: str, indent: int, style: str = "") -> RenderableType:
    """A line with a prefix such as '3.' or '•' whose wrapped lines align under the text."""
    return Hanging([(prefix, "bold" if prefix != "•" else "dim", clean(text))], indent, style)


def bullets(items, indent: int = 2, style: str = "") -> RenderableType:
    """A list of texts as bullet lines, wrapped with a hanging indent (one grid for all rows)."""
    return Hanging(
        [("•", "dim", item if isinstance(item, Text) else clean(item)) for item in items], indent, style
    )


class Heading:
    """A rule with its title at the left; a title too long for the line stands whole above the rule.

    (rich's Rule cut it with '…': at 60 columns the guide's title lost its edition.)
    """

    def __init__(self, title: Text):
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title.cell_len + 2 <= options.max_width:  # the title, a space and the rule
            yield Rule(self.title, align="left")
        else:
            yield self.title
            yield Rule()


def phase_heading(phase: Phase) -> RenderableType:
    """The rule that opens a phase: its number and name."""
    return Heading(Text(t("guide.phase-heading", number=phase.number, name=clean(phase.name)), style="bold"))


def phase_overview(phase: Phase, roles: tuple[str, ...]) -> RenderableType:
    """The phase's purpose and each chosen side's goals (the guide's "faseoverblik")."""
    parts: list[RenderableType] = [phase_heading(phase), paragraph(phase.purpose, "italic"), Text()]
    for role in roles:
        parts.append(Text(t("guide.goals", side=role_title(role)), style="bold"))
        parts.append(bullets(phase.goals.get(role, ())))
    return Group(*parts)


def question_block(
    number: int,
    question: Question,
    indent: int = 4,
    total: int | None = None,
    show_id: bool = False,
    group: bool = True,
) -> RenderableType:
    """One question with its group heading (if any, and `group`) and its hint bullets."""
    parts: list[RenderableType] = []
    if question.group and group:
        parts.append(indented(plain(question.group + ":", "bold underline"), indent))
    prefix = f"[{number}/{total}]" if total else f"{number}."
    parts.append(hanging(prefix, question.text, indent, "bold"))
    if show_id:
        parts.append(indented(Text(t("guide.id", id=question.id), style="dim"), indent + len(prefix) + 1))
    if question.hints:
        parts.append(bullets(question.hints, indent + len(prefix) + 1, "dim"))
    return Group(*parts)


def tool_intro(tool: Tool) -> RenderableType:
    """A tool's title and introduction."""
    return Group(
        Text.assemble((t("guide.tool"), "bold cyan"), plain(tool.title, "bold cyan")),
        paragraph(tool.introduction),
    )


def side_guidance(tool: Tool, role: str, indent: int = 2) -> RenderableType | None:
    """One side's heading and guidance lines for a tool; None when the side has no guidance."""
    side = tool.side(role)
    if not side or not side.guidance:
        return None
    return Group(
        indented(Text(role_title(role), style="bold magenta"), indent),
        bullets(side.guidance, indent + 2, "italic"),
    )


def tool_view(tool: Tool, roles: tuple[str, ...], show_ids: bool = False) -> RenderableType:
    """A whole tool for the guide view: intro, then each side's guidance and questions."""
    parts: list[RenderableType] = [Text(), tool_intro(tool)]
    for role in roles:
        parts.append(Text())
        parts.append(side_guidance(tool, role) or indented(Text(role_title(role), style="bold magenta"), 2))
        questions = tool.questions(role)
        if not questions:
            parts.append(indented(Text(t("guide.no-questions"), style="dim"), 4))
        previous = None  # a group's heading stands once, above the first of its questions
        for number, question in enumerate(questions, start=1):
            if previous and question.group != previous:
                parts.append(Text())  # the group ends: what follows is not one of its questions
            first = question.group != previous
            parts.append(question_block(number, question, show_id=show_ids, group=first))
            previous = question.group
    return Group(*parts)


def guide_intro(guide: Guide) -> RenderableType:
    """The guide's title, edition and introduction."""
    title = t(
        "guide.title",
        title=clean(guide.title),
        publisher=clean(guide.publisher),
        edition=clean(guide.edition),
    )
    parts: list[RenderableType] = [Heading(Text(title, style="bold"))]
    for text in guide.introduction:
        parts.extend([paragraph(text), Text()])
    return Group(*parts)


def phase_view(phase: Phase, roles: tuple[str, ...], show_ids: bool = False) -> RenderableType:
    """A phase for the guide view: overview, then every tool."""
    return Group(
        phase_overview(phase, roles), *(tool_view(tool, roles, show_ids) for tool in phase.tools), Text()
    )


def guide_overview(guide: Guide) -> RenderableType:
    """The six phases on one screen: each phase's purpose and its tools, in a column beside its name.

    As on the home screen's welcome: a wrapped purpose goes on under itself, not under the name.
    Short headings and no blank lines: at 80 columns it fits 24 rows with the shell's prompt after
    it (with the line that says how to read a whole phase, which the command prints).
    """
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    for phase in guide.phases:
        grid.add_row(
            t("guide.overview-phase", number=phase.number, name=clean(phase.name)),
            Group(plain(phase.purpose, "italic"), bullets([tool.title for tool in phase.tools], 0)),
        )
    return Group(Text(t("guide.overview-title", title=clean(guide.title)), style="bold"), grid)


def guide_closing(guide: Guide) -> RenderableType:
    """The guide's closing line."""
    return Group(Rule(style="dim"), paragraph(guide.closing, "bold"))
