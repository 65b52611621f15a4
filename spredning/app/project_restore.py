"""`projekt gendan`: a project removed with `projekt fjern` comes back from HOME/fjernede/.

The kept folder is found by its own name, or by the project's file name (slug) or name; of several
removals of one project, the newest. Nothing is overwritten: a project file of that slug now in the
folder refuses the restore (the file's name is its slug, and this computer's files are named by it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from spredning.app.project_removal import REMOVED_FOLDER
from spredning.app.workspace import Workspace
from spredning.core import projectfile
from spredning.core.errors import SpredningError, UsageProblem
from spredning.core.model import fold_name, slugify
from spredning.core.store import SUFFIX

KEPT_NAME = re.compile(r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*?)-(?P<when>\d{8}-\d{6})(?:-\d+)?")


class Kept(NamedTuple):
    """A folder under fjernede/ that holds a removed project."""

    folder: Path
    slug: str
    name: str  # the project's name as its file says (its slug when the file cannot be read)
    when: str  # the removal's date and time, as in the folder's name (YYYYMMDD-HHMMSS)


class Restored(NamedTuple):
    """A project moved back: what came back, and what stayed in the kept folder (names taken)."""

    kept: Kept
    moved: tuple[Path, ...]
    left: tuple[Path, ...]
    newest_of: int  # how many kept folders matched the name given (more than one: the newest was taken)


def kept(ws: Workspace) -> list[Kept]:
    """Every removed project that can be brought back, newest first."""
    base = ws.store.home / REMOVED_FOLDER
    found = [_kept(folder) for folder in sorted(base.iterdir())] if base.is_dir() else []
    return sorted((k for k in found if k is not None), key=lambda k: (k.when, k.folder.name), reverse=True)


def _kept(folder: Path) -> Kept | None:
    matched = KEPT_NAME.fullmatch(folder.name)
    if matched is None or not folder.is_dir():
        return None
    slug = matched["slug"]
    if not (folder / f"{slug}{SUFFIX}").is_file():
        return None
    return Kept(folder, slug, _name(folder / f"{slug}{SUFFIX}", slug), matched["when"])


def _name(path: Path, slug: str) -> str:
    try:
        _, data = projectfile.read(path)
    except SpredningError:
        return slug
    facts = data.get("projekt")
    name = facts.get("navn") if isinstance(facts, dict) else data.get("navn")
    return name if isinstance(name, str) and name.strip() else slug


def find(ws: Workspace, given: str) -> tuple[Kept, int]:
    """The kept folder `given` names (its folder name, or the project's slug or name): the newest of them."""
    every = kept(ws)
    folder = ws.store.home / REMOVED_FOLDER / given.strip()
    if KEPT_NAME.fullmatch(given.strip()) and folder.is_dir():  # a folder's name, never a path
        by_folder = [k for k in every if k.folder.name == folder.name]
        if not by_folder:
            raise SpredningError("restore.damaged", folder=folder)
        return by_folder[0], 1
    wanted = {given.strip(), slugify(given)}
    same = [k for k in every if k.slug in wanted or fold_name(k.name) == fold_name(given)]
    if not same:  # with none kept at all, no empty list to choose from ('…: .')
        hint = None if every else "restore.unknown.hint.nothing"
        raise UsageProblem("restore.unknown", hint=hint, name=given, known=[k.folder.name for k in every])
    return same[0], len(same)


def restore(ws: Workspace, chosen: Kept, newest_of: int = 1) -> Restored:
    """Move the kept project's files back; nothing is overwritten (a taken slug refuses it all)."""
    moved, left = ws.store.move_in(chosen.folder, chosen.slug)
    return Restored(chosen, moved, left, newest_of)
