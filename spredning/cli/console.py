"""The one way to the terminal: consoles that cannot pass a control sequence from any text.

Every console the program makes writes through ``SafeStream``. Rich itself only ever writes text,
line breaks and colour codes (SGR, ``ESC [ ... m``); the stream lets exactly those through and
makes every other control character, escape sequence and direction override visible (textsafe),
whichever code path produced the text. So a guide text, a project name or a partner's answer can
never move the cursor, set the window title, write to the clipboard or reorder text, even when a
new message forgets to clean it. When the output is not a terminal, spaces at line ends are
dropped, so piped output diffs cleanly.

The stream also keeps output from failing for reasons that are not the command's: a character
the output's encoding cannot hold is written as '?', and a reader that stops early ('| head') is
no error: the rest of the output goes nowhere and the command ends as it would have. A closed
output (``>&-``) fails like a full disk does: the command fails (code 1), unless its work is done.

A command that changes something (a project made, answers saved, a file written) prints what
follows the work inside ``with after_work(console):``. Output there cannot fail the command: the
work stands, so if the output cannot be written, the rest of it goes nowhere, the command ends
with 0 as it would have, and it says on stderr that the work is done (so nobody runs it again).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import re
import shutil
import stat
import sys
from collections.abc import Iterator
from typing import IO, Any, TextIO

from rich.console import Console
from rich.text import Text

from spredning.core.errors import Message
from spredning.core.textsafe import clean, clean_name
from spredning.i18n import t

_SGR = re.compile(r"(\x1b\[[0-9;]*m)")
# Spaces at a line's end, perhaps before colour codes: one search over all lines of a write.
_TRAILING = re.compile(r" +(?=(?:\x1b\[[0-9;]*m)*$)", re.MULTILINE)


class SafeStream:
    """A text stream that passes rich's colour codes and makes every other control visible."""

    def __init__(self, stream: TextIO | IO[str] | None):
        self.stream: TextIO | IO[str] | ClosedOutput = ClosedOutput() if stream is None else stream
        self.terminal = _isatty(self.stream)
        self.spaces = ""  # spaces held back at the end of a write: dropped if a line break follows
        self.unicode = _is_unicode(self.encoding)
        self.reader_gone = False
        self.work_done = False  # set by after_work(): a failed write no longer fails the command
        self.unseen = False  # a write after the work failed: after_work() says so on stderr

    def write(self, text: str) -> int:
        """Write text with control characters made visible (colour codes kept)."""
        pieces = _SGR.split(text)
        safe = "".join(piece if index % 2 else clean(piece) for index, piece in enumerate(pieces))
        if not self.terminal:
            safe = self._without_trailing_spaces(safe)
        if not self.unicode:  # e.g. PYTHONIOENCODING=ascii: 'ø' becomes '?' instead of an error
            safe = safe.encode(self.encoding, "replace").decode(self.encoding)
        if not self.reader_gone:
            try:
                self.stream.write(safe)
            except OSError as failure:
                self._failed(failure)
        return len(text)

    def _failed(self, failure: OSError) -> None:
        """A write or flush failed: stop writing if the reader left or the work is done, else fail."""
        if isinstance(failure, BrokenPipeError):
            self._stop_writing()
        elif self.work_done:
            self.unseen = True
            self._stop_writing()
        else:
            raise failure

    def _stop_writing(self) -> None:
        """The reader went away ('| head'), or the output failed after the work: the rest goes nowhere.

        The stream's own file descriptor is pointed at the null device, so the text still in its
        buffer, and whatever else writes to it (Python flushing at exit), goes nowhere too.
        """
        self.reader_gone = True
        with contextlib.suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self.stream.fileno())
            os.close(null)
            self.stream.flush()

    def _without_trailing_spaces(self, text: str) -> str:
        """Drop spaces before each line break; spaces at the very end wait for what follows."""
        head, newline, tail = (self.spaces + text).rpartition("\n")
        last = tail.rstrip(" ")
        self.spaces = tail[len(last) :]
        if "\x1b" in head:  # colour codes may follow the spaces
            return _TRAILING.sub("", head) + newline + last
        return "\n".join(line.rstrip(" ") for line in head.split("\n")) + newline + last

    def flush(self) -> None:
        """Flush the underlying stream."""
        if self.reader_gone:
            return
        try:
            self.stream.flush()
        except OSError as failure:
            self._failed(failure)

    def isatty(self) -> bool:
        """Whether the underlying stream is a terminal (rich decides colours and width by it)."""
        return self.terminal

    def fileno(self) -> int:
        """The underlying stream's file descriptor."""
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        """The underlying stream's encoding."""
        return getattr(self.stream, "encoding", "utf-8") or "utf-8"


class ClosedOutput:
    """What sys.stdout or sys.stderr is when the program was started with it closed (``>&-``).

    Python then sets the stream to None; writing to it fails like writing to a closed file does,
    so the command reports a closed output as it reports a full disk.
    """

    encoding = "utf-8"

    def write(self, text: str) -> int:
        """Fail: there is nowhere to write."""
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        """Fail: there is nowhere to write."""
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def isatty(self) -> bool:
        """Not a terminal."""
        return False

    def fileno(self) -> int:
        """Fail: there is no file descriptor."""
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _is_unicode(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _isatty(stream: TextIO | IO[str] | ClosedOutput) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def read_by_a_person(console: Console) -> bool:
    """Whether what the console printed went where a person reads it (vis marks news read by it).

    A terminal (the pager's too) and a pipe ('| less', '| grep') are read; a file ('> svar.txt'),
    the null device and a closed output are not, nor is an output whose reader left before all of it
    was written (a long one to '| head': the rest went nowhere). A reader that leaves after all of
    it reached the pipe cannot be seen: that counts as read (README says so). Where it cannot be told
    (no file descriptor, as in a test's capture), it counts as read, as all output did before.
    """
    stream = console.file
    with contextlib.suppress(OSError, ValueError):
        stream.flush()  # a reader that left shows now
    if getattr(stream, "reader_gone", False):
        return False
    try:
        descriptor = stream.fileno()
        mode = os.fstat(descriptor).st_mode
    except io.UnsupportedOperation:  # a stream in memory: nothing says where it goes
        return True
    except (OSError, ValueError):  # closed
        return False
    if stat.S_ISREG(mode):
        return False
    return not (stat.S_ISCHR(mode) and not os.isatty(descriptor))  # /dev/null, a printer port


def make_console(stderr: bool = False) -> Console:
    """A console that never interprets markup, emoji codes or highlights, and writes safely."""
    stream = sys.stderr if stderr else sys.stdout
    safe: Any = SafeStream(stream)  # a text stream in all but name (rich asks for IO[str])
    console = Console(file=safe, markup=False, emoji=False, highlight=False, stderr=stderr)
    if console.is_dumb_terminal:  # rich lays out TERM=dumb for 80 columns, whatever the window's size
        size = shutil.get_terminal_size((DEFAULT_WIDTH, DEFAULT_HEIGHT))
        console.size = (usable_width(size.columns), size.lines)
    if console.width < MIN_WIDTH:  # else the width is left to rich, which follows the terminal's size
        console.width = usable_width(console.width)
    if console.height <= 0:  # LINES=0
        console.height = DEFAULT_HEIGHT
    return console


DEFAULT_WIDTH = 80  # what rich assumes when a terminal says it has no columns
DEFAULT_HEIGHT = 25
MIN_WIDTH = 20  # narrower, a line of the status has room for barely a word


def usable_width(width: int) -> int:
    """The width to lay out for: 0 or less (COLUMNS=0) is unknown, 80; below 20 columns, 20.

    Every text is laid out to the width, so a width of 0 would print nothing at all.
    """
    return DEFAULT_WIDTH if width <= 0 else max(width, MIN_WIDTH)


def echo(text: str) -> None:
    """Write plain text and a line break to stdout, through the safe stream (help, JSON)."""
    stream = SafeStream(sys.stdout)
    stream.write(text + "\n")
    stream.flush()


# Parameters holding names people compare by eye: zero-width characters are shown there too.
NAME_PARAMS = frozenset(
    {
        "name",
        "names",
        "org",
        "existing",
        "known",
        "receiver",
        "theirs",
        "ours",
        "slug",
        "path",
        "file",
        "home",
        "folder",
        "backup",
        "typed_due",  # a deadline as typed in its one-line field, refused
        "typed_day",  # a day (godkend --dato) as typed, refused
    }
)


def say(key: str, /, style: str = "", **params: object) -> Text:
    """A catalogue message as rich Text; parameters (names, paths, answers) are cleaned first."""
    return Text(
        t(key, **{name: _cleaned(value, name in NAME_PARAMS) for name, value in params.items()}), style=style
    )


def said(message: Message, style: str = "") -> Text:
    """A Message (a key and its parameters, e.g. an error's) as rich Text, cleaned like say()."""
    return say(message.key, style, **message.params)


@contextlib.contextmanager
def after_work(console: Console) -> Iterator[None]:
    """Print what follows a command's work (a project made, answers saved, a file written).

    The work stands whatever happens to this output: if it cannot be written (a full disk, a
    closed output), the rest of it goes nowhere, the command does not fail for it, and at the
    block's end stderr says (once, when it can) that the work is done, so nobody does it twice.
    Output before the work stays outside: if that fails, the command fails before doing anything.
    """
    stream = console.file
    if not isinstance(stream, SafeStream):  # a console on a test's buffer: nothing can fail
        yield
        return
    before, stream.work_done = stream.work_done, True
    try:
        yield
        stream.flush()  # what the output's buffer still holds is part of this output
    finally:
        stream.work_done = before
    if stream.unseen:
        stream.unseen = False
        with contextlib.suppress(OSError):  # stderr may be the full disk too, or closed
            make_console(stderr=True).print(say("error.done-but-not-shown"))


def tell(console: Console, text: Text, soft_wrap: bool = False) -> None:
    """Print the message that ends a command whose work is done (see after_work).

    With soft_wrap the line is not broken (a file's path stays whole, to copy).
    """
    with after_work(console):
        console.print(text, soft_wrap=soft_wrap)


def _cleaned(value: object, name: bool = False) -> object:
    if isinstance(value, os.PathLike):  # a folder or file name the user typed is text like any other
        value = str(value)
    if isinstance(value, str):
        return clean_name(value) if name else clean(value)
    if isinstance(value, Message):  # a nested reason stays a Message, its own parameters cleaned
        return Message(
            value.key, {key: _cleaned(item, key in NAME_PARAMS) for key, item in value.params.items()}
        )
    if isinstance(value, list | tuple):
        return [_cleaned(item, name) for item in value]
    return value


def line(*parts, style: str = "") -> Text:
    """A line built from plain strings or (string, style) pairs, all cleaned."""
    pieces = [(clean(p), "") if isinstance(p, str) else (clean(p[0]), p[1]) for p in parts]
    return Text.assemble(*pieces, style=style)
