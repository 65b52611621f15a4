"""The interview's steps as a person sees them: InterviewPrompter shows each step and asks for its reply.

Imported only by interactive commands, so status, vis and --help never pay for prompt_toolkit.
Nothing typed is lost: the text in an answer field is handed back as a draft when the user goes
back (PgUp), stops (Ctrl+C, Ctrl+D), when the terminal closes (SIGHUP) or the program is asked to
end (SIGTERM), and while typing (at most AUTOSAVE_SECONDS after a keystroke), so even a crash
loses at most the last moments.

A closed field is erased with its key hint; what stays on the screen is printed here and says
only what is true: the saved answer, "skipped", or text kept as a draft, marked as one. Text that
could not be kept (a full disk, a folder made read-only) is printed whole, to be copied, and an
autosave that fails or is held back (another window has a different draft) is said in the field.

The prompts it is built from (menus, text fields, the answer field, its keys, stops from outside)
are in spredning/cli/prompts/; the steps answered from a list, or only told, are ListSteps, in
spredning/cli/list_steps.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from prompt_toolkit.key_binding import merge_key_bindings
from questionary import Choice
from rich.console import Console
from rich.text import Text

from spredning.cli import editor, render, render_project
from spredning.cli.list_steps import ListSteps
from spredning.cli.prompts.answer_field import (
    Marked,
    _collect_once_drawn,
    _edit_keys,
    _Expand,
    _leave_keys,
    _Left,
    _reason_keys,
    _Stay,
    answer_field,
)
from spredning.cli.prompts.keys import (
    BackToMenu,
    UndoHistory,
    _alt_enter_keys,
    field_buffer,
    go_on_undoing,
    undo_history,
)
from spredning.cli.prompts.layout import hint_lines, styled_lines
from spredning.cli.prompts.simple import select
from spredning.cli.prompts.stops import (
    STOP_SIGNALS,
    _again_kept,
    _asked,
    _asking_field,
    _asking_text,
    _end_now,
    _field_text_words,
    _rescued,
    _Stop,
    _terminal_settings,
    _typed_together,
)
from spredning.cli.render_text import AsTyped, print_fitted
from spredning.core import fileio, interview, local
from spredning.core.drafts import Drafted
from spredning.core.errors import SpredningError, message
from spredning.core.model import SHARING, Answer, Question
from spredning.core.store import Busy
from spredning.core.textsafe import clean_name
from spredning.i18n import render as render_message
from spredning.i18n import t

AUTOSAVE_SECONDS = 2.0  # typed text is kept as a draft at most this long after a keystroke
BUSY_RETRY_SECONDS = 1.0  # while another window holds the project's lock, the autosave tries again so often
FIELD_ROOM = 10  # the lines under the partners' answers after Ctrl+P: the question, its key help, the field


_DROP_REASON = "drop-reason"  # _mark_replaces_answer's third choice: keep the answer, drop the reason kept


class InterviewPrompter:
    """Shows the interview's steps and asks for each reply; keeps what is typed in the field.

    `steps` (ListSteps) shows every step but the answer field; its `unsaved` is a mark or an action
    the user was giving when they stopped (Ctrl+C, Ctrl+D).
    """

    def __init__(
        self,
        console: Console,
        session,
        who: str,
        show_partner: bool = True,
        input=None,
        output=None,
        settle: str | None = None,
        own: bool = True,
    ):
        """`settle`: the command that settles a conflict, as this user runs it (--projekt, --partner).

        `who` is the organisation whose answers are asked for; `own` is False when that is not this
        computer's side (answering the other side's questions), so they are labelled as its, not "Jeres".
        """
        self.console = console
        self.settle = settle
        self.session = session  # the application's Session: view(), keep_draft(), role
        self.role = session.role
        self.who = who
        self.own = own
        self.show_partner = show_partner
        self.helped = False
        self.io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}
        self.app = None  # the prompt being shown, to read its text on an interrupt
        self.question: Question | None = None
        self.answer: Answer | None = None  # the question's saved answer: not worth a draft
        self.last_saved_draft = 0.0
        self.later_save: asyncio.TimerHandle | None = None  # the autosave after a pause in typing
        self.saving = False  # an autosave is being written
        self.notice: str | None = None  # what the field's status line says of the autosave
        # what it says of the last run of the editor (Ctrl+O), or of its text undone, until it is old news
        self.edit_notice: str | None = None
        # why the last save of the answer failed: said again in the field that comes back with its text,
        # which may be taller than the screen and push the error itself out of sight
        self.failed_save: str | None = None
        self.save_notice: str | None = None
        self.from_editor: str | None = None  # the text the editor last brought into the field
        self.undo_told = False  # the status line says the editor's text was undone
        # the answer field's undo steps, while it opens again for the same question (after Ctrl+P ...)
        self.undo_steps: UndoHistory | None = None
        self.left: Drafted | SpredningError | None = None  # what became of the text at the last stop
        self.rescued = False  # at the last stop the text not kept went in a file of its own (_in_a_file)
        # a reason for "not relevant" kept at the last stop: "alone" as the draft, "beside" an answer draft
        self.left_reason: str | None = None
        # at the last stop in the answer field, a reason typed beside its draft was kept (both are said)
        self.left_apart = False
        self.steps = ListSteps(console, session, who, own, settle, self.io)  # all but the answer field
        self.held: str | None = None  # a closed field's text while a question about it is asked
        self.told_moved: str | None = None  # the file name the project was said to be under now
        self.reason_field = False  # the field shown is the reason for "not relevant": its draft is one
        # the answer draft the reason field was opened beside: the reason is kept apart from it
        self.beside: str = ""
        self.apart = False  # the reason field's text is kept beside the draft (Session.keep_reason)
        # the answer field's text when the reason field opened beside it and keeping it as the draft
        # failed (another window's lock): kept before the reason, at its next autosave or a stop
        self.beside_unkept: str | None = None
        self.offered_reason = False  # the draft offered in the answer field was typed as a reason
        self.typed_back: str | None = None  # the answer field's text after the reason field, when not as left
        gc.freeze()  # what is loaded by now (guide, project, libraries) lives as long as the program

    def _select(self, message: str, choices: list[Choice], default=None, **how):
        return select(message, choices, default, **how, **self.io)

    # -- the steps ---------------------------------------------------------------------------
    def handle(self, step):
        """Show one step and return the reply the interview expects."""
        handlers: dict[type, Callable[[Any], Any]] = {
            interview.Ask: self.ask,
            interview.ConfirmDelete: self.steps.confirm_delete,
            interview.ConfirmReplaceMark: self.steps.confirm_replace_mark,
            interview.ReviewTool: self.steps.review,
            interview.PickQuestion: self.steps.pick_question,
            interview.ChooseResume: self.steps.resume,
            interview.ResumeDrafts: self.steps.resume_drafts,
            interview.PickTool: self.steps.pick_tool,
            interview.SavedMeanwhile: self.steps.saved_meanwhile,
            interview.SaveFailed: self._save_failed,
            interview.StillInConflict: self.steps.still_in_conflict,
            interview.PutBack: self.steps.put_back,
            interview.NoQuestions: self.steps.no_questions,
            interview.OfferActions: self.steps.offer_actions,
            interview.RateReadiness: self.steps.rate_readiness,
        }
        return handlers[type(step)](step)

    def _tell_moved(self) -> None:
        """Once: the project came back under a new file name meanwhile (gendan --navn): saved there."""
        if self.session.moved and self.told_moved != self.session.slug:
            self.told_moved = self.session.slug
            said = t("interview.project-moved", file=self.session.path.name)
            self.console.print(Text(said, style="yellow"))

    def phase_intro(self, phase, role: str) -> None:
        """The phase's purpose and this side's goals."""
        self.console.print(render.phase_overview(phase, (role,)))

    def ask(self, step: interview.Ask):
        """One question; the reply is Save, Back or NotRelevant."""
        if step.new_tool:
            self._tool_intro(step)
        self._tell_moved()
        self.console.print()
        self.console.print(render.question_block(step.position, step.question, indent=0, total=step.total))
        self.question, self.answer = step.question, step.answer
        typed = (
            step.draft
            if step.draft is not None
            else (step.answer.text if step.answer and not step.answer.not_relevant else "")
        )
        # marked "not relevant" already: marking it again starts from the reason given then
        marked = step.answer.text if step.answer is not None and step.answer.not_relevant else ""
        self.offered_reason = step.unsaved_reason or (
            step.draft is not None and not step.unsaved and self.session.draft_is_reason(step.question)
        )
        self._say_what_is_in_the_field(step)
        told_at_start = False  # the notice is said once; it stays above the field
        self.undo_steps = None  # a new question: nothing typed to undo yet
        while True:
            reply = self._answer_field(step, typed)
            if isinstance(reply, interview.Back) and step.at_start:
                if not told_at_start:
                    self.console.print(Text(t("interview.at-first-question"), style="yellow"))
                    told_at_start = True
                typed = reply.draft
                continue
            if isinstance(reply, _Stay):
                typed = reply.typed
                continue
            if isinstance(reply, Marked):
                if not self._mark_replaces_answer(step, reply.typed):
                    typed = reply.typed  # no: back in the field, with its text
                    continue
                marking = self._mark(step, reply.typed, marked)
                if marking is None:  # left the reason field: back in the answer field, with its text
                    typed = self.typed_back if self.typed_back is not None else reply.typed
                    continue
                return marking
            if isinstance(reply, _Expand):
                self._expand(step)
                typed = reply.typed
                continue
            return reply

    def _mark(self, step: interview.Ask, typed: str, marked: str) -> interview.NotRelevant | None:
        """Ctrl+N with `typed` in the answer field: the reason asked, and the mark (None: the user went back).

        An answer draft in the field stays an answer draft: the reason field starts with the reason
        given before (`marked`) or one typed beside the draft, and the reason is kept apart from the
        draft (Session.keep_reason); the draft stays the question's draft when the mark is saved.
        A draft that was typed as a reason (offered as one) is the reason: it goes to the reason field.
        """
        self.typed_back = None
        own = interview.draft_of(typed, step.answer)
        try:
            if own and self.offered_reason:
                self.beside, self.apart = "", False
                reason = self._reason(typed)
            else:
                self.beside = own
                if own:  # the answer field closed: its text is kept, after another window's draft if need be
                    self._keep_own_draft(own)
                kept = self.session.reason_beside(step.question, offered=True)
                self.apart = bool(own) or bool(kept.strip())  # a reason kept beside stays there, not twice
                reason = self._reason(kept or marked)
        finally:
            draft, self.beside, self.apart = self.beside, "", False
            self.beside_unkept = None  # saved with the mark (its draft), or back in the field, or stopped
        if reason is None:
            return None
        if interview.normalise(draft) == interview.normalise(reason):
            draft = ""  # the answer draft was given as the reason: kept as that
        elif draft:
            self._show_draft(draft)  # kept: said under the mark, as at any field left with text
        return interview.NotRelevant(reason, draft)

    def _expand(self, step: interview.Ask) -> None:
        """Ctrl+P: the other side's answers in the tool in full, or that there are none yet.

        Taller than the terminal with the question and its field below them (FIELD_ROOM), they are
        shown in the pager, as 'vis' shows them: printed, a long answer scrolled the question out
        of sight. The field comes back after it.
        """
        if step.partner_answers:
            from spredning.cli.pager import paged

            shown = render_project.partner_answers(self._view, step.partner_answers, expanded=True)
            with paged(self.console, spare=FIELD_ROOM) as console:
                console.print(shown)
        else:  # nothing to show: said, so the key is seen to work
            self.console.print(Text(self._no_partner_answers(), style="dim"))

    def _no_partner_answers(self) -> str:
        """Ctrl+P when the other side has answered nothing in the tool: who has not, in words."""
        view = self._view
        if self.role == "dele" and view.partner is None:
            names = [clean_name(p.name or p.key) for p in view.project.partners]
            if not names:
                return t("interview.partner-none-no-partners")
            return t("interview.partner-none-several", orgs=names, n=len(names))
        org = SHARING if self.role == "genbruge" else (view.partner.key if view.partner else "")
        return t("interview.partner-none", org=render_project.org_name(view.project, org))

    def _say_what_is_in_the_field(self, step: interview.Ask) -> None:
        """A draft, text not saved at all, or a "not relevant" mark: said above the field, truthfully.

        An open conflict first: the field holds only this side's version, never the other one.
        """
        if step.conflict:
            named, settle = self.steps.conflict_words(step.conflict, step.question)
            text = t("interview.conflict-open", versions=named, n=len(named), command=settle)
            print_fitted(self.console, text, settle, "yellow", rest="")
        if step.unsaved:  # a save failed, and so did keeping the text as a draft: it is in the field only
            self.console.print(Text(t("interview.unsaved-offered"), style="yellow"))
            if step.unsaved_reason:  # a mark's reason: Ctrl+N marks with it; saved, it becomes an answer
                self.console.print(Text(t("interview.unsaved-is-reason"), style="yellow"))
        elif step.draft is not None:
            self.console.print(Text(t("interview.draft-offered"), style="yellow"))
            if self.session.draft_is_reason(step.question):  # typed as a reason: never silently an answer
                self.console.print(Text(t("interview.draft-is-reason"), style="yellow"))
            if self.session.draft_joined(step.question):  # two windows' texts, each a paragraph
                self.console.print(Text(t("interview.draft-offered-joined"), style="yellow"))
            saved = step.answer
            if saved is not None and not saved.empty and not saved.not_relevant and saved.text != step.draft:
                self.console.print(Text(t("interview.draft-and-saved"), style="yellow"))  # never silently
                self.console.print(render_project.answer_text(saved, 4))
        if step.answer is not None and step.answer.not_relevant:  # with the reason given, to read
            self.console.print(Text(t("interview.marked-not-relevant"), style="dim"))
            if step.answer.text:
                self.console.print(render.hanging(self._reason_label(), step.answer.text, 0))
        self._say_reason_beside(step.question)

    def _reason_label(self) -> str:
        """The label of a "not relevant" reason: "Jeres begrundelse:", or the owner's for the other side's."""
        return t("interview.marked-reason") if self.own else t("interview.marked-reason-of", org=self.who)

    def _say_reason_beside(self, question: Question) -> None:
        """A reason typed beside the answer draft, not saved: said above the field, with its text."""
        beside = self.session.reason_beside(question)
        if beside.strip():
            self.console.print(Text(t("interview.reason-beside"), style="yellow"))
            if self.session.reason_joined(question):  # two windows' reasons, each a paragraph
                self.console.print(Text(t("interview.reason-beside-joined"), style="yellow"))
            self.console.print(render.hanging(t("interview.not-relevant-label"), beside, 0))

    def _tool_intro(self, step: interview.Ask) -> None:
        role = self.role
        self.console.print()
        self.console.print(render.tool_intro(step.tool))
        if step.partner_answers and self.show_partner:
            self.console.print(
                render_project.partner_answers(self._view, step.partner_answers, expanded=False)
            )
            self.console.print(Text(t("interview.partner-expand"), style="dim"))
        guidance = render.side_guidance(step.tool, role, indent=0)
        if guidance is not None:
            self.console.print(guidance)

    def _save_failed(self, step: interview.SaveFailed) -> None:
        self.steps.save_failed(step)
        self.failed_save = t("interview.save-failed.field", problem=render_message(step.problem.message))

    def _answer_field(self, step: interview.Ask, typed: str):
        keys = [t("keys.save"), t("keys.newline"), t("keys.back"), t("keys.editor"), t("keys.undo")]
        keys.append(t("keys.not-relevant"))
        if step.partner_answers and self.show_partner:
            keys.append(t("keys.partner"))
        keys += [t("keys.skip"), t("keys.stop")]
        if self.helped:
            keys = [t("keys.save"), t("keys.back"), t("keys.editor"), t("keys.not-relevant")]
        self.helped = True
        self.save_notice, self.failed_save = self.failed_save, None  # said in this field only
        question = answer_field(
            t("interview.answer"),
            lambda width: [("class:instruction", hint_lines(keys, width))],
            typed,
            self.field_notice,
            undone=self._undone,
            multiline=True,
            key_bindings=self._keys(step),
            **self.io,
        )
        buffer = field_buffer(question.application)
        if self.undo_steps is not None:  # the same question's field again: what was typed can be undone
            go_on_undoing(buffer, self.undo_steps)
        buffer.on_text_changed += self._autosave
        buffer.on_text_changed += self._undo_told
        question.application.after_render += _collect_once_drawn()
        try:
            reply = self._watched(question)
        finally:
            self.undo_steps = undo_history(buffer)
        if isinstance(reply, str):
            self._show_given(step, reply)
            return interview.Save(reply)
        if isinstance(reply, interview.Back) and not step.at_start:
            kept = self._keep_text(reply.draft)  # kept before it is said to be (the interview keeps it too)
            self._show_left(reply.draft, kept)
            if isinstance(kept, SpredningError) and interview.draft_of(reply.draft, self.answer):
                self.console.print(Text(t("interview.save-failed.again"), style="dim"))
                return _Stay(reply.draft)  # not kept: the text stays in the field, not on a question left
        return reply

    def _show_given(self, step: interview.Ask, text: str) -> None:
        """What stays on the screen of a saved answer: the text, wrapped between words."""
        given = interview.normalise(text)
        label = f"› {t('interview.answer')}"
        if given:
            self.console.print(render.hanging(label, given, 0))
        elif step.answer is None:  # emptied on a saved answer: whether to delete it is asked next
            self.console.print(render.hanging(label, t("interview.skipped"), 0, "dim"))

    def _show_left(self, typed: str | None, kept: Drafted | SpredningError | None) -> None:
        """What a stop left of the field's text: the draft it is kept as, or the whole text to copy.

        The draft offered and left as it was, which another window changed or removed since, is
        nothing of this window's: not said to be kept (Drafted.STALE).
        """
        if self.reason_field:  # a reason is said to be one (beside an answer draft, which stays, or alone)
            if self.apart and self.beside_unkept is not None and isinstance(kept, SpredningError):
                self._show_not_kept(self.beside_unkept, kept)  # the answer's text first: not kept either
            elif self.apart:
                self._show_draft(self.beside)
            self._show_reason_left(typed or "", kept)
            return
        if kept is Drafted.STALE:
            return
        if not isinstance(kept, SpredningError):
            self._show_draft(typed)
            return
        self._show_not_kept(typed, kept)

    def _show_not_kept(self, typed: str | None, problem: SpredningError) -> None:
        """Text that a stop could not keep as a draft: why, and the whole text to copy."""
        from spredning.cli.main import error_hint, print_error

        text = interview.draft_of(typed, self.answer)
        if text.strip():  # (nothing new in the field: nothing was lost, nothing to say)
            print_error(problem.message, error_hint(problem), console=self.console)
            self.console.print(Text(t("interview.draft-failed"), style="yellow"))
            self.console.print(AsTyped(text), soft_wrap=True)  # tabs stay tabs, to paste back
            self._in_a_file(text)

    def _in_a_file(self, text: str) -> None:
        """Text shown because it could not be kept: in a file of its own too, said where.

        The window may be closed before the text is copied from it (a read-only folder, a full disk).
        """
        rescued = _rescued(text, self._rescue_about())
        self.rescued = rescued is not None
        if rescued is not None:
            where = str(rescued)
            print_fitted(self.console, t("interview.stopped-field-file", path=where), where, "yellow")

    def _rescue_about(self) -> str | None:
        """The line before a field's text kept in a file of its own: the question and the project."""
        if self.question is None:
            return None
        name = clean_name(self.session.project.name) or self.session.slug
        return t("interview.rescue-about", question=self.question.text, project=name)

    def _show_draft(self, typed: str | None) -> None:
        """Text left in a field without saving it: marked as the draft it is kept as, never as an answer."""
        draft = interview.draft_of(typed, self.answer).strip()
        if draft:
            lines = draft.splitlines()
            self.console.print(
                Text.assemble(
                    ("› ", "bold"),
                    (t("interview.draft-left"), "yellow"),
                    " ",
                    render.plain(lines[0] + (" …" if len(lines) > 1 else ""), "dim"),
                ),
                no_wrap=True,  # one line: a reminder of the text, which is kept whole as the draft
                overflow="ellipsis",
            )

    def _watched(self, question):
        """Ask, keeping the field's text within reach: for typed() on an interrupt and on a stop.

        After an interrupt `app` stays set, so the caller can still read what was typed.
        """
        self.app = question.application
        self.left = self.notice = self.edit_notice = self.from_editor = self.left_reason = None
        self.undo_told = self.left_apart = self.rescued = False
        try:
            reply = _asked(question)
        except (KeyboardInterrupt, EOFError):
            self._keep_at_stop()
            raise
        except OSError:  # the terminal failed: closed under the program, reading gives EIO
            self._keep_field()  # before anything else: the error is reported, the text is kept
            raise
        finally:
            waiting = self.later_save is not None
            if self.later_save is not None:
                self.later_save.cancel()
                self.later_save = None
        if waiting and not isinstance(reply, str):
            # the text is not given as the answer: it comes back in the field or goes on to a
            # question about it (at the first question, the partner's answers, "not relevant").
            # The save that waited for a pause in typing is done now, not dropped: a crash before
            # the next keystroke would lose the text typed since the last save.
            self._keep_draft_now()
        self.app = None
        return reply

    def _keep_at_stop(self) -> None:
        """A stop (Ctrl+C, Ctrl+D) with text in the field: kept as the draft, then said, before it goes on.

        Kept first, so what is said is what is in the file; `left` tells the command what became of it.
        """
        # kept before a second Ctrl+C counts: a save waiting for another window's lock ran on
        with contextlib.suppress(KeyboardInterrupt), fileio.uninterrupted():
            kept = self._keep_field()
        mine = kept is not Drafted.STALE and interview.draft_of(self.typed(), self.answer)
        if self.reason_field and self.beside:  # the answer draft is kept, whatever became of the reason
            self.left = Drafted.KEPT if kept is Drafted.STALE else kept
        else:
            self.left = kept if mine else None
        if self.reason_field:  # the words at the end say it is a reason, kept, and the question not marked
            self.left_reason = self._reason_left(kept)
        else:  # a reason typed beside the answer (Ctrl+N, Esc) is kept too
            self.left_apart = self._reason_apart()
        with contextlib.suppress(OSError):  # the terminal may be gone: the draft is kept all the same
            self._show_left(self.typed(), kept)

    def _reason_left(self, kept: Drafted | SpredningError | None) -> str | None:
        """How a reason typed was kept at a stop: "alone" (the draft), "beside" (an answer draft), or None.

        None when nothing new was typed (the reason saved, or none) or it could not be kept.
        """
        text = interview.normalise(self.typed() or "")
        if not text or (self.answer is not None and self.answer.not_relevant and text == self.answer.text):
            return None
        if kept in (Drafted.STALE, None) or isinstance(kept, SpredningError):
            return None
        if self.beside:
            return "beside"
        return "alone" if kept is Drafted.KEPT and interview.draft_of(self.typed(), self.answer) else None

    def _keys(self, step: interview.Ask):
        return merge_key_bindings(
            [
                _leave_keys(self.show_partner),  # Ctrl+P says so when the partner answered nothing
                _edit_keys(self.console, self._editor_folder, self._edited),
            ]
        )

    def field_notice(self) -> str | None:
        """The field's status line: the autosave's trouble and what came of the editor, when any."""
        said = [notice for notice in (self.save_notice, self.notice, self.edit_notice) if notice]
        return "\n".join(said) or None

    def _edited(self, notice: str | None, text: str | None) -> None:
        """The editor is closed: its words (or none) replace any said of an earlier run; `text` came in."""
        self.edit_notice = notice
        if text is not None:
            self.from_editor = text
        if self.app is not None:
            self.app.invalidate()

    def _undone(self, before: str) -> None:
        """Ctrl+Z took `before` away: when it is the editor's text, that is said, with how to get it back."""
        if self.from_editor is not None and before == self.from_editor:
            self.edit_notice = t("interview.editor-undone")
            self.undo_told = True
            if self.app is not None:
                self.app.invalidate()

    def _undo_told(self, buffer) -> None:
        """The next change after "the editor's text was undone" (Ctrl+Y, or typing) makes it old news."""
        if self.undo_told:  # (the undo's own change comes before it is said)
            self.undo_told = False
            self.edit_notice = None

    def _editor_folder(self) -> tuple[Path | None, str]:
        """Where the editor's file is made and what it is named after.

        Beside the drafts, so a file kept outlives a cleared /tmp; named after the project, so its
        next 'fase' and 'konflikter' find it (merging.tell_editor_files).
        """
        stem = f"{self.session.slug}-{t('editor.file')}"
        with contextlib.suppress(Exception):  # no folder: the system's temporary folder will do
            return local.ensure_folder(self.session.ws.store.home), stem
        return None, stem

    def typed(self) -> str | None:
        """The text in the answer field right now (None when no answer field is shown).

        While a question about a field that just closed is asked (see _mark_replaces_answer), the
        text it closed with.
        """
        if self.app is None:
            return self.held
        with contextlib.suppress(Exception):
            return field_buffer(self.app).text
        return None

    def _autosave(self, buffer) -> None:
        """Keep the field's text as a draft while typing, so a crash loses at most a moment.

        At the first change after a pause the text is kept at once; further changes within
        AUTOSAVE_SECONDS are kept together when that time is up, so the text as it stands when
        typing stops is always kept too.
        """
        wait = self.last_saved_draft + AUTOSAVE_SECONDS - time.monotonic()
        if wait <= 0:
            self._autosave_now()
        elif self.later_save is None:
            self.later_save = asyncio.get_running_loop().call_later(wait, self._autosave_now)

    def _autosave_now(self) -> None:
        """The autosave while the field is shown: another window's lock is not waited for.

        Waiting (up to the lock's timeout) would stop the typing without a word. Instead the
        field's status line says so, and the text is kept when the lock is free (tried again
        every BUSY_RETRY_SECONDS, while typing goes on).
        """
        kept = self._keep_draft_now(wait=False)
        if isinstance(kept, Busy) and self.app is not None:
            loop = asyncio.get_running_loop()
            self.later_save = loop.call_later(BUSY_RETRY_SECONDS, self._autosave_now)

    def _keep_draft_now(self, wait: bool = True) -> Drafted | SpredningError | None:
        """The field's text kept as the draft now (`wait`: for another window's lock); what came of it."""
        self.later_save = None
        self.last_saved_draft = time.monotonic()
        self.saving = True
        try:
            kept = self._keep_field(join=False, wait=wait)
        finally:
            self.saving = False
        if _Stop.signum is not None:  # a stop came while the text was written: keep it for good, and end
            self._end_with_field(_Stop.signum)
        self._tell_autosave(kept)
        return kept

    def _tell_autosave(self, kept: Drafted | SpredningError | None) -> None:
        """The field's status line says when the autosave fails, waits or is held back, until it works."""
        if isinstance(kept, Busy):
            notice: str | None = t("interview.autosave-waiting")
        elif isinstance(kept, SpredningError):
            notice = t("interview.autosave-failed", problem=render_message(kept.message))
        else:
            notice = None
            if kept is Drafted.HELD:  # in the reason field a reason waits (never joined to an answer)
                reason = self.reason_field
                notice = t("interview.autosave-held-reason") if reason else t("interview.autosave-held")
        if notice != self.notice:
            self.notice = notice
            if self.app is not None:
                self.app.invalidate()

    def _keep_field(
        self, join: bool = True, newer: str | None = None, wait: bool = True
    ) -> Drafted | SpredningError | None:
        """The answer field's text, as it is now, becomes the question's draft (never raises).

        Returns what became of it, or why it could not be written; None when no field is shown.
        `join`: when another window's different draft is there, keep both (see drafts.placed).
        `newer`: a text written since, over the field (what the editor saved), kept instead.
        `wait` False: another window's lock is not waited for (store.Busy is returned).
        """
        typed = newer if newer is not None else self.typed()
        return None if typed is None else self._keep_text(typed, join, wait)

    def _keep_text(self, typed: str, join: bool = True, wait: bool = True) -> Drafted | SpredningError | None:
        """Text left in the field becomes the draft: what became of it, or why it could not (never raises)."""
        if self.question is None:
            return None
        try:  # never let a draft stop the typing
            if self.reason_field and self.apart and self.beside_unkept is not None:
                answer_draft = interview.draft_of(self.beside_unkept, self.answer)  # first: it is older
                if self.keep_draft(self.question, answer_draft, join, wait=wait) is not Drafted.HELD:
                    self.beside_unkept = None  # (held back for another window's draft: tried again)
            if self.reason_field and self.apart:  # a reason beside an answer draft: kept apart from it
                given = self.answer.text if self.answer is not None and self.answer.not_relevant else ""
                new = interview.normalise(typed) not in ("", given)
                return self.session.keep_reason(self.question, typed if new else "", join, wait)
            draft = interview.draft_of(typed, self.answer)
            return self.keep_draft(self.question, draft, join, reason=self.reason_field, wait=wait)
        except SpredningError as problem:
            return problem
        except Exception as problem:  # not ours to know (an OSError): the file could not be saved
            why = fileio.reason(problem) if isinstance(problem, OSError) else None
            why = why or message("reason.other", code=type(problem).__name__)
            return SpredningError("files.cannot-save", path=self.session.path, reason=why)

    @contextlib.contextmanager
    def stop_signals_kept(self) -> Iterator[None]:
        """While the interview runs, a closed terminal or a request to end loses no keystroke.

        At a prompt (the usual case: the person is typing or choosing) the field's text is kept
        as the draft and the program ends at once, with exit code 128 + the signal (129, 143).
        While the program works between prompts (saving an answer, keeping a draft after Ctrl+C)
        that work finishes, and the program ends before the next prompt or when the interview
        ends. The store holds a stop back while it writes (fileio.uninterrupted). The first stop
        decides: a shell passes its hang-up on to the program, so a second often follows at once.
        """
        previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
        _Stop.terminal = _terminal_settings()
        for signum in previous:
            signal.signal(signum, self._stop)
        _Stop.kept = True
        try:
            yield
        finally:
            _Stop.kept = False
            for signum, handler in previous.items():
                if handler is not None:
                    signal.signal(signum, handler)
            if _Stop.signum is not None:
                _end_now(_Stop.signum)

    def _stop(self, signum, frame) -> None:
        if _Stop.signum is not None:
            return
        _Stop.signum = signum
        if _Stop.waiting and not self.saving:
            self._end_with_field(signum)

    def end_if_stopped(self, step: object) -> None:
        """After a reply was saved: a stop from outside that came meanwhile ends the program now.

        A save that failed, its text not kept as a draft either (interview.SaveFailed), would be
        shown at the next prompt, which such a stop never draws: the text goes in a file of its own
        and is printed, as a field's is. Else the stop ends at the next prompt, all saved.
        """
        signum = _Stop.signum
        if signum is not None and isinstance(step, interview.SaveFailed) and not step.kept and step.text:
            _end_not_kept(signum, step.problem, step.text, True)

    def _end_with_field(self, signum: int) -> None:
        """End after a stop from outside, saying what became of the field's text (whole, if not kept).

        An editor open over the field (Ctrl+O) is stopped first: what it saved is the newest text.
        """
        left = editor.stop_open(signum)
        newer = left.text if left is not None else None
        typed = newer if newer is not None else self.typed()
        kept = self._keep_field(newer=newer)
        if isinstance(kept, SpredningError):
            if self.reason_field and self.beside_unkept:  # the answer's text, not kept either, goes too
                typed = "\n\n".join(text for text in (self.beside_unkept, typed) if text)
            new = bool(interview.draft_of(typed, self.answer))
            _end_not_kept(signum, kept, typed, new, self._rescue_about())
        if left is not None:
            _end_now(signum, render_message(editor.stop_notice(left)))
        if typed is None and _asking_field() is not None:  # a mark's or an action's field: not saved
            self._end_with_follow_up(signum)
        reason = self._reason_left(kept) if self.reason_field else None
        if reason is not None:  # a reason kept: said to be one, and the question not marked
            alone = reason == "alone"
            key = (
                "interview.stopped-from-outside-reason-alone"
                if alone
                else "interview.stopped-from-outside-reason-beside"
            )
            _end_now(signum, t(key))
        # a reason typed beside the answer (Ctrl+N, then back) is kept too: said, as Ctrl+C says it
        apart = t("fase.reason-kept-apart") if self._reason_apart() else ""
        if kept is Drafted.JOINED:
            _end_now(signum, t("interview.stopped-from-outside-joined") + apart)
        elif kept not in (None, Drafted.STALE) and interview.draft_of(typed, self.answer):
            _end_now(signum, t("interview.stopped-from-outside") + apart)
        _end_now(signum)

    def _end_with_follow_up(self, signum: int) -> None:
        """End after a stop from outside in a mark's or an action's field: what of it is not saved."""
        words = t("interview.stopped-from-outside-follow-up")
        again = _again_kept()  # the command that saves it as typed, as Ctrl+C gives it
        if again is not None:
            _end_now(signum, f"{words} {_field_text_words(*again)}", again[0])
        text = _asking_text()
        if self.steps.saved_as(text or ""):  # the saved mark, left as it stood: nothing is unsaved
            _end_now(signum)
        fields = _typed_together(text)  # an action's fields typed before this one too
        if fields is not None:
            _end_now(signum, f"{words} {_field_text_words(fields, 'fields')}", fields)
        _end_now(signum, f"{words} {_field_text_words(text)}" if text else words, text)

    def _reason_apart(self) -> bool:
        """In the answer field, whether a reason for "not relevant" is typed beside its draft (kept too)."""
        if self.reason_field or self.question is None:
            return False
        with contextlib.suppress(Exception):
            return bool(self.session.reason_beside(self.question).strip())
        return False

    def _mark_replaces_answer(self, step: interview.Ask, typed: str) -> bool:
        """Ctrl+N on a saved answer: may the mark replace it? Asked, as deleting it is; else True.

        While asked, typed() still gives the field's text: a stop here (Ctrl+C, Ctrl+D, a closed
        terminal) keeps it as the draft and says so, as a stop in the field would.
        """
        saved = step.answer
        if saved is None or saved.empty or saved.not_relevant:
            return True
        self.held = typed
        choices = [
            Choice(t("interview.mark-replaces-no"), False),
            Choice(t("interview.mark-replaces-yes"), True),
        ]
        kept = self.session.reason_beside(step.question).strip()
        if kept:  # shown above the field: the user may keep the answer and let that reason go
            choices.append(Choice(t("interview.mark-replaces-no-drop-reason"), _DROP_REASON))
        try:
            # Esc answers no (the help says so): back in the field with its text; a stop ends it
            question, help_text = t("interview.mark-replaces-question"), t("prompt.confirm-help")
            replace = self._select(question, choices, back=False, instruction=help_text)
        except (KeyboardInterrupt, EOFError, BackToMenu):  # a stop here is a stop in the field:
            self._keep_at_stop()  # its text kept and said (Esc from the home screen: before the menu)
            raise
        self.held = None
        if replace == _DROP_REASON:
            self.session.reason_beside(step.question, offered=True)  # offered: now this window's to drop
            self.session.keep_reason(step.question, "")
            self.console.print(Text(t("interview.reason-beside-dropped"), style="dim"))
            return False
        return bool(replace)

    def _reason(self, typed: str) -> str | None:
        """The reason for "not relevant", asked in a field that starts with `typed`; None: the user went back.

        That is the reason given before, one typed beside the answer draft, or a draft typed as a
        reason (offered as one); never an answer draft or a saved answer the mark replaces (see _mark).

        It is watched and kept while typing like the answer field. Beside an answer draft
        (self.beside) its text is kept apart from that draft (Session.keep_reason), which stays
        as it is. Else its text becomes the draft on Ctrl+C or SIGHUP, marked as a reason: the
        next time it comes back in the answer field saying so, and Ctrl+N takes it back to the
        reason field (it never silently becomes an answer). Esc, PgUp and Ctrl+B go back to the
        answer field; a reason typed is kept beside the answer (Ctrl+N starts with it again).
        """
        above = [
            ("class:question", t("interview.not-relevant-reason")),
            ("class:instruction", t("interview.not-relevant-help")),
        ]
        question = answer_field(
            t("interview.not-relevant-label"),
            lambda width: styled_lines(above, width),
            typed,
            lambda: self.notice,
            key_bindings=merge_key_bindings([_reason_keys(), _alt_enter_keys()]),  # Alt+Enter: Enter
            **self.io,
        )
        field_buffer(question.application).on_text_changed += self._autosave
        self.reason_field = True
        kept: Drafted | SpredningError | None = None
        try:
            reason = self._watched(question)
            if self.apart or isinstance(reason, _Left):  # kept now: a save may yet fail
                text = reason.typed if isinstance(reason, _Left) else reason
                if not self.apart and not self.offered_reason:  # left: moved out of the draft, beside it
                    self.apart = True
                    kept = self._keep_text(text)
                    self._keep_own_draft("")
                else:
                    kept = self._keep_text(text)
        finally:
            self.reason_field = False
        if isinstance(reason, _Left):
            if not self.apart:  # the reason draft goes back to the field, as it was offered
                self.typed_back = reason.typed
            else:
                self._show_reason_left(reason.typed, kept)
            return None
        given = interview.normalise(reason)
        shown = t("answer.not-relevant-because", reason=given) if given else t("answer.not-relevant")
        self.console.print(render.hanging("›", shown, 0))
        return reason

    def _keep_own_draft(self, text: str) -> None:
        """The question's draft as the answer field left it (a reason moved beside it is no part of it).

        Not written (another window's lock, a full disk), it is kept with the reason (beside_unkept):
        never said to be kept when it is not.
        """
        if self.question is None:
            return
        try:
            self.keep_draft(self.question, interview.draft_of(text, self.answer))
        except Exception:  # the reason field opens all the same: its saves try this one first
            self.beside_unkept = text
        else:
            self.beside_unkept = None

    def _show_reason_left(self, typed: str, kept: Drafted | SpredningError | None) -> None:
        """A reason left unsaved beside the answer: said to be kept, or shown whole when it could not be."""
        text = interview.normalise(typed)
        if not text or (self.answer is not None and self.answer.not_relevant and text == self.answer.text):
            return  # nothing new: nothing to say
        if kept is Drafted.STALE:  # the reason offered, untouched here: another window changed it since
            return
        if isinstance(kept, SpredningError):
            from spredning.cli.main import error_hint, print_error

            print_error(kept.message, error_hint(kept), console=self.console)
            self.console.print(Text(t("interview.draft-failed"), style="yellow"))
            self.console.print(AsTyped(typed), soft_wrap=True)
            self._in_a_file(typed)
            return
        self.console.print(
            Text.assemble(
                ("› ", "bold"), (t("interview.reason-left"), "yellow"), " ", render.plain(text, "dim")
            ),
            no_wrap=True,
            overflow="ellipsis",
        )

    @property
    def _view(self):
        return self.session.view()

    def keep_draft(
        self, question: Question, text: str, join: bool = True, reason: bool = False, wait: bool = True
    ) -> Drafted:
        """Keep the field's text as the question's draft (through the session); say what became of it.

        `reason`: typed as the reason for "not relevant"; it comes back saying so (see ask).
        `wait` False: another window's lock is not waited for (store.Busy).
        """
        return self.session.keep_draft(question, text, join, reason, wait)


def _end_not_kept(
    signum: int, problem: SpredningError, text: str | None, rescue: bool, about: str | None = None
) -> None:
    """End after a stop from outside with text that could not be kept as a draft (`problem`).

    `rescue`: the text is new (not the saved answer): it goes in a file of its own first (with
    `about` before it), and the words say where. The text is printed whole too, for a terminal
    that is still there.
    """
    said = render_message(problem.message)
    rescued = _rescued(text, about) if rescue else None
    if rescued is not None:
        _end_now(signum, t("interview.stopped-from-outside-rescued", problem=said, path=str(rescued)), text)
    _end_now(signum, t("interview.stopped-from-outside-not-kept", problem=said), text)
