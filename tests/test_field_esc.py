"""Esc in a one-line field (ask_text) does what the command's lists do; typed through the real prompts.

From the shell it stops the command as Ctrl+C does, with Ctrl+C's very words and what was typed
(the command to run again); from the home screen those words are said and the menu comes back at
once, as after Esc in a list. Every such field's help says how to stop. The interview's answer
field and the multi-line fields keep their own keys (test_prompter, test_reason_stops).
"""

from __future__ import annotations

import pytest
from exchange_kit import flat
from homekit import CTRL_C, DOWN, ENTER, ESC, ESC_ENTER, PAUSE, QUIT, go, interactive, typed
from projectkit import new_project

from spredning.app import home as app_home
from spredning.i18n import t

STOP_HELP = "Esc eller Ctrl+C stopper"
MENU_HELP = "Esc går tilbage til menuen"

# the keys up to a field with text typed in it, and the command run from the shell
FIELDS = {
    "plan tilføj, who": ("Book et lokale" + ENTER + "Ole", ("plan", "tilføj")),
    "plan tilføj, deadline": ("Book et lokale" + ENTER + "Ole" + ENTER + "31-12-2030", ("plan", "tilføj")),
    "start, name": ("Genoptræning på Ærø", ("start",)),
    "godkend, who": ("Eva Jensen", ("godkend", "tjek")),
}


@pytest.mark.parametrize("field", FIELDS)
def test_esc_in_a_field_from_the_shell_stops_with_ctrl_cs_words_and_what_was_typed(on_screen, ws, field):
    if field != "start, name":
        new_project(ws)
    keys, argv = FIELDS[field]
    slugs = ws.store.slugs()
    stopped = on_screen(keys + CTRL_C, *argv)

    run = on_screen(keys + ESC + ENTER, *argv)  # the Enter after Esc reaches no field

    assert run.code == stopped.code == 130
    assert flat(run.err) == flat(stopped.err)
    assert flat(keys.split(ENTER)[-1]) in flat(run.err).replace("'", "")  # the text typed, to run again
    assert ws.store.slugs() == slugs  # nothing made
    assert f"; {STOP_HELP})" in run.screen or f"({STOP_HELP})" in run.screen


@pytest.mark.parametrize("argv", [("plan", "tilføj"), ("plan", "ret")], ids=["tilføj", "ret"])
def test_esc_at_a_deadline_the_field_cannot_take_says_why_as_enter_in_it_does(on_screen, ws, argv):
    """'12/3' typed and Esc (no Enter): the words said only that it 'could not be used', not that the
    year is missing, as Enter in the field says it."""
    slug = new_project(ws)
    if argv[1] == "ret":
        from spredning.app import plan

        item = plan.add(ws, plan.Action("Book et lokale", "Ole"), ws.store.load(slug).partners[0])
        argv = (*argv, item.id)
    keys = ("Book et lokale" + ENTER + "Ole" + ENTER if argv[1] == "tilføj" else ENTER + ENTER) + "12/3"
    entered = on_screen(keys + ENTER + CTRL_C, *argv)

    run = on_screen(keys + ESC + ENTER, *argv)

    assert run.code == 130
    said = flat(run.err)
    assert "'12/3' er ikke en hel dato: året mangler. Skriv datoen med år som dag-måned-år" in said, said
    assert "'12/3' er ikke en hel dato: året mangler." in flat(entered.screen)  # as the field said it
    assert "--frist" not in said.split(": spredning ")[-1]  # left out of the command, which runs as given


def test_every_one_line_field_of_plan_tilfoej_says_how_to_stop(on_screen, ws):
    new_project(ws)

    run = on_screen("Book et lokale" + ENTER + "Ole" + ENTER + ESC + ENTER, "plan", "tilføj")

    screen = flat(run.screen)
    assert f"Hvad skal gøres? ({STOP_HELP})" in screen
    who = "Hvem gør det? (et navn eller en organisation)"
    assert f"{who} (valgfrit; Enter går videre; {STOP_HELP})" in screen
    assert f"Frist? (dd-mm-åååå, valgfrit; {STOP_HELP})" in screen


def test_esc_in_the_interviews_own_one_line_field_stops_as_ctrl_c_does(fase_in_terminal, ws):
    """A mark's reason, typed after a tool: Esc stops, the reason given back in a command (as at
    Ctrl+C: test_plan_interview), the answers saved; the field's help says how to stop."""
    new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    keys = answers + ENTER + ENTER + DOWN * 2 + ENTER + "Vi mangler tal"  # review, offer, gul, reason

    code, _, err = fase_in_terminal(keys + ESC + ENTER, "fjern")

    assert code == 130
    said = flat(err)
    assert "Markeringen efter Fjern forhindringer (gul) er ikke gemt." in said
    assert "klarhed fjern-forhindringer gul --begrundelse 'Vi mangler tal' --rolle genbruge" in said
    assert "Fortsæt senere med: spredning fase fjern --rolle genbruge" in said


# --- from the home screen --------------------------------------------------------------------------------


@pytest.fixture
def home(monkeypatch, run_cli, tmp_path):
    """Type keys into `spredning` alone, as in a terminal (see test_home)."""
    interactive(monkeypatch)
    (tmp_path / "arbejde").mkdir()
    monkeypatch.chdir(tmp_path / "arbejde")
    return lambda keys: typed(run_cli, keys)


def test_esc_in_starts_name_from_the_home_screen_says_what_was_typed_and_the_menu_comes_back(home, ws):
    run = home(ENTER + "Genoptræning på Ærø" + ESC + QUIT)  # Start et nyt projekt, the name, Esc

    assert run.code == 0, run.err  # the menu came back at once, and Afslut was chosen in it
    assert ws.store.slugs() == []
    said = flat(run.err)
    assert said.startswith("Stoppet. Intet projekt er oprettet.")
    assert said.endswith("spredning start --navn 'Genoptræning på Ærø'")
    assert t("home.pause") not in run.screen  # no 'Tilbage til menuen?' first: Esc went back
    assert f"Projektets navn: ({MENU_HELP})" in flat(run.screen)
    assert STOP_HELP not in run.screen


def test_ctrl_c_in_a_field_from_the_home_screen_still_pauses_before_the_menu(home, ws):
    run = home(ENTER + "Genoptræning på Ærø" + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "spredning start --navn 'Genoptræning på Ærø'" in flat(run.err)
    assert t("home.pause") in run.screen


def test_esc_in_the_interviews_action_field_from_the_home_screen_says_how_to_add_it(home, ws):
    new_project(ws)
    phases = [action.phase.id for action in app_home.phase_actions(ws)]
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    keys = go(ws, "phase") + DOWN * phases.index("fjern") + ENTER + answers + ENTER + DOWN + ENTER
    keys += "Ændr standarden" + ENTER + "Bo" + ESC + QUIT  # review, add an action: what, who, Esc

    run = home(keys)

    assert run.code == 0, run.err
    said = flat(run.err)
    assert "Handlingen fra Fjern forhindringer er ikke tilføjet." in said
    assert "--hvad 'Ændr standarden' --hvem Bo" in said
    assert t("home.pause") not in run.screen
    assert f"(et navn eller en organisation) (valgfrit; Enter går videre; {MENU_HELP})" in flat(run.screen)


# --- fields with their own Esc -------------------------------------------------------------------------


def test_a_field_with_its_own_esc_says_nothing_of_stopping(home, ws):
    """The home screen's 'En anden fil (skriv stien)': Esc goes back to the list, as its help says."""
    from homekit import exchange

    new_project(ws)

    run = home(exchange(ws, "import") + ENTER + "halv/sti" + ESC + QUIT)

    assert run.code == 0, run.err
    assert run.err == ""
    field = flat(run.screen.split(t("home.import-ask"))[-1])
    assert field.startswith(f"{t('home.path-help')} halv/sti")  # its own help, nothing added
    assert STOP_HELP not in run.screen


def test_esc_at_the_mark_question_from_the_home_screen_goes_back_to_the_field_its_text_kept(home, ws):
    """The list after Ctrl+N on a saved answer: Esc is a no, back to the field with its text (trial40:
    from 'spredning fase' one Esc there ended the interview); a stop in the field then keeps the text
    and says so."""
    from projectkit import draft_key, drafts

    first = ws.guide.find_phase("tjek").tools[0].questions("genbruge")[0].id
    slug = new_project(ws, answers={first: "Mit svar"})
    keys = go(ws, "answer") + "\x1b[5~" + ", rettet" + "\x0e"  # back to the saved answer, edit, Ctrl+N

    run = home(keys + ESC + "!" + CTRL_C + PAUSE + QUIT)  # typed on in the field, then stopped there

    assert run.code == 0, run.err
    assert "Skal markeringen 'ikke relevant' erstatte det?" in flat(run.screen)
    assert drafts(ws, slug) == {draft_key(ws, slug, first): "Mit svar, rettet!"}  # typed on in the field
    assert "(kladde – ikke gemt som svar) Mit svar, rettet!" in flat(run.out)
