"""The follow-up on a worksheet: readiness after each tool, approvals and the plan at a phase's end.

After each side's questions in a tool, a small table of two fields: the side's readiness (grøn,
gul or rød, written as words, in Danish in every edition, as 'spredning klarhed' takes them) and
a short reason. At the end of a phase, its approvals as text (an approval is given in the program:
see approval_blocks) and its part of the action plan: a table with a row of four fields (what,
who, deadline, status) for each action, and empty rows where a new action can be written.

The values a field shows are written here (shown_*), and read back in spredning/app (the same
parsers as the commands use). Every word comes from the catalogue.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from spredning.core import followup
from spredning.core.model import Guide
from spredning.i18n import t
from spredning.report.document import Heading, Paragraph
from spredning.worksheet.record import FollowField, FollowRecord, follow_key, tag

# A field's title in Word ends in its number, as the answer fields' "Svar N".
TITLES = {
    "farve": "worksheet.title.farve",
    "begrundelse": "worksheet.title.begrundelse",
    "hvad": "worksheet.title.hvad",
    "hvem": "worksheet.title.hvem",
    "frist": "worksheet.title.frist",
    "status": "worksheet.title.status",
}
PLAN_WIDTHS = (7.4, 3.6, 2.8, 3.2)  # centimetres: what, who, deadline, status (17 cm in all)
MARK_WIDTHS = (4.6, 12.4)  # colour, reason


class MarkItem(NamedTuple):
    """A side's readiness after a tool, as a pair of fields."""

    tool: str  # 'fase.værktøj'
    role: str
    record: FollowRecord
    colour: str  # the text the colour field starts with
    reason: str
    disputed: bool = False  # another version waits for a decision


class ActionItem(NamedTuple):
    """An action of the plan as a row of fields (an empty row for a new action has no version)."""

    record: FollowRecord
    shown: tuple[str, str, str, str]  # what, who, deadline, status as the fields start
    disputed: bool = False

    @property
    def new(self) -> bool:
        """True for an empty row where a new action can be written."""
        return self.record.version is None


class ApprovalItem(NamedTuple):
    """A phase approved for a side: by whom, when, and how many answers changed since."""

    role: str
    by: str
    day: datetime.date
    changed: int


class PhaseFollow(NamedTuple):
    """A phase's approvals, its part of the plan (actions, then empty rows) and its readiness fields."""

    approvals: tuple[ApprovalItem, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    marks: tuple[MarkItem, ...] = ()  # in page order: tool by tool, side by side


class FieldCell(NamedTuple):
    """One field in a table of fields."""

    number: int
    title: str
    tag: str
    shown: str


class FieldTable(NamedTuple):
    """A table whose first row names the columns and whose other rows are fields."""

    header: tuple[str, ...]
    widths: tuple[float, ...]  # centimetres
    rows: tuple[tuple[FieldCell, ...], ...]
    room: float = 0.9  # each field row's least height in centimetres


# -- values as fields show them ----------------------------------------------------------------


def shown_status(status: str) -> str:
    """A status as the field shows it: in the worksheet's language ('ikke startet', 'not started')."""
    return t(f"plan.status.{status}")


def shown_day(day: datetime.date | None) -> str:
    """A deadline as the field shows it: dd-mm-åååå (as Danes write it, and as the plan reads it)."""
    return followup.typed_day(day) if day else ""


# -- blocks ------------------------------------------------------------------------------------


def cells(item: FollowRecord, texts: tuple[str, ...]) -> tuple[FieldCell, ...]:
    """The fields of one mark or action, with the texts they start with."""
    return tuple(
        FieldCell(f.number, t(TITLES[f.name], number=f.number), tag(f.number, follow_key(item, f)), text)
        for f, text in zip(item.fields, texts, strict=True)
    )


def mark_blocks(mark: MarkItem, tool: str, org: str) -> list:
    """After a side's questions: how ready the side (its organisation: org) is, in two fields."""
    blocks: list = [Paragraph(t("worksheet.mark.question", org=org, tool=tool), "mark")]
    if mark.disputed:
        blocks.append(Paragraph(t("worksheet.mark.disputed"), "note"))
    header = (t("worksheet.mark.colour-column"), t("worksheet.mark.reason-column"))
    blocks.append(FieldTable(header, MARK_WIDTHS, (cells(mark.record, (mark.colour, mark.reason)),)))
    return blocks


def approval_blocks(approvals: tuple[ApprovalItem, ...], names: dict[str, str], maker: str) -> list:
    """A phase's approvals as text: who approved it for which side, when, and what changed since.

    `names` are the sides' organisations by role. An approval is not given in the worksheet: it
    must cover the answers as they stand after the import, which only the program can see.
    """
    if not approvals:
        return []
    blocks: list = [Heading(2, t("worksheet.approvals-heading"))]
    for item in approvals:
        side = t(f"role.{item.role}")
        text = t("worksheet.approved", side=side, org=names[item.role], by=item.by, day=item.day)
        if item.changed:
            text += " " + t("worksheet.approved-changed", n=item.changed)
        blocks.append(Paragraph(text))
    blocks.append(Paragraph(t("worksheet.approval-how", org=maker), "note"))
    return blocks


def plan_blocks(heading: Heading, actions: tuple[ActionItem, ...]) -> list:
    """A phase's part of the action plan: a row of fields for each action, then empty rows."""
    if not actions:
        return []
    empty_rows = any(item.new for item in actions)  # rows for new actions (a phase's only)
    intro = "worksheet.plan.intro" if empty_rows else "worksheet.plan.intro-no-rows"
    blocks: list = [heading, Paragraph(t(intro), "quiet")]
    for item in actions:
        if item.disputed:
            blocks.append(Paragraph(t("worksheet.plan.disputed", what=item.shown[0]), "note"))
    header = tuple(t(f"plan.column.{name}") for name in ("what", "who", "due", "status"))
    rows = tuple(cells(item.record, item.shown) for item in actions)
    blocks.append(FieldTable(header, PLAN_WIDTHS, rows))
    return blocks


# -- naming a field in a message -----------------------------------------------------------------


def label(guide: Guide, item: FollowRecord, field: FollowField, what: str = "") -> str:
    """A follow-up field as a message names it: "Klarhed 35 (klarheden efter Beskriv innovationen, ...)"."""
    title = t(TITLES[field.name], number=field.number)
    return t("worksheet.follow.label", field=title, of=_of(guide, item, what))


def _of(guide: Guide, item: FollowRecord, what: str) -> str:
    key = item.slot[1].partition(":")[2]
    if item.kind == "klarhed":
        tool_id, _, role = key.rpartition(".")
        return t("worksheet.follow.mark-of", tool=_tool_title(guide, tool_id), side=t(f"role.{role}"))
    if item.version is None:
        phase = guide.find_phase(item.source.partition(".")[0]) if item.source else None
        return t("worksheet.follow.new-action-of", phase=phase.name if phase else "–")
    return t("worksheet.follow.action-of", what=what or key)


def _tool_title(guide: Guide, tool_id: str) -> str:
    tools = {tool.id: tool.title for phase in guide.phases for tool in phase.tools}
    return tools.get(tool_id, tool_id)
