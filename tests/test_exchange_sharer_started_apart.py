"""The sharing side, in dialogue with one partner, gets a file from another who started apart.

Reported in a user trial: Odense shares 'Genoptræning Ærø' with Ærø; Fanø started a project of
the same name on its own ('start --rolle genbruge'), answered and sent it before Odense's file
came. The import made a second project of the name and made it the active one, which hid the
project with the Ærø dialogue from every following command, and its advice (write your own
answers into the new one) did not fit a sharing side with several partners. Each test runs the
installed command in three folders, as the three organisations would.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, NAME, Org, flat, start_sharing, tree

pytestmark = pytest.mark.e2e

OURS, NEW = "genoptraening-aeroe", "genoptraening-aeroe-2"


def in_dialogue(tmp_path, reusers: tuple[str, ...]) -> Org:
    """Odense, sharing with `reusers`, has one answer back from Ærø."""
    odense = Org(tmp_path / "odense", tmp_path)
    start_sharing(odense, reusers=reusers, answers={D1: "Færre genindlæggelser"})
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export("--partner", "aeroe-kommune"))[0] == 0
    aeroe.answer({G1: "Vi har samme udfordring"}, "--rolle", "genbruge")
    assert odense.import_(aeroe.export())[0] == 0
    return odense


@pytest.fixture
def fanoe(tmp_path) -> Org:
    """Fanø Kommune starts a project of the same name on its own, answers one question and sends it."""
    org = Org(tmp_path / "fanoe", tmp_path)
    org.ok(
        "start", "--navn", NAME, "--deler", "Odense Kommune", "--genbruger", "Fanø Kommune",
        "--rolle", "genbruge", "--organisation", "Fanø Kommune",
    )  # fmt: skip
    org.answer({G1: "Fanø har samme behov"}, "--rolle", "genbruge")
    return org


def test_the_project_in_use_stays_active_and_the_way_to_bring_the_partner_in_is_said(tmp_path, fanoe):
    odense = in_dialogue(tmp_path, ("Ærø Kommune", "Fanø Kommune"))
    ours = odense.store.path_for(OURS).read_bytes()

    code, out, err = odense.import_(fanoe.export())

    assert code == 0, err
    said = flat(out)
    assert "som Fanø Kommune har startet for sig selv, med samme navn som jeres" in said
    assert f"importeret som et nyt projekt ved siden af jeres: {NEW}. Jeres eget projekt er uændret" in said
    assert "send dem en eksport af det: 'spredning eksport --partner fanoe-kommune'" in said
    assert "Deres svar flytter ikke selv over" in said
    assert "Intet er slettet" in said
    assert f"'{OURS}' er stadig det aktive projekt" in said
    assert f"Skift til det nye med 'spredning projekt brug {NEW}'" in said
    assert "er nu det aktive projekt" not in said
    assert "skriv jeres egne svar" not in said  # advice for a reusing side, not for the sharing side
    assert odense.store.active() == OURS
    assert odense.store.path_for(OURS).read_bytes() == ours
    assert odense.texts("aeroe-kommune", slug=OURS)[G1] == "Vi har samme udfordring"
    assert odense.texts(slug=NEW) == {G1: "Fanø har samme behov"}
    # the next command without --projekt works in the project with the Ærø dialogue
    shown = odense.ok("vis", "--partner", "aeroe-kommune", "--kun-besvarede")
    assert "Vi har samme udfordring" in flat(shown)


def test_following_the_advice_brings_the_partners_answers_into_our_project(tmp_path, fanoe):
    odense = in_dialogue(tmp_path, ("Ærø Kommune", "Fanø Kommune"))
    assert odense.import_(fanoe.export())[0] == 0

    assert fanoe.import_(odense.export("--partner", "fanoe-kommune"))[0] == 0  # ours, beside theirs
    fanoe.answer({G1: "Fanø har samme behov"}, "--rolle", "genbruge", "--projekt", NEW)
    code, out, err = odense.import_(fanoe.export("--projekt", NEW))

    assert code == 0, err
    assert f"Import i projektet {NAME}" in flat(out)
    assert odense.texts("fanoe-kommune", slug=OURS)[G1] == "Fanø har samme behov"
    assert odense.texts("aeroe-kommune", slug=OURS)[G1] == "Vi har samme udfordring"
    assert odense.store.active() == OURS


def test_a_partner_our_project_lacks_is_to_be_added_first(tmp_path, fanoe):
    odense = in_dialogue(tmp_path, ("Ærø Kommune",))

    out = flat(odense.ok("importer", str(fanoe.export())))

    assert "tilføj dem først som genbruger med 'spredning projekt genbruger \"Fanø Kommune\"'" in out
    assert "med 'spredning eksport' (vælg Fanø Kommune, når I bliver spurgt)" in out
    assert odense.store.active() == OURS


def test_the_dry_run_says_the_same_and_changes_nothing(tmp_path, fanoe):
    odense = in_dialogue(tmp_path, ("Ærø Kommune", "Fanø Kommune"))
    sent = fanoe.export()
    before = tree(odense.home)

    code, out, err = odense.import_(sent, "--tør")

    assert code == 0, err
    said = flat(out)
    assert "send dem en eksport af det: 'spredning eksport --partner fanoe-kommune'" in said
    assert f"Importerer I filen, forbliver '{OURS}' det aktive projekt" in said
    assert tree(odense.home) == before


def test_in_english(tmp_path, fanoe):
    odense = in_dialogue(tmp_path, ("Ærø Kommune", "Fanø Kommune"))

    said = flat(odense.ok("--sprog", "en", "importer", str(fanoe.export())))

    assert "send them an export of it: 'spredning --sprog en eksport --partner fanoe-kommune'" in said
    assert f"'{OURS}' is still the active project" in said
