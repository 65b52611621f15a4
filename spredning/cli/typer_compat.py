"""Everything that touches Typer's (and its vendored click's) internals, in one place.

Typer 0.28 is pinned (pyproject.toml); tests/test_typer_compat.py has a test per behaviour below,
so an upgrade that breaks one fails loudly instead of quietly printing English or slowing down:

1. Help pages in the user's language: the few fixed words Typer writes ("Usage:", "Options",
   "Show this message and exit.") come from our catalogue (``install`` points Typer's lookup at it),
   and the usage line writes a required argument as FASE rather than {FASE}.
2. Usage errors as catalogue messages: errors are told apart by their click class and attributes
   (never by their English text); an extra argument, an unknown command and a missing command are
   our own errors (the last reads Typer's private ``ctx._protected_args``).
3. The command list takes each command's short help from the catalogue, so it is never cut off.
4. Help pages fit a window narrower than 52 columns (click lays them out for 50 at the least).

Why 0.28 and not 0.29: from 0.29 Typer converts every option through pydantic, whose import costs
about 65 ms and 12 MiB for every command (the README's section on speed has the numbers). 0.28
parses the same command line with its own converters; tests/test_startup.py checks that no command
imports pydantic, so an upgrade that brings it back is noticed.

Plain help is chosen over Typer's rich help on purpose: it is readable when piped and ~65 ms faster.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from typing import TYPE_CHECKING, Any

import typer.core
from typer._click import exceptions as _click_exceptions  # Typer 0.28 carries its own click
from typer._click import formatting as _click_formatting

from spredning import i18n
from spredning.core.errors import EXIT_USAGE, Message, UsageProblem
from spredning.i18n import has, t

ClickException = _click_exceptions.ClickException
UsageError = _click_exceptions.UsageError
NoArgsIsHelpError = _click_exceptions.NoArgsIsHelpError
MissingParameter = _click_exceptions.MissingParameter  # a command's argument asked only in a terminal

__all__ = [
    "ClickException",
    "DanishCommand",
    "DanishGroup",
    "MissingParameter",
    "NoArgsIsHelpError",
    "UsageError",
    "install",
    "usage_message",
]

_REQUIRED = r"^\{(.+)\}(?=(\.\.\.)?$)"  # a required argument in Typer's usage line: {FASE}
# Typer's own words in help pages, and the catalogue keys that say them.
_WORDS = {
    "Options": "typer.options",
    "Arguments": "typer.arguments",
    "Commands": "typer.commands",
    "required": "typer.required",
    "default: {default}": "typer.default",
    "env var: {var}": "typer.env-var",
    "(dynamic)": "typer.dynamic",
    "Aborted!": "typer.aborted",
}


def _translate(message: str) -> str:
    key = _WORDS.get(message)
    if key is None:
        return message
    return t(key).replace("[default]", "{default}").replace("[var]", "{var}")


def install() -> None:
    """Make Typer's help pages use the catalogue's words (behaviour 1)."""
    typer.core._ = _translate


def usage_message(exc: ClickException) -> Message:
    """A click usage error as a catalogue message, by its class and attributes (behaviour 2)."""
    if isinstance(exc, _click_exceptions.NoSuchOption):
        return Message("usage.no-option", {"option": exc.option_name, "close": _close_options(exc)})
    if isinstance(exc, _click_exceptions.BadOptionUsage):
        if _is_switch(exc.ctx, exc.option_name):  # '--json=ja': a switch was given a value
            return Message("usage.option-takes-no-value", {"option": exc.option_name})
        return Message("usage.option-needs-value", {"option": exc.option_name})
    if isinstance(exc, _click_exceptions.MissingParameter):
        return _missing_message(exc)
    if isinstance(exc, _click_exceptions.BadParameter):
        param = exc.param
        return Message("usage.bad-value", {"what": getattr(param, "metavar", None) or exc.param_hint or "?"})
    return Message("usage.other")


def _missing_message(exc) -> Message:
    """A missing argument: what to write there, with an example (the user's command, their options kept)."""
    param = exc.param
    shown = getattr(param, "metavar", None) or (getattr(param, "name", "") or "").upper()
    if "|" in shown:  # 'dele|genbruge': the choices, in words
        return Message("usage.missing-choice", {"choices": shown.split("|")})
    path = _command_words(exc.ctx)
    if path not in _MISSING:
        return Message("usage.missing", {"what": shown or "?"})
    phases = _phase_words(exc.ctx) if path in ("fase", "godkend") else []
    params: dict[str, object] = {"phases": phases, "given": _options_given(exc.ctx)}
    if path in ("plan ret", "plan luk"):  # a real action's id, or words that say where it goes
        from spredning.core.shellwords import shell_word

        found = _action_id(exc.ctx, open_only=path == "plan luk")
        if found is None:
            return Message(_NO_ID[path], params)
        params["id"] = shell_word(found)
    if path == "importer":
        return _missing_file(exc.ctx, params)
    if path in _REAL_PROJECT and (name := _project_name(exc.ctx, path == "projekt flet")) is not None:
        return Message(_REAL_PROJECT[path], {**params, "name": name})
    if path == "projekt flet":  # no project on this side to take answers from: an invented one is refused
        return Message("usage.missing.projekt-flet-none", params)
    return Message(_MISSING[path], params)


# A missing project's example with a real project's name (else the invented one of _MISSING).
_REAL_PROJECT = {
    "projekt brug": "usage.missing.projekt-brug-here",
    "projekt fjern": "usage.missing.projekt-fjern-here",
    "projekt flet": "usage.missing.projekt-flet-here",
}


def _project_name(ctx, others_only: bool) -> str | None:
    """A project here, quoted for the shell, for a missing project's example; None when there is none."""
    return project_word(getattr(ctx.find_root(), "obj", None), others_only=others_only)


def project_word(settings, *, others_only: bool = False) -> str | None:
    """A real project's name (app.project_example), quoted for the shell, for a hint; else None."""
    from spredning.app.project_example import example_project
    from spredning.app.workspace import Settings, Workspace
    from spredning.core.errors import SpredningError
    from spredning.core.shellwords import shell_word

    try:
        ws = Workspace(settings if isinstance(settings, Settings) else Settings())
        name = example_project(ws, others_only=others_only)
    except (SpredningError, OSError):
        return None
    return shell_word(name) if name is not None else None


# A command's missing argument, said with what to write and an example (by the command's words).
_MISSING = {
    "fase": "usage.missing.fase",
    "godkend": "usage.missing.godkend",
    "importer": "usage.missing.importer",
    "plan ret": "usage.missing.plan-ret",
    "plan luk": "usage.missing.plan-luk",
    "projekt brug": "usage.missing.projekt-brug",
    "projekt deler": "usage.missing.projekt-deler",
    "projekt genbruger": "usage.missing.projekt-genbruger",
    "projekt fjern-genbruger": "usage.missing.projekt-fjern-genbruger",
    "projekt fjern": "usage.missing.projekt-fjern",
    "projekt flet": "usage.missing.projekt-flet",
}

_NO_ID = {  # no action's id is known (an empty plan, no project): the words say where it goes
    "plan ret": "usage.missing.plan-ret-unknown",
    "plan luk": "usage.missing.plan-luk-unknown",
}


def _options_given(ctx) -> str:
    """The options the user gave with a command whose argument is missing, written again (' --fælles').

    The example in the message is their own command with the argument added: 'godkend --fælles'
    is shown as 'godkend tjek --fælles', not as a plain 'godkend tjek' that would approve another
    dialogue. A value with a space is in double quotes, as the message's examples write it.
    """
    from spredning.cli.commands.commandline import given_words

    if ctx is None:
        return ""
    return "".join(f" {word}" for word in given_words(ctx))


def _command_words(ctx) -> str:
    """The command of `ctx` as its words after the program: 'fase', 'projekt brug'."""
    if ctx is None:
        return ""
    return " ".join(ctx.command_path[len(ctx.find_root().command_path) :].split())


def _phase_words(ctx) -> list[str]:
    """The guide's phases as 'spredning fase' takes them, for a missing phase; none if it cannot load."""
    from spredning.cli.commands.names import phase_words
    from spredning.core.content import load_guide
    from spredning.core.errors import SpredningError

    settings = getattr(ctx.find_root(), "obj", None)
    try:
        guide = load_guide(getattr(settings, "guide_dir", None), i18n.language())
    except (SpredningError, OSError):  # a broken guide is said when a command loads it
        return []
    return phase_words(guide)


def _missing_file(ctx, params: dict[str, object]) -> Message:
    """A missing file for 'importer': a file lying here that would import, as the example; else why none.

    Honest about the folder: a file that cannot be imported (damaged, or refused for this computer)
    is not offered, and no made-up name is shown as if it were there. When the files here that look
    like a partner's all fail, or were all imported already, that is said, naming one of them.
    """
    from spredning.app.exchange.importable import importable
    from spredning.app.files import default_folders
    from spredning.app.workspace import Settings, Workspace
    from spredning.cli.home import here_word, none_importable
    from spredning.core.errors import SpredningError

    settings = getattr(ctx.find_root(), "obj", None)
    try:
        ws = Workspace(settings if isinstance(settings, Settings) else Settings())
        judged = importable(ws, default_folders(ws), first=True)
    except (SpredningError, OSError):  # the folder could not be judged: said by the command, given a file
        return Message("usage.missing.importer", params)
    why = none_importable(judged)
    if why is None:
        return Message("usage.missing.importer-here", {**params, "file": here_word(judged.good[0])})
    return Message(_NONE_HERE[why[0]], {**params, **why[1]})


_NONE_HERE = {  # cli.home.none_importable's reasons, in a missing file's refusal
    "nothing": "usage.missing.importer",
    "broken": "usage.missing.importer-broken",
    "brought": "usage.missing.importer-brought",
}


def _action_id(ctx, open_only: bool) -> str | None:
    """An action's id from the project the command would work on, for a missing id's example."""
    from spredning.app.plan import example_id
    from spredning.app.workspace import Settings, Workspace

    settings = getattr(ctx.find_root(), "obj", None)
    return example_id(Workspace(settings if isinstance(settings, Settings) else Settings()), open_only)


def _close_options(exc) -> list[str]:
    """The command's options whose names are close to the one typed: '--jsn' -> '--json', '-h' -> '--help'.

    Compared without their dashes, and only when alike (0.65, as commands): click's own
    suggestions count the shared '--', and offered '--json' for '--version' and '--person'.
    """
    command = getattr(exc.ctx, "command", None)
    names = {
        name
        for param in getattr(command, "params", ())
        for name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ()))
        if name.startswith("--")
    }
    names.update(getattr(exc.ctx, "help_option_names", ()))
    bare = {name.lstrip("-"): name for name in names}
    typed = (exc.option_name or "").lstrip("-")
    begins = [name for name in bare if name.startswith(typed)]
    if typed == "h" and "help" in bare:  # as in most programs, also where '--hjem' begins with h
        return [bare["help"]]
    if len(typed) == 1 and len(begins) == 1:  # one letter is too little to be alike: '-p' for '--partner'
        return [bare[begins[0]]]
    return sorted(bare[close] for close in difflib.get_close_matches(typed, list(bare), n=3, cutoff=0.65))


def _option_of_command(group, ctx, args: list[str], option: str) -> None:
    """An option of a command written before it ('spredning --json status') is said to be so.

    The command is found by its words ('plan tilføj'); other words may be options' values.
    """
    current, words = group, list[str]()
    for word in args:
        found = (
            None
            if word.startswith("-") or not hasattr(current, "get_command")
            else current.get_command(ctx, word)
        )
        if found is None:
            continue
        current, words = found, [*words, word]
        if any(option in (*p.opts, *p.secondary_opts) for p in current.params):
            command = " ".join(words)
            hint = Message("usage.see-help", {"command": f"{help_path(ctx)} {command}"})
            raise UsageProblem("usage.option-after-command", hint=hint, option=option, command=command)


def _no_option_as_value(command, ctx, args: list[str], group: bool = False) -> None:
    """An option that needs a value, followed by another option, lacks its value.

    click would take the next option as the value: 'plan tilføj --hvad --help' saved an action
    called "--help", and 'plan tilføj --hvem --hvad Noget' ended as "an argument too many". For
    a command the next word is one of its options; for a group (the global options, which come
    first) any word that starts with '--', and only the words before its command are its own.
    """
    params = command.get_params(ctx)
    names = {name for p in params for name in (*p.opts, *p.secondary_opts) if name.startswith("-")}
    valued = {name for p in params if p.param_type_name == "option" and not p.is_flag for name in p.opts}
    position = 0
    while position < len(args) - 1:
        word, following = args[position], args[position + 1]
        if word == "--" or (group and not word.startswith("-")):
            return
        if word in valued:
            if following in names or (group and following.startswith("--")):
                raise UsageProblem("usage.option-needs-value", hint=see_help(ctx), option=word)
            position += 1  # its value
        position += 1


def _takes_words(command) -> bool:
    """Whether the command takes an argument that may have spaces: a name, a file, a text, a tool."""
    spaced = {
        t(key) for key in ("metavar.name", "metavar.file", "metavar.folder", "metavar.text", "metavar.tool")
    }
    return any(p.param_type_name == "argument" and p.metavar in spaced for p in command.params)


def _takes_file(command) -> bool:
    """Whether the command takes one file as its argument (importer)."""
    return any(p.param_type_name == "argument" and p.metavar == t("metavar.file") for p in command.params)


def _is_switch(ctx, name: str) -> bool:
    """Whether the option `name` of the command in `ctx` is a switch (an on/off flag, no value)."""
    if name in getattr(ctx, "help_option_names", ()):
        return True
    command = getattr(ctx, "command", None)
    for param in getattr(command, "params", ()):
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return bool(getattr(param, "is_flag", False))
    return False


def _no_type(ctx=None) -> None:
    return None


if TYPE_CHECKING:  # the mixin is only ever mixed into Typer's command classes
    _Command = typer.core.TyperCommand
else:
    _Command = object


NARROW_HELP = 50  # click's least width for a help page; a narrower window folded every line again


class _NarrowHelpFormatter(_click_formatting.HelpFormatter):
    """Click's help layout, but to the window's width when it is narrower than click's least (behaviour 4).

    At 40 columns click wrote lines of 48, which the terminal folded once more mid-word, and kept
    the option column 30 wide, leaving the explanations a column of ten letters.
    """

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None):
        columns = shutil.get_terminal_size().columns
        if width is None and 0 < columns - 2 < NARROW_HELP:
            width = max(columns, 20) - 2  # as console.usable_width: below 20 columns, 20
        super().__init__(indent_increment, width, max_width)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """A longer option stands on its own line, its explanation under it, as click does past 30."""
        narrow = self.width < NARROW_HELP
        super().write_dl(rows, min(col_max, self.width // 3) if narrow else col_max, col_spacing)


class _HelpContext(typer.Context):
    formatter_class = _NarrowHelpFormatter


class _DanishHelpMixin(_Command):
    context_class = _HelpContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:  # arguments are named by their metavar, not "<str>"
            if getattr(param, "param_type_name", "") == "argument":
                param.display_type_rich = _no_type  # type: ignore[attr-defined]  # a Typer attribute
        self.options_metavar = t("typer.options-metavar")
        if hasattr(self, "subcommand_metavar") and not kwargs.get("subcommand_metavar"):
            self.subcommand_metavar = t("typer.command-metavar")

    def format_usage(self, ctx, formatter) -> None:
        pieces = [re.sub(_REQUIRED, r"\1", piece) for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("typer.usage"))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("typer.help-option")
            option.callback = _show_help
        return option


def _show_help(ctx, param, value) -> None:
    """--help: the help page through the safe stream, so '--help | head' ends like every command.

    (Click's own callback writes with click.echo, and Typer ends with code 1 when the reader of
    the help stops early; see main._output_failed for what spredning does.)
    """
    if not value or ctx.resilient_parsing:
        return
    from spredning.cli.console import echo

    echo(ctx.get_help())
    ctx.exit()


def help_path(ctx) -> str:
    """The command of `ctx` as this user types it, with the global options given (--sprog en).

    The help it points to is then in the language the user reads.
    """
    root = ctx.find_root().command_path
    return i18n.program() + ctx.command_path[len(root) :]


def see_help(ctx, typed: str = "", close: list[str] | None = None) -> Message:
    """Where the help is; with one `close` match for the word `typed`, the user's command put right too.

    'spredning fse' ends with 'Fx: spredning fase' after the help's pointer (commandline.put_right).
    """
    from spredning.cli.commands.commandline import put_right

    example = put_right(typed, close[0]) if typed and close and len(close) == 1 else None
    if example is not None:
        return Message("usage.see-help.put-right", {"command": help_path(ctx), "example": example})
    return Message("usage.see-help", {"command": help_path(ctx)})


# Words a user may try for a command, from the help's own words ("Skift projekt"): suggested as
# the command when it is in the group they typed it in.
_OTHER_WORDS = {
    "skift": "brug",
    "vælg": "brug",
    "aktiver": "brug",
    "aktivér": "brug",
    "slet": "fjern",
    "ny": "start",
    "opret": "start",
    "hent": "importer",
    "send": "eksport",
}


class DanishGroup(_DanishHelpMixin, typer.core.TyperGroup):
    """A command group whose help page and unknown-command message come from the catalogue."""

    def format_commands(self, ctx, formatter) -> None:
        """The command list with each command's short help from the catalogue (never cut off).

        The key is the command's path: ``help.fase.short``, ``help.projekt.brug.short``; a
        command without one shows Typer's shortened help.
        """
        prefix = ".".join(["help", *ctx.command_path.split()[1:]])
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            key = f"{prefix}.{name}.short"
            rows.append((name, t(key) if has(key) else command.get_short_help_str(formatter.width - 20)))
        if rows:
            with formatter.section(t("typer.commands")):
                formatter.write_dl(rows)

    def parse_args(self, ctx, args):
        """As Typer's, but a usage error names this group, and a missing command is our error."""
        _no_option_as_value(self, ctx, args, group=True)
        try:
            rest = super().parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            if isinstance(exc, _click_exceptions.NoSuchOption) and exc.option_name:
                _option_of_command(self, ctx, args, exc.option_name)
            raise
        # Typer keeps the command's name in a private attribute; only options and no command given
        if (
            not getattr(ctx, "_protected_args", True)
            and not self.invoke_without_command
            and not ctx.resilient_parsing
        ):
            raise UsageProblem("usage.missing-command", hint=see_help(ctx))
        return rest

    def resolve_command(self, ctx, args):
        """As Typer's, but an unknown command is our error, with the closest commands suggested."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            # 0.65, not difflib's 0.6: 'ukendt' (unknown) is not a typo of 'godkend' (0.62), nor
            # 'import' of 'rapport', while 'moede' still finds 'møde' (0.67)
            known = self.list_commands(ctx)
            said_so = _OTHER_WORDS.get(name.casefold())  # 'projekt skift': the help's own word for 'brug'
            # a word meant otherwise first: 'slet' (delete) is not a typo of 'flet' (merge)
            close = [said_so] if said_so in known else difflib.get_close_matches(name, known, cutoff=0.65)
            raise UsageProblem("usage.no-command", hint=see_help(ctx, name, close), name=name, close=close)
        return super().resolve_command(ctx, args)


class DanishCommand(_DanishHelpMixin, typer.core.TyperCommand):
    """A command whose help page and usage errors come from the catalogue."""

    def parse_args(self, ctx, args):
        """As Typer's; extra arguments are our own error, and every usage error names this command."""
        ctx.allow_extra_args = True
        _no_option_as_value(self, ctx, args)
        try:
            rest = super().parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:  # Typer's parser raises "option needs a value" without a context
                exc.ctx = ctx
            raise
        if ctx.args and not ctx.resilient_parsing:
            spaced = _takes_words(self)  # the extra words may be the rest of a name: quotes help
            hint = "usage.extra-arguments.hint" if spaced else "usage.see-help"
            if _takes_file(self) and all(os.path.isfile(arg) for arg in ctx.args):
                hint = "usage.extra-files.hint"  # 'importer *.yaml': several whole files, not a split name
            raise UsageProblem(
                "usage.extra-arguments",
                hint=Message(hint, {"command": help_path(ctx)}),
                args=list(ctx.args),
                n=len(ctx.args),
                exit_code=EXIT_USAGE,
            )
        return rest
