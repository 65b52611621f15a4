"""Why a project file cannot be read, said as a person would see it: cut short, or an answer kept twice.

Terminal-free. projectfile.loads asks here when the YAML reader or the UTF-8 decoder gives up, so
the message names a cut file's last whole place, or both lines of an answer a hand-made git merge
kept twice, instead of a YAML problem a user cannot act on.
"""

from __future__ import annotations

import re
from pathlib import Path

from spredning.core import projectcut, yamlio
from spredning.core.errors import Message, ProjectFileError, message
from spredning.core.filehead import FOLLOW_UP, FOLLOW_UP_FORMAT, FORMAT_LINE, NOTED_FORMAT, PLAIN_FORMAT
from spredning.core.model import SHARING

MAX_QUOTED_LINES = 60  # how far back a cut file's last readable line is looked for
PHASE_WORD = re.compile(r"^[a-z0-9-]{1,40}$")  # a phase named in a hint: as a guide's ids are written
KEY_PART = re.compile(r"^(\s*[a-z0-9][a-z0-9.-]*):.*$", re.DOTALL)  # a question's line, without its answer


def kept_twice(problem: yamlio.YamlProblem, path: Path, text: str) -> ProjectFileError | None:
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


def cut_inside(raw: bytes, at_end: bool) -> Message | None:
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


def at_end(problem: yamlio.YamlProblem, text: str) -> bool:
    """True when the YAML reader stopped at the text's end, as a cut leaves it.

    Inside its unfinished last line, or in a quoted text not closed (a cut between its lines); a
    problem of any other kind, at the end too, is a YAML problem like any other.
    """
    line = problem.message.params.get("line")
    if not isinstance(line, int) or line < len(text.splitlines()):
        return False
    inner = problem.message.params.get("problem")
    return not text.endswith("\n") or (isinstance(inner, Message) and inner.key == "yaml.problem.end")
