"""A worksheet made again over one the partner has filled in (and other files written over): the
user is told the file has changed since the program wrote it, gets the command that imports it
first, and a file replaced all the same is kept as a copy. The installed command, real files; the
partner's edits are made with python-docx, as Word would store them."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn
from exchange_kit import D1, Org, flat, start_sharing
from test_exchange_e2e import finish, spawn

pytestmark = pytest.mark.e2e
NAME = "genoptraening-aeroe-arbejdsark-tjek-genbruge.docx"
FILLED = "Vi bruger det på plejecentrene"


@pytest.fixture
def sharing(tmp_path) -> Org:
    org = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser"})
    org.ok("arbejdsark", "--fase", "tjek", "--rolle", "genbruge")
    return org


def fill_in(path, text: str = FILLED) -> None:
    """The partner writes in the first answer field and saves the sheet (python-docx, as in Word)."""
    document = Document(str(path))
    for sdt in document.element.body.iter(qn("w:sdt")):
        alias = sdt.find(".//" + qn("w:alias"))
        if alias is not None and alias.get(qn("w:val")).startswith("Svar "):
            paragraph = sdt.find(qn("w:sdtContent")).find(qn("w:p"))
            run = paragraph.makeelement(qn("w:r"), {})
            typed = run.makeelement(qn("w:t"), {})
            typed.text = text
            run.append(typed)
            paragraph.append(run)
            break
    document.save(str(path))


def copies(org: Org) -> list:
    return sorted(org.files.glob("genoptraening-aeroe-arbejdsark-tjek-genbruge.bak-*.docx"))


def test_without_a_terminal_a_filled_in_sheet_is_named_changed_with_the_import_command(sharing):
    path = sharing.files / NAME
    fill_in(path)
    filled = path.read_bytes()

    code, _out, err = sharing("arbejdsark", "--fase", "tjek", "--rolle", "genbruge")

    said = flat(err)
    assert code == 1, err
    assert f"Arbejdsarket {NAME} er ændret, siden programmet skrev det" in said
    assert "det kan rumme partnerens svar, som ikke er hentet ind endnu" in said
    assert f"Hent først svarene ind med 'spredning importer {NAME}'." in said
    again = "spredning arbejdsark --fase tjek --rolle genbruge --overskriv"
    assert f"Skal arket så laves igen, så skriv '{again}'" in said  # their command, --overskriv added
    assert path.read_bytes() == filled and copies(sharing) == []
    assert "1 tilføjet" in flat(sharing.ok("importer", "--tør", NAME))  # the command given works


def test_overskriv_keeps_the_filled_in_sheet_as_a_copy_that_can_be_imported(sharing):
    path = sharing.files / NAME
    fill_in(path)
    filled = path.read_bytes()

    out = flat(sharing.ok("arbejdsark", "--fase", "tjek", "--rolle", "genbruge", "--overskriv"))

    [copy] = copies(sharing)
    assert copy.read_bytes() == filled
    assert f"Filen, der lå der, er gemt som en kopi: {copy}" in out
    assert path.read_bytes() != filled
    assert "1 tilføjet" in flat(sharing.ok("importer", "--tør", copy.name))


def test_a_file_the_program_did_not_write_here_is_named_so(sharing):
    other = sharing.files / "andet.docx"
    other.write_bytes((sharing.files / NAME).read_bytes())  # e.g. a sheet a colleague made

    code, _out, err = sharing("arbejdsark", "--fase", "tjek", "--rolle", "genbruge", "--ud", "andet.docx")

    assert code == 1
    said = flat(err)
    exists = "Filen andet.docx findes allerede, og programmet har ikke skrevet den for dette projekt på denne"
    assert exists + " computer" in said
    assert "Er det et udfyldt ark, så hent først svarene ind med 'spredning importer andet.docx'." in said


@pytest.mark.parametrize("yes", [False, True])
def test_in_a_terminal_the_question_says_the_sheet_changed_and_a_yes_keeps_a_copy(sharing, yes):
    from terminal import ENTER

    path = sharing.files / NAME
    fill_in(path)
    filled = path.read_bytes()

    child = spawn(sharing, "arbejdsark", "--fase", "tjek", "--rolle", "genbruge")
    child.expect_exact("Nej, behold den")
    child.send("\x1b[A" + ENTER if yes else ENTER)  # No is chosen at first
    code, shown = finish(child)

    assert code == 0, shown
    assert "er ændret, siden programmet skrev det, og kan rumme partnerens svar" in shown
    assert f"(hent dem først ind med: spredning importer {NAME})" in shown
    if yes:
        [copy] = copies(sharing)
        assert copy.read_bytes() == filled
        assert "Filen, der lå der, er gemt som en kopi:" in shown
    else:
        assert path.read_bytes() == filled and copies(sharing) == []
        assert "Intet er skrevet; filen er uændret" in shown
        assert shown.endswith(f"Hent svarene i det ind med: spredning importer {NAME}")


def test_a_report_changed_since_it_was_written_is_named_so_and_kept_as_a_copy(sharing):
    sharing.ok("rapport")
    report = next(sharing.files.glob("*-rapport.md"))
    report.write_text("Mine noter i rapporten\n", encoding="utf-8")

    code, _out, err = sharing("rapport")
    assert code == 1
    assert f"Filen {report.name} er ændret, siden programmet skrev den." in flat(err)

    out = flat(sharing.ok("rapport", "--overskriv"))
    [copy] = report.parent.glob(f"{report.stem}.bak-*.md")
    assert copy.read_text(encoding="utf-8") == "Mine noter i rapporten\n"
    assert f"Filen, der lå der, er gemt som en kopi: {copy}" in out


def test_the_programs_own_unchanged_sheet_is_replaced_without_a_copy(sharing):
    out = flat(sharing.ok("arbejdsark", "--fase", "tjek", "--rolle", "genbruge"))
    assert "erstattet" in out and "kopi" not in out
    assert copies(sharing) == []
