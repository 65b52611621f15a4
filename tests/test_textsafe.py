"""textsafe.clean: what may reach a terminal from user or file text, and its quick path."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from spredning.core import textsafe
from spredning.core.textsafe import clean, has_unsafe


def full_rule(text: str) -> str:
    """clean() without its quick path: fold carriage returns, then make every unsafe char visible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(textsafe._UNSAFE, textsafe._visible, text)


def test_line_breaks_and_tabs_stay_and_carriage_returns_become_line_breaks():
    assert clean("a\r\nb\rc\td\ne") == "a\nb\nc\td\ne"


def test_control_characters_are_made_visible():
    assert clean("\x1b[2J\x07\x7f") == "␛[2J␇␡"
    assert clean("\x9b") == "<U+009B>"


def test_direction_overrides_and_lone_surrogates_are_made_visible():
    assert clean("abc\u202edef") == "abc<U+202E>def"
    assert clean("x\udcff") == "x\ufffd"


def test_ordinary_text_is_returned_as_it_is():
    text = "Østergård – “citat” 👍 [bold]ikke markup[/bold] :warning:"
    assert clean(text) is text
    assert not has_unsafe(text)


def test_every_character_the_rule_changes_is_unprintable():
    # clean() returns printable text untouched; that is right only if no unsafe character is
    # printable. Checked over every code point of the rule's character class.
    unsafe = re.compile(textsafe._UNSAFE)
    changed = [chr(code) for code in range(0x110000) if unsafe.match(chr(code))]
    assert len(changed) > 2000  # the class really was enumerated (surrogates alone are 2,048)
    assert not [char for char in changed if char.isprintable()]


@given(st.text())
@example("\r")
@example("a\u2028b")
@example("\u00a0\u3000")
def test_the_quick_path_gives_what_the_full_rule_gives(text):
    assert clean(text) == full_rule(text)
    assert has_unsafe(text) == (full_rule(text) != text.replace("\r\n", "\n").replace("\r", "\n"))
