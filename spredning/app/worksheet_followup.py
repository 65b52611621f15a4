"""The follow-up on a worksheet: which readiness marks, approvals and actions it shows, and reading them.

A worksheet shows, for the dialogue it is for, each side's readiness after each tool (the mark
the dialogue reads now, in the place it is kept; a new one goes to the dialogue), the approvals of
the phases it covers, and the actions of those phases with two empty rows for new ones. Every
worksheet, also one of a single phase, shows the actions that belong to no phase at the end, so a
partner without the program sees and updates each action; an action on two sheets is one record,
and a change typed in both is taken once (the same text is the same version). A worksheet made
empty (--tom) shows empty readiness fields and only the empty rows.

A field's text is read by the commands' own parsers: a colour as 'spredning klarhed' takes it (in
Danish in every edition), a status and a deadline as 'spredning plan ret' does. What cannot be
read is a problem named by field, and one problem refuses the whole worksheet, so nothing is half
imported. Approving a phase is not done in a worksheet: an approval covers the answers as they
stand after the import, which only the program can see, so the worksheet shows approvals as text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from spredning.app import plan, readiness
from spredning.core import followup, history
from spredning.core import readiness as picture
from spredning.core.errors import Message, UsageProblem, message
from spredning.core.model import Answer, Guide, Partner, Phase, Project
from spredning.worksheet import answers
from spredning.worksheet.followup import (
    ActionItem,
    ApprovalItem,
    MarkItem,
    PhaseFollow,
    shown_day,
    shown_status,
)
from spredning.worksheet.record import EDITABLE, FollowField, FollowRecord, checksum

NEW_ROWS = 2  # empty rows for new actions at the end of each phase's plan


class Numbers:
    """Field numbers handed out in page order, after the answer fields' numbers."""

    def __init__(self, first: int):
        self.next = first

    def take(self, count: int) -> Iterator[int]:
        """The next `count` numbers."""
        first, self.next = self.next, self.next + count
        return iter(range(first, self.next))


def _record(
    slot, version: str | None, kind: str, texts: tuple[str, ...], numbers: Numbers, source: str = ""
) -> FollowRecord:
    """A mark's or an action's record: its slot, version, and a numbered field for each value."""
    fields = tuple(
        FollowField(number, name, checksum(answers.normalise(text)))
        for number, name, text in zip(numbers.take(len(texts)), EDITABLE[kind], texts, strict=True)
    )
    return FollowRecord(slot, version, fields, source)


# -- making a worksheet ------------------------------------------------------------------------------


class Scope(NamedTuple):
    """What a worksheet is made for: a project's dialogue, its sides, and how."""

    project: Project
    partner: Partner
    roles: tuple[str, ...]
    empty: bool  # --tom: empty readiness fields, and only the rows for new actions
    sheet: str  # the worksheet's id


def follow_up(
    guide: Guide, parts, scope: Scope, first: int
) -> tuple[dict[str, PhaseFollow], tuple[FollowRecord, ...]]:
    """Each phase's marks, approvals and actions (by phase id, '' for no phase), and their records.

    The fields are numbered from `first` on, in page order: a phase's marks tool by tool and side
    by side, then its actions; the records are listed in the same order.
    """
    numbers = Numbers(first)
    follow: dict[str, PhaseFollow] = {}
    for phase, tools in parts:
        marks = tuple(_mark(scope, part.tool.id, role, numbers) for part in tools for role, _ in part.sides)
        actions = _actions(scope, phase, guide, numbers) + _new_rows(scope, phase, numbers)
        approvals = () if scope.empty else _approvals(guide, scope, phase)
        follow[phase.id] = PhaseFollow(approvals, actions, marks)
    follow[""] = PhaseFollow(actions=_actions(scope, None, guide, numbers))
    records: list[FollowRecord] = []
    for part in follow.values():  # in page order: the phases, then the actions of no phase
        records += [mark.record for mark in part.marks]
        records += [action.record for action in part.actions]
    return follow, tuple(records)


def _mark(scope: Scope, tool_id: str, role: str, numbers: Numbers) -> MarkItem:
    """A side's readiness after a tool, as the dialogue reads it, in a pair of fields."""
    project, partner = scope.project, scope.partner
    found = followup.readiness(project, partner, tool_id, role)
    slot = (found.where if found else partner.key, followup.record_key("klarhed", f"{tool_id}.{role}"))
    entry = project.record(slot)
    shown = (  # the colour in the sheet's language ('yellow' in English): typed back, it is taken
        ("", "")
        if scope.empty or found is None
        else (readiness.colour_word(found.colour), answers.xml_safe(found.reason))
    )
    version = None if scope.empty else history.written(entry.answer if entry else Answer())
    record = _record(slot, version, "klarhed", shown, numbers)
    disputed = not scope.empty and found is not None and found.disputed
    return MarkItem(tool_id, role, record, *shown, disputed=disputed)


def _actions(scope: Scope, phase: Phase | None, guide: Guide, numbers: Numbers) -> tuple[ActionItem, ...]:
    """The dialogue's actions from a phase (None: from no phase the guide has), as rows of fields."""
    if scope.empty:
        return ()
    phases = {p.id for p in guide.phases}
    return tuple(
        _action_item(scope.project, item, numbers)
        for item in followup.plan_items(scope.project, scope.partner)
        if (item.phase == phase.id if phase else item.phase not in phases)
    )


def _action_item(project: Project, item: followup.PlanItem, numbers: Numbers) -> ActionItem:
    slot = (item.where, followup.record_key("plan", item.id))
    entry = project.record(slot)
    assert entry is not None  # the item was read from it
    shown = (
        answers.xml_safe(item.what),
        answers.xml_safe(item.who),
        shown_day(item.due),
        shown_status(item.status),
    )
    record = _record(slot, history.written(entry.answer), "plan", shown, numbers, item.source)
    return ActionItem(record, shown, bool(item.others))


def _new_rows(scope: Scope, phase: Phase, numbers: Numbers) -> tuple[ActionItem, ...]:
    """Empty rows for new actions; their ids come from the worksheet's, so a second import is the same."""
    taken = {key for section in scope.project.records.values() for key in section}
    rows: list[ActionItem] = []
    attempt = 0
    while len(rows) < NEW_ROWS:
        seed = f"{scope.sheet}:{phase.id}:{attempt}".encode()
        key = followup.record_key("plan", hashlib.sha256(seed).hexdigest()[:8])
        attempt += 1
        if key not in taken:
            record = _record((scope.partner.key, key), None, "plan", ("",) * 4, numbers, phase.id)
            rows.append(ActionItem(record, ("", "", "", "")))
    return tuple(rows)


def _approvals(guide: Guide, scope: Scope, phase: Phase) -> tuple[ApprovalItem, ...]:
    return tuple(
        ApprovalItem(state.approval.side, state.approval.by, state.approval.day, len(state.changed))
        for state in picture.approval_states(guide, scope.project, scope.partner)
        if state.approval.phase == phase.id and state.approval.side in scope.roles
    )


# -- reading a returned worksheet ----------------------------------------------------------------


def parse(item: FollowRecord, texts: Mapping[str, str]) -> Answer | dict[str, Message]:
    """A mark's or an action's fields as the record's content, or the problem with each bad value."""
    return _read_mark(texts) if item.kind == "klarhed" else _read_action(item, texts)


def _read_mark(texts: Mapping[str, str]) -> Answer | dict[str, Message]:
    problems: dict[str, Message] = {}
    said = _word(texts["farve"])
    reason = _line(texts["begrundelse"], "begrundelse", problems)
    colour = None
    if said:
        try:
            # made in one language, read in the other; 'Grøn ✅' is green (_colour_word)
            colour = readiness.parse_colour(_colour_word(said), any_language=True)
        except UsageProblem:  # a colour among other words or marks: said so, the rest goes in the reason
            key = "worksheet.bad.colour-more" if _names_a_colour(said) else "worksheet.bad.colour"
            problems["farve"] = message(key, value=said)
    elif reason:
        problems["begrundelse"] = Message("worksheet.bad.reason-alone")
    if problems:
        return problems
    return Answer(fields=followup.fields(farve=colour, begrundelse=reason if colour else None))


def _read_action(item: FollowRecord, texts: Mapping[str, str]) -> Answer | dict[str, Message]:
    problems: dict[str, Message] = {}
    new = item.version is None
    what = _line(texts["hvad"], "hvad", problems)
    who = _line(texts["hvem"], "hvem", problems)
    due_text, status_text = _word(texts["frist"]), _word(texts["status"])
    if new and not (what or who or due_text or status_text):
        return Answer()  # an empty row: nothing
    if not what and "hvad" not in problems:
        problems["hvad"] = Message("worksheet.bad.no-what-new" if new else "worksheet.bad.no-what")
    due = None
    frist = next((field for field in item.fields if field.name == "frist"), None)
    kept = frist is not None and frist.shown == checksum(answers.normalise(texts["frist"]))  # as shown
    try:
        due = plan.parse_due(due_text, kept=kept)
    except UsageProblem as refused:  # said as every date field says it (plan.date_problem)
        problems["frist"] = message("worksheet.bad.date", why=refused.message, how=plan.date_hint(refused))
    status = "ikke-startet"
    if status_text:
        try:
            status = plan.parse_status(status_text, any_language=True)  # made in one, read in the other
        except UsageProblem:
            problems["status"] = message("worksheet.bad.status", value=status_text)
    elif not new:
        problems["status"] = Message("worksheet.bad.no-status")
    if problems:
        return problems
    return Answer(fields=plan.record_fields(plan.Action(what, who, due, status, item.source)))


# marks around a colour that may say 'not' or 'unsure' ('Grøn ❌', 'gul?'): the colour is not taken
_NOT_SURE = frozenset("?¿❌❎✖✗✘🚫⛔")


def _colour_word(said: str) -> str:
    """A colour box's word without the marks around it ('Grøn ✅', 'gul!', '(rød)'), else `said` as written.

    Only whitespace, punctuation and symbols (emoji, with their joiners and modifiers) around one
    word are taken off. Two words ('grøn/gul', 'ikke grøn') stay, to be refused, and so does a word
    with a mark that may say 'not' or 'unsure' (_NOT_SURE): a box that says two things is not read
    as one.
    """
    start, end = 0, len(said)
    while start < end and _decoration(said[start]):
        start += 1
    while end > start and _decoration(said[end - 1]):
        end -= 1
    marks = said[:start] + said[end:]
    return said if start == end or _NOT_SURE.intersection(marks) else said[start:end]


def _names_a_colour(said: str) -> bool:
    """True when one of the box's words is a colour ('ikke grøn', 'grøn/gul', 'Grøn ❌')."""
    for word in re.findall(r"\w+", said):
        try:
            readiness.parse_colour(word, any_language=True)
        except UsageProblem:
            continue
        return True
    return False


def _decoration(char: str) -> bool:
    """Punctuation, a symbol (an emoji), blank space, or a mark that joins or modifies an emoji."""
    return unicodedata.category(char)[0] in "PSZ" or unicodedata.category(char) in ("Mn", "Me", "Cf")


def _word(text: str) -> str:
    """A one-word value as typed: its words on one line, without a full stop at the end."""
    return " ".join(text.split()).rstrip(".").strip()


def _line(text: str, name: str, problems: dict[str, Message]) -> str:
    """A one-line value (line breaks become spaces), at most as long as the file allows."""
    try:
        return plan.check_text(text, name)
    except UsageProblem:
        problems[name] = message("worksheet.bad.too-long", limit=followup.MAX_TEXT)
        return ""
