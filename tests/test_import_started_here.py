"""'start --rolle genbruge', then the sharing side's file: one project, not two of the same name.

A reusing organisation that starts its project before the sharing side's first file arrives got a
second project of the same name from that file ('spredning projekter' listed both). When the project
started here is clearly the same (the only one of that name, started on the reusing side as the
organisation the file is written to, the same sharing organisation, and no file in or out yet), the
file goes into it, and it takes the file's identity, so later files go back and forth. Run with
the installed command in two folders, as the two organisations would.
"""

from __future__ import annotations

import pytest
import yaml
from exchange_kit import D1, G1, NAME, Org, flat, start_sharing, tree

pytestmark = pytest.mark.e2e
SLUG = "genoptraening-aeroe"


@pytest.fixture
def sharing(tmp_path) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser"})


@pytest.fixture
def started(tmp_path) -> Org:
    """Ærø Kommune starts the project itself on the reusing side and answers one question."""
    org = start_here(Org(tmp_path / "aeroe", tmp_path), "Odense Kommune")
    org.answer({G1: "Vi har samme udfordring"}, "--rolle", "genbruge")
    return org


def start_here(org: Org, sharing_org: str) -> Org:
    """Ærø Kommune starts the project on the reusing side, naming the sharing organisation so."""
    org.ok(
        "start",
        "--navn",
        NAME,
        "--deler",
        sharing_org,
        "--rolle",
        "genbruge",
        "--organisation",
        "Ærø Kommune",
    )
    return org


def identity(path) -> str:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["id"]


def test_the_sharing_sides_file_goes_into_the_project_started_here_and_it_takes_the_files_identity(
    sharing, started
):
    file = sharing.export()
    code, out, err = started.import_(file)
    assert code == 0, err + out
    said = flat(out)
    assert said.startswith(f"Import i projektet {NAME} (")
    assert (
        f"Filen fra Odense Kommune er skrevet til Ærø Kommune og hører til projektet '{NAME}', som I "
        "startede her selv, før I fik en fil fra dem. Svarene hentes ind i det" in said
    ), out
    assert "Der bliver ikke to projekter med samme navn." in said
    assert "nyt projekt" not in said and "to projekter med samme navn som" not in said
    assert started.store.slugs() == [SLUG]  # one project
    listed = flat(started.ok("projekter"))
    assert listed.count(NAME) == 1, listed
    assert started.texts() == {D1: "Færre genindlæggelser", G1: "Vi har samme udfordring"}  # both kept
    assert identity(started.path) == identity(file)
    # and back: Odense's import finds its own project, with Ærø's answer
    code, out, err = sharing.import_(started.export())
    assert code == 0, err + out
    assert "startet for sig selv" not in flat(out) and len(sharing.store.slugs()) == 1
    assert sharing.texts()[G1] == "Vi har samme udfordring"


def test_a_dry_run_says_so_and_changes_nothing(sharing, started):
    before = tree(started.home)
    out = flat(started.ok("importer", str(sharing.export()), "--tør"))
    assert (
        "Svarene ville blive hentet ind i det, og det ville få samme identitet som projektet hos Odense"
        in out
    )
    assert tree(started.home) == before
    english = flat(started.ok("--sprog", "en", "importer", str(sharing.export()), "--tør"))
    assert "which you started here yourselves before you had a file from them" in english


def test_naming_the_started_project_brings_the_file_into_it_too(sharing, started):
    code, out, err = started.import_(sharing.export(), "--projekt", SLUG)
    assert code == 0, err + out
    assert started.store.slugs() == [SLUG] and started.texts()[D1] == "Færre genindlæggelser"


def test_a_started_project_already_sent_to_the_sharing_side_is_not_taken_over(sharing, started):
    """Odense knows its identity then (a project beside its own): said as two projects, as before."""
    started.export()
    code, out, err = started.import_(sharing.export())
    assert code == 0, err + out
    assert "som Odense Kommune har startet for sig selv" in flat(out)
    assert sorted(started.store.slugs()) == [SLUG, f"{SLUG}-2"]


def test_the_sharing_sides_own_spelling_of_its_name_comes_with_its_file(tmp_path, sharing):
    # trial5: Næstved started with 'Frederiksberg kommune'; after Frederiksberg's file went into the
    # project, every message still said 'bed Frederiksberg kommune sende …', and the file kept it
    org = start_here(Org(tmp_path / "aeroe", tmp_path), "odense  kommune")
    code, out, err = org.import_(sharing.export())
    assert code == 0, err + out
    assert "Filen fra Odense Kommune er skrevet til Ærø Kommune" in flat(out)
    assert yaml.safe_load(org.path.read_text(encoding="utf-8"))["projekt"]["deler"] == "Odense Kommune"
    assert "Deler Odense Kommune" in " ".join(org.ok("status").split())
