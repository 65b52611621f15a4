"""Files in the projects folder that are not the project they seem (in-process CLI):

- a copy of a project file kept beside it (a backup, 'arkiv-gammel.yaml'): an import or a returned
  worksheet goes into the chosen project (the active one, or --projekt) and says the copy was left
  alone; when neither is one of the files, nothing is imported and the user is told to choose;
  'projekter' marks the copies;
- a partner's exchange file saved in the folder is never opened as a project (read or written),
  whether named with --projekt, with 'projekt brug' or by the active-project pointer.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, G1, NAME, Org, flat, start_sharing, tree
from worksheet_kit import Sheet

from spredning.app import home as app_home
from spredning.app.workspace import Settings, Workspace
from spredning.cli import render_home
from spredning.core import local
from spredning.core.errors import SpredningError
from spredning.core.store import ACTIVE_FILE

pytestmark = pytest.mark.usefixtures("work_in_tmp")  # exports without --ud land in the working folder


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), description="Digital genoptræning")


@pytest.fixture
def reusing(tmp_path, run_cli) -> Org:
    return Org(tmp_path / "aeroe", tmp_path, run_cli)


@pytest.fixture
def exchanged(sharing, reusing):
    sharing.answer({D1: "Færre genindlæggelser", D2: "Træning hjemme"})
    assert reusing.import_(sharing.export())[0] == 0
    reusing.answer({G1: "Ja, meget"})
    return sharing, reusing


@pytest.fixture
def backed_up(exchanged):
    """Odense has copied its project file to arkiv-gammel.yaml in the same folder, as a backup."""
    sharing, reusing = exchanged
    slug = sharing.slug
    backup = sharing.home / "arkiv-gammel.yaml"
    backup.write_bytes(sharing.store.path_for(slug).read_bytes())
    return sharing, reusing, slug, backup


def has(text: str, expected: str) -> bool:
    """True when the output says `expected`, however its long paths were broken over lines."""
    return "".join(expected.split()) in "".join(text.split())


def no_active_project(org: Org) -> None:
    (local.folder(org.home) / ACTIVE_FILE).unlink()


# --- a copy of the project in the folder ----------------------------------------------------------


def test_an_import_goes_into_the_active_project_and_names_the_copy_left_alone(backed_up):
    sharing, reusing, slug, backup = backed_up
    kept = backup.read_bytes()
    code, out, err = sharing.import_(reusing.export())
    assert code == 0, err + out
    assert has(out, f"Import i projektet {NAME} ({sharing.store.path_for(slug)})")
    assert has(out, f"Filen {backup} rummer en kopi af samme projekt; den er ikke ændret.")
    assert "1 tilføjet" in flat(out)
    assert sharing.texts(slug=slug)[G1] == "Ja, meget"
    assert backup.read_bytes() == kept


def test_with_projekt_the_named_copy_gets_the_answers(backed_up):
    sharing, reusing, slug, _ = backed_up
    code, out, err = sharing("--projekt", "arkiv-gammel", "importer", str(reusing.export()))
    assert code == 0, err + out
    assert has(out, f"Filen {sharing.store.path_for(slug)} rummer en kopi af samme projekt")
    assert sharing.texts(slug="arkiv-gammel")[G1] == "Ja, meget"
    assert G1 not in sharing.texts(slug=slug)


@pytest.mark.parametrize("chosen", ["no project", "another project"])
def test_when_no_copy_is_the_chosen_project_nothing_is_imported_and_the_files_are_named(
    backed_up, chosen, tmp_path
):
    sharing, reusing, slug, backup = backed_up
    if chosen == "no project":
        no_active_project(sharing)
    else:
        sharing.ok("start", "--navn", "Noget andet", "--deler", "Odense Kommune", "--rolle", "dele")
    incoming = reusing.export()
    before = tree(sharing.home)
    code, out, err = sharing.import_(incoming)
    assert code == 1, out
    said = flat(err)
    assert f"Projektet '{NAME}' ligger i flere filer i mappen, og ingen af dem er valgt" in said
    assert has(err, f"• {backup}") and has(err, f"• {sharing.store.path_for(slug)}")
    assert f"skriv --projekt og filens navn uden .yaml (arkiv-gammel eller {slug})" in said
    assert tree(sharing.home) == before


def test_a_returned_worksheet_goes_into_the_active_project_too(backed_up):
    sharing, _, slug, backup = backed_up
    kept = backup.read_bytes()
    path = sharing.files / "ark.docx"
    sharing.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    sheet = Sheet.read(path)
    sheet.fill(4, "Ja, fra arket")  # the first question of the reusing side
    sheet.save(path)
    code, out, err = sharing.import_(path)
    assert code == 0, err + out
    assert has(out, f"Filen {backup} rummer en kopi af samme projekt")
    assert sharing.texts(slug=slug)[G1] == "Ja, fra arket"
    assert backup.read_bytes() == kept

    no_active_project(sharing)
    before = tree(sharing.home)
    code, out, err = sharing.import_(path)
    assert code == 1, out
    assert "ligger i flere filer i mappen" in flat(err)
    assert tree(sharing.home) == before


def test_projekter_marks_the_files_holding_the_same_project(backed_up):
    sharing, _, slug, _ = backed_up
    sharing.ok("start", "--navn", "Noget andet", "--deler", "Odense Kommune", "--rolle", "dele")
    lines = [" ".join(line.split()) for line in sharing.ok("projekter").splitlines()]
    assert f"arkiv-gammel samme projekt som {slug}" in lines
    assert f"{slug} samme projekt som arkiv-gammel" in lines
    assert "noget-andet" in lines  # another project: no note
    assert "Nogle filer rummer samme projekt" in flat("\n".join(lines))


# --- a partner's exchange file in the folder --------------------------------------------------------

EXCHANGE = "genoptraening-fra-aeroe"


@pytest.fixture
def exchange_here(exchanged):
    """Odense saved Ærø's exchange file in its projects folder, as a project file would be."""
    sharing, reusing = exchanged
    placed = sharing.home / f"{EXCHANGE}.yaml"
    placed.write_bytes(reusing.export().read_bytes())
    return sharing, placed


def refused(org: Org, placed, *args: str) -> None:
    """The command is refused with the advice to import the file; nothing in the folder changes."""
    before = tree(org.home)
    code, out, err = org(*args)
    assert code == 1, out
    assert has(err, f"'{EXCHANGE}' er ikke et projekt, men en udvekslingsfil fra en partner ({placed})")
    assert has(err, f"Hent svarene ind med 'spredning importer {placed}'")
    assert tree(org.home) == before


COMMANDS = [
    ("status",),
    ("vis",),
    ("fase", "tjek", "--rolle", "dele", "--svar", "SVAR"),
    ("eksport", "--ud", "UD"),
    ("projekt", "side", "dele"),
    ("rapport", "--ud", "UD"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_an_exchange_file_named_with_projekt_is_refused_and_not_rewritten(exchange_here, args, tmp_path):
    sharing, placed = exchange_here
    answers = tmp_path / "one.yaml"
    answers.write_text(f"{D1}: Nyt svar\n", encoding="utf-8")
    out_file = tmp_path / "ud"  # an ending neither eksport nor rapport would refuse
    args = tuple({"SVAR": str(answers), "UD": str(out_file)}.get(arg, arg) for arg in args)
    refused(sharing, placed, "--projekt", EXCHANGE, *args)
    refused(sharing, placed, "--projekt", "genoptraening-fra", *args)  # the first words of its name
    assert not out_file.exists()


def test_an_exchange_file_cannot_be_made_the_active_project(exchange_here):
    sharing, placed = exchange_here
    refused(sharing, placed, "projekt", "brug", EXCHANGE)
    assert sharing.store.active() != EXCHANGE


def test_an_active_project_pointer_naming_an_exchange_file_is_refused(exchange_here, tmp_path):
    sharing, placed = exchange_here
    (local.folder(sharing.home) / ACTIVE_FILE).write_text(f"{EXCHANGE}\n", encoding="utf-8")
    answers = tmp_path / "one.yaml"
    answers.write_text(f"{D1}: Nyt svar\n", encoding="utf-8")
    refused(sharing, placed, "status")
    refused(sharing, placed, "fase", "tjek", "--rolle", "dele", "--svar", str(answers))


def test_importing_into_an_exchange_file_named_with_projekt_is_refused(exchange_here, reusing):
    sharing, placed = exchange_here
    refused(sharing, placed, "--projekt", EXCHANGE, "importer", str(reusing.export()))


def test_the_installed_command_refuses_an_exchange_file_named_as_the_project(exchange_here, tmp_path):
    sharing, placed = exchange_here
    installed = Org(sharing.home, tmp_path)  # no in-process runner: the installed command
    answers = tmp_path / "one.yaml"
    answers.write_text(f"{D1}: Nyt svar\n", encoding="utf-8")
    kept = placed.read_bytes()
    refused(installed, placed, "--projekt", EXCHANGE, "fase", "tjek", "--svar", str(answers))
    assert placed.read_bytes() == kept


def test_the_store_never_opens_or_saves_an_exchange_file_as_a_project(exchange_here):
    sharing, _ = exchange_here
    store = sharing.store
    before = tree(sharing.home)
    for call in (lambda: store.open(EXCHANGE), lambda: store.transact(EXCHANGE, lambda p, s: (p, s, None))):
        with pytest.raises(SpredningError) as raised:
            call()
        assert raised.value.key == "store.exchange-file"
    assert tree(sharing.home) == before


def test_the_home_screens_project_list_names_copies_by_their_file_and_leaves_out_exchange_files(
    backed_up, run_cli
):
    sharing, reusing, slug, _ = backed_up
    (sharing.home / "genoptraening-fra-aeroe.yaml").write_bytes(reusing.export().read_bytes())
    ws = Workspace(Settings(home=str(sharing.home)))
    found = app_home.home(ws)
    titles = [render_home.title(found, a) for a in app_home.project_actions(ws) if a.kind == "use"]
    assert titles == [
        f"{NAME} (2/85 i alt) – filen arkiv-gammel.yaml",
        f"{NAME} (2/85 i alt) – filen {slug}.yaml ← aktivt nu",
    ]
