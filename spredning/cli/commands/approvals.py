"""``spredning godkend``: approve a phase for this side (who and when), or withdraw the approval."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import NamedTuple

import typer

from spredning.app import readiness
from spredning.cli import typer_compat
from spredning.cli.commands.asking import (
    interrupted_as,
    is_interactive,
    texts_to_correct,
    typed_kept,
    writable_before_asking,
)
from spredning.cli.commands.commandline import command, date_shown, typed_words
from spredning.cli.commands.dialogue import (
    for_dialogue,
    given_day,
    hint_command,
    own_example,
    record_dialogue,
    refuse_blank_date,
    role_words,
    side_first,
    sideless,
    versions_before,
    whose_side,
)
from spredning.cli.commands.names import parse_phase, parse_role, phase_word
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_said
from spredning.core.errors import Interrupted, Message, NotATerminal, UsageProblem
from spredning.core.followup import typed_day
from spredning.core.model import SHARING
from spredning.core.shellwords import path_word, shell_word
from spredning.i18n import t


def _godkend_given(fase: str, *given: str | bool | None) -> str:
    """The user's 'godkend' command, its texts on one line (a refusal's example): every option kept."""
    af, dato, rolle, partner, faelles, fortryd = given
    day = date_shown(str(dato), ahead=False) if dato else dato  # a date refused too: the one to write
    options = zip(("--af", "--dato", "--rolle", "--partner"), (af, day, rolle, partner), strict=True)
    flags = [flag for flag, on in (("--fælles", faelles), ("--fortryd", fortryd)) if on]
    words = typed_words(*((option, str(value or "")) for option, value in options))
    return command("godkend", shell_word(fase), *words, *flags)


def godkend(
    ctx: typer.Context,
    fase: str = typer.Argument(..., metavar=t("metavar.phase"), help=t("help.godkend.fase")),
    af: str | None = typer.Option(None, "--af", metavar=t("metavar.name"), help=t("help.godkend.af")),
    dato: str | None = typer.Option(None, "--dato", metavar=t("metavar.date"), help=t("help.godkend.dato")),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.godkend.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.godkend.partner")
    ),
    faelles: bool = typer.Option(False, "--fælles", help=t("help.godkend.faelles")),
    fortryd: bool = typer.Option(False, "--fortryd", help=t("help.godkend.fortryd")),
) -> None:
    """Godkend en fase for jeres side: hvem og hvornår; svar ændret bagefter bliver markeret."""
    to_correct = texts_to_correct(  # in a terminal, a name with a line break opens its field
        ("--af", af), again=lambda: _godkend_given(fase, af, dato, rolle, partner, faelles, fortryd)
    )
    ws = workspace(ctx)
    phase = parse_phase(ws.guide, fase)
    role = parse_role(rolle)
    if dato is not None and not dato.strip() and not fortryd:  # --dato " ": never today in silence
        named = typed_words(("--af", af or ""))
        refuse_blank_date(("godkend", phase_word(phase), *named, *role_words(role)), partner, faelles)
    day, day_refused = given_day(dato, "approval.in-future", fortryd)  # said before asking who
    opened = ws.open()
    if fortryd and (af is not None or dato is not None):  # a withdrawal keeps no name or day: said
        raise UsageProblem("approval.withdraw-with-values", option="--af" if af is not None else "--dato")
    asking = not fortryd and (af is None or bool(to_correct) or day_refused)
    writable_before_asking(ws, asking)
    with interrupted_as("approval.withdraw-interrupted" if fortryd else "approval.interrupted"):
        role = side_first(opened, role, _sideless(ctx, af is None and not fortryd), faelles)
        chosen, common = record_dialogue(opened, partner, faelles, "approval", role)

        # a refusal's example is the user's own command, put right: --dato, --rolle and the dialogue kept
        def corrected(name: str) -> str:
            words = (
                "godkend",
                phase_word(phase),
                *(("--af", name) if name else ()),
                *typed_words(("--dato", dato or "")),
                *role_words(role),
            )
            return own_example(opened, words, partner is not None, chosen, common)

        if af is not None and not af.split() and not fortryd:
            # the name this side approved with before, when there is one: real, not an example's
            name = _earlier_name(ws, opened, role, chosen) or t("approval.who-example")
            fix = Message("approval.who-missing.again", {"command": corrected(shell_word(name))})
            raise UsageProblem("approval.who-missing", hint=fix)
        approval = _Approval(opened, phase_word(phase), role, (chosen, common))  # for a command after a stop
        if (af is None or to_correct) and not fortryd and not is_interactive():
            # no NAVN in it: copied, it would be saved (a name this side approved with is real)
            hint = _approver_hint(ws, opened, role, chosen, corrected)
            raise NotATerminal("approval.no-terminal", hint=hint)
        if not fortryd:  # versions waiting for a decision: each shown, a name given alone too
            versions_before(ws, opened, "godkendelse", phase.id, role, (chosen, common))
        if (af is None or to_correct) and not fortryd:
            given = af if af is not None else _earlier_name(ws, opened, role, chosen)  # to keep or change
            af = _ask_approver(approval, given, to_correct.get("--af"), (dato or "", day_refused))
        if day_refused:  # the --dato refused: its field, holding it, after the name
            day = _ask_approval_day(approval, af or "", dato or "")
    typed = (("--af", af or ""), ("--dato", typed_day(day) if dato or day_refused else ""))
    with typed_kept(lambda: approval.command(*typed) if asking else None):  # a save failing after asking
        done = readiness.approve(
            ws, phase, af or "", day, role=role, partner=chosen, general=common, withdraw=fortryd
        )
    console = make_console()
    with after_work(console):
        tell = _tell_withdrawal if fortryd else _tell_approval
        tell(console, opened, phase, done, chosen, common, role)


def _approver_hint(ws, opened, role: str | None, partner, corrected: Callable[[str], str]) -> Message:
    """Where the approver's name goes without a terminal, and the command that asks in one.

    When this side has approved a phase in this dialogue before, the command with that name after
    --af too: a real name, to run as it is when the same person approves again.
    """
    earlier = _earlier(ws, opened, role, partner)
    if earlier is None:
        return Message("approval.no-terminal.hint", {"command": corrected("")})
    again = corrected(path_word(earlier.by))
    params = {"command": corrected(""), "again": again, "name": earlier.by, "day": earlier.day}
    phase = ws.guide.find_phase(earlier.phase)
    return Message("approval.no-terminal.hint-earlier", {**params, "phase": phase.name if phase else ""})


def _earlier(ws, opened, role: str | None, partner):
    """The latest approval this side gave in this dialogue with a name (any phase), or None."""
    side = role or opened.local.side
    return readiness.last_approval(opened.project, ws.guide, partner, side) if side else None


def _earlier_name(ws, opened, role: str | None, partner) -> str:
    """The name this side approved with before, for the name field to hold; '' when none."""
    earlier = _earlier(ws, opened, role, partner)
    return earlier.by if earlier is not None else ""


class _Approval(NamedTuple):
    """What a command after a stop in godkend's fields needs: the project, the phase, side and dialogue."""

    opened: object
    phase: str
    role: str | None
    dialogue: tuple

    def command(self, *given: tuple[str, str]) -> str:
        """'godkend' for this phase with the options `given` (those with a value) and the dialogue."""
        partner, general = self.dialogue
        words = ("godkend", self.phase, *typed_words(*given), *role_words(self.role))
        return hint_command(self.opened, *words, partner=partner, general=general)


def _ask_approver(approval: _Approval, given: str, refused: str | None, dato: tuple[str, bool]) -> str:
    """Who approves: `given` in the field (`refused`: why, said above it); a stop says the command.

    `dato`: the --dato given, and whether it was refused: kept in that command, or said left out.
    """
    dato_given, day_refused = dato
    from spredning.cli.prompts.simple import ask_text, shorten_first
    from spredning.cli.prompts.stops import started_again_with

    def with_name(name: str | None) -> str | None:  # the command that approves with the name typed
        if not (name or "").strip():
            return None
        return approval.command(("--af", name or ""), ("--dato", "" if day_refused else dato_given))

    typed: list[str] = []  # the name as typed when the asking stopped
    try:
        with started_again_with(with_name):  # a closed window keeps the command Ctrl+C gives, not the name
            return ask_text(
                t("approval.ask-who"),
                lambda text: None if text.strip() else t("approval.who-needed"),
                default=given,  # an --af with a line break: the field holds it, to correct
                interrupted=typed.append,
                one_line=True,
                refused=refused,
            )
    except (KeyboardInterrupt, EOFError):
        again = None
        if (shown := with_name(typed[0] if typed else None)) is not None:
            held = typed[0] == given  # the name held in the field, not typed: "what you typed" is untrue
            key = "approval.approve-again-day-left-out" if day_refused else "approval.approve-again"
            key = "approval.approve-again-held" if held and not day_refused else key
            said = Message(key, {"command": shown, "typed_day": dato_given})
            again = shorten_first(said, ("--af", typed[0]))
        raise Interrupted("approval.interrupted", hint=again) from None


def _ask_approval_day(approval: _Approval, who: str, given: str) -> datetime.date:
    """The day of the approval: the --dato refused in the field, why said above it, to correct.

    A stop says the command that approves with the name and the day typed (a day the field
    refuses is left out, and that is said).
    """
    from spredning.cli.prompts.questions import ask_past_day, past_day_problem

    typed: list[str] = []
    try:
        return ask_past_day(t("approval.ask-day"), given, "approval.in-future", interrupted=typed.append)
    except (KeyboardInterrupt, EOFError):
        day = typed[0].strip() if typed else given.strip()
        refused = bool(day) and past_day_problem(day, "approval.in-future") is not None
        shown = approval.command(("--af", who), ("--dato", "" if refused else day))  # none: today
        key = "approval.approve-again-day-left-out" if refused else "approval.approve-again"
        hint = Message(key, {"command": shown, "typed_day": day})
        raise Interrupted("approval.interrupted", hint=hint) from None


def _sideless(ctx, no_name: bool):
    """No side known and no terminal: the user's command with --rolle dele; the name said too, if missing."""
    if no_name:  # else the command given would be refused again, for want of a name
        return sideless(ctx, "approval.which-side", hint="approval.which-side.command-name")
    return sideless(ctx, "approval.which-side", hint="approval.which-side.command")


def _tell_approval(console, opened, phase, done, partner, general: bool, role: str | None) -> None:
    """What godkend did: the approval and how much of the phase the approving side has answered."""
    from spredning.cli.render_project import org_name

    approval = done.approval
    whose = whose_side(opened, role, partner)  # the other side's phase, approved here: named, as theirs
    where = None if whose and role != SHARING else for_dialogue(opened, partner, general)
    if done.changed:
        key, style = ("approval.saved-theirs" if whose else "approval.saved"), "bold green"
    else:
        key, style = ("approval.unchanged-theirs" if whose else "approval.unchanged"), ""
    said = {"org": whose, "phase": phase.name, "by": approval.by, "day": approval.day, "dialogue": where}
    console.print(say(key, style=style, **said))
    if done.changed and done.earlier is not None and done.earlier.disputed:  # each shown before it
        console.print(say("approval.settles-versions"))
    elif done.changed and done.earlier is not None:
        console.print(say("approval.replaces", by=done.earlier.by, day=done.earlier.day))
    side = role or opened.local.side
    org = org_name(opened.project, SHARING if side == "dele" else partner.key if partner else "")
    style = "dim" if done.answered == done.total else "yellow"
    console.print(say("approval.answered", style=style, org=org, answered=done.answered, total=done.total))
    _drafts_not_approved(console, opened, phase, side, partner)


def _drafts_not_approved(console, opened, phase, side: str | None, partner) -> None:
    """Drafts in the phase (texts typed but not saved as answers): the approval is of the saved answers.

    A trial: a phase was approved with a draft open, and nothing said that the draft's text was not in it.
    """
    from spredning.core.local import key_slot

    questions = {q.id for q in phase.questions(side)} if side in ("dele", "genbruge") else set()
    where = {"", partner.key if partner is not None else ""}
    n = sum(1 for key in opened.local.drafts if key_slot(key)[1] in questions and key_slot(key)[0] in where)
    if n:
        finish = hint_command(opened, "fase", phase_word(phase), *role_words(side), partner=partner)
        print_said(console, say("approval.drafts-open", style="yellow", n=n, command=finish), finish)


def _tell_withdrawal(console, opened, phase, done, partner, general: bool, role: str | None) -> None:
    """What godkend --fortryd did: withdrawn, or nothing there to withdraw; and a common one that stays."""
    where = for_dialogue(opened, partner, general)
    key = "approval.withdrawn" if done.changed else "approval.nothing-to-withdraw"
    console.print(say(key, style="green" if done.changed else "", phase=phase.name, dialogue=where))
    if done.approval is not None and done.approval.where == "" and not general:
        again = hint_command(
            opened, "godkend", phase_word(phase), "--fortryd", *role_words(role), general=True
        )
        print_said(console, say("approval.common-stays", style="dim", command=again), again)


def register(app: typer.Typer) -> None:
    """Add godkend to the app."""
    app.command("godkend", cls=typer_compat.DanishCommand, help=t("help.godkend"))(godkend)
