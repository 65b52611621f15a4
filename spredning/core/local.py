"""What belongs to one computer's copy of a project, not to the shared project file.

Kept in the projects folder's hidden ``.spredning/`` folder, which ignores itself in git (it holds a
``.gitignore`` of ``*``), one file per project:

- the copy's id, which marks its changes in every answer's history (history.py), with the place
  it belongs to (key ``sted``: computer and folder) and the helper folder's identity there (key
  ``mappe``: computer, device and inode, folder_id). A state read in another place is a copied
  folder's, and gets a new copy id, unless the helper folder is the very same one (the same
  identity: the folder was moved or renamed, not copied) and the former place holds no state of
  the project (a copy put back there, as in `mv A B; cp -r B A`, keeps the id at A, the moved one
  gets a new one). A file without ``mappe`` (an older program's) is taken as copied when moved.
- which side this user is on, and for a reusing organisation which one it is;
- drafts: text typed into an answer field but not saved as the answer (which of them hold two
  windows' texts, and which were typed as the reason for "not relevant"); and a reason for "not
  relevant" typed while the question had an answer draft, kept beside it (key ``begrundelser``:
  the answer draft stays an answer draft; a program from before it keeps the file aside, as below),
  and which of those reasons hold two windows' texts (key ``samlede-begrundelser``, likewise);
- per partner, the answer versions they are known to have (sent to them or seen in their files),
  so status can say when there is something new to send, and the answers that arrived from them
  and have not been looked at yet;
- per partner, the versions its files brought in that replaced the text here (key ``hentet``): who
  wrote the text an answer has now, when it came from a partner, so a conflict names the writer;
- the exports this copy wrote (path and checksum), so a new export may replace its own old file
  but never a file somebody else wrote;
- the organisations this copy has exchanged files with (key ``udvekslet-med``: an export written
  for them or a file of theirs imported): their program takes exchange files, so a worksheet made
  for them is not counted as what their program has (app/worksheets.py, write_worksheet). A program
  from before the key keeps the file aside, as below; it then no longer knows who has the program,
  and a worksheet counts as given again until the next file to or from that partner;
- the exchange files imported here (path, and its size and time as then and a checksum of its
  content, key ``importeret``), so the home screen can say a file is already brought in, moved or
  copied too; only the newest hundred are kept (app/exchange/noting.py, noted_import). A program
  from before the key reads the file as only partly understood and keeps it aside, as below;
- per worksheet (its copy id, worksheet/returned.py), the versions its fields brought in: for each
  answer or record, each text's checksum and the count it was given, so the same text from the
  same worksheet is the same version whenever it comes back (key ``arbejdsark``; a program from
  before it reads the file as only partly understood and keeps it aside, as below);
- per answer (slot key), the highest count this copy ever gave it in its version (key ``givet``),
  so a new version is never given a count an older, different text has already had, also when a
  sync program put an older copy of the project file back; and which of this copy's answers were
  last found older in the file than that (key ``advaret``: slot key, the file's count and the one
  given), so the user is warned once per such change of the file, not at every command. Both
  belong to this copy id: a copied folder (a new copy id) starts without them. A program from
  before them reads the file as only partly understood and keeps it aside (as below): nothing is
  lost, the old program just no longer remembers the counts.
- per organisation this copy has been ('dele' or a partner's key), the answers it gave a version
  while it was that organisation (key ``skrevet-som``: organisation → slot keys), so `projekt side`
  knows which organisation the computer wrote as, not only in whose dialogue an answer is (the
  sharing computer may fill in a partner's answers at a workshop). It belongs to the copy id like
  the counts; a program from before it keeps the file aside as for ``givet``.
- the copy ids of this computer's own versions that came into the project from another project
  here (key ``flettet-ind``: `projekt flet`; a partner's version from there is not one), so they
  count as this computer's own when status and eksport tell whether a partner has had our
  changes (app/exchange/exporting.py, unsent_unknown), reading only this project's state.
  Written always, as an empty list when none came: a file without the key was written by a
  program from before it, which did not note merges, so what was merged into it is found from
  the other projects' copy ids instead (exporting.merged_copies), as from a file whose note of
  them could not be read at all (salvage). The merges were the copy's, as its own versions
  are: a copied folder (a new copy id) starts without them. A program from before the key
  keeps a file that lists copies aside, as for ``givet``.

A state that cannot be written (a read-only .spredning folder) is kept in memory; a new one then
gets its copy id from the place (place_copy), so every command there marks its changes alike. The
work a command did stands: the store notes what was not remembered, and the front end warns.

A missing file is simply "nothing known yet". A file that exists but cannot be read whole (a
damaged line, cut short, bytes that are not UTF-8) holds the user's drafts: what can be read of it
is read part by part (salvage.py), so every draft, reason and note of the program's (a version a
partner has, ...) that can still be read comes back, and the state notes what was read and what
not (LocalState.salvage) for the user to be told.
A file too large to be read, or not a file at all, is read as nothing known. Before a new
file takes the place of either it is moved aside as ``SLUG.yaml.bak-DATO-TID`` (the way the store
keeps a project file's backup), and the caller tells the user where it is. So is a file
read only in part (edited by hand: a draft written as a list, a key the program does not know, a
side that is neither): what is understood is used, and the file is kept aside before it is
replaced, since what was not understood would not be written again.
A file that may not be read (no access, a drive's error) is refused instead (StateUnreadable), as
a project file is, and nothing is changed: replaced, its side, organisation and drafts would be
out of sight, kept in a copy this user may not open either.

Drafts are kept whole, however long: the only limit is the file's, MAX_BYTES, and a state that
would not fit is refused before anything is written, so what is written can always be read back.

Drafts are placed in the state by drafts.py: two windows answering one question keep both texts.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from spredning.core import fileio, history, yamlio
from spredning.core import salvage as salvaging
from spredning.core.errors import SpredningError
from spredning.core.model import NOTHING, ROLES, Entry, Project, Slot
from spredning.core.textsafe import writable

FOLDER = ".spredning"
MAX_BYTES = 8 * 1024 * 1024
_COPY = re.compile(r"^[a-z0-9]{8,16}$")
_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SHEET = re.compile(r"^w(?:[0-9a-f]{4})?[0-9a-f]{11}$")  # worksheet/returned.py's sheet_copy (or older)
_CHECK = re.compile(r"^[0-9a-f]{8}$")  # history.checksum
_COUNT = re.compile(r"^[1-9][0-9]{0,8}$")  # a worksheet's count, at most history.INCOMING_MAX_COUNT
_GIVEN = re.compile(r"^[1-9][0-9]{0,14}$")  # a count this copy gave, at most history.MAX_COUNT


class StateUnreadable(SpredningError):
    """The state file is there but cannot be read now (no access, a drive's error): it is kept as it is."""


def slot_key(slot: Slot) -> str:
    """A slot as one word: 'QUESTION' for a shared answer, 'PARTNER/QUESTION' in a dialogue."""
    where, question_id = slot
    return f"{where}/{question_id}" if where else question_id


def key_slot(key: str) -> Slot:
    """The slot a slot_key names."""
    where, _, question_id = key.rpartition("/")
    return where, question_id


class LocalState(NamedTuple):
    """One computer's state for one project (see the module docstring)."""

    copy: str
    side: str | None = None
    organisation: str | None = None
    place: str = ""
    folder_id: str = ""  # the helper folder's identity where the state was read (folder_id; '' unknown)
    drafts: Mapping[str, str] = NOTHING  # slot key → text
    known: Mapping[str, Mapping[str, str]] = NOTHING  # partner → slot key → version as written
    news: Mapping[str, tuple[str, ...]] = NOTHING  # sender → slot keys not yet looked at
    brought: Mapping[str, Mapping[str, str]] = NOTHING  # sender → slot key → version its file put here
    exports: Mapping[str, str] = NOTHING  # path → sha256 of the file this copy wrote
    imported: Mapping[str, str] = NOTHING  # path → "size:mtime_ns" of an exchange file imported here
    exchanged: tuple[str, ...] = ()  # organisations an exchange file went to or came from (with_exchanged)
    joined: tuple[str, ...] = ()  # slot keys whose draft holds two windows' texts (with_drafts)
    worksheets: Mapping[str, Mapping[str, Mapping[str, int]]] = (
        NOTHING  # sheet copy → slot key → checksum → count
    )
    reasons: tuple[str, ...] = ()  # slot keys whose draft is a reason for "not relevant" (with_drafts)
    beside: Mapping[str, str] = NOTHING  # slot key → a reason typed beside an answer draft (with_reason)
    beside_joined: tuple[str, ...] = ()  # slot keys whose reason beside holds two windows' texts
    given: Mapping[str, int] = NOTHING  # slot key → the highest count this copy gave its answer
    warned: str = ""  # this copy's answers last found older in the file: see warned_text
    wrote: Mapping[str, tuple[str, ...]] = NOTHING  # organisation this copy was → slot keys it gave a version
    merged: tuple[str, ...] | None = ()  # copy ids merged in from projects here; None: not noted (older file)
    fresh: bool = False  # just made: not yet in a file
    damaged: bool = False  # the file there could not be read, or not all of it: keep it aside when replaced
    salvage: salvaging.Salvage | None = None  # the file was damaged: what of it could be read (salvage.py)

    @property
    def me(self) -> str | None:
        """The organisation of this copy in exchange files: 'dele', a partner's key, or None (unknown)."""
        if self.side == "dele":
            return "dele"
        return self.organisation if self.side == "genbruge" else None


def new_copy_id() -> str:
    """A fresh copy id: eight random lowercase hex digits."""
    return os.urandom(4).hex()


def place_copy(place: str, slug: str) -> str:
    """The copy id of a project's state that cannot be written here (a read-only .spredning folder).

    Derived from the place (computer and folder) and the project, so every command there uses the
    same one: a new random id at each save would grow every answer's version history without end.
    """
    import hashlib

    return hashlib.sha256(f"{place}\0{slug}".encode()).hexdigest()[:8]


def this_place(home: Path) -> str:
    """Which computer and folder a state file belongs to; a copied folder gets a new copy id."""
    try:
        folder = fileio.path_text(home.resolve())
    except OSError:
        folder = fileio.path_text(home)
    return f"{socket.gethostname()}:{folder}"


def folder(home: Path) -> Path:
    """The hidden folder for this computer's helper files."""
    return home / FOLDER


def ensure_folder(home: Path) -> Path:
    """Create the hidden folder, with a .gitignore that keeps it (and itself) out of git."""
    path = folder(home)
    if not path.is_dir():
        if path.exists() or path.is_symlink():  # a file of the user's (or a broken link) is named, to move
            raise SpredningError("store.folder-in-the-way", path=path)
        fileio.make_folder(path)
    ignore = path / ".gitignore"
    if not ignore.exists():
        fileio.atomic_write(ignore, "# Denne mappe hører til én computer; git skal ikke dele den.\n*\n")
    return path


def state_path(home: Path, slug: str) -> Path:
    """The state file of one project."""
    return folder(home) / f"{slug}.yaml"


def load(home: Path, slug: str) -> LocalState:
    """Load this computer's state for a project: a new copy id when there is none (or it was copied)."""
    place = this_place(home)
    try:
        raw = _read(home, slug)
    except (FileNotFoundError, NotADirectoryError):
        helpers = folder(home)
        if not helpers.is_dir() and (helpers.exists() or helpers.is_symlink()):
            # a file of the user's where the helper folder goes: this computer's side, drafts and
            # news cannot be read (nor kept), so say so now, not as a project without a side
            raise SpredningError("store.folder-in-the-way", path=helpers) from None
        return LocalState(copy=new_copy_id(), place=place, fresh=True)
    try:
        data = None if raw is None else yamlio.loads(yamlio.decode(raw, MAX_BYTES))
    except yamlio.YamlProblem:
        data = None
    found = None
    if raw is not None and len(raw) <= MAX_BYTES and _needs_salvage(raw, data):
        data, found = salvaging.salvage(raw)  # what can be read of it: drafts are the user's work
    if not isinstance(data, dict) or (found is not None and not data):
        return LocalState(copy=new_copy_id(), place=place, fresh=True, damaged=True, salvage=found)
    state = _from_data(data)._replace(salvage=found)
    if found is not None and not state.merged and salvaging.NOTES["flettet-ind"] in found.consequences:
        state = state._replace(merged=None)  # none read is no 'none merged': found as for an older file
    if found is not None or not _understood(data, state):  # its text would be lost when written again
        state = state._replace(damaged=True)
    here = folder_id(home)
    copied = state.place != place and not _moved(state, home, slug, here)
    if copied:  # the folder was copied (or cannot be told from a copy): changes here are a new copy's
        state = state._replace(copy=new_copy_id(), fresh=True, given={}, warned="", wrote={}, merged=())
    return state._replace(place=place, folder_id=here, salvage=_identity_told(found, copied=copied))


def _read(home: Path, slug: str) -> bytes | None:
    """The state file's bytes; None when it is not a file (read as nothing known, then moved aside).

    No file there raises FileNotFoundError; one that may not be read, or a drive's error, raises
    StateUnreadable: nothing is replaced.
    """
    path = state_path(home, slug)
    try:
        return fileio.read_regular(path, MAX_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        raise
    except fileio.SpecialFile:  # a folder or a pipe where the file goes
        return None
    except OSError as exc:  # not allowed, or the drive failed: what it holds may be read later
        raise StateUnreadable("local.unreadable", path=path, reason=fileio.reason(exc)) from None


def read_kept(path: Path, *, to_write: bool = False) -> LocalState | None:
    """A state file kept elsewhere than the helper folder (a removed project's, under fjernede/), as it says.

    Only read: no copy id is made for this place and nothing is written or salvaged; None when it
    cannot be read whole. For what it knew (the side, the organisation), not to work in; with
    `to_write`, None too when it holds anything the program would not write again (so writing the
    state back, with a draft more, loses nothing).
    """
    data = _read_data(path)
    if data is None:
        return None
    state = _from_data(data)
    return None if to_write and not _understood(data, state) else state


def _read_data(path: Path) -> dict[str, Any] | None:
    """A state file's data, only read (nothing salvaged); None when it cannot be read whole."""
    try:
        data = yamlio.loads(yamlio.decode(fileio.read_regular(path, MAX_BYTES), MAX_BYTES))
    except (OSError, yamlio.YamlProblem):
        return None
    return data if isinstance(data, dict) else None


def _identity_told(found: salvaging.Salvage | None, *, copied: bool) -> salvaging.Salvage | None:
    """What a lost ``mappe`` line meant, now that the place is known: a new copy id now, or nothing.

    The identity is only read where the place changed (a copy, or a moved folder that can no longer
    be told from one); the state is written with this folder's identity again, so a later move is
    not affected either way.
    """
    if not copied or found is None or salvaging.FOLDER_LOST not in found.consequences:
        return found
    said = ("copy" if key == salvaging.FOLDER_LOST else key for key in found.consequences)
    return found._replace(consequences=tuple(dict.fromkeys(said)))


def folder_id(home: Path) -> str:
    """The helper folder's identity on this computer: 'HOST:DEVICE:INODE' ('' when it cannot be told).

    A folder moved or renamed on its drive keeps it; a copy (cp, a sync program, a backup put
    back, another drive) gets another, as no two folders there have one inode at a time.
    """
    try:
        found = folder(home).stat()
    except OSError:
        return ""
    return f"{socket.gethostname()}:{found.st_dev}:{found.st_ino}" if found.st_ino else ""


def _moved(state: LocalState, home: Path, slug: str, here: str) -> bool:
    """True when the state was written in this very helper folder at its former place (a move, not a copy).

    The identity must be known and the same; and the former place must hold no state of the
    project: one there is a copy put back (or a folder started anew there), so this one is not
    the only holder of the copy id; unless it is this very file (a link left at the former place
    leads here). Anything that cannot be told is a copy (a new copy id).
    """
    if not here or state.folder_id != here:
        return False
    former = state.place.partition(":")[2]
    try:
        there = state_path(Path(former), slug)
        ours = state_path(home, slug)
        return bool(former) and (not os.path.lexists(there) or os.path.samefile(there, ours))
    except (OSError, ValueError):
        return False


def _needs_salvage(raw: bytes, data: object) -> bool:
    """True when the file could not be read whole, or was cut short, or a draft's key stands at the top.

    Every file the program writes ends with a line break; one that does not was cut short, so the
    text it ends in may not be whole (the user is told). A draft's key at the top was indented
    wrongly: read as it is, the draft would not be found.
    """
    if not isinstance(data, dict):
        return True
    return (bool(raw) and not raw.endswith(b"\n")) or salvaging.has_stray_texts(data)


def _from_data(data: dict[str, object]) -> LocalState:
    copy = data.get("kopi")
    side = data.get("side")
    organisation = data.get("organisation")
    valid = isinstance(copy, str) and _COPY.match(copy) is not None
    warned = data.get("advaret")
    return LocalState(
        copy=copy if isinstance(copy, str) and valid else new_copy_id(),
        side=side if side in ROLES else None,
        organisation=organisation if isinstance(organisation, str) and _KEY.match(organisation) else None,
        place=str(data.get("sted")) if isinstance(data.get("sted"), str) else "",
        folder_id=str(data.get("mappe")) if isinstance(data.get("mappe"), str) else "",
        drafts=_texts(data.get("kladder"), MAX_BYTES),  # whole: the file's limit is the draft's
        known={k: _texts(v, 200) for k, v in _mapping(data.get("kendt")).items() if _KEY.match(k)},
        brought={k: _texts(v, 200) for k, v in _mapping(data.get("hentet")).items() if _KEY.match(k)},
        news={
            k: tuple(x for x in v if isinstance(x, str))
            for k, v in _mapping(data.get("nye")).items()
            if isinstance(v, list) and _KEY.match(k)
        },
        exports=_texts(data.get("eksporter"), 64),
        imported=_texts(data.get("importeret"), 64),
        exchanged=tuple(
            dict.fromkeys(k for k in _list(data.get("udvekslet-med")) if isinstance(k, str) and _KEY.match(k))
        ),
        joined=tuple(k for k in _list(data.get("samlede-kladder")) if isinstance(k, str)),
        worksheets={k: _sheet(v) for k, v in _mapping(data.get("arbejdsark")).items() if _SHEET.match(k)},
        reasons=tuple(k for k in _list(data.get("begrundelse-kladder")) if isinstance(k, str)),
        beside=_texts(data.get("begrundelser"), MAX_BYTES),
        beside_joined=tuple(k for k in _list(data.get("samlede-begrundelser")) if isinstance(k, str)),
        # the counts of a copy id not valid belong to no copy: a new one starts without them
        given={
            k: int(v)
            for k, v in _mapping(data.get("givet")).items()
            if valid and len(k) <= 200 and isinstance(v, str) and _GIVEN.match(v)
        },
        warned=warned if valid and isinstance(warned, str) else "",
        wrote={
            k: keys
            for k, v in _mapping(data.get("skrevet-som")).items()
            if valid
            and _KEY.match(k)
            and (keys := tuple(x for x in _list(v) if isinstance(x, str) and len(x) <= 200))
        },
        merged=_merged(data.get("flettet-ind")),
    )


def _merged(value: object) -> tuple[str, ...] | None:
    """The copy ids merged in (``flettet-ind``); None when the key is not there (an older program's file)."""
    if value is None:
        return None
    return tuple(dict.fromkeys(k for k in _list(value) if isinstance(k, str) and _COPY.match(k)))


def _sheet(value: object) -> dict[str, dict[str, int]]:
    """What one worksheet brought in: slot key → text checksum → count (what is not that is left out).

    A count is written as text (yamlio reads every scalar as text), as digits without a leading 0.
    """
    return {
        key: counts
        for key, given in _mapping(value).items()
        if len(key) <= 200
        and (
            counts := {
                check: int(count)
                for check, count in _mapping(given).items()
                if _CHECK.match(check) and isinstance(count, str) and _COUNT.match(count)
            }
        )
    }


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _mapping(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _texts(value: object, limit: int) -> dict[str, str]:
    return {k: v for k, v in _mapping(value).items() if isinstance(v, str) and len(v) <= limit}


def _understood(data: dict[str, object], state: LocalState) -> bool:
    """True when `state` holds everything the file's `data` says, so writing it loses nothing.

    The copy id and the place (with the folder's identity) are left out: an invalid one is only
    replaced by a new copy id, as for a copied folder. An empty value counts as none, as the
    program leaves it out.
    """
    again = _as_data(state)
    return all(
        (data.get(key) or None) == (again.get(key) or None)
        for key in data.keys() | again.keys()
        if key not in ("kopi", "sted", "mappe")
    )


def read_typed(path: Path) -> LocalState | None:
    """A state file that holds nothing but typed texts (drafts, reasons), or None: no side, no counts.

    So is the state a window wrote for a project removed meanwhile: it started from nothing, and
    only what was typed went into it (drafts.adopted takes it into the project's kept state when
    it comes back). Only read; None too when it cannot be read whole, has no copy id of ours, or
    holds anything the program would not write again (made by hand, or by a newer program).
    """
    data = _read_data(path)
    if data is None or not (isinstance(data.get("kopi"), str) and _COPY.match(data["kopi"])):
        return None
    state = _from_data(data)
    noted = (state.known, state.news, state.brought, state.exports, state.imported, state.exchanged)
    counted = (state.worksheets, state.given, state.warned, state.wrote, state.merged)
    if state.side or state.organisation or any(noted) or any(counted) or not _understood(data, state):
        return None
    return state


def to_text(state: LocalState) -> str:
    """The state file's text (any size: see encoded for what may be written)."""
    return yamlio.dumps(_as_data(state))


def _as_data(state: LocalState) -> dict[str, object]:
    """The state as the file's data: what to_text writes."""
    data: dict[str, object] = {"kopi": state.copy, "sted": state.place}
    data.update({"mappe": state.folder_id} if state.folder_id else {})
    if state.side:
        data["side"] = state.side
    if state.organisation:
        data["organisation"] = state.organisation
    for key, value in (  # a typed text's undecodable byte as "\ufffd", as an answer's (model.normalise)
        ("kladder", {k: writable(text) for k, text in state.drafts.items()}),
        ("begrundelser", {k: writable(text) for k, text in state.beside.items()}),
        ("kendt", state.known),
        ("hentet", state.brought),
        ("eksporter", state.exports),
        ("importeret", state.imported),
    ):
        if value:
            data[key] = {k: dict(v) if isinstance(v, Mapping) else v for k, v in value.items()}
    data.update({"udvekslet-med": list(state.exchanged)} if state.exchanged else {})
    data.update(_counts_data(state))
    if state.worksheets:
        data["arbejdsark"] = {
            sheet: {key: {check: str(n) for check, n in counts.items()} for key, counts in given.items()}
            for sheet, given in state.worksheets.items()
        }
    if state.news:
        data["nye"] = {k: list(v) for k, v in state.news.items() if v}
    joined = [k for k in state.joined if k in state.drafts]
    if joined:
        data["samlede-kladder"] = joined
    reasons = [k for k in state.reasons if k in state.drafts]
    if reasons:
        data["begrundelse-kladder"] = reasons
    beside_joined = [k for k in state.beside_joined if k in state.beside]
    if beside_joined:
        data["samlede-begrundelser"] = beside_joined
    return data


def _counts_data(state: LocalState) -> dict[str, object]:
    """The counts this copy gave and what it was last warned of, as the file's data (see _as_data)."""
    data: dict[str, object] = {}
    if state.given:
        data["givet"] = {key: str(count) for key, count in state.given.items()}
    if state.warned:
        data["advaret"] = state.warned
    wrote = {org: list(keys) for org, keys in state.wrote.items() if keys}
    if wrote:
        data["skrevet-som"] = wrote
    if state.merged is not None:  # always, so a file from before the key is told apart (None)
        data["flettet-ind"] = list(state.merged)
    return data


def with_sheet_versions(state: LocalState, sheet: str, given: Mapping[str, Mapping[str, int]]) -> LocalState:
    """The state remembering the versions a worksheet's fields brought in (those it had stay)."""
    if not given:
        return state
    mine = {key: dict(counts) for key, counts in state.worksheets.get(sheet, {}).items()}
    for key, counts in given.items():
        mine[key] = {**counts, **mine.get(key, {})}
    return state._replace(worksheets={**state.worksheets, sheet: mine})


def with_exchanged(state: LocalState, organisation: str) -> LocalState:
    """The state noting that an exchange file went to or came from `organisation`: its program reads them."""
    if organisation in state.exchanged:
        return state
    return state._replace(exchanged=(*state.exchanged, organisation))


def with_merged(state: LocalState, copies: Iterable[str]) -> LocalState:
    """The state noting that versions of `copies` came in from another project here as our own."""
    had = state.merged or ()
    new = tuple(c for c in dict.fromkeys(copies) if c not in had and c != state.copy)
    return state._replace(merged=(*had, *new)) if new or state.merged is None else state


def own_copies(state: LocalState) -> set[str]:
    """The copy ids whose versions are this computer's own in the project, as its notes show.

    Its own copy, the copies merged in from other projects here (when noted), and the worksheets
    whose fields it brought in (a filler's program has those only from our files).
    """
    return {state.copy, *(state.merged or ()), *state.worksheets}


def came_through(state: LocalState) -> set[str]:
    """The copy ids whose versions in the project came through this computer, as its notes show.

    Its own (own_copies), and the copies of the versions partners' files brought (what a partner
    has of those is noted for it: LocalState.known).
    """
    seen = own_copies(state)
    for versions in state.brought.values():
        for written in versions.values():
            seen.update(copy for copy, _ in (history.parse(written) or ("", ()))[1])
    return seen


def takes_files(state: LocalState, organisation: str) -> bool:
    """True when an exchange file went to or came from `organisation`: its program takes our files."""
    return organisation in state.exchanged


def sheets_only(state: LocalState, organisation: str) -> bool:
    """True when `organisation` has had only worksheets from here, and no file went either way.

    A sheet was made for it, or one of its own came back. It has no program we know of (a filled
    sheet does not say it has one), so what we send it next is a worksheet too (arbejdsark), not
    an exchange file it cannot open. A sheet that showed none of our answers (only its own
    questions) counts: it is noted, empty.
    """
    return organisation in state.known and not takes_files(state, organisation)


def given_count(state: LocalState, slot: Slot) -> int:
    """The highest count this copy gave the answer in `slot` (0: none); a new version goes above it."""
    return state.given.get(slot_key(slot), 0)


def _ours(entry: Entry | None, copy: str) -> int:
    """The count of this copy in an entry: the highest in its answer and the versions kept beside it."""
    if entry is None:
        return 0
    return max(dict(answer.version).get(copy, 0) for answer in (entry.answer, *entry.others))


def _slots(project: Project) -> dict[str, Entry]:
    """Every answer and follow-up record of a project by slot key."""
    return {slot_key(slot): entry for slot, entry in [*project.entries(), *project.record_entries()]}


def with_given(state: LocalState, before: Project, after: Project) -> LocalState:
    """The state remembering the counts of this copy in `after`, a change of `before` by the program.

    A count only ever grows; an answer whose count grew is remembered as written by the organisation
    this copy is (state.me; see `wrote`). A slot the program removed (a partner taken out of the
    project) is forgotten, since nothing of it can come back as older.
    """
    was, now = _slots(before), _slots(after)
    gone = {k for k in was if k not in now}
    given = {k: n for k, n in state.given.items() if k not in gone}
    grew = []
    for key, entry in now.items():
        count = _ours(entry, state.copy)
        if count > given.get(key, 0):
            given[key] = count
            grew.append(key)
    wrote = {org: tuple(k for k in keys if k not in gone) for org, keys in state.wrote.items()}
    me = state.me
    if me is not None and grew:
        mine = wrote.get(me, ())
        wrote[me] = (*mine, *(k for k in grew if k not in mine))
    wrote = {org: keys for org, keys in wrote.items() if keys}
    if given == state.given and wrote == state.wrote:
        return state
    return state._replace(given=given, wrote=wrote)


def went_back(state: LocalState, project: Project) -> list[tuple[Slot, int]]:
    """The answers of this copy the file holds older than it gave (or lacks): slot and the file's count.

    That happens when the file was replaced by an older copy of it (a sync program's "restore
    previous version", a backup put back): what this copy wrote since is not in it.
    """
    slots = _slots(project)
    found = []
    for key, count in state.given.items():
        there = _ours(slots.get(key), state.copy)
        if there < count:
            found.append((key_slot(key), there))
    return found


def warned_text(state: LocalState, found: list[tuple[Slot, int]]) -> str:
    """What went_back found, as state.warned keeps it: 'KEY:IN-FILE/GIVEN ...' (the same for the same)."""
    return " ".join(sorted(f"{slot_key(s)}:{n}/{state.given.get(slot_key(s), 0)}" for s, n in found))


def gains_text(before: LocalState, after: LocalState) -> bool:
    """True when `after` holds draft text `before` does not: typed here, lost if it is not written."""
    return any(text.strip() and before.drafts.get(key) != text for key, text in after.drafts.items())


def encoded(state: LocalState, home: Path, slug: str) -> bytes:
    """The state file's bytes; a state larger than load reads is refused, so none is lost on reading."""
    data = to_text(state).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise SpredningError(
            "local.too-large",
            path=state_path(home, slug),
            size_kib=len(data) // 1024,
            limit_kib=MAX_BYTES // 1024,
        )
    return data


def save(home: Path, slug: str, state: LocalState, data: bytes | None = None) -> Path | None:
    """Write a project's state (callers hold the project's lock); return where a damaged file was kept.

    `data` is encoded(state) when the caller checked it already (before writing the project file).
    """
    content = encoded(state, home, slug) if data is None else data
    ensure_folder(home)
    path = state_path(home, slug)
    fileio.remove_stale_temps(path)  # a process killed while writing it left one (we hold the lock)
    kept = fileio.move_aside(path) if state.damaged else None
    try:
        fileio.atomic_write(path, content)
    except BaseException:  # a full disk, a stop: the damaged file back, not out of sight in a backup
        if kept is not None:
            with contextlib.suppress(OSError):
                os.rename(kept, path)
        raise
    return kept
