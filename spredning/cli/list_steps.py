"""The interview's steps answered from a list, or only told: every step but the answer field.

InterviewPrompter (spredning/cli/prompter.py) shows the answer field and hands each other step to
ListSteps: confirm a deletion, review a tool, pick a question or a tool, how to resume, which of two
saved answers to keep, a failed save, a conflict still open, a tool without questions, and the
plan's offer of an action and a readiness mark after a tool.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
from typing import Any, NamedTuple

from questionary import Choice
from rich.console import Console
from rich.text import Text

from spredning.cli import render, render_project
from spredning.cli.console import say
from spredning.cli.prompts.keys import BackToMenu
from spredning.cli.prompts.questions import DueLeftOut, TypedAction, ask_action, colour_choices
from spredning.cli.prompts.simple import CANCEL, ask_text, select
from spredning.cli.prompts.stops import started_again_with, typed_so_far
from spredning.cli.render_text import AsTyped, print_fitted, print_said
from spredning.cli.versions_shown import earlier_reason, kept_where, mark_labels, print_versions_before
from spredning.core import followup, interview
from spredning.core.errors import SpredningError
from spredning.core.model import Progress, Question, Tool, progress
from spredning.core.textsafe import clean
from spredning.i18n import t


class UnsavedMark(NamedTuple):
    """A readiness mark chosen after a tool, left unsaved: the user stopped at its reason."""

    tool: Tool
    colour: str
    reason: str


class UnsavedAction(NamedTuple):
    """An action the user began to add after a tool and stopped before it was added."""

    tool: Tool
    typed: TypedAction


def _nothing_saved(text: str) -> bool:
    """No saved mark is asked anew: a field's text is never the saved one left as it stood."""
    return False


_BACK = object()  # Esc in a mark's reason field: back to its colours


def _saved_reason(marks, colour: str, text: str) -> bool:
    """Whether `text` for `colour` is the reason a saved mark (or one of its versions) has already."""
    return any(m.colour == colour and m.reason == " ".join(text.split()) for m in marks)


class ListSteps:
    """Shows the interview's steps that are answered from a list (or only told), and asks for each reply.

    `unsaved`: a mark or an action the user was giving when they stopped (Ctrl+C, Ctrl+D); it
    was not saved, so the command says so and shows what was typed. `saved_by`: the command that
    saves such a mark or action as typed (the fase command's, set by it): a stop from outside keeps
    it, as Ctrl+C gives it, not the bare text of the field.
    """

    def __init__(
        self, console: Console, session, who: str, own: bool, settle: str | None, io: dict[str, Any]
    ):
        """As InterviewPrompter was given them; `io`: the prompts' input and output streams, if given."""
        self.console = console
        self.session = session  # the application's Session: view(), role, project, entry()
        self.role = session.role
        self.who = who
        self.own = own
        self.settle = settle
        self.io = io
        self.unsaved: UnsavedMark | UnsavedAction | None = None
        self.saved_by: Callable[[UnsavedMark | UnsavedAction], str] | None = None
        # whether a field asked now holding this text leaves the saved mark as it stood (nothing unsaved)
        self.saved_as: Callable[[str], bool] = _nothing_saved

    def _kept_as(
        self,
        unsaved: Callable[[str | None], UnsavedMark | UnsavedAction | None],
        dropped: Callable[[], str] | None = None,
    ):
        """While a mark's or an action's fields are asked: a stop from outside keeps saved_by's command.

        `unsaved(text)`: what would be left unsaved, the field asked now holding `text`; None: nothing.
        `dropped()`: a field's text the command leaves out (refused there), kept under it.
        """

        def again(text: str | None) -> str | None:
            left = unsaved(text)
            return None if left is None or self.saved_by is None else self.saved_by(left)

        return started_again_with(again, dropped)

    def _select(self, message: str, choices: list[Choice], default=None, **how):
        return select(message, choices, default, **how, **self.io)

    def confirm_delete(self, step: interview.ConfirmDelete) -> bool:
        """Delete the saved answer, or remove the "not relevant" mark? A select: confirm says "(y/N)"."""
        if step.marked:
            question, no, yes = (
                t("interview.unmark-question"),
                t("interview.unmark-no"),
                t("interview.unmark-yes"),
            )
        else:
            question, no, yes = (
                t("interview.delete-question"),
                t("interview.delete-no"),
                t("interview.delete-yes"),
            )
        # Esc answers no (the help says so): the saved answer stays; Ctrl+C stops
        choices = [Choice(no, False), Choice(yes, True)]
        delete = self._select(question, choices, back=False)
        if not delete:  # the emptied field on the screen above is not what is saved: said so (a trial)
            kept = t("interview.unmark-kept") if step.marked else t("interview.delete-kept")
            self.console.print(Text(kept, style="dim"))
        return bool(delete)

    def confirm_replace_mark(self, step: interview.ConfirmReplaceMark) -> bool:
        """Save the answer over the "not relevant" mark, its reason said? No first: nothing is lost."""
        question = t("interview.answer-replaces-question", reason=clean(step.reason))
        choices = [
            Choice(t("interview.answer-replaces-no"), False),
            Choice(t("interview.answer-replaces-yes"), True),
        ]
        # Esc answers no (the help says so): the mark stays, the answer typed is kept as a draft
        try:
            replace = self._select(question, choices, back=False)
        except (KeyboardInterrupt, EOFError, BackToMenu):  # a stop here keeps the answer typed as the draft
            with contextlib.suppress(SpredningError):  # (the field's own saving may lag a keystroke behind)
                self.session.keep_draft(step.question, step.text)
            raise
        if not replace:  # the field's text on the screen above is no saved answer: said so
            self.console.print(Text(t("interview.answer-kept-as-draft"), style="dim"))
        return bool(replace)

    def review(self, step: interview.ReviewTool) -> interview.Review:
        """The tool's answers, then what next."""
        role = self.role
        self.console.print()
        owner = None if self.own else self.who
        drafted = {q.id for q in step.tool.questions(role) if (self.session.draft(q) or "").strip()}
        self.console.print(render_project.tool_answers(step.tool, role, self._view, owner, drafted))
        choices = [
            Choice(t("review.next"), interview.Review.NEXT),
            Choice(t("review.edit"), interview.Review.EDIT),
        ]
        if not step.first:
            choices.append(Choice(t("review.previous"), interview.Review.PREVIOUS))
        choices.append(Choice(t("review.stop"), interview.Review.STOP))
        return self._select(t("review.what-now"), choices)

    def pick_question(self, step: interview.PickQuestion) -> Question | None:
        """Which answer to change."""
        choices = [
            Choice(f"{n}. {clean(q.text)}", q) for n, q in enumerate(step.tool.questions(self.role), 1)
        ]
        choices.append(Choice(t("prompt.cancel"), CANCEL))
        picked = self._select(t("review.which-answer"), choices)
        return None if picked is CANCEL else picked

    def _answered_so_far(self, phase) -> Progress:
        """'I har besvaret 3 af 14 spørgsmål i fasen Tjek.' after a blank line (the other side's: named)."""
        done = progress(self._view, phase.questions(self.role))
        self.console.print()
        self.console.print(
            Text(
                t(
                    "resume.answered-own" if self.own else "resume.answered",
                    org=self.who,
                    answered=done.answered,
                    total=done.total,
                    phase=clean(phase.name),
                ),
                style="bold",
            )
        )
        return done

    def resume_drafts(self, step: interview.ResumeDrafts) -> None:
        """The phase has drafts: said, and (the interview does it) they are opened first."""
        self._answered_so_far(step.phase)
        self.console.print(
            Text(t("resume.drafts", n=len(step.questions), phase=clean(step.phase.name)), style="yellow")
        )

    def resume(self, step: interview.ChooseResume) -> interview.Resume:
        """The phase has answers already: how to go on."""
        done = self._answered_so_far(step.phase)
        choices = []
        if not done.complete:
            choices.append(Choice(t("resume.continue"), interview.Resume.CONTINUE))
        choices += [
            Choice(t("resume.review-all"), interview.Resume.REVIEW_ALL),
            Choice(t("resume.pick-tool"), interview.Resume.PICK_TOOL),
            Choice(t("resume.stop"), interview.Resume.STOP),
        ]
        return self._select(t("resume.how"), choices)

    def pick_tool(self, step: interview.PickTool):
        """Which tool to open."""
        choices = []
        for tool in step.phase.tools:
            questions = tool.questions(self.role)
            if questions:
                done = progress(self._view, questions)
                choices.append(Choice(f"{clean(tool.title)} ({done.answered}/{done.total})", tool))
        choices.append(Choice(t("prompt.cancel"), CANCEL))
        picked = self._select(t("resume.which-tool"), choices)
        return None if picked is CANCEL else picked

    def saved_meanwhile(self, step: interview.SavedMeanwhile):
        """Someone saved this answer while the user wrote: which to keep."""
        self.console.print(render_project.saved_meanwhile(step.question, step.mine, step.theirs))
        choices = [
            Choice(t("interview.keep-mine"), interview.Keep.MINE),
            Choice(t("interview.keep-theirs"), interview.Keep.THEIRS),
        ]
        # both are this organisation's own words (saved in two windows): kept mine first, as shown
        # and as konflikter orders them, with no heading of the program's between them (model.joined)
        if step.joinable:
            choices.append(Choice(t("interview.keep-both"), interview.Keep.BOTH))
        else:  # a "not relevant" mark beside an answer: said why "both" is not there
            self.console.print(Text(t("interview.keep-both-mixed"), style="dim"))
        return self._select(t("conflict.which"), choices)

    def save_failed(self, step: interview.SaveFailed, stopping: bool = False) -> None:
        """An answer could not be saved: why, where its text is now, and what to do.

        `stopping`: said as the program stops (a Ctrl+C held while it tried): no question comes again.
        """
        from spredning.cli.main import error_hint, print_error

        # on the interview's own screen, in order with the question, worded as every other error
        print_error(step.problem.message, error_hint(step.problem), console=self.console)
        if step.kept:
            self.console.print(Text(t("interview.save-failed.kept"), style="yellow"))
        elif step.text:
            self.console.print(Text(t("interview.save-failed.not-kept"), style="yellow"))
            self.console.print(AsTyped(step.text), soft_wrap=True)  # tabs kept, to paste back
        if not stopping:
            self.console.print(Text(t("interview.save-failed.again"), style="dim"))

    def still_in_conflict(self, step: interview.StillInConflict) -> None:
        """Saved, and the conflict is still open: said after the save, with how to settle it."""
        named, settle = self.conflict_words(step.versions, step.question)
        text = t("interview.conflict-still-open", versions=named, n=len(named), command=settle)
        print_fitted(self.console, text, settle, "yellow", rest="")

    def put_back(self, step: interview.PutBack) -> None:
        """The save found an older copy of the file in its place: what this window saved is in it again."""
        named = [t("status.draft-question", question=question.text) for question in step.questions]
        said = say("interview.put-back", style="yellow", n=len(named), questions=named)
        print_said(self.console, said, None)

    def conflict_words(self, versions: tuple[str, ...], question) -> tuple[list[str], str]:
        """Whose versions an open conflict keeps ("Syds udgave"), and the command that settles it.

        A version of our own is named by where it came from: our worksheet, or another project
        here (projekt flet), which only the version itself tells.
        """
        from spredning.cli.commands.commandline import command

        project = self.session.project
        entry = self.session.entry(question)
        others = entry.others if entry is not None else ()
        named = [
            render_project.theirs(
                project,
                source,
                "interview.conflict-version",
                "interview.conflict-git-version",
                self.session.local.me,
                "interview.conflict-own-sheet",
                next((other for other in others if other.source == source), None),
            )
            for source in versions
        ]
        return named, self.settle or command("konflikter")

    def no_questions(self, step: interview.NoQuestions) -> None:
        """A tool without questions for this side: said, then passed."""
        self.console.print(
            Text(
                t(
                    "interview.tool-without-questions",
                    tool=clean(step.tool.title),
                    side=render.role_title(self.role).lower(),
                ),
                style="dim",
            )
        )

    def offer_actions(self, step: interview.OfferActions):
        """The guide asks for action here: add one to the plan, or go on (reply NewAction or None)."""
        from spredning.cli.render_plan import action_lines

        self.console.print()
        self.console.print(Text(t("plan.offer", tool=clean(step.tool.title)), style="bold"))
        if step.actions:
            self.console.print(Text(t("plan.offer-so-far", n=len(step.actions)), style="dim"))
            self.console.print(action_lines(step.actions, datetime.date.today()))
        add = self._select(  # Enter goes on, and so does Esc: an action is offered, never required
            t("plan.offer-what-now"),
            [Choice(t("plan.offer-go-on"), False), Choice(t("plan.offer-add"), True)],
            back=False,
            instruction=t("plan.offer-help"),
        )
        if not add:
            return None

        def stopped(typed: TypedAction) -> None:
            self.unsaved = UnsavedAction(step.tool, typed)

        left_out = DueLeftOut()  # a deadline the field refuses: not in the command kept, under it

        def typed_now(text: str | None) -> UnsavedAction | None:
            fields = typed_so_far(text)
            what, who, due = (
                fields.get(t(key), "") for key in ("plan.ask-what", "plan.ask-who", "plan.ask-due")
            )
            if not (what + who + due).strip():
                return None
            return UnsavedAction(step.tool, TypedAction(what, who, left_out.usable(due)))

        with self._kept_as(typed_now, left_out):
            return ask_action(None, interrupted=stopped, **self.io)

    def _versions_before(self, tool: Tool) -> dict[tuple[str, str], str]:
        """The side's mark for the tool, kept in versions: each one and whose, before it is asked.

        Whose each version is, by its colour and reason (versions_shown.mark_labels).
        """
        ws, slug, partner = self.session.ws, self.session.slug, self.session.partner
        project, state = ws.store.load(slug), ws.store.local(slug)
        key = f"{tool.id}.{self.role}"
        where = kept_where(project, "klarhed", key, partner)
        print_versions_before(self.console, ws.guide, project, state, "klarhed", key, where)
        return mark_labels(project, state, key, where)

    def rated(self, step: interview.RateReadiness, rating: interview.Rating) -> None:
        """After the mark chosen at a tool is saved: said, as 'klarhed' says it (a trial missed a word)."""
        title = clean(step.tool.title)
        colour = t(f"plan.colour.{rating.colour}")
        key = "readiness.saved" if self.own else "readiness.saved-theirs"  # the other side's: named
        self.console.print(say(key, style="dim", org=self.who, tool=title, colour=colour, dialogue=""))

    def rate_readiness(self, step: interview.RateReadiness):
        """How ready is this side after the tool: grøn, gul, rød, or skip (reply Rating or None).

        Esc in the reason's field goes back to the colours, as Esc in a list goes one step back; what
        was typed there comes back with the colour, and skipping the mark then says it is not saved.
        """
        labels: dict[tuple[str, str], str] = {}  # whose each version is, while they wait
        if step.versions:  # every version and whose it is, as 'klarhed' shows them: none settled unseen
            labels = self._versions_before(step.tool)
        self.console.print(Text(t("plan.rate-help"), style="dim"))
        chosen = step.current.colour if step.current else None
        typed: dict[str, str] = {}  # a reason typed for a colour, kept when Esc goes back to the colours
        while True:
            try:
                colour = self._ask_colour(step, chosen)
            except (KeyboardInterrupt, EOFError):  # a reason left with Esc is said before the stop
                self._reasons_left(step, typed)
                raise
            if colour is CANCEL:
                self._reasons_left(step, typed)
                return None
            reason = self._ask_mark_reason(step, colour, typed, labels)
            if reason is not _BACK:
                return interview.Rating(colour, " ".join(reason.split()))
            chosen = colour

    def _ask_colour(self, step: interview.RateReadiness, chosen: str | None):
        """The colour for the mark (`chosen` first), or CANCEL: skip it, or leave it as it is."""
        current = step.current
        keep = t("plan.rate-keep-versions") if step.versions else t("plan.rate-keep")
        choices = [Choice(keep if current else t("plan.rate-skip"), CANCEL)]
        colours, found_by = colour_choices(not self.own)  # found by typing the word in either language
        choices += colours
        default = next((c for c in choices if chosen and c.value == chosen), choices[0])
        tool = clean(step.tool.title)  # the other side's questions answered here: their readiness, by name
        question = (
            t("plan.rate-question", tool=tool)
            if self.own
            else t("plan.rate-question-theirs", org=self.who, tool=tool)
        )
        # Esc skips, as the first choice does (a mark given before is kept): it stopped the phase
        help_text = (
            t("plan.rate-keep-versions-help")
            if step.versions
            else t("plan.rate-keep-help")
            if current
            else t("plan.rate-skip-help")
        )
        return select(question, choices, default, CANCEL, help_text, found_by=found_by.get, **self.io)

    def _ask_mark_reason(self, step: interview.RateReadiness, colour: str, typed: dict[str, str], labels):
        """The reason for the mark of `colour`, or _BACK (Esc: to the colours, the text kept in `typed`).

        `labels`: whose each version of the mark is, while they wait (said with their reasons).
        """
        current = step.current

        def left(text: str) -> UnsavedMark | None:
            as_saved = current and (current.colour, current.reason) == (colour, " ".join(text.split()))
            if as_saved and not step.versions:
                return None  # the saved mark, left as it stood: nothing of it is unsaved
            return UnsavedMark(step.tool, colour, text)

        def stopped(text: str) -> None:
            self.unsaved = left(text)

        self.saved_as = lambda text: left(text) is None
        # the saved reason is given again for the same colour only: another colour's reason in the
        # field, saved with Enter, would say why the mark is what it no longer is (as 'klarhed');
        # of versions waiting, the chosen colour's reason is kept and the others' said
        marks = step.versions or ((current,) if current is not None else ())
        kept = followup.kept_reason(marks, colour)
        for other in followup.left_reasons(marks, kept):
            self.console.print(earlier_reason(other, labels))
        for other_colour, text in typed.items():  # typed for another colour, then Esc: not lost unseen
            if other_colour != colour and text.strip() and not _saved_reason(marks, other_colour, text):
                name = t(f"plan.colour.{other_colour}")
                self.console.print(say("plan.rate-typed-reason", style="dim", colour=name, reason=text))
        try:
            with self._kept_as(lambda text: left(text or "")):
                return ask_text(
                    t("plan.rate-reason"),
                    instruction=t("plan.ask-optional-back"),
                    default=typed.get(colour, kept),
                    back=_BACK,
                    interrupted=stopped,
                    on_back=lambda text: typed.__setitem__(colour, text),
                    one_line=True,
                    **self.io,
                )
        finally:
            self.saved_as = _nothing_saved

    def _reasons_left(self, step: interview.RateReadiness, typed: dict[str, str]) -> None:
        """Reasons typed and left with Esc, then the mark skipped: each said not saved, with its command."""
        marks = step.versions or ((step.current,) if step.current is not None else ())
        for colour, text in typed.items():
            if not text.strip() or _saved_reason(marks, colour, text):  # as saved: nothing is lost
                continue
            unsaved = UnsavedMark(step.tool, colour, text)
            name = t(f"plan.colour.{colour}")
            self.console.print(say("plan.rate-reason-not-saved", style="yellow", colour=name, reason=text))
            if self.saved_by is not None:
                again = self.saved_by(unsaved)
                print_said(self.console, say("plan.rate-reason-save-with", command=again), again)

    @property
    def _view(self):
        return self.session.view()
