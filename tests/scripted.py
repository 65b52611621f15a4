"""A scripted front end for the interview state machine (a test double): replies from a list.

It plays the part the terminal prompter plays in 'spredning fase': it takes each step the
Interview gives, notes what a person would have been shown, and replies from its script. A reply
must fit the step it answers (a text or Back for a question, a Review for a review ...), so a
script that runs out of step with the interview fails loudly instead of drifting.

Script items, in order:
- a question (Ask): a str (saved as typed), or Save, Back, NotRelevant;
- ConfirmDelete, ConfirmReplaceMark: a bool; ReviewTool: a Review; ChooseResume: a Resume;
- PickQuestion: a question's text or id, or None; PickTool: a tool's title or id, or None;
- SavedMeanwhile: Keep.MINE, Keep.THEIRS, or Keep.BOTH;
- OfferActions (with a FollowUp): a NewAction to add, or None to go on;
- RateReadiness (with a FollowUp): a Rating, or None to leave it;
- anywhere: a callable, called with the step and its result used as the reply (to act first,
  e.g. let another program save), or an exception (instance or class) to raise, as Ctrl+C would.

A tool without questions (NoQuestions), the drafts' announcement (ResumeDrafts) and a conflict
still open after a save (StillInConflict) take no script item.
"""

from __future__ import annotations

from collections.abc import Sequence

from spredning.core import interview
from spredning.core.interview import (
    Ask,
    Back,
    ChooseResume,
    ConfirmDelete,
    ConfirmReplaceMark,
    Done,
    Keep,
    NewAction,
    NoQuestions,
    NotRelevant,
    OfferActions,
    PickQuestion,
    PickTool,
    RateReadiness,
    Rating,
    Resume,
    ResumeDrafts,
    Review,
    ReviewTool,
    Save,
    SavedMeanwhile,
    StillInConflict,
)

NOT_RELEVANT = "ikke relevant"

# the replies each kind of step accepts
ACCEPTS = {
    Ask: (Save, Back, NotRelevant),
    ConfirmDelete: (bool,),
    ConfirmReplaceMark: (bool,),
    ReviewTool: (Review,),
    PickQuestion: (interview.Question, type(None)),
    ChooseResume: (Resume,),
    PickTool: (interview.Tool, type(None)),
    SavedMeanwhile: (Keep,),
    OfferActions: (NewAction, type(None)),
    RateReadiness: (Rating, type(None)),
}


def shown(answer) -> object:
    """A saved answer as the log writes it: its text, (NOT_RELEVANT, reason), or None."""
    if answer is None:
        return None
    return (NOT_RELEVANT, answer.text) if answer.not_relevant else answer.text


class ScriptedFrontEnd:
    """Drives an Interview with replies from a script and logs what was shown.

    `log` holds (kind, about) pairs: ("tool", (tool id, partner question ids)) when a tool is
    entered, ("ask", (question id, the saved answer shown)), ("confirm-delete", question id),
    ("review", tool id), ("pick-question", tool id), ("resume", phase id), ("pick-tool", phase id),
    ("conflict", (question id, mine, theirs)), ("no-questions", tool id), ("drafts", question ids),
    ("still-in-conflict", (question id, whose versions))
    and, at the end, ("done", (phase id, stopped)). `asked` and `reviews` keep the whole Ask and
    ReviewTool steps.
    """

    def __init__(self, script: Sequence[object], role: str):
        self.script = list(script)
        self.role = role  # whose questions a PickQuestion offers
        self.log: list[tuple[str, object]] = []
        self.asked: list[Ask] = []
        self.reviews: list[ReviewTool] = []

    def run(self, machine: interview.Interview) -> Done:
        """Step through the interview until it is done (or a scripted exception stops it)."""
        while not isinstance(step := machine.step(), Done):
            machine.reply(self.handle(step))
        self.log.append(("done", (step.phase.id, step.stopped)))
        return step

    def handle(self, step):
        """Log one step and return the script's reply to it."""
        if isinstance(step, NoQuestions):
            self.log.append(("no-questions", step.tool.id))
            return None
        if isinstance(step, ResumeDrafts):
            self.log.append(("drafts", tuple(q.id for q in step.questions)))
            return None
        if isinstance(step, StillInConflict):
            self.log.append(("still-in-conflict", (step.question.id, step.versions)))
            return None
        if isinstance(step, Ask):
            if step.new_tool:
                self.log.append(
                    (
                        "tool",
                        (
                            step.tool.id,
                            tuple(q.id for other in step.partner_answers for q, _ in other.answers),
                        ),
                    )
                )
            self.asked.append(step)
            return self._reply(step, "ask", (step.question.id, shown(step.answer)))
        if isinstance(step, ReviewTool):
            self.reviews.append(step)
            return self._reply(step, "review", step.tool.id)
        if isinstance(step, SavedMeanwhile):
            return self._reply(step, "conflict", (step.question.id, shown(step.mine), shown(step.theirs)))
        kinds = {
            ConfirmDelete: ("confirm-delete", lambda s: s.question.id),
            ConfirmReplaceMark: ("confirm-replace-mark", lambda s: (s.question.id, s.reason)),
            PickQuestion: ("pick-question", lambda s: s.tool.id),
            ChooseResume: ("resume", lambda s: s.phase.id),
            PickTool: ("pick-tool", lambda s: s.phase.id),
            OfferActions: ("offer-actions", lambda s: (s.tool.id, tuple(a.what for a in s.actions))),
            RateReadiness: ("rate", lambda s: (s.tool.id, s.current.colour if s.current else None)),
        }
        kind, about = kinds[type(step)]
        return self._reply(step, kind, about(step))

    def _reply(self, step, kind: str, about: object):
        self.log.append((kind, about))
        if not self.script:
            raise AssertionError(f"the script ran out at {kind}: {about}")
        reply = self.script.pop(0)
        if isinstance(reply, BaseException) or (isinstance(reply, type) and issubclass(reply, BaseException)):
            raise reply
        if callable(reply) and not isinstance(reply, type):
            reply = reply(step)
        reply = self._translate(step, reply)
        if not isinstance(reply, ACCEPTS[type(step)]):
            raise AssertionError(f"the script is out of step: {reply!r} given at {kind}: {about}")
        return reply

    def _translate(self, step, reply):
        """Plain script items (a text, a title) as the reply objects the interview takes."""
        if isinstance(step, Ask) and isinstance(reply, str):
            return Save(reply)
        if isinstance(step, PickQuestion) and isinstance(reply, str):
            found = [q for q in step.tool.questions(self.role) if reply in (q.text, q.id)]
            assert found, f"no question {reply!r} in {step.tool.id}"
            return found[0]
        if isinstance(step, PickTool) and isinstance(reply, str):
            found = [t for t in step.phase.tools if reply in (t.title, t.id)]
            assert found, f"no tool {reply!r} in {step.phase.id}"
            return found[0]
        return reply
