"""Esc or Ctrl+C at 'Vil du erstatte …?' says what 'Nej' says: nothing was written, the file is unchanged
(its whole path), and for a worksheet the command that brings in the answers it may hold.

From a new-user trial: a stop there said only 'Stoppet. Intet er gået tabt af det, der allerede var
gemt.', not whether the file was written over. The question is one for every command that writes a
file (files.replacing): the worksheet, the report, the agenda, the plan and the export.
"""

from __future__ import annotations

import pytest
from docx import Document
from exchange_kit import flat
from homekit import CTRL_C, ENTER, ESC, QUIT, exchange, interactive, typed

ESC_STOP = ESC + ENTER  # the Enter after Esc reaches no list: a lone Esc at the end of the input is lost
SHEET = ("arbejdsark", "--fase", "tjek", "--rolle", "dele")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The working folder, where the files are written (by their default names)."""
    (tmp_path / "arbejde").mkdir()
    monkeypatch.chdir(tmp_path / "arbejde")
    return tmp_path / "arbejde"


def _changed_sheet(run_cli, folder):
    """A worksheet written by the program, then saved again in Word (here python-docx): changed since."""
    code, _, err = run_cli(*SHEET)
    assert code == 0, err
    [path] = folder.glob("*.docx")
    _written_in(path)
    return path, path.read_bytes()


def _written_in(path) -> None:
    """The sheet saved with a line added, as Word would save it (python-docx)."""
    document = Document(str(path))
    document.add_paragraph("Vores egne noter")
    document.save(str(path))


@pytest.mark.parametrize("stop", [ESC_STOP, CTRL_C], ids=["esc", "ctrl-c"])
def test_a_stop_at_replacing_a_changed_worksheet_says_it_is_unchanged_and_how_to_import_it(
    run_cli, monkeypatch, reusing, folder, stop
):
    path, changed = _changed_sheet(run_cli, folder)
    interactive(monkeypatch)

    run = typed(run_cli, stop, *SHEET)

    assert run.code == 130
    assert "Vil du erstatte arket?" in flat(run.screen)
    assert flat(run.err) == (
        f"Stoppet. Intet er skrevet; filen er uændret: {path} "
        f"Hent svarene i det ind med: spredning importer {path.name}"
    )
    assert path.read_bytes() == changed
    assert sorted(folder.iterdir()) == [path]  # no copy: nothing was replaced


def test_in_english_a_stop_at_replacing_the_worksheet_says_the_same(run_cli, monkeypatch, reusing, folder):
    path, changed = _changed_sheet(run_cli, folder)
    interactive(monkeypatch)

    run = typed(run_cli, CTRL_C, "--sprog", "en", *SHEET)

    assert run.code == 130
    assert flat(run.err) == (
        f"Stopped. Nothing was written; the file is unchanged: {path} "
        f"Bring the answers in it in with: spredning --sprog en importer {path.name}"
    )
    assert path.read_bytes() == changed


FILES = {  # each command that writes a file with --ud, and what it is
    "rapport": ("rapport", "--ud", "rapport.md"),
    "dagsorden": ("dagsorden", "--ud", "dagsorden.md"),
    "plan": ("plan", "--format", "csv", "--ud", "plan.csv"),
    "eksport": ("eksport", "--ud", "eksport.yaml"),
}


@pytest.mark.parametrize("stop", [ESC_STOP, CTRL_C], ids=["esc", "ctrl-c"])
@pytest.mark.parametrize("name", FILES)
def test_a_stop_at_replacing_a_file_says_nothing_was_written(
    run_cli, monkeypatch, reusing, folder, name, stop
):
    argv = FILES[name]
    path = folder / argv[-1]
    path.write_text("en andens fil\n", encoding="utf-8")  # not written by the program here
    interactive(monkeypatch)

    run = typed(run_cli, stop, *argv)

    assert run.code == 130, run.err
    assert "Vil du erstatte den?" in flat(run.screen)
    assert flat(run.err) == f"Stoppet. Intet er skrevet; filen er uændret: {path}"
    assert path.read_text(encoding="utf-8") == "en andens fil\n"
    assert sorted(folder.iterdir()) == [path]


def test_esc_at_replacing_the_worksheet_from_the_menu_says_it_and_the_menu_comes_back(
    run_cli, monkeypatch, ws, reusing, folder
):
    interactive(monkeypatch)
    # the whole guide (the list's first line), written, then the pause
    assert typed(run_cli, exchange(ws, "worksheet") + ENTER + ENTER + QUIT).code == 0
    [path] = folder.glob("*.docx")
    _written_in(path)
    changed = path.read_bytes()

    run = typed(run_cli, exchange(ws, "worksheet") + ENTER + ESC + QUIT)

    assert run.code == 0, run.err
    assert flat(run.err) == (
        f"Intet er skrevet; filen er uændret: {path} "
        f"Hent svarene i det ind med: spredning importer {path.name}"
    )
    assert path.read_bytes() == changed
    assert run.out.count("▶ ") == 2  # the menu, and again at once after Esc (no pause)
