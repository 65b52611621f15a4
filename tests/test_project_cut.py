"""A project file cut short (a sync tool, an interrupted copy to a USB stick) is refused by every command.

Our own writes are atomic, so a cut file comes from elsewhere. Read as it was, the cut answer
counted as a hand edit (and 'eksport' sent it to the partner as a change) and every question after
the cut as unanswered. projectcut.py tells a cut file; tests/test_projectfile.py cuts a full file
at every line and inside every line. Here: what the user sees, and that nothing is written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from exchange_kit import D1, D2, Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")

CUT = "ser ud til at være afkortet"


@pytest.fixture
def org(tmp_path, run_cli) -> Org:
    """Odense shares with Ærø and Fanø, with an answer over two lines and one after it."""
    org = Org(tmp_path / "hjem", tmp_path, run_cli)
    return start_sharing(
        org, reusers=("Ærø Kommune", "Fanø Kommune"), answers={D1: "Første linje\nLinje to", D2: "Appen"}
    )


def cut_inside_an_answer(raw: bytes) -> bytes:
    return raw[: raw.index(b"Linje to") + len(b"Linj")]


def cut_before_a_partner(raw: bytes) -> bytes:
    return raw[: raw.index(b"    fanoe-kommune:\n")]


def cut_before_the_follow_up(raw: bytes) -> bytes:
    return raw[: raw.index("opfølgning:\n".encode())]


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("cut", "where"),
    [
        (cut_inside_an_answer, f"den slutter ved spørgsmålet '{D1}'"),
        (cut_before_a_partner, "i dialogen med Ærø Kommune"),
        (cut_before_the_follow_up, "den slutter før opfølgningen"),
    ],
)
def test_every_command_refuses_a_cut_project_file_and_writes_nothing(org, tmp_path, cut, where):
    if cut is cut_before_the_follow_up:
        org.ok("plan", "tilføj", "--hvad", "Send vejledningen", "--partner", "Ærø Kommune")
    whole = org.path.read_bytes()
    org.path.write_bytes(cut(whole))
    cut_bytes, before = org.path.read_bytes(), files_in(tmp_path)

    for command in (("status",), ("vis",), ("eksport", "--ud", "til-aeroe.yaml")):
        code, out, err = org(*command)
        assert code == 1, command
        assert CUT in flat(err) and where in flat(err), err
        assert "ingen sikkerhedskopi af den i mappen" in flat(err) and "Filen er ikke ændret" in flat(err)
        assert ".bak-" not in flat(err)  # there is none: none is promised (tests/test_restore_advice.py)
    code, out, _err = org("projekter")
    assert code == 0 and re.search(rf"{org.slug}\s+afkortet", out)

    assert org.path.read_bytes() == cut_bytes  # nothing written: no export, no backup, no state
    assert files_in(tmp_path) == before

    org.path.write_bytes(whole)  # restored from a backup: all is as before
    assert org.texts()[D1] == "Første linje\nLinje to"


def test_a_cut_project_file_from_a_partner_is_not_imported(org, tmp_path, run_cli):
    sent = tmp_path / "projekt-fra-odense.yaml"
    sent.write_bytes(cut_inside_an_answer(org.path.read_bytes()))
    receiver = Org(tmp_path / "aeroe", tmp_path, run_cli)
    code, _out, err = receiver.import_(sent)
    assert code == 1
    assert "ser ud til at være afkortet" in flat(err) and f"ved spørgsmålet '{D1}'" in flat(err)
    assert "Intet er ændret" in flat(err)
    assert not receiver.home.exists() or receiver.store.slugs() == []
