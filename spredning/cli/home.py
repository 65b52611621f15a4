"""The home screen: ``spredning`` alone in a terminal shows the active project and a menu.

What to offer, and in which order, comes from the application (spredning.app.home); this module
words it and runs each action as its command: the very command line, through the same error
boundary as when typed (cli.main.run_command), after showing it once ("Samme som: ..."), so
people learn the commands. Then it waits for Enter, so the output can be read at 24 rows, and
shows the menu again.

Keys: arrows and Enter choose; Esc goes back from a list to the menu (at the menu it asks whether
to quit); Ctrl+C or Ctrl+D at the menu leaves the program (exit code 130). Inside an action they
end the action the way the command ends, with its own message (an interview keeps the typed text
as a draft), and the menu comes back: someone who presses Ctrl+C in an answer wants to stop
answering, not necessarily to leave.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from questionary import Choice
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from spredning import i18n
from spredning.app import home as app_home
from spredning.app.home import Action, Home
from spredning.app.workspace import Settings, Workspace
from spredning.cli.commands.common import command, shell_word
from spredning.cli.console import make_console, say
from spredning.cli.prompter import ask_text, select
from spredning.cli.render import plain, role_title
from spredning.core.errors import EXIT_OK, SpredningError
from spredning.core.model import SHARING
from spredning.core.textsafe import clean, clean_name
from spredning.i18n import t

BACK = object()  # Esc in a list: back to the menu
LISTS = {  # the actions that open a list first, and the list's question
    "phase": "home.which-phase",
    "side": "home.which-side",
    "report": "home.which-format",
    "done": "home.which-format",
    "exchange": "home.which-exchange",
    "import": "home.which-file",
    "projects": "home.which-project",
    "guide": "home.which-guide",
}
CHANGES_PROJECT = ("use", "start", "example")  # after these the active project is the one to show


def run_home(settings: Settings) -> int:
    """Show the home screen until the user quits (0); Ctrl+C or Ctrl+D at a menu raise as usual."""
    return HomeScreen(settings).run()


class HomeScreen:
    """The menu loop over one projects folder."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.welcomed = False

    def run(self) -> int:
        """Show the menu, run what is chosen, and come back, until the user quits."""
        while True:
            ws = Workspace(self.settings)
            found = app_home.home(ws)
            console = make_console()
            self._header(console, ws, found)
            picked = select(
                t("home.question"),
                [Choice(self._title(console, found, a), a) for a in found.actions],
                back=BACK,
                instruction=t("home.menu-help"),
            )
            if picked is BACK:
                if self._really_quit():
                    return EXIT_OK
                continue
            if picked.kind == "quit":
                return EXIT_OK
            self._do(console, ws, found, picked)

    # -- what the screen shows ---------------------------------------------------------------------
    def _header(self, console: Console, ws: Workspace, found: Home) -> None:
        if self.welcomed:  # after an action: a blank line; the first screen starts at the top
            console.print()
        if found.first_run and not self.welcomed:
            console.print(welcome(ws))
        elif found.first_run:
            console.print(say("home.no-projects"))
        elif found.overview is not None:
            console.print(project_line(found), soft_wrap=False)
        if found.problem is not None:
            console.print(problem_text(found.problem))
        if not self.welcomed:
            tip = plain_word_tip()
            if tip is not None:
                console.print()
                console.print(tip)
        self.welcomed = True
        console.print()

    def _title(self, console: Console, found: Home, action: Action) -> str:
        return fitted(title(found, action), console.width - 6)

    def _really_quit(self) -> bool:
        return select(
            t("home.quit-question"),
            [Choice(t("home.quit-no"), False), Choice(t("home.quit-yes"), True)],
            back=False,
        )

    # -- running an action ---------------------------------------------------------------------
    def _do(self, console: Console, ws: Workspace, found: Home, action: Action) -> None:
        while action.kind in LISTS and action.value is None:  # a list may lead to another (files)
            action = self._pick(console, ws, found, action)
            if action is BACK:
                return
        if action.kind == "import-path":
            path = ask_text(t("home.import-ask"), _file_problem, instruction=t("home.text-help"), back=BACK)
            if path is BACK:
                return
            action = Action("import", value=str(Path(path.strip()).expanduser()))
        code = self.run_command(console, arguments(found, action))
        if code == EXIT_OK and action.kind in CHANGES_PROJECT:
            self.settings = self.settings._replace(project=None)  # the new or chosen one is active now
        select(
            t("home.pause"),
            [Choice(t("home.back-to-menu"), None)],
            back=None,
            instruction=t("home.pause-help"),
        )

    def _pick(self, console: Console, ws: Workspace, found: Home, action: Action):
        choices = [Choice(fitted(title(found, a), console.width - 6), a) for a in listed(ws, action)]
        if action.kind == "import":
            choices.append(Choice(t("home.action.import-path"), Action("import-path")))
        return select(t(LISTS[action.kind]), choices, back=BACK, instruction=t("home.list-help"))

    def run_command(self, console: Console, words: list[str]) -> int:
        """Show the command once, then run it exactly as if typed (its errors, its exit code)."""
        from spredning.cli.main import run_command

        shown = command(*(shell_word(w) for w in words), project=self.settings.project)
        console.print(say("home.same-as", style="dim", command=shown), soft_wrap=True)
        console.print()
        return run_command([*global_options(self.settings), *words])


def listed(ws: Workspace, action: Action) -> tuple[Action, ...]:
    """The list an action opens."""
    if action.kind == "phase":
        return app_home.phase_actions(ws)
    if action.kind == "side":
        return app_home.side_actions(ws)
    if action.kind in ("report", "done"):
        return app_home.report_actions(ws)
    if action.kind == "exchange":
        return app_home.exchange_actions(ws)
    if action.kind == "import":
        return app_home.import_actions(ws, Path.cwd())
    if action.kind == "projects":
        return app_home.project_actions(ws)
    return app_home.guide_actions(ws)


def arguments(found: Home, action: Action) -> list[str]:
    """The command line (after the program's name) that does what an action does."""
    kind = action.kind
    partner = ["--partner", action.partner.key] if action.partner is not None and found.several else []
    if kind in ("answer", "drafts"):
        for_partner = partner if action.role == "genbruge" else []
        return ["fase", action.phase.id, "--rolle", action.role, *for_partner]
    if kind == "set-side":
        organisation = ["--organisation", action.partner.key] if action.partner is not None else []
        return ["projekt", "side", action.role, *organisation]
    fixed = {
        "conflicts": ["konflikter", *partner],
        "news": ["vis", "--nye", *partner],
        "send": ["eksport", *partner],
        "export": ["eksport"],
        "status": ["status"],
        "answers": ["vis"],
        "report": ["rapport", "--format", action.value or "md"],
        "report-overview": ["rapport", "--oversigt", "--format", action.value or "docx"],
        "import": ["importer", action.value or ""],
        "use": ["projekt", "brug", action.value or ""],
        "start": ["start"],
        "example": ["start", "--eksempel"],
        "guide-overview": ["guide", "--overblik"],
        "guide-phase": ["guide", action.phase.id if action.phase else ""],
        "guide-all": ["guide"],
    }
    return fixed[kind]


def global_options(settings: Settings) -> list[str]:
    """The global options this session was started with, for each command it runs."""
    words: list[str] = []
    for option, value in (
        ("--guide", settings.guide_dir),
        ("--hjem", settings.home),
        ("--projekt", settings.project),
    ):
        if value is not None:
            words += [option, value]
    return words + (["--debug"] if settings.debug else [])


# -- words -------------------------------------------------------------------------------------------


def title(found: Home, action: Action) -> str:
    """An action as a menu line."""
    kind = action.kind
    key = f"home.action.{kind}"
    if kind in ("news", "send", "exchange") and _several_partners(found, action):
        return t(f"{key}-several", n=action.count)
    if kind in ("conflicts", "drafts", "news", "send"):
        return t(key, n=action.count, phase=_phase_name(action), org=_other(found, action))
    if kind == "answer":
        if action.done is not None:  # in the list of phases
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
        return t("home.side-choice", side=role_title(action.role), org=clean_name(action.name or ""))
    if kind in ("report", "report-overview") and action.value:
        return t(f"home.format.{action.value}" if kind == "report" else "home.format.overview")
    if kind == "import" and action.value:
        return t("home.import-file", name=clean(action.name or action.value))
    if kind == "use":
        return _project_title(action)
    if kind == "guide-phase":
        return t("home.guide-phase", number=action.phase.number, name=clean(action.phase.name))
    return t(key)


def _project_title(action: Action) -> str:
    name = clean_name(action.name or action.value or "")
    if action.done is None:
        return t("home.use-unreadable", name=name)
    words = t("home.use", name=name, answered=action.done.answered, total=action.done.total)
    return words + (t("home.use-active") if action.active else "")


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


def project_line(found: Home) -> Text:
    """The active project in one line: name, this side (and organisation), progress, the phase."""
    overview = found.overview
    project = overview.project
    name = clean_name(project.name) + (t("home.example") if project.example else "")
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
    return Text.assemble(
        (t("home.line-project"), "bold"),
        (name, "bold"),
        t(
            "home.line-rest",
            side=side,
            answered=overview.done.answered,
            total=overview.done.total,
            phase=clean(overview.phase.name) if overview.phase else "",
        ),
    )


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
    text = say(problem.key, style="yellow", **problem.params)
    key = problem.hint if isinstance(problem.hint, str) else f"{problem.key}.hint"
    if i18n.has(key):
        text.append("\n").append_text(say(key, **problem.params))
    return text


def plain_word_tip() -> Text | None:
    """When the program was started by its path: how to make 'spredning' a plain word."""
    program = i18n.program()
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


def fitted(text: str, width: int) -> str:
    """One menu line: cut with '…' when it would not fit the terminal."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


def _file_problem(text: str) -> str | None:
    path = Path(text.strip()).expanduser()
    if not text.strip():
        return t("home.import-empty")
    return None if path.is_file() else t("home.import-missing", path=text.strip())
