"""The projects in one folder, found and listed: names, the active project, the index, the lock.

Only reads, apart from the active-project marker, the index (a cache) and the lock files: the
project files themselves are written by Store (see store/__init__.py).
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spredning.core import filehead, fileio, local, projectfile, yamlio
from spredning.core.errors import SpredningError, UsageProblem
from spredning.core.model import MAX_SLUG, Layout, fold_name, project_slug, slugify
from spredning.core.store.files import (
    _exchange_file,
    _file_key,
    _lock_problem,
    _Release,
    _restore_hint,
    _slug_name,
    shown_folder,
)
from spredning.core.store.home import (
    ACTIVE_FILE,
    ID_HEAD,
    INDEX_FILE,
    LEGACY_ACTIVE_FILE,
    LOCK_TIMEOUT_SECONDS,
    MAX_ACTIVE_BYTES,
    READ_LIMIT,
    REMOVED_FOLDER,
    SLUG_PATTERN,
    SUFFIX,
)
from spredning.core.store.records import Found, OddFile, Summary

_KEPT_FOLDER = re.compile(r"-\d{8}-\d{6}(?:-\d+)?")  # after the slug in a removed project's folder name


class Busy(SpredningError):
    """Another window holds the project's lock: not let go within the wait, or not waited for (store.busy)."""


class ProjectFolder:
    """The projects in one folder: their files and names, finding one, the active one, the list."""

    def __init__(self, home: Path, layout: Layout):
        self.home = Path(home)
        self.layout = layout
        # called (with the project file) when a change must wait for another window's lock, before
        # the wait begins: a front end says why nothing happens for a moment
        self.on_wait: Callable[[Path], None] | None = None
        self.gave_up = float("-inf")  # when a wait for a lock last ran out (time.monotonic)

    # -- paths and names ---------------------------------------------------------------
    @property
    def shown_home(self) -> Path:
        """The projects folder as messages name it: in full, since '.' before a full stop reads '..'."""
        return shown_folder(self.home)

    def path_for(self, slug: str) -> Path:
        """Return the file of a project; the slug is checked, so it can never leave the folder."""
        return Path(self.file_name(slug))

    def file_name(self, slug: str) -> str:
        """path_for as a plain string: a list of ten thousand projects need not make Path objects."""
        if not SLUG_PATTERN.match(slug) or len(slug) > MAX_SLUG:
            raise UsageProblem("store.bad-name", name=yamlio.shown(slug))
        return os.path.join(self.home, f"{slug}{SUFFIX}")

    def slugs(self) -> list[str]:
        """Return the slugs of every project file in the folder, sorted.

        Anything under a project file's name is one: a link to a missing file, and a folder (or
        another special file) too, so the project list names it as every command does (it is
        not an ordinary file, to move out of the way), and no new project is given its name.
        """
        try:
            with os.scandir(self.home) as entries:
                return sorted(
                    entry.name[: -len(SUFFIX)]
                    for entry in entries
                    if entry.name.endswith(SUFFIX)
                    and len(entry.name) - len(SUFFIX) <= MAX_SLUG
                    and SLUG_PATTERN.match(entry.name[: -len(SUFFIX)])
                )
        except OSError:
            return []

    def foreign(self, slug: str) -> bool:
        """True for an ordinary file under a project's name that is clearly not a project file.

        Its first part has none of a project file's top-level lines (filehead.foreign): notes
        or another program's YAML file. A link, a folder or a file that cannot be read is not
        foreign: every command names it as the project file it stands in for.
        """
        path = self.file_name(slug)
        try:
            if os.path.islink(path) or not os.path.isfile(path):
                return False
            return filehead.foreign(fileio.read_regular(Path(path), ID_HEAD)[:ID_HEAD])
        except OSError:
            return False

    def odd_files(self) -> list[OddFile]:
        """The project files in the folder whose names are not a project's file name, sorted by name.

        Only such names are looked into, and only their head (see filehead.head_kind): a
        partner's exchange file and anything not ours are left out, and a big file is not read.
        """
        found = []
        try:
            with os.scandir(self.home) as entries:
                for entry in entries:
                    name = entry.name
                    if _slug_name(name) or not name.casefold().endswith((SUFFIX, ".yml")):
                        continue
                    try:
                        head = fileio.read_regular(Path(entry.path), ID_HEAD)[:ID_HEAD]
                    except OSError:
                        continue
                    if filehead.head_kind(head) == "project":
                        found.append(OddFile(entry.name, entry.path, filehead.declared_id(head)))
        except OSError:
            return []
        return sorted(found)

    def _odd_named(self, name: str) -> OddFile | None:
        """The odd project file (see odd_files) a project's name names, with or without its ending."""
        text = name.strip()
        named = (odd for odd in self.odd_files() if text in (odd.name, os.path.splitext(odd.name)[0]))
        return next(named, None)

    def find(self, name: str) -> str:
        """Return the slug of an existing project given its name or slug.

        The first word(s) of a name do too, when only one project's name begins so ('eksempel'
        for "Eksempel – Digitalt genoptræningsforløb"), as for a partner's name. A name in another
        script (中文项目, in projekt.yaml or projekt-2.yaml) is found by the name itself, and so is
        a name whose file name another project has ('Projekt 2' in projekt-3.yaml). The project
        file's own name finds it too, with or without its ending ('projekt-2', 'projekt-2.yaml'),
        and so does its path, when the file is in this folder (see _path_named).
        """
        slug = project_slug(name) if slugify(name) else ""
        if not name.strip():
            raise UsageProblem("store.empty-name")
        if (inside := self._path_named(name)) is not None:
            return self.find(inside)
        if (copied := self._file_named(name)) is not None:
            return self._not_exchange(copied)
        if name.strip() != slug and (named := self._all_named(name)):
            if len(named) > 1:  # an import of a namesake started apart makes two: which is not guessed
                raise SpredningError(
                    "store.several-named", name=yamlio.shown(name), n=len(named), known=named
                )
            return named[0]  # by its name first: 'Projekt 2' may be in projekt-3.yaml
        if not slug or not (self.path_for(slug).exists() or self.path_for(slug).is_symlink()):
            return self._begun_by(name, slug)
        return self._not_exchange(slug)

    def _begun_by(self, name: str, slug: str) -> str:
        """The one project whose file name begins with a name no project has; else why none is found."""
        if (odd := self._odd_named(name)) is not None:
            raise self._odd_problem(odd)
        known = self.slugs()
        begun = [known_slug for known_slug in known if known_slug.startswith(f"{slug}-")] if slug else []
        if slug and self._removed(slug):  # not another project's that begins so, taken for it unsaid
            hint = "store.removed.hint-begun" if begun else None
            shown = yamlio.shown(name)
            raise SpredningError("store.removed", hint=hint, name=shown, slug=slug, known=begun)
        if len(begun) == 1:
            return begun[0]
        if begun:
            raise SpredningError("store.several-begin", name=yamlio.shown(name), known=begun)
        # a name mistyped ('hjemmeplej') names the project it is close to, as a partner's does
        close = _close_slugs(slug or name.strip(), known)
        raise SpredningError(
            "store.not-found",
            hint=None if known else "store.not-found.odd" if self.odd_files() else "store.not-found.none",
            name=yamlio.shown(name),
            home=self.shown_home,
            known=known,
            close=close,
            typed=name,
        )

    def _removed(self, slug: str) -> bool:
        """Whether a project of this file name was removed (projekt fjern): its kept folder is here.

        Named so ('SLUG-DATE-TIME', project_restore.KEPT_NAME), holding its project file.
        """
        base = self.home / REMOVED_FOLDER
        try:
            return any(
                _KEPT_FOLDER.fullmatch(found.name[len(slug) :]) and (found / f"{slug}{SUFFIX}").is_file()
                for found in base.glob(f"{fileio.glob_escape(slug)}-*")
            )
        except OSError:
            return False

    def _path_named(self, name: str) -> str | None:
        """The file name of a project named by its path ('/home/x/p/digital.yaml', './digital.yaml'), or None.

        One in the folder is found by its file name. Elsewhere, only a path to a file is taken for
        one ('Ærø/Fanø' is a name): refused, with what to do (store.elsewhere). A file:// address
        (pasted from a file window) is its path.
        """
        text = name.strip()
        if text.startswith("file://"):  # a file window's address, pasted (urllib: only then imported)
            from urllib.parse import urlsplit
            from urllib.request import url2pathname

            text = url2pathname(urlsplit(text).path)
        if "/" not in text and os.sep not in text:
            return None
        path = Path(text).expanduser()
        try:
            if path.name and path.parent.resolve() == self.home.resolve():
                return path.name  # found (or not) by its file name, with or without the ending
            elsewhere = path.is_file()
        except (OSError, RuntimeError):  # a loop of links, a name too long: taken as a name
            return None
        if not elsewhere:
            return None
        raise SpredningError(
            "store.elsewhere", hint="store.elsewhere.hint", path=shown_folder(path), home=self.shown_home
        )

    def _file_named(self, name: str) -> str | None:
        """The slug of a project file named with its ending ('digital.yaml', copied), or None."""
        text = name.strip()
        for suffix in (SUFFIX, ".yml"):
            stem = text[: -len(suffix)]
            if text.casefold().endswith(suffix) and SLUG_PATTERN.match(stem) and len(stem) <= MAX_SLUG:
                path = self.path_for(stem)
                if path.exists() or path.is_symlink():
                    return stem
        return None

    def _not_exchange(self, slug: str) -> str:
        """A partner's exchange file saved in the folder is named as a project: refused, to import instead.

        Opened as a project it would be shown as one, and a save would rewrite it as a second
        project with the same identity. Only the file's head is read (see filehead.head_kind).
        """
        path = self.file_name(slug)
        try:
            head = fileio.read_regular(Path(path), ID_HEAD)
        except OSError:  # missing or unreadable: said by whatever reads it next
            return slug
        if filehead.head_kind(head) == "exchange":
            raise _exchange_file(slug, path)
        return slug

    def _all_named(self, name: str) -> list[str]:
        """The slugs of every project called `name` (compared folded, see fold_name), in slug order."""
        wanted = fold_name(name)
        return [
            slug
            for slug, summary in self.summaries(self.slugs())
            if isinstance(summary, Summary) and not summary.exchange and fold_name(summary.name) == wanted
        ]

    def namesakes(self, name: str) -> list[str]:
        """The slugs of every project called `name` (compared folded), in slug order; no exchange file."""
        return self._all_named(name)

    def named(self, name: str) -> str | None:
        """The slug of a project called `name` (compared folded, see fold_name), or None.

        A partner's exchange file saved in the folder is not a project (see _not_exchange).
        """
        named = self._all_named(name)
        return named[0] if named else None

    # -- the active project --------------------------------------------------------------
    def active(self) -> str | None:
        """Return the active project's slug, or None when none is set or its file is gone."""
        for marker in (local.folder(self.home) / ACTIVE_FILE, self.home / LEGACY_ACTIVE_FILE):
            try:  # a hand-made or hostile marker file is just "no active project"
                slug = fileio.read_regular(marker, MAX_ACTIVE_BYTES).decode("utf-8").strip()
            except (OSError, ValueError):
                continue
            if len(slug) <= MAX_SLUG and SLUG_PATTERN.match(slug) and self.path_for(slug).exists():
                return slug
        return None

    def set_active(self, slug: str) -> None:
        """Make a project the active one."""
        self.path_for(slug)  # checks the slug: the marker never holds a path
        local.ensure_folder(self.home)
        fileio.atomic_write(local.folder(self.home) / ACTIVE_FILE, slug + "\n")

    def resolve(self, name: str | None) -> str:
        """The project to work on: the named one, the active one, or the only one in the folder."""
        if name is not None:
            return self.find(name)
        slug = self.active()
        if slug is not None:
            return self._not_exchange(slug)
        slugs = self.project_slugs()
        if len(slugs) == 1:
            return slugs[0]
        if slugs:
            raise SpredningError("store.choose-project", known=slugs)
        odd = self.odd_files()
        if odd:  # a project under another name is not "nothing": said, with what to do
            raise SpredningError("store.no-project-but-odd", paths=[o.path for o in odd])
        raise SpredningError("store.no-project")

    def _odd_problem(self, odd: OddFile) -> SpredningError:
        """A project named by an odd file's name (see odd_files): what the file is and what to do."""
        same = self.same_project(odd, self.summaries(self.slugs()))
        if same is not None:
            return SpredningError("store.odd-copy", path=odd.path, name=same.name, slug=same.slug)
        return SpredningError("store.odd-file", path=odd.path)

    @staticmethod
    def same_project(
        odd: OddFile, summaries: Iterable[tuple[str, Summary | SpredningError]]
    ) -> Summary | None:
        """The project here that an odd file is a copy of (the same identity), or None."""
        if odd.id is None:
            return None
        return next(
            (s for _, s in summaries if isinstance(s, Summary) and not s.exchange and s.id == odd.id), None
        )

    def project_slugs(self) -> list[str]:
        """The slugs of the folder's files that are not a partner's exchange file (from the index)."""
        return [
            slug
            for slug, summary in self.summaries(self.slugs())
            if not (isinstance(summary, Summary) and summary.exchange)
        ]

    def chosen(self, name: str | None) -> str | None:
        """The project the user chose, if any: the one named (--projekt), else the active one."""
        return self.find(name) if name is not None else self.active()

    def find_by_id(self, project_id: str, prefer: str | None = None) -> Found | None:
        """The project file with this identity (and the other files holding it), or None.

        Several readable files with one identity (a project file copied in the folder as a backup):
        the preferred one (the project the user chose, see chosen) when it is one of them; otherwise
        none can be told to be the right one, and that is raised, with the files, before anything
        is changed.

        A file that cannot be read but names this identity at its top is that project, broken:
        its problem is raised, so no second copy of the project is made beside it (an import) and
        no worksheet is said to belong to no project here.
        """
        found: list[Summary] = []
        unreadable = []
        for slug, summary in self.summaries(self.slugs()):
            if not isinstance(summary, Summary):
                unreadable.append((slug, summary))
            elif summary.id == project_id and not summary.exchange:
                found.append(summary)
        if len(found) == 1:
            return Found(found[0].slug)
        if found:
            slugs = [summary.slug for summary in found]
            if prefer not in slugs:
                raise SpredningError(
                    "store.same-project-files",
                    name=found[0].name,
                    paths=[self.file_name(slug) for slug in slugs],
                    slugs=slugs,
                )
            return Found(prefer, tuple(slug for slug in slugs if slug != prefer))
        for slug, problem in unreadable:
            path = self.file_name(slug)
            try:
                head = fileio.read_regular(Path(path), ID_HEAD)
            except OSError:
                continue
            if filehead.head_kind(head) != "exchange" and filehead.declared_id(head) == project_id:
                marked = problem.key == "project.git-conflict"  # git's markers: 'konflikter' repairs it
                raise SpredningError(
                    "store.same-project-unreadable",
                    hint="store.same-project-marked.hint"
                    if marked
                    else _restore_hint(Path(path), self.layout),
                    path=path,
                    problem=problem.message,
                    slug=slug,
                    default=marked and self._default(slug),
                )
        return None

    def _default(self, slug: str) -> bool:
        """Whether a command without --projekt works on this project (the active or the only one)."""
        try:
            return self.resolve(None) == slug
        except SpredningError:
            return False

    # -- the list ---------------------------------------------------------------------
    def summaries(self, slugs: Iterable[str]) -> list[tuple[str, Summary | SpredningError]]:
        """Identity, name and progress of each project, from a small index next to the files.

        An entry is used only while its file has the same size, modification time and inode
        (every save replaces the file, so it gets a new inode); other files are read and
        validated as usual, and the index is rewritten. The index is only a cache: when it is
        missing, damaged or cannot be written, everything still works, only slower.

        Listing only reads: it writes no state file and takes no lock per project (see _summary_project).
        """
        from spredning.core import index

        old = index.read(self._index_path(), self.layout)
        new: dict[str, dict[str, Any]] = {}
        result: list[tuple[str, Summary | SpredningError]] = []
        for slug in slugs:
            try:
                key = _file_key(self.file_name(slug))
                entry = old.get(slug)
                if entry is None or entry["nøgle"] != key:
                    parsed = self._summary_project(slug)
                    entry = index.entry(key, parsed.project, self.layout, parsed.exchange is not None)
            except SpredningError as exc:
                result.append((slug, exc))
                continue
            new[slug] = entry
            result.append(
                (
                    slug,
                    Summary(
                        slug,
                        entry["id"],
                        entry["navn"],
                        entry["besvaret"],
                        entry["genbrugere"],
                        entry["udveksling"],
                    ),
                )
            )
        if new != old:
            with contextlib.suppress(SpredningError, OSError):
                local.ensure_folder(self.home)
                index.write(self._index_path(), new, self.layout)
        return result

    def _summary_project(self, slug: str) -> projectfile.ParsedFile:
        """Read and validate a project for the list, without this computer's state for it.

        open() writes a new state file (and takes the project's lock) the first time it sees a
        project; a list of ten thousand new projects must not write ten thousand files. The copy
        id given to parse only marks answers edited by hand as this copy's changes, which no
        summary shows, so the placeholder that _as_written uses will do.
        """
        path = self.path_for(slug)
        raw, data = projectfile.read(path, READ_LIMIT, self.layout)
        return projectfile.parse(data, slug, path, self.layout, "00000000", raw)

    def _index_path(self) -> Path:
        return local.folder(self.home) / INDEX_FILE

    def _lock(self, slug: str, new: bool = False, wait: bool = True) -> _Release:
        """The project's lock, held until the with-block ends; `new`: for a project being made.

        Held by another window, it is waited for (up to LOCK_TIMEOUT_SECONDS; on_wait is told
        first), or with `wait` False not at all: Busy, for a caller that tries again later (the
        answer field's autosave, which must never keep the person from typing). A wait that ran
        out is not begun again for as long (gave_up): the steps of one keystroke (keep the field's
        text, then the draft of going back ...) then wait once, not once each.
        """
        import filelock

        lock_path = local.folder(self.home) / f"{slug}.lock"
        if not self.home.is_dir():  # gone (a drive disconnected, a folder moved): never made anew here,
            # or a save would split the work
            raise SpredningError("store.home-missing", folder=self.shown_home)
        try:
            local.ensure_folder(self.home)
        except SpredningError:
            raise _lock_problem(self.home, lock_path, new) from None
        lock = filelock.FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
        try:
            try:
                lock.acquire(timeout=0)
            except filelock.Timeout:
                if not wait or time.monotonic() - self.gave_up < LOCK_TIMEOUT_SECONDS:
                    raise Busy("store.busy", path=self.path_for(slug), lock=lock_path) from None
                if self.on_wait is not None:
                    self.on_wait(self.path_for(slug))
                lock.acquire()
        except filelock.Timeout:
            self.gave_up = time.monotonic()
            raise Busy("store.busy", path=self.path_for(slug), lock=lock_path) from None
        except OSError:
            raise _lock_problem(self.home, lock_path, new) from None
        return _Release(lock)


def _close_slugs(typed: str, known: list[str]) -> list[str]:
    """The slugs close to a name mistyped: to the whole slug, or to its first words as many as typed.

    The first word(s) find a project ('hjemmepleje' for hjemmepleje-i-boe-s-kommune, see find),
    so the same word mistyped ('hjemmeplej') names it too; it is far from the whole long slug.
    """
    words = typed.count("-") + 1
    forms: dict[str, list[str]] = {}  # a slug, or its first words, -> the slugs (several may begin so)
    for known_slug in known:
        for form in dict.fromkeys((known_slug, "-".join(known_slug.split("-")[:words]))):
            forms.setdefault(form, []).append(known_slug)
    close = (
        slug
        for form in difflib.get_close_matches(typed, list(forms), n=3, cutoff=0.7)
        for slug in forms[form]
    )
    return list(dict.fromkeys(close))[:3]
