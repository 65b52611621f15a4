"""The home screen's list of projects offers to remove one ('projekt fjern'): chosen from a list, asked
about in the command's own question, its files kept in fjernede/."""

from __future__ import annotations

import pytest
from homekit import DOWN, ENTER, ESC, PAUSE, QUIT, go, interactive, typed
from projectkit import new_project, workspace

from spredning.app import home as app_home

G1 = "tjek.beskriv-innovationen.genbruge.interessant"


@pytest.fixture
def ws(tmp_path):
    return workspace(tmp_path / "hjem")


@pytest.fixture
def home(monkeypatch, run_cli, tmp_path):
    interactive(monkeypatch)
    monkeypatch.setattr("spredning.cli.commands.project_files.is_interactive", lambda: True)
    (tmp_path / "arbejde").mkdir()
    monkeypatch.chdir(tmp_path / "arbejde")
    return lambda keys, *argv: typed(run_cli, keys, *argv)


def remove_keys(ws, slug: str) -> str:
    """The keys that open the projects list, choose 'Fjern et projekt' and then the project `slug`."""
    kinds = [action.kind for action in app_home.project_actions(ws)]
    projects = [action.value for action in app_home.remove_actions(ws)]
    return go(ws, "projects") + DOWN * kinds.index("remove") + ENTER + DOWN * projects.index(slug) + ENTER


def test_a_project_is_removed_from_the_list_after_the_commands_question(home, ws):
    new_project(ws, name="Første", answers={G1: "Ja, meget"})
    new_project(ws, name="Anden")  # active

    run = home(remove_keys(ws, "foerste") + DOWN + ENTER + PAUSE + QUIT)  # Yes at the command's question

    assert run.code == 0, run.err
    assert "Fjern et projekt (filerne gemmes)" in run.screen
    assert "Hvilket projekt skal fjernes?" in run.screen
    assert "Samme som: spredning projekt fjern foerste" in run.out
    assert "Projektet 'Første' (foerste.yaml) rummer 1 svar." in run.said
    assert "Projektet 'Første' er fjernet fra projektmappen." in run.said
    assert ws.store.slugs() == ["anden"]
    [kept] = (ws.store.home / "fjernede").glob("foerste-*")
    assert "Ja, meget" in (kept / "foerste.yaml").read_text(encoding="utf-8")


def test_no_at_the_question_keeps_it_and_esc_in_the_list_runs_nothing(home, ws):
    new_project(ws, name="Første", answers={G1: "Ja, meget"})
    new_project(ws, name="Anden")

    run = home(remove_keys(ws, "foerste") + ENTER + PAUSE + remove_keys(ws, "foerste")[:-1] + ESC + QUIT)

    assert run.code == 0, run.err
    assert "Intet er ændret; 'Første' er stadig i projektmappen." in run.said
    assert run.out.count("Samme som: spredning projekt fjern") == 1
    assert ws.store.slugs() == ["anden", "foerste"]
