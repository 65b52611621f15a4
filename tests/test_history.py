"""core/history.py: version vectors, and bringing one incoming version into an entry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spredning.core import history
from spredning.core.history import Order, Outcome, bumped, compare, integrate, joined
from spredning.core.model import Answer, Entry

A, B, C = "aaaaaaaa", "bbbbbbbb", "cccccccc"


def answer(text: str, *pairs: tuple[str, int], source: str = "") -> Answer:
    return Answer(text=text, version=tuple(sorted(pairs)), source=source)


# --- versions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "order"),
    [
        ((), (), Order.SAME),
        (((A, 1),), ((A, 1),), Order.SAME),
        ((), ((A, 1),), Order.BEFORE),
        (((A, 1),), ((A, 2),), Order.BEFORE),
        (((A, 1),), ((A, 1), (B, 1)), Order.BEFORE),
        (((A, 2),), ((A, 1),), Order.AFTER),
        (((A, 2),), ((A, 1), (B, 1)), Order.CONCURRENT),
        (((B, 1),), ((A, 1),), Order.CONCURRENT),
    ],
)
def test_compare_tells_older_newer_and_independent_versions(first, second, order):
    assert compare(first, second) is order


versions = st.dictionaries(st.sampled_from([A, B, C]), st.integers(1, 5)).map(
    lambda d: tuple(sorted(d.items()))
)


@given(versions, versions)
def test_compare_is_antisymmetric_and_joined_is_newer_than_both(first, second):
    flipped = {Order.BEFORE: Order.AFTER, Order.AFTER: Order.BEFORE}
    order = compare(first, second)
    assert compare(second, first) is flipped.get(order, order)
    both = joined((first, second))
    assert compare(first, both) in (Order.BEFORE, Order.SAME)
    assert compare(second, both) in (Order.BEFORE, Order.SAME)
    assert compare(first, bumped(both, A)) is Order.BEFORE


def test_a_version_is_written_with_its_checksum_and_read_back():
    version = answer("Tekst æøå", (A, 2), (B, 1))
    text = history.written(version)
    check, vector = history.parse(text)
    assert check == history.checksum(version)
    assert vector == version.version
    assert history.checksum(version) != history.checksum(version._replace(text="Tekst æøa"))
    assert history.checksum(Answer(text="x")) != history.checksum(Answer(text="x", not_relevant=True))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "aaaa:1",
        "xyz",
        "AAAAAAAA:1",
        "aaaaaaaa:-1",
        "aaaaaaaa:1 aaaaaaaa:2",
        "a" * 17 + ":1",
        "aaaaaaaa:1234567890123456",  # past what a file holds (a partner's file may bring far less)
        " ".join(f"c{n:07d}:1" for n in range(history.MAX_PAIRS + 1)),
    ],
)
def test_a_damaged_version_is_not_read(text):
    if text in ("aaaa:1",):  # a vector without checksum is valid (an old or hand-written entry)
        assert history.parse(text) == (None, (("aaaa", 1),))
    else:
        assert history.parse(text) is None


# --- integrate ---------------------------------------------------------------------------------


def test_a_new_answer_is_added_and_an_empty_one_is_kept_quietly():
    entry, outcome = integrate(None, answer("Ja", (A, 1)))
    assert (entry.answer.text, outcome) == ("Ja", Outcome.ADDED)
    entry, outcome = integrate(None, answer("", (A, 2)))
    assert outcome is Outcome.UNCHANGED and entry.answer.empty


def test_a_newer_version_replaces_ours_and_an_older_one_is_skipped():
    ours = Entry(answer("Før", (A, 1)))
    newer, outcome = integrate(ours, answer("Efter", (A, 1), (B, 1)))
    assert (newer.answer.text, outcome) == ("Efter", Outcome.UPDATED)
    same, outcome = integrate(newer, answer("Før", (A, 1)))
    assert (same, outcome) == (newer, Outcome.OLDER)
    again, outcome = integrate(newer, answer("Efter", (A, 1), (B, 1)))
    assert (again, outcome) == (newer, Outcome.UNCHANGED)


def test_both_changed_is_a_conflict_kept_beside_ours_and_a_decision_closes_it():
    ours = Entry(answer("Vores", (A, 2)))
    theirs = answer("Deres", (A, 1), (B, 1), source="partner")
    kept, outcome = integrate(ours, theirs)
    assert outcome is Outcome.CONFLICT
    assert kept.answer.text == "Vores" and [o.text for o in kept.others] == ["Deres"]
    # the same file again changes nothing
    assert integrate(kept, theirs) == (kept, Outcome.UNCHANGED)
    # a decision is newer than both, so it closes the conflict wherever it arrives
    decided = history.resolved(kept, Answer(text="Fælles"), C)
    assert not decided.in_conflict
    elsewhere = Entry(answer("Deres", (A, 1), (B, 1)), (answer("Vores", (A, 2)),))
    closed, outcome = integrate(elsewhere, decided.answer)
    assert (closed.answer.text, closed.others, outcome) == ("Fælles", (), Outcome.RESOLVED)


def test_the_same_text_written_independently_is_no_conflict():
    merged, outcome = integrate(Entry(answer("Ens", (A, 1))), answer("Ens", (B, 1)))
    assert outcome is Outcome.UNCHANGED and not merged.in_conflict
    assert merged.answer.version == ((A, 1), (B, 1))


def test_an_edit_keeps_an_open_conflict_open():
    kept = Entry(answer("Vores", (A, 2)), (answer("Deres", (B, 1)),))
    edited = history.edited(kept, Answer(text="Rettet"), A)
    assert edited.answer.version == ((A, 3),) and edited.in_conflict


def test_a_version_equal_in_history_but_not_in_text_is_a_conflict_not_a_loss():
    # e.g. a text edited by hand without its version changing
    kept, outcome = integrate(Entry(answer("Vores", (A, 1))), answer("Ændret i hånden", (A, 1)))
    assert outcome is Outcome.CONFLICT and [o.text for o in kept.others] == ["Ændret i hånden"]


def test_an_old_file_without_history_uses_its_common_ground():
    ours = Entry(answer("Fælles", (A, 1)))
    # they did not change it: their text is the common ground
    assert history.integrate_legacy(ours, Answer(text="Gammel"), "Gammel", B)[1] is Outcome.OLDER
    # only they changed it: ours is still the common ground
    updated, outcome = history.integrate_legacy(ours, Answer(text="Ny"), "Fælles", B)
    assert (updated.answer.text, outcome) == ("Ny", Outcome.UPDATED)
    assert compare(ours.answer.version, updated.answer.version) is Order.BEFORE
    # both changed, or nothing is known: both kept
    assert history.integrate_legacy(ours, Answer(text="Ny"), "Andet", B)[1] is Outcome.CONFLICT
    assert history.integrate_legacy(ours, Answer(text="Ny"), None, B)[1] is Outcome.CONFLICT
