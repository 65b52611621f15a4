"""What the commands share: options (sides, phases, partners), the workspace, hints and paging."""

from __future__ import annotations

import contextlib
import contextvars
import enum
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import typer

from spredning import i18n
from spredning.app.dialogue import PartnerChoice, partner_for, several_dialogues
from spredning.app.dialogue import parse_role as _parse_role
from spredning.app.workspace import Workspace
from spredning.core.errors import Interrupted, Message, SpredningError, UsageProblem
from spredning.core.local import LocalState
from spredning.core.model import Guide, Partner, Phase, Project, fold_name, meant_text
from spredning.core.salvage import Salvage
from spredning.core.shellwords import path_word, shell_word
from spredning.i18n import t

T = TypeVar("T")
# the guide folder of the workspace this run works in: a phase an error names by its id is named
# from it as this user's hints name phases (named_phase), after the command has ended in the error
_GUIDE_DIR: contextvars.ContextVar[tuple[str | None]] = contextvars.ContextVar("guide_dir", default=(None,))


def workspace(ctx, *, new_home: bool = False) -> Workspace:
    """The workspace the global options chose; when the command ends, files kept aside are told.

    new_home: the command makes a new project, so the chosen folder's last level may be created.
    """
    ws = Workspace(ctx.obj, checked=True, new_home=new_home, notice=tell_notice)
    _GUIDE_DIR.set((ws.settings.guide_dir,))
    ctx.call_on_close(lambda: tell_kept_files(ws))  # also after an error or an interrupt
    if ctx.obj.project is not None:  # from here on the project named is its file name (its slug):
        with contextlib.suppress(SpredningError):  # hints repeat it as one shell word, never quoted
            slug = ws.slug()  # (a name not found: the command says so itself)
            ctx.obj = ws.settings = ctx.obj._replace(project=slug)  # found by its file: not looked up again
            i18n.set_named_project(slug)
    return ws


def tell_notice(message: Message) -> None:
    """Say a notice from the workspace on stderr: a guide shown in Danish for want of a translation."""
    from spredning.cli.console import make_console, said

    make_console(stderr=True).print(said(message, style="yellow"))


def tell_kept_files(ws: Workspace) -> None:
    """Say once, on stderr, where this run kept a file aside.

    A project file not in the program's own form (edited by hand) is kept as a backup before it is
    written; a state file that could not be read is moved aside (see local.py). Each is said once,
    whether after the work (fase) or when the command ends (see workspace).
    """
    from spredning.cli.console import make_console, say
    from spredning.cli.render_text import print_said

    tell_went_back(ws)
    tell_not_remembered(ws)
    kept, backups = ws.untold_files()
    if kept or backups:
        console = make_console(stderr=True)
        for path in backups:
            shown = written_path(path)
            print_said(console, say("store.backup", style="dim", path=shown), shown)
        for path in kept:
            shown = written_path(path)
            found = ws.salvaged(path)
            if found is not None:
                tell_salvaged(console, ws, found, shown, path)
                continue
            print_said(console, say("local.kept-damaged", style="yellow", path=shown), shown)
            console.print(say("local.kept-damaged.hint", style="dim"))


def tell_salvaged(console, ws: Workspace, found: Salvage, shown: str, kept: Path) -> None:
    """Tell what was read back from a damaged state file (drafts, reasons), what was not, and where it is.

    Lines of the user's text that could not be read are named for the user to look up; lines of the
    program's own notes are named with what losing them means, and nothing is asked of the user.
    """
    from spredning.app.views import dialogue_names, salvaged_consequences, salvaged_texts
    from spredning.cli.console import say
    from spredning.cli.render_text import print_said, print_whole

    if found.empty:
        print_said(console, say("local.salvaged.empty", style="yellow", path=shown), shown)
        console.print(say("local.salvaged.empty.hint", style="dim"))
        return
    print_said(console, say("local.salvaged", style="yellow", path=shown), shown)
    items = salvaged_texts(ws.guide, found, dialogue_names(ws, kept))
    lines = [str(first) if first == last else f"{first}-{last}" for first, last in found.lost]
    if items:
        print_whole(console, say("local.salvaged.texts", n=len(items), items=items))
    else:
        console.print(say("local.salvaged.no-texts.lost" if lines else "local.salvaged.no-texts"))
    if lines:
        count = sum(last - first + 1 for first, last in found.lost)
        console.print(say("local.salvaged.lost", style="yellow", n=count, lines=lines))
    console.print(say("local.salvaged.hint.lost" if lines else "local.salvaged.hint", style="dim"))
    if found.forgotten:  # the program's own notes: what losing them means, nothing to copy
        count = sum(last - first + 1 for first, last in found.forgotten)
        notes = [str(first) if first == last else f"{first}-{last}" for first, last in found.forgotten]
        told = salvaged_consequences(found)
        print_whole(
            console, say("local.salvaged.forgotten", style="dim", n=count, lines=notes, consequences=told)
        )


def tell_not_remembered(ws: Workspace) -> None:
    """Warn, on stderr, that a helper file of this computer's could not be written after the work.

    The work is done (the answer saved, the file written); what this computer remembers about it
    is not, so the user hears what that means and what to do, once per file.
    """
    from spredning.cli.console import make_console, say
    from spredning.cli.render_text import print_said
    from spredning.core.errors import NO_ACCESS

    found = ws.untold_not_remembered()
    if not found:
        return
    console = make_console(stderr=True)
    for item in found:
        shown = written_path(item.path)
        if item.active:
            key = "local.not-active" if item.reason else "local.not-active.problem"
            use = command("status", project=item.slug)
            print_said(console, say(key, style="yellow", path=shown, problem=item.problem), shown)
            print_said(console, say("local.not-active.hint", style="dim", command=use), use)
            continue
        folder = written_path(item.path.parent)
        key = "local.not-remembered" if item.reason else "local.not-remembered.problem"
        print_said(console, say(key, style="yellow", path=shown, problem=item.problem), shown)
        console.print(say("local.not-remembered.hint", style="dim"))
        if item.reason and item.problem.key in NO_ACCESS:  # who to ask, as for any file
            print_said(console, say("local.not-remembered.access", style="dim", folder=folder), folder)
        else:
            console.print(say("local.not-remembered.other", style="dim"))


def tell_went_back(ws: Workspace) -> None:
    """Warn, on stderr, of a project file that seems to have been replaced by an older copy of it.

    This computer gave some of its answers newer versions than the file now holds (a sync program's
    "restore previous version" can do that): the user is told which, and where the newer ones may
    be. Nothing is written over; each finding is told once (see store.WentBack).
    """
    from spredning.app.views import slot_place
    from spredning.cli.console import make_console, say

    found = ws.untold_went_back()
    if not found:
        return
    console = make_console(stderr=True)
    for item in found:
        places = [slot_place(ws.guide, item.project, slot) for slot in item.slots]
        console.print(
            say("store.went-back", style="yellow", n=len(places), path=str(item.path), places=places)
        )
        console.print(say("store.went-back.hint", style="dim"))


def parse_role(value: str | None) -> str | None:
    """Accept 'dele' or 'genbruge' in any case; None stays None.

    One that is no side is refused (exit 2); in a terminal the sides are offered, why said above them.
    """
    try:
        return _parse_role(value)
    except UsageProblem as refused:
        if not is_interactive():
            raise
        from spredning.cli.offered import offered_role

        return offered_role(refused)


def parse_phase(guide: Guide, value: str) -> Phase:
    """Find a phase by name as the guide writes it, in any case, or in ASCII (hoest for Høst).

    An empty value (a script's empty variable) is a usage error naming the phases, not all phases;
    so is one that names no phase. In a terminal the phases are offered instead, why said above
    them, the closest chosen already (cli/offered.py).
    """
    try:
        return _named_phase(guide, value)
    except UsageProblem as refused:
        if not is_interactive():
            close = refused.params.get("close")
            example = put_right(value, close[0]) if isinstance(close, list) and close else None
            if example is not None:  # the user's own command with the closest phase, to copy
                refused.hint = Message("usage.unknown-phase.command", {"command": example})
            raise
        from spredning.cli.offered import offered_phase

        return offered_phase(refused, guide)


def put_right(value: str, right: str, options: Sequence[str] = ()) -> str | None:
    """The command typed in this run with `right` in place of its last `value` (or --option=`value`).

    With `options` ('--rolle', '-r'), only a value given to one of them is put right, not the same
    word elsewhere (a --hvad that happens to say it). None when `value` is none of its words.
    Each word is quoted for the shell, as a hint shows it.
    """
    words = list(i18n.typed_command())
    shown = [shell_word(word) for word in words]
    for position in reversed(range(len(words))):
        option, equals, given = words[position].partition("=")
        after = words[position - 1] if position else ""
        if words[position] == value and (not options or after in options):
            shown[position] = shell_word(right)
        elif equals and option.startswith("--") and given == value and (not options or option in options):
            shown[position] = f"{option}={shell_word(right)}"  # --status='i gang', not '--status=i gang'
        else:
            continue
        return " ".join([i18n.program_here(), *shown])
    return None


# Refusals of a value that name the closest right one: (the parameter with the value, the words before it).
# An argument is put right where it follows its command's word ('projekt side del', 'klarhed beskriv').
PUT_RIGHT = {
    "dialogue.unknown-role": ("value", ("--rolle", "-r", "side")),
    "dialogue.unknown-partner": ("name", ("--partner",)),
    "plan.bad-status": ("value", ("--status",)),
    "plan.bad-source": ("value", ("--fase",)),
    "readiness.unknown-tool": ("value", ("klarhed",)),
}


def put_right_hint(refused: SpredningError) -> Message | None:
    """A wrong --rolle, --partner, --status, --fase or tool close to a right one: the command put right.

    As an unknown phase's refusal gives it ('Fx: spredning fase tjek --rolle genbruge'), under the
    key's own '.command' words. None when the value was not given to that option in this run (a
    name given another way) or nothing is close to it.
    """
    wanted = PUT_RIGHT.get(refused.key)
    close = refused.params.get("close")
    if wanted is None or not isinstance(close, list) or not close:
        return None
    parameter, options = wanted
    example = put_right(str(refused.params.get(parameter, "")), str(close[0]), options)
    return Message(f"{refused.key}.command", {**refused.params, "command": example}) if example else None


def _named_phase(guide: Guide, value: str) -> Phase:
    if not value.strip():
        raise UsageProblem("usage.empty-phase", phases=phase_words(guide))
    phase = guide.find_phase(value)
    if phase is None:
        close = close_phases(guide, value)
        raise UsageProblem("usage.unknown-phase", value=value, close=close, phases=phase_words(guide))
    return phase


def phase_word(phase: Phase) -> str:
    """The phase as a hint's command names it and a user types it: 'høst', 'harvest' (i18n.phase_word)."""
    return i18n.phase_word(phase.id, phase.name)


def named_phase(phase_id: str) -> str:
    """A phase an error from the core names by its id ('hoest'), as a hint's command names it here.

    As phase_word names it ('høst'; in English 'harvest'), from the guide of the workspace this
    run worked in. An id the guide does not have (or a guide that cannot load) stays.
    """
    from spredning.core.content import load_guide

    try:
        found = load_guide(_GUIDE_DIR.get()[0], i18n.language()).find_phase(phase_id)
    except (SpredningError, OSError):
        return phase_id
    return phase_word(found) if found is not None and found.id == phase_id else phase_id


def tool_word(guide: Guide, tool_id: str) -> str:
    """A tool (by its id, whole or its own part) as a hint's command names it, quoted for the shell.

    In Danish its id ('beskriv-innovationen', its own part when no other tool has it); in another
    language its title ('Describe the innovation'), as phases are named by their English names
    there: the ids are Danish. klarhed and plan --fase take both.
    """
    from spredning.app.readiness import short_tool_id

    tools = (tool for phase in guide.phases for tool in phase.tools)
    found = next((tool for tool in tools if tool_id in (tool.id, tool.id.partition(".")[2])), None)
    if found is None:
        return shell_word(tool_id)
    if i18n.language() == "da":
        return short_tool_id(guide, found.id)
    return shell_word(found.title)


def phase_words(guide: Guide) -> list[str]:
    """The guide's phases as a command takes them, each with its name when that differs.

    'høst' as the guide writes it (its name when that is its id in æøå); in English the names an
    English user types ('check', 'harvest'); a phase whose name is no word to type, 'id (Name)'.
    """
    return [phase_word(p) + (f" ({p.name})" if p.name.lower() != phase_word(p) else "") for p in guide.phases]


def close_phases(guide: Guide, value: str) -> list[str]:
    """The phases whose name or id is close to what was typed ('tjk' -> 'tjek'), one form each.

    Each as the user types it (phase_word): 'høst' as the guide writes it, not 'hoest'; in English
    'check', also for a Danish id misspelt. Markup in front ('[red]tjk') is no part of the match.
    """
    import difflib

    forms: dict[str, tuple[str, str]] = {}  # folded form -> (the phase's id, the form as shown)
    for phase in guide.phases:
        forms.setdefault(fold_name(phase.name), (phase.id, phase_word(phase)))
        forms.setdefault(fold_name(phase.id), (phase.id, phase_word(phase)))
    chosen: dict[str, str] = {}  # one form per phase: the closest
    for folded in difflib.get_close_matches(fold_name(meant_text(value)), list(forms), n=3, cutoff=0.7):
        chosen.setdefault(*forms[folded])
    return list(chosen.values())


def parse_phases(guide: Guide, values: Iterable[str] | None) -> tuple[Phase, ...] | None:
    """Several --fase values, in the guide's order; None when none was given."""
    if not values:
        return None
    chosen = {parse_phase(guide, value).id for value in values}
    return tuple(p for p in guide.phases if p.id in chosen)


def roles_for(role: str | None) -> tuple[str, ...]:
    """The sides to show: the chosen one, or both."""
    return (role,) if role else ("dele", "genbruge")


def is_interactive() -> bool:
    """True when both stdin and stdout are terminals, so prompts can be shown."""
    return sys.stdin is not None and sys.stdin.isatty() and sys.stdout is not None and sys.stdout.isatty()


@contextlib.contextmanager
def typed_kept(again: Callable[[], str | None]) -> Iterator[None]:
    """A save that fails after a terminal asked (the file made read-only, locked or damaged meanwhile).

    What was typed is not lost: after the error's own hint comes `again`, the command that saves
    it (None: nothing typed to keep).
    """
    try:
        yield
    except SpredningError as failed:
        shown = again()
        if shown is None:
            raise
        from spredning.cli.main import error_hint

        hint = error_hint(failed)
        params = {"command": shown, "hint": hint}
        failed.hint = Message("save.typed-again" if hint is None else "save.typed-again-after", params)
        raise


def writable_before_asking(ws: Workspace, asking: object) -> None:
    """A read-only project file said before a terminal asks what would be saved in it (when `asking`).

    Found only at the save, what was typed (a mark's reason, an action, a name) was lost.
    """
    if asking and is_interactive():
        ws.check_writable()


def choose_partner(
    project: Project, state: LocalState, option: str | None, required: bool = True
) -> Partner | None:
    """The partner a command is about; with several and none named, a terminal asks.

    So it does when --partner names none of them (or several): why is said above the partners.
    """
    return partner_picked(project, state, option, required)[0]


def partner_picked(
    project: Project, state: LocalState, option: str | None, required: bool = True
) -> tuple[Partner | None, bool]:
    """choose_partner's partner, and whether the user picked it from a list in this run."""
    try:
        return partner_for(project, state, option, required), False
    except PartnerChoice as choice:
        if not is_interactive():
            raise
        from spredning.cli.prompts.questions import ask_partner

        return ask_partner(choice.partners), True
    except UsageProblem as refused:
        return partner_offered(refused, project), True


WRONG_PARTNER = ("dialogue.unknown-partner", "dialogue.ambiguous-partner")  # a --partner a list may put right


def partner_offered(refused: UsageProblem, project: Project) -> Partner:
    """--partner that names no partner (or several), in a terminal: the partners offered, else refused.

    Why is said above them, the one closest to the name given chosen already.
    """
    if not (refused.key in WRONG_PARTNER and project.partners and is_interactive()):
        raise refused
    from spredning.cli.offered import offered_partner

    return offered_partner(refused, project.partners)


# What choose_dialogue says for each kind of record: the problem without a terminal, the question.
DIALOGUE_WORDS = {
    "plan": ("plan.which-dialogue", "plan.ask-dialogue"),
    "readiness": ("readiness.which-dialogue", "readiness.ask-dialogue"),
    "approval": ("approval.which-dialogue", "approval.ask-dialogue"),
}


def choose_dialogue(
    project: Project, state: LocalState, option: str | None, general: bool, what: str = "plan"
) -> tuple[Partner | None, bool]:
    """The dialogue a new action, mark or approval (`what`) belongs to, and whether it is common.

    With several partners and neither --partner nor --fælles, a terminal asks (each partner, or
    common to all); a script is told to give one of the two.
    """
    from spredning.app.plan import DialogueChoice, dialogue_for

    problem, question = DIALOGUE_WORDS[what]
    try:
        return dialogue_for(project, state, option, general, problem)
    except PartnerChoice as choice:  # a reusing organisation that has not said which it is
        if not is_interactive():
            raise
        from spredning.cli.prompts.questions import ask_partner

        return ask_partner(choice.partners), False
    except DialogueChoice as choice:
        if not is_interactive():
            raise
        from spredning.cli.prompts.questions import ask_dialogue

        picked = ask_dialogue(choice.partners, i18n.t(question))
        return picked, picked is None
    except UsageProblem as refused:  # a --partner naming none of them: offered in a terminal
        return partner_offered(refused, project), False


class NamedProject(enum.Enum):
    """A project hints name by default: the one this run's --projekt named (see command)."""

    PROJECT = "the project named with --projekt"


NAMED = NamedProject.PROJECT  # command()'s default project: the one this run's --projekt named, if any


def command(*words: str, partner: Partner | None = None, project: str | NamedProject | None = NAMED) -> str:
    """A command line for a hint, written the way this user can run it.

    It works on the project this command works on: with --projekt NAME when the user named one,
    so the hint does not act on the active project instead. A hint about another project passes
    it (or None: the active one, e.g. a project just made active).
    """
    parts = [i18n.program(), *words]
    if partner is not None and partner.key:
        parts += ["--partner", partner.key]
    word = i18n.named_project() if project is NAMED else shell_word(project) if project else None
    if word:
        parts += ["--projekt", word]
    return " ".join(parts)


def given_words(ctx, kind: str = "option", without: Iterable[str] = ()) -> list[str]:
    """What the user gave `ctx`'s command, written again as words: its options (or arguments).

    Options in the order given, each by its long name ('-f html' as '--format html'); a value a
    shell would split is in double quotes, as the catalogue's {x:shell} writes it, so it reads
    whole inside a hint's single quotes. `without`: the names of options left out (given anew).
    """
    params = {param.name: param for param in ctx.command.params if param.name not in without}
    words: list[str] = []
    for name, value in ctx.params.items():  # in the order given on the command line
        param = params.get(name)
        if param is None or param.param_type_name != kind or value is None or value == param.default:
            continue
        option = (
            [] if kind != "option" else [next((o for o in param.opts if o.startswith("--")), param.opts[0])]
        )
        if getattr(param, "is_flag", False):
            words += option if value else []
            continue
        for one in value if isinstance(value, (list, tuple)) else (value,):
            word = shell_word(str(one))
            if word != str(one) and not any(c in str(one) for c in '"$`\\!') and str(one).isprintable():
                word = f'"{one}"'  # inside the message's single quotes
            words += [*option, word]
    return words


def own_command(ctx, *added: str, without: Iterable[str] = ()) -> str:
    """The user's own command again, as given (arguments, options, --projekt), with `added` at its end.

    A refusal whose way on is the very same command with one more option ('--overskriv') gives
    it whole, to copy and run. `without`: options given anew in `added` (a partner picked from a list).
    """
    root = ctx.find_root().command_path
    words = ctx.command_path[len(root) :].split()
    return command(*words, *given_words(ctx, "argument"), *given_words(ctx, without=without), *added)


def settle_marked(params: Mapping[str, object]) -> str:
    """The 'konflikter' command that repairs a project file git left its markers in.

    It names the project (--projekt SLUG) unless a command without --projekt works on that very
    file (it is the active or the only project, and no other was named): in a folder of several
    projects the marked one need not be the active one (picked with 'projekt brug', or the
    home screen's list of projects), and a bare 'konflikter' would then work on another project.
    `params` are the error's (see Store.open); without a slug the project this command works on.
    """
    slug = params.get("slug")
    if not isinstance(slug, str):
        return command("konflikter")
    if i18n.named_project() is None and params.get("default"):
        return command("konflikter", project=None)
    return command("konflikter", project=slug)


def out_path(ud: str | None) -> Path | None:
    """The file --ud names; None without --ud. An empty name is a usage error, not the default name."""
    if ud is None:
        return None
    if not ud.strip():
        raise UsageProblem("usage.empty-file-name")
    if ud.strip() == "-":  # many programs' "the screen": here a file named "-" would be made instead
        raise UsageProblem("usage.dash-file-name")
    return Path(ud)


def in_path(name: str, option: str) -> Path:
    """The file a command reads (`importer FIL`, `--svar FIL`): an empty name is a usage error.

    Else it was read as the current folder ("Filen . kan ikke læses (det er en mappe)") or a
    file with no name at all: a script's empty variable, said as a folder problem. A lone "-" is
    refused as not reading standard input (a file named - is ./-): the answers are asked for on
    standard input in a terminal, and a piped file would be read without the checks a file gets.
    """
    if not name.strip():
        raise UsageProblem("usage.empty-read-file", option=option)
    if name.strip() == "-":  # many programs' "standard input": here it was looked for as a file named -
        raise UsageProblem("usage.dash-read-file", option=option)
    return Path(name)


# What a file name's ending says the file holds, for the commands that write one (--ud). A file that
# holds something else would not open in the program its name sends it to (Word, a PDF reader).
_ENDINGS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".doc": "doc",
    ".odt": "odt",
    ".rtf": "rtf",
    ".pdf": "pdf",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".ics": "ics",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".txt": "txt",
}
_PLAIN_TEXT = {"md", "csv", "yaml"}  # opened as text, as a .txt file is: that name is fine for them


def named_format(ud: str | None) -> str | None:
    """The kind of file --ud's ending names (md, pdf, csv, ...); None without --ud or a known ending."""
    return _ENDINGS.get(Path(ud).suffix.lower()) if ud else None


def chosen_format(option: str | None, ud: str | None, formats: Iterable[str], default: str) -> str:
    """--format as given; else the format --ud's ending names, when the command writes it; else default."""
    if option is not None:
        return option
    named = named_format(ud)
    return named if named is not None and named in formats else default


def check_ending(ws: Workspace, ud: str | None, written: str, formats: Iterable[str] = ()) -> None:
    """Refuse a --ud whose ending names another kind of file than the one `written` (md, docx, ...).

    `formats` are the ones the command can write with --format: the hint offers the one named. A
    name in the projects folder, or any projects folder's own file, is left to the writer, which
    refuses it for that, the graver reason.
    """
    named = named_format(ud)
    if ud is None or named is None or named == written or _in_folder(Path(ud), ws.store.home):
        return
    if named == "txt" and written in _PLAIN_TEXT:
        return
    from spredning.core import ownfiles

    try:
        ownfiles.check_target(Path(ud))  # another projects folder's own file: refused for that
    except SpredningError:
        return
    ending = Path(ud).suffix
    suggestion = path_word(str(Path(ud).with_suffix(f".{written}")))
    hint = "files.wrong-ending.format-hint" if named in formats else "files.wrong-ending.hint"
    raise UsageProblem(
        "files.wrong-ending",
        path=ud,
        ending=ending,
        kind=f".{written}",
        hint=Message(hint, {"suggestion": suggestion, "named": named, "ending": ending}),
    )


def _in_folder(path: Path, folder: Path) -> bool:
    try:
        where, home = path.absolute().parent.resolve(), folder.resolve()
    except OSError:
        return False
    return where == home or home in where.parents


def hint_partner(project: Project, state: LocalState, partner: Partner | None) -> Partner | None:
    """The partner a hint names with --partner: only when the command cannot tell the dialogue itself.

    That is with several partners, and not on the reusing side that knows which organisation it
    is: its only dialogue is its own, however many partners its file lists.
    """
    return partner if several_dialogues(project, state) else None


@contextlib.contextmanager
def interrupted_as(key: str) -> Iterator[None]:
    """Ctrl+C or Ctrl+D at a prompt ends the command with `key`, the words for what was not done.

    Only around the asking: an interrupt held back while the store writes would otherwise be
    told as nothing done after all was saved.
    """
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(key) from None


def tell_left(left: Message, hint: Message | None) -> None:
    """Esc in a list took the home screen's user back to the menu: what was not done, and what was typed.

    As Ctrl+C's words would say it (without 'Stoppet.'), so the text typed in the command's earlier
    fields is given back as the command that uses it, not lost in silence. The caller raises on.
    """
    from spredning.cli.main import print_error

    with contextlib.suppress(OSError):
        print_error(left, hint, label=False)


def written_path(path) -> str:
    """Where a file was written, in full: the user finds it from there to attach it to a mail."""
    import os

    return os.path.abspath(path)


def tell_written(key: str, path, console, **params) -> None:
    """Say that a file was written: its full path kept whole on a line, the words around it wrapped.

    A path longer than the line still is one piece (the terminal folds it; copying takes it whole).
    """
    from spredning.cli.console import tell
    from spredning.cli.render_text import fitted_text

    shown = written_path(path)
    text = t(key, path=shown, **params)
    tell(console, fitted_text(text, shown, console.width, "bold green", rest=""), soft_wrap=True)


def tell_beside(beside: bool, console) -> None:
    """Say, under the written path, why a file went beside the projects folder (app/files.py place)."""
    if beside:
        from spredning.cli.console import say

        console.print(say("files.beside-projects-folder"))


def here_word(path: Path) -> str:
    """A file as a command run here names it: its name in the working folder, else where it is from here."""
    import os

    try:
        if os.path.dirname(os.path.abspath(path)) == os.getcwd():
            return shell_word(path.name)
        return shell_word(os.path.relpath(path))
    except (ValueError, OSError):  # another drive (Windows), or no working folder: as it was given
        return shell_word(str(path))


def file_word(path: Path, beside: bool) -> str:
    """The file as a hint's command names it: its name, or where it is from here when put beside."""
    if not beside:
        return shell_word(path.name)
    import os

    try:
        return shell_word(os.path.relpath(path))
    except ValueError:  # another drive (Windows): only the whole path reaches it
        return shell_word(str(path))


REFUSED = ("files.exists", "files.changed")  # another file there (fileio.write_output): asked, or refused


def replacing(ctx, write: Callable[[bool], T], path, overwrite: bool, kind: str = "files", **params) -> T:
    """Write with `write(overwrite)`, asking in a terminal before another file is replaced.

    The program's own earlier file, unchanged since, is replaced without asking (see app/files.py);
    any other file that is there already is replaced after a yes, or (without a terminal) with
    --overskriv only, and a copy of it is kept first (told by tell_copy). The question and the
    refusal say whether the file was written here and changed since, or is not known here.
    `kind`: the catalogue's words for what is refused and asked ('arbejdsark': a worksheet that
    may hold a partner's answers, `params` giving the command that imports it first). The refusal
    gives the user's own command (`ctx`'s) with --overskriv, to run when the file is to go.
    `path`: None when only the write knows it (an export's): the refusal's then.
    """
    try:
        return write(overwrite)
    except SpredningError as exc:
        if exc.key not in REFUSED or overwrite:
            raise
        which = exc.key.removeprefix("files.")
        if not is_interactive():
            again = own_command(ctx, "--overskriv")
            raise SpredningError(f"{kind}.{which}", **{**exc.params, **params, "again": again}) from None
        path = path if path is not None else exc.params["path"]
    from questionary import Choice

    from spredning.cli.console import make_console, say
    from spredning.cli.prompts.simple import select

    question = t(f"{kind}.replace-question.{which}", path=written_path(path), **params)
    choices = [Choice(t("files.replace-yes"), True), Choice(t("files.replace-no"), False)]
    if not select(question, choices, default=choices[1]):
        console = make_console()
        console.print(say("files.kept", path=written_path(path)))
        if kind != "files":  # the command that brings in what the file may hold, again under the question
            from spredning.cli.render_text import print_said

            print_said(console, say(f"{kind}.bring-in", **params), params["command"])
        raise typer.Exit(0)
    return write(True)


def tell_copy(copy, console) -> None:
    """Say where the file a write replaced is kept (fileio.keep_copy), when one was kept."""
    if copy is not None:
        tell_written("files.copy-kept", copy, console)


def one_line_options(*options: tuple[str, str | None], again: Callable[[], str] | None = None) -> None:
    """Refuse the options of one-line fields whose text has a line break or a tab inside it (all named).

    Saved, the breaks would become spaces: the text shown later would not be the text given.
    Said before anything is asked or saved. `again`: the user's own command put right (its texts
    on one line, see typed_words), the refusal's example.
    """
    from spredning.core.textsafe import breaks_a_line

    broken = [option for option, value in options if value is not None and breaks_a_line(value)]
    if not broken:
        return
    key, example = (  # every one named at once
        ("usage.one-line", "usage.one-line.again")
        if len(broken) == 1
        else ("usage.one-line-several", "usage.one-line-several.again")
    )
    hint = Message(example, {"command": again()}) if again is not None else None
    if len(broken) == 1:
        raise UsageProblem(key, hint=hint, option=broken[0])
    raise UsageProblem(key, hint=hint, options=broken)


def texts_to_correct(
    *options: tuple[str, str | None], again: Callable[[], str] | None = None
) -> dict[str, str]:
    """One-line options with a line break: refused (one_line_options), or in a terminal the fields to open.

    In a terminal: {option: why it was refused} for each such option, whose field then opens
    holding the text given, the problem said above it, to correct (as 'plan tilføj --hvad').
    """
    from spredning.core.textsafe import breaks_a_line

    try:
        one_line_options(*options, again=again)
    except UsageProblem:
        if not is_interactive():
            raise
        return {
            option: t("prompt.one-line")
            for option, value in options
            if value is not None and breaks_a_line(value)
        }
    return {}


def date_shown(text: str | None, ahead: bool = True) -> str:
    """A date option for a refusal's example: as given, or the date to write when it would be refused too."""
    from spredning.app.plan import parse_due

    try:
        parse_due(text or "", ahead)
    except UsageProblem as refused:
        return str(refused.params.get("example", text))
    return text or ""


def typed_words(*options: tuple[str, str]) -> list[str]:
    """Options for a hint's command from text a user typed that was not saved: those with a value.

    Each value is quoted for the shell; its runs of blank space (a line break pasted in) become
    one space, so the command stays one line to copy.
    """
    words: list[str] = []
    for option, value in options:
        value = " ".join(value.split())
        if value:
            words += [option, shell_word(value)]
    return words


def phase_command(
    phase: Phase,
    role: str,
    partner: Partner | None = None,
    project: str | NamedProject | None = NAMED,
    several: bool = False,
) -> str:
    """The exact command to answer (or resume) a phase, for hints."""
    words = ("fase", phase_word(phase), "--rolle", role)
    return command(*words, partner=partner if several else None, project=project)


def read_user_yaml(path: str, problem_key: str) -> object:
    """Read a YAML file the user hands us (answers) with the hardened rules."""
    from spredning.core import fileio, yamlio

    try:
        text = yamlio.decode(fileio.read_capped(Path(path), yamlio.MAX_BYTES))
        data = yamlio.loads(text)
        yamlio.refuse_comment_after_text(text)  # every value is an answer: none may lose its end
        return data
    except fileio.SpecialFile as exc:  # a folder, a device, a pipe no program writes to: not a file to read
        kind = Message(f"files.kind.{exc.kind}")
        raise UsageProblem(f"{problem_key}.not-a-file", path=path, kind=kind) from None
    except OSError as exc:
        raise SpredningError(f"{problem_key}.unreadable", path=path, reason=fileio.reason(exc)) from None
    except yamlio.YamlProblem as exc:
        raise SpredningError(f"{problem_key}.invalid", path=path, problem=exc.message) from None


def tell_odd_files(console, rows) -> None:
    """Name each project file under a name the program does not use, with what to do with it.

    A copy of a project here may hold a colleague's answers (a sync service's conflict copy): they
    are brought in first, then the file can go. A project file with no project here is brought in
    as a new project (the file itself is not changed). See Store.odd_files. The file's path and
    the command are each kept whole on a line.
    """
    from spredning.cli.render_text import print_fitted

    for row in rows:
        if row.problem is not None:  # 'importer' would refuse it: why, and no advice to import it
            said = t("projects.odd-broken", path=row.path, problem=row.problem.message)
            print_fitted(console, said, row.path, style="yellow", rest="")
            continue
        bring_in = command("importer", path_word(row.path), project=None)
        if row.same is not None:
            hint = t("projects.odd-copy", path=row.path, name=row.same.name, command=bring_in)
        else:
            hint = t("projects.odd-file", path=row.path, command=bring_in)
        print_fitted(console, hint, (row.path, bring_in), style="yellow", rest="")


def tell_missing_names(
    console, project: Project, side: str | None, project_option: str | NamedProject | None = NAMED
) -> None:
    """A sharing side's project without the names start may leave out: said with the command to add each.

    `start --rolle dele` without --deler or --genbruger makes the project (partners come later),
    so `start` and `status` say what is missing.
    """
    from spredning.cli.render_text import print_fitted

    if side == "genbruge":
        return
    for missing, words in (
        (not project.sharing_org.strip(), ("projekt", "deler")),
        (not project.partners, ("projekt", "genbruger")),
    ):
        if missing:
            shown = command(*words, project=project_option)
            key = "start.sharing-missing" if words[1] == "deler" else "start.partners-missing"
            print_fitted(console, t(key, command=shown), shown, style="yellow")
