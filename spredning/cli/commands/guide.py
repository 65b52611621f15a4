"""``spredning guide [FASE] [--rolle] [--overblik]`` and ``spredning valider``: the guide itself."""

from __future__ import annotations

import typer

from spredning.cli import typer_compat
from spredning.cli.commands.names import parse_phase, parse_role, roles_for
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import make_console, say
from spredning.core.errors import Message
from spredning.core.shellwords import shell_word
from spredning.i18n import t


def guide(
    ctx: typer.Context,
    fase: str | None = typer.Argument(None, metavar=t("metavar.phase"), help=t("help.guide.fase")),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.guide.rolle")
    ),
    ider: bool = typer.Option(False, "--ider", help=t("help.guide.ider")),
    overblik: bool = typer.Option(False, "--overblik", help=t("help.guide.overblik")),
    ingen_pager: bool = typer.Option(False, "--ingen-pager", help=t("help.pager")),
) -> None:
    """Vis guiden: faserne, deres mål, værktøjerne og spørgsmålene."""
    from spredning.cli import render
    from spredning.cli.pager import paged

    role = parse_role(rolle)
    content = workspace(ctx).guide
    phases = (parse_phase(content, fase),) if fase is not None else content.phases
    console = make_console()
    if overblik:
        from spredning.cli.render_text import print_whole

        console.print(render.guide_overview(content))
        print_whole(console, say("guide.overview-more", style="dim"))
        return
    with paged(console, not ingen_pager) as out:
        if not fase:
            out.print(render.guide_intro(content))
        for phase in phases:
            out.print(render.phase_view(phase, roles_for(role), ider))
        if not fase:
            out.print(render.guide_closing(content))


def valider(
    ctx: typer.Context,
    mappe: str | None = typer.Argument(None, metavar=t("metavar.folder"), help=t("help.valider.mappe")),
) -> None:
    """Kontrollér en mappe med guideindhold, og vis alle fejl på én gang."""
    from spredning.core.editions import BASE, load_editions
    from spredning.core.errors import ContentError, UsageProblem

    if mappe is not None and not mappe.strip():  # a script's empty variable: not the guide in use
        raise UsageProblem("usage.empty-guide-folder")
    try:
        editions = load_editions(mappe or ctx.obj.guide_dir)  # Danish and every translation (en/)
    except ContentError as exc:
        if mappe and exc.hint == "content.errors.hint":  # check this folder again, not the guide in use
            exc.hint = Message("valider.again", {"folder": shell_word(mappe)})
        raise
    content = editions.pop(BASE)
    tools = sum(len(p.tools) for p in content.phases)
    console = make_console()
    console.print(
        say(
            "valider.ok",
            style="green",
            phases=len(content.phases),
            tools=tools,
            questions=len(content.questions()),
        )
    )
    if editions:
        console.print(say("valider.translations", style="green", n=len(editions), languages=list(editions)))


def register(app: typer.Typer) -> None:
    """Add the guide and valider commands to the app."""
    app.command("guide", cls=typer_compat.DanishCommand, help=t("help.guide"))(guide)
    app.command("valider", cls=typer_compat.DanishCommand, help=t("help.valider"))(valider)
