"""A name close to a reusing organisation the project has is a typo until the user says otherwise.

Odense shares with Fanø Kommune and Aarhus Kommune. 'Fano Kommune' typed on Fanø's computer
(`projekt side genbruge --organisation`) or on Odense's (`projekt genbruger`) is not added as a new
partner: a terminal asks which was meant, a script is refused and told how to add it on purpose (--ny).
"""

from __future__ import annotations

import pytest
from exchange_kit import Org, asking_in, flat, start_sharing, tree
from homekit import CTRL_C, DOWN, ENTER

from spredning.app.dialogue import close_partners
from spredning.core.model import Partner

pytestmark = pytest.mark.usefixtures("work_in_tmp")

KNOWN = (Partner("fanoe-kommune", "Fanø Kommune"), Partner("aarhus-kommune", "Aarhus Kommune"))


@pytest.mark.parametrize(
    "typed_name, close",
    [
        ("Fano Kommune", "Fanø Kommune"),
        ("FANOE", "Fanø Kommune"),
        ("fanø komune", "Fanø Kommune"),
        ("Århus Kommune", "Aarhus Kommune"),
        ("Aarhsu", "Aarhus Kommune"),
        ("Arhus Kommune", "Aarhus Kommune"),
    ],
)
def test_a_name_alike_but_for_case_accents_kommune_or_a_letter_is_close(typed_name, close):
    assert [p.name for p in close_partners(KNOWN, typed_name)] == [close]


@pytest.mark.parametrize(
    "typed_name, known",
    [
        ("Vejen Kommune", "Vejle Kommune"),  # two municipalities, two letters apart
        ("Sorø Kommune", "Solrød Kommune"),
        ("Region Nordjylland", "Region Midtjylland"),
        ("Ærø Kommune", "Fanø Kommune"),
        ("Aarhus Universitet", "Aarhus Kommune"),
        ("Ry", "Rø"),  # a short name: one letter is another name
    ],
)
def test_another_organisation_is_not_close(typed_name, known):
    assert close_partners((Partner("x", known),), typed_name) == []


@pytest.fixture
def odense(tmp_path, run_cli) -> Org:
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    return start_sharing(org, reusers=("Fanø Kommune", "Aarhus Kommune"))


@pytest.fixture
def fanoe(odense, tmp_path, run_cli) -> Org:
    """Fanø's computer, after importing its first file from Odense."""
    org = Org(tmp_path / "fanoe", tmp_path, run_cli)
    assert org.import_(odense.export("--partner", "Fanø"))[0] == 0
    return org


@pytest.fixture
def asking(monkeypatch):
    """Run an organisation's command with its prompt reading `keys`, as in a terminal."""
    return asking_in(monkeypatch, "project_settings")


def partners(org: Org) -> list[str]:
    return [p.name for p in org.project().partners]


def test_a_typo_on_the_reusing_computer_is_refused_without_a_terminal(fanoe):
    before = tree(fanoe.home)

    code, _, err = fanoe("projekt", "side", "genbruge", "--organisation", "Fano Kommune")

    assert code == 2
    assert flat(err) == (
        "Fejl: Fano Kommune står ikke som genbrugende organisation i projektet, men navnet ligner Fanø "
        "Kommune; intet er ændret. Er I Fanø Kommune, så skriv 'spredning projekt side genbruge "
        '--organisation "Fanø Kommune"\'. Er Fano Kommune en anden organisation, der skal med i '
        "projektet, så skriv 'spredning projekt side genbruge --organisation \"Fano Kommune\" --ny'."
    )
    assert tree(fanoe.home) == before


def test_ny_adds_the_close_name_on_purpose(fanoe):
    out = fanoe.ok("projekt", "side", "genbruge", "--organisation", "Fano Kommune", "--ny")

    assert "Fano Kommune er tilføjet til projektet som genbrugende organisation." in flat(out)
    assert "Fano Kommune" in partners(fanoe)
    assert fanoe.store.local(fanoe.slug).organisation == "fano-kommune"


def test_a_name_not_close_to_any_is_still_added_without_asking(fanoe):
    out = fanoe.ok("projekt", "side", "genbruge", "--organisation", "Læsø Kommune")

    assert "Læsø Kommune er tilføjet til projektet som genbrugende organisation." in flat(out)


def test_in_a_terminal_the_known_organisation_can_be_chosen(fanoe, asking):
    before = partners(fanoe)

    run = asking(fanoe, ENTER, "projekt", "side", "genbruge", "--organisation", "Fano Kommune")

    assert run.code == 0, run.err
    asked = "Fano Kommune står ikke i projektet, men navnet ligner Fanø Kommune. Hvem er I?"
    assert asked in flat(run.screen)
    assert "På denne computer er I nu: Vi vil genbruge (Fanø Kommune)." in flat(run.out)
    assert partners(fanoe) == before


def test_in_a_terminal_the_name_can_be_added_as_new(fanoe, asking):
    run = asking(fanoe, DOWN + ENTER, "projekt", "side", "genbruge", "--organisation", "Fano Kommune")

    assert run.code == 0, run.err
    assert "Fano Kommune er tilføjet til projektet som genbrugende organisation." in flat(run.out)
    assert fanoe.store.local(fanoe.slug).organisation == "fano-kommune"


@pytest.mark.parametrize("keys, code", [(DOWN + DOWN + ENTER, 0), (CTRL_C, 130)])
def test_in_a_terminal_nothing_changes_when_cancelled(fanoe, asking, keys, code):
    before = tree(fanoe.home)

    run = asking(fanoe, keys, "projekt", "side", "genbruge", "--organisation", "Fano Kommune")

    assert run.code == code
    assert "Intet er ændret." in flat(run.out + run.err)
    assert tree(fanoe.home) == before


def test_the_sharing_side_adding_a_typo_of_a_partner_is_refused_without_a_terminal(odense):
    before = tree(odense.home)

    code, _, err = odense("projekt", "genbruger", "Fano Kommune")

    assert code == 2
    assert flat(err) == (
        "Fejl: Fano Kommune ligner Fanø Kommune, som allerede er genbrugende organisation i projektet; "
        "intet er tilføjet. Er Fano Kommune en anden organisation, så tilføj den med 'spredning projekt "
        'genbruger "Fano Kommune" --ny\'.'
    )
    assert tree(odense.home) == before
    odense.ok("projekt", "genbruger", "Fano Kommune", "--ny")
    assert partners(odense) == ["Fanø Kommune", "Aarhus Kommune", "Fano Kommune"]


def test_the_sharing_side_in_a_terminal_keeps_the_known_partner_or_adds_the_new_one(odense, asking):
    before = tree(odense.home)

    run = asking(odense, ENTER, "projekt", "genbruger", "Fano Kommune")

    assert run.code == 0, run.err
    assert "Intet er tilføjet; Fanø Kommune er allerede med i projektet." in flat(run.out)
    assert tree(odense.home) == before

    run = asking(odense, DOWN + ENTER, "projekt", "genbruger", "Fano Kommune")

    assert run.code == 0, run.err
    assert "Tilføjet: Fano Kommune." in flat(run.out)
    assert partners(odense) == ["Fanø Kommune", "Aarhus Kommune", "Fano Kommune"]


def test_the_sharing_side_adding_a_typo_of_its_own_name_is_refused_without_a_terminal(odense):
    before = tree(odense.home)

    code, _, err = odense("projekt", "genbruger", "Odence Kommune")

    assert code == 2
    assert flat(err) == (
        "Fejl: Odence Kommune ligner Odense Kommune, den organisation, der deler innovationen i projektet; "
        "intet er tilføjet. Er Odence Kommune en anden organisation, så tilføj den med 'spredning projekt "
        'genbruger "Odence Kommune" --ny\'.'
    )
    assert tree(odense.home) == before
    odense.ok("projekt", "genbruger", "Odence Kommune", "--ny")
    assert partners(odense) == ["Fanø Kommune", "Aarhus Kommune", "Odence Kommune"]


def test_the_sharing_side_in_a_terminal_is_asked_whether_it_meant_itself(odense, asking):
    before = tree(odense.home)

    run = asking(odense, ENTER, "projekt", "genbruger", "Odence Kommune")

    assert run.code == 0, run.err
    asked = "Odence Kommune ligner Odense Kommune, den organisation, der deler innovationen. Hvad mente I?"
    assert asked in flat(run.screen)
    assert "Intet er tilføjet; Odense Kommune er den organisation, der deler innovationen." in flat(run.out)
    assert tree(odense.home) == before

    run = asking(odense, DOWN + ENTER, "projekt", "genbruger", "Odence Kommune")

    assert run.code == 0, run.err
    assert "Tilføjet: Odence Kommune." in flat(run.out)
    assert partners(odense) == ["Fanø Kommune", "Aarhus Kommune", "Odence Kommune"]
