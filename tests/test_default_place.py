"""Files without --ud when the working folder is the projects folder (app/files.py place).

The README's git workflow works in the projects folder (`cd genoptraening; spredning --hjem . ...`).
There a file with its default name goes beside the projects folder, in the folder around it, and the
output says so; the projects folder keeps only the projects and their helper files. An explicit --ud
into the projects folder stays refused.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, Org, flat, start_sharing

BESIDE = "Filen er lagt ved siden af projektmappen, ikke i den"


@pytest.fixture
def sharing(tmp_path, run_cli, monkeypatch) -> Org:
    """Odense's projects folder tmp_path/odense, the working folder as in the README's git workflow."""
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Vi deler"})
    monkeypatch.chdir(org.home)
    return org


def names(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_an_export_goes_beside_the_projects_folder_and_the_partners_command_names_the_file(
    sharing, tmp_path, run_cli
):
    before = names(sharing.home)

    code, out, err = sharing("--hjem", ".", "eksport")

    assert code == 0, err
    exported = tmp_path / f"{sharing.slug}-til-aeroe-kommune.yaml"
    assert exported.is_file()
    assert names(sharing.home) == before  # nothing new among the projects
    assert str(exported) in flat(out) and BESIDE in flat(out)
    # the partner runs it in their own folder, where the mail put the file: by its name only
    assert f"  spredning importer {exported.name}\n" in out
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(exported)[0] == 0
    assert reusing.texts()[D1] == "Vi deler"


def test_the_next_export_replaces_the_programs_own_file_beside_without_overskriv(sharing, tmp_path):
    sharing.ok("eksport")
    sharing.answer({D1: "Vi deler mere"})

    out = sharing.ok("--hjem", ".", "eksport")

    assert "filen, der lå der før, er erstattet" in flat(out)
    assert "Vi deler mere" in (tmp_path / f"{sharing.slug}-til-aeroe-kommune.yaml").read_text()


def test_the_reusing_sides_export_goes_beside_too(tmp_path, run_cli, monkeypatch):
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    reusing.import_(sharing.export())
    reusing.answer({G1: "Ja"})
    monkeypatch.chdir(reusing.home)

    out = reusing.ok("eksport")

    assert (tmp_path / f"{reusing.slug}-fra-aeroe-kommune.yaml").is_file() and BESIDE in flat(out)


def test_from_a_folder_inside_the_projects_folder_it_goes_beside_it(sharing, tmp_path, monkeypatch):
    (sharing.home / "noter").mkdir()
    monkeypatch.chdir(sharing.home / "noter")

    out = sharing.ok("eksport")

    assert (tmp_path / f"{sharing.slug}-til-aeroe-kommune.yaml").is_file() and BESIDE in flat(out)
    assert f"  spredning importer {sharing.slug}-til-aeroe-kommune.yaml\n" in out  # the partner's command


@pytest.mark.parametrize(
    ("args", "suffix"),
    [
        (("rapport",), ".md"),
        (("rapport", "--format", "html"), ".html"),
        (("arbejdsark",), ".docx"),
        (("plan", "--format", "csv"), ".csv"),
        (("dagsorden",), ".md"),
    ],
)
def test_each_file_with_its_default_name_goes_beside(sharing, tmp_path, args, suffix):
    before = names(sharing.home)
    outside = names(tmp_path)

    out = sharing.ok("--hjem", ".", *args)

    assert names(sharing.home) == before
    written = [tmp_path / name for name in names(tmp_path) - outside]
    assert len(written) == 1 and written[0].suffix == suffix
    assert str(written[0]) in flat(out) and BESIDE in flat(out)


def test_a_worksheets_import_hint_names_it_where_it_is(sharing):
    out = sharing.ok("arbejdsark")

    assert f"spredning importer ../{sharing.slug}-arbejdsark.docx" in flat(out)


def test_elsewhere_the_file_stays_in_the_working_folder_and_nothing_more_is_said(sharing, monkeypatch):
    work = sharing.files / "arbejde"
    work.mkdir()
    monkeypatch.chdir(work)

    out = sharing.ok("eksport")

    assert names(work) == {f"{sharing.slug}-til-aeroe-kommune.yaml"}
    assert BESIDE not in flat(out)
    assert f"spredning importer {sharing.slug}-til-aeroe-kommune.yaml" in out


@pytest.mark.parametrize("command", ["eksport", "rapport"])
def test_ud_into_the_projects_folder_is_still_refused_with_what_is_there(sharing, command):
    before = names(sharing.home)

    code, _, err = sharing(
        "--hjem", ".", command, "--ud", "svar.yaml" if command == "eksport" else "rapport.docx"
    )

    assert code == 1
    assert f"iprojektmappen({sharing.home})" in "".join(err.split())  # the folder in full, not "."
    assert "dér ligger kun projekterne og programmets hjælpefiler" in flat(err)
    assert "Vælg en anden mappe med --ud" in flat(err)
    assert names(sharing.home) == before


@pytest.mark.parametrize("ud", ["..", "../", "../mappe", "../mappe/"])
def test_ud_naming_a_folder_around_the_projects_folder_puts_the_file_in_it_under_its_name(
    sharing, tmp_path, ud
):
    """A folder after --ud gets the file under its default name; once refused ("er en mappe")."""
    (tmp_path / "mappe").mkdir()
    before = names(sharing.home)

    code, out, err = sharing("--hjem", ".", "eksport", "--ud", ud)

    assert code == 0, err
    folder = tmp_path / "mappe" if "mappe" in ud else tmp_path
    written = folder / f"{sharing.slug}-til-aeroe-kommune.yaml"
    assert written.is_file() and str(written) in flat(out)
    assert BESIDE not in flat(out)  # where the user said, not put beside
    assert names(sharing.home) == before


@pytest.mark.parametrize("ud", [".", "./", "../odense"])
def test_ud_naming_the_projects_folder_is_refused_naming_it_in_full(sharing, tmp_path, ud):
    before = names(sharing.home), names(tmp_path)

    code, _, err = sharing("--hjem", ".", "eksport", "--ud", ud)

    assert code == 1
    # a full path, not "."; read without the terminal's line breaks, which may fall inside a long path
    assert "".join(err.split()).startswith("".join(f"Fejl: {sharing.home} er projektmappen".split()))
    assert "dér ligger kun projekterne og programmets hjælpefiler" in flat(err)
    assert "Vælg en anden mappe med --ud" in flat(err)
    assert (names(sharing.home), names(tmp_path)) == before


def test_the_home_screen_offers_a_partners_reply_lying_beside_the_projects_folder(sharing, tmp_path, run_cli):
    """Where the exports go, a partner's reply is looked for too (the home screen's 'Hent svar ind')."""
    from spredning.app import home
    from spredning.app.files import default_folders
    from spredning.app.workspace import Settings, Workspace

    reusing = Org(tmp_path / "aeroe", tmp_path / "aeroe-filer", run_cli)
    (tmp_path / "aeroe-filer").mkdir()
    reusing.import_(sharing.export())
    reusing.answer({G1: "Ja"})
    reply = reusing.export()
    beside = tmp_path / "genoptraening-aeroe-til-odense-kommune.yaml"  # its default name
    beside.write_bytes(reply.read_bytes())

    ws = Workspace(Settings(home=str(sharing.home)))
    offered = [action.value for action in home.import_actions(ws, *default_folders(ws))]

    assert str(beside) in offered


@pytest.mark.parametrize("ending", [".yaml", ".yml"])
def test_projekt_named_with_its_files_ending_finds_the_project(sharing, ending):
    code, out, err = sharing("--hjem", ".", "--projekt", f"{sharing.slug}{ending}", "status")

    assert code == 0, err
    assert sharing.project().name in flat(out)


def test_a_project_not_found_names_the_projects_folder_in_full(sharing):
    code, _, err = sharing("--hjem", ".", "--projekt", "samsoe.yaml", "status")

    assert code != 0
    said = f"Projektet 'samsoe.yaml' findes ikke i {sharing.home}."  # not "i .."
    assert "".join(said.split()) in "".join(err.split())  # a long folder name may wrap anywhere


def test_the_list_of_projects_names_the_folder_in_full(sharing):
    out = sharing.ok("--hjem", ".", "projekter")

    assert f"Mappe:{sharing.home}" in "".join(out.split())  # a long folder name may wrap anywhere


@pytest.mark.parametrize(
    "argv",
    [
        ("rapport", "--ud", "rapport.md"),
        ("arbejdsark", "--ud", "."),
        ("eksport", "--ud", "."),
        ("dagsorden", "--ud", "dagsorden.md"),
    ],
)
def test_ud_refused_for_its_place_is_refused_before_a_partner_is_asked_for(sharing, argv):
    """Found in a trial: with several partners, '--ud' into the projects folder first asked for the
    partner; the command given with --partner was then refused for its '--ud'."""
    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    before = names(sharing.home)

    code, _, err = sharing("--hjem", ".", *argv)

    assert code == 1, err
    said = flat(err)
    assert "ligger i projektmappen" in said or "er projektmappen" in said, said
    assert "--partner" not in said and "vælg hvilken" not in said
    assert names(sharing.home) == before
