"""Whose file an import brought, with several partners, and our own export imported by mistake.

Odense shares with Ærø and Fanø. After an import the summary names the organisation the file came
from, and a readiness mark or approval in a reusing organisation's dialogue names that organisation.
A file this organisation exported itself brings nothing: it is refused with the name of the file to
import instead, on either side, and nothing is written. End to end through the installed command.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, Org, flat, start_sharing, tree

pytestmark = pytest.mark.e2e


@pytest.fixture
def odense(tmp_path) -> Org:
    org = Org(tmp_path / "odense", tmp_path)
    return start_sharing(org, reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Færre genindlæggelser"})


@pytest.fixture
def aeroe(odense, tmp_path) -> Org:
    """Ærø's computer, after importing its first file from Odense."""
    org = Org(tmp_path / "aeroe", tmp_path)
    code, out, err = org.import_(odense.export("--partner", "Ærø"))
    assert code == 0, err
    assert "Importeret fra Odense Kommune: 1 tilføjet" in flat(out)  # the reusing side is told too
    return org


def test_the_summary_and_the_follow_up_lines_name_the_partner_the_file_came_from(odense, aeroe):
    aeroe.answer({G1: "Ja, vi har ventelister"})
    aeroe.ok("klarhed", "Beskriv innovationen", "grøn")
    aeroe.ok("godkend", "tjek", "--af", "Mette", "--dato", "2026-03-01")

    out = flat(odense.ok("importer", str(aeroe.export())))

    assert "Importeret fra Ærø Kommune: 1 tilføjet, 0 opdaterede, 1 uændret, 0 konflikter" in out
    assert "Ny: Klarhed, Tjek · Beskriv innovationen · Vi vil genbruge (Ærø Kommune): grøn" in out
    assert "Ny: Godkendelse af Tjek, Vi vil genbruge (Ærø Kommune): Mette den 1. marts 2026" in out


def test_in_english_too(odense, aeroe):
    aeroe.ok("klarhed", "Beskriv innovationen", "gul")

    out = flat(odense.ok("--sprog", "en", "importer", str(aeroe.export())))

    assert "Imported from Ærø Kommune: 0 added" in out
    assert "New: Readiness, Check · Describe the innovation · We want to reuse (Ærø Kommune): yellow" in out


def test_our_own_export_imported_on_the_sharing_side_names_the_partners_file_and_changes_nothing(
    odense, aeroe
):
    ours = odense.files / f"{odense.slug}-til-aeroe-kommune.yaml"
    odense.ok("eksport", "--partner", "Ærø", "--ud", str(ours))
    before = tree(odense.home)

    for dry in ((), ("--tør",)):
        code, out, err = odense("importer", ours.name, *dry)  # in the folder of the mail, as a user would

        assert code == 1, out
        assert flat(err) == (
            f"Fejl: Filen {ours.name} er jeres egen eksport til Ærø Kommune: der er intet i den, "
            "I ikke har i forvejen, så der er intet at importere. Intet er ændret. "
            "Importér i stedet den fil, Ærø Kommune har eksporteret til jer; "
            "dens navn ender normalt på -fra-aeroe-kommune.yaml."
        )
        assert tree(odense.home) == before


def test_our_own_export_imported_on_the_reusing_side_is_said_the_same_way(odense, aeroe):
    aeroe.answer({G1: "Ja"})
    ours = aeroe.export()
    before = tree(aeroe.home)

    code, _, err = aeroe("importer", ours.name)

    assert code == 1
    assert f"Fejl: Filen {ours.name} er jeres egen eksport til Odense Kommune" in flat(err)
    assert "dens navn ender normalt på -til-aeroe-kommune.yaml." in flat(err)
    assert tree(aeroe.home) == before


def test_our_own_export_that_brings_back_what_the_project_lost_is_imported(odense, aeroe):
    """The project file put back to an older copy: our own export is how the answers come back."""
    older = odense.path.read_bytes()
    odense.answer({D1: "Færre genindlæggelser og kortere ventetid"})
    ours = odense.export("--partner", "Ærø")
    odense.path.write_bytes(older)

    code, out, err = odense.import_(ours)

    assert code == 0, err
    assert "Importeret fra Odense Kommune: 0 tilføjede, 1 opdateret" in flat(out)
    assert odense.texts("aeroe-kommune")[D1] == "Færre genindlæggelser og kortere ventetid"
