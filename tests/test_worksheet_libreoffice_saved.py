"""Worksheets LibreOffice 7.4 really saved, kept in tests/fixtures/libreoffice-arbejdsark (no soffice needed).

LibreOffice splits a field whose text mixes scripts into several controls with the same title in one
paragraph and writes the field's whole text into each of them (see the fixture's README). Read as
one text, an untouched field came back three or four times over, and overwrote the answer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exchange_kit import D1, D2, D3, G1, G2, Org, flat
from worksheet_kit import Sheet, W, el, run, title

FIXTURE = Path(__file__).parent / "fixtures" / "libreoffice-arbejdsark"
SLUG = "genoptraening-aeroe"
ANSWERS = {
    D1: "Færre genindlæggelser – abc עברית def",
    D2: "Kontrol\abell\x1b[31mRØD\x1b[0m slut\u200b\u202eRTL-override",
    D3: "Emoji 👩\u200d👩\u200d👧\u200d👦 🇩🇰 ✅ 中文 עברית مرحبا بالعالم\n"
    "Andet afsnit med bin\u00adde\u00adstreg\n\nNyt afsnit",
    "tjek.fortael-den-gode-historie.dele.foer-og-nu": "Før og nu, på dansk",
    "tjek.fortael-den-gode-historie.dele.vaerdi": "Tre ting:\n- billigt\n- nemt\n  - under-punkt",
    "tjek.fortael-den-gode-historie.dele.dokumentation": "مرحبا",
}


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    """Odense's project and this computer's state, as they were when the fixture's sheet was made."""
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    (org.home / ".spredning").mkdir(parents=True)
    shutil.copy(FIXTURE / f"{SLUG}.yaml", org.home)
    shutil.copy(FIXTURE / "lokalt.yaml", org.home / ".spredning" / f"{SLUG}.yaml")
    return org


def sheet(name: str, tmp_path: Path) -> Path:
    path = tmp_path / name
    shutil.copy(FIXTURE / name, path)
    return path


def controls(path: Path, name: str) -> list:
    return [sdt for sdt in Sheet.read(path).controls() if title(sdt) == name]


def test_the_fixture_really_has_fields_split_by_libreoffice(tmp_path):
    path = sheet("uroert.docx", tmp_path)
    for name in ("Svar 1", "Svar 2", "Svar 3", "Svar 8", "Begrundelse 36"):
        split = controls(path, name)
        assert len(split) >= 3, name
        assert len({id(sdt.getparent()) for sdt in split}) == 1  # all in one paragraph
        assert all(sdt.find(f"{W}sdtPr/{W}tag") is None for sdt in split)
    assert len(controls(path, "Svar 6")) == 1  # plain Danish stays one control


def test_an_untouched_sheet_saved_by_libreoffice_changes_nothing(sharing, tmp_path):
    assert sharing.texts() == ANSWERS
    before = sharing.path.read_bytes()
    code, out, err = sharing.import_(sheet("uroert.docx", tmp_path))
    assert code == 0, err
    assert "0 tilføjede, 0 opdaterede, 6 uændrede, 0 konflikter" in flat(out)
    assert "Opfølgningen" not in flat(out) and "uden for svarfelterne" not in flat(out)
    assert sharing.path.read_bytes() == before


def test_fields_filled_in_mixed_scripts_and_saved_by_libreoffice_give_the_text_typed(sharing, tmp_path):
    code, out, err = sharing.import_(sheet("udfyldt.docx", tmp_path))
    assert code == 0, err
    assert "2 tilføjede, 1 opdateret, 5 uændrede, 0 konflikter" in flat(out)
    texts = sharing.texts()
    assert texts == {
        **ANSWERS,
        D1: "مرحبا Odense – ny tekst",
        G1: "Ja – כן, meget\nAnden linje med 中文",
        G2: "لا نحتاج",
    }
    project = sharing.project()
    assert project.dialogue(project.partners[0]).answer(G2).not_relevant


def _refused(sharing: Org, path: Path, number: int) -> None:
    before = sharing.path.read_bytes()
    code, out, err = sharing.import_(path)
    assert code == 1, out
    assert f"kan ikke læses sikkert: felt {number} er gemt som flere stykker" in flat(err)
    assert "Intet er ændret." in flat(err)
    assert sharing.path.read_bytes() == before
    assert sharing.texts() == ANSWERS


def test_split_pieces_that_do_not_repeat_the_whole_text_refuse_the_sheet(sharing, tmp_path):
    path = sheet("udfyldt.docx", tmp_path)
    document = Sheet.read(path)
    pieces = controls_in(document, "Svar 1")
    last = pieces[-1].find(f"{W}sdtContent")
    for child in list(last):
        last.remove(child)
    last.append(run("Odense – ny tekst, men ikke hele"))
    document.save(path)
    _refused(sharing, path, 1)


def test_split_pieces_with_text_between_them_refuse_the_sheet(sharing, tmp_path):
    path = sheet("uroert.docx", tmp_path)
    document = Sheet.read(path)
    pieces = controls_in(document, "Svar 2")
    pieces[0].addnext(run("skrevet imellem"))
    document.save(path)
    _refused(sharing, path, 2)


def test_split_pieces_that_carry_a_tag_are_not_libreoffices_and_refuse_the_sheet(sharing, tmp_path):
    path = sheet("uroert.docx", tmp_path)
    document = Sheet.read(path)
    pieces = controls_in(document, "Svar 8")
    pieces[1].find(f"{W}sdtPr").append(el("tag", val="8"))
    document.save(path)
    _refused(sharing, path, 8)


def test_a_field_split_into_empty_pieces_is_refused_not_read_as_empty(sharing, tmp_path):
    path = sheet("uroert.docx", tmp_path)
    document = Sheet.read(path)
    for sdt in controls_in(document, "Svar 8"):
        content = sdt.find(f"{W}sdtContent")
        for child in list(content):
            content.remove(child)
    document.save(path)
    _refused(sharing, path, 8)


def controls_in(document: Sheet, name: str) -> list:
    return [sdt for sdt in document.controls() if title(sdt) == name]


def test_a_sheet_saved_twice_by_libreoffice_lost_its_fields_names_and_is_refused_saying_so(sharing, tmp_path):
    path = sheet("gemt-to-gange.docx", tmp_path)
    assert Sheet.read(path).controls() and not any(title(sdt) for sdt in Sheet.read(path).controls())
    before = sharing.path.read_bytes()
    code, out, err = sharing.import_(path)
    assert code == 1, out
    assert "Svarfelterne i arbejdsarket" in flat(err) and "har mistet deres navne" in flat(err)
    assert "åbnes og gemmes i LibreOffice igen" in flat(err)
    assert sharing.path.read_bytes() == before
