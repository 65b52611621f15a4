"""exchange.py: the three-way merge of a partner's answers, conflicts and how they are resolved."""

from __future__ import annotations

import pytest

from spredning.core.exchange import Choice, Conflict, MergePlan, Outcome, combine, plan_merge, resolve

Q = "tjek.beskriv-innovationen.dele.formaal"
Q2 = "tjek.beskriv-innovationen.dele.loesningen"


# --- plan_merge: one case per outcome ----------------------------------------------------------------


def test_an_answer_we_do_not_have_is_added():
    plan = plan_merge({}, {Q: "deres"}, {})

    assert plan.outcomes == {Q: Outcome.ADDED}
    assert plan.new_answers == {Q: "deres"}
    assert plan.conflicts == []


def test_an_answer_we_do_not_have_is_added_even_with_a_base():
    plan = plan_merge({}, {Q: "deres"}, {Q: "fælles"})

    assert plan.outcomes == {Q: Outcome.ADDED}
    assert plan.new_answers == {Q: "deres"}


@pytest.mark.parametrize("base", [{}, {Q: "samme"}, {Q: "noget helt tredje"}])
def test_identical_answers_are_a_no_op(base):
    plan = plan_merge({Q: "samme"}, {Q: "samme"}, base)

    assert plan.outcomes == {Q: Outcome.UNCHANGED}
    assert plan.new_answers == {}
    assert plan.conflicts == []


def test_they_changed_it_and_we_did_not_takes_theirs():
    plan = plan_merge({Q: "fælles"}, {Q: "deres nye"}, {Q: "fælles"})

    assert plan.outcomes == {Q: Outcome.UPDATED}
    assert plan.new_answers == {Q: "deres nye"}
    assert plan.conflicts == []


def test_we_changed_it_and_they_did_not_keeps_ours():
    plan = plan_merge({Q: "vores nye"}, {Q: "fælles"}, {Q: "fælles"})

    assert plan.outcomes == {Q: Outcome.UNCHANGED}
    assert plan.new_answers == {}
    assert plan.conflicts == []


def test_both_changed_it_differently_is_a_conflict():
    plan = plan_merge({Q: "vores nye"}, {Q: "deres nye"}, {Q: "fælles"})

    assert plan.outcomes == {Q: Outcome.CONFLICT}
    assert plan.new_answers == {}
    assert plan.conflicts == [Conflict(Q, "vores nye", "deres nye")]


def test_different_answers_without_a_base_are_a_conflict():
    plan = plan_merge({Q: "vores"}, {Q: "deres"}, {})

    assert plan.outcomes == {Q: Outcome.CONFLICT}
    assert plan.conflicts == [Conflict(Q, "vores", "deres")]


def test_a_base_for_another_question_does_not_count():
    plan = plan_merge({Q: "vores"}, {Q: "deres"}, {Q2: "vores"})

    assert plan.outcomes == {Q: Outcome.CONFLICT}


def test_answers_only_we_have_are_not_touched():
    plan = plan_merge({Q: "vores", Q2: "kun vores"}, {Q: "vores"}, {})

    assert plan.outcomes == {Q: Outcome.UNCHANGED}
    assert Q2 not in plan.outcomes
    assert plan.new_answers == {}


def test_a_plan_counts_each_outcome():
    ours = {"a": "1", "b": "vores", "c": "fælles", "d": "vores"}
    theirs = {"a": "1", "b": "fælles", "c": "deres", "d": "deres", "e": "ny"}
    base = {"b": "fælles", "c": "fælles", "d": "fælles"}

    plan = plan_merge(ours, theirs, base)

    assert plan.outcomes == {"a": Outcome.UNCHANGED, "b": Outcome.UNCHANGED, "c": Outcome.UPDATED,
                             "d": Outcome.CONFLICT, "e": Outcome.ADDED}
    counts = {o: plan.count(o) for o in Outcome}
    assert counts == {Outcome.ADDED: 1, Outcome.UPDATED: 1, Outcome.UNCHANGED: 2, Outcome.CONFLICT: 1}


def test_plan_merge_changes_none_of_its_inputs():
    ours, theirs, base = {Q: "vores"}, {Q: "deres", Q2: "ny"}, {Q: "fælles"}

    plan_merge(ours, theirs, base)

    assert (ours, theirs, base) == ({Q: "vores"}, {Q: "deres", Q2: "ny"}, {Q: "fælles"})


def test_an_empty_plan_counts_nothing():
    plan = MergePlan()

    assert all(plan.count(o) == 0 for o in Outcome)


# --- combine ----------------------------------------------------------------------------------------


def test_combine_keeps_both_texts_ours_first():
    both = combine("Vores svar\nmed to linjer", "Partnerens svar: æøå")

    assert both.index("Vores svar\nmed to linjer") < both.index("Partnerens svar: æøå")
    assert "Partnerens udgave" in both


def test_combine_keeps_texts_exactly_even_with_blank_lines_and_markup():
    ours, theirs = "  linje 1\n\nlinje 3  ", "[bold]ikke markup[/bold]\n- punkt"

    both = combine(ours, theirs)

    assert both.startswith(ours)
    assert both.endswith(theirs)


# --- resolve: each Choice ---------------------------------------------------------------------------


def _conflicted_plan() -> MergePlan:
    return plan_merge({Q: "vores", Q2: "fælles"}, {Q: "deres", Q2: "deres nye"}, {Q2: "fælles"})


def test_resolve_ours_writes_nothing_and_postpones_nothing():
    plan = _conflicted_plan()

    postponed = resolve(plan, lambda c: Choice.OURS)

    assert postponed == {}
    assert plan.new_answers == {Q2: "deres nye"}  # only the UPDATED answer


def test_resolve_theirs_takes_their_text():
    plan = _conflicted_plan()

    postponed = resolve(plan, lambda c: Choice.THEIRS)

    assert postponed == {}
    assert plan.new_answers == {Q: "deres", Q2: "deres nye"}


def test_resolve_both_writes_the_combined_text():
    plan = _conflicted_plan()

    postponed = resolve(plan, lambda c: Choice.BOTH)

    assert postponed == {}
    assert plan.new_answers[Q] == combine("vores", "deres")
    assert "vores" in plan.new_answers[Q] and "deres" in plan.new_answers[Q]


def test_resolve_later_keeps_ours_and_returns_theirs_for_the_conflicts_section():
    plan = _conflicted_plan()

    postponed = resolve(plan, lambda c: Choice.LATER)

    assert postponed == {Q: "deres"}
    assert Q not in plan.new_answers


def test_resolve_asks_once_per_conflict_and_applies_each_choice():
    ours = {"a": "va", "b": "vb", "c": "vc", "d": "vd"}
    theirs = {"a": "da", "b": "db", "c": "dc", "d": "dd"}
    plan = plan_merge(ours, theirs, {})
    choices = {"a": Choice.OURS, "b": Choice.THEIRS, "c": Choice.BOTH, "d": Choice.LATER}
    asked = []

    def choose(conflict: Conflict) -> Choice:
        asked.append(conflict)
        return choices[conflict.question_id]

    postponed = resolve(plan, choose)

    assert [c.question_id for c in asked] == ["a", "b", "c", "d"]
    assert asked[0] == Conflict("a", "va", "da")
    assert plan.new_answers == {"b": "db", "c": combine("vc", "dc")}
    assert postponed == {"d": "dd"}


def test_resolve_without_conflicts_asks_nothing():
    plan = plan_merge({Q: "x"}, {Q: "x", Q2: "ny"}, {})

    def never(conflict):
        raise AssertionError("asked about a conflict that is not there")

    assert resolve(plan, never) == {}
    assert plan.new_answers == {Q2: "ny"}


# --- the declared base and what we have seen ourselves ------------------------------------------


def test_a_text_we_already_exchanged_is_no_news_even_without_a_declared_base():
    plan = plan_merge({"q": "vores nye"}, {"q": "gammel"}, base={}, seen={"q": "gammel"})
    assert plan.outcomes == {"q": Outcome.UNCHANGED}
    assert plan.new_answers == {}


def test_what_we_sent_last_is_not_a_licence_to_overwrite_when_exports_cross():
    # we sent "vores" (seen), they changed from the old common "fælles" to "deres" meanwhile
    plan = plan_merge({"q": "vores"}, {"q": "deres"}, base={"q": "fælles"}, seen={"q": "vores"})
    assert plan.outcomes == {"q": Outcome.CONFLICT}
    assert plan.conflicts == [Conflict("q", "vores", "deres")]


def test_a_conflict_already_kept_for_later_is_not_reported_again():
    plan = plan_merge({"q": "vores"}, {"q": "deres"}, base={}, pending={"q": "deres"})
    assert plan.outcomes == {"q": Outcome.UNCHANGED}
    assert plan.conflicts == []
