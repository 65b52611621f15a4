"""A Ctrl+C pressed while the interview saves the answer just given waits until the save is done.

Found in stop 42's review: Alt+Enter, the save waiting for a lock another window held, then Ctrl+C:
the answer was neither saved nor kept as a draft, and the program said "Dine svar er gemt". The
end-to-end tests (test_e2e_drafts.py) show the answer saved when the lock comes free; here the
lock never does: the save fails, so does keeping the draft, and the text is shown whole to copy.
The prompts are the real ones, typed into; the lock is a real lock, held by another thread, and
the Ctrl+C is given (SIGINT) the moment the save first waits for it.
"""

from __future__ import annotations

import signal
import threading

import filelock
import pytest
from exchange_kit import flat
from projectkit import new_project, other_windows_lock

from spredning.core.interview import Interview
from spredning.core.store import folder as store_folder

ESC_ENTER = "\x1b\r"
Q1 = "tjek.beskriv-innovationen.dele.formaal"
TEXT = "Et svar, der ikke må gå tabt"


@pytest.fixture
def stop_signal() -> int:
    """The stop given while the save waits: Ctrl+C (parametrised otherwise)."""
    return signal.SIGINT


@pytest.fixture
def held_from_the_reply(ws, monkeypatch, stop_signal):
    """From the moment the interview gets a reply, another thread holds the project's lock; the first
    wait for it in this thread is met by `stop_signal`. Yields the slug; the lock is let go at the end."""
    slug = new_project(ws, role="dele")
    lock_path = ws.store.home / ".spredning" / f"{slug}.lock"
    held, release = threading.Event(), threading.Event()

    def hold():
        with filelock.FileLock(str(lock_path)):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    reply, acquire = Interview.reply, filelock.FileLock.acquire
    pressed = []

    def replied(self, value):
        if not holder.is_alive() and not held.is_set():
            holder.start()
            held.wait(5)
        return reply(self, value)

    def waited(self, *args, **kwargs):
        if held.is_set() and threading.current_thread() is threading.main_thread() and not pressed:
            pressed.append(True)
            signal.raise_signal(stop_signal)  # the user's Ctrl+C (a closed window ...), while the save waits
        return acquire(self, *args, **kwargs)

    monkeypatch.setattr(store_folder, "LOCK_TIMEOUT_SECONDS", 0.3)
    monkeypatch.setattr(Interview, "reply", replied)
    monkeypatch.setattr(filelock.FileLock, "acquire", waited)
    try:
        yield slug
    finally:
        release.set()
        if holder.is_alive():
            holder.join()
    assert pressed, "the save never waited for the lock"


def test_an_answer_that_cannot_be_saved_before_the_stop_is_shown_whole(ws, on_screen, held_from_the_reply):
    run = on_screen(TEXT + ESC_ENTER, "fase", "tjek", "--rolle", "dele")

    said = flat(run.out + run.err + run.screen)
    assert run.code == 130, said
    assert "Teksten kunne heller ikke gemmes som kladde. Her er den, så du kan kopiere den:" in said
    assert TEXT in flat(run.out + run.err)  # printed after the prompt, to copy
    assert "Spørgsmålet kommer igen" not in said  # it does not: the program stops
    assert "Traceback" not in said
    assert ws.store.load(held_from_the_reply).shared.get(Q1) is None  # nothing saved, and said so


@pytest.mark.parametrize("stop_signal", [signal.SIGHUP, signal.SIGTERM])
def test_a_closed_window_while_a_save_fails_keeps_the_text_in_a_file_of_its_own(
    ws, on_screen, held_from_the_reply, stop_signal, monkeypatch, tmp_path
):
    """The window closed (or the program asked to end) while the answer waited to be saved, and the
    save failed: the text was shown on a terminal no longer there. It is kept in a file, as a
    field's text is at such a stop."""
    import os

    from spredning.cli.prompts import stops

    rescue = tmp_path / "home"
    rescue.mkdir()
    monkeypatch.setattr(stops, "RESCUE_FOLDERS", (lambda: rescue,))
    monkeypatch.setattr(stops._Stop, "signum", None)  # the process goes on: the stop noted is undone after

    def ended(code: int):  # the program ends at once (os._exit); here, as an exit pytest can see
        raise SystemExit(code)

    monkeypatch.setattr(os, "_exit", ended)

    run = on_screen(TEXT + ESC_ENTER, "fase", "tjek", "--rolle", "dele")

    assert run.code == 128 + stop_signal
    [kept] = rescue.glob("spredning-tekst-*.txt")
    assert kept.read_text(encoding="utf-8") == TEXT + "\n"
    assert ws.store.load(held_from_the_reply).shared.get(Q1) is None


# --- Ctrl+N while another window holds the lock: the answer field's text beside the reason ----------

CTRL_N, CTRL_C = "\x0e", "\x03"
ANSWER_TEXT = "Et svar skrevet mens et andet vindue gemte"


@pytest.fixture
def lock_held(ws, monkeypatch):
    """Another window holds the project's lock from before the command starts; `release()` lets it go.
    Waits for it last 0.3 s (the real 15 s, shortened)."""
    slug = new_project(ws, role="dele")
    other = other_windows_lock(ws, slug)
    other.acquire()
    monkeypatch.setattr(store_folder, "LOCK_TIMEOUT_SECONDS", 0.3)
    try:
        yield slug, other.release
    finally:
        other.release()


def _state(ws, slug):
    return ws.store.local(slug)


def test_ctrl_n_while_the_lock_is_held_never_says_the_answers_text_is_kept_when_it_is_not(
    ws, on_screen, lock_held
):
    """A guard beside the next test: the lock never comes free, so neither text can be kept; the
    stop says so and shows the answer field's text to copy, never that it is kept."""
    slug, _ = lock_held

    run = on_screen(ANSWER_TEXT + CTRL_N + "Grund" + CTRL_C, "fase", "tjek", "--rolle", "dele")

    said = flat(run.out + run.err)
    assert run.code == 130, said
    assert "er gemt som kladde" not in said
    assert "Teksten kunne ikke gemmes som kladde" in said or "IKKE gemt" in said, said
    assert ANSWER_TEXT in flat(run.out)  # printed whole, to copy
    assert _state(ws, slug).drafts == {}


def test_ctrl_n_while_the_lock_is_held_keeps_the_answers_text_once_the_lock_is_free(
    ws, on_screen, lock_held, monkeypatch
):
    """Found in this stop's trial: text typed while another window held the lock, then Ctrl+N (the
    answer field's text not kept: the lock), and the lock came free while the reason was typed. A
    Ctrl+C then said "Svaret, du skrev, er gemt som kladde", but only the reason was kept. Now the
    answer field's text is kept first, and the words are true."""
    from spredning.cli.prompter import InterviewPrompter

    slug, release = lock_held
    reason_field = InterviewPrompter._reason

    def opened(self, typed):
        release()  # the other window is done as the reason field opens
        return reason_field(self, typed)

    monkeypatch.setattr(InterviewPrompter, "_reason", opened)

    run = on_screen(ANSWER_TEXT + CTRL_N + "Grund" + CTRL_C, "fase", "tjek", "--rolle", "dele")

    said = flat(run.out + run.err)
    assert run.code == 130, said
    state = _state(ws, slug)
    assert list(state.drafts.values()) == [ANSWER_TEXT]
    assert list(state.beside.values()) == ["Grund"]
    assert "Svaret, du skrev, er gemt som kladde, og begrundelsen i feltet er gemt ved siden af det" in said


@pytest.mark.usefixtures("lock_held")
def test_an_answer_whose_save_waits_in_vain_waits_once_and_says_so_once(ws, on_screen):
    """Found in this stop's trial: Alt+Enter while another window held the lock waited twice (the
    save, then its draft: 30 s) and said "Venter …" twice. The draft is tried once more, not waited
    for again."""
    waits = []
    real = filelock.FileLock.acquire

    def acquire(self, timeout=None, *args, **kwargs):
        if timeout is None:  # a wait (the first try of each lock takes timeout=0)
            waits.append(True)
        return real(self, timeout, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(filelock.FileLock, "acquire", acquire)
        run = on_screen(TEXT + ESC_ENTER + CTRL_C, "fase", "tjek", "--rolle", "dele")

    said = flat(run.out + run.err)
    assert run.code == 130, said
    assert said.count("Venter på et andet vindue med spredning") <= 2, said  # the save's, and the stop's
    assert said.count("Venter på et andet vindue med spredning, der gemmer i") >= 1
    assert 1 <= len(waits) <= 2, waits  # the save (and the stop's draft): never the failed save's draft
    assert "Projektfilen" in said and "er optaget af en anden proces" in said
    assert "det, der skulle gemmes, er ikke gemt endnu" in said
    assert TEXT in flat(run.out)  # not kept: shown whole, to copy


def test_an_export_while_another_window_holds_the_lock_writes_nothing_and_says_why(
    ws, run_cli, lock_held, tmp_path, monkeypatch
):
    """Found in this stop's trial: eksport with the lock held past the wait wrote the file, could not
    remember it ("Ret årsagen (fx pladsen på disken)"), and the next eksport refused the file as one
    the program had not written. Now nothing is written, and the lock is named as the cause."""
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())

    code, out, err = run_cli("eksport")

    said = flat(out + err)
    assert code == 1, said
    assert "er optaget af en anden proces" in said
    assert "Vent et øjeblik, og prøv igen; det, der skulle gemmes, er ikke gemt endnu." in said
    assert "pladsen på disken" not in said and "kunne ikke opdateres" not in said
    assert sorted(tmp_path.iterdir()) == before  # no export file


def test_a_marks_reason_whose_save_failed_comes_back_as_a_reason_not_an_answer(
    ws, on_screen, lock_held, monkeypatch
):
    """Found in this stop's trial: Ctrl+N, a reason, Enter while another window held the lock past
    the wait: the question came again with the reason in the answer field, kept as an answer draft,
    and Alt+Enter saved it as the answer. It is kept as a reason draft, and said to be one."""
    from spredning.app.answering import Session

    slug, release = lock_held
    record = Session.record

    def recorded(self, *args, **kwargs):
        try:
            return record(self, *args, **kwargs)
        finally:
            release()  # the other window is done just after the save gave up

    monkeypatch.setattr(Session, "record", recorded)
    reason = "Vi har ingen ventelister"

    run = on_screen(CTRL_N + reason + "\r" + CTRL_C, "fase", "tjek", "--rolle", "dele")

    said = flat(run.out + run.err)
    assert run.code == 130, said
    state = _state(ws, slug)
    assert list(state.drafts.values()) == [reason]
    assert set(state.reasons) == set(state.drafts)  # kept as a reason, not as an answer draft
    assert ws.store.load(slug).shared.get(Q1) is None  # nothing saved as an answer, nor marked


def test_a_marks_reason_not_kept_at_all_comes_back_as_a_reason_for_ctrl_n(
    ws, on_screen, lock_held, monkeypatch
):
    """Found in the re-trial: the lock still held when the failed mark's reason was to be kept as a
    draft (so it was not), the reason came back in the answer field as plain text, and Alt+Enter
    saved it as the answer. It is said to be the reason, and Ctrl+N marks the question with it."""
    from spredning.core.interview import Interview

    slug, release = lock_held
    failed = Interview._failed

    def given_up(self, *args, **kwargs):
        step = failed(self, *args, **kwargs)
        release()  # the other window is done only after the draft was tried, in vain
        return step

    monkeypatch.setattr(Interview, "_failed", given_up)
    reason = "Processen er ikke slut endnu"

    run = on_screen(CTRL_N + reason + "\r" + CTRL_N + "\r" + CTRL_C, "fase", "tjek", "--rolle", "dele")

    said = flat(run.out + run.err)
    assert run.code == 130, said
    assert (
        "Teksten er begrundelsen for, at spørgsmålet ikke er relevant, og markeringen blev ikke gemt." in said
    )
    saved = ws.store.load(slug).shared[Q1].answer
    assert (saved.not_relevant, saved.text) == (True, reason)
    assert _state(ws, slug).drafts == {}
