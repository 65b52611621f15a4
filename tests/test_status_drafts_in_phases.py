"""Drafts in several phases: status names each draft's phase and gives a command for each phase.

Found in a trial: status listed »Hvad er formålet?«, »Hvad siger målgruppen?« without their phases,
and its next step said 'gør de 2 kladder færdige (fasen åbner ved dem), først: fase tjek …' with no
word of the second phase, which 'fase tjek' never opens. Run with the installed command.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, G1, Org, flat, start_sharing
from projectkit import workspace

from spredning.app.answering import Session

pytestmark = pytest.mark.e2e

T1 = "test.del-viden-om-maalgruppen.dele.maalgruppen-siger"
TG = "test.del-viden-om-maalgruppen.genbruge.samme-maalgruppe"


def drafted(org: Org, role: str, texts: dict[str, str], partner: str | None = None) -> None:
    """Drafts kept as the interview keeps them (its own session), on `role`'s side."""
    ws = workspace(org.home)
    questions = {q.id: q for q in ws.guide.questions()}
    dialogue = ws.store.load(org.slug).partner(partner) if partner else None
    session = Session(ws, org.slug, role, dialogue)
    for qid, text in texts.items():
        session.keep_draft(questions[qid], text)


def test_drafts_in_two_phases_are_named_with_them_and_each_phase_gets_its_command(tmp_path):
    odense = Org(tmp_path / "odense", tmp_path)
    odense.home.mkdir()
    start_sharing(odense)
    drafted(odense, "dele", {T1: "Målgruppen", D1: "Formålet"})

    out = flat(odense.ok("status"))

    assert (
        "2 kladder, der ikke er gemt som svar: »Hvad er formålet?« (fasen Tjek), »Hvad siger målgruppen?« "
        "(fasen Test)"
    ) in out
    assert (
        "Næste skridt: gør de 2 kladder færdige, én fase ad gangen (hver fase åbner ved sin første kladde): "
        "spredning fase tjek --rolle dele spredning fase test --rolle dele"
    ) in out
    code, said, err = odense("status", "--sprog", "en")
    assert code == 0, err
    assert "“What is the purpose?” (Check phase)" in flat(said)
    assert "spredning --sprog en fase check --rolle dele spredning --sprog en fase test --rolle dele" in flat(
        said
    )


def test_each_phase_a_command_opens_has_a_draft_named(tmp_path):
    """Left alone in stop 48: five drafts in four phases named three ("bl.a.") of the first two
    phases, and four commands followed, two of them for phases none of the named drafts was in."""
    odense = Org(tmp_path / "odense", tmp_path)
    odense.home.mkdir()
    start_sharing(odense)
    drafted(
        odense,
        "dele",
        {
            D1: "Formålet",
            D2: "Løsningen",
            T1: "Målgruppen",
            "tilpas.genbrug-kontakter.dele.netvaerk": "Netværket",
            "fjern.fjern-forhindringer.dele.regler-procedurer": "Reglerne",
        },
    )

    out = flat(odense.ok("status"))

    assert (
        "5 kladder, der ikke er gemt som svar, bl.a.: »Hvad er formålet?« (fasen Tjek); »Hvad siger "
        "målgruppen?« (fasen Test); »Hvem trak I på, da I udviklede?« (fasen Tilpas); »Fjernet regler og "
        "procedurer – hvilke?« (fasen Fjern) Næste skridt"
    ) in out, out
    assert (
        "spredning fase tjek --rolle dele spredning fase test --rolle dele spredning fase tilpas --rolle "
        "dele spredning fase fjern --rolle dele"
    ) in out


def test_drafts_in_one_phase_keep_the_one_command_and_no_phase_names(tmp_path):
    odense = Org(tmp_path / "odense", tmp_path)
    odense.home.mkdir()
    start_sharing(odense)
    drafted(odense, "dele", {D1: "Formålet"})

    out = flat(odense.ok("status"))

    assert "Kladde, der ikke er gemt som svar: »Hvad er formålet?« Næste skridt:" in out
    assert "gør kladden færdig (fasen åbner ved den): spredning fase tjek --rolle dele" in out


def test_a_partners_drafts_in_two_phases_get_a_command_each_in_its_line_of_the_portfolio(tmp_path):
    odense = Org(tmp_path / "odense", tmp_path)
    odense.home.mkdir()
    start_sharing(odense, reusers=("Ærø Kommune", "Fanø Kommune"))
    drafted(odense, "genbruge", {G1: "Ærøs svar", TG: "Ærøs målgruppe"}, partner="aeroe-kommune")

    out = flat(odense.ok("status"))

    partners = out.split("Genbrugende organisationer:")[1]
    assert (
        "Ærø Kommune: i fasen Tjek (0/14); 2 kladder. Næste skridt: gør de 2 kladder færdige, én fase ad "
        "gangen (hver fase åbner ved sin første kladde): "
        "spredning fase tjek --rolle genbruge --partner aeroe-kommune "
        "spredning fase test --rolle genbruge --partner aeroe-kommune"
    ) in partners
    assert "(fasen Tjek, Ærø Kommune)" in out and "(fasen Test, Ærø Kommune)" in out
