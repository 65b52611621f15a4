"""A colleague with a copy of the project file cannot tell what the partner has had: it says so.

Found in a trial: Odense and Ærø had sent each other their files; a colleague at Odense copied the
project file (as from git or a shared drive) and set the side. Status told the colleague "3 ændringer
fra jer har partneren ikke fået endnu" and to send them, and 'eksport' that the file held 3 changes
Ærø had not had: Ærø had every one of them (one was Ærø's own meeting). What a partner has had is
this computer's note (its state file), not the project file's: a computer that has sent no file to
the partner and brought none in from it, while the project was written on other computers, now says
that it cannot tell, and names the export; a computer that knows says what it knows, as before.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from exchange_kit import D1, D2, D3, G1, Org, colleague, flat, start_sharing
from homekit import kinds
from projectkit import workspace

pytestmark = pytest.mark.usefixtures("work_in_tmp")  # an export without --ud lands in the working folder

NOT_HAD = "ikke fået endnu"
CANNOT_TELL = (
    "Denne computer har ikke sendt eller hentet filer med Ærø Kommune, så den kan ikke se, hvad de har"
    " fået (fx fra en kollegas computer eller gennem git). En fil herfra med alt sender I med:"
    " spredning eksport"
)


@pytest.mark.e2e
def test_a_colleague_with_a_copy_says_it_cannot_tell_what_the_partner_has_had(tmp_path):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Mål", D2: "Løsning"})
    aeroe = Org(tmp_path / "aeroe", tmp_path)  # the installed command
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.ok("møde", "--dato", "01-11-2026")
    assert odense.import_(aeroe.export())[0] == 0
    assert NOT_HAD not in flat(odense.ok("status"))  # Odense's computer knows Ærø has it all

    at_odense = colleague(odense, tmp_path, "odense-kollega", "dele")
    said = flat(at_odense.ok("status"))

    assert NOT_HAD not in said
    assert CANNOT_TELL in said
    assert "nye ændring" not in said  # no step claims there is something new to send
    assert "send" not in kinds(workspace(at_odense.home))  # nor does the home screen
    out = flat(at_odense.ok("eksport"))
    assert "siden jeres sidste eksport" not in out
    assert (
        "Denne computer har ikke før sendt eller hentet filer med Ærø Kommune, så den kan ikke se, hvad i"
        " filen de har fået før (fx fra en kollegas computer); det, de har i forvejen, ændrer intet hos dem."
    ) in out
    # true: Ærø had every change the colleague's file holds
    code, out, err = aeroe.import_(tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml")
    assert code == 0, err
    assert "0 tilføjede, 0 opdaterede, 2 uændrede, 0 konflikter" in flat(out)
    # having sent a file, the colleague's computer knows what Ærø has: nothing more is said
    said = flat(at_odense.ok("status"))
    assert CANNOT_TELL not in said and NOT_HAD not in said
    # in English, from the same catalogue
    at_aeroe = colleague(aeroe, tmp_path, "aeroe-kollega", "genbruge", "--organisation", "Ærø Kommune")
    assert (
        "This computer has not sent files to or brought files in from Odense Kommune, so it cannot tell"
        " what they have had"
    ) in flat(at_aeroe.ok("--sprog", "en", "status"))


def test_a_project_written_only_here_still_says_what_the_partner_has_not_had(tmp_path, run_cli):
    """Nothing sent yet, and every version written on this computer, Ærø's answer too (typed for it at
    a workshop): the partner has had none of it, and status says so (see also test_project_merge)."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})
    odense.answer({G1: "Skrevet på workshoppen"}, "--rolle", "genbruge")

    said = flat(odense.ok("status"))

    assert "2 ændringer fra jer har partneren ikke fået endnu." in said
    assert "send de 2 nye ændringer til partneren: spredning eksport" in said
    assert "kan ikke se, hvad de har fået" not in said
    exported = flat(odense.ok("eksport"))
    assert "Det er projektets første fil mellem denne computer og Ærø Kommune" in exported


def test_a_partner_that_sent_nothing_back_is_not_known_either_where_the_files_went_elsewhere(
    tmp_path, run_cli
):
    """Fanø had Odense's file and sent nothing back: the colleague's copy holds nothing of Fanø's, but
    what Ærø sent did not come through the colleague's computer, so its files went to and fro
    elsewhere. On Odense's own computer, Læsø, added later and sent nothing, has not had the answer."""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Mål"},
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export("--partner", "aeroe-kommune"))[0] == 0
    aeroe.ok("møde", "--dato", "01-11-2026")
    assert odense.import_(aeroe.export())[0] == 0
    odense.export("--partner", "fanoe-kommune")
    odense.ok("projekt", "genbruger", "Læsø Kommune")

    said = flat(odense.ok("status"))
    assert "• Læsø Kommune: i fasen Tjek (0/14); 1 ændring ikke sendt." in said
    assert "ved ikke, hvad de har fået" not in said

    said = flat(colleague(odense, tmp_path, "odense-kollega", "dele").ok("status"))
    for org in ("Ærø Kommune", "Fanø Kommune", "Læsø Kommune"):
        assert f"• {org}: i fasen Tjek (0/14); ved ikke, hvad de har fået." in said
    assert "ikke sendt" not in said and "nye ændring" not in said


@pytest.mark.e2e
def test_status_json_gives_no_number_where_this_computer_cannot_tell_what_the_partner_has_had(tmp_path):
    """Ærø had every change; the colleague's copy cannot tell, and its JSON said 2 "not had" all the same.
    Now `ikke_sendt` is null there and `ikke_sendt_ukendt` says why; where it is known, the number."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Mål", D2: "Løsning"})
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.ok("møde", "--dato", "01-11-2026")
    assert odense.import_(aeroe.export())[0] == 0
    at_odense = colleague(odense, tmp_path, "odense-kollega", "dele")

    [dialogue] = json.loads(at_odense.ok("status", "--json"))["dialoger"]

    assert dialogue["ikke_sendt"] is None
    assert dialogue["ikke_sendt_ukendt"] is True
    odense.answer({D3: "Proces"})  # Odense's own computer knows: one change Ærø has not had
    [dialogue] = json.loads(odense.ok("status", "--json"))["dialoger"]
    assert (dialogue["ikke_sendt"], dialogue["ikke_sendt_ukendt"]) == (1, False)
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "`null`, når denne computer ikke kan se det, og så er `ikke_sendt_ukendt` `true`" in readme


@pytest.mark.e2e
def test_a_colleague_that_imported_one_partners_reply_cannot_tell_what_a_silent_partner_has_had(tmp_path):
    """Odense's computer sent Fanø its file; Fanø never replied. A colleague with a copy of the project
    file imported Ærø's reply: status said Fanø had "not had" Odense's answers (it had them, from
    Odense's computer). What Odense's own answers were written elsewhere says the files may have gone
    elsewhere too: for Fanø this computer cannot tell; for Ærø, whose file came in here, it can."""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Mål"}
    )
    aeroe, fanoe = Org(tmp_path / "aeroe", tmp_path), Org(tmp_path / "fanoe", tmp_path)
    assert aeroe.import_(odense.export("--partner", "aeroe-kommune"))[0] == 0
    assert fanoe.import_(odense.export("--partner", "fanoe-kommune"))[0] == 0  # Fanø has D1
    aeroe.answer({G1: "Interessant"})
    at_odense = colleague(odense, tmp_path, "odense-kollega", "dele")
    assert at_odense.import_(aeroe.export())[0] == 0

    said = flat(at_odense.ok("status"))

    assert "• Fanø Kommune: i fasen Tjek (0/14); ved ikke, hvad de har fået." in said
    assert "ikke sendt" not in said and "nye ændring" not in said
    dialogues = {d["partner"]: d for d in json.loads(at_odense.ok("status", "--json"))["dialoger"]}
    assert dialogues["fanoe-kommune"]["ikke_sendt"] is None
    assert (dialogues["aeroe-kommune"]["ikke_sendt"], dialogues["aeroe-kommune"]["ikke_sendt_ukendt"]) == (
        0,
        False,
    )
    # true: Fanø had the one answer the colleague's file for it holds
    at_odense.ok("eksport", "--partner", "fanoe-kommune")
    out = flat(fanoe.import_(tmp_path / "genoptraening-aeroe-til-fanoe-kommune.yaml")[1])
    assert "0 tilføjede, 0 opdaterede, 1 uændret, 0 konflikter" in out


def test_a_copy_whose_side_is_not_set_yet_cannot_tell_either(tmp_path, run_cli):
    """Found in a trial: a colleague's fresh copy of the project file, before 'projekt side', said that
    the partner had had everything (`ikke_sendt` 0, `ikke_sendt_ukendt` false): Ærø had not had D3.
    Without its side this computer has no notes of what went where; it cannot tell, and says so."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål", D2: "Løsning"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    odense.answer({D3: "Proces"})  # one change Ærø has not had
    copy = Org(tmp_path / "odense-kollega", tmp_path, run_cli)
    copy.home.mkdir()
    shutil.copy(odense.path, copy.home / odense.path.name)

    [dialogue] = json.loads(copy.ok("status", "--json"))["dialoger"]

    assert (dialogue["ikke_sendt"], dialogue["ikke_sendt_ukendt"]) == (None, True)
    said = flat(copy.ok("status"))
    assert "Næste skridt: sig hvilken side I er på denne computer" in said
    assert "eksport" not in said  # refused until the side is said: not offered before it
    assert copy("eksport")[0] == 2
    [dialogue] = json.loads(odense.ok("status", "--json"))["dialoger"]  # Odense's own computer knows
    assert (dialogue["ikke_sendt"], dialogue["ikke_sendt_ukendt"]) == (1, False)


def test_a_reusing_copy_with_no_side_is_not_told_to_answer_the_sharing_sides_questions(tmp_path, run_cli):
    """Found in a trial: on a copy of Ærø's (reusing) project file with no side set here, status said
    'Derefter: spredning fase tjek --rolle dele' (the home screen offered those questions first): the
    sharing side's questions, a guess. Until the side
    is said, no phase command is offered; once it is, the command is for that side."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    copy = Org(tmp_path / "aeroe-kollega", tmp_path, run_cli)
    copy.home.mkdir()
    shutil.copy(aeroe.path, copy.home / aeroe.path.name)

    said = flat(copy.ok("status"))

    assert "Næste skridt: sig hvilken side I er på denne computer" in said
    assert "--rolle dele" not in said and "spredning fase" not in said
    assert "answer" not in kinds(workspace(copy.home))  # nor does the home screen offer a phase's question
    copy.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune")
    assert "spredning fase tjek --rolle genbruge" in flat(copy.ok("status"))
    assert "answer" in kinds(workspace(copy.home))


def test_a_colleague_with_every_question_of_ours_answered_waits_without_claiming_all_was_sent(
    tmp_path, run_cli
):
    """Found in stop 48's review: the wait step said "I har besvaret og sendt alt fra jer" on a copy
    that cannot tell what the partner has had (and said so just above)."""
    from spredning.core.content import load_guide

    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    for phase in load_guide(None).phases:
        if ours := {q.id: "svar" for q in phase.questions("dele")}:
            odense.answer(ours, phase=phase.id)
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    assert odense.import_(aeroe.export())[0] == 0
    assert "I har besvaret og sendt alt fra jer" in flat(odense.ok("status"))  # Odense's own computer knows

    at_odense = colleague(odense, tmp_path, "odense-kollega", "dele")
    said = flat(at_odense.ok("status"))

    assert CANNOT_TELL in said
    assert "sendt alt" not in said
    assert (
        "Næste skridt: vent på svar fra Ærø Kommune: I har besvaret alt fra jer (om det hele er sendt til"
        " dem, kan denne computer ikke se), og de har besvaret 0 af "
    ) in said


def test_so_does_the_wait_for_several_partners(tmp_path, run_cli):
    from spredning.core.content import load_guide

    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    for phase in load_guide(None).phases:
        if ours := {q.id: "svar" for q in phase.questions("dele")}:
            odense.answer(ours, phase=phase.id)
    for name in ("Ærø", "Fanø"):
        partner = Org(tmp_path / name, tmp_path, run_cli)
        assert partner.import_(odense.export("--partner", name))[0] == 0
        assert odense.import_(partner.export())[0] == 0
    assert "I har besvaret og sendt alt fra jer" in flat(odense.ok("status"))

    said = flat(colleague(odense, tmp_path, "odense-kollega", "dele").ok("status"))

    assert "sendt alt" not in said
    assert (
        "Næste skridt: vent på svar fra Ærø Kommune og Fanø Kommune: I har besvaret alt fra jer (om det hele"
        " er sendt til dem, kan denne computer ikke se), og de har stadig spørgsmål at besvare"
    ) in said
