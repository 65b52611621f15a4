"""What vis, status and guide show a reader: only the answered questions, "ikke relevant", text for a pipe
without trailing spaces, and the guide's overview on one screen (run in-process)."""

from __future__ import annotations

import pytest
import yaml
from exchange_kit import flat

from spredning.core.content import default_guide_dir, load_guide

INTERESSANT = "tjek.beskriv-innovationen.genbruge.interessant"
SAMME_BEHOV = "tjek.beskriv-innovationen.genbruge.samme-behov"
BEGEJSTRER = "tjek.fortael-den-gode-historie.genbruge.begejstrer"


@pytest.fixture
def answered(run_cli, make_project, store, tmp_path):
    """A reusing side's project with one answer and two 'ikke relevant' marks (one with a reason),
    saved from an answers file as a user would."""
    store.set_active(make_project(role="genbruge"))
    answers = tmp_path / "svar.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                INTERESSANT: "Ja, meget",
                SAMME_BEHOV: {"ikke-relevant": "ja", "begrundelse": "Vi har andre behov"},
                BEGEJSTRER: {"ikke-relevant": "ja"},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    code, _, err = run_cli("fase", "tjek", "--rolle", "genbruge", "--svar", str(answers))
    assert code == 0, err
    return load_guide(default_guide_dir())


@pytest.fixture
def example(run_cli):
    """The shipped example project: both sides, every question answered, a follow-up."""
    code, _, err = run_cli("start", "--eksempel")
    assert code == 0, err


# --- vis --kun-besvarede -------------------------------------------------------------------------


def test_vis_kun_besvarede_shows_only_the_answered_questions(run_cli, answered):
    code, out, err = run_cli("vis", "--kun-besvarede", "--rolle", "genbruge")
    assert (code, err) == (0, "")
    shown = flat(out)
    tjek = answered.phases[0]
    questions = [q for tool in tjek.tools for q in tool.questions("genbruge")]
    answered_ids = {INTERESSANT, SAMME_BEHOV, BEGEJSTRER}
    for question in questions:
        assert (flat(question.text) in shown) == (question.id in answered_ids), question.id
    assert "Ja, meget" in shown
    assert f"({len(questions) - 3} spørgsmål uden svar er udeladt.)" in shown
    assert "ikke besvaret" not in shown.lower()
    everything = flat(run_cli("vis", "--rolle", "genbruge")[1])
    assert all(flat(q.text) in everything for q in questions)  # without the option, every question


def test_vis_kun_besvarede_says_when_a_phase_has_no_answers(run_cli, answered):
    code, out, err = run_cli("vis", "--kun-besvarede", "--rolle", "genbruge")
    assert (code, err) == (0, "")
    for phase in answered.phases[1:]:
        count = sum(len(tool.questions("genbruge")) for tool in phase.tools)
        heading = f"Fase {phase.number}: {phase.name}"
        section = out.split(heading, 1)[1].split("Fase ", 1)[0].strip("─ \n")
        assert flat(section) == f"(Intet er besvaret i denne fase endnu; {count} spørgsmål er udeladt.)"
    code, out, _ = run_cli("vis", "test", "--kun-besvarede")
    assert code == 0
    assert "Intet er besvaret i denne fase endnu; 17 spørgsmål er udeladt." in flat(out)


# --- "ikke relevant" in vis --------------------------------------------------------------------------


def right_column(out: str) -> str:
    """The right-hand column of a side-by-side view (the reusing side), its lines in order."""
    return "\n".join(line.split("│", 1)[1] for line in out.splitlines() if "│" in line)


@pytest.mark.parametrize("columns", [80, 140], ids=["one-side-at-a-time", "side-by-side"])
def test_vis_shows_an_answer_marked_not_relevant_as_such(run_cli, answered, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run_cli("vis", "tjek")
    assert (code, err) == (0, "")
    shown = flat(right_column(out) if columns > 110 else out)
    assert "2. Har I de samme behov? Ikke relevant: Vi har andre behov" in shown
    assert "1. Hvad begejstrer dig mest ved innovationen? Ikke relevant 2." in shown
    assert "1. Er løsningen umiddelbart interessant for jer? Hvorfor? Ja, meget" in shown
    assert "begrundelse" not in shown and "ikke-relevant" not in shown  # the file's words are not shown


# --- piped output: no spaces at the end of a line ------------------------------------------------

PIPED = [
    ("vis",),
    ("vis", "--kun-besvarede"),
    ("vis", "--rolle", "dele"),
    ("status",),
    ("guide",),
    ("guide", "--overblik"),
    ("guide", "tjek", "--ider"),
]


@pytest.mark.parametrize("columns", [60, 80, 140])
@pytest.mark.parametrize("argv", PIPED, ids=" ".join)
def test_piped_output_has_no_trailing_spaces(run_cli, example, monkeypatch, argv, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run_cli(*argv)
    assert (code, err) == (0, "")
    assert len(out.splitlines()) > 15
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


# --- the guide's overview on one screen ---------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_guide_overview_fits_a_24_row_screen_at_80_columns(run_cli, language):
    code, out, err = run_cli("--sprog", language, "guide", "--overblik")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) <= 23  # and the shell's prompt after it: 24 rows
    assert all(len(line) <= 80 for line in lines)
    guide = load_guide(default_guide_dir(), language)
    for phase in guide.phases:
        assert f"{phase.number}. {phase.name}" in out
        assert flat(phase.purpose) in flat(out)
        assert all(f"• {tool.title}" in out for tool in phase.tools)
