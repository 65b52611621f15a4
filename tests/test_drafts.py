"""drafts.py: where a window's typed text goes among the drafts, so two windows keep each other's."""

from __future__ import annotations

import pytest

from spredning.core import local
from spredning.core.drafts import JOINER, Drafted, placed, with_drafts
from spredning.core.local import LocalState

J = JOINER


@pytest.mark.parametrize(
    ("there", "text", "mine", "join", "now", "outcome"),
    [
        (None, "ny", "", False, "ny", Drafted.KEPT),  # nothing there: written
        ("gammel", "ny", "gammel", False, "ny", Drafted.KEPT),  # its own: replaced
        ("gammel", "", "gammel", False, None, Drafted.KEPT),  # its own, emptied: removed
        ("andres", "ny", "", False, "andres", Drafted.HELD),  # another's, while typing: left alone
        ("andres", "ny", "", True, "andres" + J + "ny", Drafted.JOINED),  # leaving: after it
        ("andres", "", "", True, "andres", Drafted.KEPT),  # nothing of its own: another's stays
        ("andres" + J + "min", "min mere", "min", False, "andres" + J + "min mere", Drafted.JOINED),
        ("min" + J + "andres", "", "min", True, "andres", Drafted.KEPT),  # only its part goes
        ("min tekst og mere", "ny", "min tekst", True, "min tekst og mere" + J + "ny", Drafted.JOINED),
    ],
)
def test_a_window_changes_only_its_own_part_of_a_draft(there, text, mine, join, now, outcome):
    drafts = {} if there is None else {"q": there}

    result, done, part = placed(drafts, "q", text, mine, join)

    assert result.get("q") == now
    assert done is outcome
    assert part == (mine if done is Drafted.HELD else text)


def test_joining_never_repeats_a_paragraph_both_windows_were_offered():
    """Both offered 'fælles / B'; the other window edited B in place, this one edited B too."""
    there = "fælles" + J + "B fra det andet vindue"

    result, done, part = placed({"q": there}, "q", "fælles" + J + "B herfra", "fælles" + J + "B", True)

    assert result["q"] == there + J + "B herfra"  # 'fælles' once
    assert done is Drafted.JOINED
    assert part == "B herfra"  # the window's part: what it added
    again, done, _ = placed(result, "q", "fælles" + J + "B herfra", part, True)  # kept once more (PgUp)
    assert again == result and done is Drafted.JOINED


def test_a_draft_joined_from_two_windows_is_marked_until_one_text_is_all_of_it(tmp_path):
    state = LocalState(copy="aaaaaaaa", drafts={"q": "andres"})
    drafts, done, _ = placed(state.drafts, "q", "min", "", True)
    state = with_drafts(state, "q", drafts, done)
    assert state.joined == ("q",)
    local.save(tmp_path, "p", state)
    assert local.load(tmp_path, "p").joined == ("q",)  # kept in the file

    drafts, done, _ = placed(state.drafts, "q", "ny", "andres" + J + "min", True)  # one window rewrote it all
    state = with_drafts(state, "q", drafts, done)

    assert drafts["q"] == "ny" and state.joined == ()


@pytest.mark.parametrize(
    ("there", "text", "now", "part"),
    [
        # both went on under the text they were shown: it stands once, each window's lines after it
        ("vist\nA", "vist\nB", "vist\nA" + J + "B", "B"),
        ("vist\nA", "vist\n\nB\n", "vist\nA" + J + "B", "B"),
        ("vist\nA", "vist\nA", "vist\nA", ""),  # the same lines: nothing new
        # the shown text itself changed (in either window): both texts whole, as before
        ("vist og mere\nA", "vist\nB", "vist og mere\nA" + J + "vist\nB", "vist\nB"),
        ("vist\nA", "vist ændret\nB", "vist\nA" + J + "vist ændret\nB", "vist ændret\nB"),
        ("andres", "vist\nB", "andres" + J + "vist\nB", "vist\nB"),
    ],
)
def test_two_windows_adding_lines_under_the_text_they_were_shown_keep_it_once(there, text, now, part):
    result, done, mine = placed({"q": there}, "q", text, "", True, base="vist")

    assert result["q"] == now
    assert mine == part
    assert done is (Drafted.JOINED if now != text else Drafted.KEPT)
    again, _, _ = placed(result, "q", text, mine, True, base="vist")  # kept once more (PgUp)
    assert again == result
