"""What a command works with: the chosen guide, the projects folder and the project, loaded once.

Every use case takes a Workspace. It holds the global choices (guide folder, projects folder, a
named project, language) and loads the guide and the store the first time they are needed, so a
command that needs neither pays for neither.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from spredning.core.content import default_guide_dir, guide_dir, load_guide
from spredning.core.errors import Message, SpredningError, message
from spredning.core.fileio import kind_of
from spredning.core.model import Guide, Layout, layout
from spredning.core.salvage import Salvage
from spredning.core.store import NotRemembered, Opened, Store, WentBack, check_home, home_chosen, home_dir


class Settings(NamedTuple):
    """The global options: guide folder, projects folder, chosen project, language, debug mode."""

    guide_dir: str | None = None
    home: str | None = None
    project: str | None = None
    debug: bool = False
    language: str = "da"


class Workspace:
    """The guide, the store and the project a command works on."""

    def __init__(
        self,
        settings: Settings,
        *,
        checked: bool = False,
        new_home: bool = False,
        notice: Callable[[Message], None] | None = None,
        waiting: Callable[[Path], None] | None = None,
    ):
        self.settings = settings
        # checked (the front ends): a projects folder the user chose must exist before it is used;
        # new_home: a new project may create its last level (store.check_home).
        self.checked = checked
        self.new_home = new_home
        self.notice = notice  # the front end's way to tell something in passing (see guide)
        # the front end's way to say that a change waits for another window's lock (store.on_wait)
        self.waiting = waiting
        self._told: set[Path] = set()  # kept files the front end has told the user of (untold_files)

    @cached_property
    def guide(self) -> Guide:
        """The guide in the chosen language (validated; a broken one is a ContentError).

        A guide folder without a translation into the chosen language gives the Danish guide, which
        asks the same questions; the front end is told (`notice`), so the user knows why.
        """
        guide = load_guide(self.settings.guide_dir, self.settings.language)
        if guide.language != self.settings.language and self.notice is not None:
            folder = guide_dir(self.settings.guide_dir)
            self.notice(message("guide.untranslated", folder=str(folder), language=self.settings.language))
        return guide

    @cached_property
    def layout(self) -> Layout:
        """Where each question has its place in a project file."""
        return layout(self.guide)

    def home(self) -> Path:
        """The projects folder; one the user chose must exist (else a SpredningError, see store.check_home).

        Front ends call it before asking anything, so a folder that cannot be used is said first.
        """
        home = home_dir(self.settings.home)
        if self.checked and home_chosen(self.settings.home):
            check_home(home, may_create=self.new_home)
        return home

    @cached_property
    def store(self) -> Store:
        """The projects in the projects folder (see home); a refusal names an answer by its place."""
        from spredning.app.views import slot_place

        store = Store(self.home(), self.layout)
        store.name_answer = lambda project, slot: slot_place(self.guide, project, slot)
        store.on_wait = self.waiting
        return store

    def untold_files(self) -> tuple[list[Path], list[Path]]:
        """The unreadable state files moved aside and the project files kept as backups, not told before.

        Each is returned once, so a front end that tells them at several moments (after the work,
        when the command ends, also after an interrupt) says each once.
        """
        store = self.__dict__.get("store")  # a cached_property not yet used is not in __dict__
        if not isinstance(store, Store):
            return [], []
        kept = [path for path in store.kept_states if path not in self._told]
        backups = [path for path in store.backups if path not in self._told]
        self._told.update(kept + backups)
        return kept, backups

    def salvaged(self, path: Path) -> Salvage | None:
        """What was read back from a damaged state file kept aside as `path` (None: not one of those)."""
        store = self.__dict__.get("store")
        return store.salvaged.get(path) if isinstance(store, Store) else None

    def kept_kind(self, path: Path) -> str | None:
        """What was moved aside as `path` when it was no file (fileio.kind_of: 'folder', 'fifo' ...).

        None for a file (a damaged one, see local.py).

        A folder or a pipe where a state file goes is moved aside as it is, not read as a damaged file.
        """
        try:
            mode = path.lstat().st_mode
        except OSError:
            return None
        return None if stat.S_ISREG(mode) else kind_of(mode)

    def untold_went_back(self) -> list[WentBack]:
        """Project files found holding older versions of this copy's answers, not told before (each once)."""
        store = self.__dict__.get("store")
        if not isinstance(store, Store):
            return []
        found, store.went_back = store.went_back, []
        latest = {went.path: went for went in found}  # each finding is whole: the last one of a file is now
        return list(latest.values())

    def untold_not_remembered(self) -> list[NotRemembered]:
        """Helper files not written after the work was done (see Store.not_remembered), each told once."""
        store = self.__dict__.get("store")
        if not isinstance(store, Store):
            return []
        found, store.not_remembered = store.not_remembered, []
        untold: dict[Path, NotRemembered] = {}
        for item in found:
            if item.path not in self._told:
                untold.setdefault(item.path, item)
        self._told.update(untold)
        return list(untold.values())

    def example_file(self) -> Path:
        """The filled-in example project, in the guide's language."""
        folder = default_guide_dir()
        translated = folder / self.guide.language / "eksempel.yaml"
        return (
            translated if self.guide.language != "da" and translated.is_file() else folder / "eksempel.yaml"
        )

    def slug(self) -> str:
        """The project to work on: --projekt, the active one, or the only one.

        None at all, but one removed: the hint says how it comes back ('projekt gendan'), not only
        how to start one.
        """
        try:
            return self.store.resolve(self.settings.project)
        except SpredningError as exc:
            if exc.key != "store.no-project":
                raise
            from spredning.app import project_restore

            every = project_restore.kept(self)
            if not every:
                raise
            several = len(every) > 1  # 'projekt gendan' alone lists them to choose from
            hint = "store.no-project.hint.removed-several" if several else "store.no-project.hint.removed"
            raise SpredningError("store.no-project-now", hint=hint, slug=every[0].slug) from None

    def open(self) -> Opened:
        """The project to work on, read now, with this computer's state for it."""
        return self.store.open(self.slug())

    def open_to_send(self) -> Opened:
        """open() for eksport and arbejdsark: answers edited by hand are written with their version first."""
        return self.store.open_to_send(self.slug())

    def check_writable(self) -> None:
        """The project's file refused now when it is read-only: before a command asks what it saves."""
        self.store.check_writable(self.slug())
