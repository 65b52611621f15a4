"""A projects folder's own files, which no file written for the user may replace, even with --overskriv.

The projects folder in use is refused whole (fileio.write_output's `protected`). Any other projects
folder (another --hjem on this computer, a colleague's on a shared drive) is known by its hidden
helper folder, `.spredning/`: nothing is written inside that, and beside it a project file
(SLUG.yaml), a backup (NAVN.yaml.bak-DATO-TID) or a hidden file (a temp file, the old active-project
file) is not replaced. A project file anywhere else (copied, or in a git clone without the helper
folder) is known by its first lines. An exchange file (format 4 or 6 with 'udveksling', written by
`eksport`) is the program's output, not a project: a new export may replace last round's.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from spredning.core import filehead, fileio, local, store
from spredning.core.errors import SpredningError

HEAD_BYTES = 256 * 1024  # enough for the head of any project file (a hundred partners' names)


def check_target(path: Path) -> None:
    """Refuse an output path that is a projects folder's own file; anything else is write_output's."""
    try:
        folder = path.parent.resolve()
    except OSError:
        return  # write_output says what is wrong with the folder
    helper = next((place for place in (folder, *folder.parents) if place.name == local.FOLDER), None)
    if helper is not None:
        raise SpredningError("files.is-helper-file", path=path, folder=helper.parent)
    head = _head(path)
    if head is None:
        return
    kind = filehead.head_kind(head)
    if kind == "project":
        raise SpredningError("files.is-a-project-file", path=path)
    if kind is None and (folder / local.FOLDER).is_dir() and _own_name(path.name):
        raise SpredningError("files.is-folder-file", path=path, folder=folder)


def _head(path: Path) -> bytes | None:
    """The first bytes of a regular file at path; None for nothing there (or a link, a folder ...)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return fileio.read_regular(path, HEAD_BYTES)[:HEAD_BYTES]
    except OSError:
        return None  # not readable: write_output refuses it with its reason


def _own_name(name: str) -> bool:
    """A name the store uses in a projects folder: a project's file, a backup of one, a hidden file."""
    slug = name.removesuffix(store.SUFFIX)
    project = name.endswith(store.SUFFIX) and store.SLUG_PATTERN.match(slug) is not None
    return project or fileio.BACKUP_INFIX in name or name.startswith(".")
