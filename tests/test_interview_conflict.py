"""An open conflict is said inside the interview: above the field, and again after a save there.

Found in a trial: after an import whose conflict was left for later ("Afgør senere"), `spredning
fase` showed only our own text at that question, with no word of the partner's version kept beside
it, and saving a new text there left the conflict open without saying so. Saving in the interview
does not settle a conflict (the other version is not in the field, so nobody chose between them);
the interview now says so before and after, with the command that settles it.
"""

from __future__ import annotations

import pexpect
import pytest
from exchange_kit import D1, Org, flat, start_sharing
from terminal import COMMAND, CTRL_C, DOWN, ENTER, ESC_ENTER, person, rendered

CTRL_U = "\x15"  # empties the field's line
OURS, THEIRS, NEW = "Ærøs formål", "Odenses formål", "Ærøs nye formål"
ABOVE = (
    "Uafklaret konflikt: Odense Kommunes udgave er gemt ved siden af jeres svar. Feltet viser kun "
    "jeres, og gemmer I en ny tekst her, er konflikten stadig åben. Se begge udgaver, og afgør den med: "
)
AFTER = "Gemt. Konflikten er stadig åben: Odense Kommunes udgave er gemt ved siden af svaret. Afgør den med: "


def screen(child: pexpect.spawn) -> str:
    """What the terminal showed, as one line of words (a prompt's redraws played as on a screen)."""
    return flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 40)))


@pytest.mark.e2e
def test_a_conflict_left_for_later_is_said_at_its_question_and_stays_open_after_a_save(
    tmp_path, pseudo_terminal
):
    env = person(tmp_path, lines=40)
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path))
    reusing = Org(tmp_path / "hjem", tmp_path)  # person()'s SPREDNING_HJEM: the terminal's projects
    assert reusing.import_(sharing.export())[0] == 0
    sharing.answer({D1: THEIRS})
    reusing.answer({D1: OURS}, "--rolle", "dele")  # both changed the same answer

    child = pseudo_terminal(COMMAND, ["importer", str(sharing.export())], env=env, rows=40, cwd=tmp_path)
    child.expect_exact("Afgør senere")
    child.send(DOWN * 4 + ENTER)  # Afgør senere (begge udgaver gemmes)
    child.expect(pexpect.EOF)
    assert reusing.others() == {D1: [THEIRS]}

    child = pseudo_terminal(COMMAND, ["fase", "tjek", "--rolle", "dele"], env=env, rows=40, cwd=tmp_path)
    child.expect_exact("Hvordan vil du fortsætte?")
    child.send(DOWN + ENTER)  # Gennemgå alle spørgsmål fra start
    child.expect_exact("[1/20]")
    child.expect_exact("Uafklaret konflikt")
    child.expect_exact(OURS)  # our version in the field, as before
    child.send(CTRL_U + NEW + ESC_ENTER)
    child.expect_exact("[2/20]")
    child.expect_exact("Svar:")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)

    shown = screen(child)
    assert ABOVE + "spredning konflikter" in shown
    assert shown.index(ABOVE) < shown.index(f"› Svar: {NEW}") < shown.index(AFTER + "spredning konflikter")
    assert reusing.texts()[D1] == NEW  # saved ...
    assert reusing.others() == {D1: [THEIRS]}  # ... and the partner's version still waits
    assert "afgør konflikten: spredning konflikter" in flat(reusing.ok("status"))


def test_no_word_of_a_conflict_at_a_question_without_one(tmp_path, fase_in_terminal, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: THEIRS})
    with sharing.at_home():
        _, out, err = fase_in_terminal(DOWN + ENTER + CTRL_U + NEW + ESC_ENTER + CTRL_C, "tjek")
    assert NEW in sharing.texts()[D1], err + out
    assert "konflikt" not in flat(out).lower()


def test_the_settle_command_names_the_partner_and_the_project_when_needed(
    tmp_path, fase_in_terminal, run_cli, monkeypatch
):
    """The sharing side with two partners, working on a project named with --projekt."""
    monkeypatch.chdir(tmp_path)
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export("--partner", "aeroe-kommune"))[0] == 0
    sharing.answer({D1: OURS})
    reusing.answer({D1: THEIRS}, "--rolle", "dele")
    assert sharing.import_(reusing.export())[0] == 0
    assert sharing.others() == {D1: [THEIRS]}

    keys = DOWN + ENTER + CTRL_U + NEW + ESC_ENTER + CTRL_C
    with sharing.at_home():
        _, out, err = fase_in_terminal(
            keys, "tjek", "--rolle", "dele", "--partner", "aeroe-kommune", "--projekt", sharing.slug
        )
    said = flat(out)
    settle = f"spredning konflikter --partner aeroe-kommune --projekt {sharing.slug}"
    assert "Uafklaret konflikt: Ærø Kommunes udgave er gemt ved siden af jeres svar." in said, err + said
    assert f"Se begge udgaver, og afgør den med: {settle}" in said
    after = "Gemt. Konflikten er stadig åben: Ærø Kommunes udgave er gemt ved siden af svaret. Afgør den med:"
    assert f"{after} {settle}" in said
    assert sharing.texts("aeroe-kommune")[D1] == NEW and sharing.others() == {D1: [THEIRS]}
