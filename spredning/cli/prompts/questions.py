"""The questions commands ask through select and ask_text.

Which partner or dialogue a command is about; an action (what, who, deadline); a deadline, or the
day an approval or a meeting happened, asked until the field takes it; an action's status. A stop
while an action is asked keeps what was typed in every one of its fields (fields_together).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from questionary import Choice

from spredning.cli.prompts.simple import ask_text, select
from spredning.cli.prompts.stops import fields_together
from spredning.core import followup, interview
from spredning.core.errors import SpredningError
from spredning.core.model import Partner
from spredning.core.textsafe import clean_name
from spredning.i18n import render as render_message
from spredning.i18n import t


def ask_partner(partners: Sequence[Partner], **io) -> Partner:
    """Which reusing organisation a command is about."""
    return select(t("prompt.which-partner"), [Choice(clean_name(p.name or p.key), p) for p in partners], **io)


def ask_news_partner(news: Sequence[tuple[Partner, int]], **io) -> Partner:
    """Whose new answers to show (vis --nye), each partner with how many it has sent."""
    choices = [Choice(t("vis.news-of-partner", org=clean_name(p.name) or p.key, n=n), p) for p, n in news]
    return select(t("vis.news-which-partner"), choices, **io)


def ask_dialogue(partners: Sequence[Partner], question: str, **io) -> Partner | None:
    """Which dialogue a new action, mark or approval belongs to: a partner's, or every one (None)."""
    every = object()
    choices = [Choice(clean_name(p.name or p.key), p) for p in partners]
    picked = select(question, [*choices, Choice(t("plan.dialogue-common"), every)], **io)
    return None if picked is every else picked


class TypedAction(NamedTuple):
    """An action as typed so far, every part as text (the deadline too: it may be half a date).

    `refused`: a deadline typed that the field refused, as typed ("" when none was); `due` leaves
    it out (it would be refused again), and what is said of the stop must say so, quoting it.
    """

    what: str = ""
    who: str = ""
    due: str = ""
    refused: str = ""
    problem: str = ""  # why a --frist given was refused, when the stop came before its field said so
    why: str = ""  # why the field refuses `refused`, in the words Enter in it says (typed_at_due)


def typed_at_due(what: str, who: str, text: str, why: str | None) -> TypedAction:
    """An action stopped in its deadline's field, with what was typed in it.

    `text` is its deadline, or the deadline refused when the field refuses it: `why` says why
    (None when the field takes it).
    """
    if why is None:
        return TypedAction(what, who, text)
    return TypedAction(what, who, refused=text, why=why)


def ask_action(
    current=None,
    interrupted: Callable[[TypedAction], None] | None = None,
    given_due: tuple[str, str] | None = None,
    refused: Mapping[str, str] | None = None,
    **io,
) -> interview.NewAction:
    """What, who and the deadline of an action (a plan item's values are the defaults to edit).

    `interrupted` is given what was typed when Esc, Ctrl+C or Ctrl+D stops the asking (see ask_text).
    `given_due`: a deadline given with --frist that was refused, and why: the deadline's field
    holds it, the problem said above it (see ask_due). `refused`: the same for the what and who
    given ('what', 'who': why the text was refused), said above the field that holds it.
    """
    refused = refused or {}
    shown = followup.typed_day(current.due) if current and current.due else ""

    def stop(typed: TypedAction) -> None:
        if interrupted is not None:
            interrupted(typed)

    given_who = current.who if current else ""  # a stop keeps what the later fields hold already
    later = (  # the deadline's, at a stop before its field
        TypedAction(due=shown)
        if given_due is None
        else TypedAction(refused=given_due[0], problem=given_due[1])
    )
    with fields_together() as fields:  # a stop from outside keeps every field typed, not only the last
        fields.append((t("plan.ask-what"), None))
        what = ask_text(
            t("plan.ask-what"),
            lambda text: None if text.strip() else t("plan.ask-what-needed"),
            default=current.what if current else "",
            interrupted=lambda text: stop(later._replace(what=text, who=given_who)),
            one_line=True,
            refused=refused.get("what"),
            **io,
        )
        fields[-1:] = [(t("plan.ask-what"), what), (t("plan.ask-who"), None)]
        who = ask_text(
            t("plan.ask-who"),
            instruction=t("plan.ask-who-help"),
            default=given_who,
            interrupted=lambda text: stop(later._replace(what=what, who=text)),
            one_line=True,
            refused=refused.get("who"),
            **io,
        )
        fields[-1:] = [(t("plan.ask-who"), who), (t("plan.ask-due"), None)]
        day = ask_due(
            shown if given_due is None else given_due[0],
            shown,
            lambda text, why: stop(typed_at_due(what, who, text, why)),
            refused=None if given_due is None else given_due[1],
            **io,
        )
    return interview.NewAction(what.strip(), who.strip(), day)


def date_words(problem) -> str:
    """A refused date in words: what is wrong, and how to write it (the error's hint)."""
    from spredning.cli.main import error_hint
    from spredning.i18n import render

    hint = error_hint(problem)
    return render(problem.message) + (f" {render(hint)}" if hint is not None else "")


def ask_due(
    default: str,
    shown: str = "",
    interrupted: Callable[[str, str | None], None] | None = None,
    refused: str | None = None,
    **io,
):
    """An action's deadline (a date, or None when left empty), asked until it is one the program takes.

    `shown`: the deadline the action has, offered and taken as it is when left so (parse_due's kept).
    `refused`: why `default` (given with --frist) was refused, said above the field that holds it.
    `interrupted` is given the field's text at Esc, Ctrl+C or Ctrl+D, and why the field refuses it
    (None when it takes it): a command offered then leaves it out (it would be refused again), and
    the words say why, as Enter in the field does.
    """
    from spredning.app.plan import parse_due

    def stop(text: str) -> None:
        if interrupted is not None:
            interrupted(text, _due_problem(text, shown))

    typed = ask_text(
        t("plan.ask-due"),
        lambda text: _due_problem(text, shown),
        instruction=t("plan.ask-due-help"),
        default=default,
        interrupted=stop,
        refused=refused,
        **io,
    )
    return parse_due(typed, kept=bool(shown) and typed.strip() == shown)


def _due_problem(text: str, shown: str = "") -> str | None:
    """Why the deadline's field refuses `text`, in the words Enter in it says; None: it takes it."""
    from spredning.app.plan import parse_due
    from spredning.core.errors import SpredningError

    try:
        parse_due(text, kept=bool(shown) and text.strip() == shown)
    except SpredningError as exc:
        return date_words(exc)
    return None


class DueLeftOut:
    """A deadline typed that its field refuses, at a stop from outside: out of the command kept then.

    It would be refused again when the command is run; it is given under it to correct
    (started_again_with's `dropped`). `shown`: the deadline the action has (plan ret), taken as it is.
    """

    def __init__(self, shown: str = "") -> None:
        self.shown, self.text = shown, ""

    def usable(self, typed: str) -> str:
        """`typed`, if a command takes it as its --frist; else '' (and it is the text left out)."""
        self.text = typed.strip() if typed.strip() and _due_problem(typed, self.shown) else ""
        return "" if self.text else typed

    def __call__(self) -> str:
        """The deadline left out of the command last made ('' when none was)."""
        return self.text


# what a day-field says of a day still to come, after why (the error's hint speaks of --dato)
_FUTURE_FIELD = {
    "approval.in-future": "approval.in-future.field",
    "meeting.in-future": "meeting.in-future.field",
}


def past_day_problem(text: str, future: str) -> str | None:
    """Why `text` is no day the field of an approval's or a meeting's date takes, in words, or None.

    A date (parse_due, as every date field) that has come; empty is today. `future`: the key that
    says a day still to come is refused (approval.in-future, meeting.in-future); _FUTURE_FIELD says
    what to write in the field then.
    """
    from spredning.app.plan import parse_due
    from spredning.app.readiness import not_in_future

    today = datetime.date.today()
    try:
        day = parse_due(text, ahead=False)
        if day is not None:
            not_in_future(future, day, today)
    except SpredningError as exc:
        if exc.key == future:
            field = _FUTURE_FIELD[future]
            return f"{render_message(exc.message)} {t(field, example=followup.typed_day(today))}"
        return date_words(exc)
    return None


def ask_past_day(
    question: str, given: str, future: str, interrupted: Callable[[str], None] | None = None, **io
) -> datetime.date:
    """The day an approval or a meeting happened, asked until the field takes it; empty is today.

    `given`: the --dato refused, the field's text to correct, why said above it (past_day_problem).
    """
    return ask_past_day_typed(question, given, future, interrupted, **io)[0]


def ask_past_day_typed(
    question: str, given: str, future: str, interrupted: Callable[[str], None] | None = None, **io
) -> tuple[datetime.date, str]:
    """As ask_past_day: the day, and the text typed for it (to give back if it is asked again)."""
    from spredning.app.plan import parse_due

    typed = ask_text(
        question,
        lambda text: past_day_problem(text, future),
        instruction=t("followup.ask-day-help"),
        default=given,
        interrupted=interrupted,
        refused=past_day_problem(given, future),
        **io,
    )
    return parse_due(typed, ahead=False) or datetime.date.today(), typed


def ask_status(current: str, **io) -> str:
    """An action's status, the current one first."""
    from spredning.core.followup import STATUSES

    choices = [Choice(t(f"plan.status.{status}"), status) for status in STATUSES]
    return select(t("plan.ask-status"), choices, default=next(c for c in choices if c.value == current), **io)


def colour_choices(theirs: bool = False) -> tuple[list[Choice], dict[str, str]]:
    """The readiness colours to choose from (grøn, gul, rød), and the words that find each by typing.

    Each colour's word in every language the program has ('grøn' and 'green'; also 'groen'):
    an English list finds Green by 'grøn', as the command line takes both (readiness.parse_colour).
    `theirs`: the other side's mark, set here: "de er klar", not "vi" (found in a re-trial).
    """
    from spredning.app.readiness import colour_words

    colours = followup.COLOURS
    words = {
        "grøn": t("plan.rate-theirs.grøn") if theirs else t("plan.rate.grøn"),
        "gul": t("plan.rate.gul"),
        "rød": t("plan.rate-theirs.rød") if theirs else t("plan.rate.rød"),
    }
    choices = [Choice(words[colour], colour) for colour in colours]
    return choices, {colour: " ".join(sorted(colour_words(colour))) for colour in colours}
