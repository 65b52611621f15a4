"""How hints name the program (cli/main.py program_name), and the home screen's tip for a plain word.

Real files in tmp_path stand in for installed commands; the PATH is set for each case, so the
answer comes from the same lookups a shell does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spredning import i18n
from spredning.cli import render_home as home
from spredning.cli.main import program_name


def script(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def venv(tmp_path, monkeypatch):
    """A project folder with .venv/bin/spredning, the working folder; nothing of it on the PATH."""
    folder = tmp_path / "projekt"
    script(folder / ".venv" / "bin" / "spredning")
    (folder / ".venv" / "bin" / "activate").write_text("# activate\n")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("PATH", str(tmp_path / "tom"))
    return folder


def test_on_the_path_it_is_a_plain_word(venv, monkeypatch):
    monkeypatch.setenv("PATH", str(venv / ".venv" / "bin"))

    assert program_name(str(venv / ".venv" / "bin" / "spredning")) == "spredning"


def test_a_link_on_the_path_to_this_program_is_a_plain_word(venv, tmp_path, monkeypatch):
    links = tmp_path / "bin"
    links.mkdir()
    (links / "spredning").symlink_to(venv / ".venv" / "bin" / "spredning")  # as pipx installs it
    monkeypatch.setenv("PATH", str(links))

    assert program_name(str(venv / ".venv" / "bin" / "spredning")) == "spredning"


def test_another_spredning_on_the_path_is_not_this_one(venv, tmp_path, monkeypatch):
    script(tmp_path / "andet" / "spredning")
    monkeypatch.setenv("PATH", str(tmp_path / "andet"))

    assert program_name(".venv/bin/spredning") == ".venv/bin/spredning"


def test_started_by_a_path_inside_the_working_folder_it_is_that_path(venv):
    assert program_name(".venv/bin/spredning") == ".venv/bin/spredning"
    assert program_name(str(venv / ".venv" / "bin" / "spredning")) == ".venv/bin/spredning"


def test_started_from_its_own_folder_it_is_dot_slash(venv, monkeypatch):
    monkeypatch.chdir(venv / ".venv" / "bin")

    assert program_name("./spredning") == "./spredning"


def test_started_from_elsewhere_it_is_the_whole_path(venv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "andet").mkdir()
    monkeypatch.chdir(tmp_path / "andet")

    assert program_name(str(venv / ".venv" / "bin" / "spredning")) == str(
        venv / ".venv" / "bin" / "spredning"
    )


def test_a_path_with_a_space_is_quoted(tmp_path, monkeypatch):
    program = script(tmp_path / "Anne Hansen" / "bin" / "spredning")
    (tmp_path / "andet").mkdir()
    monkeypatch.chdir(tmp_path / "andet")
    monkeypatch.setenv("PATH", str(tmp_path / "tom"))

    assert program_name(str(program)) == f"'{program}'"


def test_python_m_names_the_interpreter_as_the_user_can_type_it(venv, tmp_path, monkeypatch):
    python = script(venv / ".venv" / "bin" / "python")
    monkeypatch.setattr(sys, "executable", str(python))

    assert program_name(str(tmp_path / "spredning" / "__main__.py")) == ".venv/bin/python -m spredning"
    monkeypatch.setenv("PATH", str(python.parent))
    assert program_name(str(tmp_path / "spredning" / "__main__.py")) == "python -m spredning"


def test_python_m_with_a_venvs_link_is_not_the_system_python(venv, tmp_path, monkeypatch):
    system = script(tmp_path / "usr" / "bin" / "python3")
    link = venv / ".venv" / "bin" / "python3"
    link.symlink_to(system)
    monkeypatch.setattr(sys, "executable", str(link))
    monkeypatch.setenv("PATH", str(system.parent))

    assert program_name("/x/spredning/__main__.py") == ".venv/bin/python3 -m spredning"


# --- the tip on the home screen ---------------------------------------------------------------------


def test_the_tip_names_the_activation_line_when_started_by_path(venv, monkeypatch):
    monkeypatch.setattr(sys, "argv", [".venv/bin/spredning"])
    monkeypatch.setattr(i18n, "_state", {**i18n._state, "prog": ".venv/bin/spredning"})

    tip = home.plain_word_tip()

    expected = (
        "Tip: Skriv source .venv/bin/activate én gang i hvert nyt terminalvindue; så kan du skrive "
        "spredning i stedet for .venv/bin/spredning."
    )
    assert tip is not None and " ".join(tip.plain.split()) == expected


def test_the_tip_replaces_the_program_not_the_options_given_this_run(venv, monkeypatch):
    monkeypatch.setattr(sys, "argv", [".venv/bin/spredning", "--hjem", "mappe"])
    i18n.set_program(".venv/bin/spredning", ["--hjem", "mappe"])

    tip = home.plain_word_tip()

    assert tip is not None
    said = " ".join(tip.plain.split())
    assert said.endswith("så kan du skrive spredning i stedet for .venv/bin/spredning.")


def test_no_tip_when_spredning_is_a_plain_word(monkeypatch):
    monkeypatch.setattr(i18n, "_state", {**i18n._state, "prog": "spredning"})

    assert home.plain_word_tip() is None


def test_without_an_activation_script_the_tip_says_why_hints_name_the_path(tmp_path, monkeypatch):
    program = script(tmp_path / "bin" / "spredning")
    monkeypatch.setattr(sys, "argv", [str(program)])
    monkeypatch.setattr(i18n, "_state", {**i18n._state, "prog": str(program)})

    tip = home.plain_word_tip()

    assert tip is not None
    assert f"skrives her som {program}, fordi spredning ikke findes i din PATH" in " ".join(tip.plain.split())


@pytest.mark.skipif(os.name == "nt", reason="POSIX shells")
def test_words_in_shown_commands_are_quoted_when_a_shell_would_split_them():
    from spredning.cli.commands.commandline import command
    from spredning.core.shellwords import shell_word

    assert shell_word("tjek") == "tjek"
    assert shell_word("/sti/til/fil-1.yaml") == "/sti/til/fil-1.yaml"
    assert shell_word("min fil.yaml") == "'min fil.yaml'"
    assert shell_word("") == "''"
    assert shell_word("Vi mangler 'tal' & mere") == "\"Vi mangler 'tal' & mere\""  # not '"'"'
    assert shell_word("Kr. 5 $ 'ca.'") == "'Kr. 5 $ '\"'\"'ca.'\"'\"''"  # $ would expand in "..."
    assert (
        command("status", project="Digital genoptræning")
        == "spredning status --projekt 'Digital genoptræning'"
    )


@pytest.mark.skipif(os.name == "nt", reason="POSIX shells")
@given(st.text(max_size=30).filter(str.isprintable))  # others get bash's $'...', which shlex does not read
def test_a_quoted_word_is_that_one_word_to_a_shell(word):
    import shlex

    from spredning.core.shellwords import shell_word

    assert shlex.split(shell_word(word)) == [word]
