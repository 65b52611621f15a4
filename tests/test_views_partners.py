"""What the views show across partners: the sharing side's row in the portfolio."""

from __future__ import annotations

import json

import pytest
from exchange_kit import D1, KEYS, Org, V, start_hub, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def hub(tmp_path, run_cli) -> tuple[Org, dict[str, Org]]:
    """A sharing organisation with three partners; each partner has imported its first file."""
    return start_hub(tmp_path, run_cli, {D1: "Færre genindlæggelser"})


@pytest.fixture
def pair(tmp_path, run_cli) -> tuple[Org, Org]:
    """Odense shares with two partners (Ærø and Fanø); Ærø has imported its first file."""
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Mål"},
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export("--partner", "Ærø Kommune"))[0] == 0
    return sharing, aeroe


# --- the portfolio's row for the sharing side counts every partner's dialogue -------------------------


def test_the_sharing_sides_row_counts_its_answers_about_each_partner(hub):
    sharing, _ = hub
    sharing.answer({V: "Sådan bruger Fanø den"}, "--partner", KEYS[1], phase="brug")  # Fanø's only

    rows = [line.split("│") for line in sharing.ok("status").splitlines() if "│" in line]
    table = {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows}
    data = json.loads(sharing.ok("status", "--json"))

    brug = next(p["sider"]["dele"] for p in data["faser"] if p["id"] == "brug")
    assert table["Odense Kommune"][4] == f"{brug['besvaret']}/{brug['i_alt']}" == "1/3"  # not Ærø's 0/1
    assert table["Ærø Kommune"][4] == "0/11"
