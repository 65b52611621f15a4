"""Project files under names the program does not use, in a synced projects folder (in-process CLI).

A sync service (OneDrive, Dropbox) keeps both versions when two computers change a file at once:
'digital-genoptraening (1).yaml', 'digital-genoptraening-DESKTOP-ABC.yaml'. A user may rename the
file too ('Digital-Genoptraening.yaml'). Such a file is no project here, but it may hold a
colleague's answers: 'projekter', 'status', the home screen and --projekt name it with the command
that brings it in, and nothing in the folder is changed by telling it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from homekit import CTRL_C, interactive, typed

from spredning.core.store import Store

D1 = "tjek.beskriv-innovationen.dele.formaal"
D2 = "tjek.beskriv-innovationen.dele.loesningen"
NAME = "Digital genoptræning"
SLUG = "digital-genoptraening"
COPIES = (
    "digital-genoptraening (1).yaml",
    "digital-genoptraening-DESKTOP-ABC.yaml",
    "digital-genoptraening (Kristians konflikt 2026-12-01).yaml",
)
EXCHANGE_HEAD = "format: '4'\nudveksling:\n  fra: dele\n  til: aeroe\nprojekt:\n  navn: Digital\n"


def squeezed(text: str) -> str:
    """Text without its blanks: output compared however its long paths were broken over lines."""
    return "".join(text.split())


def folder_files(home: Path) -> dict[str, bytes]:
    """Every file in the projects folder (not its helper folder), to see that none was changed."""
    return {path.name: path.read_bytes() for path in home.iterdir() if path.is_file()}


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "hjem"  # $SPREDNING_HJEM (conftest)


@pytest.fixture
def synced(home, make_project) -> Path:
    """A project, its three sync conflict copies, a partner's export and a note, side by side."""
    assert make_project(NAME, role="dele", answers={D1: "Færre genindlæggelser"}) == SLUG
    for name in COPIES:
        shutil.copyfile(home / f"{SLUG}.yaml", home / name)
    (home / "Eksport fra Odense.yaml").write_text(EXCHANGE_HEAD, encoding="utf-8")
    (home / "Noter.yaml").write_text("noter: husk mødet\n", encoding="utf-8")
    return home


@pytest.fixture
def renamed(home, make_project) -> Path:
    """The only project file, renamed by its user to Digital-Genoptraening.yaml."""
    make_project(NAME, role="dele", answers={D1: "Færre genindlæggelser"})
    (home / f"{SLUG}.yaml").rename(home / "Digital-Genoptraening.yaml")
    return home / "Digital-Genoptraening.yaml"


def import_command(path: Path) -> str:
    return f'spredning importer "{path}"'


def test_projekter_names_each_sync_copy_once_with_the_import_command(synced, run_cli):
    before = folder_files(synced)
    code, out, err = run_cli("projekter", "--ingen-pager")

    assert code == 0, err
    said = squeezed(out)
    for name in COPIES:
        path = synced / name
        assert said.count(squeezed(f"Filen {path}")) == 1
        assert squeezed(f"Filen {path} er en kopi af projektet '{NAME}'") in said
        assert (
            squeezed(f"hent dens svar ind med '{import_command(path)}', og flyt den derefter ud af mappen")
            in said
        )
    assert squeezed("Eksport fra Odense") not in said  # a partner's export is not a project file
    assert squeezed("Noter.yaml") not in said
    assert folder_files(synced) == before


def test_status_names_the_sync_copies_after_the_project(synced, run_cli):
    before = folder_files(synced)
    code, out, err = run_cli("status")

    assert code == 0, err
    said = squeezed(out)
    assert said.index(squeezed(NAME)) < said.index(squeezed(str(synced / COPIES[0])))
    for name in COPIES:
        assert squeezed(f"hent dens svar ind med '{import_command(synced / name)}'") in said
    assert folder_files(synced) == before


def test_status_json_lists_the_files_the_text_names(synced, make_project, run_cli):
    """A script reading 'status --json' sees the copies and renamed files a person reads in 'status'."""
    import json

    make_project("Andet projekt", role="dele")  # a project here only as a renamed file: no copy of one
    (synced / "andet-projekt.yaml").rename(synced / "Andet Projekt.yaml")
    before = folder_files(synced)

    code, out, err = run_cli("status", "--json")

    assert code == 0, err
    data = json.loads(out)
    assert data["projekt"] == NAME and data["faser"] and data["dialoger"]  # the fields there were
    assert data["projektfiler_med_andre_navne"] == [
        {"fil": str(synced / "Andet Projekt.yaml"), "kopi_af": None},
        *({"fil": str(synced / name), "kopi_af": SLUG} for name in sorted(COPIES)),
    ]
    text = squeezed(run_cli("status")[1])  # the same files, as the text names them
    for row in data["projektfiler_med_andre_navne"]:
        assert squeezed(f"Filen {row['fil']}") in text
    assert folder_files(synced) == before
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "`projektfiler_med_andre_navne`" in readme  # documented for scripts


def test_status_json_lists_no_odd_file_as_an_empty_list(home, make_project, run_cli):
    import json

    make_project(NAME, role="dele")
    code, out, err = run_cli("status", "--json")
    assert code == 0, err
    assert json.loads(out)["projektfiler_med_andre_navne"] == []  # always there, for a script to read


def test_projekt_naming_a_sync_copy_says_what_it_is_not_that_it_is_missing(synced, run_cli):
    before = folder_files(synced)
    code, _, err = run_cli("--projekt", "digital-genoptraening-DESKTOP-ABC.yaml", "status")

    assert code != 0
    said = squeezed(err)
    assert squeezed("findes ikke") not in said
    path = synced / "digital-genoptraening-DESKTOP-ABC.yaml"
    assert squeezed(f"Filen {path} er en kopi af projektet '{NAME}'") in said
    assert (
        squeezed(f"hent dens svar ind med '{import_command(path)}', og flyt den derefter ud af mappen")
        in said
    )
    assert folder_files(synced) == before


def test_a_renamed_project_file_alone_is_not_told_as_no_project(renamed, run_cli):
    home = renamed.parent
    before = folder_files(home)

    code, out, _ = run_cli("projekter")
    assert code == 0
    said = squeezed(out)
    assert squeezed("Start et med") not in said
    assert squeezed(f"Der er ingen projekter i {home} under de navne, programmet bruger") in said
    assert squeezed(f"Filen {renamed} rummer et projekt") in said
    assert squeezed(f"Hent det ind med '{import_command(renamed)}' (filen selv ændres ikke)") in said

    code, out, err = run_cli("status")
    assert code != 0
    said = squeezed(err)
    assert squeezed("Der er intet projekt i mappen endnu") not in said
    assert squeezed(f"men disse filer rummer et projekt: • {renamed}") in said

    code, out, err = run_cli("--projekt", "Digital-Genoptraening", "status")
    assert code != 0
    assert squeezed("findes ikke") not in squeezed(err)
    assert squeezed(f"Hent projektet ind med '{import_command(renamed)}'") in squeezed(err)
    assert folder_files(home) == before


def test_the_command_told_brings_a_colleagues_answer_in(home, make_project, save_answer, run_cli):
    """The copy holds an answer the project does not have; running the told command brings it in."""
    make_project(NAME, role="dele", answers={D1: "Færre genindlæggelser"})
    project_file = home / f"{SLUG}.yaml"
    ours = project_file.read_bytes()
    save_answer(SLUG, D2, "Træning hjemme med tablet")  # the colleague's answer, then the sync split
    copy = home / COPIES[1]
    copy.write_bytes(project_file.read_bytes())
    project_file.write_bytes(ours)

    code, out, _ = run_cli("projekter")
    told = re.search(r"'spredning (importer [^']*)'", out.replace("\n", " "))
    assert code == 0 and told is not None
    assert told[1] == f'importer "{copy}"'
    code, out, err = run_cli("importer", str(copy))

    assert code == 0, err + out
    project = Store(home, _layout()).load(SLUG)
    assert project.shared[D2].answer.text == "Træning hjemme med tablet"


def _layout():
    from spredning.app.workspace import Settings, Workspace

    return Workspace(Settings()).layout


def test_hints_repeat_hjem(tmp_path, synced, run_cli, monkeypatch):
    monkeypatch.delenv("SPREDNING_HJEM")
    code, out, _ = run_cli("--hjem", str(synced), "projekter")

    assert code == 0
    assert squeezed(f"'spredning --hjem {synced} importer \"{synced / COPIES[0]}\"'") in squeezed(out)


def test_a_slug_named_copy_is_not_told_to_be_moved_out_before_its_answers_are_in(home, make_project, run_cli):
    make_project(NAME, role="dele")
    shutil.copyfile(home / f"{SLUG}.yaml", home / f"{SLUG}-laptop.yaml")
    before = folder_files(home)

    code, out, _ = run_cli("projekter")

    assert code == 0
    said = squeezed(out)
    assert squeezed("samme projekt som") in said
    assert squeezed("En sikkerhedskopi hører hjemme uden for mappen.") not in said
    assert (
        squeezed(
            "hent dem først ind med 'spredning importer' og kopiens fil efter, og flyt først derefter kopien "
            "ud af mappen"
        )
        in said
    )
    assert folder_files(home) == before


def test_the_home_screen_names_a_sync_copy(synced, run_cli, monkeypatch, tmp_path):
    interactive(monkeypatch)
    before = folder_files(synced)
    run = typed(run_cli, CTRL_C)

    said = squeezed(run.out)
    assert squeezed(f"Filen {synced / COPIES[0]} er en kopi af projektet '{NAME}'") in said
    assert folder_files(synced) == before


def test_the_home_screen_with_only_a_renamed_file_does_not_say_there_are_no_projects(
    renamed, run_cli, monkeypatch
):
    interactive(monkeypatch)
    run = typed(run_cli, CTRL_C)

    said = squeezed(run.out)
    assert squeezed("Der er ingen projekter endnu.") not in said
    assert squeezed(f"Filen {renamed} rummer et projekt") in said
    assert squeezed(f"'{import_command(renamed)}'") in said


def test_projekt_naming_another_project_beside_a_renamed_file_points_to_the_list(renamed, run_cli):
    code, _, err = run_cli("--projekt", "noget-andet", "status")

    assert code != 0
    assert squeezed("Der er ingen projekter i mappen endnu") not in squeezed(err)
    assert squeezed(
        "men der ligger projektfiler med andre navne: se dem, og hvad der skal gøres, med"
    ) in squeezed(err)
    assert renamed.exists()


def test_a_copy_larger_than_the_program_reads_is_named_from_its_head(home, make_project, run_cli):
    """Listing reads only a file's head: a copy too large to open is still named, and not changed."""
    from spredning.core.store import READ_LIMIT

    make_project(NAME, role="dele")
    big = home / "digital-genoptraening (2).yaml"
    with big.open("wb") as out:
        out.write((home / f"{SLUG}.yaml").read_bytes())
        out.write(b"# " + b"x" * (READ_LIMIT + 1024) + b"\n")
    size = big.stat().st_size

    code, out, _ = run_cli("projekter")

    assert code == 0
    assert squeezed(f"Filen {big} ligner en projektfil under et navn, programmet ikke bruger") in squeezed(
        out
    )
    assert squeezed("Filen er større end de 5,0 MiB, som importer kan hente ind.") in squeezed(out)
    assert squeezed(f"importer {big}") not in squeezed(out).replace('"', "")  # no advice to import it
    assert big.stat().st_size == size


def test_projekter_names_a_folder_under_a_project_files_name(home, make_project, run_cli):
    """Every other command says the project file is a folder; the list does too, and not "no projects"."""
    assert make_project(NAME, role="dele") == SLUG
    (home / f"{SLUG}.yaml").unlink()
    (home / f"{SLUG}.yaml").mkdir()

    code, out, err = run_cli("projekter")

    assert code == 0, err
    assert "ingen projekter" not in out
    assert re.search(rf"{SLUG}\s+ikke en almindelig fil", out)
    assert squeezed(f"{home / SLUG}.yaml er ikke en almindelig fil (fx en mappe)") in squeezed(out)
    assert "Flyt den ud af mappen" in " ".join(out.split())
    code, _, err = run_cli("status")
    assert code == 1
    assert "er ikke en almindelig fil" in " ".join(err.split())


def test_a_new_project_is_not_told_a_folder_under_its_file_name_is_a_project_to_carry_on_with(home, run_cli):
    (home / f"{SLUG}.yaml").mkdir()

    code, _, err = run_cli("start", "--navn", NAME, "--rolle", "dele")

    said = " ".join(err.split())
    assert code != 0
    assert "er ikke en almindelig fil" in said
    assert "projekt brug" not in said  # there is no project in it to carry on with


def test_projekter_leaves_out_other_yaml_files_and_gives_a_broken_files_reason(home, make_project, run_cli):
    """Notes or another program's YAML under a project's name are no project: not listed (README).

    A link to nothing and a damaged project file are listed with a few words of why, and the
    command that says it all; they used to be listed as «kan ikke læses» only, and the other
    files with them.
    """
    assert make_project(NAME, role="dele") == SLUG
    (home / "noter.yaml").write_text("a: 1\n", encoding="utf-8")
    (home / "pw.yaml").write_text("root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/:/usr/sbin/nologin\n")
    (home / "dangling.yaml").symlink_to("/nonexistent")
    (home / "oedelagt.yaml").write_text("format: '2'\nid: x\nprojekt: [navn\n", encoding="utf-8")

    code, out, err = run_cli("projekter")

    assert code == 0, err
    assert "noter" not in out and "pw" not in out
    assert re.search(r"dangling\s+genvej til noget, der ikke findes", out)
    assert re.search(r"oedelagt\s+fejl i filen", out)
    assert "kan ikke læses" not in out
    assert squeezed("Hvad der er galt med hver fil, og hvad du kan gøre, ser du med:") in squeezed(out)
    assert squeezed("ser du med:") in squeezed(out) and "NAVN" not in out  # each file's own command
    assert "spredning status --projekt oedelagt" in [line.strip() for line in out.splitlines()]
    code, _, err = run_cli("status", "--projekt", "oedelagt")  # as shown: it says what is wrong
    assert code == 1 and "oedelagt.yaml" in "".join(err.split())
    code, _, err = run_cli("status", "--projekt", "pw")  # named, it is still explained
    assert code == 1 and "ligner ikke en projektfil" in " ".join(err.split())


def test_a_broken_copy_is_named_as_broken_with_its_reason_and_no_advice_to_import_it(
    home, make_project, run_cli
):
    """A sync copy whose YAML is broken: 'importer' refuses it, so the list does not advise it."""
    make_project(NAME, role="dele")
    project_file = (home / f"{SLUG}.yaml").read_text(encoding="utf-8")
    broken = home / "digital-genoptraening-DESKTOP.yaml"
    broken.write_text(project_file.replace(f"  navn: {NAME}", "  navn: *x"), encoding="utf-8")
    whole = home / "digital-genoptraening (1).yaml"
    whole.write_text(project_file, encoding="utf-8")

    code, out, err = run_cli("projekter")

    assert code == 0, err
    said = squeezed(out)
    assert squeezed(f"Filen {broken} ligner en projektfil under et navn") in said
    assert squeezed("men den kan ikke hentes ind med importer: Projektfilen") in said
    assert squeezed("YAML-henvisninger (*) er ikke tilladt") in said
    assert squeezed(f"importer {broken}") not in said.replace('"', "")
    assert squeezed(f"Filen {whole} er en kopi af projektet '{NAME}'") in said  # whole: advised
    assert squeezed(f"importer {whole}") in said.replace('"', "")
    code, _, err = run_cli("importer", str(broken))
    assert code == 1  # what the list says


EMPTY_OR_NO_TEXT = {
    "empty": (b"", "tom fil"),
    "blank": (b"\n  \n", "tom fil"),
    "binary": (bytes(range(128, 256)) * 3 + b"\x00\x01projekt", "ikke gemt som UTF-8"),
}


@pytest.mark.parametrize("kind", list(EMPTY_OR_NO_TEXT))
def test_an_empty_or_binary_project_file_is_listed_with_its_reason_even_when_active(
    kind, home, make_project, run_cli
):
    """trial42: an emptied (or binary) active project file vanished from 'projekter' (taken for notes).

    It says nothing of what it is, so it may be the project: listed, marked active, with a reason
    and the command that says it all, as a file with broken YAML is; the file is never changed.
    """
    raw, reason = EMPTY_OR_NO_TEXT[kind]
    make_project("Anden", role="dele")
    assert make_project(NAME, role="dele") == SLUG  # active
    path = home / f"{SLUG}.yaml"
    path.write_bytes(raw)

    code, out, err = run_cli("projekter")

    assert code == 0, err
    assert re.search(rf"▶ {SLUG}\s+{reason}", out), out
    assert f"spredning status --projekt {SLUG}" in [line.strip() for line in out.splitlines()]
    assert path.read_bytes() == raw


def test_a_new_project_is_not_told_to_carry_on_in_an_empty_file_of_its_name(home, run_cli):
    """trial42: 'start' said a project of the name exists and advised 'projekt brug', which refused it."""
    (home / f"{SLUG}.yaml").write_bytes(b"")

    code, _, err = run_cli("start", "--navn", NAME, "--rolle", "dele")

    said = squeezed(err)
    assert code != 0
    assert squeezed(f"en projektfil til navnet '{SLUG}', {home / SLUG}.yaml, men den kan ikke læses") in said
    assert "projektbrug" not in said
    assert squeezed(f"spredning status --projekt {SLUG}") in said
    assert (home / f"{SLUG}.yaml").read_bytes() == b""
