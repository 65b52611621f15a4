"""``spredning eksport``, ``importer`` and ``konflikter``: the two organisations' dialogue by file.

An export is a normal project file a person can read; an import merges it answer by answer.
"""

from __future__ import annotations

from pathlib import Path

import typer

from spredning.cli import typer_compat as dansk
from spredning.cli.commands.common import ROLE_HELP, is_interactive, open_store, parse_role, read_user_yaml
from spredning.core.content import load_guide
from spredning.core.errors import Interrupted, SpredningError
from spredning.core.exchange import Choice, Conflict, Outcome, combine, plan_merge, resolve
from spredning.core.model import ROLES, Guide, Project, other_role


def _side_answers(guide: Guide, project: Project, roles: tuple[str, ...]) -> dict[str, str]:
    wanted = {q.id for role in roles for q in guide.questions(role)}
    return {qid: text for qid, text in project.answers.items() if qid in wanted}


def eksport(
    ctx: typer.Context,
    rolle: str | None = typer.Option(None, "--rolle", "-r", metavar="dele|genbruge",
                                     help=ROLE_HELP + " Uden: begge sider."),
    ud: Path | None = typer.Option(None, "--ud", metavar="FIL", help="Filen, der skal skrives."),
    overskriv: bool = typer.Option(False, "--overskriv", help="Erstat en eksisterende fil."),
) -> None:
    """Skriv projektet og en sides svar til en fil, som kan sendes til partneren."""
    from spredning.cli.render import line, make_console
    from spredning.core.fileio import write_file
    from spredning.core.projectfile import data_from_project, project_text

    guide = load_guide(ctx.obj.guide_dir)
    role = parse_role(rolle)
    store = open_store(ctx.obj)
    slug = store.resolve(ctx.obj.project)
    project = store.load(slug)
    answers = _side_answers(guide, project, (role,) if role else ROLES)
    shared = project._replace(answers=answers, conflicts={}, role=role or project.role)
    data = data_from_project(shared, guide.question_ids())
    exchanged = store.load_base(slug)  # what we last sent or received: our common ground
    base = {qid: exchanged[qid] for qid in answers if qid in exchanged}
    if base:
        data = {**{k: v for k, v in data.items() if k != "svar"}, "fælles": base,
                "svar": data.get("svar", {})}
    text = project_text(data)
    path = write_file(ud or Path(f"{slug}-{role or 'begge'}.yaml"), text, overskriv)
    store.update_base(slug, answers)
    make_console().print(line(("Eksporteret: ", "bold green"), f"{len(answers)} svar til {path}"))


def _read_partner_file(path: Path) -> tuple[Project, dict[str, str]]:
    """The partner's project and the common ground it declares; hardened, validated, unwritten."""
    from spredning.core.projectfile import project_from_data, shared_base
    from spredning.core.store import slugify

    data = read_user_yaml(path, "Filen", "Intet er ændret.")
    if not isinstance(data, dict):
        raise SpredningError(f"Filen {path} er ikke en projektfil fra spredning.", "Intet er ændret.")
    if "konflikter" in data:  # an export never has them: the sender's open conflicts are theirs
        raise SpredningError(f"Filen {path} indeholder uafklarede konflikter og er ikke lavet med "
                             "'spredning eksport'.", "Bed partneren afgøre dem med 'spredning "
                             "konflikter' og sende en ny eksport. Intet er ændret.")
    name = data.get("projekt", {}).get("navn", "") if isinstance(data.get("projekt"), dict) else ""
    slug = slugify(name if isinstance(name, str) else "") or "import"
    return project_from_data(data, slug, path), shared_base(data, path)


def _target(store, settings, incoming: Project) -> str | None:
    """Where to import: --projekt, a project of the same name, the active one, or None (new)."""
    if settings.project:
        return store.find(settings.project)
    if incoming.slug in store.slugs():
        return incoming.slug
    return store.active()


def _ask_conflict(console, guide: Guide):
    import questionary

    from spredning.cli.prompter import select
    from spredning.cli.render_project import conflict_view

    questions = {q.id: q for q in guide.questions()}

    def choose(conflict: Conflict) -> Choice:
        console.print(conflict_view(questions.get(conflict.question_id), conflict))
        try:
            return select("Hvilket svar skal gemmes?", [
                questionary.Choice("Vores", Choice.OURS),
                questionary.Choice("Partnerens", Choice.THEIRS),
                questionary.Choice("Begge, efter hinanden", Choice.BOTH),
                questionary.Choice("Afgør senere (gem begge udgaver)", Choice.LATER)])
        except (KeyboardInterrupt, EOFError):  # Typer would turn these into a silent exit 130
            raise Interrupted("Afbrudt. Intet er ændret i projektet.",
                              "Kør kommandoen igen, når du er klar.") from None

    return choose


def _summary(plan, postponed: int) -> str:
    parts = [f"{plan.count(Outcome.ADDED)} tilføjet", f"{plan.count(Outcome.UPDATED)} opdateret",
             f"{plan.count(Outcome.UNCHANGED)} uændret", f"{len(plan.conflicts)} konflikter"]
    later = f" ({postponed} gemt til senere: se 'spredning konflikter')" if postponed else ""
    return ", ".join(parts) + later


def importer(
    ctx: typer.Context,
    fil: Path = typer.Argument(..., metavar="FIL", help="Filen fra partneren."),
    tor: bool = typer.Option(False, "--tør", help="Vis kun, hvad der ville ske; intet gemmes."),
    ikke_interaktiv: bool = typer.Option(
        False, "--ikke-interaktiv",
        help="Spørg ikke: ved konflikt beholdes vores svar, og partnerens gemmes ved siden af."),
) -> None:
    """Hent partnerens svar ind i projektet; intet svar går tabt."""
    from rich.text import Text

    from spredning.cli.render import line, make_console

    guide = load_guide(ctx.obj.guide_dir)
    store = open_store(ctx.obj)
    order = guide.question_ids()
    incoming, declared = _read_partner_file(fil)
    console = make_console()
    slug = _target(store, ctx.obj, incoming)
    if slug is None:
        _create_from(store, incoming, guide, console, tor)
        return
    project = store.load(slug)
    plan = plan_merge(project.answers, incoming.answers, declared, project.conflicts,
                      store.load_base(slug))
    console.print(line(f"Import i projektet {project.name} ({store.path_for(slug)})", style="bold"))
    if tor:
        console.print(Text("Prøvekørsel, intet er gemt: " + _summary(plan, 0)))
        return
    interactive = not ikke_interaktiv and is_interactive()
    choose = _ask_conflict(console, guide) if interactive else (lambda c: Choice.LATER)
    postponed = resolve(plan, choose)
    expected = {qid: project.answers.get(qid) for qid in plan.new_answers}
    refused = store.save_answers(slug, plan.new_answers, expected, order, postponed)
    for conflict in refused:  # changed by someone else during the import: keep both
        postponed[conflict.question_id] = plan.new_answers[conflict.question_id]
        store.save_answers(slug, {}, {}, order, {conflict.question_id: postponed[conflict.question_id]})
    store.update_base(slug, incoming.answers)
    console.print(Text("Importeret: " + _summary(plan, len(postponed)), style="green"))


def _create_from(store, incoming: Project, guide: Guide, console, dry_run: bool) -> None:
    from spredning.cli.render import line

    role = other_role(incoming.role) if incoming.role else None
    project = incoming._replace(role=role, example=False, conflicts={})
    if dry_run:
        console.print(line(f"Prøvekørsel: et nyt projekt '{project.name}' ville blive oprettet med "
                           f"{len(project.answers)} svar. Intet er gemt."))
        return
    path = store.create(project, guide.question_ids())
    store.set_active(project.slug)
    store.update_base(project.slug, incoming.answers)
    console.print(line(f"Nyt projekt oprettet fra filen: {project.name} ({path}), "
                       f"{len(project.answers)} svar. Det er nu det aktive projekt.", style="green"))


def konflikter(ctx: typer.Context) -> None:
    """Vis (og i en terminal: afgør) svar, hvor partneren har en anden udgave."""
    from rich.text import Text

    from spredning.cli.render import make_console
    from spredning.cli.render_project import conflict_view

    guide = load_guide(ctx.obj.guide_dir)
    store = open_store(ctx.obj)
    slug = store.resolve(ctx.obj.project)
    project = store.load(slug)
    console = make_console()
    pending = [Conflict(qid, project.answers.get(qid, ""), theirs)
               for qid, theirs in project.conflicts.items()]
    if not pending:
        console.print(Text("Der er ingen uafklarede konflikter.", style="green"))
        return
    if not is_interactive():
        questions = {q.id: q for q in guide.questions()}
        for conflict in pending:
            console.print(conflict_view(questions.get(conflict.question_id), conflict))
        console.print(Text("Afgør dem i en terminal med 'spredning konflikter'."))
        return
    changes, cleared = _decide(pending, _ask_conflict(console, guide))
    expected = {qid: project.answers.get(qid) for qid in changes}
    store.save_answers(slug, changes, expected, guide.question_ids(), cleared)
    console.print(Text(f"{len(cleared)} konflikter afgjort.", style="green"))


def _decide(pending: list[Conflict], choose) -> tuple[dict[str, str], dict[str, None]]:
    """Ask about each stored conflict: the answers to write and the conflicts to clear."""
    changes, cleared = {}, {}
    for conflict in pending:
        choice = choose(conflict)
        if choice is Choice.LATER:
            continue
        cleared[conflict.question_id] = None
        if choice is Choice.THEIRS:
            changes[conflict.question_id] = conflict.theirs
        elif choice is Choice.BOTH:
            changes[conflict.question_id] = combine(conflict.ours, conflict.theirs)
    return changes, cleared


def register(app: typer.Typer) -> None:
    """Add eksport, importer and konflikter to the app."""
    app.command("eksport", cls=dansk.DanishCommand)(eksport)
    app.command("importer", cls=dansk.DanishCommand)(importer)
    app.command("konflikter", cls=dansk.DanishCommand)(konflikter)
