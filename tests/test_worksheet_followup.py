"""Worksheets carry the follow-up (issue 15): readiness after each tool, the plan's actions, approvals.

A partner fills in the readiness fields and changes actions in Word; 'importer' brings them in by the
same history rules as answers. Fields are filled as Word stores a partner's edits (worksheet_kit), and
once through python-docx, which reads and saves the whole package as another program would.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from exchange_kit import D1, G1, Org, flat, start_sharing, tree
from worksheet_kit import Sheet

from spredning.core import followup
from spredning.core.model import Partner

pytestmark = pytest.mark.usefixtures("work_in_tmp")
TOOL = "tjek.beskriv-innovationen"
MARK_DELE = ("aeroe-kommune", f"klarhed:{TOOL}.dele")
MARK_GENBRUGE = ("aeroe-kommune", f"klarhed:{TOOL}.genbruge")
# The readiness questions after the first tool, one a side.
ASK_DELE = "Klarhed efter »Beskriv innovationen«: hvor klar er Odense Kommune?"
ASK_GENBRUGE = "Klarhed efter »Beskriv innovationen«: hvor klar er Ærø Kommune?"
ACTION = "Skaf tal for genindlæggelser"
FIXTURE = Path(__file__).parent / "fixtures" / "gammelt-arbejdsark"


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    """Odense shares with Ærø: two answers, a yellow mark, an action and an approved phase."""
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Færre genindlæggelser"})
    org.ok("klarhed", TOOL, "gul", "--begrundelse", "Vi mangler tal")
    org.ok("plan", "tilføj", "--hvad", ACTION, "--hvem", "Eva", "--frist", "01-03-2026", "--fase", TOOL)
    org.ok("godkend", "tjek", "--af", "Eva Jensen", "--dato", "10-01-2026")
    return org


def make(org: Org, *options: str, name: str = "ark.docx") -> tuple[Path, str]:
    path = org.files / name
    out = org.ok("arbejdsark", "--fase", "tjek", "--ud", str(path), *options)
    return path, flat(out)


def import_(org: Org, path: Path, *options: str) -> str:
    code, out, err = org.import_(path, *options)
    assert code == 0, err + out
    return flat(out)


def mark(org: Org, role: str) -> followup.Mark | None:
    project = org.project()
    return followup.readiness(project, project.partners[0], TOOL, role)


def actions(org: Org) -> dict[str, followup.PlanItem]:
    project = org.project()
    return {item.what: item for item in followup.plan_items(project, project.partners[0])}


def docx_fill(path: Path, values: dict[str, str]) -> None:
    """Fill fields by title with python-docx, as another program reads and saves the whole package."""
    document = Document(str(path))
    for control in document.element.body.iter(qn("w:sdt")):
        title = control.find(f"{qn('w:sdtPr')}/{qn('w:alias')}").get(qn("w:val"))
        if title in values:
            Paragraph(next(control.iter(qn("w:p"))), None).text = values[title]
    document.save(str(path))


def fill(sheet: Sheet, values: dict[str, str]) -> Sheet:
    """Fill fields by title, as a partner types in them ('' empties one)."""
    for title, text in values.items():
        sheet.fill(title, text)
    return sheet


# --- what the worksheet shows ------------------------------------------------------------------------


def test_the_worksheet_shows_readiness_approvals_and_the_plan_in_fields(sharing):
    path, out = make(sharing)
    assert "handlingsplanen har 1 handling, som de kan rette i, og plads til nye" in out
    sheet = Sheet.read(path)
    assert sheet.follow_titles(ASK_DELE) == ["Klarhed 35", "Begrundelse 36"]
    assert [sheet.text(t) for t in sheet.follow_titles(ASK_DELE)] == ["gul", "Vi mangler tal"]
    assert [sheet.text(t) for t in sheet.follow_titles(ASK_GENBRUGE)] == ["", ""]
    row = sheet.row_of(ACTION)
    assert [sheet.text(t) for t in row] == [ACTION, "Eva", "01-03-2026", "ikke startet"]
    assert [title.split()[0] for title in row] == ["Hvad", "Hvem", "Frist", "Status"]
    assert len(sheet.empty_rows()) == 2
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Fasen er godkendt for Vi vil dele (Odense Kommune) af Eva Jensen den 10. januar 2026." in text
    assert "En fase godkendes ikke i arket" in text
    assert "Handlingsplan for fasen Tjek" in text
    assert "grøn (klar), gul (noget skal afklares) eller rød (ikke klar)" in text  # the first page


def test_a_sheet_for_one_side_asks_only_that_side_for_readiness(sharing):
    path, _ = make(sharing, "--rolle", "genbruge")
    sheet = Sheet.read(path)
    assert sheet.follow_titles(ASK_GENBRUGE)
    with pytest.raises(KeyError):
        sheet.follow_titles(ASK_DELE)
    assert sheet.row_of(ACTION)  # the plan belongs to the dialogue, not to a side


def test_an_empty_sheet_has_empty_readiness_fields_and_only_rows_for_new_actions(sharing):
    path, out = make(sharing, "--tom")
    assert "sidst i hver fase kan de skrive nye handlinger" in out
    sheet = Sheet.read(path)
    assert [sheet.text(t) for t in sheet.follow_titles(ASK_DELE)] == ["", ""]
    assert len(sheet.rows()) == len(sheet.empty_rows()) == 2
    assert "godkendt" not in "\n".join(p.text for p in Document(str(path)).paragraphs)
    before = sharing.path.read_bytes()
    assert "Opfølgningen" not in import_(sharing, path)  # empty fields in an empty sheet say nothing
    assert sharing.path.read_bytes() == before
    fill(sheet, {sheet.follow_titles(ASK_GENBRUGE)[0]: "grøn"}).save(path)
    assert "Opfølgningen: 1 punkt" in import_(sharing, path)
    assert mark(sharing, "genbruge").colour == "grøn"
    assert mark(sharing, "dele").colour == "gul"  # an empty field in an empty sheet is no deletion


# --- reading it back -----------------------------------------------------------------------------------


def test_an_untouched_sheet_changes_no_mark_and_no_action(sharing):
    path, _ = make(sharing)
    before = sharing.path.read_bytes()
    out = import_(sharing, path, "--tør")
    assert "Opfølgningen" not in out
    out = import_(sharing, path)
    assert "0 tilføjede, 0 opdaterede, 1 uændret" in out and "Opfølgningen" not in out
    assert sharing.path.read_bytes() == before


def test_values_that_say_the_same_in_other_words_are_unchanged(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    colour, _ = sheet.follow_titles(ASK_DELE)
    _, _, due, status = sheet.row_of(ACTION)
    fill(sheet, {colour: "GUL.", due: "1.3.2026", status: "Ikke-startet"}).save(path)
    before = sharing.path.read_bytes()
    assert "Opfølgningen" not in import_(sharing, path)
    assert sharing.path.read_bytes() == before


def test_readiness_and_the_plan_round_trip_through_a_filled_sheet(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    ours, ours_reason = sheet.follow_titles(ASK_DELE)
    theirs, theirs_reason = sheet.follow_titles(ASK_GENBRUGE)
    _, who, due, status = sheet.row_of(ACTION)
    new_what, new_who, _, _ = sheet.empty_rows()[0]
    fill(
        sheet,
        {
            theirs: "Rød",
            theirs_reason: "Vi har intet\nbudget endnu",  # a line break in a one-line value: a space
            ours: "grøn",
            ours_reason: "",
            who: "Ærø Kommune",
            due: "15-04-2026",
            status: "i gang",
            new_what: "Book et møde med Odense",
            new_who: "Mette",
        },
    ).save(path)

    before = sharing.path.read_bytes()
    out = import_(sharing, path, "--tør")
    assert "Opfølgningen: 4 punkter" in out
    assert (
        "Ny: Klarhed, Tjek · Beskriv innovationen · Vi vil genbruge (Ærø Kommune): rød – "
        "Vi har intet budget endnu" in out
    )
    # Odense's own mark and action, changed in Ærø's sheet: each with what it was and is now, and a copy
    own = "Jeres eget punkt, ændret af Ærø Kommune:"
    assert (
        f"{own} var: Klarhed, Tjek · Beskriv innovationen · Vi vil dele: gul – Vi mangler tal "
        "nu: Klarhed, Tjek · Beskriv innovationen · Vi vil dele: grøn" in out
    )
    assert (
        f"{own} var: Handling »{ACTION}«: ikke startet, frist 01-03-2026, hvem: Eva "
        f"nu: Handling »{ACTION}«: i gang, frist 15-04-2026, hvem: Ærø Kommune" in out
    )
    assert "Filen ville ændre eller fjerne 2 punkter i jeres egen opfølgning" in out
    assert "Ny: Handling »Book et møde med Odense«: ikke startet, hvem: Mette" in out
    assert sharing.path.read_bytes() == before

    out = import_(sharing, path)
    assert "Opfølgningen: 4 punkter" in out
    # named after the import too, not only counted: our own readiness mark is among them
    assert f"{own} var: Klarhed, Tjek · Beskriv innovationen · Vi vil dele: gul – Vi mangler tal" in out
    assert "jeres 2 tidligere punkter i opfølgningen står helt i den" in out
    assert "Ny: Handling »Book et møde med Odense«: ikke startet, hvem: Mette" in out
    assert (mark(sharing, "genbruge").colour, mark(sharing, "genbruge").reason) == (
        "rød",
        "Vi har intet budget endnu",
    )
    assert (mark(sharing, "dele").colour, mark(sharing, "dele").reason) == ("grøn", "")
    changed, new = actions(sharing)[ACTION], actions(sharing)["Book et møde med Odense"]
    assert (changed.who, changed.due, changed.status) == ("Ærø Kommune", datetime.date(2026, 4, 15), "i-gang")
    assert (new.who, new.status, new.source, new.where) == ("Mette", "ikke-startet", "tjek", "aeroe-kommune")
    records = sharing.project().records["aeroe-kommune"]
    assert dict(records[MARK_GENBRUGE[1]].answer.version)  # a version by the sheet's organisation

    saved = sharing.path.read_bytes()
    assert "Opfølgningen" not in import_(sharing, path)  # the same sheet again changes nothing
    assert sharing.path.read_bytes() == saved


def test_a_sheet_sent_back_again_with_more_edits_is_newer_than_its_first_import(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    status = sheet.row_of(ACTION)[3]
    fill(sheet, {status: "i gang"}).save(path)
    import_(sharing, path)
    fill(sheet, {status: "færdig"}).save(path)
    out = import_(sharing, path)
    assert "Opfølgningen: 1 punkt" in out and "to udgaver" not in out
    assert actions(sharing)[ACTION].status == "færdig"
    assert not actions(sharing)[ACTION].others


def test_python_docx_can_fill_and_save_the_sheet(sharing):
    """Another program saves the whole package: the record and the fields survive."""
    path, _ = make(sharing)
    docx_fill(path, {"Klarhed 37": "gul"})
    out = import_(sharing, path)
    assert "Opfølgningen: 1 punkt" in out
    assert mark(sharing, "genbruge").colour == "gul"


def test_both_sides_changing_the_same_mark_and_action_keeps_both_versions(sharing):
    path, _ = make(sharing)
    sharing.ok("klarhed", TOOL, "rød", "--begrundelse", "Budgettet faldt")  # after the sheet was made
    action_id = actions(sharing)[ACTION].id
    sharing.ok("plan", "ret", action_id, "--status", "droppet")
    sheet = Sheet.read(path)
    colour, reason = sheet.follow_titles(ASK_DELE)
    fill(sheet, {colour: "grøn", reason: "Tallene er her", sheet.row_of(ACTION)[3]: "færdig"}).save(path)

    out = import_(sharing, path, "--tør")
    said = "Filen fra Ærø Kommune har en anden udgave end jeres, så den gemmes ved siden af jeres: Klarhed"
    assert said in out
    out = import_(sharing, path)
    assert "2 findes nu i flere udgaver" in out
    entry = sharing.project().record(MARK_DELE)
    assert dict(entry.answer.fields)["farve"] == "rød"  # ours stands
    assert [dict(o.fields)["farve"] for o in entry.others] == ["grøn"]  # theirs is kept beside it
    assert mark(sharing, "dele").disputed
    item = actions(sharing)[ACTION]
    assert item.status == "droppet" and [o.status for o in item.others] == ["færdig"]

    again, _ = make(sharing, name="igen.docx")  # a new sheet shows the version that applies, and says so
    text = "\n".join(p.text for p in Document(str(again)).paragraphs)
    assert "Klarheden findes i flere udgaver, som ikke er afgjort endnu" in text
    assert f"Handlingen »{ACTION}« findes i flere udgaver" in text
    assert Sheet.read(again).text(Sheet.read(again).follow_titles(ASK_DELE)[0]) == "rød"
    assert "Opfølgningen" not in import_(sharing, again)  # untouched, it settles nothing
    assert sharing.project().record(MARK_DELE).others


def test_a_bad_value_refuses_the_whole_sheet_naming_each_field(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    theirs, _ = sheet.follow_titles(ASK_GENBRUGE)
    _, _, due, status = sheet.row_of(ACTION)
    new_what, new_who, _, _ = sheet.empty_rows()[0]
    fill(sheet, {theirs: "blå", due: "i morgen", status: "snart", new_who: "Mette", "Svar 4": "Ja"}).save(
        path
    )
    before = tree(sharing.home)
    code, out, err = sharing.import_(path)
    message = flat(err)
    assert code == 1, out
    assert "har 4 felter, som programmet ikke kan læse" in message
    assert (
        "Klarhed 37 (klarheden efter Beskriv innovationen, Vi vil genbruge): »blå« er ikke en klarhed"
        in message
    )
    # the example is the day meant ('i morgen': tomorrow's date), not a fixed one
    tomorrow = followup.typed_day(datetime.date.today() + datetime.timedelta(days=1))
    assert (
        f"{due} (handlingen »{ACTION}«): 'i morgen' er ikke en dato. "
        f"Skriv datoen som dag-måned-år, fx {tomorrow}." in message
    )
    assert f"{status} (handlingen »{ACTION}«): »snart« er ikke en status" in message
    assert f"{new_what} (ny handling i fasen Tjek): skriv, hvad der skal gøres" in message
    assert "Intet er ændret. Ret felterne i arket" in message
    assert tree(sharing.home) == before  # not even the answer in the same sheet


@pytest.mark.parametrize(
    ("typed", "said", "meant"),
    [
        (
            "5.6.27",
            "'5.6.27' er ikke en hel dato: året skal skrives med fire cifre. "
            "Skriv datoen som dag-måned-år med hele året, fx 05-06-2027.",
            datetime.date(2027, 6, 5),
        ),
        (
            "29-02-2027",
            "'29-02-2027' er ikke en dato: 2027 har ikke 29. februar (det er ikke et skudår). "
            "Skriv 28-02-2027 eller 01-03-2027.",
            datetime.date(2027, 2, 28),
        ),
    ],
)
def test_a_deadline_in_the_sheet_is_refused_as_every_date_field_refuses_it(sharing, typed, said, meant):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    _, _, due, _ = sheet.row_of(ACTION)
    fill(sheet, {due: typed}).save(path)

    code, out, err = sharing.import_(path)

    assert code == 1, out
    assert f"{due} (handlingen »{ACTION}«): {said}" in flat(err)
    fill(Sheet.read(path), {due: followup.typed_day(meant)}).save(path)  # the date offered is read
    import_(sharing, path)
    assert actions(sharing)[ACTION].due == meant


def test_a_reason_without_a_colour_and_an_emptied_action_are_refused(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    _, reason = sheet.follow_titles(ASK_GENBRUGE)
    what, _, _, status = sheet.row_of(ACTION)
    fill(sheet, {reason: "fordi", what: "", status: ""}).save(path)
    code, _, err = sharing.import_(path)
    message = flat(err)
    assert code == 1
    assert (
        f"{reason} (klarheden efter Beskriv innovationen, Vi vil genbruge): en begrundelse skal have"
        in message
    )
    assert "en handling fjernes ikke ved at tømme feltet, men ved at skrive droppet i status" in message
    assert f"{status} (handlingen »{ACTION}«): skriv en status" in message


def test_an_emptied_readiness_field_removes_the_mark(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    fill(sheet, dict.fromkeys(sheet.follow_titles(ASK_DELE), "")).save(path)
    assert (
        "Jeres eget punkt, ændret af Ærø Kommune: var: Klarhed, Tjek · Beskriv innovationen · Vi vil dele: "
        "gul – Vi mangler tal nu: Klarhed, Tjek · Beskriv innovationen · Vi vil dele: fjernet"
        in import_(sharing, path, "--tør")
    )
    assert "jeres tidligere punkt i opfølgningen står helt i den" in import_(sharing, path)
    assert mark(sharing, "dele") is None


def test_a_deleted_readiness_table_and_text_beside_it_are_reported(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    sheet.remove("Klarhed 35")  # the frame of a readiness pair is its table
    sheet.type_after("Begrundelse 38", "Vi ringer")
    sheet.save(path)
    out = import_(sharing, path)
    said = "Klarhed 35 (klarheden efter Beskriv innovationen, Vi vil dele) er slettet fra arket"
    assert f"{said}; klarheden er ikke ændret" in flat(out)
    assert (
        "Tekst uden for svarfelterne, efter Begrundelse 38 (klarheden efter Beskriv innovationen, "
        "Vi vil genbruge), er ikke taget med: »Vi ringer«"
    ) in out
    assert mark(sharing, "dele").colour == "gul"


@pytest.mark.parametrize(
    ("found", "instead"),
    [
        (b'plads="aeroe-kommune/klarhed', b'plads="fanoe/klarhed'),  # into another partner's dialogue
        (b'plads="aeroe-kommune/klarhed:tjek.beskriv-innovationen.dele"', b'plads="/godkendelse:tjek.dele"'),
        (b'navn="farve"', b'navn="begrundelse"'),  # a value twice, another not at all
        (b'nr="35"', b'nr="3"'),  # the number of an answer field
        (b'plads="aeroe-kommune/klarhed:', b'kilde="fjern" plads="aeroe-kommune/klarhed:'),  # a mark's
    ],
)
def test_a_record_with_a_follow_up_it_cannot_have_is_refused(sharing, found, instead):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    name = next(n for n, data in sheet.parts.items() if b"<arbejdsark" in data and "Props" not in n)
    assert found in sheet.parts[name]
    sheet.parts[name] = sheet.parts[name].replace(found, instead, 1)
    sheet.save(path)
    before = tree(sharing.home)
    code, _, err = sharing.import_(path)
    assert code == 1 and "skjulte oplysninger er beskadigede" in flat(err)
    assert tree(sharing.home) == before


# --- a sheet from before follow-up fields, and the English edition -------------------------------------


def test_a_sheet_made_before_follow_up_fields_imports_as_before(tmp_path, run_cli):
    """tests/fixtures/gammelt-arbejdsark: a format 1 sheet, its project and this computer's state."""
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    (org.home / ".spredning").mkdir(parents=True)
    shutil.copy(FIXTURE / "genoptraening-aeroe.yaml", org.home)
    shutil.copy(FIXTURE / "lokalt.yaml", org.home / ".spredning" / "genoptraening-aeroe.yaml")
    path = tmp_path / "gammelt-ark.docx"
    shutil.copy(FIXTURE / "gammelt-ark.docx", path)
    sheet = Sheet.read(path)
    assert all(title.startswith("Svar ") for title in sheet.titles())
    records = org.project().records
    fill(sheet, {"Svar 4": "Ja, meget", "Svar 2": "Træning hjemme og på centret"}).save(path)

    out = import_(org, path)
    assert "1 tilføjet, 1 opdateret, 1 uændret, 0 konflikter" in out
    assert "Opfølgningen" not in out and "uden for svarfelterne" not in out
    texts = org.texts()
    assert texts[G1] == "Ja, meget"
    assert texts["tjek.beskriv-innovationen.dele.loesningen"] == "Træning hjemme og på centret"
    assert org.project().records == records


def english_sheet(org: Org, tmp_path) -> tuple[Path, Sheet, str]:
    """The sharing side's worksheet for tjek, made in English; its text outside the fields."""
    path = tmp_path / "sheet.docx"
    out = flat(org.ok("--sprog", "en", "arbejdsark", "--fase", "tjek", "--ud", str(path)))
    assert "the action plan has 1 action they can change" in out
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    headers = [cell.text for table in document.tables for cell in table.rows[0].cells]
    return path, Sheet.read(path), text + "\n" + "\n".join(headers)


def test_an_english_sheet_shows_and_reads_the_english_readiness_words(sharing, tmp_path):
    path, sheet, text = english_sheet(sharing, tmp_path)
    assert "green (ready), yellow (something needs clarifying) or red (not ready), and a short reason" in text
    assert "Green, yellow or red" in text  # the fields' column
    for danish in ("grøn", "gul", "rød", "in Danish"):
        assert danish not in text
    assert (
        "The phase was approved for We want to share (Odense Kommune) by Eva Jensen on 10 January 2026."
        in text
    )
    assert "Klarhed" not in text and "Handlingsplan" not in text
    ask_dele = next(p for p in text.split("\n") if p.startswith("Readiness after") and "Odense" in p)
    assert [sheet.text(title) for title in sheet.follow_titles(ask_dele)] == ["yellow", "Vi mangler tal"]
    question = next(p for p in text.split("\n") if p.startswith("Readiness after") and "Ærø" in p)
    colour, reason = sheet.follow_titles(question)
    assert (colour, reason) == ("Readiness 37", "Reason 38")
    assert sheet.row_of(ACTION, header="What")[3] == "Status 56"
    assert sheet.text("Status 56") == "not started"  # in the sheet's language, as 'plan ret' takes it
    assert "ikke startet" not in text and "droppet" not in text  # the instructions name English words

    fill(sheet, {colour: "blue"}).save(path)
    code, _, err = sharing("--sprog", "en", "importer", str(path))
    assert code == 1
    said = flat(err)
    assert "Readiness 37 (readiness after" in said
    assert "“blue” is not a readiness; write green, yellow or red (or empty the box)" in said
    assert "Nothing has been changed." in said

    fill(sheet, {colour: "Red", reason: "Budget unclear", "Status 56": "i gang"}).save(path)
    code, out, err = sharing("--sprog", "en", "importer", str(path))
    assert code == 0, err
    assert "The follow-up: 2 items" in flat(out)  # the untouched 'yellow' of Odense changes nothing
    assert (mark(sharing, "genbruge").colour, mark(sharing, "genbruge").reason) == ("rød", "Budget unclear")
    assert (mark(sharing, "dele").colour, mark(sharing, "dele").reason) == ("gul", "Vi mangler tal")
    assert actions(sharing)[ACTION].status == "i-gang"


@pytest.mark.parametrize(
    ("edition", "word", "colour"),
    [("en", "Gul", "gul"), ("en", "groen", "grøn"), ("da", "yellow", "gul"), ("da", "Rød", "rød")],
)
def test_an_english_sheet_filled_in_with_either_languages_words_imports(
    sharing, tmp_path, edition, word, colour
):
    path, sheet, text = english_sheet(sharing, tmp_path)
    question = next(p for p in text.split("\n") if p.startswith("Readiness after") and "Ærø" in p)
    field, reason = sheet.follow_titles(question)
    fill(sheet, {field: word, reason: "Budget unclear"}).save(path)
    code, _, err = sharing("--sprog", edition, "importer", str(path))
    assert code == 0, err
    assert (mark(sharing, "genbruge").colour, mark(sharing, "genbruge").reason) == (colour, "Budget unclear")
    assert mark(sharing, "dele").colour == "gul"


@pytest.mark.parametrize(
    ("edition", "word", "status"),
    [
        ("da", "in progress", "i-gang"),
        ("da", "Dropped", "droppet"),
        ("en", "færdig", "færdig"),
        ("en", "done", "færdig"),
    ],
)
def test_an_english_sheets_status_reads_back_in_either_language(sharing, tmp_path, edition, word, status):
    """An English sheet may be filled in by a Danish partner, or read back by a Danish colleague."""
    path, sheet, _ = english_sheet(sharing, tmp_path)
    fill(sheet, {"Status 56": word}).save(path)
    code, _, err = sharing("--sprog", edition, "importer", str(path))
    assert code == 0, err
    assert actions(sharing)[ACTION].status == status


def test_an_english_sheets_untouched_status_changes_nothing_when_read_in_danish(sharing, tmp_path):
    path, _, _ = english_sheet(sharing, tmp_path)
    code, out, err = sharing("importer", str(path))
    assert code == 0, err
    assert actions(sharing)[ACTION].status == "ikke-startet"
    assert "Opfølgningen" not in out  # nothing of the follow-up changed


def test_a_reason_alone_in_an_english_sheet_asks_for_an_english_word(sharing, tmp_path):
    path, sheet, text = english_sheet(sharing, tmp_path)
    question = next(p for p in text.split("\n") if p.startswith("Readiness after") and "Ærø" in p)
    fill(sheet, {sheet.follow_titles(question)[1]: "Budget unclear"}).save(path)
    code, _, err = sharing("--sprog", "en", "importer", str(path))
    assert code == 1
    assert "a reason needs a readiness beside it: write green, yellow or red" in flat(err)


def test_the_readiness_of_a_partner_in_another_dialogue_is_not_on_the_sheet(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune"))
    org.ok("klarhed", TOOL, "rød", "--rolle", "genbruge", "--partner", "Fanø Kommune")
    org.ok("plan", "tilføj", "--hvad", "Kun Fanø", "--fase", "tjek", "--partner", "Fanø Kommune")
    path = tmp_path / "ark.docx"
    org.ok("arbejdsark", "--fase", "tjek", "--partner", "Ærø Kommune", "--ud", str(path))
    sheet = Sheet.read(path)
    assert [sheet.text(t) for t in sheet.follow_titles(ASK_GENBRUGE)] == ["", ""]
    assert not any(sheet.text(row[0]) == "Kun Fanø" for row in sheet.rows())
    project = org.project()
    assert followup.readiness(project, Partner("aeroe-kommune", ""), TOOL, "genbruge") is None


def _delete_field(sheet: Sheet, name: str) -> None:
    control = sheet.control(name)
    control.getparent().remove(control)


def test_a_deleted_empty_row_for_a_new_action_is_not_reported(sharing):
    # nothing was written in it, so nothing is lost: a note would only be noise
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    new_what, *_ = sheet.empty_rows()[0]
    _delete_field(sheet, new_what)
    sheet.save(path)
    before = actions(sharing)

    out = flat(import_(sharing, path))

    assert "er slettet fra arket" not in out, out
    assert actions(sharing).keys() == before.keys()


def test_a_new_action_row_with_a_deleted_field_says_what_was_written_is_not_taken_in(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    new_what, new_who, _, _ = sheet.empty_rows()[0]
    fill(sheet, {new_what: "Book et møde med Odense"})
    _delete_field(sheet, new_who)
    sheet.save(path)

    out = flat(import_(sharing, path))

    said = f"{new_who} (ny handling i fasen Tjek) er slettet fra arket"
    assert f"{said}, så det, der er skrevet i rækken, er ikke taget med" in out
    assert "plan tilføj" in out
    assert "Book et møde med Odense" not in actions(sharing)


def test_a_deleted_field_of_an_action_says_the_action_is_unchanged(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    _, who, _, _ = sheet.row_of(ACTION)
    _delete_field(sheet, who)
    sheet.save(path)
    before = actions(sharing)[ACTION]

    out = flat(import_(sharing, path))

    assert f"{who} (handlingen »{ACTION}«) er slettet fra arket; handlingen er ikke ændret." in out, out
    assert actions(sharing)[ACTION] == before


def test_a_tool_whose_title_ends_in_a_question_mark_keeps_it_whole_in_the_readiness_question(
    sharing, tmp_path
):
    path = tmp_path / "test.docx"
    sharing.ok("arbejdsark", "--fase", "test", "--ud", str(path))
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)

    assert "Klarhed efter »Kopiér eller tilpas?«: hvor klar er Odense Kommune?" in text
    assert "tilpas?:" not in text


@pytest.mark.parametrize(
    ("written", "colour"),
    [("Grøn ✅", "grøn"), ("gul!", "gul"), ("  Rød 🔴 ", "rød"), ("(grøn)", "grøn"), ("👍🏽 Gul.", "gul")],
)
def test_a_colour_with_an_emoji_or_punctuation_around_it_is_taken(sharing, written, colour):
    """Found in a trial: 'Grøn ✅' in the box refused the whole sheet; it says green and nothing else."""
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    field, reason = sheet.follow_titles(ASK_GENBRUGE)
    fill(sheet, {field: written, reason: "Vi er klar"}).save(path)

    import_(sharing, path)

    assert (mark(sharing, "genbruge").colour, mark(sharing, "genbruge").reason) == (colour, "Vi er klar")


@pytest.mark.parametrize("written", ["grøn/gul", "ikke grøn", "Grøn ❌", "gul?", "grøn og klar"])
def test_a_box_that_says_more_than_one_colour_is_refused_saying_so(sharing, written):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    field, _ = sheet.follow_titles(ASK_GENBRUGE)
    fill(sheet, {field: written}).save(path)
    before = tree(sharing.home)

    code, out, err = sharing.import_(path)

    assert code == 1, out
    said = flat(err)
    assert (
        f"»{written}« siger mere end en klarhed; skriv kun grøn, gul eller rød (og resten i begrundelsen)"
        in said
    )
    assert tree(sharing.home) == before


def test_a_box_with_only_an_emoji_is_no_colour(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    field, _ = sheet.follow_titles(ASK_GENBRUGE)
    fill(sheet, {field: "✅"}).save(path)

    code, out, err = sharing.import_(path)

    assert code == 1, out
    assert "»✅« er ikke en klarhed; skriv grøn, gul eller rød (eller tøm feltet)" in flat(err)


# --- actions that belong to no phase ---------------------------------------------------------------

UNPHASED = "Fælles kickoff med alle"


def test_a_sheet_of_one_phase_shows_the_actions_of_no_phase_and_each_is_updated_once(sharing):
    sharing.ok("plan", "tilføj", "--hvad", UNPHASED, "--hvem", "Eva")
    one, out = make(sharing)  # --fase tjek
    assert "handlingsplanen har 2 handlinger" in out
    every = sharing.files / "alle.docx"
    sharing.ok("arbejdsark", "--ud", str(every))
    text = "\n".join(p.text for p in Document(str(one)).paragraphs)
    assert "Handlinger, der ikke hører til en fase" in text
    # the part has no empty rows, and its words say where new ones go (a trial read "de tomme rækker")
    unphased = text[text.index("Handlinger, der ikke hører til en fase") :]
    assert "Nye handlinger skrives i de tomme rækker under en fase." in unphased
    assert "Nye handlinger skrives i de tomme rækker." in text[: len(text) - len(unphased)]
    for path in (one, every):  # the same action in both sheets, changed the same way in both
        _, who, _, status = Sheet.read(path).row_of(UNPHASED)
        docx_fill(path, {who: "Mette", status: "i gang"})
    assert "Opfølgningen: 1 punkt" in import_(sharing, one)
    assert "Opfølgningen" not in import_(sharing, every)  # already in: nothing twice, no second version
    found = [item for item in actions(sharing).values() if item.what == UNPHASED]
    assert [(item.who, item.status, item.others) for item in found] == [("Mette", "i-gang", ())]
    assert sorted(actions(sharing)) == sorted([ACTION, UNPHASED])  # nothing new came of the two sheets
