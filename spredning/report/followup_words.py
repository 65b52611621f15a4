"""The words of a report's follow-up: where to act first, the plan, readiness, approvals, meetings.

compose.py puts "where to act first" on the summary page and the rest after the phases. Readiness
is worded as a discussion aid, never as a pass or fail.
"""

from __future__ import annotations

from collections.abc import Callable

from spredning.core.followup import typed_day
from spredning.core.followup_outline import FollowUpOutline, MarkRow
from spredning.i18n import t
from spredning.report.document import Block, Bullets, Heading, Paragraph, Table

PROGRAM = "spredning"


def day(value) -> str:
    """A deadline in a table: dd-mm-åååå, or a dash."""
    return typed_day(value) if value else "–"


def mark_text(mark: MarkRow, sides: dict[str, str], phase_title) -> str:
    """One readiness mark in a line: colour, phase, tool, side, and the reason."""
    text = t(
        "agenda.mark",
        colour=t(f"plan.colour.{mark.colour}"),
        phase=phase_title(mark.phase_number, mark.phase),
        tool=mark.tool,
        side=sides[mark.role],
    )
    text = t("agenda.mark-reason", mark=text, reason=mark.reason) if mark.reason else text
    return disputed(text, mark.disputed)


def disputed(text: str, in_versions: bool) -> str:
    """A mark or approval kept in several versions says so, as an action in versions does."""
    return t("report.record-disputed", text=text) if in_versions else text


def summary_blocks(follow_up: FollowUpOutline | None, sides: dict[str, str], phase_title) -> list[Block]:
    """The summary page's "where to act first" (red before yellow, the earliest phase first)."""
    if follow_up is None or not follow_up.act_first:
        return []
    return [
        Heading(2, t("report.act-first-heading"), "handl-foerst", contents=False),
        Paragraph(t("report.act-first-intro"), "note"),
        Bullets(tuple(mark_text(m, sides, phase_title) for m in follow_up.act_first)),
    ]


def section_blocks(
    follow_up: FollowUpOutline | None,
    sides: dict[str, str],
    owners: dict[str, str],
    phase_title,
    org: Callable[[str], str] = str,
) -> list[Block]:
    """The follow-up after the phases: the plan, the readiness picture, the approvals and the meetings.

    `org` names an organisation by its key ('dele' or a partner's), for whose note a meeting is.
    """
    if follow_up is None or follow_up.empty:
        return []
    blocks: list[Block] = [Heading(1, t("report.follow-up-heading"), "opfoelgning")]
    blocks.append(Heading(2, t("report.plan-heading"), "handlingsplan"))
    if follow_up.actions:
        late = sum(1 for a in follow_up.actions if a.overdue)
        if late:
            blocks.append(Paragraph(t("report.plan-overdue", n=late), "warning"))
        header = tuple(t(f"plan.column.{name}") for name in ("what", "who", "due", "status"))
        rows = tuple(_action_row(a, owners, follow_up.common) for a in follow_up.actions)
        blocks.append(Table(header, rows))
    else:
        blocks.append(Paragraph(t("report.plan-empty", command=f"{PROGRAM} plan tilføj")))
    blocks.append(Heading(2, t("report.readiness-heading"), "klarhed"))
    if follow_up.readiness:
        blocks.append(Paragraph(t("report.readiness-intro"), "note"))
        roles = [role for role, _ in follow_up.readiness[0].sides]
        rows = tuple(
            (
                phase_title(r.number, r.name),
                *(
                    "; ".join(
                        disputed(f"{m.tool}: {t(f'plan.colour.{m.colour}')}", m.disputed) for m in marks
                    )
                    or "–"
                    for _, marks in r.sides
                ),
            )
            for r in follow_up.readiness
        )
        blocks.append(Table((t("report.phase-column"), *(sides[role] for role in roles)), rows))
        reasons = [
            mark_text(m, sides, phase_title)
            for r in follow_up.readiness
            for _, ms in r.sides
            for m in ms
            if m.reason
        ]
        if reasons:
            blocks.append(Bullets(tuple(reasons)))
    else:
        blocks.append(Paragraph(t("report.readiness-none")))
    return [*blocks, *_approval_blocks(follow_up, sides, phase_title), *_meeting_blocks(follow_up, org)]


def _approval_blocks(follow_up: FollowUpOutline, sides: dict[str, str], phase_title) -> list[Block]:
    """The approvals: each phase approved for a side, and the answers changed since."""
    blocks: list[Block] = [Heading(2, t("report.approvals-heading"), "godkendelser")]
    if not follow_up.approvals:
        blocks.append(Paragraph(t("report.approvals-none")))
    for approval in follow_up.approvals:
        words = t(
            "report.approved",
            phase=phase_title(approval.phase_number, approval.phase),
            side=sides[approval.role],
            by=approval.by,
            day=approval.day,
        )
        if approval.disputed:  # a sentence: the versions are said in one of their own
            words += " " + t("report.approval-disputed")
        if approval.changed:
            blocks.append(
                Paragraph(words + " " + t("report.changed-since", n=len(approval.changed)), "warning")
            )
            blocks.append(Bullets(approval.changed))
        else:
            blocks.append(Paragraph(words))
    return blocks


def _meeting_blocks(follow_up: FollowUpOutline, org: Callable[[str], str]) -> list[Block]:
    """The meetings held, each with the organisation that noted it.

    Named by organisation, not 'jer' as status says: a report is read on both sides and beyond.
    """
    if not follow_up.meetings:
        return []
    said = tuple(t("report.meeting", day=m.day, org=org(m.by)) for m in follow_up.meetings)
    return [Heading(2, t("report.meetings-heading"), "moeder"), Bullets(said)]


def _action_row(action, owners: dict[str, str], common: bool) -> tuple[str, ...]:
    """An action's cells; with `common`, a general action says it is common to all dialogues."""
    what = action.what
    extra = []
    if action.tool or action.phase:
        extra.append(t("plan.words.from", source=action.tool or action.phase))
    if owners.get(action.owner):
        extra.append(t("plan.words.dialogue", org=owners[action.owner]))
    elif common and not action.owner:
        extra.append(t("plan.words.common"))
    if action.disputed:
        extra.append(t("report.plan-disputed"))
    if extra:
        what = t("report.plan-what", what=what, extra=t("list.separator").join(extra))
    status = t(f"plan.status.{action.status}")
    if action.overdue:
        status = t("report.plan-overdue-status", status=status)
    return (what, action.who or "–", day(action.due), status)
