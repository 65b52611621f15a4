"""A partner's file of a project removed here is not made a new project beside it, silently.

The removed project (in fjernede/) holds this organisation's own answers. Importing the sharing
side's file again without it would make a new project without them, and a later 'projekt gendan'
two files of one project. Without a terminal the import is refused with the two commands that do
it; in a terminal it offers to bring the project back and import into it. 'projekt gendan' beside
a file of the same project under another name says so, with the 'projekt flet' that joins them.
'status' with no project left names 'projekt gendan' when a removed one can come back.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from exchange_kit import G1, Org, answered, flat, start_sharing, tree
from terminal import COMMAND, DOWN, ENTER, person

pytestmark = pytest.mark.usefixtures("work_in_tmp")

SLUG = "genoptraening-aeroe"


def removed_after_answering(aeroe: Org, sharing: Org) -> Path:
    """Ærø imports Odense's file, answers a question, removes the project; Odense's newer file."""
    assert aeroe.import_(sharing.export())[0] == 0
    aeroe.answer({G1: "Ja, vi har ventelister"}, "--rolle", "genbruge")
    aeroe.ok("projekt", "fjern", SLUG, "--ja")
    return sharing.export()


@pytest.fixture
def orgs(tmp_path) -> tuple[Org, Org]:
    """Odense (sharing) and Ærø, each running the installed command in a folder of its own."""
    return start_sharing(Org(tmp_path / "odense", tmp_path)), Org(tmp_path / "aeroe", tmp_path)


def test_without_a_terminal_the_import_is_refused_with_the_commands_that_bring_it_back(orgs):
    sharing, aeroe = orgs
    newer = removed_after_answering(aeroe, sharing)
    before = tree(aeroe.home)

    code, out, err = aeroe.import_(newer)

    said = flat(err)
    assert code == 2, out + err
    assert "hører til et projekt, I har fjernet fra projektmappen: Genoptræning Ærø (fjernet " in said
    assert ", 1 svar). Det fjernede projekt rummer jeres egne svar" in said
    assert "Intet er importeret." in said
    assert "“spredning projekt gendan 'Genoptræning Ærø'”" in said
    assert f"'spredning importer \"{newer}\"'" in said
    assert tree(aeroe.home) == before  # no new project beside the removed one

    # the two commands said bring the answers back with the file's
    assert aeroe.ok("projekt", "gendan", "Genoptræning Ærø")
    assert aeroe.import_(newer)[0] == 0
    assert aeroe.store.slugs() == [SLUG]
    assert aeroe.texts()[G1] == "Ja, vi har ventelister"


def test_the_dry_run_says_what_the_import_would_and_no_projekt_flet(orgs):
    """Review: with answers of ours in another project here, --tør also gave the 'projekt flet' that
    only a new project's import says; the import itself makes none while the removed one is there."""
    sharing, aeroe = orgs
    aeroe.ok("start", "--navn", "Vores egen", "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune",
             "--rolle", "genbruge", "--organisation", "Ærø Kommune")  # fmt: skip
    aeroe.answer({G1: "Vores eget svar"}, "--rolle", "genbruge")
    newer = removed_after_answering(aeroe, sharing)
    before = tree(aeroe.home)
    refused = flat(aeroe.import_(newer)[2])
    assert "projekt flet" not in refused  # the import: the removed project only

    out = flat(aeroe.ok("importer", str(newer), "--tør"))

    assert tree(aeroe.home) == before
    assert "projekt flet" not in out and "oprettet" not in out and "Ville tilføje" not in out
    assert out.startswith("Filen hører til et projekt, I har fjernet fra projektmappen: Genoptræning Ærø")
    assert "Importen henter intet ind, før projektet er hentet tilbage" in out
    restore = "spredning projekt gendan 'Genoptræning Ærø'"
    assert f"Hent det tilbage med “{restore}”, så kommer filens svar ind i det" in out
    dry = f'spredning importer "{newer}" --tør'
    assert f"se derefter, hvad filen ville ændre, med '{dry}'" in out
    aeroe.ok(*shlex.split(restore)[1:])  # the two commands said, as shown
    assert "Import i projektet Genoptræning Ærø" in flat(aeroe.ok(*shlex.split(dry)[1:]))


def in_terminal(
    tmp_path: Path, pseudo_terminal, keys: str, *more: tuple[str, str]
) -> tuple[Org, Path, str, int]:
    """The removal, then 'importer' of Odense's newer file in a terminal, answered with `keys`, then
    each later question (`more`: its words, the keys that answer it)."""
    env = person(tmp_path, lines=40)
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path))
    aeroe = Org(Path(env["SPREDNING_HJEM"]), tmp_path)
    newer = removed_after_answering(aeroe, sharing)
    child = pseudo_terminal(COMMAND, ["importer", str(newer)], env=env, rows=40, cwd=tmp_path)
    said, code = answered(child, ("Hent projektet tilbage og importér filen ind i det?", keys), *more)
    return aeroe, newer, said, code


def test_in_a_terminal_it_is_brought_back_and_the_file_goes_into_it(tmp_path, pseudo_terminal):
    aeroe, _, said, code = in_terminal(tmp_path, pseudo_terminal, ENTER)

    assert code == 0, said
    assert "Filen hører til et projekt, I har fjernet fra projektmappen: Genoptræning Ærø" in said
    assert "Projektet 'Genoptræning Ærø' (genoptraening-aeroe.yaml) er hentet tilbage" in said
    assert "Import i projektet Genoptræning Ærø" in said
    assert aeroe.store.slugs() == [SLUG]  # one project, with our answer in it
    assert aeroe.texts()[G1] == "Ja, vi har ventelister"
    assert not [p for p in (aeroe.home / "fjernede").iterdir() if p.is_dir()]


def test_in_a_terminal_no_changes_nothing_and_says_the_commands(tmp_path, pseudo_terminal):
    aeroe, newer, said, code = in_terminal(tmp_path, pseudo_terminal, DOWN + DOWN + ENTER)

    assert code == 0, said
    assert "Intet er ændret. Hent projektet tilbage med “spredning projekt gendan 'Genoptræning Ærø'”" in said
    assert f"'spredning importer \"{newer}\"'" in said
    assert aeroe.store.slugs() == []


def test_in_a_terminal_the_file_can_become_a_new_project_beside_the_removed_one(tmp_path, pseudo_terminal):
    """Review: there was no way to import the file as a new project while the removed copy is kept."""
    # a new project: who this computer is in it is not asked, the removed one knew it (Ærø)
    aeroe, _, said, code = in_terminal(tmp_path, pseudo_terminal, DOWN + ENTER)

    assert code == 0, said
    assert "Er I Ærø Kommune?" not in said
    assert "det var denne computer også i projektet Genoptræning Ærø, som er fjernet her" in said
    assert aeroe.store.local(SLUG).me == "aeroe-kommune"
    assert "Nej, importér filen som et nyt projekt" in said
    assert "det oprettes som 'Genoptræning Ærø' (genoptraening-aeroe)" in said
    assert aeroe.store.slugs() == [SLUG] and G1 not in aeroe.texts()  # new: our answer not in it
    [kept] = [p for p in (aeroe.home / "fjernede").iterdir() if p.is_dir()]  # still there, whole
    assert "Det fjernede projekt er stadig i mappen fjernede: Genoptræning Ærø (fjernet " in said
    brought_back(aeroe, said, kept.name)


def brought_back(aeroe: Org, said: str, folder: str) -> None:
    """The 'projekt gendan --navn' said after the import runs, and the 'projekt flet' it gives then
    brings our answer into the new project: nothing lost, one project left to work in."""
    restore = f"spredning projekt gendan {folder} --navn 'Genoptræning Ærø (2)'"
    assert f"hent det tilbage under et andet navn med “{restore}”" in said
    out = flat(aeroe.ok(*shlex.split(restore)[1:]))
    merge = f"spredning projekt flet {SLUG}-2 --projekt {SLUG}"
    assert f"'Genoptræning Ærø' ({SLUG}.yaml) er det samme projekt (fra samme fil)" in out
    assert f"'{merge}'" in out
    aeroe.ok(*shlex.split(merge)[1:])
    assert aeroe.texts(slug=SLUG)[G1] == "Ja, vi har ventelister"


def test_without_a_terminal_nyt_projekt_imports_the_file_as_a_new_project(orgs):
    sharing, aeroe = orgs
    newer = removed_after_answering(aeroe, sharing)
    refused = flat(aeroe.import_(newer)[2])
    new = f'spredning importer "{newer}" --nyt-projekt'
    instead = "i stedet blive et nyt projekt ved siden af det fjernede (der bliver i mappen fjernede)"
    assert f"Skal filen {instead}, så skriv '{new}'." in refused
    before = tree(aeroe.home)
    dry = flat(aeroe.ok("importer", str(newer), "--tør", "--nyt-projekt"))
    assert tree(aeroe.home) == before
    assert "det ville blive oprettet som 'Genoptræning Ærø'" in dry

    out = flat(aeroe.ok(*shlex.split(new)[1:]))  # as shown

    # beside the removed one it named, the new project is not said to be one "you do not have yet"
    assert "Filen hører til et projekt, der ikke er i projektmappen; det oprettes som" in out
    assert "I ikke har endnu" not in out + dry

    assert aeroe.store.slugs() == [SLUG] and G1 not in aeroe.texts()
    [kept] = [p for p in (aeroe.home / "fjernede").iterdir() if p.is_dir()]
    left = out[out.index("Det fjernede projekt er stadig") :]
    assert left in dry  # the dry run said it as the import does
    brought_back(aeroe, out, kept.name)


def test_nyt_projekt_is_refused_for_a_file_that_goes_into_a_project_here(orgs):
    sharing, aeroe = orgs
    assert aeroe.import_(sharing.export())[0] == 0
    newer = sharing.export()
    before = tree(aeroe.home)

    code, out, err = aeroe.import_(newer, "--nyt-projekt")

    assert code == 2, out + err
    assert tree(aeroe.home) == before
    said = flat(err)
    assert "hører til projektet 'Genoptræning Ærø' her, så den importeres ind i det" in said
    assert f"'spredning importer \"{newer}\"'" in said
    assert aeroe.import_(newer)[0] == 0


def test_gendan_beside_the_same_project_under_another_file_name_gives_projekt_flet(orgs, tmp_path):
    sharing, aeroe = orgs
    newer = removed_after_answering(aeroe, sharing)
    elsewhere = Org(tmp_path / "andet", tmp_path)  # the project made anew from the file (as before)
    assert elsewhere.import_(newer)[0] == 0
    shutil.copy(elsewhere.path, aeroe.home / f"{SLUG}-2.yaml")
    aeroe.ok("projekt", "side", "genbruge", "--organisation", "Ærø Kommune", "--projekt", f"{SLUG}-2")

    out = flat(aeroe.ok("projekt", "gendan", "Genoptræning Ærø"))

    assert f"'Genoptræning Ærø' ({SLUG}-2.yaml) er det samme projekt (fra samme fil)" in out
    merge = f"spredning projekt flet {SLUG} --projekt {SLUG}-2"
    assert f"Hent jeres svar fra {SLUG}.yaml ind i {SLUG}-2.yaml med '{merge}'" in out
    assert f"'spredning projekt fjern {SLUG}'" in out
    assert aeroe.ok(*merge.split()[1:])  # the command said joins them, nothing lost
    assert aeroe.texts(slug=f"{SLUG}-2")[G1] == "Ja, vi har ventelister"


def test_status_with_none_left_names_projekt_gendan(orgs):
    sharing, aeroe = orgs
    removed_after_answering(aeroe, sharing)

    code, _, err = aeroe("status")

    assert code != 0
    assert "Der er intet projekt i mappen nu." in flat(err)  # trial42: not "endnu" (yet)
    assert f"Hent det fjernede projekt tilbage med 'spredning projekt gendan {SLUG}'" in flat(err)
    assert aeroe.ok("projekt", "gendan", SLUG)


def test_projekter_with_none_left_says_none_now_and_names_projekt_gendan(orgs):
    """trial42: it said "ingen projekter ... endnu" (yet) and nothing of bringing one back."""
    sharing, aeroe = orgs
    removed_after_answering(aeroe, sharing)

    said = flat(aeroe.ok("projekter"))

    assert "endnu" not in said
    assert f"Der er ingen projekter i {aeroe.home} nu." in said
    assert f"Hent det fjernede projekt tilbage med 'spredning projekt gendan {SLUG}'" in said
    assert "eller start et nyt med 'spredning start'" in said
    assert aeroe.ok("projekt", "gendan", SLUG)


def test_a_removed_project_without_answers_is_not_said_to_hold_them(orgs):
    # trial10: '(… ingen svar). Det fjernede projekt rummer jeres egne svar' said both
    sharing, aeroe = orgs
    assert aeroe.import_(sharing.export())[0] == 0
    aeroe.ok("projekt", "fjern", SLUG, "--ja")

    code, out, err = aeroe.import_(sharing.export())

    said = flat(err)
    assert code == 2, out + err
    assert "ingen svar). Blev filen importeret nu, ville den blive et nyt projekt ved siden af" in said
    assert "rummer jeres egne svar" not in said
    assert "“spredning projekt gendan 'Genoptræning Ærø'”" in said


def test_a_worksheet_of_a_removed_project_names_the_removal_and_the_command_that_brings_it_back(
    tmp_path, run_cli
):
    """Found in this stop's trial: the filled worksheet of a project removed here was said to belong
    to a project 'som ikke findes i …', with advice to use --hjem. It says the project is removed,
    and how to bring it back before importing the sheet."""
    from worksheet_kit import Sheet

    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), name="Andet Projekt")
    sheet = tmp_path / "ark.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--ud", str(sheet))
    Sheet.read(sheet).fill(4, "Ja, meget").save(sheet)  # (answer field 4: Ærø's first answer)
    odense.ok("projekt", "fjern", "Andet Projekt", "--ja")
    [folder] = [p for p in (odense.home / "fjernede").iterdir() if p.is_dir()]
    before = tree(odense.home)

    code, out, err = odense("importer", str(sheet))

    said = flat(out + err)
    assert code == 1, said
    assert "hører til projektet 'Andet Projekt', som er fjernet her (det ligger i mappen 'fjernede')" in said
    assert (
        f"Hent projektet tilbage med 'spredning projekt gendan {folder.name}', og importér så arket igen."
        in said
    )
    assert "--hjem" not in said
    assert tree(odense.home) == before

    odense.ok("projekt", "gendan", folder.name)
    assert "1 tilføjet" in flat(odense.ok("importer", str(sheet), "--ikke-interaktiv"))
