"""What can still be read of this computer's state file (local.py) when it cannot be read whole.

The file holds text typed and not saved yet (drafts, reasons for "not relevant") and the program's
own notes (NOTES: which versions a partner has, ...): one damaged line (a stray character, a line
cut short, a line indented wrongly, a key written twice, bytes that are not UTF-8) must not take the
rest with it. So the file is read part by part: each top-level key on its own, and a part YAML
cannot read entry by entry, down to the entry that holds the damage (a mapping's entries are the
keys indented as its first readable one, so a damaged line indented otherwise begins none). A
draft or reason whose entry YAML cannot read is read line by line (its text as it stands, however
indented), so only lines that belong to nothing are left out. They are named by line number: those
that may hold the user's text for the user to look up in the old file, which is kept aside
(local.save); those of the program's notes with what losing them means (Salvage.consequences).

Bytes that are not UTF-8, and characters YAML does not allow (control characters), are read as
U+FFFD, the character that stands for one that could not be read; a draft holding one says so. A
key written twice keeps both texts, a paragraph each, marked as two windows' texts are (local.py).
A file that does not end with a line break was cut short: the text it ends in may not be whole.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

from spredning.core import salvage_text, yamlio
from spredning.core.salvage_text import indent

TEXTS = ("kladder", "begrundelser")  # the sections holding the user's text, slot key → text
JOINED = {"kladder": "samlede-kladder", "begrundelser": "samlede-begrundelser"}
TOP_KEYS = (
    "kopi",
    "sted",
    "mappe",
    "side",
    "organisation",
    *TEXTS,
    "kendt",
    "hentet",
    "eksporter",
    "importeret",
    "udvekslet-med",
    "givet",
    "advaret",
    "skrevet-som",
    "flettet-ind",
    "arbejdsark",
    "nye",
    *JOINED.values(),
    "begrundelse-kladder",
)
FOLDER_LOST = "folder"
# the sections of the program's own notes, each with what it means when one of its lines is lost
NOTES = {
    "kopi": "copy",
    "sted": "copy",
    "mappe": FOLDER_LOST,  # "copy" where the place changed (local.load)
    "side": "side",
    "organisation": "side",
    "kendt": "known",
    "hentet": "brought",
    "eksporter": "exports",
    "importeret": "imports",
    "udvekslet-med": "exchanged",
    "givet": "counts",
    "advaret": "counts",
    "skrevet-som": "wrote",
    "flettet-ind": "merged",
    "arbejdsark": "worksheets",
    "nye": "news",
    **dict.fromkeys([*JOINED.values(), "begrundelse-kladder"], "marks"),
}
# a line under them is none of theirs
_ONE_LINE = ("kopi", "sted", "mappe", "side", "organisation", "advaret")
UNREADABLE = "\ufffd"
_JOINER = "\n\n"
_SLOT = r"(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+"  # local.slot_key of a question
_TEXT_HEAD = re.compile(rf"""^( *)(['"]?)({_SLOT})\2:(?: +(.*))?$""")
_TOP_HEAD = re.compile(rf"^({'|'.join(re.escape(key) for key in TOP_KEYS)}):(?: .*)?$")
_HEAD = re.compile(r"""^( *)(?:[^\s'"#-](?:[^:]|:(?=\S))*|'[^']*'|"[^"]*"):(?: .*)?$""")  # 'plan:ab12: x' too
_ITEM = re.compile(r"^( *)-(?: .*)?$")
# YAML's printable characters (tab and line breaks apart): anything else cannot be read as text
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

CUT = "cut"  # the file ends inside the text: it may not be whole
UNREADABLE_CHARS = "unreadable"  # characters that could not be read are shown as U+FFFD
LINE_BY_LINE = "line-by-line"  # YAML could not read the entry: its lines were taken as they stand
TWICE = "twice"  # the key stood twice: both texts are kept


class Text(NamedTuple):
    """A draft or reason read back: its section ('kladder' or 'begrundelser'), slot key and what to know."""

    section: str
    key: str
    notes: tuple[str, ...] = ()


class Salvage(NamedTuple):
    """What was read of a damaged state file: the texts, and the lines that could not be read."""

    texts: tuple[Text, ...] = ()
    lost: tuple[tuple[int, int], ...] = ()  # first and last line (from 1) of each part not read: text maybe
    empty: bool = False  # nothing in the file at all
    reasons: tuple[str, ...] = ()  # the drafts the file said are reasons for "not relevant"
    forgotten: tuple[tuple[int, int], ...] = ()  # the same of the program's own notes (NOTES)
    consequences: tuple[str, ...] = ()  # what losing those lines means: NOTES's values, in file order


class _Line(NamedTuple):
    number: int  # from 1
    text: str
    bad: bool  # characters that could not be read were replaced by U+FFFD


def salvage(raw: bytes) -> tuple[dict[str, object], Salvage]:
    """The file's data as far as it can be read, and what was read and what not."""
    lines = _lines(raw)
    if not any(line.text.strip() for line in lines):
        return {}, Salvage(empty=True)
    reader = _Reader()
    data = reader.chunk(lines, top=True)
    cut = bool(raw) and not raw.endswith(b"\n")
    return reader.result(data, lines, cut)


def _lines(raw: bytes) -> list[_Line]:
    """The file's lines as text; what is not UTF-8 nor allowed in YAML becomes U+FFFD (marked bad).

    A line of nothing but zero bytes (a computer switched off while the file was written pads it
    with them) is a blank line: nothing on it was lost.
    """
    raw = raw.removeprefix(codecs.BOM_UTF8)
    parts = raw.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    lines = []
    for number, part in enumerate(parts, 1):
        part = part.removesuffix(b"\r")
        if not part.strip(b"\x00 \t"):  # zero bytes a crash left where the file was being written: blank
            lines.append(_Line(number, "", False))
            continue
        if number == len(parts) and not raw.endswith(b"\n"):  # cut short: a character's first bytes go
            text = codecs.getincrementaldecoder("utf-8")("replace").decode(part, final=False)
        else:
            text = part.decode("utf-8", "replace")
        clean = _NOT_PRINTABLE.sub(UNREADABLE, text)
        lines.append(_Line(number, clean, clean.count(UNREADABLE) > part.count(UNREADABLE.encode())))
    return lines


def _mapping(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _load(lines: list[_Line]) -> object:
    """The YAML of some lines, or None when it cannot be read."""
    try:
        return yamlio.loads("\n".join(line.text for line in lines) + "\n")
    except yamlio.YamlProblem:
        return None


def _reads_as_key(line: _Line) -> bool:
    """True when the line reads as a key on its own, and holds no bytes that could not be read."""
    return not line.bad and isinstance(_load([line._replace(text=line.text.lstrip(" "))]), dict)


class _Reader:
    """Reads parts of the file, keeping account of what was read and what was not."""

    def __init__(self) -> None:
        self.used: set[int] = set()
        self.notes: dict[tuple[str, str], list[str]] = {}

    def chunk(
        self, lines: list[_Line], top: bool = False, within: str = "", under: int = -1
    ) -> dict[str, object]:
        """The mapping in `lines` (keys at one indentation, deeper than `under`), read entry by entry."""
        data = _load(lines)
        if isinstance(data, dict):
            self._use(lines)
            return data
        result: dict[str, object] = {}
        for entry in self._entries(lines, top, within, under):
            self._merge(result, self.entry(entry, top, within), within)
        return result

    def entry(self, lines: list[_Line], top: bool, within: str) -> dict[str, object]:
        """One entry (its key's line and the lines under it), read as far as it can be."""
        data = _load(lines)
        if isinstance(data, dict) and len(data) == 1:
            self._use(lines)
            return data
        head, rest = lines[0], lines[1:]
        if within in TEXTS:
            return self._text(head, rest, within)
        key = head.text.split(":", 1)[0].strip().strip("'\"")
        if head.text.rstrip().endswith(":") and rest:  # a mapping (or list) under the key: part by part
            self.used.add(head.number)
            filled = [line for line in rest if line.text.strip()]
            if filled and _ITEM.match(filled[0].text) and key not in TEXTS:
                return {key: self._list(rest)}
            return {key: self.chunk(rest, within=key, under=indent(head.text))}
        alone = _load([head])
        if isinstance(alone, dict):  # the key's own line, without what stands under it
            self._use([head])
            return alone
        return {}

    def _entries(self, lines: list[_Line], top: bool, within: str, under: int) -> list[list[_Line]]:
        """The entries in `lines`: each begins at a key's line; lines before the first belong to none.

        A key belongs to the mapping when it is indented deeper than the mapping's own key (`under`)
        and as the first line there that reads as a key: a damaged line is not taken for one.
        """
        if top:
            starts = [at for at, line in enumerate(lines) if _TOP_HEAD.match(line.text)]
        elif within in TEXTS:  # a key at any indentation: an entry indented wrongly is still one
            starts = [at for at, line in enumerate(lines) if _TEXT_HEAD.match(line.text)]
        else:
            heads = {at: indent(line.text) for at, line in enumerate(lines) if _HEAD.match(line.text)}
            first = (at for at, deep in heads.items() if deep > under and _reads_as_key(lines[at]))
            keys_at = heads.get(next(first, -1))
            starts = [at for at, deep in heads.items() if deep == keys_at]
        return [lines[a:b] for a, b in pairwise([*starts, len(lines)])]

    def _list(self, lines: list[_Line]) -> list[object]:
        """A list's items, each read on its own (an item that cannot be read is left out).

        An item goes on only on lines indented deeper than its dash: a damaged line after it is not its.
        """
        starts = [at for at, line in enumerate(lines) if _ITEM.match(line.text)]
        items: list[object] = []
        for part in (lines[a:b] for a, b in pairwise([*starts, len(lines)])):
            dash = indent(part[0].text)
            ends = (
                at for at, line in enumerate(part[1:], 1) if line.text.strip() and indent(line.text) <= dash
            )
            part = part[: next(ends, len(part))]
            item = _load(
                [line._replace(text=line.text.lstrip(" ")) if line is part[0] else line for line in part]
            )
            if isinstance(item, list):
                self._use(part)
                items += item
        return items

    def _text(self, head: _Line, rest: list[_Line], section: str) -> dict[str, object]:
        """A draft or reason YAML cannot read, read line by line as it stands."""
        match = _TEXT_HEAD.match(head.text)
        if match is None:
            return {}
        key, value = match.group(3), (match.group(4) or "").rstrip()
        if value[:1] not in ("|", ">"):  # a text on the key's line goes on only on lines indented deeper
            own = len(match.group(1))
            ends = (at for at, line in enumerate(rest) if line.text.strip() and indent(line.text) <= own)
            rest = rest[: next(ends, len(rest))]
            whole = _load([head, *rest])  # what follows it was the damage: the text itself reads
            if isinstance(whole, dict) and isinstance(whole.get(key), str):
                self._use([head, *rest])
                return whole
        body = [line.text for line in rest]
        if value[:1] in ("|", ">"):  # a block's lines are its text, however they are indented
            text = salvage_text.block(body, value, indent(head.text))
        elif value[:1] in ("'", '"'):
            text = salvage_text.quoted(value, body)
        else:
            text = salvage_text.folded([value, *(line.strip() for line in body)])
        self._use([head, *rest])
        self.notes.setdefault((section, key), []).append(LINE_BY_LINE)
        return {key: text} if text.strip() else {}

    def _merge(self, into: dict[str, object], data: dict[str, object], within: str) -> None:
        """Add an entry's data; a key there already keeps both (texts joined, mappings merged)."""
        for key, value in data.items():
            old = into.get(key)
            if key not in into:
                into[key] = value
            elif isinstance(old, dict) and isinstance(value, dict):
                self._merge(old, value, key)
            elif isinstance(old, list) and isinstance(value, list):
                into[key] = [*old, *(item for item in value if item not in old)]
            elif within in TEXTS and isinstance(old, str) and isinstance(value, str) and old != value:
                into[key] = old + _JOINER + value if old.strip() else value
                self.notes.setdefault((within, key), []).append(TWICE)

    def _use(self, lines: Iterable[_Line]) -> None:
        self.used.update(line.number for line in lines)

    def result(
        self, data: dict[str, object], lines: list[_Line], cut: bool
    ) -> tuple[dict[str, object], Salvage]:
        """The data read, with the joined texts marked, and the account of it."""
        data = self._rehomed(data)
        texts = []
        for section in TEXTS:
            found = data.get(section)
            if not isinstance(found, dict):
                continue
            joined = [key for key, note in self.notes.items() if key[0] == section and TWICE in note]
            if joined:
                marked = data.get(JOINED[section])
                before = marked if isinstance(marked, list) else []
                data[JOINED[section]] = [*before, *(k for _, k in joined if k not in before)]
            for key, value in found.items():
                if not isinstance(value, str):
                    continue
                notes = list(dict.fromkeys(self.notes.get((section, key), [])))
                if UNREADABLE in value and any(line.bad for line in lines):
                    notes.append(UNREADABLE_CHARS)
                texts.append(Text(section, key, tuple(notes)))
        if cut:
            texts = _cut_at_end(texts, lines)
        lost = [line.number for line in lines if line.number not in self.used and line.text.strip()]
        values = [value for section in TEXTS for value in _mapping(data.get(section)).values()]
        kept = [value for value in values if isinstance(value, str)]
        lost += [line.number for line in lines if line.bad and not any(line.text.strip() in v for v in kept)]
        marked = data.get("begrundelse-kladder")
        reasons = tuple(key for key in marked if isinstance(key, str)) if isinstance(marked, list) else ()
        mine, ours, consequences = _sorted_out(lines, set(lost))
        return data, Salvage(tuple(texts), mine, False, reasons, ours, consequences)

    def _rehomed(self, data: dict[str, object]) -> dict[str, object]:
        """The data with a draft's key written at the top (indented wrongly) back in its section.

        Its section is the one it follows in the file ('kladder' when it follows neither).
        """
        result: dict[str, object] = {}
        section = TEXTS[0]
        for key, value in data.items():
            if key in TEXTS:
                section = key
            if not (isinstance(value, str) and re.fullmatch(_SLOT, key)):
                self._merge(result, {key: value}, "")
                continue
            self._merge(result, {section: {key: value}}, "")
            self.notes.setdefault((section, key), []).append(LINE_BY_LINE)
        return result


def _sorted_out(
    lines: list[_Line], lost: set[int]
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], tuple[str, ...]]:
    """The lines not read that may hold the user's text; those of the program's notes and what that means.

    A line belongs to the section it stands in. One before any section, or under a section of one
    line (a damaged section key may stand above it), may be a draft's: it is not taken for a note.
    """
    text, notes, consequences = [], [], []
    section = ""
    for line in lines:
        head = _TOP_HEAD.match(line.text)
        section = head.group(1) if head else section
        if line.number not in lost:
            continue
        if section in NOTES and (head or section not in _ONE_LINE):
            notes.append(line.number)
            consequences.append(NOTES[section])
        else:
            text.append(line.number)
    return _ranges(text), _ranges(notes), tuple(dict.fromkeys(consequences))


def has_stray_texts(data: dict[str, object]) -> bool:
    """True when a draft's key stands at the top of the file (indented wrongly): see _rehomed."""
    return any(isinstance(value, str) and re.fullmatch(_SLOT, key) for key, value in data.items())


def _cut_at_end(texts: list[Text], lines: list[_Line]) -> list[Text]:
    """The texts, the one the file ends in noted as cut (the last in the last section, if a text section)."""
    last_key = None
    for line in reversed(lines):
        if _TOP_HEAD.match(line.text):
            last_top = line.text.split(":")[0]
            break
        if last_key is None and (match := _TEXT_HEAD.match(line.text)) is not None:
            last_key = match.group(3)
    else:
        return texts
    return [
        text._replace(notes=(*text.notes, CUT)) if (text.section, text.key) == (last_top, last_key) else text
        for text in texts
    ]


def _ranges(numbers: list[int]) -> tuple[tuple[int, int], ...]:
    """Line numbers as ranges of consecutive lines."""
    ranges: list[tuple[int, int]] = []
    for number in numbers:
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1] = (ranges[-1][0], number)
        else:
            ranges.append((number, number))
    return tuple(ranges)
