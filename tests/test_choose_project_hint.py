"""Several projects and none chosen: the hint names a real project, so its command runs as copied.

Found in a trial as new users: 'Vælg et med spredning projekt brug NAVN' failed when copied.
"""

from __future__ import annotations

import re
import shlex

import pytest
from exchange_kit import flat
from projectkit import new_project, workspace


@pytest.mark.parametrize(("language", "before"), [("da", "Vælg et med"), ("en", "Choose one with")])
def test_the_choose_project_hint_names_a_project_that_runs(run_cli, tmp_path, language, before):
    ws = workspace(tmp_path / "hjem")
    new_project(ws, "Ærø Kommune")
    new_project(ws, "Ålborg Øst")
    (tmp_path / "hjem" / ".spredning" / "aktivt-projekt").unlink()  # none chosen

    code, _, err = run_cli("--sprog", language, "status")

    assert code == 1
    said = flat(err)
    assert "NAVN" not in said and "NAME" not in said
    found = re.search(re.escape(before) + r" '(spredning [^']*)'", said)
    assert found, said
    words = shlex.split(found.group(1))[1:]
    assert words == ["--sprog", language, "projekt", "brug", "aalborg-oest"]
    assert run_cli(*words)[0] == 0
    assert run_cli("status")[0] == 0  # the project is chosen now
    assert "--projekt aalborg-oest" in said
