"""A damaged project file's advice is true: it names the newest backup beside the file when there is
one, and says there is none (and what else helps) when there is not.

Found in a trial: every damaged file was told to "gendan en sikkerhedskopi", but the program keeps a
backup only when it saves over a file edited by hand, so usually there was none to restore.
"""

from __future__ import annotations

import os

import pytest
from exchange_kit import D1, Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def org(tmp_path, run_cli) -> Org:
    return start_sharing(Org(tmp_path / "hjem", tmp_path, run_cli), answers={D1: "Første linje\nLinje to"})


def refused(org: Org, *command: str) -> str:
    before = org.path.read_bytes()
    code, out, err = org(*command)
    assert code == 1, out + err
    assert "Traceback" not in err
    assert org.path.read_bytes() == before
    return flat(err)


def backups(org: Org, *names: str, content: bytes | None = None) -> None:
    """Backups beside the project file, oldest first (by name and by time); a copy of it as it is now."""
    for age, name in enumerate(reversed(names)):
        backup = org.path.parent / f"{org.path.name}.bak-{name}"
        backup.write_bytes(org.path.read_bytes() if content is None else content)
        os.utime(backup, (1_700_000_000 - age * 3600, 1_700_000_000 - age * 3600))


def test_unreadable_yaml_without_a_backup_says_there_is_none_and_names_the_line(org):
    org.path.write_bytes(org.path.read_bytes() + b"id: [\n")
    said = refused(org, "status")
    assert "gendan en sikkerhedskopi" not in said.lower()
    assert "Filen er ikke ændret. Der ligger ingen sikkerhedskopi af den i mappen: åbn den" in said
    line = org.path.read_bytes().count(b"\n") + 1  # YAML stops after the last line: a value is missing
    assert f"linje {line}, kolonne 1" in said and f"åbn den i en teksteditor ved linje {line}," in said


def test_an_empty_file_without_a_backup_points_to_a_partners_export(org):
    org.path.write_bytes(b"")
    said = refused(org, "vis")
    assert "ingen sikkerhedskopi af den i mappen" in said
    advice = "flyt den tomme fil ud af mappen, og hent eksporten ind med 'spredning importer' og filens navn"
    assert advice in said


def test_the_newest_backup_is_named(org):
    backups(org, "20260101-090000", "20260301-090000")
    org.path.write_bytes(b"- ikke et projekt\n")
    said = refused(org, "status")
    name = org.path.name
    assert f"gendan den nyeste sikkerhedskopi ved siden af den, {name}.bak-20260301-090000" in said
    assert f"giv kopien navnet {name}" in said and "20260101" not in said


def test_a_cut_off_file_names_its_backup_when_there_is_one(org):
    backups(org, "20260301-090000")
    whole = org.path.read_bytes()
    org.path.write_bytes(whole[: whole.index(b"Linje to") + 4])
    said = refused(org, "eksport", "--ud", "ud.yaml")
    assert "ser ud til at være afkortet" in said
    assert f"{org.path.name}.bak-20260301-090000: flyt den afkortede fil ud af mappen" in said


def test_a_partners_file_for_a_damaged_project_names_the_backup_or_says_there_is_none(org, tmp_path, run_cli):
    partner = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert partner.import_(org.export())[0] == 0
    sent = partner.export()
    whole = org.path.read_bytes()
    org.path.write_bytes(whole + b"id: [\n")
    said = refused(org, "importer", str(sent))
    assert "Projektet findes allerede her, men dets fil kan ikke læses" in said
    assert "Der ligger ingen sikkerhedskopi af projektfilen i mappen" in said
    backups(org, "20260301-090000", content=whole)
    said = refused(org, "importer", str(sent))
    assert f"gendan den nyeste sikkerhedskopi ved siden af den, {org.path.name}.bak-20260301-090000" in said


# --- a backup that cannot be read itself is never the one to restore ----------------------------------


def damaged_backups(whole: bytes) -> dict[str, bytes]:
    """Ways a backup can be damaged: each kind the project file itself is refused for."""
    cut = whole.index(b"Linje to") + 4
    return {
        "cut mid-line": whole[:cut],
        "cut at a line's end": whole[: whole.rindex(b"\n", 0, len(whole) - 1) + 1],
        "not YAML": whole + b"id: [\n",
        "empty": b"\n",
        "not UTF-8": whole.replace("Første".encode(), b"F\xf8rste"),
    }


@pytest.mark.parametrize("kind", ["cut mid-line", "cut at a line's end", "not YAML", "empty", "not UTF-8"])
def test_a_damaged_newest_backup_is_passed_over_for_an_older_one_that_reads(org, kind):
    whole = org.path.read_bytes()
    backups(org, "20260101-090000", content=whole)  # the older one: whole
    backups(org, "20260301-090000", content=damaged_backups(whole)[kind])  # the newest: damaged
    org.path.write_bytes(b"- ikke et projekt\n")
    said = refused(org, "status")
    name = org.path.name
    assert f"gendan den nyeste sikkerhedskopi ved siden af den, {name}.bak-20260101-090000" in said
    assert "20260301" not in said


def test_when_no_backup_reads_the_advice_says_so_and_names_none_to_restore(org):
    whole = org.path.read_bytes()
    backups(org, "20260101-090000", content=whole[: len(whole) // 2])
    backups(org, "20260301-090000", content=b"\n")
    org.path.write_bytes(whole + b"id: [\n")
    said = refused(org, "status")
    name = org.path.name
    assert (
        f"Sikkerhedskopierne ved siden af den kan heller ikke læses ({name}.bak-20260301-090000 og "
        f"{name}.bak-20260101-090000), så de hjælper ikke: åbn den i en teksteditor ved linje"
    ) in said
    assert "gendan den nyeste" not in said and "ingen sikkerhedskopi" not in said


def test_a_cut_project_file_with_only_a_cut_backup_says_the_backup_cannot_be_read(org):
    whole = org.path.read_bytes()
    backups(org, "20260301-090000", content=whole[: whole.index(b"Linje to") + 2])
    org.path.write_bytes(whole[: whole.index(b"Linje to") + 4])
    said = refused(org, "eksport", "--ud", "ud.yaml")
    assert "ser ud til at være afkortet" in said
    assert (
        f"Sikkerhedskopien ved siden af den kan heller ikke læses ({org.path.name}.bak-20260301-090000)"
        in said
    )


def test_a_partners_file_for_a_damaged_project_passes_over_a_damaged_backup(org, tmp_path, run_cli):
    partner = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert partner.import_(org.export())[0] == 0
    sent = partner.export()
    whole = org.path.read_bytes()
    backups(org, "20260101-090000", content=whole)
    backups(org, "20260301-090000", content=whole[: whole.index(b"Linje to") + 4])
    org.path.write_bytes(whole + b"id: [\n")
    said = refused(org, "importer", str(sent))
    assert f"gendan den nyeste sikkerhedskopi ved siden af den, {org.path.name}.bak-20260101-090000" in said
    backups(org, "20260101-090000", content=b"format: '2'\n")  # no project: not one to restore either
    said = refused(org, "importer", str(sent))
    assert "Sikkerhedskopierne af projektfilen kan heller ikke læses" in said
