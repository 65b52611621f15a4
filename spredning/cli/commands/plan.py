"""``spredning plan [tilføj | ret | luk]``: the action plan, listed, exported, added to and changed.

The plan listed or written as a file, and 'luk', are here; 'tilføj' is in plan_add.py, 'ret' in
plan_change.py, and what the two share (their options checked, fields to correct) in plan_asking.py.
"""

from __future__ import annotations

import datetime
import functools

import typer

from spredning.app import plan as plans
from spredning.cli import typer_compat
from spredning.cli.commands import plan_add, plan_asking, plan_change
from spredning.cli.commands.commandline import command
from spredning.cli.commands.files import (
    check_ending,
    chosen_format,
    named_format,
    out_path,
    replacing,
    tell_beside,
    tell_copy,
    tell_written,
)
from spredning.cli.commands.partners import choose_partner, hint_partner
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import make_console, say
from spredning.cli.render_text import print_said
from spredning.core.errors import UsageProblem
from spredning.core.followup import ID_LENGTH
from spredning.core.shellwords import shell_word
from spredning.i18n import t

plan_app = typer.Typer(cls=typer_compat.DanishGroup, invoke_without_command=True, rich_markup_mode=None)
FORMATS = ("tekst", "csv", "ics")
FILE_FORMATS = ("csv", "ics")  # what --ud writes
TEXT_WORDS = ("tekst", "text")  # the table's format in either language, as statuses and colours are


def _format_words() -> list[str]:
    """The formats as this language writes them (English: text)."""
    return [t("plan.format.text"), *FILE_FORMATS]


@plan_app.callback()
def plan(
    ctx: typer.Context,
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.plan.partner")
    ),
    alle: bool = typer.Option(False, "--alle", help=t("help.plan.alle")),
    format: str | None = typer.Option(
        None, "--format", "-f", metavar="|".join(_format_words()), help=t("help.plan.format")
    ),
    ud: str | None = typer.Option(None, "--ud", metavar=t("metavar.file"), help=t("help.plan.ud")),
    overskriv: bool = typer.Option(False, "--overskriv", help=t("help.overskriv")),
) -> None:
    """Vis handlingsplanen (overskredne frister først), eller skriv den som regneark eller kalender."""
    if ctx.invoked_subcommand is not None:
        return
    given = chosen_format(format, ud, FILE_FORMATS, "tekst")
    fmt = given.strip().lower().lstrip(".")
    fmt = "tekst" if fmt in TEXT_WORDS else fmt
    if fmt not in FORMATS:
        raise UsageProblem(
            "plan.unknown-format", value=given, formats=_format_words(), close=_close_format(fmt, ud)
        )
    if fmt == "tekst" and ud is not None:  # the table is for the terminal: a file is csv or ics
        raise UsageProblem("plan.ud-needs-format")
    ws = workspace(ctx)
    check_ending(ws, ud, fmt, FILE_FORMATS)
    opened = ws.open()
    chosen = None if alle else choose_partner(opened.project, opened.local, partner, required=False)
    view = plans.plan(
        ws,
        chosen,
        plan_asking.today(),
        everywhere=alle or (chosen is None and opened.local.side != "genbruge"),
    )
    owners = _owners(view.project, opened.local.side)  # the files name each dialogue; the table, of several
    if fmt == "tekst":
        shown = owners if len(view.project.partners) > 1 else {}
        _show(ws, view, shown, ctx.obj.project, hint_partner(opened.project, opened.local, chosen))
        return
    _write_file(ctx, ws, view, fmt, ud, overskriv, owners)


def _close_format(fmt: str, ud: str | None) -> list[str]:
    """The format meant by one mistyped ('cvs': csv): the one --ud's ending names, else the closest."""
    import difflib  # only when a format is wrong

    named = named_format(ud)
    words = _format_words()
    swapped = [known for known in words if sorted(known) == sorted(fmt)]  # 'cvs' is as close to ics
    if named in FILE_FORMATS:
        return [named]
    return swapped or difflib.get_close_matches(fmt, words, n=1, cutoff=0.6)


def _owners(project, side: str | None) -> dict[str, str]:
    """Each dialogue's key → whom it is with, as this side sees it (the files' "Dialogen med …").

    The reusing side's dialogue, kept under its own key, is with the sharing organisation.
    """
    from spredning.cli.render_project import org_name
    from spredning.core.model import SHARING

    if side == "genbruge":
        return {p.key: org_name(project, SHARING) for p in project.partners}
    return {p.key: p.name or p.key for p in project.partners}


def _show(ws, view: plans.PlanView, owners: dict[str, str], project_option: str | None, partner) -> None:
    """The plan as a table; the hints name the dialogue listed (`partner`) when there are several."""
    from spredning.cli.render_plan import plan_table, version_of
    from spredning.cli.render_project import org_name

    console = make_console()
    add = command("plan", "tilføj", partner=partner, project=project_option)
    if not view.items:
        print_said(console, say("plan.empty", command=add), add)
        return
    late = view.overdue
    if late:
        console.print(say("plan.overdue-count", style="bold red", n=len(late)))
    state = ws.store.local(view.project.slug)
    whose = functools.partial(version_of, functools.partial(org_name, view.project), state.me)
    items = [plan_asking.with_writer(view.project, state, item) for item in view.items]
    console.print(plan_table(items, ws.guide, view.today, owners, whose))
    # the first open action's id: the hint runs as copied; with all of them closed, adding is what is left
    first = next((item for item in view.items if item.open), None)
    if first is None:
        print_said(console, say("plan.how-add", style="dim", add=add), add)
        return
    change = command("plan", "ret", shell_word(first.id), project=project_option)
    print_said(console, say("plan.how", style="dim", add=add, change=change), (add, change))


def _write_file(ctx, ws, view: plans.PlanView, fmt: str, ud: str | None, overwrite: bool, owners) -> None:
    from spredning.app.files import place, write_own
    from spredning.core import followup_outline
    from spredning.report import planfile

    names = followup_outline.Names(ws.guide)
    rows = [followup_outline.action_row(item, names, view.today) for item in view.items]
    # a shared action (no dialogue's own) is said to be one when there are several dialogues
    common = {"": t("plan.dialogue-common")} if len(view.project.partners) > 1 else {}
    if fmt == "csv":
        content = planfile.csv_bytes(rows, {**owners, **common})
    else:
        now = datetime.datetime.now(datetime.UTC)
        project = {"project_id": view.project.id, "project_name": view.project.name}
        content = planfile.ics_bytes(rows, **project, owners=owners, common=common.get(""), now=now)
    path, beside = place(ws, out_path(ud), f"{view.project.slug}-plan.{fmt}")
    slug = ws.slug()
    done = replacing(
        ctx, lambda replace: write_own(ws, slug, path, content, overwrite=replace), path, overwrite
    )
    console = make_console()
    tell_written(f"plan.replaced-{fmt}" if done.replaced else f"plan.written-{fmt}", path, console)
    tell_copy(done.copy, console)
    tell_beside(beside, console)


plan_app.command("tilføj", cls=typer_compat.DanishCommand, help=t("help.plan.tilfoej"))(plan_add.add)
plan_app.command("ret", cls=typer_compat.DanishCommand, help=t("help.plan.ret"))(plan_change.change)


@plan_app.command("luk", cls=typer_compat.DanishCommand, help=t("help.plan.luk"))
def close(
    ctx: typer.Context,
    id: str = typer.Argument(..., metavar="ID", help=t("help.plan.id", least=plans.MIN_ID, length=ID_LENGTH)),
    droppet: bool = typer.Option(False, "--droppet", help=t("help.plan.droppet")),
) -> None:
    """Luk en handling: færdig (eller droppet)."""
    ws = workspace(ctx)
    current = plans.current(ws, id)
    plan_change.show_action_versions(current, ws)  # versions the closing settles: each said first
    before = current.status
    done = plans.close(ws, id, dropped=droppet)
    if done.changed and before in ("færdig", "droppet"):  # closed the other way before: said, never silent
        was, now = t(f"plan.status.{before}"), t(f"plan.status.{done.item.status}")
        make_console().print(
            say("plan.closed-was", style="bold green", what=done.item.what, was=was, now=now)
        )
        return
    plan_asking.tell_changed(done, closing=True)
    if current.others and done.changed:  # every part of the one that applies now: what was kept of each
        plan_change.settled_as(done.item)


def register(app: typer.Typer) -> None:
    """Add the plan command group to the app."""
    # 'plan' alone lists the plan: the usage line shows the command as optional
    optional = t("typer.command-metavar-optional")
    app.add_typer(plan_app, name="plan", help=t("help.plan"), subcommand_metavar=optional)
