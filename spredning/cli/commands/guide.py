"""``spredning guide [FASE] [--rolle]``: read the guide in the terminal, no project needed."""

from __future__ import annotations

import typer

from spredning.cli import typer_compat as dansk
from spredning.cli.commands.common import ROLE_HELP, parse_phase, parse_role, roles_for
from spredning.core.content import load_guide


def guide(
    ctx: typer.Context,
    fase: str | None = typer.Argument(None, metavar="FASE",
                                      help="Vis kun denne fase, fx tjek, test eller høst."),
    rolle: str | None = typer.Option(None, "--rolle", "-r", metavar="dele|genbruge",
                                     help=ROLE_HELP + " Uden: begge sider."),
    ider: bool = typer.Option(False, "--ider",
                              help="Vis spørgsmålenes id'er (til svarfiler med --svar)."),
) -> None:
    """Vis guiden: faserne, deres mål, værktøjerne og spørgsmålene."""
    from spredning.cli import render

    role = parse_role(rolle)
    content = load_guide(ctx.obj.guide_dir)
    phases = (parse_phase(content, fase),) if fase else content.phases
    console = render.make_console()
    if not fase:
        console.print(render.guide_intro(content))
    for phase in phases:
        console.print(render.phase_view(phase, roles_for(role), ider))
    if not fase:
        console.print(render.guide_closing(content))


def valider(
    mappe: str | None = typer.Argument(None, metavar="MAPPE",
                                       help="Mappen med guideindhold (ellers den, der er i brug)."),
    ctx: typer.Context = None,
) -> None:
    """Kontrollér en mappe med guideindhold, og vis alle fejl på én gang."""
    from rich.text import Text

    from spredning.cli import render

    folder = mappe or ctx.obj.guide_dir
    content = load_guide(folder)
    questions = len(content.questions())
    tools = sum(len(p.tools) for p in content.phases)
    render.make_console().print(Text(
        f"Guiden er i orden: {len(content.phases)} faser, {tools} værktøjer og "
        f"{questions} spørgsmål.", style="green"))


def register(app: typer.Typer) -> None:
    """Add the guide and valider commands to the app."""
    app.command("guide", cls=dansk.DanishCommand)(guide)
    app.command("valider", cls=dansk.DanishCommand)(valider)
