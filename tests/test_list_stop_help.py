"""Every list of a command run from the shell, where Esc stops the command, says so in its help line.

From a trial: "Vil du erstatte …?", the colour list of 'klarhed' and the phase interview's lists
said only "(vælg med piletasterne og Enter; skriv for at søge)", though Esc (or Ctrl+C) stopped the
command there; the README says the help of every list and field says how to stop. From the home
screen, where Esc goes back to the menu, the help says that instead. Driven by real keystrokes.
"""

from __future__ import annotations

import pytest
from exchange_kit import flat
from homekit import ENTER, ESC, go, interactive, typed
from projectkit import give, new_project

from spredning.i18n import t

STOPS = "(vælg med piletasterne og Enter; skriv for at søge; Esc eller Ctrl+C stopper)"
Q1 = "tjek.beskriv-innovationen.genbruge.interessant"


def test_the_colour_list_of_klarhed_says_esc_stops(on_screen, ws, reusing):
    run = on_screen(ESC + ENTER, "klarhed", "beskriv-innovationen")

    assert run.code == 130, run.err
    screen = flat(run.screen)
    assert STOPS in screen, screen


def test_the_replace_question_says_esc_stops(run_cli, ws, tmp_path, monkeypatch):
    new_project(ws)
    monkeypatch.chdir(tmp_path)
    assert run_cli("rapport")[0] == 0
    (report,) = tmp_path.glob("*-rapport.md")
    report.write_text("mine egne noter", encoding="utf-8")
    interactive(monkeypatch)

    run = typed(run_cli, ESC + ENTER, "rapport")

    assert run.code == 130, run.err
    screen = flat(run.screen)
    assert "Vil du erstatte den?" in screen and STOPS in screen, screen
    assert report.read_text(encoding="utf-8") == "mine egne noter"


def test_the_phase_interviews_first_list_says_esc_stops(on_screen, ws):
    slug = new_project(ws)
    give(ws, slug, {Q1: "Et svar"})  # a phase begun: it opens at 'Hvordan vil du fortsætte?'

    run = on_screen(ESC + ENTER, "fase", "tjek", "--rolle", "genbruge")

    assert run.code == 130, run.err
    screen = flat(run.screen)
    assert f"{t('resume.how')} {STOPS}" in screen, screen


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_stop_help_is_in_either_language(on_screen, ws, reusing, language):
    run = on_screen(ESC + ENTER, "--sprog", language, "klarhed", "beskriv-innovationen")

    assert run.code == 130, run.err
    stops = "Esc eller Ctrl+C stopper)" if language == "da" else "Esc or Ctrl+C stops)"
    assert stops in flat(run.screen)


def test_from_the_home_screen_the_list_says_esc_goes_back_to_the_menu(run_cli, ws, monkeypatch):
    """The import list ('Hvilken fil fra partneren?'): Esc there goes back to the menu, as its help says."""
    new_project(ws)
    interactive(monkeypatch)
    keys = go(ws, "exchange")

    run = typed(run_cli, keys + ESC + ENTER, "--hjem", str(ws.store.home))

    screen = flat(run.screen)
    assert "Esc går tilbage til menuen" in screen
    assert "Esc eller Ctrl+C stopper" not in screen


@pytest.mark.parametrize(("keys", "answer"), [(ENTER, False), (ESC + ENTER, False)])
def test_a_yes_or_no_list_says_esc_is_its_no(keys, answer):
    """From a trial: "Vil du afslutte spredning?" and the home screen's merge question said only
    "(vælg med piletasterne og Enter; skriv for at søge)", though Esc answers no there."""
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    def ask(*_argv):
        return select(t("home.quit-question"), [Choice("Nej", False), Choice("Ja", True)], back=False), "", ""

    run = typed(ask, keys)

    assert run.code is answer
    assert "(piletasterne og Enter; Esc svarer nej)" in flat(run.screen), run.screen
