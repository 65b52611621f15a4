"""'fase FASE --svar FIL' with a reusing side's answers: whose they are is said, and asked, before saving.

Every reusing organisation answers the same questions (ids '….genbruge.…'), and an answers file is
only ids and texts: nothing in it, nor in where it came from, says which organisation wrote it. Ærø
given Fanø's file would save Fanø's answers as its own without a word. So a terminal names the
organisation the answers will be saved for and asks (Yes first; No or Ctrl+C saves nothing), and
the message after saving names it too (a script cannot be asked).
"""

from __future__ import annotations

import pytest
import yaml
from exchange_kit import D3, G1, G2, KEYS, PARTNERS, Org, asking_in, flat, start_sharing, tree
from homekit import CTRL_C, DOWN, ENTER

pytestmark = pytest.mark.usefixtures("work_in_tmp")

FANOE_ANSWERS = {G1: "Fanø synes, det er interessant", G2: "Ja, Fanø har samme behov"}


@pytest.fixture
def aeroe(tmp_path, run_cli) -> Org:
    """Ærø, on the reusing side of Odense's project, with nothing answered yet."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert org.import_(odense.export())[0] == 0
    return org


@pytest.fixture
def asking(monkeypatch):
    return asking_in(monkeypatch, "fase")


def fanoes_file(org: Org, answers: dict | None = None):
    path = org.files / "svar (1).yaml"  # a mail's attachment: its name says nothing either
    path.write_text(yaml.safe_dump(answers or FANOE_ANSWERS, allow_unicode=True), encoding="utf-8")
    return path


def test_a_terminal_names_the_organisation_and_no_saves_nothing(aeroe, asking):
    before = tree(aeroe.home)
    source = fanoes_file(aeroe)

    run = asking(aeroe, DOWN + ENTER, "fase", "tjek", "--svar", str(source))

    assert run.code == 0, run.err
    out, screen = flat(run.out), flat(run.screen)
    assert (
        '(1).yaml" siger ikke, hvilken organisation svarene er fra: alle genbrugende '
        "organisationer har de samme spørgsmål. Svarene gemmes som svar fra Ærø Kommune."
    ) in out
    assert "? Er det svar fra Ærø Kommune?" in screen
    assert "» Ja, gem dem som svar fra Ærø Kommune" in screen  # the usual answer first
    assert "Intet er gemt fra filen." in out and "gemt i" not in out
    assert tree(aeroe.home) == before


def test_yes_saves_them_for_the_organisation_named(aeroe, asking):
    source = fanoes_file(aeroe)

    run = asking(aeroe, ENTER, "fase", "tjek", "--svar", str(source))

    assert run.code == 0, run.err
    assert "? Er det svar fra Ærø Kommune?" in flat(run.screen)
    out = flat(run.out)
    assert "2 svar gemt i" in out and "(0 var uændrede), som svar fra Ærø Kommune." in out
    assert aeroe.texts()[G1] == FANOE_ANSWERS[G1]


def test_ctrl_c_at_the_question_saves_nothing(aeroe, asking):
    before = tree(aeroe.home)

    run = asking(aeroe, CTRL_C, "fase", "tjek", "--svar", str(fanoes_file(aeroe)))

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Intet er gemt fra filen."
    assert tree(aeroe.home) == before


def test_a_script_cannot_be_asked_the_saved_message_names_the_organisation(aeroe):
    out = flat(aeroe.ok("fase", "tjek", "--svar", str(fanoes_file(aeroe))))

    assert "2 svar gemt i" in out and "som svar fra Ærø Kommune." in out


def test_the_sharing_side_is_asked_for_the_partner_chosen_and_told_how_to_choose_another(
    tmp_path, run_cli, asking
):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=PARTNERS)
    before = tree(odense.home)
    source = fanoes_file(odense)
    argv = ("fase", "tjek", "--rolle", "genbruge", "--partner", KEYS[0], "--svar", str(source))

    run = asking(odense, DOWN + ENTER, *argv)

    assert run.code == 0, run.err
    assert "? Er det svar fra Ærø Kommune?" in flat(run.screen)
    # the way to another is a command to copy, with a real partner's name: the first other one
    out = flat(run.out)
    assert (
        "Er svarene fra en anden genbrugende organisation, så vælg den med --partner og dens navn, fx: "
        in out
    )
    assert f"fase tjek --rolle genbruge --svar '{source}' --partner {KEYS[1]}" in out
    assert tree(odense.home) == before
    run = asking(odense, ENTER, *argv[:5], KEYS[1], *argv[6:])
    assert "blandt Fanø Kommunes svar. De sendes til Fanø Kommune med næste eksport." in flat(run.out)
    assert odense.texts(KEYS[1])[G1] == FANOE_ANSWERS[G1]


def test_the_sharing_sides_own_answers_are_not_asked_about(tmp_path, run_cli, asking):
    """One organisation shares: its side's answers cannot be another's of this project."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    source = fanoes_file(odense, {D3: "Vi startede i 2021"})

    run = asking(odense, "", "fase", "tjek", "--svar", str(source))

    assert run.code == 0, run.err
    assert "Er det svar fra" not in flat(run.screen)
    assert "1 svar gemt i" in flat(run.out) and "som svar fra Odense Kommune." in flat(run.out)


def test_the_english_edition_asks_in_its_own_words(aeroe, asking):
    run = asking(aeroe, ENTER, "--sprog", "en", "fase", "tjek", "--svar", str(fanoes_file(aeroe)))

    assert run.code == 0, run.err
    assert "does not say which organisation its answers are from" in flat(run.out)
    assert "? Are these answers from Ærø Kommune?" in flat(run.screen)
    assert "2 answers saved in" in flat(run.out) and "as answers from Ærø Kommune." in flat(run.out)


def test_a_partner_picked_from_the_list_just_now_is_not_asked_about_again(
    tmp_path, run_cli, asking, monkeypatch
):
    """The sharing side's list 'Hvilken genbrugende organisation ...?' is the user's word on whose."""
    monkeypatch.setattr("spredning.cli.commands.partners.is_interactive", lambda: True)  # the list too
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=PARTNERS)
    source = fanoes_file(odense)

    run = asking(odense, DOWN + ENTER, "fase", "tjek", "--rolle", "genbruge", "--svar", str(source))

    assert run.code == 0, run.err
    assert "Hvilken genbrugende organisation" in flat(run.screen)
    assert "Er det svar fra" not in flat(run.screen)
    assert "blandt Fanø Kommunes svar. De sendes til Fanø Kommune med næste eksport." in flat(run.out)
    assert odense.texts(KEYS[1])[G1] == FANOE_ANSWERS[G1]


def test_the_english_hint_names_another_partner_in_a_command(tmp_path, run_cli, asking):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=PARTNERS)
    source = fanoes_file(odense)
    argv = ("fase", "tjek", "--rolle", "genbruge", "--partner", KEYS[1], "--svar", str(source))

    run = asking(odense, DOWN + ENTER, "--sprog", "en", *argv)

    assert run.code == 0, run.err
    out = flat(run.out)
    assert "choose it with --partner and its name, e.g. spredning " in out
    assert f"fase check --rolle genbruge --svar '{source}' --partner {KEYS[0]}" in out


@pytest.mark.parametrize("sprog", ["da", "en"])
def test_the_other_sides_answers_changed_here_are_said_to_be_theirs_and_to_go_to_them(aeroe, sprog):
    """Trial (stop 44): Ærø saving a correction of Odense's answer from a file was told "1 svar gemt
    … som svar fra Odense Kommune", as if Odense had given it. They are Odense's answers, changed here."""
    aeroe.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune")
    source = fanoes_file(aeroe, {D3: "Ærøs rettelse af Odenses proces"})

    out = flat(aeroe.ok("--sprog", sprog, "fase", "tjek", "--rolle", "dele", "--svar", str(source)))

    said = {
        "da": "(0 var uændrede) blandt Odense Kommunes svar. Det sendes til Odense Kommune med "
        "næste eksport.",
        "en": "(0 were unchanged) among Odense Kommune's answers. It goes to Odense Kommune "
        "with the next export.",
    }[sprog]
    assert "1 svar gemt i" in out or "1 answer saved in" in out
    assert said in out and "som svar fra" not in out and "as an answer from" not in out
    assert aeroe.texts()[D3] == "Ærøs rettelse af Odenses proces"
