"""Load guide_content/ into a validated Guide.

Validation collects every problem, each naming the file and the path inside it
(``test.yaml: værktøjer[1].dele.spørgsmål[2]: mangler 'tekst'``), so a broken content file fails at
start with a message the editor can act on, and ``spredning valider`` can list them all at once.
Positions in paths count from 1, as people do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spredning.core import fileio, yamlio
from spredning.core.errors import ContentError, Message, message
from spredning.core.model import ROLES, Guide, Phase, Question, Side, Tool

GUIDE_ENV = "SPREDNING_GUIDE"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

GUIDE_KEYS = {
    "titel": True,
    "undertitel": False,
    "udgave": True,
    "udgiver": True,
    "introduktion": True,
    "afslutning": True,
    "faser": True,
}
PHASE_KEYS = {"id": True, "nummer": True, "navn": True, "formål": True, "mål": True, "værktøjer": True}
TOOL_KEYS = {"id": True, "titel": True, "introduktion": True, "dele": False, "genbruge": False}
SIDE_KEYS = {"vejledning": False, "spørgsmål": True}
KINDS = ("tekst",)  # the kinds of answer a question can ask for
QUESTION_KEYS = {
    "id": True,
    "tekst": True,
    "hjælp": False,
    "gruppe": False,
    "type": False,
    "pr-genbruger": False,
}


def default_guide_dir() -> Path:
    """Return the shipped guide folder: inside the installed package, or the source checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "guide_content"
    return installed if installed.is_dir() else package.parent / "guide_content"


def guide_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Choose the guide folder: the --guide option, then SPREDNING_GUIDE, then the shipped one.

    Translations are subfolders of it (``en/``); see load_guide.
    """
    chosen = option or os.environ.get(GUIDE_ENV)
    return Path(chosen) if chosen else default_guide_dir()


class _Checker:
    """Collects problems while reading one file's data; each problem names file and path."""

    def __init__(self, file_label: str, problems: list[Message]):
        self.file_label = file_label
        self.problems = problems

    def problem(self, path: str, key: str, /, **params: object) -> None:
        self.problems.append(_problem(self.file_label, path, key, **params))

    def mapping(self, value: object, path: str, keys: dict[str, bool]) -> dict[str, Any] | None:
        """Check a mapping's keys: missing required ones and unknown ones are problems."""
        if not isinstance(value, dict):
            self.problem(path, "content.not-mapping", kind=_kind(value))
            return None
        for key, required in keys.items():
            if required and key not in value:
                self.problem(path, "content.missing", key=key)
        for key in value:
            if key not in keys:
                self.problem(_join(path, str(key)), "content.unknown-key", known=[f"'{k}'" for k in keys])
        return value

    def text(self, parent: dict[str, Any], key: str, path: str) -> str:
        """Return a non-empty text; a wrong type or an empty text is a problem."""
        value = parent.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(_join(path, key), "content.not-text", kind=_kind(value))
            return ""
        cleaned = value.strip()
        if not cleaned:
            self.problem(_join(path, key), "content.empty")
        return cleaned

    def texts(self, parent: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        """Return a list of non-empty texts (an absent key is an empty list)."""
        value = parent.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(_join(path, key), "content.not-list", kind=_kind(value))
            return ()
        base = _join(path, key)
        return tuple(
            self.text({str(number): item}, str(number), base) for number, item in enumerate(value, start=1)
        )

    def ident(self, parent: dict[str, Any], path: str, seen: set[str]) -> str:
        """Return a valid ASCII id, unique among `seen`."""
        value = self.text(parent, "id", path)
        if value and not ID_PATTERN.match(value):
            self.problem(_join(path, "id"), "content.bad-id", value=value)
        elif value in seen:
            self.problem(_join(path, "id"), "content.duplicate-id", value=value)
        seen.add(value)
        return value


def _join(path: str, key: str) -> str:
    if key.isdigit():
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _kind(value: object) -> Message:
    kinds: dict[type, str] = {dict: "mapping", list: "list", str: "text"}
    return Message(f"content.kind.{kinds.get(type(value), 'empty')}")


def _problem(file_label: str, path: str, key: str, /, **params: object) -> Message:
    """One problem: the file, the path inside it (may be empty) and what is wrong."""
    return message(
        "content.problem-at" if path else "content.problem",
        file=file_label,
        where=path,
        problem=message(key, **params),
    )


_UNREADABLE = object()


def _read(path: Path, problems: list[Message]) -> object:
    """Parse one content file; on failure record the problem and return _UNREADABLE."""
    try:
        return yamlio.loads(yamlio.decode(fileio.read_regular(path, yamlio.MAX_BYTES)))
    except FileNotFoundError:
        problems.append(_problem(str(path), "", "content.no-file"))
    except OSError as exc:
        problems.append(_problem(str(path), "", "content.unreadable", reason=fileio.reason(exc)))
    except yamlio.YamlProblem as exc:
        problems.append(message("content.problem", file=str(path), problem=exc.message))
    return _UNREADABLE


def _file_mapping(path: Path, keys: dict[str, bool], problems: list[Message]) -> dict[str, Any] | None:
    """Read a content file that must be a mapping with the given keys."""
    data = _read(path, problems)
    if data is _UNREADABLE:
        return None
    return _Checker(str(path), problems).mapping(data, "", keys)


def _question(check: _Checker, data: object, path: str, prefix: str, seen: set[str]) -> Question | None:
    data = check.mapping(data, path, QUESTION_KEYS)
    if data is None:
        return None
    local_id = check.ident(data, path, seen)
    kind = check.text(data, "type", path) or "tekst"
    if kind not in KINDS:
        check.problem(_join(path, "type"), "content.unknown-kind", kind=kind, known=list(KINDS))
    group = check.text(data, "gruppe", path) or None
    per_partner = check.text(data, "pr-genbruger", path) or "nej"
    if per_partner not in ("ja", "nej"):
        check.problem(_join(path, "pr-genbruger"), "content.yes-or-no")
    if per_partner == "ja" and not prefix.endswith(".dele"):
        check.problem(_join(path, "pr-genbruger"), "content.per-partner-side")
    return Question(
        id=f"{prefix}.{local_id}",
        text=check.text(data, "tekst", path),
        hints=check.texts(data, "hjælp", path),
        group=group,
        kind=kind,
        per_partner=per_partner == "ja",
    )


def _side(check: _Checker, data: object, path: str, prefix: str, role: str) -> Side | None:
    data = check.mapping(data, path, SIDE_KEYS)
    if data is None:
        return None
    questions_data = data.get("spørgsmål")
    if not isinstance(questions_data, list) or not questions_data:
        if "spørgsmål" in data:
            check.problem(_join(path, "spørgsmål"), "content.no-questions")
        return None
    seen: set[str] = set()
    questions = []
    for number, item in enumerate(questions_data, start=1):
        q = _question(check, item, f"{path}.spørgsmål[{number}]", f"{prefix}.{role}", seen)
        if q:
            questions.append(q)
    return Side(role, check.texts(data, "vejledning", path), tuple(questions))


def _tool(check: _Checker, data: object, path: str, phase_id: str, seen: set[str]) -> Tool | None:
    data = check.mapping(data, path, TOOL_KEYS)
    if data is None:
        return None
    tool_id = f"{phase_id}.{check.ident(data, path, seen)}"
    sides = {}
    for role in ROLES:
        if role in data:
            side = _side(check, data[role], _join(path, role), tool_id, role)
            if side:
                sides[role] = side
    if not sides and not any(role in data for role in ROLES):
        check.problem(path, "content.tool-without-sides")
    return Tool(tool_id, check.text(data, "titel", path), check.text(data, "introduktion", path), sides)


def _goals(check: _Checker, data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    goals = check.mapping(data.get("mål", {}), "mål", {role: True for role in ROLES})
    if goals is None:
        return {}
    result = {}
    for role in ROLES:
        result[role] = check.texts(goals, role, "mål")
        if role in goals and not result[role]:
            check.problem(f"mål.{role}", "content.no-goals")
    return result


def _number(check: _Checker, data: dict[str, Any]) -> int:
    value = data.get("nummer")
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 3:
        return int(value)
    if value is not None:
        check.problem("nummer", "content.not-number", value=yamlio.shown(str(value)))
    return 0


def _phase(path: Path, expected_id: str, problems: list[Message]) -> Phase | None:
    check = _Checker(str(path), problems)
    data = _file_mapping(path, PHASE_KEYS, problems) if path.exists() else None
    if data is None:
        if not path.exists():
            problems.append(_problem(str(path), "", "content.no-phase-file", phase=expected_id))
        return None
    phase_id = check.ident(data, "", set())
    if phase_id and phase_id != expected_id:
        check.problem("id", "content.id-not-file-name", value=phase_id, expected=expected_id)
    tools_data = data.get("værktøjer")
    tools: list[Tool] = []
    seen: set[str] = set()
    if not isinstance(tools_data, list) or not tools_data:
        check.problem("værktøjer", "content.no-tools")
        tools_data = []
    for number, item in enumerate(tools_data, start=1):
        tool = _tool(check, item, f"værktøjer[{number}]", expected_id, seen)
        if tool:
            tools.append(tool)
    return Phase(
        expected_id,
        _number(check, data),
        check.text(data, "navn", ""),
        check.text(data, "formål", ""),
        _goals(check, data),
        tuple(tools),
    )


def _phase_ids(check: _Checker, data: dict[str, Any]) -> list[str]:
    ids = data.get("faser")
    if not isinstance(ids, list) or not ids:
        check.problem("faser", "content.no-phases")
        return []
    result = []
    for number, phase_id in enumerate(ids, start=1):
        if not isinstance(phase_id, str) or not ID_PATTERN.match(phase_id):
            check.problem(f"faser[{number}]", "content.bad-phase-id")
        elif phase_id in result:
            check.problem(f"faser[{number}]", "content.phase-twice", value=phase_id)
        else:
            result.append(phase_id)
    return result


def load_guide(directory: str | os.PathLike[str] | None = None, language: str = "da") -> Guide:
    """Load and validate the guide in one language; raise ContentError listing every problem found.

    Another language than Danish is read from the folder's translation (``en/``), and the Danish
    guide it translates is read and validated as well: answers are stored under the Danish
    questions' ids, so a translation must ask exactly those questions (see editions.py). A broken
    Danish guide, or a translation that differs from it, is refused as the Danish edition refuses a
    broken guide. A folder without the translation gives the Danish guide (its language says "da"),
    which asks the very same questions; the front end tells the user so. The shipped guide's English
    edition is read alone, as fast as the Danish one: the tests prove it matches its Danish guide.
    """
    folder = guide_dir(directory)
    translated = folder / language
    if language == "da" or not (translated / "guide.yaml").is_file():
        return load_folder(folder)
    if folder.resolve() == default_guide_dir():  # shipped: its editions are compared by the tests
        return load_folder(translated, language)  # (tests/test_editions.py), not at every start
    from spredning.core.editions import compare  # editions.py builds on this module

    problems: list[Message] = []
    base: Guide | None = None
    edition: Guide | None = None
    try:
        base = load_folder(folder)
    except ContentError as exc:
        problems += exc.problems
    try:
        edition = load_folder(translated, language)
    except ContentError as exc:
        problems += exc.problems
    if base is not None and edition is not None:
        problems += compare(base, edition, translated)
    if problems or edition is None:
        hint = (  # a broken Danish guide: correct it; else the translation: update it or remove it
            message("content.edition.hint", folder=str(translated))
            if base is not None
            else "content.errors.hint"
        )
        raise ContentError(problems, hint=hint)
    return edition


def load_folder(folder: Path, language: str = "da") -> Guide:
    """Load and validate the one edition in `folder` on its own (no comparison with another)."""
    problems: list[Message] = []
    if not folder.is_dir():
        raise ContentError([_problem(str(folder), "", "content.no-folder")], hint="content.no-folder.hint")
    index = folder / "guide.yaml"
    check = _Checker(str(index), problems)
    data = _file_mapping(index, GUIDE_KEYS, problems) if index.exists() else None
    if data is None:
        if not index.exists():
            problems.append(_problem(str(index), "", "content.no-file"))
        raise ContentError(problems)
    ids = _phase_ids(check, data)
    phases = [_phase(folder / f"{pid}.yaml", pid, problems) for pid in ids]
    unread = frozenset(pid for pid, phase in zip(ids, phases, strict=True) if phase is None)
    guide = Guide(
        title=check.text(data, "titel", ""),
        edition=check.text(data, "udgave", ""),
        publisher=check.text(data, "udgiver", ""),
        introduction=check.texts(data, "introduktion", ""),
        closing=check.text(data, "afslutning", ""),
        phases=tuple(p for p in phases if p),
        language=language,
    )
    check.text(data, "undertitel", "")
    guide = _with_dialogue(guide, folder / DIALOGUE_FILE, problems, unread)
    if problems:
        raise ContentError(problems, hint="content.errors.hint")
    return guide


# -- dialog.yaml: how the worksheets serve the dialogue ------------------------------------------

DIALOGUE_FILE = "dialog.yaml"
DIALOGUE_KEYS = {"par": False, "handlinger": False, "mangler-at-vide": False}


def _with_dialogue(guide: Guide, path: Path, problems: list[Message], unread: frozenset[str]) -> Guide:
    """Add the optional dialog.yaml: question pairs, the tools that ask for actions, what is unknown.

    A pair is two questions facing each other on one worksheet, the sharing side's first; each id
    must exist, and a pair must cross from one side to the other within one tool. Ids in a phase
    whose file could not be read (`unread`, its own problems already said) are not blamed on
    dialog.yaml: one broken file would otherwise show as many errors in a file that is fine.
    """

    def excused(question_id: str) -> bool:
        return question_id.split(".", 1)[0] in unread

    if not path.exists():
        return guide
    data = _file_mapping(path, DIALOGUE_KEYS, problems)
    if data is None:
        return guide
    check = _Checker(str(path), problems)
    located = {
        q.id: (tool.id, role)
        for phase in guide.phases
        for tool in phase.tools
        for role in ROLES
        for q in tool.questions(role)
    }
    tools = {tool.id for p in guide.phases for tool in p.tools}
    pairs = _pairs(check, data, located, excused)
    actions = _ids(check, data, "handlinger", tools, "content.unknown-tool", lambda _: bool(unread))
    to_know = _ids(check, data, "mangler-at-vide", set(located), "content.unknown-question", excused)
    return guide._replace(pairs=tuple(pairs), action_tools=actions, to_know=to_know)


def _pairs(
    check: _Checker,
    data: dict[str, Any],
    located: dict[str, tuple[str, str]],
    excused: Callable[[str], bool],
) -> list[tuple[str, str]]:
    """dialog.yaml's question pairs: each id known, the sharing side's first, both in one tool."""
    pairs: list[tuple[str, str]] = []
    for number, item in enumerate(_list(check, data, "par"), start=1):
        where = f"par[{number}]"
        if not isinstance(item, list) or len(item) != 2 or not all(isinstance(i, str) for i in item):
            check.problem(where, "content.pair-not-two")
            continue
        missing = [i for i in item if i not in located]
        if missing:
            if not all(excused(i) for i in missing):
                check.problem(where, "content.pair-unknown", ids=missing)
            continue
        (tool_a, side_a), (tool_b, side_b) = located[item[0]], located[item[1]]
        if side_a != "dele" or side_b != "genbruge":
            check.problem(where, "content.pair-same-side")
        elif tool_a != tool_b:
            check.problem(where, "content.pair-two-tools")
        elif tuple(item) in pairs:
            check.problem(where, "content.pair-twice")
        else:
            pairs.append((item[0], item[1]))
    return pairs


def _list(check: _Checker, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        check.problem(key, "content.not-list", kind=_kind(value))
        return []
    return value


def _ids(
    check: _Checker,
    data: dict[str, Any],
    key: str,
    known: set[str],
    problem: str,
    excused: Callable[[str], bool],
) -> tuple[str, ...]:
    found = []
    for number, value in enumerate(_list(check, data, key), start=1):
        if isinstance(value, str) and value not in known and excused(value):
            continue  # in a phase (or, for a tool, maybe one) whose file could not be read
        if not isinstance(value, str) or value not in known:
            check.problem(f"{key}[{number}]", problem, value=yamlio.shown(str(value)))
        elif value not in found:
            found.append(value)
    return tuple(found)
