"""Files kept aside are told: a project file edited by hand kept as a backup before it is written
(by any command, also when the interview is stopped), and this computer's state file moved aside."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from exchange_kit import D1, D2, Org, backups, flat, start_sharing

ESC_ENTER = "\x1b\r"
CTRL_C = "\x03"
NOTE = "# Husk: spørg Per om tallene"


def hand_edit(org: Org) -> str:
    """Put a comment in the project file, as a user would in a text editor; the file's text then."""
    text = org.path.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^svar:$", f"{NOTE}\nsvar:", text, count=1)
    assert edited != text
    org.path.write_text(edited, encoding="utf-8")
    return edited


def told_once(org: Org, output: str) -> None:
    """One backup was made, and the output names it once, with its full path."""
    [backup] = backups(org)
    assert NOTE in backup.read_text(encoding="utf-8") and NOTE not in org.path.read_text(encoding="utf-8")
    said = flat(output)
    assert said.count("den oprindelige udgave er gemt som") == 1, output
    assert said.replace(" ", "").count(str(backup)) == 1, output  # named once, by one notice


def test_the_interview_stopped_after_a_save_tells_the_backup(tmp_path, run_cli, fase_in_terminal):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    hand_edit(org)

    with org.at_home():
        code, out, err = fase_in_terminal(
            "Formålet" + ESC_ENTER + CTRL_C, "tjek", "--rolle", "dele", "--fortsæt"
        )

    assert code == 130, err
    assert org.texts()[D1] == "Formålet"
    told_once(org, out + err)


def test_the_interview_tells_the_backup_once_however_many_saves(tmp_path, run_cli, fase_in_terminal):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    hand_edit(org)

    with org.at_home():
        keys = "Et" + ESC_ENTER + "To" + ESC_ENTER + CTRL_C
        code, out, err = fase_in_terminal(keys, "tjek", "--rolle", "dele", "--fortsæt")

    assert code == 130, err
    assert (org.texts()[D1], org.texts()[D2]) == ("Et", "To")
    told_once(org, out + err)


def test_answers_from_a_file_tell_the_backup_once(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    hand_edit(org)
    source = tmp_path / "svar.yaml"
    source.write_text(f"{D1}: Formålet\n{D2}: Løsningen\n", encoding="utf-8")

    code, out, err = org("fase", "tjek", "--svar", str(source))

    assert code == 0, err
    told_once(org, out + err)


def test_an_import_into_a_hand_edited_file_tells_the_backup(tmp_path, run_cli):
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    sharing.answer({D1: "Nyt formål"})
    hand_edit(reusing)

    code, out, err = reusing.import_(sharing.export())

    assert code == 0, err
    assert reusing.texts()[D1] == "Nyt formål"
    told_once(reusing, out + err)


def test_a_command_that_writes_nothing_tells_no_backup(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    hand_edit(org)

    code, out, err = org("status")

    assert code == 0, err
    assert not backups(org) and "oprindelige udgave" not in out + err


# --- this computer's state file, read only in part: kept aside before it is written again ----------

LIST_DRAFT = f"kladder:\n  {D1}:\n  - del 1\n  - del 2\n"


def state_file(org: Org) -> Path:
    return org.home / ".spredning" / f"{org.slug}.yaml"


def kept_states(org: Org) -> list[Path]:
    return sorted((org.home / ".spredning").glob(f"{org.slug}.yaml.bak-*"))


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(LIST_DRAFT, id="a draft written as a list"),
        pytest.param(f"gamle-kladder:\n  {D1}: Min tekst fra i går\n", id="an unknown key with a draft"),
        pytest.param("side: maybe\n", id="a side that is neither"),
    ],
)
def test_a_state_file_read_in_part_is_kept_aside_before_it_is_written(tmp_path, run_cli, edit):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    path = state_file(org)
    text = path.read_text(encoding="utf-8")
    if edit.startswith("side:"):
        text = re.sub(r"(?m)^side: dele$", "side: maybe", text)
    else:
        text += edit
    path.write_text(text, encoding="utf-8")

    code, _, err = org("status")  # reading works with what is understood, and writes nothing
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == text and not kept_states(org)

    write = ("projekt", "side", "dele") if "maybe" in text else ("eksport", "--ud", str(tmp_path / "ud.yaml"))
    code, _, err = org(*write)  # writes the state file

    assert code == 0, err
    [kept] = kept_states(org)
    assert kept.read_text(encoding="utf-8") == text  # every word of it
    said = flat(err)
    assert "kunne ikke læses" in said and "Den gamle fil er gemt som" in said, err
    assert str(kept) in said.replace(" ", "") or str(kept) in said
    code, _, err = org("eksport", "--ud", str(tmp_path / "ud2.yaml"))  # the new file reads whole
    assert code == 0 and len(kept_states(org)) == 1 and "kunne ikke læses" not in err


def test_a_state_file_the_program_wrote_is_read_whole(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    org("eksport", "--ud", str(tmp_path / "ud.yaml"))

    code, _, err = org("eksport", "--ud", str(tmp_path / "ud2.yaml"))

    assert code == 0, err
    assert not kept_states(org) and "kunne ikke læses" not in err


# --- a file or folder where the program's own helper folder or lock file should be ------------------


def helpers_are_a_file(org: Org) -> Path:
    helpers = org.home / ".spredning"
    shutil.rmtree(helpers)
    helpers.write_text("x\n", encoding="utf-8")
    return helpers


def lock_is_a_folder(org: Org) -> Path:
    lock = org.home / ".spredning" / f"{org.slug}.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    return lock


def lock_is_a_link(org: Org) -> Path:
    """A link where the lock file goes (a sync tool's, a hand's): to a file of the user's, kept as it is."""
    lock = org.home / ".spredning" / f"{org.slug}.lock"
    lock.unlink(missing_ok=True)
    kept = org.home.parent / "vigtig.txt"
    kept.write_text("Vigtig tekst\n", encoding="utf-8")
    lock.symlink_to(kept)
    return lock


def lock_is_a_link_to_a_folder(org: Org) -> Path:
    lock = org.home / ".spredning" / f"{org.slug}.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(org.home.parent)
    return lock


def lock_is_a_dangling_link(org: Org) -> Path:
    lock = org.home / ".spredning" / f"{org.slug}.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(org.home.parent / "findes-ikke" / "x.lock")
    return lock


LINK = "men der ligger en henvisning (et link) med det navn"


@pytest.mark.parametrize(
    ("in_the_way", "said"),
    [
        pytest.param(helpers_are_a_file, "men der ligger en fil med det navn", id="the helper folder a file"),
        pytest.param(lock_is_a_folder, "men der ligger en mappe med det navn", id="the lock file a folder"),
        pytest.param(lock_is_a_link, LINK, id="the lock file a link"),
        pytest.param(lock_is_a_link_to_a_folder, LINK, id="the lock file a link to a folder"),
        pytest.param(lock_is_a_dangling_link, LINK, id="the lock file a dangling link"),
    ],
)
@pytest.mark.parametrize(
    "command", [("fase", "tjek", "--rolle", "dele", "--svar", "SVAR"), ("projekt", "side", "genbruge")]
)
def test_a_file_or_folder_in_the_way_is_named(tmp_path, run_cli, in_the_way, said, command):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    source = tmp_path / "svar.yaml"
    source.write_text(f"{D1}: Formålet\n", encoding="utf-8")
    before = org.path.read_bytes()
    path = in_the_way(org)

    code, out, err = org(*(str(source) if word == "SVAR" else word for word in command))

    assert code == 1, out
    told = flat(err)
    assert str(path) in told.replace(" ", "") and said in told, err
    assert "Flyt" in told and "slet" in told, err
    assert "Kan ikke skrive i mappen" not in told
    assert org.path.read_bytes() == before
    kept = org.home.parent / "vigtig.txt"
    assert not kept.exists() or kept.read_text(encoding="utf-8") == "Vigtig tekst\n"


@pytest.mark.parametrize("command", [("status",), ("vis",), ("fase", "tjek", "--rolle", "dele")])
def test_commands_that_only_read_name_a_file_where_the_helper_folder_goes(tmp_path, run_cli, command):
    # not a project without a side, drafts or news: this computer's state cannot be read
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    before = org.path.read_bytes()
    path = helpers_are_a_file(org)

    code, out, err = org(*command)

    assert code == 1, out
    told = flat(err)
    assert str(path) in told.replace(" ", "") and "men der ligger en fil med det navn" in told, err
    assert "Næste skridt" not in out
    assert org.path.read_bytes() == before
    assert path.read_text(encoding="utf-8") == "x\n"


# --- the notices are wrapped at the terminal's width, each path kept whole on a line --------------------


def test_the_notice_of_an_unreadable_state_file_is_wrapped_with_its_path_whole(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    state_file(org).write_text("kladder: [\n", encoding="utf-8")

    code, _, err = org("projekt", "side", "dele")

    assert code == 0, err
    [kept] = kept_states(org)
    lines = err.splitlines()
    assert "kunne ikke læses" in flat(err)
    assert len(str(kept)) > 80  # longer than a line: alone on its line, whole, to copy
    assert any(line.rstrip(".") == str(kept) for line in lines), err
    assert all(len(line) <= 80 or line.rstrip(".") == str(kept) for line in lines), err


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("plan", "tilføj", "--hvad", "Ring til Per", "--fælles"), id="plan tilføj"),
        pytest.param(
            ("klarhed", "tjek.beskriv-innovationen", "gul", "--rolle", "dele", "--fælles"), id="klarhed"
        ),
        pytest.param(("projekt", "fjern-genbruger", "Ærø Kommune", "--ja"), id="projekt fjern-genbruger"),
    ],
)
def test_other_commands_that_write_tell_the_backup(tmp_path, run_cli, command):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    hand_edit(org)

    code, out, err = org(*command)

    assert code == 0, err + out
    told_once(org, out + err)


def test_making_a_project_the_active_one_names_a_file_in_the_way(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    helpers = helpers_are_a_file(org)

    code, out, err = org("projekt", "brug", org.slug)

    assert code == 1, out
    told = flat(err)
    assert str(helpers) in told.replace(" ", "") and "men der ligger en fil med det navn" in told, err
    assert "--hjem" not in told  # the projects folder is not what is wrong


LEFT = "Tekst fra editoren, som programmet ikke fik hentet ind"


def test_several_editor_files_left_are_told_once_each_on_its_own_line_in_the_order_made(tmp_path, run_cli):
    """Three windows stopped with the editor open: one notice and three paths, not three notices."""
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    helpers = org.home / ".spredning"
    made = [helpers / f"{org.slug}-tekst-fra-editoren{n}.txt" for n in ("", "-2", "-10")]
    for number, path in enumerate(made):
        path.write_text(f"Tekst {number}\n", encoding="utf-8")

    told_once_in_order(org, made)
    assert [path.read_text(encoding="utf-8") for path in made] == ["Tekst 0\n", "Tekst 1\n", "Tekst 2\n"]


def told_once_in_order(org: Org, made: list[Path]) -> None:
    """'konflikter' tells the editor's files left in one notice, each path in the order given."""
    code, out, err = org("konflikter")

    said = flat(out + err)
    assert code == 0, err
    assert said.count(LEFT) == 1, out
    places = [said.find(str(path)) for path in made]
    assert -1 not in places and places == sorted(places), out


def test_one_editor_file_left_is_told_as_before(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    path = org.home / ".spredning" / f"{org.slug}-tekst-fra-editoren.txt"
    path.write_text("Tekst\n", encoding="utf-8")

    said = flat(org.ok("konflikter"))

    assert f"ligger i {path}. Kopiér fra den, hvis du skal bruge den, og slet filen bagefter." in said


def test_editor_files_left_in_two_languages_are_told_in_the_order_made(tmp_path, run_cli):
    """A stop in Danish, then one in English, then one in Danish again: each language's name counts
    on its own (-2 is the second Danish one), so the time each was written says the order, not the names."""
    import os

    org = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    helpers = org.home / ".spredning"
    made = [
        helpers / f"{org.slug}-tekst-fra-editoren.txt",
        helpers / f"{org.slug}-editor-text.txt",
        helpers / f"{org.slug}-tekst-fra-editoren-2.txt",
    ]
    for number, path in enumerate(made):
        path.write_text(f"Tekst {number}\n", encoding="utf-8")
        os.utime(path, ns=(1_700_000_000_000_000_000 + number * 60_000_000_000,) * 2)  # a minute apart

    told_once_in_order(org, made)
