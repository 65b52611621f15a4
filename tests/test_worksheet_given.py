"""A worksheet for a partner whose program takes our files does not count as sending it our answers.

Found by a colleague: Odense shares with Ærø, Fanø and Læsø; Ærø has the program (files have gone
both ways), the other two work by worksheets. A worksheet Odense made for Ærø (to fill in together
at a meeting) recorded every answer it showed as Ærø's, so status and the home screen stopped
telling Odense to send Ærø a file. But Ærø's program cannot take Odense's worksheet (it is read
only where it was made), so the answers it showed never reached Ærø's program. Now a partner an
exchange file went to or came from is told to be sent every answer its program lacks, worksheet or
not; a partner that only works by worksheets has had what a worksheet shows, as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exchange_kit import D1, G1, G2, Org, flat, start_sharing
from homekit import QUIT, interactive, typed
from worksheet_kit import Sheet

pytestmark = pytest.mark.usefixtures("work_in_tmp")
AEROE, FANOE, LAESOE = "aeroe-kommune", "fanoe-kommune", "laesoe-kommune"
N_G1 = 4  # Ærø's first answer field in 'arbejdsark --fase tjek' (as in test_worksheet)
CHANGED = "Færre genindlæggelser, også om natten"


@pytest.fixture
def region(tmp_path, run_cli) -> tuple[Org, Org]:
    """Odense shares with three partners; Ærø imported Odense's file and sent its own back; then
    Odense changed an answer, which none of them has. (Odense, Ærø)"""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune", "Læsø Kommune"),
        answers={D1: "Færre genindlæggelser"},
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export("--partner", AEROE))[0] == 0
    aeroe.answer({G2: "Ærøs behov"})
    assert odense.import_(aeroe.export())[0] == 0
    odense.answer({D1: CHANGED})
    return odense, aeroe


def worksheet(org: Org, partner: str) -> Path:
    path = org.files / f"ark-{partner}.docx"
    org.ok("arbejdsark", "--fase", "tjek", "--partner", partner, "--ud", str(path))
    return path


def unsent(org: Org, partner: str) -> int:
    """What status --json says the partner has not been sent."""
    [dialogue] = json.loads(org.ok("status", "--json", "--partner", partner))["dialoger"]
    return dialogue["ikke_sendt"]


def advice(org: Org) -> str:
    """Status's advice on top (before the section per partner), as one line."""
    return flat(org.ok("status").split("Genbrugende organisationer:")[0])


def test_a_worksheet_for_a_partner_with_the_program_still_leaves_the_file_to_send(region):
    odense, _ = region
    assert unsent(odense, AEROE) == 1

    worksheet(odense, AEROE)

    assert unsent(odense, AEROE) == 1  # the sheet showed it; Ærø's program does not have it
    top = advice(odense)
    assert "(3 partnere har ikke fået dem" in top
    assert "spredning eksport --partner aeroe-kommune" in top
    # a partner that works by worksheets has had what its worksheet shows, as before
    worksheet(odense, FANOE)
    assert unsent(odense, FANOE) == 0
    top = advice(odense)
    assert "(2 partnere har ikke fået dem" in top
    assert "eksport --partner aeroe-kommune" in top and "eksport --partner fanoe-kommune" not in top


def test_the_advised_export_brings_the_answer_to_the_partners_program(region):
    odense, aeroe = region
    worksheet(odense, AEROE)
    advised = [
        line.split()[1:]
        for line in odense.ok("status").split("Genbrugende organisationer:")[0].splitlines()
        if line.strip().startswith(f"spredning eksport --partner {AEROE}")
    ]
    assert advised == [["eksport", "--partner", AEROE]]

    sent = odense.export(*advised[0][1:])
    assert aeroe.import_(sent)[0] == 0

    assert aeroe.texts()[D1] == CHANGED
    assert unsent(odense, AEROE) == 0
    assert f"eksport --partner {AEROE}" not in advice(odense)


def test_an_export_alone_tells_that_the_partners_program_takes_files(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Færre genindlæggelser"})
    odense.export()  # Ærø has not answered yet, but its program has our file
    odense.answer({D1: CHANGED})

    worksheet(odense, AEROE)

    assert unsent(odense, AEROE) == 1
    assert "spredning eksport" in flat(odense.ok("status"))


def test_the_home_screen_still_offers_to_send_to_the_partner_with_the_program(region, monkeypatch, run_cli):
    odense, _ = region
    worksheet(odense, AEROE)

    with monkeypatch.context() as patched:
        interactive(patched)
        with odense.at_home():
            run = typed(run_cli, QUIT)

    assert run.code == 0, run.err
    assert "Send de nye ændringer til 3 partnere" in flat(run.screen)


def test_a_returned_worksheet_of_a_partner_with_the_program_is_read_as_before(region):
    odense, aeroe = region
    path = worksheet(odense, AEROE)
    sheet = Sheet.read(path)
    sheet.fill(N_G1, "Ja, det vil vi")
    sheet.save(path)

    code, out, err = odense.import_(path, "--ikke-interaktiv")

    assert code == 0, err + out
    assert odense.texts(AEROE)[G1] == "Ja, det vil vi"
    assert odense.texts(AEROE)[D1] == CHANGED and odense.others() == {}
    saved = odense.path.read_bytes()
    code, out, err = odense.import_(path, "--ikke-interaktiv")  # the same sheet again: nothing new
    assert code == 0 and "0 opdaterede" in flat(out), err + out
    assert odense.path.read_bytes() == saved
    # both the answer the sheet showed and the one it brought are still to go to Ærø's program
    assert unsent(odense, AEROE) == 2
    assert aeroe.import_(odense.export("--partner", AEROE))[0] == 0
    assert aeroe.texts()[D1] == CHANGED and aeroe.texts()[G1] == "Ja, det vil vi"


@pytest.mark.e2e
def test_the_worksheet_says_the_partners_program_gets_the_answers_with_the_next_export(tmp_path):
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path),  # the installed command
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Færre genindlæggelser"},
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export("--partner", AEROE))[0] == 0
    said = "programmet, får deres program svarene i arket (også dem, de skriver i det) med jeres næste"
    said += " eksport"

    out = flat(odense.ok("arbejdsark", "--fase", "tjek", "--partner", "Ærø Kommune"))

    # said as a condition: a file written for them is no sign they have read it (found in a trial)
    assert f"Bruger Ærø Kommune {said} til dem, når I har hentet arket ind:" in out
    assert out.endswith("arket ind: spredning eksport --partner aeroe-kommune")
    # a partner that only works by worksheets is not told of a program
    assert said not in flat(odense.ok("arbejdsark", "--fase", "tjek", "--partner", "Fanø Kommune"))
    # the reusing side's sheet for the sharing side: its one export needs no --partner
    out = flat(aeroe.ok("arbejdsark", "--fase", "tjek", "--rolle", "dele"))
    assert f"Bruger Odense Kommune {said} til dem," in out
    assert out.endswith("når I har hentet arket ind: spredning eksport")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("side", "other"), [("dele", "Eksempel Kommune Syd"), ("genbruge", "Eksempel Kommune Nord")]
)
def test_in_the_example_files_have_gone_both_ways_so_a_worksheet_leaves_the_file_to_send(
    tmp_path, side, other
):
    """The example is a dialogue whose two sides have sent each other their files: a worksheet made in
    it is for a partner whose program takes files, as for any partner files have gone to."""
    org = Org(tmp_path / "eksempel", tmp_path)  # the installed command
    org.ok("start", "--eksempel")
    org.ok("projekt", "side", side)
    org.answer({D1 if side == "dele" else G1: "Et nyt svar i eksemplet"}, "--rolle", side)
    assert json.loads(org.ok("status", "--json"))["dialoger"][0]["ikke_sendt"] == 1

    out = flat(org.ok("arbejdsark", "--fase", "tjek"))

    assert f"Bruger {other} programmet, får deres program svarene i arket" in out
    assert json.loads(org.ok("status", "--json"))["dialoger"][0]["ikke_sendt"] == 1
    assert "send den nye ændring til partneren: spredning eksport" in flat(org.ok("status"))


def test_a_sheet_of_our_own_questions_gives_the_partner_nothing(tmp_path, run_cli):
    """'arbejdsark --rolle <own side>' is for our own workshop: a partner that works by worksheets
    never sees it, so what it shows is still unsent to them (a trial: the export then said there was
    nothing new for Fanø, and the home screen stopped offering to send it)."""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Fanø Kommune",),
        answers={D1: "Færre indlæggelser"},
    )
    assert unsent(odense, FANOE) == 1

    path = odense.files / "egen-workshop.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--rolle", "dele", "--ud", str(path))

    assert unsent(odense, FANOE) == 1  # still to be sent: Fanø has not seen our own workshop's sheet
    exported = flat(odense.ok("eksport", "--ud", str(odense.files / "til-fanoe.yaml")))
    assert "Filen har ingen ændringer" not in exported, exported
