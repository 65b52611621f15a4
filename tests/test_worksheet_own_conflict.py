"""Both versions of a conflict are the filler's own: its worksheet's text and what it typed meanwhile.

Odense makes a worksheet for Ærø; Ærø answers a question in the sheet and, before the sheet is
read, another text for the same question in the program. Odense reads the sheet and exports to
Ærø: Ærø's import finds two texts that are both its own. The other version is then not Odense's,
and not news from Odense; every place that names it says it is Ærø's own from the worksheet.
"""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
from exchange_kit import D1, D2, G2, Org, flat, start_sharing
from terminal import COMMAND, CTRL_C, DOWN, ENTER, person, rendered
from worksheet_kit import Sheet

pytestmark = pytest.mark.usefixtures("work_in_tmp")
N_G2 = 5  # Ærø's answer G2's field in 'arbejdsark --fase tjek', as in test_worksheet
SHEET_TEXT = "Ærø behov skrevet i arket"
TYPED = "Ærø behov skrevet i programmet"


@pytest.fixture
def pair(tmp_path, run_cli) -> tuple[Org, Org]:
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Odense formål", D2: "Odense løsning"}
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.answer({G2: "Ærø behov v1"}, "--rolle", "genbruge")
    assert odense.import_(aeroe.export())[0] == 0
    aeroe.ok("vis", "--nye")
    return odense, aeroe


def import_(org: Org, path) -> str:
    code, out, err = org.import_(path, "--ikke-interaktiv")
    assert code == 0, err + out
    return flat(out)


@pytest.fixture
def conflict(pair) -> tuple[Org, Org]:
    """Ærø's sheet text read at Odense, and Ærø's other text typed meanwhile: a conflict at Ærø."""
    odense, aeroe = pair
    path = odense.files / "ark.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    Sheet.read(path).fill(N_G2, SHEET_TEXT).save(path)
    aeroe.answer({G2: TYPED}, "--rolle", "genbruge")
    import_(odense, path)
    out = import_(aeroe, odense.export())
    assert "1 konflikt" in out, out
    assert "Konflikten i 1 svar er mellem to af jeres egne tekster: den, I skrev i et arbejdsark" in out
    assert "Odense Kommune har ændret" not in out
    assert aeroe.others() == {G2: [SHEET_TEXT]}
    return odense, aeroe


def test_the_sheets_version_beside_ours_is_named_as_our_own_and_is_no_news(conflict):
    _, aeroe = conflict
    project = aeroe.project()
    assert [o.source for _, e in project.entries() if e.in_conflict for o in e.others] == ["aeroe-kommune"]

    status = flat(aeroe.ok("status"))
    assert f"Jeres udgave fra arbejdsarket: {SHEET_TEXT}" in status
    assert "Odense Kommune:" not in status
    assert "nyt svar" not in status and "vis --nye" not in status  # both texts are Ærø's: no news
    assert "Der er ingen nye svar" in flat(aeroe.ok("vis", "--nye"))
    shown = flat(aeroe.ok("vis", "--rolle", "genbruge"))
    assert f"Jeres udgave fra arbejdsarket (uafklaret): {SHEET_TEXT}" in shown
    assert "Odense Kommunes udgave" not in shown
    settle = flat(aeroe.ok("konflikter"))
    assert f"Jeres udgave (Ærø Kommune): {TYPED} Jeres udgave fra arbejdsarket: {SHEET_TEXT}" in settle
    report = aeroe.files / "rapport.md"
    aeroe.ok("rapport", "--ud", str(report))
    text = flat(report.read_text(encoding="utf-8"))
    assert "Jeres udgave fra arbejdsarket (Ærø Kommune):" in text and "Udgaven fra Odense Kommune" not in text


def test_the_english_edition_says_it_too(conflict):
    _, aeroe = conflict
    status = flat(aeroe.ok("status", "--sprog", "en"))
    assert f"Your version from the worksheet: {SHEET_TEXT}" in status


def settle_with_the_sheets_text(aeroe: Org, where: Path, spawn) -> str:
    """`konflikter` in a terminal at Ærø: the sheet's text is kept; what the screen showed."""
    where.mkdir()
    env = {**person(where, lines=40), "SPREDNING_HJEM": str(aeroe.home)}
    child = spawn(COMMAND, ["konflikter"], env=env, rows=40, cwd=where)
    child.expect_exact("Jeres fra arbejdsarket")
    child.expect_exact("Afgør senere")
    child.send(DOWN + ENTER)  # keep the sheet's text
    child.expect(pexpect.EOF)
    assert aeroe.others() == {} and aeroe.texts()[G2] == SHEET_TEXT
    return flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 40)))


def test_the_choice_names_the_sheet_and_settling_it_reaches_the_sharing_side(
    conflict, tmp_path, pseudo_terminal
):
    odense, aeroe = conflict
    shown = settle_with_the_sheets_text(aeroe, tmp_path / "pty", pseudo_terminal)
    assert "Odense Kommunes" not in shown

    out = import_(odense, aeroe.export())
    assert odense.others() == {} and odense.texts()[G2] == SHEET_TEXT
    assert "uafklaret konflikt" not in out


def test_exported_before_settling_the_sharing_side_is_told_both_are_the_partners(
    conflict, tmp_path, pseudo_terminal
):
    odense, aeroe = conflict
    out = import_(odense, aeroe.export())
    assert "1 konflikt" in out and odense.others() == {G2: [TYPED]}
    status = flat(odense.ok("status"))
    assert f"Ærø Kommune (den, I har nu): {SHEET_TEXT} Ærø Kommune: {TYPED}" in status
    assert "Begge er skrevet af Ærø Kommune, som kan afgøre den." in status
    assert "Odense Kommune (" not in status and "Odense Kommune:" not in status
    settle = flat(odense.ok("konflikter"))
    assert f"Ærø Kommunes udgave, som I har nu: {SHEET_TEXT} Ærø Kommunes udgave: {TYPED}" in settle
    assert "Begge udgaver er skrevet af Ærø Kommune, så lad dem afgøre konflikten" in settle
    assert "Jeres udgave" not in settle and "arbejdsarket" not in settle  # not Odense's, nor its sheet
    env = {**person(tmp_path, lines=40), "SPREDNING_HJEM": str(odense.home)}
    child = pseudo_terminal(COMMAND, ["konflikter"], env=env, rows=40, cwd=tmp_path)
    # the choices name no version Odense's, and say which is Ærø's text from the worksheet
    child.expect_exact("Ærø Kommunes fra arbejdsarket, som I har nu")
    child.expect_exact("Afgør senere")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    assert "Jeres (" not in child.logfile_read.getvalue() and odense.others() == {G2: [TYPED]}

    settle_with_the_sheets_text(aeroe, odense.files / "pty", pseudo_terminal)  # Ærø settles it, and exports
    out = import_(odense, aeroe.export())
    assert odense.others() == {} and odense.texts()[G2] == SHEET_TEXT
    assert "uafklaret konflikt" not in out
