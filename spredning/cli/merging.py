"""A combined text for a conflict, written in the user's editor (``konflikter``, ``importer``).

The editor starts with every version under a heading line of ours; heading lines left as they
were are taken out again, and what is left is shown, then saved only when the user says so. Every
text written is kept at once in a file beside the project's drafts (HOME/.spredning/), so that
stopping before the choices are saved (Ctrl+C, or a stop from outside) never throws it away; the
file goes when the choices are saved.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from spredning.cli import editor, render
from spredning.core import fileio, local
from spredning.core.errors import SpredningError
from spredning.i18n import t


def heading_line(heading: str) -> str:
    """The line that marks a version in the editor's file (taken out again when left as it is)."""
    return f"--- {heading} ---"


def without_headings(text: str, headings: Sequence[str]) -> str:
    """The text without our heading lines that are still as written.

    The blank lines around a heading taken out become one (a paragraph break between two versions);
    blank lines anywhere else are the user's text and stay as they are.
    """
    ours = {heading_line(heading) for heading in headings}
    lines: list[str] = []
    closing = False  # just after a heading taken out: blank lines up to the next text go
    for line in text.split("\n"):
        if line.rstrip() in ours:
            while lines and not lines[-1].strip():
                lines.pop()
            closing = True
        elif closing and not line.strip():
            continue
        else:
            if closing and lines:
                lines.append("")
            closing = False
            lines.append(line)
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


class Merging:
    """The combined texts written while conflicts are settled, kept in a file until they are saved."""

    def __init__(self, console: Console, home: Path, slug: str, **io):
        self.console = console
        self.home = home
        self.slug = slug
        self.io = io
        self.path: Path | None = None  # the file the texts are kept in, once one is written
        self.texts: dict[str, str] = {}  # conflict heading -> the text written for it

    def write(
        self,
        versions: str,
        headings: Sequence[str],
        conflict: str,
        reason: bool = False,
        unmarks: bool = False,
    ) -> str | None:
        """The text the user writes for a conflict and accepts, or None: the conflict is asked again.

        `versions`: every version under its heading; `conflict`: the conflict's heading, which
        names it in the kept file. What the text becomes is said with it before it is used:
        `reason`, every version is marked "not relevant" and the text is the reason, the mark
        kept; `unmarks`, some version is marked and the text becomes an answer, without the mark.
        """
        from questionary import Choice  # here: eksport, which imports this module, asks nothing

        from spredning.cli.prompts.answer_field import tell_edited
        from spredning.cli.prompts.simple import select
        from spredning.cli.prompts.stops import stops_end_in_words

        text = versions
        while True:
            with stops_end_in_words():  # a stop while the editor is open names what it leaves
                edited = editor.edit(text, self._folder())
            if edited.notice is not None:
                again = None if edited.text is not None else t("editor.conflict-again")
                tell_edited(self.console, edited.notice, again)
            if edited.text is None:
                return None
            text = without_headings(edited.text, headings)
            if not text:
                self.console.print(Text(t("conflict.merged-empty"), style="yellow"))
                return None
            with contextlib.suppress(OSError, SpredningError):  # not kept: it is on the screen all the same
                self._keep(conflict, text)
            shown = (
                t("conflict.merged-shown-reason")
                if reason
                else t("conflict.merged-shown-unmarks")
                if unmarks
                else t("conflict.merged-shown")
            )
            self.console.print(Text(shown, style="bold"))
            self.console.print(Padding(render.plain(text), (0, 0, 0, 4)))
            choices = [
                Choice(t("conflict.merged-save"), "save"),
                Choice(t("conflict.merged-edit"), "edit"),
                Choice(t("conflict.merged-back"), "back"),
            ]
            which = t("conflict.merged-which-reason") if reason else t("conflict.merged-which")
            picked = select(which, choices, **self.io)
            if picked == "save":
                return text
            if picked == "back":  # the user leaves this text: it is not kept for them either
                self._forget(conflict)
                return None

    def _folder(self) -> Path | None:
        """Where the editor's file is made: beside the drafts (else the system's temporary folder)."""
        with contextlib.suppress(OSError, SpredningError):
            return local.ensure_folder(self.home)
        return None

    def _keep(self, conflict: str, text: str) -> None:
        """Keep every text written so far in the file (made the first time, with a free name)."""
        self.texts[conflict] = text
        if self.path is None:
            self.path = fileio.free_name(
                local.ensure_folder(self.home), f"{self.slug}-{t('conflict.merged-file')}", ".txt"
            )
        body = "".join(f"{heading}\n\n{written}\n\n\n" for heading, written in self.texts.items())
        fileio.atomic_write(self.path, body)

    def _forget(self, conflict: str) -> None:
        self.texts.pop(conflict, None)
        if not self.texts:
            self.done()
            return
        last = self.texts.popitem()
        with contextlib.suppress(OSError, SpredningError):
            self._keep(*last)

    def done(self) -> None:
        """The choices are saved (or nothing was written): the kept file is not needed any more."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.path = None
        self.texts.clear()
