"""What `start` and `projekt genbruger` are given that a project file cannot hold is a usage error.

A name (of the project or an organisation) is one line without tabs of at most 500 characters, a description
at most 10,000: said in plain words with exit code 2, before any file is made.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from spredning.i18n import t

START = [
    "start",
    "--navn",
    "Navn",
    "--beskrivelse",
    "x",
    "--deler",
    "A",
    "--genbruger",
    "B",
    "--rolle",
    "dele",
]


def given(option: str, value: str) -> list[str]:
    """The start command with one option's value replaced."""
    args = list(START)
    args[args.index(option) + 1] = value
    return args


@pytest.mark.parametrize(
    ("option", "value", "key", "has"),
    [
        ("--navn", "To\nlinjer", "start.name-one-line", "et linjeskift"),
        ("--navn", "n" * 501, "start.name-one-line", "501 tegn"),
        ("--navn", "Tab\tProjekt", "start.name-one-line", "et tabulatortegn"),
        ("--deler", "A\nB", "start.sharing-one-line", "et linjeskift"),
        ("--deler", "Tab\tKommune", "start.sharing-one-line", "et tabulatortegn"),
        ("--genbruger", "Tab\tKommune", "start.reusing-one-line", "et tabulatortegn"),
        ("--genbruger", "B\nC", "start.reusing-one-line", "et linjeskift"),
        ("--beskrivelse", "x" * 10_001, "start.description-too-long", ""),
    ],
)
def test_a_fact_the_file_cannot_hold_is_a_usage_error(run_cli, option, value, key, has):
    """The refusal says what the name has (stop 42's trial: it listed the rules only)."""
    code, _out, err = run_cli(*given(option, value))
    limit = 10_000 if key == "start.description-too-long" else 500
    assert code == 2
    said = " ".join(err.split())
    words = t(key, limit=limit, what=has)
    if has:
        assert words.endswith(f", men det har {has}.")
    if key == "start.name-one-line":  # then the command with a name that works, the other options kept
        assert said.startswith("Fejl: " + words + " Fx: spredning start --navn 'Genoptræning")
    else:
        assert said == "Fejl: " + words
    assert not any(Path(os.environ["SPREDNING_HJEM"]).glob("*.yaml"))


def test_a_description_may_span_lines(run_cli, tmp_path):
    """Unlike a name, a description is longer text: kept with its lines, and the question and the
    help do not ask for one line (they did, while the option took several)."""
    code, _out, err = run_cli(*given("--beskrivelse", "Første linje\nanden linje"))
    assert code == 0, err
    assert project_facts("navn")["beskrivelse"] == "Første linje\nanden linje"
    assert run_cli("rapport", "--ud", str(tmp_path / "r.md"))[0] == 0
    assert "Første linje\\\nanden linje" in (tmp_path / "r.md").read_text(encoding="utf-8")
    for said in (t("start.ask-description"), t("help.start.beskrivelse")):
        assert "én linje" not in said


@pytest.mark.parametrize("name", ["Q\nR", "Tab\tKommune"])
def test_a_new_partner_with_two_lines_or_a_tab_is_a_usage_error(run_cli, name):
    assert run_cli(*START)[0] == 0
    code, _out, err = run_cli("projekt", "genbruger", name)
    assert code == 2
    has = "et linjeskift" if "\n" in name else "et tabulatortegn"
    assert " ".join(err.split()) == "Fejl: " + t("start.reusing-one-line", limit=500, what=has)


# --- --organisation is our organisation, on either side; one rule for reusing names --------------


def project_facts(slug: str) -> dict:
    """The 'projekt:' lines of a project file in the projects folder."""
    path = Path(os.environ["SPREDNING_HJEM"]) / f"{slug}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["projekt"]


def start(run_cli, *options: str):
    return run_cli("start", "--navn", "P1", "--beskrivelse", "x", *options)


def test_organisation_on_the_sharing_side_is_the_sharing_organisation(run_cli):
    code, _out, err = start(
        run_cli, "--rolle", "dele", "--organisation", "Odense Kommune", "--genbruger", "Vejle Kommune"
    )
    assert code == 0, err
    assert project_facts("p1")["deler"] == "Odense Kommune"
    _code, out, _err = run_cli("status")
    assert "Deler         Odense Kommune" in out


def test_deler_and_a_different_organisation_on_the_sharing_side_is_a_usage_error(run_cli):
    code, _out, err = start(
        run_cli, "--rolle", "dele", "--deler", "Aarhus Kommune", "--organisation", "Odense"
    )
    assert code == 2
    assert " ".join(err.split()) == (
        "Fejl: --deler og --organisation siger to forskellige navne på jeres organisation: 'Aarhus Kommune' "
        "og 'Odense'. På den delende side er --organisation det samme som --deler. Skriv navnet én gang."
    )
    assert not any(Path(os.environ["SPREDNING_HJEM"]).glob("*.yaml"))


def test_organisation_on_the_reusing_side_is_our_reusing_organisation(run_cli):
    code, _out, err = start(
        run_cli, "--rolle", "genbruge", "--organisation", "Vejle Kommune", "--deler", "Odense Kommune"
    )
    assert code == 0, err
    assert project_facts("p1") == {
        "navn": "P1",
        "beskrivelse": "x",
        "deler": "Odense Kommune",
        "genbrugere": {"vejle-kommune": "Vejle Kommune"},
    }
    assert "Vi vil genbruge (Vejle Kommune)" in run_cli("status")[1]


def test_the_reusing_side_without_its_name_is_shown_organisation(run_cli):
    code, _out, err = start(run_cli, "--rolle", "genbruge")
    assert code == 2
    # the example is the command as given, with the organisation it lacks
    assert "start --navn P1 --rolle genbruge --beskrivelse x --organisation 'Ærø Kommune'" in " ".join(
        err.split()
    )


def test_an_organisation_not_among_the_reusing_ones_given_is_a_usage_error(run_cli):
    code, _out, err = start(
        run_cli, "--rolle", "genbruge", "--genbruger", "Fanø Kommune", "--organisation", "Vejle"
    )
    assert code == 2
    assert " ".join(err.split()).startswith(
        "Fejl: --organisation 'Vejle' er ikke en af de genbrugende organisationer, der står i --genbruger "
        "(Fanø Kommune)."
    )
    assert not any(Path(os.environ["SPREDNING_HJEM"]).glob("*.yaml"))


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (
            ("--deler", "Odense Kommune", "--genbruger", "odense kommune"),
            "Fejl: Odense Kommune er den organisation, der deler innovationen, så den kan ikke også være en "
            "genbrugende organisation.",
        ),
        (
            ("--deler", "Aarhus", "--genbruger", "Odense Kommune", "--genbruger", "ODENSE KOMMUNE"),
            "Fejl: 'ODENSE KOMMUNE' er den samme organisation som 'Odense Kommune', der allerede er skrevet "
            "som genbrugende organisation.",
        ),
    ],
)
def test_start_refuses_the_sharing_organisation_and_a_repeated_one_as_reusing(run_cli, options, said):
    code, _out, err = start(run_cli, "--rolle", "dele", *options)
    assert code == 2
    assert " ".join(err.split()).startswith(said)
    assert not any(Path(os.environ["SPREDNING_HJEM"]).glob("*.yaml"))


def test_a_new_partner_named_like_the_sharing_organisation_is_refused(run_cli):
    assert (
        start(run_cli, "--rolle", "dele", "--deler", "Aarhus Kommune", "--genbruger", "Ærø Kommune")[0] == 0
    )
    code, _out, err = run_cli("projekt", "genbruger", "aarhus kommune")
    assert code == 2
    assert " ".join(err.split()).startswith(
        "Fejl: Aarhus Kommune er den organisation, der deler innovationen i projektet, så den kan ikke også "
        "være en genbrugende organisation. Intet er ændret."
    )
    assert project_facts("p1")["genbrugere"] == {"aeroe-kommune": "Ærø Kommune"}


def test_a_new_partner_already_there_names_it_as_written_and_how_to_send_to_it(run_cli):
    assert (
        start(run_cli, "--rolle", "dele", "--deler", "Aarhus Kommune", "--genbruger", "Vejle Kommune")[0] == 0
    )
    code, _out, err = run_cli("projekt", "genbruger", "vejle kommune")
    assert code == 2
    assert " ".join(err.split()) == (
        "Fejl: 'vejle kommune' står allerede som genbrugende organisation i projektet: Vejle Kommune. "
        "Intet er ændret. Send dem jeres svar med 'spredning eksport --partner vejle-kommune'. Mente I en "
        "anden organisation, så skriv dens fulde navn."
    )
    assert project_facts("p1")["genbrugere"] == {"vejle-kommune": "Vejle Kommune"}


SPACED = ["AARHUS  KOMMUNE", "Vejle  Kommune", "Vejle\u00a0Kommune", " vejle  kommune "]


@pytest.mark.parametrize("typed", SPACED)
def test_names_differing_only_in_spaces_are_the_same_organisation(run_cli, typed):
    assert (
        start(run_cli, "--rolle", "dele", "--deler", "Aarhus Kommune", "--genbruger", "Vejle Kommune")[0] == 0
    )
    code, _out, _err = run_cli("projekt", "genbruger", typed)
    assert code == 2
    assert project_facts("p1")["genbrugere"] == {"vejle-kommune": "Vejle Kommune"}


def test_side_dele_with_an_organisation_names_a_project_that_has_no_sharing_name(run_cli):
    assert start(run_cli, "--rolle", "dele", "--genbruger", "Vejle Kommune")[0] == 0
    assert "deler" not in project_facts("p1")
    code, out, err = run_cli("--projekt", "p1", "projekt", "side", "dele", "--organisation", "Odense Kommune")
    assert code == 0, err
    assert "Den delende organisation hedder nu Odense Kommune i projektet" in " ".join(out.split())
    assert project_facts("p1")["deler"] == "Odense Kommune"


def test_side_dele_with_another_organisation_than_the_projects_changes_nothing_and_says_how(run_cli):
    assert start(run_cli, "--rolle", "dele", "--deler", "Odense Kommune", "--genbruger", "Vejle")[0] == 0
    code, _out, err = run_cli("projekt", "side", "dele", "--organisation", "Aarhus Kommune")
    assert code == 2
    assert " ".join(err.split()) == (
        "Fejl: I projektet hedder den delende organisation Odense Kommune, ikke Aarhus Kommune, så intet er "
        "ændret. Er I Odense Kommune, så udelad --organisation. Er navnet i projektet forkert, så ret det "
        "med 'spredning projekt deler \"Aarhus Kommune\"'; navnet kommer med i filerne til partnerne."
    )
    assert project_facts("p1")["deler"] == "Odense Kommune"
    code, out, err = run_cli("projekt", "deler", "Aarhus Kommune")
    assert code == 0, err
    said = "Den delende organisation hedder nu Aarhus Kommune i projektet (før: Odense Kommune)."
    assert said in " ".join(out.split())
    assert project_facts("p1")["deler"] == "Aarhus Kommune"


def test_the_sharing_name_cannot_be_a_reusing_organisations(run_cli):
    assert start(run_cli, "--rolle", "dele", "--genbruger", "Vejle Kommune")[0] == 0
    for command in (
        ("projekt", "deler", "VEJLE KOMMUNE"),
        ("projekt", "side", "dele", "--organisation", "vejle kommune"),
    ):
        code, _out, err = run_cli(*command)
        assert code == 2
        assert "Vejle Kommune er en genbrugende organisation i projektet" in " ".join(err.split())
    assert "deler" not in project_facts("p1")
