"""'projekt gendan': a project removed with 'projekt fjern' comes back from fjernede/, nothing overwritten.

The kept folder is found by its name or by the project's name or file name (the newest removal of
it); without either, a list in a terminal, a refusal naming them without one. A project file of that
name in the folder now refuses the restore: a new project started meanwhile is never overwritten.
"""

from __future__ import annotations

import re

import pytest
from exchange_kit import G1, G2, Org, asking_in, flat, tree
from homekit import CTRL_C, DOWN, ENTER, ESC

pytestmark = pytest.mark.usefixtures("work_in_tmp")

START = ("--deler", "Odense Kommune", "--rolle", "genbruge", "--organisation", "Ærø Kommune")


@pytest.fixture
def removed(tmp_path, run_cli) -> Org:
    """Ærø removed 'Gammelt' (two answers, a backup, this computer's side); 'Nyt' is left."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Gammelt", *START)
    org.answer({G1: "Vi har ventelister", G2: "Ja"}, "--rolle", "genbruge")
    (org.home / "gammelt.yaml.bak-20260101-120000").write_bytes((org.home / "gammelt.yaml").read_bytes())
    org.ok("start", "--navn", "Nyt", *START)
    org.ok("projekt", "fjern", "Gammelt", "--ja")
    return org


@pytest.fixture
def asking(monkeypatch):
    return asking_in(monkeypatch, "project_files")


def kept_folders(org: Org) -> list:
    return sorted(p for p in (org.home / "fjernede").glob("*") if p.is_dir())  # not its .gitignore


def test_fjern_names_the_command_that_brings_it_back_by_the_projects_name(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Gammelt projekt", *START)

    out = flat(org.ok("projekt", "fjern", "Gammelt projekt", "--ja"))

    [folder] = kept_folders(org)
    assert "Vil I have det tilbage, så skriv “spredning projekt gendan 'Gammelt projekt'”." in out
    assert folder.name not in out
    assert "flyt" not in out
    back = flat(org.ok("projekt", "gendan", "Gammelt projekt"))  # the command said brings it back
    assert "Projektet 'Gammelt projekt' (gammelt-projekt.yaml) er hentet tilbage" in back


def test_fjern_names_the_folder_when_that_name_was_removed_before(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Gammelt", *START)
    org.ok("projekt", "fjern", "Gammelt", "--ja")
    [first] = kept_folders(org)
    first.rename(first.with_name("gammelt-20200101-120000"))  # removed years ago
    org.ok("start", "--navn", "Gammelt", *START)

    out = flat(org.ok("projekt", "fjern", "Gammelt", "--ja"))

    [folder] = [f for f in kept_folders(org) if f.name != "gammelt-20200101-120000"]
    assert "Der er flere fjernede projekter, der hedder 'Gammelt'; dette er gemt i " in out
    assert str(folder) in "".join(out.split())
    assert f"så skriv 'spredning projekt gendan {folder.name}'." in out


def test_by_name_every_file_comes_back_with_its_answers(removed):
    [folder] = kept_folders(removed)
    project = (folder / "gammelt.yaml").read_bytes()
    state = (folder / "denne-computer" / "gammelt.yaml").read_bytes()

    out = flat(removed.ok("projekt", "gendan", "Gammelt"))

    assert "Projektet 'Gammelt' (gammelt.yaml) er hentet tilbage til projektmappen." in out
    assert "'spredning projekt brug gammelt'" in out
    assert (removed.home / "gammelt.yaml").read_bytes() == project
    assert (removed.home / "gammelt.yaml.bak-20260101-120000").read_bytes() == project
    assert (removed.home / ".spredning" / "gammelt.yaml").read_bytes() == state
    assert not folder.exists()  # emptied, so gone: nothing in it was left
    assert removed.texts(slug="gammelt")[G1] == "Vi har ventelister"
    assert removed.store.local("gammelt").side == "genbruge"
    assert removed.store.slugs() == ["gammelt", "nyt"]


def test_by_the_folder_name(removed):
    [folder] = kept_folders(removed)

    removed.ok("projekt", "gendan", folder.name)

    assert removed.texts(slug="gammelt")[G2] == "Ja"


def test_a_new_project_of_the_same_file_name_is_never_overwritten(removed):
    removed.ok("start", "--navn", "Gammelt", *START)  # a new, empty 'gammelt.yaml'
    removed.answer({G1: "Det nye projekts svar"}, "--rolle", "genbruge")
    [folder] = kept_folders(removed)
    before = tree(removed.home)

    code, _, err = removed("projekt", "gendan", "Gammelt")

    assert code == 2
    said = flat(err)
    assert "Et andet projekt, 'Gammelt', har nu filnavnet gammelt.yaml i projektmappen" in said
    assert re.search(r"så det fjernede 'Gammelt' \(fjernet \d+\. \w+ \d{4} kl\. \d\d\.\d\d\) kan ikke", said)
    assert "og der er ingen terminal at spørge i om et andet" in said
    assert "Intet er ændret." in said  # the way on, to copy: the option, with a free name and the folder
    assert f"“spredning projekt gendan {folder.name} --navn 'Gammelt (2)'”" in said
    assert "'spredning projekt fjern gammelt'" in said
    assert tree(removed.home) == before
    assert removed.texts(slug="gammelt")[G1] == "Det nye projekts svar"


def test_an_export_over_the_removed_projects_file_says_this_project_did_not_write_it(tmp_path, run_cli):
    """Found in stop 42's trial: a project removed, one of its name made again, and its first export
    said that the program had not written the file there on this computer. It had, for the project
    removed: the file is not this project's, and that is what is said."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Gammelt", *START)
    org.answer({G1: "Vi har ventelister"}, "--rolle", "genbruge")
    org.ok("eksport")
    written = tmp_path / "gammelt-fra-aeroe-kommune.yaml"
    before = written.read_bytes()
    org.ok("projekt", "fjern", "Gammelt", "--ja")
    org.ok("start", "--navn", "Gammelt", *START)

    code, _, err = org("eksport")

    assert code == 1
    said = flat(err)
    assert (
        "Filen gammelt-fra-aeroe-kommune.yaml findes allerede, og programmet har ikke skrevet den for" in said
    )
    assert "for dette projekt på denne computer." in said
    assert written.read_bytes() == before  # the removed project's export stays as it was


def taken_with_helpers(org: Org):
    """'Gammelt' started anew and answered, its removed namesake kept with every kind of helper file."""
    org.ok("start", "--navn", "Gammelt", *START)
    org.answer({G1: "Det nye projekts svar"}, "--rolle", "genbruge")
    [folder] = kept_folders(org)
    helpers = folder / "denne-computer"
    (helpers / "gammelt.yaml.bak-20260101-120000").write_text("format: 1\n", encoding="utf-8")
    (helpers / "gammelt-kladder-odense.yaml").write_text("kladder: {}\n", encoding="utf-8")
    return folder, tree(folder), tree(org.home, skip=org.home / "fjernede")


def test_under_another_name_every_file_follows_the_name_and_the_new_project_is_untouched(removed):
    folder, kept, others = taken_with_helpers(removed)

    out = flat(removed.ok("projekt", "gendan", "Gammelt", "--navn", "Gammelt fra i fjor"))

    assert (
        "Projektet 'Gammelt' er hentet tilbage til projektmappen som 'Gammelt fra i fjor' "
        "(gammelt-fra-i-fjor.yaml)." in out
    )
    assert "'spredning projekt brug gammelt-fra-i-fjor'" in out
    assert not folder.exists()  # everything came back
    home, helpers = removed.home, removed.home / ".spredning"
    assert (home / "gammelt-fra-i-fjor.yaml.bak-20260101-120000").read_bytes() == kept[
        "gammelt.yaml.bak-20260101-120000"
    ]
    assert (helpers / "gammelt-fra-i-fjor.yaml").read_bytes() == kept["denne-computer/gammelt.yaml"]
    assert (helpers / "gammelt-fra-i-fjor.yaml.bak-20260101-120000").read_text(
        encoding="utf-8"
    ) == "format: 1\n"
    assert (helpers / "gammelt-fra-i-fjor-kladder-odense.yaml").exists()
    # the project that has the old file name keeps every file of its own, and gets none of these
    now = tree(removed.home, skip=removed.home / "fjernede")
    assert {name: data for name, data in now.items() if name in others} == others
    assert not (helpers / "gammelt-kladder-odense.yaml").exists()
    assert not (helpers / "gammelt.yaml.bak-20260101-120000").exists()
    assert removed.store.load("gammelt-fra-i-fjor").name == "Gammelt fra i fjor"
    assert removed.texts(slug="gammelt-fra-i-fjor")[G1] == "Vi har ventelister"
    assert removed.store.local("gammelt-fra-i-fjor").side == "genbruge"
    assert removed.texts(slug="gammelt")[G1] == "Det nye projekts svar"
    assert removed.store.active() == "gammelt"  # the one in use stays in use


def test_in_a_terminal_a_free_name_is_offered_and_enter_takes_it(removed, asking):
    taken_with_helpers(removed)

    run = asking(removed, ENTER, "projekt", "gendan", "Gammelt")

    assert run.code == 0, run.err
    assert "Et andet projekt, 'Gammelt', har nu filnavnet gammelt.yaml" in flat(run.out)
    assert "Hvilket navn skal det hentes tilbage under?" in run.screen
    assert "som 'Gammelt (2)' (gammelt-2.yaml)" in flat(run.out)
    assert removed.store.load("gammelt-2").name == "Gammelt (2)"
    assert removed.texts(slug="gammelt-2")[G2] == "Ja"


def test_in_a_terminal_another_name_can_be_typed_and_a_taken_one_is_asked_again(removed, asking):
    taken_with_helpers(removed)
    erase = "\x7f" * len("Gammelt (2)")

    run = asking(
        removed, erase + "Nyt" + ENTER + "\x7f" * 3 + "Fra i fjor" + ENTER, "projekt", "gendan", "Gammelt"
    )

    assert run.code == 0, run.err
    assert "Der findes allerede et projekt, der hedder 'Nyt'." in run.screen
    assert removed.store.load("fra-i-fjor").name == "Fra i fjor"
    assert removed.texts(slug="nyt") == {}


def test_under_another_name_beside_the_same_project_it_says_they_are_one(removed):
    [folder] = kept_folders(removed)
    (removed.home / "gammelt.yaml").write_bytes((folder / "gammelt.yaml").read_bytes())  # the same file again

    out = flat(removed.ok("projekt", "gendan", "Gammelt", "--navn", "Gammelt (2)"))

    assert "som 'Gammelt (2)' (gammelt-2.yaml)" in out
    assert "'Gammelt' (gammelt.yaml) er det samme projekt (fra samme fil)" in out
    assert "'spredning projekt flet gammelt-2 --projekt gammelt'" in out


def test_a_numbered_name_is_offered_the_next_number(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    for _ in range(2):  # 'Gammelt (2)' removed, and started again
        org.ok("start", "--navn", "Gammelt (2)", *START)
        if not kept_folders(org):
            org.ok("projekt", "fjern", "Gammelt (2)", "--ja")

    code, _, err = org("projekt", "gendan", "Gammelt (2)")

    assert code == 2
    assert "--navn 'Gammelt (3)'" in flat(err)


def test_a_name_a_project_has_is_refused_for_the_option(removed):
    before = tree(removed.home)

    code, _, err = removed("projekt", "gendan", "Gammelt", "--navn", "nyt")

    assert code == 2
    assert "Der findes allerede et projekt, der hedder 'Nyt'. Intet er hentet tilbage." in flat(err)
    assert tree(removed.home) == before


def test_this_computers_files_stay_kept_when_the_slug_has_some_now(removed):
    [folder] = kept_folders(removed)
    ours = removed.home / ".spredning" / "gammelt.yaml"
    ours.write_text("format: 1\n", encoding="utf-8")  # another state for the slug: not replaced

    out = flat(removed.ok("projekt", "gendan", "gammelt"))

    assert ours.read_text(encoding="utf-8") == "format: 1\n"
    assert (folder / "denne-computer" / "gammelt.yaml").exists()
    assert (removed.home / "gammelt.yaml").exists()
    assert "1 fil blev i" in out and "intet er skrevet over" in out


def test_of_several_removals_the_newest_and_it_says_so(removed):
    removed.ok("start", "--navn", "Gammelt", *START)
    removed.answer({G1: "Anden gang"}, "--rolle", "genbruge")
    first = kept_folders(removed)[0]
    newer = first.with_name("gammelt-29991231-235959")  # removed later than the first
    removed.ok("projekt", "fjern", "Gammelt", "--ja")
    [second] = [f for f in kept_folders(removed) if f != first]
    second.rename(newer)

    out = flat(removed.ok("projekt", "gendan", "Gammelt"))

    assert (
        "Projektet 'Gammelt' er fjernet 2 gange; det nyeste (fjernet 31. december 2999 kl. 23.59) hentes "
        "tilbage. Det andet ligger stadig i fjernede; kommandoen under det henter det tilbage:" in out
    )
    assert removed.texts(slug="gammelt")[G1] == "Anden gang"
    assert first.exists()


def test_the_other_removals_are_named_each_with_a_command_that_brings_it_back(removed, monkeypatch):
    """Removed three times: the newest comes back, and each other one is named (when, what it holds)
    with a command that runs as it stands, under a free name of its own (none offered twice)."""
    first = kept_folders(removed)[0]
    for text in ("Anden gang", "Tredje gang"):
        removed.ok("start", "--navn", "Gammelt", *START)
        removed.answer({G1: text}, "--rolle", "genbruge")
        removed.ok("projekt", "fjern", "Gammelt", "--ja")
    second, third = [f for f in kept_folders(removed) if f != first]
    second = second.rename(second.with_name("gammelt-29991230-120000"))
    third = third.rename(third.with_name("gammelt-29991231-235959"))

    out = removed.ok("projekt", "gendan", "Gammelt")

    said = flat(out)
    assert "De 2 andre ligger stadig i fjernede; kommandoen under hvert henter det tilbage:" in said
    assert "• Gammelt (fjernet 30. december 2999 kl. 12.00, 1 svar)" in said  # when, what it holds
    commands = [line.strip() for line in out.splitlines() if line.strip().startswith("spredning ")]
    assert commands == [
        "spredning projekt gendan gammelt-29991230-120000 --navn 'Gammelt (2)'",
        f"spredning projekt gendan {first.name} --navn 'Gammelt (3)'",
    ]
    for line in commands:  # each runs as it stands
        removed.ok(*line.split()[1:5], line.split("'")[1])
    assert removed.texts(slug="gammelt-2")[G1] == "Anden gang"
    assert removed.texts(slug="gammelt-3")[G1] == "Vi har ventelister"
    assert kept_folders(removed) == []


def test_the_other_removal_is_named_in_english_too(removed):
    [first] = kept_folders(removed)
    first.rename(first.with_name("gammelt-20200101-120000"))
    removed.ok("start", "--navn", "Gammelt", *START)
    removed.ok("projekt", "fjern", "Gammelt", "--ja")

    said = flat(removed.ok("--sprog", "en", "projekt", "gendan", "Gammelt"))

    assert "The other one is still in fjernede; the command under it brings it back:" in said
    assert "• Gammelt (removed 1 January 2020 at 12:00, 2 answers)" in said
    assert "spredning --sprog en projekt gendan gammelt-20200101-120000 --navn 'Gammelt (2)'" in said


def test_without_a_name_and_a_terminal_it_lists_what_can_come_back(removed):
    [folder] = kept_folders(removed)
    before = tree(removed.home)

    code, _, err = removed("projekt", "gendan")

    assert code == 2
    said = flat(err)
    assert "Intet er ændret." in said
    assert "fx 'spredning projekt gendan gammelt'" in said  # a real one: no placeholder to copy
    day = folder.name.split("-")[1]
    assert f"• Gammelt (fjernet {int(day[6:])}. " in said and ", 2 svar)" in said
    assert folder.name not in "".join(err.split())  # one removal of its name: the name is enough
    assert tree(removed.home) == before


def test_in_a_terminal_it_lets_one_choose(removed, asking):
    run = asking(removed, ENTER, "projekt", "gendan")

    assert run.code == 0, run.err
    assert "Hvilket projekt skal hentes tilbage?" in run.screen
    assert "Gammelt (fjernet " in run.screen and " kl. " in run.screen and ", 2 svar)" in run.screen
    assert "gammelt-" not in run.screen
    assert (removed.home / "gammelt.yaml").exists()


@pytest.mark.parametrize("at", ["list", "name"])
def test_ctrl_c_at_the_list_or_the_new_name_changes_nothing(removed, asking, at):
    named = ()
    if at == "name":  # its file name is another project's: asked for a name to bring it back under
        taken_with_helpers(removed)
        named = ("Gammelt",)
    before = tree(removed.home)

    run = asking(removed, CTRL_C, "projekt", "gendan", *named)

    assert run.code == 130
    assert "Stoppet. Intet er hentet tilbage." in flat(run.err)
    assert tree(removed.home) == before


@pytest.mark.parametrize("stop", [CTRL_C, ESC + ENTER])
def test_a_name_typed_and_then_stopped_is_given_back_in_the_command(removed, asking, stop):
    folder, _, _ = taken_with_helpers(removed)
    before = tree(removed.home)
    erase = "\x7f" * len("Gammelt (2)")

    run = asking(removed, erase + "Fra i  fjor" + stop, "projekt", "gendan", "Gammelt")

    assert run.code == 130
    assert flat(run.err) == (
        "Stoppet. Intet er hentet tilbage. Navnet, du skrev, er ikke brugt; hent projektet tilbage under "
        f"det med: spredning --hjem {removed.home} projekt gendan {folder.name} --navn 'Fra i fjor'"
    )
    assert tree(removed.home) == before


@pytest.mark.parametrize("keys", ["", "\x7f" * len("Gammelt (2)") + "Gammelt"])
def test_a_stop_at_the_name_offered_or_a_taken_one_gives_no_command(removed, asking, keys):
    taken_with_helpers(removed)

    run = asking(removed, keys + CTRL_C, "projekt", "gendan", "Gammelt")

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Intet er hentet tilbage."


def test_an_unknown_name_is_refused_naming_what_can_come_back(removed):
    assert len(kept_folders(removed)) == 1
    before = tree(removed.home)

    code, _, err = removed("projekt", "gendan", "Andet")

    assert code == 2
    assert "Der er intet fjernet projekt, der hedder 'Andet'." in flat(err)
    assert "• Gammelt (fjernet " in flat(err)
    assert tree(removed.home) == before


def test_a_name_with_nothing_removed_says_there_is_nothing_not_an_empty_list(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Nyt", *START)
    before = tree(org.home)

    code, _, err = org("projekt", "gendan", "Gammelt")

    assert code == 2
    said = flat(err)
    assert "Der er intet fjernet projekt, der hedder 'Gammelt'." in said
    assert "Der er ingen fjernede projekter at hente tilbage." in said
    assert "tilbage: ." not in said
    assert tree(org.home) == before


def test_a_damaged_folder_is_refused_and_left_as_it_is(removed):
    [folder] = kept_folders(removed)
    (folder / "gammelt.yaml").rename(folder / "noget-andet.txt")
    before = tree(removed.home)

    code, _, err = removed("projekt", "gendan", folder.name)

    assert code == 1
    assert "rummer ikke et helt fjernet projekt" in flat(err)
    assert tree(removed.home) == before


def test_nothing_removed_says_so(tmp_path, run_cli):
    org = Org(tmp_path / "tom", tmp_path, run_cli)
    org.ok("start", "--navn", "Prøve", *START)

    code, _, err = org("projekt", "gendan")

    assert code == 1
    assert "Der er ingen fjernede projekter at hente tilbage" in flat(err)


def test_a_backup_whose_name_is_taken_stays_kept_and_the_other_is_untouched(removed):
    [folder] = kept_folders(removed)
    there = removed.home / "gammelt.yaml.bak-20260101-120000"
    there.write_bytes(b"another file of that name")

    out = flat(removed.ok("projekt", "gendan", "Gammelt"))

    assert there.read_bytes() == b"another file of that name"
    assert (folder / "gammelt.yaml.bak-20260101-120000").exists()  # still kept
    assert removed.texts(slug="gammelt")[G1] == "Vi har ventelister"
    assert "1 fil blev i" in out


def test_a_path_is_not_taken_for_a_kept_folder(removed):
    before = tree(removed.home)

    code, _, err = removed("projekt", "gendan", "..")

    assert code == 2
    assert "Der er intet fjernet projekt, der hedder '..'." in flat(err)
    assert tree(removed.home) == before


def removed_twice(org: Org) -> None:
    """'Gammelt' removed on 2 December 2026 at 13.10 (2 answers), and again, empty, the next morning."""
    [folder] = kept_folders(org)
    folder.rename(folder.with_name("gammelt-20261202-131027"))
    org.ok("start", "--navn", "Gammelt", *START)
    org.ok("projekt", "fjern", "Gammelt", "--ja")
    [second] = [f for f in kept_folders(org) if f.name != "gammelt-20261202-131027"]
    second.rename(second.with_name("gammelt-20261203-090500"))


def test_the_list_names_the_project_when_it_went_and_what_it_holds(removed, asking):
    removed_twice(removed)

    run = asking(removed, CTRL_C, "projekt", "gendan")

    screen = " ".join(run.screen.split())
    assert "» Gammelt (fjernet 3. december 2026 kl. 09.05, ingen svar) Gammelt (fjernet 2. december" in screen
    assert "Gammelt (fjernet 2. december 2026 kl. 13.10, 2 svar)" in screen
    assert "mappen" not in screen  # in a list to choose from, the time tells them apart


def test_at_60_columns_a_line_keeps_its_count_and_time_and_a_long_name_is_cut_in_its_middle(
    removed, monkeypatch
):
    from homekit import typed

    for name, when in (("Æblegården prøve", "20261202-152600"), ("Genoptræning af borgere med KOL (2)", "")):
        removed.ok("start", "--navn", name, *START)
        removed.ok("projekt", "fjern", name, "--ja")
        if when:
            [folder] = [f for f in kept_folders(removed) if f.name.startswith("aeblegaarden-proeve-")]
            folder.rename(folder.with_name(f"aeblegaarden-proeve-{when}"))
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setattr("spredning.cli.commands.project_files.is_interactive", lambda: True)

    run = typed(removed.run_cli, CTRL_C, "--hjem", str(removed.home), "projekt", "gendan", columns=60)

    screen = " ".join(run.screen.split())
    assert " Æblegården prøve (ingen svar, fjernet 2.12.2026 15.26)" in screen
    assert " Gammelt (2 svar, fjernet " in screen
    assert "» Genoptræ…KOL (2) (ingen svar, fjernet " in screen  # the name's end too tells it apart
    assert "kl." not in screen and "svar…" not in screen


def test_a_message_names_the_folder_of_a_name_removed_twice_in_english_too(removed):
    removed_twice(removed)

    code, _, err = removed("--sprog", "en", "projekt", "gendan")

    assert code == 2
    said = flat(err)
    assert "• Gammelt (removed 2 December 2026 at 13:10, 2 answers) – folder gammelt-20261202-131027" in said
    assert "• Gammelt (removed 3 December 2026 at 09:05, no answers) – folder gammelt-20261203-090500" in said


def test_two_removed_within_one_minute_are_told_apart_in_the_list_by_the_second(removed, asking):
    removed_twice(removed)
    [first, second] = kept_folders(removed)
    (second / "gammelt.yaml").write_bytes((first / "gammelt.yaml").read_bytes())  # alike: 2 answers
    second.rename(second.with_name("gammelt-20261202-131055"))  # and the same minute as the first

    run = asking(removed, DOWN + ENTER, "projekt", "gendan")

    assert run.code == 0, run.err
    screen = " ".join(run.screen.split())
    assert "» Gammelt (fjernet 2. december 2026 kl. 13.10.55, 2 svar)" in screen
    assert "Gammelt (fjernet 2. december 2026 kl. 13.10.27, 2 svar)" in screen
    assert not first.exists()  # Down: the older one came back


def test_with_no_project_active_the_one_brought_back_becomes_active(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Eneste", *START)
    org.ok("projekt", "fjern", "Eneste", "--ja")

    out = flat(org.ok("projekt", "gendan", "Eneste"))

    assert "Der var intet aktivt projekt, så 'Eneste' er nu det aktive." in out
    assert "projekt brug" not in out
    assert org.store.active() == "eneste"


def test_with_no_project_active_the_only_one_in_use_stays_in_use(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Gammelt", *START)
    org.ok("start", "--navn", "Nyt", *START)
    org.ok("projekt", "fjern", "Gammelt", "--ja")
    (org.home / ".spredning" / "aktivt-projekt").unlink()  # 'Nyt' is used as the only one
    assert "Nyt" in flat(org.ok("status"))

    out = flat(org.ok("projekt", "gendan", "Gammelt"))

    assert "Arbejd i det med 'spredning projekt brug gammelt'." in out
    assert org.store.active() == "nyt"
    assert "Nyt" in flat(org.ok("status"))  # not 'choose a project': two are here now


# --- the combined texts a stopped 'konflikter' kept: HOME/.spredning/SLUG-samlede-tekster.txt -------------

TEXTS = ("samlede-tekster.txt", "samlede-tekster-2.txt", "combined-texts.txt")  # free_name's; in English


def with_texts(tmp_path, run_cli) -> Org:
    """'Gammelt' and 'Nyt', each with the combined texts a stopped 'konflikter' kept for it."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Gammelt", *START)
    org.answer({G1: "Vi har ventelister"}, "--rolle", "genbruge")
    org.ok("start", "--navn", "Nyt", *START)
    for slug in ("gammelt", "nyt"):
        for name in TEXTS:
            text = f"Konflikt 1 af 1: Tjek\n\nSamlet tekst i {slug}-{name}\n\n\n"
            (org.home / ".spredning" / f"{slug}-{name}").write_text(text, encoding="utf-8")
    return org


@pytest.mark.parametrize("under", [None, "Gammelt (2)"], ids=["own-name", "new-name"])
def test_the_combined_texts_kept_for_a_project_go_with_it_and_come_back(tmp_path, run_cli, under):
    org = with_texts(tmp_path, run_cli)
    helpers = org.home / ".spredning"
    before = tree(helpers)

    org.ok("projekt", "fjern", "Gammelt", "--ja")

    [folder] = kept_folders(org)
    for name in TEXTS:  # kept with the project, not left behind for a new project of its file name
        assert not (helpers / f"gammelt-{name}").exists()
        assert (folder / "denne-computer" / f"gammelt-{name}").read_bytes() == before[f"gammelt-{name}"]
        assert (helpers / f"nyt-{name}").read_bytes() == before[f"nyt-{name}"]  # another project's stay
    if under is not None:  # a new 'Gammelt' has the file name now: the old one comes back as 'Gammelt (2)'
        org.ok("start", "--navn", "Gammelt", *START)

    org.ok("projekt", "gendan", "Gammelt", *(("--navn", under) if under else ()))

    slug = "gammelt-2" if under else "gammelt"
    for name in TEXTS:  # back, named by the file name it came back under
        assert (helpers / f"{slug}-{name}").read_bytes() == before[f"gammelt-{name}"]
    if under is not None:
        assert not any((helpers / f"gammelt-{name}").exists() for name in TEXTS)  # the new one has none
    assert not folder.exists()


def test_the_texts_kept_for_it_come_back_also_where_the_file_name_has_a_state_now(tmp_path, run_cli):
    """Found in a trial: this computer has a state for the file name now (its project file deleted by
    hand or pulled away by git, the state left), which is not replaced. The combined texts stayed in
    fjernede with it, said to be there because files of those names were here (they were not), and
    the next 'konflikter' could no longer name them: the user's texts come back all the same."""
    org = with_texts(tmp_path, run_cli)
    helpers = org.home / ".spredning"
    before = tree(helpers)
    org.ok("projekt", "fjern", "Gammelt", "--ja")
    [folder] = kept_folders(org)
    (helpers / "gammelt.yaml").write_text("format: 1\n", encoding="utf-8")  # not replaced

    out = flat(org.ok("projekt", "gendan", "Gammelt"))

    assert (helpers / "gammelt.yaml").read_text(encoding="utf-8") == "format: 1\n"
    for name in TEXTS:
        assert (helpers / f"gammelt-{name}").read_bytes() == before[f"gammelt-{name}"]
        assert (helpers / f"nyt-{name}").read_bytes() == before[f"nyt-{name}"]
    assert [p.name for p in (folder / "denne-computer").iterdir()] == ["gammelt.yaml"]  # the state only
    assert "1 fil blev i" in out
