"""Prompts in the terminal (questionary) and the interview's steps as a person sees them.

Imported only by interactive commands, so status, vis and --help never pay for prompt_toolkit.
Nothing typed is lost: the text in an answer field is handed back as a draft when the user goes
back (PgUp), stops (Ctrl+C, Ctrl+D), when the terminal closes (SIGHUP) or the program is asked to
end (SIGTERM), and while typing (at most AUTOSAVE_SECONDS after a keystroke), so even a crash
loses at most the last moments.

A closed field is erased with its key hint; what stays on the screen is printed here and says
only what is true: the saved answer, "skipped", or text kept as a draft, marked as one. Text that
could not be kept (a full disk, a folder made read-only) is printed whole, to be copied, and an
autosave that fails or is held back (another window has a different draft) is said in the field.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime
import gc
import os
import re
import shutil
import signal
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import questionary
from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app, run_in_terminal
from prompt_toolkit.buffer import Buffer, CompletionState
from prompt_toolkit.completion import CompleteEvent, PathCompleter, get_common_complete_suffix
from prompt_toolkit.document import Document
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.filters import emacs_insert_mode, vi_insert_mode
from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout.processors import Processor, TabsProcessor, Transformation, TransformationInput
from prompt_toolkit.lexers import SimpleLexer
from prompt_toolkit.shortcuts import print_formatted_text
from prompt_toolkit.utils import get_cwidth
from questionary import Choice, Style
from questionary.styles import merge_styles_default
from rich.console import Console
from rich.text import Text

from spredning.cli import editor, render, render_project
from spredning.cli.render_text import TAB_SIZE, AsTyped, cut_to, fitted_text, print_fitted
from spredning.core import fileio, followup, interview, local
from spredning.core.errors import Message, SpredningError, message
from spredning.core.local import Drafted
from spredning.core.model import SHARING, Answer, Partner, Progress, Question, Tool, progress
from spredning.core.textsafe import breaks_a_line, clean, clean_name
from spredning.i18n import render as render_message
from spredning.i18n import t

STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("instruction", "fg:ansibrightblack"),
        ("answer", ""),
        ("notice", "fg:ansiyellow"),
        ("refused", "fg:ansiyellow"),
    ]
)
CANCEL = object()  # the "Fortryd" choice: questionary replaces a None value with the title
AUTOSAVE_SECONDS = 2.0  # typed text is kept as a draft at most this long after a keystroke
TYPING_ROOM = 20  # columns left for typing after a text prompt's help on the question's line
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))


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
        os.write(sys.stderr.fileno(), f"\n{lines}\n".encode())
    if text:
        with contextlib.suppress(Exception):
            os.write(sys.stderr.fileno(), f"{clean(text)}\n".encode(errors="replace"))
    os._exit(128 + signum)


# where text not kept as a draft at a stop from outside goes (_rescued), in order
RESCUE_FOLDERS: tuple[Callable[[], str | Path], ...] = (Path.home, tempfile.gettempdir)


def _rescued(text: str | None) -> Path | None:
    """Text that could not be kept as a draft at a stop from outside, in a new file of its own.

    The terminal may be gone (a closed window), so the text printed may reach nobody. The file
    goes in the home folder, else the system's temporary folder (the disk may be full where
    the projects are); it never replaces a file. None when no folder could take it.
    """
    if not text:
        return None
    data = (text if text.endswith("\n") else text + "\n").encode("utf-8", errors="replace")
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


def _field_text_words(text: str, several: bool = False) -> str:
    """The words before a field's text that no draft keeps, at a stop from outside.

    The text is printed to copy, and kept in a file of its own too: a closed window (SIGHUP)
    or a logout leaves no terminal to copy from, and the typed action or reason was lost.
    `several`: the text is that of several fields (see fields_together).
    """
    rescued = _rescued(text)
    text_key, file_key = (
        ("interview.stopped-fields-text", "interview.stopped-fields-file")
        if several
        else ("interview.stopped-field-text", "interview.stopped-field-file")
    )
    shown = t(text_key)
    return shown if rescued is None else f"{t(file_key, path=str(rescued))} {shown}"


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
            return question.unsafe_ask()
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
    fields = _typed_together(text)
    if fields is not None:  # every field of the action typed so far, not only the one asked now
        _end_now(signum, _unsaved_words(signum, fields, several=True), fields)
    _end_now(signum, _unsaved_words(signum, text), text)


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


def _unsaved_words(signum: int, text: str | None = None, several: bool = False) -> str:
    """A stop outside the interview: nothing of this prompt is saved; writing kept in files is named.

    An editor open now (a conflict's combined text) is stopped first, and its file named when it
    holds something; a file the command keeps written text in is named too. `text`: the field's
    text, which follows the words to copy and is kept in a file of its own (see _field_text_words).
    """
    words = [t("interview.stopped-from-outside-unsaved")]
    if text:
        words.append(_field_text_words(text, several))
    left = editor.stop_open(signum)
    if left is not None and left.path is not None:
        words.append(t("editor.stopped-file-kept", path=str(left.path)))
    written = _Stop.written_in() if _Stop.written_in is not None else None
    if written is not None:
        words.append(t("editor.stopped-written-kept", path=str(written)))
    return " ".join(words)


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


def _stop_keys() -> KeyBindings:
    """Ctrl+D at a menu ends the program like Ctrl+D at a text prompt (questionary has no binding).

    Ctrl+S and Ctrl+R do nothing at a menu: prompt_toolkit would start its own search there, in
    English, over the list ("(i-search)"), and Ctrl+S is the answer field's save key, so it is
    easily pressed once too often. Ctrl+O (the answer field's editor key) does nothing either:
    prompt_toolkit would take it as Enter ("operate and get next") and leave the menu with no
    choice made. A colour code pasted into a menu (see _pasted_codes) is no click either: it is
    let go, as the rest of a paste into a menu is.
    """
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _eof(event) -> None:
        event.app.exit(exception=EOFError())

    @bindings.add("c-s", eager=True)
    @bindings.add("c-r", eager=True)
    @bindings.add("c-o", eager=True)
    @bindings.add(Keys.Vt100MouseEvent, eager=True)
    def _nothing(event) -> None:
        pass

    return bindings


def _back_keys(back: object) -> KeyBindings:
    """Esc leaves the prompt with `back` as its result (a menu goes back to the one before).

    Nothing was chosen or given, so the prompt is erased: text typed in it must not stay on the
    screen as if it were the answer. Eager, so prompt_toolkit does not wait for an Alt+key after
    it; arrow keys are whole sequences read before the key bindings, so they are not mistaken
    for Esc. A list of file names open under a path (Tab) is closed first, as in a shell.
    """
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)
    def _back(event) -> None:
        if event.current_buffer.complete_state is not None:  # a list of file names open: closes it
            event.current_buffer.cancel_completion()
            return
        event.app.erase_when_done = True
        event.app.exit(result=back)

    return bindings


def _undo_keys(undone: Callable[[str], None] | None = None) -> KeyBindings:
    """Ctrl+Z undoes the last change to the text, Ctrl+Y redoes it, as in Word and Windows.

    Ctrl+_ undoes too. Ctrl+Y brings back what Ctrl+Z undid until the text is changed otherwise.
    prompt_toolkit would insert Ctrl+Z as a character (code 26): unseen in the text, but saved
    with it, and Ctrl+Y would paste what Ctrl+K or Ctrl+U last cut. Nothing is saved before
    either key (save_before), or the undo would only undo itself and the redo would find its
    steps forgotten. `undone`: told the text an undo took away (the answer field says so when it
    was the editor's text).
    """
    bindings = KeyBindings()
    moving = [False]  # an undo or a redo is changing the text now
    kept: list[Buffer] = []  # the field whose redo steps outlive keys that do not change its text

    def keep_redo(buffer: Buffer) -> None:
        """prompt_toolkit forgets the redo steps at any key, an arrow key too: only a change does here.

        Its buffer saves an undo step before every key and clears the redo steps with it; so the
        saving keeps them, and a change to the text that is no undo or redo clears them. (Before
        the first undo there are none to keep.)
        """
        if buffer in kept:
            return
        kept.append(buffer)
        save = buffer.save_to_undo_stack

        def saving(clear_redo_stack: bool = True) -> None:
            save(clear_redo_stack=False)

        def changed(_buffer: Buffer) -> None:
            if not moving[0]:
                buffer._redo_stack = []  # prompt_toolkit has no other way to say it

        setattr(buffer, "save_to_undo_stack", saving)  # noqa: B010 (a method of this one buffer)
        buffer.on_text_changed += changed

    @bindings.add("c-z", eager=True, save_before=lambda event: False)
    def _undo(event) -> None:
        buffer = field_buffer(event.app)
        keep_redo(buffer)
        before = buffer.text
        moving[0] = True
        try:
            buffer.undo()
        finally:
            moving[0] = False
        if undone is not None and buffer.text != before:
            undone(before)

    @bindings.add("c-y", eager=True, save_before=lambda event: False)
    def _redo(event) -> None:
        buffer = field_buffer(event.app)
        moving[0] = True
        try:
            buffer.redo()
        finally:
            moving[0] = False

    return bindings


def _pasted_codes(one_line: bool = False) -> KeyBindings:
    """A colour code in pasted text (``ESC[31m``) is text, not a mouse click.

    prompt_toolkit reads ``ESC[`` + digits and ``;`` + ``m`` as a mouse event, and its mouse
    handler fails on it ("Unhandled exception in event loop", in English), losing the rest of
    the paste, when a terminal without bracketed paste passes the code on as typed keys. No
    prompt here asks the terminal for mouse events, so whatever arrives as one was pasted: it
    goes into the text as it came, as a bracketed paste would put it (shown as ``␛[31m``).

    With `one_line` (a one-line field), a tab typed or pasted (a spreadsheet's cells) is a space:
    the field would show it as ``^I``, and a name or a line holds no tab.
    """
    bindings = KeyBindings()

    @bindings.add(Keys.Vt100MouseEvent, eager=True)
    def _as_text(event) -> None:
        field_buffer(event.app).insert_text(event.data.replace("\t", " ") if one_line else event.data)

    if one_line:

        @bindings.add("c-i")  # not eager: a path field's Tab (_path_keys, added after) completes instead
        def _tab(event) -> None:
            event.current_buffer.insert_text(" ")

        @bindings.add(Keys.BracketedPaste, eager=True)
        def _pasted(event) -> None:  # as prompt_toolkit's own, the tabs spaces
            text = event.data.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
            event.current_buffer.insert_text(text)

    return bindings


def _no_search_keys() -> KeyBindings:
    """Ctrl+R and Ctrl+S do nothing in a text field (unless a field's own keys give them a meaning).

    prompt_toolkit would start its own search there, in English ("I-search backward:"), and
    what is typed next would go to the search line, not the field: text the user thinks they
    typed, lost. Eager, so the library's search keys never see them; a field's own binding for
    Ctrl+S (the answer field saves with it) goes after these and wins.
    """
    bindings = KeyBindings()

    @bindings.add("c-r", eager=True)
    @bindings.add("c-s", eager=True)
    def _nothing(event) -> None:
        pass

    return bindings


INDENT = 4  # Tab in a multi-line field: blank space up to the next stop of this many columns
_TYPING = emacs_insert_mode | vi_insert_mode  # as the library's own Enter: typing, not once done


def _typing_keys() -> KeyBindings:
    """Enter and Tab in a multi-line field (only there: Enter saves a one-line one), as in Notepad.

    Enter starts the new line at its beginning: prompt_toolkit copies the margin of the line
    above, blank space the user never typed that went into the answer unseen. Tab puts blank
    space up to the next stop of INDENT (prompt_toolkit asks for completions, and a field has
    none, so the key did nothing). Spaces, not a tab character: what is seen is what is saved,
    in a report and a worksheet too. A paste is not typed, so it keeps its own tabs and margins.
    """
    bindings = KeyBindings()

    @bindings.add("enter", filter=_TYPING)
    def _line(event) -> None:
        event.current_buffer.newline(copy_margin=False)

    @bindings.add("tab", filter=_TYPING)
    def _indent(event) -> None:
        buffer = event.current_buffer
        column = get_cwidth(buffer.document.current_line_before_cursor.expandtabs(TAB_SIZE))
        buffer.insert_text(" " * (INDENT - column % INDENT))

    return bindings


def field_buffer(app) -> Buffer:
    """The text field's own buffer, by name: never a search line or any other buffer in focus.

    Every key that leaves a field, and every stop, reads the field's text from here, so no other
    mode of the prompt library can ever give its text in the field's place.
    """
    found = app.layout.get_buffer_by_name(DEFAULT_BUFFER)
    if found is None:  # every field here is a PromptSession's, whose text has this name
        raise LookupError(DEFAULT_BUFFER)
    return found


def _with_keys(question, *extra: KeyBindings):
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, *extra])
    return question


NO_BACK = object()  # select() and ask_text() without an Esc key


class BackToMenu(BaseException):
    """Esc in a list of a command the home screen runs: the command ends here, the menu comes back.

    Raised before anything of the list's choice is done, so the command just stops; the home
    screen catches it. A BaseException, as KeyboardInterrupt is, so that no `except Exception`
    on the way takes it for a failure; Typer passes it on untouched.
    """


_menu_behind: contextvars.ContextVar[bool] = contextvars.ContextVar("menu_behind", default=False)


@contextlib.contextmanager
def menu_behind():
    """While the home screen runs a command: Esc in the command's lists goes back to the menu.

    A command run from the shell has no menu to go back to; its lists keep Esc without a meaning.
    """
    token = _menu_behind.set(True)
    try:
        yield
    finally:
        _menu_behind.reset(token)


def escape_leaves() -> bool:
    """True when Esc in a list goes back to the home screen's menu (see menu_behind)."""
    return _menu_behind.get()


def _escape_stops() -> KeyBindings:
    """Esc in a list of a command run from the shell: stop as Ctrl+C does (questionary's binding)."""
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)  # eager, as in _back_keys
    def _stop(event) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    return bindings


def _leave_keys_to_menu() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)  # eager, as in _back_keys
    def _leave(event) -> None:
        event.app.erase_when_done = True  # nothing was chosen: the list goes from the screen
        event.app.exit(exception=BackToMenu())

    return bindings


def select(message: str, choices: list[Choice], default=None, back=NO_BACK, instruction=None, **io):
    """A menu (arrow keys and Enter) where Ctrl+C and Ctrl+D both stop, as at text prompts.

    With `back`, Esc returns that value (the caller goes back). Without it, Esc leaves for the
    home screen's menu when the home screen runs the command (BackToMenu; then the help says so
    unless the caller gives its own), and otherwise stops the command as Ctrl+C does, with its
    own words ("Afbrudt. Intet er ændret."): a key that seems to do nothing leaves the user stuck.
    Every prompt goes through here or ask_text, which make every text in it safe to show (the
    prompt library writes to the terminal itself, not through the safe console).
    """
    choices = [_safe_choice(choice) for choice in choices]
    whole = [Choice(choice.title, choice.value) for choice in choices]  # echoed whole, broken between words
    # a line too long for the terminal is cut with '…' in the menu (prompt_toolkit cuts without a sign)
    for choice in choices:
        if isinstance(choice.title, str):
            choice.title = cut_to(choice.title, _width(io) - 6)
    to_menu = back is NO_BACK and escape_leaves()
    help_text = instruction or t("home.list-help" if to_menu else "prompt.select-help")
    message, help_text = question_lines(clean(message), help_text, _width(io), room=0, spaced=False)
    question = questionary.select(
        message,
        choices=choices,
        default=default,
        style=STYLE,
        qmark="?",
        instruction=help_text,
        **io,
    )
    keys = [_stop_keys()]
    if back is not NO_BACK:
        keys.append(_back_keys(back))
    elif to_menu:
        keys.append(_leave_keys_to_menu())
    else:
        keys.append(_escape_stops())
    return _asked_then_echoed(_with_keys(question, *keys), message, lambda picked: _title_of(whole, picked))


def _title_of(choices: list[Choice], picked) -> str:
    """The title of the choice a menu returned (its value), as the menu showed it."""
    found = next((c for c in choices if c.value is picked), None)
    found = found or next((c for c in choices if c.value == picked), None)
    title = found.title if found is not None else ""
    return title if isinstance(title, str) else "".join(piece[1] for piece in title or ())


def _asked_then_echoed(question, message: str, answer_of: Callable[[Any], str]):
    """Ask; once answered, the prompt gives way to '? question answer', broken between words.

    questionary leaves its last drawing on the screen: the question with the answer glued to its
    last line (a text prompt's help between them), which the terminal then breaks at its edge,
    inside a word. So a prompt that is answered is erased as it closes, and that line is printed
    here laid out to the width (echo_lines). Esc (erased, nothing chosen) and Ctrl+C (the question
    stays, as questionary leaves it) are not answers and print nothing.
    """
    app = question.application
    answered = []

    def erase_when_answered(app) -> None:
        future = app.future
        if future is None or not future.done() or app.erase_when_done or future.cancelled():
            return
        if future.exception() is None:
            app.erase_when_done = True
            answered.append(True)

    app.before_render += erase_when_answered
    result = _asked(question)
    if answered:
        question_text, answer = echo_lines(message, clean(answer_of(result)), app.output.get_size().columns)
        tokens = [("class:qmark", "?"), ("class:question", f" {question_text}"), ("class:answer", answer)]
        print_formatted_text(FormattedText(tokens), style=merge_styles_default([STYLE]), output=app.output)
    return result


def echo_lines(message: str, answer: str, width: int) -> tuple[str, str]:
    """The question as question_lines laid it out, and its answer after it, to echo once answered.

    The answer follows the question on its last line when it fits there whole, else it starts a
    line of its own, indented as the question's later lines, broken between words. The help is
    left out: it was for choosing or typing.
    """
    limit = max(20, width - 2)  # as in question_lines: '? ' or an indent of two before every line
    text = message.rstrip()  # a help on a line of its own left a line break at the end
    last = text.rsplit("\n", 1)[-1].strip()
    if not answer or len(last) + 1 + len(answer) <= limit:
        return text, f" {answer}" if answer else ""
    lines = textwrap.wrap(answer, limit, break_long_words=False, break_on_hyphens=False)
    return text, "".join(f"\n  {line}" for line in lines)


def _safe_choice(choice: Choice) -> Choice:
    if isinstance(choice.title, str):
        choice.title = clean_name(choice.title)
    return choice


def ask_text(
    message: str,
    validate: Callable[[str], str | None] | None = None,
    instruction: str | None = None,
    default: str = "",
    back=NO_BACK,
    interrupted: Callable[[str], None] | None = None,
    one_line: bool = False,
    refused: str | None = None,
    paths: bool = False,
    **io,
) -> str:
    """A one-line text prompt; `validate` returns a problem, said under the text, which is asked again.

    With `paths`, Tab completes a file or folder name (from the working folder, or ~), as in a shell.

    `refused`: why the `default` (a value given as an option) was refused, said above the field,
    which holds it to correct. There Esc does what it does in a list (see select): it stops as
    Ctrl+C does, or goes back to the home screen's menu; the help under the field says so.

    With `one_line`, a text with a line break or a tab inside it (pasted) is refused so, saying
    what to do: saved, the breaks would be spaces, not the text shown in the field.

    With `back`, Esc returns that value instead of the text. `interrupted` is given the field's
    text when Ctrl+C or Ctrl+D leaves it, before the interrupt goes on: the caller can say what
    was typed and not saved.
    """
    stops = refused is not None and back is NO_BACK  # a field opened for a refused value: Esc as in a list
    if stops:
        instruction = _with_stop_help(instruction)
    message, instruction = question_lines(
        clean(message), instruction and clean(instruction), _width(io), room=TYPING_ROOM, spaced=False
    )
    if instruction and message.endswith("\n "):  # the help has a line of its own, and so has the text:
        instruction += "\n "  # typed or given to correct, it ran on after the help's last word
    if one_line:
        validate = _one_line(validate)
    while True:
        question = _text_prompt(message, instruction, default, paths=paths, **io)
        _with_keys(question, *_field_escape(back, stops))
        if refused is not None:  # said once, above the field
            _say_refused(refused, question.application.output)
            refused = None
        try:
            text = _asked_then_echoed(question, message, str)
        except (KeyboardInterrupt, EOFError, BackToMenu):
            if interrupted is not None:
                interrupted(field_buffer(question.application).text)
            raise
        problem = validate(text) if validate is not None and text is not back else None
        if problem is None:
            return text
        _say_refused(problem, question.application.output)
        default = text  # asked again with the text, to correct


def _field_escape(back, stops: bool) -> list[KeyBindings]:
    """What Esc does in a text field: `back`, or with `stops` as in a list (see select), or nothing."""
    if back is not NO_BACK:
        return [_back_keys(back)]
    if stops:
        return [_leave_keys_to_menu() if escape_leaves() else _escape_stops()]
    return []


def _with_stop_help(instruction: str | None) -> str:
    """A field's help with how to stop (Esc as in a list): '(valgfrit; Esc eller Ctrl+C stopper)'."""
    help_text = t("prompt.refused-help-menu" if escape_leaves() else "prompt.refused-help")
    if not instruction:
        return f"({help_text})"
    return f"{instruction[:-1]}; {help_text})" if instruction.endswith(")") else f"{instruction}; {help_text}"


def _one_line(validate: Callable[[str], str | None] | None) -> Callable[[str], str | None]:
    """`validate`, and then: a line break or a tab inside the text is refused (see ask_text)."""

    def check(text: str) -> str | None:
        problem = validate(text) if validate is not None else None
        return problem if problem is not None or not breaks_a_line(text) else t("prompt.one-line")

    return check


_PICTURED = re.compile("[\x00-\x09\x0b-\x1f\x7f]")  # what prompt_toolkit would show as ^A, ^I, ^[ ...


class ControlPictures(Processor):
    """A control character in a field shown as its picture (␁, ␛), as everywhere else, not as ^A.

    One character for one, so the cursor's place needs no mapping; the text itself is unchanged.
    """

    def apply_transformation(self, transformation_input: TransformationInput) -> Transformation:
        fragments = [
            (style, _PICTURED.sub(_picture, text), *rest) if _PICTURED.search(text) else (style, text, *rest)
            for style, text, *rest in transformation_input.fragments
        ]
        return Transformation(fragments)  # type: ignore[arg-type]


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def _text_prompt(
    message: str, instruction: str, default: str, *, paths: bool = False, **io
) -> questionary.Question:
    """questionary.text with one space before the help, not two ('Frist?  (dd-mm-åååå').

    questionary puts a space after the question and another before the help. With `paths`, Tab
    completes a path (_path_keys; only Tab: a list popping up while typing would hide the help).
    """
    tokens = [("class:qmark", "?"), ("class:question", f" {message} ")]
    if instruction:
        tokens.append(("class:instruction", f"{instruction} "))
    prompt: PromptSession[str] = PromptSession(
        FormattedText(tokens),
        style=merge_styles_default([STYLE]),
        lexer=SimpleLexer("class:answer"),
        input_processors=[ControlPictures()],
        **io,
    )
    prompt.default_buffer.reset(Document(default))
    question = questionary.Question(prompt.app)
    question.text_field = True  # type: ignore[attr-defined]  # a stop from outside shows its text
    keys = [_no_search_keys(), _undo_keys(), _pasted_codes(one_line=True), *([_path_keys()] if paths else [])]
    return _with_keys(question, *keys)


def _path_keys() -> KeyBindings:
    """Tab completes a file or folder name, as a shell does: the part all names share, then the list.

    At once, not in the background as prompt_toolkit completes: Enter typed right after Tab (typed
    ahead, or pasted) gets the completed path, not the half typed. Tab again goes down the list;
    Esc closes it (_back_keys).
    """
    bindings = KeyBindings()
    completer = PathCompleter(expanduser=True)

    @bindings.add("tab", filter=_TYPING)
    def _complete(event) -> None:
        buffer = event.current_buffer
        if buffer.complete_state is not None:
            buffer.complete_next()
            return
        found = list(completer.get_completions(buffer.document, CompleteEvent(completion_requested=True)))
        shared = get_common_complete_suffix(buffer.document, found)
        if len(found) == 1:
            buffer.apply_completion(found[0])
        elif shared:
            buffer.insert_text(shared)
        elif found:
            buffer.complete_state = CompletionState(buffer.document, found)

    return bindings


def _say_refused(problem: str, output) -> None:
    """Why a text was refused, on the lines right under it, broken between words.

    Not prompt_toolkit's validation line: in a terminal that reports where the cursor is, the
    prompt fills the screen down to its last row, and the line went there, far from the text.
    """
    width = max(20, output.get_size().columns - 2)
    lines = textwrap.wrap(clean(problem), width, break_long_words=False, break_on_hyphens=False)
    text = "\n".join("  " + line for line in lines)
    print_formatted_text(
        FormattedText([("class:refused", text)]), style=merge_styles_default([STYLE]), output=output
    )


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

    `refused`: a deadline was typed that the field refused; `due` leaves it out (it would be
    refused again), and what is said of the stop must say so.
    """

    what: str = ""
    who: str = ""
    due: str = ""
    refused: bool = False
    problem: str = ""  # why a --frist given was refused, when the stop came before its field said so


def ask_action(
    current=None,
    interrupted: Callable[[TypedAction], None] | None = None,
    given_due: tuple[str, str] | None = None,
    refused: Mapping[str, str] | None = None,
    **io,
) -> interview.NewAction:
    """What, who and the deadline of an action (a plan item's values are the defaults to edit).

    `interrupted` is given what was typed when Ctrl+C or Ctrl+D stops the asking (see ask_text).
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
        TypedAction(due=shown) if given_due is None else TypedAction(refused=True, problem=given_due[1])
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
            lambda text, refused: stop(TypedAction(what, who, "" if refused else text, refused)),
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
    interrupted: Callable[[str, bool], None] | None = None,
    refused: str | None = None,
    **io,
):
    """An action's deadline (a date, or None when left empty), asked until it is one the program takes.

    `shown`: the deadline the action has, offered and taken as it is when left so (parse_due's kept).
    `refused`: why `default` (given with --frist) was refused, said above the field that holds it.
    `interrupted` is given the field's text at Ctrl+C or Ctrl+D, and whether the field refuses it
    (a command offered then leaves it out: it would be refused again).
    """
    from spredning.app.plan import parse_due
    from spredning.core.errors import SpredningError

    def due(text: str):
        return parse_due(text, kept=bool(shown) and text.strip() == shown)

    def due_problem(text: str) -> str | None:
        try:
            due(text)
        except SpredningError as exc:
            return date_words(exc)
        return None

    def stop(text: str) -> None:
        if interrupted is not None:
            interrupted(text, due_problem(text) is not None)

    typed = ask_text(
        t("plan.ask-due"),
        due_problem,
        instruction=t("plan.ask-due-help"),
        default=default,
        interrupted=stop,
        refused=refused,
        **io,
    )
    return due(typed)


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
    return parse_due(typed, ahead=False) or datetime.date.today()


def ask_status(current: str, **io) -> str:
    """An action's status, the current one first."""
    from spredning.core.followup import STATUSES

    choices = [Choice(t(f"plan.status.{status}"), status) for status in STATUSES]
    return select(t("plan.ask-status"), choices, default=next(c for c in choices if c.value == current), **io)


def _width(io: dict[str, Any]) -> int:
    """The columns a prompt has: its output's (a test's, or the terminal's)."""
    output = io.get("output")
    return output.get_size().columns if output is not None else shutil.get_terminal_size().columns


def question_lines(
    message: str, instruction: str | None, width: int, room: int, spaced: bool
) -> tuple[str, str]:
    """A prompt's question and its help broken between words to the terminal's width.

    prompt_toolkit breaks a long line anywhere, inside a word; so the question is broken here,
    its later lines indented under its first. The help follows the question on its last line when
    it fits there with `room` columns left for typing, else it starts a line of its own. `spaced`:
    the prompt puts a space before the help (questionary's text prompt does, its menu does not).
    """
    limit = max(20, width - 2)  # '? ' before the question, two spaces before its later lines
    lines: list[str] = []
    for paragraph in message.split("\n"):
        lines += textwrap.wrap(paragraph, limit, break_long_words=False, break_on_hyphens=False) or [""]
    help_lines = textwrap.wrap(instruction or "", limit, break_long_words=False, break_on_hyphens=False)
    text = "\n  ".join(lines)
    if help_lines and len(lines[-1]) + 2 + len(instruction or "") + room > limit:
        text += "\n" if spaced else "\n "  # the help on a line of its own, indented as the question
        instruction = "\n  ".join(help_lines)
    return text, instruction or ""


def hint_lines(parts: Sequence[str], width: int) -> str:
    """Key hints joined with ' · ' in indented lines that fit the terminal, breaking only between words."""
    limit = max(20, width - 4)
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= limit:
            lines[-1] += " · " + part
        else:
            lines.extend(textwrap.wrap(part, limit, break_long_words=False, break_on_hyphens=False))
    return "\n".join("  " + line for line in lines)


def styled_lines(parts: Sequence[tuple[str, str]], width: int) -> StyleAndTextTuples:
    """Styled words in lines that fit the terminal, broken only between words.

    For the lines above a field: prompt_toolkit cuts them at the edge instead of wrapping them.
    """
    limit = max(20, width - 2)
    lines: list[StyleAndTextTuples] = [[]]
    used = 0
    for style, text in parts:
        for word in text.split():
            if used and used + 1 + len(word) > limit:
                lines.append([])
                used = 0
            if used:
                lines[-1].append((style, " "))
                used += 1
            lines[-1].append((style, word))
            used += len(word)
    result: StyleAndTextTuples = []
    for number, line in enumerate(lines):
        result += [("", "\n")] if number else []
        result += line
    return result


def answer_field(
    label: str,
    above: Callable[[int], StyleAndTextTuples],
    default: str = "",
    notice: Callable[[], str | None] = lambda: None,
    undone: Callable[[str], None] | None = None,
    **session,
) -> questionary.Question:
    """A field whose text starts on the label's line ('› Svar: ...'), with its help on the lines above.

    questionary.text puts its instruction between the label and the text, so a long key hint
    pushed the text below it, where a pre-filled answer looked like something else. This is
    questionary.text with the message laid out the other way round. Lines the text wraps onto,
    and its further lines, start under the text, not under the label. The field is erased when
    it closes, help and all; the caller shows what it leaves. `above` lays the help out for a
    width: it is asked again at every drawing, so the help fits a window made narrower meanwhile.
    `notice`: the field's status line under the help (what became of the autosave, of the editor),
    when it says something. `undone`: told the text a Ctrl+Z took away (see _undo_keys).
    """

    def message() -> StyleAndTextTuples:
        columns = get_app().output.get_size().columns
        said = notice()
        status: StyleAndTextTuples = []
        if said:
            status = [("", "\n"), *styled_lines([("class:notice", said)], columns)]
        return [*above(columns), *status, ("", "\n"), ("class:qmark", "›"), ("class:question", f" {label} ")]

    typing = [_typing_keys()] if session.get("multiline") else []  # Enter saves a one-line field
    keys = [_no_search_keys(), *typing, *filter(None, [session.pop("key_bindings", None)])]  # own win
    prompt: PromptSession[str] = PromptSession(
        message,
        key_bindings=merge_key_bindings(keys),
        style=merge_styles_default([STYLE]),
        lexer=SimpleLexer("class:answer"),
        prompt_continuation=lambda width, line, wrapped: " " * width,
        # a tab (pasted from a spreadsheet) as blank space up to the next stop, not as '^I'
        input_processors=[TabsProcessor(tabstop=TAB_SIZE, char1=" ", char2=" "), ControlPictures()],
        erase_when_done=True,
        **session,
    )
    prompt.default_buffer.reset(Document(default))
    return _with_keys(questionary.Question(prompt.app), _undo_keys(undone), _pasted_codes())


class Marked:
    """The user pressed the "not relevant" key; what was typed so far comes along."""

    def __init__(self, typed: str):
        self.typed = typed


class UnsavedMark(NamedTuple):
    """A readiness mark chosen after a tool, left unsaved: the user stopped at its reason."""

    tool: Tool
    colour: str
    reason: str


class UnsavedAction(NamedTuple):
    """An action the user began to add after a tool and stopped before it was added."""

    tool: Tool
    typed: TypedAction


_DROP_REASON = "drop-reason"  # _mark_replaces_answer's third choice: keep the answer, drop the reason kept


class InterviewPrompter:
    """Shows the interview's steps and asks for each reply; keeps what is typed in the field.

    `unsaved`: a mark or an action the user was giving when they stopped (Ctrl+C, Ctrl+D); it
    was not saved, so the command says so and shows what was typed.
    """

    def __init__(
        self,
        console: Console,
        session,
        who: str,
        show_partner: bool = True,
        input=None,
        output=None,
        settle: str | None = None,
        own: bool = True,
    ):
        """`settle`: the command that settles a conflict, as this user runs it (--projekt, --partner).

        `who` is the organisation whose answers are asked for; `own` is False when that is not this
        computer's side (answering the other side's questions), so they are labelled as its, not "Jeres".
        """
        self.console = console
        self.settle = settle
        self.session = session  # the application's Session: view(), keep_draft(), role
        self.role = session.role
        self.who = who
        self.own = own
        self.show_partner = show_partner
        self.helped = False
        self.io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}
        self.app = None  # the prompt being shown, to read its text on an interrupt
        self.question: Question | None = None
        self.answer: Answer | None = None  # the question's saved answer: not worth a draft
        self.last_saved_draft = 0.0
        self.later_save: asyncio.TimerHandle | None = None  # the autosave after a pause in typing
        self.saving = False  # an autosave is being written
        self.notice: str | None = None  # what the field's status line says of the autosave
        # what it says of the last run of the editor (Ctrl+O), or of its text undone, until it is old news
        self.edit_notice: str | None = None
        self.from_editor: str | None = None  # the text the editor last brought into the field
        self.undo_told = False  # the status line says the editor's text was undone
        self.left: Drafted | SpredningError | None = None  # what became of the text at the last stop
        # a reason for "not relevant" kept at the last stop: "alone" as the draft, "beside" an answer draft
        self.left_reason: str | None = None
        # at the last stop in the answer field, a reason typed beside its draft was kept (both are said)
        self.left_apart = False
        self.unsaved: UnsavedMark | UnsavedAction | None = None
        self.held: str | None = None  # a closed field's text while a question about it is asked
        self.reason_field = False  # the field shown is the reason for "not relevant": its draft is one
        # the answer draft the reason field was opened beside: the reason is kept apart from it
        self.beside: str = ""
        self.apart = False  # the reason field's text is kept beside the draft (Session.keep_reason)
        self.offered_reason = False  # the draft offered in the answer field was typed as a reason
        self.typed_back: str | None = None  # the answer field's text after the reason field, when not as left
        gc.freeze()  # what is loaded by now (guide, project, libraries) lives as long as the program

    def _select(self, message: str, choices: list[Choice], default=None):
        return select(message, choices, default, **self.io)

    # -- the steps ---------------------------------------------------------------------------
    def handle(self, step):
        """Show one step and return the reply the interview expects."""
        handlers: dict[type, Callable[[Any], Any]] = {
            interview.Ask: self.ask,
            interview.ConfirmDelete: self.confirm_delete,
            interview.ReviewTool: self.review,
            interview.PickQuestion: self.pick_question,
            interview.ChooseResume: self.resume,
            interview.ResumeDrafts: self.resume_drafts,
            interview.PickTool: self.pick_tool,
            interview.SavedMeanwhile: self.saved_meanwhile,
            interview.SaveFailed: self.save_failed,
            interview.StillInConflict: self.still_in_conflict,
            interview.NoQuestions: self.no_questions,
            interview.OfferActions: self.offer_actions,
            interview.RateReadiness: self.rate_readiness,
        }
        return handlers[type(step)](step)

    def phase_intro(self, phase, role: str) -> None:
        """The phase's purpose and this side's goals."""
        self.console.print(render.phase_overview(phase, (role,)))

    def ask(self, step: interview.Ask):
        """One question; the reply is Save, Back or NotRelevant."""
        if step.new_tool:
            self._tool_intro(step)
        self.console.print()
        self.console.print(render.question_block(step.position, step.question, indent=0, total=step.total))
        self.question, self.answer = step.question, step.answer
        typed = (
            step.draft
            if step.draft is not None
            else (step.answer.text if step.answer and not step.answer.not_relevant else "")
        )
        # marked "not relevant" already: marking it again starts from the reason given then
        marked = step.answer.text if step.answer is not None and step.answer.not_relevant else ""
        self.offered_reason = step.draft is not None and self.session.draft_is_reason(step.question)
        self._say_what_is_in_the_field(step)
        told_at_start = False  # the notice is said once; it stays above the field
        while True:
            reply = self._answer_field(step, typed)
            if isinstance(reply, interview.Back) and step.at_start:
                if not told_at_start:
                    self.console.print(Text(t("interview.at-first-question"), style="yellow"))
                    told_at_start = True
                typed = reply.draft
                continue
            if isinstance(reply, _Stay):
                typed = reply.typed
                continue
            if isinstance(reply, Marked):
                if not self._mark_replaces_answer(step, reply.typed):
                    typed = reply.typed  # no: back in the field, with its text
                    continue
                marking = self._mark(step, reply.typed, marked)
                if marking is None:  # left the reason field: back in the answer field, with its text
                    typed = self.typed_back if self.typed_back is not None else reply.typed
                    continue
                return marking
            if isinstance(reply, _Expand):
                self._expand(step)
                typed = reply.typed
                continue
            return reply

    def _mark(self, step: interview.Ask, typed: str, marked: str) -> interview.NotRelevant | None:
        """Ctrl+N with `typed` in the answer field: the reason asked, and the mark (None: the user went back).

        An answer draft in the field stays an answer draft: the reason field starts with the reason
        given before (`marked`) or one typed beside the draft, and the reason is kept apart from the
        draft (Session.keep_reason); the draft stays the question's draft when the mark is saved.
        A draft that was typed as a reason (offered as one) is the reason: it goes to the reason field.
        """
        self.typed_back = None
        own = interview.draft_of(typed, step.answer)
        try:
            if own and self.offered_reason:
                self.beside, self.apart = "", False
                reason = self._reason(typed)
            else:
                self.beside = own
                if own:  # the answer field closed: its text is kept, after another window's draft if need be
                    self._keep_own_draft(own)
                kept = self.session.reason_beside(step.question, offered=True)
                self.apart = bool(own) or bool(kept.strip())  # a reason kept beside stays there, not twice
                reason = self._reason(kept or marked)
        finally:
            draft, self.beside, self.apart = self.beside, "", False
        if reason is None:
            return None
        if interview.normalise(draft) == interview.normalise(reason):
            draft = ""  # the answer draft was given as the reason: kept as that
        elif draft:
            self._show_draft(draft)  # kept: said under the mark, as at any field left with text
        return interview.NotRelevant(reason, draft)

    def _expand(self, step: interview.Ask) -> None:
        """Ctrl+P: the other side's answers in the tool in full, or that there are none yet."""
        if step.partner_answers:
            shown = render_project.partner_answers(self._view, step.partner_answers, expanded=True)
            self.console.print(shown)
        else:  # nothing to show: said, so the key is seen to work
            self.console.print(Text(self._no_partner_answers(), style="dim"))

    def _no_partner_answers(self) -> str:
        """Ctrl+P when the other side has answered nothing in the tool: who has not, in words."""
        view = self._view
        if self.role == "dele" and view.partner is None:
            names = [clean_name(p.name or p.key) for p in view.project.partners]
            if not names:
                return t("interview.partner-none-no-partners")
            return t("interview.partner-none-several", orgs=names, n=len(names))
        org = SHARING if self.role == "genbruge" else (view.partner.key if view.partner else "")
        return t("interview.partner-none", org=render_project.org_name(view.project, org))

    def _say_what_is_in_the_field(self, step: interview.Ask) -> None:
        """A draft, text not saved at all, or a "not relevant" mark: said above the field, truthfully.

        An open conflict first: the field holds only this side's version, never the other one.
        """
        if step.conflict:
            named, settle = self._conflict_words(step.conflict, step.question)
            text = t("interview.conflict-open", versions=named, n=len(named), command=settle)
            print_fitted(self.console, text, settle, "yellow", rest="")
        if step.unsaved:  # a save failed, and so did keeping the text as a draft: it is in the field only
            self.console.print(Text(t("interview.unsaved-offered"), style="yellow"))
        elif step.draft is not None:
            self.console.print(Text(t("interview.draft-offered"), style="yellow"))
            if self.session.draft_is_reason(step.question):  # typed as a reason: never silently an answer
                self.console.print(Text(t("interview.draft-is-reason"), style="yellow"))
            if self.session.draft_joined(step.question):  # two windows' texts, each a paragraph
                self.console.print(Text(t("interview.draft-offered-joined"), style="yellow"))
            saved = step.answer
            if saved is not None and not saved.empty and not saved.not_relevant and saved.text != step.draft:
                self.console.print(Text(t("interview.draft-and-saved"), style="yellow"))  # never silently
                self.console.print(render_project.answer_text(saved, 4))
        if step.answer is not None and step.answer.not_relevant:  # with the reason given, to read
            self.console.print(Text(t("interview.marked-not-relevant"), style="dim"))
            if step.answer.text:
                self.console.print(render.hanging(self._reason_label(), step.answer.text, 0))
        self._say_reason_beside(step.question)

    def _reason_label(self) -> str:
        """The label of a "not relevant" reason: "Jeres begrundelse:", or the owner's for the other side's."""
        return t("interview.marked-reason") if self.own else t("interview.marked-reason-of", org=self.who)

    def _say_reason_beside(self, question: Question) -> None:
        """A reason typed beside the answer draft, not saved: said above the field, with its text."""
        beside = self.session.reason_beside(question)
        if beside.strip():
            self.console.print(Text(t("interview.reason-beside"), style="yellow"))
            if self.session.reason_joined(question):  # two windows' reasons, each a paragraph
                self.console.print(Text(t("interview.reason-beside-joined"), style="yellow"))
            self.console.print(render.hanging(t("interview.not-relevant-label"), beside, 0))

    def _tool_intro(self, step: interview.Ask) -> None:
        role = self.role
        self.console.print()
        self.console.print(render.tool_intro(step.tool))
        if step.partner_answers and self.show_partner:
            self.console.print(
                render_project.partner_answers(self._view, step.partner_answers, expanded=False)
            )
            self.console.print(Text(t("interview.partner-expand"), style="dim"))
        guidance = render.side_guidance(step.tool, role, indent=0)
        if guidance is not None:
            self.console.print(guidance)

    def _answer_field(self, step: interview.Ask, typed: str):
        keys = [t("keys.save"), t("keys.newline"), t("keys.back"), t("keys.editor"), t("keys.undo")]
        keys.append(t("keys.not-relevant"))
        if step.partner_answers and self.show_partner:
            keys.append(t("keys.partner"))
        keys += [t("keys.skip"), t("keys.stop")]
        if self.helped:
            keys = [t("keys.save"), t("keys.back"), t("keys.editor"), t("keys.not-relevant")]
        self.helped = True
        question = answer_field(
            t("interview.answer"),
            lambda width: [("class:instruction", hint_lines(keys, width))],
            typed,
            self.field_notice,
            undone=self._undone,
            multiline=True,
            key_bindings=self._keys(step),
            **self.io,
        )
        field_buffer(question.application).on_text_changed += self._autosave
        field_buffer(question.application).on_text_changed += self._undo_told
        question.application.after_render += _collect_once_drawn()
        reply = self._watched(question)
        if isinstance(reply, str):
            self._show_given(step, reply)
            return interview.Save(reply)
        if isinstance(reply, interview.Back) and not step.at_start:
            kept = self._keep_text(reply.draft)  # kept before it is said to be (the interview keeps it too)
            self._show_left(reply.draft, kept)
            if isinstance(kept, SpredningError) and interview.draft_of(reply.draft, self.answer):
                self.console.print(Text(t("interview.save-failed.again"), style="dim"))
                return _Stay(reply.draft)  # not kept: the text stays in the field, not on a question left
        return reply

    def _show_given(self, step: interview.Ask, text: str) -> None:
        """What stays on the screen of a saved answer: the text, wrapped between words."""
        given = interview.normalise(text)
        label = f"› {t('interview.answer')}"
        if given:
            self.console.print(render.hanging(label, given, 0))
        elif step.answer is None:  # emptied on a saved answer: whether to delete it is asked next
            self.console.print(render.hanging(label, t("interview.skipped"), 0, "dim"))

    def _show_left(self, typed: str | None, kept: Drafted | SpredningError | None) -> None:
        """What a stop left of the field's text: the draft it is kept as, or the whole text to copy.

        The draft offered and left as it was, which another window changed or removed since, is
        nothing of this window's: not said to be kept (Drafted.STALE).
        """
        if self.reason_field:  # a reason is said to be one (beside an answer draft, which stays, or alone)
            if self.apart:
                self._show_draft(self.beside)
            self._show_reason_left(typed or "", kept)
            return
        if kept is Drafted.STALE:
            return
        if not isinstance(kept, SpredningError):
            self._show_draft(typed)
            return
        from spredning.cli.main import error_hint, print_error

        text = interview.draft_of(typed, self.answer)
        if text.strip():  # (nothing new in the field: nothing was lost, nothing to say)
            print_error(kept.message, error_hint(kept), console=self.console)
            self.console.print(Text(t("interview.draft-failed"), style="yellow"))
            self.console.print(AsTyped(text), soft_wrap=True)  # tabs stay tabs, to paste back

    def _show_draft(self, typed: str | None) -> None:
        """Text left in a field without saving it: marked as the draft it is kept as, never as an answer."""
        draft = interview.draft_of(typed, self.answer).strip()
        if draft:
            lines = draft.splitlines()
            self.console.print(
                Text.assemble(
                    ("› ", "bold"),
                    (t("interview.draft-left"), "yellow"),
                    " ",
                    render.plain(lines[0] + (" …" if len(lines) > 1 else ""), "dim"),
                ),
                no_wrap=True,  # one line: a reminder of the text, which is kept whole as the draft
                overflow="ellipsis",
            )

    def _watched(self, question):
        """Ask, keeping the field's text within reach: for typed() on an interrupt and on a stop.

        After an interrupt `app` stays set, so the caller can still read what was typed.
        """
        self.app = question.application
        self.left = self.notice = self.edit_notice = self.from_editor = self.left_reason = None
        self.undo_told = self.left_apart = False
        try:
            reply = _asked(question)
        except (KeyboardInterrupt, EOFError):
            self._keep_at_stop()
            raise
        except OSError:  # the terminal failed: closed under the program, reading gives EIO
            self._keep_field()  # before anything else: the error is reported, the text is kept
            raise
        finally:
            waiting = self.later_save is not None
            if self.later_save is not None:
                self.later_save.cancel()
                self.later_save = None
        if waiting and not isinstance(reply, str):
            # the text is not given as the answer: it comes back in the field or goes on to a
            # question about it (at the first question, the partner's answers, "not relevant").
            # The save that waited for a pause in typing is done now, not dropped: a crash before
            # the next keystroke would lose the text typed since the last save.
            self._keep_draft_now()
        self.app = None
        return reply

    def _keep_at_stop(self) -> None:
        """A stop (Ctrl+C, Ctrl+D) with text in the field: kept as the draft, then said, before it goes on.

        Kept first, so what is said is what is in the file; `left` tells the command what became of it.
        """
        kept = self._keep_field()
        mine = kept is not Drafted.STALE and interview.draft_of(self.typed(), self.answer)
        if self.reason_field and self.beside:  # the answer draft is kept, whatever became of the reason
            self.left = Drafted.KEPT if kept is Drafted.STALE else kept
        else:
            self.left = kept if mine else None
        if self.reason_field:  # the words at the end say it is a reason, kept, and the question not marked
            self.left_reason = self._reason_left(kept)
        else:  # a reason typed beside the answer (Ctrl+N, Esc) is kept too
            self.left_apart = self._reason_apart()
        with contextlib.suppress(OSError):  # the terminal may be gone: the draft is kept all the same
            self._show_left(self.typed(), kept)

    def _reason_left(self, kept: Drafted | SpredningError | None) -> str | None:
        """How a reason typed was kept at a stop: "alone" (the draft), "beside" (an answer draft), or None.

        None when nothing new was typed (the reason saved, or none) or it could not be kept.
        """
        text = interview.normalise(self.typed() or "")
        if not text or (self.answer is not None and self.answer.not_relevant and text == self.answer.text):
            return None
        if kept in (Drafted.STALE, None) or isinstance(kept, SpredningError):
            return None
        if self.beside:
            return "beside"
        return "alone" if kept is Drafted.KEPT and interview.draft_of(self.typed(), self.answer) else None

    def _keys(self, step: interview.Ask):
        return merge_key_bindings(
            [
                _leave_keys(self.show_partner),  # Ctrl+P says so when the partner answered nothing
                _edit_keys(self.console, self._editor_folder, self._edited),
            ]
        )

    def field_notice(self) -> str | None:
        """The field's status line: the autosave's trouble and what came of the editor, when any."""
        said = [notice for notice in (self.notice, self.edit_notice) if notice]
        return "\n".join(said) or None

    def _edited(self, notice: str | None, text: str | None) -> None:
        """The editor is closed: its words (or none) replace any said of an earlier run; `text` came in."""
        self.edit_notice = notice
        if text is not None:
            self.from_editor = text
        if self.app is not None:
            self.app.invalidate()

    def _undone(self, before: str) -> None:
        """Ctrl+Z took `before` away: when it is the editor's text, that is said, with how to get it back."""
        if self.from_editor is not None and before == self.from_editor:
            self.edit_notice = t("interview.editor-undone")
            self.undo_told = True
            if self.app is not None:
                self.app.invalidate()

    def _undo_told(self, buffer) -> None:
        """The next change after "the editor's text was undone" (Ctrl+Y, or typing) makes it old news."""
        if self.undo_told:  # (the undo's own change comes before it is said)
            self.undo_told = False
            self.edit_notice = None

    def _editor_folder(self) -> Path | None:
        """Where the editor's file is made: beside the drafts, so a file kept outlives a cleared /tmp."""
        with contextlib.suppress(Exception):  # no folder: the system's temporary folder will do
            return local.ensure_folder(self.session.ws.store.home)
        return None

    def typed(self) -> str | None:
        """The text in the answer field right now (None when no answer field is shown).

        While a question about a field that just closed is asked (see _mark_replaces_answer), the
        text it closed with.
        """
        if self.app is None:
            return self.held
        with contextlib.suppress(Exception):
            return field_buffer(self.app).text
        return None

    def _autosave(self, buffer) -> None:
        """Keep the field's text as a draft while typing, so a crash loses at most a moment.

        At the first change after a pause the text is kept at once; further changes within
        AUTOSAVE_SECONDS are kept together when that time is up, so the text as it stands when
        typing stops is always kept too.
        """
        wait = self.last_saved_draft + AUTOSAVE_SECONDS - time.monotonic()
        if wait <= 0:
            self._keep_draft_now()
        elif self.later_save is None:
            self.later_save = asyncio.get_running_loop().call_later(wait, self._keep_draft_now)

    def _keep_draft_now(self) -> None:
        self.later_save = None
        self.last_saved_draft = time.monotonic()
        self.saving = True
        try:
            kept = self._keep_field(join=False)
        finally:
            self.saving = False
        if _Stop.signum is not None:  # a stop came while the text was written: keep it for good, and end
            self._end_with_field(_Stop.signum)
        self._tell_autosave(kept)

    def _tell_autosave(self, kept: Drafted | SpredningError | None) -> None:
        """The field's status line says when the autosave fails or is held back, until it works again."""
        if isinstance(kept, SpredningError):
            notice: str | None = t("interview.autosave-failed", problem=render_message(kept.message))
        else:
            notice = None
            if kept is Drafted.HELD:  # in the reason field a reason waits (never joined to an answer)
                reason = self.reason_field
                notice = t("interview.autosave-held-reason") if reason else t("interview.autosave-held")
        if notice != self.notice:
            self.notice = notice
            if self.app is not None:
                self.app.invalidate()

    def _keep_field(self, join: bool = True, newer: str | None = None) -> Drafted | SpredningError | None:
        """The answer field's text, as it is now, becomes the question's draft (never raises).

        Returns what became of it, or why it could not be written; None when no field is shown.
        `join`: when another window's different draft is there, keep both (see local.placed).
        `newer`: a text written since, over the field (what the editor saved), kept instead.
        """
        typed = newer if newer is not None else self.typed()
        return None if typed is None else self._keep_text(typed, join)

    def _keep_text(self, typed: str, join: bool = True) -> Drafted | SpredningError | None:
        """Text left in the field becomes the draft: what became of it, or why it could not (never raises)."""
        if self.question is None:
            return None
        try:  # never let a draft stop the typing
            if self.reason_field and self.apart:  # a reason beside an answer draft: kept apart from it
                given = self.answer.text if self.answer is not None and self.answer.not_relevant else ""
                new = interview.normalise(typed) not in ("", given)
                return self.session.keep_reason(self.question, typed if new else "", join)
            draft = interview.draft_of(typed, self.answer)
            return self.keep_draft(self.question, draft, join, reason=self.reason_field)
        except SpredningError as problem:
            return problem
        except Exception as problem:  # not ours to know (an OSError): the file could not be saved
            why = fileio.reason(problem) if isinstance(problem, OSError) else None
            why = why or message("reason.other", code=type(problem).__name__)
            return SpredningError("files.cannot-save", path=self.session.path, reason=why)

    @contextlib.contextmanager
    def stop_signals_kept(self) -> Iterator[None]:
        """While the interview runs, a closed terminal or a request to end loses no keystroke.

        At a prompt (the usual case: the person is typing or choosing) the field's text is kept
        as the draft and the program ends at once, with exit code 128 + the signal (129, 143).
        While the program works between prompts (saving an answer, keeping a draft after Ctrl+C)
        that work finishes, and the program ends before the next prompt or when the interview
        ends. The store holds a stop back while it writes (fileio.uninterrupted). The first stop
        decides: a shell passes its hang-up on to the program, so a second often follows at once.
        """
        previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
        _Stop.terminal = _terminal_settings()
        for signum in previous:
            signal.signal(signum, self._stop)
        _Stop.kept = True
        try:
            yield
        finally:
            _Stop.kept = False
            for signum, handler in previous.items():
                if handler is not None:
                    signal.signal(signum, handler)
            if _Stop.signum is not None:
                _end_now(_Stop.signum)

    def _stop(self, signum, frame) -> None:
        if _Stop.signum is not None:
            return
        _Stop.signum = signum
        if _Stop.waiting and not self.saving:
            self._end_with_field(signum)

    def _end_with_field(self, signum: int) -> None:
        """End after a stop from outside, saying what became of the field's text (whole, if not kept).

        An editor open over the field (Ctrl+O) is stopped first: what it saved is the newest text.
        """
        left = editor.stop_open(signum)
        newer = left.text if left is not None else None
        typed = newer if newer is not None else self.typed()
        kept = self._keep_field(newer=newer)
        if isinstance(kept, SpredningError):
            problem = render_message(kept.message)
            rescued = _rescued(typed) if interview.draft_of(typed, self.answer) else None
            if rescued is not None:
                _end_now(
                    signum,
                    t("interview.stopped-from-outside-rescued", problem=problem, path=str(rescued)),
                    typed,
                )
            _end_now(signum, t("interview.stopped-from-outside-not-kept", problem=problem), typed)
        if left is not None:
            _end_now(signum, render_message(editor.stop_notice(left)))
        if typed is None and _asking_field() is not None:  # a mark's or an action's field: not saved
            text = _asking_text()
            fields = _typed_together(text)  # an action's fields typed before this one too
            words = t("interview.stopped-from-outside-follow-up")
            if fields is not None:
                _end_now(signum, f"{words} {_field_text_words(fields, several=True)}", fields)
            _end_now(signum, f"{words} {_field_text_words(text)}" if text else words, text)
        reason = self._reason_left(kept) if self.reason_field else None
        if reason is not None:  # a reason kept: said to be one, and the question not marked
            alone = reason == "alone"
            key = (
                "interview.stopped-from-outside-reason-alone"
                if alone
                else "interview.stopped-from-outside-reason-beside"
            )
            _end_now(signum, t(key))
        # a reason typed beside the answer (Ctrl+N, then back) is kept too: said, as Ctrl+C says it
        apart = t("fase.reason-kept-apart") if self._reason_apart() else ""
        if kept is Drafted.JOINED:
            _end_now(signum, t("interview.stopped-from-outside-joined") + apart)
        elif kept not in (None, Drafted.STALE) and interview.draft_of(typed, self.answer):
            _end_now(signum, t("interview.stopped-from-outside") + apart)
        _end_now(signum)

    def _reason_apart(self) -> bool:
        """In the answer field, whether a reason for "not relevant" is typed beside its draft (kept too)."""
        if self.reason_field or self.question is None:
            return False
        with contextlib.suppress(Exception):
            return bool(self.session.reason_beside(self.question).strip())
        return False

    def _mark_replaces_answer(self, step: interview.Ask, typed: str) -> bool:
        """Ctrl+N on a saved answer: may the mark replace it? Asked, as deleting it is; else True.

        While asked, typed() still gives the field's text: a stop here (Ctrl+C, Ctrl+D, a closed
        terminal) keeps it as the draft and says so, as a stop in the field would.
        """
        saved = step.answer
        if saved is None or saved.empty or saved.not_relevant:
            return True
        self.held = typed
        choices = [
            Choice(t("interview.mark-replaces-no"), False),
            Choice(t("interview.mark-replaces-yes"), True),
        ]
        kept = self.session.reason_beside(step.question).strip()
        if kept:  # shown above the field: the user may keep the answer and let that reason go
            choices.append(Choice(t("interview.mark-replaces-no-drop-reason"), _DROP_REASON))
        try:
            replace = self._select(t("interview.mark-replaces-question"), choices)
        except (KeyboardInterrupt, EOFError):  # a stop here is a stop in the field: its text is kept
            self._keep_at_stop()  # (and stays readable, as after a stop in the field)
            raise
        self.held = None
        if replace == _DROP_REASON:
            self.session.reason_beside(step.question, offered=True)  # offered: now this window's to drop
            self.session.keep_reason(step.question, "")
            self.console.print(Text(t("interview.reason-beside-dropped"), style="dim"))
            return False
        return bool(replace)

    def _reason(self, typed: str) -> str | None:
        """The reason for "not relevant", asked in a field that starts with `typed`; None: the user went back.

        That is the reason given before, one typed beside the answer draft, or a draft typed as a
        reason (offered as one); never an answer draft or a saved answer the mark replaces (see _mark).

        It is watched and kept while typing like the answer field. Beside an answer draft
        (self.beside) its text is kept apart from that draft (Session.keep_reason), which stays
        as it is. Else its text becomes the draft on Ctrl+C or SIGHUP, marked as a reason: the
        next time it comes back in the answer field saying so, and Ctrl+N takes it back to the
        reason field (it never silently becomes an answer). Esc, PgUp and Ctrl+B go back to the
        answer field; a reason typed is kept beside the answer (Ctrl+N starts with it again).
        """
        above = [
            ("class:question", t("interview.not-relevant-reason")),
            ("class:instruction", t("interview.not-relevant-help")),
        ]
        question = answer_field(
            t("interview.not-relevant-label"),
            lambda width: styled_lines(above, width),
            typed,
            lambda: self.notice,
            key_bindings=_reason_keys(),
            **self.io,
        )
        field_buffer(question.application).on_text_changed += self._autosave
        self.reason_field = True
        kept: Drafted | SpredningError | None = None
        try:
            reason = self._watched(question)
            if self.apart or isinstance(reason, _Left):  # kept now: a save may yet fail
                text = reason.typed if isinstance(reason, _Left) else reason
                if not self.apart and not self.offered_reason:  # left: moved out of the draft, beside it
                    self.apart = True
                    kept = self._keep_text(text)
                    self._keep_own_draft("")
                else:
                    kept = self._keep_text(text)
        finally:
            self.reason_field = False
        if isinstance(reason, _Left):
            if not self.apart:  # the reason draft goes back to the field, as it was offered
                self.typed_back = reason.typed
            else:
                self._show_reason_left(reason.typed, kept)
            return None
        given = interview.normalise(reason)
        shown = t("answer.not-relevant-because", reason=given) if given else t("answer.not-relevant")
        self.console.print(render.hanging("›", shown, 0))
        return reason

    def _keep_own_draft(self, text: str) -> None:
        """The question's draft as the answer field left it (a reason moved beside it is no part of it)."""
        if self.question is None:
            return
        with contextlib.suppress(Exception):  # the reason is kept beside; the draft is as before
            self.keep_draft(self.question, interview.draft_of(text, self.answer))

    def _show_reason_left(self, typed: str, kept: Drafted | SpredningError | None) -> None:
        """A reason left unsaved beside the answer: said to be kept, or shown whole when it could not be."""
        text = interview.normalise(typed)
        if not text or (self.answer is not None and self.answer.not_relevant and text == self.answer.text):
            return  # nothing new: nothing to say
        if kept is Drafted.STALE:  # the reason offered, untouched here: another window changed it since
            return
        if isinstance(kept, SpredningError):
            from spredning.cli.main import error_hint, print_error

            print_error(kept.message, error_hint(kept), console=self.console)
            self.console.print(Text(t("interview.draft-failed"), style="yellow"))
            self.console.print(AsTyped(typed), soft_wrap=True)
            return
        self.console.print(
            Text.assemble(
                ("› ", "bold"), (t("interview.reason-left"), "yellow"), " ", render.plain(text, "dim")
            ),
            no_wrap=True,
            overflow="ellipsis",
        )

    def confirm_delete(self, step: interview.ConfirmDelete) -> bool:
        """Delete the saved answer, or remove the "not relevant" mark? A select: confirm says "(y/N)"."""
        if step.marked:
            question, no, yes = (
                t("interview.unmark-question"),
                t("interview.unmark-no"),
                t("interview.unmark-yes"),
            )
        else:
            question, no, yes = (
                t("interview.delete-question"),
                t("interview.delete-no"),
                t("interview.delete-yes"),
            )
        return self._select(question, [Choice(no, False), Choice(yes, True)])

    def review(self, step: interview.ReviewTool) -> interview.Review:
        """The tool's answers, then what next."""
        role = self.role
        self.console.print()
        owner = None if self.own else self.who
        self.console.print(render_project.tool_answers(step.tool, role, self._view, owner))
        choices = [
            Choice(t("review.next"), interview.Review.NEXT),
            Choice(t("review.edit"), interview.Review.EDIT),
        ]
        if not step.first:
            choices.append(Choice(t("review.previous"), interview.Review.PREVIOUS))
        choices.append(Choice(t("review.stop"), interview.Review.STOP))
        return self._select(t("review.what-now"), choices)

    def pick_question(self, step: interview.PickQuestion) -> Question | None:
        """Which answer to change."""
        choices = [
            Choice(f"{n}. {clean(q.text)}", q) for n, q in enumerate(step.tool.questions(self.role), 1)
        ]
        choices.append(Choice(t("prompt.cancel"), CANCEL))
        picked = self._select(t("review.which-answer"), choices)
        return None if picked is CANCEL else picked

    def _answered_so_far(self, phase) -> Progress:
        """'Ærø Kommune har besvaret 3 af 14 spørgsmål i fasen Tjek.' after a blank line."""
        done = progress(self._view, phase.questions(self.role))
        self.console.print()
        self.console.print(
            Text(
                t(
                    "resume.answered",
                    org=self.who,
                    answered=done.answered,
                    total=done.total,
                    phase=clean(phase.name),
                ),
                style="bold",
            )
        )
        return done

    def resume_drafts(self, step: interview.ResumeDrafts) -> None:
        """The phase has drafts: said, and (the interview does it) they are opened first."""
        self._answered_so_far(step.phase)
        self.console.print(
            Text(t("resume.drafts", n=len(step.questions), phase=clean(step.phase.name)), style="yellow")
        )

    def resume(self, step: interview.ChooseResume) -> interview.Resume:
        """The phase has answers already: how to go on."""
        done = self._answered_so_far(step.phase)
        choices = []
        if not done.complete:
            choices.append(Choice(t("resume.continue"), interview.Resume.CONTINUE))
        choices += [
            Choice(t("resume.review-all"), interview.Resume.REVIEW_ALL),
            Choice(t("resume.pick-tool"), interview.Resume.PICK_TOOL),
            Choice(t("resume.stop"), interview.Resume.STOP),
        ]
        return self._select(t("resume.how"), choices)

    def pick_tool(self, step: interview.PickTool):
        """Which tool to open."""
        choices = []
        for tool in step.phase.tools:
            questions = tool.questions(self.role)
            if questions:
                done = progress(self._view, questions)
                choices.append(Choice(f"{clean(tool.title)} ({done.answered}/{done.total})", tool))
        choices.append(Choice(t("prompt.cancel"), CANCEL))
        picked = self._select(t("resume.which-tool"), choices)
        return None if picked is CANCEL else picked

    def saved_meanwhile(self, step: interview.SavedMeanwhile):
        """Someone saved this answer while the user wrote: which to keep."""
        self.console.print(render_project.saved_meanwhile(step.question, step.mine, step.theirs))
        choices = [
            Choice(t("interview.keep-mine"), interview.Keep.MINE),
            Choice(t("interview.keep-theirs"), interview.Keep.THEIRS),
        ]
        # both are this organisation's own words (saved in two windows): kept mine first, as shown
        # and as konflikter orders them, with no heading of the program's between them (model.joined)
        if step.joinable:
            choices.append(Choice(t("interview.keep-both"), interview.Keep.BOTH))
        else:  # a "not relevant" mark beside an answer: said why "both" is not there
            self.console.print(Text(t("interview.keep-both-mixed"), style="dim"))
        return self._select(t("conflict.which"), choices)

    def save_failed(self, step: interview.SaveFailed) -> None:
        """An answer could not be saved: why, where its text is now, and what to do."""
        from spredning.cli.main import error_hint, print_error

        # on the interview's own screen, in order with the question, worded as every other error
        print_error(step.problem.message, error_hint(step.problem), console=self.console)
        if step.kept:
            self.console.print(Text(t("interview.save-failed.kept"), style="yellow"))
        elif step.text:
            self.console.print(Text(t("interview.save-failed.not-kept"), style="yellow"))
            self.console.print(AsTyped(step.text), soft_wrap=True)  # tabs kept, to paste back
        self.console.print(Text(t("interview.save-failed.again"), style="dim"))

    def still_in_conflict(self, step: interview.StillInConflict) -> None:
        """Saved, and the conflict is still open: said after the save, with how to settle it."""
        named, settle = self._conflict_words(step.versions, step.question)
        text = t("interview.conflict-still-open", versions=named, n=len(named), command=settle)
        print_fitted(self.console, text, settle, "yellow", rest="")

    def _conflict_words(self, versions: tuple[str, ...], question) -> tuple[list[str], str]:
        """Whose versions an open conflict keeps ("Syds udgave"), and the command that settles it.

        A version of our own is named by where it came from: our worksheet, or another project
        here (projekt flet), which only the version itself tells.
        """
        from spredning.cli.commands.common import command

        project = self.session.project
        entry = self.session.entry(question)
        others = entry.others if entry is not None else ()
        named = [
            render_project.theirs(
                project,
                source,
                "interview.conflict-version",
                "interview.conflict-git-version",
                self.session.local.me,
                "interview.conflict-own-sheet",
                next((other for other in others if other.source == source), None),
            )
            for source in versions
        ]
        return named, self.settle or command("konflikter")

    def no_questions(self, step: interview.NoQuestions) -> None:
        """A tool without questions for this side: said, then passed."""
        self.console.print(
            Text(
                t(
                    "interview.tool-without-questions",
                    tool=clean(step.tool.title),
                    side=render.role_title(self.role).lower(),
                ),
                style="dim",
            )
        )

    def offer_actions(self, step: interview.OfferActions):
        """The guide asks for action here: add one to the plan, or go on (reply NewAction or None)."""
        from spredning.cli.render_plan import action_lines

        self.console.print()
        self.console.print(Text(t("plan.offer", tool=clean(step.tool.title)), style="bold"))
        if step.actions:
            self.console.print(Text(t("plan.offer-so-far", n=len(step.actions)), style="dim"))
            self.console.print(action_lines(step.actions, datetime.date.today()))
        add = self._select(  # Enter goes on: an action is offered, never required
            t("plan.offer-what-now"),
            [Choice(t("plan.offer-go-on"), False), Choice(t("plan.offer-add"), True)],
        )
        if not add:
            return None

        def stopped(typed: TypedAction) -> None:
            self.unsaved = UnsavedAction(step.tool, typed)

        return ask_action(None, interrupted=stopped, **self.io)

    def rate_readiness(self, step: interview.RateReadiness):
        """How ready is this side after the tool: grøn, gul, rød, or skip (reply Rating or None)."""
        current = step.current
        choices = [Choice(t("plan.rate-keep") if current else t("plan.rate-skip"), CANCEL)]
        choices += [Choice(t(f"plan.rate.{colour}"), colour) for colour in ("grøn", "gul", "rød")]
        default = next((c for c in choices if current and c.value == current.colour), choices[0])
        self.console.print(Text(t("plan.rate-help"), style="dim"))
        colour = self._select(t("plan.rate-question", tool=clean(step.tool.title)), choices, default)
        if colour is CANCEL:
            return None

        def stopped(typed: str) -> None:
            self.unsaved = UnsavedMark(step.tool, colour, typed)

        reason = ask_text(
            t("plan.rate-reason"),
            instruction=t("plan.ask-optional"),
            default=current.reason if current else "",
            interrupted=stopped,
            one_line=True,
            **self.io,
        )
        return interview.Rating(colour, " ".join(reason.split()))

    @property
    def _view(self):
        return self.session.view()

    def keep_draft(self, question: Question, text: str, join: bool = True, reason: bool = False) -> Drafted:
        """Keep the field's text as the question's draft (through the session); say what became of it.

        `reason`: typed as the reason for "not relevant"; it comes back saying so (see ask).
        """
        return self.session.keep_draft(question, text, join, reason)


def _collect_once_drawn() -> Callable[[Any], None]:
    """A handler that collects garbage once, right after the answer field is first drawn.

    Every prompt leaves thousands of objects in reference cycles behind. Python would free them
    in a full collection at a moment of its choosing, often while the next answer is being saved
    and drawn (35-70 ms, about every eighth answer); collected here, it happens while the
    person reads the question. With gc.freeze() in InterviewPrompter the collection only has to
    look at what the interview made since.
    """
    pending = True

    def collect(_app) -> None:
        nonlocal pending
        if pending:
            pending = False
            gc.collect()

    return collect


def _leave_keys(expandable: bool) -> KeyBindings:
    """Keys that leave the answer field: back, "not relevant", the partner's answers, stop."""
    bindings = KeyBindings()

    @bindings.add("pageup", eager=True)
    @bindings.add("c-b", eager=True)
    def _back(event) -> None:
        event.app.exit(result=interview.Back(field_buffer(event.app).text))

    @bindings.add("c-n", eager=True)
    def _not_relevant(event) -> None:
        event.app.exit(result=Marked(field_buffer(event.app).text))

    if expandable:

        @bindings.add("c-p", eager=True)
        def _expand(event) -> None:
            event.app.exit(result=_Expand(field_buffer(event.app).text))

    @bindings.add("c-c", eager=True)
    def _interrupt(event) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @bindings.add("c-d", eager=True)
    def _eof(event) -> None:
        event.app.exit(exception=EOFError())

    return bindings


def _edit_keys(
    console: Console,
    folder: Callable[[], Path | None],
    edited: Callable[[str | None, str | None], None] | None = None,
) -> KeyBindings:
    """Keys that act on the text: save (besides Alt+Enter), and write it in the user's editor.

    `folder` says where the editor's file is made, when it is. `edited`: told what came of each
    run of the editor, for the field's status line (words, or None when all went well; the text
    brought in, if any), so the words of a run that failed are gone once the next one works.
    Words that name a file the editor's writing is kept in are printed above the field too: the
    path stays on the screen to copy, however the field goes on.
    The text the editor brings is one step for Ctrl+Z, which Ctrl+Y brings back.
    """
    bindings = KeyBindings()

    @bindings.add("c-s", eager=True)
    def _save(event) -> None:
        field_buffer(event.app).validate_and_handle()

    @bindings.add("c-o", eager=True)
    def _editor(event) -> None:
        buffer = field_buffer(event.app)

        async def edit_in_editor() -> None:
            came = await run_in_terminal(lambda: editor.edit(buffer.text, folder()))
            notice = came.notice
            after = None if came.text is not None else t("editor.field-as-before")
            said = None
            if notice is not None:
                if edited is None or "path" in notice.params:
                    await run_in_terminal(lambda: tell_edited(console, notice, after))
                else:
                    said = clean(" ".join(filter(None, (render_message(notice), after))))
            if came.text is not None:
                buffer.save_to_undo_stack()  # the text as it was before the editor: one undo away
                buffer.text = came.text
                buffer.cursor_position = len(came.text)
            if edited is not None:
                edited(said, came.text)

        event.app.create_background_task(edit_in_editor())

    return bindings


def tell_edited(console: Console, notice: Message, after: str | None = None) -> None:
    """Say what came of the editor (nothing taken, and why; or how it was read), a kept file's path whole.

    `after`: what that means where the editor was called from (the field's text is as before).
    """
    path = notice.params.get("path")
    text = render_message(notice)
    if path is None:
        console.print(Text(clean(" ".join(filter(None, (text, after)))), style="yellow"))
        return
    # the path stays on one line, to copy
    console.print(fitted_text(text, str(path), console.width, "yellow"), soft_wrap=True)
    if after:
        console.print(Text(after, style="yellow"))


class _Expand:
    """The user asked to see the partner's answers in full."""

    def __init__(self, typed: str):
        self.typed = typed


class _Left:
    """The user left the reason field for the answer field (Esc, PgUp, Ctrl+B), with what was typed."""

    def __init__(self, typed: str):
        self.typed = typed


def _reason_keys() -> KeyBindings:
    """Keys of the reason field: back to the answer field (Esc, PgUp, Ctrl+B), and stop (Ctrl+D).

    Ctrl+D stops here as in the answer field, whatever the field holds (prompt_toolkit would
    only stop on an empty field, and delete a character otherwise).
    """
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)
    @bindings.add("pageup", eager=True)
    @bindings.add("c-b", eager=True)
    def _back(event) -> None:
        event.app.exit(result=_Left(field_buffer(event.app).text))

    @bindings.add("c-d", eager=True)
    def _eof(event) -> None:
        event.app.exit(exception=EOFError())

    return bindings


class _Stay:
    """The user went back, but the text could not be kept as a draft: the field is shown again with it."""

    def __init__(self, typed: str):
        self.typed = typed
