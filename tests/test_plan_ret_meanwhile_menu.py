"""Esc at 'plan ret''s which-text-to-keep, run from the home screen: the menu comes back, and what was
typed is given back once, as 'Handlingen er ikke ændret' says it, with no failing save said after it.

The other window saves while the status list is asked (its answer given first), so the clash is real:
the file changed between what 'plan ret' showed and its save.
"""

from __future__ import annotations

import pytest
from exchange_kit import flat
from projectkit import workspace

from spredning.app import plan as plans
from spredning.cli.prompts import questions
from spredning.cli.prompts.keys import BackToMenu, menu_behind

ENTER = "\r"
ESC = "\x1b"
CTRL_U = "\x15"


def test_esc_at_which_text_to_keep_from_the_menu_gives_the_command_once(
    on_screen, run_cli, capsys, monkeypatch, ws, reusing
):
    code, out, _ = run_cli("plan", "tilføj", "--hvad", "Book et lokale", "--hvem", "Eva")
    assert code == 0
    ident = out.split("(id ")[1].split(")")[0]
    asked_status = questions.ask_status

    def another_window_meanwhile(*args, **kwargs):
        chosen = asked_status(*args, **kwargs)
        plans.change(workspace(ws.store.home), ident, who="Ole")
        return chosen

    monkeypatch.setattr(questions, "ask_status", another_window_meanwhile)

    with menu_behind(), pytest.raises(BackToMenu):
        on_screen(ENTER + CTRL_U + "Mette" + ENTER + ENTER + ENTER + ESC + ENTER, "plan", "ret", ident)

    shown = capsys.readouterr()
    assert "Feltet »Hvem« er ændret et andet sted, mens du rettede: der står nu »Ole«" in flat(shown.out)
    said = flat(shown.err)
    command = f"spredning plan ret {ident} --hvem Mette"
    assert said == f"Handlingen er ikke ændret. Gem ændringen med det, du skrev: {command}"
    assert plans.current(workspace(ws.store.home), ident).who == "Ole"
