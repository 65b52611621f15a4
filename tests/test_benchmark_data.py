"""The benchmark of issue 16 (benchmarks/) can still make its data and run its commands.

Not a timing: the benchmark is a report run by hand, so when a change made one of its commands fail
(since 27e6070 'fase --svar' refuses to replace a saved answer without --erstat, and so did the
partner's edit that makes the file for 'importer'), it stopped at its data and nobody noticed for
two stops. This runs the same data making, small, and each file-based command once, through the
installed command, and checks that each succeeds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_data

SPREDNING = Path(sys.executable).parent / "spredning"


@pytest.fixture
def full(tmp_path) -> Path:
    """A small fully answered project, as the benchmark makes its 100 KiB one."""
    return bench_data.fully_answered(tmp_path / "fuld", "Digital genoptræning", 20_000)


def spredning(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SPREDNING_HJEM": str(home), "NO_COLOR": "1", "SPREDNING_SPROG": "da"}
    argv = [str(SPREDNING), *args]
    return subprocess.run(
        argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )


def test_the_partners_file_is_made_and_the_import_rows_command_reads_it(full, tmp_path):
    incoming = bench_data.partner_file(SPREDNING, full, tmp_path / "udveksling")

    done = spredning(full.parent, "importer", "--tør", str(incoming))

    assert done.returncode == 0, done.stdout + done.stderr


def test_the_answers_file_rows_command_saves_its_answer(full, tmp_path):
    question = bench_data.question_in_middle(full.parent)
    answers = bench_data.answers_file(tmp_path / "svar-1.yaml", question, "Svar nummer 1 fra en fil.")

    done = spredning(full.parent, "fase", "tjek", "--svar", str(answers), "--erstat")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Svar nummer 1 fra en fil." in full.read_text(encoding="utf-8")
