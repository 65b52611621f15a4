"""``projekt fjern`` and ``projekt flet``: a project started apart goes, its answers carried over first."""

from __future__ import annotations

import typer

from spredning.app import project_removal
from spredning.app.projects import Content
from spredning.cli.commands.asking import interrupted_as, is_interactive
from spredning.cli.commands.commandline import command, typed_words
from spredning.cli.commands.files import written_path
from spredning.cli.commands.names import phase_word
from spredning.cli.commands.partners import hint_partner
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_fitted, print_said, restore_lines
from spredning.core import local
from spredning.core.errors import Interrupted, Message, NotATerminal, SpredningError
from spredning.core.shellwords import shell_word
from spredning.i18n import t


def fjern(
    ctx: typer.Context,
    navn: str = typer.Argument(..., metavar=t("metavar.name"), help=t("help.projekt.fjern.navn")),
    ja: bool = typer.Option(False, "--ja", help=t("help.projekt.fjern.ja")),
) -> None:
    """Fjern et projekt fra mappen; filerne flyttes til en mappe for sig, så det kan hentes tilbage."""
    ws = workspace(ctx)
    asked = project_removal.removal(ws, navn)
    console = make_console()
    what = content_words(asked.holds) if asked.holds is not None else []
    kept_in = str(ws.store.shown_home / project_removal.REMOVED_FOLDER)
    if (asked.holds is None or not asked.holds.empty) and not ja:
        again = command("projekt", "fjern", shell_word(asked.slug), "--ja", project=None)
        if not is_interactive():
            key = "remove.no-terminal" if what else "remove.no-terminal-unreadable"
            raise NotATerminal(
                key, name=asked.name, what=what, command=again, folder=kept_in, path=asked.path
            )
        from questionary import Choice

        from spredning.cli.prompts.simple import select

        with interrupted_as("remove.interrupted"):
            _tell_holds(console, asked, what)
            sure = select(
                t("remove.question", name=asked.name),
                [Choice(t("remove.no"), False), Choice(t("remove.yes", name=asked.name), True)],
            )
        if not sure:
            console.print(say("remove.kept", name=asked.name))
            return
    removed = project_removal.remove(ws, navn, asked)
    with after_work(console):
        _tell_removed(console, ws, removed)


def _tell_holds(console, asked: project_removal.Removal, what: list[str]) -> None:
    """What the project holds, that it is only put aside, and how it comes back: before the question."""
    if asked.holds is None:
        said = say("remove.unreadable", style="yellow", name=asked.name, path=str(asked.path))
        print_said(console, said, str(asked.path))  # the path whole on a line, spaces and all
    else:
        console.print(say("remove.holds", style="yellow", name=asked.name, file=asked.path.name, what=what))
    # by its name, as people know it: the newest removal of a name is what that brings back
    back = command("projekt", "gendan", shell_word(asked.name), project=None)
    print_said(console, say("remove.moved-not-deleted", command=back), back)
    if asked.active:
        console.print(say("remove.is-active", style="yellow", name=asked.name))


def _tell_removed(console, ws, removed: project_removal.Removed) -> None:
    """Where the files are, how to bring them back, and which project commands work in now."""
    asked = removed.removal
    if removed.namesake is not None:  # two of that name: which one went is said by its file
        said = say(
            "remove.done-namesake",
            style="bold green",
            name=asked.name,
            slug=asked.slug,
            other=removed.namesake,
        )
        console.print(said)
    else:
        console.print(say("remove.done", style="bold green", name=asked.name))
    if removed.by_name:  # the name brings it back: no folder to name
        back = command("projekt", "gendan", shell_word(asked.name), project=None)
        print_said(console, say("remove.bring-back", command=back), back)
    else:  # removed before too (or a namesake): its folder tells which one
        folder = str(removed.folder)
        back = command("projekt", "gendan", removed.folder.name, project=None)
        said = say("remove.bring-back-folder", command=back, folder=folder, name=asked.name)
        print_said(console, said, [back, folder])
    if removed.in_git:  # the file is gone from a shared checkout: a commit would remove it for all
        console.print(say("remove.in-git", style="yellow", file=asked.path.name))
    if not asked.active:
        return
    if removed.active is not None:
        name = _name(ws, removed.active)
        console.print(say("remove.now-active", style="yellow", name=name))
    elif removed.left:
        use = command("projekt", "brug", removed.left[0], project=None)  # a real one: no placeholder to copy
        said = say("remove.choose-active", style="yellow", command=use, known=list(removed.left))
        print_said(console, said, use)
    else:
        start = command("start", project=None)
        print_said(console, say("remove.none-left", command=start), start)


def gendan(
    ctx: typer.Context,
    mappe: str | None = typer.Argument(
        None, metavar=t("metavar.restore"), help=t("help.projekt.gendan.mappe")
    ),
    navn: str | None = typer.Option(
        None, "--navn", metavar=t("metavar.name"), help=t("help.projekt.gendan.navn")
    ),
) -> None:
    """Hent et fjernet projekt tilbage fra mappen 'fjernede'; intet skrives over."""
    from spredning.app import project_restore

    ws = workspace(ctx)
    console = make_console()
    if mappe is not None:
        chosen, newest_of = project_restore.find(ws, mappe)
    else:
        chosen, newest_of = _choose_kept(console, ws, project_restore.kept(ws)), 1
    if navn is None:
        navn = _other_name(console, ws, chosen)
    restored = project_restore.restore(ws, chosen, newest_of, navn)
    with after_work(console):
        tell_restored(console, ws, restored)


def _other_name(console, ws, chosen) -> str | None:
    """The name to bring it back under when its file name is another project's now (None: it is free).

    In a terminal it is asked, a free one ('Gammelt (2)') offered to keep or type over; without
    one the refusal gives the command with --navn and that name.
    """
    from spredning.app import project_restore

    other = project_restore.taken(ws, chosen)
    if other is None:
        return None
    suggested = project_restore.suggested_name(ws, chosen)
    # when it was removed: the other project may have the same name (a new one started since)
    named = {
        "name": chosen.name,
        "other": other,
        "file": f"{chosen.slug}.yaml",
        "when": project_restore.when(chosen),
    }
    if not is_interactive():
        again = command(
            "projekt", "gendan", chosen.folder.name, "--navn", shell_word(suggested), project=None
        )
        remove = command("projekt", "fjern", shell_word(chosen.slug), project=None)
        raise NotATerminal("restore.name-taken-no-terminal", **named, command=again, remove=remove)
    from spredning.cli.prompts.simple import ask_text

    left: list[str] = []  # the field's text when a stop leaves it (Ctrl+C, Esc)
    try:
        console.print(say("restore.name-taken", style="yellow", **named))
        return ask_text(
            t("restore.ask-name"),
            lambda text: _said_problem(project_restore.new_name_problem(ws, text.strip())),
            default=suggested,
            one_line=True,
            interrupted=left.append,
        )
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("restore.interrupted", hint=_typed_name(ws, chosen, left, suggested)) from None


def _typed_name(ws, chosen, left: list[str], suggested: str) -> Message | None:
    """After a stop at the name: the command that brings it back under the name typed, to copy.

    Only a name typed (not the one offered, left as it was) that would be taken: a command with a
    name it refuses would only be refused.
    """
    from spredning.app import project_restore

    name = " ".join(left[-1].split()) if left else ""
    if not name or name == suggested or project_restore.new_name_problem(ws, name) is not None:
        return None
    again = command("projekt", "gendan", chosen.folder.name, *typed_words(("--navn", name)), project=None)
    return Message("restore.typed-again", {"command": again})


def _said_problem(problem) -> str | None:
    from spredning.i18n import render

    return render(problem) if problem is not None else None


def _choose_kept(console, ws, every):
    """Without a name: the kept projects to choose from (in a terminal), else refused with their names."""
    kept_in = str(ws.store.shown_home / project_removal.REMOVED_FOLDER)
    if not every:
        raise SpredningError("restore.nothing", folder=kept_in)
    from spredning.app.project_restore import described

    if not is_interactive():
        again = command("projekt", "gendan", every[0].slug, project=None)
        known = [described(k, every) for k in every]
        raise NotATerminal("restore.no-terminal", known=known, folder=kept_in, command=again)
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    said = restore_lines(every, console.width - 6)  # as the list cuts it: the end is what tells apart
    with interrupted_as("restore.interrupted"):
        return select(t("restore.which"), [Choice(line, k) for line, k in zip(said, every, strict=True)])


def _left_behind(console, ws, restored) -> None:
    """Of a project removed several times, the newest came back: the others named, each with its command.

    The command brings that one back as it is (under a free name when its file name is taken now).
    """
    from spredning.app.project_restore import choices, left_behind, when

    kept = restored.kept
    console.print(say("restore.newest", name=kept.name, n=restored.newest_of, when=when(kept)))
    others = left_behind(ws, kept)
    if not others:
        return
    console.print(say("restore.others", n=len(others)))
    said = choices([other for other, _ in others])  # two removed within a minute: the second tells apart
    for (other, name), line in zip(others, said, strict=True):
        print_fitted(console, line, None, first="  • ", rest="    ")
        named = ("--navn", shell_word(name)) if name is not None else ()
        again = command("projekt", "gendan", other.folder.name, *named, project=None)
        print_fitted(console, again, again, first="    ", rest="    ")


def tell_restored(console, ws, restored) -> None:
    """What came back, what stayed (names taken), and how to work in it."""
    kept = restored.kept
    if restored.newest_of > 1:
        _left_behind(console, ws, restored)
    file = f"{restored.slug}.yaml"
    if restored.renamed and restored.name != kept.name:
        said = say("restore.done-as", style="bold green", before=kept.name, name=restored.name, file=file)
        console.print(said)
    else:
        console.print(say("restore.done", style="bold green", name=kept.name, file=file))
    if not restored.renamed:
        console.print(say("restore.not-renamed", style="yellow", file=file, name=restored.name))
    _drafts_back(console, ws, restored.slug)
    if restored.same_as is not None:  # two files of one project now: our answers into the other, then one
        _same_project(console, ws, restored)
    if restored.left:
        folder = str(kept.folder)
        print_said(console, say("restore.left", style="yellow", folder=folder, n=len(restored.left)), folder)
    name = restored.name if restored.renamed else kept.name
    if restored.activated:
        console.print(say("restore.now-active", style="yellow", name=name))
    elif ws.store.active() != restored.slug and restored.same_as is None:  # else: merged into the other
        use = command("projekt", "brug", restored.slug, project=None)
        print_said(console, say("restore.use", command=use), use)


def _drafts_back(console, ws, slug: str) -> None:
    """The drafts that came back with the project (also those a window kept while it was away)."""
    try:
        n = len(local.load(ws.store.home, slug).drafts)  # only read: the state is as it came back
    except SpredningError:  # its state cannot be read: status says so
        return
    if n:
        where = command("status", project=slug)
        print_said(console, say("restore.drafts", n=n, command=where), where)


def _same_project(console, ws, restored) -> None:
    """The project is here under another file name too: 'projekt flet' brings our answers over, nothing lost.

    The one brought back holds our answers from before the removal; the other (the partner's file
    imported again) what came since. Merged into the other, the one brought back can go again.
    """
    other = restored.same_as
    merge = command("projekt", "flet", restored.slug, project=other)
    remove = command("projekt", "fjern", restored.slug, project=None)
    named = {"other": _name(ws, other), "file": f"{other}.yaml", "back": f"{restored.slug}.yaml"}
    said = say("restore.same-project", style="yellow", **named, command=merge, remove=remove)
    print_said(console, said, [merge, remove])


def _name(ws, slug: str) -> str:
    try:
        return ws.store.load(slug).name
    except SpredningError:  # unreadable now: named by its file, as 'projekter' names it
        return slug


def content_words(content: Content) -> list[str]:
    """What a project or a dialogue holds, in words: '12 svar', '1 uafklaret konflikt', '1 kladde'."""
    return [
        t(key, n=n)
        for key, n in (
            ("partner.holds.answers", content.answers),
            ("partner.holds.conflicts", content.conflicts),
            ("partner.holds.records", content.records),
            ("partner.holds.drafts", content.drafts),
            ("partner.holds.reasons", content.reasons),
        )
        if n
    ]


def flet(
    ctx: typer.Context,
    kilde: str = typer.Argument(..., metavar=t("metavar.name"), help=t("help.projekt.flet.kilde")),
    tor: bool = typer.Option(False, "--tør", help=t("help.projekt.flet.tor")),
) -> None:
    """Hent jeres egne svar fra et andet projekt på denne computer ind i det aktive; intet skrives over."""
    from spredning.app import project_merge
    from spredning.cli.render_import import (
        follow_up_list,
        follow_up_news,
        print_backup,
        print_counted,
        print_dry_run,
        summary,
    )

    ws = workspace(ctx)
    merge = project_merge.plan_merge(ws, kilde, ctx.obj.project)
    plan, console = merge.plan, make_console()
    target = ws.store.path_for(plan.project.slug)
    heading = say(
        "merge.into-dry" if tor else "merge.into",
        style="bold",
        source=merge.source_name,
        slug=merge.source,
        name=plan.project.name,
        path=str(target),
    )
    if tor:
        console.print(heading)
        print_dry_run(console, ws.guide, plan, target.name)
        follow_up_news(console, plan)  # plan, readiness, approvals and meetings come over too: named
        follow_up_list(console, ws.guide, plan)
        _drafts_left(console, ws, merge)
        _others_left(console, ws, merge)  # they stay there after the merge too: said before it
        return
    result = project_merge.apply_merge(ws, merge)
    with after_work(console):  # the work is done: output that fails is said, not an error
        console.print(heading)
        print_counted(
            console, say("merge.done", style="green", source=merge.source_name, summary=summary(plan)), plan
        )
        if result.backup is not None and plan.keeps_copy():
            print_backup(console, plan, written_path(result.backup))
        follow_up_news(console, plan)
        follow_up_list(console, ws.guide, plan)
        if result.open_conflicts:
            settle = command("konflikter")
            said = say("importer.open-conflicts", style="yellow", n=result.open_conflicts, command=settle)
            print_said(console, said, settle)
        if _drafts_left(console, ws, merge):
            return
        remove = command("projekt", "fjern", shell_word(merge.source), project=None)
        if not _others_left(console, ws, merge):
            print_said(console, say("merge.remove-old", source=merge.source_name, command=remove), remove)
            return
        said = say("merge.remove-old-others", source=merge.source_name, command=remove, slug=merge.source)
        print_said(console, said, remove)


def _others_left(console, ws, merge) -> bool:
    """The other organisations' answers in the other project, which no flet brings; False: none.

    As project_merge.left_behind counts them, each organisation's on a line.
    """
    from spredning.app import project_merge

    left = project_merge.left_behind(ws, merge)
    if left:
        items = [t("merge.left-item", n=n, org=org) for org, n in left]
        console.print(say("merge.others-left", style="yellow", source=merge.source_name, items=items))
    return bool(left)


def _drafts_left(console, ws, merge) -> int:
    """The drafts the other project keeps on this computer: not brought (only saved answers are).

    Said with the commands that open them to be saved there ('fase' opens a phase at its drafts),
    one for each phase, side and dialogue they are in; then flet again brings them.
    """
    from spredning.app.views import draft_count, draft_phases

    n = draft_count(ws, merge.source)
    if n:
        opened = ws.store.open(merge.source)
        opening = [
            command(
                "fase",
                phase_word(found) if (found := ws.guide.find_phase(phase)) else phase,
                "--rolle",
                side,
                partner=_draft_partner(opened, where),
                project=merge.source,
            )
            for phase, side, where in draft_phases(ws, merge.source)
        ]
        if not opening:  # drafts of questions this guide has no more: nothing opens them
            console.print(say("merge.drafts-left-unplaced", style="yellow", source=merge.source_name, n=n))
            return n
        again = command("projekt", "flet", shell_word(merge.source))  # for real, after saving them
        if len(opening) == 1:
            said = say(
                "merge.drafts-left",
                style="yellow",
                source=merge.source_name,
                n=n,
                command=opening[0],
                again=again,
            )
            print_said(console, said, [opening[0], again])
            return n
        # a phase at a time: each command on its own line, kept whole (as status's per partner)
        console.print(say("merge.drafts-left-phases", style="yellow", source=merge.source_name, n=n))
        for line in opening:
            print_fitted(console, line, line, "yellow", first="    ", rest="    ")
        print_said(console, say("merge.drafts-left-again", style="yellow", again=again), again)
    return n


def _draft_partner(opened, where: str):
    """The dialogue a draft is in, named in the command only when it cannot tell it itself."""
    return hint_partner(opened.project, opened.local, opened.project.partner(where) if where else None)
