"""``spredning projekter``: every project with its progress."""

from __future__ import annotations

import typer
from rich.text import Text

from spredning.app import project_restore, projects
from spredning.cli import typer_compat
from spredning.cli.commands.commandline import command
from spredning.cli.commands.workspace import tell_odd_files, workspace
from spredning.cli.console import make_console, say
from spredning.cli.render_text import print_fitted, print_said, print_whole
from spredning.core.errors import SpredningError
from spredning.core.shellwords import shell_word
from spredning.i18n import t


def projekter(
    ctx: typer.Context,
    ingen_pager: bool = typer.Option(False, "--ingen-pager", help=t("help.pager")),
) -> None:
    """Vis alle projekter med deres fremdrift; det aktive er markeret med ▶."""
    from spredning.cli.pager import paged
    from spredning.cli.render_project import project_list
    from spredning.cli.render_text import commands_whole
    from spredning.core.store import Summary
    from spredning.i18n import bare_program

    ws = workspace(ctx)
    console = make_console()
    rows, active = projects.project_rows(ws)
    odd = projects.odd_rows(ws.store, [(row.slug, row.summary) for row in rows])
    if not rows:
        if odd:  # a project under another name is not "nothing": each file, and what to do with it
            console.print(say("projects.none-but-odd", style="yellow", home=str(ws.store.shown_home)))
            tell_odd_files(console, odd)
            return
        _tell_none(console, ws)
        return
    with paged(console, not ingen_pager) as out:
        for block in project_list(rows, active, out.width):
            # crop=False: the list's lines already fit the width (see render_text.Lines)
            out.print(block, crop=False)
        print_whole(out, say("projects.folder", style="dim", home=str(ws.store.shown_home)))
        if any(row.copies for row in rows):  # one project in several files: which one gets the answers
            print_whole(out, say("projects.copies-hint", style="yellow"))
        tell_odd_files(out, odd)
        for row in rows:  # a folder (or a device) under a project file's name, as every command names it
            if isinstance(row.summary, SpredningError) and row.summary.key == "project.not-regular":
                print_fitted(
                    out, t("projects.not-regular-file", path=row.file), row.file, style="yellow", rest=""
                )
        broken = [
            row.slug
            for row in rows
            if isinstance(row.summary, SpredningError) and row.summary.key != "project.not-regular"
        ]
        if broken:  # the list gives a few words: the whole reason and what to do, with this
            _tell_broken(out, broken)
        for row in rows:  # a partner's export saved here: the command to import it, kept whole
            if isinstance(row.summary, Summary) and row.summary.exchange:
                hint = t(
                    "projects.exchange-hint", command=command("importer", shell_word(row.file), project=None)
                )
                shown = commands_whole(
                    Text(hint, style="yellow"), console.width, bare_program(), console.is_terminal
                )
                out.print(shown, soft_wrap=True)


def _tell_none(console, ws) -> None:
    """No project in the folder: how to start one, and, when one was removed, how it comes back."""
    start_command = command("start", project=None)
    removed = project_restore.kept(ws)
    if not removed:
        said = say("projects.none", home=str(ws.store.shown_home), command=start_command)
        print_said(console, said, start_command)
        return
    several = len(removed) > 1  # not "yet": the last one was removed; 'projekt gendan' alone lists them
    restore = command("projekt", "gendan", *([] if several else [removed[0].slug]), project=None)
    key = "projects.none-removed-several" if several else "projects.none-removed"
    said = say(key, home=str(ws.store.shown_home), restore=restore, command=start_command)
    print_said(console, said, (restore, start_command))


def _tell_broken(out, broken: list[str]) -> None:
    """The command that says what is wrong with each file the list could not read, each file's own."""
    sees = [command("status", project=slug) for slug in broken]  # runs as copied: no placeholder
    if len(sees) == 1:
        print_fitted(out, t("projects.unreadable-hint", command=sees[0]), sees[0], style="yellow", rest="")
        return
    print_fitted(out, t("projects.unreadable-hint-each"), None, style="yellow", rest="")
    for see in sees:
        print_fitted(out, see, see, style="yellow", first="  ", rest="  ")


def register(app: typer.Typer) -> None:
    """Add the projekter command to the app."""
    app.command("projekter", cls=typer_compat.DanishCommand, help=t("help.projekter"))(projekter)
