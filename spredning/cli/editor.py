"""Writing a long answer in the user's own editor ($VISUAL, $EDITOR, or the platform's usual one).

What comes back is never taken damaged or half-known: an editor that stopped with an error, or
removed its file, gives nothing, and the field keeps its text. A text too large for a project, or in
no encoding we know, is refused too, and the editor's file is kept and named, so no writing is lost.
A file not saved as UTF-8 is read as Windows' Western code page, and the user is told to check it.
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
from pathlib import Path
from typing import NamedTuple

from spredning.core import fileio
from spredning.core.errors import Message, message
from spredning.core.store import WRITE_LIMIT

FALLBACKS_POSIX = ("sensible-editor", "editor", "nano", "vi")
MAX_BYTES = WRITE_LIMIT  # an answer can never be larger than the project file that holds it
# Files that say how they are encoded: Notepad's "UTF-8 with BOM" and "Unicode" (UTF-16).
MARKED = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# What Notepad's "ANSI" is on a Danish (Western European) Windows; a byte it lacks (0x81 ...) is refused.
WINDOWS_CODEPAGE = "cp1252"


class Edited(NamedTuple):
    """What the editor gave: the text for the field (None: the field keeps its text) and what to tell."""

    text: str | None
    notice: Message | None = None


def editor_command() -> list[str] | None:
    """The editor to run: $VISUAL, then $EDITOR, then Notepad / TextEdit / nano or vi."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            with contextlib.suppress(ValueError):
                words = shlex.split(value, posix=os.name != "nt")
                if words:
                    return words
    if os.name == "nt":
        return ["notepad"]
    if sys.platform == "darwin":
        return ["open", "-W", "-n", "-t"]
    for name in FALLBACKS_POSIX:
        found = shutil.which(name)
        if found:
            return [found]
    return None


def edit(text: str) -> Edited:
    """Let the user edit text in their editor: the edited text, or None and why (see Edited)."""
    command = editor_command()
    if command is None:
        return Edited(None, message("interview.no-editor"))
    try:
        path = _write_temp(text)
    except OSError as exc:
        return Edited(None, message("editor.no-file", reason=fileio.reason(exc)))
    keep = False
    try:
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError:
            return Edited(None, message("interview.no-editor"))
        if result.returncode != 0:  # vim's :cq, EDITOR=false: the user or the editor gave up
            keep = _changed(path, text)  # what it saved before its error is the user's writing
            said = message("editor.failed-kept", path=path) if keep else message("editor.failed")
            return Edited(None, said)
        edited, keep = _read_back(path)
        return edited
    finally:
        if not keep:
            with contextlib.suppress(OSError):
                path.unlink()


def _write_temp(text: str) -> Path:
    handle, name = tempfile.mkstemp(prefix="spredning-svar-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text + ("\n" if text and not text.endswith("\n") else ""))
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return path


def _changed(path: Path, text: str) -> bool:
    """Whether the editor's file holds something else than the text it was given (read capped)."""
    try:
        raw = fileio.read_regular(path, MAX_BYTES)
    except OSError:
        return False
    return raw.decode("utf-8", "replace").rstrip("\n") != text.rstrip("\n")


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
    # Notepad ends lines with CRLF; the field and the project file use one line break.
    return Edited(text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n"), notice), False


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
