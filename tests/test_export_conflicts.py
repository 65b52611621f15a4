"""'eksport' says when the file leaves a conflict open: it carries only the version standing here.

Found in stop 40's trial and checked again in stop 42: Odense had Ærø's answer in conflict (its own
text for Ærø beside Ærø's), exported, and was told only "Eksporteret: 1 svar". Ærø got Odense's
version and no word that the question was still undecided here. The export now names the open
conflicts of what the file carries (the shared answers and the receiver's dialogue, of the side
exported) and the command that settles them; the next export then carries the decision.
Run with the installed command, on real files.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, Org, flat, settle_in_terminal, start_sharing

pytestmark = pytest.mark.e2e

SAID = "Bemærk: 1 konflikt er ikke afgjort: filen har kun den udgave af svaret, der står her, ikke de andre."


@pytest.fixture
def odense(tmp_path) -> Org:
    org = Org(tmp_path / "odense", tmp_path)
    org.home.mkdir()
    return start_sharing(org, reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Formålet"})


def conflict_with(odense: Org, tmp_path, key: str, question: str, theirs: str, ours: str, *side: str) -> Org:
    """The partner `key` answers `question`; Odense writes its own text there, then imports the partner's."""
    partner = Org(tmp_path / key, tmp_path)
    assert partner.import_(odense.export("--partner", key))[0] == 0
    partner.answer({question: theirs}, *side)
    sent = partner.export()
    odense.answer({question: ours}, *side, "--partner", key)
    code, out, err = odense.import_(sent)
    assert code == 0 and "1 konflikt" in flat(out), err + out
    return partner


def test_an_open_conflict_in_the_receivers_dialogue_is_named_with_the_command_that_settles_it(
    odense, tmp_path
):
    conflict_with(
        odense,
        tmp_path,
        "aeroe-kommune",
        G1,
        "Ærø skrev dette",
        "Odenses udgave af Ærøs svar",
        "--rolle",
        "genbruge",
    )

    out = flat(odense.ok("eksport", "--partner", "Ærø Kommune"))

    assert f"{SAID} Afgør den, og eksportér så igen: spredning konflikter Send filen" in out
    sent = next(odense.files.glob("*-til-aeroe-kommune.yaml")).read_text(encoding="utf-8")
    assert "Odenses udgave af Ærøs svar" in sent and "Ærø skrev dette" not in sent  # ours only


def test_another_partners_conflict_or_one_of_the_side_not_exported_is_not_named(odense, tmp_path):
    conflict_with(odense, tmp_path, "aeroe-kommune", G1, "Ærøs svar", "Odenses udgave", "--rolle", "genbruge")

    to_fanoe = flat(odense.ok("eksport", "--partner", "Fanø Kommune"))
    only_ours = flat(odense.ok("eksport", "--partner", "Ærø Kommune", "--rolle", "dele", "--ud", "dele.yaml"))
    both = flat(odense.ok("eksport", "--partner", "Ærø Kommune", "--ud", "begge.yaml"))

    assert "konflikt" not in to_fanoe and "konflikt" not in only_ours
    assert SAID in both


def test_a_shared_answers_conflict_with_one_partner_is_named_in_the_file_to_another(odense, tmp_path):
    """A trial (three organisations): the shared answer in conflict with Ærø's version was sent to Fanø
    with no word; settled with Ærø's text later, Fanø's answer changed under it. Every file carries
    the shared answers, so their open conflicts are named in each."""
    conflict_with(
        odense, tmp_path, "aeroe-kommune", D1, "Ærøs formål", "Odenses nye formål", "--rolle", "dele"
    )

    to_fanoe = flat(odense.ok("eksport", "--partner", "Fanø Kommune"))

    assert f"{SAID} Afgør den, og eksportér så igen: spredning konflikter" in to_fanoe


def test_the_reusing_side_is_told_of_its_conflict_and_once_settled_it_is_not_named(
    tmp_path, run_cli, monkeypatch
):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Formålet"})
    aeroe = Org(tmp_path / "aeroe-kommune", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    odense.answer({D1: "Odenses nye formål"})
    aeroe.answer({D1: "Ærøs forslag til formålet"}, "--rolle", "dele")
    assert aeroe.import_(odense.export())[0] == 0

    before = flat(aeroe.ok("eksport", "--ud", str(tmp_path / "foer.yaml")))
    settle_in_terminal(aeroe, monkeypatch)
    after = flat(aeroe.ok("eksport", "--ud", str(tmp_path / "efter.yaml")))

    assert f"{SAID} Afgør den, og eksportér så igen: spredning konflikter" in before
    assert "konflikt" not in after


def test_konflikter_for_another_partner_names_the_shared_answer_in_conflict_and_the_command(odense, tmp_path):
    """A trial: 'konflikter --partner Fanø' said "ingen uafklarede konflikter" while a shared answer
    Fanø gets was in conflict with Ærø's version (the export to Fanø names it)."""
    conflict_with(
        odense, tmp_path, "aeroe-kommune", D1, "Ærøs formål", "Odenses nye formål", "--rolle", "dele"
    )

    fanoe = flat(odense.ok("konflikter", "--partner", "Fanø Kommune"))
    aeroe = flat(odense.ok("konflikter", "--partner", "Ærø Kommune"))

    assert "Der er ingen uafklarede konflikter i denne dialog." in fanoe
    assert (
        "Et svar, der er fælles for alle dialoger, har en konflikt med en anden genbrugende organisations"
        " udgave" in fanoe
    )
    named = "• Tjek · Beskriv innovationen · Vi vil dele: Hvad er formålet?"  # the question, named
    assert fanoe.endswith(f"Se og afgør den med 'spredning konflikter': {named}")
    assert "Ærøs formål" in aeroe and "fælles for alle dialoger, har en konflikt" not in aeroe
