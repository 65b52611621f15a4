"""Plain, frozen model objects: the guide, its phases, tools and questions, and a project.

No I/O and no terminal here: content.py and store.py build these objects, the interview walks
them, and the front ends turn them into output.

A project is one innovation shared by one organisation (the sharing side, "dele") with any number
of reusing organisations (the partners). Each pair is a dialogue: the sharing side's answers are
written once and serve every dialogue (``Project.shared``), each partner's answers live in its own
dialogue (``Project.dialogues``), and a sharing-side question about the partner can have a
partner-specific variant there too. Every answer carries its history (see history.py).

They are NamedTuples rather than frozen dataclasses because every command imports this module:
Python 3.11 compiles six methods for each frozen dataclass at import (issue 6).
Copies with a change are made with ``_replace``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from spredning.core.textsafe import writable

ROLES = ("dele", "genbruge")
SHARING = "dele"  # the sharing side's organisation key in exchange files and local state
NOTHING: Mapping[Any, Any] = MappingProxyType({})  # the default for mapping fields: empty and read-only


def other_role(role: str) -> str:
    """Return the other side of the dialogue."""
    return "genbruge" if role == "dele" else "dele"


def fold_name(
    name: str, letters: tuple[tuple[str, str], ...] = (("æ", "ae"), ("ø", "oe"), ("å", "aa"))
) -> str:
    """Fold a name so "Høst", "HØST" and "hoest" all compare equal.

    Danish letters become ae/oe/aa and other accents are dropped; the same folding names files.
    Spaces count as one ("Vejle  Kommune" is Vejle Kommune), as they do in a file name. A name
    typed on a Mac may come with its letters decomposed ("A" and a ring for "Å"): composed first,
    it folds as the same name typed elsewhere. `letters`: what the Danish letters become (see
    name_forms).
    """
    text = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    for danish, ascii_ in letters:
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def name_forms(name: str) -> set[str]:
    """A guide's name as it may be typed without æøå: "Høst" as "hoest" or "host" (fold_name of it).

    ø is written o as often as oe ('losningen' for løsningen), å as a as often as aa; the menus
    take both (choice_list), and so do the names of phases and tools.
    """
    return {fold_name(name), fold_name(name, (("æ", "ae"), ("ø", "o"), ("å", "a")))}


# a tag as rich's markup writes one: '[red]', '[/]', '[bold red]', '[link=…]', '[#ff0000]', '[@click]'
_MARKUP_TAG = re.compile(r"\[(?:/|[A-Za-z#@])[^\[\]]*\]")


def meant_text(value: str) -> str:
    """A value as a person means it: markup tags in it ('[red]Fanø') left out, to find the close one.

    The value itself is never read as markup: shown, it is shown as typed. Only which known value it
    is close to is found on what is left ('[red]Fanø Kommne' is close to Fanø Kommune).
    """
    return _MARKUP_TAG.sub("", value)


MAX_SLUG = 60


def slugify(name: str) -> str:
    """A file-name slug of a name: its folded form in a-z, 0-9 and '-' ("Ærø Kommune" -> aeroe-kommune)."""
    text = fold_name(name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:MAX_SLUG].rstrip("-")


# Names Windows keeps for devices: no file may be called so, whatever its extension (con.yaml).
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))]
)
OTHER_SCRIPT_SLUG = "projekt"  # the file name of a project whose name has no a-z or 0-9 (中文项目)


def project_slug(name: str) -> str:
    """The file name (without .yaml) a project of this name gets, on every system.

    Its slug; 'projekt' for a name written in another script (中文项目: the name itself stays as
    typed); and a Windows device name gets a suffix ('CON' -> con-projekt: con.yaml cannot exist there).
    """
    slug = slugify(name) or OTHER_SCRIPT_SLUG
    return f"{slug}-projekt" if slug in WINDOWS_DEVICES else slug


def free_slug(slug: str, taken: Iterable[str]) -> str:
    """`slug`, or the first of slug-2, slug-3 ... not in `taken` (the whole still fits MAX_SLUG).

    A slug that is itself one of a series (projekt-2, with projekt taken) goes on with the series:
    projekt-3, not projekt-2-2.
    """
    taken = set(taken)
    free, number = slug, 1
    series = re.fullmatch(r"(.+)-([0-9]{1,4})", slug)
    if slug in taken and series and series[1] in taken:
        slug, number = series[1], int(series[2])
    while free in taken:
        number += 1
        free = f"{slug[: MAX_SLUG - 1 - len(str(number))].rstrip('-')}-{number}"
    return free


def side_of(question_id: str) -> str | None:
    """The side a question id belongs to ('fase.værktøj.SIDE.spørgsmål'), or None."""
    parts = question_id.split(".")
    return parts[2] if len(parts) == 4 and parts[2] in ROLES else None


# -- the guide ---------------------------------------------------------------------------------


class Question(NamedTuple):
    """One question on a worksheet, for one side.

    `per_partner` marks a sharing-side question about the reusing organisation ("Hvordan bruger de
    innovationen?"): it can be answered once for all, or with a variant for one partner.
    """

    id: str
    text: str
    hints: tuple[str, ...] = ()
    group: str | None = None
    kind: str = "tekst"
    per_partner: bool = False


class Side(NamedTuple):
    """One side's part of a tool: guidance lines and questions."""

    role: str
    guidance: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()


class Tool(NamedTuple):
    """A worksheet tool (værktøj) belonging to one phase."""

    id: str
    title: str
    introduction: str
    sides: Mapping[str, Side] = NOTHING

    def side(self, role: str) -> Side | None:
        """Return this tool's part for one side, or None when that side has nothing here."""
        return self.sides.get(role)

    def questions(self, role: str) -> tuple[Question, ...]:
        """Return the questions for one side (empty when the side has none)."""
        side = self.sides.get(role)
        return side.questions if side else ()


class Phase(NamedTuple):
    """One of the guide's six phases, with its purpose, goals per side and tools."""

    id: str
    number: int
    name: str
    purpose: str
    goals: Mapping[str, tuple[str, ...]]
    tools: tuple[Tool, ...]

    def questions(self, role: str) -> tuple[Question, ...]:
        """Return all of one side's questions in this phase, in guide order."""
        return tuple(q for tool in self.tools for q in tool.questions(role))


class Guide(NamedTuple):
    """The whole guide: introduction, phases in order, and a closing line."""

    title: str
    edition: str
    publisher: str
    introduction: tuple[str, ...]
    closing: str
    phases: tuple[Phase, ...]
    language: str = "da"
    pairs: tuple[tuple[str, str], ...] = ()  # (sharing-side id, reusing-side id) facing on a worksheet
    action_tools: tuple[str, ...] = ()  # 'fase.værktøj' where the guide asks for actions (the plan)
    to_know: tuple[str, ...] = ()  # questions where a side says what it still needs to know

    def counterpart(self, question_id: str) -> tuple[str, ...]:
        """The questions facing this one on the other side of its worksheet."""
        return tuple(b if a == question_id else a for a, b in self.pairs if question_id in (a, b))

    def find_phase(self, name: str) -> Phase | None:
        """Find a phase by id or name, in any case, with or without Danish letters ('host', 'hoest')."""
        wanted = fold_name(name)
        for phase in self.phases:
            if wanted in {*name_forms(phase.id), *name_forms(phase.name), str(phase.number)}:
                return phase
        return None

    def questions(self, role: str | None = None) -> tuple[Question, ...]:
        """Return every question (for one side, or both) in guide order, tool by tool."""
        roles = (role,) if role else ROLES
        return tuple(
            q
            for phase in self.phases
            for tool in phase.tools
            for r in ROLES
            if r in roles
            for q in tool.questions(r)
        )

    def question_ids(self) -> tuple[str, ...]:
        """Return every question id in guide order, both sides, tool by tool."""
        return tuple(q.id for q in self.questions())

    def locate(self, question_id: str) -> tuple[Phase, Tool, Question] | None:
        """The phase, tool and question of an id, or None when this guide does not have it."""
        for phase in self.phases:
            for tool in phase.tools:
                for role in ROLES:
                    for question in tool.questions(role):
                        if question.id == question_id:
                            return phase, tool, question
        return None


class Layout(NamedTuple):
    """Where each question's answer has a place in a project file, in guide order.

    Every question has a line of its own even when unanswered, so two people answering different
    questions (neighbours too) change different lines and git merges their work without conflicts.
    """

    shared: tuple[str, ...]  # the sharing side's questions
    dialogue: tuple[str, ...]  # in each partner's dialogue: its questions and the variant places
    edition: str = ""  # the guide's edition: a file naming it has this layout (projectcut.py)


def layout(guide: Guide) -> Layout:
    """The file layout a guide gives."""
    shared = tuple(q.id for q in guide.questions("dele"))
    dialogue = tuple(
        q.id
        for phase in guide.phases
        for tool in phase.tools
        for role in ROLES
        for q in tool.questions(role)
        if role == "genbruge" or q.per_partner
    )
    return Layout(shared, dialogue, guide.edition)


# -- a project -------------------------------------------------------------------------------

Version = tuple[tuple[str, int], ...]  # a version vector: (copy id, counter) pairs, sorted
Fields = tuple[tuple[str, str], ...]  # a record's named values: (name, value) pairs, sorted by name


class Answer(NamedTuple):
    """One version of an answer: its text, or a "not relevant" mark (the text is then the reason).

    An empty Answer (no text, not marked) is a deleted answer: its history still travels, so a
    deletion reaches the partner like any other change. `source` names, for a conflicting version
    kept beside the answer, the organisation it came from ('dele', a partner's key, or '').

    The same versioned value carries the follow-up records (a plan item, a readiness mark, an
    approval, a meeting; see followup.py) in `fields`, so they travel and merge by the very same
    history rules; an answer's `fields` are empty.
    """

    text: str = ""
    not_relevant: bool = False
    version: Version = ()
    source: str = ""
    fields: Fields = ()

    @property
    def empty(self) -> bool:
        """True for a deleted (or never given) answer or record."""
        return not self.text and not self.not_relevant and not self.fields

    def same_content(self, other: Answer) -> bool:
        """True when two versions say the same (their histories may differ)."""
        return (
            self.text == other.text
            and self.not_relevant == other.not_relevant
            and self.fields == other.fields
        )


def joined(versions: Iterable[Answer | None]) -> Answer | None:
    """Every version of an answer kept, one after the other: "both" (or "all") of a conflict.

    The one place versions are joined (``konflikter``, ``importer``, two windows saving at once).
    Texts follow one another as paragraphs, in the order given. A "not relevant" mark is kept:
    when every version is marked, the answer stays marked and the reasons are joined. A mix of
    marks and answers is None: it cannot be joined, because a question is either not relevant or
    answered, and a reason put among answer texts would silently read as part of the answer; the
    user picks one version or writes the text that settles it. Deleted versions add nothing.
    """
    given = [v for v in versions if v is not None and not v.empty]
    marked = [v.not_relevant for v in given]
    if any(marked) and not all(marked):
        return None
    text = "\n\n".join(v.text for v in given if v.text)
    return Answer(text=normalise(text), not_relevant=bool(given) and all(marked))


def joinable(versions: Iterable[Answer | None]) -> bool:
    """True when the versions can be kept one after the other (see joined): not a mix of marks and answers."""
    return joined(versions) is not None


class Entry(NamedTuple):
    """What a project holds for one question: the answer and conflicting versions kept beside it."""

    answer: Answer
    others: tuple[Answer, ...] = ()

    @property
    def in_conflict(self) -> bool:
        """True while another version waits for the user's decision."""
        return bool(self.others)


class Partner(NamedTuple):
    """A reusing organisation: a stable key (its dialogue's name in files) and its name."""

    key: str
    name: str


Slot = tuple[str, str]  # where an answer is kept: ("", question id) shared, (partner key, id) dialogue
# A follow-up record is kept the same way: ("", "KIND:KEY") the sharing side's general ones, or
# (partner key, "KIND:KEY") in one dialogue (followup.py names the kinds).


class Project(NamedTuple):
    """A spreading project: its identity, facts and every dialogue's answers."""

    id: str
    slug: str
    name: str
    description: str = ""
    sharing_org: str = ""
    partners: tuple[Partner, ...] = ()
    example: bool = False
    guide_edition: str = ""
    shared: Mapping[str, Entry] = NOTHING  # question id → entry
    dialogues: Mapping[str, Mapping[str, Entry]] = NOTHING  # partner key → question id → entry
    records: Mapping[str, Mapping[str, Entry]] = NOTHING  # '' or partner key → 'KIND:KEY' → entry

    def partner(self, key: str) -> Partner | None:
        """The partner with this key, or None."""
        return next((p for p in self.partners if p.key == key), None)

    def entry(self, slot: Slot) -> Entry | None:
        """The entry kept in a slot, or None."""
        where, question_id = slot
        section = self.shared if not where else self.dialogues.get(where, NOTHING)
        return section.get(question_id)

    def entries(self) -> list[tuple[Slot, Entry]]:
        """Every slot with its entry: the shared answers, then each dialogue's."""
        result: list[tuple[Slot, Entry]] = [(("", qid), e) for qid, e in self.shared.items()]
        for key, section in self.dialogues.items():
            result.extend(((key, qid), e) for qid, e in section.items())
        return result

    def with_entry(self, slot: Slot, entry: Entry | None) -> Project:
        """Return a copy with one slot's entry set (or removed with None)."""
        where, question_id = slot
        section = dict(self.shared if not where else self.dialogues.get(where, NOTHING))
        if entry is None:
            section.pop(question_id, None)
        else:
            section[question_id] = entry
        if not where:
            return self._replace(shared=section)
        return self._replace(dialogues={**self.dialogues, where: section})

    def dialogue(self, partner: Partner | None) -> Dialogue:
        """The view of one dialogue (or, without partners, of the sharing side's answers)."""
        return Dialogue(self, partner)

    def record(self, slot: Slot) -> Entry | None:
        """The follow-up record kept in a slot, or None."""
        where, key = slot
        return self.records.get(where, NOTHING).get(key)

    def record_entries(self) -> list[tuple[Slot, Entry]]:
        """Every follow-up record with its slot: the general ones, then each dialogue's."""
        order = ["", *(k for k in self.records if k)]
        return [((where, key), e) for where in order for key, e in self.records.get(where, NOTHING).items()]

    def longest(self, most: int = 3) -> list[Slot]:
        """The answers and records that take up the most room, longest first (to be shortened).

        At most `most`, and only those at least a tenth of the longest: the ones that matter.
        """
        sizes: dict[Slot, int] = {}
        for slot, entry in (*self.entries(), *self.record_entries()):
            sizes[slot] = len(entry.answer.text) + sum(len(other.text) for other in entry.others)
        return longest_of(sizes, most)

    def with_record(self, slot: Slot, entry: Entry | None) -> Project:
        """Return a copy with one follow-up record set (or removed with None)."""
        where, key = slot
        section = dict(self.records.get(where, NOTHING))
        if entry is None:
            section.pop(key, None)
        else:
            section[key] = entry
        records = {**self.records, where: section}
        return self._replace(records={k: v for k, v in records.items() if v})


def longest_of(sizes: Mapping[Slot, int], most: int = 3) -> list[Slot]:
    """The slots of the largest sizes, largest first: the ones worth shortening.

    At most `most`, none empty, and only those at least a tenth of the largest.
    """
    found = sorted((slot for slot in sizes if sizes[slot]), key=lambda slot: -sizes[slot])[:most]
    return [slot for slot in found if sizes[slot] * 10 >= sizes[found[0]]]


class Dialogue(NamedTuple):
    """One sharing–reusing pair as every view, report and interview reads it.

    The sharing side's answer to a question is the partner-specific variant when this dialogue has
    one, else the answer written once for everybody; the reusing side's answers are the partner's.
    """

    project: Project
    partner: Partner | None

    def slot(self, question_id: str) -> Slot:
        """Where this dialogue reads (and by default writes) a question's answer."""
        key = self.partner.key if self.partner else ""
        if side_of(question_id) == "genbruge":
            return key, question_id
        if key and _given(self.project.entry((key, question_id))):
            return key, question_id
        return "", question_id

    def entry(self, question_id: str) -> Entry | None:
        """The entry this dialogue reads for a question."""
        return self.project.entry(self.slot(question_id))

    def answer(self, question_id: str) -> Answer | None:
        """The answer given (text or "not relevant"), or None when the question is open."""
        entry = self.entry(question_id)
        return entry.answer if entry is not None and not entry.answer.empty else None

    def text(self, question_id: str) -> str | None:
        """The answer's text when it is a real answer (not "not relevant"), else None."""
        answer = self.answer(question_id)
        return answer.text if answer is not None and not answer.not_relevant else None

    def is_variant(self, question_id: str) -> bool:
        """True when the sharing side's answer here is a variant for this partner."""
        return bool(self.partner) and side_of(question_id) == "dele" and self.slot(question_id)[0] != ""

    def waiting(self, question_id: str) -> tuple[Answer, ...]:
        """The other versions of the answer this dialogue reads, waiting here for a decision.

        A shared answer's other versions belong to the dialogues they came from (and to every
        dialogue when a version's origin is the sharing side or unknown): one partner's dialogue,
        its views and its agenda never show another partner's version.
        """
        slot = self.slot(question_id)
        entry = self.project.entry(slot)
        return () if entry is None else self._waiting(slot[0], entry)

    def _waiting(self, where: str, entry: Entry) -> tuple[Answer, ...]:
        key = self.partner.key if self.partner else ""
        if where or not key:
            return entry.others
        return tuple(o for o in entry.others if o.source in (key, SHARING, ""))

    def conflicts(self) -> list[tuple[Slot, Entry]]:
        """The slots (with entries) in conflict in this dialogue (see `waiting`)."""
        key = self.partner.key if self.partner else ""
        found: list[tuple[Slot, Entry]] = [
            (("", qid), e) for qid, e in self.project.shared.items() if self._waiting("", e)
        ]
        if key:
            found += [
                ((key, qid), e)
                for qid, e in self.project.dialogues.get(key, NOTHING).items()
                if e.in_conflict
            ]
        return found


def _given(entry: Entry | None) -> bool:
    return entry is not None and not entry.answer.empty


def writer_settles(entry: Entry, writer: str) -> bool:
    """True when every version of a conflict is the partner's that wrote ours (`writer`).

    On the sharing side a partner's text can come twice: from a worksheet the partner filled in
    and from its program, where it typed another text meanwhile. The conflict is then the
    partner's own, which its program has too once it has our export: it is the partner's to settle.
    """
    return not entry.answer.empty and bool(entry.others) and all(o.source == writer for o in entry.others)


class Progress(NamedTuple):
    """How many of a set of questions are done (answered or marked "not relevant")."""

    answered: int
    total: int
    not_relevant: int = 0

    @property
    def complete(self) -> bool:
        """Return True when every question is done (and there is at least one)."""
        return self.total > 0 and self.answered >= self.total


def progress(dialogue: Dialogue, questions: tuple[Question, ...]) -> Progress:
    """Count how many of the given questions a dialogue has answered or marked "not relevant"."""
    done = not_relevant = 0
    for question in questions:
        answer = dialogue.answer(question.id)
        if answer is not None:
            done += 1
            not_relevant += answer.not_relevant
    return Progress(done, len(questions), not_relevant)


def normalise(text: str) -> str:
    """An answer's text as kept: blank lines, margin and line-end spaces trimmed; plain line breaks.

    The same rule for a typed answer and for one edited by hand in the project file.

    Spaces at the end of a line cannot be seen, and would make the YAML writer put the whole
    answer on one escaped line in the file instead of a readable block. The margin is the blank
    space every line starts with: a one-line answer loses the spaces before it, but an indented
    first line under which the others are less indented keeps its indent, so the text keeps its
    shape (an indented block, a list). Tabs stay wherever they are: a row pasted from a
    spreadsheet starts or ends with one when its first or last cell is empty, and without it the
    row's cells would move to other columns.
    """
    text = writable(text)  # an invalid byte pasted in becomes a visible "�"
    lines = [line.rstrip(" ") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0].strip():
        del lines[0]
    while lines and not lines[-1].strip():
        del lines[-1]
    if lines:  # blank space around the text goes, all but tabs: the margin before, the end after
        margin = min(_blank_not_tab(line) for line in lines if line.strip())
        lines = [line[margin:] if line.strip() else line for line in lines]
        lines[-1] = lines[-1][: len(lines[-1]) - _blank_not_tab(reversed(lines[-1]))]
    return "\n".join(lines)


def _blank_not_tab(characters: Iterable[str]) -> int:
    """How many blank characters other than tabs (spaces, no-break spaces ...) come first."""
    return sum(1 for _ in itertools.takewhile(lambda c: c.isspace() and c != "\t", characters))
