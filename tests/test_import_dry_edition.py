"""A dry run of a file made with a guide edition this program does not know says the answers would be
brought in, not that they are: nothing is saved in a dry run. Run with the installed command."""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, flat, start_sharing, tree

pytestmark = pytest.mark.usefixtures("work_in_tmp")


def other_edition(tmp_path) -> tuple[Org, object]:
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser"})
    reusing = Org(tmp_path / "aeroe", tmp_path)
    file = sharing.export()
    raw = file.read_text(encoding="utf-8")
    assert "guideudgave: '2023'" in raw
    file.write_text(raw.replace("guideudgave: '2023'", "guideudgave: '2019'"), encoding="utf-8")
    return reusing, file


def test_a_dry_run_says_the_answers_would_be_brought_in(tmp_path):
    reusing, file = other_edition(tmp_path)
    before = tree(reusing.home)

    dry = flat(reusing.ok("importer", str(file), "--tør"))

    assert "Filen er lavet efter guidens udgave «2019», som programmet her ikke kender" in dry, dry
    assert "Svarene ville blive hentet ind under deres spørgsmål-id'er" in dry
    assert "Svarene hentes ind" not in dry
    assert tree(reusing.home) == before


def test_the_import_itself_says_they_are_brought_in(tmp_path):
    reusing, file = other_edition(tmp_path)

    code, out, err = reusing.import_(file)

    assert code == 0, err + out
    assert "Svarene hentes ind under deres spørgsmål-id'er" in flat(out)
