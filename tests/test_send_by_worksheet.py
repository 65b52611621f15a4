"""A partner that has had only worksheets from here is advised a worksheet, not an exchange file.

Found in a trial as a sharing organisation: Fanø works in Word only. Odense made it a worksheet,
imported it filled in, then changed an answer. The home screen offered "Send de 2 nye ændringer til
Fanø Kommune" and ran 'eksport', status and the reports advised 'eksport --partner fanoe-kommune':
a YAML file Fanø cannot open. And the export said "siden jeres sidste eksport", where there was none.
Now the step gives such a partner a worksheet (arbejdsark) and says so; a partner an exchange file
went to or came from is still sent a file (test_worksheet_given.py); an export to a partner that has
had only worksheets says what it is new since, and that a worksheet is what they can open.
"""

from __future__ import annotations

import json
import shlex

import pytest
from exchange_kit import D1, G2, Org, flat, start_sharing
from homekit import CTRL_C, DOWN, ENTER, PAUSE, QUIT, UP, go, interactive, typed
from projectkit import workspace

pytestmark = pytest.mark.usefixtures("work_in_tmp")
AEROE, FANOE = "aeroe-kommune", "fanoe-kommune"
CHANGED = "Færre genindlæggelser, også om natten"


def unsent(org: Org, partner: str | None = None) -> int:
    """What status --json says the partner has not been sent."""
    chosen = ("--partner", partner) if partner else ()
    [dialogue] = json.loads(org.ok("status", "--json", *chosen))["dialoger"]
    return dialogue["ikke_sendt"]


def advised(org: Org, program_word: str) -> list[list[str]]:
    """The commands status advises on top that begin with `program_word` ('arbejdsark', 'eksport')."""
    top = org.ok("status").split("Genbrugende organisationer:")[0]
    return [
        shlex.split(line[line.index("spredning ") :])[1:]
        for line in top.splitlines()
        if f"spredning {program_word}" in line
    ]


@pytest.fixture
def region(tmp_path, run_cli) -> tuple[Org, Org]:
    """Odense shares with Ærø (files both ways) and Fanø (a worksheet only); then Odense changed an
    answer, which neither has. (Odense, Ærø)"""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Færre genindlæggelser"},
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export("--partner", AEROE))[0] == 0
    aeroe.answer({G2: "Ærøs behov"})
    assert odense.import_(aeroe.export())[0] == 0
    odense.ok("arbejdsark", "--fase", "tjek", "--partner", FANOE, "--ud", str(odense.files / "fanoe.docx"))
    odense.answer({D1: CHANGED})
    return odense, aeroe


def test_status_advises_a_worksheet_for_the_partner_without_the_program_and_a_file_for_the_other(region):
    odense, _ = region
    assert (unsent(odense, AEROE), unsent(odense, FANOE)) == (1, 1)

    top = flat(odense.ok("status").split("Genbrugende organisationer:")[0])
    assert "et arbejdsark til dem, der kun har fået arbejdsark herfra" in top
    assert advised(odense, "eksport") == [["eksport", "--partner", AEROE]]
    [sheet] = advised(odense, "arbejdsark")
    assert sheet == ["arbejdsark", "--partner", FANOE]

    odense.ok(*sheet, "--ud", str(odense.files / "fanoe-2.docx"))  # the advice, as copied

    assert unsent(odense, FANOE) == 0  # the new worksheet showed the change
    assert unsent(odense, AEROE) == 1
    assert advised(odense, "arbejdsark") == []


def test_the_partners_own_line_and_the_report_name_the_worksheet(region):
    odense, _ = region
    said = flat(odense.ok("status", "--partner", FANOE))
    assert "giv Fanø Kommune den nye ændring i et arbejdsark" in said
    assert f"spredning arbejdsark --partner {FANOE}" in said
    assert f"eksport --partner {FANOE}" not in said

    report = odense.files / "rapport.md"
    odense.ok("rapport", "--format", "md", "--partner", FANOE, "--ud", str(report))
    text = flat(report.read_text(encoding="utf-8"))
    assert "i et arbejdsark" in text and "arbejdsark --partner fanoe-kommune" in text
    assert "eksport --partner fanoe-kommune" not in text


def test_one_partner_by_worksheets_is_advised_one(tmp_path, run_cli):
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Fanø Kommune",), answers={D1: "Før"}
    )
    odense.ok("arbejdsark", "--ud", str(odense.files / "fanoe.docx"))
    assert unsent(odense) == 0
    odense.answer({D1: CHANGED})

    said = flat(odense.ok("status"))
    gives = "giv partneren den nye ændring i et arbejdsark (de har kun fået arbejdsark herfra)"
    assert f"{gives}: spredning arbejdsark" in said
    assert "spredning eksport" not in said


def test_the_home_screen_makes_the_worksheet(region, monkeypatch, run_cli):
    odense, _ = region
    ws = workspace(odense.home)
    with monkeypatch.context() as patched:
        interactive(patched)
        with odense.at_home():
            keys = go(ws, "send") + DOWN * 1 + ENTER  # the list of partners: Ærø, then Fanø
            run = typed(run_cli, keys + PAUSE + QUIT)

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert "Send de nye ændringer til 2 partnere" in screen
    assert "Lav et arbejdsark til Fanø Kommune med den nye ændring" in screen
    assert f"Samme som: spredning arbejdsark --partner {FANOE}" in flat(run.out)
    assert unsent(odense, FANOE) == 0
    assert unsent(odense, AEROE) == 1


@pytest.mark.parametrize("language", ["da", "en"])
def test_an_export_to_a_partner_with_only_worksheets_says_what_it_is_new_since(region, language):
    odense, _ = region
    target = odense.files / "til-fanoe.yaml"

    said = flat(odense.ok("--sprog", language, "eksport", "--partner", FANOE, "--ud", str(target)))

    assert target.exists()
    if language == "da":
        assert "siden det, Fanø Kommune har fået i arbejdsark herfra" in said
        assert "siden jeres sidste eksport" not in said
        assert "kun fået arbejdsark herfra. Har de ikke programmet, kan de ikke åbne filen" in said
    else:
        assert "since what Fanø Kommune has had in worksheets from here" in said
        assert "since your last export" not in said
    assert f"spredning --sprog {language} arbejdsark --partner {FANOE}" in said
    # the file went: Fanø's program takes files from now on, as the README says
    assert "Samme som" not in said
    assert advised(odense, "arbejdsark") == []


def test_an_export_to_a_partner_with_the_program_says_nothing_of_worksheets(region):
    odense, _ = region
    said = flat(odense.ok("eksport", "--partner", AEROE, "--ud", str(odense.files / "til-aeroe.yaml")))
    assert "arbejdsark" not in said
    assert "siden jeres sidste eksport til eller import fra Ærø Kommune" in said


def test_no_worksheet_is_advised_where_nothing_was_given(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Før"})
    assert "spredning arbejdsark" not in odense.ok("status")


def test_a_sheet_of_only_the_partners_own_questions_makes_it_a_partner_by_worksheets(tmp_path, run_cli):
    """Found in a re-trial: a first sheet with only Fanø's own questions (none of our answers in
    it) left Fanø advised 'eksport', and the home screen's "Send" wrote a file it cannot open."""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Fanø Kommune",), answers={D1: "Før"}
    )
    odense.ok("arbejdsark", "--fase", "tjek", "--rolle", "genbruge", "--ud", str(odense.files / "f.docx"))

    said = flat(odense.ok("status"))

    assert "giv partneren den nye ændring i et arbejdsark" in said
    assert "spredning eksport" not in said


@pytest.fixture
def asked_export(region, monkeypatch, run_cli):
    """Run Odense's 'eksport --partner fanoe-kommune' in a terminal with `keys`; (run, target)."""
    odense, _ = region
    target = odense.files / "til-fanoe.yaml"

    def run(keys: str):
        with monkeypatch.context() as patched:
            interactive(patched)
            with odense.at_home():
                return typed(run_cli, keys, "eksport", "--partner", FANOE, "--ud", str(target))

    return odense, target, run


def test_in_a_terminal_an_export_to_a_partner_by_worksheets_asks_and_no_writes_nothing(asked_export):
    odense, target, run = asked_export
    before = (odense.path.read_bytes(), (odense.home / ".spredning" / f"{odense.slug}.yaml").read_bytes())

    done = run(ENTER)  # the choice ready: no

    assert done.code == 0, done.err
    assert "Har Fanø Kommune programmet nu?" in flat(done.screen)
    assert "Intet er eksporteret. Lav et arbejdsark til Fanø Kommune med: spredning arbejdsark" in flat(
        done.out
    )
    assert not target.exists()
    assert (
        odense.path.read_bytes(),
        (odense.home / ".spredning" / f"{odense.slug}.yaml").read_bytes(),
    ) == before
    assert advised(odense, "arbejdsark") == [["arbejdsark", "--partner", FANOE]]  # still by worksheet

    stopped = run(CTRL_C)

    assert stopped.code == 130
    assert "Stoppet. Intet er eksporteret." in flat(stopped.err)
    assert f"spredning arbejdsark --partner {FANOE}" in flat(stopped.err)
    assert not target.exists()


def test_in_a_terminal_yes_exports_and_the_partner_takes_files_from_then_on(asked_export):
    odense, target, run = asked_export

    done = run(UP + ENTER)  # yes, they have the program now

    assert done.code == 0, done.err
    said = flat(done.out)
    assert target.exists()
    assert "siden det, Fanø Kommune har fået i arbejdsark herfra" in said
    assert "Bemærk" not in said  # asked and answered: not said again
    assert advised(odense, "arbejdsark") == []
