"""A broken catalogue shipped with the program ends every command with a short plain message.

A key written twice in spredning/i18n/da/cli.yaml made every command end in a traceback: the
error was to be worded from the very catalogue that could not be read (layout11). Now the
program says in both languages, plainly, that its own texts are broken, where, and ends with
exit code 70. The program runs from a copy of its package with one broken catalogue file, as
installed; its texts are real files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import TIMEOUT

import spredning
from spredning.core.errors import EXIT_BROKEN

pytestmark = pytest.mark.e2e

PACKAGE = Path(spredning.__file__).resolve().parent


def broken_copy(tmp_path: Path, file: str, line: str) -> Path:
    """A copy of the program (package and guide) with `line` added to the catalogue `file`; its folder."""
    copy = tmp_path / "program"
    shutil.copytree(PACKAGE, copy / "spredning", ignore=shutil.ignore_patterns("__pycache__"))
    if not (PACKAGE / "guide_content").is_dir():  # from a checkout; installed, it is in the package
        shutil.copytree(PACKAGE.parent / "guide_content", copy / "guide_content")
    with (copy / "spredning" / "i18n" / file).open("a", encoding="utf-8") as catalogue:
        catalogue.write(line + "\n")
    return copy


def run_copy(copy: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`spredning ARGS` run from the copy, in tmp_path (its home and projects folder too)."""
    return python(copy, tmp_path, "-m", "spredning", *args)


def python(copy: Path, tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(copy),
        "SPREDNING_HJEM": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, *argv],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 3,
    )


@pytest.mark.parametrize(
    ("file", "line", "args", "where"),
    [
        ("da/cli.yaml", 'error.label: "Igen: "', ("status",), "da/cli.yaml: error.label (2 x: linje/line 2,"),
        ("en/common.yaml", "error.label: Oops", ("--sprog", "en", "status"), "en/common.yaml: error.label ("),
        ("da/home.yaml", "home.x: [ikke afsluttet", ("--help",), "da/home.yaml: yaml."),
    ],
)
def test_a_broken_catalogue_ends_in_a_short_plain_message_and_code_70(tmp_path, file, line, args, where):
    copy = broken_copy(tmp_path, file, line)

    done = run_copy(copy, tmp_path, *args)

    assert done.returncode == EXIT_BROKEN == 70, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == "Fejl: programmets egne tekster er i stykker, så det kan"
    assert lines[2] == "Error: the program's own texts are broken, so it cannot"
    assert lines[-1].startswith(f"{copy / 'spredning' / 'i18n' / where}"), lines
    assert done.stdout == ""


def test_the_copy_runs_when_its_catalogue_is_whole(tmp_path):
    copy = broken_copy(tmp_path, "da/cli.yaml", "")

    done = run_copy(copy, tmp_path, "projekter")

    assert done.returncode == 0, done.stderr
    ran = python(copy, tmp_path, "-c", "import spredning; print(spredning.__file__)")
    assert ran.stdout.startswith(str(copy))  # the copy ran, not the installed package
