"""A missing project's refusal gives a real project's name in its example, so the command runs as shown.

Reported (release notes): 'projekt brug', 'projekt fjern', 'projekt flet' without a project, and
'--projekt ""', gave an invented 'Digital genoptræning' (or 'digital-genoptraening') even where
projects exist. Now they name one here (another than the one worked on, first), quoted for the
shell; the invented example stays only where no project can be named. The installed command.
"""

from __future__ import annotations

import re
import shlex

import pytest
from exchange_kit import Org, flat

pytestmark = pytest.mark.usefixtures("work_in_tmp")

INVENTED = ("Digital genoptræning", "digital-genoptraening")


@pytest.fixture
def two(tmp_path) -> Org:
    """'Hjemmepleje på Ærø', then 'Digital træning' (the active one), on the sharing side."""
    org = Org(tmp_path / "hjem", tmp_path)
    for name in ("Hjemmepleje på Ærø", "Digital træning"):
        org.ok("start", "--navn", name, "--rolle", "dele", "--deler", "Ærø Kommune")
    return org


def example(org: Org, *argv: str) -> list[str]:
    """The refusal's example command (exit 2), as its words after the program."""
    code, out, err = org(*argv)
    said = flat(err)
    assert code == 2, out + err
    assert not any(name in said for name in INVENTED), said
    found = re.search(r"“spredning ([^”]*)”", said)
    assert found is not None, said
    return shlex.split(found.group(1))


def test_projekt_brug_names_another_project_and_runs_as_shown(two):
    words = example(two, "projekt", "brug")

    assert words == ["projekt", "brug", "Hjemmepleje på Ærø"]
    two.ok(*words)
    assert two.store.active() == "hjemmepleje-paa-aeroe"


def test_projekt_fjern_names_a_project_here(two):
    words = example(two, "projekt", "fjern")

    assert words == ["projekt", "fjern", "Hjemmepleje på Ærø"]
    two.ok(*words, "--ja")
    assert two.store.slugs() == ["digital-traening"]


def test_projekt_flet_names_another_project_than_the_one_worked_on(two):
    assert example(two, "projekt", "flet") == ["projekt", "flet", "Hjemmepleje på Ærø"]
    assert example(two, "--projekt", "Hjemmepleje på Ærø", "projekt", "flet")[-1] == "Digital træning"


def test_an_empty_projekt_option_names_a_project_here(two):
    code, _, err = two("--projekt", "", "status")

    said = flat(err)
    assert code == 2, err
    assert "Skriv projektets navn, fx --projekt 'Hjemmepleje på Ærø', eller udelad tilvalget" in said
    assert "Hjemmepleje på Ærø" in two.ok("--projekt", "Hjemmepleje på Ærø", "status")


def test_with_one_project_brug_names_it_and_flet_gives_no_example(tmp_path):
    """trial42: flet's invented example named no project here, so it was refused as run."""
    org = Org(tmp_path / "hjem", tmp_path)
    org.ok("start", "--navn", "Hjemmepleje", "--rolle", "dele", "--deler", "Ærø Kommune")

    assert flat(org("projekt", "brug")[2]).count("fx 'spredning projekt brug Hjemmepleje'.") == 1
    said = flat(org("projekt", "flet")[2])
    assert "fx" not in said and "digital-genoptraening" not in said
    assert "jeres svar skal hentes fra (et, hvor I er på samme side). Navnene står i" in said


@pytest.mark.parametrize("language", ["da", "en"])
def test_projekt_flet_names_no_project_on_the_other_side(tmp_path, language):
    """trial42: from the reusing side it suggested the sharing side's project, which flet refuses."""
    org = Org(tmp_path / "hjem", tmp_path)
    org.ok("start", "--navn", "Anden", "--rolle", "dele", "--deler", "Ærø Kommune")
    org.ok(
        "start", "--navn", "Test", "--rolle", "genbruge", "--deler", "Ærø Kommune", "--genbruger", "Odense"
    )

    code, _, err = org("--sprog", language, "projekt", "flet")

    assert code == 2 and "Anden" not in err
    org.ok(
        "start", "--navn", "Tredje", "--rolle", "genbruge", "--deler", "Ærø Kommune", "--genbruger", "Odense"
    )
    org.ok("projekt", "brug", "Test")
    said = flat(org("--sprog", language, "projekt", "flet")[2])
    assert "projekt flet Tredje" in said and "Anden" not in said


def test_a_very_long_name_is_given_by_its_shorter_file_name(tmp_path):
    """trial42: the whole 499-character name was printed in the examples; its file name runs too."""
    org = Org(tmp_path / "hjem", tmp_path)
    long_name = " ".join(["Langt"] * 83)
    org.ok("start", "--navn", long_name, "--rolle", "dele", "--deler", "Ærø Kommune")
    org.ok("start", "--navn", "Kort", "--rolle", "dele", "--deler", "Ærø Kommune")
    [slug] = [s for s in org.store.slugs() if s != "kort"]

    for argv in (("projekt", "brug"), ("projekt", "flet")):
        code, _, err = org(*argv)
        assert code == 2 and "Langt" not in err
        assert f"fx 'spredning {' '.join(argv)} {slug}'." in flat(err)
    org.ok("projekt", "brug", slug)
    assert org.store.active() == slug


def test_in_english(two):
    code, _, err = two("--sprog", "en", "projekt", "brug")

    assert code == 2
    assert "e.g. “spredning --sprog en projekt brug 'Hjemmepleje på Ærø'”." in flat(err)
