"""Durability of the store: answers survive exactly, failed writes change nothing, kills lose nothing.

The interview trims and normalises what a person types; the store must not: whatever text it is
given comes back exactly, with its history. A write that fails (no access, a full disk, text that
cannot be written) leaves the previous file, this computer's state and no temp files. A process
killed with SIGKILL in the middle of saving leaves a complete file holding every answer it
reported saved, and two processes saving at once lose nothing.
"""

from __future__ import annotations

import errno
import os
import random
import select
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from spredning import i18n
from spredning.core import history, local, projectfile
from spredning.core.content import load_guide
from spredning.core.errors import Message, SpredningError
from spredning.core.model import Answer, Entry, Layout, Partner, Project, layout, side_of
from spredning.core.store import Store

QID = "tjek.beskriv-innovationen.genbruge.interessant"
PARTNER = "aeroe-kommune"
SLOT = (PARTNER, QID)


@pytest.fixture
def store(tmp_path, guide) -> Store:
    return Store(tmp_path / "hjem", layout(guide))


def new_project(store: Store, name: str = "Holdbar") -> str:
    project = Project(
        id=projectfile.new_id(),
        slug="holdbar",
        name=name,
        partners=(Partner(PARTNER, "Ærø Kommune"),),
        guide_edition="2023",
    )
    store.create(project)
    return project.slug


def put(store: Store, slug: str, slot: tuple[str, str], content: Answer) -> None:
    """Save one answer as the interview does: a new version by this copy, in one transaction."""

    def change(project: Project, state):
        return project.with_entry(slot, history.edited(project.entry(slot), content, state.copy)), state, None

    store.transact(slug, change)


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file under the folder (the lock files aside), with its bytes."""
    return {
        str(path.relative_to(home)): path.read_bytes()
        for path in sorted(home.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock")
    }


# --- property: any text survives save and load exactly -------------------------------------------

YAML_TRAPS = [
    "no", "NO", "No", "on", "off", "yes", "y", "n", "~", "null", "Null", "true", "False", "12:30", "0123",
    "0x1f", "0o17", "1e3", ".inf", "-.nan", "2024-01-02", "---", "...", "- a", "? a", ": a", "a: b", "a:b",
    "#", "# kommentar", "a # b", "|", "|-", ">", ">+", "&anker", "*alias", "!tag",
    "!!python/object:os.system", "%YAML 1.2", "@", "`", "'", '"', "\\", "{a: b}", "[a, b]", "<<", "=",
    "\t", " foran", "bagved ", "a\r\nb", "a\rb", "linje\n", "\n\nforan", "\ufeffbom", "\x85", "\u2028",
    "\u2029", "\x00", "\x1b[2J", "\u202e", "æøå ÆØÅ", "👩\u200d💻", "\U0010fffd", "\ufffe", "\uffff",
    "<<<<<<< HEAD", "=======", "\n=======\n", "version: 00000000 a:1", "tekst: x",
]  # fmt: skip
any_char = st.characters(exclude_categories=("Cs",))  # everything but lone surrogates
answer_text = st.one_of(
    st.sampled_from(YAML_TRAPS),
    st.text(any_char, min_size=1, max_size=60),
    st.lists(
        st.one_of(st.sampled_from(YAML_TRAPS), st.text(any_char, max_size=10)), min_size=2, max_size=6
    ).map("".join),
    st.text(st.sampled_from(" \t\r\n|#:-"), min_size=1, max_size=8).map(lambda s: "x" + s + "y"),
)
SHIPPED = layout(load_guide(None))
slot = st.one_of(
    st.sampled_from([("", qid) for qid in SHIPPED.shared] + [(PARTNER, qid) for qid in SHIPPED.dialogue]),
    st.builds(
        "fremtid.{}.{}.{}".format,
        st.text("abcdefgh", min_size=1, max_size=8),
        st.sampled_from(("dele", "genbruge")),
        st.text("abcdefgh0123456789-", min_size=1, max_size=20),
    ).map(lambda qid: (PARTNER if side_of(qid) == "genbruge" else "", qid)),
)
content = st.builds(lambda text, nr: Answer(text, nr), answer_text, st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.dictionaries(slot, content, min_size=1, max_size=6))
def test_any_answer_text_survives_save_and_load_exactly(answers):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder), SHIPPED)
        slug = new_project(store)
        for where, answer in answers.items():
            put(store, slug, where, answer)
        copy = store.local(slug).copy

        project = Store(Path(folder), SHIPPED).load(slug)
        assert {where: project.entry(where) for where in answers} == {
            where: Entry(answer._replace(version=((copy, 1),))) for where, answer in answers.items()
        }
        # and a save of something else leaves them, and their history, untouched
        put(store, slug, ("", "fremtid.andet.dele.x"), Answer("x"))
        again = Store(Path(folder), SHIPPED).load(slug)
        assert {where: again.entry(where) for where in answers} == {
            where: project.entry(where) for where in answers
        }
        assert store.last_backup is None  # the file was always the program's own


one_line = st.text(any_char, min_size=1, max_size=40).map(str.strip).filter(lambda t: t and "\n" not in t)


@settings(max_examples=50, deadline=None)
@given(name=one_line, description=st.text(any_char, max_size=40).map(str.strip))
@example(name="0", description="")
@example(name="&", description="Linje\n\nslut")
def test_any_project_name_and_description_survive(name, description):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder), SHIPPED)
        project = Project(id=projectfile.new_id(), slug="navn", name=name, description=description)
        store.create(project)
        loaded = store.load("navn")
        assert (loaded.name, loaded.description) == (name, description)


@pytest.mark.parametrize("blank", ["' '", '"\\n"', '"\\t\\r\\n"', "\u3000", "''"])
def test_a_blank_answer_written_by_hand_reads_as_not_answered(store, blank):
    """Documented: blank text is "not answered"; the file keeps what it held until the next save."""
    slug = new_project(store)
    path = store.path_for(slug)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            f"      {QID}:\n", f"      {QID}:\n        tekst: {blank}\n"
        ),
        encoding="utf-8",
    )

    project = store.load(slug)

    assert project.entry(SLOT).answer.empty
    assert project.dialogue(project.partners[0]).answer(QID) is None


# --- a write that fails changes nothing --------------------------------------------------------


@pytest.fixture
def saved_project(store: Store) -> tuple[str, dict[str, bytes]]:
    slug = new_project(store)
    put(store, slug, SLOT, Answer("Det gamle svar"))
    store.set_active(slug)
    store.update_local(slug, lambda state: state._replace(drafts={QID: "En kladde"}))
    return slug, snapshot(store.home)


def assert_untouched(store: Store, slug: str, before: dict[str, bytes]) -> None:
    assert snapshot(store.home) == before  # the project, this computer's state, no temp files
    assert store.load(slug).entry(SLOT).answer.text == "Det gamle svar"


def save_new(store: Store, slug: str, text: str = "Det nye svar") -> None:
    def change(project: Project, state):
        new = history.edited(project.entry(SLOT), Answer(text), state.copy)
        return project.with_entry(SLOT, new), state._replace(drafts={}), None

    store.transact(slug, change)


def words(exc: SpredningError) -> str:
    return i18n.render(exc.message)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write in a read-only folder"
)
def test_a_read_only_folder(store, saved_project):
    slug, before = saved_project
    store.home.chmod(0o555)
    try:
        with pytest.raises(SpredningError) as caught:
            save_new(store, slug)
    finally:
        store.home.chmod(0o755)
    assert str(store.home) in words(caught.value)
    assert_untouched(store, slug, before)


@pytest.mark.parametrize(
    ("code", "reason"), [(errno.EROFS, "reason.read-only"), (errno.EACCES, "reason.access")]
)
def test_a_folder_that_refuses_new_files(store, saved_project, monkeypatch, code, reason):
    """The same as a read-only folder, for a test run as root: creating the temp file fails."""
    slug, before = saved_project
    real_open = os.open

    def refuse_temp_files(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and os.fspath(path).endswith(".tmp"):
            raise OSError(code, os.strerror(code), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_temp_files)
    with pytest.raises(SpredningError) as caught:
        save_new(store, slug)
    monkeypatch.undo()
    assert caught.value.key == "files.cannot-save"
    assert words(caught.value) == i18n.t(
        "files.cannot-save", path=store.path_for(slug), reason=Message(reason)
    )
    assert i18n.t(reason) in words(caught.value)
    assert "urørt" in i18n.t("files.cannot-save.hint")
    assert_untouched(store, slug, before)


def test_disk_full_at_fsync(store, saved_project, monkeypatch):
    slug, before = saved_project

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SpredningError) as caught:
        save_new(store, slug)
    monkeypatch.undo()
    assert i18n.t("reason.full") in words(caught.value)
    assert str(store.path_for(slug)) in words(caught.value)
    assert_untouched(store, slug, before)


def test_disk_full_while_writing(store, saved_project, monkeypatch):
    slug, before = saved_project
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def fileno(self):
            return self.handle.fileno()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])  # half of it reaches the temp file
            self.handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            self.handle.flush()

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return FullDisk(handle) if "w" in mode else handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(SpredningError) as caught:
        save_new(store, slug, "langt svar " * 1000)
    monkeypatch.undo()
    assert words(caught.value) == i18n.t(
        "files.cannot-save", path=store.path_for(slug), reason=Message("reason.full")
    )
    assert_untouched(store, slug, before)


def test_disk_full_when_this_computers_state_is_written(store, saved_project, monkeypatch):
    """The answer is saved first; the state (the draft dropped) fails after: the answer stays saved,
    and the save is no failure: what was not remembered is noted for the front end to warn of."""
    slug, _before = saved_project
    real_open = os.open

    def no_room_for_state(path, flags, *args, **kwargs):
        name = os.path.basename(os.fspath(path))
        if flags & os.O_CREAT and name.startswith(f".{slug}.yaml.") and local.FOLDER in os.fspath(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_room_for_state)
    save_new(store, slug)
    monkeypatch.undo()
    assert [(n.path, n.problem) for n in store.not_remembered] == [
        (local.state_path(store.home, slug), Message("reason.full"))
    ]
    assert store.load(slug).entry(SLOT).answer.text == "Det nye svar"
    assert local.load(store.home, slug).drafts == {QID: "En kladde"}  # the old state, whole
    assert [p for p in store.home.rglob("*.tmp")] == []


def test_rename_fails(store, saved_project, monkeypatch):
    slug, before = saved_project

    def busy(src, dst):
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(SpredningError) as caught:
        save_new(store, slug)
    monkeypatch.undo()
    assert words(caught.value) == i18n.t(
        "files.cannot-save", path=store.path_for(slug), reason=Message("reason.busy")
    )
    assert_untouched(store, slug, before)


def test_ctrl_c_in_the_middle_of_a_write(store, saved_project, monkeypatch):
    slug, before = saved_project

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_new(store, slug)
    monkeypatch.undo()
    assert_untouched(store, slug, before)


@pytest.mark.parametrize("text", ["svar med \ud800 ensom surrogat", "\udb00 fra en forkert afkodet fil"])
def test_a_lone_surrogate_cannot_be_written_and_changes_nothing(store, saved_project, text):
    slug, before = saved_project
    with pytest.raises(SpredningError) as caught:
        save_new(store, slug, text)
    code = f"U+{ord(next(c for c in text if 0xD800 <= ord(c) <= 0xDFFF)):04X}"
    assert words(caught.value) == i18n.t("project.cannot-write-char", path=store.path_for(slug), code=code)
    assert "ikke ændret" in i18n.t("project.cannot-write-char.hint")
    assert_untouched(store, slug, before)


@pytest.mark.parametrize("value", [object(), 42, ["en", "liste"], None])
def test_a_value_that_is_not_text_changes_nothing(store, saved_project, value):
    """A programming error, not the user's: whatever it raises, the file stays as it was."""
    slug, before = saved_project
    with pytest.raises((SpredningError, TypeError)):
        save_new(store, slug, value)
    assert_untouched(store, slug, before)


def test_a_project_name_that_cannot_be_written_creates_nothing(tmp_path, guide):
    store = Store(tmp_path / "ny-mappe", layout(guide))  # a folder not made yet (conftest makes hjem)
    project = Project(id=projectfile.new_id(), slug="navn", name="Navn \udcff")
    with pytest.raises(SpredningError) as caught:
        store.create(project)
    assert caught.value.key == "project.cannot-write-byte" and caught.value.params["byte"] == "FF"
    assert not store.path_for("navn").exists()
    assert not store.home.exists()  # nothing was made, not even the folder


def test_a_save_keeps_the_file_permissions(store, saved_project):
    slug, _before = saved_project
    path = store.path_for(slug)
    path.chmod(0o640)
    save_new(store, slug)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions(store):
    """Not 0600 as a bare temp file would: a project on a shared drive is readable by the group."""
    old = os.umask(0o022)
    try:
        slug = new_project(store)
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.path_for(slug).stat().st_mode) == 0o644


def test_temp_files_left_by_a_killed_process_are_removed_by_the_next_save(store, saved_project):
    slug, _before = saved_project
    leftover = store.home / f".{slug}.yaml.0123abcd.tmp"
    leftover.write_text("format: '2'\nhalv", encoding="utf-8")
    other = store.home / ".andet.yaml.0123abcd.tmp"  # another project's: not ours to remove
    other.write_text("x", encoding="utf-8")
    save_new(store, slug)
    assert not leftover.exists()
    assert other.exists()


def test_a_killed_write_of_this_computers_state_leaves_no_temp_file_after_the_next_save(store, saved_project):
    slug, _before = saved_project
    folder = local.folder(store.home)
    leftover = folder / f".{slug}.yaml.0123abcd.tmp"  # killed while writing the state file
    leftover.write_text("kladder:\n  halv", encoding="utf-8")
    other = folder / ".andet.yaml.0123abcd.tmp"
    other.write_text("x", encoding="utf-8")
    save_new(store, slug)
    assert not leftover.exists()
    assert other.exists()


# --- SIGKILL in the middle of saving, many times -------------------------------------------------

# Each saver writes answer number N to place N % len(places), so a place gets ever higher numbers;
# all savers share this computer's copy id, so a place's version counts every save made to it.
SAVER = r"""
import os
import sys
from pathlib import Path
from spredning.core import history
from spredning.core.content import load_guide
from spredning.core.model import Answer, layout
from spredning.core.store import Store

home, slug, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
shape = layout(load_guide(None))
places = [("", q) for q in shape.shared[1:]] + [("aeroe-kommune", q) for q in shape.dialogue]
store = Store(Path(home), shape)
for number in range(count):
    place = places[number % len(places)]
    text = "\n".join([f"{prefix} {number}"] * (number % 7 + 1))

    def change(project, state):
        new = history.edited(project.entry(place), Answer(text), state.copy)
        return project.with_entry(place, new), state, None

    store.transact(slug, change)
    # one write of one short line: a pipe takes it whole or not at all, so a kill cannot cut it
    os.write(1, f"{place[0]} {place[1]} {number}\n".encode("utf-8"))
"""


def places(guide_layout: Layout) -> list[tuple[str, str]]:
    return [("", q) for q in guide_layout.shared[1:]] + [(PARTNER, q) for q in guide_layout.dialogue]


def start_saver(home: Path, slug: str, prefix: str, count: int) -> subprocess.Popen:
    """The saver, its output unbuffered on our side: reading its first line must not read ahead.

    A buffered reader's readline takes what is in the pipe, several lines on a busy machine, and
    communicate() then reads the pipe itself, past them: those saves would look unreported.
    """
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, str(home), slug, prefix, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )


def wait_for_first_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline().decode("utf-8") if ready else ""  # raw: byte by byte, no read-ahead


def last_reported(lines: str, prefix: str) -> dict[tuple[str, str], tuple[int, str]]:
    """Each place's last save a saver reported: how many it reported there, and the last text."""
    result: dict[tuple[str, str], tuple[int, str]] = {}
    whole = lines[: lines.rfind("\n") + 1]  # a line without its end was never fully reported
    for line in whole.splitlines():
        where, qid, number = line.split(" ")
        text = "\n".join([f"{prefix} {number}"] * (int(number) % 7 + 1))
        result[(where, qid)] = (result.get((where, qid), (0, ""))[0] + 1, text)
    return result


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_in_the_middle_of_saves_loses_no_reported_answer(store):
    slug = new_project(store)
    # a long answer makes each write take a while, so the kills land inside writes too
    put(store, slug, ("", store.layout.shared[0]), Answer("fyld " * 40_000))
    copy = store.local(slug).copy
    spots = places(store.layout)
    counts = dict.fromkeys(spots, 0)  # each place's saves so far, as its history counts them
    rng = random.Random(20240102)
    deadline = time.monotonic() + 120
    rounds = total = 0
    while rounds < 30 and time.monotonic() < deadline:
        prefix = f"runde{rounds}"
        proc = start_saver(store.home, slug, prefix, 10_000)
        try:
            first = wait_for_first_line(proc, timeout=30)
            time.sleep(rng.uniform(0, 0.25))
        finally:
            proc.send_signal(signal.SIGKILL)
            raw_out, raw_err = proc.communicate(timeout=30)
        out, err = raw_out.decode("utf-8"), raw_err.decode("utf-8")
        assert proc.returncode == -signal.SIGKILL, err
        done = last_reported(first + out, prefix)
        project = Store(store.home, store.layout).load(slug)  # complete and loadable after every kill
        unreported = []  # a save that landed, killed before it could say so: at most one
        for where in spots:
            answer = project.entry(where).answer if project.entry(where) else Answer()
            saves, text = done.get(where, (0, None))
            now = dict(answer.version).get(copy, 0)
            assert counts[where] + saves <= now <= counts[where] + saves + 1, f"round {rounds}: {where} lost"
            if now > counts[where] + saves:
                unreported.append(where)
                assert answer.text.startswith(f"{prefix} "), where
            elif saves:
                assert answer.text == text, f"round {rounds}: the last answer saved at {where} is lost"
            counts[where] = now
        assert len(unreported) <= 1, unreported
        total += sum(saves for saves, _ in done.values())
        rounds += 1
    assert rounds >= 10
    assert total >= rounds
    put(store, slug, ("", "fremtid.til.dele.sidst"), Answer("x"))
    assert [p for p in store.home.rglob("*.tmp")] == []


# --- two processes at once ---------------------------------------------------------------------


@pytest.mark.slow
def test_two_processes_saving_at_once_lose_nothing(store):
    slug = new_project(store)
    count = 200
    savers = [start_saver(store.home, slug, prefix, count) for prefix in ("a", "b")]
    results = []
    try:
        for proc in savers:
            results.append(proc.communicate(timeout=180))
    finally:
        for proc in savers:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    for proc, (out, err) in zip(savers, results, strict=True):
        assert proc.returncode == 0, err.decode("utf-8")
        assert len(out.splitlines()) == count
    project = store.load(slug)
    copy = store.local(slug).copy
    spots = places(store.layout)
    for number, where in enumerate(spots):
        saved_here = len(range(number, count, len(spots)))
        answer = project.entry(where).answer
        # both savers wrote here; every save is counted in the history, none was overwritten unseen
        assert answer.version == ((copy, 2 * saved_here),), where
        last = number + (saved_here - 1) * len(spots)
        assert answer.text in {"\n".join([f"{p} {last}"] * (last % 7 + 1)) for p in ("a", "b")}


def _small_files_only() -> None:
    """In the child process: no file may grow past 1000 bytes (EFBIG, as a full disk fails a write)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))


def test_a_new_project_that_cannot_be_written_leaves_no_lock_and_claims_no_earlier_file(tmp_path):
    """'start' on a disk that takes no more: the project file is not made (a real process, a real limit).

    It used to say «Den tidligere udgave af filen er urørt» of a file that never was, and to leave
    the project's lock file in .spredning behind it.
    """
    from terminal import COMMAND

    home = tmp_path / "fuld"
    home.mkdir()
    env = {**os.environ, "SPREDNING_SPROG": "da", "COLUMNS": "80", "NO_COLOR": "1"}
    result = subprocess.run(
        [
            str(COMMAND),
            "--hjem",
            str(home),
            "start",
            "--navn",
            "Ny",
            "--rolle",
            "dele",
            "--organisation",
            "A",
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_small_files_only,
        timeout=60,
        check=False,
    )

    said = " ".join(result.stderr.split())
    assert result.returncode == 1, said
    assert "Kunne ikke gemme" in said and "ny.yaml" in "".join(said.split())  # a long path may wrap
    assert "tidligere udgave" not in said
    assert " ".join(i18n.t("files.cannot-save.hint.new").split()) in said
    assert not (home / "ny.yaml").exists()
    assert not (home / ".spredning" / "ny.lock").exists()
    assert not [p.name for p in home.iterdir() if p.name.endswith(".tmp")]
