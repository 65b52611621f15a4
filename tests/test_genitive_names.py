"""An organisation's name in the Danish genitive: 'Odense Kommunes', but 'Hjemmehjælp Fyn ApS''.

Found in a trial with a private partner, Hjemmehjælp Fyn ApS: the program wrote "Hjemmehjælp Fyn
ApSs udgave" and "Svarene … er Hjemmehjælp Fyn ApSs". A name ending in s, x or z takes an
apostrophe only (as 'Jens'' and 'A/S''); every other name an s.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, Org, flat, start_sharing

from spredning import i18n
from spredning.i18n import t

pytestmark = pytest.mark.usefixtures("work_in_tmp")

FYN = "Hjemmehjælp Fyn ApS"
DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


@pytest.fixture
def with_fyn(tmp_path, run_cli) -> tuple[Org, Org]:
    """Odense shares with Hjemmehjælp Fyn ApS; each has the other's first answer."""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=(FYN,), answers={D1: "Formål"}
    )
    fyn = Org(tmp_path / "fyn", tmp_path, run_cli)
    assert fyn.import_(odense.export())[0] == 0
    fyn.answer({G1: "Fyns interesse"})
    assert odense.import_(fyn.export())[0] == 0
    return odense, fyn


def test_answering_a_partners_questions_names_them_with_an_apostrophe(
    with_fyn, fase_in_terminal, monkeypatch
):
    odense, _ = with_fyn
    monkeypatch.setenv("SPREDNING_HJEM", str(odense.home))

    code, out, err = fase_in_terminal(DOWN + ENTER + CTRL_C, "tjek", "--rolle", "genbruge", "--partner", FYN)

    assert code == 130, err
    said = flat(out)
    assert "Svarene under 'Vi vil genbruge' er Hjemmehjælp Fyn ApS'. Ændrer I et af dem" in said
    assert "ApSs" not in said


def test_a_conflict_names_the_partners_version_with_an_apostrophe(with_fyn):
    odense, fyn = with_fyn
    fyn.answer({G1: "Fyns nye tekst"})
    odense.answer({G1: "Odenses rettelse"}, "--rolle", "genbruge", "--partner", FYN)
    assert odense.import_(fyn.export(), "--ikke-interaktiv")[0] == 0

    code, out, err = odense("vis", "--partner", FYN)

    assert code == 0, err
    assert "Hjemmehjælp Fyn ApS' udgave" in out
    assert "ApSs" not in out


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Odense Kommune", "Odense Kommunes"),
        (FYN, "Hjemmehjælp Fyn ApS'"),
        ("Novo A/S", "Novo A/S'"),
        ("Marx", "Marx'"),
        ("Schweiz", "Schweiz'"),
        ("Region Syddanmark", "Region Syddanmarks"),
    ],
)
def test_the_danish_rule(name, genitive):
    assert t("conflict.theirs", org=name) == f"{genitive} udgave:"


def test_english_keeps_its_own(monkeypatch):
    i18n.set_language("en")
    try:
        assert t("conflict.theirs", org=FYN) == f"{FYN}'s version:"
    finally:
        i18n.set_language("da")
