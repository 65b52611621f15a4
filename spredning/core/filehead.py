"""What a spredning file is, told from its first lines: the formats, the end line, a head read alone.

Terminal-free. projectfile.py reads and validates a whole file; the functions here look only at its
first bytes (for lists of files to choose from, and for a file that cannot be read as a whole, to
be named as ours), and the format numbers are decided here.

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
line, a line break at the end), and projectfile.parse refuses it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from spredning.core import yamlio
from spredning.core.model import SHARING

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
ID_PATTERN = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
FORMAT_LINE = re.compile(r"""^format: ['"]?([0-9]{1,6})['"]?$""")  # as written: the file's first line
MARKERS = ("<<<<<<<", "=======", ">>>>>>>")


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

    An empty (or blank) file and one that is no text (not UTF-8, nor UTF-16/32 with its mark: a
    file damaged on a disk or by a sync service) says nothing of what it is: it may be the project
    file it stands in for, so it is not foreign either, and is named as a file that cannot be read.
    """
    if not head.strip() or not _text(head):
        return False
    text = head_text(head).replace("\r\n", "\n")
    return OUR_TOP_KEYS.search(text) is None


def _text(head: bytes) -> bool:
    """Whether a file's first bytes are text: UTF-8 (a character cut at their end allowed), or marked wide."""
    if head.startswith(tuple(mark for mark, _ in _WIDE_MARKS)):
        return True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


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
