"""Follow-up: the action plan, readiness marks, approvals and meetings, kept beside the answers.

Each is a record: an Answer whose ``fields`` hold its values (model.py), so it has a version and a
checksum and travels and merges by the same history rules as an answer (history.py). Records live
in ``Project.records`` under '' (the sharing side's general records, which serve every dialogue)
or a partner's key (one dialogue), keyed 'KIND:KEY':

- ``plan:ID`` an action (handling): hvad, hvem, frist, status, værktøj (the phase and tool it came from);
- ``klarhed:FASE.VÆRKTØJ.SIDE`` a side's readiness after a tool: farve (grøn, gul, rød), begrundelse;
- ``godkendelse:FASE.SIDE`` a phase approved for a side: af (who), dato, svar (fingerprints of the
  answers as approved, so an answer changed afterwards is noticed);
- ``moede:ID`` a meeting held: dato, svar (fingerprints of the dialogue's answers that day, so the
  agenda can say which answers arrived since), noteret-af (the organisation that noted it: 'dele' or
  the dialogue's partner key; a meeting noted before the field existed has none, see NOTED_BY).

A sharing-side readiness mark or approval in a dialogue is read before the general one, as a
partner-specific variant of an answer is. No words here; dates are ISO strings in the fields.
"""

from __future__ import annotations

import datetime
import os
import re
import zlib
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from spredning.core import history
from spredning.core.model import (
    NOTHING,
    ROLES,
    SHARING,
    Answer,
    Dialogue,
    Entry,
    Fields,
    Partner,
    Project,
    side_of,
)

STATUSES = ("ikke-startet", "i-gang", "færdig", "droppet")
OPEN = ("ikke-startet", "i-gang")
COLOURS = ("grøn", "gul", "rød")
MAX_TEXT = 500
MAX_FINGERPRINTS = 2000
ID = re.compile(r"^[0-9a-f]{8}$")
_NAME = r"[a-z0-9]+(?:-[a-z0-9]+)*"
TOOL_SIDE = re.compile(rf"^{_NAME}\.{_NAME}\.(?:dele|genbruge)$")
PHASE_SIDE = re.compile(rf"^{_NAME}\.(?:dele|genbruge)$")
SOURCE = re.compile(rf"^{_NAME}(?:\.{_NAME})?$")  # 'fase' or 'fase.værktøj'
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FINGERPRINT = re.compile(r"^[0-9a-f]{8}$")


class Kind(NamedTuple):
    """One kind of record: its section in the file, its keys, its fields (in file order), limits."""

    section: str
    key: re.Pattern[str]
    fields: tuple[str, ...]
    required: tuple[str, ...]
    most: int  # records of this kind in one section of a file


KINDS = {
    "plan": Kind("plan", ID, ("hvad", "hvem", "frist", "status", "værktøj"), ("hvad", "status"), 1000),
    "klarhed": Kind("klarhed", TOOL_SIDE, ("farve", "begrundelse"), ("farve",), 500),
    "godkendelse": Kind("godkendelser", PHASE_SIDE, ("af", "dato", "svar"), ("af", "dato"), 100),
    "moede": Kind("møder", ID, ("dato", "svar", "noteret-af"), ("dato",), 500),
}
# Who noted a meeting travels in the record itself, so every copy of the project (a colleague's, a
# partner's, one started again from a partner's file) says the same. A program from before the field
# refuses a record with an unknown field, so a file with one declares a newer format
# (filehead.NOTED_FORMAT, NOTED_EXCHANGE_FORMAT): that program asks to be updated instead of
# calling the file broken, and nothing is dropped on the way.
NOTED_BY = "noteret-af"
_ORGANISATION = re.compile(rf"^{_NAME}$")  # 'dele' or a partner's key (projectfile.KEY_PATTERN's form)
SECTIONS = {kind.section: name for name, kind in KINDS.items()}


def record_key(kind: str, key: str) -> str:
    """The key a record has in Project.records: 'KIND:KEY'."""
    return f"{kind}:{key}"


def split_key(key: str) -> tuple[str, str]:
    """(kind, key) of a record key."""
    kind, _, rest = key.partition(":")
    return kind, rest


ID_LENGTH = 8  # characters of a new plan item's or meeting's id (hex)


def new_id() -> str:
    """A new random id for a plan item or a meeting (the same in every copy once made)."""
    return os.urandom(ID_LENGTH // 2).hex()


def fields(**values: str | None) -> Fields:
    """Record fields from keyword values; empty values are left out, names sorted."""
    return tuple(sorted((name, value) for name, value in values.items() if value))


def problem(kind: str, values: Mapping[str, object]) -> str | None:
    """What is wrong with a record's values (a catalogue key), or None when they are valid."""
    spec = KINDS[kind]
    if any(name not in spec.fields for name in values):
        return "followup.unknown-field"
    if any(not isinstance(value, str) for value in values.values()):
        return "followup.not-text"
    if any(not values.get(name) for name in spec.required):
        return "followup.missing-field"
    checks = (
        ("hvad", _line),
        ("hvem", _line),
        ("af", _line),
        ("begrundelse", _line),
        ("frist", _day),
        ("dato", _day),
        ("status", lambda v: v in STATUSES),
        ("farve", lambda v: v in COLOURS),
        ("værktøj", lambda v: bool(SOURCE.match(v)) and len(v) <= 200),
        ("svar", _fingerprints),
        (NOTED_BY, lambda v: bool(_ORGANISATION.match(v)) and len(v) <= 60),
    )
    for name, valid in checks:
        if name in values and not valid(str(values[name])):
            return f"followup.bad-{name}"
    return None


def _line(value: str) -> bool:
    return len(value) <= MAX_TEXT and "\n" not in value and "\r" not in value


def _day(value: str) -> bool:
    return parse_day(value) is not None


def typed_day(day: datetime.date) -> str:
    """A date as Danes write it and as the plan reads it back: dd-mm-åååå.

    Four digits also for a year before 1000: strftime writes 01-01-1 for 0001-01-01, which the plan
    (and a worksheet coming back) cannot read.
    """
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def parse_day(value: str) -> datetime.date | None:
    """An ISO date (åååå-mm-dd) from a file, or None when it is not one."""
    if not DAY.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _fingerprints(value: str) -> bool:
    words = value.split()
    return len(words) <= MAX_FINGERPRINTS and all(FINGERPRINT.match(w) for w in words)


# -- fingerprints of answers -------------------------------------------------------------------


def fingerprint(question_id: str, answer: Answer | None) -> str:
    """A short fingerprint of what one question's answer says (or that it is unanswered)."""
    check = history.checksum(answer if answer is not None else Answer())
    return f"{zlib.crc32(f'{question_id} {check}'.encode()):08x}"


def fingerprints(view: Dialogue, question_ids: Iterable[str], answered_only: bool = False) -> str:
    """The fingerprints of some questions' answers in a dialogue, as a record's 'svar' field."""
    prints = {
        fingerprint(qid, view.answer(qid))
        for qid in question_ids
        if not answered_only or view.answer(qid) is not None
    }
    return " ".join(sorted(prints))


def changed(view: Dialogue, question_ids: Iterable[str], prints: frozenset[str]) -> list[str]:
    """The questions whose answer is not what the fingerprints recorded (new, changed or removed)."""
    return [qid for qid in question_ids if fingerprint(qid, view.answer(qid)) not in prints]


# -- typed views ------------------------------------------------------------------------------


class PlanItem(NamedTuple):
    """An action in the plan, where it is kept ('' general, or a partner's key), and its state."""

    id: str
    what: str
    who: str
    due: datetime.date | None
    status: str
    source: str  # 'fase.værktøj' it came from, or ''
    where: str
    others: tuple[PlanItem, ...] = ()  # other versions waiting for a decision (both sides changed it)
    by: str = ""  # for a version kept beside: the organisation whose file brought it ('dele', a key; '')

    @property
    def open(self) -> bool:
        """True while the action is not done or dropped."""
        return self.status in OPEN

    def overdue(self, today: datetime.date) -> bool:
        """True for an open action whose deadline has passed."""
        return self.open and self.due is not None and self.due < today

    @property
    def phase(self) -> str | None:
        """The id of the phase the action came from."""
        return self.source.partition(".")[0] or None


class Mark(NamedTuple):
    """A side's readiness after a tool: grøn, gul or rød, with an optional reason."""

    phase: str
    tool: str
    side: str
    colour: str
    reason: str
    where: str
    disputed: bool = False  # another version waits for a decision


class Approval(NamedTuple):
    """A phase approved for a side: by whom, when, and the answers as they were approved."""

    phase: str
    side: str
    by: str
    day: datetime.date
    prints: frozenset[str]
    where: str
    disputed: bool = False


class Meeting(NamedTuple):
    """A meeting between the two organisations, and the dialogue's answers that day."""

    id: str
    day: datetime.date
    prints: frozenset[str]
    where: str
    by: str | None = None  # the organisation that noted it ('dele' or a partner's key); None: not said


def noter(noted_by: str | None, where: str) -> str | None:
    """The organisation that noted a meeting in the dialogue `where`: 'dele' or that partner's key.

    Two meet in a dialogue, so a meeting's noteret-af (`noted_by`) names the sharing side or the
    dialogue's partner (by any key: the dialogue's key is the one used here). None when it does not
    say (a meeting noted by a program from before the field).
    """
    if noted_by is None:
        return None
    return SHARING if noted_by == SHARING else where or noted_by


def noted(project: Project) -> bool:
    """True when a record of the project says who noted a meeting (its file needs a newer format)."""
    return any(
        NOTED_BY in dict(answer.fields)
        for records in project.records.values()
        for entry in records.values()
        for answer in (entry.answer, *entry.others)
    )


def _values(answer: Answer) -> dict[str, str]:
    return dict(answer.fields)


def plan_item(where: str, key: str, entry: Entry) -> PlanItem | None:
    """The plan item in a record (None for a deleted one)."""
    item = _plan_item(where, key, entry.answer)
    if item is None:
        return None
    others = tuple(o for o in (_plan_item(where, key, a) for a in entry.others) if o is not None)
    return item._replace(others=others)


def _plan_item(where: str, key: str, answer: Answer) -> PlanItem | None:
    if answer.empty:
        return None
    values = _values(answer)
    return PlanItem(
        id=key,
        what=values.get("hvad", ""),
        who=values.get("hvem", ""),
        due=parse_day(values.get("frist", "")),
        status=values.get("status", OPEN[0]),
        source=values.get("værktøj", ""),
        where=where,
        by=answer.source,
    )


def _dialogue_keys(project: Project, partner: Partner | None) -> tuple[str, ...]:
    return ("", partner.key) if partner is not None else ("",)


def _kind_records(project: Project, where: str, kind: str) -> Iterable[tuple[str, Entry]]:
    prefix = f"{kind}:"
    for key, entry in project.records.get(where, NOTHING).items():
        if key.startswith(prefix):
            yield key[len(prefix) :], entry


def plan_items(project: Project, partner: Partner | None, everywhere: bool = False) -> list[PlanItem]:
    """A dialogue's plan (its own actions and the general ones), or, `everywhere`, every action."""
    places = list(project.records) if everywhere else _dialogue_keys(project, partner)
    items = [
        item
        for where in dict.fromkeys(places)
        for key, entry in _kind_records(project, where, "plan")
        if (item := plan_item(where, key, entry)) is not None
    ]
    return ordered(items, None)


def ordered(items: Iterable[PlanItem], today: datetime.date | None) -> list[PlanItem]:
    """Overdue first, then open by deadline (none last), then done, then dropped; ties by text, id."""
    far = datetime.date.max

    def rank(item: PlanItem) -> tuple[bool, int, datetime.date, str, str]:
        late = today is not None and item.overdue(today)
        closed = 0 if item.open else 1 + (item.status == "droppet")
        return (not late, closed, item.due or far, item.what.casefold(), item.id)

    return sorted(items, key=rank)


def overdue(items: Iterable[PlanItem], today: datetime.date) -> list[PlanItem]:
    """The open actions whose deadline has passed, the oldest deadline first."""
    return ordered((i for i in items if i.overdue(today)), today)


def next_due(items: Iterable[PlanItem], today: datetime.date, count: int = 3) -> list[PlanItem]:
    """The next open actions with a deadline from today on, the nearest first."""
    coming = [i for i in items if i.open and i.due is not None and i.due >= today]
    return ordered(coming, today)[:count]


def _read(
    project: Project, partner: Partner | None, kind: str, key: str, side: str
) -> tuple[str, Entry] | None:
    """A side's record in a dialogue: the dialogue's own, else (for the sharing side) the general one."""
    places = [partner.key] if partner is not None else []
    if side == "dele" or partner is None:
        places.append("")
    for where in places:
        entry = project.record((where, record_key(kind, key)))
        if entry is not None and not entry.answer.empty:
            return where, entry
    return None


def applies_where(project: Project, partner: Partner | None, kind: str, key: str, side: str) -> str | None:
    """Where a side's record that applies in a dialogue is kept: '' (general), the dialogue's key, or None."""
    found = _read(project, partner, kind, key, side)
    return None if found is None else found[0]


def readiness(project: Project, partner: Partner | None, tool_id: str, side: str) -> Mark | None:
    """A side's readiness mark for a tool ('fase.værktøj') in a dialogue, or None."""
    found = _read(project, partner, "klarhed", f"{tool_id}.{side}", side)
    if found is None:
        return None
    where, entry = found
    values = _values(entry.answer)
    phase, _, tool = tool_id.partition(".")
    return Mark(
        phase, tool, side, values.get("farve", ""), values.get("begrundelse", ""), where, entry.in_conflict
    )


def mark_versions(project: Project, partner: Partner | None, tool_id: str, side: str) -> tuple[Mark, ...]:
    """Every version of a side's mark kept side by side (the one that applies now first); () if one.

    A version that removed the mark is left out: it has no colour or reason to offer.
    """
    found = _read(project, partner, "klarhed", f"{tool_id}.{side}", side)
    if found is None or not found[1].in_conflict:
        return ()
    where, entry = found
    phase, _, tool = tool_id.partition(".")
    versions = (_values(answer) for answer in (entry.answer, *entry.others) if not answer.empty)
    return tuple(
        Mark(phase, tool, side, values.get("farve", ""), values.get("begrundelse", ""), where, True)
        for values in versions
    )


def kept_reason(marks: tuple[Mark, ...], colour: str) -> str:
    """The reason a new mark of `colour` keeps from `marks` (there_now): the first of that colour's."""
    return next((mark.reason for mark in marks if mark.colour == colour and mark.reason), "")


def left_reasons(marks: tuple[Mark, ...], reason: str) -> list[Mark]:
    """The marks whose reason a new mark (colour, reason) goes without: each reason once."""
    seen = {" ".join(reason.split())}
    left = []
    for mark in marks:
        said = " ".join(mark.reason.split())
        if said and said not in seen:
            seen.add(said)
            left.append(mark)
    return left


def marks(project: Project, partner: Partner | None, tools: Iterable[str]) -> list[Mark]:
    """Every readiness mark in a dialogue for the given tools ('fase.værktøj'), in that order, by side."""
    return [m for tool in tools for side in ROLES if (m := readiness(project, partner, tool, side))]


def approval(project: Project, partner: Partner | None, phase_id: str, side: str) -> Approval | None:
    """A phase's approval for a side in a dialogue, or None."""
    found = _read(project, partner, "godkendelse", f"{phase_id}.{side}", side)
    if found is None:
        return None
    where, entry = found
    values = _values(entry.answer)
    day = parse_day(values.get("dato", "")) or datetime.date.min
    prints = frozenset(values.get("svar", "").split())
    return Approval(phase_id, side, values.get("af", ""), day, prints, where, entry.in_conflict)


class Versions(NamedTuple):
    """A readiness mark or an approval kept in several versions (both sides changed it).

    `versions` is the one that applies here now first, then the others, each an Answer whose
    `source` names the organisation whose file brought it ('' for this copy's own).
    """

    kind: str  # 'klarhed' or 'godkendelse'
    key: str  # 'fase.værktøj.side' or 'fase.side'
    where: str  # '' general, or a partner's key
    versions: tuple[Answer, ...]

    @property
    def side(self) -> str:
        """The side the mark or approval is for: 'dele' or 'genbruge'."""
        return self.key.rpartition(".")[2]

    @property
    def subject(self) -> str:
        """The tool ('fase.værktøj') of a mark, the phase of an approval."""
        return self.key.rpartition(".")[0]


def in_versions(
    project: Project, partner: Partner | None, places: Iterable[str] | None = None
) -> list[Versions]:
    """The readiness marks and approvals kept in several versions in a dialogue (or in `places`).

    Read from the records themselves, so a version that removed a mark is there too.
    """
    found = []
    for where in dict.fromkeys(places if places is not None else _dialogue_keys(project, partner)):
        for kind in ("klarhed", "godkendelse"):
            for key, entry in sorted(_kind_records(project, where, kind)):
                if entry.in_conflict:
                    found.append(Versions(kind, key, where, (entry.answer, *entry.others)))
    return found


def meetings(project: Project, partner: Partner | None) -> list[Meeting]:
    """The meetings held in a dialogue, the latest last."""
    where = partner.key if partner is not None else ""
    found = []
    for key, entry in _kind_records(project, where, "moede"):
        for answer in (entry.answer, *entry.others):
            values = _values(answer)
            day = parse_day(values.get("dato", ""))
            if day is not None:
                prints = frozenset(values.get("svar", "").split())
                found.append(Meeting(key, day, prints, where, values.get(NOTED_BY)))
                break
    return sorted(found, key=lambda m: (m.day, m.id))


def last_meeting(project: Project, partner: Partner | None) -> Meeting | None:
    """The latest meeting held in a dialogue, or None."""
    held = meetings(project, partner)
    return held[-1] if held else None


def side_questions(question_ids: Iterable[str], side: str) -> list[str]:
    """The ids of one side's questions among some ids."""
    return [qid for qid in question_ids if side_of(qid) == side]
