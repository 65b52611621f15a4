"""The words of a worksheet: its content (which questions, which answers) becomes a Sheet of blocks.

Every word comes from the catalogue (keys ``worksheet.*``); the guide's texts and the answers pass
through as they are. The first page tells the partner, in plain Danish, how to fill the worksheet
in and send it back; then come the phases, tools and questions, each question with its answer field,
each side's readiness after a tool, and at a phase's end its approvals and plan (followup.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import NamedTuple

from spredning.core.local import slot_key
from spredning.core.model import NOTHING, SHARING, Guide, Partner, Phase, Question, Tool
from spredning.i18n import date, t
from spredning.report.document import Block, Bullets, Document, Facts, Group, Heading, PageBreak, Paragraph
from spredning.worksheet import followup
from spredning.worksheet.followup import FieldTable, MarkItem, PhaseFollow
from spredning.worksheet.record import FieldRecord, SheetRecord, tag


class Item(NamedTuple):
    """One question on the worksheet and its field."""

    question: Question
    field: FieldRecord
    shown: str  # the text the field starts with
    conflict: bool = False  # the answer has another version waiting for a decision
    variant: bool = False  # a sharing-side answer given for this partner only


class ToolPart(NamedTuple):
    """A tool's questions on the worksheet, side by side in guide order."""

    tool: Tool
    sides: tuple[tuple[str, tuple[Item, ...]], ...]  # (role, items)


class Content(NamedTuple):
    """Everything a worksheet shows, without words."""

    guide: Guide
    name: str  # the project's name
    description: str
    sharing_org: str
    partner: Partner
    maker: str  # 'dele' or the partner's key
    roles: tuple[str, ...]
    phases: tuple[tuple[Phase, tuple[ToolPart, ...]], ...]
    empty: bool
    day: datetime.date
    record: SheetRecord
    follow: Mapping[str, PhaseFollow] = NOTHING  # by phase id; '' for actions that belong to no phase


class FieldBlock(NamedTuple):
    """A question with its answer field."""

    number: int
    text: str
    hints: tuple[str, ...]
    notes: tuple[str, ...]
    title: str  # the field's title in Word ("Svar 12")
    tag: str
    shown: str
    room: float  # the field's least height in cm


class Steps(NamedTuple):
    """A numbered list (the first page's instructions)."""

    items: tuple[str, ...]


class Sheet(NamedTuple):
    """A worksheet ready to be written: metadata, blocks and the record."""

    meta: Document
    blocks: tuple[Block | FieldBlock | FieldTable | Steps, ...]
    record: SheetRecord
    field_id: int  # a start for the content controls' ids (unique within the document)


def compose(content: Content) -> Sheet:
    """The worksheet's blocks: first page, then each phase with its tools and questions."""
    names = _names(content)
    filler = names[content.record.filler]
    lead = t("worksheet.lead-empty" if content.empty else "worksheet.lead", org=filler)
    meta = Document(
        title=content.name,
        subtitle=lead,
        author=names[content.maker],
        subject=content.guide.title,
        date=date(content.day),
        day=content.day,
        header=t("worksheet.running-header", project=content.name, org=filler),
        page_label=t("worksheet.page-label", page="{page}", pages="{pages}"),
        language=t("report.language-tag"),  # the catalogue's language: da-DK or en-GB
        blocks=(),
    )
    blocks: list = [Paragraph(lead, "lead"), _facts(content, names), *_first_page(content, names)]
    for phase, tools in content.phases:
        blocks += [
            PageBreak(),
            Heading(1, t("worksheet.phase-heading", number=phase.number, name=phase.name)),
        ]
        blocks.append(Paragraph(phase.purpose, "quiet"))
        follow = content.follow.get(phase.id, PhaseFollow())
        for part in tools:
            marks = tuple(mark for mark in follow.marks if mark.tool == part.tool.id)
            blocks += _tool(part, marks, names, content.partner.key, content.empty)
        sides = {role: _side_org(role, content, names) for role in content.roles}
        blocks += followup.approval_blocks(follow.approvals, sides, names[content.maker])
        heading = Heading(2, t("worksheet.plan.heading", phase=phase.name))
        blocks += followup.plan_blocks(heading, follow.actions)
    unphased = content.follow.get("", PhaseFollow()).actions
    if unphased:  # every worksheet shows the actions that belong to no phase at the end
        heading = Heading(1, t("worksheet.plan.heading-unphased"))
        blocks += [PageBreak(), *followup.plan_blocks(heading, unphased)]
    guide = content.guide
    blocks.append(
        Paragraph(
            t("worksheet.source", title=guide.title, publisher=guide.publisher, edition=guide.edition), "note"
        )
    )
    return Sheet(meta, tuple(blocks), content.record, int(content.record.sheet[:6], 16))


def _names(content: Content) -> dict[str, str]:
    partner = content.partner
    return {
        SHARING: content.sharing_org or t("worksheet.org.sharing"),
        partner.key: partner.name or partner.key,
    }


def _facts(content: Content, names: dict[str, str]) -> Facts:
    phases = [phase.name for phase, _ in content.phases]
    sides = [
        t("worksheet.side-of", side=t(f"role.{role}"), org=_side_org(role, content, names))
        for role in content.roles
    ]
    return Facts(
        (
            (t("worksheet.facts.innovation"), content.description or content.name),
            (t("worksheet.facts.from"), names[content.maker]),
            (t("worksheet.facts.to"), names[content.record.filler]),
            (t("worksheet.facts.phases", n=len(phases)), t("worksheet.list", names=phases)),
            (t("worksheet.facts.sides"), "\n".join(sides)),
            (t("worksheet.facts.date"), date(content.day)),
        )
    )


def _side_org(role: str, content: Content, names: dict[str, str]) -> str:
    return names[SHARING] if role == "dele" else names[content.partner.key]


def _first_page(content: Content, names: dict[str, str]) -> list:
    maker, filler = names[content.maker], names[content.record.filler]
    steps = [
        t("worksheet.how.fields"),
        t("worksheet.how.length"),
        t("worksheet.how.empty-sheet" if content.empty else "worksheet.how.answers", org=maker),
        t("worksheet.how.not-relevant", word=t("worksheet.not-relevant")),
        t("worksheet.how.delete"),
        *_follow_steps(content),
        t("worksheet.how.outside"),
        t("worksheet.how.save"),
        t("worksheet.how.send", org=maker),
    ]
    blocks: list = [
        Heading(2, t("worksheet.how-heading"), contents=False),
        Paragraph(t("worksheet.how.intro", org=filler, maker=maker)),
        Steps(tuple(steps)),
    ]
    if len(content.roles) == 2:
        blocks.append(
            Paragraph(t("worksheet.how.sides", sharing=names[SHARING], reusing=names[content.partner.key]))
        )
    blocks.append(Paragraph(t("worksheet.how.no-program", org=maker), "note"))
    return blocks


def _follow_steps(content: Content) -> list[str]:
    """The first page's words on readiness and the plan, when the worksheet has them."""
    steps = []
    if any(follow.marks for follow in content.follow.values()):
        steps.append(t("worksheet.how.readiness"))
    if any(follow.actions for follow in content.follow.values()):
        steps.append(t("worksheet.how.plan"))
    return steps


def _tool(
    part: ToolPart, marks: tuple[MarkItem, ...], names: dict[str, str], partner: str, empty: bool
) -> list:
    blocks: list = [Heading(2, part.tool.title)]
    if part.tool.introduction:
        blocks.append(Paragraph(part.tool.introduction, "quiet"))
    for role, items in part.sides:
        side = part.tool.side(role)
        org = names[SHARING] if role == "dele" else names[partner]
        blocks.append(Heading(3, t("worksheet.side-of", side=t(f"role.{role}"), org=org)))
        if side is not None and side.guidance:
            blocks.append(Bullets(side.guidance, "quiet"))
        group = None
        for item in items:
            if item.question.group and item.question.group != group:
                blocks.append(Group(item.question.group))
            group = item.question.group
            blocks.append(_field(item, names[partner], empty))
        for mark in (m for m in marks if m.role == role):
            blocks += followup.mark_blocks(mark, part.tool.title, org)
    return blocks


def _field(item: Item, partner: str, empty: bool) -> FieldBlock:
    notes = []
    if item.variant:
        notes.append(t("worksheet.variant-note", org=partner))
    if item.conflict:
        notes.append(t("worksheet.conflict-note"))
    number = item.field.number
    room = 3.5 if empty else (2.2 if not item.shown else 1.2)  # room to write, also on paper
    return FieldBlock(
        number=number,
        text=t("worksheet.question", number=number, text=item.question.text),
        hints=item.question.hints,
        notes=tuple(notes),
        title=t("worksheet.field-title", number=number),
        tag=tag(number, slot_key(item.field.slot)),
        shown=item.shown,
        room=room,
    )
