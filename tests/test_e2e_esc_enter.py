"""End to end: Esc and then Enter saves an answer only when they come together, as Alt+Enter does.

Found in a trial: a person pressed Esc in the answer field (a reflex: "get me out"), nothing
happened, and the Enter they pressed seconds later to begin a new line saved the half-written
answer; the rest of the sentence they typed went into the next question. An Enter later than
prompt_toolkit's wait for a longer key (a second) now begins a new line, as any Enter does;
Alt+Enter (which a terminal sends as Esc and Enter at once), and Esc and Enter pressed quickly on
a terminal without an Alt key, still save. The installed command in a pseudo-terminal, keys typed.
"""

from __future__ import annotations

import subprocess
import time

import pexpect
import pytest
import yaml
from terminal import ANSI, COMMAND, CTRL_C, ESC_ENTER, TIMEOUT, person

pytestmark = pytest.mark.e2e

SLUG = "aeroe-kommune"
Q1 = "tjek.beskriv-innovationen.genbruge.interessant"
START = [
    "--navn",
    "Ærø Kommune",
    "--rolle",
    "genbruge",
    "--deler",
    "Odense Kommune",
    "--genbruger",
    "Ærø Kommune",
]


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    env = person(tmp_path, lines=40)
    made = subprocess.run(
        [str(COMMAND), "start", *START],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 3,
    )
    assert made.returncode == 0, made.stderr
    return env


def saved(env) -> dict[str, str]:
    """The reusing organisation's saved answers: question id -> text."""
    path = f"{env['SPREDNING_HJEM']}/{SLUG}.yaml"
    with open(path, encoding="utf-8") as file:
        data = yaml.safe_load(file)
    section = (data.get("svar") or {}).get("genbruge", {}).get(SLUG) or {}
    return {qid: value["tekst"] for qid, value in section.items() if value and "tekst" in value}


def answer_first(env, pseudo_terminal, keys: list[str | float | tuple[str]]) -> str:
    """Open the phase, type `keys` in the first answer (a number: a pause of that many seconds; a
    1-tuple: wait until the program shows that text), then stop with Ctrl+C; what it showed, plain.

    The program is waited for, not timed: on a busy machine a fixed pause may end before it is
    ready, and a Ctrl+C sent while it saves would stop the save it is there to follow.
    """
    child = pseudo_terminal(COMMAND, ["fase", "tjek"], env=env, rows=40)
    child.expect_exact("[1/14]")
    child.expect_exact("Svar:")
    for key in keys:
        if isinstance(key, float):
            time.sleep(key)
        elif isinstance(key, tuple):
            child.expect_exact(key[0])
        else:
            child.send(key)
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    return " ".join(ANSI.sub("", child.logfile_read.getvalue()).split())


def test_an_enter_long_after_esc_begins_a_new_line(env, pseudo_terminal):
    typed = [
        "IT-afdelingen i Odense",
        ("i Odense",),
        "\x1b",
        2.5,
        "\r",
        "og leverandøren.",
        "\x13",
        ("[2/14]",),
    ]

    shown = answer_first(env, pseudo_terminal, typed)

    assert saved(env) == {Q1: "IT-afdelingen i Odense\nog leverandøren."}, shown
    assert "[2/14]" in shown  # Ctrl+S saved it and went on


def test_alt_enter_and_a_quick_esc_and_enter_still_save(env, pseudo_terminal):
    typed = ["Svaret", ESC_ENTER, ("[2/14]",), "Næste", ("Næste",), "\x1b", 0.2, "\r", ("Hvad vil du nu?",)]

    shown = answer_first(env, pseudo_terminal, typed)

    answers = saved(env)
    assert answers[Q1] == "Svaret", shown
    # the second question was saved by Esc and Enter 0.2 s apart
    assert answers["tjek.beskriv-innovationen.genbruge.samme-behov"] == "Næste", shown
