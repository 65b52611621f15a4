"""A worksheet end to end through the installed command: made, filled in, and settled in a terminal."""

from __future__ import annotations

import io
import os

import pytest
from exchange_kit import D1, D2, G1, Org, flat, start_sharing
from worksheet_kit import Sheet, bullet

pytestmark = pytest.mark.e2e


@pytest.fixture
def sharing(tmp_path) -> Org:
    return start_sharing(
        Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser", D2: "Træning hjemme"}
    )


def test_a_worksheet_goes_out_and_comes_back_through_the_installed_command(sharing, tmp_path):
    out = flat(sharing.ok("arbejdsark", "--fase", "tjek", "--rolle", "genbruge"))
    name = "genoptraening-aeroe-arbejdsark-tjek-genbruge.docx"
    path = tmp_path / name
    assert f"Arbejdsark skrevet: {path}" in out and f"spredning importer {name}" in out
    Sheet.read(path).fill(1, "Ja:", bullet("det er billigt"), bullet("det virker")).save(path)
    code, out, err = sharing.import_(path)
    assert code == 0, err
    assert "Arbejdsark udfyldt af Ærø Kommune" in flat(out) and "1 tilføjet" in flat(out)
    assert sharing.texts()[G1] == "Ja:\n- det er billigt\n- det virker"
    status = flat(sharing.ok("status"))
    assert "Ærø Kommune" in status


def test_a_conflict_from_a_worksheet_is_settled_in_the_terminal_like_any_other(sharing, tmp_path):
    import pexpect
    from terminal import ANSI, COMMAND, DOWN, ENTER, TIMEOUT

    path = tmp_path / "ark.docx"
    sharing.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    sharing.answer({D2: "Odense retter"})
    Sheet.read(path).fill(2, "Ærø retter").type_after(2, "Ring til os").save(path)
    environment = {
        "PATH": f"{COMMAND.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm",
        "SPREDNING_HJEM": str(sharing.home),
        "SPREDNING_SPROG": "da",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    child = pexpect.spawn(
        str(COMMAND), ["importer", str(path)], env=environment, encoding="utf-8", dimensions=(40, 100),
        timeout=TIMEOUT, cwd=str(tmp_path),
    )  # fmt: skip
    child.logfile_read = io.StringIO()
    child.expect_exact("Konflikt 1 af 1: Tjek · Beskriv innovationen · Vi vil dele")
    child.expect_exact("Afgør senere")
    child.send(DOWN + ENTER)  # Ærø Kommunes udgave
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    shown = flat(ANSI.sub("", child.logfile_read.getvalue()))
    assert child.exitstatus == 0, shown
    assert "»Ring til os«" in shown
    assert sharing.texts()[D2] == "Ærø retter" and sharing.others() == {}
