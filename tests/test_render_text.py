"""render_text.py: our own layout of narrow text draws exactly what rich draws for the same text.

Each fast path is compared with the rich renderable it stands for (the code it replaced), on
generated texts and widths, with colours on, so a difference in a single space or colour code
fails. Texts with other characters go to rich itself; those are checked too. Tabs are widened to
spaces (tab stops of 8) before anything is measured: the reference is rich's drawing of that text.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from spredning.cli.render_text import NARROW, Hanging, Lines, Paragraph, Plain, columns_of, wrap

WORDS = ["a", "ord", "Ærø", "genoptræning", "–", "“citat”", "x" * 23, "fx.", "1,5", "€", "…", "§"]
SPACES = [" ", " ", " ", "  ", "   ", "\xa0", "\n", "\n\n", " \n "]
STYLES = ["", "bold", "dim", "italic", "bold cyan"]

narrow_text = st.lists(st.sampled_from(WORDS + SPACES), max_size=40).map("".join)
other_text = st.lists(
    st.sampled_from([*WORDS, *SPACES, "日本語", "👍🏽", "e\u0301", "\t", "\u200b"]), max_size=30
).map("".join)


def drawn(renderable, width: int, colours: bool = True, **print_options) -> str:
    """What a terminal `width` columns wide (with colours, or a file without) shows for a renderable."""
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colours,
        color_system="standard" if colours else None,
        legacy_windows=False,
    )
    console.print(renderable, **print_options)
    return console.file.getvalue()


def as_rich_grid(rows, indent: int, style: str) -> Padding:
    """The grid render.hanging() and render.bullets() drew before Hanging."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for prefix, prefix_style, text in rows:
        grid.add_row(Text(prefix, style=prefix_style), Text(text.expandtabs(8), style=style))
    return Padding(grid, (0, 0, 0, indent), expand=False)


def test_narrow_characters_are_one_cell_wide_for_rich():
    assert [char for char in NARROW if cell_len(char) != 1] == []
    assert [char for char in NARROW if unicodedata.category(char).startswith("C")] == []
    assert {char for char in NARROW if char.isspace()} == {" ", "\xa0"}
    assert NARROW.issuperset("Ærø – “genoptræning” … 1,5 € § ½ █░▶")


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(narrow_text, st.text()))
def test_columns_of_a_text_are_richs_cell_len(text):
    """Counted for narrow text (the project list's ten thousand names), measured by rich else."""
    assert columns_of(text) == cell_len(text)


@settings(max_examples=400, deadline=None)
@given(text=narrow_text, width=st.integers(1, 90))
def test_wrap_breaks_lines_where_rich_does(text, width):
    console = Console(file=io.StringIO(), width=width)
    assert wrap(text, width) == [line.plain for line in Text(text).wrap(console, width)]


@pytest.mark.parametrize("width", [1, 2, 3, 7, 20])
def test_wrap_cuts_words_longer_than_the_line_as_rich_does(width):
    for text in ["   " + "x" * 30 + "   y", "a " + "x" * 30, "x" * 30 + "      " + "y" * 9, " " * 40 + "z"]:
        console = Console(file=io.StringIO(), width=width)
        assert wrap(text, width) == [line.plain for line in Text(text).wrap(console, width)], text


@settings(max_examples=300, deadline=None)
@given(
    text=narrow_text | other_text,
    indent=st.integers(0, 8),
    width=st.integers(1, 70),
    style=st.sampled_from(STYLES),
)
def test_a_paragraph_draws_what_rich_draws_for_the_indented_text(text, indent, width, style):
    rich = Padding(Text(text.expandtabs(8), style=style), (0, 0, 0, indent), expand=False)
    assert drawn(Paragraph(text, indent, style), width) == drawn(rich, width)
    console = Console(file=io.StringIO(), width=width)
    options = console.options
    assert Measurement.get(console, options, Paragraph(text, indent, style)) == Measurement.get(
        console, options, rich
    )


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(narrow_text | other_text, min_size=1, max_size=3),
    indent=st.integers(0, 6),
    width=st.integers(10, 90),
)
def test_a_paragraph_in_a_table_cell_draws_what_rich_draws(texts, indent, width):
    """In a cell the text is justified left (padded within its style), as in vis side by side."""

    def table(make):
        grid = Table(show_edge=False, pad_edge=False, expand=True)
        grid.add_column("a", ratio=1, overflow="fold")
        grid.add_column("b", ratio=1, overflow="fold")
        grid.add_row(Group(*(make(text) for text in texts)), Group(*(make(text) for text in reversed(texts))))
        return grid

    ours = table(lambda text: Paragraph(text, indent, "bold"))
    rich = table(
        lambda text: Padding(Text(text.expandtabs(8), style="bold"), (0, 0, 0, indent), expand=False)
    )
    assert drawn(ours, width) == drawn(rich, width)


@settings(max_examples=300, deadline=None)
@given(
    text=narrow_text | other_text,
    width=st.integers(1, 70),
    style=st.sampled_from(STYLES),
    colours=st.booleans(),
    in_cell=st.booleans(),
)
def test_plain_draws_what_rich_draws_for_the_text(text, width, style, colours, in_cell):
    def shown(renderable):
        if not in_cell:
            return renderable
        table = Table(show_edge=False, pad_edge=False, expand=True)
        table.add_column("a", ratio=1, overflow="fold")
        table.add_column("b", ratio=2, overflow="fold")
        table.add_row(renderable, "b")
        return table

    ours, rich = Plain(text, style), Text(text.expandtabs(8), style=style)
    assert drawn(shown(ours), width, colours) == drawn(shown(rich), width, colours)
    console = Console(file=io.StringIO(), width=width)
    assert Measurement.get(console, console.options, ours) == Measurement.get(console, console.options, rich)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["•", "1.", "12.", "[3/12]", "日"]),
            st.sampled_from(["bold", "dim", ""]),
            # a line indented by spaces hangs its later lines further in (test below), as rich does not
            (narrow_text | other_text).map(
                lambda text: "\n".join(line.lstrip(" \t") for line in text.split("\n"))
            ),
        ),
        max_size=4,
    ),
    indent=st.integers(0, 8),
    width=st.integers(1, 80),
    style=st.sampled_from(STYLES),
)
def test_hanging_rows_draw_what_rich_draws_for_the_grid(rows, indent, width, style):
    ours = Hanging(rows, indent, style)
    rich = as_rich_grid(rows, indent, style)
    assert drawn(ours, width) == drawn(rich, width)
    console = Console(file=io.StringIO(), width=width)
    assert Measurement.get(console, console.options, ours) == Measurement.get(console, console.options, rich)


@settings(max_examples=300, deadline=None)
@given(
    label=st.sampled_from(["was: ", "var: ", "nu: "]),
    value=narrow_text.map(lambda text: " ".join(text.split())),
    lead=st.integers(1, 6),
    width=st.integers(12, 80),
)
def test_a_labelled_line_under_a_bullet_wraps_its_value_further_in_than_the_label(label, value, lead, width):
    """'  was: …' under a bullet's first line: its later lines started at the text's left edge,
    left of 'was:' (layout11); now they start HANG further in than the label, and no word is lost."""
    from spredning.cli.render_text import HANG, hung

    line = " " * lead + label + value
    lines = hung(f"Hvad er formålet?\n{line}", width)

    at = next(n for n, shown in enumerate(lines) if shown.startswith(" " * lead + label.strip()))
    assert all(shown.startswith(" " * (lead + HANG)) for shown in lines[at + 1 :]), lines
    assert all(len(shown) <= width for shown in lines), lines
    assert "".join("".join(lines[at:]).split()) == "".join(line.split())  # a word too long for a line: cut


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
    colours=st.booleans(),
)
def test_lines_draw_what_one_rich_text_of_them_draws(lines, width, colours):
    one_text = Text("\n").join(Text.assemble(*line) for line in lines)
    assert drawn(Lines(lines), width, colours, crop=False) == drawn(one_text, width, colours)


TABLE = "Navn\tAntal\tBemærkning\nHjemmepleje\t12\tgod effekt"
TABLE_SHOWN = ["Navn    Antal   Bemærkning", "Hjemmepleje     12      god effekt"]


@pytest.mark.parametrize("width", [40, 80, 200])
def test_a_pasted_table_keeps_its_rows_with_cells_at_tab_stops_of_8(width):
    for renderable in (Paragraph(TABLE, 3), Plain(TABLE), Hanging([("•", "dim", TABLE)], 2)):
        lines = [line.strip(" •") for line in drawn(renderable, width, colours=False).splitlines()]
        assert lines == TABLE_SHOWN, renderable
    lines = drawn(Hanging([("•", "dim", Text(TABLE))], 2), width, colours=False).splitlines()
    assert [line.strip(" •") for line in lines] == TABLE_SHOWN


def test_a_tab_in_a_one_line_summary_is_one_space():
    from spredning.cli.render_text import one_line

    assert one_line("Navn\tAntal\t\tBemærkning") == "Navn Antal  Bemærkning"


def test_user_text_is_never_markup_and_stays_one_line_per_line():
    text = "[bold]fed[/bold] og :warning: [link=https://x.example]klik[/link]"
    shown = drawn(Paragraph(text, 2), 200)
    assert re.sub(r"\x1b\[[0-9;]*m", "", shown) == f"  {text}\n"
    assert drawn(Hanging([("•", "dim", text)], 0), 200).count("[bold]fed[/bold]") == 1


# -- a message with a command in it: broken between words, never inside the command ----------------

COMMANDS = ["'spredning start'", "'spredning importer FIL'.", "('spredning fase tjek --rolle genbruge')"]
MESSAGE_PIECES = [*WORDS, *COMMANDS, "/en/lang/sti/" * 4, " ", " ", "  ", "\n", "\n  "]
message_text = st.lists(st.sampled_from(MESSAGE_PIECES), min_size=1, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=message_text, width=st.integers(10, 90))
def test_a_message_keeps_each_command_on_one_line_and_every_word(text, width):
    from spredning.cli.render_text import commands_whole

    label = Text("Fejl: ", style="bold red")
    shown = commands_whole(label + Text(text, style="yellow"), width, "spredning")
    lines = shown.plain.split("\n")
    # every character, in order; the message's own line breaks too
    assert "".join(shown.plain.split()) == "".join(("Fejl: " + text).split())
    assert len(lines) >= len(text.split("\n"))
    for command in COMMANDS:  # each command whole on one line, as often as it was written
        assert sum(line.count(command.strip("(.)")) for line in lines) == text.count(command.strip("(.)"))
    words = text.split()
    for line in lines:  # only a command or one word (a path), with what is glued to it, is too long
        word = line.strip()
        for command in COMMANDS:
            word = word.replace(command.strip("(.)"), "x")
        assert cell_len(line) <= width or (" " not in word and (word != line.strip() or word in words)), line
    assert shown.get_style_at_offset(Console(), 0) == Style.parse("bold red")


def test_a_message_without_commands_wraps_as_rich_would_but_keeps_a_long_path_whole():
    """Rich folds a word longer than the line with line breaks in it: a path copied from there is broken."""
    from spredning.cli.render_text import commands_whole

    path = "/en/meget/lang/sti/til/en/fil/der/ikke/kan/brydes/mellem/ord.yaml"
    before = "Der er intet projekt i mappen endnu, og ingen partner har sendt en fil:"
    text = Text(f"{before} {path} er ikke et projekt.", style="yellow")
    for width in (20, 33, 41):
        console = Console(file=io.StringIO(), width=width)
        wrapped = [line.plain.rstrip() for line in Text(before, style="yellow").wrap(console, width)]
        assert commands_whole(text, width, "spredning").plain.split("\n") == [
            *wrapped,
            path,
            *[line.plain.rstrip() for line in Text("er ikke et projekt.").wrap(console, width)],
        ]
    console = Console(file=io.StringIO(), width=80)
    assert commands_whole(text, 80, "spredning").plain.split("\n") == [
        line.plain.rstrip() for line in text.wrap(console, 80)
    ]


@pytest.mark.parametrize("width", [30, 50, 80])
def test_a_command_that_ends_a_line_after_a_colon_stays_whole_with_its_own_quotes(width):
    from spredning.cli.render_text import commands_whole

    command = "spredning start --navn 'Genoptræning i hjemmet' --rolle genbruge --genbruger 'Ærø Kommune'"
    text = Text(f"Angiv dem som tilvalg, fx: {command}\nEller kør den i en terminal.", style="yellow")

    lines = commands_whole(text, width, "spredning").plain.split("\n")

    assert command in lines  # on a line of its own, whole, however narrow
    assert lines[-1] == "Eller kør den i en terminal." or width < 30
    assert all(cell_len(line) <= width for line in lines if line != command)


@pytest.mark.parametrize("width", [30, 50, 80])
def test_a_command_in_other_quotes_for_its_own_apostrophe_stays_whole(width):
    """A command with a quoted folder in it is put in “...” (i18n.quoted_command): kept whole as '...' is."""
    from spredning.cli.render_text import commands_whole

    command = "“spredning --hjem '/tmp/Mine projekter' projekt gendan test-1”"
    text = Text(f"Vil I have projektet tilbage, så skriv {command}. Intet andet er ændret.")

    lines = commands_whole(text, width, "spredning").plain.split("\n")

    assert any(command in line for line in lines), lines
