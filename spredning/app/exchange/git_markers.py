"""A project file git marked in a merge (<<<<<<< ... >>>>>>>), made one file again.

The two versions are merged by the history rules (core/history.py), as an import would; what
they disagree on becomes answer conflicts to settle, and the marked file is kept as a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from spredning.app.exchange.applying import with_partners
from spredning.app.workspace import Workspace
from spredning.core import filehead, history, projectfile
from spredning.core.model import Project


class Repaired(NamedTuple):
    """A project file with git's markers turned back into one file with answer conflicts."""

    path: Path
    backup: Path
    conflicts: int


def repair_git_markers(ws: Workspace, slug: str) -> Repaired | None:
    """Merge the two versions git marked in a project file by the history rules; None if unmarked."""
    store = ws.store

    def merge(raw: bytes, path: Path, copy: str) -> Project:
        ours_text, theirs_text = filehead.split_markers(raw.decode("utf-8-sig", "replace"))
        ours = projectfile.parse(projectfile.loads(ours_text.encode(), path), slug, path, ws.layout, copy)
        theirs = projectfile.parse(projectfile.loads(theirs_text.encode(), path), slug, path, ws.layout, copy)
        project = ours.project._replace(
            partners=with_partners(ours.project.partners, theirs.project.partners)
        )
        for slot, entry in theirs.project.entries():
            after, _ = history.integrate(project.entry(slot), entry.answer)
            for other in entry.others:
                after, _ = history.integrate(after, other)
            project = project.with_entry(slot, after)
        for slot, entry in theirs.project.record_entries():
            after, _ = history.integrate(project.record(slot), entry.answer)
            for other in entry.others:
                after, _ = history.integrate(after, other)
            project = project.with_record(slot, after)
        return project

    result = store.rewrite_marked(slug, merge)
    if result is None:
        return None
    project, backup = result
    return Repaired(store.path_for(slug), backup, sum(1 for _, e in project.entries() if e.in_conflict))
