"""Who this computer was in the projects removed here: a first file's receiver, known already, is not asked.

The first file addressed to a reusing organisation sets who this computer is, and in a terminal the
import asks first whether that is us (cli/commands/import_identity.py). A project removed here
(kept under fjernede/ with this computer's state for it) may have known it already: when it was
the very organisation the file is made for, the question is answered. Another organisation there
answers nothing: the question stands.
"""

from __future__ import annotations

from spredning.app.project_restore import Kept, kept, kept_project
from spredning.app.workspace import Workspace
from spredning.core.model import SHARING, fold_name


def known_as(ws: Workspace, name: str) -> Kept | None:
    """The newest removed project in which this computer was the organisation `name`; None if none.

    Names are compared folded (case, Danish letters' spellings and spacing aside), as elsewhere.
    A removed project whose file or state cannot be read knew nothing.
    """
    wanted = fold_name(name)
    for removed in kept(ws):
        opened = kept_project(ws, removed)
        me = opened[1].me if opened is not None and opened[1] is not None else None
        if opened is None or me is None:
            continue
        project = opened[0]
        partner = project.partner(me)
        ours = project.sharing_org if me == SHARING else partner.name if partner is not None else None
        if ours and fold_name(ours) == wanted:
            return removed
    return None
