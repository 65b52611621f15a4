"""Writing a project file: the text of a Project, every question's line in the guide's order.

Terminal-free and free of locking and atomic writes (store.py does those); projectfile.py reads
what is written here, and a file written here can always be read again (serialise refuses what
the reader would). The formats: filehead.py.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from spredning.core import followup, history, projectcut, yamlio
from spredning.core.errors import ProjectFileError, SpredningError
from spredning.core.filehead import (
    END_LINE,
    EXCHANGE_FORMAT,
    FOLLOW_UP_FORMAT,
    NOTED_EXCHANGE_FORMAT,
    NOTED_FORMAT,
    PLAIN_FORMAT,
)
from spredning.core.model import Answer, Entry, Layout, Project
from spredning.core.projectfile import FACT_KEYS, content_problem, read_facts, read_partners
from spredning.core.textsafe import undecoded_byte


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
    parts = [without_end_marker(yamlio.dumps(head)), *(line + "\n" for line in projectcut.OPENING)]
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
    return textwrap.indent(without_end_marker(yamlio.dumps({question_id: _entry_data(entry)})), indent)


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


def without_end_marker(text: str) -> str:
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
        facts = read_facts({"projekt": _facts_data(project)}, path, FACT_KEYS)
        read_partners(facts.get("genbrugere", {}), path)
        known = {p.key for p in project.partners}
        for key in (*project.dialogues, *(k for k in project.records if k)):
            if key not in known:  # a dialogue whose organisation was removed meanwhile
                raise content_problem(path, "project.unknown-partner", key=yamlio.shown(key))
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
