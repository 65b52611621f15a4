"""A conflict in three versions offers to keep all three, in words that fit the number.

Found in a trial: all three organisations changed the same shared answer, and `konflikter` offered
"Begge, efter hinanden" beside three versions (the choice did join all three). Two versions keep
"Begge, efter hinanden" (test_exchange_e2e).
"""

from __future__ import annotations

import pexpect
import pytest
from exchange_kit import D1, KEYS, PARTNERS, Org, flat, start_sharing
from terminal import COMMAND, DOWN, ENTER, person, rendered

TEXTS = {"": "Odenses formål", "aeroe-kommune": "Ærøs formål", "fanoe-kommune": "Fanøs formål"}


@pytest.mark.e2e
def test_three_versions_are_kept_all_three_one_after_the_other(tmp_path, run_cli, pseudo_terminal):
    env = person(tmp_path, lines=40)
    sharing = start_sharing(
        Org(tmp_path / "hjem", tmp_path, run_cli), reusers=PARTNERS, answers={D1: "Formål"}
    )
    partners = {key: Org(tmp_path / key, tmp_path, run_cli) for key in KEYS}
    for key, org in partners.items():
        assert org.import_(sharing.export("--partner", key))[0] == 0
    sharing.answer({D1: TEXTS[""]})
    for key in ("aeroe-kommune", "fanoe-kommune"):
        partners[key].answer({D1: TEXTS[key]}, "--rolle", "dele")
        assert sharing.import_(partners[key].export())[0] == 0
    assert sharing.others() == {D1: [TEXTS["aeroe-kommune"], TEXTS["fanoe-kommune"]]}
    status = flat(sharing.ok("status"))  # the summary counts no "two" either
    assert "Uafklaret konflikt: 1 svar findes i flere udgaver." in status and "to udgaver" not in status
    assert "Se alle udgaver i fuld længde" in status and "begge" not in status

    child = pseudo_terminal(COMMAND, ["konflikter"], env=env, rows=40, cwd=tmp_path)
    child.expect_exact("Alle 3 udgaver, efter hinanden")
    child.expect_exact("Afgør senere (alle 3 udgaver gemmes)")
    child.send(DOWN * 3 + ENTER)  # Jeres, Ærøs, Fanøs, Alle 3 udgaver
    child.expect(pexpect.EOF)

    shown = flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 40)))
    assert "Begge" not in child.logfile_read.getvalue()
    assert "1 konflikt afgjort." in shown
    assert sharing.texts(KEYS[0])[D1] == "\n\n".join(TEXTS.values()) and sharing.others() == {}
