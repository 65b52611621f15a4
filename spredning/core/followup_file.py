"""The follow-up section of a project file (``opfølgning``): reading, validating and writing it.

projectfile.py calls this for the part of a project file after the answers. Its form::

    opfølgning:
      dele:                          # the sharing side's general records (every dialogue sees them)
        plan:
          3fa9c1d2:                  # an action's stable random id
            hvad: Fjern kravet om fremmøde i kvalitetsstandarden
            hvem: Teamleder Ole
            frist: '2026-03-12'
            status: i-gang           # ikke-startet, i-gang, færdig or droppet
            værktøj: fjern.fjern-forhindringer
            version: 1a2b3c4d 3fa9c1d2:2
      genbruge:
        aeroe-kommune:               # one dialogue's records
          klarhed:
            tjek.beskriv-innovationen.genbruge:   # phase, tool and side
              farve: gul             # grøn, gul or rød
              begrundelse: Vi mangler tal for kørsel
              version: ...
          godkendelser:
            tjek.genbruge:           # phase and side
              af: Eva Jensen
              dato: '2026-03-12'
              svar: 0a1b2c3d 4e5f6a7b   # fingerprints of the answers as approved
              version: ...
          møder:
            9c0d1e2f:
              dato: '2026-01-21'
              svar: ...              # fingerprints of the dialogue's answers that day
              version: ...

Each record has its own lines and a ``version`` like an answer (history.py), a record both sides
changed keeps the other version under ``konflikter`` (with ``fra``), and records are sorted by key,
so git merges additions in different places. Everything is validated as answers are: known keys
only, bounded counts, one-line texts of bounded length, ISO dates, statuses and colours from their
fixed sets (followup.py). A record edited by hand counts as this copy's change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from spredning.core import followup, history, yamlio
from spredning.core.errors import ProjectFileError, message
from spredning.core.filehead import FOLLOW_UP
from spredning.core.local import slot_key
from spredning.core.model import NOTHING, ROLES, SHARING, Answer, Entry, Project
from spredning.core.projectfile import KEY_PATTERN, MAX_OTHERS, content_problem, known_keys
from spredning.core.projectwrite import without_end_marker

RECORD_KEYS = ("version", "konflikter")  # besides a kind's fields


# -- reading -----------------------------------------------------------------------------------


def read(
    value: object,
    partners: set[str],
    path: Path,
    copy: str,
    given: Mapping[str, int] = NOTHING,
    edited: list[str] | None = None,
) -> dict[str, dict[str, Entry]]:
    """The follow-up section: the general records ('dele') and each dialogue's ('genbruge').

    `given`: the highest count this copy gave each record (slot key → count, local.py); a record
    edited by hand gets a count above it, and its slot key is added to `edited`.
    """
    reader = _Reader(path, copy, given, edited)
    if not isinstance(value, dict):
        raise content_problem(path, "project.records-not-mapping", key=FOLLOW_UP)
    known_keys(value, ROLES, path, f"{FOLLOW_UP}.")
    records = {"": reader.records(value.get("dele"), f"{FOLLOW_UP}.dele", "")}
    dialogues = value.get("genbruge")
    if dialogues not in (None, ""):
        if not isinstance(dialogues, dict):
            raise content_problem(path, "project.records-not-mapping", key=f"{FOLLOW_UP}.genbruge")
        for key, section in dialogues.items():
            if key not in partners:
                raise content_problem(path, "project.unknown-partner", key=yamlio.shown(str(key)))
            records[key] = reader.records(section, f"{FOLLOW_UP}.genbruge.{key}", key)
    return {k: v for k, v in records.items() if v}


class _Reader:
    """Reads one place's records; a record edited outside the program becomes this copy's change."""

    def __init__(self, path: Path, copy: str, given: Mapping[str, int], edited: list[str] | None = None):
        self.path = path
        self.copy = copy
        self.given = given
        self.edited = edited if edited is not None else []  # slot keys of records edited by hand
        self.slot = ""  # the slot key of the record being read (for given)

    def bad(self, where: str, problem: str) -> ProjectFileError:
        return content_problem(self.path, "project.bad-record", key=where, problem=message(problem))

    def records(self, value: object, where: str, partner: str) -> dict[str, Entry]:
        """One place's follow-up (the general one, or a dialogue's): a section per kind."""
        if value in (None, ""):
            return {}
        if not isinstance(value, dict):
            raise content_problem(self.path, "project.records-not-mapping", key=where)
        known_keys(value, tuple(followup.SECTIONS), self.path, f"{where}.")
        entries: dict[str, Entry] = {}
        for section, items in value.items():
            kind = followup.SECTIONS[section]
            if items in (None, ""):
                continue
            if not isinstance(items, dict):
                raise content_problem(self.path, "project.records-not-mapping", key=f"{where}.{section}")
            if len(items) > followup.KINDS[kind].most:
                raise content_problem(self.path, "project.too-many-records", key=f"{where}.{section}")
            for key, item in items.items():
                if not isinstance(key, str) or not followup.KINDS[kind].key.match(key):
                    raise content_problem(self.path, "project.bad-record-key", key=f"{where}.{section}.{key}")
                self.slot = slot_key((partner, followup.record_key(kind, key)))
                entry = self.record(item, kind, f"{where}.{section}.{key}")
                if entry is not None:
                    entries[followup.record_key(kind, key)] = entry
        return entries

    def record(self, item: object, kind: str, where: str) -> Entry | None:
        if item in (None, ""):
            return None
        if not isinstance(item, dict):
            raise self.bad(where, "followup.not-mapping")
        answer = self.version(item, kind, where, check_edit=True)
        others = item.get("konflikter", [])
        if not isinstance(others, list) or len(others) > MAX_OTHERS:
            raise self.bad(where, "followup.bad-others")
        return Entry(answer, tuple(self.other(o, kind, where) for o in others))

    def version(self, item: dict[str, Any], kind: str, where: str, check_edit: bool) -> Answer:
        spec = followup.KINDS[kind]
        known_keys(item, (*spec.fields, *RECORD_KEYS), self.path, f"{where}.")
        values = {k: v.strip() if isinstance(v, str) else v for k, v in item.items() if k in spec.fields}
        problem = followup.problem(kind, values) if values else None
        if problem is not None:
            raise self.bad(where, problem)
        answer = Answer(fields=followup.fields(**values))
        written = item.get("version")
        parsed = history.parse(written) if isinstance(written, str) else None
        if written is not None and parsed is None:
            raise content_problem(self.path, "project.bad-version", id=where)
        check, vector = parsed if parsed is not None else (None, ())
        answer = answer._replace(version=vector)
        if check_edit and check != history.checksum(answer):  # no checksum, or not these values
            self.edited.append(self.slot)
            return answer._replace(version=history.bumped(vector, self.copy, self.given.get(self.slot, 0)))
        return answer

    def other(self, item: object, kind: str, where: str) -> Answer:
        if not isinstance(item, dict):
            raise self.bad(where, "followup.bad-others")
        source = item.get("fra", "")
        if not isinstance(source, str) or (source and not KEY_PATTERN.match(source)):
            raise self.bad(where, "followup.bad-others")
        rest = {k: v for k, v in item.items() if k != "fra"}
        return self.version(rest, kind, where, check_edit=False)._replace(source=source)


# -- writing -----------------------------------------------------------------------------------


def text(project: Project, partners: Sequence[str]) -> str:
    """The follow-up section: the general records, then each dialogue's, a section per kind."""
    data: dict[str, object] = {}
    general = _records_data(project.records.get("", {}))
    if general:
        data["dele"] = general
    dialogues = {
        key: section
        for key in [*partners, *(k for k in project.records if k and k not in partners)]
        if (section := _records_data(project.records.get(key, {})))
    }
    if dialogues:
        data["genbruge"] = dialogues
    return without_end_marker(yamlio.dumps({FOLLOW_UP: data}))


def _records_data(records: Mapping[str, Entry]) -> dict[str, dict[str, Any]]:
    sections: dict[str, dict[str, Any]] = {}
    for name, kind in followup.KINDS.items():
        prefix = f"{name}:"
        items = {k[len(prefix) :]: e for k, e in records.items() if k.startswith(prefix)}
        if items:
            sections[kind.section] = {key: _record_data(items[key], kind.fields) for key in sorted(items)}
    return sections


def _record_data(entry: Entry, order: Sequence[str]) -> dict[str, Any]:
    data: dict[str, Any] = dict(_values(entry.answer, order))
    if entry.others:
        data["konflikter"] = [
            {"fra": o.source, **_values(o, order)} if o.source else _values(o, order) for o in entry.others
        ]
    return data


def _values(answer: Answer, order: Sequence[str]) -> dict[str, str]:
    values = dict(answer.fields)
    data = {name: values[name] for name in order if name in values}
    data["version"] = history.written(answer)
    return data


def check(project: Project, path: Path) -> None:
    """Refuse follow-up records the reader would refuse (a bad date, an unknown status ...)."""
    for (where, key), entry in project.record_entries():
        kind, ident = followup.split_key(key)
        spec = followup.KINDS.get(kind)
        if spec is None or not spec.key.match(ident):
            raise content_problem(path, "project.bad-record-key", key=key)
        for answer in (entry.answer, *entry.others):
            problem = followup.problem(kind, dict(answer.fields)) if answer.fields else None
            if problem is not None:
                raise content_problem(
                    path, "project.bad-record", key=f"{where or SHARING}.{key}", problem=message(problem)
                )
