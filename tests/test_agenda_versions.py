"""The agenda names what is kept in several versions, and both sides' agendas list the same overdue.

Found in a trial over three meetings: Odense set an action "i gang" while Ærø moved its deadline
to 2027; after the files went both ways, 'plan' and 'status' showed the action in two versions,
but both agendas said "Uafklarede konflikter – Intet på dette punkt", and only Odense's listed it
as overdue (Ærø's version had the later deadline). The same with a readiness mark in two versions.
The meeting is where such a thing is agreed: point 1 now names it with the command that settles
it, and an action overdue in any of its versions is listed as overdue on both sides.
"""

from __future__ import annotations

import re

import pytest
from exchange_kit import D1, Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")
WHAT = "Ændr kvalitetsstandarden"
WHERE = ("--rolle", "genbruge")


@pytest.fixture
def pair(tmp_path, run_cli) -> tuple[Org, Org, str]:
    """Odense and Ærø with one action and Ærø's readiness after a tool each in two versions."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Vi deler"})
    said = odense.ok("plan", "tilføj", "--hvad", WHAT, "--hvem", "Sundhedschefen", "--frist", "01-02-2026")
    action = re.search(r"\(id ([0-9a-f]+)\)", said).group(1)
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    odense.ok("plan", "ret", action, "--status", "i gang")
    odense.ok("klarhed", "Beskriv innovationen", "rød", "--begrundelse", "Odense mener rød", *WHERE)
    aeroe.ok("plan", "ret", action, "--frist", "01-03-2070", "--hvem", "Sundhedschef Ib")
    aeroe.ok("klarhed", "Beskriv innovationen", "gul", "--begrundelse", "Vi mangler tal")
    sent_back = aeroe.export()
    assert odense.import_(sent_back)[0] == 0
    assert aeroe.import_(odense.export())[0] == 0
    return odense, aeroe, action


def agenda(org: Org) -> dict[str, str]:
    """The Markdown agenda's points, by number: its text, flat."""
    path = org.files / f"dagsorden-{org.home.name}.md"
    org.ok("dagsorden", "--format", "md", "--ud", str(path), "--overskriv")
    points = re.split(r"^## (\d)\. ", path.read_text(encoding="utf-8"), flags=re.M)
    return {points[i]: flat(points[i + 1]) for i in range(1, len(points), 2)}


@pytest.mark.parametrize("side", ["odense", "aeroe"])
def test_each_sides_agenda_names_the_action_and_the_mark_in_versions_and_the_same_overdue(pair, side):
    odense, aeroe, action = pair
    org = odense if side == "odense" else aeroe

    points = agenda(org)

    first = points["1"]
    assert "Intet på dette punkt" not in first
    assert f"Handlingen »{WHAT}« findes i flere udgaver" in first
    assert f"spredning plan ret {action}" in first
    assert "Klarheden efter »Beskriv innovationen« (Fase 1: Tjek, Vi vil genbruge" in first
    assert "findes i 2 udgaver" in first
    assert "'spredning status' viser hver udgave og kommandoen, der afgør den" in first
    late = "(findes i flere udgaver, og fristen er overskredet i mindst én af dem; se punkt 1)"
    assert WHAT in points["6"] and late in points["6"]


def test_settled_they_are_gone_from_point_1(pair):
    odense, _, action = pair
    odense.ok(
        "plan", "ret", action, "--status", "i gang", "--frist", "01-02-2026", "--hvem", "Sundhedschefen"
    )
    odense.ok("klarhed", "Beskriv innovationen", "gul", *WHERE)

    points = agenda(odense)

    assert "Intet på dette punkt" in points["1"]
    assert WHAT in points["6"] and "flere udgaver" not in points["6"]


def test_an_excerpt_after_a_question_mark_takes_no_colon(pair):
    """Found in the same trial: "1. Hvad er formålet?: »Vi deler«"."""
    _, aeroe, _ = pair

    received = agenda(aeroe)["2"]

    assert "1. Hvad er formålet? »Vi deler«" in received
    assert "?:" not in received
