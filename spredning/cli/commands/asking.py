"""Whether a terminal can ask, and what a stop or a failed save there says: nothing typed is lost."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from spredning.app.workspace import Workspace
from spredning.core.errors import Interrupted, Message, SpredningError, UsageProblem
from spredning.i18n import t


def is_interactive() -> bool:
    """True when both stdin and stdout are terminals, so prompts can be shown."""
    return sys.stdin is not None and sys.stdin.isatty() and sys.stdout is not None and sys.stdout.isatty()


@contextlib.contextmanager
def typed_kept(again: Callable[[], str | None]) -> Iterator[None]:
    """A save that fails after a terminal asked (the file made read-only, locked or damaged meanwhile).

    What was typed is not lost: after the error's own hint comes `again`, the command that saves
    it (None: nothing typed to keep). A stop at a prompt asked within (which text to keep, see
    plan ret) is no failed save: its own words give that command, said once.
    """
    try:
        yield
    except Interrupted:
        raise
    except SpredningError as failed:
        shown = again()
        if shown is None:
            raise
        from spredning.cli.main import error_hint

        hint = error_hint(failed)
        params = {"command": shown, "hint": hint}
        failed.hint = Message("save.typed-again" if hint is None else "save.typed-again-after", params)
        raise


def writable_before_asking(ws: Workspace, asking: object) -> None:
    """A read-only project file said before a terminal asks what would be saved in it (when `asking`).

    Found only at the save, what was typed (a mark's reason, an action, a name) was lost.
    """
    if asking and is_interactive():
        ws.check_writable()


@contextlib.contextmanager
def interrupted_as(key: str) -> Iterator[None]:
    """Ctrl+C or Ctrl+D at a prompt ends the command with `key`, the words for what was not done.

    Only around the asking: an interrupt held back while the store writes would otherwise be
    told as nothing done after all was saved.
    """
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(key) from None


def tell_left(left: Message, hint: Message | None) -> None:
    """Esc in a list took the home screen's user back to the menu: what was not done, and what was typed.

    As Ctrl+C's words would say it (without 'Stoppet.'), so the text typed in the command's earlier
    fields is given back as the command that uses it, not lost in silence. The caller raises on.
    """
    from spredning.cli.main import print_error

    with contextlib.suppress(OSError):
        print_error(left, hint, label=False)


def one_line_options(*options: tuple[str, str | None], again: Callable[[], str] | None = None) -> None:
    """Refuse the options of one-line fields whose text has a line break or a tab inside it (all named).

    Saved, the breaks would become spaces: the text shown later would not be the text given.
    Said before anything is asked or saved. `again`: the user's own command put right (its texts
    on one line, see typed_words), the refusal's example.
    """
    from spredning.cli.prompts.simple import breaks_in_words
    from spredning.core.textsafe import breaks_a_line

    broken = {option: value for option, value in options if value is not None and breaks_a_line(value)}
    if not broken:
        return
    key, example = (  # every one named at once
        ("usage.one-line", "usage.one-line.again")
        if len(broken) == 1
        else ("usage.one-line-several", "usage.one-line-several.again")
    )
    hint = Message(example, {"command": again()}) if again is not None else None
    if len(broken) == 1:
        raise UsageProblem(key, hint=hint, option=next(iter(broken)), what=breaks_in_words(*broken.values()))
    raise UsageProblem(key, hint=hint, options=list(broken), what=breaks_in_words(*broken.values()))


def long_options(*options: tuple[str, str | None]) -> None:
    """Refuse an option whose text is longer than its field keeps (as saved: on one line).

    Named as typed (--af), not as the field it is saved in; said before anything is asked or saved,
    also in a terminal, where the user would otherwise answer the questions first. (Two such texts
    in one command, 'plan tilføj --hvad … --hvem …', are said together before: plan_options.)
    """
    from spredning.core.followup import MAX_TEXT

    for option, value in options:
        length = len(" ".join((value or "").split()))
        if length > MAX_TEXT:
            raise UsageProblem("usage.too-long", option=option, limit=MAX_TEXT, length=length)


def texts_to_correct(
    *options: tuple[str, str | None], again: Callable[[], str] | None = None
) -> dict[str, str]:
    """One-line options with a line break: refused (one_line_options), or in a terminal the fields to open.

    A text too long for its field is refused first, in a terminal too (long_options).
    In a terminal: {option: why it was refused} for each such option, whose field then opens
    holding the text given, the problem said above it, to correct (as 'plan tilføj --hvad').
    """
    from spredning.cli.prompts.simple import breaks_in_words
    from spredning.core.textsafe import breaks_a_line

    long_options(*options)
    try:
        one_line_options(*options, again=again)
    except UsageProblem:
        if not is_interactive():
            raise
        return {
            option: t("prompt.one-line", what=breaks_in_words(value))
            for option, value in options
            if value is not None and breaks_a_line(value)
        }
    return {}
