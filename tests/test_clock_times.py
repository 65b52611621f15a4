"""Every clock time shown to the user is written one way: "kl. 16.46" in Danish, "at 16:46" in English.

Found in a trial: the question about a removed project said "kl. 16.46", while status said
"Sidst ændret … kl. 16:41" (the colon of a digital clock, not the Danish full stop).
"""

from __future__ import annotations

import re

import pytest
from exchange_kit import Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def odense(tmp_path) -> Org:
    """Odense's project, run with the installed command."""
    return start_sharing(Org(tmp_path / "odense", tmp_path))


def test_status_writes_the_time_as_the_removed_project_does(odense):
    said = flat(odense.ok("status"))
    assert re.search(r"Sidst ændret \d{1,2}\. \w+ \d{4} kl\. \d\d\.\d\d\b", said), said
    assert not re.search(r"kl\. \d\d:\d\d", said)


def test_in_english_the_time_is_at_hh_mm(odense):
    said = flat(odense.ok("--sprog", "en", "status"))
    assert re.search(r"Last changed \d{1,2} \w+ \d{4} at \d\d:\d\d\b", said), said
