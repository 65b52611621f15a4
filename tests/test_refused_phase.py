"""A phase that is none, given to vis, fase, godkend and rapport --fase (and guide), and values with
markup in front: in a terminal the phases are offered, why said above them, the closest chosen
already; without a terminal the refusal (exit 2) names the phases as this user types them (the
English names in English). Through the real prompts by keystrokes (homekit).
"""

from __future__ import annotations

import pytest
from exchange_kit import flat
from homekit import CTRL_C, DOWN, ENTER, ESC
from projectkit import new_project

from spredning.core import followup

DANISH = "Guidens faser er: tjek, test, tilpas, fjern, brug, høst."
LINK = "[link=https://www.eksempel.dk/plan/side]"  # a long tag: the name's own letters too few to match
ENGLISH = "The guide's phases are: check, test, adapt, remove, implement, harvest."


# --- in a terminal: the phases offered ---------------------------------------------------------------


def test_vis_with_a_phase_that_is_none_offers_the_phases_the_close_one_chosen(on_screen, ws):
    new_project(ws)

    run = on_screen(ENTER, "vis", "tjkk")

    assert run.code == 0, run.err
    assert "Ukendt fase: 'tjkk'. Mente du 'tjek'?" in flat(run.out)
    assert "Guidens faser er" not in run.out  # the list below is the phases
    assert "Hvilken fase? Tjek" in flat(run.screen)
    assert "Esc eller Ctrl+C stopper" in flat(run.screen)
    assert "Fase 1: Tjek" in run.out and "Fase 2: Test" not in run.out


def test_another_phase_can_be_chosen_in_the_list(on_screen, ws):
    new_project(ws)

    run = on_screen(DOWN + ENTER, "vis", "tjkk")

    assert run.code == 0, run.err
    assert "Hvilken fase? Test" in flat(run.screen)
    assert "Fase 2: Test" in run.out and "Fase 1: Tjek" not in run.out


def test_fase_with_a_misspelt_phase_answers_the_phase_chosen(on_screen, ws):
    new_project(ws)

    run = on_screen(ENTER + CTRL_C, "fase", "hoestt")  # the phase chosen, then a stop in its first field

    assert run.code == 130
    assert "Ukendt fase: 'hoestt'. Mente du 'høst'?" in flat(run.out)
    assert "Hvilken fase? Høst" in flat(run.screen)
    assert "spredning fase høst --rolle genbruge" in flat(run.err)  # the phase chosen, to go on in


def test_godkend_with_a_misspelt_phase_approves_the_phase_chosen(on_screen, ws):
    slug = new_project(ws)

    run = on_screen(ENTER + "Eva" + ENTER, "godkend", "tilps")

    assert run.code == 0, run.err
    assert "Mente du 'tilpas'?" in flat(run.out)
    project = ws.store.load(slug)
    assert followup.approval(project, project.partners[0], "tilpas", "genbruge").by == "Eva"


def test_rapport_with_a_misspelt_phase_reports_the_phase_chosen(on_screen, ws, tmp_path):
    new_project(ws)
    out = tmp_path / "rapport.md"

    run = on_screen(ENTER, "rapport", "--fase", "fjrn", "--ud", str(out))

    assert run.code == 0, run.err
    assert "Mente du 'fjern'?" in flat(run.out)
    text = out.read_text(encoding="utf-8")
    assert "Fjern" in text and "Tilpas" not in text


def test_an_empty_phase_in_a_terminal_offers_the_phases(on_screen, ws):
    new_project(ws)

    run = on_screen(DOWN * 2 + ENTER, "vis", "")

    assert run.code == 0, run.err
    assert "Fasens navn er tomt." in flat(run.out)
    assert "Hvilken fase? Tilpas" in flat(run.screen)


def test_in_english_the_list_and_the_close_phase_are_english(on_screen, ws):
    new_project(ws)

    run = on_screen(ENTER, "--sprog", "en", "vis", "tjkk")

    assert run.code == 0, run.err
    assert "Unknown phase: 'tjkk'. Did you mean 'check'?" in flat(run.out)
    assert "Which phase? Check" in flat(run.screen)
    assert "tjek (Check)" not in run.out


def test_esc_in_the_phase_list_from_the_shell_stops(on_screen, ws):
    slug = new_project(ws)
    before = ws.store.path_for(slug).read_bytes()

    run = on_screen(ESC + ENTER, "godkend", "tjkk", "--af", "Eva")

    assert run.code == 130
    assert ws.store.path_for(slug).read_bytes() == before


# --- without a terminal: refused, naming the phases --------------------------------------------------


@pytest.mark.parametrize(
    "words", [("vis", "tjkk"), ("fase", "tjkk"), ("godkend", "tjkk"), ("rapport", "--fase", "tjkk")]
)
def test_without_a_terminal_a_phase_that_is_none_is_refused_naming_the_phases(run_cli, ws, words):
    new_project(ws)

    code, out, err = run_cli(*words)

    assert (code, out) == (2, "")
    example = " ".join("tjek" if word == "tjkk" else word for word in words)  # the command put right
    assert flat(err) == f"Fejl: Ukendt fase: 'tjkk'. Mente du 'tjek'? {DANISH} Fx: spredning {example}"


@pytest.mark.parametrize("words", [("vis", "tjkk"), ("godkend", "tjkk"), ("rapport", "--fase", "tjkk")])
def test_without_a_terminal_in_english_the_phases_are_named_as_an_english_user_types_them(run_cli, ws, words):
    new_project(ws)

    code, _, err = run_cli("--sprog", "en", *words)

    assert code == 2
    example = " ".join("check" if word == "tjkk" else word for word in words)  # the English phase word
    assert flat(err) == (
        f"Error: Unknown phase: 'tjkk'. Did you mean 'check'? {ENGLISH} E.g.: spredning --sprog en {example}"
    )


def test_without_a_terminal_the_example_keeps_the_users_other_words_quoted(run_cli, ws):
    new_project(ws)

    code, _, err = run_cli("godkend", "tjkk", "--af", "Eva Jensen", "--projekt", ws.slug())

    assert code == 2
    assert flat(err).endswith(f"Fx: spredning --projekt {ws.slug()} godkend tjek --af 'Eva Jensen'")
    code, _, err = run_cli("rapport", "--fase=test", "--fase=tjkk")
    assert flat(err).endswith("Fx: spredning rapport --fase=test --fase=tjek")


def test_without_a_terminal_no_close_phase_gives_no_example(run_cli, ws):
    new_project(ws)

    code, _, err = run_cli("vis", "zzzz")

    assert code == 2
    assert flat(err) == f"Fejl: Ukendt fase: 'zzzz'. {DANISH}"


def test_plan_fase_refused_in_english_names_the_english_phases(run_cli, ws):
    new_project(ws)

    code, _, err = run_cli("--sprog", "en", "plan", "tilføj", "--hvad", "x", "--fase", "zzz")

    assert code == 2
    assert "Write one of the phases (check, test, adapt, remove, implement, harvest)" in flat(err)


def test_plan_fase_with_a_full_stop_after_a_phase_is_told_the_phase_as_the_other_commands_are(run_cli, ws):
    """'høst.' (a phase with the sentence's full stop) is no tool id: the phase is the close one."""
    new_project(ws)

    code, _, err = run_cli("plan", "tilføj", "--hvad", "x", "--fase", "høst.", "--status", "færdigg")

    assert code == 2
    assert "'høst.' er ikke en fase eller et værktøj. Mente du 'høst'?" in flat(err)
    assert flat(err).endswith("plan tilføj --hvad x --status færdig --fase høst")


# --- markup in front of a value: the close one found on the text meant, the value shown as typed ----


@pytest.fixture
def sharing(run_cli):
    code, _, err = run_cli(
        "start", "--navn", "Delt", "--rolle", "dele", "--beskrivelse", "x", "--deler", "Odense Kommune",
        "--genbruger", "Ærø Kommune", "--genbruger", "Fanø Kommune",
    )  # fmt: skip
    assert code == 0, err


def test_a_partner_with_markup_in_front_gets_the_close_one_chosen(on_screen, ws, sharing):
    run = on_screen(ENTER, "plan", "tilføj", "--hvad", "Book et lokale", "--partner", "[red]Fanø Kommne")

    assert run.code == 0, run.err
    assert "'[red]Fanø Kommne' er ikke en genbrugende organisation" in flat(run.out)  # shown, not parsed
    assert "Hvilken genbrugende organisation gælder det? Fanø Kommune" in flat(run.screen)
    project = ws.store.load("delt")
    fanoe = next(p for p in project.partners if p.name == "Fanø Kommune")
    assert [item.what for item in followup.plan_items(project, fanoe)] == ["Book et lokale"]


@pytest.mark.parametrize(
    ("words", "close"),
    [
        (("plan", "tilføj", "--hvad", "x", "--status", "[bold]igang"), "Mente du 'i gang'?"),
        (("vis", "tjek", "--rolle", "[bold red]genbrug"), "Mente du 'genbruge'?"),
        (("vis", "[red]tjk"), "Mente du 'tjek'?"),
        (("klarhed", f"{LINK}Fjern forhindrnger", "gul"), "Mente du 'Fjern forhindringer'?"),
    ],
)
def test_without_a_terminal_a_value_with_markup_in_front_is_told_the_close_one(run_cli, ws, words, close):
    new_project(ws)

    code, _, err = run_cli(*words)

    assert code == 2
    said = flat(err)
    assert close in said
    assert f"'{words[-1] if words[0] != 'klarhed' else words[1]}'" in said  # the value as typed


def test_without_a_terminal_a_partner_with_markup_in_front_is_told_the_close_one(run_cli, sharing):
    said = flat(run_cli("plan", "tilføj", "--hvad", "x", "--partner", "[red]Fanø Kommne")[2])

    assert "'[red]Fanø Kommne' er ikke en genbrugende organisation" in said  # as typed, not parsed
    assert "Mente du 'Fanø Kommune'?" in said
