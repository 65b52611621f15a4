"""Advice on what the partner should run names the partner's program: plainly 'spredning eksport'.

Our own commands are written as this user can run them (the path the program was started with, its
--sprog option); a command for the partner is theirs, and our path or options mean nothing on their
computer. A worksheet (.docx) that comes back wrong gets advice about worksheets, not exports.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from terminal import COMMAND

pytestmark = pytest.mark.e2e


def installed(folder: Path, *args: str) -> tuple[int, str]:
    """Run the installed command by its full path (as '.venv/bin/spredning' is); return (code, stderr)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(folder / "home"),
        "LANG": "C.UTF-8",
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "SPREDNING_HJEM": str(folder / "hjem"),
    }
    done = subprocess.run(
        [str(COMMAND), *args], env=env, cwd=folder, capture_output=True, text=True, timeout=60, check=False
    )
    return done.returncode, " ".join(done.stderr.split())


@pytest.fixture
def sent(tmp_path) -> Path:
    """A partner's export, from another projects folder, with an answer in it."""
    partner = tmp_path / "partner"
    partner.mkdir()
    (partner / "home").mkdir()
    code, err = installed(
        partner, "start", "--navn", "Ærø", "--rolle", "dele", "--beskrivelse", "Genoptræning",
        "--genbruger", "Ærø Kommune",
    )  # fmt: skip
    assert code == 0, err
    answers = partner / "svar.yaml"
    answers.write_text("tjek.beskriv-innovationen.dele.formaal: Færre genindlæggelser\n", encoding="utf-8")
    code, err = installed(partner, "fase", "tjek", "--svar", str(answers))
    assert code == 0, err
    code, err = installed(partner, "eksport", "--ud", str(tmp_path / "fra-partner.yaml"))
    assert code == 0, err
    (tmp_path / "home").mkdir()
    return tmp_path / "fra-partner.yaml"


@pytest.mark.parametrize(
    ("options", "said"),
    [((), "lavet med 'spredning eksport'"), (("--sprog", "en"), "made with 'spredning eksport'")],
)
def test_a_cut_off_export_asks_for_one_made_with_the_partners_plain_command(sent, tmp_path, options, said):
    cut = tmp_path / "afkortet.yaml"
    cut.write_bytes(sent.read_bytes()[: len(sent.read_bytes()) // 2])

    code, err = installed(tmp_path, *options, "importer", str(cut))

    assert code == 1
    assert said in err
    assert str(COMMAND) not in err  # our path is no command on their computer
    assert "--sprog" not in err  # nor our language option


def test_an_empty_worksheet_gets_advice_about_worksheets(tmp_path):
    (tmp_path / "home").mkdir()
    (tmp_path / "udfyldt.docx").write_bytes(b"")

    code, err = installed(tmp_path, "importer", "udfyldt.docx")

    assert code == 1
    assert "Filen udfyldt.docx er tom." in err
    assert "arbejdsark" in err and f"'{COMMAND} arbejdsark'" in err  # ours to make: as we run it
    assert "eksport" not in err


def test_an_empty_export_still_asks_for_an_export(tmp_path):
    (tmp_path / "home").mkdir()
    (tmp_path / "fra-partner.yaml").write_bytes(b"")

    code, err = installed(tmp_path, "importer", "fra-partner.yaml")

    assert code == 1
    assert "lavet med 'spredning eksport'" in err
