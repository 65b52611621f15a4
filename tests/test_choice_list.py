"""Letters typed in a list search it (prompts.choice_list), as every select() shows it.

From a user trial: at the colour list of 'spredning klarhed VÆRKTØJ', 'rød' typed and Enter picked
Grøn, the choice highlighted before any typing. The lists are driven here with real keystrokes
in a terminal (an xterm's codes, played on an emulated screen).
"""

from __future__ import annotations

import io
import threading
import time

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output
from questionary import Choice
from terminal import BACKSPACE, DOWN, ENTER, rendered

from spredning import i18n
from spredning.cli.prompts.simple import select

ESC = "\x1b"
ROWS = 30
WAIT = 10  # seconds a later batch of keys waits for the screen to show what it waits for
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # a bracketed paste, as terminals send it
CURSOR_ROW = "\x1b[1;1R"  # the terminal's answer to where its cursor is: the prompt may fill the screen below


def colours() -> list[Choice]:
    return [Choice("Grøn – vi er klar", "grøn"), Choice("Gul", "gul"), Choice("Rød – vi er ikke klar", "rød")]


class Screen(io.StringIO):
    """An xterm `width` columns wide: what it shows after each drawing of the prompt (each flush)."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self.width = width
        self.drawn: list[list[str]] = []

    def flush(self) -> None:
        self.drawn.append(rendered(self.getvalue(), self.width, ROWS))

    def isatty(self) -> bool:  # a terminal that tells where its cursor is, as most do (CURSOR_ROW)
        return True

    def showing(self, text: str) -> list[str] | None:
        """The last drawing that shows `text`, if one has."""
        return next((lines for lines in reversed(self.drawn) if any(text in line for line in lines)), None)


def ask(choices, keys: str, then: tuple[str, str] | None = None, width: int = 80, **options):
    """select() over `choices` with `keys` typed; with `then` (text, more keys), the more keys are
    typed once the screen shows the text. What select gave (or the exception), and the screen."""
    screen = Screen(width)
    output = Vt100_Output(screen, lambda: Size(rows=ROWS, columns=width), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text(CURSOR_ROW + keys)

        def later() -> None:
            deadline = time.monotonic() + WAIT
            try:
                while then and not screen.showing(then[0]) and time.monotonic() < deadline:
                    time.sleep(0.01)
                pipe.send_text(then[1] if then else "")
            finally:  # the input ends, so a list that waits for more keys fails with EOFError
                pipe.close()

        typing = threading.Thread(target=later, daemon=True)
        typing.start()
        try:
            picked = select("Hvor klar er I?", choices, input=pipe, output=output, **options)
        except (EOFError, KeyboardInterrupt) as stop:
            picked = stop
        typing.join()
    return picked, screen


@pytest.mark.parametrize("typed", ["rød", "RØD", "rod", "roed", "Rød – vi", "ikke klar", "klar rød"])
def test_what_is_typed_finds_the_choice_as_a_danish_user_types_it(typed):
    assert ask(colours(), typed + ENTER)[0] == "rød"


def test_a_paste_searches_as_typed_text_does():
    # it went into the prompt's own line instead, after the help, looking like an answer; Enter then
    # picked Grøn; a line break in it is a space between words
    assert ask(colours(), PASTE_START + "ikke\nklar" + PASTE_END + ENTER)[0] == "rød"


def test_enter_picks_nothing_when_nothing_holds_the_text_and_the_list_says_why():
    picked, screen = ask(colours(), "rødx" + ENTER, then=("Intet valg passer", BACKSPACE + ENTER))

    assert picked == "rød"  # Enter picked nothing; Backspace took the x back, and Enter picked Rød
    shown = screen.showing("Intet valg passer")
    assert shown is not None
    # right under the question (and its help, a line of its own), the search under it (not at the
    # screen's foot, ROWS lines down)
    none = "   Intet valg passer til det skrevne; Enter vælger intet."
    assert shown[1] == "  " + i18n.t("prompt.refused-select-help"), shown  # Esc stops: it says so
    assert shown[2:] == [none, "", "  Søger: rødx (Backspace retter, Esc tømmer)"]


def test_the_search_is_said_in_english_too():
    i18n.set_language("en")

    picked, screen = ask(colours(), "x" + ENTER, then=("No choice matches", BACKSPACE + ENTER))

    assert picked == "grøn"
    shown = screen.showing("No choice matches")
    assert shown is not None and "  Search: x (Backspace corrects, Esc clears)" in shown


def test_the_arrow_keys_move_among_the_choices_found_and_an_emptied_search_is_the_list_as_it_began():
    assert ask(colours(), "klar" + DOWN + ENTER)[0] == "rød"  # Grøn and Rød hold 'klar'
    # 'g' finds Grøn and Gul, Down goes to Gul; Backspace empties the search: back at Rød, not at the top
    assert ask(colours(), "g" + DOWN + BACKSPACE + ENTER, default="rød")[0] == "rød"
    assert ask(colours(), " " + ENTER, default="gul")[0] == "gul"  # a space alone searches for nothing


def test_the_whole_text_is_searched_not_the_line_cut_to_fit_the_terminal():
    long = "Et valg med en meget lang tekst, der ikke kan stå på én linje, og til sidst et ord: ålegræs"
    choices = [Choice("Kort", 1), Choice(long, 2)]

    assert ask(choices, "alegræs" + ENTER, width=50)[0] == 2


def test_a_long_search_shows_its_end_within_sixty_columns():
    typed = "workshop med alle de genbrugende kommuner i regionen"

    picked, screen = ask(colours(), typed, then=(typed[-8:], ""), width=60)

    assert isinstance(picked, EOFError)  # nothing holds it; the input ended
    shown = screen.showing(typed[-8:])
    assert shown is not None and all(len(line) <= 60 for line in shown), shown
    assert shown[-1].startswith("  Søger: …") and shown[-1].endswith(
        f"{typed[-12:]} (Backspace retter, Esc tømmer)"
    )


def test_a_help_line_as_wide_as_the_terminal_leaves_no_blank_line_under_it():
    # a user trial at 60 columns ('spredning klarhed VÆRKTØJ' on a copy with no side): the help's
    # line filled the terminal, the cursor after it went on to the next line, and a blank line
    # stood between the help and the list (and its search)
    help_text = "(vælg med piletasterne og Enter; Esc eller Ctrl+C stopper)"  # that list's help then
    assert len("  " + help_text) == 60
    last = help_text.split()[-1]

    _, listed = ask(colours(), "", then=("Gul", ""), width=60, instruction=help_text)
    _, searched = ask(colours(), "x", then=("x (Backspace", ""), width=60, instruction=help_text)

    for lines in (listed.showing("Gul"), searched.showing("x (Backspace")):
        assert lines is not None
        at = next(n for n, line in enumerate(lines) if line.endswith(last))
        assert lines[at + 1].strip(), lines  # the list (or why it is empty) right under the help
        assert all(len(line) < 60 for line in lines[: at + 1]), lines


def test_esc_while_searching_empties_the_search_and_a_second_esc_leaves():
    # a user trial: Esc left the list at once with a search typed, where the user meant to take it back
    picked, screen = ask(colours(), "g" + DOWN + ESC + ENTER, default="rød")

    assert picked == "rød"  # the whole list again, pointing where it began, not at Gul
    assert not any("Søger" in line for line in screen.showing("Grøn") or [])  # its line is gone
    stopped, _ = ask(colours(), "g" + ESC + ESC + ENTER)
    assert isinstance(stopped, KeyboardInterrupt)  # the second Esc stops, as Esc did before
    # so in a list with a way back (the home screen's lists): the first Esc empties, the second goes back
    assert ask(colours(), "g" + ESC + ENTER, back="tilbage")[0] == "grøn"
    assert ask(colours(), "g" + ESC + ESC + ENTER, back="tilbage")[0] == "tilbage"


@pytest.mark.parametrize(
    ("language", "second"), [("da", "  Esc eller Ctrl+C stopper)"), ("en", "  Esc or Ctrl+C stops)")]
)
def test_the_help_says_typing_searches_and_breaks_between_its_parts_at_sixty_columns(language, second):
    # broken between words only, 'Esc' ended one line and 'eller Ctrl+C stopper)' began the next
    i18n.set_language(language)

    _, screen = ask(
        colours(), "", then=("Gul", ""), width=60, instruction=i18n.t("prompt.refused-select-help")
    )

    shown = screen.showing("Gul")
    assert shown is not None and shown[2] == second, shown
    assert shown[1].endswith(("skriv for at søge;", "type to search;")), shown
