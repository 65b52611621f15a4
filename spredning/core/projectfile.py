"""The project file format: reading, validating and writing one project's YAML.

Terminal-free and free of locking and atomic writes (store.py does those). Format 2 looks like::

    format: 2
    id: 5b0c7f9e-...              # the project's identity, the same in every copy and export
    guideudgave: '2023'
    projekt:
      navn: Digital genoptræning
      deler: Odense Kommune
      genbrugere:                 # each reusing organisation: its key, then its name
        aeroe-kommune: Ærø Kommune
    svar:
      # Vi vil dele
      dele:
        tjek.beskriv-innovationen.dele.formaal:
          tekst: |-
            ...
          version: 1a2b3c4d 3fa9c1d2:2
        tjek.beskriv-innovationen.dele.loesningen:
      genbruge:
        # Vi vil genbruge
        aeroe-kommune:
          tjek.beskriv-innovationen.genbruge.interessant:

Every question has its own line, answered or not, and nothing in the file changes unless an
answer does, so git merges two people's work on different questions without conflicts. Each
answer's ``version`` is its history (history.py). Which side the user is on, and which project is
active, are not here: they belong to one computer (local.py). Format 1 files (one set of answers,
no history, ``rolle`` in the file) are read and migrated; the next save writes format 2.

The follow-up (followup.py: the plan, readiness, approvals, meetings) comes last, in
``opfølgning``, only when there is any; followup_file.py reads and writes it and shows its form. A
file with follow-up is format 3, so an older program says it needs updating instead of failing on
the unknown section; a file without is written as format 2, which older programs read.

An exchange file (an export for a partner, with ``udveksling``) is format 4 and ends with the line
``slut: ja``. A file cut short on the way (an interrupted copy, a mail program cutting a long
attachment) loses its end, and whole answers lost at a line boundary would otherwise look like
answers not given; the format, always the first line, survives any cut and demands the end line.
A count of answers in the head would catch the same cuts but not one inside the head itself; the
end line catches both, and a person reading the file sees the words, not a checksum. Format 4 also
makes an older program say it needs updating instead of failing on the unknown key.

A meeting says which organisation noted it (``noteret-af``, followup.NOTED_BY), so every copy and
every partner names the same one. A program from before that field refuses a record with an
unknown field, and would call the file broken (or, for a project file, ask for a hand edit that
loses the field), so a file where any meeting says it declares a format of its own: 5 for a project
file (no end line, as 3), 6 for an exchange file (the end line, as 4). An older program then says it
needs updating, and nothing is dropped; a file without the field is still written as 2, 3 or 4, and
read by every program as before. Only 5 of the formats from 4 on has no end line (has_end_line).

A project file (format 2, 3 or 5) has no end line, so that git merges and hand edits stay simple;
projectcut.py tells one cut short by what every whole one the program writes has (every question's
line, a line break at the end), and parse refuses it.
"""

from __future__ import annotations

import codecs
import datetime
import difflib
import functools
import os
import re
import textwrap
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from spredning.core import fileio, followup, history, projectcut, yamlio
from spredning.core.errors import Message, ProjectFileError, SpredningError, message
from spredning.core.local import slot_key
from spredning.core.model import (
    NOTHING,
    ROLES,
    SHARING,
    Answer,
    Entry,
    Layout,
    Partner,
    Project,
    normalise,
    side_of,
    slugify,
)
from spredning.core.textsafe import undecoded_byte

FORMAT_VERSION = 6  # the newest format this program reads
PLAIN_FORMAT = 2  # a project file without follow-up
FOLLOW_UP_FORMAT = 3  # a project file with follow-up
EXCHANGE_FORMAT = 4  # an exchange file: it must end with its end line
NOTED_FORMAT = 5  # a project file whose meetings say who noted them (followup.NOTED_BY)
NOTED_EXCHANGE_FORMAT = 6  # an exchange file whose meetings say who noted them; an end line as 4


def has_end_line(version: int) -> bool:
    """True for a format whose files end with the end line: an exchange file's (4, 6, and any newer)."""
    return version >= EXCHANGE_FORMAT and version != NOTED_FORMAT


FOLLOW_UP = "opfølgning"
END_KEY, END_VALUE = "slut", "ja"
END_LINE = f"{END_KEY}: {END_VALUE}"
TOP_KEYS = ("format", "id", "guideudgave", "projekt", "svar", "udveksling", FOLLOW_UP, END_KEY)
LEGACY_TOP_KEYS = ("format", "guideudgave", "projekt", "konflikter", "fælles", "svar")
FACT_KEYS = ("navn", "beskrivelse", "deler", "genbrugere", "eksempel")
LEGACY_FACT_KEYS = (*FACT_KEYS, "rolle")
ENTRY_KEYS = ("tekst", "ikke-relevant", "begrundelse", "version", "konflikter")
OTHER_KEYS = ("fra", "tekst", "ikke-relevant", "begrundelse", "version")
EXCHANGE_KEYS = ("fra", "til", "dato")
ID_PATTERN = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
QUESTION_ID = re.compile(r"^[a-z0-9][a-z0-9.-]{0,199}$")
KEY_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LEGACY_NAMESPACE = uuid.UUID("6f1d2c3e-8a7b-4c5d-9e0f-1a2b3c4d5e6f")
MAX_PARTNERS = 100
MAX_UNKNOWN = 500  # answers to questions this guide does not have, per section
MAX_OTHERS = 100
MAX_NAME = 500
MAX_DESCRIPTION = 20 * MAX_NAME  # a description may be longer, and span lines
FORMAT_LINE = re.compile(r"""^format: ['"]?([0-9]{1,6})['"]?$""")  # as written: the file's first line
MARKERS = ("<<<<<<<", "=======", ">>>>>>>")
MAX_QUOTED_LINES = 60  # how far back a cut file's last readable line is looked for
PHASE_WORD = re.compile(r"^[a-z0-9-]{1,40}$")  # a phase named in a hint: as a guide's ids are written
KEY_PART = re.compile(r"^(\s*[a-z0-9][a-z0-9.-]*):.*$", re.DOTALL)  # a question's line, without its answer


class ParsedFile(NamedTuple):
    """A project file read and validated, with what its reader may need to act on."""

    project: Project
    legacy_role: str | None = None  # format 1 kept the side in the file
    exchange: Mapping[str, str] | None = None  # an export's sender ('fra') and receiver ('til')
    legacy_base: Mapping[str, str] | None = None  # a format 1 export's 'fælles'
    legacy: bool = False


def legacy_id(name: str) -> str:
    """The identity a format 1 project gets: the same in every copy of it, from its name."""
    return str(uuid.uuid5(LEGACY_NAMESPACE, slugify(name) or name))


def new_id() -> str:
    """A new project's identity."""
    return str(uuid.uuid4())


# -- reading -----------------------------------------------------------------------------------


def missing(path: Path | str) -> SpredningError:
    """A project file that is not there; a link to a file that is gone (a drive not connected) says so."""
    try:
        target = os.readlink(path)
    except OSError:
        return SpredningError("project.missing", path=path)
    return SpredningError("project.dangling-link", path=path, target=target)


def read(
    path: Path, limit: int = yamlio.MAX_BYTES, layout: Layout | None = None
) -> tuple[bytes, dict[str, Any]]:
    """Read a project file: its bytes as on disk and its data; errors name the file.

    A hint to restore a backup names the newest one that can be read (as parse reads it, with `layout`).
    """
    try:
        raw = fileio.read_regular(path, limit)
    except FileNotFoundError:
        raise missing(path) from None
    except fileio.SpecialFile:
        raise ProjectFileError("project.not-regular", path=path) from None
    except OSError as exc:
        raise ProjectFileError("project.unreadable", path=path, reason=fileio.reason(exc)) from None
    try:
        return raw, loads(raw, path, limit)
    except ProjectFileError as exc:
        if exc.key in fileio.RESTORABLE and exc.hint is None:
            exc.hint = fileio.restore_hint(
                exc.key, exc.params, path, functools.partial(usable_backup, layout=layout)
            )
        raise


def usable_backup(path: Path, layout: Layout | None = None) -> bool:
    """True when a backup reads as a project file: as read and parse (with `layout`) read one.

    Without a layout, as read reads it, and a project file must end with a line break (see
    projectcut.py) and an exchange file with its end line. A hint names only such a backup:
    restored, one that is cut short or damaged too would not help.
    """
    try:
        raw = fileio.read_regular(path, 4 * yamlio.MAX_BYTES)
        data = loads(raw, path, len(raw))
        version = _format(data, path)
        if layout is not None:
            parse(data, path.name, path, layout, "0" * 8, raw)
        elif has_end_line(version):
            return data.get(END_KEY) == END_VALUE
        else:
            return version == 1 or not projectcut.ends_mid_line(raw)
    except (OSError, SpredningError):
        return False
    return True


def loads(raw: bytes, path: Path, limit: int = yamlio.MAX_BYTES) -> dict[str, Any]:
    """The data of a project file's bytes; git's conflict markers are named as such."""
    if len(raw) > limit:
        raise ProjectFileError("project.too-large", path=path, limit=limit)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if (where := _cut_inside(raw, exc.reason == "unexpected end of data")) is not None:
            raise projectcut.error(path, where, usable_backup) from None
        raise ProjectFileError("project.invalid-yaml", path=path, problem=yamlio.not_utf8(raw, exc)) from None
    if has_markers(text):
        raise ProjectFileError("project.git-conflict", path=path)
    try:
        data = yamlio.loads(text)
        yamlio.refuse_comment_after_text(text)  # edited by hand: the text after ' #' would be lost
    except yamlio.YamlProblem as exc:
        if (where := _cut_inside(raw, _at_end(exc, text))) is not None:
            raise projectcut.error(path, where, usable_backup) from None
        if (kept := _kept_twice(exc, path, text)) is not None:
            raise kept from None
        raise ProjectFileError("project.invalid-yaml", path=path, problem=exc.message) from None
    if data is None:  # nothing but blanks or comments: emptied, or cut off before its first line
        raise ProjectFileError("project.empty", path=path)
    if not isinstance(data, dict):
        raise ProjectFileError("project.not-mapping", path=path)
    return data


def _kept_twice(problem: yamlio.YamlProblem, path: Path, text: str) -> ProjectFileError | None:
    """Two versions of one answer (or follow-up record) both kept, as a git merge "resolved" by hand.

    Both sides of a merge changed the same answer; whoever took away git's markers kept both
    sides' lines, so the answer now says 'tekst:' (and 'version:') twice, or its question's line
    stands twice. Said as that, with the place and both lines, and what to do: YAML's "a key
    stands twice" tells a user nothing. None for any other problem (a duplicate at the top, in
    the project's facts, or in a format 1 file's flat answers).
    """
    if problem.message.key != "yaml.duplicate-key":
        return None
    within, params = problem.within, problem.message.params
    if within[:1] == (FOLLOW_UP,) and len(within) >= 2:
        where = message("project.kept-twice.follow-up")
    elif within[:2] == ("svar", SHARING) and len(within) >= 2:
        where = _kept_twice_place(within[2] if len(within) > 2 else params["key"], None)
    elif within[:2] == ("svar", "genbruge") and len(within) >= 3:
        question = within[3] if len(within) > 3 else params["key"]
        where = _kept_twice_place(question, _partner_name(text, str(within[2])))
    else:
        return None
    # inside an answer: its 'tekst:' lines, and the phase to write the answer in again
    answer = within[0] == "svar" and len(within) > (3 if within[1] == "genbruge" else 2)
    phase = str(within[3] if within[1] == "genbruge" else within[2]).split(".")[0] if answer else ""
    return ProjectFileError(
        "project.kept-twice",
        path=path,
        where=where,
        key=params["key"],
        first=params["first"],
        line=params["line"],
        phase=phase if PHASE_WORD.match(phase) else "FASE",
        hint="project.kept-twice.hint" if answer else "project.kept-twice.other-hint",
    )


def _kept_twice_place(question: object, partner: str | None) -> Message:
    question = yamlio.shown(str(question))
    if partner is None:
        return message("project.kept-twice.question", id=question)
    return message("project.kept-twice.partner-question", id=question, partner=partner)


def _partner_name(text: str, key: str) -> str:
    """A reusing organisation's name in a file that cannot be read as a whole: from its head alone.

    The head (up to the answers) is read with the same rules; the key when that fails too.
    """
    head = text.split("\nsvar:", 1)[0]
    try:
        data = yamlio.loads(head)
    except yamlio.YamlProblem:
        return key
    facts = data.get("projekt") if isinstance(data, dict) else None
    partners = facts.get("genbrugere") if isinstance(facts, dict) else None
    name = partners.get(key) if isinstance(partners, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else key


def _cut_inside(raw: bytes, at_end: bool) -> Message | None:
    """Where a project file (format 2, 3 or 5) that cannot be read was cut, when its problem is at its end.

    A cut inside a letter (Æ is two bytes), a key or a quoted text leaves a file that cannot be
    read, and the reader stops at its very end. Said as a cut, with the place where it ends: the
    last question of the longest part before it that reads (a quoted text spans a few lines).
    """
    text = raw.decode("utf-8-sig", "ignore")  # a letter cut in two: its first byte is all there is
    lines = text.splitlines(keepends=True)
    declared = FORMAT_LINE.match(lines[0].strip()) if at_end and lines else None
    if declared is None or int(declared[1]) not in (PLAIN_FORMAT, FOLLOW_UP_FORMAT, NOTED_FORMAT):
        return None
    for count in range(len(lines), max(0, len(lines) - MAX_QUOTED_LINES), -1):
        head = "".join(lines[:count])
        for tried in (head + KEY_PART.sub(r"\1:\n", lines[count]) if count < len(lines) else "", head):
            try:
                data = yamlio.loads(tried) if tried else None
            except yamlio.YamlProblem:
                continue
            if isinstance(data, dict):
                return projectcut.last_place(data)
    return message("project.cut-off.before-answers") if "\nsvar:" not in text else None


def _at_end(problem: yamlio.YamlProblem, text: str) -> bool:
    """True when the YAML reader stopped at the text's end, as a cut leaves it.

    Inside its unfinished last line, or in a quoted text not closed (a cut between its lines); a
    problem of any other kind, at the end too, is a YAML problem like any other.
    """
    line = problem.message.params.get("line")
    if not isinstance(line, int) or line < len(text.splitlines()):
        return False
    inner = problem.message.params.get("problem")
    return not text.endswith("\n") or (isinstance(inner, Message) and inner.key == "yaml.problem.end")


def cut_short(raw: bytes) -> bool:
    """True when the bytes begin as an exchange file (format 4, 6 or newer) but have no end line.

    For a file the YAML reader cannot read: a cut inside a quoted text is said to be a cut, while
    a file with its end line and a broken line (edited by hand) keeps the YAML detail.
    """
    lines = [line.strip() for line in raw.decode("utf-8-sig", "replace").splitlines() if line.strip()]
    declared = FORMAT_LINE.match(lines[0]) if lines else None
    return declared is not None and has_end_line(int(declared[1])) and END_LINE not in lines


# a byte order mark and the text it begins: UTF-32's before UTF-16's, whose little-endian mark it begins with
_WIDE_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def head_text(head: bytes) -> str:
    """A file's first bytes as text to look at, never to load: UTF-8, or UTF-16/32 when a mark says so.

    Windows Notepad's "Unicode" saves UTF-16. Such a project or exchange file is still one of
    ours, to be named as a file that cannot be read (not UTF-8), not passed by as something else.
    """
    for mark, codec in _WIDE_MARKS:
        if head.startswith(mark):
            return head.decode(codec, "replace")
    return head.decode("utf-8-sig", "replace")


def head_kind(head: bytes) -> str | None:
    """What the first bytes of a file say it is: 'project', 'exchange' (an export) or None (not ours).

    Ours begins with its format line (after blank and comment lines) and has 'projekt:' at the top
    level; an exchange file is format 4, 6 or newer with 'udveksling:' there. Only the head is needed
    (both keys come before the answers), so a file can be told without reading all of it.
    """
    lines = head_text(head).splitlines()
    meaningful = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    declared = FORMAT_LINE.match(meaningful[0].rstrip()) if meaningful else None
    if declared is None or not any(line.rstrip() == "projekt:" for line in meaningful):
        return None
    if has_end_line(int(declared[1])) and any(line.rstrip() == "udveksling:" for line in meaningful):
        return "exchange"
    return "project"


OUR_TOP_KEYS = re.compile(r"^(format|id|guideudgave|projekt|svar|opfølgning|udveksling):", re.MULTILINE)


def foreign(head: bytes) -> bool:
    """True when a file's head has none of a project file's top-level lines: some other file, not ours.

    A project file damaged at its start (a first line deleted, a YAML error) still has one of
    them ('id:', 'projekt:', 'svar:' ...), so it is not foreign and stays named as broken.
    """
    text = head_text(head).replace("\r\n", "\n")
    return OUR_TOP_KEYS.search(text) is None


ID_LINE = re.compile(r"""^id: ['"]?([0-9a-f-]{36})['"]?[ \t]*$""", re.MULTILINE)


def declared_id(head: bytes) -> str | None:
    """The identity a project file's head names on its top-level 'id:' line, even if the rest is broken.

    For a file that cannot be read: an import or a worksheet for the same project must not pass it by.
    """
    found = ID_LINE.search(head_text(head).replace("\r\n", "\n"))
    return found[1] if found and ID_PATTERN.match(found[1]) else None


class Addressing(NamedTuple):
    """Who an exchange file is from and to, as its head says: keys ('dele' or a partner's) and names."""

    id: str
    sender: str
    receiver: str
    sharing_org: str
    partners: Mapping[str, str]  # key -> the organisation's name


ANSWERS_LINE = re.compile(r"^(svar|opfølgning|slut):", re.MULTILINE)


def addressing(head: bytes) -> Addressing | None:
    """The sender and receiver an exchange file's head names, without reading its answers.

    For a list of files to choose from: None for anything else (a project file, an old export
    that does not say, a head that cannot be read), which is then only offered, not described.
    """
    if head_kind(head) != "exchange":
        return None
    text = head.decode("utf-8-sig", "replace").replace("\r\n", "\n")
    end = ANSWERS_LINE.search(text)  # the facts come before the answers
    try:
        data: Any = yamlio.loads(text[: end.start()] if end else text)
        facts, exchange = data["projekt"], data["udveksling"]
        partners = {str(key): str(name) for key, name in (facts.get("genbrugere") or {}).items()}
        found = Addressing(data["id"], exchange["fra"], exchange["til"], str(facts["deler"]), partners)
    except (yamlio.YamlProblem, KeyError, TypeError, AttributeError):
        return None
    known = (SHARING, *partners)
    if not all(isinstance(v, str) for v in found[:3]) or not {found.sender, found.receiver} <= set(known):
        return None
    return found


def text_after_end(raw: bytes) -> int:
    """How many lines with text follow an exchange file's end line ('slut: ja'): 0 for none.

    A mail signature pasted under the file, or a second file written after it, is not part of
    the file; said plainly, it is easy to remove, while the YAML reader would only see bad syntax.
    """
    lines = raw.decode("utf-8-sig", "replace").splitlines()
    declared = FORMAT_LINE.match(lines[0].strip()) if lines else None
    if declared is None or not has_end_line(int(declared[1])) or END_LINE not in lines:
        return 0
    return sum(1 for line in lines[lines.index(END_LINE) + 1 :] if line.strip())


def has_markers(text: str) -> bool:
    """True when git left a merge conflict in the text (marker lines at the start of a line)."""
    if "\n=======" not in text and not text.startswith("======="):
        return False
    return any(line.startswith(MARKERS) for line in text.splitlines())


def split_markers(text: str) -> tuple[str, str]:
    """Our and their side of a text with git's conflict markers (a diff3 base is left out)."""
    ours: list[str] = []
    theirs: list[str] = []
    state = "both"
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<"):
            state = "ours"
        elif line.startswith("|||||||") and state == "ours":
            state = "base"
        elif line.rstrip("\r\n") == "=======" and state in ("ours", "base"):
            state = "theirs"
        elif line.startswith(">>>>>>>") and state == "theirs":
            state = "both"
        else:
            if state in ("both", "ours"):
                ours.append(line)
            if state in ("both", "theirs"):
                theirs.append(line)
    return "".join(ours), "".join(theirs)


def _problem(path: Path, key: str, /, **params: object) -> ProjectFileError:
    return ProjectFileError("project.problem", path=path, problem=message(key, **params))


def parse(
    data: dict[str, Any],
    slug: str,
    path: Path,
    layout: Layout,
    copy: str,
    raw: bytes | None = None,
    given: Mapping[str, int] = NOTHING,
) -> ParsedFile:
    """Validate a project file's data and build the Project; errors name the file.

    Answers edited outside the program (their checksum no longer matches, or no version at all)
    count as a change made by this copy (`copy`), so the edit is never taken for an old version;
    its count goes above the highest this copy gave the answer (`given`, slot key → count, local.py).
    A file cut short is refused (projectcut.py; `raw`, the file's bytes, tells a cut inside a line).
    """
    version = _format(data, path)
    if version == 1:
        return _parse_legacy(data, slug, path, layout)
    if has_end_line(version) and data.get(END_KEY) != END_VALUE:  # before anything a cut lost
        raise ProjectFileError("project.cut-short", path=path)
    try:
        parsed = _parse_current(data, slug, path, layout, copy, given)
    except ProjectFileError as refused:
        where = projectcut.where_cut(raw, data, layout, refused=True)  # a cut can leave a broken file
        if where is None:
            raise _unknown_key_line(refused, raw) from None
        raise projectcut.error(path, where, functools.partial(usable_backup, layout=layout)) from None
    where = projectcut.where_cut(raw, data, layout)
    if where is not None:
        raise projectcut.error(path, where, functools.partial(usable_backup, layout=layout))
    return parsed


def _parse_current(
    data: dict[str, Any], slug: str, path: Path, layout: Layout, copy: str, given: Mapping[str, int]
) -> ParsedFile:
    """A format 2, 3 or 4 file's data, validated, as a Project."""
    _known_keys(data, TOP_KEYS, path, "")
    facts = _facts(data, path, FACT_KEYS)
    project_id = data.get("id")
    if not isinstance(project_id, str) or not ID_PATTERN.match(project_id):
        raise _problem(path, "project.bad-id")
    partners = _partners(facts.get("genbrugere", {}), path)
    answers = data.get("svar", {})
    if answers == "":
        answers = {}
    if not isinstance(answers, dict):
        raise _problem(path, "project.answers-not-mapping", key="svar")
    _known_keys(answers, ROLES, path, "svar.")
    reading = _Reader(path, copy, given)
    shared = reading.section(answers.get("dele", {}), "svar.dele", layout.shared)
    dialogue_data = answers.get("genbruge", {})
    if dialogue_data == "":
        dialogue_data = {}
    if not isinstance(dialogue_data, dict):
        raise _problem(path, "project.answers-not-mapping", key="svar.genbruge")
    dialogues = {}
    known = {p.key for p in partners}
    for key, section in dialogue_data.items():
        if key not in known:
            raise _problem(path, "project.unknown-partner", key=yamlio.shown(str(key)))
        dialogues[key] = reading.section(section, f"svar.genbruge.{key}", layout.dialogue)
    project = _from_facts(
        facts,
        data,
        id=project_id,
        slug=slug,
        partners=partners,
        shared=shared,
        dialogues=dialogues,
        records=_follow_up(reading, data.get(FOLLOW_UP), known),
    )
    return ParsedFile(project, exchange=_exchange(data.get("udveksling"), path, known))


def _format(data: dict[str, Any], path: Path) -> int:
    version = data.get("format")
    if not isinstance(version, str) or not version.isascii() or not version.isdigit() or len(version) > 6:
        raise _problem(path, "project.no-format")
    if not isinstance(data.get("guideudgave", ""), str):
        raise _problem(path, "project.edition-not-text")
    number = int(version)
    if number < 1:
        raise _problem(path, "project.unknown-format", version=version)
    if number > FORMAT_VERSION:
        raise ProjectFileError("project.newer-format", path=path, version=version, known=FORMAT_VERSION)
    return number


def _known_keys(data: dict[str, Any], keys: Sequence[str], path: Path, prefix: str) -> None:
    """Refuse a key the format does not have (a typo made by hand): named, with the closest known one.

    The key as written and its neighbours go with the problem (`typed`, `beside`): parse() finds
    its line in the file's text from them (see _unknown_key_line).
    """
    unknown = [str(k) for k in data if k not in keys]
    if unknown:
        close = difflib.get_close_matches(unknown[0], keys, n=1, cutoff=0.6)
        error = _problem(path, "project.unknown-key", key=prefix + yamlio.shown(unknown[0]), known=list(keys))
        error.params["typed"], error.params["beside"] = unknown[0], [str(k) for k in data]
        if close:
            error.hint = Message("project.unknown-key.hint.close", {"close": close[0]})
        raise error


def _unknown_key_line(error: ProjectFileError, raw: bytes | None) -> ProjectFileError:
    """An unknown key's refusal sends the user to its line in the file, when the line can be told."""
    typed, beside = error.params.get("typed"), error.params.get("beside")
    if raw is None or not isinstance(typed, str) or not isinstance(beside, list):
        return error
    try:
        line = yamlio.key_line(yamlio.decode(raw, len(raw)), typed, beside)
    except yamlio.YamlProblem:
        return error
    if line is not None:
        close = error.hint.params.get("close") if isinstance(error.hint, Message) else None
        key = "project.unknown-key.hint" if close else "project.unknown-key.hint.line"
        error.hint = Message(key, {"close": close, "line": line})
    return error


def _text(value: object, path: Path, key: str, limit: int = MAX_NAME) -> str:
    if not isinstance(value, str):
        raise _problem(path, "project.fact-not-text", key=key)
    if len(value) > limit or "\n" in value.strip():
        raise _problem(path, "project.fact-too-long", key=key)
    return value.strip()


def _facts(data: dict[str, Any], path: Path, keys: Sequence[str]) -> dict[str, Any]:
    facts = data.get("projekt")
    if not isinstance(facts, dict):
        raise _problem(path, "project.facts-not-mapping")
    _known_keys(facts, keys, path, "projekt.")
    result: dict[str, object] = {
        key: _text(facts[key], path, f"projekt.{key}")
        for key in ("navn", "deler", "rolle", "eksempel")
        if key in facts
    }
    if "beskrivelse" in facts:  # a description may be longer, and span lines
        value = facts["beskrivelse"]
        if not isinstance(value, str) or len(value) > MAX_DESCRIPTION:
            raise _problem(path, "project.fact-not-text", key="projekt.beskrivelse")
        result["beskrivelse"] = value.strip()
    if not result.get("navn"):
        raise _problem(path, "project.no-name")
    if "genbrugere" in facts:
        result["genbrugere"] = facts["genbrugere"]
    return result


def _partners(value: object, path: Path) -> tuple[Partner, ...]:
    if value == "":
        return ()
    if not isinstance(value, dict) or len(value) > MAX_PARTNERS:
        raise _problem(path, "project.bad-partners")
    partners = []
    for key, name in value.items():
        if not KEY_PATTERN.match(key) or len(key) > 60 or key == SHARING:
            raise _problem(path, "project.bad-partner-key", key=yamlio.shown(key))
        partners.append(Partner(key, _text(name, path, f"projekt.genbrugere.{key}")))
    return tuple(partners)


def _exchange(value: object, path: Path, partners: set[str]) -> dict[str, str] | None:
    """An export's 'udveksling': who sent it ('fra') to whom ('til'), and when."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _problem(path, "project.bad-exchange")
    _known_keys(value, EXCHANGE_KEYS, path, "udveksling.")
    result = {}
    for key in ("fra", "til"):
        who = value.get(key)
        if not isinstance(who, str) or (who != SHARING and who not in partners):
            raise _problem(path, "project.bad-exchange")
        result[key] = who
    day = value.get("dato")
    if isinstance(day, str) and _iso_day(day):  # when it was written: named when the import skips some
        result["dato"] = day
    return result


def _iso_day(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


class _Reader:
    """Reads answer sections, noting answers edited outside the program as this copy's changes."""

    def __init__(self, path: Path, copy: str, given: Mapping[str, int] = NOTHING):
        self.path = path
        self.copy = copy
        self.given = given
        self.partner = ""  # the section being read: '' the sharing side's, else a partner's key

    def section(self, value: object, where: str, order: Sequence[str]) -> dict[str, Entry]:
        self.partner = where.removeprefix("svar.genbruge.") if where.startswith("svar.genbruge.") else ""
        if value == "":
            return {}
        if not isinstance(value, dict):
            raise _problem(self.path, "project.answers-not-mapping", key=where)
        known = set(order)
        unknown = 0
        entries = {}
        for question_id, item in value.items():
            if not QUESTION_ID.match(question_id):
                raise _problem(self.path, "project.bad-question-id", key=yamlio.shown(question_id))
            unknown += question_id not in known
            if unknown > MAX_UNKNOWN:
                raise _problem(self.path, "project.too-many-unknown", limit=MAX_UNKNOWN)
            entry = self.entry(item, question_id)
            if entry is not None:
                entries[question_id] = entry
        return entries

    def entry(self, item: object, question_id: str) -> Entry | None:
        if item == "":
            return None
        if isinstance(item, str):  # an answer written by hand, without its history
            return Entry(self._edited(Answer(text=normalise(item)), question_id))
        if not isinstance(item, dict):
            raise _problem(self.path, "project.bad-entry", id=question_id)
        _known_keys(item, ENTRY_KEYS, self.path, f"{question_id}.")
        answer = self.answer(item, question_id)
        others = item.get("konflikter", [])
        if not isinstance(others, list) or len(others) > MAX_OTHERS:
            raise _problem(self.path, "project.bad-entry", id=question_id)
        return Entry(answer, tuple(self.other(o, question_id) for o in others))

    def answer(self, item: dict[str, Any], question_id: str, check_edit: bool = True) -> Answer:
        text = item.get("tekst", item.get("begrundelse", ""))
        marked = item.get("ikke-relevant")
        if (
            not isinstance(text, str)
            or marked not in (None, "ja")
            or ("tekst" in item and "begrundelse" in item)
        ):
            raise _problem(self.path, "project.bad-entry", id=question_id)
        exact = Answer(text=text, not_relevant=marked == "ja")
        answer = exact._replace(text=normalise(text))
        version = item.get("version")
        parsed = history.parse(version) if isinstance(version, str) else None
        if version is not None and parsed is None:
            raise _problem(self.path, "project.bad-version", id=question_id)
        check, vector = parsed if parsed is not None else (None, ())
        if check is not None and check == history.checksum(exact):  # as written: the text exactly
            return exact._replace(version=vector)
        answer = answer._replace(version=vector)
        if check_edit and check != history.checksum(answer):  # no checksum, or not this text
            return self._edited(answer, question_id)
        return answer

    def other(self, item: object, question_id: str) -> Answer:
        if not isinstance(item, dict):
            raise _problem(self.path, "project.bad-entry", id=question_id)
        _known_keys(item, OTHER_KEYS, self.path, f"{question_id}.konflikter.")
        source = item.get("fra", "")
        if not isinstance(source, str) or (source and not KEY_PATTERN.match(source)):
            raise _problem(self.path, "project.bad-entry", id=question_id)
        answer = self.answer({k: v for k, v in item.items() if k != "fra"}, question_id, False)
        return answer._replace(source=source)

    def _edited(self, answer: Answer, question_id: str) -> Answer:
        given = self.given.get(slot_key((self.partner, question_id)), 0)
        return answer._replace(version=history.bumped(answer.version, self.copy, given))


def _follow_up(reading: _Reader, value: object, partners: set[str]) -> dict[str, dict[str, Entry]]:
    """The follow-up section's records (followup_file.py reads and validates them)."""
    if value in (None, ""):
        return {}
    from spredning.core import followup_file

    return followup_file.read(value, partners, reading.path, reading.copy, reading.given)


def _parse_legacy(data: dict[str, Any], slug: str, path: Path, layout: Layout) -> ParsedFile:
    """A format 1 file: one set of answers, the side in the file; migrated to the new model."""
    _known_keys(data, LEGACY_TOP_KEYS, path, "")
    facts = _facts(data, path, LEGACY_FACT_KEYS)
    names = facts.get("genbrugere", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or len(names) > MAX_PARTNERS:
        raise _problem(path, "project.bad-partners")
    partners = _legacy_partners(names)
    role = facts.get("rolle")
    if role not in (None, *ROLES):
        raise _problem(path, "project.bad-role")
    answers = _legacy_answers(data, path, "svar")
    kept = _legacy_answers(data, path, "konflikter")
    if any(side_of(qid) == "genbruge" for qid in (*answers, *kept)) and not partners:
        partners = (Partner("genbruger", ""),)
    first = partners[0].key if partners else ""
    shared: dict[str, Entry] = {}
    dialogue: dict[str, Entry] = {}
    for qid, text in answers.items():
        reusing = side_of(qid) == "genbruge"
        source = SHARING if reusing else first
        others = (Answer(text=kept[qid], source=source),) if qid in kept else ()
        (dialogue if reusing else shared)[qid] = Entry(Answer(text=text), others)
    for qid in kept.keys() - answers.keys():
        reusing = side_of(qid) == "genbruge"
        entry = Entry(Answer(), (Answer(text=kept[qid], source=SHARING if reusing else first),))
        (dialogue if reusing else shared)[qid] = entry
    unknown = sum(1 for qid in (*shared, *dialogue) if qid not in set(layout.shared) | set(layout.dialogue))
    if unknown > MAX_UNKNOWN:
        raise _problem(path, "project.too-many-unknown", limit=MAX_UNKNOWN)
    project = _from_facts(
        facts,
        data,
        id=legacy_id(facts["navn"]),
        slug=slug,
        partners=partners,
        shared=shared,
        dialogues={first: dialogue} if first else {},
    )
    return ParsedFile(
        project, legacy_role=role, legacy_base=_legacy_answers(data, path, "fælles"), legacy=True
    )


def _legacy_partners(names: list[str]) -> tuple[Partner, ...]:
    partners: list[Partner] = []
    for name in names:
        if name.strip():
            partners.append(Partner(unique_key(name, {p.key for p in partners}), name.strip()))
    return tuple(partners)


def unique_key(name: str, taken: set[str]) -> str:
    """A partner key from a name, not already taken (and never 'dele')."""
    base = slugify(name) or "genbruger"
    key, number = base, 1
    while key in taken or key == SHARING:
        number += 1
        key = f"{base}-{number}"
    return key


def _legacy_answers(data: dict[str, Any], path: Path, key: str) -> dict[str, str]:
    answers = data.get(key) or {}
    if not isinstance(answers, dict):
        raise _problem(path, "project.answers-not-mapping", key=key)
    result = {}
    for qid, text in answers.items():
        if not isinstance(text, str):
            raise _problem(path, "project.answer-not-text", id=yamlio.shown(qid))
        if not QUESTION_ID.match(qid):
            raise _problem(path, "project.bad-question-id", key=yamlio.shown(qid))
        if text.strip():
            result[qid] = text.rstrip("\n")  # a "|" block's final line break is YAML's, not the answer's
    return result


# -- writing -----------------------------------------------------------------------------------


def project_text(project: Project, layout: Layout, exchange: Mapping[str, str] | None = None) -> str:
    """The file's text: facts first, then every question's place, answered or not, section by section."""
    follow_up = any(project.records.values())
    version = _written_format(project, bool(exchange), follow_up)
    head: dict[str, object] = {
        "format": str(version),
        "id": project.id,
        "guideudgave": project.guide_edition,
        "projekt": _facts_data(project),
    }
    if exchange:
        head["udveksling"] = dict(exchange)
    parts = [_without_end_marker(yamlio.dumps(head)), *(line + "\n" for line in projectcut.OPENING)]
    parts.append(_section_text(project.shared, layout.shared, "    "))
    partners = [p.key for p in project.partners]
    partners += [key for key in project.dialogues if key not in partners]
    if partners:
        parts += ["  genbruge:\n", "    # Vi vil genbruge\n"]
        for key in partners:
            parts.append(f"    {key}:\n")
            parts.append(_section_text(project.dialogues.get(key, {}), layout.dialogue, "      "))
    if follow_up:
        from spredning.core import followup_file

        parts.append(followup_file.text(project, partners))
    if exchange:
        parts.append(END_LINE + "\n")
    return "".join(parts)


def _written_format(project: Project, exchange: bool, follow_up: bool) -> int:
    """The format a file is written in: the oldest that holds what it carries (see the module's words)."""
    if follow_up and followup.noted(project):  # a program reading up to 4 must ask to be updated
        return NOTED_EXCHANGE_FORMAT if exchange else NOTED_FORMAT
    return EXCHANGE_FORMAT if exchange else FOLLOW_UP_FORMAT if follow_up else PLAIN_FORMAT


def _from_facts(facts: Mapping[str, Any], data: Mapping[str, Any], **rest: Any) -> Project:
    """A project with the facts of its file (name, description, ...) and the rest as given."""
    return Project(
        name=facts["navn"],
        description=facts.get("beskrivelse", ""),
        sharing_org=facts.get("deler", ""),
        example=facts.get("eksempel") == "ja",
        guide_edition=str(data.get("guideudgave", "")),
        **rest,
    )


def _facts_data(project: Project) -> dict[str, object]:
    facts: dict[str, object] = {"navn": project.name}
    if project.description:
        facts["beskrivelse"] = project.description
    if project.sharing_org:
        facts["deler"] = project.sharing_org
    if project.partners:
        facts["genbrugere"] = {p.key: p.name for p in project.partners}
    if project.example:
        facts["eksempel"] = "ja"
    return facts


def _section_text(entries: Mapping[str, Entry], order: Sequence[str], indent: str) -> str:
    """A section's lines: the guide's questions in order, then any the guide does not know."""
    known = set(order)
    ids = [*order, *(qid for qid in entries if qid not in known)]
    return "".join(_entry_text(qid, entries.get(qid), indent) for qid in ids)


@functools.lru_cache(maxsize=4096)
def _entry_text(question_id: str, entry: Entry | None, indent: str) -> str:
    """One question's lines, exactly as in a dump of the whole section (tests/test_projectfile.py).

    Cached, so a save in the interview writes again only the answer that changed: the entries are
    immutable values, and the same value always gives the same lines.
    """
    return textwrap.indent(_without_end_marker(yamlio.dumps({question_id: _entry_data(entry)})), indent)


def _entry_data(entry: Entry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    data: dict[str, Any] = dict(_answer_data(entry.answer))
    if entry.others:
        data["konflikter"] = [
            {"fra": o.source, **_answer_data(o)} if o.source else _answer_data(o) for o in entry.others
        ]
    return data


def _answer_data(answer: Answer) -> dict[str, str]:
    data: dict[str, str] = {}
    if answer.not_relevant:
        data["ikke-relevant"] = "ja"
        if answer.text:
            data["begrundelse"] = answer.text
    elif answer.text:
        data["tekst"] = answer.text
    data["version"] = history.written(answer)
    return data


def _without_end_marker(text: str) -> str:
    """Drop the '...' document end that follows a kept-newlines block; the next line ends it.

    Left in, it would end the YAML document before the next section.
    """
    return text[:-4] if text.endswith("\n...\n") else text


def serialise(
    project: Project, layout: Layout, path: Path, exchange: Mapping[str, str] | None = None
) -> bytes:
    """The file's new bytes; text that cannot be written (a lone surrogate) is an error, not a crash.

    Facts the reader would refuse (a name on two lines, say) are refused here, so a file that was
    written can always be read again.
    """
    try:
        facts = _facts({"projekt": _facts_data(project)}, path, FACT_KEYS)
        _partners(facts.get("genbrugere", {}), path)
        known = {p.key for p in project.partners}
        for key in (*project.dialogues, *(k for k in project.records if k)):
            if key not in known:  # a dialogue whose organisation was removed meanwhile
                raise _problem(path, "project.unknown-partner", key=yamlio.shown(key))
        if project.records:
            from spredning.core import followup_file

            followup_file.check(project, path)
    except ProjectFileError as exc:
        raise SpredningError("project.cannot-write", path=path, problem=exc.params["problem"]) from None
    try:
        return project_text(project, layout, exchange).encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(exc.object[exc.start])
        byte = undecoded_byte(exc.object[exc.start])  # a byte that did not come as UTF-8 (Latin-1)
        if byte is not None:
            raise SpredningError("project.cannot-write-byte", path=path, byte=byte) from None
        raise SpredningError("project.cannot-write-char", path=path, code=f"U+{code:04X}") from None
    except yamlio.YamlProblem as exc:
        raise SpredningError("project.cannot-write", path=path, problem=exc.message) from None
