"""A "not relevant" reason in the interview is labelled with whose it is.

Found in a trial: on the reusing computer, answering the sharing side's questions (`fase tjek --rolle
dele`), Odense Kommune's reason for "ikke relevant" was labelled "Jeres begrundelse" (your reason),
and the review after the tool said "Dine svar" (your answers) of Odense's answers.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")

DOWN, ENTER, ESC_ENTER, CTRL_C = "\x1b[B", "\r", "\x1b\r", "\x03"
# "Gennemgå alle spørgsmål fra start"; the first answer kept; the marked one kept marked (the field left
# empty asks, and No is the default); a third answer; the review after the tool; stop.
THROUGH_THE_TOOL = DOWN + ENTER + ESC_ENTER + ESC_ENTER + ENTER + "Godt" + ESC_ENTER + CTRL_C


@pytest.fixture
def odense(tmp_path, run_cli) -> Org:
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Færre genindlæggelser"})
    org.answer({D2: {"ikke-relevant": "ja", "begrundelse": "Vi har ingen app"}})
    return org


def interview(org: Org, fase_in_terminal, monkeypatch, *argv: str) -> str:
    monkeypatch.setenv("SPREDNING_HJEM", str(org.home))
    code, out, err = fase_in_terminal(THROUGH_THE_TOOL, "tjek", *argv)
    assert code == 130, err
    return flat(out)


def test_the_other_sides_reason_and_answers_are_labelled_as_theirs_and_ours_as_ours(
    odense, tmp_path, run_cli, fase_in_terminal, monkeypatch
):
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0

    said = interview(aeroe, fase_in_terminal, monkeypatch, "--rolle", "dele")

    assert "Svarene under 'Vi vil dele' er Odense Kommunes" in said  # the warning before, as before
    assert "Odense Kommunes begrundelse: Vi har ingen app" in said
    assert "Odense Kommunes svar i Beskriv innovationen (3/3 besvaret)" in said
    assert "Jeres begrundelse" not in said and "Dine svar" not in said
    assert aeroe.texts()[D2] == "Vi har ingen app"  # still marked, with its reason

    said = interview(odense, fase_in_terminal, monkeypatch, "--rolle", "dele")  # Odense's own computer

    assert "Jeres begrundelse: Vi har ingen app" in said
    assert "Dine svar i Beskriv innovationen (3/3 besvaret)" in said
    assert "Odense Kommunes begrundelse" not in said
