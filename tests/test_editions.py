"""The guide's editions: the English one asks exactly the Danish questions, and valider checks it."""

from __future__ import annotations

import shutil

import pytest
import yaml

from spredning.core.content import default_guide_dir, load_guide
from spredning.core.editions import load_editions
from spredning.core.errors import ContentError
from spredning.core.model import ROLES


def squash(text: str) -> str:
    """Text without any whitespace, so texts wrapped at 80 columns still match."""
    return "".join(text.split())


def shape(language: str) -> list[tuple[str, ...]]:
    """Every phase, tool and question id in guide order, each question with its help-point count."""
    guide = load_guide(default_guide_dir(), language)
    rows: list[tuple[str, ...]] = []
    for phase in guide.phases:
        rows.append(("fase", phase.id))
        for tool in phase.tools:
            rows.append(("værktøj", tool.id))
            for role in ROLES:
                rows += [("spørgsmål", q.id, str(len(q.hints))) for q in tool.questions(role)]
    return rows


def test_the_english_edition_has_the_danish_ids_in_the_same_order_and_the_same_help_points():
    assert load_guide(default_guide_dir(), "en").language == "en"  # the translation, not a fallback
    danish, english = shape("da"), shape("en")
    assert len(danish) > 100  # 6 phases, 13 tools, 85 questions
    assert english == danish


def test_valider_checks_the_shipped_english_edition_too(run_cli):
    code, out, err = run_cli("valider")
    assert (code, err) == (0, "")
    assert (
        "Oversættelsen (en) stiller de samme spørgsmål med de samme id'er som den danske udgave."
        in " ".join(out.split())
    )


# --- a translation that differs is refused, naming its file and the place in it ----------------


@pytest.fixture
def copy(tmp_path):
    """A copy of the shipped guide folder, Danish and English."""
    folder = tmp_path / "guide"
    shutil.copytree(default_guide_dir(), folder)
    return folder


def edit(folder, name, change) -> None:
    """Change one English content file as data."""
    path = folder / "en" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def first_questions(data):
    return data["værktøjer"][0]["dele"]["spørgsmål"]


def swap_tools(data):
    tools = data["værktøjer"]
    tools[0], tools[1] = tools[1], tools[0]


def rename_question(data):
    first_questions(data)[2]["id"] = "proces"  # a question in no pair of dialog.yaml


def add_help_point(data):
    first_questions(data)[0]["hjælp"].append("One more thing to consider")


def drop_per_partner(data):
    del first_questions(data)[0]["pr-genbruger"]


def regroup(data):
    first_questions(data)[2]["gruppe"] = "Another group"


def swap_phases(data):
    data["faser"][0], data["faser"][1] = data["faser"][1], data["faser"][0]


def drop_a_pair(data):
    data["par"].pop()


CASES = {
    "tools-in-another-order": (
        "tjek.yaml",
        swap_tools,
        "værktøjer: skal have samme rækkefølge som den danske udgave: 'tjek.beskriv-innovationen', "
        "'tjek.fortael-den-gode-historie'",
    ),
    "a-question-renamed": (
        "tjek.yaml",
        rename_question,
        "værktøjer[1].dele: mangler 'tjek.beskriv-innovationen.dele.processen', som den danske udgave har",
    ),
    "one-help-point-more": (
        "tjek.yaml",
        add_help_point,
        "værktøjer[1].dele.spørgsmål[1].hjælp: har 3 hjælpepunkter, men den danske udgave har 2",
    ),
    "per-partner-left-out": (
        "brug.yaml",
        drop_per_partner,
        "værktøjer[1].dele.spørgsmål[1].pr-genbruger: skal være 'ja' som i den danske udgave",
    ),
    "grouped-otherwise": (
        "fjern.yaml",
        regroup,
        "værktøjer[1].dele.spørgsmål[3].gruppe: skal samle de samme spørgsmål i grupper som den danske "
        "udgave",
    ),
    "phases-in-another-order": (
        "guide.yaml",
        swap_phases,
        "faser: skal have samme rækkefølge som den danske udgave: 'tjek', 'test', 'tilpas'",
    ),
    "a-pair-left-out": ("dialog.yaml", drop_a_pair, "par: skal være den samme som i den danske udgave"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_valider_refuses_an_english_edition_that_differs(run_cli, copy, case):
    name, change, problem = case
    edit(copy, name, change)
    load_guide(copy)  # the Danish edition alone is still in order
    load_guide(copy, "en")  # ... and so is the English one, read on its own
    code, out, err = run_cli("valider", str(copy))
    assert (code, out) == (1, "")
    assert "Guidens indhold har" in err
    assert squash(f"{copy / 'en' / name}: {problem}") in squash(err)
    assert "Traceback" not in err


def test_a_renamed_question_is_named_on_both_sides(copy):
    edit(copy, "tjek.yaml", rename_question)
    with pytest.raises(ContentError) as info:
        load_editions(copy)
    problems = [problem.params["problem"] for problem in info.value.problems]
    assert [(p.key, p.params["ids"]) for p in problems] == [
        ("content.edition.missing", ["'tjek.beskriv-innovationen.dele.processen'"]),
        ("content.edition.extra", ["'tjek.beskriv-innovationen.dele.proces'"]),
    ]


def test_valider_lists_the_problems_of_both_editions_at_once(run_cli, copy):
    for file in (copy / "tjek.yaml", copy / "en" / "test.yaml"):
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace("navn:", "farve: blå\nnavn:", 1), encoding="utf-8")
    code, out, err = run_cli("valider", str(copy))
    assert (code, out) == (1, "")
    assert "Guidens indhold har 2 fejl" in err
    for file in (copy / "tjek.yaml", copy / "en" / "test.yaml"):
        assert squash(f"{file}: farve: ukendt nøgle") in squash(err)


def test_a_guide_without_a_translation_is_checked_alone(run_cli, guide_files):
    folder = guide_files.write()
    assert list(load_editions(folder)) == ["da"]
    code, out, err = run_cli("valider", str(folder))
    assert (code, err) == (0, "")
    assert "Guiden er i orden" in out
    assert "Oversættelse" not in out
