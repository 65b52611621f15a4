"""What a file is, from a quick look at its head, without reading it as a project file.

Every file spredning writes begins with 'format:' (looks_like_ours); an export says whom it is
from and to before its answers (addressing: the home screen's list of files to import). A file
written for 'fase --svar' maps question ids to answers (answers_shape): refused as an import, it
is named as that.
"""

from __future__ import annotations

from pathlib import Path

from spredning.core import filehead, fileio, yamlio
from spredning.core.model import side_of
from spredning.worksheet.package import sheet_project


def answers_shape(raw: bytes) -> tuple[list[str], str] | None:
    """The phases (in the file's order) and side of an answers file for 'fase --svar', or None.

    Such a file maps question ids ('fase.værktøj.side.spørgsmål') to answers; the side is '' when
    its ids are of both sides. Read only for a file refused as not ours, so a good import pays nothing.
    """
    try:
        data = yamlio.loads(yamlio.decode(raw, yamlio.MAX_BYTES))
    except (yamlio.YamlProblem, ValueError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    ids = [str(key) for key in data]
    if not all(isinstance(key, str) and side_of(key) is not None for key in data):
        return None
    sides = {side_of(key) or "" for key in ids}
    return list(dict.fromkeys(key.split(".")[0] for key in ids)), sides.pop() if len(sides) == 1 else ""


def addressing(path: Path) -> filehead.Addressing | None:
    """Who an export is from and to, read from its head only (a list of files to choose from).

    None for a file that does not say (not an export, an old one, a broken head); OSError passes.
    """
    return filehead.addressing(fileio.read_regular(path, HEAD)[:HEAD])


HEAD = 64 * 1024  # an export's facts and addressing come before its answers, well within this
GLANCE = 4096  # enough to see the format line: all a file not ours costs to pass by


def exchange_head(path: Path) -> filehead.Addressing | None:
    """Who an export is from and to, whatever the file is called (renamed, 'fil (1).yaml'), or None.

    For a folder's files that are not named as exports: only a regular .yaml or .yml file no larger
    than a file that can be imported is opened, only its first bytes are read, and only one that
    begins as ours is read on to its addressing. Nothing is said about a file that cannot be read.
    """
    if path.suffix.lower() not in (".yaml", ".yml"):
        return None
    try:
        if not begins_as_ours(fileio.read_regular(path, GLANCE)[:GLANCE]):
            return None
        return addressing(path) if path.stat().st_size <= yamlio.MAX_BYTES else None
    except OSError:
        return None


def worksheet_project(path: Path) -> str | None:
    """The project a worksheet belongs to, whatever the file is called (renamed by the partner), or None.

    For a folder's .docx files that are not named as worksheets: only a regular file no larger than
    a returned worksheet is opened, and only its zip directory and the worksheet's record are read
    (package.sheet_project), never the document. Nothing is said about a file that cannot be read.
    """
    if path.suffix.lower() != ".docx":
        return None
    try:
        with fileio.open_regular(path) as stream:
            return sheet_project(stream)
    except OSError:
        return None


def looks_like_ours(path: Path, raw: bytes) -> bool:
    """True for a file named .yaml or .yml that begins with 'format:', as every file spredning writes.

    Blank and comment lines before it are allowed (a hand-edited file).
    """
    return path.suffix.lower() in (".yaml", ".yml") and begins_as_ours(raw)


def begins_as_ours(raw: bytes) -> bool:
    """True for text whose first line (after blank and comment lines) is 'format:'."""
    for line in filehead.head_text(raw[:4096]).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.startswith("format:")
    return False
