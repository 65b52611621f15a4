"""Esc in the answer field: followed by Enter it saves (Alt+Enter); followed by any other key, that key.

Found in stop 49's trial: prompt_toolkit took Esc and the key after it as one of its Alt commands,
with nothing on the screen to say so: "hjælp", Esc, "til borgerne" became "hjælpil borgerne";
Esc and Backspace deleted the word before; Esc and "b" moved the cursor back a word, so what was
typed next went into the middle of the text; Esc and "u" made a word upper case. A person presses
Esc to get out of something, so it is pressed by accident. The installed command, keystrokes.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, start_sharing
from terminal import BACKSPACE, CTRL_C, ESC_ENTER
from test_exchange_e2e import finish, spawn

pytestmark = pytest.mark.e2e

ESC = "\x1b"


def saved_after(tmp_path, keys: list[str], save: str = ESC_ENTER) -> str:
    """Type `keys` (each sent on its own, as a person types) in the first question, then `save`; its text."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path))
    child = spawn(odense, "fase", "tjek", "--rolle", "dele")
    child.expect_exact("Hvad er formålet?")
    child.expect_exact("Svar:")
    for key in keys:
        child.send(key)
    child.send(save)
    child.expect_exact("Hvad går løsningen ud på?")
    child.send(CTRL_C)
    code, shown = finish(child)
    assert code == 130, shown
    return odense.texts()[D1]


@pytest.mark.parametrize(
    ("keys", "text"),
    [
        (["Vi har brug for mere hjælp ", ESC, "til borgerne"], "Vi har brug for mere hjælp til borgerne"),
        (["Mere hjælp", ESC, BACKSPACE, "!"], "Mere hjæl!"),  # one character, not the word
        (["Glade borgere", ESC, "b", " og"], "Glade borgereb og"),  # the cursor stayed at the end
        (["mere hjælp", ESC, "u"], "mere hjælpu"),  # no word in upper case
        (["Vi", ESC, "5", "x"], "Vi5x"),  # no count: not five x'es
        (["Tekst", ESC, ESC, "."], "Tekst."),
    ],
    ids=["letter", "backspace", "word-back", "upper-case", "count", "twice"],
)
def test_esc_then_a_key_is_that_key(tmp_path, keys, text):
    assert saved_after(tmp_path, keys) == text


def test_esc_then_enter_still_saves_and_enter_alone_makes_a_new_line(tmp_path):
    typed = ["Første linje", "\r", "anden linje", ESC]
    assert saved_after(tmp_path, typed, save="\r") == "Første linje\nanden linje"
