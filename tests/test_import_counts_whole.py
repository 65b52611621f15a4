"""The import's counts: never broken between a number and its word, and an answer brought again
whose conflict is still open counted as that, not as "uændret".

Found in a trial: "Importeret fra Odense Kommune: 2 tilføjede, 0 opdaterede, 0 uændrede, 0⏎konflikter"
at 80 columns: a line that ends in a bare "0" reads as if something were missing. And a file
imported again said "1 uændret, 0 konflikter" of the answer whose conflict it had made.
"""

from __future__ import annotations

import re

import pytest
from exchange_kit import D1, D2, G1, NAME, Org, flat, start_sharing

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


def test_a_file_imported_again_counts_the_conflict_it_made_as_still_open(tmp_path, run_cli):
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "A"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0
    aeroe.answer({D1: "B fra Ærø"}, "--rolle", "dele")
    theirs = aeroe.export()
    sharing.answer({D1: "C fra Odense"})
    assert "0 uændrede, 1 konflikt" in flat(sharing.ok("importer", str(theirs), "--ikke-interaktiv"))

    again = flat(sharing.ok("importer", str(theirs), "--ikke-interaktiv"))
    dry = flat(sharing.ok("importer", "--tør", str(theirs)))
    code, english, err = sharing("--sprog", "en", "importer", "--tør", str(theirs))

    assert "0 uændrede, 0 konflikter, 1 uafklaret konflikt fra før" in again
    assert "0 uændrede, 0 konflikter, 1 uafklaret konflikt fra før" in dry
    assert code == 0 and "0 unchanged, 0 conflicts, 1 open conflict from before" in flat(english), err


def test_an_older_file_quotes_the_newer_version_kept_in_the_open_conflict(tmp_path, run_cli):
    """Found in stop 48's trial: a file imported again after the partner's newer one, whose answer waits
    in an open conflict, was said older than "her: <our workshop text>", the oldest of the three."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0
    sharing.answer({G1: "Odense tror ja (workshop)"}, "--rolle", "genbruge")  # written apart: a conflict
    aeroe.answer({G1: "Nej, vi har færgen"}, "--rolle", "genbruge")
    first = aeroe.export()
    assert "1 konflikt" in flat(sharing.ok("importer", str(first), "--ikke-interaktiv"))  # left open
    aeroe.answer({G1: "Nej, vi har færgen og vinterstorme"}, "--rolle", "genbruge")
    sharing.ok("importer", str(aeroe.export()), "--ikke-interaktiv")

    again = flat(sharing.ok("importer", str(first), "--ikke-interaktiv"))

    assert "i filen: Nej, vi har færgen her: Nej, vi har færgen og vinterstorme" in again
    assert "Odense tror ja" not in again


def test_a_newer_version_into_a_conflict_open_here_is_no_new_conflict(tmp_path, run_cli):
    """Found in stop 48's trial: the partner's second file, with a newer text in the conflict still open,
    was said to give "1 konflikt (begge har ændret svaret)", as if a second one."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0
    sharing.answer({G1: "Odense tror ja (workshop)"}, "--rolle", "genbruge")
    aeroe.answer({G1: "Nej, vi har færgen"}, "--rolle", "genbruge")
    assert "0 uændrede, 1 konflikt" in flat(sharing.ok("importer", str(aeroe.export()), "--ikke-interaktiv"))
    aeroe.answer({G1: "Nej, vi har færgen og vinterstorme"}, "--rolle", "genbruge")
    second = aeroe.export()

    dry = flat(sharing.ok("importer", "--tør", str(second)))
    done = flat(sharing.ok("importer", str(second), "--ikke-interaktiv"))

    assert "Ville give en ny udgave i 1 uafklaret konflikt:" in dry and "Ville give 1 konflikt" not in dry
    for said in (dry, done):
        assert "0 uændrede, 0 konflikter, 1 uafklaret konflikt fra før med en ny udgave" in said
    assert "Der er 1 uafklaret konflikt" in done
    [(_, entry)] = [(s, e) for s, e in sharing.project().entries() if e.in_conflict]
    assert "Nej, vi har færgen og vinterstorme" in [a.text for a in (entry.answer, *entry.others)]
