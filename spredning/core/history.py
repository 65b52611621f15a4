"""Answer history: version vectors that let every copy of a project agree, whatever the order.

Each copy of a project (an organisation's computer, a colleague's git clone) has a copy id of its
own. Every answer carries a version vector: for each copy that ever changed it, how many times.
Comparing two vectors says whether one version came from the other (it was written by someone who
had seen it) or whether the two were written independently:

- the incoming version is newer (ours <= theirs): theirs replaces ours, also when it closes a
  conflict we kept, because whoever resolved it had both versions;
- the incoming version is older or the same: nothing changes (a stale or repeated file);
- neither: both sides changed the answer since their common version. Equal texts simply agree
  (the vectors are joined); different texts are a conflict: ours stays, theirs is kept beside it,
  and the user decides. A decision gets a version newer than both, so it travels and closes the
  conflict on the other side too.

That is the whole rule; it needs no record of what was sent or received, so files can be
imported in any order, any number of times, and helper files can be deleted. A version also
carries a checksum of its text: an answer edited by hand in the file (or by a git merge) no longer
matches it and counts as a new change by this copy, so it is never mistaken for an old version.

Answers from before histories existed (format 1 files) have the empty vector: older than any
change, equal to each other.
"""

from __future__ import annotations

import enum
import re
import zlib
from collections.abc import Iterable

from spredning.core.errors import SpredningError
from spredning.core.model import Answer, Entry, Version

_PAIR = re.compile(r"^([a-z0-9]{1,16}):([0-9]{1,15})$")
_CHECK = re.compile(r"^[0-9a-f]{8}$")
# What a file may hold, and so what this program may ever write: bounds what a hostile file can
# make us compare. A partner's file is held to much less (INCOMING_*), so what it brings leaves
# room for every later edit, join and decision; `written` refuses the rest rather than write a
# version that could not be read back.
MAX_PAIRS = 1000
MAX_COUNT = 10**15 - 1
INCOMING_MAX_PAIRS = 64  # more copies than any project has
INCOMING_MAX_COUNT = 10**9 - 1  # more changes than anyone makes


class Order(enum.Enum):
    """How two versions relate."""

    SAME = "same"
    BEFORE = "before"  # the first is older than the second
    AFTER = "after"  # the first is newer than the second
    CONCURRENT = "concurrent"


class Outcome(enum.Enum):
    """What bringing in one incoming version did."""

    ADDED = "added"  # a new answer
    UPDATED = "updated"  # a newer version replaced ours
    RESOLVED = "resolved"  # a newer version that closes a conflict we kept
    UNCHANGED = "unchanged"  # we had it already
    OLDER = "older"  # the file's version is older than ours: skipped
    CONFLICT = "conflict"  # both changed it: theirs is kept beside ours


def checksum(answer: Answer) -> str:
    """A short checksum of what an answer says, to notice edits made outside the program."""
    content = ("n:" if answer.not_relevant else "t:") + answer.text
    if answer.fields:  # a follow-up record (an answer's checksum is the same as before records)
        content += "".join(f"\x1e{name}\x1f{value}" for name, value in answer.fields)
    return f"{zlib.crc32(content.encode('utf-8', 'surrogatepass')):08x}"


def parse(text: str) -> tuple[str | None, Version] | None:
    """Read 'CHECK COPY:N COPY:N ...' into (checksum, vector); None when it is not that form."""
    words = text.split()
    if not words or len(words) > MAX_PAIRS + 1:
        return None
    check = words[0] if _CHECK.match(words[0]) else None
    pairs = {}
    for word in words[1:] if check else words:
        match = _PAIR.match(word)
        if match is None or match.group(1) in pairs:
            return None
        pairs[match.group(1)] = int(match.group(2))
    if len(pairs) > MAX_PAIRS:  # (a vector without its checksum had one word more to spare)
        return None
    return check, tuple(sorted(pairs.items()))


def written(answer: Answer) -> str:
    """The version as written in a file: its checksum, then the vector (never one `parse` refuses)."""
    if not writable(answer.version):
        raise SpredningError("project.version-too-long", pairs=MAX_PAIRS)
    return " ".join([checksum(answer), *(f"{copy}:{count}" for copy, count in answer.version)])


def fits(version: Version, pairs: int = INCOMING_MAX_PAIRS, count: int = INCOMING_MAX_COUNT) -> bool:
    """Whether a version stays within the bounds (by default those of a partner's file)."""
    return len(version) <= pairs and all(n <= count for _, n in version)


def writable(version: Version) -> bool:
    """Whether a version can be written in a file and read back."""
    return fits(version, MAX_PAIRS, MAX_COUNT)


def compare(first: Version, second: Version) -> Order:
    """How version `first` relates to `second`."""
    a, b = dict(first), dict(second)
    below = any(count < b.get(copy, 0) for copy, count in a.items()) or any(copy not in a for copy in b)
    above = any(count > b.get(copy, 0) for copy, count in a.items())
    if below and above:
        return Order.CONCURRENT
    if below:
        return Order.BEFORE
    if above:
        return Order.AFTER
    return Order.SAME


def joined(versions: Iterable[Version]) -> Version:
    """The smallest version at least as new as each given one (their pointwise maximum)."""
    result: dict[str, int] = {}
    for version in versions:
        for copy, count in version:
            result[copy] = max(count, result.get(copy, 0))
    return tuple(sorted(result.items()))


def bumped(version: Version, copy: str, given: int = 0) -> Version:
    """The version after one more change made by `copy`.

    `given` is the highest count this copy ever gave the answer (local.py): the new count is above
    it too, so a file put back to an older copy (a sync program's "restore") never makes this copy
    give one count to two different texts.
    """
    counts = dict(version)
    counts[copy] = max(counts.get(copy, 0), given) + 1
    return tuple(sorted(counts.items()))


def edited(entry: Entry | None, content: Answer, copy: str, given: int = 0) -> Entry:
    """The entry after this copy changes the answer; conflicts kept beside it stay open (`given`: bumped)."""
    base = entry.answer.version if entry else ()
    others = entry.others if entry else ()
    return Entry(content._replace(version=bumped(base, copy, given), source=""), others)


def resolved(entry: Entry, content: Answer, copy: str, given: int = 0) -> Entry:
    """The entry after the user settles a conflict: newer than every version it saw (`given`: bumped)."""
    versions = [entry.answer.version, *(other.version for other in entry.others)]
    return Entry(content._replace(version=bumped(joined(versions), copy, given), source=""))


def integrate(local: Entry | None, incoming: Answer) -> tuple[Entry, Outcome]:
    """Bring one incoming version into the entry we have; never drop a text without a trace."""
    if local is None:
        outcome = Outcome.UNCHANGED if incoming.empty else Outcome.ADDED
        return Entry(incoming._replace(source="")), outcome
    ours = local.answer
    order = compare(ours.version, incoming.version)
    if order is Order.BEFORE:
        return _fast_forward(local, incoming)
    if order is Order.SAME and ours.same_content(incoming):
        return local, Outcome.UNCHANGED
    if order is Order.AFTER:  # an older version of the same text (ours settled a conflict with it, say)
        return local, Outcome.UNCHANGED if ours.same_content(incoming) else Outcome.OLDER
    if ours.same_content(incoming):  # written twice independently, but alike: they agree
        merged = ours._replace(version=joined((ours.version, incoming.version)))
        return Entry(merged, _still_open(local.others, merged)), Outcome.UNCHANGED
    return _keep_beside(local, incoming)


def _fast_forward(local: Entry, incoming: Answer) -> tuple[Entry, Outcome]:
    others = _still_open(local.others, incoming)
    new = Entry(incoming._replace(source=""), others)
    if local.others and len(others) < len(local.others):
        return new, Outcome.RESOLVED
    if local.answer.same_content(incoming) or (local.answer.empty and incoming.empty):
        return new, Outcome.UNCHANGED
    return new, Outcome.ADDED if local.answer.empty else Outcome.UPDATED


def _still_open(others: tuple[Answer, ...], answer: Answer) -> tuple[Answer, ...]:
    """The kept versions that `answer` does not settle (it settles those it is newer than)."""
    return tuple(
        o
        for o in others
        if compare(o.version, answer.version) not in (Order.BEFORE, Order.SAME) and not o.same_content(answer)
    )


def _keep_beside(local: Entry, incoming: Answer) -> tuple[Entry, Outcome]:
    """A concurrent version with other content: kept beside ours, unless we have it already."""
    others = list(local.others)
    for position, other in enumerate(others):
        order = compare(incoming.version, other.version)
        if other.same_content(incoming):
            others[position] = other._replace(version=joined((other.version, incoming.version)))
            return local._replace(others=tuple(others)), Outcome.UNCHANGED
        if order in (Order.BEFORE, Order.SAME):
            return local, Outcome.OLDER if order is Order.BEFORE else Outcome.UNCHANGED
    others = [o for o in others if compare(o.version, incoming.version) is not Order.BEFORE]
    others.append(incoming)
    return local._replace(others=tuple(others)), Outcome.CONFLICT


def integrate_legacy(
    local: Entry | None, incoming: Answer, base: str | None, copy: str
) -> tuple[Entry, Outcome]:
    """Bring in an answer from a format 1 file, which has no history, only its common ground.

    `base` is what that file's sender last had in common with us for this question ('fælles').
    A text equal to it was not changed by the sender; our text equal to it means only they did.
    """
    if local is None or local.answer.empty:
        return integrate(local, incoming)
    ours = local.answer
    if ours.same_content(incoming) or any(o.same_content(incoming) for o in local.others):
        return local, Outcome.UNCHANGED
    if base is not None and incoming.text == base:
        return local, Outcome.OLDER
    if base is not None and ours.text == base and not ours.not_relevant:
        return Entry(
            incoming._replace(version=bumped(ours.version, copy), source=""), local.others
        ), Outcome.UPDATED
    return local._replace(others=(*local.others, incoming)), Outcome.CONFLICT
