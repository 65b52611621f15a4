"""A guide folder's editions: the Danish guide and each translation in a subfolder (``en/``).

Answers are stored under question ids, so a translation must ask the very same questions: the same
phase, tool and question ids in the same order, the same number of help points per question, the
same per-partner questions and groups, and the same dialog.yaml. ``spredning valider`` checks every
edition with `load_editions`; each problem names the translation's file and the place in it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from spredning.core.content import DIALOGUE_FILE, guide_dir, load_folder
from spredning.core.errors import ContentError, Message, message
from spredning.core.model import ROLES, Guide, Phase, Question, Tool

BASE = "da"


def translations(directory: str | os.PathLike[str] | None = None) -> list[str]:
    """The languages of a guide folder's translations: its subfolders that hold a guide.yaml."""
    folder = guide_dir(directory)
    if not folder.is_dir():
        return []
    return sorted(child.name for child in folder.iterdir() if (child / "guide.yaml").is_file())


def load_editions(directory: str | os.PathLike[str] | None = None) -> dict[str, Guide]:
    """Load and validate every edition, Danish first; raise ContentError listing all their problems."""
    folder = guide_dir(directory)
    if not folder.is_dir():  # no folder: its own error and hint, not "correct the files"
        return {BASE: load_folder(folder)}
    problems: list[Message] = []
    editions: dict[str, Guide] = {}
    for language in (BASE, *translations(directory)):
        try:
            editions[language] = load_folder(folder / language if language != BASE else folder, language)
        except ContentError as exc:
            problems += exc.problems
    base = editions.get(BASE)
    for language, edition in editions.items():
        if base is not None and language != BASE:
            problems += compare(base, edition, folder / language)
    if problems:
        raise ContentError(problems, hint="content.errors.hint")
    return editions


def compare(base: Guide, edition: Guide, folder: Path) -> list[Message]:
    """How the translation in `folder` differs from the Danish edition: each a problem in its file."""
    problems: list[Message] = []
    _Comparison(folder, problems).guide(base, edition)
    return problems


class _Comparison:
    """Compares a translation with the Danish edition; each difference is a problem in its file."""

    def __init__(self, folder: Path, problems: list[Message]):
        self.folder = folder
        self.problems = problems
        self.file = ""

    def problem(self, where: str, key: str, /, **params: object) -> None:
        self.problems.append(
            message("content.problem-at", file=self.file, where=where, problem=message(key, **params))
        )

    def ids(self, where: str, expected: Sequence[str], found: Sequence[str]) -> bool:
        """Say how two lists of ids differ; True when they are the same."""
        if list(expected) == list(found):
            return True
        missing = [f"'{i}'" for i in expected if i not in found]
        extra = [f"'{i}'" for i in found if i not in expected]
        if missing:
            self.problem(where, "content.edition.missing", ids=missing)
        if extra:
            self.problem(where, "content.edition.extra", ids=extra)
        if not missing and not extra:
            self.problem(where, "content.edition.order", ids=[f"'{i}'" for i in expected])
        return False

    def guide(self, base: Guide, edition: Guide) -> None:
        self.file = str(self.folder / "guide.yaml")
        self.ids("faser", [p.id for p in base.phases], [p.id for p in edition.phases])
        theirs = {p.id: p for p in edition.phases}
        for phase in base.phases:
            if phase.id in theirs:
                self.phase(phase, theirs[phase.id])
        self.file = str(self.folder / DIALOGUE_FILE)
        for key, expected, found in (
            ("par", base.pairs, edition.pairs),
            ("handlinger", base.action_tools, edition.action_tools),
            ("mangler-at-vide", base.to_know, edition.to_know),
        ):
            if expected != found:
                self.problem(key, "content.edition.dialogue")

    def phase(self, base: Phase, edition: Phase) -> None:
        self.file = str(self.folder / f"{edition.id}.yaml")
        self.ids("værktøjer", [t.id for t in base.tools], [t.id for t in edition.tools])
        ours = {t.id: t for t in base.tools}
        for number, tool in enumerate(edition.tools, start=1):
            if tool.id in ours:
                self.tool(ours[tool.id], tool, f"værktøjer[{number}]")

    def tool(self, base: Tool, edition: Tool, where: str) -> None:
        for role in ROLES:
            expected, found = base.questions(role), edition.questions(role)
            side = f"{where}.{role}"
            if self.ids(side, [q.id for q in expected], [q.id for q in found]):
                pairs = zip(expected, found, _grouping(expected), _grouping(found), strict=True)
                for number, (ours, theirs, our_group, their_group) in enumerate(pairs, start=1):
                    self.question(ours, theirs, f"{side}.spørgsmål[{number}]", our_group == their_group)

    def question(self, base: Question, edition: Question, where: str, same_group: bool) -> None:
        if len(edition.hints) != len(base.hints):
            self.problem(
                f"{where}.hjælp", "content.edition.hints", n=len(edition.hints), expected=len(base.hints)
            )
        if edition.per_partner != base.per_partner:
            self.problem(
                f"{where}.pr-genbruger",
                "content.edition.per-partner",
                expected="ja" if base.per_partner else "nej",
            )
        if not same_group:
            self.problem(f"{where}.gruppe", "content.edition.group")


def _grouping(questions: Sequence[Question]) -> list[tuple[bool, bool]]:
    """For each question: whether it is in a group, and in the same one as the question before it.

    Group titles are translated, so groups are compared by which questions are in them, not by name.
    """
    before: Question | None = None
    result = []
    for question in questions:
        result.append((question.group is not None, before is not None and before.group == question.group))
        before = question
    return result
