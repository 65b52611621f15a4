"""Text laid out by our own plain code where rich's general machinery is slow, with the same result.

Rich measures every character of a text (its width in terminal cells) and builds objects for every
line before it draws a word; for long answers and long lists that is most of a command's time. For
text whose every character takes exactly one cell (the Latin letters Danish and its neighbours
use, digits, common punctuation), widths are just lengths, and the layout is simple enough to do
here with the very rules rich follows. Anything else (East Asian wide characters, emoji, combining
marks, tabs) is left to rich, so it wraps as before. The tests compare both ways on many texts and
widths.

Nothing here parses markup: text becomes rich Segments (rich's console protocol), and everything
still reaches the terminal through the console's SafeStream, which makes control characters
visible.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

Line = list[tuple[str, str]]  # a line of text as pieces of (text, style)

# Characters one terminal cell wide, as rich measures them (a test checks each against rich):
# printable ASCII and Latin-1, Latin Extended-A and -B, the common punctuation of general
# punctuation (dashes, quotes, bullet, ellipsis, per mille), the euro sign, and the block and
# triangle characters of the progress bar and the project list's marker. Not here: soft hyphen,
# the line and paragraph separators and every control character (rich measures them otherwise).
NARROW = frozenset(
    [chr(code) for code in range(0x20, 0x7F)]
    + [chr(code) for code in range(0xA0, 0x250) if code != 0xAD]
    + [chr(code) for code in range(0x2010, 0x2028)]
    + [chr(code) for code in range(0x2030, 0x205F)]
    + ["€", "█", "░", "▶"]
)


class Lines:
    """Lines of styled pieces, drawn as they are: rich's console protocol, yielding Segments.

    A long list as one rich Text (or a Table) is slow: rich measures and wraps every line of it,
    about 0.05 ms per line, most of the time of a list of ten thousand projects. Lines already
    laid out need none of that: each narrow line is handed to the console as it is, unless it is
    wider than the terminal (a very long name); that one, and any line with other characters (a
    wide or a tab), goes to rich as Text and is drawn as it was in one big Text. So every line
    fits, and the console need not crop them again (print them with crop=False).
    """

    def __init__(self, lines: list[Line]):
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment | Text]:
        styles: dict[str, Style | None] = {"": None}
        newline = Segment.line()
        for line in self.lines:
            whole = "".join(text for text, _ in line)
            if len(whole) > options.max_width or not NARROW.issuperset(whole):
                yield Text.assemble(*line)
                continue
            for text, style in line:
                if style not in styles:
                    styles[style] = console.get_style(style)
                yield Segment(text, styles[style])
            yield newline
