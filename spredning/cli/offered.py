"""A refused option value whose right values are known, in a terminal: they are offered to choose from.

What was wrong is said above the list, and the value closest to the one given is chosen
already (Enter takes it). Esc and Ctrl+C stop, as in every list of a command (prompts.simple.select).
Without a terminal the callers refuse the value as before (exit 2), naming the values that work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spredning.core.errors import Message, UsageProblem
from spredning.core.model import Guide, Partner, Phase
from spredning.i18n import t


def say_problem(problem: Message) -> None:
    """Why a value given was refused, above what is offered in its place.

    Text, never markup, the value typed cleaned of control characters ('[red]Fanø' shown as typed).
    """
    from spredning.cli.console import make_console, said

    make_console().print(said(problem, style="yellow"))


def offer(refused: UsageProblem, question: str, choices: Sequence[tuple[str, object]], close: object = None):
    """The list for a refused value: why above it, `close` (a value) chosen already; the value picked."""
    say_problem(refused.message)
    return _picked(question, choices, close)


def _picked(question: str, choices: Sequence[tuple[str, object]], close: object):
    """The value chosen in a list where `close` is chosen already, its help saying how to stop."""
    from questionary import Choice

    from spredning.cli.prompts.simple import select, stop_help

    made = [Choice(title, value) for title, value in choices]
    default = next((choice for choice in made if choice.value == close), None)
    # the list's help says how to stop (from the home screen its own: Esc goes back to the menu)
    return select(question, made, default=default, instruction=stop_help())


def offered_role(refused: UsageProblem, question: str | None = None) -> str:
    """--rolle that is no side: the two sides offered, the one it was close to chosen already.

    `question`: the list's own words (fase asks which side the user answers for).
    """
    close = refused.params.get("close")
    first = close[0] if isinstance(close, list) and close else None
    # each side as --rolle takes it, not start's 'Vi vil dele': the sharing side may answer for a partner
    sides = [(t("prompt.side-dele"), "dele"), (t("prompt.side-genbruge"), "genbruge")]
    return offer(refused, question or t("prompt.which-side"), sides, first)


def offered_status(refused: UsageProblem) -> str:
    """--status that is none: the statuses offered, the closest chosen already."""
    from spredning.core.followup import STATUSES

    choices = [(t(f"plan.status.{status}"), status) for status in STATUSES]
    close = refused.params.get("close")  # as the refusal says it: 'Mente du 'i gang'?'
    first = close[0] if isinstance(close, list) and close else None
    chosen = next((status for title, status in choices if title == first), None)
    return offer(refused, t("plan.ask-status"), choices, chosen)


def offered_partner(refused: UsageProblem, partners: Sequence[Partner]) -> Partner:
    """--partner naming none of them (or several): the partners offered, the closest chosen already."""
    close = refused.params.get("close") or refused.params.get("names")
    first = close[0] if isinstance(close, list) and close else None
    chosen = next((p for p in partners if first in (p.name, p.key)), None)
    choices = [(p.name or p.key, p) for p in partners]
    return offer(refused, t("prompt.which-partner"), choices, chosen)


def offered_phase(refused: UsageProblem, guide: Guide) -> Phase:
    """A phase that is none (or empty): the guide's phases offered, the closest chosen already.

    Said above them without the list of phases the refusal names: they are the list.
    """
    close = refused.params.get("close")
    first = guide.find_phase(close[0]) if isinstance(close, list) and close else None
    if refused.key == "usage.unknown-phase":
        say_problem(
            Message("usage.unknown-phase-offered", {"value": refused.params["value"], "close": close or []})
        )
    else:
        say_problem(Message("usage.empty-phase-offered"))
    phases = [(phase.name, phase.id) for phase in guide.phases]
    chosen = _picked(t("prompt.which-phase"), phases, first.id if first else None)
    return next(phase for phase in guide.phases if phase.id == chosen)


def offered_source(
    refused: UsageProblem, guide: Guide, close: str | None, picked: Callable[[str], None] = lambda _: None
) -> str:
    """--fase naming no phase or tool: its phase chosen first, then the whole phase or one of its tools.

    `close`: the id of the phase or tool closest to what was typed, chosen already in both lists.
    `picked` is given the phase chosen, before its tools are offered (a stop there can name it).
    """
    phase_of = (close or "").partition(".")[0]
    phases = [(phase.name, phase.id) for phase in guide.phases]
    phase_id = offer(refused, t("plan.ask-source-phase"), phases, phase_of or None)
    picked(phase_id)
    phase = next(p for p in guide.phases if p.id == phase_id)
    choices = [(t("plan.source-whole-phase", phase=phase.name), phase.id)]
    choices += [(tool.title, tool.id) for tool in phase.tools]
    return _picked(t("plan.ask-source-tool"), choices, close)


def offered_tool(refused: UsageProblem, guide: Guide, close: str | None) -> str:
    """A tool that is none (klarhed): its phase chosen first, then one of its tools; the tool's id.

    `close`: the id of the tool closest to what was typed, chosen already in both lists.
    """
    phases = [(phase.name, phase.id) for phase in guide.phases]
    phase_id = offer(refused, t("readiness.ask-tool-phase"), phases, (close or "").partition(".")[0] or None)
    phase = next(p for p in guide.phases if p.id == phase_id)
    return _picked(t("readiness.ask-tool"), [(tool.title, tool.id) for tool in phase.tools], close)
