"""The first file addressed to a reusing organisation sets who this computer is: asked first in a terminal.

The sharing side exports one file per partner. Fanø's computer, with no project yet, given the file
made for Ærø, would become Ærø's, and every answer Fanø sends later would go back under Ærø's name.
In a terminal the import asks before anything is saved; "no" changes nothing and says how the
sharer makes Fanø's own file. Without a terminal it goes on and says who the computer is now, as
before (a script has nobody to ask). Run with the installed command, keys typed as a person would.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from exchange_kit import Org, answered, flat, start_sharing, tree
from terminal import COMMAND, CTRL_C, DOWN, ENTER, person

pytestmark = pytest.mark.usefixtures("work_in_tmp")

ASKED = "Er I Ærø Kommune?"


def aeroes_file_at_fanoe(tmp_path: Path, pseudo_terminal, keys: list[str], english: bool = False):
    """Odense shares with Ærø and Fanø; Fanø imports the file made for Ærø in a terminal, typing `keys`
    (the first at the question, the second at the name asked after "no").

    (sharing, Fanø, what the terminal showed, exit code)
    """
    env = person(tmp_path, lines=40)
    if english:
        env["SPREDNING_SPROG"] = "en"
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"))
    wrong = sharing.export("--partner", "Ærø Kommune")
    fanoe = Org(Path(env["SPREDNING_HJEM"]), tmp_path)
    child = pseudo_terminal(COMMAND, ["importer", str(wrong)], env=env, rows=40, cwd=tmp_path)
    asked = ("Are you Ærø Kommune?", "name?") if english else (ASKED, "organisation?")
    said, code = answered(child, *zip(asked, keys, strict=False))
    return sharing, fanoe, said, code


def test_no_changes_nothing_and_gives_the_sharers_command_for_our_own_file(tmp_path, pseudo_terminal):
    sharing, fanoe, said, code = aeroes_file_at_fanoe(
        tmp_path, pseudo_terminal, [DOWN + ENTER, "Fanø Kommune" + ENTER]
    )

    assert code == 0, said
    assert "Filen er lavet til Ærø Kommune. Importerer I den, bliver denne computer sat til at være" in said
    assert ASKED in said and "Nej, vi er en anden organisation (intet importeres)" in said
    assert "Intet er importeret, og intet er ændret. Filen er lavet til Ærø Kommune, ikke til jer." in said
    export = "spredning eksport --partner 'Fanø Kommune'"
    assert f"Bed Odense Kommune om den fil, de har lavet til jer. De laver den med “{export}”" in said
    assert tree(fanoe.home) == {}  # no project, no state: the computer is nobody yet

    # the command said makes Fanø's own file; imported, the computer is Fanø
    sharing.ok(*shlex.split(export)[1:], "--ud", str(tmp_path / "til-fanoe.yaml"))
    assert fanoe.import_(tmp_path / "til-fanoe.yaml")[0] == 0
    assert fanoe.store.local(fanoe.slug).me == "fanoe-kommune"


def test_no_without_a_name_says_where_the_name_goes(tmp_path, pseudo_terminal):
    _, fanoe, said, code = aeroes_file_at_fanoe(tmp_path, pseudo_terminal, [DOWN + ENTER, ENTER])

    assert code == 0, said
    assert "de laver den med 'spredning eksport --partner' og jeres navn i anførselstegn efter" in said
    assert tree(fanoe.home) == {}


def test_enter_says_it_is_us_and_the_file_is_imported(tmp_path, pseudo_terminal):
    _, fanoe, said, code = aeroes_file_at_fanoe(tmp_path, pseudo_terminal, [ENTER])

    assert code == 0, said
    assert f"{ASKED} Ja, vi er Ærø Kommune" in said
    assert "denne computer er nu sat til at være Ærø Kommune" in said
    assert "ret det" not in said  # answered just now: not offered again
    assert fanoe.store.local(fanoe.slug).me == "aeroe-kommune"


def test_in_english(tmp_path, pseudo_terminal):
    _, fanoe, said, code = aeroes_file_at_fanoe(
        tmp_path, pseudo_terminal, [DOWN + ENTER, "Fanø Kommune" + ENTER], english=True
    )

    assert code == 0, said
    assert "The file was made for Ærø Kommune." in said and "Are you Ærø Kommune?" in said
    assert "No, we are another organisation (nothing is imported)" in said
    assert "Ask Odense Kommune for the file they made for you." in said
    assert "“spredning eksport --partner 'Fanø Kommune'”" in said
    assert tree(fanoe.home) == {}


def test_without_a_terminal_the_import_goes_on_and_says_who_the_computer_is(tmp_path):
    """A script has nobody to ask: as before, the file's receiver, said after, with how to correct it."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"))
    fanoe = Org(tmp_path / "fanoe", tmp_path)

    code, out, err = fanoe.import_(sharing.export("--partner", "Ærø Kommune"))

    assert code == 0, err
    said = flat(out)
    assert ASKED not in said
    assert "denne computer er nu sat til at være Ærø Kommune" in said
    assert "Er I en anden organisation end Ærø Kommune, så ret det" in said


def test_a_later_file_for_another_partner_is_refused(tmp_path):
    """Fanø's computer is Fanø: the file made for Ærø is not imported, and how to get Fanø's is said."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"))
    fanoe = Org(tmp_path / "fanoe", tmp_path)
    assert fanoe.import_(sharing.export("--partner", "Fanø Kommune"))[0] == 0
    before = tree(fanoe.home)

    code, _, err = fanoe.import_(sharing.export("--partner", "Ærø Kommune"))

    said = flat(err)
    assert code == 1, err
    assert "er til Ærø Kommune, men denne computer er sat til at være Fanø Kommune" in said
    assert "Er I Fanø Kommune, så bed Odense Kommune sende jeres egen fil." in said
    assert tree(fanoe.home) == before


def test_the_dry_run_says_who_the_computer_would_be(tmp_path):
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"))
    fanoe = Org(tmp_path / "fanoe", tmp_path)

    said = flat(fanoe.ok("importer", str(sharing.export("--partner", "Ærø Kommune")), "--tør"))

    assert "Filen er til Ærø Kommune, så denne computer ville blive sat til at være Ærø Kommune" in said
    assert "I en terminal spørger importen først, om I er Ærø Kommune." in said
    assert tree(fanoe.home) == {}


def test_a_file_for_another_partner_is_refused_where_we_started_the_project_as_ourselves(tmp_path):
    """Fanø started the project here as Fanø; the file made for Ærø would have become a second project
    of that name in which the computer is Ærø. Refused, in the dry run too; the sharer's command said
    makes Fanø's file, which goes into Fanø's project; --nyt-projekt makes the other one on purpose."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"))
    fanoe = Org(tmp_path / "fanoe", tmp_path)
    fanoe.ok("start", "--navn", "Genoptræning Ærø", "--deler", "Odense Kommune", "--genbruger",
             "Fanø Kommune", "--rolle", "genbruge", "--organisation", "Fanø Kommune")  # fmt: skip
    wrong = sharing.export("--partner", "Ærø Kommune")
    before = tree(fanoe.home)

    for dry in ((), ("--tør",)):
        code, _, err = fanoe.import_(wrong, *dry)
        said = flat(err)
        assert code == 1, err
        assert (
            "er til Ærø Kommune, men på denne computer er I Fanø Kommune i projektet 'Genoptræning Ærø'"
            in said
        )
        export = 'spredning eksport --partner "Fanø Kommune"'
        assert (
            f"Bed Odense Kommune om den fil, de har lavet til Fanø Kommune: de laver den med '{export}'"
            in said
        )
        assert tree(fanoe.home) == before

    both = Org(tmp_path / "begge", tmp_path)  # a computer that works for both: said how, on purpose
    shutil.copytree(fanoe.home, both.home)
    assert both.import_(wrong, "--nyt-projekt")[0] == 0
    assert len(both.store.slugs()) == 2

    sharing.ok(*shlex.split(export)[1:], "--ud", str(tmp_path / "til-fanoe.yaml"))
    assert fanoe.import_(tmp_path / "til-fanoe.yaml")[0] == 0
    assert fanoe.store.slugs() == ["genoptraening-aeroe"]  # Fanø's own project took the file in


def test_ctrl_c_at_the_question_imports_nothing(tmp_path, pseudo_terminal):
    _, fanoe, said, code = aeroes_file_at_fanoe(tmp_path, pseudo_terminal, [CTRL_C])

    assert code == 130, said
    assert "Stoppet. Intet er importeret." in said
    assert tree(fanoe.home) == {}


# --- A project removed here knew who this computer is -------------------------------------------------


def removed_as(tmp_path: Path, home: Path, receiver: str) -> Org:
    """This computer (`home`) imported Odense's 'Genoptræning Ærø' made for `receiver` (so it was
    `receiver` in it), then removed the project. Odense starts 'Velfærd' with Ærø and Fanø; Odense."""
    first = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"))
    here = Org(home, tmp_path)
    assert here.import_(first.export("--partner", receiver))[0] == 0  # no terminal: not asked
    here.ok("projekt", "fjern", "genoptraening-aeroe", "--ja")
    assert here.store.slugs() == []
    return start_sharing(
        Org(tmp_path / "odense-2", tmp_path), reusers=("Ærø Kommune", "Fanø Kommune"), name="Velfærd"
    )


def test_a_removed_project_that_knew_us_as_the_files_receiver_answers_the_question(tmp_path, pseudo_terminal):
    """Reported (release notes): the question was asked though a project removed here (in fjernede/)
    knew this computer as Ærø Kommune. Now it is not asked, and it is said why."""
    env = person(tmp_path, lines=40)
    sharing = removed_as(tmp_path, Path(env["SPREDNING_HJEM"]), "Ærø Kommune")
    aeroe = Org(Path(env["SPREDNING_HJEM"]), tmp_path)
    sent = sharing.export("--partner", "Ærø Kommune")

    child = pseudo_terminal(COMMAND, ["importer", str(sent)], env=env, rows=40, cwd=tmp_path)
    said, code = answered(child)  # no question at all

    assert code == 0, said
    assert ASKED not in said
    assert (
        "Filen er lavet til Ærø Kommune, og det var denne computer også i projektet Genoptræning Ærø, "
        "som er fjernet her; derfor spørger importen ikke, om I er Ærø Kommune." in said
    )
    assert "denne computer er nu sat til at være Ærø Kommune" in said and "ret det" not in said
    assert aeroe.store.slugs() == ["velfaerd"] and aeroe.store.local("velfaerd").me == "aeroe-kommune"


def test_a_removed_project_that_knew_us_as_another_organisation_leaves_the_question(
    tmp_path, pseudo_terminal
):
    env = person(tmp_path, lines=40)
    sharing = removed_as(tmp_path, Path(env["SPREDNING_HJEM"]), "Fanø Kommune")  # this computer: Fanø
    fanoe = Org(Path(env["SPREDNING_HJEM"]), tmp_path)
    sent = sharing.export("--partner", "Ærø Kommune")

    child = pseudo_terminal(COMMAND, ["importer", str(sent)], env=env, rows=40, cwd=tmp_path)
    said, code = answered(child, (ASKED, DOWN + ENTER), ("organisation?", ENTER))

    assert code == 0, said
    assert "fjernet her" not in said
    assert "Intet er importeret, og intet er ændret. Filen er lavet til Ærø Kommune" in said
    assert fanoe.store.slugs() == []


def test_the_dry_run_says_the_removed_project_answers_the_question(tmp_path):
    sharing = removed_as(tmp_path, tmp_path / "aeroe", "Ærø Kommune")
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    before = tree(aeroe.home)

    said = flat(aeroe.ok("importer", str(sharing.export("--partner", "Ærø Kommune")), "--tør"))

    assert "I en terminal spørger importen først" not in said
    assert (
        "Filen er til Ærø Kommune, så denne computer ville blive sat til at være Ærø Kommune, der "
        "genbruger innovationen, som den var i projektet Genoptræning Ærø, der er fjernet her; derfor "
        "spørger importen ikke først." in said
    )
    assert tree(aeroe.home) == before
