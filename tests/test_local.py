"""local.py: this computer's state for a project, in HJEM/.spredning/SLUG.yaml.

Nothing here is the user's saved answers, so anything wrong with the file is "nothing known yet":
a new copy id, written once and then kept. A folder copied to another place or computer gets a
new copy id, so two copies never mark their changes with the same one.
"""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import pytest

from spredning.core import local, projectfile
from spredning.core.local import LocalState
from spredning.core.model import Layout, Project
from spredning.core.store import Store

LAYOUT = Layout(shared=("tjek.a.dele.x",), dialogue=("tjek.a.genbruge.z",))
SLUG = "projekt"
COPY_ID = re.compile(r"^[a-z0-9]{8,16}$")


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "hjem"


@pytest.fixture
def store(home) -> Store:
    """A Store with one project in it (its state not yet written)."""
    store = Store(home, LAYOUT)
    store.create(Project(id=projectfile.new_id(), slug=SLUG, name="Projekt"))
    local.state_path(home, SLUG).unlink()
    return store


def state_file(home: Path) -> Path:
    return local.state_path(home, SLUG)


def read_back(home: Path, lines: str) -> LocalState:
    """The state read from a file of this place with `lines` after its copy id (as a user edited it)."""
    local.ensure_folder(home)
    state_file(home).write_text(
        f"kopi: 0123abcd\nsted: '{local.this_place(home)}'\n{lines}", encoding="utf-8"
    )
    return local.load(home, SLUG)


# --- nothing known yet ---------------------------------------------------------------------------


def test_without_a_state_file_a_new_copy_id_is_made(home):
    state = local.load(home, SLUG)

    assert COPY_ID.match(state.copy)
    assert state.fresh
    assert (state.side, state.organisation, dict(state.drafts), dict(state.known)) == (None, None, {}, {})
    assert state.place == local.this_place(home)
    assert not state_file(home).exists()  # loading writes nothing
    assert local.load(home, SLUG).copy != state.copy  # and, unsaved, it is not kept


def test_the_store_writes_a_new_copy_id_once_and_keeps_it(store, home):
    first = store.local(SLUG)

    assert not first.fresh
    assert state_file(home).is_file()
    written = state_file(home).stat()
    second = store.local(SLUG)
    assert second.copy == first.copy
    assert state_file(home).stat().st_ino == written.st_ino  # not written again
    assert state_file(home).stat().st_mtime_ns == written.st_mtime_ns
    assert Store(home, LAYOUT).open(SLUG).local.copy == first.copy


def test_a_transaction_marks_changes_with_the_kept_copy_id(store, home):
    from spredning.core import history
    from spredning.core.model import Answer

    copy = store.local(SLUG).copy

    def answer(project, state):
        slot = ("", "tjek.a.dele.x")
        return project.with_entry(slot, history.edited(None, Answer("Ja"), state.copy)), state, None

    store.transact(SLUG, answer)

    assert store.load(SLUG).shared["tjek.a.dele.x"].answer.version == ((copy, 1),)


DAMAGED = [
    ("ikke-yaml", b"kopi: [\n"),
    ("en-liste", b"- kopi\n- sted\n"),
    ("en-tekst", b"bare tekst\n"),
    ("tom", b""),
    ("binaer", os.urandom(64) + b"\xff\xfe"),
    ("ikke-utf8", "kopi: ærø\n".encode("latin-1")),
    ("for-dyb", b"kopi: " + b"[" * 100 + b"]" * 100 + b"\n"),
    ("anker", b"a: &a [1]\nb: *a\n"),
    ("python-tag", b"kopi: !!python/object/apply:os.system ['touch PWNED']\n"),
    ("for-stor", b"kopi: " + b"x" * (local.MAX_BYTES + 10) + b"\n"),
]


@pytest.mark.parametrize("content", [pytest.param(c, id=i) for i, c in DAMAGED])
def test_a_damaged_state_file_is_nothing_known_yet(store, home, content, tmp_path):
    state_file(home).write_bytes(content)

    loaded = local.load(home, SLUG)
    kept = store.local(SLUG)

    assert loaded.fresh and COPY_ID.match(loaded.copy)
    assert COPY_ID.match(kept.copy) and not kept.fresh
    assert local.load(home, SLUG).copy == kept.copy  # written again, whole
    [backup] = state_file(home).parent.glob(f"{SLUG}.yaml.bak-*")  # after the old one was kept aside
    assert backup.read_bytes() == content and store.kept_states == [backup]
    assert store.load(SLUG).name == "Projekt"  # the project itself is untouched by it
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_a_state_file_that_is_a_folder_is_nothing_known_yet(home):
    state_file(home).parent.mkdir(parents=True)
    state_file(home).mkdir()

    assert local.load(home, SLUG).fresh


def test_wrong_values_are_dropped_one_by_one(home):
    local.ensure_folder(home)
    place = local.this_place(home)
    state_file(home).write_text(
        f"kopi: IKKE-GYLDIG\nsted: '{place}'\nside: begge\norganisation: ../x\n"
        "kladder:\n  tjek.a.dele.x: Min kladde\n  tjek.a.dele.y: [liste]\n"
        "kendt:\n  aeroe:\n    tjek.a.dele.x: 00000000 a:1\n  ../ud: {}\n"
        "nye:\n  aeroe: [tjek.a.dele.x, {a: b}, [a]]\n  samsoe: tekst\n"
        "eksporter: [a, b]\n",
        encoding="utf-8",
    )

    state = local.load(home, SLUG)

    assert COPY_ID.match(state.copy) and state.copy != "IKKE-GYLDIG"
    assert (state.side, state.organisation) == (None, None)
    assert dict(state.drafts) == {"tjek.a.dele.x": "Min kladde"}
    assert {k: dict(v) for k, v in state.known.items()} == {"aeroe": {"tjek.a.dele.x": "00000000 a:1"}}
    assert dict(state.news) == {"aeroe": ("tjek.a.dele.x",)}
    assert dict(state.exports) == {}


# --- a copied folder is a new copy ----------------------------------------------------------------


@pytest.mark.parametrize(
    "elsewhere",
    [
        pytest.param(lambda home: f"en-anden-computer:{home.resolve()}", id="anden-computer"),
        pytest.param(lambda home: f"{socket.gethostname()}:/en/anden/mappe", id="anden-mappe"),
    ],
)
def test_a_copied_folder_gets_a_new_copy_id_and_keeps_the_rest(store, home, elsewhere):
    local.save(
        home,
        SLUG,
        LocalState(
            copy="aaaaaaaa",
            side="dele",
            place=elsewhere(home),
            drafts={"tjek.a.dele.x": "Kladde"},
            given={"tjek.a.dele.x": 3},
            warned="tjek.a.dele.x:1/3",
            wrote={"dele": ("tjek.a.dele.x",)},
        ),
    )

    moved = local.load(home, SLUG)
    assert (dict(moved.given), moved.warned, dict(moved.wrote)) == ({}, "", {})  # the old copy id's

    assert moved.copy != "aaaaaaaa" and COPY_ID.match(moved.copy)
    assert moved.fresh
    assert moved.place == local.this_place(home)
    assert (moved.side, dict(moved.drafts)) == ("dele", {"tjek.a.dele.x": "Kladde"})
    kept = store.local(SLUG)
    assert kept.copy != "aaaaaaaa" and kept.side == "dele"
    assert local.load(home, SLUG).copy == kept.copy  # from now on, this copy's id


def test_the_same_place_keeps_its_copy_id(home):
    local.save(home, SLUG, LocalState(copy="aaaaaaaa", place=local.this_place(home)))

    assert local.load(home, SLUG).copy == "aaaaaaaa"
    assert not local.load(home, SLUG).fresh


# --- the file and its folder --------------------------------------------------------------------


def test_everything_kept_reads_back(home):
    state = LocalState(
        copy="0123abcd",
        side="genbruge",
        organisation="aeroe-kommune",
        place=local.this_place(home),
        drafts={"tjek.a.dele.x": "Halvt skrevet\nmed to linjer", "aeroe-kommune/tjek.a.genbruge.z": "Æ"},
        known={"aeroe-kommune": {"tjek.a.dele.x": "1a2b3c4d 0123abcd:2"}},
        news={"dele": ("aeroe-kommune/tjek.a.genbruge.z",)},
        brought={"fanoe-kommune": {"tjek.a.dele.x": "5e6f7a8b 0123abcd:1 4567cdef:1"}},
        exports={"/tmp/eksport.yaml": "a" * 64},
        exchanged=("dele", "fanoe-kommune"),
        joined=("tjek.a.dele.x",),
        worksheets={"w0123456789a": {"tjek.a.dele.x": {"1a2b3c4d": 1, "5e6f7a8b": 12}}},
        given={"tjek.a.dele.x": 2, "aeroe-kommune/plan:0a1b2c3d": 123456789012345},
        warned="tjek.a.dele.x:1/2",
        wrote={
            "dele": ("tjek.a.dele.x",),
            "aeroe-kommune": ("tjek.a.dele.x", "aeroe-kommune/tjek.a.genbruge.z"),
        },
        merged=("4567cdef",),
    )

    local.save(home, SLUG, state)

    assert local.load(home, SLUG) == state._replace(folder_id=local.folder_id(home))  # the folder's now
    assert local.folder_id(home)
    assert not local.load(home, SLUG).damaged


def test_what_a_worksheet_brought_in_is_read_value_by_value_and_a_file_with_more_is_kept_aside(home):
    """A count or checksum that is not one is dropped, and the file is only partly understood, so it
    is moved aside before it is replaced (as a program from before 'arbejdsark' treats the whole key)."""
    local.ensure_folder(home)
    state_file(home).write_text(
        f"kopi: 0123abcd\nsted: '{local.this_place(home)}'\n"
        "arbejdsark:\n  w0123456789a:\n    tjek.a.dele.x: {'1a2b3c4d': '3', 'zz': '1', '5e6f7a8b': '-1'}\n"
        "  ikke-et-ark: {}\n",
        encoding="utf-8",
    )

    state = local.load(home, SLUG)

    assert state.worksheets == {"w0123456789a": {"tjek.a.dele.x": {"1a2b3c4d": 3}}}
    assert state.damaged
    remembered = local.with_sheet_versions(state, "w0123456789a", {"tjek.a.dele.x": {"1a2b3c4d": 9, "9f": 4}})
    assert remembered.worksheets["w0123456789a"]["tjek.a.dele.x"] == {"1a2b3c4d": 3, "9f": 4}  # kept as given


def test_the_helper_folder_keeps_itself_out_of_git(home):
    local.ensure_folder(home)

    ignore = local.folder(home) / ".gitignore"
    assert "*" in ignore.read_text(encoding="utf-8").splitlines()
    assert local.folder(home) == home / ".spredning"


def test_a_gitignore_someone_changed_is_left_alone(home):
    local.folder(home).mkdir(parents=True)
    ignore = local.folder(home) / ".gitignore"
    ignore.write_text("*\n!noget\n", encoding="utf-8")

    local.ensure_folder(home)

    assert ignore.read_text(encoding="utf-8") == "*\n!noget\n"


def test_the_store_makes_the_helper_folder_with_its_gitignore(store, home):
    store.local(SLUG)

    assert sorted(p.name for p in local.folder(home).iterdir() if not p.name.endswith(".lock")) == [
        ".gitignore",
        f"{SLUG}.yaml",
    ]
    assert "*" in (local.folder(home) / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_project_file_holds_nothing_of_this_computer(store, home):
    store.update_local(SLUG, lambda s: s._replace(side="dele", drafts={"tjek.a.dele.x": "Kladde"}))

    text = store.path_for(SLUG).read_text(encoding="utf-8")

    assert store.local(SLUG).side == "dele"
    assert "Kladde" not in text and "side" not in text and store.local(SLUG).copy not in text


def test_update_local_writes_only_when_something_changed(store, home):
    store.local(SLUG)
    before = state_file(home).stat()

    store.update_local(SLUG, lambda s: s)

    assert state_file(home).stat().st_ino == before.st_ino


def test_a_state_that_cannot_be_written_is_kept_in_memory(store, home, monkeypatch):
    """A read-only folder: the user can still read the project; the copy id is made again next time."""
    from spredning.core import fileio
    from spredning.core.errors import SpredningError

    def refuse(path, content):
        raise SpredningError("files.cannot-save", path=path)

    monkeypatch.setattr(fileio, "atomic_write", refuse)

    state = store.local(SLUG)

    assert COPY_ID.match(state.copy)
    assert not state_file(home).exists()


@pytest.mark.parametrize(
    ("slot", "key"),
    [(("", "tjek.a.dele.x"), "tjek.a.dele.x"), (("aeroe", "tjek.a.dele.x"), "aeroe/tjek.a.dele.x")],
)
def test_slot_keys(slot, key):
    assert local.slot_key(slot) == key
    assert local.key_slot(key) == slot


@pytest.mark.parametrize(
    ("side", "organisation", "me"),
    [
        ("dele", None, "dele"),
        ("dele", "aeroe", "dele"),
        ("genbruge", "aeroe", "aeroe"),
        (None, "aeroe", None),
    ],
)
def test_me_is_this_copys_organisation(side, organisation, me):
    assert LocalState(copy="aaaaaaaa", side=side, organisation=organisation).me == me


# --- placed: one window's part of a draft, decided from the file as it is now -------------------------


def test_counts_given_are_read_value_by_value_and_a_file_with_more_is_kept_aside(home):
    """A count that is not one is dropped, so the file is only partly understood and kept aside."""
    state = read_back(home, "givet: {'tjek.a.dele.x': '4', 'tjek.a.dele.y': '0', 'tjek.a.dele.z': 'mange'}\n")

    assert dict(state.given) == {"tjek.a.dele.x": 4}
    assert state.damaged


def test_the_organisations_files_were_exchanged_with_are_read_one_by_one_and_kept_once(home):
    """A key that is not an organisation's is dropped, so the file is only partly understood and
    kept aside (as a program from before 'udvekslet-med' treats the whole key)."""
    state = read_back(home, "udvekslet-med: [dele, aeroe-kommune, 'Ikke En Nøgle', dele]\n")

    assert state.exchanged == ("dele", "aeroe-kommune")
    assert state.damaged
    assert local.takes_files(state, "aeroe-kommune") and not local.takes_files(state, "fanoe-kommune")
    assert local.with_exchanged(state, "dele") is state
    assert local.with_exchanged(state, "fanoe-kommune").exchanged == (
        "dele",
        "aeroe-kommune",
        "fanoe-kommune",
    )
