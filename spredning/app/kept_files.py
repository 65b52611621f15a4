"""The files of the user's own text the program left for a project in `.spredning/`, in the order made.

The editor's text not taken in (a stop while it was open: SLUG-tekst-fra-editoren.txt, -2, -3 …)
and combined texts whose conflict was settled elsewhere (SLUG-samlede-tekster-uden-konflikt.txt,
likewise). Each is made under a free name (fileio.free_name), so the numbers tell the order they
were made in: listed so (-2 before -10, the file without a number first), not as names sort. A name
in each language counts on its own (a run in English makes editor-text.txt beside Danish ones): the
names' series are then merged by the time each file was last written, each series kept in its order.
`fase` and `konflikter` name the editor's; `status` names both. An editor's file whose text is
already in a draft or a saved answer of the project (taken_in: a stop took it in and kept the file
too) is named as the copy it is, so its text is not pasted in twice.
"""

from __future__ import annotations

import heapq
import re
from pathlib import Path

from spredning.core import fileio, local
from spredning.core.model import Project, normalise
from spredning.core.store import WRITE_LIMIT

EDITOR = "editor.file"
SET_ASIDE = "conflict.set-aside-file"


def kept_files(home: Path, slug: str, key: str) -> list[Path]:
    """The files of the kind `key` names (EDITOR or SET_ASIDE) left for project `slug`, oldest first.

    The name is the language's (kept_texts): a file left while another language was chosen is the
    project's as much.
    """
    try:
        named = [path for path in local.folder(home).iterdir() if path.name.startswith(f"{slug}-")]
    except OSError:  # no helper folder (or none to read): no file left in it
        return []
    if not any(path.suffix == ".txt" for path in named):
        return []  # the usual case: the other languages' catalogues need not be read (a status: ~10 ms)
    from spredning.app.project_removal import kept_texts  # with the projects' index: only when needed

    names = "|".join(map(re.escape, kept_texts(key)))
    shape = re.compile(rf"{re.escape(slug)}-({names})(?:-(\d+))?\.txt")
    series: dict[str, list[tuple[int, int, Path]]] = {}
    for path in named:
        match = shape.fullmatch(path.name)
        if match and path.is_file():
            series.setdefault(match[1], []).append((int(match[2] or 1), _written(path), path))
    runs = [[(written, path) for _, written, path in sorted(found)] for _, found in sorted(series.items())]
    return [path for _, path in heapq.merge(*runs, key=lambda item: item[0])]


def _written(path: Path) -> int:
    """When the file was last written (ns); a file gone since it was listed counts as the newest."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 1 << 63


def taken_in(path: Path, project: Project, state: local.LocalState) -> bool:
    """Whether the text of the editor's file `path` is already in a draft or saved answer of the project.

    Taken in: the file's text (as an answer is kept, model.normalise) is a draft, a reason kept
    beside one, a saved answer or its reason (or a version of one in conflict), or whole lines of
    one (a draft that joined two windows' texts). A file not readable as UTF-8, or empty, is not.
    """
    try:
        text = normalise(fileio.read_regular(path, WRITE_LIMIT).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return False
    if not text:
        return False
    kept = [*state.drafts.values(), *state.beside.values()]
    for _slot, entry in project.entries():
        kept.extend(answer.text for answer in (entry.answer, *entry.others))
    return any(f"\n{text}\n" in f"\n{normalise(there)}\n" for there in kept)
