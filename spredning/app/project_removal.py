"""`projekt fjern`: a project no longer wanted leaves the folder, its files kept where they can be fetched.

Answers are the user's work, so nothing is deleted: the project file, its backups and this
computer's helper files for it (drafts, the side, the combined texts a stopped 'konflikter' kept)
are moved into a folder of their own under HOME/fjernede/, which the program never reads as
projects. `projekt gendan` (project_restore.py) brings them back.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import NamedTuple

from spredning.app.projects import Content
from spredning.app.workspace import Workspace
from spredning.core import fileio, local
from spredning.core.errors import Message, SpredningError, UsageProblem
from spredning.core.store.home import REMOVED_FOLDER
from spredning.i18n import LANGUAGES, catalogue

# the texts kept for a project that go and come with it: the combined texts, those set aside too,
# and the editor's files left by a stop
TEXT_FILES = ("conflict.merged-file", "conflict.set-aside-file", "editor.file")
IGNORE_ALL = "# Fjernede projekter gemmes til denne computer; git skal ikke dele dem.\n*\n"


class Removal(NamedTuple):
    """The project `projekt fjern` names, and what it holds."""

    slug: str
    name: str
    path: Path
    holds: Content | None  # what it holds (None: the file cannot be read)
    active: bool  # the project commands work in now


class Removed(NamedTuple):
    """A project moved out of the folder: where its files are, and which project is active now."""

    removal: Removal
    folder: Path  # where its files are kept now
    moved: tuple[Path, ...]
    active: str | None  # the active project now (None: none, or the same as before when not removed)
    left: tuple[str, ...]  # the projects still in the folder
    namesake: str | None = None  # a project still here with the same name (its slug): then named by file
    in_git: bool = False  # the projects folder is in a git checkout: committing the removal shares it
    by_name: bool = False  # 'projekt gendan NAME' brings this one back (no other removal of that name)


def removal(ws: Workspace, name: str) -> Removal:
    """The project a removal names (found as `projekt brug` finds it) and what it holds."""
    store = ws.store
    try:
        slug = store.find(name)
    except SpredningError as exc:
        raise _removed_already(ws, name) or exc from None
    try:
        project = store.load(slug)
    except SpredningError:  # unreadable: it can still go (it is only moved), said so by the front end
        return Removal(slug, slug, store.path_for(slug), None, store.active() == slug)
    entries = [entry for _, entry in project.entries()]
    records = [entry for _, entry in project.record_entries()]
    drafts = local.load(store.home, slug).drafts  # only read: a removal writes no state for it
    holds = Content(
        answers=sum(1 for entry in entries if not entry.answer.empty),
        conflicts=sum(1 for entry in entries if entry.in_conflict),
        records=sum(1 for entry in records if not entry.answer.empty),
        drafts=sum(1 for text in drafts.values() if (text or "").strip()),
    )
    return Removal(slug, project.name, store.path_for(slug), holds, store.active() == slug)


def remove(ws: Workspace, name: str, confirmed: Removal) -> Removed:
    """Move the project's files into HOME/fjernede/SLUG-DATE-TIME/; what it holds must be what was shown.

    A project that changed since the question (another window saved an answer) is refused: the
    user agreed to remove what they saw. When the active project went, the only one left (if one)
    becomes active.
    """
    now = removal(ws, name)
    if now.slug != confirmed.slug or now.holds != confirmed.holds:
        raise UsageProblem("remove.changed", name=confirmed.name)
    store = ws.store
    base = store.home / REMOVED_FOLDER
    made = _ignored_by_git(base)
    folder = fileio.free_name(base, f"{now.slug}-{time.strftime('%Y%m%d-%H%M%S')}")
    others = [slug for slug in store.project_slugs() if slug != now.slug]
    successor = others[0] if now.active and len(others) == 1 else None  # made active as it goes
    try:
        moved = store.move_out(now.slug, folder, kept_texts(*TEXT_FILES), successor)
    except SpredningError as exc:  # the project is as it was (move_out moved back what it had moved)
        _take_back(made)
        raise _without(exc, base) from None
    left = tuple(store.project_slugs())
    active = store.active()
    namesake = store.named(now.name) if now.holds is not None else None
    return Removed(now, folder, moved, active, left, namesake, _in_git(store.home), _by_name(ws, now, folder))


def kept_texts(*keys: str) -> tuple[str, ...]:
    """What the files of texts kept for a project are named after the slug, in each language.

    `keys` name them in the catalogue: by default the combined texts a stopped 'konflikter' keeps
    (conflict.merged-file), the only ones read back. The name is the language's: a file kept while
    another language was chosen belongs to the project as much.
    """
    names = keys or ("conflict.merged-file",)
    return tuple(dict.fromkeys(str(catalogue(code)[key]) for key in names for code in LANGUAGES))


def _by_name(ws: Workspace, now: Removal, folder: Path) -> bool:
    """Whether the project's name finds this removal alone (else its folder's name must say which)."""
    from spredning.app import project_restore

    try:
        found, same = project_restore.find(ws, now.name)
    except SpredningError:
        return False
    return same == 1 and found.folder == folder


def _in_git(home: Path) -> bool:
    """Whether the projects folder is in a git checkout (a .git in it or a folder above it)."""
    try:
        folder = home.resolve()
    except OSError:
        return False
    return any((place / ".git").exists() for place in (folder, *folder.parents))


def _ignored_by_git(base: Path) -> list[Path]:
    """Make HOME/fjernede/ with a .gitignore of '*', as the hidden .spredning/ folder has.

    A projects folder that is a git clone shares its project files; what one computer removed
    is kept for that computer only, so git neither shows nor commits it (nor this file). Returns
    what it made now (the folder, the file), for a removal that fails to take back.
    """
    made = [] if os.path.lexists(base) else [base]
    try:
        fileio.make_folder(base)
        ignore = base / ".gitignore"
        if not ignore.exists():
            fileio.atomic_write(ignore, IGNORE_ALL)
            made.append(ignore)
    except SpredningError as exc:  # said as what it stops (the removal), not as a file or a folder
        _take_back(made)
        if exc.key == "files.not-a-folder":
            raise SpredningError("remove.folder-is-a-file", path=base) from None
        if "reason" in exc.params:
            kept = SpredningError("remove.cannot-keep", folder=base, reason=exc.params["reason"])
            raise _without(kept, base) from None
        raise
    return made


def _without(failed: SpredningError, base: Path) -> SpredningError:
    """A failed removal's error, said without naming HOME/fjernede/ when it is not there (taken back).

    Not made, or made for this removal and removed again: the user is pointed at the projects
    folder, not at a folder they cannot find.
    """
    if failed.key not in ("store.cannot-remove", "remove.cannot-keep") or os.path.lexists(base):
        return failed
    return SpredningError.of(Message(f"{failed.key}.no-folder", failed.params), home=base.parent)


def _take_back(made: list[Path]) -> None:
    """Remove what _ignored_by_git made for a removal that failed: nothing of it stays behind."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                os.rmdir(path)  # only when empty
            else:
                os.unlink(path)


def _removed_already(ws: Workspace, name: str) -> SpredningError | None:
    """A project not found here that was removed already: said so, with how to bring it back."""
    from spredning.app import project_restore

    try:
        kept, _ = project_restore.find(ws, name)
    except SpredningError:
        return None
    return UsageProblem("remove.already", name=kept.name, when=project_restore.when(kept), slug=kept.slug)
