"""A worksheet of our own side's questions, filled in at our own workshop and read here, is ours.

'arbejdsark --rolle <own side>' makes a sheet for our own workshop. Read back in, what it brings
is our own answers: never said to come from the partner, no news from the partner, its versions
named as ours (the copy id names us), and the copy of the project file kept when it replaces an
answer typed here. A sheet with both sides' questions is still the partner's to fill in.
All with the installed command and real Word files.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, G1, G2, Org, flat, installed, start_sharing
from worksheet_kit import Sheet

from spredning.core.copies import filled_by

pytestmark = pytest.mark.usefixtures("work_in_tmp")
AEROE = "aeroe-kommune"


@pytest.fixture
def pair(tmp_path) -> tuple[Org, Org]:
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Odense formål"})
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.ok("vis", "--nye")  # Odense's answer read: no news left
    return odense, aeroe


def own_sheet(org: Org, role: str, *options: str, text: str, qid: str, name: str = "ark.docx"):
    """A sheet of `role`'s questions in tjek, its field for `qid` filled in with `text`."""
    path = org.files / name
    said = org.ok("arbejdsark", "--rolle", role, "--fase", "tjek", "--ud", str(path), "--overskriv", *options)
    assert "Send det til" not in said  # no partner answers our own questions
    sheet = Sheet.read(path)
    sheet.fill(_number(sheet, qid), text).save(path)
    return path


def _number(sheet: Sheet, qid: str) -> int:
    tags = [c.find(".//{*}tag").get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            for c in sheet.answer_controls()]  # fmt: skip
    return next(int(tag.split("|")[0]) for tag in tags if tag.endswith(qid))


def imported(org: Org, path, *env: tuple[str, str], dry: bool = False) -> str:
    dry_run = ("--tør",) if dry else ()
    code, out, err = installed(
        "importer", str(path), "--ikke-interaktiv", *dry_run, home=org.home, cwd=org.files, env=dict(env)
    )
    assert code == 0, err + out
    return flat(out)


def versions(org: Org, qid: str, partner: str = AEROE) -> list[str]:
    """The copies that wrote an answer's version, as the project file has them."""
    entry = org.project().entry((partner, qid) if ".genbruge." in qid else ("", qid))
    assert entry is not None
    return [copy for copy, _ in entry.answer.version]


def test_an_empty_sheet_of_our_own_questions_comes_back_as_our_answers(pair):
    odense, aeroe = pair
    path = own_sheet(aeroe, "genbruge", "--tom", text="Fra vores workshop", qid=G1)
    out = imported(aeroe, path)
    assert "Arbejdsark med jeres egne spørgsmål, udfyldt af jer" in out
    assert "Importeret fra jeres eget arbejdsark: 1 tilføjet" in out
    assert "1 af jeres egne svar er nu det, I skrev i arbejdsarket" in out
    assert "Odense Kommune" not in out  # not filled in by them, nor changed by them
    assert aeroe.texts()[G1] == "Fra vores workshop"
    project = aeroe.project()
    assert all(filled_by(copy, project.id, AEROE) for copy in versions(aeroe, G1))
    assert "Der er ingen nye svar" in flat(aeroe.ok("vis", "--nye"))  # our own words: no news
    status = flat(aeroe.ok("status"))
    assert "1 ændring fra jer har partneren ikke fået endnu" in status
    # Odense gets them as Ærø's answers
    out = flat(odense.ok("importer", str(aeroe.export())))
    assert "Importeret fra Ærø Kommune: 1 tilføjet" in out
    assert "Fra vores workshop" in flat(odense.ok("vis", "--nye", "--partner", "Ærø Kommune"))


def test_the_english_edition_says_it_too(pair):
    _, aeroe = pair
    path = own_sheet(aeroe, "genbruge", "--tom", text="From our workshop", qid=G1)
    out = imported(aeroe, path, ("SPREDNING_SPROG", "en"))
    assert "Worksheet with your own questions, filled in by you" in out
    assert "Imported from your own worksheet: 1 added" in out
    assert "1 of your own answers is now what you wrote in the worksheet" in out
    assert "Odense Kommune" not in out


def test_replacing_an_answer_typed_here_keeps_a_copy_and_shows_both(pair):
    _, aeroe = pair
    aeroe.answer({G1: "Skrevet her"}, "--rolle", "genbruge")
    said = flat(aeroe.ok("arbejdsark", "--rolle", "genbruge", "--fase", "tjek", "--ud", "vist.docx"))
    assert "1 af dem har et svar, som I kan rette i. Efter hvert værktøj kan I markere klarhed" in said
    assert said.endswith(
        "Spørgsmålene i arket er jeres egne: brug det fx på jeres egen workshop. Svarene, I skriver i det, "
        "henter I ind som jeres egne med: spredning importer vist.docx"
    )
    path = own_sheet(aeroe, "genbruge", text="Rettet på workshoppen", qid=G1)
    before = aeroe.path.read_text(encoding="utf-8")
    out = imported(aeroe, path)
    assert "var: Skrevet her nu: Rettet på workshoppen" in out
    assert "Projektfilen, som den var før ændringen, er gemt som en kopi" in out
    assert "har ændret" not in out and "Odense Kommune" not in out
    backups = sorted(aeroe.path.parent.glob(aeroe.path.name + ".bak-*"))
    assert backups and backups[-1].read_text(encoding="utf-8") == before
    assert aeroe.texts()[G1] == "Rettet på workshoppen"
    assert aeroe.others() == {}
    again = aeroe.files / "igen.docx"  # the same sheet, written in again after the first import
    sheet = Sheet.read(path)
    sheet.fill(_number(sheet, G1), "Rettet igen").save(again)
    assert "1 af jeres egne svar er nu det, I skrev i arbejdsarket" in imported(aeroe, again)
    out = imported(aeroe, path, dry=True)  # its first text again: older than ours now
    assert "Springes over: jeres arbejdsark (ark.docx) har en ældre udgave af 1 svar" in out
    assert "Ærø Kommune" not in out.split("Springes over:")[1].split("nyere udgave")[0]


def test_an_empty_sheet_over_an_answer_typed_here_is_a_conflict_of_our_own(pair):
    _, aeroe = pair
    aeroe.answer({G2: "Skrevet her"}, "--rolle", "genbruge")
    path = own_sheet(aeroe, "genbruge", "--tom", text="Skrevet på workshoppen", qid=G2)
    out = imported(aeroe, path)
    assert "1 konflikt" in out
    assert "mellem to af jeres egne tekster: den, I skrev i arbejdsarket, og den, der stod her" in out
    assert "Odense Kommune" not in out
    assert aeroe.others() == {G2: ["Skrevet på workshoppen"]}
    assert [o.source for _, e in aeroe.project().entries() for o in e.others] == [AEROE]
    assert "Jeres udgave fra arbejdsarket: Skrevet på workshoppen" in flat(aeroe.ok("status"))


def test_the_sharing_sides_own_sheet_is_its_own(pair):
    odense, aeroe = pair
    path = own_sheet(odense, "dele", "--tom", text="Odense workshop", qid=D2)
    out = imported(odense, path)
    assert "Arbejdsark med jeres egne spørgsmål, udfyldt af jer" in out
    assert "Importeret fra jeres eget arbejdsark: 1 tilføjet" in out
    assert "Ærø Kommune" not in out
    assert odense.texts()[D2] == "Odense workshop" and odense.others() == {}
    assert all(filled_by(copy, odense.project().id, "dele") for copy in versions(odense, D2))
    out = flat(aeroe.ok("importer", str(odense.export())))
    assert "Importeret fra Odense Kommune: 1 tilføjet" in out and "I selv har udfyldt" not in out
    assert "Odense workshop" in flat(aeroe.ok("vis", "--nye"))


def test_a_sheet_with_both_sides_is_the_partners(pair):
    """Sent to the partner to fill in: our own answer changed in it is said to be changed by them."""
    odense, _ = pair
    path = odense.files / "begge.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    sheet = Sheet.read(path)
    sheet.fill(_number(sheet, D1), "Rettet af Ærø").fill(_number(sheet, G1), "Ærø svar").save(path)
    out = imported(odense, path)
    assert "Arbejdsark udfyldt af Ærø Kommune" in out
    assert "Importeret fra Ærø Kommune: 1 tilføjet, 1 opdateret" in out
    assert "Ærø Kommune har ændret 1 af jeres egne svar" in out
    assert "var: Odense formål nu: Rettet af Ærø" in out
