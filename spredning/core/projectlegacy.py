"""Reading a format 1 project file: one set of answers, the side in the file, migrated to the new model.

Terminal-free; projectfile.parse sends a format 1 file here. The next save writes the newer format.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from spredning.core import yamlio
from spredning.core.model import ROLES, SHARING, Answer, Entry, Layout, Partner, side_of, slugify
from spredning.core.projectfile import (
    FACT_KEYS,
    MAX_PARTNERS,
    MAX_UNKNOWN,
    QUESTION_ID,
    ParsedFile,
    content_problem,
    from_facts,
    known_keys,
    read_facts,
    unique_key,
)

LEGACY_TOP_KEYS = ("format", "guideudgave", "projekt", "konflikter", "fælles", "svar")
LEGACY_FACT_KEYS = (*FACT_KEYS, "rolle")
LEGACY_NAMESPACE = uuid.UUID("6f1d2c3e-8a7b-4c5d-9e0f-1a2b3c4d5e6f")


def legacy_id(name: str) -> str:
    """The identity a format 1 project gets: the same in every copy of it, from its name."""
    return str(uuid.uuid5(LEGACY_NAMESPACE, slugify(name) or name))


def parse(data: dict[str, Any], slug: str, path: Path, layout: Layout) -> ParsedFile:
    """A format 1 file: one set of answers, the side in the file; migrated to the new model."""
    known_keys(data, LEGACY_TOP_KEYS, path, "")
    facts = read_facts(data, path, LEGACY_FACT_KEYS)
    names = facts.get("genbrugere", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or len(names) > MAX_PARTNERS:
        raise content_problem(path, "project.bad-partners")
    partners = _legacy_partners(names)
    role = facts.get("rolle")
    if role not in (None, *ROLES):
        raise content_problem(path, "project.bad-role")
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
        raise content_problem(path, "project.too-many-unknown", limit=MAX_UNKNOWN)
    project = from_facts(
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


def _legacy_answers(data: dict[str, Any], path: Path, key: str) -> dict[str, str]:
    answers = data.get(key) or {}
    if not isinstance(answers, dict):
        raise content_problem(path, "project.answers-not-mapping", key=key)
    result = {}
    for qid, text in answers.items():
        if not isinstance(text, str):
            raise content_problem(path, "project.answer-not-text", id=yamlio.shown(qid))
        if not QUESTION_ID.match(qid):
            raise content_problem(path, "project.bad-question-id", key=yamlio.shown(qid))
        if text.strip():
            result[qid] = text.rstrip("\n")  # a "|" block's final line break is YAML's, not the answer's
    return result
