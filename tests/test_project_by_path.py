"""A project named by the path of its file: found when the file is in the projects folder.

Found in a trial: 'projekt brug /home/x/p/digital.yaml' (dragged from a file window) said the project
did not exist. A file elsewhere is refused with what to do, not taken for a missing name.
"""

from __future__ import annotations

import shutil

import pytest
from exchange_kit import flat
from projectkit import new_project, workspace


@pytest.fixture
def two(tmp_path, monkeypatch):
    home = tmp_path / "hjem"
    ws = workspace(home)
    new_project(ws, "Digital genoptræning")
    new_project(ws, "Andet")  # the active one
    monkeypatch.chdir(tmp_path)
    return home


@pytest.mark.parametrize(
    "named",
    [
        lambda home: str(home / "digital-genoptraening.yaml"),
        lambda home: str(home / "digital-genoptraening"),
        lambda home: "hjem/digital-genoptraening.yaml",
        lambda home: "./hjem/../hjem/digital-genoptraening.yaml",
        lambda home: (home / "digital-genoptraening.yaml").as_uri(),  # pasted from a file window
    ],
)
def test_a_path_to_a_project_in_the_folder_finds_it(run_cli, two, named):
    code, out, err = run_cli("projekt", "brug", named(two))

    assert (code, err) == (0, "")
    assert "Digital genoptræning" in out
    assert "Digital genoptræning" in run_cli("status")[1]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_project_file_elsewhere_is_refused_with_what_to_do(run_cli, two, tmp_path, language):
    elsewhere = tmp_path / "andetsteds" / "kopi.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(two / "andet.yaml", elsewhere)

    code, _, err = run_cli("--sprog", language, "--projekt", str(elsewhere), "status")

    said = flat(err)
    assert code == 1
    assert str(elsewhere) in said and str(two) in said
    assert "--hjem" in said and "importer" in said
    assert ("findes ikke" if language == "da" else "There is no project") not in said
    assert not (two / "kopi.yaml").exists()  # nothing copied or made


def test_a_name_with_a_slash_is_still_a_name(run_cli, two):
    code, _, err = run_cli("projekt", "brug", "Ærø/Fanø")

    assert code == 1
    assert "'Ærø/Fanø' findes ikke" in flat(err)
