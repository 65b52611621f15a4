"""A worksheet through LibreOffice: filled in, re-saved headless as .docx, and imported (issue 14).

LibreOffice 7.4 drops content controls' tags when it saves, keeps their titles, and keeps only the
first paragraph of a field inside the control (the rest stays in the frame); it keeps the custom
XML part with the worksheet's record. These tests need `soffice` (Debian: libreoffice-writer-nogui).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from exchange_kit import D1, D2, D3, G1, G2, Org, flat, start_sharing
from worksheet_kit import Sheet, W, bullet, item, paragraph

from spredning.core import followup

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.usefixtures("work_in_tmp"),
]
N_D1, N_D2, N_D3, N_G1, N_G2 = 1, 2, 3, 4, 5


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        answers={D1: "Færre genindlæggelser", D2: "Træning hjemme", D3: "Linje et\nLinje to\n\nNyt afsnit"},
    )


def resave(path: Path, tmp_path: Path) -> Path:
    """Open and save a document in LibreOffice (headless, its own profile), as Word 2007-365 .docx."""
    out = tmp_path / "libreoffice"
    out.mkdir(exist_ok=True)
    profile = tmp_path / "lo-profile"
    environment = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env=environment,
    )
    saved = out / path.name
    assert saved.is_file(), "LibreOffice wrote no file"
    return saved


def made(org: Org) -> Path:
    path = org.files / "ark.docx"
    org.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    return path


def test_a_worksheet_saved_by_libreoffice_without_changes_imports_as_unchanged(sharing, tmp_path):
    saved = resave(made(sharing), tmp_path)
    before = sharing.path.read_bytes()
    code, out, err = sharing.import_(saved)
    assert code == 0, err
    assert "0 tilføjede, 0 opdaterede, 3 uændrede, 0 konflikter" in flat(out)
    assert "uden for svarfelterne" not in flat(out)
    assert sharing.path.read_bytes() == before


def test_a_filled_worksheet_saved_by_libreoffice_imports_every_answer(sharing, tmp_path):
    path = made(sharing)
    sheet = Sheet.read(path)
    lists = (bullet("billigt"), bullet("nemt"), bullet("under-punkt", 1))
    sheet.fill(N_G1, "Ja, meget.", "Første linje\nanden linje", "", "Tre grunde:", *lists)
    sheet.fill(N_D2, "Træning hjemme, også om aftenen")
    sheet.fill(N_D1)
    sheet.fill(N_G2, "Ikke relevant: vi har andre behov")
    sheet.type_after(N_D3, "En hilsen fra Ærø")
    sheet.save(path)
    saved = resave(path, tmp_path)
    code, out, err = sharing.import_(saved)
    assert code == 0, err
    assert "2 tilføjede, 1 opdateret, 1 fjernet, 1 uændret, 0 konflikter" in flat(out)
    assert "efter svar 3 (Hvordan forløb processen?), er ikke taget med: »En hilsen fra Ærø«" in flat(out)
    texts = sharing.texts()
    assert (
        texts[G1]
        == "Ja, meget.\nFørste linje\nanden linje\n\nTre grunde:\n- billigt\n- nemt\n  - under-punkt"
    )
    assert texts[D2] == "Træning hjemme, også om aftenen"
    assert texts[D3] == "Linje et\nLinje to\n\nNyt afsnit"
    assert D1 not in texts
    project = sharing.project()
    assert project.dialogue(project.partners[0]).answer(G2).not_relevant


def test_libreoffice_keeps_the_record_and_the_titles_and_text_typed_in_its_frame_counts(sharing, tmp_path):
    saved = resave(made(sharing), tmp_path)
    sheet = Sheet.read(saved)
    assert any(b"urn:spredning:arbejdsark:1" in data for data in sheet.parts.values())
    assert len(sheet.answer_controls()) == 34 and sheet.text(N_D1) == "Færre genindlæggelser"
    # In LibreOffice a field holds one paragraph; Enter adds paragraphs to the frame around it.
    cell = sheet.control(N_G1).getparent().getparent()
    assert cell.tag == f"{W}tc"
    cell.append(paragraph("Skrevet i rammen efter feltet"))
    sheet.control(N_G1).find(f"{W}sdtContent").append(
        next(iter(paragraph("Ja").iter(f"{W}r")))  # a run typed in LibreOffice's inline field
    )
    sheet.save(saved)
    code, _, err = sharing.import_(saved)
    assert code == 0, err
    assert sharing.texts()[G1] == "Ja\nSkrevet i rammen efter feltet"


def test_readiness_and_the_plan_survive_libreoffice(sharing, tmp_path):
    """Follow-up fields sit in tables of several cells: LibreOffice keeps them, and their titles."""
    tool = "tjek.beskriv-innovationen"
    sharing.ok("klarhed", tool, "gul", "--begrundelse", "Vi mangler tal")
    sharing.ok(
        "plan", "tilføj", "--hvad", "Skaf tal", "--hvem", "Eva", "--frist", "01-03-2026", "--fase", tool
    )
    path = made(sharing)
    before = sharing.path.read_bytes()
    code, out, err = sharing.import_(resave(path, tmp_path))
    assert code == 0, err
    assert "Opfølgningen" not in flat(out) and sharing.path.read_bytes() == before

    sheet = Sheet.read(path)
    colour, reason = sheet.follow_titles("Klarhed efter »Beskriv innovationen«: hvor klar er Ærø Kommune?")
    status = sheet.row_of("Skaf tal")[3]
    new_what = sheet.empty_rows()[0][0]
    for title, text in ((colour, "rød"), (reason, "Intet budget"), (status, "i gang"), (new_what, "Ring")):
        sheet.fill(title, text)
    sheet.save(path)
    saved = resave(path, tmp_path)
    assert Sheet.read(saved).text(status) == "i gang"  # found by its title: LibreOffice drops tags
    code, out, err = sharing.import_(saved)
    assert code == 0, err
    assert "Opfølgningen: 3 punkter" in flat(out)
    project = sharing.project()
    records = project.records["aeroe-kommune"]
    assert dict(records[f"klarhed:{tool}.genbruge"].answer.fields) == {
        "farve": "rød",
        "begrundelse": "Intet budget",
    }
    items = followup.plan_items(project, project.partners[0])
    assert {item.what: item.status for item in items} == {"Skaf tal": "i-gang", "Ring": "ikke-startet"}


MIXED = {
    D1: "Færre genindlæggelser – abc עברית def",
    D2: "Kontrol\abell\x1b[31mRØD\x1b[0m slut\u200b\u202eRTL-override",
    D3: "Emoji 👩\u200d👩\u200d👧\u200d👦 🇩🇰 ✅ 中文 עברית مرحبا بالعالم\n"
    "Andet afsnit med bin\u00adde\u00adstreg og nb\u2011bindestreg\n\nNyt",
}


@pytest.fixture
def mixed(tmp_path, run_cli) -> Org:
    """Answers in mixed scripts, control characters and emoji; readiness and an action in them too."""
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers=MIXED)
    tool = "tjek.beskriv-innovationen"
    org.ok("klarhed", tool, "gul", "--begrundelse", "Vi mangler tal – نحتاج أرقام")
    org.ok(
        "plan", "tilføj", "--hvad", "Skaf tal עכשיו", "--hvem", "Eva", "--frist", "01-03-2026", "--fase", tool
    )
    return org


def test_libreoffice_splits_a_field_in_mixed_scripts_and_the_untouched_sheet_changes_nothing(mixed, tmp_path):
    saved = resave(made(mixed), tmp_path)
    sheet = Sheet.read(saved)
    split = [sdt for sdt in sheet.controls() if sdt.find(f"{W}sdtPr/{W}alias").get(f"{W}val") == "Svar 1"]
    assert len(split) > 1  # what this test is about: LibreOffice still writes one field as several
    before = mixed.path.read_bytes()
    code, out, err = mixed.import_(saved)
    assert code == 0, err
    assert "0 tilføjede, 0 opdaterede, 3 uændrede, 0 konflikter" in flat(out)
    assert "Opfølgningen" not in flat(out)
    assert mixed.path.read_bytes() == before


def test_fields_typed_in_mixed_scripts_come_back_from_libreoffice_exactly(mixed, tmp_path):
    path = made(mixed)
    sheet = Sheet.read(path)
    sheet.fill(N_G1, "Ja – כן, meget", "Anden linje med 中文 og 😀")
    sheet.fill(N_D2, "مرحبا Odense")
    sheet.save(path)
    code, out, err = mixed.import_(resave(path, tmp_path))
    assert code == 0, err
    assert "1 tilføjet, 1 opdateret, 2 uændrede, 0 konflikter" in flat(out)
    assert mixed.texts() == {**MIXED, G1: "Ja – כן, meget\nAnden linje med 中文 og 😀", D2: "مرحبا Odense"}


def test_a_numbered_list_keeps_its_numbers_through_libreoffice_and_bullets_stay_dashes(sharing, tmp_path):
    """LibreOffice gives a bulleted list decimal levels below the first: they stay dashes."""
    path = made(sharing)
    sheet = Sheet.read(path)
    steps = sheet.numbered_list()
    sheet.fill(N_G1, "Trin:", item("Ring", steps), item("Mød op", steps), bullet("punkt"), bullet("under", 1))
    sheet.save(path)
    code, _, err = sharing.import_(resave(path, tmp_path))
    assert code == 0, err
    assert sharing.texts()[G1] == "Trin:\n1. Ring\n2. Mød op\n- punkt\n  - under"


def test_a_sheet_opened_and_saved_again_in_libreoffice_is_refused_saying_why(sharing, tmp_path):
    once = tmp_path / "en-gang"
    once.mkdir()
    saved = resave(made(sharing), tmp_path).rename(once / "ark.docx")
    before = sharing.path.read_bytes()
    code, out, err = sharing.import_(resave(saved, tmp_path))
    assert code == 1, out
    assert "har mistet deres navne" in flat(err) and "Intet er ændret." in flat(err)
    assert sharing.path.read_bytes() == before
