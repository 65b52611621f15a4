"""Hints name the project the user named: with --projekt NAME every command a hint prints has it too.

Without it the advised command works on the active project instead (a tester saw 'konflikter' say
there were none, and 'projekt genbruger ... --ny' add an organisation to the other project).
"""

from __future__ import annotations

import re
import shlex

import pytest
from exchange_kit import D1, D2, G1, Org, flat, start_sharing

OTHER = "Andet projekt"  # the active project while the commands name the shared one


@pytest.fixture
def hub(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the files the commands write go here
    """Odense shares with Ærø and Fanø (Fanø has answered), then starts OTHER, which is active now."""
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Formål"},
    )
    fanoe = Org(tmp_path / "fanoe", tmp_path, run_cli)
    assert fanoe.import_(sharing.export("--partner", "fanoe-kommune"))[0] == 0
    fanoe.answer({G1: "Ja, meget"})
    assert sharing.import_(fanoe.export())[0] == 0
    slug = sharing.slug
    sharing.ok(
        "start",
        "--navn",
        OTHER,
        "--deler",
        "Odense Kommune",
        "--genbruger",
        "Læsø Kommune",
        "--rolle",
        "dele",
    )
    return sharing, slug


def command_lines(text: str) -> list[str]:
    """The command lines a user is told to type: in quotes, or after a colon to the line's end."""
    found = re.findall(r"'(spredning [^'\n]*)'", text)
    found += re.findall(r"(?:^|: )(spredning [a-zæøå-][^'\n]*)$", text, flags=re.MULTILINE)
    return found


COMMANDS = [
    ("status",),
    ("plan",),
    ("projekt", "genbruger", "Fano Kommune"),
    ("projekt", "genbruger", "fanø kommune"),
    ("projekt", "genbruger", "Bornholms Regionskommune"),
    ("projekt", "fjern-genbruger", "Fanø Kommune"),
    ("dagsorden", "--partner", "fanoe-kommune"),
    ("møde", "--partner", "fanoe-kommune"),
    ("klarhed", "--partner", "fanoe-kommune"),
    ("arbejdsark", "--partner", "fanoe-kommune"),
    ("plan", "ret", "zzzz"),
    ("plan", "tilføj", "--partner", "fanoe-kommune"),
    ("godkend", "tjek", "--partner", "fanoe-kommune"),
    ("fase", "tjek", "--rolle", "dele"),
    ("projekt", "side", "genbruge", "--organisation", "Bornholms Regionskommune"),
    ("projekt", "side", "genbruge", "--organisation", "Fanø Kommune"),  # the sharing computer: --ja
    ("rapport", "--format", "xyz"),
]


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_hinted_command_names_the_project_given_with_projekt(hub, words):
    sharing, slug = hub
    _, out, err = sharing("--projekt", slug, *words)
    lines = [line for line in command_lines(out + err) if line != "spredning fase"]  # names, not advice
    assert lines, f"no command advised: {out}{err}"
    assert [line for line in lines if f"--projekt {slug}" not in line] == []


def conflicting(tmp_path, run_cli) -> tuple[Org, Org]:
    """Ærø and Odense both rewrote D1 and D2 since Ærø's first import; Ærø has started OTHER since."""
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Formål", D2: "Løsning"}
    )
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    reusing.answer({D1: "Ærøs formål", D2: "Ærøs løsning"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses formål", D2: "Odenses løsning"})
    reusing.ok(
        "start", "--navn", OTHER, "--deler", "Ærø Kommune", "--genbruger", "Læsø Kommune", "--rolle", "dele"
    )
    return sharing, reusing


@pytest.mark.parametrize("named", [True, False], ids=["--projekt", "file's own project"])
def test_the_conflicts_hint_after_an_import_settles_the_imported_projects_conflicts(
    tmp_path, run_cli, monkeypatch, named
):
    monkeypatch.chdir(tmp_path)
    sharing, reusing = conflicting(tmp_path, run_cli)
    slug = sharing.slug
    options = ("--projekt", slug) if named else ()
    code, out, _ = reusing(*options, "importer", str(sharing.export()))
    assert code == 0 and "2 konflikter" in flat(out)
    [hint] = [line for line in command_lines(out) if "konflikter" in line]
    code, out, err = reusing(*shlex.split(hint)[1:])  # the hinted command, as the user types it
    assert code == 0, err
    assert "Konflikt 1 af 2" in flat(out) and "ingen uafklarede konflikter" not in flat(out)


def test_a_project_named_by_its_words_is_repeated_as_its_file_name(hub):
    """'Genoptræning Ærø' with a blank would be quoted inside a quoted hint; its file name never is."""
    sharing, slug = hub

    code, _, err = sharing("--projekt", "Genoptræning Ærø", "projekt", "genbruger", "Fano Kommune")

    assert code == 2
    assert f"--projekt {slug} projekt genbruger" in flat(err)
    assert "Genoptræning Ærø'" not in err


def test_an_import_into_a_project_git_left_marked_names_it_in_the_command_that_repairs_it(
    tmp_path, run_cli, monkeypatch
):
    """The file's project is not the active one: 'konflikter' alone would repair nothing."""
    monkeypatch.chdir(tmp_path)
    sharing, reusing = conflicting(tmp_path, run_cli)
    path = reusing.store.path_for(sharing.slug)
    line = "      tekst: Ærøs formål\n"  # git marked a line both sides have (a clean merge)
    text = path.read_text(encoding="utf-8")
    assert line in text
    path.write_text(text.replace(line, f"<<<<<<< HEAD\n{line}=======\n{line}>>>>>>> andet\n"), "utf-8")
    file = sharing.export()

    code, out, err = reusing.import_(file)

    assert code == 1 and "git har efterladt en flettekonflikt" in flat(err)
    assert "teksteditor" not in err  # not to be corrected by hand
    [hint] = [line for line in command_lines(err) if "konflikter" in line]
    assert hint == f"spredning konflikter --projekt {sharing.slug}"
    code, out, err = reusing(*shlex.split(hint)[1:])  # as printed
    assert code == 0, err + out
    assert "<<<<<<<" not in path.read_text(encoding="utf-8")
    assert reusing.import_(file)[0] == 0  # then the file comes in, as the hint says
