"""A conflict names who wrote each version where the program knows it, not who holds it.

Found in a trial with three organisations: Syd Kommune deleted a shared answer on purpose while Øst
Region changed it; the sharing side imported both files, and `konflikter` said "Jeres udgave
(Nord Kommune): Øst formål v2 / Syd Kommunes udgave: (ikke besvaret)". The text was Øst's, and Syd
had emptied the answer. The sharing side now remembers which partner's file put the version it
has (every partner's file comes to it straight from that partner), and says "nu Øst Regions
tekst" and "fjernet: Syd Kommune har tømt svaret".
"""

from __future__ import annotations

import pexpect
import pytest
from exchange_kit import D1, KEYS, PARTNERS, Org, flat, start_hub, start_sharing
from terminal import COMMAND, CTRL_C, DOWN, ENTER, ESC_ENTER, person, rendered

pytestmark = pytest.mark.usefixtures("work_in_tmp")

CTRL_U = "\x15"  # empties the field's line
ODENSE, FANOE = "Odenses formål", "Fanøs formål"
EMPTIED = "(fjernet: Ærø Kommune har tømt svaret)"


def delete_in_interview(org: Org, fase_in_terminal) -> None:
    """The organisation empties the shared answer D1 in the interview and confirms the deletion."""
    with org.at_home():
        keys = DOWN + ENTER + CTRL_U + ESC_ENTER + DOWN + ENTER + CTRL_C  # from start; empty; "Ja, slet det"
        _, out, err = fase_in_terminal(keys, "tjek", "--rolle", "dele")
    assert D1 not in org.texts(), err + out


def deleted_and_changed(sharing: Org, partners: dict[str, Org], fase_in_terminal, first: str) -> None:
    """Ærø empties D1 in the interview, Fanø changes it; the sharing side imports both, `first` first."""
    aeroe, fanoe = partners["aeroe-kommune"], partners["fanoe-kommune"]
    delete_in_interview(aeroe, fase_in_terminal)
    fanoe.answer({D1: FANOE}, "--rolle", "dele")
    files = {"aeroe-kommune": aeroe.export(), "fanoe-kommune": fanoe.export()}
    for key in sorted(files, key=lambda key: key != first):
        assert sharing.import_(files[key])[0] == 0


def test_a_deletion_imported_first_is_said_to_be_the_partners_not_ours(tmp_path, run_cli, fase_in_terminal):
    sharing, partners = start_hub(tmp_path, run_cli, {D1: ODENSE})
    deleted_and_changed(sharing, partners, fase_in_terminal, first="aeroe-kommune")

    shown = flat(sharing.ok("konflikter"))
    assert f"Jeres udgave: {EMPTIED} Fanø Kommunes udgave: {FANOE}" in shown
    assert "Jeres udgave (Odense Kommune)" not in shown and "ikke besvaret" not in shown
    listed = flat(sharing.ok("status"))
    assert f"Odense Kommune: {EMPTIED} Fanø Kommune: {FANOE}" in listed


def test_a_partners_text_imported_first_is_named_as_theirs_and_the_deletion_as_the_others(
    tmp_path, run_cli, fase_in_terminal
):
    sharing, partners = start_hub(tmp_path, run_cli, {D1: ODENSE})
    deleted_and_changed(sharing, partners, fase_in_terminal, first="fanoe-kommune")

    shown = flat(sharing.ok("konflikter"))
    assert f"Jeres udgave (nu Fanø Kommunes tekst): {FANOE} Ærø Kommunes udgave: {EMPTIED}" in shown
    listed = flat(sharing.ok("status"))
    assert f"Odense Kommune (nu Fanø Kommunes tekst): {FANOE} Ærø Kommune: {EMPTIED}" in listed


def test_our_own_text_is_still_ours_and_a_reusing_side_names_no_writer_it_cannot_know(tmp_path, run_cli):
    sharing, partners = start_hub(tmp_path, run_cli, {D1: ODENSE})
    fanoe = partners["fanoe-kommune"]
    sharing.answer({D1: "Odenses nye formål"})
    fanoe.answer({D1: FANOE}, "--rolle", "dele")
    assert sharing.import_(fanoe.export())[0] == 0
    assert "Jeres udgave (Odense Kommune): Odenses nye formål" in flat(sharing.ok("konflikter"))
    assert fanoe.import_(sharing.export("--partner", "fanoe-kommune"))[0] == 0
    shown = flat(fanoe.ok("konflikter"))
    assert f"Jeres udgave (Fanø Kommune): {FANOE} Odense Kommunes udgave: Odenses nye formål" in shown


def test_our_own_text_coming_back_in_a_partners_file_is_not_said_to_be_theirs(tmp_path, run_cli):
    """The project file put back to an older copy: a partner's file brings our newer text back."""
    sharing, partners = start_hub(tmp_path, run_cli, {D1: ODENSE})
    fanoe, laesoe = partners["fanoe-kommune"], partners["laesoe-kommune"]
    older = sharing.path.read_bytes()
    sharing.answer({D1: "Odenses nye formål"})
    assert fanoe.import_(sharing.export("--partner", "fanoe-kommune"))[0] == 0
    sharing.path.write_bytes(older)  # a sync program's "restore previous version"
    assert sharing.import_(fanoe.export())[0] == 0
    laesoe.answer({D1: "Læsøs formål"}, "--rolle", "dele")
    assert sharing.import_(laesoe.export())[0] == 0
    shown = flat(sharing.ok("konflikter"))
    assert "Jeres udgave (Odense Kommune): Odenses nye formål Læsø Kommunes udgave: Læsøs formål" in shown


@pytest.mark.e2e
def test_the_choice_to_keep_our_version_names_the_partner_whose_text_it_is(
    tmp_path, run_cli, fase_in_terminal, pseudo_terminal
):
    env = person(tmp_path, lines=40)
    sharing = start_sharing(Org(tmp_path / "hjem", tmp_path, run_cli), reusers=PARTNERS, answers={D1: ODENSE})
    partners = {key: Org(tmp_path / key, tmp_path, run_cli) for key in KEYS}
    for key, org in partners.items():
        assert org.import_(sharing.export("--partner", key))[0] == 0
    deleted_and_changed(sharing, partners, fase_in_terminal, first="fanoe-kommune")

    child = pseudo_terminal(COMMAND, ["konflikter"], env=env, rows=40, cwd=tmp_path)
    child.expect_exact("Jeres (nu Fanø Kommunes tekst)")  # the choices, as the menu shows them
    child.expect_exact("Ærø Kommunes")
    child.expect_exact("Afgør senere")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)

    shown = flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 40)))
    assert f"Jeres udgave (nu Fanø Kommunes tekst): {FANOE} Ærø Kommunes udgave: {EMPTIED}" in shown
    assert "Jeres (Odense Kommune)" not in child.logfile_read.getvalue()
    assert sharing.others() == {D1: [""]}  # nothing settled


# --- reports name whose text the version kept here is -------------------------------------------


def test_a_report_names_the_partner_that_wrote_the_version_kept_here(tmp_path, run_cli):
    sharing, partners = start_hub(tmp_path, run_cli, {D1: ODENSE})
    partners["fanoe-kommune"].answer({D1: FANOE}, "--rolle", "dele")
    partners["aeroe-kommune"].answer({D1: "Ærøs formål"}, "--rolle", "dele")
    for key in ("fanoe-kommune", "aeroe-kommune"):  # Fanø's text comes first: it is the one kept here
        assert sharing.import_(partners[key].export())[0] == 0

    for fmt in ("md", "html"):
        target = tmp_path / f"rapport.{fmt}"
        sharing.ok("rapport", "--format", fmt, "--partner", "aeroe-kommune", "--ud", str(target))
        text = flat(target.read_text(encoding="utf-8"))
        assert "Udgaven hos Odense Kommune, skrevet af Fanø Kommune:" in text, fmt
        assert "Udgaven hos Odense Kommune:" not in text  # not said to be Odense's own text
        assert "Udgaven fra Ærø Kommune:" in text
    target = tmp_path / "report.md"
    sharing.ok("--sprog", "en", "rapport", "--partner", "aeroe-kommune", "--ud", str(target))
    assert "The version at Odense Kommune, written by Fanø Kommune:" in flat(
        target.read_text(encoding="utf-8")
    )

    # our own text kept here is ours, without a writer
    (tmp_path / "b").mkdir()
    sharing, partners = start_hub(tmp_path / "b", run_cli, {D1: ODENSE})
    sharing.answer({D1: "Odenses nye formål"})
    partners["fanoe-kommune"].answer({D1: FANOE}, "--rolle", "dele")
    assert sharing.import_(partners["fanoe-kommune"].export())[0] == 0

    target = tmp_path / "b" / "rapport.md"
    sharing.ok("rapport", "--partner", "fanoe-kommune", "--ud", str(target))

    text = flat(target.read_text(encoding="utf-8"))
    assert "Udgaven hos Odense Kommune:" in text and "Odenses nye formål" in text
    assert "skrevet af" not in text
