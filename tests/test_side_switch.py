"""'projekt side': a computer that has been one side's organisation is not set to the other side silently.

From a user trial: on the sharing computer, `projekt side genbruge --organisation "Viborg Kommune"`
(the command printed as advice to reusers, easily copied) turned it into Viborg, and the next export
went out as Viborg's. Now a terminal asks first (No is the default) and says what it means; a script
is refused and told the command with --ja. Going back to the organisation whose answers the computer
wrote needs no yes. A reusing computer set to 'dele' is treated the same way.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, Org, asking_in, flat, start_sharing, tree
from homekit import CTRL_C, DOWN, ENTER

from spredning.core.local import load

pytestmark = pytest.mark.usefixtures("work_in_tmp")

TO_AEROE = (
    "Fejl: Denne computer har været Odense Kommune (Vi vil dele), og 1 af dens svar er skrevet her, og der "
    "er ingen terminal at spørge i, om den nu skal være Ærø Kommune. Intet er ændret. Gør I den til Ærø "
    "Kommune, eksporterer den fremover som Ærø Kommune, ikke som Odense Kommune; de svar, Odense Kommune "
    "har skrevet her, bliver i projektet. Er det rigtigt, så skriv 'spredning projekt side genbruge "
    "--organisation aeroe-kommune --ja'."
)


@pytest.fixture
def odense(tmp_path, run_cli) -> Org:
    """The sharing computer: Odense shares with Ærø and Fanø, and has answered one question."""
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    return start_sharing(org, reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Færre genindlæggelser"})


@pytest.fixture
def aeroe(odense, tmp_path, run_cli) -> Org:
    """Ærø's computer, after importing its file from Odense and answering one question."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert org.import_(odense.export("--partner", "Ærø"))[0] == 0
    org.answer({G1: "Ja, vi har ventelister"})
    return org


@pytest.fixture
def asking(monkeypatch):
    """Run an organisation's command with its prompt reading `keys`, as in a terminal."""
    return asking_in(monkeypatch, "project_settings")


def side(org: Org) -> tuple[str | None, str | None]:
    state = load(org.home, org.slug)
    return state.side, state.organisation


def test_the_sharing_computer_is_not_made_a_reusing_one_without_a_terminal(odense):
    before = tree(odense.home)

    code, out, err = odense("projekt", "side", "genbruge", "--organisation", "Ærø Kommune")

    assert code == 2, out
    assert flat(err) == TO_AEROE
    assert tree(odense.home) == before
    assert "Eksporteret fra 'Genoptræning Ærø': 1 svar" in odense.ok(
        "eksport", "--partner", "Ærø", "--ud", "ud.yaml"
    )
    assert "til: aeroe-kommune" in (odense.files / "ud.yaml").read_text(encoding="utf-8")


def test_ja_switches_and_projekt_side_dele_goes_back_without_a_question(odense):
    out = flat(odense.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune", "--ja"))
    assert "På denne computer er I nu: Vi vil genbruge (Ærø Kommune)." in out
    assert side(odense) == ("genbruge", "aeroe-kommune")

    out = flat(odense.ok("projekt", "side", "dele"))  # it wrote Odense's answers, none of Ærø's

    assert "På denne computer er I nu: Vi vil dele (Odense Kommune)." in out
    assert side(odense) == ("dele", None)
    assert odense.texts("aeroe-kommune")[D1] == "Færre genindlæggelser"


def test_a_computer_set_to_dele_that_wrote_nothing_is_asked_too(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune",))

    code, _, err = org("projekt", "side", "genbruge")

    assert code == 2
    assert flat(err).startswith(
        "Fejl: Denne computer har været Odense Kommune (Vi vil dele), og der er ingen terminal at spørge i"
    )
    assert side(org) == ("dele", None)


def test_no_at_the_question_changes_nothing(odense, asking):
    before = tree(odense.home)

    run = asking(odense, ENTER, "projekt", "side", "genbruge", "--organisation", "Ærø Kommune")

    assert run.code == 0, run.err
    assert flat(run.out) == (
        "Denne computer har været Odense Kommune (Vi vil dele), og 1 af dens svar er skrevet her. Gør I den "
        "til Ærø Kommune, eksporterer den fremover som Ærø Kommune, ikke som Odense Kommune. De svar, Odense "
        "Kommune har skrevet her, bliver i projektet. "
        "Intet er ændret; denne computer er stadig Odense Kommune."
    )
    screen = flat(run.screen)
    assert "Skal denne computer nu være Ærø Kommune?" in screen
    no, yes = "Nej, den er stadig Odense Kommune", "Ja, denne computer er Ærø Kommune"
    assert screen.index(no) < screen.index(yes)  # No first: Enter keeps the computer as it is
    assert tree(odense.home) == before


def test_yes_at_the_question_switches(odense, asking):
    run = asking(odense, DOWN + ENTER, "projekt", "side", "genbruge", "--organisation", "Ærø Kommune")

    assert run.code == 0, run.err
    assert "På denne computer er I nu: Vi vil genbruge (Ærø Kommune)." in flat(run.out)
    assert side(odense) == ("genbruge", "aeroe-kommune")


def test_ctrl_c_at_the_question_changes_nothing(odense, asking):
    before = tree(odense.home)

    run = asking(odense, CTRL_C, "projekt", "side", "genbruge", "--organisation", "Ærø Kommune")

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Intet er ændret."
    assert tree(odense.home) == before


def test_a_reusing_computer_is_not_made_the_sharing_one_silently_either(aeroe):
    before = tree(aeroe.home)

    code, _, err = aeroe("projekt", "side", "dele")

    assert code == 2
    assert flat(err) == (
        "Fejl: Denne computer har været Ærø Kommune (Vi vil genbruge), og 1 af dens svar er skrevet her, og "
        "der er ingen terminal at spørge i, om den nu skal være Odense Kommune. Intet er ændret. Gør I den "
        "til Odense Kommune, eksporterer den fremover som Odense Kommune, ikke som Ærø Kommune; de svar, Ærø "
        "Kommune har skrevet her, bliver i projektet. Er det rigtigt, så skriv 'spredning projekt side dele "
        "--ja'."
    )
    assert tree(aeroe.home) == before


def test_a_reusing_computer_in_a_terminal_is_asked_and_goes_back_without_a_question(aeroe, asking):
    before = tree(aeroe.home)
    run = asking(aeroe, ENTER, "projekt", "side", "dele")
    assert run.code == 0, run.err
    assert "Intet er ændret; denne computer er stadig Ærø Kommune." in flat(run.out)
    assert tree(aeroe.home) == before

    run = asking(aeroe, DOWN + ENTER, "projekt", "side", "dele")
    assert "På denne computer er I nu: Vi vil dele (Odense Kommune)." in flat(run.out)
    assert side(aeroe) == ("dele", None)
    run = asking(aeroe, "", "projekt", "side", "genbruge")  # back to what it wrote as: no question
    assert run.code == 0, run.err
    assert "På denne computer er I nu: Vi vil genbruge (Ærø Kommune)." in flat(run.out)


def test_a_reusing_computer_that_wrote_answers_is_not_made_another_reusing_one_silently(aeroe):
    # Ærø's computer wrote an answer as Ærø: as Fanø it would export Fanø's dialogue from here
    before = tree(aeroe.home)
    code, _, err = aeroe("projekt", "side", "genbruge", "--organisation", "Fanø Kommune")
    assert code == 2
    assert "Denne computer har været Ærø Kommune (Vi vil genbruge), og 1 af dens svar er skrevet her" in flat(
        err
    )
    assert "'spredning projekt side genbruge --organisation \"Fanø Kommune\" --ja'" in flat(err)
    assert tree(aeroe.home) == before

    out = flat(aeroe.ok("projekt", "side", "genbruge", "--organisation", "Fanø Kommune", "--ja"))
    assert "På denne computer er I nu: Vi vil genbruge (Fanø Kommune)." in out
    assert "Ærø Kommune, som computeren var sat til før, står stadig i projektet" in out
    aeroe.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune")  # back: no --ja needed
    assert side(aeroe) == ("genbruge", "aeroe-kommune")


def test_the_sharing_computer_goes_back_after_filling_in_a_partners_answer(odense):
    # from a user trial: at a workshop the sharing computer writes one of Ærø's answers in Ærø's
    # dialogue; it wrote that as Odense, so after a wrong switch to Ærø, going back needs no yes
    odense.answer({G1: "Skrevet af Odense for Ærø"}, "--rolle", "genbruge", "--partner", "Ærø")
    odense.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune", "--ja")

    out = flat(odense.ok("projekt", "side", "dele"))

    assert "På denne computer er I nu: Vi vil dele (Odense Kommune)." in out
    assert side(odense) == ("dele", None)
    assert odense.texts("aeroe-kommune")[G1] == "Skrevet af Odense for Ærø"


def test_what_the_computer_wrote_as_the_partner_it_was_set_to_is_asked_about(odense):
    odense.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune", "--ja")
    odense.answer({G1: "Skrevet som Ærø"})  # now it did write as Ærø: going back is asked

    code, _, err = odense("projekt", "side", "dele")

    assert code == 2
    assert "Denne computer har været Ærø Kommune (Vi vil genbruge), og 1 af dens svar er skrevet her" in flat(
        err
    )
    assert side(odense) == ("genbruge", "aeroe-kommune")


def test_a_reusing_computer_counts_the_shared_answers_it_wrote_as_its_own(aeroe):
    # from a user trial: Syd had written the shared answer several times, and was told of 1 answer;
    # it counts once (one answer), and as Ærø's, not the sharing organisation's
    for text in ("Ærøs formål", "Ærøs formål igen", "Ærøs formål en gang til"):
        aeroe.answer({D1: text}, "--rolle", "dele")

    code, _, err = aeroe("projekt", "side", "dele")

    assert code == 2
    assert "Denne computer har været Ærø Kommune (Vi vil genbruge), og 2 af dens svar er skrevet her" in flat(
        err
    )
    aeroe.ok("projekt", "side", "dele", "--ja")
    aeroe.ok("projekt", "side", "genbruge")  # it wrote nothing as Odense: back without --ja
    assert side(aeroe) == ("genbruge", "aeroe-kommune")


def test_a_reusing_computer_that_wrote_nothing_moves_to_another_reusing_organisation_freely(
    odense, tmp_path, run_cli
):
    # a first import of the wrong organisation's file set it to that one: the advice is this command
    fanoe = Org(tmp_path / "fanoe", tmp_path, run_cli)
    assert fanoe.import_(odense.export("--partner", "Ærø"))[0] == 0

    out = flat(fanoe.ok("projekt", "side", "genbruge", "--organisation", "Fanø Kommune"))

    assert "På denne computer er I nu: Vi vil genbruge (Fanø Kommune)." in out


def test_english_edition(odense):
    code, _, err = odense("--sprog", "en", "projekt", "side", "genbruge", "--organisation", "Ærø")

    assert code == 2
    assert flat(err).startswith(
        "Error: This computer has been Odense Kommune (We want to share), with 1 of its answers written "
        "here, and there is no terminal to ask whether it should now be Ærø Kommune. "
        "Nothing has been changed."
    )
    assert "'spredning --sprog en projekt side genbruge --organisation aeroe-kommune --ja'" in flat(err)


@pytest.mark.e2e
def test_the_trials_command_through_the_installed_program_leaves_the_export_the_sharing_sides(tmp_path):
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune",), answers={D1: "Færre genindlæggelser"}
    )

    code, _, err = odense("projekt", "side", "genbruge", "--organisation", "Ærø Kommune")

    assert code == 2
    assert "Denne computer har været Odense Kommune (Vi vil dele)" in flat(err)
    assert "fra: dele" in odense.export().read_text(encoding="utf-8")


def test_the_computer_remembers_which_organisation_wrote_each_answer_and_forgets_a_removed_dialogue(odense):
    odense.answer({G1: "Skrevet af Odense for Ærø"}, "--rolle", "genbruge", "--partner", "Ærø")
    assert dict(load(odense.home, odense.slug).wrote) == {"dele": (D1, f"aeroe-kommune/{G1}")}

    odense.ok("projekt", "fjern-genbruger", "Ærø", "--ja")

    assert dict(load(odense.home, odense.slug).wrote) == {"dele": (D1,)}
