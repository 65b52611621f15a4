"""``spredning start``, ``spredning projekter`` and ``spredning projekt brug NAVN``."""

from __future__ import annotations

import typer

from spredning.cli import typer_compat as dansk
from spredning.cli.commands.common import ROLE_HELP, is_interactive, open_store, parse_role
from spredning.core.content import load_guide
from spredning.core.errors import NotATerminal, SpredningError, UsageProblem
from spredning.core.model import Project

projekt_app = typer.Typer(cls=dansk.DanishGroup, no_args_is_help=True, rich_markup_mode=None,
                          help="Skift mellem projekter.")


def _ask_missing(navn, beskrivelse, deler, genbruger, rolle):
    """Ask for the facts not given as options (only in a terminal)."""
    import questionary

    from spredning.cli.prompter import STYLE, select

    def text(message, value, instruction=None):
        if value is not None:
            return value
        return questionary.text(message, style=STYLE, instruction=instruction).unsafe_ask()

    navn = text("Projektets navn:", navn)
    beskrivelse = text("Innovationen i én linje:", beskrivelse)
    deler = text("Organisationen, der deler innovationen:", deler)
    if genbruger is None:
        answer = text("Organisation(er), der genbruger den:", None, "(adskil flere med komma)")
        genbruger = [part.strip() for part in answer.split(",") if part.strip()]
    if rolle is None:
        rolle = select("Hvilken side er du på?",
                       [questionary.Choice("Vi vil dele (vi deler innovationen)", "dele"),
                        questionary.Choice("Vi vil genbruge (vi genbruger den)", "genbruge")])
    return navn, beskrivelse, deler, genbruger, rolle


def _example_project(edition: str) -> Project:
    from importlib import resources  # here, not at the top: only --eksempel pays (~10 ms)

    from spredning.core import yamlio
    from spredning.core.projectfile import project_from_data
    from spredning.core.store import slugify

    text = resources.files("spredning").joinpath("eksempel.yaml").read_text(encoding="utf-8")
    data = yamlio.loads(text)
    name = data["projekt"]["navn"]
    project = project_from_data(data, slugify(name), resources.files("spredning"))
    answers = {qid: text.strip() for qid, text in project.answers.items()}
    return project._replace(guide_edition=edition, answers=answers)


def start(
    ctx: typer.Context,
    navn: str | None = typer.Option(None, "--navn", help="Projektets navn."),
    beskrivelse: str | None = typer.Option(None, "--beskrivelse",
                                           help="Innovationen beskrevet i én linje."),
    deler: str | None = typer.Option(None, "--deler", help="Organisationen, der deler."),
    genbruger: list[str] | None = typer.Option(
        None, "--genbruger", help="Organisation, der genbruger (kan gentages)."),
    rolle: str | None = typer.Option(None, "--rolle", "-r", metavar="dele|genbruge",
                                     help=ROLE_HELP + " Bliver standard for 'fase'."),
    eksempel: bool = typer.Option(False, "--eksempel",
                                  help="Opret et udfyldt eksempelprojekt at prøve programmet på."),
) -> None:
    """Start et nyt projekt, og gør det aktivt."""
    from rich.text import Text

    from spredning.cli.render import line, make_console
    from spredning.core.store import slugify

    guide = load_guide(ctx.obj.guide_dir)
    store = open_store(ctx.obj)
    role = parse_role(rolle)
    if eksempel:
        project = _example_project(guide.edition)
    else:
        if navn is None or role is None:
            if not is_interactive():
                raise NotATerminal("Der mangler oplysninger, og der er ingen terminal at spørge i.",
                                   "Angiv dem som tilvalg, fx: spredning start --navn \"Ærø "
                                   "Kommune\" --rolle genbruge")
            navn, beskrivelse, deler, genbruger, role = _ask_missing(
                navn, beskrivelse, deler, genbruger, role)
        slug = slugify(navn or "")
        if not slug:
            raise UsageProblem("Projektets navn skal indeholde bogstaver eller tal.",
                               "Fx: spredning start --navn \"Genoptræning Ærø\"")
        project = Project(slug=slug, name=navn.strip(), description=(beskrivelse or "").strip(),
                          sharing_org=(deler or "").strip(),
                          reusing_orgs=tuple(g.strip() for g in genbruger or () if g.strip()),
                          role=role, guide_edition=guide.edition)
    path = store.create(project, guide.question_ids())
    store.set_active(project.slug)
    console = make_console()
    console.print(line(("Projektet er oprettet: ", "bold green"), project.name))
    console.print(line(f"Filen er {path}", style="dim"))
    if project.example:
        console.print(Text.assemble("Prøv ", ("spredning status", "bold"), ", ",
                                    ("spredning vis", "bold"), " og ",
                                    ("spredning rapport --format html", "bold"), "."))
        return
    first = f"spredning fase {guide.phases[0].id} --rolle {project.role or 'genbruge'}"
    console.print(Text.assemble("Næste skridt: ", (first, "bold"),
                                "  (se også 'spredning status')"))


def projekter(ctx: typer.Context) -> None:
    """Vis alle projekter med deres fremdrift; det aktive er markeret med ▶."""
    from spredning.cli.render import line, make_console
    from spredning.cli.render_project import project_list
    from spredning.core.model import Progress

    guide = load_guide(ctx.obj.guide_dir)
    store = open_store(ctx.obj)
    console = make_console()
    slugs = store.slugs()
    if not slugs:
        console.print(line(f"Der er ingen projekter i {store.home} endnu. "
                           "Start et med 'spredning start'."))
        return
    ids = frozenset(guide.question_ids())
    rows = [(slug, s, Progress(len(s.answered & ids), len(ids))
             if not isinstance(s, SpredningError) else None)
            for slug, s in store.summaries(slugs)]
    console.print(project_list(rows, store.active()))
    console.print(line(f"Mappe: {store.home}", style="dim"))


@projekt_app.command("brug", cls=dansk.DanishCommand)
def brug(ctx: typer.Context,
         navn: str = typer.Argument(..., metavar="NAVN", help="Projektets navn eller filnavn.")):
    """Gør et andet projekt aktivt."""
    from spredning.cli.render import line, make_console

    store = open_store(ctx.obj)
    slug = store.find(navn)
    project = store.load(slug)
    store.set_active(slug)
    make_console().print(line(("Aktivt projekt: ", "bold"), project.name))


def register(app: typer.Typer) -> None:
    """Add the project commands to the app."""
    app.command("start", cls=dansk.DanishCommand)(start)
    app.command("projekter", cls=dansk.DanishCommand)(projekter)
    app.add_typer(projekt_app, name="projekt")
