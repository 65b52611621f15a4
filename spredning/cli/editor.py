"""Writing a long answer in the user's own editor ($VISUAL, $EDITOR, or the platform's usual one)."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FALLBACKS_POSIX = ("sensible-editor", "editor", "nano", "vi")


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


def edit(text: str) -> str | None:
    """Let the user edit text in their editor; the edited text, or None when no editor could run."""
    command = editor_command()
    if command is None:
        return None
    handle, name = tempfile.mkstemp(prefix="spredning-svar-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text + ("\n" if text and not text.endswith("\n") else ""))
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError:
            return None
        if result.returncode != 0:
            return None
        return path.read_text(encoding="utf-8", errors="replace").rstrip("\n")
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
