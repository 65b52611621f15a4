"""A project or exchange file saved as UTF-16 or UTF-32 (Windows Notepad's "Unicode").

Only the byte order mark and wide letters tell such a file apart, so the quick looks at a file's
head (is it ours, a project or an export, which project) saw none of our lines in it: the export
was "not a file from spredning", and the folder's only project file was left out of `projekter`,
which said there were no projects (while `start` with its name said it was there). Such a file is
now known as ours and named as a file that cannot be read, because it is not UTF-8.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, flat, start_sharing


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Et formål"})


def saved_as(path, codec: str) -> None:
    """The file as Notepad saves it in another encoding: a byte order mark, then the text."""
    path.write_bytes(path.read_text(encoding="utf-8").encode(codec))


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_an_export_saved_as_utf16_is_said_not_to_be_utf8(sharing, tmp_path, run_cli, codec):
    sent = sharing.export()
    saved_as(sent, codec)
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)

    code, _, err = reusing.import_(sent)

    said = flat(err)
    assert code == 1, said
    assert "ikke en fil fra spredning" not in said
    assert "ikke gemt som UTF-8" in said
    assert not reusing.home.exists() or not list(reusing.home.glob("*.yaml"))


def test_a_project_file_saved_as_utf16_is_listed_as_one_that_cannot_be_read(sharing):
    saved_as(sharing.path, "utf-16")
    before = sharing.path.read_bytes()

    code, out, err = sharing("projekter")

    said = flat(out + err)
    assert "ingen projekter" not in said
    assert sharing.slug in said
    assert sharing.path.read_bytes() == before
    code, _, err = sharing("status")
    assert code == 1
    assert "ikke gemt som UTF-8" in flat(err)
