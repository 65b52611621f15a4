"""Every stop is said in the same words: 'Stoppet.' (Ctrl+C, Ctrl+D, the Stop choice) and 'Stoppet udefra.'.

A phase left with Ctrl+C said "Afbrudt. Dine svar er gemt: …", the same phase left with its Stop
choice (on the command line or from the home screen's menu) "Stoppet: … er besvaret"; a stop from
outside said "Stoppet udefra." away from a prompt and "Programmet blev stoppet udefra." at one.
English said "Stopped." for all of them. Now the Danish says what the English says, and each keeps
what tells the user that nothing saved is lost; the exit codes (130, 143, 129) are unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from homekit import CTRL_C, DOWN, ENTER
from projectkit import new_project

FIRST = "tjek.beskriv-innovationen.genbruge.interessant"
CATALOGUES = Path(__file__).parent.parent / "spredning" / "i18n"


def catalogue(language: str) -> dict[str, object]:
    words: dict[str, object] = {}
    for path in sorted((CATALOGUES / language).glob("*.yaml")):
        words.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return words


def stops(words: dict[str, object]) -> dict[str, str]:
    """The messages that end a command stopped by the user (Ctrl+C, Ctrl+D, the Stop choice)."""
    keys = [key for key in words if key.endswith("interrupted") or key.endswith("-interrupted")]
    keys += ["typer.aborted", "conflict.interrupted-written", "fase.stopped"]
    return {key: str(words[key]) for key in keys}


def from_outside(words: dict[str, object]) -> dict[str, str]:
    """The messages that end a command stopped from outside (SIGTERM, SIGHUP), at a prompt or not."""
    keys = [key for key in words if "stopped-from-outside" in key or key.startswith("editor.stopped-")]
    keys = [key for key in keys if not key.startswith(("editor.stopped-file", "editor.stopped-written"))]
    return {key: str(words[key]) for key in keys}


@pytest.mark.parametrize(
    ("language", "stopped", "outside"),
    [("da", "Stoppet.", "Stoppet udefra"), ("en", "Stopped.", "Stopped from outside")],
)
def test_every_stop_begins_with_the_same_word(language, stopped, outside):
    words = catalogue(language)

    assert len(stops(words)) >= 20 and len(from_outside(words)) >= 10
    assert {key: text for key, text in stops(words).items() if not text.startswith(stopped)} == {}
    assert {key: text for key, text in from_outside(words).items() if not text.startswith(outside)} == {}


def test_a_stop_from_outside_at_a_list_says_what_it_says_away_from_one():
    words = catalogue("da")

    assert words["interview.stopped-from-outside-saved"] == words["error.stopped-from-outside"]


def test_ctrl_c_and_the_stop_choice_in_a_phase_say_the_same(fase_in_terminal, ws):
    new_project(ws, answers={FIRST: "svar 1"})

    code_c, _, err = fase_in_terminal(CTRL_C, "tjek")  # at how to go on
    code_stop, out, _ = fase_in_terminal(DOWN * 3 + ENTER, "tjek")  # its "Stop"

    assert (code_c, code_stop) == (130, 0)
    said_c, said_stop = " ".join(err.split()), " ".join(out.split())
    stopped = "Stoppet. Dine svar er gemt: 1 af 14 spørgsmål i fasen Tjek er besvaret"
    assert said_c.startswith(f"{stopped} ("), said_c
    assert f"{stopped}." in said_stop
