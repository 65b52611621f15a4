"""Hostile files: broken, foreign or malicious project files read through the Store and the CLI.

Every file here is written by hand (or by another tool), made the active project, and then read by
``Store.load`` and by ``spredning status``. The promise: a clear Danish error naming the file, exit
code 1, no traceback, and the file's bytes exactly as they were. A few foreign files are fine
(a BOM, CRLF, values another YAML tool wrote unquoted): they load, and the first save keeps the old
file as a backup before writing it in spredning's own form.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spredning.core import yamlio
from spredning.core.errors import ProjectFileError, SpredningError
from spredning.core.model import Project
from spredning.core.store import ACTIVE_FILE, BACKUP_INFIX, Store

QID = "tjek.beskriv-innovationen.genbruge.interessant"
GOOD = "format: '1'\nguideudgave: '2023'\nprojekt:\n  navn: Fremmed fil\n"
SLUG = "fremmed"


def write_active(store: Store, content: bytes | str, slug: str = SLUG) -> Path:
    """Write a hand-made project file and make it the active project; return its path."""
    store.home.mkdir(parents=True, exist_ok=True)
    path = store.path_for(slug)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (store.home / ACTIVE_FILE).write_text(slug + "\n", encoding="utf-8")
    return path


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return GOOD + "svar:\n" + "\n".join("  " + line for line in lines) + "\n"


def nested(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels


# (id, file bytes, a word the message must contain)
BROKEN: list[tuple[str, bytes, str]] = [
    ("ugyldig-yaml", b"format: '1'\nprojekt: {navn: [\n", "ikke gyldig YAML"),
    ("tabulator-indrykning", b"format: '1'\nprojekt:\n\tnavn: x\n", "ikke gyldig YAML"),
    ("liste-oeverst", b"- format: '1'\n- projekt: x\n", "rigtige form"),
    ("tal-oeverst", b"42\n", "rigtige form"),
    ("tom-fil", b"", "rigtige form"),
    ("tal-som-projekt", b"format: '1'\nprojekt: 42\n", "'projekt'"),
    ("tal-som-svar", (GOOD + "svar: 7\n").encode(), "'svar'"),
    ("svar-som-liste", (GOOD + "svar:\n  - a\n  - b\n").encode(), "'svar'"),
    ("svar-som-samling", (GOOD + f"svar:\n  {QID}:\n    a: b\n").encode(), "skal være en tekst"),
    ("for-dyb", (GOOD + f"svar:\n  x: {nested(40)}\n").encode(), "dybere end"),
    ("for-stor", (GOOD + "svar:\n  x: " + "a" * yamlio.MAX_BYTES + "\n").encode(), "for stor"),
    ("billion-laughs", billion_laughs().encode(), "(& og *)"),
    ("dobbelt-noegle", (GOOD + f"svar:\n  {QID}: ja\n  {QID}: nej\n").encode(), "to gange"),
    ("dobbelt-format", b"format: '1'\nformat: '1'\nprojekt:\n  navn: x\n", "to gange"),
    (
        "python-tag",
        b"format: '1'\nprojekt: !!python/object/apply:os.system ['touch PWNED']\n",
        "ulovlig YAML-type",
    ),
    ("python-name-tag", (GOOD + "svar:\n  x: !!python/name:os.getcwd\n").encode(), "ulovlig YAML-type"),
    ("int-tag", b"format: !!int 1\nprojekt:\n  navn: x\n", "ulovlig YAML-type"),
    ("merge-noegle", (GOOD + "svar:\n  <<: {a: b}\n").encode(), "'<<'"),
    ("nyere-format", b"format: '2'\nprojekt:\n  navn: Fremtiden\n", "nyere udgave"),
    ("ingen-format", b"projekt:\n  navn: Uden format\n", "formatnummer"),
    ("format-nul", b"format: '0'\nprojekt:\n  navn: Nul\n", "formatnummer"),
    ("ukendt-noegle", (GOOD + "hemmelig: x\n").encode(), "ukendt nøgle 'hemmelig'"),
    ("liste-som-noegle", (GOOD + "svar:\n  ? [a, b]\n  : x\n").encode(), "nøgle skal være en tekst"),
    ("latin-1", GOOD.replace("Fremmed fil", "Ærø Østergård").encode("latin-1"), "UTF-8"),
    ("utf-16", GOOD.encode("utf-16"), "UTF-8"),
    ("nul-byte", (GOOD + "svar:\n  x: a\x00b\n").encode(), "kontroltegn"),
    ("esc-byte", (GOOD + "svar:\n  x: a\x1b[2Jb\n").encode(), "kontroltegn"),
]


@pytest.mark.parametrize(("content", "word"), [pytest.param(c, w, id=i) for i, c, w in BROKEN])
def test_store_load_refuses_a_broken_file_and_names_it(store, content, word, tmp_path):
    path = write_active(store, content)
    with pytest.raises(ProjectFileError) as caught:
        store.load(SLUG)
    assert str(path) in caught.value.message
    assert word in caught.value.message
    assert path.read_bytes() == content
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


@pytest.mark.parametrize(("content", "word"), [pytest.param(c, w, id=i) for i, c, w in BROKEN])
def test_a_save_never_overwrites_a_broken_file(store, guide, content, word):
    path = write_active(store, content)
    with pytest.raises(ProjectFileError):
        store.save_answers(SLUG, {QID: "Ja"}, {QID: None}, guide.question_ids())
    assert path.read_bytes() == content
    assert sorted(p.name for p in store.home.iterdir()) == sorted(
        [ACTIVE_FILE, path.name, f".{path.name}.lock"]
    )


@pytest.mark.parametrize(("content", "word"), [pytest.param(c, w, id=i) for i, c, w in BROKEN])
def test_status_on_a_broken_active_project_is_a_clear_error(store, run_cli, monkeypatch, content, word):
    monkeypatch.setenv("COLUMNS", "1000")  # keep the long tmp path on one line
    path = write_active(store, content)
    code, out, err = run_cli("status")
    assert code == 1
    assert out == ""
    assert err.startswith("Fejl: Projektfilen")
    assert str(path) in err
    assert word in err
    assert "Traceback" not in err and "Error" not in err
    assert "\x1b" not in err and "\x00" not in err
    assert path.read_bytes() == content


# --- files of the wrong kind -------------------------------------------------------------------


def test_a_project_file_that_is_a_directory(store, run_cli):
    store.home.mkdir(parents=True)
    path = store.path_for(SLUG)
    path.mkdir()
    (store.home / ACTIVE_FILE).write_text(SLUG, encoding="utf-8")
    with pytest.raises(ProjectFileError, match="ikke en almindelig fil"):
        store.load(SLUG)
    code, _out, err = run_cli("status")
    assert code == 1
    assert "ikke en almindelig fil" in err and "Traceback" not in err
    assert path.is_dir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_project_file_that_is_a_named_pipe_does_not_hang(store, run_cli):
    store.home.mkdir(parents=True)
    os.mkfifo(store.path_for(SLUG))
    (store.home / ACTIVE_FILE).write_text(SLUG, encoding="utf-8")
    code, _out, err = run_cli("status")  # opening a FIFO for reading would block without O_NONBLOCK
    assert code == 1
    assert "ikke en almindelig fil" in err


def test_a_symlink_to_a_device_is_refused_not_read_forever(store, run_cli):
    store.home.mkdir(parents=True)
    store.path_for(SLUG).symlink_to("/dev/zero")
    (store.home / ACTIVE_FILE).write_text(SLUG, encoding="utf-8")
    code, _out, err = run_cli("status")
    assert code == 1
    assert "ikke en almindelig fil" in err


def test_a_symlink_pointing_outside_is_read_but_never_written_through(store, guide, tmp_path, run_cli):
    """Documented behaviour: a link the user placed is followed for reading; a save replaces the
    link with a regular file in the folder, so the file outside is never changed."""
    outside = tmp_path / "andetsteds" / "projekt.yaml"
    outside.parent.mkdir()
    outside.write_text(GOOD, encoding="utf-8")
    store.home.mkdir(parents=True)
    link = store.path_for(SLUG)
    link.symlink_to(outside)
    (store.home / ACTIVE_FILE).write_text(SLUG, encoding="utf-8")

    assert store.load(SLUG).name == "Fremmed fil"
    assert run_cli("status")[0] == 0
    store.save_answers(SLUG, {QID: "Ja"}, {QID: None}, guide.question_ids())

    assert outside.read_text(encoding="utf-8") == GOOD
    assert not link.is_symlink()
    assert store.load(SLUG).answer(QID) == "Ja"


# --- names and the active marker are never paths ----------------------------------------------


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..\\..\\x", "../hjem2/x"])
def test_a_project_name_is_only_ever_a_slug(tmp_path, run_cli, name):
    code, _out, err = run_cli("start", "--navn", name, "--rolle", "dele")
    assert code == 0, err
    home = tmp_path / "hjem"
    created = [p for p in home.iterdir() if p.suffix == ".yaml"]
    assert len(created) == 1
    assert created[0].parent == home
    assert ".." not in created[0].name and "/" not in created[0].stem
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hjem"]


@pytest.mark.parametrize("option", ["../../x", "/etc/passwd", "../hjem/fremmed"])
def test_a_project_option_is_never_a_path(tmp_path, run_cli, option):
    outside = tmp_path / "x.yaml"
    outside.write_text(GOOD, encoding="utf-8")
    code, out, err = run_cli("--projekt", option, "status")
    assert code == 1
    assert "findes ikke" in err
    assert "Fremmed fil" not in out


@pytest.mark.parametrize(
    "marker", [b"../../x\n", b"/etc/passwd", b"../x", b"x/../x", b"\xff\xfe", b"x" * 5000]
)
def test_a_tampered_active_marker_is_no_active_project(store, tmp_path, run_cli, marker):
    store.home.mkdir(parents=True)
    (tmp_path / "x.yaml").write_text(GOOD, encoding="utf-8")  # where "../x" would lead
    (store.home / ACTIVE_FILE).write_bytes(marker)
    assert store.active() is None
    code, out, err = run_cli("status")
    assert code == 1
    assert "intet aktivt projekt" in err
    assert "Fremmed fil" not in out + err
    assert (store.home / ACTIVE_FILE).read_bytes() == marker


def test_an_active_marker_that_is_a_directory_is_no_active_project(store, run_cli):
    (store.home / ACTIVE_FILE).mkdir(parents=True)
    code, _out, err = run_cli("status")
    assert code == 1
    assert "intet aktivt projekt" in err


# --- foreign but fine: it loads, values stay text, the first save keeps a backup ----------------


@pytest.mark.parametrize(
    "value",
    [
        "no",
        "NO",
        "on",
        "Off",
        "yes",
        "12:30",
        "0123",
        "0x1f",
        "2024-01-02",
        "2024-01-02 12:30:00",
        "~",
        "null",
        "1e3",
        ".nan",
        "-.inf",
        "3.14",
        "42",
    ],
)
def test_unquoted_values_from_another_tool_stay_the_text_they_were(store, value):
    write_active(store, GOOD + f"svar:\n  {QID}: {value}\n  andet.id: {value}\n")
    project = store.load(SLUG)
    assert project.answer(QID) == value
    assert project.answers == {QID: value, "andet.id": value}
    assert all(type(text) is str for text in project.answers.values())


def test_an_answer_written_as_a_number_is_read_as_its_text(store):
    """Documented: a number where an answer belongs is not an error; it is the text it was."""
    write_active(store, GOOD + f"svar:\n  {QID}: 007\n")
    assert store.load(SLUG).answer(QID) == "007"


FOREIGN_BUT_FINE = [
    ("bom", ("\ufeff" + GOOD + f"svar:\n  {QID}: Ærø\n").encode("utf-8")),
    ("crlf", (GOOD + f"svar:\n  {QID}: Ærø\n").replace("\n", "\r\n").encode("utf-8")),
    ("bom-og-crlf", ("\ufeff" + GOOD + f"svar:\n  {QID}: Ærø\n").replace("\n", "\r\n").encode()),
    ("kommentarer", (GOOD + f"# noter fra mødet\nsvar:\n  {QID}: Ærø  # vigtigt\n").encode()),
    ("andre-anfoerselstegn", (GOOD.replace("'", '"') + f'svar:\n  "{QID}": "Ærø"\n').encode()),
]


@pytest.mark.parametrize("content", [pytest.param(c, id=i) for i, c in FOREIGN_BUT_FINE])
def test_a_foreign_file_loads_and_the_first_save_keeps_a_backup(store, guide, content, run_cli):
    path = write_active(store, content)
    assert store.load(SLUG).answer(QID) == "Ærø"
    assert run_cli("status")[0] == 0
    assert path.read_bytes() == content  # reading never rewrites

    store.save_answers(SLUG, {"tjek.x": "Nyt"}, {"tjek.x": None}, guide.question_ids())

    backups = sorted(store.home.glob(f"{path.name}{BACKUP_INFIX}*"))
    assert backups == [store.last_backup]
    assert backups[0].read_bytes() == content
    new = path.read_bytes()
    assert not new.startswith(b"\xef\xbb\xbf") and b"\r" not in new
    assert new.startswith(b"format: 1\n")
    assert store.load(SLUG).answers == {QID: "Ærø", "tjek.x": "Nyt"}

    store.save_answers(SLUG, {"tjek.y": "Mere"}, {"tjek.y": None}, guide.question_ids())
    assert store.last_backup is None  # the file is in spredning's own form now
    assert sorted(store.home.glob(f"{path.name}{BACKUP_INFIX}*")) == backups


def test_a_file_spredning_wrote_itself_gets_no_backup(store, guide, make_project):
    slug = make_project(answers={QID: "Første\nanden linje"})
    store.save_answers(slug, {QID: "no"}, {QID: "Første\nanden linje"}, guide.question_ids())
    store.save_answers(slug, {"x": "~"}, {"x": None}, guide.question_ids())
    assert store.last_backup is None
    assert list(store.home.glob(f"*{BACKUP_INFIX}*")) == []


def test_two_repairs_in_the_same_second_keep_two_backups(store, guide):
    path = write_active(store, "\ufeff" + GOOD)
    store.save_answers(SLUG, {"a": "1"}, {"a": None}, guide.question_ids())
    path.write_bytes(("\ufeff" + GOOD + "svar:\n  a: '1'\n").encode())
    store.save_answers(SLUG, {"b": "2"}, {"b": None}, guide.question_ids())
    backups = sorted(store.home.glob(f"{path.name}{BACKUP_INFIX}*"))
    assert len(backups) == 2
    assert {b.read_bytes() for b in backups} == {
        ("\ufeff" + GOOD).encode(),
        ("\ufeff" + GOOD + "svar:\n  a: '1'\n").encode(),
    }
    assert store.slugs() == [SLUG]  # backups are not projects


def test_a_backup_that_cannot_be_written_stops_the_save(store, guide, monkeypatch):
    content = ("\ufeff" + GOOD).encode()
    path = write_active(store, content)
    real_open = os.open

    def no_backups(name, *args, **kwargs):
        if BACKUP_INFIX in os.fspath(name):
            raise OSError(28, "No space left on device")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_backups)
    with pytest.raises(SpredningError) as caught:
        store.save_answers(SLUG, {"a": "1"}, {"a": None}, guide.question_ids())
    monkeypatch.undo()
    assert "disken er fuld" in caught.value.message
    assert path.read_bytes() == content
    assert sorted(p.name for p in store.home.iterdir()) == sorted(
        [ACTIVE_FILE, path.name, f".{path.name}.lock"]
    )


def test_a_project_created_with_a_hostile_name_round_trips(store, guide):
    name = "../../etc/passwd\x1b[2J [bold]x[/] :warning: no"
    project = Project(slug="etc-passwd", name=name, guide_edition=guide.edition)
    path = store.create(project, guide.question_ids())
    assert path == store.home / "etc-passwd.yaml"
    assert store.load("etc-passwd").name == name


# --- an answer file handed to 'fase --svar' ----------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_answer_file_is_refused_by_the_size_cap(store, make_project):
    import resource
    import subprocess
    import sys

    store.set_active(make_project())
    before = store.path_for("aeroe-kommune").read_bytes()

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "spredning"),
            "fase",
            "tjek",
            "--rolle",
            "genbruge",
            "--svar",
            "/dev/zero",
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        check=False,
    )
    assert result.returncode == 1
    assert "for stor" in result.stderr
    assert store.path_for("aeroe-kommune").read_bytes() == before
