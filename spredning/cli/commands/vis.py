"""``spredning vis``: the answers phase by phase, with conflicts and the answers no question shows."""

from __future__ import annotations

import typer

from spredning.app.dialogue import PartnerChoice, commands_with, several_dialogues
from spredning.cli import typer_compat
from spredning.cli.commands.asking import interrupted_as
from spredning.cli.commands.commandline import command
from spredning.cli.commands.names import parse_phase, parse_role, phase_word, roles_for
from spredning.cli.commands.partners import choose_partner
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import make_console, read_by_a_person, say
from spredning.cli.render_status import print_strays
from spredning.cli.render_text import print_fitted
from spredning.core.errors import Message, UsageProblem, message
from spredning.core.model import Partner, Project
from spredning.core.textsafe import clean_name
from spredning.i18n import t


def vis(
    ctx: typer.Context,
    fase: str | None = typer.Argument(None, metavar=t("metavar.phase"), help=t("help.vis.fase")),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.vis.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.vis.partner")
    ),
    begge: bool = typer.Option(False, "--begge", help=t("help.vis.begge")),
    kun_besvarede: bool = typer.Option(False, "--kun-besvarede", help=t("help.vis.kun-besvarede")),
    nye: bool = typer.Option(False, "--nye", help=t("help.vis.nye")),
    ingen_pager: bool = typer.Option(False, "--ingen-pager", help=t("help.pager")),
) -> None:
    """Vis svarene fase for fase og værktøj for værktøj."""
    from spredning.app.views import drafted, mark_seen, news_questions, news_senders, news_shown, removed_news
    from spredning.cli.pager import paged
    from spredning.cli.render_project import (
        SIDE_BY_SIDE_MIN_WIDTH,
        print_facts,
        vis_phase,
        vis_phase_side_by_side,
    )

    ws = workspace(ctx)
    role = None if begge else parse_role(rolle)
    phases = (parse_phase(ws.guide, fase),) if fase is not None else ws.guide.phases
    opened = ws.open()
    # the sharing side's answers alone are written once for every partner: no partner to choose
    # (a partner's own version of some is named after them, _variants_note); their news can come
    # from any partner, each named beneath the answer it sent
    common = role == "dele"
    nobody = False  # --nye, several partners, none named, and none of them has sent anything new
    with interrupted_as("vis.interrupted"):  # a view saves nothing: no word of nothing saved being lost
        if nye and not common and partner is None and several_dialogues(opened.project, opened.local):
            chosen = _news_partner(ws, opened, ctx.obj.project)
            nobody = chosen is None
        else:
            chosen = _chosen(opened, partner, common)
    across = chosen is None and len(opened.project.partners) > 1 and not nobody
    view = opened.project.dialogue(chosen)
    with_drafts = drafted(ws, opened, chosen)
    console = make_console()
    with paged(console, not ingen_pager) as out:
        print_facts(
            out,
            opened.project,
            str(opened.path),
            None,
            opened.local.side,
            opened.local.organisation,
            _whose(opened, chosen),
        )
        if not nye and (chosen is not None or not opened.project.partners):  # one dialogue's meetings
            _meetings(out, opened, chosen)
        only, removed, senders = None, None, None
        if nye:
            removed = removed_news(ws, opened, chosen)
            only = {q.id for q in news_questions(ws, opened, chosen)}
            senders = news_senders(opened, chosen) if across else None
            if not only:
                none = "vis.no-news-partners" if nobody else "vis.no-news-common" if across else "vis.no-news"
                out.print(say(none))
            phases = tuple(p for p in phases if any(qid.startswith(p.id + ".") for qid in only))
        side_by_side = role is None and out.width >= SIDE_BY_SIDE_MIN_WIDTH and not (kun_besvarede or nye)
        seen: set[str] = set()  # the questions shown: only their news is read now
        for phase in phases:
            if side_by_side:
                shown = vis_phase_side_by_side(phase, view, seen, opened.local.me, with_drafts)
            else:
                roles = roles_for(role)
                shown = vis_phase(
                    phase,
                    view,
                    roles,
                    kun_besvarede,
                    only,
                    with_drafts,
                    removed,
                    seen,
                    opened.local.me,
                    senders=senders,
                )
            # crop=False: every piece of a phase is laid out to the width already (rich's own
            # renderables, render_text's wrapped lines), so the console need not cut each line
            # again; for a 1 MiB project that is a fifth of the command's time. A test compares.
            out.print(shown, crop=False)
        if chosen is None and common and not nye:
            _variants_note(
                out, opened.project, phases, phase_word(phases[0]) if fase else None, ctx.obj.project
            )
        _vis_notes(out, ws, opened, chosen, ctx.obj.project, seen)
    if read_by_a_person(console):
        mark_seen(ws, opened, chosen, seen)
    elif kept := len({key for _, key in news_shown(opened, chosen, seen)}):
        several = several_dialogues(opened.project, opened.local)
        again = (
            command("vis", "--nye", "--rolle", "dele")
            if across
            else command("vis", "--nye", partner=chosen if several else None)
        )
        said = t("vis.news-kept", n=kept, command=again)
        print_fitted(make_console(stderr=True), said, again, "yellow", rest="")


def _whose(opened, partner: Partner | None) -> str | None:
    """The partner whose dialogue alone is shown, where this computer sees several; else None."""
    if partner is None or not several_dialogues(opened.project, opened.local):
        return None
    return partner.name or partner.key


def _meetings(console, opened, partner: Partner | None) -> None:
    """The meetings held in the dialogue shown, ours and the partner's, each with whose note it is."""
    from spredning.app.views import held_meetings
    from spredning.cli.render_plan import meetings_line

    line = meetings_line(opened.project, held_meetings(opened.project, opened.local, partner))
    if line is not None:
        console.print(line)


def _news_partner(ws, opened, project_option: str | None) -> Partner | None:
    """`vis --nye` without --partner where several partners could have sent news: whose to show.

    The only partner with news is shown without asking (None: none has any); with several, a
    terminal asks which (among those with news), and a script is told each one's command.
    """
    from spredning.app.views import partners_with_news

    found = partners_with_news(ws, opened)
    if len(found) < 2:
        return found[0][0] if found else None
    from spredning.cli.commands import asking  # its is_interactive: the one a test makes a terminal

    if asking.is_interactive():
        from spredning.cli.prompts.questions import ask_news_partner

        return ask_news_partner(found)
    news = [t("vis.news-of-partner", org=clean_name(p.name) or p.key, n=n) for p, n in found]
    commands = [command("vis", "--nye", partner=p, project=project_option) for p, _ in found]
    hint = message("vis.news-choose-partner.hint", commands=commands)
    raise UsageProblem("vis.news-choose-partner", hint=hint, news=news)


def _variants_note(
    console, project: Project, phases, one_phase: str | None, project_option: str | None
) -> None:
    """After the answers written once for every partner: each partner with its own version of some.

    The command shows that partner's dialogue, where its versions are (of `one_phase` when given).
    """
    ids = {q.id for phase in phases for q in phase.questions("dele")}
    for partner in project.partners:
        section = project.dialogues.get(partner.key, {})
        n = sum(1 for qid, entry in section.items() if qid in ids and not entry.answer.empty)
        if n:
            words = ("vis", *((one_phase,) if one_phase else ()), "--rolle", "dele")
            shown = command(*words, partner=partner, project=project_option)
            name = clean_name(partner.name) or partner.key
            print_fitted(console, t("vis.variants", n=n, org=name, command=shown), shown, "dim")


def _vis_notes(
    console, ws, opened, partner: Partner | None, project_option: str | None, shown: set[str]
) -> None:
    """After the answers: how to settle the conflicts, and the answers no question shows.

    The conflicts are said to be marked above only when every one of them was shown.
    """
    from spredning.app.views import strays_in

    conflicts = opened.project.dialogue(partner).conflicts()
    if conflicts:
        several = several_dialogues(opened.project, opened.local)
        settle = command("konflikter", partner=partner if several else None, project=project_option)
        above = all(slot[1] in shown for slot, _ in conflicts)
        key = "vis.conflicts" if above else "vis.conflicts-not-shown"
        print_fitted(console, t(key, n=len(conflicts), command=settle), settle, "yellow")
    strays = strays_in(opened.project, ws.layout, partner)
    if strays:
        print_strays(console, opened.project, strays, str(opened.path), command("guide", "--ider"))


def register(app: typer.Typer) -> None:
    """Add vis to the app."""
    app.command("vis", cls=typer_compat.DanishCommand, help=t("help.vis"))(vis)


def _chosen(opened, partner: str | None, common: bool) -> Partner | None:
    """The dialogue to show; several partners and none named: the ways out, --rolle dele among them."""
    try:
        return choose_partner(opened.project, opened.local, partner, required=not common)
    except PartnerChoice as choice:  # a partner's dialogue, or the sharing side's answers alone
        given = choice.params.get("commands")
        commands = [*(given if isinstance(given, list) else []), *commands_with("--rolle dele")]
        if commands:
            choice.hint = Message("vis.choose-partner.commands", {"commands": commands})
        raise
