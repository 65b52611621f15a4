"""Whose words a worksheet's changes are: the copy id a filled-in worksheet gives its changes.

Kept apart from the worksheet reader (worksheet/returned.py) so an import of an ordinary exchange
file can tell a filler's own words coming home without loading it, and in the core so a report can
tell them apart from our own words brought from another project (`projekt flet`).
"""

from __future__ import annotations

import hashlib

from spredning.core.model import Answer, Entry


def filler_tag(project: str, org: str) -> str:
    """Four characters that name the organisation that filled in a worksheet, in one project."""
    return hashlib.sha256(f"{project}\n{org}".encode()).hexdigest()[:4]


def filled_by(copy: str, project: str, org: str) -> bool:
    """True when `copy` is the id of a worksheet of this project filled in by `org` (its key).

    So whoever gets a change made in a worksheet can tell their own words coming home: the
    organisation that filled in the sheet, once the maker's export brings them.
    """
    return len(copy) == 16 and copy.startswith("w") and copy[1:5] == filler_tag(project, org)


def from_other_project(answer: Answer, project: str, me: str) -> bool:
    """True for a version of our own (its source is `me`) that no worksheet we filled in wrote.

    A version of ours kept beside ours comes home from our worksheet, or from another project
    here (`projekt flet`), whose copies are no worksheet's: its copy ids tell which.
    """
    return not any(filled_by(copy, project, me) for copy, _ in answer.version)


def from_their_sheet(entry: Entry, answer: Answer, project: str, org: str) -> bool:
    """True when `answer`, one version of a conflict, is what `org` wrote in a worksheet it filled in.

    That is, a worksheet of `org`'s changed it further than any other version of the conflict: so
    the sharing side can tell a partner's sheet text from the text it typed in its program.
    """
    versions = [entry.answer, *entry.others]
    return any(
        filled_by(copy, project, org)
        and all(n > dict(v.version).get(copy, 0) for v in versions if v is not answer)
        for copy, n in answer.version
    )
