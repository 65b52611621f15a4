"""A reusing organisation marking (or approving for) the sharing side changes the record its dialogue shows.

From a trial with three organisations: Odense shared a general mark with all its partners; Region's
`klarhed … --rolle dele` was kept in Region's own dialogue, so at Odense it silently hid Odense's
general mark there for good (never a conflict, Odense's later change never showed at Region) and
was shown as Odense's own. Now it changes the record that applies in the dialogue: the general one
unless Odense gave the dialogue its own, so two changes made at once are kept as two versions, named
by organisation, as answers are.
"""

from __future__ import annotations

from exchange_kit import KEYS, flat, start_hub

from spredning.core import followup

TOOL = "tjek.beskriv-innovationen"


def _shared_general(sharing, partners, *argv: str) -> None:
    """Odense keeps a general record (`argv`, a command) and sends it to every partner."""
    sharing.ok(*argv, "--fælles")
    for key, partner in partners.items():
        assert partner.import_(sharing.export("--partner", key))[0] == 0


def _mark(org, partner_key=None):
    project = org.project()
    partner = project.partner(partner_key) if partner_key else project.partners[0]
    mark = followup.readiness(project, partner, TOOL, "dele")
    return None if mark is None else (mark.colour, mark.reason, mark.where, mark.disputed)


def test_a_partners_mark_for_the_sharing_side_and_the_sharing_sides_own_are_two_versions(tmp_path, run_cli):
    sharing, partners = start_hub(tmp_path, run_cli, {})
    aeroe, fanoe = partners[KEYS[0]], partners[KEYS[1]]
    _shared_general(sharing, partners, "klarhed", TOOL, "grøn")
    aeroe.ok("klarhed", TOOL, "gul", "--rolle", "dele", "--begrundelse", "Mangler tal")
    assert _mark(aeroe) == ("gul", "Mangler tal", "", False)  # the general mark, as Ærø sees it
    sharing.ok("klarhed", TOOL, "rød", "--fælles")  # meanwhile, at Odense

    assert sharing.import_(aeroe.export())[0] == 0

    assert _mark(sharing, KEYS[0])[3] is True  # two versions, to settle: never one hidden by the other
    status = flat(sharing.ok("status", "--partner", KEYS[0]))
    assert "Jeres udgave: rød" in status and "Ærø Kommunes udgave: gul – Mangler tal" in status, status
    assert _mark(sharing, KEYS[1])[3] is True  # the general mark: the same in every dialogue

    assert aeroe.import_(sharing.export("--partner", KEYS[0]))[0] == 0  # the versions at Ærø too
    shown = flat(aeroe.ok("klarhed", TOOL, "gul", "--rolle", "dele"))  # found in a re-trial: none shown
    assert "Jeres udgave: gul – Mangler tal" in shown and "Odense Kommune" in shown, shown
    assert "rød" in shown.split("er gemt")[0], shown  # Odense's version, shown before it is settled
    assert _mark(aeroe) == ("gul", "Mangler tal", "", False)

    sharing.ok("klarhed", TOOL, "gul", "--fælles")  # settled at Odense too: Ærø's colour and reason
    assert _mark(sharing, KEYS[0]) == ("gul", "Mangler tal", "", False)
    assert fanoe.import_(sharing.export("--partner", KEYS[1]))[0] == 0
    assert _mark(fanoe) == ("gul", "Mangler tal", "", False)  # passed on, as a changed answer is
    assert aeroe.import_(sharing.export("--partner", KEYS[0]))[0] == 0
    assert _mark(aeroe) == ("gul", "Mangler tal", "", False)


def test_a_later_mark_by_the_sharing_side_reaches_the_partner_that_marked_it(tmp_path, run_cli):
    """Found in the trial: Odense's later red came in at Region, but Region's own green stayed in sight."""
    sharing, partners = start_hub(tmp_path, run_cli, {})
    aeroe = partners[KEYS[0]]
    _shared_general(sharing, partners, "klarhed", TOOL, "gul")
    aeroe.ok("klarhed", TOOL, "grøn", "--rolle", "dele", "--begrundelse", "Regionen betaler")
    assert sharing.import_(aeroe.export())[0] == 0
    assert _mark(sharing, KEYS[0]) == ("grøn", "Regionen betaler", "", False)

    sharing.ok("klarhed", TOOL, "rød", "--fælles", "--begrundelse", "Økonomi uafklaret")
    assert aeroe.import_(sharing.export("--partner", KEYS[0]))[0] == 0

    assert _mark(aeroe) == ("rød", "Økonomi uafklaret", "", False)
    assert "Beskriv innovationen: rød" in flat(aeroe.ok("klarhed"))


def test_a_dialogues_own_mark_for_the_sharing_side_is_the_one_the_partner_changes(tmp_path, run_cli):
    sharing, partners = start_hub(tmp_path, run_cli, {})
    aeroe = partners[KEYS[0]]
    sharing.ok("klarhed", TOOL, "grøn", "--fælles")
    sharing.ok("klarhed", TOOL, "gul", "--partner", KEYS[0], "--begrundelse", "Kun for Ærø")
    assert aeroe.import_(sharing.export("--partner", KEYS[0]))[0] == 0

    aeroe.ok("klarhed", TOOL, "rød", "--rolle", "dele")
    assert _mark(aeroe)[:3] == ("rød", "", KEYS[0])
    assert sharing.import_(aeroe.export())[0] == 0

    assert _mark(sharing, KEYS[0])[:3] == ("rød", "", KEYS[0])
    assert _mark(sharing, KEYS[1])[:3] == ("grøn", "", "")  # the other dialogues keep the general one


def test_a_partners_approval_for_the_sharing_side_is_the_general_one_too(tmp_path, run_cli):
    sharing, partners = start_hub(tmp_path, run_cli, {})
    aeroe = partners[KEYS[0]]
    _shared_general(sharing, partners, "godkend", "tjek", "--af", "Lars Odense")
    said = flat(aeroe.ok("godkend", "tjek", "--rolle", "dele", "--af", "Rikke", "--dato", "02-12-2026"))
    # whose phase it is, named (found in the trial: "Fasen Tjek er godkendt af Rikke Region" alone)
    assert said.startswith("Odense Kommunes fase Tjek er godkendt af Rikke den 2. december 2026."), said
    sharing.ok("godkend", "tjek", "--fælles", "--af", "Lars Odense", "--dato", "01-12-2026")

    assert sharing.import_(aeroe.export())[0] == 0

    project = sharing.project()
    approval = followup.approval(project, project.partner(KEYS[0]), "tjek", "dele")
    assert approval is not None and approval.where == "" and approval.disputed


def test_approving_the_other_sides_phase_names_whose_it_is_in_english_too(tmp_path, run_cli):
    _, partners = start_hub(tmp_path, run_cli, {})
    said = flat(partners[KEYS[0]].ok("--sprog", "en", "godkend", "tjek", "--rolle", "dele", "--af", "Rikke"))
    assert said.startswith("Odense Kommune's Check phase has been approved by Rikke on"), said
