"""Reading a partner's file: validated like a project file, or refused in words that fit it.

An export (or a Word worksheet, read by app/worksheets.py) becomes an Incoming: the project it
carries, who sent it to whom, and nothing written yet. A file that cannot be read says why as a
partner's file: cut short on the way, text after its end, git's markers, a newer program's
format, a report or answers file picked by mistake.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from spredning.app.exchange.recognise import answers_shape, begins_as_ours, looks_like_ours
from spredning.app.views import answer_place
from spredning.app.workspace import Workspace
from spredning.core import filehead, fileio, history, projectfile, yamlio
from spredning.core.errors import Message, ProjectFileError, SpredningError, UsageProblem
from spredning.core.model import SHARING, Project, Slot, project_slug


class Incoming(NamedTuple):
    """A partner's file, read and validated; nothing written yet."""

    project: Project
    path: Path
    sender: str | None  # 'dele', a partner's key, or None (an old file that does not say)
    receiver: str | None
    legacy_base: Mapping[str, str] | None = None  # an old file's common ground ('fælles')
    # Worksheets (app/worksheets.py): what the reader must hear about that is not an answer
    # (text outside the fields, a pasted table, comments ...).
    notes: tuple[Message, ...] = ()
    # A worksheet's copy id and the versions its fields give (slot key → text checksum → count),
    # remembered when the import is written, so the same text from it is always the same version.
    sheet_versions: tuple[str, Mapping[str, Mapping[str, int]]] | None = None
    day: datetime.date | None = None  # when an export was written (a worksheet's day is in its notes)

    @property
    def legacy(self) -> bool:
        """True for a file from before answers had histories."""
        return self.legacy_base is not None


PLACEHOLDER_COPY = "00000000"  # marks, in a partner's file, a text that does not match its checksum


def _read(path: Path, limit: int) -> bytes:
    """The bytes of the file 'importer' names; one that is no ordinary file is a usage error."""
    try:
        return fileio.read_capped(path, limit)
    except fileio.SpecialFile as exc:  # a folder, a device, a pipe no program writes to: not a file to read
        raise UsageProblem("exchange.not-a-file", path=path, kind=Message(f"files.kind.{exc.kind}")) from None
    except OSError as exc:
        raise SpredningError("exchange.unreadable", path=path, reason=fileio.reason(exc)) from None


def read_incoming(ws: Workspace, path: Path) -> Incoming:
    """Read a partner's file with the hardened rules; it is validated like a project file.

    A Word document (a zip, or Word's old format) is read as a worksheet (app/worksheets.py).
    """
    from spredning.app import worksheets  # worksheets: a .docx comes back from a partner

    raw = _read(path, max(yamlio.MAX_BYTES, worksheets.MAX_FILE))
    if worksheets.is_word_file(raw):
        return worksheets.read_worksheet(ws, path, raw)
    if not raw.strip():  # a worksheet comes back from Word: what to do about it is not an export's
        worksheet = path.suffix.lower() in (".docx", ".doc")
        hint = "exchange.empty-worksheet.hint" if worksheet else None
        raise SpredningError("exchange.empty", path=path, hint=hint)
    try:
        data = projectfile.loads(raw, path)
    except ProjectFileError as exc:
        raise _refused(path, raw, exc) from None
    if "konflikter" in data and data.get("format") == "1":
        raise SpredningError("exchange.has-conflicts", path=path)
    name = data.get("projekt", {}).get("navn", "") if isinstance(data.get("projekt"), dict) else ""
    try:
        parsed = projectfile.parse(
            data,
            project_slug(name if isinstance(name, str) else ""),
            path,
            ws.layout,
            PLACEHOLDER_COPY,
            raw,
        )
    except ProjectFileError as exc:
        raise _refused(path, raw, exc) from None
    entries = (*parsed.project.entries(), *parsed.project.record_entries())
    beyond = [
        slot
        for slot, entry in entries
        if not all(history.fits(answer.version) for answer in (entry.answer, *entry.others))
    ]
    if beyond:  # written by hand or by another program: kept, it would leave no room for our changes
        raise SpredningError(
            "exchange.version-beyond",
            path=path,
            n=len(beyond),
            ids=places(ws, parsed.project, beyond[:3]),
            more=max(0, len(beyond) - 3),
        )
    if parsed.legacy:
        sender = (
            None
            if parsed.legacy_role is None
            else (
                SHARING
                if parsed.legacy_role == "dele"
                else (parsed.project.partners[0].key if parsed.project.partners else None)
            )
        )
        return Incoming(parsed.project, path, sender, None, dict(parsed.legacy_base or {}))
    damaged = [
        slot
        for slot, entry in entries
        if not entry.answer.empty and any(copy == PLACEHOLDER_COPY for copy, _ in entry.answer.version)
    ]
    if damaged:  # a text that no longer matches its checksum: cut short or changed on the way
        raise SpredningError(
            "exchange.damaged",
            path=path,
            n=len(damaged),
            ids=places(ws, parsed.project, damaged[:3]),
            more=max(0, len(damaged) - 3),
        )
    exchange = parsed.exchange or {}
    day = datetime.date.fromisoformat(exchange["dato"]) if "dato" in exchange else None
    return Incoming(parsed.project, path, exchange.get("fra"), exchange.get("til"), day=day)


def places(ws: Workspace, project: Project, slots: list[Slot]) -> list[Message]:
    """Answers named for the user as the dry run names them: phase · tool · side (organisation): question."""
    return [answer_place(ws.guide, project, slot) for slot in slots]


def _refused(path: Path, raw: bytes, exc: ProjectFileError) -> SpredningError:
    """Why a partner's file cannot be read, in the words that fit a file that came from a partner.

    An exchange file that lost its end line was cut short on the way; whole answers may be missing,
    so it is said to be cut, even when the cut left YAML that cannot be read (inside a quoted text).
    Text after the end line (a mail signature) is said to be that, not a YAML problem.
    """
    if exc.key == "project.git-conflict":
        return SpredningError("exchange.git-markers", path=path)
    if exc.key == "project.kept-twice":  # merged in git by hand: said as a project file's is, with where
        where, lines = exc.params["where"], (exc.params["first"], exc.params["line"])
        return SpredningError(
            "exchange.kept-twice",
            path=path,
            where=where,
            key=exc.params["key"],
            first=lines[0],
            line=lines[1],
        )
    if exc.key == "project.newer-format":  # the partner's program is newer: ours must be updated
        return SpredningError("exchange.newer-format", path=path, version=exc.params["version"])
    if _unreadable_or_unknown_key(exc) and (after := filehead.text_after_end(raw)):
        return SpredningError("exchange.text-after-end", path=path, n=after)
    if exc.key == "project.cut-short" or (exc.key == "project.invalid-yaml" and filehead.cut_short(raw)):
        return SpredningError("exchange.cut-short", path=path)
    if exc.key == "project.too-large" and begins_as_ours(raw):  # long answers: the partner's to shorten
        return SpredningError(
            "importer.file-too-large", path=path, size=_size(path, raw), limit=exc.params["limit"]
        )
    return _invalid(path, raw, exc)


def _size(path: Path, raw: bytes) -> int:
    """A file's size: as on disk, or what was read of it (a pipe; at most the read's cap and a byte)."""
    try:
        return max(path.stat().st_size, len(raw))
    except OSError:
        return len(raw)


def _unreadable_or_unknown_key(exc: ProjectFileError) -> bool:
    """What text after the end line makes of a file: YAML that cannot be read, or a key not ours."""
    problem = exc.params.get("problem")
    return exc.key == "project.invalid-yaml" or getattr(problem, "key", None) == "project.unknown-key"


def _invalid(path: Path, raw: bytes, exc: ProjectFileError) -> SpredningError:
    """A partner's file that is not a valid project file: the inner problem, not 'Projektfilen ...'.

    A file that does not look like one of ours at all (a report, a note picked by mistake) is
    said to be that, plainly: the YAML detail only helps with a spredning file edited by hand.
    One named .docx is said not to be a Word document (renamed or damaged), not told that a
    worksheet is one.
    """
    if exc.key != "project.empty" and not looks_like_ours(path, raw):
        if path.suffix.lower() in (".docx", ".doc"):  # named as a worksheet, but not a Word file
            return SpredningError("exchange.not-word", path=path, suffix=path.suffix)
        shape = answers_shape(raw)
        if shape is not None:  # written for 'fase --svar': said so, with the command (see cli)
            return SpredningError("exchange.answers-file", path=path, phases=shape[0], role=shape[1])
        return SpredningError("exchange.not-spredning", path=path)
    problem = exc.params.get("problem") or Message(f"exchange.why.{exc.key.split('.')[-1]}", exc.params)
    newer = getattr(problem, "key", None) == "project.unknown-key"  # a newer program may write more
    hint = "exchange.invalid-key.hint" if newer else None
    return SpredningError("exchange.invalid", path=path, problem=problem, hint=hint)
