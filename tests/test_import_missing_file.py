"""'spredning importer' without its file and without a terminal: the example is honest about the folder.

Reported (import38): it named the newest file that looked like an export though it could not be
imported (a broken 'indryk.yaml'), and with every file here imported already it gave a made-up
'svar-fra-partneren.yaml' as if it lay there. Now it names only a file that would import; else it
says that none here would, and why, in a few words. Run with the installed command, no terminal.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from exchange_kit import Org, flat, installed, start_sharing
from homekit import CTRL_C, ENTER, ESC, UP, interactive, typed

pytestmark = pytest.mark.usefixtures("work_in_tmp")

MADE_UP = ("svar-fra-partneren.yaml", "answers-from-partner.yaml")


@pytest.fixture
def post(tmp_path) -> tuple[Org, Path, Path]:
    """Odense's file for Ærø in the working folder, and Ærø's folder with no project yet.

    (Ærø, the working folder, Odense's file)
    """
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path))
    sent = sharing.export()
    return Org(tmp_path / "aeroe", tmp_path), tmp_path, sent


def broken_beside(sent: Path, newer: bool = True) -> Path:
    """A copy of the file with its answers' indentation spoilt (its head still an export's): newest here."""
    text = sent.read_text(encoding="utf-8").replace("\n    tjek.", "\n      tjek.", 1)
    broken = sent.parent / "indryk.yaml"
    broken.write_text(text, encoding="utf-8")
    if newer:
        later = sent.stat().st_mtime + 60
        os.utime(broken, (later, later))
    return broken


def missing(org: Org, folder: Path, *options: str) -> str:
    """'importer' without a file, as a script runs it: the refusal, with line wrapping undone."""
    code, out, err = installed(*options, "importer", home=org.home, cwd=folder)
    assert code == 2, out + err
    said = flat(err)
    assert not any(name in said for name in MADE_UP), said
    return said


def test_a_broken_newer_file_is_not_the_example_the_file_that_imports_is(post):
    aeroe, folder, sent = post
    broken_beside(sent)

    said = missing(aeroe, folder)

    assert f"fx den, der ligger her: 'spredning importer {sent.name}'" in said
    assert "indryk.yaml" not in said
    assert aeroe.import_(sent)[0] == 0  # the example runs


def test_when_only_a_broken_file_lies_here_it_is_said_that_it_cannot_be_imported(post):
    aeroe, folder, sent = post
    broken_beside(sent)
    sent.unlink()

    said = missing(aeroe, folder)

    assert "skriv navnet på den fil, partneren har sendt, efter 'spredning importer'." in said
    assert "Filen indryk.yaml, der ligger her, kan ikke importeres; hvorfor, siger" in said
    assert "'spredning importer indryk.yaml'" in said


def test_when_every_file_here_was_imported_it_is_said_and_no_name_made_up(post):
    aeroe, folder, sent = post
    assert aeroe.import_(sent)[0] == 0

    said = missing(aeroe, folder)

    assert f"Filen {sent.name}, der ligger her, er importeret allerede, så den bringer intet nyt." in said


def test_with_no_file_here_no_name_is_made_up(post, tmp_path):
    aeroe, _, _ = post
    empty = tmp_path / "tom"
    empty.mkdir()

    said = missing(aeroe, empty)

    assert "(fra 'spredning eksport' eller et udfyldt arbejdsark), efter 'spredning importer'." in said


def test_in_english(post):
    aeroe, folder, sent = post
    broken_beside(sent)
    sent.unlink()

    said = missing(aeroe, folder, "--sprog", "en")

    assert "write the name of the file your partner sent after 'spredning --sprog en importer'." in said
    assert (
        "The file indryk.yaml lying here cannot be imported; 'spredning --sprog en importer indryk.yaml'"
        in said
    )


# --- In a terminal: the list offers only the files that would import (the same judgement) -----------


@pytest.fixture
def post_here(tmp_path, run_cli) -> tuple[Org, Path, Path]:
    """As `post`, run in-process (its prompts typed into): (Ærø, the working folder, Odense's file)."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    sent = sharing.export()
    return Org(tmp_path / "aeroe", tmp_path, run_cli), tmp_path, sent


@pytest.fixture
def typing(monkeypatch):
    """An organisation's command run with its prompts reading `keys`, on its own computer (no --hjem)."""
    interactive(monkeypatch)

    def run(org: Org, keys: str, *argv: str):
        with org.at_home():
            return typed(org.run_cli, keys, *argv)

    return run


def test_in_a_terminal_the_list_offers_only_the_files_that_would_import(post_here, typing):
    """Reported (release notes): the terminal's list still offered the broken 'indryk.yaml' (newest,
    so first: Enter picked it and the import failed). Now it is not offered; Enter imports the good one."""
    aeroe, _, sent = post_here
    broken_beside(sent)

    run = typing(aeroe, ENTER + ENTER, "importer")  # the file, then "Er I Ærø Kommune?"

    assert run.code == 0, run.err + run.out
    assert "indryk.yaml" not in run.screen + run.out
    assert f"» {sent.name}" in run.screen
    assert "Importeret fra Odense Kommune" in flat(run.out)


def test_in_a_terminal_with_only_a_broken_file_it_is_said_and_a_path_asked(post_here, typing, tmp_path):
    aeroe, _, sent = post_here
    broken_beside(sent)
    elsewhere = tmp_path / "post"
    elsewhere.mkdir()
    moved = sent.rename(elsewhere / sent.name)

    run = typing(aeroe, f"post/{moved.name}{ENTER}{ENTER}", "importer")

    assert run.code == 0, run.err + run.out
    said = flat(run.out)
    assert "Filen indryk.yaml, der ligger her, kan ikke importeres; hvorfor, siger" in said
    assert "'spredning importer indryk.yaml'. Skriv stien til en anden fil fra partneren." in said
    assert "Hvilken fil fra partneren?" not in run.screen  # no list of files that would not import
    assert "Stien til filen fra partneren:" in run.screen
    assert "Importeret fra Odense Kommune" in said


def test_in_a_terminal_with_every_file_imported_already_it_is_said(post_here, typing):
    aeroe, _, sent = post_here
    assert aeroe.import_(sent, "--ikke-interaktiv")[0] == 0  # a terminal's, but asked nothing
    before = aeroe.path.read_bytes()

    run = typing(aeroe, CTRL_C, "importer")

    said = flat(run.out + run.err)
    assert f"Filen {sent.name}, der ligger her, er importeret allerede, så den bringer intet nyt." in said
    assert "Skriv stien til en ny fil fra partneren." in said
    assert "Hvilken fil fra partneren?" not in run.screen
    assert run.code != 0 and aeroe.path.read_bytes() == before


def test_in_a_terminal_in_english(post_here, typing):
    aeroe, _, sent = post_here
    broken_beside(sent)
    sent.unlink()

    run = typing(aeroe, CTRL_C, "--sprog", "en", "importer")

    said = flat(run.out)
    assert "The file indryk.yaml lying here cannot be imported; 'spredning --sprog en importer" in said
    assert "Write the path to another file from your partner." in said


def test_in_a_terminal_with_no_partners_file_here_it_is_said_and_the_path_typed_imports(post_here, typing):
    aeroe, folder, sent = post_here
    moved = sent.rename(folder / "odense" / sent.name)  # in Odense's folder: not lying here

    run = typing(aeroe, f"odense/{moved.name}{ENTER}{ENTER}", "importer")

    assert run.code == 0, run.err + run.out
    said = "Der ligger ingen fil her, som en partner har sendt til jer: skriv stien til filen."
    assert said in flat(run.out)
    assert "Importeret fra Odense Kommune" in flat(run.out)


# --- Esc in the path's field stops the command, as Ctrl+C does (trial41: an AttributeError) ----------


def test_in_a_terminal_esc_at_the_path_asked_stops_as_ctrl_c_does(post_here, typing):
    """Reported: with nothing new here, Esc at 'Stien til filen fra partneren:' ended in 'Der skete en
    uventet fejl: AttributeError' (the field's None reached the path's strip). Esc stops as Ctrl+C."""
    aeroe, _, sent = post_here
    assert aeroe.import_(sent, "--ikke-interaktiv")[0] == 0
    before = aeroe.path.read_bytes()
    stopped = typing(aeroe, "halv/sti" + CTRL_C, "importer")

    run = typing(aeroe, "halv/sti" + ESC + ENTER, "importer")  # the Enter after Esc reaches no field

    assert run.code == stopped.code == 130, run.err
    assert "AttributeError" not in run.err and "uventet" not in run.err
    assert flat(run.err) == flat(stopped.err)
    assert "Stoppet." in flat(run.err)
    assert "Esc eller Ctrl+C stopper" in flat(run.screen)  # the field's help says how to stop
    assert aeroe.path.read_bytes() == before


def test_in_a_terminal_esc_at_the_path_after_en_anden_fil_stops_as_ctrl_c_does(post_here, typing):
    """The same after choosing 'En anden fil (skriv stien) …' from the list of files here."""
    aeroe, _, _ = post_here

    run = typing(aeroe, UP + ENTER + "halv/sti" + ESC + ENTER, "importer")  # the list's last line

    assert "En anden fil (skriv stien)" in run.screen
    assert run.code == 130, run.err
    assert "AttributeError" not in run.err and "Stoppet." in flat(run.err)
    assert aeroe.store.slugs() == []  # nothing imported
