"""Reading a project without changing it: what arrived since the user last looked, and marking it seen."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Set
from pathlib import Path
from typing import NamedTuple

from spredning.app.workspace import Workspace
from spredning.core import followup, history, local
from spredning.core.errors import Message, SpredningError, message
from spredning.core.local import LocalState, key_slot, slot_key
from spredning.core.model import ROLES, SHARING, Guide, Layout, Partner, Project, Question, Slot, side_of
from spredning.core.outline import line
from spredning.core.salvage import LINE_BY_LINE, Salvage
from spredning.core.store import Opened
from spredning.core.textsafe import clean_name


def _news_in(opened: Opened, partner: Partner | None) -> Iterator[tuple[str, str, str]]:
    """The news a dialogue holds: (sender, slot key, question id), in the order it arrived.

    A partner's dialogue holds what the sharing side and that partner sent, in the shared
    answers and in its own; without a partner (a project without any, or the answers written once
    for every partner), what anybody sent in the shared answers.
    """
    for sender, keys in opened.local.news.items():
        if partner is not None and sender not in (SHARING, partner.key):
            continue
        for key in keys:
            where, qid = key_slot(key)
            if where == "" or (partner is not None and where == partner.key):
                yield sender, key, qid


def news_questions(ws: Workspace, opened: Opened, partner: Partner | None) -> list[Question]:
    """The questions whose answers arrived from the partner since the user last looked."""
    questions = {q.id: q for q in ws.guide.questions()}
    found = [questions[qid] for _, _, qid in _news_in(opened, partner) if qid in questions]
    return list(dict.fromkeys(found))


def partners_with_news(ws: Workspace, opened: Opened) -> list[tuple[Partner, int]]:
    """Each partner whose dialogue holds news from that partner, and how many answers (project order).

    For `vis --nye` without --partner on the sharing side with several partners: the news a
    partner sent is read in its dialogue, so a command with one partner to show needs no choice.
    """
    questions = {q.id for q in ws.guide.questions()}
    found = []
    for partner in opened.project.partners:
        sent = {
            key
            for sender, key, qid in _news_in(opened, partner)
            if sender == partner.key and qid in questions
        }
        if sent:
            found.append((partner, len(sent)))
    return found


def news_senders(opened: Opened, partner: Partner | None) -> dict[str, list[tuple[str, str | Message]]]:
    """Who sent each new answer in a dialogue: question id → (key, name) of each sender, as they arrived.

    The answers written once for every partner can be news from several of them; `vis --nye`
    names each one's sender there: beneath the answer, or beneath the sender's version when what
    it sent is kept beside the answer as a conflict (the answer is then not theirs).
    """
    found: dict[str, list[tuple[str, str | Message]]] = {}
    for sender, _, qid in _news_in(opened, partner):
        names = found.setdefault(qid, [])
        if sender not in (key for key, _ in names):
            names.append((sender, _org(opened.project, sender)))
    return found


def removed_news(ws: Workspace, opened: Opened, partner: Partner | None) -> dict[str, str | Message]:
    """The news that is a deletion: question id → the organisation whose file emptied the answer.

    An answer among the news that is open now, with a history (deleted, not never given), was
    emptied by the import that made it news, as `importer` said ("fjernet"); `vis --nye` says so
    rather than showing it as never answered.
    """
    view = opened.project.dialogue(partner)
    questions = {q.id for q in ws.guide.questions()}
    found: dict[str, str | Message] = {}
    for sender, key, qid in _news_in(opened, partner):
        if qid not in questions:
            continue
        entry = opened.project.entry(key_slot(key))
        if view.answer(qid) is None and entry is not None and entry.answer.version and not entry.others:
            found.setdefault(qid, _org(opened.project, sender))
    return found


def draft_count(ws: Workspace, slug: str) -> int:
    """How many drafts this computer keeps for a project, in every dialogue; only read, never written.

    Drafts are no answers, so a view of the answers leaves them out: advice that points there
    says them apart.
    """
    return sum(1 for text in local.load(ws.store.home, slug).drafts.values() if (text or "").strip())


def draft_phases(ws: Workspace, slug: str) -> list[tuple[str, str, str]]:
    """Where this computer's drafts for a project are: (phase id, side, dialogue key or ''), in guide order.

    The same drafts draft_count counts; each place once. 'fase' opens a phase at its drafts, so
    a hint can give the command that opens them for each place.
    """
    texts = local.load(ws.store.home, slug).drafts
    slots = [key_slot(key) for key, text in texts.items() if (text or "").strip()]
    order = {question.id: n for n, question in enumerate(ws.guide.questions())}
    places = sorted((order.get(qid, len(order)), qid, where) for where, qid in slots if side_of(qid))
    return list(dict.fromkeys((qid.split(".")[0], side_of(qid) or "", where) for _, qid, where in places))


def drafted(ws: Workspace, opened: Opened, partner: Partner | None) -> set[str]:
    """The questions with text kept as a draft on this computer, in one dialogue (ids)."""
    view = opened.project.dialogue(partner)
    drafts = opened.local.drafts
    return {q.id for q in ws.guide.questions() if (drafts.get(slot_key(view.slot(q.id))) or "").strip()}


def news_shown(opened: Opened, partner: Partner | None, shown: Set[str]) -> set[tuple[str, str]]:
    """The news among the questions `shown` (ids) in a dialogue: (sender, slot key) each."""
    return {(sender, key) for sender, key, qid in _news_in(opened, partner) if qid in shown}


def mark_seen(ws: Workspace, opened: Opened, partner: Partner | None, shown: Set[str]) -> None:
    """The user has looked at the questions `shown` (ids) in a dialogue: their news is no news now.

    Only what was shown: the news of a phase, a side or an open answer the view left out stays
    news, and status keeps pointing at it.
    """
    seen = news_shown(opened, partner, shown)
    if not seen:
        return
    ws.store.remember(  # not written: the front end warns, they are news again next time
        opened.project.slug,
        lambda state: state._replace(
            news={
                sender: rest
                for sender, keys in state.news.items()
                if (rest := tuple(k for k in keys if (sender, k) not in seen))
            }
        ),
    )


class Stray(NamedTuple):
    """An answer kept in the project file under a question id the guide does not have there.

    It is kept and exported, but no view reads it, so status says so (with the closest ids the
    guide has, as a hand-edited typo usually is).
    """

    slot: Slot
    close: tuple[str, ...]


def strays_in(project: Project, layout: Layout, partner: Partner | None) -> tuple[Stray, ...]:
    """The answers of a dialogue (the shared ones and the partner's) under ids its places lack.

    A dialogue reads the sharing side's questions there too (as variants for the partner).
    """
    sections = [("", project.shared, layout.shared)]
    if partner is not None:
        places = (*layout.dialogue, *layout.shared)
        sections.append((partner.key, project.dialogues.get(partner.key, {}), places))
    found = []
    for key, section, places in sections:
        known = set(places)
        for question_id, entry in section.items():
            if question_id not in known and (not entry.answer.empty or entry.others):
                import difflib  # only when there is a stray answer to name

                close = difflib.get_close_matches(question_id, places, n=1, cutoff=0.8)
                found.append(Stray((key, question_id), tuple(close)))
    return tuple(found)


def place(guide: Guide, project: Project, slot: Slot) -> Message:
    """Where an answer is, in words to be: phase · tool · side, and the organisation of a dialogue.

    What lists, conflict headings and refusals name an answer by (never its id, unless the guide
    does not know the question).
    """
    key, question_id = slot
    side: str | Message = "?"
    if question_id.count(".") == 3 and (role := question_id.split(".")[2]) in ROLES:
        side = message(f"role.{role}")
    if key:
        side = message("where.side-of", side=side, org=_org(project, key))
    found = guide.locate(question_id)
    if found is None:
        return message("where.unknown", side=side, id=question_id)
    phase, tool, _ = found
    return message("where.full", phase=phase.name, tool=tool.title, side=side)


def answer_place(guide: Guide, project: Project, slot: Slot) -> Message:
    """An answer's place and its question, as the dry run of an import lists it."""
    found = guide.locate(slot[1])
    question = found[2].text if found is not None else slot[1]
    return message("importer.item", where=place(guide, project, slot), question=question)


def slot_place(guide: Guide, project: Project, slot: Slot) -> Message:
    """An answer named as answer_place names it, or a follow-up record as it stands in the file."""
    where, key = slot
    kind, _, name = key.partition(":")
    if kind not in followup.KINDS:
        return answer_place(guide, project, slot)
    org = _org(project, where or SHARING)
    what = _record_words(guide, project, slot, kind, name)
    if what is not None:  # in the dialogue with a partner, or the sharing side's for every dialogue
        key = "where.record-named" if where else "where.record-named-common"
        return message(key, org=org, what=what)
    return message("where.record", section=followup.KINDS[kind].section, id=name, org=org)


def _record_words(guide: Guide, project: Project, slot: Slot, kind: str, name: str) -> Message | None:
    """A follow-up record as people know it: the action's text, the tool or phase and side, the day.

    None when the guide or the file does not say (the record is then named by its id).
    """
    entry = project.record(slot)
    fields = dict(entry.answer.fields) if entry is not None else {}
    if kind == "plan" and fields.get("hvad"):
        return message("where.record.plan", what=line(fields["hvad"]))
    if kind == "moede" and (day := followup.parse_day(fields.get("dato", ""))) is not None:
        return message("where.record.moede", day=day)
    if kind in ("plan", "moede"):  # not in the file now (put back to a copy from before it): its id
        return message(f"where.record.{kind}-gone", id=name)
    place, _, role = name.rpartition(".")
    if role not in ROLES:
        return None
    side = message(f"role.{role}")
    if kind == "klarhed":
        tool = next((t for p in guide.phases for t in p.tools if t.id == place), None)
        return message("where.record.klarhed", tool=tool.title, side=side) if tool else None
    phase = next((p for p in guide.phases if p.id == place), None)
    return message("where.record.godkendelse", phase=phase.name, side=side) if phase else None


def _org(project: Project, key: str) -> str | Message:
    """An organisation's name from its key: 'dele' is the sharing side, a key not in the project git's."""
    if key == SHARING:
        return clean_name(project.sharing_org) or message("org.sharing")
    partner = project.partner(key)
    if partner is not None:
        return clean_name(partner.name or partner.key)
    return message("org.unknown")


def salvaged_texts(guide: Guide, found: Salvage, names: Mapping[str, str] | None = None) -> list[Message]:
    """Each draft or reason read back from a damaged state file (local.py), named by its question.

    A dialogue is named by its partner's name in `names` (see dialogue_names), else by its key. A
    draft kept as a reason for "not relevant" is one while the file still said so.
    """
    items = []
    for text in found.texts:
        where, question_id = key_slot(text.key)
        side: str | Message = "?"
        if question_id.count(".") == 3 and (role := question_id.split(".")[2]) in ROLES:
            side = message(f"role.{role}")
        if where:
            side = message("where.side-of", side=side, org=(names or {}).get(where, where))
        located = guide.locate(question_id)
        place = (
            message("where.unknown", side=side, id=question_id)
            if located is None
            else message("where.full", phase=located[0].name, tool=located[1].title, side=side)
        )
        kind = "draft" if text.section == "kladder" and text.key not in found.reasons else "reason"
        told = [
            note for note in text.notes if note != LINE_BY_LINE
        ] or text.notes  # one says: look it through
        notes = [message(f"local.salvaged.note.{note}") for note in told]
        items.append(
            message(
                "local.salvaged.item",
                kind=message(f"local.salvaged.{kind}"),
                where=place,
                question=located[2].text if located is not None else question_id,
                notes=notes,
            )
        )
    return items


def dialogue_names(ws: Workspace, kept: Path) -> dict[str, str]:
    """The partners' names ({key: name}) in the project whose damaged state file was kept as `kept`.

    Asked once the command is done (the state file is repaired then); {} when the project cannot
    be read, so the texts are named by the keys instead.
    """
    slug = kept.name.partition(".yaml")[0]
    try:
        project = ws.store.load(slug)
    except SpredningError:
        return {}
    return {partner.key: clean_name(partner.name or partner.key) for partner in project.partners}


def salvaged_consequences(found: Salvage) -> list[Message]:
    """What it means that lines of the program's own notes in a damaged state file could not be read."""
    return [message(f"local.salvaged.consequence.{key}") for key in found.consequences]


class HeldMeeting(NamedTuple):
    """A meeting noted in a dialogue, and whose note it is (so a partner's is told apart from ours)."""

    day: datetime.date
    by: str | None  # the organisation that noted it: 'dele' or a partner's key (None: not known)
    ours: bool  # noted on this side (this computer's organisation), not brought by a partner's file


def held_meetings(project: Project, state: LocalState, partner: Partner | None) -> tuple[HeldMeeting, ...]:
    """The meetings held in a dialogue, the latest last, each with whose note it is.

    A meeting says who noted it (followup.NOTED_BY), in every copy of the project. One noted by a
    program from before that has only what this computer remembers: the import notes which file
    brought which version (LocalState.brought), so the note is that sender's; any other is taken
    for this side's own.
    """
    found = []
    for meeting in followup.meetings(project, partner):
        by = followup.noter(meeting.by, meeting.where)
        if by is not None:
            found.append(HeldMeeting(meeting.day, by, by == state.me))
            continue
        sender = _brought_by(project, state, meeting)
        found.append(HeldMeeting(meeting.day, sender or state.me, sender is None or sender == state.me))
    return tuple(found)


def _brought_by(project: Project, state: LocalState, meeting: followup.Meeting) -> str | None:
    """The organisation whose file brought a meeting's version here, or None (noted here, or not known)."""
    slot = (meeting.where, followup.record_key("moede", meeting.id))
    entry = project.record(slot)
    if entry is None or not entry.answer.version:
        return None
    try:
        written = history.written(entry.answer)
    except SpredningError:
        written = ""
    key = slot_key(slot)
    return next((s for s, brought in state.brought.items() if brought.get(key) == written), None)
