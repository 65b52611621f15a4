"""``spredning fase FASE [--rolle] [--svar FIL]``: answer one phase's questions for one side."""

from __future__ import annotations

from pathlib import Path

import typer

from spredning.cli import typer_compat as dansk
from spredning.cli.commands.common import (
    ROLE_HELP,
    is_interactive,
    next_step,
    open_store,
    parse_phase,
    parse_role,
    phase_command,
    read_user_yaml,
)
from spredning.core.content import load_guide
from spredning.core.errors import Interrupted, NotATerminal, UsageProblem
from spredning.core.model import progress


def fase(
    ctx: typer.Context,
    fase: str = typer.Argument(..., metavar="FASE", help="Fasen, fx tjek, test, tilpas, fjern, "
                               "brug eller høst."),
    rolle: str | None = typer.Option(None, "--rolle", "-r", metavar="dele|genbruge",
                                     help=ROLE_HELP + " Standard: siden valgt ved start."),
    svar: Path | None = typer.Option(None, "--svar", metavar="FIL",
                                     help="Gem svar fra en YAML-fil (spørgsmål-id: svar) uden "
                                          "at spørge. Se id'erne med 'spredning guide --ider'."),
    uden_partner: bool = typer.Option(False, "--uden-partner",
                                      help="Vis ikke den anden sides svar undervejs."),
) -> None:
    """Besvar en fases spørgsmål for din side; hvert svar gemmes med det samme."""
    from spredning.cli.render import line, make_console
    from spredning.core.interview import Interview, ProjectSession, answers_from_file, save_answer_file

    guide = load_guide(ctx.obj.guide_dir)
    phase = parse_phase(guide, fase)
    store = open_store(ctx.obj)
    slug = store.resolve(ctx.obj.project)
    session = ProjectSession(store, slug, guide.question_ids())
    role = parse_role(rolle) or session.project.role
    if role is None:
        raise UsageProblem("Vælg hvilken side du svarer for.",
                           f"Fx: spredning fase {phase.id} --rolle genbruge")
    console = make_console()
    path = store.path_for(slug)
    if svar is not None:
        data = read_user_yaml(svar, "Svarfilen", "Intet er gemt.")
        answers = answers_from_file(guide, data, phase, rolle and role)
        changed = save_answer_file(session, answers)
        console.print(line(f"{len(changed)} svar gemt i {path} "
                           f"({len(answers) - len(changed)} var uændrede)."))
        _mention_backup(console, store)
        return
    if not is_interactive():
        raise NotATerminal(
            "'spredning fase' stiller spørgsmål og kræver derfor en terminal.",
            f"Uden terminal: gem svarene fra en fil med 'spredning fase {phase.id} --rolle {role} "
            "--svar FIL' (en YAML-fil med spørgsmål-id: svar).")
    from spredning.cli.prompter import QuestionaryPrompter

    prompter = QuestionaryPrompter(console, show_partner=not uden_partner)
    try:
        Interview(guide, phase, role, session, prompter).run()
    except (KeyboardInterrupt, EOFError):
        done = progress(session.project, phase.questions(role))
        raise Interrupted(
            f"Afbrudt. Alt, du har svaret, er gemt: {done.answered} af {done.total} spørgsmål "
            f"i fasen {phase.name} ({path}).",
            f"Fortsæt senere med: {phase_command(phase, role, ctx.obj.project)}") from None
    _mention_backup(console, store)
    _suggest_next(console, guide, session.project, role, ctx.obj.project)


def _mention_backup(console, store) -> None:
    from spredning.cli.render import line

    if store.last_backup is not None:
        console.print(line(f"Projektfilen var skrevet i en anden form (fx redigeret i hånden), så "
                           f"den oprindelige udgave er gemt som {store.last_backup}.", style="dim"))


def _suggest_next(console, guide, project, role, project_option) -> None:
    from rich.text import Text

    from spredning.cli.render import line

    step = next_step(guide, project, (role,))
    if step:
        console.print(line("Næste skridt: ", (phase_command(step[0], role, project_option), "bold")))
    else:
        console.print(Text("Alle jeres faser er besvaret. Se det hele med 'spredning vis'.",
                           style="green"))


def register(app: typer.Typer) -> None:
    """Add the fase command to the app."""
    app.command("fase", cls=dansk.DanishCommand)(fase)
