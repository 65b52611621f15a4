"""A draft kept beside a saved answer or a "not relevant" mark is said under it in `vis` and in the
tool's review, as an open question's draft is.

Found in stop 42's trial: text added to a saved answer and left with Ctrl+C (kept as a draft), and
an answer draft left beside a "not relevant" mark, were shown by `status` but not by `vis`, which
showed only the saved text: a user checking "is what I typed saved?" was told nothing of the draft.
"""

from __future__ import annotations

import pytest
from exchange_kit import flat
from projectkit import new_project, session

from spredning.core.model import Answer

Q1 = "tjek.beskriv-innovationen.dele.formaal"
Q2 = "tjek.beskriv-innovationen.dele.loesningen"
Q3 = "tjek.beskriv-innovationen.dele.processen"
BESIDE = "(der er også en kladde på denne computer, som ikke er gemt som svar)"


@pytest.fixture
def drafted(ws):
    """Q1 answered with a draft beside it, Q2 marked not relevant with a draft beside it, Q3 open."""
    slug = new_project(
        ws, role="dele", answers={Q1: "Det gemte formål", Q2: Answer(text="Ikke for os", not_relevant=True)}
    )
    here = session(ws, slug, role="dele")
    questions = {q.id: q for q in ws.guide.questions()}
    here.keep_draft(questions[Q1], "Det gemte formål ÆNDRET")
    here.keep_draft(questions[Q2], "Alligevel et svar")
    return slug


@pytest.mark.parametrize("columns", ["80", "160"])  # one side under the other, and side by side
def test_vis_says_the_draft_under_a_saved_answer_and_a_mark(drafted, run_cli, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    args = ("vis", "tjek") if columns == "160" else ("vis", "tjek", "--rolle", "dele")

    code, out, err = run_cli(*args)

    assert code == 0, err
    shown = flat("\n".join(line.split("│")[0] for line in out.splitlines()))  # the sharing side's column
    assert f"Det gemte formål {BESIDE}" in shown
    assert f"Ikke relevant: Ikke for os {BESIDE}".casefold() in shown.casefold()
    assert shown.count(BESIDE) == 2  # none under the open question, nor the other side's
    assert "Det gemte formål ÆNDRET" not in shown  # the draft is not shown as the answer


def test_without_drafts_vis_says_nothing_of_them(ws, run_cli):
    new_project(ws, role="dele", answers={Q1: "Det gemte formål"})

    code, out, err = run_cli("vis", "tjek", "--rolle", "dele")

    assert code == 0, err
    assert "kladde" not in out
