"""What the terminal tests share: the installed command, keystrokes, and ANSI stripping."""

from __future__ import annotations

import re
import sys
from pathlib import Path

COMMAND = Path(sys.executable).parent / "spredning"  # the installed console script
TIMEOUT = 10  # seconds for every pexpect expect: a missing prompt fails instead of hanging

ENTER = "\r"
ESC_ENTER = "\x1b\r"  # submits a multi-line answer (Alt+Enter sends the same)
DOWN = "\x1b[B"
PGUP = "\x1b[5~"
CTRL_C = "\x03"
CTRL_D = "\x04"

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x08|\r")
