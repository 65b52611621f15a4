"""``spredning eksport`` and ``importer``: the organisations' dialogue by file.

Settling a conflict is conflict_choice.py (the import asks it too); ``konflikter``, conflicts.py.
"""

from __future__ import annotations

import contextlib
import datetime
from pathlib import Path

import typer
from rich.text import Text

from spredning.app.dialogue import PartnerChoice
from spredning.app.exchange import exporting, noting
from spredning.app.exchange.applying import ImportResult, apply_import, check_fits, drafts_returning, in_use
from spredning.app.exchange.conflicts import open_conflicts
from spredning.app.exchange.import_plan import ImportPlan
from spredning.app.exchange.incoming import Incoming, read_incoming
from spredning.app.exchange.planning import plan_import, sender_name
from spredning.cli import typer_compat
from spredning.cli.commands import import_identity, import_removed
from spredning.cli.commands.asking import is_interactive
from spredning.cli.commands.commandline import NAMED, NamedProject, command
from spredning.cli.commands.conflict_choice import chooser, chosen_backup
from spredning.cli.commands.files import (
    check_ending,
    in_path,
    out_path,
    replacing,
    tell_beside,
    tell_copy,
    tell_written,
    written_path,
)
from spredning.cli.commands.names import parse_role, phase_word
from spredning.cli.commands.partners import (
    WRONG_PARTNER,
    choose_partner,
    hint_partner,
    partner_offered,
    tell_drafts_returned,
)
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.merging import Merging, tidy_kept
from spredning.cli.render_text import print_fitted, print_said
from spredning.core.errors import Interrupted, Message, SpredningError, UsageProblem
from spredning.core.history import Outcome
from spredning.core.local import key_slot
from spredning.core.model import SHARING, Answer, Project, Slot, fold_name, side_of
from spredning.core.shellwords import path_word, shell_word
from spredning.core.textsafe import clean_name
from spredning.i18n import t

SHOWN_DRAFTS = 3  # the drafts an export names by place; the rest are counted


def eksport(
    ctx: typer.Context,
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.eksport.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.eksport.partner")
    ),
    alle_partnere: bool = typer.Option(False, "--alle-partnere", help=t("help.eksport.alle-partnere")),
    ud: str | None = typer.Option(None, "--ud", metavar=t("metavar.file"), help=t("help.eksport.ud")),
    overskriv: bool = typer.Option(False, "--overskriv", help=t("help.overskriv")),
) -> None:
    """Skriv en fil med jeres svar og dialogens historik, som I sender til partneren."""
    ws = workspace(ctx)
    check_ending(ws, ud, "yaml")  # named .docx or .pdf, the partner's program would not open it
    role = parse_role(rolle)

    def write(chosen: str | None):  # another file there: asked in a terminal, else refused (replacing)
        def export(replace: bool, ask: bool):
            return exporting.export(
                ws,
                role=role,
                partner_option=chosen,
                include_all=alle_partnere,
                out=out_path(ud),
                overwrite=replace,
                today=datetime.date.today(),
                ask_sheets_only=ask,
            )

        try:  # a partner that has had only worksheets: in a terminal, asked first (_has_the_program)
            return replacing(ctx, lambda replace: export(replace, is_interactive()), None, overskriv)
        except exporting.SheetsOnly as only:
            if not _has_the_program(only):
                return None
            return replacing(ctx, lambda replace: export(replace, False), None, overskriv)

    try:
        done = write(partner)
    except PartnerChoice as choice:
        if not is_interactive():
            raise
        opened = ws.open()
        chosen = choose_partner(opened.project, opened.local, None)
        assert chosen is not None  # several partners: the user picked one
        done = write(chosen.key)
        del choice
    except UsageProblem as refused:  # a --partner naming none of them: in a terminal they are offered
        if refused.key not in WRONG_PARTNER:
            raise
        done = write(partner_offered(refused, ws.open().project).key)
    if done is None:  # not sent: the partner has no program (said, with the worksheet's command)
        return
    _tell_exported(ws, done)


def _tell_exported(ws, done: exporting.Exported) -> None:
    """What the export wrote and carries, what is new to the receiver, and how they bring it in."""
    console = make_console()
    key = "eksport.replaced" if done.replaced else "eksport.written"
    lines = []
    if done.others_included:
        lines.append(say("eksport.others-included", style="yellow", names=list(done.others_included)))
    receiver = clean_name(done.receiver_name) or t("org.sharing")
    if done.records:  # the changes counted next count these too (a trial: "7 ændringer", "5 svar")
        lines.append(say("eksport.records", n=done.records))
    lines.append(_what_is_new(done, receiver))
    with after_work(console):
        tell_written(key, done.path, console, n=done.answers, name=clean_name(done.project.name))
        tell_copy(done.copy, console)
        tell_beside(done.beside, console)
        console.print(Text("\n").join(lines))
        if done.sheets_before and not is_interactive():  # not asked (_has_the_program): said
            several = len(done.project.partners) > 1 and done.receiver != SHARING
            sheet = command("arbejdsark", partner=done.project.partner(done.receiver) if several else None)
            print_said(
                console, say("eksport.sheets-before", style="yellow", org=receiver, command=sheet), sheet
            )
        _drafts_left(console, ws, done)
        _conflicts_left(console, done)
        # the file's name is never broken, though longer than the line: copied, it is still one word
        print_said(console, say("eksport.send", org=receiver, file=done.path.name), done.path.name)
        # the command on a line of its own, never broken, to be copied as it is
        # the partner's command, in their folder: the file's name (not where it is here)
        key = "eksport.their-command" if done.answers else "eksport.their-command-empty"  # no answer yet
        console.print(say(key, file=shell_word(done.path.name)), soft_wrap=True)


def _has_the_program(only: exporting.SheetsOnly) -> bool:
    """Ask before a file goes to a partner that has had only worksheets from here: has it the program.

    No (the choice ready) writes nothing, and says how to make the worksheet instead; a stop says
    the same. A file sent makes it, for good, a partner whose program takes our files.
    """
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    org = clean_name(str(only.params.get("org") or "")) or t("org.sharing")
    sheet = command("arbejdsark", partner=only.partner if only.several else None)
    choices = [Choice(t("eksport.sheets-only-yes"), True), Choice(t("eksport.sheets-only-no"), False)]
    try:
        yes = bool(select(t("eksport.sheets-only-question", org=org), choices, default=choices[1]))
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(
            "eksport.sheets-only-stopped", hint=Message("eksport.sheets-only.hint", {"command": sheet})
        ) from None
    if not yes:
        console = make_console()
        print_said(console, say("eksport.sheets-only-left", org=org, command=sheet), sheet)
    return yes


def _what_is_new(done: exporting.Exported, receiver: str):
    """What in the file the receiver has not had before, as this computer knows it."""
    if done.unknown:  # a copy of a project file: its files may have gone to them from elsewhere
        return say("eksport.changes-unknown", org=receiver)
    if done.changes:  # all of it new, or with the rest again (so a file never sent is no loss)
        some = done.changes < done.answers + done.records
        if done.sheets_before:  # no "since your last export": since the worksheets they had
            key = "eksport.changes-after-sheets" if some else "eksport.changes-all-after-sheets"
        elif some:
            key = "eksport.changes"
        else:  # no "since your last export" when there was none, nor a file from them
            key = "eksport.changes-first" if done.first else "eksport.changes-all"
        return say(key, n=done.changes, org=receiver)
    if not done.answers and not done.records:  # nothing to have had, nor a file before to have missed
        return say("eksport.no-answers")
    key = "eksport.no-changes-after-sheets" if done.sheets_before else "eksport.no-changes"
    return say(key, org=receiver)


def _conflicts_left(console, done: exporting.Exported) -> None:
    """Conflicts open in what the file carries: it has the version standing here, not the decision."""
    if done.conflicts:
        settle = command("konflikter")
        said = say("eksport.conflicts-left", style="yellow", n=done.conflicts, command=settle)
        print_said(console, said, settle)


def _drafts_left(console, ws, done: exporting.Exported) -> None:
    """The drafts here the file does not carry: how to finish them (the phase opens at them), and where.

    One command, for the first draft's phase, side and dialogue: "first" when others are elsewhere.
    Each draft's place is listed (a few): its phase and question, and the partner in a dialogue.
    """
    if not done.drafts:
        return
    from spredning.cli.commands.names import phase_command
    from spredning.cli.render import bullets
    from spredning.cli.render_project import org_name

    project, n = done.project, len(done.drafts)
    questions = {q.id: q for q in ws.guide.questions()}
    several = len(project.partners) > 1 and done.receiver != SHARING  # the sharing side: whose dialogue

    def place(key: str) -> tuple[str, str, str]:  # phase id, side, dialogue (one partner's, or '')
        where, qid = key_slot(key)
        return qid.split(".")[0], side_of(qid) or "", where

    places = [place(key) for key, _ in done.drafts]
    phase, side, where = places[0]
    shown = phase_command(ws.guide.find_phase(phase), side, project.partner(where), several=several)
    key = "eksport.drafts-left" if len(set(places)) == 1 else "eksport.drafts-left-first"
    print_fitted(console, t(key, n=n, command=shown), shown, style="yellow", rest="")
    lines = [
        t(
            "eksport.draft-place-of" if several and dialogue else "eksport.draft-place",
            phase=ws.guide.find_phase(phase_id).name,
            question=questions[qid].text,
            org=org_name(project, dialogue),
        )
        for (phase_id, _, dialogue), (_, qid) in list(zip(places, done.drafts, strict=True))[:SHOWN_DRAFTS]
    ]
    if n > SHOWN_DRAFTS:
        lines.append(t("eksport.drafts-more", n=n - SHOWN_DRAFTS))
    console.print(bullets(lines, 2))


def importer(
    ctx: typer.Context,
    fil: str | None = typer.Argument(None, metavar=t("metavar.file"), help=t("help.importer.fil")),
    tor: bool = typer.Option(False, "--tør", help=t("help.importer.tor")),
    ikke_interaktiv: bool = typer.Option(False, "--ikke-interaktiv", help=t("help.importer.ikke-interaktiv")),
    nyt_projekt: bool = typer.Option(False, "--nyt-projekt", help=t("help.importer.nyt-projekt")),
) -> None:
    """Hent partnerens svar ind i det projekt, filen hører til; intet svar går tabt."""
    ws = workspace(ctx, new_home=True)  # an import may bring a first project into a new folder
    fil = fil if fil is not None else _file_asked(ctx, ws, not ikke_interaktiv)  # a terminal: files offered
    path = in_path(fil, "importer")
    incoming = _read(ws, path, fil)
    plan = plan_import(ws, incoming, ctx.obj.project)
    if nyt_projekt:  # refused where the file goes into a project here
        import_removed.new_beside(ws, plan, fil)
    else:  # a file for another partner than the one this computer is in a project of its name
        import_identity.refuse_other_here(ws, plan, fil)
    console = make_console()
    if tor:
        _dry_run(console, ws, incoming, plan, fil, nyt_projekt)
        return
    interactive = not ikke_interaktiv and is_interactive()
    went_on = import_removed.removed_first(console, ws, plan, fil, interactive, ctx.obj.project, nyt_projekt)
    # None: the project the file belongs to was removed, and stays so; or not ours: nothing done
    if went_on is None or not import_identity.ours(console, ws, went_on[0], interactive):
        return
    plan, left = went_on  # left: the removed project the file becomes a new project beside
    asked = interactive and import_identity.addressed_to(plan) is not None  # and said to be us
    decisions: dict[Slot, Answer] = {}
    conflicts = plan.listed(Outcome.CONFLICT)
    asking = bool(conflicts) and not ikke_interaktiv and is_interactive()
    merging = Merging(console, ws.store.home, plan.project.slug)
    if asking:  # the heading first: the questions are about this file and project
        from spredning.cli.prompts.stops import written_kept_in

        _heading(console, ws, incoming, plan)
        state = ws.store.local(plan.project.slug) if not plan.creates else None
        # named as they will be: a partner's worksheet text that will stand is the partner's (writer)
        state = noting.remember(state, plan, []) if state is not None else None
        choose = chooser(console, ws.guide, plan.project, state, importing=True, merging=merging)
        with written_kept_in(lambda: merging.path):
            for number, item in enumerate(conflicts, 1):
                content = choose(item.slot, item.after, (number, len(conflicts)))
                if content is not None:
                    decisions[item.slot] = content
    was_active = ws.store.active() if plan.creates else None
    result = apply_import(ws, plan, decisions)
    merging.done(result.decided)  # the texts written are saved in the project now (a choice not used: kept)
    with after_work(console):  # without questions, all is said after the import
        if not asking:
            _heading(console, ws, incoming, plan)
        _imported(console, ws, plan, result, _hint_project(ws, plan.project.slug), asked)
        _tidy_kept_after(console, ws, merging, plan.project.slug)  # no 'konflikter' after it would say it
        if was_active is not None and was_active != plan.project.slug == ws.store.active():
            _active_changed(console, ws, plan.project.name, plan.project.slug, was_active)
        if plan.creates and plan.incoming.sender == SHARING:  # the sharing side's: see _namesake_sharing
            _own_elsewhere(console, ws, plan)
        import_removed.tell_left(console, ws, left)


def _file_asked(ctx: typer.Context, ws, asking: bool) -> str:
    """No file given: in a terminal the files the home screen offers to import, to pick one.

    Without a terminal, or not `asking` (--ikke-interaktiv: a script waits for no question), it is
    refused as a missing argument is, with a file lying here as the example.
    """
    if not asking or not is_interactive():
        param = next(p for p in ctx.command.params if p.name == "fil")
        raise typer_compat.MissingParameter(ctx=ctx, param=param)
    from spredning.cli.home import ask_import_file

    return ask_import_file(make_console(), ws)


def _tidy_kept_after(console, ws, merging: Merging, slug: str) -> None:
    """After an import: combined texts kept for conflicts it settled are set aside and said where."""
    if not merging.texts:
        return
    with contextlib.suppress(SpredningError):  # the import is done; unread, the next 'konflikter' says it
        project = ws.store.load(slug)
        tidy_kept(console, merging, ws.guide, project, [c.slot for c in open_conflicts(project)])


def _dry_run(console, ws, incoming: Incoming, plan: ImportPlan, fil: str, new: bool) -> None:
    """What the import would do, said as the import will say it; nothing is written.

    `new`: --nyt-projekt, the file a new project even beside a removed one (said last, as after the import).
    """
    if not new and import_removed.removed_dry(console, ws, plan, fil):  # the import waits for the removed one
        return
    check_fits(ws, plan)  # refused as the import would be: too large for the project file
    _heading(console, ws, incoming, plan, dry=True)
    from spredning.cli.render_import import (
        follow_up_list,
        follow_up_news,
        print_dry_follow_up_backup,
        print_dry_run,
        print_strays,
    )

    print_dry_run(console, ws.guide, plan, ws.store.path_for(plan.project.slug).name)
    _partners_added(console, plan, dry=True)
    tell_drafts_returned(console, ws, plan.project.slug, drafts_returning(ws, plan), dry=True)
    print_strays(console, ws.layout, plan)
    follow_up_news(console, plan)
    follow_up_list(console, ws.guide, plan)
    print_dry_follow_up_backup(console, plan, ws.store.path_for(plan.project.slug).name)
    import_identity.tell_dry(console, ws, plan)  # as the import says it after its work
    if plan.creates and plan.incoming.sender == SHARING:  # as the import will say it after its work
        _own_elsewhere(console, ws, plan, dry=True)
    elif not plan.creates and plan.brings_nothing():  # as the import would say it
        _nothing_new(console, ws, plan, _hint_project(ws, plan.project.slug))
    if new:
        import_removed.tell_left(console, ws, import_removed.new_beside(ws, plan, fil))


def _read(ws, path: Path, fil: str) -> Incoming:
    """The partner's file, read; one meant for 'fase --svar' is refused with the command that saves it."""
    try:
        return read_incoming(ws, path)
    except SpredningError as exc:
        if exc.key == "exchange.answers-file":
            exc.hint = _answers_file_hint(ws, fil, exc)
        raise


def _active_changed(console, ws, name: str, slug: str, was_active: str) -> None:
    """A new project from a file became the active one: the one active before is named, untouched."""
    try:
        before = ws.store.load(was_active).name
    except SpredningError:  # unreadable now: named by its file
        before = was_active
    back = command("projekt", "brug", was_active, project=None)
    if fold_name(before) == fold_name(name):  # two projects of one name: each named by its file too
        name, before = f"{name} ({slug})", f"{before} ({was_active})"
    said = t("importer.now-active", name=clean_name(name), before=clean_name(before), command=back)
    print_fitted(console, said, back, style="yellow", rest="")


def _own_elsewhere(console, ws, plan: ImportPlan, dry: bool = False) -> None:
    """Our answers in a project started here by another name, and the 'projekt flet' that brings them.

    A namesake's (the same name) are said with it, in _namesake. The dry run says it as the import
    will, of the project it would make (its command names that project: it is not active yet).
    """
    from spredning.app.project_merge import answers_elsewhere, answers_elsewhere_planned

    slug = plan.project.slug
    into = None if ws.store.active() == slug and not dry else slug
    found = (
        answers_elsewhere_planned(ws, plan) if dry else answers_elsewhere(ws, slug, leave_out=plan.namesakes)
    )
    for other in found:
        merge = command("projekt", "flet", other.slug, project=into)
        said = say(
            "importer.own-elsewhere",
            style="yellow",
            n=other.answers,
            ours=other.name,
            name=plan.project.name,
            command=merge,
        )
        print_said(console, said, merge)


def _heading(console, ws, incoming: Incoming, plan: ImportPlan, dry: bool = False) -> None:
    """The project the file goes into (a new one, or which), then what the file itself says."""
    project = plan.project
    if plan.creates and plan.namesakes:  # ours has this name too, but the file's was started apart
        _namesake(console, ws, plan, dry)
    elif plan.creates:
        key = "importer.new-project-dry" if dry else "importer.new-project"
        console.print(say(key, style="bold", name=project.name, slug=project.slug))
    else:
        path = str(ws.store.path_for(project.slug))  # whole, to be copied, however long: spaces too
        print_said(console, say("importer.into", style="bold", name=project.name, path=path), path)
    if plan.adopts:  # the project started here on the reusing side: one project, not two of a name
        org, own = sender_name(incoming, project), _org(project, incoming.receiver or "")
        key = "importer.adopts-dry" if dry else "importer.adopts"
        console.print(say(key, style="yellow", org=org, own=own, name=project.name))
    if plan.copies:  # a copy of the project kept in the folder: only the chosen file gets the answers
        console.print(
            say("importer.copies", style="yellow", files=[str(p) for p in plan.copies], n=len(plan.copies))
        )
    for number, note in enumerate(incoming.notes):  # a worksheet: who filled it in, then what is no answer
        if note.key in ("worksheet.note.read", "worksheet.note.read-own", "worksheet.note.read-untouched"):
            fields = t("worksheet.note.fields", n=note.params["n"])  # "85 svarfelter", never broken
            print_said(console, say(note.key, style="", fields=fields, **note.params), fields)
            continue
        console.print(say(note.key, style="yellow" if number else "", **note.params))
    edition = incoming.project.guide_edition  # a guide edition this program does not have: said, not refused
    if edition and ws.guide.edition and edition != ws.guide.edition:
        ours = clean_name(ws.guide.edition)
        key = "importer.other-edition-dry" if dry else "importer.other-edition"
        console.print(say(key, style="yellow", edition=clean_name(edition), ours=ours))


def _namesake(console, ws, plan: ImportPlan, dry: bool) -> None:
    """A file of a project with our project's name, started apart from it: said plainly, before all.

    A file goes into the project with its identity, and one started apart has another: so the
    file becomes a project beside ours, which is left as it is. Without a word the user would
    have two projects of one name and not know why; what they can do about it is said with it,
    in the dry run too, so they can decide before anything is written. Drafts in ours are said
    apart: they are no answers, so the view of the answers leaves them out.
    """
    org, ours = sender_name(plan.incoming, plan.project), list(plan.namesakes)
    key = "importer.namesake-dry" if dry else "importer.namesake"
    console.print(
        say(key, style="bold yellow", name=plan.project.name, slug=plan.project.slug, ours=ours, org=org)
    )
    if plan.incoming.sender != SHARING and isinstance(org, str):  # a reusing organisation's file: we share
        _namesake_sharing(console, ws, plan, org, ours[0], dry)
    else:
        see = command("vis", "--kun-besvarede", project=ours[0])
        merge = command("projekt", "flet", ours[0], project=plan.project.slug)  # ours into the new one
        key = "importer.namesake-dry.next" if dry else "importer.namesake.next"
        print_said(console, say(key, org=org, ours=ours[0], command=see, merge=merge), [see, merge])
        from spredning.app.views import draft_count

        drafts = draft_count(ws, ours[0])
        if drafts:  # text not saved as an answer: 'vis --kun-besvarede' leaves it out, status names it
            status = command("status", project=ours[0])
            said = say("importer.namesake.drafts", n=drafts, ours=ours[0], command=status)
            print_said(console, said, status)
    _namesake_active(console, ws, plan.project.slug, dry)


def _namesake_sharing(console, ws, plan: ImportPlan, org: str, ours: str, dry: bool) -> None:
    """On the sharing side: how the partner's answers come into our project (which may have others).

    Answers do not move between projects by themselves: the partner takes our project in (our
    export, beside its own), writes its answers into it and sends that back, which goes into ours.
    A partner our project does not have yet is added first.
    """
    where = None if in_use(ws.store) == ours else ours
    try:
        partner = ws.store.load(ours).partner(plan.incoming.sender or "")
    except SpredningError:  # unreadable now: the partner is named by the file, added if need be
        partner = None
    if partner is not None:
        export = command("eksport", partner=partner, project=where)
        commands: list[str] = [export]
        said = say("importer.namesake.sharing", org=org, ours=ours, command=export)
    else:
        add = command("projekt", "genbruger", _double_quoted(org), project=where)
        export = command("eksport", project=where)
        commands = [add, export]
        said = say("importer.namesake.sharing-new", org=org, ours=ours, add=add, command=export)
    print_said(console, said, commands)
    if not dry:
        print_said(console, say("importer.namesake.sharing-kept", org=org, ours=ours), None)


def _double_quoted(name: str) -> str:
    """A name for a command inside a '...'-quoted hint: in double quotes, as the catalogue writes them."""
    word = shell_word(name)
    if word.startswith("'") and not any(c in name for c in '"$`\\!'):
        return f'"{name}"'
    return word


def _namesake_active(console, ws, slug: str, dry: bool) -> None:
    """The project in use stays active (a second one of its name would hide it); how to switch."""
    active = in_use(ws.store)
    if active is None or active == slug:
        return
    switch = command("projekt", "brug", slug, project=None)
    key = "importer.namesake.active-dry" if dry else "importer.namesake.active"
    print_said(console, say(key, active=active, slug=slug, command=switch), switch)


def _hint_project(ws, slug: str) -> str | NamedProject | None:
    """The project the import's hints name: the one --projekt named, else the file's when not active.

    A file finds its own project, which need not be the active one: a hint without --projekt would
    then settle or show the active project's answers instead.
    """
    if ws.settings.project is not None:
        return NAMED
    return None if ws.store.active() == slug else slug


def _imported(
    console,
    ws,
    plan: ImportPlan,
    result: ImportResult,
    project: str | NamedProject | None,
    asked: bool = False,
) -> None:
    """What the import did: counts, our own answers changed, follow-up, side taken, what is left.

    `project` is the project the hints' commands name (see _hint_project); `asked`: the user said
    the file's receiver is us (import_identity), so how to correct that is not said again.
    """
    from spredning.cli.render_import import (
        follow_up_list,
        follow_up_news,
        print_backup,
        print_changed_here,
        print_strays,
    )

    _counted(console, ws, plan, result)
    _partners_added(console, plan)
    tell_drafts_returned(console, ws, plan.project.slug, result.returned, project)
    see = _see_news(ws, plan, project) if plan.own_changes() else ""
    # the copy, named here when the file replaced something of ours (else by _chosen_backup)
    backup = written_path(result.backup) if result.backup is not None and plan.keeps_copy() else None
    records = bool(plan.own_records_replaced())  # the copy is named after the follow-up list then
    print_changed_here(console, ws.guide, plan, see, None if records else backup)
    print_strays(console, ws.layout, plan, str(result.path))
    follow_up_news(console, plan)
    follow_up_list(console, ws.guide, plan)  # named, as in the dry run: ours may be among them
    if records and backup is not None:
        print_backup(console, plan, backup)
    chosen_backup(console, result.chosen_over, result.backup)
    if plan.creates and plan.becomes and plan.becomes[0] == "genbruge":
        _identity_taken(console, result.plan.project, plan.becomes[1] or "", project, asked)
    elif plan.becomes:
        side, organisation = plan.becomes
        console.print(
            say(
                "importer.side",
                style="dim",
                side=t(f"role.{side}"),
                org=_org(result.plan.project, organisation or "dele"),
            )
        )
    if result.open_conflicts:
        _left_to_settle(console, plan, result.open_conflicts, project)
    if plan.creates:
        status, path = command("status", project=project), str(result.path)
        print_fitted(console, t("importer.created", path=path, command=status), [status, path], rest="")
    elif not result.open_conflicts and not plan.own_changes():  # else the step is said above
        _next_news(console, ws, plan, project)


def _partners_added(console, plan: ImportPlan, dry: bool = False) -> None:
    """The reusing organisations the file brings into the project (one removed here comes back with it)."""
    if plan.new_partners and not plan.creates:
        names = [clean_name(p.name or p.key) for p in plan.new_partners]
        key = "importer.partners-added-dry" if dry else "importer.partners-added"
        console.print(say(key, style="yellow", names=names, n=len(names)))


def _counted(console, ws, plan: ImportPlan, result: ImportResult) -> None:
    """What the file did, counted, from whom; and the choices not used (their answer changed meanwhile)."""
    from spredning.cli.render_import import print_counted, summary

    counts = summary(plan, result.settled)  # the choices used, not those made
    if plan.incoming.sender is None:  # an old file that does not say who sent it
        said = say("importer.done", style="green", summary=counts)
    elif plan.own_sheet:  # our own side's questions, filled in by us: from no partner
        said = say("importer.done-own-sheet", style="green", summary=counts)
    else:  # with several partners, whose file it was
        org = sender_name(plan.incoming, plan.project)
        said = say("importer.done-from", style="green", org=org, summary=counts)
    print_counted(console, said, plan, result.settled)
    if result.meanwhile:  # saved in another window while the list was open: that text stands
        from spredning.app.views import slot_place

        ids = [slot_place(ws.guide, plan.project, slot) for slot in result.meanwhile]
        console.print(say("importer.meanwhile", style="yellow", n=len(ids), ids=ids))


def _next_news(console, ws, plan: ImportPlan, project: str | NamedProject | None) -> None:
    """The next step after a file that brought the partner's answers: read them, as the home screen offers.

    A file that brought nothing (imported before) is said so, not called new (_nothing_new).
    """
    if plan.brings_nothing():
        _nothing_new(console, ws, plan, project)
        return
    news = noting.news_from(ws, plan.project.slug, plan.incoming.sender)
    if news:
        see, org = _see_news(ws, plan, project), sender_name(plan.incoming, plan.project)
        print_said(console, say("importer.next-news", n=news, org=org, command=see), see)


def _nothing_new(console, ws, plan: ImportPlan, project: str | NamedProject | None) -> None:
    """A file imported before brings nothing: said so, and the step on (the dry run says it too).

    Conflicts still open are to be settled, as the import says; else what an earlier import
    brought and is not read yet is still to read (with that command); else where the project stands.
    """
    if unsettled := len(open_conflicts(plan.project)):  # the step the import says on: settle them
        _left_to_settle(console, plan, unsettled, project)
        return
    console.print(_nothing_new_said(plan))
    news = noting.news_from(ws, plan.project.slug, plan.incoming.sender)
    if news:
        see, org = _see_news(ws, plan, project), sender_name(plan.incoming, plan.project)
        print_said(console, say("importer.nothing-new.unread", n=news, org=org, command=see), see)
    else:
        status = command("status", project=project)
        print_said(console, say("importer.nothing-new.status", command=status), status)


def _nothing_new_said(plan: ImportPlan):
    """Why a file brings nothing: imported before, or a worksheet with no field changed since it was made.

    A worksheet sent back untouched (no field edited: it gives no versions of its own) may never have
    been imported: "hentet ind før" would not be true of it.
    """
    if plan.incoming.sheet_versions is not None and not plan.incoming.sheet_versions[1]:
        return say("importer.nothing-new-sheet")
    return say("importer.nothing-new")


def _left_to_settle(console, plan: ImportPlan, n: int, project: str | NamedProject | None) -> None:
    """The `n` conflicts left open in the project after an import (or a dry run of one): settle them.

    A file imported before is said to bring nothing new first, in the import as in its dry run.
    """
    if plan.brings_nothing():
        console.print(_nothing_new_said(plan))
    settle = command("konflikter", project=project)
    print_said(console, say("importer.open-conflicts", style="yellow", n=n, command=settle), settle)


def _see_news(ws, plan: ImportPlan, project: str | NamedProject | None) -> str:
    """The command that shows what a file changed: `vis --nye` in the sender's dialogue.

    A file that does not say who sent it leaves no news (app/exchange/noting.py, remember): then `vis`.
    """
    from spredning.cli.render_import import with_new_partners

    sender, state = plan.incoming.sender, ws.store.local(plan.project.slug)
    if sender is None or sender == state.me:
        return command("vis", project=project)
    everyone = with_new_partners(plan)
    partner = everyone.partner(sender) if sender != SHARING else None
    return command("vis", "--nye", partner=hint_partner(everyone, state, partner), project=project)


def _answers_file_hint(ws, fil: str, exc: SpredningError) -> Message:
    """The 'fase --svar' command for an answers file given to 'importer': its phase and side named.

    A file of several phases is saved one phase at a time ('fase' takes one phase's ids). The side
    comes from the ids alone: when it is not this computer's, that is said first (whose side the
    answers are, who this computer is), so another organisation's answers are not saved unknowingly.
    """
    phases = [str(phase) for phase in exc.params["phases"]]  # type: ignore[attr-defined]
    role = str(exc.params["role"])
    side = ("--rolle", role) if role else ()
    found = ws.guide.find_phase(phases[0])
    first = phase_word(found) if found else phases[0]  # in English its name: 'fase check'
    if len(phases) > 1:  # the ids as the file has them; the command as this user types it
        return Message("exchange.answers-file.several", {"phases": phases, "first": first})
    saving = command("fase", first, *side, "--svar", path_word(fil))
    other = _other_side(ws, role)
    if other is not None:
        return Message("exchange.answers-file.other-side", {**other, "command": saving})
    return Message("exchange.answers-file.hint", {"command": saving})


def _other_side(ws, role: str) -> dict[str, object] | None:
    """Whose side an answers file of `role` is and who this computer is, when the two differ; else None.

    None too without a project or a side chosen on this computer: nothing to compare with.
    """
    from spredning.cli.render_project import org_name

    try:
        opened = ws.open()
    except SpredningError:
        return None
    project, state = opened.project, opened.local
    if not role or state.side not in (SHARING, "genbruge") or state.side == role:
        return None
    if role == SHARING:
        theirs = [org_name(project, SHARING)]
    else:
        theirs = [org_name(project, p.key) for p in project.partners] or [t("org.reusing")]
    ours = org_name(project, state.me) if state.me else t("org.us")
    sides = {
        SHARING: t("exchange.answers-file.side.dele"),
        "genbruge": t("exchange.answers-file.side.genbruge"),
    }
    return {
        "their_side": sides[role],
        "theirs": theirs,
        "own_side": sides[state.side],
        "ours": ours,
    }


def _identity_taken(
    console, project: Project, key: str, hint_project: str | NamedProject | None, asked: bool = False
) -> None:
    """A new project from a file on a reusing computer: who this computer is now, and how to correct it.

    The file's receiver becomes this computer's organisation; the wrong partner's file, imported
    first, would otherwise make every later file of one's own look like someone else's. `asked`:
    the user said so in the terminal before the import, so the correction is not offered again.
    """
    org = _org(project, key)
    console.print(say("importer.identity", style="yellow", org=org))
    if asked:
        return
    # no placeholder to copy (it would name an organisation NAVN): the words say the name goes after
    # it, so --organisation ends the command (a --projekt stands before the command words)
    fix = " ".join((command(project=hint_project), "projekt", "side", "genbruge", "--organisation"))
    said = t("importer.identity-fix", org=org, command=fix)
    print_fitted(console, said, fix, style="yellow", rest="")


def _org(project: Project, key: str) -> str:
    from spredning.cli.render_project import org_name

    return org_name(project, key)


def register(app: typer.Typer) -> None:
    """Add eksport and importer to the app."""
    app.command("eksport", cls=typer_compat.DanishCommand, help=t("help.eksport"))(eksport)
    app.command("importer", cls=typer_compat.DanishCommand, help=t("help.importer"))(importer)
