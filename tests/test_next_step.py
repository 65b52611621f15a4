"""status says what to do next, ranked (issue 12); counts are said with Danish grammar; long output
goes through the pager only in a terminal."""

from __future__ import annotations

import io
import json
import os

import pexpect
import pytest
from exchange_kit import D1, D2, G1, Org, flat, start_sharing
from terminal import COMMAND, TIMEOUT

from spredning import i18n

NAME = "Næste Skridt"


@pytest.fixture
def pair(tmp_path, run_cli, monkeypatch) -> tuple[Org, Org]:
    monkeypatch.chdir(tmp_path)
    sharing = start_sharing(Org(tmp_path / "deler", tmp_path, run_cli), name=NAME)
    reusing = Org(tmp_path / "genbruger", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    return sharing, reusing


def next_steps(org: Org) -> list[str]:
    out = flat(org.ok("status"))
    first = out.split("Næste skridt: ", 1)[1].split(" Derefter: ")
    return [step.strip() for step in first]


def test_a_new_project_points_at_the_first_phase(pair):
    sharing, _ = pair
    assert next_steps(sharing)[0] == "spredning fase tjek --rolle dele"


def test_open_conflicts_come_first(pair):
    sharing, reusing = pair
    sharing.answer({D1: "Odense"})
    reusing.answer({D1: "Ærø"}, "--rolle", "dele")
    reusing.import_(sharing.export())
    steps = next_steps(reusing)
    assert steps[0] == "afgør konflikten: spredning konflikter"


def test_drafts_come_before_news_and_answering(pair):
    sharing, reusing = pair
    sharing.answer({D1: "Nyt fra Odense"})
    reusing.import_(sharing.export())
    from spredning.core import local

    state = local.load(reusing.home, reusing.slug)
    local.save(reusing.home, reusing.slug, state._replace(drafts={f"aeroe-kommune/{G1}": "halvt"}))
    steps = next_steps(reusing)
    assert steps[0] == "gør kladden færdig (fasen åbner ved den): spredning fase tjek --rolle genbruge"
    assert steps[1] == "læs det nye svar fra partneren: spredning vis --nye"


def test_news_from_the_partner_come_before_answering_and_go_once_looked_at(pair):
    sharing, reusing = pair
    sharing.answer({D1: "Nyt", D2: "Også nyt"})
    reusing.import_(sharing.export())
    assert next_steps(reusing)[0] == "læs de 2 nye svar fra partneren: spredning vis --nye"
    reusing.ok("vis", "--nye")
    assert next_steps(reusing)[0] == "spredning fase tjek --rolle genbruge"


def test_unsent_answers_are_the_last_step_and_go_once_exported(pair):
    sharing, _ = pair
    sharing.answer({D1: "Vores formål"})
    steps = next_steps(sharing)
    assert steps == [
        "spredning fase tjek --rolle dele",
        "send den nye ændring til partneren: spredning eksport",
    ]
    sharing.export()
    assert next_steps(sharing) == ["spredning fase tjek --rolle dele"]


def test_everything_answered_points_at_overdue_actions_then_sending_then_a_report(
    tmp_path, run_cli, monkeypatch
):
    """The example is fully answered but has actions past their deadline (the earliest open one is
    27-02-2026): following them up comes first, then sending; a report only once both are done."""
    monkeypatch.chdir(tmp_path)
    org = Org(tmp_path / "eksempel", tmp_path, run_cli)
    org.ok("start", "--eksempel")
    org.ok("projekt", "side", "dele")
    assert "I har besvaret alle værktøjer på jeres side." in flat(org.ok("status"))
    late = json.loads(org.ok("status", "--json"))["dialoger"][0]["overskredne_handlinger"]
    assert late, "the example's earliest open deadline (27-02-2026) has passed"
    follow_up = (
        "følg op på handlingen med overskredet frist: spredning plan"
        if len(late) == 1
        else f"følg op på de {len(late)} handlinger med overskredet frist: spredning plan"
    )
    # the example's two sides have sent each other everything: nothing to send until something changes
    assert next_steps(org) == [follow_up]
    for action in late:
        org.ok("plan", "luk", action)
    closed = "den nye ændring" if len(late) == 1 else f"de {len(late)} nye ændringer"
    assert next_steps(org) == [f"send {closed} til partneren: spredning eksport"]
    org.export()
    assert next_steps(org) == ["alt er besvaret; lav en rapport: spredning rapport --format docx"]


def test_future_phases_are_summed_up_not_listed_tool_by_tool(pair):
    sharing, _ = pair
    out = flat(sharing.ok("status"))
    assert "Ikke færdige værktøjer i fasen Tjek:" in out
    assert "Derefter: Test, Tilpas, Fjern, Brug og Høst (5 faser med åbne spørgsmål)." in out
    assert "Tag løsningen i brug" not in out


# --- grammar of counts -------------------------------------------------------------------------

COUNTS = {
    "importer.count.conflicts": ("0 konflikter", "1 konflikt", "2 konflikter"),
    "importer.count.added": ("0 tilføjede", "1 tilføjet", "2 tilføjede"),
    "importer.count.unchanged": ("0 uændrede", "1 uændret", "2 uændrede"),
    "status.short-news": ("0 nye svar", "1 nyt svar", "2 nye svar"),
    "status.short-conflicts": ("0 konflikter", "1 konflikt", "2 konflikter"),
    "status.short-unsent": ("0 ændringer ikke sendt", "1 ændring ikke sendt", "2 ændringer ikke sendt"),
    "status.unsent": ("0 ændringer fra jer", "1 ændring fra jer", "2 ændringer fra jer"),
    "fase.unchanged": ("0 var uændrede", "1 var uændret", "2 var uændrede"),
    "konflikter.settled": ("0 konflikter afgjort", "1 konflikt afgjort", "2 konflikter afgjort"),
    "vis.left-out": ("(0 spørgsmål uden svar", "(1 spørgsmål uden svar", "(2 spørgsmål uden svar"),
    "facts.reusing": ("Genbrugere", "Genbruger", "Genbrugere"),
}


@pytest.mark.parametrize("key", COUNTS)
def test_every_count_is_said_with_danish_grammar_at_0_1_and_2(key):
    i18n.set_language("da")
    for n, expected in zip((0, 1, 2), COUNTS[key], strict=True):
        assert i18n.t(key, n=n, left=0).startswith(expected), (key, n)


def test_no_count_is_said_without_its_plural_forms():
    """A text that shows {n} must have 'one' and 'other' forms (or say a count that needs none)."""
    i18n.set_language("da")
    single = [key for key, value in i18n.catalogue("da").items() if isinstance(value, str) and "{n}" in value]
    assert single == []


# --- the pager --------------------------------------------------------------------------------------


def run_in_terminal(tmp_path, home, *args, pager: str | None, lines: int = 24, term: str = "xterm") -> str:
    """Run the installed command in a real terminal; return what the stub pager received (or '').

    `pager` "less": no $PAGER, and the stub is the `less` found first on the PATH.
    """
    received = tmp_path / "pager-fik.txt"
    received.unlink(missing_ok=True)
    (tmp_path / "bin").mkdir(exist_ok=True)
    stub = tmp_path / "bin" / ("less" if pager == "less" else "pager")
    stub.write_text(f"#!/bin/sh\ncat > '{received}'\n", encoding="utf-8")
    stub.chmod(0o755)
    env = {
        **os.environ,
        "SPREDNING_HJEM": str(home),
        "TERM": term,
        "SPREDNING_SPROG": "da",
        "LINES": str(lines),
        "COLUMNS": "80",
    }
    env.pop("PAGER", None)
    if pager == "less":
        env["PATH"] = f"{stub.parent}{os.pathsep}{env.get('PATH', '')}"
    elif pager is not None:
        env["PAGER"] = str(stub) if pager == "stub" else pager
    child = pexpect.spawn(
        str(COMMAND), list(args), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(lines, 80)
    )
    child.logfile_read = io.StringIO()
    child.expect(pexpect.EOF)
    child.close()
    return received.read_text(encoding="utf-8") if received.exists() else ""


@pytest.mark.e2e
def test_long_output_in_a_terminal_goes_through_the_pager_and_never_when_piped(tmp_path, pair):
    sharing, _ = pair
    paged = run_in_terminal(tmp_path, sharing.home, "guide", pager="stub")
    assert "Fase 6: Høst" in paged
    assert run_in_terminal(tmp_path, sharing.home, "guide", "--ingen-pager", pager="stub") == ""
    assert run_in_terminal(tmp_path, sharing.home, "guide", pager="") == ""
    assert run_in_terminal(tmp_path, sharing.home, "guide", "--overblik", pager="stub", lines=60) == ""
    assert run_in_terminal(tmp_path, sharing.home, "vis", pager="stub")
    assert run_in_terminal(tmp_path, sharing.home, "projekter", pager="stub") == ""  # one project fits
    piped = sharing.ok("guide")  # not a terminal: printed as it is
    assert "Fase 6: Høst" in piped


@pytest.mark.e2e
def test_a_dumb_terminal_gets_no_pager_unless_one_is_chosen(tmp_path, pair):
    # trial5: with TERM=dumb (an editor's shell, a serial console) `vis` started less, which
    # stopped at "WARNING: terminal is not fully functional / Press RETURN to continue" in English
    sharing, _ = pair
    assert "Fase 6: Høst" in run_in_terminal(tmp_path, sharing.home, "guide", pager="less")
    assert run_in_terminal(tmp_path, sharing.home, "guide", pager="less", term="dumb") == ""
    assert "Fase 6: Høst" in run_in_terminal(tmp_path, sharing.home, "guide", pager="stub", term="dumb")


def test_a_conflict_settled_is_no_news_from_the_partner_afterwards(pair):
    from spredning.app.exchange.conflicts import open_conflicts, settle
    from spredning.app.workspace import Settings, Workspace
    from spredning.core.model import Answer

    sharing, reusing = pair
    sharing.answer({D1: "Odense", D2: "Også nyt"})
    reusing.answer({D1: "Ærø"}, "--rolle", "dele")
    reusing.import_(sharing.export())
    assert next_steps(reusing)[:2] == [
        "afgør konflikten: spredning konflikter",
        "læs de 2 nye svar fra partneren: spredning vis --nye",
    ]
    ws = Workspace(Settings(home=str(reusing.home)))
    conflict = open_conflicts(ws.store.load(reusing.slug))[0]
    done = settle(ws, reusing.slug, {conflict.slot: (conflict.entry, Answer("Samlet tekst"))})

    assert done.settled == 1
    assert next_steps(reusing)[0] == "læs det nye svar fra partneren: spredning vis --nye"  # D2 only
