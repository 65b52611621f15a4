"""The interview through one phase for one side, as a state machine any front end can drive.

``Interview.step()`` says what to ask or show now (a question, the review after a tool, how to
resume a phase ...), the front end asks the user and hands the reply to ``Interview.reply()``, and
so on until ``step()`` returns a Done step. There is no terminal code here and no prose: the front
end decides how a step looks. Answers are saved the moment they are given, through a Recorder
(the application's session), which also keeps drafts: text typed but not saved as the answer.
A phase with drafts opens on them (ResumeDrafts), where the user left off; one with answers and
no drafts asks how to go on (ChooseResume).

With a FollowUp (optional), going on from a tool's review also offers to add actions to the plan
where the guide asks for them (OfferActions) and to mark this side's readiness (RateReadiness).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol

from spredning.core.drafts import Drafted
from spredning.core.errors import SpredningError
from spredning.core.followup import Mark, PlanItem
from spredning.core.model import (
    SHARING,
    Answer,
    Dialogue,
    Entry,
    Phase,
    Question,
    Tool,
    joinable,
    joined,
    normalise,
    other_role,
    progress,
)


class Review(enum.Enum):
    """What to do after a tool's review."""

    NEXT = "videre"
    EDIT = "ret"
    PREVIOUS = "forrige"
    STOP = "stop"


class Resume(enum.Enum):
    """How to open a phase that already has answers."""

    CONTINUE = "fortsæt"
    REVIEW_ALL = "gennemgå"
    PICK_TOOL = "vælg"
    STOP = "stop"


class Keep(enum.Enum):
    """Which answer to keep when someone else changed it meanwhile."""

    MINE = "mit"
    THEIRS = "deres"
    BOTH = "begge"


# -- replies to a question ---------------------------------------------------------------------


class Save(NamedTuple):
    """The user saved the text in the field (empty: skip the question, or delete a saved answer)."""

    text: str


class NotRelevant(NamedTuple):
    """The user marked the question "not relevant", with an optional reason.

    `draft`: an answer draft the user had typed when they marked it; it stays the question's
    draft (an answer draft, never the reason), so nothing typed is lost by marking.
    """

    reason: str = ""
    draft: str = ""


class Back(NamedTuple):
    """The user went one question back; what was typed is kept as a draft."""

    draft: str = ""


# -- steps ----------------------------------------------------------------------------------


class OtherAnswers(NamedTuple):
    """One organisation on the other side and its answers in a tool (`org` as org_name takes it)."""

    org: str
    answers: tuple[tuple[Question, Answer], ...]


class Ask(NamedTuple):
    """Ask one question. `new_tool` says the tool is entered now (show its introduction).

    `partner_answers` are the other side's answers in this tool, at every question of it, so the
    front end can show them again on request; it summarises them only when the tool is entered.
    They come per organisation: the sharing side answering once for several partners sees each
    partner's answers under its name; everyone else sees the one other side.
    """

    tool: Tool
    question: Question
    position: int
    total: int
    answer: Answer | None
    draft: str | None
    new_tool: bool
    partner_answers: tuple[OtherAnswers, ...]
    at_start: bool  # the first question: going back is not possible
    unsaved: bool = False  # `draft` is text that could not be saved, not even as a draft
    unsaved_reason: bool = False  # ... and it was typed as a reason for "not relevant" (a mark not saved)
    # an open conflict: whose versions are kept beside the answer, unsettled ('dele', a partner's
    # key, '' for one from git: as org_name takes them); a save here leaves them (StillInConflict)
    conflict: tuple[str, ...] = ()


class ConfirmDelete(NamedTuple):
    """An empty answer where one is saved: delete it? Reply True or False.

    `marked`: what is saved is a "not relevant" mark, not an answer; True removes the mark.
    """

    question: Question
    marked: bool = False


class ConfirmReplaceMark(NamedTuple):
    """An answer saved where a "not relevant" mark with a reason is saved: may it replace the mark.

    Reply True or False. False keeps the mark and its reason; `text`, the answer as typed, stays the
    question's draft, to come back to. Found in a trial: a draft typed before the mark, saved later,
    replaced the mark and its reason without a word, while a mark replacing an answer is asked.
    """

    question: Question
    reason: str
    text: str


class ReviewTool(NamedTuple):
    """The tool's answers; reply a Review (PREVIOUS only when `first` is False)."""

    tool: Tool
    first: bool


class PickQuestion(NamedTuple):
    """Which of the tool's answers to change; reply a Question or None."""

    tool: Tool


class ChooseResume(NamedTuple):
    """The phase has answers already; reply a Resume."""

    phase: Phase


class ResumeDrafts(NamedTuple):
    """The phase has drafts: they are asked first, then the first open question; reply None.

    Text left unsaved is where the user stopped, and what status and the home screen send them
    back to ("gør kladden færdig"), so the interview opens on it instead of asking how to go on.
    """

    phase: Phase
    questions: tuple[Question, ...]  # the questions with a draft, in the phase's order


class PickTool(NamedTuple):
    """Which tool to open; reply a Tool or None."""

    phase: Phase


class SavedMeanwhile(NamedTuple):
    """Someone saved this answer while the user wrote: reply Keep.MINE, Keep.THEIRS or Keep.BOTH.

    Keep.BOTH keeps both, mine first (model.joined); it is offered only when `joinable`: a "not
    relevant" mark and an answer cannot be joined, so the front end says why and offers the two.
    """

    question: Question
    mine: Answer | None
    theirs: Answer | None

    @property
    def joinable(self) -> bool:
        """True when both versions can be kept one after the other (not a mark beside an answer)."""
        return joinable((self.mine, self.theirs))


class SaveFailed(NamedTuple):
    """An answer could not be saved (the file locked, read-only, damaged or gone); reply None.

    `problem` says why. The text was kept as the question's draft when `kept`; when not, the
    front end shows it whole, so it can be copied. Then the question is asked again with the
    text in the field: the user can try again once the cause is gone, or stop.
    """

    question: Question
    text: str
    problem: SpredningError
    kept: bool


class StillInConflict(NamedTuple):
    """The answer was saved, and the versions kept beside it still wait to be settled; reply None.

    Saving in the interview never settles a conflict: the other versions are not in the field,
    so nobody chose between them ('konflikter' does). `versions` as Ask.conflict names them.
    """

    question: Question
    versions: tuple[str, ...]


class PutBack(NamedTuple):
    """The save wrote in the file again answers this window saved (`questions`); reply None.

    An older copy of the file had been put in its place, without them (see answering._put_back).
    """

    questions: tuple[Question, ...]


class NoQuestions(NamedTuple):
    """A tool with no questions for this side (shown, then passed)."""

    tool: Tool


class Done(NamedTuple):
    """The phase is through (`stopped` when the user chose to stop)."""

    phase: Phase
    stopped: bool


class OfferActions(NamedTuple):
    """The guide asks for action in this tool: reply a NewAction to add one (asked again), or None."""

    tool: Tool
    actions: tuple[PlanItem, ...]  # the plan's actions from this tool so far


class RateReadiness(NamedTuple):
    """How ready is this side after the tool? Reply a Rating, or None to leave it as it is."""

    tool: Tool
    current: Mark | None
    versions: tuple[Mark, ...] = ()  # every version of the mark while they wait for a decision


class NewAction(NamedTuple):
    """An action for the plan: what, who (optional) and the deadline (optional)."""

    what: str
    who: str = ""
    due: datetime.date | None = None


class Rating(NamedTuple):
    """A readiness mark: 'grøn', 'gul' or 'rød', with an optional reason."""

    colour: str
    reason: str = ""


class FollowUp(Protocol):
    """The plan and the readiness marks for the interview: the application implements it."""

    def offers_actions(self, tool: Tool) -> bool: ...
    def actions(self, tool: Tool) -> tuple[PlanItem, ...]: ...
    def add_action(self, tool: Tool, action: NewAction) -> None: ...
    def readiness(self, tool: Tool) -> Mark | None: ...
    def mark_versions(self, tool: Tool) -> tuple[Mark, ...]: ...
    def rate(self, tool: Tool, rating: Rating) -> None: ...


class Recorder(Protocol):
    """Saving and reading for the interview: the application's session implements it."""

    def view(self) -> Dialogue: ...
    def entry(self, question: Question) -> Entry | None: ...
    def draft(self, question: Question, offered: bool = False) -> str | None: ...
    def keep_draft(
        self, question: Question, text: str, join: bool = True, *, reason: bool = False, wait: bool = True
    ) -> Drafted: ...
    def keep_reason(self, question: Question, text: str, join: bool = True) -> Drafted: ...
    def reason_beside(self, question: Question, offered: bool = False) -> str: ...
    def record(
        self, question: Question, content: Answer | None, expected: Entry | None, keep: str = ""
    ) -> Entry | None: ...

    @property
    def put_back(self) -> tuple[str, ...]: ...  # the question ids the last record wrote in again


def draft_of(typed: str | None, answer: Answer | None) -> str:
    """What to keep as a question's draft when the user leaves the field with `typed` in it.

    Nothing ("") when the field is blank or holds just the saved answer: a draft is only ever
    text that would otherwise be lost, never a copy of the answer.
    """
    text = normalise(typed or "")
    saved = answer.text if answer is not None and not answer.not_relevant else ""
    return (typed or "") if text and text != saved else ""


class Interview:
    """Walk one side through one phase, tool by tool; `step()` and `reply()` drive it."""

    def __init__(
        self,
        phase: Phase,
        role: str,
        recorder: Recorder,
        follow_up: FollowUp | None = None,
        go_on: bool = False,
    ):
        """`go_on`: open at the first open question without asking how to go on (drafts still first)."""
        self.go_on = go_on
        self.phase = phase
        self.role = role
        self.recorder = recorder
        self.follow_up = follow_up
        self.follow_stage: str | None = None  # after a tool: 'actions', then 'readiness'
        self.questions = [(t, q) for t in phase.tools for q in t.questions(role)]
        self.tool_index = 0
        self.question_index = 0
        self.introduced: int | None = None
        self.editing = False
        self.pending: object | None = None  # a step waiting for its reply
        self.finished: Done | None = None
        self.started = False
        self.shown_empty: set[int] = set()
        self.saving: tuple[Question, Answer | None, str] | None = None  # and the draft to keep
        self.unsaved: dict[str, str] = {}  # text that could not be saved, even as a draft: asked again
        self.unsaved_reasons: set[str] = set()  # ... of those, the ones typed as a mark's reason
        self.resume_at: Question | None = None  # where to go after this tool's review (drafts round)
        self.open_only = False  # going on at the open questions: answered ones are passed by
        self.drafts_first = False  # going from draft to draft (see ResumeDrafts)
        self.drafts_seen: set[str] = set()
        self.after_note: list[object] = []  # the steps after a note (PutBack, StillInConflict), in order

    # -- driving ----------------------------------------------------------------------
    def step(self) -> Any:
        """What to ask or show now (one of the step types above)."""
        if self.pending is None:
            self.pending = self._next_step()
        return self.pending

    def keep_typed(self, typed: str | None) -> bool:
        """The user stopped (Ctrl+C, a closed terminal) with `typed` in the answer field.

        The field's text becomes the draft of the question being asked (a blank field or the
        saved answer leaves none); returns True when a draft was kept. None: no field was shown.
        Stopped at the choice after someone saved the answer meanwhile: the text was kept as the
        draft when the save found the other answer (True when it is there). Stopped at the question
        whether an answer replaces a mark: the front end keeps the answer as the draft as it stops
        (True when it is there).
        """
        step = self.pending
        if isinstance(step, SavedMeanwhile):
            text = step.mine.text if step.mine is not None and not step.mine.not_relevant else ""
            return bool(text) and text in (self.recorder.draft(step.question) or "")
        if isinstance(step, ConfirmReplaceMark):
            return bool(step.text.strip()) and step.text in (self.recorder.draft(step.question) or "")
        if typed is None or not isinstance(step, Ask):
            return False
        draft = draft_of(typed, step.answer)
        self.recorder.keep_draft(step.question, draft)
        return bool(draft)

    def reply(self, value: Any) -> None:
        """The user's reply to the current step."""
        step = self.step()
        self.pending = None
        handler: dict[type, Callable[[Any, Any], None]] = {
            Ask: self._answered,
            ConfirmDelete: self._deleted,
            ConfirmReplaceMark: self._replaced_mark,
            ReviewTool: self._reviewed,
            PickQuestion: self._picked_question,
            ChooseResume: self._resumed,
            ResumeDrafts: self._to_drafts,
            PickTool: self._picked_tool,
            SavedMeanwhile: self._settled,
            SaveFailed: lambda step, value: None,  # the same question is asked again, with the text
            StillInConflict: self._noted,
            PutBack: self._noted,
            OfferActions: self._offered,
            RateReadiness: self._rated,
            NoQuestions: lambda step, value: None,
            Done: lambda step, value: None,
        }
        handler[type(step)](step, value)

    # -- where we are -------------------------------------------------------------------
    def _next_step(self) -> Any:
        if self.finished is not None:
            return self.finished
        if not self.started:
            self.started = True
            opening = self._opening()
            if opening is not None:
                return opening
        if self.follow_stage is not None and self.follow_up is not None:
            tool = self.phase.tools[self.tool_index]
            if self.follow_stage == "actions":
                return OfferActions(tool, self.follow_up.actions(tool))
            return RateReadiness(tool, self.follow_up.readiness(tool), self.follow_up.mark_versions(tool))
        while self.tool_index < len(self.phase.tools):
            tool = self.phase.tools[self.tool_index]
            questions = tool.questions(self.role)
            if not questions:
                self.tool_index, self.question_index = self.tool_index + 1, 0
                if self.tool_index - 1 not in self.shown_empty:
                    self.shown_empty.add(self.tool_index - 1)
                    return NoQuestions(tool)
                continue
            if self.question_index < len(questions):
                return self._ask(tool, questions[self.question_index])
            return ReviewTool(tool, self.tool_index == self._tools_with_questions()[0])
        self.finished = Done(self.phase, stopped=False)
        return self.finished

    def _opening(self) -> ResumeDrafts | ChooseResume | None:
        """How the phase opens: on its drafts, with how to go on (it has answers), or at the start."""
        drafted = self._drafted()
        if drafted:
            return ResumeDrafts(self.phase, drafted)
        if self.go_on and self._has_answers() and self._first_open() is not None:  # as if chosen
            self._resumed(ChooseResume(self.phase), Resume.CONTINUE)
            return None
        return ChooseResume(self.phase) if self._has_answers() else None

    def _has_answers(self) -> bool:
        questions = self.phase.questions(self.role)
        return bool(questions) and progress(self.recorder.view(), questions).answered > 0

    def _ask(self, tool: Tool, question: Question) -> Ask:
        new_tool = self.introduced != self.tool_index
        self.introduced = self.tool_index
        position = next(n for n, (_, q) in enumerate(self.questions, 1) if q.id == question.id)
        view = self.recorder.view()
        partner = self._other_answers(tool, view)
        unsaved = self.unsaved.pop(question.id, None)
        unsaved_reason = question.id in self.unsaved_reasons and unsaved is not None
        self.unsaved_reasons.discard(question.id)
        entry = view.entry(question.id)
        return Ask(
            tool,
            question,
            position,
            len(self.questions),
            view.answer(question.id),
            unsaved or self.recorder.draft(question, offered=True),
            new_tool,
            partner,
            position == 1,
            unsaved=bool(unsaved),
            unsaved_reason=unsaved_reason,
            conflict=_versions(entry),
        )

    def _other_answers(self, tool: Tool, view: Dialogue) -> tuple[OtherAnswers, ...]:
        """The other side's answers in `tool`: every partner's when the sharing side answers for all."""
        questions = tool.questions(other_role(self.role))
        if self.role == "dele" and view.partner is None:
            views = [view.project.dialogue(partner) for partner in view.project.partners]
        else:
            views = [view]
        found = []
        for other in views:
            answers = tuple((q, a) for q in questions if (a := other.answer(q.id)) is not None)
            if answers:
                org = SHARING if self.role == "genbruge" else (other.partner.key if other.partner else "")
                found.append(OtherAnswers(org, answers))
        return tuple(found)

    def _drafted(self) -> tuple[Question, ...]:
        """The side's questions in the phase with a draft, not yet shown in this round.

        A reason for "not relevant" kept beside (its answer draft since saved, say) is typed text
        not saved too: its question is opened with the drafts, so the reason is seen.
        """
        return tuple(q for _, q in self.questions if q.id not in self.drafts_seen and self._typed_in(q))

    def _typed_in(self, question: Question) -> bool:
        """Whether the question has text typed and not saved: a draft, or a reason kept beside."""
        return bool(
            (self.recorder.draft(question) or "").strip() or self.recorder.reason_beside(question).strip()
        )

    def _go_to(self, question: Question) -> None:
        for t, tool in enumerate(self.phase.tools):
            ids = [q.id for q in tool.questions(self.role)]
            if question.id in ids:
                self.tool_index, self.question_index = t, ids.index(question.id)
                return

    def _tools_with_questions(self) -> list[int]:
        return [i for i, t in enumerate(self.phase.tools) if t.questions(self.role)]

    def _first_open(self, from_tool: int = 0) -> tuple[int, int] | None:
        """The first open question from a tool on (None: none).

        Open: without an answer, or with text typed and not saved (left with PgUp, say).
        """
        view = self.recorder.view()
        for t, tool in enumerate(self.phase.tools[from_tool:], from_tool):
            for q, question in enumerate(tool.questions(self.role)):
                if view.answer(question.id) is None or self._typed_in(question):
                    return t, q
        return None

    def _move_on(self, questions: Sequence[Question]) -> None:
        if self.editing:  # one answer changed from the review: straight back to the review
            self.question_index, self.editing = len(questions), False
        elif self.drafts_first:
            self.drafts_seen.add(questions[self.question_index].id)
            self._next_draft()
        else:
            self.question_index += 1
            view = self.recorder.view()
            while (  # going on at the open questions: the tool's review next
                self.open_only
                and self.question_index < len(questions)
                and view.answer(questions[self.question_index].id) is not None
                and not self._typed_in(questions[self.question_index])  # left with PgUp, say: shown
            ):
                self.question_index += 1

    def _next_draft(self) -> None:
        """After a draft: the next one, then the first open question (with none, how to go on)."""
        drafted = self._drafted()
        view = self.recorder.view()
        after = drafted or tuple(  # a question skipped in this round is not asked again at once
            q for _, q in self.questions if q.id not in self.drafts_seen and view.answer(q.id) is None
        )
        self.drafts_first = bool(drafted)
        self.open_only = not drafted  # after the drafts: the open questions
        if not after:
            self.pending = ChooseResume(self.phase)
            return
        tool = self.phase.tools[self.tool_index]
        if after[0] in tool.questions(self.role):
            self._go_to(after[0])
        else:  # leaving the tool: its review, plan and readiness first, as at any tool's end
            self.resume_at = after[0]
            self.question_index = len(tool.questions(self.role))

    def _next_tool(self) -> None:
        """After a tool's review (and its plan and readiness): the next tool, or the next draft."""
        if self.resume_at is not None:
            self._go_to(self.resume_at)
            self.resume_at = None
        elif self.open_only:  # on at the next open question; none left: the phase is through
            found = self._first_open(self.tool_index + 1)
            self.tool_index, self.question_index = found or (len(self.phase.tools), 0)
        else:
            self.tool_index, self.question_index = self.tool_index + 1, 0

    def _back(self) -> None:
        """One question back, into the previous tool's last question when at a tool's start.

        Going back is finding one's own way: the round of drafts (if any) ends here.
        """
        self.editing = self.drafts_first = False
        self.resume_at = None
        if self.question_index > 0:
            self.question_index -= 1
            return
        earlier = [i for i in self._tools_with_questions() if i < self.tool_index]
        if earlier:
            self.tool_index = earlier[-1]
            self.question_index = len(self.phase.tools[self.tool_index].questions(self.role)) - 1

    # -- replies --------------------------------------------------------------------------
    def _answered(self, step: Ask, value: Any) -> None:
        question = step.question
        if isinstance(value, Back):
            draft = draft_of(value.draft, step.answer)
            try:
                self.recorder.keep_draft(question, draft)
            except SpredningError as problem:
                if draft:  # not kept: shown whole, and the question asked again
                    self.pending = self._failed(question, draft, problem)
                    return
                # nothing new in the field: nothing to lose (an old draft of it stays as it was)
            self._back()
            return
        if isinstance(value, NotRelevant):  # an answer draft typed before stays the draft
            self._save(question, Answer(text=normalise(value.reason), not_relevant=True), value.draft)
            return
        text = normalise(value.text)
        if not text:
            if step.answer is None:
                self.recorder.keep_draft(question, "")
                self._move_on(step.tool.questions(self.role))
            else:
                self.pending = ConfirmDelete(question, step.answer.not_relevant)
            return
        saved = step.answer
        if saved is not None and saved.not_relevant and saved.text.strip():  # a reason would go unasked
            self.pending = ConfirmReplaceMark(question, saved.text, value.text)
            return
        self._save(question, Answer(text=text))

    def _save(self, question: Question, content: Answer | None, keep: str = "") -> None:
        """Save `content`; `keep`: the draft that stays afterwards (an answer draft beside a mark)."""
        tool = self.phase.tools[self.tool_index]
        expected = self.recorder.entry(question)
        if (
            expected is not None
            and content is not None
            and not expected.answer.empty
            and expected.answer.same_content(content)
        ):
            self.recorder.keep_draft(question, keep)
            if content.not_relevant:  # the reason is given: none is left beside the draft
                self.recorder.keep_reason(question, "")
            self._move_on(tool.questions(self.role))
            return
        try:
            on_disk = self.recorder.record(question, content, expected, keep)
        except SpredningError as problem:
            # an answer draft beside a mark comes back in the field (the reason stays beside it);
            # a mark's reason alone comes back as a reason, never as an answer to save
            text = keep or (content.text if content is not None else "")
            reason = not keep and content is not None and content.not_relevant
            self.pending = self._failed(question, text, problem, reason)
            return
        if on_disk is not None:  # someone else saved meanwhile: ask which to keep
            self.saving = (question, content, keep)
            self.pending = SavedMeanwhile(question, content, _given(on_disk))
            return
        self._move_on(tool.questions(self.role))
        notes: list[object] = []  # said before whatever comes next
        back = tuple(q for q in self.phase.questions(self.role) if q.id in self.recorder.put_back)
        if back:
            notes.append(PutBack(back))
        still = _versions(self.recorder.view().entry(question.id))
        if still:
            notes.append(StillInConflict(question, still))
        if notes:
            self.pending, self.after_note = notes[0], [*notes[1:], self.pending]

    def _noted(self, step: StillInConflict | PutBack, value: None) -> None:
        self.pending, self.after_note = self.after_note[0], self.after_note[1:]

    def _failed(
        self, question: Question, text: str, problem: SpredningError, reason: bool = False
    ) -> SaveFailed:
        """The save failed: keep the text as a draft if the state file can be written, else in memory.

        A dialogue removed meanwhile keeps no draft: nothing would ever show it again. `reason`:
        the text is a mark's reason, kept as a reason draft (it comes back saying so). A draft the
        field's autosave wrote already is kept, and said to be.
        """
        kept = False
        if text and problem.key == "answer.partner-removed":  # the recorder's, see app/answering.py
            self.unsaved[question.id] = text
        elif text:
            try:  # the lock the save waited for in vain is not waited for again (tried once more)
                self.recorder.keep_draft(question, text, reason=reason, wait=problem.key != "store.busy")
                kept = True
            except SpredningError:
                kept = self.recorder.draft(question) == text  # written already, while it was typed
                if not kept:
                    self.unsaved[question.id] = text
                    if reason:  # never offered back as an answer to save without a word
                        self.unsaved_reasons.add(question.id)
        return SaveFailed(question, text, problem, kept)

    def _deleted(self, step: ConfirmDelete, value: bool) -> None:
        if value:
            self._save(step.question, Answer())
        else:  # the saved answer stays; the text the user emptied out is not wanted either
            self.recorder.keep_draft(step.question, "")
            self._move_on(self.phase.tools[self.tool_index].questions(self.role))

    def _replaced_mark(self, step: ConfirmReplaceMark, value: bool) -> None:
        if value:
            self._save(step.question, Answer(text=normalise(step.text)))
            return
        try:  # the mark stays; the answer typed is the question's draft, to come back to
            self.recorder.keep_draft(step.question, step.text)
        except SpredningError as problem:  # not kept: shown whole, and the question asked again
            self.pending = self._failed(step.question, step.text, problem)
            return
        self._move_on(self.phase.tools[self.tool_index].questions(self.role))

    def _settled(self, step: SavedMeanwhile, value: Any) -> None:
        question, mine, keep = self.saving or (step.question, step.mine, "")
        self.saving = None
        if value is Keep.THEIRS:  # the user's text is given up: no draft of it stays behind
            self.recorder.keep_draft(question, keep)  # (an answer draft beside a mark is no part of it)
            self._move_on(self.phase.tools[self.tool_index].questions(self.role))
            return
        content = mine or Answer()
        if value is Keep.BOTH:
            both = joined((mine, step.theirs))
            if both is None:  # a front end's mistake: never a guess at what the user meant
                raise ValueError("a mark and an answer cannot be kept both")
            content = both
        self._save(question, content, keep)

    def _reviewed(self, step: ReviewTool, value: Review) -> None:
        if value is Review.STOP:
            self.finished = Done(self.phase, stopped=True)
        elif value is Review.EDIT:
            self.pending = PickQuestion(step.tool)
        elif value is Review.PREVIOUS:
            self.resume_at = None
            earlier = [i for i in self._tools_with_questions() if i < self.tool_index]
            self.tool_index = earlier[-1] if earlier else self.tool_index
            self.question_index = 0
        elif self.follow_up is not None:  # before the next tool: the plan and the readiness
            self.follow_stage = "actions" if self.follow_up.offers_actions(step.tool) else "readiness"
        else:
            self._next_tool()

    def _offered(self, step: OfferActions, value: NewAction | None) -> None:
        if value is not None and self.follow_up is not None and value.what.strip():
            self.follow_up.add_action(step.tool, value)  # offered again: another action?
        else:
            self.follow_stage = "readiness"

    def _rated(self, step: RateReadiness, value: Rating | None) -> None:
        if value is not None and self.follow_up is not None:
            self.follow_up.rate(step.tool, value)
        self.follow_stage = None
        self._next_tool()

    def _picked_question(self, step: PickQuestion, value: Question | None) -> None:
        if value is not None:
            self.question_index = step.tool.questions(self.role).index(value)
            self.editing = True

    def _resumed(self, step: ChooseResume, value: Resume) -> None:
        """How to go on, asked at the start or after the round of drafts: each way from its own start.

        After the drafts the interview stood at the last one, going on at open questions only; the
        whole review went on from there and ended at the phase's end (found in a re-trial).
        """
        self.open_only = self.drafts_first = False
        self.resume_at = None
        if value is Resume.CONTINUE:
            self.open_only = True
            self.tool_index, self.question_index = self._first_open() or (0, 0)
        elif value is Resume.REVIEW_ALL:
            self.tool_index, self.question_index = 0, 0
        elif value is Resume.PICK_TOOL:
            self.pending = PickTool(self.phase)
        elif value is Resume.STOP:
            self.finished = Done(self.phase, stopped=True)

    def _to_drafts(self, step: ResumeDrafts, value: None) -> None:
        self.drafts_first = True
        self._go_to(step.questions[0])

    def _picked_tool(self, step: PickTool, value: Tool | None) -> None:
        if value is None:
            self.finished = Done(self.phase, stopped=True)
        else:
            self.tool_index, self.question_index = self.phase.tools.index(value), 0


def _given(entry: Entry | None) -> Answer | None:
    return entry.answer if entry is not None and not entry.answer.empty else None


def _versions(entry: Entry | None) -> tuple[str, ...]:
    """Whose versions an open conflict keeps beside the answer (none: no conflict), once each."""
    return tuple(dict.fromkeys(other.source for other in entry.others)) if entry is not None else ()
