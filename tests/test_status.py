"""status (app/status.py, cli/commands/status.py): what waits to be sent is what eksport sends, open
conflicts listed, every partner's follow-up in the portfolio, lines that never split a command, and
answers under question ids the guide does not know."""

from __future__ import annotations

import json

import pytest
from exchange_kit import D1, D2, D3, G1, G2, Org, V, flat

from spredning.app import exchange
from spredning.app.workspace import Settings, Workspace
from spredning.core.history import Outcome

NAME = "Genoptræning Ærø"
PARTNERS = ("Ærø Kommune", "Fanø Kommune", "Læsø Kommune")
KEYS = ("aeroe-kommune", "fanoe-kommune", "laesoe-kommune")


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def hub(tmp_path, run_cli) -> tuple[Org, dict[str, Org]]:
    """A sharing organisation with three partners; each partner has imported its first file."""
    sharing = Org(tmp_path / "odense", tmp_path, run_cli)
    options = [arg for name in PARTNERS for arg in ("--genbruger", name)]
    sharing.ok("start", "--navn", NAME, "--deler", "Odense Kommune", "--rolle", "dele", *options)
    sharing.answer({D1: "Færre genindlæggelser", D2: "Træning hjemme"})
    partners = {}
    for key in KEYS:
        org = Org(tmp_path / key, tmp_path, run_cli)
        assert org.import_(sharing.export("--partner", key))[0] == 0
        partners[key] = org
    return sharing, partners


# --- what waits to be sent is exactly what eksport sends (1) -------------------------------------


def unsent(org: Org, partner: str | None = None) -> int:
    """The count status gives for one dialogue (its --json, the same number the text says)."""
    options = ("--partner", partner) if partner else ()
    data = json.loads(org.ok("status", "--json", *options))
    [dialogue] = data["dialoger"]
    return dialogue["ikke_sendt"]


def new_to_receiver(receiver: Org, path) -> int:
    """What importing the file would change at its receiver: answers and follow-up records."""
    ws = Workspace(Settings(home=str(receiver.home)))
    plan = exchange.plan_import(ws, exchange.read_incoming(ws, path), None)
    changed = (Outcome.ADDED, Outcome.UPDATED, Outcome.RESOLVED, Outcome.CONFLICT)
    return sum(1 for item in plan.items if item.outcome in changed) + plan.records_changed()


def check_send(sender: Org, receiver: Org, expected: int, partner: str | None = None) -> None:
    """status's count, what eksport says it sends, and what the receiver gets are one number;
    once sent and imported, nothing waits."""
    assert unsent(sender, partner) == expected
    options = ("--partner", partner) if partner else ()
    path = sender.files / f"til-{receiver.home.name}-{expected}.yaml"
    said = flat(sender.ok("eksport", "--ud", str(path), *options))
    if expected:
        assert f"{expected} ændring{'er' if expected != 1 else ''} i filen har " in said
    else:
        assert "Filen har ingen ændringer, som " in said
    assert new_to_receiver(receiver, path) == expected
    assert receiver.import_(path)[0] == 0
    assert unsent(sender, partner) == 0


def test_a_reusing_org_editing_the_sharing_sides_answers_has_them_to_send(hub):
    """The trial: Ærø answers two of its own questions and changes one of Odense's answers."""
    sharing, partners = hub
    aeroe = partners["aeroe-kommune"]
    aeroe.answer({G1: "Ja", G2: "Også ja"})
    aeroe.answer({D1: "Færre genindlæggelser og bedre trivsel"}, "--rolle", "dele")
    out = flat(aeroe.ok("status"))
    assert "3 ændringer fra jer har partneren ikke fået endnu." in out
    check_send(aeroe, sharing, 3)

    aeroe.answer({D2: "Træning hjemme med tablet"}, "--rolle", "dele")  # only the other side's answer
    out = flat(aeroe.ok("status"))
    assert "1 ændring fra jer har partneren ikke fået endnu." in out
    assert "send jeres nye ændring til partneren: spredning eksport" in out
    check_send(aeroe, sharing, 1)


def test_the_sharing_side_editing_a_partners_answer_has_it_to_send_to_that_partner_only(hub):
    sharing, partners = hub
    aeroe = partners["aeroe-kommune"]
    aeroe.answer({G1: "Ærøs svar"})
    check_send(aeroe, sharing, 1)
    sharing.answer({G1: "Ærøs svar, rettet af Odense"}, "--rolle", "genbruge", "--partner", "aeroe-kommune")
    assert unsent(sharing, "fanoe-kommune") == 0
    check_send(sharing, aeroe, 1, "aeroe-kommune")


def test_a_shared_answer_waits_for_every_partner_and_a_variant_for_its_partner_only(hub):
    sharing, partners = hub
    sharing.answer({D3: "Hjemmetræning"})
    sharing.answer({V: "Ærø bruger den på skolerne"}, "--partner", "aeroe-kommune", phase="brug")
    assert [unsent(sharing, key) for key in KEYS] == [2, 1, 1]
    check_send(sharing, partners["aeroe-kommune"], 2, "aeroe-kommune")
    assert [unsent(sharing, key) for key in KEYS] == [0, 1, 1]
    check_send(sharing, partners["fanoe-kommune"], 1, "fanoe-kommune")
    check_send(sharing, partners["fanoe-kommune"], 0, "fanoe-kommune")


def test_a_settled_conflict_waits_to_be_sent_and_closes_it_at_the_partner(hub, run_cli):
    sharing, partners = hub
    aeroe = partners["aeroe-kommune"]
    aeroe.answer({D1: "Ærøs formål"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses formål"})
    assert sharing.import_(aeroe.export())[0] == 0
    assert sharing.others() == {D1: ["Ærøs formål"]}
    assert unsent(sharing, "aeroe-kommune") == 1  # Ærø does not have Odense's version
    aeroe.import_(sharing.export("--partner", "aeroe-kommune"))  # now both have the conflict
    assert unsent(sharing, "aeroe-kommune") == 0
    # settled at Odense by writing the answer again (as choosing 'ours' does)
    project = sharing.project()
    entry = project.entry(("", D1))
    ws = Workspace(Settings(home=str(sharing.home)))
    exchange.settle(ws, sharing.slug, {("", D1): (entry, entry.answer)})
    assert unsent(sharing, "aeroe-kommune") == 1
    check_send(sharing, aeroe, 1, "aeroe-kommune")
    assert aeroe.others() == {}


def test_follow_up_records_wait_to_be_sent_like_answers(hub):
    sharing, partners = hub
    aeroe = partners["aeroe-kommune"]
    aeroe.ok("plan", "tilføj", "--hvad", "Book et møde", "--hvem", "Eva", "--frist", "01-03-2030")
    aeroe.ok("klarhed", "beskriv-innovationen", "gul", "--begrundelse", "Vi mangler tal")
    aeroe.ok("godkend", "tjek", "--af", "Eva Jensen", "--dato", "12-03-2026")
    check_send(aeroe, sharing, 3)
    sharing.ok("plan", "tilføj", "--hvad", "Fælles kursus", "--fælles", "--frist", "01-04-2030")
    assert [unsent(sharing, key) for key in KEYS] == [1, 1, 1]
    check_send(sharing, partners["laesoe-kommune"], 1, "laesoe-kommune")


def test_the_home_screen_offers_sending_the_other_sides_answer(hub, run_cli):
    from spredning.app.home import home

    _, partners = hub
    aeroe = partners["aeroe-kommune"]
    aeroe.answer({D1: "Ærøs formål"}, "--rolle", "dele")
    shown = home(Workspace(Settings(home=str(aeroe.home))))
    assert [(a.kind, a.n) for a in shown.actions if a.kind == "send"] == [("send", 1)]
