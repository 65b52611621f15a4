"""Enter and Tab in a multi-line answer field: what a user types is what is saved.

Found in a trial: Enter after an indented line started the next line with the same indentation
(prompt_toolkit copies the line's margin), so blank space the user never typed went into the answer,
and Tab did nothing visible (it asks for completions, and the field has none). Now Enter starts a
line at its beginning, as in Notepad or a mail program, and Tab puts blank space up to the next
stop of four, on the screen and in the answer. A paste is kept exactly as pasted, as before.
"""

from __future__ import annotations

import pytest
from test_prompter import ENTER, ESC_ENTER, PASTE_END, PASTE_START, asking, term, terminal

from spredning.core.interview import Save

__all__ = ["term", "terminal"]  # fixtures, used by name

TAB = "\t"  # the key, as a terminal sends it


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        # an indented line, Enter, the next line: it starts where the user starts it
        (
            "Punkter:" + ENTER + "  - første" + ENTER + "anden linje" + ESC_ENTER,
            "Punkter:\n  - første\nanden linje",
        ),
        ("    indrykket" + ENTER + "ikke" + ESC_ENTER, "    indrykket\nikke"),
        # Tab: blank space to the next stop of four, wherever the cursor is in its line
        ("Punkter:" + ENTER + TAB + "- under" + ESC_ENTER, "Punkter:\n    - under"),
        ("ab" + TAB + "c" + ESC_ENTER, "ab  c"),
        (
            "Liste:" + ENTER + TAB + TAB + "dybt" + ENTER + TAB + "mindre" + ESC_ENTER,
            "Liste:\n        dybt\n    mindre",
        ),
        # a paste keeps its own indentation and tabs (a spreadsheet's row), as before
        (PASTE_START + "Navn\tAntal\r\n  Ærø\t3" + PASTE_END + ESC_ENTER, "Navn\tAntal\n  Ærø\t3"),
    ],
)
def test_enter_starts_a_line_at_its_beginning_and_tab_indents(term, keys, answer):
    term.type(keys)

    assert term.prompter.ask(asking(term, 1)) == Save(answer)
