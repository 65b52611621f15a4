"""A readiness mark or an approval changed by both organisations: both versions seen, and settled.

Found in a trial: Odense marked its readiness after a tool green and Ærø marked it red for Odense's
side (`klarhed ... --rolle dele`); Odense approved Ærø's phase as Ole and Ærø as Bente. After the
exchange the project file kept both versions of each, and the import said "2 findes nu i flere
udgaver (se 'spredning plan')", but `plan`, `klarhed` and `status` showed only this side's version:
neither organisation saw the other's. Now `status` lists every version with whose it is and the
command that settles it (klarhed or godkend again, which shows the versions before asking), the
import points to `status`, and a mark or approval set again is settled here and, after the next
exchange, at the partner.
"""

from __future__ import annotations

import re

import pexpect
import pytest
from exchange_kit import Org, flat, start_sharing
from projectkit import workspace
from terminal import COMMAND, DOWN, ENTER, person, rendered

from spredning.app import home as app_home
from spredning.cli.home import arguments

pytestmark = pytest.mark.usefixtures("work_in_tmp")

TOOL = "tjek.beskriv-innovationen"


@pytest.fixture
def both_changed(tmp_path):
    """Odense (sharing) and Ærø (reusing, in tmp_path/hjem) each change Odense's mark after the tool
    and Ærø's approval of the phase Tjek; Odense imports Ærø's file. (odense, ærø, import output)"""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path))
    aeroe = Org(tmp_path / "hjem", tmp_path)
    assert aeroe.import_(odense.export())[0] == 0
    odense.ok("klarhed", TOOL, "grøn", "--begrundelse", "Vi er klar")
    aeroe.ok("klarhed", TOOL, "rød", "--rolle", "dele", "--begrundelse", "Odense mangler noget")
    odense.ok("godkend", "tjek", "--af", "Ole", "--rolle", "genbruge")
    aeroe.ok("godkend", "tjek", "--af", "Bente")
    code, out, err = odense.import_(aeroe.export())
    assert code == 0, err
    return odense, aeroe, flat(out)


def in_versions(org: Org) -> list[str]:
    """The keys of the records kept in several versions in org's project file."""
    project = org.project()
    return sorted(key for section in project.records.values() for key, e in section.items() if e.in_conflict)


def test_the_import_points_to_where_both_versions_are_shown(both_changed):
    odense, _, imported = both_changed
    assert "2 findes nu i flere udgaver (se dem med 'spredning status')" in re.sub(
        r"'\S*/spredning", "'spredning", imported
    )
    assert in_versions(odense) == ["godkendelse:tjek.genbruge", f"klarhed:{TOOL}.dele"]


def test_status_shows_every_version_with_whose_it_is_and_how_to_settle_it(both_changed):
    odense, aeroe, _ = both_changed
    shown = flat(odense.ok("status"))
    assert "2 klarheder eller godkendelser findes i flere udgaver" in shown
    assert (
        "Klarhed, Tjek · Beskriv innovationen · Vi vil dele: • Jeres udgave: grøn – Vi er klar "
        "• Ærø Kommunes udgave: rød – Odense mangler noget "
        "Afgør det (kommandoen viser udgaverne og spørger):"
    ) in shown
    assert "spredning klarhed beskriv-innovationen Godkendelse af Tjek" in shown  # this side's: no --rolle
    assert "Godkendelse af Tjek, Vi vil genbruge (Ærø Kommune): • Jeres udgave: godkendt af Ole " in shown
    assert "• Ærø Kommunes udgave: godkendt af Bente" in shown
    assert "spredning godkend tjek --rolle genbruge" in shown
    next_step = "Næste skridt: afgør, hvilken udgave der gælder for de 2 klarheder eller godkendelser"
    assert next_step in shown

    assert aeroe.import_(odense.export())[0] == 0  # the partner sees them too, Odense's named
    theirs = flat(aeroe.ok("status"))
    assert (
        "• Jeres udgave: rød – Odense mangler noget • Udgaven fra Odense Kommune: grøn – Vi er klar" in theirs
    )
    assert "spredning klarhed beskriv-innovationen --rolle dele" in theirs
    assert "• Jeres udgave: godkendt af Bente" in theirs
    assert "• Udgaven fra Odense Kommune: godkendt af Ole" in theirs


def test_the_settling_command_runs_as_written_and_the_partner_sees_it_settled(
    both_changed, tmp_path, pseudo_terminal
):
    odense, aeroe, _ = both_changed
    listed = odense.ok("status")
    settle = next(line.strip() for line in listed.splitlines() if "klarhed beskriv-innovationen" in line)
    program, *args = settle.split()  # the command as status writes it
    assert program.endswith("spredning") and args == ["klarhed", "beskriv-innovationen"]

    env = {**person(tmp_path, lines=40), "SPREDNING_HJEM": str(odense.home)}
    child = pseudo_terminal(COMMAND, args, env=env, rows=40, cwd=tmp_path)
    child.expect_exact("Fortryd")
    child.send(DOWN + DOWN + ENTER)  # rød, Ærø's version
    child.expect_exact("begrundelse")
    child.send("Odense mangler noget" + ENTER)
    child.expect(pexpect.EOF)
    screen = flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 40)))
    assert "Klarheden er ændret flere steder, så den findes i 2 udgaver." in screen
    assert "• Ærø Kommunes udgave: rød – Odense mangler noget" in screen
    assert "er gemt: rød" in screen

    # set again with the name given: settled too, the versions it settles shown first
    settled = flat(odense.ok("godkend", "tjek", "--af", "Bente", "--rolle", "genbruge"))
    assert "Godkendelsen er ændret flere steder, så den findes i 2 udgaver." in settled
    assert "• Ærø Kommunes udgave: godkendt af Bente" in settled
    assert "Den erstatter alle udgaverne af godkendelsen, som er vist ovenfor." in settled
    assert "Den erstatter den tidligere godkendelse" not in settled  # of one version only: untrue
    assert in_versions(odense) == []
    assert "flere udgaver" not in flat(odense.ok("status"))

    code, out, _ = aeroe.import_(odense.export())
    assert code == 0
    assert "flere udgaver" not in flat(out)
    assert in_versions(aeroe) == []
    assert "flere udgaver" not in flat(aeroe.ok("status"))
    assert "rød: Tjek · Beskriv innovationen · Vi vil dele – Odense mangler noget" in flat(aeroe.ok("status"))


def test_klarhed_shows_a_mark_in_versions_under_its_picture(both_changed):
    odense, _, _ = both_changed
    shown = flat(odense.ok("klarhed"))
    assert "Beskriv innovationen: grøn (flere udgaver)" in shown
    assert "1 klarhed findes i flere udgaver" in shown
    assert "• Jeres udgave: grøn – Vi er klar • Ærø Kommunes udgave: rød – Odense mangler noget" in shown


def test_the_report_marks_a_mark_and_an_approval_in_versions_as_it_marks_an_action(both_changed, tmp_path):
    odense, _, _ = both_changed
    target = tmp_path / "rapport.md"
    odense.ok("rapport", "--format", "md", "--ud", str(target))
    report = flat(target.read_text(encoding="utf-8"))
    assert "Beskriv innovationen: grøn (findes i flere udgaver)" in report
    assert "er godkendt for Vi vil genbruge – Ærø Kommune af Ole " in report
    assert "Godkendelsen findes i flere udgaver, som ikke er afgjort endnu." in report


def test_the_home_screen_offers_to_see_and_settle_them_first(both_changed, monkeypatch):
    odense, _, _ = both_changed
    monkeypatch.setenv("SPREDNING_HJEM", str(odense.home))
    found = app_home.home(workspace(odense.home))
    first = found.actions[0]
    assert (first.kind, first.n) == ("marks", 2)
    assert arguments(found, first) == ["status"]  # which lists every version and how to settle each


def test_the_agenda_marks_a_red_mark_in_versions(both_changed, tmp_path):
    odense, aeroe, _ = both_changed
    assert aeroe.import_(odense.export())[0] == 0  # Ærø's version (rød) is the one shown there
    target = tmp_path / "dagsorden.md"
    aeroe.ok("dagsorden", "--format", "md", "--ud", str(target))
    agenda = flat(target.read_text(encoding="utf-8"))
    assert "Odense mangler noget (findes i flere udgaver)" in agenda


def test_with_several_partners_the_commands_name_the_dialogue_and_settle_it(tmp_path):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"))
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export("--partner", "aeroe-kommune"))[0] == 0
    odense.ok("godkend", "tjek", "--af", "Ole", "--rolle", "genbruge", "--partner", "aeroe-kommune")
    aeroe.ok("godkend", "tjek", "--af", "Bente")
    assert odense.import_(aeroe.export())[0] == 0

    shown = odense.ok("status")  # the portfolio
    assert "• Ærø Kommunes udgave: godkendt af Bente" in flat(shown)
    settle = next(line.strip() for line in shown.splitlines() if " godkend tjek" in line)
    _, *args = settle.split()
    assert args == ["godkend", "tjek", "--rolle", "genbruge", "--partner", "aeroe-kommune"]
    odense.ok(*args, "--af", "Bente")  # as written, with the name a terminal would ask for
    assert in_versions(odense) == []
    assert aeroe.import_(odense.export("--partner", "aeroe-kommune"))[0] == 0
    assert in_versions(aeroe) == []


def test_a_mark_removed_here_and_changed_there_is_shown_with_both_versions(tmp_path):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path))
    odense.ok("klarhed", TOOL, "grøn")
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export())[0] == 0
    odense.ok("klarhed", TOOL, "--fjern")
    aeroe.ok("klarhed", TOOL, "rød", "--rolle", "dele")
    assert odense.import_(aeroe.export())[0] == 0

    both = "• Jeres udgave: fjernet • Ærø Kommunes udgave: rød"
    assert both in flat(odense.ok("status"))
    assert both in flat(odense.ok("klarhed"))  # though no mark applies here now
    odense.ok("klarhed", TOOL, "rød")
    assert in_versions(odense) == []
