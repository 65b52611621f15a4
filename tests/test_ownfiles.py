"""No --ud name may replace a projects folder's own files, also another folder's, even with --overskriv.

Two organisations on one computer (two --hjem folders): A writes its exports, reports and worksheets
where --ud says, and B's project file, backups and helper files must stay byte for byte as they were.
An earlier export or report may still be replaced: that is how rounds of exchange go.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, flat, tree

from spredning.core import filehead


def joined(text: str) -> str:
    """Output without any blank or line break: a long path may be wrapped anywhere."""
    return "".join(text.split())


# The commands that write a file where --ud says, with what each needs besides --ud.
WRITERS = {
    "eksport": ("eksport",),
    "rapport-md": ("rapport", "--format", "md"),
    "arbejdsark": ("arbejdsark",),
    "plan-csv": ("plan", "--format", "csv"),
}


@pytest.fixture
def two(tmp_path, run_cli, monkeypatch) -> tuple[Org, Org]:
    monkeypatch.chdir(tmp_path)
    a = Org(tmp_path / "fo-A", tmp_path, run_cli)
    a.ok("start", "--navn", "P", "--deler", "Odense", "--genbruger", "Syd", "--rolle", "dele")
    a.answer({D1: "A's formål"})
    b = Org(tmp_path / "fo-B", tmp_path, run_cli)
    b.ok("start", "--navn", "Q", "--deler", "Aarhus", "--genbruger", "Nord", "--rolle", "dele")
    b.answer({D1: "B's formål"})
    return a, b


@pytest.mark.parametrize("writer", WRITERS)
def test_another_folders_project_file_is_never_replaced(two, writer):
    a, b = two
    before = tree(b.home)
    code, _, err = a(*WRITERS[writer], "--ud", str(b.path), "--overskriv")
    assert code == 1, err
    assert f"{b.path}erenprojektfil" in joined(err)
    assert "heller ikke med --overskriv" in flat(err) and "Vælg et andet filnavn med --ud" in flat(err)
    assert tree(b.home) == before
    assert b.texts()[D1] == "B's formål"


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("name", ["q.yaml", "aktivt-projekt", "ny.yaml"])
def test_nothing_is_written_in_another_folders_helper_folder(two, writer, name):
    a, b = two
    target = b.home / ".spredning" / name
    before = tree(b.home)
    code, _, err = a(*WRITERS[writer], "--ud", str(target), "--overskriv")
    assert code == 1, err
    assert "skjulte mappe med hjælpefiler til projektmappen" in flat(err)
    assert tree(b.home) == before


def test_a_backup_or_a_hidden_file_beside_another_folders_projects_is_kept(two):
    a, b = two
    backup = b.home / "q.yaml.bak-20240101-120000"
    backup.write_bytes(b"format: '2'\nnoget, der var i stykker\n")  # a hand-edited file kept aside
    hidden = b.home / ".aktivt-projekt"
    hidden.write_bytes(b"q\n")
    before = tree(b.home)
    for target in (backup, hidden):
        code, _, err = a("rapport", "--format", "md", "--ud", str(target), "--overskriv")
        assert code == 1, err
        assert f"hørertilprojektmappen{b.home}" in joined(err)
    assert tree(b.home) == before


def test_a_project_file_outside_any_projects_folder_is_known_by_its_first_lines(two, tmp_path):
    a, b = two
    copy = tmp_path / "kopi-af-q.yaml"  # a copy kept elsewhere, or a git clone without .spredning
    copy.write_bytes(b.path.read_bytes())
    code, _, err = a("eksport", "--ud", str(copy), "--overskriv")
    assert code == 1 and "er en projektfil" in flat(err)
    assert copy.read_bytes() == b.path.read_bytes()


def test_an_earlier_export_in_another_folder_is_replaced(two):
    a, b = two
    target = b.home / "runde.yaml"  # last round's export, saved where the partner imports from
    a.ok("eksport", "--ud", str(target))
    first = target.read_bytes()
    a.answer({D1: "A's nye formål"})
    a.ok("eksport", "--ud", str(target), "--overskriv")
    assert target.read_bytes() != first
    assert filehead.head_kind(target.read_bytes()) == "exchange"
    b.ok("importer", str(target))  # a new project for B: the file reads as a whole export


def test_a_report_replaces_an_earlier_report(two, tmp_path):
    a, _ = two
    target = tmp_path / "rapport.md"
    target.write_text("# En ældre rapport\n", encoding="utf-8")
    a.ok("rapport", "--format", "md", "--ud", str(target), "--overskriv")
    assert "A's formål" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"format: '2'\nid: x\nprojekt:\n  navn: Q\nsvar:\n", "project"),
        (b"# rettet i h\xc3\xa5nden\n\nformat: '3'\nprojekt:\n  navn: Q\n", "project"),
        (b"format: '4'\nid: x\nprojekt:\n  navn: Q\nudveksling:\n  fra: dele\nsvar:\n", "exchange"),
        (b"format: '1'\nprojekt:\n  navn: Q\n", "project"),
        (b"# Rapport\n\nformat: '2'\n", None),
        (b"format: '2'\n", None),  # no 'projekt:': some other file
        (b"", None),
    ],
)
def test_head_kind(head, kind):
    assert filehead.head_kind(head) == kind
