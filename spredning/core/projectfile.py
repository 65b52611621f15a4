"""The project file format: reading and validating one project's YAML (projectwrite.py writes it).

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

The formats (2 to 6) and what each adds: filehead.py; a format 1 file is read by projectlegacy.py,
and a file is written by projectwrite.py.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import functools
import os
import re
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from spredning.core import fileio, history, projectcut, unreadable, yamlio
from spredning.core.errors import Message, ProjectFileError, SpredningError, message
from spredning.core.filehead import (
    END_KEY,
    END_VALUE,
    FOLLOW_UP,
    FORMAT_VERSION,
    ID_PATTERN,
    has_end_line,
    has_markers,
)
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
    slugify,
)

TOP_KEYS = ("format", "id", "guideudgave", "projekt", "svar", "udveksling", FOLLOW_UP, END_KEY)
FACT_KEYS = ("navn", "beskrivelse", "deler", "genbrugere", "eksempel")
ENTRY_KEYS = ("tekst", "ikke-relevant", "begrundelse", "version", "konflikter")
OTHER_KEYS = ("fra", "tekst", "ikke-relevant", "begrundelse", "version")
EXCHANGE_KEYS = ("fra", "til", "dato")
QUESTION_ID = re.compile(r"^[a-z0-9][a-z0-9.-]{0,199}$")
KEY_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_PARTNERS = 100
MAX_UNKNOWN = 500  # answers to questions this guide does not have, per section
MAX_OTHERS = 100
MAX_NAME = 500
MAX_DESCRIPTION = 20 * MAX_NAME  # a description may be longer, and span lines


class ParsedFile(NamedTuple):
    """A project file read and validated, with what its reader may need to act on."""

    project: Project
    legacy_role: str | None = None  # format 1 kept the side in the file
    exchange: Mapping[str, str] | None = None  # an export's sender ('fra') and receiver ('til')
    legacy_base: Mapping[str, str] | None = None  # a format 1 export's 'fælles'
    legacy: bool = False
    edited: bool = False  # an answer or record edited by hand: its version is this copy's, not written yet


def new_id() -> str:
    """A new project's identity."""
    return str(uuid.uuid4())


# -- reading ---------------------------------------------------------------------------------


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
        if (where := unreadable.cut_inside(raw, exc.reason == "unexpected end of data")) is not None:
            raise projectcut.error(path, where, usable_backup) from None
        raise ProjectFileError("project.invalid-yaml", path=path, problem=yamlio.not_utf8(raw, exc)) from None
    if has_markers(text):
        raise ProjectFileError("project.git-conflict", path=path)
    try:
        data = yamlio.loads(text)
        yamlio.refuse_comment_after_text(text)  # edited by hand: the text after ' #' would be lost
    except yamlio.YamlProblem as exc:
        if (where := unreadable.cut_inside(raw, unreadable.at_end(exc, text))) is not None:
            raise projectcut.error(path, where, usable_backup) from None
        if (kept := unreadable.kept_twice(exc, path, text)) is not None:
            raise kept from None
        raise ProjectFileError("project.invalid-yaml", path=path, problem=exc.message) from None
    if data is None:  # nothing but blanks or comments: emptied, or cut off before its first line
        raise ProjectFileError("project.empty", path=path)
    if not isinstance(data, dict):
        raise ProjectFileError("project.not-mapping", path=path)
    return data


def content_problem(path: Path, key: str, /, **params: object) -> ProjectFileError:
    """A file's content refused: the file named, and what is wrong in it (`key` and its values)."""
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
    try:
        version = _format(data, path)
    except ProjectFileError as refused:  # (a backup beside the file is named)
        raise _with_way_out(refused, raw, path, layout) from None
    if version == 1:
        from spredning.core import projectlegacy

        try:
            return projectlegacy.parse(data, slug, path, layout)
        except ProjectFileError as refused:  # a key mistyped by hand: its line, as in a newer file
            raise _unknown_key_line(refused, raw) from None
    if has_end_line(version) and data.get(END_KEY) != END_VALUE:  # before anything a cut lost
        raise ProjectFileError("project.cut-short", path=path)
    try:
        parsed = _parse_current(data, slug, path, layout, copy, given)
    except ProjectFileError as refused:
        where = projectcut.where_cut(raw, data, layout, refused=True)  # a cut can leave a broken file
        if where is None:
            raise _with_way_out(_unknown_key_line(refused, raw), raw, path, layout) from None
        raise projectcut.error(path, where, functools.partial(usable_backup, layout=layout)) from None
    where = projectcut.where_cut(raw, data, layout)
    if where is not None:
        raise projectcut.error(path, where, functools.partial(usable_backup, layout=layout))
    return parsed


def _parse_current(
    data: dict[str, Any], slug: str, path: Path, layout: Layout, copy: str, given: Mapping[str, int]
) -> ParsedFile:
    """A format 2, 3 or 4 file's data, validated, as a Project."""
    known_keys(data, TOP_KEYS, path, "")
    facts = read_facts(data, path, FACT_KEYS)
    project_id = data.get("id")
    if not isinstance(project_id, str) or not ID_PATTERN.match(project_id):
        raise content_problem(path, "project.bad-id")
    partners = read_partners(facts.get("genbrugere", {}), path)
    answers = data.get("svar", {})
    if answers == "":
        answers = {}
    if not isinstance(answers, dict):
        raise content_problem(path, "project.answers-not-mapping", key="svar")
    known_keys(answers, ROLES, path, "svar.")
    reading = _Reader(path, copy, given)
    shared = reading.section(answers.get("dele", {}), "svar.dele", layout.shared)
    dialogue_data = answers.get("genbruge", {})
    if dialogue_data == "":
        dialogue_data = {}
    if not isinstance(dialogue_data, dict):
        raise content_problem(path, "project.answers-not-mapping", key="svar.genbruge")
    dialogues = {}
    known = {p.key for p in partners}
    for key, section in dialogue_data.items():
        if key not in known:
            refused = content_problem(path, "project.unknown-partner", key=yamlio.shown(str(key)))
            refused.params["at"] = ("svar", "genbruge", key)  # its line (_with_way_out)
            raise refused
        dialogues[key] = reading.section(section, f"svar.genbruge.{key}", layout.dialogue)
    project = from_facts(
        facts,
        data,
        id=project_id,
        slug=slug,
        partners=partners,
        shared=shared,
        dialogues=dialogues,
        records=_follow_up(reading, data.get(FOLLOW_UP), known),
    )
    exchange = _exchange(data.get("udveksling"), path, known)
    return ParsedFile(project, exchange=exchange, edited=bool(reading.edited))


def _format(data: dict[str, Any], path: Path) -> int:
    version = data.get("format")
    if not isinstance(version, str) or not version.isascii() or not version.isdigit() or len(version) > 6:
        raise content_problem(path, "project.no-format")
    if not isinstance(data.get("guideudgave", ""), str):
        raise content_problem(path, "project.edition-not-text")
    number = int(version)
    if number < 1:
        raise content_problem(path, "project.unknown-format", version=version)
    if number > FORMAT_VERSION:
        raise ProjectFileError("project.newer-format", path=path, version=version, known=FORMAT_VERSION)
    return number


def known_keys(data: dict[str, Any], keys: Sequence[str], path: Path, prefix: str) -> None:
    """Refuse a key the format does not have (a typo made by hand): named, with the closest known one.

    The key as written and its neighbours go with the problem (`typed`, `beside`): parse() finds
    its line in the file's text from them (see _unknown_key_line).
    """
    unknown = [str(k) for k in data if k not in keys]
    if unknown:
        close = difflib.get_close_matches(unknown[0], keys, n=1, cutoff=0.6)
        error = content_problem(
            path, "project.unknown-key", key=prefix + yamlio.shown(unknown[0]), known=list(keys)
        )
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


def _with_way_out(error: ProjectFileError, raw: bytes | None, path: Path, layout: Layout) -> ProjectFileError:
    """A content refusal's hint: the line of the answer refused (when known), or a backup to restore.

    Found in a trial: "svaret på '…' har ikke den rigtige form" said neither where in the file, nor
    that a backup lay beside it, as the refusal of a file YAML cannot read does.
    """
    problem = error.params.get("problem")
    if error.key != "project.problem" or error.hint is not None or not isinstance(problem, Message):
        return error
    at, line = error.params.get("at"), None
    if raw is not None and isinstance(at, tuple):
        with contextlib.suppress(yamlio.YamlProblem):
            line = yamlio.path_line(yamlio.decode(raw, len(raw)), at)
    lined = Message(problem.key, {**problem.params, "line": line}) if line is not None else problem
    error.hint = fileio.restore_hint(
        "project.problem", {"problem": lined}, path, functools.partial(usable_backup, layout=layout)
    )
    return error


def _text(value: object, path: Path, key: str, limit: int = MAX_NAME) -> str:
    if not isinstance(value, str):
        raise content_problem(path, "project.fact-not-text", key=key)
    if len(value) > limit or "\n" in value.strip():
        raise content_problem(path, "project.fact-too-long", key=key)
    return value.strip()


def read_facts(data: dict[str, Any], path: Path, keys: Sequence[str]) -> dict[str, Any]:
    """The project's facts ('projekt': name, description, organisations), checked; `keys` those allowed."""
    facts = data.get("projekt")
    if not isinstance(facts, dict):
        raise content_problem(path, "project.facts-not-mapping")
    known_keys(facts, keys, path, "projekt.")
    result: dict[str, object] = {
        key: _text(facts[key], path, f"projekt.{key}")
        for key in ("navn", "deler", "rolle", "eksempel")
        if key in facts
    }
    if "beskrivelse" in facts:  # a description may be longer, and span lines
        value = facts["beskrivelse"]
        if not isinstance(value, str) or len(value) > MAX_DESCRIPTION:
            raise content_problem(path, "project.fact-not-text", key="projekt.beskrivelse")
        result["beskrivelse"] = value.strip()
    if not result.get("navn"):
        raise content_problem(path, "project.no-name")
    if "genbrugere" in facts:
        result["genbrugere"] = facts["genbrugere"]
    return result


def read_partners(value: object, path: Path) -> tuple[Partner, ...]:
    """The reusing organisations ('genbrugere': key -> name), checked."""
    if value == "":
        return ()
    if not isinstance(value, dict) or len(value) > MAX_PARTNERS:
        raise content_problem(path, "project.bad-partners")
    partners = []
    for key, name in value.items():
        if not KEY_PATTERN.match(key) or len(key) > 60 or key == SHARING:
            raise content_problem(path, "project.bad-partner-key", key=yamlio.shown(key))
        partners.append(Partner(key, _text(name, path, f"projekt.genbrugere.{key}")))
    return tuple(partners)


def _exchange(value: object, path: Path, partners: set[str]) -> dict[str, str] | None:
    """An export's 'udveksling': who sent it ('fra') to whom ('til'), and when."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise content_problem(path, "project.bad-exchange")
    known_keys(value, EXCHANGE_KEYS, path, "udveksling.")
    result = {}
    for key in ("fra", "til"):
        who = value.get(key)
        if not isinstance(who, str):
            raise content_problem(path, "project.bad-exchange")
        if who != SHARING and who not in partners:  # the organisation named is none of the project's
            raise content_problem(path, "project.exchange-unknown", field=key, who=yamlio.shown(who))
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
        self.edited: list[str] = []  # slot keys of answers (and records) edited by hand, see _edited

    def section(self, value: object, where: str, order: Sequence[str]) -> dict[str, Entry]:
        self.partner = where.removeprefix("svar.genbruge.") if where.startswith("svar.genbruge.") else ""
        if value == "":
            return {}
        if not isinstance(value, dict):
            raise content_problem(self.path, "project.answers-not-mapping", key=where)
        known = set(order)
        unknown = 0
        entries = {}
        for question_id, item in value.items():
            if not QUESTION_ID.match(question_id):
                raise content_problem(self.path, "project.bad-question-id", key=yamlio.shown(question_id))
            unknown += question_id not in known
            if unknown > MAX_UNKNOWN:
                raise content_problem(self.path, "project.too-many-unknown", limit=MAX_UNKNOWN)
            try:
                entry = self.entry(item, question_id)
            except ProjectFileError as refused:  # where it is, to send the user to its line
                refused.params.setdefault("at", (*where.split("."), question_id))
                raise
            if entry is not None:
                entries[question_id] = entry
        return entries

    def entry(self, item: object, question_id: str) -> Entry | None:
        if item == "":
            return None
        if isinstance(item, str):  # an answer written by hand, without its history
            return Entry(self._edited(Answer(text=normalise(item)), question_id))
        if not isinstance(item, dict):
            raise content_problem(self.path, "project.bad-entry", id=question_id)
        known_keys(item, ENTRY_KEYS, self.path, f"{question_id}.")
        answer = self.answer(item, question_id)
        others = item.get("konflikter", [])
        if not isinstance(others, list) or len(others) > MAX_OTHERS:
            raise content_problem(self.path, "project.bad-entry", id=question_id)
        return Entry(answer, tuple(self.other(o, question_id) for o in others))

    def answer(self, item: dict[str, Any], question_id: str, check_edit: bool = True) -> Answer:
        text = item.get("tekst", item.get("begrundelse", ""))
        marked = item.get("ikke-relevant")
        if (
            not isinstance(text, str)
            or marked not in (None, "ja")
            or ("tekst" in item and "begrundelse" in item)
        ):
            raise content_problem(self.path, "project.bad-entry", id=question_id)
        exact = Answer(text=text, not_relevant=marked == "ja")
        answer = exact._replace(text=normalise(text))
        version = item.get("version")
        parsed = history.parse(version) if isinstance(version, str) else None
        if version is not None and parsed is None:
            raise content_problem(self.path, "project.bad-version", id=question_id)
        check, vector = parsed if parsed is not None else (None, ())
        if check is not None and check == history.checksum(exact):  # as written: the text exactly
            return exact._replace(version=vector)
        answer = answer._replace(version=vector)
        if check_edit and check != history.checksum(answer):  # no checksum, or not this text
            return self._edited(answer, question_id)
        return answer

    def other(self, item: object, question_id: str) -> Answer:
        if not isinstance(item, dict):
            raise content_problem(self.path, "project.bad-entry", id=question_id)
        known_keys(item, OTHER_KEYS, self.path, f"{question_id}.konflikter.")
        source = item.get("fra", "")
        if not isinstance(source, str) or (source and not KEY_PATTERN.match(source)):
            raise content_problem(self.path, "project.bad-entry", id=question_id)
        answer = self.answer({k: v for k, v in item.items() if k != "fra"}, question_id, False)
        return answer._replace(source=source)

    def _edited(self, answer: Answer, question_id: str) -> Answer:
        self.edited.append(slot_key((self.partner, question_id)))
        given = self.given.get(slot_key((self.partner, question_id)), 0)
        return answer._replace(version=history.bumped(answer.version, self.copy, given))


def _follow_up(reading: _Reader, value: object, partners: set[str]) -> dict[str, dict[str, Entry]]:
    """The follow-up section's records (followup_file.py reads and validates them)."""
    if value in (None, ""):
        return {}
    from spredning.core import followup_file

    return followup_file.read(value, partners, reading.path, reading.copy, reading.given, reading.edited)


def unique_key(name: str, taken: set[str]) -> str:
    """A partner key from a name, not already taken (and never 'dele')."""
    base = slugify(name) or "genbruger"
    key, number = base, 1
    while key in taken or key == SHARING:
        number += 1
        key = f"{base}-{number}"
    return key


def from_facts(facts: Mapping[str, Any], data: Mapping[str, Any], **rest: Any) -> Project:
    """A project with the facts of its file (name, description, ...) and the rest as given."""
    return Project(
        name=facts["navn"],
        description=facts.get("beskrivelse", ""),
        sharing_org=facts.get("deler", ""),
        example=facts.get("eksempel") == "ja",
        guide_edition=str(data.get("guideudgave", "")),
        **rest,
    )
