"""A command in a hint longer than a 60-column terminal: folded between its words, still one line.

A hint's command is kept on one line, so that it is copied whole; longer than the terminal, the
terminal folded it wherever the edge fell, inside a word ('--projekt genoptraening-a' / 'eroe',
polish8). Now spaces fill the row before the word that would reach past the edge, so the
terminal's own fold (no line break in the text) comes between two words, and the next row is
indented. The installed command writes to a pseudo-terminal of 60 columns; a terminal emulator
(pyte) shows the screen, and the stream itself is checked for a line break inside the command.
"""

from __future__ import annotations

import pytest
from terminal import ANSI, done_ok, on_terminal, person, rendered

pytestmark = pytest.mark.e2e

SLUG = "genoptraening-paa-aeroe-og-fanoe"
START = ["--navn", "Genoptræning på Ærø og Fanø", "--rolle", "dele", "--deler", "Ærø Kommune"]


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    env = person(tmp_path, lines=40)
    done_ok(env, "start", *START, "--genbruger", "Fanø Kommune")
    return env


def test_a_next_steps_command_longer_than_the_line_folds_between_its_words(env):
    stream = on_terminal(env, "--projekt", SLUG, "status")

    shown = rendered(stream, 60, 40)
    command = f"spredning fase tjek --rolle dele --projekt {SLUG}"
    at = next(n for n, line in enumerate(shown) if line.strip().startswith("spredning fase tjek"))
    assert shown[at] == "  spredning fase tjek --rolle dele --projekt", shown[at - 1 : at + 2]
    assert shown[at + 1] == f"    {SLUG}", shown[at - 1 : at + 2]  # whole, indented under it
    plain = ANSI.sub("", stream)
    written = plain[plain.index("spredning fase tjek") :].split("\n")[0]
    assert " ".join(written.split()) == command  # one line in the text: copied, it runs as shown


def test_an_errors_example_command_folds_between_its_words_not_inside_a_quoted_name(env):
    stream = on_terminal(env, "start", *START[:2], "--rolle", "genbruge", "--deler", "Vejle Kommune")

    shown = rendered(stream, 60, 40)
    at = next(n for n, line in enumerate(shown) if line.startswith("spredning start"))
    rows = shown[at : at + 3]
    assert all(len(row) <= 60 for row in rows), rows
    assert rows[0] == "spredning start --navn 'Genoptræning på Ærø og Fanø' --rolle", rows
    assert rows[1] == "  genbruge --deler 'Vejle Kommune' --organisation", rows
    assert rows[2] == "  'Ærø Kommune'", rows
    plain = ANSI.sub("", stream)
    written = plain[plain.index("spredning start") :].split("\n")[0]
    assert " ".join(written.split()) == (
        "spredning start --navn 'Genoptræning på Ærø og Fanø' --rolle genbruge --deler 'Vejle Kommune' "
        "--organisation 'Ærø Kommune'"
    )


def test_a_command_after_its_bullet_folds_beside_it_not_under_a_bullet_alone(env):
    """A hint's commands, one per partner after a bullet: a long one was moved to the next row and
    the bullet stood alone on its row above it (trial13); the next row begins in the same column."""
    done_ok(env, "projekt", "genbruger", "Region Midtjylland")
    stream = on_terminal(env, "--projekt", SLUG, "rapport")

    shown = rendered(stream, 60, 40)
    bullets = [n for n, line in enumerate(shown) if line.strip().startswith("•")]
    assert len(bullets) == 2, shown
    for at in bullets:
        assert shown[at].startswith(f"  • spredning --projekt {SLUG}"), shown[at : at + 2]
        assert shown[at + 1].startswith("      "), shown[at : at + 2]  # folded under the command
    plain = ANSI.sub("", stream)
    assert "rapport --partner region-midtjylland" in " ".join(plain.split())
