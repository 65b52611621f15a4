"""A worksheet goes back to the organisation that made it; what the filler wrote comes home as theirs.

Odense shares with Ærø, and both use the program. Odense makes a worksheet for Ærø; Ærø writes in
it, in its own answers, in one of Odense's and in its readiness mark, and sends it back; Odense
imports it and exports to Ærø. Ærø then gets its own text back: that is not Odense's change, and
the export's count of news is what Ærø's import reports. Ærø importing the sheet itself is refused
(Odense reads it, and Ærø gets the answers with Odense's next export), so no conflict can reopen a
decision Odense took. Filled in as Word stores a partner's edits (worksheet_kit).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from exchange_kit import D1, D2, D3, G2, Org, flat, start_sharing, tree
from worksheet_kit import Sheet

from spredning.core import followup, local
from spredning.core.copies import filled_by
from spredning.worksheet.package import open_package
from spredning.worksheet.record import from_xml
from spredning.worksheet.returned import sheet_copy

pytestmark = pytest.mark.usefixtures("work_in_tmp")
TOOL = "tjek.beskriv-innovationen"
ASK_GENBRUGE = "Klarhed efter »Beskriv innovationen«: hvor klar er Ærø Kommune?"
N_D2, N_G2 = 2, 5  # answer fields of 'arbejdsark --fase tjek', as in test_worksheet


@pytest.fixture
def pair(tmp_path, run_cli) -> tuple[Org, Org]:
    """Odense and Ærø, each with the other's answers: Odense's two, and Ærø's own answer G2."""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Odense formål", D2: "Odense løsning v1"}
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.answer({G2: "Ærø behov v1"}, "--rolle", "genbruge")
    assert odense.import_(aeroe.export())[0] == 0
    return odense, aeroe


def filled_sheet(odense: Org) -> Path:
    """Odense's worksheet for Ærø, as Ærø sends it back: its own answer, Odense's, and its mark."""
    path = odense.files / "ark.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    sheet = Sheet.read(path)
    colour, reason = sheet.follow_titles(ASK_GENBRUGE)[:2]
    sheet.fill(N_G2, "Ærø behov skrevet i arket").fill(N_D2, "Ærø-rettet løsning i arket")
    sheet.fill(colour, "gul").fill(reason, "Vi mangler tal").save(path)
    return path


def import_(org: Org, path: Path) -> str:
    code, out, err = org.import_(path, "--ikke-interaktiv")
    assert code == 0, err + out
    return flat(out)


def exported(org: Org) -> tuple[Path, int]:
    """An export to the partner and the number of changes it says the partner has not had."""
    target = org.files / "til-aeroe.yaml"
    out = flat(org.ok("eksport", "--ud", str(target), "--overskriv"))
    if "ingen ændringer" in out:
        return target, 0
    found = re.search(r"Filen har (\d+) nye? ændring(?:er)? siden jeres sidste eksport", out)
    assert found, out
    return target, int(found.group(1))


def reported(out: str) -> int:
    """What an import says it changed: answers added, updated, removed, and follow-up records."""
    found = re.search(r"(\d+) tilføjede?, (\d+) opdatered?e?(?:, (\d+) fjernede?)?", out)
    assert found, out
    records = re.search(r"Opfølgningen: (\d+) punkt", out)
    return sum(int(n) for n in found.groups() if n) + (int(records.group(1)) if records else 0)


def test_what_the_partner_wrote_in_the_sheet_comes_home_as_theirs_and_the_count_agrees(pair):
    odense, aeroe = pair
    sheet = filled_sheet(odense)
    odense.answer({D2: "Odense løsning v2"})  # Odense edits after making the sheet
    out = import_(odense, sheet)
    assert "1 konflikt" in out

    out = import_(aeroe, exported(odense)[0])
    assert "Odense Kommune har ændret" not in out  # Ærø wrote it, in the sheet
    assert "1 af jeres egne svar kommer fra et arbejdsark, I selv har udfyldt" in out
    assert "Har I de samme behov?" in out
    assert "Fra jeres eget arbejdsark: Klarhed" in out and "Ny: Klarhed" not in out
    assert aeroe.texts()[G2] == "Ærø behov skrevet i arket"
    assert aeroe.texts()[D2] == "Odense løsning v2"
    project = aeroe.project()
    mark = followup.readiness(project, project.partners[0], TOOL, "genbruge")
    assert mark is not None and (mark.colour, mark.reason) == ("gul", "Vi mangler tal")


def test_the_export_counts_what_the_partner_wrote_in_the_sheet_as_news_to_it(pair):
    odense, aeroe = pair
    sheet = filled_sheet(odense)
    odense.answer({D2: "Odense løsning v2"})
    import_(odense, sheet)

    path, news = exported(odense)
    out = import_(aeroe, path)
    # what the export said Ærø had not had is what Ærø's import reports: G2, D2 and the mark
    assert "2 opdaterede" in out and news == reported(out) == 3


def test_the_sheet_made_for_us_is_refused_here_it_goes_back_to_its_maker(pair):
    odense, aeroe = pair
    sheet = filled_sheet(odense)
    odense.answer({D2: "Odense løsning v2"})
    import_(odense, sheet)
    aeroe.import_(exported(odense)[0])
    before = tree(aeroe.home)

    code, out, err = aeroe.import_(sheet, "--ikke-interaktiv")
    said = flat(err)
    assert (code, out) == (1, "")
    assert "er lavet af Odense Kommune til jer" in said
    assert "send det udfyldte ark tilbage til Odense Kommune" in said
    assert "næste eksport" in said
    assert tree(aeroe.home) == before and aeroe.others() == {}
    code, out, err = aeroe.import_(sheet, "--tør")  # a dry run says the same
    assert code == 1 and "er lavet af Odense Kommune til jer" in flat(err)


def test_a_sheet_made_by_the_reusing_side_is_refused_at_the_sharing_side_that_filled_it(pair):
    odense, aeroe = pair
    path = aeroe.files / "til-odense.docx"
    aeroe.ok("arbejdsark", "--fase", "tjek", "--rolle", "dele", "--ud", str(path))
    Sheet.read(path).fill(3, "Vi startede i 2021").save(path)
    before = tree(odense.home)
    code, _, err = odense.import_(path)
    assert code == 1 and "er lavet af Ærø Kommune til jer" in flat(err)
    assert tree(odense.home) == before
    out = import_(aeroe, path)  # where it was made, it is read
    assert "1 tilføjet" in out and aeroe.texts()[D3] == "Vi startede i 2021"

    out = import_(odense, aeroe.export())  # Odense gets its own text with Ærø's next export, as its own
    assert odense.texts()[D3] == "Vi startede i 2021"
    assert "Ærø Kommune har ændret" not in out and "kommer fra et arbejdsark, I selv har udfyldt" in out


def test_own_text_from_a_sheet_is_not_news_from_the_sender(pair):
    odense, aeroe = pair
    path = odense.files / "ark.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    Sheet.read(path).fill(N_G2, "Ærø behov skrevet i arket").save(path)
    import_(odense, path)
    aeroe.ok("vis", "--nye")  # Ærø has read the news it had
    out = import_(aeroe, exported(odense)[0])
    assert "kommer fra et arbejdsark, I selv har udfyldt" in out and "vis --nye" not in out
    assert aeroe.texts()[G2] == "Ærø behov skrevet i arket"
    status = flat(aeroe.ok("status"))
    assert "nye svar" not in status and "nyt svar" not in status


def test_a_sheets_copy_id_names_its_filler_and_an_id_from_before_is_kept(pair, tmp_path):
    odense, _ = pair
    path = odense.files / "ark.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    record = from_xml(open_package(path.read_bytes()).record)
    new, old = sheet_copy(record), sheet_copy(record, lambda copy: True)
    assert len(new) == 16 and len(old) == 12 and new[5:] == old[1:]  # the same sheet, its filler named
    assert filled_by(new, record.project, "aeroe-kommune") and not filled_by(new, record.project, "dele")
    assert not filled_by(old, record.project, "aeroe-kommune")  # an id from before names no one
    assert sheet_copy(record, lambda copy: copy == old) == old  # a sheet imported before keeps its id

    home = tmp_path / "helper"  # and this computer remembers what a sheet gave under either id
    local.ensure_folder(home)
    state = local.with_sheet_versions(local.load(home, "x"), new, {"tjek.a.dele.x": {"1a2b3c4d": 1}})
    state = local.with_sheet_versions(state, old, {"tjek.a.dele.x": {"1a2b3c4d": 2}})
    local.state_path(home, "x").write_bytes(local.encoded(state, home, "x"))
    assert local.load(home, "x").worksheets == state.worksheets


def test_what_the_filler_wrote_on_both_sides_of_the_sheet_is_all_listed_as_theirs(pair):
    """Reported: Ærø wrote two new answers in Odense's worksheet, one to its own question (G1) and
    one to Odense's (D3); Ærø's import of Odense's next export listed only G1 as written in a
    worksheet Ærø filled in, and D3 not at all. Both are Ærø's words: each is listed, D3 as an
    answer to the other side's question, and neither is news from Odense."""
    odense, aeroe = pair
    path = odense.files / "ark.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    n_d3, n_g1 = 3, 4
    Sheet.read(path).fill(n_g1, "Interessant for Ærø").fill(n_d3, "Ærøs bud på processen").save(path)
    assert "2 tilføjede" in import_(odense, path)
    aeroe.ok("vis", "--nye")  # Ærø has read the news it had

    out = import_(aeroe, exported(odense)[0])

    assert "2 tilføjede" in out
    own = "1 af jeres egne svar kommer fra et arbejdsark, I selv har udfyldt, og står nu også her:"
    theirs = (
        "1 svar på den anden sides spørgsmål er jeres egen tekst fra et arbejdsark, I selv har udfyldt, "
        "og står nu også her:"
    )
    assert own in out and theirs in out, out
    first, second = out.split(theirs)
    assert "Vi vil genbruge (Ærø Kommune): Er løsningen umiddelbart interessant" in first.split(own)[1]
    assert "nu: Interessant for Ærø" in first.split(own)[1]
    assert "Vi vil dele: Hvordan forløb processen? (ny) nu: Ærøs bud på processen" in second
    assert "Odense Kommune har ændret" not in out and "vis --nye" not in out
    assert aeroe.texts()[D3] == "Ærøs bud på processen"


def test_a_filler_without_our_files_has_what_it_wrote_in_the_sheet_nothing_is_counted_unsent(
    tmp_path, run_cli
):
    """Found in stop 48's trial: Fanø, which had only a worksheet, filled one answer in it; status then
    said "1 ændring ikke sendt … send jeres nye ændring til Fanø Kommune" of Fanø's own text."""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    path = odense.files / "fanoe.docx"
    odense.ok("arbejdsark", "--partner", "Fanø", "--fase", "tjek", "--ud", str(path))
    Sheet.read(path).fill(N_G2, "Fanøs behov skrevet i arket").save(path)

    assert "1 tilføjet" in import_(odense, path)

    assert odense.project().dialogue(odense.project().partner("fanoe-kommune")).answer(G2).text == (
        "Fanøs behov skrevet i arket"
    )
    lines = flat(odense.ok("status")).split("Genbrugende organisationer:")[1]
    fanoe = lines.split("Fanø Kommune:")[1]
    assert "ikke sendt" not in fanoe and "send jeres" not in fanoe
    assert "ikke fået endnu" not in flat(odense.ok("status", "--partner", "Fanø"))


def test_a_filler_with_the_program_is_sent_what_it_wrote_in_the_sheet_not_told_it_is_ours(tmp_path, run_cli):
    """Left alone in stop 48: Fanø has the program (it had a file from us) and also filled a worksheet;
    its sheet text reaches its program only with our next export, so status counts it, but said "send
    jeres nye ændring til Fanø Kommune" of Fanø's own words. Now the step names no owner."""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    fanoe = Org(tmp_path / "fanoe", tmp_path, run_cli)
    assert fanoe.import_(odense.export("--partner", "Fanø"))[0] == 0
    path = odense.files / "fanoe.docx"
    odense.ok("arbejdsark", "--partner", "Fanø", "--fase", "tjek", "--ud", str(path))
    Sheet.read(path).fill(N_G2, "Fanøs behov skrevet i arket").save(path)
    assert "1 tilføjet" in import_(odense, path)

    lines = flat(odense.ok("status")).split("Genbrugende organisationer:")[1]
    fanoe_line = lines.split("Fanø Kommune:")[1]
    assert "1 ændring ikke sendt" in fanoe_line, fanoe_line
    odense.ok("vis", "--nye", "--partner", "Fanø")  # its answer read: the next step is to send
    said = flat(odense.ok("status"))
    assert (
        "• Fanø Kommune: i fasen Tjek (1/14); 1 ændring ikke sendt. Næste skridt: send den nye ændring "
        "til Fanø Kommune: spredning eksport --partner fanoe-kommune"
    ) in said, said
    assert "jeres" not in said
    assert fanoe.import_(odense.export("--partner", "Fanø"))[0] == 0
    assert fanoe.project().dialogue(fanoe.project().partner("fanoe-kommune")).answer(G2).text == (
        "Fanøs behov skrevet i arket"
    )


@pytest.mark.parametrize("width", [60, 62, 64, 66, 68, 70, 72])
def test_the_sheets_field_count_is_never_broken_from_its_word(pair, monkeypatch, width):
    """Found in stop 48's trial at 66 and 72 columns: "…(lavet 7. december 2026): 85⏎svarfelter." (which
    also read as if 85 fields were filled in)."""
    odense, _ = pair
    path = filled_sheet(odense)
    monkeypatch.setenv("COLUMNS", str(width))

    out = odense.ok("importer", "--tør", str(path))

    assert not [line for line in out.splitlines() if re.search(r"\b\d+$", line.rstrip())]
    assert re.search(r"arket har \d+ svarfelter i alt\.", flat(out))
