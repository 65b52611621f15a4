"""``spredning start`` (its options: start_options; its questions: start_asking).

``projekter`` is in projects_list, the ``projekt`` commands in project_settings.
"""

from __future__ import annotations

import typer
from rich.text import Text

from spredning.app import projects
from spredning.app.projects import NewProject
from spredning.cli import typer_compat
from spredning.cli.commands.asking import is_interactive
from spredning.cli.commands.commandline import command
from spredning.cli.commands.names import phase_word
from spredning.cli.commands.start_asking import ask
from spredning.cli.commands.start_options import (
    Given,
    check_name,
    check_organisation,
    close_side,
    fields_to_correct,
    given_role,
    options_wrong,
    said,
    something_missing,
    start_command,
    typed_command,
)
from spredning.cli.commands.workspace import tell_missing_names, workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_said
from spredning.core.errors import Message, NotATerminal, UsageProblem
from spredning.i18n import t


def start(
    ctx: typer.Context,
    navn: str | None = typer.Option(None, "--navn", metavar=t("metavar.name"), help=t("help.start.navn")),
    beskrivelse: str | None = typer.Option(
        None, "--beskrivelse", metavar=t("metavar.text"), help=t("help.start.beskrivelse")
    ),
    deler: str | None = typer.Option(None, "--deler", metavar=t("metavar.name"), help=t("help.start.deler")),
    genbruger: list[str] | None = typer.Option(
        None, "--genbruger", metavar=t("metavar.name"), help=t("help.start.genbruger")
    ),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.start.rolle")
    ),
    organisation: str | None = typer.Option(
        None, "--organisation", metavar=t("metavar.name"), help=t("help.start.organisation")
    ),
    eksempel: bool = typer.Option(False, "--eksempel", help=t("help.start.eksempel")),
) -> None:
    """Start et nyt projekt, og gør det aktivt."""
    ws = workspace(ctx, new_home=True)
    console = make_console()
    if eksempel:
        options = {"--navn": navn, "--beskrivelse": beskrivelse, "--deler": deler, "--genbruger": genbruger}
        options |= {"--rolle": rolle, "--organisation": organisation}
        extra = [option for option, value in options.items() if value is not None]
        if extra:  # the example project has its own facts: what was given is refused, never dropped
            raise UsageProblem("start.example-with-options", options=extra)
        started = projects.start_example(ws)
        tried = tuple(
            command(*words, project=None) for words in (["status"], ["vis"], ["rapport", "--format", "html"])
        )
        _tell_started(
            console,
            ws,
            started,
            say("start.try-example", first=tried[0], second=tried[1], third=tried[2]),
            tried,
        )
        return
    interactive, asked = is_interactive(), False
    role, wrong_role = given_role(rolle)  # in a terminal a wrong side is asked, why said
    new = NewProject(navn or "", beskrivelse or "", deler or "", tuple(genbruger or ()), role, organisation)
    given = Given(beskrivelse is not None, deler is not None, genbruger is not None)
    problems = options_wrong(ws, new, navn is not None, interactive, wrong_role, given)
    if navn is None or new.role is None or something_missing(new, given) or (interactive and problems):
        ws.home()  # a projects folder that cannot be used is said first, before any question
        if not interactive and (navn is None or new.role is None):
            raise NotATerminal("start.no-terminal", command=start_command(new))
        if interactive:
            # what the options got wrong, before any question: each field opens holding it, to correct
            new, given, to_correct = fields_to_correct(ws, new, given, named=navn is not None)
            to_correct |= {
                wrong.field: (close_side(wrong), said(wrong.problem) or "") for wrong in wrong_role
            }
            answered = ask(ws, new, given, to_correct)
            if isinstance(answered, str):  # the user goes on with the project that has the name
                project = projects.use(ws, answered)
                with after_work(console):
                    status = command("status", project=None)  # made active
                    print_said(console, say("start.going-on", name=project.name, command=status), status)
                return
            new, asked = answered, True
    check_name(new)
    check_organisation(new)
    try:
        started = projects.start(ws, new)
    except UsageProblem as which:  # several reusing organisations, none said to be ours
        if which.key == "start.which-organisation":
            which.hint = Message("start.which-organisation.command", {"command": start_command(new)})
        elif which.key == "start.name-taken" and asked:  # made in another window while this one asked
            again = typed_command(new._replace(name=""))  # the name asked again, the rest as typed
            which.hint = Message("start.name-taken-meanwhile", {"command": again, **which.params})
        raise
    role = started.local.side or "genbruge"
    first_phase = command(
        "fase", phase_word(ws.guide.phases[0]), "--rolle", role, project=None
    )  # the new one
    status = command("status", project=None)
    next_step = say("start.next", command=first_phase, status=status)
    _tell_started(console, ws, started, next_step, (first_phase, status))
    tell_missing_names(console, started.project, started.local.side, None)


def _tell_started(console, ws, started, next_step: Text, commands: tuple[str, ...]) -> None:
    """A project made: its name, its file and what to do next, its `commands` whole (see after_work).

    A removed project of the same name is said too: it is not this one, and how it comes back.
    """
    with after_work(console):
        console.print(say("start.created", style="bold green", name=started.project.name))
        print_said(console, say("start.file", style="dim", path=str(started.path)), str(started.path))
        _tell_namesake(console, ws, started.project)
        print_said(console, next_step, commands)


def _tell_namesake(console, ws, project) -> None:
    """A removed project with the new one's name: still kept, and the gendan that brings it back."""
    from spredning.app import project_restore
    from spredning.core.shellwords import shell_word

    kept = project_restore.namesake(ws, project)
    if kept is None:
        return
    name = project_restore.suggested_name(ws, kept) if project_restore.taken(ws, kept) else None
    again = ("--navn", shell_word(name)) if name else ()
    restore = command("projekt", "gendan", kept.folder.name, *again, project=None)
    removed = project_restore.described(kept)
    print_said(console, say("start.removed-namesake", removed=removed, restore=restore), restore)


def register(app: typer.Typer) -> None:
    """Add the start command to the app."""
    app.command("start", cls=typer_compat.DanishCommand, help=t("help.start"))(start)
