"""Ctrl+P in the answer field shows the other side's answers in full: taller than the terminal, in the
pager, as 'vis' shows them (trial40: a 60,000-character answer scrolled some 800 lines past and pushed
the question out of sight). The field comes back after it, its text as typed. The installed command
runs in a pseudo-terminal with a stub pager that keeps what it was given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from terminal import COMMAND, CTRL_C, example_home

pexpect = pytest.importorskip("pexpect")

TIMEOUT = 60
CTRL_P = "\x10"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal and a shell-script pager"),
    pytest.mark.skipif(not COMMAND.exists(), reason="spredning is not installed"),
]


def spawn(home: Path, pager: Path, lines: int):
    env = {
        **os.environ,
        "SPREDNING_HJEM": str(home),
        "PAGER": str(pager),
        "TERM": "xterm",
        "LINES": str(lines),
    }
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    return pexpect.spawn(
        str(COMMAND),
        ["fase", "tjek", "--rolle", "genbruge"],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(lines, 80),
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return example_home(tmp_path)


@pytest.fixture
def pager(tmp_path: Path) -> tuple[Path, Path]:
    kept = tmp_path / "paged.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\ncat > '{kept}.tmp'\nmv '{kept}.tmp' '{kept}'\n", encoding="utf-8")
    script.chmod(0o755)
    return script, kept


@pytest.mark.parametrize("lines", [24, 44], ids=["short", "room-for-the-answers-but-not-the-field"])
def test_the_partners_answers_taller_than_the_terminal_are_paged_and_the_field_comes_back(home, pager, lines):
    """At 44 lines the answers fit, but the question and its field under them did not (trial40b)."""
    script, kept = pager
    child = spawn(home, script, lines=lines)
    child.expect("Hvordan vil du fortsætte")
    child.send("\r")  # from the start: the first question, with the sharing side's answers above it
    child.expect("Svar:")
    child.send(" og mere")
    child.send(CTRL_P)
    child.expect("Svar:")  # the field again, after the pager
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()

    paged = kept.read_text(encoding="utf-8")
    assert "Hvad går løsningen ud på?" in paged and "Træn Hjemme" in paged  # the tool's answers, in full
    state = yaml.safe_load((home / ".spredning" / "eksempel-digitalt-genoptraeningsforloeb.yaml").read_text())
    assert any(text.endswith(" og mere") for text in state["kladder"].values()), state["kladder"]


def test_answers_that_fit_are_printed_as_before_without_the_pager(home, pager):
    script, kept = pager
    child = spawn(home, script, lines=200)
    child.expect("Hvordan vil du fortsætte")
    child.send("\r")
    child.expect("Svar:")
    child.send(CTRL_P)
    child.expect("Træn Hjemme")
    child.expect("Svar:")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()

    assert not kept.exists()
