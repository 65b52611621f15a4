"""The guide's editions: the English one asks exactly the Danish questions, and valider checks it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
    with pytest.raises(ContentError) as info:  # the English one is checked against it (not read alone)
        load_guide(copy, "en")
    assert info.value.hint == ("content.edition.hint", {"folder": str(copy / "en")})
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


# --- the English edition of a guide folder: its Danish guide is read and checked too -------------
# (a trial: a custom guide showed other questions and progress in English than in Danish, without a word)


def start_example(run_cli, folder) -> Path:
    """The example project, made through the Danish edition of the guide in `folder`; its file."""
    code, _, err = run_cli("--guide", str(folder), "start", "--eksempel")
    assert (code, err) == (0, "")
    (path,) = Path(os.environ["SPREDNING_HJEM"]).glob("*.yaml")
    return path


def add_local_question(folder) -> None:
    """A question added to the Danish tjek.yaml only, as an organisation adds its own."""
    path = folder / "tjek.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first_questions(data).insert(1, {"id": "ekstra-lokal", "tekst": "Et ekstra lokalt spørgsmål?"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_an_english_edition_behind_its_danish_guide_is_refused_and_the_answer_kept(run_cli, copy, tmp_path):
    add_local_question(copy)
    project = start_example(run_cli, copy)
    answers = tmp_path / "svar.yaml"
    answers.write_text("tjek.beskriv-innovationen.dele.ekstra-lokal: Vores eget svar\n", encoding="utf-8")
    code, _, err = run_cli("--guide", str(copy), "fase", "tjek", "--rolle", "dele", "--svar", str(answers))
    assert code == 0, err
    code, out, _ = run_cli("--guide", str(copy), "status")
    assert (code, "21/21" in out) == (0, True)  # the Danish edition: the local question answered too
    saved = project.read_bytes()
    for command in (("status",), ("vis", "tjek"), ("fase", "tjek", "--svar", str(answers))):
        code, out, err = run_cli("--sprog", "en", "--guide", str(copy), *command)
        assert (code, out) == (1, ""), command  # not 20/20 and another set of questions
        said = squash(err)
        assert squash("The guide's content has 1 error") in said
        problem = "værktøjer[1].dele: lacks 'tjek.beskriv-innovationen.dele.ekstra-lokal'"
        assert squash(f"{copy / 'en' / 'tjek.yaml'}: {problem}, which the Danish edition has") in said
        assert squash(f"Run 'spredning --sprog en --guide {copy} valider' to see every difference") in said
        assert squash("or remove its folder to show the guide's text in Danish.") in said
        assert "Traceback" not in err
    assert project.read_bytes() == saved  # the answer the English edition does not know is kept
    assert "Vores eget svar" in project.read_text(encoding="utf-8")


def test_a_translation_behind_blames_the_translation_only(run_cli, copy):
    add_local_question(copy)
    code, _, err = run_cli("--guide", str(copy), "--sprog", "da", "guide")
    assert (code, err) == (0, "")  # the Danish edition is the guide itself, and in order
    with pytest.raises(ContentError) as info:
        load_guide(copy, "en")
    assert [p.params["file"] for p in info.value.problems] == [str(copy / "en" / "tjek.yaml")]


@pytest.mark.parametrize("command", [("status",), ("guide", "tjek"), ("fase", "tjek", "--svar", "SVAR")])
def test_the_english_edition_refuses_a_broken_danish_guide_as_the_danish_does(
    run_cli, copy, tmp_path, command
):
    project = start_example(run_cli, copy)
    answers = tmp_path / "svar.yaml"
    answers.write_text("tjek.beskriv-innovationen.dele.formaal: Et nyt formål\n", encoding="utf-8")
    command = tuple(str(answers) if word == "SVAR" else word for word in command)
    base = copy / "tjek.yaml"
    base.write_bytes(base.read_bytes()[:300])  # cut off: the Danish guide is broken, en/ is whole
    saved = project.read_bytes()
    danish = run_cli("--guide", str(copy), *command)
    english = run_cli("--sprog", "en", "--guide", str(copy), *command)
    for code, out, err in (danish, english):
        assert (code, out) == (1, "")
        assert "Traceback" not in err
    assert "Guidens indhold har 17 fejl" in danish[2]
    assert "The guide's content has 17 errors" in english[2]
    assert squash(f"{base}: 'værktøjer' is missing") in squash(english[2])
    again = f"Correct the files, and run 'spredning --sprog en --guide {copy} valider' again."
    assert squash(again) in squash(english[2])
    assert project.read_bytes() == saved  # nothing saved


def test_a_broken_translation_with_a_sound_danish_guide_says_to_correct_or_remove_it(run_cli, copy):
    (copy / "en" / "test.yaml").write_text("id: test\n", encoding="utf-8")
    code, out, err = run_cli("--sprog", "en", "--guide", str(copy), "guide")
    assert (code, out) == (1, "")
    assert squash(f"{copy / 'en' / 'test.yaml'}: 'navn' is missing") in squash(err)
    assert squash(f"The translation in {copy / 'en'} must ask exactly the same questions") in squash(err)


def test_a_guide_without_an_english_translation_is_shown_in_danish_with_a_notice(run_cli, copy):
    shutil.rmtree(copy / "en")
    start_example(run_cli, copy)
    code, out, err = run_cli("--sprog", "en", "--guide", str(copy), "guide", "tjek")
    assert code == 0
    assert "Phase 1: Tjek" in out and "Hvad er formålet?" in out  # English program, Danish guide text
    notice = (
        f"The guide in {copy} has no English translation (no folder 'en/'), so its text is shown in Danish."
    )
    assert squash(err) == squash(notice)
    code, out, err = run_cli("--sprog", "en", "--guide", str(copy), "status")
    assert code == 0
    assert "20/20" in out  # the same questions as in Danish
    assert squash(notice) in squash(err)
    code, _, err = run_cli("--guide", str(copy), "guide", "tjek")
    assert (code, err) == (0, "")  # the Danish edition needs no notice


def test_the_shipped_english_edition_is_the_translation_without_a_notice(run_cli):
    code, out, err = run_cli("--sprog", "en", "guide", "tjek")
    assert (code, err) == (0, "")
    assert "What is the purpose?" in out


def test_a_copy_of_the_shipped_guide_loads_in_english_after_its_checks(copy):
    from spredning.core import index
    from spredning.core.model import layout

    english, danish = load_guide(copy, "en"), load_guide(copy)
    assert english.language == "en"
    assert shape_of(english) == shape_of(danish)
    # the project index (a cache keyed by the guide's question ids) is the same in both editions
    assert index.fingerprint(layout(english)) == index.fingerprint(layout(danish))


def shape_of(guide) -> list[str]:
    return [q.id for q in guide.questions()]
