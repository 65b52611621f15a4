"""An answers file for 'fase --svar' given to 'importer' is said to be that, with the command to use.

Found in a trial as new users: 'importer svar.yaml' said only "ikke en fil fra spredning". The
file's question ids name its phase (and side), so the command shown runs as printed and saves it.
"""

from __future__ import annotations

import re
import shlex

from exchange_kit import D1, flat
from projectkit import saved

G1 = "tjek.beskriv-innovationen.genbruge.interessant"
G2 = "tjek.beskriv-innovationen.genbruge.samme-behov"
T1 = "test.del-viden-om-maalgruppen.genbruge.samme-maalgruppe"


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_an_answers_file_is_named_with_the_fase_command_that_saves_it(run_cli, ws, reusing, tmp_path):
    answers = write(tmp_path / "mine svar.yaml", f"{G1}: Ja, meget\n{G2}: Nej\n")
    before = answers.read_bytes()

    code, _, err = run_cli("importer", str(answers))

    assert code == 1
    said = flat(err)
    assert "ikke en fil fra spredning" not in said
    assert "er en svarfil til 'spredning fase --svar'" in said
    found = re.search(r"Gem svarene i den med: spredning (fase .*)$", said)
    assert found, said
    shown = shlex.split(found.group(1))
    assert shown == ["fase", "tjek", "--rolle", "genbruge", "--svar", str(answers)]
    code, _, err = run_cli(*shown)
    assert code == 0, err
    assert saved(ws, reusing)[G1] == "Ja, meget"
    assert answers.read_bytes() == before


def test_an_answers_file_of_several_phases_says_one_phase_at_a_time(run_cli, reusing, tmp_path):
    answers = write(tmp_path / "svar.yaml", f"{G1}: Ja\n{T1}: Nej\n")

    code, _, err = run_cli("importer", str(answers))

    assert code == 1
    said = flat(err)
    assert "er en svarfil til 'spredning fase --svar'" in said
    assert "én fase ad gangen" in said and "tjek og test" in said


def test_an_answers_file_is_named_in_english_too(run_cli, reusing, tmp_path):
    answers = write(tmp_path / "svar.yaml", f"{G1}: Yes\n")

    code, _, err = run_cli("--sprog", "en", "importer", str(answers))

    assert code == 1
    said = flat(err)
    assert "is an answers file for 'spredning --sprog en fase --svar'" in said
    assert f'with: spredning --sprog en fase check --rolle genbruge --svar "{answers}"' in said


def test_another_yaml_file_is_still_not_a_spredning_file(run_cli, reusing, tmp_path):
    other = write(tmp_path / "noter.yaml", "indkøb: mælk\nhusk: møde\n")

    code, _, err = run_cli("importer", str(other))

    assert code == 1
    assert "ikke en fil fra spredning" in flat(err)


def test_the_other_sides_answers_are_said_not_to_be_yours_before_the_command(run_cli, ws, reusing, tmp_path):
    """Odense's (the sharing side's) answers file opened on Ærø's computer: said plainly, whose they are.

    The side comes from the ids alone; saved unknowingly, they would be Ærø's copy of Odense's answers.
    """
    answers = write(tmp_path / "svar.yaml", f"{D1}: Skrevet af Odense\n")

    code, _, err = run_cli("importer", str(answers))

    assert code == 1
    said = flat(err)
    assert "Svarene i filen er til den delende side (Odense Kommune)" in said
    assert "på denne computer er I Ærø Kommune på den genbrugende side, så de er ikke jeres egne svar" in said
    assert "bed om deres fil fra 'spredning eksport'" in said
    found = re.search(r"gemme dem her som svar for den delende side, så: spredning (fase .*)$", said)
    assert found, said
    shown = shlex.split(found.group(1))
    assert shown == ["fase", "tjek", "--rolle", "dele", "--svar", str(answers)]
    code, _, err = run_cli(*shown)  # the command still runs as printed, for one who means it
    assert code == 0, err
    assert saved(ws, reusing)[D1] == "Skrevet af Odense"


def test_this_sides_answers_are_not_said_to_be_anothers(run_cli, reusing, tmp_path):
    answers = write(tmp_path / "svar.yaml", f"{G1}: Ja\n")

    code, _, err = run_cli("importer", str(answers))

    assert code == 1
    assert "ikke jeres egne" not in flat(err)
    assert "Gem svarene i den med: spredning fase tjek --rolle genbruge" in flat(err)


def test_without_a_project_the_side_is_not_compared(run_cli, tmp_path):
    answers = write(tmp_path / "svar.yaml", f"{D1}: Ja\n")

    code, _, err = run_cli("importer", str(answers))

    assert code == 1
    assert "ikke jeres egne" not in flat(err)
    assert "Gem svarene i den med: spredning fase tjek --rolle dele" in flat(err)
