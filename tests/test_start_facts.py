"""What `start` and `projekt genbruger` are given that a project file cannot hold is a usage error.

A name (of the project or an organisation) is one line of at most 500 characters, a description
at most 10,000: said in plain words with exit code 2, before any file is made.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spredning.i18n import t

START = [
    "start",
    "--navn",
    "Navn",
    "--beskrivelse",
    "x",
    "--deler",
    "A",
    "--genbruger",
    "B",
    "--rolle",
    "dele",
]


def given(option: str, value: str) -> list[str]:
    """The start command with one option's value replaced."""
    args = list(START)
    args[args.index(option) + 1] = value
    return args


@pytest.mark.parametrize(
    ("option", "value", "key"),
    [
        ("--navn", "To\nlinjer", "start.name-one-line"),
        ("--navn", "n" * 501, "start.name-one-line"),
        ("--deler", "A\nB", "start.sharing-one-line"),
        ("--genbruger", "B\nC", "start.reusing-one-line"),
        ("--beskrivelse", "x" * 10_001, "start.description-too-long"),
    ],
)
def test_a_fact_the_file_cannot_hold_is_a_usage_error(run_cli, option, value, key):
    code, _out, err = run_cli(*given(option, value))
    limit = 10_000 if key == "start.description-too-long" else 500
    assert code == 2
    assert " ".join(err.split()) == "Fejl: " + t(key, limit=limit)
    assert not any(Path(os.environ["SPREDNING_HJEM"]).glob("*.yaml"))


def test_a_description_may_span_lines(run_cli):
    code, _out, err = run_cli(*given("--beskrivelse", "Første linje\nanden linje"))
    assert code == 0, err


def test_a_new_partner_with_two_lines_is_a_usage_error(run_cli):
    assert run_cli(*START)[0] == 0
    code, _out, err = run_cli("projekt", "genbruger", "Q\nR")
    assert code == 2
    assert " ".join(err.split()) == "Fejl: " + t("start.reusing-one-line", limit=500)
