"""The interview's multi-line answer field, and the keys that leave it or act on its text.

The text starts on the label's line ('› Svar: ...') with the key hints above it. Alt+Enter or
Ctrl+S saves, Ctrl+O writes in the user's editor, PgUp and Ctrl+B go back, Ctrl+N marks "not
relevant" (its reason is asked in a field of the same kind), Ctrl+P shows the partner's answers.
What the field leaves with (Marked, _Expand, _Left, _Stay) tells InterviewPrompter what comes next.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app, run_in_terminal
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.layout.processors import TabsProcessor
from prompt_toolkit.lexers import SimpleLexer
from questionary.styles import merge_styles_default
from rich.console import Console
from rich.text import Text

from spredning.cli import editor
from spredning.cli.prompts.keys import (
    _no_search_keys,
    _pasted_codes,
    _typing_keys,
    _undo_keys,
    _with_keys,
    field_buffer,
)
from spredning.cli.prompts.layout import STYLE, ControlPictures, styled_lines
from spredning.cli.render_text import TAB_SIZE, fitted_text
from spredning.core import interview
from spredning.core.errors import Message
from spredning.core.textsafe import clean
from spredning.i18n import render as render_message
from spredning.i18n import t


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
    folder: Callable[[], tuple[Path | None, str]],
    edited: Callable[[str | None, str | None], None] | None = None,
) -> KeyBindings:
    """Keys that act on the text: save (besides Alt+Enter), and write it in the user's editor.

    `folder` says where the editor's file is made, when it is, and what it is named after.
    `edited`: told what came of each run of the editor, for the field's status line (words, or
    None when all went well; the text brought in, if any), so the words of a run that failed are
    gone once the next one works.
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
            came = await run_in_terminal(lambda: editor.edit(buffer.text, *folder()))
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
