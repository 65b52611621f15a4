"""A format-neutral outline of a project report, shared by the Markdown, HTML and Word writers.

The outline decides what a report says and in which order: front page, progress, each phase with
its tools, both sides' questions and answers, the open points, and the guide's source. Every text in
it has been through ``clean()``, so control characters and direction overrides are already visible
(and code points that neither UTF-8 nor XML can hold are replaced); each writer only has to escape
for its own format.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from spredning.core.model import Dialogue, Guide, Phase, Progress, Tool, progress
from spredning.core.textsafe import clean
from spredning.i18n import date, t

# After clean(), these are the only code points left that UTF-8 cannot encode (lone surrogates) or
# XML cannot hold (U+FFFE, U+FFFF); they become the replacement character, so no writer can fail.
_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Item:
    """One question in the report: number within its side, text, group and answer (None: open)."""

    number: int
    text: str
    group: str | None
    answer: str | None


@dataclass(frozen=True)
class SideBlock:
    """One side's questions in a tool; `items` is empty when the side has none there."""

    role: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ToolBlock:
    """A worksheet tool with one block per chosen side, in the order the sides were chosen."""

    title: str
    introduction: str
    sides: tuple[SideBlock, ...]


@dataclass(frozen=True)
class OpenItem:
    """An unanswered question, named by side and tool so a workshop can find it."""

    side: str
    tool: str
    question: str


@dataclass(frozen=True)
class PhaseBlock:
    """One phase: its heading ("Fase 1: Tjek"), purpose, tools and open points."""

    heading: str
    purpose: str
    tools: tuple[ToolBlock, ...]
    open_items: tuple[OpenItem, ...]


@dataclass(frozen=True)
class ProgressRow:
    """Answered/total per chosen side for one phase (or for all of them)."""

    label: str
    counts: tuple[Progress, ...]


@dataclass(frozen=True)
class Outline:
    """Everything a report shows, in order, already cleaned of unsafe characters."""

    title: str
    author: str
    example: bool
    day: datetime.date
    date: str
    facts: tuple[tuple[str, str], ...]
    side_titles: tuple[str, ...]
    progress: tuple[ProgressRow, ...]
    phases: tuple[PhaseBlock, ...]
    source: str
    closing: str


def progress_text(count: Progress) -> str:
    """Write a progress count as "answered/total"."""
    return f"{count.answered}/{count.total}"


def _safe(text: str) -> str:
    """Clean user or guide text for any report: visible control characters, writable code points."""
    return _UNWRITABLE.sub("\ufffd", clean(text))


def paragraphs(text: str) -> list[list[str]]:
    """Split a multi-line text into paragraphs (at blank lines), each a list of its lines."""
    result: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def _line(text: str) -> str:
    """Clean a one-line text (a name, a title, a question) and fold its whitespace to spaces."""
    return " ".join(_safe(text).split())


def _answer(view: Dialogue, question_id: str) -> str | None:
    answer = view.answer(question_id)
    if answer is None:
        return None
    if answer.not_relevant:
        return (
            t("report.not-relevant-because", reason=_safe(answer.text))
            if answer.text
            else t("report.not-relevant")
        )
    return _safe(answer.text).strip() or t("report.empty-answer")


def _side(tool: Tool, role: str, view: Dialogue) -> SideBlock:
    items = tuple(
        Item(number, _line(q.text), _line(q.group) if q.group else None, _answer(view, q.id))
        for number, q in enumerate(tool.questions(role), start=1)
    )
    return SideBlock(role, t(f"role.{role}"), items)


def _tool(tool: Tool, roles: tuple[str, ...], view: Dialogue) -> ToolBlock | None:
    sides = tuple(_side(tool, role, view) for role in roles)
    if not any(side.items for side in sides):
        return None
    return ToolBlock(_line(tool.title), _safe(tool.introduction), sides)


def _open_items(tools: tuple[ToolBlock, ...]) -> tuple[OpenItem, ...]:
    return tuple(
        OpenItem(side.title, tool.title, item.text)
        for tool in tools
        for side in tool.sides
        for item in side.items
        if item.answer is None
    )


def _phase(phase: Phase, roles: tuple[str, ...], view: Dialogue) -> PhaseBlock:
    tools = tuple(t for t in (_tool(tool, roles, view) for tool in phase.tools) if t)
    heading = t("guide.phase-heading", number=phase.number, name=_line(phase.name))
    return PhaseBlock(heading, _safe(phase.purpose), tools, _open_items(tools))


def _progress(view: Dialogue, phases: tuple[Phase, ...], roles: tuple[str, ...]) -> tuple[ProgressRow, ...]:
    rows = [
        ProgressRow(
            t("guide.phase-heading", number=p.number, name=_line(p.name)),
            tuple(progress(view, p.questions(role)) for role in roles),
        )
        for p in phases
    ]
    totals = tuple(progress(view, tuple(q for p in phases for q in p.questions(role))) for role in roles)
    return (*rows, ProgressRow(t("report.total"), totals))


def _facts(view: Dialogue, day: datetime.date) -> tuple[tuple[str, str], ...]:
    project = view.project
    partners = (view.partner,) if view.partner else project.partners
    reusing = tuple(_line(p.name or p.key) for p in partners)
    return (
        (t("report.innovation"), _safe(project.description).strip() or t("report.not-given")),
        (t("report.sharing-org"), _line(project.sharing_org) or t("report.not-given")),
        (t("report.reusing-org", n=len(reusing)), ", ".join(reusing) or t("report.not-given")),
        (t("report.date"), date(day)),
    )


def build_outline(
    guide: Guide,
    view: Dialogue,
    roles: tuple[str, ...],
    phases: tuple[Phase, ...] | None,
    today: datetime.date,
) -> Outline:
    """Build the report's outline: the chosen sides and phases (guide order), cleaned text."""
    project = view.project
    wanted = {p.id for p in phases} if phases is not None else None
    chosen = tuple(p for p in guide.phases if wanted is None or p.id in wanted)
    source = t(
        "report.source",
        title=_line(guide.title),
        publisher=_line(guide.publisher),
        edition=_line(guide.edition),
    )
    return Outline(
        title=_line(project.name) or project.slug,
        author=_line(project.sharing_org) or "spredning",
        example=project.example,
        day=today,
        date=date(today),
        facts=_facts(view, today),
        side_titles=tuple(t(f"role.{role}") for role in roles),
        progress=_progress(view, chosen, roles),
        phases=tuple(_phase(p, roles, view) for p in chosen),
        source=source,
        closing=_safe(guide.closing),
    )
