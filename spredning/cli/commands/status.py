"""``spredning status`` and ``spredning vis``: progress and answers, without prompts."""

from __future__ import annotations

from datetime import datetime

import typer

from spredning.cli import typer_compat as dansk
from spredning.cli.commands.common import (
    ROLE_HELP,
    next_step,
    open_store,
    parse_phase,
    parse_role,
    phase_command,
    roles_for,
)
from spredning.core.content import load_guide
from spredning.core.model import ROLES, progress


def _facts_json(guide, project, path, changed) -> dict:
    phases = []
    for phase in guide.phases:
        sides = {}
        for role in ROLES:
            done = progress(project, phase.questions(role))
            sides[role] = {"besvaret": done.answered, "i_alt": done.total}
        phases.append({"id": phase.id, "navn": phase.name, "sider": sides})
    open_tools = [{"fase": phase.id, "værktøj": tool.id, "side": role,
                   "besvaret": done.answered, "i_alt": done.total}
                  for phase in guide.phases for tool in phase.tools for role in ROLES
                  if (done := progress(project, tool.questions(role))).total and not done.complete]
    return {"projekt": project.name, "id": project.slug, "fil": str(path),
            "sidst_ændret": changed.isoformat(timespec="seconds"), "rolle": project.role,
            "faser": phases, "ikke_færdige_værktøjer": open_tools,
            "konflikter": sorted(project.conflicts)}


def status(
    ctx: typer.Context,
    som_json: bool = typer.Option(False, "--json", help="Skriv det samme som JSON til scripts."),
) -> None:
    """Vis projektets fremdrift: faser, sider, åbne værktøjer og næste skridt."""
    from rich.text import Text

    from spredning.cli.render import line, make_console
    from spredning.cli.render_project import open_tools, project_facts, status_table

    guide = load_guide(ctx.obj.guide_dir)
    store = open_store(ctx.obj)
    slug = store.resolve(ctx.obj.project)
    project = store.load(slug)
    path = store.path_for(slug)
    changed = datetime.fromtimestamp(path.stat().st_mtime)
    if som_json:
        # ASCII-only JSON: exact for scripts, and no control or bidi character reaches a terminal
        import json  # only --json pays for this import

        print(json.dumps(_facts_json(guide, project, path, changed), ensure_ascii=True, indent=2))
        return
    console = make_console()
    console.print(project_facts(project, str(path), changed))
    console.print()
    console.print(status_table(guide, project))
    console.print()
    roles = (project.role,) if project.role else ROLES
    console.print(open_tools(guide, project, roles))
    if project.conflicts:
        console.print(Text(f"\nUafklarede konflikter: {len(project.conflicts)} svar, hvor partneren "
                           "har en anden udgave. Se og afgør dem med 'spredning konflikter'.",
                           style="bold yellow"))
    step = next_step(guide, project, roles)
    if step:
        console.print(line("\nNæste skridt: ", (phase_command(*step, ctx.obj.project), "bold")))


def vis(
    ctx: typer.Context,
    fase: str | None = typer.Argument(None, metavar="FASE", help="Vis kun denne fase."),
    rolle: str | None = typer.Option(None, "--rolle", "-r", metavar="dele|genbruge",
                                     help=ROLE_HELP + " Uden: begge sider."),
    begge: bool = typer.Option(False, "--begge", help="Begge sider (standard uden --rolle); side om "
                               "side, når terminalen er bred nok, ellers efter hinanden."),
) -> None:
    """Vis svarene fase for fase og værktøj for værktøj."""
    from spredning.cli.render import make_console
    from spredning.cli.render_project import (
        SIDE_BY_SIDE_MIN_WIDTH,
        project_facts,
        vis_phase,
        vis_phase_side_by_side,
    )

    guide = load_guide(ctx.obj.guide_dir)
    role = None if begge else parse_role(rolle)
    phases = (parse_phase(guide, fase),) if fase else guide.phases
    store = open_store(ctx.obj)
    slug = store.resolve(ctx.obj.project)
    project = store.load(slug)
    console = make_console()
    console.print(project_facts(project, str(store.path_for(slug)), None))
    side_by_side = role is None and console.width >= SIDE_BY_SIDE_MIN_WIDTH
    for phase in phases:
        if side_by_side:
            console.print(vis_phase_side_by_side(phase, project))
        else:
            console.print(vis_phase(phase, project, roles_for(role)))


def register(app: typer.Typer) -> None:
    """Add status and vis to the app."""
    app.command("status", cls=dansk.DanishCommand)(status)
    app.command("vis", cls=dansk.DanishCommand)(vis)
