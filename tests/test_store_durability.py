"""Durability of the store: answers survive exactly, failed writes change nothing, kills lose nothing.

The interview trims and normalises what a person types; the store must not: whatever text it is
given comes back byte for byte. A write that fails (no access, a full disk, text that cannot be
written) leaves the previous file and no temp files. A process killed with SIGKILL in the middle of
saving leaves a complete file holding every answer it reported saved, and two processes saving at
once lose nothing.
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

from spredning.core import store as store_module
from spredning.core.errors import SpredningError
from spredning.core.model import Project
from spredning.core.store import ACTIVE_FILE, Store

QID = "tjek.beskriv-innovationen.genbruge.interessant"


def files_in(folder: Path) -> list[str]:
    """Everything in the folder except the lock files (which filelock may leave)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def new_project(store: Store, name: str = "Holdbar") -> str:
    project = Project(slug=store_module.slugify(name), name=name, guide_edition="2023")
    store.create(project)
    return project.slug


# --- property: any text survives save and load exactly -------------------------------------------

YAML_TRAPS = [
    "no",
    "NO",
    "No",
    "on",
    "off",
    "yes",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "true",
    "False",
    "12:30",
    "0123",
    "0x1f",
    "0o17",
    "1e3",
    ".inf",
    "-.nan",
    "2024-01-02",
    "---",
    "...",
    "- a",
    "? a",
    ": a",
    "a: b",
    "a:b",
    "#",
    "# kommentar",
    "a # b",
    "|",
    "|-",
    ">",
    ">+",
    "&anker",
    "*alias",
    "!tag",
    "!!python/object:os.system",
    "%YAML 1.2",
    "@",
    "`",
    "'",
    '"',
    "\\",
    "{a: b}",
    "[a, b]",
    "<<",
    "=",
    "\t",
    " foran",
    "bagved ",
    "a\r\nb",
    "a\rb",
    "linje\n",
    "\n\nforan",
    "\ufeffbom",
    "\x85",
    "\u2028",
    "\u2029",
    "\x00",
    "\x1b[2J",
    "\u202e",
    "æøå ÆØÅ",
    "👩\u200d💻",
    "\U0010fffd",
    "\ufffe",
    "\uffff",
]
any_char = st.characters(exclude_categories=("Cs",))  # everything but lone surrogates
answer_text = st.one_of(
    st.sampled_from(YAML_TRAPS),
    st.text(any_char, min_size=1, max_size=60),
    st.lists(
        st.one_of(st.sampled_from(YAML_TRAPS), st.text(any_char, max_size=10)), min_size=2, max_size=6
    ).map("".join),
    st.text(st.sampled_from(" \t\r\n|#:-"), min_size=1, max_size=8).map(lambda s: "x" + s + "y"),
).filter(lambda text: text.strip())  # a blank answer means "not answered" (see below)
question_id = st.one_of(
    st.from_regex(r"[a-z]{1,8}(\.[a-z-]{1,12}){0,3}", fullmatch=True),
    st.sampled_from(["no", "~", "12:30", "0123", "a: b", "# x", "- x", "æøå", "x" * 300]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.dictionaries(question_id, answer_text, min_size=1, max_size=6))
def test_any_answer_text_survives_save_and_load_exactly(answers):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        slug = new_project(store)
        conflicts = store.save_answers(slug, answers, dict.fromkeys(answers), order=())
        assert conflicts == []
        assert Store(Path(folder)).load(slug).answers == answers
        # and a second save of something else leaves them untouched
        store.save_answers(slug, {"andet": "x"}, {"andet": None}, order=())
        assert Store(Path(folder)).load(slug).answers == {**answers, "andet": "x"}


@settings(max_examples=50, deadline=None)
@given(
    name=st.text(any_char, min_size=1, max_size=40).filter(lambda t: t.strip()),
    description=st.text(any_char, max_size=40),
)
@example(name="0", description="\n")  # found by hypothesis: a description of only line breaks
@example(name="&", description="Linje\n\n")  # ends in a kept-newlines block, then 'svar:'
def test_any_project_name_and_description_survive(name, description):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        project = Project(slug="navn", name=name, description=description, guide_edition="2023")
        store.create(project)
        loaded = store.load("navn")
        assert (loaded.name, loaded.description) == (name, description)


@pytest.mark.parametrize("blank", [" ", "\n", "\t\r\n", "\u3000", "\x1c"])
def test_a_blank_answer_is_kept_in_the_file_but_reads_as_not_answered(store, blank):
    """Documented: blank text is "not answered"; the file still holds exactly what was saved."""
    slug = new_project(store)
    store.save_answers(slug, {QID: blank}, {QID: None}, order=())
    assert store.load(slug).answer(QID) is None
    from spredning.core import yamlio

    assert yamlio.loads(store.path_for(slug).read_text(encoding="utf-8"))["svar"] == {QID: blank}


# --- a write that fails changes nothing --------------------------------------------------------


@pytest.fixture
def saved_project(store: Store) -> tuple[str, bytes]:
    slug = new_project(store)
    store.save_answers(slug, {QID: "Det gamle svar"}, {QID: None}, order=())
    store.set_active(slug)
    return slug, store.path_for(slug).read_bytes()


def assert_untouched(store: Store, slug: str, before: bytes) -> None:
    assert store.path_for(slug).read_bytes() == before
    assert files_in(store.home) == sorted([ACTIVE_FILE, f"{slug}.yaml"])
    assert store.load(slug).answer(QID) == "Det gamle svar"


def save_new(store: Store, slug: str, text: object = "Det nye svar") -> None:
    store.save_answers(slug, {QID: text}, {QID: "Det gamle svar"}, order=())


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
    assert str(store.home) in caught.value.message
    assert_untouched(store, slug, before)


@pytest.mark.parametrize(
    ("code", "reason"), [(errno.EROFS, "drevet er skrivebeskyttet"), (errno.EACCES, "ingen adgang")]
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
    assert caught.value.message == f"Kunne ikke gemme {store.path_for(slug)} ({reason})."
    assert "urørt" in caught.value.hint
    assert_untouched(store, slug, before)


def test_disk_full_at_fsync(store, saved_project, monkeypatch):
    slug, before = saved_project

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SpredningError) as caught:
        save_new(store, slug)
    monkeypatch.undo()
    assert "disken er fuld" in caught.value.message
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
    assert "disken er fuld" in caught.value.message
    assert_untouched(store, slug, before)


def test_rename_fails(store, saved_project, monkeypatch):
    slug, before = saved_project

    def busy(src, dst):
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(SpredningError) as caught:
        save_new(store, slug)
    monkeypatch.undo()
    assert caught.value.message.startswith(f"Kunne ikke gemme {store.path_for(slug)} (")
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


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("svar med \ud800 ensom surrogat", "U+D800"),
        ("\udcff fra en forkert afkodet fil", "U+DCFF"),
        (object(), "ikke en tekst"),
        (42, "ikke en tekst"),
        (["en", "liste"], "ikke en tekst"),
    ],
)
def test_a_value_that_cannot_be_written(store, saved_project, value, words):
    slug, before = saved_project
    with pytest.raises(SpredningError) as caught:
        save_new(store, slug, value)
    assert words in caught.value.message
    assert "ikke ændret" in caught.value.hint
    assert_untouched(store, slug, before)


def test_a_project_name_that_cannot_be_written_creates_nothing(store):
    project = Project(slug="navn", name="Navn \udcff", guide_edition="2023")
    with pytest.raises(SpredningError, match="U\\+DCFF"):
        store.create(project)
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
    leftover.write_text("format: 1\nhalv", encoding="utf-8")
    other = store.home / ".andet.yaml.0123abcd.tmp"  # another project's: not ours to remove
    other.write_text("x", encoding="utf-8")
    save_new(store, slug)
    assert not leftover.exists()
    assert other.exists()


# --- SIGKILL in the middle of saving, many times -------------------------------------------------

SAVER = r"""
import sys
from pathlib import Path
from spredning.core.store import Store

home, slug, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = Store(Path(home))
for number in range(count):
    qid = f"{prefix}.{number}"
    store.save_answers(slug, {qid: f"svar {number}\n" * (number % 7 + 1)}, {qid: None}, ())
    print(qid, flush=True)
"""


def expected_text(qid: str) -> str:
    number = int(qid.rsplit(".", 1)[1])
    return f"svar {number}\n" * (number % 7 + 1)


def start_saver(home: Path, slug: str, prefix: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, str(home), slug, prefix, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_first_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline() if ready else ""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_in_the_middle_of_saves_loses_no_reported_answer(store):
    slug = new_project(store)
    # a long answer makes each write take a while, so the kills land inside writes too
    store.save_answers(slug, {"fyld": "fyld " * 40_000}, {"fyld": None}, ())
    rng = random.Random(20240102)
    reported: list[str] = []
    deadline = time.monotonic() + 120
    rounds = 0
    while rounds < 30 and time.monotonic() < deadline:
        proc = start_saver(store.home, slug, f"runde{rounds}", 10_000)
        try:
            first = wait_for_first_line(proc, timeout=30)
            time.sleep(rng.uniform(0, 0.25))
        finally:
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err
        reported += [line for line in (first + out).splitlines() if line]
        answers = Store(store.home).load(slug).answers  # complete and loadable after every kill
        missing = [qid for qid in reported if answers.get(qid) != expected_text(qid)]
        assert missing == [], f"round {rounds}: lost {missing[:5]}"
        rounds += 1
    assert rounds >= 10
    assert len(reported) >= rounds
    store.save_answers(slug, {"til-sidst": "x"}, {"til-sidst": None}, ())
    assert [p for p in store.home.iterdir() if p.name.endswith(".tmp")] == []


# --- two processes at once ---------------------------------------------------------------------


@pytest.mark.slow
def test_two_processes_saving_at_once_lose_nothing(store):
    slug = new_project(store)
    savers = [start_saver(store.home, slug, prefix, 200) for prefix in ("a", "b")]
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
        assert proc.returncode == 0, err
        assert len(out.split()) == 200
    answers = store.load(slug).answers
    wanted = [f"{prefix}.{n}" for prefix in ("a", "b") for n in range(200)]
    assert [qid for qid in wanted if answers.get(qid) != expected_text(qid)] == []
    assert len(answers) == 400
