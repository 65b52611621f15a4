"""Telling a project file cut short from a whole one (format 2, 3 and 5).

An exchange file ends with its end line (filehead.py); a project file has none, but our own
writes are atomic, so a cut one comes from elsewhere: a sync tool, an interrupted copy to a USB
stick. Read as it is, a cut answer would be taken as edited by hand (and sent to partners as a
change), and every question after the cut as unanswered.

Only a file that names the loaded guide's edition is judged (then every question's place is
known), and every such file must end with a line break. A file in the program's own form (its
answers open with the lines in OPENING, as projectwrite.project_text writes them) has more that
a whole file always has:

- the sharing side's section and one for every organisation named in 'genbrugere', the last of
  them down to the guide's last question (a line deleted by hand in the middle is fine);
- as its last item, when the file has versions, an answer or record that ends with its 'version'
  line (and, when it has conflicting versions, the last of those too); an unanswered question's
  line is whole as it is;
- in format 3 and 5, the follow-up ('opfølgning') after the answers; in format 5, a meeting in it
  that says who noted it (the program writes 5 only for such a file, filehead.py).

What cannot be told: a cut at the end of a line before the answers begin (the file then looks
like one written by hand or by another tool, with no answers, which is read as such); a cut just
after a whole answer (the rest of its section unanswered, or no organisation after it), after a
whole conflicting version or between two follow-up records, and between the lines of an answer
written by hand without its 'version': each leaves a whole file with fewer answers. Files of
another edition (their questions' order is not known here), format 1 files and exchange files
are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from spredning.core import filehead, fileio
from spredning.core.errors import Message, ProjectFileError, message
from spredning.core.followup import NOTED_BY
from spredning.core.model import SHARING, Layout

# the project files' formats, as their first line writes them
PLAIN_FORMAT, FOLLOW_UP_FORMAT, NOTED_FORMAT = (
    str(n) for n in (filehead.PLAIN_FORMAT, filehead.FOLLOW_UP_FORMAT, filehead.NOTED_FORMAT)
)
FOLLOW_UP = filehead.FOLLOW_UP
OPENING = ("svar:", "  # Vi vil dele", "  dele:")  # how the program's own answers begin
_OWN_FORM = re.compile(rb"^svar:\r?\n  # Vi vil dele\r?\n  dele:\r?$", re.MULTILINE)


def error(path: Path, where: Message, usable: Callable[[Path], bool] | None = None) -> ProjectFileError:
    """The error for a project file cut short, saying where it ends (a hint names a backup `usable` takes)."""
    hint = fileio.restore_hint("project.cut-off", {"where": where, "path": path}, path, usable)
    return ProjectFileError("project.cut-off", hint=hint, path=path, where=where, name=path.name)


def applies(data: Mapping[str, Any], layout: Layout) -> bool:
    """True for a project file (format 2, 3 or 5) of the loaded guide's edition: its whole form is known."""
    edition = data.get("guideudgave")
    return (
        data.get("format") in (PLAIN_FORMAT, FOLLOW_UP_FORMAT, NOTED_FORMAT)
        and bool(layout.edition)
        and edition == layout.edition
    )


def ends_mid_line(raw: bytes | None) -> bool:
    """True when the bytes do not end with a line break, as every file we write does."""
    return raw is not None and bool(raw) and not raw.endswith(b"\n")


def _last_line(raw: bytes | None) -> str:
    """The file's last line with text (read from its end: a file may be 5 MiB)."""
    if not raw:
        return ""
    return raw.rstrip(b"\r\n").rsplit(b"\n", 1)[-1].decode("utf-8", "replace").rstrip()


def where_cut(
    raw: bytes | None, data: Mapping[str, Any], layout: Layout, refused: bool = False
) -> Message | None:
    """Where a project file of the guide's edition was cut short, or None when it is whole.

    `refused`: the reader found something wrong in the file. A cut can leave that too (a record
    without its fields, 'konflikter:' with nothing under it), but so can a hand edit; then only
    what the file's very end shows counts, not a part missing (a partner's key misspelt by hand).
    Any data will do: parts of the wrong type count as missing.
    """
    if not applies(data, layout):
        return None
    if ends_mid_line(raw):
        return last_place(data)
    if _last_line(raw) in OPENING[:2]:  # 'svar:' with nothing under it
        return message("project.cut-off.before-answers")
    if raw is None or not _OWN_FORM.search(raw):  # written by hand or by another tool
        return None
    if refused:
        return _torn_at_end(data)
    if (where := _missing_part(data, layout) or _torn_at_end(data)) is not None:
        return where
    if data.get("format") in (FOLLOW_UP_FORMAT, NOTED_FORMAT) and FOLLOW_UP not in data:
        return message("project.cut-off.before-follow-up")
    if data.get("format") == NOTED_FORMAT and not _says_who_noted(data.get(FOLLOW_UP)):
        return message("project.cut-off.in-follow-up")  # 5 is written only with such a meeting
    return None


def _says_who_noted(value: object, depth: int = 0) -> bool:
    """True when a meeting in the follow-up says who noted it (what a format 5 file was written for)."""
    if depth > 6:  # deeper than the follow-up's records and their versions kept in a conflict
        return False
    if isinstance(value, dict):
        return NOTED_BY in value or any(_says_who_noted(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_says_who_noted(v, depth + 1) for v in value)
    return False


def _missing_part(data: Mapping[str, Any], layout: Layout) -> Message | None:
    """Where a file in the program's own form ends, when a section or its last question is missing."""
    answers = data.get("svar")
    places = _places(answers if isinstance(answers, dict) else {})
    present = {key for key, _section in places}
    if SHARING not in present or any(key not in present for key in _partner_names(data)):
        return last_place(data)
    key, section = places[-1]
    expected = layout.shared if key == SHARING else layout.dialogue
    if not section or (expected and expected[-1] not in section):
        return last_place(data)
    return None


def _torn_at_end(data: Mapping[str, Any]) -> Message | None:
    """Where a file ends, when its last answer or record lacks its last line (its 'version')."""
    answers = data.get("svar")
    versioned = _has_version(answers) or _has_version(data.get(FOLLOW_UP))
    if FOLLOW_UP in data:
        whole = _whole_follow_up(data[FOLLOW_UP], versioned)
        return None if whole else message("project.cut-off.in-follow-up")
    places = _places(answers if isinstance(answers, dict) else {})
    if not places or _whole(_last_value(places[-1][1]), versioned):
        return None
    return last_place(data)


def last_place(data: Mapping[str, Any]) -> Message:
    """Where a cut file ends: at its last question (and whose dialogue it is in), or before the answers."""
    answers = data.get("svar")
    places = _places(answers if isinstance(answers, dict) else {})
    if not places:
        return message("project.cut-off.before-answers")
    key, section = places[-1]
    partner = _partner_names(data).get(key, key) if key != SHARING else ""
    if not section:
        if not partner:
            return message("project.cut-off.before-answers")
        return message("project.cut-off.partner-start", partner=partner)
    question = str(list(section)[-1])
    if partner:
        return message("project.cut-off.partner-question", id=question, partner=partner)
    return message("project.cut-off.question", id=question)


def _places(answers: Mapping[Any, Any]) -> list[tuple[str, Mapping[Any, Any]]]:
    """The answer sections in file order: the sharing side's ('dele') and each dialogue's."""
    places: list[tuple[str, Mapping[Any, Any]]] = []
    for side, value in answers.items():
        if side == SHARING:
            places.append((SHARING, value if isinstance(value, dict) else {}))
        elif isinstance(value, dict):
            places += [(str(k), v if isinstance(v, dict) else {}) for k, v in value.items()]
    return places


def _partner_names(data: Mapping[str, Any]) -> dict[str, str]:
    facts = data.get("projekt")
    partners = facts.get("genbrugere") if isinstance(facts, dict) else None
    if not isinstance(partners, dict):
        return {}
    return {str(k): v.strip() if isinstance(v, str) and v.strip() else str(k) for k, v in partners.items()}


def _whole(item: object, versioned: bool) -> bool:
    """True when an answer's or a record's last line is there: its 'version', and its last conflict's.

    Only in a file that has versions (one the program wrote): a file written by hand (the shipped
    example) has none, and its last answer is as whole as any other.
    """
    if not isinstance(item, dict):
        return True  # an unanswered question's line, or an answer written by hand on it
    if "konflikter" in item:
        others = item["konflikter"]
        if not isinstance(others, list) or not others:
            return False
        item = others[-1]
    return not versioned or (isinstance(item, dict) and "version" in item)


def _whole_follow_up(value: object, versioned: bool) -> bool:
    """True when the follow-up ends with a whole record: its place, kind and record are all there."""
    place = _last_value(value)
    if isinstance(value, dict) and value and list(value)[-1] == "genbruge":
        place = _last_value(place)  # the last dialogue's records
    record = _last_value(_last_value(place))
    return isinstance(record, dict) and _whole(record, versioned)


def _last_value(value: object) -> object:
    """The last value of a mapping in file order; None when there is none."""
    return list(value.values())[-1] if isinstance(value, dict) and value else None


def _has_version(value: object) -> bool:
    """True when any answer or record in the part has a 'version' (the program wrote the file)."""
    if isinstance(value, dict):
        return "version" in value or any(_has_version(v) for v in value.values() if isinstance(v, dict))
    return False
