"""The list every select() shows: letters typed in it search its choices, as users of polished tools expect.

Typed where a list was asked, text meant for a field ('rød' at the colour list) once moved nothing,
and Enter then picked the choice highlighted before any typing: a choice the user never made.
Now what is typed narrows the list to the choices that hold its words, shown under the list with how to
correct it (Backspace; Esc empties it); Enter picks the choice highlighted among those, and when nothing holds
the text, the list says so and Enter picks nothing.

questionary's own search (use_search_filter) is not enough: it takes only the ASCII letters
('rød' searched for 'rd'), and when nothing matched it showed the whole list again and Enter
picked its first choice, as before. So the list is built here from questionary's parts (its
InquirerControl and layout): the same list, with a search that takes every letter, forgives case,
accents and Danish letters typed another way ('rod' or 'roed' for 'Rød'), searches the whole
texts (a line cut with '…' too) and picks nothing when nothing matches.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.filters import Condition, to_filter
from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from questionary import Choice, Question
from questionary.prompts.common import InquirerControl, create_inquirer_layout
from questionary.styles import merge_styles_default

from spredning.cli.render_text import cut_to
from spredning.core.model import fold_name
from spredning.i18n import t


def _forms(text: str) -> tuple[str, str, str]:
    """The ways a text is compared: as written, Danish letters as 'oe', 'ae', 'aa', and as one letter.

    Case and accents never count. Each form of what was typed is looked for in the same form of a
    choice: 'e' finds 'Poesi' (as written), 'roed' finds 'Rød' (fold_name), and 'rod' finds it too
    (one letter: ø as o, æ as ae, å as a).
    """
    written = " ".join(text.split()).casefold()
    one_letter = unicodedata.normalize("NFKD", written.replace("ø", "o").replace("æ", "ae"))
    return written, fold_name(text), "".join(c for c in one_letter if not unicodedata.combining(c))


class _SearchedList(InquirerControl):
    """questionary's list whose filtered_choices are the choices holding what was typed (see _forms).

    As questionary's, it keeps the whole list behind when nothing matches (its keys need a list
    to move in); then the list shows why nothing is there, and Enter picks nothing (searched_list).
    """

    def __init__(self, choices: list[Choice], texts: Sequence[str], default) -> None:
        super().__init__(choices, default, use_indicator=False, initial_choice=default)
        self.forms = [_forms(text) for text in texts]  # the whole texts, not the lines cut to fit
        self.start = self.pointed_at  # where the list begins, and is back at once the search is emptied
        self.listed = self.text  # questionary's drawing of the list
        self.text = self.drawn

    def drawn(self) -> StyleAndTextTuples:
        """The list as questionary draws it, or in its place why nothing is there (none_lines)."""
        return self.none_lines() if self.nothing_found() else to_formatted_text(self.listed)

    def found(self) -> list[Choice]:
        """The choices holding every word typed, in any order ('høst gen' finds 'Høst … genbruge')."""
        words = [_forms(word) for word in (self.search_filter or "").split()]
        return [
            choice
            for choice, forms in zip(self.choices, self.forms, strict=True)
            if all(any(part in form for part, form in zip(word, forms, strict=True)) for word in words)
        ]

    @property
    def filtered_choices(self) -> list[Choice]:
        found = self.found()
        self.found_in_search = bool(found)
        return found or self.choices

    def nothing_found(self) -> bool:
        return bool(self.search_filter) and not self.found()

    def add_search_character(self, char) -> None:
        """A letter typed, or Backspace; emptied (or only spaces), the search leaves the list as it began."""
        super().add_search_character(char)
        if not (self.search_filter or "").strip():
            self.clear_search()

    def clear_search(self) -> None:
        """The search emptied (Backspace to its start, or Esc): the whole list, pointing where it began."""
        self.search_filter = None
        self.pointed_at = self.start

    def none_lines(self) -> StyleAndTextTuples:
        """In the list's place when nothing holds the text: why, and that Enter picks nothing."""
        lines = textwrap.wrap(t("prompt.list-none"), max(20, get_app().output.get_size().columns - 4))
        return [("class:notice", "".join(f"   {line}\n" for line in lines).rstrip("\n"))]

    def get_search_string_tokens(self):
        """The line under the list while searching: what was typed, and how to correct it."""
        if self.search_filter is None:
            return None
        said = t("prompt.list-search", text=self.search_filter)
        room = get_app().output.get_size().columns - 3
        if len(said) > room:  # a long search shows its end, where the typing is
            said = t("prompt.list-search", text="…" + self.search_filter[len(said) - room + 1 :])
        return [("", "\n"), ("class:instruction", "  " + cut_to(said, room))]


def searched_list(
    message: str,
    choices: list[Choice],
    texts: Sequence[str],
    default,
    instruction: str,
    style,
    keys: Sequence[KeyBindings] = (),
    **io,
) -> Question:
    """A list prompt as questionary.select makes it (its pointer, style and keys), searched as typed.

    `keys`: the caller's (Esc's among them); while a search is typed, Esc empties it first (_clear_keys).
    """
    found = _SearchedList(choices, texts, default)

    def question_tokens():  # as questionary.select's: the help while asked, the choice once answered
        said = (
            ("class:answer", found.get_pointed_at().title)
            if found.is_answered
            else ("class:instruction", instruction)
        )
        return [("class:qmark", "?"), ("class:question", f" {message} "), said]

    layout = create_inquirer_layout(found, question_tokens, **io)
    for window in layout.find_all_windows():  # the search's line right under the list, not at the
        if window.content is found:  # screen's foot (where a terminal that tells the cursor's row puts it)
            window.dont_extend_height = to_filter(True)
    style = merge_styles_default([style])
    every = merge_key_bindings([_list_keys(found), _search_keys(found), *keys, _clear_keys(found)])
    return Question(Application(layout=layout, key_bindings=every, style=style, **io))


def _list_keys(found: _SearchedList) -> KeyBindings:
    """questionary.select's keys: the arrows, Ctrl+N and Ctrl+P move; Enter picks; Ctrl+C stops.

    Enter while nothing holds the text searched for picks nothing: the list says so (none_lines).
    """
    bindings = KeyBindings()

    @bindings.add(Keys.ControlC, eager=True)
    @bindings.add(Keys.ControlQ, eager=True)
    def _stop(event) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add(Keys.Up, eager=True)
    @bindings.add(Keys.ControlP, eager=True)
    def _up(event) -> None:
        found.select_previous()

    @bindings.add(Keys.Down, eager=True)
    @bindings.add(Keys.ControlN, eager=True)
    def _down(event) -> None:
        found.select_next()

    @bindings.add(Keys.Enter, eager=True)
    def _pick(event) -> None:
        if not found.nothing_found():
            found.is_answered = True
            event.app.exit(result=found.get_pointed_at().value)

    return bindings


def _search_keys(found: _SearchedList) -> KeyBindings:
    """Every letter typed (æ, ø and å too) or pasted goes to the search; Backspace takes one back.

    Keys that are no letters (control keys, Home, F1) are let go, as before.
    """
    bindings = KeyBindings()

    @bindings.add(Keys.Backspace, eager=True)
    def _back(event) -> None:
        found.add_search_character(Keys.Backspace)

    @bindings.add(Keys.Any)
    def _letter(event) -> None:
        if event.data.isprintable():
            found.add_search_character(event.data)

    @bindings.add(Keys.BracketedPaste, eager=True)  # else it went unseen into the prompt's line
    def _pasted(event) -> None:
        for char in " ".join(event.data.split()):  # searched as if typed, its line breaks as spaces
            if char.isprintable():
                found.add_search_character(char)

    return bindings


def _clear_keys(found: _SearchedList) -> KeyBindings:
    """Esc while a search is typed empties it: the whole list again, as it began; a second Esc leaves.

    It left the list at once, with what was typed, where a user meant only to take the search back.
    Last of the list's keys, so it comes before the caller's Esc (prompt_toolkit takes the last).
    """
    bindings = KeyBindings()

    @bindings.add("escape", eager=True, filter=Condition(lambda: found.search_filter is not None))
    def _clear(event) -> None:
        found.clear_search()

    return bindings
