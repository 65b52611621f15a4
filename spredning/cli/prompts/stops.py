"""A stop from outside while a prompt waits: SIGHUP (the terminal closed) or SIGTERM (asked to end).

The program ends at once with exit code 128 + the signal, the terminal given its settings back and
a line saying what became of the text. Outside the interview nothing of the prompt is saved: what
was typed in the field is printed whole, to be copied, and kept in a file of its own
(RESCUE_FOLDERS), as the window may be gone. The interview keeps the field's text as a draft
itself (InterviewPrompter.stop_signals_kept); _Stop is the state both share. Every prompt is asked
through _asked, which ends the program first when a stop came while no prompt showed.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import signal
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from spredning.cli import editor
from spredning.cli.prompts.keys import field_buffer
from spredning.core.textsafe import clean, writable
from spredning.i18n import t

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))
HANG_UP: int | None = getattr(signal, "SIGHUP", None)  # a closed terminal (none on Windows)


class _Stop:
    """A stop from outside (SIGHUP, SIGTERM) and whether a prompt is waiting for keys.

    SIGHUP: the terminal closed; SIGTERM: the program is asked to end. One program, one terminal:
    one state (see InterviewPrompter.stop_signals_kept).
    """

    signum: int | None = None
    waiting = False
    terminal: list[Any] | None = None  # the terminal's settings before the prompts (raw mode off)
    kept = False  # the interview's handlers are installed (stop_signals_kept)
    # a command's file holding the user's writing not saved yet (a conflict's combined text)
    written_in: Callable[[], Path | None] | None = None
    asking: Any = None  # the prompt waiting for keys now: a stop says the text in its field
    # the fields of one thing asked in turn (an action): (question, text), None for the one asked now
    together: list[tuple[str, str | None]] | None = None
    # a command that starts again with every field typed so far, given the text in the field now (start's)
    again: Callable[[str | None], str | None] | None = None
    dropped: Callable[[], str] | None = None  # after `again`: a field's text refused, left out of it


def _asking_field() -> str | None:
    """The text in the field of the text prompt waiting now (maybe empty); None at a list or none."""
    question = _Stop.asking
    if not getattr(question, "text_field", False):  # a list (select), or no prompt
        return None
    with contextlib.suppress(Exception):  # the terminal may be gone
        return field_buffer(question.application).text
    return None


def _asking_text() -> str | None:
    """The text typed in the field of the text prompt waiting now; None at a list or with nothing typed."""
    text = _asking_field()
    return text if text is not None and text.strip() else None


def _terminal_settings() -> list[Any] | None:
    """The terminal's settings now (POSIX, when stdin is a terminal), to give back at a sudden end."""
    try:
        import termios
    except ImportError:  # not POSIX
        return None
    try:
        return termios.tcgetattr(sys.stdin.fileno())
    except (termios.error, OSError, ValueError, AttributeError):  # no terminal (termios.error is no OSError)
        return None


def _end_now(signum: int, said: str | None = None, text: str | None = None) -> None:
    """End at once after a stop from outside: the terminal as it was, and a line saying what was kept.

    `said`: what the stop leaves, in words (by default: everything saved is saved); `text`: the
    field's text, whole and as typed, when it could not be kept (to copy, if a terminal remains).
    At a list, its choices are below the cursor: they are wiped before the words, which were
    drawn over them before, the rest of each choice left standing after the words.

    The prompt had put the terminal in raw mode (no echo, no lines); ending without giving the
    settings back would leave the shell a terminal that shows nothing typed. After a hang-up the
    terminal is gone, and both steps fail quietly.
    """
    if _Stop.terminal is not None:
        with contextlib.suppress(Exception):
            import termios

            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, _Stop.terminal)
    with contextlib.suppress(Exception):
        width = shutil.get_terminal_size().columns - 1
        said = said or t("interview.stopped-from-outside-saved")
        # a path in the words (a kept file) stays whole, to be copied
        lines = "\n".join(textwrap.wrap(said, max(20, width), break_long_words=False, break_on_hyphens=False))
        at_list = _Stop.asking is not None and not getattr(_Stop.asking, "text_field", False)
        wipe = "\x1b[J" if at_list and os.isatty(sys.stderr.fileno()) else ""  # to the screen's end
        os.write(sys.stderr.fileno(), f"\n{wipe}{lines}\n".encode())
    if text:
        with contextlib.suppress(Exception):
            os.write(sys.stderr.fileno(), f"{clean(text)}\n".encode(errors="replace"))
    os._exit(128 + signum)


# where text not kept as a draft at a stop from outside goes (_rescued), in order
RESCUE_FOLDERS: tuple[Callable[[], str | Path], ...] = (Path.home, tempfile.gettempdir)


def _rescued(text: str | None, about: str | None = None) -> Path | None:
    """Text that could not be kept as a draft at a stop from outside, in a new file of its own.

    The terminal may be gone (a closed window), so the text printed may reach nobody. The file
    goes in the home folder, else the system's temporary folder (the disk may be full where
    the projects are); it never replaces a file. None when no folder could take it. `about`:
    a line before the text saying where it was typed (the question, the project): found later,
    a file of bare text told nothing of where it belonged.
    """
    if not text:
        return None
    whole = text if text.endswith("\n") else text + "\n"
    data = writable(f"{about}\n\n{whole}" if about else whole).encode("utf-8")
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    for where in RESCUE_FOLDERS:
        with contextlib.suppress(Exception):
            for n in range(1, 100):
                path = Path(where()) / t("interview.rescue-file", stamp=stamp, n=n)
                made = False
                try:
                    with open(path, "xb", opener=_private) as file:  # "x": never over a file there
                        made = True
                        file.write(data)
                        os.fsync(file.fileno())
                    return path
                except FileExistsError:
                    continue
                except OSError:
                    if made:  # ours, made just now: a part of the text is no kept copy
                        path.unlink()
                    break
    return None


_KEPT_WORDS = {  # the words before the text kept, and those naming its file: a field's, several's, a command
    "field": ("interview.stopped-field-text", "interview.stopped-field-file"),
    "fields": ("interview.stopped-fields-text", "interview.stopped-fields-file"),
    "command": ("interview.stopped-command-text", "interview.stopped-command-file"),
    "command-dropped": ("interview.stopped-command-dropped-text", "interview.stopped-command-dropped-file"),
}


def _field_text_words(text: str, kind: str = "field") -> str:
    """The words before a field's text that no draft keeps, at a stop from outside.

    The text is printed to copy, and kept in a file of its own too: a closed window (SIGHUP)
    or a logout leaves no terminal to copy from, and the typed action or reason was lost.
    `kind`: "field", one field's text; "fields", that of several (see fields_together); "command",
    a command to run again with them (see started_again_with), "command-dropped" with the text
    of a field it leaves out under it.
    """
    if kind == "field" and getattr(_Stop.asking, "path_field", False):  # a path typed is no work to keep
        return t("interview.stopped-path-text")  # shown to copy, but no file of its own
    rescued = _rescued(text)
    text_key, file_key = _KEPT_WORDS[kind]
    shown = t(text_key)
    return shown if rescued is None else f"{t(file_key, path=str(rescued))} {shown}"


def _terminal_gone(question) -> bool:
    """The prompt ended because its terminal closed (its input ended), not at Ctrl+D or another error.

    A shell between the window and the command is the terminal's session leader: a closed
    window reaches the command first as the end of its input, and the hang-up only if the shell
    passes it on. Taken as Ctrl+D, the field's text was said to a terminal no longer there, and lost.
    A test's pipe that ends is no closed window.
    """
    from prompt_toolkit.input import PipeInput

    given = getattr(getattr(question, "application", None), "input", None)
    return HANG_UP is not None and bool(getattr(given, "closed", False)) and not isinstance(given, PipeInput)


def _hung_up() -> None:
    """The terminal closed under a prompt: end as the hang-up would, the field's text kept.

    In the interview its own handler keeps the text (an answer as a draft, an action's or a
    mark's fields in a file); elsewhere the text is kept in a file (_stopped_unsaved).
    """
    assert HANG_UP is not None  # _terminal_gone says so
    handler = signal.getsignal(HANG_UP) if _Stop.kept else _stopped_unsaved
    if callable(handler):
        handler(HANG_UP, None)


def _private(path: str, flags: int) -> int:
    """Open a new file only its owner can read: the temporary folder is shared with other users."""
    return os.open(path, flags, 0o600)


def _asked(question):
    """Ask a prompt. A stop that came while no prompt showed ends the program before this one.

    Outside the interview (which keeps the field's text itself) a stop while the prompt waits
    ends the program the same way: the terminal as it was, and a line in the user's language.
    """
    if _Stop.signum is not None:
        _end_now(_Stop.signum)
    _Stop.waiting, _Stop.asking = True, question
    try:
        with contextlib.nullcontext() if _Stop.kept else _plain_stops():
            try:
                return question.unsafe_ask()
            except (EOFError, OSError):  # the end of the input, or a terminal no longer there to draw on
                if _terminal_gone(question):
                    _hung_up()
                raise
    finally:
        _Stop.waiting, _Stop.asking = False, None


@contextlib.contextmanager
def _plain_stops() -> Iterator[None]:
    """While a prompt of a command other than the interview waits: a stop ends it in words."""
    _Stop.terminal = _terminal_settings()
    try:
        previous = {signum: signal.signal(signum, _stopped_unsaved) for signum in STOP_SIGNALS}
    except ValueError:  # not the main thread (a test's prompt): signals stay as they are
        previous = {}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def _stopped_unsaved(signum, frame) -> None:
    if _Stop.signum is not None:  # a second stop while the first ends the program (an editor closing)
        return
    _Stop.signum = signum
    text = _asking_text()  # what was typed in the field, to copy: it is not saved
    again = _again_kept()
    if again is not None:  # the command with every field typed so far, as Ctrl+C gives it
        kept, kind = again
        if not kept.strip():  # the fields hold what is saved already: nothing is unsaved
            _end_now(signum)
        _end_now(signum, _unsaved_words(signum, kept, kind=kind), kept)
    fields = _typed_together(text)
    if fields is not None:  # every field of the action typed so far, not only the one asked now
        _end_now(signum, _unsaved_words(signum, fields, kind="fields"), fields)
    _end_now(signum, _unsaved_words(signum, text), text)


def _again_kept() -> tuple[str, str] | None:
    """The command that starts again with every field typed so far, and the kind of words for it.

    See started_again_with, and _field_text_words for the kind; None: no command. A field's text
    the command leaves out (refused there) follows it on a line of its own, as Ctrl+C gives it too.
    """
    again = _Stop.again(_asking_field()) if _Stop.again is not None else None
    if again is None:
        return None
    dropped = _Stop.dropped() if _Stop.dropped is not None else ""
    return (f"{again}\n{dropped}", "command-dropped") if dropped.strip() else (again, "command")


@contextlib.contextmanager
def started_again_with(
    again: Callable[[str | None], str | None], dropped: Callable[[], str] | None = None
) -> Iterator[None]:
    """While a command asks what it would run with: a stop from outside keeps a command.

    'start', 'plan', 'godkend' and 'klarhed' use it, and the interview while it asks for an action
    or a mark after a tool.

    `again(text)`: the command with every field typed so far, the one asked now holding `text`
    (None at a list); None when nothing was typed; '' when the fields hold what is saved already
    (a mark's colour and reason as they stand), so nothing is unsaved. It is shown and kept in a
    file, as the field's text would be, and said as Ctrl+C says it. `dropped()`, asked after `again`: the text
    of a field the command leaves out, refused there ('' when none); it follows the command.
    """
    _Stop.again, _Stop.dropped = again, dropped
    try:
        yield
    finally:
        _Stop.again, _Stop.dropped = None, None


@contextlib.contextmanager
def fields_together() -> Iterator[list[tuple[str, str | None]]]:
    """While several fields make one thing (an action's what, who and deadline), asked in turn.

    At a stop from outside, the text of every one typed so far is shown and kept in a file, not
    only the last one's. The caller appends (question, None) as it asks a field and puts the text
    in when it is answered.
    """
    _Stop.together = []
    try:
        yield _Stop.together
    finally:
        _Stop.together = None


def typed_so_far(current: str | None) -> dict[str, str]:
    """The fields of one thing typed so far by their questions, the one asked now holding `current`.

    For a command that starts again with them at a stop from outside (see started_again_with).
    """
    fields = _Stop.together or []
    lines = [(question, current if text is None else text) for question, text in fields]
    return {question: text for question, text in lines if text is not None}


def _typed_together(current: str | None) -> str | None:
    """The fields of one thing typed so far, a line each ('Hvad skal gøres? Book et lokale').

    None when no field before the one asked now holds text: that one's text alone is said then.
    """
    fields = _Stop.together or []
    if not any(text and text.strip() for _, text in fields):
        return None
    lines = [(question, current if text is None else text) for question, text in fields]
    return "\n".join(
        f"{question} {' '.join(text.split())}" for question, text in lines if text and text.strip()
    )


def _unsaved_words(signum: int, text: str | None = None, kind: str = "field") -> str:
    """A stop outside the interview: nothing of this prompt is saved; writing kept in files is named.

    Where nothing was typed (the home screen's menu, an empty field) and no file holds writing,
    only that everything saved is saved: there is no text to speak of.

    An editor open now (a conflict's combined text) is stopped first, and its file named when it
    holds something; a file the command keeps written text in is named too. `text`: the field's
    text, which follows the words to copy and is kept in a file of its own (see _field_text_words).
    """
    words = []
    if text:
        words.append(_field_text_words(text, kind))
    left = editor.stop_open(signum)
    if left is not None and left.path is not None:
        words.append(t("editor.stopped-file-kept", path=str(left.path)))
    written = _Stop.written_in() if _Stop.written_in is not None else None
    if written is not None:
        words.append(t("editor.stopped-written-kept", path=str(written)))
    if not words:  # nothing typed here (a list, an empty field): no word of text not saved
        return t("interview.stopped-from-outside-saved")
    return " ".join([t("interview.stopped-from-outside-unsaved"), *words])


@contextlib.contextmanager
def stops_end_in_words() -> Iterator[None]:
    """Outside a prompt (an editor opened by a command): a stop from outside ends as at a prompt."""
    if _Stop.kept:  # the interview's own handlers are in place
        yield
        return
    with _plain_stops():
        yield


@contextlib.contextmanager
def written_kept_in(where: Callable[[], Path | None]) -> Iterator[None]:
    """While a command keeps writing not saved yet in a file (`where()`), a stop names that file."""
    before = _Stop.written_in
    _Stop.written_in = where
    try:
        yield
    finally:
        _Stop.written_in = before
