"""No command in a hint has a placeholder word in it: copied as shown, it must run or be refused
for a real reason, never act on 'NAVN' or look for a file called 'FIL'.

Found in a trial as new users ('status --partner NAVN', 'plan luk 3f9'). Where a value is known
the program writes it; where none can be (a file the partner sends), the words say what to write
after the command, outside its quotes.
"""

from __future__ import annotations

import re

import pytest

from spredning import i18n

PLACEHOLDER = re.compile(r"\b(NAVN|NAME|FIL|FILE|ID|FASE|PHASE|TEKST|TEXT)\b|\b3f9\b")
QUOTED = re.compile(r"'\{prog(?:_here)?\}[^']*'")


def texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # plural forms
        return [text for one in value.values() for text in texts(one)]
    return []


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_quoted_command_in_the_catalogue_has_a_placeholder(language):
    found = {
        key: command
        for key, value in i18n.catalogue(language).items()
        for text in texts(value)
        for command in QUOTED.findall(text)
        if PLACEHOLDER.search(command)
    }
    assert found == {}


def test_the_wrong_organisation_hint_says_to_write_the_name_after_the_command(run_cli, tmp_path):
    from exchange_kit import Org, start_sharing

    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    vejle = Org(tmp_path / "vejle", tmp_path, run_cli)

    code, out, err = vejle.import_(sharing.export("--partner", "aeroe-kommune"))

    assert code == 0, err
    said = " ".join(out.split())
    assert "NAVN" not in said
    assert "skriv jeres navn i anførselstegn efter spredning projekt side genbruge --organisation" in said


def test_fase_without_a_terminal_says_to_write_the_file_after_the_command(run_cli, tmp_path):
    from projectkit import new_project, workspace

    new_project(workspace(tmp_path / "hjem"))

    code, _, err = run_cli("fase", "tjek", "--rolle", "genbruge")

    assert code == 2
    said = " ".join(err.split())
    assert "FIL" not in said
    assert "'spredning fase tjek --rolle genbruge --svar' og filens navn efter" in said
