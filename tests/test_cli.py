"""The error boundary in cli.py: every wrong command line ends in Danish, never in a traceback."""

from __future__ import annotations

import re
import subprocess

import pytest
from terminal import COMMAND


@pytest.mark.parametrize(
    "argv, said",
    [
        (("fase",), "Der mangler en fase: skriv, hvilken fase I vil svare på, fx 'spredning fase tjek'."),
        (("godkend",), "Der mangler en fase: skriv, hvilken fase I godkender, fx 'spredning godkend tjek'."),
        (("projekt", "brug"), "fx 'spredning projekt brug \"Digital genoptræning\"'."),
        (("importer",), "(fra 'spredning eksport' eller et udfyldt arbejdsark), efter 'spredning importer'."),
        (("plan", "ret"), "Der mangler en handling: skriv dens id efter 'spredning plan ret'."),  # no project
    ],
)
def test_a_missing_argument_is_said_with_what_to_write_and_an_example(run_cli, argv, said):
    code, out, err = run_cli(*argv)
    assert code == 2
    assert said in " ".join(err.split())
    assert f"spredning {' '.join(argv)} --help" in err
    assert "Traceback" not in err + out


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_missing_phase_names_the_guides_phases(run_cli, language):
    code, _, err = run_cli("--sprog", language, "fase")
    assert code == 2
    said = " ".join(err.split())
    if language == "da":
        assert "Guidens faser er: tjek, test, tilpas, fjern, brug, høst." in said
    else:
        assert (
            "e.g. 'spredning --sprog en fase check'. "
            "The guide's phases are: check, test, adapt, remove, implement, harvest." in said
        )


def _required_arguments() -> list[list[str]]:
    """Every command that takes a required argument, as its words (found, not listed by hand)."""
    import typer.main

    from spredning.cli.main import build_app

    found: list[list[str]] = []

    def walk(command, ctx, words):
        if any(p.param_type_name == "argument" and p.required for p in command.params):
            found.append(words)
        for name in getattr(command, "list_commands", lambda ctx: [])(ctx):
            sub = command.get_command(ctx, name)
            walk(sub, typer.Context(sub, parent=ctx, info_name=name), [*words, name])

    root = typer.main.get_group(build_app())
    walk(root, typer.Context(root, info_name="spredning"), [])
    return found


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_missing_argument_is_said_without_what_to_write(run_cli, language):
    """Not a bare 'Der mangler NAVN.': every command says what to write there (or the choices)."""
    commands = _required_arguments()
    assert ["fase"] in commands and ["projekt", "fjern-genbruger"] in commands
    for words in commands:
        code, _, err = run_cli("--sprog", language, *words)
        said = " ".join(err.split())
        assert code == 2, words
        assert re.search(r"\b(skriv|write)\b", said), (words, said)
        assert not re.search(r"(Der mangler [A-ZÆØÅ|]+\.|[A-Z|]+ is missing\.)", said), (words, said)


def test_a_missing_choice_is_named_in_words_not_as_its_placeholder(run_cli):
    code, out, err = run_cli("projekt", "side")
    assert (code, out) == (2, "")
    assert "Der mangler et valg: skriv dele eller genbruge." in err
    assert "dele|genbruge" not in err


@pytest.mark.parametrize("option", ["--hjem", "--guide"])
@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_folder_option_is_refused_not_taken_as_the_usual_folder(run_cli, option, value):
    """'--hjem "$DIR"' with DIR unset must not work in the usual projects folder without a word."""
    code, out, err = run_cli(option, value, "status")
    assert (code, out) == (2, "")
    assert f"Tilvalget {option} skal have en mappe, men der står ingenting efter det." in err
    assert "er variablen, der skulle give den, tom?" in " ".join(err.split())


@pytest.mark.parametrize("argv", [("--help",), ("projekt",), ("guide",)])
def test_a_reader_that_stops_early_gets_no_traceback(argv, tmp_path):
    # like 'spredning guide | head -1': the pipe closes while spredning is still writing
    process = subprocess.Popen(
        [str(COMMAND), *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path
    )
    process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err


def test_global_options_work_after_the_command_too(run_cli, tmp_path):
    home = tmp_path / "andet-hjem"
    code, _, err = run_cli("start", "--navn", "Ærø", "--rolle", "dele", "--hjem", str(home))
    assert code == 0, err
    assert (home / "aeroe.yaml").is_file()
    code, out, err = run_cli("status", "--projekt", "Ærø", "--hjem", str(home))
    assert code == 0, err
    assert "Ærø" in out
    code, out, err = run_cli("status", f"--hjem={home}", "--projekt=aeroe")
    assert code == 0, err


def test_a_global_option_without_its_value_is_a_usage_error(run_cli):
    code, _, err = run_cli("status", "--projekt")
    assert code == 2
    assert "--projekt" in err and "Traceback" not in err


HOSTILE_NAME = "Ærø \x1b]0;titel\x07\x1b[31m\u202e"


def test_command_messages_show_a_hostile_project_name_safely(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outputs = [run_cli("start", "--navn", HOSTILE_NAME, "--rolle", "dele", "--genbruger", "B\x1b[2J")]
    outputs.append(run_cli("projekt", "brug", "aeroe-0-titel-31m"))
    outputs.append(run_cli("eksport", "--ud", str(tmp_path / "ud.yaml")))
    outputs.append(run_cli("rapport"))
    outputs.append(run_cli("--projekt", "aeroe-0-titel-31m", "status"))
    for code, out, err in outputs:
        assert code == 0, err
        for raw in ("\x1b", "\x07", "\u202e"):
            assert raw not in out + err
    assert "Ærø ␛]0;titel␇␛[31m<U+202E>" in outputs[0][1]


def test_hints_carry_the_global_options_a_next_command_needs(run_cli, tmp_path, monkeypatch):
    """A hint's command must reach the same projects, in the same language, as the command typed."""
    monkeypatch.setenv("COLUMNS", "1000")  # the long test folder on one line: a word longer than the
    # screen is folded inside it, wherever the folder's name happens to reach
    folder = tmp_path / "en mappe"  # a space: the hint quotes it as a shell needs
    code, out, err = run_cli("--hjem", str(folder), "start", "--navn", "Ærø", "--rolle", "dele", "--debug")
    assert code == 0, err
    said = " ".join(out.split())
    assert f"Næste skridt: spredning --hjem '{folder}' fase tjek --rolle dele" in said
    assert "--debug" not in said

    code, out, err = run_cli("status", "--sprog", "en", f"--hjem={folder}", "--projekt", "Ærø")
    said = " ".join(out.split())
    assert code == 0, err
    # the project as its file name, one shell word whatever was typed ('Ærø' -> aeroe.yaml)
    # in English the phase as English names it ('fase check' works as 'fase tjek' does)
    step = f"Next step: spredning --sprog en --hjem '{folder}' fase check --rolle dele --projekt aeroe"
    assert step in said

    code, _, err = run_cli("--hjem", str(folder), "start")
    assert f"spredning --hjem '{folder}' start --navn" in " ".join(err.split())  # errors' hints too


@pytest.mark.parametrize(
    "given",
    [
        (),
        ("--navn", "Mit projekt"),
        ("--rolle", "dele"),
        ("--rolle", "genbruge"),
        ("--genbruger", "Ærø Kommune", "--genbruger", "Fanø Kommune"),
        ("--sprog", "en"),
    ],
    ids=["intet", "navn", "dele", "genbruge", "to-genbrugere", "engelsk"],
)
def test_start_without_a_terminal_hints_a_command_that_works_as_typed(run_cli, given):
    import shlex

    code, out, err = run_cli("start", *given)
    assert (code, out) == (2, ""), err
    said = " ".join(err.split())
    hinted = shlex.split(said[said.index(": spredning ") + 2 :])
    assert hinted[0] == "spredning"
    code, out, err = run_cli(*hinted[1:])
    assert code == 0, err
    assert "Projektet er oprettet" in out or "The project has been created" in out


@pytest.mark.parametrize(
    ("argv", "close"),
    [
        (("godkend", "tjk", "--af", "Eva Jensen"), "Mente du 'tjek'?"),
        (("vis", "fjernn"), "Mente du 'fjern'?"),
        (("fase", "tjekk"), "Mente du 'tjek'?"),
        (("fase", "høsst"), "Mente du 'høst'?"),
        (("rapport", "--fase", "tilpass"), "Mente du 'tilpas'?"),
        (("--sprog", "en", "fase", "chek"), "Did you mean 'check'?"),
        (("--sprog", "en", "vis", "harvst"), "Did you mean 'harvest'?"),
        (("vis", "xyz"), ""),
    ],
)
def test_a_misspelt_phase_gets_the_closest_phase_and_the_list_and_no_other_command(run_cli, argv, close):
    run_cli("start", "--navn", "Ærø", "--rolle", "dele")
    code, out, err = run_cli(*argv)
    said = " ".join(err.split())
    assert (code, out) == (2, ""), err
    assert close in said and ("Mente du" in said or "Did you mean" in said) == bool(close)
    english = "check, test, adapt, remove, implement, harvest"
    phases = english if argv[0] == "--sprog" else "tjek, test, tilpas"
    assert phases in said  # as this user types them: English names in English
    typed = argv[2] if argv[0] == "--sprog" else argv[0]
    others = [word for word in ("fase", "vis", "godkend", "rapport") if word != typed]
    assert not [word for word in others if f" {word} " in said]  # no other command than the one typed


@pytest.mark.parametrize("columns", [30, 45, 60])
def test_an_errors_commands_stay_whole_on_a_narrow_terminal(run_cli, monkeypatch, columns):
    """A command in an error or its hint is never broken across lines: it is typed as shown."""
    monkeypatch.setenv("COLUMNS", str(columns))
    code, _out, err = run_cli("vis")  # no project yet: start one, or import one from a partner
    assert code == 1
    lines = err.splitlines()
    assert any("'spredning start'" in line for line in lines), err
    assert any("'spredning importer'" in line for line in lines), err
    code, _out, err = run_cli("fase", "tjek", "--ukendt")
    assert code == 2
    assert any("'spredning fase --help'" in line for line in err.splitlines()), err


def test_the_side_step_names_two_commands_that_work_as_typed(run_cli):
    """'projekt side dele|genbruge' typed in a shell ran half of itself (the | is a pipe)."""
    import shlex

    assert run_cli("start", "--eksempel")[0] == 0  # the example: no side chosen on this computer
    _code, out, _err = run_cli("status")
    commands = re.findall(r"'(spredning projekt side [^']*)'", " ".join(out.split()))
    assert commands == ["spredning projekt side dele", "spredning projekt side genbruge"], out
    for typed in commands:
        assert "|" not in typed
        code, _out, err = run_cli(*shlex.split(typed)[1:])
        assert (code, err) == (0, ""), typed


def test_english_hints_name_the_phase_in_english_and_the_command_takes_it(run_cli, tmp_path):
    """Under --sprog en a hint says 'fase check', 'godkend harvest' ...; each is a command that works."""
    folder = tmp_path / "hjem"
    english = ("--sprog", "en", "--hjem", str(folder))
    code, out, err = run_cli(*english, "start", "--navn", "Ærø", "--rolle", "dele")
    assert code == 0, err
    said = " ".join(out.split())
    assert f"spredning --sprog en --hjem {folder} fase check --rolle dele" in said
    assert "fase tjek" not in said

    code, _, err = run_cli("--sprog", "en", "--hjem", str(folder), "godkend", "hoest", "--dato", " ")
    said = " ".join(err.split())
    assert code == 2, err
    assert "godkend harvest" in said and "godkend hoest" not in said

    code, out, err = run_cli("--sprog", "en", "--hjem", str(folder), "guide", "harvest", "--ingen-pager")
    assert code == 0, err
    assert out.startswith("Phase 6: Harvest")


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_example_made_twice_says_how_to_carry_on_not_to_choose_another_name(run_cli, language):
    """trial16: 'Vælg et andet navn', but --eksempel takes no name. The hint's commands run (fjern asks in a
    terminal; here it gets --ja)."""
    import shlex

    sprog = ("--sprog", language)
    assert run_cli(*sprog, "start", "--eksempel")[0] == 0
    code, out, err = run_cli(*sprog, "start", "--eksempel")
    said = " ".join(err.split())
    assert (code, out) == (2, ""), err
    assert "andet navn" not in said and "another name" not in said
    commands = re.findall(r"'(spredning [^']*)'", said)
    assert len(commands) == 2 and " projekt brug " in commands[0] and " projekt fjern " in commands[1], said
    for typed in commands:
        code, _out, err = (
            run_cli(*shlex.split(typed)[1:], "--ja") if "fjern" in typed else run_cli(*shlex.split(typed)[1:])
        )
        assert code == 0, (typed, err)
    assert run_cli(*sprog, "start", "--eksempel")[0] == 0  # put aside: the example begins afresh


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_projekt_groups_help_names_removing_restoring_and_merging_within_80_columns(tmp_path, language):
    """trial42: 'Skift projekt eller side; navngiv organisationerne.' left out fjern, gendan and flet."""
    from exchange_kit import installed

    words = {"da": ("fjern", "gendan", "flet"), "en": ("remove", "restore", "merge")}[language]
    for argv in (("--help",), ("projekt", "--help")):
        code, out, err = installed("--sprog", language, *argv, home=tmp_path / "hjem", cwd=tmp_path)
        assert code == 0, err
        assert all(len(line) <= 80 for line in out.splitlines())
        said = " ".join(out.split())
        if argv == ("--help",):
            [line] = [line for line in out.splitlines() if line.strip().startswith("projekt ")]
            said = line  # the group's one line, whole
        assert all(word in said for word in words), said
