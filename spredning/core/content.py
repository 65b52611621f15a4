"""Load guide_content/ into a validated Guide.

Validation collects every problem, each naming the file and the path inside it
(``test.yaml: værktøjer[1].dele.spørgsmål[2]: mangler 'tekst'``), so a broken content file fails at
start with a message the editor can act on, and ``spredning valider`` can list them all at once.
Positions in paths count from 1, as people do.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from spredning.core import fileio, yamlio
from spredning.core.errors import ContentError
from spredning.core.model import QUESTION_KINDS, ROLES, Guide, Phase, Question, Side, Tool

GUIDE_ENV = "SPREDNING_GUIDE"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

GUIDE_KEYS = {"titel": True, "undertitel": False, "udgave": True, "udgiver": True,
              "introduktion": True, "afslutning": True, "faser": True}
PHASE_KEYS = {"id": True, "nummer": True, "navn": True, "formål": True, "mål": True,
              "værktøjer": True}
TOOL_KEYS = {"id": True, "titel": True, "introduktion": True, "dele": False, "genbruge": False}
SIDE_KEYS = {"vejledning": False, "spørgsmål": True}
QUESTION_KEYS = {"id": True, "tekst": True, "hjælp": False, "gruppe": False, "type": False}


def default_guide_dir() -> Path:
    """Return the shipped guide folder: inside the installed package, or the source checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "guide_content"
    return installed if installed.is_dir() else package.parent / "guide_content"


def guide_dir(option: str | os.PathLike | None = None) -> Path:
    """Choose the guide folder: the --guide option, then SPREDNING_GUIDE, then the shipped one."""
    chosen = option or os.environ.get(GUIDE_ENV)
    return Path(chosen) if chosen else default_guide_dir()


class _Checker:
    """Collects problems while reading one file's data; each problem names file and path."""

    def __init__(self, file_label: str, problems: list[str]):
        self.file_label = file_label
        self.problems = problems

    def problem(self, path: str, message: str) -> None:
        where = f"{self.file_label}: {path}: " if path else f"{self.file_label}: "
        self.problems.append(where + message)

    def mapping(self, value, path: str, keys: dict[str, bool]) -> dict | None:
        """Check a mapping's keys: missing required ones and unknown ones are problems."""
        if not isinstance(value, dict):
            self.problem(path, f"skal være en samling af nøgler, men er {_kind(value)}")
            return None
        for key, required in keys.items():
            if required and key not in value:
                self.problem(path, f"mangler '{key}'")
        for key in value:
            if key not in keys:
                known = ", ".join(f"'{k}'" for k in keys)
                self.problem(_join(path, str(key)), f"ukendt nøgle (kendte nøgler: {known})")
        return value

    def text(self, parent: dict, key: str, path: str) -> str:
        """Return a non-empty text; a wrong type or an empty text is a problem."""
        value = parent.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(_join(path, key), f"skal være en tekst, men er {_kind(value)}")
            return ""
        cleaned = value.strip()
        if not cleaned:
            self.problem(_join(path, key), "må ikke være tom")
        return cleaned

    def texts(self, parent: dict, key: str, path: str) -> tuple[str, ...]:
        """Return a list of non-empty texts (an absent key is an empty list)."""
        value = parent.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(_join(path, key), f"skal være en liste, men er {_kind(value)}")
            return ()
        base = _join(path, key)
        return tuple(
            self.text({str(number): item}, str(number), base)
            for number, item in enumerate(value, start=1)
        )

    def ident(self, parent: dict, path: str, seen: set[str]) -> str:
        """Return a valid ASCII id, unique among `seen`."""
        value = self.text(parent, "id", path)
        if value and not ID_PATTERN.match(value):
            self.problem(_join(path, "id"), f"'{value}' skal bestå af a-z, 0-9 og bindestreger")
        elif value in seen:
            self.problem(_join(path, "id"), f"'{value}' bruges to gange")
        seen.add(value)
        return value


def _join(path: str, key: str) -> str:
    if key.isdigit():
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _kind(value) -> str:
    kinds = {dict: "en samling af nøgler", list: "en liste", str: "en tekst"}
    return kinds.get(type(value), "tom" if value is None else type(value).__name__)


_UNREADABLE = object()


def _read(path: Path, problems: list[str]) -> object:
    """Parse one content file; on failure record the problem and return _UNREADABLE."""
    try:
        return yamlio.loads(yamlio.decode(fileio.read_regular(path, yamlio.MAX_BYTES)))
    except FileNotFoundError:
        problems.append(f"{path}: filen findes ikke")
    except OSError as exc:
        problems.append(f"{path}: kan ikke læses ({fileio.reason(exc)})")
    except yamlio.YamlProblem as exc:
        problems.append(f"{path}: {exc}")
    return _UNREADABLE


def _file_mapping(path: Path, keys: dict[str, bool], problems: list[str]) -> dict | None:
    """Read a content file that must be a mapping with the given keys."""
    data = _read(path, problems)
    if data is _UNREADABLE:
        return None
    return _Checker(str(path), problems).mapping(data, "", keys)


def _question(check: _Checker, data, path: str, prefix: str, seen: set[str]) -> Question | None:
    data = check.mapping(data, path, QUESTION_KEYS)
    if data is None:
        return None
    local_id = check.ident(data, path, seen)
    kind = check.text(data, "type", path) or "tekst"
    if kind not in QUESTION_KINDS:
        check.problem(_join(path, "type"), f"ukendt type '{kind}' (kendte: {', '.join(QUESTION_KINDS)})")
    group = check.text(data, "gruppe", path) or None
    return Question(id=f"{prefix}.{local_id}", text=check.text(data, "tekst", path),
                    hints=check.texts(data, "hjælp", path), group=group, kind=kind)


def _side(check: _Checker, data, path: str, prefix: str, role: str) -> Side | None:
    data = check.mapping(data, path, SIDE_KEYS)
    if data is None:
        return None
    questions_data = data.get("spørgsmål")
    if not isinstance(questions_data, list) or not questions_data:
        if "spørgsmål" in data:
            check.problem(_join(path, "spørgsmål"), "skal være en liste med mindst ét spørgsmål")
        return None
    seen: set[str] = set()
    questions = []
    for number, item in enumerate(questions_data, start=1):
        q = _question(check, item, f"{path}.spørgsmål[{number}]", f"{prefix}.{role}", seen)
        if q:
            questions.append(q)
    return Side(role, check.texts(data, "vejledning", path), tuple(questions))


def _tool(check: _Checker, data, path: str, phase_id: str, seen: set[str]) -> Tool | None:
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
        check.problem(path, "værktøjet har ingen spørgsmål for nogen side ('dele' eller 'genbruge')")
    return Tool(tool_id, check.text(data, "titel", path), check.text(data, "introduktion", path),
                sides)


def _goals(check: _Checker, data: dict) -> dict[str, tuple[str, ...]]:
    goals = check.mapping(data.get("mål", {}), "mål", {role: True for role in ROLES})
    if goals is None:
        return {}
    result = {}
    for role in ROLES:
        result[role] = check.texts(goals, role, "mål")
        if role in goals and not result[role]:
            check.problem(f"mål.{role}", "skal have mindst ét mål")
    return result


def _number(check: _Checker, data: dict) -> int:
    value = data.get("nummer")
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if value is not None:
        check.problem("nummer", f"skal være et helt tal, men er '{value}'")
    return 0


def _phase(path: Path, expected_id: str, problems: list[str]) -> Phase | None:
    check = _Checker(str(path), problems)
    data = _file_mapping(path, PHASE_KEYS, problems) if path.exists() else None
    if data is None:
        if not path.exists():
            problems.append(f"{path}: filen findes ikke (fasen '{expected_id}' står i guide.yaml)")
        return None
    phase_id = check.ident(data, "", set())
    if phase_id and phase_id != expected_id:
        check.problem("id", f"'{phase_id}' skal svare til filnavnet ('{expected_id}')")
    tools_data = data.get("værktøjer")
    tools, seen = [], set()
    if not isinstance(tools_data, list) or not tools_data:
        check.problem("værktøjer", "skal være en liste med mindst ét værktøj")
        tools_data = []
    for number, item in enumerate(tools_data, start=1):
        tool = _tool(check, item, f"værktøjer[{number}]", expected_id, seen)
        if tool:
            tools.append(tool)
    return Phase(expected_id, _number(check, data), check.text(data, "navn", ""),
                 check.text(data, "formål", ""), _goals(check, data), tuple(tools))


def _phase_ids(check: _Checker, data: dict) -> list[str]:
    ids = data.get("faser")
    if not isinstance(ids, list) or not ids:
        check.problem("faser", "skal være en liste med fasernes id'er")
        return []
    result = []
    for number, phase_id in enumerate(ids, start=1):
        if not isinstance(phase_id, str) or not ID_PATTERN.match(phase_id):
            check.problem(f"faser[{number}]", "skal være et id med a-z, 0-9 og bindestreger")
        elif phase_id in result:
            check.problem(f"faser[{number}]", f"'{phase_id}' står to gange")
        else:
            result.append(phase_id)
    return result


def load_guide(directory: str | os.PathLike | None = None) -> Guide:
    """Load and validate a guide folder; raise ContentError listing every problem found."""
    folder = guide_dir(directory)
    problems: list[str] = []
    if not folder.is_dir():
        raise ContentError([f"{folder}: mappen findes ikke"],
                           hint="Angiv en mappe med guide.yaml og en fil pr. fase.")
    index = folder / "guide.yaml"
    check = _Checker(str(index), problems)
    data = _file_mapping(index, GUIDE_KEYS, problems) if index.exists() else None
    if data is None:
        if not index.exists():
            problems.append(f"{index}: filen findes ikke")
        raise ContentError(problems)
    phases = [_phase(folder / f"{pid}.yaml", pid, problems) for pid in _phase_ids(check, data)]
    guide = Guide(
        title=check.text(data, "titel", ""), edition=check.text(data, "udgave", ""),
        publisher=check.text(data, "udgiver", ""),
        introduction=check.texts(data, "introduktion", ""),
        closing=check.text(data, "afslutning", ""),
        phases=tuple(p for p in phases if p), subtitle=check.text(data, "undertitel", "") or None,
    )
    if problems:
        raise ContentError(problems, hint="Ret filerne, og kør 'spredning valider' igen.")
    return guide
