"""Project files on disk: this package is the only part of the program that writes them.

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

- home.py: which folder is the projects folder, and the names and limits of its files.
- records.py: what the store hands back (Summary, Found, OddFile, Opened, WentBack, NotRemembered).
- files.py: small helpers about one file on disk (its version, its lock's problem, a read-only file).
- folder.py: ProjectFolder, the projects in one folder found and listed, the active one, the lock.
- moving.py: MovableFolder, a project moved out of the folder and back in.
- here: Store, which reads and writes the project files and this computer's state for them.

The names other modules use are imported from here (``from spredning.core.store import Store``),
as before the store became a package. A test that changes a limit patches each module that reads
it: LOCK_TIMEOUT_SECONDS is read in folder.py only (so it is not re-exported, and patching it here
fails), WRITE_LIMIT here, READ_LIMIT here and in folder.py.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from spredning.core import filehead, fileio, local, projectfile, projectwrite
from spredning.core.errors import ProjectFileError, SpredningError, no_access
from spredning.core.local import LocalState
from spredning.core.model import Layout, Project, Slot
from spredning.core.salvage import Salvage
from spredning.core.store.files import _exchange_file, _migrated, _signature, _writable_target, shown_folder
from spredning.core.store.folder import Busy, ProjectFolder
from spredning.core.store.home import (
    ACTIVE_FILE,
    INDEX_FILE,
    LEGACY_ACTIVE_FILE,
    READ_LIMIT,
    SLUG_PATTERN,
    SUFFIX,
    WRITE_LIMIT,
    check_home,
    home_chosen,
    home_dir,
)
from spredning.core.store.moving import MovableFolder
from spredning.core.store.records import (
    Change,
    Found,
    NotRemembered,
    OddFile,
    Opened,
    Summary,
    T,
    WentBack,
    _not_remembered,
)

__all__ = [
    "ACTIVE_FILE",
    "INDEX_FILE",
    "LEGACY_ACTIVE_FILE",
    "READ_LIMIT",
    "SLUG_PATTERN",
    "SUFFIX",
    "WRITE_LIMIT",
    "Busy",
    "Found",
    "MovableFolder",
    "NotRemembered",
    "OddFile",
    "Opened",
    "ProjectFolder",
    "Store",
    "Summary",
    "WentBack",
    "check_home",
    "home_chosen",
    "home_dir",
    "shown_folder",
]


class Store(MovableFolder):
    """The projects in one folder: create, load, list, change in transactions, the active project."""

    def __init__(self, home: Path, layout: Layout):
        super().__init__(home, layout)
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
        self._made: set[Path] = set()  # project files this Store created, not changed since (see _to_check)
        # how a refusal names an answer: by its place in the guide when the app layer can (see
        # Workspace.store); here only by where it stands in the file
        self.name_answer: Callable[[Project, Slot], object] = _answer_in_file

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

    def check_writable(self, slug: str) -> None:
        """A project file that cannot be replaced (read-only) refused now, as a save would refuse it.

        For a command that asks what it saves: asked first, the text typed was lost at the refusal.
        """
        _writable_target(self.path_for(slug))

    def open(self, slug: str) -> Opened:
        """Read and validate a project, with this computer's state for it."""
        path = self.path_for(slug)
        parsed, state = self._read(slug, path)
        if local.went_back(state, parsed.project):  # read between another window's two writes, maybe:
            # the file before its save, this computer's state after it, so the file seemed an older copy
            # (12 saves at once told it): read again as a save leaves both, under the project's lock
            with contextlib.suppress(SpredningError), self._lock(slug):
                parsed, state = self._read(slug, path)
        noticed = self._noticed(path, parsed.project, state)
        if noticed != state:  # remembered, so the next command does not say it again
            with contextlib.suppress(SpredningError):  # a read-only folder: said again next time
                self.update_local(slug, lambda current: current._replace(warned=noticed.warned))
        return Opened(parsed.project, _migrated(noticed, parsed), path, parsed.edited)

    def _read(self, slug: str, path: Path) -> tuple[projectfile.ParsedFile, LocalState]:
        """The project file parsed, and this computer's state for it, read after it."""
        try:  # first: a file that is no project gets no state file
            raw, data = projectfile.read(path, READ_LIMIT, self.layout)
        except ProjectFileError as exc:
            if exc.key == "project.git-conflict":  # which project: the hint's 'konflikter' must open it
                raise ProjectFileError(exc.key, path=path, slug=slug, default=self._default(slug)) from None
            raise
        if data.get("udveksling") is not None:  # an export (see projectfile._exchange)
            raise _exchange_file(slug, path)
        state = self.local(slug)
        return self._parse(slug, path, data, state, raw), state

    def open_to_send(self, slug: str) -> Opened:
        """open() for a command that sends answers out (eksport, arbejdsark): edits by hand written first.

        An answer edited by hand in the file is read as this copy's change, with a count above the
        highest it gave; the file is written with it now, so the version sent is one the file keeps.
        Sent without, a second edit by hand was read with the same count, and the partner, having
        that version already, kept the first edit. A file that cannot be written is sent as it reads.
        """
        opened = self.open(slug)
        if not opened.edited:
            return opened
        try:
            self.transact(slug, lambda project, state: (project, state, None))
        except SpredningError:  # read-only: sent as read (as before), the save will say why
            return opened
        return self.open(slug)

    def peek(self, slug: str) -> tuple[Project, LocalState]:
        """A project and this computer's state for it, only read: no file written, no lock taken.

        For a hint's example (an action's id): what open() notes or repairs is left for the command
        that does the work, so nothing it would tell is remembered as told.
        """
        parsed = self._summary_project(slug)
        if parsed.exchange is not None:
            raise _exchange_file(slug, self.path_for(slug))
        return parsed.project, local.load(self.home, slug)

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

    # -- writing ----------------------------------------------------------------------
    def create(self, project: Project, state: LocalState | None = None) -> Path:
        """Write a new project file (and this computer's state for it); an existing slug is an error.

        A state that cannot be written once the project is made is noted in not_remembered.
        """
        path = self.path_for(project.slug)
        content = projectwrite.serialise(project, self.layout, path)
        self._check_size(content, path, project)
        with self._home_not_writable():
            fileio.make_folder(self.home)
        with self._lock(project.slug, new=True):
            if path.is_symlink() and not path.exists():
                raise projectfile.missing(path)
            if path.exists() or path.is_symlink():
                raise SpredningError("store.exists", slug=project.slug, path=path)
            fileio.remove_stale_temps(path)
            with fileio.uninterrupted():
                try:
                    with self._home_not_writable():
                        fileio.atomic_write(path, content)
                    self._written[path] = _signature(path)
                    self._made.add(path)
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

    @contextlib.contextmanager
    def _home_not_writable(self) -> Iterator[None]:
        """A new project refused for want of access to the projects folder: the hint says so.

        The folder is named (`home`), so the front end can offer another one (--hjem) to run the
        command in; a full disk or another failure keeps its own hint.
        """
        try:
            yield
        except SpredningError as exc:
            if not no_access(exc.params.get("reason")):
                raise
            made = exc.key == "files.cannot-create-folder"  # the folder itself could not be made
            key = "store.home-not-made.hint" if made else "store.home-read-only.hint"
            params: dict[str, Any] = {**exc.params, "home": shown_folder(self.home)}
            raise SpredningError(exc.key, hint=key, **params) from None

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
        made = self._just_made(path, signature)
        told = len(self.went_back)
        noticed = stored_state if made else self._noticed(path, parsed.project, stored_state)
        state = _migrated(noticed, parsed)._replace(fresh=False)
        project, new_state, result = change(parsed.project, state)
        # an answer edited by hand is written with the version it was read with: only the file keeps
        # it (read again, after another edit, the same count would stand for another text)
        written = project != parsed.project or parsed.legacy or parsed.edited
        new_state = local.with_given(new_state, parsed.project, project)
        if made:  # what this command brought into the project it made (an import) is what is checked
            new_state = self._noticed(path, project, new_state)
        elif new_state.warned:  # what was told and is still so (a save may have put an answer right)
            found = local.went_back(new_state, project)
            new_state = new_state._replace(warned=local.warned_text(new_state, found))
            self._still_went_back(told, {slot for slot, _ in found}, project)
        # checked before anything is written: a state too large to save leaves the project as it was
        state_data = local.encoded(new_state, self.home, slug) if new_state != stored_state else None
        with fileio.uninterrupted():  # the project and this computer's state: both, or neither
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

    def _still_went_back(self, told: int, found: set[Slot], project: Project) -> None:
        """What this change noted as gone back (went_back[told:]), as it is after the change.

        The change may have written the answers in again (the interview puts back those it saved,
        answering.Session), and those are not to be told as missing.
        """
        still = []
        for went in self.went_back[told:]:
            slots = tuple(slot for slot in went.slots if slot in found)
            if slots:
                still.append(went._replace(project=project, slots=slots))
        self.went_back[told:] = still

    def _just_made(self, path: Path, signature: tuple[int, int, int] | None) -> bool:
        """True when the file is the empty project this Store created, untouched since; forgotten now.

        Nobody can have put an older copy of it back: checked against this copy's counts (a project
        file renamed and imported again under its own name keeps them), it was all older and told
        as a restore. The project this command makes of it is checked instead.
        """
        made = path in self._made and signature is not None and self._written.get(path) == signature
        self._made.discard(path)
        return made

    def rewrite_marked(
        self, slug: str, merge: Callable[[bytes, Path, str], Project]
    ) -> tuple[Project, Path] | None:
        """Replace a project file holding git's conflict markers by `merge`'s clean project.

        The marked file is kept as a backup first. None when the file has no markers (any more).
        An unmarked file is told without the lock: 'konflikter' then reads a folder it may not write in.
        """
        path = self.path_for(slug)
        if self._marked(path) is None:
            return None
        with self._lock(slug):
            if (raw := self._marked(path)) is None:  # settled in another window meanwhile
                return None
            state = self._lasting(slug, local.load(self.home, slug))  # its copy id marks the merge
            project = merge(raw, path, state.copy)
            content = projectwrite.serialise(project, self.layout, path)
            self._check_size(content, path, project)
            target = _writable_target(path)
            with fileio.uninterrupted():
                backup = fileio.keep_backup(path, raw)
                fileio.atomic_write(target, content)
        return project, backup

    @staticmethod
    def _marked(path: Path) -> bytes | None:
        """The project file's bytes when git marked it in a merge; None when it has no markers."""
        try:
            raw = fileio.read_regular(path, READ_LIMIT)
        except OSError as exc:
            raise ProjectFileError("project.unreadable", path=path, reason=fileio.reason(exc)) from None
        return raw if filehead.has_markers(raw.decode("utf-8-sig", "replace")) else None

    def update_local(
        self, slug: str, change: Callable[[LocalState], LocalState], wait: bool = True
    ) -> LocalState:
        """Change this computer's state for a project, under the project's lock.

        `wait` False: Busy at once when another window holds the lock (see _lock).
        """
        self.path_for(slug)
        with self._lock(slug, wait=wait):
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
        return self._noted(slug, lambda: self.update_local(slug, change))

    def _renamed(self, slug: str, name: str) -> bool:
        """Write the project's new name in its file (under the lock held); False when it cannot be read."""
        try:
            self._transact_held(slug, lambda project, state: (project._replace(name=name), state, None))
        except SpredningError:
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
        not remembered, as remember's; held by another window all the while, nothing is written (Busy).
        """
        self.path_for(slug)
        try:
            held = self._lock(slug)
        except Busy:  # another window's: nothing is written, as for any change (try again)
            raise
        except SpredningError as exc:
            write()
            self._not_remembered(slug, exc)
            return False
        with held, fileio.uninterrupted():
            write()
            return self._noted(slug, lambda: self._change_local(slug, change))

    def set_active_after(self, slug: str) -> bool:
        """set_active for a project just made (start, an import): not done is a warning, not a failure."""
        try:
            self.set_active(slug)
        except SpredningError as exc:
            path = local.folder(self.home) / ACTIVE_FILE
            self.not_remembered.append(_not_remembered(slug, path, exc, active=True))
            return False
        return True

    def _noted(self, slug: str, step: Callable[[], object]) -> bool:
        """Run `step`, a change of this computer's state: False (noted as not remembered) when it fails."""
        try:
            step()
        except SpredningError as exc:
            self._not_remembered(slug, exc)
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

    def check_fits(self, project: Project) -> None:
        """Refuse, as saving it would, a project that would not fit in its file (see _check_size)."""
        path = self.path_for(project.slug)
        self._check_size(projectwrite.serialise(project, self.layout, path), path, project)

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
        content = projectwrite.serialise(project, self.layout, path)
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
            return projectwrite.serialise(parsed.project, self.layout, path) == raw
        except SpredningError:
            return False


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


def _answer_in_file(project: Project, slot: Slot) -> str:
    """An answer named by its question id, as it stands in the project file (no guide at hand)."""
    return slot[1]
