"""Several reusing organisations and none named, without a terminal: the hint's commands run as copied.

Reported (trial13): on the sharing side, 'spredning eksport' (vis, rapport, dagsorden, møde,
klarhed, godkend, plan tilføj ...) without --partner said "Skriv --partner NAVN, fx --partner
silkeborg-kommune." - a placeholder, and no command to copy. The refusal now repeats the command
as typed, once for each partner (and with --fælles where a record can be common to all), each on a
line of its own that runs when copied.
"""

from __future__ import annotations

import pytest
from exchange_kit import flat, installed
from test_hint_quoting import bash  # the copied line run by bash, $SPREDNING_HJEM an empty folder

pytestmark = pytest.mark.e2e

PARTNERS = ("Silkeborg Kommune", "Region Midtjylland")


@pytest.fixture
def folder(tmp_path):
    """Aarhus sharing with two reusing organisations, in a folder with a blank in its name."""
    home = tmp_path / "Mine projekter"
    home.mkdir()
    facts = ["--navn", "Hjemmepleje", "--rolle", "dele", "--deler", "Aarhus Kommune"]
    for name in PARTNERS:
        facts += ["--genbruger", name]
    assert ran(tmp_path, home, "start", *facts)[0] == 0
    return home


def ran(tmp_path, home, *args: str, language: str = "da") -> tuple[int, str, str]:
    """The installed command with --hjem HOME (so the hints name the folder), 80 columns, no terminal."""
    return installed("--hjem", str(home), "--sprog", language, *args, home=tmp_path / "tom", cwd=tmp_path)


def commands(err: str) -> list[str]:
    """The hint's commands, each whole on a line of its own after its bullet, as a user copies one.

    Longer than the 80 columns, each was broken onto the next line, where bash would have run the
    rest ('silkeborg-kommune') as a command of its own.
    """
    lines = [line.strip().removeprefix("•").strip() for line in err.splitlines()]
    return [line for line in lines if line.startswith("spredning ")]


def test_an_export_for_one_of_several_partners_names_each_in_a_command_that_runs(tmp_path, folder):
    code, _, err = ran(tmp_path, folder, "eksport")

    assert code == 2
    assert "NAVN" not in err
    found = commands(err)
    assert [line.rsplit(" ", 1)[1] for line in found] == ["silkeborg-kommune", "region-midtjylland"], err
    done = bash(found[1], tmp_path)
    assert done.returncode == 0, (found[1], done.stderr)
    assert (tmp_path / "hjemmepleje-til-region-midtjylland.yaml").is_file()


def test_a_mark_for_one_dialogue_or_all_gives_both_ways_as_commands(tmp_path, folder):
    code, _, err = ran(tmp_path, folder, "klarhed", "Beskriv innovationen", "gul")

    assert code == 2
    assert "NAVN" not in err
    common = [line for line in commands(err) if line.endswith("--fælles")]
    assert len(commands(err)) == 3 and len(common) == 1, err
    done = bash(common[0], tmp_path)
    assert done.returncode == 0, (common[0], done.stderr)
    assert "gul (fælles for alle dialoger)" in flat(done.stdout)


def test_a_report_names_each_partner_in_a_command_and_still_offers_the_overview(tmp_path, folder):
    code, _, err = ran(tmp_path, folder, "rapport", "--format", "html")

    assert code == 2
    assert "--oversigt" in err and "NAVN" not in err
    done = bash(commands(err)[0], tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "hjemmepleje-rapport-silkeborg-kommune.html").is_file()


def test_the_english_edition_gives_the_commands_too(tmp_path, folder):
    code, _, err = ran(tmp_path, folder, "vis", "tjek", language="en")

    assert code == 2
    assert "NAME" not in err
    assert [line.split(" vis ", 1)[1] for line in commands(err)] == [
        "tjek --partner silkeborg-kommune",
        "tjek --partner region-midtjylland",
        "tjek --rolle dele",  # the sharing side's answers alone need no partner
    ], err
