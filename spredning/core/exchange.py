"""Merging a partner organisation's answers into a project: never losing either side's words.

A three-way merge per answer. The base is what the two organisations last had in common for that
question: each export carries, as 'fælles', the version its sender last sent or received. With a
base, "they changed it" and "we changed it" can be told apart, so only a real conflict (both changed
it differently, e.g. when two exports cross) needs a choice, and importing a file twice is a no-op.
No terminal code here: the command asks about conflicts through a callback.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


class Outcome(enum.Enum):
    """What happens to one incoming answer."""

    ADDED = "tilføjet"
    UPDATED = "opdateret"
    UNCHANGED = "uændret"
    CONFLICT = "konflikt"


class Choice(enum.Enum):
    """How a conflict is resolved."""

    OURS = "vores"
    THEIRS = "deres"
    BOTH = "begge"
    LATER = "senere"


@dataclass(frozen=True)
class Conflict:
    """Both organisations changed one answer differently since they last had it in common."""

    question_id: str
    ours: str
    theirs: str


@dataclass
class MergePlan:
    """Everything an import would do, before anything is written."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    new_answers: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        """How many incoming answers have this outcome."""
        return sum(1 for o in self.outcomes.values() if o is outcome)


def plan_merge(ours: Mapping[str, str], theirs: Mapping[str, str], base: Mapping[str, str],
               pending: Mapping[str, str] | None = None,
               seen: Mapping[str, str] | None = None) -> MergePlan:
    """Decide, answer by answer, what importing `theirs` into `ours` means.

    `base` is the common ground the file declares: when our answer is still that, theirs is newer.
    `seen` is what we last exchanged ourselves: a text of theirs we already had is no news.
    `pending` holds conflicts already kept for later; the same one arriving again changes nothing.
    """
    plan = MergePlan()
    pending = pending or {}
    seen = seen or {}
    for qid, their_text in theirs.items():
        our_text = ours.get(qid)
        if pending.get(qid) == their_text:
            plan.outcomes[qid] = Outcome.UNCHANGED
        elif our_text is None:
            plan.outcomes[qid] = Outcome.ADDED
            plan.new_answers[qid] = their_text
        elif their_text in (our_text, base.get(qid), seen.get(qid)):
            plan.outcomes[qid] = Outcome.UNCHANGED
        elif our_text == base.get(qid):
            plan.outcomes[qid] = Outcome.UPDATED
            plan.new_answers[qid] = their_text
        else:
            plan.outcomes[qid] = Outcome.CONFLICT
            plan.conflicts.append(Conflict(qid, our_text, their_text))
    return plan


PARTNER_HEADING = "Partnerens udgave"


def combine(first: str | None, second: str | None, heading: str = PARTNER_HEADING) -> str:
    """Both versions of an answer in one text, the second under a visible heading line.

    Used wherever two versions meet (a partner's import, a colleague's save meanwhile), so
    nothing is dropped; an empty side is left out.
    """
    return f"\n\n--- {heading} ---\n\n".join(t for t in (first, second) if t)


def resolve(plan: MergePlan, choose: Callable[[Conflict], Choice]) -> dict[str, str]:
    """Apply a choice to each conflict; return conflicts left for later (id → their text)."""
    postponed = {}
    for conflict in plan.conflicts:
        choice = choose(conflict)
        if choice is Choice.THEIRS:
            plan.new_answers[conflict.question_id] = conflict.theirs
        elif choice is Choice.BOTH:
            plan.new_answers[conflict.question_id] = combine(conflict.ours, conflict.theirs)
        elif choice is Choice.LATER:
            postponed[conflict.question_id] = conflict.theirs
    return postponed
