"""A partner's exchange file saved into the projects folder is a file to import, not a second project."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from exchange_kit import flat
from terminal import COMMAND, TIMEOUT

from spredning.core import local

START = ["start", "--navn", "Ærø Kommune", "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune"]


@pytest.fixture
def folder_with_export(run_cli, tmp_path):
    """A project and, beside it, its own export saved as another .yaml file; no active project."""
    home = tmp_path / "hjem"
    assert run_cli(*START, "--rolle", "dele")[0] == 0
    export = tmp_path / "fra-partner.yaml"
    code, _, err = run_cli("eksport", "--ud", str(export))
    assert code == 0, err
    (home / "aeroe-fra-partner.yaml").write_bytes(export.read_bytes())
    (local.folder(home) / "aktivt-projekt").unlink()
    return home


def test_the_list_shows_an_exchange_file_as_one_to_import_also_from_the_cache(run_cli, folder_with_export):
    saved = folder_with_export / "aeroe-fra-partner.yaml"
    for _ in range(2):  # the second list comes from the project index
        code, out, err = run_cli("projekter")
        assert code == 0, err
        text = flat(out)
        assert "udvekslingsfil fra en partner" in text
        assert f"spredning importer {saved}" in text
        assert len(re.findall(r" \d+/\d+$", out, re.M)) == 1  # one project with progress: the real one


def test_status_chooses_the_one_project_and_not_the_exchange_file(run_cli, folder_with_export):
    code, out, err = run_cli("status")

    assert code == 0, err
    assert "flere projekter" not in err
    assert "Ærø Kommune" in out


@pytest.mark.e2e
def test_the_installed_command_lists_and_chooses_as_well(folder_with_export, tmp_path):
    env = {**os.environ, "SPREDNING_HJEM": str(folder_with_export), "HOME": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(COMMAND), *args], env=env, capture_output=True, text=True, timeout=TIMEOUT * 3
        )

    listed = run("projekter")
    status = run("status")

    assert listed.returncode == 0 and "udvekslingsfil fra en partner" in flat(listed.stdout)
    assert status.returncode == 0, status.stderr
