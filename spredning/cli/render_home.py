"""The home screen's words and renderables: menu lines, the project line, the welcome, the tip.

Every fixed word comes from the catalogue (i18n/da/home.yaml); names and guide texts are cleaned
and shown as plain text, never as markup.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from spredning import i18n
from spredning.app.home import Action, Home
from spredning.app.workspace import Workspace
from spredning.cli.console import said, say
from spredning.cli.render import plain, role_title
from spredning.cli.render_text import HANG, cut_middle, cut_to, fitted
from spredning.core.errors import SpredningError
from spredning.core.followup import COLOURS, Approval, Mark
from spredning.core.model import SHARING
from spredning.core.shellwords import shell_word
from spredning.core.textsafe import clean, clean_name
from spredning.i18n import t


def title(found: Home, action: Action, width: int | None = None) -> str:
    """An action as a menu line; a project's fitted to `width` (see _project_title)."""
    kind = action.kind
    key = f"home.action.{kind}"
    if kind in ("news", "send", "exchange") and _several_partners(found, action):
        return t(f"{key}-several", n=action.n)
    if kind in (
        "conflicts",
        "theirs-send",
        "theirs-wait",
        "versions",
        "marks",
        "drafts",
        "news",
        "overdue",
        "send",
    ):
        key = "home.action.send-sheet" if kind == "send" and action.sheet else key
        return t(key, n=action.n, phase=_phase_name(action), org=_other(found, action))
    if kind in OWN_TITLES:
        return OWN_TITLES[kind](found, action)
    if kind == "answer":
        if action.done is not None:  # in the list of phases
            assert action.phase is not None and action.role is not None  # a phase's own line
            return t(
                "home.phase-choice",
                number=action.phase.number,
                name=clean(action.phase.name),
                answered=action.done.answered,
                total=action.done.total,
                side=t("home.phase-side", side=role_title(action.role)) if _both_sides(found) else "",
                now=t("home.phase-now") if action.active else "",
            )
        question = clean(action.question.text) if action.question else ""
        return t(key, phase=_phase_name(action), question=question)
    if kind == "set-side":
        assert action.role is not None
        return t("home.side-choice", side=role_title(action.role), org=clean_name(action.name or ""))
    if kind in ("report", "report-overview", "agenda") and action.value:
        return t("home.format.overview" if kind == "report-overview" else f"home.format.{action.value}")
    if kind == "import" and action.value:
        return _file_title(action, width)
    if kind == "use" or (kind in ("remove", "merge") and action.value):
        return _project_title(action, width)
    return t(key)


def _wait_title(found: Home, action: Action) -> str:
    """Waiting for the other side's answers: whose, and how far they have come (or how many wait)."""
    if action.done is None:  # several partners still answering
        return t("home.action.wait-several", n=action.n)
    return t(
        "home.action.wait", org=_other(found, action), answered=action.done.answered, total=action.done.total
    )


def _guide_phase_title(found: Home, action: Action) -> str:
    """A phase in the guide's list, or in the list of worksheets (a worksheet of that phase)."""
    assert action.phase is not None
    return t("home.guide-phase", number=action.phase.number, name=clean(action.phase.name))


def _restore_title(found: Home, action: Action) -> str:
    """A removed project in the list to bring back: its name, when it went, its answers."""
    if action.kept is None:  # the menu's own line, which opens the list
        return t("home.action.restore")
    from spredning.app.project_restore import described

    return described(action.kept)


def _tool_title(found: Home, action: Action) -> str:
    """A tool in the list to mark readiness after: its phase, its title, this side's marks."""
    assert action.phase is not None
    marks = [
        (_whose(name), t(f"readiness.colour-word.{mark.colour}"))
        for name, mark in action.followed
        if isinstance(mark, Mark) and mark.colour in COLOURS
    ]
    if len(marks) == 1 and not action.followed[0][0] and not found.several:
        shown = t("home.tool-marked", colour=marks[0][1])
    elif marks:  # several dialogues: each mark with its dialogue (or 'fælles')
        shown = t(
            "home.tool-marked-each", marks=[t("home.whose-colour", whose=w, colour=c) for w, c in marks]
        )
    else:
        shown = ""
    name = clean(action.name or "")
    return t(
        "home.tool-choice", number=action.phase.number, phase=clean(action.phase.name), tool=name, mark=shown
    )


def _approve_title(found: Home, action: Action) -> str:
    """A phase in the list to approve: its name, and by whom and when this side approved it (where)."""
    assert action.phase is not None
    approvals = [(name, a) for name, a in action.followed if isinstance(a, Approval)]
    if len(approvals) == 1 and not approvals[0][0] and not found.several:
        approval = approvals[0][1]
        approved = t("home.phase-approved", by=clean_name(approval.by), day=approval.day)
    elif approvals:  # several dialogues: for which (or for all)
        approved = t("home.phase-approved-each", whose=[_whose(name) for name, _ in approvals])
    else:
        approved = ""
    name = clean(action.phase.name)
    return t("home.approve-choice", number=action.phase.number, name=name, approved=approved)


def _whose(name: str) -> str:
    """The dialogue a mark or approval is in, in a list: the partner's name, or 'fælles' for all."""
    return clean_name(name) if name else t("home.common")


OWN_TITLES = {
    "wait": _wait_title,
    "mark-tool": _tool_title,
    "approve-phase": _approve_title,
    "guide-phase": _guide_phase_title,
    "worksheet-phase": _guide_phase_title,
    "restore": _restore_title,
}  # kinds worded by a function of their own


WHOSE = {  # a file to import: whom it is for (app/home.py import_actions)
    "us": "home.import-us",
    "own": "home.import-own",
    "brought": "home.import-brought",  # addressed to this side, and imported already
    "other": "home.import-other",
    None: "home.import-between",  # this side not known yet, or another project: both names said
    "broken": "home.import-broken",  # addressed to us, but the import would refuse it (importable.offered)
}


def _file_title(action: Action, width: int | None = None) -> str:
    """A file to import: its name, and whose it is (from whom, to whom) as its head says.

    Where the line would not fit `width`, the parts that say least give way first: the file's name
    is shortened in its middle, then the words between the names ('til jer') are left out, then
    the name is shortened further; the names of the organisations, whether the file was brought
    in already and the project it goes into (when not the active one) stay. The project's name
    is kept whole before the file's (down to '…'); names too long for all of that are not cut:
    the line is broken between words into lines of `width` (a menu title of several lines, its
    later lines indented).
    """
    name = clean(action.name or action.value or "")
    if action.orgs is None:  # a worksheet (its record names no organisations), or a file not read
        told = t(SHEET_WHOSE[action.whose]) if action.whose in SHEET_WHOSE else ""
        if action.into is not None:  # another project's than the active one: where it goes
            told = t("home.import-into", project=clean_name(action.into)) + told
        if action.whose == "broken" and width is not None and cell_len(name + told) > width:
            told = t(SHORTER["broken"])  # the file's name before the way to see why
        room = None if width is None else max(width - cell_len(told), NAME_LEAST)
        return t("home.import-file", name=name if room is None else cut_middle(name, room)) + told
    sender, receiver = (clean_name(org) for org in action.orgs)
    project = clean_name(action.into) if action.into is not None else None
    into = t("home.import-into", project=project) if project is not None else ""
    into_short = t("home.import-into-short", project=project) if project is not None else ""
    full = t(WHOSE[action.whose], sender=sender, receiver=receiver) + into
    narrow = SHORTER[action.whose] if action.whose in SHORTER else WHOSE[action.whose]
    short = t(narrow, sender=sender, receiver=receiver) + into_short
    if width is None or cell_len(name + full) <= width:
        return t("home.import-file", name=name) + full
    for whose, least in ((full, NAME_ROOM), (short, NAME_ROOM), (short, NAME_LEAST)):
        if width - cell_len(whose) >= min(least, cell_len(name)):  # the end tells downloads apart
            return t("home.import-file", name=cut_middle(name, width - cell_len(whose))) + whose
    room = width - cell_len(short)
    if project is not None and room >= 1:  # the project's name whole, rather than the file's
        return t("home.import-file", name=cut_middle(name, room) if room >= NAME_LAST else "…") + short
    hang = " " * HANG  # the menu (prompts.simple.select) puts the later lines this much further in
    lines = fitted(t("home.import-file", name=cut_middle(name, width)) + short, None, width, rest=hang)
    return "\n".join(line.strip() for line in lines)


NAME_ROOM = 20  # a file name shortened to less says too little: the words between the names go first
NAME_LEAST = 8  # ... and then to this, before the organisations' names would be cut
NAME_LAST = 3  # ... and, to keep the project's name whole, to its ends or to '…' alone
SHORTER: dict[str | None, str] = {  # whose a file is, without the words a narrow line can do without
    "us": "home.import-us-short",
    "brought": "home.import-brought-short",
    "broken": "home.import-broken-short",
}
SHEET_WHOSE = {  # a worksheet (no organisations named): what is said of it, when anything
    "brought": "home.import-sheet-brought",
    "broken": "home.import-sheet-broken",
}


SLUG_ROOM = 16  # a file's name shortened to less: the active mark's words go first
SLUG_LEAST = 8  # ... and then to this, before the project's name would be cut


def _project_title(action: Action, width: int | None = None) -> str:
    """A project in the list: its name, progress, its file when that tells it apart, 'active now'.

    Where the line would not fit `width`, the progress goes first, then the words around the file
    ('filen', '.yaml'), then the file's name is shortened in its middle (its end tells two files
    apart), then the words of the active mark; the project's name stays whole, unless it is too
    long for the line with all of that done.
    """
    name = clean_name(action.name or action.value or "")
    if action.done is None:
        return t("home.use-unreadable", name=name)
    words = t("home.use", name=name, answered=action.done.answered, total=action.done.total)
    copy = t("home.use-copy", slug=action.value) if action.copy else ""
    active = t("home.use-active") if action.active else ""
    if width is None or not copy or cell_len(words + copy + active) <= width:
        return words + copy + active
    slug = action.value or ""
    marked = t("home.use-active-short") if action.active else ""
    whole = [
        name + copy + active,
        name + t("home.use-copy-short", slug=slug) + active,
        name + t("home.use-copy-short", slug=slug) + marked,
        name + t("home.use-copy-cut", slug=slug) + marked,
    ]
    fits = [line for line in whole if cell_len(line) <= width]
    if fits:
        return fits[0]
    for mark, least in ((active, SLUG_ROOM), (marked, SLUG_LEAST)):
        room = width - cell_len(name + t("home.use-copy-cut", slug="") + mark)
        if room >= least:
            return name + t("home.use-copy-cut", slug=cut_middle(slug, room)) + mark
    # a name too long for the line even so: cut at its end, the file and the mark kept
    rest = t("home.use-copy-cut", slug=cut_middle(slug, SLUG_LEAST)) + marked
    return cut_to(name, max(1, width - cell_len(rest))) + rest


def _several_partners(found: Home, action: Action) -> bool:
    """The sharing side with several partners, and no one partner named: the command asks which."""
    side = found.overview.side if found.overview is not None else None
    return found.several and side != "genbruge" and action.partner is None


def _both_sides(found: Home) -> bool:
    return found.overview is not None and found.overview.side is None


def _phase_name(action: Action) -> str:
    return clean(action.phase.name) if action.phase else ""


def _other(found: Home, action: Action) -> str:
    """Whom news come from and answers go to: the sharing organisation, a partner, or the partners."""
    overview = found.overview
    if overview is not None and overview.side == "genbruge":
        return clean_name(overview.project.sharing_org) or t("org.sharing")
    if action.partner is not None:
        return clean_name(action.partner.name or action.partner.key)
    return t("home.the-partners")


def project_line(found: Home, width: int) -> Text:
    """The active project in one line: name, this side (and organisation), progress, the phase.

    Progress twice: this side's ('besvaret af jer') and the whole project's ('i alt', the number
    the project list shows); before a side is chosen only the whole project's.

    When it does not fit `width`, it is broken only after a separator ' · ', so no part (the side
    and its organisation, 'fase: Tjek') is split; a part longer than a whole line wraps by words.
    """
    overview = found.overview
    assert overview is not None  # there is an active project to show
    project = overview.project
    name = clean_name(project.name) + (t("home.example") if project.example else "")
    if overview.namesake:  # two projects of this name here: which one by its file
        name += t("home.use-copy", slug=project.slug)
    if overview.side is None:
        side = t("home.side-unknown")
    else:
        org = (
            clean_name(project.sharing_org)
            if overview.organisation == SHARING
            else next(
                (clean_name(p.name or p.key) for p in project.partners if p.key == overview.organisation), ""
            )
        )
        side = role_title(overview.side) + (f" ({org})" if org else "")
    line = Text.assemble(
        (t("home.line-project"), "bold"),
        (name, "bold"),
        t(
            "home.line-rest" if overview.side is not None else "home.line-rest-all",
            side=side,
            answered=overview.done.answered,
            total=overview.done.total,
            all=overview.everyone.answered,
            every=overview.everyone.total,
            phase=clean(overview.phase.name) if overview.phase else "",
        ),
    )
    return _broken_at(line, t("home.line-separator"), width)


def _broken_at(text: Text, separator: str, width: int) -> Text:
    """Text whose lines end only after a separator (kept at the line's end, its spaces cut)."""
    plain = text.plain
    ends = [found.start() for found in re.finditer(re.escape(separator), plain)]
    result, start = Text(), 0
    for number, end in enumerate(ends):
        following = ends[number + 1] if number + 1 < len(ends) else len(plain)
        mark = separator.rstrip() if following < len(plain) else ""  # a later part ends with one too
        if cell_len(plain[start:following] + mark) > width:
            result.append_text(text[start:end]).append(separator.rstrip() + "\n")
            start = end + len(separator)
    return result.append_text(text[start:])


def welcome(ws: Workspace) -> RenderableType:
    """The first run: what the guide is, and its six phases on one screen."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    for phase in ws.guide.phases:
        grid.add_row(
            t("home.phase-number", number=phase.number, name=clean(phase.name)), plain(phase.purpose)
        )
    return Group(
        say("home.welcome", style="bold"), say("home.welcome-more"), Text(), say("home.phases"), grid
    )


def problem_text(problem: SpredningError) -> Text:
    """Why the active project cannot be shown, and what to do (as the command would say it)."""
    from spredning.cli.main import error_hint

    text = said(problem.message, style="yellow")
    hint = error_hint(problem)  # as the command says it (its command names the project when needed)
    if hint is not None:
        text.append("\n").append_text(said(hint))
    return text


def plain_word_tip() -> Text | None:
    """When the program was started by its path: how to make 'spredning' a plain word.

    The program's name alone: the options given this run are not part of what the tip replaces.
    """
    program = i18n.bare_program()
    if program == "spredning":
        return None
    folder = Path(sys.executable).parent if " -m " in program else Path(sys.argv[0]).parent
    activate = folder / "activate"
    if not activate.is_file():
        return say("home.not-on-path", style="dim", prog=program)
    line = ("source " if os.name != "nt" else "") + shell_word(shown_path(activate))
    return say("home.plain-word", style="yellow", command=line, prog=program)


def shown_path(path: Path) -> str:
    """A path as short as the user can type it from here."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)
