"""The pager's own line says how to read on and how to close it, in the user's language.

less's own prompt is a bare ':' (and '(END)' at the end): a user who has never met less was left
with long output and no word of how to go on or get back. The installed command runs `guide` in a
pseudo-terminal with the real less, as a user's terminal would.
"""

from __future__ import annotations

import io
import os
import shutil

import pytest
from terminal import COMMAND

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal"),
    pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed"),
]


@pytest.mark.parametrize(
    ("language", "keys", "end"),
    [
        ("da", "Mellemrum eller piletasterne blader; q lukker", "(slut)"),
        ("en", "Space or the arrow keys scroll; q closes", "(end)"),
    ],
)
def test_less_says_how_to_read_on_and_how_to_close_it(tmp_path, language, keys, end):
    env = {**os.environ, "SPREDNING_HJEM": str(tmp_path), "SPREDNING_SPROG": language, "TERM": "xterm"}
    for name in ("PAGER", "LESS", "COLUMNS", "LINES"):
        env.pop(name, None)
    child = pexpect.spawn(str(COMMAND), ["guide"], env=env, encoding="utf-8", timeout=30, dimensions=(24, 80))
    child.logfile_read = io.StringIO()
    try:
        child.expect_exact(keys)
        child.send("G")  # to the end
        child.expect_exact(end)
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, child.logfile_read.getvalue()[-2000:]
