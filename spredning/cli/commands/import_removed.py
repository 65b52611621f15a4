"""A partner's file of a project removed here: brought back first, so the answers kept in it come too.

Without this, the file would become a new project beside the removed one (which holds this
organisation's own answers), and a later 'projekt gendan' would give two files of one project.
In a terminal the user is offered to bring it back and import into it, or to import the file
as a new project beside it; without one (or with --ikke-interaktiv) nothing is done, and the
commands that do either are given (the second with --nyt-projekt). A new project beside the
removed one is said after the import, with the 'projekt gendan --navn' that brings the removed
one back beside it ('projekt gendan' then gives the 'projekt flet' that joins them).
"""

from __future__ import annotations

from spredning.app import project_restore
from spredning.app.exchange.import_plan import ImportPlan
from spredning.app.exchange.planning import plan_import
from spredning.cli.commands.asking import interrupted_as
from spredning.cli.commands.commandline import command
from spredning.cli.console import say
from spredning.cli.render_text import print_said
from spredning.core.errors import Message, UsageProblem
from spredning.core.shellwords import path_word, shell_word
from spredning.i18n import t


def removed_first(
    console, ws, plan: ImportPlan, fil: str, asking: bool, project_option: str | None, new: bool
) -> tuple[ImportPlan, project_restore.Kept | None] | None:
    """The plan to import by: as it was, or (a removed project of the file's brought back) into that one.

    With it the removed project the file becomes a new project beside (`new`: --nyt-projekt, or
    chosen), to be told after the import (tell_left). `asking`: a terminal to ask in. Without one
    the import is refused, nothing changed. None: the user chose to do nothing.
    """
    kept = _removed(ws, plan)
    if kept is None or new:
        return plan, kept
    restore, again = _commands(ws, kept, fil)
    removed = project_restore.described(kept)
    empty = kept.answers == 0  # then it holds none of this organisation's answers to lose
    if not asking:
        hint = Message(
            "importer.was-removed.hint", {"restore": restore, "again": again, "new": f"{again} --nyt-projekt"}
        )
        key = "importer.was-removed-empty" if empty else "importer.was-removed"
        raise UsageProblem(key, hint=hint, path=plan.incoming.path, removed=removed)
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    with interrupted_as("importer.was-removed.interrupted"):
        here = "importer.was-removed-here-empty" if empty else "importer.was-removed-here"
        console.print(say(here, style="yellow", removed=removed))
        chosen = select(
            t("importer.was-removed.ask"),
            [
                Choice(t("importer.was-removed.yes", name=kept.name), "back"),
                Choice(t("importer.was-removed.new"), "new"),
                Choice(t("importer.was-removed.no"), "no"),
            ],
        )
    if chosen == "new":
        return plan, kept
    if chosen != "back":
        print_said(console, say("importer.was-removed.kept", restore=restore, again=again), [restore, again])
        return None
    _bring_back(console, ws, kept)
    return plan_import(ws, plan.incoming, project_option), None


def removed_dry(console, ws, plan: ImportPlan, fil: str) -> bool:
    """For 'importer --tør': the removed project the file belongs to, and how it comes back first.

    As the import says it, which imports nothing until the project is back (in a terminal it
    offers that): nothing about a new project, nor what one would get. True when it was said.
    """
    kept = _removed(ws, plan)
    if kept is None:
        return False
    restore, again = _commands(ws, kept, fil)
    dry, new = f"{again} --tør", f"{again} --tør --nyt-projekt"
    removed = project_restore.described(kept)
    said = say("importer.was-removed-dry", style="yellow", removed=removed, restore=restore, dry=dry, new=new)
    print_said(console, said, [restore, dry, new])
    return True


def new_beside(ws, plan: ImportPlan, fil: str) -> project_restore.Kept | None:
    """--nyt-projekt: refused where the file goes into a project here; the removed one it is beside."""
    if not plan.creates:
        again = command("importer", path_word(fil), project=None)
        hint = Message("importer.not-new.hint", {"again": again})
        raise UsageProblem("importer.not-new", hint=hint, path=plan.incoming.path, name=plan.project.name)
    return _removed(ws, plan)


def tell_left(console, ws, kept: project_restore.Kept | None) -> None:
    """After a file became a new project beside a removed one: that it is still there, and how it comes back.

    Under another name ('projekt gendan --navn'), as the new project has its file name: 'projekt
    gendan' then says they are one project, with the 'projekt flet' that brings its answers in.
    """
    if kept is None:
        return
    name = project_restore.suggested_name(ws, kept)
    restore = command("projekt", "gendan", kept.folder.name, "--navn", shell_word(name), project=None)
    removed = project_restore.described(kept)
    key = "importer.removed-left-empty" if kept.answers == 0 else "importer.removed-left"
    print_said(console, say(key, style="yellow", removed=removed, restore=restore), restore)


def _removed(ws, plan: ImportPlan) -> project_restore.Kept | None:
    """The newest removed project with the identity of a file that would become a new project, or None."""
    if not plan.creates or plan.incoming.legacy:  # an old file names no identity
        return None
    same = project_restore.same_identity(ws, plan.incoming.project.id)
    return same[0] if same else None


def _commands(ws, kept: project_restore.Kept, fil: str) -> tuple[str, str]:
    """The 'projekt gendan' that brings this removal back (by name when that finds it), and 'importer'."""
    try:
        found, same = project_restore.find(ws, kept.name)
    except UsageProblem:
        found, same = kept, 0
    word = shell_word(kept.name) if same == 1 and found.folder == kept.folder else kept.folder.name
    return command("projekt", "gendan", word, project=None), command("importer", path_word(fil), project=None)


def _bring_back(console, ws, kept: project_restore.Kept) -> None:
    """'projekt gendan' for the removed project, under a new name when its file name is taken now."""
    from spredning.cli.commands.project_files import tell_restored

    name = project_restore.suggested_name(ws, kept) if project_restore.taken(ws, kept) else None
    tell_restored(console, ws, project_restore.restore(ws, kept, 1, name))
