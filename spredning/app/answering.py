"""Answering a phase: the interview's session (saving, drafts) and answers from a file.

A Session is one side answering in one dialogue. It is the interview's Recorder: every answer is
saved in its own transaction the moment it is given, drafts are kept on this computer, and an
answer someone else saved meanwhile comes back to the interview instead of being overwritten.

Another window may answer the same question meanwhile (two terminals on one project). Every draft
is written from the file as it is at that moment, under the project's lock (drafts.placed): a
session replaces or removes only the draft it offered or wrote itself, so neither window's text
is lost and none is said to be kept unless it is in the file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from spredning.app.workspace import Workspace
from spredning.core import filehead, fileio, history, local, yamlio
from spredning.core.drafts import Drafted, placed, reason_aside, reason_goes_beside, with_drafts, with_reason
from spredning.core.errors import Message, SpredningError, UsageProblem, message
from spredning.core.interview import normalise
from spredning.core.local import LocalState, given_count, slot_key
from spredning.core.model import (
    SHARING,
    Answer,
    Dialogue,
    Entry,
    Partner,
    Phase,
    Project,
    Question,
    Slot,
    side_of,
)

if TYPE_CHECKING:  # imported where it is used: a removed project's path only, not the interview's start
    from spredning.app.project_restore import Kept

HEAD = 4096  # bytes of a project file read to know its identity (its 'id:' line is the second)


class Session:
    """One side answering in one dialogue; implements the interview's Recorder."""

    def __init__(self, ws: Workspace, slug: str, role: str, partner: Partner | None, variants: bool = False):
        self.ws = ws
        self.store = ws.store
        self.slug = slug
        self.role = role
        self.partner = partner
        self.variants = variants  # sharing side answering for one partner: per-partner variants
        opened = self.store.open(slug)
        self.project = opened.project
        self.local = opened.local
        self.path = opened.path
        self.mine: dict[str, str] = {}  # slot key → this session's part of the draft (drafts.placed)
        self.offered: dict[str, str] = {}  # slot key → the draft put in the field, while unchanged here
        self.shown: dict[str, str] = {}  # slot key → the text the field started with (draft or answer)
        self.mine_reason: dict[str, str] = {}  # slot key → this session's part of the reason kept beside
        self.offered_reason: dict[str, str] = {}  # slot key → the reason put in the reason field, unchanged
        self.shown_reason: dict[str, str] = {}  # slot key → the text the reason field started with
        self.as_reason: set[str] = set()  # slot keys whose part (mine) was typed as a reason: see keep_draft
        self.removed: SpredningError | None = None  # a save found the dialogue's partner removed meanwhile
        # which project this window answers in: the file's identity and this computer's copy of it
        # (an import taking the sharing side's identity keeps the copy; another project has neither)
        self.copy = opened.local.copy
        self.opened_as = slug  # the project's file name when opened (see moved)
        self.kept_at: Kept | None = None  # the project removed meanwhile: where its state is kept
        self.saved_here: dict[str, tuple[Slot, Answer]] = {}  # slot key → this window's last save of it
        self.put_back: tuple[str, ...] = ()  # question ids the last save wrote in the file again (_put_back)

    def view(self) -> Dialogue:
        """The dialogue as it stands after the last save."""
        return self.project.dialogue(self.partner)

    def saved(self) -> Dialogue:
        """The dialogue as the project file holds it now, with what other windows saved meanwhile.

        A count told at the end (how many are answered) must be the file's, as 'status' shows it.
        A file that cannot be read now gives the dialogue as it stood after this session's last save.
        """
        try:
            return self.store.load(self.slug).dialogue(self.partner)
        except SpredningError:
            return self.view()

    def slot(self, question: Question) -> Slot:
        """Where this session keeps a question's answer."""
        if side_of(question.id) == "genbruge":
            if self.partner is None:
                raise UsageProblem("answer.no-partner")
            return self.partner.key, question.id
        if self.variants and question.per_partner and self.partner is not None:
            return self.partner.key, question.id
        return self.view().slot(question.id)

    def entry(self, question: Question) -> Entry | None:
        """The entry this session shows for a question."""
        return self.project.entry(self.slot(question))

    def draft(self, question: Question, offered: bool = False) -> str | None:
        """Text typed but not saved, offered back the next time the question is shown.

        `offered`: it is put in the field now, so it becomes this session's own, to replace.
        """
        key = slot_key(self.slot(question))
        text = self.local.drafts.get(key)
        if offered:
            self.mine[key] = self.offered[key] = text or ""
            entry = self.entry(question)
            saved = entry.answer.text if entry is not None and not entry.answer.not_relevant else ""
            self.shown[key] = text or saved  # what the field shows: another window may go on from it too
        return text

    def draft_joined(self, question: Question) -> bool:
        """True when the question's draft holds two windows' texts (joined: a paragraph each)."""
        return slot_key(self.slot(question)) in self.local.joined

    def draft_is_reason(self, question: Question) -> bool:
        """True when the question's draft was typed as the reason for "not relevant", not as an answer."""
        return slot_key(self.slot(question)) in self.local.reasons

    def reason_beside(self, question: Question, offered: bool = False) -> str:
        """A reason for "not relevant" typed beside the question's answer draft, not saved ("": none).

        `offered`: it is put in the reason field now, so it becomes this session's own, to replace;
        a field offered none starts with the reason given with the mark, if any.
        """
        key = slot_key(self.slot(question))
        text = self.local.beside.get(key, "")
        if offered:
            self.mine_reason[key] = self.offered_reason[key] = text
            entry = self.entry(question)
            given = entry.answer.text if entry is not None and entry.answer.not_relevant else ""
            self.shown_reason[key] = text or given
        return text

    def reason_joined(self, question: Question) -> bool:
        """True when the reason kept beside the answer draft holds two windows' texts (a paragraph each)."""
        return slot_key(self.slot(question)) in self.local.beside_joined

    def keep_reason(self, question: Question, text: str, join: bool = True, wait: bool = True) -> Drafted:
        """Keep (or, with blank text, drop) a reason typed beside the question's answer draft.

        Kept apart from the draft, so the answer draft stays an answer draft (drafts.with_reason).
        Another window's reason stays, as another window's draft does (keep_draft): this text goes
        after it (`join`) or is not written (Drafted.HELD). A file that cannot be written raises
        SpredningError; `wait` False: so does another window's lock (store.Busy), not waited for.
        """
        key = slot_key(self.slot(question))
        untouched = key in self.offered_reason and self.offered_reason[key] == text
        if not untouched:  # typed here: from now on the text is this window's own, to keep
            self.offered_reason.pop(key, None)
        outcome: dict[str, tuple[Drafted, str]] = {}

        def change(state: LocalState) -> LocalState:
            mine, base = self.mine_reason.get(key, ""), self.shown_reason.get(key, "")
            state, done, mine = with_reason(state, key, text, mine, join, untouched, base)
            outcome[key] = done, mine
            return state

        self.local = self._update(change, wait)
        done, self.mine_reason[key] = outcome[key]
        return done

    def keep_draft(
        self, question: Question, text: str, join: bool = True, reason: bool = False, wait: bool = True
    ) -> Drafted:
        """Keep (or, with empty text, drop) a question's draft on this computer; say what became of it.

        A different draft another window wrote stays: the text goes after it (`join`) or is not
        written (Drafted.HELD). The draft offered, left as it was, is not this window's text: it
        writes nothing (Drafted.STALE when another window has changed or removed it meanwhile).
        A file that cannot be written raises SpredningError, and so does a dialogue a save found
        removed (answer.partner-removed): a draft there would never be shown.
        `reason`: the text is a reason for "not relevant" (see draft_is_reason). Each text stays its
        kind: a reason is kept beside another window's answer draft (drafts.reason_goes_beside), and
        an answer moves another window's reason draft beside it first (drafts.reason_aside).
        `wait` False: another window's lock is not waited for (store.Busy; nothing is written).
        """
        slot = self.slot(question)
        if self.removed is not None and slot[0] and text:  # a draft there would be shown to nobody
            raise self.removed
        key = slot_key(slot)
        untouched = key in self.offered and self.offered[key] == text
        if not untouched:  # typed here: from now on the text is this window's own, to keep
            self.offered.pop(key, None)
        outcome: dict[str, tuple[Drafted, str]] = {}

        def change(state: LocalState) -> LocalState:
            mine, base = self.mine.get(key, ""), self.shown.get(key, "")
            if reason and reason_goes_beside(state, key, mine):
                state, done, mine = with_reason(state, key, text, mine, join, untouched)
                outcome[key] = done, mine
                return state
            if not reason and not untouched and text.strip():
                state = reason_aside(state, key, mine)
            drafts, done, mine = placed(state.drafts, key, text, mine, join, untouched, base)
            outcome[key] = done, mine
            return with_drafts(state, key, drafts, done, reason)

        self.local = self._update(change, wait)
        done, self.mine[key] = outcome[key]
        if reason:
            self.as_reason.add(key)
        else:
            self.as_reason.discard(key)
        return done

    def record(
        self, question: Question, content: Answer | None, expected: Entry | None, keep: str = ""
    ) -> Entry | None:
        """Save an answer (an empty Answer deletes it) if nobody changed it since it was shown.

        Returns None when saved, or the entry now on disk when someone else saved meanwhile; then
        the text is kept as the question's draft until the user settles which to keep, so stopping
        at that question loses none of it (the draft kept while typing may be seconds older).
        `keep`: this session's draft after the save (an answer draft beside a "not relevant" mark:
        it stays, in the same write). A mark saved takes the reason this session kept beside the
        draft with it (another window's stays).
        """
        slot = self.slot(question)
        key = slot_key(slot)
        mine, reason = self.mine.get(key, ""), self.mine_reason.get(key, "")
        self.offered.pop(key, None)  # given as the answer: the window's own, whatever happens to it
        if content is not None and content.not_relevant:  # given as the reason: the window's own too
            self.offered_reason.pop(key, None)

        def save(project: Project, state: LocalState):
            self._check_ours(state, project.id)
            if slot[0] and project.partner(slot[0]) is None:  # removed meanwhile (projekt fjern-genbruger)
                partner = self.partner.name if self.partner is not None else slot[0]
                self.removed = SpredningError("answer.partner-removed", name=partner or slot[0])
                raise self.removed
            project, self.put_back = _put_back(project, self.saved_here, key)
            fresh = project.entry(slot)
            wanted = content or Answer()
            draft = keep  # saved: this session's draft goes (another window's stays), but for `keep`
            if _same(fresh, expected):
                project = project.with_entry(
                    slot, history.edited(fresh, wanted, state.copy, given_count(state, slot))
                )
                fresh = None
            elif fresh is not None and not fresh.in_conflict and fresh.answer.same_content(wanted):
                fresh = None  # saved meanwhile, word for word
            elif wanted.text and not wanted.not_relevant:
                draft = wanted.text
            else:  # not saved, and no text to keep: the drafts stay as they are
                return project, state, (fresh, project, state, mine, reason)
            base = self.shown.get(key, "")
            if draft.strip():  # an answer draft: another window's reason draft goes beside it, as a reason
                state = reason_aside(state, key, mine)
            drafts, done, now = placed(state.drafts, key, draft, mine, join=True, base=base)
            state = with_drafts(state, key, drafts, done)
            left = reason
            if fresh is None and wanted.not_relevant:  # the mark is saved: this window's reason is given
                state, _, left = with_reason(state, key, "", reason)
                if key in self.as_reason:  # typed as the draft, and kept beside an answer draft since
                    state, _, _ = with_reason(state, key, "", mine)
            return project, state, (fresh, project, state, now, left)

        self.put_back = ()
        on_disk, self.project, self.local, self.mine[key], self.mine_reason[key] = self._transact(save)
        self._saved_here(slot, on_disk)
        return on_disk

    def write_back(self) -> tuple[str, ...]:
        """The answers this window saved that the file lacks now, written in again: their question ids.

        For the interview's end (done, stopped, Ctrl+C): an older copy of the file put in its place
        after the last save has no later save to write them in (_put_back). Not written (a
        read-only file, the project removed): the warning at the end names them, as before.
        """
        if not self.saved_here or self.removed is not None:
            return ()

        def change(project: Project, state: LocalState):
            project, back = _put_back(project, self.saved_here, "")
            return project, state, (project, back)

        try:
            self.project, back = self._transact(change)
        except SpredningError:
            return ()
        return back

    def _saved_here(self, slot: Slot, on_disk: Entry | None) -> None:
        """Remember the answer this window saved (on_disk None), to write in again (_put_back)."""
        saved = self.project.entry(slot)
        if on_disk is None and saved is not None:
            self.saved_here[slot_key(slot)] = (slot, saved.answer)

    def _update(self, change, wait: bool) -> LocalState:
        """store.update_local on this project's state: a draft kept, where the project is now.

        When the project was removed meanwhile, the draft is kept in its own kept state instead
        (under fjernede/), which 'projekt gendan' brings back with it: a state under the file name
        would be taken by a project started or imported there later. So when another project has
        the file name now; refused (answer.project-taken) when that cannot be. With no removal kept
        (the file deleted by hand), the draft waits in a state under the file name.
        """
        self.follow()
        if not os.path.lexists(self.path):
            done = self._keep_with_removed(change)
            if done is not None:
                return done
            self.follow()  # brought back meanwhile, perhaps under another name
        try:
            return self.store.update_local(self.slug, lambda state: change(self._ours(state)), wait)
        except SpredningError as refused:
            if refused.key != "answer.project-taken":
                raise
            done = self._keep_with_removed(change)
            if done is None:
                raise
            return done

    def _keep_with_removed(self, change) -> LocalState | None:
        """store.update_kept on the removed project's own kept state; None: no removal of it kept.

        Where it is kept is looked up once (every removed project's file is read for it), and again
        only when it is no longer there (brought back, or removed again since).
        """
        from spredning.app import project_restore

        if self.kept_at is not None:
            done = self.store.update_kept(self.kept_at.folder, self.kept_at.slug, change, self.copy)
            if done is not None:
                return done
        found = project_restore.same_identity(self.ws, self.project.id)
        self.kept_at = found[0] if found else None
        if self.kept_at is None:
            return None
        return self.store.update_kept(self.kept_at.folder, self.kept_at.slug, change, self.copy)

    def _ours(self, state: LocalState) -> LocalState:
        self._check_ours(state)
        return state

    def _transact(self, change):
        """store.transact on this project; one removed meanwhile is said so, with how it comes back."""
        self.follow()
        try:
            return self.store.transact(self.slug, change)
        except SpredningError as exc:
            gone = self.removed_meanwhile() if exc.key == "project.missing" else None
            if gone is None:
                raise
            raise gone from None

    @property
    def moved(self) -> bool:
        """True when the project came back under another file name while this window was open."""
        return self.slug != self.opened_as

    def follow(self) -> None:
        """The project, gone from its file name, found again under another (projekt gendan --navn).

        Its file name may be gone, or another project's now (started or imported under the name
        since). It is this window's project where this computer's copy of it is: the state moved
        with its file. Looked for only then; else a save reads no more than the file's head.
        """
        if self._head_id(self.slug) in (self.project.id, ""):
            return
        try:
            if self._holds_ours(self.slug):  # still here (an import gave it the sharing side's identity)
                return
            # brought back under another name, it has its identity still: only such a file is read on
            others = (s for s in self.store.slugs() if s != self.slug and self._head_id(s) == self.project.id)
            found = next((slug for slug in others if self._holds_ours(slug)), None)
        except (OSError, SpredningError):  # a folder that cannot be read: the file name stays
            return
        if found is not None:
            self.slug, self.path = found, self.store.path_for(found)

    def _holds_ours(self, slug: str) -> bool:
        """True when the project of `slug` is this window's: this computer's copy of it is there."""
        return bool(self._head_id(slug)) and local.load(self.store.home, slug).copy == self.copy

    def _head_id(self, slug: str) -> str | None:
        """The identity the file of `slug` names: None when there is none; '' when it cannot be read."""
        path = self.store.path_for(slug)
        if not os.path.lexists(path):
            return None
        try:
            with fileio.open_regular(path) as stream:  # the head only: no waiting, however large
                return filehead.declared_id(stream.read(HEAD)) or ""
        except (OSError, SpredningError):
            return ""

    def _check_ours(self, state: LocalState, project_id: str | None = None) -> None:
        """Refuse to keep text in another project that took the file name meanwhile (see _taken).

        Told by this computer's copy of the project: a state of another copy is another project's,
        unless the file there is still this project (its state made anew, e.g. after a removal).
        `project_id`: the file's identity, read already (a save); else its head is read.
        """
        if state.copy == self.copy:
            return
        found = self._head_id(self.slug) if project_id is None else project_id
        if found not in (self.project.id, "", None):
            raise self._taken()

    def taken_meanwhile(self) -> SpredningError | None:
        """Another project has this project's file name now (see _taken), or None."""
        try:
            self._check_ours(local.load(self.store.home, self.slug))
        except SpredningError as taken:
            return taken
        return None

    def _taken(self) -> SpredningError:
        """Another project has this project's file name now: nothing of this window's goes into it.

        The project was removed (or moved) meanwhile, and another was started or imported under
        its name. Said with the command that brings it back under a name of its own, when it can.
        """
        from spredning.app import project_restore

        kept = project_restore.same_identity(self.ws, self.project.id)
        problem = SpredningError("answer.project-taken", name=self.project.name, file=self.path.name)
        if kept:
            problem.hint = message("answer.project-taken.hint", slug=kept[0].slug)
        return problem

    def removed_meanwhile(self) -> SpredningError | None:
        """The project removed from the folder since it was opened (projekt fjern, another window), or None.

        Said with the name its kept folder comes back by (projekt gendan), which takes in the
        drafts this window kept meanwhile (drafts.adopted). None while its file is here, or when
        it is gone some other way (no removal of it kept).
        """
        if os.path.lexists(self.path):
            return None
        from spredning.app import project_restore

        kept = project_restore.same_identity(self.ws, self.project.id)
        if not kept:
            return None
        return SpredningError("answer.project-removed", name=self.project.name, slug=kept[0].slug)


def _put_back(
    project: Project, saved: Mapping[str, tuple[Slot, Answer]], now: str
) -> tuple[Project, tuple[str, ...]]:
    """The answers this window saved that the file now holds in an older version, written in it again.

    That happens when an older copy of the file was put in its place meanwhile (a sync program's
    "restore previous version", a text editor that had the file open saving it again): the
    answer saved a moment ago was gone from the file, and the next save wrote over it. Each is
    brought in as an import brings a newer version (history.integrate), so nothing newer is ever
    written over; `now`, the answer being saved, is left to the save. Returns the question ids.
    """
    back = []
    for key, (slot, answer) in saved.items():
        fresh = project.entry(slot)
        if key == now or answer.empty or (slot[0] and project.partner(slot[0]) is None):
            continue  # the answer being saved, a deletion, or a partner removed meanwhile
        order = history.compare(fresh.answer.version, answer.version) if fresh is not None else None
        if order not in (None, history.Order.BEFORE):
            continue  # as saved, or changed since (here or elsewhere): not an older copy's
        entry, outcome = history.integrate(fresh, answer)
        if outcome in (history.Outcome.ADDED, history.Outcome.UPDATED, history.Outcome.RESOLVED):
            project = project.with_entry(slot, entry)
            back.append(slot[1])
    return project, tuple(back)


def _same(fresh: Entry | None, expected: Entry | None) -> bool:
    """True when the entry on disk is still the one the user saw."""
    if fresh is None or expected is None:
        return (fresh is None or fresh.answer.empty) and (expected is None or expected.answer.empty)
    return fresh.answer == expected.answer


def _with_draft(state: LocalState, key: str, text: str) -> LocalState:
    """A file's answers are not a window's: they drop only a draft word for word the same (save_answers)."""
    drafts = dict(state.drafts)
    if text.strip():
        drafts[key] = text
    else:
        drafts.pop(key, None)
    others = tuple(k for k in state.joined if k != key), tuple(k for k in state.reasons if k != key)
    return state._replace(drafts=drafts, joined=others[0], reasons=others[1])


# -- answers from a file -----------------------------------------------------------------------


SHOWN_PROBLEMS = 20


def answers_from_file(
    ws: Workspace, data: object, phase: Phase | None, role: str | None
) -> dict[str, Answer]:
    """Validate an answers file (question id → text, or → {ikke-relevant: ja, begrundelse: ...}).

    Nothing partial passes: every problem is listed and nothing is saved.
    """
    if phase is not None:
        roles = (role,) if role else ("dele", "genbruge")
        allowed = {q.id for r in roles for q in phase.questions(r)}
    else:
        allowed = {q.id for q in ws.guide.questions(role)}
    if not isinstance(data, dict) or not data:
        raise SpredningError("answers.not-mapping", example=example_id(ws, phase, role))
    problems = []
    result = {}
    # a question of this phase (or the guide) for the other side: named as such, not as unknown
    asked = [q.id for r in ("dele", "genbruge") for q in phase.questions(r)] if phase else None
    other_side = set(asked if asked is not None else (q.id for q in ws.guide.questions())) - allowed
    for qid, value in data.items():
        if role and qid in other_side:
            other = "genbruge" if role == "dele" else "dele"
            problems.append(message("answers.other-side-id", id=qid, role=role, other=other))
            continue
        if qid not in allowed:
            close = _close_id(str(qid), allowed)
            problems.append(
                message(
                    "answers.unknown-id-close" if close else "answers.unknown-id",
                    id=yamlio.shown(str(qid)),
                    phase=phase.name if phase else "",
                    role=role or "",
                    close=close[0] if close else "",
                )
            )
            continue
        content = _file_answer(value)
        if content is None:
            problems.append(_not_an_answer(qid, value))
        elif content.empty:
            problems.append(message("answers.empty", id=qid))
        else:
            result[qid] = content
    if problems:  # every problem counted, the first ones shown (a file may hold thousands)
        raise SpredningError(
            "answers.problems",
            n=len(problems),
            problems=problems[:SHOWN_PROBLEMS],
            more=max(0, len(problems) - SHOWN_PROBLEMS),
        )
    return result


def example_id(ws: Workspace, phase: Phase | None, role: str | None) -> str:
    """A question id an answers file for this phase and side could hold, for an example line."""
    questions = phase.questions(role) if phase and role else phase.questions(SHARING) if phase else ()
    return (questions or ws.guide.questions(role))[0].id


def _close_id(qid: str, allowed: set[str]) -> list[str]:
    """The id an unknown one was probably meant to be: none, or one.

    The same question (side and key) under another tool of the phase comes first: the closest id by
    its letters could be another question of the tool named, where the answer would be misplaced.
    """
    import difflib  # only when an id is wrong

    tail = ".".join(qid.split(".")[-2:])
    same = [a for a in sorted(allowed) if qid.count(".") >= 3 and a.endswith(f".{tail}")]
    if len(same) == 1:
        return same
    close = difflib.get_close_matches(qid, sorted(allowed), n=1, cutoff=0.8)
    return close or [a for a in sorted(allowed) if a.endswith(f".{qid}")][:1]  # only its last part


def _file_answer(value: object) -> Answer | None:
    if isinstance(value, str):
        return Answer(text=normalise(value))
    if (
        isinstance(value, dict)
        and value.get("ikke-relevant") == "ja"
        and set(value) <= {"ikke-relevant", "begrundelse"}
        and isinstance(value.get("begrundelse", ""), str)
    ):
        return Answer(text=normalise(value.get("begrundelse", "")), not_relevant=True)
    return None


def _not_an_answer(qid: str, value: object) -> Message:
    """What is wrong with a value that is no answer: its reason when that alone is not a text."""
    reason = value.get("begrundelse") if isinstance(value, dict) else None
    if (
        isinstance(value, dict)
        and not isinstance(reason, str | None)
        and _file_answer(value | {"begrundelse": ""})
    ):
        kind = (
            "content.kind.list"
            if isinstance(reason, list)
            else "content.kind.mapping"
            if isinstance(reason, dict)
            else None
        )
        return message("answers.reason-not-text", id=qid, kind=message(kind) if kind else "")
    return message("answers.not-text", id=qid)


class Replacing(NamedTuple):
    """A saved answer (or "not relevant" mark) an answers file would replace with other content."""

    question: str  # the question's id, as the file names it
    slot: Slot
    saved: Answer  # what the project holds (its version too: changed meanwhile, it is another)
    given: Answer  # the file's


class FileSaved(NamedTuple):
    """What saving an answers file did: the ids that changed, the answers replaced, the copy kept."""

    changed: list[str]
    replaced: list[Replacing]
    backup: Path | None  # the project file as it was, kept when saved answers were replaced


class NotAgreed(SpredningError):
    """Saved answers the file would replace, nobody agreed to replace (changed meanwhile): nothing saved."""

    def __init__(self, replacing: list[Replacing]):
        super().__init__("answers.replace-meanwhile", n=len(replacing))
        self.replacing = replacing


def replacements(session: Session, answers: Mapping[str, Answer]) -> list[Replacing]:
    """The saved answers these would replace with other content, as the project file holds them now.

    A new answer for an unanswered (or deleted) question and an answer word for word the same replace
    nothing. The text replaced is only in the file (a version's history keeps no text): what
    save_answers replaces is first kept in a copy of the file.
    """
    project = session.store.load(session.slug)
    found = (
        _replacing(project.entry(slot), qid, slot, answers[qid]) for qid, slot in _slots(session, answers)
    )
    return [r for r in found if r is not None]


def _slots(session: Session, answers: Mapping[str, Answer]) -> list[tuple[str, Slot]]:
    questions = {q.id: q for q in session.ws.guide.questions()}
    return [(qid, session.slot(questions[qid])) for qid in answers]


def _replacing(fresh: Entry | None, qid: str, slot: Slot, content: Answer) -> Replacing | None:
    if fresh is None or fresh.answer.empty or fresh.answer.same_content(content):
        return None
    return Replacing(qid, slot, fresh.answer, content)


def save_answers(
    session: Session,
    answers: Mapping[str, Answer],
    agreed: Sequence[Replacing] = (),
    replace_any: bool = False,
) -> FileSaved:
    """Save answers from a file in one transaction; say which changed and which saved ones were replaced.

    A saved answer with other content is replaced only when the user agreed to replace it as it is
    (`agreed`, from replacements) or to replace any (`replace_any`: --erstat); then the project
    file as it was is first kept as a copy beside it. Any other is refused (NotAgreed) and nothing
    is saved. A draft of a question saved here stays (unless it is the very text saved): the
    interview then shows it beside the saved answer, and the caller can say so (drafts_of).
    """
    slots = dict(_slots(session, answers))

    def save(project: Project, state: LocalState):
        changed: list[str] = []
        replaced: list[Replacing] = []
        refused: list[Replacing] = []
        for qid, content in answers.items():
            slot = slots[qid]
            fresh = project.entry(slot)
            if fresh is not None and not fresh.answer.empty and fresh.answer.same_content(content):
                continue
            replacing = _replacing(fresh, qid, slot, content)
            if replacing is not None:
                (replaced if replace_any or replacing in agreed else refused).append(replacing)
            project = project.with_entry(
                slot, history.edited(fresh, content, state.copy, given_count(state, slot))
            )
            if normalise(state.drafts.get(slot_key(slot)) or "") == normalise(content.text):
                state = _with_draft(state, slot_key(slot), "")  # the draft is what was saved
            # any other draft stays: text typed in the field is the user's, a file never erases it
            changed.append(qid)
        if refused:  # raised before anything is written: the project file stays as it is
            raise NotAgreed(refused)
        return project, state, (changed, replaced, project, state)

    keep = bool(agreed) or (replace_any and bool(replacements(session, answers)))  # a copy only to replace
    changed, replaced, session.project, session.local = session.store.transact(
        session.slug, save, keep_backup=keep
    )
    backup = session.store.last_backup if keep else None
    return FileSaved(changed, replaced, backup)


def drafts_of(session: Session, question_ids: Sequence[str]) -> list[str]:
    """Which of these questions have a draft on this computer."""
    questions = {q.id: q for q in session.ws.guide.questions()}
    return [qid for qid in question_ids if (session.draft(questions[qid]) or "").strip()]
