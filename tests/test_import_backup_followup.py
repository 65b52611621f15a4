"""An import that changes or removes our own follow-up (actions, readiness, approvals) keeps a copy first.

Our answers were kept (test_import_backup.py); our action plan, readiness marks and approvals were not:
a partner's file could rewrite or remove them with no copy kept and no word of what they were. Each kind
can be changed by an import (either side may edit a dialogue's actions, and mark or approve for the
other side with --rolle), so each is kept and shown: a line of what it was and is now. What the
partner wrote itself and changes again makes no copy. Run with the installed command and in-process.
"""

from __future__ import annotations

import pytest
import yaml
from exchange_kit import D1, Org, backups, flat, start_sharing, tree

pytestmark = pytest.mark.usefixtures("work_in_tmp")
ACTION = "Ring til de fem borgere i forsøget og aftal første hjemmebesøg"


def action_id(org: Org) -> str:
    [key] = [k for section in org.project().records.values() for k in section if k.startswith("plan:")]
    return key[5:]


def exchanged(tmp_path, run_cli=None) -> tuple[Org, Org]:
    """Odense shares with Ærø; Ærø adds an action, marks its readiness, approves tjek; Odense has it."""
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Færre genindlæggelser"}
    )
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    reusing.ok("plan", "tilføj", "--hvad", ACTION, "--frist", "12-03-2027", "--status", "i gang")
    reusing.ok("klarhed", "beskriv-innovationen", "gul", "--begrundelse", "Budgettet mangler")
    reusing.ok("godkend", "tjek", "--af", "Jens Hansen", "--dato", "01-12-2026")
    assert sharing.import_(reusing.export())[0] == 0
    return sharing, reusing


def test_our_action_mark_and_approval_changed_by_the_partner_are_kept_in_a_copy_installed_command(tmp_path):
    sharing, reusing = exchanged(tmp_path)
    sharing.ok("plan", "ret", action_id(sharing), "--frist", "01-04-2027")
    sharing.ok("klarhed", "beskriv-innovationen", "grøn", "--rolle", "genbruge")
    sharing.ok("godkend", "tjek", "--rolle", "genbruge", "--fortryd")
    file = sharing.export()
    before = tree(reusing.home)
    dry = flat(reusing.ok("importer", str(file), "--tør"))
    assert "Filen ville ændre eller fjerne 3 punkter i jeres egen opfølgning" in dry, dry
    # the copy is named after the list of follow-up items it refers to, as after an import
    assert dry.index(ACTION) < dry.index("Filen ville ændre eller fjerne 3 punkter"), dry
    assert tree(reusing.home) == before and not backups(reusing)
    code, out, err = reusing.import_(file)
    assert code == 0, err + out
    [backup] = backups(reusing)
    shown = flat(out)
    assert (
        f"Jeres eget punkt, ændret af Odense Kommune: var: Handling »{ACTION}«: i gang, frist 12-03-2027 "
        f"nu: Handling »{ACTION}«: i gang, frist 01-04-2027" in shown
    ), out
    assert (
        "var: Klarhed, Tjek · Beskriv innovationen · Vi vil genbruge (Ærø Kommune): gul – Budgettet" in shown
    )
    assert "nu: Klarhed, Tjek · Beskriv innovationen · Vi vil genbruge (Ærø Kommune): grøn" in shown
    assert (
        "var: Godkendelse af Tjek, Vi vil genbruge (Ærø Kommune): Jens Hansen den 1. december 2026 "
        "nu: Godkendelse af Tjek, Vi vil genbruge (Ærø Kommune): trukket tilbage" in shown
    )
    assert out.index("Jeres eget punkt") < out.index("tidligere")  # the copy is named after the list
    assert f"jeres 3 tidligere punkter i opfølgningen står helt i den: {backup}" in shown
    assert str(backup) in out.splitlines()
    old = backup.read_text(encoding="utf-8")
    assert "frist: '2027-03-12'" in old or "frist: 2027-03-12" in old
    assert "Budgettet mangler" in old and "Jens Hansen" in old
    now = yaml.safe_load(reusing.path.read_text(encoding="utf-8"))
    assert "Jens Hansen" not in repr(now) and "Budgettet mangler" not in repr(now)  # the import is applied


def test_an_action_the_partner_added_and_changes_again_makes_no_copy(tmp_path, run_cli):
    sharing, reusing = exchanged(tmp_path, run_cli)
    sharing.ok("plan", "tilføj", "--hvad", "Send budgettet", "--partner", "Ærø Kommune")
    assert reusing.import_(sharing.export())[0] == 0
    [theirs] = [
        k[5:]
        for k, e in sharing.project().records.get("aeroe-kommune", {}).items()
        if k.startswith("plan:") and "Send budgettet" in repr(e.answer.fields)
    ]
    sharing.ok("plan", "ret", theirs, "--hvad", "Send budgettet inden jul")
    out = flat(reusing.ok("importer", str(sharing.export())))
    assert "Ændret: Handling »Send budgettet inden jul«" in out, out
    assert "kopi" not in out and not backups(reusing)


def test_english_names_the_follow_up_copy(tmp_path, run_cli):
    sharing, reusing = exchanged(tmp_path, run_cli)
    sharing.ok("klarhed", "beskriv-innovationen", "rød", "--rolle", "genbruge")
    out = flat(reusing.ok("--sprog", "en", "importer", str(sharing.export())))
    [backup] = backups(reusing)
    assert "Your own item, changed by Odense Kommune: was: " in out, out
    assert f"your earlier follow-up item is whole in it: {backup}" in out
