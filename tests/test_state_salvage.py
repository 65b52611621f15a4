"""This computer's state file damaged in one place: every draft and reason that can still be read comes
back, the user is told in Danish what came back, what could not be read and where the old file is kept.

The drafts are typed into the real interview (Ctrl+C keeps them), the file is damaged as a disk, a sync
program or a hand edit can, and the commands a user runs next (status, the phase interview) are run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from exchange_kit import flat
from projectkit import new_project

ENTER = "\r"
CTRL_C = "\x03"
CTRL_N = "\x0e"

Q1 = "tjek.beskriv-innovationen.dele.formaal"
QG = "tjek.beskriv-innovationen.genbruge.interessant"
PARTNER = "aeroe-kommune"
DRAFT = "Vi ville gøre genoptræning lettere.\nAnden linje med æøå\n\nTredje afsnit"
REASON = "Ikke aktuelt for os lige nu"
THEIRS = "Det ser spændende ud for Ærø"


@pytest.fixture
def slug(ws, on_screen):
    """A project with three texts kept by Ctrl+C: a draft, a reason beside it, a dialogue's draft."""
    made = new_project(ws, role="dele")
    typed = DRAFT.replace("\n", ENTER)
    assert on_screen(typed + CTRL_C, "fase", "tjek", "--rolle", "dele").code == 130
    assert on_screen(CTRL_N + REASON + CTRL_C, "fase", "tjek", "--rolle", "dele").code == 130
    assert on_screen(THEIRS + CTRL_C, "fase", "tjek", "--rolle", "genbruge").code == 130
    assert state(ws, made) == {
        "kladder": {Q1: DRAFT, f"{PARTNER}/{QG}": THEIRS},
        "begrundelser": {Q1: REASON},
    }
    return made


def state_path(ws, slug: str) -> Path:
    return ws.store.home / ".spredning" / f"{slug}.yaml"


def state(ws, slug: str) -> dict[str, object]:
    """The texts in the state file, read as plain YAML."""
    data = yaml.safe_load(state_path(ws, slug).read_text(encoding="utf-8")) or {}
    return {key: data[key] for key in ("kladder", "begrundelser") if key in data}


GARBAGE = b"\x00\x9c\xff\xfe binary \x07\x1b[2J\n"
WHERE = "Tjek · Beskriv innovationen · Vi vil dele – Hvad er formålet?"


def cut_mid_reason(raw: bytes) -> bytes:
    return raw[: raw.index(b"lige nu") + 3]  # the file's last line cut short: no line break after it


def garbage_in_draft(raw: bytes) -> bytes:
    return raw.replace(b"    Anden linje", GARBAGE + b"    Anden linje")


def garbage_between(raw: bytes) -> bytes:
    return raw.replace(b"begrundelser:", GARBAGE + b"begrundelser:")


def dedented_line(raw: bytes) -> bytes:
    return raw.replace(b"    Anden linje", b"  Anden linje")


def entry_at_the_top(raw: bytes) -> bytes:
    return raw.replace(f"  {PARTNER}/".encode(), f"{PARTNER}/".encode())


def key_twice(raw: bytes) -> bytes:
    return raw.replace(b"begrundelser:", f"  {Q1}: Et andet udkast\n".encode() + b"begrundelser:")


def not_utf8(raw: bytes) -> bytes:
    return raw.replace("æøå".encode(), "æøå".encode("latin-1"))


ALL = {"kladder": {Q1: DRAFT, f"{PARTNER}/{QG}": THEIRS}, "begrundelser": {Q1: REASON}}
UNREADABLE_LINE = DRAFT.replace("\nAnden", "\n\ufffd\ufffd\ufffd\ufffd binary \ufffd\ufffd[2J\nAnden")
CASES = [
    # damage, the texts read back, what is said of the answer draft and of the reason
    (cut_mid_reason, {**ALL, "begrundelser": {Q1: "Ikke aktuelt for os lig"}}, "", "(måske ikke hel"),
    (garbage_in_draft, {**ALL, "kladder": {**ALL["kladder"], Q1: UNREADABLE_LINE}}, "(ulæselige tegn", ""),
    (garbage_between, ALL, "", ""),
    (dedented_line, ALL, "(læst linje for linje – se den igennem)", ""),
    (entry_at_the_top, ALL, "", ""),
    (
        key_twice,
        {**ALL, "kladder": {**ALL["kladder"], Q1: DRAFT + "\n\nEt andet udkast"}},
        "(stod to gange",
        "",
    ),
    (
        not_utf8,
        {**ALL, "kladder": {**ALL["kladder"], Q1: DRAFT.replace("æøå", "\ufffd" * 3)}},
        "(ulæselige",
        "",
    ),
]


@pytest.mark.parametrize(
    ("damage", "texts", "draft_note", "reason_note"), CASES, ids=lambda c: getattr(c, "__name__", "")
)
def test_every_text_that_can_be_read_comes_back_and_is_told(
    ws, slug, run_cli, damage, texts, draft_note, reason_note
):
    damaged = damage(state_path(ws, slug).read_bytes())
    state_path(ws, slug).write_bytes(damaged)

    code, out, err = run_cli("status")

    assert code == 0, err
    assert "Traceback" not in err
    [kept] = state_path(ws, slug).parent.glob(f"{slug}.yaml.bak-*")
    assert kept.read_bytes() == damaged  # the old file, every byte, beside the new one
    assert state(ws, slug) == texts
    said = flat(err)
    assert "var beskadiget, så der er lavet en ny fil med alt det, der kunne læses." in said
    assert f"Den gamle fil er gemt som {kept}" in said.replace(f"{kept.parent}/ ", f"{kept.parent}/")
    assert "Disse 3 tekster er hentet tilbage og står klar" in said
    assert f"Kladde: {WHERE} {draft_note}".strip() in said
    assert f"Begrundelse for ikke relevant: {WHERE} {reason_note}".strip() in said
    # the dialogue named by its partner's name, read from the project once the state file is repaired
    assert "Kladde: Tjek · Beskriv innovationen · Vi vil genbruge (Ærø Kommune)" in said
    assert "Dine gemte svar står i projektfilen og er ikke berørt." in said
    assert "2 kladder, der ikke er gemt som svar" in flat(out)  # status counts them: they are back
    lost = "Linje 12 i den gamle fil kunne ikke læses." in said  # below the folder identity line
    assert lost == (damage is garbage_between), said

    code, _, err = run_cli("status")  # the new file reads whole: nothing more to tell
    assert code == 0 and "beskadiget" not in err
    assert len(list(state_path(ws, slug).parent.glob(f"{slug}.yaml.bak-*"))) == 1


def test_the_draft_read_back_is_in_the_field_when_the_question_opens_again(ws, slug, on_screen):
    state_path(ws, slug).write_bytes(dedented_line(state_path(ws, slug).read_bytes()))

    run = on_screen(CTRL_C, "fase", "tjek", "--rolle", "dele")

    assert run.code == 130
    assert "Anden linje med æøå" in run.screen and "Tredje afsnit" in run.screen  # the field shows it
    said = flat(run.err)
    assert "Disse 3 tekster er hentet tilbage" in said and f"Kladde: {WHERE}" in said
    assert state(ws, slug) == ALL


def test_an_empty_state_file_is_told_as_empty(ws, slug, run_cli):
    state_path(ws, slug).write_bytes(b"")

    code, _, err = run_cli("status")

    assert code == 0, err
    [kept] = state_path(ws, slug).parent.glob(f"{slug}.yaml.bak-*")
    said = flat(err)
    assert "oplysninger om projektet var tom (der stod intet i den), så der er lavet en ny." in said
    assert "Kladder, du ikke havde gemt, kunne ikke hentes tilbage, for der stod intet i filen" in said
    assert kept.name in said and state(ws, slug) == {}


def test_a_file_with_nothing_readable_in_it_says_so_and_names_the_lines(ws, slug, run_cli):
    state_path(ws, slug).write_bytes(GARBAGE * 3)

    code, _, err = run_cli("status")

    assert code == 0, err
    said = flat(err)
    assert "Ingen kladder eller begrundelser kunne hentes tilbage." in said
    assert "Linje 1, 2 og 3 i den gamle fil kunne ikke læses (3 linjer)." not in said  # said as a range
    assert "Linje 1-3 i den gamle fil kunne ikke læses (3 linjer)." in said
    assert "Åbn den gamle fil i en teksteditor ved de linjer, der ikke kunne læses" in said


@pytest.mark.parametrize("kind", ["mappe", "fifo", "link"])
def test_a_folder_or_pipe_where_the_file_goes_is_said_to_be_one_and_moved_aside_as_it_is(
    ws, slug, run_cli, kind
):
    """Trial 42: a link to /dev/zero was "en særlig fil, ikke en fil"; it is a link, not an ordinary file."""
    path = state_path(ws, slug)
    path.unlink()
    if kind == "mappe":
        path.mkdir()
        (path / "mine.txt").write_text("Mine noter", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")

    code, _, err = run_cli("status")

    assert code == 0, err
    [kept] = path.parent.glob(f"{slug}.yaml.bak-*")
    said = flat(err)
    what = {"mappe": "en mappe", "fifo": "en navngiven pipe (FIFO)", "link": "en genvej (et symbolsk link)"}
    what = what[kind]
    assert f"skal ligge, var der {what}" in said and kept.name in said
    assert ", ikke en almindelig fil, så der er lavet en ny fil." in said
    assert "beskadiget" not in said and "teksteditor" not in said  # not told as a damaged file
    assert "Intet af det, der lå der, er slettet." in said
    assert "'spredning status' siger, hvis jeres side skal angives igen" in said  # as the program was run
    assert path.is_file() and not path.is_symlink() and kept.is_dir() == (kind == "mappe")
    assert kept.is_symlink() == (kind == "link")
    if kind == "mappe":
        assert (kept / "mine.txt").read_text(encoding="utf-8") == "Mine noter"


def test_in_english_the_same_is_said(ws, slug, run_cli):
    state_path(ws, slug).write_bytes(key_twice(state_path(ws, slug).read_bytes()))

    code, _, err = run_cli("--sprog", "en", "status")

    assert code == 0, err
    said = flat(err)
    assert "was damaged, so a new file has been made with everything that could be read" in said
    assert "These 3 texts have been recovered" in said and "(stood twice – both texts are kept)" in said


def test_in_a_folder_that_cannot_be_written_the_texts_read_back_are_still_shown(ws, slug, run_cli, read_only):
    path = state_path(ws, slug)
    copy = yaml.safe_load(path.read_text(encoding="utf-8"))["kopi"]
    damaged = dedented_line(path.read_bytes())
    path.write_bytes(damaged)
    read_only(path.parent)

    code, out, err = run_cli("status")

    assert code == 0, err
    assert "2 kladder, der ikke er gemt som svar" in flat(out)  # read back, though not written
    assert path.read_bytes() == damaged and not list(path.parent.glob(f"{slug}.yaml.bak-*"))
    assert ws.store.local(slug).copy == copy  # the copy id it had, not the place's stand-in


def test_zero_bytes_after_the_last_line_lose_nothing_and_name_no_line(ws, slug, run_cli):
    """A computer switched off while the file was written can leave it padded with zero bytes: they
    were said to be a line of the program's notes that could not be read, which nothing was."""
    whole = state_path(ws, slug).read_bytes()
    state_path(ws, slug).write_bytes(whole + b"\x00" * 300)

    code, _, err = run_cli("status")

    assert code == 0, err
    assert state(ws, slug) == ALL
    said = flat(err)
    assert "Disse 3 tekster er hentet tilbage" in said
    assert "kunne ikke læses" not in said, said
    assert "programmets egne notater" not in said, said


def test_a_file_of_only_zero_bytes_is_told_as_holding_nothing(ws, slug, run_cli):
    state_path(ws, slug).write_bytes(b"\x00" * 4096)

    code, _, err = run_cli("status")

    assert code == 0, err
    said = flat(err)
    assert "der stod intet i filen" in said
    assert "0 byte" not in said and "Linje 1" not in said, said


def test_a_damaged_state_file_that_cannot_be_replaced_on_a_full_disk_stays_where_it_is(
    ws, slug, run_cli, monkeypatch
):
    """Found in stop 42's review: the damaged file was renamed to a backup, the new one failed to
    write (a full disk), and the side and drafts were out of sight in a file nobody was told of."""
    import errno

    from spredning.core import fileio
    from spredning.core.errors import SpredningError

    damaged = cut_mid_reason(state_path(ws, slug).read_bytes())
    state_path(ws, slug).write_bytes(damaged)

    def full(path, _content):
        raise SpredningError("files.cannot-save", path=path, reason=fileio.reason(OSError(errno.ENOSPC, "")))

    with monkeypatch.context() as patched:
        patched.setattr(fileio, "atomic_write", full)
        code, _, err = run_cli("status")
        assert code == 0 and "Traceback" not in err
    assert state_path(ws, slug).read_bytes() == damaged  # where it was, every byte
    assert not list(state_path(ws, slug).parent.glob(f"{slug}.yaml.bak-*"))

    code, _, err = run_cli("status")  # room again: the salvage as ever, the texts back
    assert code == 0, err
    assert state(ws, slug) == {**ALL, "begrundelser": {Q1: "Ikke aktuelt for os lig"}}
    assert "Disse 3 tekster er hentet tilbage og står klar" in flat(err)
