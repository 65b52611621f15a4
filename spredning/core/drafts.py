"""Where a window's typed text goes among a project's drafts, so two windows never lose each other's.

Two windows may answer the same question on one computer. Each decides what to write from the
draft in the file as it is now (placed), never from its memory of what it wrote: a draft another
window wrote is never replaced or removed by one that did not see it. So it is with a reason
kept beside an answer draft (with_reason): both windows' reasons are kept. Each text stays its kind:
a reason is never joined into another window's answer draft, nor an answer into a reason draft; the
reason is kept beside the answer draft (reason_goes_beside, reason_aside).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping

from spredning.core.local import LocalState

JOINER = "\n\n"  # between two windows' texts kept in one draft: a paragraph each, no words of ours


class Drafted(enum.Enum):
    """What became of a window's text kept as a question's draft (placed)."""

    KEPT = "kept"  # the draft in the file is the text (no text: none of this window's is left)
    JOINED = "joined"  # the draft holds another window's text too: both kept, a paragraph each
    HELD = "held"  # another window's different draft is there and was left alone; the text is not written
    STALE = "stale"  # the text is the draft offered, unchanged here, and another window changed or removed it


def placed(
    drafts: Mapping[str, str],
    key: str,
    text: str,
    mine: str,
    join: bool,
    untouched: bool = False,
    base: str = "",
) -> tuple[dict[str, str], Drafted, str]:
    """The drafts with a window's `text` as its part of the draft of `key`, as the file holds them now.

    `mine` is the window's part: the draft it was offered, or the text it wrote last. The window
    changes (or, with a blank text, removes) only that part, where it stands whole in the draft;
    anything else there is another window's and stays. When the window's part is gone (another
    window replaced the draft it offered both), the text goes after what is there (`join`, when
    the field closes) or is not written (HELD, while typing: written at every pause, joining
    would pile up both windows' texts). Returns the drafts, the outcome and the window's part now.

    `untouched`: the text is the draft the window was offered, never changed there. It has nothing
    of its own to keep, so nothing is written: KEPT while the draft still holds it, else STALE
    (another window changed or removed it since; an old copy written back would undo that).

    A paragraph of the text that stands in another window's part already (both were offered
    it) is not written again: the window's part is its other paragraphs, so joining never
    repeats a paragraph. Nor are the lines both start with when both go on from `base`, the text
    the window was shown in its field (a saved answer or the draft offered): see _beyond.
    """
    result = dict(drafts)
    there = result.get(key, "")
    ours = text if text.strip() else ""
    if untouched:
        held = not ours or _replaced(there, mine, mine) is not None
        return result, Drafted.KEPT if held else Drafted.STALE, mine
    rest = _replaced(there, mine, "") if there else ""  # the draft without the window's part
    if rest is None:  # the window's part is gone: the draft there is all another window's
        if not ours:
            return result, Drafted.KEPT, ""
        if not join:
            return result, Drafted.HELD, mine
        part = _not_in(_beyond(ours, base, there), there)
        now = joined_texts(there, part) if part else there
    else:
        part = _not_in(_beyond(ours, base, rest), rest)
        now = (_replaced(there, mine, part) or "") if there else part
    if now.strip():
        result[key] = now
    else:
        result.pop(key, None)
    return result, Drafted.JOINED if ours and now != ours else Drafted.KEPT, part


_BLANK_END = re.compile(r"(?:\n[ \t]*)+\Z")  # the line break ending a text, and blank lines after it
_BLANK_START = re.compile(r"\A(?:[ \t]*\n)+")  # blank lines a text starts with


def joined_texts(first: str, second: str) -> str:
    """Two windows' texts in one draft: one after the other, with exactly one empty line between.

    Blank lines where they meet (the end of `first`, the start of `second`) go; nothing else of
    either text is changed. A window's part may end with the line break just typed.
    """
    return _BLANK_END.sub("", first) + JOINER + _BLANK_START.sub("", second)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _beyond(text: str, base: str, other: str) -> str:
    """`text` without its first lines when they are `base` and `other` starts with them too; else all of it.

    Two windows shown the same text (`base`), each adding lines under it: the lines they share
    stand once, at the start of the other window's part (`other`), and this window's part is the
    lines it added (blank lines around them left out). So both texts stand whole in the draft,
    each window's in order, and the shared text once. A text that changed `base` itself, or
    another window's that did, is kept whole (joined, as before).
    """
    shown = base.rstrip("\n")
    if not shown.strip() or not other:
        return text
    lines = shown.split("\n")
    ours, theirs = text.split("\n"), other.split("\n")
    if ours[: len(lines)] != lines or theirs[: len(lines)] != lines or len(ours) == len(lines):
        return text
    added = "\n".join(ours[len(lines) :]).strip("\n")
    same = added.strip() == "\n".join(theirs[len(lines) :]).strip()
    return "" if same else added  # the same lines added in both: none new


def _not_in(text: str, other: str) -> str:
    """`text` without the paragraphs that stand in `other` as well (all of it when none does)."""
    if not text or not other:
        return text
    there = {p.strip() for p in _PARAGRAPH_BREAK.split(other)}
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    new = [p for p in paragraphs if p.strip() not in there]
    return text if len(new) == len(paragraphs) else JOINER.join(new)


def with_drafts(
    state: LocalState, key: str, drafts: Mapping[str, str], done: Drafted, reason: bool = False
) -> LocalState:
    """The state with `drafts` (from placed), the draft of `key` marked as holding two windows' texts.

    Marked when a window's text was joined to another's, which it had not seen; unmarked when one
    window's text became all of it (a window offered the joined draft wrote it), or it is gone.
    `reason`: the text was typed as the reason for "not relevant", not as an answer; the draft is
    marked as one while it is that text (a text written as an answer since unmarks it).
    """
    reasons = set(state.reasons)
    if key in drafts and drafts[key] != state.drafts.get(key) and not reason:
        reasons.discard(key)  # written as an answer since
    if reason and key in drafts and done in (Drafted.KEPT, Drafted.JOINED):
        reasons.add(key)
    return state._replace(
        drafts=drafts,
        joined=_joined_marks(state.joined, key, state.drafts, drafts, done),
        reasons=tuple(k for k in reasons if k in drafts),
    )


def _joined_marks(
    marked: tuple[str, ...], key: str, before: Mapping[str, str], after: Mapping[str, str], done: Drafted
) -> tuple[str, ...]:
    """The texts marked as holding two windows' texts, once the text of `key` went from `before` to `after`.

    Marked when a window's text was joined to another's; unmarked when one window's text became
    all of it, or it is gone; a text left unchanged stays as marked before.
    """
    joined = set(marked)
    if key not in after:
        joined.discard(key)
    elif after[key] != before.get(key):
        if done is Drafted.JOINED:
            joined.add(key)
        else:
            joined.discard(key)
    return tuple(k for k in joined if k in after)


def with_reason(
    state: LocalState,
    key: str,
    text: str,
    mine: str,
    join: bool = True,
    untouched: bool = False,
    base: str = "",
) -> tuple[LocalState, Drafted, str]:
    """The state with a window's `text` as its part of the reason typed beside the answer draft of `key`.

    A reason typed while the question had an answer draft: kept apart from that draft, so the
    answer draft stays an answer draft and neither text is lost. Two windows typing a reason for
    one question keep both, as they keep their drafts (placed, with the same `mine`, `join`,
    `untouched` and `base`): each changes or removes (blank text) only its own part, a reason of
    another window's it did not see stays and its text goes after it, no paragraph repeated.
    The reason is marked as holding two windows' texts as a draft is (with_drafts). Returns the
    state, what became of the text and the window's part now.
    """
    beside, done, part = placed(state.beside, key, text, mine, join, untouched, base)
    joined = _joined_marks(state.beside_joined, key, state.beside, beside, done)
    return state._replace(beside=beside, beside_joined=joined), done, part


def reason_goes_beside(state: LocalState, key: str, mine: str) -> bool:
    """True when a window's reason for "not relevant" (its part `mine`) goes beside the answer draft of `key`.

    A reason is never written into an answer draft: when the draft there is an answer draft the
    window's part does not stand in (another window's), or the window's part was moved beside one
    (reason_aside), the reason is kept beside it (with_reason), each text its kind.
    """
    there = state.drafts.get(key, "")
    if _replaced(there, mine, "") is not None:  # the window's part is the reason draft, or in it
        return False
    if _replaced(state.beside.get(key, ""), mine, "") is not None:
        return True
    return bool(there) and key not in state.reasons


def reason_aside(state: LocalState, key: str, mine: str) -> LocalState:
    """The state with another window's reason draft of `key` moved beside it, as a window writes an answer.

    A window writing an answer draft (its part `mine`) where the draft is a reason for "not
    relevant" it does not stand in: the reason stays a reason, kept beside the answer draft (after
    a reason there, no paragraph repeated, marked as joined when it is), and the window's text
    becomes the answer draft (placed), never joined to the reason.
    """
    there = state.drafts.get(key, "")
    if key not in state.reasons or not there.strip() or _replaced(there, mine, "") is not None:
        return state
    had = state.beside.get(key, "")
    part = _not_in(there, had)
    joined = set(state.beside_joined)
    if key in state.joined or (had and part):
        joined.add(key)
    return state._replace(
        drafts={k: v for k, v in state.drafts.items() if k != key},
        joined=tuple(k for k in state.joined if k != key),
        reasons=tuple(k for k in state.reasons if k != key),
        beside={**state.beside, key: joined_texts(had, part) if had and part else had or part},
        beside_joined=tuple(joined),
    )


def _replaced(there: str, old: str, new: str) -> str | None:
    """`there` with the paragraph block `old` replaced by `new` (removed when empty); None when not in it."""
    if not old:
        return None
    padded, block = JOINER + there + JOINER, JOINER + old + JOINER
    at = padded.find(block)
    if at < 0:
        return None
    result = padded[:at] + (JOINER + new + JOINER if new else JOINER) + padded[at + len(block) :]
    return result[len(JOINER) : -len(JOINER)] if len(result) > 2 * len(JOINER) else ""


def adopted(state: LocalState, away: LocalState) -> LocalState:
    """`state` with the drafts and reasons of `away`, a state written for the project while it was away.

    A window still open on a project removed meanwhile ('projekt fjern') keeps what is typed in a
    state file of its own, which holds nothing else (local.read_typed); when the project comes back
    ('projekt gendan') its kept state takes those texts in. Each text stays its kind, as placed
    keeps them: a reason goes beside an answer draft, an answer moves a reason draft beside it. A
    text that goes on from the one kept (typed further) replaces it; any other goes after it, no
    paragraph written twice, marked as holding two windows' texts.
    """
    for key, text in away.drafts.items():
        if not text.strip():
            continue
        if key in away.reasons:  # a reason typed in the field
            answer_there = bool(state.drafts.get(key, "").strip()) and key not in state.reasons
            if answer_there:  # kept beside the answer draft, never joined into it
                state = _beside_taken(state, key, text, key in away.joined)
            else:
                state = _draft_taken(state, key, text, key in away.joined, reason=True)
        else:
            state = _draft_taken(reason_aside(state, key, ""), key, text, key in away.joined, reason=False)
    for key, text in away.beside.items():
        if text.strip():
            state = _beside_taken(state, key, text, key in away.beside_joined)
    return state


def _taken(there: str, text: str) -> tuple[str, bool]:
    """`text` taken into `there`: the text now, and whether it holds both (joined).

    A text that goes on from `there` (typed further), or holds it whole, is all of it; a text
    whose paragraphs all stand in `there` adds nothing; any other goes after it.
    """
    goes_on = text.startswith(there.rstrip()) or _replaced(text, there.strip("\n"), "") is not None
    if not there.strip() or goes_on:
        return text, False
    part = _not_in(text, there)
    if not part.strip():
        return there, False
    return joined_texts(there, part), True


def _draft_taken(state: LocalState, key: str, text: str, joined: bool, reason: bool) -> LocalState:
    """The state with `text` taken into the draft of `key` (_taken), marked as it is now."""
    there = state.drafts.get(key, "")
    now, both = _taken(there, text)
    if now == there:
        return state
    marks, reasons = set(state.joined), set(state.reasons)
    if both or (now == text and joined):
        marks.add(key)
    elif now == text:
        marks.discard(key)
    if now == text and reason:  # all of it this text: its kind
        reasons.add(key)
    elif now == text:
        reasons.discard(key)
    return state._replace(
        drafts={**state.drafts, key: now}, joined=tuple(sorted(marks)), reasons=tuple(sorted(reasons))
    )


def _beside_taken(state: LocalState, key: str, text: str, joined: bool) -> LocalState:
    """The state with `text` taken into the reason kept beside the answer draft of `key` (_taken)."""
    there = state.beside.get(key, "")
    now, both = _taken(there, text)
    if now == there:
        return state
    marks = set(state.beside_joined)
    if both or (now == text and joined):
        marks.add(key)
    elif now == text:
        marks.discard(key)
    return state._replace(beside={**state.beside, key: now}, beside_joined=tuple(sorted(marks)))
