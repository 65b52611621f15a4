"""Tables that stay readable in a narrow terminal: a table where every word fits, else a list.

A rich table squeezed below its natural width cuts a cell to 'Oden…' or splits a word over four
lines ('Sund / heds / chef / en'); names then cannot be told apart. So a table is drawn only
where each column is at least as wide as its longest word; in a narrower terminal the same
content is shown as a list, whose lines wrap between words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.text import Text

SEPARATOR = 3  # what a table without edges puts between two columns: ' │ '


def longest_word(*texts: str | Text) -> int:
    """The width of the longest word (run of non-blanks) in the texts, in terminal cells."""
    words = (word for text in texts for word in (text.plain if isinstance(text, Text) else text).split())
    return max((cell_len(word) for word in words), default=0)


def table_width(columns: Iterable[int]) -> int:
    """The width a table without edges needs for columns of these widths."""
    widths = list(columns)
    return sum(widths) + SEPARATOR * max(len(widths) - 1, 0)


class TableOrList:
    """`table` where the terminal is at least `needs` cells wide, else the list `narrow(width)` draws.

    `table` may be a function of the width too (a table whose column widths are set for it).
    """

    def __init__(
        self,
        table: RenderableType | Callable[[int], RenderableType],
        narrow: Callable[[int], RenderableType],
        needs: int,
    ):
        self.table, self.narrow, self.needs = table, narrow, needs

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        """The table or the list, as the width where it is drawn allows."""
        width = options.max_width
        if width < self.needs:
            yield self.narrow(width)
        else:
            yield self.table(width) if callable(self.table) else self.table


def shared_out(room: int, least: list[int], most: list[int]) -> list[int]:
    """Widths for columns that wrap, in `room` cells: each at least its longest word (`least`).

    What is left is given in turn to the columns still narrower than their longest line (`most`),
    so a column gets no more than it can use. Rich shrinks the widest column first, below its
    longest word if need be; set as a column's width, these keep every word whole.
    """
    widths = list(least)
    left = room - sum(widths)
    while left > 0 and any(w < m for w, m in zip(widths, most, strict=True)):
        for number, (width, top) in enumerate(zip(widths, most, strict=True)):
            if left and width < top:
                widths[number] += 1
                left -= 1
    return widths


def packed(parts: list[Text], separator: str, width: int) -> Text:
    """Short parts ('Tjek 0/20') joined by `separator`, a line broken only between two parts.

    A part is never split, so a phase's name stays with its count; a part wider than `width` gets
    a line of its own (and wraps there as any text does).
    """
    result, used = Text(), 0
    mark = cell_len(separator.rstrip())  # a line that goes on ends with the separator's mark
    for number, part in enumerate(parts):
        size = cell_len(part.plain) + (mark if number + 1 < len(parts) else 0)
        if number and used + cell_len(separator) + size > width:
            result.append(separator.rstrip() + "\n")
            used = 0
        elif number:
            result.append(separator)
            used += cell_len(separator)
        result.append_text(part)
        used += cell_len(part.plain)
    return result
