"""Small helpers of the store about one file on disk: its name, its version, its lock, its problems."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from spredning.core import fileio, local, projectfile
from spredning.core.errors import Message, ProjectFileError, SpredningError
from spredning.core.local import LocalState
from spredning.core.model import MAX_SLUG, Layout
from spredning.core.store.home import SLUG_FILE, SUFFIX


def _slug_name(name: str) -> bool:
    """True for the name of a project's file as the program names it (SLUG.yaml)."""
    return SLUG_FILE.fullmatch(name) is not None and len(name) - len(SUFFIX) <= MAX_SLUG


def shown_folder(folder: Path) -> Path:
    """A folder as a message names it: in full ('.' would read '..' before a full stop)."""
    try:
        return Path(os.path.abspath(folder))
    except OSError:  # the working folder is gone: the name as given is all there is
        return folder


def _lock_problem(home: Path, lock_path: Path, new: bool = False) -> SpredningError:
    """Why a project's lock cannot be taken, in words the user can act on.

    A file where the helper folder should be, or a folder or a link where the lock file should be,
    is named (to move or delete: the program makes its own); else the projects folder cannot be
    written. Only a `new` project names that folder as `home`, for the front end to offer another
    (--hjem): an existing one lies there, and a copy elsewhere would split the work, so its hint
    is write access to that folder.
    """
    helpers = local.folder(home)
    if (helpers.exists() or helpers.is_symlink()) and not helpers.is_dir():
        return SpredningError("store.folder-in-the-way", path=helpers)
    if lock_path.is_symlink():  # the lock never follows a link (filelock refuses it): the link is in the way
        return SpredningError("store.link-in-the-way", path=lock_path)
    if lock_path.is_dir():
        return SpredningError("store.file-in-the-way", path=lock_path)
    # the helper folder is there and the lock cannot be made in it: that folder is the one to name
    folder = shown_folder(helpers if helpers.is_dir() else home)
    if not new:
        hint = "store.cannot-lock.hint.project"
        return SpredningError("store.cannot-lock", hint=hint, folder=folder, projects=shown_folder(home))
    return SpredningError("store.cannot-lock", folder=folder, home=shown_folder(home))


class _Release(contextlib.AbstractContextManager["_Release"]):
    """Releases a held lock when the with-block ends."""

    def __init__(self, lock: Any) -> None:
        self.lock = lock

    def __exit__(self, *exc_info: object) -> None:
        self.lock.release()


def _restore_hint(path: Path, layout: Layout) -> Message | None:
    """The hint naming the newest backup beside an unreadable project file that can be read.

    None (the usual hint) when there is no backup; when none of them can be read, it says so.
    """
    found = fileio.backups(path)
    if not found:
        return None
    backup = next((b for b in found if projectfile.usable_backup(b, layout)), None)
    if backup is None:
        names = [candidate.name for candidate in found]
        return Message("store.same-project-unreadable.hint.bad-backups", {"backups": names, "n": len(names)})
    return Message("store.same-project-unreadable.hint.backup", {"backup": backup.name, "name": path.name})


def _exchange_file(slug: str, path: Path | str) -> SpredningError:
    """A partner's exchange file named as the project: its answers are to be imported."""
    return SpredningError("store.exchange-file", name=slug, path=path)


def _migrated(state: LocalState, parsed: projectfile.ParsedFile) -> LocalState:
    """A format 1 file kept the user's side in it; it moves to this computer's state."""
    role = parsed.legacy_role
    if state.side is not None or role is None:
        return state
    partners = parsed.project.partners
    organisation = partners[0].key if role == "genbruge" and partners else None
    return state._replace(side=role, organisation=organisation)


def _writable_target(path: Path) -> Path:
    """The file to replace: a link's target; a read-only file is refused, not replaced.

    One on a drive that can only be read (EROFS) is refused with the drive's words: the file's own
    setting is not the cause, and removing it would not help.
    """
    target = path.resolve() if path.is_symlink() else path
    try:
        info = target.stat()
    except OSError as exc:
        raise SpredningError("store.cannot-save", path=path, reason=fileio.reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ProjectFileError("project.not-regular", path=path)
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        key = "store.read-only-drive" if on_read_only_drive(target) else "store.read-only"
        raise SpredningError(key, path=path)
    return target


def on_read_only_drive(path: Path) -> bool:
    """True when `path` lies on a drive mounted read-only; False where that cannot be told."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows), or the drive cannot be asked
        return False


def _file_key(path: str) -> list[int]:
    """What changes whenever a project file is rewritten: size, modification time, inode.

    And when its permissions last changed (st_ctime_ns): a file made unreadable is read again and
    listed as such, not from the index as it was (found in a trial).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise projectfile.missing(path) from None
    except OSError as exc:
        raise ProjectFileError("project.unreadable", path=path, reason=fileio.reason(exc)) from None
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]


def _signature(path: Path) -> tuple[int, int, int] | None:
    """What identifies one version of a file on disk: inode, size and modification time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns
