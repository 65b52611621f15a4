"""One way to show a control character everywhere: its picture (␁, ␛) in a text field as in the
answers and reports, and a pasted colour code escaped alike everywhere in a Markdown report; and an
import from a guide edition this program does not know is told, not passed over."""

from __future__ import annotations

import pexpect
import pytest
from exchange_kit import D1, D2, D3, G1, Org, flat, start_sharing
from terminal import ANSI, COMMAND, CTRL_C, person

pytestmark = pytest.mark.usefixtures("work_in_tmp")

PASTE, END = "\x1b[200~", "\x1b[201~"  # a terminal's bracketed paste: the text comes as it is


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})


def test_a_control_character_in_the_answer_field_is_shown_as_its_picture(sharing, pseudo_terminal):
    """The installed command in a pseudo-terminal: what the field draws, as the person sees it."""
    (sharing.files / "person").mkdir()
    env = {**person(sharing.files / "person", 30), "SPREDNING_HJEM": str(sharing.home)}
    child = pseudo_terminal(COMMAND, ["fase", "tjek", "--rolle", "dele", "--fortsæt"], env=env, rows=30)
    child.expect("Svar:")
    child.send(PASTE + "før\x01efter \x1b[31mrød" + END)

    child.expect("rød")
    drawn = ANSI.sub("", child.logfile_read.getvalue())  # what the field drew, before the stop says it
    child.send(CTRL_C)
    child.expect(pexpect.EOF)

    assert "før␁efter ␛[31mrød" in drawn
    assert "^A" not in drawn and "^[" not in drawn


def test_a_colour_code_is_escaped_alike_everywhere_in_a_markdown_report(sharing, tmp_path):
    red = "\x1b[31mrød\x1b[0m"
    sharing.answer(
        {
            D2: f"Farve {red} og [et ord i klammer]",  # a ']' in the paragraph: '[' is escaped anyway
            D3: f"Farve {red} alene",
            "tjek.beskriv-innovationen.dele.formaal": {"ikke-relevant": "ja", "begrundelse": f"Grund {red}"},
        }
    )
    target = tmp_path / "rapport.md"
    sharing.ok("rapport", "--format", "md", "--ud", str(target))

    text = target.read_text(encoding="utf-8")

    assert "Farve ␛\\[31mrød␛\\[0m og \\[et ord i klammer]" in text
    assert "Farve ␛\\[31mrød␛\\[0m alene" in text
    assert "Grund ␛\\[31mrød␛\\[0m" in text
    assert "␛[" not in text


def test_a_file_from_a_guide_edition_this_program_does_not_know_is_told(sharing, tmp_path, run_cli):
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0
    aeroe.answer({G1: "Interessant"})
    path = aeroe.export()
    path.write_text(path.read_text(encoding="utf-8").replace("guideudgave: '2023'", "guideudgave: '2031'"))

    code, out, err = sharing.import_(path)

    assert code == 0, err
    said = flat(out)
    assert "Filen er lavet efter guidens udgave «2031», som programmet her ikke kender" in said
    assert "(det bruger udgave «2023»)" in said
    assert "Interessant" in sharing.texts().values()
    code, out, _ = sharing.import_(aeroe.export())  # the edition this program has: nothing said
    assert code == 0 and "guidens udgave" not in out
