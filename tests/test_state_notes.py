"""The home screen's notes of every project's state (core/store/state_notes.py): what its lists need of
each state file (this computer's organisation and side, its exports, its imports) comes from a cache while
the state file is unchanged, is read again once it changed, and anything wrong with the cache only costs time.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess

import pytest
from exchange_kit import installed
from projectkit import new_project

from spredning.app import home as app_home
from spredning.core import local
from spredning.core.fileio import checksum
from spredning.core.store import state_notes

OURS = "aeroe-kommune-fra-aeroe-kommune.yaml"


@pytest.fixture
def post(ws, tmp_path):
    """A project and a folder holding an export named as one (this computer's, once noted as such)."""
    slug = new_project(ws)
    folder = tmp_path / "post"
    folder.mkdir()
    (folder / OURS).write_text("x", encoding="utf-8")
    return slug, folder


def listed(ws, folder) -> list[str]:
    return [action.name for action in app_home.import_actions(ws, folder)]


def note_ours(ws, slug: str, path) -> None:
    ws.store.update_local(slug, lambda s: s._replace(exports={str(path): checksum(b"x")}))


def test_a_state_changed_since_the_last_list_is_read_again(ws, post):
    slug, folder = post
    assert listed(ws, folder) == [OURS]  # not yet ours: a partner's, to import

    note_ours(ws, slug, folder / OURS)

    assert listed(ws, folder) == []  # ours, unchanged since: left out


def test_an_unchanged_state_is_not_read_again(ws, post, monkeypatch):
    slug, folder = post
    note_ours(ws, slug, folder / OURS)
    assert listed(ws, folder) == []

    def no_reading(*args):
        raise AssertionError("a state file was read again")

    monkeypatch.setattr(local, "load", no_reading)
    assert listed(ws, folder) == []


def test_a_file_exported_through_a_link_to_the_folder_is_ours_there(ws, post, tmp_path):
    slug, folder = post
    link = tmp_path / "genvej"
    link.symlink_to(folder, target_is_directory=True)
    note_ours(ws, slug, link / OURS)

    assert listed(ws, folder) == []


@pytest.mark.parametrize(
    "cache",
    [
        b"\xff\xfe",
        b"[]",
        b"[" * 100_000,
        b'{"version": 1, "projekter": []}',
        b'{"version": 2, "projekter": {}}',
        b'{"version": 1, "projekter": {"SLUG": {"n\\u00f8gle": KEY, "mig": 3}}}',
        b'{"version": 1, "projekter": {"SLUG": {"n\\u00f8gle": [1, 2], "mig": null,'
        b' "eksporteret": {}, "importeret": {}}}}',
        b'{"version": 1, "projekter": {"SLUG": {"n\\u00f8gle": KEY, "mig": null,'
        b' "eksporteret": {"x": 1}, "importeret": {}}}}',
        b'{"version": 1, "projekter": {"SLUG": {"n\\u00f8gle": KEY, "mig": null,'
        b' "eksporteret": [], "importeret": {}}}}',
    ],
)
def test_a_damaged_cache_is_rebuilt_without_a_word(ws, post, cache):
    slug, folder = post
    note_ours(ws, slug, folder / OURS)
    path = local.folder(ws.store.home) / state_notes.FILE
    info = os.stat(local.state_path(ws.store.home, slug))  # KEY: an entry for the file as it is
    key = json.dumps([info.st_ino, info.st_size, info.st_mtime_ns]).encode()
    path.write_bytes(cache.replace(b"SLUG", slug.encode()).replace(b"KEY", key))

    assert listed(ws, folder) == []
    rebuilt = json.loads(path.read_text(encoding="utf-8"))
    assert list(rebuilt["projekter"]) == [slug]
    assert rebuilt["projekter"][slug]["eksporteret"] == {str(folder / OURS): checksum(b"x")}


def test_a_cache_that_cannot_be_written_is_no_failure(ws, post):
    slug, folder = post
    note_ours(ws, slug, folder / OURS)
    (local.folder(ws.store.home) / state_notes.FILE).mkdir()  # a folder where the cache goes

    assert listed(ws, folder) == []
    assert listed(ws, folder) == []


def merge_offered(ws) -> bool:
    return "merge" in [action.kind for action in app_home.project_actions(ws)]


def test_the_side_changed_in_another_project_since_the_last_list_is_read_again(ws):
    other = new_project(ws, name="Første", role="dele")
    new_project(ws, name="Anden", role="dele")  # active: the same side as in the other
    assert merge_offered(ws)

    ws.store.update_local(other, lambda s: s._replace(side="genbruge", organisation="aeroe-kommune"))

    assert not merge_offered(ws)  # 'projekt flet' brings only this side's answers


# --- a cache this user may not read (mode 000) is replaced once by a readable one (layout11) ------


def without_override() -> list[str]:
    """How to run a command for whom a file's mode counts: as root, without its power to override it."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return []
    prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    if shutil.which("setpriv") is None or subprocess.run([*prefix, "true"], check=False).returncode != 0:
        pytest.skip("as root, a mode 000 file is read unless setpriv can take that right away here")
    return prefix


def test_a_cache_that_may_not_be_read_is_replaced_once_by_a_readable_one(tmp_path):
    """The cache kept its mode 000 and was written again, unread, on every run (a speed cost only)."""
    prefix = without_override()
    start = ["start", "--navn", "Genoptræning", "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune"]
    installed(*start, "--rolle", "dele", home=tmp_path / "odense", cwd=tmp_path)
    installed("eksport", "--ud", "fra-odense.yaml", home=tmp_path / "odense", cwd=tmp_path)
    aeroe = tmp_path / "aeroe"
    own = ["start", "--navn", "Eget", "--deler", "Vejle Kommune", "--genbruger", "Ærø Kommune"]
    installed(*own, "--rolle", "genbruge", home=aeroe, cwd=tmp_path)
    cache = local.folder(aeroe) / state_notes.FILE
    dry_run = ["importer", "--tør", "fra-odense.yaml"]  # reads the other projects' notes: 'projekt flet'?
    assert installed(*dry_run, home=aeroe, cwd=tmp_path)[0] == 0
    cache.chmod(0)

    runs = []
    for _ in range(3):
        code, _, err = installed(*dry_run, home=aeroe, cwd=tmp_path, prefix=prefix)
        assert (code, err) == (0, ""), err
        runs.append(os.stat(cache))

    assert stat.S_IMODE(runs[0].st_mode) & 0o600 == 0o600  # this user's again
    assert [run.st_ino for run in runs] == [runs[0].st_ino] * 3  # then read, not written again
