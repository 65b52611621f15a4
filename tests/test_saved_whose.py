"""Whose answers a stopped phase says were saved: the other side's, when this computer answered theirs.

Reported (release notes): the sharing side answering a reusing partner's questions on its own
computer (a joint meeting), stopped, was told "Dine svar er gemt" (your answers are saved) of Ærø
Kommune's answers. Now it names whose answers they are; on one's own side it says "Dine svar", as
before. Keys typed into the real prompts.
"""

from __future__ import annotations

import pytest
from exchange_kit import Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")

DOWN, ENTER, ESC_ENTER, CTRL_C = "\x1b[B", "\r", "\x1b\r", "\x03"
ANSWER_THEN_STOP = "Et svar" + ESC_ENTER + CTRL_C  # the first question answered, then Ctrl+C


@pytest.fixture
def odense(tmp_path, run_cli, monkeypatch) -> Org:
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    monkeypatch.setenv("SPREDNING_HJEM", str(org.home))
    return org


def test_a_stop_in_the_partners_questions_says_their_answers_are_saved(odense, fase_in_terminal):
    code, out, err = fase_in_terminal(ANSWER_THEN_STOP, "tjek", "--rolle", "genbruge")

    said = flat(out + err)
    assert code == 130, said
    assert "Stoppet. Ærø Kommunes svar er gemt: 1 af " in said
    assert "Dine svar er gemt" not in said


def test_stop_chosen_in_the_partners_questions_says_their_answers_are_saved(odense, fase_in_terminal):
    code, out, err = fase_in_terminal("Et svar" + ESC_ENTER + ESC_ENTER + DOWN * 2 + ENTER, "tjek",
                                      "--rolle", "genbruge")  # fmt: skip  # "Stop her" at the review

    said = flat(out + err)
    assert code == 0, said
    assert "Stoppet. Ærø Kommunes svar er gemt: 1 af " in said and "er besvaret." in said
    assert "Dine svar er gemt" not in said


def test_on_ones_own_side_it_says_your_answers_as_before(odense, fase_in_terminal):
    code, out, err = fase_in_terminal(ANSWER_THEN_STOP, "tjek", "--rolle", "dele")

    assert code == 130, out + err
    assert "Stoppet. Dine svar er gemt: 1 af " in flat(out + err)


def test_in_english(odense, fase_in_terminal):
    code, out, err = fase_in_terminal(ANSWER_THEN_STOP, "--sprog", "en", "tjek", "--rolle", "genbruge")

    said = flat(out + err)
    assert code == 130, said
    assert "Stopped. Ærø Kommune's answers are saved: 1 of " in said
