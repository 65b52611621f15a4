"""`spredning rapport` as a user runs it: file names, formats, refusing to overwrite, filters."""

from __future__ import annotations

import zipfile

import pytest

EXAMPLE_SLUG = "eksempel-digitalt-genoptraeningsforloeb"


@pytest.fixture
def example(run_cli, tmp_path, monkeypatch):
    """The shipped example project, active, with the working folder in tmp_path."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("start", "--eksempel")
    assert code == 0, err
    return tmp_path


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_each_format_is_written_with_the_default_name_and_the_path_is_printed(run_cli, example, fmt):
    code, out, err = run_cli("rapport", "--format", fmt)
    assert code == 0, err
    path = example / f"{EXAMPLE_SLUG}-rapport.{fmt}"
    assert path.is_file()
    assert path.name in out.replace("\n", "")
    if fmt == "docx":
        assert zipfile.is_zipfile(path)
    else:
        text = path.read_text(encoding="utf-8")
        assert "Fase 1: Tjek" in text and "Fase 6: Høst" in text


def test_an_existing_report_is_not_overwritten_without_overskriv(run_cli, example):
    assert run_cli("rapport")[0] == 0
    path = example / f"{EXAMPLE_SLUG}-rapport.md"
    path.write_text("mine egne noter", encoding="utf-8")

    code, _, err = run_cli("rapport")
    assert code == 1
    assert "findes allerede" in err and "--overskriv" in err
    assert path.read_text(encoding="utf-8") == "mine egne noter"

    code, _, err = run_cli("rapport", "--overskriv")
    assert code == 0, err
    assert "Fase 1: Tjek" in path.read_text(encoding="utf-8")


def test_ud_phase_and_side_filters(run_cli, example):
    target = example / "ud" / "tjek.md"
    code, _, err = run_cli("rapport", "--ud", str(target), "--fase", "tjek", "--rolle", "genbruge")
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "Fase 1: Tjek" in text and "Fase 2: Test" not in text
    assert "Vi vil genbruge" in text and "Vi vil dele" not in text


@pytest.mark.parametrize(
    "argv, needle",
    [
        (("rapport", "--format", "pdf"), "Ukendt format"),
        (("rapport", "--fase", "femte"), "Ukendt fase"),
        (("rapport", "--rolle", "begge"), "Ukendt side"),
    ],
)
def test_wrong_options_are_usage_errors_in_danish(run_cli, example, argv, needle):
    code, _out, err = run_cli(*argv)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err
    assert not list(example.glob("*-rapport.*"))


def test_without_a_project_it_says_how_to_start_one(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("rapport")
    assert code == 1
    assert "intet aktivt projekt" in err
    assert "spredning start" in err
