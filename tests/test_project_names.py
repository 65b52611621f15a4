"""A project's name may be written in any script, and its file name is one every system can hold.

'中文项目' has letters, though none in a-z: the project is made, its name kept as typed, in
projekt.yaml (projekt-2.yaml for the next); 'CON' would be con.yaml, a file Windows cannot have, so
it is con-projekt.yaml. `start` and a first import make the same file name.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
from exchange_kit import Org, flat, start_sharing

from spredning.core.model import MAX_SLUG, free_slug, project_slug

pytestmark = pytest.mark.usefixtures("work_in_tmp")


def home() -> Path:
    return Path(os.environ["SPREDNING_HJEM"])


def start(run_cli, name: str):
    return run_cli("start", "--navn", name, "--deler", "Odense Kommune", "--rolle", "dele")


def file_names() -> list[str]:
    return sorted(p.name for p in home().glob("*.yaml"))


@pytest.mark.parametrize(
    "name, slug",
    [
        ("中文项目", "projekt"),
        ("Ærø 2030", "aeroe-2030"),
        ("CON", "con-projekt"),
        ("nul", "nul-projekt"),
        ("Aux", "aux-projekt"),
        ("PRN", "prn-projekt"),
        ("COM1", "com1-projekt"),
        ("lpt9", "lpt9-projekt"),
        ("Con amore", "con-amore"),  # only the whole name is a device's
        ("COM10", "com10"),
    ],
)
def test_the_file_name_of_a_project(name, slug):
    assert project_slug(name) == slug


def test_a_numbered_slug_stays_a_slug_within_the_length():
    slug = "a" * 57 + "-bc"  # cut to make room for '-2', it would end in '-'
    free = free_slug(slug, {slug})
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", free) and len(free) <= MAX_SLUG
    assert free.endswith("-2")


def test_a_name_in_another_script_is_a_project_named_as_typed(run_cli):
    code, out, err = start(run_cli, "中文项目")

    assert code == 0, err
    assert "Projektet er oprettet: 中文项目" in out
    assert file_names() == ["projekt.yaml"]
    assert "navn: 中文项目" in (home() / "projekt.yaml").read_text(encoding="utf-8")

    assert start(run_cli, "日本語のプロジェクト")[0] == 0
    assert file_names() == ["projekt-2.yaml", "projekt.yaml"]

    code, out, _ = run_cli("projekt", "brug", "中文项目")  # found by its name, not its file's
    assert code == 0 and "Aktivt projekt: 中文项目" in out


def test_the_same_name_in_another_script_twice_is_refused(run_cli):
    start(run_cli, "中文项目")

    code, _, err = start(run_cli, "中文项目")

    assert code == 2
    assert flat(err).startswith("Fejl: Der findes allerede et projekt, der hedder '中文项目'.")
    assert "projekt brug projekt'" in flat(err)
    assert file_names() == ["projekt.yaml"]


def test_a_name_without_letters_or_digits_is_still_refused(run_cli):
    code, _, err = start(run_cli, "!!! ---")

    assert code == 2
    assert flat(err).startswith("Fejl: Projektets navn skal indeholde bogstaver eller tal.")
    assert file_names() == []


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "LPT1"])
def test_a_windows_device_name_gets_a_file_windows_can_hold(run_cli, name):
    code, out, err = start(run_cli, name)

    assert code == 0, err
    assert file_names() == [f"{name.lower()}-projekt.yaml"]
    code, out, _ = run_cli("projekt", "brug", name)
    assert code == 0 and f"Aktivt projekt: {name}" in out


@pytest.mark.parametrize("name, made", [("中文项目", "projekt-2.yaml"), ("CON", "con-projekt.yaml")])
def test_a_first_import_names_the_new_project_the_same_way(tmp_path, run_cli, name, made):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), name=name)
    fanoe = Org(tmp_path / "fanoe", tmp_path, run_cli)
    fanoe.ok("start", "--navn", "Projekt", "--deler", "Vejle Kommune", "--rolle", "dele")  # has projekt.yaml

    code, _, err = fanoe.import_(odense.export())

    assert code == 0, err
    assert sorted(p.name for p in fanoe.home.glob("*.yaml")) == sorted([made, "projekt.yaml"])
    assert fanoe.project(made.removesuffix(".yaml")).name == name


@pytest.mark.parametrize(
    "first, second, made",
    [
        ("中文项目", "projekt", "projekt-2.yaml"),
        ("中文项目", "Projekt", "projekt-2.yaml"),
        ("CON", "con projekt", "con-projekt-2.yaml"),
    ],
)
def test_another_name_with_a_taken_file_name_gets_the_next_file(run_cli, first, second, made):
    assert start(run_cli, first)[0] == 0

    code, out, err = start(run_cli, second)

    assert code == 0, err  # only the same name is "the same project" (fold_name), not the same file name
    assert f"Projektet er oprettet: {second}" in out
    assert made in file_names()
    assert f"navn: {second}" in (home() / made).read_text(encoding="utf-8")


def test_a_name_whose_file_another_project_has_is_found_by_its_name(run_cli):
    start(run_cli, "中文项目")
    start(run_cli, "日本語")  # projekt-2.yaml
    code, _, err = start(run_cli, "Projekt 2")
    assert code == 0, err
    assert file_names() == ["projekt-2.yaml", "projekt-3.yaml", "projekt.yaml"]

    code, out, _ = run_cli("projekt", "brug", "Projekt 2")
    assert code == 0 and "Aktivt projekt: Projekt 2" in out
    code, out, _ = run_cli("projekt", "brug", "projekt-2")  # the file's own name still finds its project
    assert code == 0 and "Aktivt projekt: 日本語" in out

    code, _, err = start(run_cli, "projekt  2")  # the same name, spaces counted as one: still refused
    assert code == 2
    assert flat(err).startswith("Fejl: Der findes allerede et projekt, der hedder 'Projekt 2'.")
    assert "projekt brug projekt-3'" in flat(err)


def test_the_example_beside_another_name_with_its_file_name(run_cli):
    assert start(run_cli, "Eksempel: digitalt genoptræningsforløb")[0] == 0

    code, out, err = run_cli("start", "--eksempel")

    assert code == 0, err
    assert file_names() == [
        "eksempel-digitalt-genoptraeningsforloeb-2.yaml",
        "eksempel-digitalt-genoptraeningsforloeb.yaml",
    ]
    assert "Projektet er oprettet: Eksempel – Digitalt genoptræningsforløb" in out


def test_a_name_typed_with_decomposed_letters_is_the_same_name(run_cli):
    # a Mac may send "Å" as "A" + a combining ring: it is the same name, the same file, and refused twice
    composed = "Åbne data på Ærø"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert project_slug(decomposed) == project_slug(composed) == "aabne-data-paa-aeroe"

    code, _, err = start(run_cli, composed)
    assert code == 0, err
    code, _, err = start(run_cli, decomposed)

    assert code != 0
    assert file_names() == ["aabne-data-paa-aeroe.yaml"]
    assert "findes allerede" in flat(err) or "ligner" in flat(err), err
