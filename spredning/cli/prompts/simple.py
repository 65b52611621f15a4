"""The two prompts every command's question goes through: select (a menu) and ask_text (a text field).

Both make every text in them safe to show (the prompt library writes to the terminal itself, not
through the safe console) and are asked through stops._asked. Once answered, a prompt gives way to
'? question answer', broken between words; Esc, Ctrl+C and Ctrl+D are no answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit import PromptSession
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.lexers import SimpleLexer
from prompt_toolkit.shortcuts import print_formatted_text
from questionary import Choice
from questionary.styles import merge_styles_default

from spredning.cli.prompts.choice_list import searched_list
from spredning.cli.prompts.keys import (
    BackToMenu,
    _back_keys,
    _escape_stops,
    _field_stop_keys,
    _leave_keys_to_menu,
    _no_search_keys,
    _pasted_codes,
    _path_keys,
    _stop_keys,
    _undo_keys,
    _with_keys,
    escape_leaves,
    field_buffer,
)
from spredning.cli.prompts.layout import (
    STYLE,
    ControlPictures,
    _say_refused,
    _width,
    echo_lines,
    question_lines,
)
from spredning.cli.prompts.stops import _asked
from spredning.cli.render_text import HANG, cut_to
from spredning.core.errors import Message
from spredning.core.followup import MAX_TEXT
from spredning.core.textsafe import breaks_a_line, clean, clean_name, line_break_key
from spredning.i18n import t

CANCEL = object()  # the "Fortryd" choice: questionary replaces a None value with the title


TYPING_ROOM = 20  # columns left for typing after a text prompt's help on the question's line


NO_BACK = object()  # select() and ask_text() without an Esc key
CHOICE_INDENT = 3  # where a menu line's title starts, after questionary's pointer (' » ')


def select(
    message: str,
    choices: list[Choice],
    default=None,
    back=NO_BACK,
    instruction=None,
    found_by: Callable[[Any], str | None] | None = None,
    **io,
):
    """A menu (arrow keys and Enter; typing searches it) where Ctrl+C and Ctrl+D stop, as at text prompts.

    With `back`, Esc returns that value (the caller goes back). Without it, Esc leaves for the
    home screen's menu when the home screen runs the command (BackToMenu; then the help says so
    unless the caller gives its own), and otherwise stops the command as Ctrl+C does, with its
    own words ("Stoppet. Intet er ændret."): a key that seems to do nothing leaves the user stuck.
    The help says which, unless the caller gives its own: "Esc går tilbage til menuen", or "…; Esc
    eller Ctrl+C stopper)" (a list whose Esc would stop without a word of it is a trap).
    While a search is typed, Esc first empties it (choice_list); the next Esc does the above.
    `found_by`: the words that find a choice by its value besides its title (a readiness colour's
    word in the other language: 'grøn' finds 'Green – we are ready'; a home screen action's command:
    'eksport'); never shown.
    Every prompt goes through here or ask_text, which make every text in it safe to show (the
    prompt library writes to the terminal itself, not through the safe console).
    """
    choices = [_safe_choice(choice) for choice in choices]
    whole = [Choice(choice.title, choice.value) for choice in choices]  # echoed whole, broken between words
    # a line too long for the terminal is cut with '…' in the menu (prompt_toolkit cuts without a sign);
    # a title of several lines (a long one broken between words) has the later ones further in,
    # so that they are not read as choices of their own
    for choice in choices:
        if isinstance(choice.title, str):
            lines = [cut_to(line, _width(io) - 6) for line in choice.title.split("\n")]
            choice.title = ("\n" + " " * (CHOICE_INDENT + HANG)).join(lines)
    to_menu = back is NO_BACK and escape_leaves()
    # the help says what Esc does: back to the menu, or (a list of a command run from the shell)
    # stop it as Ctrl+C does; a caller's `back` gives its own words (Esc answers no, goes on ...)
    stops = back is NO_BACK and not to_menu
    help_text = instruction or t(
        "home.list-help"
        if to_menu
        else "prompt.refused-select-help"
        if stops
        else "prompt.confirm-help"
        if back is False  # a yes-or-no list whose Esc is its no
        else "prompt.select-help"
    )
    message, help_text = question_lines(clean(message), help_text, _width(io), room=0, spaced=False, cut=True)
    # letters typed where a list was asked (text meant for a field) search it: Enter never picks unseen
    texts = [_text(choice.title) for choice in whole]  # searched whole, not cut
    if found_by is not None:  # a function of the value: a choice's value need not be hashable
        texts = [f"{text} {found_by(c.value) or ''}" for text, c in zip(texts, whole, strict=True)]
    keys = [_stop_keys()]
    if back is not NO_BACK:
        keys.append(_back_keys(back))
    elif to_menu:
        keys.append(_leave_keys_to_menu())
    else:
        keys.append(_escape_stops())
    question = searched_list(message, choices, texts, default, help_text, STYLE, keys, **io)
    return _asked_then_echoed(question, message, lambda picked: _title_of(whole, picked))


def stop_help() -> str | None:
    """A command's list's help, saying how to stop it; None from the home screen (Esc goes back there)."""
    return None if escape_leaves() else t("prompt.refused-select-help")


def _title_of(choices: list[Choice], picked) -> str:
    """The title of the choice a menu returned (its value), as the menu showed it."""
    found = next((c for c in choices if c.value is picked), None)
    found = found or next((c for c in choices if c.value == picked), None)
    return _text(found.title if found is not None else "")


def _text(title) -> str:
    """A choice's title as plain text (a title may be styled pieces, or lines broken between words)."""
    text = title if isinstance(title, str) else "".join(piece[1] for piece in title or ())
    return " ".join(text.split("\n"))


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


def _safe_choice(choice: Choice) -> Choice:
    if isinstance(choice.title, str):  # each line of a title of several
        choice.title = "\n".join(clean_name(line) for line in choice.title.split("\n"))
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
    on_back: Callable[[str], None] | None = None,
    **io,
) -> str:
    """A one-line text prompt; `validate` returns a problem, said under the text, which is asked again.

    With `paths`, Tab completes a file or folder name (from the working folder, or ~), as in a shell.

    `refused`: why the `default` (a value given as an option) was refused, said above the field,
    which holds it to correct.

    Esc does what it does in the command's lists (see select): it stops as Ctrl+C does, saying
    what was typed as Ctrl+C does (`interrupted`), and from the home screen the menu then comes
    back (_field_stop_keys); the field's help says how to stop. With `back`, Esc returns that value
    instead of the text (the caller's help says so), `on_back` given the field's text first.

    With `one_line`, a text with a line break or a tab inside it (pasted) is refused so, saying
    what to do: saved, the breaks would be spaces, not the text shown in the field.

    `interrupted` is given the field's text when Esc, Ctrl+C or Ctrl+D leaves it, before the
    interrupt goes on: the caller can say what was typed and not saved.
    """
    if back is NO_BACK:  # Esc stops, as in a list: the help says so
        instruction = _with_stop_help(instruction)
    room = max(TYPING_ROOM, len(clean(default)) + 1)  # a text held in the field is not broken mid-word
    message, instruction = question_lines(
        clean(message), instruction and clean(instruction), _width(io), room=room, spaced=False
    )
    if instruction and message.endswith("\n "):  # the help has a line of its own, and so has the text:
        instruction += "\n "  # typed or given to correct, it ran on after the help's last word
    if one_line:
        validate = _one_line(validate)
    while True:
        question = _text_prompt(message, instruction, default, paths=paths, **io)
        _with_keys(question, _back_keys(back) if back is not NO_BACK else _field_stop_keys())
        if refused is not None:  # said once, above the field
            _say_refused(refused, question.application.output)
            refused = None
        try:
            text = _asked_then_echoed(question, message, str)
        except (KeyboardInterrupt, EOFError, BackToMenu):
            if interrupted is not None:
                interrupted(field_buffer(question.application).text)
            raise
        if text is back and on_back is not None:
            on_back(field_buffer(question.application).text)
        problem = validate(text) if validate is not None and text is not back else None
        if problem is None:
            return text
        _say_refused(problem, question.application.output)
        default = text  # asked again with the text, to correct


def _with_stop_help(instruction: str | None) -> str:
    """A field's help with how to stop (Esc as in a list): '(valgfrit; Esc eller Ctrl+C stopper)'."""
    help_text = t("prompt.stop-help-menu" if escape_leaves() else "prompt.stop-help")
    if not instruction:
        return f"({help_text})"
    return f"{instruction[:-1]}; {help_text})" if instruction.endswith(")") else f"{instruction}; {help_text}"


def _one_line(validate: Callable[[str], str | None] | None) -> Callable[[str], str | None]:
    """`validate`, and then: a line break or a tab inside the text is refused (see ask_text).

    So is a text longer than a follow-up record keeps (followup.MAX_TEXT): once refused only when
    saved, after every field had been typed, and what was typed was lost.
    """

    def check(text: str) -> str | None:
        problem = validate(text) if validate is not None else None
        if problem is None and breaks_a_line(text):
            return t("prompt.one-line", what=breaks_in_words(text))
        if problem is None and too_long(text):
            return t("prompt.too-long", limit=MAX_TEXT, length=_saved_length(text))
        return problem

    return check


def breaks_in_words(*texts: str) -> str:
    """What breaks the one-line texts, in words: 'et linjeskift', 'et tabulatortegn', … ('' when nothing)."""
    key = line_break_key(*texts)
    return t(key) if key else ""


def _saved_length(text: str) -> int:
    return len(" ".join(text.split()))  # as it is saved (plan.check_text)


def too_long(text: str) -> bool:
    """Longer than a one-line field takes (followup.MAX_TEXT), as it would be saved."""
    return _saved_length(text) > MAX_TEXT


def shorten_first(hint: Message | None, *texts: tuple[str, str]) -> Message | None:
    """`hint`, whose command gives each text after its option, saying first which must be shortened.

    A stop in a one-line field gives back what was typed in a command to copy; a text longer
    than the field takes would have that command refused for its length, so the words say so,
    and the text is still given back, to be shortened and not typed again.
    """
    long = [option for option, text in texts if too_long(text)]
    if hint is None or not long:
        return hint
    said = {"options": long, "limit": MAX_TEXT, "hint": hint, "n": len(long)}
    return Message("prompt.again-too-long", said)


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
    question.path_field = paths  # type: ignore[attr-defined]  # ... and keeps no file of a path (_field_text_words)
    keys = [_no_search_keys(), _undo_keys(), _pasted_codes(one_line=True), *([_path_keys()] if paths else [])]
    return _with_keys(question, *keys)
