"""Writing a long answer in the user's own editor ($VISUAL, $EDITOR, or the platform's usual one).

What comes back is never taken damaged or half-known: an editor that stopped with an error, or
removed its file, gives nothing, and the text the caller holds stays as it was. A text too large
for a project, or in no encoding we know, is refused too, and the editor's file is kept and named,
so no writing is lost. A file not saved as UTF-8 is read as Windows' Western code page, and the
user is told to check it. An editor that comes back at once with the file unchanged has most
likely not waited for the user (`code` without `--wait`): its file is kept, as it may still be
written, and the user is told how to make the editor wait.

The messages say what came of the editor, never what happens to the caller's text: the caller
adds that (an answer field keeps its text; a conflict is asked again).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from spredning.core import fileio
from spredning.core.errors import Message, message
from spredning.core.store import WRITE_LIMIT
from spredning.core.textsafe import writable

# Debian's choice of editor: the user's own (select-editor), then the system's, then the usual ones.
# sensible-editor only when the user has chosen with select-editor: else it asks first, in English,
# and offers vim before anything a person who is not a programmer can use.
FALLBACKS_POSIX = ("sensible-editor", "editor", "nano", "vi")
# Editors a person who is not a programmer can use, to suggest when theirs could not start:
# suggested only when found on this computer.
SUGGESTED = ("notepad", "nano", "micro", "gedit", "kate", "mousepad", "vim", "vi")
MAX_BYTES = WRITE_LIMIT  # an answer can never be larger than the project file that holds it
# Files that say how they are encoded: Notepad's "UTF-8 with BOM" and "Unicode" (UTF-16).
MARKED = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# What Notepad's "ANSI" is on a Danish (Western European) Windows; a byte it lacks (0x81 ...) is refused.
WINDOWS_CODEPAGE = "cp1252"
# An editor back sooner than this with its file unchanged did not wait for a person to write.
AT_ONCE_SECONDS = 1.5
# How long a stop from outside waits for the editor to close after passing the stop on to it:
# vim and nano close at once, keeping what was not saved in their own files.
STOP_WAIT_SECONDS = 3.0


class Edited(NamedTuple):
    """What the editor gave: the edited text (None: nothing taken) and what to tell."""

    text: str | None
    notice: Message | None = None


class Left(NamedTuple):
    """What an editor open when the program is stopped from outside leaves behind.

    `text`: what the editor had saved, when it differs from what it was given and can be read;
    `path`: its file, when kept (it holds the user's writing, or the editor is still open);
    `running`: the editor had not closed when the program had to end.
    """

    text: str | None
    path: Path | None
    running: bool


class _Open:
    """The editor open now, if any: one program, one terminal, one editor at a time."""

    process: subprocess.Popen[bytes] | None = None
    path: Path | None = None
    given = ""
    running = False  # still open a moment after a Ctrl+C (what it saves later lands in its file)


class Interrupted(KeyboardInterrupt):
    """Ctrl+C while the editor was open (one that leaves the terminal as it is, like 'code --wait').

    `path`: the editor's file, kept when it holds what the user saved there (or the editor is still
    open): the caller names it as it stops, as a stop from outside does (stop_notice).
    """

    def __init__(self, path: Path | None):
        super().__init__()
        self.path = path


def editor_command() -> list[str] | None:
    """The editor to run: $VISUAL, then $EDITOR, then Notepad / TextEdit / nano or vi."""
    return _chosen()[0]


def _chosen() -> tuple[list[str] | None, str | None]:
    """The editor to run and the environment variable that named it (None: the platform's own)."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            with contextlib.suppress(ValueError):
                words = shlex.split(value, posix=os.name != "nt")
                if words:
                    return words, name
    if os.name == "nt":
        return ["notepad"], None
    if sys.platform == "darwin":
        return ["open", "-W", "-n", "-t"], None
    chosen_one = os.path.isfile(os.path.expanduser("~/.selected_editor"))
    for name in FALLBACKS_POSIX:
        found = shutil.which(name) if name != "sensible-editor" or chosen_one else None
        if found:
            return [found], None
    return None, None


def found_editors(besides: str = "", most: int = 2) -> list[str]:
    """Editors that are on this computer, to suggest in place of one that could not start.

    Never the one that failed (`besides`, by name or path): it was just found missing.
    """
    failed = Path(besides).name.lower().removesuffix(".exe")
    found = [name for name in SUGGESTED if name != failed and shutil.which(name)]
    return found[:most]


STEM = "spredning-svar"  # the editor's file when it belongs to no project


def edit(text: str, folder: Path | None = None, stem: str = STEM) -> Edited:
    """Let the user edit text in their editor: the edited text, or None and why (see Edited).

    `folder`: where the editor's file is made (beside the project's drafts, so a file kept is
    not lost when the system's temporary folder is cleared); else the temporary folder.
    `stem`: what the file is named after (the project's slug and editor.file, so a file kept
    is found as the project's: see app/kept_files.py).
    """
    command, variable = _chosen()
    if command is None:
        return Edited(None, message("interview.no-editor"))
    try:
        path = _write_temp(text, folder, stem)
    except OSError as exc:
        return Edited(None, message("editor.no-file", reason=fileio.reason(exc)))
    keep = False
    try:
        started = time.monotonic()
        try:
            returncode = _run(command, path, text)
        except KeyboardInterrupt:  # Ctrl+C in a terminal the editor left as it was ('code --wait')
            keep = _changed(path, text) or _Open.running  # the user's writing, or still to come
            raise Interrupted(path if keep else None) from None
        except OSError as exc:  # named: the user set it, or should set another
            others = found_editors(besides=command[0])  # never the one that just failed
            if variable:
                key = "editor.not-started" if others else "editor.not-started-none"
            else:
                key = "editor.not-started-own" if others else "editor.not-started-own-none"
            return Edited(
                None,
                message(
                    key,
                    command=command[0],
                    variable=variable,
                    reason=fileio.reason(exc),
                    editors=others,
                ),
            )
        if returncode != 0:  # vim's :cq, EDITOR=false: the user or the editor gave up
            keep = _changed(path, text)  # what it saved before its error is the user's writing
            return Edited(
                None, message("editor.failed-kept", path=path) if keep else message("editor.failed")
            )
        if time.monotonic() - started < AT_ONCE_SECONDS and _same(path, text):
            keep = True  # the editor may still be open on it, and write it later
            return Edited(None, message("editor.at-once", path=path, command=command[0]))
        edited, keep = _read_back(path)
        return edited
    finally:
        if not keep:
            with contextlib.suppress(OSError):
                path.unlink()


def _run(command: list[str], path: Path, text: str) -> int:
    """Run the editor on path until it closes; while it is open, stop_open can reach it."""
    process = subprocess.Popen([*command, str(path)])
    _Open.process, _Open.path, _Open.given = process, path, text
    _Open.running = False
    try:
        return process.wait()
    except KeyboardInterrupt:  # the editor had the Ctrl+C too: a moment to close and write its file
        try:
            process.wait(STOP_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            _Open.running = True
        raise
    finally:
        _Open.process = _Open.path = None


def stop_open(signum: int) -> Left | None:
    """The program is stopped from outside: end the editor open now, if any, and what it leaves.

    For a handler that ends the program right after. The stop is passed on to the editor, which
    is given STOP_WAIT_SECONDS to close (so it does not stay behind on a terminal the program no
    longer holds, and the program's last words do not land on the editor's screen); then its file
    is read. The file is kept when it holds something new or the editor is still open.
    """
    process, path = _Open.process, _Open.path
    if process is None or path is None:
        return None
    with contextlib.suppress(OSError):
        os.kill(process.pid, signum)
    running = not _ended(process.pid, STOP_WAIT_SECONDS)
    try:
        raw = fileio.read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return Left(None, None, running)
    except OSError:
        return Left(None, path, running)
    text, _notice = _decode(raw) if len(raw) <= MAX_BYTES else (None, None)
    if text is not None and _normal(text) == _normal(_Open.given):
        if not running:
            with contextlib.suppress(OSError):
                path.unlink()
        return Left(None, path if running else None, running)
    return Left(None if text is None else _normal(text), path, running)


def stop_notice(left: Left) -> Message:
    """What to say when the program ended with the editor open: where the user's writing is."""
    if left.path is None:
        return message("editor.stopped-unsaved")
    if left.text is not None:
        key = "editor.stopped-taken-open" if left.running else "editor.stopped-taken"
    else:
        key = "editor.stopped-open" if left.running else "editor.stopped-not-read"
    return message(key, path=left.path)


def _ended(pid: int, seconds: float) -> bool:
    """Whether the process ended within `seconds` (reaped here: the program is about to end)."""
    if not hasattr(os, "WNOHANG"):  # Windows: no waiting without a handle
        return False
    deadline = time.monotonic() + seconds
    while True:
        try:
            done, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if done:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def _write_temp(text: str, folder: Path | None, stem: str) -> Path:
    try:
        if folder is None:
            raise FileNotFoundError
        handle, name = _new_file(folder, stem)
    except OSError:  # no folder, or it failed: the temporary folder, the name still saying whose
        handle, name = tempfile.mkstemp(prefix=f"{stem}-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(writable(text) + ("\n" if text and not text.endswith("\n") else ""))
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return path


def _new_file(folder: Path, stem: str) -> tuple[int, str]:
    """A new file folder/STEM.txt (else STEM-2.txt, ...: free_name's), made here: never one that is there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):  # another window may take the free name first
        path = fileio.free_name(folder, stem, ".txt")
        try:
            return os.open(path, flags, 0o600), str(path)
        except FileExistsError:
            continue
    raise FileExistsError(str(folder / f"{stem}.txt"))


def _changed(path: Path, text: str) -> bool:
    """Whether the editor's file holds something else than the text it was given (read capped)."""
    try:
        raw = fileio.read_regular(path, MAX_BYTES)
    except OSError:
        return False
    return raw.decode("utf-8", "replace").rstrip("\n") != text.rstrip("\n")


def _same(path: Path, text: str) -> bool:
    """Whether the editor's file is there and holds just the text it was given."""
    try:
        raw = fileio.read_regular(path, MAX_BYTES)
    except OSError:
        return False
    return raw.decode("utf-8", "replace").rstrip("\n") == text.rstrip("\n")


def _normal(text: str) -> str:
    # Notepad ends lines with CRLF; the field and the project file use one line break.
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def _read_back(path: Path) -> tuple[Edited, bool]:
    """The text the editor left in path, or why it is not taken; and whether to keep the file.

    A file refused for what it holds (too large, an unknown encoding) is the user's writing: kept.
    """
    try:
        raw = fileio.read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return Edited(None, message("editor.file-gone")), False
    except OSError as exc:
        return Edited(None, message("editor.unreadable", reason=fileio.reason(exc))), False
    if len(raw) > MAX_BYTES:
        return Edited(None, message("editor.too-large", limit=MAX_BYTES, path=path)), True
    text, notice = _decode(raw)
    if text is None:
        return Edited(None, message("editor.unknown-encoding", path=path)), True
    return Edited(_normal(text), notice), False


def _decode(raw: bytes) -> tuple[str | None, Message | None]:
    """The text in raw, and a notice when it was not UTF-8; (None, None) when no encoding fits."""
    for mark, encoding in MARKED:
        if raw.startswith(mark):
            try:
                return raw.decode(encoding), None
            except UnicodeDecodeError:
                return None, None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode(WINDOWS_CODEPAGE), message("editor.read-as-cp1252")
    except UnicodeDecodeError:
        return None, None
