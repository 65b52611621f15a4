"""Files in the projects folder that are not the project they seem (in-process CLI):

- a partner's exchange file saved in the folder is never opened as a project (read or written),
  whether named with --projekt, with 'projekt brug' or by the active-project pointer.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, G1, Org, start_sharing, tree

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


def has(text: str, expected: str) -> bool:
    """True when the output says `expected`, however its long paths were broken over lines."""
    return "".join(expected.split()) in "".join(text.split())


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
    out_file = tmp_path / "ud.md"
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
