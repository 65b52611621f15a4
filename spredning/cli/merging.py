"""A combined text for a conflict, written in the user's editor (``konflikter``, ``importer``).

The editor starts with every version under a heading line of ours; heading lines left as they
were are taken out again, and what is left is shown, then saved only when the user says so. Every
text written is kept at once in a file beside the project's drafts (HOME/.spredning/), so that
stopping before the choices are saved (Ctrl+C, or a stop from outside) never throws it away.

The next run reads that file back: a conflict it has a text for offers to go on writing from it
(the editor starts from that text, not from the versions); so does this run, once a text is
written and the user goes back to the choices (`earlier` is always the text written last). A
text stays in the file until its conflict is settled and the choices are saved; the file goes
when it holds no text any more.
Each text is under its conflict's heading, the answer's slot key in brackets at the end of it,
every line of the text indented by four spaces: readable, and each text found again for its
conflict whatever it holds. A file in another shape (from an older program) is left as it is, and
named at the start of 'konflikter' (`unreadable`), so its texts are not forgotten.

A text whose conflict is no longer open (settled elsewhere: by an import, in another window) would
stay in the file for ever, offered for no conflict: 'konflikter' moves it to a file of its own,
SLUG-SET-ASIDE.txt (conflict.set-aside-file), which is never read back, and says so once (set_aside).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from spredning.cli import editor, render
from spredning.core import fileio, local
from spredning.core.errors import SpredningError
from spredning.core.fileio import glob_escape
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


INDENT = "    "  # every line of a kept text: a heading is never indented
KEY = re.compile(r" \[([^\[\]\s]+)\]$")  # the slot key at the end of a kept text's heading
QUOTED = 40  # columns of a kept text's start quoted when a version would replace it


def kept_entries(raw: str) -> dict[str, tuple[str, str]] | None:
    """The texts a kept file holds: slot key -> (heading, text); None when it is not in our shape."""
    entries: dict[str, tuple[str, str]] = {}
    current: tuple[str, str] | None = None  # the key and heading of the text being read
    lines: list[str] = []
    for line in raw.split("\n"):
        if not line or line.startswith(INDENT):
            if current is None and line:
                return None  # text before any heading
            lines.append(line.removeprefix(INDENT))
            continue
        found = KEY.search(line)
        if found is None:
            return None
        if current is not None:
            entries[current[0]] = (current[1], "\n".join(lines).strip("\n"))
        current, lines = (found.group(1), line[: found.start()]), []
    if current is not None:
        entries[current[0]] = (current[1], "\n".join(lines).strip("\n"))
    return entries or None


def kept_body(entries: dict[str, tuple[str, str]]) -> str:
    """A kept file's text: each text under its heading (its key at the end), its lines indented."""
    parts = []
    for key, (heading, text) in entries.items():
        body = "\n".join(f"{INDENT}{line}" if line else "" for line in text.split("\n"))
        parts.append(f"{heading} [{key}]\n\n{body}\n")
    return "\n\n".join(parts)


class Merging:
    """The combined texts written while conflicts are settled, kept in a file until they are saved.

    Texts an earlier run kept (and did not save) are read at the start: `earlier(slot)` offers one.
    """

    def __init__(self, console: Console, home: Path, slug: str, **io):
        self.console = console
        self.home = home
        self.slug = slug
        self.io = io
        self.path: Path | None = None  # the file the texts are kept in, once one is written
        self.texts: dict[str, tuple[str, str]] = {}  # slot key -> (conflict heading, the text written)
        self.sources: list[Path] = []  # the files earlier runs kept texts in, read here
        self.unreadable: list[Path] = []  # files of kept texts not in our shape (an older program's)
        with contextlib.suppress(OSError, SpredningError):
            self._read_earlier()

    def _read_earlier(self) -> None:
        from spredning.app.project_removal import kept_texts

        folder = local.folder(self.home)
        names = "|".join(re.escape(f"{self.slug}-{name}") for name in kept_texts())
        shape = re.compile(rf"(?:{names})(?:-\d+)?\.txt")
        for path in sorted(folder.glob(f"{glob_escape(self.slug)}-*.txt")):
            if not shape.fullmatch(path.name):
                continue
            entries = None
            with contextlib.suppress(OSError, UnicodeDecodeError):
                entries = kept_entries(path.read_text(encoding="utf-8"))
            if entries:
                self.texts = {**entries, **self.texts}
                self.sources.append(path)
            else:  # left as it is, but named: the user's texts are in it
                self.unreadable.append(path)
        if self.sources:
            self.path = self.sources[0]  # named on a stop: the texts are there

    def earlier(self, slot: tuple[str, str]) -> str | None:
        """The text kept for this conflict's answer, not saved yet, if any: the one written last.

        Written in this run, or else read from the kept file at the start.
        """
        kept = self.texts.get(local.slot_key(slot))
        return kept[1] if kept is not None else None

    def may_drop(self, slot: tuple[str, str], instruction: str, chosen: str | None = None) -> bool:
        """May the kept text go, for a version (`chosen`: its title) or (None) a new text in the editor.

        A version leaves the text in the kept file until the choices are saved (done); a new text
        takes its place there as soon as the editor gives it back (even one left as it opened). One
        wrong key in the list (it wraps around; "write a new text" is just below "go on") would
        lose typed work: asked, No (back to the choices) chosen at first, its start quoted. A stop
        here stops as the list does; `instruction` is the list's help. True when no text is kept.
        """
        from questionary import Choice

        from spredning.cli.prompts.simple import select
        from spredning.cli.render_text import cut_to, one_line

        text = self.earlier(slot)
        if text is None:
            return True
        start = cut_to(one_line(text), QUOTED)
        if chosen is None:
            question = t("conflict.drop-text-question-new", start=start)
            yes = t("conflict.drop-text-yes-new")
        else:
            question = t("conflict.drop-text-question", start=start, choice=chosen)
            yes = t("conflict.drop-text-yes", choice=chosen)
        choices = [Choice(t("conflict.drop-text-no"), False), Choice(yes, True)]
        return bool(select(question, choices, instruction=instruction, **self.io))

    def write(
        self,
        versions: str,
        headings: Sequence[str],
        conflict: str,
        slot: tuple[str, str],
        reason: bool = False,
        unmarks: bool = False,
    ) -> str | None:
        """The text the user writes for a conflict and accepts, or None: the conflict is asked again.

        `versions`: every version under its heading (or the text kept earlier, to go on with);
        `conflict`: the conflict's heading, which names it in the kept file, with `slot`'s key.
        What the text becomes is said with it before it is used:
        `reason`, every version is marked "not relevant" and the text is the reason, the mark
        kept; `unmarks`, some version is marked and the text becomes an answer, without the mark.
        """
        from questionary import Choice  # here: eksport, which imports this module, asks nothing

        from spredning.cli.prompts.answer_field import tell_edited
        from spredning.cli.prompts.simple import select
        from spredning.cli.prompts.stops import stops_end_in_words

        text = versions
        key = local.slot_key(slot)
        while True:
            with stops_end_in_words():  # a stop while the editor is open names what it leaves
                edited = editor.edit(text, self._folder(), f"{self.slug}-{t('editor.file')}")
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
                self._keep(key, conflict, text)
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
            if picked == "back":  # back to the list: the text stays kept, offered there to go on with
                return None

    def _folder(self) -> Path | None:
        """Where the editor's file is made: beside the drafts (else the system's temporary folder)."""
        with contextlib.suppress(OSError, SpredningError):
            return local.ensure_folder(self.home)
        return None

    def _keep(self, key: str, conflict: str, text: str) -> None:
        """Keep every text written so far in the file (made the first time, with a free name)."""
        self.texts[key] = (conflict, text)
        self._write_kept()

    def _write_kept(self) -> None:
        """Write the texts kept to one file; the other files earlier runs left are in it now."""
        if self.path is None:
            self.path = fileio.free_name(
                local.ensure_folder(self.home), f"{self.slug}-{t('conflict.merged-file')}", ".txt"
            )
        fileio.atomic_write(self.path, kept_body(self.texts))
        self._remove(other for other in self.sources if other != self.path)

    def _remove(self, paths) -> None:
        for path in list(paths):
            with contextlib.suppress(OSError):
                path.unlink()
            if path in self.sources:
                self.sources.remove(path)

    def set_aside(self, open_slots) -> tuple[Path, tuple[str, ...]] | None:
        """Move the texts kept for conflicts no longer open (not in `open_slots`) to a file of their own.

        Returns that file and the texts' slot keys, or None when every text has its conflict. The
        file (a free name, never read back as kept texts) is written before the texts leave the kept
        file: a failure (raised) leaves them where they were.
        """
        keys = {local.slot_key(slot) for slot in open_slots}
        gone = {key: kept for key, kept in self.texts.items() if key not in keys}
        if not gone:
            return None
        name = f"{self.slug}-{t('conflict.set-aside-file')}"
        path = fileio.free_name(local.ensure_folder(self.home), name, ".txt")
        fileio.atomic_write(path, kept_body(gone))
        self._forget(gone)
        return path, tuple(gone)

    def done(self, settled=()) -> None:
        """The choices are saved: the texts of the conflicts `settled` (slots) are not needed any more.

        The file goes when no text is left in it; a text for a conflict left for later stays.
        """
        self._forget(local.slot_key(slot) for slot in settled)

    def _forget(self, keys) -> None:
        """The texts under `keys` are not kept any more: the file is written without them (or goes)."""
        for key in keys:
            self.texts.pop(key, None)
        if self.texts:
            with contextlib.suppress(OSError, SpredningError):
                self._write_kept()
            return
        self._remove([*self.sources, *([self.path] if self.path is not None else [])])
        self.path = None


def tidy_kept(console: Console, merging: Merging, guide, project, open_slots) -> None:
    """At the start of 'konflikter': where texts kept for no open conflict are now, and older files.

    A file of kept texts from an older program is left as it is and not offered, but named, so
    its texts are not forgotten.
    """
    from spredning.cli.render_text import print_fitted

    with contextlib.suppress(OSError, SpredningError):  # not moved: they stay in the kept file, as before
        moved = merging.set_aside(open_slots)
        if moved is not None:
            path, keys = moved
            questions = {q.id: q.text for q in guide.questions()}
            names = [questions.get(local.key_slot(key)[1], key) for key in keys]
            said = t("conflict.set-aside", n=len(keys), questions=names, path=str(path))
            print_fitted(console, said, str(path), style="yellow", rest="")
    for path in merging.unreadable:
        said = t("conflict.kept-unreadable", path=str(path))
        print_fitted(console, said, str(path), style="yellow", rest="")


def tell_editor_files(console: Console, home: Path, slug: str, project, state) -> None:
    """Name each file of the editor's left for the project (a stop while it was open): the user's text.

    Several are said once, each path whole on a line of its own in the order they were made. A
    file whose text is already in a draft or saved answer (kept_files.taken_in) is named apart, as
    the copy it is: said to be not taken in, its text would be pasted in twice.
    """
    from spredning.app.kept_files import EDITOR, kept_files, taken_in

    found = kept_files(home, slug, EDITOR)
    copies = [path for path in found if taken_in(path, project, state)]
    left = [path for path in found if path not in copies]
    if len(left) == 1:
        _tell_files(console, left, t("editor.left-file", path=str(left[0])))
    elif left:
        _tell_files(console, left, t("editor.left-files", n=len(left)), t("editor.left-files-hint"))
    if len(copies) == 1:
        _tell_files(console, copies, t("editor.copy-file", path=str(copies[0])))
    elif copies:
        _tell_files(console, copies, t("editor.copy-files", n=len(copies)), t("editor.copy-files-hint"))


def _tell_files(console: Console, paths: list[Path], said: str, hint: str = "") -> None:
    """One file: `said` names its path, kept whole; several: `said`, each path on its own line, `hint`."""
    from spredning.cli.render_text import print_fitted

    if len(paths) == 1:
        print_fitted(console, said, str(paths[0]), style="yellow", rest="")
        return
    console.print(said, style="yellow")
    for path in paths:
        print_fitted(console, str(path), str(path), style="yellow", first="  ", rest="  ")
    console.print(hint, style="yellow")
