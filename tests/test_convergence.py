"""The exchange as a model-based test (issues 11 and 20): any order of edits and files converges.

Three project folders stand for three organisations: the sharing one (S) and two reusing ones
(P1, P2). Hypothesis edits answers on every side, exports files, imports any earlier file in any
order (again, late, one's own), settles conflicts each way and deletes the helper folder. A model
keeps, for every copy and answer, the set of edits each version descends from (its causal past),
independently of the program's version vectors. After every step:

- the program holds exactly what the model says (so no text is lost or silently replaced);
- every version a copy ever held is still there, or replaced by one made by someone who saw it;
- an import reports a conflict exactly when both sides changed the answer since their common
  version (never for an answer only one side changed);
and at the end, after a full exchange and settling the conflicts, all copies agree.

The normal run takes a few hundred steps; HYPOTHESIS_PROFILE=ci (in .ci/run) runs many more.
"""

from __future__ import annotations

import datetime
import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from spredning.app import projects
from spredning.app.answering import Session
from spredning.app.exchange import exporting
from spredning.app.exchange.applying import apply_import
from spredning.app.exchange.conflicts import open_conflicts, settle
from spredning.app.exchange.incoming import read_incoming
from spredning.app.exchange.planning import plan_import
from spredning.app.workspace import Settings, Workspace
from spredning.core.errors import SpredningError
from spredning.core.history import Outcome
from spredning.core.model import Answer

D1 = "tjek.beskriv-innovationen.dele.formaal"
D2 = "tjek.beskriv-innovationen.dele.loesningen"
V = "brug.tag-loesningen-i-brug.dele.brug-hos-andre"  # a question with a variant per partner
G1 = "tjek.beskriv-innovationen.genbruge.interessant"
G2 = "tjek.beskriv-innovationen.genbruge.samme-behov"
PARTNERS = {"P1": ("kommune-et", "Kommune Et"), "P2": ("kommune-to", "Kommune To")}
COPIES = ("S", "P1", "P2")
TODAY = datetime.date(2026, 11, 30)

Content = tuple[str, bool]  # (text, not relevant); ("", False) is a deleted answer
EMPTY: Content = ("", False)


class Version(NamedTuple):
    """A version in the model: what it says and the edits it descends from."""

    content: Content
    past: frozenset[int]


class Held(NamedTuple):
    """A model entry: the answer and the versions kept beside it."""

    main: Version
    others: tuple[Version, ...] = ()

    def versions(self) -> tuple[Version, ...]:
        return (self.main, *self.others)


def integrate(local: Held | None, incoming: Version) -> tuple[Held, bool]:
    """The exchange rule on causal pasts; returns the new entry and whether it is a new conflict."""
    if local is None:
        return Held(incoming), False
    main = local.main
    if incoming.past < main.past or incoming.past == main.past:
        return local, False
    if main.past < incoming.past:
        others = tuple(
            o for o in local.others if not o.past <= incoming.past and o.content != incoming.content
        )
        return Held(incoming, others), False
    if incoming.content == main.content:
        merged = Version(main.content, main.past | incoming.past)
        others = tuple(o for o in local.others if not o.past <= merged.past and o.content != merged.content)
        return Held(merged, others), False
    others = list(local.others)
    for position, other in enumerate(others):
        if other.content == incoming.content:
            others[position] = Version(other.content, other.past | incoming.past)
            return Held(main, tuple(others)), False
        if incoming.past <= other.past:
            return local, False
    others = [o for o in others if not o.past < incoming.past]
    return Held(main, (*others, incoming)), True


class Exchange(RuleBasedStateMachine):
    """Three organisations exchanging files about one project, checked against the model."""

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="spredning-model-"))
        self.events = itertools.count(1)
        self.model: dict[str, dict[tuple[str, str], Held]] = {copy: {} for copy in COPIES}
        self.ever: dict[str, set[tuple[tuple[str, str], Version]]] = {copy: set() for copy in COPIES}
        self.files: list[tuple[Path, str, str, dict]] = []  # path, sender, receiver, model snapshot
        self.workspaces = {copy: self._workspace(copy) for copy in COPIES}

    def _workspace(self, copy: str) -> Workspace:
        return Workspace(Settings(home=str(self.folder / copy)))

    def teardown(self):
        try:
            self.full_exchange()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- set-up: the sharing organisation starts, each partner imports its first file ------------
    @initialize()
    def start(self):
        ws = self.workspaces["S"]
        started = projects.start(
            ws,
            projects.NewProject(
                name="Spredning i test",
                sharing_org="Delekommunen",
                role="dele",
                reusing_orgs=tuple(name for _, name in PARTNERS.values()),
            ),
        )
        self.slug = started.project.slug
        for copy in ("P1", "P2"):
            self._import(copy, self._export("S", copy))

    # -- helpers -----------------------------------------------------------------------------------
    def _partner(self, copy: str, project):
        key = PARTNERS[copy][0]
        return next(p for p in project.partners if p.key == key)

    def _slot_for(self, copy: str, question: str, partner_copy: str) -> tuple[str, str]:
        """Where an edit lands (the model's rule, written independently of the program's)."""
        key = PARTNERS[partner_copy][0]
        if question in (G1, G2) or question == V:
            return key, question
        return "", question

    def _export(self, sender: str, receiver: str) -> Path:
        ws = self.workspaces[sender]
        partner = PARTNERS[receiver][0] if sender == "S" else None
        path = self.folder / f"fil-{len(self.files):04d}.yaml"
        exporting.export(
            ws, role=None, partner_option=partner, include_all=False, out=path, overwrite=True, today=TODAY
        )
        dialogues = ("", PARTNERS[receiver][0]) if sender == "S" else ("", PARTNERS[sender][0])
        snapshot = {slot: held.main for slot, held in self.model[sender].items() if slot[0] in dialogues}
        self.files.append((path, sender, receiver, snapshot))
        return path

    def _import(self, copy: str, path: Path) -> None:
        _, sender, _receiver, snapshot = next(f for f in self.files if f[0] == path)
        ws = self.workspaces[copy]
        try:
            plan = plan_import(ws, read_incoming(ws, path), None)
        except SpredningError as exc:
            if exc.key != "exchange.own-file":
                raise
            self.own_file_brought_nothing(copy, sender, snapshot)
            return
        apply_import(ws, plan, {})
        outcomes = {item.slot: item.outcome for item in plan.items}
        for slot, version in snapshot.items():
            if copy != "S" and sender != "S" and slot[0] not in ("", PARTNERS[sender][0]):
                continue
            before = self.model[copy].get(slot)
            after, conflict = integrate(before, version)
            self.model[copy][slot] = after
            got = outcomes.get(slot)
            if conflict:
                assert got is Outcome.CONFLICT, (copy, slot, got)
            else:
                assert got is not Outcome.CONFLICT, (copy, slot, "a conflict where one side only changed")

    def own_file_brought_nothing(self, copy: str, sender: str, snapshot) -> None:
        """Our own export is refused only when it brings nothing: by the model, nothing would change."""
        assert sender == copy, (copy, sender)
        for slot, version in snapshot.items():
            before = self.model[copy].get(slot)
            assert integrate(before, version)[0] == before, (copy, slot, "our own file brought a change")

    # -- rules -------------------------------------------------------------------------------------
    @rule(
        copy=st.sampled_from(COPIES),
        question=st.sampled_from([D1, D2, V, G1, G2]),
        partner=st.sampled_from(["P1", "P2"]),
        content=st.sampled_from(
            [("ja", False), ("nej", False), ("måske", False), EMPTY, ("", True), ("ikke hos os", True)]
        ),
    )
    def edit(self, copy, question, partner, content):
        """An organisation saves an answer (or deletes it, or marks it "not relevant")."""
        if copy != "S":
            partner = copy
            if question in (D2, V):  # a reusing organisation changes its own answers and shared D1
                question = G1
        slot = self._slot_for(copy, question, partner)
        ws = self.workspaces[copy]
        project = ws.store.load(self.slug)
        role = "genbruge" if question in (G1, G2) else "dele"
        session = Session(ws, self.slug, role, self._partner(partner, project), variants=question == V)
        q = next(q for q in ws.guide.questions() if q.id == question)
        assert session.slot(q) == slot
        text, not_relevant = content
        saved = session.record(q, Answer(text=text, not_relevant=not_relevant), session.entry(q))
        assert saved is None  # nobody else saves meanwhile in this test
        held = self.model[copy].get(slot)
        event = next(self.events)
        past = (held.main.past if held else frozenset()) | {event}
        self.model[copy][slot] = Held(Version(content, past), held.others if held else ())

    @rule(sender=st.sampled_from(COPIES), receiver=st.sampled_from(["S", "P1", "P2"]))
    def export(self, sender, receiver):
        """An organisation writes a file for a partner (the sharing side for one of its partners)."""
        if sender == receiver or (sender != "S" and receiver != "S"):
            return
        self._export(sender, receiver)

    @precondition(lambda self: self.files)
    @rule(copy=st.sampled_from(COPIES), data=st.data())
    def import_any_file(self, copy, data):
        """An organisation imports any earlier file: its own, a stale one, the same twice."""
        allowed = [f for f in self.files if f[2] == copy or f[1] == copy or (copy == "S" and f[2] == "S")]
        if not allowed:
            return
        path = data.draw(st.sampled_from([f[0] for f in allowed]))
        self._import(copy, path)

    @precondition(lambda self: self.files)
    @rule(copy=st.sampled_from(["P1", "P2"]), data=st.data())
    def another_partners_file_is_refused(self, copy, data):
        """A file for the other reusing organisation is not read, and changes nothing."""
        other = [f for f in self.files if f[2] not in (copy, "S") and f[1] != copy]
        if not other:
            return
        path = data.draw(st.sampled_from([f[0] for f in other]))
        ws = self.workspaces[copy]
        before = ws.store.path_for(self.slug).read_bytes()
        try:
            plan_import(ws, read_incoming(ws, path), None)
        except SpredningError as exc:
            assert exc.key == "exchange.for-other-reuser"
        else:
            raise AssertionError("another partner's file was accepted")
        assert ws.store.path_for(self.slug).read_bytes() == before

    @rule(copy=st.sampled_from(COPIES), data=st.data(), choice=st.sampled_from(["ours", "theirs", "new"]))
    def settle_a_conflict(self, copy, data, choice):
        """Someone settles one open conflict: ours, the other version, or a new text."""
        open_ = [
            (slot, held)
            for slot, held in self.model[copy].items()
            if held.others and self._settled_here(slot)
        ]
        if not open_:
            return
        slot, held = data.draw(st.sampled_from(sorted(open_)))
        content = {
            "ours": held.main.content,
            "theirs": held.others[0].content,
            "new": ("samlet tekst", False),
        }[choice]
        ws = self.workspaces[copy]
        entry = ws.store.load(self.slug).entry(slot)
        done = settle(ws, self.slug, {slot: (entry, Answer(text=content[0], not_relevant=content[1]))})
        assert (done.settled, done.meanwhile) == (1, ())
        past = frozenset().union(*(v.past for v in held.versions())) | {next(self.events)}
        self.model[copy][slot] = Held(Version(content, past))

    def _settled_here(self, slot) -> bool:
        """Whether 'konflikter' settles this slot (a subclass keeps other kinds of slot too)."""
        return True

    @rule(copy=st.sampled_from(COPIES))
    def delete_the_helper_folder(self, copy):
        """The hidden helper folder is deleted (the README says it may be); the side is said again."""
        ws = self.workspaces[copy]
        shutil.rmtree(ws.store.home / ".spredning")
        self.workspaces[copy] = ws = self._workspace(copy)
        if copy == "S":
            projects.set_side(ws, "dele", None)
        else:
            projects.set_side(ws, "genbruge", PARTNERS[copy][0])

    # -- invariants --------------------------------------------------------------------------------
    @invariant()
    def the_program_holds_what_the_model_says(self):
        for copy, ws in self.workspaces.items():
            project = ws.store.load(self.slug)
            for slot, held in self.model[copy].items():
                entry = project.entry(slot)
                assert entry is not None, (copy, slot)
                shown = (entry.answer.text, entry.answer.not_relevant)
                assert shown == held.main.content, (copy, slot, shown, held)
                assert sorted((o.text, o.not_relevant) for o in entry.others) == sorted(
                    o.content for o in held.others
                ), (copy, slot, entry.others, held)

    @invariant()
    def no_version_is_lost_without_a_newer_one(self):
        for copy in COPIES:
            now = {(slot, v) for slot, held in self.model[copy].items() for v in held.versions()}
            for slot, version in self.ever[copy]:
                held = self.model[copy][slot]
                assert any(version.past <= v.past for v in held.versions()), (copy, slot, version)
            self.ever[copy] |= now

    # -- the end: everybody exchanges everything, settles, and agrees ------------------------------
    def full_exchange(self):
        for _ in range(2):
            for copy in ("P1", "P2"):
                self._import("S", self._export(copy, "S"))
            self._settle_all("S")
            for copy in ("P1", "P2"):
                self._import(copy, self._export("S", copy))
                self._settle_all(copy)
        s_project = self.workspaces["S"].store.load(self.slug)
        for copy in ("P1", "P2"):
            p_project = self.workspaces[copy].store.load(self.slug)
            s_view = s_project.dialogue(self._partner(copy, s_project))
            p_view = p_project.dialogue(self._partner(copy, p_project))
            for question in (D1, D2, V, G1, G2):
                assert _content(s_view.answer(question)) == _content(p_view.answer(question)), (
                    copy,
                    question,
                )
            assert not s_view.conflicts() and not p_view.conflicts()

    def _settle_all(self, copy: str) -> None:
        ws = self.workspaces[copy]
        project = ws.store.load(self.slug)
        decisions = {item.slot: (item.entry, item.entry.answer) for item in open_conflicts(project)}
        if decisions:
            settle(ws, self.slug, decisions)
            for slot in decisions:
                held = self.model[copy][slot]
                past = frozenset().union(*(v.past for v in held.versions())) | {next(self.events)}
                self.model[copy][slot] = Held(Version(held.main.content, past))


def _content(answer):
    return None if answer is None else (answer.text, answer.not_relevant)


LONG = os.environ.get("HYPOTHESIS_PROFILE") == "ci"
TestExchange = Exchange.TestCase
TestExchange.settings = settings(
    max_examples=150 if LONG else 20,
    stateful_step_count=40 if LONG else 20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
