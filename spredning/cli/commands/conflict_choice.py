"""Settling one conflict in a terminal: keep ours, another version, all of them, a merged text, or later.

Shared by ``importer`` (the conflicts a file brings) and ``konflikter`` (those left to settle). Every
choice is kept until the last conflict is settled, then saved at once; a text written in the editor
is kept by a Merging (cli/merging.py) meanwhile, and named where it is when the user stops.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from rich.text import Text

from spredning.app.exchange import noting
from spredning.cli import editor
from spredning.cli.commands.files import written_path
from spredning.cli.console import say
from spredning.cli.merging import Merging, heading_line
from spredning.cli.render_text import print_fitted, print_said
from spredning.core.copies import from_their_sheet
from spredning.core.errors import Interrupted
from spredning.core.local import LocalState
from spredning.core.model import Answer, Entry, Guide, Project, Slot, joined, writer_settles
from spredning.i18n import t


def chosen_backup(console, n: int, backup: Path | None) -> None:
    """Where the texts that stood here are, when the versions chosen in conflicts left them behind."""
    if n and backup is not None:
        shown = written_path(backup)
        print_said(console, say("konflikter.chosen-backup", n=n, path=shown), shown)


def _which_help(importing: bool) -> str:
    """The conflict question's help: what stopping there does (Esc too, from the home screen)."""
    from spredning.cli.prompts.keys import escape_leaves

    if importing:
        return t("conflict.which-help-import-menu") if escape_leaves() else t("conflict.which-help-import")
    return t("conflict.which-help-settle-menu") if escape_leaves() else t("conflict.which-help-settle")


def chooser(
    console,
    guide: Guide,
    project: Project,
    state: LocalState | None,
    importing: bool,
    merging,
    apart: bool = True,
):
    """Ask how to settle one conflict: ours, another version, both, a merged text, or later.

    `apart`: the first conflict too is set off by a blank line (something was printed before it).

    Every choice is kept until the last conflict is settled, then saved at once; stopping on
    the way (Ctrl+C, or Esc from the home screen) saves none of them, as the help says. A text
    written in the editor is kept by `merging` (a Merging) in a file meanwhile, named on a stop.
    """
    import questionary

    from spredning.cli.render_project import conflict_view, org_name, theirs
    from spredning.cli.render_status import where

    questions = {q.id: q for q in guide.questions()}
    me = state.me if state is not None else None

    def choose(slot: Slot, entry: Entry, position: tuple[int, int]) -> Answer | None:
        place = where(guide, project, slot)
        writer = noting.writer(state, slot, entry.answer) if state is not None else None
        first_apart = apart or position[0] > 1
        shown = conflict_view(
            project,
            place,
            questions.get(slot[1]),
            slot[1],
            entry,
            me,
            position,
            writer,
            apart=first_apart,
            importing=importing,
        )
        console.print(shown)
        keep = (
            (t("conflict.keep-ours", org=org_name(project, me)) if me else t("conflict.keep-ours-plain"))
            if writer is None
            else t(
                KEEP_WRITERS[_from_sheet(project, entry, entry.answer, writer), importing],
                org=org_name(project, writer),
            )
            if writer_settles(entry, writer)
            else t(
                "conflict.keep-ours-removed" if entry.answer.empty else "conflict.keep-ours-now",
                org=org_name(project, writer),
            )
        )
        choices = [questionary.Choice(keep, entry.answer)]
        choices += [
            questionary.Choice(
                t("conflict.keep-theirs-sheet", org=org_name(project, o.source))
                if _from_sheet(project, entry, o, writer)
                else theirs(
                    project,
                    o.source,
                    "conflict.keep-theirs",
                    "conflict.keep-git",
                    me,
                    "conflict.keep-own-sheet",
                    o,
                ),
                o,
            )
            for o in entry.others
        ]
        labelled = [
            (
                _ours_heading(project, me, writer),
                entry.answer,
            ),
            *(
                (theirs(project, o.source, "conflict.both-heading", "conflict.git-heading", me, answer=o), o)
                for o in entry.others
            ),
        ]
        # kept as both, the texts follow one another without headings (model.joined): the program's
        # words (in this user's language) would become part of the answer, and a shared answer
        # would name one reuser to all. A "not relevant" mark stays when every version has it; a
        # mark beside an answer cannot be joined, so "both" is not offered, and the note says why.
        # Nor when a version is empty or blank (deleted, a mark without a reason): "both" would
        # only keep the other, which is offered already
        blank = any(not version.text.strip() for _, version in labelled)
        both = None if blank else joined(version for _, version in labelled)
        marks = [version.not_relevant for _, version in labelled if not version.empty]
        marked = bool(marks) and all(marks)  # the text written in the editor is the reason then
        # in the editor every version is under a heading naming its organisation, and saying when it
        # is a reason for "not relevant" (shown even without one, so the mark is never out of sight)
        versions = "\n\n".join(
            f"{heading_line(_marked_heading(heading, version))}\n\n{version.text}".rstrip()
            for heading, version in labelled
            if version.text or version.not_relevant
        )
        headings = [_marked_heading(heading, version) for heading, version in labelled]
        if both is not None:
            choices.append(
                # every version's text, one after the other: "both" only when there are two
                questionary.Choice(
                    t("conflict.keep-all", n=len(labelled)) if len(labelled) > 2 else t("conflict.keep-both"),
                    both,
                )
            )
        later = questionary.Choice(
            t("conflict.later-all", n=len(labelled)) if len(labelled) > 2 else t("conflict.later"),
            "later",
        )
        if both is None and not blank:
            mixed = (
                t("conflict.keep-all-mixed", n=len(labelled))
                if len(labelled) > 2
                else t("conflict.keep-both-mixed")
            )
            console.print(Text(mixed, style="dim"))
        named = t("conflict.heading-counted", number=position[0], total=position[1], where=place)
        options = [(str(choice.title), choice.value) for choice in [*choices, later]]
        asking = _Asking(console, merging, slot, _which_help(importing))
        with _stops_keep_writing(console, merging):
            while True:
                picked = asking.pick(options)
                if picked not in ("edit", "kept"):
                    break
                written = merging.write(
                    (merging.earlier(slot) or versions) if picked == "kept" else versions,
                    headings,
                    named,
                    slot,
                    reason=marked,
                    unmarks=any(marks) and not marked,
                )
                if written is not None:
                    return Answer(text=written, not_relevant=marked)
        if picked == "later":
            return None
        return Answer(text=picked.text, not_relevant=picked.not_relevant)

    return choose


class _Asking:
    """A conflict's list, asked until a choice is made.

    The combined text kept for it is looked at anew each time it is shown (one may have been
    written since): offered first to go on with, and named where it is.
    """

    def __init__(self, console, merging: Merging, slot: Slot, instruction: str):
        self.console = console
        self.merging = merging
        self.slot = slot
        self.instruction = instruction

    def pick(self, options: list[tuple[str, object]]):
        """The choice made (its value); `options`: (title, value) of the versions, "both", "later" last.

        Over a kept text, a version or a new text in the editor is used only once the user says
        so (Merging.may_drop), else the list is asked again: the list wraps around, and "write a
        new text" is one key below "go on", so one wrong key would lose it. "Later" keeps it.
        """
        import questionary

        from spredning.cli.prompts.simple import select

        kept = self.merging.earlier(self.slot)
        going_on = [(t("conflict.write-on"), "kept")] if kept is not None else []
        titles = [*options[:-1], *going_on, (t("conflict.write-merged"), "edit"), options[-1]]
        self._tell(kept)
        while True:
            listed = [questionary.Choice(title, value) for title, value in titles]  # a menu cuts its own
            first = listed[len(options) - 1] if going_on else None
            picked = select(t("conflict.which"), listed, default=first, instruction=self.instruction)
            if picked in ("kept", "later"):
                return picked
            title = None if picked == "edit" else next(title for title, value in titles if value is picked)
            if self.merging.may_drop(self.slot, self.instruction, title):
                return picked

    def _tell(self, kept: str | None) -> None:
        """Where the kept text is, above the list (again when back from the editor): it is not lost."""
        path = self.merging.path
        if kept is None or path is None:
            return
        self.console.print(Text(t("conflict.kept-earlier"), style="yellow"))
        print_fitted(self.console, str(path), str(path), style="yellow", first="  ", rest="  ")


def _from_sheet(project: Project, entry: Entry, version: Answer, writer: str | None) -> bool:
    """True for the version of a partner's own conflict (writer_settles) that it wrote in a worksheet.

    On the sharing side, so the choices tell its worksheet's text from the one it typed in its program.
    """
    if writer is None or not writer_settles(entry, writer) or version.source not in ("", writer):
        return False
    return from_their_sheet(entry, version, project.id, writer)


def _marked_heading(heading: str, version: Answer) -> str:
    """A version's heading in the editor, saying when its text is a reason for "not relevant"."""
    return t("conflict.heading-not-relevant", heading=heading) if version.not_relevant else heading


@contextlib.contextmanager
def _stops_keep_writing(console, merging: Merging) -> Iterator[None]:
    """Stopping at a conflict saves no choice; a text written in the editor is named where it is kept.

    Ctrl+C and Ctrl+D end the command (Interrupted); Esc goes back to the home screen's menu.
    """
    from spredning.cli.prompts.keys import BackToMenu

    try:
        yield
    except (KeyboardInterrupt, EOFError) as stop:
        left = stop.path if isinstance(stop, editor.Interrupted) else None  # what the editor had saved
        if merging.path is not None and left is not None:
            raise Interrupted(
                "conflict.interrupted-written-editor", path=str(merging.path), editor=str(left)
            ) from None
        if merging.path is not None:
            raise Interrupted("conflict.interrupted-written", path=str(merging.path)) from None
        if left is not None:
            raise Interrupted("conflict.interrupted-editor", editor=str(left)) from None
        raise Interrupted("conflict.interrupted") from None
    except BackToMenu:
        if merging.path is not None:
            said = t("editor.stopped-written-kept", path=str(merging.path))
            print_fitted(console, said, str(merging.path), style="yellow", rest="")
        raise


KEEP_WRITERS = {  # (from our worksheet, while importing): the partner's text that stands, to keep
    (False, False): "conflict.keep-ours-writers",
    (True, False): "conflict.keep-ours-writers-sheet",
    (False, True): "conflict.keep-ours-writers-import",  # stands after the import (not before it, maybe)
    (True, True): "conflict.keep-ours-writers-sheet-import",
}


def _ours_heading(project, me: str | None, writer: str | None) -> str:
    """The heading of our version in the texts kept as both: ours, the writer's we have now, or plain."""
    from spredning.cli.render_project import org_name

    if writer is not None:
        return t("conflict.both-heading", org=org_name(project, writer))
    return t("conflict.both-heading", org=org_name(project, me)) if me else t("conflict.both-heading-ours")
