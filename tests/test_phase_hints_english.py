"""Hints whose command names a phase name it as the user types it: under --sprog en by its English
name ('fase harvest'), not by the Danish id the core or the project file carries ('fase hoest').

The kept-twice hint (a git merge resolved by keeping both versions of an answer), the report's next
step, the home screen's 'Same as:' command and the answers-file hint for several phases.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from exchange_kit import flat
from homekit import DOWN, ENTER, PAUSE, QUIT, go, interactive, typed
from projectkit import new_project


def kept_twice(ws, question: str) -> None:
    """A project whose answer to `question` has two 'tekst:' lines, as a merge kept both sides."""
    slug = new_project(ws, answers={question: "Vores"})
    path = ws.store.path_for(slug)
    text = path.read_text(encoding="utf-8")
    assert text.count("tekst: Vores") == 1
    line = next(line for line in text.splitlines(keepends=True) if line.strip() == "tekst: Vores")
    path.write_text(text.replace(line, line + line.replace("Vores", "Deres")), encoding="utf-8")


def answered_question(ws) -> str:
    """An answerable question of the reusing side in the last phase (hoest)."""
    phase = ws.guide.find_phase("hoest")
    return phase.tools[0].questions("genbruge")[0].id


@pytest.mark.parametrize(("language", "shown"), [("da", "fase høst'"), ("en", "fase harvest'")])
def test_the_kept_twice_hint_names_the_phase_as_the_user_types_it(run_cli, ws, language, shown):
    kept_twice(ws, answered_question(ws))

    code, _, err = run_cli("--sprog", language, "status")

    assert code != 0
    said = flat(err)
    assert shown in said
    if language == "en":
        assert "fase hoest" not in said


def test_the_reports_next_step_names_the_phase_in_english(run_cli, ws, tmp_path):
    new_project(ws)
    out = tmp_path / "report.md"

    code, _, err = run_cli("--sprog", "en", "rapport", "--format", "md", "--ud", str(out))

    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "fase check --rolle genbruge" in text
    assert "fase tjek" not in text


@pytest.fixture
def home(monkeypatch, run_cli, tmp_path):
    interactive(monkeypatch)
    (tmp_path / "arbejde").mkdir()
    monkeypatch.chdir(tmp_path / "arbejde")
    return lambda keys, *argv: typed(run_cli, keys, *argv)


def test_the_home_screens_same_as_names_the_phase_in_english(home, ws):
    new_project(ws)
    keys = go(ws, "guide") + DOWN + ENTER  # the guide's list: the overview, then the phases

    run = home(keys + PAUSE + QUIT, "--sprog", "en")

    assert run.code == 0, run.err
    said = flat(run.out)
    assert "spredning --sprog en guide check" in said
    assert "guide tjek" not in said


def test_an_answers_file_of_several_phases_names_the_first_in_english(run_cli, ws, tmp_path):
    new_project(ws)
    check = ws.guide.find_phase("tjek").tools[0].questions("genbruge")[0].id
    harvest = answered_question(ws)
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"{check}: a\n{harvest}: b\n", encoding="utf-8")

    code, _, err = run_cli("--sprog", "en", "importer", str(answers))

    assert code != 0
    said = flat(err)
    assert "fase check --svar" in said and "fase tjek --svar" not in said
    assert os.path.exists(Path(answers))
