"""A file that cannot be written (a full disk, a size limit, a long name): what the message says was kept.

A report or an export into a new file that failed said "Den tidligere udgave af filen er urørt"
(the earlier version of the file is untouched), though there had been no file: the user went
looking for one. A new file now says it was not made; a file that was there, replaced with
--overskriv, is still said to be untouched, and is. The installed command runs under a file-size
limit (`ulimit -f`), so the writes fail in the kernel as on a full disk (EFBIG instead of ENOSPC).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SPREDNING = Path(sys.executable).parent / "spredning"
resource = pytest.importorskip("resource")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not SPREDNING.exists(), reason="spredning is not installed"),
]

LIMIT = 2048  # bytes: less than any report or export of the example project


def run(home: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [str(SPREDNING), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limited,
        env={**os.environ, "SPREDNING_HJEM": str(home), "COLUMNS": "200"},
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "hjem"
    home.mkdir(exist_ok=True)
    for args in (("start", "--eksempel"), ("projekt", "side", "dele")):
        made = run(home, *args)
        assert made.returncode == 0, made.stderr
    return home


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "command",
    [
        ("rapport", "--format", "md"),
        ("rapport", "--format", "html"),
        ("eksport",),
        ("dagsorden", "--format", "md"),
    ],
)
def test_a_new_file_that_cannot_be_written_is_said_not_made(home, tmp_path, command):
    target = tmp_path / "ud" / "fil"
    target.parent.mkdir()
    target = target.with_suffix(".yaml" if command[0] == "eksport" else f".{command[-1]}")

    done = run(home, *command, "--ud", str(target), limit=LIMIT)

    said = words(done.stderr)
    assert done.returncode == 1, said
    assert f"Kunne ikke gemme {target} (filen er for stor)." in said
    assert "Filen er ikke lavet." in said
    assert "tidligere udgave" not in said
    assert list(target.parent.iterdir()) == []  # neither the file nor a temporary one


def test_a_file_there_before_is_said_untouched_and_is(home, tmp_path):
    target = tmp_path / "ud" / "rapport.md"
    target.parent.mkdir()
    target.write_text("Sidste uges rapport\n", encoding="utf-8")

    done = run(home, "rapport", "--format", "md", "--ud", str(target), "--overskriv", limit=LIMIT)

    said = words(done.stderr)
    assert done.returncode == 1, said
    assert "Den tidligere udgave af filen er urørt." in said
    assert target.read_text(encoding="utf-8") == "Sidste uges rapport\n"
    assert list(target.parent.iterdir()) == [target]


def test_a_project_save_that_cannot_be_written_leaves_the_project_as_it_was(home):
    [project] = home.glob("*.yaml")
    before = project.read_bytes()

    done = run(home, "møde", "--dato", "01-11-2026", limit=LIMIT)

    said = words(done.stderr)
    assert done.returncode == 1, said
    assert "Den tidligere udgave af filen er urørt." in said
    assert project.read_bytes() == before
    assert not [path for path in home.iterdir() if path.name.endswith(".tmp")]


def test_a_name_too_long_for_the_folder_is_said_not_made(home, tmp_path):
    target = tmp_path / "ud" / ("rapport-" + "æ" * 200 + ".md")  # over 400 bytes: no file system takes it
    target.parent.mkdir()

    done = run(home, "rapport", "--format", "md", "--ud", str(target))

    said = words(done.stderr)
    assert done.returncode == 1, said
    assert "(stien er for lang)." in said
    assert "Filen er ikke lavet." in said
    assert "tidligere udgave" not in said
    assert list(target.parent.iterdir()) == []
