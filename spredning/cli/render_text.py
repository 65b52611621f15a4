"""Text laid out by our own plain code where rich's general machinery is slow, with the same result.

Rich measures every character of a text (its width in terminal cells) and builds objects for every
line before it draws a word; for long answers and long lists that is most of a command's time. For
text whose every character takes exactly one cell (the Latin letters Danish and its neighbours
use, digits, common punctuation), widths are just lengths, and the layout is simple enough to do
here with the very rules rich follows. Anything else (East Asian wide characters, emoji, combining
marks) is left to rich, so it wraps as before. The tests compare both ways on many texts and
widths.

Tabs are widened to spaces (``spaced``) before any of that: rich measures a tab as one cell and
widens it only after wrapping, so a row pasted from a spreadsheet was broken after each cell.

Nothing here parses markup: text becomes rich Segments (rich's console protocol), and everything
still reaches the terminal through the console's SafeStream, which makes control characters
visible.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from spredning.core.errors import Message
from spredning.core.model import Answer
from spredning.core.textsafe import clean, clean_name
from spredning.i18n import COMMAND_QUOTES

Commands = str | Sequence[str] | None  # words kept whole on one line: none, one or several

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


def columns_of(text: str) -> int:
    """The terminal cells `text` takes, as rich's cell_len measures it.

    Counted, not measured, when every character is one cell wide: a list of ten thousand names
    measures each one.
    """
    return len(text) if NARROW.issuperset(text) else cell_len(text)


TAB_SIZE = 8  # the one tab size of the program: the terminal's and rich's, and the answer field's


def spaced(text: str) -> str:
    """Text with each tab widened to spaces up to the next stop (every TAB_SIZE cells of its line).

    So the cells of a row pasted from a spreadsheet line up, and a text is measured and wrapped
    as it will be drawn. Only for showing: what is saved keeps its tabs.
    """
    return text.expandtabs(TAB_SIZE) if "\t" in text else text


def spaced_text(text: Text) -> Text:
    """`spaced` for rich Text (a copy; its styles kept)."""
    if "\t" not in text.plain:
        return text
    text = text.copy()
    text.expand_tabs(TAB_SIZE)
    return text


def one_line(text: str) -> str:
    """Text for a one-line summary: each tab one space, as a line break is (tab stops widen unevenly)."""
    return text.replace("\t", " ")


class AsTyped:
    """A user's text to copy, drawn as typed: its tabs stay tabs and long lines are not broken.

    Pasted back into a spreadsheet, a row must still be cells with tabs between them; rich would
    widen each tab to spaces. Control characters are made visible (tabs and line breaks stay).
    Print it with soft_wrap=True: the terminal folds a long line, and copied it is still one.
    """

    def __init__(self, text: str):
        self.text = clean(text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        yield Segment(self.text + "\n")


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
            if console.color_system is None:  # no colours, no attributes: styles draw nothing
                yield Segment(whole + "\n")
                continue
            for text, style in line:
                if style not in styles:
                    styles[style] = console.get_style(style)
                yield Segment(text, styles[style])
            yield newline


_SPACE = re.compile(r"\s")
_NON_SPACE = re.compile(r"\S")
_NARROW_LINES = NARROW | {"\n"}
HANG = 2  # how much further in a wrapped line starts than its first (a menu's title, a label's value)


def wrap(text: str, width: int) -> list[str]:
    """The lines of narrow text wrapped at `width` cells, broken exactly where rich breaks them.

    Greedy: a word goes on the line while it fits (spaces after it may stick out and are cut at
    the edge), else it starts the next line; a word longer than a whole line is cut into pieces
    of `width`. Line breaks in the text are kept.
    """
    lines: list[str] = []
    for line in text.split("\n"):
        breaks = _breaks(line, width)
        # Only spaces can stick out past the edge: they are cut there.
        ends = zip([0, *breaks], [*breaks, len(line)], strict=True)
        lines.extend(line[start:end][:width] for start, end in ends)
    return lines


def hung(text: str, width: int) -> list[str]:
    """Lines as wrap breaks them, but a line indented by spaces keeps its later lines further in.

    A label under a bullet's first line ('  was: …') has its wrapped lines HANG further in than
    itself, not back at the text's left edge, left of its label.
    """
    lines: list[str] = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        lead = len(line) - len(body)
        if not lead or width - lead - HANG < 1:
            lines.extend(wrap(line, width))
            continue
        breaks = _breaks(body, width - lead)
        end = breaks[0] if breaks else len(body)
        lines.append(" " * lead + body[:end][: width - lead])  # spaces past the edge are cut, as in wrap
        if end < len(body):
            lines.extend(" " * (lead + HANG) + rest for rest in wrap(body[end:], width - lead - HANG))
    return lines


def _breaks(line: str, width: int) -> list[int]:
    """Where to break one line of narrow text (the offsets of the new lines' first characters).

    A word is its characters with the spaces after it; the line's first word also has the
    spaces before it. A word fits while its last character is within `width` of the start of
    the line, so each line ends before the first word that reaches past the edge: that word
    starts the next line, or, when it is longer than a whole line, it is cut into pieces of
    `width` characters (spaces after it included), the last of which starts the next line.
    """
    breaks: list[int] = []
    lead = len(line) - len(line.lstrip())  # the first word's spaces before it
    last = len(line.rstrip())  # after the last word's last character
    begin = 0  # where the current line starts
    while last > begin + width:
        edge = begin + width  # the first position past the edge
        if line[edge].isspace():  # the next word starts after these spaces
            start = _find(_NON_SPACE, line, edge)
        else:  # the word reaching over the edge starts after the last space before it
            start = max(line.rfind(" ", begin, edge), line.rfind("\xa0", begin, edge)) + 1 or begin
        if start <= lead:
            start = 0
        end = _find(_SPACE, line, max(start, lead))  # after the word's last character
        if end - start <= width:
            breaks.append(start)
            begin = start
            continue
        pieces = range(start, _find(_NON_SPACE, line, end), width)  # a long word, cut
        breaks.extend(piece for piece in pieces if piece)
        begin = pieces[-1]
    return breaks


def _find(pattern: re.Pattern[str], line: str, position: int) -> int:
    """Where pattern first matches in line from position on; the line's length if nowhere."""
    found = pattern.search(line, position)
    return found.start() if found else len(line)


class Paragraph:
    """User or guide text, wrapped and indented: what ``Padding(Text(text, style), indent)`` draws.

    Rich costs about 0.6 ms per KiB of text for that (it measures each character and builds a
    Text per line); for narrow text ``wrap`` gives the same lines at a fraction. Text with any
    other character is drawn by rich itself. Lines are padded with spaces to the width of the
    longest, as rich's Padding pads them.
    """

    def __init__(self, text: str, indent: int = 0, style: str = ""):
        self.text = spaced(text)
        self.indent = indent
        self.style = style
        self.narrow = _NARROW_LINES.issuperset(self.text)

    def _by_rich(self) -> Padding:
        return Padding(Text(self.text, style=self.style), (0, 0, 0, self.indent), expand=False)

    def _measure_text(self, max_width: int) -> Measurement:
        """What rich measures for the Text: its longest word and its longest line."""
        longest = max(map(len, self.text.splitlines()), default=0)
        measured = Measurement(max(map(len, self.text.split()), default=longest), longest)
        measured = measured.normalize().with_maximum(max_width)
        return measured.normalize() if measured.maximum >= 1 else Measurement(0, 0)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if not self.narrow:
            return Measurement.get(console, options, self._by_rich())
        max_width = options.max_width
        if max_width - self.indent < 1:
            return Measurement(max_width, max_width)
        text = self._measure_text(max_width)
        return Measurement(text.minimum + self.indent, text.maximum + self.indent).with_maximum(max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment | Padding]:
        width = min(self._measure_text(options.max_width).maximum + self.indent, options.max_width)
        inner = width - self.indent
        justify = options.justify or "default"  # "left" (in a table's cell) pads within the style
        plain_options = justify in ("default", "left") and options.overflow in (None, "fold")
        if not self.narrow or inner < 1 or not plain_options or options.no_wrap:
            yield self._by_rich()
            return
        style = console.get_style(self.style) if self.style else None
        left = " " * self.indent
        lines = wrap(self.text, inner)
        if style is None:  # one segment for all lines: the console has one piece to pass on
            yield Segment("".join(f"{left}{line}{' ' * (inner - len(line))}\n" for line in lines))
            return
        for line in lines:
            pad = " " * (inner - len(line))
            if justify == "left":
                yield from (Segment(left), Segment(line + pad, style), Segment("\n"))
            else:
                yield from (Segment(left), Segment(line, style), Segment(pad + "\n"))


class Hanging:
    """Texts each after a prefix ('3.', '•'), wrapped lines aligned under the text, indented.

    What rich draws for a grid of two columns (the prefixes, then the texts, one space between)
    in ``Padding(grid, indent)``: the text column is as wide as the longest text line, or what is
    left of the width; every line is padded to it. Rich builds and measures a table for that,
    about 0.1 ms a grid; for narrow texts this draws the same lines directly. Rows with other
    characters, rich Text or too little room are drawn by rich. One difference: a line of a
    narrow text indented by spaces ('  was: …') wraps further in than itself (hung), where rich
    would go back to the text's left edge.
    """

    def __init__(self, rows: list[tuple[str, str, str | Text]], indent: int = 0, style: str = ""):
        # (prefix, its style, text)
        self.rows = [
            (prefix, prefix_style, spaced(text) if isinstance(text, str) else spaced_text(text))
            for prefix, prefix_style, text in rows
        ]
        self.indent = indent
        self.style = style
        self.prefix_width = max((len(prefix) for prefix, _, _ in rows), default=0)
        self.narrow = bool(rows) and all(
            isinstance(text, str) and NARROW.issuperset(prefix) and _NARROW_LINES.issuperset(text) and prefix
            for prefix, _, text in self.rows
        )

    def _by_rich(self) -> Padding:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for prefix, prefix_style, text in self.rows:
            grid.add_row(
                Text(prefix, style=prefix_style),
                Text(text, style=self.style) if isinstance(text, str) else text,
            )
        return Padding(grid, (0, 0, 0, self.indent), expand=False)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._by_rich())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment | Padding]:
        first = self.prefix_width + 1  # the prefix column and the space after it
        longest = max((len(line) for _, _, text in self.rows for line in str(text).split("\n")), default=0)
        room = options.max_width - self.indent - first
        if not self.narrow or longest < 1 or room < 1:
            yield self._by_rich()
            return
        width = min(longest, room)
        get_style = console.get_style
        style = get_style(self.style) if self.style else None
        left = Segment(" " * self.indent) if self.indent else None
        for prefix, prefix_style, text in self.rows:
            # Cells are justified left: padded to their column's width within their style.
            lead = [
                Segment(prefix.ljust(self.prefix_width), get_style(prefix_style) if prefix_style else None),
                Segment(" "),
            ]
            for line in hung(str(text), width):
                if left:
                    yield left
                yield from lead
                yield Segment(line + " " * (width - len(line)), style)
                yield Segment("\n")
                lead = [Segment(" " * first)]


class Plain:
    """A paragraph of guide text as it is: what rich draws for ``Text(text, style)`` on its own.

    Unlike Paragraph, no box: lines are as long as their words (padded to the width only in a
    table's cell, where text is justified left).
    """

    def __init__(self, text: str, style: str = ""):
        self.text = spaced(text)
        self.style = style
        self.narrow = _NARROW_LINES.issuperset(self.text)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, Text(self.text, style=self.style))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment | Text]:
        width = options.max_width
        justify = options.justify or "default"
        plain_options = justify in ("default", "left") and options.overflow in (None, "fold")
        if not self.narrow or width < 1 or not plain_options or options.no_wrap:
            yield Text(self.text, style=self.style)
            return
        style = console.get_style(self.style) if self.style else None
        for line in wrap(self.text, width):
            yield Segment(line + " " * (width - len(line)) if justify == "left" else line, style)
            yield Segment("\n")


# -- lines that keep one word whole (a command, a file's path) ----------------------------------


def fitted(text: str, command: Commands, width: int, first: str = "", rest: str = "") -> list[str]:
    """Text in lines of at most `width` cells, broken between words and never inside `command`.

    `first` starts the first line and `rest` the others (a bullet and its hanging indent). The
    command, with what is glued to it (a quote, a full stop), is one unbreakable word.
    """
    lines: list[str] = []
    line, fresh = first, True
    for word in _words(text, command):
        if not fresh and cell_len(line) + 1 + cell_len(word) > width:
            lines.append(line)
            line, fresh = rest, True
        line += word if fresh else " " + word
        fresh = False
    lines.append(line)
    return lines


def _words(text: str, command: Commands) -> list[str]:
    """The text's words; each command, with what is glued to it (a quote, a full stop), is one word."""
    commands = [command] if isinstance(command, str) else [c for c in command or () if c]
    found = [(text.index(c), c) for c in commands if c in text]
    if not found:
        return text.split()
    at, first = min(found)
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at + len(first))
    end = len(text) if end < 0 else end
    rest = [c for c in commands if c != first]
    return [*text[:start].split(), text[start:end], *_words(text[end:], rest)]


def fitted_text(
    text: str, command: Commands, width: int, style: str = "", first="", rest="", fold: bool = False
) -> Text:
    """`fitted` as rich Text (cleaned), for printing with soft_wrap=True.

    `fold`: for a terminal, a command longer than its line is laid out to fold between its words
    (see folded).
    """
    lines = fitted(text, command, width, first, rest)
    if fold:
        lines = [folded(line, command, width) for line in lines]
    return Text(clean("\n".join(lines)), style=style)


def print_fitted(console, text: str, command: Commands, style: str = "", first="", rest="  ") -> None:
    """A line with a command in it, wrapped between words and never inside the command."""
    fold = console.is_terminal
    console.print(fitted_text(text, command, console.width, style, first, rest, fold), soft_wrap=True)


FOLD_INDENT = "  "  # a command's later rows, folded by the terminal, start this much further in


def folded(line: str, command: Commands, width: int) -> str:
    """A line whose command is longer than the terminal, laid out so the terminal folds it between words.

    The command stays one line, to be copied whole: no line break goes into it. Where a word of it
    would reach past the edge, spaces fill the row to its end and a few more start the next, so
    the terminal's own folding (a soft wrap) comes between two words, not inside one. A shell
    reads the extra spaces between two words as one. Only a command's own words are moved (never
    a path or words in quotes); a single word longer than a row is still folded where it must.
    """
    from spredning.i18n import bare_program

    if cell_len(line) <= width:
        return line
    commands = [command] if isinstance(command, str) else [c for c in command or () if c]
    found = next((c for c in commands if c.startswith(bare_program() + " ") and c in line), None)
    if found is None:
        return line
    at = line.index(found)
    lead = len(line) - len(line.lstrip(" "))
    spans = [(a + at, b + at) for a, b in shell_word_spans(found)]
    spans[0], spans[-1] = (0, spans[0][1]), (spans[-1][0], len(line))  # with what is glued to it
    if len(spans) == 1:
        spans = [(0, len(line))]
    return "".join(fold_between(line, spans, width, " " * lead + FOLD_INDENT)[0])


def fold_between(
    line, spans: list[tuple[int, int]], width: int, indent: str, column: int = 0
) -> tuple[list, int]:
    """The pieces of `line` (a str or a rich Text) at `spans`, with what goes between them.

    A space, or where the next piece would reach past the edge, spaces to the row's end and then
    `indent` (see folded). The first piece starts at `column` of its row; the column after the
    last piece is returned with them.
    """
    plain = line if isinstance(line, str) else line.plain
    out: list = []
    for number, (start, end) in enumerate(spans):
        size = cell_len(plain[start:end])
        if number and column + 1 + size > width:
            out.append(" " * (width - column) + indent)  # fills the row: the terminal folds here
            column = len(indent)
        elif number:
            out.append(" ")
            column += 1
        out.append(line[start:end])
        column = (column + size) % width if column + size > width else column + size
    return out, column


def _inside_quotes(plain: str):
    """A command's span without the catalogue's quotes around it ('spredning … --ny'): else one shell word."""

    def inside(span: tuple[int, int]) -> tuple[int, int]:
        begin, stop = span
        quoted = any(
            plain.startswith(first, begin) and plain.endswith(last, 0, stop) for first, last in COMMAND_QUOTES
        )
        return (begin + 1, stop - 1) if quoted and stop - begin > 1 else span

    return inside


_SHELL_WORD = re.compile(r"""(?:\$'(?:\\.|[^'\\])*'|'[^']*'|"(?:\\.|[^"\\])*"|\\.|[^\s'"\\])+""")


def shell_word_spans(command: str) -> list[tuple[int, int]]:
    """Where a shell splits a command into words: at blanks outside quotes ('…', "…", $'…')."""
    return [found.span() for found in _SHELL_WORD.finditer(command)]


def print_said(console, text: Text, command: Commands) -> None:
    """A catalogue message (console.say: cleaned and styled) with commands in it, each kept whole."""
    print_fitted(console, text.plain, command, str(text.style), rest="")


def print_whole(console, text: Text) -> None:
    """A message whose commands the catalogue writes itself ('{prog} guide tjek'), each kept whole."""
    from spredning.i18n import bare_program

    shown = commands_whole(text, console.width, bare_program(), console.is_terminal)
    console.print(shown, soft_wrap=True)


def commands_whole(text: Text, width: int, program: str, fold: bool = False) -> Text:
    """A message in lines of at most `width` cells, broken between words but never inside a command.

    A command begins with the program's name and is either quoted ('spredning fase tjek --rolle
    dele') or ends its line after a colon or a bullet ("Fx: spredning start --navn 'Ærø'": its own
    quotes are its arguments'). It stays on one line, as the user must type it, even when that line is then
    longer than the terminal (the terminal folds it; copied, it is still one line); with `fold`
    (a terminal), between its words (see folded). Any other word longer than a line (a path) is
    kept whole on a line of its own, for the same reason. The message's own line breaks, its
    lines' indents (a bullet's later lines under its text) and its styles (the red 'Fejl:') are
    kept. Print the result with soft_wrap=True, so rich does not break it again.
    """
    plain = text.plain
    quoted = "|".join(  # in the catalogue's quotes, or in others when it holds an apostrophe
        f"{re.escape(first)}{re.escape(program)}[^{re.escape(last)}\n]*{re.escape(last)}"
        for first, last in COMMAND_QUOTES
    )
    after_colon = f"(?<=: |• ){re.escape(program)} [^\n]*"  # to the end of its line (or a bullet's)
    commands = [found.span() for found in re.finditer(f"{after_colon}|{quoted}", plain)]
    result = Text(end=text.end)
    start_of_line = 0
    for number, line in enumerate(plain.split("\n")):
        if number:
            result.append("\n")
        first = " " * (len(line) - len(line.lstrip(" ")))
        result.append(first)
        used = len(first)
        bullet = line.lstrip(" ").startswith("• ")
        indent = first + ("  " if bullet else "")  # a bullet's text hangs
        for index, (start, end) in enumerate(_word_spans(line, start_of_line, commands)):
            size = cell_len(plain[start:end])
            inside = [(begin, stop) for begin, stop in commands if begin < end and start < stop]
            # a command after its bullet folds there: the next row would begin in the same column
            beside_bullet = fold and bullet and index == 1 and bool(inside)
            if index and used + 1 + size > width and not beside_bullet:
                result.append("\n" + indent)
                used = len(indent)
            elif index:
                result.append(" ")
                used += 1
            used = _placed(result, text, (start, end), used, indent, width, inside, fold)
        start_of_line += len(line) + 1
    return result


def _placed(result: Text, text: Text, span, used: int, indent: str, width: int, inside, fold: bool) -> int:
    """Append the word at `span` of `text` to `result` at column `used`; the column after it.

    A command (`inside`: the commands it is part of) is whole, folded between its words with
    `fold`; any other word longer than a line (a path, a web address) is whole too, on a line of its
    own, so it is copied whole: only the terminal folds it.
    """
    start, end = span
    plain = text.plain
    size = cell_len(plain[start:end])
    if fold and inside and used + size > width:  # a command longer than its row
        pieces, used = fold_between(
            text[start:end], _command_pieces(plain, span, inside), width, indent + FOLD_INDENT, used
        )
        for piece in pieces:
            result.append(piece)
        return used
    result.append_text(text[start:end])
    if size <= max(1, width - len(indent)) or inside:
        return used + size
    return width  # a word longer than a line (a path) is whole, alone on its line: the next one starts anew


def _command_pieces(
    plain: str, span: tuple[int, int], commands: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The shell words of the commands in `span` of plain, relative to its start; glued characters stay on."""
    start, end = span
    spans = [
        (begin + a - start, begin + b - start)
        for begin, stop in map(_inside_quotes(plain), commands)
        for a, b in shell_word_spans(plain[begin:stop])
    ]
    if not spans:
        return [(0, end - start)]
    spans[0], spans[-1] = (0, spans[0][1]), (spans[-1][0], end - start)
    return spans


def _word_spans(line: str, offset: int, commands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a line's words are in the whole text; a command and what is glued to it is one word."""
    spans: list[tuple[int, int]] = []
    for found in re.finditer(r"\S+", line):
        start, end = found.start() + offset, found.end() + offset
        if spans and any(begin < spans[-1][1] < stop for begin, stop in commands):  # inside a command
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def cut_to(text: str, width: int) -> str:
    """One menu line: cut with '…' when it would not fit the terminal (counted in columns)."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    return chop_cells(text, max(1, width - 1))[0].rstrip() + "…"


def fitted_lines(forms: Sequence[Sequence[str]], names: Sequence[str], width: int) -> list[str]:
    """A list's lines in the first form in which every line fits `width` columns.

    When none does, the last form's lines too long are cut in the middle of the name each begins
    with, not at their end: what follows the name (a count, a time) is what tells two lines of a
    name apart, and a name's end ('Gammelt (2)') what tells two names apart.
    """
    for lines in forms:
        if all(cell_len(" ".join(line.split())) <= width for line in lines):
            return [" ".join(line.split()) for line in lines]
    return [_cut_name(line, name, width) for line, name in zip(forms[-1], names, strict=True)]


def restore_lines(every: list, width: int) -> list[str]:
    """Removed projects (project_restore.Kept) as a list to bring one back shows them in `width` columns.

    As 'projekt gendan' words them (choices: two of a name told apart by the time); in a narrow
    terminal the short form, with the count first and the date in figures (fitted_lines).
    """
    from spredning.app.project_restore import choices

    names = [clean_name(k.name) for k in every]
    return fitted_lines((choices(every), choices(every, short=True)), names, width)


def _cut_name(line: str, name: str, width: int) -> str:
    line, name = " ".join(line.split()), " ".join(name.split())
    rest = line[len(name) :]
    room = width - cell_len(rest)
    if cell_len(line) <= width or not line.startswith(name) or room < 2:
        return cut_to(line, width)
    return cut_middle(name, room) + rest


def cut_middle(text: str, width: int) -> str:
    """A name cut to `width` columns in its middle ('genoptraening…kommune (1).yaml').

    File names alike but for their end (a second download's ' (1)', a worksheet's phase) stay apart,
    as a cut at the end would make them read the same.
    """
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    room = max(1, width - 1)
    tail = room // 2
    end = text
    while cell_len(end) > tail:
        end = end[1:]
    head = chop_cells(text, max(1, room - cell_len(end)))[0]
    return head + "…" + end


LINE_MARK = "¶"  # a line break in a one-line excerpt (as Word shows it), so a changed line shows


def flattened(text: str) -> str:
    """Text on one line, each line break shown as ¶ and runs of blank space as one space."""
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return f" {LINE_MARK} ".join(lines)


def cut_pair(first: str, second: str, width: int) -> tuple[str, str]:
    """Two texts flattened and cut to `width`, each showing where they differ.

    Cut from the start, two long texts that differ only late (or in a later line) read the same;
    then both show the same window around their first difference ('… linje 2 rettet …').
    """
    first, second = flattened(first), flattened(second)
    cut = cut_to(first, width), cut_to(second, width)
    if cut[0] != cut[1] or first == second:
        return cut
    same = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), None)
    differs = min(len(first), len(second)) if same is None else same
    start = max(0, differs - width // 3)
    space = first.rfind(" ", 0, start + 1)
    if space > differs - width // 2:  # begin at a word where one is near ('… linje 2 rettet')
        start = space
    return _window(first, start, width), _window(second, start, width)


def _window(text: str, start: int, width: int) -> str:
    return "…" + text[start] + cut_to(text[start + 1 :], width - 2) if start else cut_to(text, width)


EXCERPT = 60  # columns of a text in a list of answers replaced (or to be): one line of each


def answer_excerpt(answer: Answer, text: str | None = None, width: int = EXCERPT) -> str | Message:
    """One line of an answer's text (control characters shown, cut with '…'), or its mark and reason.

    For lists of what a saved answer was and what replaces it (fase --svar, importer): the text is
    data, shown as it is, never read as markup. `text`: the line already made (see answer_pair).
    No text at all is said so, not left a blank that reads as text lost.
    """
    if text is None:
        text = cut_to(one_line(clean(answer.text)), width)
    if answer.not_relevant:
        return (
            Message("answer.not-relevant-because", {"reason": text})
            if text
            else Message("answer.not-relevant")
        )
    if not text.strip() and not answer.text.strip():  # removed (a worksheet's field emptied), or none
        return Message("answer.none-shown")
    return text


def answer_pair(was: Answer, now: Answer, width: int = EXCERPT) -> tuple[str | Message, str | Message]:
    """A line of what an answer was and of what replaces it, each showing where the two differ.

    For every list of saved answers replaced (fase --svar, importer): two long texts that differ
    only late both show the same window around the difference (cut_pair), line breaks as ¶.
    """
    first, second = cut_pair(clean(was.text), clean(now.text), width)
    return answer_excerpt(was, first), answer_excerpt(now, second)
