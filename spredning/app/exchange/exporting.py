"""Exporting: the file for a partner, and what it would bring them that they do not have yet.

An export is a project file carrying the sharing side's answers and one partner's dialogue, with
every answer's history. The follow-up records (core/followup.py: plan, readiness, approvals,
meetings) travel the same way: the general ones and the receiver's dialogue's. What the receiver
is then known to have is noted, so status can count what is not sent yet (unsent), and that its
program takes exchange files (a worksheet made for it then does not count as given: its program
gets our answers only from a file).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from spredning.app import files
from spredning.app.dialogue import partner_for
from spredning.app.exchange.incoming import places
from spredning.app.workspace import Workspace
from spredning.core import fileio, followup, history, local, projectwrite, yamlio
from spredning.core.errors import SpredningError, UsageProblem
from spredning.core.local import LocalState, slot_key
from spredning.core.model import SHARING, Answer, Entry, Partner, Project, Version, side_of


class Exported(NamedTuple):
    """An export written: where, for whom, and what it carries."""

    path: Path
    project: Project
    receiver: str  # 'dele' or a partner's key
    receiver_name: str
    answers: int
    others_included: tuple[str, ...]  # other partners' names included on purpose
    replaced: bool
    changes: int = 0  # answers and records in the file the receiver was not known to have
    beside: bool = False  # without --ud, put beside the projects folder (files.place)
    unknown: bool = False  # this computer could not tell what the receiver had (unsent_unknown)
    copy: Path | None = None  # the file replaced (--overskriv), kept beside it, unless it was ours
    drafts: tuple[tuple[str, str], ...] = ()  # drafts here the file does not carry (drafts_left_out)
    conflicts: int = 0  # open conflicts in what the file carries: it has only the version standing here
    records: int = 0  # the follow-up it carries (the plan's, the meetings'), beside the answers
    first: bool = False  # no file went between this computer and the receiver before (local.takes_files)
    sheets_before: bool = False  # the receiver had had only worksheets from here (local.sheets_only)


class SheetsOnly(SpredningError):
    """The receiver has had only worksheets from here: asked before a file goes to it (ask_sheets_only)."""

    def __init__(self, partner: Partner | None, name: str, several: bool):
        super().__init__("eksport.sheets-only", org=name)
        self.partner = partner  # None: the sharing side
        self.several = several  # one of several partners: a command names it (--partner)


def export(
    ws: Workspace,
    *,
    role: str | None,
    partner_option: str | None,
    include_all: bool,
    out: Path | None,
    overwrite: bool,
    today: datetime.date,
    ask_sheets_only: bool = False,
) -> Exported:
    """Write the file for a partner: the sharing side's answers and that partner's dialogue.

    `ask_sheets_only`: a receiver that has had only worksheets from here (local.sheets_only) is
    refused with SheetsOnly before anything is written, for the front end to ask whether it has
    the program now (a file of ours makes it one whose program takes our files, for good).
    """
    opened = ws.open_to_send()
    project, state = opened.project, opened.local
    me = state.me
    if me is None:
        raise UsageProblem("exchange.who-are-you")
    if me == SHARING:
        receiver = partner_for(project, state, partner_option)
        if receiver is None:
            raise UsageProblem("exchange.no-partner")
        receiver_key, receiver_name = receiver.key, receiver.name or receiver.key
        name = f"{project.slug}-til-{receiver.key}.yaml"
    else:
        if include_all:
            raise UsageProblem("exchange.all-only-sharing")
        if partner_option is not None:  # only this organisation's own name passes (dialogue.not-ours)
            partner_for(project, state, partner_option)
        receiver = None
        receiver_key, receiver_name = SHARING, project.sharing_org
        name = f"{project.slug}-fra-{me}.yaml"
    if ask_sheets_only and local.sheets_only(state, receiver_key):
        raise SheetsOnly(receiver, receiver_name, me == SHARING and len(project.partners) > 1)
    outgoing = outgoing_project(project, me, receiver, include_all=include_all, role=role)
    content = projectwrite.serialise(
        outgoing, ws.layout, opened.path, {"fra": me, "til": receiver_key, "dato": today.isoformat()}
    )
    _check_size(ws, content, outgoing, receiver_name)
    path, beside = files.place(ws, out, name)
    key = fileio.path_text(path.absolute())  # the program's own output, known by it
    replaced = os.path.exists(path)  # a file not to be seen (no access) is said by write_output
    new = _new_to(outgoing, state.known.get(receiver_key, {}))
    changes = len(new)
    unknown = unsent_unknown(project, state, receiver, ws)
    first = not local.takes_files(state, receiver_key)
    sheets_before = local.sheets_only(state, receiver_key)
    merged = merged_copies(ws, project, state)  # a state from an older program notes them from now on
    sent = {key: history.written(answer) for key, answer in new}  # an older version is not what they have
    copies: list[Path] = []
    ws.store.write_and_remember(  # not remembered: the front end warns, the export is written
        project.slug,
        lambda: files.kept_in(
            copies,
            files.write_output(ws, path, content, overwrite=overwrite, replaceable=state.exports.get(key)),
        ),
        lambda s: local.with_exchanged(local.with_merged(s, merged), receiver_key)._replace(
            exports={**s.exports, key: fileio.checksum(content)},
            known={**s.known, receiver_key: {**s.known.get(receiver_key, {}), **sent}},
        ),
    )
    # only the sharing side can include other partners, and only on purpose (--alle-partnere)
    others = tuple(
        p.name or p.key for p in outgoing.partners if include_all and receiver and p.key != receiver.key
    )
    count = sum(1 for _, e in outgoing.entries() if not e.answer.empty)
    carried = _dialogues(project, me, receiver, include_all)
    return Exported(
        path,
        project,
        receiver_key,
        receiver_name,
        count,
        others,
        replaced,
        changes,
        beside,
        unknown,
        next(iter(copies), None),
        drafts_left_out(ws, state, carried, role),
        len(conflicts_carried(project, carried, role)),
        sum(1 for _, e in outgoing.record_entries() if not e.answer.empty),
        first,
        sheets_before,
    )


def _check_size(ws: Workspace, content: bytes, outgoing: Project, receiver_name: str) -> None:
    """Refuse an export larger than 'importer' reads, before anything is written or marked as sent.

    The limit is the import's own (projectfile.loads reads at most yamlio.MAX_BYTES), so a file
    that is written can always be read by the partner. The longest answers are named, to shorten.
    """
    if len(content) <= yamlio.MAX_BYTES:
        return
    longest = outgoing.longest()
    raise SpredningError(
        "exchange.too-large",
        size=len(content),
        limit=yamlio.MAX_BYTES,
        receiver=receiver_name,
        ids=places(ws, outgoing, longest),
        n=len(longest),
    )


def _dialogues(project: Project, me: str, receiver: Partner | None, include_all: bool) -> list[str]:
    """The dialogues a file from `me` carries (partners' keys): see outgoing_project."""
    if me != SHARING:
        return [me]
    if include_all:
        return [p.key for p in project.partners]
    return [receiver.key] if receiver is not None else []


def drafts_left_out(
    ws: Workspace, state: LocalState, dialogues: list[str], role: str | None
) -> tuple[tuple[str, str], ...]:
    """The drafts kept here in the places a file carries: text it does not carry, as it is no answer.

    (slot key, question id) each, in the guide's order; the places are the shared answers and
    `dialogues`, of `role`'s questions only when the file has one side's.
    """
    order = {question.id: n for n, question in enumerate(ws.guide.questions())}
    found = []
    for key, text in state.drafts.items():
        where, qid = local.key_slot(key)
        carried = where in ("", *dialogues) and (role is None or side_of(qid) == role)
        if (text or "").strip() and carried and qid in order:
            found.append((key, qid))
    return tuple(sorted(found, key=lambda item: (order[item[1]], item[0])))


def conflicts_carried(project: Project, dialogues: list[str], role: str | None) -> set[tuple[str, str]]:
    """The slots in conflict among those a file carries (the dialogues', with role's side only).

    The file has each answer's current version only (outgoing_project), not the versions waiting
    beside it: a conflict settled after the export reaches the partner only with the next one.
    A shared answer is in every file, so its conflict is said in each, also when the version
    waiting is another partner's: settled for that one, the answer this file carries may change.
    """
    found = {("", qid) for qid, entry in project.shared.items() if entry.in_conflict}
    for key in dialogues:
        found.update(slot for slot, _ in project.dialogue(project.partner(key)).conflicts())
    return {slot for slot in found if role is None or side_of(slot[1]) == role}


def outgoing_project(
    project: Project,
    me: str,
    receiver: Partner | None,
    *,
    include_all: bool = False,
    role: str | None = None,
) -> Project:
    """What a file from `me` carries: the sharing side's answers and one dialogue, with follow-up.

    The dialogue is the receiver's (every one with `include_all`; a reusing organisation's own when
    it sends); each answer and record goes in its current version, without the versions kept
    beside it in a conflict. `export` writes this project and `unsent` counts from it, so the two
    cannot disagree.
    """
    dialogues = _dialogues(project, me, receiver, include_all)
    shared = _only_side({q: Entry(e.answer) for q, e in project.shared.items()}, role)
    chosen = {
        key: _only_side({q: Entry(e.answer) for q, e in project.dialogues.get(key, {}).items()}, role)
        for key in dialogues
    }
    records = {
        where: {
            k: Entry(e.answer) for k, e in project.records.get(where, {}).items() if _record_side(k, role)
        }
        for where in ("", *dialogues)
    }
    return project._replace(
        partners=tuple(p for p in project.partners if p.key in dialogues),
        shared=shared,
        dialogues={k: v for k, v in chosen.items() if v},
        records={k: v for k, v in records.items() if v},
        example=False,
    )


def not_known(outgoing: Project, known: Mapping[str, str]) -> list[str]:
    """The slot keys of a file's answers and records whose version the receiver is not known to have.

    Not known: never sent to it nor seen in its files, or changed since (a deletion included). A
    version older than the one it is known to have is nothing new to it (a project file put back to
    an older copy, see store.WentBack); the same version with another text is (a count given twice
    by a program from before local.py remembered the counts it gave).
    """
    return [key for key, _ in _new_to(outgoing, known)]


def _new_to(outgoing: Project, known: Mapping[str, str]) -> list[tuple[str, Answer]]:
    """The slot keys and answers of not_known."""
    found = []
    for slot, entry in (*outgoing.entries(), *outgoing.record_entries()):
        answer = entry.answer
        if answer.empty and not answer.version:
            continue  # nothing was ever written here
        seen = history.parse(known.get(slot_key(slot), ""))
        if seen is None or _newer(answer, *seen):
            found.append((slot_key(slot), answer))
    return found


def _newer(answer: Answer, check: str | None, version: Version) -> bool:
    """Whether an answer is new to a receiver known to have `version` (with text checksum `check`)."""
    order = history.compare(answer.version, version)
    if order is history.Order.SAME:
        return check not in (None, history.checksum(answer))
    return order is not history.Order.BEFORE


def unsent(project: Project, state: LocalState, partner: Partner | None) -> int:
    """How many answers and records `eksport` would bring the other side that it does not have yet.

    The file is the sharing side's for `partner`, or a reusing organisation's own.
    """
    me = state.me
    if me is None:
        return 0
    if me != SHARING:
        return len(not_known(outgoing_project(project, me, None), state.known.get(SHARING, {})))
    if partner is None:
        return 0
    return len(not_known(outgoing_project(project, me, partner), state.known.get(partner.key, {})))


def copies_here(ws: Workspace) -> frozenset[str]:
    """The copy ids of every project's state on this computer: the versions this computer wrote.

    Only for a state written by a program from before ``flettet-ind`` (merged_copies).
    """
    from spredning.core.store import state_notes

    try:  # cached: a long list is not read file by file
        return frozenset(n.copy for n in state_notes.read(ws.store.home, ws.store.slugs()).values())
    except SpredningError:  # the helper folder cannot be read: only the project's own state's copy
        return frozenset()


def _unseen(project: Project, state: LocalState) -> set[str]:
    """The copy ids of the project's versions that did not come through this computer (local.came_through)."""
    written = [e.answer for _, e in [*project.entries(), *project.record_entries()]]
    return {copy for answer in written for copy, _ in answer.version} - local.came_through(state)


def merged_copies(ws: Workspace, project: Project, state: LocalState) -> tuple[str, ...]:
    """The copy ids merged into the project from other projects here (LocalState.merged).

    A state from a program before the key did not note them: they are then the copies of the
    project's versions that are some project's here (copies_here; those read only when needed).
    A project merged from and removed since is not found: its versions then count as written
    elsewhere, and this computer says it cannot tell (never that a partner has not had them).
    """
    if state.merged is not None:
        return state.merged
    unseen = _unseen(project, state)
    return tuple(sorted(unseen & copies_here(ws))) if unseen else ()


def unsent_unknown(project: Project, state: LocalState, partner: Partner | None, ws: Workspace) -> bool:
    """Whether this computer cannot tell what the other side has: unsent counts what it has not sent.

    So it is when no exchange file went to or came from the other side here (nothing noted of it),
    while the project holds a version written on another computer that did not come through this
    one (a copy id neither this computer's, nor merged in from another project here, nor one a
    file imported here brought: local.came_through): a copy of a project file (a colleague's, from
    git or a shared drive) whose files went to and fro elsewhere.
    Our own side's answers count too: the computer that wrote them may have sent them to a partner
    that never replied, and this computer's notes (LocalState.known) are not in the project file.
    A project written only here (answers typed for a partner at a workshop, or merged from another
    project here, too), or whose partners' answers came in here over what this computer wrote,
    holds nothing of that kind: what this computer says of the partners it has sent nothing is
    known. Only this project's state is read (a state from an older program: merged_copies).
    """
    me = state.me  # None: no side said here (a copy, a new helper folder), so no notes of what went where
    receiver = SHARING if me != SHARING else partner.key if partner is not None else None
    if receiver is None or state.known.get(receiver) or local.takes_files(state, receiver):
        return False
    unseen = _unseen(project, state)
    return bool(unseen) and bool(unseen.difference(merged_copies(ws, project, state)))


def _only_side(entries: dict[str, Entry], role: str | None) -> dict[str, Entry]:
    return {q: e for q, e in entries.items() if role is None or side_of(q) == role}


def _record_side(key: str, role: str | None) -> bool:
    """With --rolle, a readiness mark or an approval goes only with its side's answers."""
    kind, rest = followup.split_key(key)
    if role is None or kind not in ("klarhed", "godkendelse"):
        return True
    return rest.rsplit(".", 1)[-1] == role
