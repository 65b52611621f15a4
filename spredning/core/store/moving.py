"""A project moved out of the folder ('projekt fjern') and back in ('projekt gendan'), every byte kept."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from spredning.core import drafts, fileio, local
from spredning.core.errors import Message, SpredningError, UsageProblem
from spredning.core.store.folder import ProjectFolder
from spredning.core.store.home import ACTIVE_FILE, KEPT_HELPERS, LEGACY_ACTIVE_FILE, MAX_ACTIVE_BYTES, SUFFIX


class MovableFolder(ProjectFolder):
    """A projects folder whose projects can be moved out of it, kept, and moved back in."""

    def move_out(
        self, slug: str, folder: Path, texts: Sequence[str] = (), successor: str | None = None
    ) -> tuple[Path, ...]:
        """Move a project's files into `folder` (made now), under its lock; return where each went.

        The project file and the backups beside it go into `folder`; this computer's state for it
        (drafts, side), its backups, the drafts kept by a removed dialogue and the texts kept for
        it (SLUG-TEXT.txt, SLUG-TEXT-2.txt ..., one TEXT of `texts`: the combined texts a stopped
        'konflikter' keeps, named in each language) into `folder/KEPT_HELPERS`. Moved, not copied
        or deleted: every byte is kept, for move_in to bring back.
        A move that fails midway moves back what it moved and removes the folders it made: the
        project is as it was (what could not go back is named in the error).

        In the same step (a stop waits until it is done), `successor` is made the active project
        when none is, and a marker still naming this one is deleted: left, it would make the
        project active again, unasked, when it is brought back.
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
        kept += _texts(helpers, slug, texts)
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
                if successor is not None and self.active() is None:
                    self.set_active_after(successor)
                self.forget_active(slug)
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
        self,
        folder: Path,
        slug: str,
        as_slug: str | None = None,
        name: str | None = None,
        activate: str | None = None,
        texts: Sequence[str] = (),
    ) -> MovedIn:
        """Move a project kept by move_out back from `folder`; return what it did (MovedIn).

        Nothing here is ever overwritten: a project file of that slug refuses the whole move, and a
        backup or helper file whose name is taken stays in `folder`. This computer's helper files
        come back only when none is kept here for the slug (a new project's state is not replaced);
        the texts kept for it (SLUG-TEXT.txt, one TEXT of `texts`, as move_out's) come back all the
        same: they are the user's writing, not state, and a name taken here keeps one in `folder`.
        Moved, not copied, and whole: a move that fails midway moves back into `folder` what it had
        brought here, so the removed project stays whole and can be brought back later (what could
        not go back is named in the error). A stop meanwhile waits until the move is done.

        `as_slug`: brought back under that file name (its own is another project's now): its backups,
        state, the state's backups and a removed dialogue's drafts are named by it too, so each is
        found as this project's, and none as the project that has the old name now. `name`: the
        project's name written in its file as well, in the same step (renamed: False when the file
        cannot be read; it comes back as it is). `activate`: the project made active, in the same
        step, when none is once it is back (activated: made so): stopped between the two, the
        folder would have one project more and none active, so none that commands work in.
        """
        new = as_slug or slug
        path = self.path_for(new)
        source = folder / f"{slug}{SUFFIX}"
        state = local.state_path(self.home, new)
        helpers = folder / KEPT_HELPERS
        # under a new name, the drafts a window typed meanwhile may be under the old one, with no
        # project there: taken in too (that window then finds the project under its new name)
        old = local.state_path(self.home, slug) if new != slug else None
        with self._lock(new), self._lock(slug) if old is not None else contextlib.nullcontext():
            if os.path.lexists(path):
                raise UsageProblem("restore.taken", slug=new, path=path)
            if old is not None and os.path.lexists(self.path_for(slug)):
                old = None  # another project's name now: its state is that project's
            moves = [(source, path)] + [
                (found, Path(self.home) / _renamed(found.name, slug, new)) for found in _beside(source)
            ]
            own_state = helpers / f"{slug}{SUFFIX}"
            taken_in = _taken_in(state, own_state, old)  # typed here while it was away: joined into its own
            if helpers.is_dir():
                kept = _helpers_back(helpers, slug, state, own_state if taken_in is not None else None, texts)
                moves += [(found, state.parent / _renamed(found.name, slug, new)) for found in kept]
            moved: list[tuple[Path, Path]] = []
            with fileio.uninterrupted():
                fileio.make_folder(state.parent)
                for here, there in moves:
                    try:
                        came = here.is_file() and _move_new(here, there)
                    except OSError as exc:
                        raise _restore_undone(here, there, exc, moved, folder) from None
                    if came:
                        moved.append((here, there))
                    elif there == path:  # taken since the check by another's file (the first to move)
                        raise UsageProblem("restore.taken", slug=new, path=path)
                if taken_in is not None and _written(self.home, new, taken_in, own_state, old):
                    moved.append((own_state, state))
                for emptied in (helpers, folder):
                    with contextlib.suppress(OSError):
                        emptied.rmdir()  # only when empty: anything left stays kept
                renamed = name is None or self._renamed(new, name)
                activated = activate is not None and self.active() is None and self.set_active_after(activate)
        left = tuple(sorted(p for p in folder.rglob("*") if p.is_file())) if folder.exists() else ()
        return MovedIn(tuple(there for _, there in moved), left, renamed, activated)

    def update_kept(
        self, folder: Path, slug: str, change: Callable[[local.LocalState], local.LocalState], copy: str
    ) -> local.LocalState | None:
        """Change the state kept for a removed project in `folder` (under fjernede/); None: not there.

        For a window still open on the project after another project took its file name: what it
        types is kept where 'projekt gendan' brings it back from. Under the name's lock, which a
        gendan of it holds too, so the folder is never changed while it moves. None when the
        project is no longer in `folder` (brought back meanwhile), or its kept state cannot be
        written back whole (made by a newer program): nothing is written then. `copy`: the copy id
        of a state made here, when it kept none (the window's, so it knows the project again).
        """
        own = folder / KEPT_HELPERS / f"{slug}{SUFFIX}"
        with self._lock(slug):
            if not (folder / f"{slug}{SUFFIX}").is_file():
                return None
            state = local.read_kept(own, to_write=True) if os.path.lexists(own) else None
            if state is None and os.path.lexists(own):
                return None
            new = change(state or local.LocalState(copy=copy))
            fileio.make_folder(own.parent)
            fileio.atomic_write(own, local.encoded(new, self.home, slug))
            return new

    def _renamed(self, slug: str, name: str) -> bool:
        """Write the project's new name in its file (under the lock held); False when it cannot be read.

        Writing a project file is the Store's (its transactions): the Store gives this its body.
        """
        raise NotImplementedError

    def set_active_after(self, slug: str) -> bool:
        """set_active, a failure noted for a warning (False), not raised: the Store gives this its body."""
        raise NotImplementedError


class MovedIn(NamedTuple):
    """What move_in did: the files that came back, those that stayed kept, and what it wrote."""

    moved: tuple[Path, ...]
    left: tuple[Path, ...]  # stayed in the kept folder (their names are taken here)
    renamed: bool  # the name asked for is in the file (False: the file cannot be read)
    activated: bool  # made the active project (none was)


def _helpers_back(
    helpers: Path, slug: str, state: Path, taken_in: Path | None, texts: Sequence[str]
) -> list[Path]:
    """The kept helper files that come back: all, or only the texts kept for it when a state is here.

    `taken_in`: the kept state written with the texts typed here taken in (_taken_in), so not
    moved itself; the rest comes back as with no state here. A state here that is more than typed
    texts (or cannot be read) is a project's of that name, never replaced: only the texts come.
    """
    if taken_in is not None:
        return [found for found in sorted(helpers.iterdir()) if found != taken_in]
    if not os.path.lexists(state):
        return sorted(helpers.iterdir())
    return _texts(helpers, slug, texts)


def _taken_in(state: Path, own: Path, old: Path | None = None) -> local.LocalState | None:
    """The project's own kept state (`own`) with what was typed into the state here while it was away.

    A window still open on the project when it was removed keeps its drafts in a state of its own
    (`state`), which holds nothing but those texts: brought back, the project's own state (its
    side, its organisation, its counts) is the one it has again, with those drafts taken in
    (drafts.adopted). `old`: the state under its old file name, when it comes back under a new
    one; taken in the same way. None when there is no such state, or the kept one cannot be read,
    or the one here holds more than typed texts (local.read_typed): then nothing is changed (the
    kept one stays in the folder).
    """
    if not own.is_file():
        return None
    here = local.read_typed(state) if os.path.lexists(state) else None
    if here is None and os.path.lexists(state):  # a project's state of that name: never replaced
        return None
    away = local.read_typed(old) if old is not None and os.path.lexists(old) else None
    kept = local.read_kept(own) if here is not None or away is not None else None
    if kept is None:
        return None
    for typed in (here, away):
        if typed is not None:
            kept = drafts.adopted(kept, typed)
    return kept


def _written(home: Path, slug: str, state: local.LocalState, own: Path, old: Path | None = None) -> bool:
    """Write the project's state taken in (_taken_in) in place of the one here; its kept file then goes.

    So does `old`, the state under its old file name whose texts were taken in too (when it held
    nothing but those). False when it cannot be written: all stay as they were (the kept one
    named as left in the folder).
    """
    try:
        local.save(home, slug, state)
    except (OSError, SpredningError):
        return False
    with contextlib.suppress(OSError):  # all of it is in the state written: left, it is named as kept
        os.unlink(own)
    if old is not None and local.read_typed(old) is not None:
        with contextlib.suppress(OSError):
            os.unlink(old)
    return True


def _texts(helpers: Path, slug: str, texts: Sequence[str]) -> list[Path]:
    """The texts kept for the project in the helper folder: SLUG-TEXT.txt and SLUG-TEXT-N.txt (free_name's).

    Named exactly so: another project's (a slug that begins with this one's) never matches.
    """
    if not texts:
        return []
    named = re.compile(rf"{re.escape(slug)}-(?:{'|'.join(re.escape(text) for text in texts)})(?:-\d+)?\.txt")
    try:
        return sorted(found for found in helpers.iterdir() if named.fullmatch(found.name))
    except OSError:  # no helper folder (or none to read): no texts kept in it
        return []


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


def _restore_undone(
    here: Path, there: Path, failed: OSError, moved: list[tuple[Path, Path]], folder: Path
) -> SpredningError:
    """Undo a restore that failed midway (`here` could not go to `there`): what came back goes back.

    The error to tell: that the project was not brought back and is whole in the kept `folder`;
    or, when a file could not go back either (a name taken meanwhile), which files are out of it.
    """
    said = {"path": here, "folder": there.parent, "reason": fileio.reason(failed), "kept": folder}
    left = [came for went, came in reversed(moved) if not _put_back(came, went)]
    if not left:
        return SpredningError.of(Message("store.cannot-restore", said))
    back = [str(p) for p in reversed(left)]
    return SpredningError.of(Message("store.cannot-restore.partly", said), left=back, n=len(left))


def _put_back(here: Path, there: Path) -> bool:
    """_move_new, with a failure said as False: what could not go back is named, not raised."""
    try:
        return _move_new(here, there)
    except OSError:
        return False


def _move_new(here: Path, there: Path) -> bool:
    """Move a file to a name no file has; False (and nothing moved) when the name is taken.

    A hard link made first cannot replace a file that appeared meanwhile (a rename would); where
    links are not possible (some shared drives), the name is checked just before the rename. A
    file that cannot be moved raises the OSError, for the caller to say what it stops.
    """
    try:
        os.link(here, there, follow_symlinks=False)
    except FileExistsError:
        return False
    except OSError:
        if os.path.lexists(there):
            return False
        os.rename(here, there)
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
