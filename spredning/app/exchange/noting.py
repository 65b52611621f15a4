"""What this computer notes of the exchange in its local state (core/local.py), beside the project file.

For each partner: the versions it is known to have (so an export counts what is new to it), the
answers its files brought that are news to read, and the versions its files brought (whose text an
answer is: writer). The files imported are noted by size and time, and a checksum of their content,
so the home screen offers a file as imported while it is unchanged, under any name and in any folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from spredning.app.workspace import Workspace
from spredning.core import fileio, history, local
from spredning.core.errors import SpredningError
from spredning.core.history import Outcome
from spredning.core.local import LocalState, key_slot, slot_key
from spredning.core.model import SHARING, Answer, Slot

if TYPE_CHECKING:
    from spredning.app.exchange.import_plan import ImportPlan, Planned


def remember(state: LocalState, plan: ImportPlan, news: list[str]) -> LocalState:
    """What the sender is now known to have, which answers are new to look at, what a worksheet gave.

    A worksheet tells nothing of what its filler's program has: what they wrote in it reaches
    that only with our next export, so the export counts it as news, as their import will. A
    filler that has never had a file from us, nor sent one (local.takes_files), has no program
    that we know of: it has what it wrote in the sheet, so nothing of it is counted as not sent
    (a new worksheet shows it to them again).
    """
    if plan.incoming.sheet_versions is not None:
        state = local.with_sheet_versions(state, *plan.incoming.sheet_versions)
    sender = plan.incoming.sender
    if sender is None or sender == state.me:
        return state
    known = dict(state.known.get(sender, {}))
    sheet = plan.incoming.sheet_versions is not None
    if not sheet:
        state = local.with_exchanged(state, sender)  # a file of theirs: their program takes ours
    # a worksheet's texts are not in its filler's program, if it has one that takes our files
    if not sheet or not local.takes_files(state, sender):
        known.update(
            (slot_key(item.slot), history.written(item.incoming))
            for item in (*plan.items, *plan.records)
            if item.incoming.version and not _known_newer(known.get(slot_key(item.slot)), item.incoming)
        )
    fresh_news = dict(state.news)
    fresh_news[sender] = tuple(dict.fromkeys((*state.news.get(sender, ()), *news)))
    brought = dict(state.brought.get(sender, {}))
    brought.update(
        (slot_key(item.slot), history.written(item.incoming))
        for item in (*plan.items, *plan.records)
        if _brought_text(item, state.copy)
    )
    imported = state.imported
    note = file_note(plan.incoming.path)  # an export or a worksheet alike
    if note is not None:  # the home screen offers it as brought in, as long as it is this file
        imported = noted_import(imported, plan.incoming.path, note)
    return state._replace(
        known={**state.known, sender: known},
        news=fresh_news,
        brought={**state.brought, sender: brought} if brought else state.brought,
        imported=imported,
    )


def _known_newer(known: str | None, incoming: Answer) -> bool:
    """True when the sender is known to have a newer version than its file's (an old file imported late).

    What it had then is no news of what it has now: noted, status would count our changes it sent
    back in a later file (and its own answers) as not sent to it.
    """
    seen = history.parse(known) if known else None
    return seen is not None and history.compare(incoming.version, seen[1]) is history.Order.BEFORE


IMPORTS_NOTED = 100  # the newest imported files the state notes (see noted_import)


IMPORT_COMPARED = 64 * 1024 * 1024  # the most of a file read for its checksum (an export is far smaller)


def noted_import(imported: Mapping[str, str], path: Path, note: str) -> dict[str, str]:
    """The imported files noted (path → file_note) with `path` as the newest, last.

    A note with its checksum knows the file moved or copied anywhere, so it is kept while the
    file is gone; one without (from a program before checksums) is of use only while its file is
    there unchanged, so it is forgotten when that is moved or changed. Beyond the newest
    IMPORTS_NOTED the oldest are forgotten: the notes do not grow for ever. A file forgotten is
    only offered as not yet imported.
    """
    key = str(path.resolve())
    kept = {
        p: was
        for p, was in imported.items()
        if p != key and (note_digest(was) is not None or file_stamp(Path(p)) == was)
    }
    kept[key] = note
    return dict(list(kept.items())[-IMPORTS_NOTED:])


def file_stamp(path: Path) -> str | None:
    """A file's size and modification time: the same file, unchanged since (without reading it)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return f"{found.st_size}:{found.st_mtime_ns}"


def file_note(path: Path) -> str | None:
    """What is noted of a file imported: its stamp and, after it, a checksum of its content."""
    stamp = file_stamp(path)
    digest = content_digest(path)
    return None if stamp is None else stamp if digest is None else f"{stamp}:{digest}"


def content_digest(path: Path) -> str | None:
    """A checksum of a file's content (None when it cannot be read): the same bytes under any name."""
    try:
        data = fileio.read_regular(path, IMPORT_COMPARED)
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest()[:32]


def note_stamp(note: str) -> str:
    """The stamp (size and time) of a file_note."""
    return ":".join(note.split(":")[:2])


def note_digest(note: str) -> str | None:
    """The checksum of a file_note, or None for a note from a program before checksums."""
    parts = note.split(":")
    return parts[2] if len(parts) > 2 else None


def _brought_text(item: Planned, copy: str) -> bool:
    """True when the file's version of an answer replaced the text here, and it was not ours coming back.

    Also when it stands in a new conflict: a partner's worksheet text over its program's
    (planning._sheet_stands).

    A version newer than ours that only this copy changed is our own text (the project file was put
    back to an older copy); any other copy's change in it was made where the file came from.
    """
    after, was = item.after.answer, item.before.answer if item.before is not None else None
    stands = (
        item.outcome is Outcome.CONFLICT
        and after.version == item.incoming.version
        and after.same_content(item.incoming)
        and was is not None
        and not was.same_content(after)
    )
    if not stands and (
        item.outcome not in (Outcome.ADDED, Outcome.UPDATED, Outcome.RESOLVED) or not item.changes_text
    ):
        return False
    if item.after.answer.version != item.incoming.version:
        return False
    before = dict(item.before.answer.version) if item.before is not None else {}
    return any(n > before.get(other, 0) for other, n in item.incoming.version if other != copy)


def writer(state: LocalState, slot: Slot, answer: Answer) -> str | None:
    """The partner whose file brought the version an answer has here, when that partner wrote it; else None.

    Only the sharing side knows: every partner's file comes to it straight from that partner. A
    reusing organisation's file from the sharing side may carry another partner's text, so there
    the writer is not known, and nothing is said.
    """
    if state.me != SHARING or not answer.version:
        return None
    key = slot_key(slot)
    try:
        version = history.written(answer)
    except SpredningError:
        return None
    return next(
        (
            sender
            for sender, versions in state.brought.items()
            if sender != SHARING and versions.get(key) == version
        ),
        None,
    )


def news_from(ws: Workspace, slug: str, sender: str | None) -> int:
    """How many answers from `sender` are new to read in the project (what 'vis --nye' shows).

    Counted as status counts them: only answers to questions this guide has.
    """
    if sender is None:
        return 0
    questions = {q.id for q in ws.guide.questions()}
    return sum(1 for key in ws.store.local(slug).news.get(sender, ()) if key_slot(key)[1] in questions)


def no_longer_news(state: LocalState, keys: set[str]) -> LocalState:
    """Answers the user has read while settling their conflict are no news from the partner anymore."""
    if not keys or not state.news:
        return state
    return state._replace(
        news={sender: tuple(k for k in news if k not in keys) for sender, news in state.news.items()}
    )


def slot_of(key: str) -> Slot:
    """The slot a stored key names (for front ends listing news)."""
    return key_slot(key)
