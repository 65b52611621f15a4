"""A wrong --rolle, --partner or --status close to a right value, without a terminal: the refusal
(exit 2) ends with the user's own command put right, to copy, as an unknown phase's does.

Reported: these said only "Mente du 'genbruge'?", while an unknown phase gave the whole command.
The installed command is run, then the command shown, as copied (shlex-split, as a shell would).
"""

from __future__ import annotations

import shlex

import pytest
import yaml
from exchange_kit import flat, installed

pytestmark = pytest.mark.e2e


@pytest.fixture
def home(tmp_path):
    """A sharing side's project with two reusing organisations, made by the installed command."""
    folder = tmp_path / "hjem"
    code, _, err = installed(
        "start", "--navn", "Delt", "--rolle", "dele", "--beskrivelse", "Video", "--deler", "Odense Kommune",
        "--genbruger", "Ærø Kommune", "--genbruger", "Fanø Kommune", home=folder, cwd=tmp_path,
    )  # fmt: skip
    assert code == 0, err
    return folder


def refused(home, *args: str, prefix: str = "Fx:") -> list[str]:
    """Run without a terminal: refused (exit 2); the command its last line shows, as a shell splits it."""
    code, out, err = installed(*args, home=home, cwd=home.parent)
    assert (code, out) == (2, ""), err
    said = flat(err)
    assert prefix in said, said
    return shlex.split(said.rpartition(prefix)[2])


def actions(home) -> list[dict]:
    data = yaml.safe_load((home / "delt.yaml").read_text(encoding="utf-8"))
    return list(data["opfølgning"]["genbruge"]["fanoe-kommune"]["plan"].values())


def test_a_side_close_to_one_gives_the_command_put_right(home):
    words = refused(home, "vis", "tjek", "--rolle", "genbrug", "--partner", "aeroe-kommune")

    assert words == ["spredning", "vis", "tjek", "--rolle", "genbruge", "--partner", "aeroe-kommune"]
    code, out, err = installed(*words[1:], home=home, cwd=home.parent)  # copied, as shown
    assert code == 0, err
    assert "Vi vil genbruge" in out


def test_a_partner_close_to_one_gives_the_command_put_right_quoted(home):
    words = refused(home, "status", "--partner", "Fano Kommne")

    assert words == ["spredning", "status", "--partner", "Fanø Kommune"]
    code, _, err = installed(*words[1:], home=home, cwd=home.parent)
    assert code == 0, err


def test_a_status_close_to_one_is_put_right_where_it_was_given_and_the_rest_kept(home):
    given = ("--status=igng", "--hvem", "Bo Holm", "--hvad", "igng", "--partner", "Fanø Kommune")
    words = refused(home, "plan", "tilføj", *given)

    # only --status's value is put right, not the same word given as --hvad
    assert words[1:] == ["plan", "tilføj", "--status=i gang", *given[1:]]
    code, _, err = installed(*words[1:], home=home, cwd=home.parent)
    assert code == 0, err
    assert [(a["hvad"], a["hvem"], a["status"]) for a in actions(home)] == [("igng", "Bo Holm", "i-gang")]


def test_in_english_the_example_is_the_english_command(home):
    given = ("plan", "tilføj", "--hvad", "x", "--hvem", "Bo", "--status")
    words = refused(home, "--sprog", "en", *given, "don", "--fælles", prefix="E.g.:")

    assert words == ["spredning", "--sprog", "en", *given, "done", "--fælles"]
