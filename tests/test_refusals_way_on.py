"""Refusals that say the way on: the line and the closest key of a hand-edited project file, an
action id put right, a reply imported twice, and a folder that cannot be written (another --ud,
another --hjem), each as the real program says it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def flat(text: str) -> str:
    """Output with line wrapping undone: every run of blanks and line breaks as one space."""
    return " ".join(text.split())


@pytest.fixture
def example(tmp_path, run_cli) -> Path:
    """The example project (started with 'start --eksempel') in $SPREDNING_HJEM, this computer on the
    sharing side; its file."""
    for argv in (["start", "--eksempel"], ["projekt", "side", "dele"]):
        code, _, err = run_cli(*argv)
        assert code == 0, err
    (path,) = (tmp_path / "hjem").glob("*.yaml")
    return path


# --- a key mistyped by hand in a project file ------------------------------------------------------


def _mistyped(path: Path, right: str, wrong: str) -> tuple[bytes, int]:
    """The file with its first line `right` (a key and its colon, indented) written `wrong`; its line."""
    lines = path.read_bytes().split(b"\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(right.encode()))
    lines[number] = lines[number].replace(right.encode(), wrong.encode(), 1)
    path.write_bytes(b"\n".join(lines))
    return path.read_bytes(), number + 1


@pytest.mark.parametrize(
    ("right", "wrong", "meant"),
    [
        ("svar:", "svr:", "svar"),
        ("  navn:", "  nvan:", "navn"),
        ("      version:", "      versoin:", "version"),
    ],
)
def test_a_mistyped_key_is_refused_with_its_line_and_the_key_meant(example, run_cli, right, wrong, meant):
    before, line = _mistyped(example, right, wrong)

    code, _, err = run_cli("status")

    assert code == 1
    assert f"{wrong.strip()[:-1]}' (kendte: " in flat(err)
    said = f"Mente du '{meant}'? Filen er ikke ændret. Ret nøglen på linje {line} i en teksteditor"
    assert said in flat(err)
    assert example.read_bytes() == before  # nothing lost, nothing rewritten
    assert sorted(p.name for p in example.parent.iterdir() if p.suffix != "") == [example.name]


def test_a_key_close_to_none_is_refused_with_its_line_alone(example, run_cli):
    before, line = _mistyped(example, "svar:", "zzzz:")

    code, _, err = run_cli("--sprog", "en", "vis")

    assert code == 1
    assert "Did you mean" not in err
    assert f"Correct the key on line {line} in a text editor to one of the known ones" in flat(err)
    assert example.read_bytes() == before


# --- an action's id mistyped -----------------------------------------------------------------------


def _action_ids(path: Path) -> list[str]:
    """The actions' ids in the project file, in its order (an action is a key of 8 hex digits)."""
    return re.findall(r"^ +([0-9a-f]{8}):$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)


def test_a_mistyped_action_id_is_put_right_in_the_users_own_command(example, run_cli):
    right = _action_ids(example)[0]
    wrong = right[:-1] + ("0" if right[-1] != "0" else "1")

    code, _, err = run_cli("plan", "ret", wrong, "--status", "færdig")

    assert code == 2
    assert f"Der er ingen handling med id '{wrong}'." in flat(err)
    again = f"spredning plan ret {right} --status færdig"
    assert f"Mente du {right}? Fx: {again}" in flat(err)
    code, out, err = run_cli(*again.split()[1:])  # the command given runs, and does what was meant
    assert code == 0, err
    assert "(færdig)" in flat(out)


def test_an_id_close_to_none_is_refused_with_the_ids_there_are(example, run_cli):
    code, _, err = run_cli("--sprog", "en", "plan", "luk", "zzz")

    assert code == 2
    ids = _action_ids(example)
    assert len(ids) > 3
    assert f"The actions' ids: {', '.join(ids[:3])}" in flat(err)
    assert "See the actions with 'spredning --sprog en plan'." in flat(err)


def test_an_id_in_an_empty_plan_says_how_to_add_one(run_cli):
    code, _, err = run_cli("start", "--navn", "Tom", "--rolle", "dele", "--organisation", "Nord")
    assert code == 0, err

    code, _, err = run_cli("plan", "ret", "abc", "--status", "færdig")

    assert code == 2
    assert "Planen har ingen handlinger endnu. Tilføj en med 'spredning plan tilføj'." in flat(err)


# --- a partner's reply imported a second time -----------------------------------------------------


def test_a_reply_imported_again_is_not_called_new_and_the_dry_run_says_the_same(tmp_path, run_cli):
    from exchange_kit import D1, G1, Org, start_sharing

    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Færre genindlæggelser"}
    )
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    reusing.answer({G1: "Det passer til os"})
    reply = reusing.export()
    first = flat(sharing.ok("importer", str(reply)))
    assert "Næste skridt: læs det nye svar fra Ærø Kommune" in first

    for dry in ([], ["--tør"]):  # not read yet: what the first import brought is still to read
        again = flat(sharing.ok("importer", str(reply), *dry))
        assert "Næste skridt" not in again and "nye svar" not in again
        assert "Filen bringer intet nyt: alt i den er hentet ind før." in again
        assert (
            "Det svar fra Ærø Kommune, som I hentede ind før, har I ikke læst endnu: spredning vis --nye"
            in again
        )

    sharing.ok("vis", "--nye")  # read: nothing is left to read
    for dry in ([], ["--tør"]):
        again = flat(sharing.ok("--sprog", "en", "importer", str(reply), *dry))
        assert "The file brings nothing new: all of it has been imported before." in again
        assert "See where the project stands with 'spredning --sprog en status'." in again
        assert "vis --nye" not in again


# --- a file to write where this user may not write ------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["rapport"],
        ["rapport", "--format", "html", "--ud", "rapport.html"],
        ["dagsorden"],
        ["plan", "--format", "csv"],
        ["arbejdsark"],
        ["eksport"],
    ],
    ids=lambda argv: "-".join(argv[:2]),
)
def test_a_file_refused_for_want_of_access_is_offered_in_the_home_folder(
    example, run_cli, tmp_path, monkeypatch, read_only, argv
):
    mine, shut = tmp_path / "mig", tmp_path / "faelles"
    mine.mkdir(), shut.mkdir()
    monkeypatch.setenv("HOME", str(mine))
    monkeypatch.chdir(shut)
    read_only(shut)

    code, _, err = run_cli(*argv)

    assert code == 1, err
    assert "(ingen tilladelse)" in flat(err)
    said = re.search(r"fx i din hjemmemappe: (spredning .*)$", flat(err))
    assert said is not None, err
    again = said.group(1)
    assert f" --ud {mine}/" in again and again.startswith(f"spredning {argv[0]} ")
    assert list(shut.iterdir()) == []

    code, out, err = run_cli(*again.split()[1:])  # the command given, run as it is

    assert code == 0, err
    (written,) = mine.iterdir()
    assert str(written) in flat(out)
