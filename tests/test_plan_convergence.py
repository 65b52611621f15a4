"""The follow-up in the model-based exchange test (issue 15): plan items and readiness marks converge.

A sibling of test_convergence.py: the same three organisations, edits, exports and imports in any
order, plus edits of follow-up records (the status of three actions: a general one and one in each
dialogue; each side's readiness mark), checked against the same causal-past model. A record is
merged by the very rules an answer is, so the same invariants must hold: the program holds what the
model says, no version is lost without a newer one, an import reports a conflict exactly when both
sides changed a record, and after a full exchange with the conflicts settled every copy agrees.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule
from test_convergence import COPIES, PARTNERS, Exchange, Held, Version, integrate

from spredning.app import plan, readiness
from spredning.app.exchange.applying import apply_import
from spredning.app.exchange.incoming import read_incoming
from spredning.app.exchange.planning import plan_import
from spredning.core import followup, history
from spredning.core.errors import SpredningError
from spredning.core.history import Outcome
from spredning.core.model import Answer

ACTIONS = {"": "0000aaaa", "P1": "0000bbbb", "P2": "0000cccc"}  # where → the action's id
STATUSES = ("ikke-startet", "i-gang", "færdig", "droppet")
COLOURS = ("grøn", "gul", "rød")
TOOL = "tjek.beskriv-innovationen"


def action_slot(where: str) -> tuple[str, str]:
    return (PARTNERS[where][0] if where else "", f"plan:{ACTIONS[where]}")


def mark_slot(copy: str) -> tuple[str, str]:
    """Each organisation's readiness mark: the sharing side's general one, a partner's in its dialogue."""
    if copy == "S":
        return "", f"klarhed:{TOOL}.dele"
    return PARTNERS[copy][0], f"klarhed:{TOOL}.genbruge"


def content_of(answer: Answer) -> str:
    values = dict(answer.fields)
    return values.get("status") or values.get("farve") or ""


class FollowUpExchange(Exchange):
    """The exchange machine with follow-up records in the model beside the answers."""

    @initialize()
    def start(self):
        super().start()
        ws = self.workspaces["S"]

        def write(project, state):
            for where in ACTIONS:
                content = Answer(fields=plan.record_fields(plan.Action(f"Handling {where or 'fælles'}")))
                project = project.with_record(action_slot(where), history.edited(None, content, state.copy))
            return project, state, None

        ws.store.transact(self.slug, write)
        for where in ACTIONS:
            self.model["S"][action_slot(where)] = Held(
                Version("ikke-startet", frozenset({next(self.events)}))
            )
        for copy in ("P1", "P2"):
            self._import(copy, self._export("S", copy))

    # -- imports check the records' outcomes too ----------------------------------------------------
    def _import(self, copy, path):
        _, sender, _receiver, snapshot = next(f for f in self.files if f[0] == path)
        ws = self.workspaces[copy]
        try:
            planned = plan_import(ws, read_incoming(ws, path), None)
        except SpredningError as exc:
            if exc.key != "exchange.own-file":
                raise
            self.own_file_brought_nothing(copy, sender, snapshot)
            return
        apply_import(ws, planned, {})
        outcomes = {item.slot: item.outcome for item in (*planned.items, *planned.records)}
        for slot, version in snapshot.items():
            if copy != "S" and sender != "S" and slot[0] not in ("", PARTNERS[sender][0]):
                continue
            after, conflict = integrate(self.model[copy].get(slot), version)
            self.model[copy][slot] = after
            got = outcomes.get(slot)
            if conflict:
                assert got is Outcome.CONFLICT, (copy, slot, got)
            else:
                assert got is not Outcome.CONFLICT, (copy, slot, "a conflict where one side only changed")

    # -- editing records ------------------------------------------------------------------------------
    def _record_edit(self, copy: str, slot, content: str, write) -> None:
        """Apply an edit (or the settling of two versions) to the model, then write it with the program."""
        held = self.model[copy].get(slot)
        if held is not None and not held.others and held.main.content == content:
            write()  # the program writes nothing when nothing changes
            return
        past = frozenset().union(*(v.past for v in held.versions())) if held else frozenset()
        self.model[copy][slot] = Held(Version(content, past | {next(self.events)}))
        write()

    @rule(
        copy=st.sampled_from(COPIES),
        where=st.sampled_from(["", "P1", "P2"]),
        status=st.sampled_from(STATUSES),
    )
    def change_an_action(self, copy, where, status):
        """Someone changes an action's status (a reusing organisation: its own or the general one)."""
        if copy != "S" and where not in ("", copy):
            where = copy
        slot = action_slot(where)
        if slot not in self.model[copy]:
            return
        ws = self.workspaces[copy]
        self._record_edit(copy, slot, status, lambda: plan.change(ws, ACTIONS[where], status=status))

    @rule(copy=st.sampled_from(COPIES), colour=st.sampled_from(COLOURS))
    def rate_readiness(self, copy, colour):
        """An organisation marks its readiness after the first tool."""
        ws = self.workspaces[copy]
        project = ws.store.load(self.slug)
        partner = None if copy == "S" else self._partner(copy, project)
        role = "dele" if copy == "S" else "genbruge"
        self._record_edit(
            copy,
            mark_slot(copy),
            colour,
            lambda: readiness.rate(ws, TOOL, colour, role=role, partner=partner, general=copy == "S"),
        )

    def _settled_here(self, slot) -> bool:
        return ":" not in slot[1]  # a record's two versions are settled by writing it again

    @rule(copy=st.sampled_from(COPIES))
    def settle_the_records(self, copy):
        """Someone settles the actions and marks kept in two versions, as 'plan ret' and 'klarhed' do."""
        self._settle_records(copy)

    # -- invariants (this one replaces the answers-only check of the same name) ------------------------
    @invariant()
    def the_program_holds_what_the_model_says(self):
        for copy, ws in self.workspaces.items():
            project = ws.store.load(self.slug)
            for slot, held in self.model[copy].items():
                entry = project.record(slot) if ":" in slot[1] else project.entry(slot)
                assert entry is not None, (copy, slot)
                if ":" in slot[1]:
                    shown = content_of(entry.answer)
                    others = sorted(content_of(o) for o in entry.others)
                else:
                    shown = (entry.answer.text, entry.answer.not_relevant)
                    others = sorted((o.text, o.not_relevant) for o in entry.others)
                assert shown == held.main.content, (copy, slot, shown, held)
                assert others == sorted(o.content for o in held.others), (copy, slot, entry.others, held)

    # -- the end -----------------------------------------------------------------------------------------
    def full_exchange(self):
        for _ in range(2):
            for copy in ("P1", "P2"):
                self._import("S", self._export(copy, "S"))
            self._settle_records("S")
            for copy in ("P1", "P2"):
                self._import(copy, self._export("S", copy))
                self._settle_records(copy)
        super().full_exchange()
        s_project = self.workspaces["S"].store.load(self.slug)
        for copy in ("P1", "P2"):
            p_project = self.workspaces[copy].store.load(self.slug)
            for slot in (action_slot(""), action_slot(copy), mark_slot("S"), mark_slot(copy)):
                ours, theirs = s_project.record(slot), p_project.record(slot)
                if ours is None and theirs is None:  # a mark nobody made
                    continue
                assert ours is not None and theirs is not None, (copy, slot)
                assert content_of(ours.answer) == content_of(theirs.answer), (copy, slot)
                assert not ours.others and not theirs.others, (copy, slot)

    def _settle_records(self, copy: str) -> None:
        """Settle every record kept in two versions by writing our version again (as 'plan ret' does)."""
        ws = self.workspaces[copy]
        for slot, entry in ws.store.load(self.slug).record_entries():
            if not entry.in_conflict:
                continue
            kind, key = followup.split_key(slot[1])
            content = content_of(entry.answer)
            if kind == "plan":
                self._record_edit(
                    copy, slot, content, lambda key=key, c=content: plan.change(ws, key, status=c)
                )
            else:
                partner = self._partner(copy, ws.store.load(self.slug)) if slot[0] else None
                role = key.rsplit(".", 1)[1]
                self._record_edit(
                    copy,
                    slot,
                    content,
                    lambda c=content, p=partner, r=role: readiness.rate(
                        ws, TOOL, c, role=r, partner=p, general=not p
                    ),
                )


LONG = os.environ.get("HYPOTHESIS_PROFILE") == "ci"
TestFollowUpExchange = FollowUpExchange.TestCase
TestFollowUpExchange.settings = settings(
    max_examples=100 if LONG else 12,
    stateful_step_count=40 if LONG else 20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
