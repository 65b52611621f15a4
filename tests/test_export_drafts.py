"""'eksport' says which drafts the file leaves out (trial40): status named '2 kladder, der ikke er gemt
som svar', and eksport straight after said only 'Eksporteret: 9 svar', so the user thought the text
was sent. Only the drafts of what the file carries are named: the shared answers and the receiver's
dialogue, of the side exported. Run with the installed command, on real files."""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, D3, G1, G2, Org, flat, start_sharing
from projectkit import workspace

from spredning.app.answering import Session

pytestmark = pytest.mark.e2e


def draft(org: Org, role: str, question_id: str, text: str, partner_key: str | None = None) -> None:
    """A draft kept on org's computer, as the interview's autosave keeps one."""
    ws = workspace(org.home)
    slug = org.slug
    partner = ws.store.load(slug).partner(partner_key) if partner_key else None
    question = next(q for q in ws.guide.questions() if q.id == question_id)
    Session(ws, slug, role, partner).keep_draft(question, text)


@pytest.fixture
def odense(tmp_path) -> Org:
    org = Org(tmp_path / "odense", tmp_path)
    org.home.mkdir()
    return start_sharing(org, reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Formålet"})


def test_the_sharing_sides_draft_left_out_is_named_with_the_command_that_finishes_it(odense):
    draft(odense, "dele", D2, "Halvt skrevet om løsningen")

    out = flat(odense.ok("eksport", "--partner", "Ærø Kommune"))

    said = "Bemærk: En kladde er ikke med i filen, for den er ikke gemt som svar. Gør den færdig, og"
    assert (
        f"{said} eksportér så igen: spredning fase tjek --rolle dele • Tjek: Hvad går løsningen ud på?" in out
    )
    sent = next(odense.files.glob("*-til-aeroe-kommune.yaml")).read_text(encoding="utf-8")
    assert "Formålet" in sent and "Halvt skrevet" not in sent


def test_several_drafts_are_counted_and_a_few_named(odense):
    for qid, text in ((D2, "kladde to"), (D3, "kladde tre"), (D1, "rettet formål")):
        draft(odense, "dele", qid, text)

    three = flat(odense.ok("eksport", "--partner", "Ærø Kommune"))
    draft(odense, "genbruge", G1, "på mødet", partner_key="aeroe-kommune")
    four = flat(odense.ok("eksport", "--partner", "Ærø Kommune", "--overskriv"))

    named = "• Tjek: Hvad er formålet? • Tjek: Hvad går løsningen ud på? • Tjek: Hvordan forløb processen?"
    assert "Bemærk: 3 kladder er ikke med i filen, for de er ikke gemt som svar." in three
    assert f"eksportér så igen: spredning fase tjek --rolle dele {named} Send filen" in three  # guide order
    assert "Bemærk: 4 kladder er ikke med i filen" in four  # two places: the first one's command
    assert f"eksportér så igen; først: spredning fase tjek --rolle dele {named}" in four
    assert "• … og 1 til (se dem alle med 'status')" in four


def test_drafts_in_two_phases_give_the_first_ones_command_first(odense):
    draft(odense, "dele", D2, "kladde i tjek")
    hoest = next(q for q in workspace(odense.home).guide.questions("dele") if q.id.startswith("hoest."))
    draft(odense, "dele", hoest.id, "kladde i høst")

    out = flat(odense.ok("eksport", "--partner", "Ærø Kommune"))

    assert "først: spredning fase tjek --rolle dele • Tjek: Hvad går løsningen ud på?" in out
    assert f"• Høst: {hoest.text}" in out


def test_a_draft_in_another_partners_dialogue_or_of_the_side_not_exported_is_not_named(odense):
    draft(odense, "genbruge", G1, "Fanø svarede på mødet", partner_key="fanoe-kommune")
    draft(odense, "dele", D2, "Halvt skrevet")

    to_aeroe = flat(odense.ok("eksport", "--partner", "Ærø Kommune"))
    reusers_side = flat(
        odense.ok("eksport", "--partner", "Ærø Kommune", "--rolle", "genbruge", "--overskriv")
    )
    to_fanoe = flat(odense.ok("eksport", "--partner", "Fanø Kommune", "--rolle", "genbruge"))

    assert "En kladde er ikke med" in to_aeroe and "Fanø svarede" not in to_aeroe
    assert "kladde" not in reusers_side.lower()
    assert "En kladde er ikke med" in to_fanoe
    command = "spredning fase tjek --rolle genbruge --partner fanoe-kommune"
    assert f"eksportér så igen: {command} • Tjek: Er løsningen umiddelbart interessant" in to_fanoe
    assert "interessant for jer? Hvorfor? (Fanø Kommune)" in to_fanoe


def test_the_reusing_sides_drafts_are_named_and_no_draft_says_nothing(tmp_path, odense):
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    aeroe.home.mkdir()
    assert aeroe.import_(odense.export("--partner", "Ærø Kommune"))[0] == 0
    plain = flat(aeroe.ok("eksport"))
    draft(aeroe, "genbruge", G1, "Vi tænker stadig", partner_key="aeroe-kommune")
    draft(aeroe, "genbruge", G2, "Måske", partner_key="aeroe-kommune")

    out = flat(aeroe.ok("eksport", "--overskriv"))

    assert "kladde" not in plain.lower()
    assert "Bemærk: 2 kladder er ikke med i filen" in out
    assert "eksportér så igen: spredning fase tjek --rolle genbruge • Tjek:" in out
