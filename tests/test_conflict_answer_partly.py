"""A partner's decision on a shared answer settles only the versions that partner knew.

Found in a trial: Odense, Ærø and Fanø all changed a shared answer, so Odense held it in three
versions. Fanø got Odense's version, settled its conflict in `konflikter` (keeping its own) and sent
the decision back. Odense's import said "0 konflikter, 1 konflikt afgjort af partneren" and, on the
next line, "Der er 1 uafklaret konflikt": Ærø's version, which Fanø never saw, still waited. The
import now says the conflict is only partly settled (the dry run too); Ærø's version is kept, and
status, vis and konflikter show it beside Fanø's decision. A decision that knew every version still
says "afgjort af partneren".
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, flat, settle_in_terminal, start_hub

pytestmark = pytest.mark.usefixtures("work_in_tmp")

ODENSE, AEROE, FANOE = "Odenses nye formål", "Ærøs formål", "Fanøs formål"
SETTLED = "1 konflikt afgjort af partneren"
PARTLY = "1 konflikt delvis afgjort af partneren"


@pytest.fixture
def decided_by_fanoe(tmp_path, run_cli, monkeypatch):
    """Odense holds D1 in three versions; Fanø settles its own conflict (keeping Fanø's text), knowing
    Odense's version but not Ærø's. (sharing, partners, the decision's file)"""
    sharing, partners = start_hub(tmp_path, run_cli, {D1: "Odenses formål"})
    aeroe, fanoe = partners["aeroe-kommune"], partners["fanoe-kommune"]
    sharing.answer({D1: ODENSE})
    aeroe.answer({D1: AEROE}, "--rolle", "dele")
    fanoe.answer({D1: FANOE}, "--rolle", "dele")
    for org in (aeroe, fanoe):
        assert sharing.import_(org.export())[0] == 0
    assert sharing.others() == {D1: [AEROE, FANOE]}
    assert fanoe.import_(sharing.export("--partner", "fanoe-kommune"))[0] == 0
    assert fanoe.others() == {D1: [ODENSE]}  # Fanø never saw Ærø's version
    assert "1 konflikt afgjort." in settle_in_terminal(fanoe, monkeypatch)
    return sharing, partners, fanoe.export()


def test_a_decision_that_knew_two_of_three_versions_is_said_to_settle_the_conflict_partly(decided_by_fanoe):
    sharing, _, decision = decided_by_fanoe

    code, out, err = sharing.import_(decision)

    assert code == 0, err
    said = flat(out)
    counts = f"0 tilføjede, 0 opdaterede, 0 uændrede, 0 konflikter, {PARTLY}"
    assert f"Importeret fra Fanø Kommune: {counts}" in said
    assert SETTLED not in said
    assert "Der er 1 uafklaret konflikt; se og afgør den med 'spredning konflikter'." in said
    assert sharing.texts()[D1] == FANOE and sharing.others() == {D1: [AEROE]}  # Ærø's still kept
    versions = f"(nu Fanø Kommunes tekst): {FANOE} Ærø Kommune: {AEROE}"
    assert f"Odense Kommune {versions}" in flat(sharing.ok("status"))
    assert f"Jeres udgave {versions.replace(' Ærø Kommune:', ' Ærø Kommunes udgave:')}" in flat(
        sharing.ok("konflikter")
    )
    shown = flat(sharing.ok("vis", "--partner", "aeroe-kommune"))
    assert f"Hvad er formålet? {FANOE} Ærø Kommunes udgave (uafklaret): {AEROE}" in shown


def test_the_dry_run_says_the_decision_leaves_a_version_waiting(decided_by_fanoe):
    sharing, _, decision = decided_by_fanoe

    said = flat(sharing.ok("importer", str(decision), "--tør"))

    assert "Ville lukke" not in said and SETTLED not in said
    assert (
        "Ville delvis afgøre 1 konflikt; partneren kendte ikke alle udgaver, så resten venter stadig på en "
        "afgørelse: • Tjek · Beskriv innovationen · Vi vil dele: Hvad er formålet?"
    ) in said
    counts = f"0 tilføjede, 0 opdaterede, 0 uændrede, 0 konflikter, {PARTLY}"
    assert f"Prøvekørsel, intet er gemt: {counts}" in said
    assert sharing.others() == {D1: [AEROE, FANOE]}


def test_the_last_partners_decision_settles_the_rest(decided_by_fanoe, monkeypatch):
    sharing, partners, decision = decided_by_fanoe
    aeroe = partners["aeroe-kommune"]
    assert sharing.import_(decision)[0] == 0
    assert aeroe.import_(sharing.export("--partner", "aeroe-kommune"))[0] == 0
    assert aeroe.others() == {D1: [FANOE]}  # Fanø's decision, now Odense's text
    settle_in_terminal(aeroe, monkeypatch)

    code, out, err = sharing.import_(aeroe.export())

    assert code == 0, err
    said = flat(out)
    assert SETTLED in said and "delvis" not in said and "uafklaret" not in said
    assert sharing.texts()[D1] == AEROE and sharing.others() == {}
