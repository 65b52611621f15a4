"""``spredning rapport``: a report to share, in Markdown, HTML or Word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from spredning.cli import typer_compat as dansk
from spredning.cli.commands.common import ROLE_HELP, open_store, parse_phase, parse_role, roles_for
from spredning.core.content import load_guide
from spredning.core.errors import UsageProblem


def rapport(
    ctx: typer.Context,
    format: str = typer.Option("md", "--format", "-f", metavar="md|html|docx",
                               help="Filformat: md (Markdown), html eller docx (Word)."),
    ud: Path | None = typer.Option(None, "--ud", metavar="FIL",
                                   help="Filen, der skal skrives (standard: PROJEKT-rapport.FORMAT "
                                        "i den aktuelle mappe)."),
    fase: str | None = typer.Option(None, "--fase", metavar="FASE", help="Kun denne fase."),
    rolle: str | None = typer.Option(None, "--rolle", "-r", metavar="dele|genbruge",
                                     help=ROLE_HELP + " Uden: begge sider."),
    overskriv: bool = typer.Option(False, "--overskriv", help="Erstat en eksisterende fil."),
) -> None:
    """Skriv en rapport over projektets svar, som kan deles, printes og arkiveres."""
    from spredning import report
    from spredning.cli.render import line, make_console
    from spredning.core.fileio import write_file

    fmt = format.lower().lstrip(".")
    if fmt not in report.FORMATS:
        raise UsageProblem(f"Ukendt format: '{format}'. Vælg mellem {', '.join(report.FORMATS)}.",
                           "Fx: spredning rapport --format docx")
    guide = load_guide(ctx.obj.guide_dir)
    phases = (parse_phase(guide, fase),) if fase else None
    role = parse_role(rolle)
    store = open_store(ctx.obj)
    project = store.load(store.resolve(ctx.obj.project))
    content = report.write_report(guide, project, fmt, roles_for(role), phases, date.today())
    path = write_file(ud or Path(report.default_filename(project.slug, fmt)), content, overskriv)
    make_console().print(line(("Rapporten er skrevet: ", "bold green"), str(path)))


def register(app: typer.Typer) -> None:
    """Add the rapport command to the app."""
    app.command("rapport", cls=dansk.DanishCommand)(rapport)
