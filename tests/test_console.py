"""console.py: the safe stream every console writes through."""

from __future__ import annotations

import io

from spredning.cli.console import SafeStream


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def written(*writes: str, terminal: bool = False) -> str:
    stream = Terminal() if terminal else io.StringIO()
    safe = SafeStream(stream)
    for text in writes:
        safe.write(text)
    return stream.getvalue()


def test_spaces_at_line_ends_are_dropped_when_piped_even_before_colour_codes():
    text = "ord   \n\x1b[2mdæmpet  \x1b[0m\nmidt  i  linjen\n  indrykket\n\n"
    assert written(text) == "ord\n\x1b[2mdæmpet\x1b[0m\nmidt  i  linjen\n  indrykket\n\n"


def test_spaces_at_the_end_of_a_write_wait_for_what_follows():
    assert written("a  ", "  \n", "b ", "c  ") == "a\nb c"
    assert written("a  ", "\x1b[0m\n") == "a\x1b[0m\n"


def test_a_terminal_gets_every_space():
    assert written("ord   \n  x  ", terminal=True) == "ord   \n  x  "


def test_control_characters_are_made_visible_and_colour_codes_pass():
    text = "\x1b[1mfed\x1b[0m \x1b]0;titel\x07 \x1b[2J\r\n"
    assert written(text) == "\x1b[1mfed\x1b[0m ␛]0;titel␇ ␛[2J\n"


def test_spaces_at_line_ends_are_dropped_from_text_without_colour_codes():
    """Text without colour codes takes a plainer path; it must drop exactly the same spaces."""
    text = "ord   \nmidt  i  linjen  \n  indrykket \n\n\xa0hård\xa0 \nslut  "
    assert written(text, "\n") == "ord\nmidt  i  linjen\n  indrykket\n\n\xa0hård\xa0\nslut\n"
    assert written(text, "\n") == written(text.replace("\n", "\x1b[0m\n", 1), "\n").replace("\x1b[0m", "", 1)
