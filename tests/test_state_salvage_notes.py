"""This computer's state file damaged among the program's own notes (which answers the partner has, the
copy id) as well as in the drafts: every entry that can be read comes back, so `status` tells no false
news, and the notice keeps apart the user's text (to look up in the old file) from the program's notes
(what losing a line of them means; nothing to copy).

The example project is made and taken as the reusing side, as a user would; a draft is typed into the
real interview (Ctrl+C keeps it); the file is damaged in one or more sections and `status` is run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from exchange_kit import flat

SLUG = "eksempel-digitalt-genoptraeningsforloeb"
ENTER = "\r"
CTRL_C = "\x03"
DRAFT = "Vi skal også tale med kørselskontoret"
UNSENT = "fra jer har partneren ikke fået endnu"
TEXT_LOST = "kopier det, du savner, ind i spørgsmålet igen"
NOTES_LOST = "hørte til programmets egne notater og kunne ikke læses"
SENT_AGAIN = "et svar kan blive sendt til dem igen. Det skader ikke."
NEW_ID = "Denne computer får et nyt id i svarenes historik."


@pytest.fixture
def path(tmp_path, run_cli, on_screen) -> Path:
    """The example project's state file, on the reusing side, a draft typed into its first question."""
    assert run_cli("start", "--eksempel")[0] == 0
    assert run_cli("projekt", "side", "genbruge")[0] == 0
    assert on_screen(ENTER + DRAFT + CTRL_C, "fase", "tjek", "--rolle", "genbruge").code == 130
    state = tmp_path / "hjem" / ".spredning" / f"{SLUG}.yaml"
    data = read(state)
    assert len(data["kendt"]["dele"]) > 50 and any(DRAFT in text for text in data["kladder"].values())
    code, out, _ = run_cli("status")
    assert code == 0 and UNSENT not in flat(out)
    return state


def read(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def damage(path: Path, *changes: tuple[bytes, bytes]) -> bytes:
    """The file with each (old, new) change made once; each old must be there."""
    raw = path.read_bytes()
    for old, new in changes:
        assert old in raw
        raw = raw.replace(old, new, 1)
    path.write_bytes(raw)
    return raw


def id_line(path: Path, tail: bytes) -> tuple[bytes, bytes]:
    """The copy id's line, and the same line with tail after it. The id is written as it stands or
    quoted (an id of digits only, like 43927947, is quoted so it stays text): the line is taken whole."""
    line = next(line for line in path.read_bytes().splitlines(keepends=True) if line.startswith(b"kopi: "))
    return line, line.rstrip(b"\n") + tail + b"\n"


def line_of(raw: bytes, part: bytes) -> int:
    return raw[: raw.index(part)].count(b"\n") + 1


GARBAGE_IN_KNOWN = (b"kendt:\n  dele:\n", b"kendt:\n  dele:\n\xff\xfe: [oops\n")


def test_garbage_at_the_start_of_the_known_versions_loses_none_of_them(path, run_cli):
    before = read(path)
    raw = damage(path, GARBAGE_IN_KNOWN)

    code, out, err = run_cli("status")

    assert code == 0, err
    assert read(path) == before  # every entry back, the garbage line left out
    assert UNSENT not in flat(out)  # no false news of changes the partner lacks
    said = flat(err)
    line = line_of(raw, b"\xff\xfe")
    assert f"Linje {line} i den gamle fil {NOTES_LOST}." in said
    assert "du skal ikke kopiere noget derfra" in said and SENT_AGAIN in said
    assert TEXT_LOST not in said and "Linje 1" not in said.replace(f"Linje {line} ", "")


def test_an_entry_of_the_known_versions_that_cannot_be_read_is_the_only_one_lost(path, run_cli):
    before = read(path)
    known = before["kendt"]["dele"]
    first = next(iter(known))
    damage(path, (f"    {first}: ".encode(), f'    {first}: "'.encode()))  # a quote never closed

    code, out, err = run_cli("status")

    assert code == 0, err
    after = read(path)
    assert after["kendt"]["dele"] == {k: v for k, v in known.items() if k != first}
    assert after["kladder"] == before["kladder"] and after["kopi"] == before["kopi"]
    assert "1 ændring fra jer har partneren ikke fået endnu" in flat(out)  # that one, and it is said why
    assert SENT_AGAIN in flat(err) and TEXT_LOST not in flat(err)


def test_damage_in_the_drafts_and_the_notes_is_told_apart(path, run_cli):
    before = read(path)
    raw = damage(
        path,
        (b"kladder:\n", b"kladder:\n\x00\x9c garbage\n"),
        GARBAGE_IN_KNOWN,
        id_line(path, b"\xff"),
    )

    code, out, err = run_cli("status")

    assert code == 0, err
    after = read(path)
    assert after["kladder"] == before["kladder"] and after["kendt"] == before["kendt"]
    assert after["side"] == "genbruge" and after["organisation"] == before["organisation"]
    assert after["kopi"] != before["kopi"]  # the damaged id is replaced by a new one
    assert UNSENT not in flat(out) and "Kladde, der ikke er gemt som svar:" in flat(out)
    said = flat(err)
    text, garbage = line_of(raw, b"\x00\x9c"), line_of(raw, b"\xff\xfe")
    assert f"Linje {text} i den gamle fil kunne ikke læses." in said and TEXT_LOST in said
    assert f"Linje 1 og {garbage} i den gamle fil (2 linjer) {NOTES_LOST}." in said
    assert NEW_ID in said and SENT_AGAIN in said


def test_in_english_the_notes_are_told_apart_too(path, run_cli):
    damage(path, GARBAGE_IN_KNOWN)

    code, _, err = run_cli("--sprog", "en", "status")

    assert code == 0, err
    said = flat(err)
    assert "belonged to the program's own notes and could not be read" in said
    assert "an answer may be sent to them again. That does no harm." in said
