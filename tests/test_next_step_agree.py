"""status and the home screen rank the next steps alike, in the README's order: conflicts, drafts,
news from the partner, the next question, sending (one ranking: app.status.next_steps).

Odense shares with Fanø and Aarhus; the states are built with real files: answers sent and
imported, drafts kept by the answering session as the interview keeps them.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D3, G1, G2, Org, flat, start_sharing
from homekit import CTRL_C, interactive, kinds, typed
from projectkit import workspace

from spredning.app import home as app_home
from spredning.app.answering import Session
from spredning.cli.home import arguments

T1 = "test.del-viden-om-maalgruppen.genbruge.samme-maalgruppe"  # a question of the phase Test
AARHUS, FANOE = "aarhus-kommune", "fanoe-kommune"


@pytest.fixture
def hub(tmp_path, run_cli, monkeypatch) -> tuple[Org, dict[str, Org]]:
    """Odense shares with Fanø and Aarhus; Aarhus has sent two answers, Odense has imported them."""
    monkeypatch.chdir(tmp_path)
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Fanø Kommune", "Aarhus Kommune"),
        answers={D1: "Færre genindlæggelser"},
    )
    partners = {key: Org(tmp_path / key, tmp_path, run_cli) for key in (FANOE, AARHUS)}
    for key, org in partners.items():
        assert org.import_(odense.export("--partner", key))[0] == 0
    partners[AARHUS].answer({G1: "Ja, meget", G2: "Ja"})
    assert odense.import_(partners[AARHUS].export())[0] == 0
    return odense, partners


@pytest.fixture
def home(monkeypatch, run_cli):
    """The home screen of an organisation, its menu drawn, left with Ctrl+C."""

    def run(org: Org):
        with monkeypatch.context() as patched:
            interactive(patched)
            with org.at_home():
                return typed(run_cli, CTRL_C)

    return run


def keep_draft(org: Org, partner: str, question_id: str, text: str) -> None:
    """Text typed into an answer of `partner`'s dialogue on org's computer, kept as a draft."""
    ws = workspace(org.home)
    project = ws.store.load(org.slug)
    session = Session(ws, org.slug, "genbruge", project.partner(partner))
    session.keep_draft(ws.guide.locate(question_id)[2], text)


def steps_of(out: str) -> list[str]:
    """The next steps on top of status: 'Næste skridt: …' and the 'Derefter: …' lines under it."""
    top = flat(out.split("Genbrugende organisationer:")[0])
    return [s.strip() for s in top.split("Næste skridt: ", 1)[1].split(" Derefter: ")]


def partner_line(out: str, name: str) -> str:
    """One partner's lines in status's section per partner."""
    section = flat(out.split("Genbrugende organisationer:")[1])
    return section.split(f"• {name}:")[1].split("•")[0]


def test_a_draft_in_a_partners_dialogue_comes_before_its_news_in_status_and_on_the_home_screen(hub, home):
    odense, _ = hub
    keep_draft(odense, AARHUS, G1, "halvt skrevet")
    draft = (
        "gør kladden færdig (fasen åbner ved den): "
        "spredning fase tjek --rolle genbruge --partner aarhus-kommune"
    )

    out = odense.ok("status")

    assert steps_of(out)[0] == draft
    assert "Kladde, der ikke er gemt som svar: »Er løsningen umiddelbart interessant" in flat(out)
    aarhus = partner_line(out, "Aarhus Kommune")
    assert "1 kladde, 2 nye svar" in aarhus
    assert f"Næste skridt: {draft}" in aarhus
    ws = workspace(odense.home)
    assert kinds(ws)[:3] == ["drafts", "news", "answer"]
    found = app_home.home(ws)
    assert arguments(found, found.actions[0]) == ["fase", "tjek", "--rolle", "genbruge", "--partner", AARHUS]
    screen = home(odense).screen
    assert screen.index("Gør kladden færdig i fasen Tjek") < screen.index(
        "Læs de 2 nye svar fra Aarhus Kommune"
    )


def test_drafts_in_two_dialogues_are_counted_together_with_the_plural(hub, home):
    odense, _ = hub
    keep_draft(odense, FANOE, T1, "Fanøs kladde")
    keep_draft(odense, AARHUS, T1, "Aarhus' kladde")

    out = odense.ok("status")

    assert steps_of(out)[0] == (  # a command for each dialogue: a phase opens at its own drafts only
        "gør de 2 kladder færdige, én fase ad gangen (hver fase åbner ved sin første kladde): "
        "spredning fase test --rolle genbruge --partner aarhus-kommune "
        "spredning fase test --rolle genbruge --partner fanoe-kommune"
    )
    assert "2 kladder, der ikke er gemt som svar" in flat(out)
    assert "Gør de 2 kladder færdige (først i fasen Test)" in home(odense).screen


def test_the_reusing_side_counts_its_drafts_with_the_plural(hub, home):
    _, partners = hub
    fanoe = partners[FANOE]
    keep_draft(fanoe, FANOE, G1, "første")
    keep_draft(fanoe, FANOE, T1, "anden")

    out = flat(fanoe.ok("status"))

    said = (
        "Næste skridt: gør de 2 kladder færdige, én fase ad gangen (hver fase åbner ved sin første kladde): "
        "spredning fase tjek --rolle genbruge spredning fase test --rolle genbruge"
    )
    assert said in out
    assert "Gør de 2 kladder færdige (først i fasen Tjek)" in home(fanoe).screen


@pytest.fixture
def conflicting(hub) -> tuple[Org, dict[str, Org]]:
    """Odense and Aarhus both changed Odense's first answer between exchanges; Odense imported
    Aarhus' file: the answer is in two versions at Odense."""
    odense, partners = hub
    aarhus = partners[AARHUS]
    assert aarhus.import_(odense.export("--partner", AARHUS))[0] == 0
    aarhus.answer({D1: "Aarhus' formål"}, "--rolle", "dele")
    odense.answer({D1: "Odenses formål"})
    assert odense.import_(aarhus.export())[0] == 0
    assert odense.others() == {D1: ["Aarhus' formål"]}
    return odense, partners


def test_an_open_conflict_is_the_first_next_step_in_status_and_on_the_home_screen(conflicting, home):
    odense, _ = conflicting
    keep_draft(odense, AARHUS, G1, "halvt skrevet")

    out = odense.ok("status")

    steps = steps_of(out)
    assert steps[0] == "afgør konflikten: spredning konflikter"
    assert steps[1].startswith("gør kladden færdig (fasen åbner ved den): spredning fase tjek")
    aarhus = partner_line(out, "Aarhus Kommune")
    assert "1 konflikt, 1 kladde" in aarhus
    assert "Næste skridt: afgør konflikten: spredning konflikter --partner aarhus-kommune" in aarhus
    assert kinds(workspace(odense.home))[:2] == ["conflicts", "drafts"]
    screen = home(odense).screen
    assert screen.index("Afgør konflikten") < screen.index("Gør kladden færdig i fasen Tjek")


def test_news_and_unsent_answers_of_several_partners_are_worded_for_the_partners(hub):
    odense, partners = hub
    partners[FANOE].answer({G1: "Nej"})
    assert odense.import_(partners[FANOE].export())[0] == 0
    odense.answer({D3: "Sådan gjorde vi"})  # a shared answer both partners wait for

    steps = steps_of(odense.ok("status"))

    assert steps[0].startswith(
        "læs de 3 nye svar fra partnerne, én partner ad gangen: spredning vis --nye --partner "
    )
    assert steps[1].startswith("spredning fase tjek --rolle dele")
    assert steps[2].startswith(
        "send de nye ændringer til partnerne (2 partnere har ikke fået dem i en fil, "
        "eller i et arbejdsark, hvis de er uden programmet), "
        "en fil til hver: "
        "spredning eksport --partner "
    )
