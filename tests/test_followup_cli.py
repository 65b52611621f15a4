"""What klarhed, godkend, møde and plan say after they ran: what changed, for which dialogue, and
nothing claimed when nothing happened (the file then stays as it was).
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, flat

NAME = "Genoptræning Ærø"


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    """The sharing side (Odense) of a project with two reusing organisations."""
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    org.ok(
        "start", "--navn", NAME, "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune",
        "--genbruger", "Fanø Kommune", "--rolle", "dele",
    )  # fmt: skip
    org.answer({D1: "Færre genindlæggelser"})
    return org


@pytest.fixture
def aeroe(tmp_path, run_cli, sharing) -> Org:
    """Ærø, the reusing side, after its first file from Odense."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert org.import_(sharing.export("--partner", "Ærø Kommune"))[0] == 0
    return org


# --- hints on the reusing side -------------------------------------------------------------------------


def test_the_reusing_side_is_never_told_to_name_its_own_dialogue(aeroe):
    aeroe.ok("projekt", "genbruger", "Vejle Kommune")  # its file now lists a second partner

    assert "--partner" not in aeroe.ok("plan")
    aeroe.ok("plan", "tilføj", "--hvad", "Book et møde")
    assert "--partner" not in aeroe.ok("plan")
    assert "--partner" not in aeroe.ok("klarhed")
    for command in (("klarhed", "beskriv-innovationen"), ("godkend", "tjek")):
        code, _, err = aeroe(*command)
        assert code == 2 and "--partner" not in err
    assert "--partner" not in aeroe.ok("dagsorden")
    assert "--partner" not in aeroe.ok("møde", "--dato", "01-01-2026")
    code, _, err = aeroe("møde", "--dato", "01-01-2025")
    assert code == 2 and "--ret" in err and "--partner" not in err


def test_the_sharing_side_with_several_partners_is_still_told_which_dialogue(sharing):
    out = sharing.ok("plan", "--partner", "Fanø")
    assert "spredning plan tilføj --partner fanoe-kommune" in flat(out)
