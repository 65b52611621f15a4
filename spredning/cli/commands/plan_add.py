"""``spredning plan tilføj``: an action added to the plan, asked for what the options do not give.

A stop (Ctrl+C, a closed window) says nothing was added and gives the command that adds what was typed.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
from collections.abc import Callable, Iterator

import typer

from spredning.app import plan as plans
from spredning.cli.commands import plan_asking
from spredning.cli.commands.asking import (
    is_interactive,
    typed_kept,
    writable_before_asking,
)
from spredning.cli.commands.commandline import command, date_shown, typed_words
from spredning.cli.commands.partners import choose_dialogue, hint_partner
from spredning.cli.commands.plan_options import Given, refuse_together
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.core.errors import Interrupted, Message, NotATerminal, UsageProblem
from spredning.core.followup import typed_day
from spredning.i18n import t


def add(
    ctx: typer.Context,
    hvad: str | None = typer.Option(None, "--hvad", metavar=t("metavar.text"), help=t("help.plan.hvad")),
    hvem: str | None = typer.Option(None, "--hvem", metavar=t("metavar.name"), help=t("help.plan.hvem")),
    frist: str | None = typer.Option(None, "--frist", metavar=t("metavar.date"), help=t("help.plan.frist")),
    status: str | None = typer.Option(
        None, "--status", metavar=t("metavar.status"), help=t("help.plan.status")
    ),
    fase: str | None = typer.Option(None, "--fase", metavar=t("metavar.phase"), help=t("help.plan.fase")),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.plan.partner-add")
    ),
    faelles: bool = typer.Option(False, "--fælles", help=t("help.plan.faelles")),
) -> None:
    """Tilføj en handling til handlingsplanen (spørger om det, tilvalgene ikke giver)."""

    def on_one_line(phase: str | None = fase) -> str:  # the user's command, texts on one line, every option
        texts = typed_words(("--hvad", hvad or ""), ("--hvem", hvem or ""), ("--frist", date_shown(frist)))
        words = texts + typed_words(
            ("--status", status or ""), ("--fase", phase or ""), ("--partner", partner or "")
        )
        return command("plan", "tilføj", *words, *(["--fælles"] if faelles else []))

    ws = workspace(ctx)
    options_given = Given(hvad, hvem, frist, status, fase)
    named = functools.partial(plan_asking.named_source, ws)
    refuse_together(options_given, named, True, _add_put_right(partner, faelles), is_interactive())
    to_correct = plan_asking.fields_to_correct(hvad, hvem, on_one_line)
    chosen_phase: list[str] = []  # in the lists offered for a --fase that is none: the phase, its tool

    def stopped_in_a_list():  # nothing added, said with the user's command and the phase chosen so far
        return _stopped_in_a_list(lambda: on_one_line(chosen_phase[-1]) if chosen_phase else None)

    with stopped_in_a_list():  # what the options got wrong is said before any question
        source = plan_asking.source(ws, fase, chosen_phase.append)
        if chosen_phase:
            chosen_phase.append(source)  # the whole phase or one of its tools
        state = plan_asking.given_status(status) if status else "ikke-startet"
    # in the commands a stop gives: a status and phase as chosen in a list offered for them
    status_shown, phase_shown = plan_asking.status_word(status, state), source if chosen_phase else fase
    due, given_due = plan_asking.given_due(frist)
    opened = ws.open()
    asking = hvad is None or bool(to_correct) or given_due is not None
    writable_before_asking(ws, asking)
    with stopped_in_a_list():
        chosen, common = choose_dialogue(opened.project, opened.local, partner, faelles, "plan")
        # a refusal's example is the user's own command, put right: every other option kept
        shown_partner = chosen if partner is not None else hint_partner(opened.project, opened.local, chosen)

        def corrected(what: str) -> str:
            return _add_command(
                what, hvem or "", frist or "", status_shown, phase_shown, common, shown_partner
            )

        if hvad is not None and not hvad.split():
            fix = Message("plan.what-missing.again", {"command": corrected(t("plan.what-example"))})
            raise UsageProblem("plan.what-missing", hint=fix)
        if hvad is None or to_correct:
            if not is_interactive():
                # no --hvad: copied, an example's words would be saved as the action; in a terminal
                # the command asks for it
                raise NotATerminal("plan.no-terminal", command=corrected(""))
            from spredning.cli.prompts.questions import ask_action

            typed: list = []  # what was typed when the asking stopped
            options = (status_shown, phase_shown, common, hint_partner(opened.project, opened.local, chosen))
            try:  # --hvad, --hvem and --frist given are the fields' text, to keep or change
                given = plans.Action(what=hvad or "", who=hvem or "", due=due)
                with _kept_as_command(given, given_due, options):  # a closed window: the command, in a file
                    asked = ask_action(
                        given, interrupted=typed.append, given_due=given_due, refused=to_correct
                    )
            except (KeyboardInterrupt, EOFError):
                again = _add_again(typed, *options)
                raise Interrupted("plan.add-interrupted", hint=again) from None
            hvad, hvem, due = asked.what, asked.who, asked.due
        elif given_due is not None:  # only the deadline given was refused: its field, to correct it
            hint = functools.partial(
                _add_again,
                status=status_shown,
                fase=phase_shown,
                common=common,
                partner=hint_partner(opened.project, opened.local, chosen),
            )
            options = (status_shown, phase_shown, common, hint.keywords["partner"])
            due = _due_corrected(given_due, hvad, hvem or "", hint, options)
    action = plans.Action(what=hvad, who=hvem or "", due=due, status=state, source=source)
    options = (status_shown, phase_shown, common, shown_partner)
    with typed_kept(lambda: _added_again(action, options) if asking else None):  # a save failing after asking
        item = plans.add(ws, action, chosen, general=common)
    console = make_console()
    with after_work(console):
        console.print(say("plan.added", style="bold green", what=item.what, id=item.id))
        plan_asking.tell_late(console, item)


def _add_put_right(partner: str | None, common: bool) -> Callable[[Given], str]:
    """'plan tilføj' as given, its options put right (refuse_together), --partner and --fælles kept."""

    def again(put_right: Given) -> str:
        hvad, hvem, frist, status, fase = (value or "" for value in put_right)
        words = typed_words(("--hvad", hvad), ("--hvem", hvem), ("--frist", frist), ("--status", status))
        words += typed_words(("--fase", fase), ("--partner", partner or ""))
        return command("plan", "tilføj", *words, *(["--fælles"] if common else []))

    return again


@contextlib.contextmanager
def _stopped_in_a_list(again: Callable[[], str | None]) -> Iterator[None]:
    """A stop in a list offered for an option 'plan tilføj' got wrong: the action is not added.

    `again` gives the command with what was chosen in the lists so far (None: nothing chosen yet).
    """
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        shown = again()
        hint = Message("plan.add-again-chosen", {"command": shown}) if shown else None
        raise Interrupted("plan.add-interrupted", hint=hint) from None


def _due_corrected(given_due: tuple[str, str], what: str, who: str, again, options) -> datetime.date | None:
    """The deadline's field, holding the --frist refused and the problem said above it, to correct.

    A stop says the action is not added, with `again` (see _add_again) made of what was given;
    `options`: the command's others, for the one a stop from outside keeps (_kept_as_command).
    """
    from spredning.cli.prompts.questions import ask_due, typed_at_due

    typed: list = []

    def stopped(text: str, why: str | None) -> None:
        typed.append(typed_at_due(what, who, text, why))

    given = plans.Action(what=what, who=who, due=None)
    try:
        with plan_asking.given_fields(what, who), _kept_as_command(given, given_due, options):
            return ask_due(given_due[0], interrupted=stopped, refused=given_due[1])
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("plan.add-interrupted", hint=again(typed)) from None


def _kept_as_command(given: plans.Action, given_due: tuple[str, str] | None, options):
    """While an action's fields are asked: a stop from outside keeps 'plan tilføj' with them typed.

    The window may be gone: the file kept at home must say what it is and how to use it, as
    start's does, not hold the bare text of the fields. `given`: --hvad, --hvem and --frist given
    (a --frist refused is `given_due`'s text); `options`: --status, --fase, --fælles and the partner.
    """
    from spredning.cli.prompts.questions import DueLeftOut
    from spredning.cli.prompts.stops import started_again_with, typed_so_far

    questions = t("plan.ask-what"), t("plan.ask-who"), t("plan.ask-due")
    day = given_due[0] if given_due is not None else typed_day(given.due) if given.due else ""
    left_out = DueLeftOut()  # a deadline the field refuses: not in the command, under it

    def again(text: str | None) -> str | None:
        typed = typed_so_far(text)
        what, who, due = (
            typed.get(q, was) for q, was in zip(questions, (given.what, given.who, day), strict=True)
        )
        if not (what + who + due).strip():
            return None
        due = left_out.usable(due)
        return _add_command(" ".join(what.split()), " ".join(who.split()), due.strip(), *options)

    return started_again_with(again, left_out)


def _add_again(typed: list, status: str | None, fase: str | None, common: bool, partner) -> Message | None:
    """The hint after a stop in 'plan tilføj': the command that adds the action as it was typed.

    None when nothing was typed: the words "not added" say it all then. A deadline the field
    refused is not in the command (it would be refused again), and the words say it is left out.
    """
    if not typed:
        return None
    what, who, due, refused, problem, why = typed[0]
    if not (what + who + due).strip():
        return None
    shown = _add_command(what, who, due, status, fase, common, partner)
    if problem:  # a --frist given, refused, and its field not yet reached: why it is left out is said here
        again = Message("plan.add-again-refused-why", {"command": shown, "problem": problem})
    elif refused:  # a refused deadline is left out: said, with what was typed and why
        again = Message("plan.add-again-refused", {"command": shown, "typed_due": refused, "why": why})
    else:
        again = Message("plan.add-again", {"command": shown})
    return plan_asking.shorten_first(again, what, who)


def _added_again(action: plans.Action, options: tuple) -> str:
    """'plan tilføj' with the action typed, for a save that failed after asking: nothing typed is lost.

    `options`: --status, the phase (chosen from a list, or --fase), --fælles and the partner.
    """
    status, phase, common, partner = options
    day = typed_day(action.due) if action.due else ""
    return _add_command(action.what, action.who, day, status, phase, common, partner)


def _add_command(
    what: str, who: str, due: str, status: str | None, fase: str | None, common: bool, partner
) -> str:
    """'plan tilføj' with an action's parts as typed and the other options given."""
    words = typed_words(("--hvad", what), ("--hvem", who), ("--frist", due), ("--status", status or ""))
    words += typed_words(("--fase", fase or "")) + (["--fælles"] if common else [])
    return command("plan", "tilføj", *words, partner=partner)
