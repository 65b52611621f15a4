"""A terminal set to Latin-1 sends æ, ø and å as bytes that are no UTF-8: typed in an option's text
(a plan's action, a project's name), they cannot be saved. The installed command, given such
bytes, says what happened and how to put it right (the terminal's encoding), and changes nothing;
it said "the character U+DCF8", which no user can act on.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from exchange_kit import flat
from terminal import COMMAND


def run(home: Path, *args: str | bytes) -> tuple[int, str]:
    """The installed command with `args` as bytes on its command line; (exit code, what it said)."""
    env = {
        **os.environ,
        "SPREDNING_HJEM": str(home),
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "SPREDNING_SPROG": "da",
    }
    argv = [os.fsencode(COMMAND), *(a if isinstance(a, bytes) else a.encode() for a in args)]
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    return done.returncode, (done.stdout + done.stderr).decode("utf-8")


SAID = "teksten har et tegn, der ikke kom som UTF-8 (byten 0xF8)"
HOW = "sæt terminalens tegnkodning til UTF-8, og skriv teksten igen"


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "tilføj", "--hvad", b"M\xf8de p\xe5 r\xe5dhuset", "--hvem", "Eva"),
        ("godkend", "tjek", "--af", b"S\xf8ren Holm", "--rolle", "dele"),
    ],
)
def test_a_latin1_byte_in_an_options_text_is_said_so_and_changes_nothing(tmp_path, args):
    home = tmp_path / "hjem"
    assert run(home, "start", "--eksempel")[0] == 0
    [path] = home.glob("*.yaml")
    before = path.read_bytes()

    code, said = run(home, *args)

    assert code == 1, said
    assert SAID in flat(said) and HOW in flat(said) and "U+DC" not in said
    assert path.read_bytes() == before


def test_a_latin1_byte_in_a_new_projects_name_creates_nothing(tmp_path):
    home = tmp_path / "hjem"
    code, said = run(
        home, "start", "--navn", b"K\xf8benhavn", "--beskrivelse", "x", "--deler", "y", "--rolle", "dele"
    )

    assert code == 1, said
    assert SAID in flat(said) and HOW in flat(said)
    assert not list(home.glob("*.yaml"))


# A user's trial of the other commands that take text (stop 38): a name looked up (a partner, a
# project, a phase, a tool) was shown with the byte as '�', and the hints' commands held it, to be
# copied: 'projekt genbruger "K�b"' would add an organisation of that name. Each is refused as the
# texts to save are, naming the option, before anything is looked up or asked.
LOOKED_UP = [
    ("vis", "--partner", b"K\xf8ge"),
    ("møde", "--partner", b"K\xf8ge"),
    ("--projekt", b"K\xf8ge", "status"),
    ("fase", b"tj\xf8k"),
    ("klarhed", b"Beskriv innovati\xf8nen", "gul"),
    ("plan", "tilføj", "--hvad", "Ring", "--fase", b"tj\xf8k"),
    ("start", "--navn", "Nyt", "--deler", "Odense", "--organisation", b"K\xf8ge", "--rolle", "dele"),
]


@pytest.mark.parametrize("args", LOOKED_UP, ids=lambda args: "-".join(a for a in args if isinstance(a, str)))
def test_a_latin1_byte_in_a_name_looked_up_is_said_so_and_no_command_holds_it(tmp_path, args):
    home = tmp_path / "hjem"
    assert run(home, "start", "--eksempel")[0] == 0
    before = {path: path.read_bytes() for path in home.rglob("*") if path.is_file()}
    given = next(i for i, a in enumerate(args) if isinstance(a, bytes))
    option = args[given - 1] if given and str(args[given - 1]).startswith("--") else None

    code, said = run(home, *args)

    assert code == 1, said
    assert SAID in flat(said) and HOW in flat(said), said
    assert "\ufffd" not in said and "\\udc" not in said
    if option is not None:  # the option named, so the user knows which text to write again
        assert f"{option}: teksten har et tegn" in flat(said), said
    assert {path: path.read_bytes() for path in home.rglob("*") if path.is_file()} == before


def test_a_latin1_byte_is_said_so_in_english(tmp_path):
    home = tmp_path / "hjem"
    assert run(home, "start", "--eksempel")[0] == 0

    code, said = run(home, "--sprog", "en", "vis", "--partner", b"K\xf8ge")

    assert code == 1, said
    assert "--partner: the text has a character that did not come as UTF-8 (the byte 0xF8)" in flat(said)
    assert "set the terminal's character encoding to UTF-8, and write the text again" in flat(said)


def test_a_latin1_byte_in_a_files_name_is_no_text_to_refuse_and_is_written_again(tmp_path):
    """A file's name is bytes on disk: one in Latin-1 is the file's own name (a user's trial, stop 38).
    The report was written, then recording it as the program's own failed ('uventet fejl'), and the
    next run refused the file as another's."""
    home = tmp_path / "hjem"
    assert run(home, "start", "--eksempel")[0] == 0
    folder = os.fsencode(tmp_path) + b"/ud-r\xe5d"
    os.mkdir(folder)

    for _ in range(2):  # again: the program's own file, replaced without --overskriv
        code, said = run(home, "rapport", "--ud", folder + b"/rapport.md")

        assert code == 0, said
        assert os.listdir(folder) == [b"rapport.md"]


def test_a_latin1_byte_in_a_files_name_is_quoted_so_bash_gives_the_same_name(tmp_path):
    """The hint that imports an exported file named it $'ud-\\udce5.yaml', which bash cannot read as
    the file's name (its byte 0xE5): the byte is written \\xe5, as bash's $'...' reads it."""
    home = tmp_path / "hjem"
    assert run(home, "start", "--eksempel")[0] == 0
    assert run(home, "projekt", "side", "dele")[0] == 0
    name = os.fsencode(tmp_path) + b"/ud-\xe5.yaml"

    code, said = run(home, "eksport", "--ud", name)

    assert code == 0, said
    word = said.split("spredning importer ", 1)[1].split()[0]
    typed = subprocess.run(["bash", "-c", f"printf %s {word}"], capture_output=True, check=True)
    assert typed.stdout == b"ud-\xe5.yaml"


def test_a_latin1_byte_in_the_projects_folders_name_is_a_folder_like_any(tmp_path):
    """--hjem naming a folder on a Latin-1 system: 'start' made the project, then failed to save
    which place its helper file belongs to ('uventet fejl'); every later command failed the same way."""
    env_home = tmp_path / "standard"
    folder = os.fsencode(tmp_path) + b"/h\xe5"
    start = ("start", "--navn", "Nyt projekt", "--rolle", "dele", "--organisation", "Odense")

    for args in (start, ("status",)):
        code, said = run(env_home, "--hjem", folder, *args)

        assert code == 0, said
    assert b"nyt-projekt.yaml" in os.listdir(folder)
