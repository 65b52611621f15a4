"""The import's counts are never broken between a number and its word.

Found in a trial: "Importeret fra Odense Kommune: 2 tilføjede, 0 opdaterede, 0 uændrede, 0⏎konflikter"
at 80 columns: a line that ends in a bare "0" reads as if something were missing.
"""

from __future__ import annotations

import re

import pytest
from exchange_kit import D1, D2, NAME, Org, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")

COUNT = re.compile(r"\b\d+,?$")  # a line that ends in a number: its word went to the next line


def broken(out: str) -> list[str]:
    return [line for line in out.splitlines() if COUNT.search(line.rstrip())]


@pytest.mark.parametrize("width", range(60, 96, 5))
def test_no_count_is_broken_from_its_word_at_any_width(tmp_path, run_cli, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål", D2: "Løsning"})
    sent = sharing.export()
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)

    dry = aeroe.ok("importer", "--tør", str(sent))
    code, done, err = aeroe.import_(sent)

    assert code == 0, err
    assert "konflikter" in dry and "konflikter" in done
    assert broken(dry) == [] and broken(done) == []
    assert all(len(line) <= width for line in done.splitlines() if "konflikter" in line), done


def test_nor_in_the_merge_of_another_project(tmp_path, run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "62")
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})
    start_sharing(org, name="Genoptræning Fanø", answers={D1: "Andet mål", D2: "Løsning"})

    out = org.ok("--projekt", NAME, "projekt", "flet", "Genoptræning Fanø")

    assert "konflikt" in out and broken(out) == []
