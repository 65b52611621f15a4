"""Use cases for readiness marks, approvals and meetings held, each a versioned record.

A reusing organisation's marks and approvals belong to its dialogue. The sharing side's belong to
the dialogue it names (or its only partner's), or with several partners and none named to every
dialogue, where a dialogue's own mark is read first. A meeting belongs to one dialogue and records
the fingerprints of that dialogue's answers, so the next agenda can list what arrived since.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from spredning import i18n
from spredning.app import views
from spredning.app.dialogue import org_named
from spredning.app.plan import check_text, place
from spredning.app.workspace import Workspace
from spredning.core import followup, history
from spredning.core.errors import Message, UsageProblem
from spredning.core.followup import Approval, Mark, Meeting
from spredning.core.local import LocalState, given_count
from spredning.core.model import (
    ROLES,
    SHARING,
    Answer,
    Guide,
    Partner,
    Phase,
    Project,
    fold_name,
    meant_text,
    name_forms,
    progress,
)
from spredning.i18n import t


class Rated(NamedTuple):
    """A mark after `rate`: the mark that applies now, and whether the command changed anything."""

    mark: Mark | None
    changed: bool


class Approved(NamedTuple):
    """An approval after `approve`: the one that applies now and whether anything changed.

    answered/total: how many of the phase's questions the approving side has answered in the dialogue.
    earlier: the approval kept in the same place before (the one a new approval replaces), or None.
    """

    approval: Approval | None
    changed: bool
    answered: int
    total: int
    earlier: Approval | None = None


def tool_by_id(guide: Guide, wanted: str) -> tuple[Phase, str]:
    """A tool by its id ('fase.værktøj', or its own part when unique) or its title, as users type it.

    Titles are the guide's own (English ones in English), in any case, with or without æøå (ø as
    oe or o: name_forms) and accents, hyphens or punctuation ('beskriv innovationen', 'Kopiér
    eller tilpas'); a phase may come first ('tjek.Beskriv innovationen'). An unknown name is told
    the closest tools.
    """
    phase_part, dot, tool_part = wanted.strip().partition(".")
    scope = guide.phases
    if dot and (named := guide.find_phase(phase_part)) is not None:
        scope = (named,)
    else:
        tool_part = wanted
    text = _words(tool_part)
    found = [
        (phase, tool.id)
        for phase in scope
        for tool in phase.tools
        if text
        and text
        in {_words(form) for name in (tool.id.partition(".")[2], tool.title) for form in name_forms(name)}
    ]
    if len(found) != 1:
        close = _closest(guide, _words(meant_text(tool_part)))  # '[red]Fjern forhindringr' is close too
        raise UsageProblem("readiness.unknown-tool", value=wanted, close=close)
    return found[0]


def _words(name: str) -> str:
    """A name folded for comparing: 'Kopiér eller tilpas?' and 'kopier-eller-tilpas' are equal."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold_name(name)).split())


def _closest(guide: Guide, text: str) -> list[str]:
    """At most three tools whose title (or id) is close to what was typed, by title as the guide writes them.

    A close id is told by its tool's title too: the user's words ('Describe the innovation' in
    English), never an id with a Danish phase in front ('tjek.beskriv-innovationen').
    """
    import difflib

    names: dict[str, tuple[str, str]] = {}  # folded name -> (the tool's id, the name as written)
    for phase in guide.phases:
        for tool in phase.tools:
            names.setdefault(_words(tool.title), (tool.id, tool.title))
            names.setdefault(_words(tool.id.partition(".")[2]), (tool.id, tool.title))
    close = difflib.get_close_matches(text, list(names), n=3, cutoff=0.6)
    if len(text) >= 3:  # the start or a word of a title: 'beskriv', 'gevinsterne'
        close += [words for words in names if text in words and words not in close]
    chosen: dict[str, str] = {}  # one name per tool: the closest
    for words in close:
        tool_id, name = names[words]
        chosen.setdefault(tool_id, name)
    return list(chosen.values())[:3]


def parse_colour(text: str, *, any_language: bool = False) -> str:
    """grøn, gul or rød from what was typed; the values stay Danish in English too.

    Taken: the Danish value (also 'groen'/'gron', 'rod'/'roed') or the word in the program's language
    ('green'); with any_language, in any language the program has (a worksheet may be made in one
    language and read back in the other). Refused, the close one is named as this language writes
    it, also for the other language's word ('green' in Danish: Mente du 'grøn'?).
    """
    import difflib

    folded = text.strip().casefold().replace("ø", "oe")
    languages = i18n.LANGUAGES if any_language else (i18n.language(),)
    for colour in followup.COLOURS:
        if folded in colour_words(colour, languages):
            return colour
    forms = {word: colour for colour in followup.COLOURS for word in colour_words(colour, i18n.LANGUAGES)}
    meant = meant_text(text).strip().casefold()  # '[red]grønt' is close to grøn too
    near = difflib.get_close_matches(meant, list(forms), n=1, cutoff=0.7)
    close = [colour_word(forms[word]) for word in near]
    known = [colour_word(c) for c in followup.COLOURS]
    raise UsageProblem("readiness.bad-colour", value=text, known=known, close=close)


def colour_words(colour: str, languages: tuple[str, ...] = i18n.LANGUAGES) -> set[str]:
    """The words a readiness value is typed as, in lower case.

    The value itself, also without 'ø' ('groen', 'gron'), and its word in each of `languages` ('green').
    """
    words = {colour, colour.replace("ø", "oe"), colour.replace("ø", "o")}
    key = f"readiness.colour-word.{colour}"
    return words | {str(i18n.catalogue(code)[key]).casefold() for code in languages}


def short_tool_id(guide: Guide, tool_id: str) -> str:
    """A tool's id as a command writes it: its own part ('beskriv-innovationen') when no other tool has it."""
    own = tool_id.partition(".")[2]
    if sum(1 for phase in guide.phases for tool in phase.tools if tool.id.partition(".")[2] == own) == 1:
        return own
    return tool_id


def tool_to_mark(guide: Guide, project: Project, side: str | None) -> str:
    """A tool to name in a hint on marking readiness: the first `side` has answered, else the guide's first.

    A real id (short_tool_id), so the command shown runs as copied.
    """
    answered = {
        question_id.rpartition(".")[0].rpartition(".")[0]  # 'fase.værktøj.SIDE.spørgsmål' → 'fase.værktøj'
        for (_, question_id), entry in project.entries()
        if question_id.split(".")[2:3] == [side] and not entry.answer.empty
    }
    tools = [tool.id for phase in guide.phases for tool in phase.tools]
    chosen = next((tool for tool in tools if tool in answered), tools[0])
    return short_tool_id(guide, chosen)


def colour_word(colour: str) -> str:
    """A readiness value (grøn, gul, rød) as the program's language writes it ('green' in English)."""
    return t(f"readiness.colour-word.{colour}")


def _side(state: LocalState, role: str | None, refused: UsageProblem) -> str:
    side = role or state.side
    if side not in ROLES:
        raise refused
    return side


def _where(
    project: Project,
    state: LocalState,
    side: str,
    partner: Partner | None,
    general: bool,
    key: str,
    record: str,
) -> str:
    """Where a side's mark or approval (`record`, its key) is saved: '' general, or a dialogue's key.

    A reusing organisation marking the sharing side changes the record that applies in its dialogue
    when the sharing side has given it a general one (for every partner), as it changes the sharing
    side's answers. Kept in its dialogue instead, it would hide the general record there for good,
    never a second version of it, and be shown at the sharing side as its own. With none yet, it is
    the dialogue's, where a sharing side with one partner keeps its own.
    """
    if side == "genbruge" and partner is None:
        raise UsageProblem("readiness.no-partner")
    if side == "genbruge":
        return partner.key if partner else ""
    if state.side == "genbruge" and partner is not None and not general:
        kind, rest = followup.split_key(record)
        return "" if followup.applies_where(project, partner, kind, rest, side) == "" else partner.key
    return place(project, state, partner, general, key)


def rate(
    ws: Workspace,
    tool: str,
    colour: str | None,
    reason: str = "",
    *,
    role: str | None = None,
    partner: Partner | None = None,
    general: bool = False,
) -> Rated:
    """Mark a side's readiness after a tool (colour None removes the mark).

    Removing a mark that is not there, or saving the one that is, changes nothing (Rated.changed).
    """
    _, tool_id = tool_by_id(ws.guide, tool)
    reason = check_text(reason, "begrundelse")

    def write(project: Project, state: LocalState):
        side = _side(state, role, UsageProblem("readiness.which-side"))
        key = followup.record_key("klarhed", f"{tool_id}.{side}")
        where = _where(project, state, side, partner, general, "readiness.which-dialogue", key)
        content = Answer(fields=followup.fields(farve=colour, begrundelse=reason if colour else None))
        saved = _save(project, (where, key), content, state)
        mark = followup.readiness(saved, partner if where else None, tool_id, side)
        return saved, state, Rated(mark, saved is not project)

    return ws.store.transact(ws.slug(), write)


def current(opened, tool_id: str, role: str | None, partner: Partner | None, general: bool) -> Mark | None:
    """The mark a side has for a tool now in the dialogue a mark would be saved in.

    Offered when the colour is asked, so a mark there is changed in sight, not overwritten unseen.
    None when there is none (or no side is known), and when it waits in several versions: those
    are shown, and the one written settles them.
    """
    side = role or opened.local.side
    if side not in ROLES:
        return None
    mark = followup.readiness(opened.project, None if general else partner, tool_id, side)
    return None if mark is None or mark.disputed else mark


def there_now(
    opened, tool_id: str, role: str | None, partner: Partner | None, general: bool
) -> tuple[Mark, ...]:
    """The mark a side has for a tool now (see current), or every version of it while they wait.

    Settling versions, the colour of the one that applies now is offered, and the reason of a
    version of the colour chosen kept: a partner's reason is never dropped unseen.
    """
    now = current(opened, tool_id, role, partner, general)
    if now is not None:
        return (now,)
    side = role or opened.local.side
    if side not in ROLES:
        return ()
    return followup.mark_versions(opened.project, None if general else partner, tool_id, side)


def last_approval(project: Project, guide: Guide, partner: Partner | None, side: str) -> Approval | None:
    """The latest approval a side has given in a dialogue (any phase), with a name.

    Its approver is a real name a refusal can put after --af, where none was given.
    """
    found = (followup.approval(project, partner, phase.id, side) for phase in guide.phases)
    named = [approval for approval in found if approval is not None and approval.by]
    return max(named, key=lambda approval: approval.day, default=None)


def not_in_future(key: str, day: datetime.date, today: datetime.date) -> None:
    """A meeting is noted, a phase approved, once it has happened: a later day is a typing error."""
    if day > today:
        raise UsageProblem(key, day=day)


def approve(
    ws: Workspace,
    phase: Phase,
    by: str,
    day: datetime.date,
    *,
    role: str | None = None,
    partner: Partner | None = None,
    general: bool = False,
    withdraw: bool = False,
) -> Approved:
    """Approve a phase for a side (by a named person, on a day not yet to come), or withdraw it.

    Withdrawing an approval that is not there changes nothing (Approved.changed).
    """
    not_in_future("approval.in-future", day, datetime.date.today())
    by = check_text(by, "af")
    if not by and not withdraw:
        raise UsageProblem("approval.who-missing")

    def write(project: Project, state: LocalState):
        side = _side(state, role, UsageProblem("approval.which-side"))
        key = followup.record_key("godkendelse", f"{phase.id}.{side}")
        where = _where(project, state, side, partner, general, "approval.which-dialogue", key)
        dialogue = partner if where else None
        view = project.dialogue(dialogue)
        earlier = followup.approval(project, dialogue, phase.id, side)
        if earlier is not None and earlier.where != where:  # a common one this dialogue's would only hide
            earlier = None
        prints = followup.fingerprints(view, [q.id for q in phase.questions(side)])
        content = (
            Answer() if withdraw else Answer(fields=followup.fields(af=by, dato=day.isoformat(), svar=prints))
        )
        saved = _save(project, (where, key), content, state)
        done = progress(view, phase.questions(side))
        now = followup.approval(saved, dialogue, phase.id, side)
        return saved, state, Approved(now, saved is not project, done.answered, done.total, earlier)

    return ws.store.transact(ws.slug(), write)


class EarlierMeeting(UsageProblem):
    """A meeting dated before the last one noted: a mistake to correct (--ret), not a new meeting."""

    def __init__(self, day: datetime.date, last: Meeting):
        super().__init__("meeting.earlier-than-last", day=day, last=last.day)
        self.day = day
        self.last = last


class Noted(NamedTuple):
    """A meeting noted or corrected: the meeting now, and whether the file changed.

    A correction to the day the last meeting already has changes nothing (`changed` False), so
    the command does not say it was corrected.
    """

    meeting: Meeting
    changed: bool


class SameDayMeeting(UsageProblem):
    """A meeting on the day the last one was noted: perhaps the same one noted twice (`again` notes it).

    It says who noted the one there is: this side ('I har …'), or the organisation (`by`, its
    name), so a partner's note of the same meeting is recognised as such.
    """

    def __init__(self, last: Meeting, by: str | Message | None):
        if by is None:
            super().__init__("meeting.same-day", day=last.day)
        else:
            super().__init__("meeting.same-day-by", day=last.day, org=by)
        self.last = last


def meeting_held(
    ws: Workspace,
    partner: Partner | None,
    day: datetime.date,
    today: datetime.date,
    correct: bool = False,
    role: str | None = None,
    again: bool = False,
) -> Noted:
    """Note that the two organisations met: the 'since the last meeting' point moves to now.

    A meeting noted is one that was held, so a day after `today` is refused. A day before the
    last meeting noted is refused too (EarlierMeeting): it can only be a mistake, which `correct`
    fixes by giving the last meeting that day; what that meeting recorded stays as it was.
    `role`: the side that notes it (None: this computer's), so the meeting says which
    organisation noted it also on a copy with no side here. A second meeting on the day of the
    last one needs `again` (SameDayMeeting): noted twice by mistake, the agenda's 'new since the
    meeting' would leave out what came between the two.
    """
    not_in_future("meeting.in-future", day, today)

    def write(project: Project, state: LocalState):
        where = partner.key if partner is not None else ""
        last = followup.last_meeting(project, partner)
        if correct:
            if last is None:
                raise UsageProblem("meeting.nothing-to-correct")
            if last.day == day:  # already that day: nothing to correct, and nothing written
                return project, state, Noted(last, False)
            prints = " ".join(sorted(last.prints))  # who noted it stays who did (or unsaid, as it was)
            content = Answer(fields=followup.fields(dato=day.isoformat(), svar=prints, **_noted(last.by)))
            project = _save(project, (where, followup.record_key("moede", last.id)), content, state)
            return project, state, Noted(_latest(project, partner), True)
        if last is not None and day < last.day:
            raise EarlierMeeting(day, last)
        if last is not None and day == last.day and not again:
            held = views.held_meetings(project, state, partner)[-1]
            by = None if held.ours else org_named(held.by or "", (project.sharing_org,), project.partners)
            raise SameDayMeeting(last, by)
        view = project.dialogue(partner)
        questions = [*ws.layout.shared, *ws.layout.dialogue]
        prints = followup.fingerprints(view, dict.fromkeys(questions), answered_only=True)
        key = followup.record_key("moede", followup.new_id())
        noter = _noter(role or state.side, where, state)
        content = Answer(fields=followup.fields(dato=day.isoformat(), svar=prints, **_noted(noter)))
        project = project.with_record((where, key), history.edited(None, content, state.copy))
        return project, state, Noted(_latest(project, partner), True)

    return ws.store.transact(ws.slug(), write)


def _latest(project: Project, partner: Partner | None) -> Meeting:
    """The last meeting of a dialogue a meeting was just noted in (so there is one)."""
    meeting = followup.last_meeting(project, partner)
    assert meeting is not None, "a meeting was just noted"
    return meeting


def _noter(side: str | None, partner: str, state: LocalState) -> str | None:
    """Which organisation notes a meeting on `side` with `partner` (a key; '' for the common one).

    On the reusing side it is the partner met: the reusing organisation of that dialogue, also
    when this computer's state has lost its organisation (a hand edit, a damaged line set aside).
    """
    if side == SHARING:
        return SHARING
    return (partner or state.me) if side is not None else state.me


def _noted(by: str | None) -> dict[str, str | None]:
    """The field saying which organisation noted a meeting, so every copy and partner names the same."""
    return {followup.NOTED_BY: by}


def _save(project: Project, slot, content: Answer, state: LocalState) -> Project:
    """Save a record: a new version, or one that settles two versions kept side by side."""
    entry = project.record(slot)
    if entry is None and content.empty:
        return project
    if entry is not None and not entry.in_conflict and entry.answer.same_content(content):
        return project
    if entry is not None and entry.in_conflict:
        return project.with_record(
            slot, history.resolved(entry, content, state.copy, given_count(state, slot))
        )
    return project.with_record(slot, history.edited(entry, content, state.copy, given_count(state, slot)))


class InterviewFollowUp:
    """The interview's FollowUp (core/interview.py) for one Session: its side and its dialogue.

    The sharing side answering for every partner at once keeps its actions and marks general.
    """

    def __init__(self, ws: Workspace, session):
        self.ws = ws
        self.session = session

    def offers_actions(self, tool) -> bool:
        """True at the tools where the guide asks for actions (guide_content/dialog.yaml)."""
        return tool.id in self.ws.guide.action_tools

    def actions(self, tool) -> tuple:
        """The plan's actions that came from this tool, in this dialogue."""
        project = self.ws.store.load(self.session.slug)
        return tuple(i for i in followup.plan_items(project, self.session.partner) if i.source == tool.id)

    def add_action(self, tool, action) -> None:
        """Add an action from this tool to the plan."""
        from spredning.app import plan

        new = plan.Action(action.what, action.who, action.due, source=tool.id)
        plan.add(self.ws, new, self.session.partner, general=self.session.partner is None)

    def readiness(self, tool) -> Mark | None:
        """The mark this side has for the tool now."""
        project = self.ws.store.load(self.session.slug)
        return followup.readiness(project, self.session.partner, tool.id, self.session.role)

    def mark_versions(self, tool) -> tuple[Mark, ...]:
        """Every version of this side's mark for the tool while they wait for a decision, else ()."""
        project = self.ws.store.load(self.session.slug)
        return followup.mark_versions(project, self.session.partner, tool.id, self.session.role)

    def rate(self, tool, rating) -> None:
        """Save this side's mark for the tool."""
        rate(
            self.ws,
            tool.id,
            rating.colour,
            rating.reason,
            role=self.session.role,
            partner=self.session.partner,
            general=self.session.partner is None and self.session.role == "dele",
        )
