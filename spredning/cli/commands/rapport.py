"""``spredning rapport``: a report to share, in Markdown, HTML or Word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from spredning.cli import typer_compat
from spredning.cli.commands.common import choose_partner, parse_phases, parse_role, roles_for, workspace
from spredning.cli.console import make_console, say
from spredning.core.errors import UsageProblem
from spredning.i18n import t


def rapport(
    ctx: typer.Context,
    format: str = typer.Option("md", "--format", "-f", metavar="md|html|docx", help=t("help.rapport.format")),
    ud: str | None = typer.Option(None, "--ud", metavar=t("metavar.file"), help=t("help.rapport.ud")),
    fase: list[str] | None = typer.Option(
        None, "--fase", metavar=t("metavar.phase"), help=t("help.rapport.fase")
    ),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.rapport.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.rapport.partner")
    ),
    overskriv: bool = typer.Option(False, "--overskriv", help=t("help.overskriv")),
) -> None:
    """Skriv en rapport over projektets svar, som kan deles, printes og arkiveres."""
    from spredning import report
    from spredning.core.fileio import write_output

    fmt = format.lower().lstrip(".")
    if fmt not in report.FORMATS:
        raise UsageProblem("report.unknown-format", value=format, formats=list(report.FORMATS))
    ws = workspace(ctx)
    phases = parse_phases(ws.guide, fase)
    role = parse_role(rolle)
    opened = ws.open()
    chosen = choose_partner(opened.project, opened.local, partner)
    view = opened.project.dialogue(chosen)
    content = report.write_report(ws.guide, view, fmt, roles_for(role), phases, date.today())
    path = Path(ud) if ud else Path(report.default_filename(opened.project.slug, fmt))
    write_output(path, content, overwrite=overskriv, protected=(ws.store.home,))
    make_console().print(say("report.written", style="bold green", path=str(path)))


def register(app: typer.Typer) -> None:
    """Add the rapport command to the app."""
    app.command("rapport", cls=typer_compat.DanishCommand, help=t("help.rapport"))(rapport)
