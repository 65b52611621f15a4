"""The ``projekt`` commands: brug, side, deler, genbruger, fjern-genbruger; fjern and flet (project_files).

A module of its own so that ``start`` and ``projekter`` (project.py) import none of it.
"""

from __future__ import annotations

import typer

from spredning.app import projects
from spredning.cli import typer_compat
from spredning.cli.commands import project_files
from spredning.cli.commands.asking import interrupted_as, is_interactive
from spredning.cli.commands.commandline import command
from spredning.cli.commands.files import written_path
from spredning.cli.commands.names import parse_role
from spredning.cli.commands.partners import tell_drafts_returned
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_said
from spredning.core.errors import Message, NotATerminal, UsageProblem
from spredning.core.model import Partner
from spredning.core.shellwords import path_word, shell_word
from spredning.core.textsafe import clean_name
from spredning.i18n import t

projekt_app = typer.Typer(cls=typer_compat.DanishGroup, no_args_is_help=True, rich_markup_mode=None)


@projekt_app.command("brug", cls=typer_compat.DanishCommand, help=t("help.projekt.brug"))
def brug(
    ctx: typer.Context,
    navn: str = typer.Argument(..., metavar=t("metavar.name"), help=t("help.projekt.brug.navn")),
):
    """Gør et andet projekt aktivt."""
    ws = workspace(ctx)
    project = projects.use(ws, navn)
    console = make_console()
    with after_work(console):
        if projects.has_namesake(ws, project):  # which of two of that name: its file says (a trial)
            file = ws.store.path_for(project.slug).name
            print_said(console, say("projekt.active-file", name=project.name, file=file), file)
        else:
            console.print(say("projekt.active", name=project.name))


@projekt_app.command("side", cls=typer_compat.DanishCommand, help=t("help.projekt.side"))
def side(
    ctx: typer.Context,
    rolle: str = typer.Argument(..., metavar="dele|genbruge", help=t("help.projekt.side.rolle")),
    organisation: str | None = typer.Option(
        None, "--organisation", metavar=t("metavar.name"), help=t("help.projekt.side.organisation")
    ),
    ny: bool = typer.Option(False, "--ny", help=t("help.projekt.side.ny")),
    ja: bool = typer.Option(False, "--ja", help=t("help.projekt.side.ja")),
):
    """Sig, hvilken side (og hvilken genbrugende organisation) I er på denne computer."""
    from spredning.cli.render_project import org_name

    role = parse_role(rolle)
    assert role is not None  # a required argument: parse_role refuses anything else
    ws = workspace(ctx)
    console = make_console()
    try:
        done = _set_side(ws, console, role, organisation, ny, ja)
    except projects.CloseName as close:
        meant = _meant(console, close)
        if meant is None:
            return
        done = _set_side(ws, console, role, close.name if meant is NEW else meant.key, meant is NEW, ja)
    except UsageProblem as which:  # several reusing organisations, none named: which one (asked, or said)
        if which.key != "side.which-organisation":
            raise
        done = _set_side(ws, console, role, _which_organisation(ws, which), False, ja)
    if done is None:  # the user kept this computer's organisation
        return
    project, state = done.project, done.state
    with after_work(console):
        if done.named:
            console.print(say("projekt.sharing-named", name=clean_name(project.sharing_org)))
        if done.added:
            console.print(say("projekt.reusing-added", name=org_name(project, state.me or "dele")))
        console.print(
            say("projekt.side-set", side=t(f"role.{state.side}"), org=org_name(project, state.me or "dele"))
        )
        if done.left is not None:
            remove = command("projekt", "fjern-genbruger", done.left.key)
            holds = project_files.content_words(done.left_holds) if done.left_holds is not None else []
            key = "projekt.left-behind-holds" if holds else "projekt.left-behind"
            left = say(
                key, style="dim" if not holds else "yellow", name=done.left.name, what=holds, command=remove
            )
            print_said(console, left, remove)


def _which_organisation(ws, which: UsageProblem) -> str:
    """Which reusing organisation this computer is, of the project's several: asked in a terminal.

    Without one, refused with the command that names the first of them (all are named above it).
    """
    partners = ws.open().project.partners
    if not is_interactive():
        named = command("projekt", "side", "genbruge", "--organisation", shell_word(partners[0].name))
        which.hint = Message("side.which-organisation.command", {"command": named})
        raise which
    import questionary

    from spredning.cli.prompts.simple import select

    with interrupted_as("side.switch-interrupted"):  # 'Intet er ændret'
        choices = [questionary.Choice(clean_name(p.name or p.key), p.key) for p in partners]
        return str(select(t("side.ask-which-organisation"), choices))


def _set_side(
    ws, console, role: str, organisation: str | None, new: bool, sure: bool
) -> projects.SideSet | None:
    """projects.set_side; a computer that has been the other side's organisation changes only after a yes.

    A terminal asks (No first); a script is refused and told the command with --ja. None: kept.
    """
    try:
        return projects.set_side(ws, role, organisation, new, switch=sure)
    except projects.SideSwitch as switch:
        was, now, n = (_shown(switch.params[key]) for key in ("was", "now", "n"))
        side = t(f"role.{switch.params['side']}")
        named = switch.now_key or (
            path_word(organisation) if organisation else None
        )  # "x y" in a hint's quotes
        words = ["projekt", "side", role, *(["--organisation", named] if named else [])]
        again = command(*words, *(["--ny"] if new and not switch.now_key else []), "--ja")
        if not is_interactive():
            raise NotATerminal(
                "side.switch-no-terminal", was=was, side=side, now=now, n=n, command=again
            ) from None
        from questionary import Choice

        from spredning.cli.prompts.simple import select

        with interrupted_as("side.switch-interrupted"):
            console.print(say("side.switch-was", style="yellow", was=was, side=side, now=now, n=n))
            sure = select(
                t("side.switch-question", now=now),
                [Choice(t("side.switch-no", was=was), False), Choice(t("side.switch-yes", now=now), True)],
            )
        if not sure:
            console.print(say("side.switch-kept", was=was))
            return None
        return projects.set_side(ws, role, organisation, new, switch=True)


def _shown(value: object) -> object:
    """An organisation's name as a choice shows it: one clean line (a Message or a count as it is)."""
    return clean_name(value) if isinstance(value, str) else value


@projekt_app.command("deler", cls=typer_compat.DanishCommand, help=t("help.projekt.deler"))
def deler(
    ctx: typer.Context,
    navn: str = typer.Argument(..., metavar=t("metavar.name"), help=t("help.projekt.deler.navn")),
):
    """Skriv eller ret navnet på den organisation, der deler innovationen."""
    project, before = projects.set_sharing_name(workspace(ctx), navn)
    name = clean_name(project.sharing_org)
    console = make_console()
    with after_work(console):
        if project.sharing_org == before:
            console.print(say("projekt.sharing-unchanged", name=name))
            return
        if before.strip():
            console.print(say("projekt.sharing-renamed", name=name, before=clean_name(before)))
        else:
            console.print(say("projekt.sharing-set", name=name))
        console.print(say("projekt.sharing-travels", style="dim"))


@projekt_app.command("genbruger", cls=typer_compat.DanishCommand, help=t("help.projekt.genbruger"))
def genbruger(
    ctx: typer.Context,
    navn: str = typer.Argument(..., metavar=t("metavar.name"), help=t("help.projekt.genbruger.navn")),
    ny: bool = typer.Option(False, "--ny", help=t("help.projekt.genbruger.ny")),
):
    """Tilføj en genbrugende organisation (en ny partner) til projektet."""
    ws = workspace(ctx)
    console = make_console()
    try:
        added = projects.add_partner(ws, navn, ny)
    except projects.CloseName as close:
        meant = _meant(console, close)
        if meant is not NEW:
            if meant is not None:
                sharing = close.key == "partner.close-sharing"
                kept = "partner.close-sharing-kept" if sharing else "partner.close-kept"
                console.print(say(kept, name=meant.name or meant.key))
            return
        added = projects.add_partner(ws, close.name, True)
    partner = added.partner
    send = command("eksport", "--partner", partner.key)
    with after_work(console):
        print_said(
            console, say("projekt.partner-added", name=partner.name, key=partner.key, command=send), send
        )
        tell_drafts_returned(console, ws, ws.slug(), added.returned)


@projekt_app.command(
    "fjern-genbruger", cls=typer_compat.DanishCommand, help=t("help.projekt.fjern-genbruger")
)
def fjern_genbruger(
    ctx: typer.Context,
    navn: str = typer.Argument(..., metavar=t("metavar.name"), help=t("help.projekt.fjern-genbruger.navn")),
    ja: bool = typer.Option(False, "--ja", help=t("help.projekt.fjern-genbruger.ja")),
):
    """Fjern en genbrugende organisation, der er kommet med ved en fejl, og dens dialog."""
    ws = workspace(ctx)
    try:
        asked = projects.removal(ws, navn)
    except UsageProblem as ours:
        if ours.key == "partner.remove-ourselves":
            ours.hint = _other_organisation(ws, str(ours.params["name"]))
        raise
    name = asked.partner.name or asked.partner.key
    holds = project_files.content_words(asked.content)
    console = make_console()
    if holds and not ja:
        again = command("projekt", "fjern-genbruger", asked.partner.key, "--ja")
        if not is_interactive():
            raise NotATerminal("partner.remove-no-terminal", name=name, what=holds, command=again)
        from questionary import Choice

        from spredning.cli.prompts.simple import select

        with interrupted_as("partner.remove-interrupted"):
            console.print(say("partner.remove-holds", style="yellow", name=name, what=holds))
            sure = select(
                t("partner.remove-question", name=name),
                [Choice(t("partner.remove-no"), False), Choice(t("partner.remove-yes", name=name), True)],
            )
        if not sure:
            console.print(say("partner.remove-kept", name=name))
            return
    removed = projects.remove_partner(ws, navn, asked.content)
    with after_work(console):
        if holds:
            console.print(say("partner.removed-with", style="bold green", name=name, what=holds))
        else:
            console.print(say("partner.removed", style="bold green", name=name))
        if removed.backup is not None:
            shown = written_path(removed.backup)
            print_said(console, say("partner.removed-backup", path=shown), shown)
        if removed.drafts is not None:  # the file holds what was counted: drafts, reasons or both
            shown = written_path(removed.drafts)
            kept = [
                t(key, n=count)
                for key, count in (
                    ("partner.returned.drafts", removed.content.drafts),
                    ("partner.returned.reasons", removed.content.reasons),
                )
                if count
            ]
            print_said(console, say("partner.removed-drafts", what=kept, path=shown), shown)
        back = "partner.removed-comes-back-drafts" if removed.drafts else "partner.removed-comes-back"
        console.print(say(back, style="dim", name=name))


projekt_app.command("fjern", cls=typer_compat.DanishCommand, help=t("help.projekt.fjern"))(
    project_files.fjern
)
projekt_app.command("gendan", cls=typer_compat.DanishCommand, help=t("help.projekt.gendan"))(
    project_files.gendan
)
projekt_app.command("flet", cls=typer_compat.DanishCommand, help=t("help.projekt.flet"))(project_files.flet)


def _other_organisation(ws, ours: str) -> Message:
    """The hint when the organisation to remove is this computer's own: how to say we are another.

    The command names the project's other reusing organisation (the first, all named) when it
    has one; else the words say to write our name after --organisation.
    """
    others = [p.name or p.key for p in ws.open().project.partners if (p.name or p.key) != ours]
    if not others:
        return Message(
            "partner.remove-ourselves.name", {"command": command("projekt", "side", "genbruge"), "name": ours}
        )
    said = command("projekt", "side", "genbruge", "--organisation", shell_word(others[0]))
    return Message("partner.remove-ourselves.other", {"command": said, "names": others, "name": ours})


NEW = Partner("", "")  # _meant's answer: the name typed is a new organisation after all
_NOTHING = Partner("", "")  # the choice to do nothing (questionary takes a value of None as the title)

# What _meant asks for each kind of close name: the question, and its choices (a known one, the
# name as a new organisation, nothing).
CLOSE_WORDS = {
    "side.close-name": ("side.close-question", "side.close-use", "side.close-new", "close-name.cancel"),
    "partner.close-name": (
        "partner.close-question",
        "partner.close-use",
        "partner.close-new",
        "close-name.cancel",
    ),
    "partner.close-sharing": (
        "partner.close-sharing-question",
        "partner.close-sharing-use",
        "partner.close-new",
        "close-name.cancel",
    ),
}


def _meant(console, close: projects.CloseName) -> Partner | None:
    """Which organisation a name close to a known one meant: a known one, NEW, or None (nothing done).

    Without a terminal the command is refused (its hint names the way to add the name on purpose).
    """
    if not is_interactive():
        raise close
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    question, use_one, add_new, cancel = CLOSE_WORDS[close.key]
    choices = [Choice(t(use_one, name=p.name or p.key), p) for p in close.close]
    choices += [Choice(t(add_new, name=close.name), NEW), Choice(t(cancel), _NOTHING)]
    with interrupted_as("close-name.interrupted"):
        meant = select(t(question, name=close.name, close=close.params["close"]), choices)
    if meant is _NOTHING:
        console.print(say("close-name.nothing"))
        return None
    return meant


def register(app: typer.Typer) -> None:
    """Add the ``projekt`` group to the app."""
    app.add_typer(projekt_app, name="projekt", help=t("help.projekt"))
