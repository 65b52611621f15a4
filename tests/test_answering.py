"""answering.py's Session: drafts kept from the file as it is now, when two windows answer one question.

Each Session is a window of its own (a fresh Workspace on the same folder, as another run of
'spredning fase' is); what counts is the state file (.spredning/SLUG.yaml, 'kladder').
"""

from __future__ import annotations

import pytest
import yaml
from projectkit import NOT_RELEVANT, draft_key, drafts, new_project, saved, session

from spredning.core.drafts import JOINER, Drafted
from spredning.core.interview import Interview, ResumeDrafts
from spredning.core.model import Answer

Q1 = "tjek.beskriv-innovationen.genbruge.interessant"
A_TEXT = "A: min vigtige tekst om målgruppen"
B_TEXT = "B: kollegaens svar"


@pytest.fixture
def slug(ws):
    return new_project(ws)


def window(ws, slug):
    """A window with the question open: its session and the question (its draft offered, as in the field)."""
    opened = session(ws, slug)
    question = ws.guide.locate(Q1)[2]
    opened.draft(question, offered=True)
    return opened, question


def in_file(ws, slug) -> str | None:
    return drafts(ws, slug).get(draft_key(ws, slug, Q1))


def test_a_window_whose_draft_another_saved_as_the_answer_keeps_its_text_on_stopping(ws, slug):
    a, question = window(ws, slug)
    a.keep_draft(question, A_TEXT, join=False)  # A's autosave
    b, _ = window(ws, slug)  # B opens the question: A's text is offered
    b.keep_draft(question, B_TEXT, join=False)  # B emptied the field and typed its own
    assert b.record(question, Answer(B_TEXT), None) is None  # and saved it
    assert in_file(ws, slug) is None

    assert a.keep_draft(question, A_TEXT) is Drafted.KEPT  # A stops: its text is written again

    assert in_file(ws, slug) == A_TEXT
    assert saved(ws, slug) == {Q1: B_TEXT}


def test_a_window_whose_draft_another_emptied_keeps_its_text_on_stopping(ws, slug):
    a, question = window(ws, slug)
    a.keep_draft(question, A_TEXT, join=False)
    b, _ = window(ws, slug)
    b.keep_draft(question, "", join=False)  # B emptied the field: its autosave drops the draft it was offered
    assert in_file(ws, slug) is None

    assert a.keep_draft(question, A_TEXT) is Drafted.KEPT  # A's terminal closes

    assert in_file(ws, slug) == A_TEXT


def test_two_windows_typing_in_one_question_both_keep_their_text(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)  # both opened the question while it had no draft
    assert a.keep_draft(question, A_TEXT, join=False) is Drafted.KEPT
    # while typing, B does not replace a draft it never saw: held back, A's stays
    assert b.keep_draft(question, B_TEXT, join=False) is Drafted.HELD
    assert in_file(ws, slug) == A_TEXT

    assert a.keep_draft(question, A_TEXT) is Drafted.KEPT  # A stops
    assert b.keep_draft(question, B_TEXT) is Drafted.JOINED  # B stops: its text goes after A's

    assert in_file(ws, slug) == A_TEXT + JOINER + B_TEXT


def test_a_window_that_joined_goes_on_replacing_only_its_own_part(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    a.keep_draft(question, A_TEXT)
    b.keep_draft(question, B_TEXT)  # joined after A's (B went back with PgUp, say)

    b.keep_draft(question, B_TEXT + " og mere")
    assert in_file(ws, slug) == A_TEXT + JOINER + B_TEXT + " og mere"
    b.keep_draft(question, "")  # B empties its part: A's text stays
    assert in_file(ws, slug) == A_TEXT


def test_saving_an_answer_leaves_another_windows_draft(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    b.keep_draft(question, B_TEXT, join=False)

    assert a.record(question, Answer(A_TEXT), None) is None

    assert saved(ws, slug) == {Q1: A_TEXT}
    assert in_file(ws, slug) == B_TEXT  # B's text is not A's to remove


def test_an_answer_saved_meanwhile_keeps_the_text_after_another_windows_draft(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    b.keep_draft(question, B_TEXT, join=False)
    session(ws, slug).record(question, Answer("fra en tredje"), None)  # someone saved meanwhile

    assert a.record(question, Answer(A_TEXT), None) is not None  # A's save finds it

    assert in_file(ws, slug) == B_TEXT + JOINER + A_TEXT


def test_a_window_offered_anothers_draft_and_stopping_after_it_joined_does_not_repeat_its_text(ws, slug):
    a, question = window(ws, slug)
    a.keep_draft(question, "A1", join=False)
    b, _ = window(ws, slug)  # offered A1: B empties the field and writes its own (A1 is B's to replace)
    assert b.keep_draft(question, B_TEXT, join=False) is Drafted.KEPT
    assert a.keep_draft(question, A_TEXT, join=False) is Drafted.HELD  # A's part is gone: A waits
    assert a.keep_draft(question, A_TEXT) is Drafted.JOINED  # A stops

    assert b.keep_draft(question, B_TEXT + " til sidst") is Drafted.JOINED  # B stops: its own part changes

    assert in_file(ws, slug) == B_TEXT + " til sidst" + JOINER + A_TEXT


def test_a_draft_only_looked_at_is_not_the_windows_to_replace(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    b.keep_draft(question, B_TEXT)
    other = ws.guide.locate("tjek.beskriv-innovationen.genbruge.samme-behov")[2]
    a.record(other, Answer("svar"), None)  # A saved another answer: it has read B's draft since ...
    assert a.draft(question) == B_TEXT  # ... and looked (which questions have drafts), not shown it

    assert a.keep_draft(question, A_TEXT) is Drafted.JOINED

    assert in_file(ws, slug) == B_TEXT + JOINER + A_TEXT


# --- a window that typed nothing has nothing of its own to keep -------------------------------------

OLD = "Original kladde"


def offered_to_two(ws, slug):
    """A draft written earlier, then opened in two windows: both offered it in their fields."""
    first, question = window(ws, slug)
    first.keep_draft(question, OLD)
    a, _ = window(ws, slug)
    b, _ = window(ws, slug)
    return a, b, question


def test_a_window_that_typed_nothing_adds_no_stale_copy_of_a_draft_another_changed(ws, slug):
    a, b, question = offered_to_two(ws, slug)
    b.keep_draft(question, OLD + " ændret i B", join=False)  # B types (autosave)

    assert a.keep_draft(question, OLD) is Drafted.STALE  # A stops, untouched

    assert in_file(ws, slug) == OLD + " ændret i B"


def test_a_window_that_typed_nothing_brings_back_no_draft_another_saved(ws, slug):
    a, b, question = offered_to_two(ws, slug)
    b.keep_draft(question, OLD + " ændret i B", join=False)
    assert b.record(question, Answer(OLD + " ændret i B"), None) is None  # B saves: the draft goes

    assert a.keep_draft(question, OLD) is Drafted.STALE  # A stops, untouched

    assert in_file(ws, slug) is None
    assert saved(ws, slug) == {Q1: OLD + " ændret i B"}


def test_a_window_that_typed_nothing_is_told_its_draft_is_kept_while_it_is(ws, slug):
    a, _b, question = offered_to_two(ws, slug)

    assert a.keep_draft(question, OLD) is Drafted.KEPT

    assert in_file(ws, slug) == OLD


def test_a_window_that_changed_the_draft_offered_keeps_its_text_though_it_is_back_as_offered(ws, slug):
    """Typed here, then typed back to the text offered: the window's own, kept when another removed it."""
    a, b, question = offered_to_two(ws, slug)
    a.keep_draft(question, OLD + " mere", join=False)
    a.keep_draft(question, OLD, join=False)
    b.keep_draft(question, "", join=False)  # B empties its field: the draft it was offered goes
    assert in_file(ws, slug) is None

    assert a.keep_draft(question, OLD) is Drafted.KEPT

    assert in_file(ws, slug) == OLD


# --- joining: no paragraph repeated, and the draft says it holds two windows' texts -----------------


def test_two_rounds_of_two_windows_editing_one_draft_repeat_no_paragraph(ws, slug):
    a, b, question = offered_to_two(ws, slug)
    a.keep_draft(question, OLD + " A1", join=False)  # A edits the draft in place
    assert b.keep_draft(question, OLD + " B1", join=False) is Drafted.HELD
    a.keep_draft(question, OLD + " A1")  # both stop
    assert b.keep_draft(question, OLD + " B1") is Drafted.JOINED
    first = OLD + " A1" + JOINER + OLD + " B1"
    assert in_file(ws, slug) == first

    a, _ = window(ws, slug)  # the second round: both offered the joined draft, both edit its last paragraph
    b, _ = window(ws, slug)
    assert a.draft_joined(question) and b.draft_joined(question)
    a.keep_draft(question, OLD + " A1" + JOINER + OLD + " B1 A2", join=False)
    b.keep_draft(question, OLD + " A1" + JOINER + OLD + " B1 B2", join=False)
    a.keep_draft(question, OLD + " A1" + JOINER + OLD + " B1 A2")
    b.keep_draft(question, OLD + " A1" + JOINER + OLD + " B1 B2")

    assert in_file(ws, slug) == OLD + " A1" + JOINER + OLD + " B1 A2" + JOINER + OLD + " B1 B2"
    assert window(ws, slug)[0].draft_joined(question)


def test_a_joined_draft_rewritten_in_one_window_is_one_windows_again(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    a.keep_draft(question, A_TEXT)
    b.keep_draft(question, B_TEXT)
    c, _ = window(ws, slug)
    assert c.draft_joined(question)

    c.keep_draft(question, "ét samlet svar")

    assert in_file(ws, slug) == "ét samlet svar"
    assert not window(ws, slug)[0].draft_joined(question)


# --- a reason for "not relevant" kept beside the answer draft: both windows' reasons kept -------------


def reason_in_file(ws, slug) -> str | None:
    """The reason kept beside the answer draft ('begrundelser'), read as plain YAML."""
    data = yaml.safe_load((ws.store.home / ".spredning" / f"{slug}.yaml").read_text(encoding="utf-8"))
    return (data.get("begrundelser") or {}).get(draft_key(ws, slug, Q1))


def reason_field(ws, slug):
    """A window with the question's reason field open beside an answer draft (the reason offered in it)."""
    opened, question = window(ws, slug)
    opened.reason_beside(question, offered=True)
    return opened, question


def test_two_windows_typing_a_reason_both_keep_their_reason(ws, slug):
    a, question = reason_field(ws, slug)
    b, _ = reason_field(ws, slug)  # both opened the reason field while no reason was kept
    assert a.keep_reason(question, A_TEXT, join=False) is Drafted.KEPT  # A's autosave
    # while typing, B does not replace a reason it never saw: held back, A's stays
    assert b.keep_reason(question, B_TEXT, join=False) is Drafted.HELD
    assert reason_in_file(ws, slug) == A_TEXT

    assert a.keep_reason(question, A_TEXT) is Drafted.KEPT  # A stops
    assert b.keep_reason(question, B_TEXT) is Drafted.JOINED  # B stops: its reason goes after A's

    assert reason_in_file(ws, slug) == A_TEXT + JOINER + B_TEXT
    assert window(ws, slug)[0].reason_joined(question)  # the next window says it holds two texts
    b.keep_reason(question, B_TEXT + " og mere")  # B goes on: only its own part changes
    assert reason_in_file(ws, slug) == A_TEXT + JOINER + B_TEXT + " og mere"
    b.keep_reason(question, "")  # B empties its reason field: A's reason stays
    assert reason_in_file(ws, slug) == A_TEXT
    assert not window(ws, slug)[0].reason_joined(question)  # one window's again


@pytest.mark.parametrize(
    ("a_text", "b_text", "now"),
    [
        ("passer ikke", "passer ikke", "passer ikke"),  # the same reason typed in both: once
        ("fælles" + JOINER + "A's egen", "fælles", "fælles" + JOINER + "A's egen"),  # B's is in A's
        ("fælles", "fælles" + JOINER + "B's egen", "fælles" + JOINER + "B's egen"),  # A's is in B's
    ],
)
def test_two_windows_reasons_joined_repeat_no_paragraph(ws, slug, a_text, b_text, now):
    a, question = reason_field(ws, slug)
    b, _ = reason_field(ws, slug)
    a.keep_reason(question, a_text)

    b.keep_reason(question, b_text)

    assert reason_in_file(ws, slug) == now


def test_two_windows_adding_lines_under_the_reason_given_keep_it_once(ws, slug):
    """Both windows' reason fields start with the reason given with the mark; each adds a line."""
    first, question = window(ws, slug)
    assert first.record(question, Answer("passer ikke", not_relevant=True), None) is None
    a, _ = reason_field(ws, slug)
    b, _ = reason_field(ws, slug)
    a.keep_reason(question, "passer ikke\nA's linje")

    assert b.keep_reason(question, "passer ikke\nB's linje") is Drafted.JOINED

    assert reason_in_file(ws, slug) == "passer ikke\nA's linje" + JOINER + "B's linje"


def test_saving_the_mark_takes_only_the_windows_own_reason(ws, slug):
    a, question = reason_field(ws, slug)
    b, _ = reason_field(ws, slug)
    b.keep_reason(question, B_TEXT, join=False)
    a.keep_reason(question, A_TEXT)  # joined after B's

    assert a.record(question, Answer(A_TEXT, not_relevant=True), None) is None  # A saves the mark

    assert saved(ws, slug) == {Q1: (NOT_RELEVANT, A_TEXT)}
    assert reason_in_file(ws, slug) == B_TEXT  # B's reason is not A's to give


def test_a_window_that_typed_nothing_in_the_reason_field_writes_no_old_reason_back(ws, slug):
    first, question = reason_field(ws, slug)
    first.keep_reason(question, OLD)
    a, _ = reason_field(ws, slug)
    b, _ = reason_field(ws, slug)  # both offered OLD in their reason fields
    b.keep_reason(question, OLD + " ændret i B", join=False)

    assert a.keep_reason(question, OLD) is Drafted.STALE  # A stops, untouched

    assert reason_in_file(ws, slug) == OLD + " ændret i B"


# --- each text stays its kind: a reason is never joined into an answer draft, nor an answer into a reason --


def reasons_marked(ws, slug) -> list[str]:
    """The drafts marked as typed for "not relevant" ('begrundelse-kladder')."""
    data = yaml.safe_load((ws.store.home / ".spredning" / f"{slug}.yaml").read_text(encoding="utf-8"))
    return data.get("begrundelse-kladder") or []


def test_a_reason_typed_without_an_answer_draft_is_kept_beside_another_windows_answer_draft(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)  # both opened the question with no draft
    a.keep_draft(question, A_TEXT, join=False)  # A types an answer
    # B marks the question and types a reason: kept beside A's answer draft, while typing too
    assert b.keep_draft(question, "passer ikke", join=False, reason=True) is Drafted.KEPT
    assert b.keep_draft(question, "passer ikke hos os", reason=True) is Drafted.KEPT  # B stops

    assert in_file(ws, slug) == A_TEXT  # A's answer draft is A's answer, nothing else
    assert reason_in_file(ws, slug) == "passer ikke hos os"
    assert reasons_marked(ws, slug) == []
    later, _ = window(ws, slug)
    assert not later.draft_is_reason(question) and not later.draft_joined(question)
    assert later.reason_beside(question) == "passer ikke hos os"


def test_a_reason_kept_beside_another_windows_answer_draft_is_given_with_the_mark(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    a.keep_draft(question, A_TEXT, join=False)
    b.keep_draft(question, "passer ikke", reason=True)

    assert b.record(question, Answer("passer ikke", not_relevant=True), None) is None  # B saves the mark

    assert saved(ws, slug) == {Q1: (NOT_RELEVANT, "passer ikke")}
    assert reason_in_file(ws, slug) is None  # given: not kept beside as well
    assert in_file(ws, slug) == A_TEXT  # A's answer draft stays


def test_an_answer_typed_where_another_window_kept_a_reason_moves_the_reason_beside_it(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    b.keep_draft(question, "passer ikke", reason=True)  # B stopped in the reason field: a reason draft

    assert a.keep_draft(question, A_TEXT, join=False) is Drafted.KEPT  # A types an answer
    assert a.keep_draft(question, A_TEXT) is Drafted.KEPT  # and stops

    assert in_file(ws, slug) == A_TEXT  # the answer draft is A's answer alone
    assert reason_in_file(ws, slug) == "passer ikke"  # B's reason is still a reason, beside it
    assert reasons_marked(ws, slug) == []
    # B goes on in its reason field: its reason changes where it is now, beside the answer draft
    b.keep_draft(question, "passer slet ikke", reason=True)
    assert (in_file(ws, slug), reason_in_file(ws, slug)) == (A_TEXT, "passer slet ikke")
    b.keep_draft(question, "", reason=True)  # B empties its field: its reason goes, A's answer stays
    assert (in_file(ws, slug), reason_in_file(ws, slug)) == (A_TEXT, None)


def test_two_windows_reasons_moved_beside_an_answer_are_still_said_to_be_joined(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    c, _ = window(ws, slug)
    b.keep_draft(question, "grund fra B", reason=True)
    c.keep_draft(question, "grund fra C", reason=True)  # joined after B's: two reasons in one draft

    a.keep_draft(question, A_TEXT)

    assert in_file(ws, slug) == A_TEXT
    assert reason_in_file(ws, slug) == "grund fra B" + JOINER + "grund fra C"
    assert window(ws, slug)[0].reason_joined(question)


def test_an_answer_saved_meanwhile_keeps_the_text_as_an_answer_draft_beside_a_reason_draft(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    c, _ = window(ws, slug)
    b.keep_draft(question, "passer ikke", reason=True)
    assert c.record(question, Answer(B_TEXT), None) is None  # C saves an answer A has not seen

    assert a.record(question, Answer(A_TEXT), None) is not None  # A's save finds C's answer

    assert in_file(ws, slug) == A_TEXT  # A's text is kept as an answer draft, not inside the reason
    assert reason_in_file(ws, slug) == "passer ikke"
    assert reasons_marked(ws, slug) == []


def test_a_reason_beside_an_answer_draft_since_saved_stays_beside_and_is_not_written_twice(ws, slug):
    a, question = window(ws, slug)
    b, _ = window(ws, slug)
    a.keep_draft(question, A_TEXT)
    b.keep_draft(question, "passer ikke", reason=True)  # beside A's answer draft
    assert a.record(question, Answer(A_TEXT), None) is None  # A saves its answer: its draft goes

    b.keep_draft(question, "passer ikke hos os", reason=True)  # B goes on typing its reason

    assert in_file(ws, slug) is None
    assert reason_in_file(ws, slug) == "passer ikke hos os"


def test_a_reason_left_beside_an_answer_saved_since_is_counted_and_opened_first(ws, slug, run_cli):
    """Found by the helper who kept reasons apart: the answer draft saved, its reason stayed unseen.

    status did not count it and a phase did not open at it, so it was seen only by chance.
    """
    a, question = reason_field(ws, slug)
    a.keep_draft(question, "Et svar")
    a.keep_reason(question, "Passer ikke hos os")
    assert a.record(question, Answer("Et svar"), None) is None  # the answer draft saved as the answer
    assert reason_in_file(ws, slug) == "Passer ikke hos os"  # the reason is kept, as typed text is
    assert Q1 not in {k.rsplit("/", 1)[-1] for k in drafts(ws, slug)}

    code, out, _ = run_cli("--hjem", str(ws.store.home), "status")

    assert code == 0
    assert "Næste skridt: gør kladden færdig (fasen åbner ved den)" in " ".join(out.split())
    first = Interview(ws.guide.find_phase("tjek"), "genbruge", session(ws, slug)).step()
    assert isinstance(first, ResumeDrafts) and [q.id for q in first.questions] == [Q1]
