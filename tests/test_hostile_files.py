"""Hostile files: broken, foreign or malicious project files read through the Store and the CLI.

Every file here is written by hand (or by another tool), made the active project, and then read by
``Store.load`` and by ``spredning status``. The promise: a clear error from the catalogue naming the
file, exit code 1, no traceback, and the file's bytes exactly as they were. A few foreign files are
fine (a BOM, CRLF, values another YAML tool wrote unquoted, a format 1 file): they load, and the
first save keeps the old file as a backup before writing it in spredning's own form.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from report_reading import flat

from spredning import i18n
from spredning.core import history, local, projectfile
from spredning.core.errors import Message, ProjectFileError, SpredningError
from spredning.core.fileio import BACKUP_INFIX
from spredning.core.model import Answer, Partner, Project, layout, side_of
from spredning.core.store import ACTIVE_FILE, READ_LIMIT, Store

QID = "tjek.beskriv-innovationen.genbruge.interessant"
SHARED_QID = "tjek.beskriv-innovationen.dele.formaal"
PARTNER = "aeroe"
PROJECT_ID = "5b0c7f9e-1c2d-4e3f-8a9b-0c1d2e3f4a5b"
HEAD = f"format: '2'\nid: {PROJECT_ID}\nguideudgave: '2023'\nprojekt:\n  navn: Fremmed fil\n"
GOOD = HEAD + f"  genbrugere:\n    {PARTNER}: Ærø Kommune\n"
GOOD1 = "format: '1'\nguideudgave: '2023'\nprojekt:\n  navn: Fremmed fil\n"  # an old project
SLUG = "fremmed"


@pytest.fixture
def store(tmp_path, guide) -> Store:
    return Store(tmp_path / "hjem", layout(guide))


def write_active(store: Store, content: bytes | str, slug: str = SLUG) -> Path:
    """Write a hand-made project file and make it the active project; return its path."""
    local.ensure_folder(store.home)
    path = store.path_for(slug)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (local.folder(store.home) / ACTIVE_FILE).write_text(slug + "\n", encoding="utf-8")
    return path


def in_answers(text: str) -> str:
    """A format 2 file whose reusing side's answers are this text."""
    return (
        GOOD
        + f"svar:\n  genbruge:\n    {PARTNER}:\n"
        + "".join(f"      {line}\n" for line in text.splitlines())
    )


def words(exc: SpredningError) -> str:
    return i18n.render(exc.message)


def innermost(exc: SpredningError) -> Message:
    """The most specific reason an error carries (a problem inside 'the file cannot be read')."""
    found = exc.message
    while isinstance(found.params.get("problem"), Message):
        found = found.params["problem"]
    return found


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return GOOD + "svar:\n" + "\n".join("  " + line for line in lines) + "\n"


def nested(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels


MARKERS = "<<<<<<< HEAD\nsvar: {}\n=======\nsvar: ''\n>>>>>>> anden\n"  # git's, from a merge

# (id, file bytes, the key of the most specific reason the user is given)
COMMENT = "yaml.comment-after-text"
BROKEN: list[tuple[str, bytes, str]] = [
    ("ugyldig-yaml", b"format: '2'\nprojekt: {navn: [\n", "yaml.problem.no-value"),
    ("tabulator-indrykning", b"format: '2'\nprojekt:\n\tnavn: x\n", "yaml.problem.tab"),  # not "quote it"
    ("tegn-foerst", b"format: '2'\nprojekt: @x\n", "yaml.problem.token"),
    ("liste-oeverst", b"- format: '2'\n- projekt: x\n", "project.not-mapping"),
    ("tal-oeverst", b"42\n", "project.not-mapping"),
    ("tom-fil", b"", "project.empty"),
    ("kun-kommentarer", b"# intet andet\n\n", "project.empty"),
    ("tal-som-projekt", b"format: '2'\nprojekt: 42\n", "project.facts-not-mapping"),
    ("tal-som-svar", (GOOD + "svar: 7\n").encode(), "project.answers-not-mapping"),
    ("svar-som-liste", (GOOD + "svar:\n  - a\n  - b\n").encode(), "project.answers-not-mapping"),
    ("svar-med-fremmed-noegle", in_answers(f"{QID}:\n  a: b").encode(), "project.unknown-key"),
    ("gammelt-svar-samling", (GOOD1 + f"svar:\n  {QID}:\n    a: b\n").encode(), "project.answer-not-text"),
    ("for-dyb", (GOOD + f"svar:\n  x: {nested(40)}\n").encode(), "yaml.too-deep"),
    ("for-stor", (GOOD + "svar:\n  x: " + "a" * READ_LIMIT + "\n").encode(), "project.too-large"),
    ("billion-laughs", billion_laughs().encode(), "yaml.anchor"),
    ("dobbelt-noegle", in_answers(f"{QID}: ja\n{QID}: nej").encode(), "project.kept-twice"),
    ("dobbelt-tekst", in_answers(f"{QID}:\n  tekst: ja\n  tekst: nej").encode(), "project.kept-twice"),
    ("dobbelt-format", b"format: '2'\nformat: '2'\nprojekt:\n  navn: x\n", "yaml.duplicate-key"),
    (
        "python-tag",
        b"format: '2'\nprojekt: !!python/object/apply:os.system ['touch PWNED']\n",
        "yaml.type",
    ),
    ("python-name-tag", (GOOD + "svar:\n  x: !!python/name:os.getcwd\n").encode(), "yaml.type"),
    ("int-tag", b"format: !!int 2\nprojekt:\n  navn: x\n", "yaml.type"),
    ("merge-noegle", (GOOD + "svar:\n  <<: {a: b}\n").encode(), "yaml.merge-key"),
    ("nyere-format", b"format: '7'\nprojekt:\n  navn: Fremtiden\n", "project.newer-format"),
    ("ingen-format", b"projekt:\n  navn: Uden format\n", "project.no-format"),
    ("format-nul", b"format: '0'\nprojekt:\n  navn: Nul\n", "project.unknown-format"),
    ("ukendt-noegle", (GOOD + "hemmelig: x\n").encode(), "project.unknown-key"),
    ("liste-som-noegle", (GOOD + "svar:\n  ? [a, b]\n  : x\n").encode(), "yaml.key-not-text"),
    ("latin-1", GOOD.replace("Fremmed fil", "Ærø Østergård").encode("latin-1"), "yaml.not-utf8"),
    ("utf-16", GOOD.encode("utf-16"), "yaml.not-utf8"),
    ("nul-byte", (GOOD + "svar:\n  x: a\x00b\n").encode(), "yaml.control-char"),
    ("esc-byte", (GOOD + "svar:\n  x: a\x1b[2Jb\n").encode(), "yaml.control-char"),
    ("uden-id", GOOD.replace(f"id: {PROJECT_ID}\n", "").encode(), "project.bad-id"),
    ("id-som-sti", GOOD.replace(PROJECT_ID, "../../etc/passwd").encode(), "project.bad-id"),
    ("ukendt-genbruger", (GOOD + "svar:\n  genbruge:\n    x: {}\n").encode(), "project.unknown-partner"),
    ("id-for-svar-som-sti", in_answers("../../x: a").encode(), "project.bad-question-id"),
    ("falsk-version", in_answers(f"{QID}:\n  tekst: a\n  version: rm -rf").encode(), "project.bad-version"),
    ("git-konflikt", (GOOD + MARKERS).encode(), "project.git-conflict"),
    ("kommentar-i-svar", in_answers(f"{QID}:\n  tekst: Video # og tablet").encode(), COMMENT),
    ("kommentar-i-navn", GOOD.replace("navn: Fremmed fil", "navn: Fremmed # fil").encode(), COMMENT),
]  # fmt: skip


@pytest.mark.parametrize(("content", "reason"), [pytest.param(c, r, id=i) for i, c, r in BROKEN])
def test_store_load_refuses_a_broken_file_and_names_it(store, content, reason, tmp_path):
    path = write_active(store, content)
    with pytest.raises(ProjectFileError) as caught:
        store.load(SLUG)
    assert caught.value.params["path"] == path
    assert str(path) in words(caught.value)
    assert innermost(caught.value).key == reason
    assert i18n.render(innermost(caught.value)) in words(caught.value)
    assert path.read_bytes() == content
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


@pytest.mark.parametrize(("content", "reason"), [pytest.param(c, r, id=i) for i, c, r in BROKEN])
def test_a_save_never_overwrites_a_broken_file(store, content, reason):
    path = write_active(store, content)

    def change(project, state):
        raise AssertionError("a broken file reached the change")

    with pytest.raises(ProjectFileError) as caught:
        store.transact(SLUG, change)
    assert innermost(caught.value).key == reason
    assert path.read_bytes() == content
    assert sorted(p.name for p in store.home.iterdir()) == sorted([local.FOLDER, path.name])
    assert list(store.home.rglob("*.tmp")) == [] and list(store.home.rglob(f"*{BACKUP_INFIX}*")) == []


@pytest.mark.parametrize(("content", "reason"), [pytest.param(c, r, id=i) for i, c, r in BROKEN])
def test_status_on_a_broken_active_project_is_a_clear_error(store, run_cli, monkeypatch, content, reason):
    monkeypatch.setenv("COLUMNS", "1000")  # keep the long tmp path on one line
    path = write_active(store, content)
    with pytest.raises(ProjectFileError) as caught:
        store.load(SLUG)
    code, out, err = run_cli("status")
    assert code == 1
    assert out == ""
    assert err.startswith(i18n.t("error.label") + words(caught.value).split("\n")[0])
    assert str(path) in err
    assert "Traceback" not in err and "Error" not in err and "project." not in err
    assert "\x1b" not in err and "\x00" not in err
    assert path.read_bytes() == content


# --- files of the wrong kind -------------------------------------------------------------------


def test_a_project_file_that_is_a_directory(store, run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")
    path = store.path_for(SLUG)
    write_active(store, b"")
    path.unlink()
    path.mkdir()
    with pytest.raises(ProjectFileError) as caught:
        store.load(SLUG)
    assert words(caught.value) == i18n.t("project.not-regular", path=path)
    code, _out, err = run_cli("status")
    assert code == 1
    assert i18n.t("project.not-regular", path=path) in err
    assert "Traceback" not in err
    assert path.is_dir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_project_file_that_is_a_named_pipe_does_not_hang(store, run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")
    path = write_active(store, b"")
    path.unlink()
    os.mkfifo(path)
    code, _out, err = run_cli("status")  # opening a FIFO for reading would block without O_NONBLOCK
    assert code == 1
    assert i18n.t("project.not-regular", path=path) in err


def test_a_symlink_to_a_device_is_refused_not_read_forever(store, run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")
    path = write_active(store, b"")
    path.unlink()
    path.symlink_to("/dev/zero")
    code, _out, err = run_cli("status")
    assert code == 1
    assert i18n.t("project.not-regular", path=path) in err
    assert path.is_symlink()


def test_a_symlink_pointing_outside_is_read_and_written_through(store, tmp_path, run_cli):
    """Documented behaviour: a link the user placed (to a shared drive, say) is followed both ways;
    the link stays a link, and the hand-written file is kept as a backup first."""
    outside = tmp_path / "andetsteds" / "projekt.yaml"
    outside.parent.mkdir()
    outside.write_text(GOOD, encoding="utf-8")
    link = write_active(store, b"")
    link.unlink()
    link.symlink_to(outside)

    assert store.load(SLUG).name == "Fremmed fil"
    assert run_cli("status")[0] == 0

    def change(project, state):
        slot = (PARTNER, QID)
        return project.with_entry(slot, history.edited(None, Answer("Ja"), state.copy)), state, None

    store.transact(SLUG, change)

    assert link.is_symlink() and link.resolve() == outside
    assert store.last_backup.read_text(encoding="utf-8") == GOOD
    assert "tekst: Ja" in outside.read_text(encoding="utf-8")
    assert store.load(SLUG).entry((PARTNER, QID)).answer.text == "Ja"


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
    assert all(home in p.resolve().parents for p in home.rglob("*"))


@pytest.mark.parametrize("option", ["../../x", "/etc/passwd", "../hjem/fremmed"])
def test_a_project_option_is_never_a_path(tmp_path, run_cli, monkeypatch, option):
    monkeypatch.setenv("COLUMNS", "1000")
    outside = tmp_path / "x.yaml"
    outside.write_text(GOOD, encoding="utf-8")
    code, out, err = run_cli("--projekt", option, "status")
    assert code == 1
    if option == "/etc/passwd":  # a file elsewhere is named as such, and refused (test_project_by_path.py)
        said = i18n.t("store.elsewhere", path=option, home=tmp_path / "hjem")
    else:
        said = i18n.t("store.not-found", name=option, home=tmp_path / "hjem", close=[])
    assert said in err
    assert "Fremmed fil" not in out


@pytest.mark.parametrize(
    "marker", [b"../../x\n", b"/etc/passwd", b"../x", b"x/../x", b"\xff\xfe", b"x" * 5000]
)
@pytest.mark.parametrize("where", ["ny", "gammel"])
def test_a_tampered_active_marker_is_no_active_project(store, tmp_path, run_cli, marker, where):
    local.ensure_folder(store.home)
    (tmp_path / "x.yaml").write_text(GOOD, encoding="utf-8")  # where "../x" would lead
    (store.home / "x.yaml").mkdir()  # and a folder named like a project
    file = local.folder(store.home) / ACTIVE_FILE if where == "ny" else store.home / ".aktivt-projekt"
    file.write_bytes(marker)
    assert store.active() is None
    code, out, err = run_cli("status")
    assert code == 1
    # the only thing under a project file's name is the folder, said to be one (not "no project")
    said = i18n.t("project.not-regular", path=store.home / "x.yaml")
    assert "".join(said.split()) in "".join(err.split())  # however the long path was broken
    assert "Fremmed fil" not in out + err
    assert file.read_bytes() == marker


def test_an_active_marker_that_is_a_directory_is_no_active_project(store, run_cli):
    (local.folder(store.home) / ACTIVE_FILE).mkdir(parents=True)
    code, _out, err = run_cli("status")
    assert code == 1
    assert i18n.t("store.no-project") in err


# --- foreign but fine: it loads, values stay text, the first save keeps a backup ----------------

UNQUOTED = [
    "no", "NO", "on", "Off", "yes", "12:30", "0123", "0x1f", "2024-01-02", "2024-01-02 12:30:00", "~",
    "null", "1e3", ".nan", "-.inf", "3.14", "42",
]  # fmt: skip


@pytest.mark.parametrize("value", UNQUOTED)
def test_unquoted_values_from_another_tool_stay_the_text_they_were(store, value):
    write_active(store, in_answers(f"{QID}: {value}\nfremtid.x.genbruge.y: {value}"))
    project = store.load(SLUG)
    dialogue = project.dialogues[PARTNER]
    assert {qid: e.answer.text for qid, e in dialogue.items()} == {QID: value, "fremtid.x.genbruge.y": value}
    assert all(type(e.answer.text) is str for e in dialogue.values())


@pytest.mark.parametrize("value", UNQUOTED)
def test_unquoted_values_in_a_format_1_file_stay_text_too(store, value):
    write_active(store, GOOD1 + f"svar:\n  {QID}: {value}\n  {SHARED_QID}: {value}\n")
    project = store.load(SLUG)
    assert project.shared[SHARED_QID].answer.text == value
    assert project.dialogues["genbruger"][QID].answer.text == value


def test_an_answer_written_as_a_number_is_read_as_its_text(store):
    """Documented: a number where an answer belongs is not an error; it is the text it was."""
    write_active(store, in_answers(f"{QID}: 007"))
    assert store.load(SLUG).dialogues[PARTNER][QID].answer.text == "007"


FOREIGN_BUT_FINE = [
    ("bom", "\ufeff" + in_answers(f"{QID}: Ærø")),
    ("crlf", in_answers(f"{QID}: Ærø").replace("\n", "\r\n")),
    ("bom-og-crlf", "\ufeff" + in_answers(f"{QID}: Ærø").replace("\n", "\r\n")),
    ("kommentarer", in_answers(f"# noter fra mødet\n{QID}: 'Ærø'  # vigtigt")),  # after quotes: a comment
    ("andre-anfoerselstegn", in_answers(f'"{QID}": "Ærø"').replace("'", '"')),
    ("format-1", GOOD1 + f"  genbrugere:\n  - Ærø Kommune\nsvar:\n  {QID}: Ærø\n"),
]  # fmt: skip


def answer_of(store: Store, qid: str) -> str | None:
    project = store.load(SLUG)
    key = project.partners[0].key if side_of(qid) == "genbruge" else ""
    entry = project.entry((key, qid))
    return entry.answer.text if entry else None


def save_answer(store: Store, qid: str, text: str) -> None:
    def change(project, state):
        key = project.partners[0].key if side_of(qid) == "genbruge" else ""
        new = history.edited(project.entry((key, qid)), Answer(text), state.copy)
        return project.with_entry((key, qid), new), state, None

    store.transact(SLUG, change)


@pytest.mark.parametrize("content", [pytest.param(c.encode(), id=i) for i, c in FOREIGN_BUT_FINE])
def test_a_foreign_file_loads_and_the_first_save_keeps_a_backup(store, content, run_cli):
    path = write_active(store, content)
    assert answer_of(store, QID) == "Ærø"
    assert run_cli("status")[0] == 0
    assert path.read_bytes() == content  # reading never rewrites

    save_answer(store, SHARED_QID, "Nyt")

    backups = sorted(store.home.glob(f"{path.name}{BACKUP_INFIX}*"))
    assert backups == [store.last_backup]
    assert backups[0].read_bytes() == content
    new = path.read_bytes()
    assert not new.startswith(b"\xef\xbb\xbf") and b"\r" not in new
    assert new.startswith(b"format: '2'\n")
    assert (answer_of(store, QID), answer_of(store, SHARED_QID)) == ("Ærø", "Nyt")

    save_answer(store, SHARED_QID, "Mere")
    assert store.last_backup is None  # the file is in spredning's own form now
    assert sorted(store.home.glob(f"{path.name}{BACKUP_INFIX}*")) == backups


def test_a_file_spredning_wrote_itself_gets_no_backup(store, guide):
    project = Project(
        id=projectfile.new_id(),
        slug=SLUG,
        name="Egen",
        partners=(Partner(PARTNER, "Ærø"),),
        guide_edition="2023",
    )
    store.create(project)
    save_answer(store, QID, "Første\nanden linje")
    save_answer(store, QID, "no")
    save_answer(Store(store.home, store.layout), "fremtid.x.dele.y", "~")  # another Store: checks the bytes
    assert store.last_backup is None
    assert list(store.home.glob(f"*{BACKUP_INFIX}*")) == []


def test_two_repairs_in_the_same_second_keep_two_backups(store):
    first = ("\ufeff" + GOOD).encode()
    path = write_active(store, first)
    save_answer(store, SHARED_QID, "1")
    second = ("\ufeff" + GOOD + f"svar:\n  dele:\n    {SHARED_QID}: '1'\n").encode()
    path.write_bytes(second)
    save_answer(store, SHARED_QID, "2")
    backups = sorted(store.home.glob(f"{path.name}{BACKUP_INFIX}*"))
    assert len(backups) == 2
    assert {b.read_bytes() for b in backups} == {first, second}
    assert store.slugs() == [SLUG]  # backups are not projects


def test_a_backup_that_cannot_be_written_stops_the_save(store, monkeypatch):
    content = ("\ufeff" + GOOD).encode()
    path = write_active(store, content)
    real_open = os.open

    def no_backups(name, *args, **kwargs):
        if BACKUP_INFIX in os.fspath(name):
            raise OSError(28, "No space left on device")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_backups)
    with pytest.raises(SpredningError) as caught:
        save_answer(store, SHARED_QID, "1")
    monkeypatch.undo()
    assert i18n.t("reason.full") in words(caught.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in store.home.iterdir()) == sorted([local.FOLDER, path.name])
    assert list(store.home.rglob("*.tmp")) == []


def test_a_project_created_with_a_hostile_name_round_trips(store, guide):
    name = "../../etc/passwd\x1b[2J [bold]x[/] :warning: no"
    project = Project(id=projectfile.new_id(), slug="etc-passwd", name=name, guide_edition=guide.edition)
    path = store.create(project)
    assert path == store.home / "etc-passwd.yaml"
    assert store.load("etc-passwd").name == name


# --- an answer file handed to 'fase --svar' ----------------------------------------------------


@pytest.fixture
def reusing_project(tmp_path, run_cli) -> Path:
    """An active project of the reusing side, made by the command itself; return its file."""
    code, _out, err = run_cli("start", "--navn", "Genbrug", "--rolle", "genbruge", "--genbruger", "Ærø")
    assert code == 0, err
    return tmp_path / "hjem" / "genbrug.yaml"


@pytest.mark.parametrize(
    "line",
    [
        f"{QID}: Video # og tablet",
        f"{QID}:\n  ikke-relevant: ja\n  begrundelse: Ikke hos os #endnu  # men måske",
        f"{QID}: Første linje\n  fortsætter # her",
    ],
)
def test_text_after_a_comment_mark_in_an_answer_file_is_refused_not_dropped(
    reusing_project, run_cli, tmp_path, line
):
    answers = tmp_path / "svar.yaml"
    answers.write_text(f"# Vores svar\n{line}\n", encoding="utf-8")
    before = reusing_project.read_bytes()

    code, out, err = run_cli("fase", "tjek", "--rolle", "genbruge", "--svar", str(answers))

    assert code == 1, out
    assert "læses som en kommentar og ville gå tabt" in " ".join(err.split())
    assert f"linje {line.count(chr(10)) + 2}" in err and "Intet er gemt" in err
    assert reusing_project.read_bytes() == before


def test_a_comment_mark_inside_quotes_or_a_block_is_part_of_the_answer(reusing_project, run_cli, tmp_path):
    answers = tmp_path / "svar.yaml"
    answers.write_text(f'{QID}: "Video # og tablet"  # vores note\n', encoding="utf-8")
    assert run_cli("fase", "tjek", "--rolle", "genbruge", "--svar", str(answers))[0] == 0
    assert "Video # og tablet" in reusing_project.read_text(encoding="utf-8")

    answers.write_text(f"{QID}: |\n  Linje 1 # med\n  Linje 2\n", encoding="utf-8")
    assert run_cli("fase", "tjek", "--rolle", "genbruge", "--svar", str(answers), "--erstat")[0] == 0
    assert "Linje 1 # med" in reusing_project.read_text(encoding="utf-8")


def run_installed(*argv: str, stdin) -> tuple[int, str]:
    import resource
    import subprocess
    import sys

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    result = subprocess.run(
        [str(Path(sys.executable).parent / "spredning"), *argv],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        check=False,
        env={**os.environ, "COLUMNS": "1000"},
    )
    return result.returncode, result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("content", ["", "# kun en kommentar\n", "{}\n"])
def test_an_empty_answer_file_is_called_empty_with_an_example_for_this_side(
    reusing_project, run_cli, tmp_path, content
):
    answers = tmp_path / "svar.yaml"
    answers.write_text(content, encoding="utf-8")
    before = reusing_project.read_bytes()

    code, _out, err = run_cli("fase", "tjek", "--rolle", "genbruge", "--svar", str(answers))

    assert code == 1
    assert "Svarfilen" in err and "er tom, så intet er gemt." in flat(err)
    assert str(answers) in "".join(err.split())  # the path, broken where the terminal ended
    assert "tjek.beskriv-innovationen.genbruge." in err  # an id of the side answering, not of 'dele'
    assert reusing_project.read_bytes() == before


@pytest.mark.parametrize("kind", ["eksport", "projektfil"])
def test_an_export_or_project_file_given_as_answers_says_what_it_is_and_to_use_importer(
    reusing_project, run_cli, tmp_path, kind
):
    given = tmp_path / "ud" / "fil.yaml"
    given.parent.mkdir()
    if kind == "eksport":
        assert run_cli("eksport", "--ud", str(given))[0] == 0
    else:
        given.write_bytes(reusing_project.read_bytes())
    before = reusing_project.read_bytes()

    code, _out, err = run_cli("fase", "tjek", "--rolle", "genbruge", "--svar", str(given))

    assert code == 1
    assert "er ikke en svarfil, men en fil fra spredning" in flat(err)
    assert f'Erfilenfraenpartner,hentessvareneindmed:spredningimporter"{given}"' in "".join(err.split())
    # ... and if it is our own (which importer refuses as bringing nothing), what --svar wants instead
    assert "En svarfil til --svar har ét svar pr. linje, fx: tjek.beskriv-innovationen.genbruge." in flat(err)
    assert "er ikke et spørgsmål" not in err
    assert reusing_project.read_bytes() == before


@pytest.mark.parametrize("kind", ["arbejdsark", "zip"])
def test_a_word_document_given_as_answers_says_what_it_is_not_to_save_it_as_utf8(
    reusing_project, run_cli, tmp_path, kind
):
    """Found in a trial: a worksheet given to --svar was said not to be saved as UTF-8, to be saved
    so in a text editor; a Word document is now named as one, with importer for a filled worksheet."""
    given = tmp_path / "ud" / "ark.docx"
    given.parent.mkdir()
    if kind == "arbejdsark":
        assert run_cli("arbejdsark", "--ud", str(given))[0] == 0
    else:  # any zip archive: a Word document of another program, say
        import zipfile

        with zipfile.ZipFile(given, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
    before = reusing_project.read_bytes()

    code, _out, err = run_cli("fase", "tjek", "--rolle", "genbruge", "--svar", str(given))

    said = flat(err)
    assert code == 1
    assert "er et Word-dokument (fx et arbejdsark), ikke en svarfil, så intet er gemt" in said
    assert f'spredningimporter"{given}"' in "".join(err.split())
    assert "UTF-8" not in said
    assert reusing_project.read_bytes() == before


def test_a_device_as_answer_file_is_refused_not_read_forever(reusing_project):
    import subprocess

    before = reusing_project.read_bytes()

    code, err = run_installed(
        "fase", "tjek", "--rolle", "genbruge", "--svar", "/dev/zero", stdin=subprocess.DEVNULL
    )

    assert code == 2
    assert i18n.t("answers.not-a-file", path="/dev/zero", kind=Message("files.kind.device")) in flat(err)
    assert reusing_project.read_bytes() == before


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="needs /dev/stdin")
def test_an_endless_answer_stream_is_refused_by_the_size_cap(reusing_project):
    import subprocess

    before = reusing_project.read_bytes()
    endless = subprocess.Popen(["yes", f"{QID}: ja"], stdout=subprocess.PIPE)
    try:
        code, err = run_installed(
            "fase", "tjek", "--rolle", "genbruge", "--svar", "/dev/stdin", stdin=endless.stdout
        )
    finally:
        endless.kill()
        endless.wait()

    assert code == 1
    assert i18n.t("yaml.too-large", limit=5 * 1024 * 1024) in err
    assert reusing_project.read_bytes() == before
