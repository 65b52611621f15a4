"""``spredning rapport``: a report to share, in Markdown, HTML, Word or PDF."""

from __future__ import annotations

from datetime import date

import typer

from spredning.app.dialogue import PartnerChoice
from spredning.cli import typer_compat
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
from spredning.cli.commands.names import parse_phases, parse_role, roles_for
from spredning.cli.commands.partners import choose_partner
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import make_console
from spredning.core.errors import Message, UsageProblem
from spredning.i18n import t


def rapport(
    ctx: typer.Context,
    format: str | None = typer.Option(
        None, "--format", "-f", metavar="md|html|docx|pdf", help=t("report.help.format")
    ),
    ud: str | None = typer.Option(None, "--ud", metavar=t("metavar.file"), help=t("report.help.ud")),
    fase: list[str] | None = typer.Option(
        None, "--fase", metavar=t("metavar.phase"), help=t("report.help.fase")
    ),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("report.help.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("report.help.partner")
    ),
    kun_besvarede: bool = typer.Option(False, "--kun-besvarede", help=t("report.help.kun-besvarede")),
    oversigt: bool = typer.Option(False, "--oversigt", help=t("report.help.oversigt")),
    overskriv: bool = typer.Option(False, "--overskriv", help=t("help.overskriv")),
) -> None:
    """Skriv en rapport over projektets svar, som kan deles, printes og arkiveres."""
    from spredning import report
    from spredning.app.files import place, write_own
    from spredning.app.reports import make_report

    fmt = report.check_format(chosen_format(format, ud, report.FORMATS, "md"), named=named_format(ud))
    if oversigt and (fase or rolle or partner or kun_besvarede):
        given = [
            name
            for name, value in (
                ("--fase", fase),
                ("--rolle", rolle),
                ("--partner", partner),
                ("--kun-besvarede", kun_besvarede),
            )
            if value
        ]
        raise UsageProblem("report.overview-with-options", options=given)
    ws = workspace(ctx)
    check_ending(ws, ud, fmt, report.FORMATS)
    phases = parse_phases(ws.guide, fase)
    role = parse_role(rolle)
    chosen = None
    if not oversigt:
        opened = ws.open()
        try:
            chosen = choose_partner(opened.project, opened.local, partner)
        except PartnerChoice as choice:  # one report per partner, or the overview of them all
            commands = choice.params.get("commands")
            key = "report.choose-partner.commands" if commands else "report.choose-partner.hint"
            choice.hint = Message(key, choice.params)
            raise
    made = make_report(
        ws,
        fmt=fmt,
        partner=chosen,
        roles=roles_for(role),
        phases=phases,
        only_answered=kun_besvarede,
        overview=oversigt,
        today=date.today(),
    )
    path, beside = place(ws, out_path(ud), made.default_name)
    slug = ws.slug()
    done = replacing(
        ctx, lambda replace: write_own(ws, slug, path, made.content, overwrite=replace), path, overskriv
    )
    console = make_console()
    tell_written("report.replaced" if done.replaced else "report.written", path, console)
    tell_copy(done.copy, console)
    tell_beside(beside, console)


def register(app: typer.Typer) -> None:
    """Add the rapport command to the app."""
    app.command("rapport", cls=typer_compat.DanishCommand, help=t("help.rapport"))(rapport)
