"""Where the projects are: the projects folder (the "hjem"), and the names and limits of its files."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from spredning.core import fileio, yamlio
from spredning.core.errors import Message, SpredningError, message

HOME_ENV = "SPREDNING_HJEM"
ACTIVE_FILE = "aktivt-projekt"
LEGACY_ACTIVE_FILE = ".aktivt-projekt"
SUFFIX = ".yaml"
LOCK_TIMEOUT_SECONDS = 15
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ACTIVE_BYTES = 1024
WRITE_LIMIT = yamlio.MAX_BYTES  # the largest project file a save may produce
ID_HEAD = 64 * 1024  # where a broken project file's 'id:' line is looked for (ours is its second line)
READ_LIMIT = 4 * yamlio.MAX_BYTES  # a larger one can still be read, to export or shrink it
INDEX_FILE = "projekter.json"
REMOVED_FOLDER = "fjernede"  # under the projects folder: removed projects, never looked into for projects
KEPT_HELPERS = "denne-computer"  # where move_out puts this computer's helper files of a project
SLUG_FILE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.yaml")  # SLUG_PATTERN with the ending, for fullmatch


def home_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Choose the projects folder: --hjem, then $SPREDNING_HJEM, then the per-user data folder."""
    chosen = option or os.environ.get(HOME_ENV)
    try:
        return Path(chosen).expanduser() if chosen else default_home()
    except RuntimeError:  # no $HOME and a user the system has no entry for (a container's own user id)
        raise SpredningError("files.no-home-folder") from None


def default_home() -> Path:
    """The per-user data folder: the projects folder when none is chosen (RuntimeError: no home known)."""
    import platformdirs  # only commands that touch projects pay for this import

    return Path(platformdirs.user_data_dir("spredning", appauthor=False))


def home_chosen(option: str | os.PathLike[str] | None = None) -> bool:
    """True when the user chose the projects folder (--hjem or $SPREDNING_HJEM), not the default."""
    return bool(option or os.environ.get(HOME_ENV))


def check_home(home: Path, *, may_create: bool = False) -> None:
    """A projects folder the user chose must be there: a drive not connected is not an empty folder.

    With may_create (a new project) only the folder itself may be missing, never its parent, so a
    mistyped or unmounted path does not become a new folder on this computer's own disk.
    """
    try:
        info = os.stat(home)
    except (FileNotFoundError, NotADirectoryError):
        if home.parent.is_dir():
            if may_create:
                return
            raise SpredningError("store.home-missing", folder=home) from None
        # 'start' makes only the last level: with its parent missing too, it would be refused the same way
        hint = message("store.home-missing.hint.parent", parent=home.parent)
        raise SpredningError("store.home-missing", hint=hint, folder=home) from None
    except OSError as exc:
        raise SpredningError("store.home-unreadable", folder=home, reason=fileio.reason(exc)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise SpredningError("files.not-a-folder", folder=home)
    if not os.access(home, os.R_OK | os.X_OK):  # its files cannot be listed: not "no projects yet"
        raise SpredningError("store.home-unreadable", folder=home, reason=Message("reason.access"))
