"""The plan's hints show a real action's id, not a placeholder: found in a trial as new users,
'ret med spredning plan ret ID' and 'fx spredning plan luk 3f9' failed when copied as shown.
Where no action can be known (an empty plan), the words say that the id goes after the command.
Each test runs the command as printed.
"""

from __future__ import annotations

import re
import shlex

import pytest
from exchange_kit import flat

from spredning.core import followup


def actions(ws, slug):
    project = ws.store.load(slug)
    return followup.plan_items(project, project.partners[0])


def quoted(text: str, before: str) -> list[str]:
    """The command in quotes after `before` ('ret med 'spredning plan ret 1a2b3c4d''), as its words."""
    found = re.search(re.escape(before) + r" '(?:spredning) (.*?)'", flat(text))
    assert found, text
    return shlex.split(found.group(1))


def test_the_plan_listing_shows_the_change_command_with_the_first_actions_id(run_cli, ws, reusing):
    for what, due in (("Senere", "01-01-2070"), ("For sent", "01-01-2020")):
        assert run_cli("plan", "tilføj", "--hvad", what, "--frist", due)[0] == 0
    late = next(item for item in actions(ws, reusing) if item.what == "For sent")

    code, out, err = run_cli("plan")

    assert code == 0, err
    shown = quoted(out, "ret med")
    assert shown == ["plan", "ret", late.id]  # the first row's (overdue first), not 'ID'
    assert run_cli(*shown, "--status", "i gang")[0] == 0
    assert next(i for i in actions(ws, reusing) if i.id == late.id).status == "i-gang"


def test_the_plan_listing_names_an_open_action_to_change_and_none_when_all_are_closed(run_cli, ws, reusing):
    """Reported (trial): after 'plan luk' the listing said "ret med 'spredning plan ret ba03dab2'",
    an action already closed. An open one is named; with none open, no action to change is."""
    for what in ("Ring til Odense", "Send referat"):
        assert run_cli("plan", "tilføj", "--hvad", what)[0] == 0
    first, second = (item.id for item in actions(ws, reusing))
    assert run_cli("plan", "luk", first)[0] == 0

    code, out, err = run_cli("plan")

    assert code == 0, err
    assert quoted(out, "ret med") == ["plan", "ret", second]
    assert run_cli("plan", "luk", second)[0] == 0
    out = run_cli("plan")[1]
    assert "ret med" not in flat(out) and first not in flat(out).split("Tilføj med")[-1], out
    assert quoted(out, "Tilføj med") == ["plan", "tilføj"]


@pytest.mark.parametrize("command", ["luk", "ret"])
def test_a_missing_id_shows_an_open_actions_id_that_runs(run_cli, ws, reusing, command):
    assert run_cli("plan", "tilføj", "--hvad", "Lukket", "--status", "færdig")[0] == 0
    assert run_cli("plan", "tilføj", "--hvad", "Ring til Odense")[0] == 0
    open_one = next(item for item in actions(ws, reusing) if item.what == "Ring til Odense")
    given = ["--status", "færdig"] if command == "ret" else []

    code, _, err = run_cli("plan", command, *given)

    assert code == 2
    shown = quoted(err, "fx")
    assert shown == ["plan", command, open_one.id, *given]  # the open one, not the closed one or '3f9'
    assert run_cli(*shown)[0] == 0
    assert next(i for i in actions(ws, reusing) if i.id == open_one.id).status == "færdig"


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_missing_id_with_an_empty_plan_says_where_the_id_goes(run_cli, reusing, language):
    code, _, err = run_cli("--sprog", language, "plan", "luk")

    assert code == 2
    said = flat(err)
    assert "3f9" not in said
    if language == "da":
        assert "skriv dens id efter 'spredning --sprog da plan luk'" in said
    else:
        assert "write its id after 'spredning --sprog en plan luk'" in said


def test_a_missing_id_without_a_project_says_where_the_id_goes(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SPREDNING_HJEM", str(tmp_path / "tom"))

    code, _, err = run_cli("plan", "luk")

    assert code == 2
    assert "skriv dens id efter 'spredning plan luk'" in flat(err)
    assert not (tmp_path / "tom").exists()  # a hint reads, never writes


def test_a_missing_id_writes_nothing_of_the_project(run_cli, ws, reusing):
    assert run_cli("plan", "tilføj", "--hvad", "Ring til Odense")[0] == 0
    before = {p: p.read_bytes() for p in ws.store.home.rglob("*") if p.is_file()}

    assert run_cli("plan", "luk")[0] == 2

    assert {p: p.read_bytes() for p in ws.store.home.rglob("*") if p.is_file()} == before
