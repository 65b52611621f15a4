"""Every word the follow-up shows comes from the catalogue (issue 15): no key is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spredning import i18n
from spredning.core import followup
from spredning.report.planfile import COLUMNS

ROOT = Path(i18n.__file__).resolve().parent.parent
MODULES = [
    "app/plan.py",
    "app/readiness.py",
    "app/agenda.py",
    "cli/commands/plan.py",
    "cli/commands/dialogue.py",
    "cli/commands/marks.py",
    "cli/commands/readiness_picture.py",
    "cli/commands/approvals.py",
    "cli/commands/meetings.py",
    "cli/render_plan.py",
    "report/agenda.py",
    "report/planfile.py",
    "report/followup_words.py",
    "core/content.py",
    "core/projectfile.py",
    "core/followup_file.py",
    "cli/commands/status.py",
    "cli/prompter.py",
    "cli/list_steps.py",
    "cli/prompts/questions.py",
    "cli/prompts/simple.py",
    "cli/prompts/answer_field.py",
    "cli/prompts/stops.py",
    "cli/prompts/keys.py",
    "cli/prompts/layout.py",
    "report/compose.py",
]
NAMESPACES = "plan|agenda|readiness|approval|meeting|followup|help|metavar|content|project|report|step|status"
LITERAL = re.compile(rf'"((?:{NAMESPACES})\.[a-z0-9æø.-]*[a-z0-9æø])"')


def used_keys() -> set[str]:
    keys = set()
    for name in MODULES:
        keys |= set(LITERAL.findall((ROOT / name).read_text(encoding="utf-8")))
    keys |= {f"plan.status.{s}" for s in followup.STATUSES}
    keys |= {f"plan.colour.{c}" for c in followup.COLOURS} | {f"plan.rate.{c}" for c in followup.COLOURS}
    keys |= {f"plan.column.{c}" for c in COLUMNS} | {"plan.written-csv", "plan.written-ics"}
    keys |= {f"followup.bad-{f}" for kind in followup.KINDS.values() for f in kind.fields}
    return keys


@pytest.mark.parametrize("key", sorted(used_keys()))
def test_the_key_is_in_the_danish_catalogue(key):
    assert key in i18n.catalogue("da"), key


def test_the_help_of_every_new_command_fits_the_command_list():
    """The command list shows the text up to the first full stop: no abbreviation may cut it short."""
    for name in ("plan", "klarhed", "godkend", "moede", "dagsorden"):
        text = i18n.catalogue("da")[f"help.{name}"]
        first = text.split(". ")[0]
        assert len(first) > 25 and not first.endswith((" pr", " fx", " bl.a")), name
