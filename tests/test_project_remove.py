"""'projekt fjern': a project no longer wanted leaves the projects folder, and nothing is deleted.

Its files (the project file, its backups, this computer's state for it) are moved into
HOME/fjernede/SLUG-DATE-TIME/, named in the message with the command that brings them back. A project that
holds anything goes only after a yes in a terminal (or --ja); Ctrl+C changes nothing.
"""

from __future__ import annotations

import shutil

import pytest
from exchange_kit import G1, G2, Org, asking_in, flat, tree
from homekit import CTRL_C, DOWN, ENTER

pytestmark = pytest.mark.usefixtures("work_in_tmp")

START = ("--deler", "Odense Kommune", "--rolle", "genbruge", "--organisation", "Ærø Kommune")


@pytest.fixture
def aeroe(tmp_path, run_cli) -> Org:
    """Ærø has two projects: 'Gammelt' (two answers, a draft, a backup beside it) and 'Nyt' (active)."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Gammelt", *START)
    org.answer({G1: "Vi har ventelister", G2: "Ja"}, "--rolle", "genbruge")
    state = org.home / ".spredning" / "gammelt.yaml"
    assert state.exists()
    (org.home / "gammelt.yaml.bak-20260101-120000").write_bytes((org.home / "gammelt.yaml").read_bytes())
    org.ok("start", "--navn", "Nyt", *START)
    return org


@pytest.fixture
def asking(monkeypatch):
    return asking_in(monkeypatch, "project_files")


def kept_folders(org: Org) -> list:
    return sorted(p for p in (org.home / "fjernede").glob("*") if p.is_dir())  # not its .gitignore


def test_without_a_terminal_a_project_with_answers_stays_and_the_command_is_named(aeroe):
    before = tree(aeroe.home)

    code, _, err = aeroe("projekt", "fjern", "Gammelt")

    assert code == 2
    assert flat(err).startswith(
        "Fejl: Projektet 'Gammelt' rummer 2 svar, og der er ingen terminal at spørge i, om det skal fjernes. "
        "Intet er ændret. Vil I fjerne det alligevel, så skriv 'spredning projekt fjern gammelt --ja'; "
        "filerne flyttes til en mappe under "
    )
    assert f"{aeroe.home / 'fjernede'}ogslettesikke." in "".join(err.split())  # a long path may be cut
    assert tree(aeroe.home) == before


def test_ja_moves_every_file_of_the_project_and_says_how_to_bring_it_back(aeroe):
    project = (aeroe.home / "gammelt.yaml").read_bytes()
    state = (aeroe.home / ".spredning" / "gammelt.yaml").read_bytes()
    other = tree(aeroe.home / ".spredning")["nyt.yaml"]

    out = flat(aeroe.ok("projekt", "fjern", "Gammelt", "--ja"))

    [folder] = kept_folders(aeroe)
    assert folder.name.startswith("gammelt-")
    assert (folder / "gammelt.yaml").read_bytes() == project  # every answer, byte for byte
    assert (folder / "gammelt.yaml.bak-20260101-120000").read_bytes() == project
    assert (folder / "denne-computer" / "gammelt.yaml").read_bytes() == state
    assert not (aeroe.home / "gammelt.yaml").exists()
    assert not list(aeroe.home.glob("gammelt.yaml*"))
    assert not (aeroe.home / ".spredning" / "gammelt.yaml").exists()
    assert tree(aeroe.home / ".spredning")["nyt.yaml"] == other  # the other project is untouched
    assert "Projektet 'Gammelt' er fjernet fra projektmappen." in out
    # said by the project's name, which brings it back: its folder's name and path say nothing more
    assert "Intet er slettet. Vil I have det tilbage, så skriv 'spredning projekt gendan Gammelt'." in out
    assert str(folder) not in out and folder.name not in out
    assert "git" not in out  # no git folder here: nothing to say of commits
    assert aeroe.store.slugs() == ["nyt"]
    listed = flat(aeroe.ok("projekter"))
    assert "Gammelt" not in listed and "Nyt" in listed


def test_moved_back_by_hand_the_project_is_there_again_with_its_answers(aeroe):
    aeroe.ok("projekt", "fjern", "Gammelt", "--ja")
    [folder] = kept_folders(aeroe)

    shutil.move(folder / "gammelt.yaml", aeroe.home / "gammelt.yaml")
    shutil.move(folder / "denne-computer" / "gammelt.yaml", aeroe.home / ".spredning" / "gammelt.yaml")

    assert aeroe.texts(slug="gammelt")[G1] == "Vi har ventelister"
    assert aeroe.texts(slug="gammelt")[G2] == "Ja"
    state = aeroe.store.local("gammelt")
    assert state.side == "genbruge" and state.organisation == "aeroe-kommune"


def test_in_a_terminal_it_says_what_the_project_holds_and_no_keeps_it(aeroe, asking):
    before = tree(aeroe.home)

    run = asking(aeroe, ENTER, "projekt", "fjern", "Gammelt")  # No is chosen first

    assert run.code == 0, run.err
    said = flat(run.out)
    assert "Projektet 'Gammelt' (gammelt.yaml) rummer 2 svar." in said
    # what happens, in words: put aside, nothing deleted, and the command (by its name) that brings it back
    again = f"'spredning --hjem {aeroe.home} projekt gendan Gammelt'"
    assert (
        "Fjernes det, lægges det bare til side med alle svar og kladder; intet slettes. "
        f"Vil I have det tilbage, så skriv {again}." in said
    )
    asked = said.split("Intet er ændret")[0]  # before the answer
    assert "fjernede" not in asked and "mappe" not in asked  # no folder of the program's to understand
    assert "Fjern projektet 'Gammelt'?" in run.screen
    assert "Intet er ændret; 'Gammelt' er stadig i projektmappen." in said
    assert tree(aeroe.home) == before


def test_in_english_too_it_says_the_project_is_put_aside_and_how_it_comes_back(tmp_path, run_cli, asking):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Grønne tage", *START)
    org.answer({G1: "Vi har ventelister"}, "--rolle", "genbruge")

    run = asking(org, DOWN + ENTER, "--sprog", "en", "projekt", "fjern", "Grønne tage")

    assert run.code == 0, run.err
    said = flat(run.out)
    again = f"spredning --hjem {org.home} --sprog en projekt gendan 'Grønne tage'"
    assert (
        "If it is removed, it is only put aside with all its answers and drafts; nothing is deleted. "
        f"To bring it back, type \u201c{again}\u201d." in said
    ), said
    asked = said.split(again)[0]  # what is said before the question
    assert "fjernede" not in asked and "folder" not in asked
    assert "Remove the project 'Grønne tage'?" in run.screen
    code, _, err = org("projekt", "gendan", "Grønne tage")  # the command named brings it back
    assert code == 0, err
    assert org.store.slugs() == ["groenne-tage"]


def test_in_a_terminal_yes_removes_it(aeroe, asking):
    run = asking(aeroe, DOWN + ENTER, "projekt", "fjern", "gammelt")

    assert run.code == 0, run.err
    assert "Projektet 'Gammelt' er fjernet fra projektmappen." in flat(run.out)
    assert len(kept_folders(aeroe)) == 1
    assert aeroe.store.slugs() == ["nyt"]


def test_ctrl_c_at_the_question_changes_nothing(aeroe, asking):
    before = tree(aeroe.home)

    run = asking(aeroe, CTRL_C, "projekt", "fjern", "Gammelt")

    assert run.code == 130
    assert "Stoppet. Intet er fjernet." in flat(run.err)
    assert tree(aeroe.home) == before


def test_removing_the_active_project_makes_the_only_one_left_active(aeroe):
    out = flat(aeroe.ok("projekt", "fjern", "Nyt"))  # empty: goes without a question

    assert "Projektet 'Nyt' er fjernet fra projektmappen." in out
    assert "'Gammelt' er nu det aktive projekt." in out
    assert aeroe.store.active() == "gammelt"


def test_removing_the_active_project_among_several_says_how_to_choose(aeroe):
    aeroe.ok("start", "--navn", "Tredje", *START)

    out = flat(aeroe.ok("projekt", "fjern", "Tredje"))

    assert (  # a real project's name: copied, 'projekt brug NAVN' failed (no project NAVN)
        "Det var det aktive projekt. Vælg det, I vil arbejde i nu, fx med 'spredning projekt brug gammelt' "
        "(gammelt, nyt)." in out
    )
    assert "NAVN" not in out
    assert aeroe.store.active() is None


def test_the_last_project_removed_says_how_to_start_one(tmp_path, run_cli):
    org = Org(tmp_path / "tom", tmp_path, run_cli)
    org.ok("start", "--navn", "Prøve", *START)

    out = flat(org.ok("projekt", "fjern", "Prøve"))

    assert "Der er ingen projekter i projektmappen nu. Start et med 'spredning start'." in out
    assert org.store.slugs() == []


def test_a_second_removal_of_the_same_name_gets_a_folder_of_its_own(aeroe):
    aeroe.ok("projekt", "fjern", "Nyt")
    aeroe.ok("start", "--navn", "Nyt", *START)
    aeroe.ok("projekt", "fjern", "Nyt")

    folders = [f for f in kept_folders(aeroe) if f.name.startswith("nyt-")]
    assert len(folders) == 2
    assert all((f / "nyt.yaml").exists() for f in folders)


def test_an_unknown_name_is_refused_with_the_projects_there(aeroe):
    before = tree(aeroe.home)

    code, _, err = aeroe("projekt", "fjern", "Gamle")

    assert code == 1
    assert f"Projektet'Gamle'findesikkei{aeroe.home}." in "".join(err.split())  # a long path may be cut
    assert "(gammelt, nyt)" in flat(err)
    assert tree(aeroe.home) == before


def test_a_project_file_that_cannot_be_read_can_still_be_removed_and_is_kept_as_it_was(aeroe):
    broken = b"format: '2'\nid: abc\nprojekt: [\n"
    (aeroe.home / "gammelt.yaml").write_bytes(broken)

    code, _, err = aeroe("projekt", "fjern", "gammelt")
    assert code == 2
    assert (
        "kan ikke læses, og der er ingen terminal at spørge i, om projektet 'gammelt' skal fjernes"
        in flat(err)
    )

    aeroe.ok("projekt", "fjern", "gammelt", "--ja")
    [folder] = kept_folders(aeroe)
    assert (folder / "gammelt.yaml").read_bytes() == broken
    assert aeroe.store.slugs() == ["nyt"]


def test_of_two_projects_with_one_name_the_message_names_the_file_that_went(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Æblegården", *START)
    org.ok("start", "--navn", "Æblegården to", *START)
    second = org.home / "aeblegaarden-to.yaml"
    second.write_text(
        second.read_text(encoding="utf-8").replace("Æblegården to", "Æblegården"), encoding="utf-8"
    )  # a namesake, as an import of one started apart makes

    out = flat(org.ok("projekt", "fjern", "aeblegaarden-to"))

    assert (
        "Projektet 'Æblegården' (aeblegaarden-to) er fjernet fra projektmappen; det andet projekt, der "
        "hedder 'Æblegården' (aeblegaarden), er der stadig." in out
    )
    assert org.store.slugs() == ["aeblegaarden"]


def test_no_lock_file_or_active_marker_is_left_for_the_removed_project(aeroe):
    aeroe.ok("start", "--navn", "Tredje", *START)  # active, with two others left
    helpers = aeroe.home / ".spredning"
    assert (helpers / "tredje.lock").exists()

    aeroe.ok("projekt", "fjern", "Tredje")
    aeroe.ok("projekt", "fjern", "Gammelt", "--ja")  # not active: its lock goes too

    assert not (helpers / "tredje.lock").exists()
    assert not (helpers / "gammelt.lock").exists()
    assert (helpers / "nyt.lock").exists()  # the project still here keeps its own
    marker = helpers / "aktivt-projekt"
    assert not marker.exists() or "tredje" not in marker.read_text(encoding="utf-8")
    aeroe.ok("projekt", "brug", "Nyt")
    out = flat(aeroe.ok("projekt", "gendan", "Tredje"))  # back, but not made active over the one chosen
    assert aeroe.store.active() == "nyt"
    assert "Arbejd i det med 'spredning projekt brug tredje'." in out


def test_a_lock_another_process_holds_is_never_deleted(aeroe):
    import filelock

    lock_path = aeroe.home / ".spredning" / "gammelt.lock"
    aeroe.ok("projekt", "fjern", "Gammelt", "--ja")
    held = filelock.FileLock(str(lock_path))  # another window: a lock file, held

    with held:
        assert not aeroe.store.drop_lock("gammelt")
        assert lock_path.exists()
    assert aeroe.store.drop_lock("gammelt")
    assert not lock_path.exists()


def test_a_lock_is_kept_while_a_project_file_of_that_name_is_here(aeroe):
    assert not aeroe.store.drop_lock("nyt")
    assert (aeroe.home / ".spredning" / "nyt.lock").exists()


def test_a_file_where_the_kept_folder_goes_is_named_and_nothing_is_removed(aeroe):
    (aeroe.home / "fjernede").write_text("noter", encoding="utf-8")
    before = tree(aeroe.home)

    code, _, err = aeroe("projekt", "fjern", "Gammelt", "--ja")

    assert code == 1
    said = "".join(err.split())  # a long path may be cut across lines
    assert f"{aeroe.home / 'fjernede'}erenfil,ikkeenmappe,sådetfjernedeprojektsfilerkanikkegemmesder." in said
    assert "Inteterfjernet." in said and "--hjem" not in said
    assert tree(aeroe.home) == before


def test_removing_a_project_removed_already_says_so_and_how_to_bring_it_back(aeroe):
    aeroe.ok("projekt", "fjern", "Gammelt", "--ja")
    [folder] = kept_folders(aeroe)
    folder.rename(folder.with_name("gammelt-20261202-131027"))
    before = tree(aeroe.home)

    code, _, err = aeroe("projekt", "fjern", "Gammelt", "--ja")

    assert code == 2
    assert flat(err) == (
        "Fejl: Projektet 'Gammelt' er allerede fjernet (2. december 2026 kl. 13.10); intet er ændret. "
        "Vil I have det tilbage, så skriv 'spredning projekt gendan gammelt'."
    )
    assert tree(aeroe.home) == before
