"""This computer's state file (HJEM/.spredning/SLUG.yaml) is never lost without a word.

It holds drafts (text typed and not yet saved) and what partners know. A file the program cannot
read is kept beside it as SLUG.yaml.bak-DATO-TID before a new one takes its place, and the user is
told once where it is; what the program writes it can read back, and drafts are kept whole.
"""

from __future__ import annotations

import os
import subprocess

import pytest
import yaml
from exchange_kit import flat
from terminal import COMMAND, TIMEOUT

from spredning.core import fileio, local
from spredning.core.errors import SpredningError

pytestmark = pytest.mark.e2e

START = ["start", "--navn", "Ærø Kommune", "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune"]
SLUG = "aeroe-kommune"


@pytest.fixture
def home(tmp_path):
    return tmp_path / "hjem"


@pytest.fixture
def run(tmp_path, home):
    """Run the installed `spredning ARGS...` without a terminal, with its projects in `home`."""
    (tmp_path / "home").mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path / "home"),
        "SPREDNING_HJEM": str(home),
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
    }

    def call(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(COMMAND), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT * 3,
        )

    return call


def backups(home) -> list:
    return sorted(local.folder(home).glob(f"{SLUG}.yaml{fileio.BACKUP_INFIX}*"))


def test_six_megabytes_of_drafts_survive_status(run, home):
    """The audit's case: drafts the program itself could write were wiped by a read-only 'status'."""
    assert run(*START, "--rolle", "dele").returncode == 0
    path = local.state_path(home, SLUG)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["kladder"] = {f"tjek.x{i}": "z" * 1_000_000 for i in range(6)}
    path.write_text(yaml.safe_dump(data, width=10**9), encoding="utf-8")
    before = path.read_bytes()

    done = run("status")

    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == before  # read, not rewritten
    assert local.load(home, SLUG).drafts == data["kladder"]
    assert not backups(home)


def test_an_unreadable_state_file_is_kept_aside_and_told_once(run, home):
    assert run(*START, "--rolle", "dele").returncode == 0
    path = local.state_path(home, SLUG)
    junk = b"kladder: " + b"x" * (local.MAX_BYTES + 100) + b"\n"
    path.write_bytes(junk)

    first = run("status")
    second = run("status")

    assert first.returncode == 0 and second.returncode == 0, first.stderr
    [backup] = backups(home)
    assert backup.read_bytes() == junk  # every byte of the old file
    assert str(backup) in flat(first.stderr)
    assert "kunne ikke læses" in flat(first.stderr)
    assert "Den gamle fil er gemt som" in flat(first.stderr)
    assert second.stderr == ""  # told once: the new file reads fine
    assert not local.load(home, SLUG).fresh


def test_a_state_file_that_is_not_yaml_is_kept_before_a_save(store, make_project):
    slug = make_project()
    path = local.state_path(store.home, slug)
    path.write_bytes(b"kladder: [\n")

    store.update_local(slug, lambda state: state._replace(drafts={"x": "ny kladde"}))

    [backup] = sorted(path.parent.glob(f"{slug}.yaml{fileio.BACKUP_INFIX}*"))
    assert backup.read_bytes() == b"kladder: [\n"
    assert store.kept_states == [backup]
    assert local.load(store.home, slug).drafts == {"x": "ny kladde"}


def test_a_draft_over_a_mebibyte_is_kept_whole(store, make_project):
    slug = make_project()
    long_draft = "æ" * (1024 * 1024 + 10)

    store.update_local(slug, lambda state: state._replace(drafts={"tjek.x": long_draft}))

    assert local.load(store.home, slug).drafts == {"tjek.x": long_draft}


def test_a_state_too_large_to_read_back_is_refused_and_nothing_is_written(store, make_project):
    slug = make_project()
    path = local.state_path(store.home, slug)
    project_before = store.path_for(slug).read_bytes()
    state_before = path.read_bytes()
    huge = {f"tjek.x{i}": "z" * (local.MAX_BYTES // 4) for i in range(5)}

    def change(project, state):
        return project._replace(name="Nyt navn"), state._replace(drafts=huge), None

    with pytest.raises(SpredningError) as caught:
        store.transact(slug, change)

    assert caught.value.key == "local.too-large"
    assert path.read_bytes() == state_before
    assert store.path_for(slug).read_bytes() == project_before
