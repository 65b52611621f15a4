"""An option value refused though its right values are known (--status, --fase, --rolle, --partner,
start's --organisation and --genbruger): in a terminal they are offered, what was wrong said above
them, the closest chosen already; without a terminal the refusal (exit 2) names them.

Also what the fields opened for a refused value do with Esc (as a list does: stop) and with a tab
(a space), through the real prompts by keystrokes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from exchange_kit import flat
from homekit import CTRL_C, DOWN, ENTER, ESC
from projectkit import new_project

from spredning.core import followup

PASTE = "\x1b[200~{}\x1b[201~"  # a bracketed paste, as a terminal sends it
SHARING = (
    "start", "--navn", "Delt", "--rolle", "dele", "--beskrivelse", "x", "--deler", "Odense Kommune",
    "--genbruger", "Ærø Kommune", "--genbruger", "Fanø Kommune",
)  # fmt: skip


def facts(slug: str) -> dict:
    path = Path(os.environ["SPREDNING_HJEM"]) / f"{slug}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["projekt"]


def saved_projects() -> list[Path]:
    return sorted(Path(os.environ["SPREDNING_HJEM"]).glob("*.yaml"))


@pytest.fixture
def sharing(run_cli, ws):
    code, _, err = run_cli(*SHARING)
    assert code == 0, err
    return "delt"


def plan_of(ws, slug: str, name: str) -> list:
    project = ws.store.load(slug)
    return followup.plan_items(project, next(p for p in project.partners if p.name == name))


# --- --partner ----------------------------------------------------------------------------------------


def test_in_a_terminal_an_unknown_partner_offers_the_partners_the_close_one_chosen(on_screen, ws, sharing):
    run = on_screen(ENTER, "plan", "tilføj", "--hvad", "Book et lokale", "--partner", "Fano Kommne")

    assert run.code == 0, run.err
    said = flat(run.out)
    assert "'Fano Kommne' er ikke en genbrugende organisation i projektet (Ærø Kommune, Fanø Kommune)" in said
    assert "Hvilken genbrugende organisation gælder det? Fanø Kommune" in flat(run.screen)
    assert "Esc eller Ctrl+C stopper" in run.screen
    assert [item.what for item in plan_of(ws, sharing, "Fanø Kommune")] == ["Book et lokale"]
    assert plan_of(ws, sharing, "Ærø Kommune") == []


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        (("plan",), "Fanø Kommune"),
        (("status",), "Fanø Kommune"),
        (("vis", "tjek"), "Fanø Kommune"),
    ],
)
def test_every_command_taking_partner_offers_the_partners_for_an_unknown_one(
    on_screen, sharing, words, shown
):
    run = on_screen(DOWN + ENTER, *words, "--partner", "Bornholm")  # none close: the first, then Down

    assert run.code == 0, run.err
    said = flat(run.out)
    assert "'Bornholm' er ikke en genbrugende organisation i projektet" in said
    assert f"Hvilken genbrugende organisation gælder det? {shown}" in flat(run.screen)


def test_eksport_with_an_unknown_partner_in_a_terminal_writes_for_the_one_chosen(
    on_screen, sharing, tmp_path
):
    out = tmp_path / "til-fanoe.yaml"

    run = on_screen(ENTER, "eksport", "--partner", "Fanøø", "--ud", str(out))

    assert run.code == 0, run.err
    assert "Fanø Kommune" in out.read_text(encoding="utf-8")


def test_without_a_terminal_an_unknown_partner_is_refused_naming_the_partners(run_cli, sharing):
    code, _, err = run_cli("plan", "tilføj", "--hvad", "x", "--partner", "Fano Kommne")

    assert code == 2
    assert flat(err).startswith(
        "Fejl: 'Fano Kommne' er ikke en genbrugende organisation i projektet (Ærø Kommune, Fanø Kommune). "
        "Mente du 'Fanø Kommune'?"
    )


# --- --rolle ------------------------------------------------------------------------------------------


def test_in_a_terminal_a_side_that_is_none_offers_the_sides_the_close_one_chosen(on_screen, ws):
    slug = new_project(ws)

    run = on_screen(ENTER, "vis", "tjek", "--rolle", "genbrug")

    assert run.code == 0, run.err
    said = flat(run.out)
    assert "Ukendt side: 'genbrug'. Mente du 'genbruge'?" in said
    assert "Hvilken side gælder det? genbruge (den genbrugende organisations side)" in flat(run.screen)
    assert "Vi vil genbruge 0/" in said and "Vi vil dele 0/" not in said  # the side chosen is shown
    assert slug


@pytest.mark.parametrize(
    "argv",
    [("møde",), ("klarhed", "Balance expectations"), ("fase", "check")],
    ids=["møde", "klarhed", "fase"],
)
def test_in_english_the_sides_offered_are_named_in_english_with_the_word_rolle_takes(typing, no_side, argv):
    """From a trial: the English list said " » dele (the sharing organisation's side)", a Danish word
    first; --rolle takes only dele and genbruge, so the side's name comes first and the word after it."""
    run = typing(no_side, DOWN + ENTER + CTRL_C, "--sprog", "en", *argv)  # the reusing side, then stop

    shown = flat(run.screen)
    assert "The sharing organisation's side (--rolle dele)" in shown, shown
    assert "for? The reusing organisation's side (--rolle genbruge)" in shown  # chosen, echoed
    assert "dele (the" not in shown and "genbruge (the" not in shown


def test_in_danish_the_sides_offered_are_as_before(typing, no_side):
    run = typing(no_side, DOWN + ENTER + CTRL_C, "klarhed", "Afstem forventninger")

    shown = flat(run.screen)
    assert "dele (den delende organisations side)" in shown
    assert "Hvilken side gælder det? genbruge (den genbrugende organisations side)" in shown


def test_without_a_terminal_a_side_that_is_none_is_refused_naming_both(run_cli, ws):
    new_project(ws)

    code, _, err = run_cli("vis", "tjek", "--rolle", "genbrug")

    assert code == 2
    assert "Mente du 'genbruge'? Vælg 'dele' eller 'genbruge'." in flat(err)


# --- --status -----------------------------------------------------------------------------------------


def test_in_a_terminal_a_status_that_is_none_offers_the_statuses_the_close_one_chosen(on_screen, ws):
    slug = new_project(ws)

    run = on_screen(ENTER, "plan", "tilføj", "--hvad", "Book et lokale", "--status", "igang")

    assert run.code == 0, run.err
    said = flat(run.out)
    assert "'igang' er ikke en status." in said
    assert "Status? i gang" in flat(run.screen)
    project = ws.store.load(slug)
    [item] = followup.plan_items(project, project.partners[0])
    assert (item.what, item.status) == ("Book et lokale", "i-gang")


def test_plan_ret_with_a_status_that_is_none_in_a_terminal_offers_them(on_screen, run_cli, ws):
    slug = new_project(ws)
    assert run_cli("plan", "tilføj", "--hvad", "Book et lokale")[0] == 0
    project = ws.store.load(slug)
    [item] = followup.plan_items(project, project.partners[0])

    run = on_screen(ENTER, "plan", "ret", item.id, "--status", "fardig")

    assert run.code == 0, run.err
    project = ws.store.load(slug)
    [changed] = followup.plan_items(project, project.partners[0])
    assert changed.status == "færdig"


@pytest.mark.parametrize("change", [False, True], ids=["tilføj", "ret"])
def test_a_stop_in_the_deadlines_field_keeps_the_status_and_phase_chosen_in_their_lists(
    on_screen, run_cli, ws, change
):
    """Found in a trial: after 'i gang' chosen for --status snart, Ctrl+C in the field for a deadline
    that is none gave back the command with '--status snart', refused again, the choice gone; and
    'plan ret' left out --fase altogether."""
    slug = new_project(ws)
    words = ["plan", "tilføj"]
    if change:
        assert run_cli("plan", "tilføj", "--hvad", "Book et lokale")[0] == 0
        project = ws.store.load(slug)
        words = ["plan", "ret", followup.plan_items(project, project.partners[0])[0].id]
    options = ("--hvad", "Lav aftale", "--frist", "31-04-2027", "--status", "snart", "--fase", "fjrn")
    # the phase (fjern) and its whole phase, the status after the one offered first ('i gang'), in
    # the order each command asks them; then a stop in the deadline's field
    keys = DOWN + ENTER + ENTER * 2 if change else ENTER * 2 + DOWN + ENTER
    run = on_screen(keys + CTRL_C, *words, *options)

    assert run.code == 130, run.out
    said = flat(run.err)
    assert "--status 'i gang'" in said and "--fase fjern" in said, said
    assert "snart" not in said.split("Fristen")[-1] and "fjrn" not in said.split("Fristen")[-1], said
    project = ws.store.load(slug)
    assert len(followup.plan_items(project, project.partners[0])) == (1 if change else 0)


def test_without_a_terminal_a_status_that_is_none_is_refused_naming_each(run_cli, ws):
    new_project(ws)

    code, _, err = run_cli("plan", "tilføj", "--hvad", "x", "--status", "igang")

    assert code == 2
    assert flat(err) == (
        "Fejl: 'igang' er ikke en status. Mente du 'i gang'? "
        'Brug "ikke startet", "i gang", færdig eller droppet. '
        "Fx: spredning plan tilføj --hvad x --status 'i gang'"
    )


# --- start: --organisation, several --genbruger, a blank --deler -------------------------------------

REUSING = (
    "start", "--navn", "P", "--rolle", "genbruge", "--beskrivelse", "x", "--deler", "Odense Kommune",
    "--genbruger", "Ærø Kommune", "--genbruger", "Fanø Kommune",
)  # fmt: skip


def test_in_a_terminal_an_organisation_none_of_the_reusing_ones_offers_them(on_screen, run_cli):
    run = on_screen(ENTER, *REUSING, "--organisation", "Fanø Komune")

    assert run.code == 0, run.err
    said = flat(run.out)
    assert "--organisation 'Fanø Komune' er ikke en af de genbrugende organisationer" in said
    assert (
        "Hvilken af de genbrugende organisationer er I? (Ærø Kommune eller Fanø Kommune) Fanø Kommune"
        in flat(run.screen)
    )
    assert "Vi vil genbruge (Fanø Kommune)" in run_cli("status")[1]


def test_a_stop_in_the_organisations_list_gives_the_command_without_the_one_refused(on_screen):
    run = on_screen(ESC + ENTER, *REUSING, "--organisation", "Vejle")

    assert run.code == 130
    said = flat(run.err)
    assert "Vejle" not in said
    assert "--genbruger 'Ærø Kommune' --genbruger 'Fanø Kommune'" in said
    assert saved_projects() == []


def test_without_a_terminal_an_organisation_none_of_the_reusing_ones_names_them(run_cli):
    code, _, err = run_cli(*REUSING, "--organisation", "Vejle")

    assert code == 2
    assert "(Ærø Kommune, Fanø Kommune)" in flat(err)
    assert saved_projects() == []


def test_several_reusing_one_refused_opens_its_own_field_the_others_kept(on_screen, run_cli):
    options = ("--genbruger", "Ærø Kommune", "--genbruger", "Fanø\tKommune", "--genbruger", "Vejle")
    start = ("start", "--navn", "P", "--rolle", "genbruge", "--beskrivelse", "x", "--deler", "Odense")

    run = on_screen("\x15" + "Fanø Kommune" + ENTER + ENTER, *start, *options, "--organisation", "Vejle")

    assert run.code == 0, run.err
    assert "Fanø␉Kommune" in run.screen  # the tab shown as its picture, not as ^I
    assert "Ærø Kommune, Fanø" not in run.screen  # not one field for all the names
    assert facts("p")["genbrugere"] == {
        "aeroe-kommune": "Ærø Kommune",
        "fanoe-kommune": "Fanø Kommune",
        "vejle": "Vejle",
    }
    assert "Vi vil genbruge (Vejle)" in run_cli("status")[1]


def test_a_blank_reusing_one_of_several_is_asked_and_left_out_when_left_empty(on_screen):
    run = on_screen(ENTER, *REUSING, "--genbruger", "   ", "--organisation", "Ærø Kommune")

    assert run.code == 0, run.err
    assert "--genbruger er givet uden et navn." in flat(run.screen)
    assert list(facts("p")["genbrugere"].values()) == ["Ærø Kommune", "Fanø Kommune"]


def test_in_a_terminal_a_blank_deler_opens_its_field(on_screen):
    run = on_screen("Odense Kommune" + ENTER, "start", "--navn", "P", "--rolle", "dele", "--beskrivelse", "x",
                    "--deler", "   ", "--genbruger", "Vejle")  # fmt: skip

    assert run.code == 0, run.err
    assert "--deler er givet uden et navn." in flat(run.screen)
    assert facts("p")["deler"] == "Odense Kommune"


@pytest.mark.parametrize("blank", ["   ", ""])
def test_without_a_terminal_a_blank_deler_is_refused_naming_it(run_cli, blank):
    code, _, err = run_cli(
        "start", "--navn", "P", "--rolle", "dele", "--beskrivelse", "x", "--deler", blank, "--genbruger", "V"
    )

    assert code == 2
    assert flat(err) == (
        "Fejl: --deler er givet uden et navn. "
        "Skriv navnet efter --deler i anførselstegn, eller udelad --deler."
    )
    assert saved_projects() == []


# --- Esc and a tab in the fields ----------------------------------------------------------------------


def test_esc_in_a_field_opened_for_a_refused_value_stops_as_ctrl_c_and_says_so(on_screen, ws):
    new_project(ws)

    run = on_screen(" nu" + ESC + ENTER, "plan", "tilføj", "--hvad", "Book\net lokale", "--hvem", "Ole")

    assert run.code == 130
    assert "(Esc eller Ctrl+C stopper)" in flat(run.screen)
    said = flat(run.err)
    assert "Handlingen er ikke tilføjet" in said
    assert "--hvad 'Book et lokale nu' --hvem Ole" in said  # what was typed, and the option given, kept


def test_esc_in_starts_field_for_a_refused_name_keeps_the_other_options_in_the_command(on_screen):
    keys = ESC + "\x15" + "Navn" + ENTER  # after Esc nothing more is typed into the field
    run = on_screen(keys, "start", "--navn", "A\nB", "--rolle", "dele", "--beskrivelse", "Prøve")

    assert run.code == 130
    assert "(Esc eller Ctrl+C stopper)" in flat(run.screen)
    said = flat(run.err)
    assert "start --rolle dele --beskrivelse Prøve" in said
    assert "Navn" not in said
    assert saved_projects() == []


@pytest.mark.parametrize("tab", ["\t", PASTE.format("\t")])
def test_a_tab_typed_or_pasted_in_a_one_line_field_is_a_space(on_screen, tab):
    run = on_screen(f"Prøve{tab}projekt" + ENTER, "start", "--rolle", "dele", "--beskrivelse", "x",
                    "--deler", "Odense", "--genbruger", "Vejle")  # fmt: skip

    assert run.code == 0, run.err
    assert "^I" not in run.screen
    assert facts("proeve-projekt")["navn"] == "Prøve projekt"


def test_starts_fields_for_a_refused_name_and_a_blank_deler_both_open(on_screen):
    """A blank --deler is one of the bad values: the name refused with it is not passed over."""
    keys = "\x1b[D" * 4 + "\x7f" + ENTER + "Odense Kommune" + ENTER  # the line break taken out
    start = ("start", "--navn", "Æble\ngrød", "--rolle", "dele", "--beskrivelse", "x", "--deler", " ")

    run = on_screen(keys, *start, "--genbruger", "Vejle")

    assert run.code == 0, run.err
    assert (facts("aeblegroed")["navn"], facts("aeblegroed")["deler"]) == ("Æblegrød", "Odense Kommune")


def test_starts_side_list_for_a_refused_side_has_the_close_one_chosen_and_says_how_to_stop(
    on_screen, run_cli
):
    given = ("--navn", "Q", "--beskrivelse", "x", "--deler", "Odense", "--genbruger", "Ærø Kommune")

    run = on_screen(ENTER, "start", "--rolle", "genbrug", *given)

    assert run.code == 0, run.err
    assert "Hvilken side er I på? Vi vil genbruge" in flat(run.screen)
    assert "Esc eller Ctrl+C stopper" in flat(run.screen)
    assert "Vi vil genbruge (Ærø Kommune)" in run_cli("status")[1]


def test_without_a_terminal_a_phase_that_is_none_is_refused_naming_the_phases(run_cli, ws):
    new_project(ws)

    code, _, err = run_cli("plan", "tilføj", "--hvad", "x", "--fase", "zzz")

    assert code == 2
    assert "Skriv en af faserne (tjek, test, tilpas, fjern, brug, høst) eller et værktøj" in flat(err)


def test_a_stop_in_the_list_offered_for_a_status_says_the_action_is_not_added(on_screen, ws, reusing):
    before = ws.store.path_for(reusing).read_bytes()

    run = on_screen(ESC + ENTER, "plan", "tilføj", "--hvad", "Book et lokale", "--status", "igang")

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Handlingen er ikke tilføjet."
    assert ws.store.path_for(reusing).read_bytes() == before
