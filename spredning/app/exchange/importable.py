"""Which of the files the home screen offers to import would import, judged as 'importer' judges them.

'importer' without its file names only such a file: in a terminal its list holds only those, and
without a terminal the first is the example in the refusal. When none would, both say why: the
files here addressed to us cannot be imported (damaged, or refused for this computer), or they
were all imported already.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from spredning.app.exchange.import_plan import ImportPlan
from spredning.app.exchange.incoming import read_incoming
from spredning.app.exchange.planning import plan_import
from spredning.app.workspace import Workspace
from spredning.core.errors import SpredningError

if TYPE_CHECKING:
    from spredning.app.home import Action


class Importable(NamedTuple):
    """The offered files, judged: each in the home screen's order (the newest for us first)."""

    good: tuple[Action, ...]  # would import (only the first, when judged with first=True)
    failed: tuple[Action, ...]  # addressed to us (or to a project not here yet), but refused
    brought: tuple[Action, ...]  # imported already and lying in the folders: again brings nothing


def importable(ws: Workspace, folders: tuple[Path, ...], *, first: bool = False) -> Importable:
    """The files in `folders` the home screen offers to import, each read and planned, nothing written.

    Only files addressed to this side (or to a project not here yet) are judged: our own exports
    and those meant for another organisation are not ours to import. With `first`, judging stops
    at the first file that would import (an example needs one). SpredningError or OSError when the
    folder itself cannot be listed or the projects here cannot be read.
    """
    from spredning.app.home import import_actions

    here = {folder.resolve() for folder in folders}
    good: list[Action] = []
    failed: list[Action] = []
    brought: list[Action] = []
    for action in import_actions(ws, *folders):
        if not action.value:
            continue
        if action.whose == "brought":  # one imported from elsewhere is listed too: not said to lie here
            if Path(action.value).parent.resolve() in here:
                brought.append(action)
        elif action.whose in ("us", None):
            (good if _would_import(ws, Path(action.value)) else failed).append(action)
            if first and good:
                break
    return Importable(tuple(good), tuple(failed), tuple(brought))


def offered(ws: Workspace, folders: tuple[Path, ...]) -> tuple[Action, ...]:
    """The home screen's list of files to import (import_actions), each addressed to us judged.

    A file addressed to us (or to a project not here yet) that the import would refuse (a
    damaged worksheet, a file of another guide edition ...) is marked 'broken' and comes after
    those that would import, so the list does not offer it as a reply to read: choosing it still
    runs 'importer', which says why. Nothing is written.
    """
    from spredning.app.home import import_actions

    try:
        active = ws.store.chosen(ws.settings.project)
    except SpredningError:
        active = None
    judged = [_judged(ws, action, active) for action in import_actions(ws, *folders)]
    return tuple(sorted(judged, key=lambda action: _RANK.get(action.whose, 2)))  # (stable)


def _judged(ws: Workspace, action: Action, active: str | None) -> Action:
    """A file addressed to us, planned: 'broken' when the import would refuse it.

    A worksheet of another project here than the active one names that project (`into`), as an
    export's line does.
    """
    if not action.value or action.whose not in ("us", None):
        return action
    plan = _plan(ws, Path(action.value))
    if plan is None:
        return action._replace(whose="broken")
    if action.into is None and not plan.creates and plan.project.slug != active:
        return action._replace(into=plan.project.name)
    return action


# offered's order: the files that would import, those that would not, then the rest
_RANK = {"us": 0, None: 0, "broken": 1}


def _would_import(ws: Workspace, path: Path) -> bool:
    return _plan(ws, path) is not None


def _plan(ws: Workspace, path: Path) -> ImportPlan | None:
    """What importing the file would do, read and planned (nothing written); None: it would be refused."""
    try:
        return plan_import(ws, read_incoming(ws, path), ws.settings.project)
    except (SpredningError, OSError):
        return None
