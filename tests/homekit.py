"""The home screen run in-process with its prompts (and the commands' prompts) reading keys from a pipe.

`spredning` alone goes to the menu only in a terminal; here every module that asks
``is_interactive`` is told yes, the keys are typed through prompt_toolkit's pipe input, and the
prompts are drawn as an xterm of 80 x 24 would draw them, into a buffer the tests read.
"""

from __future__ import annotations

import importlib
import io
import re
import shlex
from dataclasses import dataclass

from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from spredning.app import home as app_home
from spredning.i18n import t

ENTER = "\r"
ESC = "\x1b"  # always followed by another key in a test: a lone Esc at the end of the input is lost
ESC_ENTER = "\x1b\r"  # submits a multi-line answer
UP = "\x1b[A"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_D = "\x04"
QUIT = UP + ENTER  # the menu's last line is Afslut; Up from the first line wraps to it
PAUSE = ENTER  # "Tilbage til menuen?" after each action
CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x08|\r")
INTERACTIVE = (
    "spredning.cli.commands.asking",  # what the commands share: each module asks is_interactive itself
    "spredning.cli.commands.names",
    "spredning.cli.commands.partners",
    "spredning.cli.commands.files",
    "spredning.cli.commands.fase",
    "spredning.cli.commands.project",
    "spredning.cli.commands.project_settings",
    "spredning.cli.commands.project_files",
    "spredning.cli.commands.exchange",
    "spredning.cli.commands.conflicts",
    "spredning.cli.commands.plan_asking",  # the menu runs plan and dagsorden: imported here, before the patch
    "spredning.cli.commands.plan_add",
    "spredning.cli.commands.plan_change",
    "spredning.cli.commands.dialogue",  # klarhed, godkend and møde: the side asked first
    "spredning.cli.commands.marks",
    "spredning.cli.commands.approvals",
    "spredning.cli.commands.meetings",
)


@dataclass
class Run:
    """What one run of the home screen left: exit code, stdout, stderr, and the prompts drawn."""

    code: int | None
    out: str
    err: str
    screen: str
    raw: str = ""  # the prompts as drawn, with the terminal's codes (for a terminal emulator)

    @property
    def said(self) -> str:
        """stdout with line wrapping undone."""
        return " ".join(self.out.split())

    def headers(self, name: str) -> int:
        """How many times the menu's project line for project `name` was shown."""
        return self.out.count(f"▶ {name}")


def interactive(monkeypatch) -> None:
    """Make every command believe it runs in a terminal.

    The modules are imported before any is patched: a command module imported while asking's
    is_interactive is patched would bind the patched one, and monkeypatch would "restore" it to
    that, so every later test in the process would run as in a terminal.
    """
    modules = [importlib.import_module(name) for name in INTERACTIVE]
    for module in modules:
        monkeypatch.setattr(module, "is_interactive", lambda: True)


def typed(run_cli, keys: str, *argv: str, rows: int = 24, columns: int = 80) -> Run:
    """Run `spredning ARGV...` with `keys` typed into its prompts, then the input ends.

    `columns`: the prompts' width; the program's own output takes COLUMNS (80 unless the test sets it).
    """
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=rows, columns=columns), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text(keys)
        pipe.close()
        code, out, err = run_cli(*argv)
    return Run(code, out, err, CSI.sub("", screen.getvalue()), screen.getvalue())


def go(ws, kind: str) -> str:
    """The keys that choose the action of this kind in the menu as it is now."""
    kinds = [action.kind for action in app_home.home(ws).actions]
    return DOWN * kinds.index(kind) + ENTER


def exchange(ws, kind: str) -> str:
    """The keys that open the menu's exchange list and choose `kind` (export, worksheet, import) in it."""
    listed = [action.kind for action in app_home.exchange_actions(ws)]
    return go(ws, "exchange") + DOWN * listed.index(kind) + ENTER


def kinds(ws) -> list[str]:
    """The menu's actions as they are now."""
    return [action.kind for action in app_home.home(ws).actions]


# --- What a run asked, and the start command it gave ------------------------------------------------


def asked(screen: str) -> list[str]:
    """The questions a run asked, in order (each prompt's first line starts with '? ')."""
    questions = []
    for line in screen.splitlines():
        if line.startswith("? "):
            question = line[2:].split(":")[0].split("?")[0]
            if not questions or questions[-1] != question:
                questions.append(question)
    return questions


def prompt(key: str) -> str:
    """A prompt's words from the catalogue, as asked() reads them from the screen."""
    return t(key).rstrip(":").split("?")[0]


def start_words(text: str) -> list[str]:
    """The start command a message gives, as its words without the program."""
    line = text[text.index("spredning start") :].split("\n")[0]  # one line: a refused text may follow
    return shlex.split(" ".join(line.split()))[1:]
