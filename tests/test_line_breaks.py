"""Messages at 80 columns: a command in them stays whole on one line, every other line fits.

A command is typed (or copied) as shown, so it is never broken; when it is longer than the line it
stands alone on its line and the terminal folds it. conftest.py sets COLUMNS=80.
"""

from __future__ import annotations

import re

import pytest

from spredning.i18n import t

WIDTH = 80


def program(language: str) -> str:
    """The command as the hints write it: the options this run was given are part of it."""
    return f"spredning --sprog {language}"


def assert_commands_whole(out: str, commands: list[str]) -> None:
    """Each command on one line; a line over the width is one command (a quote or stop glued to it)
    or one word (a file's full path, kept whole to be copied)."""
    lines = out.splitlines()
    for command in commands:
        assert any(command in line for line in lines), (command, lines)
    for line in lines:
        alone = line.strip().strip("'.,()")
        assert len(line) <= WIDTH or alone in commands or " " not in alone, line


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """The current folder is tmp_path: files a command writes there stay in the test's folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_example_projects_tips_keep_each_command_whole(run_cli, language):
    code, out, err = run_cli("--sprog", language, "start", "--eksempel")

    assert (code, err) == (0, "")
    prog = program(language)
    assert_commands_whole(out, [f"{prog} status", f"{prog} vis", f"{prog} rapport --format html"])


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_next_step_after_start_keeps_both_commands_whole(run_cli, language):
    code, out, err = run_cli(
        "--sprog", language, "start", "--navn", "Genoptræning i eget hjem", "--deler", "Vejle Kommune",
        "--genbruger", "Ærø Kommune", "--rolle", "dele",
    )  # fmt: skip

    assert (code, err) == (0, "")
    prog = program(language)
    phase = "tjek" if language == "da" else "check"  # the phase as the language names it
    assert_commands_whole(out, [f"{prog} fase {phase} --rolle dele", f"{prog} status"])
    assert t("start.next", command="", status="").split()[0] in out


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_worksheets_way_back_keeps_its_command_whole(run_cli, in_tmp, language):
    name = "Digital genoptræning med en lang titel"
    code, _, err = run_cli(
        "start", "--navn", name, "--deler", "Vejle Kommune", "--genbruger", "Ærø Kommune", "--rolle", "dele"
    )
    assert (code, err) == (0, "")

    code, out, err = run_cli("--sprog", language, "arbejdsark", "--partner", "aeroe")

    assert (code, err) == (0, "")
    written = [path.name for path in in_tmp.glob("*.docx")]
    assert len(written) == 1
    assert_commands_whole(out, [f"{program(language)} importer {written[0]}"])


def test_a_new_partners_send_hint_keeps_its_command_whole(run_cli):
    run_cli("start", "--navn", "Genoptræning", "--deler", "Vejle Kommune", "--rolle", "dele")

    code, out, err = run_cli("--sprog", "en", "projekt", "genbruger", "Region Syddanmarks Rehabilitering")

    assert (code, err) == (0, "")
    assert_commands_whole(out, ["spredning --sprog en eksport --partner region-syddanmarks-rehabilitering"])


def test_the_plans_hints_keep_their_commands_whole(run_cli):
    run_cli("start", "--eksempel")

    code, out, err = run_cli("--sprog", "en", "plan")

    assert (code, err) == (0, "")
    change = re.search(r"spredning --sprog en plan ret [0-9a-f]{8}", out)  # a real action's id
    assert change, out
    assert_commands_whole(out, ["spredning --sprog en plan tilføj", change.group(0)])
