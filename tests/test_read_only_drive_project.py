"""A project on a drive that can only be read (EROFS), changed by a command that asks in a terminal.

From a trial: 'plan tilføj', 'godkend tjek' and 'klarhed …' said "Projektfilen … er skrivebeskyttet
… Fjern skrivebeskyttelsen (fx i filens egenskaber)", but the file's own setting allows writing:
the drive does not, and that advice did not help. They name the drive and what to do about it,
before anything is asked (nothing typed to lose).
"""

from __future__ import annotations

import pytest
from exchange_kit import flat
from projectkit import new_project

DRIVE = "ligger på et drev, der kun kan læses, så intet er gemt."
WAY = (
    "Kopiér projektmappen til et sted, du må skrive, eller bed den, der står for drevet, "
    "om at gøre det skrivbart."
)


@pytest.mark.parametrize(
    "argv",
    [("plan", "tilføj"), ("godkend", "tjek"), ("klarhed", "Beskriv innovationen")],
    ids=["plan-tilfoej", "godkend", "klarhed"],
)
def test_a_project_on_a_read_only_drive_says_the_drive_before_asking(on_screen, ws, read_only_drive, argv):
    slug = new_project(ws)
    path = ws.store.path_for(slug)
    before = path.read_bytes()
    read_only_drive(ws.store.home)

    run = on_screen("Book et lokale\r", *argv)

    said = flat(run.err)
    assert run.code == 1, run.err
    assert f"Projektfilen {path} {DRIVE}" in said, said
    assert WAY in said, said
    assert "Fjern skrivebeskyttelsen" not in said and "egenskaber" not in said
    assert "?" not in run.screen  # nothing asked
    assert path.read_bytes() == before


def test_the_drive_is_said_in_english_too(on_screen, ws, read_only_drive):
    slug = new_project(ws)
    read_only_drive(ws.store.home)

    run = on_screen("", "--sprog", "en", "plan", "tilføj")

    said = flat(run.err)
    assert f"The project file {ws.store.path_for(slug)} is on a drive that can only be read" in said, said
    assert "Copy the projects folder" in said and "Remove the read-only setting" not in said


def test_a_read_only_file_on_a_writable_drive_keeps_the_files_words(on_screen, ws):
    slug = new_project(ws)
    path = ws.store.path_for(slug)
    path.chmod(0o444)

    run = on_screen("", "plan", "tilføj")

    said = flat(run.err)
    assert f"Projektfilen {path} er skrivebeskyttet, så intet er gemt." in said, said
    assert "Fjern skrivebeskyttelsen" in said and "drev" not in said
