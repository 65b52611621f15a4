"""The home screen: ``spredning`` alone in a terminal shows the active project and a menu.

What to offer, and in which order, comes from the application (spredning.app.home), its words
from render_home; this module runs each action as its command: the very command line, through
the same error boundary as when typed (cli.main.run_command), after showing it once ("Samme
som: ..."), so people learn the commands. Then it waits for Enter, so the output can be read at 24 rows, and
shows the menu again.

News from several partners, or answers several partners wait for, open a list of those partners
first, so the command shown is the very one run (vis --nye --partner KEY, eksport --partner KEY).

Keys: arrows and Enter choose; Esc goes back from a list to the menu, from the lists of the
commands it runs too (at the menu Esc asks whether to quit), and from their one-line fields after
the command's stop words, which give what was typed; Ctrl+C or Ctrl+D at the menu leaves
the program (exit code 130). Inside an action they end the action the way the command ends, with
its own message (an interview keeps the typed text as a draft), and the menu comes back: someone
who presses Ctrl+C in an answer wants to stop answering, not necessarily to leave.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from questionary import Choice
from rich.console import Console

from spredning.app import home as app_home
from spredning.app.home import Action, Home
from spredning.app.workspace import Settings, Workspace
from spredning.cli.commands.commandline import command
from spredning.cli.commands.names import phase_word, tool_typed
from spredning.cli.commands.workspace import tell_kept_files, tell_notice, tell_odd_files
from spredning.cli.console import make_console, say
from spredning.cli.prompts.keys import BackToMenu, menu_behind
from spredning.cli.prompts.questions import past_day_problem
from spredning.cli.prompts.simple import NO_BACK, ask_text, select
from spredning.cli.render_home import plain_word_tip, problem_text, project_line, title, welcome
from spredning.cli.render_text import print_fitted
from spredning.core import fileio
from spredning.core.errors import EXIT_INTERRUPTED, EXIT_OK
from spredning.core.shellwords import shell_word
from spredning.i18n import t

BACK = object()  # Esc in a list: back to the menu
LISTS = {  # the actions that open a list first, and the list's question
    "phase": "home.which-phase",
    "side": "home.which-side",
    "report": "home.which-format",
    "done": "home.which-format",
    "exchange": "home.which-exchange",
    "agenda": "home.which-agenda",
    "import": "home.which-file",
    "projects": "home.which-project",
    "remove": "home.which-remove",
    "restore": "home.which-restore",
    "merge": "home.which-merge",
    "guide": "home.which-guide",
    "followup": "home.which-followup",
    "worksheet": "home.which-sheet",
    "mark": "home.which-tool",
    "approve": "home.which-approve",
}
CHANGES_PROJECT = ("use", "start", "example")  # after these the active project is the one to show
# The command each line stands for: typing it finds the line ("Samme som: spredning eksport" teaches
# the commands, in either language), never shown; a line that opens a list, by its list's commands.
COMMAND_WORDS = {
    **dict.fromkeys(("answer", "drafts", "phase"), "fase"),
    **dict.fromkeys(("marks", "wait", "theirs-wait", "status"), "status"),
    **dict.fromkeys(("news", "answers"), "vis"),
    **dict.fromkeys(("versions", "overdue", "plan"), "plan"),
    **dict.fromkeys(("send", "theirs-send", "export"), "eksport"),
    **dict.fromkeys(("report", "done", "report-overview"), "rapport"),
    **dict.fromkeys(("guide", "guide-overview", "guide-phase", "guide-all"), "guide"),
    **dict.fromkeys(("side", "set-side"), "projekt side"),
    "conflicts": "konflikter",
    "followup": "klarhed godkend møde plan tilføj",
    **dict.fromkeys(("mark", "mark-tool", "readiness"), "klarhed"),
    **dict.fromkeys(("approve", "approve-phase"), "godkend"),
    **dict.fromkeys(("meeting", "meeting-day"), "møde"),
    "plan-add": "plan tilføj",
    "agenda": "dagsorden",
    **dict.fromkeys(("worksheet", "worksheet-all", "worksheet-phase"), "arbejdsark"),
    "exchange": "eksport importer arbejdsark",
    "import": "importer",
    "projects": "projekter projekt brug start",
    "use": "projekt brug",
    "start": "start",
    "example": "start eksempel",
    "remove": "projekt fjern",
    "restore": "projekt gendan",
    "merge": "projekt flet",
}


def command_words(action: Action) -> str | None:
    """The command words that find an action's line in a menu (COMMAND_WORDS).

    The follow-up's line also by the words of the lines in its list ('approve', 'tilføj'): its own
    line names the four things only as nouns.
    """
    if action.kind == "followup":
        listed = " ".join(t(f"home.action.{kind}") for kind in app_home.FOLLOWUP)
        return f"{COMMAND_WORDS['followup']} {listed}"
    return COMMAND_WORDS.get(action.kind)


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
            # new_home: a first run offers start and import. A notice (a guide without translation)
            # is told above the first menu; the actions, run as commands, tell it as they do typed.
            notice = None if self.welcomed else tell_notice
            ws = Workspace(self.settings, checked=True, new_home=True, notice=notice)
            found = app_home.home(ws)
            tell_kept_files(ws)
            console = make_console()
            self._header(console, ws, found)
            picked = select(
                t("home.question"),
                [Choice(self._title(console, found, a), a) for a in found.actions],
                back=BACK,
                instruction=t("home.menu-help"),
                found_by=command_words,
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
        if found.first_run:
            self._no_project(console, ws, found)
        elif found.overview is not None:
            console.print(project_line(found, console.width), soft_wrap=False)
        if found.problem is not None:
            console.print(problem_text(found.problem))
        if found.odd:  # project files under other names (sync copies): each with what to do
            if found.first_run:
                console.print()
                console.print(say("projects.none-but-odd", style="yellow", home=str(ws.store.shown_home)))
            tell_odd_files(console, found.odd)
        if not self.welcomed:
            tip = plain_word_tip()
            if tip is not None:
                console.print()
                console.print(tip)
        self.welcomed = True
        console.print()

    def _no_project(self, console: Console, ws: Workspace, found: Home) -> None:
        """No project in the folder: welcome on the first screen, or say none is there (yet, or now)."""
        if found.removed:  # not new here: the last project was removed, and it can come back
            if not found.odd:  # else the files under other names are said to be no projects
                console.print(say("home.no-projects-now"))
            console.print(say("home.removed-can-return", action=t("home.action.restore")))
        elif not self.welcomed:
            console.print(welcome(ws))
        elif not found.odd:
            console.print(say("home.no-projects"))

    def _title(self, console: Console, found: Home, action: Action) -> str:
        return title(found, action, console.width - 6)  # cut to fit by the list, which searches it whole

    def _really_quit(self) -> bool:
        return select(
            t("home.quit-question"),
            [Choice(t("home.quit-no"), False), Choice(t("home.quit-yes"), True)],
            back=False,
        )

    # -- running an action ---------------------------------------------------------------------
    def _do(self, console: Console, ws: Workspace, found: Home, action: Action) -> None:
        if action.partner is None and action.each:  # several partners: whose, before the command
            action = self._pick_partner(console, found, action)
            if action is BACK:
                return
        while action.kind in LISTS and action.value is None:  # a list may lead to another (files)
            action = self._pick(console, ws, found, action)
            if action is BACK:
                return
        action = typed_first(action)
        if action is BACK:
            return
        if action.kind == "merge" and not self._merge_agreed(console, ws, action):
            return
        code = self.run_command(console, arguments(found, action))
        if code is None:  # Esc in one of the command's lists: straight back to the menu
            return
        if code == EXIT_OK and action.kind in CHANGES_PROJECT:
            self.settings = self.settings._replace(project=None)  # the new or chosen one is active now
        select(
            t("home.pause"),
            [Choice(t("home.back-to-menu"), None)],
            back=None,
            instruction=t("home.pause-help"),
        )

    def _pick(self, console: Console, ws: Workspace, found: Home, action: Action):
        width = console.width - 6
        actions = listed(ws, action)
        if action.kind == "restore":  # worded as 'projekt gendan' words its list: two told apart, fitted
            choices = [Choice(line, a) for line, a in zip(_kept_lines(actions, width), actions, strict=True)]
        elif action.kind == "import":
            choices = import_choices(found, actions, width)
        else:
            choices = [Choice(title(found, a, width), a) for a in actions]  # select cuts each line
        question, help_text = t(LISTS[action.kind]), t("home.list-help")
        # the phase the user is in ('← her er I nu') is where the cursor starts (a trial: Up twice from
        # phase 1 went to phase 5)
        now = next(
            (c for c in choices if action.kind == "phase" and isinstance(c.value, Action) and c.value.active),
            None,
        )
        return select(question, choices, now, back=BACK, instruction=help_text, found_by=command_words)

    def _pick_partner(self, console: Console, found: Home, action: Action):
        """News or answers to send for several partners: the partner first.

        So the command shown ("Samme som: ...") is the very one that runs, with its --partner.
        """
        actions = app_home.partner_actions(action)
        choices = [Choice(title(found, a), a) for a in actions]
        return select(t("prompt.which-partner"), choices, back=BACK, instruction=t("home.list-help"))

    def _merge_agreed(self, console: Console, ws: Workspace, action: Action) -> bool:
        """'projekt flet' from a list: what it brings is said and asked first (home_merge)."""
        from spredning.cli.home_merge import merge_agreed

        return merge_agreed(console, ws, action.value or "", self.settings.project)

    def run_command(self, console: Console, words: list[str]) -> int | None:
        """Show the command once, then run it exactly as if typed (its errors, its exit code).

        In its lists Esc goes back to the menu, as in the home screen's own (None: it did). In its
        fields Esc stops it as Ctrl+C does, with its words and what was typed, and then the menu
        comes back at once too (None), without the pause after an action.
        """
        from spredning.cli.main import run_command

        shown = command(*(shell_word(w) for w in words), project=self.settings.project)
        print_fitted(console, t("home.same-as", command=shown), shown, "dim", rest="")
        console.print()
        try:
            with menu_behind() as behind:
                code = run_command([*global_options(self.settings), *words])
        except BackToMenu:
            return None
        return None if behind.escaped and code == EXIT_INTERRUPTED else code


def typed_first(action: Action):
    """An action that needs a text typed before its command: the action with it, or BACK at Esc.

    A partner's file by its path (importer PATH), the day of a meeting held (møde --dato DAY).
    """
    if action.kind == "import-path":
        path = ask_path(instruction=t("home.path-help"), back=BACK)
        return BACK if path is BACK else Action("import", value=path)
    if action.kind == "meeting-day":
        day = ask_text(
            t("meeting.ask-day"),
            lambda text: past_day_problem(text, "meeting.in-future"),
            instruction=t("home.meeting-day-help"),
            back=BACK,
        )
        return BACK if day is BACK else action._replace(value=day.strip() or None)
    return action


def _kept_lines(actions: tuple[Action, ...], width: int) -> list[str]:
    """The removed projects to bring back, each said as 'projekt gendan' lists it (restore_lines)."""
    from spredning.cli.render_text import restore_lines

    return restore_lines([a.kept for a in actions if a.kept is not None], width)


def listed(ws: Workspace, action: Action) -> tuple[Action, ...]:
    """The list an action opens."""
    if action.kind == "import":
        from spredning.app.exchange.importable import offered
        from spredning.app.files import default_folders

        return offered(ws, default_folders(ws))
    if action.kind == "mark":  # each tool as the command takes it typed (in English its title)
        return tuple(a._replace(value=tool_typed(ws.guide, a.value or "")) for a in app_home.tool_actions(ws))
    return LISTED.get(action.kind, app_home.guide_actions)(ws)


LISTED = {  # the lists that need only the workspace (import also its folders; guide is the rest)
    "phase": app_home.phase_actions,
    "side": app_home.side_actions,
    "report": app_home.report_actions,
    "done": app_home.report_actions,
    "exchange": app_home.exchange_actions,
    "followup": app_home.followup_actions,
    "worksheet": app_home.worksheet_actions,
    "approve": app_home.approve_actions,
    "agenda": app_home.agenda_actions,
    "remove": app_home.remove_actions,
    "restore": app_home.restore_actions,
    "merge": app_home.merge_actions,
    "projects": app_home.project_actions,
}


def arguments(found: Home, action: Action) -> list[str]:
    """The command line (after the program's name) that does what an action does."""
    kind = action.kind
    partner = ["--partner", action.partner.key] if action.partner is not None and found.several else []
    if kind in ("answer", "drafts"):
        assert action.phase is not None and action.role is not None
        for_partner = partner if action.role == "genbruge" else []
        # Only the menu's 'Fortsæt i fasen …: <spørgsmål>' goes on (it named the question it opens); a phase
        # from the list of phases ('Besvar eller ret en fase') asks how to go on: answers can be revised
        go_on = ["--fortsæt"] if kind == "answer" and action.done is None else []
        return ["fase", phase_word(action.phase), "--rolle", action.role, *for_partner, *go_on]
    if kind == "set-side":
        assert action.role is not None
        organisation = ["--organisation", action.partner.key] if action.partner is not None else []
        return ["projekt", "side", action.role, *organisation]
    if kind == "mark-tool":  # the command asks the colour, a reason (and the dialogue, of several)
        return ["klarhed", action.value or ""]
    if kind == "meeting-day" and action.value:
        return ["møde", "--dato", action.value]
    if kind == "versions" and action.value:  # the one action in two versions: settled by changing it
        return ["plan", "ret", action.value]
    phase = phase_word(action.phase) if action.phase else ""
    fixed = {
        "conflicts": ["konflikter", *partner],
        "versions": ["plan", *partner],
        "marks": ["status", *partner],  # every version, and the command that settles each
        "wait": ["status", *partner],  # nothing to do but wait: where everyone has come
        "theirs-wait": ["status", *partner],
        "news": ["vis", "--nye", *partner],
        "overdue": ["plan", *partner],
        "plan": ["plan", *partner],
        "agenda": ["dagsorden", "--format", action.value or "docx", *partner],
        "worksheet-all": ["arbejdsark", *partner],
        "worksheet-phase": ["arbejdsark", "--fase", phase, *partner],
        "send": ["arbejdsark" if action.sheet else "eksport", *partner],  # only sheets so far: one more
        "theirs-send": ["eksport", *partner],
        "export": ["eksport"],
        "status": ["status"],
        "answers": ["vis"],
        "readiness": ["klarhed"],
        "approve-phase": ["godkend", phase],
        "meeting": ["møde"],
        "meeting-day": ["møde"],
        "plan-add": ["plan", "tilføj"],
        "report": ["rapport", "--format", action.value or "md"],
        "report-overview": ["rapport", "--oversigt", "--format", action.value or "docx"],
        "import": ["importer", from_here(action.value or "")],
        "use": ["projekt", "brug", action.value or ""],
        "remove": ["projekt", "fjern", action.value or ""],
        "restore": ["projekt", "gendan", action.value or ""],
        "merge": ["projekt", "flet", action.value or ""],
        "start": ["start"],
        "example": ["start", "--eksempel"],
        "guide-overview": ["guide", "--overblik"],
        "guide-phase": ["guide", phase],
        "guide-all": ["guide"],
    }
    return fixed[kind]


def from_here(path: str) -> str:
    """A file's path from the current folder when it is in it (as the user would type it), else whole.

    A name that begins with '-' is written './-x', so the command does not read it as an option.
    """
    import os

    if not path:
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows): only the whole path reaches it
        return path
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path
    return os.path.join(os.curdir, relative) if relative.startswith("-") else relative


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


def import_choices(found: Home, actions: tuple[Action, ...], width: int) -> list[Choice]:
    """The files to import as the list offers them (import_actions), and a path to type last."""
    choices = [Choice(title(found, a, width), a) for a in actions]  # select cuts each line
    return [*choices, Choice(t("home.action.import-path"), Action("import-path"))]


def ask_path(instruction: str | None = None, back=NO_BACK):
    """The path of a partner's file, typed (Tab completes it): the file it names, or `back` at Esc.

    Without `back`, Esc stops the command as Ctrl+C does (ask_text), and the help says so.
    """
    path = ask_text(t("home.import-ask"), _file_problem, instruction=instruction, back=back, paths=True)
    return path if path is back else str(typed_path(path))


def ask_import_file(console: Console, ws: Workspace) -> str:
    """'importer' without its file, in a terminal: the files here that would import, to pick one.

    The home screen's list, but only the files addressed to us that the import would take (judged
    as the refusal without a terminal judges them). With none, it says why (none would import, or
    all were imported already) and asks for a path. The file chosen, or a path typed after 'En anden
    fil'; a stop ends the command.
    """
    from spredning.app.exchange.importable import importable
    from spredning.app.files import default_folders
    from spredning.cli.render_text import print_whole

    judged = importable(ws, default_folders(ws))
    why = none_importable(judged)
    if why is not None:
        print_whole(console, say(_NONE_HERE[why[0]], style="yellow", **why[1]))
        return ask_path()
    chosen = select(t(LISTS["import"]), import_choices(app_home.home(ws), judged.good, console.width - 6))
    return ask_path() if chosen.kind == "import-path" else chosen.value or ""


def none_importable(judged) -> tuple[str, dict[str, object]] | None:
    """Why no file here is offered to import (app.exchange.importable), and what to name; None if one is.

    'nothing' (no partner's file lies here), 'broken' (none of the files addressed to us would
    import) or 'brought' (all were imported already), the last two with how many and one of them,
    named from the working folder. Each caller words it (a refusal, or the list's place).
    """
    if judged.good:
        return None
    if judged.failed:
        return "broken", {"n": len(judged.failed), "file": here_word(judged.failed[0])}
    if judged.brought:
        return "brought", {"n": len(judged.brought), "file": from_here(judged.brought[0].value or "")}
    return "nothing", {}


_NONE_HERE = {  # none_importable's reasons, said in a terminal before the path is asked
    "nothing": "importer.none-here",
    "broken": "importer.none-here-broken",
    "brought": "importer.none-here-brought",
}


def here_word(action: Action) -> str:
    """An offered file's path from the working folder, as one shell word."""
    return shell_word(from_here(action.value or ""))


def typed_path(text: str) -> Path:
    """The path in a typed or pasted text, as the file it names.

    A file dragged from a file manager into the terminal arrives wrapped in quotes with a blank
    after it, as a file:// address, or (macOS Terminal) with a backslash before each blank.
    """
    words = text.strip()
    if len(words) >= 2 and words[0] == words[-1] and words[0] in "'\"":
        words = words[1:-1]
    elif os.sep == "/" and "\\" in words and not Path(words).expanduser().exists():
        words = re.sub(r"\\(.)", r"\1", words)  # a backslash is no separator here: it escapes
    if words.startswith("file://"):
        words = url2pathname(urlsplit(words).path)
    return Path(words).expanduser()


def _file_problem(text: str) -> str | None:
    if not text.strip():
        return t("home.import-empty")
    path = typed_path(text)
    if path.is_dir():  # Tab completed a folder's name: the file is in it
        return t("home.import-folder", path=str(path))
    if path.is_file():
        return None
    try:  # there, but no ordinary file (a pipe, a device, a socket): not said to be missing
        kind = fileio.kind_of(os.stat(path).st_mode)
    except OSError:
        return t("home.import-missing", path=str(path))
    return t("home.import-not-a-file", path=str(path), kind=t(f"files.kind.{kind}"))
