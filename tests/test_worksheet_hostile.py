"""Damaged, foreign and hostile .docx files: each ends in a clear Danish message and changes nothing."""

from __future__ import annotations

import copy
import io
import os
import re
import struct
import xml.etree.ElementTree as ET
import zipfile

import pytest
from exchange_kit import D1, D2, Org, flat, start_sharing, tree
from worksheet_kit import DOCUMENT, Sheet, zipped


def _laughs() -> bytes:
    """Nine levels of ten entities each: a billion 'lol's if a parser expanded them."""
    levels = [b'<!ENTITY lol "lol">']
    for n in range(1, 10):
        previous = b"&lol%d;" % (n - 1) if n > 1 else b"&lol;"
        levels.append(b'<!ENTITY lol%d "%s">' % (n, previous * 10))
    return (
        b'<?xml version="1.0"?><!DOCTYPE lolz [' + b"".join(levels) + b"]>"
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:document>'
    )


BILLION_LAUGHS = _laughs()
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:document>'
)

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        answers={D1: "Færre genindlæggelser", D2: "Træning hjemme"},
    )


@pytest.fixture
def worksheet(sharing) -> bytes:
    path = sharing.files / "ark.docx"
    sharing.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    return path.read_bytes()


def refused(org: Org, data: bytes, *expected: str, name: str = "fra-partneren.docx", options=()) -> str:
    """Import a file that must be refused: exit 1, the expected Danish words, 'Intet er ændret', no change."""
    path = org.files / name
    path.write_bytes(data)
    before = tree(org.home)
    code, out, err = org.import_(path, *options)
    message = flat(err)
    assert code == 1, out + err
    assert "Traceback" not in err and "Error" not in err
    for words in expected:
        assert words in message, message
    assert "Intet er ændret" in message
    assert tree(org.home) == before
    return message


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def record_name(parts: dict[str, bytes]) -> str:
    return next(n for n, d in parts.items() if re.match(r"customXml/item\d+\.xml$", n) and b"arbejdsark" in d)


# --- not a worksheet at all --------------------------------------------------------------------


def test_an_ordinary_word_document_is_not_a_worksheet(sharing):
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Vores svar står her")
    document.save(buffer)
    refused(sharing, buffer.getvalue(), "er et Word-dokument, men ikke et arbejdsark")


def test_a_libreoffice_odf_file_says_how_to_save_as_word(sharing):
    data = zipped(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, zipfile.ZIP_STORED
    )
    refused(sharing, data, "LibreOffice' eget format (ODF)", "Word 2007-365 (.docx)", name="ark.odt")


def test_words_old_format_or_a_password_says_what_to_do(sharing):
    refused(
        sharing, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "Words gamle format (.doc)", "adgangskode"
    )


def test_a_spreadsheet_is_not_a_word_document(sharing, worksheet):
    parts = parts_of(worksheet)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
    )
    refused(sharing, zipped(parts), "ikke et Word-dokument")


def test_a_zip_that_is_no_office_file(sharing):
    refused(sharing, zipped({"billede.png": b"\x89PNG"}), "zip", "ikke et Word-dokument")


@pytest.mark.parametrize("lost", [1, 2, 21, 22, 23, 100, "half"])
def test_a_cut_off_file_is_damaged(sharing, worksheet, lost):
    """A zip ends with its table of contents: a cut anywhere, even of its last byte, is damage."""
    keep = len(worksheet) // 2 if lost == "half" else len(worksheet) - lost
    refused(sharing, worksheet[:keep], "beskadiget")


# --- hostile ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_xml_entities_in_the_document_are_refused_unexpanded(sharing, worksheet, xml):
    parts = parts_of(worksheet)
    parts[DOCUMENT] = xml
    refused(sharing, zipped(parts), "DTD eller entiteter")


def test_entities_in_the_record_are_refused(sharing, worksheet):
    parts = parts_of(worksheet)
    name = record_name(parts)
    parts[name] = parts[name].replace(b"?>", b'?><!DOCTYPE a [<!ENTITY x "urn:spredning:arbejdsark:1">]>', 1)
    refused(sharing, zipped(parts), "DTD eller entiteter")


@pytest.mark.parametrize("padding", [40 * 1024 * 1024, 13 * 1024 * 1024], ids=["40-mib", "13-mib"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked_and_said_to_be_too_large_unpacked(
    sharing, worksheet, padding
):
    """The true reason: the document's text unpacks to more than 12 MiB (not 'over 25 MiB': the
    file is small, and 13 MiB is not over 25), and what to do: not 'remove the pictures'."""
    parts = parts_of(worksheet)
    parts[DOCUMENT] = parts[DOCUMENT] + b" " * padding
    data = zipped(parts)
    assert len(data) < 2 * 1024 * 1024  # small on disk, 13 or 40 MiB unpacked
    message = refused(
        sharing,
        data,
        "for stor til at være et arbejdsark: pakket ud fylder teksten i dokumentet over 12,0 MiB",
        "Bed partneren sende det udfyldte arbejdsark igen",
        "Ved I ikke, hvor filen kommer fra, så slet den",
    )
    assert "25,0 MiB" not in message and "billeder" not in message


def test_a_zip_bomb_is_said_to_be_too_large_unpacked_in_english(sharing, worksheet):
    parts = parts_of(worksheet)
    parts[DOCUMENT] = parts[DOCUMENT] + b" " * (40 * 1024 * 1024)
    path = sharing.files / "from-partner.docx"
    path.write_bytes(zipped(parts))
    code, _, err = sharing("--sprog", "en", "importer", str(path))
    assert code == 1
    assert (
        "is too large to be a worksheet: unpacked, the text of the document would take up more than 12.0 MiB"
    ) in flat(err)
    assert "If you do not know where the file comes from, delete it" in flat(err)


def test_many_parts_that_unpack_to_much_together_are_refused_before_they_are_all_unpacked(sharing, worksheet):
    """Each part under its own limit, 1,900 of them (3.7 GiB unpacked): refused at 24 MiB read."""
    parts = parts_of(worksheet)
    parts.update({f"customXml/item{n}.xml": b" " * (2 * 1024 * 1024 - 10) for n in range(100, 2000)})
    data = zipped(parts)
    assert len(data) < 8 * 1024 * 1024
    refused(sharing, data, "pakket ud fylder dokumentets dele tilsammen over 24,0 MiB")


def test_a_zip_that_lies_about_a_parts_size_is_damaged(sharing, worksheet):
    parts = parts_of(worksheet)
    parts[DOCUMENT] = parts[DOCUMENT] + b" " * (40 * 1024 * 1024)
    data = lie_about_size(zipped(parts), DOCUMENT, 100_000)
    refused(sharing, data, "beskadiget")


def test_a_huge_file_is_refused(sharing, worksheet):
    parts = parts_of(worksheet)
    parts["word/media/image1.png"] = os.urandom(26 * 1024 * 1024)
    refused(sharing, zipped(parts, zipfile.ZIP_STORED), "for stor")


def test_thousands_of_parts_are_refused(sharing, worksheet):
    parts = parts_of(worksheet)
    parts.update({f"word/media/x{n}.bin": b"" for n in range(2100)})
    message = refused(sharing, zipped(parts), "består af over 2000 dele")
    assert "MiB" not in message


@pytest.mark.parametrize("how", ["vba-part", "macro-enabled-type", "activex"])
def test_macros_and_embedded_programs_are_never_opened_and_the_file_is_refused(sharing, worksheet, how):
    parts = parts_of(worksheet)
    if how == "vba-part":
        parts["word/vbaProject.bin"] = b'\xd0\xcf\x11\xe0 Sub AutoOpen() Shell("calc") End Sub'
    elif how == "macro-enabled-type":
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"officedocument.wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
        )
    else:
        parts["word/activeX/activeX1.xml"] = b"<ax/>"
    refused(sharing, zipped(parts), "makroer eller andre indlejrede programmer")


def test_answers_too_long_for_a_project_are_refused(sharing, worksheet):
    sheet = Sheet(worksheet).fill(4, "x" * (5 * 1024 * 1024 + 10))
    refused(sharing, sheet.bytes(), "fylder over")


def test_thousands_of_copied_fields_are_refused(sharing, worksheet):
    sheet = Sheet(worksheet)
    box = sheet.box(4)
    for _ in range(4001):
        box.addnext(copy.deepcopy(box))
    refused(sharing, sheet.bytes(), "flere end 4000 svarfelter")


# --- worksheets that are not this project's, or damaged ones ----------------------------------------


def test_a_worksheet_of_a_project_that_is_not_here_is_refused(sharing, tmp_path, run_cli):
    other = Org(tmp_path / "andet", tmp_path, run_cli)
    other.ok(
        "start",
        "--navn",
        "Noget andet",
        "--deler",
        "Vejle Kommune",
        "--genbruger",
        "Fanø Kommune",
        "--rolle",
        "dele",
    )
    path = tmp_path / "andet.docx"
    other.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    message = refused(sharing, path.read_bytes(), "hører til projektet 'Noget andet'", "hos Vejle Kommune")
    assert "--hjem" in message


def test_a_worksheet_of_another_project_of_the_same_name_says_it_is_another_one(sharing, tmp_path, run_cli):
    """Found in a trial: "hører til projektet 'Genoptræning Ærø', som ikke findes i …", though a project
    of exactly that name is in the folder (another one, started apart)."""
    other = start_sharing(Org(tmp_path / "andet", tmp_path, run_cli), reusers=("Fanø Kommune",))
    path = tmp_path / "andet.docx"
    other.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    said = "men ikke til det her af samme navn (genoptraening-aeroe.yaml)"
    message = refused(sharing, path.read_bytes(), said)
    assert "som ikke findes" not in message and "hos Odense Kommune" in message


def test_a_worksheet_of_a_project_whose_file_cannot_be_read_names_that_file(sharing, worksheet):
    sharing.path.write_bytes(sharing.path.read_bytes() + b"   broken: [\n")
    message = refused(sharing, worksheet, "Projektet findes allerede her, men dets fil kan ikke læses")
    assert "hører til projektet" not in message


def test_a_worksheet_of_another_project_named_with_projekt_is_refused(sharing, tmp_path):
    start_sharing(sharing, name="Andet projekt", reusers=("Fanø Kommune",))
    path = tmp_path / "andet.docx"
    sharing.ok("arbejdsark", "--fase", "tjek", "--ud", str(path), "--projekt", "Andet projekt")
    path.rename(tmp_path / "x.docx")
    code, out, err = sharing.import_(tmp_path / "x.docx", "--projekt", "Genoptræning Ærø")
    assert code != 0 and "hører til projektet 'Andet projekt', ikke til 'Genoptræning Ærø'" in flat(err)
    code, out, err = sharing.import_(tmp_path / "x.docx")  # by its identity it finds its own project
    assert code == 0 and "Import i projektet Andet projekt" in flat(out)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (rb'version="[0-9a-f]{8}', b'version="ikke en version'),
        (rb'plads="aeroe-kommune/', b'plads="fremmed/'),
        (rb'nr="2"', b'nr="1"'),
        (rb'projekt="[0-9a-f-]+"', b'projekt="../../etc"'),
        (rb'fra="dele"', b'fra="nogen"'),
    ],
    ids=["version", "slot", "numbers", "identity", "sender"],
)
def test_a_tampered_record_is_refused(sharing, worksheet, old, new):
    parts = parts_of(worksheet)
    name = record_name(parts)
    parts[name] = re.sub(old, new, parts[name], count=1)
    refused(sharing, zipped(parts), "skjulte oplysninger er beskadigede")


def test_a_worksheet_from_a_newer_program_says_to_update(sharing, worksheet):
    parts = parts_of(worksheet)
    name = record_name(parts)
    parts[name] = parts[name].replace(b'format="2"', b'format="3"')
    refused(sharing, zipped(parts), "nyere udgave af spredning", "Opdatér programmet")


def test_a_worksheet_whose_fields_are_all_gone_is_refused(sharing, worksheet):
    sheet = Sheet(worksheet)
    for control in sheet.controls():
        content = control.find("{*}sdtContent")
        control.getparent().replace(control, content[0])
    refused(sharing, sheet.bytes(), "Svarfelterne i arbejdsarket", "er væk")


def test_two_different_records_are_refused(sharing, worksheet):
    parts = parts_of(worksheet)
    name = record_name(parts)
    parts["customXml/item9.xml"] = parts[name].replace(b'format="2"', b'format="2" ')
    refused(sharing, zipped(parts), "skjulte oplysninger er beskadigede")


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """Write a false unpacked size for one part in both its local header and the central directory."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := raw.find(signature, start)) != -1:
            length = struct.unpack_from("<H", raw, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            if raw[start + name_at : start + name_at + length] == encoded:
                struct.pack_into("<I", raw, start + offset, size)
            start += 4
    return bytes(raw)


# --- control characters in names and the follow-up's words: a sheet is made, and comes back unchanged ---

CONTROLS = "Ring \x1b[31mRØD\x1b[0m\x07"


@pytest.mark.parametrize("where", ["name", "sharing", "organisation", "follow-up"])
def test_control_characters_anywhere_make_a_sheet_that_comes_back_changing_nothing(tmp_path, run_cli, where):
    """Found in a trial: a control character in the project's name, an organisation's name or an action
    stopped 'arbejdsark' with "uventet fejl" (Word cannot hold it); the sheet then was unreadable, and an
    action shown with the character made visible came back as deleted."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    name = CONTROLS if where == "name" else "P"
    sharing_org = CONTROLS if where == "sharing" else "Odense Kommune"
    org.ok(
        *("start", "--navn", name, "--rolle", "genbruge", "--deler", sharing_org),
        *("--organisation", CONTROLS if where == "organisation" else "Ærø Kommune", "--beskrivelse", "x"),
    )
    if where == "follow-up":
        org.ok("plan", "tilføj", "--hvad", CONTROLS, "--hvem", CONTROLS)
        org.ok("klarhed", "Beskriv innovationen", "gul", "--begrundelse", CONTROLS)

    org.ok("arbejdsark", "--ud", "ark.docx")
    with zipfile.ZipFile(tmp_path / "ark.docx") as package:  # every part one Word can open (app.xml too)
        for part in (name for name in package.namelist() if name.endswith((".xml", ".rels"))):
            ET.fromstring(package.read(part))
    before = tree(org.home)
    code, out, err = org("importer", "ark.docx")

    assert code == 0, err
    assert "0 tilføjede, 0 opdaterede" in flat(out) and "Opfølgningen" not in flat(out)
    assert "\x1b" not in out + err
    projects = [path for path in before if "/" not in path]  # the project file, not this computer's state
    assert projects and {p: tree(org.home)[p] for p in projects} == {p: before[p] for p in projects}


@pytest.mark.parametrize("due", ["01-01-0001", "31-12-9999"])
def test_a_deadline_at_either_end_of_the_calendar_comes_back_unchanged(tmp_path, run_cli, due):
    """Found in a trial: a deadline before the year 1000 was shown in the sheet as 01-01-1, which the
    import could not read, so the whole returned sheet was refused though no one had changed it."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "P", "--rolle", "genbruge", "--deler", "Odense", "--organisation", "Ærø")
    # typed, either is refused (surely a typo); a project file may hold it all the same
    from projectkit import partner_of, workspace

    from spredning.app import plan

    ws = workspace(org.home)
    action = plan.Action("Ved tidens ende", due=plan.parse_due(due, kept=True))
    plan.add(ws, action, partner_of(ws, ws.store.active()))

    org.ok("arbejdsark", "--ud", "ark.docx")
    before = tree(org.home)
    code, out, err = org("importer", "ark.docx")

    assert code == 0, err
    assert "0 tilføjede, 0 opdaterede" in flat(out)
    projects = [path for path in before if "/" not in path]
    assert projects and {p: tree(org.home)[p] for p in projects} == {p: before[p] for p in projects}
    assert due in flat(org.ok("plan"))  # the plan shows the date as it is typed


# --- control characters in answers: shown as pictures (␇), and put back where the partner left them ---

PICTURED = "Ring\x01 her\x07 og\x1b[31m rød"  # shown in the sheet as "Ring␁ her␇ og␛[31m rød"


def test_an_edited_field_keeps_the_control_characters_of_the_text_left_as_it_was(tmp_path, run_cli):
    """Found in a trial: a partner who added a line to an answer with control characters sent back the
    pictures the sheet showed (␇ for BEL) as the answer's text, so the untouched line changed silently
    and spread to the partners; a picture the partner types stays a picture."""
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Færre", D2: PICTURED})
    org.ok("arbejdsark", "--fase", "tjek", "--ud", "ark.docx")
    sheet = Sheet.read(tmp_path / "ark.docx")
    assert sheet.text(2) == "Ring␁ her␇ og␛[31m rød"
    sheet.fill(2, sheet.text(2), "Ny linje med ␇ skrevet").save(tmp_path / "ark.docx")

    code, out, err = org("importer", "ark.docx")

    assert code == 0, err
    assert "0 tilføjede, 1 opdateret, 1 uændret, 0 konflikter" in flat(out)
    assert org.texts()[D2] == PICTURED + "\nNy linje med ␇ skrevet"
    assert "\x1b" not in out + err


def test_a_changed_action_or_mark_keeps_the_control_characters_of_its_other_values(tmp_path, run_cli):
    """The same for the follow-up: a new status for an action, or a new colour for a mark, left its
    description and reason with the pictures in place of the characters."""
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    tool = "tjek.beskriv-innovationen"
    org.ok("plan", "tilføj", "--hvad", PICTURED, "--hvem", "Eva\x07", "--fase", tool)
    org.ok("klarhed", tool, "gul", "--begrundelse", PICTURED)
    org.ok("arbejdsark", "--fase", "tjek", "--ud", "ark.docx")
    sheet = Sheet.read(tmp_path / "ark.docx")
    row = sheet.row_of("Ring␁ her␇ og␛[31m rød")
    sheet.fill(row[3], "I gang")
    mark = next(title for title in sheet.titles() if title.startswith("Klarhed"))
    sheet.fill(mark, "Grøn").save(tmp_path / "ark.docx")

    code, _, err = org("importer", "ark.docx")

    assert code == 0, err
    records = org.project().records["aeroe-kommune"]
    action = next(entry.answer for key, entry in records.items() if key.startswith("plan:"))
    assert dict(action.fields)["hvad"] == PICTURED and dict(action.fields)["hvem"] == "Eva\x07"
    assert dict(action.fields)["status"] == "i-gang"
    mark_fields = dict(records[f"klarhed:{tool}.dele"].answer.fields)
    assert mark_fields == {"farve": "grøn", "begrundelse": PICTURED}
