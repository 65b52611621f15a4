"""--partner names the dialogue with a reusing organisation; naming the sharing organisation is
answered with what to write instead, by every command that takes it (one resolver: partner_for)."""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, flat, start_sharing, tree

from spredning.core.shellwords import shell_word

SAID = (
    "Fejl: Odense Kommune er den delende organisation, ikke en af de genbrugende; --partner vælger "
    "dialogen med en genbrugende organisation. Skriv kommandoen uden --partner: spredning "
)


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    return start_sharing(org, reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Færre genindlæggelser"})


@pytest.mark.parametrize(
    "words",
    [
        ("vis",),
        ("status",),
        ("plan",),
        ("rapport",),
        ("arbejdsark",),
        ("eksport",),
        ("fase", "tjek", "--rolle", "genbruge"),
        ("klarhed", "Beskriv innovationen", "grøn"),
        ("konflikter",),
    ],
)
@pytest.mark.parametrize("named", ["Odense", "odense kommune"])
def test_the_sharing_organisation_named_with_partner_is_said_to_be_it(sharing, words, named):
    before = tree(sharing.home)

    code, out, err = sharing(*words, "--partner", named)

    assert code == 2, out
    # the command as typed without --partner (a trial: the hint said '--rolle dele', which konflikter
    # has not)
    assert flat(err) == SAID + " ".join(shell_word(word) for word in words)
    assert "projekt genbruger" not in err
    assert tree(sharing.home) == before


def test_on_a_reusing_computer_too(sharing, tmp_path, run_cli):
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export("--partner", "Ærø"))[0] == 0

    code, _, err = reusing("konflikter", "--partner=Odense")

    assert code == 2
    assert flat(err) == SAID + "konflikter"


def test_a_name_nobody_has_is_still_unknown(sharing):
    code, _, err = sharing("vis", "--partner", "Bornholm")

    assert code == 2
    said = "'Bornholm' er ikke en genbrugende organisation i projektet (Ærø Kommune, Fanø Kommune)."
    assert said in flat(err)


@pytest.mark.parametrize(
    "words",
    [
        ("eksport", "--partner", "Fano Kommune"),
        ("vis", "--partner", "Fano Kommune"),
        ("status", "--partner", "Fano Kommune"),
        ("konflikter", "--partner", "Fano Kommune"),
        ("fase", "tjek", "--rolle", "genbruge", "--partner", "Fano Kommune"),
        ("klarhed", "Beskriv innovationen", "grøn", "--partner", "Fano Kommune"),
        ("projekt", "fjern-genbruger", "Fano Kommune"),
    ],
)
def test_a_typo_of_a_partner_is_answered_with_the_close_name_not_with_adding_it(sharing, words):
    before = tree(sharing.home)

    code, out, err = sharing(*words)

    assert code == 2, out
    said = flat(err)
    assert said.startswith(
        "Fejl: 'Fano Kommune' er ikke en genbrugende organisation i projektet (Ærø Kommune, Fanø Kommune). "
        "Mente du 'Fanø Kommune'?"
    )
    assert "projekt genbruger" not in said  # a typo is not to be added as a new organisation
    assert tree(sharing.home) == before


def test_a_typo_in_english_too(sharing):
    code, _, err = sharing("--sprog", "en", "eksport", "--partner", "Fano Kommune")

    assert code == 2
    example = "E.g.: spredning --sprog en eksport --partner 'Fanø Kommune'"
    assert f"Did you mean 'Fanø Kommune'? {example}" in flat(err)
    assert "projekt genbruger" not in err


@pytest.fixture
def sharing_with_a_company(tmp_path) -> Org:
    org = Org(tmp_path / "region", tmp_path)  # the installed command
    return start_sharing(org, reusers=("Hjemmehjælp Fyn ApS", "Ærø Kommune"), answers={D1: "Færre"})


@pytest.mark.parametrize("named", ["Fyn", "fyn aps", "Fyn ApS"])
def test_words_from_inside_a_partners_name_are_answered_with_that_name_not_with_adding_it(
    sharing_with_a_company, named
):
    """'--partner Fyn' for 'Hjemmehjælp Fyn ApS' was told to add 'Fyn' as a new organisation."""
    before = tree(sharing_with_a_company.home)

    code, out, err = sharing_with_a_company("status", "--partner", named)

    assert code == 2, out
    said = flat(err)
    assert f"'{named}' er ikke en genbrugende organisation i projektet" in said
    assert "Mente du 'Hjemmehjælp Fyn ApS'?" in said
    assert "Fx: spredning status --partner 'Hjemmehjælp Fyn ApS'" in said
    assert "projekt genbruger" not in said  # no duplicate of a partner invited into the project
    assert tree(sharing_with_a_company.home) == before


def test_a_word_in_two_partners_names_names_both(tmp_path):
    org = start_sharing(Org(tmp_path / "region", tmp_path), reusers=("Hjemmehjælp Fyn ApS", "Sygehus Fyn"))

    code, _, err = org("status", "--partner", "Fyn")

    assert code == 2
    assert "Mente du 'Hjemmehjælp Fyn ApS' eller 'Sygehus Fyn'?" in flat(err)
    assert "projekt genbruger" not in err


@pytest.mark.parametrize("empty", ["", "  "])
@pytest.mark.parametrize(
    "words", [("status",), ("vis",), ("plan",), ("konflikter",), ("eksport", "--ud", "x.yaml")]
)
def test_an_empty_partner_is_refused_naming_the_partners_never_taken_as_none_or_a_new_one(
    sharing, words, empty
):
    """A trial: 'status --partner ""' (a script's empty variable) showed every dialogue (exit 0), and
    '--partner " "' said to add " " as a new reusing organisation."""
    before = tree(sharing.home)

    code, out, err = sharing(*words, "--partner", empty)

    assert code == 2, out
    assert flat(err) == (
        "Fejl: --partner er tom; den skal være navnet på en genbrugende organisation i projektet"
        " (Ærø Kommune, Fanø Kommune). Skriv navnet efter --partner, eller udelad --partner."
    )
    assert tree(sharing.home) == before
