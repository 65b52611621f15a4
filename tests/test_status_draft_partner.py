"""A draft in one partner's dialogue on the sharing side (a question answered for each reusing
organisation, 'pr-genbruger: ja') is opened by status's next step with --partner (trial40b: 'fase brug
--rolle dele' alone asked how to go on instead of opening at Fanø's draft). Run with the installed
command on real files."""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, flat, start_sharing
from projectkit import workspace

from spredning.app.answering import Session

pytestmark = pytest.mark.e2e


def test_the_next_step_to_a_draft_in_a_partners_dialogue_names_the_partner(tmp_path):
    odense = Org(tmp_path / "odense", tmp_path)
    odense.home.mkdir()
    start_sharing(odense, reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Formålet"})
    ws = workspace(odense.home)
    slug = odense.slug
    question = next(q for q in ws.guide.questions("dele") if q.per_partner)
    fanoe = ws.store.load(slug).partner("fanoe-kommune")
    # as 'fase … --rolle dele --partner fanoe-kommune' keeps it: Fanø's own version of the answer
    Session(ws, slug, "dele", fanoe, variants=True).keep_draft(question, "Kun til Fanø")
    phase = question.id.split(".")[0]

    out = flat(odense.ok("status"))

    assert "Næste skridt: gør kladden færdig (fasen åbner ved den):" in out
    assert "--rolle dele --partner fanoe-kommune" in out
    assert phase in out
