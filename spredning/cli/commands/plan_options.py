"""What 'plan tilføj' and 'plan ret' were given wrong, said at once, with one command put right to run.

One wrong option at a time, a user (or a script's author) ran the command once for each, meeting a
new refusal every time; 'start' says them all at once (project._refuse_all), and so does plan now.
One wrong option alone keeps its own refusal, with its own example (plan_add.py, plan_change.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spredning.app import plan as plans
from spredning.core.errors import Message, SpredningError, UsageProblem
from spredning.core.followup import MAX_TEXT
from spredning.i18n import has, render, t


class Given(NamedTuple):
    """The options of 'plan tilføj' or 'plan ret' (None: not given), as typed or put right."""

    hvad: str | None
    hvem: str | None
    frist: str | None
    status: str | None
    fase: str | None


class _Wrong(NamedTuple):
    option: str
    field: str  # Given's
    words: str  # what is wrong, and what to write
    put_right: str | None  # the value in the command put right; None leaves the option out
    correctable: bool  # a terminal asks for it (a list, or a field holding it)
    example: bool = False  # put_right is an example of what to write (an empty --hvad), not theirs


def refuse_together(
    given: Given,
    named: Callable[[str], str],
    adding: bool,
    again: Callable[[Given], str | None],
    interactive: bool,
) -> None:
    """Two or more options wrong: one refusal naming each (exit 2), with `again`'s command put right.

    `named` is the phase or tool --fase names (plan._named_source, refusing one that is none).
    In a terminal (`interactive`), where a list or a field is offered for each wrong one, only options no
    question can put right (an empty --hvad, a text too long) make it refuse them all at once.
    `again` gives the command with the options put right (None when nothing is left to give).
    """
    wrong = _wrong_options(given, named, adding)
    if len(wrong) < 2 or (interactive and all(w.correctable for w in wrong)):
        return
    lines = [Message("start.option-problem", {"option": w.option, "problem": w.words}) for w in wrong]
    put_right = given._replace(**{w.field: w.put_right for w in wrong})
    left_out = [w.option for w in wrong if w.put_right is None]
    examples = [w.option for w in wrong if w.example]  # said: not taken for what the user wrote
    shown = again(put_right)
    if shown is None:
        hint = Message("plan.several-problems.hint")
    else:
        key = "left-out" if left_out else "again"
        key += "-example" if examples else ""
        hint = Message(
            f"plan.several-problems.{key}", {"command": shown, "options": left_out, "examples": examples}
        )
    raise UsageProblem("start.several-problems", n=len(lines), problems=lines, hint=hint)


def _wrong_options(given: Given, named: Callable[[str], str], adding: bool) -> list[_Wrong]:
    """Each option given that the command would refuse, in the order of its options."""
    found = [*_wrong_texts(given, adding)]
    if given.frist:  # '' removes a deadline in 'plan ret', and adds none in 'plan tilføj'
        try:
            plans.parse_due(given.frist)
        except UsageProblem as refused:
            found.append(_Wrong("--frist", "frist", _words(refused), None, True))
    if given.status is not None:
        try:
            plans.parse_status(given.status)
        except UsageProblem as refused:
            found.append(_Wrong("--status", "status", _words(refused), _closest(refused), True))
    if given.fase is not None:
        try:
            named(given.fase)
        except UsageProblem as refused:
            found.append(_Wrong("--fase", "fase", _words(refused), _closest(refused), True))
    return found


def _wrong_texts(given: Given, adding: bool) -> list[_Wrong]:
    """--hvad given empty; --hvad and --hvem too long (as saved: one line), put right shortened."""
    found = []
    if given.hvad is not None and not given.hvad.split():
        example = t("plan.what-example") if adding else None  # 'plan ret' without it keeps the action's
        found.append(_Wrong("--hvad", "hvad", t("plan.what-missing"), example, False, example is not None))
    for option, field, text in (("--hvad", "hvad", given.hvad), ("--hvem", "hvem", given.hvem)):
        line = " ".join((text or "").split())
        if len(line) > MAX_TEXT:
            words = t("plan.option-too-long", limit=MAX_TEXT, length=len(line))
            found.append(_Wrong(option, field, words, _shortened(line), False))
    return found


def _words(refused: SpredningError) -> str:
    """A refusal in words, with what to write (its hint), but not its own command put right to run."""
    hint = (
        refused.hint if isinstance(refused.hint, Message) else Message(f"{refused.key}.hint", refused.params)
    )
    said = render(refused.message)
    return f"{said} {render(hint)}" if has(hint.key) else said


def _closest(refused: UsageProblem) -> str | None:
    """The value closest to the one refused, as its refusal suggests it; None when none is close."""
    close = refused.params.get("close")
    return str(close[0]) if isinstance(close, list) and close else None


def _shortened(line: str) -> str:
    """A text cut to the longest it may be, between words (inside a word only when one is longer)."""
    cut = line[: MAX_TEXT + 1]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_TEXT]
