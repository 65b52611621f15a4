"""The workspace a command works in, and what it tells on stderr: notices, files kept aside, odd files."""

from __future__ import annotations

import contextlib
from pathlib import Path

from spredning import i18n
from spredning.app.workspace import Workspace
from spredning.cli.commands.commandline import NAMED, NamedProject, command
from spredning.cli.commands.files import written_path
from spredning.cli.commands.names import remember_guide
from spredning.core.errors import Message, SpredningError
from spredning.core.model import Project
from spredning.core.salvage import Salvage
from spredning.core.shellwords import path_word
from spredning.i18n import t


def workspace(ctx, *, new_home: bool = False) -> Workspace:
    """The workspace the global options chose; when the command ends, files kept aside are told.

    new_home: the command makes a new project, so the chosen folder's last level may be created.
    """
    ws = Workspace(ctx.obj, checked=True, new_home=new_home, notice=tell_notice, waiting=tell_waiting)
    remember_guide(ws.settings.guide_dir)
    ctx.call_on_close(lambda: tell_kept_files(ws))  # also after an error or an interrupt
    if ctx.obj.project is not None:  # from here on the project named is its file name (its slug):
        with contextlib.suppress(SpredningError):  # hints repeat it as one shell word, never quoted
            slug = ws.slug()  # (a name not found: the command says so itself)
            ctx.obj = ws.settings = ctx.obj._replace(project=slug)  # found by its file: not looked up again
            i18n.set_named_project(slug)
    return ws


def tell_notice(message: Message) -> None:
    """Say a notice from the workspace on stderr: a guide shown in Danish for want of a translation."""
    from spredning.cli.console import make_console, said

    make_console(stderr=True).print(said(message, style="yellow"))


def tell_waiting(path: Path) -> None:
    """Say, on stderr, that a change waits for another window's lock on the project (store.on_wait).

    Without a word the program would seem to hang for up to the lock's timeout. Not said while a
    prompt is drawn (a draft kept at a stop in a field): the words would break into its lines.
    """
    import sys

    from spredning.cli.console import make_console, say
    from spredning.cli.render_text import print_said

    if "prompt_toolkit.application.current" in sys.modules:
        from prompt_toolkit.application.current import get_app_or_none

        if get_app_or_none() is not None:
            return
    shown = written_path(path)
    print_said(make_console(stderr=True), say("store.waiting", style="dim", path=shown), shown)


def tell_kept_files(ws: Workspace) -> None:
    """Say once, on stderr, where this run kept a file aside.

    A project file not in the program's own form (edited by hand) is kept as a backup before it is
    written; a state file that could not be read is moved aside (see local.py). Each is said once,
    whether after the work (fase) or when the command ends (see workspace).
    """
    from spredning.cli.console import make_console, say
    from spredning.cli.render_text import print_said

    tell_went_back(ws)
    tell_not_remembered(ws)
    kept, backups = ws.untold_files()
    if kept or backups:
        console = make_console(stderr=True)
        for path in backups:
            shown = written_path(path)
            print_said(console, say("store.backup", style="dim", path=shown), shown)
        for path in kept:
            shown = written_path(path)
            found = ws.salvaged(path)
            if found is not None:
                tell_salvaged(console, ws, found, shown, path)
                continue
            kind = ws.kept_kind(path)
            if kind is not None:  # a folder or a pipe where the file goes: moved aside as it was
                what = Message(f"files.kind.{kind}")
                told = say("local.kept-not-a-file", style="yellow", path=shown, kind=what)
                print_said(console, told, shown)
                see = command("status")
                print_said(console, say("local.kept-not-a-file.hint", style="dim", command=see), see)
                continue
            print_said(console, say("local.kept-damaged", style="yellow", path=shown), shown)
            console.print(say("local.kept-damaged.hint", style="dim"))


def tell_salvaged(console, ws: Workspace, found: Salvage, shown: str, kept: Path) -> None:
    """Tell what was read back from a damaged state file (drafts, reasons), what was not, and where it is.

    Lines of the user's text that could not be read are named for the user to look up; lines of the
    program's own notes are named with what losing them means, and nothing is asked of the user.
    """
    from spredning.app.views import dialogue_names, salvaged_consequences, salvaged_texts
    from spredning.cli.console import say
    from spredning.cli.render_text import print_said, print_whole

    if found.empty:
        print_said(console, say("local.salvaged.empty", style="yellow", path=shown), shown)
        console.print(say("local.salvaged.empty.hint", style="dim"))
        return
    print_said(console, say("local.salvaged", style="yellow", path=shown), shown)
    items = salvaged_texts(ws.guide, found, dialogue_names(ws, kept))
    lines = [str(first) if first == last else f"{first}-{last}" for first, last in found.lost]
    if items:
        print_whole(console, say("local.salvaged.texts", n=len(items), items=items))
    else:
        console.print(say("local.salvaged.no-texts.lost" if lines else "local.salvaged.no-texts"))
    if lines:
        count = sum(last - first + 1 for first, last in found.lost)
        console.print(say("local.salvaged.lost", style="yellow", n=count, lines=lines))
    console.print(say("local.salvaged.hint.lost" if lines else "local.salvaged.hint", style="dim"))
    if found.forgotten:  # the program's own notes: what losing them means, nothing to copy
        count = sum(last - first + 1 for first, last in found.forgotten)
        notes = [str(first) if first == last else f"{first}-{last}" for first, last in found.forgotten]
        told = salvaged_consequences(found)
        print_whole(
            console, say("local.salvaged.forgotten", style="dim", n=count, lines=notes, consequences=told)
        )


def tell_not_remembered(ws: Workspace) -> None:
    """Warn, on stderr, that a helper file of this computer's could not be written after the work.

    The work is done (the answer saved, the file written); what this computer remembers about it
    is not, so the user hears what that means and what to do, once per file.
    """
    from spredning.cli.console import make_console, say
    from spredning.cli.render_text import print_said
    from spredning.core.errors import NO_ACCESS

    found = ws.untold_not_remembered()
    if not found:
        return
    console = make_console(stderr=True)
    for item in found:
        shown = written_path(item.path)
        if item.active:
            key = "local.not-active" if item.reason else "local.not-active.problem"
            use = command("status", project=item.slug)
            print_said(console, say(key, style="yellow", path=shown, problem=item.problem), shown)
            print_said(console, say("local.not-active.hint", style="dim", command=use), use)
            continue
        folder = written_path(item.path.parent)
        key = "local.not-remembered" if item.reason else "local.not-remembered.problem"
        print_said(console, say(key, style="yellow", path=shown, problem=item.problem), shown)
        console.print(say("local.not-remembered.hint", style="dim"))
        if item.reason and item.problem.key in NO_ACCESS:  # who to ask, as for any file
            print_said(console, say("local.not-remembered.access", style="dim", folder=folder), folder)
        else:
            console.print(say("local.not-remembered.other", style="dim"))


def tell_went_back(ws: Workspace) -> None:
    """Warn, on stderr, of a project file that seems to have been replaced by an older copy of it.

    This computer gave some of its answers newer versions than the file now holds (a sync program's
    "restore previous version" can do that): the user is told which, and where the newer ones may
    be. Nothing is written over; each finding is told once (see store.WentBack).
    """
    from spredning.app.views import slot_place
    from spredning.cli.console import make_console, say
    from spredning.cli.render_text import print_whole
    from spredning.core import followup

    found = ws.untold_went_back()
    if not found:
        return
    console = make_console(stderr=True)
    for item in found:
        places = [slot_place(ws.guide, item.project, slot) for slot in item.slots]
        # the follow-up's records (an action, a mark) are no answers: the list names each (a trial)
        records = any(slot[1].partition(":")[0] in followup.KINDS for slot in item.slots)
        key = "store.went-back-follow-up" if records else "store.went-back"
        said = say(key, style="yellow", n=len(places), path=str(item.path), places=places)
        print_whole(console, said)  # a place's later lines under its text, not at the margin
        console.print(say("store.went-back.hint", style="dim"))


def tell_odd_files(console, rows) -> None:
    """Name each project file under a name the program does not use, with what to do with it.

    A copy of a project here may hold a colleague's answers (a sync service's conflict copy): they
    are brought in first, then the file can go. A project file with no project here is brought in
    as a new project (the file itself is not changed). See Store.odd_files. The file's path and
    the command are each kept whole on a line.
    """
    from spredning.cli.render_text import print_fitted

    for row in rows:
        if row.problem is not None:  # 'importer' would refuse it: why, and no advice to import it
            said = t("projects.odd-broken", path=row.path, problem=row.problem.message)
            print_fitted(console, said, row.path, style="yellow", rest="")
            continue
        bring_in = command("importer", path_word(row.path), project=None)
        if row.same is not None:
            hint = t("projects.odd-copy", path=row.path, name=row.same.name, command=bring_in)
        else:
            hint = t("projects.odd-file", path=row.path, command=bring_in)
        print_fitted(console, hint, (row.path, bring_in), style="yellow", rest="")


def tell_missing_names(
    console, project: Project, side: str | None, project_option: str | NamedProject | None = NAMED
) -> None:
    """A sharing side's project without the names start may leave out: said with the command to add each.

    `start --rolle dele` without --deler or --genbruger makes the project (partners come later),
    so `start` and `status` say what is missing.
    """
    from spredning.cli.render_text import print_fitted

    if side == "genbruge":
        return
    for missing, words in (
        (not project.sharing_org.strip(), ("projekt", "deler")),
        (not project.partners, ("projekt", "genbruger")),
    ):
        if missing:
            shown = command(*words, project=project_option)
            key = "start.sharing-missing" if words[1] == "deler" else "start.partners-missing"
            print_fitted(console, t(key, command=shown), shown, style="yellow")
