"""``spredning klarhed``, ``godkend``, ``møde`` and ``dagsorden``: readiness, approval, meetings, agenda."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
from typing import NamedTuple

import typer
from rich.text import Text

from spredning.app import readiness
from spredning.app.plan import date_problem, parse_due
from spredning.cli import typer_compat
from spredning.cli.commands.common import (
    NAMED,
    check_ending,
    choose_dialogue,
    choose_partner,
    chosen_format,
    command,
    date_shown,
    hint_partner,
    interrupted_as,
    is_interactive,
    out_path,
    parse_phase,
    parse_role,
    path_word,
    phase_word,
    replacing,
    several_dialogues,
    shell_word,
    tell_beside,
    tell_copy,
    tell_written,
    texts_to_correct,
    tool_word,
    typed_kept,
    typed_words,
    workspace,
    writable_before_asking,
)
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_fitted, print_said
from spredning.core.errors import Interrupted, Message, NotATerminal, UsageProblem
from spredning.core.followup import Mark, typed_day
from spredning.core.model import ROLES, SHARING
from spredning.i18n import t


def _dialogue(opened, option: str | None, general: bool, what: str, role: str | None):
    """The dialogue a mark or approval is for, and whether it is common to all (the sharing side's).

    The reusing side's mark or approval always belongs to one partner's dialogue.
    """
    reusing = (role or opened.local.side) == "genbruge"
    if reusing and general:  # only the sharing side has common ones: said before anything is asked
        raise UsageProblem(
            "readiness.general-only-sharing" if what == "readiness" else "approval.general-only-sharing"
        )
    if reusing:
        chosen = choose_partner(opened.project, opened.local, option, required=True)
        if chosen is None:  # no reusing organisation yet: said before the colour or the name is asked
            hint = Message("fase.no-partner.hint", {"command": command("projekt", "genbruger")})
            key = "readiness.no-partners" if what == "readiness" else "approval.no-partners"
            raise UsageProblem(key, hint=hint)
        return chosen, False
    return choose_dialogue(opened.project, opened.local, option, general, what)


def _hint(opened, *words: str, partner=None, general: bool = False) -> str:
    """A command for a hint, with the dialogue it needs (--partner, --fælles) when there are several."""
    extra = ("--fælles",) if general else ()
    return command(*words, *extra, partner=hint_partner(opened.project, opened.local, partner))


def _own_command(opened, words, named: bool, partner, general: bool) -> str:
    """The user's own command put right, for a refusal's example.

    A --partner they `named` is kept, even where the command could tell the dialogue itself (_hint
    leaves it out then).
    """
    if named and partner is not None:
        return command(*words, partner=partner)
    return _hint(opened, *words, partner=partner, general=general)


def settle_command(guide, project, state, found, project_option=NAMED) -> str:
    """The command that settles a mark or approval kept in several versions: klarhed or godkend again.

    Without a colour or a name it asks in a terminal, after showing every version (_show_versions).
    It names the side when it is not this computer's, and the dialogue (--partner, --fælles) when
    the command could not tell it itself.
    """
    if found.kind == "klarhed":  # in Danish its own part when no other tool has it: a shorter line
        subject = tool_word(guide, found.subject)
    else:  # a phase, as this user types it ('høst', 'harvest'), not its id
        phase = guide.find_phase(found.subject)
        subject = phase_word(phase) if phase is not None and phase.id == found.subject else found.subject
    words = ["klarhed" if found.kind == "klarhed" else "godkend", subject]
    if found.side != state.side:
        words += ["--rolle", found.side]
    partner = project.partner(found.where) if found.where else None
    if not found.where and found.side == SHARING and len(project.partners) > 1:
        words.append("--fælles")
    return command(*words, partner=hint_partner(project, state, partner), project=project_option)


def show_versions(console, guide, project, state, found, project_option=NAMED, settle: bool = True) -> None:
    """Marks and approvals kept in several versions: what each is, every version and whose it is.

    With `settle`, the command that settles each follows its versions.
    """
    import functools

    from rich.padding import Padding

    from spredning.app.exchange.noting import writer
    from spredning.cli.render import bullets
    from spredning.cli.render_plan import version_lines, version_of, versions_heading
    from spredning.cli.render_project import org_name

    whose = functools.partial(version_of, functools.partial(org_name, project), state.me)
    for item in found:
        org = org_name(project, item.where) if item.where else ""
        heading = say("versions.item", style="bold", what=versions_heading(guide, item, org))
        console.print(Padding(heading, (0, 0, 0, 2)))
        slot = (item.where, f"{item.kind}:{item.key}")
        lines = version_lines(item, whose, writer(state, slot, item.versions[0]), state.me, project.id)
        console.print(bullets(lines, 4))
        if settle:
            shown = settle_command(guide, project, state, item, project_option)
            print_fitted(console, t("versions.settle", command=shown), shown, first="    ", rest="    ")


def _versions_before(ws, opened, kind: str, subject: str, role: str | None, dialogue: tuple) -> None:
    """A mark or approval changed in two places: every version and whose it is, before asking.

    The user then writes the one that settles it, as 'plan ret' shows an action's versions first.
    """
    from spredning.core import followup

    partner, general = dialogue
    side = role or opened.local.side
    where = "" if general or partner is None else partner.key
    found = [
        item
        for item in followup.in_versions(opened.project, None, places=(where,))
        if item.kind == kind and item.key == f"{subject}.{side}"
    ]
    if not found:
        return
    console = make_console()
    intro = "versions.intro-mark" if kind == "klarhed" else "versions.intro-approval"
    console.print(say(intro, style="bold yellow", n=len(found[0].versions)))
    show_versions(console, ws.guide, opened.project, opened.local, found, settle=False)


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
        _picture(ws, opened, console, chosen, faelles)
        return
    with interrupted_as("readiness.interrupted"):  # a stop in the list offered for a tool: nothing marked
        phase, tool_id = _named_tool(ws.guide, vaerktoej)
    named = tool_word(ws.guide, tool_id)  # in hints: in English its title, not the Danish id
    colour, wrong_colour = _given_colour(None if fjern else farve)  # in a terminal a wrong one is asked
    role = parse_role(rolle)
    writable_before_asking(ws, (colour is None and not fjern) or to_correct is not None)
    with interrupted_as("readiness.interrupted"):
        role = _side_first(opened, role, UsageProblem("readiness.which-side"), faelles)
        chosen, common = _dialogue(opened, partner, faelles, "readiness", role)
        if colour is None and not fjern:
            if not is_interactive():  # the example: the user's command with a colour, their reason kept
                yellow = readiness.colour_word("gul")
                # no --begrundelse TEKST: copied, 'TEKST' would be saved as the reason (it is optional)
                reason = typed_words(("--begrundelse", begrundelse or ""))
                tool = shell_word(vaerktoej)  # as typed: 'Beskriv innovationen', not its id
                words = ("klarhed", tool, yellow, *reason, *_role_words(role))
                shown = _own_command(opened, words, partner is not None, chosen, common)
                raise NotATerminal("readiness.no-terminal", command=shown)
            _versions_before(ws, opened, "klarhed", tool_id, role, (chosen, common))
        asked = (colour is None and not fjern) or to_correct is not None
        if asked:
            refused = {"colour": wrong_colour, "reason": to_correct}
            colour, begrundelse = _asked_mark(
                opened, (phase, tool_id, named), role, (chosen, common), colour, begrundelse, refused
            )
            if colour is None:
                return
            before = None
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


def _side_first(opened, role: str | None, refused: UsageProblem, general: bool) -> str | None:
    """The side a mark or an approval is for, known before anything is asked.

    Once it was found after the colour, the reason or the name had been typed, and refused then:
    what was typed was lost. --rolle, else the side this computer is on (None: the app finds it),
    else the sharing side for --fælles (only it has common ones: 'genbruge' was offered, then
    refused), else in a terminal the two sides offered, why said above them; without one,
    `refused` (exit 2).
    """
    if role is not None or opened.local.side in ROLES:
        return role
    if general:
        return SHARING
    if not is_interactive():
        raise refused
    from spredning.cli.offered import offered_role

    return offered_role(refused)


def _rate(ws, shown: tuple, tool: tuple, mark: tuple, role, dialogue: tuple) -> None:
    """Save the mark (colour None: remove it) and say what became of it.

    `mark`: the colour, the reason and the mark before when a colour was given alone: a reason
    of it that the new colour goes without is said, to copy.
    """
    (console, opened), (colour, reason, before), (partner, general) = shown, mark, dialogue
    rated = readiness.rate(ws, tool[1], colour, reason, role=role, partner=partner, general=general)
    with after_work(console):
        _tell_mark(console, opened, rated, colour, tool, dialogue, role)
        if before is not None and before.colour != colour and before.reason and rated.changed:
            colour_before = t(f"plan.colour.{before.colour}")
            console.print(say("readiness.reason-left", colour=colour_before, reason=before.reason))


def _reason_kept(opened, tool_id: str, role, dialogue: tuple, given: tuple[str | None, str]):
    """A colour given without --begrundelse keeps the mark's reason when the colour stays the same.

    (the mark there now, or None; the reason to save). A new colour goes without the earlier
    reason, which is then said (see klarhed), as no copy keeps it.
    """
    colour, reason = given
    if colour is None or reason:
        return None, reason
    before = readiness.current(opened, tool_id, role, *dialogue)
    return before, before.reason if before is not None and before.colour == colour else ""


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


def _named_tool(guide, value: str):
    """The tool named (its phase and id); one that is none is refused, or in a terminal offered.

    Its phase first, then its tools, the closest chosen already (as plan tilføj --fase offers them).
    """
    try:
        return readiness.tool_by_id(guide, value)
    except UsageProblem as refused:
        if not is_interactive():
            raise
        from spredning.cli.offered import offered_tool

        close = refused.params.get("close")
        nearest = None
        with contextlib.suppress(UsageProblem):  # the closest tool, chosen already
            nearest = readiness.tool_by_id(guide, close[0])[1] if isinstance(close, list) and close else None
        tool_id = offered_tool(refused, guide, nearest)
        return next(p for p in guide.phases if any(tool.id == tool_id for tool in p.tools)), tool_id


def _given_colour(farve: str | None) -> tuple[str | None, str | None]:
    """The colour given (None without one); one not known is refused, or in a terminal (None, why).

    Then the colours are offered to choose from, why said above them (as a date's field opens).
    """
    if farve is None:
        return None, None
    try:
        return readiness.parse_colour(farve), None
    except UsageProblem as wrong:
        if not is_interactive():
            raise
        from spredning.i18n import render

        return None, t("readiness.bad-colour.field", problem=render(wrong.message))


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
        there = readiness.current(opened, tool_id, role, partner, general)  # offered, to keep or change
        return _ask_rating(title, again, reason, refused["reason"], there)
    return colour, _ask_reason(colour, again, reason, refused["reason"])  # the colour given: only the reason


def _mark_command(opened, named: str, role, dialogue: tuple, colour: str, reason: str) -> str:
    """The command that saves a mark left unsaved: the tool as named, the colour and reason typed."""
    partner, general = dialogue
    words = (
        "klarhed",
        named,  # as this user's hints name it
        readiness.colour_word(colour),  # 'yellow' in English
        *typed_words(("--begrundelse", reason)),
        *_role_words(role),
    )
    return _hint(opened, *words, partner=partner, general=general)


def _tell_mark(console, opened, rated, colour: str | None, tool: tuple, dialogue: tuple, role) -> None:
    """What klarhed did: saved (or so already), removed, or nothing to remove; a common one that stays."""
    (phase, tool_id, named), (partner, general) = tool, dialogue
    where = _for_dialogue(opened, partner, general)
    title = next(tool.title for tool in phase.tools if tool.id == tool_id)  # which tool: said back
    if colour is not None:
        key, style = ("readiness.saved", "bold green") if rated.changed else ("readiness.unchanged", "")
        console.print(say(key, style=style, tool=title, colour=t(f"plan.colour.{colour}"), dialogue=where))
        return
    if rated.changed:
        console.print(say("readiness.removed", style="green", tool=title, dialogue=where))
    else:
        console.print(say("readiness.nothing-to-remove", tool=title, dialogue=where))
    if rated.mark is not None and rated.mark.where == "" and not general:
        again = _hint(opened, "klarhed", named, "--fjern", *_role_words(role), general=True)
        print_said(console, say("readiness.common-stays", style="dim", command=again), again)


def _godkend_given(fase: str, *given: str | bool | None) -> str:
    """The user's 'godkend' command, its texts on one line (a refusal's example): every option kept."""
    af, dato, rolle, partner, faelles, fortryd = given
    day = date_shown(str(dato), ahead=False) if dato else dato  # a date refused too: the one to write
    options = zip(("--af", "--dato", "--rolle", "--partner"), (af, day, rolle, partner), strict=True)
    flags = [flag for flag, on in (("--fælles", faelles), ("--fortryd", fortryd)) if on]
    words = typed_words(*((option, str(value or "")) for option, value in options))
    return command("godkend", shell_word(fase), *words, *flags)


def _refuse_blank_date(words: tuple[str, ...], partner: str | None, general: bool) -> None:
    """--dato given with nothing in it: refused, with the user's own command and today's date in it.

    Left out, --dato means today; given blank, it may be a date that a script failed to fill in.
    """
    today = typed_day(datetime.date.today())
    named = ("--partner", shell_word(partner)) if partner is not None else ()
    fixed = command(*words, "--dato", today, *named, *(("--fælles",) if general else ()))
    raise UsageProblem("plan.date-blank", hint=Message("plan.date-blank.hint", {"command": fixed}))


def _role_words(role: str | None) -> tuple[str, ...]:
    return ("--rolle", role) if role else ()


def _for_dialogue(opened, partner, general: bool) -> str:
    """Which dialogue a record was saved for, in words, when this computer sees several; else ''."""
    from spredning.cli.render_project import org_name

    if not several_dialogues(opened.project, opened.local):
        return ""
    if general or partner is None:
        return t("plan.words.common")
    return t("plan.words.dialogue", org=org_name(opened.project, partner.key))


def _ask_rating(
    tool: str,
    again: Callable[[str, str], str],
    reason: str = "",
    refused: str | None = None,
    now: Mark | None = None,
) -> tuple[str | None, str]:
    """A colour and a reason; a stop at the reason gives `again(colour, typed)`, the command that saves it.

    `reason`: the one given with --begrundelse, the field's text to keep or change (`refused`:
    why it was refused, said above the field). `now`: the mark there now, its colour chosen
    already and its reason in the field when none is given. Cancelled at the colour, a reason
    given is not saved, and that is said.
    """
    from questionary import Choice

    from spredning.cli.prompts.simple import CANCEL, select

    choices = [Choice(t(f"plan.rate.{c}"), c) for c in ("grøn", "gul", "rød")] + [
        Choice(t("prompt.cancel"), CANCEL)
    ]
    colour = select(t("plan.rate-question", tool=tool), choices, default=now.colour if now else None)
    if colour is CANCEL:
        if reason.strip():  # the reason given is not saved: said, never dropped without a word
            make_console().print(say("readiness.cancelled-reason", style="yellow"))
        return None, ""
    if now is not None and not reason and refused is None:  # the mark's reason, to keep or change
        reason = now.reason
    return colour, _ask_reason(colour, again, reason, refused)


def _ask_reason(colour: str, again: Callable[[str, str], str], reason: str, refused: str | None) -> str:
    """The reason for a mark, `reason` in the field (`refused`: why, said above it); a stop says `again`."""
    from spredning.cli.prompts.simple import ask_text
    from spredning.cli.prompts.stops import started_again_with

    typed: list[str] = []
    try:
        # a closed window keeps the command Ctrl+C gives (the tool and colour too), not the bare reason
        with started_again_with(lambda text: again(colour, text or "")):
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
        key = "readiness.rate-again" if reason.strip() else "readiness.rate-again-colour"
        hint = Message(key, {"command": again(colour, reason)})
        raise Interrupted("readiness.interrupted", hint=hint) from None


def _picture(ws, opened, console, partner, general: bool) -> None:
    """The readiness picture of one dialogue, with the organisations named in the headings.

    The sharing side with several partners and none named sees each partner's dialogue in turn
    (one table of two columns each: it fits 80 columns whatever the number of partners); --fælles
    shows the sharing side's common marks alone.
    """
    from spredning.app.status import follow_up_status

    project = opened.project
    every = partner is None and not general and len(project.partners) > 1
    today = datetime.date.today()
    shown = [
        (p, follow_up_status(ws.guide, project, p, today).outline)
        for p in (project.partners if every else (partner,))
    ]
    if not any(outline.readiness for _, outline in shown):
        # a real tool (the first this side answered), the colour after it: no 'VÆRKTØJ grøn|gul|rød' to copy
        tool = readiness.tool_to_mark(ws.guide, project, opened.local.side)
        rate = _hint(
            opened, "klarhed", tool_word(ws.guide, tool), partner=partner, general=general
        )  # --fælles kept
        print_said(console, say("readiness.none", command=rate), rate)
        _marks_in_versions(ws, opened, console, [dialogue for dialogue, _ in shown])  # one removed here
        return
    for number, (dialogue, outline) in enumerate(shown):
        sides = _side_names(project, dialogue, general)
        if every:
            if number:
                console.print()
            console.print(say("readiness.dialogue", style="bold", org=sides["genbruge"]))
        _dialogue_picture(console, outline, sides)
    if any(outline.act_first for _, outline in shown):
        console.print(say("readiness.discussion-aid", style="dim"))
    _marks_in_versions(ws, opened, console, [dialogue for dialogue, _ in shown])


def _marks_in_versions(ws, opened, console, dialogues) -> None:
    """Under the picture: the marks kept in several versions, each version, whose, and how to settle."""
    from spredning.core import followup

    found = {
        (item.where, item.key): item
        for dialogue in dialogues
        for item in followup.in_versions(opened.project, dialogue)
        if item.kind == "klarhed"
    }
    if found:
        console.print()
        console.print(say("readiness.in-versions", style="bold yellow", n=len(found)))
        show_versions(console, ws.guide, opened.project, opened.local, list(found.values()))


def _dialogue_picture(console, outline, sides: dict[str, str]) -> None:
    """One dialogue's marks as a table, then where to act first."""
    from spredning.cli.render_plan import mark_line, readiness_table

    if not outline.readiness:
        console.print(say("readiness.none-yet", style="dim"))
    else:
        console.print(readiness_table(outline.readiness, sides))
    if outline.act_first:
        console.print()
        console.print(say("readiness.act-first", style="bold"))
        for mark in outline.act_first:
            console.print(mark_line(mark, sides))


def _side_names(project, partner, general: bool) -> dict[str, str]:
    """Each column's heading: the organisation on that side (its side's title when it has no name)."""
    from spredning.cli.render import role_title
    from spredning.cli.render_project import org_name

    sharing = org_name(project, SHARING) if project.sharing_org else role_title("dele")
    if general:
        return {"dele": sharing}
    return {
        "dele": sharing,
        "genbruge": org_name(project, partner.key) if partner else role_title("genbruge"),
    }


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
        _refuse_blank_date(("godkend", phase_word(phase), *named, *_role_words(role)), partner, faelles)
    day, day_refused = _given_day(dato, "approval.in-future", fortryd)  # said before asking who
    opened = ws.open()
    if fortryd and (af is not None or dato is not None):  # a withdrawal keeps no name or day: said
        raise UsageProblem("approval.withdraw-with-values", option="--af" if af is not None else "--dato")
    asking = not fortryd and (af is None or bool(to_correct) or day_refused)
    writable_before_asking(ws, asking)
    with interrupted_as("approval.withdraw-interrupted" if fortryd else "approval.interrupted"):
        role = _side_first(opened, role, UsageProblem("approval.which-side"), faelles)
        chosen, common = _dialogue(opened, partner, faelles, "approval", role)

        # a refusal's example is the user's own command, put right: --dato, --rolle and the dialogue kept
        def corrected(name: str) -> str:
            words = (
                "godkend",
                phase_word(phase),
                *(("--af", name) if name else ()),
                *typed_words(("--dato", dato or "")),
                *_role_words(role),
            )
            return _own_command(opened, words, partner is not None, chosen, common)

        if af is not None and not af.split() and not fortryd:
            fix = Message(
                "approval.who-missing.again", {"command": corrected(shell_word(t("approval.who-example")))}
            )
            raise UsageProblem("approval.who-missing", hint=fix)
        approval = _Approval(opened, phase_word(phase), role, (chosen, common))  # for a command after a stop
        if (af is None or to_correct) and not fortryd:
            if not is_interactive():
                # no NAVN in it: copied, it would be saved (a name this side approved with is real)
                hint = _approver_hint(ws, opened, role, chosen, corrected)
                raise NotATerminal("approval.no-terminal", hint=hint)
            _versions_before(ws, opened, "godkendelse", phase.id, role, (chosen, common))
            af = _ask_approver(approval, af or "", to_correct.get("--af"), (dato or "", day_refused))
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
    side = role or opened.local.side
    earlier = readiness.last_approval(opened.project, ws.guide, partner, side) if side else None
    if earlier is None:
        return Message("approval.no-terminal.hint", {"command": corrected("")})
    again = corrected(path_word(earlier.by))
    params = {"command": corrected(""), "again": again, "name": earlier.by, "day": earlier.day}
    phase = ws.guide.find_phase(earlier.phase)
    return Message("approval.no-terminal.hint-earlier", {**params, "phase": phase.name if phase else ""})


class _Approval(NamedTuple):
    """What a command after a stop in godkend's fields needs: the project, the phase, side and dialogue."""

    opened: object
    phase: str
    role: str | None
    dialogue: tuple

    def command(self, *given: tuple[str, str]) -> str:
        """'godkend' for this phase with the options `given` (those with a value) and the dialogue."""
        partner, general = self.dialogue
        words = ("godkend", self.phase, *typed_words(*given), *_role_words(self.role))
        return _hint(self.opened, *words, partner=partner, general=general)


def _given_day(dato: str | None, future: str, withdraw: bool = False) -> tuple[datetime.date, bool]:
    """The day --dato gives (today without it); refused in a terminal: (today, True), its field to open.

    Without a terminal a day the field would refuse (not a date, or still to come) is refused
    (exit 2), before anything is asked or saved.
    """
    today = datetime.date.today()
    try:
        day = parse_due(dato, ahead=False) if dato else today
        if day is None:
            raise date_problem(dato or "", ahead=False)
        readiness.not_in_future(future, day, today)
    except UsageProblem:
        if withdraw or not is_interactive():  # a withdrawal takes no date: that is said
            raise
        return today, True
    return day, False


def _ask_approver(approval: _Approval, given: str, refused: str | None, dato: tuple[str, bool]) -> str:
    """Who approves: `given` in the field (`refused`: why, said above it); a stop says the command.

    `dato`: the --dato given, and whether it was refused: kept in that command, or said left out.
    """
    dato_given, day_refused = dato
    from spredning.cli.prompts.simple import ask_text

    typed: list[str] = []  # the name as typed when the asking stopped
    try:
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
        if typed and typed[0].strip():  # the command that approves with the name typed
            shown = approval.command(("--af", typed[0]), ("--dato", "" if day_refused else dato_given))
            key = "approval.approve-again-day-left-out" if day_refused else "approval.approve-again"
            again = Message(key, {"command": shown, "typed_day": dato_given})
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


def _tell_approval(console, opened, phase, done, partner, general: bool, role: str | None) -> None:
    """What godkend did: the approval and how much of the phase the approving side has answered."""
    from spredning.cli.render_project import org_name

    approval = done.approval
    where = _for_dialogue(opened, partner, general)
    key, style = ("approval.saved", "bold green") if done.changed else ("approval.unchanged", "")
    console.print(say(key, style=style, phase=phase.name, by=approval.by, day=approval.day, dialogue=where))
    if done.changed and done.earlier is not None:
        console.print(say("approval.replaces", by=done.earlier.by, day=done.earlier.day))
    side = role or opened.local.side
    org = org_name(opened.project, SHARING if side == "dele" else partner.key if partner else "")
    style = "dim" if done.answered == done.total else "yellow"
    console.print(say("approval.answered", style=style, org=org, answered=done.answered, total=done.total))


def _tell_withdrawal(console, opened, phase, done, partner, general: bool, role: str | None) -> None:
    """What godkend --fortryd did: withdrawn, or nothing there to withdraw; and a common one that stays."""
    where = _for_dialogue(opened, partner, general)
    key = "approval.withdrawn" if done.changed else "approval.nothing-to-withdraw"
    console.print(say(key, style="green" if done.changed else "", phase=phase.name, dialogue=where))
    if done.approval is not None and done.approval.where == "" and not general:
        again = _hint(opened, "godkend", phase_word(phase), "--fortryd", *_role_words(role), general=True)
        print_said(console, say("approval.common-stays", style="dim", command=again), again)


def moede(
    ctx: typer.Context,
    dato: str | None = typer.Option(None, "--dato", metavar=t("metavar.date"), help=t("help.moede.dato")),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.moede.partner")
    ),
    ret: bool = typer.Option(False, "--ret", help=t("help.moede.ret")),
) -> None:
    """Noter, at I har holdt et møde med partneren; næste dagsorden tager det nye siden da."""
    ws = workspace(ctx)
    opened = ws.open()
    if dato is not None and not dato.strip():  # --dato " ": never today in silence
        _refuse_blank_date(("møde", *(("--ret",) if ret else ())), partner, False)
    day, day_refused = _given_day(dato, "meeting.in-future")  # in a terminal, its field opens after
    writable_before_asking(ws, day_refused)
    with interrupted_as("meeting.interrupted"):
        chosen = choose_partner(opened.project, opened.local, partner, required=True)
    typed = dato or ""  # the day as the user wrote it: given back in the field, to correct
    if day_refused:
        day, typed = _ask_meeting_day(opened, chosen, typed, ret)
    today = datetime.date.today()
    noted = _note_meeting(ws, opened, chosen, (day, typed), today, ret)
    if noted is None:
        make_console().print(say("meeting.unchanged"))
        return
    held, corrected = noted
    key = "meeting.corrected" if corrected else "meeting.saved"
    agenda = _hint(opened, "dagsorden", partner=chosen)
    console = make_console()
    with after_work(console):
        print_said(console, say(key, style="bold green", day=held.day, command=agenda), agenda)


def _ask_meeting_day(opened, partner, given: str, correct: bool) -> tuple[datetime.date, str]:
    """The day of the meeting, and the text typed for it: `given` in the field, to correct.

    Why it was refused is said above it (a --dato refused; nothing for a day the user chose to
    write again). A stop with a day the field takes says the command that notes the meeting on that day.
    """
    from spredning.cli.prompts.questions import ask_past_day_typed, past_day_problem

    typed: list[str] = []
    try:
        return ask_past_day_typed(t("meeting.ask-day"), given, "meeting.in-future", interrupted=typed.append)
    except (KeyboardInterrupt, EOFError):
        day = typed[0].strip() if typed else ""
        again = None
        if day and past_day_problem(day, "meeting.in-future") is None:
            words = ("møde", "--dato", shell_word(day), *(("--ret",) if correct else ()))
            again = Message("meeting.note-again", {"command": _hint(opened, *words, partner=partner)})
        raise Interrupted("meeting.interrupted", hint=again) from None


def _note_meeting(ws, opened, partner, given: tuple[datetime.date, str], today: datetime.date, correct: bool):
    """Note (or correct) the meeting: (the meeting now, whether it was a correction), or None.

    A day before the last meeting noted is a mistake to correct: a terminal asks whether to (or to
    write another day: the field opens with the day as the user typed it), a script is told the
    command with --ret. `given`: the day, and the text it was typed as.
    """
    day, typed = given
    while True:
        try:
            return readiness.meeting_held(ws, partner, day, today, correct=correct), correct
        except readiness.EarlierMeeting as earlier:
            fix = _hint(opened, "møde", "--dato", typed_day(day), "--ret", partner=partner)
            if not is_interactive():
                raise UsageProblem(earlier.key, command=fix, day=earlier.day, last=earlier.last.day) from None
            choice = _ask_correct(earlier, fix)
        if choice == "leave":
            return None
        if choice == "correct":
            return readiness.meeting_held(ws, partner, day, today, correct=True), True
        day, typed = _ask_meeting_day(opened, partner, typed or typed_day(day), correct)


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

    fmt = report.check_format(chosen_format(format, ud, report.FORMATS, "md"), "dagsorden")
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
        meeting = _hint(opened, "møde", partner=chosen)
        print_said(console, say("agenda.after", style="dim", command=meeting), meeting)


def register(app: typer.Typer) -> None:
    """Add klarhed, godkend, møde and dagsorden to the app."""
    app.command("klarhed", cls=typer_compat.DanishCommand, help=t("help.klarhed"))(klarhed)
    app.command("godkend", cls=typer_compat.DanishCommand, help=t("help.godkend"))(godkend)
    app.command("møde", cls=typer_compat.DanishCommand, help=t("help.moede"))(moede)
    app.command("dagsorden", cls=typer_compat.DanishCommand, help=t("help.dagsorden"))(dagsorden)
