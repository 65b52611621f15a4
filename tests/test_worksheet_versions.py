"""Copies of one worksheet, and one worksheet imported again: what a sheet brought in is never undone.

Odense makes one worksheet for Ærø and keeps a copy; the copies share the sheet's id. A field as it
was sent says nothing new, whatever the sheet brought in before; a text the sheet brought in before
is the version it was then, whatever happened in between (conflicts settled, rounds through the
program). Filled in as Word stores a partner's edits (worksheet_kit), and the project file is read
back for what the user would see: texts, readiness marks, the plan's actions.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exchange_kit import D1, D2, Org, flat, start_sharing
from worksheet_kit import Sheet

from spredning.core import followup

pytestmark = pytest.mark.usefixtures("work_in_tmp")
TOOL = "tjek.beskriv-innovationen"
ASK_GENBRUGE = "Klarhed efter Beskriv innovationen: hvor klar er Ærø Kommune?"
ACTION = "Skaf tal for genindlæggelser"
N_D1, N_D2, N_G1, N_G2 = 1, 2, 4, 5  # answer fields of 'arbejdsark --fase tjek', as in test_worksheet


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    """Odense shares with Ærø: two answers, a yellow mark of its own, and an action."""
    org = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Færre genindlæggelser", D2: "Træning"}
    )
    org.ok("klarhed", TOOL, "gul", "--begrundelse", "Vi mangler tal")
    org.ok("plan", "tilføj", "--hvad", ACTION, "--hvem", "Eva", "--frist", "01-03-2026", "--fase", TOOL)
    return org


def make(org: Org, name: str = "ark.docx") -> Path:
    path = org.files / name
    org.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    return path


def import_(org: Org, path: Path) -> str:
    code, out, err = org.import_(path, "--ikke-interaktiv")
    assert code == 0, err + out
    return flat(out)


def copy(path: Path, name: str) -> Path:
    """Another copy of the same worksheet (a mail attachment saved twice, a file copied)."""
    return Path(shutil.copyfile(path, path.with_name(name)))


def fill(path: Path, values: dict) -> Path:
    """Fill fields of a copy, by answer number or by title; readiness and the action's status by name."""
    sheet = Sheet.read(path)
    names = {"farve": lambda: sheet.follow_titles(ASK_GENBRUGE)[0], "status": lambda: sheet.row_of(ACTION)[3]}
    for key, text in values.items():
        sheet.fill(names[key]() if key in names else key, text)
    sheet.save(path)
    return path


def seen(org: Org) -> dict:
    """What the user sees in Ærø's dialogue: answers, open conflicts, Ærø's mark, the action."""
    project = org.project()
    partner = project.partners[0]
    mark = followup.readiness(project, partner, TOOL, "genbruge")
    action = next(item for item in followup.plan_items(project, partner) if item.what == ACTION)
    return {
        "texts": org.texts(),
        "others": org.others(),
        "mark": None if mark is None else (mark.colour, mark.reason, mark.disputed),
        "action": (action.status, len(action.others)),
    }


FILLED_A = {
    N_G1: "Ja, meget",
    N_G2: "Samme behov",
    N_D2: "Træning hjemme",
    "farve": "grøn",
    "status": "færdig",
}


def test_a_new_project_made_by_an_import_counts_no_unchanged_answer(tmp_path, run_cli):
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Formålet", D2: "Løsningen"}
    )
    sheet = fill(make(sharing), {N_D2: ""})  # deleted in a worksheet: the file carries a deletion
    import_(sharing, sheet)
    assert D2 not in sharing.texts()
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    out = import_(aeroe, sharing.export())
    assert "1 tilføjet, 0 opdaterede, 0 uændrede, 0 konflikter" in out
    assert aeroe.texts() == {D1: "Formålet"}
