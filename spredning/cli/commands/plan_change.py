"""``spredning plan ret``: an action changed, from options or asked part by part with its values offered.

A part another window changed meanwhile is shown beside ours, and the user picks the one to keep; an
action kept in several versions is shown whole first. A stop gives the command that saves what was typed.
"""

from __future__ import annotations

import datetime
import functools

import typer

from spredning.app import plan as plans
from spredning.cli.commands import plan_asking
from spredning.cli.commands.asking import (
    interrupted_as,
    is_interactive,
    tell_left,
    typed_kept,
    writable_before_asking,
)
from spredning.cli.commands.commandline import command, date_shown, typed_words
from spredning.cli.commands.plan_options import Given, refuse_together
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import make_console, say
from spredning.core.errors import Interrupted, Message, NotATerminal, UsageProblem
from spredning.core.followup import ID_LENGTH, typed_day
from spredning.core.shellwords import shell_word
from spredning.i18n import t


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
    current = plans.current(ws, id)  # a wrong or too short id first: the options' problems are for an action
    options_given = Given(hvad, hvem, frist, status, fase)
    named = functools.partial(plan_asking.named_source, ws)
    refuse_together(options_given, named, False, functools.partial(_change_put_right, id), is_interactive())
    to_correct = plan_asking.fields_to_correct(
        hvad, hvem, on_one_line
    )  # in a terminal: their fields, to correct
    options = (hvad, hvem, frist, status, fase)
    writable_before_asking(ws, to_correct or all(value is None for value in options))
    if any(value is not None for value in options):  # versions the options settle: shown before any list
        show_action_versions(current, ws)
    with interrupted_as("plan.change-interrupted"):  # a wrong --status or --fase: said first (in a terminal
        changes = _given_changes(ws, hvad, hvem, status, fase)  # offered: a stop there says nothing changed)
    # in the commands a stop or a refusal gives: a status and phase as chosen in a list offered for them
    status_shown = plan_asking.status_word(status, changes.get("status"))
    phase_shown = plan_asking.phase_word(ws, fase, changes.get("source"))
    due, given_due = (
        plan_asking.given_due(frist) if frist is not None else (None, None)
    )  # refused here without one
    writable_before_asking(ws, given_due is not None)  # its field opens below
    if hvad is not None and not hvad.split():  # the example: this command, its id and other options kept
        given = [("--hvem", hvem), ("--frist", frist), ("--status", status_shown), ("--fase", phase_shown)]
        words = [word for option, value in given if value is not None for word in (option, shell_word(value))]
        shown = command("plan", "ret", id, "--hvad", shell_word(t("plan.what-example")), *words)
        raise UsageProblem("plan.what-missing", hint=Message("plan.what-missing.again", {"command": shown}))
    if to_correct:  # a deadline kept in a stop's command only as given, when it is one
        kept = frist if frist and date_shown(frist) == frist else ""
        chosen_words = ("--status", status_shown or ""), ("--fase", phase_shown or "")
        others = typed_words(("--frist", kept), *chosen_words)
        hvad, hvem = _texts_again(ws, id, (hvad, hvem), to_correct, others)
        changes |= {key: text for key, text in (("what", hvad), ("who", hvem)) if text is not None}
    if frist is not None:  # last: a deadline refused in a terminal is asked, the other options checked
        chosen = (status_shown, phase_shown)
        changes["due"] = due if given_due is None else _due_again(ws, id, given_due, hvad, hvem, chosen)
    if not changes:
        changes, seen = _ask_changes(ws, id)
        with typed_kept(lambda: _change_command(seen.id, changes) if changes else None):  # the save failing
            done = _save_asked(ws, id, changes, seen)
        plan_asking.tell_changed(done, new_due="due" in changes)
        return
    done = plans.change(ws, id, **changes)
    plan_asking.tell_changed(done, new_due="due" in changes)
    if current.others and done.changed:  # every part of the one that applies now: what was kept of each
        settled_as(done.item)


def settled_as(item) -> None:
    """An action whose versions were settled: all of the one that applies now (who, deadline, status)."""
    from spredning.cli.render_plan import day

    version = t(
        "plan.version",
        what=item.what,
        who=item.who or "–",
        due=day(item.due),
        status=t(f"plan.status.{item.status}"),
    )
    make_console().print(say("plan.settled-as", version=version))


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
    for part in clash.fields:
        # a stop gives the command that saves what is still ours to keep: not a part where the
        # text that stands now was chosen already (it would overwrite that choice)
        again = Message("plan.change-again", {"command": _change_command(clash.item.id, kept)})
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
        changes["status"] = plan_asking.given_status(status)
    if fase is not None:
        changes["source"] = plan_asking.source(ws, fase)
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
            hint = plan_asking.shorten_first(again, texts["what"] or "", texts["who"] or "")
            raise Interrupted("plan.change-interrupted", hint=hint) from None
    return texts["what"], texts["who"]


def _due_again(ws, id: str, given_due: tuple[str, str], what, who, others: tuple) -> datetime.date | None:
    """A --frist refused in a terminal: its field, holding it, the problem said above it, to correct.

    A stop says nothing was changed, with the command that saves the other options given (`others`:
    the status and phase, as chosen in a list offered for a wrong one).
    """
    from spredning.cli.prompts.questions import ask_due

    item = plans.current(ws, id)  # a wrong or too short id is said before the field
    typed: list[tuple[str, str | None]] = []  # the field's text at a stop, and why the field refuses it
    try:
        with plan_asking.given_fields(what, who):
            return ask_due(given_due[0], interrupted=lambda *stop: typed.append(stop), refused=given_due[1])
    except (KeyboardInterrupt, EOFError):
        text, why = typed[-1] if typed else given_due
        status, fase = others
        given = (("--hvad", what or ""), ("--hvem", who or ""), ("--status", status or ""))
        words = typed_words(*given, ("--frist", "" if why is not None else text), ("--fase", fase or ""))
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
            "plan.no-terminal-change", command=command("plan", "ret", id, "--status", t("plan.status.færdig"))
        )
    from spredning.cli.prompts.keys import BackToMenu
    from spredning.cli.prompts.questions import TypedAction, ask_action, ask_status

    with interrupted_as("plan.change-interrupted"):
        show_action_versions(current, ws)
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
    return plan_asking.shorten_first(
        again, what if what != current.what else "", who if who != current.who else ""
    )


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

    As plan_add._kept_as_command does for 'plan tilføj': the file kept at home says which action and how to
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


def show_action_versions(item, ws=None) -> None:
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
        item = plan_asking.with_writer(opened.project, opened.local, item)
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
