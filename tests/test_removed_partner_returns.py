"""A reusing organisation removed with 'projekt fjern-genbruger' comes back ('projekt genbruger', or a
file from it): the drafts and reasons not saved that were kept in a file of their own when it went
are taken back into its dialogue, each its kind, and the user is told how many and where to go on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from exchange_kit import G1, G2, Org, flat, start_sharing, tree

from spredning.app.workspace import Settings, Workspace
from spredning.core.local import slot_key

pytestmark = pytest.mark.usefixtures("work_in_tmp")

FANOE = "fanoe-kommune"
G3 = "tjek.fortael-den-gode-historie.genbruge.begejstrer"


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    """Odense, sharing with Ærø and Fanø (nothing saved in Fanø's dialogue)."""
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune"))


def state_of(org: Org):
    ws = Workspace(Settings(home=str(org.home)))
    return ws.store.open(ws.slug()).local


def typed_for_fanoe(org: Org, drafts: dict[str, str], reasons=(), beside=None) -> None:
    """Texts typed (not saved) in Fanø's dialogue on Odense's computer: drafts, which of them are
    reasons for 'not relevant', and reasons typed beside an answer draft."""
    ws = Workspace(Settings(home=str(org.home)))

    def typed(state):
        return state._replace(
            drafts={**state.drafts, **{slot_key((FANOE, q)): text for q, text in drafts.items()}},
            reasons=tuple(slot_key((FANOE, q)) for q in reasons),
            beside={slot_key((FANOE, q)): text for q, text in (beside or {}).items()},
        )

    ws.store.update_local(ws.slug(), typed)


def kept_files(org: Org) -> list[Path]:
    return sorted((org.home / ".spredning").glob("*-kladder-*.yaml"))


def removed_with_texts(org: Org) -> Path:
    """Fanø removed, with an answer draft, a reason beside it and a reason draft kept in a file."""
    typed_for_fanoe(org, {G1: "Vi har ventelister, og", G2: "Passer ikke her"}, (G2,), {G1: "Kun delvist"})
    org.ok("projekt", "fjern-genbruger", "Fanø", "--ja")
    [kept] = kept_files(org)
    assert slot_key((FANOE, G1)) not in state_of(org).drafts
    return kept


def test_adding_the_organisation_again_takes_its_drafts_back_each_its_kind(sharing):
    removed_with_texts(sharing)

    out = flat(sharing.ok("projekt", "genbruger", "Fanø Kommune"))

    assert (
        "1 kladde og 2 ikke gemte begrundelser fra dialogen med Fanø Kommune er hentet tilbage: "
        "de blev gemt for sig, da organisationen blev fjernet. Fortsæt med: "
        "spredning fase tjek --rolle genbruge --partner fanoe-kommune"
    ) in out
    state = state_of(sharing)
    g1, g2 = slot_key((FANOE, G1)), slot_key((FANOE, G2))
    assert state.drafts[g1] == "Vi har ventelister, og" and g1 not in state.reasons
    assert state.beside[g1] == "Kun delvist"  # the reason beside the answer draft, as it was
    assert state.drafts[g2] == "Passer ikke her" and g2 in state.reasons
    assert kept_files(sharing) == []  # its texts are in the state now
    status = flat(sharing.ok("status", "--partner", "Fanø"))
    assert "kladde" in status


def test_the_interview_opens_with_the_draft_taken_back_in_the_field(sharing, typing):
    removed_with_texts(sharing)
    sharing.ok("projekt", "genbruger", "Fanø Kommune")

    shown = typing(sharing, "\x03", "fase", "tjek", "--rolle", "genbruge", "--partner", "Fanø")

    assert "Vi har ventelister, og" in shown.screen


def test_a_file_from_the_organisation_brings_it_back_with_its_drafts(sharing, tmp_path, run_cli):
    fanoe = Org(tmp_path / "fanoe", tmp_path, run_cli)
    assert fanoe.import_(sharing.export("--partner", FANOE))[0] == 0
    fanoe.answer({G3: "Lange ventetider", G1: "Fanøs eget svar"}, "--rolle", "genbruge")
    from_fanoe = fanoe.export()
    kept = removed_with_texts(sharing)
    before = tree(sharing.home)

    dry = flat(sharing.ok("importer", str(from_fanoe), "--tør"))

    assert (
        "1 kladde og 2 ikke gemte begrundelser fra dialogen med Fanø Kommune, som blev gemt for sig, da "
        "organisationen blev fjernet, ville blive hentet tilbage."
    ) in dry
    assert tree(sharing.home) == before and kept.exists()

    code, out, err = sharing.import_(from_fanoe)

    assert code == 0, err
    said = flat(out)
    assert "Fanø Kommune er med i projektet som genbrugende organisation" in said
    assert "1 kladde og 2 ikke gemte begrundelser fra dialogen med Fanø Kommune er hentet" in said
    assert "Fortsæt med: spredning fase tjek --rolle genbruge --partner fanoe-kommune" in said
    assert (
        "Bemærk: Et af de spørgsmål, der har fået en kladde tilbage, har et gemt svar nu. Læs svaret, før "
        "du gemmer kladden; gemmer du den, erstatter den svaret."
    ) in said  # Fanø's own answer, which the draft would replace
    assert state_of(sharing).drafts[slot_key((FANOE, G1))] == "Vi har ventelister, og"
    assert sharing.texts(FANOE)[G3] == "Lange ventetider"
    assert sharing.texts(FANOE)[G1] == "Fanøs eget svar"
    assert kept_files(sharing) == []


def test_removed_twice_both_files_come_back_and_no_text_is_lost(sharing):
    typed_for_fanoe(sharing, {G1: "Første udkast"})
    sharing.ok("projekt", "fjern-genbruger", "Fanø", "--ja")
    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    typed_for_fanoe(sharing, {G1: "Første udkast", G2: "Andet"})
    # the first file left behind (as when it could not be removed): taken back a second time
    first = sharing.home / ".spredning" / "genoptraening-aeroe-kladder-fanoe-kommune.yaml"
    again = {"organisation": "Fanø Kommune", "kladder": {G1: "Et helt andet udkast"}}
    first.write_text(yaml.safe_dump(again, allow_unicode=True), encoding="utf-8")
    sharing.ok("projekt", "fjern-genbruger", "Fanø", "--ja")
    assert len(kept_files(sharing)) == 2

    out = flat(sharing.ok("projekt", "genbruger", "Fanø Kommune"))

    assert "2 kladder fra dialogen med Fanø Kommune er hentet tilbage" in out
    drafts = state_of(sharing).drafts
    assert "Et helt andet udkast" in drafts[slot_key((FANOE, G1))]
    assert "Første udkast" in drafts[slot_key((FANOE, G1))]  # two files' texts: both kept
    assert drafts[slot_key((FANOE, G2))] == "Andet"
    assert kept_files(sharing) == []


def test_another_organisations_file_or_a_file_not_whole_is_left_as_it_is(sharing):
    folder = sharing.home / ".spredning"
    other = folder / "genoptraening-aeroe-kladder-fanoe-kommune.yaml"  # a Fanø of another name had the key
    other.write_text(yaml.safe_dump({"organisation": "Fanø Efterskole", "kladder": {G1: "ikke vores"}}))
    damaged = folder / "genoptraening-aeroe-kladder-fanoe-kommune-2.yaml"
    damaged.write_text("organisation: Fanø Kommune\nkladder: [halvt\n", encoding="utf-8")
    sharing.ok("projekt", "fjern-genbruger", "Fanø")
    before = {p: p.read_bytes() for p in (other, damaged)}

    out = flat(sharing.ok("projekt", "genbruger", "Fanø Kommune"))

    assert "hentet tilbage" not in out
    assert not state_of(sharing).drafts
    assert {p: p.read_bytes() for p in (other, damaged)} == before


def test_the_removal_says_the_drafts_come_back_with_the_organisation(sharing):
    typed_for_fanoe(sharing, {G1: "halvt"})

    out = flat(sharing.ok("projekt", "fjern-genbruger", "Fanø", "--ja"))

    assert (
        "Kommer Fanø Kommune med igen (med en fil fra organisationen eller med 'projekt genbruger'), "
        "hentes de tilbage i dialogen."
    ) in out


def test_in_english(sharing):
    removed_with_texts(sharing)

    out = flat(sharing.ok("--sprog", "en", "projekt", "genbruger", "Fanø Kommune"))

    assert (
        "1 draft and 2 unsaved reasons from the dialogue with Fanø Kommune have been taken back: they "
        "were kept apart when the organisation was removed. Go on with: "
        "spredning --sprog en fase check --rolle genbruge --partner fanoe-kommune"
    ) in out
