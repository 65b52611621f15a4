"""Project files on disk: the only module that writes.

One YAML file per project, named from a slug of its name, in one folder (the "hjem"). Every change
is a short read-modify-write under a lock file: the file is re-read under the lock, only the changed
answer is applied, and the new text replaces the old atomically (temp file, fsync, rename), so a
crash leaves either the previous complete file or the new one. A file that cannot be read is never
overwritten, and a file that spredning did not write in exactly this form (a BOM, CRLF line ends,
comments, other quoting) is first kept as a backup next to it, ``NAVN.yaml.bak-DATO-TID``.
The file format itself lives in projectfile.py, the low-level file handling in fileio.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from spredning.core import fileio, projectfile, yamlio
from spredning.core.errors import ProjectFileError, SpredningError, UsageProblem
from spredning.core.model import Project

HOME_ENV = "SPREDNING_HJEM"
ACTIVE_FILE = ".aktivt-projekt"
SUFFIX = ".yaml"
LOCK_TIMEOUT_SECONDS = 15
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_SLUG = 60
BACKUP_INFIX = fileio.BACKUP_INFIX
MAX_ACTIVE_BYTES = 1024
BASE_SUFFIX = ".fælles"
INDEX_FILE = ".projekter.json"
INDEX_VERSION = 1
def home_dir(option: str | os.PathLike | None = None) -> Path:
    """Choose the projects folder: --hjem, then $SPREDNING_HJEM, then the per-user data folder."""
    chosen = option or os.environ.get(HOME_ENV)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs  # only commands that touch projects pay for this import

    return Path(platformdirs.user_data_dir("spredning", appauthor=False))


def slugify(name: str) -> str:
    """Make a file-name slug: Danish letters become ae/oe/aa, everything else a-z, 0-9 and '-'."""
    text = name.strip().lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:MAX_SLUG].rstrip("-")


class ProjectSummary(NamedTuple):
    """What the project list shows: a project's name and which questions it has answered."""

    slug: str
    name: str
    answered: frozenset[str]


class SaveConflict(NamedTuple):
    """Someone else changed the answer since it was shown: what is on disk now."""

    question_id: str
    on_disk: str | None


class Store:
    """The projects in one folder: create, load, list, save answers, and the active project."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self.last_backup: Path | None = None  # the backup the last save made, for the user
        self._written: dict[Path, tuple | None] = {}  # files as this Store last wrote them

    # -- paths and names ---------------------------------------------------------------
    def path_for(self, slug: str) -> Path:
        """Return the file of a project; the slug is checked, so it can never leave the folder."""
        if not SLUG_PATTERN.match(slug):
            raise UsageProblem(f"'{yamlio.shown(slug)}' er ikke et gyldigt projektnavn.")
        return self.home / f"{slug}{SUFFIX}"

    def slugs(self) -> list[str]:
        """Return the slugs of every project file in the folder, sorted."""
        if not self.home.is_dir():
            return []
        return sorted(p.stem for p in self.home.glob(f"*{SUFFIX}")
                      if SLUG_PATTERN.match(p.stem) and p.is_file())

    def find(self, name: str) -> str:
        """Return the slug of an existing project given its name or slug."""
        slug = slugify(name)
        if not slug or not self.path_for(slug).exists():
            known = ", ".join(self.slugs()) or "ingen endnu"
            raise SpredningError(f"Projektet '{yamlio.shown(name)}' findes ikke i {self.home}.",
                                 f"Projekter her: {known}. Se 'spredning projekter'.")
        return slug

    # -- the active project --------------------------------------------------------------
    def active(self) -> str | None:
        """Return the active project's slug, or None when none is set or its file is gone."""
        try:  # a hand-made or hostile marker file is just "no active project"
            raw = fileio.read_regular(self.home / ACTIVE_FILE, MAX_ACTIVE_BYTES)
            slug = raw.decode("utf-8").strip()
        except (OSError, ValueError):
            return None
        if len(slug) <= MAX_SLUG and SLUG_PATTERN.match(slug) and self.path_for(slug).exists():
            return slug
        return None

    def set_active(self, slug: str) -> None:
        """Make a project the active one."""
        self.path_for(slug)  # checks the slug: the marker never holds a path
        fileio.atomic_write(self.home / ACTIVE_FILE, slug + "\n")

    def resolve(self, name: str | None) -> str:
        """Return the slug to work on: the named project, or the active one."""
        if name:
            return self.find(name)
        slug = self.active()
        if slug is None:
            hint = ("Start et projekt med 'spredning start', eller vælg et med "
                    "'spredning projekt brug NAVN'.")
            if self.slugs():
                hint = "Vælg et projekt med 'spredning projekt brug NAVN' (se 'spredning projekter')."
            raise SpredningError("Der er intet aktivt projekt.", hint)
        return slug

    # -- reading ----------------------------------------------------------------------
    def load(self, slug: str) -> Project:
        """Load and validate one project file."""
        path = self.path_for(slug)
        return projectfile.project_from_data(projectfile.read(path)[1], slug, path)

    def summaries(self, slugs: Iterable[str]) -> list[tuple[str, ProjectSummary | SpredningError]]:
        """Name and answered questions of each project, from a small index next to the files.

        An entry is used only while its file has the same size, modification time and inode
        (every save replaces the file, so it gets a new inode); other files are read and
        validated as usual, and the index is rewritten. The index is only a cache: when it is
        missing, unreadable or cannot be written, everything still works, only slower.
        """
        old = self._read_index()
        new: dict[str, dict] = {}
        result: list[tuple[str, ProjectSummary | SpredningError]] = []
        for slug in slugs:
            try:
                key = _file_key(self.path_for(slug))
                entry = old.get(slug)
                if not isinstance(entry, dict) or entry.get("nøgle") != key:
                    project = self.load(slug)
                    entry = {"nøgle": key, "navn": project.name, "svar": sorted(project.answers)}
            except SpredningError as exc:
                result.append((slug, exc))
                continue
            new[slug] = entry
            result.append((slug, ProjectSummary(slug, entry["navn"], frozenset(entry["svar"]))))
        if new != old:
            import json

            with contextlib.suppress(SpredningError, OSError):
                fileio.atomic_write(self.home / INDEX_FILE, json.dumps(
                    {"version": INDEX_VERSION, "projekter": new}, ensure_ascii=False))
        return result

    def _read_index(self) -> dict:
        import json

        try:
            data = json.loads(fileio.read_regular(self.home / INDEX_FILE, 64 * 1024 * 1024))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
            return {}
        projects = data.get("projekter")
        return projects if isinstance(projects, dict) else {}

    # -- writing ----------------------------------------------------------------------
    def create(self, project: Project, order: Sequence[str] = ()) -> Path:
        """Write a new project file; an existing project of the same slug is an error."""
        path = self.path_for(project.slug)
        content = projectfile.serialise(projectfile.data_from_project(project, order), path)
        fileio.make_folder(self.home)
        with self._lock(path):
            if path.exists() or path.is_symlink():
                raise SpredningError(
                    f"Der findes allerede et projekt med navnet '{project.slug}' ({path}).",
                    "Vælg et andet navn, eller arbejd videre i det med "
                    f"'spredning projekt brug {project.slug}'.")
            fileio.remove_stale_temps(path)
            fileio.atomic_write(path, content)
        return path

    def save_answers(self, slug: str, changes: Mapping[str, str | None],
                     expected: Mapping[str, str | None], order: Sequence[str],
                     conflicts: Mapping[str, str | None] | None = None) -> list[SaveConflict]:
        """Apply changed answers under the lock; return conflicts instead of overwriting them.

        `expected` holds each answer as it was when shown to the user. When the file now holds
        something else (another process saved meanwhile), that answer is not written; it comes
        back as a SaveConflict for the caller to resolve. None as a change removes the answer.
        `conflicts` sets (or, with None, clears) a partner's version kept beside an answer.
        A file not in spredning's own form is kept as a backup first (``last_backup``).
        """
        path = self.path_for(slug)
        _check_changes(changes, path)
        self.last_backup = None
        with self._lock(path):
            fileio.remove_stale_temps(path)
            signature = _signature(path)
            raw, data = projectfile.read(path)
            projectfile.project_from_data(data, slug, path)  # refuse to rewrite a file we cannot understand
            # A file this Store wrote itself (same inode, size, time) needs no byte-for-byte check.
            as_written = (signature is not None and self._written.get(path) == signature) or \
                projectfile.is_as_written(raw, data)
            answers, refused = _apply(data.get("svar") or {}, changes, expected)
            kept = _updated(data.get("konflikter") or {}, conflicts or {})
            if answers != (data.get("svar") or {}) or kept != (data.get("konflikter") or {}):
                new_data = projectfile.rewritten(data, projectfile.ordered(answers, order),
                                                 projectfile.ordered(kept, order))
                content = projectfile.serialise(new_data, path)
                if not as_written:
                    self.last_backup = fileio.keep_backup(path, raw)
                fileio.atomic_write(path, content)
                self._written[path] = _signature(path)
        return refused

    # -- what was last exchanged with the partner: the common ground exports declare -------
    def _base_path(self, slug: str) -> Path:
        return self.home / f".{slug}{SUFFIX}{BASE_SUFFIX}"

    def load_base(self, slug: str) -> dict[str, str]:
        """The answers last sent to or received from the partner (empty when unknown)."""
        try:
            data = yamlio.loads(yamlio.decode(
                fileio.read_regular(self._base_path(slug), yamlio.MAX_BYTES)))
        except (OSError, yamlio.YamlProblem):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}

    def update_base(self, slug: str, exchanged: Mapping[str, str]) -> None:
        """Remember answers as exchanged (after an import or an export); exports declare them."""
        if exchanged:
            base = {**self.load_base(slug), **exchanged}
            fileio.atomic_write(self._base_path(slug), yamlio.dumps(base))

    def _lock(self, path: Path):
        import filelock

        lock = filelock.FileLock(str(path.parent / f".{path.name}.lock"),
                                 timeout=LOCK_TIMEOUT_SECONDS)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise SpredningError(
                f"Projektfilen {path} er optaget af en anden proces.",
                "Vent et øjeblik, og prøv igen. Dit svar er ikke gemt endnu.") from None
        except OSError as exc:
            raise SpredningError(f"Kan ikke skrive i mappen {path.parent} ({fileio.reason(exc)}).",
                                 "Tjek at mappen findes, og at du har skriveadgang.") from None
        return _Release(lock)


class _Release(contextlib.AbstractContextManager):
    def __init__(self, lock):
        self.lock = lock

    def __exit__(self, *exc_info):
        self.lock.release()


def _file_key(path: Path) -> list[int]:
    """What changes whenever a project file is rewritten: size, modification time, inode."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SpredningError(f"Projektfilen {path} findes ikke.") from None
    except OSError as exc:
        raise ProjectFileError(f"Projektfilen {path} kan ikke læses ({fileio.reason(exc)}).") from None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _apply(on_disk: Mapping[str, str], changes: Mapping[str, str | None],
           expected: Mapping[str, str | None]) -> tuple[dict[str, str], list[SaveConflict]]:
    """Apply changes whose answer on disk is still the one expected; refuse the others."""
    answers = dict(on_disk)
    refused = []
    for qid, text in changes.items():
        current = answers.get(qid)
        if current not in (expected.get(qid), text):
            refused.append(SaveConflict(qid, current))
        elif text is None:
            answers.pop(qid, None)
        else:
            answers[qid] = text
    return answers, refused


def _updated(kept: Mapping[str, str], updates: Mapping[str, str | None]) -> dict[str, str]:
    result = dict(kept)
    for qid, text in updates.items():
        if text is None:
            result.pop(qid, None)
        else:
            result[qid] = text
    return result


def _check_changes(changes: Mapping[str, str | None], path: Path) -> None:
    """Answers are text (or None to remove one); anything else is refused before the file is read."""
    for qid, text in changes.items():
        if not isinstance(qid, str) or not (text is None or isinstance(text, str)):
            raise SpredningError(f"Svaret på '{yamlio.shown(str(qid))}' kan ikke gemmes i {path}: "
                                 "det er ikke en tekst.", "Filen er ikke ændret.")


def _signature(path: Path) -> tuple[int, int, int] | None:
    """What identifies one version of a file on disk: inode, size and modification time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns
