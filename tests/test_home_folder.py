"""A projects folder that is missing (a drive not connected) is named as missing, never as empty.

And a project file that is a link to a file that is gone gets the same words from every command.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from exchange_kit import flat
from terminal import COMMAND, TIMEOUT

START = ["start", "--navn", "Ærø Kommune", "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune"]


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    """Messages name the test folder's path, a word longer than 80 columns: keep it on one line."""
    monkeypatch.setenv("COLUMNS", "1000")


@pytest.mark.e2e
def test_the_installed_command_names_a_missing_shared_drive(tmp_path):
    missing = tmp_path / "drev" / "spredning"
    # a wide terminal: the test folder's long path on one line, however long pytest makes it
    env = {**os.environ, "SPREDNING_HJEM": str(missing), "HOME": str(tmp_path), "COLUMNS": "1000"}

    done = subprocess.run(
        [str(COMMAND), "status"], env=env, capture_output=True, text=True, timeout=TIMEOUT * 3
    )

    assert done.returncode == 1
    assert f"Mappen {missing} findes ikke." in flat(done.stderr)
    assert "Er drevet tilsluttet?" in flat(done.stderr)
    assert "intet projekt" not in done.stderr
    assert not (tmp_path / "drev").exists()


@pytest.mark.parametrize("args", [["status"], ["projekter"], ["vis", "tjek"], ["projekt", "brug", "x"]])
def test_every_command_names_a_missing_folder(run_cli, tmp_path, args):
    missing = tmp_path / "drev" / "spredning"

    code, out, err = run_cli("--hjem", str(missing), *args)

    assert code == 1, out + err
    assert f"Mappen {missing} findes ikke." in flat(err)
    assert not (tmp_path / "drev").exists()


def test_a_file_is_not_a_projects_folder(run_cli, tmp_path):
    a_file = tmp_path / "passwd"
    a_file.write_text("root:x:0:0\n", encoding="utf-8")

    code, out, err = run_cli("projekter", "--hjem", str(a_file))

    assert code == 1
    assert "er en fil, ikke en mappe" in flat(err)
    assert "ingen projekter" not in out


def test_start_creates_only_the_last_level_of_a_missing_folder(run_cli, tmp_path):
    deep = tmp_path / "drev" / "spredning"
    code, _, err = run_cli("--hjem", str(deep), *START, "--rolle", "dele")
    assert code == 1
    assert f"Mappen {deep} findes ikke." in flat(err)
    assert not (tmp_path / "drev").exists()

    new = tmp_path / "ny"
    code, _, err = run_cli("--hjem", str(new), *START, "--rolle", "dele")
    assert code == 0, err
    assert (new / "aeroe-kommune.yaml").is_file()


@pytest.mark.parametrize("args", [[*START, "--rolle", "dele"], ["status"]], ids=["start", "status"])
def test_a_missing_folder_whose_parent_is_missing_too_does_not_suggest_start(run_cli, tmp_path, args):
    """Found in a trial: the refusal of 'start' suggested the very 'start' command it had refused."""
    deep = tmp_path / "drev" / "spredning"

    code, _, err = run_cli("--hjem", str(deep), *args)

    assert code == 1
    assert f"Mappen {deep} findes ikke." in flat(err)
    assert f"Heller ikke mappen over den, {deep.parent}, findes" in flat(err)
    assert "start et projekt med" not in flat(err)
    assert not (tmp_path / "drev").exists()


def test_a_missing_folder_in_an_existing_one_suggests_start_there(run_cli, tmp_path):
    missing = tmp_path / "spredning"

    code, _, err = run_cli("--hjem", str(missing), "status")

    assert code == 1
    assert f"start et projekt med 'spredning --hjem {missing} start'." in flat(err)


@pytest.mark.parametrize("given", [[], ["--navn", "Ærø"]], ids=["nothing given", "a name given"])
def test_start_without_a_terminal_names_a_missing_folder_before_the_missing_options(run_cli, tmp_path, given):
    deep = tmp_path / "drev" / "spredning"

    code, _, err = run_cli("--hjem", str(deep), "start", *given)

    assert code == 1
    assert f"Mappen {deep} findes ikke." in flat(err)
    assert "Der mangler oplysninger" not in err


def test_a_link_to_a_missing_project_file_gets_the_same_words_everywhere(run_cli, tmp_path):
    home = tmp_path / "hjem"
    (home / "aeroe-kommune.yaml").symlink_to(tmp_path / "drev" / "aeroe-kommune.yaml")
    said = "er en genvej til"

    status = run_cli("status")
    named = run_cli("--projekt", "aeroe-kommune", "status")
    start = run_cli(*START, "--rolle", "dele")
    listed = run_cli("projekter")

    for code, out, err in (status, named, start):
        assert code != 0 and said in flat(err), out + err
        assert "intet projekt" not in err and "findes allerede" not in err
    assert "aeroe-kommune" in listed[1]
    assert not (home / "aeroe-kommune.yaml").exists()  # nothing was written through the link


def test_no_projects_is_said_in_words_not_as_an_empty_list(run_cli):
    code, _, err = run_cli("--projekt", "findes-ikke", "status")

    assert code == 1
    assert "()" not in err
    assert "Der er ingen projekter i mappen endnu" in flat(err)
