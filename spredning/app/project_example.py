"""A real project's name for a refusal's example ('projekt brug NAVN'), so the command runs as shown.

Where no project can be named (none here, or none readable), the caller keeps the catalogue's
invented example. Only reads, as a refusal's hint must.
"""

from __future__ import annotations

from spredning.app.workspace import Workspace
from spredning.core.errors import SpredningError
from spredning.core.model import SHARING
from spredning.core.store import Summary, state_notes


def example_project(ws: Workspace, *, others_only: bool = False) -> str | None:
    """A project here to name in an example: one other than the one worked on first, else that one.

    The one worked on is --projekt's, else the active one. Its name when that finds it (as
    'projekt brug' finds a project), else its file's name; None when there is none (`others_only`:
    none but the one worked on, as for 'projekt flet', which takes answers from another into it).
    """
    store = ws.store
    try:
        active = _worked_on(ws)
        found = [
            summary
            for _, summary in store.summaries(store.slugs())
            if isinstance(summary, Summary) and not summary.exchange
        ]
    except (SpredningError, OSError):
        return None
    found.sort(key=lambda summary: summary.slug == active)  # another project before the active one
    if others_only:
        found = [summary for summary in found if summary.slug != active]
        found = _same_side(ws, active, found)
    return _word(ws, found[0]) if found else None


def _same_side(ws: Workspace, active: str | None, found: list[Summary]) -> list[Summary]:
    """The projects where this computer is on the same side as in `active` ('projekt flet' takes no other).

    None when the side there is not known (flet refuses that too) or the notes cannot be read.
    """
    if active is None:
        return []
    try:
        notes = state_notes.read(ws.store.home, [active, *(summary.slug for summary in found)])
    except (SpredningError, OSError):
        return []
    me = notes[active].me
    if me is None:
        return []
    sharing = me == SHARING
    return [s for s in found if (they := notes[s.slug].me) is not None and (they == SHARING) == sharing]


def _word(ws: Workspace, summary: Summary) -> str:
    """The project's name when it finds this very project, else its file name (two of one name).

    The file name also when it is the shorter (a name of hundreds of characters): both are taken.
    """
    try:
        finds = ws.store.find(summary.name) == summary.slug
    except (SpredningError, OSError):
        finds = False
    return summary.name if finds and len(summary.name) <= len(summary.slug) + 2 else summary.slug


def _worked_on(ws: Workspace) -> str | None:
    try:
        return ws.slug()
    except (SpredningError, OSError):  # none active (or --projekt finds none): every project is another
        return None
