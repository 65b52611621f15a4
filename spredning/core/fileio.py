"""Low-level file handling for the store and exports: safe reads, atomic writes, backups.

Terminal-free. Reads never block on a pipe or follow into a device, writes replace a file in one
step (temp file, fsync, rename), and every failure becomes a SpredningError with a reason from the catalogue.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from spredning.core.errors import Message, SpredningError, message

BACKUP_INFIX = ".bak-"


class SpecialFile(OSError):
    """The path is not a regular file: its `kind` is 'folder', 'fifo', 'socket', 'device' or 'other'.

    A FIFO or socket is one only when nothing came from it (no program writes to it): one that
    brings text (a pipe from another program, /dev/stdin) is read.
    """

    def __init__(self, kind: str):
        folder = kind == "folder"
        super().__init__(errno.EISDIR if folder else errno.ENODEV, "special file")
        self.folder = folder
        self.kind = kind


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, as SpecialFile's kind ('link' only from lstat)."""
    kinds = ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "fifo"), (stat.S_ISSOCK, "socket"))
    for test, kind in (*kinds, (stat.S_ISLNK, "link")):
        if test(mode):
            return kind
    return "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "other"


class ChangingFile(OSError):
    """The file changed while it was read (another program is writing it)."""

    def __init__(self) -> None:
        super().__init__(errno.EAGAIN, "changed while read")


def _open_nonblocking(path: Path) -> int:
    """Open for reading without waiting for a FIFO's writer; later reads block as usual."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """A regular file (following links) opened to read in parts; never blocks on a FIFO.

    For a file only part of which is read (a zip's directory and a few of its parts): read_regular
    reads all of it. SpecialFile for anything but a regular file.
    """
    fd = _open_nonblocking(path)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SpecialFile(kind_of(mode))
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with stream:
        yield stream


QUIET_SECONDS = 0.25  # how long a file the user names must stay still, if it was written just now


def read_regular(path: Path, limit: int, *, quiet: bool = False) -> bytes:
    """Read at most limit + 1 bytes of a regular file (following links); never block on a FIFO.

    A file that changes while it is read (its size or time moves, or fewer bytes arrive than it
    holds) is read again, up to five times. With quiet, a file written in the last moment must also
    stay still for QUIET_SECONDS after the read: another program writing it bit by bit (not in one
    step, as this program does) may pause between its writes, and a pause inside a read is invisible.
    """
    for _ in range(5):
        fd = _open_nonblocking(path)
        try:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise SpecialFile(kind_of(before.st_mode))
            data = _read_all(fd, limit)
            after = os.fstat(fd)
        finally:
            os.close(fd)
        if not _same(before, after) or len(data) < min(before.st_size, limit + 1):
            continue
        if quiet and time.time_ns() - after.st_mtime_ns < QUIET_SECONDS * 1e9:
            time.sleep(QUIET_SECONDS)
            if not _same(after, os.stat(path)):
                continue
        return data
    raise ChangingFile()


def _same(one: os.stat_result, other: os.stat_result) -> bool:
    return (one.st_ino, one.st_size, one.st_mtime_ns) == (other.st_ino, other.st_size, other.st_mtime_ns)


def read_capped(path: Path, limit: int) -> bytes:
    """Read at most limit + 1 bytes of a file the user names: a regular file, or a pipe (/dev/stdin).

    A FIFO nobody writes to is refused at once (SpecialFile 'fifo') instead of waiting for ever or
    reading as an empty file; so are a folder, a device and a socket (which cannot be opened).
    """
    try:
        fd = _open_nonblocking(path)
    except OSError as exc:
        if exc.errno == errno.ENXIO and _is_socket(path):  # 'no such device' says nothing useful
            raise SpecialFile("socket") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        os.close(fd)
        raise
    if stat.S_ISREG(mode):
        os.close(fd)
        return read_regular(path, limit, quiet=True)
    try:
        if not stat.S_ISFIFO(mode) and not stat.S_ISSOCK(mode):
            raise SpecialFile(kind_of(mode))
        data = _read_all(fd, limit)
        if not data:  # no program writes to it (a writer waiting to open one counts as writing)
            raise SpecialFile(kind_of(mode))
        return data
    finally:
        os.close(fd)


def _is_socket(path: Path) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return False


def _read_all(fd: int, limit: int) -> bytes:
    chunks = []
    size = 0
    while size <= limit:
        chunk = os.read(fd, min(1024 * 1024, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def keep_backup(path: Path, raw: bytes) -> Path:
    """Keep a file's old bytes next to it, as NAVN.yaml.bak-YYYYmmdd-HHMMSS, never replacing one."""
    backup = _free_backup_name(path)
    atomic_write(backup, raw)
    return backup


def backups(path: Path) -> list[Path]:
    """The backups keep_backup (or move_aside) left beside a file, newest first.

    Newest by modification time, then by name (NAVN.yaml.bak-YYYYmmdd-HHMMSS sorts by time too).
    Only ordinary files that are not empty count; a folder that cannot be listed has none that can be named.
    """
    found: list[tuple[float, str, Path]] = []
    try:
        candidates = list(path.parent.glob(f"{glob_escape(path.name)}{BACKUP_INFIX}*"))
    except OSError:
        return []
    for candidate in candidates:
        with contextlib.suppress(OSError):
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_size > 0:
                found.append((info.st_mtime, candidate.name, candidate))
    return [candidate for _, _, candidate in sorted(found, reverse=True)]


def newest_backup(path: Path, usable: Callable[[Path], bool] | None = None) -> Path | None:
    """The newest backup beside a file that `usable` accepts (any, without it); None when there is none."""
    return next((backup for backup in backups(path) if usable is None or usable(backup)), None)


# Damage a backup can repair: the hint names the newest one beside the file, or what else to do.
RESTORABLE = ("project.invalid-yaml", "project.empty", "project.not-mapping", "project.cut-off")


def restore_hint(
    key: str, params: Mapping[str, object], path: Path, usable: Callable[[Path], bool] | None = None
) -> Message:
    """The hint for a damaged project file: restore the newest backup beside it (named), when there is one.

    Only a backup `usable` accepts (one that reads as a project file, see projectfile.usable_backup)
    is named: restored, a damaged one would not help. The program keeps a backup only when it
    saves over a file edited by hand (or is asked to), so often there is none; then the hint says
    so, or that the backups there cannot be read either, and what else helps (an editor at the
    line named, a copy from a shared drive, a partner's export).
    """
    found = backups(path)
    backup = next((candidate for candidate in found if usable is None or usable(candidate)), None)
    problem = params.get("problem")
    line = problem.params.get("line") if isinstance(problem, Message) else None
    lined = line is not None and key in ("project.invalid-yaml", "project.problem")
    if backup is not None:  # (with the line too: a backup may be older than the last edit by hand)
        named = {**params, "name": path.name, "backup": backup.name, "line": line}
        return Message(f"{key}.hint.line.backup" if lined else f"{key}.hint.backup", named)
    more = {"name": path.name, "backups": [candidate.name for candidate in found], "n": len(found)}
    bad = ".bad-backups" if found else ""  # backups there, none that can be read: said, not named to restore
    if lined:  # the line, to open it there
        return Message(f"{key}.hint.line{bad}", {**params, **more, "line": line})
    return Message(f"{key}.hint{bad}", {**params, **more})


def glob_escape(name: str) -> str:
    """A file name as a glob pattern that matches only itself."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in name)


def _free_backup_name(path: Path) -> Path:
    """NAVN.yaml.bak-YYYYmmdd-HHMMSS, or with -2, -3 ... when that name is taken."""
    return free_name(path.parent, f"{path.name}{BACKUP_INFIX}{time.strftime('%Y%m%d-%H%M%S')}")


def free_name(folder: Path, stem: str, suffix: str = "") -> Path:
    """folder/STEM+SUFFIX, or STEM-2+SUFFIX, STEM-3+SUFFIX ...: a name no file (nor link) has yet."""
    path, number = folder / f"{stem}{suffix}", 1
    while path.exists() or path.is_symlink():
        number += 1
        path = folder / f"{stem}-{number}{suffix}"
    return path


def move_aside(path: Path) -> Path | None:
    """Keep a file that cannot be read, as a backup beside it under keep_backup's kind of name.

    Renamed, not copied: a file too large or not allowed to read keeps every byte. None when
    there is nothing at path (any more); a failure is a SpredningError, so nothing replaces it.
    """
    backup = _free_backup_name(path)
    try:
        os.rename(path, backup)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SpredningError("files.cannot-keep", path=path, reason=reason(exc)) from None
    _fsync_dir(path.parent)
    return backup


def remove_stale_temps(path: Path) -> None:
    """Remove temp files a killed process left behind; called under the lock, so none is in use."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


_REASONS = {
    errno.ENOSPC: "full",
    errno.EACCES: "access",
    errno.EPERM: "permission",
    errno.EROFS: "read-only",
    errno.ENOENT: "missing",
    errno.ENOTDIR: "not-a-folder",
    errno.EISDIR: "folder",
    errno.ENAMETOOLONG: "too-long",
    errno.EIO: "io",
    errno.EBUSY: "busy",
    errno.EEXIST: "exists",
    errno.ELOOP: "loop",
    errno.EFBIG: "too-big",
    errno.EMFILE: "too-many",
    errno.ENFILE: "too-many",
    errno.EXDEV: "other-drive",
    errno.ETXTBSY: "busy",
    errno.EAGAIN: "busy",
    errno.ENXIO: "device",
    errno.ENODEV: "device",
    getattr(errno, "EDQUOT", -1): "quota",
}


def reason(exc: OSError) -> Message:
    """Why a read or write failed, as a catalogue key ('reason.full' ...); unknown ones name the code."""
    if isinstance(exc, SpecialFile):
        return Message("reason.folder" if exc.folder else "reason.special")
    if isinstance(exc, ChangingFile):
        return Message("reason.changing")
    key = _REASONS.get(exc.errno or 0)
    if key:
        return Message(f"reason.{key}")
    return message("reason.other", code=errno.errorcode.get(exc.errno or 0, str(exc.errno)))


def make_folder(folder: Path) -> None:
    """Create a folder (and its parents) or raise a Danish SpredningError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file (or a link to one) is where the folder should be
        raise SpredningError("files.not-a-folder", folder=folder) from None
    except OSError as exc:
        raise SpredningError("files.cannot-create-folder", folder=folder, reason=reason(exc)) from None


def _write_error(path: Path, exc: OSError, new: bool = False) -> SpredningError:
    """A failed write; a `new` file had no earlier version to be left as it was (its own hint)."""
    return SpredningError(
        "files.cannot-save", path=path, reason=reason(exc), hint="files.cannot-save.hint.new" if new else None
    )


def _keep_mode(path: Path, fd: int) -> None:
    """A replaced file keeps its permissions, so a project shared on a drive stays shared."""
    if hasattr(os, "fchmod"):
        with contextlib.suppress(OSError):
            os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))


_STOPS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGINT", "SIGTERM") if hasattr(signal, name))


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold a stop back (Ctrl+C, a closed terminal, a request to end) until the writes inside are done.

    Each write is atomic already: a file is as it was or as it became. This makes a save of two
    files (a project and this computer's state for it) whole as well. A stop that comes meanwhile
    is noted and given again, to whatever handled it before, when the block ends. Python runs
    signal handlers in the main thread, so only there can a stop be held (elsewhere the block
    runs as it is).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []

    def hold(signum: int, frame: object) -> None:
        held.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in _STOPS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        for signum in dict.fromkeys(held):
            signal.raise_signal(signum)


def atomic_write(path: Path, content: str | bytes) -> None:
    """Replace a file's contents atomically: a crash leaves the old file or the new, never half.

    A failed write removes its temp file and leaves the old file as it was. A new file gets the
    usual permissions (0666 less the umask), a replaced one keeps its own. A stop (SIGTERM,
    SIGHUP, Ctrl+C) waits until the file is in place: a stop from outside ends the program at
    once (os._exit), and it left the temp file beside the file.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    make_folder(path.parent)
    with uninterrupted():
        _replace_with(path, data)
    _fsync_dir(path.parent)


def _replace_with(path: Path, data: bytes) -> None:
    """atomic_write's write: a temp file beside path, fsynced, renamed over it; removed on failure."""
    new = not os.path.lexists(path)
    tmp = path.parent / f".{path.name}.{os.urandom(8).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except OSError as exc:
        raise _write_error(path, exc, new) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            _keep_mode(path, handle.fileno())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _write_error(path, exc, new) from None
        raise


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_output(
    path: Path,
    data: bytes | str,
    *,
    overwrite: bool = False,
    replaceable: str | None = None,
    protected: tuple[Path, ...] = (),
    guard: Callable[[Path], None] | None = None,
) -> Path | None:
    """Write a file for the user (a report, an export) without ever harming another file.

    The folder must exist. The path may not be a symbolic link, a device, a FIFO or another
    special file, nor a project or helper file: nothing may be written into a `protected` folder,
    and a file that is one of theirs under another name (a hard link) is refused too. An existing
    file is replaced only with `overwrite`, or when its checksum is `replaceable` (the program's own
    earlier export). Without either, the new file is linked into place, which fails if a file
    appeared meanwhile, so the check and the write are one step. `guard`, given the path after
    these checks, raises for any other file that must not be replaced (core/ownfiles.py).

    Refused, the error says whether the file is one this computer wrote and that was changed since
    (files.changed: a worksheet the partner filled in) or one it does not know (files.exists).
    Replaced with `overwrite`, such a file is first kept as a copy beside it (keep_copy), whose
    path is returned (None: nothing was there, or it was the program's own file, unchanged).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    not_a_folder(path)  # first: '..' is a folder, though its parent may be the projects folder
    folder = path.parent
    if not folder.is_dir():
        raise SpredningError("files.no-folder", path=path, folder=folder)
    real_folder = folder.resolve()
    for guarded in protected:
        with contextlib.suppress(OSError):
            if real_folder == guarded.resolve() or guarded.resolve() in real_folder.parents:
                raise SpredningError("files.in-projects-folder", path=path, folder=guarded)
    existing = _existing(path, protected)
    if guard is not None:
        guard(path)
    foreign = existing is not None and checksum(existing) != replaceable
    if foreign and not overwrite:
        raise SpredningError("files.changed" if replaceable is not None else "files.exists", path=path)
    # A stop (SIGTERM, SIGHUP, Ctrl+C) waits until the file is in place: a stop from outside ends
    # the program at once (os._exit), and between the temp file and the link it left the temp file.
    with uninterrupted():
        copy = keep_copy(path, existing, protected) if foreign and existing is not None else None
        try:
            _put_in_place(path, raw, existing, protected)
        except SpredningError:
            if copy is not None:  # not replaced (the rename is its last step): the file is its own copy
                with contextlib.suppress(OSError):
                    os.unlink(copy)
            raise
    _fsync_dir(folder)
    return copy


def keep_copy(path: Path, raw: bytes, protected: tuple[Path, ...] = ()) -> Path:
    """Keep a file about to be replaced beside it, as STEM.bak-YYYYmmdd-HHMMSS.SUFFIX (a free name).

    The ending stays last, so the copy opens as the file did (a worksheet in Word) and can be
    imported. Written before the file is replaced: a copy that cannot be written leaves it whole.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    copy = free_name(path.parent, f"{path.stem}{BACKUP_INFIX}{stamp}", path.suffix)
    _put_in_place(copy, raw, None, protected)
    return copy


def _put_in_place(path: Path, raw: bytes, existing: bytes | None, protected: tuple[Path, ...]) -> None:
    """Write raw to a temp file beside path and link it (new) or rename it (existing) into place."""
    tmp = _write_temp(path, raw, new=existing is None)
    try:
        if existing is None:
            os.link(tmp, path)  # fails if a file appeared since the check: nothing is replaced
            os.unlink(tmp)
        else:
            _existing(path, protected)  # checked again right before the file is replaced
            os.replace(tmp, path)
    except FileExistsError:
        raise SpredningError("files.exists", path=path) from None
    except OSError as exc:
        raise _write_error(path, exc, new=existing is None) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def not_a_folder(path: Path) -> None:
    """Refuse a path that is a folder ('.' and '..' named in full: '. er en mappe' reads badly)."""
    try:
        is_folder = stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:  # nothing there, or not to be seen: the checks after say what is wrong
        return
    if is_folder:
        shown = path if path.name not in ("", ".", "..") else Path(os.path.abspath(path))
        raise SpredningError("files.is-folder", path=shown)


def path_text(path: Path) -> str:
    """A path as text that can be saved (YAML, UTF-8) and is the same the next time it is made.

    A name's bytes that are no UTF-8 (a folder named on a Latin-1 system) are written as a
    backslash, x and the byte in hex; any other path is its text as it is.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def checksum(raw: bytes) -> str:
    """A file's SHA-256, to recognise the program's own output later."""
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def _existing(path: Path, protected: tuple[Path, ...]) -> bytes | None:
    """The bytes of a regular file at path (None when there is none); anything else is refused."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a name too long for the folder is no file there: none was made
        raise _write_error(path, exc, new=exc.errno == errno.ENAMETOOLONG) from None
    if stat.S_ISLNK(info.st_mode):
        raise SpredningError("files.is-link", path=path)
    if stat.S_ISDIR(info.st_mode):
        raise SpredningError("files.is-folder", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise SpredningError("files.is-special", path=path)
    for folder in protected:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.inode() == info.st_ino and os.lstat(entry.path).st_dev == info.st_dev:
                    raise SpredningError("files.is-project-file", path=path)
    try:
        return read_regular(path, 64 * 1024 * 1024)
    except OSError as exc:
        raise _write_error(path, exc) from None


def _write_temp(path: Path, raw: bytes, new: bool) -> Path:
    """The bytes in a temporary file beside path; a failure names path (`new`: there was none)."""
    tmp = path.parent / f".{path.name}.{os.urandom(8).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(path, exc, new) from None
    return tmp
