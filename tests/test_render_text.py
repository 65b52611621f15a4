"""render_text.py: our own layout of narrow text draws exactly what rich draws for the same text.

Each fast path is compared with the rich renderable it stands for (the code it replaced), on
generated texts and widths, with colours on, so a difference in a single space or colour code
fails. Texts with other characters go to rich itself; those are checked too.
"""

from __future__ import annotations

import io
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from spredning.cli.render_text import NARROW, Lines

WORDS = ["a", "ord", "Ærø", "genoptræning", "–", "“citat”", "x" * 23, "fx.", "1,5", "€", "…", "§"]
SPACES = [" ", " ", " ", "  ", "   ", "\xa0", "\n", "\n\n", " \n "]
STYLES = ["", "bold", "dim", "italic", "bold cyan"]

narrow_text = st.lists(st.sampled_from(WORDS + SPACES), max_size=40).map("".join)
other_text = st.lists(
    st.sampled_from([*WORDS, *SPACES, "日本語", "👍🏽", "e\u0301", "\t", "\u200b"]), max_size=30
).map("".join)


def drawn(renderable, width: int, **print_options) -> str:
    """What a colour terminal `width` columns wide shows for a renderable."""
    console = Console(
        file=io.StringIO(), width=width, force_terminal=True, color_system="standard", legacy_windows=False
    )
    console.print(renderable, **print_options)
    return console.file.getvalue()


def test_narrow_characters_are_one_cell_wide_for_rich():
    assert [char for char in NARROW if cell_len(char) != 1] == []
    assert [char for char in NARROW if unicodedata.category(char).startswith("C")] == []
    assert {char for char in NARROW if char.isspace()} == {" ", "\xa0"}
    assert NARROW.issuperset("Ærø – “genoptræning” … 1,5 € § ½ █░▶")


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.lists(st.tuples(narrow_text | other_text, st.sampled_from(STYLES)), max_size=4).map(
            lambda line: [(text.replace("\n", " "), style) for text, style in line]
        ),
        min_size=1,
        max_size=6,
    ),
    width=st.integers(1, 60),
)
def test_lines_draw_what_one_rich_text_of_them_draws(lines, width):
    one_text = Text("\n").join(Text.assemble(*line) for line in lines)
    assert drawn(Lines(lines), width, crop=False) == drawn(one_text, width)
