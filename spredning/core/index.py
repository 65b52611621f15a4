"""The project index: a cache of each project's identity, name and progress, for long project lists.

Stored as JSON in the hidden helper folder. Only a cache: anything wrong with it (missing, damaged,
deeply nested, wrong types, written for another guide) makes it empty, and it is rebuilt from the
project files without a word. An entry holds counts, not lists, so ten thousand projects stay small.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path
from typing import Any

from spredning.core import fileio
from spredning.core.model import Layout, Project, side_of

VERSION = 4  # 3: an entry says whether the file is a partner's exchange file; 4: its key, the ctime
MAX_BYTES = 64 * 1024 * 1024
_FIELDS = {"nøgle": list, "id": str, "navn": str, "besvaret": int, "genbrugere": int, "udveksling": bool}


def fingerprint(layout: Layout) -> str:
    """Which guide the counts were made with: an index for another guide is not used."""
    return f"{zlib.crc32(' '.join((*layout.shared, '|', *layout.dialogue)).encode()):08x}"


def entry(key: list[int], project: Project, layout: Layout, exchange: bool = False) -> dict[str, Any]:
    """The index entry for one project file (its key: size, modification time, inode).

    exchange: the file is a partner's export (it has 'udveksling:'), to import, not a project.
    """
    return {
        "nøgle": key,
        "id": project.id,
        "navn": project.name,
        "besvaret": answered(project, layout),
        "genbrugere": len(project.partners),
        "udveksling": exchange,
    }


def answered(project: Project, layout: Layout) -> int:
    """The answers the project list counts: the shared questions and each partner's reusing side.

    The home screen's project line counts the same ('i alt'), so the two numbers agree.
    """
    shared = set(layout.shared)
    reusing = {qid for qid in layout.dialogue if side_of(qid) == "genbruge"}
    count = sum(1 for qid, e in project.shared.items() if qid in shared and not e.answer.empty)
    for section in project.dialogues.values():
        count += sum(1 for qid, e in section.items() if qid in reusing and not e.answer.empty)
    return count


def questions(layout: Layout, partners: int) -> int:
    """How many questions the project list counts for a project with `partners` reusing partners."""
    reusing = sum(1 for qid in layout.dialogue if side_of(qid) == "genbruge")
    return len(layout.shared) + reusing * max(1, partners)


def read(path: Path, layout: Layout) -> dict[str, dict[str, Any]]:
    """The index's entries by slug; empty when it is missing, damaged or for another guide."""
    return {
        slug: item for slug, item in cached(path, VERSION, guide=fingerprint(layout)).items() if _valid(item)
    }


def cached(path: Path, version: int, **expected: str) -> dict[str, Any]:
    """The entries ('projekter') of a cache of JSON written by `write_cache`.

    Empty when the file is missing or damaged, or written as another `version` or with other
    `expected` values.
    """
    try:
        # Decoded first, so the bytes are gone before the entries are built (a smaller peak).
        data = json.loads(fileio.read_regular(path, MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("version") != version
        or any(data.get(name) != value for name, value in expected.items())
        or not isinstance(data.get("projekter"), dict)
    ):
        return {}
    entries: dict[str, Any] = data["projekter"]
    return entries


def _valid(item: object) -> bool:
    if not isinstance(item, dict) or item.keys() != _FIELDS.keys():
        return False
    if not all(type(item[name]) is kind for name, kind in _FIELDS.items()):  # bool is not an int here
        return False
    key = item["nøgle"]
    return len(key) == 4 and all(type(n) is int for n in key)  # as store.files._file_key makes it


def write(path: Path, entries: dict[str, dict[str, Any]], layout: Layout) -> None:
    """Write the index (callers ignore failures: it is only a cache)."""
    write_cache(path, entries, VERSION, guide=fingerprint(layout))


def write_cache(path: Path, entries: dict[str, Any], version: int, **top: str) -> None:
    """Write a cache of JSON: its version, `top` values and entries, as `cached` reads it.

    A cache this user may not read (its mode taken away, say 000) is replaced by one with the
    usual mode: the one it kept would make the new cache unreadable too, rewritten on every run.
    """
    with contextlib.suppress(OSError):  # it cannot be removed: nor can it be replaced (the caller's)
        if os.path.lexists(path) and not os.access(path, os.R_OK):
            os.unlink(path)
    text = json.dumps(  # ASCII: read back as a string of one byte per character
        {"version": version, **top, "projekter": entries},
        separators=(",", ":"),
    )
    fileio.atomic_write(path, text)
