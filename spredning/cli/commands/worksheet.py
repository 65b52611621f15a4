"""``spredning arbejdsark``: a Word worksheet for a partner who does not have the program."""

from __future__ import annotations

from datetime import date

import typer

from spredning import i18n
from spredning.cli import typer_compat
from spredning.cli.commands.commandline import command, in_language
from spredning.cli.commands.files import (
    check_ending,
    file_word,
    here_word,
    out_path,
    replacing,
    tell_beside,
    tell_copy,
    tell_written,
)
from spredning.cli.commands.names import parse_phases, parse_role, phase_word
from spredning.cli.commands.partners import choose_partner
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_said
from spredning.core.local import LocalState, takes_files
from spredning.core.model import SHARING, Partner
from spredning.i18n import t


def arbejdsark(
    ctx: typer.Context,
    fase: list[str] | None = typer.Option(
        None, "--fase", metavar=t("metavar.phase"), help=t("help.arbejdsark.fase")
    ),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.arbejdsark.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.arbejdsark.partner")
    ),
    ud: str | None = typer.Option(None, "--ud", metavar=t("metavar.file"), help=t("help.arbejdsark.ud")),
    tom: bool = typer.Option(False, "--tom", help=t("help.arbejdsark.tom")),
    overskriv: bool = typer.Option(False, "--overskriv", help=t("help.overskriv")),
) -> None:
    """Skriv et arbejdsark i Word, som en partner uden programmet kan udfylde og sende tilbage."""
    from spredning.app.files import place
    from spredning.app.worksheets import make_worksheet, write_worksheet

    ws = workspace(ctx)
    check_ending(ws, ud, "docx")  # a Word file under another name would open nowhere, nor come back
    phases = parse_phases(ws.guide, fase)
    role = parse_role(rolle)
    opened = ws.open()
    chosen = choose_partner(opened.project, opened.local, partner)
    sheet = make_worksheet(ws, phases=phases, role=role, partner=chosen, empty=tom, today=date.today())
    path, beside = place(ws, out_path(ud), sheet.default_name)
    first = command("importer", here_word(path))  # a sheet there may hold answers not brought in yet
    done = replacing(
        ctx,
        lambda replace: write_worksheet(ws, sheet, path, overwrite=replace),
        path,
        overskriv,
        "arbejdsark",
        command=first,
    )
    console = make_console()
    key = "arbejdsark.replaced" if done.replaced else "arbejdsark.written"
    with after_work(console):
        tell_written(key, done.path, console)
        tell_copy(done.copy, console)
        tell_beside(beside, console)
        ours = role is not None and role == opened.local.side  # our own questions only
        if sheet.empty:
            console.print(say("arbejdsark.contents-empty", n=sheet.fields))
        else:
            contents = "arbejdsark.contents-own" if ours else "arbejdsark.contents"  # edited by us, not them
            console.print(say(contents, n=sheet.fields, answered=sheet.answered))
        own = sheet.empty and ours
        if sheet.actions:
            follow_up = "arbejdsark.follow-up-own" if ours else "arbejdsark.follow-up"
            console.print(say(follow_up, n=sheet.actions))
        elif sheet.marks:
            console.print(say("arbejdsark.follow-up-new-own" if ours else "arbejdsark.follow-up-new"))
        if own and role is not None:  # for our own workshop: not to send, nor to bring in as the partner's
            fill = command("fase", phase_word((phases or ws.guide.phases)[0]), "--rolle", role)
            print_said(console, say("arbejdsark.own-empty", command=fill), fill)
        elif ours:  # with our answers, for our own workshop too: what comes back is ours (app/worksheets.py)
            back = command("importer", file_word(done.path, beside))
            print_said(console, say("arbejdsark.own", command=back), back)
        else:
            _tell_send(console, sheet, file_word(done.path, beside), opened.local, chosen)
            if i18n.language() != "da":  # the partner may not read this edition's language (a trial)
                given = (("--rolle", rolle), ("--partner", partner), ("--ud", ud))
                danish = in_language("da", _sheet_words(phases, given, tom))
                org = sheet.receiver_name or t("org.sharing")
                print_said(console, say("arbejdsark.language", org=org, command=danish), danish)


def _sheet_words(phases, given: tuple[tuple[str, str | None], ...], empty: bool) -> list[str]:
    """'arbejdsark' with the phases (by id: every edition takes it) and the options given, unquoted."""
    words = ["arbejdsark", *(word for phase in phases or () for word in ("--fase", phase.id))]
    words += [word for option, value in given if value for word in (option, value)]
    return [*words, "--tom"] if empty else words


def _tell_send(console, sheet, file: str, state: LocalState, partner: Partner | None) -> None:
    """Send the sheet to the organisation it is for (an empty one: or print it), then bring it in.

    A receiver whose program takes our exchange files (local.takes_files) gets what the sheet
    brings only from our next export to it: the command for that is said too.
    """
    org = sheet.receiver_name or t("org.sharing")
    console.print(say("arbejdsark.send-empty" if sheet.empty else "arbejdsark.send", org=org))
    back = command("importer", file)
    print_said(console, say("arbejdsark.back", command=back), back)
    if takes_files(state, sheet.receiver):
        send = command("eksport", partner=partner if sheet.receiver != SHARING else None)
        print_said(console, say("arbejdsark.program", org=org, command=send), send)


def register(app: typer.Typer) -> None:
    """Add the arbejdsark command to the app."""
    app.command("arbejdsark", cls=typer_compat.DanishCommand, help=t("help.arbejdsark"))(arbejdsark)
