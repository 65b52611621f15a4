"""Key bindings the prompts share, each setting right a surprise of prompt_toolkit's own keys.

Ctrl+D stops at a menu as at a text prompt; Ctrl+R and Ctrl+S start no search in English; Ctrl+Z
and Ctrl+Y undo and redo; a colour code pasted stays text; Enter and Tab in a multi-line field work
as in Notepad; Tab completes a path. Esc goes back: to the caller's choice (_back_keys), to the home
screen's menu while the home screen runs the command (BackToMenu, menu_behind), else it stops;
in a one-line field it stops as Ctrl+C does, the menu coming back after (_field_stop_keys).
field_buffer is where every key and every stop reads a field's text.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Callable

from prompt_toolkit.application import get_app
from prompt_toolkit.buffer import Buffer, CompletionState
from prompt_toolkit.completion import CompleteEvent, PathCompleter, get_common_complete_suffix
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.filters import Condition, emacs_insert_mode, vi_insert_mode
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.utils import get_cwidth

from spredning.cli.render_text import TAB_SIZE


def _stop_keys() -> KeyBindings:
    """Ctrl+D at a menu ends the program like Ctrl+D at a text prompt (questionary has no binding).

    Ctrl+S and Ctrl+R do nothing at a menu: prompt_toolkit would start its own search there, in
    English, over the list ("(i-search)"), and Ctrl+S is the answer field's save key, so it is
    easily pressed once too often. Ctrl+O (the answer field's editor key) does nothing either:
    prompt_toolkit would take it as Enter ("operate and get next") and leave the menu with no
    choice made. Ctrl+Z (the answer field's undo) does nothing either: prompt_toolkit would put the
    character in the menu's hidden line, drawn as '^Z' after the help. A colour code pasted into a
    menu (see _pasted_codes) is no click either: it is let go; the rest of the paste searches the
    list, as typed letters do (choice_list).
    """
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _eof(event) -> None:
        event.app.exit(exception=EOFError())

    @bindings.add("c-s", eager=True)
    @bindings.add("c-r", eager=True)
    @bindings.add("c-o", eager=True)
    @bindings.add("c-z", eager=True)
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


ALT_WAIT = 1.0  # seconds an Enter after Esc is Alt+Enter, when the application sets no timeoutlen
_TYPING = emacs_insert_mode | vi_insert_mode  # as the library's own Enter: typing, not once done


def _typing_keys() -> KeyBindings:
    """Enter and Tab in a multi-line field (only there: Enter saves a one-line one), as in Notepad.

    Enter starts the new line at its beginning: prompt_toolkit copies the margin of the line
    above, blank space the user never typed that went into the answer unseen. Tab puts blank
    space up to the next stop of INDENT (prompt_toolkit asks for completions, and a field has
    none, so the key did nothing). Spaces, not a tab character: what is seen is what is saved,
    in a report and a worksheet too. A paste is not typed, so it keeps its own tabs and margins.

    Esc followed by Enter saves (a terminal sends Alt+Enter so), when the Enter comes within the
    wait prompt_toolkit gives a key that begins a longer one (Application.timeoutlen, a second):
    a terminal without an Alt key can save so, but an Esc pressed to get out, and an Enter later
    to begin a new line, no longer saves half an answer and sends the rest to the next question
    (found in a trial). Esc followed by any other key is that key as typed. prompt_toolkit took
    Esc and the next key as one of its Alt commands, unseen: Esc, then "t" deleted the "t", Esc
    and Backspace a whole word, Esc and "u" made a word upper case; and Esc is what a person
    presses to get out. Esc alone does nothing here.
    """
    bindings = KeyBindings()
    pressed = [float("-inf")]  # when Esc was last pressed (time.monotonic)

    @bindings.add("escape", eager=True, filter=_TYPING)  # eager: no Alt command waits for a next key
    def _escape(event) -> None:
        pressed[0] = time.monotonic()

    @bindings.add("enter", filter=_TYPING)
    def _line(event) -> None:
        after_escape = [press.key for press in event.previous_key_sequence] == [Keys.Escape]
        wait = event.app.timeoutlen if event.app.timeoutlen is not None else ALT_WAIT
        if after_escape and time.monotonic() - pressed[0] <= wait:  # Alt+Enter, or Esc and Enter at once
            field_buffer(event.app).validate_and_handle()
            return
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


UndoHistory = tuple[list[tuple[str, int]], list[tuple[str, int]]]  # a field's undo and redo steps


def undo_history(buffer: Buffer) -> UndoHistory:
    """A field's undo and redo steps (copies), for the field opened again with its text (go_on_undoing).

    prompt_toolkit keeps them in two lists of its Buffer and has no public way to read or set them;
    should a later prompt_toolkit keep them otherwise, the field opens again with its text and without
    its undo steps (as before this existed), never with an error.
    """
    undo, redo = _undo_lists(buffer)
    return list(undo or ()), list(redo or ())


def go_on_undoing(buffer: Buffer, history: UndoHistory) -> None:
    """Give a field opened again for the same text the steps it had, so Ctrl+Z and Ctrl+Y go on."""
    undo, redo = _undo_lists(buffer)
    if undo is not None and redo is not None:
        undo[:], redo[:] = history


def _undo_lists(buffer: Buffer) -> tuple[list | None, list | None]:
    """prompt_toolkit's two lists of undo and redo steps, or None where a Buffer has no such list."""
    undo, redo = getattr(buffer, "_undo_stack", None), getattr(buffer, "_redo_stack", None)
    return (undo if isinstance(undo, list) else None), (redo if isinstance(redo, list) else None)


def _enter_follows() -> bool:
    """Whether an Enter came in with the Esc being handled: Alt+Enter, which a terminal sends so."""
    queue = get_app().key_processor.input_queue
    return bool(queue) and queue[0].key in (Keys.ControlM, Keys.ControlJ)


def _alt_enter_keys() -> KeyBindings:
    """Alt+Enter in the reason for "not relevant", which Enter saves: Enter.

    A terminal sends Alt+Enter as Esc and Enter at once; the field's Esc (back to the answer field)
    took the Esc and left the Enter to the answer field, which got a new line, and Alt+Enter pressed
    again there saved the answer draft instead of the mark (found in a re-trial). Alt+Enter saves
    in the answer field, so it saves here, as Enter does. Added after the field's own Esc binding,
    which it then wins over (the last binding added does). One-line fields keep Esc as it is (it
    stops, or goes back): an Enter that follows is lost, nothing typed is.
    """
    bindings = KeyBindings()

    @bindings.add("escape", eager=True, filter=Condition(_enter_follows))
    def _enter(event) -> None:
        event.app.key_processor.input_queue.popleft()  # the Enter: this is it
        field_buffer(event.app).validate_and_handle()

    return bindings


def _with_keys(question, *extra: KeyBindings):
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, *extra])
    return question


class BackToMenu(BaseException):
    """Esc in a list of a command the home screen runs: the command ends here, the menu comes back.

    Raised before anything of the list's choice is done, so the command just stops; the home
    screen catches it. A BaseException, as KeyboardInterrupt is, so that no `except Exception`
    on the way takes it for a failure; Typer passes it on untouched.
    """


class _Behind:
    """The home screen's menu behind a command it runs: whether Esc in a field stopped the command."""

    escaped = False


_menu_behind: contextvars.ContextVar[_Behind | None] = contextvars.ContextVar("menu_behind", default=None)


@contextlib.contextmanager
def menu_behind():
    """While the home screen runs a command: Esc in the command's lists and fields goes back to the menu.

    Yields what the command's fields tell the home screen: `escaped`, Esc stopped the command in a
    field (see _field_stop_keys), so the menu comes back at once, as after Esc in a list.
    A command run from the shell has no menu to go back to; there Esc stops it.
    """
    behind = _Behind()
    token = _menu_behind.set(behind)
    try:
        yield behind
    finally:
        _menu_behind.reset(token)


def escape_leaves() -> bool:
    """True when Esc in a list goes back to the home screen's menu (see menu_behind)."""
    return _menu_behind.get() is not None


def _escape_stops() -> KeyBindings:
    """Esc in a list of a command run from the shell: stop as Ctrl+C does (questionary's binding)."""
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)  # eager, as in _back_keys
    def _stop(event) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    return bindings


def _field_stop_keys() -> KeyBindings:
    """Esc in a one-line field: the command stops as at Ctrl+C, saying what was typed as Ctrl+C does.

    From the shell that is all; from the home screen the menu then comes back at once, as after Esc
    in a list (menu_behind's `escaped`), after the stop's words: a field holds typed text, which
    going back in silence would lose. A list of file names open under a path (Tab) is closed first.
    """
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)  # eager, as in _back_keys
    def _stop(event) -> None:
        if event.current_buffer.complete_state is not None:  # a list of file names open: closes it
            event.current_buffer.cancel_completion()
            return
        behind = _menu_behind.get()
        if behind is not None:
            behind.escaped = True
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    return bindings


def _leave_keys_to_menu() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)  # eager, as in _back_keys
    def _leave(event) -> None:
        event.app.erase_when_done = True  # nothing was chosen: the list goes from the screen
        event.app.exit(exception=BackToMenu())

    return bindings


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
            if found[0].display_text.endswith("/"):  # a folder: on inside it, as a shell goes
                buffer.insert_text("/")  # prompt_toolkit shows it, but leaves it out of the text
        elif shared:
            buffer.insert_text(shared)
        elif found:
            buffer.complete_state = CompletionState(buffer.document, found)

    return bindings
