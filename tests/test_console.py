"""console.py: the safe stream every console writes through."""

from __future__ import annotations

import errno
import io
import os

import pytest
from rich.console import Console
from rich.text import Text

from spredning.cli.console import SafeStream, after_work, tell
from spredning.core.errors import SpredningError
from spredning.i18n import t


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


class Failing(io.StringIO):
    """An output whose every write fails: a full disk (ENOSPC), or a reader gone (EPIPE)."""

    def __init__(self, error: int = errno.ENOSPC):
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise (BrokenPipeError if self.error == errno.EPIPE else OSError)(self.error, os.strerror(self.error))


def console_on(stream: io.StringIO) -> Console:
    return Console(file=SafeStream(stream), markup=False, emoji=False, highlight=False)


def told(capsys) -> str:
    return " ".join(capsys.readouterr().err.split())


def test_output_that_fails_before_the_work_fails_the_command(capsys):
    with pytest.raises(OSError):
        console_on(Failing()).print("Vil du importere?")
    assert told(capsys) == ""


def test_output_after_the_work_that_fails_goes_nowhere_and_stderr_says_once_that_the_work_is_done(capsys):
    console = console_on(Failing())
    with after_work(console):
        console.print("Projektet er oprettet")
        tell(console, Text("Næste skridt"))  # a block inside the block: said once all the same
        console.print("Filen er ...")
    console.print("what follows goes nowhere too")
    assert told(capsys) == t("error.done-but-not-shown")


def test_work_that_fails_after_its_output_failed_is_not_said_to_be_done(capsys):
    console = console_on(Failing())
    with pytest.raises(SpredningError), after_work(console):
        console.print("Siden er husket")
        raise SpredningError("answers.unreadable", path="svar.yaml", reason="x")
    assert told(capsys) == ""


def test_a_reader_gone_after_the_work_is_no_news(capsys):
    console = console_on(Failing(errno.EPIPE))
    with after_work(console):
        console.print("Projektet er oprettet")
    assert told(capsys) == ""
