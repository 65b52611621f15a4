"""store.py: slugs, project files on disk, saving answers under the lock, the active project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from spredning.core import store as store_module
from spredning.core.errors import ProjectFileError, SpredningError, UsageProblem
from spredning.core.model import Project
from spredning.core.store import Store, home_dir, slugify

INTERESSANT = "tjek.beskriv-innovationen.genbruge.interessant"
SAMME_BEHOV = "tjek.beskriv-innovationen.genbruge.samme-behov"
BEGEJSTRER = "tjek.fortael-den-gode-historie.genbruge.begejstrer"
GODKENDE = "tjek.afstem-forventninger.genbruge.godkende"
FROM_NEWER_GUIDE = "fremtid.nyt-vaerktoej.genbruge.nyt-spoergsmaal"


def saved(store: Store, slug: str) -> dict:
    """The project file as plain YAML (any YAML reader must be able to read it)."""
    return yaml.safe_load(store.path_for(slug).read_text(encoding="utf-8"))


def leftovers(folder: Path) -> list[str]:
    """Files in the folder that are neither projects, the active marker nor lock files."""
    return sorted(
        p.name
        for p in folder.iterdir()
        if not (p.suffix == ".yaml" or p.name == store_module.ACTIVE_FILE or p.name.endswith(".lock"))
    )


# --- slugify and path_for ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ærø Kommune", "aeroe-kommune"),
        ("Ålborg Øst", "aalborg-oest"),
        ("ÆØÅ æøå", "aeoeaa-aeoeaa"),
        ("Café Müller à Nîmes", "cafe-muller-a-nimes"),
        ("Genoptræning, Ærø (2024)!", "genoptraening-aeroe-2024"),
        ("  mange   mellemrum  ", "mange-mellemrum"),
        ("../../etc", "etc"),
        ("a/b\\c", "a-b-c"),
        ("!!!", ""),
        ("", ""),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_slugify_keeps_slugs_short_without_a_trailing_dash():
    slug = slugify("ord " * 40)
    assert len(slug) <= store_module.MAX_SLUG
    assert not slug.endswith("-")


@pytest.mark.parametrize(
    "bad", ["", "../etc", "a/b", "Aeroe", "-a", "a-", "a--b", "æø", "a.yaml", ".aktivt-projekt"]
)
def test_path_for_rejects_slugs_that_could_leave_the_folder(store, bad):
    with pytest.raises(UsageProblem) as caught:
        store.path_for(bad)
    assert "ikke et gyldigt projektnavn" in caught.value.message


def test_path_for_a_good_slug_is_inside_the_folder(store):
    assert store.path_for("aeroe-kommune") == store.home / "aeroe-kommune.yaml"


# --- create and load ---------------------------------------------------------------------------


def test_create_and_load_round_trip(store, guide):
    answers = {GODKENDE: "Direktionen", INTERESSANT: "Ja, meget", FROM_NEWER_GUIDE: "Ukendt"}
    project = Project(
        slug="aeroe-kommune",
        name="Ærø Kommune",
        description="Digital genoptræning",
        sharing_org="Odense Kommune",
        reusing_orgs=("Ærø Kommune", "Faaborg"),
        role="genbruge",
        guide_edition=guide.edition,
        answers=answers,
    )

    path = store.create(project, guide.question_ids())

    assert path == store.home / "aeroe-kommune.yaml"
    loaded = store.load("aeroe-kommune")
    assert loaded == project
    assert list(saved(store, "aeroe-kommune")["svar"]) == [INTERESSANT, GODKENDE, FROM_NEWER_GUIDE]
    assert list(loaded.answers) == [INTERESSANT, GODKENDE, FROM_NEWER_GUIDE]


def test_created_file_has_format_and_only_the_facts_given(store, make_project):
    slug = make_project(role=None)

    data = saved(store, slug)

    assert data["format"] == 1
    assert "format: 1\n" in store.path_for(slug).read_text(encoding="utf-8")
    assert data["projekt"] == {
        "navn": "Ærø Kommune",
        "beskrivelse": "Digital genoptræning",
        "deler": "Odense Kommune",
        "genbrugere": ["Ærø Kommune"],
    }
    assert not data.get("svar")  # only the two side headings, no answers


def test_creating_an_existing_project_fails_and_leaves_the_file(store, make_project):
    slug = make_project(answers={INTERESSANT: "Ja"})
    before = store.path_for(slug).read_bytes()

    with pytest.raises(SpredningError) as caught:
        make_project(answers={})

    assert "findes allerede et projekt" in caught.value.message
    assert "aeroe-kommune" in caught.value.message
    assert "spredning projekt brug aeroe-kommune" in caught.value.hint
    assert store.path_for(slug).read_bytes() == before


def test_slugs_lists_only_project_files(store, make_project):
    make_project("Ærø Kommune")
    make_project("Ålborg Øst")
    (store.home / "noter.txt").write_text("ikke et projekt", encoding="utf-8")
    (store.home / "Ikke Et Slug.yaml").write_text("format: 1", encoding="utf-8")

    assert store.slugs() == ["aalborg-oest", "aeroe-kommune"]


def test_slugs_of_a_missing_folder_is_empty(tmp_path):
    assert Store(tmp_path / "findes-ikke").slugs() == []


def test_find_accepts_name_or_slug_and_names_known_projects(store, make_project):
    make_project("Ærø Kommune")

    assert store.find("Ærø Kommune") == "aeroe-kommune"
    assert store.find("aeroe-kommune") == "aeroe-kommune"
    with pytest.raises(SpredningError) as caught:
        store.find("Samsø")
    assert "findes ikke" in caught.value.message
    assert "aeroe-kommune" in caught.value.hint


def test_loading_a_missing_project_is_a_danish_error(store):
    with pytest.raises(SpredningError, match="findes ikke"):
        store.load("ingen-her")


# --- save_answers --------------------------------------------------------------------------------


def test_save_answers_writes_the_changed_answers_in_guide_order(store, guide, make_project):
    slug = make_project(answers={GODKENDE: "Direktionen"})

    conflicts = store.save_answers(slug, {INTERESSANT: "Ja"}, {INTERESSANT: None}, guide.question_ids())

    assert conflicts == []
    assert list(saved(store, slug)["svar"].items()) == [(INTERESSANT, "Ja"), (GODKENDE, "Direktionen")]


def test_save_answers_leaves_answers_it_was_not_given(store, guide, make_project):
    slug = make_project(answers={INTERESSANT: "Ja", SAMME_BEHOV: "Nej"})

    store.save_answers(slug, {SAMME_BEHOV: "Delvist"}, {SAMME_BEHOV: "Nej"}, guide.question_ids())

    assert saved(store, slug)["svar"] == {INTERESSANT: "Ja", SAMME_BEHOV: "Delvist"}


def test_save_without_a_change_does_not_rewrite_the_file(store, guide, make_project):
    slug = make_project(answers={INTERESSANT: "Ja"})
    path = store.path_for(slug)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    inode = path.stat().st_ino

    conflicts = store.save_answers(slug, {INTERESSANT: "Ja"}, {INTERESSANT: "Ja"}, guide.question_ids())

    assert conflicts == []
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert path.stat().st_ino == inode


def test_save_rereads_the_file_so_another_writers_answer_survives(tmp_path, guide, make_project):
    home = tmp_path / "hjem"
    slug = make_project()
    mine, theirs = Store(home), Store(home)
    shown = mine.load(slug)

    theirs.save_answers(slug, {SAMME_BEHOV: "Deres svar"}, {SAMME_BEHOV: None}, guide.question_ids())
    conflicts = mine.save_answers(
        slug, {INTERESSANT: "Mit svar"}, {INTERESSANT: shown.answer(INTERESSANT)}, guide.question_ids()
    )

    assert conflicts == []
    assert saved(mine, slug)["svar"] == {INTERESSANT: "Mit svar", SAMME_BEHOV: "Deres svar"}


def test_save_returns_a_conflict_when_the_answer_changed_on_disk(tmp_path, guide, make_project):
    home = tmp_path / "hjem"
    slug = make_project(answers={INTERESSANT: "Første udgave"})
    mine, theirs = Store(home), Store(home)
    shown = mine.load(slug).answer(INTERESSANT)

    theirs.save_answers(slug, {INTERESSANT: "Deres udgave"}, {INTERESSANT: shown}, guide.question_ids())
    conflicts = mine.save_answers(
        slug,
        {INTERESSANT: "Min udgave", SAMME_BEHOV: "Ja"},
        {INTERESSANT: shown, SAMME_BEHOV: None},
        guide.question_ids(),
    )

    assert conflicts == [store_module.SaveConflict(INTERESSANT, "Deres udgave")]
    assert saved(mine, slug)["svar"] == {INTERESSANT: "Deres udgave", SAMME_BEHOV: "Ja"}


def test_a_conflict_also_when_the_answer_was_removed_on_disk(tmp_path, guide, make_project):
    home = tmp_path / "hjem"
    slug = make_project(answers={INTERESSANT: "Første udgave"})
    Store(home).save_answers(slug, {INTERESSANT: None}, {INTERESSANT: "Første udgave"}, guide.question_ids())

    conflicts = Store(home).save_answers(
        slug, {INTERESSANT: "Min udgave"}, {INTERESSANT: "Første udgave"}, guide.question_ids()
    )

    assert conflicts == [store_module.SaveConflict(INTERESSANT, None)]
    assert INTERESSANT not in (saved(Store(home), slug).get("svar") or {})


def test_no_conflict_when_disk_already_holds_the_same_new_answer(store, guide, make_project):
    slug = make_project(answers={INTERESSANT: "Samme"})

    conflicts = store.save_answers(slug, {INTERESSANT: "Samme"}, {INTERESSANT: None}, guide.question_ids())

    assert conflicts == []


def test_none_removes_an_answer(store, guide, make_project):
    slug = make_project(answers={INTERESSANT: "Ja", SAMME_BEHOV: "Nej"})

    store.save_answers(slug, {INTERESSANT: None}, {INTERESSANT: "Ja"}, guide.question_ids())

    assert saved(store, slug)["svar"] == {SAMME_BEHOV: "Nej"}
    assert store.load(slug).answer(INTERESSANT) is None


def test_answers_of_a_newer_guide_are_kept_on_save(store, guide, make_project):
    slug = make_project(answers={FROM_NEWER_GUIDE: "Fra en nyere guide", GODKENDE: "Direktionen"})

    store.save_answers(slug, {INTERESSANT: "Ja"}, {INTERESSANT: None}, guide.question_ids())

    assert list(saved(store, slug)["svar"].items()) == [
        (INTERESSANT, "Ja"),
        (GODKENDE, "Direktionen"),
        (FROM_NEWER_GUIDE, "Fra en nyere guide"),
    ]


def test_file_is_readable_yaml_with_literal_blocks_and_danish_letters(store, guide, make_project):
    slug = make_project()
    answer = "Første linje om Ærø\nAnden linje: æøå ÆØÅ\n\n- punkt"

    store.save_answers(slug, {INTERESSANT: answer}, {INTERESSANT: None}, guide.question_ids())

    text = store.path_for(slug).read_text(encoding="utf-8")
    assert f"  {INTERESSANT}: |-\n    Første linje om Ærø\n    Anden linje: æøå ÆØÅ\n" in text
    assert "navn: Ærø Kommune" in text
    assert "\\x" not in text and "\\u" not in text
    assert "format: 1\n" in text
    assert saved(store, slug)["svar"][INTERESSANT] == answer
    assert store.load(slug).answer(INTERESSANT) == answer


@pytest.mark.parametrize(
    "tricky",
    [
        "no",
        "12:30",
        "0123",
        "null",
        "~",
        "- a",
        "a: b",
        "# x",
        "'quoted'",
        "[bold]x[/] :warning:",
        "   indrykket\nlinje",
    ],
)
def test_answers_that_look_like_yaml_come_back_as_typed(store, guide, make_project, tricky):
    slug = make_project()

    store.save_answers(slug, {INTERESSANT: tricky}, {INTERESSANT: None}, guide.question_ids())

    assert store.load(slug).answer(INTERESSANT) == tricky


def test_no_temp_files_are_left_after_saves(store, guide, make_project):
    slug = make_project()
    store.set_active(slug)
    for number in range(5):
        store.save_answers(
            slug,
            {INTERESSANT: f"Svar {number}"},
            {INTERESSANT: None} if number == 0 else {INTERESSANT: f"Svar {number - 1}"},
            guide.question_ids(),
        )

    assert leftovers(store.home) == []
    assert store.load(slug).answer(INTERESSANT) == "Svar 4"


def test_a_held_lock_gives_a_danish_error_and_saves_nothing(store, guide, make_project, monkeypatch):
    import filelock

    slug = make_project()
    before = store.path_for(slug).read_bytes()
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    other = filelock.FileLock(str(store.home / f".{slug}.yaml.lock"))
    other.acquire()
    try:
        with pytest.raises(SpredningError) as caught:
            Store(store.home).save_answers(
                slug, {INTERESSANT: "Ja"}, {INTERESSANT: None}, guide.question_ids()
            )
    finally:
        other.release()

    assert "optaget af en anden proces" in caught.value.message
    assert "ikke gemt" in caught.value.hint
    assert store.path_for(slug).read_bytes() == before


# --- broken files ---------------------------------------------------------------------------------

BROKEN = {
    "ugyldig-yaml": "format: 1\nprojekt: {navn: [\n",
    "nyere-format": "format: 99\nprojekt:\n  navn: Fremtiden\n",
    "ingen-format": "projekt:\n  navn: Uden format\n",
    "en-liste": "- format: 1\n- projekt\n",
    "kun-tekst": "bare en tekst\n",
    "projekt-tekst": "format: 1\nprojekt: Ærø\n",
    "svar-liste": "format: 1\nprojekt:\n  navn: X\nsvar:\n  - a\n  - b\n",
    "svar-ikke-tekst": "format: 1\nprojekt:\n  navn: X\nsvar:\n  a.b.c.d:\n    - x\n",
    "ukendt-noegle": "format: 1\nprojekt:\n  navn: X\nhemmelig: ja\n",
    "forkert-rolle": "format: 1\nprojekt:\n  navn: X\n  rolle: begge\n",
    "ikke-utf8": "format: 1\nprojekt:\n  navn: \xe6r\xf8\n",
}


def write_broken(store: Store, slug: str, text: str) -> bytes:
    store.home.mkdir(parents=True, exist_ok=True)
    raw = text.encode("latin-1") if slug == "ikke-utf8" else text.encode("utf-8")
    store.path_for(slug).write_bytes(raw)
    return raw


@pytest.mark.parametrize("slug", sorted(BROKEN))
def test_a_broken_file_is_a_project_file_error_naming_it(store, slug):
    write_broken(store, slug, BROKEN[slug])

    with pytest.raises(ProjectFileError) as caught:
        store.load(slug)

    assert str(store.path_for(slug)) in caught.value.message
    assert caught.value.hint


def test_a_newer_format_says_to_update(store):
    write_broken(store, "nyere-format", BROKEN["nyere-format"])

    with pytest.raises(ProjectFileError) as caught:
        store.load("nyere-format")

    assert "nyere udgave af spredning" in caught.value.message
    assert "format 99" in caught.value.message
    assert "Opdatér spredning" in caught.value.hint


@pytest.mark.parametrize("slug", sorted(BROKEN))
def test_a_broken_file_is_never_overwritten_by_a_save(store, guide, slug):
    raw = write_broken(store, slug, BROKEN[slug])

    with pytest.raises(ProjectFileError) as caught:
        store.save_answers(slug, {INTERESSANT: "Ja"}, {INTERESSANT: None}, guide.question_ids())

    assert str(store.path_for(slug)) in caught.value.message
    assert store.path_for(slug).read_bytes() == raw
    assert leftovers(store.home) == []


def test_summaries_yield_the_error_of_a_broken_file(store, make_project):
    make_project("Ærø Kommune")
    write_broken(store, "en-liste", BROKEN["en-liste"])

    results = dict(store.summaries(store.slugs()))

    assert isinstance(results["aeroe-kommune"], store_module.ProjectSummary)
    assert results["aeroe-kommune"].name == "Ærø Kommune"
    assert isinstance(results["en-liste"], ProjectFileError)


# --- the active project ----------------------------------------------------------------------------


def test_no_active_project_at_first(store):
    assert store.active() is None
    with pytest.raises(SpredningError) as caught:
        store.resolve(None)
    assert caught.value.message == "Der er intet aktivt projekt."
    assert "spredning start" in caught.value.hint


def test_without_active_project_the_hint_points_at_existing_ones(store, make_project):
    make_project()

    with pytest.raises(SpredningError) as caught:
        store.resolve(None)

    assert "spredning projekt brug" in caught.value.hint


def test_set_active_and_resolve(store, make_project):
    first = make_project("Ærø Kommune")
    second = make_project("Ålborg Øst")

    store.set_active(first)

    assert store.active() == first
    assert Store(store.home).active() == first
    assert store.resolve(None) == first
    assert store.resolve("Ålborg Øst") == second
    assert leftovers(store.home) == []


def test_an_active_project_whose_file_is_gone_is_none(store, make_project):
    slug = make_project()
    store.set_active(slug)
    store.path_for(slug).unlink()

    assert store.active() is None


def test_a_tampered_active_marker_is_ignored(store, make_project):
    make_project()
    (store.home / store_module.ACTIVE_FILE).write_text("../../etc/passwd\n", encoding="utf-8")

    assert store.active() is None


# --- home_dir ------------------------------------------------------------------------------------


def test_home_dir_option_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SPREDNING_HJEM", str(tmp_path / "fra-miljoe"))

    assert home_dir(str(tmp_path / "fra-tilvalg")) == tmp_path / "fra-tilvalg"


def test_home_dir_uses_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SPREDNING_HJEM", str(tmp_path / "fra-miljoe"))

    assert home_dir() == tmp_path / "fra-miljoe"


def test_home_dir_expands_the_user_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("SPREDNING_HJEM")

    assert home_dir("~/projekter") == tmp_path / "projekter"


def test_home_dir_falls_back_to_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SPREDNING_HJEM")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    assert home_dir() == tmp_path / "data" / "spredning"
