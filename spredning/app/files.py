"""Files the program writes for the user: reports, agendas and plans.

The program may replace its own earlier file of the same name when nobody has changed it since
(its checksum is kept in this computer's state for the project, as for exports and worksheets);
any other file that is there already needs `overwrite`. No file is ever written over a projects
folder's own files (core/ownfiles.py), whatever the user says.

Without --ud a file gets its default name in the working folder, unless that folder is the projects
folder (or inside it, as after `cd genoptraening; spredning --hjem .`): the projects folder holds only
the projects and their helper files, so the file goes beside it, in the folder around it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from spredning.app.workspace import Workspace
from spredning.core import fileio, ownfiles


class Place(NamedTuple):
    """Where a file for the user goes, and whether it was put beside the projects folder instead."""

    path: Path
    beside: bool = False


def place(ws: Workspace, out: Path | None, name: str) -> Place:
    """The file --ud names (out) or `name`: in the folder out names, the working folder, or beside.

    `name` goes in a folder --ud names. Beside the projects folder when the working folder is the
    projects folder or inside it: write_output refuses that.
    """
    if out is not None:
        return Place(out / name if os.path.isdir(out) else out)
    if not in_projects_folder(ws):
        return Place(Path(name))
    return Place(Path(os.path.abspath(ws.store.home)).parent / name, beside=True)


def in_projects_folder(ws: Workspace) -> bool:
    """True when the working folder is the projects folder or inside it (files go beside it then)."""
    try:
        here, home = Path.cwd().resolve(), ws.store.home.resolve()
    except OSError:  # no working folder any more: write_output says so for the plain name
        return False
    return here == home or home in here.parents


def default_folders(ws: Workspace) -> tuple[Path, ...]:
    """The folders to look in for a partner's reply: where files without --ud go, and the working folder.

    The working folder first; beside the projects folder too when working inside it.
    """
    if not in_projects_folder(ws):
        return (Path.cwd(),)
    return (Path.cwd(), Path(os.path.abspath(ws.store.home)).parent)


class Written(NamedTuple):
    """A file written for the user: whether one was there before, and where that one is kept."""

    replaced: bool
    copy: Path | None = None  # the file replaced, kept beside it, unless it was the program's own


def write_own(
    ws: Workspace, slug: str, path: Path, content: bytes | str, *, overwrite: bool = False
) -> Written:
    """Write a document for the project, replacing a file there only if ours (or with overwrite)."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    key = fileio.path_text(path.absolute())  # the program's own output, known by it
    replaced = os.path.exists(path)  # a file not to be seen (no access) is said by write_output
    replaceable = ws.store.local(slug).exports.get(key)
    copies: list[Path] = []
    # a projects folder we may not write in: only not remembered (the front end warns)
    ws.store.write_and_remember(
        slug,
        lambda: kept_in(copies, write_output(ws, path, raw, overwrite=overwrite, replaceable=replaceable)),
        lambda s: s._replace(exports={**s.exports, key: fileio.checksum(raw)}),
    )
    return Written(replaced, next(iter(copies), None))


def kept_in(copies: list[Path], copy: Path | None) -> None:
    """Note the copy write_output kept of the file it replaced (for a write inside write_and_remember)."""
    if copy is not None:
        copies.append(copy)


def write_output(
    ws: Workspace, path: Path, raw: bytes, *, overwrite: bool, replaceable: str | None
) -> Path | None:
    """Write a file for the user where --ud says; never into this or another projects folder's files.

    The file replaced is kept as a copy unless it was the program's own, unchanged: its path.
    """
    return fileio.write_output(
        path,
        raw,
        overwrite=overwrite,
        replaceable=replaceable,
        protected=(Path(os.path.abspath(ws.store.home)),),  # named in full when refused, not as "."
        guard=ownfiles.check_target,
    )
