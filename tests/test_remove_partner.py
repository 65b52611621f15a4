"""'projekt fjern-genbruger': a reusing organisation added by mistake goes, with its dialogue; what
the dialogue holds is removed only after a yes (or --ja), and never without a copy of the file.
"""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
import yaml
from exchange_kit import D1, G1, G2, Org, asking_in, flat, start_sharing, tree
from homekit import CTRL_C, DOWN, ENTER
from terminal import ANSI, COMMAND, ESC_ENTER, person

from spredning.app import projects
from spredning.app.workspace import Settings, Workspace
from spredning.core.errors import SpredningError, UsageProblem
from spredning.core.local import slot_key
from spredning.core.model import Answer

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    """Odense, sharing with Ærø (who has answered) and Fanø (nothing yet)."""
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org, reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Færre genindlæggelser"})
    org.answer({G1: "Vi har ventelister", G2: "Ja"}, "--rolle", "genbruge", "--partner", "Ærø")
    return org


@pytest.fixture
def asking(monkeypatch):
    """Run an organisation's command with its prompt reading `keys`, as in a terminal."""
    return asking_in(monkeypatch, "project_settings")


def partner_names(org: Org) -> list[str]:
    return [p.name for p in org.project().partners]


def test_an_empty_dialogue_goes_without_asking_and_without_a_copy(sharing):
    out = sharing.ok("projekt", "fjern-genbruger", "Fanø")

    assert "Fanø Kommune er fjernet fra projektet. Dialogen var tom." in flat(out)
    assert partner_names(sharing) == ["Ærø Kommune"]
    assert "fanoe-kommune" not in sharing.path.read_text(encoding="utf-8")
    assert not list(sharing.home.glob("*.bak-*"))
    assert sharing.texts("aeroe-kommune")[G1] == "Vi har ventelister"  # the other dialogue is untouched
    assert sharing.project().shared[D1].answer.text == "Færre genindlæggelser"


def test_a_dialogue_with_answers_is_kept_without_a_terminal_and_the_command_is_named(sharing):
    before = tree(sharing.home)

    code, _, err = sharing("projekt", "fjern-genbruger", "Ærø")

    assert code == 2
    assert flat(err) == (
        "Fejl: Dialogen med Ærø Kommune rummer 2 svar, og der er ingen terminal at spørge i, om den skal "
        "fjernes. Intet er ændret. Vil I fjerne den alligevel, så skriv 'spredning projekt fjern-genbruger "
        "aeroe-kommune --ja'; projektfilen gemmes først som en kopi ved siden af."
    )
    assert tree(sharing.home) == before


def test_ja_removes_the_dialogue_after_keeping_the_file_as_it_was(sharing):
    before = sharing.path.read_bytes()

    out = flat(sharing.ok("projekt", "fjern-genbruger", "aeroe-kommune", "--ja"))

    assert "Ærø Kommune er fjernet fra projektet sammen med dialogen (2 svar)." in out
    [backup] = sharing.home.glob(f"{sharing.path.name}.bak-*")
    assert f"Projektfilen, som den var før, er gemt som {backup}" in out
    assert backup.read_bytes() == before  # every answer is still there, byte for byte
    assert partner_names(sharing) == ["Fanø Kommune"]
    data = yaml.safe_load(sharing.path.read_text(encoding="utf-8"))
    assert list(data["svar"]["genbruge"]) == ["fanoe-kommune"]
    assert sharing.project().shared[D1].answer.text == "Færre genindlæggelser"
    code, _, err = sharing("status", "--partner", "Ærø")
    assert code == 2 and "Ærø" in err  # no longer a partner of the project


def test_follow_up_and_drafts_count_and_go_with_it(sharing, tmp_path):
    sharing.ok("klarhed", "Beskriv innovationen", "grøn", "--partner", "Fanø")
    ws = Workspace(Settings(home=str(sharing.home)))
    slot = slot_key(("fanoe-kommune", G1))
    ws.store.update_local(ws.slug(), lambda s: s._replace(drafts={**s.drafts, slot: "halvt skrevet"}))

    code, _, err = sharing("projekt", "fjern-genbruger", "Fanø")
    assert code == 2
    assert "rummer 1 punkt i opfølgningen og 1 kladde på denne computer" in flat(err)

    earlier = sharing.home / ".spredning" / "genoptraening-aeroe-kladder-fanoe-kommune.yaml"
    earlier.write_text("fra en tidligere fjernelse\n", encoding="utf-8")

    out = flat(sharing.ok("projekt", "fjern-genbruger", "Fanø", "--ja"))
    state = ws.store.open(ws.slug()).local
    assert slot not in state.drafts
    assert earlier.read_text(encoding="utf-8") == "fra en tidligere fjernelse\n"  # never replaced
    kept = earlier.with_name("genoptraening-aeroe-kladder-fanoe-kommune-2.yaml")
    assert f"1 kladde fra dialogen er gemt i {kept}" in out  # one: not "Kladderne"
    assert yaml.safe_load(kept.read_text(encoding="utf-8")) == {
        "organisation": "Fanø Kommune",
        "kladder": {G1: "halvt skrevet"},
    }
    assert not ws.store.load(ws.slug()).records.get("fanoe-kommune")


def test_reasons_not_saved_count_and_go_with_it_to_the_drafts_file(sharing):
    """A reason for 'not relevant' kept beside an answer draft, and one kept as a draft (marked as a
    reason), are counted, written to the file beside the drafts (each its kind) and leave the state."""
    ws = Workspace(Settings(home=str(sharing.home)))
    g1, g2 = slot_key(("fanoe-kommune", G1)), slot_key(("fanoe-kommune", G2))
    ours = slot_key(("aeroe-kommune", G1))  # another dialogue's reason: stays

    def typed(state):
        return state._replace(
            drafts={**state.drafts, g1: "halvt svar", g2: "passer ikke her"},
            reasons=(g2,),
            beside={**state.beside, g1: "grund A\n\ngrund B", ours: "Ærøs grund"},
            beside_joined=(g1,),
        )

    ws.store.update_local(ws.slug(), typed)

    code, _, err = sharing("projekt", "fjern-genbruger", "Fanø")
    assert code == 2
    said = flat(err)
    assert "rummer 1 kladde på denne computer og 2 ikke gemte begrundelser på denne computer" in said

    out = flat(sharing.ok("projekt", "fjern-genbruger", "Fanø", "--ja"))

    assert "sammen med dialogen (1 kladde på denne computer og 2 ikke gemte begrundelser" in out
    kept = sharing.home / ".spredning" / "genoptraening-aeroe-kladder-fanoe-kommune.yaml"
    assert f"1 kladde og 2 ikke gemte begrundelser fra dialogen er gemt i {kept}" in out
    assert yaml.safe_load(kept.read_text(encoding="utf-8")) == {
        "organisation": "Fanø Kommune",
        "kladder": {G1: "halvt svar"},
        "begrundelser": {G1: "grund A\n\ngrund B", G2: "passer ikke her"},
    }
    state = yaml.safe_load((sharing.home / ".spredning" / "genoptraening-aeroe.yaml").read_text())
    assert state.get("begrundelser") == {ours: "Ærøs grund"}  # Fanø's reasons are gone, not orphaned
    assert "samlede-begrundelser" not in state and "begrundelse-kladder" not in state
    assert "kladder" not in state


def test_a_dialogue_holding_only_a_reason_not_saved_is_asked_about_and_keeps_it_in_a_file(sharing):
    ws = Workspace(Settings(home=str(sharing.home)))
    g1 = slot_key(("fanoe-kommune", G1))
    ws.store.update_local(ws.slug(), lambda s: s._replace(beside={g1: "passer ikke"}))

    code, _, err = sharing("projekt", "fjern-genbruger", "Fanø")
    assert code == 2 and "rummer 1 ikke gemt begrundelse på denne computer" in flat(err)

    out = flat(sharing.ok("projekt", "fjern-genbruger", "Fanø", "--ja"))

    kept = sharing.home / ".spredning" / "genoptraening-aeroe-kladder-fanoe-kommune.yaml"
    assert f"1 ikke gemt begrundelse fra dialogen er gemt i {kept}" in out
    assert "hentes de tilbage i dialogen" in out
    assert yaml.safe_load(kept.read_text(encoding="utf-8")) == {
        "organisation": "Fanø Kommune",
        "begrundelser": {G1: "passer ikke"},
    }
    assert not ws.store.open(ws.slug()).local.beside


def test_an_open_conflict_is_named_as_such_and_answers_are_counted_as_vis_shows_them(sharing):
    ws = Workspace(Settings(home=str(sharing.home)))

    def conflict(project, state):  # Ærø's G1 exists in two versions, as after an import
        dialogue = dict(project.dialogues["aeroe-kommune"])
        dialogue[G1] = dialogue[G1]._replace(others=(Answer("Ærøs anden udgave"),))
        return project._replace(dialogues={**project.dialogues, "aeroe-kommune": dialogue}), state, None

    ws.store.transact(ws.slug(), conflict)
    shown = flat(sharing.ok("vis", "--rolle", "genbruge", "--partner", "Ærø"))
    assert "Vi vil genbruge 2/2" in shown and "1 svar findes i flere udgaver" in shown

    code, _, err = sharing("projekt", "fjern-genbruger", "Ærø")

    assert code == 2
    assert "rummer 2 svar og 1 uafklaret konflikt (et svar i flere udgaver), og der er" in flat(err)


def test_no_at_the_question_changes_nothing(sharing, asking):
    before = tree(sharing.home)

    run = asking(sharing, ENTER, "projekt", "fjern-genbruger", "Ærø")

    assert run.code == 0, run.err
    assert "Dialogen med Ærø Kommune rummer 2 svar." in flat(run.out)
    assert "Intet er ændret; Ærø Kommune er stadig med i projektet." in flat(run.out)
    assert tree(sharing.home) == before


def test_yes_at_the_question_removes_it_with_a_copy(sharing, asking):
    run = asking(sharing, DOWN + ENTER, "projekt", "fjern-genbruger", "Ærø")

    assert run.code == 0, run.err
    assert "Fjern Ærø Kommune fra projektet?" in flat(run.screen)
    assert "Ærø Kommune er fjernet fra projektet sammen med dialogen (2 svar)." in flat(run.out)
    assert partner_names(sharing) == ["Fanø Kommune"]
    assert len(list(sharing.home.glob("*.bak-*"))) == 1


def test_ctrl_c_at_the_question_removes_nothing(sharing, asking):
    before = tree(sharing.home)

    run = asking(sharing, CTRL_C, "projekt", "fjern-genbruger", "Ærø")

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Intet er fjernet."
    assert tree(sharing.home) == before


def test_new_answers_after_the_yes_are_not_removed_unseen(sharing):
    ws = Workspace(Settings(home=str(sharing.home)))
    seen = projects.removal(ws, "Fanø")
    assert seen.content.empty
    sharing.answer({G1: "Skrevet imens"}, "--rolle", "genbruge", "--partner", "Fanø")
    before = tree(sharing.home)

    with pytest.raises(UsageProblem) as refused:
        projects.remove_partner(ws, "Fanø", seen.content)

    assert refused.value.key == "partner.remove-changed"
    assert tree(sharing.home) == before


def test_a_name_that_is_no_reusing_organisation_is_a_usage_error_with_hints_for_removing(sharing):
    code, _, err = sharing("projekt", "fjern-genbruger", "Bornholm")
    assert code == 2
    assert flat(err) == (
        "Fejl: 'Bornholm' er ikke en genbrugende organisation i projektet (Ærø Kommune, Fanø Kommune). "
        "Intet er ændret. Skriv navnet, som det står i parentesen."
    )
    code, _, err = sharing("projekt", "fjern-genbruger", "odense kommune")
    assert code == 2
    assert flat(err).startswith(
        "Fejl: Odense Kommune er den organisation, der deler innovationen i projektet; den kan ikke fjernes."
    )
    sharing.ok("projekt", "genbruger", "Ærø Skole")
    code, _, err = sharing("projekt", "fjern-genbruger", "Ærø")
    assert code == 2
    assert flat(err) == (
        "Fejl: 'Ærø' kan være flere af partnerne: Ærø Kommune eller Ærø Skole. Intet er ændret. "
        "Skriv hele navnet eller nøglen, fx 'spredning projekt fjern-genbruger aeroe-kommune'."
    )
    assert partner_names(sharing) == ["Ærø Kommune", "Fanø Kommune", "Ærø Skole"]
    code, _, err = sharing("projekt", "fjern-genbruger", "  ")
    assert code == 2 and "Organisationens navn er tomt." in err


def test_a_reusing_computer_cannot_remove_itself(sharing, tmp_path, run_cli):
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    aeroe.import_(sharing.export("--partner", "Ærø"))
    before = tree(aeroe.home)

    code, _, err = aeroe("projekt", "fjern-genbruger", "Ærø")

    assert code == 2
    assert flat(err).startswith("Fejl: Ærø Kommune er jeres egen organisation på denne computer")
    assert (  # no other organisation known here: no placeholder NAVN, which copied would be a name
        "så sig det først med 'spredning projekt side genbruge --organisation' og jeres navn efter, "
        "i anførselstegn; derefter kan Ærø Kommune fjernes." in flat(err)
    )
    assert tree(aeroe.home) == before


def test_a_wrong_first_file_can_be_undone_on_the_reusing_computer(sharing, tmp_path, run_cli):
    """Ærø first imported Fanø's file by mistake (and so became Fanø): the way out, as the hints say."""
    sharing.answer({G1: "Til Fanø"}, "--rolle", "genbruge", "--partner", "Fanø")
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export("--partner", "Fanø"))[0] == 0
    said = flat(aeroe.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune"))
    assert said.endswith(
        "Fanø Kommune, som computeren var sat til før, står stadig i projektet, og dialogen med den rummer "
        "1 svar. Det bliver hos Fanø Kommune og flyttes ikke med. Er intet af det jeres, og kom Fanø Kommune "
        "med ved en fejl, så fjern den med 'spredning projekt fjern-genbruger fanoe-kommune'."
    )

    aeroe.ok("projekt", "fjern-genbruger", "fanoe-kommune", "--ja")

    assert partner_names(aeroe) == ["Ærø Kommune"]
    assert aeroe.import_(sharing.export("--partner", "Ærø"))[0] == 0
    assert aeroe.texts()[G1] == "Vi har ventelister"
    mine = aeroe.export()
    assert "Fanø" not in mine.read_text(encoding="utf-8")
    assert sharing.import_(mine)[0] == 0


def test_an_empty_dialogue_left_behind_is_named_for_removal(sharing, tmp_path, run_cli):
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export("--partner", "Fanø"))[0] == 0

    said = flat(aeroe.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune"))

    assert said.endswith(
        "Fanø Kommune, som computeren var sat til før, står stadig i projektet. Kom den med ved en fejl, "
        "så fjern den med 'spredning projekt fjern-genbruger fanoe-kommune'."
    )


def test_a_removed_organisation_comes_back_with_a_file_from_it(sharing, tmp_path, run_cli):
    fanoe = Org(tmp_path / "fanoe", tmp_path, run_cli)
    fanoe.import_(sharing.export("--partner", "Fanø"))
    fanoe.answer({G1: "Vi vil gerne"}, "--rolle", "genbruge")
    sharing.ok("projekt", "fjern-genbruger", "Fanø")
    sent = fanoe.export()

    dry = flat(sharing.ok("importer", "--tør", str(sent)))
    assert "Vi vil genbruge (Fanø Kommune)" in dry and "fra git" not in dry
    code, out, err = sharing.import_(sent)

    assert code == 0, err
    said = flat(out)
    assert "Fanø Kommune er med i projektet som genbrugende organisation (filen bragte dens dialog)." in said

    assert partner_names(sharing) == ["Ærø Kommune", "Fanø Kommune"]
    assert sharing.texts("fanoe-kommune")[G1] == "Vi vil gerne"


def test_the_dry_run_says_the_removed_organisation_would_come_back(tmp_path):
    """Found in a trial: 'importer --tør' of a file from a removed partner said nothing of it coming
    back, while the import itself says so. The installed command, as a user runs it."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"))
    fanoe = Org(tmp_path / "fanoe", tmp_path)
    assert fanoe.import_(odense.export("--partner", "Fanø"))[0] == 0
    fanoe.answer({G1: "Vi vil gerne"}, "--rolle", "genbruge")
    odense.ok("projekt", "fjern-genbruger", "Fanø")
    sent = fanoe.export()
    before = tree(odense.home)

    dry = flat(odense.ok("importer", "--tør", str(sent)))
    english = flat(odense.ok("--sprog", "en", "importer", "--tør", str(sent)))

    assert (
        "Fanø Kommune ville komme med i projektet som genbrugende organisation (filen bringer dens dialog)."
        in dry
    )
    said = "Fanø Kommune would be in the project as a reusing organisation (the file brings its dialogue)."
    assert said in english
    assert tree(odense.home) == before
    assert partner_names(odense) == ["Ærø Kommune"]


def test_english_edition(sharing):
    code, _, err = sharing("--sprog", "en", "projekt", "fjern-genbruger", "Ærø")
    assert code == 2
    assert flat(err).startswith(
        "Error: The dialogue with Ærø Kommune holds 2 answers, and there is no terminal to ask"
    )
    out = sharing.ok("--sprog", "en", "projekt", "fjern-genbruger", "Fanø")
    assert "Fanø Kommune has been removed from the project. The dialogue was empty." in flat(out)


# --- removed while a window answers for it ----------------------------------------------------------


def test_a_save_into_a_dialogue_removed_meanwhile_is_refused_and_the_file_stays_readable(sharing):
    """Another window removes Fanø while this one answers for it: the save must not write a dialogue
    the project no longer has (the file would be unreadable for every command)."""
    from spredning.app.answering import Session

    ws = Workspace(Settings(home=str(sharing.home)))
    fanoe = ws.store.load(ws.slug()).partner("fanoe-kommune")
    session = Session(ws, ws.slug(), "genbruge", fanoe)
    question = ws.guide.locate(G1)[2]
    sharing.ok("projekt", "fjern-genbruger", "Fanø")
    before = tree(sharing.home)

    with pytest.raises(SpredningError) as refused:
        session.record(question, Answer("Skrevet i det andet vindue"), None)

    assert refused.value.key == "answer.partner-removed"
    assert tree(sharing.home) == before
    assert sharing.ok("status")  # every command still reads the file


def test_a_project_holding_a_dialogue_without_its_organisation_is_never_written(sharing):
    ws = Workspace(Settings(home=str(sharing.home)))
    before = tree(sharing.home)

    def orphan(project, state):
        kept = tuple(p for p in project.partners if p.key != "aeroe-kommune")
        return project._replace(partners=kept), state, None

    with pytest.raises(SpredningError) as refused:
        ws.store.transact(ws.slug(), orphan)

    assert refused.value.key == "project.cannot-write"
    assert tree(sharing.home) == before


@pytest.mark.slow
def test_removed_while_typing_in_a_terminal_the_text_is_shown_not_lost(tmp_path, pseudo_terminal):
    env = person(tmp_path, lines=40)
    home = Path(env["SPREDNING_HJEM"])
    org = Org(home, tmp_path)  # the installed command, in the same folder as the terminal
    start_sharing(org, reusers=("Ærø Kommune", "Fanø Kommune"))
    child = pseudo_terminal(
        COMMAND, ["fase", "tjek", "--rolle", "genbruge", "--partner", "Fanø"], env=env, rows=40
    )
    child.expect_exact("[1/14]")
    child.expect_exact("Svar:")
    child.send("Teksten, der ikke må gå tabt")
    child.expect_exact("gå tabt")
    org.ok("projekt", "fjern-genbruger", "Fanø", "--ja")

    child.send(ESC_ENTER)
    child.expect_exact("Her er den, så du kan kopiere den:")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()

    said = flat(ANSI.sub("", child.logfile_read.getvalue()))
    assert "Fanø Kommune er ikke længere med i projektet" in said
    assert said.count("Teksten, der ikke må gå tabt") >= 2  # typed, then printed to copy
    # the stop says the text is NOT kept (it is printed above), and keeps no draft nobody would see
    assert "gemt som kladde" not in said.split("Stoppet.")[-1]
    assert "er IKKE gemt i projektet, heller ikke som kladde; den står ovenfor og i filen" in said
    assert "Teksten fra feltet er også gemt i filen" in said  # the file the words name
    assert "Fortsæt senere" not in said and "Kommer organisationen med igen" in said
    assert "må gå tabt" not in "".join(
        p.read_text(encoding="utf-8") for p in (home / ".spredning").glob("*.yaml")
    )
    assert org.ok("status")  # the file is as readable as before
    assert partner_names(org) == ["Ærø Kommune"]


@pytest.mark.slow
def test_answering_one_reusers_questions_names_only_that_organisation(tmp_path, pseudo_terminal):
    env = person(tmp_path, lines=40)
    org = Org(Path(env["SPREDNING_HJEM"]), tmp_path)
    start_sharing(org, reusers=("Ærø Kommune", "Fanø Kommune"))
    child = pseudo_terminal(
        COMMAND, ["fase", "tjek", "--rolle", "genbruge", "--partner", "Fanø"], env=env, rows=40
    )
    child.expect_exact("Svar:")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()

    said = flat(ANSI.sub("", child.logfile_read.getvalue()))
    assert "Svarene under 'Vi vil genbruge' er Fanø Kommunes." in said
