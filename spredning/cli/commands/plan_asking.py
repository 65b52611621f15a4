"""What 'plan tilføj' and 'plan ret' share: their options read and checked, fields to correct them.

A status, a phase or tool and a deadline given as options are checked here (in a terminal one that
is none is offered, or its field opened to correct it); after a change or a close, what the action
is now is said.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterator

from spredning.app import plan as plans
from spredning.cli.commands.asking import (
    is_interactive,
    texts_to_correct,
)
from spredning.cli.console import after_work, make_console, say
from spredning.core.errors import Message, UsageProblem
from spredning.i18n import t


def today() -> datetime.date:
    """Today, for deadlines passed (one place, so a test can fix the day)."""
    return datetime.date.today()


def with_writer(project, state, item):
    """An action in two versions with the partner whose file brought the one shown, when known."""
    from spredning.app.exchange.noting import writer

    entry = project.record((item.where, f"plan:{item.id}")) if item.others else None
    by = writer(state, (item.where, f"plan:{item.id}"), entry.answer) if entry is not None else None
    return item._replace(by=by) if by else item


def fields_to_correct(what: str | None, who: str | None, again) -> dict[str, str]:
    """--hvad and --hvem with a line break: refused (one_line_options), or in a terminal the fields to open.

    Each field ('what', 'who') holds the text given, the problem said above it, to correct.
    """
    refused = texts_to_correct(("--hvad", what), ("--hvem", who), again=again)
    fields = {"--hvad": "what", "--hvem": "who"}
    return {fields[option]: why for option, why in refused.items()}


@contextlib.contextmanager
def given_fields(what: str | None, who: str | None) -> Iterator[None]:
    """While the deadline's field alone is asked: --hvad and --hvem given are the action's other fields.

    A stop from outside then shows and keeps them with the deadline typed (prompts.stops.fields_together).
    """
    from spredning.cli.prompts.stops import fields_together

    with fields_together() as fields:
        given = ((t("plan.ask-what"), what), (t("plan.ask-who"), who))
        fields += [(question, text) for question, text in given if text]
        fields.append((t("plan.ask-due"), None))
        yield


def given_due(frist: str | None) -> tuple[datetime.date | None, tuple[str, str] | None]:
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


def shorten_first(again: Message | None, what: str, who: str) -> Message | None:
    """A stop's command, saying first that a text too long for it must be shortened (its words given back)."""
    from spredning.cli.prompts.simple import shorten_first

    return shorten_first(again, ("--hvad", what), ("--hvem", who))


def tell_late(console, item) -> None:
    """A deadline already passed is taken (the action may be late already) but said: it is overdue now."""
    if item.overdue(today()):
        console.print(say("plan.due-passed", style="yellow", day=item.due))


def given_status(value: str) -> str:
    """The status --status gives; one that is none is refused, or in a terminal the statuses offered."""
    try:
        return plans.parse_status(value)
    except UsageProblem as refused:
        if not is_interactive():
            raise
        from spredning.cli.offered import offered_status

        return offered_status(refused)


def status_word(typed: str | None, chosen) -> str | None:
    """--status in an example: as typed when it is a status, else the one chosen in the list offered."""
    try:
        plans.parse_status(typed or "")
    except UsageProblem:
        return None if typed is None else t(f"plan.status.{chosen}")
    return typed


def phase_word(ws, typed: str | None, chosen) -> str | None:
    """--fase in an example: as typed when it names a phase or tool, else the one chosen in the lists."""
    try:
        named_source(ws, typed)
    except UsageProblem:
        return None if typed is None else chosen
    return typed


def source(ws, value: str | None, picked: Callable[[str], None] = lambda _: None) -> str:
    """A phase ('fjern') or a tool ('fjern.fjern-forhindringer' or 'fjern-forhindringer').

    One that is neither is refused; in a terminal the phases and their tools are offered (`picked`
    is given the phase chosen, before its tools).
    """
    try:
        return named_source(ws, value)
    except UsageProblem as refused:
        if not is_interactive() or refused.key != "plan.bad-source":
            raise
        from spredning.cli.offered import offered_source

        close = refused.params.get("close")
        nearest = None
        with contextlib.suppress(UsageProblem):  # the closest named phase or tool, chosen already
            nearest = named_source(ws, close[0]) if isinstance(close, list) and close else None
        return offered_source(refused, ws.guide, nearest, picked)


def named_source(ws, value: str | None) -> str:
    """The phase or tool `value` names ('' when none is given); one it does not name is refused.

    The refusal names the phases and tools close to it, and every phase, so a script is put right by it.
    """
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


def tell_changed(done: plans.Changed, closing: bool = False, new_due: bool = False) -> None:
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
            tell_late(console, item)
