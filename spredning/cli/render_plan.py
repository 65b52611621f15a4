"""Rich renderables for the follow-up: the plan, the readiness picture, approvals, where to act first.

Colours only underline what the words say (overskredet, grøn, gul, rød), so the output reads the
same without colour. User text goes through ``plain`` as everywhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from spredning.cli.render import bullets, plain, role_title
from spredning.cli.render_narrow import TableOrList, longest_word, shared_out, table_width
from spredning.core import followup
from spredning.core.copies import from_other_project
from spredning.core.followup import PlanItem
from spredning.core.followup_outline import ActionRow, ApprovalRow, MarkRow, PhaseReadiness
from spredning.core.model import SHARING, Answer, Guide, Project
from spredning.core.textsafe import clean
from spredning.i18n import date, t

if TYPE_CHECKING:
    from spredning.app.views import HeldMeeting

COLOUR_STYLE = {"grøn": "green", "gul": "yellow", "rød": "red"}


def day(value: datetime.date | None) -> str:
    """A deadline as the plan shows it: dd-mm-åååå."""
    return followup.typed_day(value) if value else "–"


def status_text(item: PlanItem | ActionRow, today: datetime.date) -> Text:
    """An action's status in words, with 'overskredet' when its deadline has passed."""
    words = t(f"plan.status.{item.status}")
    late = item.overdue(today) if isinstance(item, PlanItem) else item.overdue
    if late:
        return Text.assemble((words, ""), "\n", (t("plan.overdue-mark"), "bold red"))
    return Text(words, style="dim" if item.status in ("færdig", "droppet") else "")


def plan_table(
    items: Sequence[PlanItem],
    guide: Guide,
    today: datetime.date,
    owners: dict[str, str],
    whose: Callable[[str], str | None] = lambda by: None,
) -> RenderableType:
    """The plan as a table: id, what (and where it came from), who, deadline and status.

    `owners` (partner key -> name) is given when the project has several dialogues: each action
    then says whose dialogue it is in, or that it is common to all ('' is the general list).
    `whose` words where another version of an action came from (version_of), or None: not known.
    Where 'what' and 'who' cannot keep their longest words whole, each action is a short block
    instead (its id and status, then what, who and the deadline on lines of their own).
    """
    rows = [_row(item, guide, today, owners, whose) for item in items]
    headings = [t(f"plan.column.{name}") for name in ("id", "what", "who", "due", "status")]
    widths = [
        max(longest_word(heading), *(longest_word(row[column]) for row in rows))
        for column, heading in enumerate(headings)
    ]
    for column in (0, 3, 4):  # never wrapped: as wide as their longest line
        widths[column] = max(_widest_line(headings[column]), *(_widest_line(row[column]) for row in rows))
    widths[1] = max(widths[1], MIN_WHAT)
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(headings[0], no_wrap=True, style="dim")
    table.add_column(headings[1], overflow="fold", ratio=3, min_width=widths[1])
    table.add_column(headings[2], overflow="fold", ratio=1, min_width=widths[2])
    table.add_column(headings[3], no_wrap=True)
    table.add_column(headings[4], no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return TableOrList(table, lambda width: _plan_list(rows, headings), table_width(widths))


MIN_WHAT = 16  # the 'what' column is never narrower: an action's words read as a sentence


def _widest_line(text: str | Text) -> int:
    return max(cell_len(line) for line in (text.plain if isinstance(text, Text) else text).split("\n"))


def _row(item: PlanItem, guide: Guide, today, owners: dict[str, str], whose) -> tuple:
    """One action's cells: id, what (with where it came from and its other versions), who, due, status."""
    tools = {tool.id: tool.title for phase in guide.phases for tool in phase.tools}
    phases = {phase.id: phase.name for phase in guide.phases}
    what = plain(item.what)
    source = tools.get(item.source) or phases.get(item.source, "")
    extra = [t("plan.words.from", source=source)] if source else []
    if owners:  # several dialogues: say whose each action is, or that it is common to all
        owner = owners.get(item.where)
        extra.append(t("plan.words.dialogue", org=owner) if owner else t("plan.words.common"))
    if item.others:
        extra.append(_versions(item, whose))
    if extra:  # in parentheses on a line of its own: without colour, dim alone reads as more action
        what.append("\n" + t("plan.words.note", text=t("list.separator").join(extra)), style="dim")
    return (item.id, what, plain(item.who or "–"), day(item.due), status_text(item, today))


def _versions(item: PlanItem, whose) -> str:
    """What the other versions of an action say, each with the organisation it came from if known."""
    others = _differences(item, item.others)
    named = [whose(other.by) for other in item.others]
    if any(named) or (item.by and whose(item.by)):  # each version with the organisation it came from
        said = [
            t("plan.other-says-named", version=name, what=text) if name else t("plan.other-says", what=text)
            for name, text in zip(named, others, strict=True)
        ]
        shown = whose(item.by) if item.by else None  # the version shown, when its writer is known
        if shown:
            return t("plan.two-versions-shown", n=len(item.others) + 1, version=shown, others=said)
        return t("plan.two-versions-named", n=len(item.others) + 1, others=said)
    said_all = t("plan.others-say", n=len(others), what=others)  # "den anden" only when one
    return t("plan.two-versions", n=len(item.others) + 1, others=said_all)


def _plan_list(rows: list[tuple], headings: list[str]) -> RenderableType:
    """The plan for a narrow terminal: each action its id and status, then what, who and the deadline."""
    blocks: list[RenderableType] = []
    for number, (ident, what, who, due, status) in enumerate(rows):
        if number:
            blocks.append(Text())
        top = Text(ident, style="bold")
        top.append(" · ").append_text(status.copy())
        blocks.append(_joined_lines(top))
        body = Group(
            what,
            Text.assemble((headings[2] + ": ", "bold"), who),
            Text.assemble((headings[3] + ": ", "bold"), due),
        )
        blocks.append(Padding(body, (0, 0, 0, 2)))
    return Group(*blocks)


def _joined_lines(text: Text) -> Text:
    """A text of several lines on one line, its lines joined by ' · ' (styles kept)."""
    lines = text.split("\n")
    joined = Text()
    for number, line in enumerate(lines):
        if number:
            joined.append(" · ")
        joined.append_text(line)
    return joined


def version_of(names: Callable[[str], str], me: str | None, by: str) -> str | None:
    """Where another version of a record came from, in words; None where that says nothing true.

    On the sharing side a partner's file brings only what that partner wrote: its version. On a
    reusing side the sharing side's file may carry another partner's change: the version is only
    said to come from there. `names` gives an organisation's name from its key.
    """
    if me == SHARING and by and by != SHARING:
        return t("plan.version-of", org=names(by))
    if me not in (None, SHARING) and by == SHARING:
        return t("plan.version-from", org=names(by))
    return None


def _differences(item: PlanItem, others: Sequence[PlanItem]) -> list[str]:
    """What the other versions of an action say where they differ from the one shown."""
    said = []
    for other in others:
        parts = [
            text
            for mine, theirs, text in (
                (item.what, other.what, other.what),
                (item.who, other.who, other.who or "–"),
                (item.due, other.due, day(other.due)),
                (item.status, other.status, t(f"plan.status.{other.status}")),
            )
            if mine != theirs
        ]
        said.append(t("list.separator").join(parts) or "–")
    return said


def action_lines(items: Sequence[PlanItem], today: datetime.date) -> RenderableType:
    """Actions as short bullet lines: what, who and the deadline."""
    lines = []
    for item in items:  # the user's words are data: control characters shown, never sent raw
        parts = [clean(item.what)]
        if item.who:
            parts.append(t("plan.words.who", who=clean(item.who)))
        if item.due:
            parts.append(t("plan.words.due", day=item.due))
        if item.others:  # changed on both sides: the deadline shown may not be the one that applies
            parts.append(t("plan.words.versions", n=len(item.others) + 1))
        lines.append(Text(t("list.separator").join(parts) + f" [{item.id}]"))
    return bullets(lines, 2)


def colour_word(colour: str) -> Text:
    """A readiness colour as its word, in its colour."""
    return Text(t(f"plan.colour.{colour}"), style=COLOUR_STYLE.get(colour, ""))


def readiness_table(picture: Sequence[PhaseReadiness], sides: dict[str, str] | None = None) -> RenderableType:
    """The readiness picture: per phase, each side's marks tool by tool.

    `sides` (role -> column heading, e.g. the organisation's name) chooses the columns and what
    they are called; without it both sides are shown under their titles. Where a column cannot
    keep its longest word whole, each phase is a heading with its sides' marks below it.
    """
    headings = sides if sides is not None else {role: role_title(role) for role in ("dele", "genbruge")}
    roles = [role for role in ("dele", "genbruge") if role in headings]
    rows = [(plain(f"{phase.number}. {phase.name}"), _mark_cells(phase, roles)) for phase in picture]
    titles = [plain(t("status.phase")), *(plain(headings[role]) for role in roles)]  # names: no markup
    widths = [max(_widest_line(titles[0]), *(_widest_line(name) for name, _ in rows))]  # a phase on one line
    widths += [longest_word(titles[1 + n], *(cells[n] for _, cells in rows)) for n in range(len(roles))]
    longest = [
        max(_widest_line(titles[1 + n]), *(_widest_line(cells[n]) for _, cells in rows))
        for n in range(len(roles))
    ]

    def table(width: int) -> Table:
        room = width - table_width([widths[0], *(0 for _ in roles)])
        drawn = Table(show_edge=False, pad_edge=False, header_style="bold")
        drawn.add_column(titles[0], no_wrap=True)
        for title, size in zip(titles[1:], shared_out(room, widths[1:], longest), strict=True):
            drawn.add_column(title, overflow="fold", width=size)
        for name, cells in rows:
            drawn.add_row(name, *cells)
        return drawn

    def listed(width: int) -> RenderableType:
        lines: list[RenderableType] = []
        for name, cells in rows:
            lines.append(Text(name.plain, style="bold"))
            for title, cell in zip(titles[1:], cells, strict=True):  # the side, then its marks below it
                lines += [Padding(Text.assemble(title, ":"), (0, 0, 0, 2)), Padding(cell, (0, 0, 0, 4))]
        return Group(*lines)

    return TableOrList(table, listed, table_width(widths))


def _mark_cells(phase: PhaseReadiness, roles: Sequence[str]) -> list[Text]:
    """Each chosen side's marks in one phase: 'tool: colour' a line each, or '–'."""
    cells = []
    for role, marks in phase.sides:
        if role not in roles:
            continue
        cell = Text()
        for number, mark in enumerate(marks):
            if number:
                cell.append("\n")
            cell.append(f"{mark.tool}: ")
            cell.append_text(colour_word(mark.colour))
            if mark.disputed:  # the other versions: status and klarhed list them under the table
                cell.append(" " + t("plan.mark-disputed"), style="yellow")
        cells.append(cell if marks else Text("–", style="dim"))
    return cells


def mark_line(mark: MarkRow, sides: dict[str, str] | None = None) -> Text:
    """One red or yellow mark: colour, phase, tool, side (or `sides`' name for it) and the reason."""
    side = (sides or {}).get(mark.role) or role_title(mark.role)
    text = colour_word(mark.colour)
    text.append(": " + t("plan.mark-where", phase=mark.phase, tool=mark.tool, side=side))
    if mark.reason:
        text.append(" – " + mark.reason, style="dim")
    return text


def approval_lines(rows: Sequence[ApprovalRow]) -> RenderableType:
    """Each approval, and the answers changed since it was given."""
    parts: list[RenderableType] = []
    for row in rows:
        words = t("plan.approved", phase=row.phase, side=role_title(row.role), by=row.by, day=date(row.day))
        if row.disputed:
            words += " " + t("plan.approval-disputed")
        if row.changed:
            parts.append(Text(words + " " + t("plan.changed-since", n=len(row.changed)), style="yellow"))
            parts.append(bullets(list(row.changed), 4, style="dim"))
        else:
            parts.append(Text(words, style="green"))
    return Group(*parts)


def follow_up_status(state) -> list[RenderableType]:
    """What status shows of the follow-up: overdue and next actions, readiness, approvals."""
    today = datetime.date.today()
    parts: list[RenderableType] = []
    if state.overdue:
        parts.append(Text(t("plan.status-overdue", n=len(state.overdue)), style="bold red"))
        parts.append(action_lines(state.overdue, today))
    if state.next_due:
        parts.append(Text(t("plan.status-next", n=len(state.next_due)), style="bold"))
        parts.append(action_lines(state.next_due, today))
    elif state.open_actions and not state.overdue:
        parts.append(Text(t("plan.status-open", n=state.open_actions)))
    outline = state.outline
    if outline.readiness:
        parts.append(Text(t("plan.status-readiness"), style="bold"))
        parts.append(readiness_table(outline.readiness))
    if outline.act_first:
        parts.append(Text(t("readiness.act-first"), style="bold"))
        parts.append(bullets([mark_line(m) for m in outline.act_first], 2))
    if outline.approvals:
        parts.append(approval_lines(outline.approvals))
    return parts


MEETINGS_SHOWN = 3  # the latest meetings named; the rest are counted


def meetings_line(project: Project, meetings: Sequence[HeldMeeting]) -> Text | None:
    """The meetings held in a dialogue, the latest few, each with whose note it is (None: none held)."""
    if not meetings:
        return None
    named = [meeting_words(project, m) for m in meetings[-MEETINGS_SHOWN:]]
    if len(meetings) > MEETINGS_SHOWN:
        return Text(t("status.meetings-latest", n=len(meetings), meetings=named))
    return Text(t("status.meetings", n=len(meetings), meetings=named))


def meeting_words(project: Project, meeting: HeldMeeting) -> str:
    """One meeting: its day, and whose note it is ('noteret af jer', or the organisation's name)."""
    from spredning.cli.render_project import org_name

    if meeting.ours or meeting.by is None:
        return t("status.meeting-ours", day=meeting.day)
    return t("status.meeting-by", day=meeting.day, org=org_name(project, meeting.by))


def record_line(guide: Guide, key: str, version: Answer, org: str = "", noted: str = "") -> str:
    """One follow-up record as an import lists it: what it says in this version (or that it is gone).

    `org` names the organisation of the dialogue the record is in: a reusing side's mark or approval
    says whose it is ("Vi vil genbruge (Viborg Kommune)"), as an answer's place does. The sharing
    side's own variant for one partner keeps its title ("Vi vil dele (Viborg Kommune)" would read as
    Viborg sharing). `noted` names who noted a meeting ('jer', or the organisation), as status does.
    """
    kind, rest = followup.split_key(key)
    values = dict(version.fields)

    def side(role: str) -> str:
        if org and role == "genbruge":
            return t("where.side-of", side=role_title(role), org=org)
        return role_title(role)

    if kind == "klarhed":
        return _mark_record(guide, rest, version, values, side)
    if kind == "plan":
        if version.empty:
            return t("importer.record.action-removed", id=rest)
        due = followup.parse_day(values.get("frist", ""))
        return t(
            "importer.record.action",
            what=values.get("hvad", ""),
            status=t(f"plan.status.{values.get('status', 'ikke-startet')}"),
            due=day(due) if due else "",
            who=values.get("hvem", ""),
        )
    held = followup.parse_day(values.get("dato", ""))  # an approval and a meeting always have a date
    if kind == "godkendelse":
        phase_id, _, role = rest.rpartition(".")
        phase = guide.find_phase(phase_id)
        words = {"phase": phase.name if phase else phase_id, "side": side(role)}
        if version.empty or held is None:
            return t("importer.record.approval-removed", **words)
        return t("importer.record.approval", by=values.get("af", ""), day=held, **words)
    if version.empty or held is None:
        return t("importer.record.meeting-removed")
    return t("importer.record.meeting", day=held, noted=noted)


def _mark_record(guide: Guide, key: str, version: Answer, values: dict[str, str], side) -> str:
    tool_id, _, role = key.rpartition(".")
    found = next(((p, tl) for p in guide.phases for tl in p.tools if tl.id == tool_id), None)
    phase, tool = (found[0].name, found[1].title) if found else ("?", tool_id)
    where = t("plan.mark-where", phase=phase, tool=tool, side=side(role))
    if version.empty:
        return t("importer.record.mark-removed", where=where)
    colour = t(f"plan.colour.{values.get('farve', 'gul')}")
    return t("importer.record.mark", where=where, colour=colour, reason=values.get("begrundelse", ""))


def versions_heading(guide: Guide, found: followup.Versions, org: str = "") -> str:
    """What a mark or approval kept in several versions is: 'Klarhed, Tjek · Beskriv … · Vi vil dele'.

    `org` names the organisation of the dialogue it is in, as record_line does.
    """
    side = (
        t("where.side-of", side=role_title(found.side), org=org) if org and found.side == "genbruge" else ""
    )
    side = side or role_title(found.side)
    if found.kind == "klarhed":
        tool = next((tl for p in guide.phases for tl in p.tools if tl.id == found.subject), None)
        phase = guide.find_phase(found.subject.partition(".")[0])
        where = t(
            "plan.mark-where",
            phase=phase.name if phase else "?",
            tool=tool.title if tool else found.subject,
            side=side,
        )
        return t("versions.mark-heading", where=where)
    phase = guide.find_phase(found.subject)
    return t("versions.approval-heading", phase=phase.name if phase else found.subject, side=side)


def version_text(kind: str, version: Answer) -> str:
    """What one version of a mark or approval says: 'rød – reason', 'Bente 1. december 2026', removed."""
    values = dict(version.fields)
    if kind == "klarhed":
        if version.empty:
            return t("versions.mark-removed")
        colour = t(f"plan.colour.{values.get('farve', 'gul')}")
        return t("versions.mark", colour=colour, reason=values.get("begrundelse", ""))
    held = followup.parse_day(values.get("dato", ""))
    if version.empty or held is None:
        return t("versions.approval-removed")
    return t("versions.approval", by=values.get("af", ""), day=held)


def _own_version(other: Answer, project_id: str, me: str) -> str:
    """A version of our own kept beside ours: from our worksheet, or (projekt flet) another project."""
    merged = project_id and from_other_project(other, project_id, me)
    return t("conflict.own-sheet-heading.merged" if merged else "conflict.own-sheet-heading")


def version_lines(
    found: followup.Versions,
    whose: Callable[[str], str | None],
    shown_by: str | None,
    me: str | None,
    project_id: str = "",
) -> list[str]:
    """Each version of a mark or approval, the one that applies here now first, labelled.

    The labels are the actions': 'Jeres udgave', 'Ærø Kommunes udgave', 'Udgaven fra Odense Kommune'.

    `whose` words an organisation's version (version_of); `shown_by` is the partner whose file brought
    the version shown, when known (app/exchange/noting.writer); a version from this organisation's own
    worksheet (its source is `me`) is called so, and one of ours from another project here (projekt flet, told
    by its copies: no worksheet of this project `project_id` wrote it) so.
    """
    labels = version_labels(found, whose, shown_by, me, project_id)
    return [
        t("versions.line", version=label, what=version_text(found.kind, version))
        for label, version in zip(labels, found.versions, strict=True)
    ]


def version_labels(
    found: followup.Versions,
    whose: Callable[[str], str | None],
    shown_by: str | None,
    me: str | None,
    project_id: str = "",
) -> list[str]:
    """Each version's label, as version_lines begins its line: 'Jeres udgave', 'Ærø Kommunes udgave'."""
    labels = [(whose(shown_by) if shown_by else None) or t("plan.version-yours")]
    labels += [
        (_own_version(other, project_id, me) if me and other.source == me else None)
        or whose(other.source)
        or t("versions.other")
        for other in found.versions[1:]
    ]
    return [label[:1].upper() + label[1:] for label in labels]
