"""What the store hands back: summaries, found and odd files, and what it could not remember."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from spredning.core.errors import Message, SpredningError
from spredning.core.local import LocalState
from spredning.core.model import Project, Slot

T = TypeVar("T")


class Summary(NamedTuple):
    """What the project list shows: a project's identity, name and how far it has come."""

    slug: str
    id: str
    name: str
    answered: int  # answers given in the guide's places (shared and every dialogue's)
    partners: int
    exchange: bool = False  # a partner's export saved in the folder: to import, not a project


class Found(NamedTuple):
    """The project file a partner's answers go into, and the other files holding the same project."""

    slug: str
    copies: tuple[str, ...] = ()  # a copy kept in the folder (a backup): left as it is


class OddFile(NamedTuple):
    """A project file in the folder under a name the program does not use, so it is no project here.

    A sync service's conflict copy ('projekt (1).yaml', 'projekt-DESKTOP-ABC.yaml') or a file the
    user renamed ('Projekt.yaml'): it may hold answers no project here has. Told by its head only.
    """

    name: str  # the file's name in the folder
    path: str  # its full path
    id: str | None  # the identity its head names (None: no 'id:' line found there)


class WentBack(NamedTuple):
    """A project file holding older versions of this copy's answers than it gave: put back, it seems."""

    path: Path
    project: Project
    slots: tuple[Slot, ...]


class NotRemembered(NamedTuple):
    """A helper file of this computer's that could not be written after the work was done.

    The work itself (an answer in the project file, an export, a report) is done; only what this
    computer remembers about it (local.py) is not, so the user is warned, not told it failed.
    """

    slug: str
    path: Path  # the state file, or the marker of the active project (active)
    problem: Message  # why: a reason (fileio.reason, with `reason`) or the whole problem
    reason: bool = True
    active: bool = False  # the project could not be made the active one


def _not_remembered(slug: str, path: Path, exc: SpredningError, active: bool = False) -> NotRemembered:
    reason = exc.params.get("reason")
    if isinstance(reason, Message):
        return NotRemembered(slug, path, reason, True, active)
    return NotRemembered(slug, path, exc.message, False, active)


class Opened(NamedTuple):
    """A project as read now, with this computer's state for it."""

    project: Project
    local: LocalState
    path: Path
    edited: bool = False  # answers edited by hand, read with a version not yet written (ParsedFile.edited)


Change = Callable[[Project, LocalState], tuple[Project, LocalState, T]]
