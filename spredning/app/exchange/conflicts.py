"""Conflicts: answers with another version waiting for a decision, and settling them.

A choice that leaves the text that stood here behind keeps the project file as it was beside it
first (leaves_behind), so no text is lost by a wrong choice. The decisions then go to whoever
must close the same conflicts at their end (decision_receivers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from spredning.app.exchange.noting import no_longer_news, writer
from spredning.app.workspace import Workspace
from spredning.core import history, local
from spredning.core.local import LocalState, slot_key
from spredning.core.model import SHARING, Answer, Entry, Partner, Project, Slot, normalise, writer_settles


class OpenConflict(NamedTuple):
    """An answer with another version waiting for a decision."""

    slot: Slot
    entry: Entry


def partners_own(state: LocalState, conflict: OpenConflict) -> str | None:
    """The partner whose own conflict this is (every version its text: its to settle), else None."""
    by = writer(state, conflict.slot, conflict.entry.answer)
    return by if by is not None and writer_settles(conflict.entry, by) else None


def open_conflicts(project: Project, partner: Partner | None = None) -> list[OpenConflict]:
    """The conflicts to settle: in one dialogue (as Dialogue.conflicts counts them), or everywhere."""
    if partner is None:
        return [OpenConflict(slot, entry) for slot, entry in project.entries() if entry.in_conflict]
    return [OpenConflict(slot, entry) for slot, entry in project.dialogue(partner).conflicts()]


class Settled(NamedTuple):
    """What settling conflicts did."""

    settled: int
    meanwhile: tuple[Slot, ...]  # changed since they were shown: left for another time
    backup: Path | None = None  # the project file as it was, when a choice left a text behind
    chosen_over: int = 0
    decided: frozenset[Slot] = frozenset()  # the conflicts settled (not those changed meanwhile)
    elsewhere: tuple[tuple[Slot, Answer], ...] = ()  # settled meanwhile elsewhere: each with its answer now


def settle(ws: Workspace, slug: str, decisions: Mapping[Slot, tuple[Entry, Answer]]) -> Settled:
    """Settle conflicts: each (entry as shown, chosen content).

    A choice that leaves the text that stood here behind (another version, or a text written from
    several) keeps the project file as it was beside it first, so no text is lost by a wrong choice.
    A conflict changed since it was shown is left as it is now: still open (Settled.meanwhile),
    or settled elsewhere meanwhile, another window's choice standing (Settled.elsewhere).
    """

    def apply(project: Project, state: LocalState):
        decided, meanwhile, elsewhere = set(), [], []
        for slot, (shown, content) in decisions.items():
            fresh = project.entry(slot)
            if fresh is not None and fresh != shown and not fresh.in_conflict:
                elsewhere.append((slot, fresh.answer))
                continue
            if fresh is None or fresh != shown:
                meanwhile.append(slot)
                continue
            project = project.with_entry(
                slot, history.resolved(fresh, content, state.copy, local.given_count(state, slot))
            )
            decided.add(slot)
        seen = {slot_key(slot) for slot in decided}
        return project, no_longer_news(state, seen), (frozenset(decided), tuple(meanwhile), tuple(elsewhere))

    leaving = {slot for slot, (shown, content) in decisions.items() if leaves_behind(shown.answer, content)}
    decided, meanwhile, elsewhere = ws.store.transact(slug, apply, keep_backup=bool(leaving))
    chosen_over = len(leaving & decided)  # a choice not used left nothing behind
    backup = ws.store.last_backup if chosen_over else None
    return Settled(len(decided), meanwhile, backup, chosen_over, decided, elsewhere)


def leaves_behind(here: Answer, chosen: Answer) -> bool:
    """True when the version chosen in a conflict drops the text that stood here (then kept in a copy).

    "Both, one after the other" (or a text written around it) keeps it whole: nothing is replaced.
    """
    if not here.text or here.not_relevant != chosen.not_relevant:
        return bool(here.text)
    paragraphs = f"\n\n{chosen.text}\n\n"  # whole paragraphs: "Ja" is not kept by "Jamen nej"
    return all(f"\n\n{text}\n\n" not in paragraphs for text in {here.text, normalise(here.text)})


def decision_receivers(
    project: Project, me: str | None, settled: Iterable[tuple[Slot, Entry]]
) -> tuple[Partner | None, ...]:
    """Who must get the decisions on these conflicts (as they were shown) to close them there too.

    A reusing organisation sends to the sharing side (None). The sharing side sends to each partner
    whose dialogue a conflict was in; a decision on a shared answer goes to every partner, since
    each of them has that answer (the decision is new to them all, as status counts it).
    """
    if me is None:
        return ()
    if me != SHARING:
        return (None,)
    keys: set[str] = set()
    for (where, _), _entry in settled:
        if not where:
            return project.partners
        keys.add(where)
    return tuple(p for p in project.partners if p.key in keys)
