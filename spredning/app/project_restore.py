"""`projekt gendan`: a project removed with `projekt fjern` comes back from HOME/fjernede/.

The kept folder is found by its own name, or by the project's file name (slug) or name; of several
removals of one project, the newest. Nothing is overwritten: a project file of that slug now in the
folder (a new project of the same name) is never replaced; the removed one can come back under
another name instead ('Gammelt (2)'), its file and this computer's files for it named by that.
"""

from __future__ import annotations

import datetime
import itertools
import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import NamedTuple

from spredning.app.project_removal import REMOVED_FOLDER, TEXT_FILES, kept_texts
from spredning.app.projects import letters_problem, name_problem, new_slug
from spredning.app.workspace import Workspace
from spredning.core import local, projectfile
from spredning.core.errors import Message, SpredningError, UsageProblem
from spredning.core.local import LocalState
from spredning.core.model import Layout, Project, fold_name, slugify
from spredning.core.store import READ_LIMIT, SUFFIX, Store
from spredning.core.store.home import KEPT_HELPERS
from spredning.core.textsafe import clean_name
from spredning.i18n import date, t

KEPT_NAME = re.compile(r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*?)-(?P<when>\d{8}-\d{6})(?:-\d+)?")


class Kept(NamedTuple):
    """A folder under fjernede/ that holds a removed project."""

    folder: Path
    slug: str
    name: str  # the project's name as its file says (its slug when the file cannot be read)
    when: str  # the removal's date and time, as in the folder's name (YYYYMMDD-HHMMSS)
    answers: int | None = None  # the answers it holds (None: the file cannot be read)
    id: str | None = None  # the project's identity (None: the file cannot be read)

    @property
    def removed(self) -> datetime.datetime | None:
        """When it was removed (from the folder's name); None for a name that is no real time."""
        try:
            return datetime.datetime.strptime(self.when, "%Y%m%d-%H%M%S")
        except ValueError:
            return None


class Restored(NamedTuple):
    """A project moved back: what came back, and what stayed in the kept folder (names taken)."""

    kept: Kept
    moved: tuple[Path, ...]
    left: tuple[Path, ...]
    newest_of: int  # how many kept folders matched the name given (more than one: the newest was taken)
    activated: bool = False  # no project was active: the one brought back is now
    slug: str = ""  # its file name now (another than the kept one's when brought back under a new name)
    name: str = ""  # the name it was brought back under (its own, or the one given)
    renamed: bool = True  # that name is in its file (False: the file could not be read, its own stays)
    same_as: str | None = None  # the project that has its old file name, when it is the same project (its id)


def kept(ws: Workspace) -> list[Kept]:
    """Every removed project that can be brought back, newest first."""
    base = ws.store.home / REMOVED_FOLDER
    try:
        folders = sorted(base.iterdir()) if base.is_dir() else []
    except OSError:  # a folder that cannot be read: nothing in it can be brought back either
        folders = []
    found = [_kept(folder, ws.layout) for folder in folders]
    return sorted((k for k in found if k is not None), key=lambda k: (k.when, k.folder.name), reverse=True)


def any_kept(ws: Workspace) -> bool:
    """Whether something removed can be brought back (as kept() finds it, without reading the files)."""
    base = ws.store.home / REMOVED_FOLDER
    try:
        return any(_whole(folder) is not None for folder in base.iterdir())
    except OSError:
        return False


def _whole(folder: Path) -> re.Match[str] | None:
    """A kept folder's name, matched, when it holds its project file (None: no removal's folder)."""
    matched = KEPT_NAME.fullmatch(folder.name)
    if matched is None or not folder.is_dir() or not (folder / f"{matched['slug']}{SUFFIX}").is_file():
        return None
    return matched


def _kept(folder: Path, layout: Layout) -> Kept | None:
    matched = _whole(folder)
    if matched is None:
        return None
    slug = matched["slug"]
    name, answers, identity = _read(folder / f"{slug}{SUFFIX}", slug, layout)
    return Kept(folder, slug, name, matched["when"], answers, identity)


def same_identity(ws: Workspace, project_id: str) -> list[Kept]:
    """The removed projects with this identity (the partner's file of one comes in again), newest first."""
    return [k for k in kept(ws) if k.id == project_id]


def namesake(ws: Workspace, project: Project) -> Kept | None:
    """The newest removed project with this project's file name or name (a new one started as it), or None."""
    if not any_kept(ws):  # nothing removed: no file is read
        return None
    folded = fold_name(project.name)
    return next((k for k in kept(ws) if k.slug == project.slug or fold_name(k.name) == folded), None)


def _read(path: Path, slug: str, layout: Layout) -> tuple[str, int | None, str | None]:
    """The project's name, how many answers it holds (as the list shows them) and its identity."""
    try:
        raw, data = projectfile.read(path, READ_LIMIT)
    except SpredningError:
        return slug, None, None
    facts = data.get("projekt")
    name = facts.get("navn") if isinstance(facts, dict) else data.get("navn")
    name = name if isinstance(name, str) and name.strip() else slug
    project = _parsed(raw, data, slug, path, layout)
    if project is None:
        return name, None, None
    return name, sum(1 for _, entry in project.entries() if not entry.answer.empty), project.id


def _parsed(raw: bytes, data: dict, slug: str, path: Path, layout: Layout) -> Project | None:
    try:
        return projectfile.parse(data, slug, path, layout, "00000000", raw).project
    except SpredningError:
        return None


def kept_project(ws: Workspace, chosen: Kept) -> tuple[Project, LocalState | None] | None:
    """A removed project as its kept files hold it, with this computer's state for it; only read.

    None when its file cannot be read; the state None when it cannot (or was not kept).
    """
    path = chosen.folder / f"{chosen.slug}{SUFFIX}"
    try:
        raw, data = projectfile.read(path, READ_LIMIT)
    except SpredningError:
        return None
    project = _parsed(raw, data, chosen.slug, path, ws.layout)
    if project is None:
        return None
    return project, local.read_kept(chosen.folder / KEPT_HELPERS / f"{chosen.slug}{SUFFIX}")


def choices(every: list[Kept], *, short: bool = False) -> list[str]:
    """Each kept project as a list to choose from says it: the time tells two of one name apart.

    Two removed within the same minute read alike: those say the second too, and if that is
    the same as well (one folder named -2), their folders' names. `short`: for a narrow terminal,
    what it holds first and the date in figures (described).
    """
    said = [described(k, short=short) for k in every]
    pairs = zip(every, said, strict=True)
    said = [described(k, seconds=True, short=short) if said.count(text) > 1 else text for k, text in pairs]
    return [
        text + t("restore.folder", folder=k.folder.name) if said.count(text) > 1 else text
        for k, text in zip(every, said, strict=True)
    ]


def described(
    kept: Kept, every: list[Kept] | None = None, *, seconds: bool = False, short: bool = False
) -> str:
    """A kept project in words: 'Gammelt (fjernet 2. december 2026 kl. 13.10, 12 svar)'.

    Its folder's name is added when another kept one has the same name (`every`): that name is
    then what tells them apart, and what 'projekt gendan' takes. `short`, for a narrow terminal:
    'Gammelt (12 svar, fjernet 2.12.2026 13.10)', so a line cut at its end loses no count.
    """
    holds = (
        t("restore.unreadable")
        if kept.answers is None
        else t("partner.holds.answers", n=kept.answers)
        if kept.answers
        else t("restore.empty")
    )
    twice = every is not None and sum(fold_name(k.name) == fold_name(kept.name) for k in every) > 1
    folder = t("restore.folder", folder=kept.folder.name) if twice else ""
    said = when(kept, seconds=seconds, short=short)
    key = "restore.described-short" if short else "restore.described"
    return t(key, name=clean_name(kept.name), when=said, holds=holds, folder=folder)


def when(kept: Kept, *, seconds: bool = False, short: bool = False) -> str:
    """When a kept project was removed, as people write it: '2. december 2026 kl. 13.10' (or 13.10.27).

    `short`: in figures, '2.12.2026 13.10'.
    """
    removed = kept.removed
    if removed is None:  # a folder named by hand with no real time: its name says what there is
        return kept.when
    if short:
        key = "restore.when-short-seconds" if seconds else "restore.when-short"
        figures = {"day": str(removed.day), "month": str(removed.month), "year": str(removed.year)}
        return t(key, **figures, hour=f"{removed:%H}", minute=f"{removed:%M}", second=f"{removed:%S}")
    day, hour, minute = date(removed.date()), f"{removed:%H}", f"{removed:%M}"
    if seconds:
        return t("restore.when-seconds", day=day, hour=hour, minute=minute, second=f"{removed:%S}")
    return t("restore.when", day=day, hour=hour, minute=minute)


def find(ws: Workspace, given: str) -> tuple[Kept, int]:
    """The kept folder `given` names (its folder name, or the project's slug or name): the newest of them."""
    every = kept(ws)
    folder = ws.store.home / REMOVED_FOLDER / given.strip()
    if KEPT_NAME.fullmatch(given.strip()) and folder.is_dir():  # a folder's name, never a path
        by_folder = [k for k in every if k.folder.name == folder.name]
        if not by_folder:
            raise SpredningError("restore.damaged", folder=folder)
        return by_folder[0], 1
    wanted = {given.strip(), slugify(given)}
    same = [k for k in every if k.slug in wanted or fold_name(k.name) == fold_name(given)]
    if not same:  # with none kept at all, no empty list to choose from ('…: .')
        hint = None if every else "restore.unknown.hint.nothing"
        known = [described(k, every) for k in every]
        raise UsageProblem("restore.unknown", hint=hint, name=given, known=known)
    return same[0], len(same)


def taken(ws: Workspace, chosen: Kept) -> str | None:
    """The name of the project whose file has the kept one's file name now (None: it is free).

    A file that cannot be read is named by its file name, as 'projekter' names it.
    """
    if not os.path.lexists(ws.store.path_for(chosen.slug)):
        return None
    try:
        return ws.store.load(chosen.slug).name
    except SpredningError:
        return chosen.slug


NUMBERED = re.compile(r"\s*\((\d+)\)$")  # 'Gammelt (2)': a name numbered so before


def suggested_name(ws: Workspace, chosen: Kept, offered: Collection[str] = ()) -> str:
    """A name the kept project can come back under: 'Gammelt (2)', or (3) … when that is taken too.

    A name numbered already counts on ('Gammelt (2)' -> 'Gammelt (3)', not 'Gammelt (2) (2)').
    `offered`: names suggested already for other kept projects, left to them.
    """
    numbered = NUMBERED.search(chosen.name)
    base = chosen.name[: numbered.start()] if numbered else chosen.name
    for number in itertools.count(int(numbered[1]) + 1 if numbered else 2):
        name = f"{base} ({number})"
        if name not in offered and new_name_problem(ws, name) is None:
            return name
    raise AssertionError  # pragma: no cover: count() never ends


def left_behind(ws: Workspace, restored: Kept) -> list[tuple[Kept, str | None]]:
    """The other removals of a project brought back (its file name or name), newest first, still kept.

    Each with the name it can come back under when its file name is taken now (suggested_name,
    none suggested twice), or None: it comes back under its own.
    """
    folded = fold_name(restored.name)
    same = [k for k in kept(ws) if k.slug == restored.slug or fold_name(k.name) == folded]
    others = [k for k in same if k.folder != restored.folder]
    offered: list[str] = []
    own: set[str] = set()  # file names offered to come back under: a second one of them needs a name
    found: list[tuple[Kept, str | None]] = []
    for other in others:
        if other.slug in own or taken(ws, other) is not None:
            offered.append(suggested_name(ws, other, offered))
            found.append((other, offered[-1]))
        else:
            own.add(other.slug)
            found.append((other, None))
    return found


def new_name_problem(ws: Workspace, name: str) -> Message | None:
    """What is wrong with a name to bring a project back under (as start's for a new project), or None."""
    return letters_problem(name) or name_problem(ws, name)


def restore(ws: Workspace, chosen: Kept, newest_of: int = 1, name: str | None = None) -> Restored:
    """Move the kept project's files back; nothing is overwritten (a taken slug refuses it all).

    `name`: brought back under that name (its file named by it, new_slug), which no project here
    may have. With no project active, the one commands used before stays the one they use (the
    only one in the folder, made active now, as two would need choosing); with none before, the
    one brought back becomes active.
    """
    store = ws.store
    if name is not None:
        name = name.strip()
        problem = new_name_problem(ws, name)
        if problem is not None:
            raise UsageProblem("restore.name-refused", problem=problem, name=name)
    slug = new_slug(ws, name) if name is not None else chosen.slug
    in_use = None if store.active() is not None else _only(store)
    # named and made active in the same step: a stop waits until it is back, named, and one is active
    texts = kept_texts(*TEXT_FILES)  # the user's writing: back even where the file name has a state now
    back = store.move_in(chosen.folder, chosen.slug, slug, name, activate=in_use or slug, texts=texts)
    activated = back.activated and in_use is None
    same = _same_project(store, slug)
    name = name or chosen.name
    return Restored(chosen, back.moved, back.left, newest_of, activated, slug, name, back.renamed, same)


def _same_project(store: Store, slug: str) -> str | None:
    """Another file here holding the same project as `slug` (one identity: the partner's file came in again).

    Under the old file name (brought back under a new one) or any other: a new project from the
    partner's file is named by the partner's file name, which need not be the one removed. Read
    as the list of projects reads (summaries): nothing is written for either.
    """
    summaries = dict(store.summaries(store.slugs()))
    back = summaries.get(slug)
    if back is None or isinstance(back, SpredningError):
        return None
    same = [
        other
        for other, summary in summaries.items()
        if other != slug
        and not isinstance(summary, SpredningError)
        and not summary.exchange
        and summary.id == back.id
    ]
    return same[0] if same else None


def _only(store: Store) -> str | None:
    """The project commands use with none active: the only one in the folder (None: none, or several)."""
    slugs = store.project_slugs()
    return slugs[0] if len(slugs) == 1 else None
