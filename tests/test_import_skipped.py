"""An import that skips versions older than ours says which: whose file, which file and its date, each answer.

A count alone ("1 ældre udgave sprunget over") left the user to guess what was not brought in and
why. Run through the CLI with real exchange files (the installed command too).
"""

from __future__ import annotations

import datetime

import pytest
from exchange_kit import D1, D2, G1, G2, Org, flat, start_hub, start_sharing

from spredning.i18n import date

pytestmark = pytest.mark.usefixtures("work_in_tmp")
WHERE_D = "Tjek · Beskriv innovationen · Vi vil dele"
Q_D1 = "Hvad er formålet?"


def test_an_older_file_names_the_skipped_answer_whose_file_it_was_and_both_texts(tmp_path, run_cli):
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Første udgave", D2: "To"}
    )
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    first = sharing.export()
    sharing.answer({D1: "Anden udgave"})
    second = sharing.export()
    assert reusing.import_(second)[0] == 0
    dry = flat(reusing.ok("importer", str(first), "--tør"))
    day = date(datetime.date.today())
    assert (
        f"Springes over: filen fra Odense Kommune ({first.name}, skrevet {day}) "
        f"har en ældre udgave af 1 svar, end I har her; den nyere udgave her beholdes: "
        f"• {WHERE_D}: {Q_D1} i filen: Første udgave her: Anden udgave" in dry
    ), dry
    code, out, err = reusing.import_(first)
    assert code == 0, err + out
    shown = flat(out)
    assert "1 ældre udgave sprunget over" in shown
    assert (
        f"Sprunget over: filen fra Odense Kommune ({first.name}, skrevet {day}) "
        f"har en ældre udgave af 1 svar, end I har her; den nyere udgave her er beholdt: "
        f"• {WHERE_D}: {Q_D1} i filen: Første udgave her: Anden udgave" in shown
    ), out
    assert reusing.texts()[D1] == "Anden udgave"  # ours kept
    english = flat(reusing.ok("--sprog", "en", "importer", str(first)))
    assert "Skipped: the file from Odense Kommune" in english and "in the file: Første udgave" in english


def test_a_file_with_nothing_older_says_nothing_skipped_installed_command(tmp_path):
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Første udgave"})
    reusing = Org(tmp_path / "aeroe", tmp_path)
    code, out, err = reusing.import_(sharing.export())
    assert code == 0, err + out
    assert "sprunget over" not in flat(out).lower() and "Springes over" not in out


def test_a_partners_file_written_before_it_had_our_change_says_so_calmly(tmp_path, run_cli):
    # trial5: in nearly every round of a dialogue the partner's reply was written before it had
    # our latest change, and the import said "Sprunget over: filen … har en ældre udgave" in
    # yellow with both texts, as for an old file imported late; nothing is wrong with such a file
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Første udgave", D2: "To"}
    )
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    sharing.answer({D1: "Anden udgave"})  # after the export: Ærø's reply has the first
    reply = reusing.export()

    for argv, kept in ((("--tør",), "beholdes"), ((), "er beholdt")):
        out = flat(sharing.ok("importer", str(reply), *argv))
        assert "sprunget over" not in out.lower() and "Springes over" not in out, out
        assert (
            f"Ærø Kommune havde ikke jeres seneste ændring af 1 svar, da filen blev skrevet; "
            f"jeres udgave {kept}: • {WHERE_D}: {Q_D1}" in out
        ), out
        assert "2 uændrede" in out
    assert sharing.texts()[D1] == "Anden udgave"
    english = flat(sharing.ok("--sprog", "en", "importer", str(reply)))
    assert "Ærø Kommune did not have your latest change to 1 answer when the file was written" in english


def test_a_partners_reply_written_before_another_partners_change_to_a_shared_answer_says_so_calmly(
    tmp_path, run_cli
):
    # trial6: Ærø changed a shared answer and Odense took it in; Fanø's reply, written before Fanø
    # had that change, was "Sprunget over: filen … har en ældre udgave" in yellow, as for an old
    # file imported late, though Fanø had never had anything newer: the usual course with partners
    sharing, partners = start_hub(tmp_path, run_cli, answers={D1: "Første udgave", D2: "To"})
    aeroe, fanoe = partners["aeroe-kommune"], partners["fanoe-kommune"]
    aeroe.answer({D1: "Ærøs udgave"}, "--rolle", "dele")
    assert sharing.import_(aeroe.export())[0] == 0
    fanoe.answer({G1: "Fanøs svar"})
    reply = fanoe.export()

    out = flat(sharing.ok("importer", str(reply)))

    assert "sprunget over" not in out.lower(), out
    assert "Fanø Kommune havde ikke jeres seneste ændring af 1 svar, da filen blev skrevet; " in out, out
    assert sharing.texts("aeroe-kommune")[D1] == "Ærøs udgave"
    assert sharing.texts("fanoe-kommune")[G1] == "Fanøs svar"


def test_an_old_file_from_a_partner_imported_after_its_newer_one_is_still_skipped_as_older(tmp_path, run_cli):
    sharing, partners = start_hub(tmp_path, run_cli, answers={D1: "Første udgave", D2: "To"})
    aeroe = partners["aeroe-kommune"]
    aeroe.answer({D1: "Ærøs første"}, "--rolle", "dele")
    first = aeroe.export()
    aeroe.answer({D1: "Ærøs anden"}, "--rolle", "dele")
    assert sharing.import_(aeroe.export())[0] == 0

    out = flat(sharing.ok("importer", str(first)))

    assert "1 ældre udgave sprunget over" in out and "Sprunget over: filen fra Ærø Kommune" in out, out
    assert "havde ikke jeres seneste" not in out
    assert sharing.texts("aeroe-kommune")[D1] == "Ærøs anden"


@pytest.mark.e2e
def test_an_old_file_imported_after_one_that_had_our_change_skips_our_answer_as_older_installed_command(
    tmp_path,
):
    # trial: Aarhus imported fra-vejle-v4 and then the older fra-vejle-v2; the import said "Vejle
    # Kommune havde ikke jeres seneste ændringer …" of an answer of ours that v4 already had (our
    # change came back unchanged in it, so nothing here remembered it): an old file, said calmly
    sharing = start_sharing(
        Org(tmp_path / "aarhus", tmp_path), reusers=("Vejle Kommune",), answers={D1: "D1 første", D2: "To"}
    )
    vejle = Org(tmp_path / "vejle", tmp_path)
    assert vejle.import_(sharing.export())[0] == 0
    vejle.answer({G1: "G1 første"})
    v2 = vejle.export()
    sharing.answer({D1: "D1 anden"})
    assert vejle.import_(sharing.export())[0] == 0
    vejle.answer({G1: "G1 anden", G2: "G2"})
    v4 = vejle.export()  # has our D1 anden, and Vejle's newer G1
    assert sharing.import_(v4)[0] == 0

    for argv, heading in ((("--tør",), "Springes over"), ((), "Sprunget over")):
        code, out, err = sharing("importer", str(v2), *argv)
        assert code == 0, err + out
        shown = flat(out)
        assert "havde ikke jeres seneste" not in shown, shown
        assert f"{heading}: filen fra Vejle Kommune ({v2.name}, skrevet" in shown, shown
        assert "har ældre udgaver af 2 svar" in shown and f"{Q_D1} i filen: D1 første her: D1 anden" in shown
        assert "2 ældre udgaver sprunget over" in shown, shown
    assert sharing.texts()[D1] == "D1 anden"
    assert sharing.texts("vejle-kommune")[G1] == "G1 anden"
    status = flat(sharing.ok("status"))  # Vejle had both (v4): nothing of ours is unsent to it
    assert "har partneren ikke fået endnu" not in status and "eksport" not in status, status
