"""``spredning møde`` and ``dagsorden``: note a meeting held with a partner, and the agenda for the next."""

from __future__ import annotations

import datetime

import typer

from spredning.app import readiness
from spredning.cli import typer_compat
from spredning.cli.commands.asking import interrupted_as, is_interactive, writable_before_asking
from spredning.cli.commands.commandline import command, typed_words
from spredning.cli.commands.dialogue import (
    given_day,
    hint_command,
    refuse_blank_date,
    role_words,
    side_first,
    whose_side,
)
from spredning.cli.commands.files import (
    check_ending,
    chosen_format,
    named_format,
    out_path,
    replacing,
    tell_beside,
    tell_copy,
    tell_written,
)
from spredning.cli.commands.names import parse_role
from spredning.cli.commands.partners import choose_partner
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_said
from spredning.core.errors import Interrupted, Message, UsageProblem
from spredning.core.followup import last_meeting, typed_day
from spredning.core.shellwords import shell_word
from spredning.i18n import t


def moede(
    ctx: typer.Context,
    dato: str | None = typer.Option(None, "--dato", metavar=t("metavar.date"), help=t("help.moede.dato")),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.moede.partner")
    ),
    ret: bool = typer.Option(False, "--ret", help=t("help.moede.ret")),
    igen: bool = typer.Option(False, "--igen", help=t("help.moede.igen")),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.moede.rolle")
    ),
) -> None:
    """Noter, at I har holdt et møde med partneren; næste dagsorden tager det nye siden da."""
    ws = workspace(ctx)
    opened = ws.open()
    role = parse_role(rolle)
    if dato is not None and not dato.strip():  # --dato " ": never today in silence
        refuse_blank_date(("møde", *(("--ret",) if ret else ()), *role_words(role)), partner, False)
    day, day_refused = given_day(dato, "meeting.in-future")  # in a terminal, its field opens after
    writable_before_asking(ws, day_refused)
    with interrupted_as("meeting.interrupted"):
        if not ret:  # the meeting says which side noted it (a correction keeps who noted it)
            role = side_first(opened, role, _which_side(dato, partner), False)
        chosen = choose_partner(opened.project, opened.local, partner, required=True)
    typed = dato or ""  # the day as the user wrote it: given back in the field, to correct
    if day_refused:
        day, typed = _ask_meeting_day(opened, chosen, typed, (ret, role))
    today = datetime.date.today()
    noted = _note_meeting(ws, opened, chosen, (day, typed), today, (ret, role, igen))
    if noted is None:
        make_console().print(say("meeting.unchanged"))
        return
    held, corrected = noted
    if not held.changed:  # --ret to the day it already has
        make_console().print(say("meeting.already-that-day", day=held.meeting.day))
        return
    # noted for the other side (--rolle), the meeting is said to be theirs, as a mark is (klarhed)
    whose = None if corrected else whose_side(opened, role, chosen)
    key = "meeting.corrected" if corrected else "meeting.saved-theirs" if whose else "meeting.saved"
    agenda = hint_command(opened, "dagsorden", partner=chosen)
    console = make_console()
    with after_work(console):
        said = say(key, style="bold green", day=held.meeting.day, command=agenda, org=whose)
        print_said(console, said, agenda)


def _which_side(dato: str | None, partner: str | None) -> UsageProblem:
    """The refusal of møde on a copy with no side here: the user's command with --rolle dele."""
    words = ("møde", "--rolle", "dele", *typed_words(("--dato", dato or ""), ("--partner", partner or "")))
    return UsageProblem(
        "meeting.which-side", hint=Message("meeting.which-side.hint", {"command": command(*words)})
    )


def _ask_meeting_day(opened, partner, given: str, how: tuple[bool, str | None]) -> tuple[datetime.date, str]:
    """The day of the meeting, and the text typed for it: `given` in the field, to correct.

    Why it was refused is said above it (a --dato refused; nothing for a day the user chose to
    write again). A stop with a day the field takes says the command that notes the meeting on that day.
    `how`: whether it corrects the last meeting (--ret), and the side that notes it (--rolle).
    """
    from spredning.cli.prompts.questions import ask_past_day_typed

    typed: list[str] = []
    try:
        return ask_past_day_typed(t("meeting.ask-day"), given, "meeting.in-future", interrupted=typed.append)
    except (KeyboardInterrupt, EOFError):
        day = typed[0].strip() if typed else ""
        raise Interrupted("meeting.interrupted", hint=_stopped_with(opened, partner, day, how)) from None


def _stopped_with(opened, partner, typed: str, how: tuple[bool, str | None]) -> Message | None:
    """What a stop in the day's field says of the day typed there: the command that notes it.

    A day before the last meeting cannot be a new meeting (the command would be refused): said,
    with the command that corrects the last one to it. A day the field would not take is said
    with why, so it is not dropped without a word.
    """
    from spredning.app.plan import parse_due
    from spredning.cli.prompts.questions import past_day_problem

    correct, role = how
    if not typed:
        return None
    why = past_day_problem(typed, "meeting.in-future")
    if why is not None:
        return Message("meeting.typed-not-used", {"typed": typed, "why": why})
    day = parse_due(typed, ahead=False) or datetime.date.today()
    last = last_meeting(opened.project, partner)
    if not correct and last is not None and day < last.day:
        fix = hint_command(opened, "møde", "--dato", shell_word(typed), "--ret", partner=partner)
        return Message("meeting.typed-earlier", {"day": day, "last": last.day, "command": fix})
    words = ("møde", "--dato", shell_word(typed), *(("--ret",) if correct else role_words(role)))
    return Message("meeting.note-again", {"command": hint_command(opened, *words, partner=partner)})


def _note_meeting(ws, opened, partner, given: tuple[datetime.date, str], today: datetime.date, how: tuple):
    """Note (or correct) the meeting: (the meeting now, whether it was a correction), or None.

    A day before the last meeting noted is a mistake to correct: a terminal asks whether to (or to
    write another day: the field opens with the day as the user typed it), a script is told the
    command with --ret. A day on which the last meeting was noted may be that meeting noted twice:
    a terminal asks, a script is told the command with --igen. `given`: the day, and the text it
    was typed as; `how`: whether it corrects (--ret), the side that notes it, and --igen.
    """
    (day, typed), (correct, role, again) = given, how
    while True:
        try:
            held = readiness.meeting_held(ws, partner, day, today, correct=correct, role=role, again=again)
            return held, correct
        except readiness.SameDayMeeting as same:
            words = ("møde", *(("--dato", shell_word(typed)) if typed else ()), "--igen", *role_words(role))
            twice = hint_command(opened, *words, partner=partner)
            if not is_interactive():
                same.hint = Message("meeting.same-day.hint", {"command": twice})
                raise same from None
            if not _ask_again(same, twice):
                return None
            again = True
            continue
        except readiness.EarlierMeeting as earlier:
            fix = hint_command(opened, "møde", "--dato", typed_day(day), "--ret", partner=partner)
            if not is_interactive():
                raise UsageProblem(earlier.key, command=fix, day=earlier.day, last=earlier.last.day) from None
            choice = _ask_correct(earlier, fix)
        if choice == "leave":
            return None
        if choice == "correct":
            return readiness.meeting_held(ws, partner, day, today, correct=True), True
        day, typed = _ask_meeting_day(opened, partner, typed or typed_day(day), (correct, role))


def _ask_again(same, twice: str) -> bool:
    """Whether a second meeting on the day of the last one is to be noted (not the same one twice).

    A stop says the command that notes it (`twice`, with --igen).
    """
    from questionary import Choice

    from spredning.cli.prompts.simple import select, stop_help

    make_console().print(say(same.key, style="bold yellow", **same.params))
    choices = [
        Choice(t("meeting.same-day-no"), False),
        Choice(t("meeting.same-day-yes", day=same.last.day), True),
    ]
    try:
        return bool(select(t("meeting.correct-question"), choices, instruction=stop_help()))
    except (KeyboardInterrupt, EOFError):
        hint = Message("meeting.same-day.hint", {"command": twice})
        raise Interrupted("meeting.interrupted", hint=hint) from None


def _ask_correct(earlier, fix: str) -> str:
    """Correct the last meeting ('correct'), write another day ('other') or leave it all ('leave').

    A stop says the command that corrects it (`fix`), the day given in it.
    """
    from questionary import Choice

    from spredning.cli.prompts.simple import select, stop_help

    make_console().print(say("meeting.earlier-than-last", style="bold yellow", **earlier.params))
    choices = [
        Choice(t("meeting.correct-yes", day=earlier.day), "correct"),
        Choice(t("meeting.correct-other", day=earlier.day), "other"),
        Choice(t("meeting.correct-no"), "leave"),
    ]
    try:
        return str(select(t("meeting.correct-question"), choices, instruction=stop_help()))
    except (KeyboardInterrupt, EOFError):
        hint = Message("meeting.earlier-than-last.hint", {**earlier.params, "command": fix})
        raise Interrupted("meeting.interrupted", hint=hint) from None


def dagsorden(
    ctx: typer.Context,
    format: str | None = typer.Option(
        None, "--format", "-f", metavar="md|html|docx|pdf", help=t("help.dagsorden.format")
    ),
    ud: str | None = typer.Option(None, "--ud", metavar=t("metavar.file"), help=t("help.dagsorden.ud")),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.dagsorden.partner")
    ),
    overskriv: bool = typer.Option(False, "--overskriv", help=t("help.overskriv")),
) -> None:
    """Skriv dagsordenen til næste møde med partneren."""
    from spredning import report
    from spredning.app.agenda import make_agenda
    from spredning.app.files import place, write_own

    fmt = report.check_format(chosen_format(format, ud, report.FORMATS, "md"), "dagsorden", named_format(ud))
    ws = workspace(ctx)
    check_ending(ws, ud, fmt, report.FORMATS)
    opened = ws.open()
    with interrupted_as("agenda.interrupted"):
        chosen = choose_partner(opened.project, opened.local, partner, required=True)
    made = make_agenda(ws, fmt=fmt, partner=chosen, today=datetime.date.today())
    path, beside = place(ws, out_path(ud), made.default_name)
    slug = ws.slug()
    done = replacing(
        ctx, lambda replace: write_own(ws, slug, path, made.content, overwrite=replace), path, overskriv
    )
    console = make_console()
    with after_work(console):
        tell_written("agenda.replaced" if done.replaced else "agenda.written", path, console)
        tell_copy(done.copy, console)
        tell_beside(beside, console)
        meeting = hint_command(opened, "møde", partner=chosen)
        print_said(console, say("agenda.after", style="dim", command=meeting), meeting)


def register(app: typer.Typer) -> None:
    """Add møde and dagsorden to the app."""
    app.command("møde", cls=typer_compat.DanishCommand, help=t("help.moede"))(moede)
    app.command("dagsorden", cls=typer_compat.DanishCommand, help=t("help.dagsorden"))(dagsorden)
