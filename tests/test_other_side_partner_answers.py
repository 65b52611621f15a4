"""Answering the other side's questions, the partner's answers shown are the counterpart's.

Reported from a trial: the sharing computer answering the reusing side's questions at a workshop
(`fase tjek --rolle genbruge --partner X`), or the reusing computer answering the sharing side's
(`--rolle dele`), was said to show this computer's own organisation's answers as "the partner's".
The panel and Ctrl+P show the answers of the side facing the one being answered: answering Ærø's
questions, Odense's; answering Odense's, Ærø's; never the answers being given in the field.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")

DOWN, ENTER, CTRL_P, CTRL_C = "\x1b[B", "\r", "\x10", "\x03"
THE_FIRST_QUESTION = DOWN + ENTER + CTRL_P + CTRL_C  # "Gennemgå alle spørgsmål fra start", Ctrl+P, stop


@pytest.fixture
def both(tmp_path, run_cli) -> tuple[Org, Org]:
    """Odense (sharing) and Ærø (reusing), each with the other's answer to the first tool."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Odenses formål"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.answer({G1: "Ærøs interesse"})
    assert odense.import_(aeroe.export())[0] == 0
    return odense, aeroe


def interview(org: Org, fase_in_terminal, monkeypatch, *argv: str) -> str:
    monkeypatch.setenv("SPREDNING_HJEM", str(org.home))
    code, out, err = fase_in_terminal(THE_FIRST_QUESTION, "tjek", *argv)
    assert code == 130, err
    return flat(out)


def test_the_sharing_computer_answering_the_reusers_questions_sees_the_sharing_sides_answers(
    both, fase_in_terminal, monkeypatch
):
    odense, _ = both

    said = interview(odense, fase_in_terminal, monkeypatch, "--rolle", "genbruge", "--partner", "Ærø Kommune")

    assert "Svarene under 'Vi vil genbruge' er Ærø Kommunes" in said  # whose answers are being given
    # the panel at the tool, then Ctrl+P in the field: the answers facing Ærø's, Odense's
    assert said.count("Odense Kommune har svaret på 1 spørgsmål i dette værktøj:") == 2, said
    assert said.count("Odenses formål") == 2
    assert "Ærø Kommune har svaret på" not in said and "Ærøs interesse" not in said


def test_the_reusing_computer_answering_the_sharers_questions_sees_the_reusing_sides_answers(
    both, fase_in_terminal, monkeypatch
):
    _, aeroe = both

    said = interview(aeroe, fase_in_terminal, monkeypatch, "--rolle", "dele")

    assert "Svarene under 'Vi vil dele' er Odense Kommunes" in said
    assert said.count("Ærø Kommune har svaret på 1 spørgsmål i dette værktøj:") == 2, said
    assert said.count("Ærøs interesse") == 2
    assert "Odense Kommune har svaret på" not in said and "Odenses formål" not in said


def test_with_nothing_from_the_counterpart_ctrl_p_names_the_counterpart(
    tmp_path, run_cli, fase_in_terminal, monkeypatch
):
    """Ærø's answer only: the sharing computer answering Ærø's questions has nothing of Odense's to show."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.answer({G1: "Ærøs interesse"})
    assert odense.import_(aeroe.export())[0] == 0

    said = interview(odense, fase_in_terminal, monkeypatch, "--rolle", "genbruge", "--partner", "Ærø Kommune")

    assert "Odense Kommune har ikke svaret på spørgsmålene i dette værktøj endnu." in said
    assert "Ærø Kommune har ikke svaret" not in said and "har svaret på" not in said
