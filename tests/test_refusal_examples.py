"""A command that refuses what it was given shows an example to run instead: the user's own
command put right, every other option they gave kept (--partner, --fælles, --frist, --dato, the
action's id, their reason), not a generic command that would do something else. Each test runs
the example as printed and sees it do what the user meant.
"""

from __future__ import annotations

import datetime
import re
import shlex

import pytest
from exchange_kit import flat
from projectkit import new_project, workspace

from spredning.app import plan
from spredning.core import followup

TODAY = datetime.date.today()
SOON = followup.typed_day(TODAY + datetime.timedelta(days=30))
GONE = followup.typed_day(TODAY - datetime.timedelta(days=3))


def example(err: str) -> list[str]:
    """The command a refusal printed (it ends the message), as the words after the program."""
    found = re.search(r"(?:Fx:|fx:|tilvalg:|efter den:|efter det:) spredning (.*)$", flat(err))
    assert found, err
    return shlex.split(found.group(1))


@pytest.fixture
def sharing(ws):
    """The sharing side (Odense) with two partners: a dialogue must be named."""
    return new_project(ws, "Odense Kommune", "dele", ("Ærø Kommune", "Faaborg Kommune"))


def partner(ws, slug, key):
    return next(p for p in ws.store.load(slug).partners if p.key == key)


def actions(ws, slug, key=None):
    project = ws.store.load(slug)
    return followup.plan_items(project, partner(ws, slug, key) if key else None)


def test_an_empty_what_shows_the_add_command_with_the_partner_deadline_and_who(run_cli, ws, sharing):
    code, _, err = run_cli(
        "plan", "tilføj", "--hvad", "  ", "--hvem", "Ole", "--frist", SOON, "--partner", "ærø"
    )

    assert code == 2
    shown = example(err)
    assert shown[:2] == ["plan", "tilføj"]
    assert {"--hvem", "Ole", "--frist", SOON, "--partner", "aeroe-kommune"} <= set(shown)
    assert run_cli(*shown)[0] == 0
    [item] = [i for i in actions(ws, sharing, "aeroe-kommune") if i.where == "aeroe-kommune"]
    assert (item.what, item.who, item.due) == ("Fjern kravet om fremmøde", "Ole", plan.parse_due(SOON))


def test_an_empty_what_for_all_dialogues_keeps_faelles_and_the_status(run_cli, ws, sharing):
    code, _, err = run_cli("plan", "tilføj", "--hvad", "", "--fælles", "--status", "i gang")

    assert code == 2
    shown = example(err)
    assert "--fælles" in shown and "i gang" in shown
    assert run_cli(*shown)[0] == 0
    [item] = actions(ws, sharing)
    assert (item.where, item.status) == ("", "i-gang")


def test_an_empty_what_in_plan_ret_shows_plan_ret_with_the_id_not_plan_tilfoej(run_cli, ws, sharing):
    item = plan.add(ws, plan.Action("Gammel"), partner(ws, sharing, "aeroe-kommune"))

    code, _, err = run_cli("plan", "ret", item.id[:4], "--hvad", " ", "--status", "færdig")

    assert code == 2
    shown = example(err)
    assert shown[:3] == ["plan", "ret", item.id[:4]] and "færdig" in shown
    assert run_cli(*shown)[0] == 0
    [changed] = actions(ws, sharing, "aeroe-kommune")
    assert (changed.what, changed.status) == ("Fjern kravet om fremmøde", "færdig")


@pytest.mark.parametrize(
    ("option", "value", "first"),
    [
        ("--frist", "32-13-2026", "ikke en dato"),
        ("--status", "forkert", "ikke en status"),
        ("--fase", "nix", "ikke en fase"),
    ],
)
def test_an_empty_what_in_plan_ret_with_a_wrong_option_says_both_at_once(
    run_cli, ws, sharing, option, value, first
):
    """As 'plan tilføj' does: the example for the empty --hvad kept the wrong option, so when copied it
    was refused again; then the wrong option was said first, and the empty --hvad only on the next
    run; now both at once (plan_options), and no example keeps the wrong value."""
    item = plan.add(ws, plan.Action("Gammel"), partner(ws, sharing, "aeroe-kommune"))

    code, _, err = run_cli("plan", "ret", item.id[:4], "--hvad", "", option, value)

    assert code == 2
    assert first in flat(err) and "--hvad: Skriv, hvad der skal gøres" in flat(err)
    assert f"{option} {value}" not in flat(err)
    [kept] = actions(ws, sharing, "aeroe-kommune")
    assert kept.what == "Gammel"


def test_without_a_terminal_plan_tilfoej_shows_the_command_with_everything_given(run_cli, ws, sharing):
    code, _, err = run_cli(
        "plan", "tilføj", "--hvem", "Ole", "--frist", SOON, "--fase", "fjern", "--partner", "faaborg"
    )

    assert code != 0
    shown = example(err)
    assert {"--hvem", "Ole", "--frist", SOON, "--fase", "fjern"} <= set(shown)
    # no '--hvad TEKST': copied, 'TEKST' would be saved as the action; in a terminal it asks
    # (test_refusal_examples_copyable.py), without one it is refused again, nothing saved
    assert "--hvad" not in shown
    assert run_cli(*shown)[0] == 2
    assert actions(ws, sharing, "faaborg-kommune") == []


def test_an_empty_approver_shows_godkend_for_the_phase_dialogue_and_day_given(run_cli, ws, sharing):
    code, _, err = run_cli("godkend", "fjern", "--af", " ", "--fælles", "--dato", GONE)

    assert code == 2
    shown = example(err)
    assert shown[:2] == ["godkend", "fjern"] and {"--fælles", "--dato", GONE} <= set(shown)
    code, out, err = run_cli(*shown)
    assert code == 0, err
    day = datetime.datetime.strptime(GONE, "%d-%m-%Y").date()
    assert "godkendt af Eva Jensen" in flat(out) and f"{day.day}." in out and "fælles" in flat(out)


def test_without_a_terminal_godkend_keeps_the_day_and_the_partner(run_cli, ws, sharing):
    code, _, err = run_cli("godkend", "fjern", "--dato", GONE, "--partner", "ærø")

    assert code != 0
    shown = example(err)
    assert {"--dato", GONE, "--partner", "aeroe-kommune"} <= set(shown)
    # no '--af NAVN': copied, 'NAVN' would be saved as the approver; in a terminal it asks
    # (test_refusal_examples_copyable.py), without one it is refused again, nothing saved
    assert "--af" not in shown
    before = ws.store.path_for(sharing).read_bytes()
    assert run_cli(*shown)[0] == 2
    assert ws.store.path_for(sharing).read_bytes() == before


def test_without_a_terminal_klarhed_keeps_the_reason_given(run_cli, ws, sharing):
    code, _, err = run_cli(
        "klarhed", "fjern-forhindringer", "--begrundelse", "Mangler budget", "--partner", "ærø"
    )

    assert code != 0
    shown = example(err)
    assert "Mangler budget" in shown
    code, _, err = run_cli(*shown)
    assert code == 0, err
    assert "Mangler budget" in ws.store.path_for(sharing).read_text(encoding="utf-8")


def test_the_example_keeps_the_partner_named_where_the_command_could_tell_it(run_cli, tmp_path):
    reusing_ws = workspace(tmp_path / "hjem")
    new_project(reusing_ws)  # the reusing side: one dialogue, --partner not needed but kept

    code, _, err = run_cli("godkend", "tjek", "--af", "", "--partner", "ærø", "--dato", GONE)

    assert code == 2
    shown = example(err)
    assert {"--partner", "aeroe-kommune", "--dato", GONE} <= set(shown)
    assert run_cli(*shown)[0] == 0


def test_an_empty_approver_is_given_the_name_this_side_approved_with_before(run_cli, tmp_path):
    """Found in a trial: 'godkend høst --af ""' suggested 'Eva Jensen', an example, when this side
    had approved as Bente Hansen before: a copied command would approve in a stranger's name."""
    reusing_ws = workspace(tmp_path / "hjem")
    new_project(reusing_ws)
    assert run_cli("godkend", "tjek", "--af", "Bente Hansen")[0] == 0

    code, _, err = run_cli("godkend", "test", "--af", " ")

    assert code == 2
    shown = example(err)
    assert shown[shown.index("--af") + 1] == "Bente Hansen" and "Eva Jensen" not in err


def test_without_a_side_the_fase_example_keeps_the_partner_and_the_flags(tmp_path, run_cli):
    import shutil

    from exchange_kit import D1, Org, start_sharing

    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Faaborg Kommune")
    )
    copy = Org(tmp_path / "kopi", tmp_path, run_cli)
    copy.home.mkdir(parents=True)
    shutil.copy(odense.store.path_for(odense.slug), copy.home)  # a fresh copy: no side set
    answers = tmp_path / "svar.yaml"
    answers.write_text(f"{D1}: Formålet for Faaborg\n", encoding="utf-8")

    code, _, err = copy("fase", "tjek", "--partner", "faaborg", "--svar", str(answers))

    assert code == 2
    shown = example(err)
    assert {"--rolle", "dele", "--partner", "faaborg", "--svar", str(answers)} <= set(shown)
    code, out, err = copy(*shown)
    assert code == 0, err
    assert "1 svar gemt" in flat(out)
    assert "Formålet for Faaborg" in copy.store.path_for(copy.slug).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["!!!", "To\tdele"])
def test_a_name_start_cannot_take_shows_the_start_command_with_the_other_options(run_cli, tmp_path, name):
    ws = workspace(tmp_path / "hjem")  # $SPREDNING_HJEM
    given = (
        "--rolle",
        "dele",
        "--deler",
        "Odense Kommune",
        "--genbruger",
        "Ærø Kommune",
        "--beskrivelse",
        "Hjemmet",
    )

    code, _, err = run_cli("start", "--navn", name, *given)

    assert code == 2
    shown = example(err)
    assert shown[:3] == ["start", "--navn", "Genoptræning i hjemmet"] and set(given) <= set(shown)
    code, _, err = run_cli(*shown)
    assert code == 0, err
    [slug] = ws.store.slugs()
    project = ws.store.load(slug)
    assert (project.description, [p.name for p in project.partners]) == ("Hjemmet", ["Ærø Kommune"])


def test_without_a_terminal_start_does_not_offer_a_name_it_would_refuse(run_cli, tmp_path):
    code, _, err = run_cli("start", "--navn", "!!", "--beskrivelse", "Hjemmet")

    assert code != 0
    shown = example(err)
    assert "!!" not in shown
    assert run_cli(*shown)[0] == 0


def quoted_example(err: str) -> list[str]:
    """The command a missing argument's message shows in quotes ('fx 'spredning godkend tjek ...'.')."""
    found = re.search(r"fx 'spredning (.*?)'\.", flat(err))
    assert found, err
    return shlex.split(found.group(1))


def test_a_missing_phase_shows_godkend_with_the_options_given(run_cli, ws, sharing):
    code, _, err = run_cli("godkend", "--fælles", "--dato", GONE, "--af", "Eva Holm")

    assert code == 2
    shown = quoted_example(err)
    assert shown == ["godkend", "tjek", "--fælles", "--dato", GONE, "--af", "Eva Holm"]
    code, out, err = run_cli(*shown)
    assert code == 0, err
    assert "godkendt af Eva Holm" in flat(out) and "fælles" in flat(out)


def test_a_missing_id_shows_plan_ret_with_the_options_given(run_cli, ws, sharing):
    item = plan.add(ws, plan.Action("Gammel"), partner(ws, sharing, "aeroe-kommune"))

    code, _, err = run_cli("plan", "ret", "--status", "færdig", "--hvem", "Ole Olsen")

    assert code == 2
    shown = quoted_example(err)
    assert shown == ["plan", "ret", item.id, "--status", "færdig", "--hvem", "Ole Olsen"]  # a real id
    assert run_cli(*shown)[0] == 0
    [changed] = actions(ws, sharing, "aeroe-kommune")
    assert (changed.status, changed.who) == ("færdig", "Ole Olsen")


def test_a_missing_phase_without_options_is_said_as_before(run_cli, sharing):
    code, _, err = run_cli("godkend")

    assert code == 2
    assert quoted_example(err) == ["godkend", "tjek"]


def test_a_reason_without_a_tool_is_kept_in_the_example_and_the_tool_as_typed_runs(run_cli, ws):
    """Found in a trial: the reason typed was dropped from the example ('--begrundelse "…"')."""
    slug = new_project(ws)  # the reusing side: one dialogue, no --partner needed
    code, _, err = run_cli("klarhed", "--begrundelse", "Vi mangler tal fra 2025")

    assert code == 2
    shown = example(err)
    assert shown[-2:] == ["--begrundelse", "Vi mangler tal fra 2025"]
    code, _, err = run_cli(*shown)
    assert code == 0, err
    assert "Vi mangler tal fra 2025" in ws.store.path_for(slug).read_text(encoding="utf-8")


def test_without_a_terminal_klarhed_shows_the_tool_as_typed_and_the_colour_as_an_example(run_cli, sharing):
    code, _, err = run_cli("klarhed", "Fjern forhindringer", "--partner", "ærø")

    assert code == 2
    assert "Giv farven (grøn, gul eller rød) i kommandoen, efter værktøjet, fx:" in flat(err)
    shown = example(err)
    assert shown[:3] == ["klarhed", "Fjern forhindringer", "gul"]
    code, _, err = run_cli(*shown)
    assert code == 0, err
