"""``spredning plan [tilføj | ret | luk]``: the action plan, listed, exported, added to and changed."""

from __future__ import annotations

import contextlib
import datetime
import functools
from collections.abc import Callable, Iterator

import typer

from spredning.app import plan as plans
from spredning.cli import typer_compat
from spredning.cli.commands.asking import (
    interrupted_as,
    is_interactive,
    tell_left,
    texts_to_correct,
    typed_kept,
    writable_before_asking,
)
from spredning.cli.commands.commandline import command, date_shown, typed_words
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
from spredning.cli.commands.partners import choose_dialogue, choose_partner, hint_partner
from spredning.cli.commands.plan_options import Given, refuse_together
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_said
from spredning.core.errors import Interrupted, Message, NotATerminal, UsageProblem
from spredning.core.followup import ID_LENGTH, typed_day
from spredning.core.shellwords import shell_word
from spredning.i18n import t

plan_app = typer.Typer(cls=typer_compat.DanishGroup, invoke_without_command=True, rich_markup_mode=None)
FORMATS = ("tekst", "csv", "ics")
FILE_FORMATS = ("csv", "ics")  # what --ud writes


def _today() -> datetime.date:
    return datetime.date.today()


@plan_app.callback()
def plan(
    ctx: typer.Context,
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.plan.partner")
    ),
    alle: bool = typer.Option(False, "--alle", help=t("help.plan.alle")),
    format: str | None = typer.Option(
        None, "--format", "-f", metavar="tekst|csv|ics", help=t("help.plan.format")
    ),
    ud: str | None = typer.Option(None, "--ud", metavar=t("metavar.file"), help=t("help.plan.ud")),
    overskriv: bool = typer.Option(False, "--overskriv", help=t("help.overskriv")),
) -> None:
    """Vis handlingsplanen (overskredne frister først), eller skriv den som regneark eller kalender."""
    if ctx.invoked_subcommand is not None:
        return
    given = chosen_format(format, ud, FILE_FORMATS, "tekst")
    fmt = given.strip().lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageProblem(
            "plan.unknown-format", value=given, formats=list(FORMATS), close=_close_format(fmt, ud)
        )
    if fmt == "tekst" and ud is not None:  # the table is for the terminal: a file is csv or ics
        raise UsageProblem("plan.ud-needs-format")
    ws = workspace(ctx)
    check_ending(ws, ud, fmt, FILE_FORMATS)
    opened = ws.open()
    chosen = None if alle else choose_partner(opened.project, opened.local, partner, required=False)
    view = plans.plan(
        ws, chosen, _today(), everywhere=alle or (chosen is None and opened.local.side != "genbruge")
    )
    owners = _owners(view.project) if len(view.project.partners) > 1 else {}
    if fmt == "tekst":
        _show(ws, view, owners, ctx.obj.project, hint_partner(opened.project, opened.local, chosen))
        return
    _write_file(ctx, ws, view, fmt, ud, overskriv, owners)


def _close_format(fmt: str, ud: str | None) -> list[str]:
    """The format meant by one mistyped ('cvs': csv): the one --ud's ending names, else the closest."""
    import difflib  # only when a format is wrong

    named = named_format(ud)
    swapped = [known for known in FORMATS if sorted(known) == sorted(fmt)]  # 'cvs' is as close to ics
    if named in FILE_FORMATS:
        return [named]
    return swapped or difflib.get_close_matches(fmt, FORMATS, n=1, cutoff=0.6)


def _owners(project) -> dict[str, str]:
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
    items = [_with_writer(view.project, state, item) for item in view.items]
    console.print(plan_table(items, ws.guide, view.today, owners, whose))
    # the first open action's id: the hint runs as copied; with all of them closed, adding is what is left
    first = next((item for item in view.items if item.open), None)
    if first is None:
        print_said(console, say("plan.how-add", style="dim", add=add), add)
        return
    change = command("plan", "ret", shell_word(first.id), project=project_option)
    print_said(console, say("plan.how", style="dim", add=add, change=change), (add, change))


def _with_writer(project, state, item):
    """An action in two versions with the partner whose file brought the one shown, when known."""
    from spredning.app.exchange.noting import writer

    entry = project.record((item.where, f"plan:{item.id}")) if item.others else None
    by = writer(state, (item.where, f"plan:{item.id}"), entry.answer) if entry is not None else None
    return item._replace(by=by) if by else item


def _write_file(ctx, ws, view: plans.PlanView, fmt: str, ud: str | None, overwrite: bool, owners) -> None:
    from spredning.app.files import place, write_own
    from spredning.core import followup_outline
    from spredning.report import planfile

    names = followup_outline.Names(ws.guide)
    rows = [followup_outline.action_row(item, names, view.today) for item in view.items]
    owners = owners or _owners(view.project)
    if fmt == "csv":
        common = {"": t("plan.dialogue-common")} if len(view.project.partners) > 1 else {}
        content = planfile.csv_bytes(rows, {**owners, **common})
    else:
        now = datetime.datetime.now(datetime.UTC)
        content = planfile.ics_bytes(
            rows, project_id=view.project.id, project_name=view.project.name, owners=owners, now=now
        )
    path, beside = place(ws, out_path(ud), f"{view.project.slug}-plan.{fmt}")
    slug = ws.slug()
    done = replacing(
        ctx, lambda replace: write_own(ws, slug, path, content, overwrite=replace), path, overwrite
    )
    console = make_console()
    tell_written(f"plan.replaced-{fmt}" if done.replaced else f"plan.written-{fmt}", path, console)
    tell_copy(done.copy, console)
    tell_beside(beside, console)


@plan_app.command("tilføj", cls=typer_compat.DanishCommand, help=t("help.plan.tilfoej"))
def add(
    ctx: typer.Context,
    hvad: str | None = typer.Option(None, "--hvad", metavar=t("metavar.text"), help=t("help.plan.hvad")),
    hvem: str | None = typer.Option(None, "--hvem", metavar=t("metavar.name"), help=t("help.plan.hvem")),
    frist: str | None = typer.Option(None, "--frist", metavar=t("metavar.date"), help=t("help.plan.frist")),
    status: str | None = typer.Option(
        None, "--status", metavar=t("metavar.status"), help=t("help.plan.status")
    ),
    fase: str | None = typer.Option(None, "--fase", metavar=t("metavar.phase"), help=t("help.plan.fase")),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.plan.partner-add")
    ),
    faelles: bool = typer.Option(False, "--fælles", help=t("help.plan.faelles")),
) -> None:
    """Tilføj en handling til handlingsplanen (spørger om det, tilvalgene ikke giver)."""

    def on_one_line(phase: str | None = fase) -> str:  # the user's command, texts on one line, every option
        texts = typed_words(("--hvad", hvad or ""), ("--hvem", hvem or ""), ("--frist", date_shown(frist)))
        words = texts + typed_words(
            ("--status", status or ""), ("--fase", phase or ""), ("--partner", partner or "")
        )
        return command("plan", "tilføj", *words, *(["--fælles"] if faelles else []))

    ws = workspace(ctx)
    options_given = Given(hvad, hvem, frist, status, fase)
    named = functools.partial(_named_source, ws)
    refuse_together(options_given, named, True, _add_put_right(partner, faelles), is_interactive())
    to_correct = _texts_to_correct(hvad, hvem, on_one_line)
    chosen_phase: list[str] = []  # in the lists offered for a --fase that is none: the phase, its tool

    def stopped_in_a_list():  # nothing added, said with the user's command and the phase chosen so far
        return _stopped_in_a_list(lambda: on_one_line(chosen_phase[-1]) if chosen_phase else None)

    with stopped_in_a_list():  # what the options got wrong is said before any question
        source = _source(ws, fase, chosen_phase.append)
        if chosen_phase:
            chosen_phase.append(source)  # the whole phase or one of its tools
        state = _given_status(status) if status else "ikke-startet"
    due, given_due = _given_due(frist)
    opened = ws.open()
    asking = hvad is None or bool(to_correct) or given_due is not None
    writable_before_asking(ws, asking)
    with stopped_in_a_list():
        chosen, common = choose_dialogue(opened.project, opened.local, partner, faelles, "plan")
        # a refusal's example is the user's own command, put right: every other option kept
        shown_partner = chosen if partner is not None else hint_partner(opened.project, opened.local, chosen)

        def corrected(what: str) -> str:  # a status and phase as chosen in a list offered for them
            chosen = _status_word(status, state), source if chosen_phase else fase
            return _add_command(what, hvem or "", frist or "", *chosen, common, shown_partner)

        if hvad is not None and not hvad.split():
            fix = Message("plan.what-missing.again", {"command": corrected(t("plan.what-example"))})
            raise UsageProblem("plan.what-missing", hint=fix)
        if hvad is None or to_correct:
            if not is_interactive():
                # no --hvad: copied, an example's words would be saved as the action; in a terminal
                # the command asks for it
                raise NotATerminal("plan.no-terminal", command=corrected(""))
            from spredning.cli.prompts.questions import ask_action

            typed: list = []  # what was typed when the asking stopped
            options = (status, fase, common, hint_partner(opened.project, opened.local, chosen))
            try:  # --hvad, --hvem and --frist given are the fields' text, to keep or change
                given = plans.Action(what=hvad or "", who=hvem or "", due=due)
                with _kept_as_command(given, given_due, options):  # a closed window: the command, in a file
                    asked = ask_action(
                        given, interrupted=typed.append, given_due=given_due, refused=to_correct
                    )
            except (KeyboardInterrupt, EOFError):
                again = _add_again(
                    typed, status, fase, common, hint_partner(opened.project, opened.local, chosen)
                )
                raise Interrupted("plan.add-interrupted", hint=again) from None
            hvad, hvem, due = asked.what, asked.who, asked.due
        elif given_due is not None:  # only the deadline given was refused: its field, to correct it
            hint = functools.partial(
                _add_again,
                status=status,
                fase=fase,
                common=common,
                partner=hint_partner(opened.project, opened.local, chosen),
            )
            options = (status, fase, common, hint.keywords["partner"])
            due = _due_corrected(given_due, hvad, hvem or "", hint, options)
    action = plans.Action(what=hvad, who=hvem or "", due=due, status=state, source=source)
    options = (status, [*chosen_phase[-1:], fase][0], common, shown_partner)  # the phase chosen, else --fase
    with typed_kept(lambda: _added_again(action, options) if asking else None):  # a save failing after asking
        item = plans.add(ws, action, chosen, general=common)
    console = make_console()
    with after_work(console):
        console.print(say("plan.added", style="bold green", what=item.what, id=item.id))
        _tell_late(console, item)


def _add_put_right(partner: str | None, common: bool) -> Callable[[Given], str]:
    """'plan tilføj' as given, its options put right (refuse_together), --partner and --fælles kept."""

    def again(put_right: Given) -> str:
        hvad, hvem, frist, status, fase = (value or "" for value in put_right)
        words = typed_words(("--hvad", hvad), ("--hvem", hvem), ("--frist", frist), ("--status", status))
        words += typed_words(("--fase", fase), ("--partner", partner or ""))
        return command("plan", "tilføj", *words, *(["--fælles"] if common else []))

    return again


def _change_put_right(id: str, put_right: Given) -> str | None:
    """'plan ret ID' with the options put right (refuse_together); None when none is left to change."""
    hvad, hvem, frist, status, fase = (value or "" for value in put_right)
    words = typed_words(("--hvad", hvad), ("--hvem", hvem), ("--frist", frist), ("--status", status))
    words += typed_words(("--fase", fase))
    emptied = [
        word
        for option, value in (("--hvem", put_right.hvem), ("--frist", put_right.frist))
        if value is not None and not value.strip()
        for word in (option, "''")
    ]
    return command("plan", "ret", shell_word(id), *words, *emptied) if words or emptied else None


@contextlib.contextmanager
def _stopped_in_a_list(again: Callable[[], str | None]) -> Iterator[None]:
    """A stop in a list offered for an option 'plan tilføj' got wrong: the action is not added.

    `again` gives the command with what was chosen in the lists so far (None: nothing chosen yet).
    """
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        shown = again()
        hint = Message("plan.add-again-chosen", {"command": shown}) if shown else None
        raise Interrupted("plan.add-interrupted", hint=hint) from None


def _texts_to_correct(what: str | None, who: str | None, again) -> dict[str, str]:
    """--hvad and --hvem with a line break: refused (one_line_options), or in a terminal the fields to open.

    Each field ('what', 'who') holds the text given, the problem said above it, to correct.
    """
    refused = texts_to_correct(("--hvad", what), ("--hvem", who), again=again)
    fields = {"--hvad": "what", "--hvem": "who"}
    return {fields[option]: why for option, why in refused.items()}


def _due_corrected(given_due: tuple[str, str], what: str, who: str, again, options) -> datetime.date | None:
    """The deadline's field, holding the --frist refused and the problem said above it, to correct.

    A stop says the action is not added, with `again` (see _add_again) made of what was given;
    `options`: the command's others, for the one a stop from outside keeps (_kept_as_command).
    """
    from spredning.cli.prompts.questions import ask_due, typed_at_due

    typed: list = []

    def stopped(text: str, why: str | None) -> None:
        typed.append(typed_at_due(what, who, text, why))

    given = plans.Action(what=what, who=who, due=None)
    try:
        with _given_fields(what, who), _kept_as_command(given, given_due, options):
            return ask_due(given_due[0], interrupted=stopped, refused=given_due[1])
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("plan.add-interrupted", hint=again(typed)) from None


@contextlib.contextmanager
def _given_fields(what: str | None, who: str | None) -> Iterator[None]:
    """While the deadline's field alone is asked: --hvad and --hvem given are the action's other fields.

    A stop from outside then shows and keeps them with the deadline typed (prompts.stops.fields_together).
    """
    from spredning.cli.prompts.stops import fields_together

    with fields_together() as fields:
        given = ((t("plan.ask-what"), what), (t("plan.ask-who"), who))
        fields += [(question, text) for question, text in given if text]
        fields.append((t("plan.ask-due"), None))
        yield


def _kept_as_command(given: plans.Action, given_due: tuple[str, str] | None, options):
    """While an action's fields are asked: a stop from outside keeps 'plan tilføj' with them typed.

    The window may be gone: the file kept at home must say what it is and how to use it, as
    start's does, not hold the bare text of the fields. `given`: --hvad, --hvem and --frist given
    (a --frist refused is `given_due`'s text); `options`: --status, --fase, --fælles and the partner.
    """
    from spredning.cli.prompts.questions import DueLeftOut
    from spredning.cli.prompts.stops import started_again_with, typed_so_far

    questions = t("plan.ask-what"), t("plan.ask-who"), t("plan.ask-due")
    day = given_due[0] if given_due is not None else typed_day(given.due) if given.due else ""
    left_out = DueLeftOut()  # a deadline the field refuses: not in the command, under it

    def again(text: str | None) -> str | None:
        typed = typed_so_far(text)
        what, who, due = (
            typed.get(q, was) for q, was in zip(questions, (given.what, given.who, day), strict=True)
        )
        if not (what + who + due).strip():
            return None
        due = left_out.usable(due)
        return _add_command(" ".join(what.split()), " ".join(who.split()), due.strip(), *options)

    return started_again_with(again, left_out)


def _given_due(frist: str | None) -> tuple[datetime.date | None, tuple[str, str] | None]:
    """The deadline given with --frist; one refused in a terminal is (None, (its text, why)), to correct.

    Without a terminal it is refused (exit 2), before anything is asked or saved.
    """
    try:
        return plans.parse_due(frist or ""), None
    except UsageProblem as refused:
        if not is_interactive():
            raise
        from spredning.cli.prompts.questions import date_words

        return None, (frist or "", date_words(refused))


def _add_again(typed: list, status: str | None, fase: str | None, common: bool, partner) -> Message | None:
    """The hint after a stop in 'plan tilføj': the command that adds the action as it was typed.

    None when nothing was typed: the words "not added" say it all then. A deadline the field
    refused is not in the command (it would be refused again), and the words say it is left out.
    """
    if not typed:
        return None
    what, who, due, refused, problem, why = typed[0]
    if not (what + who + due).strip():
        return None
    shown = _add_command(what, who, due, status, fase, common, partner)
    if problem:  # a --frist given, refused, and its field not yet reached: why it is left out is said here
        again = Message("plan.add-again-refused-why", {"command": shown, "problem": problem})
    elif refused:  # a refused deadline is left out: said, with what was typed and why
        again = Message("plan.add-again-refused", {"command": shown, "typed_due": refused, "why": why})
    else:
        again = Message("plan.add-again", {"command": shown})
    return _shorten_first(again, what, who)


def _shorten_first(again: Message | None, what: str, who: str) -> Message | None:
    """A stop's command, saying first that a text too long for it must be shortened (its words given back)."""
    from spredning.cli.prompts.simple import shorten_first

    return shorten_first(again, ("--hvad", what), ("--hvem", who))


def _added_again(action: plans.Action, options: tuple) -> str:
    """'plan tilføj' with the action typed, for a save that failed after asking: nothing typed is lost.

    `options`: --status, the phase (chosen from a list, or --fase), --fælles and the partner.
    """
    status, phase, common, partner = options
    day = typed_day(action.due) if action.due else ""
    return _add_command(action.what, action.who, day, status, phase, common, partner)


def _add_command(
    what: str, who: str, due: str, status: str | None, fase: str | None, common: bool, partner
) -> str:
    """'plan tilføj' with an action's parts as typed and the other options given."""
    words = typed_words(("--hvad", what), ("--hvem", who), ("--frist", due), ("--status", status or ""))
    words += typed_words(("--fase", fase or "")) + (["--fælles"] if common else [])
    return command("plan", "tilføj", *words, partner=partner)


def _tell_late(console, item) -> None:
    """A deadline already passed is taken (the action may be late already) but said: it is overdue now."""
    if item.overdue(_today()):
        console.print(say("plan.due-passed", style="yellow", day=item.due))


def _given_status(value: str) -> str:
    """The status --status gives; one that is none is refused, or in a terminal the statuses offered."""
    try:
        return plans.parse_status(value)
    except UsageProblem as refused:
        if not is_interactive():
            raise
        from spredning.cli.offered import offered_status

        return offered_status(refused)


def _status_word(typed: str | None, chosen) -> str | None:
    """--status in an example: as typed when it is a status, else the one chosen in the list offered."""
    try:
        plans.parse_status(typed or "")
    except UsageProblem:
        return None if typed is None else t(f"plan.status.{chosen}")
    return typed


def _phase_word(ws, typed: str | None, chosen) -> str | None:
    """--fase in an example: as typed when it names a phase or tool, else the one chosen in the lists."""
    try:
        _named_source(ws, typed)
    except UsageProblem:
        return None if typed is None else chosen
    return typed


def _source(ws, value: str | None, picked: Callable[[str], None] = lambda _: None) -> str:
    """A phase ('fjern') or a tool ('fjern.fjern-forhindringer' or 'fjern-forhindringer').

    One that is neither is refused; in a terminal the phases and their tools are offered (`picked`
    is given the phase chosen, before its tools).
    """
    try:
        return _named_source(ws, value)
    except UsageProblem as refused:
        if not is_interactive() or refused.key != "plan.bad-source":
            raise
        from spredning.cli.offered import offered_source

        close = refused.params.get("close")
        nearest = None
        with contextlib.suppress(UsageProblem):  # the closest named phase or tool, chosen already
            nearest = _named_source(ws, close[0]) if isinstance(close, list) and close else None
        return offered_source(refused, ws.guide, nearest, picked)


def _named_source(ws, value: str | None) -> str:
    if not value:
        return ""
    from spredning.app.readiness import tool_by_id
    from spredning.cli.commands.names import close_phases, parse_phase, phase_word

    if "." not in value and ws.guide.find_phase(value) is not None:
        return parse_phase(ws.guide, value).id
    try:
        return tool_by_id(ws.guide, value)[1]
    except UsageProblem as unknown:
        # 'fjrn' or 'høst.' (a sentence's full stop, no tool id): Mente du 'fjern'?
        phases = close_phases(ws.guide, value) if "." not in value.rstrip(".") else []
        tools = unknown.params.get("close")
        close = [*phases, *(tools if isinstance(tools, list) else [])][:3]
        phases = [phase_word(phase) for phase in ws.guide.phases]  # named, so a script is put right by it
        raise UsageProblem("plan.bad-source", value=value, close=close, phases=phases) from None


@plan_app.command("ret", cls=typer_compat.DanishCommand, help=t("help.plan.ret"))
def change(
    ctx: typer.Context,
    id: str = typer.Argument(..., metavar="ID", help=t("help.plan.id", least=plans.MIN_ID, length=ID_LENGTH)),
    hvad: str | None = typer.Option(None, "--hvad", metavar=t("metavar.text"), help=t("help.plan.hvad")),
    hvem: str | None = typer.Option(None, "--hvem", metavar=t("metavar.name"), help=t("help.plan.hvem")),
    frist: str | None = typer.Option(
        None, "--frist", metavar=t("metavar.date"), help=t("help.plan.frist-ret")
    ),
    status: str | None = typer.Option(
        None, "--status", metavar=t("metavar.status"), help=t("help.plan.status")
    ),
    fase: str | None = typer.Option(None, "--fase", metavar=t("metavar.phase"), help=t("help.plan.fase")),
) -> None:
    """Ret en handling: hvad, hvem, frist, status (spørger i en terminal, når intet tilvalg er givet)."""

    def on_one_line() -> str:  # the user's command, its texts on one line: the id and every option kept
        texts = typed_words(("--hvad", hvad or ""), ("--hvem", hvem or ""), ("--frist", date_shown(frist)))
        if frist is not None and not frist.strip():  # --frist '' removes the deadline: kept
            texts += ["--frist", "''"]
        texts += typed_words(("--status", status or ""), ("--fase", fase or ""))
        return command("plan", "ret", shell_word(id), *texts)

    ws = workspace(ctx)
    plans.current(ws, id)  # a wrong or too short id first: the options' problems are for an action there is
    options_given = Given(hvad, hvem, frist, status, fase)
    named = functools.partial(_named_source, ws)
    refuse_together(options_given, named, False, functools.partial(_change_put_right, id), is_interactive())
    to_correct = _texts_to_correct(hvad, hvem, on_one_line)  # in a terminal: their fields, to correct
    options = (hvad, hvem, frist, status, fase)
    writable_before_asking(ws, to_correct or all(value is None for value in options))
    with interrupted_as("plan.change-interrupted"):  # a wrong --status or --fase: said first (in a terminal
        changes = _given_changes(ws, hvad, hvem, status, fase)  # offered: a stop there says nothing changed)
    due, given_due = _given_due(frist) if frist is not None else (None, None)  # refused here without one
    writable_before_asking(ws, given_due is not None)  # its field opens below
    if hvad is not None and not hvad.split():  # the example: this command, its id and other options kept
        chosen = _status_word(status, changes.get("status")), _phase_word(ws, fase, changes.get("source"))
        given = [("--hvem", hvem), ("--frist", frist), ("--status", chosen[0]), ("--fase", chosen[1])]
        words = [word for option, value in given if value is not None for word in (option, shell_word(value))]
        shown = command("plan", "ret", id, "--hvad", shell_word(t("plan.what-example")), *words)
        raise UsageProblem("plan.what-missing", hint=Message("plan.what-missing.again", {"command": shown}))
    if to_correct:  # a deadline kept in a stop's command only as given, when it is one
        kept = frist if frist and date_shown(frist) == frist else ""
        others = typed_words(("--frist", kept), ("--status", status or ""), ("--fase", fase or ""))
        hvad, hvem = _texts_again(ws, id, (hvad, hvem), to_correct, others)
        changes |= {key: text for key, text in (("what", hvad), ("who", hvem)) if text is not None}
    if frist is not None:  # last: a deadline refused in a terminal is asked, the other options checked
        changes["due"] = due if given_due is None else _due_again(ws, id, given_due, hvad, hvem, status)
    if not changes:
        changes, seen = _ask_changes(ws, id)
        with typed_kept(lambda: _change_command(seen.id, changes) if changes else None):  # the save failing
            done = _save_asked(ws, id, changes, seen)
        _tell_changed(done, new_due="due" in changes)
        return
    _tell_changed(plans.change(ws, id, **changes), new_due="due" in changes)


def _save_asked(ws, id: str, changes: dict[str, object], shown) -> plans.Changed:
    """Save what 'plan ret' asked for; a part another window changed meanwhile is not overwritten unasked.

    Both texts are shown and the user picks the one to keep (a stop gives the command that saves
    the text typed here), until the action is saved as it was last shown.
    """
    while True:
        try:
            return plans.change(ws, id, shown=shown, **changes)
        except plans.ChangedMeanwhile as clash:
            changes = _settle(clash, changes)
            shown = clash.item


def _part_text(part: str, value) -> str:
    """A part of an action as 'plan ret' shows it in words: a deadline dd-mm-åååå, a status as a word."""
    if part == "due":
        return typed_day(value) if value else "–"
    if part == "status":
        return t(f"plan.status.{value}")
    return str(value) or "–"


def _settle(clash, changes: dict[str, object]) -> dict[str, object]:
    """Each part saved elsewhere meanwhile: both texts shown, the one to keep chosen (ours first)."""
    from questionary import Choice

    from spredning.cli.prompts.keys import BackToMenu, escape_leaves
    from spredning.cli.prompts.simple import select

    stop_help = None if escape_leaves() else t("prompt.refused-select-help")  # as every list: how to stop
    console = make_console()
    kept = dict(changes)
    again = Message("plan.change-again", {"command": _change_command(clash.item.id, changes)})
    for part in clash.fields:
        theirs, mine = _part_text(part, getattr(clash.item, part)), _part_text(part, changes[part])
        title = t(f"plan.column.{part}")
        console.print(
            say("plan.changed-meanwhile-part", style="yellow", part=title, theirs=theirs, mine=mine)
        )
        choices = [
            Choice(t("plan.keep-mine", text=mine), True),
            Choice(t("plan.keep-theirs", text=theirs), False),
        ]
        try:
            if not select(t("plan.which-to-keep"), choices, instruction=stop_help):
                kept.pop(part)
        except (KeyboardInterrupt, EOFError):  # the text typed here is given back as a command
            raise Interrupted("plan.change-interrupted", hint=again) from None
        except BackToMenu:  # Esc from the home screen: said first, as at a stop
            tell_left(Message("plan.change-left"), again)
            raise
    return kept


def _change_command(id: str, changes: dict[str, object]) -> str:
    """'plan ret ID' with the parts asked for, as typed."""
    parts = (("--hvad", "what"), ("--hvem", "who"), ("--frist", "due"), ("--status", "status"))
    words = typed_words(*((o, _part_text(p, changes[p])) for o, p in parts if changes.get(p)))
    # a part emptied (who, the deadline): '' empties it; '–', as _part_text shows it, was saved or refused
    emptied = [word for o, p in parts if p in changes and not changes[p] for word in (o, "''")]
    return command("plan", "ret", id, *words, *emptied)


def _given_changes(ws, what: str | None, who: str | None, status: str | None, fase: str | None) -> dict:
    """The changes 'plan ret' was given as options (the deadline aside): each one's part, checked."""
    changes: dict[str, object] = {}
    if what is not None:
        changes["what"] = what
    if who is not None:
        changes["who"] = who
    if status is not None:
        changes["status"] = _given_status(status)
    if fase is not None:
        changes["source"] = _source(ws, fase)
    return changes


def _texts_again(ws, id: str, given: tuple, refused: dict[str, str], others: list[str]) -> tuple:
    """--hvad and --hvem with a line break, in a terminal: each refused one's field, holding it, to correct.

    A stop says nothing was changed, with the command that saves what the fields held then and
    the `others` options given.
    """
    from spredning.cli.prompts.simple import ask_text

    item = plans.current(ws, id)  # a wrong or too short id is said before the fields
    texts = dict(zip(("what", "who"), given, strict=True))
    questions = {"what": t("plan.ask-what"), "who": t("plan.ask-who")}
    for field in ("what", "who"):
        if field not in refused:
            continue
        typed: list[str] = []
        try:
            texts[field] = ask_text(
                questions[field],
                (lambda text: None if text.strip() else t("plan.ask-what-needed"))
                if field == "what"
                else None,
                default=texts[field] or "",
                interrupted=typed.append,
                one_line=True,
                refused=refused[field],
            )
        except (KeyboardInterrupt, EOFError):
            texts[field] = typed[0] if typed else ""
            words = typed_words(("--hvad", texts["what"] or ""), ("--hvem", texts["who"] or "")) + others
            shown = command("plan", "ret", item.id, *words)
            again = Message("plan.change-again", {"command": shown})
            hint = _shorten_first(again, texts["what"] or "", texts["who"] or "")
            raise Interrupted("plan.change-interrupted", hint=hint) from None
    return texts["what"], texts["who"]


def _due_again(ws, id: str, given_due: tuple[str, str], what, who, status) -> datetime.date | None:
    """A --frist refused in a terminal: its field, holding it, the problem said above it, to correct.

    A stop says nothing was changed, with the command that saves the other options given.
    """
    from spredning.cli.prompts.questions import ask_due

    item = plans.current(ws, id)  # a wrong or too short id is said before the field
    typed: list[tuple[str, str | None]] = []  # the field's text at a stop, and why the field refuses it
    try:
        with _given_fields(what, who):
            return ask_due(given_due[0], interrupted=lambda *stop: typed.append(stop), refused=given_due[1])
    except (KeyboardInterrupt, EOFError):
        text, why = typed[-1] if typed else given_due
        given = (("--hvad", what or ""), ("--hvem", who or ""), ("--status", status or ""))
        words = typed_words(*given, ("--frist", "" if why is not None else text))
        shown = command("plan", "ret", item.id, *words)
        again = (
            Message("plan.change-again-refused", {"command": shown, "typed_due": text, "why": why})
            if why is not None
            else Message("plan.change-again", {"command": shown})
        )
        raise Interrupted("plan.change-interrupted", hint=again if words else None) from None


def _ask_changes(ws, id: str) -> tuple[dict[str, object], plans.PlanItem]:
    """Ask for every part of an action, its current values offered; the parts changed, and the action shown.

    Every part when the action is kept in several versions (shown first): saving settles them.
    """
    current = plans.current(ws, id)  # a wrong or too short id is said before any example
    if not is_interactive():
        raise NotATerminal(
            "plan.no-terminal-change", command=command("plan", "ret", id, "--status", "færdig")
        )
    from spredning.cli.prompts.keys import BackToMenu
    from spredning.cli.prompts.questions import TypedAction, ask_action, ask_status

    with interrupted_as("plan.change-interrupted"):
        _show_versions(current, ws)
    typed: list = []  # what was typed when the asking stopped
    try:
        with _kept_as_change(current):
            asked = ask_action(current, interrupted=typed.append)
        shown = typed_day(asked.due) if asked.due else ""
        typed.append(TypedAction(asked.what, asked.who, shown))  # a stop at the status keeps these
        status = ask_status(current.status)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("plan.change-interrupted", hint=_change_again(current, typed[:1])) from None
    except BackToMenu:  # Esc in the status list, from the home screen: what was typed is said first
        tell_left(Message("plan.change-left"), _change_again(current, typed[:1]))
        raise
    changes: dict[str, object] = {"what": asked.what, "who": asked.who, "due": asked.due, "status": status}
    before = {"what": current.what, "who": current.who, "due": current.due, "status": current.status}
    if current.others:  # the versions were shown: what is saved now settles them, every field of it
        return changes, current
    # only what was changed here: a field left as shown keeps what another window saved meanwhile
    return {field: value for field, value in changes.items() if value != before[field]}, current


def _change_again(current, typed: list) -> Message | None:
    """The hint after a stop in 'plan ret': the command that saves what was changed so far.

    Only what differs from the action as it is goes in; None when nothing did (then "not changed"
    says it all). A deadline the field refused is left out, and the words say so.
    """
    if not typed:
        return None
    what, who, due, refused, _, why = typed[0]
    words = _changed_words(current, what, who, due)
    if not words and not refused:
        return None
    shown = command("plan", "ret", current.id, *words)
    if refused:
        again = Message("plan.change-again-refused", {"command": shown, "typed_due": refused, "why": why})
    else:
        again = Message("plan.change-again", {"command": shown})
    return _shorten_first(again, what if what != current.what else "", who if who != current.who else "")


def _changed_words(current, what: str, who: str, due: str) -> list[str]:
    """The options of 'plan ret' for what differs from the action as it is (an empty what is no change)."""
    shown = typed_day(current.due) if current.due else ""
    return typed_words(
        ("--hvad", what if what.strip() and what != current.what else ""),
        ("--hvem", who if who != current.who else ""),
        ("--frist", due if due.strip() and due != shown else ""),
    )


def _kept_as_change(current):
    """While an action's fields are asked anew: a stop from outside keeps 'plan ret' with the changes.

    As _kept_as_command does for 'plan tilføj': the file kept at home says which action and how to
    save what was typed, not the bare text of the fields. Nothing changed yet: the field's text.
    """
    from spredning.cli.prompts.questions import DueLeftOut
    from spredning.cli.prompts.stops import started_again_with, typed_so_far

    questions = t("plan.ask-what"), t("plan.ask-who"), t("plan.ask-due")
    shown = typed_day(current.due) if current.due else ""
    left_out = DueLeftOut(shown)  # a deadline the field refuses: not in the command, under it

    def again(text: str | None) -> str | None:
        typed = typed_so_far(text)
        what, who, due = (
            typed.get(q, was) for q, was in zip(questions, (current.what, current.who, shown), strict=True)
        )
        due = left_out.usable(due) or shown  # refused: the deadline is left as it is
        words = _changed_words(current, " ".join(what.split()), " ".join(who.split()), due.strip())
        return command("plan", "ret", current.id, *words) if words else None

    return started_again_with(again, left_out)


def _show_versions(item, ws=None) -> None:
    """An action both sides changed: every version, before the user writes the one that settles it.

    With the workspace, each is named by the organisation it came from where that is known
    (render_plan.version_of).
    """
    if not item.others:
        return
    from spredning.cli.render_plan import day, version_of
    from spredning.cli.render_project import org_name

    named: list[str | None] = [None] * (len(item.others) + 1)
    if ws is not None:
        opened = ws.open()
        item = _with_writer(opened.project, opened.local, item)
        whose = functools.partial(version_of, functools.partial(org_name, opened.project), opened.local.me)
        named = [whose(version.by) if version.by else None for version in (item, *item.others)]
    if any(named):  # ours when its writer is not known: the one this copy has
        named[0] = named[0] or t("plan.version-yours")
    from spredning.cli.render import bullets

    console = make_console()
    console.print(say("plan.versions-intro", style="bold yellow", n=len(item.others) + 1))
    # a bullet each, a long one wrapped under its text (not under the bullet)
    versions = [
        say(
            "plan.version-named" if name else "plan.version",
            version=(name[:1].upper() + name[1:]) if name else "",  # it begins the line
            what=version.what,
            who=version.who or "–",
            due=day(version.due),
            status=t(f"plan.status.{version.status}"),
        )
        for version, name in zip((item, *item.others), named, strict=True)
    ]
    console.print(bullets(versions, 2))


@plan_app.command("luk", cls=typer_compat.DanishCommand, help=t("help.plan.luk"))
def close(
    ctx: typer.Context,
    id: str = typer.Argument(..., metavar="ID", help=t("help.plan.id", least=plans.MIN_ID, length=ID_LENGTH)),
    droppet: bool = typer.Option(False, "--droppet", help=t("help.plan.droppet")),
) -> None:
    """Luk en handling: færdig (eller droppet)."""
    ws = workspace(ctx)
    before = plans.current(ws, id).status
    done = plans.close(ws, id, dropped=droppet)
    if done.changed and before in ("færdig", "droppet"):  # closed the other way before: said, never silent
        was, now = t(f"plan.status.{before}"), t(f"plan.status.{done.item.status}")
        make_console().print(
            say("plan.closed-was", style="bold green", what=done.item.what, was=was, now=now)
        )
        return
    _tell_changed(done, closing=True)


def _tell_changed(done: plans.Changed, closing: bool = False, new_due: bool = False) -> None:
    """Say what an action is now, after it was changed or closed, or that it was so already.

    new_due: the deadline was given, so one already passed is said.
    """
    item = done.item
    status = t(f"plan.status.{item.status}")
    console = make_console()
    with after_work(console):
        if done.changed:
            console.print(say("plan.changed", style="bold green", what=item.what, status=status))
        else:
            console.print(
                say("plan.already-closed" if closing else "plan.unchanged", what=item.what, status=status)
            )
        if new_due and done.changed:
            _tell_late(console, item)


def register(app: typer.Typer) -> None:
    """Add the plan command group to the app."""
    # 'plan' alone lists the plan: the usage line shows the command as optional
    optional = t("typer.command-metavar-optional")
    app.add_typer(plan_app, name="plan", help=t("help.plan"), subcommand_metavar=optional)
