"""Use cases for the action plan: list, add, change and close actions, and what is overdue.

An action belongs to one dialogue (the reusing organisation's own, or the one the sharing side
names with --partner) or, for the sharing side, to every dialogue (general: its own work, such as
removing what still stands in the way of the original innovation). Each action is a record with a
stable random id (core/followup.py), so it travels with export and import like an answer, and an
action both sides changed is kept in both versions until someone changes it again.
Today's date is always passed in, so overdue is testable.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
from typing import NamedTuple

from spredning import i18n
from spredning.app.dialogue import PartnerChoice, commands_with, partner_for, partner_options
from spredning.app.workspace import Workspace
from spredning.core import followup, history
from spredning.core.errors import Message, SpredningError, UsageProblem
from spredning.core.followup import PlanItem
from spredning.core.local import LocalState, given_count
from spredning.core.model import Answer, Entry, Partner, Project, Slot, fold_name, meant_text

UNSET = object()  # "not given" for options that may also be cleared (a deadline, who)
_DANISH_DAY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_NO_YEAR = re.compile(r"^(\d{1,2})[-./](\d{1,2})\.?$")  # 15/6, 15.6., 15-6: a day and a month, no year
_SHORT_YEAR = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{2})$")  # 5.6.27: the year in two digits
# a month by name, as the program writes a date in words ('7. december 2026', '7 December 2026', 'March 7,
# 2026'), in Danish or English, whole or its first three letters (and 'sept')
_MONTH_NAMES = (
    ("januar", "january"), ("februar", "february"), ("marts", "march"), ("april",), ("maj", "may"),
    ("juni", "june"), ("juli", "july"), ("august",), ("september", "sept"), ("oktober", "october"),
    ("november",), ("december",),
)  # fmt: skip
_MONTHS = {
    name: number
    for number, names in enumerate(_MONTH_NAMES, start=1)
    for whole in names
    for name in (whole, whole[:3])
}
_MONTH = r"([a-zæøå]+)\.?"
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})\.?\s+{_MONTH}\s+(\d{{4}})$", re.IGNORECASE)  # 7. december 2026
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})$", re.IGNORECASE)  # March 7, 2026
EARLIEST = datetime.date(2000, 1, 1)  # a date typed before this is surely a typo (0027, 1926 for 2026)
YEARS_AHEAD = 50  # a year more than this after today's is surely a typo too (2207 or 20277 for 2027)
_LONG_YEAR = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{5,})$")  # 5.6.20277: a digit too many


class Action(NamedTuple):
    """What an action says: what, who, deadline, status and the tool it came from ('fase.værktøj')."""

    what: str
    who: str = ""
    due: datetime.date | None = None
    status: str = "ikke-startet"
    source: str = ""


class Changed(NamedTuple):
    """An action after `change` or `close`: as it is now, and whether the command changed it."""

    item: PlanItem
    changed: bool


class ChangedMeanwhile(SpredningError):
    """A change asked with the action as shown, where a field it changes was changed elsewhere since.

    Nothing is saved: `item` is the action as it is now, `fields` the parts ('what', 'who', 'due',
    'status', 'source') saved elsewhere with another value than both the one shown and the new one.
    """

    def __init__(self, item: PlanItem, fields: tuple[str, ...]):
        super().__init__("plan.changed-meanwhile", what=item.what)
        self.item = item
        self.fields = fields


class PlanView(NamedTuple):
    """A plan as listed: the actions (overdue first) and what `today` makes of them."""

    project: Project
    items: tuple[PlanItem, ...]
    today: datetime.date

    @property
    def overdue(self) -> list[PlanItem]:
        """The open actions past their deadline."""
        return followup.overdue(self.items, self.today)


# -- reading what the user typed -----------------------------------------------------------------


def parse_due(
    text: str, ahead: bool = True, today: datetime.date | None = None, *, kept: bool = False
) -> datetime.date | None:
    """A deadline as Danes write it (12-03-2026, 12.3.2026, 12/3/2026) or as ISO (2026-03-12); '' is none.

    Every date a user types goes through here (plan --frist, møde --dato, godkend --dato, the
    deadline asked in the terminal, a worksheet's deadline), so a date is refused the same way
    everywhere: date_problem. `kept`: the text is a date the program showed and the user left as
    it was (a worksheet's field, the deadline offered by 'plan ret'); a year before 2000 (or more
    than YEARS_AHEAD years ahead) is taken then, as a project file may hold one (01-01-0001 from an
    earlier version): it was not typed.
    """
    text = text.strip()
    if not text:
        return None
    parts = _day_parts(text)
    latest = (today or datetime.date.today()).year + YEARS_AHEAD
    if parts is not None and (EARLIEST.year <= parts[2] <= latest or kept):
        try:
            return datetime.date(parts[2], parts[1], parts[0])
        except ValueError:
            pass
    raise date_problem(text, ahead, today)


def _day_parts(text: str) -> tuple[int, int, int] | None:
    """(day, month, year) as written in a Danish (12-03-2026) or ISO (2026-03-12) date, or None."""
    match = _DANISH_DAY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return day, month, year
    if followup.DAY.match(text):
        year, month, day = (int(g) for g in text.split("-"))
        return day, month, year
    return _named_month(text)


def _named_month(text: str) -> tuple[int, int, int] | None:
    """(day, month, year) of a date with its month by name ('1. april 2027', 'March 15, 2027'), or None."""
    words = " ".join(text.split())
    match = _DAY_MONTH.match(words)
    if match:
        day, month, year = match.group(1), match.group(2), match.group(3)
    elif match := _MONTH_DAY.match(words):
        month, day, year = match.group(1), match.group(2), match.group(3)
    else:
        return None
    number = _MONTHS.get(month.lower())
    return None if number is None else (int(day), number, int(year))


def date_problem(text: str, ahead: bool = True, today: datetime.date | None = None) -> UsageProblem:
    """Why `text` is not a date the program takes, with the date to write instead (its hint).

    The one wording for a date that is refused, for every date field (an option or a question):
    a day and a month without the year (15/6; _without_year); a year in two digits (15.6.27),
    which is never guessed; a year before 2000, surely a typo (05-06-0027 would be year 27); a year
    more than YEARS_AHEAD years ahead, surely one too (2207, 20277: the year meant is suggested); the
    29th of February in a year that has none; a day past its month's end (31-04: April has 30
    days); anything else ('i morgen': that day's date is the example). The example is built from
    today's date (or the user's own day and month, or day in words), never a fixed one, and is a
    date the field takes: where it refuses a day still to come (not `ahead`: an approval, a
    meeting), never a day after today.
    """
    today = today or datetime.date.today()
    short = _SHORT_YEAR.match(text)
    if short:
        day, month, year = (int(g) for g in short.groups())
        meant = _date(day, month, 2000 + year)
        example = _taken(meant, ahead, today) if meant is not None else today
        return UsageProblem("plan.date-short-year", value=text, example=followup.typed_day(example))
    too_late = _too_late(text, ahead, today)
    if too_late is not None:
        return too_late
    parts = _day_parts(text)
    if parts is not None:
        day, month, year = parts
        nearest = _nearest(day, month, ahead, today) if year < EARLIEST.year else None
        if nearest is not None:  # their day and month, in the year meant most likely (as without a year)
            return UsageProblem("plan.date-too-early", value=text, example=followup.typed_day(nearest))
        if (day, month) == (29, 2) and year >= EARLIEST.year:  # valid but for the leap day
            before = _taken(datetime.date(year, 2, 28), ahead, today)
            after = _taken(datetime.date(year, 3, 1), ahead, today)
            return UsageProblem(
                "plan.date-no-leap-day",
                value=text,
                year=str(year),
                example=followup.typed_day(before),
                other=followup.typed_day(after),
            )
        past_end = _past_month_end(text, day, month, year, ahead, today)
        if past_end is not None:
            return past_end
    said = _day_in_words(text, today)  # 'i morgen': that day is the one to write (where the field takes it)
    example = said if said is not None and (ahead or said <= today) else today
    return _without_year(text, ahead, today) or UsageProblem(
        "plan.bad-date", value=text, example=followup.typed_day(example)
    )


DAYS_IN_WORDS = {"today": 0, "tomorrow": 1, "after-tomorrow": 2}  # plan.days.NAME: words for the day


def _day_in_words(text: str, today: datetime.date) -> datetime.date | None:
    """The day a word for one names ('i morgen', 'tomorrow', in any language the program has), or None."""
    wanted = " ".join(fold_name(text).split())
    for name, days in DAYS_IN_WORDS.items():
        for code in i18n.LANGUAGES:
            words = str(i18n.catalogue(code)[f"plan.days.{name}"]).split("|")
            if wanted in {" ".join(fold_name(word).split()) for word in words}:
                return today + datetime.timedelta(days=days)
    return None


def _too_late(text: str, ahead: bool, today: datetime.date) -> UsageProblem | None:
    """A year more than YEARS_AHEAD years ahead (05-06-2207, 5.6.20277), with the date meant most likely.

    That is the user's day and month in a year their digits make with one swapped or left out
    (2207: 2027; 20277: 2027), the one nearest today; else the next (or last) such day, or the
    month's last day when the day is past its end (31-02-2090: 28-02 next time it comes).
    """
    match = _LONG_YEAR.match(text)
    parts = (int(match[1]), int(match[2]), int(match[3])) if match else _day_parts(text)
    if parts is None or parts[2] <= today.year + YEARS_AHEAD:
        return None
    day, month, year = parts
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    last = calendar.monthrange(2001, month)[1]  # a day past its month's end (31-02): the month's last day
    meant = (
        _year_meant(str(year), day, month, ahead, today)
        or _nearest(day, month, ahead, today)
        or _nearest(min(day, last), month, ahead, today)
    )
    if meant is None:
        return None
    return UsageProblem(
        "plan.date-too-late",
        value=text,
        years=YEARS_AHEAD,
        example=followup.typed_day(_taken(meant, ahead, today)),
    )


def _year_meant(digits: str, day: int, month: int, ahead: bool, today: datetime.date) -> datetime.date | None:
    """The date in a year `digits` make with two neighbours swapped or one left out, or None.

    The one nearest today that the field takes (`ahead`: not before today, else not after).
    """
    swapped = (digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :] for i in range(len(digits) - 1))
    dropped = (digits[:i] + digits[i + 1 :] for i in range(len(digits)))
    years = {int(y) for y in (*swapped, *dropped) if len(y) == 4}
    dates = [
        date
        for year in years
        if EARLIEST.year <= year <= today.year + YEARS_AHEAD and (date := _date(day, month, year)) is not None
    ]
    taken = [date for date in dates if (date >= today if ahead else date <= today)]  # the field takes
    return min(taken, key=lambda date: abs(date - today), default=None)


_DATE_HINTS = {  # each date problem's hint: the date to write instead
    "plan.bad-date": "plan.bad-date.hint",
    "plan.date-too-late": "plan.date-too-late.hint",
    "plan.date-short-year": "plan.date-short-year.hint",
    "plan.date-too-early": "plan.date-too-early.hint",
    "plan.date-no-leap-day": "plan.date-no-leap-day.hint",
    "plan.date-past-month-end": "plan.date-past-month-end.hint",
    "plan.date-past-february-end": "plan.date-past-february-end.hint",
    "plan.date-without-year": "plan.date-without-year.hint",
}


def date_hint(problem: SpredningError) -> Message:
    """The hint of a date_problem as a Message, for a field that says it in a list (a worksheet's)."""
    return Message(_DATE_HINTS[problem.key], problem.params)


def _date(day: int, month: int, year: int) -> datetime.date | None:
    """The date, or None when there is no such day."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _taken(day: datetime.date, ahead: bool, today: datetime.date) -> datetime.date:
    """`day`, or where the field refuses a day still to come (not `ahead`) the last such day not after today.

    So an example is never refused by the command that offers it (godkend 5.6.27: 05-06-2026).
    """
    if ahead or day <= today:
        return day
    return _nearest(day.day, day.month, False, today) or today


def _past_month_end(
    text: str, day: int, month: int, year: int, ahead: bool, today: datetime.date
) -> UsageProblem | None:
    """A day after its month's end (31-04-2027: April has 30 days), with the month's last day to write."""
    if year < EARLIEST.year or not 1 <= month <= 12:
        return None
    days = calendar.monthrange(year, month)[1]
    if not days < day <= 31:
        return None
    last = followup.typed_day(_taken(datetime.date(year, month, days), ahead, today))
    key = "plan.date-past-february-end" if month == 2 else "plan.date-past-month-end"
    return UsageProblem(key, value=text, month=month, days=days, year=str(year), example=last)


def _without_year(text: str, ahead: bool, today: datetime.date) -> UsageProblem | None:
    """A day and a month without a year (15/6, 15.6): said so, with the whole date to write.

    Day before month is how Danes write a date, so 15/6 is the 15th of June; but the year is
    not there, and a deadline or an approval a year wrong is worse than a question: the user
    writes it, shown with their own day and month in the year meant most likely (`ahead`: the
    next such day, else the last one).
    """
    match = _NO_YEAR.match(text)
    if not match:
        return None
    day, month = (int(g) for g in match.groups())
    nearest = _nearest(day, month, ahead, today)
    if nearest is None:
        return None
    return UsageProblem("plan.date-without-year", value=text, example=followup.typed_day(nearest))


def _nearest(day: int, month: int, ahead: bool, today: datetime.date) -> datetime.date | None:
    """The next such day from today (`ahead`), else the last one; None when there is no such day."""
    step = 1 if ahead else -1
    for year in range(today.year, today.year + 9 * step, step):  # 29/2: the next (or last) leap year
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            continue
        if (date >= today) if ahead else (date <= today):
            return date
    return None


def parse_status(text: str, *, any_language: bool = False) -> str:
    """A status in any case, with or without æøå or a hyphen ('i gang', 'faerdig').

    Also in the words of the program's language ('in progress'), or with any_language in any language
    the program has (a worksheet may be made in one language and read back in the other); the value
    saved is the Danish one.
    """
    import difflib

    wanted = fold_name(text).replace(" ", "-")
    languages = i18n.LANGUAGES if any_language else (i18n.language(),)
    forms: dict[str, str] = {}  # each way to write a status -> the status as the user's language writes it
    for status in followup.STATUSES:
        words = {word for code in languages for word in _status_words(code, status)}
        shown = i18n.t(f"plan.status.{status}")
        for form in {fold_name(status), *(fold_name(word).replace(" ", "-") for word in words)}:
            if form == wanted:
                return status
            forms[form] = shown
    for status in followup.STATUSES:  # close too: the other language's words ('in progress' in Danish)
        for word in (word for code in i18n.LANGUAGES for word in _status_words(code, status)):
            forms.setdefault(fold_name(word).replace(" ", "-"), i18n.t(f"plan.status.{status}"))
    meant = fold_name(meant_text(text)).replace(" ", "-")  # '[red]igang' is close to 'i gang' too
    close = [forms[form] for form in difflib.get_close_matches(meant, list(forms), n=1, cutoff=0.75)]
    if _negated(meant, forms):  # 'ikke afsluttet', 'unfinished': close to 'færdig', and its opposite
        close = []
    raise UsageProblem("plan.bad-status", value=text, known=list(followup.STATUSES), close=close)


# words and prefixes that turn a status word into its opposite ('ikke afsluttet', 'unfinished')
_NEGATIONS = ("ikke-", "not-", "no-", "non-", "un", "u", "in", "non")


def _negated(meant: str, forms: dict[str, str]) -> bool:
    """True when `meant` is a status word said not to be so: a suggestion would be the opposite.

    A status's own words ('not started' in the other language) are no negation.
    """
    if meant in forms:
        return False
    return any(meant.startswith(no) and meant[len(no) :].lstrip("-") in forms for no in _NEGATIONS) or any(
        word in ("ikke", "not", "no", "non", "aldrig", "never") for word in meant.split("-")
    )


def _status_words(code: str, status: str) -> list[str]:
    """A status's word in a language, and the other words read as it there ('started': in progress)."""
    catalogue = i18n.catalogue(code)
    also = str(catalogue[f"plan.status-also.{status}"]).split(",")
    return [str(catalogue[f"plan.status.{status}"]), *(word.strip() for word in also if word.strip())]


def check_text(text: str, key: str) -> str:
    """One line of at most 500 characters (line breaks become spaces); an error names the field."""
    line = " ".join(text.split())
    if len(line) > followup.MAX_TEXT:
        raise UsageProblem("plan.too-long", field=key, limit=followup.MAX_TEXT, length=len(line))
    return line


def record_fields(action: Action) -> tuple[tuple[str, str], ...]:
    """An action's record fields."""
    return followup.fields(
        hvad=action.what,
        hvem=action.who,
        frist=action.due.isoformat() if action.due else None,
        status=action.status,
        værktøj=action.source,
    )


# -- where an action lives -----------------------------------------------------------------------


class DialogueChoice(UsageProblem):
    """The sharing side, several partners, and neither one named nor --fælles: a terminal asks.

    `key` names what is being placed (plan.which-dialogue, readiness.which-dialogue ...); the
    message names both ways out, so a script can be fixed from it alone.
    """

    def __init__(self, key: str, project: Project):
        chosen = commands_with(*partner_options(project.partners), "--fælles")
        super().__init__(
            key,
            hint=Message("dialogue.which-dialogue.commands", {"commands": chosen}) if chosen else None,
            names=[p.name or p.key for p in project.partners],
            keys=[p.key for p in project.partners],
        )
        self.partners = project.partners


def dialogue_for(
    project: Project, state: LocalState, option: str | None, general: bool, key: str = "plan.which-dialogue"
) -> tuple[Partner | None, bool]:
    """The dialogue a new action (mark, approval) belongs to, and whether it is common to all.

    A reusing organisation's own dialogue and a project's only partner need no option; on the
    sharing side with several partners, one of --partner and --fælles must say it (DialogueChoice).
    """
    if general:
        if state.side == "genbruge":
            raise UsageProblem("plan.general-only-sharing")
        return None, True
    try:
        return partner_for(project, state, option, required=True), False
    except PartnerChoice:
        if state.side == "genbruge":
            raise
        raise DialogueChoice(key, project) from None


def place(
    project: Project,
    state: LocalState,
    partner: Partner | None,
    general: bool,
    key: str = "plan.which-dialogue",
) -> str:
    """Where a new action (or mark) is kept: '' for the sharing side's general ones, else a dialogue.

    Never '' by default when the sharing side has several partners: a record meant for one
    dialogue must not silently reach every partner.
    """
    if general:
        if state.side == "genbruge":
            raise UsageProblem("plan.general-only-sharing")
        return ""
    if partner is not None:
        return partner.key
    if state.side != "genbruge" and len(project.partners) > 1:
        raise DialogueChoice(key, project)
    return ""


def visible(project: Project, state: LocalState) -> list[str]:
    """The places this organisation sees: the reusing side its own dialogue, the sharing side all."""
    if state.side == "genbruge" and state.organisation:
        return ["", state.organisation]
    return ["", *(p.key for p in project.partners)]


MIN_ID = 3  # the fewest first characters of an id that find takes (the help and README say so)


def find(project: Project, state: LocalState, wanted: str) -> tuple[Slot, Entry]:
    """An action by its id or the start of it (at least MIN_ID characters), among those this side sees."""
    text = wanted.strip().lower()
    if 0 < len(text) < MIN_ID:  # too short to be sure, even when only one id begins so
        raise UsageProblem("plan.short-id", value=wanted, least=MIN_ID)
    found = [
        ((where, key), entry)
        for where in visible(project, state)
        for key, entry in project.records.get(where, {}).items()
        if key.startswith("plan:") and text and key[5:].startswith(text) and not entry.answer.empty
    ]
    if len(found) == 1:
        return found[0]
    if found:  # each one's what too: the hint gives each its command, and says which is which
        items = [followup.plan_item(slot[0], slot[1][5:], entry) for slot, entry in found]
        whats = [item.what if item is not None else "" for item in items]
        raise UsageProblem("plan.ambiguous-id", value=wanted, ids=[s[1][5:] for s, _ in found], whats=whats)
    ids = [
        key[5:]
        for where in visible(project, state)
        for key, entry in project.records.get(where, {}).items()
        if key.startswith("plan:") and not entry.answer.empty
    ]
    raise _unknown_id(wanted, text, ids)


SHOWN_IDS = 10  # an unknown id's refusal names this many of the plan's ids; 'plan' shows them all


def _unknown_id(wanted: str, text: str, ids: list[str]) -> UsageProblem:
    """No action has the id given: the close one (a typo: put right), or the ids there are.

    An id given in part is compared with as many first characters of each.
    """
    starts: dict[str, list[str]] = {}
    for one in ids:
        starts.setdefault(one[: len(text)], []).append(one)
    close = [
        starts[start][0]
        for start in difflib.get_close_matches(text, list(starts), n=1, cutoff=0.6)
        if len(starts[start]) == 1  # the start of two ids would find neither: no help
    ]
    more = max(0, len(ids) - SHOWN_IDS)
    hint = "plan.unknown-id.hint.empty" if not ids else "plan.unknown-id.hint.ids"
    shown = {"ids": ids[:SHOWN_IDS], "n": more}
    return UsageProblem(
        "plan.unknown-id",
        value=wanted,
        close=close,
        hint=Message("plan.unknown-id.hint.more" if more else hint, shown),
    )


# -- use cases -----------------------------------------------------------------------------------


def plan(ws: Workspace, partner: Partner | None, today: datetime.date, everywhere: bool = False) -> PlanView:
    """A dialogue's plan (its actions and the general ones), or every action, overdue first."""
    opened = ws.open()
    project = opened.project
    if everywhere:
        places = visible(project, opened.local)
        items = [i for i in followup.plan_items(project, None, everywhere=True) if i.where in places]
    else:
        items = followup.plan_items(project, partner)
    return PlanView(project, tuple(followup.ordered(items, today)), today)


def example_id(ws: Workspace, open_only: bool = False) -> str | None:
    """The id of an action this side sees, for a hint's example: the first listed (open ones first).

    None when there is none (or no project can be read); only reads, as a refusal's hint must.
    `open_only`: an action to close, so a closed one is no example.
    """
    try:
        project, state = ws.store.peek(ws.slug())
    except (SpredningError, OSError):
        return None
    places = visible(project, state)
    items = [i for i in followup.plan_items(project, None, everywhere=True) if i.where in places]
    found = next((i for i in items if i.open or not open_only), None)
    return found.id if found is not None else None


def add(ws: Workspace, action: Action, partner: Partner | None, general: bool = False) -> PlanItem:
    """Add an action to a dialogue's plan (or, for the sharing side, to every dialogue's)."""
    action = _checked(action)

    def write(project: Project, state: LocalState):
        where = place(project, state, partner, general)
        taken = {k for section in project.records.values() for k in section}
        key = followup.record_key("plan", followup.new_id())
        while key in taken:  # four random bytes: a repeat is rare, and never silently merged
            key = followup.record_key("plan", followup.new_id())
        entry = history.edited(None, Answer(fields=record_fields(action)), state.copy)
        project = project.with_record((where, key), entry)
        return project, state, followup.plan_item(where, key[5:], entry)

    return ws.store.transact(ws.slug(), write)


def change(ws: Workspace, wanted: str, shown: PlanItem | None = None, **changes: object) -> Changed:
    """Change an action's what, who, due, status or source; unnamed ones stay as they are.

    Changes that leave it as it was write nothing (Changed.changed is False).

    An action kept in two versions (both sides changed it) is settled by the change: the new
    version is newer than both.

    `shown`: the action as the user saw it when asked. A part changed to a third value elsewhere
    since (another window) is not overwritten: ChangedMeanwhile, and nothing is saved.
    """

    def write(project: Project, state: LocalState):
        slot, entry = find(project, state, wanted)
        current = followup.plan_item(slot[0], slot[1][5:], entry)
        assert current is not None
        given = {k: v for k, v in changes.items() if v is not UNSET}
        if shown is not None:
            clashes = tuple(
                part
                for part, value in given.items()
                if getattr(current, part) != getattr(shown, part) and getattr(current, part) != value
            )
            if clashes:
                raise ChangedMeanwhile(current, clashes)
        action = _checked(
            Action(
                what=str(given.get("what", current.what)),
                who=str(given.get("who", current.who) or ""),
                due=given.get("due", current.due),  # type: ignore[arg-type]
                status=str(given.get("status", current.status)),
                source=str(given.get("source", current.source) or ""),
            )
        )
        content = Answer(fields=record_fields(action))
        if entry.in_conflict:
            after = history.resolved(entry, content, state.copy, given_count(state, slot))
        elif entry.answer.same_content(content):
            return project, state, Changed(current, False)
        else:
            after = history.edited(entry, content, state.copy, given_count(state, slot))
        project = project.with_record(slot, after)
        item = followup.plan_item(slot[0], slot[1][5:], after)
        assert item is not None
        return project, state, Changed(item, True)

    return ws.store.transact(ws.slug(), write)


def close(ws: Workspace, wanted: str, dropped: bool = False) -> Changed:
    """Mark an action done (or dropped)."""
    return change(ws, wanted, status="droppet" if dropped else "færdig")


def current(ws: Workspace, wanted: str) -> PlanItem:
    """One action as it is now (to show it before it is changed)."""
    opened = ws.open()
    slot, entry = find(opened.project, opened.local, wanted)
    item = followup.plan_item(slot[0], slot[1][5:], entry)
    if item is None:
        raise SpredningError("plan.unknown-id", value=wanted)
    return item


def _checked(action: Action) -> Action:
    what = check_text(action.what, "hvad")
    if not what:
        raise UsageProblem("plan.what-missing")
    if action.status not in followup.STATUSES:
        raise UsageProblem("plan.bad-status", value=action.status, known=list(followup.STATUSES), close=[])
    if action.source and not followup.SOURCE.match(action.source):
        raise UsageProblem("plan.bad-source", value=action.source)
    return action._replace(what=what, who=check_text(action.who, "hvem"))


def owner_name(project: Project, where: str) -> str:
    """Whose list an action is on: a partner's name, or '' for the general ones."""
    partner = project.partner(where) if where else None
    return (partner.name or partner.key) if partner else ""
