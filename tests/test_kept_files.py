"""Files kept aside are told: a project file edited by hand kept as a backup before it is written
(by any command, also when the interview is stopped), and this computer's state file moved aside."""

from __future__ import annotations

import re
from pathlib import Path

from exchange_kit import D1, D2, Org, flat, start_sharing

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


def backups(org: Org) -> list[Path]:
    return sorted(org.home.glob(f"{org.path.name}.bak-*"))


def told_once(org: Org, output: str) -> None:
    """One backup was made, and the output names it once, with its full path."""
    [backup] = backups(org)
    assert NOTE in backup.read_text(encoding="utf-8") and NOTE not in org.path.read_text(encoding="utf-8")
    said = flat(output)
    assert said.count("den oprindelige udgave er gemt som") == 1, output
    assert str(backup) in said.replace(" ", "") or str(backup) in said, output


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
