"""`spredning vis` stopped at its question (which partner): words that fit a view.

A view saves nothing, yet Esc or Ctrl+C at its partner question said 'Stoppet. Intet er gået
tabt af det, der allerede var gemt.' (polish8). It now says that nothing was shown or changed.
The installed command in a pseudo-terminal, answered by keys.
"""

from __future__ import annotations

import subprocess

import pexpect
import pytest
from terminal import COMMAND, CTRL_C, TIMEOUT, person

pytestmark = pytest.mark.e2e

START = ["--navn", "Genoptræning", "--rolle", "dele", "--deler", "Ærø Kommune"]
PARTNERS = ["--genbruger", "Fanø Kommune", "--genbruger", "Læsø Kommune"]


@pytest.mark.parametrize(
    ("key", "language", "said"),
    [
        ("\x1b", "da", "Stoppet. Intet er vist, og intet er ændret."),
        (CTRL_C, "da", "Stoppet. Intet er vist, og intet er ændret."),
        (CTRL_C, "en", "Stopped. Nothing has been shown or changed."),
    ],
)
def test_a_stop_at_vis_partner_question_says_nothing_was_shown(
    tmp_path, pseudo_terminal, key, language, said
):
    env = {**person(tmp_path, lines=30), "SPREDNING_SPROG": language}
    made = subprocess.run(
        [str(COMMAND), "start", *START, *PARTNERS],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT * 3,
    )
    assert made.returncode == 0, made.stderr
    child = pseudo_terminal(COMMAND, ["vis"], env=env, rows=30)
    child.expect_exact("Læsø Kommune")  # the question which partner, its last choice drawn

    child.send(key)
    child.expect(pexpect.EOF)
    child.close()

    shown = " ".join(child.logfile_read.getvalue().split())
    assert child.exitstatus == 130
    assert said in shown
    assert "gemt" not in shown and "saved" not in shown
