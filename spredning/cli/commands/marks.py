"""``spredning klarhed``: mark this side's readiness after a tool (green, yellow, red), or see it all."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import NoReturn

import typer
from rich.text import Text

from spredning.app import readiness
from spredning.cli import typer_compat
from spredning.cli.commands.asking import (
    interrupted_as,
    is_interactive,
    texts_to_correct,
    typed_kept,
    writable_before_asking,
)
from spredning.cli.commands.commandline import command, typed_words
from spredning.cli.commands.dialogue import (
    for_dialogue,
    hint_command,
    own_example,
    record_dialogue,
    role_words,
    side_first,
    sideless,
    versions_before,
    whose_side,
)
from spredning.cli.commands.names import parse_role, tool_word
from spredning.cli.commands.partners import choose_partner
from spredning.cli.commands.readiness_picture import show_picture
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_said
from spredning.cli.versions_shown import earlier_reason, kept_where, mark_labels, reason_left
from spredning.core import followup
from spredning.core.errors import Interrupted, Message, NotATerminal, UsageProblem
from spredning.core.followup import Mark
from spredning.core.model import SHARING
from spredning.core.shellwords import shell_word
from spredning.i18n import t


def klarhed(
    ctx: typer.Context,
    vaerktoej: str | None = typer.Argument(None, metavar=t("metavar.tool"), help=t("help.klarhed.vaerktoej")),
    farve: str | None = typer.Argument(None, metavar=t("metavar.colours"), help=t("help.klarhed.farve")),
    begrundelse: str = typer.Option(
        "", "--begrundelse", metavar=t("metavar.text"), help=t("help.klarhed.begrundelse")
    ),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.klarhed.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.klarhed.partner")
    ),
    faelles: bool = typer.Option(False, "--fælles", help=t("help.klarhed.faelles")),
    fjern: bool = typer.Option(False, "--fjern", help=t("help.klarhed.fjern")),
) -> None:
    """Vis klarheden pr. fase og side, eller marker jeres klarhed efter et værktøj (grøn, gul, rød)."""

    def on_one_line() -> str:  # the user's command, the reason on one line: every option kept
        named = [shell_word(word) for word in (vaerktoej, farve) if word is not None]
        given = ("--begrundelse", begrundelse), ("--rolle", rolle or ""), ("--partner", partner or "")
        flags = [flag for flag, on in (("--fælles", faelles), ("--fjern", fjern)) if on]
        return command("klarhed", *named, *typed_words(*given), *flags)

    # in a terminal, a reason with a line break opens its field (after the colour, when none is given)
    to_correct = texts_to_correct(("--begrundelse", begrundelse), again=on_one_line).get("--begrundelse")
    _refuse_unused(vaerktoej, farve, begrundelse, fjern)
    if rolle is not None and vaerktoej is None:  # it chooses a mark's side; the picture shows both
        _refuse_role_without_tool(rolle, typed_words(("--partner", partner or "")), faelles)
    ws = workspace(ctx)
    console = make_console()
    opened = ws.open()
    if vaerktoej is None:
        chosen = None if faelles else choose_partner(opened.project, opened.local, partner, required=False)
        show_picture(ws, opened, console, chosen, faelles)
        return
    with interrupted_as("readiness.interrupted"):  # a stop in the list offered for a tool: nothing marked
        phase, tool_id = _named_tool(ws.guide, vaerktoej, None if fjern else farve)
    named = tool_word(ws.guide, tool_id)  # in hints: in English its title, not the Danish id
    # in a terminal a wrong one is asked, the one meant chosen already
    colour, wrong_colour, meant = _given_colour(None if fjern else farve)
    role = parse_role(rolle)
    writable_before_asking(ws, (colour is None and not fjern) or to_correct is not None)
    with interrupted_as("readiness.interrupted"):
        role = side_first(opened, role, _sideless(ctx, colour is None and not fjern), faelles)
        chosen, common = record_dialogue(opened, partner, faelles, "readiness", role)
        if colour is None and not fjern and not is_interactive():
            _no_terminal(opened, (vaerktoej, begrundelse, role), partner is not None, (chosen, common))
        if not fjern:  # versions waiting for a decision: each shown, a colour given alone too
            versions_before(ws, opened, "klarhed", tool_id, role, (chosen, common))
        asked = (colour is None and not fjern) or to_correct is not None
        if asked:
            refused = {"colour": wrong_colour, "reason": to_correct, "meant": meant}
            colour, begrundelse = _asked_mark(
                opened, (phase, tool_id, named), role, (chosen, common), colour, begrundelse, refused
            )
            if colour is None:
                return
            before = ()
        else:  # a colour given alone (or --fjern): the mark's reason is not dropped unseen
            before, begrundelse = _reason_kept(opened, tool_id, role, (chosen, common), (colour, begrundelse))
    marked = (phase, tool_id, named)
    saved = colour

    def again() -> str | None:  # a save failing after the colour and reason were asked: they are kept
        if not asked or saved is None:
            return None
        return _mark_command(opened, named, role, (chosen, common), saved, begrundelse)

    with typed_kept(again):
        _rate(ws, (console, opened), marked, (colour, begrundelse, before), role, (chosen, common))


def _sideless(ctx, no_colour: bool):
    """No side known and no terminal: the user's command with --rolle dele, and a colour if none was given."""
    if no_colour:  # else the command given would be refused again, for want of a colour
        also = (readiness.colour_word("gul"),)
        return sideless(ctx, "readiness.which-side", hint="readiness.which-side.command-colour", also=also)
    return sideless(ctx, "readiness.which-side", hint="readiness.which-side.command")


def _no_terminal(opened, given: tuple[str, str, str | None], named: bool, dialogue: tuple) -> NoReturn:
    """No colour and no terminal to ask it in: the example is the user's command with a colour.

    `given`: the tool as typed ('Beskriv innovationen', not its id), the reason, the side.
    """
    tool, reason, role = given
    yellow = readiness.colour_word("gul")
    # no --begrundelse TEKST: copied, 'TEKST' would be saved as the reason (it is optional)
    words = ("klarhed", shell_word(tool), yellow, *typed_words(("--begrundelse", reason)), *role_words(role))
    raise NotATerminal("readiness.no-terminal", command=own_example(opened, words, named, *dialogue))


def _rate(ws, shown: tuple, tool: tuple, mark: tuple, role, dialogue: tuple) -> None:
    """Save the mark (colour None: remove it) and say what became of it.

    `mark`: the colour, the reason and the mark before when a colour was given alone: a reason
    of it that the new colour goes without is said, to copy.
    """
    (console, opened), (colour, reason, before), (partner, general) = shown, mark, dialogue
    disputed = any(mark.disputed for mark in before)  # versions: whose each is, read before it is settled
    labels = _labels(opened, tool[1], role, dialogue) if disputed else {}
    rated = readiness.rate(ws, tool[1], colour, reason, role=role, partner=partner, general=general)
    with after_work(console):
        _tell_mark(console, opened, rated, colour, tool, dialogue, role)
        for left in followup.left_reasons(before, reason) if rated.changed else ():
            console.print(reason_left(left, labels))


def _labels(opened, tool_id: str, role, dialogue: tuple) -> dict[tuple[str, str], str]:
    """Whose each version of the mark is while it waits for a decision (versions_shown.mark_labels)."""
    partner, general = dialogue
    key = f"{tool_id}.{role or opened.local.side}"
    where = kept_where(opened.project, "klarhed", key, partner, general)
    return mark_labels(opened.project, opened.local, key, where)


def _reason_kept(opened, tool_id: str, role, dialogue: tuple, given: tuple[str | None, str]):
    """A colour given without --begrundelse keeps the mark's reason when the colour stays the same.

    (the mark there now, or its versions waiting for a decision, or (); the reason to save). A
    new colour goes without the earlier reason, which is then said (see klarhed), as no copy
    keeps it; settling versions, the reason of the version of the colour given is kept (found
    in a trial: the partner's reason was dropped without a word), and the others' are said.
    """
    colour, reason = given
    if colour is None or reason:
        return (), reason
    before = readiness.there_now(opened, tool_id, role, *dialogue)
    return before, followup.kept_reason(before, colour)


def _refuse_unused(tool: str | None, colour: str | None, reason: str, remove: bool) -> None:
    """A colour, a reason or --fjern that nothing would use is refused (exit 2), never dropped."""
    if remove and colour is not None:  # one saves a mark, the other removes it: neither wins silently
        raise UsageProblem("readiness.colour-and-remove", colour=colour)
    if reason and (remove or tool is None):  # a reason nothing would keep is said, never dropped
        given = shell_word(reason)  # in the example as typed: a reason given is never dropped
        key = "readiness.reason-unused" if remove else "readiness.reason-needs-tool"
        raise UsageProblem(key, given=given)
    if remove and tool is None:
        raise UsageProblem("readiness.remove-needs-tool")


def _refuse_role_without_tool(rolle: str, partner: list[str], general: bool) -> None:
    """--rolle without a tool: refused (exit 2), said that it chooses the side of a mark.

    The example marks a tool for the side given (one close to a side put right), the user's
    --partner and --fælles kept. A value close to no side is refused as a wrong side.
    """
    from spredning.app.dialogue import parse_role as side_of

    try:
        role, key = side_of(rolle), "readiness.role-needs-tool"
    except UsageProblem as wrong:
        close = wrong.params.get("close")
        if not isinstance(close, list) or not close:
            raise
        role, key = str(close[0]), "readiness.role-needs-tool.unknown"
    assert role is not None  # a value was given
    yellow = readiness.colour_word("gul")  # a real tool and colour: no 'VÆRKTØJ' to copy
    words = ("klarhed", "beskriv-innovationen", yellow, "--rolle", role, *partner)
    example = command(*words, *(["--fælles"] if general else []))
    hint = Message("readiness.role-needs-tool.hint", {"command": example})
    raise UsageProblem(key, hint=hint, value=rolle)


def _with_colour_put_right(refused: UsageProblem, colour: str | None) -> UsageProblem:
    """A tool refused without a terminal, its command put right: a colour wrong too is put right in it.

    ('Describe the innovation' red in Danish: one command with 'Beskriv innovationen' rød, not one
    that is refused again for its colour.)
    """
    if colour is None:
        return refused
    try:
        readiness.parse_colour(colour)
    except UsageProblem as wrong:
        close = wrong.params.get("close")
        if isinstance(close, list) and close:
            refused.params["also"] = [(colour, str(close[0]))]
    return refused


def _named_tool(guide, value: str, colour: str | None = None):
    """The tool named (its phase and id); one that is none is refused, or in a terminal offered.

    Its phase first, then its tools, the closest chosen already (as plan tilføj --fase offers them).
    """
    try:
        return readiness.tool_by_id(guide, value)
    except UsageProblem as refused:
        if not is_interactive():
            raise _with_colour_put_right(refused, colour) from None
        from spredning.cli.offered import offered_tool

        close = refused.params.get("close")
        nearest = None
        with contextlib.suppress(UsageProblem):  # the closest tool, chosen already
            nearest = readiness.tool_by_id(guide, close[0])[1] if isinstance(close, list) and close else None
        tool_id = offered_tool(refused, guide, nearest)
        return next(p for p in guide.phases if any(tool.id == tool_id for tool in p.tools)), tool_id


def _given_colour(farve: str | None) -> tuple[str | None, str | None, str | None]:
    """The colour given (None without one); one not known is refused, or in a terminal (None, why, meant).

    Then the colours are offered to choose from, why said above them (as a date's field opens),
    the one meant chosen already when it is close ('red' in Danish: rød), as a phase is offered.
    """
    if farve is None:
        return None, None, None
    try:
        return readiness.parse_colour(farve), None, None
    except UsageProblem as wrong:
        if not is_interactive():
            raise
        from spredning.i18n import render

        close = wrong.params.get("close")
        meant = readiness.parse_colour(str(close[0])) if isinstance(close, list) and close else None
        return None, t("readiness.bad-colour.field", problem=render(wrong.message)), meant


def _asked_mark(opened, tool: tuple, role, dialogue: tuple, colour: str | None, reason: str, refused: dict):
    """The colour (when none was given) and the reason asked: (colour, reason), or (None, '') when cancelled.

    The reason given is the field's text (refused['reason']: why, said above it, to correct); a
    colour given that is not one (refused['colour']) is said above the colours; a stop says the
    command that saves what was chosen and typed.
    """
    (phase, tool_id, named), (partner, general) = tool, dialogue
    if refused["colour"] is not None:  # said above the colours to choose from
        make_console().print(Text(refused["colour"], style="yellow"))

    def again(colour: str, reason: str) -> str:  # the command that saves a mark left unsaved
        return _mark_command(opened, named, role, dialogue, colour, reason)

    if colour is None:  # the reason given: in the field after the colour
        title = next(tool.title for tool in phase.tools if tool.id == tool_id)
        whose = whose_side(opened, role, partner)  # the other side's mark: the question names them
        question = t("plan.rate-question-theirs", org=whose, tool=title) if whose else None
        there = readiness.there_now(opened, tool_id, role, partner, general)  # offered, to keep or change
        labels = _labels(opened, tool_id, role, dialogue) if len(there) > 1 else {}
        return _ask_rating(
            title, again, reason, refused["reason"], (there, refused.get("meant"), labels), question
        )
    return colour, _ask_reason(colour, again, reason, refused["reason"])  # the colour given: only the reason


def _mark_command(opened, named: str, role, dialogue: tuple, colour: str, reason: str) -> str:
    """The command that saves a mark left unsaved: the tool as named, the colour and reason typed."""
    partner, general = dialogue
    words = (
        "klarhed",
        named,  # as this user's hints name it
        readiness.colour_word(colour),  # 'yellow' in English
        *typed_words(("--begrundelse", reason)),
        *role_words(role),
    )
    return hint_command(opened, *words, partner=partner, general=general)


def _tell_mark(console, opened, rated, colour: str | None, tool: tuple, dialogue: tuple, role) -> None:
    """What klarhed did: saved (or so already), removed, or nothing to remove; a common one that stays.

    The other side's mark (--rolle) is said to be theirs, by name ("Odense Kommunes klarhed …"), as
    answers given for the other side are: it replaced the one they gave, which they see after an exchange.
    """
    (phase, tool_id, named), (partner, general) = tool, dialogue
    whose = whose_side(opened, role, partner)
    # a reusing organisation's mark is its dialogue's: the dialogue is named once, as theirs
    where = None if whose and role != SHARING else for_dialogue(opened, partner, general)
    title = next(tool.title for tool in phase.tools if tool.id == tool_id)  # which tool: said back
    theirs = {"org": whose, "tool": title, "dialogue": where}
    if colour is not None:
        if rated.changed:
            key = "readiness.saved-theirs" if whose else "readiness.saved"
        else:
            key = "readiness.unchanged-theirs" if whose else "readiness.unchanged"
        style = "bold green" if rated.changed else ""
        console.print(say(key, style=style, colour=t(f"plan.colour.{colour}"), **theirs))
        return
    if rated.changed:
        key = "readiness.removed-theirs" if whose else "readiness.removed"
    else:
        key = "readiness.nothing-to-remove-theirs" if whose else "readiness.nothing-to-remove"
    console.print(say(key, style="green" if rated.changed else "", **theirs))
    if rated.mark is not None and rated.mark.where == "" and not general:
        again = hint_command(opened, "klarhed", named, "--fjern", *role_words(role), general=True)
        print_said(console, say("readiness.common-stays", style="dim", command=again), again)


def _ask_rating(
    tool: str,
    again: Callable[[str, str], str],
    reason: str = "",
    refused: str | None = None,
    there: tuple[tuple[Mark, ...], str | None, dict] = ((), None, {}),
    question: str | None = None,
) -> tuple[str | None, str]:
    """A colour and a reason; a stop at the reason gives `again(colour, typed)`, the command that saves it.

    `reason`: the one given with --begrundelse, the field's text to keep or change (`refused`:
    why it was refused, said above the field). `there`: the mark there now (or its versions
    waiting for a decision, the one that applies now first), its colour chosen already and its
    reason in the field when none is given (for that colour: another colour's is said above the
    field, as the interview does), and the colour meant by one given
    that is none ('red' in Danish), chosen already instead. Cancelled at the colour, a reason
    given is not saved, and that is said. `question`: asked instead of "Hvor klar er I …?" (the
    other side's mark, naming them).
    """
    from questionary import Choice

    from spredning.cli.prompts.questions import colour_choices
    from spredning.cli.prompts.simple import CANCEL, select

    colours, found_by = colour_choices(theirs=question is not None)  # their mark: "de er klar"
    choices = [*colours, Choice(t("prompt.cancel"), CANCEL)]
    marks, meant, labels = there
    default = meant or (marks[0].colour if marks else None)
    asked = question or t("plan.rate-question", tool=tool)
    colour = select(asked, choices, default=default, found_by=found_by.get)
    if colour is CANCEL:
        if reason.strip():  # the reason given is not saved: said, never dropped without a word
            make_console().print(say("readiness.cancelled-reason", style="yellow"))
        return None, ""
    if marks and not reason and refused is None:  # the mark's reason, to keep or change ...
        reason = followup.kept_reason(marks, colour)
        for left in followup.left_reasons(marks, reason):  # ... another colour's: said, to give again
            make_console().print(earlier_reason(left, labels))
    now = marks[0] if len(marks) == 1 else None  # versions waiting: saving the same settles them
    return colour, _ask_reason(colour, again, reason, refused, now)


def _ask_reason(
    colour: str, again: Callable[[str, str], str], reason: str, refused: str | None, now: Mark | None = None
) -> str:
    """The reason for a mark, `reason` in the field (`refused`: why, said above it); a stop says `again`.

    `now`: the mark there now. Its own reason left unchanged in the field is not one typed: a stop
    then gives the command only for a colour changed, and for the same colour says no more.
    """
    from spredning.cli.prompts.simple import ask_text, shorten_first
    from spredning.cli.prompts.stops import started_again_with

    def saved_reason(text: str) -> bool:  # as saved: on one line, spaces as one (app.plan.check_text)
        return now is not None and " ".join(text.split()) == " ".join(now.reason.split())

    def as_it_is(text: str) -> bool:  # the mark there now, this colour, its reason unchanged: none typed
        return now is not None and now.colour == colour and saved_reason(text)

    typed: list[str] = []
    try:
        # a closed window keeps the command Ctrl+C gives (the tool and colour too), not the bare reason
        with started_again_with(lambda text: "" if as_it_is(text or "") else again(colour, text or "")):
            return ask_text(
                t("plan.rate-reason"),
                instruction=t("plan.ask-optional"),
                default=reason,
                interrupted=typed.append,
                one_line=True,
                refused=refused,
            )
    except (KeyboardInterrupt, EOFError):
        reason = typed[0] if typed else ""  # the words say whether a reason is not saved
        if as_it_is(reason):  # nothing would be saved that is not already
            raise Interrupted("readiness.interrupted") from None
        kept = saved_reason(reason)  # the saved one, another colour
        key = "readiness.rate-again" if reason.strip() and not kept else "readiness.rate-again-colour"
        hint = shorten_first(Message(key, {"command": again(colour, reason)}), ("--begrundelse", reason))
        raise Interrupted("readiness.interrupted", hint=hint) from None


def register(app: typer.Typer) -> None:
    """Add klarhed to the app."""
    app.command("klarhed", cls=typer_compat.DanishCommand, help=t("help.klarhed"))(klarhed)
