"""content.py: the shipped guide loads as the guide is, and broken guide folders fail clearly."""

from __future__ import annotations

import copy
import re

import pytest

from spredning.core.content import default_guide_dir, load_guide
from spredning.core.errors import ContentError
from spredning.core.model import ROLES
from spredning.i18n import render

PHASE_IDS = ["tjek", "test", "tilpas", "fjern", "brug", "hoest"]
PHASE_NAMES = ["Tjek", "Test", "Tilpas", "Fjern", "Brug", "Høst"]
QUESTION_ID = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+){3}$")

# Damage from the PDF extraction (see shared/guide-notes.md) that must not survive in the content.
BROKEN_WORDS = [
    "med arbejdere",
    "øko no misk",
    "spred ningsfaser",
    "belønnings strukturer",
    "ressource forbrug",
    "udviklingsomkost ninger",
    "innova tion",
    "imple mentere",
]
LAYOUT_RESIDUE = ["SPREDNINGSGUIDEN", "CO-PI.DK", "VÆRKTØJER", "FASEOVERBLIK", "VI VIL", "•"]


def all_texts(guide):
    """Yield (where, text) for every text in the guide that a user can read."""
    yield "titel", guide.title
    yield "udgiver", guide.publisher
    yield "afslutning", guide.closing
    for number, paragraph in enumerate(guide.introduction, start=1):
        yield f"introduktion[{number}]", paragraph
    for phase in guide.phases:
        yield f"{phase.id}.navn", phase.name
        yield f"{phase.id}.formål", phase.purpose
        for role, goals in phase.goals.items():
            for goal in goals:
                yield f"{phase.id}.mål.{role}", goal
        for tool in phase.tools:
            yield from tool_texts(tool)


def tool_texts(tool):
    yield f"{tool.id}.titel", tool.title
    yield f"{tool.id}.introduktion", tool.introduction
    for role, side in tool.sides.items():
        for line in side.guidance:
            yield f"{tool.id}.{role}.vejledning", line
        for q in side.questions:
            yield q.id, q.text
            for hint in q.hints:
                yield f"{q.id}.hjælp", hint
            if q.group:
                yield f"{q.id}.gruppe", q.group


def find_tool(guide, phase_id, title):
    phase = guide.find_phase(phase_id)
    matches = [tool for tool in phase.tools if tool.title == title]
    assert len(matches) == 1, f"{title!r} not found once in {phase_id}"
    return matches[0]


# --- The shipped content ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide():
    return load_guide(default_guide_dir())


def test_shipped_guide_loads_from_default_folder(guide_dir):
    assert (guide_dir / "guide.yaml").is_file()
    assert load_guide(guide_dir).title == "Spredningsguiden"


def test_six_phases_in_guide_order(guide):
    assert [p.id for p in guide.phases] == PHASE_IDS
    assert [p.name for p in guide.phases] == PHASE_NAMES
    assert [p.number for p in guide.phases] == [1, 2, 3, 4, 5, 6]


def test_thirteen_tools_with_unique_ids(guide):
    tool_ids = [tool.id for phase in guide.phases for tool in phase.tools]
    assert len(tool_ids) == 13
    assert len(set(tool_ids)) == 13


def test_every_phase_has_purpose_and_goals_for_both_sides(guide):
    for phase in guide.phases:
        assert phase.purpose, phase.id
        for role in ROLES:
            assert phase.goals.get(role), f"{phase.id} has no goals for {role}"


def test_every_tool_has_questions_for_at_least_one_side(guide):
    for phase in guide.phases:
        assert phase.tools, phase.id
        for tool in phase.tools:
            assert tool.title and tool.introduction, tool.id
            assert any(tool.questions(role) for role in ROLES), tool.id


def test_question_ids_are_unique_and_name_phase_tool_side(guide):
    ids = guide.question_ids()
    assert len(ids) == len(set(ids))
    for phase in guide.phases:
        for tool in phase.tools:
            for role in ROLES:
                for q in tool.questions(role):
                    assert QUESTION_ID.match(q.id), q.id
                    phase_part, tool_part, side_part, _local = q.id.split(".")
                    assert (phase_part, side_part) == (phase.id, role), q.id
                    assert f"{phase_part}.{tool_part}" == tool.id, q.id


def test_relevance_and_timing_only_has_questions_for_the_reusing_side(guide):
    tool = find_tool(guide, "tjek", "Tjek relevans og timing")
    assert tool.questions("dele") == ()
    assert tool.side("dele") is None
    assert len(tool.questions("genbruge")) >= 2


def test_remove_obstacles_bullets_are_separate_grouped_questions(guide):
    tool = find_tool(guide, "fjern", "Fjern forhindringer")
    texts = [q.text for q in tool.questions("dele")]
    assert "Fjernet regler og procedurer – hvilke?" in texts
    assert "Aflært gamle rutiner og arbejdsgange – hvilke?" in texts
    for role in ROLES:
        grouped = [q for q in tool.questions(role) if q.group]
        assert len(grouped) >= 5, role
        assert len({q.group for q in grouped}) == 1, role
        for q in tool.questions(role):
            assert q.text.count("hvilke?") <= 1, q.id
            assert "\n" not in q.text, q.id


def test_introduction_has_the_innovation_barometer_figures(guide):
    intro = " ".join(guide.introduction)
    for figure in ("62 procent", "12 procent", "19 procent"):
        assert figure in intro


def test_closing_line(guide):
    assert guide.closing.startswith("Del jeres erfaringer med andre")


def test_texts_are_free_of_pdf_damage(guide):
    damaged = []
    for where, text in all_texts(guide):
        lowered = text.casefold()
        if not text.strip():
            damaged.append((where, "empty"))
        if "  " in text or text != text.strip():
            damaged.append((where, "stray whitespace"))
        if any(line.strip() in ("-", "–") for line in text.splitlines()):
            damaged.append((where, "lone dash"))
        damaged += [(where, w) for w in BROKEN_WORDS if w in lowered]
        damaged += [(where, r) for r in LAYOUT_RESIDUE if r in text]
    assert damaged == []


def test_damage_check_sees_every_kind_of_text(guide):
    # Guards the test above: if all_texts missed a part of the model, damage there would go unseen.
    places = {where.rsplit(".", 1)[-1] for where, _ in all_texts(guide)}
    assert {"titel", "formål", "introduktion", "vejledning", "hjælp", "gruppe"} <= places


# --- Broken content: each problem names the file and the path inside it ---------------------------


def problems_for(folder) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_guide(folder)
    return [render(p) for p in info.value.problems]


def assert_problem(problems, file, path, phrase):
    """Some problem starts with 'FILE: PATH: ' and contains the phrase."""
    prefix = f"{file}: {path}: " if path else f"{file}: "
    found = [p for p in problems if p.startswith(prefix) and phrase in p]
    assert found, f"no {prefix!r}…{phrase!r} among:\n" + "\n".join(problems)


def test_minimal_guide_fixture_is_valid(guide_files):
    guide = load_guide(guide_files.write())
    assert [p.id for p in guide.phases] == ["test"]
    assert guide.question_ids() == (
        "test.proeve-vaerktoej.dele.formaal",
        "test.proeve-vaerktoej.dele.saerligt",
        "test.proeve-vaerktoej.genbruge.passer",
    )


def test_missing_text_names_file_and_position_from_one(guide_files):
    del guide_files.question(1, "dele", 2)["tekst"]
    folder = guide_files.write()
    problems = problems_for(folder)
    assert problems == [f"{folder / 'test.yaml'}: værktøjer[1].dele.spørgsmål[2]: mangler 'tekst'"]


def _unknown_question_key(g):
    g.question()["tekts"] = "Stavefejl i nøglen"


def _unknown_phase_key(g):
    g.phases["test"]["farve"] = "blå"


def _list_where_text_belongs(g):
    g.question()["tekst"] = ["Hvad er prøvens formål?"]


def _text_where_list_belongs(g):
    g.tool()["dele"]["vejledning"] = "Fortæl om prøven."


def _duplicate_question_id(g):
    g.question(1, "dele", 2)["id"] = "formaal"


def _duplicate_tool_id(g):
    g.add_tool_copy()


def _empty_text(g):
    g.question()["tekst"] = "   "


def _empty_hint(g):
    g.question(1, "dele", 2)["hjælp"] = [""]


def _tool_without_sides(g):
    del g.tool()["dele"], g.tool()["genbruge"]


def _side_with_empty_question_list(g):
    g.tool()["dele"]["spørgsmål"] = []


def _phase_id_not_file_name(g):
    g.phases["test"]["id"] = "tjek"


def _unknown_question_type(g):
    g.question()["type"] = "skala"


def _missing_goals_for_a_side(g):
    del g.phases["test"]["mål"]["genbruge"]


def _number_not_a_number(g):
    g.phases["test"]["nummer"] = "én"


def _guide_without_phases(g):
    del g.guide["faser"]


BROKEN = {
    "unknown question key": (
        _unknown_question_key,
        "test",
        "værktøjer[1].dele.spørgsmål[1].tekts",
        "ukendt nøgle",
    ),
    "unknown phase key": (_unknown_phase_key, "test", "farve", "ukendt nøgle"),
    "list where text belongs": (
        _list_where_text_belongs,
        "test",
        "værktøjer[1].dele.spørgsmål[1].tekst",
        "skal være en tekst",
    ),
    "text where list belongs": (
        _text_where_list_belongs,
        "test",
        "værktøjer[1].dele.vejledning",
        "skal være en liste",
    ),
    "duplicate question id": (
        _duplicate_question_id,
        "test",
        "værktøjer[1].dele.spørgsmål[2].id",
        "'formaal' bruges to gange",
    ),
    "duplicate tool id": (
        _duplicate_tool_id,
        "test",
        "værktøjer[2].id",
        "'proeve-vaerktoej' bruges to gange",
    ),
    "empty text": (_empty_text, "test", "værktøjer[1].dele.spørgsmål[1].tekst", "må ikke være tom"),
    "empty hint": (_empty_hint, "test", "værktøjer[1].dele.spørgsmål[2].hjælp[1]", "må ikke være tom"),
    "tool without questions": (_tool_without_sides, "test", "værktøjer[1]", "ingen spørgsmål"),
    "side with no questions": (
        _side_with_empty_question_list,
        "test",
        "værktøjer[1].dele.spørgsmål",
        "mindst ét spørgsmål",
    ),
    "phase id not file name": (
        _phase_id_not_file_name,
        "test",
        "id",
        "'tjek' skal svare til filnavnet ('test')",
    ),
    "unknown question type": (
        _unknown_question_type,
        "test",
        "værktøjer[1].dele.spørgsmål[1].type",
        "ukendt type 'skala'",
    ),
    "missing goals": (_missing_goals_for_a_side, "test", "mål", "mangler 'genbruge'"),
    "number not a number": (_number_not_a_number, "test", "nummer", "helt tal"),
    "guide without phases": (_guide_without_phases, "guide", "", "mangler 'faser'"),
}


@pytest.mark.parametrize(("edit", "file", "path", "phrase"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_content_is_reported_with_file_and_path(guide_files, edit, file, path, phrase):
    edit(guide_files)
    folder = guide_files.write()
    assert_problem(problems_for(folder), folder / f"{file}.yaml", path, phrase)


def test_unknown_key_message_lists_the_known_keys(guide_files):
    _unknown_question_key(guide_files)
    (problem,) = problems_for(guide_files.write())
    assert "'tekst'" in problem and "'hjælp'" in problem


@pytest.mark.parametrize("bad_id", ["Formål", "a.b", "to ord", "_x", "x-", "-x", "æble"])
def test_invalid_id_characters_are_reported(guide_files, bad_id):
    guide_files.question()["id"] = bad_id
    folder = guide_files.write()
    assert_problem(
        problems_for(folder),
        folder / "test.yaml",
        "værktøjer[1].dele.spørgsmål[1].id",
        f"'{bad_id}' skal bestå af a-z, 0-9 og bindestreger",
    )


def test_invalid_tool_id_is_reported(guide_files):
    guide_files.tool()["id"] = "Prøve"
    folder = guide_files.write()
    assert_problem(problems_for(folder), folder / "test.yaml", "værktøjer[1].id", "a-z, 0-9")


def test_same_local_id_on_both_sides_is_allowed(guide_files):
    guide_files.question(1, "genbruge", 1)["id"] = "formaal"
    guide = load_guide(guide_files.write())
    assert "test.proeve-vaerktoej.genbruge.formaal" in guide.question_ids()


def test_phase_listed_but_file_missing(guide_files):
    guide_files.guide["faser"].append("mangler")
    folder = guide_files.write()
    assert_problem(problems_for(folder), folder / "mangler.yaml", "", "filen findes ikke")


def test_missing_folder_and_missing_guide_file(guide_files, tmp_path):
    assert_problem(problems_for(tmp_path / "findes-ikke"), tmp_path / "findes-ikke", "", "mappen findes ikke")
    folder = guide_files.write()
    (folder / "guide.yaml").unlink()
    assert_problem(problems_for(folder), folder / "guide.yaml", "", "filen findes ikke")


# --- Broken files: what the YAML reader refuses ----------------------------------------------------


def _rewrite(folder, text: str) -> None:
    (folder / "test.yaml").write_text(text, encoding="utf-8")


def test_broken_yaml_syntax_names_the_line(guide_files):
    folder = guide_files.write()
    _rewrite(folder, "id: test\nnavn: [Prøvefase\nnummer: 1\n")
    # the line where the '[' opens, not the next one where libyaml notices it is never closed
    assert_problem(problems_for(folder), folder / "test.yaml", "", "ikke gyldig YAML (linje 2")


def test_duplicate_yaml_key_names_key_and_line(guide_files):
    folder = guide_files.write()
    text = (folder / "test.yaml").read_text(encoding="utf-8")
    _rewrite(folder, text + "navn: Igen\n")
    line = len(text.splitlines()) + 1
    assert_problem(
        problems_for(folder), folder / "test.yaml", "", f"linje {line}: nøglen 'navn' står to gange"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("formål: Her", "formål: &f Her"),
        ("mål:\n  dele:", "mål:\n  dele: &m"),
    ],
    ids=["anchor", "anchor-and-alias"],
)
def test_anchors_and_aliases_are_rejected(guide_files, old, new):
    folder = guide_files.write()
    text = (folder / "test.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    if "&m" in text:
        text = re.sub(r"(?ms)^  genbruge:\n(  - .*?\n)+", "  genbruge: *m\n", text)
        assert "*m" in text
    _rewrite(folder, text)
    assert_problem(problems_for(folder), folder / "test.yaml", "", "(& og *) er ikke tilladt")


def test_python_tags_are_rejected(guide_files):
    folder = guide_files.write()
    text = (folder / "test.yaml").read_text(encoding="utf-8")
    _rewrite(folder, text.replace("navn: Prøvefase", "navn: !!python/object/apply:os.getcwd []"))
    assert_problem(problems_for(folder), folder / "test.yaml", "", "ulovlig YAML-type")


def test_non_utf8_file_is_rejected(guide_files):
    folder = guide_files.write()
    text = (folder / "test.yaml").read_text(encoding="utf-8")
    (folder / "test.yaml").write_bytes(text.encode("latin-1"))
    assert_problem(problems_for(folder), folder / "test.yaml", "", "ikke gemt som UTF-8")


def test_utf8_with_bom_is_accepted(guide_files):
    folder = guide_files.write()
    text = (folder / "test.yaml").read_text(encoding="utf-8")
    (folder / "test.yaml").write_bytes(text.encode("utf-8-sig"))
    assert load_guide(folder).phases[0].name == "Prøvefase"


def test_unreadable_file_is_reported_once(guide_files):
    folder = guide_files.write()
    _rewrite(folder, "id: test\nnavn: [Prøvefase\n")
    problems = problems_for(folder)
    assert len(problems) == 1, problems


# --- Every problem at once -------------------------------------------------------------------------


def test_load_guide_reports_all_problems_at_once(guide_files):
    second = copy.deepcopy(guide_files.phases["test"])
    second["id"] = "brug"
    guide_files.phases["brug"] = second
    guide_files.guide["faser"].append("brug")
    guide_files.guide["farve"] = "blå"  # guide.yaml: unknown key
    del guide_files.question(1, "dele", 2)["tekst"]  # test.yaml: missing text
    guide_files.phases["test"]["id"] = "tjek"  # test.yaml: id not file name
    second["værktøjer"][0]["genbruge"]["spørgsmål"][0]["type"] = "skala"  # brug.yaml
    folder = guide_files.write()
    with pytest.raises(ContentError) as info:
        load_guide(folder)
    problems = [render(p) for p in info.value.problems]
    assert len(problems) == 4, problems
    assert_problem(problems, folder / "guide.yaml", "farve", "ukendt nøgle")
    assert_problem(problems, folder / "test.yaml", "værktøjer[1].dele.spørgsmål[2]", "mangler")
    assert_problem(problems, folder / "test.yaml", "id", "filnavnet")
    assert_problem(problems, folder / "brug.yaml", "værktøjer[1].genbruge.spørgsmål[1].type", "ukendt type")
    assert render(info.value.message).startswith("Guidens indhold har 4 fejl")
    assert info.value.exit_code == 1
