"""render_project.py at 80 columns: the project list is drawn as before.

The expected text is what the program drew before its own layout code (render_text.py) took over
from rich: names too long for a line or with wide characters (wrapped by rich, as before), markup
and control characters (shown as typed, controls made visible), an unreadable file, the active
project's marker.
"""

from __future__ import annotations

import pytest

from spredning.cli import render_project

NAMES = [
    "Ærø Kommune",
    "Et meget langt projektnavn der bliver ved og ved og ved og ved og ved og ved til det er længere",
    "Projekt 日本語のプロジェクト",
    "Navn med [bold]markup[/bold] og \x1b[31m",
    "Kort",
]

PROJECT_LIST = (
    "  Projekt (navn til --projekt)                                  Besvaret\n"
    "  Ærø Kommune                                                   ░░░░░░░░░░ 0/85\n"
    "  aeroe-kommune\n"
    "  Et meget langt projektnavn der bliver ved og ved og ved og ved og ved og ved\n"
    "til det er længere  ░░░░░░░░░░ 0/85\n"
    "  et-meget-langt-projektnavn-der-bliver-ved-og-ved-og-ved-og-v\n"
    "▶ Kort                                                          ░░░░░░░░░░ 0/85\n"
    "  kort\n"
    "  Navn med [bold]markup[/bold] og ␛[31m                         ░░░░░░░░░░ 0/85\n"
    "  navn-med-bold-markup-bold-og-31m\n"
    "  oedelagt                                                      kan ikke læses\n"
    "  Projekt 日本語のプロジェクト\n"
    "░░░░░░░░░░ 0/85\n"
    "  projekt\n"
)


@pytest.fixture
def listed_projects(make_project, store):
    for name in NAMES:
        make_project(name, "dele")
    (store.home / "oedelagt.yaml").write_text("ikke: [et projekt", encoding="utf-8")


def test_the_project_list_is_drawn_as_before(listed_projects, run_cli):
    code, out, err = run_cli("projekter")

    assert (code, err) == (0, "")
    assert out[: out.index("Mappe:")] == PROJECT_LIST


def test_a_long_project_list_is_drawn_in_blocks_with_the_same_lines(listed_projects, run_cli, monkeypatch):
    monkeypatch.setattr(render_project, "BLOCK", 2)

    code, out, err = run_cli("projekter")

    assert (code, err) == (0, "")
    assert out[: out.index("Mappe:")] == PROJECT_LIST
