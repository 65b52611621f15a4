"""report/mdtext.py: user text in Markdown shows exactly what was typed, with as few backslashes as possible.

The reference is a CommonMark renderer (markdown-it-py): what it shows for the escaped text, token by
token, must be the typed text; lines typed as "- " or "* " must be list items.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from report_reading import expected_markdown, markdown_parser, markdown_quotes

from spredning.report.mdtext import block, inline_text


def shown(text: str) -> list[tuple[str, str]]:
    """What a CommonMark reader shows for a text put in a report's answer quote."""
    lines = block(text) or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    quotes = markdown_quotes(quoted)
    return quotes[0] if quotes else []


@pytest.mark.parametrize(
    "text",
    [
        "Nord & Co <A/S>",
        "Øst_Kommune og snake_case_navn",
        "2 * 3 = 6 og 5 % rabat",
        "a < b > c og <3",
        "Spørgsmål? Ja! (måske) - eller ej; 10:30",
        "https://example.dk/side?id=1&x=2_y",
        "ca. 1.000 kr.",
    ],
)
def test_plain_text_needs_no_backslash(text):
    assert block(text) == [
        text.replace("https://example.dk/side?id=1&x=2_y", "<https://example.dk/side?id=1&x=2_y>")
    ]
    assert shown(text) == [("p", text)]


@pytest.mark.parametrize(
    "text",
    [
        "# ikke en overskrift",
        "*ikke fed* og _ikke kursiv_ og **heller ikke**",
        "`ikke kode`",
        "[ikke et link](http://x) og ![ikke et billede](y.png)",
        "<script>alert(1)</script>",
        "<div>",
        "<!-- ikke en kommentar -->",
        "&amp; &lt; &#65; &#x41;",
        "1. ikke en nummereret liste",
        "2) heller ikke",
        "> ikke et citat",
        "---",
        "***",
        "===",
        "+ ikke et punkt",
        "~~ikke streget over~~",
        "tekst\n===",
        "tekst\n--",
        "[ref]: http://x",
        "slut\\",
        "\\*",
        "    indrykket, ikke kode",
        "```\nikke kode\n```",
        "| a | b |\n|---|---|\n| c | d |",
        "<http://x>",
        "mail <a@b.dk>",
    ],
)
def test_markup_is_shown_as_typed(text):
    assert shown(text) == expected_markdown(text)


def test_typed_lists_become_lists_and_keep_their_text():
    text = "Formål:\n- i gang\n- gøre det fleksibelt\n  og billigt\n* spare kørsel\n\nDet lykkedes"
    assert shown(text) == [
        ("p", "Formål:"),
        ("li", "i gang"),
        ("li", "gøre det fleksibelt\nog billigt"),
        ("li", "spare kørsel"),
        ("p", "Det lykkedes"),
    ]


def test_a_url_is_an_autolink_without_backslashes():
    assert inline_text("Se https://x.dk/_a_?b=1&c=2.") == "Se <https://x.dk/_a_?b=1&c=2>."


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("[link=https://x.dk]klik her[/link]", "https://x.dk"),
        ("(se [https://x.dk/a])", "https://x.dk/a"),
        ("https://x.dk/liste[1]/side", "https://x.dk/liste[1]/side"),
    ],
)
def test_a_url_ends_at_a_bracket_it_did_not_open(text, link):
    # the link goes where the URL goes, not on into the text after its closing bracket
    assert f"<{link}>" in inline_text(text)
    assert shown(text) == expected_markdown(text)


_ALPHABET = st.sampled_from(
    [*"ab Æø*_`[]()<>&#;\\-+=!|~.:/1)\t", "\n", "\n\n", "- ", "* ", "1. ", "http://x.dk/", "<a>", "&amp;"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
@example("a\n- b\nc")
@example("*a\n*")
@example("_a_b\n\n_")
@example("\\http://x.dk/")
@example("[http://x.dk/]a[/b]")
def test_any_text_is_shown_as_typed(text):
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    assert shown(text) == expected_markdown(text)


def _depths(text: str) -> list[int]:
    """How deep each list item of a text stands in the report (0: a list of its own, 1: inside an item)."""
    tokens = markdown_parser().parse("\n".join(block(text)))
    depth, depths = 0, []
    for token in tokens:
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "list_item_open":
            depths.append(depth - 1)
    return depths


@pytest.mark.parametrize(
    ("text", "depths"),
    [
        # trial6: three items indented alike by a tab (pasted from a document) stood 0, 1 and 2 deep
        ("Behov:\n\t- borgerne\n\t- politisk\n\t- organisationen", [0, 0, 0]),
        ("    - a\n    - b", [0, 0]),
        ("- a\n  - b\n  - c\n- d", [0, 1, 1, 0]),
        ("- a\n\t- b\n\t\t- c\n\t- d\n- e", [0, 1, 2, 1, 0]),
        ("\t- a\n- b\n\t- c", [0, 0, 1]),
    ],
)
def test_list_items_indented_alike_stand_alike(text, depths):
    assert _depths(text) == depths
