"""A project's name mistyped names the project it is close to, with the command put right.

Reported (trial): 'spredning --projekt hjemmeplej status' listed the projects' names but gave no
"Mente du ...?" and no command, while a partner's, a phase's or a status's name mistyped does.
Each command shown is run as copied.
"""

from __future__ import annotations

import re
import shlex

import pytest
from exchange_kit import flat
from projectkit import new_project, workspace


@pytest.fixture
def folder(tmp_path):
    """Two projects, 'Hjemmepleje' and 'Genoptræning', in the folder the commands use."""
    ws = workspace(tmp_path / "hjem")
    new_project(ws, "Hjemmepleje")
    new_project(ws, "Genoptræning")
    return ws


@pytest.mark.parametrize(
    ("language", "typed", "said", "before"),
    [
        ("da", ["--projekt", "hjemmeplej", "status"], "Mente du 'hjemmepleje'?", "Fx:"),
        ("en", ["--projekt", "hjemmeplej", "status"], "Did you mean 'hjemmepleje'?", "E.g.:"),
        ("da", ["projekt", "brug", "hjemmeplej"], "Mente du 'hjemmepleje'?", "Fx:"),
    ],
)
def test_a_mistyped_project_name_is_suggested_with_a_command_that_runs(
    run_cli, folder, language, typed, said, before
):
    code, _, err = run_cli("--sprog", language, *typed)

    assert code == 1
    shown = flat(err)
    assert said in shown, shown
    found = re.search(re.escape(before) + r" (spredning .*)$", shown)
    assert found, shown
    words = shlex.split(found.group(1))[1:]
    assert "hjemmepleje" in words and "hjemmeplej" not in words
    assert run_cli(*words)[0] == 0


def test_a_name_close_to_no_project_lists_them_as_before(run_cli, folder):
    code, _, err = run_cli("--projekt", "zzz", "status")

    assert code == 1
    assert "Mente du" not in flat(err) and "Se projekterne med" in flat(err)


@pytest.mark.parametrize("typed", ["hjemmeplej", "hjemeplje"])
def test_a_mistyped_first_word_of_a_long_name_is_suggested(run_cli, tmp_path, typed):
    """Found (trial): the first word finds "Hjemmepleje i Bø's kommune" ('hjemmepleje'), but the
    same word mistyped got no "Mente du ...?": it was compared with the whole long file name."""
    ws = workspace(tmp_path / "hjem")
    new_project(ws, "Hjemmepleje i Bø's kommune")
    new_project(ws, "Genoptræning")

    code, _, err = run_cli("--projekt", typed, "status")

    assert code == 1
    shown = flat(err)
    assert "Mente du 'hjemmepleje-i-boe-s-kommune'?" in shown, shown
    found = re.search(r"Fx: (spredning .*)$", shown)
    assert found, shown
    assert run_cli(*shlex.split(found.group(1))[1:])[0] == 0


def test_a_mistyped_first_word_two_projects_begin_with_names_both(run_cli, tmp_path):
    ws = workspace(tmp_path / "hjem")
    new_project(ws, "Hjemmepleje i Nordjylland")
    new_project(ws, "Hjemmepleje i Sønderjylland")

    code, _, err = run_cli("--projekt", "hjemmeplej", "status")

    assert code == 1
    said = flat(err)
    assert "Mente du 'hjemmepleje-i-nordjylland' eller 'hjemmepleje-i-soenderjylland'?" in said, said
