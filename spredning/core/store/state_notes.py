"""What the home screen's lists need of every project's state on this computer, cached for long lists.

The list of files to import judges each file for its own project: which organisation this computer
is in it, which files it exported (one nobody changed since is left out) and which it imported; the
list of projects offers 'projekt flet' where this computer is on the same side in another project.
Those notes are in each project's state file (core/local.py), and reading ten thousand state files
takes seconds. This cache keeps just those notes, as JSON next to the project index, one entry per
state file, used only while that file has the same size, modification time and inode (every write
replaces it). Only a cache, as the project index: anything wrong with it makes it empty and it is
rebuilt without a word; a cache that cannot be written is no failure.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, NamedTuple

from spredning.core import index, local
from spredning.core.errors import SpredningError
from spredning.core.store.files import _signature

FILE = "tilstande.json"
VERSION = 2  # 2: the copy id too


class Notes(NamedTuple):
    """One project's notes on this computer that the home screen's lists read."""

    me: str | None  # this computer's organisation in the project (LocalState.me)
    exports: dict[str, str]  # a file this computer exported (path) -> its checksum then
    imported: dict[str, str]  # a file imported here (path) -> its size and time then
    copy: str = ""  # the copy id that marks this computer's changes in the project (LocalState.copy)


def read(home: Path, slugs: list[str]) -> dict[str, Notes]:
    """Each project's notes, from the cache where its state file is unchanged, else from the file.

    A state file that cannot be read counts as none (one that may not be read now, StateUnreadable,
    is not remembered as such: it is read again next time); a file where the helper
    folder should be raises its error (local.load's), as reading every state file did.
    """
    path = local.folder(home) / FILE
    old = {slug: item for slug, item in index.cached(path, VERSION).items() if _valid(item)}
    new: dict[str, dict[str, Any]] = {}
    notes: dict[str, Notes] = {}
    for slug in slugs:
        signature = _signature(local.state_path(home, slug))
        entry = old.get(slug)
        if signature is None or entry is None or entry["nøgle"] != list(signature):
            try:
                state = local.load(home, slug)
            except local.StateUnreadable:  # said by the commands that work in the project; not kept
                notes[slug] = Notes(None, {}, {})
                continue
            entry = {
                "mig": state.me,
                "eksporteret": dict(state.exports),
                "importeret": dict(state.imported),
                "kopi": state.copy,
            }
            if signature is None:  # no state file (yet): nothing to keep
                notes[slug] = _notes(entry)
                continue
            entry["nøgle"] = list(signature)
        new[slug] = entry
        notes[slug] = _notes(entry)
    if new != old:
        with contextlib.suppress(SpredningError, OSError):
            local.ensure_folder(home)
            index.write_cache(path, new, VERSION)
    return notes


def _notes(entry: dict[str, Any]) -> Notes:
    return Notes(entry["mig"], entry["eksporteret"], entry["importeret"], entry["kopi"])


def _valid(item: object) -> bool:
    if not isinstance(item, dict) or item.keys() != {"nøgle", "mig", "eksporteret", "importeret", "kopi"}:
        return False
    key, me = item["nøgle"], item["mig"]
    return (
        isinstance(key, list)
        and len(key) == 3
        and all(type(n) is int for n in key)
        and (me is None or isinstance(me, str))
        and isinstance(item["kopi"], str)
        and all(_texts(item[name]) for name in ("eksporteret", "importeret"))
    )


def _texts(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
