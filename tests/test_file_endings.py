"""A file written with --ud holds what its name's ending says, or nothing is written (a usage error).

`rapport --ud rapport.pdf` wrote Markdown into a file named .pdf, `eksport --ud svar.docx` YAML into a
"Word" file, and `plan --ud plan.csv` wrote nothing at all: each opened nowhere. Now a known ending
chooses the format when --format is not given, and an ending that names another kind is refused.
"""

from __future__ import annotations

import pytest
from report_reading import flat

EXAMPLE = ("start", "--eksempel")


@pytest.fixture
def example(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli(*EXAMPLE)[0] == 0
    assert run_cli("projekt", "side", "dele")[0] == 0
    return tmp_path


MAGIC = {"pdf": b"%PDF", "docx": b"PK\x03\x04", "html": b"<!DOCTYPE html>", "ics": b"BEGIN:VCALENDAR"}


@pytest.mark.parametrize(
    ("argv", "name", "kind"),
    [
        (("rapport",), "rapport.pdf", "pdf"),
        (("rapport",), "rapport.DOCX", "docx"),
        (("rapport",), "rapport.htm", "html"),
        (("dagsorden",), "dagsorden.pdf", "pdf"),
        (("plan",), "plan.ics", "ics"),
    ],
)
def test_without_format_the_ending_chooses_it(run_cli, example, argv, name, kind):
    code, _, err = run_cli(*argv, "--ud", name)

    assert code == 0, err
    assert (example / name).read_bytes().startswith(MAGIC[kind])


def test_plan_to_a_csv_file_writes_the_spreadsheet(run_cli, example):
    code, _, err = run_cli("plan", "--ud", "plan.csv")

    assert code == 0, err
    assert (example / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's BOM, then the rows


@pytest.mark.parametrize(
    ("argv", "name", "written", "offered"),
    [
        (("rapport", "--format", "pdf"), "rapport.md", ".pdf", "eller --format md for at skrive en .md-fil"),
        (("rapport", "--format", "md"), "rapport.docx", ".md", "eller --format docx"),
        (("dagsorden", "--format", "docx"), "dagsorden.pdf", ".docx", "eller --format pdf"),
        (("plan", "--format", "ics"), "plan.csv", ".ics", "eller --format csv"),
        (("arbejdsark",), "ark.pdf", ".docx", ""),
        (("eksport",), "svar.docx", ".yaml", ""),
        (("rapport", "--format", "docx"), "rapport.txt", ".docx", ""),
    ],
)
def test_an_ending_that_names_another_kind_of_file_is_refused_and_nothing_is_written(
    run_cli, example, argv, name, written, offered
):
    before = sorted(path.name for path in example.iterdir())

    code, out, err = run_cli(*argv, "--ud", name)

    assert (code, out) == (2, "")
    said = flat(err)
    ending = "." + name.rsplit(".", 1)[1]
    assert f"Filnavnet {name} ender på {ending}, men kommandoen skriver en {written}-fil" in said
    assert f'Intet er skrevet. Brug fx --ud "{name.rsplit(".", 1)[0]}{written}"' in said
    assert offered in said
    assert sorted(path.name for path in example.iterdir()) == before


def test_an_ending_the_program_does_not_know_is_left_to_the_user(run_cli, example):
    assert run_cli("rapport", "--ud", "rapport.udkast")[0] == 0
    assert (example / "rapport.udkast").read_text(encoding="utf-8").startswith("# ")  # Markdown, as before


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        (("rapport",), "# "),
        (("dagsorden",), "# "),
        (("eksport",), "format:"),
        (("plan", "--format", "csv"), "\ufeff"),
    ],
)
def test_a_text_file_may_be_named_txt(run_cli, example, argv, start):
    """Markdown, YAML and CSV are plain text and open as a .txt file does: that name is no mistake."""
    code, _, err = run_cli(*argv, "--ud", "fil.txt")

    assert code == 0, err
    assert (example / "fil.txt").read_text(encoding="utf-8").startswith(start)


def test_the_plans_table_has_no_file(run_cli, example):
    code, _, err = run_cli("plan", "--ud", "plan.txt")

    assert code == 2
    assert "--ud kan ikke bruges til tabellen" in flat(err) and "--format csv --ud plan.csv" in flat(err)
    assert not (example / "plan.txt").exists()


def test_in_english_too(run_cli, example):
    code, _, err = run_cli("--sprog", "en", "rapport", "--format", "pdf", "--ud", "report.md")

    assert code == 2
    assert "The file name report.md ends in .md, but the command writes a .pdf file" in flat(err)
