"""Low-level file handling for the store and exports: safe reads, atomic writes, backups.

Terminal-free. Reads never block on a pipe or follow into a device, writes replace a file in one
step (temp file, fsync, rename), and every failure becomes a SpredningError with a Danish reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

from spredning.core.errors import SpredningError

BACKUP_INFIX = ".bak-"


def read_regular(path: Path, limit: int) -> bytes:
    """Read at most limit + 1 bytes of a regular file (following links); never block on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(errno.EISDIR, "ikke en almindelig fil")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(limit + 1)
    finally:
        os.close(fd)


def read_capped(path: Path, limit: int) -> bytes:
    """Read at most limit + 1 bytes of any readable file, a pipe such as /dev/stdin included."""
    with open(path, "rb") as handle:
        return handle.read(limit + 1)


def keep_backup(path: Path, raw: bytes) -> Path:
    """Keep a file's old bytes next to it, as NAVN.yaml.bak-YYYYmmdd-HHMMSS, never replacing one."""
    first = path.with_name(f"{path.name}{BACKUP_INFIX}{time.strftime('%Y%m%d-%H%M%S')}")
    backup, number = first, 1
    while backup.exists() or backup.is_symlink():
        number += 1
        backup = first.with_name(f"{first.name}-{number}")
    atomic_write(backup, raw)
    return backup


def remove_stale_temps(path: Path) -> None:
    """Remove temp files a killed process left behind; called under the lock, so none is in use."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


_REASONS = {errno.ENOSPC: "disken er fuld", errno.EACCES: "ingen adgang",
            errno.EPERM: "ingen tilladelse", errno.EROFS: "drevet er skrivebeskyttet",
            errno.ENOENT: "findes ikke", errno.ENOTDIR: "en del af stien er ikke en mappe",
            errno.EISDIR: "det er en mappe", errno.ENAMETOOLONG: "stien er for lang",
            errno.EIO: "fejl på drevet", getattr(errno, "EDQUOT", -1): "din diskkvote er brugt op"}


def reason(exc: OSError) -> str:
    """The reason for a failed read or write in Danish (the system's words when we have none)."""
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def make_folder(folder: Path) -> None:
    """Create a folder (and its parents) or raise a Danish SpredningError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SpredningError(f"Kan ikke oprette mappen {folder} ({reason(exc)}).",
                             "Tjek stien og din skriveadgang.") from None


def _write_error(path: Path, exc: OSError) -> SpredningError:
    return SpredningError(f"Kunne ikke gemme {path} ({reason(exc)}).",
                          "Den tidligere udgave af filen er urørt. Tjek pladsen på disken og din "
                          "skriveadgang til mappen.")


def _keep_mode(path: Path, fd: int) -> None:
    """A replaced file keeps its permissions, so a project shared on a drive stays shared."""
    if hasattr(os, "fchmod"):
        with contextlib.suppress(OSError):
            os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))


def atomic_write(path: Path, content: str | bytes) -> None:
    """Replace a file's contents atomically: a crash leaves the old file or the new, never half.

    A failed write removes its temp file and leaves the old file as it was. A new file gets the
    usual permissions (0666 less the umask), a replaced one keeps its own.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    make_folder(path.parent)
    tmp = path.parent / f".{path.name}.{os.urandom(8).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except OSError as exc:
        raise _write_error(path, exc) from None
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
            raise _write_error(path, exc) from None
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file(path: Path, data: bytes | str, overwrite: bool = False) -> Path:
    """Write an exported file (report, export) atomically; refuse to replace one unless asked."""
    if path.exists() and not overwrite:
        raise SpredningError(f"Filen {path} findes allerede.",
                             "Vælg et andet navn med --ud, eller brug --overskriv.")
    atomic_write(path, data)
    return path
