"""A project started under the name of a removed one says the removed one is not it, and how it comes back.

Found in a trial: 'start --navn Ruteapp' after 'projekt fjern Ruteapp' said only that the project was
created, as if the removed one were gone, or were this one.
"""

from __future__ import annotations

import shlex

import pytest
from exchange_kit import NAME, Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")


def started_again(org: Org, *options: str) -> str:
    return flat(org.ok(*options, "start", "--navn", NAME, "--deler", "Vejle Kommune", "--rolle", "dele"))


def test_the_new_project_names_the_removed_one_and_the_gendan_given_brings_it_back(tmp_path, run_cli):
    org = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={"tjek.beskriv-innovationen.dele.formaal": "Mål"}
    )
    org.ok("projekt", "fjern", NAME, "--ja")
    [folder] = (p for p in (org.home / "fjernede").iterdir() if p.is_dir())

    out = started_again(org)

    said = out.split("Et projekt med samme navn blev fjernet før: ")[1]
    assert said.startswith(f"{NAME} (fjernet ")
    assert "1 svar). Det er ikke det nye projekt; det ligger stadig i mappen fjernede" in said
    restore = f"spredning projekt gendan {folder.name} --navn '{NAME} (2)'"
    assert f"kan hentes tilbage under et andet navn med “{restore}”." in said

    org.ok(*shlex.split(restore)[1:])  # as written

    assert org.project("genoptraening-aeroe-2").name == f"{NAME} (2)"
    assert org.project("genoptraening-aeroe-2").sharing_org == "Odense Kommune"
    assert org.project("genoptraening-aeroe").sharing_org == "Vejle Kommune"


def test_in_english_and_not_at_all_without_a_removed_namesake(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    org.ok("projekt", "fjern", NAME, "--ja")

    english = started_again(org, "--sprog", "en")
    other = flat(org.ok("start", "--navn", "Ruteapp", "--deler", "Vejle Kommune", "--rolle", "dele"))

    assert "A project with the same name was removed before: " in english
    assert "It is not the new project; it is still in the fjernede folder" in english
    assert "fjernet før" not in other and "fjernede" not in other
