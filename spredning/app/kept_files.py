"""The files of the user's own text the program left for a project in `.spredning/`, in the order made.

The editor's text not taken in (a stop while it was open: SLUG-tekst-fra-editoren.txt, -2, -3 …)
and combined texts whose conflict was settled elsewhere (SLUG-samlede-tekster-uden-konflikt.txt,
likewise). Each is made under a free name (fileio.free_name), so the numbers tell the order they
were made in: listed so (-2 before -10, the file without a number first), not as names sort. A name
in each language counts on its own (a run in English makes editor-text.txt beside Danish ones): the
names' series are then merged by the time each file was last written, each series kept in its order.
`fase` and `konflikter` name the editor's; `status` names both.
"""

from __future__ import annotations

import heapq
import re
from pathlib import Path

from spredning.core import local

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
