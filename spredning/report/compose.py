"""The words of a report: an outline (core/outline.py) becomes a Document (document.py).

Every word comes from the catalogue (keys ``report.*``); organisations are named as the project
names them, and a version of a disputed answer carries the name of the organisation it is from.
The user's texts pass through untouched (the outline has already made control characters visible).
"""

from __future__ import annotations

import datetime
from typing import Any

from spredning.core.agenda import Agenda
from spredning.core.model import SHARING, Progress
from spredning.core.outline import (
    AnswerBlock,
    Mark,
    NextStep,
    Outline,
    Overview,
    PhaseBlock,
    QuestionBlock,
    SideBlock,
    State,
    ToolBlock,
)
from spredning.i18n import date, t
from spredning.report import followup_words
from spredning.report.document import (
    AnswerBox,
    Block,
    Bullets,
    Column,
    Columns,
    Contents,
    Document,
    Facts,
    Group,
    Heading,
    PageBreak,
    Paragraph,
    Part,
    QuestionItem,
    Table,
)

PROGRAM = "spredning"  # commands in a report are written the way the README teaches them


class Names:
    """Organisations' names by key, as the project writes them."""

    def __init__(self, names: tuple[tuple[str, str], ...]):
        self.names = dict(names)

    def __call__(self, key: str | None) -> str:
        """The name of the organisation with this key ('dele', a partner's key, '' for unknown)."""
        if key == SHARING:
            return self.names.get(SHARING) or t("report.org.sharing")
        if key:
            return self.names.get(key) or key
        return t("report.org.unknown")


def count(done: Progress) -> str:
    """A progress count in words: "3 af 12" (and how many of them are marked not relevant)."""
    if done.not_relevant:
        return t(
            "report.count-with-not-relevant", answered=done.answered, total=done.total, n=done.not_relevant
        )
    return t("report.count", answered=done.answered, total=done.total)


def phase_title(number: int, name: str) -> str:
    """A phase's title, e.g. "Fase 1: Tjek"."""
    return t("report.phase-heading", number=number, name=name)


def metadata(outline: Outline | Overview | Agenda, subtitle: str, today: datetime.date) -> dict[str, Any]:
    """A Document's metadata: title, the writing organisation, date, running header, page label."""
    names = Names(outline.project.names)
    return {
        "title": outline.project.name,
        "subtitle": subtitle,
        "author": names(outline.writer) if outline.writer else t("report.org.unknown-writer"),
        "subject": outline.guide.title,
        "date": date(today),
        "day": today,
        "header": t("report.running-header", project=outline.project.name, kind=subtitle),
        "page_label": t("report.page-label", page="{page}", pages="{pages}"),
        "language": t("report.language-tag"),
    }


def facts(outline: Outline | Overview | Agenda, today: datetime.date) -> Facts:
    """The first page's facts: innovation, organisations, who wrote the report, date, guide."""
    project = outline.project
    names = Names(project.names)
    partners = [p.name or p.key for p in project.partners]
    rows = [
        (t("report.innovation"), project.description or t("report.not-given")),
        (t("report.sharing-org"), project.sharing_org or t("report.not-given")),
        (
            t("report.reusing-org", n=len(partners)),
            t("report.name-list", names=partners) if partners else t("report.not-given"),
        ),
        (t("report.written-by"), names(outline.writer) if outline.writer else t("report.org.unknown-writer")),
        (t("report.date"), date(today)),
        (
            t("report.guide"),
            t(
                "report.guide-edition",
                title=outline.guide.title,
                publisher=outline.guide.publisher,
                edition=outline.guide.edition,
            ),
        ),
    ]
    return Facts(tuple(rows))


# -- the report of one dialogue ---------------------------------------------------------------------


def dialogue_document(outline: Outline, today: datetime.date) -> Document:
    """The report of one dialogue: summary page, contents, the phases, and the guide as source."""
    names = Names(outline.project.names)
    partner = outline.project.partners[0] if outline.project.partners else None
    sides = {
        SHARING: t("report.side-title", side=t("role.dele"), org=names(SHARING)),
        "genbruge": t("report.side-title", side=t("role.genbruge"), org=partner.name or partner.key)
        if partner
        else t("role.genbruge"),
    }
    words = _Words(outline, names, sides)
    subtitle = t("report.kind-partial") if outline.scope.partial else t("report.kind")
    blocks: list[Block] = [Paragraph(subtitle, "lead")]
    if outline.project.example:
        blocks.append(Paragraph(t("report.example-note"), "warning"))
    blocks += words.scope()
    blocks.append(facts(outline, today))
    blocks += words.summary()
    blocks += [PageBreak(), Contents(t("report.contents"))]
    for phase in outline.phases:
        blocks += words.phase(phase)
    blocks += followup_words.section_blocks(outline.follow_up, sides, {}, phase_title, names)
    blocks += [Heading(1, t("report.source-heading"), "kilde")]
    blocks += [
        Paragraph(
            t(
                "report.source",
                title=outline.guide.title,
                publisher=outline.guide.publisher,
                edition=outline.guide.edition,
            ),
            "quiet",
        )
    ]
    if outline.guide.closing:
        blocks.append(Paragraph(outline.guide.closing, "quiet"))
    return Document(blocks=tuple(blocks), **metadata(outline, subtitle, today))


class _Words:
    """Words for the blocks of one dialogue report."""

    def __init__(self, outline: Outline, names: Names, sides: dict[str, str]):
        self.outline = outline
        self.names = names
        self.sides = sides

    def side(self, role: str) -> str:
        return self.sides[role]

    def scope(self) -> list[Block]:
        scope = self.outline.scope
        if not scope.partial:
            return []
        parts = []
        if scope.phases is not None:
            chosen = [p.name for p in self.outline.progress]
            parts.append(t("report.scope-phases", n=len(chosen), names=chosen))
        if len(scope.roles) == 1:
            parts.append(t("report.scope-side", side=self.side(scope.roles[0])))
        if scope.only_answered:
            parts.append(t("report.scope-answered", n=self.outline.left_out))
        blocks: list[Block] = [Paragraph(t("report.scope", parts=parts), "note")]
        if self.outline.empty_phases:
            blocks.append(
                Paragraph(
                    t(
                        "report.scope-empty-phases",
                        names=list(self.outline.empty_phases),
                        n=len(self.outline.empty_phases),
                    ),
                    "note",
                )
            )
        return blocks

    def summary(self) -> list[Block]:
        outline = self.outline
        roles = outline.scope.roles
        blocks: list[Block] = [Heading(2, t("report.progress"), "fremdrift", contents=False)]
        rows = [
            (phase_title(p.number, p.name), *(count(done) for _, done in p.sides)) for p in outline.progress
        ]
        blocks.append(Table((t("report.phase-column"), *(self.side(r) for r in roles)), tuple(rows)))
        if outline.steps:
            blocks.append(Heading(2, t("report.next-heading"), "naeste-skridt", contents=False))
            blocks.append(Bullets(tuple(step_text(s, self.names) for s in outline.steps)))
        blocks += followup_words.summary_blocks(outline.follow_up, self.sides, phase_title)
        blocks.append(Heading(2, t("report.conflicts-heading"), "konflikter", contents=False))
        if outline.conflicts:
            blocks.append(Paragraph(t("report.conflicts-intro", n=len(outline.conflicts)), "warning"))
            blocks.append(Bullets(tuple(self.where(m) for m in outline.conflicts)))
        else:
            blocks.append(Paragraph(t("report.no-conflicts")))
        if outline.drafts:
            blocks.append(Heading(2, t("report.drafts-heading"), "kladder", contents=False))
            blocks.append(
                Paragraph(
                    t(
                        "report.drafts-intro",
                        n=len(outline.drafts),
                        org=self.names(outline.writer) if outline.writer else t("report.org.this"),
                    )
                )
            )
            blocks.append(Bullets(tuple(self.where(m) for m in outline.drafts)))
        if outline.not_relevant:
            blocks.append(Heading(2, t("report.not-relevant-heading"), "ikke-relevant", contents=False))
            blocks.append(Bullets(tuple(self.not_relevant(m) for m in outline.not_relevant)))
        return blocks

    def where(self, mark: Mark) -> str:
        return t(
            "report.mark",
            phase=phase_title(mark.phase_number, mark.phase),
            tool=mark.tool,
            side=self.side(mark.role),
            number=mark.number,
            question=mark.question,
        )

    def not_relevant(self, mark: Mark) -> str:
        where = self.where(mark)
        if mark.answer.text:
            return t("report.mark-reason", mark=where, reason=" ".join(mark.answer.text.split()))
        return where

    def phase(self, phase: PhaseBlock) -> list[Block]:
        blocks: list[Block] = [
            PageBreak(),
            Heading(1, phase_title(phase.number, phase.name), f"fase-{phase.id}"),
            Paragraph(phase.purpose, "quiet"),
        ]
        goals = tuple(
            Column(t("report.goals-for", side=self.side(role)), (Bullets(items, "quiet"),))
            for role, items in phase.goals
            if items
        )
        if goals:
            blocks.append(Columns(goals, "goals"))
        progress = [t("report.progress-side", side=self.side(r), count=count(d)) for r, d in phase.progress]
        blocks.append(Paragraph(t("report.phase-progress", parts=progress), "note"))
        for tool in phase.tools:
            blocks += self.tool(tool, phase)
        return blocks

    def tool(self, tool: ToolBlock, phase: PhaseBlock) -> list[Block]:
        blocks: list[Block] = [Heading(2, tool.title, f"{phase.id}-{tool.id}")]
        if tool.introduction:
            blocks.append(Paragraph(tool.introduction, "quiet"))
        columns = tuple(Column(self.side(side.role), tuple(self.side_blocks(side))) for side in tool.sides)
        blocks.append(Columns(columns, "sides"))
        return blocks

    def side_blocks(self, side: SideBlock) -> list[Block]:
        blocks: list[Block] = []
        if side.guidance:
            blocks.append(Bullets(side.guidance, "quiet"))
        group = None
        for question in side.questions:
            if question.group and question.group != group:
                blocks.append(Group(question.group))
            group = question.group
            blocks.append(self.question(question, side.role))
        if side.left_out:
            blocks.append(Paragraph(t("report.left-out", n=side.left_out), "note"))
        return blocks

    def question(self, question: QuestionBlock, role: str) -> QuestionItem:
        text = t("report.question", number=question.number, text=question.text)
        return QuestionItem(question.id, text, question.hints, self.answer(question.answer, role))

    def answer(self, answer: AnswerBlock, role: str) -> AnswerBox:
        notes = []
        if answer.variant:
            partner = self.outline.project.partners[0]
            notes.append(t("report.variant", org=partner.name or partner.key))
        if answer.draft:
            org = self.names(self.outline.writer) if self.outline.writer else t("report.org.this")
            notes.append(t("report.draft", org=org))
        if answer.state is State.OPEN:
            return AnswerBox("open", notes=tuple(notes), heading=t("report.unanswered"))
        if answer.state is State.NOT_RELEVANT:
            label = t("report.reason") if answer.text else ""
            parts: tuple[Part, ...] = (Part(label, answer.text),) if answer.text else ()
            return AnswerBox("not-relevant", parts, tuple(notes), t("report.not-relevant"))
        if answer.state is State.CONFLICT:
            parts = tuple(self.version(number, version) for number, version in enumerate(answer.versions))
            notes.append(t("report.settle", command=f"{PROGRAM} konflikter"))
            return AnswerBox("conflict", parts, tuple(notes), t("report.conflict", n=len(answer.versions)))
        return AnswerBox("answer", (Part("", answer.text),), tuple(notes))

    def version(self, number: int, version) -> Part:
        name = self.names(version.source)
        key = (
            "report.version-here"
            if number == 0 and version.source == self.outline.writer
            else "report.version-from"
        )
        if number > 0 and self.outline.writer and version.source == self.outline.writer:
            # ours too: it came home from a worksheet we filled in, or from another project here
            key = "report.version-own-project" if version.merged else "report.version-own-sheet"
        if number == 0 and version.written_by:  # kept here, a partner's text: whose it is
            key = "report.version-here-by"
        by = self.names(version.written_by) if version.written_by else ""
        label = t(f"{key}-not-relevant" if version.not_relevant else key, org=name, by=by)
        return Part(label, version.text, name)


# a step's words and the command's words after the program, for the steps that run one command
_COMMANDS = {
    "conflicts": ("report.step.conflicts", "konflikter"),
    "news": ("report.step.news", "vis --nye"),
    "overdue": ("report.step.overdue", "plan"),
    "send": ("report.step.send", "eksport"),
}
_NAMED = {"news": "report.step.news-from", "send": "report.step.send-to"}  # one of several partners


def step_text(step: NextStep, names: Names) -> str:
    """A next step in words, with the command that does it.

    Reading news and sending changes name the partner when the step is one of several partners'
    (the step carries the partner only then).
    """
    partner = f" --partner {step.partner}" if step.partner else ""
    if step.kind == "send" and step.sheet:  # only worksheets so far: one more, not a file
        command = f"{PROGRAM} arbejdsark{partner}"
        if step.partner:
            return t("report.step.send-to-sheet", n=step.n, org=names(step.partner), command=command)
        return t("report.step.send-sheet", n=step.n, command=command)
    if step.kind in _COMMANDS:
        key, words = _COMMANDS[step.kind]
        command = f"{PROGRAM} {words}{partner}"
        if step.partner and step.kind in _NAMED:
            return t(_NAMED[step.kind], n=step.n, org=names(step.partner), command=command)
        return t(key, n=step.n, command=command)
    if step.kind == "drafts":
        return t("report.step.drafts", n=step.n)
    if step.kind == "answer":
        command = f"{PROGRAM} fase {step.phase} --rolle {step.role}"
        if step.role == "genbruge":
            command += partner
        return t("report.step.answer", phase=step.phase_name, side=t(f"role.{step.role}"), command=command)
    if step.kind == "side":
        return t(
            "report.step.side",
            sharing=f"{PROGRAM} projekt side dele",
            reusing=f"{PROGRAM} projekt side genbruge",
        )
    return t("report.step.done")
