"""Project files on disk: the only module that writes them.

One YAML file per project, named from a slug of its name, in one folder (the "hjem"), plus a
hidden ``.spredning/`` folder with this computer's helper files (local.py, the lock files, the
active project and an index). Every change is a transaction: under the project's lock the file is
read again, the change is applied to what is there now (``transact``), and the new text replaces
the old atomically (temp file, fsync, rename), so a crash leaves either the previous complete file
or the new one and two programs never lose each other's answers.

A file that cannot be read is never overwritten; a file not in exactly the form spredning writes
(edited by hand, an older format) is first kept as a backup, ``NAVN.yaml.bak-DATO-TID``. A save
that would make the file larger than the program reads is refused before anything is written; a
file that is already larger can still be read, to export, report or shrink it. A read-only project
file is left alone, and a project file that is a symbolic link is written through to its target.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from spredning.core import fileio, local, projectfile, yamlio
from spredning.core.errors import Message, ProjectFileError, SpredningError, UsageProblem
from spredning.core.local import LocalState
from spredning.core.model import MAX_SLUG, Layout, Project, Slot, fold_name, project_slug, slugify
from spredning.core.salvage import Salvage

HOME_ENV = "SPREDNING_HJEM"
ACTIVE_FILE = "aktivt-projekt"
LEGACY_ACTIVE_FILE = ".aktivt-projekt"
SUFFIX = ".yaml"
LOCK_TIMEOUT_SECONDS = 15
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ACTIVE_BYTES = 1024
WRITE_LIMIT = yamlio.MAX_BYTES  # the largest project file a save may produce
ID_HEAD = 64 * 1024  # where a broken project file's 'id:' line is looked for (ours is its second line)
READ_LIMIT = 4 * yamlio.MAX_BYTES  # a larger one can still be read, to export or shrink it
INDEX_FILE = "projekter.json"
INDEX_VERSION = 3
KEPT_HELPERS = "denne-computer"  # where move_out puts this computer's helper files of a project

T = TypeVar("T")


def home_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Choose the projects folder: --hjem, then $SPREDNING_HJEM, then the per-user data folder."""
    chosen = option or os.environ.get(HOME_ENV)
    try:
        if chosen:
            return Path(chosen).expanduser()
        import platformdirs  # only commands that touch projects pay for this import

        return Path(platformdirs.user_data_dir("spredning", appauthor=False))
    except RuntimeError:  # no $HOME and a user the system has no entry for (a container's own user id)
        raise SpredningError("files.no-home-folder") from None


def home_chosen(option: str | os.PathLike[str] | None = None) -> bool:
    """True when the user chose the projects folder (--hjem or $SPREDNING_HJEM), not the default."""
    return bool(option or os.environ.get(HOME_ENV))


def check_home(home: Path, *, may_create: bool = False) -> None:
    """A projects folder the user chose must be there: a drive not connected is not an empty folder.

    With may_create (a new project) only the folder itself may be missing, never its parent, so a
    mistyped or unmounted path does not become a new folder on this computer's own disk.
    """
    try:
        info = os.stat(home)
    except (FileNotFoundError, NotADirectoryError):
        if may_create and home.parent.is_dir():
            return
        raise SpredningError("store.home-missing", folder=home) from None
    except OSError as exc:
        raise SpredningError("store.home-unreadable", folder=home, reason=fileio.reason(exc)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise SpredningError("files.not-a-folder", folder=home)
    if not os.access(home, os.R_OK | os.X_OK):  # its files cannot be listed: not "no projects yet"
        raise SpredningError("store.home-unreadable", folder=home, reason=Message("reason.access"))


class Summary(NamedTuple):
    """What the project list shows: a project's identity, name and how far it has come."""

    slug: str
    id: str
    name: str
    answered: int  # answers given in the guide's places (shared and every dialogue's)
    partners: int
    exchange: bool = False  # a partner's export saved in the folder: to import, not a project


class Found(NamedTuple):
    """The project file a partner's answers go into, and the other files holding the same project."""

    slug: str
    copies: tuple[str, ...] = ()  # a copy kept in the folder (a backup): left as it is


class OddFile(NamedTuple):
    """A project file in the folder under a name the program does not use, so it is no project here.

    A sync service's conflict copy ('projekt (1).yaml', 'projekt-DESKTOP-ABC.yaml') or a file the
    user renamed ('Projekt.yaml'): it may hold answers no project here has. Told by its head only.
    """

    name: str  # the file's name in the folder
    path: str  # its full path
    id: str | None  # the identity its head names (None: no 'id:' line found there)


class WentBack(NamedTuple):
    """A project file holding older versions of this copy's answers than it gave: put back, it seems."""

    path: Path
    project: Project
    slots: tuple[Slot, ...]


class NotRemembered(NamedTuple):
    """A helper file of this computer's that could not be written after the work was done.

    The work itself (an answer in the project file, an export, a report) is done; only what this
    computer remembers about it (local.py) is not, so the user is warned, not told it failed.
    """

    slug: str
    path: Path  # the state file, or the marker of the active project (active)
    problem: Message  # why: a reason (fileio.reason, with `reason`) or the whole problem
    reason: bool = True
    active: bool = False  # the project could not be made the active one


def _not_remembered(slug: str, path: Path, exc: SpredningError, active: bool = False) -> NotRemembered:
    reason = exc.params.get("reason")
    if isinstance(reason, Message):
        return NotRemembered(slug, path, reason, True, active)
    return NotRemembered(slug, path, exc.message, False, active)


class Opened(NamedTuple):
    """A project as read now, with this computer's state for it."""

    project: Project
    local: LocalState
    path: Path


Change = Callable[[Project, LocalState], tuple[Project, LocalState, T]]


class Store:
    """The projects in one folder: create, load, list, change in transactions, the active project."""

    def __init__(self, home: Path, layout: Layout):
        self.home = Path(home)
        self.layout = layout
        self.last_backup: Path | None = None  # the backup the last save made
        # every project file this Store kept as a backup because it was not in the program's own
        # form (edited by hand, an older format): all of them, for the user, however many saves follow
        self.backups: list[Path] = []
        self.kept_states: list[Path] = []  # unreadable state files moved aside, for the user
        self.salvaged: dict[Path, Salvage] = {}  # of those, the damaged ones: what could be read of each
        # project files found older than what this copy gave (local.went_back), each told once
        self.went_back: list[WentBack] = []
        # helper files not written after work that was done (a read-only .spredning folder): told
        self.not_remembered: list[NotRemembered] = []
        self._written: dict[Path, tuple[int, int, int] | None] = {}  # files as this Store last wrote them
        # how a refusal names an answer: by its place in the guide when the app layer can (see
        # Workspace.store); here only by where it stands in the file
        self.name_answer: Callable[[Project, Slot], object] = _answer_in_file

    # -- paths and names ---------------------------------------------------------------
    @property
    def shown_home(self) -> Path:
        """The projects folder as messages name it: in full, since '.' before a full stop reads '..'."""
        return shown_folder(self.home)

    def path_for(self, slug: str) -> Path:
        """Return the file of a project; the slug is checked, so it can never leave the folder."""
        return Path(self._file_name(slug))

    def _file_name(self, slug: str) -> str:
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

        Its first part has none of a project file's top-level lines (projectfile.foreign): notes
        or another program's YAML file. A link, a folder or a file that cannot be read is not
        foreign: every command names it as the project file it stands in for.
        """
        path = self._file_name(slug)
        try:
            if os.path.islink(path) or not os.path.isfile(path):
                return False
            return projectfile.foreign(fileio.read_regular(Path(path), ID_HEAD)[:ID_HEAD])
        except OSError:
            return False

    def odd_files(self) -> list[OddFile]:
        """The project files in the folder whose names are not a project's file name, sorted by name.

        Only such names are looked into, and only their head (see projectfile.head_kind): a
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
                    if projectfile.head_kind(head) == "project":
                        found.append(OddFile(entry.name, entry.path, projectfile.declared_id(head)))
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
        file's own name finds it too, with or without its ending ('projekt-2', 'projekt-2.yaml').
        """
        slug = project_slug(name) if slugify(name) else ""
        if not name.strip():
            raise UsageProblem("store.empty-name")
        if (copied := self._file_named(name)) is not None:
            return self._not_exchange(copied)
        if name.strip() != slug and (named := self._all_named(name)):
            if len(named) > 1:  # an import of a namesake started apart makes two: which is not guessed
                raise SpredningError(
                    "store.several-named", name=yamlio.shown(name), n=len(named), known=named
                )
            return named[0]  # by its name first: 'Projekt 2' may be in projekt-3.yaml
        if not slug or not (self.path_for(slug).exists() or self.path_for(slug).is_symlink()):
            if (odd := self._odd_named(name)) is not None:
                raise self._odd_problem(odd)
            known = self.slugs()
            begun = [known_slug for known_slug in known if known_slug.startswith(f"{slug}-")] if slug else []
            if len(begun) == 1:
                return begun[0]
            if begun:
                raise SpredningError("store.several-begin", name=yamlio.shown(name), known=begun)
            raise SpredningError(
                "store.not-found",
                hint=None if known else "store.not-found.odd" if self.odd_files() else "store.not-found.none",
                name=yamlio.shown(name),
                home=self.shown_home,
                known=known,
            )
        return self._not_exchange(slug)

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
        project with the same identity. Only the file's head is read (see projectfile.head_kind).
        """
        path = self._file_name(slug)
        try:
            head = fileio.read_regular(Path(path), ID_HEAD)
        except OSError:  # missing or unreadable: said by whatever reads it next
            return slug
        if projectfile.head_kind(head) == "exchange":
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
                    paths=[self._file_name(slug) for slug in slugs],
                    slugs=slugs,
                )
            return Found(prefer, tuple(slug for slug in slugs if slug != prefer))
        for slug, problem in unreadable:
            path = self._file_name(slug)
            try:
                head = fileio.read_regular(Path(path), ID_HEAD)
            except OSError:
                continue
            if projectfile.head_kind(head) != "exchange" and projectfile.declared_id(head) == project_id:
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

    # -- reading ----------------------------------------------------------------------
    def local(self, slug: str) -> LocalState:
        """The state this computer keeps for a project; a new one is written at once, so its copy id lasts.

        A healthy file is only read. A new one is written when there is none, when the folder was
        copied (a new copy id) or when the file cannot be read (then it is kept aside first, see
        kept_states): exports and hand-edited answers read now are marked with the copy id, which
        must be the same the next time.
        """
        self.path_for(slug)
        state = local.load(self.home, slug)
        if state.fresh or state.salvage is not None:  # a damaged file: what was read of it, written now
            try:
                state = self.update_local(slug, lambda current: current)
            except SpredningError:  # a read-only folder: kept in memory, with a copy id that lasts
                state = _lasting_copy(state, slug) if state.fresh else state
        return state

    def open(self, slug: str) -> Opened:
        """Read and validate a project, with this computer's state for it."""
        path = self.path_for(slug)
        try:  # first: a file that is no project gets no state file
            raw, data = projectfile.read(path, READ_LIMIT, self.layout)
        except ProjectFileError as exc:
            if exc.key == "project.git-conflict":  # which project: the hint's 'konflikter' must open it
                raise ProjectFileError(exc.key, path=path, slug=slug, default=self._default(slug)) from None
            raise
        if data.get("udveksling") is not None:  # an export (see projectfile._exchange)
            raise _exchange_file(slug, path)
        state = self.local(slug)
        parsed = self._parse(slug, path, data, state, raw)
        noticed = self._noticed(path, parsed.project, state)
        if noticed != state:  # remembered, so the next command does not say it again
            with contextlib.suppress(SpredningError):  # a read-only folder: said again next time
                self.update_local(slug, lambda current: current._replace(warned=noticed.warned))
        return Opened(parsed.project, _migrated(noticed, parsed), path)

    def peek(self, slug: str) -> tuple[Project, LocalState]:
        """A project and this computer's state for it, only read: no file written, no lock taken.

        For a hint's example (an action's id): what open() notes or repairs is left for the command
        that does the work, so nothing it would tell is remembered as told.
        """
        parsed = self._summary_project(slug)
        if parsed.exchange is not None:
            raise _exchange_file(slug, self.path_for(slug))
        return parsed.project, local.load(self.home, slug)

    def _default(self, slug: str) -> bool:
        """Whether a command without --projekt works on this project (the active or the only one)."""
        try:
            return self.resolve(None) == slug
        except SpredningError:
            return False

    def _noticed(self, path: Path, project: Project, state: LocalState) -> LocalState:
        """The state after checking the file for this copy's answers in older versions (see WentBack).

        Found for the first time (or found otherwise than last time), they are noted in went_back
        for the front end to tell; the state remembers what was told, so it is told once.
        """
        found = local.went_back(state, project)
        text = local.warned_text(state, found)
        if found and text != state.warned:
            self.went_back.append(WentBack(path, project, tuple(slot for slot, _ in found)))
        return state if text == state.warned else state._replace(warned=text)

    def load(self, slug: str) -> Project:
        """Read and validate one project."""
        return self.open(slug).project

    def _parse(
        self, slug: str, path: Path, data: dict[str, Any], state: LocalState, raw: bytes
    ) -> projectfile.ParsedFile:
        parsed = projectfile.parse(data, slug, path, self.layout, state.copy, raw, state.given)
        if parsed.exchange is not None:  # never read, or saved, as a project (see _not_exchange)
            raise _exchange_file(slug, path)
        return parsed

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
                key = _file_key(self._file_name(slug))
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

    # -- writing ----------------------------------------------------------------------
    def create(self, project: Project, state: LocalState | None = None) -> Path:
        """Write a new project file (and this computer's state for it); an existing slug is an error.

        A state that cannot be written once the project is made is noted in not_remembered.
        """
        path = self.path_for(project.slug)
        content = projectfile.serialise(project, self.layout, path)
        self._check_size(content, path, project)
        fileio.make_folder(self.home)
        with self._lock(project.slug):
            if path.is_symlink() and not path.exists():
                raise projectfile.missing(path)
            if path.exists() or path.is_symlink():
                raise SpredningError("store.exists", slug=project.slug, path=path)
            fileio.remove_stale_temps(path)
            with fileio.uninterrupted():
                try:
                    fileio.atomic_write(path, content)
                except SpredningError:  # no project was made: its lock file is no helper file of one
                    if not os.path.lexists(path):
                        with contextlib.suppress(OSError):
                            os.unlink(local.folder(self.home) / f"{project.slug}.lock")
                    raise
                on_disk = local.load(self.home, project.slug)
                chosen = on_disk if state is None else state._replace(damaged=on_disk.damaged)
                try:
                    self._save_local(project.slug, chosen)
                except SpredningError as exc:  # the project is made: what this computer knows is told
                    self._not_remembered(project.slug, exc)
        return path

    def transact(
        self, slug: str, change: Change[T], keep_backup: bool = False, *, state_is_work: bool = False
    ) -> T:
        """Apply a change to the project as it is on disk now, under its lock; return its result.

        `change` gets the fresh project and this computer's state and returns both (changed or
        not) and a result. Nothing is written when nothing changed. With `keep_backup`, the file
        as it was is kept beside it first (last_backup); a file edited by hand is kept so anyway
        (last_backup, and in backups, which the user is told of when the command ends).

        This computer's state that cannot be written after the project was (a read-only
        .spredning folder) is noted in not_remembered, for the user to be warned: the work is done.
        It is an error only when the state holds the work: new text of a draft, or, with
        `state_is_work`, whatever the change put there (the side).
        """
        self.path_for(slug)
        with self._lock(slug):
            return self._transact_held(slug, change, keep_backup, state_is_work=state_is_work)

    def _transact_held(
        self, slug: str, change: Change[T], keep_backup: bool = False, *, state_is_work: bool = False
    ) -> T:
        """The change of transact, under the lock the caller holds."""
        path = self.path_for(slug)
        self.last_backup = None
        fileio.remove_stale_temps(path)
        signature = _signature(path)
        raw, data = projectfile.read(path, READ_LIMIT, self.layout)
        if data.get("udveksling") is not None:  # an export: no state file is made for it (see open)
            raise _exchange_file(slug, path)
        stored_state = self._lasting(slug, local.load(self.home, slug))
        parsed = self._parse(slug, path, data, stored_state, raw)
        noticed = self._noticed(path, parsed.project, stored_state)
        state = _migrated(noticed, parsed)._replace(fresh=False)
        project, new_state, result = change(parsed.project, state)
        new_state = local.with_given(new_state, parsed.project, project)
        if new_state.warned:  # what was told and is still so (a save may have put an answer right)
            found = local.went_back(new_state, project)
            new_state = new_state._replace(warned=local.warned_text(new_state, found))
        # checked before anything is written: a state too large to save leaves the project as it was
        state_data = local.encoded(new_state, self.home, slug) if new_state != stored_state else None
        with fileio.uninterrupted():  # the project and this computer's state: both, or neither
            written = project != parsed.project or parsed.legacy
            if written:
                self._write(path, raw, project, signature, keep_backup)
            if state_data is not None:
                try:
                    self._save_local(slug, new_state, state_data)
                except SpredningError as exc:
                    # only a warning when the work is in the project file (or there was none):
                    # text typed here (a draft) or the side, when they were the work, is an error
                    if state_is_work or local.gains_text(stored_state, new_state):
                        raise
                    if written or not _same_work(stored_state, new_state):
                        self._not_remembered(slug, exc)
        return result

    def rewrite_marked(
        self, slug: str, merge: Callable[[bytes, Path, str], Project]
    ) -> tuple[Project, Path] | None:
        """Replace a project file holding git's conflict markers by `merge`'s clean project.

        The marked file is kept as a backup first. None when the file has no markers (any more).
        """
        path = self.path_for(slug)
        with self._lock(slug):
            try:
                raw = fileio.read_regular(path, READ_LIMIT)
            except OSError as exc:
                raise ProjectFileError("project.unreadable", path=path, reason=fileio.reason(exc)) from None
            if not projectfile.has_markers(raw.decode("utf-8-sig", "replace")):
                return None
            state = self._lasting(slug, local.load(self.home, slug))  # its copy id marks the merge
            project = merge(raw, path, state.copy)
            content = projectfile.serialise(project, self.layout, path)
            self._check_size(content, path, project)
            target = _writable_target(path)
            with fileio.uninterrupted():
                backup = fileio.keep_backup(path, raw)
                fileio.atomic_write(target, content)
        return project, backup

    def update_local(self, slug: str, change: Callable[[LocalState], LocalState]) -> LocalState:
        """Change this computer's state for a project, under the project's lock."""
        self.path_for(slug)
        with self._lock(slug):
            return self._change_local(slug, change)

    def _change_local(self, slug: str, change: Callable[[LocalState], LocalState]) -> LocalState:
        """update_local's change, under the lock the caller holds."""
        state = local.load(self.home, slug)
        new = change(state._replace(fresh=False))
        if new != state or new.salvage is not None:
            with fileio.uninterrupted():
                self._save_local(slug, new)
        return new._replace(damaged=False, salvage=None)

    def remember(self, slug: str, change: Callable[[LocalState], LocalState]) -> bool:
        """update_local after work that is done (an export written, a view shown): False when not written.

        A state that cannot be written is then no failure of the work: it is noted in
        not_remembered, for the user to be warned of what this computer does not remember.
        """
        try:
            self.update_local(slug, change)
        except SpredningError as exc:
            self._not_remembered(slug, exc)
            return False
        return True

    def write_and_remember(
        self, slug: str, write: Callable[[], None], change: Callable[[LocalState], LocalState]
    ) -> bool:
        """`write` a file for the user and remember it (`change`, as remember) as one; False: not remembered.

        A stop (SIGTERM, SIGHUP, Ctrl+C) that comes meanwhile waits until both are done: stopped
        between them, the program would not know the file as its own (its checksum) and refuse to
        replace it next time. The project's lock is waited for first, with no stop held. When it
        cannot be taken (a read-only .spredning folder), the file is written all the same and only
        not remembered, as remember's.
        """
        self.path_for(slug)
        try:
            held = self._lock(slug)
        except SpredningError as exc:
            write()
            self._not_remembered(slug, exc)
            return False
        with held, fileio.uninterrupted():
            write()
            try:
                self._change_local(slug, change)
            except SpredningError as exc:
                self._not_remembered(slug, exc)
                return False
        return True

    def set_active_after(self, slug: str) -> bool:
        """set_active for a project just made (start, an import): not done is a warning, not a failure."""
        try:
            self.set_active(slug)
        except SpredningError as exc:
            path = local.folder(self.home) / ACTIVE_FILE
            self.not_remembered.append(_not_remembered(slug, path, exc, active=True))
            return False
        return True

    def move_out(self, slug: str, folder: Path) -> tuple[Path, ...]:
        """Move a project's files into `folder` (made now), under its lock; return where each went.

        The project file and the backups beside it go into `folder`; this computer's state for it
        (drafts, side), its backups and the drafts kept by a removed dialogue into
        `folder/KEPT_HELPERS`. Moved, not copied or deleted: every byte is kept, for move_in to bring back.
        A move that fails midway moves back what it moved and removes the folders it made: the
        project is as it was (what could not go back is named in the error).
        """
        path = self.path_for(slug)
        helpers = local.folder(self.home)
        others = set(self.slugs()) - {slug}
        mine = [path, *_beside(path)]
        state = local.state_path(self.home, slug)
        kept = [state, *_beside(state)]
        kept += [
            found
            for found in sorted(helpers.glob(f"{fileio.glob_escape(slug)}-kladder-*.yaml"))
            if found.name[: -len(SUFFIX)] not in others  # another project's state, not these drafts
        ]
        moves = [(p, folder) for p in mine] + [(p, folder / KEPT_HELPERS) for p in kept]
        moved: list[tuple[Path, Path]] = []
        with self._lock(slug):
            _make_kept(folder, folder)
            with fileio.uninterrupted():
                try:
                    for source, into in moves:
                        if os.path.lexists(source):
                            moved.append((source, _moved_into(source, into, folder)))
                except SpredningError as exc:
                    raise _moved_back(exc, moved, folder) from None
        self.drop_lock(slug)
        return tuple(target for _, target in moved)

    def drop_lock(self, slug: str) -> bool:
        """Delete the lock file of a project no longer here (moved away); True when it went.

        Only while no process holds it (taken here without waiting, and deleted while held) and
        only when no project file of that slug is here: a lock that is in use stays, as a leftover
        lock file is harmless (the next lock of the slug takes it).
        """
        import filelock

        lock_path = local.folder(self.home) / f"{slug}.lock"
        if not lock_path.is_file():
            return False
        lock = filelock.FileLock(str(lock_path), timeout=0)
        try:
            lock.acquire()
        except (filelock.Timeout, OSError):
            return False
        try:
            if os.path.lexists(self.path_for(slug)):
                return False
            os.unlink(lock_path)
        except OSError:  # Windows cannot delete a file held open; its lock deletes itself on release
            return False
        finally:
            lock.release()
        return True

    def forget_active(self, slug: str) -> None:
        """Delete the active-project marker when it names `slug` (a project just moved away).

        Left, it would make the project active again the moment it is brought back, unasked.
        """
        for marker in (local.folder(self.home) / ACTIVE_FILE, self.home / LEGACY_ACTIVE_FILE):
            try:
                named = fileio.read_regular(marker, MAX_ACTIVE_BYTES).decode("utf-8").strip()
            except (OSError, ValueError):
                continue
            if named == slug:
                with contextlib.suppress(OSError):
                    os.unlink(marker)

    def move_in(
        self, folder: Path, slug: str, as_slug: str | None = None, name: str | None = None
    ) -> tuple[tuple[Path, ...], tuple[Path, ...], bool]:
        """Move a project kept by move_out back from `folder`; return what came back, what stayed, renamed.

        Nothing here is ever overwritten: a project file of that slug refuses the whole move, and a
        backup or helper file whose name is taken stays in `folder`. This computer's helper files
        come back only when none is kept here for the slug (a new project's state is not replaced).
        Moved, not copied, and whole: a move that fails midway moves back into `folder` what it had
        brought here, so the removed project stays whole and can be brought back later (what could
        not go back is named in the error). A stop meanwhile waits until the move is done.

        `as_slug`: brought back under that file name (its own is another project's now): its backups,
        state, the state's backups and a removed dialogue's drafts are named by it too, so each is
        found as this project's, and none as the project that has the old name now. `name`: the
        project's name written in its file as well, in the same step (renamed: False when the file
        cannot be read; it comes back as it is).
        """
        new = as_slug or slug
        path = self.path_for(new)
        source = folder / f"{slug}{SUFFIX}"
        state = local.state_path(self.home, new)
        helpers = folder / KEPT_HELPERS
        with self._lock(new):
            if os.path.lexists(path):
                raise UsageProblem("restore.taken", slug=new, path=path)
            moves = [(source, path)] + [
                (found, Path(self.home) / _renamed(found.name, slug, new)) for found in _beside(source)
            ]
            if helpers.is_dir() and not os.path.lexists(state):
                moves += [
                    (found, state.parent / _renamed(found.name, slug, new))
                    for found in sorted(helpers.iterdir())
                ]
            moved: list[tuple[Path, Path]] = []
            with fileio.uninterrupted():
                fileio.make_folder(state.parent)
                try:
                    for here, there in moves:
                        if here.is_file() and _move_new(here, there):
                            moved.append((here, there))
                        elif there == path:  # taken since the check: the project file of another
                            raise UsageProblem("restore.taken", slug=new, path=path)
                except SpredningError as exc:
                    raise _restore_undone(exc, moved, folder) from None
                for emptied in (helpers, folder):
                    with contextlib.suppress(OSError):
                        emptied.rmdir()  # only when empty: anything left stays kept
                renamed = name is None or self._renamed(new, name)
        left = tuple(sorted(p for p in folder.rglob("*") if p.is_file())) if folder.exists() else ()
        return tuple(there for _, there in moved), left, renamed

    def _renamed(self, slug: str, name: str) -> bool:
        """Write the project's new name in its file (under the lock held); False when it cannot be read."""
        try:
            self._transact_held(slug, lambda project, state: (project._replace(name=name), state, None))
        except SpredningError:
            return False
        return True

    def _not_remembered(self, slug: str, exc: SpredningError) -> None:
        self.not_remembered.append(_not_remembered(slug, local.state_path(self.home, slug), exc))

    def _lasting(self, slug: str, state: LocalState) -> LocalState:
        """A state new here (none for this place yet) written now, so its copy id lasts (under the lock).

        When it cannot be written (a read-only .spredning folder), its copy id is the one derived
        from the place instead, the same at every command: otherwise each save would mark its
        answers with a new id, and their version history would grow without end.
        """
        if not state.fresh and state.salvage is None:
            return state
        try:
            self._save_local(slug, state._replace(fresh=False))
        except SpredningError:
            return _lasting_copy(state, slug) if state.fresh else state
        return state._replace(fresh=False, damaged=False, salvage=None)

    def _check_size(self, content: bytes, path: Path, project: Project) -> None:
        """Refuse a project file larger than 'importer' reads, naming the answers to shorten.

        The limit is the import's (yamlio.MAX_BYTES): a copy of the file, and an export made from
        it, can then always be brought in, here and by the partner. A larger file can still be read
        (READ_LIMIT), to shorten it or make reports. `over` is how much shorter it must become.
        """
        if len(content) <= WRITE_LIMIT:
            return
        longest = project.longest()
        raise ProjectFileError(
            "store.too-large" if longest else "store.too-large.no-answer",
            path=path,
            size=len(content),
            limit=WRITE_LIMIT,
            over=len(content) - WRITE_LIMIT,
            ids=[self.name_answer(project, slot) for slot in longest],
            n=len(longest),
        )

    def _save_local(self, slug: str, state: LocalState, data: bytes | None = None) -> None:
        """Write this computer's state; a file that could not be read is kept aside first."""
        kept = local.save(self.home, slug, state, data)
        if kept is not None:
            self.kept_states.append(kept)
            if state.salvage is not None:
                self.salvaged[kept] = state.salvage

    def _write(
        self,
        path: Path,
        raw: bytes,
        project: Project,
        signature: tuple[int, int, int] | None,
        keep_backup: bool = False,
    ) -> None:
        content = projectfile.serialise(project, self.layout, path)
        self._check_size(content, path, project)
        target = _writable_target(path)
        # A file this Store wrote itself (same inode, size, time) needs no byte-for-byte check.
        as_written = (signature is not None and self._written.get(path) == signature) or self._as_written(
            raw, path
        )
        if keep_backup or not as_written:
            self.last_backup = fileio.keep_backup(path, raw)
            if not keep_backup:  # a backup asked for is told by the one who asked
                self.backups.append(self.last_backup)
        fileio.atomic_write(target, content)
        self._written[path] = _signature(path)

    def _as_written(self, raw: bytes, path: Path) -> bool:
        """True when the file is exactly what spredning writes for its own content."""
        try:
            data = projectfile.loads(raw, path, READ_LIMIT)
            parsed = projectfile.parse(data, path.stem, path, self.layout, "00000000", raw)
        except SpredningError:
            return False
        if parsed.legacy:
            return False
        try:
            return projectfile.serialise(parsed.project, self.layout, path) == raw
        except SpredningError:
            return False

    def _lock(self, slug: str) -> _Release:
        import filelock

        lock_path = local.folder(self.home) / f"{slug}.lock"
        if not self.home.is_dir():  # gone (a drive disconnected, a folder moved): never made anew here,
            # or a save would split the work
            raise SpredningError("store.home-missing", folder=self.shown_home)
        try:
            local.ensure_folder(self.home)
        except SpredningError:
            raise _lock_problem(self.home, lock_path) from None
        lock = filelock.FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise SpredningError("store.busy", path=self.path_for(slug), lock=lock_path) from None
        except OSError:
            raise _lock_problem(self.home, lock_path) from None
        return _Release(lock)


SLUG_FILE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.yaml")  # SLUG_PATTERN with the ending, for fullmatch


def _make_kept(made: Path, folder: Path) -> None:
    """Make a folder of the kept `folder` of a project being removed; a failure is said as the removal's."""
    try:
        fileio.make_folder(made)
    except SpredningError as exc:
        if "reason" not in exc.params:
            raise
        raise SpredningError(
            "remove.cannot-keep", folder=folder.parent, reason=exc.params["reason"]
        ) from None


def _moved_into(source: Path, into: Path, folder: Path) -> Path:
    """Move a file of a project being removed into `into` (made now, in the kept `folder`); where it went."""
    target = into / source.name
    try:
        fileio.make_folder(into)
        os.rename(source, target)
    except (OSError, SpredningError) as exc:
        why = (
            fileio.reason(exc) if isinstance(exc, OSError) else exc.params.get("reason", Message("reason.io"))
        )
        raise SpredningError("store.cannot-remove", path=source, folder=folder.parent, reason=why) from None
    return target


def _moved_back(failed: SpredningError, moved: list[tuple[Path, Path]], folder: Path) -> SpredningError:
    """Undo a removal that failed midway: the files moved go back, the kept folder it made goes.

    The error to tell: `failed`, when every file is back where it was; else one naming the files
    still in `folder` (a name taken meanwhile, or a folder that no longer lets them back).
    """
    left = [(source, target) for source, target in reversed(moved) if not _put_back(target, source)]
    for made in (folder / KEPT_HELPERS, folder):
        with contextlib.suppress(OSError):
            os.rmdir(made)  # only when empty: a file that could not go back stays in it
    if not left:
        return failed
    return SpredningError(
        "store.cannot-remove.partly",
        path=failed.params["path"],
        folder=failed.params["folder"],
        reason=failed.params["reason"],
        kept=folder,
        left=[str(target.relative_to(folder)) for _, target in reversed(left)],
        places=[str(place) for place in dict.fromkeys(source.parent for source, _ in reversed(left))],
        n=len(left),
    )


def _restore_undone(failed: SpredningError, moved: list[tuple[Path, Path]], folder: Path) -> SpredningError:
    """Undo a restore that failed midway: the files brought back go back into the kept `folder`.

    The error to tell: that the project was not brought back and is whole in `folder`; or, when a
    file could not go back either (a name taken meanwhile), which files are out of it and where.
    """
    if failed.key != "store.cannot-move":
        return failed  # refused before anything moved (restore.taken)
    left = [there for here, there in reversed(moved) if not _put_back(there, here)]
    if not left:  # said with the file that could not come, where to and why
        return SpredningError.of(Message("store.cannot-restore", failed.params), kept=folder)
    return SpredningError.of(
        Message("store.cannot-restore.partly", failed.params),
        kept=folder,
        left=[str(p) for p in reversed(left)],
        n=len(left),
    )


def _put_back(here: Path, there: Path) -> bool:
    """_move_new, with a failure said as False: what could not go back is named, not raised."""
    try:
        return _move_new(here, there)
    except SpredningError:
        return False


def _move_new(here: Path, there: Path) -> bool:
    """Move a file to a name no file has; False (and nothing moved) when the name is taken.

    A hard link made first cannot replace a file that appeared meanwhile (a rename would); where
    links are not possible (some shared drives), the name is checked just before the rename.
    """
    try:
        os.link(here, there, follow_symlinks=False)
    except FileExistsError:
        return False
    except OSError:
        if os.path.lexists(there):
            return False
        try:
            os.rename(here, there)
        except OSError as exc:
            raise SpredningError(
                "store.cannot-move", path=here, folder=there.parent, reason=fileio.reason(exc)
            ) from None
        return True
    with contextlib.suppress(OSError):  # not removed: a second name of the same file, nothing lost
        os.unlink(here)
    return True


def _renamed(name: str, slug: str, new: str) -> str:
    """A kept file's name under the file name `new` ('gammelt.yaml.bak-…' -> 'gammelt-2.yaml.bak-…').

    Every file move_out keeps is named by the slug followed by '.' or '-' (SLUG.yaml, its backups,
    SLUG-kladder-KEY.yaml); anything else keeps its name.
    """
    if new != slug and name.startswith(slug) and name[len(slug) : len(slug) + 1] in (".", "-"):
        return new + name[len(slug) :]
    return name


def _beside(path: Path) -> list[Path]:
    """The backups kept beside a file (NAVN.yaml.bak-...), every kind of file, sorted by name."""
    try:
        return sorted(path.parent.glob(f"{fileio.glob_escape(path.name)}{fileio.BACKUP_INFIX}*"))
    except OSError:
        return []


def _slug_name(name: str) -> bool:
    """True for the name of a project's file as the program names it (SLUG.yaml)."""
    return SLUG_FILE.fullmatch(name) is not None and len(name) - len(SUFFIX) <= MAX_SLUG


def shown_folder(folder: Path) -> Path:
    """A folder as a message names it: in full ('.' would read '..' before a full stop)."""
    try:
        return Path(os.path.abspath(folder))
    except OSError:  # the working folder is gone: the name as given is all there is
        return folder


def _lock_problem(home: Path, lock_path: Path) -> SpredningError:
    """Why a project's lock cannot be taken, in words the user can act on.

    A file where the helper folder should be, or a folder or a link where the lock file should be,
    is named (to move or delete: the program makes its own); else the projects folder cannot be
    written.
    """
    helpers = local.folder(home)
    if (helpers.exists() or helpers.is_symlink()) and not helpers.is_dir():
        return SpredningError("store.folder-in-the-way", path=helpers)
    if lock_path.is_symlink():  # the lock never follows a link (filelock refuses it): the link is in the way
        return SpredningError("store.link-in-the-way", path=lock_path)
    if lock_path.is_dir():
        return SpredningError("store.file-in-the-way", path=lock_path)
    # the helper folder is there and the lock cannot be made in it: that folder is the one to name
    return SpredningError("store.cannot-lock", folder=shown_folder(helpers if helpers.is_dir() else home))


class _Release(contextlib.AbstractContextManager["_Release"]):
    """Releases a held lock when the with-block ends."""

    def __init__(self, lock: Any) -> None:
        self.lock = lock

    def __exit__(self, *exc_info: object) -> None:
        self.lock.release()


def _restore_hint(path: Path, layout: Layout) -> Message | None:
    """The hint naming the newest backup beside an unreadable project file that can be read.

    None (the usual hint) when there is no backup; when none of them can be read, it says so.
    """
    found = fileio.backups(path)
    if not found:
        return None
    backup = next((b for b in found if projectfile.usable_backup(b, layout)), None)
    if backup is None:
        names = [candidate.name for candidate in found]
        return Message("store.same-project-unreadable.hint.bad-backups", {"backups": names, "n": len(names)})
    return Message("store.same-project-unreadable.hint.backup", {"backup": backup.name, "name": path.name})


def _exchange_file(slug: str, path: Path | str) -> SpredningError:
    """A partner's exchange file named as the project: its answers are to be imported."""
    return SpredningError("store.exchange-file", name=slug, path=path)


def _lasting_copy(state: LocalState, slug: str) -> LocalState:
    """A new state that cannot be written, with the copy id of its place (see local.place_copy)."""
    return state._replace(copy=local.place_copy(state.place, slug))


def _same_work(before: LocalState, after: LocalState) -> bool:
    """True when `after` differs from `before` only in what the program keeps for itself (nothing to tell).

    The counts given and what was warned of are read from an unchanged project file again next time;
    which organisation wrote an answer grows only with the counts.
    """
    same = after._replace(fresh=before.fresh, damaged=before.damaged, salvage=before.salvage)
    return same._replace(given=before.given, warned=before.warned, wrote=before.wrote) == before


def _migrated(state: LocalState, parsed: projectfile.ParsedFile) -> LocalState:
    """A format 1 file kept the user's side in it; it moves to this computer's state."""
    role = parsed.legacy_role
    if state.side is not None or role is None:
        return state
    partners = parsed.project.partners
    organisation = partners[0].key if role == "genbruge" and partners else None
    return state._replace(side=role, organisation=organisation)


def _answer_in_file(project: Project, slot: Slot) -> str:
    """An answer named by its question id, as it stands in the project file (no guide at hand)."""
    return slot[1]


def _writable_target(path: Path) -> Path:
    """The file to replace: a link's target; a read-only file is refused, not replaced."""
    target = path.resolve() if path.is_symlink() else path
    try:
        info = target.stat()
    except OSError as exc:
        raise SpredningError("store.cannot-save", path=path, reason=fileio.reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ProjectFileError("project.not-regular", path=path)
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise SpredningError("store.read-only", path=path)
    return target


def _file_key(path: str) -> list[int]:
    """What changes whenever a project file is rewritten: size, modification time, inode."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise projectfile.missing(path) from None
    except OSError as exc:
        raise ProjectFileError("project.unreadable", path=path, reason=fileio.reason(exc)) from None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _signature(path: Path) -> tuple[int, int, int] | None:
    """What identifies one version of a file on disk: inode, size and modification time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns
