"""Status says that all tools on *our* side are answered, not all tools, while the partner is not done.

Found in a trial: the sharing side had answered everything, Fanø nothing; the table showed Fanø at 0,
and the line under it said "Alle værktøjer er besvaret." – a manager took the dialogue for complete.
"""

from __future__ import annotations

import pytest
from exchange_kit import Org, flat, start_sharing

from spredning.core.content import load_guide

pytestmark = pytest.mark.usefixtures("work_in_tmp")


def answer_our_side(org: Org) -> None:
    guide = load_guide()
    for phase in guide.phases:
        org.answer(
            {q.id: f"Svar på {q.id}" for q in phase.questions("dele")}, "--rolle", "dele", phase=phase.id
        )


@pytest.mark.parametrize(
    ("language", "ours", "everyone"),
    [
        ("da", "I har besvaret alle værktøjer på jeres side.", "Alle værktøjer er besvaret."),
        ("en", "You have answered every tool on your side.", "All tools are answered."),
    ],
)
def test_our_side_done_is_said_as_ours_while_the_partner_has_not_answered(
    tmp_path, run_cli, language, ours, everyone
):
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    answer_our_side(odense)

    for argv in ((), ("--partner", "fanoe-kommune")):
        said = flat(odense.ok("--sprog", language, "status", *argv))
        assert ours in said
        assert everyone not in said
