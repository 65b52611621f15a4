"""``spredning klarhed``, ``godkend``, ``møde`` and ``dagsorden``: readiness, approval, meetings, agenda."""

from __future__ import annotations

import datetime
from pathlib import Path

import typer

from spredning.app import readiness
from spredning.app.plan import parse_due
from spredning.cli import typer_compat
from spredning.cli.commands.common import (
    choose_partner,
    command,
    is_interactive,
    parse_phase,
    parse_role,
    replacing,
    workspace,
    written_path,
)
from spredning.cli.console import make_console, say
from spredning.core.errors import NotATerminal, UsageProblem
from spredning.i18n import t


def _partner(ws, option: str | None, general: bool, required: bool = False):
    if general:
        return None
    opened = ws.open()
    return choose_partner(opened.project, opened.local, option, required=required)


def klarhed(
    ctx: typer.Context,
    vaerktoej: str | None = typer.Argument(None, metavar=t("metavar.tool"), help=t("help.klarhed.vaerktoej")),
    farve: str | None = typer.Argument(None, metavar="grøn|gul|rød", help=t("help.klarhed.farve")),
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
    ws = workspace(ctx)
    chosen = _partner(ws, partner, faelles)
    console = make_console()
    if vaerktoej is None:
        _picture(ws, console, chosen)
        return
    if farve is None and not fjern:
        if not is_interactive():
            raise NotATerminal(
                "readiness.no-terminal",
                command=command("klarhed", vaerktoej, "gul", "--begrundelse", t("metavar.text")),
            )
        farve, begrundelse = _ask_rating(vaerktoej)
        if farve is None:
            return
    colour = None if fjern else readiness.parse_colour(farve or "")
    mark = readiness.rate(
        ws, vaerktoej, colour, begrundelse, role=parse_role(rolle), partner=chosen, general=faelles
    )
    if mark is None:
        console.print(say("readiness.removed", style="green"))
    else:
        console.print(say("readiness.saved", style="bold green", colour=t(f"plan.colour.{mark.colour}")))


def _ask_rating(tool: str) -> tuple[str | None, str]:
    from questionary import Choice

    from spredning.cli.prompter import CANCEL, ask_text, select

    choices = [Choice(t(f"plan.rate.{c}"), c) for c in ("grøn", "gul", "rød")] + [
        Choice(t("prompt.cancel"), CANCEL)
    ]
    colour = select(t("plan.rate-question", tool=tool), choices)
    if colour is CANCEL:
        return None, ""
    return colour, ask_text(t("plan.rate-reason"), instruction=t("plan.ask-optional"))


def _picture(ws, console, partner) -> None:
    from spredning.app.status import follow_up_status
    from spredning.cli.render_plan import mark_line, readiness_table

    opened = ws.open()
    state = follow_up_status(ws.guide, opened.project, partner, datetime.date.today())
    if not state.outline.readiness:
        console.print(say("readiness.none", command=command("klarhed", t("metavar.tool"), "grøn|gul|rød")))
        return
    console.print(readiness_table(state.outline.readiness))
    if state.outline.act_first:
        console.print()
        console.print(say("readiness.act-first", style="bold"))
        for mark in state.outline.act_first:
            console.print(mark_line(mark))
        console.print(say("readiness.discussion-aid", style="dim"))


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
    ws = workspace(ctx)
    phase = parse_phase(ws.guide, fase)
    chosen = _partner(ws, partner, faelles)
    if af is None and not fortryd:
        if not is_interactive():
            raise NotATerminal(
                "approval.no-terminal", command=command("godkend", phase.id, "--af", t("metavar.name"))
            )
        from spredning.cli.prompter import ask_text

        af = ask_text(t("approval.ask-who"), lambda text: None if text.strip() else t("approval.who-needed"))
    day = parse_due(dato) if dato else datetime.date.today()
    if day is None:
        raise UsageProblem("plan.bad-date", value=dato)
    done = readiness.approve(
        ws, phase, af or "", day, role=parse_role(rolle), partner=chosen, general=faelles, withdraw=fortryd
    )
    console = make_console()
    if done is None:
        console.print(say("approval.withdrawn", style="green", phase=phase.name))
    else:
        console.print(say("approval.saved", style="bold green", phase=phase.name, by=done.by, day=done.day))


def moede(
    ctx: typer.Context,
    dato: str | None = typer.Option(None, "--dato", metavar=t("metavar.date"), help=t("help.moede.dato")),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.moede.partner")
    ),
) -> None:
    """Noter, at I har holdt et møde med partneren; næste dagsorden tager det nye siden da."""
    ws = workspace(ctx)
    chosen = _partner(ws, partner, False, required=True)
    day = parse_due(dato) if dato else datetime.date.today()
    held = readiness.meeting_held(ws, chosen, day or datetime.date.today())
    make_console().print(say("meeting.saved", style="bold green", day=held.day, command=command("dagsorden")))


def dagsorden(
    ctx: typer.Context,
    format: str = typer.Option(
        "md", "--format", "-f", metavar="md|html|docx|pdf", help=t("help.dagsorden.format")
    ),
    ud: str | None = typer.Option(None, "--ud", metavar=t("metavar.file"), help=t("help.dagsorden.ud")),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.dagsorden.partner")
    ),
    overskriv: bool = typer.Option(False, "--overskriv", help=t("help.overskriv")),
) -> None:
    """Skriv dagsordenen til næste møde med partneren."""
    from spredning.app.agenda import make_agenda
    from spredning.app.files import write_own

    ws = workspace(ctx)
    chosen = _partner(ws, partner, False, required=True)
    made = make_agenda(ws, fmt=format, partner=chosen, today=datetime.date.today())
    path = Path(ud) if ud else Path(made.default_name)
    slug = ws.slug()
    replacing(lambda replace: write_own(ws, slug, path, made.content, overwrite=replace), path, overskriv)
    console = make_console()
    console.print(say("agenda.written", style="bold green", path=written_path(path)), soft_wrap=True)
    console.print(say("agenda.after", style="dim", command=command("møde")))


def register(app: typer.Typer) -> None:
    """Add klarhed, godkend, møde and dagsorden to the app."""
    app.command("klarhed", cls=typer_compat.DanishCommand, help=t("help.klarhed"))(klarhed)
    app.command("godkend", cls=typer_compat.DanishCommand, help=t("help.godkend"))(godkend)
    app.command("møde", cls=typer_compat.DanishCommand, help=t("help.moede"))(moede)
    app.command("dagsorden", cls=typer_compat.DanishCommand, help=t("help.dagsorden"))(dagsorden)
