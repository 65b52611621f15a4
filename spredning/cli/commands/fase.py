"""``spredning fase FASE [--rolle] [--partner] [--svar FIL]``: answer one phase for one side."""

from __future__ import annotations

import os

import typer

from spredning.app.answering import (
    SHOWN_PROBLEMS,
    NotAgreed,
    Replacing,
    Session,
    answers_from_file,
    drafts_of,
    example_id,
    replacements,
    save_answers,
)
from spredning.app.dialogue import several_dialogues
from spredning.app.readiness import InterviewFollowUp, colour_word
from spredning.app.status import dialogue_status
from spredning.app.views import place
from spredning.cli import typer_compat
from spredning.cli.commands.asking import interrupted_as, is_interactive, typed_kept
from spredning.cli.commands.commandline import command, typed_words
from spredning.cli.commands.files import in_path, read_user_yaml, written_path
from spredning.cli.commands.names import parse_phase, parse_role, phase_command, phase_word, tool_word
from spredning.cli.commands.partners import partner_picked
from spredning.cli.commands.workspace import tell_kept_files, tell_went_back, workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.merging import tell_editor_files
from spredning.cli.render_project import org_name
from spredning.cli.render_text import answer_pair, print_fitted, print_said, print_whole
from spredning.core import fileio
from spredning.core.drafts import Drafted
from spredning.core.errors import Interrupted, Message, NotATerminal, SpredningError, UsageProblem
from spredning.core.followup import typed_day
from spredning.core.interview import Done, Interview, OfferActions, PutBack, RateReadiness, SaveFailed
from spredning.core.model import SHARING, Answer, Partner, progress, side_of
from spredning.core.shellwords import path_word, shell_word
from spredning.i18n import t


def _check_file_options(svar: str | None, erstat: bool) -> None:
    """Usage errors: --erstat without --svar has nothing to replace with; an empty --svar names no file."""
    if erstat and svar is None:  # said, not ignored
        raise UsageProblem("fase.erstat-without-svar")
    if svar is not None:
        in_path(svar, "--svar")


def fase(
    ctx: typer.Context,
    fase: str = typer.Argument(..., metavar=t("metavar.phase"), help=t("help.fase.fase")),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.fase.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.fase.partner")
    ),
    svar: str | None = typer.Option(None, "--svar", metavar=t("metavar.file"), help=t("help.fase.svar")),
    uden_partner: bool = typer.Option(False, "--uden-partner", help=t("help.fase.uden-partner")),
    fortsaet: bool = typer.Option(False, "--fortsæt", help=t("help.fase.fortsaet")),
    erstat: bool = typer.Option(False, "--erstat", help=t("help.fase.erstat")),
) -> None:
    """Besvar en fases spørgsmål for din side; hvert svar gemmes med det samme."""
    _check_file_options(svar, erstat)
    ws = workspace(ctx)
    phase = parse_phase(ws.guide, fase)
    slug = ws.slug()
    opened = ws.store.open(slug)
    tell_went_back(ws)  # before any question: the user may want to put the newer file back first
    side = opened.local.side
    role = parse_role(rolle) or side
    if role is None:
        # the example is the user's own command with the side added: every other option kept
        file = ("--svar", shell_word(svar)) if svar is not None else ()
        named = ("--partner", shell_word(partner)) if partner is not None else ()
        given = (("--uden-partner", uden_partner), ("--fortsæt", fortsaet), ("--erstat", erstat))
        flags = tuple(flag for flag, on in given if on)
        side_word = _side_of_file(svar) if svar else "genbruge"
        example = command("fase", phase_word(phase), "--rolle", side_word, *named, *file, *flags)
        role = _side_offered(example, side_word if svar else None)
    console = make_console()
    # the partner before the side is remembered: a fresh copy has no organisation set yet, and
    # remembering sets only the one a single partner gives, which partner_for finds anyway
    chosen, picked = partner_picked(opened.project, opened.local, partner, required=role == "genbruge")
    if role == "genbruge" and chosen is None:
        raise UsageProblem("fase.no-partner", command=command("projekt", "genbruger"))
    answers, agreed, again = None, [], ""
    variants = role == "dele" and partner is not None
    if svar is not None:
        # Without --rolle only this computer's side: an id of the other side is a slip of the pen,
        # not a wish to change the other organisation's answer (that takes --rolle). Read before
        # the side is remembered: a file that is refused changes nothing, not even the side.
        asked_side = (rolle and role) or side
        example = example_id(ws, phase, asked_side)
        answers = answers_from_file(ws, _answers_file(svar, example), phase, asked_side)
        typed_partner = chosen if partner is not None else None
        again = command(
            "fase",
            phase_word(phase),
            "--rolle",
            role,
            "--svar",
            shell_word(svar),
            "--erstat",
            partner=typed_partner,
        )
        # a partner picked from the list just now is the user's word on whose answers they are
        other = _other_partner(opened.project, chosen)
        words = ("fase", phase_word(phase), "--rolle", role, "--svar", shell_word(svar))
        other_command = command(*words, partner=other) if other is not None else None
        if (
            role == "genbruge"
            and is_interactive()
            and not picked
            and not _for_whom_agreed(console, opened.project, chosen, svar, other_command)
        ):
            return  # another reusing organisation's file: its ids are ours too, only the user can tell
        # asked, or refused, before the side is remembered too: not saved, the file changes nothing
        found = _agreed(console, Session(ws, slug, role, chosen, variants), answers, erstat, again)
        if found is None:
            return
        agreed = found
    if opened.local.side is None:  # a fresh copy (a git clone): remember the side from now on
        _remember_side(ws, slug, role, opened, console)
        opened = ws.store.open(slug)
    session = Session(ws, slug, role, chosen, variants)
    several = several_dialogues(opened.project, opened.local)
    own = side is None or side == role  # answering the other side's questions: labelled as theirs
    if answers is not None:
        _save_from_file(console, session, answers, agreed, erstat and bool(agreed), again, own)
        return
    if not is_interactive():
        raise NotATerminal(
            "fase.no-terminal",
            # the file is the user's to name: the words say to write it after the command
            command=phase_command(phase, role, chosen, ctx.obj.project, several) + " --svar",
        )
    if side is not None and role != side:
        _other_side_warning(console, opened.project, side, chosen)
    tell_editor_files(
        console, ws.store.home, slug, opened.project, opened.local
    )  # an earlier window's text, left in the editor
    _interview(ws, ctx, console, session, phase, role, chosen, uden_partner, several, fortsaet, own)


def _agreed(
    console, session: Session, answers: dict[str, Answer], erstat: bool, again: str
) -> list[Replacing] | None:
    """The saved answers the file would replace with other text, once agreed to; None: not agreed.

    With --erstat they are agreed to. Without it a terminal lists them and asks (No first: then
    nothing is saved, None); a script is refused with the list and the command with --erstat.
    """
    replacing = replacements(session, answers)
    if replacing and not erstat:
        listed = _replacing_items(session, replacing)
        if not is_interactive():
            shown, more = listed[:SHOWN_PROBLEMS], max(0, len(listed) - SHOWN_PROBLEMS)  # the first ones
            raise NotATerminal(
                "fase.replace-no-terminal", n=len(listed), answers=shown, more=more, command=again
            )
        if not _replace_agreed(console, replacing, listed):
            console.print(say("fase.replace-kept", n=len(replacing)))
            return None
    return replacing


def _other_partner(project, partner: Partner | None) -> Partner | None:
    """Another partner than `partner` (the first), for a hint on choosing another; None: there is none."""
    return next((p for p in project.partners if partner is None or p.key != partner.key), None)


def _for_whom_agreed(console, project, partner: Partner | None, path: str, other: str | None) -> bool:
    """Ask whether a reusing side's answers file holds the answers of the organisation named (Yes first).

    Every reusing organisation answers the same questions, so nothing in the file says whose they
    are: another partner's file would be saved as this one's without a word. Ctrl+C saves nothing.
    After No, `other` (the command for another partner, if there is one) says how to choose it.
    """
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    org = org_name(project, partner.key) if partner is not None else t("org.reusing")
    with interrupted_as("fase.replace-interrupted"):
        console.print(say("fase.for-whom", file=path_word(path), org=org))
        if select(
            t("fase.for-whom-question", org=org),
            [Choice(t("fase.for-whom-yes", org=org), True), Choice(t("fase.replace-no"), False)],
        ):
            return True
    if other:  # several partners: another is chosen with --partner
        print_said(console, say("fase.for-whom-kept-several", command=other), other)
    else:
        console.print(say("fase.for-whom-kept"))
    return False


def _save_from_file(
    console,
    session: Session,
    answers: dict[str, Answer],
    agreed: list[Replacing],
    any_: bool,
    again: str,
    own: bool = True,
) -> None:
    """Save an answers file's answers, replacing only the saved answers agreed to (`any_`: --erstat).

    What is replaced is first kept in a copy of the project file (save_answers), and the message
    after names it. An answer changed meanwhile (another window) stops it: nothing is saved.
    `own` False: the other side's answers, changed on this computer: said to be theirs, and that
    the change goes to them, not as answers they gave.
    """
    try:
        saved = save_answers(session, answers, agreed=agreed, replace_any=any_)
    except NotAgreed as changed:  # changed meanwhile (another window): the user saw other texts
        listed = _replacing_items(session, changed.replacing)
        shown, more = listed[:SHOWN_PROBLEMS], max(0, len(listed) - SHOWN_PROBLEMS)
        raise SpredningError.of(changed.message, answers=shown, more=more, command=again) from None
    drafted = drafts_of(session, saved.changed)
    with after_work(console):
        where = written_path(session.path)
        unchanged = Message("fase.unchanged", {"n": len(answers) - len(saved.changed)})
        said = say(
            "fase.saved-from-file" if own else "fase.saved-from-file-theirs",
            n=len(saved.changed),
            path=where,
            org=_saved_for(session),
            unchanged=unchanged,
        )
        print_said(console, said, where)  # the path whole on a line, spaces and all
        if saved.replaced:
            items = _replacing_items(session, saved.replaced, done=True)
            print_whole(console, say("fase.replaced", style="yellow", n=len(saved.replaced), answers=items))
        if saved.backup is not None:
            copy = written_path(saved.backup)
            print_said(console, say("fase.replaced-backup", path=copy), copy)
        if drafted:  # kept: typed text is never erased by a file
            console.print(say("fase.drafts-kept", style="yellow", n=len(drafted)))
        tell_kept_files(session.ws)


def _saved_for(session: Session) -> str:
    """The organisation whose answers a file's answers were saved as: the partner's, or the sharing side's."""
    project = session.project
    if session.role == "genbruge" and session.partner is not None:
        return org_name(project, session.partner.key)
    return org_name(project, SHARING)


def _replace_agreed(console, replacing: list[Replacing], listed: list[Message]) -> bool:
    """Ask whether the file's texts replace the saved answers listed (No first); Ctrl+C saves nothing."""
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    with interrupted_as("fase.replace-interrupted"):
        print_whole(console, say("fase.replace-listed", style="yellow", n=len(replacing), answers=listed))
        return bool(
            select(
                t("fase.replace-question", n=len(replacing)),
                [Choice(t("fase.replace-no"), False), Choice(t("fase.replace-yes", n=len(replacing)), True)],
            )
        )


def _replacing_items(session: Session, replacing: list[Replacing], done: bool = False) -> list[Message]:
    """Each answer a file replaces: where it is, its id, and a line of the saved and of the file's text.

    Where both lines would read the same (long texts differing late), both show where they differ.

    `done`: they are replaced (the saved text was, the file's is now).
    """
    key = "fase.replaced-item" if done else "fase.replace-item"
    project = session.project
    items = []
    for r in replacing:
        saved, given = answer_pair(r.saved, r.given)
        items.append(
            Message(
                key,
                {
                    "where": place(session.ws.guide, project, r.slot),
                    "id": r.question,
                    "saved": saved,
                    "given": given,
                },
            )
        )
    return items


def _other_side_warning(console, project, side: str, partner: Partner | None) -> None:
    """Answering the other side's questions: allowed (a joint meeting, a correction), but never unaware.

    The other organisation owns those answers; a change travels to them with the next export and
    replaces their text there, unless they changed it too (then it is a conflict they see).
    The sharing side answering for one reusing organisation names that one only.
    """
    other = "genbruge" if side == "dele" else "dele"
    if side == "dele":
        partners = [partner] if partner is not None else project.partners
        owners = [org_name(project, p.key) for p in partners] or [t("org.reusing")]
    else:
        owners = [org_name(project, SHARING)]
    console.print(
        say("fase.other-side", style="yellow", side=t(f"role.{side}"), other=t(f"role.{other}"), orgs=owners)
    )


def _side_offered(example: str, close: str | None) -> str:
    """No --rolle, and no side on this computer: in a terminal the two sides offered, else refused.

    `example`: the user's command with --rolle, the refusal's (and a stop's) way on; `close`:
    the side an answers file's ids say, chosen already.
    """
    if not is_interactive():
        raise UsageProblem("fase.which-side", command=example)
    from spredning.cli.offered import offered_role

    try:
        return offered_role(
            UsageProblem("fase.no-side", close=[close] if close else None), t("fase.ask-side")
        )
    except (KeyboardInterrupt, EOFError):
        hint = Message("fase.side-interrupted.hint", {"command": example})
        raise Interrupted("fase.side-interrupted", hint=hint) from None


def _remember_side(ws, slug: str, role: str, opened, console) -> None:
    partners = opened.project.partners
    organisation = partners[0].key if role == "genbruge" and len(partners) == 1 else None
    if role == "genbruge" and organisation is None:
        return  # several reusing organisations: 'projekt side' says which one this is
    if not ws.store.remember(slug, lambda s: s._replace(side=role, organisation=organisation)):
        return  # not remembered: the warning when the command ends says so
    who = org_name(opened.project, organisation or SHARING)
    with after_work(console):  # remembered: what the command does next does not undo it
        switch = command("projekt", "side", "genbruge" if role == "dele" else "dele")
        said = say("fase.side-remembered", style="dim", side=t(f"role.{role}"), org=who, command=switch)
        print_said(console, said, switch)


def _replied(machine: Interview, prompter, step, reply) -> None:
    """The reply given to the interview, its save done before a Ctrl+C pressed meanwhile stops it.

    A save can wait up to the lock's timeout for another window; a Ctrl+C then lost the answer
    just given (and said "Dine svar er gemt"). It is held until the save is done: the answer is
    saved, or, when that failed and its draft could not be kept either, its text is shown whole
    (and, after a closed window or a request to end, kept in a file of its own).
    """
    try:
        with fileio.uninterrupted(), typed_kept(lambda: _typed_after_tool(prompter, step, reply)):
            machine.reply(reply)
    except (KeyboardInterrupt, EOFError):
        if isinstance(machine.pending, SaveFailed):  # not saved, so said, and its text shown to copy
            prompter.steps.save_failed(machine.pending, stopping=True)
        raise
    prompter.end_if_stopped(machine.pending)  # a closed window meanwhile: a text not saved goes in a file
    if isinstance(step, RateReadiness) and reply is not None:  # the mark chosen is saved: said so
        prompter.steps.rated(step, reply)


def _typed_after_tool(prompter, step, reply) -> str | None:
    """The command that saves a mark or an action chosen after a tool whose save failed, as typed.

    The file made read-only or damaged meanwhile: the error ends the phase, and what was typed
    in the mark's or the action's fields is not lost (as 'klarhed' and 'plan tilføj' keep it).
    """
    from spredning.cli.list_steps import UnsavedAction, UnsavedMark
    from spredning.cli.prompts.questions import TypedAction

    saved_by = prompter.steps.saved_by
    if saved_by is None or reply is None:
        return None
    if isinstance(step, RateReadiness):
        return saved_by(UnsavedMark(step.tool, reply.colour, reply.reason))
    if isinstance(step, OfferActions) and reply.what.strip():
        due = typed_day(reply.due) if reply.due else ""
        return saved_by(UnsavedAction(step.tool, TypedAction(reply.what, reply.who, due)))
    return None


def _interview(
    ws,
    ctx,
    console,
    session: Session,
    phase,
    role: str,
    partner: Partner | None,
    quiet_partner: bool,
    several: bool,
    go_on: bool = False,
    own: bool = True,
) -> None:
    from spredning.cli.prompter import InterviewPrompter

    who = org_name(session.project, SHARING if role == "dele" else (partner.key if partner else ""))
    settle = command("konflikter", partner=partner if several else None, project=ctx.obj.project)
    prompter = InterviewPrompter(
        console, session, who, show_partner=not quiet_partner, settle=settle, own=own
    )
    prompter.steps.saved_by = lambda unsaved: _saved_by(
        ws.guide, unsaved, role, (partner, several), ctx.obj.project
    )
    machine = Interview(phase, role, session, follow_up=InterviewFollowUp(ws, session), go_on=go_on)
    resume = phase_command(phase, role, partner, ctx.obj.project, several)
    prompter.phase_intro(phase, role)
    approved = _approved(console, session, phase, role, (partner, ctx.obj.project, several)) if own else None
    at = None  # the step on screen when stopped: its question's field is said of (draft), its list
    with prompter.stop_signals_kept():
        try:
            while not isinstance(step := machine.step(), Done):
                at = step
                _replied(machine, prompter, step, prompter.handle(step))
                tell_went_back(ws)  # an older copy found by this save: said now, before more go into it
        except (KeyboardInterrupt, EOFError):
            session.follow()  # brought back under another file name meanwhile, maybe: it is there
            _write_back(session, phase, role, prompter)
            named = session.slug if session.moved else ctx.obj.project  # moved: the hints name it
            if session.moved:  # brought back under another file name meanwhile: saved there
                resume = phase_command(phase, role, partner, named, several)
            left = prompter.left  # what became of the field's text, as the field said (None: nothing)
            if left is None and machine.keep_typed(None):  # at the choice after a save found another answer
                left = Drafted.KEPT
            done = progress(session.saved(), phase.questions(role))
            unsaved, hint = _not_saved(
                ws.guide, prompter.steps.unsaved, role, (partner, several), (named, resume)
            )
            if isinstance(at, RateReadiness) and at.current is None and prompter.steps.unsaved is None:
                more = _left_open(session, phase, role)  # the phase goes on after the mark, or not
                hint = _mark_left(
                    ws.guide, at.tool, role, (partner, several), (named, resume if more else None)
                )
            if session.removed is not None:  # no going on in a dialogue removed meanwhile
                hint = Message("answer.partner-removed.hint")
            _stop_if_gone(session, left, prompter.left_reason)
            _changed_since_approved(console, session, approved, phase, role, (partner, named, several))
            raise Interrupted(
                "fase.interrupted",
                hint=hint,
                draft=left is Drafted.KEPT and prompter.left_reason is None,
                reason=prompter.left_reason
                == "alone",  # a reason kept: said to be one, the question not marked
                beside=prompter.left_reason == "beside",
                apart=prompter.left_apart,  # a reason kept beside the answer, not in the field
                joined=left is Drafted.JOINED,
                lost=isinstance(left, SpredningError) and not prompter.rescued,
                rescued=isinstance(left, SpredningError) and prompter.rescued,  # then said: in a file too
                unsaved=unsaved,
                elsewhere=_drafts_elsewhere(machine, session, getattr(at, "question", None)),
                answered=done.answered,
                total=done.total,
                phase=phase.name,
                path=str(session.path),
                command=resume,
                # whose answers were saved: ours, or (answering the other side's) theirs; none: not said
                mine=own and done.answered > 0,
                theirs=None if own or not done.answered else who,
            ) from None
    session.follow()
    _write_back(session, phase, role, prompter)
    done = progress(session.saved(), phase.questions(role))
    if session.moved:  # brought back under another file name meanwhile: saved there
        resume = phase_command(phase, role, partner, session.slug, several)
    with after_work(console):  # every answer is saved already
        if step.stopped:
            # the other side's questions answered here: their answers saved (none saved: not said)
            theirs = None if own or not done.answered else who
            stopped = {"answered": done.answered, "total": done.total, "phase": phase.name}
            drafted = _drafts_elsewhere(machine, session, None, stopped=True)  # not in the answers
            console.print(
                say("fase.stopped", mine=own and done.answered > 0, theirs=theirs, left=drafted, **stopped)
            )
        else:
            console.print(
                say(
                    "fase.done",
                    style="bold green",
                    answered=done.answered,
                    total=done.total,
                    phase=phase.name,
                    left=_drafts_elsewhere(machine, session, None, stopped=True),
                )
            )
        tell_kept_files(ws)
        _changed_since_approved(console, session, approved, phase, role, (partner, ctx.obj.project, several))
        if step.stopped and _left_open(session, phase, role):  # where to go on: said once, this phase
            print_fitted(console, t("fase.continue-later", command=resume), resume)
        else:
            _suggest_next(ws, console, session, role, partner, ctx.obj.project, several, None if own else who)


def _approved(console, session: Session, phase, role: str, where: tuple):
    """The side's approval of the phase, said with the command that approves it again (or None).

    (the approval, each answer's fingerprint now): the end says it again when one changed in this run.
    """
    from spredning.core import followup

    partner, project, several = where
    approval = followup.approval(session.saved().project, partner, phase.id, role)
    if approval is None or approval.disputed:
        return None
    again = _approve_again(phase, role, partner, project, several, approval.where == "")
    view = session.saved()
    questions = [q.id for q in phase.questions(role)]
    changed = len(followup.changed(view, questions, approval.prints))  # before this run: said too
    said = say("fase.approved", style="dim", by=approval.by, day=approval.day, command=again, n=changed)
    print_said(console, said, again)
    return approval, {qid: followup.fingerprint(qid, view.answer(qid)) for qid in questions}


def _approve_again(
    phase, role: str, partner: Partner | None, project: str | None, several: bool, common: bool
) -> str:
    """The command that approves the phase again for this side: in the dialogue, or for all (--fælles)."""
    words = ("godkend", phase_word(phase), "--rolle", role)
    if several and common:  # the sharing side's approval for every dialogue: given again for every one
        return command(*words, "--fælles", project=project)
    return command(*words, partner=partner if several else None, project=project)


def _changed_since_approved(console, session: Session, approved, phase, role: str, where: tuple) -> None:
    """Answers of an approved phase changed in this run: said, with the command that approves it again.

    A trial: an answer of an approved phase was changed and nothing said so, until status.
    """
    from spredning.core import followup

    if approved is None:
        return
    approval, before = approved
    view = session.saved()
    now = len(followup.changed(view, list(before), approval.prints))  # changed back: nothing to approve
    if now and any(followup.fingerprint(qid, view.answer(qid)) != was for qid, was in before.items()):
        partner, project, several = where
        again = _approve_again(phase, role, partner, project, several, approval.where == "")
        said = say("fase.changed-since-approved", style="yellow", n=now, by=approval.by, command=again)
        print_said(console, said, again)


def _write_back(session: Session, phase, role: str, prompter) -> None:
    """At the end: what this window saved and an older copy of the file lacks is written in, and said.

    Found in stop 49's trial: an older copy put in place at the menu after a tool, then "Stop her
    (alt er gemt)": no save followed to write the answers in again (the interview does at each save).
    """
    back = session.write_back()
    if back:
        questions = tuple(q for q in phase.questions(role) if q.id in back)
        prompter.steps.put_back(PutBack(questions))


def _stop_if_gone(session: Session, left: Drafted | SpredningError | None, left_reason: str | None) -> None:
    """A stop in a project removed meanwhile: said so (Interrupted), no counts, no going on.

    Another project may have its file name now (nothing went into that one), or none: then the
    field's text is a draft that comes back with the project (projekt gendan).
    """
    taken = session.taken_meanwhile()
    if taken is not None:  # the field's text a draft in the removed project (or shown, to copy)
        kept = taken.hint.params if isinstance(taken.hint, Message) else None
        hint = Message("answer.project-taken.stop-hint", kept) if kept else None
        raise Interrupted(
            "fase.interrupted-taken",
            hint=hint,
            name=session.project.name,
            file=session.path.name,
            draft=left in (Drafted.KEPT, Drafted.JOINED) or left_reason is not None,
            lost=isinstance(left, SpredningError),
        ) from None
    gone = session.removed_meanwhile()
    if gone is not None:
        raise Interrupted(
            "fase.interrupted-removed",
            hint=Message("answer.project-removed.hint", gone.params),
            name=session.project.name,
            draft=left in (Drafted.KEPT, Drafted.JOINED) or left_reason is not None,
        ) from None


def _drafts_elsewhere(machine: Interview, session: Session, asked, stopped: bool = False) -> Message | str:
    """The phase's other questions with typed text not saved, by their numbers in the interview.

    Text left by going back with PgUp (or kept before) is there: the count of answers tells nothing
    of it. A reason for "not relevant" kept beside (its answer saved, say) is named as a reason,
    not as an answer not saved. On Ctrl+C (not `stopped`) the drafts are said to be kept; at 'Stop
    her' and at the phase's end, not to be saved as answers.
    """
    questions = [(n, q) for n, (_, q) in enumerate(machine.questions, 1) if q is not asked]
    drafts = [str(n) for n, q in questions if (session.draft(q) or "").strip()]
    reasons = [str(n) for n, q in questions if str(n) not in drafts and session.reason_beside(q).strip()]
    if not drafts and not reasons:
        return ""
    key = "fase.drafts-left" if stopped else "fase.drafts-kept-elsewhere"
    said = Message(key, {"n": len(drafts), "numbers": drafts}) if drafts else ""
    beside = Message("fase.reasons-left", {"n": len(reasons), "numbers": reasons}) if reasons else ""
    return Message("fase.typed-left", {"drafts": said, "reasons": beside})


def _not_saved(
    guide, unsaved, role: str, dialogue: tuple[Partner | None, bool], hints: tuple[str | None, str]
):
    """What a stop left unsaved of a mark or an action after a tool, in words, and the hint.

    The hint gives the command that saves it as it was typed (the text is in it, quoted, to copy)
    besides the command that goes on with the phase. Nothing unsaved: no words, the usual hint.
    `dialogue`: the interview's partner (None: common to all, as InterviewFollowUp keeps it), and
    whether the command must name it; `hints`: the project hints name (--projekt) and the resume command.
    """
    from spredning.cli.list_steps import UnsavedAction, UnsavedMark
    from spredning.cli.prompts.simple import shorten_first

    project, resume = hints
    if isinstance(unsaved, UnsavedMark):
        colour = t(f"plan.colour.{unsaved.colour}")
        lost = Message("fase.mark-not-saved", {"tool": unsaved.tool.title, "colour": colour})
        again = _saved_by(guide, unsaved, role, dialogue, project)
        hint = Message("fase.interrupted-mark.hint", {"again": again, "command": resume})
        return lost, shorten_first(hint, ("--begrundelse", unsaved.reason))
    if isinstance(unsaved, UnsavedAction):
        what, who, _, refused, _, why = unsaved.typed
        lost = Message("fase.action-not-added", {"tool": unsaved.tool.title})
        again = _saved_by(guide, unsaved, role, dialogue, project)
        if refused:  # the deadline typed is left out, quoted
            hint = Message(
                "fase.interrupted-action.hint-refused",
                {"again": again, "command": resume, "typed_due": refused, "why": why},
            )
        else:
            hint = Message("fase.interrupted-action.hint", {"again": again, "command": resume})
        return lost, shorten_first(hint, ("--hvad", what), ("--hvem", who))
    return "", Message("fase.interrupted.hint", {"command": resume})


def _saved_by(guide, unsaved, role: str, dialogue: tuple[Partner | None, bool], project: str | None) -> str:
    """The command that saves a mark or an action left unsaved after a tool, as it was typed.

    Given in the hint at Ctrl+C, and kept in a file at a stop from outside (ListSteps.saved_by).
    The tool as this user's hints name it (tool_word: in English its title, not the Danish id).
    """
    from spredning.cli.list_steps import UnsavedMark

    partner, several = dialogue
    tool = tool_word(guide, unsaved.tool.id)
    if isinstance(unsaved, UnsavedMark):
        said = colour_word(unsaved.colour)  # 'yellow' in English, as the user chose it
        words = [
            "klarhed",
            tool,
            said,
            *typed_words(("--begrundelse", unsaved.reason)),
            *_side(role, partner),
        ]
    else:
        what, who, due = unsaved.typed.what, unsaved.typed.who, unsaved.typed.due
        words = ["plan", "tilføj", "--fase", tool]
        words += typed_words(("--hvad", what), ("--hvem", who), ("--frist", due))
        words += ["--fælles"] if partner is None else []
    return command(*words, partner=partner if several else None, project=project)


def _side(role: str, partner: Partner | None) -> list[str]:
    """The words of a readiness mark's side in a hint (the sharing side's common one: --fælles)."""
    return ["--rolle", role, *(["--fælles"] if partner is None and role == "dele" else [])]


def _mark_left(guide, tool, role: str, dialogue: tuple[Partner | None, bool], hints) -> Message:
    """The hint after a stop at the readiness list after `tool`: the command that marks it.

    It asks the colour; the command that goes on with the phase is named too when more is open
    there (`hints`: the project option and that command, or None).
    """
    partner, several = dialogue
    project, resume = hints
    words = ["klarhed", tool_word(guide, tool.id), *_side(role, partner)]
    mark = command(*words, partner=partner if several else None, project=project)
    if resume is None:
        return Message("fase.interrupted-rate.hint", {"tool": tool.title, "mark": mark})
    return Message("fase.interrupted-rate-open.hint", {"tool": tool.title, "mark": mark, "command": resume})


def _left_open(session: Session, phase, role: str) -> bool:
    """True when the phase has open questions or drafts for this side."""
    questions = phase.questions(role)
    return not progress(session.view(), questions).complete or any(session.draft(q) for q in questions)


def _suggest_next(
    ws, console, session: Session, role: str, partner, project_option, several, theirs=None
) -> None:
    """The phase to answer next on this side, or that every phase is answered.

    `theirs`: the organisation whose side's questions were answered here (None: our own side).
    Status's steps are our own side's, so the other side's next phase is its first one left open.
    """
    if theirs is None:
        opened = ws.store.open(session.slug)
        item = dialogue_status(ws, opened, partner)
        # a draft to finish is as much this side's next step as a question to answer (and status
        # leaves out the 'answer' step of a phase whose drafts step opens it already)
        step = next((s for s in item.steps if s.kind in ("drafts", "answer") and s.role == role), None)
        phase = step.phase if step is not None else None
    else:
        phase = next((p for p in ws.guide.phases if _left_open(session, p, role)), None)
    if phase is not None:
        words = phase_command(phase, role, partner, project_option, several)
        print_fitted(console, t("fase.next", command=words), words)
        return
    show = command("vis")
    said = say("fase.all-done-theirs", style="green", org=theirs, command=show) if theirs else None
    print_said(console, said or say("fase.all-done", style="green", command=show), show)


def register(app: typer.Typer) -> None:
    """Add the fase command to the app."""
    app.command("fase", cls=typer_compat.DanishCommand, help=t("help.fase"))(fase)


def _side_of_file(path: str) -> str:
    """The side an answers file's question ids belong to, for the example: 'genbruge' unless all say 'dele'.

    Only a hint: the file is read again, and checked, when the command is run with a side.
    """
    try:
        data = read_user_yaml(path, "answers")
    except SpredningError:
        return "genbruge"
    sides = {side_of(str(qid)) for qid in data} if isinstance(data, dict) else set()
    return "dele" if sides == {"dele"} else "genbruge"


def _zipped(path: str) -> bool:
    """Whether the file begins as a zip archive does: a Word document (.docx), say.

    Only an ordinary file is opened: a named pipe no program writes to would wait for ever
    (read_user_yaml refuses it, saying what it is).
    """
    try:
        if not os.path.isfile(path):
            return False
        with open(path, "rb") as file:
            return file.read(4) == b"PK\x03\x04"
    except OSError:  # not to be read: read_user_yaml says why
        return False


def _answers_file(path: str, example: str) -> object:
    """The answers file's content; an empty file, an export or a project file is named as what it is.

    So is a Word document (a worksheet): read as text it was said not to be saved as UTF-8, and
    the user was told to save it so in a text editor.
    """
    if _zipped(path):
        raise SpredningError("answers.word-file", path=path, file=path_word(path), example=example)
    data = read_user_yaml(path, "answers")
    if data is None or data == {}:
        raise SpredningError("answers.empty-file", path=path, example=example)
    if isinstance(data, dict) and {"format", "projekt", "svar"} <= set(data):
        # what 'eksport' writes (or a project file): its answers come in with 'importer'
        raise SpredningError("answers.spredning-file", path=path, file=path_word(path), example=example)
    return data
