"""What an export says is new to the receiver, when no file has gone between us before.

Found in stop 49's trials (Danish and English): the very first export to a partner said "Filen har
6 nye ændringer siden jeres sidste eksport til eller import fra Ærø Kommune", of an export that
never was. The first file says it is the first; later ones count what is new since the last.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, G1, Org, colleague, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")

FIRST = "Det er projektets første fil mellem denne computer og {}, så alt i den er nyt for dem."


def test_the_first_file_to_a_partner_says_so_and_the_next_counts_what_is_new_since(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål", D2: "Løsning"})

    first = flat(odense.ok("eksport"))
    assert FIRST.format("Ærø Kommune") in first, first
    assert "siden jeres sidste eksport" not in first

    odense.answer({D1: "Mål, rettet"})
    again = flat(odense.ok("eksport"))
    assert "Filen har 1 ny ændring siden jeres sidste eksport til eller import fra Ærø Kommune" in again
    assert "første fil" not in again

    code, said, err = odense("--sprog", "en", "eksport", "--partner", "Ærø", "--overskriv")
    assert code == 0, err
    assert "The file has no changes since your last export to or import from" in flat(said)


def test_a_partner_whose_file_came_in_first_is_not_told_of_a_first_file(tmp_path, run_cli):
    """Ærø sent its file before Odense sent any: Odense's first export follows an import from Ærø."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    aeroe = colleague(
        odense, tmp_path, "aeroe", "genbruge", "--organisation", "Ærø Kommune"
    )  # given the file
    aeroe.answer({G1: "Interessant"}, "--rolle", "genbruge")
    assert odense.import_(aeroe.export())[0] == 0
    odense.answer({D1: "Mål"})

    said = flat(odense.ok("eksport"))

    assert "første fil" not in said
    assert "Filen har 1 ny ændring siden jeres sidste eksport til eller import fra Ærø Kommune" in said


def test_in_english_the_first_file_says_so_too(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Purpose"})
    code, said, err = odense("--sprog", "en", "eksport")
    assert code == 0, err
    assert "This is the project's first file between this computer and Ærø Kommune, so everything in it" in (
        flat(said)
    )


def test_the_follow_up_the_file_carries_is_counted_beside_its_answers(tmp_path, run_cli):
    """A trial: "Send de 7 nye ændringer" and then "Eksporteret …: 5 svar"; the other two were
    readiness marks, said nowhere. The follow-up the file carries is counted on a line of its own."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål", D2: "Løsning"})
    odense.ok("klarhed", "beskriv-innovationen", "gul")
    odense.ok("plan", "tilføj", "--hvad", "Book et møde")

    said = flat(odense.ok("eksport"))
    english = flat(odense.ok("--sprog", "en", "eksport", "--ud", "en.yaml"))

    assert ": 2 svar til " in said
    assert "Filen har også 2 punkter fra opfølgningen (handlinger, klarhed, godkendelser og møder)." in said
    assert FIRST.format("Ærø Kommune") in said
    assert (
        "The file also has 2 items of the follow-up (actions, readiness marks, approvals and meetings)."
        in english
    )
