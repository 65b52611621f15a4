"""Rich renderables for projects: answers, status, the vis summary and the project list.

As in render.py, every text from a user or a file becomes rich Text through ``_t``: never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from spredning.cli.render import _t, bullets, hanging, indented, phase_heading, tool_intro
from spredning.core.model import ROLE_TITLES, Guide, Phase, Progress, Project, Question, Tool, progress
from spredning.core.textsafe import clean

UNANSWERED = "(ikke besvaret)"
BAR_WIDTH = 10


def bar(done: Progress) -> Text:
    """A progress bar that reads without colour: █ for answered, ░ for open."""
    filled = round(BAR_WIDTH * done.answered / done.total) if done.total else 0
    style = "green" if done.complete else "yellow" if done.answered else "dim"
    return Text.assemble(("█" * filled, style), ("░" * (BAR_WIDTH - filled), "dim"))


def answer_text(text: str | None, indent: int) -> RenderableType:
    """An answer, wrapped and indented; a missing one marked as not answered."""
    if text is None:
        return indented(Text(UNANSWERED, style="dim italic"), indent)
    return indented(_t(text), indent)


def question_with_answer(number: int, question: Question, answer: str | None,
                         indent: int = 2) -> RenderableType:
    """A question's text and its answer beneath it."""
    parts: list[RenderableType] = []
    if question.group:
        parts.append(indented(_t(question.group + ":", "bold underline"), indent))
    parts.append(hanging(f"{number}.", question.text, indent, "bold"))
    parts.append(answer_text(answer, indent + len(str(number)) + 2))
    return Group(*parts)


def tool_answers(tool: Tool, role: str, project: Project) -> RenderableType:
    """The review after a tool: its questions for one side with the answers given."""
    questions = tool.questions(role)
    done = progress(project, questions)
    title = Text.assemble(("Dine svar i ", "bold"), _t(tool.title, "bold cyan"),
                          (f" ({done.answered}/{done.total} besvaret)", "dim"))
    rows = [question_with_answer(n, q, project.answer(q.id)) for n, q in enumerate(questions, 1)]
    return Group(title, *rows)


def partner_answers(partner: Sequence[tuple[Question, str]], role: str) -> RenderableType:
    """The other side's answers to this tool, shown compactly before answering."""
    other = "Vi vil genbruge" if role == "dele" else "Vi vil dele"
    parts: list[RenderableType] = [Text(f"Den anden side ({other}) har svaret:", style="bold")]
    for question, answer in partner:
        parts.append(hanging("•", question.text, 2, "italic"))
        parts.append(indented(_t(answer, "dim"), 4))
    return Group(*parts)


def conflict(question: Question, mine: str | None, theirs: str | None) -> RenderableType:
    """Two versions of one answer, when someone else saved meanwhile."""
    return Group(
        Text("Svaret er blevet ændret et andet sted, mens du skrev:", style="bold yellow"),
        hanging("•", question.text, 2, "bold"),
        Text("Dit svar:", style="bold"), answer_text(mine, 2),
        Text("Svaret i filen nu:", style="bold"), answer_text(theirs, 2))


def conflict_view(question: Question | None, conflict) -> RenderableType:
    """A stored or incoming conflict: the question, our answer and the partner's."""
    title = question.text if question else conflict.question_id
    return Group(Text(), hanging("•", title, 0, "bold"),
                 Text("Vores svar:", style="bold"), answer_text(conflict.ours or None, 2),
                 Text("Partnerens svar:", style="bold"), answer_text(conflict.theirs, 2))


def status_table(guide: Guide, project: Project) -> Table:
    """The six phases by side: answered/total and a bar."""
    table = Table(title=None, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Fase")
    for role in ("dele", "genbruge"):
        table.add_column(ROLE_TITLES[role], no_wrap=True)
    for phase in guide.phases:
        cells = []
        for role in ("dele", "genbruge"):
            done = progress(project, phase.questions(role))
            cells.append(Text.assemble(bar(done), f" {done.answered:>2}/{done.total:<2}")
                         if done.total else Text("–", style="dim"))
        table.add_row(_t(f"{phase.number}. {phase.name}"), *cells)
    return table


def open_tools(guide: Guide, project: Project, roles: Sequence[str]) -> RenderableType:
    """The tools not yet complete, per side."""
    lines = []
    for phase in guide.phases:
        for tool in phase.tools:
            for role in roles:
                done = progress(project, tool.questions(role))
                if done.total and not done.complete:
                    lines.append(f"{phase.name} · {tool.title} ({role}): "
                                 f"{done.answered}/{done.total}")
    if not lines:
        return Text("Alle værktøjer er besvaret.", style="green")
    return Group(Text("Ikke færdige værktøjer:", style="bold"), bullets(lines, 2))


def project_facts(project: Project, path: str, changed: datetime | None) -> RenderableType:
    """The project's name, innovation, organisations and file."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Projekt", _t(project.name + ("  (eksempel)" if project.example else "")))
    if project.description:
        grid.add_row("Innovation", _t(project.description))
    if project.sharing_org:
        grid.add_row("Deler", _t(project.sharing_org))
    if project.reusing_orgs:
        grid.add_row("Genbruger", _t(", ".join(project.reusing_orgs)))
    if project.role:
        grid.add_row("Din side", Text(ROLE_TITLES[project.role]))
    grid.add_row("Fil", _t(path))
    if changed:
        grid.add_row("Sidst ændret", Text(changed.strftime("%d.%m.%Y kl. %H:%M")))
    return grid


def vis_phase(phase: Phase, project: Project, roles: Sequence[str]) -> RenderableType:
    """One phase's answers: per tool and side, each question with its answer."""
    parts: list[RenderableType] = [phase_heading(phase)]
    for tool in phase.tools:
        sides = [r for r in roles if tool.questions(r)]
        if not sides:
            continue
        parts.extend([Text(), tool_intro(tool)])
        for role in sides:
            done = progress(project, tool.questions(role))
            parts.append(Text.assemble((ROLE_TITLES[role], "bold magenta"),
                                       (f"  {done.answered}/{done.total}", "dim")))
            for n, q in enumerate(tool.questions(role), 1):
                parts.append(question_with_answer(n, q, project.answer(q.id)))
                if q.id in project.conflicts:
                    parts.append(indented(Text.assemble(
                        ("Partnerens udgave (uafklaret): ", "yellow"),
                        _t(project.conflicts[q.id], "yellow")), 5))
    parts.append(Text())
    return Group(*parts)


SIDE_BY_SIDE_MIN_WIDTH = 110


def _side_cell(tool: Tool, role: str, project: Project) -> RenderableType:
    questions = tool.questions(role)
    if not questions:
        return Text("Ingen spørgsmål for denne side.", style="dim")
    rows = []
    for n, q in enumerate(questions, 1):
        rows.append(question_with_answer(n, q, project.answer(q.id), indent=0))
        if q.id in project.conflicts:
            rows.append(Text.assemble(("   Partnerens udgave: ", "yellow"),
                                      _t(project.conflicts[q.id], "yellow")))
    return Group(*rows)


def vis_phase_side_by_side(phase: Phase, project: Project) -> RenderableType:
    """One phase with each tool's two sides next to each other (for wide terminals)."""
    parts: list[RenderableType] = [phase_heading(phase)]
    for tool in phase.tools:
        parts.extend([Text(), tool_intro(tool)])
        table = Table(show_edge=False, pad_edge=False, expand=True, show_lines=False,
                      header_style="bold magenta")
        for role in ("dele", "genbruge"):
            done = progress(project, tool.questions(role))
            title = ROLE_TITLES[role] + (f"  {done.answered}/{done.total}" if done.total else "")
            table.add_column(title, ratio=1, overflow="fold")
        table.add_row(_side_cell(tool, "dele", project), _side_cell(tool, "genbruge", project))
        parts.append(table)
    parts.append(Text())
    return Group(*parts)


def project_list(rows: Sequence[tuple[str, object, Progress | None]],
                 active: str | None) -> RenderableType:
    """All projects, two lines each: marker, name and progress, then the slug (for --projekt).

    Plain lines, not a Table: a rich Table measures every cell, about 1 ms per project.
    """
    names = {slug: clean(p.name) for slug, p, done in rows if done is not None}
    width = min(60, max([28, *map(len, names.values())]))
    text = Text()
    text.append("  " + "Projekt (navn til --projekt)".ljust(width) + "  Besvaret\n", "bold")
    for slug, _project, done in rows:
        text.append("▶ " if slug == active else "  ", "bold green")
        if done is None:
            text.append(slug.ljust(width) + "  ")
            text.append("kan ikke læses\n", "red")
            continue
        text.append(names[slug].ljust(width) + "  ")
        text.append_text(bar(done))
        text.append(f" {done.answered}/{done.total}\n")
        text.append(f"  {slug}\n", "dim")
    text.rstrip()
    return text
